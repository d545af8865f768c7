"""`load_demo` is rerunnable on PostgreSQL: a second run updates, and nothing doubles.

(The embedded default's rerun is tested on SQLite in test_processes; this is the production database,
once per run for every app's demo data.)"""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from wagtail.models import Page, Site

from cms.models import LegalDocumentPage
from interaction.models import CitizenRequest
from moderation.models import Submission
from sites.models import Agency


def _counts() -> dict[str, int]:
    return {
        "agencies": Agency.objects.count(),
        "sites": Site.objects.count(),
        "pages": Page.objects.count(),
        "legal documents": LegalDocumentPage.objects.count(),
        "submissions": Submission.objects.count(),
        "citizen requests": CitizenRequest.objects.count(),
    }


def test_demo_reruns_without_doubling(demo_db):
    before = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "legal documents: 0 new, 25 updated" in out.getvalue()
    assert "created" not in out.getvalue()
    assert _counts() == before
    assert before["submissions"] == 24 and before["legal documents"] >= 25
    assert LegalDocumentPage.objects.filter(number="68/2026/QĐ-UBND").count() == 1
