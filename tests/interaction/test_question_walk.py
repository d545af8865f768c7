"""A question from the public form to the public answer page, with the deadlines of R59/R60 on dated
2026 cases, the two exits, and the approval step (R17, R61–R64)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from interaction import workflow
from interaction.models import AnswerPage, CitizenRequest, Question, RequestEvent
from tests.conftest import login_admin

from .conftest import AN_XUYEN, PORTAL, TAN_THANH, ask

pytestmark = pytest.mark.django_db(transaction=False)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


def receive_at(item: CitizenRequest, moment: dt.datetime) -> CitizenRequest:
    """Put a submitted question on a dated receipt moment, as if it had been sent then."""
    item.received_at, item.clock_started_at = moment, None
    item.start_clocks()
    item.save()
    return item


@pytest.mark.parametrize(
    ("received", "category", "start", "due"),
    [
        # The issue's case: Sunday; 27/04 observed Hùng Kings' day; 30/04 and 01/05 holidays.
        (at(2026, 4, 26, 10, 0), "competence", at(2026, 4, 28, 8, 0), at(2026, 5, 7, 8, 0)),
        # R60's own case: Friday 16:00; 31/08 day off (for Saturday 22/08), 01–02/09 National Day.
        (at(2026, 8, 28, 16, 0), "competence", at(2026, 9, 3, 8, 0), at(2026, 9, 10, 8, 0)),
        # Before 08:00 on a working day: starts the same day at 08:00; 10 working days.
        (at(2026, 6, 1, 7, 30), "inter_agency", at(2026, 6, 1, 8, 0), at(2026, 6, 15, 8, 0)),
        # 08:00 sharp counts as before; after 08:00 the next working day.
        (at(2026, 6, 1, 8, 0), "competence", at(2026, 6, 1, 8, 0), at(2026, 6, 8, 8, 0)),
        (at(2026, 6, 1, 8, 1), "competence", at(2026, 6, 2, 8, 0), at(2026, 6, 9, 8, 0)),
    ],
)
def test_answer_deadlines_count_working_days_from_eight(world, received, category, start, due):
    item = Question.objects.create(
        site=world.an_xuyen.site,
        agency=world.an_xuyen,
        asker_type="individual",
        asker_name="Lê Văn Tám",
        consent_at=received,
        title="Câu hỏi",
        body="Nội dung",
        received_at=received,
    )
    assert item.clock_started_at == start
    item.category = category
    item.recompute_due()
    assert item.due_at == due


def test_full_walk_submit_track_classify_forward_answer_approve_publish(
    client, world, django_capture_on_commit_callbacks
):
    # 1. A citizen asks on the portal, on a Sunday (dated below), choosing no agency.
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, PORTAL, email="hongnhung.camau@example.vn")
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Question.objects.get()
    assert response["Location"].endswith(f"/hoi-dap/tra-cuu/?ma={item.tracking_code}&moi=1")
    assert item.agency == world.portal and item.status == "received"
    receive_at(item, at(2026, 4, 26, 10, 0))
    assert item.clock_started_at == at(2026, 4, 28, 8, 0)
    assert item.due_at == at(2026, 5, 7, 8, 0)
    assert item.forward_due_at == at(2026, 4, 29, 8, 0)  # the portal board routes within 1 working day
    # The asker got the tracking code by email.
    assert any(item.tracking_code in m.subject and "hongnhung.camau@example.vn" in m.to for m in mail.outbox)

    # 2. The public status page, on any site, by code.
    status = client.get(f"/hoi-dap/tra-cuu/?ma={item.tracking_code}", HTTP_HOST=PORTAL)
    assert status.status_code == 200
    assert "request-status" in status.content.decode(), status.content.decode()[-3000:]

    # 3. The portal board classifies it (5 days, field) and assigns it to Tân Thành.
    workflow.classify(
        item, world.portal_head, category="competence", field=world.field, agency=world.tan_thanh
    )
    item.refresh_from_db()
    assert item.agency == world.tan_thanh and item.status == "in_progress"
    assert item.due_at == at(2026, 5, 7, 8, 0)

    # 4. Tân Thành is not competent: its board forwards to An Xuyên the same day; the asker is told.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.forward(
            item, world.tt_head, agency=world.an_xuyen, reason="Thửa đất thuộc địa bàn phường An Xuyên"
        )
    item.refresh_from_db()
    assert item.status == "forwarded" and item.agency == world.an_xuyen
    assert item.due_at == at(2026, 5, 7, 8, 0), "forwarding does not restart the answer clock (R60 default)"
    assert item.forward_due_at > item.arrived_at
    told = [m for m in mail.outbox if "hongnhung.camau@example.vn" in m.to]
    assert told and "An Xuyên" in told[0].body
    assert (
        client.get(f"/hoi-dap/tra-cuu/?ma={item.tracking_code}", HTTP_HOST=AN_XUYEN)
        .content.decode()
        .count("An Xuyên")
        >= 1
    )

    # 5. An Xuyên accepts (classifies) it and its editor drafts the answer with a legal basis.
    workflow.classify(item, world.ax_head, category="competence", field=world.field)
    with pytest.raises(workflow.ActionRefused):  # all five parts of a legal basis are required (R61)
        workflow.submit_answer(
            item,
            world.ax_editor,
            answer="Trả lời",
            visibility="public",
            legal_bases=[{"document_type": "Luật", "number": "31/2024/QH15"}],
        )
    workflow.submit_answer(
        item,
        world.ax_editor,
        visibility="public",
        answer="Hồ sơ gồm đơn đăng ký theo Mẫu số 04/ĐK và giấy tờ về quyền sử dụng đất; nộp tại "
        "Bộ phận một cửa phường An Xuyên.",
        legal_bases=[
            {
                "document_type": "Luật",
                "number": "31/2024/QH15",
                "issued_on": "18/01/2024",
                "authority": "Quốc hội",
                "summary": "Luật Đất đai",
            }
        ],
    )
    item.refresh_from_db()
    assert item.status == "approving"

    # 6. The drafter cannot approve their own answer; the head approves.
    with pytest.raises(workflow.ActionRefused):
        workflow.approve(item, world.ax_editor)
    with pytest.raises(workflow.ActionRefused):  # another ward's head has no say
        workflow.approve(item, world.tt_head)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(item, world.ax_head)
    item.refresh_from_db()
    assert item.status == "answered" and item.answered_at and item.approved_by == world.ax_head

    # 7. The answer is public on the site where it was asked, with no personal data.
    page = AnswerPage.objects.get(pk=item.answer_page_id)
    assert page.live and page.get_site() == world.portal.site
    html = client.get(page.url, HTTP_HOST=PORTAL).content.decode()
    assert "Mẫu số 04/ĐK" in html and "31/2024/QH15" in html and "N.T.H.N." in html
    for secret in ("096185001234", "Phan Ngọc Hiển", "hongnhung.camau@example.vn", "3831 234", "Hồng Nhung"):
        assert secret not in html
    assert "HN19 Art 10.7" in html or "Khiếu nại" in html or "khiếu nại" in html  # the disclaimer
    assert Question.objects.public().filter(pk=item.pk).exists()
    archive = client.get("/hoi-dap/", HTTP_HOST=PORTAL).content.decode()
    assert item.title in archive
    assert any("hongnhung.camau@example.vn" in m.to and page.url.strip("/") in m.body for m in mail.outbox)

    # The routing history is complete.
    actions = list(item.events.values_list("action", flat=True))
    assert actions == ["received", "classified", "forwarded", "classified", "drafted", "approved"]


def test_no_close_without_an_answer(world):
    """R63: the only exits are violating (with a reason) and out of scope; nothing else closes it."""
    item = Question.objects.create(
        site=world.an_xuyen.site,
        agency=world.an_xuyen,
        asker_type="individual",
        asker_name="Trần Văn Bảy",
        consent_at=timezone.now(),
        title="Hỏi",
        body="Nội dung",
    )
    actions = set(workflow.available_actions(world.ax_head, item))
    assert actions == {"classify", "forward", "out_of_scope", "violating"}
    assert not {"close", "ignore", "delete"} & actions
    with pytest.raises(workflow.ActionRefused):
        workflow.mark_violating(item, world.ax_head, reason="  ")
    workflow.mark_violating(item, world.ax_head, reason="Nội dung xúc phạm (HN19 Điều 5)")
    item.refresh_from_db()
    assert item.status == "violating" and not item.is_overdue
    assert not CitizenRequest.objects.overdue(at(2030, 1, 1, 0, 0)).filter(pk=item.pk).exists()


def test_special_case_needs_a_promised_date_within_fifteen_days(world):
    item = Question.objects.create(
        site=world.an_xuyen.site,
        agency=world.an_xuyen,
        asker_type="individual",
        asker_name="Trần Văn Bảy",
        consent_at=timezone.now(),
        title="Hỏi",
        body="Nội dung",
    )
    with pytest.raises(workflow.ActionRefused):
        workflow.classify(item, world.ax_head, category="special")
    with pytest.raises(workflow.ActionRefused):
        workflow.classify(
            item, world.ax_head, category="special", promised_at=item.clock_started_at + dt.timedelta(days=60)
        )
    promised = item.latest_special_date() - dt.timedelta(days=1)
    workflow.classify(item, world.ax_head, category="special", promised_at=promised)
    item.refresh_from_db()
    assert item.due_at == promised


def test_general_concern_cannot_be_answered_privately(world):
    item = Question.objects.create(
        site=world.an_xuyen.site,
        agency=world.an_xuyen,
        asker_type="individual",
        asker_name="Trần Văn Bảy",
        consent_at=timezone.now(),
        title="Hỏi",
        body="Nội dung",
        email="bay@example.vn",
    )
    workflow.classify(item, world.ax_head, category="competence", general_concern=True)
    with pytest.raises(workflow.ActionRefused):
        workflow.submit_answer(item, world.ax_editor, answer="Trả lời", legal_bases=[], visibility="private")


def test_private_answer_is_emailed_not_published(world, django_capture_on_commit_callbacks):
    item = Question.objects.create(
        site=world.an_xuyen.site,
        agency=world.an_xuyen,
        asker_type="individual",
        asker_name="Trần Văn Bảy",
        consent_at=timezone.now(),
        title="Hỏi riêng",
        body="Nội dung",
        email="bay@example.vn",
    )
    workflow.classify(item, world.ax_head, category="competence")
    workflow.submit_answer(
        item, world.ax_editor, answer="Trả lời riêng cho ông Bảy", legal_bases=[], visibility="private"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(item, world.ax_head)
    item.refresh_from_db()
    assert item.status == "answered" and item.answer_page_id is None
    assert not Question.objects.public().filter(pk=item.pk).exists()
    assert any("Trả lời riêng cho ông Bảy" in m.body and m.to == ["bay@example.vn"] for m in mail.outbox)


def test_overdue_routing_and_answer_are_flagged_and_escalated_once(world, django_capture_on_commit_callbacks):
    from interaction.tasks import send_deadline_notifications

    item = Question.objects.create(
        site=world.tan_thanh.site,
        agency=world.tan_thanh,
        asker_type="individual",
        asker_name="Trần Văn Bảy",
        consent_at=timezone.now(),
        title="Hỏi",
        body="Nội dung",
        received_at=at(2026, 5, 4, 9, 0),
    )
    # Not forwarded within 1 working day: overdue on Wednesday 06/05 at 08:01.
    assert item.forward_due_at == at(2026, 5, 6, 8, 0)
    assert CitizenRequest.objects.overdue(at(2026, 5, 6, 8, 1)).filter(pk=item.pk).exists()
    assert not CitizenRequest.objects.overdue(at(2026, 5, 5, 17, 0)).filter(pk=item.pk).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = send_deadline_notifications(at(2026, 5, 6, 9, 0))
        second = send_deadline_notifications(at(2026, 5, 6, 9, 15))
    assert first["escalations"] == 1 and second["escalations"] == 0
    assert RequestEvent.objects.filter(request=item, action="escalated").count() == 1
    assert any(item.tracking_code in m.subject for m in mail.outbox)


@pytest.mark.publication_gate  # as a real request: the editorial gate applies to the answer page too
def test_admin_walk_over_http(client, world):
    """The same steps through the admin screens, as the ward's people do it."""
    item = Question.objects.create(
        site=world.an_xuyen.site,
        agency=world.an_xuyen,
        asker_type="individual",
        asker_name="Trần Văn Bảy",
        consent_at=timezone.now(),
        title="Hỏi về hộ tịch",
        body="Nội dung",
        field=world.field,
    )
    url = f"/admin/interaction/requests/{item.pk}/"
    login_admin(client, world.ax_head)
    assert client.get(url).status_code == 200
    client.post(url, {"action": "classify", "category": "competence", "field": world.field.pk})
    login_admin(client, world.ax_editor)
    client.post(url, {"action": "submit_answer", "answer": "Trả lời về hộ tịch", "visibility": "public"})
    item.refresh_from_db()
    assert item.status == "approving"
    response = client.post(url, {"action": "approve"}, follow=True)  # the drafter cannot approve
    item.refresh_from_db()
    assert item.status == "approving"
    login_admin(client, world.ax_head)
    client.post(url, {"action": "approve"})
    item.refresh_from_db()
    assert item.status == "answered" and item.answer_page.live
    assert response.status_code == 200


def test_another_agency_never_sees_the_item_by_id(client, world):
    item = Question.objects.create(
        site=world.an_xuyen.site,
        agency=world.an_xuyen,
        asker_type="individual",
        asker_name="Trần Văn Bảy",
        consent_at=timezone.now(),
        title="Câu hỏi của An Xuyên",
        body="Nội dung",
    )
    login_admin(client, world.tt_head)
    assert client.get(f"/admin/interaction/requests/{item.pk}/").status_code == 404
    assert (
        client.post(
            f"/admin/interaction/requests/{item.pk}/", {"action": "violating", "reason": "x"}
        ).status_code
        == 404
    )
    listing = client.get("/admin/interaction/requests/").content.decode()
    assert "Câu hỏi của An Xuyên" not in listing
    with pytest.raises(workflow.ActionRefused):
        workflow.mark_violating(item, world.tt_head, reason="x")
    login_admin(client, world.portal_head)  # the provincial board oversees every site
    assert client.get(f"/admin/interaction/requests/{item.pk}/").status_code == 200
    assert TAN_THANH
