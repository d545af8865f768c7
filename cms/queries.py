"""What the public may read, in one place: the public API (`opendata`), the portal's aggregated news
listing, its feed and its home page all ask these functions (the news shown on the portal is
``NewsPage.for_portal``, built on them), so "published" and "shown on the portal" mean the same thing
everywhere. Nothing here imports a page model: the page models use these.

Public means live (never a draft, a scheduled or an unpublished page) and not view-restricted
(Wagtail's ``public()``: no password, login or group restriction on the page or an ancestor). A site's
pages are those under its home page *or any translation of it* (each locale has its own tree root).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail.models import Page, Site

from sites.cache import cached_fragment
from sites.models import Agency
from sites.public_urls import base_url
from sites.tree import home_path


def restricted_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction (a password, a sign-in or a group):
    each one's whole subtree is private. Kept as a fragment (sites.cache) that every restriction's
    save or delete replaces (caching.signals); Wagtail's ``public()`` reads every restriction again on
    each call, three or four times for one home page."""
    from wagtail.models import PageViewRestriction

    return cached_fragment(
        "restricted-paths",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )


def public_pages(model: type[Page] = Page) -> QuerySet:
    """Every live, unrestricted page of ``model`` on any site (what Wagtail's ``live().public()``
    selects)."""
    return without_restricted(model.objects.live())


def without_restricted(queryset: QuerySet) -> QuerySet:
    """``queryset`` without the pages under a view restriction (Wagtail's ``public()``, from the kept
    paths; search backends filter on ``path`` too)."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def site_roots(site: Site) -> QuerySet:
    """The site's home page and its translations (the locale roots of the same site)."""
    return Page.objects.filter(depth=2, translation_key=site.root_page.translation_key)


def under_paths(paths) -> Q:
    """A filter matching the pages in the trees rooted at ``paths`` (none when there are none)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def site_condition(site: Site) -> Q:
    """A filter matching the pages of one site, in every locale."""
    return under_paths(site_roots(site).values_list("path", flat=True))


def in_site(queryset: QuerySet, site: Site) -> QuerySet:
    """Restrict ``queryset`` to the pages of one site, in every locale."""
    return queryset.filter(site_condition(site))


def in_locale(queryset: QuerySet, language_code: str) -> QuerySet:
    return queryset.filter(locale__language_code=language_code)


def is_portal_site(site: Site | None) -> bool:
    """The provincial portal is the default site (unknown hosts land there)."""
    return site is None or site.is_default_site


# --- aggregation: component news shown on the portal (R11, R44) -------------------------------------


def portal_condition() -> Q:
    """A filter matching the provincial portal's pages (in every locale). The portal's locale roots
    are kept as a fragment (sites.cache): a site's save and a locale home's publication, move or
    deletion replace the version (caching.signals)."""

    def root_paths() -> list[str]:
        portal = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        return list(site_roots(portal).values_list("path", flat=True)) if portal is not None else []

    return under_paths(cached_fragment("portal-root-paths", root_paths))


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


_UNKNOWN = object()  # not in the fragment cache yet


class SiteDirectory:
    """Maps pages to the site (and agency) that owns them. It loads only the sites of the pages asked
    about, three queries per batch (``load``) when they are not kept, so a listing costs the same with
    81 sites or 3,900."""

    def __init__(self) -> None:
        self._by_root_path: dict[str, SiteRef | None] = {}

    @staticmethod
    def _root_path(page: Page) -> str:
        return home_path(page.path)

    def load(self, pages) -> None:
        """Resolve the sites of all these pages at once (a listing calls it before asking per page).
        Each site tree's answer is kept as a fragment (a site's or agency's save replaces them all):
        the portal's home and listings ask for the same few sites on every view."""
        paths = {self._root_path(page) for page in pages} - set(self._by_root_path)
        if not paths:
            return
        refs = {
            path: cached_fragment(
                "site-of-tree", lambda: _UNKNOWN, path, keep=lambda ref: ref is not _UNKNOWN
            )
            for path in paths
        }
        unknown = [path for path, ref in refs.items() if ref is _UNKNOWN]
        if unknown:
            found = self._find(unknown)
            for path in unknown:
                refs[path] = cached_fragment("site-of-tree", lambda path=path: found[path], path)
        self._by_root_path.update(refs)

    @staticmethod
    def _find(paths: list[str]) -> dict[str, SiteRef | None]:
        keys = dict(Page.objects.filter(path__in=paths).values_list("path", "translation_key"))
        sites = {
            site.root_page.translation_key: site
            for site in Site.objects.filter(root_page__translation_key__in=set(keys.values())).select_related(
                "root_page"
            )
        }
        agencies = {agency.site_id: agency for agency in Agency.objects.filter(site__in=list(sites.values()))}
        found: dict[str, SiteRef | None] = {}
        for path in paths:
            site = sites.get(keys.get(path))
            found[path] = SiteRef(site, agencies.get(site.pk)) if site is not None else None
        return found

    def for_page(self, page: Page) -> SiteRef | None:
        path = self._root_path(page)
        if path not in self._by_root_path:
            self.load([page])
        return self._by_root_path[path]

    @staticmethod
    def orphan_root_paths() -> list[str]:
        """Depth-2 trees that belong to no site (nothing there is served, so nothing is published)."""
        site_keys = Site.objects.values("root_page__translation_key")
        return list(
            Page.objects.filter(depth=2).exclude(translation_key__in=site_keys).values_list("path", flat=True)
        )


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
    pages = list(pages)
    directory.load(pages)
    for page in pages:
        origin = directory.for_page(page)
        page.origin = origin if origin is not None and origin.agency != own_agency else None
