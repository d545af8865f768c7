"""Reactions to provisioning, Wagtail's workflow signals and publication (connected in apps.ready)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from sites.cache import bump_fragments_through_commit
from sites.signals import site_provisioned

from . import gate, workflow
from .models import CalendarDay, CorrectionRequest, ModerationSettings


@receiver(site_provisioned, dispatch_uid="moderation_site_workflow")
def give_site_a_workflow(sender, agency, site, created, **kwargs) -> None:
    workflow.ensure_site_workflow(agency, site)


@receiver(workflow_submitted, dispatch_uid="moderation_record_submission")
def on_workflow_submitted(sender, instance, user=None, **kwargs) -> None:
    workflow.record_submission(instance, user)


@receiver(task_submitted, dispatch_uid="moderation_record_resubmission")
def on_task_submitted(sender, instance, user=None, **kwargs) -> None:
    workflow.record_resubmission(instance)
    workflow.notify_reviewers(instance)


def workflow_emails_are_sent_by_moderation(sender, instance, user=None, **kwargs) -> None:
    """Placeholder holding Wagtail's own workflow email slots (see below)."""


# The project's emails (moderation.workflow.notify_reviewers and notify_submitter, in each recipient's
# language, through sites.notifications) replace Wagtail's workflow emails, which are English templates,
# go to every superuser of every site on submission, and cannot tell a return for more information from
# a rejection. Connecting first under Wagtail's dispatch_uids keeps Wagtail's handlers from being
# connected: this app is listed before wagtail.admin in INSTALLED_APPS, so its ready() runs first.
for signal, sender, dispatch_uid in [
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]:
    signal.connect(workflow_emails_are_sent_by_moderation, sender=sender, dispatch_uid=dispatch_uid)


@receiver(workflow_cancelled, dispatch_uid="moderation_record_cancellation")
def on_workflow_cancelled(sender, instance, user=None, **kwargs) -> None:
    workflow.record_cancellation(instance)


@receiver(page_published, dispatch_uid="moderation_record_publication")
def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    workflow.record_publication(instance)


@receiver(post_save, sender=CalendarDay, dispatch_uid="moderation_calendar_saved")
@receiver(post_delete, sender=CalendarDay, dispatch_uid="moderation_calendar_deleted")
@receiver(post_save, sender=ModerationSettings, dispatch_uid="moderation_rules_saved")
def recompute_open_deadlines(sender, **kwargs) -> None:
    """A changed calendar or deadline rule moves the due times of items still open (R49)."""
    if kwargs.get("raw"):
        return
    workflow.recompute_open_deadlines()


# The publication gate: every save that would make a page's revision live, or schedule it, is checked.
# Connected for every sender: page types are many and other apps add more.
pre_save.connect(gate.guard_page_save, dispatch_uid="moderation_gate_page")
post_save.connect(gate.record_live_creation, dispatch_uid="moderation_gate_live_creation")
pre_save.connect(gate.guard_revision_schedule, sender=Revision, dispatch_uid="moderation_gate_revision")


@receiver(post_save, sender=CorrectionRequest, dispatch_uid="moderation_correction_saved")
@receiver(post_delete, sender=CorrectionRequest, dispatch_uid="moderation_correction_deleted")
def on_correction_changed(sender, instance, **kwargs) -> None:
    bump_fragments_through_commit()  # corrections.pages_with_notices
