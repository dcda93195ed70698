"""Pilots & productivity: worked examples, ROI and payback, the bootstrap, and validated writes."""
import datetime as dt
import json

import pytest

from conftest import EDITOR, SYSTEM, build_small_company
from core import kpis, pilots, store
from core.filters import Filters

TODAY = dt.date(2026, 11, 27)
F = Filters(as_of=dt.date(2026, 10, 31))


def add_case(s, name="Offertes", baseline=(), after=(), units=(None, None), rate=85.0, **extra):
    """A use case with ``baseline``/``after`` minutes per unit; ``units`` = (baseline, after) per month."""
    with s.write(SYSTEM) as db:
        db.execute("INSERT OR IGNORE INTO departments VALUES ('Verkoop')")
        uid = db["use_cases"].insert(dict({"name": name, "unit": "offerte", "hourly_rate": rate,
                                           "department": "Verkoop", "status": "pilot"}, **extra)).last_pk
        for phase, minutes, count, day in (("baseline", baseline, units[0], "2026-03-02"),
                                           ("after", after, units[1], "2026-09-01")):
            db["measurements"].insert_all(
                {"use_case_id": uid, "phase": phase, "measured_on": day,
                 "minutes_per_unit": m, "units_per_month": count} for m in minutes)
    return uid


def row_of(s, name):
    return next(r for r in pilots.results(s.read(), F) if r["name"] == name)


def snapshot(s):
    """Everything a refused write must leave as it was."""
    db = s.read()
    return (s.data_version(),
            db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
            [tuple(r) for r in db.execute("SELECT * FROM measurements ORDER BY id")],
            [tuple(r) for r in db.execute("SELECT * FROM use_cases ORDER BY id")])


# ---------------------------------------------------------------- worked examples

def test_8_hours_to_2_hours_is_75_percent_saved(fresh_store):
    add_case(fresh_store, baseline=[480] * 5, after=[120] * 5, units=(30, 30))
    row = row_of(fresh_store, "Offertes")
    assert row["time_saved"]["value"] == pytest.approx(0.75)
    assert (row["time_saved"]["ci_low"], row["time_saved"]["ci_high"]) == pytest.approx((0.75, 0.75))
    assert row["hours_per_month"] == pytest.approx(180)          # 6 h × 30 quotes
    assert row["value_per_month"] == pytest.approx(15300)        # × €85
    assert pilots.describe(row, "nl")["minutes"] == "480 → 120"


def test_8_hours_to_3_2_hours_is_60_percent_saved(fresh_store):
    add_case(fresh_store, baseline=[480] * 5, after=[192] * 5)
    assert row_of(fresh_store, "Offertes")["time_saved"]["value"] == pytest.approx(0.60)


def test_100_to_123_requests_a_month_is_plus_23_percent(fresh_store):
    add_case(fresh_store, baseline=[30] * 5, after=[20] * 5, units=(100, 123))
    row = row_of(fresh_store, "Offertes")
    assert row["throughput"]["value"] == pytest.approx(0.23)
    assert pilots.describe(row, "nl")["units"] == "100 → 123"
    assert pilots.describe(row, "en")["units_detail"].startswith("change +23%")


def test_errors_per_unit_before_and_after(fresh_store):
    uid = add_case(fresh_store, baseline=[60], after=[30])
    with fresh_store.write(SYSTEM) as db:
        db.execute("UPDATE measurements SET errors_per_unit = "
                   "CASE phase WHEN 'baseline' THEN 0.08 ELSE 0.02 END WHERE use_case_id = ?", [uid])
    row = row_of(fresh_store, "Offertes")
    assert (row["errors"]["baseline"], row["errors"]["after"]) == pytest.approx((0.08, 0.02))
    assert pilots.describe(row, "nl")["errors"] == "0,080 → 0,020"


# ---------------------------------------------------------------- ROI and payback

# Value €1,000 a month; licence €100 a month; training 10 h × €50; implementation €2,500.
# Cost over 12 months = 12 × 100 + 500 + 2,500 = 4,200; ROI = (12,000 − 4,200) / 4,200.
# Payback = (500 + 2,500) / (1,000 − 100) = 3.33 months.
HAND = {"licence_cost_month": 100.0, "training_hours": 10.0, "implementation_cost": 2500.0,
        "hourly_rate": 50.0}


