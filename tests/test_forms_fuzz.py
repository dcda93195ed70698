"""Fuzzing every form validator of Stakeholders, Pilots and Acceptance with hostile input.

Each call either stores exactly what it accepted (trimmed text without control
characters, within its length; numbers finite and in range; no impossible future date)
or raises the module's validation error and leaves every table of the store as it was.
"""
import datetime as dt
import math
import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import EDITOR, build_small_company
from core import pilots, store, surveys
from core import stakeholders as sh

TODAY = dt.date(2026, 10, 31)
FUZZ = settings(max_examples=30, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

HOSTILE = ["<script>alert(1)</script>", "**Bob** <b>x</b>", "[klik](javascript:alert(1))",
           "Robert'); DROP TABLE employees;--", "a\x00b", "a\x1b[31mred", "a\nb", "\u202eevil",
           "x" * 81, "x" * 501, "y" * 2001, " ", "", "$x$", ":red[x]"]
texts = st.one_of(
    st.text(max_size=20),                                       # includes control characters
    st.sampled_from(HOSTILE),
    st.builds(lambda ch, n: ch * n, st.characters(), st.integers(60, 2100)),   # very long
)
numbers = st.one_of(
    st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["7,5", "1.234,5", "nan", "inf", "-0", "1e400", "3", " 4 ", "−1", "abc"]),
    st.text(max_size=8),
)
dates = st.one_of(
    st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.sampled_from(["2026-10-01", "01-10-2026", "2099-01-01", "31-02-2026", "2026-11-01", "morgen"]),
    st.text(max_size=12),
)


@pytest.fixture(scope="module")
def s(tmp_path_factory):
    s = store.Store(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    build_small_company(s)
    yield s
    s.close()


def dump(s):
    """Every row of every table, as plain tuples."""
    with sqlite3.connect(s.path) as conn:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def clean_stored(value):
    """Stored text has no control character but newline and tab; stored numbers are finite."""
    if isinstance(value, str):
        assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value), value
        assert value == value.strip() or value[:1].isdigit(), value
    if isinstance(value, float):
        assert math.isfinite(value)


def attempt(s, call, error):
    """Run ``call``; on ``error`` the store must be unchanged; on success new rows must be clean."""
    before = dump(s)
    try:
        result = call()
    except error as refused:
        assert dump(s) == before
        assert refused.messages("nl") if hasattr(refused, "messages") else refused.message("nl")
        return False, None
    after = dump(s)
    for table, rows in after.items():
        if table in ("audit_log", "settings"):
            continue
        for row in set(rows) - set(before.get(table, [])):
            for value in row:
                clean_stored(value)
    return True, result


def one_line(value, limit):
    """What a one-line field stores when ``value`` is accepted."""
    return None if value is None or not str(value).strip() else str(value).strip()[:limit]


# ---------------------------------------------------------------- stakeholders

@FUZZ
@given(name=texts, department=st.sampled_from(["Verkoop", "IT", "Nergens", None]),
       level=st.sampled_from(["employee", "management", "baas", None]))
def test_add_person(s, name, department, level):
    ok, eid = attempt(s, lambda: sh.add_person(s, actor=EDITOR, display_name=name,
                                               department=department, level=level),
                      sh.ValidationError)
    if ok:
        row = s.read().execute("SELECT display_name, department, level FROM employees WHERE id = ?",
                               [eid]).fetchone()
        assert tuple(row) == (str(name).strip(), department, level)
        assert len(row[0]) <= sh.MAX_NAME


@FUZZ
@given(on=dates, influence=numbers, attitude=numbers, note=texts, by=texts, action=texts,
       owner=texts, due=dates)
