"""Dublin Core (TT24/2011, R86–R88) and Open Graph tags in the HTML head of public pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory
from wagtail.models import Locale

from cms.metadata import MANDATORY, dublin_core
from cms.models import NewsCategory, NewsIndexPage, NewsPage, ProjectIndexPage, ProjectPage

from .conftest import get, publish


class HeadMeta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.lang: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content", "")
                if attrs.get("lang"):
                    self.lang[key] = attrs["lang"]


def head_meta(html: str) -> HeadMeta:
    parser = HeadMeta()
    parser.feed(html.split("</head>")[0])
    return parser


def assert_mandatory(meta: dict[str, str]) -> None:
    for name in MANDATORY:
        assert meta.get(f"DC.{name}", "").strip(), f"DC.{name} is empty"


@pytest.fixture
def news(home):
    index = publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    category = NewsCategory.objects.create(name="Kinh tế", slug="kinh-te")
    page = publish(
        index,
        NewsPage(
            title="Cà Mau đón 1,5 triệu lượt khách du lịch",
            slug="du-lich",
            date=dt.date(2026, 5, 2),
            summary="Lượng khách tăng 12% so với cùng kỳ.",
            author="Minh Anh; Hoàng Nam",
            source="Báo Cà Mau",
            location="Mũi Cà Mau",
        ),
    )
    page.categories.add(category)
    page.save_revision().publish()
    return page


def test_news_page_carries_dublin_core(news):
    meta = head_meta(get("camau.localhost", news.url).content.decode())
    assert_mandatory(meta.meta)
    m = meta.meta
    assert m["DC.title"] == "Cà Mau đón 1,5 triệu lượt khách du lịch"
    assert m["DC.creator"] == "Minh Anh; Hoàng Nam"  # two authors joined with "; " (R86)
    assert m["DC.subject"] == "Kinh tế"
    assert m["DC.description"] == "Lượng khách tăng 12% so với cùng kỳ."
    assert m["DC.publisher"] == "Ủy ban nhân dân tỉnh Cà Mau"
    assert m["DC.identifier"] == "http://camau.localhost/tin-tuc/du-lich/"
    assert m["DC.language"] == "vi"
    assert m["DC.format"] == "text/html"
    assert m["DC.source"] == "Báo Cà Mau"
    assert m["DC.coverage"] == "Mũi Cà Mau"
    assert m["DC.date"] == news.first_published_at.date().isoformat()
    assert m["DC.type"].startswith("Text; ")
    assert meta.lang["DC.title"] == "vi"
    assert m["og:title"] == news.title and m["og:type"] == "article"
    assert m["og:description"] == "Lượng khách tăng 12% so với cùng kỳ."
    assert m["og:url"] == "http://camau.localhost/tin-tuc/du-lich/"


def test_editor_overrides_win_and_title_changes_follow_republish(news):
    news.dc_subject = "Du lịch;Kinh tế ; Du lịch"
    news.dc_publisher = "Sở Văn hóa, Thể thao và Du lịch"
    news.title = "Cà Mau đón 1,6 triệu lượt khách"
    news.save_revision().publish()
    m = head_meta(get("camau.localhost", news.url).content.decode()).meta
    assert m["DC.subject"] == "Du lịch; Kinh tế"
    assert m["DC.publisher"] == "Sở Văn hóa, Thể thao và Du lịch"
    assert m["DC.title"] == "Cà Mau đón 1,6 triệu lượt khách"


def test_project_page_carries_dublin_core(home, sector):
    projects = publish(home, ProjectIndexPage(title="Dự án", slug="du-an"))
    project = publish(
        projects,
        ProjectPage(
            title="Dự án Nhà máy điện gió Khánh Bình",
            slug="dien-gio",
            category="calling",
            main_objective="Phát triển năng lượng tái tạo",
            sector=sector,
            project_type="ppp",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2030, 12, 31),
            total_budget=Decimal("4200000000000"),
            funding_source="Vốn nhà đầu tư",
            status="preparing",
            investor="Công ty CP Năng lượng Cà Mau",
            location="Xã Khánh Bình",
        ),
    )
    m = head_meta(get("camau.localhost", project.url).content.decode()).meta
    assert_mandatory(m)
    assert m["DC.creator"] == "Công ty CP Năng lượng Cà Mau"
    assert m["DC.description"] == "Phát triển năng lượng tái tạo"
    assert "Khoa học và Công nghệ" in m["DC.subject"]
    assert m["DC.coverage"] == "Xã Khánh Bình"
    assert m["DC.identifier"] == "http://camau.localhost/du-an/dien-gio/"


def test_home_and_section_pages_have_the_mandatory_elements(home):
    m = head_meta(get("camau.localhost", "/").content.decode()).meta
    assert_mandatory(m)
    assert m["DC.creator"] == "Ủy ban nhân dân tỉnh Cà Mau"


def test_english_page_has_english_metadata(portal, news):
    portal.name_en = "People's Committee of Ca Mau Province"
    portal.save()
    english, _created = Locale.objects.get_or_create(language_code="en")
    translated = news.copy_for_translation(english, copy_parents=True)
    translated.title = "Ca Mau welcomes 1.5 million tourists"
    translated.summary = "Visitor numbers rose 12% year on year."
    translated.author = "Minh Anh; Hoang Nam"
    translated.save_revision().publish()
    translated.refresh_from_db()

    elements = {e.name: e.value for e in dublin_core(translated)}
    assert elements["language"] == "en"
    assert elements["publisher"] == "People's Committee of Ca Mau Province"
    assert elements["type"] == "Text; News item"
    assert elements["title"] == "Ca Mau welcomes 1.5 million tourists"
    assert elements["description"] == "Visitor numbers rose 12% year on year."
    assert elements["creator"] == "Minh Anh; Hoang Nam"

    request = RequestFactory().get("/", HTTP_HOST="camau.localhost")
    response = translated.serve(request)
    response.render()
    html = response.content.decode()
    assert '<html lang="en">' in html
    parsed = head_meta(html)
    assert_mandatory(parsed.meta)
    assert parsed.meta["DC.language"] == "en"
    assert parsed.lang["DC.title"] == "en"
    assert parsed.meta["og:locale"] == "en_GB"


def test_bulk_metadata_export_lists_every_public_page_of_the_site(news, make_agency):
    import csv
    import io

    make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    draft = NewsPage(title="Bản nháp", slug="ban-nhap", date=dt.date(2026, 5, 9), live=False)
    news.get_parent().add_child(instance=draft)

    response = get("camau.localhost", "/metadata.json")
    assert response.status_code == 200
    data = response.json()
    identifiers = [record["identifier"] for record in data["pages"]]
    assert "http://camau.localhost/tin-tuc/du-lich/" in identifiers
    assert not any("ban-nhap" in url or "anxuyen" in url for url in identifiers)
    assert data["count"] == len(identifiers)
    for record in data["pages"]:
        assert all(record.get(name) for name in MANDATORY)

    response = get("camau.localhost", "/metadata.json", format="csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == data["count"]
    assert any(row["DC.creator"] == "Minh Anh; Hoàng Nam" for row in rows)
