"""Text typed or pasted in decomposed Unicode (NFD) is stored NFC (TCVN 6909, R90)."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.db import connection
from wagtail.models import Revision

from cms.models import NewsCategory, NewsIndexPage, NewsPage, WorkScheduleIndexPage, WorkSchedulePage
from cms.models.direction import ScheduleEntry
from tests.conftest import refresh_search_index

from .conftest import get, publish

WORD = "Tiếng Việt Cà Mau Đất Mũi"
NFD = unicodedata.normalize("NFD", WORD)


def is_nfc(value: str) -> bool:
    return unicodedata.is_normalized("NFC", value)


def test_decomposed_input_is_stored_nfc_everywhere(home, image):
    assert NFD != WORD  # the test input really is decomposed

    category = NewsCategory.objects.create(name=NFD, slug="tieng-viet")
    index = publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    page = NewsPage(
        title=NFD,
        slug="nfd",
        date=dt.date(2026, 6, 1),
        summary=f"{NFD} tóm tắt".replace("tóm tắt", unicodedata.normalize("NFD", "tóm tắt")),
        author=NFD,
        body=[("heading", NFD), ("paragraph", f"<p>{NFD}</p>")],
        dc_subject=NFD,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()

    schedules = publish(home, WorkScheduleIndexPage(title="Lịch", slug="lich"))
    week = WorkSchedulePage(title="Tuần", slug="tuan", week_start=dt.date(2026, 6, 1))
    week.entries = [ScheduleEntry(date=dt.date(2026, 6, 1), leader=NFD, content=NFD, venue=NFD)]
    publish(schedules, week)
    image.title = NFD
    image.save()

    # Read back straight from the database, not from the instances we wrote.
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM wagtailcore_page WHERE slug = 'nfd'")
        assert cursor.fetchone()[0] == WORD
    stored = NewsPage.objects.get(slug="nfd")
    assert stored.title == WORD and stored.author == WORD and stored.dc_subject == WORD
    assert is_nfc(stored.summary)
    assert stored.body[0].value == WORD
    assert WORD in stored.body[1].value.source
    assert NewsCategory.objects.get(pk=category.pk).name == WORD
    assert Revision.objects.get(pk=revision.pk).content["title"] == WORD
    assert ScheduleEntry.objects.get().leader == WORD
    image.refresh_from_db()
    assert image.title == WORD

    # The public page shows it composed, and a search typed in NFC finds it.
    html = get("camau.localhost", stored.url).content.decode()
    assert WORD in html and NFD not in html
    refresh_search_index()
    assert stored.pk in [hit.pk for hit in NewsPage.objects.live().search("Đất Mũi")]


def test_agency_and_snippet_edits_are_normalised(portal):
    portal.head_name = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    portal.save()
    portal.refresh_from_db()
    assert portal.head_name == "Nguyễn Thị Hồng"
