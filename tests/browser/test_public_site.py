"""The public portal in a real browser: the province's portal and a commune site by their hosts."""

from pathlib import Path

from sites.models import Agency


def test_portal_and_a_commune_site_render_in_chromium(
    portal, make_agency, browser_page, site_url, tmp_path: Path
):
    make_agency("Phường An Xuyên", "phuonganxuyen", kind=Agency.Kind.WARD)

    response = browser_page.goto(site_url("camau.localhost"))
    assert response.status == 200
    assert "Cà Mau" in browser_page.title()
    assert browser_page.locator("html").get_attribute("lang") == "vi"

    browser_page.goto(site_url("phuonganxuyen.camau.localhost"))
    assert "Phường An Xuyên" in browser_page.locator("header").text_content()
    browser_page.screenshot(path=str(tmp_path / "anxuyen.png"), full_page=True)
    assert (tmp_path / "anxuyen.png").stat().st_size > 0
