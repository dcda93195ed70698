"""The usage rollups equal a recomputation from the raw rows, whatever imports, edits and
undos came before; and the figures read from them equal the same figures computed naively
from the raw rows and the staff list (so a staff change needs no refresh)."""
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import access, kpis, store, usage
from core.filters import Filters
from core.importers import ImportError_, apply_import, plan_import, undo_batch

START = dt.date(2026, 8, 3)          # a Monday
DAYS = 70                            # ten weeks of possible usage
AS_OF = START + dt.timedelta(days=DAYS - 1)
PEOPLE = [f"P{i}" for i in range(6)]
DEPTS = ("Verkoop", "Productie", "IT")
TOOLS = ("Copilot", "ChatGPT", "Gemini")


# ---------------------------------------------------------------- recomputation from raw rows

def expected_series(db):
    """usage_series week by week: {(tool, person, Monday): (actions, day bits)}; tool '' = all."""
    out = {}
    for emp, day, tool, actions in db.execute(
            "SELECT employee_id, day, tool, actions FROM usage_daily WHERE actions > 0"):
        d = dt.date.fromisoformat(day)
        monday = (d - dt.timedelta(days=d.weekday())).isoformat()
        for t in ("", tool):
            acts, bits = out.get((t, emp, monday), (0, 0))
            out[(t, emp, monday)] = (acts + actions, bits | (1 << d.weekday()))
    return out


def stored_series(db):
    out = {}
    for tool, emp, first, weeks, acts, bits in db.execute(
            "SELECT tool, employee_id, first_week, weeks, actions, days FROM usage_series"):
        acts = np.frombuffer(acts, dtype="<i4")
        bits = np.frombuffer(bits, dtype=np.uint8)
        assert len(acts) == len(bits) == weeks
        assert bits[0] and bits[-1], "leading and trailing empty weeks are trimmed"
        for j in range(weeks):
            monday = (dt.date.fromisoformat(first) + dt.timedelta(weeks=j)).isoformat()
            if bits[j]:
                out[(tool, emp, monday)] = (int(acts[j]), int(bits[j]))
            else:
                assert acts[j] == 0
    return out


def check_rollups(db):
    assert stored_series(db) == expected_series(db)


def naive_active(db, first, last):
    return {r[0] for r in db.execute(
        "SELECT DISTINCT employee_id FROM usage_daily WHERE actions > 0 AND day BETWEEN ? AND ?",
        [first.isoformat(), last.isoformat()])}


def licensed(db, day):
    """Staff with access on ``day``: their licence dates, cut for people only a usage export
    vouches for at the end of the latest export listing them (``usage.source_end``, the
    access rule; this test checks the rollups against the raw rows, not that rule)."""
    ends = usage.source_end(db)
    return {r[0] for r in db.execute(
        "SELECT id FROM employees WHERE licensed_from IS NOT NULL AND licensed_from <= ? "
        "AND (licensed_to IS NULL OR licensed_to >= ?)", [day.isoformat(), day.isoformat()])
        if r[0] not in ends or ends[r[0]] >= day}


def check_figures(db, departments=()):
    """Adoption rate, segment progress and the weekly trend against the raw rows."""
    f = Filters(as_of=AS_OF, departments=tuple(departments))
    scope = {r[0] for r in db.execute("SELECT id FROM employees")} if not departments else {
        r[0] for r in db.execute(f"SELECT id FROM employees WHERE department IN "
                                 f"({','.join('?' * len(departments))})", list(departments))}
    day = usage.as_of(db, f)
    window = usage.window_days(db)
    members = licensed(db, day) & scope
    active = members & naive_active(db, day - dt.timedelta(days=window - 1), day)
    rate = kpis.adoption_rate(db, f)
    assert rate.eligible == len(members)
    if not rate.suppressed:
        assert rate.active == len(active)
    segments = dict(db.execute("SELECT id, COALESCE(segment, 'unassigned') FROM employees"))
    progress = kpis.segment_progress(db, f)
    for seg, fig in progress.items():
        assert fig["members"] == sum(segments[p] == seg for p in members)
        assert fig["active"] == sum(segments[p] == seg for p in active)
    for point in kpis.adoption_trend(db, f):
        sunday = dt.date.fromisoformat(point["week_end"])
        assert sunday.weekday() == 6
        members = licensed(db, sunday) & scope
        assert point["eligible"] == len(members)
        if not point["suppressed"]:
            assert point["active"] == len(members & naive_active(db, sunday - dt.timedelta(days=27), sunday))


