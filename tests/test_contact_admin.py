"""Contact and intake requests in the admin (site/contact/admin_views.py): who sees them, the
list with its filters and search, the detail and edit views, the exports, and markup a visitor
typed, which stays text everywhere."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.permissions import policy_registry

from contact.admin_views import request_admin_url
from contact.models import ContactRequest, MailKind, MailStatus, RequestKind, RequestStatus
from tests import factories as f
from tests.builders import make_track
from tests.contact_records import CONFIRMATION_PENDING, IMAGE, SCRIPT, STAFF_SENT, make_request

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/aanvragen/"
PERSON_URL = "/admin/aanvragen/persoon/"


def inspect_url(contact_request):
    return f"{LIST_URL}inspect/{contact_request.pk}/"


def edit_url(contact_request):
    return f"{LIST_URL}edit/{contact_request.pk}/"


def listed_names(response):
    """The names in the list's rows."""
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(
        cell.select_one("a").get_text(strip=True)
        for cell in soup.select("table.listing tbody td.title")
    )


@pytest.fixture
def handler(db, django_user_model):
    """Someone in the "Aanvragen" group, made by the migration."""
    user = django_user_model.objects.create_user(username="behandelaar", password="x")
    user.groups.add(Group.objects.get(name="Aanvragen"))
    return user


@pytest.fixture
def handler_client(client, handler):
    client.force_login(handler)
    return client


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(username="redacteur", password="x")
    user.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def stored(db):
    return make_request(
        name="Anna",
        organisation="Gemeente Utrecht",
        phone="+31 6 12345678",
        mails=[STAFF_SENT, CONFIRMATION_PENDING],
    )


def download_or_content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def download(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return download_or_content(response)


def csv_rows(response):
    return list(csv.reader(io.StringIO(download(response).decode(), newline="")))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(download(response)))
    return list(workbook.active.iter_rows())


# ---------------------------------------------------------------------------------------------
# Who sees requests


def test_the_group_holds_exactly_the_permissions_for_requests():
    group = Group.objects.get(name="Aanvragen")
    assert sorted(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("contact", "change_contactrequest"),
        ("contact", "delete_contactrequest"),
        ("contact", "export_contactrequest"),
        ("contact", "view_contactrequest"),
        ("wagtailadmin", "access_admin"),
    ]


def test_the_group_editor_offers_the_request_permissions(admin_client):
    group = Group.objects.get(name="Aanvragen")
    response = admin_client.get(f"/admin/groups/edit/{group.pk}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    checked = {
        int(box["value"])
        for box in soup.select('input[name="permissions"][checked]')
        if box.get("value", "").isdigit()
    }
    codenames = {
        permission.pk: permission.codename
        for permission in Permission.objects.filter(content_type__app_label="contact")
    }
    offered = {
        codenames[int(box["value"])]
        for box in soup.select('input[name="permissions"]')
        if box.get("value", "").isdigit() and int(box["value"]) in codenames
    }
    assert {"view_contactrequest", "change_contactrequest", "delete_contactrequest"} <= offered
    assert "export_contactrequest" in offered
    assert "add_contactrequest" not in offered  # it would grant nothing
    checked_codenames = {codenames[pk] for pk in checked if pk in codenames}
    assert checked_codenames == {
        "view_contactrequest",
        "change_contactrequest",
        "delete_contactrequest",
        "export_contactrequest",
    }


def test_the_group_sees_the_list_detail_edit_form_and_exports(handler_client, stored):
    for url in [
        LIST_URL,
        LIST_URL + "results/",
        inspect_url(stored),
        edit_url(stored),
        f"{LIST_URL}delete/{stored.pk}/",
        PERSON_URL,
    ]:
        response = handler_client.get(url)
        assert response.status_code == 200, url
    html = handler_client.get(LIST_URL).content.decode()
    assert "Anna" in html
    assert "export=csv" in html and "export=xlsx" in html
    assert csv_rows(handler_client.get(LIST_URL, {"export": "csv"}))[1][5] == "Anna"
    assert xlsx_rows(handler_client.get(LIST_URL, {"export": "xlsx"}))[1][5].value == "Anna"
    assert LIST_URL in handler_client.get("/admin/").content.decode()


