"""The stakeholder map: placement, movement, overdue, warnings, playbook, exports and validated writes."""
import datetime as dt
import io
import json

import openpyxl
import pytest

from conftest import EDITOR, SYSTEM, add_employees
from core import i18n, kpis, store
from core.stakeholders import charts as stakeholder_charts
from core import stakeholders as sh
from core.filters import Filters

AS_OF = dt.date(2026, 10, 31)
TODAY = dt.date(2026, 11, 27)
F = Filters(as_of=AS_OF)


def _assess(db, eid, on, influence, attitude, category, **roles):
    db["stakeholder_assessments"].insert(dict(
        employee_id=eid, assessed_on=on, influence=influence, attitude=attitude,
        category=category, assessed_by="PL",
        **{f"role_{r}": int(v) for r, v in roles.items()}))


def build(s):
    """Six people in Verkoop and Productie with known assessments.

    Mia (management, A): 4/+1 → 5/+2, key champion, moved positive.
    Max (middle management): 4/0 → 4/−2, critical blocker, moved negative.
    Eva (employee, Influencer, early adopter): 2/+1 once, assessed 200 days before as_of: overdue.
    Ivo (IT): 3/0, undecided. Tom (employee, laggard): 1/−1, grumbler.
    P9 (middle management, no name) and Nan (named employee): never assessed.
    """
    with s.write(SYSTEM) as db:
        add_employees(db, [
            ("M1", "Verkoop", "management", "early_majority", None),
            ("M2", "Productie", "middle_management", "late_majority", None),
            ("E1", "Verkoop", "employee", "early_adopter", None),
            ("I1", "Productie", "it", "early_majority", None),
            ("T1", "Productie", "employee", "laggard", None),
            ("P9", "Productie", "middle_management", None, None),
            ("N1", "Verkoop", "employee", None, None),
            ("X1", "Verkoop", "employee", None, None),     # anonymous staff: not a stakeholder
        ])
        for eid, name in (("M1", "Mia"), ("M2", "Max"), ("E1", "Eva"), ("I1", "Ivo"),
                          ("T1", "Tom"), ("N1", "Nan")):
            db.execute("UPDATE employees SET display_name = ? WHERE id = ?", [name, eid])
        _assess(db, "M1", "2026-03-01", 4, 1, "supporter", a=1)
        _assess(db, "M1", "2026-09-01", 5, 2, "champion", a=1)
        _assess(db, "M2", "2026-03-01", 4, 0, "neutral", c=1)
        _assess(db, "M2", "2026-09-01", 4, -2, "opponent", c=1)
        _assess(db, "E1", (AS_OF - dt.timedelta(days=200)).isoformat(), 2, 1, "supporter", influencer=1)
        _assess(db, "I1", "2026-09-01", 3, 0, "neutral", r=1)
        _assess(db, "T1", "2026-09-01", 1, -1, "skeptic", i=1)
        # After as_of: not counted.
        _assess(db, "T1", "2026-11-15", 1, 2, "champion", i=1)


@pytest.fixture
def s(fresh_store):
    build(fresh_store)
    return fresh_store


def _snapshot(s):
    db = s.read()
    return (db.execute("SELECT COUNT(*) FROM stakeholder_assessments").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM employees").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
            s.data_version(),
            db.execute("SELECT group_concat(coalesce(next_action, '-')) FROM stakeholder_assessments").fetchone()[0])


# ---------------------------------------------------------------- placement

def test_quadrant_boundaries():
    assert sh.HIGH_INFLUENCE_MIN == kpis.HIGH_INFLUENCE_MIN == 3
    assert sh.quadrant(3, 1) == "key_champions"
    assert sh.quadrant(2, 1) == "silent_supporters"
    assert sh.quadrant(3, -1) == "critical_blockers"
    assert sh.quadrant(2, -1) == "grumblers"
    assert sh.quadrant(5, 0) == "undecided" and sh.quadrant(1, 0) == "undecided"
    assert sh.quadrant(None, 1) is None


