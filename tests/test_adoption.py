"""Adoption page figures: worked examples on small stores with known answers."""
import dataclasses
import datetime as dt

import numpy as np
import pytest

from conftest import AS_OF, SYSTEM, add_employees
from core import adoption, kpis, store
from core.filters import Filters

F = Filters(as_of=AS_OF)                      # Saturday 31 Oct 2026: last whole week 19–25 Oct
MONDAYS = [dt.date(2026, 8, 3) + dt.timedelta(weeks=k) for k in range(12)]   # 3 Aug … 19 Oct


def _usage(db, rows, tool="Copilot"):
    """Insert usage as (employee, day, actions) and refresh the weekly rollup."""
    db["usage_daily"].insert_all(
        {"employee_id": e, "day": str(d), "tool": tool, "actions": a} for e, d, a in rows)
    store.refresh_usage_weekly(db)


def _weekly(employee, weeks, actions):
    """One usage day (the Tuesday) in each of the given week indexes."""
    return [(employee, MONDAYS[k] + dt.timedelta(days=1), actions) for k in weeks]


@pytest.fixture
def segments_store(fresh_store):
    """Eight people whose usage segments follow vivainsights' rules by hand (see the tests)."""
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"P{i}", "Verkoop" if i <= 4 else "IT", "employee", "early_majority",
                            "2026-01-01") for i in range(1, 9)])
        db.execute("UPDATE employees SET licensed_from = '2026-10-05' WHERE id = 'P7'")
        rows = (_weekly("P1", range(12), 20)          # every week, 20 → power user
                + _weekly("P2", range(9), 1)          # 9 of 12 weeks, mean 0.75 → habitual
                + _weekly("P3", range(4, 12), 30)     # 8 of 12 weeks, mean 20 → novice
                + _weekly("P4", [11], 5)              # mean 5/12 → low user
                + [("P5", "2026-10-27", 50)]          # only after the last whole week → non-user
                + _weekly("P6", range(3, 12), 20)     # 9 of 12, mean exactly 15 → power user
                + _weekly("P7", [9, 10, 11], 20)      # access for 3 weeks: mean 20, no habit → novice
                + _weekly("P8", [0], 12))             # mean 12/12 = 1 → novice
        _usage(db, rows)
    return fresh_store


# ---------------------------------------------------------------- usage segments

def test_classify_usage_follows_vivainsights_rules():
    # Rows are people, columns weeks; the last column is the week classified.
    actions = np.array([
        [20] * 12,                       # habit (12/12) and mean 20 → power
        [1] * 9 + [0] * 3,               # habit (9/12), mean 0.75 → habitual (habit beats the mean)
        [0] * 4 + [30] * 8,              # 8/12 weeks: no habit; mean 20 → novice
        [0] * 11 + [5],                  # mean 0.417 → low
        [0] * 12,                        # → non-user
        [0] * 3 + [20] * 9,              # habit, mean exactly 15 → power
        [0] * 9 + [20] * 3,              # access only the last 3 weeks: mean 20 over 3, no habit → novice
        [12] + [0] * 11,                 # mean exactly 1 → novice
        [14] * 12,                       # habit, mean 14 < 15 → habitual
    ])
    access = np.ones_like(actions, dtype=bool)
    access[6, :9] = False
    seg = adoption.classify_usage(actions, access, "12w")[:, -1]
    names = [adoption.USAGE_SEGMENTS[s] for s in seg]
    assert names == ["power", "habitual", "novice", "low", "non_user", "power", "novice",
                     "novice", "habitual"]
    four = [adoption.USAGE_SEGMENTS[s] for s in adoption.classify_usage(actions, access, "4w")[:, -1]]
    # 4 weeks: habit = an action in all 4 of the last 4 weeks.
    assert four == ["power", "low", "power", "novice", "non_user", "power", "novice",
                    "non_user", "habitual"]


