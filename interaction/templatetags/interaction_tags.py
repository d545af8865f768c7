"""Blocks the interaction app adds under public pages (through CONG_PUBLIC_INCLUDES["page_end"])."""

from __future__ import annotations

from django import template
from django.utils import timezone

from cms.queries import public_pages
from sites.context_processors import request_agency
from sites.models import Agency

from ..models import ConsultationPage

register = template.Library()


@register.inclusion_tag("interaction/open_consultations.html", takes_context=True)
def open_consultations(context, limit: int = 5) -> dict:
    """R69: the drafts open for comment now, soonest closing first — every site's on the portal."""
    site = context.get("current_site")
    if site is None:
        return {"consultations": []}
    now = timezone.now()
    pages = public_pages(ConsultationPage).filter(opens_at__lte=now, closes_at__gt=now)
    request = context.get("request")
    agency = request_agency(request) if request is not None else Agency.objects.filter(site=site).first()
    if agency is None or not agency.is_portal:
        pages = pages.descendant_of(site.root_page)
    return {"consultations": pages.order_by("closes_at")[:limit], "request": request}
