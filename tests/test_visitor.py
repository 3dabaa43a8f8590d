"""What an anonymous visitor gets: every page type answers, shows its key facts, and bad
query parameters never break a page."""

from urllib.parse import quote as urlquote

import pytest
from bs4 import BeautifulSoup
from django.views.defaults import server_error

from cases.models import CaseStudyPage
from core.links import LinkResolver
from tests import factories as f
from tests.builders import MODULE_TITLES, PAGE_NAMES, make_track
from trajecten.choices import TrackForm
from trajecten.models import LeertrajectPage

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def main_of(response):
    """The <main> element: listings and facts, without menu, breadcrumbs and footer."""
    main = soup_of(response).find("main")
    assert main is not None, "every page has a <main> element"
    return main


def main_html(response):
    return str(main_of(response))


def main_text(response):
    return " ".join(main_of(response).get_text(" ").split())


def get_ok(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response


def linked_titles(response):
    """Texts of the links inside <main>, whitespace-normalised."""
    return [" ".join(a.get_text(" ").split()) for a in main_of(response).find_all("a")]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_type_answers_an_anonymous_visitor_with_one_h1(client, content, name):
    page = content.page(name)
    response = get_ok(client, page.url)
    soup = soup_of(response)
    h1s = soup.find_all("h1")
    assert len(h1s) == 1, [h1.get_text() for h1 in h1s]
    assert soup.find("html")["lang"] == "nl"
    assert soup.find("title").get_text().strip()


def test_track_page_shows_its_facts(client, content):
    track = content.urban
    text = main_text(get_ok(client, track.url))
    assert "Urban Professional" in text
    assert "6 dagen" in text
    assert str(TrackForm.OPEN.label) in text
    assert track.duration in text
    for trainer in content.trainers:
        assert trainer.name in text
    for method in content.methods:
        assert method.name in text
    themes = main_of(get_ok(client, track.url)).find(id="themes-title").find_parent("section")
    assert [a.get_text() for a in themes.find_all("a")] == [content.themes[0].title]
    assert "Ik vond mijn nieuwsgierigheid terug." in text


def test_track_page_shows_the_programme_days_in_order_with_interludes_between(client, content):
    html = main_html(get_ok(client, content.urban.url))
    # The builder puts each interlude's note "Tussen dag N en dag N+1." after day N.
    expected_order = [
        MODULE_TITLES[0],
        "Tussen dag 1 en dag 2.",
        MODULE_TITLES[1],
        MODULE_TITLES[2],
        "Tussen dag 3 en dag 4.",
        MODULE_TITLES[3],
        MODULE_TITLES[4],
        "Tussen dag 5 en dag 6.",
        MODULE_TITLES[5],
    ]
    positions = [html.find(needle) for needle in expected_order]
    assert -1 not in positions, dict(zip(expected_order, positions, strict=True))
    assert positions == sorted(positions)
    for day in range(1, 7):
        assert f"Dag {day}" in html
    # Each module day links to its module page.
    for module in content.modules:
        assert f'href="{module.url}"' in html


def test_track_page_size_in_meetings(client, content):
    text = main_text(get_ok(client, content.business.url))
    assert "17 bijeenkomsten" in text
    assert "gemeente Utrecht" in text
    assert str(TrackForm.TAILOR_MADE.label) in text


def test_track_page_lists_its_cases_and_articles(client, content):
    titles = linked_titles(get_ok(client, content.urban.url))
    for case in content.cases:
        assert case.title in titles
    assert content.article.title in titles


def test_module_page_lists_the_tracks_that_use_it(client, content):
    shared_module = content.modules[1]  # in both Urban Professional and Business partner
    titles = linked_titles(get_ok(client, shared_module.url))
    assert content.urban.title in titles
    assert content.business.title in titles
    assert content.untagged_track.title not in titles

    only_urban = linked_titles(get_ok(client, content.modules[0].url))
    assert content.urban.title in only_urban
    assert content.business.title not in only_urban


def test_module_page_hides_draft_tracks(client, content):
    module = content.modules[2]
    draft = make_track(content.tree, title="Concepttraject", modules=[module], live=False)
    titles = linked_titles(get_ok(client, module.url))
    assert content.urban.title in titles
    assert draft.title not in titles


def test_theme_page_lists_everything_tagged_with_it(client, content):
    flexibel, samenwerken = content.themes
    titles = linked_titles(get_ok(client, flexibel.url))
    tagged = [
        content.urban.title,
        content.modules[0].title,
        content.cases[0].title,
        content.cases[1].title,
        content.article.title,
    ]
    for title in tagged:
        assert title in titles
    for title in [content.business.title, content.untagged_track.title, content.cases[2].title]:
        assert title not in titles

    other = linked_titles(get_ok(client, samenwerken.url))
    assert content.business.title in other
    assert content.urban.title not in other


def test_theme_page_without_tagged_pages(client, content):
    empty = f.ThemePageFactory(parent=content.tree.theme_index, title="Nog leeg")
    response = get_ok(client, empty.url)
    assert len(main_of(response).find_all("article", class_="card")) == 0


def test_case_page_shows_client_track_and_next_case_in_theme(client, content):
    first, second, other_theme = content.cases
    response = get_ok(client, first.url)
    text = main_text(response)
    assert first.client_name in text
    assert first.period in text
    assert content.trainers[0].name in text
    html = main_html(response)
    assert f'href="{content.urban.url}"' in html
    assert f'href="{second.url}"' in html
    assert f'href="{other_theme.url}"' not in html

    # The last case in the theme wraps around to the first.
    assert f'href="{first.url}"' in main_html(get_ok(client, second.url))


def test_case_without_theme_has_no_next_case(client, content):
    lonely = f.CaseStudyPageFactory(parent=content.tree.case_index, title="Alleen")
    assert lonely.get_next_in_theme(LinkResolver(language_code="nl")) is None
    html = main_html(get_ok(client, lonely.url))
    for case in content.cases:
        assert f'href="{case.url}"' not in html


def test_article_page_shows_date_authors_quote_and_share_links(client, content):
    article = content.article
    response = get_ok(client, article.url)
    main = main_of(response)
    text = main_text(response)

    time = main.find("time")
    assert time["datetime"] == "2024-03-01"
    assert "maart" in time.get_text()  # a Dutch date on a Dutch page
    for author in content.trainers:
        assert author.name in text

    blockquote = main.find("blockquote")
    assert blockquote is not None
    assert "Leren doe je niet alleen." in blockquote.get_text()
    assert "Carla Bos" in text

    share_hrefs = [a["href"] for a in main.find_all("a", href=True)]
    encoded_url = urlquote(article.full_url, safe="")
    assert any(encoded_url in href for href in share_hrefs if href.startswith("mailto:"))
    assert sum(encoded_url in href for href in share_hrefs) >= 2


def test_article_page_loads_no_third_party_scripts(client, content):
    soup = soup_of(get_ok(client, content.article.url))
    for script in soup.find_all("script"):
        src = script.get("src", "")
        assert not src.startswith(("http:", "https:", "//")), src
        assert "linkedin" not in script.get_text().lower()
        assert "twitter" not in script.get_text().lower()
    assert soup.find_all("iframe") == []


def test_home_page_shows_featured_track_themes_cases_and_articles(client, content):
    titles = linked_titles(get_ok(client, content.tree.home.url))
    assert content.urban.title in titles
    for theme in content.themes:
        assert theme.title in titles
    assert content.article.title in titles
    assert any(case.title in titles for case in content.cases)


def test_home_page_hides_a_featured_track_that_is_unpublished(client, content):
    LeertrajectPage.objects.get(pk=content.urban.pk).unpublish()
    titles = linked_titles(get_ok(client, content.tree.home.url))
    assert content.urban.title not in titles


def test_index_pages_list_their_children(client, content):
    tree = content.tree
    for index, children in [
        (tree.track_index, [content.urban, content.business, content.untagged_track]),
        (tree.module_index, content.modules),
        (tree.theme_index, content.themes),
        (tree.case_index, content.cases),
        (tree.article_index, [content.article]),
    ]:
        titles = linked_titles(get_ok(client, index.url))
        for child in children:
            assert child.title in titles, (index.title, child.title)


# ---------------------------------------------------------------------------------------------
# Filters and pagination


def track_titles(response, content):
    titles = linked_titles(response)
    tracks = [content.urban, content.business, content.untagged_track]
    return {track.title for track in tracks if track.title in titles}


ALL_TRACKS = {"Urban Professional", "Business partner", "Zonder thema"}


def test_track_index_filters_by_theme(client, content):
    flexibel, samenwerken = content.themes
    url = content.tree.track_index.url
    assert track_titles(get_ok(client, url, theme=flexibel.slug), content) == {"Urban Professional"}
    assert track_titles(get_ok(client, url, theme=samenwerken.slug), content) == {
        "Business partner"
    }


def test_track_index_filters_by_form(client, content):
    url = content.tree.track_index.url
    assert track_titles(get_ok(client, url, form="op_maat"), content) == {"Business partner"}
    assert track_titles(get_ok(client, url, form="open"), content) == {"Urban Professional"}
    flexibel = content.themes[0]
    combined = get_ok(client, url, form="op_maat", theme=flexibel.slug)
    assert track_titles(combined, content) == set()
    assert main_of(combined).find(class_="empty-state") is not None


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"theme": "bestaat-niet"}, ["theme"]),
        ({"form": "xyz"}, ["form"]),
        ({"theme": "bestaat-niet", "form": "xyz"}, ["form", "theme"]),
        ({"theme": "", "form": ""}, []),
        ({"page": "abc"}, []),
        ({"page": "9999"}, []),
        ({"page": "-1"}, []),
        ({"theme[]": "x", "onbekend": "1"}, []),
    ],
)
def test_track_index_ignores_unknown_or_malformed_parameters(client, content, params, ignored):
    response = get_ok(client, content.tree.track_index.url, **params)
    assert track_titles(response, content) == ALL_TRACKS
    assert response.context["filterset"].ignored_parameters == ignored


