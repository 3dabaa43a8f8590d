"""Each page type: where it may live, what it may hold, and that it routes, renders, previews
and edits in the admin. One WagtailPageTestCase per page type, sharing one small site."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage, ArticlePage
from cases.models import CaseIndexPage, CaseStudyPage
from contact.models import ContactPage
from home.models import HomePage
from tests import factories as f
from tests.admin_forms import edit_form_data
from tests.builders import build_site, make_modules, make_themes, make_track
from themes.models import ThemeIndexPage, ThemePage
from trajecten.models import (
    LeertrajectIndexPage,
    LeertrajectPage,
    ModuleIndexPage,
    ModulePage,
    ProgrammeStep,
)

INDEX_MODELS = [
    LeertrajectIndexPage,
    ModuleIndexPage,
    ThemeIndexPage,
    CaseIndexPage,
    ArticleIndexPage,
]
ALL_PAGE_MODELS = [
    Page,
    HomePage,
    *INDEX_MODELS,
    LeertrajectPage,
    ModulePage,
    ThemePage,
    CaseStudyPage,
    ArticlePage,
    ContactPage,
]


class SiteTestCase(WagtailPageTestCase):
    """One populated site per test class: every page type with its link rows filled in."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = tree = build_site()
        cls.home = tree.home
        cls.image = f.ImageFactory()
        cls.themes = make_themes(tree, 2)
        cls.theme = cls.themes[0]
        cls.modules = make_modules(tree, 2)
        cls.module = cls.modules[0]
        f.ModuleThemeLinkFactory(page=cls.module, theme=cls.theme)
        f.ModuleMethodLinkFactory(page=cls.module)
        cls.trainer = f.PersonFactory(photo=cls.image)
        cls.track = make_track(
            tree,
            modules=cls.modules,
            interludes={1: ProgrammeStep.Kind.ASSIGNMENT},
            themes=[cls.theme],
            trainers=[cls.trainer],
            methods=[f.MethodFactory()],
            hero_image=cls.image,
            quotes=[f.quote("Ik leerde veel.", "Deelnemer", "gemeente")],
        )
        cls.case = f.CaseStudyPageFactory(parent=tree.case_index, track=cls.track)
        f.CaseStudyThemeLinkFactory(page=cls.case, theme=cls.theme)
        f.CaseStudyTrainerFactory(page=cls.case, person=cls.trainer)
        cls.article = f.ArticlePageFactory(
            parent=tree.article_index,
            body=[f.paragraph("<p>Tekst.</p>"), f.quote("Leren is samen doen.", "Auteur")],
        )
        f.ArticleAuthorFactory(page=cls.article, person=cls.trainer)
        f.ArticleThemeLinkFactory(page=cls.article, theme=cls.theme)
        f.ArticleRelatedTrackFactory(page=cls.article, track=cls.track)
        f.HomeFeaturedTrackFactory(page=cls.home, track=cls.track)
        # A second, empty language-less tree to create index pages in.
        cls.empty_home = f.HomePageFactory(parent=Page.get_first_root_node(), slug="leeg")


