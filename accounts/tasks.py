"""Background work of the accounts app."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .delegation import agencies_of, agency_admins_of


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
