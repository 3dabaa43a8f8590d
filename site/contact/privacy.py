"""What is stored about people who sent a request, for how long, and how they get it back or
have it removed.

- Retention: requests older than CONTACT_REQUEST_RETENTION_MONTHS (default 24) are deleted with
  their mails (`manage.py purge_contact_requests`, run daily; or the task below).
- One person: everything stored for an email address (case-insensitive), as JSON, or deleted
  (`manage.py export_contact_data` / `delete_contact_data`, and "Gegevens van een persoon" in
  the admin).
- The admin's history of a request names the person (Wagtail labels a log entry with the
  request's title): when a request goes, by any route, its entries keep only its number
  (`forget_log_labels`, connected in contact/signals.py).
"""

import datetime
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import ModelLogEntry

from .models import ContactRequest


def retention_months():
    return settings.CONTACT_REQUEST_RETENTION_MONTHS


def months_before(moment, months):
    """`moment` minus whole calendar months; a day the earlier month lacks becomes its last
    (31 August minus 6 months is 28 or 29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def expired_requests(months=None, *, now=None):
    """Requests received more than `months` (default: the setting) ago."""
    months = retention_months() if months is None else months
    cutoff = months_before(now or timezone.now(), months)
    return ContactRequest.objects.filter(submitted_at__lt=cutoff)


def purge_expired_requests(months=None, *, dry_run=False):
    """Delete the requests older than the retention period with their mails; returns how many
    requests went (or would go, with `dry_run`)."""
    requests = expired_requests(months)
    if dry_run:
        return requests.count()
    with transaction.atomic():
        deleted, by_model = requests.delete()
    return by_model.get(ContactRequest._meta.label, 0)


@task()
def purge_contact_requests_task(months=None):
    """The task form of `manage.py purge_contact_requests`, for a scheduler to enqueue."""
    return purge_expired_requests(months)


def requests_for_email(email):
    return ContactRequest.objects.filter(email__iexact=email.strip())


def export_person_data(email):
    """Everything stored for `email`: each request with all its fields, modules and mails, as a
    structure `json.dumps` takes (with `DjangoJSONEncoder`, see `export_person_json`)."""
    requests = (
        requests_for_email(email)
        .order_by("submitted_at", "pk")
        .prefetch_related("modules", "mails")
    )
    return {
        "email": email.strip(),
        "exported_at": timezone.now(),
        "requests": [_request_data(contact_request) for contact_request in requests],
    }


def export_person_json(email):
    return json.dumps(
        export_person_data(email), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )


def _fields(instance, skip=()):
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.attname not in skip
    }


def _request_data(contact_request):
    data = _fields(contact_request)
    data["modules"] = [
        {"id": module.pk, "title": module.title} for module in contact_request.modules.all()
    ]
    data["mails"] = [
        _fields(mail, skip={"request_id"})
        for mail in sorted(contact_request.mails.all(), key=lambda mail: mail.pk)
    ]
    return data


def delete_person_data(email):
    """Delete every request of `email` with its mails; returns how many requests went."""
    with transaction.atomic():
        deleted, by_model = requests_for_email(email).delete()
    return by_model.get(ContactRequest._meta.label, 0)


def forget_log_labels(contact_request):
    """Replace the person's name in the admin history of a deleted request by its number."""
    content_type = ContentType.objects.get_for_model(ContactRequest, for_concrete_model=False)
    ModelLogEntry.objects.filter(
        content_type=content_type, object_id=str(contact_request.pk)
    ).update(label=f"{ContactRequest._meta.verbose_name} #{contact_request.pk}")
