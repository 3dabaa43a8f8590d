"""What a visitor's browser may receive from stored content: the rules, in one place.

Whatever wrote a value (the admin, an import, a management command, wagtail-localize, a
direct model save or raw SQL), the fields and blocks of `core.fields` and `core.blocks` pass
it through these functions when it is saved and again when it is loaded, and the templates
check URLs once more when they render them (`safety_tags`).

- Rich text keeps only what Wagtail's editor stores for our features (see RICH_TEXT_FEATURES
  in core.blocks), sanitised by `nh3` (the Ammonia sanitiser), never by regexes of our own.
- A URL a visitor can click is http, https, mailto, tel or relative; anything else is dropped.
"""

import html
import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Wagtail's stored rich-text format for our features, as its contentstate converter writes
# it: blocks carry a `data-block-key`, links are `<a href>` or `<a linktype="page|document"
# id="…">` (expanded at render time by the link handlers, see core.rich_text).
_BLOCK_KEY = {"data-block-key"}
RICH_TEXT_TAGS = frozenset({"p", "br", "b", "i", "h2", "h3", "h4", "ol", "ul", "li", "a"})
RICH_TEXT_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    **dict.fromkeys(("p", "h2", "h3", "h4", "li"), _BLOCK_KEY),
}
LINK_TYPES = frozenset({"page", "document"})
# Elements whose content is dropped with them, not kept as text: it is code, not prose.
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "svg", "math", "iframe", "noscript", "template", "textarea", "title"}
)
# Deeper nesting is no editor's work, and would cost every later reader (the admin's editor,
# wagtail-localize, the browser) a deep recursion: such markup is kept as plain paragraphs.
MAX_NESTING = 40

_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Browsers skip control characters and whitespace inside a URL: "java\tscript:" is javascript:.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f-\xa0\s\ufffd`]+")
_TAG = re.compile(r"<(/?)([a-z0-9]+)[^>]*?(/?)>")


def is_safe_url(url):
    """True for an http, https, mailto, tel or relative URL, as a browser would read it."""
    text = str(url or "")
    # Undo character references until none are left: "&#106;avascript:" is javascript:.
    while (unescaped := html.unescape(text)) != text:
        text = unescaped
    text = _IGNORED_BY_BROWSERS.sub("", text).lower()
    if match := _SCHEME.match(text):
        return match.group(1) in SAFE_URL_SCHEMES
    # No readable scheme: relative, unless a colon comes before the path, which some browser
    # might still read as one.
    return ":" not in re.split(r"[/?#]", text, maxsplit=1)[0]


def safe_url(url):
    """`url` when it is safe (see `is_safe_url`), else the empty string."""
    return url if url and is_safe_url(url) else ""


def validate_safe_url(url):
    if url and not is_safe_url(url):
        raise ValidationError(
            _("Alleen links die beginnen met http://, https://, mailto: of tel: zijn toegestaan."),
            code="unsafe_url",
        )


def _keep_attribute(tag, attribute, value):
    if tag == "a" and attribute == "linktype":
        return value if value in LINK_TYPES else None
    if tag == "a" and attribute == "id":
        # Link handlers look the id up as a primary key.
        return value if value.isdigit() else None
    if attribute == "href":
        return value if is_safe_url(value) else None
    return value


def _internal_link_or_plain(match):
    # The link handlers look `id` up as a primary key: an internal link without a valid one
    # would break the page, so it becomes a link to nowhere.
    attributes = extract_attrs(match.group(1))
    if "linktype" in attributes and not attributes.get("id", "").isdigit():
        return "<a>"
    return match.group(0)


def _nesting_depth(markup):
    depth = deepest = 0
    for closing, tag, self_closing in _TAG.findall(markup):
        if tag == "br" or self_closing:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


def sanitise_rich_text(markup):
    """`markup` reduced to Wagtail's stored rich-text elements and attributes, with safe URLs.

    Markup Wagtail itself wrote comes back the same, up to serialisation (`<br/>` becomes
    `<br>`); anything else is dropped, keeping its text unless it is code (`<script>`, …).
    """
    if not markup:
        return markup
    clean = nh3.clean(
        str(markup),
        tags=set(RICH_TEXT_TAGS),
        attributes=RICH_TEXT_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=set(SAFE_URL_SCHEMES),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        strip_comments=True,
        link_rel=None,  # no added rel attributes: the stored format stays Wagtail's
    )
    if _nesting_depth(clean) > MAX_NESTING:
        return nh3.clean(clean, tags={"p", "br"}, attributes={})
    return FIND_A_TAG.sub(_internal_link_or_plain, clean)
