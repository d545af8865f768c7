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
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sites.cache import CACHE_ALIAS, accelerator, available, failed, read, reset_outage, timeout

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
    # What the front door made of this entry for each kind of hit (operations.frontdoor): kept in
    # this process only, never stored.
    prepared_hits: dict = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict:
        return {name: value for name, value in self.__dict__.items() if name != "prepared_hits"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, prepared_hits={})

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


def lookup(hostname: str, path: str, variant: str) -> tuple[StoredResponse | None, str | None]:
    """The stored response (or None) and the response key to store under (None: do not store).

    ``variant`` is everything else the page depends on: scheme, host with port (kept apart, though
    absolute links no longer depend on them: sites.public_urls), language and query string. Purges
    address (hostname, path) and so all variants.

    On Redis, the address's version and the response are read through the cache's tracked copies
    (config.cache.TrackedCopies): a page this process served before costs no round trip until a
    purge, from any process, changes its version."""
    if not available():
        return None, None
    cache = accelerator()
    try:
        if _pending_purges:
            _flush_pending(cache)
        key = version_key(hostname, path)
        version = read(cache, key, shared=True)
        stored = read(cache, response_key(version, variant), shared=True) if version is not None else None
        if stored is not None and stored.expires_at is not None and stored.expires_at <= time.time():
            stored = None  # ended (a banner, a consultation): a tracked copy can outlive Redis's expiry
        if version is None:
            # A version is a number, so that Django's Redis cache stores it as digits.
            cache.add(key, secrets.randbits(62), timeout=None)
            version = read(cache, key, shared=True)
            if version is None:
                return None, None
        return stored, response_key(version, variant)
    except Exception as error:  # any cache failure means "serve uncached"
        failed("read", error)
        return None, None


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
