"""The order of the hits: pages whose title holds the query's words first, then the backend's.

The search backend ranks by the whole of a page's text. On SQLite (modelsearch's FTS5 backend)
a word in the title weighs no more than one in the body: only a short title adds to the score,
whatever it says. So a module that mentions "Urban Professional" twice in its text came before
the track of that name. A visitor who types a page's name wants that page first, on every
database: pages whose title holds every word of the query come first, then the others, each
in the backend's order. Only a title with all the words counts: one word of
a longer query in a title ("training" in "Training and development ...") says little.
"""

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


def words(text):
    """The words of `text`, in lower case and without accents ("Financiën" -> "financien")."""
    plain = unicodedata.normalize("NFKD", text.lower())
    if not plain.isascii():  # most titles are: no accents to take off (a thousand per search)
        plain = "".join(char for char in plain if not unicodedata.combining(char))
    return _WORD.findall(plain)


def holds_all(query_words, title):
    """Whether `title` holds every word of `query_words` (as `words` returns them)."""
    if not query_words:
        return False
    if title.isascii():
        # Most titles lack a word of the query altogether: no need to split them into words
        # (a thousand titles per search).
        lower = title.lower()
        if not all(word in lower for word in query_words):
            return False
    return set(query_words) <= set(words(title))


def titles_first(ranked, titles, query):
    """`ranked` (page ids, best first) with the pages whose title holds every word of `query`
    first; `titles` maps each id to its title. The order is otherwise kept."""
    query_words = words(query)
    named = {pk for pk in ranked if holds_all(query_words, titles[pk])}
    return [pk for pk in ranked if pk in named] + [pk for pk in ranked if pk not in named]
