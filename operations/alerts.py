"""Alerts to the province's administrators (failed backups, overdue restore drills)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from accounts.delegation import is_provincial_admin
from sites.notifications import notify


def provincial_admins() -> list:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return [user for user in users if is_provincial_admin(user)]


def alert_provincial_admins(template: str, context: dict) -> int:
    """Email ``operations/email/<template>`` to every provincial administrator (sites.notifications);
    sent at once, not on commit: the failure being reported may be inside a transaction that rolls back."""
    return notify(provincial_admins(), f"operations/email/{template}", context, on_commit=False)
