"""Agency roles publish only through the editorial workflow: take away Wagtail's publish_page grants that
provisioning used to give the board and the agency administrators (the gate refuses them anyway)."""

from django.db import migrations


def remove_publish_grants(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    AgencyGroup = apps.get_model("sites", "AgencyGroup")
    groups = AgencyGroup.objects.values_list("group_id", flat=True)
    GroupPagePermission.objects.filter(group_id__in=groups, permission__codename="publish_page").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_publication_clearance"),
        ("sites", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_publish_grants, migrations.RunPython.noop)]
