"""Plain words and one number style in Chromium (issue 17): every page, and every tab of it, at
1024 and 1920 px in both languages shows no cut-off label (a metric, widget label, tab or
chart text clipped by its box or shortened by Vega with "…"), no ASCII minus in a figure, and
on a Dutch page no English: no word that only the English catalog uses, none of the words a
Dutch page used to leak, no English Streamlit text outside the uploader's own drop zone
(which the API cannot translate: a Dutch caption beside it says what to drop).

Every look waits for conditions, never for time: the script run finished, every chart on
screen drawn, no chart wider than its box, and the charts' and the page's sizes unchanged over
several animation frames (a chart resizes itself after the page's width changes).
"""
import re

import pytest

from core import i18n
from test_browser import browser, expect, serve  # noqa: F401

PAGES = ("", "acceptance", "adoption", "stakeholders", "pilots", "data", "steering", "admin")
WIDTHS = (1024, 1920)
LANGS = ("nl", "en")
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"

# A hyphen-minus before a digit that is not part of a word, a date, a code or a range
# ("2026-10-31", "P-0001", "INT-3" have a letter or digit before it; "--db" no digit after).
ASCII_MINUS = re.compile(r"(?<![\w\-/.:])-\d")
# Words and Streamlit texts that a Dutch page used to show.
ENGLISH = ("Power users", "Unknown", "Upload", "per file", "Hidden", "No data", "Previous wave",
           "BadZipFile", "Browse files", "Drag and drop", "Onbekend / Unknown")
# English-only catalog words that a Dutch page shows as data or names: tool and product
# names, the demo's wave names ("Pulse 3"), and the standard items' codes.
NAMES = {"copilot", "chatgpt", "claude", "github", "microsoft", "enterprise", "forms", "google",
         "qualtrics", "limesurvey", "surveymonkey", "viva", "insights", "excel", "pulse",
         "lunch", "learn", "team", "teams", "office", "power", "point", "powerpoint", "draagvlak"}


def english_only_words():
    """Words of five letters or more in the English catalog that no Dutch text uses."""
    def words(lang):
        return {w.lower() for entry in i18n.CATALOG.values()
                for w in re.findall(r"[A-Za-z]{5,}", re.sub(r"\{[^}]*\}", " ", entry[lang]))}
    return words("en") - words("nl") - NAMES


SETTLE_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const charts = [...main.querySelectorAll('[data-testid=stVegaLiteChart]')].filter(shown);
  if (charts.some(c => !c.querySelector('svg.marks'))) { window.__dv_sig = null; return false; }
  const sizes = charts.map(c => {
    const svg = c.querySelector('svg.marks');
    return [Math.round(svg.getBoundingClientRect().width), Math.round(svg.getBoundingClientRect().height),
            Math.round(c.getBoundingClientRect().width)];
  });
  if (sizes.some(([w, , box]) => w > box + 1)) { window.__dv_sig = null; return false; }
  const sig = JSON.stringify([document.documentElement.clientWidth, main.scrollHeight, sizes]);
  if (sig !== window.__dv_sig) { window.__dv_sig = sig; window.__dv_same = 0; return false; }
  return ++window.__dv_same >= 5;
}"""


def settle(page, timeout=60_000):
    """Wait until the run is over and the layout holds still (see the module's docstring)."""
    page.wait_for_selector(IDLE, timeout=timeout)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=timeout)
    page.wait_for_selector("[data-testid=stMain] h1", timeout=timeout)
    page.evaluate("() => { window.__dv_sig = null; }")
    page.wait_for_function(SETTLE_JS, polling="raf", timeout=timeout)


