"""The benchmark command: a small real run has a number in every cell it measured, and the
table judges the targets at L. No test here times anything."""
import csv
import re
import subprocess
import sys
from pathlib import Path

from bench import measure as bench
from core import store
from core.importers import plan_import

ROOT = bench.ROOT


def test_viva_file_for_the_store_staff(demo_db, tmp_path):
    path = bench.write_viva_csv(demo_db, tmp_path / "viva.csv", 3000)
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3000
    staff = dict(store.Store(demo_db).read().execute("SELECT id, department FROM employees").fetchall())
    assert {r["PersonId"] for r in rows} <= set(staff)
    assert all(staff[r["PersonId"]] == r["Organization"] for r in rows)
    assert len({(r["PersonId"], r["MetricDate"]) for r in rows}) == 3000
    plan = plan_import(store.Store(demo_db).read(), path)
    assert plan.ok and plan.kind == "viva" and plan.rows == 3000


def test_pages_are_read_from_the_app():
    names = bench.pages()
    assert names[0] == "overview"
    assert {"acceptance", "adoption", "stakeholders", "pilots", "data", "steering"} <= set(names)


def test_table_judges_the_targets_at_l_and_xl():
    page = {f"{k}:{p}": v for p in bench.pages() for k, v in (("cold", 0.5), ("warm", 0.1))}
    s = dict(page, demo=2.0, kpis=0.5, memory=200, naive_ratio=30, naive=3.0,
             rollup=0.1, naive_same=True)
    browser = {f"{kind}{part}:{p}": v for p in bench.pages()
               for kind, part, v in (("fresh", "", 1.2), ("fresh_", "shell", 0.5),
                                     ("fresh_", "server", 0.4), ("fresh_", "render", 0.3),
                                     ("click", "", 0.3), ("click_", "server", 0.2),
                                     ("click_", "render", 0.1))}
    big = dict(page, **browser)
    big.update({"cold:overview": 1.5, "fresh:adoption": 1.9, "click:pilots": 0.45})
    big = dict(big, demo=75.0, kpis=0.9, memory=450, naive_ratio=19.5,
               naive=9.0, rollup=0.5, naive_same=True, import_kept=False, **{"import": 9.5},
               **{"load_median:10": 0.8, "load_worst:10": 2.5, "load_errors:10": 0,
                  "load_median:25": 1.9, "load_worst:25": 3.5, "load_errors:25": 2,
                  "load_first_error:25": "TimeoutError: "})
    xl = dict(page, **{"cold:adoption": 1.6, "warm:data": 0.31}, demo=200.0, kpis=1.5,
              memory=1100, memory_import=900, naive_ratio=50, naive=30.0, rollup=0.6)
    text = bench.table({"S": s, "L": big, "XL": xl}, 1_000_000, [10, 25])
    rows = {line.split(" | ")[0].strip("| "): line for line in text.splitlines() if line.startswith("|")}
    assert rows["Measure"] == "| Measure | S | L | XL | Target at L | At L | Target at XL | At XL |"
    assert rows["Demo build"].endswith("| 2.00 s | 75.0 s | 200.0 s | ≤ 60 s | **miss** |  |  |")
    assert rows["Page overview, cold (median of 3 processes)"].endswith(
        "| 0.50 s | 1.50 s | 0.50 s | ≤ 1.0 s | **miss** | ≤ 1.5 s | pass |")
    assert rows["Page adoption, cold (median of 3 processes)"].endswith("| ≤ 1.0 s | pass | ≤ 1.5 s | **miss** |")
    assert rows["Page data, warm (median of 5 reruns, of 3)"].endswith("| 0.310 s | ≤ 0.2 s | pass | ≤ 0.3 s | **miss** |")
    assert rows["Cold page time vs S (worst page)"].endswith("| 1.0× | 3.0× | 3.2× | ≤ 2× | **miss** |  |  |")
    assert rows["Naive pandas baseline / rollups (Overview usage figures)"].endswith("| ≥ 20× | **miss** |  |  |")
    assert rows["10 sessions opening the Overview: worst"].endswith("| — | 2.50 s | — | ≤ 2 s | **miss** |  |  |")
    assert rows["10 sessions opening the Overview: errors"].endswith("| — | 0 | — | 0 | pass |  |  |")
    assert rows["25 sessions opening the Overview: median"].endswith("| 1.90 s | — | ≤ 2 s | pass |  |  |")
    assert rows["25 sessions opening the Overview: errors"].endswith("| 2 | — | 0 | **miss** |  |  |")
    assert rows["Browser: adoption, fresh tab (median of 5)"].endswith("| — | 1.90 s | — | ≤ 1.5 s | **miss** |  |  |")
    assert rows["Browser: overview, fresh tab (median of 5)"].endswith("| 1.20 s | — | ≤ 1.5 s | pass |  |  |")
    assert rows["Browser: pilots, sidebar click (median of 5)"].endswith("| 0.45 s | — | ≤ 0.4 s | **miss** |  |  |")
    assert "| … shell + server + render | — | 0.50 + 0.40 + 0.30 | — |" in text
    assert rows["Import of 1,000,000 usage rows (preview + write)"].endswith("| — | 9.50 s | — | ≤ 10 s | pass |  |  |")
    assert rows["Peak memory: app (server, page runs, `kpis`)"].endswith(
        "| 200 MB | 450 MB | 1100 MB | ≤ 500 MB | pass | ≤ 1 GB | **miss** |")
    assert rows["Peak memory: import process"].endswith("| — | — | 900 MB | ≤ 500 MB |  | ≤ 1 GB | pass |")
    assert "gave the same figures" in text
    assert "everyone outside its file **changed** (a bug)." in text
    assert "First meeting error: L, 25 sessions: TimeoutError: ." in text


