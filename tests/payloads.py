"""Hostile input for the safe-output tests (tests/test_safe_output.py, tests/browser/).

The fields that take it are discovered, not listed: every rich-text, URL, choice and text field
of every model of our apps, and inside every StreamField every block at any depth. A field or
block added later is covered without changing the tests.

`PayloadWriter` writes the payloads into an instance through one write path; `find_executable`
reads a rendered page the way a browser would and names any markup that could run.
"""

import json
import re
import uuid
from html import unescape

from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection, models
from django.db.models.fields.related import ForeignKey
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

OUR_APPS = ["core", "themes", "trajecten", "cases", "articles", "home"]

# Every payload calls `alert` or sets `window.xss`: a browser shows whether one ran.
RICH_TEXT_PAYLOADS = [
    "<script>alert(1)</script>",
    "<p>tekst<img src=x onerror=alert(1)></p>",
    '<img src=x onerror="window.xss=1">',
    "<p><img src=x onerror=alert(1)//></p>",
    '<a href="javascript:alert(1)">javascript</a>',
    "<a href=javascript:alert(1)>zonder aanhalingstekens</a>",
    '<a href="&#106;avascript:alert(1)">entiteit</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">hex-entiteit</a>',
    '<a href="JaVaScRiPt:alert(1)">hoofdletters</a>',
    '<a href="java\tscript:alert(1)">tab</a>',
    '<a href="  javascript:alert(1)">spaties</a>',
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data</a>',
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    '<a linktype="page" id="1 onmouseover=alert(1)">paginalink</a>',
    '<a linktype="javascript" id="1">linktype</a>',
    '<a href="https://example.org/" onclick="alert(1)">onclick</a>',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>svg-link</text></a></svg>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<style>@import "javascript:alert(1)";</style><p style="background:url(javascript:alert(1))">stijl</p>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">knop</button></form>',
    "<details open ontoggle=alert(1)>details</details>",
    "<body onload=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<p onmouseover='alert(1)'>enkele aanhalingstekens</p>",
]
RICH_TEXT_PAYLOAD = "".join(RICH_TEXT_PAYLOADS)
NESTED_PAYLOAD = "<b>" * 200_000  # about 1 MB of nested tags

URL_PAYLOADS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "java\tscript:alert(1)",
    "  javascript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    '" onmouseover="alert(1)',
]
CHOICE_PAYLOADS = [
    "script",
    '"><script>alert(1)</script>',
    "h2 onmouseover=alert(1)",
    "svg onload=alert(1)",
    "iframe",
]
TEXT_PAYLOAD = '"><img src=x onerror=alert(1)><script>alert(1)</script>'

# Fields that address an object rather than hold its content.
NOT_CONTENT = {"slug", "url_path", "translation_key"}


def our_models():
    return [model for label in OUR_APPS for model in apps.get_app_config(label).get_models()]


def field_kind(field):
    """ "rich", "url", "stream", "choice" or "text" for a field that takes payloads, else None."""
    if field.name in NOT_CONTENT or field.primary_key or not field.editable:
        return None
    if field.model._meta.app_label not in OUR_APPS or isinstance(field, ForeignKey):
        return None  # Wagtail's own fields (title, seo_title, ...) are Wagtail's business
    if isinstance(field, RichTextField):
        return "rich"
    if isinstance(field, models.URLField):
        return "url"
    if isinstance(field, StreamField):
        return "stream"
    if isinstance(field, (models.CharField, models.TextField)):
        return "choice" if field.choices else "text"
    return None


def payload_fields(model):
    return [field for field in model._meta.concrete_fields if field_kind(field)]


