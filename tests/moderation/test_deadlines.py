"""Deadlines per information type, the overdue view, and the reminder/escalation job (R50, R51)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from moderation.models import ModerationSettings, SLACategory, Submission
from moderation.tasks import check_deadlines
from sites.models import AgencyGroup
from tests.conftest import group_of, login_admin

from .conftest import act, draft_page, submit


def at(year, month, day, hour=9, minute=0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


@pytest.fixture
def submitted(wards, client, django_capture_on_commit_callbacks):
    """A legal document in review on An Xuyên, received 30 days ago (overdue)."""
    page = draft_page(
        wards.an_xuyen.site.root_page, "Quyết định công bố thủ tục", "qd-cong-bo", wards.contributor
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, wards.contributor, page)
    submission = Submission.objects.get(page=page)
    submission.category = SLACategory.LEGAL
    submission.received_at = timezone.now() - dt.timedelta(days=30)
    submission.save()
    mail.outbox.clear()
    return submission


def test_due_times_per_category(db):
    rules = ModerationSettings.load()
    received = at(2026, 6, 5, 10)  # a Friday
    assert rules.due_at(SLACategory.LEGAL, received) == at(2026, 6, 9, 17)
    assert rules.due_at(SLACategory.DISSEMINATION, received) == at(2026, 6, 10, 17)
    assert rules.due_at(SLACategory.PLANS, received) == at(2026, 6, 19, 17)
    assert rules.due_at(SLACategory.SCIENCE, received) == at(2026, 7, 3, 17)
    assert rules.due_at(SLACategory.NEWS, received) is None  # continuous
    rules.profile = "thainguyen-2026"
    assert rules.due_at(SLACategory.NEWS, received) == at(2026, 6, 8, 9)  # 7 hours on Friday, 1 on Monday


def test_page_type_mapping(db):
    from cms.models import NewsPage, StandardPage

    rules = ModerationSettings.load()
    assert rules.category_for(NewsPage) == SLACategory.NEWS
    assert rules.category_for(StandardPage) == SLACategory.OTHER
    rules.page_categories = {"cms.standardpage": "dissemination"}
    assert rules.category_for(StandardPage) == SLACategory.DISSEMINATION


def test_resubmission_restarts_the_clock(submitted, wards, client, django_capture_on_commit_callbacks):
    old_due = submitted.due_at
    with django_capture_on_commit_callbacks(execute=True):
        act(client, wards.editor, submitted.page.specific, "return", comment="Thiếu phụ lục")
        submit(client, wards.contributor, submitted.page.specific)
    submitted.refresh_from_db()
    assert submitted.due_at > timezone.now() > old_due
    rules = ModerationSettings.load()
    rules.restart_clock_on_resubmit = False
    rules.save()
    submitted.save()
    assert submitted.due_at == old_due


def test_escalation_and_reminder_are_sent_once(submitted, wards, portal, make_user, make_agency):
    provincial_head = make_user("truongban.tinh", group_of(portal, AgencyGroup.Role.BOARD))
    result = check_deadlines.delay().get()
    assert result == {"reminders": 0, "escalations": 1}
    [email] = mail.outbox
    assert email.subject.startswith(("Overdue", "Quá hạn"))
    assert {wards.head.email, wards.editor.email, wards.contributor.email, provincial_head.email} <= set(
        email.to
    )
    assert wards.other_contributor.email not in email.to

    # Running again sends nothing new.
    assert check_deadlines.delay().get() == {"reminders": 0, "escalations": 0}
    assert len(mail.outbox) == 1

    # A fresh item due within the reminder window gets one reminder, to the site only.
    rules = ModerationSettings.load()
    rules.reminder_working_hours = 40
    rules.save()
    page = draft_page(wards.an_xuyen.site.root_page, "Kế hoạch năm", "ke-hoach", wards.contributor)
    page.get_workflow().start(page, wards.contributor)
    fresh = Submission.objects.get(page=page)
    fresh.category = SLACategory.LEGAL
    fresh.save()
    mail.outbox.clear()
    assert check_deadlines.delay().get() == {"reminders": 1, "escalations": 0}
    [reminder] = mail.outbox
    assert "Kế hoạch năm" in reminder.subject and provincial_head.email not in reminder.to
    assert check_deadlines.delay().get() == {"reminders": 0, "escalations": 0}


def test_overdue_view_per_site_and_province(submitted, wards, portal, make_user, client):
    login_admin(client, wards.head)
    html = client.get("/admin/moderation/deadlines/").content.decode()
    assert "Quyết định công bố thủ tục" in html

    login_admin(client, wards.other_contributor)
    response = client.get("/admin/moderation/deadlines/")
    assert response.status_code == 200 and "Quyết định công bố thủ tục" not in response.content.decode()
    assert client.get(f"/admin/moderation/deadlines/?site={wards.an_xuyen.site_id}").status_code in (302, 403)

    provincial = make_user("bbt.tinh", group_of(portal, AgencyGroup.Role.BOARD))
    login_admin(client, provincial)
    html = client.get("/admin/moderation/deadlines/").content.decode()
    assert "Quyết định công bố thủ tục" in html and "Ủy ban nhân dân phường An Xuyên" in html
    # The consolidated table counts per site, worst first.
    by_site = html[html.index("moderation-by-site") :]
    first_row = by_site[by_site.index("<tbody>") : by_site.index("</tr>", by_site.index("<tbody>"))]
    assert "Ủy ban nhân dân phường An Xuyên" in first_row and ">1</strong>" in first_row
    html = client.get(f"/admin/moderation/deadlines/?site={wards.tan_thanh.site_id}").content.decode()
    assert "Quyết định công bố thủ tục" not in html

    # Someone without any agency role does not get the views.
    login_admin(client, make_user("nobody"))
    assert client.get("/admin/moderation/deadlines/").status_code in (302, 403)


def test_calendar_change_moves_open_deadlines(submitted):
    submitted.received_at = at(2026, 6, 5, 10)
    submitted.save()
    assert submitted.due_at == at(2026, 6, 9, 17)
    from moderation.models import CalendarDay

    day = CalendarDay.objects.create(
        date=dt.date(2026, 6, 9), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ đột xuất"
    )
    submitted.refresh_from_db()
    assert submitted.due_at == at(2026, 6, 10, 17)
    day.delete()
    submitted.refresh_from_db()
    assert submitted.due_at == at(2026, 6, 9, 17)


def test_submission_record_is_edited_in_the_admin(submitted, wards, client):
    login_admin(client, wards.editor)
    url = f"/admin/snippets/moderation/submission/edit/{submitted.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "channel": "paper",
        "received_at": "2026-06-05 10:00",
        "source_reference": "Công văn 15/UBND",
        "category": "legal",
        "providing_agency": "Phòng Văn hóa - Xã hội",
        "responsible_name": "Nguyễn Văn A",
        "responsible_position": "Trưởng phòng",
        "responsible_phone": "0290 3831 000",
        "responsible_email": "a@camau.gov.vn",
        "note": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    submitted.refresh_from_db()
    assert submitted.channel == "paper" and submitted.responsible_name == "Nguyễn Văn A"
    assert submitted.due_at == at(2026, 6, 9, 17)

    # The list shows this site's records only.
    other = Client()  # a separate browser, without the editor's flash messages
    login_admin(other, wards.other_contributor)
    listing = other.get("/admin/snippets/moderation/submission/")
    assert listing.status_code == 200
    assert "Quyết định công bố thủ tục" not in listing.content.decode()


def test_operator_opens_the_workflow_admin(submitted, superuser, client):
    login_admin(client, superuser)
    assert client.get("/admin/workflows/list/").status_code == 200
    task = submitted.workflow_state.workflow.tasks.first()
    assert client.get(f"/admin/workflows/tasks/edit/{task.pk}/").status_code == 200
    assert client.get("/admin/moderation/deadlines/?show=open").status_code == 200
    assert client.get("/admin/snippets/moderation/calendarday/add/").status_code == 200


def test_submission_records_are_never_added_or_deleted_by_hand(submitted, superuser, client):
    login_admin(client, superuser)
    assert client.get("/admin/snippets/moderation/submission/add/").status_code in (302, 403)
    assert client.get(f"/admin/snippets/moderation/submission/delete/{submitted.pk}/").status_code in (
        302,
        403,
    )
    assert client.post(f"/admin/snippets/moderation/submission/delete/{submitted.pk}/").status_code in (
        302,
        403,
    )
    assert Submission.objects.filter(pk=submitted.pk).exists()
    assert client.get(f"/admin/snippets/moderation/submission/edit/{submitted.pk}/").status_code == 200


def test_provincial_board_sees_but_does_not_change_other_sites_records(submitted, portal, make_user, client):
    provincial = make_user("bbt.tinh2", group_of(portal, AgencyGroup.Role.BOARD))
    login_admin(client, provincial)
    listing = client.get("/admin/snippets/moderation/submission/").content.decode()
    assert "Quyết định công bố thủ tục" in listing
    url = f"/admin/snippets/moderation/submission/edit/{submitted.pk}/"
    response = client.post(url, {"responsible_name": "Người khác", "channel": "paper"})
    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert submitted.responsible_name != "Người khác"


def test_page_header_links_to_its_submission_record(submitted, wards, client):
    login_admin(client, wards.editor)
    html = client.get(f"/admin/pages/{submitted.page_id}/").content.decode()
    assert f"/admin/snippets/moderation/submission/edit/{submitted.pk}/" in html


def test_admin_home_counts_overdue_items(submitted, wards, client):
    login_admin(client, wards.head)
    html = client.get("/admin/").content.decode()
    assert "moderation-deadlines-summary" in html
    login_admin(client, wards.other_contributor)
    assert "moderation-deadlines-summary" not in client.get("/admin/").content.decode()
