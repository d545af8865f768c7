"""The WSGI front door: page-cache hits answered before Django's middleware chain.

A cached page costs a look at the process's tracked copies (config.cache.TrackedCopies: no round trip
to Redis until a purge changes the page's version). Through Django, each hit also ran ten
middleware (security, CORS, sessions, locale resolution, the public gate, visit counting, the page
cache), about as much CPU again as the lookup. The front door does only what those middleware do for
an anonymous cached page, with the same functions they use:

- the same cacheability rules and cache key (``caching.middleware``), so it finds exactly the
  responses the page cache stored, and nothing private;
- the go-live and maintenance gate (``operations.public_access.refusal``): a site that is closed or
  not yet live is handed to Django, which answers its 503/404 page;
- visit counting (``operations.visits.count_view``), cache hits included (R117);
- the headers the outer middleware add: Django's ``SecurityMiddleware`` itself (HSTS, nosniff,
  referrer and opener policy) and ``Content-Language``.

Links shared on Facebook, Zalo, Google Ads or in newsletters carry click and campaign identifiers
(``?fbclid=…``, ``?zarsrc=30&utm_source=zalo…``), new for every click. No page reads them (the
reader's browser keeps them for its own analytics), yet each made its request a page-cache miss: a
decision shared on social networks was rendered afresh for every reader. The front door drops them
from the query string before anything reads it (``without_tracking_parameters``).

Everything else goes to Django: misses (with the lookup's result, so the page cache does not look
up again), redirects to HTTPS, unknown hosts, requests with a session cookie or credentials. Any
error in here also goes to Django: the cache is an accelerator, never a dependency.
``OUTER_MIDDLEWARE`` lists what the front door stands in for; a test fails when the middleware ahead
of the page cache change, until the front door is taught the new one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.utils.translation import get_language_from_path

from caching import middleware as page_cache
from caching import pagecache

from . import public_access, visits
from .middleware import ALWAYS_OPEN

logger = logging.getLogger(__name__)

# The middleware ahead of the page cache, whose work on a cached page the front door does (or, for
# the ones that do nothing to an anonymous page outside /api/ and /static/, need not do).
OUTER_MIDDLEWARE = (
    "operations.middleware.HealthCheckMiddleware",  # /healthz, /readyz: handed to Django
    "django.middleware.security.SecurityMiddleware",  # HTTPS redirect: Django; headers: added here
    "whitenoise.middleware.WhiteNoiseMiddleware",  # /static/: handed to Django
    "corsheaders.middleware.CorsMiddleware",  # /api/v1/ only: handed to Django
    "django.contrib.sessions.middleware.SessionMiddleware",  # a session cookie: handed to Django
    "django.middleware.locale.LocaleMiddleware",  # language from the path; Content-Language here
    "operations.middleware.PublicAccessMiddleware",  # public_access.refusal
    "operations.middleware.VisitCounterMiddleware",  # visits.count_view
    "caching.middleware.PageCacheMiddleware",
)
# Never cached (the admin, files, health probes) or cached by their own app (the API).
HANDED_TO_DJANGO = (*page_cache.OWN_CACHE_PREFIXES, *ALWAYS_OPEN)

WSGIApplication = Callable[[dict, Callable], Iterable[bytes]]

# Query parameters that identify a click or a campaign, not what to show (matched case-insensitively).
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "zarsrc",  # Zalo, with utm_source=zalo…
        "gclid",  # Google Ads
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",  # Microsoft Ads
        "twclid",  # X
        "ttclid",  # TikTok
        "igshid",  # Instagram
        "yclid",
        "mc_cid",  # Mailchimp
        "mc_eid",
        "_ga",
        "_gl",
    }
)
TRACKING_PREFIXES = ("utm_",)


def without_tracking_parameters(query_string: str) -> str:
    """``query_string`` without TRACKING_PARAMETERS and ``utm_*``; every other parameter is kept as it
    was written, in its order."""
    if not query_string:
        return query_string
    kept = []
    for part in query_string.split("&"):
        name = unquote_plus(part.partition("=")[0]).strip().lower()
        if name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES):
            continue
        kept.append(part)
    return "&".join(kept)


# A hit as the WSGI server sends it: status line, headers, body.
Answer = tuple[str, list[tuple[str, str]], bytes]


class PageCacheFrontDoor:
    def __init__(self, application: WSGIApplication) -> None:
        self.application = application
        self.enabled = getattr(settings, "CONG_PAGE_CACHE", True)
        self.security = SecurityMiddleware(lambda request: None)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        environ["QUERY_STRING"] = without_tracking_parameters(environ.get("QUERY_STRING", ""))
        answer = self.cached_answer(environ) if self.enabled else None
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def cached_response(self, environ: dict) -> HttpResponse | None:
        """cached_answer as a Django response (for Django's test client)."""
        environ["QUERY_STRING"] = without_tracking_parameters(environ.get("QUERY_STRING", ""))
        answer = self.cached_answer(environ)
        if answer is None:
            return None
        status, headers, body = answer
        response = HttpResponse(body, status=int(status[:3]))
        for name, value in headers:
            response[name] = value
        return response

    def cached_answer(self, environ: dict) -> Answer | None:
        """The answer from the page cache, or None to let Django answer (recording a miss's key)."""
        if environ.get("PATH_INFO", "/").startswith(HANDED_TO_DJANGO):
            return None
        try:
            request = WSGIRequest(environ)
            if not page_cache.request_is_cacheable(request):  # the page cache's own rules
                return None
            if settings.SECURE_SSL_REDIRECT and not request.is_secure():
                return None  # SecurityMiddleware redirects it
            language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
            address = page_cache.cache_address(request, language)
            if public_access.refusal(request) is not None:
                return None
            stored, key = pagecache.lookup(*address)
            if stored is None:
                environ[page_cache.FRONT_DOOR_MISS] = key
                return None
            status, headers, page_marker, content_type = self.prepared(request, stored, language)
            visits.count_marked_view(request, int(status[:3]), content_type, page_marker)
            body = b"" if request.method == "HEAD" or status.startswith("304") else stored.content
            return status, headers, body
        except DisallowedHost:
            return None  # Django answers 400
        except Exception:
            logger.exception("Page cache front door failed; handing the request to Django")
            environ.pop(page_cache.FRONT_DOOR_MISS, None)
            return None

    def prepared(self, request: WSGIRequest, stored: pagecache.StoredResponse, language: str):
        """(status line, headers, page marker, content type) of this hit: what the page cache's replay and
        the outer middleware make of it. A stored response read through the cache's tracked copies is
        the same object hit after hit, so plain hits (no validator from the client) keep what they were
        made into on the object, while the lifetime they announce (s-maxage) stays the same."""
        reusable = "HTTP_IF_NONE_MATCH" not in request.META
        variant = (request.method, request.is_secure(), language, stored.lifetime())
        if reusable:
            found = stored.prepared_hits.get(variant)
            if found is not None:
                return found
        response = page_cache.replay(request, stored)
        self.security.process_response(request, response)
        response.headers.setdefault("Content-Language", language)
        page_marker = response.get(visits.PAGE_HEADER)
        if page_marker is not None:
            del response[visits.PAGE_HEADER]
        made = (
            f"{response.status_code} {response.reason_phrase}",
            list(response.items()),
            page_marker,
            response.get("Content-Type", ""),
        )
        if reusable:
            if len(stored.prepared_hits) > 8:  # lifetimes counting down: keep the current ones
                stored.prepared_hits.clear()
            stored.prepared_hits[variant] = made
        return made
