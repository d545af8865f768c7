"""The search page never fails on odd input and keeps its scope (R81)."""

from __future__ import annotations

import pytest

from cms.models import LegalDocumentIndexPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "status", "text"),
    [
        ({}, 200, "Type a few words"),
        ({"q": "   "}, 200, "Type a few words"),
        ({"q": "x" * 201}, 400, "too long"),
        ({"q": '"((AND OR* ~ ^'}, 200, "results for"),
        ({"q": '"(( ~ ^ *'}, 200, "Type a few words"),
        ({"q": "thong tin", "page": "abc"}, 200, "results for"),
        ({"q": "thong tin", "page": "999"}, 200, "results for"),
        ({"q": "thong tin", "tab": "nonsense", "type": "x", "year": "-1", "sort": "??"}, 200, "results for"),
        ({"q": "thong tin\x00"}, 200, "results for"),
    ],
)
def test_odd_queries_get_a_friendly_page(portal, client, settings, params, status, text):
    settings.LANGUAGE_CODE = "en"
    response = client.get("/search/", params, HTTP_HOST="camau.localhost", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert text in response.content.decode()


def test_highlighted_snippet_and_date_order(make_document, search_page):
    import datetime as dt

    make_document(
        "1/2020/QĐ-UBND",
        "Quy chế cũ",
        body="Quy định về an ninh mạng năm 2020",
        issued_on=dt.date(2020, 1, 1),
    )
    make_document(
        "2/2024/QĐ-UBND",
        "Quy chế mới",
        body="Quy định về an ninh mạng năm 2024",
        issued_on=dt.date(2024, 1, 1),
    )
    html = search_page("an ninh mang", tab="documents", sort="date").content.decode()
    assert "<mark>an</mark> <mark>ninh</mark> <mark>mạng</mark>" in html
    assert html.index("2/2024/QĐ-UBND") < html.index("1/2020/QĐ-UBND")


@pytest.mark.parametrize("tab", ["all", "documents"])
def test_pages_under_a_view_restriction_are_never_found(make_document, search_page, legal_index, tab):
    """A password, sign-in or group restriction hides the page and everything under it from the public
    search (on both backends), from the moment it is saved until it is lifted."""
    from wagtail.models import PageViewRestriction

    make_document("3/2026/QĐ-UBND", "Quy chế công khai", body="Quy định về hạ tầng số công khai")
    private_folder = LegalDocumentIndexPage(title="Văn bản nội bộ", slug="noi-bo")
    legal_index.add_child(instance=private_folder)
    private_folder.save_revision().publish()
    make_document(
        "4/2026/QĐ-UBND", "Quy chế nội bộ", body="Quy định về hạ tầng số nội bộ", parent=private_folder
    )
    assert "4/2026/QĐ-UBND" in search_page("ha tang so", tab=tab).content.decode()

    restriction = PageViewRestriction.objects.create(
        page=private_folder, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat-2026"
    )
    html = search_page("ha tang so", tab=tab).content.decode()
    assert "3/2026/QĐ-UBND" in html and "4/2026/QĐ-UBND" not in html and "nội bộ" not in html

    restriction.delete()
    assert "4/2026/QĐ-UBND" in search_page("ha tang so", tab=tab).content.decode()
