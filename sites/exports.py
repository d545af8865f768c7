"""One rule for every spreadsheet export (CSV and XLSX): no cell may start a formula (issue 11, hole 7).

A spreadsheet program runs a cell that starts with ``= + - @`` (or a tab or carriage return before
one) as a formula: a page title such as ``=HYPERLINK("http://evil", "Bấm")`` in an exported report
would become a live link, or a command on older Excel. OWASP's advice is to prefix such a text cell
with an apostrophe, which the program shows as plain text.

Use ``safe_cell``/``safe_row`` for every value written to a CSV or XLSX file. Wagtail's own exports
(site history, workflow reports, aging pages, form submissions, any listing's CSV/XLSX) go through
``SpreadsheetExportMixin.preprocess_field_value``, which ``guard_wagtail_exports`` wraps once at
start-up (sites/apps.py), so they follow the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value itself, or for a text that a spreadsheet would run as a formula, the text with a
    leading apostrophe. Numbers, dates and None are left alone (a number cannot be a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def safe_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}


def guard_wagtail_exports() -> None:
    """Make every Wagtail CSV/XLSX export (they all preprocess each cell in one method) safe."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(original(self, field, value, export_format))

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
