"""One usage model and one anonymity engine (issue 15): the reproductions, as tests.

Each built the way real data arrives: a survey imported after the usage export, a
department licensed later, a small department inside a selection, a tiny company."""
import datetime as dt

import pytest

from core import adoption, anonymity, kpis, store, usage
from core.access import SYSTEM
from core.filters import Filters, for_period
from tests.conftest import DEMO_END, add_employees, add_wave

USAGE_KEYS = ("adoption_rate", "segments", "adoption_trend", "usage_segments", "forecast")


def _summary(db, period="12m", departments=()):
    return kpis.summary(db, for_period(period, kpis.data_as_of(db), departments))


@pytest.mark.parametrize("period", ["3m", "12m", "all"])
def test_a_later_survey_leaves_every_usage_figure_unchanged(demo_copy, period):
    s = store.Store(demo_copy)
    before = _summary(s.read(), period)
    assert before["usage_segments"]["power"] > 0
    # A pulse survey held a month after the last usage export (the quarterly routine).
    with s.write(SYSTEM) as db:
        add_wave(db, "Pulse december", (DEMO_END + dt.timedelta(days=30)).isoformat(),
                 [("Verkoop", {"INT1": 4})] * 12)
    after = _summary(s.read(), period)
    assert after["as_of"] > before["as_of"]
    for key in USAGE_KEYS:
        assert after[key] == before[key], key
    # The figures that are not in the JSON read the same usage day too.
    f_before = for_period(period, DEMO_END)
    f_after = for_period(period, kpis.data_as_of(s.read()))
    assert adoption.trained_inactive(s.read(), f_after) == adoption.trained_inactive(s.read(), f_before)
    assert adoption.time_to_first_use(s.read(), f_after) == adoption.time_to_first_use(s.read(), f_before)
    s.close()


def _use(db, who, days):
    db["usage_daily"].insert_all(
        {"employee_id": e, "day": d.isoformat(), "tool": "Copilot", "actions": 3}
        for e in who for d in days)


@pytest.fixture
def later_department(fresh_store):
    """A = 10, B = 10, C = 4 licensed from January; D = 3 licensed from 1 October."""
    with fresh_store.write(SYSTEM) as db:
        staff = ([(f"A{i}", "A", "employee", "early_majority", "2026-01-01") for i in range(10)]
                 + [(f"B{i}", "B", "employee", "early_majority", "2026-01-01") for i in range(10)]
                 + [(f"C{i}", "C", "employee", "late_majority", "2026-01-01") for i in range(4)]
                 + [(f"D{i}", "D", "employee", "late_majority", "2026-10-01") for i in range(3)])
        add_employees(db, staff)
        days = [dt.date(2026, 8, 3) + dt.timedelta(days=7 * k) for k in range(13)]
        _use(db, [f"A{i}" for i in range(7)] + [f"B{i}" for i in range(5)] + ["C0", "C1", "C2"]
             + ["D0", "D1"], days)
        store.refresh_usage_weekly(db)
    return fresh_store


def test_no_department_can_be_recovered_by_subtraction_over_time(later_department):
    db = later_department.read()
    f = Filters(as_of=dt.date(2026, 10, 31), start=dt.date(2026, 8, 1))
    company = {p["week_end"]: p for p in kpis.adoption_trend(db, f)}
    by_dept = adoption.adoption_by_department(db, f)["points"]
    september = [w for w in company if w.startswith("2026-09")]
    assert september
    for week in september:
        shown = [p for p in by_dept if p["week_end"] == week]
        shown_active = sum(p["active"] for p in shown)
        shown_staff = sum(p["eligible"] for p in shown)
        rest = company[week]["eligible"] - shown_staff
        # What the company figure minus the shown departments leaves: none, or enough people.
        assert rest == 0 or rest >= 5, (week, rest)
        if rest:
            assert company[week]["active"] - shown_active >= 0
    # In September C (4) would be left over alone; the rule hides A too (the smallest of
    # the others, by name on a tie), so C + A = 14 remain.
    sept = [p["department"] for p in by_dept if p["week_end"] == september[0]]
    assert sept == ["B"]
    # From October C + D = 7 are hidden together, and A and B show.
    october = [p["department"] for p in by_dept if p["week_end"] == "2026-10-25"]
    assert october == ["A", "B"]


def test_the_old_rule_let_september_be_subtracted(later_department):
    # The rule the Adoption page had: hide by the last Sunday's sizes only. It shows A and B
    # in September, and the company's figure minus them is C alone (4 people, 3 active).
    db = later_department.read()
    last = {"A": 10, "B": 10, "C": 4, "D": 3}
    assert anonymity.hidden_groups(last, 5) == {"C", "D"}
    september = {"A": 10, "B": 10, "C": 4, "D": 0}
    assert anonymity.hidden_groups(september, 5) == {"A", "C"}
    u = usage.matrix(db)
    sunday = dt.date(2026, 9, 27)
    active_c = int((u.active(sunday, 28) & (u.department == "C")).sum())
    assert active_c == 3


