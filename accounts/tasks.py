"""Background work of the accounts app."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .delegation import agencies_of, agency_admins_of
from .lifecycle import lock_user


def compromise_recipients(user) -> list[str]:
    """The user's agency admins and agencies' official addresses; the province's admins otherwise."""
    from .delegation import is_provincial_admin

    addresses = {admin.email for admin in agency_admins_of(user) if admin.email}
    addresses |= {agency.email for agency in agencies_of(user) if agency.email}
    if not addresses:
        candidates = get_user_model().objects.filter(is_active=True).exclude(pk=user.pk).exclude(email="")
        addresses = {admin.email for admin in candidates if is_provincial_admin(admin)}
    return sorted(addresses)


@shared_task(name="accounts.notify_compromise")
def notify_compromise(user_id: int, ip: str = "") -> int:
    """Alert the agency admins that an account was reported compromised and is locked (R105)."""
    user = get_user_model().objects.get(pk=user_id)
    recipients = compromise_recipients(user)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Account %(username)s reported compromised and locked") % {"username": user.username}
        body = _(
            "%(name)s (%(username)s) reported at %(time)s that their credentials may be compromised. "
            "The account is locked, its sessions are ended and its second factor must be enrolled "
            "again. Request address: %(ip)s.\n\nCheck with the person, then unlock the account in the "
            "administration under Agency users."
        ) % {
            "name": user.get_full_name() or user.username,
            "username": user.username,
            "time": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "ip": ip or "?",
        }
    return send_mail(subject, body, None, recipients)


def _mail_user(user, address: str, subject: str, body: str) -> int:
    if not address:
        return 0
    return send_mail(subject, body, None, [address])


@shared_task(name="accounts.notify_email_changed")
def notify_email_changed(user_id: int, old_email: str) -> int:
    """Tell the person at their *old* address that it was replaced (issue 11, hole 2)."""
    user = get_user_model().objects.get(pk=user_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("The email address of your account %(username)s was changed") % {
            "username": user.username
        }
        body = _(
            "The email address of your administration account %(username)s was changed at %(time)s. "
            "If you did not ask for this, report it to your agency administrator at once: for "
            "%(days)d days the account's password and second factor cannot be reset."
        ) % {
            "username": user.username,
            "time": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "days": settings.ACCOUNTS_EMAIL_CHANGE_HOLD_DAYS,
        }
    return _mail_user(user, old_email, subject, body)


@shared_task(name="accounts.notify_second_factor_reset")
def notify_second_factor_reset(user_id: int) -> int:
    user = get_user_model().objects.get(pk=user_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("The two-factor authentication of your account %(username)s was reset") % {
            "username": user.username
        }
        body = _(
            "An administrator reset the second factor of your account %(username)s at %(time)s. You "
            "will set up an authenticator again at your next sign-in. If you did not expect this, "
            "report it to your agency administrator at once."
        ) % {"username": user.username, "time": timezone.localtime().strftime("%d/%m/%Y %H:%M")}
    return _mail_user(user, user.email, subject, body)


def send_setup_link(user_id: int, token: str) -> int:
    """Mail the one-time setup link to the user's own address (never shown to the administrator)."""
    from django.urls import reverse

    user = get_user_model().objects.get(pk=user_id)
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("accounts_setup_link", args=[token])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Set a new password for your account %(username)s") % {"username": user.username}
        body = _(
            "An administrator issued a one-time link for your account %(username)s. Open it within "
            "%(hours)d hours to choose a new password:\n\n%(url)s\n\nThen sign in and set up "
            "two-factor authentication again. If you did not expect this, report it to your agency "
            "administrator."
        ) % {"username": user.username, "hours": settings.ACCOUNTS_SETUP_LINK_HOURS, "url": url}
    return _mail_user(user, user.email, subject, body)


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
    recipients = sorted(
        {
            admin.email
            for admin in get_user_model().objects.filter(is_active=True).exclude(email="")
            if is_provincial_admin(admin)
        }
    )
    if names and recipients:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("%(count)d accounts without sign-in for %(days)d days") % {
                "count": len(names),
                "days": days,
            }
            action = _("They have been locked.") if lock else _("Lock or revoke those no longer needed.")
            send_mail(subject, "\n".join([*names, "", action]), None, recipients)
    return names


@shared_task(name="accounts.notify_lock")
def notify_lock(user_id: int, actor_id: int | None, reason: str, note: str = "") -> int:
    """R103: a lock is reported to the user's agency administrators and the agency's contact."""
    from .models import AccountState

    user_model = get_user_model()
    user = user_model.objects.get(pk=user_id)
    actor = user_model.objects.filter(pk=actor_id).first() if actor_id else None
    recipients = [address for address in compromise_recipients(user) if not actor or address != actor.email]
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Account %(username)s locked") % {"username": user.username}
        body = _(
            "%(actor)s locked the account of %(name)s (%(username)s) at %(time)s. Reason: %(reason)s. %(note)s"
        ) % {
            "actor": (actor.get_full_name() or actor.username) if actor else _("The system"),
            "name": user.get_full_name() or user.username,
            "username": user.username,
            "time": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "reason": AccountState.Reason(reason).label if reason in AccountState.Reason.values else reason,
            "note": note,
        }
    return send_mail(subject, body.strip(), None, recipients)