class PageTypeChecks:
    """The checks every page type gets; subclasses name the type and where it may live."""

    page_model = None
    parent_models = ()
    subpage_models = ()
    not_under = ()

    def get_page(self):
        raise NotImplementedError

    def create_under(self):
        """Where `test_can_create` creates a new page of this type."""
        raise NotImplementedError

    def create_form(self):
        """The admin form an editor fills in for a new page of this type (nested_form_data)."""
        raise NotImplementedError

    def check_created(self, page):
        """What a page created from `create_form` holds."""
        raise NotImplementedError

    def test_can_create(self):
        self.login()
        parent = self.create_under()
        existing = list(self.page_model.objects.child_of(parent).values_list("pk", flat=True))
        self.assertCanCreate(parent, self.page_model, nested_form_data(self.create_form()))
        [created] = self.page_model.objects.child_of(parent).exclude(pk__in=existing)
        assert created.live
        self.check_created(created)

    def test_allowed_parent_page_types(self):
        self.assertAllowedParentPageTypes(self.page_model, set(self.parent_models))

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(self.page_model, set(self.subpage_models))

    def test_can_create_under_allowed_parents(self):
        for parent_model in self.parent_models:
            self.assertCanCreateAt(parent_model, self.page_model)

    def test_can_not_create_elsewhere(self):
        assert self.not_under, "name at least one parent type this page type may not live under"
        for parent_model in self.not_under:
            self.assertCanNotCreateAt(parent_model, self.page_model)
        # Whatever is not an allowed parent is refused: the lists above cannot drift apart.
        for parent_model in set(ALL_PAGE_MODELS) - set(self.parent_models):
            self.assertCanNotCreateAt(parent_model, self.page_model)

    def test_routable(self):
        self.assertPageIsRoutable(self.get_page())

    def test_renderable(self):
        self.assertPageIsRenderable(self.get_page())

    def test_previewable(self):
        self.login()
        page = self.get_page()
        self.assertPageIsPreviewable(page, post_data=edit_form_data(self.client, page))

    def test_editable(self):
        self.login()
        page = self.get_page()
        data = edit_form_data(self.client, page)
        data["action-publish"] = "action-publish"
        self.assertPageIsEditable(page, post_data=data)

    def test_unchanged_edit_form_is_valid_and_publishes(self):
        """Posting the edit form back as it was loaded saves a new revision: no field the
        editor cannot see or fill in blocks publishing."""
        self.login()
        page = self.get_page()
        revisions_before = page.revisions.count()
        data = edit_form_data(self.client, page)
        data["action-publish"] = "action-publish"
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        errors = response.context["form"].errors if response.status_code == 200 else None
        assert response.status_code == 302, errors
        assert page.revisions.count() == revisions_before + 1


class TestHomePage(PageTypeChecks, SiteTestCase):
    page_model = HomePage
    parent_models = [Page]
    subpage_models = [*INDEX_MODELS, ContactPage]
    not_under = [HomePage, LeertrajectIndexPage, ThemePage]

    def get_page(self):
        return self.home

    def create_under(self):
        return Page.get_first_root_node()

    def create_form(self):
        return {
            "title": "Home (tweede site)",
            "slug": "tweede-site",
            "hero_title": "Welkom",
            "hero_text": "Een tweede boom.",
            "featured_track_links": inline_formset([{"track": self.track.pk}]),
            "call_to_action": streamfield([]),
        }

    def check_created(self, page):
        assert [link.track_id for link in page.featured_track_links.all()] == [self.track.pk]


class IndexPageChecks(PageTypeChecks):
    parent_models = [HomePage]
    index_attr = ""

    def get_page(self):
        return getattr(self.tree, self.index_attr)

    def test_one_per_home_page(self):
        assert not self.page_model.can_create_at(self.home)
        assert self.page_model.can_create_at(self.empty_home)

    def test_admin_refuses_a_second_index_under_the_same_home(self):
        self.login()
        url = reverse(
            "wagtailadmin_pages:add",
            args=[self.page_model._meta.app_label, self.page_model._meta.model_name, self.home.pk],
        )
        response = self.client.post(
            url, {"title": "Nog een overzicht", "slug": "nog-een", "action-publish": "1"}
        )
        # Wagtail answers a refused creation with 403 or a redirect to the dashboard.
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home")
        assert self.page_model.objects.child_of(self.home).count() == 1

    def create_under(self):
        return self.empty_home

    def create_form(self):
        return {"title": "Overzicht", "intro": "Alles op een rij."}

    def check_created(self, page):
        assert page.intro == "Alles op een rij."


class TestLeertrajectIndexPage(IndexPageChecks, SiteTestCase):
    page_model = LeertrajectIndexPage
    subpage_models = [LeertrajectPage]
    not_under = [Page, ModuleIndexPage, LeertrajectIndexPage]
    index_attr = "track_index"


class TestModuleIndexPage(IndexPageChecks, SiteTestCase):
    page_model = ModuleIndexPage
    subpage_models = [ModulePage]
    not_under = [Page, LeertrajectIndexPage, ModuleIndexPage]
    index_attr = "module_index"


class TestThemeIndexPage(IndexPageChecks, SiteTestCase):
    page_model = ThemeIndexPage
    subpage_models = [ThemePage]
    not_under = [Page, ThemeIndexPage]
    index_attr = "theme_index"


