"""The benchmark: ``python -m core bench [--sizes S,M,L] [--out FILE.md]`` (``core.cli`` dispatches here).

Per size it builds a demo store (S = 140 staff × 12 months, M = 1,000 × 36, L = 5,000 × 36,
XL = 20,000 × 36: a group of companies, or an advisor holding several clients' data; all
ending 2026-10-31) and measures, each in a fresh process so no cache carries over:

- the demo build (``python -m core demo``);
- every page's server-side run through ``streamlit.testing.v1.AppTest``: *cold* = the first
  run in a fresh process whose libraries are imported and whose installed components were
  scanned, as a server does once when it starts (startup, reported apart), and whose caches
  are empty; *warm* = the median of the next 5 reruns; each page in 3 such processes, the
  medians reported;
- ``python -m core kpis --json``, as a command (process start included; median of 3 runs);
- an import of ``--import-rows`` (default 1,000,000) usage rows from a Viva Insights CSV
  made for the store's staff, through the app's own path (``plan_import`` = the preview,
  ``apply_import`` with its backup = the write), on a copy of the store;
- a naive baseline: the Overview's usage figures (adoption rate, its weekly trend and the
  segments' progress) computed by loading every ``usage_daily`` row into pandas, against
  the same figures from the rollups; the ratio of the two times, and whether they agree;
- a steering meeting: ``streamlit run app.py`` on 127.0.0.1, then ``--sessions`` sessions
  (default 10, then 25: a company that mails the link to all staff) opening the Overview
  together, ``--rounds`` times (default 3), over
  Streamlit's own websocket protocol: median and worst time from request to
  ``script_finished``, and errors (an exception shown, a failed run, a timeout);
- the server through an upload (``--upload-mb``, default 190) on the Data page, sent over
  Streamlit's own upload endpoint and websocket as a browser does: its peak (VmHWM) and its
  memory once the file is removed, for a file of no known format and for a usage file of
  that size; the importer's preview of the first in a process of its own; and the peak of
  the worker process the Data page leaves the second to, previewing it and importing it
  (on a copy of the store);
- peak memory (each process's own VmHWM): of the app (the largest of the page
  runs, ``kpis --json`` and the server), of the import, the demo build and the baseline.

- with ``--browser``, at S and L: what a user waits for in Chromium (``bench.browser``), per
  page a fresh tab and a sidebar click in an open session, each until the script has
  finished and every visible chart is drawn, median of 5, split into shell, server and
  render from the tab's own clock.

It prints a markdown table with the targets (issues 10 and 20: at L on two cores, and at
XL) beside the measured values and writes it to ``--out``. Timings are wall-clock seconds.
"""
import ast
import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
SIZES = {"S": (140, 12), "M": (1000, 36), "L": (5000, 36), "XL": (20000, 36)}
BROWSER_SIZES = ("S", "L")      # the browser section runs at these sizes
BROWSER_RUNS = 5
END = "2026-10-31"
WARM_RUNS = 5
KPIS_RUNS = 3
PAGE_RUNS = 3
CHILD_TIMEOUT_S = 900

# Targets per size they are judged at: {size: {target key: (text, check(value) -> bool)}}.
# A page's cold and warm rows, the browser rows and the meeting rows (per number of
# sessions, 10 and 25) are added per page / count. L on two cores (issues 10 and 20),
# XL = 20,000 staff (issue 20).
TARGETS = {
    "L": {
        "demo": ("≤ 60 s", lambda v: v <= 60),
        "import": ("≤ 10 s", lambda v: v <= 10),
        "cold": ("≤ 1.0 s", lambda v: v <= 1.0),
        "warm": ("≤ 0.2 s", lambda v: v <= 0.2),
        "cold_ratio": ("≤ 2×", lambda v: v <= 2),
        "kpis": ("≤ 1.0 s", lambda v: v <= 1.0),
        "memory": ("≤ 500 MB", lambda v: v <= 500),
        "memory_import": ("≤ 500 MB", lambda v: v <= 500),
        "memory_upload": ("≤ 500 MB", lambda v: v <= 500),
        "naive_ratio": ("≥ 20×", lambda v: v >= 20),
        "load_median:10": ("≤ 1 s", lambda v: v <= 1),
        "load_worst:10": ("≤ 2 s", lambda v: v <= 2),
        "load_errors:10": ("0", lambda v: v == 0),
        "load_median:25": ("≤ 2 s", lambda v: v <= 2),
        "load_worst:25": ("≤ 4 s", lambda v: v <= 4),
        "load_errors:25": ("0", lambda v: v == 0),
        "fresh": ("≤ 1.5 s", lambda v: v <= 1.5),
        "click": ("≤ 0.4 s", lambda v: v <= 0.4),
    },
    "XL": {
        "cold": ("≤ 1.5 s", lambda v: v <= 1.5),
        "warm": ("≤ 0.3 s", lambda v: v <= 0.3),
        "memory": ("≤ 1 GB", lambda v: v <= 1024),
        "memory_import": ("≤ 1 GB", lambda v: v <= 1024),
    },
}


