"""Deadline watch (R51): reminders before the due time, escalations after it, both sent once per due time."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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
        recipients.add(submission.submitted_by.email)
    if escalate:
        recipients.update(portal_board_recipients())
    with translation.override(settings.LANGUAGE_CODE):
        due = date_format(timezone.localtime(submission.due_at), "DATETIME_FORMAT")
        title = submission.page.get_admin_display_title()
        if escalate:
            subject = _("Overdue: “%(title)s” was due %(due)s") % {"title": title, "due": due}
            intro = _("The deadline for this item has passed and it is still not decided.")
        else:
            subject = _("Due soon: “%(title)s” is due %(due)s") % {"title": title, "due": due}
            intro = _("This item must be decided before its deadline.")
        body = "\n".join(
            [
                intro,
                _("Site: %(site)s") % {"site": submission.site.site_name},
                _("Information type: %(category)s") % {"category": submission.get_category_display()},
                _("Received: %(received)s")
                % {"received": date_format(timezone.localtime(submission.received_at), "DATETIME_FORMAT")},
                _("Due: %(due)s") % {"due": due},
                admin_url(reverse("wagtailadmin_pages:edit", args=[submission.page_id])),
            ]
        )
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        field = "escalation_sent_for" if escalate else "reminder_sent_for"
        if getattr(locked, field) == locked.due_at:
            return  # another run got there first
        setattr(locked, field, locked.due_at)
        Submission.objects.filter(pk=locked.pk).update(**{field: locked.due_at})
        if recipients:
            send_mail(subject, body, None, sorted(recipients))
