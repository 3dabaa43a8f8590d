"""Browser tests: Playwright drives Debian's Chromium against the demo site, served by
`manage.py runserver` from a temporary SQLite database built with `migrate` and `load_demo`.

Pages are discovered from /sitemap.xml (both languages, with their `xhtml:link` alternates) and
grouped by the `template-…` class of `<body>`, so new page types and the English demo are covered
without changing the tests.

Without Chromium the tests skip, unless the `CI` environment variable is set: then they fail.
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Chromium from Debian (`apt-get install chromium`); Playwright never downloads a browser here.
CHROMIUM = "chromium"
# Without the background-networking flags Chromium keeps dialling out, and on a closed network
# those refused connections come many at a time.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
SERVER_START_TIMEOUT = 60  # seconds until runserver must answer
COMMAND_TIMEOUT = 600  # seconds for migrate and load_demo each


@dataclass(frozen=True)
class SitePage:
    """A page listed in the sitemap: its path, language, page type and translations."""

    path: str
    language: str
    template: str  # the body's template-… class, e.g. "template-leertraject-page"
    alternates: dict = field(default_factory=dict, compare=False, hash=False)  # language -> path


@dataclass
class DemoSite:
    base_url: str
    pages: list  # SitePage, in sitemap order
    # The environment manage.py ran with (its DATABASE_URL and MEDIA_ROOT), for fixtures that
    # serve a changed copy of the demo.
    environment: dict = field(default_factory=dict, repr=False)

    @property
    def languages(self):
        return sorted({page.language for page in self.pages})

    def of_type(self, template, language):
        return [p for p in self.pages if p.template == template and p.language == language]

    def one_per_type(self):
        """The first page of each page type in each language, as {(language, template): page}."""
        chosen = {}
        for page in self.pages:
            chosen.setdefault((page.language, page.template), page)
        return chosen

    def url(self, path):
        return self.base_url + path


def _ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium_executable():
    """Path of Debian's Chromium. Missing: skip with the reason, or fail when `CI` is set."""
    path = shutil.which(CHROMIUM)
    if path is None:
        reason = (
            "Chromium is not installed (apt-get install chromium); "
            "the browser tests need Debian's /usr/bin/chromium"
        )
        if _ci():
            pytest.fail(f"{reason}. CI is set, so the browser tests must run.", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_executable):
    """pytest-playwright launches the Debian Chromium with flags fit for a closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": chromium_executable,
        "args": CHROMIUM_ARGS,
    }


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    if result.returncode:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
            pytrace=False,
        )


def _wait_until_serving(process, url, log_path):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"runserver exited ({process.returncode}):\n{log_path.read_text()[-3000:]}",
                pytrace=False,
            )
        try:
            _get(url, timeout=5)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"runserver did not answer {url} within {SERVER_START_TIMEOUT} s", pytrace=False)


def _path(url):
    return urlparse(url).path


def _read_sitemap(base_url):
    """[(path, {language: path})] for every <url> of /sitemap.xml, in order."""
    tree = ElementTree.fromstring(_get(base_url + "/sitemap.xml"))
    entries = []
    for url in tree.findall("sm:url", SITEMAP_NS):
        # The sitemap names the Site's own host; the test server listens elsewhere.
        path = _path(url.findtext("sm:loc", namespaces=SITEMAP_NS))
        alternates = {
            link.get("hreflang"): _path(link.get("href"))
            for link in url.findall("xhtml:link", SITEMAP_NS)
            if link.get("rel") == "alternate" and link.get("hreflang") != "x-default"
        }
        entries.append((path, alternates))
    return entries


HTML_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]+)\"")
BODY_CLASS = re.compile(r"<body[^>]*\bclass=\"([^\"]*)\"")


def _describe(base_url, path, alternates):
    html = _get(base_url + path)
    language = HTML_LANG.search(html).group(1)
    classes = BODY_CLASS.search(html).group(1).split()
    template = next((c for c in classes if c.startswith("template-")), "template-unknown")
    return SitePage(path=path, language=language, template=template, alternates=alternates)


@pytest.fixture(scope="session")
def demo_site(chromium_executable, tmp_path_factory):
    """The demo site served by runserver on a free port, with its pages from the sitemap."""
    workdir = tmp_path_factory.mktemp("demo-site")
    env = {
        key: value
        for key, value in os.environ.items()
        # pytest-django's test settings and CI's services are not the demo's.
        if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONUNBUFFERED="1",
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo")

    with serving(env, workdir) as base_url:
        entries = _read_sitemap(base_url)
        # Reading every page once also renders the demo images' renditions before the browser
        # asks for them.
        with ThreadPoolExecutor(max_workers=4) as pool:
            pages = list(pool.map(lambda entry: _describe(base_url, *entry), entries))
        yield DemoSite(base_url=base_url, pages=pages, environment=env)


@contextlib.contextmanager
def serving(env, workdir):
    """A development server on the database of `env`, its log in `workdir`: yields its URL."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = workdir / "runserver.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_serving(process, base_url + "/", log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def base_url(demo_site):
    """pytest-playwright opens every context on the demo server: page.goto("/en/") works."""
    return demo_site.base_url