# ---------------------------------------------------------------- child processes

def _child(args, timeout=CHILD_TIMEOUT_S, env=None):
    """Run ``args``; return ``(seconds, peak RSS in MB, stdout, returncode)``.

    The child's own peak is its VmHWM, read while it runs (it only grows, so the last
    reading is the peak up to the last 10 ms): ``wait4``'s ``ru_maxrss`` would be at least
    this process's own size when it started the child, as Linux keeps the parent's across
    ``fork`` and ``exec`` — after the upload test has written and read a 190 MB file, every
    later child would report that. ``ru_maxrss`` only when no reading was made. Stdout goes
    through a file so a chatty child never blocks on a full pipe.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(a) for a in args], stdout=out, stderr=err, cwd=ROOT,
                                env={**os.environ, **(env or {})})
        own = 0.0
        while True:
            try:
                own = max(own, _peak_rss_mb(proc.pid))
            except (OSError, ValueError):
                pass                        # already gone (a zombie has no VmHWM)
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace")
        if proc.returncode:
            text += err.read().decode("utf-8", "replace")[-2000:]
    return seconds, own or usage.ru_maxrss / 1024, text, proc.returncode


def _worker(task, *args):
    """Run a measurement in this (fresh) process; the result is the last stdout line, JSON."""
    return _child([sys.executable, "-m", "bench", task, *map(str, args)])


def _last_json(text):
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"no result from the worker: {text[-1500:]}")


def pages():
    """The app's pages in menu order, read from ``PAGES`` in app.py (views that exist)."""
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            names = [ast.literal_eval(item)[0] for item in node.value.elts]
            return [n for n in names if (ROOT / "pages" / f"{n}.py").exists()]
    raise RuntimeError("app.py has no PAGES")


# ---------------------------------------------------------------- workers (fresh processes)

def _page_worker(db, page):
    """Cold and warm server-side runs of one page (see the module docstring)."""
    os.environ["DRAAGVLAK_DB"] = str(db)
    start = time.perf_counter()
    import altair  # noqa: F401 — the app's libraries, imported as a server process has them
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import scipy.optimize  # noqa: F401
    from streamlit.testing.v1 import AppTest

    sys.path.insert(0, str(ROOT))
    for name in ("core.kpis", "core.adoption", "core.surveys", "core.stakeholders", "core.pilots",
                 "core.steering", "core.charts", "core.adoption.charts", "core.surveys.charts",
                 "core.stakeholders.charts", "core.pilots.charts", "core.steering.deck", "ui.context"):
        try:
            __import__(name)
        except ModuleNotFoundError:
            pass
    try:
        # A store without users is single-user mode for a browser on this computer;
        # AppTest has no browser to ask.
        import ui.auth
        ui.auth.is_local_browser = lambda: True
    except (ModuleNotFoundError, AttributeError):
        pass
    warm = AppTest.from_string("import streamlit as st\nst.write('warm-up')")
    warm.run()
    startup = time.perf_counter() - start
    at = AppTest.from_file(str(APP), default_timeout=300)
    # A server scans the installed packages for components once, when it starts (Runtime);
    # every AppTest does it again on its first run (0.2–0.4 s here, reading 500 package
    # metadata files). Hand over the warm-up's scan, so that "cold" is the page's own run.
    if getattr(warm, "_bidi_component_manager", None) is not None:
        at._bidi_component_manager = warm._bidi_component_manager
    at.switch_page(f"pages/{page}.py")
    t = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t
    error = [e.message for e in at.exception][:1]
    warm = []
    for _ in range(WARM_RUNS):
        t = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t)
        error = error or [e.message for e in at.exception][:1]
    titles = [x.value for x in at.title]
    return {"startup": startup, "cold": cold, "warm": statistics.median(warm),
            "error": error[0] if error else None, "title": titles[0] if titles else None}


def _import_worker(db, csv_path):
    """Preview and write one usage file through the importer, as the Data page does."""
    sys.path.insert(0, str(ROOT))
    from core import importers, store

    s = store.Store(db)
    t = time.perf_counter()
    plan = importers.plan_import(s.read(), csv_path)
    preview = time.perf_counter() - t
    if not plan.ok:
        return {"error": str(plan.errors[0]), "rows": plan.rows}
    # A big file's rows come as importers.UsageRows, a small one's as tuples (person first).
    usage = plan.records.get("usage") or []
    in_file = set(usage.people) if hasattr(usage, "people") else {r[0] for r in usage}
    before = _series_of_others(s.read(), in_file)
    t = time.perf_counter()
    importers.apply_import(s, plan, _system_actor(), backup=True)
    write = time.perf_counter() - t
    # The import must leave the rollups of everyone outside its file as they were (a bug
    # that emptied them showed only at this scale).
    kept = _series_of_others(s.read(), in_file) == before
    return {"preview": preview, "write": write, "rows": plan.rows, "error": None, "kept": kept,
            "hwm": _peak_rss_mb(os.getpid())}


