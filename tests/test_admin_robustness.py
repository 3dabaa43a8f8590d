"""Nothing an editor does crashes the admin: deleting what is in use is refused with a message
naming its users, pages pointing at something deleted anyway keep working in every view, every
page type previews before its first save, and every block previews in the block picker."""

import datetime
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import querydict_from_html

from articles.models import ArticlePage
from cases.models import CaseStudyPage
from core.cards import RELATED_SECTIONS_HOOK, CardSection, build_cards
from core.links import LinkResolver
from core.models import Person
from core.references import find_uses
from tests import factories as f
from tests.admin_forms import edit_form_data
from tests.builders import make_modules, make_themes, make_track
from themes.models import ThemePage
from trajecten.models import (
    LeertrajectPage,
    LeertrajectThemeLink,
    LeertrajectTrainer,
    ModulePage,
    ProgrammeStep,
)

REFUSED = "niet worden verwijderd"


def text_of(response):
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def delete_page_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def delete_person_url(person):
    return reverse("wagtailsnippets_core_person:delete", args=[person.pk])


def bulk_delete_url(app_label, model_name, objects):
    query = urlencode({"id": [obj.pk for obj in objects]}, doseq=True)
    return reverse("wagtail_bulk_action", args=(app_label, model_name, "delete")) + "?" + query


def publish(page, user):
    page.save_revision(user=user).publish()
    return type(page).objects.get(pk=page.pk)


def save_draft_with_step(track, user, module, label):
    """A draft of `track` with one more module step, leaving the live version as it was."""
    # A fresh copy: without unpublished changes Wagtail hands back the page object itself.
    draft = type(track).objects.get(pk=track.pk).get_latest_revision_as_object()
    steps = list(draft.programme_steps.all())
    last = max((step.sort_order or 0 for step in steps), default=0)
    steps.append(
        ProgrammeStep(
            kind=ProgrammeStep.Kind.MODULE, module=module, label=label, sort_order=last + 1
        )
    )
    draft.programme_steps = steps
    return draft.save_revision(user=user)


def assert_refused(response, *users):
    """The refusal page: a message, every user named with a link to its edit view."""
    assert response.status_code == 200, response.status_code
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert REFUSED in text_of(response)
    links = {a.get_text(strip=True): a["href"] for a in html.select(".delete-refused__uses a")}
    for user in users:
        assert links.get(user.title) == edit_url(user), links


# ---------------------------------------------------------------------------------------------
# Deleting what is in use


