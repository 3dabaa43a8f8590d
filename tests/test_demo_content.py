"""The demo loader (`manage.py load_demo`): idempotent, resettable, and every page it makes works.

The demo is built once for the module: the Dutch site and its English translation, made with
wagtail-localize from the PO files in `home/demo/translations/en/`.
"""

import json
import re
from io import StringIO

import polib
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Locale, Page, Revision, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from core.models import FooterText, Method, Person
from home.demo import content
from home.demo.memory import (
    TRANSLATIONS_DIR,
    Message,
    TranslationMemory,
    is_translated,
    merge_catalogue,
)
from tests.support import clear_cache, shared_data
from themes.models import ThemePage
from trajecten.models import LeertrajectPage, ProgrammeStep

pytestmark = pytest.mark.django_db

DEMO_PAGES = 29  # home, 5 index pages, contact, 4 themes, 11 modules, 3 tracks, 2 cases, 2 articles
DEMO_SNIPPETS = 16  # 11 methods, 4 people, 1 footer text

# English texts that may read exactly like their Dutch source: names, and words both languages
# share. Everything else in the PO files must differ from the Dutch.
SAME_IN_BOTH = {
    "Home",
    "Contact",
    "contact",
    "Modules",
    "modules",
    "Urban Professional",
    "urban-professional",
    "Business Partner",
    "business-partner",
    "Insights Discovery",
    "Gaming",
    "17",
}
# Names that contain Dutch words and may appear in English text.
NAMES = ["Marc de Haas Van Dorsser", "Martijn van der Steen", "Leertrajecten"]
# Common Dutch words that are not English words: none may appear in English text.
DUTCH_WORDS = {
    "aan",
    "als",
    "bij",
    "dag",
    "dagen",
    "dan",
    "dat",
    "deelnemer",
    "deelnemers",
    "deze",
    "die",
    "een",
    "eigen",
    "gemeente",
    "gemeenten",
    "haar",
    "heeft",
    "het",
    "hoe",
    "hun",
    "jouw",
    "leertraject",
    "leertrajecten",
    "maar",
    "naar",
    "niet",
    "nog",
    "ons",
    "onze",
    "ook",
    "opdrachtgever",
    "samen",
    "te",
    "tot",
    "traject",
    "tussen",
    "uit",
    "voor",
    "waar",
    "wat",
    "wij",
    "wordt",
    "worden",
    "zijn",
    "zoals",
}
AMERICAN_SPELLING = re.compile(
    r"organiz|behavior|color|recogniz|analyz|realiz|prioritiz|favor|centers?\b|programs?\b",
    re.IGNORECASE,
)

