"""The mails of a contact request (contact/mail.py, contact/tasks.py): stored with the request,
never lost when the mail server refuses, hangs or is down, sent once when it is back, in the
client's language, and nothing a visitor typed becomes markup or a header.

Mail goes to a stand-in SMTP server (tests/smtp_standin.py) through Django's SMTP backend.
The requests are stored as `contact.submission.submit` stores them: the request and
`enqueue_request_mails` in one transaction (`store_request` below).
"""

import io
import logging
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail as django_mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from contact.admin_views import request_admin_url
from contact.mail import enqueue_request_mails, header_text, single_address
from contact.models import ContactMail, ContactRequest, MailKind, MailStatus, RequestKind
from contact.tasks import (
    FIRST_RETRY_DELAY,
    LONGEST_RETRY_DELAY,
    MAX_ATTEMPTS,
    retry_delay,
    send_contact_mail,
    send_due_mails,
    send_pending_contact_mails,
)
from tests import smtp_standin
from tests.smtp_standin import SmtpStandIn
from tests.test_search_tasks import queue, run_worker  # noqa: F401 (queue is a fixture)

pytestmark = pytest.mark.django_db

SEND_TASK = "contact.tasks.send_contact_mail"
FAILING_MODES = [
    smtp_standin.REFUSE,
    smtp_standin.REJECT,
    smtp_standin.HANG_UP,
    smtp_standin.BLACK_HOLE,
    smtp_standin.DOWN,
]
HOSTILE_NAME = 'Eva <script>alert("naam")</script>\r\nBcc: slachtoffer@example.org'
HOSTILE_TRACK = "Urban <b>Professional</b>\nBcc: slachtoffer@example.org\r\nX-Extra: ja"
HOSTILE_MESSAGE = '<img src=x onerror=alert(1)>\n<a href="javascript:alert(2)">klik</a>'


@pytest.fixture
def smtp(settings):
    """Django's SMTP backend, pointed at a stand-in server that takes every mail."""
    standin = SmtpStandIn()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = standin.host
    settings.EMAIL_PORT = standin.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 0.5
    settings.CONTACT_REQUEST_RECIPIENTS = ["team@leertrajecten.test"]
    yield standin
    standin.close()


@pytest.fixture
def clock():
    """Moves the site's clock forward: `clock.advance(timedelta)`."""
    real_now = timezone.now

    class Clock:
        offset = timedelta(0)

        def advance(self, delta):
            self.offset += delta

        def now(self):
            return real_now() + self.offset

    fake = Clock()
    with mock.patch.object(timezone, "now", fake.now):
        yield fake


def request_fields(**fields):
    return {
        "kind": RequestKind.INTAKE,
        "language_code": "nl",
        "name": "Eva de Vries",
        "email": "eva@gemeente.example.nl",
        "organisation": "Gemeente Voorbeeld",
        "role": "HR-adviseur",
        "track_title": "Urban Professional",
        "module_titles": "Samen op pad\nIk in relatie tot de ander",
        "group_size": 12,
        "message": "Wij willen graag in het voorjaar starten.",
        "consent_given_at": timezone.now(),
        "privacy_version": "abc123",
        **fields,
    }


