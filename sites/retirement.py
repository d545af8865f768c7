"""Retiring a site into its successor after a merger (R8).

A merged agency keeps its Wagtail Site, pages and hostname (so the hostname is never handed to
someone else and the old content stays searchable), but its host no longer serves pages: every
request answers 301 to the same path on the successor's site when that page exists there, and
otherwise to the old page in the successor's archive (``/luu-tru/<label>/…``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Site

from .models import Agency

RETIRED_HOSTS_CACHE_KEY = "cong:sites:retired-hosts"
RETIRE_ACTION = "cong.site_retired"
ARCHIVE_PREFIX = "luu-tru"


@dataclass(frozen=True)
class RetiredHost:
    """Where requests to a retired hostname go."""

    agency_id: int
    label: str
    successor_hostname: str
    successor_site_id: int


def final_successor(agency: Agency) -> Agency | None:
    """Follow successive mergers (a commune merged into one that merged again) to the live agency."""
    seen: set[int] = {agency.pk}
    current = agency.successor
    while current is not None and current.status != Agency.Status.ACTIVE:
        if current.pk in seen:
            return None
        seen.add(current.pk)
        current = current.successor
    return current


def retired_hosts() -> dict[str, RetiredHost]:
    """Hostname → redirect target for every retired site; cached, cleared on every retirement."""
    table = cache.get(RETIRED_HOSTS_CACHE_KEY)
    if table is None:
        table = {}
        retired = Agency.objects.filter(status=Agency.Status.MERGED, site__isnull=False).select_related(
            "site", "successor"
        )
        for agency in retired:
            successor = final_successor(agency)
            if successor is None or successor.site_id is None:
                continue
            table[agency.site.hostname] = RetiredHost(
                agency_id=agency.pk,
                label=agency.domain_label,
                successor_hostname=successor.site.hostname,
                successor_site_id=successor.site_id,
            )
        cache.set(RETIRED_HOSTS_CACHE_KEY, table, timeout=None)
    return table


def forget_retired_hosts() -> None:
    cache.delete(RETIRED_HOSTS_CACHE_KEY)


def archived_agency_for(site: Site, label: str) -> Agency | None:
    """The merged agency whose archive ``/luu-tru/<label>/`` shows on ``site``, if any."""
    for agency in Agency.objects.filter(status=Agency.Status.MERGED, domain_label=label, site__isnull=False):
        successor = final_successor(agency)
        if successor is not None and successor.site_id == site.pk:
            return agency
    return None


@transaction.atomic
def retire_agency(agency: Agency, successor: Agency, *, user=None) -> None:
    """Mark ``agency`` as merged into ``successor`` and redirect its host; logged in the audit log."""
    if agency.pk == successor.pk:
        raise ValidationError(_("An agency cannot be merged into itself."), code="self_successor")
    if agency.is_portal:
        raise ValidationError(_("The provincial portal cannot be retired."), code="portal")
    # Only an active agency can take over, so a chain of mergers always ends and never goes round.
    if successor.status != Agency.Status.ACTIVE:
        raise ValidationError(
            _("“%(name)s” is not active, so it cannot take over another site.") % {"name": successor.name},
            code="inactive_successor",
        )
    if agency.site_id is None or successor.site_id is None:
        missing = agency if agency.site_id is None else successor
        raise ValidationError(
            _("“%(name)s” has no site yet; provision it first.") % {"name": missing.name}, code="no_site"
        )
    agency.status = Agency.Status.MERGED
    agency.successor = successor
    agency.save(update_fields=["status", "successor"])
    log_retirement_if_new(agency, user=user)
    transaction.on_commit(forget_retired_hosts)


def log_retirement_if_new(agency: Agency, *, user=None) -> None:
    """Record the domain change once per successor, whichever way the merger was entered."""
    if agency.status != Agency.Status.MERGED or agency.successor is None or agency.site_id is None:
        return
    successor_host = agency.successor.site.hostname if agency.successor.site_id else ""
    last = (
        ModelLogEntry.objects.for_instance(agency).filter(action=RETIRE_ACTION).order_by("-timestamp").first()
    )
    if last is not None and last.data.get("successor_hostname") == successor_host:
        return
    log(
        instance=agency,
        action=RETIRE_ACTION,
        user=user,
        data={
            "hostname": agency.site.hostname,
            "successor": agency.successor.name,
            "successor_hostname": successor_host,
        },
    )
