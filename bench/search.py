"""Search at scale: synthetic pages in both languages on PostgreSQL, query latency, indexing rate.

    .venv/bin/python bench/search.py [--sizes 1000,10000,50000] [--queries 200] [--keep] [--json]
        [--explain] [--reuse [--reindex]]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_search]

Creates its own database (its name must start with `bench_`; it is dropped first and, unless
--keep, at the end; with --reuse a database kept before is used as it is and kept), migrates,
and for each size grows the site to that many pages (with --reuse: only the pages it lacks, and
the index is rebuilt only then or with --reindex): tracks, modules, themes, cases and articles
in realistic proportions, Dutch under the Dutch tree and English (mostly translations of the
Dutch pages, some English-only) under the English tree, a few drafts and expired pages among them. The text is made of a domain vocabulary drawn with a
Zipf distribution, so some words are frequent and others rare. Pages are bulk-inserted (tree
paths computed here); the search index is then rebuilt with `update_index`, whichever backend
the settings configure.

Per size and language it times, over --queries queries each of one word, three words and one
misspelled word (a letter swapped or dropped): (a) the search as the results view does it
(`search.views._visible_hits`: the ranked search and the visibility filter) and (b) the whole
results page through the test client, with the most SQL queries one page took. Figures only,
on a shared machine: they are noisy; nothing is asserted here.
"""

import argparse
import datetime
import json
import math
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))
sys.path.insert(0, str(ROOT))

from bench.django_setup import setup_django  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_search"
SEED = 20261201
BATCH = 1000  # rows per INSERT: well within PostgreSQL's 65535 parameters
WARM_UP = 20

# Share of each page type among the generated pages (tracks, modules, themes, cases, articles).
TYPE_SHARES = {"track": 0.08, "module": 0.25, "theme": 0.04, "case": 0.13, "article": 0.50}
DUTCH_SHARE = 0.55  # of the generated pages; the rest is English
TRANSLATED_SHARE = 0.9  # of the English pages: translations of a Dutch page, the rest English-only
DRAFT_SHARE = 0.03  # never published: the search must not show them
EXPIRED_SHARE = 0.01  # published but expired: idem

