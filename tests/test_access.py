"""Roles: every write in core/ checks the actor it is given; the audit log is append-only."""
import datetime as dt
import sqlite3

import pytest

from conftest import ADMIN, EDITOR, SYSTEM, VIEWER, build_small_company
from core import (access, demo, importers, pilots, privacy, settings, steering, store, surveys,
                  users)
from core import stakeholders as sh
from core.importers import templates

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def s(tmp_path):
    st = store.Store(tmp_path / "acl.db")
    build_small_company(st)
    yield st
    st.close()


def test_roles_are_ordered():
    assert access.ROLES == ("viewer", "editor", "admin")
    assert (VIEWER.can("viewer"), VIEWER.can("editor"), VIEWER.can("admin")) == (True, False, False)
    assert (EDITOR.can("viewer"), EDITOR.can("editor"), EDITOR.can("admin")) == (True, True, False)
    assert ADMIN.can("admin") and access.SYSTEM.can("admin") and access.LOCAL.can("admin")
    with pytest.raises(ValueError):
        access.Actor("x", "superuser")


def test_who_sees_notes():
    assert not VIEWER.may_see_notes
    assert access.Actor("d", "viewer", see_notes=True).may_see_notes
    assert EDITOR.may_see_notes and ADMIN.may_see_notes
    assert access.LOCAL.may_see_notes and access.SYSTEM.may_see_notes


@pytest.mark.parametrize("actor", ["app", "system", None, ("admin", "admin")])
def test_require_refuses_anything_that_is_not_an_actor(actor):
    with pytest.raises(access.PermissionDenied) as refused:
        access.require(actor, "viewer")
    assert refused.value.actor == actor and refused.value.needed == "viewer"
    assert "not a signed-in actor" in str(refused.value)


def test_permission_denied_names_actor_and_role():
    with pytest.raises(access.PermissionDenied) as refused:
        access.require(EDITOR, "admin")
    assert refused.value.actor is EDITOR and refused.value.needed == "admin"
    assert str(refused.value) == ("permission denied: 'eric.editor' (role editor) may not do "
                                  "what needs role admin")


def test_store_write_checks_the_role_before_it_begins(s):
    version = s.data_version()
    with pytest.raises(access.PermissionDenied):
        with s.write(VIEWER, action="x"):
            pytest.fail("the block must not run")
    with pytest.raises(access.PermissionDenied):
        with s.write("app"):
            pytest.fail("the block must not run")
    with pytest.raises(access.PermissionDenied):
        with s.write(EDITOR, role="admin"):
            pytest.fail("the block must not run")
    assert s.data_version() == version
    assert s.read().execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0
    with s.write(EDITOR, action="dept.add", entity="departments") as db:
        db.execute("INSERT INTO departments VALUES ('Inkoop')")
    assert s.read().execute("SELECT actor FROM audit_log").fetchall() == [("eric.editor",)]


def _plan(s):
    headers, example = templates.template_rows("staff", "en")
    text = ",".join(headers) + "\n" + ",".join(str(v) for v in example) + "\n"
    plan = importers.plan_import(s.read(), text.encode(), filename="staff.csv")
    assert plan.ok, plan.messages()
    return plan


def _measurement_id(s):
    return s.read().execute("SELECT MIN(id) FROM measurements").fetchone()[0]


def _grid(s):
    from core.filters import for_period

    rows = sh.bulk_rows(sh.bulk_frame(sh.people(s.read(), for_period("all", TODAY)), "en"), "en")
    rows[0].update(influence=1)
    return rows


def _item_id(s):
    return steering.add_item(s, {"held_on": "2026-11-20", "kind": "action", "text": "Plan",
                                 "owner": "Anna", "due_date": "2026-12-01"}, "en", EDITOR, today=TODAY)


