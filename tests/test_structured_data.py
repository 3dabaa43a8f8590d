"""JSON-LD: every page type says what it is, in its own language, built from its own fields, and
names only pages a visitor of that language may see (see core/seo.py)."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from core.models import SiteSettings
from tests import factories as f
from tests.builders import PAGE_NAMES, make_track
from tests.payloads import find_executable
from trajecten.models import TrackStart

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en"]
# The organisation's name when the site settings give none: the site's name, translated.
SITE_NAME = {"nl": "Leertrajecten", "en": "Learning tracks"}

# The schema.org type of each page type's own item (besides the BreadcrumbList).
EXPECTED_TYPES = {
    "home": "Organization",
    "track_index": "CollectionPage",
    "module_index": "CollectionPage",
    "theme_index": "CollectionPage",
    "case_index": "CollectionPage",
    "article_index": "CollectionPage",
    "track": "Course",
    "module": "Course",
    "theme": "CollectionPage",
    "case": "Article",
    "article": "Article",
}


def structured_data(response):
    """{schema.org type: item} of the page's one JSON-LD block."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1, blocks
    items = json.loads(blocks[0].string)
    assert all(item["@context"] == "https://schema.org" for item in items)
    return {item["@type"]: item for item in items}


def in_language(bilingual, page, language):
    return page if language == "nl" else bilingual.en(page)


def start(page, **dates):
    return TrackStart.objects.create(page=page, locale_id=page.locale_id, **dates)


def published(page):
    """`page` published by an editor (the builder's pages have no publication dates), fetched
    afresh: the module's shared objects may hold revisions an earlier test rolled back."""
    page = type(page).objects.get(pk=page.pk)
    page.save_revision().publish()
    return page


def get(client, page):
    return structured_data(client.get(page.url))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_type_says_what_it_is_and_where_it_sits(client, bilingual, name, language):
    page = in_language(bilingual, bilingual.nl.page(name), language)
    data = get(client, page)

    assert set(data) == {EXPECTED_TYPES[name], "BreadcrumbList"}
    item = data[EXPECTED_TYPES[name]]
    if name != "home":  # the home page is the organisation itself
        assert item.get("name", item.get("headline")) == page.title
        assert item["url"] == page.full_url
        assert item["inLanguage"] == language
    assert item.get("description", "") == page.meta_description

    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == list(range(1, len(crumbs) + 1))
    trail = [*page.get_ancestors().filter(depth__gt=1).specific(), page]
    assert [crumb["item"] for crumb in crumbs] == [crumb.full_url for crumb in trail]
    assert crumbs[0]["name"] == "Home"
    assert [crumb["name"] for crumb in crumbs[1:]] == [crumb.title for crumb in trail[1:]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_track_is_a_course_with_its_provider_form_size_and_modules(client, bilingual, language):
    nl_track = bilingual.nl.urban
    track = in_language(bilingual, nl_track, language)
    course = get(client, track)["Course"]

    assert course["name"] == track.title
    assert course["description"] == track.intro  # no search description, no listing summary
    assert course["alternativeHeadline"] == track.subtitle
    assert course["provider"] == {
        "@type": "Organization",
        "name": SITE_NAME[language],
        "url": in_language(bilingual, bilingual.nl.tree.home, language).full_url,
    }
    assert course["timeRequired"] == "P6D"
    with translation.override(language):
        form, size = str(track.get_form_display()), track.size_label
    assert form == {"nl": "Open inschrijving", "en": "Open enrolment"}[language]
    # No cohort to come: one instance saying how and over what period it is given.
    assert course["hasCourseInstance"] == [
        {
            "@type": "CourseInstance",
            "courseMode": form,
            "courseWorkload": size,
            "description": track.duration,
        }
    ]
    modules = [in_language(bilingual, module, language) for module in bilingual.nl.modules]
    assert course["hasPart"] == [
        {"@type": "Course", "name": module.title, "url": module.full_url} for module in modules
    ]
    assert "educationalCredentialAwarded" not in course


def test_a_tracks_cohorts_to_come_are_its_course_instances(client, bilingual):
    track = bilingual.nl.business
    today = timezone.localdate()
    start(page=track, start_date=today - datetime.timedelta(days=30))
    later = start(page=track, start_date=today + datetime.timedelta(days=60))
    soon = start(
        page=track,
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=100),
    )
    track.credential = "Certificaat van deelname"
    track.save()

    course = get(client, track)["Course"]

    assert course["educationalCredentialAwarded"] == "Certificaat van deelname"
    assert "timeRequired" not in course  # 17 meetings: their length is not known
    assert course["hasCourseInstance"] == [
        {
            "@type": "CourseInstance",
            "courseMode": "Op maat",
            "startDate": soon.start_date.isoformat(),
            "endDate": soon.end_date.isoformat(),
            "courseWorkload": "17 bijeenkomsten",
        },
        {
            "@type": "CourseInstance",
            "courseMode": "Op maat",
            "startDate": later.start_date.isoformat(),
            "courseWorkload": "17 bijeenkomsten",
        },
    ]
    html = client.get(track.url).content.decode()
    assert "Certificaat van deelname" in html  # shown on the page as well


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_module_is_a_course_part_of_the_tracks_that_use_it(client, bilingual, language):
    module = in_language(bilingual, bilingual.nl.modules[1], language)
    course = get(client, module)["Course"]

    assert course["description"] == module.summary
    assert course["provider"]["@type"] == "Organization"
    tracks = sorted(
        (
            in_language(bilingual, track, language)
            for track in [bilingual.nl.urban, bilingual.nl.business]
        ),
        key=lambda track: track.title,
    )
    assert course["isPartOf"] == [
        {"@type": "Course", "name": track.title, "url": track.full_url} for track in tracks
    ]


