"""Builders for a small site, shared by the pytest fixtures and the unittest-style page tests."""

import datetime
from dataclasses import dataclass

from wagtail.models import Locale, Page, Site

from tests import factories as f
from tests.translating import translate_and_publish
from trajecten.choices import MeetingUnit, TrackForm
from trajecten.models import ProgrammeStep


@dataclass
class SiteTree:
    site: Site
    home: Page
    track_index: Page
    module_index: Page
    theme_index: Page
    case_index: Page
    article_index: Page


def build_site():
    """A Dutch home page as the default site's root, with the five index pages under it.

    Wagtail's initial migration leaves a "Welcome" page at depth 2 with a default Site on it;
    both go, so the home page can have the usual slug and the tree holds only our pages.
    """
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    root = Page.get_first_root_node()
    home = f.HomePageFactory(parent=root, locale=Locale.objects.get(language_code="nl"))
    site = Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Leertrajecten",
    )
    return SiteTree(
        site=site,
        home=home,
        track_index=f.LeertrajectIndexPageFactory(parent=home),
        module_index=f.ModuleIndexPageFactory(parent=home),
        theme_index=f.ThemeIndexPageFactory(parent=home),
        case_index=f.CaseIndexPageFactory(parent=home),
        article_index=f.ArticleIndexPageFactory(parent=home),
    )


def make_track(
    tree,
    *,
    modules=(),
    interludes=None,
    themes=(),
    trainers=(),
    methods=(),
    **kwargs,
):
    """A live track whose programme is `modules` in order, labelled 'Dag 1', 'Dag 2', ...

    `interludes` maps a day number to the kind of step that follows that day, e.g.
    `{1: ProgrammeStep.Kind.ASSIGNMENT}` puts an assignment between day 1 and day 2.
    """
    interludes = interludes or {}
    track = f.LeertrajectPageFactory(parent=tree.track_index, **kwargs)
    for day, module in enumerate(modules, start=1):
        f.ProgrammeStepFactory(page=track, module=module, label=f"Dag {day}")
        if day in interludes:
            f.ProgrammeStepFactory(
                page=track,
                kind=interludes[day],
                note=f"Tussen dag {day} en dag {day + 1}.",
            )
    for theme in themes:
        f.LeertrajectThemeLinkFactory(page=track, theme=theme)
    for person in trainers:
        f.LeertrajectTrainerFactory(page=track, person=person)
    for method in methods:
        f.LeertrajectMethodLinkFactory(page=track, method=method)
    return track


def make_modules(tree, count, **kwargs):
    return [f.ModulePageFactory(parent=tree.module_index, **kwargs) for _ in range(count)]


def make_themes(tree, count, **kwargs):
    return [f.ThemePageFactory(parent=tree.theme_index, **kwargs) for _ in range(count)]


# One page of each page type in `Content`, by name (see `Content.page`).
PAGE_NAMES = [
    "home",
    "track_index",
    "module_index",
    "theme_index",
    "case_index",
    "article_index",
    "track",
    "module",
    "theme",
    "case",
    "article",
]


@dataclass
class Content:
    tree: SiteTree
    themes: list
    modules: list
    trainers: list
    methods: list
    urban: Page
    business: Page
    untagged_track: Page
    cases: list
    article: Page

    def page(self, name):
        """The page of type `name` (one of PAGE_NAMES), as its specific page."""
        tree = self.tree
        return {
            "home": tree.home,
            "track_index": tree.track_index,
            "module_index": tree.module_index,
            "theme_index": tree.theme_index,
            "case_index": tree.case_index,
            "article_index": tree.article_index,
            "track": self.urban,
            "module": self.modules[1],  # in two tracks
            "theme": self.themes[0],
            "case": self.cases[0],
            "article": self.article,
        }[name].specific


MODULE_TITLES = [
    "Kennismaken met de stad",
    "Samen op pad",
    "De inwoner centraal",
    "Regie en ruimte",
    "Netwerken in de wijk",
    "Pitch en afsluiting",
]


