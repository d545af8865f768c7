"""One source for absolute addresses (issue 14): whatever host, port or scheme a request comes in on,
every absolute URL Cổng writes — pages, files, images, feeds, robots.txt, the sitemap and its hreflang
alternates, canonical and Open Graph tags, the API and its exports — carries the configured scheme and
port (sites.public_urls) on the site's own host name."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Site

# The API tests' small province: portal and ward news, an English story, legal documents with files.
from tests.opendata.conftest import Province, api_isolation, province  # noqa: F401

# Neither the scheme nor the port of the configured base URL is what the Site records (port 80) or the
# visitor (port 9999, plain http) would give.
CONFIGURED = "https://camau.localhost:8443"
PORTAL = "camau.localhost"
VISITOR_PORT = "9999"

# Anything that looks like an absolute or scheme-relative address in a body (HTML, XML, JSON, CSV).
ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*:)?//[^\s\"'<>\\,;]+", re.IGNORECASE)


@pytest.fixture
def world(request, portal) -> Province:
    return request.getfixturevalue("province")


@pytest.fixture
def configured(settings):
    settings.WAGTAILADMIN_BASE_URL = CONFIGURED
    Site.clear_site_root_paths_cache()  # Wagtail keeps the root URLs of the sites in the cache
    yield
    Site.clear_site_root_paths_cache()


def fetch(host: str, path: str) -> str:
    response = Client().get(path, HTTP_HOST=f"{host}:{VISITOR_PORT}")
    assert response.status_code == 200, (host, path, response.status_code)
    return response.content.decode()


def our_addresses(body: str) -> list[str]:
    """Every address on one of our hosts in a body (entities and %-escapes in share links decoded)."""
    text = unquote(html.unescape(body))
    found = []
    for address in ADDRESS.findall(text):
        hostname = (urlsplit(address).hostname or "").lower()
        assert hostname != "testserver", address
        if hostname == PORTAL or hostname.endswith(f".{PORTAL}"):
            found.append(address)
    return found


def assert_configured(body: str, where: str) -> list[str]:
    addresses = our_addresses(body)
    assert addresses, f"{where}: no absolute address found"
    for address in addresses:
        parts = urlsplit(address)
        assert (parts.scheme, parts.port) == ("https", 8443), f"{where}: {address}"
    assert f":{VISITOR_PORT}" not in unquote(body), where
    return addresses


def test_every_absolute_address_uses_the_configured_scheme_and_port(configured, world: Province, image):
    news = world.portal_news
    news.featured_image = image
    news.save_revision().publish()
    ward = world.ward.site.hostname
    api_item = f"/api/v1/news/{news.pk}/"
    responses = {
        "portal home": (PORTAL, "/"),
        "ward home": (ward, "/"),
        "news item": (PORTAL, "/tin-tuc/nghinh-ong/"),
        "english news item": (PORTAL, "/en/tin-tuc/nghinh-ong/"),
        "ward news item": (ward, "/tin-tuc/lam-sach-kenh/"),
        "legal document": (PORTAL, urlsplit(world.document.full_url).path),
        "robots.txt": (PORTAL, "/robots.txt"),
        "ward robots.txt": (ward, "/robots.txt"),
        "sitemap": (PORTAL, "/sitemap.xml"),
        "feed": (PORTAL, "/rss/"),
        "english feed": (PORTAL, "/en/rss/"),
        "category feed": (PORTAL, "/rss/du-lich/"),
        "consultation feed": (PORTAL, "/rss/lay-y-kien/"),
        "search": (PORTAL, "/search/?q=kênh"),
        "metadata export": (PORTAL, "/metadata.json"),
        "API index": (PORTAL, "/api/v1/"),
        "API item": (PORTAL, api_item),
        "API list": (PORTAL, "/api/v1/news/?page_size=1"),
        "API legal document": (PORTAL, f"/api/v1/legal-documents/{world.document.pk}/"),
        "API agencies": (PORTAL, "/api/v1/agencies/"),
        "export": (PORTAL, "/api/v1/export/legal-documents.json"),
        "export CSV": (PORTAL, "/api/v1/export/procedures.csv"),
    }
    seen = {name: assert_configured(fetch(host, path), name) for name, (host, path) in responses.items()}

    # What each kind of output must name, on the configured base URL.
    story = f"{CONFIGURED}/tin-tuc/nghinh-ong/"
    assert f"{CONFIGURED}/sitemap.xml" in seen["robots.txt"]
    assert f"https://{ward}:8443/sitemap.xml" in seen["ward robots.txt"]
    assert story in seen["news item"]  # canonical, og:url, share links
    assert any(a.startswith(f"{CONFIGURED}/media/images/") for a in seen["news item"])  # og:image
    assert story in seen["sitemap"] and f"{CONFIGURED}/en/tin-tuc/nghinh-ong/" in seen["sitemap"]  # hreflang
    assert f"{CONFIGURED}/" in seen["feed"] and f"{CONFIGURED}/rss/" in seen["feed"]  # channel, self link
    assert f"{CONFIGURED}/en/" in seen["english feed"] and f"{CONFIGURED}/en/rss/" in seen["english feed"]
    assert f"https://{ward}:8443/tin-tuc/lam-sach-kenh/" in seen["feed"]  # syndicated from the ward
    assert f"{CONFIGURED}/" in seen["ward home"]  # the way back to the portal
    assert story in seen["API item"]
    assert any(a.startswith(f"{CONFIGURED}/media/original_images/") for a in seen["API item"])
    assert any(a.startswith(f"{CONFIGURED}/documents/") for a in seen["API legal document"])
    assert any("cursor=" in a for a in seen["API list"])  # the next page
    assert f"{CONFIGURED}/api/v1/news/" in seen["API index"]
    assert any(a.startswith(f"{CONFIGURED}/documents/") for a in seen["export"])
    assert f"https://{ward}:8443" in seen["API agencies"]


def test_one_rule_for_sites_requests_and_host_names(configured, world: Province):
    from django.test import RequestFactory

    from sites.public_urls import absolute_url, base_url

    site = world.ward.site
    request = RequestFactory().get("/", HTTP_HOST=f"{site.hostname}:{VISITOR_PORT}")
    stray = RequestFactory().get("/", HTTP_HOST="127.0.0.1:9999")  # answered by the default site
    assert base_url() == CONFIGURED
    assert base_url(site) == base_url(request) == base_url(site.hostname) == f"https://{site.hostname}:8443"
    assert absolute_url(stray, "/robots.txt") == f"{CONFIGURED}/robots.txt"
    assert site.root_url == f"https://{site.hostname}:8443"  # Wagtail's own page addresses follow it
    assert world.ward_news_for_portal.full_url == f"https://{site.hostname}:8443/tin-tuc/lam-sach-kenh/"
    assert absolute_url(site, "https://cdn.example.org/a.pdf") == "https://cdn.example.org/a.pdf"
    assert settings.WAGTAILADMIN_BASE_URL == CONFIGURED
