"""Shared fixtures. Service-backed tests skip on a developer's machine without the service,
and fail under CI=true, where the project's own scripts must have started it."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from modelsearch.backends import get_search_backend

from sites.models import Agency, AgencyGroup
from sites.provisioning import provision_agency
from sites.publishing import publishing_without_review

IN_CI = os.environ.get("CI", "").lower() == "true"


def require_service(env_var: str, what: str) -> str:
    value = os.environ.get(env_var, "")
    if not value:
        message = f"{what} is not configured ({env_var} is empty)"
        if IN_CI:
            pytest.fail(f"{message}: under CI=true the test run must start it (scripts/services.sh).")
        pytest.skip(message)
    return value


def refresh_search_index() -> None:
    """Elasticsearch/OpenSearch make new documents searchable on refresh; the database backend at once."""
    backend = get_search_backend()
    if hasattr(backend, "get_index_for_model"):
        from wagtail.models import Page

        backend.get_index_for_model(Page).refresh()


@pytest.fixture(scope="session", autouse=True)
def search_index(django_db_setup, django_db_blocker):
    """A search node starts each run with a fresh index built with Wagtail's own mappings."""
    if os.environ.get("SEARCH_URL"):
        with django_db_blocker.unblock():
            call_command("update_index", stdout=StringIO())


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "publication_gate: fixtures may not publish directly; only the editorial gate applies"
    )


@pytest.fixture(autouse=True)
def _fixtures_publish_directly(request):
    """Fixtures build live pages with `save_revision().publish()`, which the publication gate refuses
    outside an approved workflow. Tests under tests/moderation, and tests marked `publication_gate`,
    run with the gate alone; the others publish their fixtures as trusted code does."""
    if request.node.get_closest_marker("publication_gate") or "moderation" in request.node.path.parts:
        yield
        return
    with publishing_without_review("test fixture"):
        yield


@pytest.fixture
def portal(db) -> Agency:
    agency = Agency.objects.create(
        name="Ủy ban nhân dân tỉnh Cà Mau", kind=Agency.Kind.PROVINCE, email="ubnd@camau.gov.vn"
    )
    provision_agency(agency)
    return agency


@pytest.fixture
def make_agency(portal):
    def make(
        name: str, label: str, kind: str = Agency.Kind.WARD, parent: Agency | None = None, **extra
    ) -> Agency:
        agency = Agency.objects.create(name=name, domain_label=label, kind=kind, parent=parent, **extra)
        provision_agency(agency)
        agency.refresh_from_db()
        return agency

    return make


@pytest.fixture
def make_user(db):
    def make(username: str, *groups: Group, **extra):
        user = get_user_model().objects.create_user(
            username=username, password="a-long-test-password", email=f"{username}@camau.gov.vn", **extra
        )
        user.groups.add(*groups)
        return user

    return make


def login_admin(client, user) -> None:
    """Log a user into the admin the way every admin test must: signed in and past 2FA.

    The session is marked verified with a confirmed device of the user, exactly as the verify view
    does after a correct code (tests/security/ drive the real enrolment and verification).
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def superuser(make_user):
    return make_user("superadmin", is_superuser=True, is_staff=True)


def group_of(agency: Agency, role: str) -> Group:
    return AgencyGroup.objects.get(agency=agency, role=role).group
