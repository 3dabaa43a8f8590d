"""The mails a request gives rise to, as rows of the outbox (ContactMail).

A stand-in until the mail part lands: it creates the rows only; sending them (a task per
mail, retried with back-off) replaces this module.
"""

from .models import ContactMail, MailKind


def enqueue_request_mails(contact_request):
    """The request's mails, in the caller's transaction: always one to staff, and a
    confirmation to the client unless the request is suspected spam."""
    kinds = [MailKind.STAFF]
    if not contact_request.is_suspected_spam:
        kinds.append(MailKind.CONFIRMATION)
    return [ContactMail.objects.create(request=contact_request, kind=kind) for kind in kinds]
