"""Vietnamese (the source) and English (always published) exist from the start; idempotent."""

from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("vi", "en"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("localization", "0001_language_settings")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
