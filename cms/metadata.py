"""Dublin Core metadata for any public page (Thông tư 24/2011/TT-BTTTT; R86–R88).

Values are derived from the page, its type and the agency that owns its site; a page type can add its own
defaults through ``dc_defaults()`` and an editor can override each element (cms.models.base.MetadataMixin).
Mandatory elements (title, creator, date, description, publisher, identifier) always resolve to a value;
multiple values are joined with "; " (TT24 Art 5). English pages get English values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page, Site

from sites.cache import locale_codes
from sites.models import Agency, ProvinceProfile, SiteContactSettings
from sites.public_urls import absolute_url, page_url
from sites.tree import home_path

MANDATORY = ("title", "creator", "date", "description", "publisher", "identifier")
ORDER = (
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
)
SEPARATOR = "; "


@dataclass(frozen=True)
class Element:
    name: str
    value: str

    @property
    def meta_name(self) -> str:
        return f"DC.{self.name}"


def join(values) -> str:
    """Clean, de-duplicate and join values with "; ", splitting editor input on ";"."""
    seen: list[str] = []
    for value in values:
        for part in re.split(r"\s*;\s*", str(value or "")):
            part = " ".join(part.split())
            if part and part not in seen:
                seen.append(part)
    return SEPARATOR.join(seen)


def plain(html_or_text: str, words: int = 60) -> str:
    return Truncator(" ".join(strip_tags(str(html_or_text or "")).split())).words(words)


def _memo(request: HttpRequest | None, key: tuple, compute):
    """Per-request memo: a page's site, agency and settings are read once however many tags ask."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_cong_metadata_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _request_site_holds(page: Page, request: HttpRequest | None) -> Site | None:
    """The request's site when ``page`` is in its (Vietnamese) tree: every site's home sits at depth 2,
    so no site nests in another and the prefix decides."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None and page.path.startswith(site.root_page.path):
        return site
    return None


def site_agency(page: Page, request: HttpRequest | None = None) -> Agency | None:
    from sites.context_processors import request_agency

    if _request_site_holds(page, request) is not None:
        return request_agency(request)
    return _memo(request, ("agency", home_path(page.path)), lambda: Agency.objects.for_page(page))


def page_site(page: Page, request: HttpRequest | None = None) -> Site | None:
    return _request_site_holds(page, request) or _memo(request, ("site", page.pk), page.get_site)


def contact_settings(site: Site, request: HttpRequest | None = None) -> SiteContactSettings:
    if request is not None and site == Site.find_for_request(request):
        return SiteContactSettings.for_request(request)
    return SiteContactSettings.for_site(site)


def publisher_name(page: Page, language: str, request: HttpRequest | None = None) -> str:
    agency = site_agency(page, request)
    if agency is not None:
        if language == "en" and agency.name_en:
            return agency.name_en
        return agency.name
    site = page_site(page, request)
    if site is not None:
        contact = contact_settings(site, request)
        if contact.agency_name:
            return contact.agency_name
    return ProvinceProfile.load(request_or_site=request).owner_name


def dublin_core(page: Page, request: HttpRequest | None = None) -> list[Element]:
    page = page.specific
    language = locale_codes().get(page.locale_id) or translation.get_language()
    language = (language or "vi").split("-")[0]
    with translation.override(language):
        return _compute(page, request, language)


def _compute(page: Page, request: HttpRequest | None, language: str) -> list[Element]:
    defaults: dict[str, object] = {}
    if hasattr(page, "dc_defaults"):
        defaults = page.dc_defaults() or {}

    def override(name: str) -> str:
        return join([getattr(page, f"dc_{name}", "")])

    publisher = override("publisher") or publisher_name(page, language, request)
    # A type's own date (a legal document's issue date) before the publication time.
    own_date = defaults.get("date")
    published = own_date or page.first_published_at or page.last_published_at or timezone.now()
    date_value = published.date().isoformat() if isinstance(published, dt.datetime) else published.isoformat()
    modified = page.last_published_at
    if modified and not own_date and modified.date().isoformat() != date_value:
        date_value = join([date_value, modified.date().isoformat()])

    description = (
        override("description")
        or join([defaults.get("description")])
        or plain(page.search_description)
        or plain(getattr(page, "summary", ""))
        or plain(getattr(page, "intro", ""))
        or page.title
    )
    identifier = page_url(page, request) or page.url_path
    site = page_site(page, request)
    rights = override("rights")
    if not rights and site is not None:
        rights = (
            contact_settings(site, request).licence_line
            or ProvinceProfile.load(request_or_site=request).licence_line
        )

    values = {
        "title": override("title") or page.seo_title or page.title,
        "creator": override("creator") or join(_as_list(defaults.get("creator"))) or publisher,
        # Field, category or, failing those, the kind of page (TT24 recommends a subject on every page).
        "subject": override("subject")
        or join(_as_list(defaults.get("subject")))
        or str(page._meta.verbose_name).capitalize(),
        "description": description,
        "publisher": publisher,
        "contributor": override("contributor") or join(_as_list(defaults.get("contributor"))),
        "date": date_value,
        "type": join(["Text", str(page._meta.verbose_name).capitalize()]),
        "format": "text/html",
        "identifier": identifier,
        "source": override("source") or join(_as_list(defaults.get("source"))),
        "language": language,
        "relation": join(_as_list(defaults.get("relation"))),
        "coverage": override("coverage") or join(_as_list(defaults.get("coverage"))),
        "rights": rights,
    }
    return [Element(name, values[name]) for name in ORDER if values[name]]


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value if v]
    return [str(value)]


def missing_mandatory(page: Page) -> list[str]:
    present = {element.name for element in dublin_core(page)}
    return [name for name in MANDATORY if name not in present]


def open_graph(page: Page, request: HttpRequest | None = None, elements: list[Element] | None = None) -> dict:
    """Open Graph values for the shared preview (R73): title, summary, image, URL."""
    page = page.specific
    dc = {element.name: element.value for element in (elements or dublin_core(page, request))}
    image = getattr(page, "featured_image", None) or getattr(page, "photo", None)
    if image is not None:
        image_url = image.get_rendition("fill-1200x630").url
    else:
        image_url = static("sites/og-default.png")  # the province's emblem, 1200×630 PNG
    site = page_site(page, request) or (Site.find_for_request(request) if request else None)
    image_url = absolute_url(request if request is not None else site, image_url)
    return {
        "title": page.seo_title or page.title,
        "description": dc.get("description", ""),
        "url": dc.get("identifier", ""),
        "type": "article" if getattr(page, "is_article", False) else "website",
        "image": image_url,
        "site_name": site.site_name if site else "",
        "locale": "en_GB" if dc.get("language") == "en" else "vi_VN",
    }
