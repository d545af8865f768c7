"""Lock, unlock, revoke, transfer, reset 2FA and report compromise (R103, R105)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils import timezone
from django_otp import devices_for_user
from wagtail.models.api import APIToken

from sites.models import Agency, AgencyGroup

from . import audit
from .models import AccountState, RoleGrant, SetupLink

# Sent once the change is made; accounts.signals turns them into notification tasks after commit,
# so this module never imports the tasks that call it.
user_locked = Signal()  # user, actor_id, reason, note
compromise_reported = Signal()  # user, ip
second_factor_reset = Signal()  # user
setup_link_issued = Signal()  # user, token (the only place the raw token exists)


class ActionRefused(Exception):
    """An account action that would open a path to takeover; the message says why."""


def email_recently_changed(user) -> bool:
    """While this holds, the account's second factor and password are not handed out anew: an
    attacker who changed the address must not receive them there (issue 11, hole 2)."""
    changed = AccountState.objects.filter(user=user).values_list("email_changed_at", flat=True).first()
    hold = timedelta(days=settings.ACCOUNTS_EMAIL_CHANGE_HOLD_DAYS)
    return bool(changed and changed > timezone.now() - hold)


def _refuse_after_email_change(user) -> None:
    from django.utils.translation import gettext as _

    if email_recently_changed(user):
        raise ActionRefused(
            _(
                "The email address of this account changed less than %(days)d days ago; the second "
                "factor and password cannot be reset until then. Check the change with the person."
            )
            % {"days": settings.ACCOUNTS_EMAIL_CHANGE_HOLD_DAYS}
        )


def end_sessions(user) -> None:
    """Every session opened before now stops working on its next request (see middleware)."""
    AccountState.objects.get_or_create(user=user)
    AccountState.objects.filter(user=user).update(session_epoch=F("session_epoch") + 1)
    APIToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def _set_state(user, status: str, actor, reason: str = "", note: str = "") -> AccountState:
    state = AccountState.for_user(user)
    state.status, state.reason, state.note = status, reason, note
    state.changed_by = actor if actor is not None and actor.is_authenticated else None
    state.changed_at = timezone.now()
    state.save()
    return state


@transaction.atomic
def lock_user(
    user, actor, reason: str, note: str = "", request: HttpRequest | None = None, notify: bool = True
) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    _set_state(user, AccountState.Status.LOCKED, actor, reason, note)
    end_sessions(user)
    audit.audit(audit.LOCK, user, request, actor=actor, reason=reason, note=note)
    if notify:
        actor_id = actor.pk if actor is not None and actor.is_authenticated else None
        user_locked.send(sender=type(user), user=user, actor_id=actor_id, reason=reason, note=note)


@transaction.atomic
def unlock_user(user, actor, note: str = "", request: HttpRequest | None = None) -> None:
    """Unlock; an account locked as compromised comes back only through a new password and a new
    second factor, set by the person from a one-time link sent to their address (issue 11, hole 3)."""
    compromised = AccountState.objects.filter(user=user, reason=AccountState.Reason.COMPROMISED).exists()
    user.is_active = True
    user.save(update_fields=["is_active"])
    state = _set_state(user, AccountState.Status.ACTIVE, actor, "", note)
    state.otp_failures, state.otp_locked_until = 0, None
    state.save(update_fields=["otp_failures", "otp_locked_until"])
    audit.audit(audit.UNLOCK, user, request, actor=actor, note=note)
    if compromised:
        issue_setup_link(user, actor, request)


def _revoke_groups(user, groups, actor, request) -> list[str]:
    names = sorted(group.name for group in groups)
    if names:
        user.groups.remove(*groups)
        RoleGrant.objects.filter(user=user, group__in=groups, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    return names


@transaction.atomic
def revoke_user(user, actor, reason: str, note: str = "", request: HttpRequest | None = None) -> None:
    """Take every right away but keep the account record for the audit trail (never deleted)."""
    removed = _revoke_groups(user, list(user.groups.all()), actor, request)
    user.is_active = False
    user.is_staff = False
    user.save(update_fields=["is_active", "is_staff"])
    _set_state(user, AccountState.Status.REVOKED, actor, reason, note)
    end_sessions(user)
    audit.audit(audit.REVOKE, user, request, actor=actor, reason=reason, note=note, groups_removed=removed)


@transaction.atomic
def grant(user, groups, actor, approved_by: str, decision_reference: str) -> None:
    new = [group for group in groups if not user.groups.filter(pk=group.pk).exists()]
    user.groups.add(*new)
    for group in new:
        RoleGrant.objects.create(
            user=user,
            group=group,
            granted_by=actor,
            approved_by=approved_by,
            decision_reference=decision_reference,
        )


@transaction.atomic
def transfer_user(
    user,
    agency: Agency,
    role: str,
    actor,
    approved_by: str,
    decision_reference: str,
    request: HttpRequest | None = None,
) -> None:
    """A transfer is a revocation plus a fresh grant: nothing is carried over (R103)."""
    removed = _revoke_groups(user, list(user.groups.all()), actor, request)
    group = AgencyGroup.objects.get(agency=agency, role=role).group
    grant(user, [group], actor, approved_by, decision_reference)
    end_sessions(user)
    audit.audit(
        audit.TRANSFER,
        user,
        request,
        actor=actor,
        to_agency=agency.name,
        role=role,
        groups_removed=removed,
        decision=decision_reference,
    )


def _remove_devices(user) -> None:
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    state = AccountState.for_user(user)
    state.otp_failures, state.otp_locked_until = 0, None
    state.save(update_fields=["otp_failures", "otp_locked_until"])


@transaction.atomic
def reset_two_factor(user, actor, request: HttpRequest | None = None) -> None:
    """Remove every device: the user enrols again at the next login, and sessions end now.

    Refused shortly after an email change; the user is told at their address."""
    _refuse_after_email_change(user)
    _remove_devices(user)
    end_sessions(user)
    audit.audit(audit.OTP_RESET, user, request, actor=actor)
    second_factor_reset.send(sender=type(user), user=user)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_setup_link(user, actor, request: HttpRequest | None = None) -> str:
    """The only way to a new password (the public reset is off): the current password stops working,
    the second factor is removed, sessions end, and a one-time link goes to the user's address.

    Returns the token for the caller's tests; views never show it (the administrator issuing it
    must not be able to use it)."""
    _refuse_after_email_change(user)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    _remove_devices(user)
    end_sessions(user)
    now = timezone.now()
    SetupLink.objects.filter(user=user, used_at__isnull=True).update(used_at=now)  # one live link
    token = secrets.token_urlsafe(32)
    SetupLink.objects.create(
        user=user,
        token_hash=_token_hash(token),
        created_by=actor if actor is not None and actor.is_authenticated else None,
        expires_at=now + timedelta(hours=settings.ACCOUNTS_SETUP_LINK_HOURS),
    )
    audit.audit(audit.SETUP_LINK_ISSUED, user, request, actor=actor)
    setup_link_issued.send(sender=type(user), user=user, token=token)
    return token


def setup_link_for(token: str) -> SetupLink | None:
    link = SetupLink.objects.select_related("user").filter(token_hash=_token_hash(token)).first()
    return link if link is not None and link.usable and link.user.is_active else None


@transaction.atomic
def use_setup_link(link: SetupLink, password: str, request: HttpRequest | None = None) -> None:
    """Set the chosen password and spend the link; the next sign-in enrols a new second factor."""
    link = SetupLink.objects.select_for_update().get(pk=link.pk)
    if not link.usable:
        raise ActionRefused("used")
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    user = link.user
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.audit(audit.SETUP_LINK_USED, user, request, actor=user)


def report_compromise(user, request: HttpRequest) -> None:
    """The user's own alarm (CM26 Art 9.6): lock and tell the agency admins.

    The second factor stays: it may be reported before 2FA by whoever holds the password, and
    removing it would let them enrol their own device after the unlock (issue 11, hole 3)."""
    with transaction.atomic():
        lock_user(user, user, AccountState.Reason.COMPROMISED, request=request, notify=False)
        audit.audit(audit.COMPROMISED, user, request, actor=user)
        compromise_reported.send(sender=type(user), user=user, ip=audit.client_ip(request))


def group_names(groups: list[Group]) -> list[str]:
    return sorted(group.name for group in groups)
