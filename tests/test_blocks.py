"""The shared block library: each block renders with its own template, validates, and previews
in the admin's block picker."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail import blocks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from articles.models import ArticlePage
from core.blocks import (
    BaseStreamBlock,
    CallToActionBlock,
    EmbedBlock,
    FactsListBlock,
    GoalItemBlock,
    GoalsListBlock,
    HeadingBlock,
    ImageWithCaptionBlock,
    QuoteBlock,
    RichTextBlock,
)
from tests import factories as f


def soup(html):
    return BeautifulSoup(str(html), "html.parser")


def render(block, raw):
    """Render `raw` (the JSON form a StreamField stores) with the block's template."""
    return soup(block.render(block.to_python(raw)))


def test_every_shared_block_has_its_own_template():
    for name, block in BaseStreamBlock().child_blocks.items():
        template = block.meta.template
        assert template and template.startswith("blocks/"), name


@pytest.mark.parametrize("level", ["h2", "h3", "h4"])
def test_heading_block_uses_the_chosen_level(level):
    html = render(HeadingBlock(), {"text": "Doelen van het traject", "level": level})
    headings = html.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert [h.name for h in headings] == [level]
    assert headings[0].get_text(strip=True) == "Doelen van het traject"


def test_rich_text_block_keeps_markup():
    html = render(RichTextBlock(), "<p>Samen <b>leren</b> en werken.</p>")
    assert html.find("b").get_text() == "leren"
    assert "Samen" in html.get_text()


def test_quote_block_has_figure_blockquote_and_figcaption_with_name_and_role():
    html = render(
        QuoteBlock(),
        {"quote": "Ik vond mijn nieuwsgierigheid terug.", "attribution": "Sanne", "role": "jurist"},
    )
    figure = html.find("figure")
    assert figure is not None
    blockquote = figure.find("blockquote")
    assert "Ik vond mijn nieuwsgierigheid terug." in blockquote.get_text()
    caption = figure.find("figcaption")
    assert caption is not None
    assert "Sanne" in caption.get_text()
    assert "jurist" in caption.get_text()
    # The attribution is not part of the quote itself.
    assert "Sanne" not in blockquote.get_text()


def test_anonymous_quote_has_no_caption():
    html = render(QuoteBlock(), {"quote": "Anoniem gezegd.", "attribution": "", "role": ""})
    assert html.find("blockquote") is not None
    assert html.find("figcaption") is None


def test_goals_list_block_lists_each_goal():
    html = render(
        GoalsListBlock(),
        {
            "heading": "Doelen",
            "intro": "Na afloop:",
            "items": [
                {"title": "Samenwerken met anderen", "description": "Binnen en buiten."},
                {"title": "Regie houden", "description": ""},
            ],
        },
    )
    items = html.find_all("li")
    assert len(items) == 2
    assert "Samenwerken met anderen" in items[0].get_text()
    assert "Binnen en buiten." in items[0].get_text()
    assert "Regie houden" in items[1].get_text()
    assert html.find(["h2", "h3"]).get_text(strip=True) == "Doelen"


def test_goal_item_block_renders_title_and_description():
    html = render(GoalItemBlock(), {"title": "Netwerken", "description": "In de wijk."})
    assert "Netwerken" in html.get_text()
    assert "In de wijk." in html.get_text()


def test_facts_list_block_is_a_description_list():
    html = render(
        FactsListBlock(),
        {
            "heading": "In het kort",
            "facts": [
                {"label": "Bijeenkomsten", "value": "17"},
                {"label": "Periode", "value": "2017 - 2018"},
            ],
        },
    )
    terms = [dt.get_text(strip=True) for dt in html.find_all("dt")]
    values = [dd.get_text(strip=True) for dd in html.find_all("dd")]
    assert terms == ["Bijeenkomsten", "Periode"]
    assert values == ["17", "2017 - 2018"]


@pytest.mark.django_db
def test_image_with_caption_block_renders_image_alt_and_caption():
    image = f.ImageFactory()
    html = render(
        ImageWithCaptionBlock(),
        {"image": image.pk, "alt_text": "Deelnemers in gesprek", "caption": "Dag 1"},
    )
    img = html.find("img")
    assert img is not None
    assert img["alt"] == "Deelnemers in gesprek"
    assert html.find("figcaption").get_text(strip=True) == "Dag 1"


