"""The demo loader (`manage.py load_demo`): idempotent, resettable, and every page it makes works."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.models import Method, Person
from tests.support import clear_cache, shared_data
from trajecten.models import LeertrajectPage, ProgrammeStep

pytestmark = pytest.mark.django_db

ROW_MODELS = [
    "trajecten.ProgrammeStep",
    "trajecten.LeertrajectThemeLink",
    "trajecten.LeertrajectTrainer",
    "trajecten.LeertrajectMethodLink",
    "trajecten.ModuleThemeLink",
    "trajecten.ModuleMethodLink",
    "cases.CaseStudyThemeLink",
    "cases.CaseStudyTrainer",
    "articles.ArticleAuthor",
    "articles.ArticleThemeLink",
    "articles.ArticleRelatedTrack",
    "home.HomeFeaturedTrack",
]


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    clear_cache()
    return out.getvalue()


def snapshot():
    """What the demo consists of: pages per type, snippets, images and link rows."""
    pages = Page.objects.exclude(depth=1)
    state = {
        "pages": sorted(pages.values_list("content_type__model", "url_path")),
        "people": sorted(Person.objects.values_list("name", flat=True)),
        "methods": sorted(Method.objects.values_list("name", flat=True)),
        "images": get_image_model().objects.count(),
        "sites": Site.objects.count(),
    }
    for label in ROW_MODELS:
        state[label] = apps.get_model(label).objects.count()
    return state


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, loaded once for this module."""
    with shared_data(django_db_blocker):
        clear_cache()
        load_demo()
        yield snapshot()


def live_pages():
    return list(Page.objects.live().exclude(depth=1).specific().order_by("path"))


def test_demo_has_every_page_type(demo):
    loaded_types = {model for model, _ in demo["pages"]}
    page_types = {
        model._meta.model_name
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
    }
    assert page_types <= loaded_types
    assert demo["people"]
    assert demo["methods"]


def test_default_site_is_rooted_at_the_demo_home_page(demo):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert (
        not Page.objects.filter(depth=2)
        .exclude(pk=site.root_page_id)
        .filter(locale=site.root_page.locale)
        .exists()
    )


def test_loading_twice_changes_nothing(demo):
    pks_before = set(Page.objects.values_list("pk", flat=True))
    load_demo()
    assert snapshot() == demo
    assert set(Page.objects.values_list("pk", flat=True)) == pks_before


def test_reset_rebuilds_the_same_site(demo):
    load_demo("--reset")
    assert snapshot() == demo


def test_every_live_demo_page_answers_an_anonymous_visitor(client, demo):
    pages = live_pages()
    assert len(pages) == len(demo["pages"])
    for page in pages:
        url = page.url
        assert url, f"{page} has no URL"
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        assert len(soup.find_all("h1")) == 1, url


def test_urban_professional_shows_six_days_with_the_steps_between_them(client, demo):
    track = LeertrajectPage.objects.get(slug="urban-professional")
    steps = list(track.programme_steps.all())
    days = [step for step in steps if step.kind == ProgrammeStep.Kind.MODULE]
    assert len(days) == 6
    assert track.meeting_count == 6
    first_day, last_day = steps.index(days[0]), steps.index(days[-1])
    between = steps[first_day:last_day]
    assert {step.kind for step in between} - {ProgrammeStep.Kind.MODULE}, "no steps between days"

    response = client.get(track.url)
    assert response.status_code == 200
    main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
    text = " ".join(main.get_text(" ").split())
    assert track.size_label in text

    # Every step appears, in programme order: days by label and title, interludes by note.
    markers = []
    for step in steps:
        if step.is_module:
            markers += [step.label, step.display_title]
        else:
            markers.append(step.note)
    start = 0
    for marker in markers:
        position = text.find(" ".join(marker.split()), start)
        assert position != -1, f"{marker!r} missing or out of order"
        start = position + 1
    for day in days:
        assert f'href="{day.module.url}"' in str(main)
