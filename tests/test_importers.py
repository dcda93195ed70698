"""Importers: detection, reading, dates, each format on its fixture, every error class,
all-or-nothing writes and exact undo."""
import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from core import cli as core_cli
from core import kpis, store
from core.filters import for_period
from core.importers import (ImportError_, apply_import, detect, pseudonym, plan_import, read_table,
                            table_csv, templates, undo_batch)
from core.importers import cli as import_cli
from core.importers.common import SECRET_KEY, UNKNOWN_DEPARTMENT
from core.dates import DateError, parse_column
from core.importers.reader import ReadError
from core.importers.surveys import answer, match_item
from conftest import EDITOR, SYSTEM

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fx(name):
    return FIXTURES / name


def dump(db):
    """Every row of every table, for byte-for-byte comparisons."""
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(map(repr, db.execute(f"SELECT * FROM [{t}]").fetchall())) for t in tables}


def imported(s, name, **kw):
    plan = plan_import(s.read(), fx(name), **kw)
    assert plan.ok, plan.messages("en")
    return apply_import(s, plan, actor=EDITOR)


def refused(s, source, filename=None, **kw):
    plan = plan_import(s.read(), source, filename, **kw)
    assert not plan.ok
    return plan.messages("en")


# ---------------------------------------------------------------- detection and reading

@pytest.mark.parametrize("name, kind", [
    ("m365_copilot_usage.csv", "m365_copilot"), ("chatgpt_weekly.csv", "chatgpt"),
    ("viva_person_query.csv", "viva"), ("forms_pulse.xlsx", "forms"),
    ("google_forms.csv", "google_forms"), ("qualtrics.csv", "qualtrics"),
    ("limesurvey.csv", "limesurvey"), ("staff_nl.csv", "staff"), ("staff_en.xlsx", "staff"),
    ("trainings.csv", "trainings"), ("training_requests.csv", "training_requests"),
    ("suggestions.csv", "suggestions"), ("measurements.csv", "measurements"),
    ("stakeholder_assessments.csv", "stakeholder_assessments"),
])
def test_every_fixture_is_recognised_by_its_headers(name, kind):
    assert detect(read_table(fx(name)).headers) == kind


def test_headers_match_by_name_whatever_order_case_and_spacing():
    assert detect(["  user principal NAME ", "REPORT   refresh date"]) == "m365_copilot"
    assert detect(["afdeling", "functieniveau", "e-mailadres"]) == "staff"
    assert detect(["foo", "bar"]) is None


def test_reader_handles_bom_semicolons_and_windows_1252():
    t = read_table(fx("m365_copilot_usage.csv"))
    assert t.headers[0] == "Report Refresh Date"            # BOM stripped
    g = read_table(fx("google_forms.csv"))
    assert g.headers[2] == "Department"                     # semicolon separated
    assert g.rows[0][-1] == "Better café-style lunch sessions"   # cp1252 é
    assert g.row_numbers[:2] == [2, 3]
    x = read_table(fx("forms_pulse.xlsx"))
    assert isinstance(x.rows[0][1], dt.datetime) and x.fmt == "xlsx"


def test_row_numbers_are_excel_rows_even_with_blank_lines():
    t = read_table(b"a,b\n\n1,2\n,\n3,4\n", "x.csv")
    assert t.rows == [["1", "2"], ["3", "4"]] and t.row_numbers == [3, 5]


@pytest.mark.parametrize("data, code", [
    (b"", "empty"), (b"   \r\n", "empty"),
    (b"\x00\x01\x02\x03binary\xff\xfe\x00junk" * 20, "binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old_excel"),
])
def test_unreadable_input_raises_a_named_read_error(data, code):
    with pytest.raises(ReadError) as exc:
        read_table(data, "x.csv")
    assert exc.value.code == code


