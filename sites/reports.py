"""The one base of the admin's period reports: editorial activity (R114–R116), questions, petitions and
ratings (R73), visit statistics (R117).

Each report is a ``PeriodReportView``: it reads the period from the query string (``parse_period``), and a
period it cannot read gets the page back with status 400, the reason and no figures (never another
period's figures under this address). Its tables are ``Sheet`` objects, written to CSV and XLSX here and
only here: formula-safe cells (sites/exports.py), a byte-order mark so that spreadsheet programs read the
Vietnamese as UTF-8, one XLSX sheet per table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .exports import safe_cell, safe_row


def local_datetime(value: dt.datetime | None) -> str:
    """A moment as every report and export writes it: local time, dd/mm/yyyy HH:MM ("" when unset)."""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


# For a Wagtail ReportView's ``custom_field_preprocess``: a datetime column in that format.
LOCAL_DATETIME_EXPORT = {"csv": local_datetime, "xlsx": local_datetime}


# --- periods ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """[start, end) in local dates; `months` scales the monthly quota."""

    kind: str
    start: dt.date
    end: dt.date
    label: str
    key: str

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_default_timezone()
        return (
            timezone.make_aware(dt.datetime.combine(self.start, dt.time.min), tz),
            timezone.make_aware(dt.datetime.combine(self.end, dt.time.min), tz),
        )


class PeriodError(ValueError):
    pass


PERIOD_HELP = gettext_lazy("A month (2026-06), a half-year (2026-H1, 2026-H2) or a year (2026).")


def parse_period(text: str | None, today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    text = (text or "").strip().upper() or f"{today:%Y-%m}"
    if (year_match := re.match(r"(\d{4})", text)) and not 2000 <= int(year_match[1]) <= 2100:
        raise PeriodError(_("Reports cover the years 2000 to 2100."))
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(_("There is no month %(month)s.") % {"month": month})
        end = dt.date(year + (month == 12), month % 12 + 1, 1)
        return Period("month", dt.date(year, month, 1), end, f"{month:02d}/{year}", f"{year}-{month:02d}")
    if match := re.fullmatch(r"(\d{4})-H([12])", text):
        year, half = int(match[1]), int(match[2])
        start = dt.date(year, 1 if half == 1 else 7, 1)
        end = dt.date(year, 7, 1) if half == 1 else dt.date(year + 1, 1, 1)
        label = _("first half of %(year)s") if half == 1 else _("second half of %(year)s")
        return Period("half", start, end, label % {"year": year}, f"{year}-H{half}")
    if match := re.fullmatch(r"(\d{4})", text):
        year = int(match[1])
        return Period("year", dt.date(year, 1, 1), dt.date(year + 1, 1, 1), str(year), str(year))
    raise PeriodError(str(PERIOD_HELP))


# --- spreadsheets -----------------------------------------------------------------------------------

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS = ("csv", "xlsx")


@dataclass
class Sheet:
    """One table of a report. ``highlighted`` rows (indexes into ``rows``) are filled in red in XLSX."""

    name: str
    title: str
    header: Sequence[Any]
    rows: Sequence[Sequence[Any]]
    highlighted: set[int] = field(default_factory=set)


def csv_bytes(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(str(h) for h in sheet.header))
    writer.writerows(safe_row(row) for row in sheet.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    highlight = PatternFill("solid", fgColor="FDE2E1")
    for table in sheets:
        sheet = workbook.create_sheet(table.name[:31])  # Excel's limit on a sheet's name
        sheet.append([safe_cell(table.title)])
        sheet.append(safe_row(str(h) for h in table.header))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for index, values in enumerate(table.rows):
            sheet.append(safe_row(values))
            if index in table.highlighted:
                for cell in sheet[sheet.max_row]:
                    cell.fill = highlight
        sheet.freeze_panes = "B3"
        sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_response(export: str, filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    """``export`` is "csv" (the first sheet) or "xlsx" (all of them); ``filename`` has no extension."""
    if export == "csv":
        response = HttpResponse(csv_bytes(sheets[0]), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export}"'
    return response


# --- the view ---------------------------------------------------------------------------------------


class PeriodReportView(TemplateView):
    """A report over a period, shown as a page or downloaded as CSV/XLSX (``?export=csv|xlsx``).

    Subclasses set ``template_name`` and ``filename_stem``, compute their figures in ``prepare`` and
    name their tables in ``sheets``; ``report_context`` gives the template what it shows. Access checks
    stay in each report's own mixin (who may see which sites differs per report).
    """

    period_param = "period"
    filename_stem = "bao-cao"

    def prepare(self) -> None:
        """Compute the figures of ``self.period`` (called once per request, for the page or an export)."""

    def sheets(self) -> list[Sheet]:
        raise NotImplementedError

    def report_context(self) -> dict[str, Any]:
        return {}

    def export_filename(self) -> str:
        return f"{self.filename_stem}-{self.period.key}"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.period_error = ""
        try:
            self.period: Period | None = parse_period(request.GET.get(self.period_param))
        except PeriodError as error:
            self.period, self.period_error = None, str(error)
            return self.render_to_response(self.get_context_data(), status=400)
        self.prepare()
        export = request.GET.get("export")
        if export in EXPORT_FORMATS:
            return spreadsheet_response(export, self.export_filename(), self.sheets())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(period=self.period, period_error=self.period_error, period_help=PERIOD_HELP)
        if self.period is not None:
            context.update(self.report_context())
        return context