# Text cut off by its box: an element of a label, metric, tab, caption or button whose text is
# wider than the element that clips it (overflow hidden or an ellipsis), not a box that scrolls.
CUT_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const sel = '[data-testid=stMetricLabel], [data-testid=stMetricValue], [data-testid=stMetricDelta], '
    + '[data-testid=stWidgetLabel], [role=tab], [data-testid=stCaptionContainer], '
    + '[data-testid=stMarkdownContainer], button, [data-testid=stBadge]';
  const out = [];
  for (const root of main.querySelectorAll(sel)) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (!el.getClientRects().length || !el.textContent.trim() || el.closest('svg')) continue;
      const cs = getComputedStyle(el);
      const clips = ['hidden', 'clip'].includes(cs.overflowX) || cs.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        out.push(el.innerText.trim().slice(0, 80));
    }
  }
  return [...new Set(out)];
}"""

# Chart text past the box that clips it (1 px of slack on the right: a glyph cut by 2 px is
# visibly cut; 3 px on the left, where a rotated axis title's box takes its line gap),
# or shortened by Vega (labelLimit) with an ellipsis.
CHART_CUT_JS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('[data-testid=stMain] svg.marks')) {
    if (!svg.getClientRects().length) continue;
    let left = -Infinity, right = Infinity;
    for (let p = svg; p && p.dataset.testid !== 'stMain'; p = p.parentElement) {
      if (getComputedStyle(p).overflowX === 'visible') continue;
      const b = p.getBoundingClientRect();
      left = Math.max(left, b.left);
      right = Math.min(right, b.right);
    }
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      const text = t.textContent.trim();
      if (r.width === 0 || !text) continue;
      let hidden = false;
      for (let e = t; e && e !== svg; e = e.parentElement)
        if (getComputedStyle(e).opacity === '0' || e.getAttribute('opacity') === '0') hidden = true;
      if (hidden) continue;
      if (r.right > right + 1 || r.left < left - 3 || text.endsWith('…')) out.push(text.slice(0, 80));
    }
  }
  return [...new Set(out)];
}"""

# What the page shows: the visible text of the main area and the sidebar, one line per text
# node (charts' SVG text included), leaving out what is not the app's words: Material icons
# (their names are ligatures: "groups", "trending_up"), the uploader's drop zone (Streamlit's,
# untranslatable), the language switch (bilingual on purpose, "Taal / Language") and a
# language's own name offered as a choice ("English"), and what nobody sees (opacity 0).
TEXT_JS = """(names) => {
  const skip = '[data-testid=stIconMaterial], [data-testid=stFileUploaderDropzone], .st-key-lang';
  const out = [];
  for (const root of document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebar]')) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || names.includes(text) || el.closest(skip)) continue;
      // Not drawn, hidden or fully transparent (the steering page's keyboard-only buttons).
      if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
      if (getComputedStyle(el).fontFamily.includes('Material')) continue;
      out.push(text);
    }
  }
  return out.join('\\n');
}"""


def _look(page, where, lang, problems, texts):
    settle(page)
    for text in page.evaluate(CUT_JS):
        problems.append(f"{where}: label cut off: {text!r}")
    for text in page.evaluate(CHART_CUT_JS):
        problems.append(f"{where}: chart text cut off: {text!r}")
    text = page.evaluate(TEXT_JS, list(i18n.LANG_NAMES.values()))
    texts.append(text)
    for m in ASCII_MINUS.finditer(text):
        problems.append(f"{where}: ASCII minus: {text[max(0, m.start() - 30):m.end() + 10]!r}")
    if lang == "nl":
        for word in ENGLISH:
            if word in text:
                problems.append(f"{where}: English {word!r}")
        for word in sorted({w.lower() for w in re.findall(r"[A-Za-z]{5,}", text)} & ENGLISH_ONLY):
            at = re.search(rf"(?i)\b{word}\b", text)
            if at:
                problems.append(f"{where}: English word {word!r}: "
                                f"{text[max(0, at.start() - 40):at.end() + 20]!r}")
    if page.locator("[data-testid=stException]").count():
        problems.append(f"{where}: exception "
                        + page.locator("[data-testid=stException]").first.inner_text()[:300])


ENGLISH_ONLY = english_only_words()


@pytest.fixture(scope="module")
def demo_url(demo_db):
    with serve(demo_db) as url:
        yield url


def test_the_checks_find_what_they_look_for(browser, demo_url):  # noqa: F811
    # A page with a hyphen-minus figure, an English word, a label cut off by its box and a
    # chart label shortened by Vega: each check reports it, and only it.
    page = browser.new_page(viewport={"width": 1024, "height": 1000})
    try:
        page.goto(demo_url + "/")
        settle(page)
        page.evaluate("""() => {
          const block = document.querySelector('[data-testid=stMainBlockContainer]');
          const md = document.createElement('div');
          md.setAttribute('data-testid', 'stMarkdownContainer');
          md.innerHTML = '<p>Verschil -5 punten, 2026-10-31, P-0001, −3</p><p>respondents</p>'
            + '<p style="width:40px; overflow:hidden; white-space:nowrap">Een veel te lange tekst</p>';
          block.append(md);
        }""")
        problems, texts = [], []
        _look(page, "probe", "nl", problems, texts)
    finally:
        page.close()
    minus = [p for p in problems if "ASCII minus" in p]
    assert len(minus) == 1 and "-5 punten" in minus[0], problems
    assert sum("English word 'respondents'" in p for p in problems) == 1, problems
    assert sum("label cut off: 'Een veel te lange tekst'" in p for p in problems) == 1, problems
    assert len(problems) == 3, problems