# ---------------------------------------------------------------- operations

def viva_file(rows):
    """A Viva Insights person query: one row per (person, week date) with its actions."""
    lines = ["PersonId,MetricDate,Copilot_actions_taken_in_Teams,Organization"]
    lines += [f"{p},{d.isoformat()},{n},{DEPTS[int(p[1:]) % 3]}" for (p, d), n in sorted(rows.items())]
    return ("\n".join(lines) + "\n").encode()


day_st = st.integers(0, DAYS - 1).map(lambda k: START + dt.timedelta(days=k))
import_st = st.tuples(st.just("import"), st.dictionaries(
    st.tuples(st.sampled_from(PEOPLE), day_st), st.integers(0, 9), min_size=1, max_size=12))
raw_st = st.tuples(st.just("raw"), st.lists(st.tuples(
    st.sampled_from(PEOPLE), day_st, st.sampled_from(TOOLS), st.integers(0, 6)), min_size=1, max_size=10))
delete_st = st.tuples(st.just("delete"), st.tuples(st.sampled_from(PEOPLE), day_st, day_st))
undo_st = st.tuples(st.just("undo"), st.integers(0, 5))
staff_st = st.tuples(st.just("staff"), st.tuples(
    st.sampled_from(PEOPLE), st.sampled_from(DEPTS),
    st.sampled_from(("early_adopter", "early_majority", None)),
    st.one_of(st.none(), day_st), st.one_of(st.none(), day_st)))
operations = st.lists(st.one_of(import_st, raw_st, delete_st, undo_st, staff_st), min_size=1, max_size=8)


def apply(s, op, batches):
    """Run one operation as the app would: every usage write refreshes the rollups for the
    days it touched, in its own transaction; a staff change refreshes nothing."""
    kind, arg = op
    if kind == "import":
        plan = plan_import(s.read(), viva_file(arg), filename="viva.csv", kind="viva")
        assert plan.ok, plan.errors
        batches.append(apply_import(s, plan, access.SYSTEM, backup=False))
    elif kind == "undo" and batches:
        try:
            undo_batch(s, batches.pop(arg % len(batches)), access.SYSTEM)
        except ImportError_:
            pass        # a later import still uses its people: nothing changed
    elif kind == "raw":
        with s.write(access.SYSTEM) as db:
            for person, day, tool, actions in arg:
                _person(db, person)
                db.execute("INSERT OR REPLACE INTO usage_daily (employee_id, day, tool, actions) "
                           "VALUES (?, ?, ?, ?)", [person, day.isoformat(), tool, actions])
            days = [d for _, d, _, _ in arg]
            # Only these people's rows changed: the refresh may be limited to them.
            store.refresh_usage_weekly(db, min(days), max(days), employees={p for p, *_ in arg})
    elif kind == "delete":
        person, a, b = arg
        a, b = min(a, b), max(a, b)
        with s.write(access.SYSTEM) as db:
            db.execute("DELETE FROM usage_daily WHERE employee_id = ? AND day BETWEEN ? AND ?",
                       [person, a.isoformat(), b.isoformat()])
            store.refresh_usage_weekly(db, a, b)
    elif kind == "staff":
        person, dept, segment, lic_from, lic_to = arg
        if lic_from and lic_to and lic_to < lic_from:
            lic_from, lic_to = lic_to, lic_from
        with s.write(access.SYSTEM) as db:
            _person(db, person)
            db.execute("UPDATE employees SET department = ?, segment = ?, licensed_from = ?, "
                       "licensed_to = ? WHERE id = ?",
                       [dept, segment, lic_from and lic_from.isoformat(),
                        lic_to and lic_to.isoformat(), person])


def _person(db, person):
    for dept in DEPTS:
        db.execute("INSERT OR IGNORE INTO departments (name) VALUES (?)", [dept])
    db.execute("INSERT OR IGNORE INTO employees (id, department, level, licensed_from) "
               "VALUES (?, ?, 'employee', ?)", [person, DEPTS[int(person[1:]) % 3], START.isoformat()])


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("rollups") / "empty.db"
    s = store.Store(path)
    with s.write(access.SYSTEM) as db:
        store.set_setting(db, "min_group_size", "3")
    s.close()
    return path


