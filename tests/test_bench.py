"""The benchmark command: a small real run has a number in every cell it measured, and the
table judges the targets at L. No test here times anything."""
import csv
import re
import subprocess
import sys

from core import bench, store
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


def test_table_judges_the_targets_at_l():
    page = {f"{k}:{p}": v for p in bench.pages() for k, v in (("cold", 0.5), ("warm", 0.1))}
    s = dict(page, demo=2.0, kpis=0.5, memory=200, naive_ratio=30, naive=3.0,
             rollup=0.1, naive_same=True)
    big = dict(page, **{"cold:overview": 1.5}, demo=75.0, kpis=0.9, memory=450, naive_ratio=19.5,
               naive=9.0, rollup=0.5, naive_same=True, load_median=0.8, load_worst=2.5,
               load_errors=0, import_kept=False, **{"import": 9.5})
    text = bench.table({"S": s, "L": big}, 1_000_000, 10)
    rows = {line.split(" | ")[0].strip("| "): line for line in text.splitlines() if line.startswith("|")}
    assert rows["Demo build"].endswith("| 2.00 s | 75.0 s | **miss** |")
    assert rows["Page overview, cold (median of 3 processes)"].endswith("| 0.50 s | 1.50 s | **miss** |")
    assert rows["Page adoption, cold (median of 3 processes)"].endswith("| pass |")
    assert rows["Cold page time vs S (worst page)"].endswith("| 1.0× | 3.0× | **miss** |")
    assert rows["Naive pandas baseline / rollups (Overview usage figures)"].endswith("| **miss** |")
    assert rows["10 sessions opening the Overview: worst"].endswith("| — | 2.50 s | **miss** |")
    assert rows["10 sessions opening the Overview: errors"].endswith("| — | 0 | pass |")
    assert rows["Import of 1,000,000 usage rows (preview + write)"].endswith("| — | 9.50 s | pass |")
    assert rows["Peak memory: app (server, page runs, `kpis`)"].endswith("| 200 MB | 450 MB | pass |")
    assert "gave the same figures" in text
    assert "everyone outside its file **changed** (a bug)." in text


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
            cells[parts[0]] = parts[2]
    number = re.compile(r"^(\d+(\.\d+)?) ?(s|MB|×)$")
    measured = [k for k in cells if k.startswith("Page ")] + [
        "Demo build", "`kpis --json` (command, median of 3)", "Import of 2,000 usage rows (preview + write)",
        "Naive pandas baseline / rollups (Overview usage figures)", "Peak memory: app (server, page runs, `kpis`)",
        "Peak memory: import process", "Peak memory: demo build",
        "Peak memory: server through a 20 MB upload (no known format)",
        "… the server once that unknown file is removed", "… the server once that usage file is removed",
        "… the server before the upload (Data page open)",
        "Peak memory: import preview of that 20 MB file",
        "Peak memory: server through a 20 MB usage upload (Viva, preview of every row)"]
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
