"""Helpers for paginated listings."""

from django import template

register = template.Library()


@register.simple_tag
def elided_page_range(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current page, with the paginator's ellipsis in the gaps.

    Usage: `{% elided_page_range page_obj as page_numbers %}`; compare an item with
    `page_obj.paginator.ELLIPSIS` to render the gap.
    """
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )
