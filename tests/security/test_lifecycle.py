"""R103, R105: lock, revoke, transfer and self-reported compromise take effect at once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django_otp import devices_for_user
from wagtail.models import ModelLogEntry, Page

from accounts.models import AccountState
from sites.models import AgencyGroup
from tests.conftest import group_of, login_admin

from .test_delegation import as_user

pytestmark = pytest.mark.django_db


def test_locking_ends_the_users_existing_session_at_once(world):
    victim = Client()
    login_admin(victim, world.editor_a)
    assert victim.get("/admin/").status_code == 200

    as_user(world.admin_a).post(
        f"/admin/agency-users/{world.editor_a.pk}/lock/",
        {"reason": "security", "note": "suspicious sign-ins"},
    )
    rejected = victim.get("/admin/pages/")
    assert rejected.status_code == 302 and rejected["Location"].startswith("/admin/login/")
    assert (
        Client()
        .post("/admin/login/", {"username": "editor-a", "password": "a-long-test-password"})
        .status_code
        == 200
    )

    entry = ModelLogEntry.objects.get(action="accounts.lock", object_id=str(world.editor_a.pk))
    assert entry.user == world.admin_a and entry.data["reason"] == "security"
    assert entry.data["ip"] == "127.0.0.1"

    # The admin sees the lock in the account's history.
    history = as_user(world.admin_a).get(f"/admin/agency-users/{world.editor_a.pk}/").content.decode()
    assert 'id="account-history"' in history and "security" in history

    # Unlocking does not bring the old session back: it was ended, not paused.
    as_user(world.admin_a).post(f"/admin/agency-users/{world.editor_a.pk}/unlock/", {"note": ""})
    assert victim.get("/admin/")["Location"].startswith("/admin/login/")


def test_revoking_keeps_the_record_and_removes_every_right(world):
    as_user(world.admin_a).post(f"/admin/agency-users/{world.editor_a.pk}/revoke/", {"reason": "termination"})
    world.editor_a.refresh_from_db()
    assert not world.editor_a.is_active and not world.editor_a.groups.exists()
    assert AccountState.objects.get(user=world.editor_a).status == AccountState.Status.REVOKED
    assert ModelLogEntry.objects.filter(action="accounts.revoke", object_id=str(world.editor_a.pk)).exists()


def test_transfer_leaves_no_right_on_the_old_site(world):
    old_home = world.a.site.root_page
    new_home = world.b.site.root_page
    assert old_home.permissions_for_user(world.editor_a).can_edit()
    old_session = Client()
    login_admin(old_session, world.editor_a)

    response = as_user(world.province_admin).post(
        f"/admin/agency-users/{world.editor_a.pk}/transfer/",
        {
            "agency": world.b.pk,
            "role": "editors",
            "approved_by": "Chủ tịch UBND",
            "decision_reference": "QĐ 99",
        },
    )
    assert response.status_code == 302
    editor = type(world.editor_a).objects.get(pk=world.editor_a.pk)
    assert list(editor.groups.all()) == [group_of(world.b, AgencyGroup.Role.EDITORS)]
    assert not Page.objects.get(pk=old_home.pk).permissions_for_user(editor).can_edit()
    assert Page.objects.get(pk=new_home.pk).permissions_for_user(editor).can_edit()
    # The session opened under the old rights is gone too.
    assert old_session.get("/admin/")["Location"].startswith("/admin/login/")


def test_admin_resets_a_users_second_factor(world):
    login_admin(Client(), world.editor_a)
    assert list(devices_for_user(world.editor_a))
    as_user(world.admin_a).post(f"/admin/agency-users/{world.editor_a.pk}/reset-2fa/", {"confirm": "on"})
    assert not list(devices_for_user(world.editor_a, confirmed=None))
    entry = ModelLogEntry.objects.get(action="accounts.otp_reset", object_id=str(world.editor_a.pk))
    assert entry.user == world.admin_a


def test_reporting_compromise_locks_and_alerts_the_agency_admin(world, django_capture_on_commit_callbacks):
    client = Client()
    login_admin(client, world.editor_a)
    assert client.get("/admin/2fa/report-compromise/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/admin/2fa/report-compromise/", {"confirm": "on"})
    assert done.status_code == 200
    world.editor_a.refresh_from_db()
    assert not world.editor_a.is_active
    assert AccountState.objects.get(user=world.editor_a).reason == AccountState.Reason.COMPROMISED
    # The factor stays while locked (whoever reported may only hold the password); the unlock forces
    # a new password and a new enrolment (tests/security/test_takeover.py).
    assert list(devices_for_user(world.editor_a, confirmed=None))
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "admin-a@camau.gov.vn" in message.to and "admin-b@camau.gov.vn" not in message.to
    assert "editor-a" in message.subject and "a-long-test-password" not in message.body
    assert ModelLogEntry.objects.filter(
        action="accounts.compromised", object_id=str(world.editor_a.pk)
    ).exists()


def test_inactive_accounts_are_reported_and_optionally_locked(world, settings):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    settings.ACCOUNTS_INACTIVE_DAYS = 90
    type(world.editor_a).objects.filter(pk=world.editor_a.pk).update(
        last_login=timezone.now() - timedelta(days=120)
    )
    type(world.editor_b).objects.filter(pk=world.editor_b.pk).update(
        last_login=timezone.now() - timedelta(days=10)
    )
    type(world.admin_b).objects.filter(pk=world.admin_b.pk).update(
        date_joined=timezone.now() - timedelta(days=200)
    )
    out = StringIO()
    call_command("inactive_accounts", stdout=out)
    listed = out.getvalue().splitlines()
    assert "editor-a" in listed and "admin-b" in listed and "editor-b" not in listed
    assert mail.outbox and "province-admin@camau.gov.vn" in mail.outbox[0].to
    world.editor_a.refresh_from_db()
    assert world.editor_a.is_active

    call_command("inactive_accounts", "--lock", stdout=StringIO())
    world.editor_a.refresh_from_db()
    world.editor_b.refresh_from_db()
    assert not world.editor_a.is_active and world.editor_b.is_active
    assert ModelLogEntry.objects.filter(action="accounts.lock", object_id=str(world.editor_a.pk)).exists()


def test_a_lock_by_the_operator_notifies_the_agency(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.province_admin).post(
            f"/admin/agency-users/{world.editor_a.pk}/lock/", {"reason": "security", "note": "IDS alert"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["admin-a@camau.gov.vn"]
    assert "editor-a" in message.subject and "IDS alert" in message.body
