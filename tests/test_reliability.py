"""Reliability: an import killed at any moment, and readers during a write, on a real store file."""
import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

from conftest import ROOT, SYSTEM
from core import kpis, store
from core.filters import Filters

PEOPLE = 2_000
WEEKS = 20          # 40,000 person-weeks: an import of a few seconds


def _viva_csv(path):
    monday = dt.date(2026, 6, 1)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("PersonId,MetricDate,Copilot_actions_taken_in_Teams,"
                 "Copilot_actions_taken_in_Word,Organization\n")
        for week in range(WEEKS):
            day = (monday + dt.timedelta(weeks=week)).isoformat()
            for person in range(PEOPLE):
                fh.write(f"P-{person:05d},{day},{(person + week) % 7},{person % 3},Verkoop\n")


def _counts(path):
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                     for t in ("usage_daily", "usage_series", "employees", "import_batches"))
    finally:
        conn.close()


def _import(source, path):
    return subprocess.Popen([sys.executable, "-m", "core", "import", str(source), "--db", str(path)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_an_import_killed_at_any_moment_is_all_or_nothing(tmp_path):
    source = tmp_path / "viva.csv"
    _viva_csv(source)
    template = tmp_path / "empty.db"
    store.Store(template).close()
    empty = _counts(template)
    # One undisturbed run: how long an import takes, and what a whole one leaves.
    whole = tmp_path / "whole.db"
    whole.write_bytes(template.read_bytes())
    started = time.monotonic()
    assert _import(source, whole).wait(timeout=600) == 0
    duration = time.monotonic() - started
    full = _counts(whole)
    assert full[0] > 0 and full[3] == 1
    rng = random.Random(7)
    seen = set()
    for attempt in range(6):
        path = tmp_path / f"crash-{attempt}.db"
        path.write_bytes(template.read_bytes())
        proc = _import(source, path)
        # Anywhere from reading the file to committing the transaction.
        time.sleep(rng.uniform(0.15, 0.99) * duration)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        counts = _counts(path)
        assert counts in (empty, full), f"attempt {attempt}: a partial import {counts}"
        seen.add(counts == full)
    assert False in seen, "no kill landed before the commit: the test proved nothing"


def test_readers_never_fail_while_someone_writes(tmp_path):
    path = tmp_path / "busy.db"
    writer = store.Store(path)
    with writer.write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('Verkoop')")
        db["employees"].insert_all({"id": f"E{i}", "department": "Verkoop", "level": "employee",
                                    "licensed_from": "2026-01-01"} for i in range(50))
    errors, stop = [], threading.Event()

    def read():
        reader = store.Store(path)       # as another app process would
        try:
            while not stop.is_set():
                kpis.adoption_rate(reader.read(), Filters(as_of=dt.date(2026, 10, 31)))
        except Exception as exc:  # noqa: BLE001 - any failure fails the test
            errors.append(exc)
        finally:
            reader.close()

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    for day in range(1, 29):
        with writer.write(SYSTEM) as db:
            db["usage_daily"].insert_all(
                {"employee_id": f"E{i}", "day": f"2026-10-{day:02d}", "tool": "Copilot", "actions": 1}
                for i in range(50))
            store.refresh_usage_weekly(db, f"2026-10-{day:02d}", f"2026-10-{day:02d}")
    stop.set()
    for t in readers:
        t.join()
    writer.close()
    assert errors == []
    assert _counts(path)[0] == 50 * 28