def test_the_admin_link_of_a_request_opens_its_detail(handler_client, stored):
    assert request_admin_url(stored) == inspect_url(stored)


def refused_urls(contact_request):
    return [
        LIST_URL,
        LIST_URL + "results/",
        LIST_URL + "?export=csv",
        LIST_URL + "?export=xlsx",
        inspect_url(contact_request),
        edit_url(contact_request),
        f"{LIST_URL}delete/{contact_request.pk}/",
        f"{LIST_URL}history/{contact_request.pk}/",
        PERSON_URL,
    ]


def test_editors_and_moderators_see_no_request(client, editor, stored):
    client.force_login(editor)
    for url in refused_urls(stored):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"Anna" not in response.content, url
        assert b"Gemeente Utrecht" not in download_or_content(response), url
    response = client.post(edit_url(stored), {"status": RequestStatus.DONE, "notes": "x"})
    assert response.status_code in (302, 403)
    response = client.post(PERSON_URL, {"email": stored.email, "action": "delete"})
    assert response.status_code in (302, 403)
    stored.refresh_from_db()
    assert stored.status == RequestStatus.NEW
    assert ContactRequest.objects.filter(pk=stored.pk).exists()
    home = client.get("/admin/")
    assert home.status_code == 200
    assert LIST_URL not in home.content.decode()


def test_visitors_are_sent_to_the_login(client, stored):
    for url in refused_urls(stored):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"], url


def test_nobody_adds_a_request_in_the_admin_not_even_a_superuser(admin_client, handler_client):
    for client in (admin_client, handler_client):
        assert client.get(LIST_URL + "new/").status_code in (302, 403)  # Wagtail: to /admin/
        assert client.post(LIST_URL + "new/", {"status": "nieuw"}).status_code in (302, 403)
        html = client.get(LIST_URL).content.decode()
        assert LIST_URL + "new/" not in html
    assert not ContactRequest.objects.exists()


def test_the_permission_policy_names_nobody_who_may_add(superuser, handler):
    policy = policy_registry.get_by_type(ContactRequest)
    assert not policy.users_with_permission("add").exists()
    assert set(policy.users_with_any_permission(["add", "change"])) == {superuser, handler}


def test_without_the_export_permission_there_is_no_export(client, django_user_model, stored):
    user = django_user_model.objects.create_user(username="lezer", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_contactrequest"),
    )
    client.force_login(user)
    html = client.get(LIST_URL).content.decode()
    assert "Anna" in html
    assert "export=csv" not in html
    assert PERSON_URL not in html
    for export in ("csv", "xlsx"):
        response = client.get(LIST_URL, {"export": export})
        assert response.status_code in (302, 403)
        assert not response.has_header("Content-Disposition")
    assert client.get(PERSON_URL).status_code in (302, 403)


# ---------------------------------------------------------------------------------------------
# The list: columns, filters, search


@pytest.fixture
def several(tree):
    track = make_track(tree, title="Urban Professional")
    other_track = make_track(tree, title="Business Partner")
    now = timezone.now()
    return {
        "track": track,
        "other_track": other_track,
        "requests": [
            make_request(name="Bert", kind=RequestKind.CONTACT, organisation="Provincie"),
            make_request(
                name="Carla",
                kind=RequestKind.INTAKE,
                track=track,
                track_title=track.title,
                status=RequestStatus.IN_PROGRESS,
                email="carla@gemeente.nl",
                submitted_at=now - datetime.timedelta(days=40),
            ),
            make_request(
                name="Dirk",
                kind=RequestKind.INTAKE,
                track=other_track,
                track_title=other_track.title,
                status=RequestStatus.DONE,
                message="Wij zoeken een traject over Omgevingswet.",
                submitted_at=now - datetime.timedelta(days=400),
            ),
            make_request(name="Spammer", is_suspected_spam=True, spam_reasons="honeypot"),
        ],
    }


