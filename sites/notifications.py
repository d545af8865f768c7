"""The one way the project emails people.

`notify(recipients, "app/email/name", context, site=site)` renders `app/email/name_subject.txt` and
`app/email/name.txt` once per recipient language (each user's *Account → Language*, the site language
for bare addresses), and sends the result through Celery after the current transaction commits, with
retries. Links in emails are absolute and built by `sites.public_urls.absolute_url(site, path)`, the
one rule for every absolute address: the scheme and port of the configured base URL
(WAGTAILADMIN_BASE_URL) with the site's own host name.
"""

from __future__ import annotations

import smtplib
from collections import defaultdict
from collections.abc import Iterable

from celery import shared_task
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .public_urls import base_url

Recipient = AbstractBaseUser | str


def recipient_language(recipient: Recipient) -> str:
    """The language the recipient reads the admin in (Account → Language), else the site language."""
    if isinstance(recipient, str):
        return settings.LANGUAGE_CODE
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(recipient).get_preferred_language() or settings.LANGUAGE_CODE


def render(template: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, body) of `template` in `language`; the subject is one line."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context).strip() + "\n"
    return subject, body


def notify(
    recipients: Iterable[Recipient],
    template: str,
    context: dict | None = None,
    *,
    site=None,
    preference: str | None = None,
    on_commit: bool = True,
) -> int:
    """Email `recipients` (users or addresses) the rendered `template`; returns how many addresses.

    Inactive users and users without an address are skipped; `preference` ("submitted", "approved",
    "rejected") also skips users who turned that notification off in *Account → Notifications*. One
    message per language, sent by Celery after commit (never for work that rolled back) unless
    `on_commit` is False.
    """
    by_language: dict[str, set[str]] = defaultdict(set)
    for recipient in recipients:
        address = _address(recipient, preference)
        if address:
            by_language[recipient_language(recipient)].add(address)
    context = {"base_url": base_url(site), "site": site, **(context or {})}
    messages = [
        (sorted(addresses), *render(template, context, language))
        for language, addresses in by_language.items()
    ]
    for addresses, subject, body in messages:
        if on_commit:
            transaction.on_commit(lambda a=addresses, s=subject, b=body: send_email.delay(a, s, b))
        else:
            send_email.delay(addresses, subject, body)
    return sum(len(addresses) for addresses, _subject, _body in messages)


def _address(recipient: Recipient, preference: str | None) -> str:
    if isinstance(recipient, str):
        return recipient.strip()
    if not recipient.is_active or not recipient.email:
        return ""
    if preference:
        from wagtail.users.models import UserProfile

        if not getattr(UserProfile.get_for_user(recipient), f"{preference}_notifications", True):
            return ""
    return recipient.email


@shared_task(
    name="sites.send_email",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
)
def send_email(recipients: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, recipients)
