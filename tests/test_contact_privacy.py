"""What is kept of a request and for how long (site/contact/privacy.py): the retention purge
(command and task), and export and deletion of everything stored for one email address, from
the command line and from the admin ("Gegevens van een persoon")."""

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contact.models import ContactMail, ContactRequest, RequestKind, RequestStatus
from contact.privacy import months_before, purge_contact_requests_task
from tests import factories as f
from tests.contact_records import CONFIRMATION_PENDING, STAFF_SENT, make_request

pytestmark = pytest.mark.django_db

PERSON_URL = "/admin/aanvragen/persoon/"


def months_ago(months, days=0):
    return months_before(timezone.now(), months) - datetime.timedelta(days=days)


def command(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Calendar months


@pytest.mark.parametrize(
    "moment, months, expected",
    [
        (datetime.datetime(2026, 12, 1, 8), 24, datetime.datetime(2024, 12, 1, 8)),
        (datetime.datetime(2026, 8, 31), 6, datetime.datetime(2026, 2, 28)),
        (datetime.datetime(2028, 8, 31), 6, datetime.datetime(2028, 2, 29)),
        (datetime.datetime(2026, 1, 15), 1, datetime.datetime(2025, 12, 15)),
        (datetime.datetime(2026, 3, 31), 13, datetime.datetime(2025, 2, 28)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


# ---------------------------------------------------------------------------------------------
# The retention purge


@pytest.fixture
def aged(db):
    """Requests of 25, 24 (and a day) and 23 months ago and of today, the oldest with mails."""
    return {
        "old": make_request(
            name="Oud", submitted_at=months_ago(25), mails=[STAFF_SENT, CONFIRMATION_PENDING]
        ),
        "just_over": make_request(name="Net te oud", submitted_at=months_ago(24, days=1)),
        "recent": make_request(name="Recent", submitted_at=months_ago(23), mails=[STAFF_SENT]),
        "today": make_request(name="Vandaag"),
    }


def remaining_names():
    return sorted(ContactRequest.objects.values_list("name", flat=True))


def test_the_purge_deletes_only_requests_older_than_the_retention_with_their_mails(aged):
    output = command("purge_contact_requests")
    assert output.strip() == "2 contact requests older than 24 months deleted."
    assert remaining_names() == ["Recent", "Vandaag"]
    assert not ContactMail.objects.filter(request_id=aged["old"].pk).exists()
    assert ContactMail.objects.filter(request=aged["recent"]).count() == 1


def test_a_dry_run_counts_and_deletes_nothing(aged):
    output = command("purge_contact_requests", "--dry-run")
    assert output.strip() == "2 contact requests older than 24 months would be deleted."
    assert len(remaining_names()) == 4


def test_the_retention_follows_the_setting_and_the_option(aged, settings):
    settings.CONTACT_REQUEST_RETENTION_MONTHS = 12
    assert command("purge_contact_requests", "--dry-run").startswith("3 ")
    assert command("purge_contact_requests", "--months", "30").startswith("0 ")
    with pytest.raises(CommandError):
        command("purge_contact_requests", "--months", "0")
    assert command("purge_contact_requests").startswith("3 ")
    assert remaining_names() == ["Vandaag"]


def test_the_purge_task_does_what_the_command_does(aged):
    result = purge_contact_requests_task.enqueue()
    assert result.return_value == 2
    assert remaining_names() == ["Recent", "Vandaag"]


# ---------------------------------------------------------------------------------------------
# One person's data: the commands


@pytest.fixture
def people(tree):
    module = f.ModulePageFactory(parent=tree.module_index, title="Regie voeren")
    return {
        "anna_contact": make_request(
            name="Anna", email="anna@example.org", mails=[STAFF_SENT, CONFIRMATION_PENDING]
        ),
        "anna_intake": make_request(
            name="Anna de Vries",
            email="Anna@Example.ORG",
            kind=RequestKind.INTAKE,
            modules=[module],
            module_titles="Regie voeren",
            group_size=8,
            notes="Gebeld",
        ),
        "bert": make_request(name="Bert", email="bert@example.org", mails=[STAFF_SENT]),
    }


def test_the_export_command_prints_every_request_of_an_address_in_any_case(people):
    data = json.loads(command("export_contact_data", "ANNA@example.org"))
    assert data["email"] == "ANNA@example.org"
    requests = data["requests"]
    assert sorted(request["name"] for request in requests) == ["Anna", "Anna de Vries"]
    contact = next(request for request in requests if request["name"] == "Anna")
    intake = next(request for request in requests if request["name"] == "Anna de Vries")
    # Every stored field, with the consent, and the mails with their state.
    assert set(contact) >= {field.attname for field in ContactRequest._meta.concrete_fields} | {
        "modules",
        "mails",
    }
    assert contact["privacy_version"] == "0123456789abcdef"
    assert contact["consent_given_at"]
    assert sorted((mail["kind"], mail["status"]) for mail in contact["mails"]) == [
        ("confirmation", "pending"),
        ("staff", "sent"),
    ]
    assert intake["modules"] == [{"id": intake["modules"][0]["id"], "title": "Regie voeren"}]
    assert (intake["group_size"], intake["notes"]) == (8, "Gebeld")
    assert "bert" not in json.dumps(data)


def test_the_export_of_an_unknown_address_is_empty(people):
    assert json.loads(command("export_contact_data", "niemand@example.org"))["requests"] == []


def test_the_delete_command_removes_only_that_address_with_its_mails(people):
    output = command("delete_contact_data", "anna@EXAMPLE.org", "--yes")
    assert output.strip() == "2 contact requests of anna@EXAMPLE.org deleted."
    assert remaining_names() == ["Bert"]
    assert list(ContactMail.objects.values_list("request__name", flat=True)) == ["Bert"]


def test_the_delete_command_asks_first(people, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError):
        command("delete_contact_data", "anna@example.org")
    assert len(remaining_names()) == 3
    monkeypatch.setattr("builtins.input", lambda prompt: "ja")
    command("delete_contact_data", "anna@example.org")
    assert remaining_names() == ["Bert"]


def test_the_delete_command_without_a_terminal_deletes_nothing(people, monkeypatch):
    def no_terminal(prompt):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    with pytest.raises(CommandError):
        command("delete_contact_data", "anna@example.org")
    assert len(remaining_names()) == 3


def test_deleting_an_unknown_address_says_so(people):
    output = command("delete_contact_data", "niemand@example.org")
    assert output.strip() == "No contact requests stored for niemand@example.org."
    assert len(remaining_names()) == 3


# ---------------------------------------------------------------------------------------------
# One person's data: the admin


@pytest.fixture
def handler_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="behandelaar", password="x")
    user.groups.add(Group.objects.get(name="Aanvragen"))
    client.force_login(user)
    return client


def test_the_list_leads_to_a_persons_data(handler_client):
    assert PERSON_URL in handler_client.get("/admin/aanvragen/").content.decode()


def test_the_group_finds_and_downloads_a_persons_data(handler_client, people):
    found = handler_client.post(PERSON_URL, {"email": "ANNA@example.org", "action": "find"})
    html = found.content.decode()
    assert found.status_code == 200
    assert "Anna de Vries" in html
    assert "Bert" not in html
    assert f'href="/admin/aanvragen/inspect/{people["anna_intake"].pk}/"' in html
    response = handler_client.post(PERSON_URL, {"email": "anna@example.org", "action": "export"})
    assert response["Content-Disposition"].startswith("attachment")
    assert "example.org" not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert sorted(request["name"] for request in data["requests"]) == ["Anna", "Anna de Vries"]


def test_the_group_deletes_a_persons_data_after_confirming(handler_client, people):
    confirm = handler_client.post(
        PERSON_URL, {"email": "anna@example.org", "action": "confirm_delete"}
    )
    assert confirm.status_code == 200
    assert 'value="delete"' in confirm.content.decode()
    assert len(remaining_names()) == 3  # asking deletes nothing
    done = handler_client.post(PERSON_URL, {"email": "anna@example.org", "action": "delete"})
    assert done.status_code == 302
    assert remaining_names() == ["Bert"]


def test_an_invalid_address_is_refused_next_to_the_field(handler_client, people):
    response = handler_client.post(PERSON_URL, {"email": "geen adres", "action": "delete"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert len(remaining_names()) == 3


def test_without_the_delete_permission_nothing_is_deleted(client, django_user_model, people):
    user = django_user_model.objects.create_user(username="exporteur", password="x")
    group = Group.objects.create(name="Alleen export")
    group.permissions.set(
        Group.objects.get(name="Aanvragen").permissions.exclude(codename="delete_contactrequest")
    )
    user.groups.add(group)
    client.force_login(user)
    found = client.post(PERSON_URL, {"email": "anna@example.org", "action": "find"})
    assert 'value="confirm_delete"' not in found.content.decode()
    response = client.post(PERSON_URL, {"email": "anna@example.org", "action": "delete"})
    assert response.status_code in (302, 403)
    assert len(remaining_names()) == 3


# ---------------------------------------------------------------------------------------------
# The admin history forgets the person with the request


def log_labels(contact_request):
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ContactRequest),
            object_id=str(contact_request.pk),
        ).values_list("label", flat=True)
    )


@pytest.mark.parametrize("route", ["admin", "person", "purge"])
def test_a_deleted_requests_history_keeps_no_name(handler_client, people, route):
    anna = people["anna_contact"]
    handler_client.post(
        f"/admin/aanvragen/edit/{anna.pk}/", {"status": RequestStatus.DONE, "notes": ""}
    )
    assert any("Anna" in label for label in log_labels(anna))  # Wagtail names it
    if route == "admin":
        handler_client.post(f"/admin/aanvragen/delete/{anna.pk}/")
    elif route == "person":
        handler_client.post(PERSON_URL, {"email": "anna@example.org", "action": "delete"})
    else:
        ContactRequest.objects.filter(pk=anna.pk).update(submitted_at=months_ago(30))
        command("purge_contact_requests")
    assert not ContactRequest.objects.filter(pk=anna.pk).exists()
    labels = log_labels(anna)
    assert labels
    assert all(label == f"Aanvraag #{anna.pk}" for label in labels)
