"""Every survey file a project lead has gets in (issue 16): an en-GB Google Forms file
answered in the first days of a month, a Dutch Excel sheet with [CODE] headers, a
SurveyMonkey export with a matrix question; dates decided by the whole file or, when it
cannot, by the user (Data page choice, ``--date-order``); and the one number parser on
the Pilots page's paste path."""
import datetime as dt
from pathlib import Path

import pytest

from core import cli as core_cli
from core import kpis, pilots, validate
from core.filters import for_period
from core.importers import apply_import, date_choices, describe_date_reading, plan_import
from conftest import EDITOR

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def acceptance(s):
    db = s.read()
    return kpis.acceptance_rate(db, for_period("all", kpis.data_as_of(db)))


def imported(s, name, **kw):
    plan = plan_import(s.read(), FIXTURES / name, **kw)      # (an absolute name stays as it is)
    assert plan.ok, plan.messages("en")
    apply_import(s, plan, actor=EDITOR)
    return plan


def test_en_gb_google_forms_in_the_first_days_of_a_month(fresh_store):
    plan = imported(fresh_store, "google_forms_en_gb_december.csv", lang="en")
    assert plan.kind == "google_forms"
    # Day-first: 1-3 December. Month-first would be 12 January, February and March.
    assert plan.summary["held_on"] == "2026-12-03"
    assert describe_date_reading(plan, "en") == (
        "Dates in column 'Timestamp' read as day-month: the 6 rows fall on 1 Dec 2026 – 3 Dec 2026. "
        "Read as month-day they would lie months apart.")
    acc = acceptance(fresh_store)
    assert (acc.wave, acc.wave_date, acc.n, acc.k) == ("Pulse 2026-12", "2026-12-03", 6, 4)
    assert acc.value == pytest.approx(4 / 6)


def test_dutch_excel_survey_with_code_headers(fresh_store):
    plan = imported(fresh_store, "excel_nl_survey.csv")
    assert plan.kind == "survey"
    assert plan.summary["items"] == ["COM1", "FEAR1", "INT1", "OPEN1", "PU1"]
    assert ("Datum", "date") in plan.mapped and ("Afdeling", "department") in plan.mapped
    acc = acceptance(fresh_store)
    assert (acc.wave_date, acc.n, acc.k) == ("2026-11-27", 7, 5)
    db = fresh_store.read()
    depts = sorted({r[0] for r in db.execute("SELECT department FROM survey_respondents")})
    assert depts == ["Financiën", "Productie", "Verkoop"]                      # Windows-1252 read right
    levels = sorted(r[0] for r in db.execute("SELECT level FROM survey_respondents"))
    assert levels == ["employee"] * 5 + ["management", "middle_management"]
    texts = {r[0] for r in db.execute("SELECT text FROM survey_answers WHERE question_code = 'OPEN1'")}
    assert "Café-gesprekken over AI" in texts


def test_surveymonkey_export_with_a_matrix_question(fresh_store):
    plan = imported(fresh_store, "surveymonkey.csv")
    assert plan.kind == "surveymonkey"
    # Six rows, one a partial response that answered no item: five respondents.
    assert plan.rows == 6 and plan.summary["respondents"] == 5
    assert plan.summary["items"] == ["FEAR1", "INT1", "NPS1", "OPEN1", "PU1"]
    acc = acceptance(fresh_store)
    assert (acc.wave_date, acc.n, acc.k) == ("2026-11-04", 5, 4)
    db = fresh_store.read()
    depts = sorted(r[0] for r in db.execute("SELECT department FROM survey_respondents"))
    assert depts == ["Finance", "IT", "IT", "Sales", "Sales"]


AMBIGUOUS = ("Timestamp,Department,I want to keep using the AI tools.,I worry that AI will make my job redundant.\n"
             "04/05/2026 09:00:00,Sales,Agree,Disagree\n"
             "05/04/2026 10:00:00,Sales,Strongly agree,Agree\n"
             "05/04/2026 11:00:00,IT,Disagree,Agree\n").encode()


