"""Which public addresses a change affects, and purging them through Wagtail's frontend cache.

``purge_urls(urls)`` is the one entry point for other apps (the API caches "like pages"): it hands the
URLs to ``wagtail.contrib.frontend_cache`` once the transaction commits, so every backend listed in
WAGTAILFRONTENDCACHE — Cổng's own page cache, and Varnish/NGINX/a CDN when configured — forgets them.

A page change affects: the page and its translations; every ancestor of each (listings, section pages,
the locale homes that show it); the site's feeds, sitemaps, metadata export and search page; the
portal's home and search (it aggregates every site). A change to a locale home or a menu-level page, a
site setting or the site's agency affects every page of the site (header, menu, footer); a generic
setting every site. Paths are purged with all their query strings (see caching/pagecache.py); a proxy
or CDN should likewise purge a path with its query variants (Varnish: ``ban req.url ~ "^/path(\\?|$)"``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Locale, Page, Site

from sites.public_urls import base_url
from sites.tree import HOME_DEPTH, ancestor_paths, home_path

from . import pagecache

# Addresses every site answers besides its pages (config/urls.py); news category feeds are added.
SITE_PATHS = ("/search/", "/sitemap.xml", "/so-do-trang/", "/rss/", "/metadata.json", "/don-vi/")
LANGUAGE_PATHS = ("/so-do-trang/", "/rss/", "/don-vi/")  # also under each foreign language's prefix
OWN_BACKEND = "caching.backends.PageCacheBackend"
MENU_DEPTH = 3  # the home's children make the menu of every page of the site

_pending = threading.local()


# --- the public entry points -----------------------------------------------------------------------


def purge_urls(urls: Iterable[str]) -> None:
    """Purge these absolute URLs (``https://host/path/``) from every cache layer after commit.

    Cổng's own cache is purged at once and again after the commit (a request between the two could
    have stored the old content); the other layers after the commit, in one batch per transaction.
    """
    urls = set(urls)
    if not urls:
        return
    pagecache.purge_addresses(pagecache.address_of(url) for url in urls)
    batch = getattr(_pending, "urls", None)
    if batch is None:
        batch = _pending.urls = set()
        transaction.on_commit(_flush)
    batch.update(urls)


def _flush() -> None:
    urls = getattr(_pending, "urls", None) or set()
    _pending.urls = None
    if not urls:
        return
    # Cổng's own cache is purged here and now (publish → fresh must not wait for a worker); the other
    # layers (a proxy or CDN over HTTP) through Wagtail's purge task, in the background.
    pagecache.purge_addresses(pagecache.address_of(url) for url in urls)
    others = [name for name, config in frontend_cache_settings().items() if config["BACKEND"] != OWN_BACKEND]
    if others:
        purge_urls_from_cache(sorted(urls), backends=others)


def frontend_cache_settings() -> dict:
    return getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}


def purge_page(page: Page, *, whole_site: bool = False) -> None:
    """Purge what a change to ``page`` (published, unpublished, deleted, moved) affects."""
    purge_urls(affected_by_page(page, whole_site=whole_site))


def purge_site(site: Site) -> None:
    """Purge every address of one site (its header, menu or footer changed)."""
    purge_sites([site])


def purge_sites(sites: Iterable[Site]) -> None:
    """Purge every address of these sites (and the portal's, which shows them), in one batch."""
    topology = Topology()
    urls = topology.portal_urls()
    for site in sites:
        urls |= topology.whole_site_urls(site)
    purge_urls(urls)


def purge_search_pages(page: Page) -> None:
    """The search pages that may list ``page``: its site's and the portal's (which searches every site)."""
    topology = Topology()
    sites = {topology.site_of(page.path), topology.portal()} - {None}
    purge_urls(f"{base}/search/" for site in sites for base in topology.bases(site))


def purge_all_sites() -> None:
    topology = Topology()
    urls: set[str] = set()
    for site in topology.sites.values():
        urls |= topology.whole_site_urls(site)
    purge_urls(urls)


# --- the site map of the installation --------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    path: str
    url_path: str
    locale_id: int
    translation_key: str


class Topology:
    """Sites, their locale homes and their host names, loaded as a purge asks for them: the sites and
    homes one change touches (a few small queries), every site only for a purge of every site. Loading
    them all for each purge made every publish, and each new site, slower as the installation grew
    (3,833 sites: 3,833 sites with their root pages and 7,666 homes read per publish)."""

    def __init__(self) -> None:
        from localization.locales import HOST_PREFIXES

        self.host_prefixes = HOST_PREFIXES
        self.languages = dict(Locale.objects.values_list("pk", "language_code"))
        self._homes: dict[str, Node | None] = {}  # home path → home (None: no page there)
        self._sites: dict[str, Site | None] = {}  # a home's translation key → its site
        self._homes_of: dict[str, list[Node]] = {}  # a site's translation key → its locale homes
        self._every_site: dict[str, Site] | None = None
        self._portal: Site | None = None

    @property
    def sites(self) -> dict[str, Site]:
        """Every site, by its root page's translation key (for purges of every site)."""
        if self._every_site is None:
            every = Site.objects.select_related("root_page")
            self._every_site = {
                key: self._sites.get(key) or site
                for site in every
                if (key := site.root_page.translation_key) is not None
            }
            self._sites.update(self._every_site)
        return self._every_site

    def load_homes(self, node_paths: Iterable[str]) -> None:
        """Read the locale homes above these pages in one query."""
        wanted = {home_path(path) for path in node_paths} - set(self._homes)
        if not wanted:
            return
        self._homes.update(dict.fromkeys(wanted))
        rows = Page.objects.filter(path__in=wanted, depth=HOME_DEPTH).values_list(
            "path", "url_path", "locale_id", "translation_key"
        )
        for path, url_path, locale_id, key in rows:
            self._homes[path] = Node(path, url_path, locale_id, key)

    def _home_of(self, node_path: str) -> Node | None:
        self.load_homes([node_path])
        return self._homes[home_path(node_path)]

    def _site_for(self, translation_key: str) -> Site | None:
        if translation_key not in self._sites:
            if self._every_site is not None:
                return None
            self._sites[translation_key] = (
                Site.objects.select_related("root_page")
                .filter(root_page__translation_key=translation_key)
                .first()
            )
        return self._sites[translation_key]

    def site_of(self, node_path: str) -> Site | None:
        home = self._home_of(node_path)
        return self._site_for(home.translation_key) if home else None

    def bases(self, site: Site) -> list[str]:
        """`scheme://host[:port]` of the site and of each of its language hosts (sites.public_urls)."""
        return [base_url(site)] + [base_url(f"{p}.{site.hostname}") for p in self.host_prefixes.values()]

    def node_urls(self, node: Node) -> set[str]:
        """The addresses of a page in every URL strategy its language may use (path and host mode)."""
        home = self._home_of(node.path)
        site = self.site_of(node.path)
        if home is None or site is None or not node.url_path.startswith(home.url_path):
            return set()
        rest = node.url_path[len(home.url_path) :]
        language = self.languages.get(node.locale_id, settings.LANGUAGE_CODE)
        if language == settings.LANGUAGE_CODE:
            return {f"{base_url(site)}/{rest}"}
        urls = {f"{base_url(site)}/{language}/{rest}"}
        if language in self.host_prefixes:
            urls.add(f"{base_url(f'{self.host_prefixes[language]}.{site.hostname}')}/{rest}")
        return urls

    def site_path_urls(self, site: Site) -> set[str]:
        from django.db.models import Q

        from cms.models import NewsCategory

        slugs = NewsCategory.objects.filter(Q(site=site) | Q(site__isnull=True)).values_list(
            "slug", flat=True
        )
        feeds = [f"/rss/{slug}/" for slug in slugs]
        paths = [*SITE_PATHS, *feeds]
        urls = {f"{base}{path}" for base in self.bases(site) for path in paths}
        # Path mode: each foreign language's sitemap and feeds (/en/so-do-trang/, /en/rss/…).
        for language in set(self.languages.values()) - {settings.LANGUAGE_CODE}:
            for path in [*LANGUAGE_PATHS, *feeds]:
                urls.add(f"{base_url(site)}/{language}{path}")
        return urls

    def homes_of(self, site: Site) -> list[Node]:
        key = site.root_page.translation_key
        if key not in self._homes_of:
            rows = Page.objects.filter(depth=HOME_DEPTH, translation_key=key).values_list(
                "path", "url_path", "locale_id", "translation_key"
            )
            self._homes_of[key] = [Node(*row) for row in rows]
            self._homes.update((home.path, home) for home in self._homes_of[key])
        return self._homes_of[key]

    def whole_site_urls(self, site: Site) -> set[str]:
        urls = self.site_path_urls(site)
        for home in self.homes_of(site):
            rows = Page.objects.filter(path__startswith=home.path).values_list(
                "path", "url_path", "locale_id", "translation_key"
            )
            for row in rows.iterator(chunk_size=2000):
                urls |= self.node_urls(Node(*row))
        return urls

    def portal(self) -> Site | None:
        if self._portal is None:
            if self._every_site is not None:
                self._portal = next(
                    (site for site in self._every_site.values() if site.is_default_site), None
                )
            else:
                site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
                if site is not None:
                    self._portal = self._sites.setdefault(site.root_page.translation_key, site)
        return self._portal

    def portal_urls(self) -> set[str]:
        """The portal aggregates every site: its homes, feeds, sitemaps and search."""
        portal = self.portal()
        if portal is None:
            return set()
        urls = self.site_path_urls(portal)
        for home in self.homes_of(portal):
            urls |= self.node_urls(home)
        return urls


def _family_nodes(paths: Iterable[str], translation_keys: Iterable[str]) -> list[Node]:
    """The pages at ``paths``, every translation of ``translation_keys``, and all their ancestors."""
    paths = set(paths)
    for row in Page.objects.filter(translation_key__in=set(translation_keys)).values_list("path", flat=True):
        paths.add(row)
    prefixes = {prefix for path in paths for prefix in ancestor_paths(path, from_depth=HOME_DEPTH)}
    rows = Page.objects.filter(path__in=prefixes).values_list(
        "path", "url_path", "locale_id", "translation_key"
    )
    return [Node(*row) for row in rows]


def changes_menu(page: Page) -> bool:
    """A locale home or a menu-level page; in a foreign locale also their children, since a section
    enters that locale's menu with its first translated child (localization.context_processors)."""
    if page.depth <= MENU_DEPTH:
        return True
    return page.depth == MENU_DEPTH + 1 and page.locale.language_code != settings.LANGUAGE_CODE


def affected_by_page(
    page: Page,
    *,
    whole_site: bool = False,
    old_url_paths: Iterable[str] = (),
    topology: Topology | None = None,
) -> set[str]:
    topology = topology or Topology()
    nodes = _family_nodes([page.path], [page.translation_key])
    # A page being deleted is no longer in the table: its own address comes from the instance.
    nodes.append(Node(page.path, page.url_path, page.locale_id, page.translation_key))
    topology.load_homes(node.path for node in nodes)
    urls: set[str] = set()
    for node in nodes:
        urls |= topology.node_urls(node)
    for url_path in old_url_paths:
        urls |= topology.node_urls(Node(page.path, url_path, page.locale_id, page.translation_key))
    sites = {id(site): site for node in nodes if (site := topology.site_of(node.path)) is not None}
    whole_site = whole_site or changes_menu(page)
    for site in sites.values():
        urls |= topology.whole_site_urls(site) if whole_site else topology.site_path_urls(site)
    return urls | topology.portal_urls()