# Domain words, Dutch and an English equivalent, in no particular order: the Zipf ranks are
# drawn at random (with SEED), so frequent and rare words are spread over the list.
VOCABULARY = [
    ("leiderschap", "leadership"),
    ("omgevingswet", "planning"),
    ("gemeente", "municipality"),
    ("organisatie", "organisation"),
    ("leertraject", "programme"),
    ("samenwerken", "collaboration"),
    ("provincie", "province"),
    ("waterschap", "waterboard"),
    ("inwoner", "resident"),
    ("wijk", "neighbourhood"),
    ("participatie", "participation"),
    ("beleid", "policy"),
    ("ambtenaar", "official"),
    ("bestuur", "governance"),
    ("verandering", "change"),
    ("coaching", "coaching"),
    ("intervisie", "peer"),
    ("training", "training"),
    ("vaardigheden", "skills"),
    ("communicatie", "communication"),
    ("gesprek", "conversation"),
    ("feedback", "feedback"),
    ("reflectie", "reflection"),
    ("team", "team"),
    ("teamontwikkeling", "teamwork"),
    ("adviseur", "adviser"),
    ("beleidsadviseur", "policymaker"),
    ("projectleider", "manager"),
    ("opdrachtgever", "client"),
    ("netwerk", "network"),
    ("regie", "direction"),
    ("ruimte", "space"),
    ("wendbaarheid", "agility"),
    ("flexibiliteit", "flexibility"),
    ("nieuwsgierigheid", "curiosity"),
    ("vertrouwen", "trust"),
    ("eigenaarschap", "ownership"),
    ("persoonlijk", "personal"),
    ("ontwikkeling", "development"),
    ("professional", "professional"),
    ("werkvorm", "method"),
    ("praktijk", "practice"),
    ("opdracht", "assignment"),
    ("casus", "case"),
    ("deelnemer", "participant"),
    ("trainer", "trainer"),
    ("acteur", "actor"),
    ("rollenspel", "roleplay"),
    ("workshop", "workshop"),
    ("bijeenkomst", "meeting"),
    ("dagdeel", "session"),
    ("terugkomdag", "followup"),
    ("leerdoel", "objective"),
    ("resultaat", "result"),
    ("aanpak", "approach"),
    ("uitdaging", "challenge"),
    ("cultuur", "culture"),
    ("waarden", "values"),
    ("visie", "vision"),
    ("strategie", "strategy"),
    ("dienstverlening", "service"),
    ("klantgericht", "customer"),
    ("burgerzaken", "registry"),
    ("vergunning", "permit"),
    ("ruimtelijke", "spatial"),
    ("duurzaamheid", "sustainability"),
    ("energietransitie", "energy"),
    ("woningbouw", "housing"),
    ("zorg", "care"),
    ("sociaal", "social"),
    ("domein", "domain"),
    ("jeugd", "youth"),
    ("integriteit", "integrity"),
    ("politiek", "politics"),
    ("wethouder", "alderman"),
    ("gemeenteraad", "council"),
    ("griffie", "clerk"),
    ("directeur", "director"),
    ("manager", "supervisor"),
    ("medewerker", "employee"),
    ("talent", "talent"),
    ("loopbaan", "career"),
    ("mobiliteit", "mobility"),
    ("inzetbaarheid", "employability"),
    ("energie", "vitality"),
    ("balans", "balance"),
    ("stress", "stress"),
    ("veerkracht", "resilience"),
    ("conflict", "conflict"),
    ("onderhandelen", "negotiation"),
    ("invloed", "influence"),
    ("overtuigen", "persuasion"),
    ("presenteren", "presenting"),
    ("pitch", "pitch"),
    ("schrijven", "writing"),
    ("taal", "language"),
    ("digitaal", "digital"),
    ("data", "data"),
    ("innovatie", "innovation"),
    ("experiment", "experiment"),
    ("ontwerp", "design"),
    ("denken", "thinking"),
    ("systeem", "system"),
    ("keten", "chain"),
    ("partner", "partner"),
    ("maatschappij", "society"),
    ("opgave", "mission"),
    ("regio", "region"),
    ("stad", "city"),
    ("dorp", "village"),
    ("platteland", "countryside"),
    ("mobiliteitsbeleid", "transport"),
    ("kennis", "knowledge"),
    ("ervaring", "experience"),
    ("methode", "technique"),
    ("inzicht", "insight"),
    ("gedrag", "behaviour"),
    ("motivatie", "motivation"),
    ("luisteren", "listening"),
    ("vragen", "questions"),
    ("dialoog", "dialogue"),
    ("facilitator", "facilitator"),
    ("moderator", "moderator"),
    ("begeleiding", "guidance"),
    ("mentor", "mentor"),
]
# Words between the domain words, so sentences read (and tokenise) like real ones.
FILLER = {
    "nl": "de het een en van in op met voor naar over bij als dat die is zijn wordt wij je ze "
    "niet ook door om te aan samen",
    "en": "the a an and of in on with for to about at as that which is are be we you they "
    "not also by from together",
}
FILLER_SHARE = 0.45
ZIPF_EXPONENT = 1.1


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated page counts")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind and language")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument(
        "--explain", action="store_true", help="EXPLAIN ANALYZE a search query per language"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the database a --keep run left (kept again); build only the pages it lacks",
    )
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="with --reuse: rebuild the search index although no pages were added",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    )
    args = parser.parse_args()
    args.keep = args.keep or args.reuse
    args.sizes = [int(size) for size in args.sizes.split(",")]
    return args


# ---------------------------------------------------------------------------------------------
# The database: created and dropped here, never one that is not a bench_ database