class TestCaseIndexPage(IndexPageChecks, SiteTestCase):
    page_model = CaseIndexPage
    subpage_models = [CaseStudyPage]
    not_under = [Page, CaseIndexPage]
    index_attr = "case_index"


class TestArticleIndexPage(IndexPageChecks, SiteTestCase):
    page_model = ArticleIndexPage
    subpage_models = [ArticlePage]
    not_under = [Page, ArticleIndexPage]
    index_attr = "article_index"


class TestLeertrajectPage(PageTypeChecks, SiteTestCase):
    page_model = LeertrajectPage
    parent_models = [LeertrajectIndexPage]
    not_under = [HomePage, ModuleIndexPage, Page]

    def get_page(self):
        return self.track

    def create_under(self):
        return self.tree.track_index

    def create_form(self):
        module_a, module_b = self.modules
        return {
            "title": "Urban Professional",
            "subtitle": "Werken in de stad",
            "intro": "Een traject van zes dagen.",
            "audience": rich_text("<p>Professionals bij gemeenten.</p>"),
            "goals_intro": "Na afloop kun je:",
            "goals": streamfield(
                [("goal", {"title": "Samenwerken met anderen", "description": ""})]
            ),
            "body": streamfield([("paragraph", rich_text("<p>Toelichting.</p>"))]),
            "quotes": streamfield(
                [("quote", {"quote": "Inspirerend.", "attribution": "", "role": ""})]
            ),
            "programme_intro": "Zes dagen met opdrachten ertussen.",
            "programme_steps": inline_formset(
                [
                    {
                        "kind": "module",
                        "module": module_a.pk,
                        "label": "Dag 1",
                        "goals": streamfield([]),
                    },
                    {
                        "kind": "opdracht",
                        "title": "Opdracht uitvoeren",
                        "note": "In je werk.",
                        "goals": streamfield([]),
                    },
                    {
                        "kind": "module",
                        "module": module_b.pk,
                        "label": "Dag 2",
                        "intro": "Voor dit traject: samenwerken in de wijk.",
                        "goals": streamfield(
                            [("goal", {"title": "Partners in de wijk kennen", "description": ""})]
                        ),
                    },
                ]
            ),
            "form": "open",
            "meeting_count": "6",
            "meeting_unit": "dagen",
            "duration": "zes maanden",
            "start_dates": inline_formset([{"start_date": "2027-09-06", "end_date": "2028-02-28"}]),
            "trainer_links": inline_formset([{"person": self.trainer.pk}]),
            "method_links": inline_formset([]),
            "theme_links": inline_formset(
                [{"theme": self.themes[0].pk}, {"theme": self.themes[1].pk}]
            ),
            "call_to_action": streamfield([]),
        }

    def check_created(self, track):
        module_a, module_b = self.modules
        steps = list(track.programme_steps.all())
        assert [(step.kind, step.module_id) for step in steps] == [
            ("module", module_a.pk),
            ("opdracht", None),
            ("module", module_b.pk),
        ]
        assert steps[2].intro == "Voor dit traject: samenwerken in de wijk."
        assert [goal.value["title"] for goal in steps[2].goals] == ["Partners in de wijk kennen"]
        assert [link.theme_id for link in track.theme_links.all()] == [
            theme.pk for theme in self.themes
        ]
        assert track.size_label == "6 dagen"
        assert [
            (start.start_date.isoformat(), start.end_date.isoformat())
            for start in track.start_dates.all()
        ] == [("2027-09-06", "2028-02-28")]

    def test_module_step_without_module_is_refused(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Zonder module",
                "intro": "Een stap zonder module.",
                "goals": streamfield([]),
                "body": streamfield([]),
                "quotes": streamfield([]),
                "programme_steps": inline_formset(
                    [{"kind": "module", "label": "Dag 1", "goals": streamfield([])}]
                ),
                "form": "open",
                "meeting_unit": "dagen",
                "start_dates": inline_formset([]),
                "trainer_links": inline_formset([]),
                "method_links": inline_formset([]),
                "theme_links": inline_formset([]),
                "call_to_action": streamfield([]),
            }
        )
        data["slug"] = "zonder-module"
        data["action-publish"] = "action-publish"
        url = reverse(
            "wagtailadmin_pages:add",
            args=["trajecten", "leertrajectpage", self.tree.track_index.pk],
        )
        response = self.client.post(url, data)
        assert response.status_code == 200
        step_errors = response.context["form"].formsets["programme_steps"].errors
        assert "module" in step_errors[0]
        assert not LeertrajectPage.objects.filter(slug="zonder-module").exists()


