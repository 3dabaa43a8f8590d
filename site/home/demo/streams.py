"""StreamField values in the raw JSON format of the shared block library (`core.blocks`).

Each helper returns one `{"type": ..., "value": ...}` item; a StreamField value is a list of
them. Rich text is an HTML string. Page and image choosers take a `PageRef` or `ImageRef`, which
the builder replaces with the primary key.

Items of a ListBlock (goals, facts) are written in Wagtail's block format, each with its own id:
wagtail-localize only extracts list items stored that way, so items in the older plain format
would stay Dutch on the English site.
"""

import uuid


def list_item(value):
    """One ListBlock item in block format. The id is random: the builder compares without ids."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def quote(text, attribution="", role=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution, "role": role}}


def goal(title, description=""):
    """One item of a track's `goals` field (a stream of GoalItemBlocks)."""
    return {"type": "goal", "value": {"title": title, "description": description}}


def goals(items, heading="", intro=""):
    """A GoalsListBlock; `items` are (title, description) pairs."""
    return {
        "type": "goals",
        "value": {
            "heading": heading,
            "intro": intro,
            "items": [
                list_item({"title": title, "description": description})
                for title, description in items
            ],
        },
    }


def facts(pairs, heading=""):
    """A FactsListBlock; `pairs` are (label, value) pairs."""
    return {
        "type": "facts",
        "value": {
            "heading": heading,
            "facts": [list_item({"label": label, "value": value}) for label, value in pairs],
        },
    }


def image(ref, caption="", alt_text=""):
    return {"type": "image", "value": {"image": ref, "alt_text": alt_text, "caption": caption}}


def call_to_action(title, button_label, *, page=None, url="", text=""):
    """A CallToActionBlock pointing at a demo page (`PageRef`) or an external URL, not both."""
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": text,
            "button_label": button_label,
            "page": page,
            "url": url,
        },
    }
