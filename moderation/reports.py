"""Activity reports per agency and period (R42, R51, R114, R115): what was published, on time, refused."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from sites.models import Agency
from sites.reports import Period, Sheet

from .models import (
    EditorialTaskState,
    ModerationSettings,
    PublicationClearance,
    RejectionReason,
    Submission,
)

DEPARTMENT_KINDS = (Agency.Kind.DEPARTMENT, Agency.Kind.PROVINCIAL_UNIT)
COMMUNE_KINDS = (Agency.Kind.COMMUNE, Agency.Kind.WARD, Agency.Kind.SPECIAL_ZONE)


@dataclass
class AgencyRow:
    agency: Agency
    site: Site
    published: Counter = field(default_factory=Counter)  # by page type label
    news: int = 0
    quota: int | None = None
    with_deadline: int = 0
    on_time: int = 0
    rejected: int = 0  # rejection decisions: one per item rejected, whatever the number of reasons
    rejections: Counter = field(default_factory=Counter)  # by reason code: one item may give several
    returned: int = 0
    unreviewed: int = 0  # published without review (forced or by the system)

    @property
    def published_total(self) -> int:
        return sum(self.published.values())

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.with_deadline, 1) if self.with_deadline else None

    @property
    def under_quota(self) -> bool:
        return self.quota is not None and self.news < self.quota

    @property
    def rejections_total(self) -> int:
        return self.rejected

    # Templates look keys up before attributes, and a Counter answers 0 to `.items`: hand them lists.
    @property
    def published_list(self) -> list[tuple[str, int]]:
        return sorted(self.published.items())

    @property
    def rejections_list(self) -> list[tuple[str, int]]:
        return sorted(self.rejections.items())

    reason_label_list: list[tuple[str, int]] = field(default_factory=list)  # "b) label", count


@dataclass
class Report:
    period: Period
    rows: list[AgencyRow]
    page_types: list[str]
    reasons: list[RejectionReason]
    has_quota: bool = False
    unreviewed: list = field(default_factory=list)  # PublicationClearance rows: forced or system

    @property
    def under_quota(self) -> list[AgencyRow]:
        return [row for row in self.rows if row.under_quota]

    def totals(self) -> dict[str, object]:
        with_deadline = sum(r.with_deadline for r in self.rows)
        on_time = sum(r.on_time for r in self.rows)
        return {
            "published": sum(r.published_total for r in self.rows),
            "news": sum(r.news for r in self.rows),
            "with_deadline": with_deadline,
            "on_time": on_time,
            "on_time_rate": round(100 * on_time / with_deadline, 1) if with_deadline else None,
            "rejections": sum(r.rejections_total for r in self.rows),
            "rejection_reasons": sum(sum(r.rejections.values()) for r in self.rows),
            "returned": sum(r.returned for r in self.rows),
            "unreviewed": sum(r.unreviewed for r in self.rows),
            "under_quota": len(self.under_quota),
        }


def quota_for(agency: Agency, rules: ModerationSettings, months: int) -> int | None:
    """The profile's monthly minimum of typical news supplied to the portal (TN26 Art 7.3), or None."""
    profile = rules.province_profile
    if agency.kind in DEPARTMENT_KINDS:
        monthly = profile.quota_department
    elif agency.kind in COMMUNE_KINDS:
        monthly = profile.quota_commune
    else:
        return None
    return monthly * months if monthly else None


def counts_for_quota(page) -> bool:
    """A typical activity news item supplied to the portal (the flags editors tick on news)."""
    return bool(getattr(page, "is_typical", False) and getattr(page, "show_on_portal", False))


def counts_as_item(model: type[Page]) -> bool:
    """Listing pages (news index, section index …) are structure, not published information."""
    return getattr(model, "moderation_counts_as_item", not model._meta.model_name.endswith("indexpage"))


def build_report(period: Period, sites) -> Report:
    """One row per agency site in `sites`, counted from pages, submissions and task states."""
    start, end = period.bounds()
    rules = ModerationSettings.load()
    agencies = (
        Agency.objects.filter(site__in=sites)
        .select_related("site", "site__root_page")
        .order_by("kind", "name")
    )
    rows = {
        agency.site_id: AgencyRow(
            agency=agency, site=agency.site, quota=quota_for(agency, rules, period.months)
        )
        for agency in agencies
    }
    locate = _SiteLocator({agency.site.root_page.path: agency.site_id for agency in agencies})
    page_types = _count_published(rows, locate, start, end)
    _count_on_time(rows, start, end)
    _count_decisions(rows, locate, start, end)
    unreviewed = _count_unreviewed(rows, locate, start, end)
    labels = dict(RejectionReason.objects.values_list("code", "label"))
    for row in rows.values():
        row.reason_label_list = [
            (f"{code}) {labels.get(code, code)}", count) for code, count in row.rejections_list
        ]
    return Report(
        period,
        list(rows.values()),
        page_types,
        list(RejectionReason.objects.all()),
        has_quota=rules.province_profile.has_quota,
        unreviewed=unreviewed,
    )


class _SiteLocator:
    """Which report site a page path belongs to (the longest site root that prefixes it)."""

    def __init__(self, roots: dict[str, int]) -> None:
        self.roots = roots
        self.prefix_lengths = sorted({len(path) for path in roots}, reverse=True)

    def __call__(self, path: str) -> int | None:
        for length in self.prefix_lengths:
            if (site_id := self.roots.get(path[:length])) is not None:
                return site_id
        return None


