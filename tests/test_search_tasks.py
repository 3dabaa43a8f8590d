"""Search index updates off the request path (search/tasks.py): with the database queue of
django-tasks-db, publishing and deleting only enqueue the index work, the worker
(`manage.py db_worker`) does it, and a cluster that is down slows neither down nor breaks them.
"""

import io
import json
import logging
import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus, task_backends
from django_tasks.signals import task_enqueued
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from search.backends.elasticsearch import breaker
from tests.elasticsearch_standin import refusing_url
from tests.test_search_elasticsearch import (
    sorted_pks,
    track_and_pages_showing_it,
    use_elasticsearch,
)
from tests.test_settings import SITE_DIR

pytestmark = pytest.mark.django_db

UPDATE_TASK = "modelsearch.tasks.insert_or_update_object_task"
DELETE_TASK = "search.tasks.delete_from_elasticsearch_task"
REINDEX_TASK = "search.tasks.reindex_referring_page_task"
RARE_WORD = "Zeldzaamwoord"


@pytest.fixture(autouse=True)
def _closed_breaker():
    breaker.reset()
    yield
    breaker.reset()


@pytest.fixture
def queue(settings):
    """The production task backend: tasks wait in the database for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The task backends are cached; django-tasks drops them when TASKS changes.
    assert isinstance(task_backends["default"], DatabaseBackend)


@contextmanager
def _worker_side_effects_undone():
    # db_worker sets its loggers' levels and takes over SIGINT/SIGTERM: not in the test run.
    signals = [s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGQUIT", None)) if s]
    handlers = {s: signal.getsignal(s) for s in signals}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = {logger: logger.level for logger in loggers}
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for logger, level in levels.items():
            logger.setLevel(level)


def run_worker():
    """`manage.py db_worker --batch`: run the queued tasks, then stop."""
    # The worker closes stale connections between tasks, which would close the test's
    # transaction (on PostgreSQL): here there is nothing stale.
    with _worker_side_effects_undone(), mock.patch.object(db_worker, "close_old_connections"):
        call_command(
            "db_worker",
            batch=True,
            interval=0,
            startup_delay=False,
            reload=False,
            stdout=io.StringIO(),
        )


def rename(page, title):
    page = Page.objects.get(pk=page.pk).specific
    page.title = title
    return page


def found(text, backend="default"):
    return sorted_pks(Page.objects.live().search(text, backend=backend))


def queued(task_path):
    return [
        result.args_kwargs["args"]
        for result in DBTaskResult.objects.ready()
        if result.task_path == task_path
    ]


def page_documents(cluster, page):
    return [
        request
        for request in cluster.requests
        if "_doc" in request.segments and request.segments[-1] == str(page.pk)
    ]


# ---------------------------------------------------------------------------------------------
# Updates and deletes wait for the worker


def test_publishing_queues_the_index_update_for_the_worker(bilingual, queue):
    page = rename(bilingual.nl.urban, f"Urban Professional {RARE_WORD}")

    page.save_revision().publish()

    assert [page._meta.app_label, page._meta.model_name, str(page.pk)] in queued(UPDATE_TASK)
    assert found(RARE_WORD) == []  # the request did not update the index

    run_worker()

    assert found(RARE_WORD) == track_and_pages_showing_it(bilingual, page)
    assert not DBTaskResult.objects.ready().exists()


def test_the_cluster_is_only_called_by_the_worker(settings, bilingual, queue, cluster):
    use_elasticsearch(settings, cluster.url)
    page = rename(bilingual.nl.urban, f"Urban Professional {RARE_WORD}")

    page.save_revision().publish()

    assert cluster.requests == []
    run_worker()
    documents = [request.body for request in page_documents(cluster, page)]
    assert documents and documents[-1]["title"] == f"Urban Professional {RARE_WORD}"
    # The database index, the fallback, is updated by the same task.
    assert found(RARE_WORD, backend="database") == track_and_pages_showing_it(bilingual, page)


def test_deleting_leaves_the_clusters_delete_to_the_worker(settings, bilingual, queue, cluster):
    use_elasticsearch(settings, cluster.url)
    case = Page.objects.get(pk=bilingual.nl.cases[0].pk).specific

    case.delete()

    assert cluster.requests == []
    assert [case._meta.app_label, case._meta.model_name, str(case.pk)] in queued(DELETE_TASK)
    run_worker()
    # modelsearch hears the delete for the page and its specific model: the same document.
    methods = [request.method for request in page_documents(cluster, case)]
    assert methods and set(methods) == {"DELETE"}
    assert not DBTaskResult.objects.ready().exists()


def test_the_pages_showing_a_published_page_are_indexed_once_and_again_on_unpublishing(bilingual):
    queued_now = []

    def receiver(sender, task_result, **kwargs):
        if task_result.task.name == "reindex_referring_page_task":
            queued_now.append(int(task_result.args[-1]))

    task_enqueued.connect(receiver, weak=False)
    try:
        page = rename(bilingual.nl.urban, f"Urban Professional {RARE_WORD}")
        page.save_revision().publish()
        showing = sorted(queued_now)
        queued_now.clear()
        page.unpublish()
    finally:
        task_enqueued.disconnect(receiver)

    # Once each (Wagtail sends two signals for a page's publishing), every language version.
    assert len(showing) == len(set(showing))
    assert set(track_and_pages_showing_it(bilingual, page)) - {page.pk} <= set(showing)
    # Unpublished, the track's title is in no entry of a page that shows it any more.
    assert sorted(queued_now) == showing
    assert found(RARE_WORD) == []


# ---------------------------------------------------------------------------------------------
# A cluster that is down


def test_publishing_does_not_wait_for_the_cluster(settings, bilingual, queue, cluster):
    # Publishing only queues the index update: the cluster (one that fails, here) is not asked
    # at all while the editor waits, so however it behaves, it cannot slow publishing down.
    cluster.fail_status = 503
    use_elasticsearch(settings, cluster.url)
    page = rename(bilingual.nl.urban, f"Urban Professional {RARE_WORD}")
    asked_before = len(cluster.requests)

    page.save_revision().publish()

    assert len(cluster.requests) == asked_before
    page.refresh_from_db()
    assert page.live and page.title == f"Urban Professional {RARE_WORD}"
    assert queued(UPDATE_TASK)


def test_the_worker_logs_a_cluster_failure_and_goes_on(settings, bilingual, queue, caplog):
    use_elasticsearch(settings, refusing_url())
    caplog.set_level(logging.WARNING, logger="search.backends")
    page = rename(bilingual.nl.urban, f"Urban Professional {RARE_WORD}")
    page.save_revision().publish()
    # The case shows the track: its entry, queued for an update, is gone before the worker.
    case = Page.objects.get(pk=bilingual.nl.cases[0].pk).specific
    case.delete()

    run_worker()

    warnings = [record for record in caplog.records if record.name == "search.backends"]
    assert any("add of" in record.getMessage() for record in warnings)
    assert any("delete of" in record.getMessage() for record in warnings)
    # Every task ran to its end: nothing waits, nothing failed.
    assert not DBTaskResult.objects.ready().exists()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }
    # Including the update of the deleted case, which has no entry left to update.
    reindexed = DBTaskResult.objects.filter(task_path=REINDEX_TASK)
    assert [case._meta.app_label, case._meta.model_name, str(case.pk)] in [
        result.args_kwargs["args"] for result in reindexed
    ]
    assert found(RARE_WORD, backend="database") == track_and_pages_showing_it(
        bilingual, page, gone=[case]
    )


def test_a_failing_task_is_logged_and_the_worker_goes_on(bilingual, queue, caplog):
    # The page is deleted before the worker reaches its update, which then cannot load it.
    doomed = rename(bilingual.nl.cases[0], "Verdwenen")
    doomed.save_revision().publish()
    doomed.delete()
    page = rename(bilingual.nl.urban, f"Urban Professional {RARE_WORD}")
    page.save_revision().publish()

    run_worker()

    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED, task_path=UPDATE_TASK)
    assert {result.args_kwargs["args"][-1] for result in failed} == {str(doomed.pk)}
    assert any(
        record.name == "django_tasks" and record.levelno == logging.ERROR
        for record in caplog.records
    )
    assert found(RARE_WORD) == track_and_pages_showing_it(bilingual, page, gone=[doomed])


# ---------------------------------------------------------------------------------------------
# Settings

PRINT_TASKS_BACKEND = "import importlib, json; print(json.dumps(importlib.import_module({module!r}).TASKS['default']['BACKEND']))"


def tasks_backend(module, **env):
    environment = {k: v for k, v in os.environ.items() if k != "TASKS_BACKEND"}
    environment.update(env, PYTHONPATH=str(SITE_DIR), SECRET_KEY="x" * 60)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_TASKS_BACKEND.format(module=module)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_queues_tasks_in_the_database_unless_told_otherwise():
    assert tasks_backend("config.settings.production") == "django_tasks_db.DatabaseBackend"
    immediate = "django_tasks.backends.immediate.ImmediateBackend"
    assert tasks_backend("config.settings.production", TASKS_BACKEND=immediate) == immediate


def test_development_and_the_demo_run_tasks_at_once_without_a_worker():
    assert tasks_backend("config.settings.dev") == (
        "django_tasks.backends.immediate.ImmediateBackend"
    )
