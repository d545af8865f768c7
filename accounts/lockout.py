"""Login lockout (django-axes) with two rules of our own (issue 11, holes 1 and 9).

- A successful sign-in clears the failures of *that username only*. axes' AXES_RESET_ON_SUCCESS
  clears every failure matching the request, which includes the whole address: an attacker with
  one valid account could interleave their own good logins with guesses at a colleague's password
  and never be locked out.
- A wrong second-factor code is a failed sign-in of that username, so a password guesser who got
  the password right still hits the same five-failure limit on the codes.
"""

from __future__ import annotations

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest


class UsernameResetHandler(AxesDatabaseHandler):
    """axes' database handler whose reset on success forgets only the signed-in username."""

    def user_logged_in(self, sender, request, user, **kwargs) -> None:
        super().user_logged_in(sender, request, user, **kwargs)
        AccessAttempt.objects.filter(username=user.get_username()).delete()


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def record_second_factor_failure(request: HttpRequest, user) -> None:
    """Count a wrong code like a wrong password (axes listens to Django's own signal)."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)


def is_locked_out(request: HttpRequest, user) -> bool:
    """True when axes refuses this username or this address right now."""
    if not settings.AXES_ENABLED:
        return False
    return AxesProxyHandler.is_locked(request, _credentials(user))