def test_roi_and_payback_by_hand():
    c = pilots.costs(HAND)
    assert c == {"licence_month": 100.0, "training": 500.0, "implementation": 2500.0,
                 "one_off": 3000.0, "known": True}
    assert pilots.roi(1000.0, c) == pytest.approx(7800 / 4200)
    assert pilots.payback_months(1000.0, c) == pytest.approx(3000 / 900)


def test_roi_and_payback_of_a_measured_use_case(fresh_store):
    # 60 → 30 minutes on 40 units a month = 20 h × €50 = €1,000 a month.
    add_case(fresh_store, baseline=[60] * 5, after=[30] * 5, units=(40, 40), rate=50.0,
             licence_cost_month=100.0, training_hours=10.0, implementation_cost=2500.0)
    row = row_of(fresh_store, "Offertes")
    assert row["value_per_month"] == pytest.approx(1000)
    assert row["roi"] == pytest.approx(1.857, abs=1e-3)
    assert row["payback_months"] == pytest.approx(3.333, abs=1e-3)
    assert pilots.describe(row, "nl")["payback"] == "3,3 mnd"
    assert pilots.describe(row, "en")["roi"] == "186%"
    assert row["quick_win"] is False                 # 3.3 months is more than 3


def test_licence_dearer_than_the_saving_never_pays_back(fresh_store):
    add_case(fresh_store, baseline=[60] * 5, after=[30] * 5, units=(40, 40), rate=50.0,
             licence_cost_month=1200.0)
    row = row_of(fresh_store, "Offertes")
    assert row["payback_months"] is None
    assert pilots.fmt_payback(row, "nl") == "nooit"
    assert row["roi"] == pytest.approx((12000 - 14400) / 14400)


def test_costs_not_entered_are_unknown_not_zero(fresh_store):
    add_case(fresh_store, baseline=[60] * 5, after=[30] * 5, units=(40, 40))
    row = row_of(fresh_store, "Offertes")
    assert row["costs"]["known"] is False
    assert row["roi"] is None and row["payback_months"] is None
    assert pilots.fmt_payback(row, "en") == "–"
    assert row["quick_win"] is False


def test_no_one_off_costs_pays_back_at_once():
    c = pilots.costs({"licence_cost_month": 50.0})
    assert pilots.payback_months(1000.0, c) == 0.0
    assert pilots.roi(1000.0, c) == pytest.approx((12000 - 600) / 600)


# ---------------------------------------------------------------- bootstrap and thin pilots

def test_bootstrap_interval_contains_the_estimate_and_narrows_as_n_grows(fresh_store):
    spread_before, spread_after = [400, 450, 500, 550, 600], [100, 130, 160, 190, 220]
    add_case(fresh_store, "Klein", baseline=spread_before, after=spread_after)
    add_case(fresh_store, "Groot", baseline=spread_before * 8, after=spread_after * 8)
    small, large = row_of(fresh_store, "Klein")["time_saved"], row_of(fresh_store, "Groot")["time_saved"]
    assert small["value"] == pytest.approx(large["value"]) == pytest.approx(1 - 160 / 500)
    for fig in (small, large):
        assert fig["ci_low"] < fig["value"] < fig["ci_high"]
    assert (large["ci_high"] - large["ci_low"]) < 0.6 * (small["ci_high"] - small["ci_low"])


def test_fewer_than_five_in_a_phase_is_thin_without_interval(fresh_store):
    add_case(fresh_store, baseline=[12] * 6, after=[8, 8, 8])
    row = row_of(fresh_store, "Offertes")
    assert row["time_saved"]["thin"] is True
    assert row["time_saved"]["ci_low"] is None and row["time_saved"]["value"] == pytest.approx(1 / 3)
    assert pilots.describe(row, "nl")["time_saved_detail"] == "dun: n = 6 vooraf, 3 na · geen interval"


# ---------------------------------------------------------------- portfolio and quick wins

