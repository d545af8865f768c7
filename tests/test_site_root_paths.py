"""Wagtail's site root paths (one per site and language) are converted once per copy the cache
holds, not on every request: at 3,833 sites that conversion was more than half a ward home's CPU. A
page's own root paths are looked up by its ancestors' paths, not by testing every site's."""

from unittest import mock

from django.test import Client
from wagtail.models import Page, Site

from sites.cache import site_root_paths


def wagtails_scan(page: Page) -> tuple:
    """Wagtail's own answer: every root path the page's address starts with, in the list's order."""
    return tuple(path for path in Site.get_site_root_paths() if page.url_path.startswith(path.root_path))


def test_the_converted_paths_are_wagtails_and_follow_a_change_at_once(two_wards):
    ward, _other = two_wards
    site_root_paths()  # builds and stores Wagtail's list
    first = site_root_paths()
    assert first == Site.get_site_root_paths()
    assert site_root_paths() is first  # kept while the cache holds the same list
    site = ward.site
    site.hostname = "phuongmoi.camau.localhost"
    site.save()  # Wagtail drops the cached list; this process's held copy goes with it
    changed = site_root_paths()
    assert changed is not first
    assert any(path.root_url.startswith("http://phuongmoi.camau.localhost") for path in changed)
    assert not any("anxuyen" in path.root_url for path in changed)


def test_a_page_request_uses_the_kept_paths(two_wards):
    ward, _other = two_wards
    client = Client()
    host = ward.site.hostname
    expected = client.get("/", HTTP_HOST=host).content  # builds and stores the list
    with mock.patch.object(Site, "get_site_root_paths", wraps=Site.get_site_root_paths) as rebuilt:
        again = client.get("/", HTTP_HOST=host)
    assert again.status_code == 200 and again.content == expected
    assert rebuilt.call_count == 0


def test_every_page_finds_the_same_sites_as_wagtails_scan(two_wards):
    ward, _other = two_wards
    # A site rooted inside another site's tree: its pages belong to two sites, in Wagtail's order.
    intro = Page.objects.child_of(ward.site.root_page).get(slug="gioi-thieu")
    Site.objects.create(hostname="gioithieu.camau.localhost", port=80, root_page=intro)
    try:
        check_every_page()
    finally:
        Site.clear_site_root_paths_cache()  # the shared cache outlives this test's rolled-back site


def check_every_page() -> None:
    site_root_paths()  # builds and stores Wagtail's list
    site_root_paths()  # converted and indexed
    pages = list(Page.objects.all())
    assert len(pages) > 10
    nested = 0
    for page in pages:
        found = page._get_relevant_site_root_paths()
        assert found == wagtails_scan(page), page.url_path
        nested += len(found) > 1
        if found:
            assert page.get_url_parts() is not None
    assert nested >= 1  # the introduction and below belong to two sites


def test_a_page_address_does_not_test_every_site(two_wards):
    from sites.cache import IndexedRootPaths

    ward, _other = two_wards
    page = Page.objects.child_of(ward.site.root_page).get(slug="gioi-thieu")
    Site.clear_site_root_paths_cache()  # a shared cache may hold another test's sites
    site_root_paths()  # builds and stores Wagtail's list
    paths = site_root_paths()
    assert isinstance(paths, IndexedRootPaths)

    class NotScanned(IndexedRootPaths):
        def __iter__(self):
            raise AssertionError("every site's root path was tested")

    guarded = IndexedRootPaths(paths)
    guarded.__class__ = NotScanned  # from here on, any scan of the list fails
    page._wagtail_cached_site_root_paths = guarded  # where Wagtail keeps them for the page
    assert page.get_url() == "http://anxuyen.camau.localhost/gioi-thieu/"


def test_the_list_is_built_in_two_queries_and_is_wagtails(two_wards, make_agency):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sites import cache as site_cache
    from sites.models import Agency

    ward, _other = two_wards
    make_agency("Sở Tài chính", "sotaichinh", Agency.Kind.DEPARTMENT)
    intro = Page.objects.child_of(ward.site.root_page).get(slug="gioi-thieu")
    Site.objects.create(hostname="gioithieu.camau.localhost", port=80, root_page=intro)  # nested
    try:
        Site.clear_site_root_paths_cache()
        wagtails = site_cache._wagtail_site_root_paths()  # Wagtail's own build: a query per site
        assert {path.language_code for path in wagtails} >= {"vi", "en"}
        with CaptureQueriesContext(connection) as queries:
            built = site_cache.build_site_root_paths()
        assert built == wagtails
        assert len(queries) == 2
    finally:
        Site.clear_site_root_paths_cache()


def test_with_the_cache_down_a_page_asks_nothing_per_site(two_wards, make_agency, settings):
    """Redis down: the list is built in two queries and kept by the process for a second, not rebuilt
    by Wagtail with a query per site on every request (124 queries for the portal home at 86 sites)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sites import cache as site_cache
    from sites.models import Agency
    from tests.operations.faults import free_port

    ward, _other = two_wards
    down = f"redis://127.0.0.1:{free_port()}/0"  # a port nothing listens on
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.FailSafeRedisCache", "LOCATION": down},
        "pages": {"BACKEND": "config.cache.ReusingRedisCache", "LOCATION": down},
    }
    client = Client()
    host = ward.site.hostname

    def queries_for_home() -> int:
        site_cache.clear_site_root_paths()  # as after a change: the list is built again
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/", HTTP_HOST=host).status_code == 200
        return len(queries)

    try:
        before = queries_for_home()
        for label in ("sotaichinh", "soxaydung", "soyte"):
            make_agency(f"Sở {label}", label, Agency.Kind.DEPARTMENT)
        assert queries_for_home() == before
        with CaptureQueriesContext(connection) as queries:
            client.get("/", HTTP_HOST=host)
        # The list is kept for a second: no build (its sites are read by their root's address).
        assert not [q for q in queries if '"wagtailcore_page"."url_path" DESC' in q["sql"]]
    finally:
        site_cache.reset_outage()
