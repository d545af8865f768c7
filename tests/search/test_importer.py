"""`manage.py import_legal_documents`: validation report, nothing half-written, reruns update (R22)."""

from __future__ import annotations

import csv
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cms.models import IssuingAuthority, LegalDocumentPage

from .conftest import make_pdf

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "number": "68/2026/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
        "signer": "Nguyễn Văn A",
        "issued_on": "2026-05-12",
        "effective_on": "28/05/2026",
        "status": "còn hiệu lực",
        "fields": "Công nghệ thông tin; Thông tin, báo chí",
        "title": "Ban hành Quy chế quản lý Cổng Thông tin điện tử",
        "summary": "Quy chế quản lý, vận hành và cung cấp thông tin",
        "body": "QUYẾT ĐỊNH\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n\nĐiều 2. Hiệu lực thi hành.",
        "replaces": "514/QĐ-UBND",
    },
    {
        "number": "514/QĐ-UBND",
        "type": "QĐ",
        "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
        "issued_on": "2012-04-06",
        "expires_on": "2026-05-28",
        "title": "Quy chế phối hợp cung cấp thông tin",
    },
]


def run(path, **options):
    out, err = StringIO(), StringIO()
    call_command("import_legal_documents", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def write_json(tmp_path, rows, name="van-ban.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_import_creates_published_documents_with_relations(legal_index, tmp_path):
    out, _ = run(write_json(tmp_path, GOOD))
    assert "[1/2] 68/2026/QĐ-UBND: created" in out and "2 created, 0 updated" in out
    new = LegalDocumentPage.objects.get(number="68/2026/QĐ-UBND")
    assert new.live and new.get_parent().specific == legal_index
    assert new.status == "in_force" and new.effective_on.isoformat() == "2026-05-28"
    assert sorted(f.name for f in new.fields.all()) == ["Công nghệ thông tin", "Thông tin, báo chí"]
    # The document's title ("QUYẾT ĐỊNH") and each article are headings (cms/legal_text.py).
    assert [b.block_type for b in new.body] == ["heading", "heading", "heading"]
    assert [(r.kind, r.target.number) for r in new.relations.all()] == [("replaces", "514/QĐ-UBND")]
    old = LegalDocumentPage.objects.get(number="514/QĐ-UBND")
    assert old.status == "expired"  # derived from the expiry date
    assert old.document_type.name == "Quyết định"  # matched on the abbreviation


def test_rerun_updates_instead_of_duplicating(legal_index, tmp_path):
    path = write_json(tmp_path, GOOD)
    run(path)
    changed = [dict(GOOD[0], title="Tiêu đề đã sửa", number="68/2026/qđ-ubnd"), GOOD[1]]
    out, _ = run(write_json(tmp_path, changed))
    assert "0 created, 2 updated" in out
    assert LegalDocumentPage.objects.count() == 2
    assert LegalDocumentPage.objects.get(number_key="68/2026/QĐ-UBND").title == "Tiêu đề đã sửa"
    assert IssuingAuthority.objects.filter(name="Ủy ban nhân dân tỉnh Cà Mau").count() == 1


def test_same_number_from_another_issuer_is_another_document(legal_index, tmp_path):
    other = dict(GOOD[1], issuer="Ủy ban nhân dân tỉnh Sóc Trăng")
    run(write_json(tmp_path, [GOOD[1], other]))
    assert LegalDocumentPage.objects.filter(number="514/QĐ-UBND").count() == 2


def test_bad_rows_are_reported_and_nothing_is_written(legal_index, tmp_path):
    rows = [
        GOOD[1],
        {"number": "1/2026", "type": "Quyết định", "issuer": "UBND", "title": "Thiếu ngày"},
        {
            "number": "2/2026",
            "type": "Sắc lệnh",
            "issuer": "UBND",
            "issued_on": "2026-01-01",
            "title": "Loại lạ",
        },
        {
            "number": "3/2026",
            "type": "Quyết định",
            "issuer": "UBND",
            "issued_on": "31/02/2026",
            "title": "Ngày sai",
        },
        {
            "number": "4/2026",
            "type": "Quyết định",
            "issuer": "UBND",
            "issued_on": "2026-01-01",
            "title": "T",
            "status": "đang xem xét",
        },
        {
            "number": "5/2026",
            "type": "Quyết định",
            "issuer": "UBND",
            "issued_on": "2026-01-01",
            "title": "T",
            "file": "khong-co.pdf",
        },
        {
            "number": "6/2026",
            "type": "Quyết định",
            "issuer": "UBND",
            "issued_on": "2026-01-01",
            "title": "T",
            "file": "bang.xlsx",
        },
        {
            "number": "7/2026",
            "type": "Quyết định",
            "issuer": "UBND",
            "issued_on": "2026-01-01",
            "title": "T",
            "amends": "999/2099/XX",
        },
        "not an object",
        dict(GOOD[1]),
    ]
    with pytest.raises(CommandError, match="9 of 10 row"):
        run(write_json(tmp_path, rows))
    assert LegalDocumentPage.objects.count() == 0
    assert IssuingAuthority.objects.filter(name="UBND").count() == 0


def test_bad_rows_report_row_numbers_and_reasons(legal_index, tmp_path):
    rows = [
        GOOD[1],
        {"number": "1/2026", "type": "Quyết định", "issuer": "UBND", "title": "Thiếu ngày"},
        {
            "number": "2/2026",
            "type": "Sắc lệnh",
            "issuer": "UBND",
            "issued_on": "2026-01-01",
            "title": "Loại lạ",
        },
    ]
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_legal_documents", str(write_json(tmp_path, rows)), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    assert "row 2: issued_on is required" in report
    assert "row 3: type “Sắc lệnh” is not in the list of document types" in report
    assert "row 1" not in report


def test_csv_import_with_attachment(legal_index, tmp_path):
    pdf = make_pdf("Noi dung dinh kem")
    (tmp_path / "qd.pdf").write_bytes(pdf.file.open("rb").read())
    path = tmp_path / "van-ban.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["number", "type", "issuer", "issued_on", "title", "file"])
        writer.writeheader()
        writer.writerow(
            {
                "number": "10/2026/QĐ-UBND",
                "type": "Quyết định",
                "issuer": "UBND tỉnh",
                "issued_on": "2026-03-01",
                "title": "Quyết định có tệp",
                "file": "qd.pdf",
            }
        )
    run(path)
    page = LegalDocumentPage.objects.get(number="10/2026/QĐ-UBND")
    assert [a.document.file_extension for a in page.attachments.all()] == ["pdf"]
    run(path)  # a rerun attaches the same file once
    assert LegalDocumentPage.objects.get(pk=page.pk).attachments.count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.json", "does not exist"),
        ("{not json", "bad.json", "is not valid JSON"),
        ('{"rows": 1}', "obj.json", "must hold a list"),
        ("number,title\n1,x\n", "few.csv", "lacks the required column"),
        ("a", "x.txt", "use a .json or .csv file"),
        ("[]", "empty.json", "holds no documents"),
    ],
)
def test_unreadable_files_fail_with_a_sentence(legal_index, tmp_path, content, name, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path)


def test_without_a_listing_page_the_command_says_what_to_do(portal, tmp_path):
    with pytest.raises(CommandError, match="no legal document listing page"):
        run(write_json(tmp_path, GOOD))
