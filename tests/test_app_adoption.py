"""AppTest: the Adoption page shows the right group figures in both languages, and hides small groups."""
import datetime as dt

import pytest

from apptest_helpers import captions, metrics, raw_keys, run_app
from conftest import SYSTEM, add_employees
from core import store

PAGE = "pages/adoption.py"
MONDAYS = [dt.date(2026, 8, 3) + dt.timedelta(weeks=k) for k in range(12)]   # 3 Aug … 19 Oct


def _weekly(employee, weeks, actions):
    return [(employee, MONDAYS[k] + dt.timedelta(days=1), actions) for k in weeks]


@pytest.fixture
def usage_db(tmp_path):
    """The eight people of tests/test_adoption.py: their segments are known by hand."""
    path = tmp_path / "adoption.db"
    s = store.Store(path)
    with s.write(SYSTEM) as db:
        store.set_setting(db, "company_name", "Testbedrijf B.V.")
        add_employees(db, [(f"P{i}", "Verkoop" if i <= 4 else "IT", "employee", "early_majority",
                            "2026-01-01") for i in range(1, 9)])
        db.execute("UPDATE employees SET licensed_from = '2026-10-05' WHERE id = 'P7'")
        rows = (_weekly("P1", range(12), 20) + _weekly("P2", range(9), 1)
                + _weekly("P3", range(4, 12), 30) + _weekly("P4", [11], 5)
                + [("P5", "2026-10-27", 50)] + _weekly("P6", range(3, 12), 20)
                + _weekly("P7", [9, 10, 11], 20) + _weekly("P8", [0], 12))
        db["usage_daily"].insert_all({"employee_id": e, "day": str(d), "tool": "Copilot",
                                      "actions": a} for e, d, a in rows)
        store.refresh_usage_weekly(db)
    s.close()
    return path


def open_page(monkeypatch, db_path, lang=None, **widgets):
    """Run the app, switch language and sidebar widgets, then open the Adoption page."""
    at = run_app(monkeypatch, db_path, lang=lang, **widgets)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_adoption_dutch(monkeypatch, usage_db):
    at = open_page(monkeypatch, usage_db)
    shown = metrics(at)
    assert at.title[0].value == "Adoptie · Testbedrijf B.V."
    assert shown["Adoptie"][0] == "75%"                 # 6 of 8 active in the 28 days to 27 Oct
    assert shown["Wekelijks actief"][0] == "5"
    assert shown["Gewoontegebruik"][0] == "38%"         # 2 power + 1 habitual of 8
    assert "5 van 8 met toegang · week t/m 25-10-2026 · 19,0 acties per actieve gebruiker" in captions(at)
    assert "2 intensieve gebruikers en 1 gewoontegebruikers van 8 · week t/m 25-10-2026" in captions(at)
    # Both departments have 4 people: none is shown on its own.
    assert ("Niet getoond (minder dan 5 personen, of af te leiden uit het totaal): IT, Verkoop."
            in captions(at))
    assert any(c.startswith("Week t/m 25-10-2026: 8 medewerkers met toegang. Intensieve gebruikers 2 · "
                            "Gewoontegebruikers 1 · Beginners 3 · Weinig-gebruikers 1 · "
                            "Niet-gebruikers 1") for c in captions(at))
    assert "Aanpak per segment" in [m.value.lstrip("# ") for m in at.markdown]
    assert raw_keys(at) == []


def test_adoption_english_and_four_week_segments(monkeypatch, usage_db):
    at = open_page(monkeypatch, usage_db, lang="en")
    shown = metrics(at)
    assert shown["Adoption"][0] == "75%" and shown["Habitual use"][0] == "38%"
    assert "5 of 8 with access · week to 25 Oct 2026 · 19.0 actions per active user" in captions(at)
    at.segmented_control(key="adoption_usage_version").set_value("4w").run()
    assert not at.exception
    assert any(c.startswith("Week to 25 Oct 2026: 8 staff with access. Power users 3 · "
                            "Habitual users 0 · Novice users 2 · Low users 1 · Non-users 2")
               for c in captions(at))
    for mode in ("department", "tool"):
        at.segmented_control(key="adoption_breakdown").set_value(mode).run()
        assert not at.exception
    assert raw_keys(at) == []


def test_small_department_is_hidden(monkeypatch, usage_db):
    at = open_page(monkeypatch, usage_db, dept=["IT"])
    assert at.info[0].value.startswith("Niet te tonen: minder dan 5 medewerkers met toegang")
    assert "Wekelijks actief" not in metrics(at)


def test_derived_segments_and_forecast_refusal(monkeypatch, usage_db):
    s = store.Store(usage_db)
    with s.write(SYSTEM) as db:
        db.execute("UPDATE employees SET segment_source = 'derived'")
        db.execute("DELETE FROM usage_daily WHERE day < '2026-09-21'")
        store.refresh_usage_weekly(db)
    s.close()
    at = open_page(monkeypatch, usage_db, lang="en")
    assert any("Rogers' by construction" in w.value for w in at.warning)
    assert any(i.value.startswith("No forecast yet: there are only 5 whole weeks of usage data "
                                  "and the model needs at least 12.") for i in at.info)
    assert raw_keys(at) == []


def test_the_page_opens_with_its_headline_cards_and_keeps_the_detail_in_tabs(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db)
    assert [t.label for t in at.tabs] == [
        "Gebruik", "Gebruikssegmenten", "Rogers-segmenten", "Prognose", "Betrokkenheid", "Aanpak",
        "Licenties en trechter"]
    assert at.metric[0].label == "Adoptie"                  # the answer before any tab