class TestModulePage(PageTypeChecks, SiteTestCase):
    page_model = ModulePage
    parent_models = [ModuleIndexPage]
    not_under = [LeertrajectIndexPage, HomePage, LeertrajectPage]

    def get_page(self):
        return self.module

    def create_under(self):
        return self.tree.module_index

    def create_form(self):
        return {
            "title": "Samen op pad",
            "subtitle": "Ik in relatie tot de ander",
            "summary": "Een dag over samenwerken.",
            "goals": streamfield([("goal", {"title": "Samenwerken", "description": ""})]),
            "body": streamfield([("heading", {"text": "Wat je leert", "level": "h2"})]),
            "duration": "1 dag",
            "method_links": inline_formset([]),
            "theme_links": inline_formset([{"theme": self.theme.pk}]),
        }

    def check_created(self, module):
        assert [link.theme_id for link in module.theme_links.all()] == [self.theme.pk]


class TestThemePage(PageTypeChecks, SiteTestCase):
    page_model = ThemePage
    parent_models = [ThemeIndexPage]
    not_under = [HomePage, ModuleIndexPage]

    def get_page(self):
        return self.theme

    def create_under(self):
        return self.tree.theme_index

    def create_form(self):
        return {
            "title": "Flexibele organisatie",
            "intro": "Wendbaar werken.",
            "body": streamfield([]),
        }

    def check_created(self, theme):
        assert theme.slug == "flexibele-organisatie"


class TestCaseStudyPage(PageTypeChecks, SiteTestCase):
    page_model = CaseStudyPage
    parent_models = [CaseIndexPage]
    not_under = [HomePage, LeertrajectIndexPage]

    def get_page(self):
        return self.case

    def create_under(self):
        return self.tree.case_index

    def create_form(self):
        return {
            "title": "Business partner gemeente Utrecht",
            "intro": "Zeventien bijeenkomsten.",
            "client_name": "gemeente Utrecht",
            "sector": "gemeente",
            "period": "2017 - 2018",
            "session_count": "17",
            "track": self.track.pk,
            "challenge": streamfield([]),
            "approach": streamfield([]),
            "result": streamfield([]),
            "quotes": streamfield([]),
            "trainer_links": inline_formset([{"person": self.trainer.pk}]),
            "theme_links": inline_formset([{"theme": self.theme.pk}]),
        }

    def check_created(self, case):
        assert case.track_id == self.track.pk


class TestArticlePage(PageTypeChecks, SiteTestCase):
    page_model = ArticlePage
    parent_models = [ArticleIndexPage]
    not_under = [HomePage, CaseIndexPage]

    def get_page(self):
        return self.article

    def create_under(self):
        return self.tree.article_index

    def create_form(self):
        return {
            "title": "Nieuwsgierig blijven",
            "date": "2024-03-01",
            "intro": "Over nieuwsgierigheid.",
            "author_links": inline_formset([{"person": self.trainer.pk}]),
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Tekst.</p>")),
                    (
                        "quote",
                        {"quote": "Blijf vragen.", "attribution": "Jan", "role": ""},
                    ),
                ]
            ),
            "theme_links": inline_formset([{"theme": self.theme.pk}]),
            "related_track_links": inline_formset([{"track": self.track.pk}]),
        }

    def check_created(self, article):
        assert [block.block_type for block in article.body] == ["paragraph", "quote"]

    def test_body_is_required(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Leeg artikel",
                "date": "2024-03-01",
                "intro": "Zonder inhoud.",
                "author_links": inline_formset([]),
                "body": streamfield([]),
                "theme_links": inline_formset([]),
                "related_track_links": inline_formset([]),
            }
        )
        with self.assertRaisesMessage(AssertionError, "body"):
            self.assertCanCreate(self.tree.article_index, ArticlePage, data)
