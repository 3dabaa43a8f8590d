"""A track's programme: validation through the admin (publish needs a module, drafts may be
empty, empty interludes and contradicting numbers and dates are refused), steps that run
alongside the whole programme, a module adapted to one track, and the admin's row headings."""

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests import factories as f
from tests.admin_forms import edit_form_data
from tests.builders import make_modules, make_track
from tests.translating import publish_translation
from trajecten.models import LeertrajectPage, ProgrammeStep, TrackStart

NO_MODULE = "Voeg minstens één module toe aan het programma"


def step(kind="module", **fields):
    return {"kind": kind, "goals": streamfield([]), **fields}


def track_form(slug, steps=(), **fields):
    """The create form of a track as an editor fills it in, with `steps` as its programme."""
    data = nested_form_data(
        {
            "title": "Nieuw traject",
            "intro": "Een traject uit een brochure.",
            "goals": streamfield([]),
            "body": streamfield([]),
            "quotes": streamfield([]),
            "programme_steps": inline_formset(list(steps)),
            "form": "open",
            "meeting_unit": "dagen",
            "start_dates": inline_formset(fields.pop("start_dates", [])),
            "trainer_links": inline_formset([]),
            "method_links": inline_formset([]),
            "theme_links": inline_formset([]),
            "call_to_action": streamfield([]),
            **fields,
        }
    )
    data["slug"] = slug
    return data


def create(client, tree, data, *, publish):
    if publish:
        data["action-publish"] = "action-publish"
    url = reverse(
        "wagtailadmin_pages:add", args=["trajecten", "leertrajectpage", tree.track_index.pk]
    )
    return client.post(url, data)


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def row_errors(response, relation, index, name):
    return response.context["form"].formsets[relation].errors[index].get(name, [])


def programme_errors(response):
    return [
        str(error)
        for error in response.context["form"].formsets["programme_steps"].non_form_errors()
    ]


# ---------------------------------------------------------------------------------------------
# Publish needs a module; a draft may be empty


@pytest.mark.django_db
def test_publishing_a_new_track_without_a_module_step_is_refused(admin_client, tree):
    data = track_form("leeg", [step("opdracht", note="Een opdracht in je werk.")])
    response = create(admin_client, tree, data, publish=True)
    assert response.status_code == 200
    assert any(NO_MODULE in error for error in programme_errors(response))
    assert NO_MODULE in response.content.decode()
    assert not LeertrajectPage.objects.filter(slug="leeg").exists()


@pytest.mark.django_db
def test_a_new_track_with_an_empty_programme_can_be_saved_as_a_draft(admin_client, tree):
    response = create(admin_client, tree, track_form("concept"), publish=False)
    assert response.status_code == 302
    draft = LeertrajectPage.objects.get(slug="concept")
    assert not draft.live
    assert not draft.programme_steps.exists()


@pytest.mark.django_db
def test_emptying_the_programme_of_a_live_track_and_publishing_is_refused(admin_client, tree):
    track = make_track(tree, modules=make_modules(tree, 2), interludes={1: "opdracht"})
    data = edit_form_data(admin_client, track)
    for index in range(track.programme_steps.count()):
        data[f"programme_steps-{index}-DELETE"] = "1"
    data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:edit", args=[track.pk])

    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert any(NO_MODULE in error for error in programme_errors(response))
    track.refresh_from_db()
    assert track.live and track.programme_steps.count() == 3

    del data["action-publish"]
    assert admin_client.post(url, data).status_code == 302  # saved as a draft
    track.refresh_from_db()
    assert track.has_unpublished_changes
    assert LeertrajectPage.objects.get(pk=track.pk).programme_steps.count() == 3  # live rows
    assert not track.get_latest_revision_as_object().programme_steps.all()


@pytest.mark.django_db
def test_a_track_whose_only_module_step_is_deleted_cannot_be_published(admin_client, tree):
    [module] = make_modules(tree, 1)
    track = make_track(tree, modules=[module])
    data = edit_form_data(admin_client, track)
    data["programme_steps-0-DELETE"] = "1"
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[track.pk]), data)
    assert response.status_code == 200
    assert any(NO_MODULE in error for error in programme_errors(response))


