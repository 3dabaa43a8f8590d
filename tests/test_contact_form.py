"""The contact and intake form through the real page: what it opens with, what it refuses and
how it says so, what it stores (once, whole, or not at all) and what it flags as spam."""

import logging
import time
import uuid
from unittest import mock

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from wagtail.models import PageViewRestriction

from contact import spam
from contact.forms import ContactRequestForm
from contact.models import ContactMail, ContactRequest, MailKind
from contact.submission import submit
from core.links import LinkResolver
from tests.contact_support import (
    build_contact_site,
    contact_data,
    field_error,
    in_language,
    intake_data,
    soup,
    summary_messages,
)
from tests.support import shared_data

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en"]


@pytest.fixture(scope="module")
def site(bilingual, django_db_blocker):
    with shared_data(django_db_blocker):
        yield build_contact_site(bilingual)


@pytest.fixture(autouse=True)
def _relaxed_spam_checks(settings):
    """Tokens minted in a test are 0 s old and the tests post from one address: checks on
    those are switched back on by the tests about them."""
    settings.CONTACT_FORM_MIN_SECONDS = 0
    settings.CONTACT_RATE_LIMIT = 10_000


def post(client, url, data, address="127.0.0.1"):
    return client.post(url, data, REMOTE_ADDR=address)


def unique_address():
    """An address no other test used (a shared Redis cache keeps rate counters per run)."""
    return f"fd00::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


def assert_rejected(response, *fields):
    """Shown again (200) with a message next to each of `fields` and in the summary."""
    assert response.status_code == 200
    for name in fields:
        assert field_error(response, name), name
    assert len(summary_messages(response)) >= len(fields)
    assert ContactRequest.objects.count() == 0
    assert ContactMail.objects.count() == 0


def form_value(response, name):
    element = soup(response).find(attrs={"name": name})
    if element.name == "textarea":
        return element.get_text()[1:] if element.get_text().startswith("\n") else element.get_text()
    if element.name == "select":
        selected = element.find("option", selected=True)
        return selected["value"] if selected else ""
    return element.get("value", "")


def checked_modules(response):
    return {box["value"] for box in soup(response).select("input[name=modules][checked]")}


