"""The public page cache: anonymous GET/HEAD responses stored per host, path, language and query.

Keys: ``pc:v:<host+path digest>`` holds a version token for one address (all its query strings);
``pc:r:<version>:<digest of scheme, host:port, language, query>`` holds the response. Purging an address deletes its
version key, so every stored variant of it (``?p=2``, ``?print=1``…) is gone at once.

The cache is an accelerator, never a dependency: every cache error is logged and the request is
served uncached; after an error the cache is left alone for ``OUTAGE_SECONDS`` so a dead Redis costs
one failed call per worker and pause, not one per request.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.cache.backends.redis import RedisCache

from sites.cache import CACHE_ALIAS, accelerator, available, failed, reset_outage, timeout

logger = logging.getLogger(__name__)
__all__ = ["CACHE_ALIAS", "available", "lookup", "purge_addresses", "reset_outage", "store", "timeout"]
# Version keys whose purge could not reach the cache: retried by this process's next cache call, and
# in any case gone when their entries expire (CONG_PAGE_CACHE_SECONDS bounds what a missed purge costs).
_pending_purges: set[str] = set()


@dataclass
class StoredResponse:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    etag: str
    last_modified: float
    # When the entry stops being right (a maintenance banner that ends then); None: until purged.
    expires_at: float | None = None

    def lifetime(self) -> int:
        """Seconds a shared cache may keep this response."""
        if self.expires_at is None:  # entries stored before the field existed read the class default
            return timeout()
        return max(0, min(timeout(), int(self.expires_at - time.time())))


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def version_key(hostname: str, path: str) -> str:
    return f"pc:v:{_digest(hostname.lower(), path)}"


def response_key(version: str, variant: str) -> str:
    return f"pc:r:{version}:{_digest(variant)}"


# On Redis a lookup is one round trip: the address's version, then the response stored under it.
_LOOKUP_SCRIPT = """
local version = redis.call('GET', KEYS[1])
if not version then return false end
return {version, redis.call('GET', ARGV[1] .. version .. ARGV[2])}
"""
_scripts: dict[int, object] = {}


def lookup(hostname: str, path: str, variant: str) -> tuple[StoredResponse | None, str | None]:
    """The stored response (or None) and the response key to store under (None: do not store).

    ``variant`` is everything else the page depends on: scheme, host with port (kept apart, though
    absolute links no longer depend on them: sites.public_urls), language and query string. Purges
    address (hostname, path) and so all variants."""
    if not available():
        return None, None
    cache = accelerator()
    try:
        if _pending_purges:
            _flush_pending(cache)
        key = version_key(hostname, path)
        found = _lookup_on_redis(cache, key, variant)
        if found is not None:
            version, stored = found
        else:
            version = cache.get(key)
            stored = cache.get(response_key(version, variant)) if version is not None else None
        if version is None:
            # A version is a number, so that Django's Redis cache stores it as digits the script can
            # join into the response key.
            cache.add(key, secrets.randbits(62), timeout=None)
            version = cache.get(key)
            if version is None:
                return None, None
        return stored, response_key(version, variant)
    except Exception as error:  # any cache failure means "serve uncached"
        failed("read", error)
        return None, None


def _lookup_on_redis(cache, key: str, variant: str) -> tuple[int | None, StoredResponse | None] | None:
    """(version or None, stored response or None) in one round trip; None when the cache is not
    Redis (the embedded default's local memory) or its key function hides the key."""
    if not isinstance(cache, RedisCache):
        return None
    around = cache.make_key(response_key("\x00", variant)).split("\x00")
    if len(around) != 2:
        return None
    client = cache._cache.get_client(key)
    script = _scripts.get(id(client))
    if script is None:
        script = _scripts[id(client)] = client.register_script(_LOOKUP_SCRIPT)
    result = script(keys=[cache.make_key(key)], args=around, client=client)
    if not result:
        return None, None
    if not result[0].isdigit():  # a version from before versions were numbers: start afresh
        cache.delete(key)
        return None, None
    raw = result[1] if len(result) > 1 else None  # Lua's false (no response) arrives as None
    stored = cache._cache._serializer.loads(raw) if raw is not None else None
    return int(result[0]), stored


def store(key: str, stored: StoredResponse) -> None:
    if not available():
        return
    try:
        accelerator().set(key, stored, timeout=stored.lifetime())
    except Exception as error:  # kept in _pending_purges and retried
        failed("write", error)


def purge_addresses(addresses: Iterable[tuple[str, str]]) -> int:
    """Forget every stored response of these (hostname, path) addresses. Returns how many were asked."""
    keys = {version_key(host, path) for host, path in addresses}
    if not keys:
        return 0
    _pending_purges.update(keys)
    try:
        _flush_pending(accelerator())
    except Exception as error:
        failed("purge", error)
    return len(keys)


def _flush_pending(cache) -> None:
    keys = list(_pending_purges)
    cache.delete_many(keys)
    _pending_purges.difference_update(keys)


def address_of(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.path or "/"