def test_record_assessment(s, on, influence, attitude, note, by, action, owner, due):
    ok, aid = attempt(s, lambda: sh.record_assessment(
        s, actor=EDITOR, today=TODAY, employee_id="V1", assessed_on=on, influence=influence,
        attitude=attitude, category="neutral", roles=["r"], note=note, assessed_by=by,
        next_action=action, action_owner=owner, action_due=due), sh.ValidationError)
    if ok:
        row = s.read().execute(
            "SELECT assessed_on, influence, attitude, note, assessed_by, next_action, action_owner "
            "FROM stakeholder_assessments WHERE id = ?", [aid]).fetchone()
        assert row[0] <= TODAY.isoformat()
        assert 1 <= row[1] <= 5 and -1 <= row[2] <= 1
        assert row[3] == (None if not str(note).strip() else str(note).strip().replace("\r\n", "\n"))
        assert len(row[3] or "") <= sh.MAX_TEXT
        assert row[4:] == (one_line(by, sh.MAX_NAME), one_line(action, sh.MAX_TEXT),
                           one_line(owner, sh.MAX_NAME))


@FUZZ
@given(action=texts, owner=texts, due=dates)
def test_update_action(s, action, owner, due):
    aid = s.read().execute("SELECT max(id) FROM stakeholder_assessments").fetchone()[0]
    ok, _ = attempt(s, lambda: sh.update_action(s, actor=EDITOR, assessment_id=aid, next_action=action,
                                                action_owner=owner, action_due=due),
                    sh.ValidationError)
    if ok:
        row = s.read().execute("SELECT next_action, action_owner FROM stakeholder_assessments "
                               "WHERE id = ?", [aid]).fetchone()
        assert tuple(row) == (one_line(action, sh.MAX_TEXT), one_line(owner, sh.MAX_NAME))


@FUZZ
@given(influence=numbers, attitude=numbers, action=texts, owner=texts, due=dates, on=dates, by=texts)
def test_bulk_update(s, influence, attitude, action, owner, due, on, by):
    aid = s.read().execute("SELECT min(id) FROM stakeholder_assessments").fetchone()[0]
    rows = [{"assessment_id": aid, "influence": influence, "attitude": attitude,
             "category": "neutral", "next_action": action, "action_owner": owner, "action_due": due}]
    ok, result = attempt(s, lambda: sh.bulk_update(s, actor=EDITOR, rows=rows, assessed_on=on,
                                                   assessed_by=by, today=TODAY),
                         sh.ValidationError)
    if ok and result["new_assessments"]:
        row = s.read().execute("SELECT influence, attitude, assessed_on, assessed_by FROM "
                               "stakeholder_assessments ORDER BY id DESC LIMIT 1").fetchone()
        assert 1 <= row[0] <= 5 and -1 <= row[1] <= 1 and row[2] <= TODAY.isoformat()
        assert row[3] == one_line(by, sh.MAX_NAME)


# ---------------------------------------------------------------- pilots

def case_id(s):
    return s.read().execute("SELECT min(id) FROM use_cases").fetchone()[0]


@FUZZ
@given(on=dates, phase=st.sampled_from(["baseline", "na", "after", "<b>x</b>", None]),
       minutes=numbers, units=numbers, errors=numbers, note=texts)
def test_record_measurement(s, on, phase, minutes, units, errors, note):
    raw = {"measured_on": on, "phase": phase, "minutes_per_unit": minutes,
           "units_per_month": units, "errors_per_unit": errors, "note": note}
    ok, ids = attempt(s, lambda: pilots.record_measurements(s, case_id(s), [raw], today=TODAY, actor=EDITOR),
                      pilots.InvalidInput)
    if ok:
        row = s.read().execute("SELECT measured_on, minutes_per_unit, units_per_month, note "
                               "FROM measurements WHERE id = ?", ids).fetchone()
        assert row[0] <= TODAY.isoformat()
        assert 0 < row[1] <= pilots.NUMBER_MAX and (row[2] is None or 0 <= row[2] <= pilots.NUMBER_MAX)
        assert row[3] == one_line(note, pilots.NOTE_MAX)


@FUZZ
@given(cells=st.lists(st.one_of(texts, numbers.map(str), dates.map(str)), min_size=1, max_size=7),
       lines=st.integers(1, 3))
def test_paste_measurements(s, cells, lines):
    text = "\n".join(["\t".join(cells)] * lines)
    attempt(s, lambda: pilots.import_pasted(s, case_id(s), text, today=TODAY, actor=EDITOR), pilots.InvalidInput)


