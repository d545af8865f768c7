"""The client's address, behind as many trusted reverse proxies as the deployment declares."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT = n the n-th address from the right of
    X-Forwarded-For (the one our own outermost proxy saw). Left-most entries are client-supplied
    and never trusted, so a forged header cannot dodge the per-address lockout."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
