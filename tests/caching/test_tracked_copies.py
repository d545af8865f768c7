"""Tracked copies (config.cache.TrackedCopies): what a process read from Redis, kept in its memory while
Redis says it is unchanged. A copy must never outlive a change made by any other process, a lost
connection or a Redis restart; page-cache hits read through them (test_page_cache's freshness tests
cover the purges this process makes itself)."""

from __future__ import annotations

import pickle
import threading
import time
import uuid

import pytest
import redis
from django.core.cache import caches

from caching import pagecache
from config.cache import ReusingRedisCache
from tests.caching.test_page_cache import HIT, get
from tests.conftest import require_service

WARD = "anxuyen.camau.localhost"


def tracked_cache(url: str, **options) -> ReusingRedisCache:
    return ReusingRedisCache(
        url, {"KEY_PREFIX": f"t-{uuid.uuid4().hex[:8]}", "OPTIONS": {"socket_timeout": 0.5, **options}}
    )


def another_process(url: str) -> redis.Redis:
    """A separate connection, as another worker's purge would use."""
    return redis.Redis.from_url(url)


def stored(value) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def read_once_noticed(cache: ReusingRedisCache, key: str, expected) -> tuple[object, int]:
    """(the value read, how many reads returned something else first). Redis sends its notice in the
    same turn of its event loop as the reply to the change, but the two are written one after the
    other: on a busy machine a read may start in between. No more than that is allowed here."""
    deadline = time.monotonic() + NOTICE_WITHIN
    early = 0
    while (value := cache.tracked.get(key)) != expected and time.monotonic() < deadline:
        early += 1
    return value, early


# A notice that has not arrived by then counts as lost (copies are otherwise kept TRACKED_MAX_AGE, 60 s).
NOTICE_WITHIN = 1.0


def test_a_change_by_another_process_is_seen_as_soon_as_redis_says_so(private_redis):
    cache = tracked_cache(private_redis.url)
    other = another_process(private_redis.url)
    key = cache.make_key("page")
    for round_number in range(300):
        other.set(key, stored(f"bản {round_number}"))  # the other process's reply is in: it is done
        assert read_once_noticed(cache, "page", f"bản {round_number}")[0] == f"bản {round_number}"
        assert cache.tracked.get("page") == f"bản {round_number}"  # the second read is the copy
    other.delete(key)
    assert read_once_noticed(cache, "page", None)[0] is None
    other.set(key, 41)
    assert (
        read_once_noticed(cache, "page", 41)[0] == 41
    )  # numbers come back as numbers, as Django stores them
    other.incr(key)
    assert read_once_noticed(cache, "page", 42)[0] == 42


def test_a_read_served_from_the_copy_costs_no_round_trip(private_redis):
    cache = tracked_cache(private_redis.url)
    other = another_process(private_redis.url)
    cache.set("page", "nội dung")
    cache.tracked.get("page")
    before = other.info("stats")["total_commands_processed"]
    for _ in range(100):
        assert cache.tracked.get("page") == "nội dung"
    assert other.info("stats")["total_commands_processed"] - before == 1  # the INFO itself


def test_a_flush_or_an_expiry_drops_the_copies(private_redis):
    cache = tracked_cache(private_redis.url)
    other = another_process(private_redis.url)
    cache.set("a", "một")
    cache.set("b", "hai", timeout=1)
    assert (cache.tracked.get("a"), cache.tracked.get("b")) == ("một", "hai")
    other.pexpire(cache.make_key("b"), 1)
    time.sleep(0.01)
    other.exists(cache.make_key("b"))  # the expiry is noticed (and announced) when the key is touched
    assert read_once_noticed(cache, "b", None)[0] is None
    other.flushdb()
    assert read_once_noticed(cache, "a", None)[0] is None


def test_a_lost_connection_never_leaves_a_stale_copy(private_redis):
    cache = tracked_cache(private_redis.url)
    other = another_process(private_redis.url)
    cache.set("page", "cũ")
    assert cache.tracked.get("page") == "cũ"
    # The tracking connection is cut, then the key changes: no notice can reach this process.
    other.client_kill_filter(_type="normal", skipme=True)
    other.set(cache.make_key("page"), stored("mới"))
    with pytest.raises(redis.ConnectionError):
        cache.tracked.get("page")  # the cut is seen before any copy is used
    assert cache.tracked.get("page") == "mới"  # and the next read reconnects


