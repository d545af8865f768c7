"""One page walks the editorial workflow through the admin, with the permissions checked at every step."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import PageLogEntry, WorkflowPage, WorkflowState

from moderation.models import EditorialTask, EditorialTaskState, Submission
from sites.models import AgencyGroup
from sites.provisioning import provision_agency
from tests.conftest import group_of, login_admin

from .conftest import CHECKLIST, act, act_from_editor, draft_page, edit_form_data, submit, verify


def decision_mail(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def outsider_is_kept_out(w, page, submission) -> None:
    """Another site's contributor can neither see the item nor act on it, whatever its state."""
    other = Client()
    login_admin(other, w.other_contributor)
    title = page.title
    revisions = page.revisions.count()
    assert other.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)
    response = other.post(f"/admin/pages/{page.pk}/edit/", {**edit_form_data(page), "action-submit": "1"})
    assert response.status_code in (302, 403) and page.revisions.count() == revisions
    assert other.get(f"/admin/snippets/moderation/submission/edit/{submission.pk}/").status_code in (302, 403)
    assert title not in other.get("/admin/moderation/deadlines/?show=open").content.decode()
    assert title not in other.get("/admin/snippets/moderation/submission/").content.decode()
    page.refresh_from_db()
    if page.current_workflow_task_state is not None:
        for action, data in (
            ("approve", CHECKLIST),
            ("return", {"comment": "x"}),
            ("reject", {"reasons": ["c"]}),
        ):
            assert act(other, w.other_contributor, page, action, **data).status_code == 403


def test_each_site_gets_its_own_workflow_once(wards):
    site = wards.an_xuyen.site
    workflow = WorkflowPage.objects.get(page=site.root_page).workflow
    review, approval = [task.specific for task in workflow.tasks]
    assert isinstance(review, EditorialTask) and review.step == EditorialTask.Step.REVIEW
    assert set(review.groups.all()) == {
        group_of(wards.an_xuyen, AgencyGroup.Role.EDITORS),
        group_of(wards.an_xuyen, AgencyGroup.Role.BOARD),
    }
    assert list(approval.groups.all()) == [group_of(wards.an_xuyen, AgencyGroup.Role.BOARD)]

    provision_agency(wards.an_xuyen)  # rerunning provisioning adds nothing
    assert WorkflowPage.objects.get(page=site.root_page).workflow == workflow
    assert EditorialTask.objects.filter(groups=group_of(wards.an_xuyen, AgencyGroup.Role.BOARD)).count() == 2


