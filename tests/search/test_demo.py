"""The demo portal's search finds the seed regulations by number and by words without diacritics."""

from __future__ import annotations

import re
from io import StringIO

from django.core.management import call_command
from wagtail.models import Page, Site

from cms.models import LegalDocumentPage
from interaction.models import CitizenRequest
from moderation.models import Submission


def demo_counts() -> dict[str, int]:
    return {
        "sites": Site.objects.count(),
        "pages": Page.objects.count(),
        "submissions": Submission.objects.count(),
        "citizen requests": CitizenRequest.objects.count(),
    }


def first_results(search_page, query: str, n: int = 3) -> list[str]:
    html = search_page(query, tab="documents").content.decode()
    listing = html[html.index('class="search-results"') :]
    return re.findall(r'<a href="[^"]+">[^<:]*? ([\w/…-]+/[\w-]+): ', listing)[:n]


def test_demo_portal_search_finds_the_seed_regulations(demo_search_db, search_page):
    # The demo reruns on PostgreSQL without doubling anything (the embedded default's rerun is tested on
    # SQLite in test_processes).
    before = demo_counts()
    out = StringIO()
    call_command("load_demo", stdout=out)  # idempotent: the documents are updated, not duplicated
    assert "legal documents: 0 new, 25 updated" in out.getvalue()
    assert "created" not in out.getvalue()
    assert demo_counts() == before
    assert LegalDocumentPage.objects.filter(number="68/2026/QĐ-UBND").count() == 1

    assert first_results(search_page, "68/2026/QĐ-UBND")[0] == "68/2026/QĐ-UBND"
    assert first_results(search_page, "68/2026")[0] == "68/2026/QĐ-UBND"
    assert first_results(search_page, "07/2019")[0] == "07/2019/QĐ-UBND"
    assert first_results(search_page, "nghi dinh 42 2022")[0] == "42/2022/NĐ-CP"
    assert first_results(search_page, "an ninh mang")[0] == "24/2018/QH14"
    unaccented = first_results(search_page, "quy che quan ly cong thong tin dien tu tinh soc trang", n=5)
    assert "07/2019/QĐ-UBND" in unaccented
    # A phrase of the full text (Điều 5 of QĐ 68/2026), typed without diacritics.
    assert "68/2026/QĐ-UBND" in first_results(search_page, "ten mien tieng viet khong dau viet lien", n=5)
