"""`{% keep_rendered "content" %}...{% endkeep_rendered %}`: a part of a page rendered once per
generation of the page cache and kept for every later request of the same URL, whoever asks
(`core.page_cache.kept_rendering` says when it is rendered afresh).

Only for what depends on the page, its URL and the language alone: never wrap what varies by
visitor (the user bar, a form with its CSRF token), and set no variable inside that is used
after it. What a kept part shows is best worked out lazily in `get_context`, so that a kept part
costs no query at all."""

from django import template

from core import page_cache

register = template.Library()


class KeepRenderedNode(template.Node):
    def __init__(self, part, nodelist):
        self.part = part
        self.nodelist = nodelist

    def render(self, context):
        return page_cache.kept_rendering(
            context.get("request"),
            context.get("page"),
            # The template rendered, not this one: base.html holds the tag for them all.
            context.template.name,
            self.part.resolve(context),
            lambda: self.nodelist.render(context),
        )


@register.tag
def keep_rendered(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f'Usage: {{% {bits[0]} "part" %}}')
    nodelist = parser.parse(("endkeep_rendered",))
    parser.delete_first_token()
    return KeepRenderedNode(parser.compile_filter(bits[1]), nodelist)
