"""Deadline watch (R51): reminders before the due time, escalations after it, both sent once per due time."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from sites.notifications import notify

from .calendar import WorkingCalendar
from .models import ModerationSettings, Submission
from .workflow import admin_url, portal_board_recipients, site_recipients


def reminder_threshold(now: dt.datetime) -> dt.datetime:
    """Items due before this moment get a reminder: N working hours from now."""
    hours = ModerationSettings.load().reminder_working_hours
    return WorkingCalendar.current().add_working_hours(now, hours)


def send_deadline_notifications(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts = {"reminders": 0, "escalations": 0}
    threshold = reminder_threshold(now)
    running = Submission.objects.running().select_related("site", "page", "submitted_by")

    for submission in running.filter(due_at__lt=now).exclude(escalation_sent_for=F("due_at")):
        _notify(submission, escalate=True)
        counts["escalations"] += 1
    for submission in running.filter(due_at__gte=now, due_at__lte=threshold).exclude(
        reminder_sent_for=F("due_at")
    ):
        _notify(submission, escalate=False)
        counts["reminders"] += 1
    return counts


def _notify(submission: Submission, escalate: bool) -> None:
    """One email to the site's board and editors (and, on breach, the provincial board), then mark it sent."""
    from sites.models import AgencyGroup

    roles = [AgencyGroup.Role.BOARD, AgencyGroup.Role.EDITORS]
    recipients = set(site_recipients(submission.site, *roles))
    if submission.submitted_by and submission.submitted_by.email:
        recipients.add(submission.submitted_by)
    if escalate:
        recipients.update(portal_board_recipients())
    context = {
        "escalate": escalate,
        "title": submission.page.get_admin_display_title(),
        "site_name": submission.site.site_name,
        "category": submission.get_category_display(),
        "received": submission.received_at,
        "due": submission.due_at,
        "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[submission.page_id]), submission.site),
    }
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        field = "escalation_sent_for" if escalate else "reminder_sent_for"
        if getattr(locked, field) == locked.due_at:
            return  # another run got there first
        setattr(locked, field, locked.due_at)
        Submission.objects.filter(pk=locked.pk).update(**{field: locked.due_at})
        # Sent at once (this runs in a Celery task), as one message, like the reminder it marks sent.
        notify(
            sorted(recipients, key=lambda user: user.pk),
            "moderation/email/deadline",
            context,
            site=submission.site,
            on_commit=False,
        )
