"""The "Contactaanvraag" page type the Wagtail way: where it may live (under a home page, one
per language tree), and that it routes (its form and its thank-you route), renders, previews
and edits in the admin, in Dutch and in English."""

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import rich_text, streamfield

from contact.models import ContactPage
from home.models import HomePage
from tests import factories as f
from tests.test_page_types import PageTypeChecks, SiteTestCase
from tests.translating import translate_and_publish
from trajecten.models import LeertrajectIndexPage, LeertrajectPage


class ContactSiteTestCase(SiteTestCase):
    """The shared small site with a contact page in Dutch and its English translation."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.contact_nl = f.ContactPageFactory(parent=cls.home)
        translator = get_user_model().objects.create_superuser(
            username="vertaler", email="vertaler@example.org", password="x"
        )
        english = Locale.objects.get(language_code="en")
        _, cls.contact_en = translate_and_publish(translator, english, cls.home, cls.contact_nl)


class TestContactPage(PageTypeChecks, ContactSiteTestCase):
    page_model = ContactPage
    parent_models = [HomePage]
    subpage_models = []
    not_under = [Page, LeertrajectIndexPage, LeertrajectPage, ContactPage]

    def get_page(self):
        return self.contact_nl

    def create_under(self):
        return self.empty_home

    def create_form(self):
        return {
            "title": "Contact",
            "slug": "contact",
            "intro": streamfield([("paragraph", rich_text("<p>Stel uw vraag.</p>"))]),
            "privacy_text": streamfield([("paragraph", rich_text("<p>Wat we bewaren.</p>"))]),
            "thank_you_text": streamfield([("heading", {"text": "Bedankt", "level": "h2"})]),
        }

    def check_created(self, page):
        assert [block.block_type for block in page.privacy_text] == ["paragraph"]
        assert page.thank_you_text[0].value["text"] == "Bedankt"
        assert len(page.privacy_version) == 16

    def test_one_per_home_page(self):
        assert not ContactPage.can_create_at(self.home)
        assert ContactPage.can_create_at(self.empty_home)

    def test_the_thank_you_route_is_routable_and_renders(self):
        self.assertPageIsRoutable(self.contact_nl, "bedankt/")
        self.assertPageIsRenderable(self.contact_nl, "bedankt/")

    def test_the_privacy_version_changes_with_the_privacy_text(self):
        page = ContactPage.objects.get(pk=self.contact_nl.pk)
        before = page.privacy_version
        page.privacy_text = [f.paragraph("<p>Nieuwe tekst.</p>")]
        assert page.privacy_version != before


class TestContactPageInBothLanguages(ContactSiteTestCase):
    """Both routes of each language version, through the site's real URLs (Wagtail's
    assertPageIsRoutable does not know the /en/ prefix; an English translation is edited in
    wagtail-localize's translation editor, tested in test_translation)."""

    def test_each_route_renders_in_the_pages_own_language(self):
        for page, language in [(self.contact_nl, "nl"), (self.contact_en, "en")]:
            assert page.url.startswith("/en/" if language == "en" else "/")
            for route in ["", "bedankt/"]:
                response = self.client.get(page.url + route)
                assert response.status_code == 200, (page.url, route)
                assert f'<html lang="{language}">' in response.content.decode()
                assert "no-store" in response["Cache-Control"]

    def test_the_english_page_has_its_own_privacy_version(self):
        assert self.contact_en.privacy_version != self.contact_nl.privacy_version
