"""The one Celery task the workflow needs: email, sent after commit (kept apart from the deadline
watch in tasks.py, which builds on the workflow)."""

from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail


@shared_task(name="moderation.send_email", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(recipients: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, recipients)