@pytest.fixture
def in_use(tree, superuser):
    """A live track using a module, a theme and a trainer, with a draft that adds a second
    module; an article tagged with a second theme only in its draft; unused module and person."""
    used, draft_only, unused = make_modules(tree, 3)
    theme, draft_theme = make_themes(tree, 2)
    person, unused_person = f.PersonFactory(name="Anna de Vries"), f.PersonFactory()
    draft_author = f.PersonFactory(name="Carla Bos")
    track = publish(
        make_track(
            tree, title="Urban Professional", modules=[used], themes=[theme], trainers=[person]
        ),
        superuser,
    )
    save_draft_with_step(track, superuser, draft_only, "Dag 2")
    article = publish(
        f.ArticlePageFactory(parent=tree.article_index, title="Nieuwsgierig"), superuser
    )
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.theme_links = [f.ArticleThemeLinkFactory.build(page=draft, theme=draft_theme)]
    draft.author_links = [f.ArticleAuthorFactory.build(page=draft, person=draft_author)]
    draft.save_revision(user=superuser)
    return {
        "track": track,
        "article": article,
        "used": used,
        "draft_only": draft_only,
        "unused": unused,
        "theme": theme,
        "draft_theme": draft_theme,
        "person": person,
        "unused_person": unused_person,
        "draft_author": draft_author,
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_a_module_a_track_uses_is_refused(admin_client, in_use, method):
    module = in_use["used"]
    response = getattr(admin_client, method)(delete_page_url(module))
    assert_refused(response, in_use["track"])
    assert module.title in text_of(response)
    assert ModulePage.objects.filter(pk=module.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_a_module_only_a_draft_uses_is_refused(admin_client, in_use, method):
    module = in_use["draft_only"]
    assert not ProgrammeStep.objects.filter(module=module).exists()
    response = getattr(admin_client, method)(delete_page_url(module))
    assert_refused(response, in_use["track"])
    assert "in een concept of geplande versie" in text_of(response)
    assert ModulePage.objects.filter(pk=module.pk).exists()


def test_deleting_a_module_only_a_scheduled_revision_uses_is_refused(
    admin_client, in_use, superuser
):
    module = in_use["unused"]
    track = in_use["track"]
    scheduled = save_draft_with_step(track, superuser, module, "Dag 3")
    scheduled.approved_go_live_at = timezone.now() + datetime.timedelta(days=7)
    scheduled.save()
    # A later draft without the module: only the scheduled revision still uses it.
    draft = track.get_latest_revision_as_object()
    draft.programme_steps = [s for s in draft.programme_steps.all() if s.module_id != module.pk]
    draft.save_revision(user=superuser)
    assert [use.versions for use in find_uses([module])] == [{"scheduled"}]

    response = admin_client.post(delete_page_url(module))
    assert_refused(response, track)
    assert ModulePage.objects.filter(pk=module.pk).exists()


def test_deleting_an_unused_module_works(admin_client, in_use):
    module = in_use["unused"]
    response = admin_client.get(delete_page_url(module))
    assert response.status_code == 200
    assert REFUSED not in text_of(response)
    response = admin_client.post(delete_page_url(module))
    assert response.status_code == 302
    assert not ModulePage.objects.filter(pk=module.pk).exists()


def test_deleting_the_module_index_whose_modules_are_in_use_is_refused(admin_client, in_use, tree):
    response = admin_client.post(delete_page_url(tree.module_index))
    assert_refused(response, in_use["track"])
    assert in_use["used"].title in text_of(response)
    assert ModulePage.objects.filter(pk=in_use["unused"].pk).exists()


def test_deleting_a_track_that_uses_modules_works(admin_client, in_use):
    track = in_use["track"]
    response = admin_client.post(delete_page_url(track))
    assert response.status_code == 302
    assert not LeertrajectPage.objects.filter(pk=track.pk).exists()


@pytest.mark.parametrize("theme_name, user_name", [("theme", "track"), ("draft_theme", "article")])
def test_deleting_a_theme_in_use_is_refused(admin_client, in_use, theme_name, user_name):
    theme = in_use[theme_name]
    for method in (admin_client.get, admin_client.post):
        assert_refused(method(delete_page_url(theme)), in_use[user_name])
    assert ThemePage.objects.filter(pk=theme.pk).exists()


@pytest.mark.parametrize(
    "person_name, user_name, shown",
    [("person", "track", "Anna de Vries"), ("draft_author", "article", "Carla Bos")],
)
def test_deleting_a_person_in_use_is_refused(admin_client, in_use, person_name, user_name, shown):
    person = in_use[person_name]
    for method in (admin_client.get, admin_client.post):
        response = method(delete_person_url(person))
        assert_refused(response, in_use[user_name])
        assert shown in text_of(response)
    assert Person.objects.filter(pk=person.pk).exists()


def test_deleting_an_unused_person_works(admin_client, in_use):
    person = in_use["unused_person"]
    response = admin_client.post(delete_person_url(person))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_bulk_deleting_pages_in_use_is_refused(admin_client, in_use):
    modules = [in_use["used"], in_use["unused"]]
    response = admin_client.post(bulk_delete_url("wagtailcore", "page", modules))
    assert_refused(response, in_use["track"])
    assert "kunnen niet worden verwijderd" in text_of(response)
    assert ModulePage.objects.filter(pk__in=[m.pk for m in modules]).count() == 2


def test_bulk_deleting_unused_pages_works(admin_client, in_use):
    module = in_use["unused"]
    response = admin_client.post(bulk_delete_url("wagtailcore", "page", [module]))
    assert response.status_code == 302
    assert not ModulePage.objects.filter(pk=module.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_bulk_deleting_people_in_use_is_refused(admin_client, in_use, method):
    people = [in_use["person"], in_use["unused_person"]]
    response = getattr(admin_client, method)(bulk_delete_url("core", "person", people))
    assert_refused(response, in_use["track"])
    assert Person.objects.filter(pk__in=[p.pk for p in people]).count() == 2


def test_uses_by_pages_deleted_along_do_not_count(in_use):
    track = in_use["track"]
    assert [use.owner for use in find_uses([in_use["used"]])] == [track]
    assert find_uses([in_use["used"]], ignore=[track]) == []


# ---------------------------------------------------------------------------------------------
# Deleted anyway (a shell, a script, or before the admin refused it): every view keeps working


@pytest.fixture
def orphaned(tree, superuser):
    """A published track, case and article whose module, theme, trainer and track are then
    deleted straight from the database, past the admin."""
    kept, gone = make_modules(tree, 2)
    kept.title, gone.title = "Kennismaken met de stad", "Samen op pad"
    kept.save()
    gone.save()
    theme = make_themes(tree, 1)[0]
    person = f.PersonFactory(name="Bram Jansen")
    track = publish(
        make_track(
            tree,
            title="Urban Professional",
            modules=[kept, gone],
            themes=[theme],
            trainers=[person],
        ),
        superuser,
    )
    other_track = publish(make_track(tree, title="Business partner", modules=[kept]), superuser)
    case = publish(
        f.CaseStudyPageFactory(parent=tree.case_index, title="Wendbaar", track=other_track),
        superuser,
    )
    f.CaseStudyThemeLinkFactory(page=case, theme=theme)
    f.CaseStudyTrainerFactory(page=case, person=person)
    case = publish(case, superuser)
    article = f.ArticlePageFactory(parent=tree.article_index, title="Nieuwsgierig")
    f.ArticleAuthorFactory(page=article, person=person)
    f.ArticleRelatedTrackFactory(page=article, track=other_track)
    article = publish(article, superuser)

    ModulePage.objects.get(pk=gone.pk).delete()
    ThemePage.objects.get(pk=theme.pk).delete()
    Person.objects.get(pk=person.pk).delete()
    LeertrajectPage.objects.get(pk=other_track.pk).delete()
    return {"track": track, "kept": kept, "gone": gone, "case": case, "article": article}


def row_label(row_model, number):
    return f"{capfirst(row_model._meta.verbose_name)} {number}"


def step_label(number):
    """How the edit view names a programme step, e.g. "Programma-onderdeel 2"."""
    return row_label(ProgrammeStep, number)


def orphan_step_index(data):
    """The form index of the module step whose module is gone."""
    count = int(data["programme_steps-TOTAL_FORMS"])
    [index] = [
        i
        for i in range(count)
        if data[f"programme_steps-{i}-kind"] == ProgrammeStep.Kind.MODULE
        and not data[f"programme_steps-{i}-module"]
    ]
    return index


def test_the_step_of_a_deleted_module_stays_without_its_module(orphaned):
    track = orphaned["track"]
    steps = list(track.programme_steps.all())
    assert [step.module_id for step in steps] == [orphaned["kept"].pk, None]
    draft = track.revisions.get().as_object()
    assert [step.module_id for step in draft.programme_steps.all()] == [orphaned["kept"].pk, None]
    assert not draft.theme_links.all()
    assert not draft.trainer_links.all()
    expected = [
        f"{step_label(2)}: module verwijderd.",
        f"{row_label(LeertrajectThemeLink, 1)}: thema verwijderd; de regel is weggelaten.",
        f"{row_label(LeertrajectTrainer, 1)}: persoon verwijderd; de regel is weggelaten.",
    ]
    assert [str(reference) for reference in draft.get_missing_references()] == expected
    # Loaded from the database, which holds the same version: the same answer.
    assert [str(reference) for reference in track.get_missing_references()] == expected


def test_edit_view_names_what_was_deleted(admin_client, orphaned):
    response = admin_client.get(edit_url(orphaned["track"]))
    assert response.status_code == 200
    shown = text_of(response)
    assert f"{step_label(2)}: module verwijderd." in shown
    assert "thema verwijderd" in shown
    assert "persoon verwijderd" in shown


@pytest.mark.parametrize(
    "name, missing",
    [("case", "Gebruikt leertraject verwijderd."), ("article", "leertraject verwijderd")],
)
def test_edit_view_of_other_pages_names_what_was_deleted(admin_client, orphaned, name, missing):
    response = admin_client.get(edit_url(orphaned[name]))
    assert response.status_code == 200
    assert missing in text_of(response)


@pytest.mark.parametrize("name", ["track", "case", "article"])
def test_revision_views_keep_working(admin_client, orphaned, name, superuser):
    page = orphaned[name]
    first = page.revisions.order_by("pk").first()
    latest = page.get_latest_revision().as_object().save_revision(user=superuser)
    for url in [
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, first.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, latest.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert page.title in text_of(response), url


def test_revision_preview_leaves_out_the_step_of_the_deleted_module(admin_client, orphaned):
    track = orphaned["track"]
    revision = track.get_latest_revision()
    response = admin_client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[track.pk, revision.pk])
    )
    assert response.status_code == 200
    shown = text_of(response)
    assert "Kennismaken met de stad" in shown
    assert "Samen op pad" not in shown


def test_publishing_the_unchanged_form_asks_to_fix_the_step(admin_client, orphaned):
    track = orphaned["track"]
    data = edit_form_data(admin_client, track)
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url(track), data)
    assert response.status_code == 200
    errors = response.context["form"].formsets["programme_steps"].errors
    assert "module" in errors[orphan_step_index(data)]


def test_preview_of_the_unchanged_form_says_it_is_not_available(admin_client, orphaned):
    """The step without its module does not validate, so Wagtail's preview says why instead of
    showing the page (the edit view names the step, see above)."""
    track = orphaned["track"]
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[track.pk])
    response = admin_client.post(preview_url, edit_form_data(admin_client, track))
    assert response.status_code == 200
    assert response.json() == {"is_valid": False, "is_available": False}
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.select_one(".preview-error") is not None


