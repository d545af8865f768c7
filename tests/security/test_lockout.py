"""Issue 11 holes 1 and 9: the login lockout cannot be reset by someone else's good login, and wrong
second-factor codes count towards the same lockout as wrong passwords."""

from __future__ import annotations

import pytest
from django.test import Client

from .conftest import enrol, password_login

pytestmark = pytest.mark.django_db
WRONG = "wrong-password-123"


def test_own_good_logins_do_not_reset_failures_on_another_username(world):
    """The attack: from one address, guess the victim's password and interleave one's own good
    logins. Before the fix each good login wiped every failure of the address."""
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    for _guess in range(4):
        assert password_login(attacker, "editor-a", WRONG).status_code == 200
        assert password_login(attacker, "editor-b").status_code == 302  # the attacker's own account
        attacker.logout()
    # The fifth wrong guess locks the victim's name (and this address): the right password no longer
    # opens the victim's account, from here or elsewhere.
    assert password_login(attacker, "editor-a", WRONG).status_code == 429
    assert password_login(attacker, "editor-a").status_code == 429
    assert password_login(Client(REMOTE_ADDR="198.51.100.1"), "editor-a").status_code == 429


def test_a_good_login_still_clears_that_users_own_failures(world):
    client = Client(REMOTE_ADDR="203.0.113.6")
    for _round in range(3):
        for _typo in range(3):
            assert password_login(client, "editor-a", WRONG).status_code == 200
        # A login from another address is the user's own success: their count starts again.
        assert password_login(Client(REMOTE_ADDR="198.51.100.2"), "editor-a").status_code == 302
    assert password_login(Client(REMOTE_ADDR="198.51.100.3"), "editor-a").status_code == 302


def test_wrong_second_factor_codes_count_towards_the_login_lockout(world):
    owner = Client()
    password_login(owner, "editor-a")
    enrol(owner)

    # Someone who knows the password but not the device: three wrong codes and two wrong passwords
    # reach the limit of five failures for the username.
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    assert password_login(attacker, "editor-a").status_code == 302
    for _code in range(3):
        attacker.post("/admin/2fa/verify/", {"token": "000000"})
    second = Client(REMOTE_ADDR="203.0.113.8")
    assert password_login(second, "editor-a", WRONG).status_code == 200
    assert password_login(second, "editor-a", WRONG).status_code == 429
    assert password_login(Client(REMOTE_ADDR="198.51.100.4"), "editor-a").status_code == 429


def test_a_locked_out_username_cannot_pass_the_second_factor_either(world):
    owner = Client()
    password_login(owner, "editor-a")
    secret, _codes = enrol(owner)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    assert password_login(attacker, "editor-a").status_code == 302
    for _attempt in range(5):
        password_login(Client(REMOTE_ADDR="203.0.113.10"), "editor-a", WRONG)
    from .conftest import code_for

    response = attacker.post("/admin/2fa/verify/", {"token": code_for(secret, ahead=1)})
    assert response.status_code == 429
    assert attacker.get("/admin/")["Location"].startswith("/admin/login/")