def test_the_list_shows_each_request_with_its_kind_track_status_and_spam_flag(
    handler_client, several
):
    response = handler_client.get(LIST_URL)
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {
        row.select_one("td.title a").get_text(strip=True): row
        for row in soup.select("table.listing tbody tr")
    }
    assert sorted(rows) == ["Bert", "Carla", "Dirk", "Spammer"]
    carla = rows["Carla"].get_text(" ", strip=True)
    assert "Intake" in carla
    assert "Urban Professional" in carla
    assert "In behandeling" in carla
    assert rows["Carla"].select_one("td.title a")["href"] == inspect_url(several["requests"][1])
    assert "Verdacht" in rows["Spammer"].get_text(" ", strip=True)
    assert "Verdacht" not in rows["Bert"].get_text(" ", strip=True)


@pytest.mark.parametrize(
    "query, names",
    [
        ({"kind": "intake"}, ["Carla", "Dirk"]),
        ({"kind": "contact"}, ["Bert", "Spammer"]),
        ({"status": "afgehandeld"}, ["Dirk"]),
        ({"status": "nieuw"}, ["Bert", "Spammer"]),
        ({"is_suspected_spam": "true"}, ["Spammer"]),
        ({"is_suspected_spam": "false"}, ["Bert", "Carla", "Dirk"]),
    ],
)
def test_the_filters_narrow_the_list(handler_client, several, query, names):
    assert listed_names(handler_client.get(LIST_URL, query)) == names


def test_the_track_filter_offers_the_requested_tracks_and_narrows_the_list(handler_client, several):
    response = handler_client.get(LIST_URL, {"track": several["track"].pk})
    assert listed_names(response) == ["Carla"]
    soup = BeautifulSoup(response.content, "html.parser")
    options = [option.get_text(strip=True) for option in soup.select('[name="track"] option')]
    assert "Urban Professional (nl)" in options
    assert "Business Partner (nl)" in options


def test_the_date_filter_narrows_the_list(handler_client, several):
    today = timezone.localdate()
    recent = {
        "submitted_at_from": (today - datetime.timedelta(days=60)).isoformat(),
        "submitted_at_to": today.isoformat(),
    }
    assert listed_names(handler_client.get(LIST_URL, recent)) == ["Bert", "Carla", "Spammer"]
    old = {"submitted_at_to": (today - datetime.timedelta(days=100)).isoformat()}
    assert listed_names(handler_client.get(LIST_URL, old)) == ["Dirk"]


@pytest.mark.parametrize(
    "query, names",
    [
        ("CARLA@gemeente", ["Carla"]),  # email, any case
        ("provincie", ["Bert"]),  # organisation
        ("omgevingswet", ["Dirk"]),  # message
        ("business partner", ["Dirk"]),  # track title
        ("een vraag", ["Bert", "Carla", "Dirk", "Spammer"]),  # subject
        ("niemand", []),
    ],
)
def test_search_finds_requests_by_what_the_visitor_wrote(handler_client, several, query, names):
    for url in (LIST_URL, LIST_URL + "results/"):
        assert listed_names(handler_client.get(url, {"q": query})) == names, url


def test_the_filtered_list_is_exported(handler_client, several):
    rows = csv_rows(handler_client.get(LIST_URL, {"kind": "intake", "export": "csv"}))
    assert sorted(row[5] for row in rows[1:]) == ["Carla", "Dirk"]
    rows = xlsx_rows(handler_client.get(LIST_URL, {"q": "provincie", "export": "xlsx"}))
    assert [row[5].value for row in rows[1:]] == ["Bert"]


# ---------------------------------------------------------------------------------------------
# The detail and the edit form