def test_track_index_shows_an_empty_state_for_a_theme_without_tracks(client, content):
    empty_theme = f.ThemePageFactory(parent=content.tree.theme_index, title="Zonder trajecten")
    response = get_ok(client, content.tree.track_index.url, theme=empty_theme.slug)
    assert track_titles(response, content) == set()
    assert main_of(response).find(class_="empty-state") is not None


@pytest.mark.parametrize("params", [{"theme": "bestaat-niet"}, {"page": "abc"}, {"page": "-1"}])
def test_case_index_survives_bad_parameters(client, content, params):
    response = get_ok(client, content.tree.case_index.url, **params)
    titles = linked_titles(response)
    assert all(case.title in titles for case in content.cases)


def test_case_index_filters_by_theme(client, content):
    samenwerken = content.themes[1]
    titles = linked_titles(get_ok(client, content.tree.case_index.url, theme=samenwerken.slug))
    assert content.cases[2].title in titles
    assert content.cases[0].title not in titles


@pytest.fixture
def many_articles(content):
    index = content.tree.article_index
    per_page = index.specific.articles_per_page
    articles = [f.ArticlePageFactory(parent=index) for _ in range(per_page + 2)]
    return [*articles, content.article]


def article_titles_on(client, index, **params):
    titles = set(linked_titles(get_ok(client, index.url, **params)))
    return titles


