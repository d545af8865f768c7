"""Serves anonymous GET/HEAD requests for public pages from the page cache (see pagecache.py).

Placed right after Django's LocaleMiddleware, so a hit costs no session, user, site or page lookup;
under a WSGI server, hits are answered earlier still, by the front door (operations/frontdoor.py).
A request is served from or stored in the cache only when nothing about it is private: no session
cookie (signed-in editors, passed page passwords), not the admin or a preview, and a response that
is a plain 200 setting no cookie (a form with a CSRF token sets one) and not marked private.
Stored responses carry ETag / Last-Modified and a Cache-Control that lets a reverse proxy or CDN keep
them until purged (caching/purge.py), while browsers revalidate.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags

from . import pagecache

PRIVATE_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/_util/")
# Headers a stored response keeps; the outer middleware (sessions, locale, security) adds its own again.
DROPPED_HEADERS = {"set-cookie", "date", "vary", "content-language"}
HIT_HEADER = "X-Cong-Cache"
# Public addresses with a cache of their own (opendata's API: ETag and its own response cache).
OWN_CACHE_PREFIXES = ("/api/",)


def request_is_cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(PRIVATE_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in, or holding a page password or a message: maybe personal
    return "HTTP_AUTHORIZATION" not in request.META


def response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "cong_private", False):
        return False  # set for pages with view restrictions (caching/wagtail_hooks.py)
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0")):
        return False
    vary = response.get("Vary", "").lower()
    return "cookie" not in vary and "authorization" not in vary


def public_headers(response: HttpResponse, lifetime: int) -> None:
    # Browsers revalidate (cheap 304s); shared caches keep the page until purged or expired.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True, s_maxage=lifetime)


def cache_page_until(request: HttpRequest, moment: datetime.datetime) -> None:
    """The page being rendered may be kept only until ``moment`` (it shows something that ends then,
    like a maintenance banner); the earliest such moment wins."""
    current = getattr(request, "cong_cache_until", None)
    request.cong_cache_until = moment if current is None else min(current, moment)


def cache_address(request: HttpRequest, language: str) -> tuple[str, str, str]:
    """(hostname, path, variant) under which this request's response is stored (see pagecache.lookup)."""
    host = request.get_host()
    hostname, _port = split_domain_port(host)
    variant = "\n".join((request.scheme, host, language, request.META.get("QUERY_STRING", "")))
    return hostname, request.path, variant


# Set in the WSGI environ by operations.frontdoor when it looked the request up and found nothing: the
# response key to store under (or None), so a miss costs one lookup, not two. Not an HTTP_ name, so
# no client can set it.
FRONT_DOOR_MISS = "cong.pagecache.miss"


def replay(request: HttpRequest, stored: pagecache.StoredResponse) -> HttpResponse:
    """The response for a cache hit (a 304 when the client holds this version)."""
    if stored.etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(b"" if request.method == "HEAD" else stored.content, status=stored.status)
        for name, value in stored.headers:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(stored.content))
    _validators(response, stored)
    public_headers(response, stored.lifetime())
    patch_vary_headers(response, ("Accept-Language",))
    response[HIT_HEADER] = "hit"
    return response


def _validators(response: HttpResponse, stored: pagecache.StoredResponse) -> None:
    response["ETag"] = stored.etag
    response["Last-Modified"] = http_date(stored.last_modified)


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not getattr(settings, "CONG_PAGE_CACHE", True):
            raise MiddlewareNotUsed("CONG_PAGE_CACHE is off")
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(OWN_CACHE_PREFIXES):
            return self.get_response(request)
        if not request_is_cacheable(request):
            return self._private(self.get_response(request))
        if FRONT_DOOR_MISS in request.META:
            stored, key = None, request.META[FRONT_DOOR_MISS]
        else:
            language = translation.get_language() or settings.LANGUAGE_CODE
            stored, key = pagecache.lookup(*cache_address(request, language))
        if stored is not None:
            return replay(request, stored)
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return self._private(response)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        content = response.content
        until = getattr(request, "cong_cache_until", None)
        stored = pagecache.StoredResponse(
            status=response.status_code,
            headers=[(k, v) for k, v in response.items() if k.lower() not in DROPPED_HEADERS],
            content=content,
            etag='"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"',
            last_modified=time.time(),
            expires_at=until.timestamp() if until is not None else None,
        )
        lifetime = stored.lifetime()
        if lifetime <= 0:
            return self._private(response)
        if key is not None and request.method == "GET":
            pagecache.store(key, stored)
        _validators(response, stored)
        public_headers(response, lifetime)
        response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def _private(response: HttpResponse) -> HttpResponse:
        """Whatever is not cacheable here must not be kept by a proxy or CDN either."""
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response
