"""The seven reasons CM26 Art 14.4 gives for refusing to publish (Quyết định 68/2026/QĐ-UBND, Cà Mau)."""

from django.db import migrations

REASONS = [
    ("a", "Trái chủ trương, chính sách của Đảng, pháp luật Nhà nước", "Điều 14.4.a"),
    ("b", "Thuộc bí mật nhà nước hoặc chưa được phép công khai", "Điều 14.4.b"),
    ("c", "Không đúng sự thật", "Điều 14.4.c"),
    ("d", "Không rõ nguồn gốc, không đảm bảo chất lượng", "Điều 14.4.d"),
    ("đ", "Thuộc danh mục pháp luật cấm đăng tải", "Điều 14.4.đ"),
    ("e", "Không đảm bảo tiêu chuẩn, định dạng kỹ thuật theo quy định", "Điều 14.4.e"),
    ("ê", "Không đúng lĩnh vực do đơn vị cung cấp thông tin phụ trách", "Điều 14.4.ê"),
]


def add_reasons(apps, schema_editor):
    RejectionReason = apps.get_model("moderation", "RejectionReason")
    for order, (code, label, clause) in enumerate(REASONS):
        RejectionReason.objects.get_or_create(
            code=code, defaults={"label": label, "clause": clause, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_editorial_workflow")]

    operations = [migrations.RunPython(add_reasons, migrations.RunPython.noop)]