def database_name(url):
    name = urlsplit(url).path.lstrip("/")
    if not urlsplit(url).scheme.startswith("postgres"):
        sys.exit(f"Not a PostgreSQL URL: {url}")
    if not name.startswith("bench_"):
        sys.exit(f"Refusing to touch database {name!r}: its name must start with 'bench_'.")
    return name


def maintenance(url, statement):
    """Run `statement` (CREATE/DROP DATABASE) on the server's `postgres` database."""
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def database_exists(url, name):
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone() is not None
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------
# Text


class Writer:
    """Sentences in one language from the shared vocabulary, frequent words more often."""

    def __init__(self, language, rng):
        index = 0 if language == "nl" else 1
        words = [pair[index] for pair in VOCABULARY]
        ranks = list(range(1, len(words) + 1))
        random.Random(SEED).shuffle(ranks)  # the same ranks in both languages
        self.words = words
        self.weights = [1 / rank**ZIPF_EXPONENT for rank in ranks]
        self.filler = FILLER[language].split()
        self.rng = rng

    def domain_words(self, count):
        return self.rng.choices(self.words, weights=self.weights, k=count)

    def sentence(self, low=7, high=16):
        count = self.rng.randint(low, high)
        domain = iter(self.domain_words(count))
        tokens = [
            self.rng.choice(self.filler) if self.rng.random() < FILLER_SHARE else next(domain)
            for _ in range(count)
        ]
        return " ".join(tokens).capitalize() + "."

    def sentences(self, count):
        return " ".join(self.sentence() for _ in range(count))

    def title(self):
        return " ".join(self.domain_words(self.rng.randint(2, 4))).capitalize()

    def paragraphs(self, low, high):
        """Raw StreamField data: `low` to `high` paragraph blocks of a few sentences."""
        return [
            {
                "type": "paragraph",
                "value": f"<p>{self.sentences(self.rng.randint(2, 5))}</p>",
                "id": str(uuid.uuid4()),
            }
            for _ in range(self.rng.randint(low, high))
        ]

    def goals(self, count):
        return [
            {
                "type": "goal",
                "value": {"title": self.title(), "description": self.sentence()},
                "id": str(uuid.uuid4()),
            }
            for _ in range(count)
        ]


def page_fields(kind, writer, rng):
    """The specific fields of a page of `kind`, in the writer's language."""
    from cases.models import Sector
    from trajecten.choices import MeetingUnit, TrackForm

    if kind == "track":
        return {
            "subtitle": writer.title(),
            "intro": writer.sentences(3),
            "audience": f"<p>{writer.sentences(2)}</p>",
            "goals_intro": writer.sentence(),
            "goals": writer.goals(rng.randint(2, 5)),
            "body": writer.paragraphs(2, 5),
            "programme_intro": writer.sentence(),
            "form": rng.choice(TrackForm.values),
            "meeting_count": rng.randint(2, 12),
            "meeting_unit": rng.choice(MeetingUnit.values),
            "duration": f"{rng.randint(2, 12)} maanden",
            "client_name": " ".join(writer.domain_words(2)) if rng.random() < 0.3 else "",
        }
    if kind == "module":
        return {
            "subtitle": writer.title(),
            "summary": writer.sentences(2),
            "goals": writer.goals(rng.randint(1, 4)),
            "body": writer.paragraphs(1, 4),
            "duration": "1 dag",
        }
    if kind == "theme":
        return {"intro": writer.sentences(3), "body": writer.paragraphs(2, 4)}
    if kind == "case":
        return {
            "intro": writer.sentences(3),
            "client_name": " ".join(writer.domain_words(2)),
            "sector": rng.choice(Sector.values),
            "period": f"{rng.randint(2015, 2025)}",
            "session_count": rng.randint(3, 20),
            "challenge": writer.paragraphs(1, 2),
            "approach": writer.paragraphs(1, 3),
            "result": writer.paragraphs(1, 2),
        }
    return {  # article
        "date": datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000)),
        "intro": writer.sentences(2),
        "body": writer.paragraphs(3, 8),
    }


# ---------------------------------------------------------------------------------------------
# The site


