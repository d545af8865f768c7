from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Site


def html_sitemap(request: HttpRequest) -> HttpResponse:
    """The human sitemap every site's menu links to (R13 "Sơ đồ cổng")."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page
    pages = root.get_descendants(inclusive=True).live().public().order_by("path")
    entries = [{"page": page, "indent": (page.depth - root.depth) * 1.25} for page in pages[:2000]]
    return TemplateResponse(request, "cms/html_sitemap.html", {"entries": entries})


def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt names the site's own sitemap (R85)."""
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
