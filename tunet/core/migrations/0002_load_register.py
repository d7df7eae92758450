from django.db import migrations

from tunet.core.register import load_register


def load(apps, schema_editor):
    load_register(
        apps.get_model("core", "County"), apps.get_model("core", "Municipality"), apps.get_model("core", "PostalCode")
    )


def unload(apps, schema_editor):
    for name in ("PostalCode", "Municipality", "County"):
        apps.get_model("core", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