def test_full_walk(wards, client, django_capture_on_commit_callbacks):
    w = wards
    page = draft_page(
        w.an_xuyen.site.root_page, "Thông báo lịch tiếp công dân", "lich-tiep-cong-dan", w.contributor
    )

    # A contributor cannot publish: the button is absent and a forged POST does not publish.
    login_admin(client, w.contributor)
    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in editor_html
    client.post(f"/admin/pages/{page.pk}/edit/", {**edit_form_data(page), "action-publish": "1"})
    page.refresh_from_db()
    assert not page.live

    # 1. Submit.
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, w.contributor, page)
    assert response.status_code == 302
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    submission = Submission.objects.get(page=page)
    assert submission.status == Submission.Status.IN_REVIEW
    assert submission.submitted_by == w.contributor and submission.responsible_name == "Lan"
    assert submission.due_at is not None  # "other information": 5 working days
    assert decision_mail(w.editor.email), "reviewers are told an item waits for them"

    outsider_is_kept_out(w, page, submission)

    # The submitter cannot verify their own submission.
    assert act(client, w.contributor, page, "approve").status_code == 403

    # 2. Return for more information (an editor, at the verification step).
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, w.editor, page, "return", comment="Bổ sung số hiệu văn bản.")
    assert response.status_code == 200 and '"step": "success"' in response.content.decode()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED
    returned = EditorialTaskState.objects.get(
        workflow_state=state, outcome=EditorialTaskState.Outcome.RETURNED
    )
    assert returned.comment == "Bổ sung số hiệu văn bản."
    assert PageLogEntry.objects.filter(page=page, action="moderation.returned", user=w.editor).exists()
    [email] = decision_mail(w.contributor.email)
    assert "Bổ sung số hiệu văn bản." in email.body
    # The submitter sees the note at the top of the edit screen and on the dashboard.
    login_admin(client, w.contributor)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    notes = [str(m) for m in response.wsgi_request._messages]
    assert any("Bổ sung số hiệu văn bản." in m and "Gửi lại" in m for m in notes), notes
    assert "Bổ sung số hiệu văn bản." in client.get("/admin/").content.decode()

    outsider_is_kept_out(w, page, submission)

    # 3. Resubmit: the workflow resumes; the original receipt time is kept, the resubmission recorded.
    received = submission.received_at
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, w.contributor, page, summary="Số 12/TB-UBND")
    state.refresh_from_db()
    submission.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert submission.status == Submission.Status.IN_REVIEW
    assert submission.received_at == received and submission.resubmitted_at > received

    # The editor verifies: not without ticking the whole checklist (R40) …
    response = act(client, w.editor, page, "approve", source_verified="on", lawful="on")
    assert response.json()["step"] == "action"
    act_from_editor(client, w.editor, page, "approve", {"source_verified": True})
    page.refresh_from_db()
    assert page.current_workflow_task.specific.step == EditorialTask.Step.REVIEW
    # … then with it; the item moves to the board's approval step and the ticks are in the audit log.
    with django_capture_on_commit_callbacks(execute=True):
        assert verify(client, w.editor, page).status_code == 200
    approval_entry = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").latest("pk")
    assert approval_entry.user == w.editor and all(approval_entry.data["checklist"].values())
    assert len(approval_entry.data["checklist"]) == 6
    page.refresh_from_db()
    assert page.current_workflow_task.specific.step == EditorialTask.Step.APPROVAL

    # Contributors and editors cannot approve at the board's step.
    assert act(client, w.contributor2, page, "approve").status_code == 403
    assert act(client, w.editor, page, "approve").status_code == 403

    outsider_is_kept_out(w, page, submission)

    # 4. A rejection without a reason is refused with a clear message, by the modal and by the editor.
    response = act(client, w.head, page, "reject", comment="Không đăng.")
    assert (
        response.status_code == 200 and response.json()["step"] == "action"
    )  # the form again, with its error
    assert "ít nhất một lý do" in response.json()["html"]
    response = act_from_editor(client, w.head, page, "reject", {"comment": "Không đăng."})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("CM26" in m for m in messages)

    # 5. Reject with reasons.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            client, w.head, page, "reject", reasons=["b", "d"], comment="Chưa được phép công khai."
        )
    assert '"step": "success"' in response.content.decode()
    state.refresh_from_db()
    submission.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert submission.status == Submission.Status.REJECTED and submission.reasons == ["b", "d"]
    login_admin(client, w.contributor)
    dashboard = client.get("/admin/").content.decode()
    assert "b) Thuộc bí mật nhà nước" in dashboard and "Chưa được phép công khai." in dashboard
    entry = PageLogEntry.objects.get(page=page, action="moderation.rejected")
    assert entry.user == w.head and entry.data["reasons"] == ["b", "d"]
    [email] = decision_mail(w.contributor.email)
    assert "Thuộc bí mật nhà nước" in email.body and "Chưa được phép công khai." in email.body

    outsider_is_kept_out(w, page, submission)

    # 6. Resubmit again.
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, w.contributor, page, summary="Đã được phép công khai")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    outsider_is_kept_out(w, page, submission)

    # 7. The board head approves: the page goes live.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, w.head, page, "approve").status_code == 200
    page.refresh_from_db()
    state.refresh_from_db()
    submission.refresh_from_db()
    assert page.live and page.summary == "Đã được phép công khai"
    assert state.status == WorkflowState.STATUS_APPROVED
    assert submission.status == Submission.Status.PUBLISHED and submission.published_at is not None
    assert submission.decided_by == w.head
    [email] = decision_mail(w.contributor.email)
    assert "approved" in email.subject or "phê duyệt" in email.subject
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {
        "wagtail.workflow.start",
        "moderation.returned",
        "moderation.rejected",
        "wagtail.workflow.approve",
    } <= actions
    assert {"wagtail.workflow.resume", "wagtail.publish"} <= actions
    outsider_is_kept_out(w, page, submission)


def test_board_member_cannot_approve_own_submission(wards, client, django_capture_on_commit_callbacks):
    w = wards
    page = draft_page(w.an_xuyen.site.root_page, "Tin hoạt động của Ban", "tin-hoat-dong", w.head)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, w.head, page)
        verify(client, w.editor, page)
    page.refresh_from_db()
    assert page.current_workflow_task.specific.step == EditorialTask.Step.APPROVAL
    assert act(client, w.head, page, "approve").status_code == 403
    assert act(client, w.head, page, "reject", reasons=["c"]).status_code == 403

    # Nor can the last editor: the deputy edits the draft during review, so only the head... who submitted.
    # The deputy did not touch it here, so the deputy approves.
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, w.deputy, page, "approve").status_code == 200
    page.refresh_from_db()
    assert page.live


def test_reviewer_corrects_then_verifies_and_another_member_approves(
    wards, client, django_capture_on_commit_callbacks
):
    """A board member corrects a typo while reviewing, then verifies: not refused (issue 10, case 2). The
    correction is recorded and shown to the approver, who must be another board member (four eyes)."""
    w = wards
    page = draft_page(w.an_xuyen.site.root_page, "Thông báo tuyển dụng", "tuyen-dung", w.contributor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, w.contributor, page)
    # The head corrects the text in the editor (a draft revision of theirs) …
    login_admin(client, w.head)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", edit_form_data(page, summary="Tuyển dụng công chức năm 2026")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().user == w.head
    # … and verifies: the action is offered and succeeds.
    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "workflow-action" in editor_html or "Verified" in editor_html or "Đã kiểm tra" in editor_html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = verify(client, w.head, page)
    assert response.status_code == 200 and response.json()["step"] == "success"
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").latest("pk")
    assert entry.user == w.head and entry.data["correction"]["to"] == page.get_latest_revision().pk
    [notice] = [m for m in mail.outbox if w.deputy.email in m.to]
    assert f"/admin/pages/{page.pk}/revisions/compare/" in notice.body

    # The head verified, the deputy exists: the head may not also approve, and is told why.
    assert act(client, w.head, page, "approve").status_code == 403
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    warnings = [str(m) for m in response.wsgi_request._messages]
    assert any("phê duyệt" in m or "approves it" in m for m in warnings), warnings
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, w.deputy, page, "approve").status_code == 200
    page.refresh_from_db()
    assert page.live and page.summary == "Tuyển dụng công chức năm 2026"
    assert WorkflowState.objects.get(pk=page.workflow_states.latest("pk").pk).status == "approved"


