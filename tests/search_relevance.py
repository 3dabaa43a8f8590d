"""The relevance test set of the site search, on the demo content (`manage.py load_demo`).

Each query names the pages a visitor would be glad to see first (any one of them counts as a
hit; for a person or a method: the pages that show them); the rest of the results do not
matter. Half are Dutch, half English, and together they
cover names (tracks, people, clients, methods), themes, inflected forms, several words,
misspellings and words found only in a track's programme.

Queries go through the real search view (`/zoeken/`, `/en/search/`), so language, visibility
and spelling corrections apply as for a visitor. Scored by mean reciprocal rank (MRR: 1 for a
first hit, 1/2 for a second, ..., 0 when no expected page is on the first results page) and
hit@3 (an expected page among the first three). Used by tests/test_search_relevance.py and
bench/search_relevance.py.
"""

from dataclasses import dataclass

from bs4 import BeautifulSoup

from tests.search_pages import SEARCH_URLS


@dataclass(frozen=True)
class RelevanceQuery:
    language: str
    query: str
    expected: tuple  # URLs of the pages that answer it, any one of them
    kind: str  # what the query tests


def q(language, kind, query, *expected):
    return RelevanceQuery(language, query, expected, kind)


NL_TRACKS = "/leertrajecten/"
NL_MODULES = "/modules/"
NL_THEMES = "/themas/"
EN_TRACKS = "/en/learning-tracks/"
EN_MODULES = "/en/modules/"
EN_THEMES = "/en/themes/"

QUERIES = [
    # Dutch ------------------------------------------------------------------------------------
    q("nl", "naam", "Urban Professional", f"{NL_TRACKS}urban-professional/"),
    q("nl", "naam", "Omgevingsprofessional", f"{NL_TRACKS}omgevingsprofessional/"),
    q(
        "nl",
        "naam",
        "Ruben Mulder",
        f"{NL_TRACKS}omgevingsprofessional/",
        f"{NL_TRACKS}urban-professional/",
        "/cases/training-en-opleiding-middelgrote-gemeente/",
        "/artikelen/persoonlijke-pitch-als-slotstuk/",
    ),
    q(
        "nl",
        "naam",
        "Marc de Haas Van Dorsser",
        f"{NL_TRACKS}business-partner/",
        "/cases/business-partner-gemeente-utrecht/",
    ),
    q(
        "nl",
        "naam",
        "gemeente Utrecht",
        "/cases/business-partner-gemeente-utrecht/",
        f"{NL_TRACKS}business-partner/",
    ),
    q(
        "nl",
        "naam",
        "Insights Discovery",
        f"{NL_MODULES}samen-op-pad/",
        f"{NL_MODULES}persoonlijk-leiderschap/",
        f"{NL_TRACKS}urban-professional/",
        f"{NL_TRACKS}business-partner/",
    ),
    q(
        "nl",
        "naam",
        "trainingsacteurs",
        f"{NL_MODULES}kracht-van-het-gesprek/",
        f"{NL_MODULES}adviesvaardigheden/",
        f"{NL_TRACKS}urban-professional/",
        f"{NL_TRACKS}omgevingsprofessional/",
    ),
    q("nl", "thema", "flexibele organisatie", f"{NL_THEMES}flexibele-organisatie/"),
    q("nl", "thema", "eigentijdse bedrijfsvoering", f"{NL_THEMES}eigentijdse-bedrijfsvoering/"),
    q(
        "nl",
        "thema",
        "persoonlijk leiderschap",
        f"{NL_THEMES}persoonlijk-leiderschap/",
        f"{NL_MODULES}persoonlijk-leiderschap/",
    ),
    q(
        "nl",
        "verbuiging",
        "simulatiespellen",
        f"{NL_MODULES}participatie-organiseren/",
        f"{NL_TRACKS}omgevingsprofessional/",
    ),
    q("nl", "verbuiging", "werkvorm", f"{NL_MODULES}samenwerken/"),
    q("nl", "verbuiging", "dossiers", f"{NL_TRACKS}omgevingsprofessional/"),
    q("nl", "meer woorden", "feedback geven", f"{NL_MODULES}communiceren-met-aandacht/"),
    q(
        "nl",
        "meer woorden",
        "persoonlijke pitch",
        "/artikelen/persoonlijke-pitch-als-slotstuk/",
        f"{NL_TRACKS}business-partner/",
    ),
    q(
        "nl",
        "meer woorden",
        "participatie van inwoners",
        f"{NL_MODULES}participatie-organiseren/",
        f"{NL_TRACKS}omgevingsprofessional/",
    ),
    q(
        "nl",
        "spelfout",
        "leiderschao",
        f"{NL_THEMES}persoonlijk-leiderschap/",
        f"{NL_MODULES}persoonlijk-leiderschap/",
    ),
    q("nl", "spelfout", "intervsie", f"{NL_MODULES}intervisie/"),
    q("nl", "spelfout", "Omgevingsproffesional", f"{NL_TRACKS}omgevingsprofessional/"),
    q(
        "nl",
        "spelfout",
        "bedrijfsvoerig",
        f"{NL_THEMES}eigentijdse-bedrijfsvoering/",
        f"{NL_MODULES}visie-op-bedrijfsvoering/",
    ),
    q("nl", "programma", "aandachtsoefeningen", f"{NL_TRACKS}urban-professional/"),
    q("nl", "programma", "In gesprek met het primair proces", f"{NL_TRACKS}business-partner/"),
    # English ----------------------------------------------------------------------------------
    q("en", "name", "Urban Professional", f"{EN_TRACKS}urban-professional/"),
    q("en", "name", "Environment Professional", f"{EN_TRACKS}environment-professional/"),
    q(
        "en",
        "name",
        "Ruben Mulder",
        f"{EN_TRACKS}environment-professional/",
        f"{EN_TRACKS}urban-professional/",
        "/en/case-studies/training-for-a-medium-sized-municipality/",
        "/en/articles/personal-pitch-as-the-finale/",
    ),
    q(
        "en",
        "name",
        "Nienke Janssen",
        f"{EN_TRACKS}urban-professional/",
        f"{EN_TRACKS}business-partner/",
        "/en/case-studies/business-partners-municipality-of-utrecht/",
    ),
    q(
        "en",
        "name",
        "Municipality of Utrecht",
        "/en/case-studies/business-partners-municipality-of-utrecht/",
        f"{EN_TRACKS}business-partner/",
    ),
    q(
        "en",
        "name",
        "Insights Discovery",
        f"{EN_MODULES}setting-out-together/",
        f"{EN_MODULES}personal-leadership/",
        f"{EN_TRACKS}urban-professional/",
        f"{EN_TRACKS}business-partner/",
    ),
    q(
        "en",
        "name",
        "training actors",
        f"{EN_MODULES}the-power-of-conversation/",
        f"{EN_MODULES}advisory-skills/",
        f"{EN_TRACKS}urban-professional/",
        f"{EN_TRACKS}environment-professional/",
    ),
    q("en", "theme", "flexible organisation", f"{EN_THEMES}flexible-organisation/"),
    q("en", "theme", "modern business operations", f"{EN_THEMES}modern-business-operations/"),
    q(
        "en",
        "theme",
        "personal leadership",
        f"{EN_THEMES}personal-leadership/",
        f"{EN_MODULES}personal-leadership/",
    ),
    q(
        "en",
        "inflected",
        "simulation games",
        f"{EN_MODULES}organising-participation/",
        f"{EN_TRACKS}environment-professional/",
    ),
    q("en", "inflected", "mindfulness exercise", f"{EN_MODULES}mindful-communication/"),
    q("en", "inflected", "municipal professionals", f"{EN_TRACKS}urban-professional/"),
    q("en", "several words", "giving feedback", f"{EN_MODULES}mindful-communication/"),
    q(
        "en",
        "several words",
        "personal pitch",
        "/en/articles/personal-pitch-as-the-finale/",
        f"{EN_TRACKS}business-partner/",
    ),
    q(
        "en",
        "several words",
        "residents and initiators",
        f"{EN_MODULES}organising-participation/",
        f"{EN_TRACKS}environment-professional/",
    ),
    q(
        "en",
        "misspelling",
        "leadershp",
        f"{EN_THEMES}personal-leadership/",
        f"{EN_MODULES}personal-leadership/",
    ),
    q(
        "en",
        "misspelling",
        "colaborating",
        f"{EN_MODULES}collaborating/",
        f"{EN_THEMES}collaborating-in-networks/",
    ),
    q("en", "misspelling", "mindfull communication", f"{EN_MODULES}mindful-communication/"),
    q("en", "misspelling", "Enviroment Professional", f"{EN_TRACKS}environment-professional/"),
    q("en", "programme", "busy working week", f"{EN_TRACKS}urban-professional/"),
    q("en", "programme", "Talking with the core business", f"{EN_TRACKS}business-partner/"),
]


