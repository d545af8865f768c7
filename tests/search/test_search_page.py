"""The search page never fails on odd input and keeps its scope (R81)."""

from __future__ import annotations

import pytest

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