ROW_MODELS = [
    "trajecten.ProgrammeStep",
    "trajecten.TrackStart",
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
    """Run `load_demo` and return what it printed.

    wagtail-localize publishes the English pages when the transaction commits, which never
    happens inside a test: the callbacks run when the command is done instead.
    """
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", *args, stdout=out)
    clear_cache()
    return out.getvalue()


def snapshot():
    """What the demo consists of: pages per type and language, snippets, images, link rows,
    revisions and wagtail-localize's translation records."""
    pages = Page.objects.exclude(depth=1)
    state = {
        "pages": sorted(
            pages.values_list("content_type__model", "locale__language_code", "url_path", "live")
        ),
        "people": sorted(Person.objects.values_list("locale__language_code", "name", "role")),
        "methods": sorted(Method.objects.values_list("locale__language_code", "name")),
        "footers": sorted(FooterText.objects.values_list("locale__language_code", "body")),
        "images": get_image_model().objects.count(),
        "sites": Site.objects.count(),
        "revisions": Revision.objects.count(),
    }
    for model in (TranslationSource, Translation, StringTranslation, TranslationLog):
        state[model.__name__] = model.objects.count()
    for label in ROW_MODELS:
        state[label] = apps.get_model(label).objects.count()
    return state


def locale(code):
    return Locale.objects.get(language_code=code)


def dutch_demo_pages():
    return list(Page.objects.filter(locale=locale("nl")).exclude(depth=1).specific())


def words(text):
    """The lower-case words of `text` without HTML tags and names."""
    text = re.sub(r"<[^>]+>", " ", text)
    for name in NAMES:
        text = text.replace(name, " ")
    return re.findall(r"[a-zà-ÿ]+", text.lower())


def po_entries():
    """(file name, entry) of every English PO file."""
    for path in sorted((TRANSLATIONS_DIR / "en").glob("*.po")):
        for entry in polib.pofile(str(path)):
            yield path.name, entry


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, loaded once for this module."""
    with shared_data(django_db_blocker):
        clear_cache()
        load_demo()
        yield snapshot()


def live_pages():
    return list(Page.objects.live().exclude(depth=1).specific().order_by("path"))


def main_text(soup):
    return " ".join(soup.find("main").get_text(" ").split())


def test_demo_has_every_page_type(demo):
    loaded_types = {model for model, *_ in demo["pages"]}
    english_types = {model for model, language, *_ in demo["pages"] if language == "en"}
    assert english_types == loaded_types
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
    output = load_demo()
    # No new pages, snippets, revisions, translations or translated strings.
    assert snapshot() == demo
    assert set(Page.objects.values_list("pk", flat=True)) == pks_before
    assert f"0 pages created, 0 updated, {DEMO_PAGES} unchanged." in output
    assert (
        f"Translation (en) ready: 0 pages created, 0 updated, {DEMO_PAGES} unchanged; "
        f"0 snippets created, 0 updated, {DEMO_SNIPPETS} unchanged."
    ) in output


def test_reset_rebuilds_the_same_site(demo, monkeypatch):
    deleted = []

    class KeepFiles:
        """The reset deletes the demo images, and their files with them once the deletion
        commits. This one is rolled back, so the module's demo keeps its images: keep their
        files too."""

        @staticmethod
        def enqueue(storage, name):
            deleted.append(name)

    monkeypatch.setattr("wagtail.images.signal_handlers.delete_file_from_storage_task", KeepFiles)
    output = load_demo("--reset")
    assert deleted  # the old images' files would have gone
    # The same Dutch and English pages, snippets and translation records, and no leftovers.
    assert snapshot() == demo
    assert Page.find_problems() == ([], [], [], [], [])
    assert (
        f"Translation (en) ready: {DEMO_PAGES} pages created, 0 updated, 0 unchanged; "
        f"{DEMO_SNIPPETS} snippets created, 0 updated, 0 unchanged."
    ) in output


def test_the_page_tree_is_consistent(demo):
    """wagtail-localize publishes at commit from the page copies it saved; for an index page that
    copy has no children yet. Treebeard's own check finds a wrong `numchild` and the like."""
    evil_chars, bad_steplen, orphans, wrong_depth, wrong_numchild = Page.find_problems()
    assert (evil_chars, bad_steplen, orphans, wrong_depth, wrong_numchild) == ([], [], [], [], [])


def test_every_live_demo_page_answers_an_anonymous_visitor(client, demo):
    pages = live_pages()
    assert len(pages) == len(demo["pages"]) == 2 * DEMO_PAGES
    for page in pages:
        url = page.url
        assert url, f"{page} has no URL"
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        assert len(soup.find_all("h1")) == 1, url
        assert soup.html["lang"] == page.locale.language_code, url


def test_every_dutch_page_has_a_live_english_translation_at_an_english_url(demo):
    english = locale("en")
    dutch_pages = dutch_demo_pages()
    assert len(dutch_pages) == DEMO_PAGES
    for page in dutch_pages:
        translated = page.get_translation_or_none(english)
        assert translated is not None, f"{page.url} has no English translation"
        assert translated.live and not translated.has_unpublished_changes, translated.url
        # Made with wagtail-localize: the English page is a synchronised translation.
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=english, enabled=True
        ).exists(), page.url
        assert translated.url.startswith("/en/"), translated.url
        dutch_slugs = page.url.strip("/").split("/")
        english_slugs = translated.url.removeprefix("/en/").strip("/").split("/")
        for dutch_slug, english_slug in zip(dutch_slugs, english_slugs, strict=True):
            if dutch_slug in SAME_IN_BOTH or not dutch_slug:
                assert english_slug == dutch_slug, translated.url
            else:
                assert english_slug != dutch_slug, translated.url
        if page.title not in SAME_IN_BOTH:
            assert translated.title != page.title, translated.url
    urls = {page.url for page in Page.objects.filter(locale=english).specific()}
    assert {
        "/en/",
        "/en/learning-tracks/",
        "/en/learning-tracks/urban-professional/",
        "/en/themes/flexible-organisation/",
        "/en/articles/",
    } <= urls