@pytest.fixture
def directie(fresh_store):
    """Six departments of 8 and a Directie of 3, one of them late majority."""
    with fresh_store.write(SYSTEM) as db:
        staff = []
        for d in "PQRSTU":
            staff += [(f"{d}{i}", d, "employee", "late_majority" if i < 6 else "early_majority",
                       "2026-01-01") for i in range(8)]
        staff += [("X0", "Directie", "management", "late_majority", "2026-01-01"),
                  ("X1", "Directie", "management", "early_adopter", "2026-01-01"),
                  ("X2", "Directie", "management", "early_adopter", "2026-01-01")]
        add_employees(db, staff)
        _use(db, [s[0] for s in staff if s[0] != "X0"],
             [dt.date(2026, 8, 3) + dt.timedelta(days=7 * k) for k in range(13)])
        store.refresh_usage_weekly(db)
    return fresh_store


def test_segment_figures_never_leak_one_person_across_selections(directie):
    db = directie.read()
    f_all = Filters(as_of=dt.date(2026, 10, 31), start=dt.date(2026, 8, 1))
    f_six = Filters(as_of=dt.date(2026, 10, 31), start=dt.date(2026, 8, 1),
                    departments=tuple("PQRSTU"))
    company = kpis.segment_progress(db, f_all)["late_majority"]
    assert (company["members"], company["active"], company["hidden"]) == (37, 36, False)
    six = kpis.segment_progress(db, f_six)
    # The six departments' late majority would be 36 of 36: company minus it = Directie's
    # one inactive person. The breakdown of that selection is hidden instead.
    assert all(v["hidden"] for v in six.values())
    trend = adoption.segment_progress_trend(db, f_six)
    assert trend["points"] == [] and "late_majority" in trend["hidden"]
    ttfu = adoption.time_to_first_use(db, f_six)
    assert all(v["hidden"] for v in ttfu.values())
    # The JSON leaves the figures out for that selection.
    js = kpis.summary(db, f_six)["segments"]
    assert js["late_majority"]["active"] is None and js["late_majority"]["value"] is None


def test_a_company_below_the_minimum_is_hidden_everywhere(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"E{i}", "Verkoop", "employee", "early_majority", "2026-01-01")
                           for i in range(4)])
        _use(db, ["E0", "E1"], [dt.date(2026, 10, 20)])
        store.refresh_usage_weekly(db)
    db = fresh_store.read()
    f = Filters(as_of=dt.date(2026, 10, 31), start=dt.date(2026, 8, 1), period="3m")
    js = kpis.summary(db, f)
    assert js["adoption_rate"]["value"] is None and js["adoption_rate"]["suppressed"] is True
    assert all(p["active"] is None for p in js["adoption_trend"])
    assert js["usage_segments"] is None
    assert all(v["active"] is None for v in js["segments"].values())
    assert adoption.scope_guard(db, f)["hidden"] is True


def test_the_window_setting_is_the_one_definition_of_active(later_department):
    # Everyone who uses AI does so on Mondays; the last usage day is Monday 26 October.
    s = later_department
    f = Filters(as_of=dt.date(2026, 11, 30), start=dt.date(2026, 8, 1))

    def figures():
        db = s.read()
        return (kpis.adoption_rate(db, f), kpis.adoption_trend(db, f),
                adoption.adoption_by_tool(db, f), adoption.adoption_by_department(db, f))

    rate, trend, by_tool, by_dept = figures()
    assert (rate.as_of, rate.active, rate.window_days) == ("2026-10-26", 17, 28)
    assert trend[-1]["week_end"] == "2026-10-25" and trend[-1]["active"] == 17
    with s.write(SYSTEM) as db:
        store.set_setting(db, "adoption_window_days", 1)
    rate, trend, by_tool, by_dept = figures()
    # On the Monday itself everyone who used it is active; on the Sundays nobody is.
    assert (rate.active, rate.window_days) == (17, 1)
    assert {p["active"] for p in trend} == {0}
    assert {p["active"] for p in by_tool} == {0}
    assert {p["active"] for p in by_dept["points"]} == {0}


def test_each_page_says_both_dates_when_they_differ(monkeypatch, demo_copy):
    from tests.apptest_helpers import run_app

    s = store.Store(demo_copy)
    with s.write(SYSTEM) as db:
        add_wave(db, "Pulse december", "2026-11-24", [("Verkoop", {"INT1": 4})] * 12)
    s.close()
    at = run_app(monkeypatch, demo_copy, lang="en")
    captions = " ".join(c.value for c in at.caption)
    assert "Usage up to 30 Oct 2026 · surveys up to 24 Nov 2026" in captions


def test_an_admin_sets_the_activity_window(fresh_store):
    from core import settings
    from tests.conftest import ADMIN

    assert usage.window_days(fresh_store.read()) == 28
    settings.save(fresh_store, ADMIN, {"adoption_window_days": 14})
    assert usage.window_days(fresh_store.read()) == 14
    with pytest.raises(settings.SettingsError):
        settings.save(fresh_store, ADMIN, {"adoption_window_days": 0})
