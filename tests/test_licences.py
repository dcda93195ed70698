"""Licences and the adoption funnel (core/licences/) on small real stores with known figures."""
import datetime as dt
import json

import pytest

from core import access, importers, kpis, store
from core.access import SYSTEM
from core.filters import Filters
from core.importers import templates
from core.licences import figures, records, summary_json
from tests.conftest import ADMIN, EDITOR, VIEWER, add_employees

AS_OF = dt.date(2026, 10, 31)                       # a Saturday; the last usage day
F = Filters(as_of=AS_OF, start=dt.date(2026, 5, 1))
TUESDAYS = [dt.date(2026, 8, 4) + dt.timedelta(weeks=k) for k in range(12)]   # 04-08 … 20-10


def _usage(db, rows):
    db["usage_daily"].insert_all(
        {"employee_id": e, "day": d.isoformat(), "tool": tool, "actions": n} for e, d, tool, n in rows)


def build_worked_example(s, chatgpt=()):
    """10 Copilot seats at €30 for 9 holders in Verkoop: A0–A6 active in the last 28 days
    (A0–A2 power users, A3 habitual), B0 and B1 idle (last action on 1 June, > 60 days ago).
    ``chatgpt``: people who also hold a ChatGPT seat and used it on 21 October."""
    with s.write(SYSTEM) as db:
        people = [f"A{i}" for i in range(7)] + ["B0", "B1"]
        add_employees(db, [(p, "Verkoop", "employee", "early_majority", "2026-01-01") for p in people])
        db["licences"].insert({"tool": "Copilot", "seats": 10, "price_per_month": 30.0,
                               "valid_from": "2026-01-01", "valid_until": None, "from_staff_list": 0})
        db["licence_holders"].insert_all(
            {"tool": "Copilot", "employee_id": p, "held_from": "2026-01-01", "source": "export"}
            for p in people)
        rows = []
        for day in TUESDAYS:
            rows += [(p, day, "Copilot", 20) for p in ("A0", "A1", "A2")] + [("A3", day, "Copilot", 2)]
        rows += [(p, dt.date(2026, 10, 20), "Copilot", 4) for p in ("A4", "A5", "A6")]
        rows += [("A0", AS_OF, "Copilot", 3)]
        rows += [(p, dt.date(2026, 6, 1), "Copilot", 5) for p in ("B0", "B1")]
        if chatgpt:
            db["licences"].insert({"tool": "ChatGPT", "seats": len(chatgpt), "price_per_month": None,
                                   "valid_from": "2026-01-01", "valid_until": None, "from_staff_list": 0})
            db["licence_holders"].insert_all(
                {"tool": "ChatGPT", "employee_id": p, "held_from": "2026-01-01", "source": "export"}
                for p in chatgpt)
            rows += [(p, dt.date(2026, 10, 21), "ChatGPT", 6) for p in chatgpt]
        _usage(db, rows)
        store.refresh_usage_weekly(db)


@pytest.fixture
def worked(fresh_store):
    build_worked_example(fresh_store)
    return fresh_store


# ---------------------------------------------------------------- cost

def test_worked_example_costs(worked):
    costs = figures.licence_costs(worked.read(), F)
    copilot = costs["by_tool"]["Copilot"]
    assert copilot["seats"] == 10 and copilot["assigned"] == 9 and copilot["unassigned"] == 1
    assert copilot["cost_per_month"] == 300.0
    assert copilot["active"] == 7
    assert round(copilot["cost_per_active_user"], 2) == 42.86
    assert copilot["idle"] == 2 and copilot["idle_cost_per_month"] == 60.0
    assert costs["company"]["cost_per_month"] == 300.0
    assert round(costs["company"]["cost_per_active_user"], 2) == 42.86
    assert costs["company"]["idle_cost_per_month"] == 60.0
    assert costs["idle_days"] == 60 and costs["as_of"] == AS_OF.isoformat()
    assert costs["by_department"] == [{
        "department": "Verkoop", "tool": "Copilot", "assigned": 9, "active": 7, "idle": 2,
        "cost_per_month": 270.0, "idle_cost_per_month": 60.0, "cost_per_active_user": 270.0 / 7}]


