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


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser_mapping") / "empty.db"
    store.Store(path).close()
    with serve(path) as url:
        yield url


def test_an_unknown_usage_file_is_mapped_imported_and_shows_on_adoption(page, empty_url):  # noqa: F811
    import hashlib

    page.goto(f"{empty_url}/data")
    wait_for_run(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        str(FIXTURES / "gemini_usage_team.csv"))
    form = page.locator(".st-key-mapping_0")
    expect(form).to_contain_text("Geen importeur kent dit bestand", timeout=30_000)
    slug = hashlib.sha1(b"gemini_usage_team.csv").hexdigest()[:8]
    for field, column in (("person", "User email"), ("day", "Date"), ("actions", "Prompts")):
        box = page.locator(f".st-key-colmap_{slug}_usage_{field} [role=combobox]")
        box.click()
        box.fill(column)
        page.keyboard.press("Enter")
        expect(box).to_have_value(column)
        wait_for_run(page)
    name = page.locator(f".st-key-colname_{slug} input")
    name.fill("Gemini")
    name.press("Enter")
    preview = page.locator(".st-key-preview_0")
    expect(preview).to_contain_text("Klaar om te importeren: 7 personen, 7 gebruiksregels.", timeout=30_000)
    page.locator(".st-key-data_import button").click()
    expect(page.locator("[data-testid=stAlertContentSuccess]")).to_contain_text(
        "Geïmporteerd: gemini_usage_team.csv.", timeout=30_000)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)

    page.goto(f"{empty_url}/adoption")
    wait_for_app_run(page)
    # Week of 16-22 November: six of the seven people the file lists used Gemini (Gert had
    # access, 0 prompts); a mapped file with no staff list counts them all as having access.
    # The adoption rate over the 28 days to 22 November: 6 of 7.
    expect(card_value(page, "adoption_card_rate")).to_have_text("86%")
    expect(card_value(page, "adoption_card_wau")).to_have_text("6")
    expect(page.locator(".st-key-adoption_card_wau")).to_contain_text("6 van 7 met toegang")
