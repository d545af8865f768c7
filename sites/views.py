"""The archive of merged sites, shown on their successor's site (R8)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from wagtail.models import Site

from .retirement import archived_agency_for


def archive(request: HttpRequest, label: str, path: str = "") -> HttpResponse:
    """Serve a page of a merged agency's old site under ``/luu-tru/<label>/`` on the successor."""
    site = Site.find_for_request(request)
    agency = archived_agency_for(site, label) if site else None
    if agency is None:
        raise Http404("No archived site with this name here")
    components = [part for part in path.split("/") if part]
    page, args, kwargs = agency.site.root_page.specific.route(request, components)
    request.cong_archive = agency
    return page.serve(request, *args, **kwargs)
