"""A GIN index on what the PostgreSQL search filters on: `title || body` of the search index.

The database search backend matches `(title || body) @@ query`, but Wagtail's migrations index
`title` and `body` apart, which that expression cannot use: without this index every search
reads the index entry of every candidate page (bench/search.py, EXPLAIN ANALYZE). Other
databases have no such filter; there this migration does nothing.
"""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_query_day"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
