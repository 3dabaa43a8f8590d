"""What a visitor typed, made safe to search: the one place that cleans a search query.

Only words are kept (letters and digits in any script, so Dutch, English, Arabic or Hebrew
alike): operators (`& | ! : * ( )`), quotes, emoji, control characters and NUL never reach the
search backend, whose query syntax (SQLite FTS5, PostgreSQL tsquery) would refuse or misread
them. Long queries are cut short (wagtail#4701: hundreds of words make a slow query).
"""

import re
from dataclasses import dataclass

from wagtail.search.utils import normalise_query_string

MAX_WORDS = 32
MAX_CHARS = 200

# A word: letters, digits and joining marks; `_` is a word character to `\w` but no letter.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchQuery:
    text: str  # the cleaned query, "" when nothing searchable was typed
    was_truncated: bool  # the visitor typed more than MAX_WORDS words or MAX_CHARS characters

    @property
    def words(self):
        return self.text.split()

    @property
    def normalised(self):
        """The form in which queries are counted and promoted: lower case, as Wagtail's search
        promotions store them."""
        return normalise_query_string(self.text)


def clean_query(raw):
    """The searchable words of `raw` (any string, or None), at most MAX_WORDS of them and
    MAX_CHARS characters in all."""
    words = _WORD.findall(raw or "")
    kept = words[:MAX_WORDS]
    text = " ".join(kept)
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0] if " " in text[:MAX_CHARS] else text[:MAX_CHARS]
    return SearchQuery(text=text, was_truncated=len(kept) < len(words) or text != " ".join(kept))
