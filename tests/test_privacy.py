"""Privacy: an erased person leaves no trace in any table; an access request holds everything."""
import datetime as dt
import json
import re
import sqlite3
import threading

import numpy as np
import pytest

from conftest import ADMIN, EDITOR, SYSTEM, add_employees, build_small_company
from core import access, privacy, store
from core import stakeholders as sh
from core.importers.common import SECRET_KEY, pseudonym

SECRET = "0" * 64
EMAIL = "vera.vos@example.com"
PID = pseudonym(SECRET, EMAIL)           # the pseudonym an import gives this address
NAME = "Vera Vos"
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def s(tmp_path):
    st = store.Store(tmp_path / "privacy.db")
    build_small_company(st)
    with st.write(SYSTEM) as db:
        store.set_setting(db, SECRET_KEY, SECRET)
        add_employees(db, [(PID, "Verkoop", "employee", "early_majority", "2026-01-01")])
        db.execute("UPDATE employees SET display_name = ? WHERE id = ?", [NAME, PID])
        db["usage_daily"].insert_all(
            {"employee_id": e, "day": d, "tool": "Copilot", "actions": 3}
            for e in (PID, "V0") for d in ("2026-10-05", "2026-10-13"))
        store.refresh_usage_weekly(db)
        tid = db["trainings"].insert({"title": "Prompting", "held_on": "2026-09-01"}).last_pk
        db["training_attendance"].insert_all({"training_id": tid, "employee_id": e} for e in (PID, "V0"))
        db["training_requests"].insert({"requested_on": "2026-09-02", "employee_id": PID,
                                        "department": "Verkoop", "topic": "Excel + Copilot"})
        wave = db.execute("SELECT id FROM surveys WHERE name = 'Pulse 2'").fetchone()[0]
        rid = db["survey_respondents"].insert({"survey_id": wave, "respondent": PID,
                                               "department": "Verkoop", "employee_id": PID}).last_pk
        db["survey_answers"].insert_all([{"respondent_id": rid, "question_code": "INT1", "value": 5},
                                         {"respondent_id": rid, "question_code": "NPS1", "value": 9}])
        db["import_changes"].insert_all([
            {"batch_id": 1, "tbl": "usage_daily", "key": json.dumps([PID, "2026-10-05", "Copilot"]),
             "before": json.dumps({"actions": 1, "minutes": None, "batch_id": None})},
            {"batch_id": 1, "tbl": "employees", "key": json.dumps(["P3"]),
             "before": json.dumps({"display_name": NAME})},
            {"batch_id": 1, "tbl": "usage_daily", "key": json.dumps(["V0", "2026-10-05", "Copilot"]),
             "before": json.dumps({"actions": 1, "minutes": None, "batch_id": None})},
        ])
        db["meeting_items"].insert({"meeting_id": db["meetings"].insert({"held_on": "2026-10-01"}).last_pk,
                                    "kind": "action", "text": f"Vraag {NAME.lower()} om een demo",
                                    "owner": NAME})
        # Every other free-text column that can name her (MENTION_COLUMNS), and look-alikes
        # that are other words ("Vera Vossen") and must stay.
        uid = db["use_cases"].insert({"name": f"Mailassistent {NAME}", "owner": NAME, "unit": "mail",
                                      "status": "pilot"}).last_pk
        db["measurements"].insert_all([
            {"use_case_id": uid, "phase": "baseline", "measured_on": "2026-09-01",
             "minutes_per_unit": 10, "units_per_month": 5, "note": f"Gemeten door {NAME.upper()}."},
            {"use_case_id": uid, "phase": "after", "measured_on": "2026-10-01",
             "minutes_per_unit": 5, "units_per_month": 5, "note": "Gemeten door Vera Vossen"}])
        other = db.execute("SELECT r.id FROM survey_respondents r JOIN surveys s ON s.id = r.survey_id "
                           "WHERE s.name = 'Pulse 2' ORDER BY r.id LIMIT 1").fetchone()[0]
        db["survey_answers"].insert({"respondent_id": other, "question_code": "OPEN1",
                                     "text": f"Ik leer veel van {NAME}, en van Vera Vossen"})
        db["suggestions"].insert({"submitted_on": "2026-10-03", "department": "Verkoop",
                                  "title": f"Idee van {NAME}: sjablonen"})
        db["training_requests"].insert({"requested_on": "2026-09-03", "employee_id": "V0",
                                        "department": "Verkoop", "topic": f"Samen met {NAME} oefenen"})
        db["trainings"].insert({"title": f"Workshop door {NAME}", "held_on": "2026-09-20"})
    sh.record_assessment(st, actor=EDITOR, today=TODAY, employee_id=PID, assessed_on="2026-10-01",
                         influence=4, attitude=-1, category="skeptic", assessed_by="PL",
                         note="Twijfelt over privacy")
    sh.record_assessment(st, actor=EDITOR, today=TODAY, employee_id="V0", assessed_on="2026-10-02",
                         influence=5, attitude=2, category="champion", assessed_by="PL",
                         note=f"Kan {NAME} overtuigen", next_action=f"Lunch met {NAME}")
    with st.write(SYSTEM) as db:
        db.execute("UPDATE stakeholder_assessments SET action_owner = ?, assessed_by = ? "
                   "WHERE employee_id = 'V0' AND note IS NOT NULL", [NAME, f"{NAME} en PL"])
    with st.write(EDITOR, action="stakeholder.person_edit", entity="employees", entity_id=PID,
                  detail={"display_name": NAME}):
        pass
    yield st
    st.close()


