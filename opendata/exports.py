"""Catalogue exports for the national databases (R120 procedures, R121 legal documents): every public
item of this host's scope (the whole province on the portal) in one CSV or JSON file.

CSV cells that a spreadsheet would run as a formula are neutralised by the project's one rule
(sites.exports.safe_dict).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils.html import strip_tags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.views import APIView
from wagtail.models import Site

from cms.models import LegalDocumentPage, ProcedurePage
from cms.queries import in_site, is_portal_site, on_some_site, public_pages
from sites.exports import safe_dict
from sites.public_urls import absolute_url, page_url

from .views import ERRORS, PublicAPIMixin


def _plain(html: object) -> str:
    return " ".join(strip_tags(str(html or "")).split())


def _scope(model, request):
    site = Site.find_for_request(request)
    queryset = public_pages(model)
    return on_some_site(queryset) if is_portal_site(site) else in_site(queryset, site)


LEGAL_COLUMNS = (
    "id",
    "number",
    "type",
    "issuer",
    "signer",
    "issued_on",
    "effective_on",
    "expires_on",
    "status",
    "fields",
    "title",
    "summary",
    "url",
    "files",
    "amends",
    "replaces",
    "guides",
    "national_database_url",
    "gazette_reference",
    "agency",
    "locale",
    "last_published_at",
)
PROCEDURE_COLUMNS = (
    "id",
    "code",
    "title",
    "field",
    "administrative_level",
    "implementing_agency",
    "service_level",
    "legacy_level",
    "processing_time",
    "applicants",
    "result",
    "fees",
    "dossier_sets",
    "legal_basis",
    "national_portal_url",
    "url",
    "agency",
    "locale",
    "last_published_at",
)


def legal_document_rows(request) -> list[dict[str, Any]]:
    pages = (
        _scope(LegalDocumentPage, request)
        .select_related("document_type", "issuer", "agency", "locale")
        .prefetch_related("fields", "attachments__document", "relations__target")
        .order_by("issued_on", "pk")
    )
    public_ids = set(public_pages(LegalDocumentPage).values_list("pk", flat=True))
    rows = []
    for page in pages:
        related = {kind: [] for kind in ("amends", "replaces", "guides")}
        for relation in page.relations.all():
            if relation.target_id in public_ids:
                related[relation.kind].append(relation.target.number)
        rows.append(
            {
                "id": page.pk,
                "number": page.number,
                "type": page.document_type.name,
                "issuer": page.issuer.name,
                "signer": page.signer,
                "issued_on": page.issued_on.isoformat(),
                "effective_on": page.effective_on.isoformat() if page.effective_on else "",
                "expires_on": page.expires_on.isoformat() if page.expires_on else "",
                "status": page.status,
                "fields": "; ".join(field.name for field in page.fields.all()),
                "title": page.title,
                "summary": page.summary,
                "url": page_url(page, request) or "",
                "files": "; ".join(
                    absolute_url(request, item.document.url) for item in page.attachments.all()
                ),
                **{kind: "; ".join(numbers) for kind, numbers in related.items()},
                "national_database_url": page.national_database_url,
                "gazette_reference": page.gazette_reference,
                "agency": page.agency.name if page.agency else "",
                "locale": page.locale.language_code,
                "last_published_at": page.last_published_at.isoformat() if page.last_published_at else "",
            }
        )
    return rows


def procedure_rows(request) -> list[dict[str, Any]]:
    pages = (
        _scope(ProcedurePage, request)
        .select_related("field", "agency", "locale")
        .prefetch_related("legal_basis")
        .order_by("code", "pk")
    )
    public_ids = set(public_pages(LegalDocumentPage).values_list("pk", flat=True))
    return [
        {
            "id": page.pk,
            "code": page.code,
            "title": page.title,
            "field": page.field.name,
            "administrative_level": page.administrative_level,
            "implementing_agency": page.implementing_agency,
            "service_level": page.service_level,
            "legacy_level": page.legacy_level or "",
            "processing_time": page.processing_time,
            "applicants": page.applicants,
            "result": page.result,
            "fees": _plain(page.fees),
            "dossier_sets": page.dossier_sets,
            "legal_basis": "; ".join(d.number for d in page.legal_basis.all() if d.pk in public_ids),
            "national_portal_url": page.national_portal_url,
            "url": page_url(page, request) or "",
            "agency": page.agency.name if page.agency else "",
            "locale": page.locale.language_code,
            "last_published_at": page.last_published_at.isoformat() if page.last_published_at else "",
        }
        for page in pages
    ]


def csv_response(rows: list[dict[str, Any]], columns: tuple[str, ...], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(safe_dict({column: row[column] for column in columns}))
    # A byte-order mark so spreadsheet programs read the Vietnamese text as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(rows: list[dict[str, Any]], kind: str) -> JsonResponse:
    return JsonResponse(
        {"kind": kind, "count": len(rows), "items": rows}, json_dumps_params={"ensure_ascii": False}
    )


def _export_schema(name: str, columns: tuple[str, ...], fmt: str):
    if fmt == "csv":
        ok = OpenApiResponse(
            OpenApiTypes.STR, description="CSV, UTF-8 with a byte-order mark, one row per item."
        )
        return extend_schema(tags=["exports"], responses={(200, "text/csv"): ok, **ERRORS})
    record = inline_serializer(
        f"{name}Record", {column: serializers.JSONField() for column in columns}, many=True
    )
    body = inline_serializer(
        f"{name}Export",
        {"kind": serializers.CharField(), "count": serializers.IntegerField(), "items": record},
    )
    return extend_schema(tags=["exports"], responses={200: body, **ERRORS})


class LegalDocumentCSVExport(PublicAPIMixin, APIView):
    """The legal-document catalogue as CSV (R121)."""

    @_export_schema("LegalDocument", LEGAL_COLUMNS, "csv")
    def get(self, request):
        return self.cached_answer(request) or csv_response(
            legal_document_rows(request), LEGAL_COLUMNS, "legal-documents.csv"
        )


class LegalDocumentJSONExport(PublicAPIMixin, APIView):
    """The legal-document catalogue as JSON (R121)."""

    @_export_schema("LegalDocument", LEGAL_COLUMNS, "json")
    def get(self, request):
        return self.cached_answer(request) or json_response(legal_document_rows(request), "legal-documents")


class ProcedureCSVExport(PublicAPIMixin, APIView):
    """The procedure catalogue as CSV (R120)."""

    @_export_schema("Procedure", PROCEDURE_COLUMNS, "csv")
    def get(self, request):
        return self.cached_answer(request) or csv_response(
            procedure_rows(request), PROCEDURE_COLUMNS, "procedures.csv"
        )


class ProcedureJSONExport(PublicAPIMixin, APIView):
    """The procedure catalogue as JSON (R120)."""

    @_export_schema("Procedure", PROCEDURE_COLUMNS, "json")
    def get(self, request):
        return self.cached_answer(request) or json_response(procedure_rows(request), "procedures")