def test_idle_days_is_a_setting(worked):
    # With N = 160 days the 1 June actions are recent enough: nobody is idle.
    with worked.write(SYSTEM) as db:
        store.set_setting(db, "idle_seat_days", 160)
    assert figures.licence_costs(worked.read(), F)["by_tool"]["Copilot"]["idle"] == 0


def test_unknown_price_is_never_zero(fresh_store):
    build_worked_example(fresh_store, chatgpt=("A0", "A1", "A2", "A3", "A4"))
    costs = figures.licence_costs(fresh_store.read(), F)
    gpt = costs["by_tool"]["ChatGPT"]
    assert gpt["price_per_month"] is None and gpt["cost_per_month"] is None
    assert gpt["idle_cost_per_month"] is None and gpt["cost_per_active_user"] is None
    # One unknown price makes the company's cost unknown, not a partial sum.
    assert costs["company"]["cost_per_month"] is None
    out = summary_json(fresh_store.read(), F)
    assert out["licences"]["cost_per_month"] is None
    assert out["licences"]["by_tool"]["ChatGPT"]["cost_per_month"] is None
    assert out["licences"]["by_tool"]["Copilot"]["cost_per_month"] == 300.0


def test_small_tool_hides_its_usage_counts(fresh_store):
    # Two ChatGPT holders: below the minimum of 5, so their activity and idleness stay hidden,
    # and so does Copilot's (else company minus Copilot would reveal ChatGPT's).
    build_worked_example(fresh_store, chatgpt=("A0", "A1"))
    costs = figures.licence_costs(fresh_store.read(), F)
    assert costs["by_tool"]["ChatGPT"]["hidden"] and costs["by_tool"]["ChatGPT"]["active"] is None
    assert costs["by_tool"]["Copilot"]["hidden"] and costs["by_tool"]["Copilot"]["idle"] is None
    assert costs["company"]["idle"] is None
    assert costs["by_tool"]["ChatGPT"]["assigned"] == 2      # seats are not usage


# ---------------------------------------------------------------- the funnel

def test_funnel_on_a_small_store(worked):
    fun = figures.funnel(worked.read(), F)
    copilot = fun["by_tool"]["Copilot"]
    assert {k: copilot[k] for k in figures.FUNNEL_STEPS} == {
        "licensed": 9, "tried": 9, "active": 7, "habitual": 4, "power": 3}
    assert copilot["drop"]["tried"] == 0
    assert copilot["drop"]["active"] == pytest.approx(2 / 9)
    assert copilot["drop"]["habitual"] == pytest.approx(3 / 7)
    assert copilot["drop"]["power"] == pytest.approx(1 / 4)
    assert {k: fun["company"][k] for k in figures.FUNNEL_STEPS} == {
        "licensed": 9, "tried": 9, "active": 7, "habitual": 4, "power": 3}
    assert fun["by_department"]["Verkoop"]["active"] == 7
    # Across tools, active / licensed is the headline adoption rate.
    rate = kpis.adoption_rate(worked.read(), F)
    assert (rate.active, rate.eligible) == (fun["company"]["active"], fun["company"]["licensed"])


def test_funnel_trend_per_week(worked):
    trend = figures.funnel_trend(worked.read(), F)
    last = [p for p in trend if p["tool"] == "" and p["week_end"] == "2026-10-25"][0]
    assert (last["licensed"], last["active"], last["power"]) == (9, 7, 3)
    june = [p for p in trend if p["tool"] == "Copilot" and p["week_end"] == "2026-06-07"][0]
    assert (june["tried"], june["active"]) == (2, 2)       # only B0 and B1 had used it then