# ---------------------------------------------------------------------------------------------
# Steps that say nothing, numbers and dates that contradict each other


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["opdracht", "toepassen", "interview", "pitch"])
def test_an_interlude_with_nothing_filled_in_is_refused_on_its_note(admin_client, tree, kind):
    [module] = make_modules(tree, 1)
    steps = [step(module=module.pk, label="Dag 1"), step(kind, label="Na dag 1")]
    response = create(admin_client, tree, track_form("leeg-tussendoor", steps), publish=False)
    assert response.status_code == 200
    assert "Vul een titel of toelichting in" in " ".join(
        row_errors(response, "programme_steps", 1, "note")
    )
    assert not LeertrajectPage.objects.filter(slug="leeg-tussendoor").exists()


@pytest.mark.django_db
def test_an_interlude_with_only_a_title_is_accepted(admin_client, tree):
    [module] = make_modules(tree, 1)
    steps = [step(module=module.pk), step("pitch", title="Persoonlijke pitch")]
    response = create(admin_client, tree, track_form("met-pitch", steps), publish=True)
    assert response.status_code == 302
    assert LeertrajectPage.objects.get(slug="met-pitch").live


@pytest.mark.django_db
def test_a_step_alongside_needs_a_title_or_a_module(admin_client, tree):
    [module] = make_modules(tree, 1)
    steps = [step(module=module.pk), step("doorlopend", note="Loopt door.")]
    response = create(admin_client, tree, track_form("naast-leeg", steps), publish=True)
    assert response.status_code == 200
    assert "Geef een titel of kies een module" in " ".join(
        row_errors(response, "programme_steps", 1, "title")
    )


@pytest.mark.django_db
def test_an_adaptation_on_a_step_without_a_module_is_refused(admin_client, tree):
    [module] = make_modules(tree, 1)
    adapted_interlude = step(
        "opdracht",
        note="Een opdracht.",
        intro="Een inleiding zonder module.",
        goals=streamfield([("goal", {"title": "Een doel", "description": ""})]),
    )
    steps = [step(module=module.pk), adapted_interlude]
    response = create(admin_client, tree, track_form("zonder", steps), publish=False)
    assert response.status_code == 200
    assert row_errors(response, "programme_steps", 1, "intro")
    assert row_errors(response, "programme_steps", 1, "goals")


@pytest.mark.django_db
def test_an_interlude_cannot_point_at_a_module(admin_client, tree):
    [module] = make_modules(tree, 1)
    steps = [step(module=module.pk), step("interview", note="Gesprek.", module=module.pk)]
    response = create(admin_client, tree, track_form("interview-module", steps), publish=False)
    assert response.status_code == 200
    assert row_errors(response, "programme_steps", 1, "module")


@pytest.mark.django_db
def test_a_start_date_after_its_end_date_is_refused(admin_client, tree):
    [module] = make_modules(tree, 1)
    data = track_form(
        "verkeerde-data",
        [step(module=module.pk)],
        start_dates=[
            {"start_date": "2027-09-06", "end_date": "2028-01-31"},
            {"start_date": "2028-03-01", "end_date": "2027-12-01"},
        ],
    )
    response = create(admin_client, tree, data, publish=False)
    assert response.status_code == 200
    assert row_errors(response, "start_dates", 0, "end_date") == []
    assert "De einddatum ligt vóór de startdatum." in row_errors(
        response, "start_dates", 1, "end_date"
    )
    assert not LeertrajectPage.objects.filter(slug="verkeerde-data").exists()


@pytest.mark.django_db
def test_zero_meetings_are_refused(admin_client, tree):
    [module] = make_modules(tree, 1)
    data = track_form("nul", [step(module=module.pk)], meeting_count="0")
    response = create(admin_client, tree, data, publish=False)
    assert response.status_code == 200
    assert "Vul minstens 1 in, of laat het veld leeg." in field_errors(response, "meeting_count")


@pytest.mark.django_db
def test_more_module_steps_than_the_stated_number_of_days_is_refused(admin_client, tree):
    modules = make_modules(tree, 3)
    steps = [step(module=module.pk, label=f"Dag {n}") for n, module in enumerate(modules, 1)]
    data = track_form("te-veel", steps, meeting_count="2")
    response = create(admin_client, tree, data, publish=False)
    assert response.status_code == 200
    [error] = field_errors(response, "meeting_count")
    assert "Het programma telt 3 modules, meer dan 2 dagen." in error

    data = track_form("precies", steps, meeting_count="3")
    assert create(admin_client, tree, data, publish=True).status_code == 302


# ---------------------------------------------------------------------------------------------
# What the visitor sees