@pytest.fixture
def small_ward(make_agency, make_user):
    """A ward with one editor and one board member (issue 10: such a page could never be published)."""
    agency = make_agency("Ủy ban nhân dân xã Khánh Hưng", "khanhhung", kind="commune")
    return agency, (
        make_user("btv.khanhhung", group_of(agency, AgencyGroup.Role.EDITORS)),
        make_user("truongban.khanhhung", group_of(agency, AgencyGroup.Role.BOARD)),
    )


def test_single_board_member_ward_publishes_through_the_workflow(
    small_ward, client, django_capture_on_commit_callbacks
):
    agency, (editor, head) = small_ward
    page = draft_page(agency.site.root_page, "Lịch tiếp công dân tháng 6", "lich-tiep-dan", editor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, editor, page)
        assert verify(client, head, page).json()["step"] == "success"
        # The only board member verified and is the only one who can approve: they approve.
        assert act(client, head, page, "approve").status_code == 200
    page.refresh_from_db()
    assert page.live
    state = page.workflow_states.latest("pk")
    assert state.status == WorkflowState.STATUS_APPROVED


def test_escalates_to_the_provincial_board_when_only_the_submitter_could_act(
    small_ward, portal, make_user, client, django_capture_on_commit_callbacks
):
    agency, (editor, head) = small_ward
    provincial = make_user("truongban.tinh", group_of(portal, AgencyGroup.Role.BOARD))
    page = draft_page(agency.site.root_page, "Tin hoạt động của Ban", "tin-cua-ban", head)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, head, page)
        mail.outbox.clear()
        assert verify(client, editor, page).json()["step"] == "success"
    # Approval: the ward's only board member submitted it, so the provincial board is asked.
    [notice] = [m for m in mail.outbox if provincial.email in m.to]
    assert "tỉnh" in notice.body or "provincial" in notice.body
    assert act(client, head, page, "approve").status_code == 403
    login_admin(client, provincial)
    assert page.title in client.get("/admin/").content.decode()  # awaiting their review
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, provincial, page, "approve").status_code == 200
    page.refresh_from_db()
    assert page.live and page.workflow_states.latest("pk").status == WorkflowState.STATUS_APPROVED


def test_board_cannot_publish_around_the_workflow(wards, client):
    page = draft_page(wards.an_xuyen.site.root_page, "Tin chưa duyệt", "tin-chua-duyet", wards.head)
    login_admin(client, wards.head)
    assert 'name="action-publish"' not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    response = client.post(f"/admin/pages/{page.pk}/edit/", {**edit_form_data(page), "action-publish": "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live


@pytest.mark.parametrize("role", [AgencyGroup.Role.EDITORS, AgencyGroup.Role.BOARD])
def test_portal_board_does_not_approve_component_pages(wards, portal, make_user, client, role):
    page = draft_page(wards.an_xuyen.site.root_page, "Tin phường", "tin-phuong", wards.contributor)
    submit(client, wards.contributor, page)
    verify(client, wards.editor, page)
    provincial = make_user(f"tinh-{role}", group_of(portal, AgencyGroup.Role.BOARD))
    assert act(client, provincial, page, "approve").status_code == 403


def test_approved_page_with_a_go_live_time_is_published_then(
    wards, client, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Page, Revision

    w = wards
    page = draft_page(w.an_xuyen.site.root_page, "Thông báo nghỉ lễ", "thong-bao-nghi-le", w.contributor)
    page.go_live_at = timezone.now() + dt.timedelta(hours=2)
    page.save_revision(user=w.contributor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            client,
            w.contributor,
            page,
            go_live_at=timezone.localtime(page.go_live_at).strftime("%Y-%m-%d %H:%M"),
        )
        verify(client, w.editor, page)
        act(client, w.head, page, "approve")
    page.refresh_from_db()
    submission = Submission.objects.get(page=page)
    assert (
        not page.live and submission.status == Submission.Status.APPROVED and submission.published_at is None
    )

    # The time comes: Wagtail's scheduler publishes it and the record notes the first publication.
    past = timezone.now() - dt.timedelta(minutes=1)
    revision = Revision.page_revisions.filter(object_id=str(page.pk)).exclude(approved_go_live_at=None).get()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    Page.objects.filter(pk=page.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    page.refresh_from_db()
    submission.refresh_from_db()
    assert page.live and submission.status == Submission.Status.PUBLISHED and submission.published_at
