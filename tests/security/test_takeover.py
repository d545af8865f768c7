"""Issue 11 holes 2 and 3: no account takeover through an email change, a 2FA reset, the public
password reset or a compromise report made by whoever holds only the password."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django_otp import devices_for_user
from wagtail.models import ModelLogEntry

from accounts import lifecycle
from accounts.models import AccountState, SetupLink
from tests.conftest import login_admin

from .conftest import PASSWORD, code_for, enrol, password_login

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "một mật khẩu mới thật dài 2026"


def as_user(user) -> Client:
    client = Client()
    login_admin(client, user)
    return client


def actions(user) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(user.pk), content_type__model="user").values_list(
            "action", flat=True
        )
    )


def edit_form(user, **changes) -> dict:
    data = {
        "first_name": user.first_name or "An",
        "last_name": user.last_name or "Nguyễn",
        "email": user.email,
        "groups": [g.pk for g in user.groups.all()],
        "approved_by": "",
        "decision_reference": "",
    }
    data.update(changes)
    return data


def test_the_attack_chain_is_closed(world, django_capture_on_commit_callbacks):
    """Delegated admin: change the colleague's email, reset their 2FA, use the public password reset."""
    admin = as_user(world.admin_a)
    url = f"/admin/agency-users/{world.editor_a.pk}/"
    admin.post(url, edit_form(world.editor_a, email="attacker@evil.example"))
    world.editor_a.refresh_from_db()
    assert world.editor_a.email == "editor-a@camau.gov.vn"  # an agency admin cannot change it

    # The public password reset is gone.
    assert Client().get("/admin/password_reset/").status_code == 404
    assert "password_reset" not in Client().get("/admin/login/").content.decode()


def test_provincial_email_change_is_audited_told_to_the_old_address_and_holds_resets(
    world, django_capture_on_commit_callbacks
):
    province = as_user(world.province_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = province.post(
            f"/admin/agency-users/{world.editor_a.pk}/", edit_form(world.editor_a, email="moi@camau.gov.vn")
        )
    assert response.status_code == 302
    world.editor_a.refresh_from_db()
    assert world.editor_a.email == "moi@camau.gov.vn"
    assert "accounts.email_changed" in actions(world.editor_a)
    told = [m for m in mail.outbox if "editor-a@camau.gov.vn" in m.to]
    assert told and "editor-a" in told[0].subject

    # A fresh address and a 2FA reset or setup link never combine, whoever asks.
    login_admin(Client(), world.editor_a)
    for who in (world.admin_a, world.province_admin):
        for action in ("reset-2fa", "setup-link"):
            refused = as_user(who).post(
                f"/admin/agency-users/{world.editor_a.pk}/{action}/", {"confirm": "on"}
            )
            assert refused.status_code == 409, (who, action)
            assert list(devices_for_user(world.editor_a, confirmed=None))
    assert not SetupLink.objects.filter(user=world.editor_a).exists()


def test_any_route_to_an_email_change_is_recorded(world):
    world.editor_b.email = "khac@camau.gov.vn"
    world.editor_b.save()  # e.g. Wagtail's account page or the shell
    assert AccountState.objects.get(user=world.editor_b).email_changed_at is not None
    assert lifecycle.email_recently_changed(world.editor_b)


def test_two_factor_reset_is_audited_and_told_to_the_user(world, django_capture_on_commit_callbacks):
    login_admin(Client(), world.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        as_user(world.admin_a).post(f"/admin/agency-users/{world.editor_a.pk}/reset-2fa/", {"confirm": "on"})
    assert not list(devices_for_user(world.editor_a, confirmed=None))
    assert "accounts.otp_reset" in actions(world.editor_a)
    assert any("editor-a@camau.gov.vn" in m.to for m in mail.outbox)


def link_from_mail() -> str:
    bodies = [m.body for m in mail.outbox if "setup-link" in m.body]
    assert bodies, [m.subject for m in mail.outbox]
    return re.search(r"https?://[^/\s]+(/admin/2fa/setup-link/[^/\s]+/)", bodies[-1]).group(1)


def test_setup_link_sets_a_new_password_once_then_enrolment_is_required(
    world, django_capture_on_commit_callbacks
):
    admin = as_user(world.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        page = admin.post(
            f"/admin/agency-users/{world.editor_a.pk}/setup-link/", {"confirm": "on"}, follow=True
        )
    assert page.status_code == 200
    path = link_from_mail()
    assert path.split("/")[-2] not in page.content.decode()  # the administrator never sees the link
    assert password_login(Client(), "editor-a").status_code == 200  # the old password is dead
    client = Client()
    assert client.get(path).status_code == 200
    weak = client.post(path, {"password1": "short", "password2": "short"})
    assert weak.status_code == 200 and SetupLink.objects.get(user=world.editor_a).used_at is None
    done = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert Client().get(path).status_code == 404  # one time only
    fresh = Client()
    response = password_login(fresh, "editor-a", NEW_PASSWORD)
    assert response.status_code == 302
    assert fresh.get("/admin/")["Location"].startswith("/admin/2fa/setup/")
    assert {"accounts.setup_link_issued", "accounts.setup_link_used"} <= set(actions(world.editor_a))


def test_compromise_reported_before_2fa_keeps_the_factor_and_unlock_forces_a_new_password(
    world, django_capture_on_commit_callbacks
):
    owner = Client()
    password_login(owner, "editor-a")
    secret, _codes = enrol(owner)

    # Whoever holds only the password reports "compromise" from the 2FA page, hoping to re-enrol.
    thief = Client()
    assert password_login(thief, "editor-a").status_code == 302
    thief.post("/admin/2fa/report-compromise/", {"confirm": "on"})
    world.editor_a.refresh_from_db()
    assert not world.editor_a.is_active
    assert list(devices_for_user(world.editor_a, confirmed=None))  # the factor is not removed

    with django_capture_on_commit_callbacks(execute=True):
        as_user(world.admin_a).post(
            f"/admin/agency-users/{world.editor_a.pk}/unlock/", {"note": "đã xác minh"}
        )
    world.editor_a.refresh_from_db()
    assert world.editor_a.is_active
    # The known password no longer opens the account; the owner gets a link at their address.
    again = Client()
    assert password_login(again, "editor-a", PASSWORD).status_code == 200
    assert not list(devices_for_user(world.editor_a, confirmed=None))
    path = link_from_mail()
    assert Client().post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    fresh = Client()
    assert password_login(fresh, "editor-a", NEW_PASSWORD).status_code == 302
    # The old authenticator went with the unlock: a new enrolment is required, not the old code.
    assert fresh.post("/admin/2fa/verify/", {"token": code_for(secret, ahead=1)}).status_code == 302
    assert fresh.get("/admin/")["Location"].startswith("/admin/2fa/setup/")
