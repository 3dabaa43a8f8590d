"""Security headers on every response: public pages (both languages), the admin, previews, 404;
HSTS with the production settings; `check --deploy` clean; public pages with nothing inline
that their Content-Security-Policy would refuse."""

import importlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page

from core import page_cache
from tests import factories as f

ROOT = Path(__file__).resolve().parents[1]

EVERY_RESPONSE = {
    "Permissions-Policy": "camera=()",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
}


def directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def assert_common_headers(response):
    for header, part in EVERY_RESPONSE.items():
        assert part in response.get(header, ""), f"{header}: {response.get(header)!r}"


def assert_public_policy(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "nonce-" not in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_public_pages_have_the_strict_policy_and_may_not_be_framed(client, bilingual, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_common_headers(response)
    assert_public_policy(response)
    assert directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_public_policy_is_the_same_for_every_request(client, bilingual):
    # Whole anonymous pages are cached: nothing in them or their headers may be per request.
    first, second = client.get("/"), client.get("/")
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_page_from_the_page_cache_has_every_header(client, bilingual, settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    try:
        served, cached = client.get("/en/"), client.get("/en/")
    finally:
        page_cache.clear()
    assert cached[page_cache.CACHE_STATUS_HEADER] == "hit"
    assert_common_headers(cached)
    assert_public_policy(cached)
    assert cached["Content-Security-Policy"] == served["Content-Security-Policy"]
    assert cached["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_embedded_video_players_may_be_framed(client, bilingual):
    frames = directives(client.get("/"))["frame-src"]
    assert "https://www.youtube.com" in frames
    assert "https://player.vimeo.com" in frames


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/bestaat-niet/", "/en/does-not-exist/"])
def test_not_found_has_every_header(client, bilingual, path):
    response = client.get(path)
    assert response.status_code == 404
    assert_common_headers(response)
    assert_public_policy(response)
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_server_error_has_every_header(client, bilingual, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a page that cannot be rendered")

    monkeypatch.setattr(type(bilingual.nl.tree.home), "serve", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert_common_headers(response)
    assert_public_policy(response)
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_admin_editor_has_the_admin_policy(admin_client, bilingual):
    response = admin_client.get(f"/admin/pages/{bilingual.nl.tree.home.pk}/edit/")
    assert response.status_code == 200
    assert_common_headers(response)
    policy = directives(response)
    # Wagtail's admin writes inline scripts and styles; nothing from other sites.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_admin_login_has_the_admin_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_common_headers(response)
    assert directives(response)["script-src"] == ["'self'", "'unsafe-inline'"]


@pytest.mark.django_db
def test_a_preview_has_the_public_policy_and_may_be_framed_by_the_admin(admin_client, bilingual):
    # A draft (like the editor's preview panel, which the browser test opens) is rendered with
    # the policy the page will have live, except that the admin may frame it.
    response = admin_client.get(f"/admin/pages/{bilingual.nl.tree.home.pk}/view_draft/")
    assert response.status_code == 200
    assert_public_policy(response)
    assert directives(response)["frame-ancestors"] == ["'self'"]


# ---------------------------------------------------------------------------------------------
# Production settings


@pytest.fixture
def production_settings(monkeypatch, settings):
    """The security settings of config/settings/production.py, in force for the test."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(60))
    for name in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"):
        monkeypatch.delenv(name, raising=False)
    production = importlib.reload(importlib.import_module("config.settings.production"))
    for name in dir(production):
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME_")):
            setattr(settings, name, getattr(production, name))
    return settings


@pytest.mark.django_db
def test_production_sends_hsts_over_https(client, bilingual, production_settings):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_common_headers(response)
    assert_public_policy(response)
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_production_redirects_plain_http_to_https(client, bilingual, production_settings):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_check_deploy_with_production_settings_gives_no_warning():
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DEBUG", "DJANGO_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# ---------------------------------------------------------------------------------------------
# Nothing inline on public pages


def inline_code(html):
    """Everything in `html` that the public policy refuses: inline scripts (data blocks such as
    JSON-LD are never run and allowed), style elements and attributes, event handlers."""
    found = []
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        if not script.get("src") and script.get("type") not in ("application/ld+json",):
            found.append(str(script)[:80])
    found += [str(style)[:80] for style in page.find_all("style")]
    for element in page.find_all(True):
        for attribute in element.attrs:
            if attribute == "style" or re.fullmatch(r"on[a-z]+", attribute):
                found.append(f"<{element.name} {attribute}=…>")
    return found


@pytest.mark.django_db
def test_no_page_has_inline_script_style_or_event_handler(client, bilingual):
    pages = [page for page in Page.objects.live().specific() if page.url]
    found = []
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        found += [f"{page.url}: {code}" for code in inline_code(response.content.decode())]
    assert len(pages) > 10
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_a_responsive_embed_has_no_inline_style(client, bilingual):
    url = "https://www.youtube.com/watch?v=leertraject"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        width=640,
        height=360,
        html='<iframe title="Video over leren" src="https://www.youtube.com/embed/x"></iframe>',
    )
    article = f.ArticlePageFactory(
        parent=bilingual.nl.tree.article_index, body=[{"type": "embed", "value": url}]
    )
    html = client.get(article.url).content.decode()
    frame = BeautifulSoup(html, "html.parser").find("iframe", title="Video over leren")
    assert "responsive-object" in frame.parent["class"]
    assert inline_code(html) == []