def test_truncated_xlsx_is_a_read_error():
    data = fx("forms_pulse.xlsx").read_bytes()
    with pytest.raises(ReadError) as exc:
        read_table(data[: len(data) // 2], "cut.xlsx")
    assert exc.value.code == "bad_xlsx"


# ---------------------------------------------------------------- dates

def test_dates_in_every_supported_form():
    d = dt.date(2026, 11, 27)
    assert parse_column(["2026-11-27", "2026-11-27T15:04:05Z", "2026-11-27 15:04:05"]) == [d] * 3
    assert parse_column(["27-11-2026", "01-02-2026"]) == [d, dt.date(2026, 2, 1)]       # Dutch
    assert parse_column(["27/11/2026 15:04:05", "03/04/2026 08:00:00"]) == [d, dt.date(2026, 4, 3)]
    assert parse_column(["11/27/2026", "04/03/2026"]) == [d, dt.date(2026, 4, 3)]       # US, shown by 27
    assert parse_column(["2026/11/27 3:04:05 PM GMT+1"]) == [d]                          # Google
    assert parse_column(["27.11.2026", ""]) == [d, None]
    assert parse_column([dt.datetime(2026, 11, 27, 9, 0)]) == [d]


def test_an_ambiguous_slash_column_is_refused_not_guessed():
    # Either reading keeps these 29 days apart, neither in the future: the file cannot decide.
    with pytest.raises(DateError) as exc:
        parse_column(["04/05/2026", "05/04/2026"])
    assert exc.value.kind == "ambiguous" and exc.value.index == 0
    assert exc.value.examples == {"dmy": dt.date(2026, 5, 4), "mdy": dt.date(2026, 4, 5)}
    # Day-first puts these 93 days apart, month-first 33: the file decides (month-first).
    assert parse_column(["04/03/2026", "05/06/2026"]) == [dt.date(2026, 4, 3), dt.date(2026, 5, 6)]
    assert parse_column(["05/05/2026"]) == [dt.date(2026, 5, 5)]     # same either way


def test_impossible_and_mixed_dates_are_refused():
    with pytest.raises(DateError) as exc:
        parse_column(["2026-01-31", "31-02-2026"])
    assert exc.value.kind == "invalid" and exc.value.index == 1
    with pytest.raises(DateError) as exc:
        parse_column(["27/11/2026", "11/27/2026"])
    assert exc.value.kind == "ambiguous"
    with pytest.raises(DateError):
        parse_column(["gisteren"])


# ---------------------------------------------------------------- survey items and answers

def test_items_are_matched_by_code_bracketed_code_or_text():
    assert match_item("int1") == "INT1"
    assert match_item("[FEAR1] anything at all") == "FEAR1"
    assert match_item("  IK WIL de AI-tools   blijven gebruiken ") == "INT1"
    assert match_item("I am well informed about our company’s AI plans!") == "COM1"
    assert match_item("Hoe eens ben je het? - De AI-tools zijn makkelijk te leren.") == "EOU1"
    assert match_item("PULSE[SAT1]") == "SAT1"
    assert match_item("Statements [Learning to use the AI tools is easy for me]") == "EOU1"
    assert match_item("Ik gebruik AI ook thuis.") is None


def test_answers_as_numbers_or_labels_in_three_languages():
    assert [answer(v, "agree5") for v in ("Helemaal eens", "strongly disagree", "Stimme zu",
                                          "4", "3.0", " neutraal. ", "2 - Oneens")] == [5, 1, 4, 4, 3, 3, 2]
    assert answer("10", "nps11") == 10 and answer("", "agree5") is None
    for bad in ("6", "0", "Misschien", "4.5"):
        with pytest.raises(ValueError):
            answer(bad, "agree5")
    with pytest.raises(ValueError):
        answer("11", "nps11")


# ---------------------------------------------------------------- usage formats

def test_m365_report_alone_gives_adoption_as_of_the_refresh_date(fresh_store):
    imported(fresh_store, "m365_copilot_usage.csv")
    db = fresh_store.read()
    as_of = kpis.data_as_of(db)
    assert as_of == dt.date(2026, 11, 25)                       # the Report Refresh Date
    a = kpis.adoption_rate(db, for_period("12m", as_of))
    # Users 1-4 have a last-activity date in 29-10..25-11; user 5 (28-10) and 6 (none) not.
    assert (a.active, a.eligible) == (4, 6)
    assert db.execute("SELECT COUNT(*) FROM employees WHERE department = ?",
                      [UNKNOWN_DEPARTMENT]).fetchone()[0] == 6
    # User 1: Teams, Outlook on 24-11 (2 apps), Word on 20-11, Chat on 18-11, refresh day 0.
    p1 = pseudonym(store.get_setting(db, SECRET_KEY), "3F2A9C1B7D4E5F60718293A4B5C6D7E8")
    rows = db.execute("SELECT day, actions FROM usage_daily WHERE employee_id = ? ORDER BY day", [p1]).fetchall()
    assert rows == [("2026-11-18", 1), ("2026-11-20", 1), ("2026-11-24", 2), ("2026-11-25", 0)]


def test_m365_through_the_cli_and_kpis_json(tmp_path, capsys):
    path = tmp_path / "m365.db"
    ap = argparse.ArgumentParser()
    import_cli.add_parser(ap.add_subparsers(dest="command"))
    assert import_cli.run(ap.parse_args(["import", str(fx("m365_copilot_usage.csv")), "--db", str(path)])) == 0
    out = capsys.readouterr().out
    assert out.strip() == ("m365_copilot_usage.csv: m365_copilot, 6 rows read, 6 people, "
                           "12 usage rows → batch 1")
    assert core_cli.main(["kpis", "--json", "--db", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["as_of"] == "2026-11-25"
    assert result["adoption_rate"] == {"value": 0.6667, "active": 4, "eligible": 6, "window_days": 28,
                                       "as_of": "2026-11-25", "suppressed": False}


def test_same_report_twice_changes_no_usage(fresh_store):
    imported(fresh_store, "m365_copilot_usage.csv")
    imported(fresh_store, "chatgpt_weekly.csv")
    db = fresh_store.read()
    before = {t: dump(db)[t] for t in ("usage_daily", "usage_series", "employees", "departments",
                                       "import_changes")}
    imported(fresh_store, "m365_copilot_usage.csv")
    imported(fresh_store, "chatgpt_weekly.csv")
    after = {t: dump(db)[t] for t in before}
    assert after == before


def test_overlapping_report_keeps_the_larger_count_and_undo_restores_it(fresh_store):
    imported(fresh_store, "chatgpt_weekly.csv")
    db = fresh_store.read()
    before = dump(db)["usage_daily"]
    more = fx("chatgpt_weekly.csv").read_bytes().replace(b",42,3,", b",50,3,")
    plan = plan_import(db, more, "chatgpt_again.csv")
    batch = apply_import(fresh_store, plan, actor=EDITOR)
    pid = pseudonym(store.get_setting(db, SECRET_KEY), "anna.deboer@example.nl")
    assert db.execute("SELECT actions, batch_id FROM usage_daily WHERE employee_id = ?", [pid]).fetchone() == (50, batch)
    assert _series_actions(db, pid) == 50
    undo_batch(fresh_store, batch, actor=EDITOR)
    assert dump(db)["usage_daily"] == before
    assert _series_actions(db, pid) == 42


def _series_actions(db, employee_id):
    """A person's actions over all weeks and tools, from the rollup (int32 per week)."""
    import numpy as np

    (blob,) = db.execute("SELECT actions FROM usage_series WHERE tool = '' AND employee_id = ?",
                         [employee_id]).fetchone()
    return int(np.frombuffer(blob, dtype="<i4").sum())


def test_chatgpt_department_json_array_and_no_address_is_stored(fresh_store):
    imported(fresh_store, "chatgpt_weekly.csv")
    db = fresh_store.read()
    secret = store.get_setting(db, SECRET_KEY)
    dept = dict(db.execute("SELECT id, department FROM employees").fetchall())
    assert dept[pseudonym(secret, "bas.visser@example.nl")] == "Engineering"     # ["Engineering", "IT"]
    assert dept[pseudonym(secret, "carla.smit@example.nl")] == UNKNOWN_DEPARTMENT  # []
    # Case does not matter: Dirk.Mulder@Example.nl is dirk.mulder@example.nl.
    assert dept[pseudonym(secret, "dirk.mulder@example.nl")] == "Productie"
    assert "@" not in json.dumps(dump(db))
    assert len(secret) == 64


def test_viva_sums_copilot_actions_per_person_week(fresh_store):
    imported(fresh_store, "viva_person_query.csv")
    db = fresh_store.read()
    secret = store.get_setting(db, SECRET_KEY)
    rows = db.execute("SELECT day, actions FROM usage_daily WHERE employee_id = ? ORDER BY day",
                      [pseudonym(secret, "P-0001")]).fetchall()
    assert rows == [("2026-11-01", 16), ("2026-11-08", 5)]
    assert db.execute("SELECT COUNT(*) FROM usage_daily").fetchone()[0] == 3   # P-0002 had none


# ---------------------------------------------------------------- staff list and templates

def test_staff_list_in_dutch_csv_and_english_xlsx_give_the_same_people(tmp_path):
    results = []
    for name in ("staff_nl.csv", "staff_en.xlsx"):
        s = store.Store(tmp_path / f"{name}.db")
        with s.write(SYSTEM) as db:
            store.set_setting(db, SECRET_KEY, "k" * 64)
        imported(s, name)
        results.append(dump(s.read())["employees"])
        s.close()
    assert results[0] == results[1]
    assert any("Financiën" in r for r in results[0])           # Windows-1252 ë


def test_staff_list_links_pseudonyms_and_undo_restores_them(fresh_store):
    imported(fresh_store, "chatgpt_weekly.csv")
    db = fresh_store.read()
    before = dump(db)["employees"]
    batch = imported(fresh_store, "staff_nl.csv")
    secret = store.get_setting(db, SECRET_KEY)
    carla = pseudonym(secret, "carla.smit@example.nl")
    assert db.execute("SELECT department, level, segment, licensed_from FROM employees WHERE id = ?",
                      [carla]).fetchone() == ("Financiën", "employee", "late_majority", "2026-03-01")
    assert db.execute("SELECT COUNT(*) FROM employees").fetchone()[0] == 6
    undo_batch(fresh_store, batch, actor=EDITOR)
    assert dump(db)["employees"] == before


@pytest.mark.parametrize("kind", templates.KINDS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_template_reads_back_in_both_languages(fresh_store, kind, lang):
    for data, name in ((templates.template_csv(kind, lang), f"t_{lang}.csv"),
                       (templates.template_xlsx(kind, lang), f"t_{lang}.xlsx")):
        plan = plan_import(fresh_store.read(), data, name)
        assert plan.kind == kind and plan.rows == 1
        assert plan.ok, plan.messages("en")


def test_other_templates_write_their_rows(fresh_store):
    for name in ("staff_nl.csv", "trainings.csv", "training_requests.csv", "suggestions.csv",
                 "measurements.csv", "stakeholder_assessments.csv"):
        imported(fresh_store, name)
    db = fresh_store.read()
    count = lambda t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: E731
    assert (count("trainings"), count("training_attendance")) == (2, 3)
    assert (count("training_requests"), count("suggestions"), count("measurements")) == (2, 2, 2)
    assert count("stakeholder_assessments") == 2
    f = for_period("all", dt.date(2026, 11, 30))
    assert kpis.time_saved(db, f)[0]["value"] == 0.75              # 480 → 120 minutes
    row = db.execute("SELECT influence, attitude, category, role_c, role_influencer FROM "
                     "stakeholder_assessments ORDER BY id").fetchone()
    assert row == (4, 2, "champion", 1, 1)


def test_csv_download_neutralises_formulas(fresh_store):
    imported(fresh_store, "suggestions.csv")
    text = table_csv(fresh_store.read(), "suggestions").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


# ---------------------------------------------------------------- surveys

def survey_figures(s):
    db = s.read()
    f = for_period("all", kpis.data_as_of(db))
    return kpis.acceptance_rate(db, f), kpis.fear_index(db, f), kpis.enps(db, f)


def agreeing(s, code):
    """(answers, answers of 4 or more) to one item."""
    return s.read().execute("SELECT COUNT(*), SUM(value >= 4 AND value <= 5) FROM survey_answers "
                            "WHERE question_code = ?", [code]).fetchone()


def test_forms_anonymous_xlsx_with_labels(fresh_store):
    imported(fresh_store, "forms_pulse.xlsx", wave="Najaar 2026")
    acc, fear, enps = survey_figures(fresh_store)
    assert (acc.wave, acc.wave_date, acc.n, acc.k) == ("Najaar 2026", "2026-11-15", 6, 4)
    assert (fear.n, fear.k) == (6, 2)
    assert enps.value == pytest.approx(100 * (3 - 2) / 6)      # 9,10,10 promote; 6,3 detract
    db = fresh_store.read()
    levels = sorted(r[0] for r in db.execute("SELECT level FROM survey_respondents"))
    assert levels == ["employee"] * 4 + ["management", "middle_management"]
    texts = {r[0] for r in db.execute("SELECT text FROM survey_answers WHERE question_code = 'OPEN1'")}
    assert texts == {"Meer voorbeelden", "Tijd om te oefenen", "Betere integratie met CAD"}


def test_google_forms_en_gb_timestamps_and_english_labels(fresh_store):
    imported(fresh_store, "google_forms.csv")
    acc, fear, enps = survey_figures(fresh_store)
    assert (acc.wave, acc.wave_date, acc.n, acc.k) == ("Pulse 2026-11", "2026-11-24", 5, 4)
    assert (fear.n, fear.k) == (5, 1)


def test_qualtrics_drops_header_and_preview_rows(fresh_store):
    plan = plan_import(fresh_store.read(), fx("qualtrics.csv"))
    assert plan.rows == 5 and plan.summary["dropped"] == 1 and plan.summary["respondents"] == 4
    assert ("Afdeling", "department") in plan.mapped and ("Q4", "EOU1") in plan.mapped
    apply_import(fresh_store, plan, EDITOR)
    # Four respondents: below the anonymity minimum for a figure, so count the answers.
    assert agreeing(fresh_store, "INT1") == (4, 3) and agreeing(fresh_store, "FEAR1") == (4, 2)
    depts = sorted(r[0] for r in fresh_store.read().execute("SELECT department FROM survey_respondents"))
    assert depts == ["IT", "Productie", "Productie", "Verkoop"]


def test_limesurvey_codes_and_unfinished_responses(fresh_store):
    plan = plan_import(fresh_store.read(), fx("limesurvey.csv"), wave="Lime")
    assert plan.summary["respondents"] == 3 and ("dropped_rows", {"n": 1}) in plan.warnings
    apply_import(fresh_store, plan, EDITOR)
    assert agreeing(fresh_store, "INT1") == (3, 2) and agreeing(fresh_store, "FEAR1") == (3, 1)


def test_a_second_wave_with_the_same_name_is_refused(fresh_store):
    imported(fresh_store, "google_forms.csv")
    messages = refused(fresh_store, fx("forms_pulse.xlsx"))
    assert messages == ["forms_pulse.xlsx: a survey wave named 'Pulse 2026-11' already exists. "
                        "Expected: a new name for the wave."]


def test_non_standard_column_is_reported_then_mapped(fresh_store):
    plan = plan_import(fresh_store.read(), fx("forms_pulse.xlsx"))
    assert plan.unmapped == ["Ik gebruik AI ook thuis."]
    plan = plan_import(fresh_store.read(), fx("forms_pulse.xlsx"),
                       mapping={"Ik gebruik AI ook thuis.": "usefulness"})
    assert plan.unmapped == [] and ("Ik gebruik AI ook thuis.", "usefulness") in plan.mapped
    batch = apply_import(fresh_store, plan, EDITOR)
    db = fresh_store.read()
    code, construct, scale = db.execute(
        "SELECT code, construct, scale FROM survey_questions WHERE code LIKE 'X%'").fetchone()
    assert (construct, scale) == ("usefulness", "agree5")
    assert db.execute("SELECT COUNT(*) FROM survey_answers WHERE question_code = ?", [code]).fetchone()[0] == 6
    undo_batch(fresh_store, batch, EDITOR)
    assert db.execute("SELECT COUNT(*) FROM survey_questions WHERE code LIKE 'X%'").fetchone()[0] == 0


# ---------------------------------------------------------------- errors: named, translated, nothing written

def bad_m365(old, new):
    return fx("m365_copilot_usage.csv").read_bytes().replace(old, new)


FORMATS_EN = ("an export from M365 Copilot, ChatGPT, Viva Insights, GitHub Copilot, Claude, Microsoft Forms, "
              "Google Forms, Qualtrics, LimeSurvey, SurveyMonkey, a survey with the standard items or a "
              "Draagvlak template; or map the columns yourself.")


@pytest.mark.parametrize("data, filename, expected", [
    (b"", "leeg.csv", "leeg.csv: the file is empty."),
    (b"\x00\x9f\x92\x96" * 100, "junk.csv", "junk.csv: this is not a text or Excel file."),
    (fx("forms_pulse.xlsx").read_bytes()[:3000], "cut.xlsx",
     "cut.xlsx: the Excel file is damaged or incomplete. Open it in Excel and save it again as .xlsx."),
    (b"Kleur,Smaak\nrood,zoet\n", "fruit.csv",
     "fruit.csv, row 1: the columns (Kleur, Smaak) match no known format. Expected: " + FORMATS_EN),
    (b"\xef\xbb\xbfReport Refresh Date,User Principal Name\r\n", "hdr.csv",
     "hdr.csv: it holds only column headers, no data."),
    (bad_m365(b"2026-11-25,C3D4", b"2026-02-31,C3D4"), "feb.csv",
     "feb.csv, row 5, column 'Report Refresh Date': '2026-02-31' is not a valid date. Expected: a date "
     "such as 2026-11-27, 27-11-2026 or 27/11/2026."),
    (bad_m365(b"E5F60718293A4B5C6D7E8F90A1B2C3D4", b"A1B2C3D4E5F60718293A4B5C6D7E8F90"), "dup.csv",
     "dup.csv, row 7, column 'User Principal Name': 'A1B2C3D4E5F60718293A4B5C6D7E8F90' appears twice "
     "(also in row 3). Expected: each value once."),
    (bad_m365(b"Report Refresh Date,", b"Refresh,"), "nocol.csv",
     "nocol.csv, row 1: the columns (Refresh, User Principal Name, Display Name, Last Activity…) "
     "match no known format. Expected: " + FORMATS_EN),
])
def test_each_error_class_gets_a_clear_message_and_writes_nothing(fresh_store, data, filename, expected):
    imported(fresh_store, "staff_nl.csv")
    before = dump(fresh_store.read())
    messages = refused(fresh_store, data, filename)
    assert messages[0] == expected
    assert dump(fresh_store.read()) == before


def test_off_scale_answer_names_row_column_and_value(fresh_store):
    data = fx("google_forms.csv").read_bytes().replace(b";Agree;Strongly agree;Neutral;7;", b";Agree;6;Neutral;7;")
    assert refused(fresh_store, data, "g.csv") == [
        "g.csv, row 5, column 'The AI tools help me complete tasks faster': '6' is off the scale. "
        "Expected: 1–5 or Strongly disagree … Strongly agree (also Dutch or German)."]
    dutch = plan_import(fresh_store.read(), data, "g.csv").messages("nl")[0]
    assert dutch.startswith("g.csv, rij 5, kolom 'The AI tools help me complete tasks faster': '6' valt buiten de schaal.")


def test_ambiguous_date_column_is_an_error(fresh_store):
    data = fx("google_forms.csv").read_bytes()
    for day in (b"20/11", b"21/11", b"23/11", b"24/11"):
        data = data.replace(day, b"0" + day[1:2] + b"/11" if False else b"05/11")
    messages = refused(fresh_store, data, "g.csv")
    assert messages[0].startswith("g.csv, row 2, column 'Timestamp': '05/11/2026 09:15:02' may be "
                                  "day/month or month/day")


def test_template_errors_name_the_field(fresh_store):
    data = ("E-mailadres;Naam;Afdeling;Functieniveau\n"
            "a@example.nl;A;Verkoop;Stagiair\n"
            "geen-adres;B;Verkoop;Medewerker\n"
            "c@example.nl;C;;Medewerker\n").encode()
    assert refused(fresh_store, data, "staf.csv") == [
        "staf.csv, row 2, column 'Functieniveau': 'Stagiair' is not valid. Expected: Management, "
        "Middle management, Employee or IT.",
        "staf.csv, row 3, column 'E-mailadres': 'geen-adres' is not valid. Expected: an e-mail address.",
        "staf.csv, row 4, column 'Afdeling': empty. Expected: text.",
    ]


def test_a_failing_file_in_a_cli_run_leaves_the_store_as_it_was(tmp_path, capsys):
    path = tmp_path / "cli.db"
    ap = argparse.ArgumentParser()
    import_cli.add_parser(ap.add_subparsers(dest="command"))
    assert import_cli.run(ap.parse_args(["import", str(fx("staff_nl.csv")), "--db", str(path)])) == 0
    s = store.Store(path)
    before = dump(s.read())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(bad_m365(b"2026-11-25,C3D4", b"2026-11-32,C3D4"))
    args = ap.parse_args(["import", str(fx("chatgpt_weekly.csv")), str(bad), "--db", str(path)])
    assert import_cli.run(args) == 1
    err = capsys.readouterr().err
    assert "bad.csv, row 5, column 'Report Refresh Date': '2026-11-32' is not a valid date." in err
    assert dump(s.read()) == before
    args = ap.parse_args(["import", str(fx("chatgpt_weekly.csv")), "--db", str(path), "--dry-run"])
    assert import_cli.run(args) == 0
    assert "dry run: nothing written" in capsys.readouterr().out
    assert dump(s.read()) == before
    s.close()


def test_two_waves_of_the_same_name_in_one_cli_run_write_nothing(tmp_path, capsys):
    path = tmp_path / "two.db"
    ap = argparse.ArgumentParser()
    import_cli.add_parser(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["import", str(fx("google_forms.csv")), str(fx("qualtrics.csv")),
                          "--db", str(path), "--wave", "Pulse"])
    assert import_cli.run(args) == 1
    s = store.Store(path)
    assert s.read().execute("SELECT COUNT(*) FROM surveys").fetchone()[0] == 0
    assert s.read().execute("SELECT COUNT(*) FROM import_batches").fetchone()[0] == 0
    s.close()


# ---------------------------------------------------------------- undo

def test_undo_removes_exactly_the_batch_and_is_audited(fresh_store):
    imported(fresh_store, "staff_nl.csv")
    db = fresh_store.read()
    before = dump(db)
    batch = imported(fresh_store, "google_forms.csv")
    assert db.execute("SELECT kind, rows, status FROM import_batches WHERE id = ?", [batch]).fetchone() == \
        ("google_forms", 5, "done")
    undo_batch(fresh_store, batch, actor=EDITOR)
    after = dump(db)
    for table in before:
        if table not in ("import_batches", "audit_log", "settings"):
            assert after[table] == before[table], table
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-3:] == ["import", "import", "import.undo"]
    with pytest.raises(ImportError_):
        undo_batch(fresh_store, batch, EDITOR)


def test_undo_of_people_a_later_import_uses_is_refused_cleanly(fresh_store):
    first = imported(fresh_store, "chatgpt_weekly.csv")
    imported(fresh_store, "trainings.csv")          # attendance of Anna and Bas
    before = dump(fresh_store.read())
    with pytest.raises(ImportError_) as exc:
        undo_batch(fresh_store, first, EDITOR)
    assert exc.value.issue.code == "undo_in_use"
    assert dump(fresh_store.read()) == before


def test_no_download_holds_individual_usage_or_answers(fresh_store):
    from core import importers
    assert not set(importers.EXPORT_TABLES) & set(importers.PRIVATE_TABLES)
    for table in importers.PRIVATE_TABLES:
        with pytest.raises(KeyError):
            importers.table_csv(fresh_store.read(), table)


# ---------------------------------------------------------------- large files

@pytest.mark.parametrize("name", ["m365_copilot_usage.csv", "chatgpt_weekly.csv", "viva_person_query.csv",
                                  "staff_nl.csv", "google_forms.csv", "qualtrics.csv", "limesurvey.csv",
                                  "trainings.csv", "suggestions.csv", "stakeholder_assessments.csv"])
def test_the_fast_csv_reader_reads_exactly_what_the_careful_one_reads(name):
    careful, fast = read_table(fx(name), fast=False), read_table(fx(name), fast=True)
    assert (fast.headers, fast.rows, list(fast.row_numbers)) == (careful.headers, careful.rows,
                                                                careful.row_numbers)


@pytest.mark.parametrize("text, rows, numbers", [
    ("a,b\n 1 ,2\n,\n3,\u00a04\n", [["1", "2"], ["3", "4"]], [2, 4]),      # stripped; blank row skipped
    ('a;b\n"x;y";"line\nbreak"\n5;6\n', [["x;y", "line\nbreak"], ["5", "6"]], [2, 3]),
    ("a,b\n1,2\n\n3,4\n", [["1", "2"], ["3", "4"]], [2, 4]),              # an empty line: careful path
    ("a,b,,\n1,2,x,y\n", [["1", "2"], ], [2]),                             # cells past the last header
    ('a,b\n1,x"y\n', [["1", 'x"y']], [2]),                                 # a bare quote: careful path
])
def test_fast_reader_quirks_match_the_careful_reader(text, rows, numbers):
    for fast in (False, True):
        t = read_table(text.encode(), "x.csv", fast=fast)
        assert (t.headers[:2], t.rows, list(t.row_numbers)) == (["a", "b"], rows, numbers), fast


def test_parse_column_reports_the_first_bad_value_once_per_distinct_text():
    values = ["2026-11-02", "2026-11-09"] * 1000 + ["31-02-2026", "2026-11-02"]
    with pytest.raises(DateError) as exc:
        parse_column(values)
    assert (exc.value.kind, exc.value.index) == ("invalid", 2000)
    with pytest.raises(DateError) as exc:
        parse_column(["05/04/2026", "2026-01-01", "06/04/2026"])
    assert (exc.value.kind, exc.value.index) == ("ambiguous", 0)


def test_preview_and_import_report_progress_by_stage(fresh_store):
    seen = []
    plan = plan_import(fresh_store.read(), fx("viva_person_query.csv"),
                       progress=lambda f, stage: seen.append((stage, f)))
    assert seen[0] == ("read", 0.0) and seen[-1] == ("check", 1.0)
    written = []
    apply_import(fresh_store, plan, EDITOR, progress=lambda f, stage: written.append((stage, f)))
    assert [s for s, _ in written][:2] == ["backup", "write"] and written[-1] == ("write", 1.0)
    assert [f for _, f in written] == sorted(f for _, f in written)


def test_a_problem_row_in_a_large_viva_file_names_its_row_and_column(fresh_store):
    lines = ["PersonId,MetricDate,Copilot_actions_taken_in_Teams,Copilot_actions_taken_in_Word"]
    lines += [f"P-{i % 50:03d},{dt.date(2026, 1, 4) + dt.timedelta(weeks=i // 50)},{i % 7},1" for i in range(2000)]
    lines[1500] = lines[1500].rsplit(",", 1)[0] + ",-2"        # the header is row 1: this is row 1501
    messages = refused(fresh_store, "\n".join(lines).encode(), "viva.csv")
    assert messages == ["viva.csv, row 1501, column 'Copilot_actions_taken_in_Word': '-2' is not valid. "
                        "Expected: a whole number of 0 or more."]


# ---------------------------------------------------------------- backups on import

def test_an_import_into_a_store_with_data_leaves_a_backup_of_the_state_before(fresh_store):
    from core import backup
    imported(fresh_store, "viva_person_query.csv")
    assert backup.list_backups(fresh_store.path) == []          # an empty store: nothing to keep
    before = dump(fresh_store.read())
    imported(fresh_store, "chatgpt_weekly.csv")
    saved = backup.list_backups(fresh_store.path)
    assert [b["reason"] for b in saved] == ["import"]
    kept = store.Store(saved[0]["path"])
    assert dump(kept.read()) == before                          # exactly the state before the import
    kept.close()


def test_a_refused_import_takes_no_backup_and_changes_nothing(fresh_store):
    from core import backup
    imported(fresh_store, "viva_person_query.csv")
    before = dump(fresh_store.read())
    bad = fx("staff_nl.csv").read_bytes().replace(b"01-03-2026;01-02-2018", b"31-02-2026;01-02-2018")
    plan = plan_import(fresh_store.read(), bad, "staff.csv")
    with pytest.raises(ImportError_):
        apply_import(fresh_store, plan, EDITOR)
    assert backup.list_backups(fresh_store.path) == []
    assert dump(fresh_store.read()) == before


def test_the_cli_backs_up_once_before_writing_all_files(tmp_path, capsys):
    from core import backup
    db = tmp_path / "cli.db"
    args = lambda *files: argparse.Namespace(files=[str(fx(f)) for f in files], db=str(db), kind=None,  # noqa: E731
                                             wave=None, dry_run=False, lang="en")
    assert import_cli.run(args("viva_person_query.csv")) == 0
    assert import_cli.run(args("chatgpt_weekly.csv", "m365_copilot_usage.csv")) == 0
    assert [b["reason"] for b in backup.list_backups(db)] == ["import"]


def test_a_zip_bomb_disguised_as_xlsx_is_refused_unread(fresh_store):
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(64):
                sheet.write(b"\0" * (1024 * 1024))        # 64 MB of zeros: about 64 kB packed
    data = buf.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(ReadError) as exc:
        read_table(data, "bonus.xlsx")
    assert exc.value.code == "zip_bomb"
    before = dump(fresh_store.read())
    (message,) = refused(fresh_store, data, "bonus.xlsx")
    assert message == "bonus.xlsx: this Excel file unpacks to 64 MB; no real export is that large. Not read."
    assert dump(fresh_store.read()) == before


def _viva_lines(n_people=40, weeks=12, seed=0):
    import random

    rng = random.Random(seed)
    lines = ["PersonId,MetricDate,Copilot_actions_taken_in_Teams,Copilot_actions_taken_in_Word,Organization"]
    for w in range(weeks):
        day = dt.date(2026, 1, 4) + dt.timedelta(weeks=w)
        for p in range(n_people):
            lines.append(f"P-{p:03d},{day.isoformat()},{rng.randint(0, 3)},{rng.choice(['', '0', '2'])},"
                         f"{['IT', 'Verkoop', ''][p % 3]}")
    return lines


@pytest.mark.parametrize("change", [None, "case", "repeat", "decimal", "dutch_date", "blank_person"])
def test_the_columnwise_viva_path_reads_what_the_row_by_row_path_reads(fresh_store, monkeypatch, change):
    from core.importers import reader
    from core.importers.common import UsageRows

    lines = _viva_lines()
    if change == "case":
        lines[5] = lines[5].replace("P-", "p-", 1)          # the same person, by pseudonym
    elif change == "repeat":
        lines.append(lines[7])
    elif change == "decimal":
        lines[9] = lines[9].split(",")[0] + ",2026-01-04,1.0,0,IT"    # a whole count, not digits
    elif change == "dutch_date":
        lines = [line.replace("2026-01-11", "11-01-2026") for line in lines]
    elif change == "blank_person":
        lines[3] = "," + lines[3].split(",", 1)[1]
    data = ("\n".join(lines) + "\n").encode()
    plans = []
    for fast_bytes in (10 ** 9, 0):
        monkeypatch.setattr(reader, "FAST_BYTES", fast_bytes)
        plans.append(plan_import(fresh_store.read(), data, "viva.csv", secret="s" * 64))
    careful, fast = plans
    assert fast.messages() == careful.messages()
    assert (fast.summary, fast.records["employees"] if fast.ok else None) == (
        careful.summary, careful.records["employees"] if careful.ok else None)
    if careful.ok:
        assert sorted(fast.records["usage"]) == sorted(careful.records["usage"])
        assert len(fast.records["usage"]) == len(careful.records["usage"]) > 300
    assert isinstance(fast.records.get("usage"), UsageRows) == (change in (None, "dutch_date"))
    assert careful.ok == (change in (None, "case", "decimal", "dutch_date"))


def test_a_columnwise_reimport_raises_counts_and_undo_restores_exactly(fresh_store, tmp_path, monkeypatch):
    """The same files through the column-wise and the row-by-row path give the same store,
    before and after a second import that raises, lowers and adds counts, and after its undo."""
    from core.importers import reader

    first = _viva_lines(seed=1)
    second = _viva_lines(seed=2)[: len(first) - 40] + [
        f"N-{p},2026-05-03,{p},1,IT" for p in range(30)]            # a new week, new people
    stores = [fresh_store, store.Store(tmp_path / "careful.db")]
    tables = ("usage_daily", "usage_series", "employees", "departments", "import_changes")
    states = []
    for s, fast_bytes in zip(stores, (0, 10 ** 9)):
        monkeypatch.setattr(reader, "FAST_BYTES", fast_bytes)
        with s.write(SYSTEM) as db:
            store.set_setting(db, SECRET_KEY, "k" * 64)
        seen = []
        for lines in (first, second):
            plan = plan_import(s.read(), ("\n".join(lines) + "\n").encode(), "viva.csv")
            assert plan.ok, plan.messages()
            batch = apply_import(s, plan, EDITOR, backup=False)
            seen.append({t: dump(s.read())[t] for t in tables})
        undo_batch(s, batch, EDITOR)
        seen.append({t: dump(s.read())[t] for t in tables})
        states.append(seen)
    assert states[0] == states[1]
    assert states[0][2] == states[0][0]                              # the undo is exact
    assert states[0][1]["import_changes"]                            # some counts were raised
    stores[1].close()