def programme_section(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.find("section", attrs={"aria-labelledby": "programme-title"})


@pytest.mark.django_db
def test_the_facts_show_the_cohorts_still_to_start_soonest_first(client, tree):
    track = make_track(tree, modules=make_modules(tree, 1))
    today = timezone.localdate()
    for start, end in [
        (today + datetime.timedelta(days=90), None),
        (today - datetime.timedelta(days=30), today + datetime.timedelta(days=30)),
        (today + datetime.timedelta(days=10), today + datetime.timedelta(days=60)),
    ]:
        TrackStart.objects.create(page=track, locale=track.locale, start_date=start, end_date=end)
    response = client.get(track.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    [label] = [
        dt for dt in soup.select(".facts__label") if dt.get_text(strip=True) == "Volgende start"
    ]
    shown = [line.strip() for line in label.find_next_sibling("dd").get_text("\n").splitlines()]

    def dutch(day):
        return formats.date_format(day, "j F Y")

    with translation.override("nl"):
        expected = [
            f"{dutch(today + datetime.timedelta(days=10))} – {dutch(today + datetime.timedelta(days=60))}",
            dutch(today + datetime.timedelta(days=90)),
        ]
    assert [line for line in shown if line] == expected


@pytest.mark.django_db
def test_a_step_alongside_is_shown_apart_from_the_days(client, tree):
    modules = make_modules(tree, 3)
    track = make_track(tree, modules=modules[:2])
    f.ProgrammeStepFactory(
        page=track,
        kind=ProgrammeStep.Kind.ALONGSIDE,
        module=modules[2],
        title="Intervisiegroepen",
        note="Van de eerste tot de laatste dag.",
    )
    f.ProgrammeStepFactory(
        page=track, kind=ProgrammeStep.Kind.ALONGSIDE, title="Coaching", note="Drie gesprekken."
    )
    section = programme_section(client, track)
    days = section.find("ol", class_="programme")
    assert [h.get_text(" ", strip=True) for h in days.find_all("h3")] == [
        f"Dag 1 : {modules[0].title}",
        f"Dag 2 : {modules[1].title}",
    ]
    assert "Intervisiegroepen" not in days.get_text()
    alongside = section.find(class_="programme-alongside")
    assert alongside.find("h3").get_text(strip=True) == "Naast het programma"
    items = alongside.find_all("li", class_="programme__step--alongside")
    assert [item.find("h4").get_text(strip=True) for item in items] == [
        "Intervisiegroepen",
        "Coaching",
    ]
    assert items[0].find("a", href=modules[2].url)
    assert "Van de eerste tot de laatste dag." in items[0].get_text()
    assert "Drie gesprekken." in items[1].get_text()


@pytest.mark.django_db
def test_a_step_alongside_whose_module_is_not_live_is_left_out(client, tree):
    modules = make_modules(tree, 2)
    track = make_track(tree, modules=modules[:1])
    f.ProgrammeStepFactory(page=track, kind=ProgrammeStep.Kind.ALONGSIDE, module=modules[1])
    modules[1].unpublish()
    section = programme_section(client, track)
    assert section.find(class_="programme-alongside") is None
    assert modules[1].title not in section.get_text()


@pytest.mark.django_db
def test_the_programme_shows_the_tracks_adaptation_else_the_modules_own(client, tree):
    adapted, plain = make_modules(tree, 2)
    for module in (adapted, plain):
        module.summary = f"Samenvatting van {module.title}."
        module.goals = [("goal", {"title": f"Doel van {module.title}", "description": ""})]
        module.save_revision().publish()
    track = make_track(tree, modules=[adapted, plain])
    first = track.programme_steps.get(module=adapted)
    first.intro = "Voor dit traject: de stad als leeromgeving."
    first.goals = [("goal", {"title": "De wijk leren kennen", "description": "Met partners."})]
    first.save()

    steps = programme_section(client, track).find_all("li", class_="programme__step--module")
    adapted_text, plain_text = (" ".join(s.get_text(" ").split()) for s in steps)
    assert "Voor dit traject: de stad als leeromgeving." in adapted_text
    assert "De wijk leren kennen" in adapted_text and "Met partners." in adapted_text
    assert f"Samenvatting van {adapted.title}." not in adapted_text
    assert f"Doel van {adapted.title}" not in adapted_text
    assert f"Samenvatting van {plain.title}." in plain_text
    assert f"Doel van {plain.title}" in plain_text
    # The module itself is unchanged, and its page shows its own goals.
    module_page = client.get(adapted.url).content.decode()
    assert f"Doel van {adapted.title}" in module_page
    assert "De wijk leren kennen" not in module_page


@pytest.mark.django_db  # so it runs before transactional tests, which empty the database
def test_english_track_shows_the_translated_adaptation_and_steps_alongside(client, bilingual):
    """wagtail-localize translates the new step fields; the English page shows them apart."""
    nl = bilingual.nl
    nl_track = LeertrajectPage.objects.get(pk=nl.business.pk)
    step = nl_track.programme_steps.get()
    step.intro = "Eigen inleiding voor de gemeente."
    step.goals = [("goal", {"title": "Eigen doel", "description": "Met toelichting."})]
    step.save()
    f.ProgrammeStepFactory(
        page=nl_track,
        kind=ProgrammeStep.Kind.ALONGSIDE,
        module=nl.modules[2],
        title="Intervisiegroepen",
        intro="Vaste groepen van vier.",
    )
    nl_track.save_revision().publish()
    en_track = publish_translation(bilingual.user, nl_track, bilingual.en_locale)

    section = programme_section(client, en_track)
    module_step = section.find("li", class_="programme__step--module")
    text = " ".join(module_step.get_text(" ").split())
    assert "EN Eigen inleiding voor de gemeente." in text
    assert "EN Eigen doel" in text and "EN Met toelichting." in text
    alongside = section.find(class_="programme-alongside")
    [item] = alongside.find_all("li", class_="programme__step--alongside")
    assert item.find("h4").get_text(strip=True) == "EN Intervisiegroepen"
    assert "EN Vaste groepen van vier." in item.get_text()
    assert item.find("a", href=bilingual.en(nl.modules[2]).url)
    assert "Intervisiegroepen" not in section.find("ol", class_="programme").get_text()


# ---------------------------------------------------------------------------------------------
# The admin's programme rows


@pytest.mark.django_db
def test_programme_rows_carry_what_their_heading_script_reads(admin_client, tree):
    """Each row's heading ("Dag 1 · Samen op pad") is set by programme_step_headings.js from
    the row's kind, label, title and chosen module: the editor loads the script, and every row
    renders those fields under the ids the script looks up."""
    modules = make_modules(tree, 2)
    track = make_track(tree, modules=modules, interludes={1: ProgrammeStep.Kind.INTERVIEW})
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[track.pk]))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find("script", src="/static/js/admin/programme_step_headings.js")
    script = Path(finders.find("js/admin/programme_step_headings.js")).read_text()
    assert '"id_programme_steps-FORMS"' in script

    rows = soup.find(id="id_programme_steps-FORMS").find_all(
        attrs={"data-inline-panel-child": True}, recursive=False
    )
    assert len(rows) == 3
    for index, row in enumerate(rows):
        prefix = f"programme_steps-{index}"
        assert row["id"] == f"inline_child_{prefix}"
        for name in ["kind", "label", "title", "module"]:
            assert row.find(id=f"id_{prefix}-{name}"), name
    first = rows[0]
    assert first.find(id="id_programme_steps-0-label")["value"] == "Dag 1"
    assert first.find(id="id_programme_steps-0-module-title").get_text(strip=True) == (
        modules[0].title
    )
    kind = rows[1].find(id="id_programme_steps-1-kind")
    assert kind.find("option", selected=True).get_text(strip=True) == "Interview"


