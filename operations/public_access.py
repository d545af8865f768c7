"""Who may see a site's public pages right now: the go-live gate (R12) and maintenance (R113).

Both are read on every public request, so the few rows involved are cached (the cache is fail-safe:
with Redis down they are read from the database) and forgotten whenever one of them changes.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from .models import PUBLIC_STATE_CACHE_KEY as CACHE_KEY
from .models import MaintenanceWindow, SiteLaunch

CACHE_SECONDS = 60


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
                "starts_at": window.starts_at,
                "ends_at": window.ends_at,
                "close_public": window.close_public,
                "site_ids": {site.pk for site in window.sites.all()},
            }
        )
    return {"not_live": not_live, "windows": windows}


def state() -> dict:
    return cache.get_or_set(CACHE_KEY, _load, CACHE_SECONDS)


def launch_status(site_id: int) -> str | None:
    """The site's status when it is not live (None: live, or a site from before the gate)."""
    return state()["not_live"].get(site_id)


def notices_for(site_id: int, now=None) -> list[dict]:
    """Maintenance notices the site shows now (published, not yet ended), soonest first."""
    now = now or timezone.now()
    windows = [
        w
        for w in state()["windows"]
        if w["ends_at"] > now and (not w["site_ids"] or site_id in w["site_ids"])
    ]
    return sorted(windows, key=lambda w: w["starts_at"])


def closure_for(site_id: int, now=None) -> dict | None:
    """The window during which the site's public pages answer 503, if one is open now."""
    now = now or timezone.now()
    for window in notices_for(site_id, now):
        if window["close_public"] and window["starts_at"] <= now < window["ends_at"]:
            return window
    return None
