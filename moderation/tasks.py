"""Celery tasks: decision emails and the deadline watch (run by beat, see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail


@shared_task(name="moderation.send_email", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(recipients: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, recipients)


@shared_task(name="moderation.check_deadlines")
def check_deadlines() -> dict[str, int]:
    """Remind before due times and escalate after them; each only once per due time."""
    from .sla import send_deadline_notifications

    return send_deadline_notifications()
