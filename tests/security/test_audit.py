"""R106: who did what, when, from where, in Wagtail's audit log; never a secret."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from wagtail.models import ModelLogEntry, Site

from sites.models import AgencyGroup
from tests.conftest import group_of, login_admin

pytestmark = pytest.mark.django_db


def test_failed_sign_in_for_an_unknown_name_is_logged_on_the_site(world):
    Client().post("/admin/login/", {"username": "khong-ton-tai", "password": "secret-guess-123"})
    entry = ModelLogEntry.objects.get(action="accounts.login_failed")
    assert entry.content_type.model == "site" and int(entry.object_id) in Site.objects.values_list(
        "pk", flat=True
    )
    assert entry.data["attempted"] == "khong-ton-tai" and entry.data["ip"] == "127.0.0.1"
    assert "secret-guess-123" not in str(entry.data)
    # The report lists it with its label and details.
    assert "khong-ton-tai" in entry.message


def test_group_membership_changes_name_the_actor(world):
    client = Client()
    login_admin(client, world.admin_a)
    board = group_of(world.a, AgencyGroup.Role.BOARD)
    own = group_of(world.a, AgencyGroup.Role.EDITORS)
    client.post(
        f"/admin/agency-users/{world.editor_a.pk}/",
        {
            "first_name": "An",
            "last_name": "Lê",
            "email": "an@camau.gov.vn",
            "groups": [own.pk, board.pk],
            "approved_by": "Trưởng ban",
            "decision_reference": "QĐ 7",
        },
    )
    entry = ModelLogEntry.objects.filter(
        action="accounts.groups_changed", object_id=str(world.editor_a.pk)
    ).latest("timestamp")
    assert (
        entry.user == world.admin_a and entry.data["change"] == "add" and entry.data["groups"] == [board.name]
    )


def test_group_permission_changes_are_logged(world, superuser):
    from wagtail.log_actions import LogContext

    group = group_of(world.a, AgencyGroup.Role.EDITORS)
    with LogContext(user=superuser):  # what Wagtail's admin views wrap every request in
        group.permissions.add(Permission.objects.get(codename="add_user"))
    entry = ModelLogEntry.objects.filter(
        action="accounts.permissions_changed", object_id=str(group.pk)
    ).latest("timestamp")
    assert entry.data == {"change": "add", "permissions": 1} and entry.user == superuser


def test_the_audit_report_shows_security_events(world, superuser):
    client = Client()
    login_admin(client, superuser)
    Client().post("/admin/login/", {"username": "editor-a", "password": "wrong-password-123"})
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "127.0.0.1" in html
