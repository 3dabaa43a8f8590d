"""Output checks for templates: `{% load safety_tags %}<a href="{{ url|safe_url }}">`."""

from django import template

from core.sanitising import safe_url as checked_url

register = template.Library()


@register.filter
def safe_url(url):
    """`url` when a visitor may follow it (http, https, mailto, tel, relative), else ""."""
    return checked_url(url)
