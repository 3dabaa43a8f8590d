"""Background work of the search app, through django-tasks (settings TASKS): index work off
the request path, and the purge of the query log.

Updates: on every save of an indexed object modelsearch enqueues its own
`insert_or_update_object_task` (modelsearch/signal_handlers.py), which updates every backend.
In production the tasks wait in the database (django-tasks-db) for `manage.py db_worker`;
in development, the demo and the tests they run at once (ImmediateBackend).

Deletes: modelsearch removes an object from each backend in the request itself (its
post_delete handler calls `backend.delete`). The database index is local, and its rows go with
the object anyway (a GenericRelation cascade), so only the cluster's delete is moved: the
Elasticsearch backend's `delete` enqueues `delete_from_elasticsearch_task` below.

Pages showing a changed page or snippet: `reindex_referring_page_task` (queued by
search/referring.py) indexes such a page again, unless it has been deleted since it was queued:
then it has no entry to update, which is no failure.

The did-you-mean vocabulary: `rebuild_search_vocabulary` reads a language's words again
(queued by search/suggestions.py, which explains when), so that no search has to.

Time: neither task backend enforces a timeout, so each task is bounded by its work: one
request per Elasticsearch backend, at most TIMEOUT (1 s) and never retried, none while the
breaker is open (search/backends/elasticsearch.py). A cluster failure is logged on
`search.backends` and the task ends; anything else fails the task, which django-tasks logs.
Neither reaches the save that enqueued the task.
"""

from django.apps import apps
from django_tasks import task
from modelsearch import index
from modelsearch.backends import get_search_backends

from search.backends.elasticsearch import SearchBackend
from search.query_log import KEEP_DAYS, purge_old_searches
from search.suggestions import rebuild_vocabulary


@task()
def delete_from_elasticsearch_task(app_label, model_name, pk):
    # The object is gone: an unsaved instance with its pk is all the cluster's delete needs
    # (the document id and the model's index).
    obj = apps.get_model(app_label, model_name)(pk=pk)
    for backend in get_search_backends(with_auto_update=True):
        if isinstance(backend, SearchBackend):
            backend.delete_now(obj)


@task()
def purge_search_queries(days=KEEP_DAYS):
    """The task form of `manage.py purge_search_queries`, for a scheduler to enqueue."""
    return purge_old_searches(days)


@task()
def reindex_referring_page_task(app_label, model_name, pk):
    page = apps.get_model(app_label, model_name)._default_manager.filter(pk=pk).first()
    if page is not None:
        index.insert_or_update_object(page)


@task()
def rebuild_search_vocabulary(language_code, model_labels):
    """The did-you-mean words of `language_code` in pages of `model_labels` ("app.Model")."""
    models = [apps.get_model(label) for label in model_labels]
    return len(rebuild_vocabulary(language_code, models))  # a count: the result is stored