@pytest.mark.parametrize("page_param", ["abc", "9999", "-1", "0", "1.5", ""])
def test_article_index_pagination_survives_bad_page_numbers(
    client, content, many_articles, page_param
):
    index = content.tree.article_index
    per_page = index.specific.articles_per_page
    titles = article_titles_on(client, index, page=page_param)
    shown = [article for article in many_articles if article.title in titles]
    assert 0 < len(shown) <= per_page


def test_article_index_pages_through_all_articles_newest_first(client, content, many_articles):
    index = content.tree.article_index
    first = article_titles_on(client, index)
    second = article_titles_on(client, index, page="2")
    shown_first = [a for a in many_articles if a.title in first]
    shown_second = [a for a in many_articles if a.title in second]
    assert len(shown_first) == index.specific.articles_per_page
    assert {a.pk for a in shown_first} | {a.pk for a in shown_second} == {
        a.pk for a in many_articles
    }
    assert not {a.pk for a in shown_first} & {a.pk for a in shown_second}
    assert min(a.date for a in shown_first) >= max(a.date for a in shown_second)


# ---------------------------------------------------------------------------------------------
# Drafts and unknown addresses


def test_draft_pages_give_404(client, content):
    tree = content.tree
    drafts = [
        make_track(tree, title="Concept", live=False),
        f.ModulePageFactory(parent=tree.module_index, live=False),
        f.ThemePageFactory(parent=tree.theme_index, live=False),
        f.CaseStudyPageFactory(parent=tree.case_index, live=False),
        f.ArticlePageFactory(parent=tree.article_index, live=False),
    ]
    for draft in drafts:
        response = client.get(draft.url)
        assert response.status_code == 404, draft


def test_unpublished_page_gives_404(client, content):
    case = CaseStudyPage.objects.get(pk=content.cases[2].pk)
    url = case.url
    assert client.get(url).status_code == 200
    case.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/bestaat-niet/", "/leertrajecten/bestaat-niet/", "/en/nope/"])
def test_unknown_url_gives_the_custom_404(client, content, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert len(soup_of(response).find_all("h1")) == 1


def test_server_error_page_is_plain_and_bilingual(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "Something went wrong" in html