@pytest.mark.django_db
def test_image_without_alt_text_is_decorative():
    image = f.ImageFactory(title="bestandsnaam-123")
    html = render(ImageWithCaptionBlock(), {"image": image.pk, "alt_text": "", "caption": ""})
    assert html.find("img")["alt"] == ""


def test_call_to_action_block_with_url():
    html = render(
        CallToActionBlock(),
        {
            "title": "Benieuwd?",
            "text": "Neem contact op.",
            "button_label": "Contact",
            "page": None,
            "url": "https://example.org/contact/",
        },
    )
    link = html.find("a")
    assert link["href"] == "https://example.org/contact/"
    assert link.get_text(strip=True) == "Contact"
    assert "Benieuwd?" in html.get_text()


def call_to_action_on(page):
    return render(CallToActionBlock(), f.call_to_action("Alle trajecten", page=page)["value"])


@pytest.mark.django_db
def test_call_to_action_block_with_page(tree):
    assert call_to_action_on(tree.track_index).find("a")["href"] == tree.track_index.url


@pytest.mark.django_db
def test_call_to_action_to_a_page_visitors_may_not_see_shows_nothing(tree):
    tree.track_index.unpublish()
    assert call_to_action_on(tree.track_index).get_text(strip=True) == ""


@pytest.mark.django_db
def test_embed_block_renders_the_stored_embed_html():
    url = "https://www.youtube.com/watch?v=leertraject"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe title="Video over leren" src="https://www.youtube.com/embed/x"></iframe>',
    )
    html = render(EmbedBlock(), url)
    assert html.find("iframe")["title"] == "Video over leren"


# ---------------------------------------------------------------------------------------------
# Validation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "url", "valid"),
    [
        (True, "", True),
        (False, "https://example.org/", True),
        (True, "https://example.org/", False),
        (False, "", False),
    ],
)
def test_call_to_action_needs_exactly_one_of_page_and_url(tree, page, url, valid):
    block = CallToActionBlock()
    value = block.to_python(
        {
            "title": "Titel",
            "text": "",
            "button_label": "Knop",
            "page": tree.track_index.pk if page else None,
            "url": url,
        }
    )
    if valid:
        cleaned = block.clean(value)
        assert bool(cleaned["page"]) != bool(cleaned["url"])
    else:
        with pytest.raises(blocks.StructBlockValidationError) as error:
            block.clean(value)
        assert "page" in error.value.block_errors


def test_goals_list_needs_at_least_one_goal():
    block = GoalsListBlock()
    value = block.to_python({"heading": "Doelen", "intro": "", "items": []})
    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(value)
    assert "items" in error.value.block_errors


# ---------------------------------------------------------------------------------------------
# Previews in the admin block picker


BODY_BLOCKS = ArticlePage._meta.get_field("body").stream_block.child_blocks


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(BaseStreamBlock.base_blocks))
def test_block_preview_renders_for_an_editor(admin_client, name):
    block = BODY_BLOCKS[name]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    shown = " ".join(soup(response.content.decode()).get_text(" ").split())
    preview_value = getattr(block.meta, "preview_value", None)
    if isinstance(preview_value, dict):
        expected = next(v for v in preview_value.values() if isinstance(v, str) and v)
    elif isinstance(preview_value, str):
        expected = " ".join(soup(preview_value).get_text(" ").split()[:3])
    else:
        return  # no preview value (image, embed): the picker shows the empty block
    assert expected in shown


@pytest.mark.django_db
def test_block_preview_needs_a_logged_in_editor(client):
    block = BODY_BLOCKS["quote"]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_image_block_preview_shows_the_newest_library_image(admin_client):
    image = f.ImageFactory(title="Trainingsdag in het stadhuis")
    block = BODY_BLOCKS["image"]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    html = soup(response.content.decode())
    assert html.find("img") is not None
    assert "Deelnemers tijdens een trainingsdag" in html.get_text()
    assert block.get_preview_value()["image"] == image


@pytest.mark.django_db
def test_embed_block_preview_shows_a_frame_without_fetching_from_the_provider(admin_client):
    block = BODY_BLOCKS["embed"]
    assert block.is_previewable
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    html = soup(response.content.decode())
    assert html.select_one(".embed__frame--placeholder") is not None
    assert not Embed.objects.exists()


def test_a_heading_is_searched_by_its_text_not_its_level():
    block = HeadingBlock()
    value = block.to_python({"text": "Waarom dit thema", "level": "h2"})
    assert block.get_searchable_content(value) == ["Waarom dit thema"]