def test_movement_and_overdue_boundaries():
    assert sh.movement(0, 1) == "positive"
    assert sh.movement(1, -2) == "negative"
    assert sh.movement(1, 1) is None and sh.movement(None, 2) is None
    edge = (AS_OF - dt.timedelta(days=183)).isoformat()
    assert not sh.is_overdue(edge, AS_OF, 183)                   # exactly 183 days: not yet
    assert sh.is_overdue((AS_OF - dt.timedelta(days=184)).isoformat(), AS_OF, 183)
    assert not sh.is_overdue(None, AS_OF, 183)


def test_people_are_placed_from_their_latest_assessment(s):
    persons = {p["label"]: p for p in sh.people(s.read(), F)}
    assert sorted(persons) == ["Eva", "Ivo", "Max", "Mia", "Nan", "P9", "Tom"]
    assert persons["Mia"]["quadrant"] == "key_champions" and persons["Mia"]["moved"] == "positive"
    assert persons["Mia"]["previous"]["quadrant"] == "key_champions"
    assert persons["Max"]["quadrant"] == "critical_blockers" and persons["Max"]["moved"] == "negative"
    assert persons["Max"]["quadrant_changed"]
    assert persons["Tom"]["quadrant"] == "grumblers"                # the November row is after as_of
    assert persons["Eva"]["overdue"] and persons["Eva"]["age_days"] == 200
    assert persons["P9"]["quadrant"] is None and persons["Nan"]["quadrant"] is None


def test_counts_agree_with_the_overview(s):
    c = sh.counts(sh.people(s.read(), F))
    assert c == {"key_champions": 1, "critical_blockers": 1, "silent_supporters": 1, "grumblers": 1,
                 "undecided": 1, "assessed": 5, "not_assessed": 2, "overdue": 1,
                 "moved_positive": 1, "moved_negative": 1, "quadrant_changed": 1,
                 "unassessed_high_influence": 1}
    health = kpis.stakeholders(s.read(), F)
    for place in sh.PLACES:
        assert c[place] == health[place]
    assert (c["overdue"], c["moved_positive"], c["moved_negative"]) == (
        health["overdue"], health["improved"], health["declined"])


def test_page_filters(s):
    db = s.read()
    assert [p["label"] for p in sh.people(db, F, levels=("middle_management",))] == ["Max", "P9"]
    assert [p["label"] for p in sh.people(db, F, categories=("opponent", "skeptic"))] == ["Max", "Tom"]
    assert [p["label"] for p in sh.people(db, F, roles=("a", "influencer"))] == ["Eva", "Mia"]
    assert [p["label"] for p in sh.people(db, Filters(AS_OF, departments=("Verkoop",)))] == ["Eva", "Mia", "Nan"]


def test_summary_json(s):
    out = sh.summary_json(s.read(), F)
    assert json.loads(json.dumps(out)) == out
    assert out == {"stakeholder_detail": {
        "key_champions": 1, "critical_blockers": 1, "silent_supporters": 1, "grumblers": 1,
        "undecided": 1, "assessed": 5, "moved_positive": 1, "moved_negative": 1, "overdue": 1,
        "unassessed_high_influence": 1}}


def test_summary_json_on_the_demo(demo_db):
    db = store.Store(demo_db).read()
    f = Filters(as_of=kpis.data_as_of(db))
    assert sh.summary_json(db, f)["stakeholder_detail"] == {
        "key_champions": 12, "critical_blockers": 1, "silent_supporters": 5, "grumblers": 2,
        "undecided": 1, "assessed": 21, "moved_positive": 6, "moved_negative": 0, "overdue": 2,
        "unassessed_high_influence": 9}


# ---------------------------------------------------------------- warnings and playbook

