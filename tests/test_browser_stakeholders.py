"""Playwright: the stakeholder canvas renders in a real browser with its labels, arrows and PNG export."""

import pytest

from browser_layout import check_arrows_end_on_their_people, clashes, outside, text_boxes, wait_still
from core.stakeholders import charts as stakeholder_charts
from core.stakeholders import labels
from test_browser import browser, expect, serve, wait_for_app_run  # noqa: F401

DEMO_NAMES = 21        # the demo's named and assessed stakeholders
DEMO_MOVED = 7         # of whom 7 changed score since their previous assessment


@pytest.fixture(scope="module")
def demo_url(demo_db):
    with serve(demo_db) as url:
        yield url


@pytest.fixture
def page(browser):  # noqa: F811
    # Tall enough that the whole canvas and its toolbar are on screen without scrolling.
    context = browser.new_context(viewport={"width": 1440, "height": 1800})
    yield context.new_page()
    context.close()


def _boxes(locator):
    """Bounding boxes (x, y, width, height) of SVG elements, as the browser laid them out."""
    return locator.evaluate_all("els => els.map(e => { const b = e.getBBox(); "
                                "const m = e.getCTM(); return [b.x + m.e, b.y + m.f, b.width, b.height]; })")


def _overlap(a, b, slack=1.0):
    """Whether two boxes overlap by more than ``slack`` pixels both ways (glyph boxes include line gap)."""
    return (a[0] + slack < b[0] + b[2] and b[0] + slack < a[0] + a[2]
            and a[1] + slack < b[1] + b[3] and b[1] + slack < a[1] + a[3])


def test_canvas_renders_labels_arrows_and_offers_png(page, demo_url, tmp_path):  # noqa: F811
    page.goto(f"{demo_url}/stakeholders?lang=en")
    wait_for_app_run(page)
    chart = page.locator(".st-key-sh_canvas_box")
    marks = chart.locator("svg.marks")
    marks.wait_for()
    wait_still(page, ".st-key-sh_canvas_box svg, .st-key-sh_canvas_box svg text")
    texts = marks.locator("g.mark-text.role-mark text").all_text_contents()
    for name in ("Key Champions · 12", "Critical Blockers · 1", "Silent Supporters · 5",
                 "Grumblers · 2", "Undecided · 1", "Jan Willem Dekker", "Annelies de Boer"):
        assert name in texts
    # Each name is drawn twice (white halo, then ink): 21 people, 42 labels.
    assert sum(t == "Sanne de Vries" for t in texts) == 2
    assert len(marks.locator("g.mark-rule.role-mark line").all()) == DEMO_MOVED
    # Symbol layers: arrow tails (open circles), arrowheads (on their person's marker), people.
    symbols = marks.locator("g.mark-symbol.role-mark")
    assert [symbols.nth(i).locator("path").count() for i in range(symbols.count())] == [
        DEMO_MOVED, DEMO_MOVED, DEMO_NAMES]
    # Heads turn with their line: six people moved right (to a more positive attitude: 90° ± 30°), one
    # (Kevin de Graaf, influence 1 → 2) straight up, which needs no rotation.
    turns = symbols.nth(1).locator("path").evaluate_all(
        "els => els.map(e => { const m = /rotate\\(([-0-9.e]+)\\)/.exec(e.getAttribute('transform')); "
        "return m ? parseFloat(m[1]) : 0; })")
    assert sorted(round(t) for t in turns)[0] == 0
    assert all(60 < t < 120 for t in sorted(turns)[1:]), turns
    # No two name labels overlap, even where five people share a score.
    layers = marks.locator("g.mark-text.role-mark")
    ink = layers.nth(layers.count() - 1).locator("text")
    boxes = _boxes(ink)
    assert len(boxes) == DEMO_NAMES
    clashes = [(i, j) for i in range(len(boxes)) for j in range(i) if _overlap(boxes[i], boxes[j])]
    assert clashes == [], [(boxes[i], boxes[j]) for i, j in clashes]
    page.screenshot(path=str(tmp_path / "stakeholders.png"), full_page=True)

    # The toolbar shows while the pointer is over the chart.
    chart.hover(position={"x": 10, "y": 10})
    # The PNG export is the chart toolbar's own "Download as PNG" (Vega's renderer in the
    # browser); that it is offered is checked here, not the download itself, which runs
    # from a canvas the headless browser renders at its own pace.
    expect(chart.get_by_role("button", name="Download as PNG")).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


BOX = ".st-key-sh_canvas_box"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_no_words_touch_and_every_arrow_ends_on_its_person(browser, demo_url, width, lang):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 1100})
    page = context.new_page()
    try:
        page.goto(f"{demo_url}/stakeholders?lang={lang}")
        wait_for_app_run(page)
        page.locator(f"{BOX} svg.marks g.mark-text.role-mark text").first.wait_for()
        if width == 1024:
            # Drawn wide first and then narrowed (a window made smaller): Vega sizes the
            # plot again without a new run.
            wait_still(page, f"{BOX}, {BOX} svg, {BOX} svg text, {BOX} svg path")
            page.set_viewport_size({"width": 1920, "height": 1100})
            wait_still(page, f"{BOX}, {BOX} svg, {BOX} svg text, {BOX} svg path")
            page.set_viewport_size({"width": width, "height": 1100})
        wait_still(page, f"{BOX}, {BOX} svg, {BOX} svg text, {BOX} svg path")
        # The placement's premise: the plot is never smaller than the size it was placed for.
        plot = page.locator(f"{BOX} g.mark-rect.role-mark").first.bounding_box()
        geometry = stakeholder_charts.PAGE
        assert plot["width"] >= geometry.width and plot["height"] >= geometry.height, plot
        boxes = text_boxes(page, BOX)
        # Names, numbers, quadrant titles, axes and legends: no two overlap, none cut off.
        assert clashes(boxes) == [], clashes(boxes)[:3]
        assert outside(boxes, page.locator(f"{BOX} svg.marks").bounding_box()) == []
        # And the widths the placement reckons with are never less than what is drawn.
        names = [b for b in boxes if b["svg"] and abs(b["font"] - geometry.font) < 0.01]
        assert len(names) >= 2 * DEMO_NAMES           # everyone named (halo and ink) at these widths
        for b in names:
            assert b["x1"] - b["x0"] <= labels.text_width(b["text"], geometry.font) + 0.5, b
        assert check_arrows_end_on_their_people(page, BOX) == (DEMO_MOVED, DEMO_NAMES)
        expect(page.locator("[data-testid=stException]")).to_have_count(0)
    finally:
        context.close()