def _count_published(rows: dict[int, AgencyRow], locate: _SiteLocator, start, end) -> list[str]:
    """Pages first published in the period, by page type (the home pages themselves excluded);
    returns the page types seen."""
    type_labels: dict[int, tuple[str, bool] | None] = {}
    published = Page.objects.filter(first_published_at__gte=start, first_published_at__lt=end).exclude(
        path__in=list(locate.roots)
    )
    for pk, path, content_type_id in published.values_list("pk", "path", "content_type_id").iterator():
        site_id = locate(path)
        if site_id is None:
            continue
        if content_type_id not in type_labels:
            type_labels[content_type_id] = _type_label(content_type_id)
        if type_labels[content_type_id] is None:
            continue
        label, has_flags = type_labels[content_type_id]
        rows[site_id].published[label] += 1
        if has_flags and counts_for_quota(Page.objects.get(pk=pk).specific):
            rows[site_id].news += 1
    return sorted({entry[0] for entry in type_labels.values() if entry})


def _type_label(content_type_id: int) -> tuple[str, bool] | None:
    """The page type's label and whether it carries the quota flags; None when it is not an item."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not counts_as_item(model):
        return None
    has_flags = any(f.name == "is_typical" for f in model._meta.get_fields())
    return str(model._meta.verbose_name), has_flags


def _count_on_time(rows: dict[int, AgencyRow], start, end) -> None:
    """Items published in the period that had a deadline, and how many met it."""
    for site_id, due_at, published_at in Submission.objects.filter(
        site_id__in=rows, published_at__gte=start, published_at__lt=end, due_at__isnull=False
    ).values_list("site_id", "due_at", "published_at"):
        rows[site_id].with_deadline += 1
        rows[site_id].on_time += published_at <= due_at


def _count_decisions(rows: dict[int, AgencyRow], locate: _SiteLocator, start, end) -> None:
    """Rejections (per item, and per reason) and returns decided in the period. The site comes from the
    workflow's page, so decisions of a workflow later cancelled and restarted still count."""
    decisions = list(
        EditorialTaskState.objects.filter(
            finished_at__gte=start, finished_at__lt=end, outcome__in=EditorialTaskState.Outcome.values
        ).values_list("workflow_state__object_id", "outcome", "reasons")
    )
    page_paths = dict(Page.objects.filter(pk__in={int(d[0]) for d in decisions}).values_list("pk", "path"))
    for object_id, outcome, reasons in decisions:
        site_id = locate(page_paths.get(int(object_id), ""))
        if site_id is None:
            continue
        if outcome == EditorialTaskState.Outcome.REJECTED:
            rows[site_id].rejected += 1
            rows[site_id].rejections.update(reasons)
        else:
            rows[site_id].returned += 1


def _count_unreviewed(rows: dict[int, AgencyRow], locate: _SiteLocator, start, end) -> list:
    """Publications without review in the period (forced by a superuser, or by trusted code)."""
    unreviewed = []
    for clearance in (
        PublicationClearance.objects.filter(created_at__gte=start, created_at__lt=end)
        .exclude(kind=PublicationClearance.Kind.WORKFLOW)
        .select_related("page", "user")
        .order_by("created_at")
    ):
        site_id = locate(clearance.page.path)
        if site_id is None:
            continue
        rows[site_id].unreviewed += 1
        unreviewed.append(clearance)
    return unreviewed


# --- exports ----------------------------------------------------------------------------------------


def table(report: Report) -> tuple[list[str], list[list[object]]]:
    """The report as a header and rows, shared by CSV and XLSX."""
    header = [
        _("Agency"),
        _("Kind"),
        _("Host"),
        _("Published"),
        *report.page_types,
        _("Typical news supplied to the portal"),
        _("News quota"),
        _("Under quota"),
        _("Published with a deadline"),
        _("On time"),
        _("On-time rate (%)"),
        _("Returned for more information"),
        _("Items rejected"),
        *[_("Rejected: %(code)s) %(label)s") % {"code": r.code, "label": r.label} for r in report.reasons],
        _("Published without review"),
    ]
    rows = []
    for row in report.rows:
        rows.append(
            [
                row.agency.name,
                row.agency.get_kind_display(),
                row.site.hostname,
                row.published_total,
                *[row.published.get(t, 0) for t in report.page_types],
                row.news,
                "" if row.quota is None else row.quota,
                _("yes") if row.under_quota else _("no"),
                row.with_deadline,
                row.on_time,
                "" if row.on_time_rate is None else row.on_time_rate,
                row.returned,
                row.rejections_total,
                *[row.rejections.get(r.code, 0) for r in report.reasons],
                row.unreviewed,
            ]
        )
    return [str(h) for h in header], rows


def sheets(report: Report) -> list[Sheet]:
    """The report as one sheet; agencies under their news quota are highlighted."""
    header, rows = table(report)
    title = _("Activity report: %(period)s") % {"period": report.period.label}
    under = {index for index, row in enumerate(report.rows) if row.under_quota}
    return [Sheet(report.period.key, title, header, rows, highlighted=under)]


def days_left_in_month(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return month_calendar.monthrange(today.year, today.month)[1] - today.day


def chart_bars(report: Report, limit: int = 25) -> list[dict[str, object]]:
    """Bars for the inline SVG quota chart: typical news supplied to the portal against each agency's
    quota. Only quota items are drawn, and only when the province profile sets a quota."""
    if not report.has_quota:
        return []
    rows = [r for r in report.rows if r.quota is not None]
    rows = sorted(rows, key=lambda r: (-r.news, r.agency.name))
    rows = [r for r in rows if r.news or r.under_quota][:limit]
    top = max([r.news for r in rows] + [r.quota or 0 for r in rows] + [1])
    bars = []
    for index, row in enumerate(rows):
        bars.append(
            {
                "label": row.agency.name,
                "value": row.news,
                "y": 8 + index * 22,
                "width": round(560 * row.news / top, 1),
                "quota_x": round(260 + 560 * row.quota / top, 1),
                "under": row.under_quota,
            }
        )
    return bars
