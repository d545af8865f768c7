"""The shared accelerator cache (alias ``pages``: Redis, or this process's memory) and its fail-safe.

Used by the page cache (caching app) and for fragments of the page frame that every request would
otherwise rebuild: menus, the portal's directory. The cache is never a dependency: any error is
logged, the value is computed instead, and the cache is left alone for ``OUTAGE_SECONDS`` so a dead
Redis costs one failed call per process and pause, not one per request.

Fragments share one version token; any change that can alter a page frame (a menu-level page, a
setting, an agency, a snippet) replaces it through ``bump_fragments()`` — rare next to page views.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.cache import caches

if TYPE_CHECKING:
    from wagtail.models import Site

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
OUTAGE_SECONDS = 5.0
FRAGMENTS_VERSION_KEY = "pc:fragments"
_state = {"outage_until": 0.0}
T = TypeVar("T")


def accelerator():
    return caches[CACHE_ALIAS]


def timeout() -> int:
    return int(getattr(settings, "CONG_PAGE_CACHE_SECONDS", 600))


def available() -> bool:
    return time.monotonic() >= _state["outage_until"]


def failed(operation: str, error: Exception) -> None:
    _state["outage_until"] = time.monotonic() + OUTAGE_SECONDS
    logger.warning("Cache %s failed (%s); working without it for %ss", operation, error, OUTAGE_SECONDS)


def reset_outage() -> None:
    _state["outage_until"] = 0.0


def read(cache, key: str, *, shared: bool) -> Any:
    """``cache.get(key)``, through the cache's tracked copies when it has them (Redis:
    config.cache.TrackedCopies, no round trip until the key changes); ``shared`` as there."""
    tracked = getattr(cache, "tracked", None)
    return tracked.get(key, shared=shared) if tracked is not None else cache.get(key)


def bump_fragments() -> None:
    if not available():
        return
    cache = accelerator()
    try:
        cache.set(FRAGMENTS_VERSION_KEY, secrets.token_hex(8), timeout=None)
    except Exception as error:  # any cache failure: the cache is skipped
        failed("fragment version", error)


def bump_fragments_through_commit() -> None:
    """bump_fragments() now and again once the transaction commits: for fragments computed from rows
    the transaction is changing, which a request served in between reads (and keeps) unchanged."""
    from django.db import transaction

    bump_fragments()
    transaction.on_commit(bump_fragments)


def content_topic(model: type, under: str | None = None) -> str:
    """The version key of one page model's pages in the locale tree holding the tree path ``under``
    (any page of the tree), or in every tree (None). A fragment built from such pages names the topic
    (``cached_fragment(topics=…)``); each change to such a page bumps it (caching.signals), so the
    other fragments of a page survive the change (a new legal document leaves the news cards be)."""
    from .tree import home_path

    scope = "*" if under is None else home_path(under)
    return f"pc:t:{scope}:{model._meta.label_lower}"


def bump_topics(keys: Iterable[str]) -> None:
    keys = list(keys)
    if not keys or not available():
        return
    try:
        accelerator().set_many({key: secrets.token_hex(8) for key in keys}, timeout=None)
    except Exception as error:  # any cache failure: the cache is skipped
        failed("topic version", error)


def bump_topics_through_commit(keys: Iterable[str]) -> None:
    """bump_topics() now and again once the transaction commits (a request served in between reads
    the old rows and would keep them under the new version)."""
    from django.db import transaction

    keys = list(keys)
    bump_topics(keys)
    transaction.on_commit(lambda: bump_topics(keys))


def _version(cache, key: str) -> str:
    version = read(cache, key, shared=False)
    if version is None:
        cache.add(key, secrets.token_hex(8), timeout=None)
        version = read(cache, key, shared=False)
    return version


def cached_fragment(
    name: str,
    compute: Callable[[], T],
    *parts: object,
    keep: Callable[[T], bool] | None = None,
    topics: Iterable[str] = (),
    seconds: Callable[[T], int] | None = None,
) -> T:
    """``compute()``'s value, kept under ``name`` and ``parts`` until the next bump_fragments() or
    the next bump of one of its ``topics`` (only when ``keep(value)`` says so, if given; for at most
    ``seconds(value)`` when given, for content that changes with the clock)."""
    if not available():
        return compute()
    cache = accelerator()
    try:
        # Each read gets its own unpickled copy, as from Redis.
        version = _version(cache, FRAGMENTS_VERSION_KEY)
        if topics:  # one short key part for any number of topics
            versions = ".".join([version, *(_version(cache, key) for key in topics)])
            version = hashlib.blake2b(versions.encode(), digest_size=12).hexdigest()
        key = f"pc:f:{version}:{name}:" + ":".join(map(str, parts))
        value = read(cache, key, shared=False)
    except Exception as error:
        failed("fragment read", error)
        return compute()
    if isinstance(value, _Until):
        # A copy this process keeps (config.cache.TrackedCopies) can outlive the key's expiry in Redis.
        value = value.value if time.time() < value.deadline else None
    if value is None:
        value = compute()
        if keep is not None and not keep(value):
            return value
        lifetime = timeout() if seconds is None else min(timeout(), seconds(value))
        if lifetime <= 0:
            return value
        stored = value if seconds is None else _Until(time.time() + lifetime, value)
        try:
            cache.set(key, stored, timeout=lifetime)
        except Exception as error:
            failed("fragment write", error)
    return value


@dataclass(frozen=True)
class _Until:
    """A fragment that changes with the clock, with the moment it stops being right."""

    deadline: float
    value: Any


def locale_codes() -> dict[int, str]:
    """Every Wagtail locale's language code by id, kept as a fragment: a locale's save replaces the
    version (caching.signals)."""
    from wagtail.models import Locale

    return cached_fragment("locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code")))


class CachedGenericSettingMixin:
    """A generic setting read on every public page: for a request it is kept as a fragment (one cache
    read instead of a query) until the next bump_fragments(), which every setting's save makes
    (caching.signals). Reads without a request (the admin's edit form, tasks) go to the database."""

    @classmethod
    def load(cls, request_or_site=None):
        from wagtail.models import Site

        if request_or_site is None or isinstance(request_or_site, Site):
            return super().load(request_or_site)
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request_or_site, attr_name):
            setting = cached_fragment(f"setting:{cls._meta.label_lower}", cls._get_or_create)
            setattr(request_or_site, attr_name, setting)
        return getattr(request_or_site, attr_name)


