"""Sending the mails of contact requests (contact/mail.py), each once, through django-tasks.

`send_contact_mail` locks its `ContactMail` row, sends it and marks it sent in one
transaction, so two workers (or a worker and `send_pending_contact_mails`) never both send it.
A mail server that refuses, does not answer (EMAIL_TIMEOUT) or is down costs an attempt: the
mail stays pending with its error and a next attempt 1, 2, 4 ... minutes later, at most an hour
apart; after MAX_ATTEMPTS (about a day) it is given up, logged as an error. With a queue backend
(django-tasks-db) the task enqueues itself for that time; with ImmediateBackend (development,
the demo) `send_pending_contact_mails` sends it when it is due.
"""

import contextlib
import enum
import logging
import smtplib
from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .mail import build_message
from .models import ContactMail, MailStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 30
FIRST_RETRY_DELAY = timedelta(minutes=1)
LONGEST_RETRY_DELAY = timedelta(hours=1)


class Outcome(enum.StrEnum):
    SENT = "sent"
    RETRY = "retry"  # failed, pending until next_attempt_at
    GAVE_UP = "gave_up"
    SKIPPED = "skipped"  # already sent or given up, gone, or not due yet


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failed attempt: 1, 2, 4 ... minutes, at most
    LONGEST_RETRY_DELAY."""
    return min(FIRST_RETRY_DELAY * 2 ** min(attempts - 1, 16), LONGEST_RETRY_DELAY)


@task()
def send_contact_mail(mail_id):
    outcome, retry_at = deliver(mail_id)
    if outcome == Outcome.RETRY and send_contact_mail.get_backend().supports_defer:
        send_contact_mail.using(run_after=retry_at).enqueue(mail_id)
    return str(outcome)


@task()
def send_pending_contact_mails():
    """The task form of `manage.py send_pending_contact_mails`, for a scheduler to enqueue."""
    return send_due_mails()


def send_due_mails():
    """Send every pending mail whose next attempt is due: the way mails go out where no worker
    runs, and the safety net for a mail whose task was lost. Counts the outcomes."""
    now = timezone.now()
    due = (
        ContactMail.objects.filter(status=MailStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    counts = {str(outcome): 0 for outcome in Outcome}
    for mail_id in list(due):
        counts[send_contact_mail.call(mail_id)] += 1
    return counts


def deliver(mail_id):
    """Send mail `mail_id` if it is pending and due. Returns (Outcome, next attempt or None)."""
    with transaction.atomic():
        mail = (
            ContactMail.objects.select_for_update(of=("self",))
            .select_related("request")
            .filter(pk=mail_id)
            .first()
        )
        if mail is None or mail.status != MailStatus.PENDING:
            return Outcome.SKIPPED, None
        if mail.next_attempt_at is not None and mail.next_attempt_at > timezone.now():
            # A failed attempt since this task was queued has scheduled the next one.
            return Outcome.SKIPPED, None
        try:
            _send(build_message(mail))
        except (smtplib.SMTPException, OSError) as error:
            return _failed_attempt(mail, error)
        except Exception as error:
            # Not the mail server (a bug, an unusable message): trying again will not help.
            logger.exception("Contact mail %s could not be built or sent; given up.", mail.pk)
            _give_up(mail, error)
            return Outcome.GAVE_UP, None
        mail.status = MailStatus.SENT
        mail.attempts += 1
        mail.sent_at = timezone.now()
        mail.next_attempt_at = None
        mail.save(update_fields=["status", "attempts", "sent_at", "next_attempt_at"])
        return Outcome.SENT, None


def _send(message):
    connection = get_connection()  # EMAIL_BACKEND, with EMAIL_TIMEOUT for SMTP
    connection.open()
    try:
        if not connection.send_messages([message]):
            raise ValueError("The mail has no recipients.")
    finally:
        # A server that took the mail and then does not say goodbye has sent it all the same:
        # sending it again would send it twice.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()


def _failed_attempt(mail, error):
    mail.attempts += 1
    mail.last_error = _describe(error)
    if mail.attempts >= MAX_ATTEMPTS:
        logger.error(
            "Contact mail %s (%s, request %s) given up after %s attempts: %s",
            mail.pk,
            mail.kind,
            mail.request_id,
            mail.attempts,
            mail.last_error,
        )
        _give_up(mail, error)
        return Outcome.GAVE_UP, None
    mail.next_attempt_at = timezone.now() + retry_delay(mail.attempts)
    mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    logger.warning(
        "Contact mail %s (%s, request %s) not sent (attempt %s), next attempt at %s: %s",
        mail.pk,
        mail.kind,
        mail.request_id,
        mail.attempts,
        mail.next_attempt_at.isoformat(),
        mail.last_error,
    )
    return Outcome.RETRY, mail.next_attempt_at


def _give_up(mail, error):
    mail.status = MailStatus.FAILED
    mail.last_error = _describe(error)
    mail.next_attempt_at = None
    mail.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])


def _describe(error):
    return f"{type(error).__name__}: {error}"[:1000]
