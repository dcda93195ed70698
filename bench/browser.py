"""What a user waits for, in a real browser: Playwright on Debian's Chromium (as the browser
tests launch it, ``executable_path``, never a downloaded browser) against ``streamlit run``.

Per page, two waits, each until *the script has finished and every visible chart is drawn*
(no status widget, no skeleton, the page's title shown, and every chart element in the
viewport holding a drawn canvas or SVG):

- *fresh*: a new tab opening the page's URL, in a browser that has been on the app
  before (its HTTP cache holds Streamlit's static files, which are served immutable: the
  tab still loads and runs them, opens a new session and runs the page);
- *first visit* (the Overview only): the same in a new browser profile, empty cache;
- *click*: in an open session, a click on the page's link in the sidebar, from the page
  before it in the menu (the Overview's from the last page).

Each the median of ``runs``. Where the time goes, from the page's own clock
(``performance.now()``; websocket messages are stamped as they arrive by a listener the
bench adds to the tab): for a fresh tab the *shell* (HTML and JavaScript loaded until the
app's websocket opens), for both the *server* part (from the websocket opening, or the
click, until the last message before the page was done: the script's run and its transfer)
and the *render* part (after the last message until charts are drawn: layout and Vega).
"""
import shutil
import statistics

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT_MS = 120_000

# Stamps every websocket message on the tab's clock (the bench's own tab, not the app).
_STAMP_MESSAGES = """
(() => {
  window.__bench = {open: null, messages: []};
  const Base = window.WebSocket;
  window.WebSocket = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => { window.__bench.open = performance.now(); });
      this.addEventListener("message", () => { window.__bench.messages.push(performance.now()); });
    }
  };
})();
"""

# True once the run is over and every visible chart is drawn; ``title`` (if given) must be
# the page's heading, so a click is not "done" while the previous page is still shown.
_DONE = """
(title) => {
  const main = document.querySelector('[data-testid="stMain"]') || document.querySelector('[data-testid="stApp"]');
  if (!main) return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const h1 = main.querySelector('h1');
  if (!h1 || (title !== null && h1.innerText.trim() !== title)) return false;
  if (main.querySelector('[data-stale="true"]')) return false;
  const vh = window.innerHeight, vw = window.innerWidth;
  for (const chart of main.querySelectorAll('[data-testid="stVegaLiteChart"], [data-testid="stMetricChart"]')) {
    const r = chart.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > vh || r.right < 0 || r.left > vw) continue;
    const drawn = chart.querySelector('svg g[class*="mark-"], canvas');
    if (!drawn || drawn.getBoundingClientRect().width === 0) return false;
  }
  return {done: performance.now(), title: h1.innerText.trim()};
}
"""


def _wait_done(page, title):
    handle = page.wait_for_function(_DONE, arg=title, polling="raf", timeout=TIMEOUT_MS)
    return handle.json_value()


def _breakdown(page, start, done):
    stamps = page.evaluate("() => window.__bench")
    before = [m for m in stamps["messages"] if m <= done]
    last = before[-1] if before else done
    return stamps, last


def fresh_tab(browser, url, title=None, context=None):
    """Open ``url`` in a new tab of ``context`` (default: a new one, empty cache); return
    ``{total, shell, server, render, title}`` (seconds)."""
    own = context is None
    context = context or browser.new_context(viewport=VIEWPORT)
    page = None
    try:
        context.add_init_script(_STAMP_MESSAGES)
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        result = _wait_done(page, title)
        stamps, last = _breakdown(page, 0.0, result["done"])
        opened = stamps["open"] if stamps["open"] is not None else 0.0
        return {"total": result["done"] / 1000, "shell": opened / 1000,
                "server": max(last - opened, 0) / 1000, "render": (result["done"] - last) / 1000,
                "title": result["title"]}
    finally:
        if own:
            context.close()
        elif page is not None:
            page.close()


def click(page, path, title):
    """In the open session ``page``, click the sidebar link to ``path`` ("/adoption"); return
    ``{total, server, render}`` (seconds) until that page (heading ``title``) is done."""
    start = page.evaluate("""(path) => {
        const link = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
            .find(a => new URL(a.href).pathname === path);
        if (!link) throw new Error("no sidebar link to " + path);
        window.__bench.messages = [];
        const t = performance.now();
        link.click();
        return t;
    }""", path)
    result = _wait_done(page, title)
    _, last = _breakdown(page, start, result["done"])
    last = max(last, start)
    return {"total": (result["done"] - start) / 1000, "server": (last - start) / 1000,
            "render": (result["done"] - last) / 1000}


def _median(runs):
    return {key: statistics.median(r[key] for r in runs) for key in runs[0] if key != "title"}


def measure(base_url, names, runs=5, log=print):
    """Fresh tab and sidebar click per view in ``names`` (menu order); ``runs`` each.

    Returns ``{name: {"fresh": {total, shell, server, render}, "click": {total, server, render}}}``
    (medians, seconds). The app must be served at ``base_url`` (loopback, no users: local mode).
    """
    from playwright.sync_api import sync_playwright

    # The first page is the default one: its address is the app's root.
    paths = {name: "/" if i == 0 else f"/{name}" for i, name in enumerate(names)}
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            # One tab first, so the server has run every page once (as a server in use has).
            # That tab's browser keeps its HTTP cache for the fresh tabs.
            visited = browser.new_context(viewport=VIEWPORT)
            titles = {}
            for name in names:
                titles[name] = fresh_tab(browser, f"{base_url}{paths[name]}", context=visited)["title"]
            first = [fresh_tab(browser, f"{base_url}{paths[names[0]]}", titles[names[0]])
                     for _ in range(runs)]
            out[names[0]] = {"first": _median(first)}
            log(f"  first visit {names[0]}: {out[names[0]]['first']['total']:.2f} s ("
                + ", ".join(f"{r['total']:.2f}" for r in first) + ")")
            for name in names:
                fresh = [fresh_tab(browser, f"{base_url}{paths[name]}", titles[name], context=visited)
                         for _ in range(runs)]
                out.setdefault(name, {})["fresh"] = _median(fresh)
                log(f"  fresh {name}: {out[name]['fresh']['total']:.2f} s ("
                    + ", ".join(f"{r['total']:.2f}" for r in fresh) + ")")
            visited.close()
            context = browser.new_context(viewport=VIEWPORT)
            try:
                context.add_init_script(_STAMP_MESSAGES)
                page = context.new_page()
                page.goto(f"{base_url}{paths[names[-1]]}", wait_until="commit", timeout=TIMEOUT_MS)
                _wait_done(page, titles[names[-1]])
                clicks = {name: [] for name in names}
                for _ in range(runs):
                    for name in names:
                        clicks[name].append(click(page, paths[name], titles[name]))
                for name in names:
                    out[name]["click"] = _median(clicks[name])
                    log(f"  click {name}: {out[name]['click']['total']:.2f} s ("
                        + ", ".join(f"{r['total']:.2f}" for r in clicks[name]) + ")")
            finally:
                context.close()
        finally:
            browser.close()
    return out