def _cells(db):
    """Every (table, column, value) of the store, every table included."""
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        cur = db.execute(f'SELECT * FROM "{table}"')
        cols = [c[0] for c in cur.description]
        for row in cur.fetchall():
            for col, value in zip(cols, row):
                yield table, col, value


def _word(needle):
    """``needle`` as whole words, ignoring case: "Vera Vos" is not found in "Vera Vossen"."""
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)


def _traces(db, *needles):
    patterns = [_word(n) for n in needles]
    return sorted({(t, c) for t, c, v in _cells(db) if isinstance(v, str)
                   and any(p.search(v) for p in patterns)})


def test_the_fixture_holds_the_person_everywhere(s):
    traces = set(_traces(s.read(), PID, NAME))
    required = {
        ("audit_log", "detail"), ("audit_log", "entity_id"), ("employees", "display_name"),
        ("employees", "id"), ("import_changes", "before"), ("import_changes", "key"),
        ("meeting_items", "owner"), ("meeting_items", "text"),
        ("stakeholder_assessments", "employee_id"), ("stakeholder_assessments", "next_action"),
        ("stakeholder_assessments", "note"), ("stakeholder_assessments", "action_owner"),
        ("stakeholder_assessments", "assessed_by"), ("survey_respondents", "employee_id"),
        ("survey_respondents", "respondent"), ("training_attendance", "employee_id"),
        ("training_requests", "employee_id"), ("training_requests", "topic"),
        ("usage_daily", "employee_id"), ("usage_series", "employee_id"),
        ("use_cases", "name"), ("use_cases", "owner"), ("measurements", "note"),
        ("survey_answers", "text"), ("suggestions", "title"), ("trainings", "title")}
    # Every free-text column erasure scrubs is filled, so "no trace" below is a real test.
    assert {(t, c) for t, cols in privacy.MENTION_COLUMNS.items() for c in cols} <= traces
    assert traces >= required
    # Any other place is a usage rollup (rebuilt on erasure).
    assert all(table.startswith("usage_") for table, _ in traces - required)