def test_every_demo_snippet_has_an_english_translation(demo):
    dutch, english = locale("nl"), locale("en")
    snippets = [
        snippet
        for model in (Method, Person, FooterText)
        for snippet in model.objects.filter(locale=dutch)
    ]
    assert len(snippets) == DEMO_SNIPPETS
    for snippet in snippets:
        translated = snippet.get_translation_or_none(english)
        assert translated is not None, f"{snippet} has no English translation"
        if isinstance(translated, DraftStateMixin):
            assert translated.live and not translated.has_unpublished_changes, translated
    for person in Person.objects.filter(locale=dutch):
        translated = person.get_translation(english)
        # Name and photo are synchronised, role and bio translated.
        assert (translated.name, translated.photo_id) == (person.name, person.photo_id)
        assert translated.role != person.role and translated.bio != person.bio
    assert Method.objects.get(locale=dutch, name="Intervisie").get_translation(english).name == (
        "Peer consultation"
    )


def page_text_in_its_language(soup):
    """The text of the whole page (header, main, footer), without elements marked as being in
    another language than the page (the switcher, the suggestion, marked fallbacks)."""
    for tag in soup.body.find_all(lambda tag: tag.get("lang") not in (None, soup.html["lang"])):
        tag.decompose()
    for tag in soup.body.find_all(["script", "style"]):
        tag.decompose()
    # E-mail addresses are not text (the demo's is info@leertrajecten.example).
    return re.sub(r"\S+@\S+", " ", soup.body.get_text(" "))


# What search engines and link previews read as text in a page's head (not addresses, types,
# dates or image alt texts, which are the images' own, as in the page's <img> tags).
HEAD_META = ["description", "og:title", "og:description", "og:site_name", "twitter:title"]
NOT_TEXT = {"@context", "@type", "url", "item", "sameAs", "mainEntityOfPage", "image", "email"}


def head_text(soup):
    """The page's meta texts and the texts of its structured data (JSON-LD)."""
    texts = [
        tag["content"]
        for tag in soup.head.find_all("meta", content=True)
        if (tag.get("name") or tag.get("property")) in HEAD_META
    ]

    def collect(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in NOT_TEXT:
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, str):
            texts.append(value)

    for block in soup.head.find_all("script", type="application/ld+json"):
        collect(json.loads(block.string))
    return " ".join(texts)


