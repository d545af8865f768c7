"""Authentication and permission events into the audit log (R106)."""

from __future__ import annotations

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import Site

from . import audit, usernames
from .lifecycle import compromise_reported, second_factor_reset, setup_link_issued, user_locked
from .middleware import LAST_SEEN_KEY, SESSION_EPOCH_KEY
from .models import AccountState
from .tasks import (
    notify_compromise,
    notify_email_changed,
    notify_lock,
    notify_second_factor_reset,
    send_setup_link,
)

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


@receiver(pre_save, sender=User, dispatch_uid="accounts_email_change_seen")
def check_username_and_remember_old_email(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """The user-name rule holds for every route that saves a user (shell, commands, any form); a
    name that is not changing is left alone so that older accounts keep signing in."""
    if raw or (update_fields is not None and not {"email", "username"} & set(update_fields)):
        return
    old = (
        User.objects.filter(pk=instance.pk).values_list("email", "username").first() if instance.pk else None
    )
    if old is None or old[1] != instance.username:
        usernames.validate_username(instance.username)
    if old is not None and old[0].strip().lower() != (instance.email or "").strip().lower():
        instance._accounts_old_email = old[0]


@receiver(post_save, sender=User, dispatch_uid="accounts_email_changed")
def on_email_changed(sender, instance, created, **kwargs) -> None:
    """Whatever changed the address (agency users, Wagtail's account page, the shell): record when,
    audit who, and tell the person at the old address (issue 11, hole 2)."""
    old = instance.__dict__.pop("_accounts_old_email", None)
    if created or old is None:
        return
    AccountState.objects.get_or_create(user=instance)
    AccountState.objects.filter(user=instance).update(email_changed_at=timezone.now())
    audit.audit(audit.EMAIL_CHANGED, instance, actor=_actor())
    if old:
        user_id = instance.pk
        transaction.on_commit(lambda: notify_email_changed.delay(user_id, old))


@receiver(second_factor_reset, dispatch_uid="accounts_notify_second_factor_reset")
def notify_user_of_second_factor_reset(sender, user, **kwargs) -> None:
    transaction.on_commit(lambda: notify_second_factor_reset.delay(user.pk))


@receiver(setup_link_issued, dispatch_uid="accounts_send_setup_link")
def mail_setup_link(sender, user, token, **kwargs) -> None:
    # Sent from this process after commit, not through the broker: the token is a credential and
    # must not sit in a queue.
    transaction.on_commit(lambda: send_setup_link(user.pk, token))
