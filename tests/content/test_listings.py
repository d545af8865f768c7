"""The one listing engine (cms/listing.py): every public listing, whatever its query string, answers 200;
junk is ignored (the unfiltered list), a real option narrows, and pages link with ``?page=``.

Enumerates the listing page types (every ``ListingPage`` subclass, legal documents, procedures, news),
so a new listing is covered the day it is added.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.listing import ChoiceFilter, YearFilter
from cms.models import LegalDocumentIndexPage, NewsIndexPage, ProcedureIndexPage
from cms.models.base import ListingPage
from cms.models.legal_listing import legal_document_filters

pytestmark = pytest.mark.django_db
HOST = "camau.localhost"
JUNK = ["abc", "9" * 20, "-1", "0", "1.5", "2026-13-45", "\x00", "'; drop table x;--", "Đ" * 300, "%"]


def concrete_listing_types() -> list[type]:
    found, todo = [], list(ListingPage.__subclasses__())
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        if not model._meta.abstract:
            found.append(model)
    return sorted(found, key=lambda model: model.__name__)


def filter_names(page) -> list[str]:
    if isinstance(page, ListingPage):
        return [f.name for f in page.listing_filter_set()]
    if isinstance(page, LegalDocumentIndexPage):
        return [f.name for f in legal_document_filters()]
    if isinstance(page, ProcedureIndexPage):
        return ["q", "agency", "field", "level", "service_level"]
    return ["category"]


@pytest.fixture
def listings(portal) -> list:
    home = portal.site.root_page
    pages = []
    for number, model in enumerate(
        [*concrete_listing_types(), LegalDocumentIndexPage, ProcedureIndexPage, NewsIndexPage]
    ):
        page = model(title=f"Danh sách {number}", slug=f"danh-sach-{number}")
        home.add_child(instance=page)
        pages.append(page)
    return pages


def test_every_listing_type_is_enumerated():
    assert len(concrete_listing_types()) >= 9  # direction, schedules, statistics, science, plans, budget…


def test_junk_in_any_filter_is_ignored(listings):
    client = Client()
    for page in listings:
        plain = client.get(page.url, HTTP_HOST=HOST)
        assert plain.status_code == 200, page
        for name in [*filter_names(page), "page"]:
            for junk in JUNK:
                response = client.get(page.url, {name: junk}, HTTP_HOST=HOST)
                assert response.status_code == 200, (type(page).__name__, name, junk)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "type",
                "issuer",
                "field",
                "year",
                "status",
                "number",
                "issued_from",
                "issued_to",
                "effective_from",
                "effective_to",
                "q",
                "agency",
                "level",
                "service_level",
                "category",
                "kind",
                "sector",
                "page",
            ]
        ),
        st.text(max_size=40),
        max_size=6,
    )
)
def test_fuzzed_query_strings_never_fail(listings, params):
    client = Client()
    for page in listings:
        response = client.get(page.url, params, HTTP_HOST=HOST)
        assert response.status_code == 200, (type(page).__name__, params)


def test_an_offered_option_narrows_and_pages_link_with_page(portal):
    from cms.models import DirectionIndexPage, DirectionPage

    home = portal.site.root_page
    index = DirectionIndexPage(title="Chỉ đạo, điều hành", slug="chi-dao")
    home.add_child(instance=index)
    kinds = [value for value, _label in DirectionPage._meta.get_field("kind").choices if value]
    for number in range(25):
        item = DirectionPage(
            title=f"Văn bản chỉ đạo số {number}",
            summary="Tóm tắt nội dung chỉ đạo.",
            slug=f"chi-dao-{number}",
            kind=kinds[number % 2],
            date=dt.date(2025 + number % 2, 3, 1 + number),
        )
        index.add_child(instance=item)
    client = Client()
    html = client.get(index.url, HTTP_HOST=HOST).content.decode()
    assert "?page=2" in html and "Văn bản chỉ đạo số" in html
    narrowed = client.get(index.url, {"kind": kinds[1], "year": "2026"}, HTTP_HOST=HOST).content.decode()
    assert narrowed.count("Văn bản chỉ đạo số") == len([n for n in range(25) if n % 2 == 1])
    assert (
        f'<option value="{kinds[1]}" selected>' in narrowed and '<option value="2026" selected>' in narrowed
    )
    filters = {type(f) for f in index.listing_filter_set()}
    assert filters == {ChoiceFilter, YearFilter}
