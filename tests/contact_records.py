"""Contact requests and their mails made straight with the ORM, as the site's form stores them,
for the admin and privacy tests (the form itself is tested through its view)."""

from django.utils import timezone

from contact.models import ContactMail, ContactRequest, MailKind, MailStatus, RequestKind

# Markup a visitor may type anywhere: it must reach no admin page, mail or export as markup.
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"


def make_request(*, modules=(), mails=(), submitted_at=None, **fields):
    """A stored request; `mails`: (kind, status) pairs of its outbox rows; `submitted_at`
    is set after saving (the field is filled in automatically on creation)."""
    values = {
        "kind": RequestKind.CONTACT,
        "language_code": "nl",
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "subject": "Een vraag",
        "message": "Kunnen we kennismaken?",
        "consent_given_at": timezone.now(),
        "privacy_version": "0123456789abcdef",
        **fields,
    }
    contact_request = ContactRequest.objects.create(**values)
    contact_request.modules.set(modules)
    for kind, status in mails:
        ContactMail.objects.create(request=contact_request, kind=kind, status=status)
    if submitted_at is not None:
        ContactRequest.objects.filter(pk=contact_request.pk).update(submitted_at=submitted_at)
        contact_request.refresh_from_db()
    return contact_request


STAFF_SENT = (MailKind.STAFF, MailStatus.SENT)
CONFIRMATION_PENDING = (MailKind.CONFIRMATION, MailStatus.PENDING)
