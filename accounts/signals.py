"""Authentication and permission events into the audit log (R106)."""

from __future__ import annotations

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from wagtail.log_actions import get_active_log_context
from wagtail.models import Site

from . import audit
from .lifecycle import compromise_reported, user_locked
from .middleware import LAST_SEEN_KEY, SESSION_EPOCH_KEY
from .models import AccountState
from .tasks import notify_compromise, notify_lock

User = get_user_model()


def _user_named(username: str | None):
    if not username:
        return None
    return User.objects.filter(**{User.USERNAME_FIELD: username}).first()


def _subject(request, username: str | None):
    """Failures for unknown names are logged against the site the attempt came to."""
    user = _user_named(username)
    if user is not None:
        return user
    return Site.find_for_request(request) if request is not None else None


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        epoch = AccountState.objects.filter(user=user).values_list("session_epoch", flat=True).first()
        request.session[SESSION_EPOCH_KEY] = epoch or 0
        request.session[LAST_SEEN_KEY] = int(time.time())
    audit.audit(audit.LOGIN, user, request, actor=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username") or credentials.get(User.USERNAME_FIELD)
    subject = _subject(request, username)
    if subject is None:
        return
    # The attempted name is kept only when it is not an existing account (it is no personal data
    # then, and shows guessing); the password is never in `credentials` as Django cleanses it.
    known = isinstance(subject, User)
    audit.audit(audit.LOGIN_FAILED, subject, request, actor=None, attempted=None if known else username[:150])


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.audit(audit.LOGOUT, user, request, actor=user)


@receiver(user_locked_out)
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    subject = _subject(request, username)
    if subject is not None:
        audit.audit(audit.LOCKED_OUT, subject, request, actor=None)


def _actor():
    context = get_active_log_context()
    return context.user if context is not None else None


@receiver(m2m_changed, sender=User.groups.through)
def on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or (not pk_set and action != "post_clear"):
        return
    if reverse:  # group.user_set changed: log it on each user
        users, groups = User.objects.filter(pk__in=pk_set or []), [instance]
    else:
        users, groups = [instance], list(Group.objects.filter(pk__in=pk_set or []))
    change = action.removeprefix("post_")
    for user in users:
        audit.audit(
            audit.GROUPS_CHANGED,
            user,
            actor=_actor(),
            change=change,
            groups=sorted(group.name for group in groups),
        )


@receiver(m2m_changed, sender=Group.permissions.through)
def on_group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove") or reverse or not pk_set:
        return
    audit.audit(
        audit.PERMISSIONS_CHANGED,
        instance,
        actor=_actor(),
        change=action.removeprefix("post_"),
        permissions=len(pk_set or []),
    )


@receiver(user_locked, dispatch_uid="accounts_notify_lock")
def notify_admins_of_lock(sender, user, actor_id, reason, note, **kwargs) -> None:
    transaction.on_commit(lambda: notify_lock.delay(user.pk, actor_id, reason, note))


@receiver(compromise_reported, dispatch_uid="accounts_notify_compromise")
def notify_admins_of_compromise(sender, user, ip, **kwargs) -> None:
    transaction.on_commit(lambda: notify_compromise.delay(user.pk, ip))