def test_portfolio_total_and_quick_wins(fresh_store):
    # 60% saved, €1,000 a month against €1,000 one-off: paid back in a month — a quick win.
    add_case(fresh_store, "Snel", baseline=[100] * 5, after=[40] * 5, units=(20, 20), rate=50.0,
             implementation_cost=1000.0)
    # The same saving measured thinly is not (yet) a quick win.
    add_case(fresh_store, "Dun", baseline=[100] * 5, after=[40] * 3, units=(20, 20), rate=50.0,
             implementation_cost=1000.0)
    add_case(fresh_store, "Gepland", status="planned")
    result = pilots.portfolio(fresh_store.read(), F)
    assert [r["name"] for r in result["use_cases"]] == ["Dun", "Snel", "Gepland"]
    assert result["value_per_month"] == pytest.approx(2000)
    assert result["measured"] == 2
    assert result["quick_wins"] == ["Snel"]
    assert pilots.quick_win_lines(result, "nl") == [
        "**Snel**: 60% tijdwinst, € 1.000 per maand, terugverdiend in 1,0 mnd"]
    table = pilots.portfolio_table(result["use_cases"], "en")
    assert table[2]["Time saved"] == "–" and table[2]["Status"] == "Planned"
    assert table[0]["95% interval"] == "thin"


def test_summary_json_on_the_small_company(fresh_store):
    build_small_company(fresh_store)
    with fresh_store.write(SYSTEM) as db:
        db.execute("UPDATE use_cases SET licence_cost_month = 300, training_hours = 20, "
                   "implementation_cost = 5000")
    f = Filters(as_of=dt.date(2026, 10, 20))
    out = pilots.summary_json(fresh_store.read(), f)
    # 15,300 a month; cost 12 × 300 + 20 × 85 + 5,000 = 10,300; payback 6,700 / 15,000.
    assert out == {
        "value_per_month": {"total": 15300, "by_use_case": {"Offertecalculatie": 15300}},
        "roi": {"Offertecalculatie": {"value": round((183600 - 10300) / 10300, 4),
                                      "payback_months": 0.45}},
    }
    json.dumps(out)
    assert kpis.summary(fresh_store.read(), f)["value_per_month"]["total"] == 15300


def test_summary_json_lists_unmeasured_use_cases_as_null(fresh_store):
    add_case(fresh_store, "Gepland", status="planned")
    out = pilots.summary_json(fresh_store.read(), F)
    assert out == {"value_per_month": {"total": None, "by_use_case": {"Gepland": None}},
                   "roi": {"Gepland": {"value": None, "payback_months": None}}}


# ---------------------------------------------------------------- business case

def test_business_case_worked_example():
    case = pilots.business_case(480, 0.75, 30, 85, 0, 0, 0)
    assert case["hours_per_month"] == pytest.approx(180)
    assert case["value_per_month"] == pytest.approx(15300)
    assert case["payback_months"] == 0.0
    assert pilots.business_case(480, None, 30, 85)["value_per_month"] is None


def test_business_case_is_saved_with_the_use_case(tmp_path):
    s = store.Store(tmp_path / "bc.db")
    uid = add_case(s, "Notulen", status="planned", rate=95.0)
    pilots.save_business_case(s, uid, {"bc_minutes_per_unit": 120, "bc_saving": 0.5,
                                       "bc_units_per_month": 4, "hourly_rate": 95,
                                       "licence_cost_month": 20, "training_hours": 2,
                                       "implementation_cost": 0}, actor=EDITOR)
    s.close()
    s = store.Store(tmp_path / "bc.db")             # not lost on a refresh
    row = row_of(s, "Notulen")
    assert (row["bc_minutes_per_unit"], row["bc_saving"], row["bc_units_per_month"]) == (120, 0.5, 4)
    assert row["business_case"]["value_per_month"] == pytest.approx(4 * 95)   # 1 h × 4 × €95
    assert row["business_case"]["payback_months"] == pytest.approx(190 / 360)
    action, detail = s.read().execute("SELECT action, detail FROM audit_log").fetchone()
    assert action == "use_case.business_case"
    assert json.loads(detail)["before"]["bc_saving"] is None
    before = snapshot(s)
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.save_business_case(s, uid, {"bc_minutes_per_unit": 0, "bc_saving": 1.5,
                                           "bc_units_per_month": -1}, actor=EDITOR)
    assert refused.value.messages("nl") == [
        "Huidige minuten per eenheid moet groter zijn dan 0.",
        "Eenheden per maand mag niet negatief zijn.",
        "Verwachte tijdwinst (%) moet tussen 0% en 100% liggen.",
    ]
    assert snapshot(s) == before
    s.close()