def test_classify_usage_partial_window_and_no_access():
    # In week 2 of access the window holds 2 weeks (as vivainsights' rolling mean over a
    # person's first rows); weeks without access are no person-weeks at all.
    actions = np.array([[0, 0, 30, 30]])
    access = np.array([[False, False, True, True]])
    seg = adoption.classify_usage(actions, access, "4w")
    assert seg.tolist() == [[-1, -1, 2, 2]]             # mean 30 but only 2 of 4 weeks: novice


def test_usage_segments_on_a_store(segments_store):
    result = adoption.usage_segments(segments_store.read(), F, "12w")
    latest = result["latest"]
    assert latest["week_end"] == "2026-10-25"
    assert {k: latest[k] for k in adoption.USAGE_SEGMENTS} == {
        "power": 2, "habitual": 1, "novice": 3, "low": 1, "non_user": 1}
    assert latest["total"] == 8 and latest["habit_share"] == pytest.approx(3 / 8)
    # Both departments have 4 people: below the minimum of 5, so no department is shown.
    assert result["by_department"] == [] and result["hidden"] == ["IT", "Verkoop"]
    # P7 has no access before 5 Oct: not a person-week in the week to 27 Sep.
    sep = next(w for w in result["weeks"] if w["week_end"] == "2026-09-27")
    assert sep["total"] == 7


def test_usage_segments_four_week_version(segments_store):
    latest = adoption.usage_segments(segments_store.read(), F, "4w")["latest"]
    assert {k: latest[k] for k in adoption.USAGE_SEGMENTS} == {
        "power": 3, "habitual": 0, "novice": 2, "low": 1, "non_user": 2}


def test_weekly_usage(segments_store):
    last = adoption.weekly_usage(segments_store.read(), F)[-1]
    # Week 19–25 Oct: P1 20, P3 30, P4 5, P6 20, P7 20 actions.
    assert last == {"week": "2026-10-19", "week_end": "2026-10-25", "active": 5,
                    "with_access": 8, "actions": 95, "actions_per_active": 19.0,
                    "suppressed": False}


def test_scope_guard(segments_store):
    db = segments_store.read()
    assert adoption.scope_guard(db, F) == {"hidden": False, "with_access": 8, "minimum": 5}
    assert adoption.scope_guard(db, dataclasses.replace(F, departments=("IT",)))["hidden"]
    with segments_store.write(SYSTEM) as w:
        add_employees(w, [(f"Q{i}", "Productie", "employee", None, "2026-01-01") for i in range(6)])
    db = segments_store.read()
    # IT and Verkoop (4 each) are hidden; Productie (6) may be shown on its own.
    assert not adoption.scope_guard(db, dataclasses.replace(F, departments=("Productie",)))["hidden"]
    assert adoption.scope_guard(db, dataclasses.replace(F, departments=("IT", "Productie")))["hidden"]


# ---------------------------------------------------------------- the same definitions as kpis

def test_department_and_segment_trends_equal_the_kpis(demo_db):
    db = store.Store(demo_db).read()
    f = Filters(as_of=dt.date(2026, 10, 30), start=dt.date(2025, 10, 31))
    by_dept = adoption.adoption_by_department(db, f)
    assert by_dept["hidden"] == ["Directie", "IT"]          # 4 people, then the next smallest
    for dept in ("Verkoop", "Productie"):
        mine = [p for p in by_dept["points"] if p["department"] == dept]
        theirs = kpis.adoption_trend(db, dataclasses.replace(f, departments=(dept,)),
                                     max_points=adoption.MAX_WEEKS)
        theirs = {p["week_end"]: p for p in theirs}
        for p in mine:
            assert (p["active"], p["eligible"]) == (theirs[p["week_end"]]["active"],
                                                    theirs[p["week_end"]]["eligible"])
    progress = adoption.segment_progress_trend(db, f)
    sunday = dt.date(2026, 10, 25)
    reference = kpis.segment_progress(db, Filters(as_of=sunday), window_days=28)
    last = {p["segment"]: p for p in progress["points"] if p["week_end"] == sunday.isoformat()}
    for seg, p in last.items():
        assert (p["members"], p["active"]) == (reference[seg]["members"], reference[seg]["active"])
    # Innovators have 3 members with access; laggards (18), the smallest other segment, go
    # too, else the company's adoption rate minus the shown segments reveals the innovators.
    assert progress["hidden"] == ["innovator", "laggard"]
    chasm = progress["chasm"]
    assert chasm["gap"] == pytest.approx(chasm["early_adopter"] - chasm["early_majority"])


