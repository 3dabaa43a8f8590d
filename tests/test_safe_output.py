"""Nothing unsafe reaches a visitor, whatever wrote it.

Every payload of `tests.payloads` is written through every write path (model save, raw SQL,
revision publish, the admin's edit forms, a wagtail-localize translation, the demo's PO files)
into every rich-text, URL, choice and text field and block of every page type, snippet and
setting; then every live page is rendered in both languages and read for executable markup.
Plus the unit tests of the URL check and the rich-text sanitiser (core.sanitising).
"""

import json
import shutil
from io import StringIO

import polib
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.test import TestCase
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.models import DraftStateMixin, Page, RevisionMixin

from core.blocks import (
    BaseStreamBlock,
    EmbedBlock,
    HeadingBlock,
    RichTextBlock,
    SafeChoiceBlock,
    SafeURLBlock,
)
from core.fields import SafeRichTextField
from core.models import FooterText, Person, SiteSettings
from core.sanitising import MAX_NESTING, is_safe_url, sanitise_rich_text
from home.demo.memory import TRANSLATIONS_DIR, TranslationMemory
from tests.admin_forms import edit_form_data
from tests.payloads import (
    NESTED_PAYLOAD,
    RICH_TEXT_PAYLOAD,
    RICH_TEXT_PAYLOADS,
    URL_PAYLOADS,
    Payloads,
    field_kind,
    find_executable,
    our_models,
    payload_fields,
    write_all_with_sql,
)
from tests.support import clear_cache
from tests.translating import publish_translation

# ---------------------------------------------------------------------------------------------
# The URL check and the sanitiser


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/pad?a=1&b=2",
        "http://example.org",
        "mailto:info@example.org",
        "tel:+31301234567",
        "/leertrajecten/",
        "../relatief",
        "#anker",
        "?pagina=2",
        "//example.org/",
    ],
)
def test_safe_urls_are_kept(url):
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        # Not the attribute break-out: a relative URL, escaped by the templates.
        *(url for url in URL_PAYLOADS if not url.startswith('"')),
        "&amp;#106;avascript:alert(1)",
        "java&#x09;script:alert(1)",
        "ftp://example.org/",
        "file:///etc/passwd",
        "javascript:",
    ],
)
def test_unsafe_urls_are_refused(url):
    assert not is_safe_url(url)


WAGTAIL_WRITTEN = (
    '<h2 data-block-key="bd1y4">Kop</h2><p data-block-key="pc4s0">Een <b>vet</b> en '
    '<i>schuin</i> woord<br>nieuwe regel <a href="https://example.org/?a=1&amp;b=2">extern</a> '
    '<a linktype="page" id="3">pagina</a> <a linktype="document" id="4">document</a> '
    '<a href="mailto:info@example.org">mail</a> &lt;script&gt; "citaat" &amp;</p>'
    '<ul><li data-block-key="y9abx">een</li></ul><ol><li data-block-key="z3lwi">twee</li></ol>'
    '<h3 data-block-key="dyb05">drie</h3><h4 data-block-key="1n9ks">vier</h4>'
)


def test_rich_text_written_by_wagtail_is_kept():
    assert sanitise_rich_text(WAGTAIL_WRITTEN) == WAGTAIL_WRITTEN
    assert sanitise_rich_text("<p>regel<br/>regel</p>") == "<p>regel<br>regel</p>"


@pytest.mark.parametrize("payload", RICH_TEXT_PAYLOADS)
def test_rich_text_payloads_are_disarmed(payload):
    clean = sanitise_rich_text(payload)
    assert find_executable(clean) == []
    assert sanitise_rich_text(clean) == clean  # sanitising twice changes nothing


def test_internal_links_without_a_valid_id_become_plain():
    assert sanitise_rich_text('<a linktype="page" id="x1">a</a>') == "<a>a</a>"
    assert sanitise_rich_text('<a linktype="document">a</a>') == "<a>a</a>"
    assert sanitise_rich_text('<a id="3">a</a>') == '<a id="3">a</a>'


def test_deeply_nested_rich_text_is_flattened_to_text():
    clean = sanitise_rich_text("<p>begin" + NESTED_PAYLOAD + "einde</p>")
    assert "<b>" not in clean
    assert clean.startswith("<p>begin") and "einde" in clean
    assert sanitise_rich_text("<b>" * MAX_NESTING + "x") == "<b>" * MAX_NESTING + "x" + (
        "</b>" * MAX_NESTING
    )


