"""KPI engine: worked examples on small stores with known contents."""
import datetime as dt

import pytest

from core import anonymity, kpis, store
from core.filters import Filters
from conftest import AS_OF, SYSTEM, add_employees, add_wave

F = Filters(as_of=AS_OF)


def test_wilson_interval_worked_example():
    low, high = kpis.wilson_interval(89, 100)
    assert round(low, 2) == 0.81 and round(high, 2) == 0.94


def test_wilson_interval_edges():
    assert kpis.wilson_interval(0, 0) == (None, None)
    low, high = kpis.wilson_interval(10, 10)
    assert high == pytest.approx(1.0) and 0.69 < low < 0.73


def test_two_proportion_test():
    assert kpis.two_proportion_p(45, 100, 89, 100) < 0.001
    assert kpis.two_proportion_p(88, 100, 89, 100) > 0.5


def _pilot(db, name, base_minutes, after_minutes, base_units=(), after_units=(), rate=85.0,
           department=None):
    uid = db["use_cases"].insert({"name": name, "unit": "offerte", "hourly_rate": rate,
                                  "status": "pilot", "department": department}).last_pk
    rows = [("baseline", m, u) for m, u in zip(base_minutes, list(base_units) + [None] * 99)]
    rows += [("after", m, u) for m, u in zip(after_minutes, list(after_units) + [None] * 99)]
    db["measurements"].insert_all(
        {"use_case_id": uid, "phase": phase, "measured_on": "2026-06-01",
         "minutes_per_unit": m, "units_per_month": u} for phase, m, u in rows)
    return uid


