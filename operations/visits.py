"""First-party visit statistics (R117): no cookies, no third-party script, no address stored.

A public page answered 200 to a browser (crawlers and monitors excluded by their User-Agent) adds one
to its page's count for the day in a Redis hash; a Celery beat job moves the counts into
``DailyVisits`` every few minutes. With Redis unreachable (or on the embedded default, which has no
Redis) the count goes straight to the database instead, so nothing is lost and no page slows down
waiting for a dead Redis.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections import Counter

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone

from config.cache import UNAVAILABLE

from .models import DailyVisits

logger = logging.getLogger(__name__)
BUFFER_PREFIX = "cong:visits:"
FLUSHING_PREFIX = "cong:visits-flushing:"
# Crawlers, link checkers, monitors, command-line clients and headless browsers.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|preview|monitor|uptime|pingdom|"
    r"headless|lighthouse|curl|wget|python|httpx|aiohttp|java/|go-http|okhttp|libwww|scrapy|feed|check",
    re.IGNORECASE,
)


def is_bot(request: HttpRequest) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")  # META, not headers: read on every cache hit
    return not agent or bool(BOTS.search(agent))


# Set on a Wagtail page's response (and so kept with it in the page cache), read and removed by the
# outer middleware, which therefore counts cache hits too.
PAGE_HEADER = "X-Cong-Counted-Page"


def should_count(request: HttpRequest, status: int, content_type: str, page_marker: str | None) -> bool:
    return (
        request.method == "GET"
        and status == 200
        and content_type.startswith("text/html")
        and page_marker is not None
        and request.META.get("HTTP_SEC_PURPOSE", request.META.get("HTTP_PURPOSE", "")).find("prefetch") < 0
        and not is_bot(request)
    )


def count_view(request: HttpRequest, response: HttpResponse) -> None:
    """Count the page view this answered response is, if it is one, and drop the page marker."""
    page_marker = response.get(PAGE_HEADER)
    if page_marker is not None:
        del response[PAGE_HEADER]
    count_marked_view(request, response.status_code, response.get("Content-Type", ""), page_marker)


def count_marked_view(request: HttpRequest, status: int, content_type: str, page_marker: str | None) -> None:
    """count_view for an answer already taken apart: its status, type and PAGE_HEADER value."""
    if should_count(request, status, content_type, page_marker):
        site_id, page_id = (int(part) for part in page_marker.split(":"))
        try:
            record(site_id, page_id, is_entry(request))
        except Exception:  # statistics never cost a reader their page
            logger.exception("Could not count a visit to page %s", page_id)


def is_entry(request: HttpRequest) -> bool:
    """Not reached from another page of the same site (the referrer's host differs or is absent)."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return True
    host = referer.split("://", 1)[-1].split("/", 1)[0]
    return split_domain_port(host)[0] != split_domain_port(request.get_host())[0]


def _redis():
    """The Redis client behind the cache, or None (local-memory cache, or Redis known to be down)."""
    if not getattr(cache, "available", False):
        return None
    return cache._cache.get_client(write=True)


def record(site_id: int, page_id: int, entry: bool) -> None:
    today = timezone.localdate().isoformat()
    client = _redis()
    if client is not None:
        try:
            pipe = client.pipeline(transaction=False)  # two counters, no MULTI/EXEC needed
            pipe.hincrby(f"{BUFFER_PREFIX}{today}", f"{site_id}:{page_id}:v", 1)
            if entry:
                pipe.hincrby(f"{BUFFER_PREFIX}{today}", f"{site_id}:{page_id}:e", 1)
            pipe.execute()
            return
        except UNAVAILABLE as error:  # Redis went away: count in the database, skip Redis for a while
            cache._failed("visit count", error)
    add_counts(
        timezone.localdate(),
        Counter({(site_id, page_id, "v"): 1, **({(site_id, page_id, "e"): 1} if entry else {})}),
    )


@transaction.atomic
def add_counts(day, counts: Counter) -> None:
    by_page: dict[tuple[int, int], list[int]] = {}
    for (site_id, page_id, kind), number in counts.items():
        totals = by_page.setdefault((site_id, page_id), [0, 0])
        totals[0 if kind == "v" else 1] += number
    for (site_id, page_id), (views, visits) in by_page.items():
        row, created = DailyVisits.objects.get_or_create(
            site_id=site_id, page_id=page_id, date=day, defaults={"views": views, "visits": visits}
        )
        if not created:
            DailyVisits.objects.filter(pk=row.pk).update(
                views=F("views") + views, visits=F("visits") + visits
            )


def flush() -> int:
    """Move buffered counts into the database; the number of page-days written (0 with Redis down)."""
    client = _redis()
    if client is None:
        return 0
    try:
        return _flush(client)
    except UNAVAILABLE as error:  # the counts stay in Redis for the next run
        cache._failed("visit flush", error)
        return 0


def _flush(client) -> int:
    written = 0
    # A key is renamed before it is read, so counts added meanwhile go to a fresh key; a run that died
    # half-way leaves its renamed key, which the next run picks up.
    for key in client.scan_iter(match=f"{BUFFER_PREFIX}*"):
        key = key.decode() if isinstance(key, bytes) else key
        day = key[len(BUFFER_PREFIX) :]
        try:
            client.rename(key, f"{FLUSHING_PREFIX}{day}:{uuid.uuid4().hex}")
        except Exception:  # the key vanished meanwhile (another flush took it)
            continue
    for key in client.scan_iter(match=f"{FLUSHING_PREFIX}*"):
        key = key.decode() if isinstance(key, bytes) else key
        day = key[len(FLUSHING_PREFIX) :].split(":", 1)[0]
        counts: Counter = Counter()
        for field, value in client.hgetall(key).items():
            field = field.decode() if isinstance(field, bytes) else field
            site_id, page_id, kind = field.split(":")
            counts[(int(site_id), int(page_id), kind)] += int(value)
        add_counts(day, counts)
        client.delete(key)
        written += len({(s, p) for s, p, _k in counts})
    return written