def test_the_english_word_list_is_english_only():
    assert {"share", "respondents", "target"} <= ENGLISH_ONLY
    assert not {"copilot", "pulse", "doel", "peiling"} & ENGLISH_ONLY


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_and_tab_reads_whole_in_its_language(browser, demo_url, lang, path):  # noqa: F811
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 1000})
    page = context.new_page()
    problems, texts, looked = [], [], 0
    try:
        page.goto(f"{demo_url}/{path}" + ("?lang=en" if lang == "en" else ""))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 1000})
            name = f"{path or 'overview'} {lang} {width}px"
            _look(page, name, lang, problems, texts)
            looked += 1
            tabs = page.locator("[data-testid=stMain] [role=tab]")
            for i in range(tabs.count()):
                tab = tabs.nth(i)
                if not tab.is_visible():
                    continue
                tab.click()
                expect(tab).to_have_attribute("aria-selected", "true")
                _look(page, f"{name} tab {tab.inner_text().strip()!r}", lang, problems, texts)
                looked += 1
            if tabs.count():
                tabs.first.click()
                expect(tabs.first).to_have_attribute("aria-selected", "true")
    finally:
        context.close()
    everything = "\n".join(texts)
    # The page was read whole, in its language.
    # The steering page opens on its first slide, titled by the slide.
    title = "steering.slide.verdict" if path == "steering" else f"nav.{path or 'overview'}"
    assert i18n.t(title, lang) in everything
    if lang == "en":
        # The word list finds English where there is English: the check can fail.
        found = {w.lower() for w in re.findall(r"[A-Za-z]{5,}", everything)} & ENGLISH_ONLY
        assert len(found) >= 5, found
    if path == "adoption":
        assert i18n.t("adoption.tab.playbook", lang) in everything and looked >= 2 * 8
    assert problems == [], "\n".join(problems)


# A count of four digits or more written without its thousands separator ("3846", "n = 3846"):
# not a year (2026), not part of a date, a code ("P-0001", "#1234"), a decimal or a time.
UNGROUPED = re.compile(r"(?<![\d.,:/\-#A-Za-z])(\d{4,})(?![\d\-/])")


@pytest.fixture(scope="module")
def large_url(tmp_path_factory):
    """The demo company at 5,000 staff: counts in the thousands on every page."""
    from conftest import DEMO_END
    from core import demo, store

    path = tmp_path_factory.mktemp("scale") / "store5000.db"
    s = store.Store(path)
    demo.build_demo(s, employees=5000, end=DEMO_END)
    s.close()
    with serve(path) as url:
        yield url


def test_the_ungrouped_pattern_finds_counts_only():
    text = "n = 3846 · 3.846 · 3,846 · 2026 · 30-11-2026 · P-0001 · #1234 · 12:45 · 0,0139 · 1470"
    found = [m.group(1) for m in UNGROUPED.finditer(text)]
    assert [f for f in found if not re.fullmatch(r"(19|20)\d\d", f)] == ["3846", "1470"]


@pytest.mark.parametrize("lang", LANGS)
def test_counts_in_the_thousands_are_grouped_and_fit_on_every_page(browser, large_url, lang):  # noqa: F811
    # At 1024 px, where long figures ("1.619/1.619") have least room: every check of
    # ``_look``, and no count without its thousands separator.
    context = browser.new_context(viewport={"width": 1024, "height": 1000})
    page = context.new_page()
    problems, texts = [], []
    try:
        for path in PAGES:
            page.goto(f"{large_url}/{path}" + ("?lang=en" if lang == "en" else ""))
            name = f"{path or 'overview'} {lang} 1024px (5,000 staff)"
            _look(page, name, lang, problems, texts)
            tabs = page.locator("[data-testid=stMain] [role=tab]")
            for i in range(tabs.count()):
                tabs.nth(i).click()
                expect(tabs.nth(i)).to_have_attribute("aria-selected", "true")
                _look(page, f"{name} tab {i + 1}", lang, problems, texts)
    finally:
        context.close()
    text = "\n".join(texts)
    thousands, _ = i18n.separators(lang)
    # The store is large enough to show counts in the thousands.
    assert len(re.findall(rf"\b\d{{1,3}}{re.escape(thousands)}\d{{3}}\b", text)) >= 20
    for m in UNGROUPED.finditer(text):
        if not re.fullmatch(r"(19|20)\d\d", m.group(1)):
            problems.append(f"{lang}: ungrouped {text[max(0, m.start() - 40):m.end() + 10]!r}")
    assert problems == [], "\n".join(problems)
