"""Each role's main task in a real browser with the admin in Vietnamese (issue 15): no common English admin
word and no known broken string on any screen on the way. Screenshots go to docs/screenshots/.

editor submits · board member returns then approves · translator updates an outdated English page and
submits it · agency administrator creates and locks a user · provincial administrator provisions an agency.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale

from cms.models import StandardPage
from localization.locales import translate_page
from sites.models import Agency, AgencyGroup
from tests.conftest import group_of
from tests.moderation.conftest import CHECKLIST

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
# Common admin words that must never show when the user's language is Vietnamese.
ENGLISH = [
    "Save", "Publish", "Page", "Pages", "Status", "Awaiting", "Live", "Draft", "Images", "Documents", "Help",
    "Settings", "Reports", "Submit", "Cancel", "Delete", "Edit", "Preview", "Search", "Dashboard", "Sign in",
    "Workflow", "Moderation", "History", "Snippets", "Users", "Groups", "Account", "Log out", "Approve",
    "Reject", "Translate", "Sync", "Locked", "Unlock", "Create", "Choose", "Filter", "Actions",
]  # fmt: skip
BROKEN = ["svà ", "Phê duyệtvà", "Thực hiện lại", "nhậpkhông", "(change:", "groups: [", "Tên người dùng Tên"]
ENGLISH_WORD = re.compile(r"(?<![\w-])(" + "|".join(re.escape(word) for word in ENGLISH) + r")(?![\w-])")

pytestmark = pytest.mark.slow


def check_vietnamese(page, where: str, screen: bool = True) -> None:
    page.wait_for_load_state("domcontentloaded")
    text = page.locator("body").inner_text()
    assert not screen or page.locator("#main").count() == 1, (
        f"{where} ({page.url}) is not an admin screen: {text[:200]}"
    )
    english = sorted(set(ENGLISH_WORD.findall(text)))
    broken = [phrase for phrase in BROKEN if phrase in text]
    assert not english and not broken, f"{where} ({page.url}): English {english}, broken {broken}"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_editor_submits_and_board_returns_then_approves(ward_people, admin_login, browser_page, site_url):
    ward = ward_people["ward"]
    draft = StandardPage(
        title="Thông báo lịch tiếp công dân", slug="lich-tiep-cong-dan", live=False, summary="Lịch"
    )
    ward.site.root_page.add_child(instance=draft)
    draft.save_revision(user=ward_people["editor"])
    host = ward.site.hostname

    admin_login(ward_people["editor"], host)
    browser_page.goto(site_url(host, "/admin/"))
    check_vietnamese(browser_page, "editor dashboard")
    shot(browser_page, "editor-dashboard")
    browser_page.goto(site_url(host, f"/admin/pages/{draft.pk}/edit/"))
    check_vietnamese(browser_page, "editor page editor")
    shot(browser_page, "editor-main")
    browser_page.locator(
        "footer [data-w-dropdown-target=toggle], .w-dropdown-button .w-dropdown__toggle"
    ).first.click()
    browser_page.locator("button[name=action-submit]").click()
    browser_page.wait_for_load_state("networkidle")
    check_vietnamese(browser_page, "after submitting")

    # The board member returns it for more information, the editor resubmits, the board approves.
    browser_page.context.clear_cookies()
    admin_login(ward_people["head"], host)
    browser_page.goto(site_url(host, "/admin/"))
    check_vietnamese(browser_page, "board dashboard")
    shot(browser_page, "board-dashboard")
    browser_page.goto(site_url(host, f"/admin/pages/{draft.pk}/edit/"))
    check_vietnamese(browser_page, "board page editor")
    shot(browser_page, "board-main")
    assert decide(browser_page, site_url, host, draft, "return", {"comment": "Bổ sung số điện thoại."}) == 200
    browser_page.goto(site_url(host, f"/admin/pages/{draft.pk}/history/"))
    check_vietnamese(browser_page, "history after the return")

    draft.refresh_from_db()
    draft.current_workflow_state.resume(user=ward_people["editor"])
    assert decide(browser_page, site_url, host, draft, "approve", CHECKLIST) == 200
    browser_page.context.clear_cookies()
    admin_login(ward_people["deputy"], host)
    browser_page.goto(site_url(host, f"/admin/pages/{draft.pk}/edit/"))
    assert decide(browser_page, site_url, host, draft, "approve", {}) == 200
    draft.refresh_from_db()
    assert draft.live
    browser_page.goto(site_url(host, "/admin/"))
    check_vietnamese(browser_page, "board dashboard after approval")


def decide(page, site_url, host: str, draft, action: str, data: dict) -> int:
    """Post a workflow decision from the signed-in page, as the action dialog does."""
    draft.refresh_from_db()
    task_state = draft.current_workflow_task_state
    url = site_url(host, f"/admin/pages/workflow/action/{draft.pk}/{action}/{task_state.pk}/")
    page.goto(url)
    check_vietnamese(page, f"{action} dialog", screen=False)
    return page.evaluate(
        """async ([url, data]) => {
            const body = new FormData();
            for (const [key, value] of Object.entries(data)) body.append(key, value);
            body.append("csrfmiddlewaretoken", document.cookie.match(/csrftoken=([^;]+)/)[1]);
            const response = await fetch(url, {method: "POST", body, headers: {"X-Requested-With": "XMLHttpRequest"}});
            return response.status;
        }""",
        [url, data],
    )


def test_translator_updates_an_outdated_english_page(portal, make_user, admin_login, browser_page, site_url):
    translator = make_user("bien-dich", group_of(portal, AgencyGroup.Role.TRANSLATORS), first_name="Mai")
    english = Locale.objects.get(language_code="en")
    home = portal.site.root_page
    translate_page(home, english, {})
    intro = StandardPage.objects.child_of(home).get(slug="gioi-thieu")
    english_intro = translate_page(intro, english, {"Giới thiệu": "Introduction"})
    english_intro.save_revision().publish()
    intro.title = "Giới thiệu chung"
    intro.save_revision().publish()

    admin_login(translator)
    browser_page.goto(site_url("camau.localhost", "/admin/"))
    check_vietnamese(browser_page, "translator dashboard")
    assert "Việc biên dịch" in browser_page.locator("#main").inner_text()
    shot(browser_page, "translator-dashboard")
    browser_page.goto(site_url("camau.localhost", f"/admin/localization/outdated/{portal.site.pk}/"))
    check_vietnamese(browser_page, "freshness report")
    browser_page.goto(site_url("camau.localhost", f"/admin/pages/{english_intro.pk}/edit/"))
    browser_page.wait_for_selector("[data-localization-primary]")
    shot(browser_page, "translator-main")
    assert browser_page.locator("text=Chuyển thành bản liên kết").count() == 0
    browser_page.click("[data-localization-primary]")
    browser_page.wait_for_load_state("networkidle")
    check_vietnamese(browser_page, "after submitting the translation")
    browser_page.goto(site_url("camau.localhost", f"/admin/localization/outdated/{portal.site.pk}/"))
    assert browser_page.locator("[data-localization-awaiting-review]").count() >= 1
    check_vietnamese(browser_page, "freshness report after submitting")


def test_agency_admin_creates_and_locks_a_user(ward_people, admin_login, browser_page, site_url):
    ward = ward_people["ward"]
    host = ward.site.hostname
    admin_login(ward_people["admin"], host)
    browser_page.goto(site_url(host, "/admin/"))
    check_vietnamese(browser_page, "agency admin dashboard")
    shot(browser_page, "agency-admin-dashboard")
    browser_page.goto(site_url(host, "/admin/agency-users/new/"))
    check_vietnamese(browser_page, "new user form")
    browser_page.fill("#id_username", "ctv.moi")
    browser_page.fill("#id_last_name", "Phạm Thị")
    browser_page.fill("#id_first_name", "Thu")
    browser_page.fill("#id_email", "ctv.moi@camau.gov.vn")
    browser_page.check(f"input[name=groups][value='{group_of(ward, AgencyGroup.Role.EDITORS).pk}']")
    browser_page.fill("#id_approved_by", "Lê Văn Hùng")
    browser_page.fill("#id_decision_reference", "Quyết định 12/QĐ-UBND ngày 02/01/2026")
    browser_page.fill("#id_password1", "mot-mat-khau-du-dai-2026")
    browser_page.fill("#id_password2", "mot-mat-khau-du-dai-2026")
    with browser_page.expect_navigation():
        browser_page.locator("#main form[method=post] button[type=submit]").first.click()
    assert browser_page.url.endswith("/admin/agency-users/"), browser_page.locator("#main").inner_text()
    check_vietnamese(browser_page, "user list")
    assert "Phạm Thị Thu" in browser_page.locator("body").inner_text()
    shot(browser_page, "agency-admin-main")
    browser_page.locator("tr[data-username='ctv.moi'] a[href*='/lock/']").click()
    check_vietnamese(browser_page, "lock form")
    browser_page.select_option("#id_reason", "security")
    with browser_page.expect_navigation():
        browser_page.locator("#main form[method=post] button[type=submit]").first.click()
    check_vietnamese(browser_page, "after locking")
    own = browser_page.locator("tr[data-username='quantri.anxuyen'] a[href*='/lock/']")
    assert own.count() == 0


def test_provincial_admin_provisions_an_agency(portal, make_user, admin_login, browser_page, site_url):
    provincial = make_user("quantri.tinh", group_of(portal, AgencyGroup.Role.ADMINS), first_name="An")
    agency = Agency.objects.create(name="Sở Y tế", domain_label="soyte", kind=Agency.Kind.DEPARTMENT)
    admin_login(provincial)
    browser_page.goto(site_url("camau.localhost", "/admin/"))
    check_vietnamese(browser_page, "provincial admin dashboard")
    shot(browser_page, "provincial-admin-dashboard")
    browser_page.goto(site_url("camau.localhost", "/admin/snippets/sites/agency/"))
    check_vietnamese(browser_page, "agency registry")
    browser_page.goto(
        site_url("camau.localhost", f"/admin/bulk/sites/agency/provision/?id={agency.pk}&next=/admin/")
    )
    check_vietnamese(browser_page, "provision confirmation")
    with browser_page.expect_navigation():
        browser_page.locator("#main form[method=post] [type=submit]").first.click()
    assert "/admin/agencies/provisioned/" in browser_page.url
    check_vietnamese(browser_page, "provisioned")
    shot(browser_page, "provincial-admin-main")
    assert browser_page.get_by_role("link", name="Giao quản trị viên", exact=True).count() == 1


def test_a_citizen_on_a_phone_finds_a_ward_through_the_portals_directory(
    portal, make_agency, chromium_browser, site_url, settings
):
    """The portal's home offers a search for a kind of site too large to list (national scale); the
    directory finds the ward typed without accents and leads to its site."""
    from sites.cache import bump_fragments

    make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD)
    make_agency("Ủy ban nhân dân phường Tân Thành", "tanthanh", Agency.Kind.WARD)
    settings.CONG_DIRECTORY_LIST_LIMIT = 1
    bump_fragments()
    context = chromium_browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        phone.goto(site_url("camau.localhost"))
        search = phone.locator("form.directory-search").first
        search.get_by_label("Tên hoặc địa chỉ").fill("an xuyen")
        with phone.expect_navigation():
            search.get_by_role("button", name="Tìm").click()
        assert "/don-vi/" in phone.url and "loai=ward" in phone.url
        check_vietnamese(phone, "component site directory")
        shot(phone, "citizen-directory-search")
        results = phone.locator("ul.directory a")
        assert results.count() == 1
        with phone.expect_navigation():
            results.first.click()
        assert phone.url.startswith(site_url("anxuyen.camau.localhost"))
    finally:
        context.close()


def test_the_installations_operator_filters_the_explorer_by_a_sites_name(
    portal, make_agency, superuser, admin_login, browser_page, site_url
):
    """The operator of an installation of many sites (the only role that sees every site's pages:
    agencies' admins see their own) narrows the explorer to one site by typing its name."""
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD)
    make_agency("Ủy ban nhân dân phường Tân Thành", "tanthanh", Agency.Kind.WARD)
    admin_login(superuser)
    root_id = ward.site.root_page.get_parent().pk
    browser_page.goto(site_url("camau.localhost", f"/admin/pages/{root_id}/"))
    every = " ".join(browser_page.locator("main table tbody tr").all_text_contents())
    assert "Tân Thành" in every and "An Xuyên" in every
    browser_page.goto(site_url("camau.localhost", f"/admin/pages/{root_id}/?site=an+xuyen"))
    check_vietnamese(browser_page, "page explorer filtered by site")
    shot(browser_page, "operator-explorer-site-filter")
    assert browser_page.get_by_text("Trang thông tin:").count() >= 1  # the active filter, named
    titles = " ".join(browser_page.locator("main table tbody tr").all_text_contents())
    assert "An Xuyên" in titles and "Tân Thành" not in titles