def _preview_worker(db, path):
    """Preview one file through the importer, as ``import --dry-run`` does; report this
    process's own peak (VmHWM: ru_maxrss would include the parent's, as Linux keeps it
    across exec)."""
    sys.path.insert(0, str(ROOT))
    from core import importers, store

    plan = importers.plan_import(store.Store(db).read(), path)
    return {"ok": plan.ok, "messages": plan.messages("en")[:3], "hwm": _peak_rss_mb(os.getpid())}


def _series_of_others(db, people):
    """A digest of the usage rollup rows of everyone not in ``people``."""
    digest = hashlib.sha256()
    for row in db.execute("SELECT tool, employee_id, first_week, weeks, actions, days "
                          "FROM usage_series ORDER BY tool, employee_id"):
        if row[1] not in people:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _system_actor():
    try:
        from core import access
        return access.SYSTEM
    except ImportError:
        return "bench"


def _baseline_worker(db):
    """The Overview's usage figures from every raw row in pandas, and from the rollups."""
    sys.path.insert(0, str(ROOT))
    import numpy as np
    import pandas as pd

    from core import kpis, store, usage
    from core.filters import DEFAULT_PERIOD, for_period

    s = store.Store(db)
    read = s.read()
    f = for_period(DEFAULT_PERIOD, kpis.data_as_of(read), [], None)

    t = time.perf_counter()
    rollup = (kpis.adoption_rate(read, f), kpis.adoption_trend(read, f), kpis.segment_progress(read, f))
    fast = time.perf_counter() - t

    t = time.perf_counter()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    raw = pd.read_sql_query("SELECT employee_id, day, tool, actions FROM usage_daily", conn)
    staff = pd.read_sql_query(
        "SELECT id, COALESCE(segment, 'unassigned') AS segment, licensed_from, licensed_to FROM employees",
        conn)
    raw = raw[raw["actions"] > 0]
    raw["day"] = pd.to_datetime(raw["day"])
    lic_from = pd.to_datetime(staff["licensed_from"])
    lic_to = pd.to_datetime(staff["licensed_to"]).fillna(pd.Timestamp.max)

    def on(day, window):
        day = pd.Timestamp(day)
        used = raw[(raw["day"] > day - pd.Timedelta(days=window)) & (raw["day"] <= day)]
        licensed = (lic_from <= day) & (lic_to >= day)
        return licensed, licensed & staff["id"].isin(set(used["employee_id"]))

    window = usage.window_days(read)
    day = min(f.as_of, raw["day"].max().date())
    licensed, active = on(day, window)
    naive_rate = (int(active.sum()), int(licensed.sum()))
    naive_segments = {seg: (int(licensed[staff["segment"] == seg].sum()),
                            int(active[staff["segment"] == seg].sum()))
                      for seg in staff.loc[licensed, "segment"].unique()}
    naive_trend = []
    for point in rollup[1]:
        licensed, active = on(dt.date.fromisoformat(point["week_end"]), 28)
        naive_trend.append((int(active.sum()), int(licensed.sum())))
    slow = time.perf_counter() - t
    same = (naive_rate == (rollup[0].active, rollup[0].eligible)
            and naive_trend == [(p["active"], p["eligible"]) for p in rollup[1]]
            and naive_segments == {k: (v["members"], v["active"]) for k, v in rollup[2].items()}
            and bool(np.isfinite(slow)))
    return {"naive": slow, "rollup": fast, "same": same, "rows": int(len(raw))}


WORKERS = {"page": _page_worker, "import": _import_worker, "baseline": _baseline_worker,
           "preview": _preview_worker}


# ---------------------------------------------------------------- the usage file

