"""Playwright on the demo store: every page in both languages and three widths (nothing wider
than the screen, no card label cut off), filters that travel with the page and the URL, and a
table edit that survives a reload.

Same server and Chromium set-up as tests/test_browser.py; helpers wait for Streamlit's own
"script run finished" state, never for a fixed time. Screenshots go to ``$SUITE_SHOTS``.
"""
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from test_browser import browser, expect, serve  # noqa: F401
from test_browser_words import CHART_CUT_JS, settle

SHOTS = Path(os.environ.get("SUITE_SHOTS", "/tmp/shots-browser-suite"))
SIZES = ((1280, 800), (1920, 1080), (1024, 768))
LANGS = ("nl", "en")
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


@pytest.fixture(scope="module")
def demo_url(demo_db):
    with serve(demo_db) as url:
        yield url


def wait_for_page(page, timeout=30_000):
    """Wait until the app has finished its script run and drawn a page title (pages without metrics too)."""
    page.wait_for_selector(IDLE, timeout=timeout)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=timeout)
    page.wait_for_selector("[data-testid=stMain] h1", timeout=timeout)


def nav_links(page):
    """The sidebar menu as (path, title) pairs, in menu order."""
    links = page.locator("[data-testid=stSidebarNav] a[data-testid=stSidebarNavLink]")
    return [(urlparse(a.get_attribute("href")).path, a.inner_text().split("\n")[-1].strip())
            for a in links.all()]


def go_via_nav(page, path):
    """Click the sidebar link to ``path`` and wait for that page's run to finish."""
    link = page.locator(f"[data-testid=stSidebarNav] a[href$='{path}']").first
    if link.is_visible():
        link.click()
    else:
        # The steering presentation hides the sidebar; leave it by its URL, keeping the query.
        query = urlparse(page.url).query
        page.goto(link.get_attribute("href") + (f"?{query}" if query else ""))
    page.wait_for_url(re.compile(re.escape(path) + r"(\?|$)"), timeout=30_000)
    wait_for_page(page)