@contextmanager
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the commit, as a committed request would."""
    with django_capture_on_commit_callbacks(execute=True):
        yield


def store_request(**fields):
    """Store a request and enqueue its mails in one transaction, as `submit` does."""
    with transaction.atomic():
        contact_request = ContactRequest.objects.create(**request_fields(**fields))
        enqueue_request_mails(contact_request)
    return contact_request


def mails_of(contact_request):
    return {m.kind: m for m in ContactMail.objects.filter(request=contact_request)}


def received_by(standin, address):
    return [r for r in standin.received if any(address in rcpt for rcpt in r.recipients)]


def html_part(message):
    return message.get_body(preferencelist=("html",)).get_content()


def text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def queued_sends():
    """The mail tasks waiting in the queue (due or deferred)."""
    return list(DBTaskResult.objects.filter(task_path=SEND_TASK, status=TaskResultStatus.READY))


# ---------------------------------------------------------------------------------------------
# What is stored and sent


def test_a_request_gives_a_staff_mail_and_a_confirmation_sent_once(
    smtp, django_capture_on_commit_callbacks
):
    with committed(django_capture_on_commit_callbacks):
        contact_request = store_request()

    mails = mails_of(contact_request)
    assert set(mails) == {MailKind.STAFF, MailKind.CONFIRMATION}
    assert all(m.status == MailStatus.SENT and m.attempts == 1 for m in mails.values())
    assert len(received_by(smtp, "team@leertrajecten.test")) == 1
    assert len(received_by(smtp, "eva@gemeente.example.nl")) == 1
    assert len(smtp.received) == 2


def test_mails_wait_for_the_commit_and_a_rolled_back_request_mails_nobody(
    smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        contact_request = store_request()
    assert smtp.connections == 0  # nothing is sent inside the transaction
    assert len(callbacks) == 2

    class Abandoned(Exception):
        pass

    with (
        committed(django_capture_on_commit_callbacks),
        pytest.raises(Abandoned),
        transaction.atomic(),
    ):
        store_request(email="weg@example.org")
        raise Abandoned

    assert not ContactRequest.objects.filter(email="weg@example.org").exists()
    assert ContactMail.objects.filter(request=contact_request).count() == 2
    assert smtp.connections == 0


def test_the_staff_mail_is_dutch_links_to_the_admin_and_names_no_one_in_its_subject(
    smtp, django_capture_on_commit_callbacks
):
    with committed(django_capture_on_commit_callbacks):
        contact_request = store_request(language_code="en")

    (staff,) = received_by(smtp, "team@leertrajecten.test")
    message = staff.message
    with translation.override("nl"):
        expected_subject = gettext("Nieuwe intake-aanvraag: %(track)s") % {
            "track": "Urban Professional"
        }
        intro = gettext("Er is een nieuwe aanvraag binnengekomen via de website.")
    assert message["Subject"] == f"{django_settings.WAGTAIL_SITE_NAME}: {expected_subject}"
    assert "Eva" not in message["Subject"] and "eva@" not in message["Subject"]
    assert message["Reply-To"] == "eva@gemeente.example.nl"
    admin_url = django_settings.WAGTAILADMIN_BASE_URL.rstrip("/") + request_admin_url(
        contact_request
    )
    for part in (text_part(message), html_part(message)):
        assert intro in part
        assert admin_url in part
        for value in ("Eva de Vries", "Gemeente Voorbeeld", "Urban Professional", "Samen op pad"):
            assert value in part
        assert "Wij willen graag in het voorjaar starten." in part
    assert f'href="{admin_url}"' in html_part(message)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_client_is_confirmed_in_their_language(
    smtp, django_capture_on_commit_callbacks, language
):
    with committed(django_capture_on_commit_callbacks):
        store_request(language_code=language)

    (confirmation,) = received_by(smtp, "eva@gemeente.example.nl")
    message = confirmation.message
    with translation.override(language):
        subject = gettext("We hebben uw intake-aanvraag voor %(track)s ontvangen") % {
            "track": "Urban Professional"
        }
        thanks = gettext("Hartelijk dank voor uw aanvraag. We hebben deze goed ontvangen.")
        next_step = gettext(
            "Een van onze adviseurs neemt zo snel mogelijk contact met u op om uw aanvraag "
            "te bespreken."
        )
        kind_label = str(ContactRequest._meta.get_field("kind").verbose_name)
        intake = str(RequestKind.INTAKE.label)
    assert message["Subject"] == f"{django_settings.WAGTAIL_SITE_NAME}: {subject}"
    assert message["To"] == "eva@gemeente.example.nl"
    html = html_part(message)
    assert f'<html lang="{language}">' in html
    for part in (text_part(message), html):
        assert thanks in part
        assert next_step in part
        assert f"{kind_label}: {intake}" in part or f">{kind_label}</th><td>{intake}<" in part
        assert "Samen op pad" in part


def test_the_confirmation_repeats_nothing_the_visitor_typed(
    smtp, django_capture_on_commit_callbacks
):
    with committed(django_capture_on_commit_callbacks):
        store_request(
            kind=RequestKind.CONTACT,
            track_title="",
            module_titles="",
            name="Koop nu goedkoop",
            subject="Gratis aanbieding",
            message="Bezoek spam.example",
        )

    (confirmation,) = received_by(smtp, "eva@gemeente.example.nl")
    message = confirmation.message
    for part in (message["Subject"], text_part(message), html_part(message)):
        for typed in ("Koop nu", "Gratis aanbieding", "spam.example"):
            assert typed not in part


def test_a_suspected_request_is_kept_and_told_to_staff_only(
    smtp, django_capture_on_commit_callbacks
):
    with committed(django_capture_on_commit_callbacks):
        contact_request = store_request(is_suspected_spam=True, spam_reasons="honeypot")

    assert ContactRequest.objects.filter(pk=contact_request.pk).exists()
    assert set(mails_of(contact_request)) == {MailKind.STAFF}
    assert received_by(smtp, "eva@gemeente.example.nl") == []
    (staff,) = smtp.received
    with translation.override("nl"):
        warning = gettext(
            "Let op: deze aanvraag is verdacht van spam. De aanvrager heeft geen bevestiging "
            "gekregen."
        )
        marker = gettext("[Verdacht] %(subject)s") % {"subject": ""}
        reason = gettext("verborgen veld ingevuld")
    assert marker.strip() in staff.message["Subject"]
    assert warning in text_part(staff.message)
    assert reason in text_part(staff.message) and reason in html_part(staff.message)


@pytest.mark.parametrize(
    "address",
    ["eva@example.org, mallory@example.org", "eva@example.org\r\nBcc: x@example.org", "geen"],
)
def test_an_unusable_address_gets_no_confirmation_and_is_no_reply_to(
    smtp, django_capture_on_commit_callbacks, address
):
    with committed(django_capture_on_commit_callbacks):
        contact_request = store_request(email=address)

    assert set(mails_of(contact_request)) == {MailKind.STAFF}
    (staff,) = smtp.received
    assert staff.recipients == ["<team@leertrajecten.test>"]
    assert staff.message["Reply-To"] is None
    assert "mallory" not in str(staff.data) and "x@example.org" not in str(staff.data)


# ---------------------------------------------------------------------------------------------
# Markup and header injection


def test_markup_is_escaped_in_the_html_and_newlines_add_no_header(
    smtp, django_capture_on_commit_callbacks
):
    with committed(django_capture_on_commit_callbacks):
        store_request(
            name=HOSTILE_NAME,
            organisation="<iframe src=//evil.example>",
            track_title=HOSTILE_TRACK,
            module_titles="<svg onload=alert(3)>",
            message=HOSTILE_MESSAGE,
            preferred_period="voorjaar\r\nBcc: slachtoffer@example.org",
        )

    assert len(smtp.received) == 2
    for received in smtp.received:
        message = received.message
        assert "slachtoffer@example.org" not in " ".join(received.recipients)
        assert message["Bcc"] is None and message["X-Extra"] is None
        assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
        html = html_part(message)
        for raw in ("<script", "<b>", "<iframe", "<svg", "<img", 'href="javascript:'):
            assert raw not in html
    staff = received_by(smtp, "team@leertrajecten.test")[0].message
    html = html_part(staff)
    assert "&lt;script&gt;alert(&quot;naam&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Bcc: slachtoffer@example.org X-Extra: ja" in staff["Subject"]  # one line
    # The plain-text part is text/plain: it keeps what was typed, for reading.
    assert "<script>" in text_part(staff)


def test_header_text_is_one_clean_line_and_addresses_are_single():
    assert header_text("a\r\nBcc: b\x00c\u2028d\te") == "a Bcc: b c d e"
    assert len(header_text("x" * 500)) == 150
    assert single_address(" eva@example.org ") == "eva@example.org"
    for bad in ("", "eva", "a@b.nl,c@d.nl", "a@b.nl\nBcc: c@d.nl", "Eva <a@b.nl>"):
        assert single_address(bad) is None


# ---------------------------------------------------------------------------------------------
# The mail server refuses, hangs or is down


@pytest.mark.parametrize("mode", FAILING_MODES)
def test_a_failing_mail_server_keeps_the_request_and_leaves_its_mails_pending(
    smtp, django_capture_on_commit_callbacks, clock, mode, caplog
):
    smtp.set_mode(mode)
    with committed(django_capture_on_commit_callbacks), caplog.at_level(logging.WARNING):
        contact_request = store_request()

    assert ContactRequest.objects.filter(pk=contact_request.pk).exists()
    for contact_mail in mails_of(contact_request).values():
        assert contact_mail.status == MailStatus.PENDING
        assert contact_mail.attempts == 1
        assert contact_mail.last_error
        assert contact_mail.next_attempt_at == pytest.approx(
            timezone.now() + FIRST_RETRY_DELAY, abs=timedelta(seconds=5)
        )
    assert "next attempt" in caplog.text
    assert smtp.received == []

    # Back, but the next attempt is not due yet: nothing is sent early.
    smtp.set_mode(smtp_standin.ACCEPT)
    assert send_due_mails()["sent"] == 0
    clock.advance(FIRST_RETRY_DELAY)
    assert send_due_mails()["sent"] == 2
    assert len(smtp.received) == 2
    # Retrying again sends nothing more.
    assert send_due_mails()["sent"] == 0
    send_contact_mail.call(mails_of(contact_request)[MailKind.STAFF].pk)
    assert len(smtp.received) == 2
    assert {m.status for m in mails_of(contact_request).values()} == {MailStatus.SENT}


def test_sending_locks_the_mail_row_so_two_senders_never_both_send_it(smtp):
    contact_request = store_request(is_suspected_spam=True)
    (contact_mail,) = mails_of(contact_request).values()

    with CaptureQueriesContext(connection) as queries:
        send_contact_mail.call(contact_mail.pk)

    contact_mail.refresh_from_db()
    assert contact_mail.status == MailStatus.SENT
    reads = [q["sql"] for q in queries if 'FROM "contact_contactmail"' in q["sql"]]
    if connection.features.has_select_for_update:  # PostgreSQL; SQLite has no row locks
        assert reads and all("FOR UPDATE" in sql for sql in reads)
    assert len(smtp.received) == 1


def test_a_server_that_takes_the_mail_but_never_says_goodbye_has_sent_it(
    smtp, django_capture_on_commit_callbacks, clock
):
    smtp.set_mode(smtp_standin.SILENT_QUIT)
    with committed(django_capture_on_commit_callbacks):
        contact_request = store_request()

    assert {m.status for m in mails_of(contact_request).values()} == {MailStatus.SENT}
    clock.advance(timedelta(hours=2))
    send_due_mails()
    assert len(smtp.received) == 2


def test_retries_back_off_and_give_up_with_an_error(smtp, clock, caplog):
    assert [retry_delay(n) for n in range(1, 9)] == [
        timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 16, 32, 60, 60)
    ]
    assert retry_delay(MAX_ATTEMPTS) == LONGEST_RETRY_DELAY
    smtp.set_mode(smtp_standin.REFUSE)
    contact_request = store_request(is_suspected_spam=True)  # one mail, the staff's
    (contact_mail,) = mails_of(contact_request).values()

    with caplog.at_level(logging.WARNING, logger="contact.tasks"):
        for attempt in range(1, MAX_ATTEMPTS + 1):
            counts = send_due_mails()
            contact_mail.refresh_from_db()
            assert contact_mail.attempts == attempt
            if attempt < MAX_ATTEMPTS:
                assert counts["retry"] == 1
                assert contact_mail.status == MailStatus.PENDING
                clock.advance(retry_delay(attempt))

    assert counts["gave_up"] == 1
    assert contact_mail.status == MailStatus.FAILED
    assert contact_mail.next_attempt_at is None
    assert "421" in contact_mail.last_error
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "given up" in errors[0].getMessage()
    assert send_due_mails()["sent"] == 0  # given up stays given up


def test_the_command_sends_what_is_due_and_can_revive_given_up_mails(smtp, clock):
    smtp.set_mode(smtp_standin.DOWN)
    contact_request = store_request()  # not committed: its tasks never ran, as if lost
    out = io.StringIO()
    call_command("send_pending_contact_mails", stdout=out)
    assert "0 sent, 2 failed and will be retried, 0 given up; 2 pending in all." in out.getvalue()

    ContactMail.objects.filter(request=contact_request).update(status=MailStatus.FAILED)
    smtp.set_mode(smtp_standin.ACCEPT)
    out = io.StringIO()
    call_command("send_pending_contact_mails", stdout=out)
    assert "0 sent" in out.getvalue() and smtp.received == []

    out = io.StringIO()
    call_command("send_pending_contact_mails", "--retry-failed", stdout=out)
    assert "2 failed mails made pending again." in out.getvalue()
    assert "2 sent" in out.getvalue()
    assert len(smtp.received) == 2

    # The task form, for a scheduler: nothing is left to send.
    result = send_pending_contact_mails.enqueue()
    assert result.return_value == {"sent": 0, "retry": 0, "gave_up": 0, "skipped": 0}
    assert len(smtp.received) == 2


def test_a_mail_that_cannot_be_built_is_given_up_at_once(smtp, caplog):
    contact_request = store_request(is_suspected_spam=True)
    (contact_mail,) = mails_of(contact_request).values()
    with (
        mock.patch("contact.tasks.build_message", side_effect=RuntimeError("kapot sjabloon")),
        caplog.at_level(logging.ERROR, logger="contact.tasks"),
    ):
        assert send_due_mails()["gave_up"] == 1
    contact_mail.refresh_from_db()
    assert contact_mail.status == MailStatus.FAILED
    assert "kapot sjabloon" in contact_mail.last_error
    assert smtp.connections == 0


# ---------------------------------------------------------------------------------------------
# With the production queue (django-tasks-db): the request only enqueues


def test_with_the_queue_the_request_opens_no_mail_connection(smtp, queue):  # noqa: F811
    assert "django_tasks_db" in django_settings.INSTALLED_APPS
    smtp.set_mode(smtp_standin.BLACK_HOLE)

    contact_request = store_request()

    assert smtp.connections == 0
    mails = mails_of(contact_request)
    assert sorted(r.args_kwargs["args"] for r in queued_sends()) == sorted(
        [[m.pk] for m in mails.values()]
    )
    assert all(m.status == MailStatus.PENDING and m.attempts == 0 for m in mails.values())


def test_with_the_queue_a_failed_mail_is_retried_by_the_worker_and_sent_once(
    smtp,
    queue,  # noqa: F811
    clock,
):
    smtp.set_mode(smtp_standin.BLACK_HOLE)
    contact_request = store_request()

    run_worker()

    mails = mails_of(contact_request)
    assert all(m.status == MailStatus.PENDING and m.attempts == 1 for m in mails.values())
    retries = DBTaskResult.objects.ready().filter(task_path=SEND_TASK)
    assert retries.count() == 0  # deferred: not due yet
    deferred = [r for r in queued_sends() if r.task.run_after is not None]
    assert len(deferred) == 2
    for result in deferred:
        (mail_id,) = result.args_kwargs["args"]
        assert result.run_after == ContactMail.objects.get(pk=mail_id).next_attempt_at

    smtp.set_mode(smtp_standin.ACCEPT)
    run_worker()  # nothing due yet
    assert smtp.received == []

    clock.advance(FIRST_RETRY_DELAY)
    run_worker()
    assert len(smtp.received) == 2
    assert {m.status for m in mails_of(contact_request).values()} == {MailStatus.SENT}

    # A cron run of the safety net, and the worker once more: nothing is sent twice.
    call_command("send_pending_contact_mails", stdout=io.StringIO())
    run_worker()
    assert len(smtp.received) == 2


def test_with_the_queue_a_lost_task_is_caught_by_the_safety_net(smtp, queue):  # noqa: F811
    contact_request = store_request()
    DBTaskResult.objects.all().delete()  # the tasks are lost

    run_worker()
    assert smtp.received == []

    call_command("send_pending_contact_mails", stdout=io.StringIO())
    assert len(smtp.received) == 2
    assert {m.status for m in mails_of(contact_request).values()} == {MailStatus.SENT}
    run_worker()
    assert len(smtp.received) == 2


def test_without_smtp_the_locmem_outbox_gets_both_mails(django_capture_on_commit_callbacks):
    # The test settings' backend (locmem), as other tests see it.
    with committed(django_capture_on_commit_callbacks):
        store_request()
    assert len(django_mail.outbox) == 2
