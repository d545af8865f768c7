"""R102-R104: an agency admin manages their own agency's people and nobody else's."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import RoleGrant
from sites.models import AgencyGroup
from tests.conftest import group_of, login_admin

pytestmark = pytest.mark.django_db
User = get_user_model()


def as_user(user) -> Client:
    client = Client()
    login_admin(client, user)
    return client


def refused(response) -> bool:
    """Wagtail turns a PermissionDenied inside the admin into a redirect to the dashboard."""
    if response.status_code == 302:
        return response["Location"] == "/admin/"
    return response.status_code in (403, 404)


def new_user_data(**extra) -> dict:
    data = {
        "username": "new-editor",
        "first_name": "Lan",
        "last_name": "Nguyễn Thị",
        "email": "lan@camau.gov.vn",
        "password1": "Một-mật-khẩu-dài-2026",
        "password2": "Một-mật-khẩu-dài-2026",
        "approved_by": "Trưởng Ban Biên tập",
        "decision_reference": "QĐ 12/QĐ-UBND ngày 01/3/2026",
    }
    data.update(extra)
    return data


def test_agency_admin_sees_only_their_agencys_people(world):
    client = as_user(world.admin_a)
    listing = client.get("/admin/agency-users/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert 'data-username="editor-a"' in html
    for foreign in ("editor-b", "admin-b", "province-admin"):
        assert f'data-username="{foreign}"' not in html
    assert "editor-b" not in client.get("/admin/agency-users/?q=editor").content.decode()
    assert "editor-b" not in client.get(f"/admin/agency-users/?agency={world.b.pk}").content.decode()


def test_agency_people_are_paged_with_the_admins_pagination_and_keep_the_filter(world):
    editors = group_of(world.a, AgencyGroup.Role.EDITORS)
    for n in range(60):
        User.objects.create_user(
            f"bien-tap-{n:02d}", last_name="Trần", first_name=f"Viên {n:02d}"
        ).groups.add(editors)
    client = as_user(world.admin_a)
    first = client.get("/admin/agency-users/?q=bien-tap")
    html = first.content.decode()
    assert first.status_code == 200 and 'class="pagination"' in html
    assert "?q=bien-tap&amp;p=2" in html  # the search is kept on the next page
    second = client.get("/admin/agency-users/?q=bien-tap&p=2").content.decode()
    shown = {name for n in range(60) if f'data-username="{(name := f"bien-tap-{n:02d}")}"' in html + second}
    assert len(shown) == 60 and 'data-username="editor-b"' not in second


@pytest.mark.parametrize("action", ["", "lock/", "unlock/", "revoke/", "reset-2fa/", "transfer/"])
def test_agency_admin_cannot_reach_another_agencys_user(world, action):
    client = as_user(world.admin_a)
    for target in (world.editor_b, world.admin_b):
        url = f"/admin/agency-users/{target.pk}/{action}"
        assert refused(client.get(url)), url
        posted = client.post(url, {"reason": "security", "note": "x", "confirm": "on", "first_name": "X"})
        assert refused(posted), url
        target.refresh_from_db()
        assert target.is_active and target.first_name == "" and target.groups.exists()


def test_agency_admin_can_lock_and_unlock_their_own_people(world):
    client = as_user(world.admin_a)
    response = client.post(
        f"/admin/agency-users/{world.editor_a.pk}/lock/", {"reason": "termination", "note": ""}
    )
    assert response.status_code == 302
    world.editor_a.refresh_from_db()
    assert not world.editor_a.is_active
    assert (
        client.post(f"/admin/agency-users/{world.editor_a.pk}/unlock/", {"note": "back"}).status_code == 302
    )
    world.editor_a.refresh_from_db()
    assert world.editor_a.is_active


def test_agency_admin_creates_users_only_in_their_groups(world):
    client = as_user(world.admin_a)
    foreign_group = group_of(world.b, AgencyGroup.Role.EDITORS)
    rejected = client.post("/admin/agency-users/new/", new_user_data(groups=[foreign_group.pk]))
    assert rejected.status_code == 200 and "groups" in rejected.context["form"].errors
    assert not User.objects.filter(username="new-editor").exists()

    # Every account is tied to an agency role and to whoever approved it (R102).
    own = group_of(world.a, AgencyGroup.Role.EDITORS)
    for missing in ("groups", "approved_by", "decision_reference"):
        data = new_user_data(groups=[own.pk])
        data.pop(missing)
        assert client.post("/admin/agency-users/new/", data).status_code == 200
    assert not User.objects.filter(username="new-editor").exists()

    weak = client.post(
        "/admin/agency-users/new/", new_user_data(groups=[own.pk], password1="short", password2="short")
    )
    assert "password1" in weak.context["form"].errors

    # Superuser and staff flags posted by hand are simply not fields of this form.
    created = client.post(
        "/admin/agency-users/new/",
        new_user_data(groups=[own.pk], is_superuser="on", is_staff="on", user_permissions="1"),
    )
    assert created.status_code == 302
    user = User.objects.get(username="new-editor")
    assert not user.is_superuser and not user.is_staff and not user.user_permissions.exists()
    assert list(user.groups.all()) == [own]
    grant = RoleGrant.objects.get(user=user)
    assert grant.granted_by == world.admin_a and grant.decision_reference.startswith("QĐ 12")


def test_agency_admin_cannot_escalate_through_edit(world):
    client = as_user(world.admin_a)
    own = group_of(world.a, AgencyGroup.Role.EDITORS)
    board = group_of(world.a, AgencyGroup.Role.BOARD)
    foreign = group_of(world.b, AgencyGroup.Role.ADMINS)
    url = f"/admin/agency-users/{world.editor_a.pk}/"
    base = {
        "first_name": "An",
        "last_name": "Lê",
        "email": "an@camau.gov.vn",
        "approved_by": "Ban",
        "decision_reference": "QĐ 1",
    }
    rejected = client.post(url, {**base, "groups": [own.pk, foreign.pk]})
    assert rejected.status_code == 200
    assert not world.editor_a.groups.filter(pk=foreign.pk).exists()

    assert (
        client.post(
            url, {**base, "groups": [own.pk, board.pk], "is_superuser": "on", "is_staff": "on"}
        ).status_code
        == 302
    )
    world.editor_a.refresh_from_db()
    assert set(world.editor_a.groups.all()) == {own, board}
    assert not world.editor_a.is_superuser and not world.editor_a.is_staff
    # A new role without its approval is refused.
    assert (
        client.post(
            url,
            {
                **base,
                "groups": [own.pk, board.pk, group_of(world.a, AgencyGroup.Role.TRANSLATORS).pk],
                "approved_by": "",
            },
        ).status_code
        == 200
    )

    # Nor can they act on themselves here (no self-promotion) or on someone shared with agency B.
    assert refused(client.get(f"/admin/agency-users/{world.admin_a.pk}/"))
    world.editor_b.groups.add(own)
    assert refused(client.get(f"/admin/agency-users/{world.editor_b.pk}/lock/"))


def test_agency_admin_has_no_way_into_wagtails_user_and_group_admin(world):
    client = as_user(world.admin_a)
    group = group_of(world.a, AgencyGroup.Role.EDITORS)
    for url in (
        "/admin/users/",
        "/admin/users/new/",
        f"/admin/users/{world.editor_a.pk}/",
        f"/admin/users/{world.editor_b.pk}/",
        "/admin/groups/",
        f"/admin/groups/{group.pk}/",
        "/admin/groups/add/",
    ):
        assert refused(client.get(url)), url
    before = set(group.permissions.values_list("pk", flat=True))
    client.post(f"/admin/groups/{group.pk}/", {"name": group.name, "permissions": []})
    assert set(group.permissions.values_list("pk", flat=True)) == before


def test_editors_have_no_user_administration(world):
    client = as_user(world.editor_a)
    assert refused(client.get("/admin/agency-users/"))
    assert refused(client.post(f"/admin/agency-users/{world.admin_a.pk}/lock/", {"reason": "other"}))
    world.admin_a.refresh_from_db()
    assert world.admin_a.is_active


def test_provincial_admin_manages_every_agency_but_not_superusers(world, superuser):
    client = as_user(world.province_admin)
    html = client.get("/admin/agency-users/").content.decode()
    assert 'data-username="editor-a"' in html and 'data-username="editor-b"' in html
    assert 'data-username="superadmin"' not in html
    assert refused(client.get(f"/admin/agency-users/{superuser.pk}/lock/"))
    assert (
        client.post(f"/admin/agency-users/{world.editor_b.pk}/lock/", {"reason": "security"}).status_code
        == 302
    )
    world.editor_b.refresh_from_db()
    assert not world.editor_b.is_active
    # Agency admins may not move people between agencies; the province may.
    assert refused(as_user(world.admin_a).get(f"/admin/agency-users/{world.editor_a.pk}/transfer/"))
