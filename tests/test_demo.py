"""The demo company: what it writes to SQLite and the KPIs it drives."""
import datetime as dt
import hashlib

import pytest

from core import demo, kpis, store
from core.filters import Filters
from core.schema import LEVELS, SEGMENTS

END = dt.date(2026, 10, 31)
START = dt.date(2025, 11, 1)
F = Filters(as_of=END)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    s = store.Store(tmp_path_factory.mktemp("demo") / "d.db")
    counts = demo.build_demo(s, end=END)
    yield s, counts
    s.close()


@pytest.fixture
def db(built):
    return built[0].read()


def _one(db, sql, params=()):
    return db.execute(sql, params).fetchone()[0]


def _digest(db):
    h = hashlib.sha256()
    for sql in ("SELECT * FROM usage_daily ORDER BY 1, 2, 3",
                "SELECT r.respondent, r.department, r.employee_id, a.question_code, a.value, a.text "
                "FROM survey_answers a JOIN survey_respondents r ON r.id = a.respondent_id "
                "ORDER BY r.id, a.question_code"):
        for row in db.execute(sql):
            h.update(repr(row).encode())
    return h.hexdigest()


# ---------------------------------------------------------------- staff

def test_counts_and_settings(built, db):
    s, counts = built
    assert counts["employees"] == 140 and counts["start"] == START.isoformat()
    assert counts["usage_rows"] == _one(db, "SELECT COUNT(*) FROM usage_daily")
    assert store.get_setting(db, "company_name") == "Demo Machinebouw B.V."
    assert store.is_demo(db)
    assert _one(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.build' AND actor = 'system'") == 1


def test_employees_departments_and_levels(db):
    assert _one(db, "SELECT COUNT(*) FROM employees") == 140
    sizes = dict(db.execute("SELECT department, COUNT(*) FROM employees GROUP BY 1").fetchall())
    assert set(sizes) == {"Verkoop", "Engineering", "Productie", "Inkoop", "Administratie", "IT",
                          "Directie"}
    assert max(sizes, key=sizes.get) == "Productie" and 3 <= sizes["Directie"] <= 4
    levels = dict(db.execute("SELECT level, COUNT(*) FROM employees GROUP BY 1").fetchall())
    assert set(levels) == set(LEVELS)
    assert 0.07 <= levels["middle_management"] / 140 <= 0.13
    assert _one(db, "SELECT COUNT(*) FROM employees WHERE department = 'IT' AND level <> 'it'") == 0
    assert _one(db, "SELECT COUNT(*) FROM employees WHERE department = 'Directie' "
                    "AND level <> 'management'") == 0
    assert 18 <= _one(db, "SELECT COUNT(display_name) FROM employees") <= 24
    assert _one(db, "SELECT COUNT(*) FROM employees WHERE id NOT GLOB 'E[0-9][0-9][0-9][0-9]'") == 0
    hires = _one(db, "SELECT COUNT(*) FROM employees WHERE start_date >= ?", [START.isoformat()])
    assert 2 <= hires <= 8


def test_segments_follow_rogers(db):
    shares = dict(db.execute("SELECT segment, COUNT(*) / 140.0 FROM employees GROUP BY 1").fetchall())
    for segment, expected in zip(SEGMENTS, demo.ROGERS_SHARES):
        assert shares[segment] == pytest.approx(expected, abs=0.02)
    assert _one(db, "SELECT COUNT(*) FROM employees WHERE segment_source <> 'assessed'") == 0


def test_licences(db):
    start = START.isoformat()
    assert _one(db, "SELECT COUNT(*) FROM employees WHERE department = 'Verkoop' "
                    "AND licensed_from > ? AND start_date < ?", [start, start]) == 0
    assert _one(db, "SELECT COUNT(*) FROM employees WHERE segment IN ('innovator', 'early_adopter') "
                    "AND licensed_from > ? AND start_date < ?", [start, start]) == 0
    productie, by_month3, never = db.execute(
        "SELECT COUNT(*), SUM(licensed_from <= '2026-02-01'), SUM(licensed_from IS NULL) "
        "FROM employees WHERE department = 'Productie'").fetchone()
    assert 0.80 <= by_month3 / productie <= 0.90 and by_month3 + never >= productie - 2
    assert _one(db, "SELECT COUNT(*) FROM employees WHERE licensed_from IS NULL "
                    "AND department <> 'Productie'") == 0
    assert 1 <= _one(db, "SELECT COUNT(*) FROM employees WHERE licensed_to IS NOT NULL") <= 5


# ---------------------------------------------------------------- usage and adoption

def test_usage_only_on_licensed_working_days(db):
    bad = _one(db, """
        SELECT COUNT(*) FROM usage_daily u JOIN employees e ON e.id = u.employee_id
        WHERE e.licensed_from IS NULL OR u.day < e.licensed_from
           OR (e.licensed_to IS NOT NULL AND u.day > e.licensed_to)
           OR u.day > ? OR u.day < ? OR strftime('%w', u.day) IN ('0', '6')
           OR u.actions < 1 OR u.minutes < u.actions * 2 - 0.05 OR u.minutes > u.actions * 4 + 0.05
        """, [END.isoformat(), START.isoformat()])
    assert bad == 0
    tools = [r[0] for r in db.execute("SELECT DISTINCT tool FROM usage_daily ORDER BY 1")]
    assert tools == ["ChatGPT Enterprise", "Microsoft 365 Copilot"]
    users = _one(db, "SELECT COUNT(DISTINCT employee_id) FROM usage_daily")
    chatgpt = _one(db, "SELECT COUNT(DISTINCT employee_id) FROM usage_daily WHERE tool = 'ChatGPT Enterprise'")
    assert 0.2 <= chatgpt / users <= 0.4


def test_weekly_rollup_matches_daily(db):
    import numpy as np

    rolled = sum(int(np.frombuffer(b, dtype="<i4").sum())
                 for (b,) in db.execute("SELECT actions FROM usage_series WHERE tool = ''"))
    assert rolled == _one(db, "SELECT SUM(actions) FROM usage_daily")


def test_adoption_climbs_in_an_s_curve(db):
    at_end = kpis.adoption_rate(db, F)
    assert 0.7 <= at_end.value <= 0.9
    month1 = kpis.adoption_rate(db, Filters(as_of=demo.add_months(START, 1))).value
    month6 = kpis.adoption_rate(db, Filters(as_of=demo.add_months(START, 6))).value
    assert month1 < 0.35 and month1 < month6 < at_end.value
    progress = kpis.segment_progress(db, F)
    assert progress["early_adopter"]["value"] > progress["late_majority"]["value"] > progress["laggard"]["value"]


# ---------------------------------------------------------------- surveys

def test_acceptance_per_wave(db):
    trend = kpis.acceptance_trend(db, F)
    assert len(trend) == 5 and all(w.wave_date <= END.isoformat() for w in trend)
    six = min(trend, key=lambda w: abs(dt.date.fromisoformat(w.wave_date) - demo.add_months(START, 6)))
    assert six.k == round(0.89 * six.n) and six.value == six.k / six.n
    assert trend[0].k == round(0.42 * trend[0].n)
    assert 0.88 <= kpis.acceptance_rate(db, F).value <= 0.92
    values = [w.value for w in trend]
    assert values == sorted(values)


def test_departments_differ(db):
    def dept(name):
        return kpis.acceptance_trend(db, Filters(as_of=END, departments=(name,)))[1].value
    assert dept("Verkoop") > dept("Productie")


def test_fear_falls_and_enps_rises(db):
    fear = [w.value for w in kpis.fear_trend(db, F)]
    assert fear[0] == pytest.approx(0.45, abs=0.02) and fear[-1] == pytest.approx(0.15, abs=0.02)
    first = kpis.waves(db, F)[0]["held_on"]
    assert kpis.enps(db, Filters(as_of=dt.date.fromisoformat(first))).value == pytest.approx(-30, abs=6)
    assert kpis.enps(db, F).value == pytest.approx(25, abs=6)


def test_respondents_and_answers(db):
    for wave in kpis.waves(db, F):
        n = _one(db, "SELECT COUNT(*) FROM survey_respondents WHERE survey_id = ?", [wave["id"]])
        assert 0.69 <= n / wave["invited"] <= 0.81
    assert _one(db, "SELECT COUNT(*) FROM survey_respondents WHERE respondent = employee_id "
                    "OR respondent NOT LIKE 'R%-%'") == 0
    answered = dict(db.execute(
        "SELECT question_code, COUNT(*) FROM survey_answers GROUP BY 1").fetchall())
    respondents = _one(db, "SELECT COUNT(*) FROM survey_respondents")
    assert all(answered[c] == respondents for c in answered if c != "OPEN1")
    assert 0.15 <= answered["OPEN1"] / respondents <= 0.25
    assert _one(db, "SELECT COUNT(*) FROM survey_answers WHERE question_code = 'OPEN1' "
                    "AND (value IS NOT NULL OR text IS NULL)") == 0
    assert _one(db, "SELECT COUNT(*) FROM survey_answers a JOIN survey_questions q ON q.code = a.question_code "
                    "WHERE (q.scale = 'agree5' AND a.value NOT BETWEEN 1 AND 5) "
                    "OR (q.scale = 'nps11' AND a.value NOT BETWEEN 0 AND 10)") == 0


# ---------------------------------------------------------------- trainings and engagement

def test_trainings_requests_and_suggestions(db):
    lunches = db.execute("SELECT held_on, duration_minutes, title FROM trainings "
                         "WHERE kind = 'lunch_learn'").fetchall()
    assert len(lunches) >= 40
    assert all(dt.date.fromisoformat(d).weekday() == 3 and m == 30 and t.startswith("AI Lunch & Learn")
               for d, m, t in lunches)
    assert _one(db, "SELECT COUNT(*) FROM trainings WHERE kind = 'workshop' AND duration_minutes = 120") >= 2
    per_session = db.execute("SELECT COUNT(*) FROM training_attendance a JOIN trainings t "
                             "ON t.id = a.training_id WHERE t.kind = 'lunch_learn' GROUP BY t.id").fetchall()
    assert all(2 <= n <= 25 for (n,) in per_session)
    per_100 = 100 / 140
    assert 1 <= kpis.training_requests(db, F)["value"] * per_100 <= 3
    assert 2 <= kpis.suggestions(db, F)["value"] * per_100 <= 5


# ---------------------------------------------------------------- pilots

def test_pilots(db):
    saved = {r["use_case"]: r for r in kpis.time_saved(db, F)}
    quotes = saved["Offertecalculatie"]
    assert 0.58 <= quotes["value"] <= 0.62 and quotes["ci_low"] <= quotes["value"] <= quotes["ci_high"]
    assert (quotes["n_baseline"], quotes["n_after"], quotes["thin"]) == (12, 12, False)
    throughput = {r["use_case"]: r for r in kpis.throughput_change(db, F)}
    assert 0.21 <= throughput["Offertecalculatie"]["value"] <= 0.25
    assert saved["Inkooporders controleren"]["thin"] and not saved["Kennisbank engineering"]["thin"]
    assert "Notulen stuurgroep" not in saved
    assert _one(db, "SELECT status FROM use_cases WHERE name = 'Notulen stuurgroep'") == "planned"
    assert _one(db, "SELECT MAX(measured_on) FROM measurements") <= END.isoformat()
    assert _one(db, """SELECT COUNT(*) FROM measurements m JOIN use_cases u ON u.id = m.use_case_id
                       WHERE (m.phase = 'baseline' AND m.measured_on >= u.start_date)
                          OR (m.phase = 'after' AND m.measured_on <= u.start_date)""") == 0


# ---------------------------------------------------------------- stakeholders

def test_stakeholders(db):
    health = kpis.stakeholders(db, F)
    assert health["overdue"] >= 1 and health["key_champions"] >= 1 and health["critical_blockers"] >= 1
    assert _one(db, "SELECT MAX(assessed_on) FROM stakeholder_assessments") <= END.isoformat()
    wrong = [r for r in db.execute("SELECT attitude, category FROM stakeholder_assessments")
             if demo.CATEGORY[r[0]] != r[1]]
    assert wrong == []


def _attitudes(db, name):
    return [r[0] for r in db.execute(
        "SELECT s.attitude FROM stakeholder_assessments s JOIN employees e ON e.id = s.employee_id "
        "WHERE e.display_name = ? ORDER BY s.assessed_on", [name])]


def test_head_of_production_turns_around_and_the_opponent_does_not(db):
    head = db.execute("SELECT department, level FROM employees WHERE display_name = 'Gerrit Visser'").fetchone()
    assert head == ("Productie", "middle_management")
    assert _attitudes(db, "Gerrit Visser") == [-1, 0, 1]
    assert _attitudes(db, "Jan Willem Dekker") == [-2, -2, -2]
    sales = db.execute("SELECT e.level, e.segment, s.influence, s.role_r FROM employees e "
                       "JOIN stakeholder_assessments s ON s.employee_id = e.id "
                       "WHERE e.display_name = 'Sanne de Vries'").fetchall()
    assert set(sales) == {("middle_management", "early_adopter", 5, 1)}
    assert _attitudes(db, "Sanne de Vries") == [2, 2, 2]


# ---------------------------------------------------------------- reproducibility and safety

def test_same_seed_same_rows_other_seed_other_rows(built, tmp_path):
    first = _digest(built[0].read())
    again = store.Store(tmp_path / "again.db")
    other = store.Store(tmp_path / "other.db")
    try:
        demo.build_demo(again, end=END)
        demo.build_demo(other, seed=7, end=END)
        assert _digest(again.read()) == first
        assert _digest(other.read()) != first
    finally:
        again.close()
        other.close()


def test_non_empty_store_raises_and_changes_nothing(built):
    s = built[0]
    before = (_digest(s.read()), s.data_version(), _one(s.read(), "SELECT COUNT(*) FROM audit_log"))
    with pytest.raises(ValueError, match="empty store"):
        demo.build_demo(s, end=END)
    after = (_digest(s.read()), s.data_version(), _one(s.read(), "SELECT COUNT(*) FROM audit_log"))
    assert after == before


@pytest.mark.parametrize("kwargs", [{"employees": 10}, {"months": 1}, {"seed": -1}])
def test_bad_arguments_raise(fresh_store, kwargs):
    with pytest.raises(ValueError):
        demo.build_demo(fresh_store, end=END, **kwargs)
    assert _one(fresh_store.read(), "SELECT COUNT(*) FROM employees") == 0


def test_longer_demo_and_default_end(fresh_store):
    counts = demo.build_demo(fresh_store, employees=60, months=18)
    end = dt.date.fromisoformat(counts["end"])
    assert end == dt.date.today().replace(day=1) - dt.timedelta(days=1)
    db = fresh_store.read()
    f = Filters(as_of=end)
    assert len(kpis.waves(db, f)) == 7
    assert kpis.data_as_of(db) <= end
    assert kpis.acceptance_rate(db, f).value == pytest.approx(0.91, abs=0.02)


def test_add_months():
    assert demo.add_months(dt.date(2026, 10, 31), -12) == dt.date(2025, 10, 31)
    assert demo.add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
    assert demo.add_months(dt.date(2025, 12, 15), 1) == dt.date(2026, 1, 15)