def test_adoption_by_tool(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"E{i}", "Verkoop", "employee", None, "2026-01-01") for i in range(6)])
        # E5's zero-action row on Sunday 25 Oct marks the usage data as complete to then.
        _usage(db, [("E0", "2026-10-20", 3), ("E1", "2026-10-05", 2), ("E2", "2026-09-01", 4),
                    ("E5", "2026-10-25", 0)])
        _usage(db, [("E0", "2026-10-21", 1)], tool="ChatGPT")
    points = adoption.adoption_by_tool(fresh_store.read(), F)
    last = {p["tool"]: p for p in points if p["week_end"] == "2026-10-25"}
    # 28 days to Sunday 25 Oct: E0 and E1 used Copilot, E0 ChatGPT; 6 with access.
    assert last["Copilot"]["active"] == 2 and last["ChatGPT"]["active"] == 1
    assert last["Copilot"]["value"] == pytest.approx(2 / 6)
    # Every Sunday from the first week of data (1 Sep) to the last usage day (25 Oct).
    weeks = sorted({p["week_end"] for p in points})
    assert weeks[0] == "2026-09-06" and weeks[-1] == "2026-10-25" and len(weeks) == 8
    sept = {p["tool"]: p["active"] for p in points if p["week_end"] == "2026-09-27"}
    assert sept == {"ChatGPT": 0, "Copilot": 1}
    # E2's one day (1 Sep) counts for the four Sundays up to 27 Sep, then no longer.
    assert [p["active"] for p in points if p["tool"] == "Copilot"][:5] == [1, 1, 1, 1, 0]


def test_adoption_by_tool_equals_the_trend_when_there_is_one_tool(demo_db):
    from core import store
    s = store.Store(demo_db)
    db = s.read()
    f = Filters(as_of=kpis.data_as_of(db))
    copilot = [p for p in adoption.adoption_by_tool(db, f) if p["tool"] == "Microsoft 365 Copilot"]
    trend = {p["week_end"]: p for p in kpis.adoption_trend(db, f)}
    # Everyone who uses ChatGPT in the demo uses Copilot too, so Copilot alone is the trend.
    for p in copilot:
        assert (p["active"], p["eligible"]) == (trend[p["week_end"]]["active"],
                                                trend[p["week_end"]]["eligible"]), p
    s.close()


# ---------------------------------------------------------------- Rogers segments

def test_segment_sizes_and_derived_source(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"E{i}", "Verkoop", "employee", seg, "2026-01-01")
                           for i, seg in enumerate(["early_adopter"] * 2 + ["early_majority"] * 6
                                                   + ["late_majority"] * 2 + [None])])
    sizes = adoption.segment_sizes(fresh_store.read(), F)
    assert sizes["staff"] == 10 and sizes["unassigned"] == 1
    assert sizes["segments"]["early_majority"]["share"] == pytest.approx(0.6)
    assert sizes["segments"]["early_majority"]["rogers"] == 0.34
    assert sizes["source"] == "assessed"
    with fresh_store.write(SYSTEM) as db:
        db.execute("UPDATE employees SET segment_source = 'derived' WHERE id IN ('E0', 'E1')")
    sizes = adoption.segment_sizes(fresh_store.read(), F)
    assert sizes["source"] == "derived" and sizes["derived"] == 2