def page_models():
    from articles.models import ArticlePage
    from cases.models import CaseStudyPage
    from themes.models import ThemePage
    from trajecten.models import LeertrajectPage, ModulePage

    return {
        "track": LeertrajectPage,
        "module": ModulePage,
        "theme": ThemePage,
        "case": CaseStudyPage,
        "article": ArticlePage,
    }


def build_skeleton():
    """The Dutch home page as the default site's root with its five index pages, and their
    English translations: {language: {kind: index page}}."""
    from wagtail.models import Locale, Page, Site

    from articles.models import ArticleIndexPage
    from cases.models import CaseIndexPage
    from home.models import HomePage
    from themes.models import ThemeIndexPage
    from trajecten.models import LeertrajectIndexPage, ModuleIndexPage

    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    root = Page.get_first_root_node()
    nl = Locale.objects.get(language_code="nl")
    en, _ = Locale.objects.get_or_create(language_code="en")
    indexes = [
        ("track", LeertrajectIndexPage, "Leertrajecten", "leertrajecten", "Tracks", "tracks"),
        ("module", ModuleIndexPage, "Modules", "modules", "Modules", "modules"),
        ("theme", ThemeIndexPage, "Thema's", "themas", "Themes", "themes"),
        ("case", CaseIndexPage, "Cases", "cases", "Cases", "cases"),
        ("article", ArticleIndexPage, "Artikelen", "artikelen", "Articles", "articles"),
    ]
    home_nl = root.add_child(
        instance=HomePage(title="Home", slug="home", hero_title="Leren", locale=nl)
    )
    home_en = root.add_child(
        instance=HomePage(
            title="Home",
            slug="home-en",
            hero_title="Learning",
            locale=en,
            translation_key=home_nl.translation_key,
        )
    )
    Site.objects.create(
        hostname="localhost", port=80, root_page=home_nl, is_default_site=True, site_name="Bench"
    )
    tree = {"nl": {}, "en": {}}
    for kind, model, title_nl, slug_nl, title_en, slug_en in indexes:
        dutch = home_nl.add_child(instance=model(title=title_nl, slug=slug_nl, locale=nl))
        english = home_en.add_child(
            instance=model(
                title=title_en, slug=slug_en, locale=en, translation_key=dutch.translation_key
            )
        )
        tree["nl"][kind], tree["en"][kind] = dutch, english
    return tree


def load_tree():
    from django.apps import apps
    from wagtail.models import Locale

    tree = {}
    for language in ("nl", "en"):
        locale = Locale.objects.get(language_code=language)
        tree[language] = {}
        for kind, model in page_models().items():
            index_model = model.parent_page_types[0]
            tree[language][kind] = (
                apps.get_model(index_model).objects.filter(locale=locale).get().specific
            )
    return tree


def leaf_count():
    from wagtail.models import Page

    return Page.objects.type(*page_models().values()).count()