def test_a_person_in_two_tools_counts_once(fresh_store):
    build_worked_example(fresh_store, chatgpt=("A0", "A1", "A2"))
    with fresh_store.write(SYSTEM) as db:
        store.set_setting(db, "min_group_size", 3)
    db = fresh_store.read()
    fun = figures.funnel(db, F)
    assert fun["by_tool"]["Copilot"]["active"] == 7 and fun["by_tool"]["ChatGPT"]["active"] == 3
    assert fun["company"]["licensed"] == 9 and fun["company"]["active"] == 7      # not 12, not 10
    overlap = figures.tool_overlap(db, F)
    assert overlap["active"] == 7 and overlap["counts"] == {"1": 4, "2": 3, "3": 0}
    costs = figures.licence_costs(db, F)
    assert costs["company"]["active"] == 7 and costs["company"]["assigned"] == 12


def test_overlap_cells_below_the_minimum_are_hidden_with_a_partner(fresh_store):
    build_worked_example(fresh_store, chatgpt=("A0",))
    overlap = figures.tool_overlap(fresh_store.read(), F)
    # 6 in one tool, 1 in two: the 1 is hidden, and so is the 6 (7 − 6 would reveal it).
    assert overlap["active"] == 7 and overlap["counts"] == {"1": None, "2": None, "3": 0}


def test_staff_list_assigns_seats(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"S{i}", "IT", "it", None, "2026-02-01") for i in range(6)])
        db["licences"].insert({"tool": "Copilot", "seats": 8, "price_per_month": 25.0,
                               "valid_from": "2026-01-01", "from_staff_list": 1})
        _usage(db, [("S0", AS_OF, "Copilot", 1)])
        store.refresh_usage_weekly(db)
    costs = figures.licence_costs(fresh_store.read(), F)["by_tool"]["Copilot"]
    assert (costs["assigned"], costs["unassigned"], costs["active"], costs["idle"]) == (6, 2, 1, 5)


# ---------------------------------------------------------------- time to first use

def test_time_to_first_use(worked):
    ttfu = figures.time_to_first_use(worked.read(), F)
    company = ttfu["company"]
    # Access from 1 January; first actions on 1 June (B0, B1), 4 August (A0–A3), 20 October (A4–A6).
    days = sorted([151] * 2 + [215] * 4 + [292] * 3)
    assert company["members"] == 9 and company["started"] == 9
    assert company["median_days"] == 215.0
    assert company["q1_days"] == 215.0 and company["q3_days"] == 292.0
    assert company["never_started"] == {"30": 1.0, "60": 1.0, "90": 1.0}
    assert ttfu["by_segment"]["early_majority"]["median_days"] == 215.0
    assert ttfu["by_department"]["Verkoop"]["members"] == 9
    assert days[4] == 215


# ---------------------------------------------------------------- value against cost and JSON

def test_value_against_cost_and_json(worked):
    with worked.write(SYSTEM) as db:
        uid = db["use_cases"].insert({"name": "Offerte", "unit": "offerte", "hourly_rate": 60,
                                      "status": "pilot"}).last_pk
        db["measurements"].insert_all(
            [{"use_case_id": uid, "phase": "baseline", "measured_on": "2026-05-01",
              "minutes_per_unit": 120, "units_per_month": 10}]
            + [{"use_case_id": uid, "phase": "after", "measured_on": "2026-09-01",
                "minutes_per_unit": 60, "units_per_month": 10}])
    db = worked.read()
    value = figures.value_against_cost(db, F)
    assert value == {"value_per_month": 600.0, "cost_per_month": 300.0, "ratio": 2.0}
    out = json.loads(json.dumps(kpis.summary(db, F)))
    assert out["licences"] == {
        "by_tool": {"Copilot": {"seats": 10, "assigned": 9, "price_per_month": 30.0,
                                "cost_per_month": 300.0, "active": 7, "idle": 2,
                                "idle_cost_per_month": 60.0}},
        "cost_per_month": 300.0, "cost_per_active_user": 42.86}
    assert out["funnel"]["licensed"] == 9 and out["funnel"]["by_tool"]["Copilot"]["power"] == 3
    assert out["tool_overlap"] == {"1": 7, "2": 0, "3": 0}
    assert out["time_to_first_use"]["median_days"] == 215.0