def test_the_detail_shows_every_stored_field_and_the_mails(handler_client, tree):
    track = make_track(tree, title="Urban Professional")
    module = f.ModulePageFactory(parent=tree.module_index, title="Regie voeren")
    consent = timezone.make_aware(datetime.datetime(2026, 3, 4, 10, 30))
    contact_request = make_request(
        kind=RequestKind.INTAKE,
        name="Eva",
        email="eva@example.org",
        phone="030 1234567",
        organisation="Gemeente Zeist",
        role="Teamleider",
        message="Eerste regel\nTweede regel",
        track=track,
        track_title="Urban Professional",
        modules=[module],
        module_titles="Regie voeren",
        group_size=12,
        preferred_period="Najaar",
        source_title="Thema Leiderschap",
        consent_given_at=consent,
        privacy_version="feedc0ffee123456",
        notes="Teruggebeld",
        mails=[(MailKind.STAFF, MailStatus.SENT), (MailKind.CONFIRMATION, MailStatus.FAILED)],
    )
    response = handler_client.get(inspect_url(contact_request))
    soup = BeautifulSoup(response.content, "html.parser")
    fields = {
        dt.get_text(strip=True): dt.find_next_sibling("dd")
        for dt in soup.select("main dl dt, .nice-padding dl dt")
    }
    text = {label: dd.get_text(" ", strip=True) for label, dd in fields.items()}
    assert text["Naam"] == "Eva"
    assert text["E-mailadres"] == "eva@example.org"
    assert text["Telefoonnummer"] == "030 1234567"
    assert text["Functie"] == "Teamleider"
    assert text["Soort"] == "Intake"
    assert text["Taal"] in ("Nederlands", "Dutch")
    assert text["Leertraject"] == "Urban Professional"
    assert text["Modules"] == "Regie voeren"
    assert text["Groepsgrootte"] == "12"
    assert text["Voorkeursperiode"] == "Najaar"
    assert text["Titel van de pagina"] == "Thema Leiderschap"
    assert text["Versie van de privacytekst"] == "feedc0ffee123456"
    assert "2026" in text["Toestemming gegeven op"]
    assert text["Notities"] == "Teruggebeld"
    assert len(fields["Vraag of wensen"].find_all("br")) == 1
    mails = fields["E-mails bij aanvragen"].get_text(" ", strip=True)
    assert "Melding aan medewerkers Verzonden" in mails
    assert "Bevestiging aan de aanvrager Mislukt, opgegeven" in mails
    assert text["Vanaf pagina"] == "-"