def test_erasure_leaves_no_trace_in_any_table(s):
    db = s.read()
    answers = db.execute("SELECT COUNT(*) FROM survey_answers").fetchone()[0]
    counts = privacy.erase_person(s, ADMIN, PID)
    assert {k: v for k, v in counts.items() if k == "usage_daily" or not k.startswith("usage_")} == {
        "usage_daily": 2, "survey_respondents": 1, "stakeholder_assessments": 2,
        "training_attendance": 1, "training_requests": 2, "import_changes": 2, "meeting_items": 1,
        "audit_log": 2, "employees": 1, "use_cases": 1, "measurements": 1, "survey_answers": 1,
        "suggestions": 1, "trainings": 1}
    assert _traces(db, PID, NAME) == []
    # Deleted content is overwritten in the file, not only unlinked, and not left in the WAL.
    data = s.path.read_bytes()
    wal = s.path.with_name(s.path.name + "-wal")
    data += wal.read_bytes() if wal.exists() else b""
    assert PID.encode() not in data
    assert re.search(rb"(?i)vera vos(?![a-z])", data) is None
    # Survey answers stay (anonymous), other people's rows stay.
    assert db.execute("SELECT COUNT(*) FROM survey_answers").fetchone()[0] == answers
    assert db.execute("SELECT COUNT(*) FROM usage_daily WHERE employee_id = 'V0'").fetchone()[0] == 3
    (blob,) = db.execute("SELECT actions FROM usage_series WHERE tool = '' AND employee_id = 'V0'").fetchone()
    assert np.frombuffer(blob, dtype="<i4").sum() == 10
    assert db.execute("SELECT COUNT(*) FROM employees").fetchone()[0] == 26
    assert db.execute("SELECT note, next_action FROM stakeholder_assessments WHERE employee_id = 'V0' "
                      "ORDER BY id DESC").fetchone() == ("Kan […] overtuigen", "Lunch met […]")
    assert db.execute("SELECT text, owner FROM meeting_items").fetchone() == ("Vraag […] om een demo", "[…]")
    assert db.execute("SELECT action_owner, assessed_by FROM stakeholder_assessments "
                      "WHERE employee_id = 'V0' ORDER BY id DESC").fetchone() == ("[…]", "[…] en PL")
    assert db.execute("SELECT name, owner FROM use_cases WHERE unit = 'mail'").fetchone() == (
        "Mailassistent […]", "[…]")
    # Whole words only: "Vera Vossen" is someone else and stays.
    assert db.execute("SELECT note FROM measurements WHERE note IS NOT NULL ORDER BY id").fetchall() == [
        ("Gemeten door […].",), ("Gemeten door Vera Vossen",)]
    assert db.execute("SELECT text FROM survey_answers WHERE question_code = 'OPEN1'").fetchall() == [
        ("Ik leer veel van […], en van Vera Vossen",)]
    assert db.execute("SELECT title FROM suggestions").fetchall() == [("Idee van […]: sjablonen",)]
    assert db.execute("SELECT topic FROM training_requests").fetchall() == [("Samen met […] oefenen",)]
    assert db.execute("SELECT title FROM trainings ORDER BY id").fetchall() == [
        ("Prompting",), ("Workshop door […]",)]


def test_the_erasure_is_audited_without_the_erased_data(s):
    counts = privacy.erase_person(s, ADMIN, PID)
    entry = s.read().execute("SELECT actor, action, entity, entity_id, detail FROM audit_log "
                             "ORDER BY id DESC LIMIT 1").fetchone()
    assert entry[:4] == ("anna.admin", "person.erase", "employees", None)
    assert json.loads(entry[4]) == counts
    # The earlier entry about the person keeps who did what, without whom it was about.
    assert s.read().execute("SELECT actor, action, entity_id, detail FROM audit_log "
                            "WHERE action = 'stakeholder.person_edit'").fetchone() == (
        "eric.editor", "stakeholder.person_edit", None, None)


def test_an_erased_address_cannot_be_tied_to_its_answers_again(s):
    privacy.erase_person(s, ADMIN, PID)
    db = s.read()
    assert privacy.find_people(db, EMAIL) == []
    respondents = db.execute("SELECT respondent FROM survey_respondents WHERE respondent LIKE 'r-%'").fetchall()
    assert len(respondents) == 1 and len(respondents[0][0]) == 26


def test_erasure_is_for_admins_and_needs_a_known_person(s):
    with pytest.raises(access.PermissionDenied):
        privacy.erase_person(s, EDITOR, PID)
    with pytest.raises(access.InputError) as refused:
        privacy.erase_person(s, ADMIN, "nobody")
    assert refused.value.key == "access.error.person_unknown"
    assert refused.value.message("en") == "No one found for nobody."
    assert _traces(s.read(), PID)


