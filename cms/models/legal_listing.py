"""The per-site listing pages of legal documents and procedures, and their filters (R18, R30, R82)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from sites.collation import vietnamese_key

from ..listing import ChoiceFilter, DateFilter, Filter, RelatedFilter, TextFilter, YearFilter, run_listing
from ..queries import public_pages
from .legal import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalField,
    ProcedurePage,
    normalize_number,
)


def _number_match(documents, text: str):
    key = normalize_number(text)
    return documents.filter(Q(number_key=key) | Q(number_key__contains=key))


def legal_document_filters() -> list[Filter]:
    return [
        TextFilter("number", _("Number and symbol"), match=_number_match, placeholder="68/2026/QĐ-UBND"),
        RelatedFilter("type", _("Document type"), model=DocumentType, field="document_type"),
        RelatedFilter("issuer", _("Issuing authority"), model=IssuingAuthority, field="issuer"),
        RelatedFilter("field", _("Field"), model=LegalField, field="fields"),
        YearFilter("year", _("Year"), field="issued_year", integer=True),
        ChoiceFilter("status", _("Status"), choices=LegalDocumentPage.Status.choices),
        DateFilter("issued_from", _("Issued from"), field="issued_on__gte"),
        DateFilter("issued_to", _("to"), field="issued_on__lte"),
        DateFilter("effective_from", _("In force from"), field="effective_on__gte"),
        DateFilter("effective_to", _("to"), field="effective_on__lte"),
    ]


def legal_document_listing(index_page: Page, request: HttpRequest) -> dict[str, Any]:
    """Documents under this listing, filtered by number, type, authority, field, year, status and dates."""
    scope = (
        public_pages(LegalDocumentPage).descendant_of(index_page).select_related("document_type", "issuer")
    )
    return run_listing(request.GET, scope, legal_document_filters(), order=("-issued_on",)).context()


def procedure_listing(index_page: Page, request: HttpRequest) -> dict[str, Any]:
    """Procedures grouped by field, filterable by words of the name or code, agency, field, level and
    online service level. The portal's listing is the province's procedure finder: it covers every
    site's procedures in its language; a component site's listing covers its own."""
    from sites.models import Agency
    from sites.text import fold

    site = index_page.get_site()
    is_finder = site is not None and site.is_default_site
    if is_finder:
        scope = public_pages(ProcedurePage).filter(locale_id=index_page.locale_id)
    else:
        scope = public_pages(ProcedurePage).descendant_of(index_page)
    filters = [
        TextFilter("q", _("Name or code of the procedure")),  # matched below, folded
        *([RelatedFilter("agency", _("Agency"), model=Agency)] if is_finder else []),
        RelatedFilter("field", _("Field"), model=LegalField),
        ChoiceFilter(
            "level",
            _("Administrative level"),
            choices=ProcedurePage.Level.choices,
            field="administrative_level",
        ),
        ChoiceFilter("service_level", _("Online service level"), choices=ProcedurePage.ServiceLevel.choices),
    ]
    listing = run_listing(request.GET, scope.select_related("field", "agency"), filters, per_page=None)
    matching = list(listing.items)
    if words := listing.values["q"]:
        # Words with or without diacritics, in any order ("khai sinh", "dang ky ket hon", "1.001193").
        folded = fold(words).split()
        matching = [p for p in matching if all(w in fold(f"{p.title} {p.code}") for w in folded)]
    groups: dict[LegalField, list[ProcedurePage]] = {}
    for procedure in sorted(matching, key=lambda p: (vietnamese_key(p.field.name), vietnamese_key(p.title))):
        groups.setdefault(procedure.field, []).append(procedure)
    return {**listing.context(), "groups": list(groups.items()), "procedure_count": len(matching)}


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
