"""Shared fixtures: small real stores with known contents."""
import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core import store  # noqa: E402
from core.access import SYSTEM, Actor  # noqa: E402

AS_OF = dt.date(2026, 10, 31)   # a Saturday

# Actors the tests write as: one per role (the viewer sees no notes unless granted).
ADMIN = Actor("anna.admin", "admin")
EDITOR = Actor("eric.editor", "editor")
VIEWER = Actor("vera.viewer", "viewer")


@pytest.fixture
def fresh_store(tmp_path):
    s = store.Store(tmp_path / "test.db")
    yield s
    s.close()


def add_employees(db, rows):
    """Insert employees given as (id, department, level, segment, licensed_from)."""
    for name in sorted({r[1] for r in rows}):
        db.execute("INSERT OR IGNORE INTO departments (name) VALUES (?)", [name])
    db["employees"].insert_all(
        {"id": i, "department": d, "level": lvl, "segment": seg, "licensed_from": lic,
         "start_date": "2020-01-01"}
        for i, d, lvl, seg, lic in rows
    )


def add_wave(db, name, held_on, answers, invited=None):
    """Insert a survey wave; ``answers`` is a list of (department, {code: value})."""
    wave_id = db["surveys"].insert({"name": name, "held_on": held_on, "invited": invited}).last_pk
    for n, (dept, values) in enumerate(answers):
        rid = db["survey_respondents"].insert(
            {"survey_id": wave_id, "respondent": f"{name}-{n}", "department": dept}).last_pk
        db["survey_answers"].insert_all(
            {"respondent_id": rid, "question_code": code, "value": v} for code, v in values.items())
    return wave_id


def build_small_company(s):
    """A 26-person company with known figures (see tests/test_app_overview.py)."""
    with s.write(SYSTEM) as db:
        store.set_setting(db, "company_name", "Testbedrijf B.V.")
        staff = ([(f"V{i}", "Verkoop", "employee", "early_majority", "2026-01-01") for i in range(10)]
                 + [(f"P{i}", "Productie", "employee", "late_majority", "2026-01-01") for i in range(12)]
                 + [(f"I{i}", "IT", "it", "early_adopter", "2026-01-01") for i in range(4)])
        add_employees(db, staff)
        # Latest wave: Verkoop 9/10, Productie 10/11, IT 3/4 agree → 22 of 25 = 88%.
        answers = ([("Verkoop", {"INT1": 5 if i < 9 else 2, "FEAR1": 2, "NPS1": 9}) for i in range(10)]
                   + [("Productie", {"INT1": 4 if i < 10 else 1, "FEAR1": 4 if i < 5 else 2,
                                     "NPS1": 6}) for i in range(11)]
                   + [("IT", {"INT1": 4 if i < 3 else 3, "FEAR1": 1, "NPS1": 10}) for i in range(4)])
        add_wave(db, "Pulse 1", "2026-04-15", [(d, {"INT1": 2}) for d, _ in answers[:20]] +
                 [(d, {"INT1": 4}) for d, _ in answers[20:]])
        add_wave(db, "Pulse 2", "2026-10-15", answers)
        # Usage in October: every Verkoop and IT person, 3 of Productie → 17 of 26 active.
        db["usage_daily"].insert_all(
            {"employee_id": e, "day": "2026-10-20", "tool": "Copilot", "actions": 4}
            for e in [f"V{i}" for i in range(10)] + [f"I{i}" for i in range(4)]
            + [f"P{i}" for i in range(3)])
        store.refresh_usage_weekly(db)
        uid = db["use_cases"].insert({"name": "Offertecalculatie", "unit": "offerte",
                                      "hourly_rate": 85, "status": "pilot",
                                      "department": "Verkoop"}).last_pk
        db["measurements"].insert_all(
            [{"use_case_id": uid, "phase": "baseline", "measured_on": "2026-05-01",
              "minutes_per_unit": 480, "units_per_month": 30}] * 5
            + [{"use_case_id": uid, "phase": "after", "measured_on": "2026-09-01",
                "minutes_per_unit": 120, "units_per_month": 30}] * 5)
        db["stakeholder_assessments"].insert_all([
            {"employee_id": "V0", "assessed_on": "2026-09-01", "influence": 5, "attitude": 2,
             "category": "champion"},
            {"employee_id": "P0", "assessed_on": "2026-09-01", "influence": 4, "attitude": -1,
             "category": "skeptic"},
        ])


@pytest.fixture
def small_db(tmp_path):
    """A store holding ``build_small_company``: 26 staff with known figures."""
    path = tmp_path / "small.db"
    s = store.Store(path)
    build_small_company(s)
    s.close()
    return path


DEMO_END = dt.date(2026, 10, 31)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The default demo company (140 staff, 12 months up to DEMO_END), built once; do not write to it."""
    from core import demo
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = store.Store(path)
    demo.build_demo(s, end=DEMO_END)
    s.close()
    return path


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    """A private copy of the demo store, for tests that write."""
    import sqlite3
    path = tmp_path / "demo-copy.db"
    src, dst = sqlite3.connect(demo_db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path


@pytest.fixture(autouse=True)
def local_browser(monkeypatch):
    """AppTest has no real connection (its client context is a mock), so count its session
    as a browser on this computer, as ``streamlit run`` on a laptop is. Tests of a remote
    browser set ``ui.auth.is_local_browser`` back (see test_app_access.py)."""
    import ui.auth
    monkeypatch.setattr(ui.auth, "is_local_browser", lambda: True)


@pytest.fixture(autouse=True)
def validate_chart_specs(monkeypatch):
    """Check every chart spec against the Vega-Lite schema as it is frozen (the app skips
    the check for speed; a builder bug must fail here)."""
    from core import charts
    monkeypatch.setattr(charts, "VALIDATE", True)