@dataclass(frozen=True)
class Outcome:
    query: RelevanceQuery
    rank: int  # of the first expected page among the results, 0 when none is shown
    first: str  # the URL of the first result, "" when none
    corrected: bool  # the results are those of a corrected query

    @property
    def reciprocal_rank(self):
        return 1 / self.rank if self.rank else 0.0

    @property
    def hit_at_3(self):
        return 0 < self.rank <= 3


def run(client, query):
    """The outcome of `query`, searched as a visitor in its language."""
    response = client.get(SEARCH_URLS[query.language], {"q": query.query})
    assert response.status_code == 200, query
    soup = BeautifulSoup(response.content, "html.parser")
    urls = [a["href"] for a in soup.select(".search-result .card__title a")]
    rank = next((i for i, url in enumerate(urls, 1) if url in query.expected), 0)
    corrected = soup.select_one(".search-page__spelling a[href*='exact=1']") is not None
    return Outcome(query, rank, urls[0] if urls else "", corrected)


def evaluate(client, queries=QUERIES):
    return [run(client, query) for query in queries]


def scores(outcomes):
    """{"nl"/"en"/"all": (MRR, hit@3, number of queries)}."""
    groups = {"nl": [], "en": [], "all": outcomes}
    for outcome in outcomes:
        groups[outcome.query.language].append(outcome)
    return {
        name: (
            sum(o.reciprocal_rank for o in group) / len(group),
            sum(o.hit_at_3 for o in group) / len(group),
            len(group),
        )
        for name, group in groups.items()
        if group
    }


def report(outcomes, title="Search relevance"):
    """A table of every query's rank, then MRR and hit@3 per language and overall."""
    lines = [title, f"{'lang':4} {'kind':14} {'query':36} {'rank':>4}  first result"]
    for o in outcomes:
        rank = str(o.rank) if o.rank else "-"
        note = " (corrected)" if o.corrected else ""
        lines.append(
            f"{o.query.language:4} {o.query.kind:14} {o.query.query[:36]:36} {rank:>4}  "
            f"{o.first or '(nothing)'}{note}"
        )
    lines.append("")
    for name, (mrr, hit3, count) in scores(outcomes).items():
        lines.append(f"{name:4} MRR {mrr:.3f}  hit@3 {hit3:.3f}  ({count} queries)")
    misses = [o for o in outcomes if not o.hit_at_3]
    if misses:
        lines.append(
            "Not in the first three: "
            + "; ".join(f"{o.query.language} {o.query.query!r}" for o in misses)
        )
    return "\n".join(lines)
