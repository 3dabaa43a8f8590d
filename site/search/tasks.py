"""Background work of the search app (django-tasks; see TASKS in settings)."""

from django_tasks import task

from search.query_log import KEEP_DAYS, purge_old_searches


@task()
def purge_search_queries(days=KEEP_DAYS):
    """The task form of `manage.py purge_search_queries`, for a scheduler to enqueue."""
    return purge_old_searches(days)