def test_crawling_both_trees(client, demo):
    """Every page: the right lang, reciprocal hreflang with x-default, a switcher to its own
    translation; English pages: no unmarked link to a Dutch page and no Dutch words, anywhere,
    their meta tags and structured data included."""
    english = locale("en")
    for nl_page in dutch_demo_pages():
        en_page = nl_page.get_translation(english)
        versions = {"nl": nl_page, "en": en_page}
        expected = {
            "nl": nl_page.full_url,
            "en": en_page.full_url,
            "x-default": nl_page.full_url,
        }
        for language, page in versions.items():
            other = "en" if language == "nl" else "nl"
            soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
            assert soup.html["lang"] == language, page.url
            alternates = {
                link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")
            }
            assert alternates == expected, page.url
            switcher = soup.find("nav", class_="language-switcher")
            assert switcher.find("a", hreflang=other)["href"] == versions[other].url, page.url
            if language == "nl":
                continue
            for link in soup.find_all("a", href=True):
                href = link["href"]
                if href.startswith("/") and not href.startswith(("/static/", "/media/")):
                    # A Dutch page only as a labelled fallback or the way to Dutch (hreflang).
                    assert href.startswith("/en/") or link.get("hreflang") == "nl", (page.url, href)
            dutch = set(words(page_text_in_its_language(soup))) & DUTCH_WORDS
            assert not dutch, (page.url, dutch)
            dutch_in_head = set(words(head_text(soup))) & DUTCH_WORDS
            assert not dutch_in_head, (page.url, dutch_in_head)


def test_po_files_translate_every_segment_of_the_demo(demo):
    english = locale("en")
    memory = TranslationMemory.load("en")
    translations = {}
    for catalogue in memory.catalogues.values():
        translations.update(catalogue)
    segments = StringSegment.objects.filter(source__locale=locale("nl")).select_related(
        "string", "context"
    )
    assert segments.count() > 300
    stored = {
        (item.translation_of_id, item.context_id): item
        for item in StringTranslation.objects.filter(locale=english)
    }
    for segment in segments:
        text = segment.string.data
        assert text in translations, f"no English for {text!r}"
        # ...and the English site uses it: a manual translation, as the editor stores it.
        string_translation = stored[segment.string_id, segment.context_id]
        assert string_translation.data == translations[text]
        assert string_translation.translation_type == "manual"
        assert not string_translation.has_error


def test_po_files_are_complete_consistent_british_english():
    seen = {}
    entries = list(po_entries())
    assert len(entries) > 300
    for name, entry in entries:
        where = f"{name}: {entry.msgid!r}"
        assert not entry.obsolete, f"unused entry in {where}: run `demo_messages --no-obsolete`"
        assert entry.msgstr, f"untranslated {where}"
        assert "fuzzy" not in entry.flags, f"fuzzy {where}"
        if entry.msgstr == entry.msgid:
            assert entry.msgid in SAME_IN_BOTH, f"left in Dutch: {where}"
        dutch = set(words(entry.msgstr)) & DUTCH_WORDS
        assert not dutch, f"Dutch words {dutch} in the translation of {where}"
        assert not AMERICAN_SPELLING.search(entry.msgstr), f"American spelling in {where}"
        # The same inline markup (<b>, <a id="a1">, ...) in the translation.
        assert sorted(re.findall(r"</?\w+", entry.msgstr)) == sorted(
            re.findall(r"</?\w+", entry.msgid)
        ), where
        # One Dutch text, one translation, in every file.
        assert seen.setdefault(entry.msgid, entry.msgstr) == entry.msgstr, f"inconsistent {where}"


def test_po_files_are_up_to_date_with_the_dutch_demo(demo):
    """`demo_messages --check` fails when the Dutch content changed without the PO files."""
    out = StringIO()
    call_command("demo_messages", "--check", stdout=out)
    assert "would change" not in out.getvalue()


def test_a_dutch_text_without_english_stops_the_build(demo, monkeypatch):
    new_text = "Een nieuwe inleiding die nog niemand heeft vertaald."
    monkeypatch.setitem(content.THEMES[0], "intro", new_text)
    with pytest.raises(CommandError) as error:
        load_demo()
    message = str(error.value)
    assert repr(new_text) in message
    assert "themes.po, page /themas/flexibele-organisatie/ (intro)" in message
    # Nothing of the run was kept.
    assert snapshot() == demo


