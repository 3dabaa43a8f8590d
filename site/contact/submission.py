"""Storing a valid request: the request, its modules and its mails, all or nothing."""

from django.db import transaction
from django.utils import timezone

from . import spam
from .mail import enqueue_request_mails
from .models import ContactRequest


def submit(form, request, page):
    """Store the request of a valid `form`, sent from contact page `page`, and enqueue its
    mails in the same transaction. A suspected request is stored too, flagged with why."""
    data = form.cleaned_data
    reasons = spam.suspicion_reasons(form, request)
    track = data.get("track")
    modules = data.get("modules") or []
    source = data.get("source")
    with transaction.atomic():
        contact_request = ContactRequest.objects.create(
            kind=data["kind"],
            language_code=page.locale.language_code,
            contact_page=page,
            source_page=source,
            source_title=source.title if source is not None else "",
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            organisation=data["organisation"],
            role=data.get("role", ""),
            subject=data.get("subject", ""),
            message=data["message"],
            track=track,
            track_title=track.title if track is not None else "",
            module_titles="\n".join(module.title for module in modules),
            group_size=data.get("group_size"),
            preferred_period=data.get("preferred_period", ""),
            consent_given_at=timezone.now(),
            privacy_version=page.privacy_version,
            is_suspected_spam=bool(reasons),
            spam_reasons=",".join(reasons),
        )
        contact_request.modules.set(modules)
        enqueue_request_mails(contact_request)
    return contact_request
