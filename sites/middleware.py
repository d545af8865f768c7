"""Requests to a retired (merged) site's host go to its successor (R8)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from .public_urls import base_url
from .retirement import ARCHIVE_PREFIX, retired_hosts


class RetiredSiteRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        hostname, _port = split_domain_port(request.get_host())
        retired = retired_hosts().get(hostname)
        if retired is None or request.path.startswith(("/admin/", "/static/", "/media/")):
            return self.get_response(request)
        target = base_url(retired.successor_hostname)
        if not self._is_page_path(request) or self._page_exists(retired.successor_site_id, request):
            location = target + request.get_full_path()
        else:
            location = f"{target}/{ARCHIVE_PREFIX}/{retired.label}{request.get_full_path()}"
        return HttpResponsePermanentRedirect(location)

    @staticmethod
    def _is_page_path(request: HttpRequest) -> bool:
        """Search, sitemaps and the like exist on every site; only page paths need checking."""
        try:
            return resolve(request.path_info).func is wagtail_serve
        except Resolver404:
            return True

    @staticmethod
    def _page_exists(site_id: int, request: HttpRequest) -> bool:
        """Whether the same path is a live page on the successor's site."""
        site = Site.objects.select_related("root_page").filter(pk=site_id).first()
        if site is None:
            return False
        components = [part for part in request.path.split("/") if part]
        try:
            page, _args, _kwargs = site.root_page.specific.route(request, components)
        except Http404:
            return False
        return page.live
