"""Public search: on the portal it covers every site, on a component site only that site."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

MAX_QUERY_LENGTH = 200


def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())
    site = Site.find_for_request(request)
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = "too_long"
    elif query:
        pages = Page.objects.live().public().specific()
        if site is not None and not site.is_default_site:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        results = pages.search(query)
    paginator = Paginator(results, 20)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    status = 400 if error else 200
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query[:MAX_QUERY_LENGTH], "page_obj": page_obj, "error": error},
        status=status,
    )
