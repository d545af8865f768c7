"""The per-site listing pages of legal documents and procedures, and their filters (R18, R30, R82)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from sites.collation import vietnamese_key

from .legal import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalField,
    ProcedurePage,
    normalize_number,
)

PER_PAGE = 20


def _int(value: str | None) -> int | None:
    """A primary key from a query string; anything else (junk, or beyond a 64-bit id) is ignored."""
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0 < number < 2**63 else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _in_order(items) -> list:
    """Managed-list items by their set order, then in Vietnamese alphabetical order."""
    return sorted(items, key=lambda item: (item.sort_order, vietnamese_key(item.name)))


def legal_document_listing(index_page: Page, request: HttpRequest) -> dict[str, Any]:
    """Documents under this listing, filtered by number, type, authority, field, year, status and dates."""
    params = request.GET
    documents = (
        LegalDocumentPage.objects.live()
        .public()
        .descendant_of(index_page)
        .select_related("document_type", "issuer")
        .order_by("-issued_on", "-pk")
    )
    filters = {
        "number": params.get("number", "").strip()[:100],
        "type": _int(params.get("type")),
        "issuer": _int(params.get("issuer")),
        "field": _int(params.get("field")),
        "year": _int(params.get("year")),
        "status": params.get("status", ""),
        "issued_from": _date(params.get("issued_from")),
        "issued_to": _date(params.get("issued_to")),
        "effective_from": _date(params.get("effective_from")),
        "effective_to": _date(params.get("effective_to")),
    }
    if filters["number"]:
        key = normalize_number(filters["number"])
        documents = documents.filter(Q(number_key=key) | Q(number_key__contains=key))
    if filters["type"]:
        documents = documents.filter(document_type_id=filters["type"])
    if filters["issuer"]:
        documents = documents.filter(issuer_id=filters["issuer"])
    if filters["field"]:
        documents = documents.filter(fields__id=filters["field"])
    if filters["year"]:
        documents = documents.filter(issued_year=filters["year"])
    if filters["status"] in LegalDocumentPage.Status.values:
        documents = documents.filter(status=filters["status"])
    else:
        filters["status"] = ""
    for name, lookup in [
        ("issued_from", "issued_on__gte"),
        ("issued_to", "issued_on__lte"),
        ("effective_from", "effective_on__gte"),
        ("effective_to", "effective_on__lte"),
    ]:
        if filters[name]:
            documents = documents.filter(**{lookup: filters[name]})
    documents = documents.distinct()
    all_here = LegalDocumentPage.objects.live().public().descendant_of(index_page)
    page_obj = Paginator(documents, PER_PAGE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "documents": page_obj,
        "filters": filters,
        "filter_query": query.urlencode(),
        "document_types": _in_order(DocumentType.objects.filter(pk__in=all_here.values("document_type"))),
        "issuers": _in_order(IssuingAuthority.objects.filter(pk__in=all_here.values("issuer"))),
        "legal_fields": _in_order(LegalField.objects.filter(pk__in=all_here.values("fields"))),
        "years": sorted(set(all_here.values_list("issued_year", flat=True)), reverse=True),
        "statuses": LegalDocumentPage.Status.choices,
    }


def procedure_listing(index_page: Page, request: HttpRequest) -> dict[str, Any]:
    """Procedures grouped by field, filterable by words of the name or code, agency, field, level and
    online service level. The portal's listing is the province's procedure finder: it covers every
    site's procedures in its language; a component site's listing covers its own."""
    from sites.models import Agency
    from sites.text import fold

    params = request.GET
    site = index_page.get_site()
    if site is not None and site.is_default_site:
        scope = ProcedurePage.objects.live().public().filter(locale_id=index_page.locale_id)
    else:
        scope = ProcedurePage.objects.live().public().descendant_of(index_page)
    procedures = scope.select_related("field", "agency")
    filters = {
        "q": " ".join(params.get("q", "").split())[:100],
        "agency": _int(params.get("agency")),
        "field": _int(params.get("field")),
        "service_level": params.get("service_level", ""),
        "level": params.get("level", ""),
    }
    if filters["agency"]:
        procedures = procedures.filter(agency_id=filters["agency"])
    if filters["field"]:
        procedures = procedures.filter(field_id=filters["field"])
    if filters["service_level"] in ProcedurePage.ServiceLevel.values:
        procedures = procedures.filter(service_level=filters["service_level"])
    else:
        filters["service_level"] = ""
    if filters["level"] in ProcedurePage.Level.values:
        procedures = procedures.filter(administrative_level=filters["level"])
    else:
        filters["level"] = ""
    matching = list(procedures)
    if filters["q"]:
        # Words with or without diacritics, in any order ("khai sinh", "dang ky ket hon", "1.001193").
        words = fold(filters["q"]).split()
        matching = [p for p in matching if all(w in fold(f"{p.title} {p.code}") for w in words)]
    groups: dict[LegalField, list[ProcedurePage]] = {}
    for procedure in sorted(matching, key=lambda p: (vietnamese_key(p.field.name), vietnamese_key(p.title))):
        groups.setdefault(procedure.field, []).append(procedure)
    return {
        "groups": list(groups.items()),
        "procedure_count": len(matching),
        "filters": filters,
        "is_finder": site is not None and site.is_default_site,
        "agencies": sorted(
            Agency.objects.filter(pk__in=scope.values("agency")), key=lambda a: vietnamese_key(a.name)
        ),
        "legal_fields": sorted(
            LegalField.objects.filter(pk__in=scope.values("field")), key=lambda f: vietnamese_key(f.name)
        ),
        "service_levels": ProcedurePage.ServiceLevel.choices,
        "levels": ProcedurePage.Level.choices,
    }


class LegalDocumentIndexPage(Page):
    """Văn bản: the listing of one site's legal documents, filterable (R18, R82)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.LegalDocumentPage"]

    class Meta:
        verbose_name = _("legal document listing")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(legal_document_listing(self, request))
        return context


class ProcedureIndexPage(Page):
    """Thủ tục hành chính / dịch vụ công trực tuyến: procedures grouped by field with their level (R30)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.ProcedurePage"]

    class Meta:
        verbose_name = _("procedure listing")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(procedure_listing(self, request))
        return context
