"""Alerts to the province's administrators (failed backups, overdue restore drills, …)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from accounts.delegation import is_provincial_admin


def provincial_admins() -> list:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return [user for user in users if is_provincial_admin(user)]


def alert_provincial_admins(template: str, context: dict) -> int:
    """Email ``operations/email/<template>`` to every provincial administrator; how many were sent."""
    recipients = sorted({user.email for user in provincial_admins()})
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"operations/email/{template}_subject.txt", context).split())
        body = render_to_string(f"operations/email/{template}.txt", context)
    return send_mail(subject, body, None, recipients)
