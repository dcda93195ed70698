"""Playwright: upload a file through the real browser on the Data page, import it, and see
the Overview change. Same server and Chromium set-up as tests/test_browser.py."""
from pathlib import Path

import pytest

from conftest import build_small_company
from core import store
from test_browser import browser, card_value, expect, page, serve, wait_for_app_run  # noqa: F401

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser_data") / "small.db"
    s = store.Store(path)
    build_small_company(s)
    s.close()
    with serve(path) as url:
        yield url


def wait_for_run(page, timeout=30_000):
    """Wait until the script run has finished (the Data page has no metric to wait for)."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    page.wait_for_selector("h1", timeout=timeout)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=timeout)


def test_upload_import_and_the_overview_changes(page, app_url):  # noqa: F811
    page.goto(f"{app_url}/overview")
    wait_for_app_run(page)
    expect(card_value(page, "card_adoption")).to_have_text("65%")

    page.goto(f"{app_url}/data")
    wait_for_run(page)
    expect(page.locator("h1")).to_contain_text("Gegevens")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        str(FIXTURES / "chatgpt_weekly.csv"))
    preview = page.locator(".st-key-preview_0")
    expect(preview).to_contain_text("Herkend als: ChatGPT Enterprise-gebruikersexport · 4 rijen",
                                    timeout=30_000)
    expect(preview).to_contain_text("Klaar om te importeren: 4 personen, 3 gebruiksregels.")
    page.locator(".st-key-data_import button").click()
    expect(page.locator("[data-testid=stAlertContentSuccess]")).to_contain_text(
        "Geïmporteerd: chatgpt_weekly.csv.", timeout=30_000)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)

    page.goto(f"{app_url}/overview")
    wait_for_app_run(page)
    # Now as of 21-11-2026: 3 of the 30 people with access were active in the 28 days.
    expect(card_value(page, "card_adoption")).to_have_text("10%")
