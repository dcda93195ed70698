"""Playwright in Debian's Chromium: what only a real browser shows.

The app is started with ``streamlit run`` on a free loopback port, on a small store with
known figures. Helpers end by waiting for the script run to finish, never by sleeping.
"""
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import build_small_company
from core import store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Debian's chromium is missing: .ci/run must install it")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(db_path, port=None, args=()):
    """Run the app (``streamlit run``) on a loopback port (``port``, default a free one) on
    the store at ``db_path``, with more ``streamlit run`` options ``args``; yield its URL."""
    port = port or _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1",
         "--browser.gatherUsageStats=false", *args],
        cwd=ROOT, env=dict(os.environ, DRAAGVLAK_DB=str(db_path)),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stdout.read().decode(errors="replace")) from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "small.db"
    s = store.Store(path)
    build_small_company(s)
    s.close()
    with serve(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    yield context.new_page()
    context.close()


def wait_for_app_run(page, timeout=30_000):
    """Wait until the app is drawn and its script run has finished."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    page.wait_for_selector("[data-testid=stMetric]", timeout=timeout)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=timeout)


def card_value(page, key):
    return page.locator(f".st-key-{key} [data-testid=stMetricValue]")


def card_label(page, key):
    return page.locator(f".st-key-{key} [data-testid=stMetricLabel]")


def test_overview_cards_show_values_and_language_switches(page, app_url):
    page.goto(app_url)
    wait_for_app_run(page)
    expect(card_label(page, "card_acceptance")).to_contain_text("Acceptatie")
    expect(card_value(page, "card_acceptance")).to_have_text("88%")
    expect(card_value(page, "card_adoption")).to_have_text("65%")
    expect(card_value(page, "card_value")).to_have_text("€ 15.300")
    expect(page.locator("[data-testid=stException]")).to_have_count(0)

    page.locator(".st-key-lang button", has_text="English").click()
    expect(card_label(page, "card_acceptance")).to_contain_text("Acceptance", timeout=30_000)
    wait_for_app_run(page)
    expect(card_value(page, "card_value")).to_have_text("€15,300")
    expect(page.locator(".st-key-period")).to_contain_text("12 mo")
    expect(page.get_by_role("combobox", name="Departments")).to_have_attribute(
        "placeholder", "Whole company")
    expect(page.locator("h1")).to_contain_text("Overview")
    assert "lang=en" in page.url


def test_a_copied_link_reproduces_the_view(page, app_url):
    page.goto(f"{app_url}/overview?lang=en&dept=Productie")
    wait_for_app_run(page)
    expect(card_label(page, "card_acceptance")).to_contain_text("Acceptance")
    expect(card_value(page, "card_acceptance")).to_have_text("91%")
    expect(card_value(page, "card_adoption")).to_have_text("25%")


def test_on_a_fresh_server_a_page_url_and_the_first_change_work(browser, tmp_path):
    # The app has a pages/ folder, so a fresh server's first run is Streamlit's
    # pages-folder mode: the page asked for must come through the shell (its sidebar, its
    # figures), and the first widget change made on it must count.
    path = tmp_path / "fresh.db"
    s = store.Store(path)
    build_small_company(s)
    s.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with serve(path) as url:
        page.goto(url + "/adoption")
        wait_for_app_run(page)
        expect(page.locator("[data-testid=stMain] h1")).to_contain_text("Adoptie")
        nav = page.locator("[data-testid=stSidebarNav]")
        expect(nav.get_by_text("Overzicht", exact=True)).to_have_count(1)
        expect(nav.get_by_text("app", exact=True)).to_have_count(0)
        page.locator(".st-key-lang button", has_text="English").click()
        expect(page.locator("[data-testid=stMain] h1")).to_contain_text("Adoption", timeout=30_000)
        wait_for_app_run(page)
        expect(nav.get_by_text("Overview", exact=True)).to_have_count(1)
    context.close()
