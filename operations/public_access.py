"""Who may see a site's public pages right now: the go-live gate (R12) and maintenance (R113).

Both are read on every public request (cache hits included), so the few rows involved are cached
(the cache is fail-safe: with Redis down they are read from the database) and forgotten whenever one
of them changes; each process also keeps them for a second. They carry the host names of the sites
concerned, so a request for any other site is let through without looking its site up.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import Site

from .models import PUBLIC_STATE_CACHE_KEY as CACHE_KEY
from .models import MaintenanceWindow, SiteLaunch

CACHE_SECONDS = 60
# Host → site resolutions made while one copy of the state is held (see site_to_check).
_found: dict = {"state": None, "sites": {}}


def _load() -> dict:
    not_live = dict(
        SiteLaunch.objects.exclude(status=SiteLaunch.Status.LIVE).values_list("site_id", "status")
    )
    windows = []
    for window in MaintenanceWindow.objects.announced().prefetch_related("sites"):
        windows.append(
            {
                "pk": window.pk,
                "title": window.title,
                "reason": window.reason,
                "title_en": window.title_en,
                "reason_en": window.reason_en,
                "starts_at": window.starts_at,
                "ends_at": window.ends_at,
                "close_public": window.close_public,
                "site_ids": {site.pk for site in window.sites.all()},
            }
        )
    gated = set(not_live) | {pk for window in windows for pk in window["site_ids"]}
    default_site = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    return {
        "not_live": not_live,
        "windows": windows,
        "hosts": dict(Site.objects.filter(pk__in=gated).values_list("hostname", "pk")),
        # Requests for an unknown host are answered by the default site: they need a lookup when it
        # is gated, or when a notice concerns every site.
        "lookup_others": default_site in gated or any(not w["site_ids"] for w in windows),
    }


def state() -> dict:
    return cache.get_or_set(CACHE_KEY, _load, CACHE_SECONDS)


def site_to_check(request: HttpRequest, current: dict | None = None) -> int | None:
    """The site whose gate and notices apply to this request; None when none can (the common case:
    no site is closed or announced, or this host is not one of them), without a site lookup."""
    current = current or state()
    if not current["not_live"] and not current["windows"]:
        return None
    hostname = split_domain_port(request._get_raw_host())[0]
    if hostname in current["hosts"]:
        return current["hosts"][hostname]
    if current["lookup_others"]:
        # Looked up once per host while this process holds the same copy of the state (the default
        # site answers every unknown host, so this is a hostname → site resolution, not a database
        # read each time); a new copy starts afresh.
        if _found["state"] is not current:
            _found.update(state=current, sites={})
        found = _found["sites"]
        key = (hostname, request.get_port())
        if key not in found:
            site = Site.find_for_request(request)
            found[key] = site.pk if site is not None else None
        return found[key]
    return None


def launch_status(site_id: int, current: dict | None = None) -> str | None:
    """The site's status when it is not live (None: live, or a site from before the gate)."""
    return (current or state())["not_live"].get(site_id)


def notices_for(site_id: int, now=None, current: dict | None = None) -> list[dict]:
    """Maintenance notices the site shows now (published, not yet ended), soonest first."""
    now = now or timezone.now()
    windows = [
        w
        for w in (current or state())["windows"]
        if w["ends_at"] > now and (not w["site_ids"] or site_id in w["site_ids"])
    ]
    return sorted(windows, key=lambda w: w["starts_at"])


def in_language(window: dict, language: str | None) -> dict:
    """The notice as a page in ``language`` shows it: its English title and reason on a foreign-language
    page when the notice has them, else the Vietnamese ones."""
    if (language or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return window
    return {
        **window,
        "title": window.get("title_en") or window["title"],
        "reason": window.get("reason_en") or window["reason"],
    }


def closure_for(site_id: int, now=None, current: dict | None = None) -> dict | None:
    """The window during which the site's public pages answer 503, if one is open now."""
    now = now or timezone.now()
    for window in notices_for(site_id, now, current):
        if window["close_public"] and window["starts_at"] <= now < window["ends_at"]:
            return window
    return None


def refusal(request: HttpRequest) -> tuple[str, dict | None] | None:
    """Why the public may not see this request's site now: ("closed", the maintenance window) or
    ("not_launched", None); None when its pages are open to the public."""
    current = state()  # one copy for the three questions
    site_id = site_to_check(request, current)
    if site_id is None:
        return None
    closure = closure_for(site_id, current=current)
    if closure is not None:
        return "closed", closure
    if launch_status(site_id, current) is not None:
        return "not_launched", None
    return None
