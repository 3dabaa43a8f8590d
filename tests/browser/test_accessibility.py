"""axe-core finds no serious or critical violations on any page type, in either language, on a
small and a large screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
WIDTHS = {"375px": {"width": 375, "height": 812}, "1280px": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_axe_violations_on_any_page_type(new_context, demo_site, width):
    page = new_context(viewport=WIDTHS[width]).new_page()  # one context and page per width
    axe = Axe()
    findings = []
    checked = demo_site.one_per_type()
    for (language, template), site_page in sorted(checked.items()):
        response = page.goto(site_page.path)
        assert response.ok, f"{site_page.path} answered {response.status}"
        results = axe.run(page).response
        for violation in results["violations"]:
            if violation["impact"] not in BLOCKING_IMPACTS:
                continue
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
            findings.append(
                f"{violation['id']} ({violation['impact']}) at {width} on "
                f"{demo_site.url(site_page.path)} [{language} {template}]: {targets}"
            )
    assert checked
    assert not findings, f"{len(findings)} serious or critical axe violations:\n" + "\n".join(
        findings
    )
