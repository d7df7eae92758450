from django.db import migrations

from tunet.catalogue.reference import load_reference


def load(apps, schema_editor):
    load_reference(apps)


def unload(apps, schema_editor):
    for name in ("TargetGroup", "Animal", "Activity", "Language"):
        apps.get_model("catalogue", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
