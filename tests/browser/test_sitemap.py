"""The browser tests find their pages in the sitemap: it must list both languages."""

import pytest

pytestmark = pytest.mark.browser


def test_sitemap_lists_pages_of_both_languages(demo_site):
    assert demo_site.languages == ["en", "nl"], (
        f"the demo sitemap lists pages in {demo_site.languages} only; "
        "the browser tests cover Dutch and English"
    )
    for language in ("nl", "en"):
        types = {page.template for page in demo_site.pages if page.language == language}
        assert "template-home-page" in types, f"no {language} home page in the sitemap"
