"""Notifications about placements used to carry the farm's reason for a proposed change, the buyer's
answer and why a placement ended: text that may name the participant or their health, readable in
«Varsler» without a trace in the access log. Their text is cleared; the title and the link to the
placement's page (which logs the read) stay."""

from django.db import migrations


def clear_placement_texts(apps, schema_editor):
    Notification = apps.get_model("core", "Notification")
    Notification.objects.filter(url__startswith="/plasser/").exclude(body="").update(body="")


class Migration(migrations.Migration):
    dependencies = [
        ("care", "0003_placement_one_open"),
        ("core", "0003_notification"),
    ]

    operations = [migrations.RunPython(clear_placement_texts, migrations.RunPython.noop)]