def test_warnings(s):
    found = {w["code"]: w["people"] for w in sh.warnings(s.read(), F)}
    assert found == {"unassessed_high_influence": ["P9"], "influencer_low_level": ["Eva"]}
    # Verkoop has no Accountable of its own, but the project has one: no warning.
    verkoop = {w["code"] for w in sh.warnings(s.read(), Filters(AS_OF, departments=("Verkoop",)))}
    assert verkoop == {"influencer_low_level"}


def test_missing_accountable_and_influencer_are_warned(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [("A1", "IT", "employee", None, None)])
        _assess(db, "A1", "2026-09-01", 2, 1, "supporter", r=1)
    codes = [w["code"] for w in sh.warnings(fresh_store.read(), F)]
    assert codes == ["no_accountable", "no_influencer"]


def test_playbook_choice():
    pb = lambda *a: sh.suggested_action(*a).rsplit(".", 1)[1]  # noqa: E731
    assert pb("critical_blockers", "skeptic", "middle_management", "late_majority", 4) == "blocker_middle"
    assert pb("critical_blockers", "opponent", "management", None, 5) == "blocker_management"
    assert pb("critical_blockers", "opponent", "employee", None, 3) == "blocker_opponent"
    assert pb("critical_blockers", "skeptic", "employee", None, 3) == "blocker_employee"
    assert pb("key_champions", "champion", "middle_management", "early_adopter", 5) == "champion_early_adopter"
    assert pb("key_champions", "supporter", "management", "early_majority", 4) == "champion_management"
    assert pb("silent_supporters", "champion", "employee", "innovator", 2) == "supporter_early_adopter"
    assert pb("grumblers", "skeptic", "employee", "laggard", 1) == "grumbler_late"
    assert pb("grumblers", "skeptic", "employee", "early_majority", 1) == "grumbler"
    assert pb("undecided", "neutral", "it", None, 3) == "undecided_it"
    assert pb("undecided", "neutral", "it", None, 2) == "undecided_low"
    assert pb(None, None, "management", None, None) == "unassessed"
    text = i18n.t(sh.suggested_action("critical_blockers", "skeptic", "middle_management", None, 4), "en")
    assert "redundant" in text and "role changes" in text


def test_focus_list_puts_the_top_row_first(s):
    order = [p["label"] for p in sh.focus_list(sh.people(s.read(), F))]
    # high influence by influence (Mia 5, Max 4, Ivo 3), then low (Eva 2, Tom 1), then not assessed.
    assert order == ["Mia", "Max", "Ivo", "Eva", "Tom", "P9", "Nan"]


def test_timeline_keeps_every_assessment(s):
    path = sh.timeline(s.read(), "M2")
    assert [(h["assessed_on"], h["quadrant"], h["moved"]) for h in path] == [
        ("2026-03-01", "undecided", None), ("2026-09-01", "critical_blockers", "negative")]
    assert len(sh.timeline(s.read(), "T1", AS_OF)) == 1 and len(sh.timeline(s.read(), "T1")) == 2


# ---------------------------------------------------------------- export

def test_focus_list_exports(s):
    frame = sh.focus_frame(sh.people(s.read(), F), "nl")
    csv = sh.to_csv(frame, "nl")
    assert csv.startswith("\ufeff".encode()) and b"Naam;Kwadrant" in csv
    assert "Mia;Sleutelkampioenen;5;2" in csv.decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(sh.to_excel(sh.focus_frame(sh.people(s.read(), F), "en"))))
    rows = list(book.active.values)
    assert rows[0][:3] == ("Row", "Name", "Quadrant")
    assert rows[1][:5] == ("Top row", "Mia", "Key Champions", 5, 2)
    assert rows[-1][1] == "Nan" and rows[-1][3] is None      # not assessed: listed, no score


# ---------------------------------------------------------------- canvas

def test_canvas_layout_is_deterministic_and_never_stacks_two_people(s):
    persons = sh.people(s.read(), F)
    points, arrows = stakeholder_charts.layout(persons)
    assert len(points) == 5
    assert len({(round(p["x"], 6), round(p["y"], 6)) for p in points}) == 5
    # Mia moved 4/+1 → 5/+2 and Max 4/0 → 4/−2: two arrows; Tom's later row is not shown.
    assert sorted(a["employee_id"] for a in arrows) == ["M1", "M2"]
    assert stakeholder_charts.layout(list(reversed(persons))) == (points, arrows)


