"""The public address of a page taken down (R45) answers 410 Gone with the board's notice.

410 rather than a redirect to the parent listing: a reader following an old link learns that the item
was removed on purpose, when, and why (the public note), instead of landing on a listing with no word;
search engines drop a 410 address promptly, while a redirect to a section reads to them as a soft 404
and keeps the removed item's address alive. The notice links to the listing it was under.
Only 404s are looked at: a page published again serves as usual, and a redirect an editor created for
the address (Wagtail's redirects, lower in MIDDLEWARE) takes precedence.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Site

from .corrections import taken_down_at

SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/api/")


class TakenDownPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != 404
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(SKIPPED_PREFIXES)
        ):
            return response
        site = Site.find_for_request(request)
        record = taken_down_at(site, request.path) if site is not None else None
        if record is None:
            return response
        parent = record.page.get_parent()
        parent = parent.specific if parent is not None and parent.live and parent.depth > 1 else None
        gone = TemplateResponse(
            request,
            "moderation/taken_down.html",
            {"record": record, "title": record.page.title, "parent": parent, "current_site": site},
            status=410,
        )
        return gone.render()
