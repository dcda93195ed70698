"""What the browser laid out, for the browser tests of the slides and the canvas: text boxes,
font sizes, and waiting until the layout holds still (never for a time)."""

# Every piece of text inside ``root`` as the browser drew it: HTML text by the boxes of its
# text nodes (a Range's line rectangles, not the element's box), SVG text by its own box.
# Empty, invisible or fully transparent text is left out. Each is
# ``{text, x0, y0, x1, y1, font, node}``: ``font`` the size on screen in px (the computed
# size times the element's scale), ``node`` the same for the lines of one text node.
TEXT_BOXES = """(root) => {
  const out = [];
  const scope = document.querySelector(root);
  if (!scope) return out;
  const visible = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const c = getComputedStyle(e);
      if (c.display === 'none' || c.visibility === 'hidden' || parseFloat(c.opacity) === 0) return false;
    }
    return true;
  };
  let node = 0;
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement;
    if (!t.textContent.trim() || !el || el.closest('svg') || el.closest('style') || !visible(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    node += 1;
    for (const r of range.getClientRects()) {
      if (r.width < 0.5 || r.height < 0.5) continue;
      out.push({text: t.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
                font: parseFloat(getComputedStyle(el).fontSize), node, svg: false});
    }
  }
  for (const t of scope.querySelectorAll('svg text')) {
    if (!t.textContent.trim() || !visible(t)) continue;
    const op = t.getAttribute('fill-opacity'), so = t.getAttribute('opacity');
    if ((op !== null && parseFloat(op) === 0) || (so !== null && parseFloat(so) === 0)) continue;
    const r = t.getBoundingClientRect();
    if (r.width < 0.5 || r.height < 0.5) continue;
    const m = t.getScreenCTM();
    node += 1;
    out.push({text: t.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
              font: parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1),
              node, svg: true, halo: t.getAttribute('stroke') === 'white' || t.getAttribute('stroke') === '#fff'});
  }
  return out;
}"""

# Resolves once the boxes of the elements matching a selector have stayed put for five
# animation frames in a row (Streamlit and Vega finish drawing at their own pace).
STILL = """([selector, frames]) => {
  const sig = JSON.stringify([...document.querySelectorAll(selector)].map(e => {
    const r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)]; }));
  const w = window.__dvStill || (window.__dvStill = {});
  const prev = w[selector];
  w[selector] = {sig, n: prev && prev.sig === sig ? prev.n + 1 : 0};
  return w[selector].n >= frames;
}"""


def wait_still(page, selector, timeout=30_000):
    """Wait until what ``selector`` matches has held its layout for five frames."""
    page.evaluate("() => { window.__dvStill = {}; }")
    page.wait_for_function(STILL, arg=[selector, 5], polling="raf", timeout=timeout)


def text_boxes(page, root):
    return page.evaluate(TEXT_BOXES, root)


def clashes(boxes, slack=1.0):
    """Pairs of text boxes that overlap by more than ``slack`` px both ways. The lines of
    one text node are one text; a white halo drawn under its own ink is the same word."""
    def same_word(a, b):
        return (a["text"] == b["text"] and (a.get("halo") or b.get("halo"))
                and all(abs(a[k] - b[k]) < 0.6 for k in ("x0", "y0", "x1", "y1")))

    out = []
    for i, a in enumerate(boxes):
        for b in boxes[:i]:
            if a["node"] == b["node"] or same_word(a, b):
                continue
            if (a["x0"] + slack < b["x1"] and b["x0"] + slack < a["x1"]
                    and a["y0"] + slack < b["y1"] and b["y0"] + slack < a["y1"]):
                out.append((a, b))
    return out


def outside(boxes, frame):
    """The SVG texts among ``boxes`` not inside ``frame`` (a Playwright bounding box): words
    a chart cuts off. A text box is the font's whole line (Source Sans: 1.33 em, most of
    the extra above the letters), taller than the 1 em Vega makes room for: a quarter em of
    it may lie outside while every letter is inside."""
    def out(b):
        slack = max(1.0, 0.25 * b["font"])
        return (b["x0"] < frame["x"] - slack or b["y0"] < frame["y"] - slack
                or b["x1"] > frame["x"] + frame["width"] + slack
                or b["y1"] > frame["y"] + frame["height"] + slack)
    return [b for b in boxes if b["svg"] and out(b)]


# Per arrow of the canvas: where its line ends, where its head is drawn, and the person the
# head names (its aria-label, from the chart's ``description``); per person's marker: its
# centre and name. All in the SVG's own pixels.
ARROWS = """(root) => {
  const scope = document.querySelector(root);
  const at = (el) => { const m = /translate\\(([-0-9.e]+),\\s*([-0-9.e]+)\\)/.exec(el.getAttribute('transform') || '');
                       return m ? [parseFloat(m[1]), parseFloat(m[2])] : null; };
  const layers = [...scope.querySelectorAll('g.mark-symbol.role-mark')];
  const rules = [...scope.querySelectorAll('g.mark-rule.role-mark line')].map(l => {
    const p = at(l); return [p[0] + parseFloat(l.getAttribute('x2') || 0), p[1] + parseFloat(l.getAttribute('y2') || 0)]; });
  const symbols = layers.map(g => [...g.querySelectorAll('path')].map(p => ({at: at(p), name: p.getAttribute('aria-label') || ''})));
  return {rules, symbols};
}"""


def arrows(page, root):
    """``(line ends, heads, people)``: heads and people as ``{at: [x, y], name}``. The
    canvas draws its symbol layers in the order tails, heads, people."""
    found = page.evaluate(ARROWS, root)
    symbols = found["symbols"]
    return found["rules"], symbols[-2] if len(symbols) >= 3 else [], symbols[-1] if symbols else []


def check_arrows_end_on_their_people(page, root):
    """Each arrow of the canvas in ``root`` ends on its person's marker: its line at the
    marker's centre, its head drawn there, naming the person whose marker it is. Returns
    ``(arrows, people)``, the numbers of each."""
    ends, heads, people = arrows(page, root)
    assert len(ends) == len(heads)
    marker = {p["name"]: p["at"] for p in people}
    for head in heads:
        x, y = marker[head["name"]]
        assert abs(head["at"][0] - x) < 0.5 and abs(head["at"][1] - y) < 0.5, head
    for ex, ey in ends:
        assert min(abs(ex - x) + abs(ey - y) for x, y in marker.values()) < 0.5, (ex, ey)
    return len(heads), len(people)