def test_the_edit_form_changes_only_status_and_notes(handler_client, stored):
    response = handler_client.get(edit_url(stored))
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form[method=post]")
    names = {
        field["name"]
        for field in form.select("input[name], select[name], textarea[name]")
        if field["name"] not in ("csrfmiddlewaretoken",) and field.get("type") != "hidden"
    }
    assert names == {"status", "notes"}
    response = handler_client.post(
        edit_url(stored),
        {
            "status": RequestStatus.IN_PROGRESS,
            "notes": "Afspraak gemaakt",
            "name": "Iemand anders",
            "email": "ander@example.org",
        },
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert (stored.status, stored.notes) == (RequestStatus.IN_PROGRESS, "Afspraak gemaakt")
    assert (stored.name, stored.email) == ("Anna", "anna@example.org")


def test_the_group_deletes_a_request_with_its_mails(handler_client, stored):
    response = handler_client.post(f"{LIST_URL}delete/{stored.pk}/")
    assert response.status_code == 302
    assert not ContactRequest.objects.filter(pk=stored.pk).exists()
    assert not stored.mails.exists()


# ---------------------------------------------------------------------------------------------
# Exports: every column, and no formula


FORMULAS = {
    "name": '=HYPERLINK("http://evil.example","klik")',
    "organisation": "+cmd|' /C calc'!A0",
    "role": "-2+3",
    "subject": "@SUM(1+1)",
    "message": "\t=1+1",
    "phone": "\r=1+1",
    "preferred_period": "\uff1d1+1",  # full-width =
    "notes": "\uff20SUM(1)",  # full-width @
    "track_title": "\uff0b1",
    "module_titles": "\uff0d1",
    "spam_reasons": "gewoon",
}


def test_the_exports_carry_every_column_with_its_heading(handler_client, stored):
    rows = csv_rows(handler_client.get(LIST_URL, {"export": "csv"}))
    assert rows[0][:8] == [
        "ID",
        "Ontvangen op",
        "Soort",
        "Status",
        "Taal",
        "Naam",
        "E-mailadres",
        "Telefoonnummer",
    ]
    assert "Versie van de privacytekst" in rows[0]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Soort"] == "Contactvraag"
    assert row["Status"] == "Nieuw"
    assert row["Organisatie"] == "Gemeente Utrecht"
    assert row["Verdacht (spam)"] == "nee"
    assert row["Telefoonnummer"] == "'+31 6 12345678"  # starts like a formula


def test_no_export_cell_is_a_formula(handler_client):
    make_request(**FORMULAS)
    rows = csv_rows(handler_client.get(LIST_URL, {"export": "csv"}))
    csv_row = dict(zip(rows[0], rows[1], strict=True))
    xlsx = xlsx_rows(handler_client.get(LIST_URL, {"export": "xlsx"}))
    headings = [cell.value for cell in xlsx[0]]
    xlsx_row = dict(zip(headings, xlsx[1], strict=True))
    for field, value in FORMULAS.items():
        heading = str(ContactRequest._meta.get_field(field).verbose_name)
        expected = value if value == "gewoon" else "'" + value
        assert csv_row[heading] == expected, field
        # XML reads a stored carriage return back as a line feed.
        assert xlsx_row[heading].value == expected.replace("\r", "\n"), field
        assert xlsx_row[heading].data_type == "s", field
    assert all(cell.data_type != "f" for row in xlsx for cell in row)


def test_control_characters_do_not_break_the_xlsx_export(handler_client):
    # (no NUL: PostgreSQL stores none; the form removes them all)
    make_request(name="Anna\x0b\x1f", message="\x01=1+1")
    rows = xlsx_rows(handler_client.get(LIST_URL, {"export": "xlsx"}))
    row = {heading.value: cell.value for heading, cell in zip(rows[0], rows[1], strict=True)}
    assert row["Naam"] == "Anna"
    assert row["Vraag of wensen"] == "'=1+1"
    csv_row = csv_rows(handler_client.get(LIST_URL, {"export": "csv"}))[1]
    assert csv_row[5] == "Anna\x0b\x1f"


# ---------------------------------------------------------------------------------------------
# Markup a visitor typed stays text


def markup_request(payload):
    return make_request(
        name=payload,
        email="markup@example.org",
        phone=payload[:40],
        organisation=payload,
        role=payload,
        subject=payload,
        message=payload,
        track_title=payload,
        module_titles=payload,
        preferred_period=payload,
        source_title=payload,
        spam_reasons=payload,
        notes=payload,
        kind=RequestKind.INTAKE,
    )


def assert_no_markup_runs(html, payload):
    """`payload` appears only as text: no element or attribute of it reached the page."""
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(attrs={"onerror": True})
    assert not [script for script in soup.find_all("script") if "alert(" in script.get_text()]
    assert payload not in html
    assert payload in soup.get_text()


@pytest.mark.parametrize("payload", [SCRIPT, IMAGE])
def test_markup_is_escaped_in_the_list_detail_edit_and_person_views(handler_client, payload):
    contact_request = markup_request(payload)
    for url in [LIST_URL, LIST_URL + "results/", inspect_url(contact_request)]:
        response = handler_client.get(url)
        assert response.status_code == 200
        assert_no_markup_runs(response.content.decode(), payload)
    edit = handler_client.get(edit_url(contact_request)).content.decode()
    soup = BeautifulSoup(edit, "html.parser")
    # (an HTML parser drops the newline Django puts after <textarea>; html.parser keeps it)
    assert soup.select_one('textarea[name="notes"]').get_text().removeprefix("\n") == payload
    assert not soup.find_all(attrs={"onerror": True})
    assert payload not in edit.replace(soup.select_one('textarea[name="notes"]').decode(), "")
    person = handler_client.post(PERSON_URL, {"email": "markup@example.org", "action": "find"})
    assert_no_markup_runs(person.content.decode(), payload)


@pytest.mark.parametrize("payload", [SCRIPT, IMAGE])
def test_markup_is_plain_text_in_the_exports(handler_client, payload):
    markup_request(payload)
    response = handler_client.get(LIST_URL, {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[1][5] == payload
    xlsx = xlsx_rows(handler_client.get(LIST_URL, {"export": "xlsx"}))
    assert xlsx[1][5].value == payload
    assert xlsx[1][5].data_type == "s"


def test_markup_in_the_notes_field_is_stored_as_typed_and_shown_escaped(handler_client, stored):
    handler_client.post(edit_url(stored), {"status": RequestStatus.NEW, "notes": SCRIPT})
    stored.refresh_from_db()
    assert stored.notes == SCRIPT
    assert_no_markup_runs(handler_client.get(inspect_url(stored)).content.decode(), SCRIPT)
