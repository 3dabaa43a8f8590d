"""What every page type costs to render: CPU milliseconds and SQL queries, both languages, and how
the track page and the listings grow with what they show. Optionally side by side with another
commit, measured in the same run.

    .venv/bin/python bench/pages.py [--database-url URL] [--compare REV] [--rounds 5]
        [--requests 50] [--listing-size 200] [--steps 6,30] [--keep]

Each commit measured gets a database of its own, built from scratch: SQLite in a temporary
directory by default, or on the PostgreSQL server of --database-url (the database name must
start with `bench_`; `_current` or `_<rev>` is appended, it is dropped first and, unless --keep,
at the end). It is migrated and filled by the demo loader (`manage.py load_demo`). Then:

1. every page type (home, theme index, theme, track index, track, module index, module, case
   index, case, article index, article, contact page, search page) in Dutch and in English: the
   queries of one request and the median, over --rounds rounds of --requests requests each, of
   the CPU milliseconds per request (this process: with SQLite that includes the database, with
   PostgreSQL not the server), in-process through Django's test client (middleware, URL
   routing, `page.serve`, templates), as production settings have it (no debug, connections
   kept), but with the anonymous page cache off: what a page costs to render. A page type the
   commit does not have prints "n/a".
2. a track with 6 and with 30 programme steps (copies of a demo track, the steps cloned from
   its own): queries and ms. Flat queries means no query per step.
3. listings with --listing-size more cards: that many copies of a demo track tagged with one
   theme (its theme page and the track index grow) and that many copies of a demo theme (the
   theme index grows).
4. "afresh": the track page, the home page and those listings with a new generation of the page
   cache before each request, as after a publish: what is kept across requests (the site,
   menus, a page's relations, its rendered head and content) is worked out again. The other
   figures are what every later request costs.

With --compare REV the same script measures REV too, from a `git worktree` of REV in a temporary
directory with the same virtualenv, and prints both with the ratio current/REV (below 1: the
current commit is cheaper). The machine may be shared: only ratios from one run compare.
Figures only; nothing is asserted here.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (label, model) for every page type; the search page is a view, not a page model.
PAGE_TYPES = [
    ("home", "home.HomePage"),
    ("theme index", "themes.ThemeIndexPage"),
    ("theme", "themes.ThemePage"),
    ("track index", "trajecten.LeertrajectIndexPage"),
    ("track", "trajecten.LeertrajectPage"),
    ("module index", "trajecten.ModuleIndexPage"),
    ("module", "trajecten.ModulePage"),
    ("case index", "cases.CaseIndexPage"),
    ("case", "cases.CaseStudyPage"),
    ("article index", "articles.ArticleIndexPage"),
    ("article", "articles.ArticlePage"),
    ("contact page", "contact.ContactPage"),
    ("search page", None),
]
LANGUAGES = ["nl", "en"]
WARM_UP = 3


# --- The worker: runs inside one commit's code, prints its figures as JSON -------------------


class Measurer:
    def __init__(self, rounds, requests):
        from django.test import Client

        self.client = Client()
        self.rounds = rounds
        self.requests = requests

    def __call__(self, url, rounds=None, afresh=False):
        """With `afresh`, every request comes after a change of content (`renew_content`)."""
        from django.db import connection, reset_queries
        from django.test.utils import CaptureQueriesContext

        before = renew_content if afresh else (lambda: None)
        for _ in range(WARM_UP):
            before()
            response = self.client.get(url)
        if response.status_code != 200:
            return {"status": response.status_code}
        reset_queries()
        before()
        with CaptureQueriesContext(connection):
            self.client.get(url)
            queries = len(connection.queries)
        per_request = []
        for _ in range(rounds or self.rounds):
            # CPU time of this process, not wall time: on a shared machine the two commits run
            # under different loads, and waiting for a core is not work of the page's.
            started = time.process_time()
            for _ in range(self.requests):
                before()
                self.client.get(url)
            per_request.append((time.process_time() - started) * 1000 / self.requests)
        return {"status": 200, "queries": queries, "ms": statistics.median(per_request)}


def renew_content():
    """What publishing does to what is kept across requests: a new generation of the page cache,
    so the next request works out and renders everything afresh. (A commit from before the page
    cache keeps nothing across requests.)"""
    try:
        from core import page_cache
    except ImportError:
        return
    page_cache.clear()


def page_of_type(model_label, language):
    from django.apps import apps
    from wagtail.models import Locale

    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        return None
    locale = Locale.objects.get(language_code=language)
    # The first one in tree order with something in it: a demo page, not a generated one.
    return (
        (model.objects.live().filter(locale=locale).exclude(slug__startswith="bench-"))
        .order_by("path")
        .first()
    )


def search_url(language):
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    with translation.override(language):
        try:
            return reverse("search")
        except NoReverseMatch:
            return None


def measure_page_types(measure):
    figures = {}
    for label, model_label in PAGE_TYPES:
        figures[label] = {}
        for language in LANGUAGES:
            if model_label is None:
                url = search_url(language)
            else:
                page = page_of_type(model_label, language)
                url = page.get_url() if page else None
            figures[label][language] = measure(url) if url else None
    return figures


def copy_page(page, number, **attrs):
    slug = f"bench-{page.slug}-{number}"
    return page.copy(
        update_attrs={"title": f"{page.title} {number}", "slug": slug, **attrs},
        keep_live=True,
        log_action=None,
    ).specific


def track_with_steps(track, count):
    """A copy of `track` with `count` programme steps, cloned from its own in turn."""
    import uuid

    copy = copy_page(track, f"{count}-stappen")
    steps = list(track.programme_steps.all())
    copy.programme_steps.all().delete()
    for number in range(count):
        step = steps[number % len(steps)]
        step.pk = step.id = None
        step.page = copy
        step.sort_order = number
        step.translation_key = uuid.uuid4()
        step.save()
    return copy


def measure_afresh(measure, rounds):
    """The track page and the home page as the first request after a publish renders them."""
    figures = {}
    for label in ("track", "home"):
        page = page_of_type(dict(PAGE_TYPES)[label], "nl")
        figures[label] = measure(page.get_url(), rounds, afresh=True)
    return figures


def measure_track_steps(measure, step_counts):
    from trajecten.models import LeertrajectPage

    track = (
        LeertrajectPage.objects.live()
        .filter(locale__language_code="nl", programme_steps__isnull=False)
        .distinct()
        .order_by("path")
        .first()
    )
    return {str(count): measure(track_with_steps(track, count).get_url()) for count in step_counts}


def measure_listings(measure, size, rounds):
    from django.db import transaction

    from themes.models import ThemeIndexPage, ThemePage
    from trajecten.models import LeertrajectIndexPage, LeertrajectPage

    track = (
        LeertrajectPage.objects.live()
        .filter(locale__language_code="nl", theme_links__isnull=False)
        .order_by("path")
        .first()
    )
    theme = track.theme_links.order_by("sort_order").first().theme
    demo_theme = ThemePage.objects.live().filter(locale__language_code="nl").order_by("path")[0]
    with transaction.atomic():
        for number in range(size):
            copy_page(track, number)
            copy_page(demo_theme, number)
    dutch = {"locale__language_code": "nl"}
    urls = {
        "theme page": theme.get_url(),
        "track index": LeertrajectIndexPage.objects.get(**dutch).get_url(),
        "theme index": ThemeIndexPage.objects.get(**dutch).get_url(),
    }
    figures = {name: measure(url, rounds) for name, url in urls.items()}
    afresh = {f"{name}, afresh": measure(url, rounds, afresh=True) for name, url in urls.items()}
    return figures | afresh


def work(args):
    from bench.django_setup import setup_django

    # Demo images and their renditions in a directory of this run, not the worktree's media/.
    os.environ["MEDIA_ROOT"] = args.media_root
    os.environ.pop("REDIS_URL", None)  # the same local-memory cache for every commit
    # What a page costs to render: the anonymous page cache would answer every request after
    # the first from memory (bench/http.sh measures it).
    os.environ["PAGE_CACHE"] = "0"
    setup_django(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    measure = Measurer(args.rounds, args.requests)
    figures = {"pages": measure_page_types(measure)}
    figures["afresh"] = measure_afresh(measure, args.listing_rounds)
    figures["track steps"] = measure_track_steps(measure, args.steps)
    figures["listings"] = measure_listings(measure, args.listing_size, args.listing_rounds)
    json.dump(figures, sys.stdout)


# --- The conductor: databases, worktrees, workers, the table ---------------------------------


def database_for(args, label, directory):
    if args.database_url:
        from bench.search import database_name, maintenance

        url = f"{args.database_url}_{label}"
        name = database_name(url)
        maintenance(url, f'DROP DATABASE IF EXISTS "{name}"')
        maintenance(url, f'CREATE DATABASE "{name}"')
        return url
    return f"sqlite:///{directory}/db.sqlite3"


def drop_database(args, url):
    if args.database_url and not args.keep:
        from bench.search import database_name, maintenance

        maintenance(url, f'DROP DATABASE IF EXISTS "{database_name(url)}"')


def run_worker(args, code, label):
    with tempfile.TemporaryDirectory(prefix=f"bench-pages-{label}-") as directory:
        url = database_for(args, label, directory)
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            "--code",
            str(code),
            "--database-url",
            url,
            "--media-root",
            f"{directory}/media",
            "--rounds",
            str(args.rounds),
            "--requests",
            str(args.requests),
            "--listing-size",
            str(args.listing_size),
            "--listing-rounds",
            str(args.listing_rounds),
            "--steps",
            ",".join(map(str, args.steps)),
        ]
        print(f"measuring {label} ({code}) ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            output = subprocess.run(
                command, cwd=code, check=True, capture_output=True, text=True
            ).stdout
        except subprocess.CalledProcessError as error:
            sys.exit(f"{label} failed:\n{error.stderr[-4000:]}")
        finally:
            drop_database(args, url)
        print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        return json.loads(output)


def cell(figure):
    if figure is None:
        return f"{'n/a':>8} {'':>4}"
    if figure.get("status") != 200:
        return f"{'HTTP ' + str(figure['status']):>8} {'':>4}"
    return f"{figure['ms']:>8.1f} {figure['queries']:>4}"


def ratio(current, reference):
    if not current or not reference or "ms" not in current or "ms" not in reference:
        return ""
    return f"{current['ms'] / reference['ms']:>6.2f}"


def print_table(title, rows, labels):
    print(f"\n{title}")
    header = "".join(f" {label + ' ms':>8.8} {'q':>4}" for label in labels)
    print(f"{'':28}{header}" + ("   ratio" if len(labels) == 2 else ""))
    for name, figures in rows:
        line = f"{name:28}" + "".join(f" {cell(figure)}" for figure in figures)
        if len(figures) == 2:
            line += f"  {ratio(*figures)}"
        print(line)


def report(results):
    labels = list(results)
    runs = list(results.values())
    print_table(
        "Page types (CPU ms per request: median of rounds; q: SQL queries per request)",
        [
            (f"{label} ({language})", [run["pages"][label][language] for run in runs])
            for label, _ in PAGE_TYPES
            for language in LANGUAGES
        ],
        labels,
    )
    print_table(
        "Rendered afresh: each request the first after a publish (Dutch)",
        [(name, [run["afresh"][name] for run in runs]) for name in runs[0]["afresh"]],
        labels,
    )
    print_table(
        "Track page by programme steps (Dutch)",
        [
            (f"track, {steps} steps", [run["track steps"][steps] for run in runs])
            for steps in runs[0]["track steps"]
        ],
        labels,
    )
    print_table(
        "Listings with the generated cards added (Dutch)",
        [(name, [run["listings"][name] for run in runs]) for name in runs[0]["listings"]],
        labels,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", help="PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/bench_pages"
    )
    parser.add_argument("--compare", metavar="REV", help="also measure this commit")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--listing-size", type=int, default=200)
    parser.add_argument("--listing-rounds", type=int, default=5, help="rounds for the listings")
    parser.add_argument(
        "--steps", type=lambda text: [int(n) for n in text.split(",")], default=[6, 30]
    )
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--media-root", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        sys.path.insert(0, str(Path(args.code) / "site"))
        work(args)
        return

    results = {"current": run_worker(args, ROOT, "current")}
    if args.compare:
        revision = subprocess.run(
            ["git", "rev-parse", "--short", args.compare],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        with tempfile.TemporaryDirectory(prefix="bench-pages-tree-") as directory:
            tree = Path(directory) / revision
            subprocess.run(
                ["git", "worktree", "add", "--detach", "--quiet", str(tree), revision],
                cwd=ROOT,
                check=True,
            )
            try:
                results[revision] = run_worker(args, tree, revision)
            finally:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True
                )
    report(results)


if __name__ == "__main__":
    main()