def test_rich_text_field_cleans_on_save_and_on_load(db):
    person = Person.objects.create(name="Anna", bio=RICH_TEXT_PAYLOAD)
    assert find_executable(person.bio) == []  # the saved instance itself is clean
    Person.objects.filter(pk=person.pk).update(bio="<p onclick=alert(1)>bio</p>")
    assert Person.objects.get(pk=person.pk).bio == "<p>bio</p>"


def test_rich_text_block_cleans_on_save_and_on_load():
    block = RichTextBlock()
    assert block.to_python("<p onclick=alert(1)>x</p>").source == "<p>x</p>"
    assert block.get_prep_value(block.to_python("<script>alert(1)</script><p>x</p>")) == "<p>x</p>"


def test_url_block_refuses_unsafe_urls_and_loads_them_empty():
    block = SafeURLBlock(required=False)
    with pytest.raises(ValidationError):
        block.clean("javascript:alert(1)")
    assert block.clean("https://example.org/") == "https://example.org/"
    assert block.to_python("JaVaScRiPt:alert(1)") == ""
    assert block.get_prep_value("data:text/html,x") == ""


def test_embed_block_refuses_unsafe_urls_and_loads_them_as_nothing():
    block = EmbedBlock(required=False)
    with pytest.raises(ValidationError):
        block.clean(block.value_from_form("javascript:alert(1)"))
    assert block.to_python("javascript:alert(1)") is None
    html = block.render(block.to_python("vbscript:msgbox(1)"))
    assert "href" not in html and "vbscript" not in html


def test_heading_level_is_one_of_its_choices_on_load_and_at_render(db):
    block = HeadingBlock()
    loaded = block.to_python({"text": "Kop", "level": "script"})
    assert loaded["level"] == "h2"
    built_in_code = block.normalize({"text": "Kop", "level": "script"})
    assert block.render(built_in_code).strip().startswith("<h2 ")


def test_site_settings_refuse_unsafe_social_links(db, tree):
    settings = SiteSettings.for_site(tree.site)
    settings.linkedin_url = "javascript:alert(1)"
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert "linkedin_url" in refused.value.message_dict
    settings.save()  # saved around the form: stored as empty
    assert SiteSettings.objects.get(pk=settings.pk).linkedin_url == ""


def test_safe_url_filter():
    template = Template('{% load safety_tags %}<a href="{{ url|safe_url }}">')
    assert template.render(Context({"url": "JaVaScRiPt:alert(1)"})) == '<a href="">'
    assert template.render(Context({"url": "/pad/"})) == '<a href="/pad/">'