# As the store runs, and in the shapes thousands of people take: an import's refresh in
# passes of 2 people, and stored series found by one pass over the table, not one by one.
@pytest.mark.parametrize("block,lookups", [(store.REFRESH_BLOCK, store.STORED_LOOKUP_LIMIT), (2, 0)])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_rollups_equal_a_recomputation_after_any_writes(template, block, lookups, ops):
    folder = Path(tempfile.mkdtemp())
    defaults = store.REFRESH_BLOCK, store.STORED_LOOKUP_LIMIT
    store.REFRESH_BLOCK, store.STORED_LOOKUP_LIMIT = block, lookups
    try:
        shutil.copyfile(template, folder / "s.db")
        s = store.Store(folder / "s.db")
        batches = []
        for op in ops:
            apply(s, op, batches)
            db = s.read()
            check_rollups(db)
            check_figures(db)
            check_figures(db, ["Verkoop", "IT"])
        s.close()
    finally:
        store.REFRESH_BLOCK, store.STORED_LOOKUP_LIMIT = defaults
        shutil.rmtree(folder, ignore_errors=True)


def test_an_import_of_many_new_people_leaves_everyone_elses_rollups(template, tmp_path, monkeypatch):
    # An import whose people have no series yet, more of them than are looked up one by one
    # (here: more than 1): the one pass over the table once returned everyone's series,
    # and the people outside the import lost their weeks (a Viva file of 1,200 new ids
    # wiped 5,000 people's figures).
    shutil.copyfile(template, tmp_path / "s.db")
    s = store.Store(tmp_path / "s.db")
    first = {("P1", START + dt.timedelta(days=k)): 3 for k in (0, 7, 14)}
    first.update({("P2", START + dt.timedelta(days=k)): 5 for k in (1, 8)})
    plan = plan_import(s.read(), viva_file(first), filename="viva.csv", kind="viva")
    apply_import(s, plan, access.SYSTEM, backup=False)
    before = stored_series(s.read())
    monkeypatch.setattr(store, "STORED_LOOKUP_LIMIT", 1)
    newcomers = {(p, START + dt.timedelta(days=k)): 2 for p in ("P3", "P4", "P5") for k in (0, 7)}
    plan = plan_import(s.read(), viva_file(newcomers), filename="viva2.csv", kind="viva")
    apply_import(s, plan, access.SYSTEM, backup=False)
    db = s.read()
    check_rollups(db)
    after = stored_series(db)
    earlier = {k[1] for k in before}         # the first file's people (as pseudonyms)
    assert len(earlier) == 2
    assert {k: v for k, v in after.items() if k[1] in earlier} == before
    assert len({k[1] for k in after}) == 5
    s.close()


def test_a_store_with_damaged_rollups_is_rebuilt_on_upgrade(template, tmp_path):
    # Migration 0009 repairs what the bug above did to a store written before the fix.
    shutil.copyfile(template, tmp_path / "s.db")
    s = store.Store(tmp_path / "s.db")
    rows = {(p, START + dt.timedelta(days=k)): 4 for p in ("P1", "P2") for k in (0, 7)}
    apply_import(s, plan_import(s.read(), viva_file(rows), filename="viva.csv", kind="viva"),
                 access.SYSTEM, backup=False)
    good = stored_series(s.read())
    with s.write(access.SYSTEM) as db:
        db.execute("DELETE FROM usage_series WHERE rowid IN (SELECT rowid FROM usage_series LIMIT 2)")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = '0009_rebuild_rollups'")
    assert stored_series(s.read()) != good
    s.close()
    s = store.Store(tmp_path / "s.db")
    assert stored_series(s.read()) == good
    check_rollups(s.read())
    s.close()