# Elements whose right edge lies beyond the viewport, not counting those inside a scrolling
# or clipping box that itself fits (a data frame, a tab bar): only the outermost offender.
OVERFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid=stMain]');
  const bad = [];
  const inside = (el) => {
    for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox !== 'visible' && p.getBoundingClientRect().right <= vw + 1) return true;
      if (bad.some(b => b.el === p)) return true;
    }
    return false;
  };
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    if (inside(el)) continue;
    bad.push({el, what: el.tagName.toLowerCase()
      + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '')
      + ([...el.classList].filter(c => c.startsWith('st-key-')).map(c => '.' + c).join('')),
      text: (el.innerText || '').trim().slice(0, 60), right: Math.round(r.right), vw});
  }
  return bad.map(({el, ...rest}) => rest);
}"""


# Metric labels cut off with an ellipsis: a card's name must stay readable at every width.
TRUNCATED_JS = """() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stMetricLabel]')]
  .filter(label => [label, ...label.querySelectorAll('*')].some(
      el => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1))
  .map(label => label.innerText.trim())"""


# Chart text (axis titles, legend entries, names) drawn past the edge of the box that clips
# it, or shortened by Vega with "…" (test_browser_words.CHART_CUT_JS).
CLIPPED_JS = CHART_CUT_JS


def _check_page(page, where, width, height, title, problems):
    """Record what is wrong with the page on screen at ``width`` × ``height``; take its screenshot."""
    page.set_viewport_size({"width": width, "height": height})
    # Let the grid and charts lay themselves out for the new width: every chart drawn within
    # its box and the sizes still over several frames (two frames were not always enough for
    # a chart to shrink to 1024 px on a loaded machine).
    settle(page)
    if page.locator("[data-testid=stException]").count():
        problems.append(f"{where}: exception: "
                        + page.locator("[data-testid=stException]").first.inner_text()[:200])
    h1 = page.locator("[data-testid=stMain] h1")
    if not h1.count() or not h1.first.is_visible():
        problems.append(f"{where}: no visible h1 (menu title {title!r})")
    for bad in page.evaluate(OVERFLOW_JS):
        problems.append(f"{where}: wider than the viewport: {bad}")
    for label in page.evaluate(TRUNCATED_JS):
        problems.append(f"{where}: metric label cut off: {label!r}")
    for text in page.evaluate(CLIPPED_JS):
        problems.append(f"{where}: chart text cut off at the chart's edge: {text!r}")
    page.screenshot(path=str(SHOTS / f"{where.replace('/', '').replace(' ', '-')}.png"), full_page=True)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_fits_at_both_widths_without_errors(browser, demo_url, lang):  # noqa: F811
    # One session per language, each page run once and looked at in both widths: a resize
    # only lays the page out again, a rerun of every page costs seconds on the demo store.
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    page = context.new_page()
    problems, seen = [], []
    try:
        page.goto(demo_url + ("/?lang=en" if lang == "en" else "/"))
        wait_for_page(page)
        links = nav_links(page)
        assert len(links) >= 6, links    # the product's pages so far; it only grows
        for path, title in links:
            if path != urlparse(page.url).path:
                page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
                go_via_nav(page, path)
            # The language survives in-app navigation.
            assert ("lang=en" in page.url) == (lang == "en"), page.url
            for width, height in SIZES:
                where = f"{path.strip('/') or 'overview'} {lang} {width}px"
                seen.append(where)
                _check_page(page, where, width, height, title, problems)
        # The overflow check itself can fail: a block wider than the screen is caught.
        page.evaluate("() => { const d = document.createElement('div'); d.id = 'too-wide'; "
                      "d.style.width = '3000px'; d.style.height = '5px'; "
                      "document.querySelector('[data-testid=stMainBlockContainer]').append(d); }")
        assert [b["right"] > b["vw"] for b in page.evaluate(OVERFLOW_JS)][:1] == [True]
    finally:
        context.close()
    assert len(seen) == len(SIZES) * len(links)
    assert problems == [], "\n".join(problems)


def _chosen(page, key):
    """The label of the selected option of a segmented control."""
    return page.locator(f".st-key-{key} button[aria-checked=true]")


def _scope(page):
    """The scope caption under the page title, naming the chosen department."""
    return page.locator("[data-testid=stMain] [data-testid=stCaptionContainer]",
                        has_text="Departments: Productie").first


def _dept_tags(page):
    return page.locator(".st-key-dept [data-testid=stMultiSelectTagsContainer]")


def _check_english_productie_6m(page):
    expect(_chosen(page, "lang")).to_have_text("English")
    expect(_chosen(page, "period")).to_have_text("6 mo")
    expect(_dept_tags(page)).to_have_text("Productie")
    query = parse_qs(urlparse(page.url).query)
    assert query.get("lang") == ["en"] and query.get("dept") == ["Productie"] \
        and query.get("period") == ["6m"], page.url


def test_language_and_filters_follow_the_user_and_the_link(browser, demo_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(demo_url + "/")
    wait_for_page(page)
    expect(page.locator("[data-testid=stMain] h1")).to_contain_text("Overzicht")
    links = nav_links(page)

    page.locator(".st-key-lang button", has_text="English").click()
    expect(_chosen(page, "lang")).to_have_text("English")
    wait_for_page(page)
    page.locator(".st-key-period button", has_text="6 mo").click()
    expect(_chosen(page, "period")).to_have_text("6 mo")
    wait_for_page(page)
    page.get_by_role("combobox", name="Departments").click()
    page.get_by_role("option", name="Productie", exact=True).click()
    page.keyboard.press("Escape")
    expect(_dept_tags(page)).to_have_text("Productie")
    wait_for_page(page)
    expect(_scope(page)).to_be_visible()

    # Another page of the menu, reached through its sidebar link.
    path = next(p for p, _ in links if p not in ("/", "/overview"))
    go_via_nav(page, path)
    _check_english_productie_6m(page)
    title = page.locator("[data-testid=stMain] h1").first.inner_text()
    expect(_scope(page)).to_be_visible()
    copied = page.url
    context.close()

    # The copied link, in a browser that has never seen this session.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(copied)
    wait_for_page(page)
    _check_english_productie_6m(page)
    expect(page.locator("[data-testid=stMain] h1").first).to_have_text(title)
    expect(_scope(page)).to_be_visible()
    expect(page.locator("[data-testid=stSidebarNav]")).to_contain_text("Overview")
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    context.close()


NEW_ACTION = "Koffie drinken met de directie"


def _bulk_grid(page):
    page.get_by_role("tab", name="Update").click()
    grid = page.locator("[class*=st-key-sh_bulk_grid_]")
    grid.scroll_into_view_if_needed()
    # The grid fills its accessible cells once it has had focus: click the first name.
    grid.locator(".dvn-scroller").click(position={"x": 60, "y": 35 + 17})
    return grid


def test_a_bulk_edit_is_saved_and_shown_after_reload(browser, demo_copy):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    with serve(demo_copy) as url:
        page.goto(url + "/stakeholders?lang=en")
        wait_for_page(page)
        grid = _bulk_grid(page)
        # Columns: name, influence, attitude, category, next action (the id is hidden).
        first = grid.locator("td[id$='-0']")
        expect(first.nth(0)).not_to_have_text("")
        name, before = first.nth(0).inner_text(), first.nth(4).inner_text()
        assert before != NEW_ACTION
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")       # opens the cell's editor
        editor = page.locator("textarea.gdg-input")
        expect(editor).to_be_visible()
        editor.fill(NEW_ACTION)
        page.keyboard.press("Enter")
        expect(grid.locator("td[id$='-0']").nth(4)).to_have_text(NEW_ACTION)
        # The grid hands its edits to the form after a 150 ms debounce (Streamlit's
        # DataFrame.tsx); a click faster than any person would lose the race with it.
        page.wait_for_timeout(500)
        page.locator(".st-key-sh_bulk_submit button").click()
        expect(page.get_by_text("0 new assessment(s) and 1 edited action(s) saved.")).to_be_visible(
            timeout=30_000)
        wait_for_page(page)
        expect(page.locator("[data-testid=stException]")).to_have_count(0)

        page.reload()
        wait_for_page(page)
        grid = _bulk_grid(page)
        cells = grid.locator("td[id^='glide-cell-0-']")
        expect(cells.first).not_to_have_text("")
        row = cells.all_inner_texts().index(name)
        expect(grid.locator(f"td[id='glide-cell-4-{row}']")).to_have_text(NEW_ACTION)
        page.screenshot(path=str(SHOTS / "stakeholders-bulk-after-reload.png"), full_page=True)
    context.close()
