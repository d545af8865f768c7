"""The portal's directory of component sites: the home lists each kind in full up to a limit, then
offers a search and the whole directory (/don-vi/), by kind and by name, with or without accents, so
the portal's home stays the same size at national scale (issue 13)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from sites.models import Agency

pytestmark = pytest.mark.django_db

PORTAL = "camau.localhost"


def listed(html: str) -> list[str]:
    """The names the page's directory links show."""
    return re.findall(r'<li><a href="http://[^"]+">([^<]+)</a>', html)


@pytest.fixture
def directory(two_wards, make_agency):
    make_agency("Sở Tài chính", "sotaichinh", Agency.Kind.DEPARTMENT)
    return two_wards


def test_the_home_lists_a_small_kind_and_offers_a_search_for_a_large_one(directory, settings):
    home = Client().get("/", HTTP_HOST=PORTAL).content.decode()
    assert "Ủy ban nhân dân phường An Xuyên" in home and "Sở Tài chính" in home
    assert 'action="/don-vi/"' not in home
    assert 'href="/don-vi/"' in home  # the whole directory is a link away at any size

    settings.CONG_DIRECTORY_LIST_LIMIT = 1  # two wards: over the limit; one department: listed
    from sites.cache import bump_fragments

    bump_fragments()  # the directory is a kept fragment; a setting changes only with a restart
    home = Client().get("/?gioi-han=1", HTTP_HOST=PORTAL).content.decode()
    assert "Ủy ban nhân dân phường An Xuyên" not in home and "Sở Tài chính" in home
    assert 'action="/don-vi/"' in home and 'name="loai" value="ward"' in home
    assert 'href="/don-vi/?loai=ward"' in home and "(2)" in home


def test_the_directory_finds_a_site_by_kind_and_by_name_with_or_without_accents(directory):
    client = Client()
    page = client.get("/don-vi/", HTTP_HOST=PORTAL)
    assert page.status_code == 200
    names = listed(page.content.decode())
    assert names[:1] == ["Sở Tài chính"]  # departments first, as on the home
    assert {"Ủy ban nhân dân phường An Xuyên", "Ủy ban nhân dân phường Tân Thành"} <= set(names)
    for query in ("An Xuyên", "an xuyen", "AnXuyen", "  An   Xuyên "):
        found = listed(client.get("/don-vi/", {"q": query}, HTTP_HOST=PORTAL).content.decode())
        assert found == ["Ủy ban nhân dân phường An Xuyên"], query
    wards = listed(client.get("/don-vi/", {"loai": "ward"}, HTTP_HOST=PORTAL).content.decode())
    assert wards == ["Ủy ban nhân dân phường An Xuyên", "Ủy ban nhân dân phường Tân Thành"]
    nothing = client.get("/don-vi/", {"q": "Hà Giang"}, HTTP_HOST=PORTAL).content.decode()
    assert listed(nothing) == [] and "Không có trang nào khớp" in nothing


def test_the_directory_pages_and_is_the_portals_own(directory, monkeypatch):
    import cms.views

    monkeypatch.setattr(cms.views, "DIRECTORY_PER_PAGE", 1)
    client = Client()
    second = client.get("/don-vi/", {"loai": "ward", "page": 2}, HTTP_HOST=PORTAL).content.decode()
    assert listed(second) == ["Ủy ban nhân dân phường Tân Thành"]
    assert 'href="?loai=ward&amp;page=1"' in second
    assert client.get("/don-vi/", HTTP_HOST="anxuyen.camau.localhost").status_code == 404


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(max_size=300),
    kind=st.one_of(st.sampled_from(["ward", "department", ""]), st.text(max_size=20)),
    page=st.one_of(st.integers(-5, 10**12).map(str), st.text(max_size=10)),
)
def test_any_search_answers_without_an_error(directory, query, kind, page):
    response = Client().get("/don-vi/", {"q": query, "loai": kind, "page": page}, HTTP_HOST=PORTAL)
    assert response.status_code == 200