def test_people_sharing_a_score_are_stacked_apart():
    persons = [{"employee_id": f"E{i}", "label": f"Person {i}", "quadrant": "key_champions",
                "influence": 4, "attitude": 1, "previous": None} for i in range(9)]
    points, _ = stakeholder_charts.layout(persons)
    spots = {(round(p["x"], 6), round(p["y"], 6)) for p in points}
    assert len(spots) == 9
    assert all(3.5 < y < 4.5 and 0.5 < x < 1.5 for x, y in spots)    # all inside their cell


def test_canvas_spec_has_labels_arrows_and_translated_quadrants(s):
    persons = sh.people(s.read(), F)
    spec = json.dumps(stakeholder_charts.canvas(persons, "en", sh.counts(persons)).to_dict(), ensure_ascii=False)
    assert "Key Champions · 1" in spec and "Critical Blockers · 1" in spec
    assert '"Mia"' in spec and stakeholder_charts.HEAD_PATH in spec and "scale('x'" in spec
    nl = json.dumps(stakeholder_charts.canvas(persons, "nl").to_dict(), ensure_ascii=False)
    assert "Kritieke blokkeerders" in nl and "Tegenstander" in nl


# ---------------------------------------------------------------- writes

def _good(**change):
    values = dict(employee_id="N1", assessed_on=dt.date(2026, 10, 30), influence=3, attitude=1,
                  category="supporter", roles=["i", "influencer"], note="Eerste gesprek",
                  assessed_by="Projectleider", next_action="Koffie", action_owner="PL",
                  action_due=dt.date(2026, 11, 30))
    values.update(change)
    return values


def test_record_assessment_adds_a_row_and_an_audit_entry(s):
    before = _snapshot(s)
    new_id = sh.record_assessment(s, actor=EDITOR, today=TODAY, **_good())
    db = s.read()
    row = db.execute("SELECT employee_id, assessed_on, influence, attitude, category, role_i, "
                     "role_influencer, role_a, action_due FROM stakeholder_assessments WHERE id = ?",
                     [new_id]).fetchone()
    assert row == ("N1", "2026-10-30", 3, 1, "supporter", 1, 1, 0, "2026-11-30")
    audit = db.execute("SELECT actor, action, entity, entity_id, detail FROM audit_log "
                       "ORDER BY id DESC LIMIT 1").fetchone()
    assert audit[:4] == (EDITOR.name, "stakeholder.assess", "stakeholder_assessments", str(new_id))
    assert json.loads(audit[4])["influence"] == 3
    assert s.data_version() == before[3] + 1
    assert sh.counts(sh.people(db, F))["key_champions"] == 2


def test_a_new_assessment_never_overwrites_the_previous(s):
    sh.record_assessment(s, actor=EDITOR, today=TODAY, **_good(employee_id="M2", influence=4,
                                                           attitude=1, category="supporter"))
    path = sh.timeline(s.read(), "M2")
    assert [(h["attitude"], h["moved"]) for h in path] == [(0, None), (-2, "negative"), (1, "positive")]


