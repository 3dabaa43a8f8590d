"""Every label and help text of ours is Dutch in the Dutch admin: set explicitly, marked for
translation (so the English admin shows the English catalogue's text), never Django's label
made from an English attribute name."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import override
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.users.models import UserProfile

from tests.builders import PAGE_NAMES

OUR_APPS = {"core", "themes", "trajecten", "cases", "articles", "home", "contact", "search"}


def our_models():
    return [model for model in apps.get_models() if model._meta.app_label in OUR_APPS]


def is_ours(cls):
    return cls.__module__.split(".")[0] in OUR_APPS


def our_fields(model):
    """The fields `model` declares in our code, not those it inherits from Wagtail or Django
    (`locale`, `sort_order`, `live`, ...), whose labels are theirs and come translated."""
    theirs = {
        field.name
        for cls in model.__mro__
        if hasattr(cls, "_meta") and not is_ours(cls)
        for field in cls._meta.get_fields()
    }
    return [
        field
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and field.name not in theirs
    ]


def automatic_label(name):
    return name.replace("_", " ")


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_every_model_of_ours_names_itself_in_dutch(model):
    meta = model._meta
    assert "verbose_name" in meta.original_attrs, meta.label
    assert "verbose_name_plural" in meta.original_attrs, meta.label
    assert isinstance(meta.verbose_name, Promise)
    assert isinstance(meta.verbose_name_plural, Promise)


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_every_field_of_ours_has_a_translatable_dutch_label(model):
    fields = our_fields(model)
    for field in fields:
        assert isinstance(field.verbose_name, Promise), (model, field.name)
        with override("nl"):
            assert str(field.verbose_name) != automatic_label(field.name), (model, field.name)
        if field.help_text:
            assert isinstance(field.help_text, Promise), (model, field.name)
        for _value, label in field.flatchoices:
            assert isinstance(label, Promise), (model, field.name, label)


def english_labels():
    """Labels Django would make from our attribute names, e.g. "Listing summary"; words that
    are the same in Dutch ("Label", "Sector") are no English leftovers."""
    fields = [field for model in our_models() for field in our_fields(model)]
    with override("nl"):
        dutch = {capfirst(str(field.verbose_name)) for field in fields}
    return {capfirst(automatic_label(field.name)) for field in fields} - dutch


def visible_labels(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    html = BeautifulSoup(response.content.decode(), "html.parser")
    texts = [tag.get_text(" ", strip=True) for tag in html.select("label, legend, h2, th")]
    return {text.rstrip("*").strip() for text in texts if text}


def admin_urls(content):
    yield from (
        reverse("wagtailadmin_pages:edit", args=[content.page(name).pk]) for name in PAGE_NAMES
    )
    person, method = content.trainers[0], content.methods[0]
    yield reverse("wagtailsnippets_core_person:edit", args=[person.pk])
    yield reverse("wagtailsnippets_core_method:edit", args=[method.pk])
    yield reverse("wagtailsnippets_core_person:list")
    yield reverse("wagtailsnippets_core_footertext:add")
    yield reverse("wagtailsettings:edit", args=["core", "sitesettings"])


@pytest.mark.django_db
def test_the_dutch_admin_shows_no_label_made_from_an_english_name(admin_client, content):
    forbidden = english_labels()
    for url in admin_urls(content):
        assert visible_labels(admin_client, url) & forbidden == set(), url


def labelled_blocks(block, path):
    """(path, block) for every block below `block`, as the editor meets them."""
    if isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    else:
        children = getattr(block, "child_blocks", {})
    for name, child in children.items():
        if not isinstance(block, blocks.ListBlock):
            yield f"{path}.{name}", child
        yield from labelled_blocks(child, f"{path}.{name}")


def stream_fields():
    return [
        field
        for model in our_models()
        for field in our_fields(model)
        if isinstance(field, StreamField)
    ]


@pytest.mark.parametrize("field", stream_fields(), ids=lambda field: str(field))
def test_every_block_of_ours_has_a_translatable_dutch_label(field):
    for path, block in labelled_blocks(field.stream_block, field.name):
        assert isinstance(block.label, Promise), path
        with override("nl"):
            # "Label" is Dutch too.
            assert block.name == "label" or str(block.label) != capfirst(
                automatic_label(block.name)
            ), path


@pytest.mark.django_db
def test_the_english_admin_shows_our_labels_in_english(admin_client, superuser, content):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    track_form = reverse("wagtailadmin_pages:edit", args=[content.urban.pk])
    labels = visible_labels(admin_client, track_form)
    assert {"Who it is for", "Programme"} <= labels
    assert "Voor wie" not in labels


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("snippet", "columns"), [("person", ["Naam", "Rol", "Taal"]), ("method", ["Naam", "Taal"])]
)
def test_snippet_listings_name_their_columns_in_dutch(admin_client, content, snippet, columns):
    response = admin_client.get(reverse(f"wagtailsnippets_core_{snippet}:list"))
    html = BeautifulSoup(response.content.decode(), "html.parser")
    headers = [th.get_text(" ", strip=True) for th in html.select("table.listing thead th")]
    assert [header for header in headers if header] == columns
