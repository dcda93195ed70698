"""Survey deep dive: statistics against hand-computed values, and the anonymity rules."""
import csv
import datetime as dt
import io
import json

import pytest

from conftest import EDITOR, SYSTEM, add_employees, build_small_company
from core import kpis, store, surveys
from core.filters import Filters

AS_OF = dt.date(2026, 10, 31)


def view(*departments):
    return Filters(as_of=AS_OF, departments=tuple(sorted(departments)))


def add_respondents(db, wave_id, rows):
    """Insert respondents given as (department, level, employee_id, {code: value or text})."""
    for n, (dept, level, employee, answers) in enumerate(rows):
        rid = db["survey_respondents"].insert(
            {"survey_id": wave_id, "respondent": f"w{wave_id}-{n}", "department": dept,
             "level": level, "employee_id": employee}).last_pk
        db["survey_answers"].insert_all(
            {"respondent_id": rid, "question_code": code,
             "value": None if isinstance(v, str) else v, "text": v if isinstance(v, str) else None}
            for code, v in answers.items())


@pytest.fixture
def four_departments(fresh_store):
    """Verkoop 12 (8 agree), Productie 9 (3 agree), IT 4, Directie 2: one wave, N = 5."""
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"x-{d}", d, "employee", None, None)
                           for d in ("Verkoop", "Productie", "IT", "Directie")])
        wave = db["surveys"].insert({"name": "W1", "held_on": "2026-10-01"}).last_pk
        rows = ([("Verkoop", "employee", None, {"INT1": 4 if i < 8 else 2, "TRU1": 3})
                 for i in range(12)]
                + [("Productie", "employee", None, {"INT1": 5 if i < 3 else 1, "TRU1": 3})
                   for i in range(9)]
                + [("IT", "it", None, {"INT1": 4, "TRU1": 3}) for i in range(4)]
                + [("Directie", "management", None, {"INT1": 4, "TRU1": 3}) for i in range(2)])
        add_respondents(db, wave, rows)
    return fresh_store, wave


# ---------------------------------------------------------------- statistics

def test_wilson_interval_by_hand():
    # 8 of 10, z = 1.96: centre (0.8 + 0.19208) / 1.38416 = 0.71674,
    # half 1.96 · √(0.016 + 0.009604) / 1.38416 = 0.22658.
    low, high = kpis.wilson_interval(8, 10, z=1.96)
    assert low == pytest.approx(0.49016, abs=1e-4)
    assert high == pytest.approx(0.94332, abs=1e-4)


def test_two_proportion_test_by_hand():
    # 20/40 vs 30/40: pooled 0.625, se √(0.625·0.375·(2/40)) = 0.108253, z = 2.3094, p = 0.0209.
    assert kpis.two_proportion_p(20, 40, 30, 40) == pytest.approx(0.02092, abs=1e-4)
    change = kpis.wave_change(
        kpis.SurveyFigure(0.5, 40, 20, None, None, "a"), kpis.SurveyFigure(0.75, 40, 30, None, None, "b"))
    assert change["delta"] == pytest.approx(0.25) and change["significant"] is True


def test_cronbach_alpha_by_hand():
    # Item variances 1 and 1/3, total variance 7/3: α = 2 · (1 − (4/3)/(7/3)) = 6/7.
    assert surveys.cronbach_alpha([[1, 2], [2, 3], [3, 3]]) == pytest.approx(6 / 7)
    assert surveys.cronbach_alpha([[1, 2]]) is None                 # one respondent
    assert surveys.cronbach_alpha([[3, 3], [3, 3]]) is None         # no spread