def test_person_record_holds_every_row(s):
    record = privacy.person_record(s.read(), PID)
    assert (record["employee_id"], record["display_name"]) == (PID, NAME)
    counts = {t: len(rows) for t, rows in record["tables"].items()}
    # Every table referencing people is listed (usage rollups included, whatever they are).
    assert {t for t, _ in privacy.person_columns(s.read())} <= set(counts)
    assert {t: n for t, n in counts.items() if t == "usage_daily" or not t.startswith("usage_")} == {
        "employees": 1, "usage_daily": 2, "training_attendance": 1, "training_requests": 2,
        "stakeholder_assessments": 2, "survey_respondents": 1, "survey_answers": 3, "trainings": 2,
        "meeting_items": 1, "import_changes": 2, "audit_log": 2, "use_cases": 1, "measurements": 1,
        "suggestions": 1, "licence_holders": 0}
    # The access request lists every row erasure would touch (the same places, the same rows).
    mentioned = {t: len(rows) for t, rows in record["tables"].items()
                 if t in privacy.MENTION_COLUMNS and rows}
    assert mentioned == {"stakeholder_assessments": 2, "meeting_items": 1, "use_cases": 1,
                         "measurements": 1, "survey_answers": 3, "suggestions": 1,
                         "training_requests": 2, "trainings": 2}
    assert "Gemeten door Vera Vossen" not in privacy.person_json(record).decode()
    assert counts["usage_series"] == 2          # all tools, and Copilot
    own = record["tables"]["survey_respondents"][0]["id"]
    assert {a["question_code"]: a["value"] for a in record["tables"]["survey_answers"]
            if a["respondent_id"] == own} == {"INT1": 5, "NPS1": 9}
    # …and someone else's open answer that names her.
    assert [a["text"] for a in record["tables"]["survey_answers"] if a["respondent_id"] != own] == [
        f"Ik leer veel van {NAME}, en van Vera Vossen"]
    assert record["tables"]["usage_daily"][0] == {"employee_id": PID, "day": "2026-10-05",
                                                  "tool": "Copilot", "actions": 3, "minutes": None,
                                                  "batch_id": None}
    assert json.loads(privacy.person_json(record))["tables"]["employees"][0]["display_name"] == NAME
    # Nothing of V0's own rows, only the one that names the person.
    assert [r["employee_id"] for r in record["tables"]["stakeholder_assessments"]] == [PID, "V0"]


def test_find_people_by_id_pseudonym_and_name(s):
    db = s.read()
    assert [(p["employee_id"], p["match"]) for p in privacy.find_people(db, PID.upper())] == [(PID, "id")]
    assert [(p["employee_id"], p["match"]) for p in privacy.find_people(db, " Vera.Vos@Example.com ")] == [
        (PID, "pseudonym")]
    assert [(p["employee_id"], p["match"]) for p in privacy.find_people(db, "vera vos")] == [(PID, "name")]
    assert [p["match"] for p in privacy.find_people(db, "vos")] == ["name_part"]
    assert privacy.find_people(db, "  ") == []
    assert privacy.resolve_person(db, "vos") == PID
    with s.write(SYSTEM) as w:
        w.execute("UPDATE employees SET display_name = 'Vos, Jan' WHERE id = 'V2'")
    with pytest.raises(access.InputError) as refused:
        privacy.resolve_person(db, "vos")
    assert refused.value.key == "access.error.person_ambiguous" and refused.value.params["n"] == 2
    assert privacy.resolve_person(db, "Vera Vos") == PID           # an exact match wins


