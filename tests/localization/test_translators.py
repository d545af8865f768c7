"""Translators edit their locale only, cannot publish, and their work goes through the board (issue 6.3)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from localization.locales import ensure_locale_roots, translate_page
from sites.models import Agency, AgencyGroup
from tests.conftest import group_of, login_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(make_user, portal):
    return make_user("bien-dich", group_of(portal, AgencyGroup.Role.TRANSLATORS))


@pytest.fixture
def board_member(make_user, portal):
    return make_user("ban-bien-tap", group_of(portal, AgencyGroup.Role.BOARD))


def english(page: Page, en) -> Page:
    return page.get_translation(en).specific


def test_translators_edit_the_english_tree_only_and_never_publish(
    portal, english_portal, translator, en, home
):
    english_home = english(home, en)
    assert not home.permissions_for_user(translator).can_edit()
    assert not english_portal["intro"].permissions_for_user(translator).can_edit()
    perms = english_home.permissions_for_user(translator)
    assert perms.can_edit() and perms.can_add_subpage()
    assert not perms.can_publish()


def test_translator_cannot_open_a_vietnamese_page_in_the_editor(client, english_portal, translator, en):
    login_admin(client, translator)
    vietnamese = english_portal["intro"]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[vietnamese.pk]))
    assert response.status_code in (302, 403)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[english(vietnamese, en).pk])).status_code == 200
    )


def test_translator_cannot_publish_through_the_translation_editor(client, english_portal, translator, en):
    login_admin(client, translator)
    page = english(english_portal["intro"], en)
    before = page.last_published_at
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})
    assert response.status_code in (302, 403)  # Wagtail turns the refusal into a redirect with a message
    page.refresh_from_db()
    assert page.last_published_at == before


def test_translators_of_another_site_cannot_edit_this_sites_english(
    make_agency, make_user, english_portal, en
):
    ward = make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)
    outsider = make_user("bien-dich-xa", group_of(ward, AgencyGroup.Role.TRANSLATORS))
    assert not english(english_portal["intro"], en).permissions_for_user(outsider).can_edit()
    assert ward.site.root_page.get_translation(en).permissions_for_user(outsider).can_edit()


def test_locale_root_gets_the_sites_workflow(portal, home, board_workflow, en):
    # The WorkflowPage receiver mirrors it at once; provisioning repairs it too.
    assert home.get_translation(en).get_workflow() == board_workflow
    ensure_locale_roots(portal)
    assert home.get_translation(en).get_workflow() == board_workflow


def test_translation_goes_through_board_approval(
    client, english_portal, translator, board_member, board_workflow, en
):
    intro = english_portal["intro"]
    page = english(intro, en)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(intro), target_locale=en
    )
    segment = StringSegment.objects.get(source=translation.source, string__data="Giới thiệu")

    login_admin(client, translator)
    # The translator types in wagtail-localize's editor (its string API) ...
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        "value=About the province",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    # ... and the editor page offers "submit for review" instead of publish.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("localization:submit_for_review", args=[translation.pk]) in editor
    response = client.post(reverse("localization:submit_for_review", args=[translation.pk]))
    assert response.status_code == 302

    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.title == "Introduction"  # the public page is unchanged until approval
    assert "Introduction" in client.get("/en/gioi-thieu/", HTTP_HOST="camau.localhost").content.decode()
    assert page.get_latest_revision_as_object().title == "About the province"

    # The translator cannot approve their own work; the board can.
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(page.pk), status="in_progress"
    )
    task_state = state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert page.title == "Introduction"

    client.logout()
    login_admin(client, board_member)
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.title == "About the province"
    assert page.live and not page.workflow_in_progress


def test_submit_without_a_workflow_says_why(client, english_portal, translator, en, home):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.filter(page__depth__lte=2).delete()  # no site workflow, no default one
    intro = english_portal["intro"]
    translation = Translation.objects.get(source__object_id=intro.translation_key, target_locale=en)
    login_admin(client, translator)
    response = client.post(reverse("localization:submit_for_review", args=[translation.pk]), follow=True)
    with override("vi"):  # the admin speaks the default language
        expected = gettext("“%(title)s” has no moderation workflow; ask the editorial board to publish it.")
    assert expected % {"title": "Introduction"} in response.content.decode().replace("&quot;", '"')
    assert not english(intro, en).workflow_in_progress


def test_translator_starts_a_translation_as_a_draft(client, english_portal, translator, en, home):
    from cms.models import StandardPage

    duties = StandardPage(title="Chức năng, nhiệm vụ", slug="chuc-nang-nhiem-vu")
    english_portal["intro"].add_child(instance=duties)
    duties.save_revision().publish()
    login_admin(client, translator)
    url = reverse("localization:start", args=[duties.pk, "en"])
    assert client.get(url).status_code == 200  # confirmation
    response = client.post(url)
    assert response.status_code == 302
    draft = duties.get_translation(en)
    assert not draft.live
    assert client.get("/en/gioi-thieu/chuc-nang-nhiem-vu/", HTTP_HOST="camau.localhost").status_code == 404


def test_report_lists_pages_ready_for_translation(client, english_portal, translator, portal, en):
    from cms.models import StandardPage

    duties = StandardPage(title="Chức năng, nhiệm vụ", slug="chuc-nang-nhiem-vu")
    english_portal["intro"].add_child(instance=duties)
    duties.save_revision().publish()
    login_admin(client, translator)
    html = client.get(reverse("localization:outdated", args=[portal.site.pk])).content.decode()
    ready = html.split('id="untranslated-pages"', 1)[1].split("</table>", 1)[0]
    assert reverse("localization:start", args=[duties.pk, "en"]) in ready
    # The news item's section is not translated yet, so it is not offered.
    assert "Tin chỉ có tiếng Việt" not in ready
    assert "Tin tức" in ready


def test_translator_cannot_start_translations_on_another_site(
    client, make_agency, make_user, english_portal, en
):
    ward = make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)
    outsider = make_user("bien-dich-xa", group_of(ward, AgencyGroup.Role.TRANSLATORS))
    login_admin(client, outsider)
    news_item = english_portal["item"]
    translate_page(english_portal["news"], en, {"Tin tức": "News"})
    response = client.post(reverse("localization:start", args=[news_item.pk, "en"]))
    assert response.status_code in (302, 403)
    assert news_item.get_translation_or_none(en) is None


def test_explorer_stays_within_the_users_own_site(client, make_agency, make_user, english_portal, en):
    ward = make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)
    translator = make_user("bien-dich-xa", group_of(ward, AgencyGroup.Role.TRANSLATORS))
    login_admin(client, translator)
    own_english_root = ward.site.root_page.get_translation(en)
    assert client.get(reverse("wagtailadmin_explore", args=[own_english_root.pk])).status_code == 200
    for other in (english_portal["home"], english_portal["home"].get_translation(en)):
        response = client.get(reverse("wagtailadmin_explore", args=[other.pk]))
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_explore_root")
