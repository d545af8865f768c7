"""A Redis cache that is an accelerator, never a dependency (R95).

Every read, write and delete that fails because Redis is unreachable is logged and bypassed: a read
answers "not cached" (callers compute the value from the database), a write or delete does nothing.
After a failure the cache is skipped for a few seconds, so a dead or hung Redis costs one short
connection attempt per interval and process instead of one per lookup.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError as RedisResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# Seconds to skip Redis after it failed; a working Redis is back in use within this time.
RETRY_AFTER_SECONDS = 5.0


# Keys read on nearly every request and changed rarely, kept in each process as well. Wagtail's site
# root paths: one entry per site and language, thousands at national scale, unpickled on every read
# otherwise. Apps add their own with hold_in_process().
HELD_KEYS: set[str] = {"wagtail_site_root_paths"}
# How long a process keeps its copy: another process's change is seen within this time.
HELD_SECONDS = 1.0


def hold_in_process(key: str) -> None:
    """Keep ``key`` in each process for HELD_SECONDS besides the shared cache."""
    HELD_KEYS.add(key)


class HeldKeysMixin:
    """A cache that also keeps HELD_KEYS in this process for HELD_SECONDS. Writing or deleting the key
    in this process drops the copy at once. Callers must not mutate what they read (Wagtail copies
    the site root paths into new tuples); while the copy is held, every read returns the same object."""

    def _held(self) -> dict:
        return self.__dict__.setdefault("_held_values", {})

    def get(self, key, default=None, version=None):
        if key not in HELD_KEYS:
            return super().get(key, default, version)
        full_key = self.make_key(key, version)  # with the prefix and version, as stored
        held = self._held().get(full_key)
        if held is not None and held[0] > time.monotonic():
            return held[1]
        value = super().get(key, default, version)
        if value is not default:
            self._held()[full_key] = (time.monotonic() + HELD_SECONDS, value)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._held().pop(self.make_key(key, version), None)
        return super().set(key, value, timeout, version)

    def delete(self, key, version=None):
        self._held().pop(self.make_key(key, version), None)
        return super().delete(key, version)

    def clear(self):
        self._held().clear()
        return super().clear()


class LocalMemoryCache(HeldKeysMixin, LocMemCache):
    """The embedded default's cache (no Redis)."""


class ReusingRedisCacheClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` object for every cache call, and each one rebuilds its table
    of ~170 response callbacks: a third of a page-cache hit's CPU. One client per connection pool
    (thread-safe: every command takes a connection from the pool) does the same work once."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TrackedCopies:
    """Values this process read from Redis, kept in its memory while Redis says they are unchanged.

    Redis's client tracking (``CLIENT TRACKING ON`` on a RESP3 connection, Redis 6+): the server
    remembers which keys this process's reading connection read and, when any client changes or
    deletes one (a purge, an expiry, an eviction), pushes its name down that connection. Every read
    first takes in what has arrived and drops those copies. The notice is sent in the same turn of
    Redis's event loop as the reply to the change, so a change is seen here microseconds after the
    process that made it has its reply (the purging process drops its own copies at once: forget()),
    without a round trip per read. Anything odd (the connection closes, Redis flushes, a read
    fails) drops every copy; the next read reconnects.
    Values are shared between reads: callers must not change them. One lock guards the connection
    and the copies: threaded servers (runserver, the test live server) share them between threads.
    """

    def __init__(self, cache: RedisCache, max_bytes: int, max_age: float) -> None:
        self.cache = cache
        self.max_bytes = max_bytes
        self.max_age = max_age  # a bound on top of invalidation, for anything Redis forgets to say
        self._lock = threading.Lock()
        self._unsupported = False  # a Redis before 6 (no RESP3, no tracking): plain reads
        self._pid = 0
        self._connection = None
        self._copies: OrderedDict[str, tuple[float, int, Any]] = OrderedDict()
        self._bytes = 0

    def get(self, key: str, shared: bool = True) -> Any:
        """The value of the (unprefixed) cache key, or None; raises when Redis cannot be read.

        ``shared``: every read returns the same object (callers must not change it); otherwise each
        read gets its own copy, unpickled from the bytes kept, as a read from Redis would."""
        if self._unsupported:
            return self.cache.get(key)
        full_key = self.cache.make_key(key)
        loads = self.cache._cache._serializer.loads
        with self._lock:
            try:
                connection = self._take_invalidations()
                copy = self._copies.get(full_key)
                if copy is not None and copy[0] > time.monotonic():
                    self._copies.move_to_end(full_key)
                    kept_shared, value = copy[2]
                    return value if kept_shared else loads(value)
                connection.send_command("GET", full_key)
                raw = connection.read_response()  # invalidations arriving first are handled on the way
            except Exception:
                self._reset()
                raise
            self._drop(full_key)
            if raw is None:
                return None
            value = loads(raw)
            self._keep(full_key, (shared, value if shared else raw), len(raw))
            return value

    def forget(self, keys: list[str]) -> None:
        """Drop copies at once (a change this process made: Redis's notice follows)."""
        with self._lock:
            for key in keys:
                self._drop(self.cache.make_key(key))

    def reset(self) -> None:
        with self._lock:
            self._reset()

    def _reset(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.disconnect()
        self._connection = None
        self._drop_all()

    def _drop_all(self) -> None:
        self._copies.clear()
        self._bytes = 0

    def _take_invalidations(self):
        if self._pid != os.getpid():  # a forked worker: the connection and copies are the parent's
            self._connection = None
            self._reset()
        connection = self._connection
        if connection is None:
            pool = self.cache._cache._get_connection_pool(False)
            connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})
            try:
                connection.connect()
                connection._parser.set_invalidation_push_handler(self._invalidated)
                connection.send_command("CLIENT", "TRACKING", "ON")
                connection.read_response()
            except RedisResponseError:
                connection.disconnect()
                self._unsupported = True
                logger.warning("Redis does not support client tracking (Redis 6+): no tracked copies")
                raise
            self._drop_all()
            self._connection, self._pid = connection, os.getpid()
        while connection.can_read(timeout=0):  # a closed connection reads as an error here
            connection.read_response(push_request=True)
        return connection

    def _invalidated(self, message: list) -> None:
        keys = message[1] if len(message) > 1 else None
        if keys is None:  # FLUSHALL/FLUSHDB, or Redis dropped its tracking table
            self._drop_all()
            return
        for key in keys:
            self._drop(key.decode() if isinstance(key, bytes) else key)

    def _keep(self, full_key: str, value: Any, size: int) -> None:
        if size > self.max_bytes // 4:
            return
        self._copies[full_key] = (time.monotonic() + self.max_age, size, value)
        self._bytes += size
        while self._bytes > self.max_bytes and self._copies:
            _key, (_deadline, dropped, _value) = self._copies.popitem(last=False)
            self._bytes -= dropped

    def _drop(self, full_key: str) -> None:
        copy = self._copies.pop(full_key, None)
        if copy is not None:
            self._bytes -= copy[1]


class ReusingRedisCache(RedisCache):
    """Django's Redis cache with one Redis client per connection pool (the page cache uses it), and
    ``tracked`` copies of what this process reads often (the page cache's responses and versions,
    the page frame's fragments). OPTIONS: ``TRACKED_MAX_MB`` (default 64) per process,
    ``TRACKED_MAX_AGE`` seconds (default 60); 0 MB turns the copies off."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = {**params.get("OPTIONS", {})}
        max_mb = float(options.pop("TRACKED_MAX_MB", 64))
        max_age = float(options.pop("TRACKED_MAX_AGE", 60))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self.tracked = TrackedCopies(self, int(max_mb * 1024 * 1024), max_age) if max_mb > 0 else None

    # A write or delete made by this process drops its own copy at once (Redis's notice follows).
    def _forget(self, keys) -> None:
        if self.tracked is not None:
            self.tracked.forget(list(keys))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget([key])
        return super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget([key])
        return super().add(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(data)
        return super().set_many(data, timeout, version)

    def delete(self, key, version=None):
        self._forget([key])
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._forget(keys)
        return super().delete_many(keys, version)

    def clear(self):
        if self.tracked is not None:
            self.tracked.reset()
        return super().clear()


class FailSafeRedisCache(HeldKeysMixin, ReusingRedisCache):
    """Django's Redis cache, answering "not cached" while Redis is down."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        params = {**params}
        # A hung Redis must not hold a page for the client's default (no) timeout.
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **params.get("OPTIONS", {})}
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._down_until = 0.0

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        if self.available:
            logger.warning("Cache unavailable during %s, bypassing it: %s", operation, error)
        self._down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def _guard(self, operation: str, default: Any, call, *args, **kwargs) -> Any:
        if not self.available:
            return default
        try:
            return call(*args, **kwargs)
        except UNAVAILABLE as error:
            self._failed(operation, error)
            return default

    def get(self, *args, **kwargs):
        default = kwargs.get("default", args[1] if len(args) > 1 else None)
        return self._guard("get", default, super().get, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._guard("get_many", {}, super().get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guard("has_key", False, super().has_key, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._guard("set", None, super().set, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._guard("add", False, super().add, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._guard("set_many", list(data), super().set_many, data, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guard("touch", False, super().touch, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guard("delete", False, super().delete, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guard("delete_many", None, super().delete_many, *args, **kwargs)

    def clear(self):
        return self._guard("clear", False, super().clear)

    # incr/decr keep raising: a counter that silently answered would count wrong; callers that
    # count (visit statistics) handle the outage themselves.

    def ping(self) -> None:
        """Raise unless Redis answers now (readiness checks must see the outage the cache hides)."""
        self._cache.get_client(write=True).ping()
