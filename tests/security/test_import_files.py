"""Issue 11 hole 5: the legal-document import attaches the right file (by content), writes files only
when its transaction commits, and checks every length in the row check."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.documents import get_document_model

from cms.models import IssuingAuthority, LegalDocumentPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def row(number: str, file: str = "", **extra) -> dict:
    data = {
        "number": number,
        "type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
        "issued_on": "2026-05-12",
        "title": f"Quyết định {number}",
    }
    if file:
        data["file"] = file
    data.update(extra)
    return data


def pdf(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n" + text.encode() + b"\n%%EOF\n")


def run(path: Path, capture) -> str:
    """Run the command; files are written by on-commit callbacks, which the test runs as a commit."""
    out = StringIO()
    with capture(execute=True):
        call_command("import_legal_documents", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT) / "documents"
    return {str(p) for p in root.rglob("*")} if root.exists() else set()


def test_same_name_in_two_folders_are_two_documents(
    legal_index, tmp_path, django_capture_on_commit_callbacks
):
    pdf(tmp_path / "a" / "qd.pdf", "van ban A")
    pdf(tmp_path / "b" / "qd.pdf", "van ban B")
    pdf(tmp_path / "c" / "ban-sao.pdf", "van ban A")  # A's content under another name
    source = tmp_path / "van-ban.json"
    rows = [
        row("1/2026/QĐ-UBND", "a/qd.pdf"),
        row("2/2026/QĐ-UBND", "b/qd.pdf"),
        row("3/2026/QĐ-UBND", "c/ban-sao.pdf"),
    ]
    source.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    run(source, django_capture_on_commit_callbacks)

    def content(number: str) -> bytes:
        page = LegalDocumentPage.objects.get(number=number)
        (attachment,) = page.attachments.all()
        with attachment.document.file.open("rb") as handle:
            return handle.read()

    assert b"van ban A" in content("1/2026/QĐ-UBND")
    assert b"van ban B" in content("2/2026/QĐ-UBND")
    first = LegalDocumentPage.objects.get(number="1/2026/QĐ-UBND").attachments.get().document_id
    third = LegalDocumentPage.objects.get(number="3/2026/QĐ-UBND").attachments.get().document_id
    assert first == third  # one content, one document
    assert get_document_model().objects.count() == 2
    # A rerun neither duplicates documents nor files.
    files = stored_files()
    run(source, django_capture_on_commit_callbacks)
    assert get_document_model().objects.count() == 2 and stored_files() == files


def test_a_failed_import_leaves_no_file_behind(legal_index, tmp_path, django_capture_on_commit_callbacks):
    for n in range(3):
        pdf(tmp_path / f"qd-{n}.pdf", f"noi dung {n}")
    source = tmp_path / "van-ban.json"
    rows = [row(f"{n}/2026/QĐ-UBND", f"qd-{n}.pdf") for n in range(3)]
    source.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    before = stored_files()

    class Killed(Exception):
        pass

    # The transaction dies after the rows were written (a killed process or a database error at the
    # end has the same effect: no commit).
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Killed), transaction.atomic():
        call_command("import_legal_documents", str(source), stdout=StringIO(), stderr=StringIO())
        raise Killed
    assert stored_files() == before
    assert not get_document_model().objects.exists()


def test_overlong_values_are_refused_in_the_row_check(legal_index, tmp_path):
    source = tmp_path / "van-ban.json"
    rows = [
        row("1/2026/QĐ-UBND"),
        row("2/2026/QĐ-UBND", issuer="Ủy ban " * 50),
        row("3/2026/QĐ-UBND", fields="Lĩnh vực " * 40),
        row("4/2026/QĐ-UBND", signer="Nguyễn " * 50),
    ]
    source.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_legal_documents", str(source), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    assert "row 2: issuer is longer than 255" in report
    assert "row 3: field" in report and "row 4: signer is longer than 255" in report
    assert not LegalDocumentPage.objects.exists()
    assert not IssuingAuthority.objects.filter(name__startswith="Ủy ban Ủy ban").exists()
