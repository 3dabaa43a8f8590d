"""Property: whatever is posted to the contact page, the answer is never a server error; an
accepted request is stored exactly once, a refused one is shown again with a message.

At least 500 generated posts go through the real page (Django's test client, both languages),
mixing valid values with empty, too long, marked-up, control-character, line-break, foreign
and forged ones in every field.
"""

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contact import spam
from contact.models import ContactMail, ContactRequest
from tests.contact_support import build_contact_site, soup, summary_messages
from tests.support import shared_data

pytestmark = pytest.mark.django_db

EXAMPLES = 500


@pytest.fixture(scope="module")
def site(bilingual, django_db_blocker):
    with shared_data(django_db_blocker):
        yield build_contact_site(bilingual)


NASTY = st.sampled_from(
    [
        "",
        " ",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "\x00",
        "a\x00b",
        "\r\nBcc: x@example.org",
        "\u2028",
        "\x1b[31m",
        "=cmd|' /C calc'!A0",
        "\ufeff",
        "🙂",
        "Ω" * 300,
    ]
)
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300),
    NASTY,
    st.sampled_from(["Anna de Vries", "Gemeente Utrecht", "HR-adviseur", "najaar 2027"]),
)
EMAIL = st.one_of(
    st.emails(),
    st.sampled_from(["anna@gemeente.nl", "b.jansen@provincie.nl"]),
    TEXT,
    st.builds(lambda text: f"anna{text}@gemeente.nl", NASTY),
)
PHONE = st.one_of(
    st.just(""),
    st.from_regex(r"\+?[0-9 ()\-]{4,30}", fullmatch=True),
    TEXT,
)
NUMBER = st.one_of(
    st.integers(min_value=-5, max_value=700).map(str),
    st.sampled_from(["", "12", "1e3", "tien", "9" * 50]),
)
MESSAGE = st.one_of(
    TEXT,
    st.sampled_from(["Kunnen we kennismaken?\nGroet, Anna", "x" * 5000, "y" * 5001]),
)


VALID_TEXT = st.sampled_from(["Anna de Vries", "Gemeente Utrecht", "HR-adviseur", "najaar 2027"])


def field_strategies(ids):
    """{field: (a strategy of valid values, a strategy of anything)}."""
    return {
        "kind": (st.sampled_from(["contact", "intake"]), st.sampled_from(["", "onzin", "INTAKE"])),
        "name": (VALID_TEXT, TEXT),
        "email": (st.sampled_from(["anna@gemeente.nl", "b.jansen@provincie.nl"]), EMAIL),
        "phone": (st.sampled_from(["", "030 123 45 67", "+31 (0)6-12345678"]), PHONE),
        "organisation": (VALID_TEXT, TEXT),
        "role": (VALID_TEXT, TEXT),
        "subject": (VALID_TEXT, TEXT),
        "message": (st.sampled_from(["Kunnen we kennismaken?\nGroet, Anna"]), MESSAGE),
        "track": (
            st.sampled_from(ids["tracks"]),
            st.one_of(st.sampled_from(ids["tracks"] + ["", "0", "abc"]), TEXT),
        ),
        "modules": (
            st.lists(st.sampled_from(ids["modules"]), max_size=3),
            st.lists(st.one_of(st.sampled_from(ids["modules"]), TEXT), max_size=4),
        ),
        "group_size": (st.integers(1, 500).map(str), NUMBER),
        "preferred_period": (VALID_TEXT, TEXT),
        "consent": (st.just("on"), st.sampled_from(["on", "", "ja", "0", "false"])),
        "source": (st.sampled_from(ids["pages"]), st.one_of(st.sampled_from(ids["pages"]), TEXT)),
        "website": (st.just(""), st.one_of(st.just(""), TEXT)),
        "form_token": (st.just("fresh"), st.one_of(st.just("fresh"), TEXT)),
    }


@st.composite
def posts(draw, ids):
    """(language, form data) of one generated post: every field valid, one field anything
    (or left out), or every field anything (or left out)."""
    language = draw(st.sampled_from(["nl", "en"]))
    strategies = field_strategies(ids)
    mode = draw(st.sampled_from(["valid", "one wild", "all wild"]))
    wild_field = draw(st.sampled_from(sorted(strategies)))
    data = {}
    for name, (valid, anything) in strategies.items():
        wild = mode == "all wild" or (mode == "one wild" and name == wild_field)
        if wild and draw(st.integers(0, 9)) == 0:
            continue  # left out of the post altogether
        data[name] = draw(anything if wild else valid)
    if data.get("form_token") == "fresh":
        data["form_token"] = spam.new_token()
    return language, data


def page_ids(site):
    nl = site.bilingual.nl
    tracks = [nl.urban, nl.business, nl.untagged_track]
    both = [site.version(page, language) for page in tracks for language in ("nl", "en")]
    modules = [site.version(page, language) for page in nl.modules for language in ("nl", "en")]
    return {
        "tracks": [str(page.pk) for page in both],
        "modules": [str(page.pk) for page in modules],
        "pages": [str(page.pk) for page in [*both, *modules, nl.themes[0], nl.tree.home]],
    }


@override_settings(CONTACT_FORM_MIN_SECONDS=0, CONTACT_RATE_LIMIT=1_000_000)
def test_generated_posts_never_fail_and_are_stored_once_or_refused_with_a_message(site):
    client = Client()
    outcomes = {"accepted": 0, "refused": 0}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(post=posts(page_ids(site)))
    def check(post):
        language, data = post
        requests_before = ContactRequest.objects.count()
        mails_before = ContactMail.objects.count()
        response = client.post(site.url(language), data)
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            outcomes["accepted"] += 1
            assert ContactRequest.objects.count() == requests_before + 1
            stored = ContactRequest.objects.latest("pk")
            assert response["Location"] == (f"{site.url(language)}bedankt/?soort={stored.kind}")
            assert stored.language_code == language
            assert stored.name and stored.email and stored.consent_given_at
            assert "\x00" not in stored.name + stored.message + stored.subject
            assert "\n" not in stored.name + stored.subject + stored.organisation
            mails = ContactMail.objects.count() - mails_before
            assert mails == (1 if stored.is_suspected_spam else 2)
        else:
            outcomes["refused"] += 1
            assert ContactRequest.objects.count() == requests_before
            assert ContactMail.objects.count() == mails_before
            messages = summary_messages(response)
            assert messages, "refused without a message"
            assert soup(response).select(".form-field__error") or len(messages) == 1

    check()
    print(f"\ncontact form properties: {outcomes}")
    assert outcomes["accepted"] + outcomes["refused"] >= EXAMPLES
    # Both paths really ran, many times.
    assert outcomes["accepted"] >= 50 and outcomes["refused"] >= 50
