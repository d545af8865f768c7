"""R45 in a real browser, with the admin in Vietnamese: an editor asks from the live page's own screen for a
correction, then for a take-down; a board member decides on the Corrections screen; a reader sees the dated
note on the public page, then the page's address answering 410 with the notice."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cms.models import StandardPage
from moderation.models import CorrectionRequest
from sites.publishing import publishing_without_review
from tests.browser.test_admin_in_vietnamese import check_vietnamese

pytestmark = pytest.mark.slow


@pytest.fixture
def article(ward_people):
    home = ward_people["ward"].site.root_page.specific
    with publishing_without_review("test fixture: approved content already online"):
        page = StandardPage(
            title="Lịch tiếp công dân tháng 11", slug="lich-tiep-dan", summary="Lịch tiếp dân"
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def file_request(browser, site_url, host: str, page, kind: str, note: str) -> None:
    """The editor opens the live page, takes the header's R45 action and files the form."""
    browser.goto(site_url(host, f"/admin/pages/{page.pk}/edit/"))
    # The header's "Thao tác" menu (Wagtail attaches its items to the page only when it opens).
    browser.wait_for_load_state("networkidle")
    browser.locator("#w-slim-header-buttons [data-w-dropdown-target=toggle][aria-expanded]").click()
    browser.locator(f'a[href="/admin/moderation/corrections/new/{page.pk}/"]').click()
    browser.wait_for_url(f"**/corrections/new/{page.pk}/")
    check_vietnamese(browser, f"{kind} request form")
    browser.check(f"input[name=kind][value={kind}]")
    browser.select_option("select[name=requested_by_party]", "provider")
    browser.fill("input[name=reference]", "Công văn số 125/UBND-VP ngày 20/11/2026")
    browser.fill("textarea[name=reason]", "Sai giờ tiếp công dân")
    browser.fill("textarea[name=public_note]", note)
    browser.locator("#main form button[type=submit]").click()
    browser.wait_for_load_state("networkidle")
    check_vietnamese(browser, f"after filing the {kind} request")


def approve_on_board_screen(browser, site_url, host: str, item: CorrectionRequest) -> None:
    browser.goto(site_url(host, "/admin/moderation/corrections/"))
    check_vietnamese(browser, "corrections list")
    browser.locator(f'a[href="/admin/moderation/corrections/{item.pk}/"]').first.click()
    browser.wait_for_url(f"**/corrections/{item.pk}/")
    check_vietnamese(browser, "correction decision")
    browser.locator("button[name=action][value=approve]").click()
    browser.wait_for_load_state("networkidle")
    check_vietnamese(browser, "after the decision")


def test_correction_then_take_down_through_the_screens(
    ward_people, article, admin_login, browser_page, site_url
):
    host = ward_people["ward"].site.hostname
    public_url = site_url(host, "/lich-tiep-dan/")
    note = "Giờ tiếp công dân là 7 giờ 30, không phải 8 giờ."

    admin_login(ward_people["editor"], host)
    file_request(browser_page, site_url, host, article, "correction", note)
    item = CorrectionRequest.objects.get(page=article, kind="correction")
    assert item.status == CorrectionRequest.Status.PENDING and item.requested_by == ward_people["editor"]
    assert note not in browser_page.context.new_page().goto(public_url).text()

    browser_page.context.clear_cookies()
    admin_login(ward_people["head"], host)
    approve_on_board_screen(browser_page, site_url, host, item)
    item.refresh_from_db()
    assert item.status == CorrectionRequest.Status.APPROVED and item.decided_by == ward_people["head"]
    reader = browser_page.context.browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    public = reader.new_page()
    assert public.goto(public_url).status == 200
    text = public.locator("main, body").first.inner_text()
    assert f"Đính chính ngày {timezone.localdate():%d/%m/%Y}" in text and note in text

    # A take-down, asked for by the editor and approved by the board: the address answers 410.
    browser_page.context.clear_cookies()
    admin_login(ward_people["editor"], host)
    file_request(browser_page, site_url, host, article, "takedown", "Thông tin đã hết hiệu lực.")
    item = CorrectionRequest.objects.get(page=article, kind="takedown")
    browser_page.context.clear_cookies()
    admin_login(ward_people["deputy"], host)
    approve_on_board_screen(browser_page, site_url, host, item)
    article.refresh_from_db()
    assert not article.live
    gone = public.goto(public_url)
    assert gone.status == 410
    assert "Thông tin đã hết hiệu lực." in public.locator("body").inner_text()
    reader.close()
