"""Shared fixtures. Service-backed tests skip on a developer's machine without the service,
and fail under CI=true, where the project's own scripts must have started it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

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


DATA_MIGRATIONS = [
    ("cms.migrations.0003_seed_document_types", "seed"),
    ("moderation.migrations.0002_regulated_rejection_reasons", "add_reasons"),
    ("localization.migrations.0002_default_locales", "create_locales"),
]


def restore_migration_rows() -> None:
    """Transactional tests flush the database afterwards, taking the rows data migrations made with
    them; put those back (Wagtail's root page, default locale and root collection, and the
    project's managed lists) so such tests can follow one another."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)


@pytest.fixture
def committed_db(transactional_db) -> None:
    """A database whose writes really commit (other connections and processes see them)."""
    restore_migration_rows()


@pytest.fixture(scope="session", autouse=True)
def search_index(django_db_setup, django_db_blocker):
    """A search node starts each run with a fresh index built with Wagtail's own mappings; a database
    kept with --reuse-db after a transactional test gets its data-migration rows back."""
    with django_db_blocker.unblock():
        restore_migration_rows()
        if os.environ.get("SEARCH_URL"):
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


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test sees empty caches (its own key prefix: the Redis database outlives test transactions,
    whose on_commit purges never run, and is shared by runs)."""
    import uuid

    from django.core.cache import caches

    from caching import pagecache

    run = uuid.uuid4().hex[:12]
    caches["default"].key_prefix = f"test-{run}"
    cache = caches[pagecache.CACHE_ALIAS]
    cache.key_prefix = f"test-{run}"
    pagecache.reset_outage()
    pagecache._pending_purges.clear()
    yield cache


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


# ---------------------------------------------------------------- the demo province, built once per run
#
# Loading the demo province takes minutes; many tests need it. On PostgreSQL it is loaded once per test
# run into the (empty, migrated) test database, which is then saved as a template database; each test
# that asks for ``demo_db`` gets a fresh copy (CREATE DATABASE … TEMPLATE, about a second) and the empty
# database comes back afterwards the same way. Elsewhere (SQLite) the demo is loaded for each such test.


def _is_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def _swap_database(template: str) -> None:
    """Replace the test database by a copy of ``template`` (every Django connection closed first)."""
    from django.core.cache import caches
    from django.db import connection, connections

    name = connection.settings_dict["NAME"]
    connections.close_all()
    with connection._nodb_cursor() as cursor:  # connects to the server's maintenance database
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    for cache in caches.all():
        cache.clear()  # cached pages, site roots and settings belong to the database just replaced


def _save_as_template(template: str) -> None:
    from django.db import connection, connections

    name = connection.settings_dict["NAME"]
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')


def _reindex() -> None:
    if os.environ.get("SEARCH_URL"):
        call_command("update_index", stdout=StringIO())


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory) -> Path:
    """The media folder of the demo template's images and documents (one per run)."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="session")
def demo_templates(django_db_setup, django_db_blocker, demo_media) -> Iterator[tuple[str, str] | None]:
    """(empty template, demo template) on PostgreSQL, built on first use; None elsewhere."""
    from django.test import override_settings

    with django_db_blocker.unblock():
        if not _is_postgresql():
            yield None
            return
        from django.db import connection

        name = connection.settings_dict["NAME"]
        empty, demo = f"{name}_empty", f"{name}_demo"
        _save_as_template(empty)
        try:
            with override_settings(MEDIA_ROOT=demo_media):
                call_command("load_demo", stdout=StringIO())
            _save_as_template(demo)
        finally:
            _swap_database(empty)
            _reindex()  # the search node forgets the demo until a test asks for it
        yield empty, demo
        from django.db import connections

        connections.close_all()
        with connection._nodb_cursor() as cursor:
            for template in (empty, demo):
                cursor.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


@pytest.fixture
def _demo_database(request, demo_templates, demo_media, settings, django_db_blocker) -> Iterator[None]:
    """Swap the demo in before the test's transaction opens and the empty database back after it ends.

    The search node is reindexed only for tests that search the demo (``demo_search_db``): rebuilding
    the index costs more than the copy of the database.
    """
    if demo_templates is None:
        yield
        return
    from django.db import connection

    if connection.in_atomic_block:
        pytest.fail(
            "demo_db replaces the database: do not combine it with a django_db mark or an earlier db fixture"
        )
    settings.MEDIA_ROOT = demo_media  # where the template's files are
    searches = "demo_search_db" in request.fixturenames
    empty, demo = demo_templates
    with django_db_blocker.unblock():
        _swap_database(demo)
        if searches:
            _reindex()
    yield
    with django_db_blocker.unblock():
        _swap_database(empty)
        if searches:
            _reindex()


@pytest.fixture
def demo_db(_demo_database, db, demo_templates) -> None:
    """The demo province (``load_demo``) in the test database, for this test only.

    Like ``db``: the test runs in a transaction that is rolled back; the search node's index holds the
    demo while the test runs. Fixtures tear down in reverse order, so ``db`` rolls back before the
    empty database returns.
    """
    if demo_templates is None:
        call_command("load_demo", stdout=StringIO())


@pytest.fixture
def demo_search_db(demo_db) -> None:
    """``demo_db`` with the search node's index rebuilt for the demo (and emptied again after)."""