def test_json_is_null_without_licences(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"E{i}", "IT", "it", None, "2026-01-01") for i in range(3)])
    out = summary_json(fresh_store.read(), F)
    assert out["licences"] is None and out["tool_overlap"] is None
    assert out["time_to_first_use"] is None
    assert out["funnel"]["licensed"] is None            # 3 people: below the minimum


# ---------------------------------------------------------------- entering licences

def test_editor_saves_and_names_bad_cells(worked):
    import pandas as pd
    rows = [{"tool": "copilot", "seats": 12, "price_per_month": "", "valid_from": dt.date(2026, 1, 1),
             "valid_until": pd.NaT, "from_staff_list": pd.NA},
            {"tool": None, "seats": pd.NA, "price_per_month": float("nan"), "valid_from": None,
             "valid_until": None, "from_staff_list": False}]      # an empty line the editor left
    assert records.save_licences(worked, EDITOR, rows) == 1
    saved = figures.licence_rows(worked.read())
    assert saved[0]["tool"] == "Copilot"                 # the usage's spelling
    assert saved[0]["price_per_month"] is None           # empty is unknown, not 0
    bad = rows[:1] + [{"tool": "ChatGPT", "seats": "2,5", "price_per_month": "-3",
                   "valid_from": "2026-03-01", "valid_until": "2026-02-01"}]
    with pytest.raises(records.LicenceError) as err:
        records.save_licences(worked, EDITOR, bad)
    messages = err.value.messages("en")
    assert messages == [
        "Row 2, column 'Seats': '2,5' is not a whole number of at least 1.",
        "Row 2, column 'Price per seat per month (€)': '-3' is not an amount of 0 or more (empty = unknown).",
        "Row 2, column 'Valid until': 2026-02-01 is before 'Valid from'."]
    assert len(figures.licence_rows(worked.read())) == 1          # nothing changed
    with pytest.raises(access.PermissionDenied):
        records.save_licences(worked, VIEWER, rows)
    audit = worked.read().execute(
        "SELECT actor, detail FROM audit_log WHERE action = 'licences.save'").fetchall()
    assert audit == [(EDITOR.name, json.dumps({"rows": 1, "tools": ["Copilot"]}))]


def test_licences_template_imports_in_both_languages(fresh_store):
    for lang, price in (("nl", "28,10"), ("en", "28.10")):
        headers, _ = templates.template_rows("licences", lang)
        sep = ";" if lang == "nl" else ","
        text = sep.join(headers) + "\n" + sep.join(["Copilot", "40", price, "2026-01-01", "", "ja" if lang == "nl" else "yes"]) \
            + "\n" + sep.join(["ChatGPT", "5", "", "2026-02-01", "2026-12-31", "nee" if lang == "nl" else "no"]) + "\n"
        plan = importers.plan_import(fresh_store.read(), text.encode(), f"licences_{lang}.csv", lang=lang)
        assert plan.kind == "licences" and plan.ok, plan.messages("en")
        batch = importers.apply_import(fresh_store, plan, EDITOR)
        rows = figures.licence_rows(fresh_store.read())
        assert [(r["tool"], r["seats"], r["price_per_month"], r["valid_until"], r["from_staff_list"])
                for r in rows] == [("ChatGPT", 5, None, "2026-12-31", 0), ("Copilot", 40, 28.1, None, 1)]
        importers.undo_batch(fresh_store, batch, EDITOR)
        assert figures.licence_rows(fresh_store.read()) == []


