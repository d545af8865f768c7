"""R11/R44: ward news marked "show on the provincial portal" appears on the portal's news listing, feed,
home page and search — once, as the ward's own page, with the ward named — through cms.queries and NewsPage.for_portal."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.test import Client

from tests.conftest import refresh_search_index

from .conftest import PORTAL, WARD


def page(host: str, path: str, **params) -> str:
    response = Client(HTTP_HOST=host).get(path, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_portal_news_listing_shows_marked_ward_news_once_with_its_site(province):
    html = page(PORTAL, "/tin-tuc/")
    marked, local = province.ward_news_for_portal, province.ward_news_local
    assert html.count(marked.title) == 1
    assert f'href="{marked.full_url}"' in html  # the original on the ward's host, not a copy
    assert "Ủy ban nhân dân phường An Xuyên" in html.split(marked.title, 1)[1].split("</li>", 1)[0]
    assert local.title not in html
    assert province.portal_news.title in html
    # The ward's own listing is unchanged: its stories only, no attribution line.
    ward_html = page(WARD, "/tin-tuc/")
    assert marked.title in ward_html and local.title in ward_html
    assert province.portal_news.title not in ward_html
    # Unmarking takes it off the portal.
    marked.show_on_portal = False
    marked.save_revision().publish()
    assert marked.title not in page(PORTAL, "/tin-tuc/")


def test_portal_home_and_feed_carry_marked_ward_news(province):
    marked = province.ward_news_for_portal
    assert page(PORTAL, "/").count(marked.title) == 1
    root = ET.fromstring(page(PORTAL, "/rss/"))
    items = [(item.findtext("title"), item.findtext("link")) for item in root.iter("item")]
    assert items.count((marked.title, marked.full_url)) == 1
    assert province.ward_news_local.title not in [title for title, _link in items]
    # The ward's feed has both of its stories, the portal's none.
    ward_titles = [item.findtext("title") for item in ET.fromstring(page(WARD, "/rss/")).iter("item")]
    assert set(ward_titles) == {marked.title, province.ward_news_local.title}


def test_portal_search_finds_the_ward_story_once_attributed_to_the_ward(province):
    refresh_search_index()
    html = page(PORTAL, "/search/", q="kênh rạch")
    assert html.count(f'href="{province.ward_news_for_portal.full_url}"') == 1
    assert "Ủy ban nhân dân phường An Xuyên" in html


def test_english_portal_listing_keeps_to_english(province):
    html = page(PORTAL, "/en/news/") if "/en/news/" in province.english_news.url_path else None
    if html is None:
        english_index = province.english_news.get_parent()
        html = page(PORTAL, english_index.url)
    assert province.english_news.title in html
    assert province.ward_news_for_portal.title not in html  # no English version of the ward story