@pytest.mark.parametrize("change, field, code", [
    ({"influence": 6}, "influence", "range"),
    ({"influence": None}, "influence", "required"),
    ({"attitude": 3}, "attitude", "range"),
    ({"attitude": 1.5}, "attitude", "range"),
    ({"category": "hero"}, "category", "choice"),
    ({"category": "champion", "attitude": -1}, "category", "category_attitude"),
    ({"assessed_on": dt.date(2026, 11, 28)}, "assessed_on", "future"),
    ({"assessed_on": "31-02-2026"}, "assessed_on", "bad_date"),
    ({"assessed_by": "  "}, "assessed_by", "required"),
    ({"employee_id": None}, "person", "required"),
    ({"employee_id": "nobody"}, "person", "choice"),
    ({"roles": ["x"]}, "roles", "choice"),
    ({"action_due": dt.date(2026, 10, 1)}, "action_due", "due_before_assessment"),
    ({"note": "x" * 501}, "note", "too_long"),
])
def test_invalid_assessment_changes_nothing(s, change, field, code):
    before = _snapshot(s)
    with pytest.raises(sh.ValidationError) as caught:
        sh.record_assessment(s, actor=EDITOR, today=TODAY, **_good(**change))
    assert [(p.field, p.code) for p in caught.value.problems] == [(field, code)]
    assert _snapshot(s) == before


def test_validation_messages_name_the_field_in_both_languages(s):
    with pytest.raises(sh.ValidationError) as caught:
        sh.record_assessment(s, actor=EDITOR, today=TODAY, **_good(influence=9, assessed_by=""))
    assert caught.value.messages("nl") == [
        "Invloed (1–5): kies een geheel getal van 1 tot en met 5.", "Beoordeeld door: vul dit in."]
    assert caught.value.messages("en") == [
        "Influence (1–5): choose a whole number from 1 to 5.", "Assessed by: this is required."]


def test_add_person(s):
    eid = sh.add_person(s, actor=EDITOR, display_name="  Nina Groen ", department="Verkoop",
                        level="middle_management")
    db = s.read()
    assert eid == "E0002"                                     # after the store's E1
    assert db.execute("SELECT display_name, department, level, segment FROM employees WHERE id = ?",
                      [eid]).fetchone() == ("Nina Groen", "Verkoop", "middle_management", None)
    assert db.execute("SELECT action, entity, entity_id FROM audit_log ORDER BY id DESC LIMIT 1"
                      ).fetchone() == ("stakeholder.person_add", "employees", "E0002")
    # A new (middle) manager without an assessment is warned about at once.
    assert "Nina Groen" in {w["code"]: w["people"] for w in sh.warnings(db, F)}["unassessed_high_influence"]


def test_add_person_rejects_bad_input_and_changes_nothing(s):
    before = _snapshot(s)
    with pytest.raises(sh.ValidationError) as caught:
        sh.add_person(s, actor=EDITOR, display_name="mia", department="Nowhere", level="boss")
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("department", "choice"), ("level", "choice"), ("display_name", "name_taken")]
    assert _snapshot(s) == before


def test_update_action_changes_only_the_action(s):
    aid = sh.people(s.read(), F)[3]["assessment_id"]          # Mia's latest
    sh.update_action(s, actor=EDITOR, assessment_id=aid, next_action="Businesscase delen",
                     action_owner="PL", action_due="2026-12-01")
    row = s.read().execute("SELECT influence, attitude, next_action, action_owner, action_due "
                           "FROM stakeholder_assessments WHERE id = ?", [aid]).fetchone()
    assert row == (5, 2, "Businesscase delen", "PL", "2026-12-01")
    assert s.read().execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "stakeholder.action_update",)
    before = _snapshot(s)
    with pytest.raises(sh.ValidationError):
        sh.update_action(s, actor=EDITOR, assessment_id=aid, action_due="2026-01-01")   # before assessment
    assert _snapshot(s) == before


def _grid(s):
    return sh.bulk_rows(sh.bulk_frame(sh.people(s.read(), F), "en"), "en")