def test_licences_template_names_a_bad_cell(fresh_store):
    text = "AI tool,Seats,Price per seat per month,Valid from\nCopilot,ten,30,2026-01-01\n"
    plan = importers.plan_import(fresh_store.read(), text.encode(), "licences.csv", lang="en")
    assert plan.kind == "licences" and not plan.ok
    assert plan.errors[0].row == 2 and plan.errors[0].column == "Seats"


# ---------------------------------------------------------------- the idle-seat list by person

def test_idle_list_is_for_admins_after_the_setting_and_audited(worked):
    for who in (VIEWER, EDITOR, ADMIN):
        with pytest.raises(access.PermissionDenied):
            records.idle_seat_list(worked, who, F)
    with pytest.raises(access.PermissionDenied):
        records.set_idle_list(worked, EDITOR, True, "OR-instemming 12-11")
    with pytest.raises(access.InputError):
        records.set_idle_list(worked, ADMIN, True, "   ")
    records.set_idle_list(worked, ADMIN, True, "OR-instemming 12-11")
    for who in (VIEWER, EDITOR):
        with pytest.raises(access.PermissionDenied):
            records.idle_seat_list(worked, who, F)
    rows = records.idle_seat_list(worked, ADMIN, F)
    assert [(r["employee_id"], r["tool"], r["last_action"]) for r in rows] == [
        ("B0", "Copilot", "2026-06-01"), ("B1", "Copilot", "2026-06-01")]
    log = worked.read().execute(
        "SELECT actor, action, detail FROM audit_log WHERE action LIKE 'licences.idle_list%' ORDER BY id").fetchall()
    assert [(a, b) for a, b, _ in log] == [(ADMIN.name, "licences.idle_list.on"),
                                            (ADMIN.name, "licences.idle_list.view")]
    assert json.loads(log[0][2]) == {"reason": "OR-instemming 12-11"}
    assert json.loads(log[1][2])["rows"] == 2
    records.set_idle_list(worked, ADMIN, False)
    with pytest.raises(access.PermissionDenied):
        records.idle_seat_list(worked, ADMIN, F)


def test_erasure_removes_the_seat(worked):
    from core import privacy
    privacy.erase_person(worked, ADMIN, "B0")
    assert worked.read().execute("SELECT COUNT(*) FROM licence_holders WHERE employee_id = 'B0'").fetchone()[0] == 0
    assert figures.licence_costs(worked.read(), F)["by_tool"]["Copilot"]["assigned"] == 8


def test_exports_list_the_seat_holders(fresh_store):
    from pathlib import Path
    fixtures = Path(__file__).parent / "fixtures"
    for name in ("m365_copilot_usage.csv", "chatgpt_weekly.csv"):
        plan = importers.plan_import(fresh_store.read(), fixtures / name)
        assert plan.ok, plan.messages("en")
        importers.apply_import(fresh_store, plan, EDITOR)
    held = dict(fresh_store.read().execute(
        "SELECT tool, COUNT(*) FROM licence_holders WHERE source = 'export' GROUP BY tool").fetchall())
    # Every user of the M365 report holds a seat, active or not; ChatGPT's whose status keeps one.
    assert held == {"Microsoft 365 Copilot": 6, "ChatGPT Enterprise": 4}


def test_a_deleted_chatgpt_user_holds_no_seat(fresh_store):
    text = ("cadence,period_start,period_end,email,user_status,is_active,messages\n"
            "weekly,2026-11-16,2026-11-22,a@example.nl,enabled,false,0\n"
            "weekly,2026-11-16,2026-11-22,b@example.nl,deleted,false,0\n")
    plan = importers.plan_import(fresh_store.read(), text.encode(), "chatgpt.csv")
    assert plan.kind == "chatgpt" and plan.ok, plan.messages("en")
    importers.apply_import(fresh_store, plan, EDITOR)
    assert fresh_store.read().execute("SELECT COUNT(*) FROM licence_holders").fetchone()[0] == 1


