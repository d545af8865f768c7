"""Each site's editorial workflow, and what happens around its decisions (submission record, emails)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.models import (
    AbstractGroupApprovalTask,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from sites.models import Agency, AgencyGroup
from sites.notifications import notify
from sites.public_urls import absolute_url

from .models import (
    EditorialTask,
    EditorialTaskState,
    ModerationSettings,
    RejectionReason,
    Submission,
    editorial_decision,
)

# Model permissions on submissions per role (granted by site provisioning: ModerationConfig.ready
# registers them); which rows they see is limited to their own site.
SUBMISSION_PERMISSIONS = {
    AgencyGroup.Role.EDITORS: ("view_submission", "change_submission"),
    AgencyGroup.Role.BOARD: ("view_submission", "change_submission"),
    AgencyGroup.Role.ADMINS: ("view_submission", "change_submission"),
}


def ensure_site_workflow(agency: Agency, site: Site) -> Workflow:
    """Give the site a workflow on its root page, unless it has one: review by editors, approval by the board.

    Idempotent; a workflow an administrator has changed or replaced in the admin is left alone.
    """
    existing = WorkflowPage.objects.filter(page=site.root_page).select_related("workflow").first()
    if existing is not None:
        return existing.workflow
    groups = {
        link.role: link.group for link in AgencyGroup.objects.filter(agency=agency).select_related("group")
    }

    review = EditorialTask.objects.create(
        name=f"{agency.name} · Biên tập, kiểm tra", step=EditorialTask.Step.REVIEW
    )
    review.groups.set(
        [g for role, g in groups.items() if role in (AgencyGroup.Role.EDITORS, AgencyGroup.Role.BOARD)]
    )
    approval = EditorialTask.objects.create(
        name=f"{agency.name} · Phê duyệt (Trưởng/Phó ban)", step=EditorialTask.Step.APPROVAL
    )
    approval.groups.set([groups[AgencyGroup.Role.BOARD]] if AgencyGroup.Role.BOARD in groups else [])
    workflow = Workflow.objects.create(name=f"Quy trình đăng tin · {agency.name}")
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=1)
    WorkflowPage.objects.create(workflow=workflow, page=site.root_page)
    return workflow


# --- the submission record ----------------------------------------------------------------------


def submission_for_state(state: WorkflowState) -> Submission | None:
    return Submission.objects.filter(workflow_state=state).order_by("-pk").first()


def record_submission(state: WorkflowState, user) -> Submission | None:
    """A page enters its workflow: open (or reopen) its submission record and set the deadline."""
    page = state.content_object
    if not isinstance(page, Page):
        return None
    page = page.specific
    site = page.get_site()
    if site is None:
        return None
    revision = page.get_latest_revision()
    submission = submission_for_state(state)
    if submission is None:
        # A page withdrawn and submitted again keeps its original receipt (R41, R56).
        submission = (
            Submission.objects.filter(page=page, status=Submission.Status.CANCELLED).order_by("-pk").first()
        )
        if submission is not None:
            submission.status = Submission.Status.IN_REVIEW
            submission.resubmitted_at = timezone.now()
    if submission is None:
        now = timezone.now()
        submission = Submission(
            site=site,
            page=page,
            category=ModerationSettings.load().category_for(type(page)),
            responsible_name=_user_name(user),
            responsible_email=getattr(user, "email", "") or "",
            providing_agency=_agency_name(site),
            received_at=now,
            submitted_at=now,
        )
    submission.workflow_state = state
    submission.revision = revision
    submission.submitted_by = user
    submission.reminder_sent_for = submission.escalation_sent_for = None
    submission.save()
    return submission


def record_resubmission(task_state) -> None:
    """The submitter sends a returned or rejected page back: the review resumes, the clock restarts (R41)."""
    submission = submission_for_state(task_state.workflow_state)
    if submission is None:
        return
    submission.revision = task_state.revision
    if submission.status in (Submission.Status.RETURNED, Submission.Status.REJECTED):
        submission.status = Submission.Status.IN_REVIEW
        submission.resubmitted_at = timezone.now()
        submission.reminder_sent_for = submission.escalation_sent_for = None
    submission.save()


def decide(
    task_state: EditorialTaskState,
    user,
    action: str,
    comment: str = "",
    reasons: list[str] | tuple[str, ...] = (),
    checklist: dict[str, bool] | None = None,
    notify: bool = True,
) -> None:
    """Carry out a checked decision: approve, return for more information, or reject with reasons.

    Returns and rejections both hand the page back to its submitter (Wagtail's "needs changes"); the task
    state remembers which it was and why, so the audit log, emails and reports can tell them apart.
    """
    if action == "approve":
        task_state.checklist = dict(checklist or {})
        task_state.approve(user=user, comment=comment)
    elif action in ("return", "reject"):
        task_state.outcome = (
            EditorialTaskState.Outcome.RETURNED if action == "return" else EditorialTaskState.Outcome.REJECTED
        )
        task_state.reasons = list(reasons) if action == "reject" else []
        task_state.reject(user=user, comment=comment)
    else:
        raise ValueError(f"Unknown decision {action!r}")
    after_decision(task_state, user, action, notify=notify)


def after_decision(task_state: EditorialTaskState, user, action: str, notify: bool = True) -> None:
    """Record a decision on the submission and tell the submitter by email."""
    state = task_state.workflow_state
    state.refresh_from_db()
    submission = submission_for_state(state)
    now = timezone.now()
    if submission is not None:
        if action == "approve" and state.status == WorkflowState.STATUS_APPROVED:
            submission.refresh_from_db()
            if submission.status != Submission.Status.PUBLISHED:
                submission.status = Submission.Status.APPROVED
            submission.approved_at = now
        elif action == "return":
            submission.status = Submission.Status.RETURNED
        elif action == "reject":
            submission.status = Submission.Status.REJECTED
            submission.reasons = list(task_state.reasons)
        if action != "approve" or state.status == WorkflowState.STATUS_APPROVED:
            submission.decided_at, submission.decided_by = now, user
        submission.save()
    if notify:
        notify_submitter(task_state, user, action, state)


def record_publication(page: Page) -> None:
    """First publication time is set once and never changes (R56).

    Wagtail also sends `page_published` when it merely schedules a future go-live; that is not publication.
    """
    if not page.live:
        return
    now = timezone.now()
    for submission in Submission.objects.filter(
        page=page, status__in=[Submission.Status.APPROVED, Submission.Status.IN_REVIEW]
    ):
        if submission.status == Submission.Status.IN_REVIEW and (
            submission.workflow_state is None
            or submission.workflow_state.status != WorkflowState.STATUS_APPROVED
        ):
            continue
        submission.status = Submission.Status.PUBLISHED
        submission.published_at = submission.published_at or now
        submission.save()


def recompute_open_deadlines() -> int:
    """Recompute the due time of every open item; a changed due time gets its reminders again."""
    changed = 0
    for submission in Submission.objects.open():
        before = submission.due_at
        submission.recompute_due()
        if submission.due_at != before:
            Submission.objects.filter(pk=submission.pk).update(due_at=submission.due_at)
            changed += 1
    return changed


def record_cancellation(state: WorkflowState) -> None:
    Submission.objects.filter(workflow_state=state).exclude(status=Submission.Status.PUBLISHED).update(
        status=Submission.Status.CANCELLED
    )


# --- notifications --------------------------------------------------------------------------------


def admin_url(path: str, site: Site | None = None) -> str:
    return absolute_url(site, path)


def notify_submitter(task_state: EditorialTaskState, user, action: str, state: WorkflowState) -> None:
    submitter = state.requested_by
    if submitter is None or not submitter.email:
        return
    page = task_state.revision.as_object()
    site = page.get_site()
    if action == "approve" and state.status == WorkflowState.STATUS_APPROVED:
        decision = gettext_lazy("approved for publication")
    elif action == "approve":
        decision = gettext_lazy("verified and sent to the board for approval")
    elif action == "return":
        decision = gettext_lazy("returned to you for more information")
    else:
        decision = gettext_lazy("rejected")
    labels = dict(RejectionReason.objects.values_list("code", "label")) if task_state.reasons else {}
    context = {
        "title": page.get_admin_display_title(),
        "decision": decision,
        "user": _user_name(user),
        "task": task_state.task.name,
        "reasons": [(code, labels.get(code, code)) for code in task_state.reasons],
        "comment": task_state.comment,
        "edit_url": (
            admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk]), site)
            if action in ("return", "reject")
            else ""
        ),
    }
    notify([submitter], "moderation/email/decision", context, site=site)


def notify_reviewers(task_state) -> None:
    """Tell whoever may decide at this step that an item waits for them (never the submitter); when only
    the submitter could, the provincial board is told the step is escalated to them. A correction made
    at the previous step is linked as a comparison of the two revisions."""
    task = task_state.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return
    page = task_state.revision.as_object()
    site = page.get_site()
    if isinstance(task, EditorialTask):
        escalated = task.escalated(page)
        reviewers = active_people(get_user_model().objects.filter(pk__in=task.actor_ids(page)))
    else:
        escalated = False
        requester = task_state.workflow_state.requested_by_id
        reviewers = (
            get_user_model().objects.filter(groups__in=task.groups.all()).exclude(pk=requester).distinct()
        )
    previous = (
        EditorialTaskState.objects.filter(workflow_state=task_state.workflow_state)
        .exclude(pk=task_state.pk)
        .order_by("-pk")
        .first()
    )
    correction = previous.correction() if previous is not None else None
    context = {
        "title": page.get_admin_display_title(),
        "task": task.name,
        "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk]), site),
        "escalated": escalated,
        "compare_url": (
            admin_url(
                reverse(
                    "wagtailadmin_pages:revisions_compare",
                    args=[page.pk, correction["from"], correction["to"]],
                ),
                site,
            )
            if correction
            else ""
        ),
    }
    notify(reviewers, "moderation/email/to_review", context, site=site, preference="submitted")


def site_recipients(site: Site, *roles: str):
    """Active people holding one of `roles` on `site` (the people who can act on it)."""
    return active_people(
        get_user_model().objects.filter(
            groups__agency_role__agency__site=site, groups__agency_role__role__in=roles
        )
    )


def portal_board_recipients():
    return active_people(
        get_user_model().objects.filter(
            groups__agency_role__agency__kind=Agency.Kind.PROVINCE,
            groups__agency_role__role=AgencyGroup.Role.BOARD,
        )
    )


def active_people(users):
    return users.filter(is_active=True).exclude(email="").distinct().order_by("pk")


def _user_name(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username()).strip()


def _agency_name(site: Site) -> str:
    agency = Agency.objects.filter(site=site).first()
    return agency.name if agency else site.site_name


@receiver(editorial_decision, dispatch_uid="moderation_apply_decision")
def apply_decision(sender, task_state, user, action, comment, reasons, checklist, **kwargs) -> None:
    decide(task_state, user, action, comment=comment, reasons=reasons, checklist=checklist)