# Every write function in core/, called with valid arguments for the small company.
EDITOR_WRITES = {
    "apply_import": lambda s, a: importers.apply_import(s, _plan(s), a, backup=False),
    "undo_batch": lambda s, a: importers.undo_batch(
        s, importers.apply_import(s, _plan(s), a if a.can("editor") else EDITOR, backup=False), a),
    "add_person": lambda s, a: sh.add_person(s, actor=a, display_name="Nina Groen",
                                             department="Verkoop", level="employee"),
    "record_assessment": lambda s, a: sh.record_assessment(
        s, actor=a, today=TODAY, employee_id="V1", assessed_on="2026-11-01", influence=3,
        attitude=1, category="supporter", assessed_by="PL"),
    "update_action": lambda s, a: sh.update_action(s, actor=a, assessment_id=1,
                                                   next_action="Koffie", action_owner="PL"),
    "bulk_update": lambda s, a: sh.bulk_update(s, actor=a, rows=_grid(s), assessed_on="2026-11-01",
                                               assessed_by="PL", today=TODAY),
    "record_measurements": lambda s, a: pilots.record_measurements(
        s, 1, [{"phase": "after", "measured_on": "2026-10-01", "minutes_per_unit": 100}],
        actor=a, today=TODAY),
    "import_pasted": lambda s, a: pilots.import_pasted(s, 1, "2026-10-01;after;100\n", actor=a,
                                                       today=TODAY),
    "update_measurement": lambda s, a: pilots.update_measurement(
        s, _measurement_id(s), {"phase": "baseline", "measured_on": "2026-05-01",
                                "minutes_per_unit": 470}, actor=a, today=TODAY),
    "delete_measurement": lambda s, a: pilots.delete_measurement(s, _measurement_id(s), actor=a),
    "save_use_case": lambda s, a: pilots.save_use_case(s, {"name": "Planning", "unit": "plan",
                                                           "status": "pilot"}, actor=a),
    "save_business_case": lambda s, a: pilots.save_business_case(
        s, 1, {"bc_minutes_per_unit": 120, "bc_saving": 0.5, "bc_units_per_month": 10}, actor=a),
    "create_wave": lambda s, a: surveys.create_wave(s, "Pulse 9", "2026-11-01", actor=a, today=TODAY),
    "add_item": lambda s, a: steering.add_item(s, {"held_on": "2026-11-20", "kind": "decision",
                                                   "text": "Go"}, "en", a, today=TODAY),
    "set_status": lambda s, a: steering.set_status(s, _item_id(s), "done", "en", a, today=TODAY),
}
ADMIN_WRITES = {
    "clear_data": lambda s, a: store.clear_data(s, a),
    "save_settings": lambda s, a: settings.save(s, a, {"session_timeout_minutes": 45}),
    "add_user": lambda s, a: users.add_user(s, a, "dirk", "viewer", password="0123456789"),
    "set_role": lambda s, a: users.set_role(s, a, "helper", "viewer"),
    "set_password": lambda s, a: users.set_password(s, a, "boss", "9876543210"),
    "remove_user": lambda s, a: users.remove_user(s, a, "helper"),
    "erase_person": lambda s, a: privacy.erase_person(s, a, "V1"),
    "prune_usage": lambda s, a: privacy.prune_usage(s, a, today=TODAY),
    "build_demo": lambda s, a: demo.build_demo(s, actor=a, end=TODAY),
}


def _with_users(s):
    users.add_user(s, ADMIN, "boss", "admin", password="0123456789")
    users.add_user(s, ADMIN, "helper", "editor", password="0123456789")
    with s.write(SYSTEM) as db:
        store.set_setting(db, "usage_retention_months", 1)


def _state(s):
    db = s.read()
    return (s.data_version(),
            db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM users").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM employees").fetchone()[0])


@pytest.mark.parametrize("name", sorted(EDITOR_WRITES) + sorted(ADMIN_WRITES))
def test_a_viewer_is_refused_on_every_write(s, name):
    _with_users(s)
    write = {**EDITOR_WRITES, **ADMIN_WRITES}[name]
    before = _state(s)
    with pytest.raises(access.PermissionDenied) as refused:
        write(s, VIEWER)
    assert refused.value.needed in ("editor", "admin")
    after = _state(s)
    # undo_batch and set_status are set up by an editor first; nothing else may have changed.
    assert after == before or name in ("undo_batch", "set_status")


