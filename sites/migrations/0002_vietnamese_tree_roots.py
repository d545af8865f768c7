"""Wagtail's root page and root collection are named "Root" (in English) on installation; editors and
operators see them in the explorer, breadcrumbs and collection lists."""

from django.db import migrations

ROOT_NAME = "Gốc"


def name_roots(apps, schema_editor) -> None:
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_NAME, draft_title=ROOT_NAME)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_NAME)


def keep_names(apps, schema_editor) -> None:
    """Going back leaves the Vietnamese names: nothing depends on the English ones."""


class Migration(migrations.Migration):
    dependencies = [("sites", "0001_initial")]

    operations = [migrations.RunPython(name_roots, keep_names)]