def build_content():
    """A small but complete Dutch site: two themes, six modules, three tracks, three cases,
    an article, a featured track on the home page."""
    tree = build_site()
    flexibel = f.ThemePageFactory(parent=tree.theme_index, title="Flexibele organisatie")
    samenwerken = f.ThemePageFactory(parent=tree.theme_index, title="Samenwerken")
    modules = [f.ModulePageFactory(parent=tree.module_index, title=t) for t in MODULE_TITLES]
    f.ModuleThemeLinkFactory(page=modules[0], theme=flexibel)
    f.ModuleMethodLinkFactory(page=modules[0])
    trainers = [
        f.PersonFactory(name="Anna de Vries", role="trainer en coach", photo=f.ImageFactory()),
        f.PersonFactory(name="Bram Jansen", role="trainingsacteur"),
    ]
    methods = [f.MethodFactory(name="Insights Discovery"), f.MethodFactory(name="Intervisie")]
    urban = make_track(
        tree,
        title="Urban Professional",
        form=TrackForm.OPEN,
        meeting_count=6,
        meeting_unit=MeetingUnit.DAYS,
        modules=modules,
        interludes={
            1: ProgrammeStep.Kind.ASSIGNMENT,
            3: ProgrammeStep.Kind.INTERVIEW,
            5: ProgrammeStep.Kind.APPLY,
        },
        themes=[flexibel],
        trainers=trainers,
        methods=methods,
        quotes=[f.quote("Ik vond mijn nieuwsgierigheid terug.", "Oud-deelnemer", "jurist")],
    )
    business = make_track(
        tree,
        title="Business partner",
        form=TrackForm.TAILOR_MADE,
        meeting_count=17,
        meeting_unit=MeetingUnit.MEETINGS,
        client_name="gemeente Utrecht",
        modules=[modules[1]],
        themes=[samenwerken],
        trainers=trainers[:1],
    )
    untagged = make_track(tree, title="Zonder thema", form=TrackForm.IN_COMPANY)
    cases = []
    for title, client_name, theme in [
        ("Wendbaar in de wijk", "middelgrote gemeente", flexibel),
        ("Flexibel werken bij de provincie", "provincie Gelderland", flexibel),
        ("Samen sterker", "waterschap", samenwerken),
    ]:
        case = f.CaseStudyPageFactory(
            parent=tree.case_index, title=title, client_name=client_name, track=urban
        )
        f.CaseStudyThemeLinkFactory(page=case, theme=theme)
        f.CaseStudyTrainerFactory(page=case, person=trainers[0])
        cases.append(case)
    article = f.ArticlePageFactory(
        parent=tree.article_index,
        title="Nieuwsgierig blijven",
        date=datetime.date(2024, 3, 1),
        body=[
            f.paragraph("<p>Over leren in de praktijk.</p>"),
            f.quote("Leren doe je niet alleen.", "Carla Bos", "beleidsadviseur"),
        ],
    )
    for person in trainers:
        f.ArticleAuthorFactory(page=article, person=person)
    f.ArticleThemeLinkFactory(page=article, theme=flexibel)
    f.ArticleRelatedTrackFactory(page=article, track=urban)
    f.HomeFeaturedTrackFactory(page=tree.home, track=urban)
    return Content(
        tree=tree,
        themes=[flexibel, samenwerken],
        modules=modules,
        trainers=trainers,
        methods=methods,
        urban=urban,
        business=business,
        untagged_track=untagged,
        cases=cases,
        article=article,
    )


@dataclass
class Bilingual:
    """`build_content`'s Dutch site with every page and snippet translated into English and
    published, the way editors do it in wagtail-localize (see tests/translating.py)."""

    nl: Content
    en_locale: Locale
    user: object

    def en(self, obj):
        """The English translation of a Dutch page (specific) or snippet."""
        translation = obj.get_translation(self.en_locale)
        return translation.specific if isinstance(translation, Page) else translation


def build_bilingual(user):
    content = build_content()
    en = Locale.objects.get(language_code="en")
    tree = content.tree
    translate_and_publish(
        user,
        en,
        *content.trainers,
        *content.methods,
        tree.home,
        tree.track_index,
        tree.module_index,
        tree.theme_index,
        tree.case_index,
        tree.article_index,
        *content.themes,
        *content.modules,
        content.urban,
        content.business,
        content.untagged_track,
        *content.cases,
        content.article,
    )
    return Bilingual(nl=content, en_locale=en, user=user)