def test_a_changed_dutch_text_retranslates_only_its_own_page(demo, monkeypatch):
    new_text = "Een nieuwe inleiding op het thema."
    monkeypatch.setitem(content.THEMES[0], "intro", new_text)
    known = TranslationMemory.get
    monkeypatch.setattr(
        TranslationMemory,
        "get",
        lambda memory, group, text: (
            "A new introduction to the theme." if text == new_text else known(memory, group, text)
        ),
    )
    revisions = Revision.objects.count()

    output = load_demo()

    assert f"0 pages created, 1 updated, {DEMO_PAGES - 1} unchanged." in output
    assert (
        f"Translation (en) ready: 0 pages created, 1 updated, {DEMO_PAGES - 1} unchanged; "
        f"0 snippets created, 0 updated, {DEMO_SNIPPETS} unchanged."
    ) in output
    theme = ThemePage.objects.get(locale=locale("en"), slug="flexible-organisation")
    assert theme.intro == "A new introduction to the theme."
    assert theme.live and not theme.has_unpublished_changes
    assert Revision.objects.count() == revisions + 2  # one Dutch, one English


@pytest.mark.parametrize("language", ["nl", "en"])
def test_urban_professional_shows_six_days_with_the_steps_between_them(client, demo, language):
    track = LeertrajectPage.objects.get(slug="urban-professional", locale=locale(language))
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
    with translation.override(language):
        assert track.size_label in text

    # Every step appears, in programme order: days by label and the module's title in the
    # track's language, interludes by note.
    markers = []
    modules = {}
    for step in steps:
        if step.is_module:
            modules[step.pk] = step.module.get_translation(track.locale)
            markers += [step.label, step.title or modules[step.pk].title]
        else:
            markers.append(step.note)
    start = 0
    for marker in markers:
        position = text.find(" ".join(marker.split()), start)
        assert position != -1, f"{marker!r} missing or out of order"
        start = position + 1
    for day in days:
        assert f'href="{modules[day.pk].url}"' in str(main)


def test_merging_po_files_keeps_translations_and_marks_changed_texts_fuzzy():
    """`demo_messages` merges like msgmerge: kept, new (empty), changed (fuzzy), obsolete."""
    existing = polib.POFile()
    for msgid, msgstr in [
        ("Leren waar het werk gebeurt", "Learning where the work happens"),
        ("Een leertraject van zes dagen voor gemeentelijke professionals.", "A six-day track."),
        ("Een tekst die verdwijnt", "A text that disappears"),
    ]:
        existing.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    messages = [
        Message("Leren waar het werk gebeurt", ["page /: hero_title"]),
        Message("Een leertraject van vijf dagen voor gemeentelijke professionals.", ["page /: x"]),
        Message("Bekijk de cases", ["page /: y"]),
        Message("Iets nieuws", ["page /: z"]),
    ]

    catalogue, stats = merge_catalogue(
        existing,
        messages,
        language_code="en",
        group="home",
        known={"Bekijk de cases": "View the case studies"},
    )

    entries = {entry.msgid: entry for entry in catalogue}
    assert entries["Leren waar het werk gebeurt"].msgstr == "Learning where the work happens"
    changed = entries["Een leertraject van vijf dagen voor gemeentelijke professionals."]
    assert (changed.msgstr, changed.flags) == ("A six-day track.", ["fuzzy"])
    assert (
        changed.previous_msgid == "Een leertraject van zes dagen voor gemeentelijke professionals."
    )
    assert entries["Bekijk de cases"].msgstr == "View the case studies"
    assert entries["Iets nieuws"].msgstr == ""
    assert entries["Een tekst die verdwijnt"].obsolete
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete) == (2, 1, 1, 1)
    # Fuzzy and empty entries are not used to build the English site.
    parsed = polib.pofile(catalogue.__unicode__())
    memory = TranslationMemory(
        "en", {"home": {e.msgid: e.msgstr for e in parsed if is_translated(e)}}
    )
    assert memory.get("home", "Leren waar het werk gebeurt") == "Learning where the work happens"
    assert memory.get("home", changed.msgid) is None
    assert memory.get("home", "Iets nieuws") is None