def grow(tree, count, rng):
    """Add `count` pages below the index pages of `tree`, bulk-inserted; the pages per second."""
    from django.db import DEFAULT_DB_ALIAS, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    models = page_models()
    kinds = list(TYPE_SHARES)
    writers = {language: Writer(language, rng) for language in ("nl", "en")}
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    now = timezone.now()
    started = time.perf_counter()

    dutch_count = round(count * DUTCH_SHARE)
    english_count = count - dutch_count
    plan = [
        ("nl", kind, None) for kind in rng.choices(kinds, list(TYPE_SHARES.values()), k=dutch_count)
    ]
    translations = [
        ("en", kind, position)
        for position, (_, kind, _) in enumerate(plan[: round(english_count * TRANSLATED_SHARE)])
    ]
    english_only = [
        ("en", kind, None)
        for kind in rng.choices(
            kinds, list(TYPE_SHARES.values()), k=english_count - len(translations)
        )
    ]
    plan += translations + english_only

    next_step = {
        (language, kind): index.numchild
        for language in tree
        for kind, index in tree[language].items()
    }
    serial = Page.objects.count()
    pages = []
    for language, kind, source in plan:
        parent = tree[language][kind]
        next_step[language, kind] += 1
        serial += 1
        slug = f"{kind}-{serial}"
        state = rng.random()
        page = models[kind](
            title=writers[language].title(),
            slug=slug,
            locale=locales[language],
            path=Page._get_path(parent.path, parent.depth + 1, next_step[language, kind]),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            live=state >= DRAFT_SHARE,
            has_unpublished_changes=state < DRAFT_SHARE,
            first_published_at=None if state < DRAFT_SHARE else now,
            last_published_at=None if state < DRAFT_SHARE else now,
            expire_at=now - datetime.timedelta(days=1)
            if DRAFT_SHARE <= state < DRAFT_SHARE + EXPIRED_SHARE
            else None,
            listing_summary=writers[language].sentence() if rng.random() < 0.5 else "",
            **page_fields(kind, writers[language], rng),
        )
        if source is not None:
            page.translation_key = pages[source].translation_key
        page.draft_title = page.title
        pages.append(page)

    page_columns = [field for field in Page._meta.concrete_fields if not field.primary_key]
    with transaction.atomic():
        rows = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(page, f.attname) for f in page_columns}) for page in pages],
            batch_size=BATCH,
        )
        for page, row in zip(pages, rows, strict=True):
            page.pk = page.id = row.pk
        for model in models.values():
            objs = [page for page in pages if isinstance(page, model)]
            fields = model._meta.local_concrete_fields
            for start in range(0, len(objs), BATCH):
                model._base_manager._insert(
                    objs[start : start + BATCH], fields=fields, using=DEFAULT_DB_ALIAS
                )
        for (language, kind), numchild in next_step.items():
            index = tree[language][kind]
            Page.objects.filter(pk=index.pk).update(numchild=numchild)
            index.numchild = numchild
    return count / (time.perf_counter() - started)


def index_all():
    """Rebuild the search index of the configured backend; pages per second."""
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    pages = Page.objects.filter(depth__gt=1).count()
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    rate = pages / (time.perf_counter() - started)
    # As autovacuum would leave the tables on a live site: fresh statistics (without them the
    # planner takes every table for nearly empty after the bulk inserts), and no dead rows
    # (modelsearch writes each index entry twice: its row, then its title_norm).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return pages, rate


# ---------------------------------------------------------------------------------------------
# Queries and measurements


def misspell(word, rng):
    """`word` with two neighbouring letters swapped or one letter dropped."""
    position = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word[:position] + word[position + 1 :]


def make_queries(language, count, rng):
    words = [pair[0 if language == "nl" else 1] for pair in VOCABULARY]
    long_words = [word for word in words if len(word) >= 5]
    queries = {
        "one word": [rng.choice(words) for _ in range(count)],
        "three words": [" ".join(rng.sample(words, 3)) for _ in range(count)],
        "misspelled": [],
    }
    while len(queries["misspelled"]) < count:
        typo = misspell(rng.choice(long_words), rng)
        if typo not in words:
            queries["misspelled"].append(typo)
    return queries


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def summary(timings):
    return {
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "max": max(timings),
    }


def search_url(language, text):
    return ("/zoeken/" if language == "nl" else "/en/search/") + f"?q={quote(text)}"


def time_search(language, text):
    """(ms, hits) of the search as the view does it: ranked hits, then the visible ones."""
    from django.utils import translation

    from core.links import LinkResolver
    from search.views import _visible_hits

    with translation.override(language):
        resolver = LinkResolver(None, language)  # reads the locales: not part of the search
        started = time.perf_counter()
        hits = _visible_hits(resolver, text)
        return (time.perf_counter() - started) * 1000, len(hits)