# ---------------------------------------------------------------- recording measurements

def form_row(**values):
    row = {"measured_on": "2026-10-01", "phase": "after", "minutes_per_unit": 100,
           "units_per_month": 30, "errors_per_unit": 0.02, "note": ""}
    row.update(values)
    return row


def test_record_a_measurement_from_the_form(fresh_store):
    uid = add_case(fresh_store, baseline=[480] * 5)
    ids = pilots.record_measurements(fresh_store, uid, [form_row(minutes_per_unit="120,5")],
                                     actor=EDITOR, today=TODAY)
    row = fresh_store.read().execute(
        "SELECT phase, measured_on, minutes_per_unit FROM measurements WHERE id = ?", ids).fetchone()
    assert row == ("after", "2026-10-01", 120.5)
    actor, action, detail = fresh_store.read().execute(
        "SELECT actor, action, detail FROM audit_log").fetchone()
    assert (actor, action, json.loads(detail)["ids"]) == (EDITOR.name, "measurement.add", ids)


@pytest.mark.parametrize("values, message", [
    ({"minutes_per_unit": -5}, "Minuten per eenheid moet groter zijn dan 0."),
    ({"minutes_per_unit": 0}, "Minuten per eenheid moet groter zijn dan 0."),
    ({"minutes_per_unit": None}, "Minuten per eenheid is verplicht."),
    ({"minutes_per_unit": "veel"}, "Minuten per eenheid: 'veel' is geen getal."),
    ({"units_per_month": -1}, "Eenheden per maand mag niet negatief zijn."),
    ({"errors_per_unit": -0.1}, "Fouten per eenheid mag niet negatief zijn."),
    ({"measured_on": "2026-11-28"}, "Datum ligt in de toekomst (2026-11-28)."),
    ({"measured_on": "31-02-2026"}, "Datum: '31-02-2026' is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)."),
    ({"measured_on": None}, "Datum is verplicht."),
    ({"phase": "later"}, "Fase: 'later' is geen fase; gebruik 'nulmeting' of 'na'."),
    ({"phase": None}, "Fase is verplicht."),
    ({"note": "x" * 501}, "Notitie is te lang (hoogstens 500 tekens)."),
    ({"measured_on": "2026-02-01"},
     "Fase: een meting 'na' (2026-02-01) heeft een nulmeting van dezelfde use case nodig, "
     "op of vóór die datum."),
])
def test_a_bad_measurement_is_refused_and_changes_nothing(fresh_store, values, message):
    uid = add_case(fresh_store, baseline=[480] * 5)
    before = snapshot(fresh_store)
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.record_measurements(fresh_store, uid, [form_row(**values)], today=TODAY, actor=EDITOR)
    assert refused.value.messages("nl") == [message]
    assert snapshot(fresh_store) == before


def test_an_after_needs_a_baseline_of_the_same_use_case(fresh_store):
    add_case(fresh_store, "Met nulmeting", baseline=[480] * 5)
    other = add_case(fresh_store, "Zonder")
    before = snapshot(fresh_store)
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.record_measurements(fresh_store, other, [form_row()], today=TODAY, actor=EDITOR)
    assert refused.value.messages("en") == [
        "Phase: an 'after' measurement (2026-10-01) needs a baseline of the same use case on or "
        "before that date."]
    assert snapshot(fresh_store) == before


def test_an_unknown_use_case_is_refused(fresh_store):
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.record_measurements(fresh_store, 99, [form_row()], today=TODAY, actor=EDITOR)
    assert refused.value.messages("en") == ["Use case: pick an existing use case."]


PASTE = ("datum\tfase\tminuten\teenheden\tfouten\tnotitie\n"
         "02-03-2026\tnulmeting\t480\t30\t0,08\tZonder AI\n"
         "2026-09-01\tna\t120,5\t31\t0,02\t\n")


