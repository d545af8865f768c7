"""Wagtail's site root paths (one per site and language) are converted once per copy the cache
holds, not on every request: at 3,833 sites that conversion was more than half a ward home's CPU."""

from unittest import mock

from django.test import Client
from wagtail.models import Site

from sites.cache import site_root_paths


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
