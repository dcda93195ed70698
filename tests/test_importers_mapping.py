"""Column mappings (issue 16, point 3): a file no importer knows is mapped field by field,
validated like every import, saved under its header signature and reused — on the Data
page (tests/test_app_data.py) and on the command line (``--map``)."""
from pathlib import Path

import pytest

from core import cli as core_cli
from core import store
from core.importers import apply_import, mapping, plan_import
from conftest import EDITOR

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOV, DEC = FIXTURES / "gemini_usage_nov.csv", FIXTURES / "gemini_usage_dec.csv"
GEMINI = {"person": "User email", "day": "Date", "actions": "Prompts"}


def test_a_mapped_usage_file_imports_and_its_mapping_is_reused(fresh_store):
    plan = plan_import(fresh_store.read(), NOV, lang="en")
    assert plan.kind is None and plan.headers == ["User email", "Date", "Feature", "Prompts", "Region"]
    assert plan.sample[0] == ["ann.ai@example.com", "2026-11-16", "Gemini in Gmail", "4", "EU"]
    plan = plan_import(fresh_store.read(), NOV, kind="usage", columns=GEMINI, mapping_name="Gemini")
    assert plan.ok and plan.summary == {"users": 3, "active": 2}
    mapping.save(fresh_store, "Gemini", "usage", GEMINI, plan.headers, actor=EDITOR)
    apply_import(fresh_store, plan, EDITOR)
    # Next month: the saved mapping is found by the header signature.
    again = plan_import(fresh_store.read(), DEC)
    assert again.ok and again.kind == "usage"
    assert again.mapping == {"name": "Gemini", "kind": "usage", "fields": GEMINI, "saved": True}
    apply_import(fresh_store, again, EDITOR)
    db = fresh_store.read()
    assert db.execute("SELECT tool, COUNT(*), SUM(actions) FROM usage_daily GROUP BY tool").fetchall() == [
        ("Gemini", 5, 16)]
    # The people it lists count as having access from their first day in it.
    assert db.execute("SELECT COUNT(*), MIN(licensed_from) FROM employees").fetchone() == (4, "2026-11-16")


def test_a_tool_column_names_the_tool_per_row(fresh_store):
    plan = plan_import(fresh_store.read(), NOV, kind="usage", columns=dict(GEMINI, tool="Feature"))
    assert plan.ok
    assert sorted({t for _, _, t, _, _ in plan.records["usage"]}) == ["Gemini in Docs", "Gemini in Gmail",
                                                                      "Gemini in Sheets"]


@pytest.mark.parametrize("columns, message", [
    ({"person": "User email", "day": "Datum", "actions": "Prompts"},
     "gemini_usage_nov.csv, row 1: column 'Datum' is not in the file."),
    ({"person": "User email", "day": "Date"},
     "gemini_usage_nov.csv, row 1: field 'actions' is required; pick a column for it."),
    ({"person": "User email", "day": "Date", "actions": "Date"},
     "gemini_usage_nov.csv, row 1: column 'Date' is mapped to two fields."),
])
def test_a_bad_mapping_is_refused_with_the_column_named(fresh_store, columns, message):
    plan = plan_import(fresh_store.read(), NOV, kind="usage", columns=columns, mapping_name="Gemini")
    assert plan.messages("en") == [message]


def test_bad_rows_of_a_mapped_file_are_named_and_nothing_lands(fresh_store):
    data = NOV.read_bytes().replace(b",3,EU", b",drie,EU").replace(b"2026-11-18,Gemini in Sheets",
                                                                   b"2026-11-31,Gemini in Sheets")
    plan = plan_import(fresh_store.read(), data, "g.csv", kind="usage", columns=GEMINI, mapping_name="G")
    assert plan.messages("en") == [
        "g.csv, row 5, column 'Date': '2026-11-31' is not a valid date. Expected: a date such as "
        "2026-11-27, 27-11-2026 or 27/11/2026."]
    data = NOV.read_bytes().replace(b",3,EU", b",drie,EU")
    plan = plan_import(fresh_store.read(), data, "g.csv", kind="usage", columns=GEMINI, mapping_name="G")
    assert plan.messages("en") == [
        "g.csv, row 3, column 'Prompts': 'drie' is not valid. Expected: a whole number of 0 or more."]