def test_bulk_update_inserts_new_scores_and_edits_actions(s):
    rows = _grid(s)
    by_name = {r["name"]: r for r in rows}
    by_name["Tom"].update(attitude=1, category="supporter")      # re-assessed: a new row
    by_name["Ivo"]["next_action"] = "Use case AVG uitwerken"      # only the action: edited in place
    result = sh.bulk_update(s, actor=EDITOR, rows=rows, assessed_on="2026-10-30",
                            assessed_by="Stuurgroep", today=TODAY)
    assert result == {"new_assessments": 1, "actions_updated": 1}
    persons = {p["label"]: p for p in sh.people(s.read(), F)}
    assert persons["Tom"]["quadrant"] == "silent_supporters" and persons["Tom"]["moved"] == "positive"
    assert persons["Tom"]["assessed_by"] == "Stuurgroep" and persons["Tom"]["roles"] == ["i"]
    assert persons["Ivo"]["next_action"] == "Use case AVG uitwerken"
    assert len(sh.timeline(s.read(), "I1")) == 1
    assert s.read().execute("SELECT COUNT(*) FROM audit_log WHERE action = 'stakeholder.bulk_update'"
                            ).fetchone() == (1,)


def test_bulk_update_with_one_bad_row_changes_nothing(s):
    rows = _grid(s)
    rows[0]["next_action"] = "Changed"
    rows[2]["influence"] = 7
    before = _snapshot(s)
    with pytest.raises(sh.ValidationError) as caught:
        sh.bulk_update(s, actor=EDITOR, rows=rows, assessed_on="2026-10-30", assessed_by="PL", today=TODAY)
    assert caught.value.messages("en") == ["Row 3: Influence (1–5): choose a whole number from 1 to 5."]
    assert _snapshot(s) == before


def test_bulk_update_needs_a_date_and_assessor_for_new_scores(s):
    rows = _grid(s)
    rows[0]["influence"] = 1
    before = _snapshot(s)
    with pytest.raises(sh.ValidationError) as caught:
        sh.bulk_update(s, actor=EDITOR, rows=rows, assessed_on=None, assessed_by="", today=TODAY)
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("assessed_on", "required"), ("assessed_by", "required")]
    assert _snapshot(s) == before


def test_a_second_editor_is_told_instead_of_overwriting(s):
    person = sh.people(s.read(), F)[3]
    aid = person["assessment_id"]
    opened = (person["next_action"], person["action_owner"], person["action_due"])
    # Someone else saves first ...
    sh.update_action(s, actor=EDITOR, assessment_id=aid, next_action="Gesprek plannen",
                     action_owner="HR", action_due="2026-12-01", expected=opened)
    before = _snapshot(s)
    # ... then the second editor saves on what they saw when their form opened.
    with pytest.raises(sh.ValidationError) as error:
        sh.update_action(s, actor=EDITOR, assessment_id=aid, next_action="Iets anders",
                         action_owner="PL", action_due="2026-12-02", expected=opened)
    assert error.value.problems[0].code == "changed_meanwhile"
    assert "someone else changed this" in error.value.messages("en")[0]
    assert _snapshot(s) == before


def test_a_bulk_edit_over_a_change_made_meanwhile_is_refused(s):
    opened = sh.bulk_opened(sh.people(s.read(), F))
    rows = _grid(s)
    by_name = {r["name"]: r for r in rows}
    # Someone else edits Ivo's next action after this table opened ...
    sh.update_action(s, actor=EDITOR, assessment_id=by_name["Ivo"]["assessment_id"],
                     next_action="Gesprek met IT", action_owner="HR", action_due="2026-12-01")
    before = _snapshot(s)
    # ... and this editor changes the same person's next action in the table.
    by_name["Ivo"]["next_action"] = "Use case AVG uitwerken"
    with pytest.raises(sh.ValidationError) as error:
        sh.bulk_update(s, actor=EDITOR, rows=rows, opened=opened, today=TODAY)
    assert [(p.code, p.row) for p in error.value.problems] == [
        ("changed_meanwhile", rows.index(by_name["Ivo"]) + 1)]
    assert _snapshot(s) == before
    # Rows nobody else touched still save.
    opened = sh.bulk_opened(sh.people(s.read(), F))
    rows = _grid(s)
    next(r for r in rows if r["name"] == "Eva")["next_action"] = "Demo geven"
    assert sh.bulk_update(s, actor=EDITOR, rows=rows, opened=opened, today=TODAY) == {
        "new_assessments": 0, "actions_updated": 1}