class CachedSiteSettingMixin:
    """A site setting read on every public page, kept for a request like CachedGenericSettingMixin."""

    @classmethod
    def for_request(cls, request):
        from wagtail.models import Site

        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)  # Wagtail's own answer (DoesNotExist)
        setting = cached_fragment(f"setting:{cls._meta.label_lower}", lambda: cls.for_site(site), site.pk)
        setting._request = request  # as Wagtail's for_request does, for page links in the setting
        setattr(request, attr_name, setting)
        return setting


def find_site(request) -> Site | None:
    """Wagtail's ``Site.find_for_request``, for a host name of a site kept as a fragment per host and
    port (one cache read instead of a query on every request). Sets ``request._wagtail_site`` as Wagtail
    does, so every later ``Site.find_for_request(request)`` answers from it. Other host names (answered
    by the default site) are looked up each time: what a client may send must not fill the cache."""
    from django.http.request import split_domain_port
    from wagtail.models import Site

    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = cached_fragment(
            "site-for-host",
            lambda: Site._find_for_request(request),
            hostname,
            port,
            keep=lambda site: site is not None and site.hostname == hostname,
        )
    return request._wagtail_site


def _scan(paths: list, url_path: str) -> tuple:
    """Wagtail's own way: every root path tested against the address."""
    return tuple(entry for entry in paths if url_path.startswith(entry.root_path))


def _site_count(paths: list) -> int:
    return len({entry.site_id for entry in paths})


class IndexedRootPaths(list):
    """Wagtail's list of ``SiteRootPath`` tuples, with the place of each root path in it and the number
    of sites, worked out once. Places are plain numbers, so the index adds no objects for the garbage
    collector to walk. ``first_at`` is None if a root path does not end with a slash: then only
    Wagtail's scan finds every match. Nobody may mutate the list."""

    def __init__(self, entries) -> None:
        super().__init__(entries)
        self.site_count = _site_count(self)
        self.first_at: dict[str, int] | None = {}
        self.more_at: dict[str, list[int]] = {}  # a root path held by several entries (rare)
        for position, entry in enumerate(self):
            root_path = entry.root_path
            if not root_path.endswith("/"):
                self.first_at = None
                break
            if root_path in self.first_at:
                self.more_at.setdefault(root_path, []).append(position)
            else:
                self.first_at[root_path] = position

    def under(self, url_path: str) -> tuple:
        """The entries whose root path ``url_path`` starts with, in the list's order: only the
        address's own ancestors' paths are looked up, as many as its depth."""
        first_at = self.first_at
        if first_at is None:
            return _scan(self, url_path)
        positions: list[int] = []
        end = url_path.find("/")
        while end != -1:
            prefix = url_path[: end + 1]
            position = first_at.get(prefix)
            if position is not None:
                positions.append(position)
                positions += self.more_at.get(prefix, ())
            end = url_path.find("/", end + 1)
        return tuple(self[position] for position in sorted(positions))


# The cached list of site root paths and its conversion (see site_root_paths); the list this process
# built last, until when it may use it without the cache; Wagtail's own Site.get_site_root_paths and
# Site.clear_site_root_paths_cache.
_root_paths: tuple[object, IndexedRootPaths] | None = None
_built_here: tuple[float, IndexedRootPaths] | None = None
HOLD_BUILT_SECONDS = 1.0  # as long as the default cache holds a key in each process (HeldKeysMixin)
_wagtail_site_root_paths: Callable[[], list] | None = None
_wagtail_clear_site_root_paths: Callable[[], None] | None = None


