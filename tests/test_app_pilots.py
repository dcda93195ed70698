"""AppTest: the Pilots & productivity page in both languages, and entering results through it."""
import datetime as dt
import json

from apptest_helpers import captions, metrics, raw_keys, run_app
from core import i18n, kpis, pilots, store
from core.filters import for_period

PAGE = "pages/pilots.py"


# small_db (conftest): Offertecalculatie 480 → 120 minutes (5 + 5), 30 quotes a month, €85.


def open_pilots(monkeypatch, db_path, lang=None):
    at = run_app(monkeypatch, db_path, lang=lang)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def count(db_path, sql="SELECT COUNT(*) FROM measurements"):
    s = store.Store(db_path)
    try:
        return s.read().execute(sql).fetchone()[0]
    finally:
        s.close()


def texts(at, kind):
    return [e.value for e in getattr(at, kind)]


def test_pilots_page_in_dutch_shows_the_worked_example(monkeypatch, small_db):
    at = open_pilots(monkeypatch, small_db)
    shown = metrics(at)
    assert at.title[0].value == "Pilots & productiviteit · Testbedrijf B.V."
    assert shown["Waarde per maand"][0] == "€ 15.300"            # 6 h × 30 × €85
    assert shown["Gemeten pilots"][0] == "1 van 1"
    assert shown["Snelle winst"][0] == "0"                       # no costs entered
    assert shown["Tijdwinst"][0] == "75%"
    assert shown["Minuten per eenheid"][0] == "480 → 120"
    assert shown["Eenheden per maand"][0] == "30 → 30"
    assert shown["Bespaarde uren/maand"][0] == "180"
    assert shown["Waarde/maand"][0] == "€ 15.300"
    assert shown["ROI (12 mnd)"][0] == "Geen gegevens"
    assert shown["Terugverdientijd"][0] == "Geen gegevens"
    assert "95%-interval 75% – 75% · n = 5 vooraf, 5 na" in captions(at)
    assert any(c.startswith("Kosten niet ingevuld") for c in captions(at))
    assert any(c.startswith("Voor/na is een waarneming") for c in captions(at))
    assert "Nog geen use case voldoet aan de regel voor snelle winst." in texts(at, "markdown")
    table = at.dataframe[0].value
    assert list(table.iloc[0][["Use case", "Tijdwinst", "Waarde/maand", "ROI 12 mnd"]]) == \
        ["Offertecalculatie", "75%", "€ 15.300", "kosten niet ingevuld"]
    assert raw_keys(at) == []


def test_pilots_page_in_english(monkeypatch, small_db):
    at = open_pilots(monkeypatch, small_db, lang="en")
    shown = metrics(at)
    assert at.title[0].value == "Pilots & productivity · Testbedrijf B.V."
    assert shown["Value per month"][0] == "€15,300"
    assert shown["Measured pilots"][0] == "1 of 1"
    assert shown["Time saved"][0] == "75%"
    assert shown["Hours saved/month"][0] == "180"
    assert shown["Payback"][0] == "No data"
    assert "95% interval 75% – 75% · n = 5 before, 5 after" in captions(at)
    assert raw_keys(at) == []


def test_demo_portfolio_equals_core_in_both_languages(monkeypatch, demo_db):
    s = store.Store(demo_db)
    db = s.read()
    f = for_period("12m", kpis.data_as_of(db), ())
    result = pilots.portfolio(db, f)
    s.close()
    offerte = next(r for r in result["use_cases"] if r["name"] == "Offertecalculatie")
    for lang, value_label, win_label in (("nl", "Waarde per maand", "Snelle winst"),
                                         ("en", "Value per month", "Quick wins")):
        at = open_pilots(monkeypatch, demo_db, lang=lang if lang != "nl" else None)
        shown = metrics(at)
        assert shown[value_label][0] == i18n.fmt_money(result["value_per_month"], lang)
        assert shown[win_label][0] == "1"
        assert pilots.quick_win_lines(result, lang)[0] in " ".join(texts(at, "markdown"))
        # The first use case shown is the most valuable: the quotes pilot, ≈ 60% and +23%.
        assert shown["ROI (12 mnd)" if lang == "nl" else "ROI (12 mo)"][0] == \
            i18n.fmt_pct(offerte["roi"], lang)
        assert raw_keys(at) == []
    assert 0.55 <= offerte["time_saved"]["value"] <= 0.65
    assert 0.18 <= offerte["throughput"]["value"] <= 0.28


def test_thin_pilot_is_flagged(monkeypatch, demo_db):
    at = open_pilots(monkeypatch, demo_db)
    uid = count(demo_db, "SELECT id FROM use_cases WHERE name = 'Inkooporders controleren'")
    at.selectbox(key="pilot_case").set_value(uid).run()
    assert texts(at, "warning")[0].startswith("Dunne meting: minder dan 5 metingen in een fase (6 vooraf, 3 na)")
    assert "dun: n = 6 vooraf, 3 na · geen interval" in captions(at)


