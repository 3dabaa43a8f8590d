"""An index on the page id as text, which the PostgreSQL search joins its index entries on.

modelsearch joins a page to its index entry on `entry.object_id = page.id::varchar(50)` (the
entry's id is text, for any model's key). No index holds that expression, so every search read
every page of the language to hash them, even when a rare word matched a few entries: with this
one the planner looks up the pages of the matching entries instead, whenever they are fewer
(bench/search.py --explain). Other databases have no such join; there this migration does
nothing.
"""

from django.db import migrations

INDEX_NAME = "search_page_id_text"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailcore", "Page")._meta.db_table
        # The very expression of the join (Django's Cast of the id to the entry's varchar(50)).
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} ((id::varchar(50)))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_indexentry_title_body_gin"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
