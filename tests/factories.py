"""Factories for every page type, snippet and link row of the content model.

Page factories need a `parent` (they would otherwise create a new tree root); link-row
factories need their `page` (and usually their target) passed explicitly, so a test always
says where things live.
"""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Collection

from articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedTrack,
    ArticleThemeLink,
)
from cases.models import CaseIndexPage, CaseStudyPage, CaseStudyThemeLink, CaseStudyTrainer
from contact.models import ContactPage
from core.models import Method, Person
from home.models import HomeFeaturedTrack, HomePage
from themes.models import ThemeIndexPage, ThemePage
from trajecten.choices import MeetingUnit, TrackForm
from trajecten.models import (
    LeertrajectIndexPage,
    LeertrajectMethodLink,
    LeertrajectPage,
    LeertrajectThemeLink,
    LeertrajectTrainer,
    ModuleIndexPage,
    ModuleMethodLink,
    ModulePage,
    ModuleThemeLink,
    ProgrammeStep,
)


def paragraph(html):
    """Raw StreamField data for one BaseStreamBlock paragraph."""
    return {"type": "paragraph", "value": html}


def quote(text, attribution="", role=""):
    """Raw StreamField data for one quote block."""
    return {"type": "quote", "value": {"quote": text, "attribution": attribution, "role": role}}


def call_to_action(title, *, page=None, url="", button_label="Lees meer"):
    """Raw StreamField data for one call-to-action block, to a page or a URL."""
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": "",
            "button_label": button_label,
            "page": page.pk if page else None,
            "url": url,
        },
    }


# ---------------------------------------------------------------------------------------------
# Images and snippets


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the stock factory makes a new root collection each time)."""

    title = factory.Sequence(lambda n: f"Afbeelding {n:04d}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=40, height=30, color="green")


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Trainer {n:04d}")
    role = "trainer en coach"
    bio = "<p>Begeleidt teams in publieke organisaties.</p>"

    class Meta:
        model = Person


class MethodFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Werkvorm {n:04d}")
    description = "Een werkvorm om samen te leren."

    class Meta:
        model = Method


# ---------------------------------------------------------------------------------------------
# Pages


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"
    hero_title = "Leren in publieke organisaties"
    hero_text = "Leertrajecten op maat voor gemeenten en andere publieke organisaties."

    class Meta:
        model = HomePage


class LeertrajectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Leertrajecten"
    intro = "Al onze leertrajecten."

    class Meta:
        model = LeertrajectIndexPage


class ModuleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Modules"
    intro = "De bouwstenen van onze trajecten."

    class Meta:
        model = ModuleIndexPage


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Thema's"
    slug = "themas"
    intro = "Onze thema's."

    class Meta:
        model = ThemeIndexPage


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Cases"
    intro = "Zo pakten wij het aan."

    class Meta:
        model = CaseIndexPage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Artikelen"
    intro = "Verhalen en reflecties."

    class Meta:
        model = ArticleIndexPage


class LeertrajectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Leertraject {n:04d}")
    subtitle = "Samen leren en werken"
    intro = "Een traject voor professionals die samenwerken met inwoners en partners."
    form = TrackForm.IN_COMPANY
    meeting_count = 6
    meeting_unit = MeetingUnit.DAYS
    duration = "zes maanden"

    class Meta:
        model = LeertrajectPage


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n:04d}")
    subtitle = "Ik in relatie tot de ander"
    summary = "Een dag over samenwerken."
    duration = "1 dag"

    class Meta:
        model = ModulePage


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thema {n:04d}")
    intro = "Over dit thema."

    class Meta:
        model = ThemePage


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Case {n:04d}")
    intro = "Hoe een organisatie met ons leerde."
    client_name = "middelgrote gemeente"
    period = "2017 - 2018"
    session_count = 17

    class Meta:
        model = CaseStudyPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n:04d}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    intro = "Een reflectie op leren in de praktijk."
    body = factory.LazyFunction(lambda: [paragraph("<p>Leren doe je samen.</p>")])

    class Meta:
        model = ArticlePage


def heading(text):
    """Raw StreamField data for one ContactTextBlock heading."""
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"
    slug = "contact"
    intro = factory.LazyFunction(
        lambda: [paragraph("<p>Stel uw vraag of vraag een intake aan.</p>")]
    )
    privacy_text = factory.LazyFunction(
        lambda: [paragraph("<p>We gebruiken uw gegevens alleen om uw aanvraag te behandelen.</p>")]
    )
    thank_you_text = factory.LazyFunction(
        lambda: [heading("We nemen contact op"), paragraph("<p>Binnen twee werkdagen.</p>")]
    )

    class Meta:
        model = ContactPage


# ---------------------------------------------------------------------------------------------
# Link rows (orderables). Pass `page` and the target explicitly. Rows are numbered in creation
# order: a NULL sort_order would sort first on SQLite and last on PostgreSQL.


class OrderableFactory(DjangoModelFactory):
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        abstract = True


class PersonLinkFactory(OrderableFactory):
    person = factory.SubFactory(PersonFactory)

    class Meta:
        abstract = True


class MethodLinkFactory(OrderableFactory):
    method = factory.SubFactory(MethodFactory)

    class Meta:
        abstract = True


class ProgrammeStepFactory(OrderableFactory):
    kind = ProgrammeStep.Kind.MODULE
    label = ""
    note = ""

    class Meta:
        model = ProgrammeStep


class LeertrajectThemeLinkFactory(OrderableFactory):
    class Meta:
        model = LeertrajectThemeLink


class ModuleThemeLinkFactory(OrderableFactory):
    class Meta:
        model = ModuleThemeLink


class CaseStudyThemeLinkFactory(OrderableFactory):
    class Meta:
        model = CaseStudyThemeLink


class ArticleThemeLinkFactory(OrderableFactory):
    class Meta:
        model = ArticleThemeLink


class LeertrajectTrainerFactory(PersonLinkFactory):
    class Meta:
        model = LeertrajectTrainer


class CaseStudyTrainerFactory(PersonLinkFactory):
    class Meta:
        model = CaseStudyTrainer


class ArticleAuthorFactory(PersonLinkFactory):
    class Meta:
        model = ArticleAuthor


class LeertrajectMethodLinkFactory(MethodLinkFactory):
    class Meta:
        model = LeertrajectMethodLink


class ModuleMethodLinkFactory(MethodLinkFactory):
    class Meta:
        model = ModuleMethodLink


class ArticleRelatedTrackFactory(OrderableFactory):
    class Meta:
        model = ArticleRelatedTrack


class HomeFeaturedTrackFactory(OrderableFactory):
    class Meta:
        model = HomeFeaturedTrack