def test_a_file_that_cannot_decide_asks_and_once_answered_imports(fresh_store):
    plan = plan_import(fresh_store.read(), AMBIGUOUS, "pulse.csv", lang="en")
    assert not plan.ok and [e.code for e in plan.errors] == ["ambiguous_date"]
    assert plan.date_question == {"column": "Timestamp",
                                  "examples": {"dmy": dt.date(2026, 5, 4), "mdy": dt.date(2026, 4, 5)}}
    assert date_choices(plan, "en") == [("dmy", "day-month (04/05/2026 09:00:00 = 4 May 2026)"),
                                        ("mdy", "month-day (04/05/2026 09:00:00 = 5 Apr 2026)")]
    assert date_choices(plan, "nl")[0][1] == "dag-maand (04/05/2026 09:00:00 = 04-05-2026)"
    answered = plan_import(fresh_store.read(), AMBIGUOUS, "pulse.csv", lang="en", date_order="mdy")
    assert answered.ok and answered.summary["held_on"] == "2026-05-04"
    assert describe_date_reading(answered, "en") == (
        "Dates in column 'Timestamp' read as month-day, as chosen: 5 Apr 2026 – 4 May 2026.")
    apply_import(fresh_store, answered, EDITOR)
    assert fresh_store.read().execute("SELECT held_on FROM surveys").fetchall() == [("2026-05-04",)]


