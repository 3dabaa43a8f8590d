"""In the track editor, each programme row is headed by what it holds, and follows edits."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _manage

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "redacteur", "browser-test-wachtwoord"
CREATE_EDITOR = """
from pathlib import Path
from django.contrib.auth import get_user_model
from trajecten.models import LeertrajectPage
User = get_user_model()
if not User.objects.filter(username={username!r}).exists():
    User.objects.create_superuser({username!r}, "redacteur@example.org", {password!r})
track = LeertrajectPage.objects.get(slug="business-partner", locale__language_code="nl")
Path({out!r}).write_text(str(track.pk))
"""

ROW_HEADINGS = (
    "#id_programme_steps-FORMS > [data-inline-panel-child] > [data-panel] > .w-panel__header "
    "[data-panel-heading-text]"
)


@pytest.fixture(scope="module")
def business_partner_edit_path(demo_site, tmp_path_factory):
    """An editor account on the demo site, and the admin edit path of the Dutch Business Partner
    track (its programme has module steps, interludes and intervisie groups alongside)."""
    out = tmp_path_factory.mktemp("editor") / "pk.txt"
    script = CREATE_EDITOR.format(username=USERNAME, password=PASSWORD, out=str(out))
    _manage(demo_site.environment, "shell", "-c", script)
    return f"/admin/pages/{out.read_text().strip()}/edit/"


def test_programme_rows_are_headed_by_their_content(new_context, business_partner_edit_path):
    page = new_context().new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(business_partner_edit_path)
    # Open the tab that holds the programme, whatever it is called.
    tab = page.locator("#id_programme_steps-FORMS").evaluate(
        "rows => rows.closest('[role=tabpanel]').id"
    )
    page.locator(f'[role=tab][aria-controls="{tab}"]').click()

    headings = page.locator(ROW_HEADINGS)
    expect(headings.first).to_have_text(
        "Bijeenkomst 1-4 · Persoonlijk leiderschap", use_inner_text=True
    )
    expect(headings.nth(2)).to_have_text(
        "Interview · In gesprek met het primair proces", use_inner_text=True
    )
    expect(headings.last).to_have_text(
        "Loopt door naast het programma · Intervisiegroepen", use_inner_text=True
    )

    page.fill("#id_programme_steps-0-label", "Start")
    expect(headings.first).to_have_text("Start · Persoonlijk leiderschap", use_inner_text=True)
    page.fill("#id_programme_steps-0-title", "Kennismaken")
    expect(headings.first).to_have_text("Start · Kennismaken", use_inner_text=True)

    count = headings.count()
    page.click("#id_programme_steps-ADD")  # an empty new row keeps Wagtail's numbered heading
    expect(headings).to_have_count(count + 1)
    expect(headings.last).to_have_text(f"Programma-onderdeel {count + 1}", use_inner_text=True)
    page.fill(f"#id_programme_steps-{count}-label", "Dag 18")
    expect(headings.last).to_have_text("Dag 18", use_inner_text=True)