def test_time_to_first_use(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"M{i}", "Verkoop", "employee", "early_majority", "2026-03-02")
                           for i in range(6)]
                      + [(f"A{i}", "Verkoop", "employee", "early_adopter", "2026-03-02")
                         for i in range(2)]
                      + [(f"L{i}", "Verkoop", "employee", "late_majority", "2026-03-02")
                         for i in range(5)])
        # First uses 10, 20, 30 and 40 days after access; M4 and M5 never; M0 again later.
        start = dt.date(2026, 3, 2)
        _usage(db, [(f"M{i}", start + dt.timedelta(days=10 * (i + 1)), 1) for i in range(4)]
               + [("M0", "2026-06-01", 5), ("A0", "2026-03-03", 1)])
    first = adoption.time_to_first_use(fresh_store.read(), F)
    assert first["early_majority"] == {"members": 6, "started": 4, "median_days": 25.0,
                                       "hidden": False}
    assert first["early_adopter"]["hidden"] is True and first["early_adopter"]["median_days"] is None
    # 2 early adopters alone could be read off the total: the late majority (5) is hidden too.
    assert first["late_majority"]["hidden"] is True


# ---------------------------------------------------------------- Bass

def _bass_cumulative(p, q, m, weeks):
    return np.round(m * adoption.bass_cdf(np.arange(1, weeks + 1), p, q))


def test_bass_fit_recovers_known_p_and_q():
    p, q, cov = adoption.fit_bass(_bass_cumulative(0.01, 0.25, 1000, 40), 1000)
    assert p == pytest.approx(0.01, rel=0.05) and q == pytest.approx(0.25, rel=0.05)
    assert np.all(np.isfinite(cov))


def test_bass_fit_recovers_from_noisy_data():
    rng = np.random.default_rng(7)
    new = rng.poisson(np.diff(np.concatenate([[0], 800 * adoption.bass_cdf(np.arange(1, 53), 0.02, 0.12)])))
    p, q, _ = adoption.fit_bass(np.cumsum(new), 800)
    assert p == pytest.approx(0.02, rel=0.25) and q == pytest.approx(0.12, rel=0.25)


def test_bass_fit_refuses_too_few_weeks_and_no_fit():
    with pytest.raises(adoption.BassFitError) as err:
        adoption.fit_bass(_bass_cumulative(0.01, 0.25, 1000, 8), 1000)
    assert err.value.reason == "too_few_weeks"
    with pytest.raises(adoption.BassFitError) as err:
        adoption.fit_bass(np.zeros(20), 100)
    assert err.value.reason == "too_few_adopters"
    # Everybody in the first week: p runs to its bound, no interior optimum.
    with pytest.raises(adoption.BassFitError) as err:
        adoption.fit_bass(np.full(20, 100.0), 100)
    assert err.value.reason == "no_convergence"


def test_bass_forecast_refuses_with_too_few_weeks(segments_store):
    with segments_store.write(SYSTEM) as db:
        db.execute("DELETE FROM usage_daily WHERE day < '2026-09-21'")
        store.refresh_usage_weekly(db)
    fc = adoption.bass_forecast(segments_store.read(), F)
    assert (fc["ok"], fc["reason"], fc["weeks"], fc["points"]) == (False, "too_few_weeks", 5, [])


def test_bass_forecast_on_the_demo(demo_db):
    db = store.Store(demo_db).read()
    # Half a year in: the target (75% ever used) is still ahead.
    f = Filters(as_of=dt.date(2026, 4, 30))
    fc = adoption.bass_forecast(db, f)
    assert fc["ok"] and not fc["reached"] and fc["weeks"] == 25
    assert fc["expected_low"] <= fc["expected_date"] <= fc["expected_high"]
    assert fc["expected_date"] > fc["last_week_end"]
    later = [p for p in fc["points"] if p["actual"] is None]
    assert all(p["low"] <= p["fitted"] <= p["high"] for p in later)


# ---------------------------------------------------------------- engagement

