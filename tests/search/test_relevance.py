"""The relevance test set (tests/search/relevance_cases.py) passes on the database backend and on the
search node: the right result first for numbers, codes, names, with and without diacritics; a story
syndicated to several sites is one result naming the sites; every portal-wide result names its site."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cms.models import LegalField, NewsIndexPage, NewsPage, ProcedureIndexPage, ProcedurePage, StandardPage
from tests.conftest import require_service

from .relevance_cases import CASES, evaluate, figures, result_lines

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "search_node"])
def backend(request, settings):
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    else:
        require_service("SEARCH_URL", "the search node")
    return request.param


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def procedure(index, title: str, code: str, field: str) -> ProcedurePage:
    return publish(
        index,
        ProcedurePage(
            title=title,
            code=code,
            field=LegalField.objects.get_or_create(name=field)[0],
            administrative_level=ProcedurePage.Level.COMMUNE,
            implementing_agency="Ủy ban nhân dân phường An Xuyên",
            steps=[
                (
                    "step",
                    {
                        "description": "<p>Nộp hồ sơ tại Bộ phận Một cửa.</p>",
                        "responsible": "",
                        "time_limit": "",
                    },
                )
            ],
            submission_methods="<p>Trực tiếp hoặc trực tuyến.</p>",
            dossier=[("item", {"name": "Tờ khai", "originals": 1, "copies": 0, "note": ""})],
            processing_time="Trong ngày",
            applicants="Cá nhân",
            national_portal_url=f"https://dichvucong.gov.vn/?ma_thu_tuc={code}",
        ),
    )


@pytest.fixture
def corpus(backend, portal, make_agency, make_document):
    """The issue's situation: the decision, a unit page and three copies of one story all say 68/2026."""
    wards = [make_agency("Phường An Xuyên", "anxuyen"), make_agency("Phường Tân Thành", "tanthanh")]
    make_document(
        "68/2026/QĐ-UBND",
        "Ban hành Quy chế quản lý, vận hành và cung cấp thông tin đối với Cổng Thông tin điện tử, "
        "Trang thông tin điện tử của cơ quan nhà nước trên địa bàn tỉnh Cà Mau",
        body="Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý Cổng Thông tin điện tử.",
    )
    make_document(
        "123/2015/NĐ-CP",
        "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
        type_name="Nghị định",
        issuer="Chính phủ",
        issued_on=dt.date(2015, 11, 15),
    )
    make_document(
        "60/2014/QH13", "Luật Hộ tịch", type_name="Luật", issuer="Quốc hội", issued_on=dt.date(2014, 11, 20)
    )
    home = portal.site.root_page
    index = publish(home, ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh"))
    procedure(index, "Đăng ký khai sinh", "1.001193", "Hộ tịch")
    procedure(index, "Đăng ký kết hôn", "1.000894", "Hộ tịch")
    procedure(index, "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "1.009794", "Hoạt động xây dựng")
    for title, summary in [
        ("Trung tâm Công nghệ thông tin và Truyền thông", "Đơn vị vận hành hạ tầng theo Quyết định 68/2026."),
        ("Hướng dẫn thủ tục hành chính trên Cổng Dịch vụ công", "Cách nộp hồ sơ thủ tục trực tuyến."),
        ("Thu phí chợ và tiếp tục chỉnh trang đô thị", "Thu phí theo quy định, tiếp tục sửa chữa chợ."),
        ("Thông báo của Sở Tài chính", "Sở Tài chính thông báo lịch tiếp công dân."),
        ("Thong bao so tai chinh", "Ban khong dau"),
    ]:
        publish(home, StandardPage(title=title, summary=summary))
    for site_home in [home] + [ward.site.root_page for ward in wards]:
        news = publish(site_home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
        publish(
            news,
            NewsPage(
                title="UBND tỉnh ban hành Quy chế quản lý Cổng Thông tin điện tử",
                slug="quy-che-moi",
                date=dt.date(2026, 5, 12),
                summary="Ngày 12/5/2026, UBND tỉnh ban hành Quyết định số 68/2026/QĐ-UBND.",
            ),
        )
    return wards


def test_relevance_set(corpus, search_page):
    def search(query: str) -> list[str]:
        response = search_page(query)
        assert response.status_code == 200
        return result_lines(response.content.decode())

    outcomes = evaluate(search)
    failures = [
        f"{case.query!r}: expected {case.expected!r} within {case.k}, got rank {rank} in {lines[:5]}"
        for case, rank, lines in outcomes
        if rank is None or rank > case.k
    ]
    assert not failures, "\n".join(failures)
    assert figures(outcomes)["precision_at_1"] >= 0.75
    assert len(CASES) >= 12


def test_syndicated_copies_are_one_result_naming_their_sites(corpus, search_page):
    html = search_page("ban hành quy chế quản lý cổng").content.decode()
    lines = result_lines(html)
    assert sum("UBND tỉnh ban hành Quy chế" in line for line in lines) == 1
    item = next(part for part in html.split("<li>") if "UBND tỉnh ban hành Quy chế" in part)
    shown = re.search(r'<span class="result-site">([^<]+)</span>', item).group(1)
    also = re.findall(
        r'<a href="[^"]+">([^<]+)</a>', re.search(r'class="muted also-on">(.*?)</p>', item, re.S).group(1)
    )
    assert sorted([shown, *also]) == ["Phường An Xuyên", "Phường Tân Thành", "Ủy ban nhân dân tỉnh Cà Mau"]


def test_every_portal_wide_result_names_its_site(corpus, search_page):
    html = search_page("đăng ký")
    sites = re.findall(r'<span class="result-site">([^<]+)</span>', html.content.decode())
    assert sites and len(sites) == len(result_lines(html.content.decode()))
    assert "Ủy ban nhân dân tỉnh Cà Mau" in sites
