"""Branding shared by every public page: which agency's site this is, and the way back to the portal."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site

from .models import Agency, ProvinceProfile, SiteContactSettings
from .notifications import join_host


def absolute_site_url(hostname: str, request: HttpRequest) -> str:
    """Link to another site of the province on the scheme and port this request came in on."""
    _domain, port = split_domain_port(request.get_host())
    return join_host(request.scheme, hostname, port) + "/"


def branding(request: HttpRequest) -> dict:
    site = Site.find_for_request(request)
    if site is None:
        return {}
    profile = ProvinceProfile.load(request_or_site=request)
    agency = Agency.objects.filter(site=site).first()
    menu_pages = site.root_page.get_children().live().in_menu().specific()
    return {
        "current_site": site,
        "menu_pages": menu_pages,
        "province": profile,
        "current_agency": agency,
        "contact": SiteContactSettings.for_site(site),
        "portal_url": absolute_site_url(profile.effective_domain, request),
        "is_portal": agency is None or agency.is_portal,
        # Set by the archive view when a merged agency's old page is shown on its successor's site.
        "archived_agency": getattr(request, "cong_archive", None),
    }