def test_cronbach_alpha_in_sql_matches_the_formula(fresh_store):
    rows = [[1, 2], [2, 3], [3, 3], [4, 4], [5, 4], [2, 1]]
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [("x", "Verkoop", "employee", None, None)])
        wave = db["surveys"].insert({"name": "W", "held_on": "2026-10-01"}).last_pk
        add_respondents(db, wave, [("Verkoop", None, None, {"PU1": a, "PU2": b}) for a, b in rows])
    usefulness = next(c for c in surveys.construct_scores(fresh_store.read(), view(), wave)
                      if c["construct"] == "usefulness")
    assert usefulness["alpha"] == pytest.approx(surveys.cronbach_alpha(rows))
    assert usefulness["alpha_n"] == 6
    # Score = mean of the item means: (17/6 + 17/6) / 2.
    assert usefulness["score"] == pytest.approx(17 / 6)


def test_enps_and_fear_per_wave_by_hand(fresh_store):
    build_small_company(fresh_store)
    trend = surveys.fear_enps_trend(fresh_store.read(), view())
    latest = trend[-1]
    # Promoters: 10 (Verkoop, 9) + 4 (IT, 10); detractors: 11 (Productie, 6); n = 25.
    assert latest["enps"].value == pytest.approx(100 * (14 - 11) / 25)
    assert latest["fear"].value == pytest.approx(5 / 25)
    assert trend[0]["enps"].value is None                      # wave 1 asked only INT1


def test_acceptance_by_wave_with_change_and_response_rate(fresh_store):
    build_small_company(fresh_store)
    waves = surveys.acceptance_by_wave(fresh_store.read(), view())
    assert [w["wave"] for w in waves] == ["Pulse 1", "Pulse 2"]
    assert waves[0]["value"] == pytest.approx(5 / 25) and waves[0]["change"] is None
    assert waves[1]["value"] == pytest.approx(22 / 25) and waves[1]["n"] == 25
    assert waves[1]["change"]["significant"] is True
    # No invited count entered: no response rate, never respondents / the staff list.
    assert waves[1]["response_rate"] is None
    with fresh_store.write(SYSTEM) as db:
        db.execute("UPDATE surveys SET invited = 40 WHERE name = 'Pulse 2'")
    waves = surveys.acceptance_by_wave(fresh_store.read(), view())
    assert waves[1]["response_rate"] == pytest.approx(25 / 40)
    assert surveys.acceptance_by_wave(fresh_store.read(), view("Verkoop"))[1][
        "response_rate"] is None                                  # invited is the company's


def test_item_distribution_sorted_by_favourable_share(four_departments):
    s, wave = four_departments
    items = surveys.item_results(s.read(), view(), wave)
    assert [i["code"] for i in items[:2]] == ["INT1", "TRU1"]
    int1 = items[0]
    # Agree: 8 + 3 + 4 + 2 = 17 of 27; disagree: 4 Verkoop (2) + 6 Productie (1) = 10.
    assert int1["n"] == 27
    assert int1["favourable"] == pytest.approx(17 / 27)
    assert int1["unfavourable"] == pytest.approx(10 / 27)
    assert int1["neutral"] == 0
    assert items[1]["neutral"] == 1.0


# ---------------------------------------------------------------- anonymity

def test_small_departments_are_hidden_together(four_departments):
    s, wave = four_departments
    cells = {c["group"]: c for c in surveys.heatmap(s.read(), view(), wave)
             if c["code"] == "INT1"}
    # IT (4) and Directie (2) hide; together 6 ≥ 5, so Productie (9) may show.
    assert cells["IT"]["hidden"] and cells["Directie"]["hidden"]
    assert cells["IT"]["value"] is None and cells["IT"]["n"] is None
    assert not cells["Productie"]["hidden"] and cells["Productie"]["value"] == pytest.approx(3 / 9)
    assert cells["Verkoop"]["value"] == pytest.approx(8 / 12)


def test_one_hidden_department_hides_the_next_smallest(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"x-{d}", d, "employee", None, None) for d in ("A", "B", "C")])
        wave = db["surveys"].insert({"name": "W", "held_on": "2026-10-01"}).last_pk
        add_respondents(db, wave, [(d, None, None, {"INT1": 4})
                                   for d, n in (("A", 20), ("B", 7), ("C", 3)) for _ in range(n)])
    cells = {c["group"]: c["hidden"] for c in surveys.heatmap(fresh_store.read(), view(), wave)
             if c["code"] == "INT1"}
    assert cells == {"A": False, "B": True, "C": True}


