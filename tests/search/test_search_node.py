"""Vietnamese search against the real search node (OpenSearch 2 in CI): folding, exact-diacritic
ranking, number/symbol matching, facets, unpublishing and attachment text (R81, R82)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cms.models import LegalDocumentPage
from tests.conftest import refresh_search_index, require_service

from .conftest import make_docx, make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def search_node():
    require_service("SEARCH_URL", "The search node")


@pytest.fixture
def corpus(make_document):
    docs = {
        "nd42": make_document(
            "42/2022/NĐ-CP",
            "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
            type_name="Nghị định",
            issuer="Chính phủ",
            issued_on=dt.date(2022, 6, 24),
            fields=("Công nghệ thông tin",),
        ),
        "nd43": make_document(
            "43/2011/NĐ-CP",
            "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử",
            type_name="Nghị định",
            issuer="Chính phủ",
            issued_on=dt.date(2011, 6, 13),
            fields=("Công nghệ thông tin",),
        ),
        "cm26": make_document(
            "68/2026/QĐ-UBND",
            "Ban hành Quy chế quản lý, vận hành và cung cấp thông tin đối với Cổng Thông tin điện tử",
            body="Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24 tháng 6 năm 2022 của Chính phủ; "
            "căn cứ Luật An ninh mạng số 24/2018/QH14.",
            issued_on=dt.date(2026, 5, 12),
            fields=("Công nghệ thông tin", "Thông tin, báo chí"),
        ),
        "cm12": make_document(
            "514/QĐ-UBND",
            "Ban hành Quy chế phối hợp cung cấp và xử lý thông tin trên Cổng Thông tin điện tử tỉnh",
            body="Thông tin được đăng theo Quyết định 68/2025/QĐ-UBND cũ và số 2026 của năm.",
            issued_on=dt.date(2012, 4, 6),
            fields=("Thông tin, báo chí",),
        ),
        "ansm": make_document(
            "24/2018/QH14",
            "Luật An ninh mạng",
            type_name="Luật",
            issuer="Quốc hội",
            issued_on=dt.date(2018, 6, 12),
        ),
    }
    refresh_search_index()
    return docs


def numbers(response) -> list[str]:
    """Document numbers of the results in page order."""
    html = response.content.decode()
    listing = html[html.index('class="search-results"') :] if 'class="search-results"' in html else ""
    return re.findall(r'<a href="[^"]+">[^<:]*? ([\w/…-]+/[\w-]+): ', listing)


def results_page(search_page, query, **params):
    response = search_page(query, tab="documents", **params)
    assert response.status_code == 200
    return numbers(response)


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("nghi dinh 42 2022", "42/2022/NĐ-CP"),
        ("Nghị định 42/2022", "42/2022/NĐ-CP"),
        ("an ninh mang", "24/2018/QH14"),
        ("An ninh mạng", "24/2018/QH14"),
        ("68/2026", "68/2026/QĐ-UBND"),
        ("68/2026/QĐ-UBND", "68/2026/QĐ-UBND"),
        ("68/2026/qd-ubnd", "68/2026/QĐ-UBND"),
        ("QĐ-UBND 68", "68/2026/QĐ-UBND"),
    ],
)
def test_queries_with_and_without_diacritics_find_the_document_first(
    corpus, search_page, query, expected_first
):
    found = results_page(search_page, query)
    assert found, f"nothing found for {query!r}"
    assert found[0] == expected_first, (query, found)


def test_folded_query_finds_accented_text_and_dd_folds_to_d(corpus, search_page):
    found = results_page(search_page, "quy dinh ve viec cung cap thong tin")
    assert {"42/2022/NĐ-CP", "43/2011/NĐ-CP"} <= set(found)
    assert "42/2022/NĐ-CP" in results_page(search_page, "ND-CP 42")


def test_exact_diacritics_rank_above_folded_near_match(make_document, search_page):
    folded = make_document("1/2026/TB", "Thong bao ve so tai chinh", type_name="Thông báo")
    accented = make_document("2/2026/TB", "Thông báo về Sở Tài chính", type_name="Thông báo")
    refresh_search_index()
    found = results_page(search_page, "Sở Tài chính")
    assert found[:2] == [accented.number, folded.number]
    # Without diacritics both are equally good matches, and both are found.
    assert set(results_page(search_page, "so tai chinh")) >= {accented.number, folded.number}


def test_number_parts_are_searchable(corpus, search_page):
    assert results_page(search_page, "2026/QĐ-UBND")[0] == "68/2026/QĐ-UBND"
    assert "514/QĐ-UBND" in results_page(search_page, "514")


def test_facet_counts(corpus, search_page):
    response = search_page("thong tin", tab="documents")
    html = response.content.decode()
    facets = html[html.index("search-facets") : html.index("search-results")]

    def count(label: str) -> int:
        match = re.search(re.escape(label) + r'</a> <span class="muted">\((\d+)\)', facets)
        return int(match.group(1)) if match else 0

    expected = LegalDocumentPage.objects.live().search("thong tin")
    total = len(list(expected))
    assert total >= 4
    assert count("Nghị định") == 2
    assert count("Quyết định") == 2
    assert count("Chính phủ") == 2
    assert count("Công nghệ thông tin") == 3
    assert count("2026") == 1
    # Combining facets narrows the results and the counts (type + issuer + year, R82).
    found = results_page(search_page, "thong tin", type=corpus["nd42"].document_type_id, year=2022)
    assert found == ["42/2022/NĐ-CP"]


def test_unpublished_document_disappears(corpus, search_page):
    assert "43/2011/NĐ-CP" in results_page(search_page, "43/2011")
    corpus["nd43"].unpublish()
    assert "43/2011/NĐ-CP" not in results_page(search_page, "43/2011")


def test_deleted_document_leaves_the_index(corpus, search_page):
    corpus["nd43"].delete()
    assert "43/2011/NĐ-CP" not in results_page(search_page, "43/2011")


def test_attachment_text_is_found(make_document, search_page, django_capture_on_commit_callbacks):
    pdf = make_pdf("Phu luc bieu mau tiep nhan phan anh kien nghi xyzzyplugh")
    docx = make_docx("Danh mục hồ sơ lưu trữ điện tử quokkaquill")
    with django_capture_on_commit_callbacks(execute=True):
        make_document("9/2026/QĐ-UBND", "Quyết định có phụ lục", attachments=[pdf, docx])
    assert results_page(search_page, "xyzzyplugh") == ["9/2026/QĐ-UBND"]
    assert results_page(search_page, "quokkaquill") == ["9/2026/QĐ-UBND"]
    assert results_page(search_page, "ho so luu tru quokkaquill")[0] == "9/2026/QĐ-UBND"


def test_component_site_searches_itself_and_can_widen(make_agency, make_document, search_page):
    from cms.models import LegalDocumentIndexPage

    ward = make_agency("Phường An Xuyên", "anxuyen")
    ward_index = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    ward.site.root_page.add_child(instance=ward_index)
    make_document(
        "12/KH-UBND", "Kế hoạch phòng chống thiên tai phường", type_name="Kế hoạch", parent=ward_index
    )
    make_document("13/KH-UBND", "Kế hoạch phòng chống thiên tai tỉnh", type_name="Kế hoạch")
    host = ward.site.hostname
    assert results_page(lambda q, **p: search_page(q, host=host, **p), "phong chong thien tai") == [
        "12/KH-UBND"
    ]
    widened = results_page(
        lambda q, **p: search_page(q, host=host, **p), "phong chong thien tai", scope="all"
    )
    assert set(widened) == {"12/KH-UBND", "13/KH-UBND"}
    # The portal searches every site.
    assert set(results_page(search_page, "phong chong thien tai")) == {"12/KH-UBND", "13/KH-UBND"}


def test_extract_attachment_text_command_rebuilds_missing_text(make_document, search_page):
    from io import StringIO

    from django.core.management import call_command

    from cms.models import AttachmentText

    docx = make_docx("Noi dung tep dinh kem wombatwhistle")
    make_document(
        "11/2026/QĐ-UBND", "Quyết định có tệp", attachments=[docx]
    )  # no on_commit: not extracted yet
    AttachmentText.objects.all().delete()
    assert results_page(search_page, "wombatwhistle") == []
    out = StringIO()
    call_command("extract_attachment_text", "--missing", stdout=out)
    assert "[1/1] dinh-kem.docx: 1 page(s) reindexed" in out.getvalue()
    refresh_search_index()
    assert results_page(search_page, "wombatwhistle") == ["11/2026/QĐ-UBND"]


def test_facets_list_more_than_ten_values(make_document, search_page):
    for n in range(12):
        make_document(
            f"{n + 1}/2026/QĐ-UBND", f"Quyết định về chuyển đổi số số {n + 1}", issuer=f"Cơ quan số {n + 1}"
        )
    refresh_search_index()
    html = search_page("chuyen doi so", tab="documents").content.decode()
    facets = html[html.index("search-facets") : html.index("search-results")]
    assert len(re.findall(r"issuer=\d+", facets)) == 12