def test_trained_inactive_hides_small_cells(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        staff = ([(f"V{i}", "Verkoop", "employee", "early_majority", "2026-01-01") for i in range(6)]
                 + [(f"P{i}", "Productie", "employee", "late_majority", "2026-01-01") for i in range(7)]
                 + [(f"I{i}", "IT", "it", "early_adopter", "2026-01-01") for i in range(2)])
        add_employees(db, staff)
        tid = db["trainings"].insert({"title": "Lunch", "kind": "lunch_learn", "held_on": "2026-09-10"}).last_pk
        db["training_attendance"].insert_all({"training_id": tid, "employee_id": e} for e, *_ in staff)
        # Active in the last 28 days: 4 of Verkoop, 4 of Productie, 1 of IT.
        _usage(db, [(e, "2026-10-20", 1) for e in ["V0", "V1", "V2", "V3", "P0", "P1", "P2", "P3", "I0"]])
    result = adoption.trained_inactive(fresh_store.read(), F)
    # IT (2 trained) is hidden, and Verkoop too, else IT = total − the rest.
    assert result["rows"] == [{"department": "Productie", "segment": "late_majority", "trained": 7,
                               "inactive": 3, "share": pytest.approx(3 / 7)}]
    assert (result["trained"], result["inactive"], result["hidden_cells"]) == (15, 6, 2)


def test_engagement_months(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"E{i}", "Verkoop", "employee", None, "2026-01-01") for i in range(4)])
        lunch = db["trainings"].insert({"title": "L&L", "kind": "lunch_learn", "held_on": "2026-09-10"}).last_pk
        work = db["trainings"].insert({"title": "Workshop", "kind": "workshop", "held_on": "2026-10-06"}).last_pk
        db["training_attendance"].insert_all(
            [{"training_id": lunch, "employee_id": e} for e in ("E0", "E1", "E2")]
            + [{"training_id": work, "employee_id": e} for e in ("E0", "E3")])
        db["training_requests"].insert({"requested_on": "2026-10-02", "topic": "Excel"})
    f = Filters(as_of=AS_OF, start=dt.date(2026, 9, 1))
    result = adoption.engagement(fresh_store.read(), f)
    assert result["months"] == [
        {"month": "2026-09", "lunch_learn": 3, "other": 0, "sessions": 1, "participants": 3,
         "requests": 0, "suggestions": 0},
        {"month": "2026-10", "lunch_learn": 0, "other": 2, "sessions": 1, "participants": 2,
         "requests": 1, "suggestions": 0}]
    assert result["has_requests"] and not result["has_suggestions"]


# ---------------------------------------------------------------- playbook and JSON

def test_playbook_status_against_the_target(demo_db):
    db = store.Store(demo_db).read()
    book = adoption.playbook(db, Filters(as_of=dt.date(2026, 4, 30)))
    assert [b["segment"] for b in book] == ["early_adopter", "early_majority", "late_majority"]
    late = book[2]
    assert late["value"] == pytest.approx(late["active"] / late["members"])
    assert late["status"] == kpis.status("adoption_rate", late["value"], 0.75)
    assert all(b["text"] == f"adoption.playbook.{b['segment']}" for b in book)


def test_summary_json(demo_db, segments_store):
    db = store.Store(demo_db).read()
    f = Filters(as_of=dt.date(2026, 10, 30), start=dt.date(2025, 10, 31))
    result = adoption.summary_json(db, f)
    assert set(result) == {"adoption_trend", "usage_segments", "forecast"}
    last = result["adoption_trend"][-1]
    ref = kpis.adoption_trend(db, f)[-1]
    assert last == {"week": ref["week_end"], "active": ref["active"], "eligible": ref["eligible"],
                    "value": round(ref["value"], 4)}
    assert sum(result["usage_segments"].values()) == last["eligible"]
    assert set(result["forecast"]) == {"p", "q", "target", "expected_date", "reason"}
    assert result["forecast"]["reason"] is None and result["forecast"]["target"] == 0.75
    small = adoption.summary_json(segments_store.read(), F)
    assert small["usage_segments"] == {"power": 2, "habitual": 1, "novice": 3, "low": 1,
                                       "non_user": 1}
    # A 4-person department is personal data: nothing but the trend (not guarded by kpis).
    it = adoption.summary_json(segments_store.read(), dataclasses.replace(F, departments=("IT",)))
    assert it["usage_segments"] is None
    assert it["forecast"] == {"p": None, "q": None, "target": 0.75, "expected_date": None,
                              "reason": "hidden"}
