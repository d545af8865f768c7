"""The demo has no duplicated stories: wards publish their own news, the portal shows the marked ones."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.test import Client
from wagtail.models import Page

from cms.demo import NEWS, WARD_NEWS, load_content
from cms.models import NewsIndexPage, NewsPage
from sites.models import Agency


def test_demo_news_is_never_copied_and_marked_ward_stories_reach_the_portal(
    portal, make_agency, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    wards = [
        make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD),
        make_agency("Ủy ban nhân dân phường Tân Thành", "tanthanh", Agency.Kind.WARD),
    ]
    # What an earlier demo left: a copy of a provincial story on a ward.
    stale_index = NewsIndexPage(title="Tin tức - Sự kiện", slug="tin-tuc")
    wards[0].site.root_page.add_child(instance=stale_index)
    date, slug, title, summary = NEWS[0]
    stale_index.add_child(instance=NewsPage(title=title, slug=slug, date=date, summary=summary))

    for _run in range(2):  # rerunnable
        load_content(portal.site, [ward.site for ward in wards], progress=lambda line: None)

    titles = Counter(NewsPage.objects.values_list("title", flat=True))
    assert titles and max(titles.values()) == 1, titles
    assert not Page.objects.filter(slug=slug).exclude(path__startswith=portal.site.root_page.path).exists()

    html = Client(HTTP_HOST="camau.localhost").get("/tin-tuc/").content.decode()
    for ward in wards:
        for _date, _slug, story, _summary, on_portal in WARD_NEWS[ward.domain_label]:
            assert html.count(story) == (1 if on_portal else 0), story
            if on_portal:
                assert ward.name in html.split(story, 1)[1].split("</li>", 1)[0]
    for _date, _slug, story, _summary in NEWS:
        assert html.count(story) == 1
    assert NewsPage.objects.filter(show_on_portal=True, date__gte=dt.date(2026, 1, 1)).count() == 2
