"""What the public sees on each host: the right site, the shared header and footer, the way back."""

import pytest
from django.test import Client, override_settings

from cms.models import NewsIndexPage, NewsPage
from sites.models import Agency, SiteContactSettings

from .conftest import refresh_search_index


@pytest.fixture
def province(portal, make_agency):
    make_agency("Sở Tài chính", "sotaichinh", Agency.Kind.DEPARTMENT)
    ward = make_agency(
        "Ủy ban nhân dân phường An Xuyên",
        "anxuyen",
        Agency.Kind.WARD,
        address="Phường An Xuyên, tỉnh Cà Mau",
        email="anxuyen@camau.gov.vn",
        head_name="Nguyễn Văn A",
        head_title="Chủ tịch",
    )
    make_agency("Ủy ban nhân dân xã Đất Mũi", "datmui", Agency.Kind.COMMUNE)
    return ward


def get(host: str, path: str = "/", **kwargs):
    return Client(HTTP_HOST=host).get(path, **kwargs)


def test_portal_home_names_the_portal_and_lists_sites_by_kind(province):
    response = get("camau.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cổng Thông tin điện tử tỉnh Cà Mau" in html
    for name in ("Sở Tài chính", "Ủy ban nhân dân phường An Xuyên", "Ủy ban nhân dân xã Đất Mũi"):
        assert name in html
    assert html.index("Sở Tài chính") < html.index("Ủy ban nhân dân phường An Xuyên")
    assert "http://anxuyen.camau.localhost/" in html


def test_commune_host_serves_its_own_site_with_header_footer_and_portal_link(province):
    response = get("anxuyen.camau.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<p class="site-header__agency">Ủy ban nhân dân phường An Xuyên' in html
    assert 'href="http://camau.localhost/"' in html  # the way back to the provincial portal (R10)
    assert "Chủ tịch Nguyễn Văn A" in html  # footer: person responsible
    assert "anxuyen@camau.gov.vn" in html
    assert "Phường An Xuyên, tỉnh Cà Mau" in html
    assert 'lang="vi"' in html


@override_settings(WAGTAILADMIN_BASE_URL="http://camau.localhost:8000")
def test_portal_link_uses_the_configured_port_not_the_visitors(province):
    """One source for absolute URLs (sites.public_urls): the configured scheme and port (issue 14)."""
    html = get("anxuyen.camau.localhost:9999").content.decode()
    assert 'href="http://camau.localhost:8000/"' in html
    assert ":9999" not in html


def test_each_agency_fills_its_own_footer(province):
    contact = SiteContactSettings.for_site(province.site)
    contact.phone = "0290 3 831 000"
    contact.save()
    assert "0290 3 831 000" in get("anxuyen.camau.localhost").content.decode()
    assert "0290 3 831 000" not in get("datmui.camau.localhost").content.decode()


def test_menu_has_the_mandatory_entries(province):
    html = get("datmui.camau.localhost").content.decode()
    for label in ("Trang chủ", "Giới thiệu", "Dịch vụ công trực tuyến", "Sơ đồ trang"):
        assert label in html, label


def test_unknown_host_gets_the_portal_and_unknown_path_a_clean_404(province):
    assert "Cổng Thông tin điện tử tỉnh Cà Mau" in get("nowhere.example.org").content.decode()
    missing = get("anxuyen.camau.localhost", "/khong-co-trang-nay/")
    assert missing.status_code == 404
    assert "Ủy ban nhân dân phường An Xuyên" in missing.content.decode()


def test_html_sitemap_lists_only_the_sites_pages(province):
    html = get("anxuyen.camau.localhost", "/so-do-trang/").content.decode()
    assert "Giới thiệu" in html
    assert "Sở Tài chính" not in html


def test_search_on_a_component_site_stays_on_that_site(province):
    import datetime as dt

    for agency in (province, Agency.objects.get(domain_label="datmui")):
        index = agency.site.root_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
        index.add_child(
            instance=NewsPage(
                title=f"Hội nghị chuyển đổi số {agency.domain_label}",
                slug="hoi-nghi",
                date=dt.date(2026, 6, 1),
            )
        )
    refresh_search_index()
    local = get("anxuyen.camau.localhost", "/search/", data={"q": "chuyển đổi số"}).content.decode()
    assert "Hội nghị chuyển đổi số anxuyen" in local
    assert "Hội nghị chuyển đổi số datmui" not in local
    everywhere = get("camau.localhost", "/search/", data={"q": "chuyển đổi số"}).content.decode()
    assert "Hội nghị chuyển đổi số anxuyen" in everywhere and "Hội nghị chuyển đổi số datmui" in everywhere


@pytest.mark.parametrize("query", ["", "   ", "x" * 500, '"unbalanced (( AND OR', "%00'; DROP TABLE"])
def test_odd_queries_get_a_friendly_page(province, query):
    response = get("camau.localhost", "/search/", data={"q": query, "page": "abc"})
    assert response.status_code in (200, 400)
    assert "Cổng Thông tin điện tử tỉnh Cà Mau" in response.content.decode()
