"""Q&A and petition analytics (R66) and monthly site ratings (R72), per period, as tables, CSV and XLSX.

Counts come from the records themselves, so the report always matches them. No personal field is ever
part of a report (R110)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from sites.reports import Period

from .models import CitizenRequest, SiteRating


@dataclass
class AgencyRow:
    agency: str
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    open: int = 0
    overdue: int = 0
    forwarded_away: int = 0
    violating: int = 0
    out_of_scope: int = 0
    by_field: Counter = field(default_factory=Counter)
    hours_to_answer: list[float] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.answered_on_time / self.answered, 1) if self.answered else None

    @property
    def average_days(self) -> float | None:
        return (
            round(sum(self.hours_to_answer) / len(self.hours_to_answer) / 24, 1)
            if self.hours_to_answer
            else None
        )


@dataclass
class Report:
    period: Period
    kind: str
    rows: list[AgencyRow]
    by_field: Counter
    by_status: Counter

    @property
    def totals(self) -> AgencyRow:
        total = AgencyRow(_("Total"))
        for row in self.rows:
            for name in (
                "received",
                "answered",
                "answered_on_time",
                "open",
                "overdue",
                "forwarded_away",
                "violating",
                "out_of_scope",
            ):
                setattr(total, name, getattr(total, name) + getattr(row, name))
            total.hours_to_answer += row.hours_to_answer
        return total


def build_report(period: Period, items, kind: str = CitizenRequest.Kind.QUESTION) -> Report:
    """`items`: the requests the viewer may see (CitizenRequest.objects.for_user(user))."""
    start, end = period.bounds()
    now = timezone.now()
    rows: dict[int, AgencyRow] = {}
    by_field: Counter = Counter()
    by_status: Counter = Counter()
    forwarded_from: defaultdict[int, int] = defaultdict(int)
    selected = (
        items.filter(kind=kind, received_at__gte=start, received_at__lt=end)
        .select_related("agency", "field")
        .prefetch_related("events")
    )
    for item in selected:
        row = rows.setdefault(item.agency_id, AgencyRow(item.agency.name))
        row.received += 1
        field_name = item.field.name if item.field else _("Not classified")
        row.by_field[field_name] += 1
        by_field[field_name] += 1
        by_status[item.get_status_display()] += 1
        if item.status == CitizenRequest.Status.ANSWERED:
            row.answered += 1
            if item.due_at is None or item.answered_at <= item.due_at:
                row.answered_on_time += 1
            row.hours_to_answer.append((item.answered_at - item.received_at).total_seconds() / 3600)
        elif item.status == CitizenRequest.Status.VIOLATING:
            row.violating += 1
        elif item.status == CitizenRequest.Status.OUT_OF_SCOPE:
            row.out_of_scope += 1
        else:
            row.open += 1
            if item.is_overdue or (item.due_at and item.due_at < now):
                row.overdue += 1
        for event in item.events.all():
            if event.action == "forwarded" and event.from_agency_id:
                forwarded_from[event.from_agency_id] += 1
    for agency_id, count in forwarded_from.items():
        if agency_id in rows:
            rows[agency_id].forwarded_away = count
    ordered = sorted(rows.values(), key=lambda r: r.agency)
    return Report(period, kind, ordered, by_field, by_status)


def table(report: Report) -> tuple[list[str], list[list[object]]]:
    header = [
        _("Agency"),
        _("Received"),
        _("Answered"),
        _("Answered on time"),
        _("On-time rate (%)"),
        _("Average days to answer"),
        _("Open"),
        _("Overdue"),
        _("Forwarded to another agency"),
        _("Violating"),
        _("Out of scope"),
        _("By field"),
    ]
    rows = []
    for row in [*report.rows, report.totals]:
        rows.append(
            [
                row.agency,
                row.received,
                row.answered,
                row.answered_on_time,
                row.on_time_rate if row.on_time_rate is not None else "",
                row.average_days if row.average_days is not None else "",
                row.open,
                row.overdue,
                row.forwarded_away,
                row.violating,
                row.out_of_scope,
                "; ".join(f"{name}: {count}" for name, count in sorted(row.by_field.items())),
            ]
        )
    return [str(h) for h in header], rows  # exports make the cells formula-safe (sites/reports.py)


def rating_rows(period: Period, sites) -> list[dict]:
    """Average per criterion per site and month (R72)."""
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) < (period.end.year, period.end.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return list(
        SiteRating.objects.filter(site__in=sites, month__in=months)
        .values("site__site_name", "month")
        .annotate(
            count=Count("pk"),
            interface=Avg("interface"),
            content=Avg("content"),
            quality=Avg("quality"),
            support=Avg("support"),
        )
        .order_by("site__site_name", "month")
    )


def rating_table(rows: list[dict]) -> tuple[list[str], list[list[object]]]:
    header = [_("Site"), _("Month"), _("Ratings"), _("Interface"), _("Content"), _("Quality"), _("Support")]
    body = [
        [
            r["site__site_name"],
            r["month"],
            r["count"],
            *[round(r[c], 2) for c in ("interface", "content", "quality", "support")],
        ]
        for r in rows
    ]
    return [str(h) for h in header], body