def test_filters_cannot_reveal_a_small_department_by_difference(four_departments):
    s, wave = four_departments
    db = s.read()

    def shown(*depts):
        return surveys.acceptance_by_wave(db, view(*depts))[0]["value"] is not None

    assert shown() and shown("Verkoop") and shown("Productie") and shown("Productie", "Verkoop")
    # Any selection with a hidden department is hidden, so "all" − "all but IT" shows nothing.
    assert not shown("IT") and not shown("IT", "Verkoop") and not shown("Directie", "IT")
    assert not shown("Directie", "Productie", "Verkoop")
    # The item table and JSON follow the same rule.
    assert [i["hidden"] for i in surveys.item_results(db, view("IT", "Verkoop"), wave)
            if i["code"] in ("INT1", "TRU1")] == [True, True]
    assert surveys.summary_json(db, view("IT", "Verkoop"))["acceptance_by_wave"][0] == {
        "wave": "W1", "value": None, "n": None, "ci_low": None, "ci_high": None, "suppressed": True}


def test_level_cell_hidden_when_it_differs_from_a_department_by_few(fresh_store):
    # Level "it" = the 6 IT people + 1 in Verkoop: "it" minus department IT is one person.
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"x-{d}", d, "employee", None, None) for d in ("Verkoop", "IT")])
        wave = db["surveys"].insert({"name": "W", "held_on": "2026-10-01"}).last_pk
        add_respondents(db, wave, [("Verkoop", "employee", None, {"INT1": 4})] * 20
                        + [("Verkoop", "it", None, {"INT1": 1})]
                        + [("IT", "it", None, {"INT1": 4})] * 6)
    db = fresh_store.read()
    depts = {c["group"]: c["hidden"] for c in surveys.heatmap(db, view(), wave) if c["code"] == "INT1"}
    levels = {c["group"]: c["hidden"] for c in surveys.heatmap(db, view(), wave, "level")
              if c["code"] == "INT1"}
    assert depts == {"Verkoop": False, "IT": False}
    assert levels["it"] is True
    # "employee" (20) lies inside Verkoop (21): Verkoop minus it is that same one person.
    assert levels["employee"] is True


def test_segments_via_employee_link_with_suppression(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        staff = ([(f"e{i}", "Verkoop", "employee", "early_majority", None) for i in range(10)]
                 + [(f"l{i}", "Verkoop", "employee", "late_majority", None) for i in range(8)]
                 + [(f"a{i}", "Verkoop", "employee", "early_adopter", None) for i in range(2)])
        add_employees(db, staff)
        wave = db["surveys"].insert({"name": "W", "held_on": "2026-10-01"}).last_pk
        add_respondents(db, wave, [("Verkoop", "employee", e[0], {"INT1": 4 if e[0][0] != "l" else 2})
                                   for e in staff])
    rows = {r["segment"]: r for r in surveys.by_segment(fresh_store.read(), view(), wave)}
    # Early adopters (2) hide, and with them the next-smallest, the late majority (8).
    assert rows["early_adopter"]["hidden"] and rows["late_majority"]["hidden"]
    assert rows["early_majority"]["value"] == 1.0 and rows["early_majority"]["n"] == 10
    assert rows["early_majority"]["ci_low"] == pytest.approx(kpis.wilson_interval(10, 10)[0])


def test_open_answers_need_ten_and_come_without_department(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"x-{d}", d, "employee", None, None) for d in ("A", "B")])
        wave = db["surveys"].insert({"name": "W", "held_on": "2026-10-01"}).last_pk
        add_respondents(db, wave, [("A", None, None, {"OPEN1": f"idee {i}"}) for i in range(12)]
                        + [("B", None, None, {"OPEN1": f"B-idee {i}"}) for i in range(6)])
    db = fresh_store.read()
    everyone = surveys.open_answers(db, view(), wave)
    assert everyone["n"] == 18 and not everyone["hidden"]
    assert everyone["texts"] == surveys.open_answers(db, view(), wave)["texts"]   # same order
    assert everyone["texts"] != sorted(everyone["texts"])                        # but shuffled
    # B has 6 answers (< 10): hidden, and with it A, or "all" − "A" would show B's answers.
    assert surveys.open_answers(db, view("B"), wave)["hidden"]
    assert surveys.open_answers(db, view("A"), wave)["hidden"]


