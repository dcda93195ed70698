"""The steering presentation in Chromium at projector sizes: every slide fits, nothing cut off."""
import os
from pathlib import Path

import pytest

from test_browser import browser, expect, serve  # noqa: F401

SHOTS = Path(os.environ.get("STEERING_SHOTS", "/tmp/shots-steering"))
SIZES = ((1920, 1080), (1280, 720))


@pytest.fixture(scope="module")
def demo_url(demo_db):
    with serve(demo_db) as url:
        yield url


def _wait(page):
    page.wait_for_selector(".dv-title", timeout=30_000)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=60_000)
    # Vega draws after the script run ends; a slide with a chart waits for its canvas.
    if page.locator("[data-testid=stVegaLiteChart]").count():
        page.wait_for_selector("[data-testid=stVegaLiteChart] canvas, "
                               "[data-testid=stVegaLiteChart] svg", timeout=30_000)
    page.wait_for_timeout(400)


def _cut_off(page, width, height):
    """Slide elements (title, numbers, chart, controls, footer) not wholly inside the viewport."""
    selectors = [".dv-title", ".dv-num", ".dv-line", ".dv-foot", "[data-testid=stVegaLiteChart]",
                 ".st-key-steer_prev", ".st-key-steer_next"]
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


@pytest.mark.parametrize("width,height", SIZES)
def test_every_slide_fits_the_projector(browser, demo_url, width, height):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        # The director starts it from the Overview in one click.
        page.goto(f"{demo_url}/?lang=en")
        page.get_by_role("link", name="Present at the steering meeting").click()
        _wait(page)
        expect(page.locator("[data-testid=stSidebar]")).to_be_hidden()
        for n in range(1, 8):
            expect(page.locator("body")).to_contain_text(f"Slide {n} of 7")
            expect(page.locator("[data-testid=stException]")).to_have_count(0)
            page.screenshot(path=str(SHOTS / f"slide{n}-{width}x{height}.png"))
            assert _cut_off(page, width, height) == [], f"slide {n}"
            # No widget but previous/next in view: the log and the download sit below.
            below = page.locator(".st-key-steer_download").bounding_box()
            assert below is None or below["y"] >= height, f"slide {n}"
            if n < 7:
                page.locator(".st-key-steer_next button").click()
                expect(page.locator("body")).to_contain_text(f"Slide {n + 1} of 7", timeout=30_000)
                _wait(page)
        if width == 1920:
            # The deck download: built on click, a real PowerPoint file.
            with page.expect_download(timeout=60_000) as download:
                page.locator(".st-key-steer_download button").click()
            saved = SHOTS / "deck.pptx"
            download.value.save_as(saved)
            from pptx import Presentation
            assert len(Presentation(str(saved)).slides) == 8
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
        _wait(page)
        expect(page.locator(".dv-title")).to_have_text("Is our AI rollout accepted?")
        body = page.locator("body")
        for key, n in (("ArrowRight", 2), ("PageDown", 3), (" ", 4), ("PageUp", 3), ("ArrowLeft", 2)):
            page.locator(".dv-title").click()            # the page, not a widget, has focus
            page.keyboard.press(key if key != " " else "Space")
            expect(body).to_contain_text(f"Slide {n} of 7", timeout=30_000)
            _wait(page)
        page.keyboard.press("Escape")
        expect(page.locator("h1").first).to_contain_text("Overview", timeout=30_000)
        expect(page).to_have_url(f"{demo_url}/?lang=en", timeout=30_000)
    finally:
        context.close()