def test_retention_prunes_raw_rows_and_keeps_the_rollups(fresh_store):
    s = fresh_store
    with s.write(SYSTEM) as db:
        add_employees(db, [("A", "IT", "it", None, "2026-01-01"), ("B", "IT", "it", None, "2026-01-01")])
        db["usage_daily"].insert_all({"employee_id": e, "day": d, "tool": "Copilot", "actions": 2}
                                     for e in "AB" for d in ("2026-06-03", "2026-08-19", "2026-08-24",
                                                             "2026-11-02"))
        store.refresh_usage_weekly(db)
        db["import_changes"].insert({"batch_id": 1, "tbl": "usage_daily",
                                     "key": json.dumps(["A", "2026-06-03", "Copilot"]), "before": "{}"})
    series = s.read().execute("SELECT * FROM usage_series ORDER BY tool, employee_id").fetchall()
    assert privacy.prune_usage(s, ADMIN, today=TODAY) == 0          # 0 months: keep everything
    with s.write(SYSTEM) as db:
        store.set_setting(db, "usage_retention_months", 3)
    # 27 Nov − 3 months = 27 Aug, a Thursday: whole weeks go, so the cutoff is Monday 24 Aug.
    assert privacy.retention_cutoff(3, TODAY) == dt.date(2026, 8, 24)
    with pytest.raises(access.PermissionDenied):
        privacy.prune_usage(s, EDITOR, today=TODAY)
    assert privacy.prune_usage(s, ADMIN, today=TODAY) == 4
    db = s.read()
    assert db.execute("SELECT DISTINCT day FROM usage_daily ORDER BY day").fetchall() == [
        ("2026-08-24",), ("2026-11-02",)]
    assert db.execute("SELECT * FROM usage_series ORDER BY tool, employee_id").fetchall() == series
    assert db.execute("SELECT COUNT(*) FROM import_changes").fetchone()[0] == 0
    assert store.get_setting(db, privacy.PRUNED_SETTING) == "2026-08-24"
    assert db.execute("SELECT actor, action, detail FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "anna.admin", "usage.prune", '{"months": 3, "before": "2026-08-24", "rows": 4}')


def test_retention_cutoff_clamps_to_the_month_end():
    # 31 May − 3 months = 28 Feb 2027 (a Sunday) → Monday 22 Feb.
    assert privacy.retention_cutoff(3, dt.date(2027, 5, 31)) == dt.date(2027, 2, 22)
    assert privacy.retention_cutoff(12, dt.date(2026, 1, 15)) == dt.date(2025, 1, 13)
    assert privacy.retention_cutoff(0, dt.date(2026, 1, 15)) is None


def test_erasure_scrubs_whole_words_only(fresh_store):
    s = fresh_store
    with s.write(SYSTEM) as db:
        add_employees(db, [("J1", "IT", "it", None, "2026-01-01"), ("A1", "IT", "it", None, "2026-01-01")])
        db.execute("UPDATE employees SET display_name = 'Jan' WHERE id = 'J1'")
        db.execute("UPDATE employees SET display_name = 'Åsa Öberg' WHERE id = 'A1'")
        mid = db["meetings"].insert({"held_on": "2026-01-05"}).last_pk
        db["meeting_items"].insert_all([
            {"meeting_id": mid, "kind": "action", "text": "Januari: jan belt Marjan (JAN)", "owner": "Jan"},
            {"meeting_id": mid, "kind": "decision", "text": "ÅSA ÖBERG en åsa öbergs team"},
            {"meeting_id": mid, "kind": "decision", "text": "Planning januari"}])
    record = privacy.person_record(s.read(), "J1")
    assert [r["id"] for r in record["tables"]["meeting_items"]] == [1]
    assert privacy.erase_person(s, ADMIN, "J1") == {"meeting_items": 1, "employees": 1}
    privacy.erase_person(s, ADMIN, "A1")
    assert s.read().execute("SELECT text, owner FROM meeting_items ORDER BY id").fetchall() == [
        ("Januari: […] belt Marjan ([…])", "[…]"),
        ("[…] en åsa öbergs team", None),
        ("Planning januari", None)]


def test_erasure_of_a_demo_person_leaves_no_trace(demo_copy):
    s = store.Store(demo_copy)
    db = s.read()
    name = db.execute("SELECT display_name FROM employees WHERE id = 'E0017'").fetchone()[0]
    assert name == "Sanne de Vries"
    assert ("use_cases", "owner") in _traces(db, name)
    privacy.erase_person(s, ADMIN, "E0017")
    assert _traces(db, "E0017", name) == []
    s.close()


def test_the_wal_holds_no_erased_rows_after_readers_let_go(s):
    # A reader on an older snapshot keeps a checkpoint busy; erase_person retries until it
    # has finished, so no copy of the erased rows stays in the -wal file.
    started, release = threading.Event(), threading.Event()

    def reader():
        conn = sqlite3.connect(s.path)
        conn.execute("BEGIN")
        conn.execute("SELECT COUNT(*) FROM employees").fetchone()
        started.set()
        release.wait(5)
        conn.execute("COMMIT")
        conn.close()

    t = threading.Thread(target=reader)
    t.start()
    started.wait(5)
    threading.Timer(0.3, release.set).start()
    privacy.erase_person(s, ADMIN, PID)
    t.join()
    wal = s.path.with_name(s.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_checkpoint_reports_a_reader_that_does_not_let_go(s):
    with s.write(SYSTEM) as db:
        db.execute("UPDATE employees SET display_name = 'X' WHERE id = 'V1'")
    conn = sqlite3.connect(s.path)
    conn.execute("BEGIN")
    conn.execute("SELECT COUNT(*) FROM employees").fetchone()
    with s.write(SYSTEM) as db:
        db.execute("UPDATE employees SET display_name = 'Y' WHERE id = 'V1'")
    assert s.checkpoint(attempts=2, wait_ms=20) is False
    conn.execute("COMMIT")
    conn.close()
    assert s.checkpoint() is True
    assert s.path.with_name(s.path.name + "-wal").stat().st_size == 0