def write_viva_csv(db, path, rows, seed=7):
    """Write a Viva Insights person query of ``rows`` rows for the store's staff; return its path.

    One row per person and week (``MetricDate`` = the Sunday starting it) over the store's
    usage period, persons taken from the staff list in id order (``PersonId`` = the
    employee id, ``Organization`` = their department; more rows than staff × weeks repeat
    the list with a suffix). Action counts are random 0..6 per Copilot app.
    """
    import numpy as np
    import pandas as pd

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    staff = conn.execute("SELECT id, department FROM employees ORDER BY id").fetchall()
    first, last = conn.execute("SELECT MIN(day), MAX(day) FROM usage_daily").fetchone()
    conn.close()
    first, last = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    sunday = first - dt.timedelta(days=(first.weekday() + 1) % 7)
    weeks = [sunday + dt.timedelta(weeks=k) for k in range((last - sunday).days // 7 + 1)]
    people = -(-rows // len(weeks))
    ids = [staff[i % len(staff)][0] + ("" if i < len(staff) else f"-{i // len(staff)}")
           for i in range(people)]
    depts = [staff[i % len(staff)][1] for i in range(people)]
    week_of_row = np.arange(rows) // people
    person_of_row = np.arange(rows) % people
    rng = np.random.default_rng(seed)
    apps = ("Teams", "Copilot_chat_(work)", "Excel", "Outlook", "Powerpoint", "Word")
    frame = pd.DataFrame({"PersonId": np.array(ids, dtype=object)[person_of_row],
                          "MetricDate": np.array([w.isoformat() for w in weeks], dtype=object)[week_of_row]})
    for app in apps:
        frame[f"Copilot_actions_taken_in_{app}"] = rng.integers(0, 7, rows)
    frame["Organization"] = np.array(depts, dtype=object)[person_of_row]
    frame.to_csv(path, index=False)
    return path


def write_unknown_csv(path, megabytes):
    """Write a CSV of about ``megabytes`` MB whose columns are no format Draagvlak knows (an
    application log exported by mistake): the bad input the upload test sends."""
    line = ("2026-11-02T08:00:00,web-01,INFO,request handled in 12 ms for /api/v1/items?page=3 "
            "user agent Mozilla/5.0\n")
    block = line * 10_000
    with open(path, "w", encoding="utf-8") as f:
        f.write("ts,host,severity,text\n")
        for _ in range(megabytes * 1024 * 1024 // len(block)):
            f.write(block)
    return path


def write_viva_of_size(db, path, megabytes):
    """``write_viva_csv`` with as many rows as make about ``megabytes`` MB (never more)."""
    target = megabytes * 1024 * 1024
    rows = 20_000
    while True:
        write_viva_csv(db, path, rows)
        size = Path(path).stat().st_size
        if 0.97 * target <= size <= target:
            return path
        rows = int(rows * target / size * 0.985)


# ---------------------------------------------------------------- the steering meeting

def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _open_overview(url, timeout):
    """Open one session on the app and run the Overview; return ``(seconds, error or None)``."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    start = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
                msg = BackMsg()
                msg.rerun_script.query_string = ""
                msg.rerun_script.page_script_hash = ""
                await ws.send(msg.SerializeToString())
                error = None
                while True:
                    fwd = ForwardMsg()
                    fwd.ParseFromString(await ws.recv())
                    kind = fwd.WhichOneof("type")
                    if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element" \
                            and fwd.delta.new_element.WhichOneof("type") == "exception":
                        error = error or fwd.delta.new_element.exception.message[:200]
                    if kind == "script_finished":
                        if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                            error = error or f"script_finished {fwd.script_finished}"
                        return time.perf_counter() - start, error
    except (TimeoutError, OSError, Exception) as exc:    # noqa: BLE001 — every failure counts
        return time.perf_counter() - start, f"{type(exc).__name__}: {exc}"[:200]


async def _meeting(url, sessions, rounds, timeout):
    latencies, errors = [], []
    for _ in range(rounds):
        results = await asyncio.gather(*(_open_overview(url, timeout) for _ in range(sessions)))
        for seconds, error in results:
            latencies.append(seconds)
            if error:
                errors.append(error)
    return latencies, errors


@contextlib.contextmanager
def serve(db, extra=()):
    """``streamlit run app.py`` on loopback for the store ``db``, as the app is deployed (its
    own .streamlit/config.toml, plus the options ``extra``); yields ``(port, server
    process)`` once it answers, and stops it on leaving, whatever happened."""
    port = _free_port()
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra],
        cwd=ROOT, env={**os.environ, "DRAAGVLAK_DB": str(db)}, stdout=log, stderr=log)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                log.seek(0)
                raise RuntimeError("the Streamlit server did not start: "
                                   + log.read().decode("utf-8", "replace")[-1500:])
            time.sleep(0.3)
        yield port, server
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def steering_meeting(db, sessions=10, rounds=3, timeout=20.0):
    """Start ``streamlit run app.py`` on loopback and let ``sessions`` sessions open the
    Overview together, ``rounds`` times (after one warm-up session: the server has been
    running before the meeting). Returns ``{"median", "worst", "errors", "first_error",
    "server_mb", "runs"}``."""
    with serve(db) as (port, server):
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        asyncio.run(_meeting(url, 1, 1, 120))
        latencies, errors = asyncio.run(_meeting(url, sessions, rounds, timeout))
        server_mb = _peak_rss_mb(server.pid)
    return {"median": statistics.median(latencies), "worst": max(latencies),
            "errors": len(errors), "first_error": errors[0] if errors else None,
            "server_mb": server_mb, "runs": len(latencies)}


async def _run_page(ws, page, widgets=(), timeout=600):
    """Run ``page`` in an open session; return ``(session_id, elements, error)`` where
    ``elements`` are the run's new elements and ``error`` an exception shown, or ``None``."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_name = page
    for w in widgets:
        msg.rerun_script.widget_states.widgets.append(w)
    await ws.send(msg.SerializeToString())
    session_id, elements, error = None, [], None
    async with asyncio.timeout(timeout):
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                session_id = fwd.new_session.initialize.session_id
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                elements.append(el)
                if el.WhichOneof("type") == "exception":
                    error = error or el.exception.message[:200]
            elif kind == "script_finished":
                return session_id, elements, error


async def _upload(port, path, server_pid):
    """Open the Data page, upload ``path`` into its file uploader as a browser does (PUT to
    the upload endpoint, then a rerun with the uploader's state), let the preview run, and
    return ``{"peak", "after", "error", "preview"}`` (MB, the server's VmHWM and VmRSS)."""
    import uuid

    import websockets
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None) as ws:
        session_id, elements, error = await _run_page(ws, "data")
        uploader = next(e.file_uploader for e in elements if e.WhichOneof("type") == "file_uploader")
        file_id = str(uuid.uuid4())
        boundary = uuid.uuid4().hex
        size = Path(path).stat().st_size
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"{Path(path).name}\"\r\nContent-Type: text/csv\r\n\r\n").encode()
        tail = f"\r\n--{boundary}--\r\n".encode()

        def body():
            yield head
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    yield chunk
            yield tail

        url = f"http://127.0.0.1:{port}/_stcore/upload_file/{session_id}/{file_id}"
        req = urllib.request.Request(url, data=body(), method="PUT", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(len(head) + size + len(tail))})
        for attempt in (1, 2):      # a loaded machine may drop the first connection
            try:
                await asyncio.to_thread(lambda: urllib.request.urlopen(req, timeout=600).read())
                break
            except urllib.error.URLError:
                if attempt == 2:
                    raise
                req = urllib.request.Request(url, data=body(), method="PUT", headers=req.headers)
        state = WidgetState(id=uploader.id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = file_id, Path(path).name, size
        info.file_urls.file_id, info.file_urls.upload_url = file_id, url
        info.file_urls.delete_url = url
        _, elements, error = await _run_page(ws, "data", [state])
        texts = [e.alert.body for e in elements if e.WhichOneof("type") == "alert"]
        peak = _peak_rss_mb(server_pid)
        # Then the user clears the uploader: the server should fall back near its baseline.
        # Then the user removes the file (the browser deletes it on the server) and goes on.
        urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=60).read()
        empty = WidgetState(id=uploader.id)
        empty.file_uploader_state_value.SetInParent()
        await _run_page(ws, "data", [empty])
        await _run_page(ws, "data", [empty])
    return {"peak": peak, "after": _rss_mb(server_pid), "error": error, "preview": texts[:3]}


def upload_memory(db, path):
    """The server's memory around one upload of ``path`` on the Data page: ``{"baseline"
    (after opening the page), "peak" (VmHWM through upload and preview), "after" (VmRSS once
    the upload is removed), "error", "preview"}`` in MB."""
    with serve(db, ["--server.enableXsrfProtection", "false"]) as (port, server):
        async def warm():
            async with __import__("websockets").connect(
                    f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                    max_size=None) as ws:
                await _run_page(ws, "data")
        asyncio.run(warm())
        baseline = _rss_mb(server.pid)
        try:
            result = asyncio.run(_upload(port, path, server.pid))
        except OSError as exc:
            raise RuntimeError(f"the upload failed: {exc}") from exc
    return dict(result, baseline=baseline)


def worker_memory(db, path, workdir):
    """The Data page's worker process on ``path`` (a large upload's temporary copy): its
    peak (VmHWM, MB) through the preview on the store ``db``, and through the import of that
    preview (read again, backup, one transaction) on a copy of the store; with the rows the
    import added. ``{"preview", "import", "rows", "seconds"}``."""
    sys.path.insert(0, str(ROOT))
    from core import importers

    folder = Path(workdir) / f"{Path(db).stem}-upload"      # the copy, and its backup
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    copy = folder / "store.db"
    shutil.copyfile(db, copy)
    peaks = {}
    try:
        plan = importers.plan_in_worker(copy, path, Path(path).name,
                                        peak=lambda mb: peaks.__setitem__("preview", mb))
        if not plan.ok:
            raise RuntimeError(f"the worker refused the upload: {plan.messages('en')[:1]}")
        t = time.perf_counter()
        [batch] = importers.import_in_worker(copy, [plan], _system_actor(),
                                             peak=lambda mb: peaks.__setitem__("import", mb))
        seconds = time.perf_counter() - t
        conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        rows = conn.execute("SELECT COUNT(*) FROM usage_daily WHERE batch_id = ?", [batch]).fetchone()[0]
        conn.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return dict(peaks, rows=rows, seconds=seconds)


def _rss_mb(pid):
    """A running process's current resident set (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_rss_mb(pid):
    """A running process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# ---------------------------------------------------------------- one size

def run_size(size, workdir, import_rows, load, sessions, rounds, log=print, browser=False,
             upload_mb=0):
    """Measure one size; return ``{metric: value}`` (seconds, MB, ratios). ``sessions`` is a
    list of meeting sizes; ``browser`` adds the browser section (at ``BROWSER_SIZES``);
    ``upload_mb`` the upload memory test (0: none)."""
    employees, months = SIZES[size]
    db = Path(workdir) / f"bench-{size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    out, peaks = {}, []
    seconds, mb, text, rc = _child([sys.executable, "-m", "core", "demo", "--db", db, "--employees",
                                    employees, "--months", months, "--end", END])
    if rc:
        raise RuntimeError(f"demo build failed: {text[-1500:]}")
    out["demo"] = seconds
    out["memory_demo"] = mb
    log(f"[{size}] demo build {seconds:.1f} s")

    # Each page in PAGE_RUNS fresh processes, the median reported: one process's first run
    # lasts under a second, and on this virtual machine a single one varied by 50%.
    for page in pages():
        runs = []
        for _ in range(PAGE_RUNS):
            seconds, mb, text, rc = _worker("page", db, page)
            result = _last_json(text)
            if result["error"]:
                raise RuntimeError(f"page {page} failed: {result['error']}")
            runs.append(result)
            peaks.append(mb)
        for key in ("cold", "warm"):
            out[f"{key}:{page}"] = statistics.median(r[key] for r in runs)
        out.setdefault("startup", statistics.median(r["startup"] for r in runs))
        log(f"[{size}] {page}: cold {out[f'cold:{page}']:.2f} s ("
            + ", ".join(f"{r['cold']:.2f}" for r in runs) + f"), warm {out[f'warm:{page}']:.3f} s")

    # A command that lasts under a second: one run is at the mercy of whatever else the
    # machine does in that second, so the median of KPIS_RUNS.
    times = []
    for _ in range(KPIS_RUNS):
        seconds, mb, text, rc = _child([sys.executable, "-m", "core", "kpis", "--db", db, "--json"])
        if rc:
            raise RuntimeError(f"kpis --json failed: {text[-1500:]}")
        json.loads(text)
        times.append(seconds)
        peaks.append(mb)
    out["kpis"] = statistics.median(times)
    log(f"[{size}] kpis --json {out['kpis']:.2f} s (median of {KPIS_RUNS}: "
        + ", ".join(f"{t:.2f}" for t in times) + ")")

    seconds, mb, text, rc = _worker("baseline", db)
    result = _last_json(text)
    out["naive"], out["rollup"], out["naive_same"] = result["naive"], result["rollup"], result["same"]
    out["naive_ratio"] = result["naive"] / result["rollup"] if result["rollup"] else None
    out["memory_naive"] = mb        # the baseline holds every raw row: not the app's memory
    log(f"[{size}] naive {result['naive']:.2f} s vs rollups {result['rollup']:.3f} s, same: {result['same']}")

    if load:
        for count in sessions:
            meeting = steering_meeting(db, count, rounds)
            out.update({f"load_median:{count}": meeting["median"],
                        f"load_worst:{count}": meeting["worst"],
                        f"load_errors:{count}": meeting["errors"],
                        f"load_first_error:{count}": meeting["first_error"]})
            peaks.append(meeting["server_mb"])
            log(f"[{size}] {count} sessions × {rounds}: median {meeting['median']:.2f} s, "
                f"worst {meeting['worst']:.2f} s, errors {meeting['errors']}"
                + (f" (first: {meeting['first_error']})" if meeting["first_error"] else ""))

    if browser and size in BROWSER_SIZES:
        from bench import browser as in_browser

        with serve(db) as (port, server):
            timings = in_browser.measure(f"http://127.0.0.1:{port}", pages(), BROWSER_RUNS,
                                         log=lambda m: log(f"[{size}] {m}"))
            peaks.append(_peak_rss_mb(server.pid))
        for page, kinds in timings.items():
            for kind, parts in kinds.items():
                for part, value in parts.items():
                    out[f"{kind}:{page}" if part == "total" else f"{kind}_{part}:{page}"] = value

    if import_rows:
        copy = Path(workdir) / f"bench-{size}-import.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(db, copy)
        csv_path = write_viva_csv(db, Path(workdir) / f"viva-{size}.csv", import_rows)
        seconds, mb, text, rc = _worker("import", copy, csv_path)
        result = _last_json(text)
        if result.get("error"):
            raise RuntimeError(f"import failed: {result['error']}")
        out["import"] = result["preview"] + result["write"]
        out["import_preview"], out["import_write"] = result["preview"], result["write"]
        out["import_rows"] = result["rows"]
        out["import_kept"] = result["kept"]
        # The worker's own peak: wait4's ru_maxrss also holds this process's, which wrote the file.
        out["memory_import"] = result["hwm"]
        log(f"[{size}] import {result['rows']:,} rows: preview {result['preview']:.1f} s, "
            f"write {result['write']:.1f} s")
    if upload_mb:
        # The server through one upload of a bad file of upload_mb MB (TARGET), and of a
        # valid usage file of that size (reported; its preview holds every row).
        bad = write_unknown_csv(Path(workdir) / f"unknown-{size}.csv", upload_mb)
        up = upload_memory(db, bad)
        if up["error"]:
            raise RuntimeError(f"upload failed: {up['error']}")
        out["memory_upload"], out["memory_upload_after"] = up["peak"], up["after"]
        out["memory_upload_baseline"] = up["baseline"]
        seconds, mb, text, rc = _worker("preview", db, bad)
        out["memory_import_unknown"] = _last_json(text)["hwm"]
        good = write_viva_of_size(db, Path(workdir) / f"viva-{size}-{upload_mb}mb.csv", upload_mb)
        up = upload_memory(db, good)
        out["memory_upload_valid"], out["memory_upload_valid_after"] = up["peak"], up["after"]
        # The worker process the Data page leaves that file to: its preview, and the import.
        worker = worker_memory(db, good, workdir)
        out["memory_worker_preview"], out["memory_worker_import"] = worker["preview"], worker["import"]
        out["upload_import"], out["upload_import_rows"] = worker["seconds"], worker["rows"]
        log(f"[{size}] upload of {upload_mb} MB: unknown file peak {out['memory_upload']:.0f} MB, "
            f"after {out['memory_upload_after']:.0f} MB (baseline {out['memory_upload_baseline']:.0f}); "
            f"usage file peak {out['memory_upload_valid']:.0f} MB, after "
            f"{out['memory_upload_valid_after']:.0f} MB; import preview of the unknown file "
            f"{out['memory_import_unknown']:.0f} MB; the worker: preview {worker['preview']:.0f} MB, "
            f"import {worker['import']:.0f} MB ({worker['rows']:,} rows in {worker['seconds']:.0f} s)")
        for path in (bad, good):
            Path(path).unlink(missing_ok=True)
    out["memory"] = max(peaks)
    return out


# ---------------------------------------------------------------- the table

def _fmt(key, value):
    if value is None:
        return "—"
    if isinstance(value, tuple):        # where the time goes: parts in seconds
        return " + ".join(f"{v:.2f}" for v in value)
    if key.startswith("memory"):
        return f"{value:.0f} MB"
    if key in ("naive_ratio", "cold_ratio"):
        return f"{value:.1f}×"
    if key.startswith("load_errors"):
        return str(int(value))
    if key.startswith("warm"):
        return f"{value:.3f} s"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def machine():
    """A line describing this computer: CPU, cores, memory, Python, SQLite."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    except (ValueError, OSError):
        mem = 0
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def table(results, import_rows, sessions=(10,), upload_mb=190):
    """The markdown table: a row per measure, a column per size, then each target with its
    verdict at the size it is set for (L, XL) where that size was measured."""
    sizes = list(results)
    rows = [("demo", "Demo build", "demo")]
    for page in pages():
        rows.append((f"cold:{page}", f"Page {page}, cold (median of {PAGE_RUNS} processes)", "cold"))
        rows.append((f"warm:{page}", f"Page {page}, warm (median of {WARM_RUNS} reruns, of {PAGE_RUNS})",
                     "warm"))
    for r in results.values():
        colds = {k[5:]: v for k, v in r.items() if k.startswith("cold:")}
        r["cold_ratio"] = None
        if "S" in results and colds:
            base = {k[5:]: v for k, v in results["S"].items() if k.startswith("cold:")}
            r["cold_ratio"] = max(v / base[p] for p, v in colds.items() if base.get(p))
        for page in pages():
            if f"fresh:{page}" in r:
                r[f"fresh_split:{page}"] = tuple(r[f"fresh_{k}:{page}"] for k in ("shell", "server", "render"))
            if f"first:{page}" in r:
                r[f"first_split:{page}"] = tuple(r[f"first_{k}:{page}"] for k in ("shell", "server", "render"))
            if f"click:{page}" in r:
                r[f"click_split:{page}"] = tuple(r[f"click_{k}:{page}"] for k in ("server", "render"))
    rows += [("cold_ratio", "Cold page time vs S (worst page)", "cold_ratio"),
             ("kpis", f"`kpis --json` (command, median of {KPIS_RUNS})", "kpis"),
             ("import", f"Import of {import_rows:,} usage rows (preview + write)", "import"),
             ("import_preview", "… of which the preview", None),
             ("import_write", "… of which the write (backup included)", None),
             ("naive_ratio", "Naive pandas baseline / rollups (Overview usage figures)", "naive_ratio"),
             ("naive", "… naive: all usage rows into pandas", None),
             ("rollup", "… rollups", None)]
    for count in sessions:
        rows += [(f"load_{part}:{count}", f"{count} sessions opening the Overview: {part}",
                  f"load_{part}:{count}") for part in ("median", "worst", "errors")]
    if any(k.startswith("fresh:") for r in results.values() for k in r):
        for page in pages():
            if page == pages()[0]:
                rows += [(f"first:{page}", f"Browser: {page}, first visit, empty cache (median of {BROWSER_RUNS})", None),
                         (f"first_split:{page}", "… shell + server + render", None)]
            rows += [(f"fresh:{page}", f"Browser: {page}, fresh tab (median of {BROWSER_RUNS})", "fresh"),
                     (f"fresh_split:{page}", "… shell + server + render", None),
                     (f"click:{page}", f"Browser: {page}, sidebar click (median of {BROWSER_RUNS})", "click"),
                     (f"click_split:{page}", "… server + render", None)]
    rows += [("memory", "Peak memory: app (server, page runs, `kpis`)", "memory"),
             ("memory_import", "Peak memory: import process", "memory_import"),
             ("memory_upload", f"Peak memory: server through a {upload_mb} MB upload (no known format)",
              "memory_upload"),
             ("memory_upload_after", "… the server once that unknown file is removed", None),
             ("memory_upload_baseline", "… the server before the upload (Data page open)", None),
             ("memory_import_unknown", f"Peak memory: import preview of that {upload_mb} MB file",
              "memory_import"),
             ("memory_upload_valid", f"Peak memory: server through a {upload_mb} MB usage upload "
              "(Viva, previewed in a worker process)", "memory_upload"),
             ("memory_upload_valid_after", "… the server once that usage file is removed", None),
             ("memory_worker_preview", f"Peak memory: worker process previewing that {upload_mb} MB "
              "usage file", "memory_import"),
             ("memory_worker_import", "… the worker importing it (read again, backup, one transaction)",
              "memory_import"),
             ("upload_import", "… that import's time (worker start to commit)", None),
             ("memory_demo", "Peak memory: demo build", None),
             ("memory_naive", "Peak memory: naive baseline", None),
             ("startup", "Process startup before a cold page (imports, component scan; not in cold)", None)]
    judged = [size for size in TARGETS if size in results]
    head = "| " + " | ".join(["Measure", *sizes, *(f"{w} {z}" for z in judged
                                                   for w in ("Target at", "At"))]) + " |"
    lines = [head, "|" + "---|" * (1 + len(sizes) + 2 * len(judged))]
    for key, label, target in rows:
        values = [results[s].get(key) for s in sizes]
        cells = []
        for size in judged:
            rule = TARGETS[size].get(target) if target else None
            value = results[size].get(key)
            verdict = "" if rule is None or value is None else (
                "pass" if rule[1](value) else "**miss**")
            cells += [rule[0] if rule else "", verdict]
        lines.append("| " + " | ".join([label, *(_fmt(key, v) for v in values), *cells]) + " |")
    agree = all(r.get("naive_same", True) for r in results.values())
    notes = [f"Machine: {machine()}.",
             f"Run {dt.datetime.now().isoformat(timespec='minutes')}; sizes "
             + ", ".join(f"{s} = {SIZES[s][0]:,} staff × {SIZES[s][1]} months" for s in sizes) + ".",
             "The naive baseline and the rollups gave " + ("the same figures." if agree
                                                          else "**different figures**.")]
    kept = [r["import_kept"] for r in results.values() if "import_kept" in r]
    if kept:
        notes.append("The import left the usage rollups of everyone outside its file "
                     + ("unchanged." if all(kept) else "**changed** (a bug)."))
    errors = [f"{s}, {k.split(':')[1]} sessions: {v}" for s, r in results.items()
              for k, v in r.items() if k.startswith("load_first_error") and v]
    if errors:
        notes.append("First meeting error: " + "; ".join(errors) + ".")
    load = os.getloadavg()
    notes.append(f"Load average at the end (1, 5, 15 min): {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}.")
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


# ---------------------------------------------------------------- command line

def add_parser(sub):
    p = sub.add_parser("bench", help="measure build, import, pages, kpis and load per store size")
    p.add_argument("--sizes", default="S,M,L", help="comma-separated: S, M, L, XL (default S,M,L)")
    p.add_argument("--out", help="also write the markdown table to this file")
    p.add_argument("--import-rows", type=int, default=1_000_000,
                   help="usage rows in the import test (0 skips it; default 1,000,000)")
    p.add_argument("--skip-load", action="store_true", help="no steering-meeting load test")
    p.add_argument("--sessions", default="10,25",
                   help="comma-separated meeting sizes: concurrent sessions (default 10,25)")
    p.add_argument("--browser", action="store_true",
                   help="add the browser section (Chromium, at S and L): fresh tab and sidebar click")
    p.add_argument("--upload-mb", type=int, default=190,
                   help="size of the files in the upload memory test (0 skips it; default 190)")
    p.add_argument("--rounds", type=int, default=3, help="times they open the Overview (default 3)")
    p.add_argument("--workdir", help="folder for the stores (default: a temporary one, removed)")
    p.set_defaults(db=None)


def run(args):
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown or not sizes:
        print(f"error: unknown size {', '.join(unknown) or '(none)'}; choose from S, M, L, XL",
              file=sys.stderr)
        return 2
    try:
        sessions = [int(n) for n in str(args.sessions).split(",") if n.strip()]
    except ValueError:
        sessions = []
    if (args.import_rows < 0 or not sessions or min(sessions) < 1 or args.rounds < 1
            or not 0 <= args.upload_mb <= 199):
        print("error: --import-rows ≥ 0, --sessions ≥ 1, --rounds ≥ 1, 0 ≤ --upload-mb ≤ 199",
              file=sys.stderr)
        return 2
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="draagvlak-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = {}
        for size in sizes:
            results[size] = run_size(size, workdir, args.import_rows, not args.skip_load,
                                     sessions, args.rounds,
                                     log=lambda m: print(m, file=sys.stderr, flush=True),
                                     browser=args.browser, upload_mb=args.upload_mb)
        text = table(results, args.import_rows, sessions, args.upload_mb)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0

