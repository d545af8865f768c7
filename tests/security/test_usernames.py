"""Issue 11 hole 8: user names are NFKC-normalised; control, zero-width, confusable characters and
markup are refused on every route that makes an account."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.usernames import normalise_username, validate_username
from sites.models import AgencyGroup
from tests.conftest import group_of, login_admin

pytestmark = pytest.mark.django_db

BAD_NAMES = [
    "sec_root\u200b",  # zero-width space
    "sec\u200droot",  # zero-width joiner
    "admin\u202egnp.exe",  # right-to-left override
    "root\x00",  # control
    "line\nbreak",
    "<img src=x onerror=alert(1)>",
    "a&b",
    'quote"name',
    "with space",
    "seс_root",  # Cyrillic es
    "аdmin",  # Cyrillic a
]


def post_new_user(client: Client, username: str, group) -> object:
    return client.post(
        "/admin/agency-users/new/",
        {
            "username": username,
            "first_name": "An",
            "last_name": "Nguyễn",
            "email": "an@camau.gov.vn",
            "groups": [group.pk],
            "password1": "một mật khẩu đủ dài 2026",
            "password2": "một mật khẩu đủ dài 2026",
            "approved_by": "Chủ tịch UBND phường",
            "decision_reference": "QĐ 12/QĐ-UBND",
        },
    )


def test_agency_admin_cannot_create_a_deceptive_username(world):
    client = Client()
    login_admin(client, world.admin_a)
    for name in BAD_NAMES:
        response = post_new_user(client, name, group_of(world.a, AgencyGroup.Role.EDITORS))
        assert response.status_code == 200, name  # the form again, with the reason
        assert not get_user_model().objects.filter(first_name="An", last_name="Nguyễn").exists(), name


def test_full_width_letters_are_normalised(world):
    client = Client()
    login_admin(client, world.admin_a)
    response = post_new_user(client, "ｎｇｕｙｅｎ.an", group_of(world.a, AgencyGroup.Role.EDITORS))
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="nguyen.an").exists()


def test_a_name_that_looks_like_an_existing_one_is_refused(world):
    with pytest.raises(ValidationError):
        normalise_username("Editor-A")
    with pytest.raises(ValidationError):
        normalise_username("edit0r-a")
    assert normalise_username("nguyễn.văn.an") == "nguyễn.văn.an"  # Vietnamese letters are Latin


def test_every_other_route_refuses_them_too(world):
    for name in BAD_NAMES:
        with pytest.raises(ValidationError):
            get_user_model().objects.create_user(username=name, password="x" * 20)
        renamed = get_user_model().objects.get(pk=world.editor_b.pk)
        renamed.username = name
        with pytest.raises(ValidationError):
            renamed.save()


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_whatever_the_validator_accepts_is_plain(name):
    try:
        validate_username(name)
    except ValidationError:
        return
    assert all(not char.isspace() and char not in "<>&\"'`/\\" for char in name)
    assert all(ord(char) >= 0x20 and char not in "\u200b\u200c\u200d\u2060\ufeff" for char in name)