class Payloads:
    """The payloads of one round: URL and choice payloads rotate over the fields, so that
    over `len(URL_PAYLOADS)` rounds every URL field and block gets every URL payload."""

    def __init__(self, round_number=0, *, nested=False):
        self.position = round_number
        self.nested_pending = nested  # the 1 MB goes into the first rich text only: it is slow

    @property
    def rich_text(self):
        if self.nested_pending:
            self.nested_pending = False
            return RICH_TEXT_PAYLOAD + NESTED_PAYLOAD
        return RICH_TEXT_PAYLOAD

    def _next(self, choices):
        self.position += 1
        return choices[self.position % len(choices)]

    def url(self):
        return self._next(URL_PAYLOADS)

    def choice(self):
        return self._next(CHOICE_PAYLOADS)

    def text(self, max_length=None):
        return TEXT_PAYLOAD[:max_length]

    def for_field(self, field):
        """The value for `field`: a string, or raw StreamField data."""
        kind = field_kind(field)
        if kind == "rich":
            return self.rich_text
        if kind == "stream":
            return self.stream(field.stream_block)
        # What fits the column: PostgreSQL refuses a longer value outright (SQLite does not).
        if kind == "url":
            return self.url()[: field.max_length]
        if kind == "choice":
            return self.choice()[: field.max_length]
        return self.text(field.max_length)

    def stream(self, stream_block):
        """Raw data with one child of each kind of `stream_block`, each full of payloads."""
        return [
            {"type": name, "value": self.block(child), "id": str(uuid.uuid4())}
            for name, child in stream_block.child_blocks.items()
        ]

    def block(self, block):
        """Raw data for `block`, with payloads in every rich-text, URL, choice and text block."""
        if isinstance(block, blocks.StreamBlock):
            return self.stream(block)
        if isinstance(block, blocks.ListBlock):
            return [{"type": "item", "value": self.block(block.child_block), "id": "1"}]
        if isinstance(block, blocks.StructBlock):
            return {name: self.block(child) for name, child in block.child_blocks.items()}
        if isinstance(block, blocks.RichTextBlock):
            return self.rich_text
        if isinstance(block, (blocks.URLBlock, EmbedBlock)):
            return self.url()
        if isinstance(block, blocks.ChoiceBlock):
            return self.choice()
        if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
            return self.text()
        if isinstance(block, ImageChooserBlock):
            image = get_image_model().objects.first()
            return image.pk if image else None
        if isinstance(block, blocks.ChooserBlock):
            return None
        return block.get_prep_value(block.get_default())

    def values(self, instance):
        return {field.name: self.for_field(field) for field in payload_fields(type(instance))}


def write_with_sql(instance, values):
    """Store `values` as they are, around the model and its fields (like an import would)."""
    model = type(instance)
    for name, value in values.items():
        field = model._meta.get_field(name)
        table = field.model._meta.db_table
        pk_column = field.model._meta.pk.column
        stored = json.dumps(value) if isinstance(field, StreamField) else value
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {connection.ops.quote_name(table)} "
                f"SET {connection.ops.quote_name(field.column)} = %s "
                f"WHERE {connection.ops.quote_name(pk_column)} = %s",
                [stored, instance.pk],
            )


def write_all_with_sql(payloads):
    """Raw payloads in every payload field of every object of every model of ours."""
    for model in our_models():
        if not payload_fields(model):
            continue
        for instance in model._default_manager.all():
            write_with_sql(instance, payloads.values(instance))


# ---------------------------------------------------------------------------------------------
# Reading a page as a browser would

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
_UNSAFE_SCHEME = re.compile(r"^(javascript|data|vbscript):")
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f-\xa0\s]+")


def _is_unsafe_url(value):
    text = unescape(unescape(str(value)))
    return bool(_UNSAFE_SCHEME.match(_IGNORED_BY_BROWSERS.sub("", text).lower()))


def _is_site_script(tag):
    """The site's own script: a static file, no inline code."""
    return (tag.get("src") or "").startswith("/static/") and not tag.get_text(strip=True)


def _is_data_block(tag):
    """Structured data (JSON-LD): never run by a browser, as long as it is one intact JSON
    text (a payload that closed the element early would leave broken JSON and a script)."""
    if (tag.get("type") or "").lower() != "application/ld+json" or tag.get("src"):
        return False
    try:
        json.loads(tag.get_text())
    except ValueError:
        return False
    return True


def find_executable(html):
    """Descriptions of everything in `html` that could run script; empty when safe."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        name = tag.name.lower()
        if name == "script" and not (_is_site_script(tag) or _is_data_block(tag)):
            found.append(f"<script>: {str(tag)[:120]}")
        if name in {"iframe", "object", "embed", "base"}:
            found.append(f"<{name}>: {str(tag)[:120]}")
        for attribute, value in tag.attrs.items():
            attribute = attribute.lower()
            if attribute.startswith("on"):
                found.append(f"{attribute} on <{name}>: {str(tag)[:120]}")
            elif attribute in URL_ATTRIBUTES and _is_unsafe_url(value):
                found.append(f"{attribute}={value!r} on <{name}>")
    return found
