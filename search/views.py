"""Public search: on the portal it covers every site, on a component site only that site."""

import logging
import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from elastic_transport import TransportError
from wagtail.models import Page, Site

MAX_QUERY_LENGTH = 200
# Letters (any script), digits and the punctuation of document numbers such as 68/2026/QĐ-UBND;
# everything else is query syntax the public never means and some backends choke on.
_UNSAFE = re.compile(r"[^\w\s/.-]+")
logger = logging.getLogger(__name__)


def clean_query(raw: str) -> str:
    return " ".join(_UNSAFE.sub(" ", raw).split())


def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    site = Site.find_for_request(request)
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = "too_long"
    elif query:
        pages = Page.objects.live().public().specific()
        if site is not None and not site.is_default_site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        try:
            results = pages.search(query)
            len(results)  # run the query here, so a backend failure becomes a message, not a 500
        except (DatabaseError, TransportError):
            logger.exception("Search failed for %r", query)
            results, error = Page.objects.none(), "unavailable"
    paginator = Paginator(results, 20)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    status = {"too_long": 400, "unavailable": 503}.get(error, 200)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query[:MAX_QUERY_LENGTH], "page_obj": page_obj, "error": error},
        status=status,
    )
