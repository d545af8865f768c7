"""A question in a real browser: asked on a ward site, answered in that ward's admin (drafted by an editor,
approved by the head, both past 2FA), then read on the public answer page."""

from __future__ import annotations

from interaction.models import Question
from sites.models import AgencyGroup
from tests.conftest import group_of

HOST = "anxuyen.camau.localhost"


def test_ask_on_a_ward_site_answer_in_the_admin_read_publicly(
    portal, make_agency, make_user, browser_page, site_url, admin_login, settings, tmp_path
):
    settings.INTERACTION_FORM_MIN_SECONDS = 0
    settings.INTERACTION_PRIVATE_ROOT = tmp_path / "private"
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    editor = make_user("btv.anxuyen", group_of(ward, AgencyGroup.Role.EDITORS))
    head = make_user("truongban.anxuyen", group_of(ward, AgencyGroup.Role.BOARD))
    page = browser_page

    # The citizen: from the ward's home page through the menu to the form.
    page.goto(site_url(HOST))
    page.get_by_role("link", name="Hỏi - Đáp").first.click()
    page.locator(".section-actions a.button").click()
    page.fill("input[name=asker_name]", "Nguyễn Thị Hồng Nhung")
    page.fill("input[name=id_number]", "096185001234")
    page.fill("input[name=address_street]", "Số 12 đường Phan Ngọc Hiển")
    page.fill("input[name=address_ward]", "Phường An Xuyên")
    page.fill("input[name=address_province]", "Tỉnh Cà Mau")
    page.fill("input[name=email]", "hongnhung@example.vn")
    page.fill("input[name=title]", "Hồ sơ đăng ký khai sinh quá hạn")
    page.fill("textarea[name=body]", "Con tôi sinh đã hơn 60 ngày, đăng ký khai sinh cần giấy tờ gì?")
    page.check("input[name=consent]")
    page.get_by_role("button", name="Gửi").click()
    page.wait_for_url("**/hoi-dap/tra-cuu/?ma=*")
    code = page.locator(".tracking-code").text_content().strip()
    question = Question.objects.get(tracking_code=code)
    admin_url = site_url(HOST, f"/admin/interaction/requests/{question.pk}/")

    # The ward's head classifies it.
    admin_login(head, HOST)
    page.goto(admin_url)
    with page.expect_navigation():  # the redirect after the POST
        page.locator("form:has(input[name=action][value=classify]) button[type=submit]").click()
    # An editor drafts the answer.
    page.context.clear_cookies()
    admin_login(editor, HOST)
    page.goto(admin_url)
    page.fill(
        "textarea[name=answer]",
        "Hồ sơ gồm tờ khai theo mẫu và giấy chứng sinh; nộp tại Bộ phận một cửa phường.",
    )
    with page.expect_navigation():  # the redirect after the POST
        page.locator("form:has(input[name=action][value=submit_answer]) button[type=submit]").click()
    # The head approves it.
    page.context.clear_cookies()
    admin_login(head, HOST)
    page.goto(admin_url)
    with page.expect_navigation():  # the redirect after the POST
        page.locator("form:has(input[name=action][value=approve]) button[type=submit]").click()

    question.refresh_from_db()
    assert question.status == "answered", question.status
    # The public reads it by the tracking page's link.
    page.context.clear_cookies()
    page.goto(site_url(HOST, f"/hoi-dap/tra-cuu/?ma={code}"))
    with page.expect_navigation():  # the redirect after the POST
        page.locator("main p > a.button").click()  # "Read the answer"
    text = page.locator("main").text_content()
    assert "giấy chứng sinh" in text and "N.T.H.N." in text
    assert "096185001234" not in page.content() and "hongnhung@example.vn" not in page.content()
