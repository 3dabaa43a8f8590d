"""What the search tests share: the results page in each language, read as a visitor sees it."""

from bs4 import BeautifulSoup

LANGUAGES = ["nl", "en"]
SEARCH_URLS = {"nl": "/zoeken/", "en": "/en/search/"}


def version(bilingual, page, language):
    """`page` (a Dutch page of the bilingual site) in `language`."""
    return page.specific if language == "nl" else bilingual.en(page)


def search_response(client, language="nl", **params):
    response = client.get(SEARCH_URLS[language], params)
    assert response.status_code == 200, params
    return response


def search(client, language="nl", **params):
    return BeautifulSoup(search_response(client, language, **params).content, "html.parser")


def result_links(soup):
    return [a["href"] for a in soup.select(".search-result .card__title a")]