@FUZZ
@given(on=dates, minutes=numbers, note=texts)
def test_correct_measurement(s, on, minutes, note):
    mid = s.read().execute("SELECT max(id) FROM measurements WHERE phase = 'after'").fetchone()[0]
    raw = {"measured_on": on, "phase": "after", "minutes_per_unit": minutes, "note": note}
    attempt(s, lambda: pilots.update_measurement(s, mid, raw, today=TODAY, actor=EDITOR), pilots.InvalidInput)


@FUZZ
@given(name=texts, owner=texts, unit=texts, department=st.sampled_from(["Verkoop", "Nergens", None]),
       rate=numbers, start=dates, status=st.sampled_from(["pilot", "planned", "<i>x</i>", None]),
       edit=st.booleans())
def test_use_case(s, name, owner, unit, department, rate, start, status, edit):
    raw = {"name": name, "owner": owner, "unit": unit, "department": department,
           "hourly_rate": rate, "start_date": start, "status": status}
    uid = case_id(s) if edit else None
    ok, new = attempt(s, lambda: pilots.save_use_case(s, raw, use_case_id=uid, actor=EDITOR), pilots.InvalidInput)
    if ok:
        row = pilots.use_case(s.read(), new)
        assert (row["name"], row["owner"], row["unit"]) == (
            one_line(name, pilots.NAME_MAX), one_line(owner, pilots.NAME_MAX),
            one_line(unit, pilots.NAME_MAX))
        assert row["hourly_rate"] is None or 0 <= row["hourly_rate"] <= pilots.NUMBER_MAX


@FUZZ
@given(minutes=numbers, saving=numbers, units=numbers, licence=numbers)
def test_business_case(s, minutes, saving, units, licence):
    raw = {"bc_minutes_per_unit": minutes, "bc_saving": saving, "bc_units_per_month": units,
           "licence_cost_month": licence}
    ok, _ = attempt(s, lambda: pilots.save_business_case(s, case_id(s), raw, actor=EDITOR), pilots.InvalidInput)
    if ok:
        row = pilots.use_case(s.read(), case_id(s))
        assert 0 <= row["bc_saving"] <= 1 and 0 < row["bc_minutes_per_unit"] <= pilots.NUMBER_MAX


# ---------------------------------------------------------------- acceptance

@FUZZ
@given(name=texts, held_on=dates, invited=numbers)
def test_create_wave(s, name, held_on, invited):
    ok, wid = attempt(s, lambda: surveys.create_wave(s, name, held_on, invited, actor=EDITOR, today=TODAY),
                      surveys.SurveyInputError)
    if ok:
        row = s.read().execute("SELECT name, held_on, invited FROM surveys WHERE id = ?", [wid]).fetchone()
        assert row[0] == str(name).strip() and len(row[0]) <= surveys.MAX_NAME
        assert row[1] <= TODAY.isoformat()
        assert row[2] is None or 1 <= row[2] <= surveys.MAX_INVITED


def test_hostile_text_is_stored_as_typed_and_refused_text_names_the_field(s):
    eid = sh.add_person(s, actor=EDITOR, display_name="  **Bob** <script>x</script> ",
                        department="IT", level="employee")
    assert s.read().execute("SELECT display_name FROM employees WHERE id = ?",
                            [eid]).fetchone()[0] == "**Bob** <script>x</script>"
    with pytest.raises(sh.ValidationError) as caught:
        sh.add_person(s, actor=EDITOR, display_name="Bob\x00", department="IT", level="employee")
    assert caught.value.messages("en") == [
        "Name: contains invisible control characters; retype the text or paste it without formatting."]
    with pytest.raises(pilots.InvalidInput) as caught:
        pilots.save_business_case(s, case_id(s), {"bc_minutes_per_unit": "1e12", "bc_saving": 0.5,
                                                  "bc_units_per_month": "inf"}, actor=EDITOR)
    assert caught.value.messages("nl") == [
        "Huidige minuten per eenheid is buiten bereik (hoogstens 1.000.000.000).",
        "Eenheden per maand: 'inf' is geen getal."]
    with pytest.raises(surveys.SurveyInputError) as caught:
        surveys.create_wave(s, "Pulse\x07", "2026-10-01", today=TODAY, actor=EDITOR)
    assert caught.value.message("en") == (
        "Name: contains invisible control characters; retype the text or paste it without formatting.")
