"""The document types of the Law on Promulgation of Legal Documents and Decree 30/2020 (managed list)."""

from django.db import migrations

DOCUMENT_TYPES = [
    # (name, abbreviation in numbers, legal normative document)
    ("Hiến pháp", "", True),
    ("Luật", "", True),
    ("Pháp lệnh", "PL", True),
    ("Nghị quyết", "NQ", True),
    ("Nghị định", "NĐ", True),
    ("Quyết định", "QĐ", True),
    ("Thông tư", "TT", True),
    ("Thông tư liên tịch", "TTLT", True),
    ("Chỉ thị", "CT", False),
    ("Kế hoạch", "KH", False),
    ("Công văn", "", False),
    ("Thông báo", "TB", False),
    ("Hướng dẫn", "HD", False),
    ("Báo cáo", "BC", False),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("cms", "DocumentType")
    for order, (name, abbreviation, normative) in enumerate(DOCUMENT_TYPES):
        DocumentType.objects.get_or_create(
            name=name,
            defaults={"abbreviation": abbreviation, "is_legal_normative": normative, "sort_order": order * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_legal_documents_and_procedures")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