def test_small_run_fills_the_table(tmp_path):
    out = tmp_path / "bench.md"
    result = subprocess.run(
        [sys.executable, "-m", "core", "bench", "--sizes", "S", "--import-rows", "2000",
         "--skip-load", "--upload-mb", "20", "--out", str(out), "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text.strip() in result.stdout
    cells = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("| Measure"):
            parts = [p.strip() for p in line.strip("|").split("|")]
            cells[parts[0]] = parts[1]            # the S column
    number = re.compile(r"^(\d+(\.\d+)?) ?(s|MB|×)$")
    measured = [k for k in cells if k.startswith("Page ")] + [
        "Demo build", "`kpis --json` (command, median of 3)", "Import of 2,000 usage rows (preview + write)",
        "Naive pandas baseline / rollups (Overview usage figures)", "Peak memory: app (server, page runs, `kpis`)",
        "Peak memory: import process", "Peak memory: demo build",
        "Peak memory: server through a 20 MB upload (no known format)",
        "… the server once that unknown file is removed", "… the server once that usage file is removed",
        "… the server before the upload (Data page open)",
        "Peak memory: import preview of that 20 MB file",
        "Peak memory: server through a 20 MB usage upload (Viva, previewed in a worker process)",
        "Peak memory: worker process previewing that 20 MB usage file",
        "… the worker importing it (read again, backup, one transaction)",
        "… that import's time (worker start to commit)"]
    assert len([k for k in cells if k.startswith("Page ")]) == 2 * len(bench.pages())
    for key in measured:
        match = number.match(cells[key])
        assert match and float(match.group(1)) > 0, (key, cells[key])
    assert cells["10 sessions opening the Overview: median"] == "—"      # --skip-load
    mb = {k: float(number.match(v).group(1)) for k, v in cells.items() if v.endswith(" MB")}
    # The server holds the 20 MB upload once (plus some 10 MB of parsing), not twice or thrice.
    assert (mb["Peak memory: server through a 20 MB upload (no known format)"]
            < mb["… the server before the upload (Data page open)"] + 20 * 1.3 + 15)
    assert (mb["… the server once that unknown file is removed"]
            < mb["… the server before the upload (Data page open)"] + 15)
    assert "gave the same figures" in text
    assert "left the usage rollups of everyone outside its file unchanged." in text
    # The stores are kept in --workdir: the import went to a copy, the demo store is intact.
    demo = store.Store(tmp_path / "work" / "bench-S.db").read()
    copy = store.Store(tmp_path / "work" / "bench-S-import.db").read()
    assert demo.execute("SELECT COUNT(*) FROM employees").fetchone()[0] == 140
    assert copy.execute("SELECT SUM(rows) FROM import_batches").fetchone()[0] == 2000


def test_browser_section_measures_fresh_tab_and_click(demo_db):
    """Chromium against a served demo store: every measured part is there, positive, and
    the parts of a wait add up to it (no timing is asserted)."""
    import shutil

    import pytest
    from bench import browser

    if not shutil.which("chromium") and not Path(browser.CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    names = ["overview", "adoption"]
    with bench.serve(demo_db) as (port, server):
        result = browser.measure(f"http://127.0.0.1:{port}", names, runs=1, log=lambda m: None)
        assert server.poll() is None
    assert server.poll() is not None                      # the server is stopped after
    assert set(result) == set(names)
    assert set(result["overview"]) == {"first", "fresh", "click"} and set(result["adoption"]) == {"fresh", "click"}
    first = result["overview"]["first"]
    assert first["total"] > 0 and abs(first["shell"] + first["server"] + first["render"] - first["total"]) < 1e-6
    for name in names:
        fresh, click = result[name]["fresh"], result[name]["click"]
        assert set(fresh) == {"total", "shell", "server", "render"}
        assert set(click) == {"total", "server", "render"}
        assert fresh["total"] > 0 and fresh["shell"] > 0 and click["total"] > 0
        assert abs(fresh["shell"] + fresh["server"] + fresh["render"] - fresh["total"]) < 1e-6
        assert abs(click["server"] + click["render"] - click["total"]) < 1e-6
