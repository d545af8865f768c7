"""Background work of the accounts app."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sites.notifications import notify

from .delegation import agencies_of, agency_admins_of
from .lifecycle import lock_user


def compromise_recipients(user) -> list:
    """The user's agency admins and agencies' official addresses; the province's admins otherwise."""
    from .delegation import is_provincial_admin

    recipients: list = [admin for admin in agency_admins_of(user) if admin.is_active and admin.email]
    known = {admin.email for admin in recipients}
    recipients += sorted({agency.email for agency in agencies_of(user) if agency.email} - known)
    if not recipients:
        candidates = get_user_model().objects.filter(is_active=True).exclude(pk=user.pk).exclude(email="")
        recipients = [admin for admin in candidates.order_by("pk") if is_provincial_admin(admin)]
    return recipients


@shared_task(name="accounts.notify_compromise")
def notify_compromise(user_id: int, ip: str = "") -> int:
    """Alert the agency admins that an account was reported compromised and is locked (R105)."""
    user = get_user_model().objects.get(pk=user_id)
    context = {
        "name": display_name(user),
        "username": user.username,
        "time": timezone.now(),
        "ip": ip or "?",
    }
    return notify(compromise_recipients(user), "accounts/email/compromise", context, on_commit=False)


@shared_task(name="accounts.notify_email_changed")
def notify_email_changed(user_id: int, old_email: str) -> int:
    """Tell the person at their *old* address that it was replaced (issue 11, hole 2)."""
    user = get_user_model().objects.get(pk=user_id)
    context = {
        "username": user.username,
        "time": timezone.now(),
        "days": settings.ACCOUNTS_EMAIL_CHANGE_HOLD_DAYS,
    }
    return notify([old_email], "accounts/email/email_changed", context, on_commit=False)


@shared_task(name="accounts.notify_second_factor_reset")
def notify_second_factor_reset(user_id: int) -> int:
    user = get_user_model().objects.get(pk=user_id)
    context = {"username": user.username, "time": timezone.now()}
    return notify([user], "accounts/email/second_factor_reset", context, on_commit=False)


def send_setup_link(user_id: int, token: str) -> int:
    """Mail the one-time setup link to the user's own address, from this process: the token is a
    credential and never goes through the broker (so not through notify's Celery task)."""
    from django.urls import reverse

    from sites.notifications import recipient_language, render, send_email
    from sites.public_urls import absolute_url

    user = get_user_model().objects.get(pk=user_id)
    if not user.email:
        return 0
    context = {
        "username": user.username,
        "hours": settings.ACCOUNTS_SETUP_LINK_HOURS,
        "url": absolute_url(None, reverse("accounts_setup_link", args=[token])),
    }
    subject, body = render("accounts/email/setup_link", context, recipient_language(user))
    return send_email([user.email], subject, body)


def inactive_users(days: int):
    """Active accounts without a sign-in for `days` days (never signed in: counted from creation)."""
    cutoff = timezone.now() - timedelta(days=days)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .order_by("username")
    )


@shared_task(name="accounts.review_inactive_accounts")
def review_inactive_accounts(lock: bool | None = None) -> list[str]:
    """R103's scheduled report of accounts unused for ACCOUNTS_INACTIVE_DAYS, and the optional lock."""
    from .delegation import is_provincial_admin
    from .models import AccountState

    days = settings.ACCOUNTS_INACTIVE_DAYS
    lock = settings.ACCOUNTS_INACTIVE_AUTOLOCK if lock is None else lock
    users = list(inactive_users(days))
    names = [user.username for user in users]
    if lock:
        for user in users:
            lock_user(user, None, AccountState.Reason.OTHER, f"No sign-in for {days} days")
    recipients = [
        admin
        for admin in get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk")
        if is_provincial_admin(admin)
    ]
    if names:
        context = {"names": names, "count": len(names), "days": days, "locked": lock}
        notify(recipients, "accounts/email/inactive", context, on_commit=False)
    return names


@shared_task(name="accounts.notify_lock")
def notify_lock(user_id: int, actor_id: int | None, reason: str, note: str = "") -> int:
    """R103: a lock is reported to the user's agency administrators and the agency's contact."""
    from .models import AccountState

    user_model = get_user_model()
    user = user_model.objects.get(pk=user_id)
    actor = user_model.objects.filter(pk=actor_id).first() if actor_id else None
    recipients = [
        recipient
        for recipient in compromise_recipients(user)
        if not actor or getattr(recipient, "email", recipient) != actor.email
    ]
    context = {
        "actor": display_name(actor) if actor else gettext_lazy("The system"),
        "name": display_name(user),
        "username": user.username,
        "time": timezone.now(),
        "reason": AccountState.Reason(reason).label if reason in AccountState.Reason.values else reason,
        "note": note,
    }
    return notify(recipients, "accounts/email/locked", context, on_commit=False)


def display_name(user) -> str:
    return user.get_full_name() or user.username
