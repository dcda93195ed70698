"""core.settings: defaults, clamping, all-or-nothing saves with the bad value named, admins only."""
import pytest

from conftest import ADMIN, EDITOR
from core import access, settings, store


def test_defaults_and_clamping(fresh_store):
    db = fresh_store.read()
    assert settings.value(db, "session_timeout_minutes") == 30
    with fresh_store.write(ADMIN) as w:
        store.set_setting(w, "min_group_size", "1")          # below the floor of 3
        store.set_setting(w, "keep_backups", "many")         # unreadable
    db = fresh_store.read()
    assert settings.value(db, "min_group_size") == 3
    assert settings.value(db, "keep_backups") == 10


def test_bad_values_are_named_and_nothing_is_saved(fresh_store):
    with pytest.raises(settings.SettingsError) as caught:
        settings.save(fresh_store, ADMIN, {"session_timeout_minutes": 45, "login_max_failures": 1,
                                           "keep_backups": "x", "colour": 3})
    assert caught.value.problems == [
        ("login_max_failures", "settings.error.range", {"min": 3, "max": 20}),
        ("keep_backups", "settings.error.number", {}),
        ("colour", "settings.error.unknown", {})]
    assert settings.value(fresh_store.read(), "session_timeout_minutes") == 30


def test_only_admins_save_and_the_change_is_audited(fresh_store):
    with pytest.raises(access.PermissionDenied):
        settings.save(fresh_store, EDITOR, {"session_timeout_minutes": 45})
    assert settings.save(fresh_store, ADMIN, {"session_timeout_minutes": 45, "keep_backups": 10}) == {
        "session_timeout_minutes": 45}
    last = fresh_store.read().execute(
        "SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert last == (ADMIN.name, "settings.update")
