"""Excerpts for one page of search results, with the words that matched in <mark>.

On PostgreSQL one query has `ts_headline` pick and mark every result's excerpt from its indexed
text, with the search's own configuration (the active language: search/backends/postgres.py).
Elsewhere (SQLite) the excerpt is taken from the card summary and the query words are marked.

The result is safe HTML: the excerpt is escaped and only our <mark> survives. The database marks
matches with two control characters that are removed from the text first, so that after
escaping they are the only markers left to turn into <mark> and </mark>.
"""

import re

from django.contrib.postgres.search import SearchHeadline
from django.db import connection
from django.db.models import CharField, F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.search.models import IndexEntry

from search.backends.postgres import text_search_config, tsquery

EXCERPT_WORDS = 35
START, STOP = "\x02", "\x03"  # STX and ETX: no text has them once they are removed
_WORD = re.compile(r"[^\W_]+")


def excerpt_annotations(words):
    """PostgreSQL: {attribute: expression} to annotate a page queryset with, so that the query
    loading the results brings each page's indexed text and headline along, rather than a query
    of its own; {} elsewhere."""
    if connection.vendor != "postgresql":
        return {}
    config = text_search_config()
    query = tsquery(words, config, operator="or")
    if query is None:
        return {}
    entry = IndexEntry.objects.filter(
        content_type_id=OuterRef("content_type_id"),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return {
        "excerpt_body": Subquery(entry.values("body_text")[:1], output_field=TextField()),
        "excerpt_line": Subquery(
            entry.annotate(line=_headline(query, config)).values("line")[:1],
            output_field=TextField(),
        ),
    }


def highlighted_excerpts(pages, words):
    """{page id: excerpt as safe HTML ("" when the page has no text)} for `pages` (specific
    pages) found by the query `words`: from their `excerpt_annotations` when they carry them."""
    if connection.vendor == "postgresql":
        if pages and all(hasattr(page, "excerpt_line") for page in pages):
            return {
                page.pk: _excerpt_from_headline(page.excerpt_body or "", page.excerpt_line or "")
                for page in pages
            }
        return _headlines(pages, words)
    return {page.pk: _marked(excerpt(page.card_summary or "", words), words) for page in pages}


def excerpt(text, words):
    """About EXCERPT_WORDS words of `text`, from a little before the first query word found."""
    tokens = text.split()
    lowered = [token.lower() for token in tokens]
    wanted = {word.lower() for word in words}
    start = next((i for i, token in enumerate(lowered) if any(word in token for word in wanted)), 0)
    start = max(0, start - 5)
    shown = " ".join(tokens[start:])
    prefix = "… " if start else ""
    return prefix + Truncator(shown).words(EXCERPT_WORDS, truncate=" …")


def _headlines(pages, words):
    config = text_search_config()
    # Any query word marked, in any of its forms (the search itself wants all of them).
    query = tsquery(words, config, operator="or")
    if not pages or query is None:
        return {page.pk: "" for page in pages}
    entries = IndexEntry.objects.filter(
        content_type_id__in={page.content_type_id for page in pages},
        object_id__in=[str(page.pk) for page in pages],
    ).values_list("content_type_id", "object_id", "body_text", _headline(query, config))
    headlines = {(type_id, object_id): (body, line) for type_id, object_id, body, line in entries}
    result = {}
    for page in pages:
        body, line = headlines.get((page.content_type_id, str(page.pk)), ("", ""))
        result[page.pk] = _excerpt_from_headline(body, line)
    return result


def _headline(query, config):
    """`ts_headline` over an index entry's text, matches between our markers."""
    text = Func(
        F("body_text"),
        Value(START + STOP),
        Value(""),
        function="translate",
        output_field=TextField(),
    )
    return SearchHeadline(
        text,
        query,
        config=config,
        start_sel=START,
        stop_sel=STOP,
        max_words=EXCERPT_WORDS,
        min_words=EXCERPT_WORDS // 2,
        max_fragments=1,  # the best passage, with words before the match as well as after
        short_word=0,  # a short text whole, even when it starts with a short word
    )


def _excerpt_from_headline(body, line):
    return _from_markers(_with_ellipses(line, body)) if body.strip() else ""


def _with_ellipses(line, body):
    """`line` (an excerpt of `body`) with "…" where it leaves out words at the start or end of
    `body` (word for word: the excerpt may leave out punctuation)."""
    shown = _WORD.findall(line.replace(START, " ").replace(STOP, " "))
    whole = _WORD.findall(body)
    prefix = "" if whole[: len(shown)] == shown else "… "
    suffix = "" if whole[len(whole) - len(shown) :] == shown else " …"
    return prefix + line.strip() + suffix


def _from_markers(line):
    """`line`, escaped, with the matches the database marked in <mark>."""
    return mark_safe(  # noqa: S308 (escaped; the markers are ours)
        escape(line).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def _marked(text, words):
    """`text`, escaped, with each word in <mark> that is a query word or an inflected form of
    one: either begins with the other, the shorter having at least four letters."""
    text = text.replace(START, "").replace(STOP, "")  # as on PostgreSQL
    wanted = [word.lower() for word in words]

    def matches(token):
        token = token.lower()
        return any(
            token == word
            or (
                min(len(token), len(word)) >= 4
                and (token.startswith(word) or word.startswith(token))
            )
            for word in wanted
        )

    parts = []
    position = 0
    for match in _WORD.finditer(text):
        if matches(match.group()):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (escaped; the <mark> are ours)
