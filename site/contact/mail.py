"""The mails a request gives rise to: a notification to the staff and a confirmation to the
client, kept as `ContactMail` rows (an outbox) and sent by `contact.tasks.send_contact_mail`.

`enqueue_request_mails` runs in the transaction that stores the request: the rows and, with a
queue backend (django-tasks-db), the tasks are committed with the request or not at all. A
backend that runs tasks at once (ImmediateBackend: development, the demo, the tests) runs them
after the commit, so a rolled-back request is never mailed about.

Every header is built from cleaned values: whitespace (newlines included) collapsed to single
spaces, control characters dropped, so no field can add a header. The HTML parts are rendered
with autoescaping; the plain-text parts are text/plain and never interpreted.
"""

import re
from email.utils import getaddresses

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .admin_views import request_admin_url
from .models import ContactMail, MailKind, RequestKind, staff_recipients

SUBJECT_MAX_LENGTH = 150
# What each mail lists of the request (besides the message, which the staff mail shows whole).
STAFF_DETAILS = [
    "kind",
    "name",
    "organisation",
    "role",
    "track_title",
    "modules",
    "group_size",
    "preferred_period",
    "subject",
    "language_code",
    "source_title",
]
# The client's confirmation repeats no free text they typed (name, subject, message): otherwise
# anyone could have the site mail their text to any address.
CONFIRMATION_DETAILS = ["kind", "track_title", "modules", "group_size"]
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def header_text(value, max_length=SUBJECT_MAX_LENGTH):
    """`value` fit for a mail header: one line, no control characters, at most `max_length`."""
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", str(value)).split())
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def single_address(value):
    """`value` when it is exactly one valid email address, else None (then it is not used in
    a header: it could name several recipients or carry a header of its own)."""
    value = (value or "").strip()
    if not value or _CONTROL_CHARACTERS.search(value):
        return None
    try:
        validate_email(value)
    except ValidationError:
        return None
    if [address for _name, address in getaddresses([value])] != [value]:
        return None
    return value


def enqueue_request_mails(contact_request):
    """Create the request's mails and enqueue their sending, in the caller's transaction.

    Staff are always told (a suspected request too, marked as such); the client gets a
    confirmation unless the request is suspected spam or their address is unusable."""
    # contact.tasks builds its messages with this module: imported here, not at the top.
    from .tasks import send_contact_mail

    kinds = [MailKind.STAFF]
    if not contact_request.is_suspected_spam and single_address(contact_request.email):
        kinds.append(MailKind.CONFIRMATION)
    now = timezone.now()
    mails = [
        ContactMail.objects.create(request=contact_request, kind=kind, next_attempt_at=now)
        for kind in kinds
    ]

    backend = send_contact_mail.get_backend()
    for mail in mails:
        if backend.supports_defer:
            # A queue: the task row is part of this transaction, like the request.
            send_contact_mail.enqueue(mail.pk)
        else:
            transaction.on_commit(lambda mail_id=mail.pk: send_contact_mail.enqueue(mail_id))
    return mails


def build_message(contact_mail):
    """The `EmailMultiAlternatives` of a `ContactMail`, ready to send."""
    if contact_mail.kind == MailKind.STAFF:
        return _staff_notification(contact_mail.request)
    return _confirmation(contact_mail.request)


def _staff_notification(contact_request):
    # Staff read Dutch, the site's default language, whatever the client's.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "contact_request": contact_request,
            "details": _details(contact_request, STAFF_DETAILS),
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + request_admin_url(contact_request),
        }
        if contact_request.kind == RequestKind.INTAKE and contact_request.track_title:
            subject = _("Nieuwe intake-aanvraag: %(track)s") % {
                "track": contact_request.track_title
            }
        elif contact_request.kind == RequestKind.INTAKE:
            subject = _("Nieuwe intake-aanvraag")
        else:
            subject = _("Nieuwe contactvraag")
        if contact_request.is_suspected_spam:
            subject = _("[Verdacht] %(subject)s") % {"subject": subject}
        reply_to = single_address(contact_request.email)
        return _message(
            "staff_notification",
            context,
            subject=subject,
            to=staff_recipients(),
            reply_to=[reply_to] if reply_to else [],
        )


def _confirmation(contact_request):
    with translation.override(contact_request.language_code):
        if contact_request.kind == RequestKind.INTAKE and contact_request.track_title:
            subject = _("We hebben uw intake-aanvraag voor %(track)s ontvangen") % {
                "track": contact_request.track_title
            }
        elif contact_request.kind == RequestKind.INTAKE:
            subject = _("We hebben uw intake-aanvraag ontvangen")
        else:
            subject = _("We hebben uw vraag ontvangen")
        return _message(
            "confirmation",
            {
                "contact_request": contact_request,
                "details": _details(contact_request, CONFIRMATION_DETAILS),
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
            subject=subject,
            to=[contact_request.email],
        )


# Stored titles are labelled like the pages they were taken from.
_LABEL_FROM_FIELD = {"track_title": "track", "source_title": "source_page"}


def _details(contact_request, fields):
    """(label, value) rows of the request's non-empty `fields`, in the active language."""
    values = {
        "kind": contact_request.get_kind_display(),
        "modules": ", ".join(
            line.strip() for line in contact_request.module_titles.splitlines() if line.strip()
        ),
        "language_code": contact_request.language_code.upper(),
    }
    rows = []
    for name in fields:
        value = values.get(name, getattr(contact_request, name))
        if value not in (None, ""):
            label_field = _LABEL_FROM_FIELD.get(name, name)
            label = contact_request._meta.get_field(label_field).verbose_name
            rows.append((str(label), str(value)))
    return rows


def _message(template, context, *, subject, to, reply_to=()):
    message = EmailMultiAlternatives(
        subject=header_text(f"{settings.WAGTAIL_SITE_NAME}: {subject}"),
        body=render_to_string(f"contact/mail/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=list(reply_to),
    )
    message.attach_alternative(
        render_to_string(f"contact/mail/{template}.html", context), "text/html"
    )
    return message