def test_preview_and_publish_after_removing_the_step(admin_client, orphaned):
    track = orphaned["track"]
    data = edit_form_data(admin_client, track)
    data[f"programme_steps-{orphan_step_index(data)}-DELETE"] = "1"

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[track.pk])
    response = admin_client.post(preview_url, data)
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    assert "Kennismaken met de stad" in text_of(response)

    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url(track), data)
    assert response.status_code == 302, response.context["form"].errors
    track.refresh_from_db()
    assert [step.module_id for step in track.programme_steps.all()] == [orphaned["kept"].pk]
    assert track.get_missing_references() == []


def test_a_draft_whose_module_was_deleted_can_be_edited_previewed_and_published(
    admin_client, in_use
):
    """The crash of the issue: a module only a track's draft used, deleted past the admin."""
    track = in_use["track"]
    ModulePage.objects.get(pk=in_use["draft_only"].pk).delete()

    response = admin_client.get(edit_url(track))
    assert response.status_code == 200
    assert f"{step_label(2)}: module verwijderd." in text_of(response)
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[track.pk]))
    assert response.status_code == 200
    assert in_use["used"].title in text_of(response)

    data = edit_form_data(admin_client, track)
    data[f"programme_steps-{orphan_step_index(data)}-DELETE"] = "1"
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url(track), data)
    assert response.status_code == 302, response.context["form"].errors
    track.refresh_from_db()
    assert not track.has_unpublished_changes
    assert [step.module_id for step in track.programme_steps.all()] == [in_use["used"].pk]


