"""Host → locale: english.<site host> serves that site's English tree (CM26 Art 5.2.b, R9 host mode).

Runs after Django's LocaleMiddleware. On a language host it points Wagtail at the main site (so the
site's agency, settings and menus are found as usual), activates the language, and switches to a URL
configuration without language prefixes. Each site answers in one mode only: a host-mode site
redirects /en/… to english.<host>/…, a path-mode site does not serve english.<host> at all.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.shortcuts import redirect
from django.utils import translation
from wagtail.models import GroupPagePermission, Page, Site

from sites.cache import find_site, share_site_root_paths
from sites.public_urls import absolute_url

from .locales import HOST_PREFIXES, PREFIX_LANGUAGES, foreign_language_codes, url_strategy
from .models import UrlStrategy

HOST_URLCONF = "localization.urls_host"


class LocaleHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        share_site_root_paths(request)  # every page address on the request (admin included) reads them
        response = self.route(request)
        if response is not None:
            return response
        return self.get_response(request)

    def route(self, request: HttpRequest) -> HttpResponse | None:
        if request.path.startswith(("/admin/", "/static/", "/media/", "/documents/")):
            return None
        domain, _port = split_domain_port(request.get_host())
        if PREFIX_LANGUAGES.get(domain.partition(".")[0]) is None:
            find_site(request)  # Wagtail's site for this host, from a fragment (sites.cache)
        prefix, _dot, main_host = domain.partition(".")
        language = PREFIX_LANGUAGES.get(prefix)
        if language and main_host:
            site = Site.objects.filter(hostname=main_host).select_related("root_page").first()
            if site is None or language not in foreign_language_codes():
                return None  # not a language host of ours: Wagtail's own site matching applies
            if url_strategy(site) != UrlStrategy.HOST:
                return HttpResponseNotFound(
                    f"{domain} is not in use: this site publishes languages as paths."
                )
            request._wagtail_site = site
            request.urlconf = HOST_URLCONF
            translation.activate(language)
            request.LANGUAGE_CODE = language
            request.language_host = True
            return None

        language = translation.get_language_from_path(request.path_info)
        if language and language != settings.LANGUAGE_CODE:
            site = Site.find_for_request(request)
            if site is not None and url_strategy(site) == UrlStrategy.HOST:
                rest = request.get_full_path()[len(language) + 1 :] or "/"
                host = f"{HOST_PREFIXES[language]}.{site.hostname}"
                target = absolute_url(host, rest)
                return HttpResponsePermanentRedirect(target)
        return None


EXPLORE_PATH = re.compile(r"^/admin/pages/(\d+)/(?:results/)?$")


class ExplorerIsolationMiddleware:
    """Keeps each agency's page explorer to its own site once locale trees exist.

    A site's English home is a sibling of its Vietnamese home, so for Wagtail the closest common
    ancestor of a translator's or editor's pages becomes the tree root, and from there the explorer
    would open any other site's home (its listing is empty, but its title and existence show).
    Users without rights in that site's trees are sent back to their own explorer root.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = EXPLORE_PATH.match(request.path_info)
        user = getattr(request, "user", None)
        if match and user is not None and user.is_authenticated and not user.is_superuser:
            page = Page.objects.filter(pk=match[1]).only("path", "depth", "translation_key").first()
            if page is not None and page.depth >= 2 and not may_explore(user, page):
                return redirect("wagtailadmin_explore_root")
        return self.get_response(request)


def may_explore(user, page: Page) -> bool:
    top = page if page.depth == 2 else page.get_ancestors().filter(depth=2).first()
    family = list(
        Page.objects.filter(translation_key=top.translation_key, depth=2).values_list("path", flat=True)
    )
    granted = GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    return any(path.startswith(tree) or tree.startswith(path) for path in granted for tree in family)
