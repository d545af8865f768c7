"""Draft consultations (R68, R69), petitions (R70), feedback on pages and answers (R67, R71) and ratings
(R72), through the public pages and the admin screens."""

from __future__ import annotations

import datetime as dt
import io
import re
import time

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from interaction import workflow
from interaction.antiabuse import issue_token
from interaction.models import (
    CitizenRequest,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    PageFeedback,
    Petition,
    QuestionIndexPage,
    SiteRating,
)
from interaction.tasks import erase_expired_personal_data
from tests.conftest import login_admin

from .conftest import AN_XUYEN, PORTAL, TAN_THANH, ask

pytestmark = pytest.mark.django_db


def fresh(data: dict, form_name: str) -> dict:
    return {**data, "token": issue_token(form_name, False)[0]}


def consultation(agency, opens, closes, slug="du-thao-quy-dinh-cho") -> ConsultationPage:
    index = ConsultationIndexPage.objects.descendant_of(agency.site.root_page).get()
    page = ConsultationPage(
        title="Dự thảo Quy định quản lý chợ trên địa bàn phường",
        slug=slug,
        drafting_agency="Phòng Kinh tế",
        summary="<p>Dự thảo gồm 4 chương, 22 điều.</p>",
        opens_at=opens,
        closes_at=closes,
        receiving_unit="Văn phòng UBND phường",
        receiving_address="Số 1 đường Phan Ngọc Hiển",
        receiving_email="vanphong@anxuyen.camau.gov.vn",
    )
    index.add_child(instance=page)
    return page


COMMENT = {
    "name": "Nguyễn Thị Lan",
    "email": "lan@example.vn",
    "article": "Điều 9",
    "text": "Đề nghị quy định rõ trách nhiệm của ban quản lý chợ.",
    "consent": "on",
}


def test_consultation_window_moderation_listing_feed_and_export(client, world):
    now = timezone.now()
    page = consultation(world.an_xuyen, now - dt.timedelta(days=1), now + dt.timedelta(days=10))
    later = consultation(world.an_xuyen, now + dt.timedelta(days=3), now + dt.timedelta(days=20), "sap-mo")
    closed = consultation(world.an_xuyen, now - dt.timedelta(days=30), now - dt.timedelta(days=1), "da-dong")

    shown = client.get(page.url, HTTP_HOST=AN_XUYEN).content.decode()
    assert "vanphong@anxuyen.camau.gov.vn" in shown and "Số 1 đường Phan Ngọc Hiển" in shown
    response = client.post(page.url, fresh(COMMENT, "consultation"), HTTP_HOST=AN_XUYEN)
    assert response.status_code == 302
    for other in (later, closed):  # outside the window the form is closed
        assert client.post(other.url, fresh(COMMENT, "consultation"), HTTP_HOST=AN_XUYEN).status_code == 400
        assert 'name="text"' not in client.get(other.url, HTTP_HOST=AN_XUYEN).content.decode()
    comment = ConsultationComment.objects.get()
    assert comment.status == "pending"
    assert COMMENT["text"] not in client.get(page.url, HTTP_HOST=AN_XUYEN).content.decode()

    login_admin(client, world.tt_head)  # another ward cannot moderate it
    assert (
        client.post("/admin/interaction/comments/", {"id": comment.pk, "decision": "approve"}).status_code
        == 404
    )
    login_admin(client, world.ax_editor)
    client.post("/admin/interaction/comments/", {"id": comment.pk, "decision": "violating", "reason": ""})
    comment.refresh_from_db()
    assert comment.status == "pending", "removal needs a reason"
    client.post("/admin/interaction/comments/", {"id": comment.pk, "decision": "approve"})
    comment.refresh_from_db()
    assert comment.status == "approved"
    public = client.get(page.url, HTTP_HOST=AN_XUYEN).content.decode()
    assert COMMENT["text"] in public and "N.T.L." in public and "lan@example.vn" not in public

    export = client.get(f"/admin/interaction/comments/?export=xlsx&page={page.pk}")
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert any(COMMENT["text"] in row for row in values)
    assert any(
        timezone.localtime(comment.created_at).strftime("%d/%m/%Y") in str(row[0]) for row in values[2:]
    )

    listing = client.get("/lay-y-kien-du-thao/", HTTP_HOST=AN_XUYEN).content.decode()
    assert page.title in listing and "sap-mo" in listing and "da-dong" in listing
    assert page.title in client.get("/lay-y-kien-du-thao/", HTTP_HOST=PORTAL).content.decode()
    assert page.title not in client.get("/lay-y-kien-du-thao/", HTTP_HOST=TAN_THANH).content.decode()
    feed = client.get("/rss/lay-y-kien/", HTTP_HOST=PORTAL).content.decode()
    assert "<rss" in feed and page.title in feed

    closed.comments_summary = "<p>Nhận được 12 ý kiến.</p>"
    closed.explanation = "<p>Tiếp thu Điều 9.</p>"
    closed.save_revision().publish()
    assert "Tiếp thu Điều 9" in client.get(closed.url, HTTP_HOST=AN_XUYEN).content.decode()
    assert ConsultationPage.objects.get(pk=closed.pk).state == "reported"