def test_publishing_a_scheduled_revision_that_points_at_a_deleted_module_works(orphaned):
    track = orphaned["track"]
    track.get_latest_revision().publish()
    track.refresh_from_db()
    assert track.live
    assert [step.module_id for step in track.programme_steps.all()] == [orphaned["kept"].pk, None]


@pytest.mark.parametrize("name", ["track", "case", "article"])
def test_visitor_pages_leave_out_what_was_deleted(client, orphaned, name):
    page = orphaned[name]
    response = client.get(page.url)
    assert response.status_code == 200
    shown = text_of(response)
    assert page.title in shown
    assert "Samen op pad" not in shown
    assert "Bram Jansen" not in shown
    assert "Business partner" not in shown


def test_visitor_programme_leaves_out_the_step_of_the_deleted_module(client, orphaned):
    response = client.get(orphaned["track"].url)
    assert response.status_code == 200
    assert "Kennismaken met de stad" in text_of(response)
    track = orphaned["track"]
    programme = ProgrammeStep.programme_of(track, LinkResolver())
    assert [step.module_id for step in programme] == [orphaned["kept"].pk]


# ---------------------------------------------------------------------------------------------
# Preview before the first save, for every page type


PAGE_MODELS = [model for model in get_page_models() if model is not Page]


def add_form_data(client, model, parent):
    """The add form as an editor finds it, with only a title filled in."""
    url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by JavaScript: post them empty.
    for db_field in model._meta.get_fields():
        if isinstance(db_field, StreamField):
            data[f"{db_field.name}-count"] = "0"
    data["title"] = "Nog niet bewaard"
    return data