def test_a_mapped_survey_file(fresh_store):
    data = ("Wanneer;Team;Vraag 1;Vraag 2\n24-11-2026;Verkoop;Eens;Oneens\n25-11-2026;IT;Helemaal eens;Eens\n"
            "25-11-2026;IT;Oneens;Neutraal\n").encode("cp1252")
    columns = {"date": "Wanneer", "department": "Team", "INT1": "Vraag 1", "FEAR1": "Vraag 2"}
    plan = plan_import(fresh_store.read(), data, "pulse.csv", kind="survey", columns=columns)
    assert plan.ok, plan.messages("en")
    assert plan.summary["held_on"] == "2026-11-25" and plan.summary["items"] == ["FEAR1", "INT1"]
    apply_import(fresh_store, plan, EDITOR)
    assert fresh_store.read().execute(
        "SELECT question_code, COUNT(*), SUM(value >= 4) FROM survey_answers GROUP BY 1 ORDER BY 1"
    ).fetchall() == [("FEAR1", 3, 1), ("INT1", 3, 2)]


def test_saved_mappings_are_renamed_and_deleted(fresh_store):
    mid = mapping.save(fresh_store, "Gemini", "usage", GEMINI, ["User email", "Date", "Prompts"], actor=EDITOR)
    other = mapping.save(fresh_store, "BI", "usage", {"person": "Wie", "day": "Dag", "actions": "N"},
                         ["Wie", "Dag", "N"], actor=EDITOR)
    with pytest.raises(mapping.MappingProblem) as exc:
        mapping.rename(fresh_store, other, "Gemini", actor=EDITOR)
    assert exc.value.code == "name_taken"
    mapping.rename(fresh_store, mid, "Gemini for Workspace", actor=EDITOR)
    assert [m["name"] for m in mapping.saved(fresh_store.read())] == ["BI", "Gemini for Workspace"]
    mapping.delete(fresh_store, mid, actor=EDITOR)
    assert [m["name"] for m in mapping.saved(fresh_store.read())] == ["BI"]
    actions = [r[0] for r in fresh_store.read().execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["mapping.save", "mapping.save", "mapping.rename", "mapping.delete"]


def test_map_on_the_command_line_and_the_saved_mapping_applies_there(tmp_path, capsys):
    db = tmp_path / "cli.db"
    argv = ["import", str(NOV), "--db", str(db), "--lang", "en", "--kind", "usage",
            "--map", "person=User email", "--map", "day=Date", "--map", "actions=Prompts",
            "--mapping-name", "Gemini"]
    assert core_cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "gemini_usage_nov.csv: usage, 4 rows read, 3 people, 3 usage rows → batch 1" in out
    assert "Mapping 'Gemini' saved." in out
    assert core_cli.main(["import", str(DEC), "--db", str(db), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "gemini_usage_dec.csv: Mapping 'Gemini' applied." in out
    assert store.Store(db).read().execute("SELECT COUNT(*) FROM usage_daily").fetchone() == (5,)
    assert core_cli.main(["import", str(NOV), "--db", str(db), "--map", "person"]) == 2
    assert "write field=column" in capsys.readouterr().err


def test_a_template_kind_is_mapped_too(fresh_store):
    data = ("Mail;Wie;Dept;Rang\nj.jansen@example.nl;Jan;Verkoop;Medewerker\n"
            "p.pieters@example.nl;Piet;IT;Baas\n").encode()
    columns = {"email": "Mail", "name": "Wie", "department": "Dept", "level": "Rang"}
    plan = plan_import(fresh_store.read(), data, "hr.csv", kind="staff", columns=columns)
    # The same row/column checks as the template itself, under the file's own column names.
    assert plan.messages("en") == [
        "hr.csv, row 3, column 'Rang': 'Baas' is not valid. Expected: Management, Middle management, "
        "Employee or IT."]
    plan = plan_import(fresh_store.read(), data.replace(b"Baas", b"IT"), "hr.csv", kind="staff",
                       columns=columns)
    assert plan.ok and [s["department"] for s in plan.records["staff"]] == ["Verkoop", "IT"]
