"""The embedded default's database search folds Vietnamese like the search node does (R81)."""

from __future__ import annotations

import re

import pytest

from cms.models import StandardPage
from tests.conftest import require_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}


def titles(response) -> list[str]:
    html = response.content.decode()
    listing = html[html.index('class="search-results"') :] if 'class="search-results"' in html else ""
    return re.findall(r'<li>\s*<a href="[^"]+">([^<]+)</a>', listing)


def add_page(portal, title: str, summary: str = "") -> StandardPage:
    page = StandardPage(title=title, summary=summary)
    portal.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_query_without_diacritics_finds_accented_text(portal, search_page):
    add_page(portal, "Hội nghị trực tuyến với Hà Nội", "Kết nối Thủ đô Hà Nội và tỉnh Cà Mau")
    add_page(portal, "Lịch tiếp công dân")
    assert titles(search_page("ha noi")) == ["Hội nghị trực tuyến với Hà Nội"]
    assert titles(search_page("so tai chinh")) == []
    add_page(portal, "Thông báo của Sở Tài chính")
    assert titles(search_page("so tai chinh")) == ["Thông báo của Sở Tài chính"]
    assert titles(search_page("dang ky")) == []
    add_page(portal, "Đăng ký thường trú")
    assert titles(search_page("dang ky")) == ["Đăng ký thường trú"]


def test_query_with_diacritics_still_matches_and_ranks_exact_first(portal, search_page):
    add_page(portal, "Thong bao so tai chinh", "Ban khong dau")
    add_page(portal, "Thông báo Sở Tài chính", "Bản có dấu")
    assert titles(search_page("Sở Tài chính"))[0] == "Thông báo Sở Tài chính"
    assert set(titles(search_page("so tai chinh"))) == {"Thong bao so tai chinh", "Thông báo Sở Tài chính"}


def test_documents_facets_and_number_box(make_document, search_page):
    make_document("68/2026/QĐ-UBND", "Quy chế Cổng Thông tin điện tử", fields=("Công nghệ thông tin",))
    make_document(
        "42/2022/NĐ-CP", "Cung cấp thông tin trên môi trường mạng", type_name="Nghị định", issuer="Chính phủ"
    )
    response = search_page("thong tin", tab="documents")
    html = response.content.decode()
    assert re.search(r'Nghị định</a> <span class="muted">\(1\)', html)
    assert re.search(r'Quyết định</a> <span class="muted">\(1\)', html)
    numbered = search_page("68/2026").content.decode()
    box = numbered[numbered.index("number-match") : numbered.index("search-layout")]
    assert "68/2026/QĐ-UBND" in box and "42/2022" not in box


def test_an_index_write_on_postgresql_normalises_its_own_rows_without_scanning_every_entry(
    portal, search_page
):
    """modelsearch refreshed title norms after every write with two scans of the whole index (an
    average over every entry, then the rows still at 1.0): each publish slower as the corpus grows.
    The average is kept for a while and only the rows just written are normalised."""
    from django.db import connection
    from django.db.models.functions import Length
    from django.test.utils import CaptureQueriesContext
    from modelsearch.backends.database.postgres.postgres import IndexEntry
    from modelsearch.utils import get_content_type_pk

    if connection.vendor != "postgresql":
        require_service("DATABASE_URL", "PostgreSQL (the embedded SQLite index has no title norms)")
        pytest.skip("the database is not PostgreSQL")
    pages = IndexEntry.objects.filter(content_type_id=get_content_type_pk(StandardPage))
    first = add_page(portal, "Kế hoạch chuyển đổi số năm 2026")
    norm_of_first = pages.get(object_id=str(first.pk)).title_norm
    with CaptureQueriesContext(connection) as queries:
        latest = add_page(portal, "Thông báo tuyển dụng công chức cấp xã")
    index_sql = [q["sql"] for q in queries.captured_queries if "wagtailsearch_indexentry" in q["sql"]]
    assert not [sql for sql in index_sql if "AVG(" in sql.upper()]
    updates = [sql for sql in index_sql if sql.startswith("UPDATE")]
    assert updates and all('"object_id" IN' in sql for sql in updates), updates
    # Each row's norm is the average title length over its own (norm × length: the same average).
    rows = {
        object_id: norm * length
        for object_id, norm, length in pages.filter(object_id__in=[str(first.pk), str(latest.pk)])
        .annotate(length=Length("title"))
        .values_list("object_id", "title_norm", "length")
    }
    assert rows[str(latest.pk)] == pytest.approx(rows[str(first.pk)]) and rows[str(first.pk)] > 0
    assert pages.get(object_id=str(first.pk)).title_norm == norm_of_first  # not rewritten
    assert titles(search_page("tuyen dung cong chuc")) == ["Thông báo tuyển dụng công chức cấp xã"]