def parent_for(model, tree):
    """A page of `model`'s first allowed parent type where a new one may be created."""
    parent_model = model.allowed_parent_page_models()[0]
    if parent_model is Page:
        return Page.get_first_root_node()
    parent = parent_model.objects.first()
    if not model.can_create_at(parent):  # an index page: one per home page
        parent = f.HomePageFactory(parent=Page.get_first_root_node(), slug="tweede-site")
    return parent


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_preview_before_the_first_save(admin_client, tree, model):
    parent = parent_for(model, tree)
    data = add_form_data(admin_client, model, parent)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    response = admin_client.get(url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.title.get_text().startswith("Nog niet bewaard |")
    assert html.main is not None
    assert not model.objects.filter(title="Nog niet bewaard").exists()


def test_preview_of_a_new_track_with_its_programme_themes_and_trainers(admin_client, tree):
    module = make_modules(tree, 1, title="Samen op pad")[0]
    theme = make_themes(tree, 1, title="Flexibele organisatie")[0]
    person = f.PersonFactory(name="Anna de Vries")
    data = add_form_data(admin_client, LeertrajectPage, tree.track_index)
    data.update(
        {
            "intro": "Een nieuw traject.",
            "programme_steps-TOTAL_FORMS": "1",
            "programme_steps-0-kind": "module",
            "programme_steps-0-module": str(module.pk),
            "programme_steps-0-label": "Dag 1",
            "programme_steps-0-ORDER": "1",
            "programme_steps-0-goals-count": "0",
            "theme_links-TOTAL_FORMS": "1",
            "theme_links-0-theme": str(theme.pk),
            "theme_links-0-ORDER": "1",
            "trainer_links-TOTAL_FORMS": "1",
            "trainer_links-0-person": str(person.pk),
            "trainer_links-0-ORDER": "1",
        }
    )
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["trajecten", "leertrajectpage", tree.track_index.pk],
    )
    response = admin_client.post(url, data)
    assert response.json() == {"is_valid": True, "is_available": True}
    response = admin_client.get(url)
    assert response.status_code == 200
    shown = text_of(response)
    for expected in ["Nog niet bewaard", "Samen op pad", "Flexibele organisatie", "Anna de Vries"]:
        assert expected in shown


def test_related_sections_of_a_page_not_yet_saved_are_empty(admin_client, tree):
    """A section hook that filters on the page itself works for saved pages and is not asked
    about a page previewed before its first save (Django refuses unsaved objects in filters)."""
    asked = []

    def cases_of(page, resolver):
        asked.append(page)
        cases = CaseStudyPage.objects.filter(track=page)
        return CardSection(title="Cases", cards=build_cards(cases, resolver), section_id="x")

    module = make_modules(tree, 1)[0]
    track = make_track(tree, modules=[module])
    data = add_form_data(admin_client, LeertrajectPage, tree.track_index)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["trajecten", "leertrajectpage", tree.track_index.pk],
    )
    with hooks.register_temporarily(RELATED_SECTIONS_HOOK, cases_of):
        assert admin_client.post(url, data).json()["is_available"]
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "Nog niet bewaard" in text_of(response)
        assert asked == []
        response = admin_client.get(track.url)
        assert response.status_code == 200
        assert [page.pk for page in asked] == [track.pk]


# ---------------------------------------------------------------------------------------------
# Previews of every block in the block picker


def picker_blocks():
    """Every block an editor can pick in any StreamField of any page type, once each."""
    blocks = {}
    for model in PAGE_MODELS:
        for db_field in model._meta.get_fields():
            if isinstance(db_field, StreamField):
                for name, block in db_field.stream_block.child_blocks.items():
                    blocks.setdefault(block.definition_prefix, (f"{model.__name__}.{name}", block))
    return list(blocks.values())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, block", picker_blocks(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_every_block_previews_with_an_empty_image_library(admin_client, name, block):
    assert block.is_previewable
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
    assert main.get_text(strip=True), name
