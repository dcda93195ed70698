"""AppTest: the Stakeholders page shows the demo's stakeholder map and records assessments through its form."""
import datetime as dt
import sqlite3

from apptest_helpers import metrics, raw_keys, run_app
from conftest import EDITOR

PAGE = "pages/stakeholders.py"


def open_page(monkeypatch, db_path, lang=None):
    at = run_app(monkeypatch, db_path, lang=lang)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def values(at):
    return {label: value for label, (value, _) in metrics(at).items()}


def employee_id(db_path, name):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT id FROM employees WHERE display_name = ?", [name]).fetchone()[0]


def rows(db_path, sql):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def test_dutch_view_of_the_demo(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db)
    assert values(at) == {
        "Sleutelkampioenen": "12", "Kritieke blokkeerders": "1", "Stille supporters": "5",
        "Mopperaars": "2", "Twijfelaars": "1", "Verschoven + / −": "6 / 0",
        "Herbeoordeling te laat": "2", "Niet beoordeeld": "9",
    }
    assert at.title[0].value == "Stakeholders · Demo Machinebouw B.V."
    assert any("21 beoordeeld · 9 niet beoordeeld" == c.value for c in at.caption)
    assert at.warning[0].value.startswith("9 personen in (midden)management zijn nooit beoordeeld")
    assert "Annelies de Boer" in at.info[0].value
    assert [t.label for t in at.tabs] == ["Invloed × houding", "Focuslijst", "Rollen (RACI + Influencer)",
                                          "Verloop", "Bijwerken"]
    assert raw_keys(at) == []


def test_english_view_a_level_filter_and_an_invalid_form(monkeypatch, demo_copy):
    at = open_page(monkeypatch, demo_copy, lang="en")
    shown = values(at)
    assert (shown["Key Champions"], shown["Critical Blockers"], shown["Silent Supporters"],
            shown["Grumblers"], shown["Undecided"], shown["Moved + / −"], shown["Overdue"],
            shown["Not assessed"]) == ("12", "1", "5", "2", "1", "6 / 0", "2", "9")
    assert "Informal leaders" in at.info[0].value
    assert raw_keys(at) == []
    # Middle management only: Sanne, Gerrit, Marieke, Joost champion; Jan Willem blocks; Dennis undecided.
    at.multiselect(key="sh_level").set_value(["middle_management"]).run()
    shown = values(at)
    assert (shown["Key Champions"], shown["Critical Blockers"], shown["Undecided"],
            shown["Not assessed"]) == ("4", "1", "1", "7")
    count = rows(demo_copy, "SELECT COUNT(*) FROM stakeholder_assessments")
    _fill_assessment(at, employee_id(demo_copy, "Ruud Peters"), on=dt.date(2026, 10, 30), influence=2,
                     attitude=-1, category="champion", by="PL")
    assert at.error[0].value == ("Not saved — nothing was changed:\n"
                                 "- Category: does not match the attitude (a champion is positive, "
                                 "an opponent negative).")
    assert rows(demo_copy, "SELECT COUNT(*) FROM stakeholder_assessments") == count
    assert raw_keys(at) == []


def _fill_assessment(at, person, **fields):
    at.selectbox(key="sh_assess_person").set_value(person).run()
    for key, value in fields.items():
        at.get_by_key(f"sh_assess_{key}").set_value(value)
    at.button(key="sh_assess_submit").click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_recording_an_assessment_through_the_form(monkeypatch, demo_copy):
    dennis = employee_id(demo_copy, "Dennis Kok")
    count = "SELECT COUNT(*) FROM stakeholder_assessments"
    before, audit = rows(demo_copy, count)[0][0], rows(demo_copy, "SELECT COUNT(*) FROM audit_log")[0][0]
    at = open_page(monkeypatch, demo_copy)
    shown = values(at)

    # Missing influence and assessor: a message naming both fields, and nothing changes.
    _fill_assessment(at, dennis, on=dt.date(2026, 10, 30), attitude=1, category="supporter")
    assert at.error[0].value.splitlines()[1:] == ["- Invloed (1–5): vul dit in.",
                                                  "- Beoordeeld door: vul dit in."]
    # A date in the future is refused too.
    _fill_assessment(at, dennis, on=dt.date.today() + dt.timedelta(days=3), influence=4,
                     by="Projectleider AI")
    assert "Beoordeeld op: mag niet in de toekomst liggen." in at.error[0].value
    assert values(at) == shown
    assert rows(demo_copy, count)[0][0] == before
    assert rows(demo_copy, "SELECT COUNT(*) FROM audit_log")[0][0] == audit
    assert raw_keys(at) == []

    _fill_assessment(at, dennis, on=dt.date(2026, 10, 30), action="Pilot werkinstructies")
    assert not at.error
    assert at.success[0].value == "Beoordeling van Dennis Kok opgeslagen."
    shown = values(at)
    # Dennis moves from undecided (3/0) to key champion (4/+1); his overdue assessment is renewed.
    assert (shown["Sleutelkampioenen"], shown["Twijfelaars"], shown["Verschoven + / −"],
            shown["Herbeoordeling te laat"]) == ("13", "0", "7 / 0", "1")
    assert rows(demo_copy, count)[0][0] == before + 1
    assert rows(demo_copy, f"SELECT influence, attitude, category, assessed_by, next_action, role_i "
                           f"FROM stakeholder_assessments WHERE employee_id = '{dennis}' "
                           f"ORDER BY id DESC LIMIT 1") == [(4, 1, "supporter", "Projectleider AI",
                                                            "Pilot werkinstructies", 1)]
    assert rows(demo_copy, "SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1") == [
        ("local", "stakeholder.assess")]
    # Never overwritten: Dennis has his first assessment and the new one.
    assert rows(demo_copy, f"SELECT COUNT(*) FROM stakeholder_assessments WHERE employee_id = '{dennis}'"
                ) == [(2,)]


def test_two_editors_of_one_next_action_no_lost_update(monkeypatch, demo_copy):
    from core import store
    from core import stakeholders as sh
    at = open_page(monkeypatch, demo_copy, lang="en")
    emp = employee_id(demo_copy, "Jan Willem Dekker")
    at.selectbox(key="sh_action_person").set_value(emp).run()
    (aid,) = rows(demo_copy, "SELECT id FROM stakeholder_assessments WHERE employee_id = "
                             f"'{emp}' ORDER BY assessed_on DESC, id DESC LIMIT 1")[0]
    # While this form is open, a colleague saves a different next action.
    s = store.Store(demo_copy)
    sh.update_action(s, actor=EDITOR, assessment_id=aid, next_action="Koffie met Jan Willem",
                     action_owner="HR", action_due="2026-12-01")
    s.close()
    at.text_input(key=f"sh_action_text_{aid}").input("Escaleren naar directie")
    at.button(key="sh_action_submit").click().run()
    assert not at.exception
    assert any("someone else changed this" in e.value for e in at.error)
    assert rows(demo_copy, f"SELECT next_action FROM stakeholder_assessments WHERE id = {aid}") == [
        ("Koffie met Jan Willem",)]


def test_the_focus_list_writes_attitudes_with_the_typographic_minus(monkeypatch, demo_db):
    at = open_page(monkeypatch, demo_db)
    focus = next(d.value for d in at.dataframe if "Houding" in d.value.columns
                 and "Volgende actie" in d.value.columns)
    shown = [v for v in focus["Houding"] if v]
    assert any(v.startswith("−") for v in shown) and any(v.startswith("+") for v in shown)
    assert not any("-" in v for v in shown)
