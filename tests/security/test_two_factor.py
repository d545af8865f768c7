"""R101: enrolment, verification, backup codes, lockouts, idle expiry, audit entries."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from accounts.middleware import LAST_SEEN_KEY
from accounts.models import AccountState

from .conftest import code_for, enrol, password_login

pytestmark = pytest.mark.django_db


def actions_for(user) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(user.pk), content_type__model="user")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_first_login_must_enrol_then_each_session_verifies(world):
    client = Client()
    response = password_login(client, "editor-a")
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 302 and dashboard["Location"].startswith("/admin/2fa/setup/")

    secret, codes = enrol(client)
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200

    # A new session asks for a code, not for enrolment again.
    other = Client()
    password_login(other, "editor-a")
    assert other.get("/admin/pages/")["Location"].startswith("/admin/2fa/verify/?next=%2Fadmin%2Fpages%2F")
    wrong = other.post("/admin/2fa/verify/", {"token": "000000"})
    assert wrong.status_code == 200 and other.get("/admin/")["Location"].startswith("/admin/2fa/verify/")
    right = other.post("/admin/2fa/verify/", {"token": code_for(secret, ahead=1), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert other.get("/admin/").status_code == 200

    actions = actions_for(world.editor_a)
    for expected in (
        "accounts.login",
        "accounts.otp_enrolled",
        "accounts.otp_failed",
        "accounts.otp_verified",
    ):
        assert expected in actions
    failed = ModelLogEntry.objects.filter(
        action="accounts.otp_failed", object_id=str(world.editor_a.pk)
    ).first()
    assert failed.data["ip"] == "127.0.0.1" and failed.user_id == world.editor_a.pk
    # Neither the secret nor any code is ever written to the log.
    for entry in ModelLogEntry.objects.all():
        assert secret not in str(entry.data) and not any(code in str(entry.data) for code in codes)


def test_backup_code_works_once_and_can_be_regenerated(world):
    first = Client()
    password_login(first, "editor-a")
    _secret, codes = enrol(first)

    second = Client()
    password_login(second, "editor-a")
    assert second.post("/admin/2fa/verify/", {"token": codes[0]}).status_code == 302
    assert second.get("/admin/").status_code == 200

    third = Client()
    password_login(third, "editor-a")
    reused = third.post("/admin/2fa/verify/", {"token": codes[0]})
    assert reused.status_code == 200 and "/admin/2fa/verify/" in third.get("/admin/")["Location"]

    regenerated = second.post("/admin/2fa/backup-codes/")
    assert regenerated.status_code == 200
    import re

    new_codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", regenerated.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(codes)
    # The old codes died with the regeneration.
    assert third.post("/admin/2fa/verify/", {"token": codes[1]}).status_code == 200
    assert third.post("/admin/2fa/verify/", {"token": new_codes[0]}).status_code == 302
    assert "accounts.backup_codes" in actions_for(world.editor_a)


def test_five_wrong_codes_block_the_second_factor(world):
    client = Client()
    password_login(client, "editor-a")
    secret, _codes = enrol(client)

    attacker = Client()
    password_login(attacker, "editor-a")
    for _attempt in range(4):
        assert attacker.post("/admin/2fa/verify/", {"token": "123456"}).status_code == 200
    blocked = attacker.post("/admin/2fa/verify/", {"token": "123456"})
    assert blocked.status_code == 429
    assert AccountState.objects.get(user=world.editor_a).otp_locked
    # Logged out, and even the right code is refused for the cool-off period.
    assert attacker.get("/admin/")["Location"].startswith("/admin/login/")
    # The five wrong codes are five failed sign-ins of the name (issue 11, hole 9): even the right
    # password is refused now, from anywhere.
    again = Client(REMOTE_ADDR="10.7.7.7")
    assert password_login(again, "editor-a").status_code == 429
    assert again.post("/admin/2fa/verify/", {"token": code_for(secret, ahead=1)}).status_code != 200
    assert "accounts.otp_blocked" in actions_for(world.editor_a)


def test_password_lockout_per_user_and_per_address(world):
    client = Client()
    for _attempt in range(4):
        assert password_login(client, "editor-a", "wrong-password-123").status_code == 200
    # The fifth failure locks; from then on even the right password is refused.
    assert password_login(client, "editor-a", "wrong-password-123").status_code == 429
    locked = password_login(client, "editor-a")
    assert locked.status_code == 429
    assert "Sign-in temporarily blocked" in locked.content.decode() or "tạm khóa" in locked.content.decode()
    assert "accounts.login_failed" in actions_for(world.editor_a)
    assert "accounts.locked_out" in actions_for(world.editor_a)

    # Another address may still sign in as that user? No: the username is locked everywhere.
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert password_login(elsewhere, "editor-a").status_code == 429
    # And the first address is locked for every username.
    assert password_login(client, "editor-b").status_code == 429
    # A third address with another user is unaffected.
    assert password_login(Client(REMOTE_ADDR="10.9.9.9"), "editor-b").status_code == 302


def test_idle_session_expires(world, settings):
    client = Client()
    password_login(client, "editor-a")
    enrol(client)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - (settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 + 5)
    session.save()
    expired = client.get("/admin/pages/")
    assert expired.status_code == 302 and expired["Location"].startswith("/admin/login/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert "accounts.session_ended" in actions_for(world.editor_a)


def test_unverified_session_is_anonymous_outside_the_admin(world):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction

    document = get_document_model().objects.create(
        title="Nội bộ",
        file=ContentFile(b"%PDF-1.4 internal", name="noi-bo.pdf"),
        collection=world.a.collection,
    )
    CollectionViewRestriction.objects.create(
        collection=world.a.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    url = document.url
    client = Client()
    password_login(client, "editor-a")
    refused = client.get(url)
    assert refused.status_code == 302 and "/admin/login/" in refused["Location"]
    enrol(client)
    served = client.get(url)
    assert served.status_code == 200