@pytest.mark.parametrize("name", sorted(ADMIN_WRITES))
def test_an_editor_is_refused_on_admin_writes(s, name):
    _with_users(s)
    before = _state(s)
    with pytest.raises(access.PermissionDenied) as refused:
        ADMIN_WRITES[name](s, EDITOR)
    assert refused.value.needed == "admin"
    assert _state(s) == before


@pytest.mark.parametrize("name", sorted(EDITOR_WRITES))
def test_an_editor_may_do_every_editor_write(s, name):
    version = s.data_version()
    EDITOR_WRITES[name](s, EDITOR)
    assert s.data_version() > version


@pytest.mark.parametrize("name", ["clear_data", "save_settings", "add_user", "set_role",
                                  "set_password", "remove_user", "erase_person", "prune_usage"])
def test_an_admin_may_do_every_admin_write(s, name):
    _with_users(s)
    audit = s.read().execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    ADMIN_WRITES[name](s, ADMIN)
    assert s.read().execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] > audit


def test_an_editor_undoes_only_their_own_imports(s):
    other = access.Actor("olga", "editor")
    batch = importers.apply_import(s, _plan(s), other, backup=False)
    assert s.read().execute("SELECT imported_by FROM import_batches WHERE id = ?",
                            [batch]).fetchone() == ("olga",)
    with pytest.raises(access.PermissionDenied) as refused:
        importers.undo_batch(s, batch, EDITOR)
    assert refused.value.needed == "admin"
    assert s.read().execute("SELECT status FROM import_batches WHERE id = ?", [batch]).fetchone() == ("done",)
    importers.undo_batch(s, batch, other)
    assert s.read().execute("SELECT status FROM import_batches WHERE id = ?", [batch]).fetchone() == ("undone",)
    again = importers.apply_import(s, _plan(s), other, backup=False)
    importers.undo_batch(s, again, ADMIN)
    assert s.read().execute("SELECT actor FROM audit_log WHERE action = 'import.undo' "
                            "ORDER BY id").fetchall() == [("olga",), ("anna.admin",)]


def test_the_audit_log_refuses_update_and_delete(s):
    with s.write(EDITOR, action="thing.do", entity="employees", entity_id="V1", detail={"a": 1}):
        pass
    raw = sqlite3.connect(s.path)
    try:
        for sql in ("DELETE FROM audit_log",
                    "UPDATE audit_log SET actor = 'someone else'",
                    "UPDATE audit_log SET action = 'nothing'",
                    "UPDATE audit_log SET at = '2000-01-01'",
                    "UPDATE audit_log SET detail = '{\"a\": 2}'",
                    "UPDATE audit_log SET entity_id = 'V2'"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                raw.execute(sql)
        # An erasure may blank the detail and the entity id, nothing else.
        raw.execute("UPDATE audit_log SET detail = NULL, entity_id = NULL")
        raw.commit()
        assert raw.execute("SELECT actor, action, entity, entity_id, detail FROM audit_log").fetchall() == [
            ("eric.editor", "thing.do", "employees", None, None)]
    finally:
        raw.close()


def test_clearing_data_keeps_users_and_the_audit_log(s):
    _with_users(s)
    store.clear_data(s, ADMIN)
    db = s.read()
    assert db.execute("SELECT COUNT(*) FROM employees").fetchone()[0] == 0
    assert [u["name"] for u in users.list_users(db)] == ["boss", "helper"]
    assert db.execute("SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "anna.admin", "store.clear")


def test_a_nested_write_checks_its_own_role_and_audits(s):
    with pytest.raises(access.PermissionDenied):
        with s.write(EDITOR):
            with s.write(EDITOR, role="admin"):
                pass
    with s.write(SYSTEM):
        with s.write(EDITOR, action="inner.step"):
            pass
    assert s.read().execute("SELECT actor, action FROM audit_log").fetchall() == [
        ("eric.editor", "inner.step")]
