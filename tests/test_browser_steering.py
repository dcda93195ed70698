"""The steering presentation in Chromium at projector sizes: every slide fills the window,
its chart text is large, no two texts overlap, nothing is cut off, and the keys walk it."""
import os
from pathlib import Path

import pytest

from browser_layout import check_arrows_end_on_their_people, clashes, outside, text_boxes, wait_still
from core.stakeholders import charts as stakeholder_charts
from core.steering.charts import MIN_FONT
from test_browser import browser, expect, serve  # noqa: F401

SHOTS = Path(os.environ.get("STEERING_SHOTS", "/tmp/shots-steering"))
SIZES = ((1920, 1080), (1280, 720))
SLIDE = ".st-key-steer_slide"
CHART = f"{SLIDE} [data-testid=stVegaLiteChart]"
CANVAS = ".st-key-steer_chart_stakeholders"
SLIDES = 7
WORDS = {"en": ("Slide {n} of {total}", "Present at the steering meeting"),
         "nl": ("Dia {n} van {total}", "Presenteer in de stuurgroep")}


@pytest.fixture(scope="module")
def demo_url(demo_db):
    with serve(demo_db) as url:
        yield url


def _wait(page, lang="en", n=None):
    """Until slide ``n`` (when given) is shown, the script run is over, its chart (if any)
    has drawn its text, and the slide's layout holds still."""
    page.wait_for_selector(".dv-title", timeout=30_000)
    if n is not None:
        expect(page.locator(SLIDE)).to_contain_text(WORDS[lang][0].format(n=n, total=SLIDES),
                                                    timeout=30_000)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=60_000)
    if page.locator(CHART).count():
        page.wait_for_selector(f"{CHART} svg text", timeout=30_000)
    wait_still(page, f"{SLIDE}, {SLIDE} svg, {SLIDE} svg text, .dv-title, .dv-num")


def _cut_off(page, width, height):
    """Slide elements (title, numbers, chart, controls, footer) not wholly inside the viewport."""
    selectors = [".dv-title", ".dv-num", ".dv-line", ".dv-key", ".dv-foot", CHART,
                 ".st-key-steer_prev", ".st-key-steer_next", ".st-key-steer_leave_button"]
    bad = []
    for sel in selectors:
        for i in range(page.locator(sel).count()):
            box = page.locator(sel).nth(i).bounding_box()
            if box is None:
                continue
            if box["x"] < -1 or box["y"] < -1 or box["x"] + box["width"] > width + 1 \
                    or box["y"] + box["height"] > height + 1:
                bad.append((sel, i, box))
    return bad


def _span(page, boxes):
    """The share of the window's height from the slide's topmost to its lowest content:
    its texts, its chart's drawing and its buttons."""
    tops, bottoms = [b["y0"] for b in boxes], [b["y1"] for b in boxes]
    for sel in (f"{CHART} svg.marks", f"{SLIDE} button"):
        for i in range(page.locator(sel).count()):
            box = page.locator(sel).nth(i).bounding_box()
            if box:
                tops.append(box["y"])
                bottoms.append(box["y"] + box["height"])
    return (max(bottoms) - min(tops)) / page.viewport_size["height"]


def _check_canvas(page):
    """The canvas slide: its plot no smaller than its names were placed for, and each arrow
    ending on its person's marker."""
    plot = page.locator(f"{CANVAS} g.mark-rect.role-mark").first.bounding_box()
    geometry = stakeholder_charts.SLIDE
    assert plot["width"] >= geometry.width and plot["height"] >= geometry.height, plot
    moved, people = check_arrows_end_on_their_people(page, CANVAS)
    assert moved > 0 and people > 0


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("width,height", SIZES)
def test_every_slide_fills_the_projector(browser, demo_url, width, height, lang):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    measured, canvas_checked = [], False
    try:
        # The director starts it from the Overview in one click.
        page.goto(f"{demo_url}/?lang={lang}")
        page.get_by_role("link", name=WORDS[lang][1]).click()
        _wait(page, lang, 1)
        expect(page.locator("[data-testid=stSidebar]")).to_be_hidden()
        for n in range(1, SLIDES + 1):
            expect(page.locator("[data-testid=stException]")).to_have_count(0)
            page.screenshot(path=str(SHOTS / f"slide{n}-{lang}-{width}x{height}.png"))
            assert _cut_off(page, width, height) == [], f"slide {n}"
            boxes = text_boxes(page, SLIDE)
            # The slide fills the window: from its title to its controls, 85% of the height at least.
            share = _span(page, boxes)
            assert share >= 0.85, (n, share)
            # No two texts overlap: titles, numbers, chart labels, legends, controls.
            overlaps = clashes(boxes)
            assert overlaps == [], (n, overlaps[:3])
            chart_fonts = [b["font"] for b in boxes if b["svg"]]
            if page.locator(CHART).count():
                # Sized to the window, not a fixed height: the chart takes most of it.
                drawn = page.locator(f"{CHART} svg.marks").bounding_box()
                assert drawn["height"] >= 0.6 * height, (n, drawn)
                assert outside(boxes, drawn) == [], n           # no word cut off by its chart
                # Every word of the chart readable from the back of the room.
                assert chart_fonts and min(chart_fonts) >= MIN_FONT - 0.01, (n, sorted(chart_fonts)[:3])
                if page.locator(CANVAS).count():
                    _check_canvas(page)
                    canvas_checked = True
            measured.append((n, round(share, 3), min(chart_fonts) if chart_fonts else None))
            # No widget but the slide's in view: the log and the download sit below.
            below = page.locator(".st-key-steer_download").bounding_box()
            assert below is None or below["y"] >= height, f"slide {n}"
            if n < SLIDES:
                page.locator(".st-key-steer_next button").click()
                _wait(page, lang, n + 1)
        print(lang, width, height, measured)
        assert canvas_checked
        if width == 1920 and lang == "en":
            # The deck download: built on click, a real PowerPoint file.
            with page.expect_download(timeout=60_000) as download:
                page.locator(".st-key-steer_download button").click()
            saved = SHOTS / "deck.pptx"
            download.value.save_as(saved)
            from pptx import Presentation
            assert len(Presentation(str(saved)).slides) == SLIDES + 1
            # Pages that are not part of the deck keep their sidebar.
            page.goto(f"{demo_url}/adoption?lang=en")
            page.wait_for_selector("[data-testid=stSidebar]", timeout=30_000)
            expect(page.locator("[data-testid=stSidebar]")).to_be_visible()
    finally:
        context.close()


def test_keyboard_and_clicker_walk_the_slides_and_esc_leaves(browser, demo_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{demo_url}/steering?lang=en")
        _wait(page, "en", 1)
        expect(page.locator(".dv-title")).to_have_text("Is our AI rollout accepted?")
        for key, n in (("ArrowRight", 2), ("PageDown", 3), (" ", 4), ("PageUp", 3), ("ArrowLeft", 2)):
            page.locator(".dv-title").click()            # the page, not a widget, has focus
            page.keyboard.press(key if key != " " else "Space")
            _wait(page, "en", n)
        page.keyboard.press("Escape")
        expect(page.locator("h1").first).to_contain_text("Overview", timeout=30_000)
        expect(page).to_have_url(f"{demo_url}/?lang=en", timeout=30_000)
    finally:
        context.close()