def bulk_publish_url(*pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?{ids}"


@pytest.mark.django_db
def test_bulk_publishing_a_draft_track_without_a_module_is_refused(admin_client, tree):
    [module] = make_modules(tree, 1)
    empty = f.LeertrajectPageFactory(parent=tree.track_index, title="Leeg concept", live=False)
    empty.save_revision()
    ready = make_track(tree, modules=[module], live=False)
    ready.save_revision()

    response = admin_client.post(bulk_publish_url(empty, ready), follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any("Leeg concept" in message and "geen module" in message for message in messages)
    assert not LeertrajectPage.objects.get(pk=empty.pk).live
    assert not LeertrajectPage.objects.get(pk=ready.pk).live  # nothing of the batch went live

    response = admin_client.post(bulk_publish_url(ready))
    assert response.status_code == 302
    assert LeertrajectPage.objects.get(pk=ready.pk).live


@pytest.mark.django_db
def test_bulk_publishing_with_descendants_checks_the_draft_tracks_below(admin_client, tree):
    empty = f.LeertrajectPageFactory(parent=tree.track_index, title="Leeg concept", live=False)
    empty.save_revision()
    url = bulk_publish_url(tree.track_index)
    response = admin_client.post(url, {"include_descendants": "on"}, follow=True)
    assert response.status_code == 200
    assert any("Leeg concept" in str(message) for message in response.context["messages"])
    assert not LeertrajectPage.objects.get(pk=empty.pk).live
