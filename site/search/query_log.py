"""Counting what visitors search for, per language and day, for the editors' report.

One statement per search: an upsert that adds one to the day's row or creates it, so two
visitors searching at the same moment never lose a count. Rows older than KEEP_DAYS are purged
(`manage.py purge_search_queries`, or the `purge_search_queries` task).
"""

import datetime

from django.db import connection
from django.utils import timezone

from search.models import SearchQueryDay

KEEP_DAYS = 90


def record_search(language, query, *, found):
    """Count one search for `query` (a cleaned `SearchQuery`) in `language`; `found`: whether
    the visitor was shown anything."""
    if not query.text:
        return
    meta = SearchQueryDay._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    column = {name: quote(meta.get_field(name).column) for name in _COLUMNS}
    searches, zero = column["searches"], column["zero_result_searches"]
    if connection.vendor == "postgresql":
        # The commit of a count does not wait for the disk (synchronous_commit off for this
        # transaction only): the WAL flush cost every results page milliseconds, more on a busy
        # disk. A crash may lose the last counts, never corrupt them.
        prefix = "WITH unsynced AS (SELECT set_config('synchronous_commit', 'off', true)) "
        row = "SELECT %s, %s, %s, 1, %s FROM unsynced"
    else:
        prefix, row = "", "VALUES (%s, %s, %s, 1, %s)"
    # INSERT ... ON CONFLICT DO UPDATE: the same syntax on PostgreSQL and SQLite (>= 3.24).
    sql = (
        f"{prefix}INSERT INTO {table} ({', '.join(column.values())}) {row} "
        f"ON CONFLICT ({column['language']}, {column['query']}, {column['date']}) DO UPDATE SET "
        f"{searches} = {table}.{searches} + 1, "
        f"{zero} = {table}.{zero} + excluded.{zero}"
    )
    params = [language, query.normalised, timezone.localdate(), 0 if found else 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


_COLUMNS = ["language", "query", "date", "searches", "zero_result_searches"]


def purge_old_searches(days=KEEP_DAYS):
    """Delete the counts of days more than `days` ago; returns how many rows went."""
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    deleted, _by_model = SearchQueryDay.objects.filter(date__lt=cutoff).delete()
    return deleted
