"""Fixtures for the admin-security tests: two ward agencies, their admins and editors."""

from __future__ import annotations

import re
from base64 import b32decode
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django_otp.oath import totp

from sites.models import Agency, AgencyGroup
from tests.conftest import group_of
from tests.search.conftest import legal_index, make_document  # noqa: F401  (shared fixtures)

PASSWORD = "a-long-test-password"


@dataclass
class World:
    portal: Agency
    a: Agency
    b: Agency
    province_admin: AbstractUser
    admin_a: AbstractUser
    editor_a: AbstractUser
    admin_b: AbstractUser
    editor_b: AbstractUser


@pytest.fixture
def world(portal, two_wards, make_user) -> World:
    a, b = two_wards
    return World(
        portal=portal,
        a=a,
        b=b,
        province_admin=make_user("province-admin", group_of(portal, AgencyGroup.Role.ADMINS)),
        admin_a=make_user("admin-a", group_of(a, AgencyGroup.Role.ADMINS)),
        editor_a=make_user("editor-a", group_of(a, AgencyGroup.Role.EDITORS)),
        admin_b=make_user("admin-b", group_of(b, AgencyGroup.Role.ADMINS)),
        editor_b=make_user("editor-b", group_of(b, AgencyGroup.Role.EDITORS)),
    )


def password_login(client: Client, username: str, password: str = PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def secret_from(html: str) -> str:
    match = re.search(r'id="totp-secret" data-secret="([A-Z2-7]+)"', html)
    assert match, "the enrolment page shows the secret for manual entry"
    return match.group(1)


def code_for(secret: str, ahead: int = 0) -> str:
    """What the user's authenticator app shows now (RFC 6238, 30 s, 6 digits).

    A code is accepted once (no replay), so a second verification in the same 30 seconds uses the
    next window's code, which the device accepts within its one-step clock tolerance.
    """
    return f"{totp(b32decode(secret), t0=-30 * ahead):06d}"


@pytest.fixture(autouse=True)
def no_otp_backoff(settings):
    """django-otp's own growing delay after a wrong code (tested upstream) would make these tests
    sleep; the five-strikes block that matters here is ours and stays on."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enrol(client: Client) -> tuple[str, list[str]]:
    """Walk the real enrolment: read the secret from the page, post a code. Returns secret, codes."""
    page = client.get("/admin/2fa/setup/")
    assert page.status_code == 200
    secret = secret_from(page.content.decode())
    done = client.post("/admin/2fa/setup/", {"token": code_for(secret), "next": "/admin/"})
    assert done.status_code == 200, done.content[:500]
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert codes
    return secret, codes