def test_a_pasted_table_lands_whole_with_its_own_baseline(fresh_store):
    uid = add_case(fresh_store)
    ids = pilots.import_pasted(fresh_store, uid, PASTE, actor=EDITOR, today=TODAY)
    assert len(ids) == 2
    db = fresh_store.read()
    rows = db.execute("SELECT phase, measured_on, minutes_per_unit, units_per_month, errors_per_unit, "
                      "note, batch_id IS NOT NULL FROM measurements ORDER BY id").fetchall()
    assert rows == [("baseline", "2026-03-02", 480.0, 30.0, 0.08, "Zonder AI", 1),
                    ("after", "2026-09-01", 120.5, 31.0, 0.02, None, 1)]
    assert db.execute("SELECT kind, rows FROM import_batches").fetchall() == [("measurements", 2)]
    assert db.execute("SELECT action FROM audit_log").fetchall() == [("measurement.import",)]


def test_semicolons_and_no_header_are_fine(fresh_store):
    uid = add_case(fresh_store)
    ids = pilots.import_pasted(fresh_store, uid, "2026-03-02;baseline;60\n2026-04-01;after;45;10\n",
                               today=TODAY, actor=EDITOR)
    assert len(ids) == 2


def test_one_bad_row_and_nothing_lands_with_row_and_column_named(fresh_store):
    uid = add_case(fresh_store)
    text = PASTE + "2026-09-02\tna\t-30\t31\n2026-12-01\tna\t100\n2026-09-03\tna\n"
    before = snapshot(fresh_store)
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.import_pasted(fresh_store, uid, text, today=TODAY, actor=EDITOR)
    assert refused.value.messages("nl") == [
        "Rij 4: Minuten per eenheid moet groter zijn dan 0.",
        "Rij 5: Datum ligt in de toekomst (2026-12-01).",
        "Rij 6: verwacht 3 tot 6 kolommen, gevonden 2.",
    ]
    assert refused.value.messages("en")[0] == "Row 4: Minutes per unit must be more than 0."
    assert snapshot(fresh_store) == before


def test_an_empty_paste_is_refused(fresh_store):
    uid = add_case(fresh_store)
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.import_pasted(fresh_store, uid, "  \n", today=TODAY, actor=EDITOR)
    assert refused.value.messages("en") == ["There is nothing to save: the table is empty."]


# ---------------------------------------------------------------- correcting and deleting

def ids_by_phase(s, uid):
    rows = s.read().execute("SELECT id, phase FROM measurements WHERE use_case_id = ? ORDER BY id",
                            [uid]).fetchall()
    return [i for i, p in rows if p == "baseline"], [i for i, p in rows if p == "after"]


def test_a_correction_keeps_the_old_values_in_the_audit_log(fresh_store):
    uid = add_case(fresh_store, baseline=[480], after=[120])
    _, (after,) = ids_by_phase(fresh_store, uid)
    changed = pilots.update_measurement(
        fresh_store, after, form_row(measured_on="2026-09-01", minutes_per_unit=150,
                                     units_per_month=None, errors_per_unit=None),
        actor=EDITOR, today=TODAY)
    assert changed is True
    db = fresh_store.read()
    assert db.execute("SELECT minutes_per_unit FROM measurements WHERE id = ?", [after]).fetchone() == (150.0,)
    action, entity_id, detail = db.execute("SELECT action, entity_id, detail FROM audit_log").fetchone()
    assert (action, entity_id) == ("measurement.edit", str(after))
    assert json.loads(detail) == {"before": {"minutes_per_unit": 120.0}, "after": {"minutes_per_unit": 150.0}}


def test_a_correction_that_orphans_an_after_is_refused(fresh_store):
    uid = add_case(fresh_store, baseline=[480], after=[120])
    (baseline,), _ = ids_by_phase(fresh_store, uid)
    before = snapshot(fresh_store)
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.update_measurement(fresh_store, baseline,
                                  form_row(measured_on="2026-03-02", phase="after", minutes_per_unit=480,
                                           units_per_month=None, errors_per_unit=None), today=TODAY, actor=EDITOR)
    assert refused.value.messages("nl") == [
        "Fase: dan blijven metingen 'na' over zonder nulmeting op of vóór hun datum."]
    assert snapshot(fresh_store) == before
    with pytest.raises(pilots.InvalidInput):
        pilots.update_measurement(fresh_store, baseline, form_row(minutes_per_unit=-1), today=TODAY, actor=EDITOR)
    assert snapshot(fresh_store) == before