def test_the_demo_has_licences_for_two_tools_with_idle_seats(demo_db):
    s = store.Store(demo_db)
    db = s.read()
    f = Filters(as_of=dt.date(2026, 10, 31), start=dt.date(2025, 11, 1))
    costs = figures.licence_costs(db, f)
    assert sorted(costs["by_tool"]) == ["ChatGPT Enterprise", "Microsoft 365 Copilot"]
    for tool in costs["by_tool"].values():
        assert tool["idle"] > 0 and tool["unassigned"] > 0 and tool["cost_per_month"] > 0
        assert tool["active"] < tool["assigned"] <= tool["seats"]
    out = summary_json(db, f)
    # Every figure has data on the demo.
    assert all(v is not None for v in out["licences"].values())
    assert all(out["funnel"][k] for k in figures.FUNNEL_STEPS)
    assert all(v is not None for v in out["tool_overlap"].values())
    assert out["time_to_first_use"]["median_days"] is not None
    assert figures.value_against_cost(db, f)["ratio"] > 1
    s.close()


def test_a_small_department_is_hidden_with_a_partner(fresh_store):
    build_worked_example(fresh_store)
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [("C0", "IT", "it", None, "2026-01-01"), ("C1", "IT", "it", None, "2026-01-01")])
        db["licence_holders"].insert_all({"tool": "Copilot", "employee_id": p, "held_from": "2026-01-01",
                                          "source": "export"} for p in ("C0", "C1"))
    db = fresh_store.read()
    fun = figures.funnel(db, F)
    # IT (2) is below the minimum; Verkoop (9) is hidden too, or company − Verkoop = IT.
    assert fun["by_department"]["IT"]["suppressed"] and fun["by_department"]["Verkoop"]["suppressed"]
    assert fun["company"]["licensed"] == 11
    assert figures.licence_costs(db, F)["by_department"] == []
    it = Filters(as_of=AS_OF, start=F.start, departments=("IT",))
    assert figures.funnel(db, it)["company"]["suppressed"]
    assert figures.licence_costs(db, it)["by_tool"]["Copilot"]["idle"] is None


def test_a_selection_holding_a_department_hidden_for_a_tool_hides_that_tool(fresh_store):
    # ChatGPT: 5 holders in Verkoop, 2 in IT. Company-wide IT is hidden for ChatGPT and
    # Verkoop with it (its partner); a view of Verkoop alone must not show Verkoop's
    # ChatGPT use either, or company minus Verkoop would give IT's.
    build_worked_example(fresh_store, chatgpt=("A0", "A1", "A2", "A3", "A4"))
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"C{i}", "IT", "it", None, "2026-01-01") for i in range(6)])
        db["licence_holders"].insert_all({"tool": "ChatGPT", "employee_id": p, "held_from": "2026-01-01",
                                          "source": "export"} for p in ("C0", "C1"))
        db["licence_holders"].insert_all({"tool": "Copilot", "employee_id": f"C{i}",
                                          "held_from": "2026-01-01", "source": "export"} for i in range(6))
    db = fresh_store.read()
    verkoop = Filters(as_of=AS_OF, start=F.start, departments=("Verkoop",))
    costs = figures.licence_costs(db, verkoop)["by_tool"]
    assert costs["ChatGPT"]["hidden"] and costs["ChatGPT"]["active"] is None
    assert not costs["Copilot"]["hidden"] and costs["Copilot"]["active"] == 7
    fun = figures.funnel(db, verkoop)
    assert fun["by_tool"]["ChatGPT"]["suppressed"] and not fun["by_tool"]["Copilot"]["suppressed"]
    trend = [p for p in figures.funnel_trend(db, verkoop) if p["tool"] == "ChatGPT"]
    assert trend and all(p["suppressed"] for p in trend)
