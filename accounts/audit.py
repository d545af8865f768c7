"""Security events into Wagtail's audit log (R106): actor, time, IP and object, never secrets."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import LazyObject, empty
from wagtail.log_actions import log

from . import network

# Action names, registered with labels in wagtail_hooks.py.
LOGIN = "accounts.login"
LOGIN_FAILED = "accounts.login_failed"
LOGOUT = "accounts.logout"
LOCKED_OUT = "accounts.locked_out"
OTP_ENROLLED = "accounts.otp_enrolled"
OTP_VERIFIED = "accounts.otp_verified"
OTP_FAILED = "accounts.otp_failed"
OTP_BLOCKED = "accounts.otp_blocked"
OTP_RESET = "accounts.otp_reset"
BACKUP_CODES = "accounts.backup_codes"
LOCK = "accounts.lock"
UNLOCK = "accounts.unlock"
REVOKE = "accounts.revoke"
TRANSFER = "accounts.transfer"
COMPROMISED = "accounts.compromised"
SESSION_ENDED = "accounts.session_ended"
USER_CREATED = "accounts.user_created"
USER_CHANGED = "accounts.user_changed"
GROUPS_CHANGED = "accounts.groups_changed"
PERMISSIONS_CHANGED = "accounts.permissions_changed"
EMAIL_CHANGED = "accounts.email_changed"
SETUP_LINK_ISSUED = "accounts.setup_link_issued"
SETUP_LINK_USED = "accounts.setup_link_used"


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return network.client_ip(request)


def _unwrap(obj):
    """request.user is a lazy proxy; Wagtail finds the log model by the object's real class."""
    if isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        return obj._wrapped
    return obj


def audit(action: str, instance, request: HttpRequest | None = None, actor=None, **data) -> None:
    """Record one event. `data` holds only identifiers, reasons and counts: no secrets."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    data = {key: value for key, value in data.items() if value not in (None, "")}
    if ip := client_ip(request):
        data["ip"] = ip
    log(instance=_unwrap(instance), action=action, user=_unwrap(actor), data=data)