def test_draft_private_and_other_language_tracks_never_appear(client, bilingual):
    """The module page lists these (the Dutch-only track marked "in Dutch" on the English
    page), its data names none of them."""
    tree, module = bilingual.nl.tree, bilingual.nl.modules[1]
    draft = make_track(tree, title="Nog niet gepubliceerd", modules=[module])
    draft.unpublish()
    private = make_track(tree, title="Alleen voor medewerkers", modules=[module])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    dutch_only = make_track(tree, title="Alleen in het Nederlands", modules=[module])

    nl_names = [track["name"] for track in get(client, module)["Course"]["isPartOf"]]
    en_module = bilingual.en(module)
    en_html = client.get(en_module.url).content.decode()
    en_names = [
        track["name"] for track in structured_data(client.get(en_module.url))["Course"]["isPartOf"]
    ]

    assert dutch_only.title in nl_names and dutch_only.title in en_html
    assert dutch_only.title not in en_names
    for hidden in (draft, private):
        assert hidden.title not in nl_names and hidden.title not in en_names
    assert len(en_names) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_article_has_its_authors_dates_image_and_themes(client, bilingual, language):
    nl_article = published(bilingual.nl.article)
    article = in_language(bilingual, nl_article, language)
    article.refresh_from_db()
    item = get(client, article)["Article"]

    assert item["headline"] == article.title
    assert item["datePublished"] == "2024-03-01"
    assert item["dateModified"].startswith(article.last_published_at.date().isoformat())
    authors = [in_language(bilingual, person, language) for person in bilingual.nl.trainers]
    assert item["author"] == [
        {"@type": "Person", "name": person.name, "jobTitle": person.role} for person in authors
    ]
    assert item["publisher"]["name"] == SITE_NAME[language]
    theme = in_language(bilingual, bilingual.nl.themes[0], language)
    assert item["about"] == [{"@type": "Thing", "name": theme.title, "url": theme.full_url}]
    assert item["mainEntityOfPage"] == article.full_url
    assert "image" not in item  # no image anywhere, no site default


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_case_is_an_article_by_its_trainers(client, bilingual, language):
    case = in_language(bilingual, published(bilingual.nl.cases[0]), language)
    case.refresh_from_db()
    item = get(client, case)["Article"]

    assert item["headline"] == case.title
    assert item["datePublished"].startswith(case.first_published_at.date().isoformat())
    trainer = in_language(bilingual, bilingual.nl.trainers[0], language)
    assert item["author"] == [{"@type": "Person", "name": trainer.name, "jobTitle": trainer.role}]
    theme = in_language(bilingual, bilingual.nl.themes[0], language)
    assert [about["name"] for about in item["about"]] == [theme.title]


