"""The portal aggregates news from its component sites and says where each story comes from (R11)."""

from __future__ import annotations

import re

from django.test import Client

from tests.opendata.conftest import Province, api_isolation, province  # noqa: F401

PORTAL = "camau.localhost"


def sources(html: str) -> list[str]:
    return re.findall(r'class="news-card__source">[^<]*<a href="[^"]+">([^<]+)</a>', html)


def test_the_portal_home_names_the_site_a_story_comes_from_and_follows_a_rename(province: Province, settings):  # noqa: F811
    """The site of each story is kept between views (cms.queries.SiteDirectory); an agency's rename
    shows on the next view."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CONG_PAGE_CACHE = False  # every view below is rendered
    home = Client().get("/", HTTP_HOST=PORTAL).content.decode()
    assert province.ward_news_for_portal.title in home
    assert sources(home) == [province.ward.name]  # the portal's own stories name no source

    Client().get("/", HTTP_HOST=PORTAL)  # (the first views create the sites' settings rows)
    with CaptureQueriesContext(connection) as queries:
        Client().get("/", HTTP_HOST=PORTAL)
    assert not [q for q in queries.captured_queries if 'FROM "sites_agency"' in q["sql"]]

    province.ward.name = "Ủy ban nhân dân phường An Xuyên (mới)"
    province.ward.save()
    assert sources(Client().get("/", HTTP_HOST=PORTAL).content.decode()) == [
        "Ủy ban nhân dân phường An Xuyên (mới)"
    ]
