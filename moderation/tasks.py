"""Celery tasks: the deadline watch (run by beat, see CELERY_BEAT_SCHEDULE); emails go through sites.notifications."""

from __future__ import annotations

from celery import shared_task

from .sla import send_deadline_notifications


@shared_task(name="moderation.check_deadlines")
def check_deadlines() -> dict[str, int]:
    """Remind before due times and escalate after them; each only once per due time."""
    return send_deadline_notifications()