def test_date_order_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "pulse.csv"
    path.write_bytes(AMBIGUOUS)
    db = tmp_path / "cli.db"
    assert core_cli.main(["import", str(path), "--db", str(db), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "may be day/month or month/day" in err and "--date-order dmy or mdy" in err
    assert core_cli.main(["import", str(path), "--db", str(db), "--lang", "en", "--date-order", "dmy"]) == 0
    out = capsys.readouterr().out
    assert "read as day-month, as chosen: 5 Apr 2026 – 4 May 2026." in out
    assert "wave 'Pulse 2026-05' (2026-05-04), 3 respondents" in out


# ---------------------------------------------------------------- one number parser

def test_the_one_number_parser_reads_by_language_and_refuses_a_guess():
    assert validate.parse_number("2.500", "nl") == 2500
    assert validate.parse_number("€ 2.500", "nl") == 2500
    assert validate.parse_number("2,5", "nl") == 2.5
    assert validate.parse_number("2,500", "en") == 2500
    assert validate.parse_number("1.234,5") == 1234.5          # only one reading
    assert validate.parse_number("7.5", "nl") == 7.5           # not Dutch: the English reading
    with pytest.raises(validate.NumberProblem) as exc:
        validate.parse_number("1.234")                          # 1234 or 1.234: no clue
    assert exc.value.code == "ambiguous"
    with pytest.raises(validate.NumberProblem):
        validate.parse_number("twee")


def add_case(s):
    with s.write(EDITOR) as db:
        return db.execute("INSERT INTO use_cases (name, unit, status) VALUES ('Offertes', 'offerte', 'pilot')").lastrowid


def test_2500_on_the_pilots_paste_path_in_dutch(fresh_store):
    uid = add_case(fresh_store)
    today = dt.date(2026, 11, 30)
    pilots.import_pasted(fresh_store, uid, "2026-03-02\tvooraf\t2.500\t€ 1.200\n", actor=EDITOR,
                         today=today, lang="nl")
    row = fresh_store.read().execute("SELECT minutes_per_unit, units_per_month FROM measurements").fetchone()
    assert row == (2500.0, 1200.0)


def test_an_ambiguous_pasted_number_is_refused_with_its_row(fresh_store):
    uid = add_case(fresh_store)
    with pytest.raises(pilots.InvalidInput) as refused:
        pilots.import_pasted(fresh_store, uid, "2026-03-02\tvooraf\t60\n2026-04-01\tna\t1.234\n",
                             actor=EDITOR, today=dt.date(2026, 11, 30))
    assert refused.value.messages("en") == [
        "Row 2: Minutes per unit: '1.234' may be two different numbers (point or comma as the decimal "
        "mark). Type it without a thousands separator, for example 1234 or 1.5."]
    assert fresh_store.read().execute("SELECT COUNT(*) FROM measurements").fetchone() == (0,)


def test_templates_read_numbers_in_the_file_language(fresh_store):
    uid = add_case(fresh_store)     # noqa: F841 — the template names it
    nl = ("Toepassing;Eenheid;Fase;Datum;Minuten per eenheid;Eenheden per maand\n"
          "Offertes;offerte;vooraf;2026-03-02;2.500;30\n").encode()
    en = ("Use case,Unit,Phase,Date,Minutes per unit,Units per month\n"
          'Offertes,offerte,baseline,2026-03-02,"2,500",30\n').encode()
    for data, name in ((nl, "nl.csv"), (en, "en.csv")):
        plan = plan_import(fresh_store.read(), data, name, lang="nl")
        assert plan.ok, plan.messages("en")
        assert plan.records["measurements"][0]["minutes_per_unit"] == 2500


# ---------------------------------------------------------------- GitHub Copilot and Claude

def usage_by_tool(s):
    return s.read().execute("SELECT tool, COUNT(DISTINCT employee_id), COUNT(*), SUM(actions) "
                            "FROM usage_daily GROUP BY tool").fetchall()


def test_github_copilot_per_user_ndjson(fresh_store):
    plan = imported(fresh_store, "github_copilot_users.ndjson")
    assert plan.kind == "github_copilot"
    # devbob on the 16th had no interaction: not active; cas-codes only used the agent: 1 action.
    assert plan.summary == {"users": 3, "active": 3}
    assert usage_by_tool(fresh_store) == [("GitHub Copilot", 3, 4, 17 + 2 + 1 + 12)]
    assert fresh_store.read().execute("SELECT MIN(licensed_from) FROM employees").fetchone() == ("2026-11-16",)


def test_claude_per_user_analytics(fresh_store):
    plan = imported(fresh_store, "claude_analytics.json")
    assert plan.kind == "claude"
    # Bob sent no message and had no session on the 16th: listed, not active.
    assert plan.summary == {"users": 3, "active": 2}
    assert usage_by_tool(fresh_store) == [("Claude", 2, 3, 14 + 7 + 2)]


def test_a_broken_ndjson_line_is_named(fresh_store):
    data = (FIXTURES / "github_copilot_users.ndjson").read_bytes().replace(b'"day": "2026-11-17", "organization_id"',
                                                                          b'"day": 2026-11-17, "organization_id"', 1)
    plan = plan_import(fresh_store.read(), data, "copilot.ndjson")
    assert plan.messages("en") == ["copilot.ndjson, line 3: this is not valid JSON."]


def test_surveymonkey_xlsx_export_too(fresh_store, tmp_path):
    import csv

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    with open(FIXTURES / "surveymonkey.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            ws.append([int(c) if c.isdigit() and len(c) < 3 else (c or None) for c in row])
    path = tmp_path / "surveymonkey.xlsx"
    wb.save(path)
    plan = imported(fresh_store, str(path))
    assert plan.kind == "surveymonkey" and plan.summary["respondents"] == 5
    acc = acceptance(fresh_store)
    assert (acc.wave_date, acc.n, acc.k) == ("2026-11-04", 5, 4)


def test_a_large_json_document_is_refused_before_it_is_parsed(fresh_store, monkeypatch):
    from core.importers import reader

    monkeypatch.setattr(reader, "JSON_DOC_BYTES", 1000)
    data = (FIXTURES / "claude_analytics.json").read_bytes()
    assert len(data) > 1000
    plan = plan_import(fresh_store.read(), data, "claude.json")
    assert plan.messages("en") == [
        "claude.json: one JSON document of 0 MB is read whole; not above 32 MB. Export it as NDJSON "
        "(one record a line)."]
