from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from sites.public_urls import absolute_url

from .queries import public_pages

DIRECTORY_PER_PAGE = 100


def html_sitemap(request: HttpRequest) -> HttpResponse:
    """The human sitemap every site's menu links to (R13 "Sơ đồ cổng")."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page.localized  # the tree of the language being read (/en/so-do-trang/)
    pages = public_pages(Page).descendant_of(root, inclusive=True).order_by("path")
    # A nested tree (ul in li), not indents: readers and screen readers see the structure.
    tree: list[dict] = []
    open_nodes: dict[str, dict] = {}
    for page in pages[:2000]:
        node = {"page": page, "children": []}
        parent = open_nodes.get(page.path[: -Page.steplen])
        (parent["children"] if parent else tree).append(node)
        open_nodes[page.path] = node
    return TemplateResponse(request, "cms/html_sitemap.html", {"tree": tree})


def component_sites(request: HttpRequest) -> HttpResponse:
    """The portal's directory of component sites, by kind and by name (R11). The portal's home lists
    a kind in full only up to settings.CONG_DIRECTORY_LIST_LIMIT sites and links here for more: at
    national scale the wards alone are thousands."""
    from sites.context_processors import request_agency
    from sites.models import Agency

    from .listing import ChoiceFilter, TextFilter, run_listing
    from .models.pages import DIRECTORY_ORDER

    agency = request_agency(request)
    if agency is None or not agency.is_portal:
        raise Http404
    scope = (
        Agency.objects.active()
        .with_site()
        .exclude(kind=Agency.Kind.PROVINCE)
        .select_related("site")
        .in_registry_order(DIRECTORY_ORDER)
    )
    listing = run_listing(
        request.GET,
        scope,
        [
            ChoiceFilter(
                "loai",
                _("Kind of agency"),
                field="kind",
                choices=[(k, Agency.Kind(k).label) for k in DIRECTORY_ORDER],
            ),
            TextFilter(
                "q",
                _("Name or address"),
                match=lambda queryset, text: queryset.matching(text),
                placeholder=_("e.g. “An Xuyên” or “anxuyen”"),
            ),
        ],
        per_page=DIRECTORY_PER_PAGE,
    )
    return TemplateResponse(request, "cms/component_sites.html", listing.context())


def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt names the site's own sitemap (R85)."""
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {absolute_url(request, '/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers, feed readers and crawlers ask for whatever the page links: the
    emblem's icon file (its static address changes with its content, so it is a temporary redirect)."""
    from django.http import HttpResponseRedirect
    from django.templatetags.static import static

    response = HttpResponseRedirect(static("sites/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def metadata_export(request: HttpRequest) -> HttpResponse:
    """Every public page of this site with its Dublin Core elements, as JSON or CSV (TT24 Art 10, R88)."""
    import csv
    import io

    from django.http import JsonResponse

    from sites.exports import safe_dict

    from .metadata import ORDER, dublin_core

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    pages = public_pages(Page).descendant_of(site.root_page, inclusive=True).order_by("path").specific()
    records = [
        {element.name: element.value for element in dublin_core(page, request)} for page in pages[:5000]
    ]
    if request.GET.get("format") == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=[f"DC.{name}" for name in ORDER])
        writer.writeheader()
        for record in records:
            writer.writerow(safe_dict({f"DC.{name}": value for name, value in record.items()}))
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="metadata-{site.hostname}.csv"'
        return response
    return JsonResponse(
        {"site": site.hostname, "count": len(records), "pages": records},
        json_dumps_params={"ensure_ascii": False},
    )