def test_a_full_rebuild_gives_the_same_rollups(fresh_store):
    with fresh_store.write(access.SYSTEM) as db:
        for i, person in enumerate(PEOPLE):
            _person(db, person)
            for k in range(0, DAYS, 3 + i):
                db.execute("INSERT INTO usage_daily (employee_id, day, tool, actions) VALUES (?, ?, ?, ?)",
                           [person, (START + dt.timedelta(days=k)).isoformat(), TOOLS[k % 3], (k + i) % 5])
        store.refresh_usage_weekly(db, START, START + dt.timedelta(days=20))
        store.refresh_usage_weekly(db, START + dt.timedelta(days=21), AS_OF)
    piecewise = fresh_store.read().execute("SELECT * FROM usage_series ORDER BY tool, employee_id").fetchall()
    check_rollups(fresh_store.read())
    with fresh_store.write(access.SYSTEM) as db:
        store.refresh_usage_weekly(db)
    assert fresh_store.read().execute(
        "SELECT * FROM usage_series ORDER BY tool, employee_id").fetchall() == piecewise
    # A row per person with an action (all tools, tool ''), and one per person and tool used.
    db = fresh_store.read()
    rows = set(db.execute("SELECT tool, employee_id FROM usage_series").fetchall())
    used = set(db.execute("SELECT tool, employee_id FROM usage_daily WHERE actions > 0").fetchall())
    assert rows == used | {("", e) for _, e in used}
    assert len({e for _, e in used}) == 6 and len({t for t, _ in used}) == 3


def test_pruned_weeks_keep_their_rollups(fresh_store):
    """Raw rows before ``usage_pruned_before`` are gone; no refresh may drop their rollups."""
    with fresh_store.write(access.SYSTEM) as db:
        _person(db, "P1")
        for k in range(DAYS):
            db.execute("INSERT INTO usage_daily (employee_id, day, tool, actions) VALUES ('P1', ?, 'Copilot', 2)",
                       [(START + dt.timedelta(days=k)).isoformat()])
        store.refresh_usage_weekly(db)
    before = stored_series(fresh_store.read())
    cutoff = START + dt.timedelta(weeks=4)
    with fresh_store.write(access.SYSTEM) as db:
        db.execute("DELETE FROM usage_daily WHERE day < ?", [cutoff.isoformat()])
        store.set_setting(db, "usage_pruned_before", cutoff.isoformat())
        store.refresh_usage_weekly(db)
        store.refresh_usage_weekly(db, START, AS_OF)
    db = fresh_store.read()
    assert stored_series(db) == before
    assert {k: v for k, v in stored_series(db).items() if k[0] == ""} == {
        ("", "P1", (START + dt.timedelta(weeks=j)).isoformat()): (7 * 2, 127) for j in range(10)}
    series = usage.matrix(db)
    assert series.first_monday == START and series.days[list(series.ids).index("P1")].tolist() == [127] * 10


def test_erasing_a_person_leaves_no_rollup_of_them(fresh_store):
    with fresh_store.write(access.SYSTEM) as db:
        for person in ("P1", "P2"):
            _person(db, person)
            db.execute("INSERT INTO usage_daily (employee_id, day, tool, actions) VALUES (?, ?, 'Copilot', 4)",
                       [person, START.isoformat()])
        store.refresh_usage_weekly(db)
    with fresh_store.write(access.SYSTEM) as db:
        db.execute("DELETE FROM usage_daily WHERE employee_id = 'P1'")
        store.refresh_usage_weekly(db, START, START)
        db.execute("DELETE FROM employees WHERE id = 'P1'")     # no rollup row holds them back
    db = fresh_store.read()
    assert db.execute("SELECT DISTINCT employee_id FROM usage_series").fetchall() == [("P2",)]


def test_pages_read_no_raw_usage(demo_copy):
    """The Adoption figures come from the rollups: they stay the same with the raw rows gone."""
    from core import adoption

    s = store.Store(demo_copy)
    db = s.read()
    f = Filters(as_of=kpis.data_as_of(db), start=kpis.data_as_of(db) - dt.timedelta(days=180))
    names = ("weekly_usage", "adoption_by_department", "adoption_by_tool", "segment_progress_trend",
             "time_to_first_use", "trained_inactive")
    before = [getattr(adoption, n)(db, f) for n in names] + [kpis.adoption_trend(db, f),
                                                             kpis.adoption_rate(db, f)]
    last = db.execute("SELECT MAX(day) FROM usage_daily").fetchone()[0]
    with s.write(access.SYSTEM) as w:
        # Keep the last day's rows (``usage_as_of`` reads the latest day) and drop the rest
        # behind the rollups' back.
        w.execute("DELETE FROM usage_daily WHERE day < ?", [last])
    db = s.read()
    after = [getattr(adoption, n)(db, f) for n in names] + [kpis.adoption_trend(db, f),
                                                            kpis.adoption_rate(db, f)]
    assert after == before
    assert before[0] and before[-1].eligible > 100
    s.close()
