"""The browser tests find their pages in the sitemap: it must list both languages, with the same
page types, so the checks per page type cover English as well as Dutch."""

import pytest

pytestmark = pytest.mark.browser


def test_sitemap_lists_every_page_type_in_both_languages(demo_site):
    assert demo_site.languages == ["en", "nl"], (
        f"the demo sitemap lists pages in {demo_site.languages} only; "
        "the browser tests cover Dutch and English"
    )
    types = {
        language: {p.template for p in demo_site.pages if p.language == language}
        for language in ("nl", "en")
    }
    assert "template-home-page" in types["nl"]
    assert types["en"] == types["nl"], (
        f"page types only in Dutch: {sorted(types['nl'] - types['en'])}, "
        f"only in English: {sorted(types['en'] - types['nl'])}"
    )
    print(f"{len(demo_site.pages)} pages, {len(types['nl'])} page types: {sorted(types['nl'])}")
