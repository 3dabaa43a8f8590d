"""Every page type, in either language, and the Wagtail admin's editor run under their
Content-Security-Policy without a single violation (nothing refused, nothing broken)."""

import pytest

from tests.browser.conftest import _manage

pytestmark = pytest.mark.browser

# Collected before any of the page's own scripts run (Playwright's init scripts are not subject
# to the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} refused ${event.blockedURI || "inline"} ` +
        `(${event.sourceFile || location.pathname}:${event.lineNumber})`
    );
});
"""

USERNAME, PASSWORD = "csp-redacteur", "browser-test-wachtwoord"
CREATE_EDITOR = """
from pathlib import Path
from django.contrib.auth import get_user_model
from trajecten.models import LeertrajectPage
User = get_user_model()
if not User.objects.filter(username={username!r}).exists():
    User.objects.create_superuser({username!r}, "csp@example.org", {password!r})
track = LeertrajectPage.objects.filter(locale__language_code="nl").first()
Path({out!r}).write_text(str(track.pk))
"""


def violations_on(page, path):
    response = page.goto(path)
    assert response.ok, f"{path} answered {response.status}"
    page.wait_for_load_state("networkidle")
    return [f"{path}: {violation}" for violation in page.evaluate("window.__cspViolations")]


@pytest.fixture
def recording_page(new_context):
    context = new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    return context.new_page()


def test_no_policy_violation_on_any_page_type(recording_page, demo_site):
    checked = demo_site.one_per_type()
    found = []
    for site_page in checked.values():
        header = recording_page.request.get(site_page.path).headers["content-security-policy"]
        assert "script-src 'self'" in [part.strip() for part in header.split(";")], header
        found += violations_on(recording_page, site_page.path)
    assert checked
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def track_edit_path(demo_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("csp-editor") / "pk.txt"
    script = CREATE_EDITOR.format(username=USERNAME, password=PASSWORD, out=str(out))
    _manage(demo_site.environment, "shell", "-c", script)
    return f"/admin/pages/{out.read_text().strip()}/edit/"


def test_admin_editor_and_its_preview_work_under_the_admin_policy(recording_page, track_edit_path):
    page = recording_page
    found = violations_on(page, "/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    found += violations_on(page, "/admin/")
    found += violations_on(page, track_edit_path)
    # The live preview: the page in a frame of the admin's own (X-Frame-Options SAMEORIGIN).
    page.click("[data-side-panel-toggle='preview']")
    page.wait_for_selector("iframe#w-preview-iframe[src*='/preview/']", state="attached")
    page.frame_locator("iframe#w-preview-iframe").locator("#main-content").wait_for(
        state="attached"
    )
    page.wait_for_load_state("networkidle")
    found += [f"editor: {v}" for v in page.evaluate("window.__cspViolations")]
    preview = next(frame for frame in page.frames if "/preview/" in frame.url)
    assert preview.locator("link[href*='site.css']").count() == 1  # the page itself, not an error
    found += [f"preview: {v}" for v in preview.evaluate("window.__cspViolations")]
    assert not found, "\n".join(found)