def test_delete_keeps_what_was_there_and_refuses_to_orphan(fresh_store):
    uid = add_case(fresh_store, baseline=[480], after=[120])
    (baseline,), (after,) = ids_by_phase(fresh_store, uid)
    before = snapshot(fresh_store)
    with pytest.raises(pilots.InvalidInput):
        pilots.delete_measurement(fresh_store, baseline, actor=EDITOR)
    assert snapshot(fresh_store) == before
    pilots.delete_measurement(fresh_store, after, actor=EDITOR)
    db = fresh_store.read()
    assert ids_by_phase(fresh_store, uid) == ([baseline], [])
    action, detail = db.execute("SELECT action, detail FROM audit_log").fetchone()
    assert action == "measurement.delete"
    assert json.loads(detail)["before"]["minutes_per_unit"] == 120.0
    assert json.loads(detail)["before"]["measured_on"] == "2026-09-01"


# ---------------------------------------------------------------- use cases

USE_CASE = {"name": "Kennisbank", "department": "Verkoop", "owner": "Sanne", "unit": "zoekvraag",
            "hourly_rate": 75, "start_date": dt.date(2027, 1, 4), "status": "planned",
            "licence_cost_month": 200, "training_hours": None, "implementation_cost": 1500}


def test_add_and_edit_a_use_case(fresh_store):
    add_case(fresh_store)                          # makes the department
    uid = pilots.save_use_case(fresh_store, USE_CASE, actor=EDITOR)
    case = pilots.use_case(fresh_store.read(), uid)
    assert (case["name"], case["start_date"], case["status"]) == ("Kennisbank", "2027-01-04", "planned")
    pilots.save_use_case(fresh_store, dict(USE_CASE, status="pilot", hourly_rate=80),
                         use_case_id=uid, actor=EDITOR)
    action, detail = fresh_store.read().execute(
        "SELECT action, detail FROM audit_log ORDER BY id DESC").fetchone()
    assert action == "use_case.edit"
    assert json.loads(detail)["before"] == {"hourly_rate": 75.0, "status": "planned"}


@pytest.mark.parametrize("values, message", [
    ({"name": "  "}, "Naam is verplicht."),
    ({"name": "offertes"}, "Naam: er is al een use case 'offertes'."),
    ({"unit": None}, "Eenheid van werk is verplicht."),
    ({"hourly_rate": -10}, "Uurtarief (€) mag niet negatief zijn."),
    ({"training_hours": -2}, "Trainingsuren mag niet negatief zijn."),
    ({"department": "Nergens"}, "Afdeling: afdeling 'Nergens' bestaat niet."),
    ({"status": "klaar"}, "Status: 'klaar' is geen geldige status."),
])
def test_a_bad_use_case_is_refused_and_changes_nothing(fresh_store, values, message):
    add_case(fresh_store)
    before = snapshot(fresh_store)
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.save_use_case(fresh_store, dict(USE_CASE, **values), actor=EDITOR)
    assert refused.value.messages("nl") == [message]
    assert snapshot(fresh_store) == before


# ---------------------------------------------------------------- parsing

def test_numbers_and_dates_both_ways():
    assert pilots.parse_number("1.234,5") == 1234.5
    assert pilots.parse_number("1,234.5") == 1234.5
    assert pilots.parse_number("7,5") == 7.5
    assert pilots.parse_number(" ") is None
    assert pilots.parse_date("02-03-2026") == dt.date(2026, 3, 2)
    assert pilots.parse_date("2026-03-02") == dt.date(2026, 3, 2)


def test_a_large_roi_is_said_as_a_multiple_of_the_cost():
    assert pilots.roi_multiple(17.69, "nl") == "De opbrengst is 18,7× de kosten."
    assert pilots.roi_multiple(17.69, "en") == "It returns 18.7× its cost."
    assert pilots.roi_multiple(1.0, "nl") == "De opbrengst is 2,0× de kosten."
    assert pilots.roi_multiple(0.99, "nl") is None and pilots.roi_multiple(None, "en") is None
