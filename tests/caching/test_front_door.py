"""The WSGI front door (operations/frontdoor.py): cache hits answered before Django's middleware, exactly
as Django would have answered them, and nothing else.

The page cache's freshness tests (test_page_cache.py) already read every address through the front
door; these prove it answers like the middleware chain it skips, and hands everything else to Django.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.test import Client
from django.test.client import ClientHandler
from hypothesis import given
from hypothesis import strategies as st

from caching.middleware import FRONT_DOOR_MISS
from operations import visits
from operations.frontdoor import (
    OUTER_MIDDLEWARE,
    TRACKING_PARAMETERS,
    PageCacheFrontDoor,
    without_tracking_parameters,
)
from operations.models import SiteLaunch, forget_public_state
from tests.caching.test_page_cache import (
    HIT,
    _notice,
    every_public_url,
    front_door_client,
    get,
    warm,
)
from tests.conftest import login_admin, require_service

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile Safari/604.1"
WARD = "anxuyen.camau.localhost"


class Django:
    """Django as a WSGI application for these tests (the test client's handler, which keeps the test's
    database transaction open), counting the requests that reach it."""

    def __init__(self) -> None:
        self.handler = ClientHandler()
        self.calls = 0

    def __call__(self, environ: dict, start_response):
        self.calls += 1
        response = self.handler(environ)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]


def wsgi_get(application, host: str, path: str, method: str = "GET", **extra) -> tuple[int, dict, bytes]:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": host.split(":")[0],
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "203.113.1.7",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        **extra,
    }
    answer: dict = {}

    def start_response(status: str, headers: list) -> None:
        answer["status"], answer["headers"] = status, headers

    body = b"".join(application(environ, start_response))
    return int(answer["status"].split()[0]), dict(answer["headers"]), body


def test_the_front_door_stands_in_for_each_middleware_ahead_of_the_page_cache():
    """A middleware added ahead of the page cache must be taught to the front door (or a cached page
    would be answered without it): this fails until OUTER_MIDDLEWARE lists it."""
    ahead = settings.MIDDLEWARE[: settings.MIDDLEWARE.index("caching.middleware.PageCacheMiddleware") + 1]
    # (The test and dev settings leave WhiteNoise out: Django serves static files there.)
    assert [name for name in OUTER_MIDDLEWARE if name in settings.MIDDLEWARE] == ahead


def test_every_cached_page_is_answered_by_the_front_door_as_django_answers_it(province, fresh_page_cache):
    """Every public address of every site, in every language: the front door's hit has the same
    status, body and headers (Date aside) as the same hit served through the whole middleware chain."""
    urls = warm(every_public_url())
    assert len(urls) > 20
    django = Django()
    front_door = PageCacheFrontDoor(django)
    differences = []
    for url in urls:
        host, path = url.split("://", 1)[1].split("/", 1)
        through_django = get(url, Client())
        if through_django[HIT] != "hit":  # rendering a later address created a site's settings row
            through_django = get(url, Client())
        status, headers, body = wsgi_get(front_door, host, "/" + path)
        expected = {k: v for k, v in through_django.items() if k != "Date"}
        answered = {k: v for k, v in headers.items() if k != "Date"}
        if (status, answered, body) != (through_django.status_code, expected, through_django.content):
            differences.append(
                f"{url}: {through_django.get(HIT)} {headers.get(HIT)} "
                f"django {sorted(set(expected.items()) - set(answered.items()))} "
                f"front door {sorted(set(answered.items()) - set(expected.items()))}"
            )
    assert not differences, "\n".join(differences)
    assert django.calls == 0  # every one answered by the front door
    assert through_django[HIT] == "hit"


def test_revalidation_and_head_at_the_front_door(province, fresh_page_cache):
    django = Django()
    front_door = PageCacheFrontDoor(django)
    status, first, body = wsgi_get(front_door, WARD, "/tin-tuc/tin-0/")
    assert (status, first[HIT], django.calls) == (200, "miss", 1)
    status, hit, same = wsgi_get(front_door, WARD, "/tin-tuc/tin-0/")
    assert (status, hit[HIT], same, django.calls) == (200, "hit", body, 1)
    assert "public" in hit["Cache-Control"] and hit["X-Content-Type-Options"] == "nosniff"
    assert hit["Content-Language"] == "vi" and "X-Cong-Counted-Page" not in hit
    status, headers, empty = wsgi_get(front_door, WARD, "/tin-tuc/tin-0/", HTTP_IF_NONE_MATCH=hit["ETag"])
    assert (status, empty, django.calls) == (304, b"", 1)
    status, headers, empty = wsgi_get(front_door, WARD, "/tin-tuc/tin-0/", method="HEAD")
    assert (status, empty, headers["Content-Length"], django.calls) == (200, b"", str(len(body)), 1)


def test_a_miss_is_looked_up_once_and_stored_for_the_front_door(province, fresh_page_cache):
    seen = []

    class Recording(Django):
        def __call__(self, environ, start_response):
            seen.append(environ.get(FRONT_DOOR_MISS))
            return super().__call__(environ, start_response)

    front_door = PageCacheFrontDoor(Recording())
    assert wsgi_get(front_door, WARD, "/tin-tuc/?p=1")[1][HIT] == "miss"
    assert seen and seen[0] and seen[0].startswith("pc:r:")  # the key Django stored under
    assert wsgi_get(front_door, WARD, "/tin-tuc/?p=1")[1][HIT] == "hit"
    assert len(seen) == 1


def test_what_is_not_a_public_cached_page_goes_to_django(province, fresh_page_cache, superuser):
    django = Django()
    front_door = PageCacheFrontDoor(django)
    warm([f"http://{WARD}/tin-tuc/tin-1/"])
    calls = 0
    for method, path, extra in [
        ("POST", "/tin-tuc/tin-1/", {}),
        ("GET", "/tin-tuc/tin-1/", {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=abc"}),
        ("GET", "/tin-tuc/tin-1/", {"HTTP_AUTHORIZATION": "Basic eDp5"}),
        ("GET", "/admin/", {}),
        ("GET", "/healthz", {}),
        ("GET", "/api/v1/", {}),
        ("GET", "/static/none.css", {}),
    ]:
        wsgi_get(front_door, WARD, path, method=method, **extra)
        calls += 1
        assert django.calls == calls, (method, path, extra)
    status, _headers, _body = wsgi_get(front_door, "evil.example.com", "/tin-tuc/tin-1/")
    assert status != 200 and django.calls == calls + 1  # another host: Django answers (or refuses) it

    # A signed-in editor's cookie is never answered from the cache, at the front door either.
    client = front_door_client()
    login_admin(client, superuser)
    response = client.get("/tin-tuc/tin-1/", HTTP_HOST=WARD)
    assert response.get(HIT) is None and client.handler.answered == 0


def test_a_closed_or_unlaunched_site_is_never_answered_from_the_cache(province, fresh_page_cache):
    import datetime as dt

    from django.utils import timezone

    django = Django()
    front_door = PageCacheFrontDoor(django)
    warm([f"http://{WARD}/tin-tuc/tin-2/"])
    assert wsgi_get(front_door, WARD, "/tin-tuc/tin-2/")[1][HIT] == "hit"

    notice = _notice(close_public=True)
    notice.sites.set([province["ward"].site])
    notice.starts_at = timezone.now() - dt.timedelta(minutes=1)
    notice.save()
    forget_public_state()
    status, headers, _body = wsgi_get(front_door, WARD, "/tin-tuc/tin-2/")
    assert status == 503 and "Retry-After" in headers and django.calls == 1
    notice.delete()
    forget_public_state()
    assert wsgi_get(front_door, WARD, "/tin-tuc/tin-2/")[0] == 200

    launch = SiteLaunch.for_site(province["ward"].site)
    launch.status = SiteLaunch.Status.APPROVED
    launch.save()
    forget_public_state()
    before = django.calls
    status, _headers, _body = wsgi_get(front_door, WARD, "/tin-tuc/tin-2/")
    assert status == 404 and django.calls == before + 1


def test_front_door_hits_are_counted_as_visits(province, fresh_page_cache):
    require_service("REDIS_URL", "Redis")
    client = visits._redis()
    for key in [*client.scan_iter(match="cong:visits*")]:
        client.delete(key)
    django = Django()
    front_door = PageCacheFrontDoor(django)
    wsgi_get(front_door, WARD, "/tin-tuc/tin-0/", HTTP_USER_AGENT=BROWSER)  # miss: counted by Django
    wsgi_get(front_door, WARD, "/tin-tuc/tin-0/", HTTP_USER_AGENT=BROWSER)  # hit: by the front door
    wsgi_get(front_door, WARD, "/tin-tuc/tin-0/", HTTP_USER_AGENT=BROWSER, HTTP_REFERER=f"http://{WARD}/")
    wsgi_get(front_door, WARD, "/tin-tuc/tin-0/", HTTP_USER_AGENT="Googlebot/2.1")  # a crawler
    assert django.calls == 1
    counts = {
        field.decode().rsplit(":", 1)[1]: int(value)
        for key in client.scan_iter(match=f"{visits.BUFFER_PREFIX}*")
        for field, value in client.hgetall(key).items()
    }
    assert counts == {"v": 3, "e": 2}


def test_with_the_cache_unreachable_the_front_door_hands_every_request_to_django(province, fresh_page_cache):
    """(A real Redis that dies is test_page_cache's; this is the front door's side of it.)"""
    from caching import pagecache

    django = Django()
    front_door = PageCacheFrontDoor(django)
    warm([f"http://{WARD}/tin-tuc/tin-0/"])
    pagecache.failed("read", ConnectionError("test: Redis is down"))
    try:
        for expected_calls in (1, 2):
            status, headers, _body = wsgi_get(front_door, WARD, "/tin-tuc/tin-0/")
            assert status == 200 and headers.get(HIT) != "hit" and django.calls == expected_calls
    finally:
        pagecache.reset_outage()


def test_click_and_campaign_identifiers_neither_miss_the_cache_nor_reach_the_page(province, fresh_page_cache):
    """A news item shared on Facebook or Zalo is read through links with ``?fbclid=…`` or
    ``?zarsrc=30&utm_source=zalo…``, new for every click: each reader gets the stored page, and Django
    (the listings that echo their query into their links) never sees the identifiers."""
    queries = []

    class Recording(Django):
        def __call__(self, environ, start_response):
            queries.append(environ["QUERY_STRING"])
            return super().__call__(environ, start_response)

    django = Recording()
    front_door = PageCacheFrontDoor(django)
    status, first, body = wsgi_get(front_door, WARD, "/tin-tuc/tin-0/")
    assert (status, first[HIT], django.calls) == (200, "miss", 1)
    for query in (
        "fbclid=IwAR3xYz_9",
        "zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo",
        "UTM_Source=newsletter&gclid=Cj0KCQ&_gl=1*abc",
    ):
        status, headers, same = wsgi_get(front_door, WARD, f"/tin-tuc/tin-0/?{query}")
        assert (status, headers[HIT], same, django.calls) == (200, "hit", body, 1), query
    # What the page reads is kept, as it was written and in its order.
    status, headers, _ = wsgi_get(front_door, WARD, "/tin-tuc/?fbclid=x&nam=2026&utm_source=zalo&page=1")
    assert status == 200 and queries[-1] == "nam=2026&page=1"


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abcdefghijklmnopqrstuvwxyz_đă0123456789", min_size=1, max_size=8),
            st.text(alphabet="abc xyz%+=2Fđ", max_size=8),
        ),
        max_size=5,
    ),
    st.lists(
        st.sampled_from(["fbclid=1", "utm_source=zalo", "ZARSRC=30", "utm_campaign=", "gclid"]), max_size=4
    ),
    st.randoms(),
)
def test_only_click_and_campaign_identifiers_are_taken_from_a_query(pairs, tracking, random):
    kept = [
        f"{name}={value}"
        for name, value in pairs
        if name.lower() not in TRACKING_PARAMETERS and not name.lower().startswith("utm_")
    ]
    mixed = list(kept)
    for part in tracking:
        mixed.insert(random.randint(0, len(mixed)), part)
    assert without_tracking_parameters("&".join(mixed)) == "&".join(kept)
