"""Contact requests while the mail server is unusable: how long storing a request takes, and
whether every mail goes out, once, when the server is back.

    .venv/bin/python bench/contact_mail.py [--requests 200] [--smtp black_hole] [--timeout 1]
        [--immediate 5] [--database-url sqlite:////tmp/bench_contact_mail.sqlite3]

Builds a fresh database with a home and a contact page (a temporary SQLite file unless --database-url names a database whose
name starts with `bench_`; it is migrated, and its contact requests and tasks are removed
first), points Django's SMTP backend at the stand-in server of tests/smtp_standin.py in the
--smtp mode (black_hole: accepts connections and never answers; refuse, reject, hang_up, down)
with EMAIL_TIMEOUT = --timeout, and, with the production task backend (django-tasks-db):

1. posts --requests intake requests through the contact page (Django's test client, the whole
   view: form, spam checks, the request and its mails stored in one transaction, the redirect)
   and prints the response time: p50, p95, max, and how many mail connections they opened;
2. for comparison, stores --immediate requests with ImmediateBackend (the development setup:
   the mail is sent in the request, after the commit) and prints the same figures;
3. runs the worker (`db_worker --batch`) while the server refuses: every mail has failed once;
4. brings the server back, lets the first retry delay pass (moves the due times of the mails
   and their deferred tasks to now), runs the worker, then the worker and
   `send_pending_contact_mails` once more, and prints the mails received after each run
   (expected: 2 per request, once).

Figures only, on a shared machine: noisy; nothing is asserted here.
"""

import argparse
import io
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))
sys.path.insert(0, str(ROOT))

from bench.django_setup import setup_django  # noqa: E402

QUEUE_BACKEND = "django_tasks_db.DatabaseBackend"
IMMEDIATE_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"


def use(standin, timeout, tasks_backend):
    """Mail to `standin`, background work through `tasks_backend`, from now on."""
    from django.test.utils import override_settings

    # override_settings tells django-tasks to drop the task backends it caches.
    override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=standin.host,
        EMAIL_PORT=standin.port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=timeout,
        TASKS={"default": {"BACKEND": tasks_backend}},
        # A script posts at once after reading the form: not a reason for suspicion here.
        CONTACT_FORM_MIN_SECONDS=0,
    ).enable()


def build_contact_page():
    """A home page with the contact page under it (tests/builders.py, tests/factories.py): the
    URL the requests are posted to."""
    from contact.models import ContactPage
    from tests.builders import build_site
    from tests.factories import ContactPageFactory

    page = ContactPage.objects.first()
    if page is None:
        page = ContactPageFactory(parent=build_site().home)
    return page.url


def post_request(client, url, number):
    """An intake posted through the contact page as a browser would (status 302 when stored);
    each from its own address, so the rate limit leaves them alone."""
    from contact.spam import new_token

    data = {
        "kind": "intake",
        "name": f"Bezoeker {number}",
        "email": f"bezoeker{number}@example.org",
        "organisation": "Gemeente Voorbeeld",
        "role": "HR-adviseur",
        "message": "Wij willen graag in het voorjaar starten.",
        "group_size": "12",
        "preferred_period": "voorjaar 2027",
        "consent": "on",
        "website": "",
        "form_token": new_token(),
    }
    address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
    response = client.post(url, data, REMOTE_ADDR=address, HTTP_HOST="localhost")
    if response.status_code != 302:
        raise SystemExit(f"request {number}: status {response.status_code}, not stored")


def timed_requests(count, standin, url, first=0):
    from django.test import Client

    client = Client()
    connections_before = standin.connections
    durations = []
    for number in range(first, first + count):
        started = time.perf_counter()
        post_request(client, url, number)
        durations.append((time.perf_counter() - started) * 1000)
    return durations, standin.connections - connections_before


def describe(durations):
    ordered = sorted(durations)
    p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
    return (
        f"p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   max {ordered[-1]:7.1f} ms"
    )


def run_worker():
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(
        "db_worker",
        batch=True,
        interval=0,
        startup_delay=False,
        reload=False,
        verbosity=0,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return time.perf_counter() - started


def first_retry_delay_passes():
    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    from contact.models import ContactMail, MailStatus

    now = timezone.now()
    ContactMail.objects.filter(status=MailStatus.PENDING).update(next_attempt_at=now)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(
        run_after=get_date_max()
    ).update(run_after=now)


def mail_statuses():
    from django.db.models import Count

    from contact.models import ContactMail

    rows = ContactMail.objects.values("status").annotate(n=Count("pk")).order_by("status")
    return ", ".join(f"{row['status']} {row['n']}" for row in rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--immediate", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=1.0, help="EMAIL_TIMEOUT, seconds")
    parser.add_argument(
        "--smtp",
        default="black_hole",
        choices=["black_hole", "refuse", "reject", "hang_up", "down"],
    )
    parser.add_argument("--database-url")
    args = parser.parse_args()

    url = args.database_url
    scratch = None
    if url is None:
        scratch = tempfile.mkdtemp(prefix="bench-contact-mail-")
        url = f"sqlite:///{scratch}/db.sqlite3"
    elif not urlsplit(url).path.lstrip("/").rsplit("/", 1)[-1].startswith("bench_"):
        parser.error("--database-url must name a database starting with bench_")
    setup_django(url)
    # Each failed attempt is logged as a warning: hundreds of them here.
    logging.getLogger("contact.tasks").setLevel(logging.ERROR)

    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from contact.models import ContactRequest
    from contact.tasks import send_due_mails
    from tests.smtp_standin import ACCEPT, REFUSE, SmtpStandIn

    print(f"database {url}: migrating ...", flush=True)
    call_command("migrate", verbosity=0)
    ContactRequest.objects.all().delete()
    DBTaskResult.objects.all().delete()
    contact_url = build_contact_page()

    standin = SmtpStandIn(args.smtp)
    try:
        use(standin, args.timeout, QUEUE_BACKEND)
        durations, connections = timed_requests(args.requests, standin, contact_url)
        print(
            f"\n1. {args.requests} requests, queue backend, SMTP {args.smtp}, "
            f"EMAIL_TIMEOUT {args.timeout:g} s:\n   {describe(durations)}   "
            f"mail connections opened: {connections}"
        )

        if args.immediate:
            use(standin, args.timeout, IMMEDIATE_BACKEND)
            first_pk = ContactRequest.objects.order_by("pk").last().pk
            durations, connections = timed_requests(
                args.immediate, standin, contact_url, first=args.requests
            )
            print(
                f"2. {args.immediate} requests, immediate backend (development), SMTP "
                f"{args.smtp}:\n   {describe(durations)}   mail connections opened: "
                f"{connections}"
            )
            # Their mails have no queued task: out of the counts below.
            ContactRequest.objects.filter(pk__gt=first_pk).delete()

        use(standin, args.timeout, QUEUE_BACKEND)
        standin.set_mode(REFUSE)
        seconds = run_worker()
        print(f"3. worker with SMTP refusing: {seconds:.1f} s; mails: {mail_statuses()}")

        standin.set_mode(ACCEPT)
        first_retry_delay_passes()
        expected = 2 * ContactRequest.objects.count()
        seconds = run_worker()
        print(
            f"4. SMTP back, worker after the first retry delay: {seconds:.1f} s; "
            f"received {len(standin.received)} of {expected} expected; mails: {mail_statuses()}"
        )
        run_worker()
        send_due_mails()
        print(
            f"   worker and send_pending_contact_mails again: received {len(standin.received)}"
            f" (sent once: {len(standin.received) == expected})"
        )
    finally:
        standin.close()
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
