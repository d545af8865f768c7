"""Per-address rate limit for the public API: over it, 429 with Retry-After (DRF's throttle)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.network import client_ip

from .cache import cache


class PerAddressRateThrottle(SimpleRateThrottle):
    scope = "opendata"
    cache = cache  # falls back to local memory when Redis is down: limits still hold, never a 500

    def get_rate(self) -> str:
        return settings.CONG_API_RATE_LIMIT

    def get_cache_key(self, request, view) -> str:
        # The address our own outermost proxy saw (TRUSTED_PROXY_COUNT), as for the login lockout:
        # a forged X-Forwarded-For cannot buy a fresh allowance.
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}