def _blocks_within(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from _blocks_within(child)
    if isinstance(block, blocks.ListBlock):
        yield from _blocks_within(block.child_block)


def test_every_block_of_ours_that_reaches_a_template_is_checked():
    """A plain URLBlock, ChoiceBlock or RichTextBlock added later fails here."""
    checked = {
        blocks.URLBlock: (SafeURLBlock, EmbedBlock),  # Wagtail's EmbedBlock is a URLBlock
        blocks.ChoiceBlock: SafeChoiceBlock,
        blocks.RichTextBlock: RichTextBlock,
    }
    for model in our_models():
        for field in payload_fields(model):
            if field_kind(field) != "stream":
                continue
            for block in _blocks_within(field.stream_block):
                for plain, safe in checked.items():
                    if isinstance(block, plain):
                        assert isinstance(block, safe), (
                            f"{model.__name__}.{field.name}: {block.name}"
                        )


def test_every_rich_text_field_of_ours_is_sanitised():
    """A RichTextField added later without the sanitising field fails here."""
    for model in our_models():
        for field in payload_fields(model):
            if field_kind(field) == "rich":
                assert isinstance(field, SafeRichTextField), f"{model.__name__}.{field.name}"


# ---------------------------------------------------------------------------------------------
# Every payload through every write path, every page rendered


def _ensure_one_of_each(site):
    """Objects of the models the content fixture has none of: the settings and footers."""
    SiteSettings.for_site(site)
    for locale in {page.locale for page in Page.objects.filter(depth=2)} | {site.root_page.locale}:
        FooterText.objects.get_or_create(locale=locale, defaults={"body": "<p>Voet</p>"})


def _objects_to_write():
    """Every object of every model of ours with payload fields. A model without objects has
    fields nobody would test: add one to `tests.builders.build_content`."""
    objects = []
    for model in our_models():
        if payload_fields(model):
            found = list(model._default_manager.all())
            assert found, f"No {model.__name__} in the test content to write payloads into"
            objects.extend(found)
    return objects


def _is_child_row(model):
    return any(isinstance(field, ParentalKey) for field in model._meta.concrete_fields)


def _save_refusing(instance, values, save):
    """Set `values` and save; fields the model's validation refuses (with a message) keep
    their stored value. The names of the refused fields."""
    for name, value in values.items():
        setattr(instance, name, value)
    try:
        save()
        return set()
    except ValidationError as error:
        refused = set(error.message_dict)
        assert refused <= set(values), error.message_dict
    stored = type(instance)._default_manager.get(pk=instance.pk)
    for name in refused:
        setattr(instance, name, getattr(stored, name))
    save()
    return refused


def write_with_orm(payloads, user):
    for instance in _objects_to_write():
        _save_refusing(instance, payloads.values(instance), instance.save)


def write_with_revisions(payloads, user):
    for instance in _objects_to_write():
        model = type(instance)
        if _is_child_row(model):
            continue  # written with its page's revision
        if not isinstance(instance, RevisionMixin):
            _save_refusing(instance, payloads.values(instance), instance.save)
            continue
        if isinstance(instance, Page):
            for relation in get_all_child_relations(model):
                rows = list(getattr(instance, relation.get_accessor_name()).all())
                for row in rows:
                    for name, value in payloads.values(row).items():
                        setattr(row, name, value)
                setattr(instance, relation.get_accessor_name(), rows)

        def publish(instance=instance):
            revision = instance.save_revision(user=user, clean=isinstance(instance, Page))
            if isinstance(instance, DraftStateMixin):
                revision.publish(user=user)

        _save_refusing(instance, payloads.values(instance), publish)


def write_with_sql(payloads, user):
    write_all_with_sql(payloads)


WRITE_PATHS = {"orm": write_with_orm, "revision": write_with_revisions, "sql": write_with_sql}


def _render_every_live_page(client):
    """{url: response} for every live page, anonymous, in both languages."""
    clear_cache()
    client.logout()
    responses = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.get_url()
        if url:
            responses[url] = client.get(url)
    return responses


def assert_nothing_executable(client):
    responses = _render_every_live_page(client)
    assert any(url.startswith("/en/") for url in responses), "the English pages were not rendered"
    failures = {url: response.status_code for url, response in responses.items()}
    assert all(status < 500 for status in failures.values()), failures
    found = {
        url: executable
        for url, response in responses.items()
        if response.status_code == 200
        and (executable := find_executable(response.content.decode()))
    }
    assert found == {}
    return responses


# Over the rounds each URL and choice field meets each payload (they rotate over the fields).
ROUNDS = [(path, round_number) for path in WRITE_PATHS for round_number in range(len(URL_PAYLOADS))]


@pytest.mark.parametrize(("path", "round_number"), ROUNDS)
def test_payloads_through_every_write_path_never_run(
    path, round_number, bilingual, db, client, superuser
):
    _ensure_one_of_each(bilingual.nl.tree.site)
    # The 1 MB of nested tags in one round per path, in one field, keeps the run short.
    payloads = Payloads(round_number, nested=round_number == 0)
    WRITE_PATHS[path](payloads, superuser)
    assert_nothing_executable(client)


# -- The admin's edit forms


def contentstate_payload(payloads):
    """Draftail's JSON as a hostile client could post it: markup as text, a `javascript:`
    link, a page link with a forged id and a block type that does not exist."""
    text = RICH_TEXT_PAYLOAD
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [{"offset": 0, "length": 8, "style": "BOLD"}],
                    "entityRanges": [
                        {"offset": 0, "length": 8, "key": 0},
                        {"offset": 10, "length": 5, "key": 1},
                    ],
                    "data": {},
                },
                {
                    "key": "d3e4f",
                    "type": "<script>",
                    "depth": 0,
                    "text": "onbekend",
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                },
            ],
            "entityMap": {
                "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": payloads.url()}},
                "1": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"id": "1 onmouseover=alert(1)", "url": "/"},
                },
            },
        }
    )


