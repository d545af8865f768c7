"""What the public may read, in one place: the public API (`opendata`), the portal's aggregated news
listing, its feed and its home page all ask these functions, so "published" and "shown on the portal"
mean the same thing everywhere.

Public means live (never a draft, a scheduled or an unpublished page) and not view-restricted
(Wagtail's ``public()``: no password, login or group restriction on the page or an ancestor). A site's
pages are those under its home page *or any translation of it* (each locale has its own tree root).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page, Site

from sites.models import Agency
from sites.public_urls import base_url

from .models import NewsPage


def public_pages(model: type[Page] = Page) -> QuerySet:
    """Every live, unrestricted page of ``model`` on any site."""
    return model.objects.live().public()


def site_roots(site: Site) -> QuerySet:
    """The site's home page and its translations (the locale roots of the same site)."""
    return Page.objects.filter(depth=2, translation_key=site.root_page.translation_key)


def site_condition(site: Site) -> Q:
    """A filter matching the pages of one site, in every locale."""
    condition = Q(pk__in=[])
    for path in site_roots(site).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def in_site(queryset: QuerySet, site: Site) -> QuerySet:
    """Restrict ``queryset`` to the pages of one site, in every locale."""
    return queryset.filter(site_condition(site))


def in_locale(queryset: QuerySet, language_code: str) -> QuerySet:
    return queryset.filter(locale__language_code=language_code)


def is_portal_site(site: Site | None) -> bool:
    """The provincial portal is the default site (unknown hosts land there)."""
    return site is None or site.is_default_site


# --- aggregation: component news shown on the portal (R11, R44) -------------------------------------


def _portal_condition() -> Q:
    portal = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site_condition(portal) if portal is not None else Q(pk__in=[])


def syndicated_news(locale: Locale | None = None) -> QuerySet:
    """Component sites' news their editors marked "show on the provincial portal"."""
    queryset = public_pages(NewsPage).filter(show_on_portal=True).exclude(_portal_condition())
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def portal_news(index: Page | None = None, locale: Locale | None = None) -> QuerySet:
    """The portal's news: its own items (children of ``index`` when given, else anywhere on the portal)
    and the component sites' items marked for the portal — each story once, the original itself."""
    portal = _portal_condition()
    if index is not None:
        own = Q(path__startswith=index.path, depth=index.depth + 1)
        locale = locale or index.locale
    else:
        own = portal
    queryset = public_pages(NewsPage).filter(own | (Q(show_on_portal=True) & ~portal))
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


# --- which site and agency a page belongs to ---------------------------------------------------------


@dataclass(frozen=True)
class SiteRef:
    site: Site
    agency: Agency | None

    @property
    def name(self) -> str:
        if self.agency is not None:
            return self.agency.name
        return self.site.site_name or self.site.hostname

    @property
    def url(self) -> str:
        return base_url(self.site)


class SiteDirectory:
    """Maps any page to the site (and agency) that owns it with two queries for a whole listing,
    instead of two per page."""

    def __init__(self) -> None:
        sites = Site.objects.select_related("root_page")
        agencies = {agency.site_id: agency for agency in Agency.objects.filter(site__isnull=False)}
        by_key = {site.root_page.translation_key: site for site in sites}
        self._by_root_path: dict[str, SiteRef] = {}
        for path, key in Page.objects.filter(depth=2).values_list("path", "translation_key"):
            site = by_key.get(key)
            if site is not None:
                self._by_root_path[path] = SiteRef(site, agencies.get(site.pk))

    def for_page(self, page: Page) -> SiteRef | None:
        return self._by_root_path.get(page.path[: 2 * Page.steplen])

    def orphan_root_paths(self) -> list[str]:
        """Depth-2 trees that belong to no site (nothing there is served, so nothing is published)."""
        known = set(self._by_root_path)
        return [
            path for path in Page.objects.filter(depth=2).values_list("path", flat=True) if path not in known
        ]


def on_some_site(queryset: QuerySet, directory: SiteDirectory | None = None) -> QuerySet:
    """Leave out pages outside every site's tree: they have no public address."""
    directory = directory or SiteDirectory()
    for path in directory.orphan_root_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def mark_origins(pages, own_agency: Agency | None) -> None:
    """Set ``page.origin`` (a SiteRef) on pages of another site than ``own_agency``'s, so a listing can
    say where an aggregated story comes from; the site's own pages get ``None``."""
    directory = SiteDirectory()
    for page in pages:
        origin = directory.for_page(page)
        page.origin = origin if origin is not None and origin.agency != own_agency else None
