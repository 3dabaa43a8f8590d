"""Form data for a page's admin edit form.

Wagtail's `querydict_from_html` reads the inputs the server renders, but StreamFields are drawn
by JavaScript, so their data is missing from the HTML. `edit_form_data` adds it, built from the
page's current StreamField values, so the edit and preview assertions post a complete form.
"""

from django.urls import reverse
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text


def block_form_data(block, value):
    """Nested form data for `value` of `block`, in the shape the block's JS widget posts."""
    if isinstance(block, blocks.StreamBlock):
        data = {
            str(index): {
                "type": child.block_type,
                "value": block_form_data(child.block, child.value),
                "deleted": "",
                "order": str(index),
                "id": child.id or "",
            }
            for index, child in enumerate(value or [])
        }
        data["count"] = str(len(value or []))
        return data
    if isinstance(block, blocks.ListBlock):
        children = value.bound_blocks if value else []
        data = {
            str(index): {
                "value": block_form_data(block.child_block, child.value),
                "deleted": "",
                "order": str(index),
                "id": child.id or "",
            }
            for index, child in enumerate(children)
        }
        data["count"] = str(len(children))
        return data
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child_block, value.get(name) if value else None)
            for name, child_block in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source if value else "", features=block.features)
    if isinstance(block, blocks.ChooserBlock):
        return value.pk if value else ""
    if isinstance(block, EmbedBlock):
        return value.url if value else ""
    return "" if value is None else str(value)


def stream_values(instance):
    """{field name: nested form data} for each StreamField of `instance`."""
    return {
        field.name: block_form_data(field.stream_block, getattr(instance, field.name))
        for field in instance._meta.get_fields()
        if isinstance(field, StreamField)
    }


def streamfield_form_data(page):
    data = stream_values(page)
    # StreamFields in InlinePanel rows (e.g. a programme step's own goals), in the rows' order.
    for relation in get_all_child_relations(page):
        rows = getattr(page, relation.get_accessor_name()).all()
        for index, row in enumerate(rows):
            for name, value in stream_values(row).items():
                data[f"{relation.get_accessor_name()}-{index}-{name}"] = value
    return nested_form_data(data)


def edit_form_data(client, page):
    """The admin edit form of `page` as a logged-in editor would post it unchanged."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The edit view shows the latest revision (a draft may differ from the live rows).
    # A fresh copy: an in-memory page may not know about a newer draft.
    shown = page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object()
    for key, value in streamfield_form_data(shown).items():
        data[key] = value
    return data
