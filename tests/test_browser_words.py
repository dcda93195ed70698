"""Plain words and one number style in Chromium (issue 17): on the dashboard pages at 1024 and
1920 px, a Dutch page shows no ASCII minus in a figure and none of the English words a Dutch
page used to leak; the verdict and the cards' changes read as the number says."""
import re

import pytest

from test_browser import browser, expect, serve, wait_for_app_run  # noqa: F401

PAGES = ("", "acceptance", "adoption", "stakeholders", "pilots")
WIDTHS = (1024, 1920)
# A hyphen-minus before a digit that is not part of a word, a date or a range ("2026-10-31",
# "P-0001", "1–3" use other characters or letters before it).
ASCII_MINUS = re.compile(r"(?<![\w\-/.:])-\d")
# English words and Streamlit texts that a Dutch page must not show.
ENGLISH = ("Power users", "Unknown", "Upload", "per file", "Hidden", "No data", "Previous wave")


@pytest.fixture(scope="module")
def demo_url(demo_db):
    with serve(demo_db) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_a_dutch_page_has_no_ascii_minus_nor_english(browser, demo_url, path, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{demo_url}/{path}")
        wait_for_app_run(page)
        # Read the page, then each tab in turn (a tab's content is drawn when it is opened).
        main = page.locator("[data-testid=stMain]")
        texts = [main.inner_text()]
        tabs = page.locator("[data-testid=stMain] [role=tab]")
        for i in range(tabs.count()):
            tabs.nth(i).click()
            expect(tabs.nth(i)).to_have_attribute("aria-selected", "true")
            panel = page.locator("[data-testid=stMain] [role=tabpanel]:visible").first
            expect(panel).not_to_be_empty()
            texts.append(panel.inner_text())
        everything = "\n".join(texts)
        assert "Gegevens t/m" in everything                 # the Dutch page, read whole
        if path == "adoption":
            assert "Aanpak per segment" in everything       # a tab not opened is read too
        assert ASCII_MINUS.findall(everything) == [], [
            everything[max(0, m.start() - 30):m.end() + 10] for m in ASCII_MINUS.finditer(everything)]
        assert [w for w in ENGLISH if w in everything] == []
        expect(page.locator("[data-testid=stException]")).to_have_count(0)
    finally:
        context.close()
