"""Public-page pieces of the operations app, included by the shared base template through
CONG_PUBLIC_INCLUDES: the EMC monitoring code (R119) and maintenance notices (R113)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from caching.middleware import cache_page_until

from .. import public_access
from ..models import SiteLaunch

register = template.Library()


def _site(context) -> Site | None:
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.inclusion_tag("operations/tags/monitoring.html", takes_context=True)
def monitoring_code(context) -> dict:
    request = context.get("request")
    site = _site(context)
    launch = SiteLaunch.for_request(request) if site is not None else None
    return {"emc_code": launch.emc_code if launch else "", "emc_script_url": settings.CONG_EMC_SCRIPT_URL}


@register.inclusion_tag("operations/tags/maintenance_banner.html", takes_context=True)
def maintenance_banner(context) -> dict:
    site = _site(context)
    notices = public_access.notices_for(site.pk) if site is not None else []
    request = context.get("request")
    if notices and request is not None:
        # The page cache keeps a page carrying a notice only until the first notice ends (the banner
        # must go then); announcing, changing or removing a notice purges the sites it concerns.
        cache_page_until(request, min(notice["ends_at"] for notice in notices))
    language = translation.get_language()
    return {"notices": [public_access.in_language(notice, language) for notice in notices]}
