"""Public search (R81, R82): on the portal it covers every site, on a component site only that site
unless the visitor widens it to the whole province. Tabs for documents, procedures and other pages;
facets with counts; highlighted snippets; relevance or date order. The same code serves the search
node and the database backend."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from elastic_transport import TransportError
from modelsearch.backends.base import FilterFieldError
from opensearchpy.exceptions import OpenSearchException
from wagtail.models import Locale, Page, Site, get_page_models

from cms.models import DocumentType, IssuingAuthority, LegalDocumentPage, LegalField, ProcedurePage
from cms.models.legal import normalize_number
from cms.queries import without_restricted
from sites.models import Agency
from sites.public_urls import absolute_url, page_url
from sites.text import fold

from .ranking import RankedResults
from .text import highlight

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
# Letters (any script), digits and the punctuation of document numbers such as 68/2026/QĐ-UBND;
# everything else is query syntax the public never means and some backends choke on.
_UNSAFE = re.compile(r"[^\w\s/.-]+")
_NUMBER_LIKE = re.compile(r"\d+\s*/\s*\d*|\d+/[\w-]+", re.UNICODE)
SEARCH_ERRORS = (DatabaseError, TransportError, OpenSearchException)
# The database backend kept next to a search node (config/settings/base.py).
FALLBACK_BACKEND = "fallback"
logger = logging.getLogger(__name__)


def clean_query(raw: str) -> str:
    return " ".join(_UNSAFE.sub(" ", raw).split())


@dataclass(frozen=True)
class Facet:
    param: str
    field: str
    label: Any
    names: Any  # callable: ids → {id: label}


def _names(model) -> Any:
    return lambda ids: {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)}


def _choices(choices) -> Any:
    return lambda ids: {value: label for value, label in choices if value in ids}


def _years(ids) -> dict:
    return {year: str(year) for year in ids if year}


TABS = {
    "all": _("All"),
    "documents": _("Documents"),
    "procedures": _("Procedures"),
    "pages": _("Other pages"),
}
# The tabs a page type may declare as its `search_tab` (docs/adding-a-page-type.md); "all" lists every
# page. A dedicated tab ("documents", "procedures") has its own facets and date order; "pages" lists
# every type without one.
SEARCH_TABS = tuple(key for key in TABS if key != "all")
DEDICATED_TABS = tuple(key for key in SEARCH_TABS if key != "pages")


def tab_models(tab: str) -> list[type[Page]]:
    """The page types that declare this tab (tests/test_page_type_contract.py checks every type has one)."""
    return [model for model in get_page_models() if model.__dict__.get("search_tab") == tab]


def _tab_queryset(tab: str) -> Any:
    if tab in ("all", "pages"):
        queryset = Page.objects.all()
        if tab == "pages":
            queryset = queryset.not_type(*(m for key in DEDICATED_TABS for m in tab_models(key)))
        return queryset
    models = tab_models(tab)
    if len(models) == 1:  # its own manager, so the tab's facets can filter on its fields
        return models[0].objects.all()
    return Page.objects.type(*models) if models else Page.objects.none()


FACETS = {
    "documents": [
        Facet("type", "document_type_id", _("Document type"), _names(DocumentType)),
        Facet("issuer", "issuer_id", _("Issuing authority"), _names(IssuingAuthority)),
        Facet("field", "fields", _("Field"), _names(LegalField)),
        Facet("year", "issued_year", _("Year"), _years),
        Facet("status", "status", _("Status"), _choices(LegalDocumentPage.Status.choices)),
        Facet("agency", "agency_id", _("Agency"), _names(Agency)),
    ],
    "procedures": [
        Facet("field", "field_id", _("Field"), _names(LegalField)),
        Facet(
            "service_level",
            "service_level",
            _("Online service level"),
            _choices(ProcedurePage.ServiceLevel.choices),
        ),
        Facet(
            "level", "administrative_level", _("Administrative level"), _choices(ProcedurePage.Level.choices)
        ),
        Facet("agency", "agency_id", _("Agency"), _names(Agency)),
    ],
}
DATE_ORDER = {
    "all": "-first_published_at",
    "documents": "-issued_on",
    "procedures": "-first_published_at",
    "pages": "-first_published_at",
}
SNIPPET_FIELDS = ("search_description", "summary", "body", "applicants", "steps", "intro")


# Ids and years beyond a 32-bit integer exist nowhere; larger numbers overflow SQLite and the
# search node's long type, so such a filter is ignored instead of answering 500 (issue 11).
MAX_FILTER_INT = 2**31 - 1


def _facet_value(raw: str, facet: Facet) -> Any:
    if facet.field in {"status", "service_level", "administrative_level"}:
        return raw[:30]
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 10 or int(raw) > MAX_FILTER_INT:
        return None
    return int(raw)


def _facet_filter(facet: Facet, value: Any) -> dict[str, Any]:
    """Search backends filter on a page's own columns only; a many-to-many facet (the documents'
    fields) becomes a filter on the ids of the pages that have the value."""
    if facet.field == "fields":
        ids = LegalDocumentPage.objects.filter(fields=value).values_list("pk", flat=True)
        return {"id__in": list(ids)}
    return {facet.field: value}


def _base_queryset(tab: str, root: Page | None):
    queryset = without_restricted(_tab_queryset(tab).live())
    if root is not None:
        queryset = queryset.descendant_of(root, inclusive=True)
    if queryset.model is Page:
        queryset = queryset.specific()
    # Vietnamese readers search the Vietnamese pages; readers of another language search that
    # language's translations and the Vietnamese originals (most content exists only in Vietnamese, R80).
    languages = {_active_language(), settings.LANGUAGE_CODE}
    locales = list(Locale.objects.filter(language_code__in=languages).values_list("pk", flat=True))
    if locales:
        queryset = queryset.filter(locale_id__in=locales)
    return queryset


def _active_language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "vi").split("-")[0]


def snippet_text(page: Page) -> str:
    # The re-ranking and the result's snippet both read it: stripping a long legal text's tags is
    # done once per page and request.
    cached = getattr(page, "_cong_snippet_text", None)
    if cached is None:
        cached = page._cong_snippet_text = _snippet_text(page)
    return cached


def _snippet_text(page: Page) -> str:
    parts: list[str] = []
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if not value:
            continue
        raw = getattr(value, "raw_data", None)
        if raw is not None:
            parts.extend(strip_tags(b["value"]) for b in raw if isinstance(b.get("value"), str))
        elif strip_tags(str(value)) not in parts:
            parts.append(strip_tags(str(value)))
        if sum(map(len, parts)) > 20_000:
            break
    return " ".join(parts)


def search(request: HttpRequest) -> HttpResponse:
    params = request.GET
    query = clean_query(params.get("q", ""))
    site = Site.find_for_request(request)
    is_portal = site is None or site.is_default_site
    widened = not is_portal and params.get("scope") == "all"
    root = None if (is_portal or widened) else site.root_page
    tab = params.get("tab") if params.get("tab") in TABS else "all"
    sort = "date" if params.get("sort") == "date" else "relevance"
    context: dict[str, Any] = {
        "search_query": query[:MAX_QUERY_LENGTH],
        "tab": tab,
        "sort": sort,
        "is_portal": is_portal,
        "widened": widened,
        "error": "",
        "tabs": [],
        "facets": [],
        "results": [],
        "page_obj": None,
        "number_matches": [],
        "fallback": False,
    }
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = "too_long"
        return TemplateResponse(request, "search/search.html", context, status=400)
    if not query:
        return TemplateResponse(request, "search/search.html", context)

    try:
        context.update(_run_search(params, query, tab, sort, root))
    except SEARCH_ERRORS:
        # The search node is down: the database index (kept up to date alongside it) answers, with a
        # notice that results may be less precise (R95).
        if FALLBACK_BACKEND not in settings.WAGTAILSEARCH_BACKENDS:
            logger.exception("Search failed for %r", query)
            context["error"] = "unavailable"
            return TemplateResponse(request, "search/search.html", context, status=503)
        logger.warning("Search node failed for %r; answering from the database index", query, exc_info=True)
        try:
            context.update(_run_search(params, query, tab, sort, root, backend=FALLBACK_BACKEND))
        except SEARCH_ERRORS:
            logger.exception("Fallback search failed for %r", query)
            context["error"] = "unavailable"
            return TemplateResponse(request, "search/search.html", context, status=503)
        context["fallback"] = True
        response = TemplateResponse(request, "search/search.html", context)
        response["Cache-Control"] = "no-store"  # never keep the degraded answer in a page cache
        return response
    return TemplateResponse(request, "search/search.html", context)


def _run_search(
    params: QueryDict, query: str, tab: str, sort: str, root: Page | None, backend: str = "default"
) -> dict[str, Any]:
    tabs = []
    for key, label in TABS.items():
        count = _base_queryset(key, root).search(query, backend=backend).count()
        tabs.append({"key": key, "label": label, "count": count})

    queryset = _base_queryset(tab, root)
    selected = []
    for facet in FACETS.get(tab, []):
        value = _facet_value(params.get(facet.param, ""), facet)
        if value not in (None, ""):
            queryset = queryset.filter(**_facet_filter(facet, value))
            selected.append((facet.param, value))
    if sort == "date":
        results = queryset.order_by(DATE_ORDER[tab]).search(query, order_by_relevance=False, backend=backend)
    else:
        results = queryset.search(query, backend=backend)

    facets = []
    for facet in FACETS.get(tab, []):
        try:
            counts = results.facet(facet.field)
        except (NotImplementedError, FilterFieldError):
            break  # the no-FTS fallback backend cannot count; the page works without facets
        ids = [key for key in counts if key is not None]
        names = facet.names(ids)
        current = dict(selected).get(facet.param)
        options = [
            {
                "value": key,
                "label": names.get(key, str(key)),
                "count": count,
                "selected": key == current,
                "url": _toggle(params, facet.param, key, key == current),
            }
            for key, count in counts.items()
            if key is not None and count
        ]
        if facet.param == "year":
            options.sort(key=lambda option: option["value"], reverse=True)
        if options:
            facets.append(
                {"param": facet.param, "label": facet.label, "options": options, "current": current}
            )

    pinned = _identifier_matches(query, tab, root) if sort == "relevance" and not selected else []
    ranked = RankedResults(results, query, snippet_text, by_relevance=sort == "relevance", pinned=pinned)
    for entry in tabs:
        if entry["key"] == tab and not selected:
            entry["count"] = len(ranked)  # syndicated copies collapsed, identifier matches added
    paginator = Paginator(ranked, PER_PAGE)
    page_obj = paginator.get_page(params.get("page"))
    sites = SiteNames()
    items = [
        {
            "page": item.page,
            "snippet": highlight(snippet_text(item.page), query),
            "site": sites.of(item.page),
            "also_on": [{**sites.of(copy), "url": page_url(copy)} for copy in item.also_on],
        }
        for item in page_obj
    ]

    number_matches = []
    if _NUMBER_LIKE.search(query) and page_obj.number == 1:
        key = normalize_number(query)
        documents = _base_queryset("documents", root).select_related("document_type")
        number_matches = list(documents.filter(number_key=key)[:3]) or list(
            documents.filter(number_key__startswith=key)[:3]
        )

    keep = params.copy()
    keep.pop("page", None)
    return {
        "tabs": tabs,
        "facets": facets,
        "results": items,
        "page_obj": page_obj,
        "number_matches": number_matches,
        "page_query": keep.urlencode(),
    }


def _identifier_matches(query: str, tab: str, root: Page | None) -> list[Page]:
    """Documents whose number/symbol and procedures whose code is the query, or starts with it
    ("68/2026" → 68/2026/QĐ-UBND): found by key, so they come first whatever the backend's tokenizer
    makes of slashes and dots."""
    if not any(ch.isdigit() for ch in query):
        return []
    key = normalize_number(query)
    found: list[Page] = []
    if tab in ("all", "documents"):
        documents = _base_queryset("documents", root).select_related("document_type")
        exact = list(documents.filter(number_key=key)[:5])
        if not exact:
            # Typed without diacritics ("68/2026/qd-ubnd"): compare folded, among numbers that
            # share the query's leading digits.
            digits = re.match(r"[\d/.]*", key).group()
            folded = fold(key)
            candidates = documents.filter(number_key__startswith=digits).order_by("-issued_on")[:50]
            exact = [d for d in candidates if fold(d.number_key) == folded] or [
                d for d in candidates if fold(d.number_key).startswith(folded)
            ][:5]
        found += exact
    if tab in ("all", "procedures"):
        found += list(_base_queryset("procedures", root).filter(code__iexact=query.strip())[:5])
    return found


def _toggle(params: QueryDict, name: str, value: Any, selected: bool) -> str:
    """The query string with this facet value chosen (or dropped when it is the current one)."""
    kept = params.copy()
    kept.pop("page", None)
    if selected:
        kept.pop(name, None)
    else:
        kept[name] = str(value)
    return "?" + kept.urlencode()


class SiteNames:
    """The agency (or site) a result belongs to, named on every portal-wide result."""

    def __init__(self) -> None:
        self.roots = sorted(
            ((site.root_page.path, site) for site in Site.objects.select_related("root_page")),
            key=lambda pair: -len(pair[0]),
        )
        self.agencies = {agency.site_id: agency for agency in Agency.objects.exclude(site=None)}

    def of(self, page: Page) -> dict[str, str]:
        site = next((site for path, site in self.roots if page.path.startswith(path)), None)
        if site is None:
            site = page.get_site()  # a translation's tree (another locale root) of some site
        if site is None:
            return {"name": "", "url": ""}
        agency = self.agencies.get(site.pk)
        return {"name": agency.name if agency else site.site_name, "url": absolute_url(site)}
