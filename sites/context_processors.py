"""Branding shared by every public page: which agency's site this is, and the way back to the portal."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Site

from .cache import cached_fragment
from .models import Agency, ProvinceProfile, SiteContactSettings
from .public_urls import absolute_url


def request_agency(request: HttpRequest) -> Agency | None:
    """The agency whose site serves this request, loaded once per request."""
    if not hasattr(request, "_cong_agency"):
        site = Site.find_for_request(request)
        request._cong_agency = (
            # Kept across requests like the menu: every agency's save replaces the fragments' version.
            cached_fragment("agency", lambda: Agency.objects.filter(site=site).first(), site.pk)
            if site is not None
            else None
        )
    return request._cong_agency


def menu(site: Site, language: str, compute) -> list:
    """A site's menu pages in one language, kept as a fragment until a menu-level page changes."""
    return cached_fragment("menu", lambda: list(compute()), site.pk, language)


def branding(request: HttpRequest) -> dict:
    site = Site.find_for_request(request)
    if site is None:
        return {}
    profile = ProvinceProfile.load(request_or_site=request)
    agency = request_agency(request)
    language = translation.get_language() or "vi"
    return {
        "current_site": site,
        # Called by the template only when the menu's rendered fragment is not cached.
        "menu_pages": lambda: menu(
            site, f"site-{language}", lambda: site.root_page.get_children().live().in_menu()
        ),
        "province": profile,
        "current_agency": agency,
        "contact": SiteContactSettings.for_request(request),
        "portal_url": absolute_url(profile.effective_domain),
        "is_portal": agency is None or agency.is_portal,
        # Set by the archive view when a merged agency's old page is shown on its successor's site.
        "archived_agency": getattr(request, "cong_archive", None),
        # Pieces higher apps add to every public page (settings.CONG_PUBLIC_INCLUDES).
        "public_includes": getattr(settings, "CONG_PUBLIC_INCLUDES", {}),
    }
