"""Issue 11 hole 4: public search filters answer with a page, never a 500.

Every facet link the page itself offers must work (the "field" link on the documents tab raised
FilterFieldError), and a number no database column holds in any id filter is ignored (it raised
OverflowError)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from sites.models import Agency
from tests.conftest import refresh_search_index

pytestmark = pytest.mark.django_db

HUGE = "9" * 23


@pytest.fixture
def documents(make_document):
    made = [
        make_document(
            "12/2026/QĐ-UBND",
            "Quyết định về cung cấp thông tin trên Cổng",
            fields=("Công nghệ thông tin",),
        ),
        make_document("13/2026/QĐ-UBND", "Quyết định về lưu trữ", fields=("Văn thư, lưu trữ",)),
    ]
    refresh_search_index()
    return made


def test_huge_numbers_in_filters_are_ignored(client, documents):
    for tab in ("documents", "procedures"):
        for param in ("type", "issuer", "field", "agency", "year", "page"):
            for value in (HUGE, "-1", "١٢", "²"):  # huge, negative, Arabic-Indic and superscript digits
                response = client.get(
                    "/search/", {"q": "quyết định", "tab": tab, param: value}, HTTP_HOST="camau.localhost"
                )
                assert response.status_code == 200, (tab, param, value, response.content[:300])


def test_every_field_filter_link_on_the_documents_tab_works(client, documents):
    from cms.models import LegalField

    field = LegalField.objects.get(name="Công nghệ thông tin")
    # The link the facet list offers (and the same link crafted by hand on any backend).
    response = client.get(
        "/search/",
        {"q": "quyết định", "tab": "documents", "field": str(field.pk)},
        HTTP_HOST="camau.localhost",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "12/2026/QĐ-UBND" in html
    assert "13/2026/QĐ-UBND" not in html
    base = client.get("/search/", {"q": "quyết định", "tab": "documents"}, HTTP_HOST="camau.localhost")
    for link in set(re.findall(r'href="(\?[^"]+)"', base.content.decode())):
        followed = client.get("/search/" + unescape(link), HTTP_HOST="camau.localhost")
        assert followed.status_code == 200, link


def test_agency_filter_with_an_existing_agency(client, documents):
    agency = Agency.objects.get(kind=Agency.Kind.PROVINCE)
    response = client.get(
        "/search/",
        {"q": "quyết định", "tab": "documents", "agency": str(agency.pk)},
        HTTP_HOST="camau.localhost",
    )
    assert response.status_code == 200