def test_business_case_for_a_planned_use_case_is_saved(monkeypatch, demo_copy):
    uid = count(demo_copy, "SELECT id FROM use_cases WHERE name = 'Notulen stuurgroep'")
    at = open_pilots(monkeypatch, demo_copy)
    at.selectbox(key="pilot_case").set_value(uid).run()
    assert texts(at, "info")[0].startswith("Nog geen metingen voor deze use case.")
    at.number_input(key=f"bc_minutes_{uid}").set_value(60.0)
    at.number_input(key=f"bc_saving_{uid}").set_value(50.0)
    at.number_input(key=f"bc_units_{uid}").set_value(4.0)
    at.number_input(key=f"bc_licence_{uid}").set_value(40.0).run()
    # 60 min × 50% / 60 × 4 meetings = 2 h × €95 = €190 a month; payback 0 (no one-off costs).
    shown = metrics(at)
    assert shown["Verwachte uren/maand"][0] == "2"
    assert shown["Verwachte waarde/maand"][0] == "€ 190"
    assert shown["Verwachte terugverdientijd"][0] == "0,0 mnd"
    assert shown["Verwachte ROI (12 mnd)"][0] == "375%"          # (2,280 − 480) / 480
    assert "De opbrengst is 4,8× de kosten." in texts(at, "caption")   # 2,280 / 480
    at.button(key=f"bc_save_{uid}").click().run()
    assert not at.exception
    assert "Businesscase opgeslagen bij Notulen stuurgroep." in texts(at, "success")
    # Not lost on a refresh: a new session shows the saved inputs and the expected value.
    at = open_pilots(monkeypatch, demo_copy)
    at.selectbox(key="pilot_case").set_value(uid).run()
    assert at.number_input(key=f"bc_saving_{uid}").value == 50.0
    assert metrics(at)["Verwachte waarde/maand"][0] == "€ 190"


def _fill_form(at, day, minutes, units=30.0, phase="after"):
    at.date_input(key="m_date").set_value(day)
    at.segmented_control(key="m_phase").set_value(phase)
    at.number_input(key="m_minutes").set_value(minutes)
    at.number_input(key="m_units").set_value(units)
    at.button(key="m_submit").click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_a_measurement_from_the_form_moves_the_overview(monkeypatch, small_db):
    at = open_pilots(monkeypatch, small_db)
    _fill_form(at, dt.date(2026, 9, 15), 240.0)
    assert "Meting opgeslagen voor Offertecalculatie." in texts(at, "success")
    assert count(small_db) == 11
    # After: (5 × 120 + 240) / 6 = 140 min; (480 − 140) / 60 × 30 = 170 h × €85 = €14,450.
    shown = metrics(at)
    assert shown["Waarde per maand"][0] == "€ 14.450"
    assert shown["Tijdwinst"][0] == "71%"
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Waarde per maand"][0] == "€ 14.450"
    assert shown["Tijdwinst pilots"][0] == "71%"


def test_bad_form_input_is_refused_with_the_field_named(monkeypatch, small_db):
    at = open_pilots(monkeypatch, small_db)
    _fill_form(at, dt.date(2026, 9, 15), -5.0)
    assert texts(at, "error") == ["Niets opgeslagen:\n\n- Minuten per eenheid moet groter zijn dan 0."]
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    _fill_form(at, tomorrow, 100.0)
    assert texts(at, "error") == [
        f"Niets opgeslagen:\n\n- Datum ligt in de toekomst ({tomorrow.isoformat()})."]
    assert count(small_db) == 10
    assert metrics(at)["Waarde per maand"][0] == "€ 15.300"


def test_pasting_a_table_all_or_nothing(monkeypatch, small_db):
    at = open_pilots(monkeypatch, small_db, lang="en")
    at.text_area(key="paste_text").input("2026-09-02\tafter\t100\t30\n2026-09-03\tafter\t-1\t30\n")
    at.button(key="paste_submit").click().run()
    assert texts(at, "error") == ["Nothing was saved:\n\n- Row 2: Minutes per unit must be more than 0."]
    assert count(small_db) == 10
    at.text_area(key="paste_text").input("2026-09-02\tafter\t100\t30\n2026-09-03\tafter\t140\t30\n")
    at.button(key="paste_submit").click().run()
    assert "2 measurements imported for Offertecalculatie." in texts(at, "success")
    assert at.text_area(key="paste_text").value == ""
    assert count(small_db) == 12


def test_correct_then_delete_a_measurement_keeps_the_old_values(monkeypatch, small_db):
    mid = count(small_db, "SELECT MAX(id) FROM measurements WHERE phase = 'after'")
    at = open_pilots(monkeypatch, small_db)
    at.selectbox(key="edit_measurement").set_value(mid).run()
    at.number_input(key=f"e_minutes_{mid}").set_value(150.0)
    at.button(key=f"e_submit_{mid}").click().run()
    assert "Meting gecorrigeerd; de oude waarden staan in het auditlog." in texts(at, "success")
    assert count(small_db, f"SELECT minutes_per_unit FROM measurements WHERE id = {mid}") == 150
    detail = count(small_db, "SELECT detail FROM audit_log WHERE action = 'measurement.edit'")
    assert json.loads(detail)["before"] == {"minutes_per_unit": 120.0}
    at.selectbox(key="edit_measurement").set_value(mid).run()
    assert at.button(key="delete_measurement").disabled
    at.checkbox(key="confirm_delete").check().run()
    at.button(key="delete_measurement").click().run()
    assert "Meting verwijderd; het auditlog bewaart wat er stond." in texts(at, "success")
    assert count(small_db) == 9
    detail = count(small_db, "SELECT detail FROM audit_log WHERE action = 'measurement.delete'")
    assert json.loads(detail)["before"]["minutes_per_unit"] == 150.0


def test_add_a_use_case(monkeypatch, small_db):
    at = open_pilots(monkeypatch, small_db)
    at.text_input(key="uc_name_new").input("Kennisbank")
    at.button(key="uc_submit_new").click().run()
    assert texts(at, "error") == ["Niets opgeslagen:\n\n- Eenheid van werk is verplicht."]
    at.text_input(key="uc_unit_new").input("zoekvraag")
    at.number_input(key="uc_hourly_rate_new").set_value(75.0)
    at.button(key="uc_submit_new").click().run()
    assert "Use case Kennisbank toegevoegd." in texts(at, "success")
    assert count(small_db, "SELECT COUNT(*) FROM use_cases") == 2
    assert metrics(at)["Gemeten pilots"][0] == "1 van 2"