def test_a_redis_restart_never_leaves_a_stale_copy(private_redis):
    cache = tracked_cache(private_redis.url)
    cache.set("page", "trước khi khởi động lại")
    assert cache.tracked.get("page") == "trước khi khởi động lại"
    private_redis.stop()
    private_redis.start()
    with pytest.raises(redis.ConnectionError):
        cache.tracked.get("page")
    assert cache.tracked.get("page") is None  # the new server is empty, and so is what this process holds


def test_threads_share_the_connection_and_copies_safely(private_redis):
    """Threaded servers (runserver, the test live server) read through one process's copies."""
    cache = tracked_cache(private_redis.url)
    other = another_process(private_redis.url)
    for number in range(20):
        cache.set(f"page-{number}", f"trang {number}")
    errors: list[BaseException] = []
    wrong: list[object] = []

    def reader() -> None:
        try:
            for step in range(400):
                number = step % 20
                value = cache.tracked.get(f"page-{number}")
                if value is not None and not str(value).startswith(f"trang {number}"):
                    wrong.append(value)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for step in range(200):  # meanwhile another process keeps changing and deleting them
        number = step % 20
        if step % 3:
            other.set(cache.make_key(f"page-{number}"), stored(f"trang {number} bản {step}"))
        else:
            other.delete(cache.make_key(f"page-{number}"))
    for thread in threads:
        thread.join(30)
    assert not errors and not wrong
    other.set(cache.make_key("page-0"), stored("trang 0 cuối"))
    assert read_once_noticed(cache, "page-0", "trang 0 cuối")[0] == "trang 0 cuối"


def test_copies_stay_within_their_memory_bound(private_redis):
    cache = tracked_cache(private_redis.url, TRACKED_MAX_MB=0.25)
    for number in range(40):
        cache.set(f"page-{number}", b"x" * 20_000)
        cache.tracked.get(f"page-{number}")
    assert cache.tracked._bytes <= 0.25 * 1024 * 1024
    assert 0 < len(cache.tracked._copies) < 40
    assert cache.tracked.get("page-0") == b"x" * 20_000  # dropped copies are read again


def test_a_page_purged_by_another_process_is_rendered_afresh(province, fresh_page_cache):
    """The page cache reads versions and pages through the tracked copies: a purge made by another
    worker (here, the version key deleted over another connection) reaches this one's next hit."""
    require_service("REDIS_URL", "Redis")
    cache = caches[pagecache.CACHE_ALIAS]
    assert cache.tracked is not None
    url = f"http://{WARD}/tin-tuc/"
    assert get(url)[HIT] == "miss"
    assert get(url)[HIT] == "hit"
    other = another_process(cache._cache._servers[0])
    version = pagecache.version_key(WARD, "/tin-tuc/")
    for _ in range(3):
        other.delete(cache.make_key(version))
        read_once_noticed(cache, version, None)
        assert get(url)[HIT] == "miss"
        assert get(url)[HIT] == "hit"


def test_without_client_tracking_reads_go_to_redis(tmp_path):
    """A Redis that cannot track (before 6, or CLIENT disabled): the first read says so once, then every
    read is a plain read, never a copy."""
    require_service("REDIS_URL", "Redis")
    import shutil
    import subprocess

    from tests.operations.faults import free_port, wait_for_port

    port = free_port()
    server = subprocess.Popen(
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path), "--rename-command", "CLIENT", ""],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_port(port, up=True)
        url = f"redis://127.0.0.1:{port}/0"
        cache = tracked_cache(url)
        cache.set("page", "một")
        with pytest.raises(redis.ResponseError):
            cache.tracked.get("page")
        other = another_process(url)
        for version in ("hai", "ba"):
            other.set(cache.make_key("page"), stored(version))
            assert cache.tracked.get("page") == version
        assert not cache.tracked._copies
    finally:
        server.terminate()
        server.wait(10)