def test_petition_deadlines_tracking_and_public_result(client, world):
    response = ask(client, AN_XUYEN, section="phan-anh-kien-nghi", title="Đèn tín hiệu giao thông bị hỏng")
    assert response.status_code == 302
    item = Petition.objects.get()
    assert item.tracking_code.startswith("PA-")
    start = item.clock_started_at
    from interaction.deadlines import days_after, due_after

    assert item.forward_due_at == due_after(item.received_at, 2, dt.time(8, 0))
    assert item.due_at == days_after(start, 15)
    workflow.classify(item, world.ax_head, category="special")  # petitions always run 15 days
    item.refresh_from_db()
    assert item.category == "competence" and item.due_at == days_after(start, 15)
    assert CitizenRequest.objects.overdue(item.due_at + dt.timedelta(minutes=1)).filter(pk=item.pk).exists()
    workflow.submit_answer(
        item, world.ax_editor, answer="Đã sửa chữa đèn tín hiệu.", legal_bases=[], visibility="public"
    )
    item = workflow.approve(item, world.ax_head)
    path = f"/phan-anh-kien-nghi/{item.answer_page.slug}/"
    result = client.get(f"/phan-anh-kien-nghi/tra-cuu/?ma={item.tracking_code}", HTTP_HOST=AN_XUYEN)
    assert f'href="{path}"' in result.content.decode()
    assert "Đã sửa chữa đèn tín hiệu." in client.get(path, HTTP_HOST=AN_XUYEN).content.decode()
    assert "Đèn tín hiệu" in client.get("/phan-anh-kien-nghi/", HTTP_HOST=AN_XUYEN).content.decode()


def test_page_feedback_goes_to_that_sites_board_and_closing_needs_a_note(client, world):
    section = QuestionIndexPage.objects.descendant_of(world.an_xuyen.site.root_page).get()
    home = client.get("/", HTTP_HOST=AN_XUYEN).content.decode()
    assert "/gop-y/" in home and "/danh-gia/" in home  # on every public page
    assert f"/gop-y/?trang={section.pk}" in client.get(section.url, HTTP_HOST=AN_XUYEN).content.decode()
    data = fresh({"kind": "error", "message": "Số điện thoại liên hệ sai.", "page": section.pk}, "feedback")
    assert Client().post("/gop-y/", data, HTTP_HOST=AN_XUYEN).status_code == 200
    feedback = PageFeedback.objects.get()
    assert feedback.site == world.an_xuyen.site and feedback.page_id == section.pk
    # A page of another site is not attached to this site's feedback.
    other = QuestionIndexPage.objects.descendant_of(world.tan_thanh.site.root_page).get()
    data = fresh({"kind": "error", "message": "Lỗi", "page": other.pk}, "feedback")
    Client().post("/gop-y/", data, HTTP_HOST=AN_XUYEN)
    assert PageFeedback.objects.filter(page=other).count() == 0

    login_admin(client, world.tt_head)
    assert "Số điện thoại liên hệ sai." not in client.get("/admin/interaction/feedback/").content.decode()
    assert (
        client.post("/admin/interaction/feedback/", {"id": feedback.pk, "resolution": "x"}).status_code == 404
    )
    login_admin(client, world.ax_editor)
    queue = client.get("/admin/interaction/feedback/").content.decode()
    assert "Số điện thoại liên hệ sai." in queue and section.url in queue
    client.post("/admin/interaction/feedback/", {"id": feedback.pk, "resolution": ""})
    feedback.refresh_from_db()
    assert feedback.status == "open"
    client.post("/admin/interaction/feedback/", {"id": feedback.pk, "resolution": "Đã sửa số điện thoại."})
    feedback.refresh_from_db()
    assert feedback.status == "closed" and feedback.closed_by == world.ax_editor


def test_feedback_on_an_answer_is_linked_to_it(client, world):
    assert ask(client, AN_XUYEN).status_code == 302
    item = CitizenRequest.objects.get()
    workflow.classify(item, world.ax_head, category="competence")
    workflow.submit_answer(item, world.ax_editor, answer="Trả lời.", legal_bases=[], visibility="public")
    item = workflow.approve(item, world.ax_head)
    page = client.get(f"/hoi-dap/{item.answer_page.slug}/", HTTP_HOST=AN_XUYEN).content.decode()
    assert f"/gop-y/?ma={item.tracking_code}" in page
    data = fresh(
        {
            "kind": "comment",
            "message": "Câu trả lời chưa nêu thời hạn giải quyết.",
            "request": item.tracking_code,
        },
        "feedback",
    )
    assert Client().post("/gop-y/", data, HTTP_HOST=AN_XUYEN).status_code == 200
    feedback = PageFeedback.objects.get()
    assert feedback.request == item and feedback.kind == "answer_quality"
    login_admin(client, world.ax_head)
    assert (
        "Câu trả lời chưa nêu thời hạn giải quyết."
        in client.get(f"/admin/interaction/requests/{item.pk}/").content.decode()
    )