def test_time_saved_eight_hours_to_two_is_75_percent(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        _pilot(db, "Offertecalculatie", [480] * 6, [120] * 6)
    (row,) = kpis.time_saved(fresh_store.read(), F)
    assert row["value"] == pytest.approx(0.75)
    assert row["ci_low"] == pytest.approx(0.75) and row["ci_high"] == pytest.approx(0.75)
    assert (row["n_baseline"], row["n_after"], row["thin"]) == (6, 6, False)


def test_time_saved_interval_brackets_the_estimate(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        _pilot(db, "Offertecalculatie", [250, 280, 300, 320, 350, 300],
               [100, 110, 120, 130, 140, 120])
    (row,) = kpis.time_saved(fresh_store.read(), F)
    assert row["value"] == pytest.approx(0.6)
    assert row["ci_low"] < 0.6 < row["ci_high"]
    assert 0.5 < row["ci_low"] and row["ci_high"] < 0.7


def test_thin_pilot_has_no_interval(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        _pilot(db, "Inkoop", [12, 13, 11, 12, 12, 12], [8, 8, 8])
    (row,) = kpis.time_saved(fresh_store.read(), F)
    assert row["thin"] is True and row["ci_low"] is None
    assert row["value"] == pytest.approx(1 - 8 / 12)


def test_throughput_change_machine_builder(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        _pilot(db, "Offertecalculatie", [300] * 5, [120] * 5, [130] * 5, [160] * 5)
    (row,) = kpis.throughput_change(fresh_store.read(), F)
    assert row["value"] == pytest.approx(160 / 130 - 1)
    assert round(row["value"], 2) == 0.23


def test_pilot_value_hours_and_money(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        # 480 → 120 minutes is 6 hours saved per quote; 30 quotes a month; €85 an hour.
        _pilot(db, "Offertecalculatie", [480] * 5, [120] * 5, [30] * 5, [30] * 5)
        _pilot(db, "Gepland", [], [])
    value = kpis.pilot_value(fresh_store.read(), F)
    assert value["hours_per_month"] == pytest.approx(180)
    assert value["value_per_month"] == pytest.approx(180 * 85)


def test_measurements_after_as_of_do_not_count(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        _pilot(db, "Offertecalculatie", [480] * 5, [120] * 5)
    early = Filters(as_of=dt.date(2026, 5, 1))
    assert kpis.time_saved(fresh_store.read(), early) == []
    assert kpis.pilot_value(fresh_store.read(), early)["hours_per_month"] is None


# ---------------------------------------------------------------- surveys

def _agreeing(n_agree, n_total, dept="Verkoop"):
    return [(dept, {"INT1": 5 if i < n_agree else 2}) for i in range(n_total)]


def test_acceptance_rate_89_of_100(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_wave(db, "Pulse 1", "2026-04-01", _agreeing(45, 100))
        add_wave(db, "Pulse 2", "2026-10-01", _agreeing(89, 100))
    db = fresh_store.read()
    fig = kpis.acceptance_rate(db, F)
    assert (fig.value, fig.n, fig.k, fig.wave) == (0.89, 100, 89, "Pulse 2")
    assert round(fig.ci_low, 2) == 0.81 and round(fig.ci_high, 2) == 0.94
    trend = kpis.acceptance_trend(db, F)
    change = kpis.wave_change(trend[0], trend[1])
    assert change["delta"] == pytest.approx(0.44) and change["significant"]


def test_acceptance_counts_only_4_and_5(fresh_store):
    answers = [("Verkoop", {"INT1": v}) for v in (1, 2, 3, 3, 4, 5, 5, 4, 3, 3)]
    with fresh_store.write(SYSTEM) as db:
        add_wave(db, "Pulse 1", "2026-10-01", answers)
    assert kpis.acceptance_rate(fresh_store.read(), F).value == pytest.approx(0.4)


def test_acceptance_latest_wave_in_period_only(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_wave(db, "Pulse 1", "2026-04-01", _agreeing(5, 10))
        add_wave(db, "Pulse 2", "2026-12-01", _agreeing(9, 10))   # after as_of
    fig = kpis.acceptance_rate(fresh_store.read(), F)
    assert fig.wave == "Pulse 1" and fig.value == 0.5


def test_no_wave_means_no_data_not_zero(fresh_store):
    fig = kpis.acceptance_rate(fresh_store.read(), F)
    assert fig.value is None and fig.n == 0


def test_small_department_is_suppressed(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_wave(db, "Pulse 1", "2026-10-01", _agreeing(20, 30, "Productie")
                 + _agreeing(8, 12, "Verkoop") + _agreeing(3, 4, "IT"))
    db = fresh_store.read()

    def shown(*depts):
        fig = kpis.acceptance_rate(db, Filters(as_of=AS_OF, departments=depts))
        return None if fig.suppressed else fig.value

    assert shown("IT") is None and shown("IT", "Productie") is None
    # IT (4) alone is below 5, so the next smallest, Verkoop, is hidden with it: else
    # "all" − Productie − Verkoop would reveal IT.
    assert shown("Verkoop") is None
    assert shown("Productie") == pytest.approx(20 / 30)
    everyone = kpis.acceptance_rate(db, F)
    assert not everyone.suppressed and everyone.n == 46
    it_only = kpis.acceptance_rate(db, Filters(as_of=AS_OF, departments=("IT",)))
    assert it_only.value is None and it_only.n is None


@pytest.mark.parametrize("sizes,expected", [
    ({"A": 20, "B": 3, "C": 10}, {"B", "C"}),
    ({"A": 20, "B": 3, "C": 2}, {"B", "C"}),          # together 5: enough
    ({"A": 20, "B": 10}, set()),
    ({"A": 4}, {"A"}),
    ({"A": 20, None: 2, "B": 6}, {None, "B"}),
    ({"A": 20, "B": 0}, set()),
])
def test_hidden_groups(sizes, expected):
    assert anonymity.hidden_groups(sizes, 5) == expected


def test_min_group_size_setting_never_below_3(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        db.execute("UPDATE settings SET value = '1' WHERE key = 'min_group_size'")
    assert anonymity.minimum(fresh_store.read()) == 3


def test_fear_index_and_enps(fresh_store):
    answers = [("Verkoop", {"FEAR1": f, "NPS1": n})
               for f, n in zip([5, 4, 2, 1, 1, 2, 3, 1, 2, 1], [10, 9, 9, 10, 9, 8, 7, 6, 3, 0])]
    with fresh_store.write(SYSTEM) as db:
        add_wave(db, "Pulse 1", "2026-10-01", answers)
    db = fresh_store.read()
    assert kpis.fear_index(db, F).value == pytest.approx(0.2)
    score = kpis.enps(db, F)
    # 5 promoters, 2 passives, 3 detractors of 10: 50% − 30% = +20.
    assert score.value == pytest.approx(20) and score.n == 10
    assert score.ci_low < 20 < score.ci_high


# ---------------------------------------------------------------- adoption

def _use(db, employee, day, actions=3):
    db["usage_daily"].insert({"employee_id": employee, "day": day, "tool": "Copilot",
                              "actions": actions})


@pytest.fixture
def usage_store(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [
            ("E1", "Verkoop", "employee", "early_adopter", "2026-01-01"),
            ("E2", "Verkoop", "employee", "early_majority", "2026-01-01"),
            ("E3", "Productie", "employee", "early_majority", "2026-01-01"),
            ("E4", "Productie", "employee", "late_majority", "2026-01-01"),
            ("E5", "Productie", "employee", "laggard", None),      # no access
        ])
        _use(db, "E1", "2026-10-31")
        _use(db, "E2", "2026-10-04")          # first day of the 28-day window
        _use(db, "E3", "2026-10-03")          # one day too early
        _use(db, "E4", "2026-10-20", actions=0)
        _use(db, "E5", "2026-10-20")          # no access: never counts
        from core import store
        store.refresh_usage_weekly(db)
    return fresh_store


def test_a_company_below_the_minimum_shows_no_adoption_rate(usage_store):
    # 4 people with access, minimum 5: the whole company is too small to show (issue 15).
    a = kpis.adoption_rate(usage_store.read(), F)
    assert (a.value, a.active, a.eligible, a.suppressed) == (None, None, 4, True)


def test_adoption_rate_28_day_window(usage_store):
    with usage_store.write(SYSTEM) as db:
        store.set_setting(db, "min_group_size", 3)
    a = kpis.adoption_rate(usage_store.read(), F)
    assert (a.active, a.eligible, a.window_days) == (2, 4, 28)
    assert a.value == 0.5


def test_adoption_rate_by_department(usage_store):
    with usage_store.write(SYSTEM) as db:
        add_employees(db, [(f"P{i}", "Productie", "employee", None, "2026-01-01") for i in range(5)]
                      + [(f"X{i}", "IT", "it", None, "2026-01-01") for i in range(6)])
    db = usage_store.read()
    # Staff with access: Verkoop 2 (hidden), IT 6 (hidden with it), Productie 7 (shown).
    a = kpis.adoption_rate(db, Filters(as_of=AS_OF, departments=("Productie",)))
    assert (a.active, a.eligible, a.value, a.suppressed) == (0, 7, 0.0, False)
    assert kpis.adoption_rate(db, Filters(as_of=AS_OF, departments=("IT",))).suppressed


def test_segment_progress(usage_store):
    progress = kpis.segment_progress(usage_store.read(), F)
    assert list(progress) == ["early_adopter", "early_majority", "late_majority"]
    assert progress["early_majority"] == {"members": 2, "active": 1, "value": 0.5, "hidden": True}
    # Four people in all: every segment is below the minimum of 5, so none may be shown.
    assert all(p["hidden"] for p in progress.values())


def test_segment_progress_shows_large_segments(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"A{i}", "Verkoop", "employee", "early_majority", "2026-01-01")
                           for i in range(6)]
                      + [(f"B{i}", "Verkoop", "employee", "late_majority", "2026-01-01")
                         for i in range(8)]
                      + [("C0", "Verkoop", "employee", "innovator", "2026-01-01")])
        for i in range(3):
            _use(db, f"A{i}", "2026-10-30")
        store.refresh_usage_weekly(db)      # as every usage write does: figures read the rollups
    progress = kpis.segment_progress(fresh_store.read(), F)
    assert progress["early_majority"]["value"] == 0.5
    # The lone innovator is hidden, and with them the next smallest segment, the early
    # majority (else everyone minus the shown segments would reveal the innovator).
    assert progress["innovator"]["hidden"] and progress["early_majority"]["hidden"]
    assert progress["late_majority"] == {"members": 8, "active": 0, "value": 0.0, "hidden": False}


def test_adoption_waits_for_usage_data(usage_store):
    # An assessment recorded after the last usage import must not zero the adoption rate.
    with usage_store.write(SYSTEM) as db:
        store.set_setting(db, "min_group_size", 3)
    later = Filters(as_of=dt.date(2026, 11, 27))
    a = kpis.adoption_rate(usage_store.read(), later)
    assert (a.value, a.as_of) == (0.5, "2026-10-31")


def test_adoption_of_a_small_department_is_suppressed(usage_store):
    a = kpis.adoption_rate(usage_store.read(), Filters(as_of=AS_OF, departments=("Verkoop",)))
    assert a.suppressed and a.value is None and a.active is None


def test_adoption_trend_matches_rate_on_sundays(usage_store):
    db = usage_store.read()
    points = kpis.adoption_trend(db, Filters(as_of=AS_OF, start=dt.date(2026, 9, 1)))
    assert points[-1]["week_end"] == "2026-10-25"
    for p in points:
        day = dt.date.fromisoformat(p["week_end"])
        rate = kpis.adoption_rate(db, Filters(as_of=day))
        assert (p["active"], p["eligible"]) == (rate.active, rate.eligible)
        assert p["suppressed"] == rate.suppressed


def test_no_usage_means_no_data(fresh_store):
    a = kpis.adoption_rate(fresh_store.read(), F)
    assert a.value is None and a.eligible == 0


# ---------------------------------------------------------------- training and engagement

def test_training_participation_and_rates(usage_store):
    with usage_store.write(SYSTEM) as db:
        tid = db["trainings"].insert({"title": "Lunch & Learn", "held_on": "2026-10-01"}).last_pk
        db["training_attendance"].insert_all(
            [{"training_id": tid, "employee_id": e} for e in ("E1", "E2")])
        db["training_requests"].insert_all(
            [{"requested_on": d, "topic": "prompts", "department": "Verkoop"}
             for d in ("2026-09-10", "2026-10-10", "2026-10-11")])
    f = Filters(as_of=AS_OF, start=dt.date(2026, 8, 1))
    db = usage_store.read()
    assert kpis.training_participation(db, f) == {"value": 0.4, "attendees": 2, "staff": 5,
                                                   "sessions": 1}
    requests = kpis.training_requests(db, f)
    assert requests["total"] == 3 and requests["value"] == pytest.approx(3 / requests["months"], 0.05)
    assert kpis.suggestions(db, f)["value"] is None     # never recorded: no data, not zero


# ---------------------------------------------------------------- stakeholders

def test_stakeholder_quadrants_overdue_and_movement(usage_store):
    rows = [
        ("E1", "2026-09-01", 5, 2, "champion"),
        ("E2", "2026-01-10", 4, -1, "skeptic"),      # overdue (> 183 days)
        ("E3", "2026-03-01", 2, -1, "skeptic"),
        ("E3", "2026-09-01", 2, 1, "supporter"),     # improved, now silent supporter
        ("E4", "2026-09-01", 1, -2, "opponent"),
        ("E5", "2026-09-01", 3, 0, "neutral"),
    ]
    with usage_store.write(SYSTEM) as db:
        db["stakeholder_assessments"].insert_all(
            {"employee_id": e, "assessed_on": d, "influence": i, "attitude": a, "category": c}
            for e, d, i, a, c in rows)
    health = kpis.stakeholders(usage_store.read(), F)
    assert health == {"key_champions": 1, "critical_blockers": 1, "silent_supporters": 1,
                      "grumblers": 1, "undecided": 1, "assessed": 5, "overdue": 1,
                      "improved": 1, "declined": 0}


# ---------------------------------------------------------------- targets

@pytest.mark.parametrize("kpi,value,target,expected", [
    ("acceptance_rate", 0.89, 0.85, "on_track"),
    ("acceptance_rate", 0.82, 0.85, "close"),
    ("acceptance_rate", 0.60, 0.85, "behind"),
    ("fear_index", 0.15, 0.20, "on_track"),
    ("fear_index", 0.30, 0.20, "behind"),
    ("enps", 7, 10, "close"),
    ("acceptance_rate", None, 0.85, None),
])
def test_status_against_target(kpi, value, target, expected):
    assert kpis.status(kpi, value, target) == expected


def test_adoption_trend_equals_rate_on_every_sunday_of_the_demo(demo_db):
    from core import store
    s = store.Store(demo_db)
    db = s.read()
    as_of = kpis.data_as_of(db)
    for depts in ((), ("Productie",)):
        points = kpis.adoption_trend(db, Filters(as_of=as_of, departments=depts))
        assert len(points) >= 40
        for p in points:
            rate = kpis.adoption_rate(db, Filters(as_of=dt.date.fromisoformat(p["week_end"]),
                                                  departments=depts))
            assert (p["active"], p["eligible"], p["suppressed"]) == \
                (rate.active, rate.eligible, rate.suppressed), p
    s.close()


def test_a_wave_without_answers_does_not_hide_the_latest_result(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_wave(db, "Pulse 1", "2026-09-01", _agreeing(9, 10))
        db["surveys"].insert({"name": "Pulse 2", "held_on": "2026-10-15"})   # not answered yet
    fig = kpis.acceptance_rate(fresh_store.read(), F)
    assert (fig.wave, fig.value) == ("Pulse 1", 0.9)


def test_an_unanswered_wave_does_not_move_data_as_of(usage_store):
    db = usage_store.read()
    before = (kpis.data_as_of(db), kpis.adoption_rate(db, F).value)
    with usage_store.write(SYSTEM) as w:
        w["surveys"].insert({"name": "Pulse 6", "held_on": "2026-11-27"})
    assert (kpis.data_as_of(db), kpis.adoption_rate(db, F).value) == before


# ---------------------------------------------------------------- the verdict from all signals

GOOD = {"agree": 9, "active": 8, "afraid": 1, "promoters": 5, "detractors": 0, "blockers": 0}


def _signal_store(s, agree, active, afraid, promoters, detractors, blockers, wave=True):
    """Ten people in Verkoop, all licensed; ``active`` of them used a tool in October; one
    wave of ten answers (``agree`` say INT1 ≥ 4, ``afraid`` FEAR1 ≥ 4, NPS1 10 for
    ``promoters``, 3 for ``detractors``, 8 for the rest); one key champion and ``blockers``
    critical blockers."""
    with s.write(SYSTEM) as db:
        add_employees(db, [(f"E{i}", "Verkoop", "employee", "early_majority", "2026-01-01")
                           for i in range(10)])
        for i in range(active):
            _use(db, f"E{i}", "2026-10-20")
        store.refresh_usage_weekly(db)
        if wave:
            add_wave(db, "Pulse", "2026-10-01", [
                ("Verkoop", {"INT1": 5 if i < agree else 2, "FEAR1": 4 if i < afraid else 1,
                             "NPS1": 10 if i < promoters else 3 if i >= 10 - detractors else 8})
                for i in range(10)])
        db["stakeholder_assessments"].insert_all(
            {"employee_id": f"E{i}", "assessed_on": "2026-09-01", "influence": 4,
             "attitude": 2 if i == 0 else -2, "category": "champion" if i == 0 else "opponent"}
            for i in range(1 + blockers))
    return kpis.verdict(s.read(), F)


def test_verdict_yes_when_every_signal_is_on_track(fresh_store):
    v = _signal_store(fresh_store, **GOOD)
    assert (v["answer"], v["behind"]) == ("yes", [])
    assert v["on_track"] == list(kpis.VERDICT_SIGNALS)
    assert v["signals"]["adoption_rate"]["value"] == pytest.approx(0.8)
    assert kpis.verdict_sentence(v, "nl").startswith("Ja: de acceptatie is op koers")


@pytest.mark.parametrize("signal,change,answer", [
    ("acceptance_rate", {"agree": 5}, "no"),            # 50%, target 85%: the question's own measure
    ("adoption_rate", {"active": 3}, "mostly"),         # 30%, target 75%
    ("fear_index", {"afraid": 5}, "mostly"),            # 50%, target 20% (lower is better)
    ("enps", {"promoters": 0, "detractors": 5}, "mostly"),   # −50, target +10
    ("stakeholders", {"blockers": 2}, "mostly"),        # 2 blockers, 1 champion
])
def test_verdict_names_each_signal_that_is_behind(fresh_store, signal, change, answer):
    v = _signal_store(fresh_store, **dict(GOOD, **change))
    assert v["answer"] == answer
    assert v["behind"] == [signal]
    assert v["on_track"] == [k for k in kpis.VERDICT_SIGNALS if k != signal]


def test_verdict_sentence_names_what_is_behind_with_figure_and_target(fresh_store):
    v = _signal_store(fresh_store, **dict(GOOD, afraid=5, active=3))
    assert (v["answer"], v["behind"]) == ("mostly", ["adoption_rate", "fear_index"])
    assert kpis.verdict_sentence(v, "nl") == (
        "Grotendeels: de acceptatie is op koers, medewerkers bevelen de tools aan en de "
        "kampioenen zijn niet in de minderheid, maar het gebruik blijft achter (30%, doel 75%) "
        "en de angst is hoog (50%, doel 20%).")
    assert kpis.verdict_sentence(v, "en").startswith("Mostly: acceptance is on track")


def test_verdict_no_when_most_signals_are_behind_though_acceptance_is_on_target(fresh_store):
    # The imported store: a green answer over three red cards.
    v = _signal_store(fresh_store, **dict(GOOD, afraid=5, active=1, promoters=0, detractors=5))
    assert v["answer"] == "no"
    assert v["behind"] == ["adoption_rate", "fear_index", "enps"]
    assert kpis.verdict_sentence(v, "en").endswith(
        "On track: acceptance is on track and champions are not outnumbered.")


def test_verdict_close_acceptance_is_behind_but_not_no(fresh_store):
    v = _signal_store(fresh_store, **dict(GOOD, agree=8))   # 80%: within 5 points of 85%
    assert (v["answer"], v["behind"]) == ("mostly", ["acceptance_rate"])


def test_verdict_without_a_wave_has_no_answer(fresh_store):
    v = _signal_store(fresh_store, **GOOD, wave=False)
    assert v["answer"] is None and kpis.verdict_sentence(v, "nl") is None
    assert v["behind"] == [] and v["on_track"] == ["adoption_rate", "stakeholders"]


def test_summary_carries_the_verdict(fresh_store):
    _signal_store(fresh_store, **dict(GOOD, active=3))
    summary = kpis.summary(fresh_store.read(), F)
    assert summary["verdict"]["answer"] == "mostly"
    assert summary["verdict"]["behind"] == ["adoption_rate"]
    assert set(summary["verdict"]["behind"] + summary["verdict"]["on_track"]) - {"stakeholders"} \
        <= set(summary["targets"])


@pytest.mark.parametrize("kpi,change,expected", [
    ("acceptance_rate", 9, ("up", "green")), ("acceptance_rate", -9, ("down", "red")),
    ("acceptance_rate", 0, ("off", "gray")), ("fear_index", 5, ("up", "red")),
    ("fear_index", -5, ("down", "green")), ("enps", -3, ("down", "red")),
    ("enps", None, ("off", "gray")),
])
def test_change_signal_direction_from_the_number_colour_from_the_kpi(kpi, change, expected):
    assert kpis.change_signal(kpi, change) == expected
