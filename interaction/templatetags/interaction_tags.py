"""Blocks the interaction app adds under public pages (through CONG_PUBLIC_INCLUDES["page_end"])."""

from __future__ import annotations

import datetime

from django import template
from django.db.models import Min
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from caching.middleware import cache_page_until
from cms.queries import public_pages
from sites.cache import cached_fragment, content_topic, timeout
from sites.context_processors import request_agency

from ..models import ConsultationPage

register = template.Library()


# The "… left" of a consultation closing within a day is re-rendered at least this often.
_CLOSING_SOON = datetime.timedelta(days=1)
_CLOSING_SOON_SECONDS = 60


@register.simple_tag(takes_context=True)
def open_consultations(context, limit: int = 5) -> str:
    """R69: the drafts open for comment now, soonest closing first — every site's on the portal.

    Kept rendered (sites.cache) until a consultation changes anywhere, or the list itself changes
    with the clock: the next opening or closing. The page showing it is cached no longer than that
    either (caching.middleware.cache_page_until)."""
    site = context.get("current_site")
    request = context.get("request")
    if site is None or request is None:
        return ""
    agency = request_agency(request)
    portal = agency is not None and agency.is_portal

    def render() -> tuple[str, datetime.datetime | None]:
        now = timezone.now()
        pages = public_pages(ConsultationPage)
        if not portal:
            pages = pages.descendant_of(site.root_page)
        consultations = list(pages.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")[:limit])
        upcoming = pages.filter(opens_at__gt=now).aggregate(first=Min("opens_at"))["first"]
        changes = [
            moment for moment in (upcoming, consultations[0].closes_at if consultations else None) if moment
        ]
        html = render_to_string(
            "interaction/open_consultations.html", {"consultations": consultations}, request=request
        )
        return html, min(changes) if changes else None

    def lifetime(value: tuple[str, datetime.datetime | None]) -> int:
        _html, changes_at = value
        if changes_at is None:
            return timeout()
        left = changes_at - timezone.now()
        seconds = int(left.total_seconds())
        return min(seconds, _CLOSING_SOON_SECONDS) if left < _CLOSING_SOON else seconds

    html, changes_at = cached_fragment(
        "open-consultations",
        render,
        request.scheme,
        request.get_host(),
        translation.get_language(),
        "*" if portal else site.pk,
        limit,
        topics=[content_topic(ConsultationPage)],
        seconds=lifetime,
    )
    if changes_at is not None:
        # The page holding the list is kept no longer than the list itself.
        cache_page_until(request, timezone.now() + datetime.timedelta(seconds=lifetime((html, changes_at))))
    return mark_safe(html)
