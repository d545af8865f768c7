"""Procedures in the demo and the province's procedure finder (R30); reading a legal document by its
structure (letterhead, contents, anchored articles, R22); Vietnamese alphabetical order."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cms import demo_procedures
from cms.legal_text import structure, text_to_blocks
from cms.models import LegalDocumentPage, ProcedurePage
from sites.collation import sorted_vietnamese
from sites.models import Agency

from .test_relevance import procedure

pytestmark = pytest.mark.django_db

DECISION = """ỦY BAN NHÂN DÂN
TỈNH CÀ MAU
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 68/2026/QĐ-UBND
Cà Mau, ngày 12 tháng 5 năm 2026
QUYẾT ĐỊNH
BAN HÀNH QUY CHẾ QUẢN LÝ CỔNG THÔNG TIN ĐIỆN TỬ
Căn cứ Luật Tiếp cận thông tin số 104/2016/QH13;
Điều 1. Ban hành kèm theo Quyết định này Quy chế.
Điều 2. Hiệu lực thi hành
Quyết định này có hiệu lực từ ngày 28 tháng 5 năm 2026.
QUY CHẾ
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
1. Quy chế này quy định việc quản lý, vận hành
Cổng Thông tin điện tử tỉnh.
a) Cổng Thông tin điện tử tỉnh;
Chương II
TÊN MIỀN
Điều 5. Quy định tên miền cho Cổng Thông tin điện tử
Tên miền của các xã, phường là tên miền cấp 4."""


def test_vietnamese_alphabetical_order():
    names = ["Vĩnh Mỹ", "Đầm Dơi", "Châu Thới", "Cái Nước", "Dân Thành", "An Xuyên", "Ân Phú", "Ăn Lạc"]
    assert sorted_vietnamese(names) == [
        "An Xuyên",
        "Ăn Lạc",
        "Ân Phú",
        "Cái Nước",
        "Châu Thới",
        "Dân Thành",
        "Đầm Dơi",
        "Vĩnh Mỹ",
    ]


def test_legal_text_structure_letterhead_parts_chapters_and_anchors():
    blocks = text_to_blocks(DECISION)
    headings = [value for kind, value in blocks if kind == "heading"]
    assert headings == [
        "QUYẾT ĐỊNH",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế.",
        "Điều 2. Hiệu lực thi hành",
        "QUY CHẾ",
        "Chương I. QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Chương II. TÊN MIỀN",
        "Điều 5. Quy định tên miền cho Cổng Thông tin điện tử",
    ]
    # A hard-wrapped clause is one paragraph again.
    assert (
        "paragraph",
        "<p>1. Quy chế này quy định việc quản lý, vận hành Cổng Thông tin điện tử tỉnh.</p>",
    ) in blocks


def test_document_page_shows_letterhead_contents_and_article_anchors(make_document):
    page = make_document("68/2026/QĐ-UBND", "Ban hành Quy chế quản lý Cổng Thông tin điện tử")
    page.body = text_to_blocks(DECISION)
    page.save_revision().publish()
    text = structure(LegalDocumentPage.objects.get(pk=page.pk).body)
    assert text.letterhead_left == ["ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU", "Số: 68/2026/QĐ-UBND"]
    assert text.letterhead_right[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    anchors = [entry.anchor for entry in text.entries if entry.kind == "article"]
    assert anchors == ["dieu-1", "dieu-2", "quy-che-dieu-1", "quy-che-dieu-5"]

    html = Client().get(page.url, HTTP_HOST="camau.localhost").content.decode()
    assert 'class="letterhead"' in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert 'href="#quy-che-dieu-5"' in html and 'id="quy-che-dieu-5"' in html
    assert html.count('class="legal-text__point"') == 1
    assert "BAN HÀNH QUY CHẾ" in html


def test_portal_finder_lists_every_sites_procedures_with_filters(portal, make_agency):
    from cms.models import ProcedureIndexPage

    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    portal_index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    portal.site.root_page.add_child(instance=portal_index)
    portal_index.save_revision().publish()
    ward_index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    ward.site.root_page.add_child(instance=ward_index)
    ward_index.save_revision().publish()
    procedure(ward_index, "Đăng ký khai sinh", "1.001193", "Hộ tịch")
    procedure(ward_index, "Đăng ký kết hôn", "1.000894", "Hộ tịch")

    def titles(host: str, **params) -> list[str]:
        html = Client().get("/thu-tuc-hanh-chinh/", params, HTTP_HOST=host).content.decode()
        return re.findall(
            r'<li>\s*<a href="[^"]+">([^<]+)</a>',
            html[html.index("procedure-list") :] if "procedure-list" in html else "",
        )

    assert titles("camau.localhost") == [
        "Đăng ký kết hôn",
        "Đăng ký khai sinh",
    ]  # Vietnamese order: kết < khai
    assert titles("camau.localhost", q="dang ky khai sinh") == ["Đăng ký khai sinh"]
    assert titles("camau.localhost", q="1.000894") == ["Đăng ký kết hôn"]
    assert titles("camau.localhost", agency=str(ward.pk)) == ["Đăng ký kết hôn", "Đăng ký khai sinh"]
    assert titles("camau.localhost", agency=str(portal.pk)) == []
    assert titles("camau.localhost", level="province", service_level="nonsense") == []
    assert titles("anxuyen.camau.localhost", q="kết hôn") == ["Đăng ký kết hôn"]
    assert (
        Client()
        .get("/thu-tuc-hanh-chinh/", {"agency": "x" * 50, "field": "-1"}, HTTP_HOST="camau.localhost")
        .status_code
        == 200
    )


def test_demo_procedures_have_every_decree_63_component(portal, make_agency):
    for name, label, kind in [
        ("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD),
        ("Ủy ban nhân dân phường Tân Thành", "tanthanh", Agency.Kind.WARD),
        ("Sở Tài chính", "sotaichinh", Agency.Kind.DEPARTMENT),
        ("Sở Xây dựng", "soxaydung", Agency.Kind.DEPARTMENT),
        ("Sở Nông nghiệp và Môi trường", "sonnmt", Agency.Kind.DEPARTMENT),
        ("Sở Giáo dục và Đào tạo", "sogddt", Agency.Kind.DEPARTMENT),
    ]:
        make_agency(name, label, kind)
    lines: list[str] = []
    demo_procedures.load(progress=lines.append)
    demo_procedures.load(progress=lines.append)  # rerunnable
    procedures = ProcedurePage.objects.live()
    assert procedures.count() >= 20
    assert set(procedures.values_list("administrative_level", flat=True)) == {"province", "commune"}
    assert procedures.values("agency").distinct().count() == 6
    for page in procedures:
        for component in (
            "title",
            "code",
            "implementing_agency",
            "submission_methods",
            "processing_time",
            "applicants",
            "result",
            "fees",
            "requirements",
        ):
            assert getattr(page, component), (page.title, component)
        assert len(page.steps) >= 2 and len(page.dossier) >= 1 and page.field_id
        assert page.national_portal_url.endswith(page.code)
        bases = list(page.legal_basis.all())
        assert bases and all(document.live and document.attachments.exists() for document in bases)
    birth = procedures.get(slug="dang-ky-khai-sinh", agency__domain_label="anxuyen")
    assert birth.attachments.first().document.file.name.endswith(".docx")
    assert "60/2014/QH13" in {document.number for document in birth.legal_basis.all()}


def test_fold_slugs_gives_ascii_addresses_and_redirects_the_old(portal):
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Site

    from cms.models import StandardPage

    home = portal.site.root_page
    page = StandardPage(title="Phường An Xuyên", slug="phường-an-xuyên")
    home.add_child(instance=page)
    page.save_revision().publish()
    child = StandardPage(title="Lịch sử", slug="lịch-sử")
    page.add_child(instance=child)
    child.save_revision().publish()
    Site.clear_site_root_paths_cache()  # a shared cache may hold another test's sites
    out = StringIO()
    call_command("fold_slugs", stdout=out)
    assert "2 page(s) given an ASCII address" in out.getvalue()
    child.refresh_from_db()
    assert child.url_path.endswith("/phuong-an-xuyen/lich-su/")
    client = Client(HTTP_HOST="camau.localhost")
    old = client.get("/phường-an-xuyên/lịch-sử/")
    assert old.status_code == 301 and old["Location"].endswith("/phuong-an-xuyen/lich-su/")
    assert client.get("/phuong-an-xuyen/lich-su/").status_code == 200
    call_command("fold_slugs", stdout=(again := StringIO()))
    assert "0 page(s)" in again.getvalue()
