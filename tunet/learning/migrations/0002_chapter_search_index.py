"""A GIN index over the chapters' search vector, on PostgreSQL only.

Django's GinIndex would also be created on SQLite, which has no such index; there the search
reads the stored stems instead (learning/search.py), so this migration does nothing.
"""

from django.db import migrations

INDEX = "learning_chapter_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON learning_chapter USING gin (search_vector)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
