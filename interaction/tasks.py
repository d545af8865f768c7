"""Beat jobs: deadline reminders and escalations (like editorial deadlines, R51), and the erasure of
askers' personal data after the retention period (R65, R110)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from moderation.calendar import WorkingCalendar

from . import notify
from .models import CitizenRequest, InteractionSettings, RequestEvent, SiteRating, UsedFormToken


def _deadline_of(item: CitizenRequest) -> dt.datetime | None:
    """The deadline that matters now: routing (1 or 2 working days) while unclassified, then the answer's."""
    if item.status in CitizenRequest.ROUTING_STATUSES and item.forward_due_at:
        return min(d for d in (item.forward_due_at, item.due_at) if d)
    return item.due_at


def send_deadline_notifications(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    rules = InteractionSettings.load()
    threshold = WorkingCalendar.current().add_working_hours(now, rules.reminder_working_hours)
    counts = {"reminders": 0, "escalations": 0}
    for item in CitizenRequest.objects.open().select_related("agency", "site"):
        due = _deadline_of(item)
        if due is None:
            continue
        escalate = due < now
        if not escalate and due > threshold:
            continue
        field = "escalation_sent_for" if escalate else "reminder_sent_for"
        with transaction.atomic():
            locked = CitizenRequest.objects.select_for_update().get(pk=item.pk)
            if getattr(locked, field) == due:
                continue  # sent once per due time
            CitizenRequest.objects.filter(pk=item.pk).update(**{field: due})
            RequestEvent.objects.create(
                request=item,
                action=RequestEvent.Action.ESCALATED if escalate else RequestEvent.Action.REMINDED,
                note=timezone.localtime(due).strftime("%d/%m/%Y %H:%M"),
                to_agency=item.agency,
            )
            notify.deadline_notice(item, due, escalate)
        counts["escalations" if escalate else "reminders"] += 1
    return counts


def erase_expired_personal_data(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    rules = InteractionSettings.load()
    cutoff = now - dt.timedelta(days=rules.retention_days)
    closed = (
        CitizenRequest.Status.ANSWERED,
        CitizenRequest.Status.VIOLATING,
        CitizenRequest.Status.OUT_OF_SCOPE,
    )
    expired = CitizenRequest.objects.filter(status__in=closed, anonymised_at__isnull=True).filter(
        Q(answered_at__lt=cutoff) | Q(answered_at__isnull=True, received_at__lt=cutoff)
    )
    erased = 0
    for item in expired:
        with transaction.atomic():
            item.anonymise()
            RequestEvent.objects.create(request=item, action=RequestEvent.Action.ANONYMISED)
        erased += 1
    window = now - dt.timedelta(hours=rules.rating_address_hours)
    ratings = (
        SiteRating.objects.filter(created_at__lt=window)
        .exclude(address_fingerprint="")
        .update(address_fingerprint="")
    )
    UsedFormToken.objects.filter(used_at__lt=now - dt.timedelta(days=1)).delete()
    return {"requests": erased, "ratings": ratings}


@shared_task(name="interaction.check_deadlines")
def check_deadlines() -> dict[str, int]:
    return send_deadline_notifications()


@shared_task(name="interaction.erase_personal_data")
def erase_personal_data() -> dict[str, int]:
    return erase_expired_personal_data()