# ---------------------------------------------------------------------------------------------
# What the form opens with


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_opens_with_a_contact_question_and_is_never_cached(client, site, language):
    response = client.get(site.url(language))
    assert response.status_code == 200
    assert form_value(response, "kind") == "contact"
    assert soup(response).find(id="id_track") is None
    assert soup(response).find(id="id_message") is not None
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert soup(response).find("html")["lang"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_soort_intake_opens_the_intake(client, site, language):
    response = client.get(site.url(language) + "?soort=intake")
    assert form_value(response, "kind") == "intake"
    assert soup(response).find(id="id_track") is not None
    assert soup(response).find(id="kind-intake")["aria-current"] == "page"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("track_language", LANGUAGES)
def test_a_track_of_either_language_is_prefilled_in_the_visitors(
    client, site, language, track_language
):
    urban = site.bilingual.nl.urban
    asked = site.version(urban, track_language)
    response = client.get(f"{site.url(language)}?traject={asked.pk}")
    assert form_value(response, "kind") == "intake"
    assert form_value(response, "track") == str(site.version(urban, language).pk)
    # An open track has a fixed programme: no modules ticked.
    assert checked_modules(response) == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_tailor_made_track_ticks_its_programmes_modules(client, site, language):
    business = site.bilingual.nl.business  # op maat, programme: modules[1]
    response = client.get(f"{site.url(language)}?traject={business.pk}")
    assert form_value(response, "track") == str(site.version(business, language).pk)
    module = site.version(site.bilingual.nl.modules[1], language)
    assert checked_modules(response) == {str(module.pk)}


def _unpublished(site):
    track = site.bilingual.nl.untagged_track
    for version in track.get_translations(inclusive=True):  # fetched anew: `site` is shared
        version.specific.unpublish()
    return track.pk


def _private(site):
    track = site.bilingual.nl.urban
    PageViewRestriction.objects.create(
        page=track, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    return track.pk


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "asked",
    [
        lambda site: 987654,
        lambda site: "abc",
        lambda site: "",
        lambda site: "1" * 40,
        lambda site: site.bilingual.nl.modules[0].pk,  # a page, but not a track
        _unpublished,
        _private,
    ],
    ids=["unknown", "not-a-number", "empty", "huge", "a-module", "unpublished", "private"],
)
def test_a_track_that_cannot_be_chosen_gives_a_notice_not_an_error(client, site, language, asked):
    value = asked(site)
    response = client.get(f"{site.url(language)}?traject={value}")
    assert response.status_code == 200
    assert form_value(response, "kind") == "intake"
    assert form_value(response, "track") == ""
    notice = soup(response).select_one(".contact__notice").get_text(strip=True)
    assert notice == in_language(
        language,
        "Het leertraject waar u vandaan kwam, kunnen we hier niet (meer) tonen. Kies een "
        "leertraject uit de lijst of beschrijf uw wensen.",
    )
    assert not summary_messages(response)


def test_a_private_or_unpublished_track_is_not_offered_at_all(client, site):
    private_pk, unpublished_pk = _private(site), _unpublished(site)
    response = client.get(site.url("nl") + "?soort=intake")
    offered = {option["value"] for option in soup(response).select("#id_track option")}
    assert str(private_pk) not in offered and str(unpublished_pk) not in offered
    assert site.bilingual.nl.urban.title not in response.content.decode()


# ---------------------------------------------------------------------------------------------
# What is stored


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_intake_is_stored_with_its_language_track_modules_and_consent(client, site, language):
    nl = site.bilingual.nl
    track = site.version(nl.business, language)
    modules = [site.version(module, language) for module in nl.modules[:2]]
    source = site.version(nl.themes[0], language)
    data = intake_data(
        track=str(track.pk), modules=[str(module.pk) for module in modules], source=str(source.pk)
    )
    response = post(client, site.url(language), data)
    assert response.status_code == 302
    thank_you = response["Location"]
    assert thank_you == site.url(language) + "bedankt/?soort=intake"
    assert "anna" not in thank_you.lower()

    stored = ContactRequest.objects.get()
    assert (stored.kind, stored.language_code, stored.contact_page_id) == (
        "intake",
        language,
        site.page(language).pk,
    )
    assert (stored.track_id, stored.track_title) == (track.pk, track.title)
    assert set(stored.modules.values_list("pk", flat=True)) == {module.pk for module in modules}
    assert stored.module_titles.splitlines() == [module.title for module in modules]
    assert (stored.source_page_id, stored.source_title) == (source.pk, source.title)
    assert (stored.group_size, stored.preferred_period, stored.role) == (
        12,
        "najaar 2027",
        "HR-adviseur",
    )
    assert stored.consent_given_at is not None
    assert stored.privacy_version == site.page(language).privacy_version
    assert not stored.is_suspected_spam
    assert sorted(ContactMail.objects.values_list("kind", flat=True)) == sorted(
        [MailKind.STAFF, MailKind.CONFIRMATION]
    )

    page = client.get(thank_you)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    heading = soup(page).find(id="thank-you-title").get_text(strip=True)
    assert heading == in_language(language, "Bedankt voor uw intake-aanvraag")
    thank_you_text = "We nemen contact op" if language == "nl" else "EN We nemen contact op"
    assert thank_you_text in page.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_contact_question_keeps_only_its_own_fields(client, site, language):
    track = site.version(site.bilingual.nl.urban, language)
    data = contact_data(track=str(track.pk), group_size="9999", role="x\ny", modules=["abc"])
    response = post(client, site.url(language), data)
    assert response.status_code == 302
    assert response["Location"].endswith("bedankt/?soort=contact")
    stored = ContactRequest.objects.get()
    assert (stored.kind, stored.subject, stored.message) == (
        "contact",
        "Een vraag",
        "Kunnen we eens kennismaken?",
    )
    assert (stored.track, stored.group_size, stored.role, stored.modules.count()) == (
        None,
        None,
        "",
        0,
    )


def test_an_unknown_kind_is_read_as_a_contact_question(client, site):
    response = post(client, site.url("nl"), contact_data(kind="<b>spam</b>"))
    assert response.status_code == 302
    assert ContactRequest.objects.get().kind == "contact"


def test_a_source_page_that_is_not_visible_is_not_recorded(client, site):
    _private(site)
    data = contact_data(source=str(site.bilingual.nl.urban.pk))
    assert post(client, site.url("nl"), data).status_code == 302
    stored = ContactRequest.objects.get()
    assert (stored.source_page, stored.source_title) == (None, "")


def test_the_source_page_travels_from_the_query_to_the_stored_request(client, site):
    theme = site.bilingual.nl.themes[0]
    response = client.get(f"{site.url('nl')}?bron={theme.pk}")
    assert form_value(response, "source") == str(theme.pk)
    assert f"bron={theme.pk}" in soup(response).find(id="kind-intake")["href"]


def test_nothing_is_stored_half_when_enqueueing_the_mails_fails(site):
    request = RequestFactory().post(site.url("nl"), REMOTE_ADDR="127.0.0.1")
    with translation.override("nl"):
        form = ContactRequestForm(
            intake_data(modules=[str(site.bilingual.nl.modules[0].pk)]),
            resolver=LinkResolver.for_request(request),
        )
        assert form.is_valid(), form.errors
    with (
        mock.patch("contact.submission.enqueue_request_mails", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        submit(form, request, site.page("nl"))
    assert ContactRequest.objects.count() == 0
    assert ContactRequest.modules.through.objects.count() == 0
    assert ContactMail.objects.count() == 0


# ---------------------------------------------------------------------------------------------
# Bad input: a message next to the field, what was typed kept, nothing stored


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_contact_question_names_every_missing_field(client, site, language):
    response = post(client, site.url(language), {"kind": "contact"})
    assert_rejected(response, "name", "email", "message", "consent")
    assert field_error(response, "name") == in_language(language, "Vul uw naam in.")
    assert soup(response).find(id="id_name")["aria-invalid"] == "true"
    assert "id_name_error" in soup(response).find(id="id_name")["aria-describedby"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_intake_names_every_missing_field(client, site, language):
    response = post(client, site.url(language), {"kind": "intake"})
    assert_rejected(response, "organisation", "name", "email", "track", "consent")
    assert field_error(response, "track") == in_language(
        language,
        "Kies een leertraject, vink modules aan of beschrijf uw wensen, zodat we weten waar "
        "de intake over gaat.",
    )
    # The summary links each message to its field.
    links = [link["href"] for link in soup(response).select("#error-summary a")]
    assert links[:3] == ["#id_name", "#id_email", "#id_organisation"]


@pytest.mark.parametrize("field", ["name", "subject"])
@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\u2028"])
def test_a_line_break_in_a_one_line_field_is_refused(client, site, field, line_break):
    value = f"Anna{line_break}Bcc: iedereen@example.org"
    response = post(client, site.url("nl"), contact_data(**{field: value}))
    assert_rejected(response, field)
    assert field_error(response, field) == "Gebruik één regel, zonder regeleinden."
    assert form_value(response, "message") == "Kunnen we eens kennismaken?"


@pytest.mark.parametrize("field", ["organisation", "role", "preferred_period"])
def test_a_line_break_in_an_intake_line_is_refused(client, site, field):
    response = post(client, site.url("en"), intake_data(**{field: "a\nb"}))
    assert_rejected(response, field)
    assert field_error(response, field) == in_language(
        "en", "Gebruik één regel, zonder regeleinden."
    )


@pytest.mark.parametrize(
    ("field", "length"),
    [("name", 151), ("subject", 201), ("organisation", 201), ("phone", 41), ("email", 255)],
)
def test_a_value_too_long_is_refused(client, site, field, length):
    value = "a" * (length - 7) + "@ex.org" if field == "email" else "1" * length
    response = post(client, site.url("nl"), contact_data(**{field: value}))
    assert_rejected(response, field)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_two_megabyte_message_is_refused_and_kept(client, site, language):
    message = "Lang verhaal. " * (2 * 1024 * 1024 // 14)
    response = post(client, site.url(language), contact_data(message=message))
    assert_rejected(response, "message")
    with translation.override(language):
        assert "5000" in field_error(response, "message")
    assert form_value(response, "message") == message  # as typed


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_post_too_large_to_read_gets_a_page_that_says_so(client, site, language, settings):
    body = "message=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        site.url(language), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert soup(response).find("h1").get_text(strip=True) == in_language(
        language, "Bericht te groot"
    )
    assert soup(response).select_one(".error-page a.button")["href"] == site.url(language)
    assert ContactRequest.objects.count() == 0


@pytest.mark.parametrize(
    "email",
    [
        "geen-adres",
        "anna@",
        "anna@gemeente",
        "anna@gemeente.nl\nBcc: x@example.org",
        "anna@gemeente.nl\r\nBcc: x@example.org",
        "an\x00na@gemeente.nl",
        "anna@gemeente.nl\x07",
        "<script>@gemeente.nl",
    ],
)
def test_an_invalid_email_address_is_refused(client, site, email):
    response = post(client, site.url("nl"), contact_data(email=email))
    assert_rejected(response, "email")
    assert field_error(response, "email") == (
        "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."
    )


@pytest.mark.parametrize(
    "phone", ["12345", "06-1234abcd", "+" + "1" * 21, "06 1234 5678 ext. 2", "++--()"]
)
def test_an_invalid_phone_number_is_refused(client, site, phone):
    response = post(client, site.url("nl"), contact_data(phone=phone))
    assert_rejected(response, "phone")


@pytest.mark.parametrize("phone", ["+31 (0)30 123 45 67", "030-1234567", "0612345678"])
def test_a_phone_number_may_have_spaces_plus_dashes_and_brackets(client, site, phone):
    assert post(client, site.url("nl"), contact_data(phone=phone)).status_code == 302
    assert ContactRequest.objects.get().phone == phone


@pytest.mark.parametrize("size", ["0", "501", "-3", "tien", "1e3", "9" * 5000])
def test_a_group_size_outside_1_to_500_is_refused(client, site, size):
    response = post(client, site.url("nl"), intake_data(group_size=size))
    assert_rejected(response, "group_size")
    assert field_error(response, "group_size") == (
        "Vul een aantal deelnemers in van 1 tot en met 500."
    )


def test_modules_of_the_other_language_are_refused(client, site):
    dutch_module = site.bilingual.nl.modules[0]
    response = post(client, site.url("en"), intake_data(modules=[str(dutch_module.pk)]))
    assert_rejected(response, "modules")
    assert field_error(response, "modules").endswith(
        in_language(
            "en", "Een gekozen module staat niet (meer) in de lijst. Kies opnieuw uit de lijst."
        )
    )


def test_a_track_of_the_other_language_is_refused(client, site):
    english_track = site.bilingual.en(site.bilingual.nl.urban)
    response = post(client, site.url("nl"), intake_data(track=str(english_track.pk)))
    assert_rejected(response, "track")


def test_a_private_track_is_refused_on_post(client, site):
    track_pk = _private(site)
    response = post(client, site.url("nl"), intake_data(track=str(track_pk)))
    assert_rejected(response, "track")


@pytest.mark.parametrize("language", LANGUAGES)
def test_markup_is_stored_as_text_and_escaped_when_shown_again(client, site, language):
    markup = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = post(
        client, site.url(language), contact_data(name=markup, subject=markup, email="kapot")
    )
    assert_rejected(response, "email")
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert form_value(response, "name") == markup  # kept, as text

    response = post(client, site.url(language), contact_data(name=markup, message=markup))
    assert response.status_code == 302
    stored = ContactRequest.objects.get()
    assert (stored.name, stored.message) == (markup, markup)


def test_nul_and_control_characters_are_removed_and_line_breaks_kept_in_the_message(client, site):
    data = contact_data(
        name="An\x00na\x07 de\tVries\x1b",
        subject="Vraag\x00\x7f",
        message="Regel één\x00\r\nRegel twee\x0b\u2028Regel drie\x9b",
    )
    assert post(client, site.url("nl"), data).status_code == 302
    stored = ContactRequest.objects.get()
    assert stored.name == "Anna de Vries"
    assert stored.subject == "Vraag"
    assert stored.message == "Regel één\nRegel twee\n\nRegel drie"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_csrf_token_gets_a_page_that_leads_back(site, language):
    client = Client(enforce_csrf_checks=True)
    response = client.post(site.url(language), contact_data())
    assert response.status_code == 403
    assert soup(response).find("h1").get_text(strip=True) == in_language(
        language, "Formulier verlopen"
    )
    assert soup(response).select_one(".error-page a.button")["href"] == site.url(language)
    assert ContactRequest.objects.count() == 0


def test_with_its_csrf_token_the_form_is_taken(site):
    client = Client(enforce_csrf_checks=True)
    form_page = client.get(site.url("nl"))
    token = soup(form_page).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = client.post(site.url("nl"), contact_data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert ContactRequest.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# Spam: kept and flagged, never dropped; no confirmation to the client


def assert_flagged(reason):
    stored = ContactRequest.objects.latest("pk")
    assert stored.is_suspected_spam
    assert reason in stored.spam_reasons.split(",")
    assert list(stored.mails.values_list("kind", flat=True)) == [MailKind.STAFF]
    return stored


def test_a_filled_in_honeypot_is_kept_and_flagged(client, site):
    response = post(client, site.url("nl"), contact_data(website="http://spam.example"))
    assert response.status_code == 302  # the robot is not told
    assert_flagged(spam.HONEYPOT)


def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(client, site):
    trap = soup(client.get(site.url("nl"))).select_one(".form-trap")
    assert trap["aria-hidden"] == "true"
    assert trap.find("input", attrs={"name": "website"})["tabindex"] == "-1"


def test_a_form_sent_too_fast_is_kept_and_flagged(client, site, settings):
    settings.CONTACT_FORM_MIN_SECONDS = 3
    assert post(client, site.url("nl"), contact_data()).status_code == 302
    assert_flagged(spam.TOO_FAST)


def test_a_form_sent_after_the_minimum_time_is_not_flagged(client, site, settings):
    settings.CONTACT_FORM_MIN_SECONDS = 3
    token = contact_data()["form_token"]
    with mock.patch("contact.spam._now", return_value=time.time() + 4):
        post(client, site.url("nl"), contact_data(form_token=token))
    assert not ContactRequest.objects.get().is_suspected_spam


@pytest.mark.parametrize("token", ["", "onzin", "eyJub25jZSI6ImEifQ:vervalst:handtekening"])
def test_a_missing_or_forged_token_is_kept_and_flagged(client, site, token):
    assert post(client, site.url("nl"), contact_data(form_token=token)).status_code == 302
    assert_flagged(spam.TOKEN_MISSING)


def test_a_replayed_token_is_kept_and_flagged(client, site):
    token = contact_data()["form_token"]
    post(client, site.url("nl"), contact_data(form_token=token))
    post(client, site.url("nl"), contact_data(form_token=token))
    first, second = ContactRequest.objects.order_by("pk")
    assert not first.is_suspected_spam
    assert second.spam_reasons == spam.REPLAYED
    assert_flagged(spam.REPLAYED)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_expired_token_asks_to_send_again_with_a_fresh_one(client, site, language):
    token = contact_data()["form_token"]
    later = time.time() + 2 * 60 * 60 + 1
    with mock.patch("contact.spam._now", return_value=later):
        response = post(client, site.url(language), contact_data(form_token=token))
        fresh = form_value(response, "form_token")
        assert spam.check_token(fresh)[0] is spam.TokenCheck.VALID
    assert response.status_code == 200
    assert summary_messages(response) == [
        in_language(
            language,
            "Dit formulier stond te lang open. Controleer uw gegevens en verstuur het opnieuw.",
        )
    ]
    assert form_value(response, "name") == "Anna de Vries"
    assert fresh != token
    assert ContactRequest.objects.count() == 0


def test_an_invalid_form_is_shown_again_with_the_same_token(client, site):
    token = contact_data()["form_token"]
    response = post(client, site.url("nl"), contact_data(form_token=token, email="kapot"))
    assert form_value(response, "form_token") == token


def test_over_the_rate_limit_requests_are_kept_and_flagged(client, site, settings):
    settings.CONTACT_RATE_LIMIT = 5
    address = unique_address()
    for _ in range(6):
        assert post(client, site.url("nl"), contact_data(), address=address).status_code == 302
    requests = list(ContactRequest.objects.order_by("pk"))
    assert [request.is_suspected_spam for request in requests] == [False] * 5 + [True]
    assert_flagged(spam.RATE_LIMITED)
    # Another address is counted apart.
    post(client, site.url("nl"), contact_data(), address=unique_address())
    assert not ContactRequest.objects.latest("pk").is_suspected_spam


@pytest.fixture
def cache_down(settings):
    """The spam checks' cache is a Redis nobody listens on (connections refused)."""
    settings.CACHES = {
        **settings.CACHES,
        "spam": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.CONTACT_SPAM_CACHE = "spam"


def test_with_the_cache_down_requests_are_let_through_and_logged(
    client, site, settings, cache_down, caplog
):
    settings.CONTACT_RATE_LIMIT = 1
    token = contact_data()["form_token"]
    with caplog.at_level(logging.WARNING, logger="contact.spam"):
        for _ in range(3):
            response = post(client, site.url("nl"), contact_data(form_token=token))
            assert response.status_code == 302
    assert ContactRequest.objects.filter(is_suspected_spam=False).count() == 3
    assert ContactMail.objects.filter(kind=MailKind.CONFIRMATION).count() == 3
    assert "rate limit skipped" in caplog.text and "replay check skipped" in caplog.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_stored_reasons_read_as_labels_in_the_admins_language(language):
    with translation.override(language):
        labels = ContactRequest(spam_reasons="honeypot,too_fast").get_spam_reasons_display()
        assert labels == ", ".join(
            [
                in_language(language, "verborgen veld ingevuld"),
                in_language(language, "te snel verstuurd"),
            ]
        )
    assert ContactRequest(spam_reasons="").get_spam_reasons_display() == ""