def test_an_article_without_authors_is_by_the_organisation_with_its_image(client, tree):
    image = f.ImageFactory(file__width=1600, file__height=900)
    article = f.ArticlePageFactory(parent=tree.article_index, hero_image=image)
    item = get(client, article)["Article"]

    assert item["author"] == [
        {"@type": "Organization", "name": "Leertrajecten", "url": tree.home.full_url}
    ]
    rendition = image.get_rendition("fill-1200x630")
    assert item["image"] == [f"http://localhost{rendition.url}"]
    assert "about" not in item


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_is_the_organisation_with_its_contact_details(client, bilingual, language):
    SiteSettings.objects.update_or_create(
        site=bilingual.nl.tree.site,
        defaults={
            "organisation_name": "Leertrajecten & Co",
            "email": "info@example.org",
            "phone": "030 123 45 67",
            "address": "Stationsplein 1\n3511 ED Utrecht",
            "linkedin_url": "https://www.linkedin.com/company/example",
            "youtube_url": "javascript:alert(1)",
        },
    )
    home = in_language(bilingual, bilingual.nl.tree.home, language)
    organisation = get(client, home)["Organization"]

    assert organisation == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Leertrajecten & Co",
        "url": home.full_url,
        "email": "info@example.org",
        "telephone": "030 123 45 67",
        "address": {"@type": "PostalAddress", "streetAddress": "Stationsplein 1 3511 ED Utrecht"},
        "sameAs": ["https://www.linkedin.com/company/example"],
        "description": home.meta_description,
    }


def test_the_contact_page_is_a_contact_page(client, tree):
    contact = f.ContactPageFactory(parent=tree.home)
    data = get(client, contact)
    assert data["ContactPage"]["name"] == contact.title


# ---------------------------------------------------------------------------------------------
# Bad input


BREAK_OUT = "</script><script>alert(1)</script>"


def test_a_title_that_closes_the_script_stays_inside_the_json(client, tree):
    module = f.ModulePageFactory(
        parent=tree.module_index,
        title=f"Module {BREAK_OUT}",
        summary=f'"Citaat" <b>vet</b> & {BREAK_OUT} <!-- ',
    )
    response = client.get(module.url)
    html = response.content.decode()

    course = structured_data(response)["Course"]
    assert course["name"] == module.title
    assert course["description"] == " ".join(module.summary.split())
    raw_json = re.search(r'application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    assert "<" not in raw_json and ">" not in raw_json and "&" not in raw_json
    assert find_executable(html) == []


def test_empty_fields_long_titles_and_no_image_give_valid_data(client, tree):
    track = make_track(tree, title="Zeer lang " * 25, subtitle="", duration="", meeting_count=None)
    theme = f.ThemePageFactory(parent=tree.theme_index, title="X" * 255, intro="")

    course = structured_data(client.get(track.url))["Course"]
    assert course["name"] == track.title
    assert course["hasCourseInstance"] == [{"@type": "CourseInstance", "courseMode": "In-company"}]
    assert not {"alternativeHeadline", "hasPart", "timeRequired"} & set(course)

    response = client.get(theme.url)
    assert structured_data(response)["CollectionPage"]["name"] == theme.title
    assert "description" not in structured_data(response)["CollectionPage"]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find("meta", attrs={"name": "description"}) is None
    assert soup.find("meta", property="og:image") is None
    assert soup.find("meta", property="og:title")["content"] == theme.title
