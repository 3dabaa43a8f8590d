"""No payload runs in a real browser: a copy of the demo database with every payload of
`tests.payloads` written around the models (raw SQL) into every field and block, served by its
own runserver, and one page of each type in each language loaded in Chromium."""

import shutil

import pytest

from tests.browser.conftest import _manage, serving

pytestmark = pytest.mark.browser

WRITE_PAYLOADS = (
    "from tests.payloads import Payloads, write_all_with_sql; write_all_with_sql(Payloads())"
)

# What a browser-parsed page holds that could run: inline or foreign scripts, event handler
# attributes and script URLs.
# A page's structured data (a JSON-LD data block, never executed) is allowed when it is still
# whole JSON: a payload that broke out of it would leave a script element of another kind.
FIND_EXECUTABLE = """() => {
    const isIntactDataBlock = (element) => {
        if (element.type !== "application/ld+json" || element.src) return false;
        try { JSON.parse(element.textContent); return true; } catch { return false; }
    };
    const found = [];
    for (const element of document.querySelectorAll("*")) {
        if (element.localName === "script" && !(element.src || "").includes("/static/")
                && !isIntactDataBlock(element)) {
            found.push("script: " + element.outerHTML.slice(0, 120));
        }
        for (const attribute of element.attributes) {
            const value = attribute.value.replace(/[\\s\\u0000-\\u001f]+/g, "").toLowerCase();
            if (attribute.name.startsWith("on") || /^(javascript|data|vbscript):/.test(value)) {
                found.push(attribute.name + " on " + element.localName);
            }
        }
    }
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(demo_site, tmp_path_factory):
    """Base URL of a server on a copy of the demo database, full of payloads."""
    workdir = tmp_path_factory.mktemp("hostile-site")
    source = demo_site.environment["DATABASE_URL"].removeprefix("sqlite:///")
    shutil.copy(source, workdir / "db.sqlite3")
    env = {**demo_site.environment, "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}"}
    _manage(env, "shell", "-c", WRITE_PAYLOADS)

    with serving(env, workdir) as base_url:
        yield base_url


def _record_console_error(message, errors):
    # Failed loads are reported by the response listener, which names the URL.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        errors.append(message.text)


def test_no_payload_runs_on_any_page_type(page, demo_site, hostile_site):
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: _record_console_error(message, errors))
    # A payload's image or frame would be requested (and fail); the browser's own favicon
    # request is not a page's response, so it does not show here.
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    findings = {}
    checked = demo_site.one_per_type()
    for (language, template), site_page in sorted(checked.items()):
        response = page.goto(hostile_site + site_page.path)
        assert response.status < 500, f"{site_page.path} answered {response.status}"
        page.wait_for_load_state("load")
        if found := page.evaluate(FIND_EXECUTABLE):
            findings[f"{language} {template} {site_page.path}"] = found
    assert checked
    assert findings == {}
    assert dialogs == []
    assert page.evaluate("() => window.xss") is None
    assert errors == []
