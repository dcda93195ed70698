"""Playwright: change a licence in the Data page's table editor in the real browser, save,
and see the Overview's licence card change. Same server and Chromium set-up as test_browser.py."""
import pytest

from conftest import build_small_company
from core import store
from test_browser import browser, card_value, expect, page, serve, wait_for_app_run  # noqa: F401
from test_browser_data import wait_for_run


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser_licences") / "small.db"
    s = store.Store(path)
    build_small_company(s)
    with s.write(store.access.SYSTEM) as db:
        # 30 Copilot seats at €20 for everyone with access on the staff list: €600 a month.
        db["licences"].insert({"tool": "Copilot", "seats": 30, "price_per_month": 20.0,
                               "valid_from": "2026-01-01", "from_staff_list": 1})
    s.close()
    with serve(path) as url:
        yield url


def test_the_editor_saves_and_the_overview_card_changes(page, app_url):  # noqa: F811
    page.goto(f"{app_url}/overview")
    wait_for_app_run(page)
    expect(card_value(page, "card_licence_cost")).to_have_text("€ 600")

    page.goto(f"{app_url}/data")
    wait_for_run(page)
    grid = page.locator("[class*=st-key-licences_editor_]").first
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_visible()
    box = grid.locator("canvas").first.bounding_box()
    # The first data row's seats cell (right of the row-selection and tool columns, below
    # the header): a double click opens its editor.
    page.mouse.dblclick(box["x"] + 200, box["y"] + 35 + 17)
    editor = page.locator("#portal textarea, #portal input").first
    expect(editor).to_be_visible()
    editor.fill("40")
    page.keyboard.press("Enter")
    # The edit reached the server: the page says it is not saved yet.
    expect(page.locator("body")).to_contain_text("Er zijn wijzigingen die nog niet zijn opgeslagen.",
                                                 timeout=30_000)
    wait_for_run(page)
    page.locator(".st-key-licences_save button").click()
    expect(page.locator("[data-testid=stAlertContentSuccess]")).to_contain_text(
        "1 licentieregel(s) opgeslagen.", timeout=30_000)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)

    page.goto(f"{app_url}/overview")
    wait_for_app_run(page)
    # 40 seats × €20.
    expect(card_value(page, "card_licence_cost")).to_have_text("€ 800")
