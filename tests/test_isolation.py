"""An agency's groups act on that agency's site only (R1, R14)."""

from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from cms.models import StandardPage
from sites.models import AgencyGroup

from .conftest import group_of, login_admin


def test_groups_cannot_touch_another_sites_pages(make_agency, make_user, client):
    an_xuyen = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    tan_thanh = make_agency("Ủy ban nhân dân phường Tân Thành", "tanthanh")
    own_page = StandardPage.objects.descendant_of(an_xuyen.site.root_page).first()
    other_page = StandardPage.objects.descendant_of(tan_thanh.site.root_page).first()

    for role in AgencyGroup.Role:
        user = make_user(f"{role}-anxuyen", group_of(an_xuyen, role))
        other = other_page.permissions_for_user(user)
        assert not other.can_edit() and not other.can_publish() and not other.can_add_subpage(), role
        own = own_page.permissions_for_user(user)
        if role in (AgencyGroup.Role.EDITORS, AgencyGroup.Role.BOARD, AgencyGroup.Role.ADMINS):
            assert own.can_edit(), role
        # Nobody publishes directly: pages go live through the editorial workflow (moderation.gate).
        assert not own.can_publish(), role

    editor = make_user("editor", group_of(an_xuyen, AgencyGroup.Role.EDITORS))
    login_admin(client, editor)
    assert client.get(f"/admin/pages/{own_page.pk}/edit/").status_code == 200
    denied = client.get(f"/admin/pages/{other_page.pk}/edit/")
    assert denied.status_code in (302, 403)
    assert client.get(f"/admin/pages/{tan_thanh.site.root_page.pk}/").status_code in (302, 403, 404)


def test_media_collections_are_per_agency(make_agency, make_user):
    an_xuyen = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    tan_thanh = make_agency("Ủy ban nhân dân phường Tân Thành", "tanthanh")
    permission_policy = policy_registry.get_by_type(get_image_model())
    editor = make_user("editor", group_of(an_xuyen, AgencyGroup.Role.EDITORS))
    allowed = set(permission_policy.collections_user_has_permission_for(editor, "add"))
    assert an_xuyen.collection in allowed
    assert tan_thanh.collection not in allowed
    assert Collection.get_first_root_node() not in allowed