def build_site_root_paths() -> list:
    """Wagtail's list of ``SiteRootPath`` tuples, in Wagtail's order, in two queries. Wagtail's own
    build asks for each site's translations in a query of its own (3,833 queries at 3,833 sites), and
    with Redis down it would do so on every request."""
    from collections import defaultdict

    from django.conf import settings
    from wagtail.models import Page, Site
    from wagtail.models.sites import SiteRootPath

    sites = list(
        Site.objects.select_related("root_page", "root_page__locale").order_by(
            "-root_page__url_path", "-is_default_site", "hostname"
        )
    )
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [
            SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
            for site in sites
        ]
    translations = defaultdict(list)
    rows = (
        Page.objects.filter(
            translation_key__in=Page.objects.filter(sites_rooted_here__isnull=False).values("translation_key")
        )
        .order_by("path")
        .values_list("translation_key", "url_path", "locale__language_code")
    )
    for translation_key, url_path, language_code in rows:
        translations[translation_key].append((url_path, language_code))
    return [
        SiteRootPath(site.id, url_path, site.root_url, language_code)
        for site in sites
        for url_path, language_code in translations[site.root_page.translation_key]
    ]


def clear_site_root_paths() -> None:
    """Wagtail's ``Site.clear_site_root_paths_cache`` (every change to a site or a site's root calls
    it), which also forgets the list this process built."""
    global _built_here
    _built_here = None
    (_wagtail_clear_site_root_paths or (lambda: None))()


def site_root_paths() -> list:
    """Wagtail's ``Site.get_site_root_paths()``, converted once per copy the default cache holds.

    Wagtail rebuilds its ``SiteRootPath`` tuples from the cached list on every call: one per site and
    language, 7,666 per request at 3,833 sites, more than half a ward home's CPU. The default cache
    keeps that list in each process for a second (config.cache.HeldKeysMixin) and returns the same
    object meanwhile, so its conversion is kept as long as that object is; a change in this process
    drops the held list at once, and with it this conversion."""
    global _root_paths, _built_here
    from django.core.cache import cache
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION, SiteRootPath

    raw = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if raw is None:
        built = _built_here
        if built is not None and time.monotonic() < built[0]:
            return built[1]  # the default cache could not keep it (Redis down): this process does
        raw = build_site_root_paths()
        cache.set(SITE_ROOT_PATHS_CACHE_KEY, raw, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
        paths = IndexedRootPaths(raw)
        _built_here = (time.monotonic() + HOLD_BUILT_SECONDS, paths)
        return paths
    kept = _root_paths
    if kept is not None and kept[0] is raw:
        return kept[1]
    paths = IndexedRootPaths(SiteRootPath(*entry) for entry in raw)
    _root_paths = (raw, paths)
    return paths


def relevant_site_root_paths(page, cache_object=None) -> tuple:
    """Wagtail's ``Page._get_relevant_site_root_paths``: the root paths a page's address starts with,
    in the list's order. Wagtail tests every root path (7,666 at 3,833 sites) for every page address
    it writes; a converted list looks up only the page's own ancestors' paths. Any other list (a
    caller's own, Wagtail's unconverted one) is scanned as Wagtail does."""
    paths = page._get_site_root_paths(cache_object)
    if isinstance(paths, IndexedRootPaths):
        return paths.under(page.url_path)
    return _scan(paths, page.url_path)


def page_url(page, request=None, current_site=None) -> str | None:
    """Wagtail's ``Page.get_url``, with the number of sites counted once per converted list, not over
    every site's root path for every address it writes."""
    from wagtail.models import Site

    if current_site is None and request is not None:
        current_site = Site.find_for_request(request)
    url_parts = page.get_url_parts(request=request)
    if url_parts is None or (url_parts[1] is None and url_parts[2] is None):
        return None  # not routable
    site_id, root_url, page_path = url_parts
    paths = page._get_site_root_paths(request)
    site_count = paths.site_count if isinstance(paths, IndexedRootPaths) else _site_count(paths)
    if (current_site is not None and site_id == current_site.id) or site_count == 1:
        return page_path  # the current site's page, or only one site: a local address is enough
    return root_url + page_path


def install_site_root_paths() -> None:
    """Every page address Wagtail writes reads the converted, indexed root paths (see above), built
    in two queries."""
    global _wagtail_site_root_paths, _wagtail_clear_site_root_paths
    from wagtail.models import Page, Site

    if _wagtail_site_root_paths is None:
        _wagtail_site_root_paths = Site.get_site_root_paths
        _wagtail_clear_site_root_paths = Site.clear_site_root_paths_cache
    Site.get_site_root_paths = staticmethod(site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths)
    Page._get_relevant_site_root_paths = relevant_site_root_paths
    Page.get_url = page_url
    Page.url = property(page_url)


def share_site_root_paths(request) -> None:
    """Hand the request the converted site root paths where Wagtail's page addresses look for them
    first (``Page._get_site_root_paths`` keeps them on the request under this name)."""
    request._wagtail_cached_site_root_paths = site_root_paths()
