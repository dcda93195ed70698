"""Current sources only: a person counts as "with access" only while a current source says so
(issue 17). A 2024 Viva export beside the current Copilot report must not dilute adoption."""
import csv
import datetime as dt

import pytest

from core import kpis, usage
from core.filters import Filters
from core.importers import apply_import, plan_import
from conftest import EDITOR

VIVA_HEADER = ("PersonId,MetricDate,Copilot_actions_taken_in_Teams,"
               "Copilot_actions_taken_in_Copilot_chat_(work),Copilot_actions_taken_in_Excel,"
               "Copilot_actions_taken_in_Outlook,Copilot_actions_taken_in_Powerpoint,"
               "Copilot_actions_taken_in_Word,Total_Copilot_active_days,Total_Copilot_enabled_days,"
               "Collaboration_hours,FunctionType,SupervisorIndicator,Level,Organization,"
               "LevelDesignation").split(",")
M365_HEADER = ["Report Refresh Date", "User Principal Name", "Display Name", "Last Activity Date",
               "Microsoft Teams Copilot Last Activity Date", "Word Copilot Last Activity Date",
               "Report Period"]
REFRESH = dt.date(2026, 11, 25)


def _write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _import(s, path):
    plan = plan_import(s.read(), path)
    assert plan.ok, plan.messages("en")
    return apply_import(s, plan, actor=EDITOR)


def _viva_2024(path, people=300):
    rows = []
    for p in range(people):
        for week in range(8):
            day = dt.date(2024, 3, 3) + dt.timedelta(weeks=week)
            rows.append([f"V-{p:04d}", day.isoformat(), 2, 1, 0, 0, 0, 0, 2, 5, 10.0, "Sales",
                         "IC", "Level1", "Verkoop", "Junior"])
    return _write(path, VIVA_HEADER, rows)


def _copilot_now(path, users=54, active=39):
    rows = []
    for i in range(users):
        # Active: a last activity 3 days before the refresh; the others 60 days before.
        last = REFRESH - dt.timedelta(days=3 if i < active else 60)
        rows.append([REFRESH.isoformat(), f"user{i}@example.nl", f"User {i}", last.isoformat(),
                     last.isoformat(), "", 90])
    return _write(path, M365_HEADER, rows)


def test_old_viva_export_beside_current_copilot_report_reads_72_percent(fresh_store, tmp_path):
    _import(fresh_store, _viva_2024(tmp_path / "viva_2024.csv"))
    _import(fresh_store, _copilot_now(tmp_path / "copilot.csv"))
    db = fresh_store.read()
    a = kpis.adoption_rate(db, Filters(as_of=REFRESH))
    assert (a.active, a.eligible) == (39, 54)
    assert round(a.value, 2) == 0.72
    # The 2024 export is listed as not in the current picture, with its 300 people.
    (stale,) = usage.stale_sources(db)
    assert (stale["kind"], stale["filename"], stale["people"]) == ("viva", "viva_2024.csv", 300)
    assert stale["last"] == dt.date(2024, 4, 21) + dt.timedelta(days=6)


def test_old_export_people_had_access_in_their_own_period(fresh_store, tmp_path):
    _import(fresh_store, _viva_2024(tmp_path / "viva_2024.csv"))
    _import(fresh_store, _copilot_now(tmp_path / "copilot.csv"))
    u = usage.matrix(fresh_store.read())
    assert int(u.licensed_on(dt.date(2024, 4, 1)).sum()) == 300
    assert int(u.licensed_on(dt.date(2024, 4, 27)).sum()) == 300   # the last week's Saturday
    assert int(u.licensed_on(dt.date(2024, 4, 28)).sum()) == 0
    assert int(u.licensed_on(REFRESH).sum()) == 54


def test_a_person_the_staff_list_vouches_for_keeps_access(fresh_store, tmp_path):
    # Someone no usage export made (a staff list, an entry) keeps their licence dates.
    _import(fresh_store, _viva_2024(tmp_path / "viva_2024.csv", people=6))
    _import(fresh_store, _copilot_now(tmp_path / "copilot.csv", users=10, active=5))
    assert kpis.adoption_rate(fresh_store.read(), Filters(as_of=REFRESH)).eligible == 10
    with fresh_store.write(EDITOR) as db:
        db.execute("UPDATE employees SET batch_id = NULL WHERE id = (SELECT employee_id FROM "
                   "usage_daily WHERE day < '2025-01-01' LIMIT 1)")
    a = kpis.adoption_rate(fresh_store.read(), Filters(as_of=REFRESH))
    assert (a.active, a.eligible) == (5, 11)
    assert usage.stale_sources(fresh_store.read())[0]["people"] == 6


def test_data_page_lists_the_old_export_and_the_overview_reads_72_percent(monkeypatch, fresh_store,
                                                                          tmp_path):
    from apptest_helpers import metrics, raw_keys, run_app

    _import(fresh_store, _viva_2024(tmp_path / "viva_2024.csv"))
    _import(fresh_store, _copilot_now(tmp_path / "copilot.csv"))
    at = run_app(monkeypatch, fresh_store.path)
    assert metrics(at)["Adoptie"][0] == "72%"
    at.switch_page("pages/data.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "##### Niet in het huidige beeld" in [m.value for m in at.markdown]
    table = next(d.value for d in at.dataframe if "Periode" in d.value.columns)
    assert list(table["Bestand"]) == ["viva_2024.csv"]
    assert list(table["Periode"]) == ["03-03-2024 – 27-04-2024"]
    assert list(table["Personen"]) == ["300"]
    assert raw_keys(at) == []