def test_everything_hidden_below_the_minimum_for_the_whole_company(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [("x", "A", "employee", None, None)])
        wave = db["surveys"].insert({"name": "W", "held_on": "2026-10-01"}).last_pk
        add_respondents(db, wave, [("A", None, None, {"INT1": 4})] * 4)
    db = fresh_store.read()
    assert surveys.acceptance_by_wave(db, view())[0]["suppressed"] is True
    assert all(c["hidden"] for c in surveys.heatmap(db, view(), wave))


def test_minimum_setting_is_honoured_but_never_below_three(four_departments):
    s, wave = four_departments
    with s.write(SYSTEM) as db:
        store.set_setting(db, "min_group_size", "2")
    cells = {c["group"]: c["hidden"] for c in surveys.heatmap(s.read(), view(), wave)
             if c["code"] == "INT1"}
    # Minimum 3: Directie (2) hides, and IT (4) with it.
    assert cells == {"Verkoop": False, "Productie": False, "IT": True, "Directie": True}


# ---------------------------------------------------------------- advice

def test_advice_for_weak_constructs_and_segments(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        staff = [(f"l{i}", "Verkoop", "employee", "late_majority", None) for i in range(10)]
        add_employees(db, staff)
        wave = db["surveys"].insert({"name": "W", "held_on": "2026-10-01"}).last_pk
        add_respondents(db, wave, [("Verkoop", "employee", e[0],
                                    {"INT1": 2, "COM1": 2, "PU1": 5, "FEAR1": 5}) for e in staff])
    keys = [a["key"] for a in surveys.advice(fresh_store.read(), view(), wave)]
    assert keys == ["construct.transparency", "fear.general", "fear.late_majority",
                    "segment.late_majority"]


# ---------------------------------------------------------------- waves

def test_create_wave_writes_once_with_audit(fresh_store):
    wave_id = surveys.create_wave(fresh_store, " Pulse 7 ", "2026-10-01", "40", actor=EDITOR,
                                  today=AS_OF)
    db = fresh_store.read()
    assert db.execute("SELECT name, held_on, invited FROM surveys WHERE id = ?",
                      [wave_id]).fetchone() == ("Pulse 7", "2026-10-01", 40)
    action = db.execute("SELECT actor, action, entity_id, detail FROM audit_log").fetchall()[-1]
    assert action[:3] == (EDITOR.name, "survey.create", str(wave_id))
    assert json.loads(action[3])["name"] == "Pulse 7"


@pytest.mark.parametrize("name, held_on, invited, field, key", [
    ("", "2026-10-01", None, "name", "acceptance.error.required"),
    ("x" * 81, "2026-10-01", None, "name", "acceptance.error.too_long"),
    ("P", None, None, "held_on", "acceptance.error.required"),
    ("P", "1-10-2026", None, "held_on", "acceptance.error.date"),
    ("P", "2026-11-01", None, "held_on", "acceptance.error.future"),
    ("P", "2026-10-01", 2.5, "invited", "acceptance.error.whole"),
    ("P", "2026-10-01", "veel", "invited", "acceptance.error.whole"),
    ("P", "2026-10-01", 0, "invited", "acceptance.error.range"),
    ("pulse 1", "2026-10-02", None, "name", "acceptance.error.duplicate"),
    ("Other", "2026-09-01", None, "held_on", "acceptance.error.same_day"),
])
def test_bad_wave_input_names_the_field_and_changes_nothing(fresh_store, name, held_on, invited,
                                                            field, key):
    surveys.create_wave(fresh_store, "Pulse 1", "2026-09-01", today=AS_OF, actor=EDITOR)
    version = fresh_store.data_version()
    with pytest.raises(surveys.SurveyInputError) as err:
        surveys.create_wave(fresh_store, name, held_on, invited, today=AS_OF, actor=EDITOR)
    assert (err.value.field, err.value.key) == (field, key)
    assert fresh_store.data_version() == version
    assert fresh_store.read().execute("SELECT COUNT(*) FROM surveys").fetchone()[0] == 1
    assert err.value.message("nl").startswith({"name": "Naam", "held_on": "Peildatum",
                                               "invited": "Aantal uitgenodigd"}[field] + ":")
    assert err.value.message("en").startswith({"name": "Name", "held_on": "Wave date",
                                               "invited": "Number invited"}[field] + ":")


def test_wave_list_counts_respondents_and_default_wave_skips_empty_ones(fresh_store):
    build_small_company(fresh_store)
    surveys.create_wave(fresh_store, "Pulse 3", "2026-10-30", 26, today=AS_OF, actor=EDITOR)
    db = fresh_store.read()
    listed = surveys.wave_list(db, view())
    assert [(w["name"], w["respondents"]) for w in listed] == [
        ("Pulse 3", 0), ("Pulse 2", 25), ("Pulse 1", 25)]
    assert listed[1]["response_rate"] is None                      # no invited count entered
    assert surveys.default_wave(db, view()) == listed[1]["id"]


# ---------------------------------------------------------------- questionnaire and JSON

def test_questionnaire_csv_in_both_languages(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [("x", "Verkoop", "employee", None, None)])
    db = fresh_store.read()
    nl = list(csv.reader(io.StringIO(surveys.questionnaire_csv(db, "nl").decode("utf-8-sig")),
                         delimiter=";"))
    assert nl[0] == ["Nr.", "Code", "Vraag", "Type", "Antwoordopties", "Verplicht"]
    assert len(nl) == 1 + 2 + 12
    assert nl[1][:3] == ["1", "DEPT", "Afdeling"] and nl[1][4] == "Verkoop"
    assert nl[3] == ["3", "INT1", "[INT1] Ik wil de AI-tools blijven gebruiken.", "Likert",
                     "Helemaal oneens; Oneens; Neutraal; Eens; Helemaal eens", "Ja"]
    en = list(csv.reader(io.StringIO(surveys.questionnaire_csv(db, "en").decode("utf-8-sig"))))
    assert en[3][2] == "[INT1] I want to keep using the AI tools."
    assert en[-1][1:4] == ["OPEN1", "[OPEN1] What would make AI more useful for your work?", "Text"]


def test_questionnaire_xlsx_text_and_html(fresh_store):
    from openpyxl import load_workbook

    db = fresh_store.read()
    ws = load_workbook(io.BytesIO(surveys.questionnaire_xlsx(db, "en"))).active
    assert ws["C5"].value == "[PU1] The AI tools help me complete tasks faster."
    text = surveys.questionnaire_text(db, "nl")
    assert "3. [INT1] Ik wil de AI-tools blijven gebruiken.\n   Helemaal oneens\n" in text
    page = surveys.questionnaire_html(db, "nl")
    assert page.startswith("<!doctype html>") and 'lang="nl"' in page
    assert "Ik maak me zorgen dat AI mijn baan overbodig maakt." in page
    assert "[FEAR1]" not in page                     # the printed page shows the code apart


def test_summary_json_shape(fresh_store):
    build_small_company(fresh_store)
    out = surveys.summary_json(fresh_store.read(), view())
    assert list(out) == ["acceptance_by_wave"]
    assert out["acceptance_by_wave"][1] == {"wave": "Pulse 2", "value": 0.88, "n": 25,
                                            "ci_low": 0.7004, "ci_high": 0.9583,
                                            "suppressed": False}
    json.dumps(out)
