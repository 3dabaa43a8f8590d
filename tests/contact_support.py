"""The contact page in both languages on the small bilingual site, and posting its form."""

from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

from contact import spam
from tests import factories as f
from tests.translating import translate_and_publish


@dataclass
class ContactSite:
    bilingual: object
    pages: dict  # language code -> ContactPage

    def page(self, language):
        return self.pages[language]

    def url(self, language):
        return self.pages[language].url

    def version(self, page, language):
        """`page` (Dutch) as a visitor of `language` sees it."""
        return page.specific if language == "nl" else self.bilingual.en(page)


def build_contact_site(bilingual):
    nl_page = f.ContactPageFactory(parent=bilingual.nl.tree.home)
    [en_page] = translate_and_publish(bilingual.user, bilingual.en_locale, nl_page)
    return ContactSite(bilingual=bilingual, pages={"nl": nl_page, "en": en_page})


def in_language(language, dutch_msgid):
    """A visitor-facing string as a visitor of `language` reads it."""
    with translation.override(language):
        return gettext(dutch_msgid)


def contact_data(**overrides):
    """A complete, valid contact question, with a time token that passes the trap."""
    data = {
        "kind": "contact",
        "name": "Anna de Vries",
        "email": "anna@gemeente.nl",
        "phone": "",
        "organisation": "",
        "subject": "Een vraag",
        "message": "Kunnen we eens kennismaken?",
        "consent": "on",
        "website": "",
        "form_token": spam.new_token(),
    }
    data.update(overrides)
    return data


def intake_data(**overrides):
    """A complete, valid intake (about wishes; pass `track`/`modules` for more)."""
    data = contact_data(kind="intake", organisation="Gemeente Utrecht", role="HR-adviseur")
    del data["subject"]
    data.update(
        {
            "message": "Een traject voor ons team.",
            "group_size": "12",
            "preferred_period": "najaar 2027",
        }
    )
    data.update(overrides)
    return data


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def field_error(response, name):
    """The error text shown next to field `name`, or None."""
    element = soup(response).find(id=f"id_{name}_error")
    return element.get_text(" ", strip=True) if element else None


def summary_messages(response):
    """The messages of the error summary above the form ([] when there is none)."""
    summary = soup(response).find(id="error-summary")
    return [item.get_text(" ", strip=True) for item in summary.find_all("li")] if summary else []