def time_view(client, language, text):
    """(ms, SQL queries) of the whole results page."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as context:
        started = time.perf_counter()
        response = client.get(search_url(language, text), HTTP_HOST="localhost")
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{search_url(language, text)} answered {response.status_code}")
    return elapsed, len(context.captured_queries)


def measure(size, queries_per_kind, rng):
    from django.test import Client

    client = Client()
    figures = []
    for language in ("nl", "en"):
        queries = make_queries(language, queries_per_kind, rng)
        for text in queries["one word"][:WARM_UP]:
            time_search(language, text)
            time_view(client, language, text)
        for kind, texts in queries.items():
            search = [time_search(language, text) for text in texts]
            view = [time_view(client, language, text) for text in texts]
            figures.append(
                {
                    "size": size,
                    "language": language,
                    "kind": kind,
                    "search_ms": summary([ms for ms, _ in search]),
                    "view_ms": summary([ms for ms, _ in view]),
                    "hits_median": statistics.median(hits for _, hits in search),
                    "view_queries_max": max(count for _, count in view),
                }
            )
    return figures


def explain(language, text):
    """EXPLAIN ANALYZE of the search queries the view runs for `text` (a frequent word's
    ranked stages one after the other), without the planner's estimate that picks them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from core.links import LinkResolver
    from search.views import _visible_hits

    with translation.override(language):
        resolver = LinkResolver(None, language)
        with CaptureQueriesContext(connection) as context:
            _visible_hits(resolver, text)
    queries = [
        q["sql"]
        for q in context.captured_queries
        if ("@@" in q["sql"] or "MATCH" in q["sql"]) and not q["sql"].startswith("EXPLAIN")
    ]
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return "\n\n".join(queries), "\n\n".join(plans)


# ---------------------------------------------------------------------------------------------


def print_table(figures):
    print(
        f"{'pages':>6} {'lang':4} {'query':12} {'hits p50':>8} "
        f"{'search p50/p95/max ms':>22} {'page p50/p95/max ms':>22} {'SQL max':>7}"
    )
    for row in figures:
        search = "{p50:6.1f} {p95:6.1f} {max:7.1f}".format(**row["search_ms"])
        view = "{p50:6.1f} {p95:6.1f} {max:7.1f}".format(**row["view_ms"])
        print(
            f"{row['size']:>6} {row['language']:4} {row['kind']:12} {row['hits_median']:>8} "
            f"{search:>22} {view:>22} {row['view_queries_max']:>7}"
        )


def main():
    args = parse_args()
    name = database_name(args.database_url)
    reused = args.reuse and database_exists(args.database_url, name)
    if not reused:
        maintenance(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')
        maintenance(args.database_url, f'CREATE DATABASE "{name}"')
    try:
        setup_django(args.database_url)
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connections

        backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
        print(f"database {name}, search backend {backend}")
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrated in {time.perf_counter() - started:.0f} s")
        if not reused:
            build_skeleton()
        tree = load_tree()
        rng = random.Random(SEED)
        results = {"backend": backend, "sizes": [], "figures": []}
        for size in sorted(args.sizes):
            to_add = size - leaf_count()
            generated = grow(tree, to_add, rng) if to_add > 0 else 0
            if to_add > 0 or not reused or args.reindex:
                indexed, rate = index_all()
                print(
                    f"\n{size} pages: generated {max(to_add, 0)} at {generated:.0f} pages/s; "
                    f"indexed {indexed} at {rate:.0f} pages/s"
                )
            else:
                indexed, rate = leaf_count(), 0
                print(f"\n{size} pages: reused ({indexed} pages, index as it was)")
            results["sizes"].append(
                {
                    "size": size,
                    "generated_per_s": generated,
                    "indexed": indexed,
                    "index_per_s": rate,
                }
            )
            figures = measure(size, args.queries, rng)
            print_table(figures)
            results["figures"] += figures
            if args.explain:
                for language, word in (("nl", "organisatie"), ("en", "organisation")):
                    sql, plan = explain(language, word)
                    print(f"\nEXPLAIN ANALYZE ({language}, {word!r}):\n{sql}\n{plan}")
        if args.json:
            print(json.dumps(results, indent=2))
        connections.close_all()
    finally:
        if not args.keep:
            maintenance(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
