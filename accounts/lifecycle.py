"""Lock, unlock, revoke, transfer, reset 2FA and report compromise (R103, R105)."""

from __future__ import annotations

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
from .models import AccountState, RoleGrant

# Sent once the change is made; accounts.signals turns them into notification tasks after commit,
# so this module never imports the tasks that call it.
user_locked = Signal()  # user, actor_id, reason, note
compromise_reported = Signal()  # user, ip


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
    user.is_active = True
    user.save(update_fields=["is_active"])
    state = _set_state(user, AccountState.Status.ACTIVE, actor, "", note)
    state.otp_failures, state.otp_locked_until = 0, None
    state.save(update_fields=["otp_failures", "otp_locked_until"])
    audit.audit(audit.UNLOCK, user, request, actor=actor, note=note)


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


@transaction.atomic
def reset_two_factor(user, actor, request: HttpRequest | None = None) -> None:
    """Remove every device: the user enrols again at the next login, and sessions end now."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    state = AccountState.for_user(user)
    state.otp_failures, state.otp_locked_until = 0, None
    state.save(update_fields=["otp_failures", "otp_locked_until"])
    end_sessions(user)
    audit.audit(audit.OTP_RESET, user, request, actor=actor)


def report_compromise(user, request: HttpRequest) -> None:
    """The user's own alarm (CM26 Art 9.6): lock, force re-enrolment, tell the agency admins."""
    with transaction.atomic():
        lock_user(user, user, AccountState.Reason.COMPROMISED, request=request, notify=False)
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        audit.audit(audit.COMPROMISED, user, request, actor=user)
        compromise_reported.send(sender=type(user), user=user, ip=audit.client_ip(request))


def group_names(groups: list[Group]) -> list[str]:
    return sorted(group.name for group in groups)
