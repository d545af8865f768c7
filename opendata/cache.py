"""The API's use of the cache: response caching, the "last change" clock and rate-limit counters.

A cache is an accelerator, never a dependency: when the shared cache (Redis) fails, every operation
falls back to this process's memory, so the API keeps answering (and keeps limiting) instead of a 500.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import cache as shared_cache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)
_local = LocMemCache("opendata-fallback", {"OPTIONS": {"MAX_ENTRIES": 5000}})

LAST_CHANGE_KEY = "opendata:last-change"


class ResilientCache:
    """get/set/delete on the shared cache, or on local memory while the shared cache is failing."""

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return shared_cache.get(key, default)
        except Exception:  # any backend's connection error: the cache must never break a request
            logger.warning("Shared cache unavailable; API uses local memory", exc_info=True)
            return _local.get(key, default)

    def set(self, key: str, value: Any, timeout: float | None = None) -> None:
        try:
            shared_cache.set(key, value, timeout)
        except Exception:
            logger.warning("Shared cache unavailable; API uses local memory", exc_info=True)
            _local.set(key, value, timeout)


cache = ResilientCache()


def last_change() -> float:
    """When public content last changed (publish, unpublish, move, delete, registry edit), as a
    timestamp. It is the API's Last-Modified and part of every cached response's key, so a change
    purges every cached answer at once. A lost value restarts the clock now (clients refetch)."""
    value = cache.get(LAST_CHANGE_KEY)
    if value is None:
        value = int(time.time())
        cache.set(LAST_CHANGE_KEY, value, None)
    return value


def mark_changed() -> None:
    # HTTP dates have one-second resolution: a change in the same second as the last one must still
    # move the clock, or a client holding that Last-Modified would be told nothing changed.
    now = int(time.time())
    previous = cache.get(LAST_CHANGE_KEY) or 0
    cache.set(LAST_CHANGE_KEY, max(now, previous + 1), None)