def _admin_block_data(block, payloads, prefix, data):
    """Form data for `block` full of payloads, in the shape its JS widget posts."""
    if isinstance(block, blocks.StreamBlock):
        children = list(block.child_blocks.items())
        data[f"{prefix}-count"] = str(len(children))
        for index, (name, child) in enumerate(children):
            data[f"{prefix}-{index}-type"] = name
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = ""
            _admin_block_data(child, payloads, f"{prefix}-{index}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = "1"
        data[f"{prefix}-0-deleted"] = ""
        data[f"{prefix}-0-order"] = "0"
        data[f"{prefix}-0-id"] = ""
        _admin_block_data(block.child_block, payloads, f"{prefix}-0-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _admin_block_data(child, payloads, f"{prefix}-{name}", data)
    elif isinstance(block, blocks.RichTextBlock):
        data[prefix] = contentstate_payload(payloads)
    else:
        raw = payloads.block(block)
        data[prefix] = "" if raw is None else str(raw)


def _row_refuses_any_text(row, field):
    """True when `row` takes no text at all in `field` (a programme step's own introduction
    belongs to a step with a module), so no payload can be saved there through the form."""
    if field_kind(field) not in ("text", "rich"):
        return False
    stored = getattr(row, field.attname)
    setattr(row, field.attname, "tekst")
    try:
        row.clean()
    except ValidationError as error:
        return field.name in getattr(error, "error_dict", {})
    finally:
        setattr(row, field.attname, stored)
    return False


def _admin_form_payloads(page, payloads, *, stream_fields):
    """The page's fields (and its rows' fields) as payloads, in admin form data."""
    data = {}
    fields = [(field, field.name) for field in payload_fields(type(page))]
    for relation in get_all_child_relations(type(page)):
        name = relation.get_accessor_name()
        for index, row in enumerate(getattr(page, name).all()):
            fields += [
                (field, f"{name}-{index}-{field.name}")
                for field in payload_fields(relation.related_model)
                if not _row_refuses_any_text(row, field)
            ]
    for field, key in fields:
        kind = field_kind(field)
        if kind == "stream" and stream_fields:
            _admin_block_data(field.stream_block, payloads, key, data)
        elif kind == "rich":
            data[key] = contentstate_payload(payloads)
        elif kind == "text":
            data[key] = payloads.text(field.max_length)
        elif kind in ("url", "choice") and stream_fields:
            data[key] = payloads.for_field(field)
    return data


def _post_admin_form(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500, response.status_code
    return response


def _has_url_or_choice(model):
    models = [model, *(relation.related_model for relation in get_all_child_relations(model))]
    return any(
        field_kind(field) in ("url", "choice", "stream")
        for model in models
        for field in payload_fields(model)
    )


def form_errors(response):
    """The errors of the form shown again in `response`, its rows' included."""
    form = response.context["form"]
    rows = {name: (rows.errors, rows.non_form_errors()) for name, rows in form.formsets.items()}
    return form.errors, rows


def _refused_for_the_page_as_a_whole(response):
    """Publishing refused by a rule about the whole page, no field or row at fault."""
    if response.status_code != 200:
        return False
    errors, rows = form_errors(response)
    row_errors = [error for row_list, _ in rows.values() for error in row_list if error]
    page_errors = [error for _, non_form in rows.values() for error in non_form]
    return not errors and not row_errors and bool(page_errors)


def _refused_with_message(response):
    return response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("round_number", [0])
def test_payloads_through_the_admin_never_run(round_number, bilingual, db, admin_client):
    _ensure_one_of_each(bilingual.nl.tree.site)
    payloads = Payloads(round_number)
    # The Dutch pages: wagtail-localize edits their English translations in its own editor.
    dutch = Page.objects.filter(depth__gt=1, locale__language_code="nl")
    for page in dutch.specific():
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        # Every URL, choice and block payload: refused with a message on the form.
        data = edit_form_data(admin_client, page)
        data.update(_admin_form_payloads(page, payloads, stream_fields=True))
        data["action-publish"] = "action-publish"
        response = _post_admin_form(admin_client, url, data)
        if _has_url_or_choice(type(page)):
            assert _refused_with_message(response), f"{page} accepted hostile URLs or choices"
        # Rich text and plain text payloads alone: saved and published, sanitised.
        data = edit_form_data(admin_client, page)
        data.update(_admin_form_payloads(page, payloads, stream_fields=False))
        data["action-publish"] = "action-publish"
        response = _post_admin_form(admin_client, url, data)
        if _refused_for_the_page_as_a_whole(response):
            # E.g. a track without a module in its programme cannot be published: its draft
            # takes the payloads all the same.
            del data["action-publish"]
            response = _post_admin_form(admin_client, url, data)
        assert response.status_code == 302, form_errors(response)
        # The edit view reads what was stored back into the editor.
        assert admin_client.get(url).status_code == 200

    settings = SiteSettings.for_site(bilingual.nl.tree.site)
    settings_url = reverse("wagtailsettings:edit", args=["core", "sitesettings", settings.site_id])
    response = _post_admin_form(
        admin_client,
        settings_url,
        {"linkedin_url": payloads.url(), "instagram_url": "JaVaScRiPt:alert(1)"},
    )
    assert _refused_with_message(response)
    for person in Person.objects.all():
        url = reverse("wagtailsnippets_core_person:edit", args=[person.pk])
        response = _post_admin_form(
            admin_client,
            url,
            {"name": person.name, "role": payloads.text(), "bio": contentstate_payload(payloads)},
        )
        assert admin_client.get(url).status_code == 200
    assert_nothing_executable(admin_client)


# -- wagtail-localize and the demo's PO files


# wagtail-localize keeps the source text for a segment whose translation is not valid markup
# for it (a tag other than its own, say): the payloads here are those it takes.
SEGMENT_PAYLOADS = {
    # Plain text segments are stored HTML-escaped: this is the text "<img …>".
    "text": " &lt;img src=x onerror=alert(1)&gt;",
    "rich text": ' <b onmouseover="alert(1)">vet</b> <i onclick=alert(1)>schuin</i>',
}


def _with_payload(text):
    kind = "rich text" if "<" in text else "text"
    return text + SEGMENT_PAYLOADS[kind]


def test_payloads_through_a_translation_never_run(bilingual, db, client, superuser):
    """A translator's text full of markup: stored, shown as text or sanitised."""
    nl = bilingual.nl
    tree = nl.tree
    objects = [
        *nl.trainers,
        *nl.methods,
        tree.home,
        tree.track_index,
        *nl.themes,
        *nl.modules,
        nl.urban,
        *nl.cases,
        nl.article,
    ]
    for obj in objects:
        publish_translation(superuser, obj, bilingual.en_locale, text=_with_payload)
    responses = assert_nothing_executable(client)
    # The translations arrived: the plain text payload is shown as text.
    shown = [url for url, response in responses.items() if b"&lt;img src=x" in response.content]
    assert any(url.startswith("/en/") for url in shown)


# Short enough for the demo's longer plain-text fields too (rich text takes any length).
PO_PAYLOADS = {
    "disallowed tags": "<img src=x onerror=alert(1)><script>alert(1)</script>",
    "allowed tags": '<b onmouseover="alert(1)">vet</b> &lt;script&gt;alert(1)&lt;/script&gt;',
}


@pytest.mark.parametrize("payload", PO_PAYLOADS.values(), ids=PO_PAYLOADS)
def test_payloads_in_the_demo_po_files_never_run(payload, db, tmp_path, monkeypatch, client):
    """`manage.py load_demo` translates from PO files: a msgstr full of markup is refused with
    a message naming the file, or stored and never runs."""
    directory = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, directory)
    written = 0
    for path in (directory / "en").glob("*.po"):
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            # Rich text and long texts; a payload would make a short title too long.
            if entry.msgstr and ("<" in entry.msgid or len(entry.msgid) > 100):
                entry.msgstr += payload
                written += 1
        catalogue.save()
    assert written
    load = TranslationMemory.load.__func__
    monkeypatch.setattr(
        TranslationMemory,
        "load",
        classmethod(lambda cls, code, directory=directory: load(cls, code, directory)),
    )
    pages_before = Page.objects.count()
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=StringIO())
    except CommandError as refused:
        assert ".po" in str(refused)  # names the file to correct
        assert Page.objects.count() == pages_before  # and changes nothing
    else:
        assert_nothing_executable(client)


def test_stream_payloads_cover_every_block_of_the_library(db):
    """The payload writer reaches every block of the shared library."""
    raw = Payloads().stream(BaseStreamBlock())
    assert {child["type"] for child in raw} == set(BaseStreamBlock().child_blocks)
