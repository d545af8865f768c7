"""Both foreign-language URL strategies, the language switcher, hreflang and <html lang> (R9, R79, R80)."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Locale, Site

from localization.locales import translate_page
from localization.models import LanguageSettings, SiteLanguageSettings, TranslatorGroup, UrlStrategy
from sites.models import Agency

pytestmark = pytest.mark.django_db


def links(html: str, pattern: str) -> list[tuple[str, str]]:
    return re.findall(pattern, html)


def switcher(html: str) -> dict[str, str]:
    nav = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def use_host_strategy(site: Site) -> None:
    settings = SiteLanguageSettings.for_site(site)
    settings.url_strategy = UrlStrategy.HOST
    settings.save()


class TestPathStrategy:
    def test_english_pages_are_served_under_en(self, client, english_portal):
        response = client.get("/en/", HTTP_HOST="camau.localhost")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert "Ca Mau Provincial Portal" in html  # English header line
        response = client.get("/en/gioi-thieu/", HTTP_HOST="camau.localhost")
        assert response.status_code == 200
        assert "<h1>Introduction</h1>" in response.content.decode()

    def test_vietnamese_stays_at_the_root(self, client, english_portal):
        html = client.get("/gioi-thieu/", HTTP_HOST="camau.localhost").content.decode()
        assert '<html lang="vi">' in html
        assert "Giới thiệu" in html

    def test_switcher_leads_to_the_translation(self, client, english_portal):
        html = client.get("/gioi-thieu/", HTTP_HOST="camau.localhost").content.decode()
        assert switcher(html) == {
            "vi": "http://camau.localhost/gioi-thieu/",
            "en": "http://camau.localhost/en/gioi-thieu/",
        }
        assert hreflangs(html) == {
            "vi": "http://camau.localhost/gioi-thieu/",
            "en": "http://camau.localhost/en/gioi-thieu/",
            "x-default": "http://camau.localhost/gioi-thieu/",
        }
        english = client.get("/en/gioi-thieu/", HTTP_HOST="camau.localhost").content.decode()
        assert switcher(english)["vi"] == "http://camau.localhost/gioi-thieu/"

    def test_untranslated_page_switches_to_the_english_home(self, client, english_portal):
        html = client.get("/tin-tuc/tin-chi-tieng-viet/", HTTP_HOST="camau.localhost").content.decode()
        assert switcher(html)["en"] == "http://camau.localhost/en/"
        assert hreflangs(html) == {}  # no equivalent page, so no alternates

    def test_vietnamese_only_pages_do_not_leak_under_en(self, client, english_portal):
        assert client.get("/en/tin-tuc/", HTTP_HOST="camau.localhost").status_code == 404
        assert client.get("/en/tin-tuc/tin-chi-tieng-viet/", HTTP_HOST="camau.localhost").status_code == 404

    def test_unpublished_english_home_is_not_served_and_not_offered(self, client, portal):
        # Provisioning made the English root as a draft for translators.
        assert client.get("/en/", HTTP_HOST="camau.localhost").status_code == 404
        html = client.get("/", HTTP_HOST="camau.localhost").content.decode()
        assert 'class="language-switcher"' not in html

    def test_english_menu_lists_only_sections_with_english_content(self, client, english_portal, en):
        html = client.get("/en/", HTTP_HOST="camau.localhost").content.decode()
        menu = html.split('class="main-menu"', 1)[1].split("</nav>", 1)[0]
        assert "/en/gioi-thieu/" in menu
        assert "/en/tin-tuc/" not in menu
        # An English news section with no English news is still empty (R80) ...
        news = english_portal["news"]
        translate_page(news, en, {"Tin tức": "News"})
        menu = (
            client.get("/en/", HTTP_HOST="camau.localhost").content.decode().split('class="main-menu"', 1)[1]
        )
        assert "/en/tin-tuc/" not in menu.split("</nav>", 1)[0]
        # ... until one item is translated.
        translate_page(english_portal["item"], en, {"Tin chỉ có tiếng Việt": "English news"})
        menu = (
            client.get("/en/", HTTP_HOST="camau.localhost").content.decode().split('class="main-menu"', 1)[1]
        )
        assert "/en/tin-tuc/" in menu.split("</nav>", 1)[0]

    def test_footer_and_header_in_english(self, client, english_portal, portal):
        settings = SiteLanguageSettings.for_site(portal.site)
        settings.agency_name_en = "Ca Mau Provincial People's Committee"
        settings.address_en = "2 Hung Vuong Street, Ca Mau"
        settings.save()
        html = client.get("/en/", HTTP_HOST="camau.localhost").content.decode()
        footer = html.split('class="site-footer"', 1)[1]
        assert "2 Hung Vuong Street, Ca Mau" in footer
        assert "Address" in footer and "Địa chỉ" not in footer

    def test_english_home_lists_agencies_by_their_english_names(self, client, english_portal, make_agency):
        make_agency(
            "Sở Tài chính", "sotaichinh", kind=Agency.Kind.DEPARTMENT, name_en="Department of Finance"
        )
        english = client.get("/en/", HTTP_HOST="camau.localhost").content.decode()
        assert "Department of Finance" in english and "Sở Tài chính" not in english
        assert "Sở Tài chính" in client.get("/", HTTP_HOST="camau.localhost").content.decode()

    def test_english_sitemap_and_feed_follow_the_english_tree(self, client, english_portal, en):
        translate_page(english_portal["news"], en, {"Tin tức": "News"})
        english_item = translate_page(
            english_portal["item"], en, {"Tin chỉ có tiếng Việt": "Festival opens in Ca Mau"}
        )
        sitemap = client.get("/en/so-do-trang/", HTTP_HOST="camau.localhost")
        assert sitemap.status_code == 200
        html = sitemap.content.decode()
        assert '<html lang="en">' in html and "Introduction" in html and "Giới thiệu" not in html
        feed = client.get("/en/rss/", HTTP_HOST="camau.localhost")
        assert feed.status_code == 200
        text = feed.content.decode()
        assert english_item.title in text and "Tin chỉ có tiếng Việt" not in text
        assert "http://camau.localhost/en/tin-tuc/tin-chi-tieng-viet/" in text
        # Vietnamese readers keep theirs, and the English pages link to the English ones.
        vietnamese = client.get("/rss/", HTTP_HOST="camau.localhost").content.decode()
        assert "Tin chỉ có tiếng Việt" in vietnamese and english_item.title not in vietnamese
        assert "Giới thiệu" in client.get("/so-do-trang/", HTTP_HOST="camau.localhost").content.decode()
        home = client.get("/en/", HTTP_HOST="camau.localhost").content.decode()
        assert 'href="/en/so-do-trang/"' in home and 'href="/en/rss/"' in home


class TestHostStrategy:
    def test_english_host_serves_the_english_tree(self, client, english_portal, portal):
        use_host_strategy(portal.site)
        response = client.get("/", HTTP_HOST="english.camau.localhost")
        assert response.status_code == 200
        assert '<html lang="en">' in response.content.decode()
        response = client.get("/gioi-thieu/", HTTP_HOST="english.camau.localhost")
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>Introduction</h1>" in html
        assert switcher(html) == {
            "vi": "http://camau.localhost/gioi-thieu/",
            "en": "http://english.camau.localhost/gioi-thieu/",
        }
        # Links inside the English host have no /en/ prefix.
        assert 'href="/gioi-thieu/"' in html

    def test_vietnamese_pages_link_to_the_english_host(self, client, english_portal, portal):
        use_host_strategy(portal.site)
        html = client.get("/gioi-thieu/", HTTP_HOST="camau.localhost").content.decode()
        assert switcher(html)["en"] == "http://english.camau.localhost/gioi-thieu/"
        untranslated = client.get(
            "/tin-tuc/tin-chi-tieng-viet/", HTTP_HOST="camau.localhost"
        ).content.decode()
        assert switcher(untranslated)["en"] == "http://english.camau.localhost/"

    def test_no_vietnamese_only_page_on_the_english_host(self, client, english_portal, portal):
        use_host_strategy(portal.site)
        assert (
            client.get("/tin-tuc/tin-chi-tieng-viet/", HTTP_HOST="english.camau.localhost").status_code == 404
        )
        assert client.get("/en/gioi-thieu/", HTTP_HOST="english.camau.localhost").status_code == 404

    def test_path_addresses_redirect_to_the_english_host(self, client, english_portal, portal):
        use_host_strategy(portal.site)
        response = client.get("/en/gioi-thieu/?page=2", HTTP_HOST="camau.localhost")
        assert response.status_code == 301
        assert response["Location"] == "http://english.camau.localhost/gioi-thieu/?page=2"

    def test_a_path_mode_site_has_no_english_host(self, client, english_portal):
        response = client.get("/", HTTP_HOST="english.camau.localhost")
        assert response.status_code == 404

    def test_province_wide_choice_applies_unless_a_site_overrides_it(self, client, english_portal, portal):
        profile = LanguageSettings.load()
        profile.url_strategy = UrlStrategy.HOST
        profile.save()
        assert client.get("/", HTTP_HOST="english.camau.localhost").status_code == 200
        site_settings = SiteLanguageSettings.for_site(portal.site)
        site_settings.url_strategy = UrlStrategy.PATH
        site_settings.save()
        assert client.get("/", HTTP_HOST="english.camau.localhost").status_code == 404
        assert client.get("/en/", HTTP_HOST="camau.localhost").status_code == 200


class TestMoreLanguages:
    def test_enabling_korean_gives_every_site_a_korean_root_and_route(
        self, client, portal, make_agency, home, intro
    ):
        ward = make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)
        assert client.get("/ko/", HTTP_HOST="camau.localhost").status_code == 404
        profile = LanguageSettings.load()
        profile.enable_korean = True
        profile.save()
        ko = Locale.objects.get(language_code="ko")
        for agency in (portal, ward):
            root = agency.site.root_page.get_translation(ko)
            assert not root.live  # a draft until translators publish it
            assert TranslatorGroup.objects.filter(agency=agency, locale=ko).exists()
        translate_page(home, ko, {home.title: "까마우성 인민위원회"})
        response = client.get("/ko/", HTTP_HOST="camau.localhost")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="ko">' in html
        translate_page(intro, ko, {intro.title: "소개"})
        html = client.get("/ko/gioi-thieu/", HTTP_HOST="camau.localhost").content.decode()
        assert "<h1>소개</h1>" in html
        assert "ko" in switcher(client.get("/", HTTP_HOST="camau.localhost").content.decode())

    def test_locales_are_idempotent_on_reprovisioning(self, portal, en):
        from sites.provisioning import provision_agency

        root = portal.site.root_page.get_translation(en)
        provision_agency(portal)
        assert portal.site.root_page.get_translations().filter(locale=en).count() == 1
        assert portal.site.root_page.get_translation(en).pk == root.pk


def test_prefixes_follow_a_changed_language_code(settings):
    """A test that changes LANGUAGE_CODE must not leave reverse() with that default's prefixes
    (tests/conftest.py clears Django's URL caches): later tests linked English pages without /en/."""
    from django.urls import reverse
    from django.utils import translation

    def sitemap(language: str) -> str:
        with translation.override(language):
            return reverse("html_sitemap")

    original = settings.LANGUAGE_CODE
    assert (sitemap("vi"), sitemap("en")) == ("/so-do-trang/", "/en/so-do-trang/")
    settings.LANGUAGE_CODE = "en"
    assert (sitemap("vi"), sitemap("en")) == ("/vi/so-do-trang/", "/so-do-trang/")
    settings.LANGUAGE_CODE = original
    assert (sitemap("vi"), sitemap("en")) == ("/so-do-trang/", "/en/so-do-trang/")


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_alternates(client) -> dict[str, dict[str, str]]:
    """Each sitemap.xml location with its hreflang alternates."""
    import xml.etree.ElementTree as ET

    response = client.get("/sitemap.xml", HTTP_HOST="camau.localhost")
    assert response.status_code == 200
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in ET.fromstring(response.content).findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_each_pages_languages_with_one_query_for_all(client, english_portal, en, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CONG_PAGE_CACHE = False  # every sitemap below is rendered
    sitemap_alternates(client)  # the frame's kept fragments are filled
    with CaptureQueriesContext(connection) as before:
        entries = sitemap_alternates(client)
    both = {"vi": "http://camau.localhost/", "en": "http://camau.localhost/en/"}
    assert entries["http://camau.localhost/"] == both
    assert entries["http://camau.localhost/en/"] == both
    assert entries["http://camau.localhost/gioi-thieu/"]["en"] == "http://camau.localhost/en/gioi-thieu/"
    assert entries["http://camau.localhost/tin-tuc/tin-chi-tieng-viet/"] == {}  # Vietnamese only

    translate_page(english_portal["news"], en, {"Tin tức": "News"})
    translate_page(english_portal["item"], en, {"Tin chỉ có tiếng Việt": "Festival opens in Ca Mau"})
    sitemap_alternates(client)
    with CaptureQueriesContext(connection) as after:
        entries = sitemap_alternates(client)
    assert entries["http://camau.localhost/tin-tuc/tin-chi-tieng-viet/"] == {
        "vi": "http://camau.localhost/tin-tuc/tin-chi-tieng-viet/",
        "en": "http://camau.localhost/en/tin-tuc/tin-chi-tieng-viet/",
    }
    # Two more pages, each in two languages: the same queries (every page's translations in one).
    assert len(after.captured_queries) == len(before.captured_queries)