def test_rating_once_per_browser_per_month_and_monthly_report(client, world):
    browser = Client()
    scores = {"interface": "4", "content": "5", "quality": "3", "support": "2", "comment": "Trang dễ dùng"}
    assert browser.post("/danh-gia/", fresh(scores, "rating"), HTTP_HOST=AN_XUYEN).status_code == 200
    assert browser.post("/danh-gia/", fresh(scores, "rating"), HTTP_HOST=AN_XUYEN).status_code == 409
    assert (
        Client()
        .post("/danh-gia/", fresh({**scores, "interface": "2"}, "rating"), HTTP_HOST=AN_XUYEN)
        .status_code
        == 200
    )
    assert SiteRating.objects.count() == 2
    assert (
        browser.post(
            "/danh-gia/", fresh({**scores, "interface": "9"}, "rating"), HTTP_HOST=TAN_THANH
        ).status_code
        == 400
    )
    login_admin(client, world.ax_head)
    report = client.get(f"/admin/interaction/reports/?period={timezone.localdate():%Y-%m}").content.decode()
    assert "3,00" in report or "3.00" in report  # interface average (4 + 2) / 2
    erase_expired_personal_data(timezone.now() + dt.timedelta(hours=25))
    assert not SiteRating.objects.exclude(address_fingerprint="").exists()


def test_report_counts_match_the_records(client, world):
    for title in ("Câu hỏi một", "Câu hỏi hai"):
        assert ask(client, AN_XUYEN, title=title, id_number=f"0961850012{len(title):02d}").status_code == 302
    first, second = CitizenRequest.objects.order_by("pk")
    workflow.classify(first, world.ax_head, category="competence", field=world.field)
    workflow.submit_answer(first, world.ax_editor, answer="Trả lời.", legal_bases=[], visibility="public")
    workflow.approve(first, world.ax_head)
    workflow.mark_out_of_scope(second, world.ax_head, reason="Không thuộc thẩm quyền.")
    login_admin(client, world.ax_head)
    csv_text = client.get(
        f"/admin/interaction/reports/?period={timezone.localdate():%Y-%m}&export=csv"
    ).content.decode()
    row = next(line for line in csv_text.splitlines() if line.startswith("Ủy ban nhân dân phường An Xuyên"))
    cells = row.split(",")
    assert cells[1:4] == ["2", "1", "1"] and cells[4] == "100.0" and cells[10] == "1"
    assert "Đất đai: 1" in row


def test_home_pages_feature_open_consultations_soonest_closing_first(client, world):
    now = timezone.now()
    late = consultation(world.an_xuyen, now - dt.timedelta(days=1), now + dt.timedelta(days=20), "dong-muon")
    soon = consultation(world.an_xuyen, now - dt.timedelta(days=1), now + dt.timedelta(days=2), "dong-som")
    late.title, soon.title = "Dự thảo đóng muộn", "Dự thảo đóng sớm"
    late.save_revision().publish()
    soon.save_revision().publish()
    for host in (AN_XUYEN, PORTAL):
        home = client.get("/", HTTP_HOST=host).content.decode()
        assert home.index("Dự thảo đóng sớm") < home.index("Dự thảo đóng muộn"), host
    assert "Dự thảo đóng sớm" not in client.get("/", HTTP_HOST=TAN_THANH).content.decode()


def test_the_homes_consultation_list_follows_the_clock_without_a_save(client, world):
    """The list is kept rendered, and the home cached, only until the next opening or closing: at
    that moment it changes on the portal and on the site, with no publish to purge it."""
    now = timezone.now()
    moment = now + dt.timedelta(seconds=6)
    closing = consultation(world.an_xuyen, now - dt.timedelta(days=1), moment, "het-han")
    opening = consultation(world.an_xuyen, moment, now + dt.timedelta(days=10), "sap-mo")
    closing.title, opening.title = "Dự thảo sắp hết hạn", "Dự thảo sắp mở"
    closing.save_revision().publish()
    opening.save_revision().publish()
    for host in (AN_XUYEN, PORTAL):
        before = client.get("/", HTTP_HOST=host)
        html = before.content.decode()
        assert "Dự thảo sắp hết hạn" in html and "Dự thảo sắp mở" not in html, host
        kept = int(re.search(r"s-maxage=(\d+)", before["Cache-Control"]).group(1))
        assert kept <= 6, host  # a proxy or CDN keeps it no longer either
        assert client.get("/", HTTP_HOST=host).content == before.content  # served again as it is
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.5)
    for host in (AN_XUYEN, PORTAL):
        html = client.get("/", HTTP_HOST=host).content.decode()
        assert "Dự thảo sắp hết hạn" not in html and "Dự thảo sắp mở" in html, host
