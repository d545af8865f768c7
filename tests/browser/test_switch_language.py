"""Switching language on the portal in Chromium, and the English home page as a screenshot."""

from __future__ import annotations

from pathlib import Path

from localization.demo import load_translations


def test_language_switch_on_the_demo_portal(portal, make_agency, browser_page, site_url, tmp_path: Path):
    # The demo's content steps on a small province: Vietnamese news, then the English translations.
    from cms.demo import load_content

    ward = make_agency("Phường An Xuyên", "phuonganxuyen")
    load_content(portal.site, [ward.site], progress=lambda line: None)
    portal.name_en = "Ca Mau Provincial People's Committee"
    portal.save()
    load_translations(progress=lambda line: None)

    browser_page.goto(site_url("camau.localhost", "/gioi-thieu/"))
    assert browser_page.locator("html").get_attribute("lang") == "vi"
    browser_page.locator(".language-switcher a[hreflang=en]").click()
    browser_page.wait_for_load_state()
    assert browser_page.url == site_url("camau.localhost", "/en/gioi-thieu/")
    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert browser_page.locator("h1").text_content().strip() == "Introduction"

    browser_page.locator(".main-menu a", has_text="Home").click()
    browser_page.wait_for_load_state()
    assert browser_page.url == site_url("camau.localhost", "/en/")
    assert "Provincial Portal" in browser_page.locator("header").text_content()
    shot = tmp_path / "english-home.png"
    browser_page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    # Back to Vietnamese from the English home.
    browser_page.locator(".language-switcher a[hreflang=vi]").click()
    browser_page.wait_for_load_state()
    assert browser_page.url == site_url("camau.localhost", "/")
    assert browser_page.locator("html").get_attribute("lang") == "vi"
