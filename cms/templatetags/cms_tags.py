from __future__ import annotations

from urllib.parse import quote

from django import template
from wagtail.models import Page

from cms.metadata import dublin_core, open_graph
from sites.public_urls import absolute_url, page_url

register = template.Library()

TEXT_ELEMENTS = {"title", "creator", "subject", "description", "publisher", "contributor", "type", "source"}
TEXT_ELEMENTS |= {"coverage", "rights"}

# Plain links: nothing from a social network loads until the visitor clicks (R73, privacy).
SHARE_TARGETS = (
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("zalo", "Zalo", "https://sp.zalo.me/share_to?url={url}"),
)


@register.inclusion_tag("cms/includes/metadata.html", takes_context=True)
def page_metadata(context, page: Page | None = None):
    """Dublin Core and Open Graph tags for a page's <head>."""
    page = page or context.get("page")
    if not isinstance(page, Page):
        return {"elements": [], "og": None}
    request = context.get("request")
    elements = dublin_core(page, request)
    language = next((e.value for e in elements if e.name == "language"), "vi")
    return {
        "elements": elements,
        "og": open_graph(page, request, elements),
        "language": language,
        "text_elements": TEXT_ELEMENTS,
    }


@register.inclusion_tag("cms/includes/page_tools.html", takes_context=True)
def page_tools(context, page: Page | None = None):
    """Print and share actions under an article (R73, R83)."""
    page = page or context.get("page")
    request = context.get("request")
    if page is not None:
        url = page_url(page, request) or ""
    else:
        url = absolute_url(request, request.get_full_path()) if request else ""
    encoded = quote(url, safe="")
    return {
        "page": page,
        "share_links": [(key, label, pattern.format(url=encoded)) for key, label, pattern in SHARE_TARGETS],
        "mail_link": f"mailto:?subject={quote(page.title if page else '')}&body={encoded}",
        "print_url": "?print=1",
    }


@register.simple_tag
def legal_text(page: Page):
    """The letterhead, table of contents and anchored articles of a legal document's full text."""
    from cms.legal_text import structure

    return structure(page.body)
