"""RSS per site and category, sitemap.xml per site, robots.txt, print view and plain share links."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from cms.models import NewsCategory, NewsIndexPage
from sites.models import Agency
from tests.factories import AnnouncementPageFactory, NewsPageFactory

from .conftest import get, publish

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def two_sites(home, make_agency):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD)
    economy = NewsCategory.objects.create(name="Kinh tế", slug="kinh-te")
    culture = NewsCategory.objects.create(name="Văn hóa", slug="van-hoa", site=ward.site)
    portal_news = publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    NewsPageFactory(parent=portal_news, title="Tin cổng tỉnh", slug="tin-cong", categories=[economy])
    NewsPageFactory(
        parent=portal_news, title="Tin văn hóa tỉnh", slug="tin-van-hoa", date=dt.date(2026, 5, 2)
    )
    AnnouncementPageFactory(
        parent=portal_news, title="Thông báo của tỉnh", slug="thong-bao", date=dt.date(2026, 5, 3)
    )
    NewsPageFactory(
        parent=portal_news, title="Bản nháp chưa duyệt", slug="ban-nhap", date=dt.date(2026, 5, 4), live=False
    )
    unpublished = NewsPageFactory(
        parent=portal_news, title="Tin đã gỡ", slug="da-go", date=dt.date(2026, 5, 5)
    )
    unpublished.unpublish()

    ward_news = publish(ward.site.root_page, NewsIndexPage(title="Tin tức phường", slug="tin-tuc"))
    NewsPageFactory(
        parent=ward_news,
        title="Tin phường An Xuyên",
        slug="tin-phuong",
        date=dt.date(2026, 5, 6),
        categories=[culture],
    )
    return ward


def rss_items(host: str, path: str) -> list[str]:
    response = get(host, path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    return [item.findtext("title") for item in root.iter("item")]


def test_site_feed_lists_only_live_articles_of_its_site(two_sites):
    titles = rss_items("camau.localhost", "/rss/")
    assert set(titles) == {"Tin cổng tỉnh", "Tin văn hóa tỉnh", "Thông báo của tỉnh"}
    assert rss_items("anxuyen.camau.localhost", "/rss/") == ["Tin phường An Xuyên"]


def test_category_feeds(two_sites):
    assert rss_items("camau.localhost", "/rss/kinh-te/") == ["Tin cổng tỉnh"]
    assert rss_items("anxuyen.camau.localhost", "/rss/van-hoa/") == ["Tin phường An Xuyên"]
    assert rss_items("anxuyen.camau.localhost", "/rss/kinh-te/") == []  # shared category, no ward item
    # A category that belongs to another site is not this site's feed.
    assert get("camau.localhost", "/rss/van-hoa/").status_code == 404
    assert get("camau.localhost", "/rss/khong-co/").status_code == 404


def sitemap_urls(host: str) -> list[str]:
    response = get(host, "/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def test_sitemap_lists_only_live_pages_of_the_requesting_site(two_sites):
    portal_urls = sitemap_urls("camau.localhost")
    assert "http://camau.localhost/tin-tuc/tin-cong/" in portal_urls
    assert "http://camau.localhost/" in portal_urls
    assert not any("ban-nhap" in url or "da-go" in url for url in portal_urls)
    assert not any("anxuyen" in url for url in portal_urls)

    ward_urls = sitemap_urls("anxuyen.camau.localhost")
    assert "http://anxuyen.camau.localhost/tin-tuc/tin-phuong/" in ward_urls
    assert all(url.startswith("http://anxuyen.camau.localhost/") for url in ward_urls)


def test_robots_txt_points_to_the_sites_sitemap(two_sites):
    response = get("anxuyen.camau.localhost", "/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://anxuyen.camau.localhost/sitemap.xml" in response.content.decode()


def test_every_site_answers_favicon_ico_with_the_emblem(two_sites):
    """Browsers, feed readers and crawlers ask each host for /favicon.ico: it was a 404 on every site."""
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    for host in ("camau.localhost", "anxuyen.camau.localhost"):
        response = get(host, "/favicon.ico")
        assert (response.status_code, response["Location"]) == (302, static("sites/favicon.ico")), host
    with open(finders.find("sites/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_article_offers_print_and_plain_share_links_without_third_party_scripts(two_sites):
    html = get("camau.localhost", "/tin-tuc/tin-cong/").content.decode()
    encoded = "http%3A%2F%2Fcamau.localhost%2Ftin-tuc%2Ftin-cong%2F"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'href="https://sp.zalo.me/share_to?url={encoded}"' in html
    assert 'href="?print=1"' in html
    assert 'type="application/rss+xml"' in html
    # Nothing is loaded from a social network before a click (R73).
    for tag in re.findall(r"<(?:script|iframe|img|link)[^>]+>", html):
        assert "facebook" not in tag and "zalo" not in tag
    printed = get("camau.localhost", "/tin-tuc/tin-cong/", print="1").content.decode()
    assert 'class=" print-view"' in printed or "print-view" in printed.split("<body", 1)[1].split(">", 1)[0]
    assert "Tin cổng tỉnh" in printed
