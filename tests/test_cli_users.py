"""The command line for users and privacy: user add/passwd/remove/list, erase, person-export, retention."""
import json

import pytest

from conftest import SYSTEM, build_small_company
from core import access, cli, sso, store, users


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "cli.db"
    s = store.Store(path)
    build_small_company(s)
    with s.write(SYSTEM) as db:
        db.execute("UPDATE employees SET display_name = 'Piet Paal' WHERE id = 'P3'")
    s.close()
    return path


def _prompts(monkeypatch, *answers):
    given = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(given))


def _authenticate(path, name, password):
    s = store.Store(path)
    try:
        return users.authenticate(s, name, password)
    finally:
        s.close()


def test_user_round_trip(db_path, monkeypatch, capsys):
    db = str(db_path)
    assert cli.main(["user", "list", "--db", db]) == 0
    assert "no users" in capsys.readouterr().out
    assert cli.main(["user", "add", "anna", "--role", "admin", "--password", "0123456789", "--db", db]) == 0
    _prompts(monkeypatch, "director pw 1", "director pw 1")
    assert cli.main(["user", "add", "Dirk", "--role", "viewer", "--see-notes", "--db", db]) == 0
    assert cli.main(["user", "add", "Sso", "--role", "editor", "--email", "sso@example.com", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "user added: anna (admin)" in out and "user added: Dirk (viewer)" in out
    assert _authenticate(db_path, "dirk", "director pw 1") == access.Actor("Dirk", "viewer", True)

    assert cli.main(["user", "list", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["anna", "admin", "password"], ["Dirk", "viewer (sees notes)", "password"], ["Sso", "editor", "email"]]

    _prompts(monkeypatch, "new password 2", "new password 2")
    assert cli.main(["user", "passwd", "Dirk", "--db", db]) == 0
    assert _authenticate(db_path, "Dirk", "new password 2").name == "Dirk"
    _prompts(monkeypatch, "one password", "another one")
    assert cli.main(["user", "passwd", "Dirk", "--db", db]) == 1
    assert "differ" in capsys.readouterr().err

    assert cli.main(["user", "remove", "anna", "--db", db]) == 1
    assert "anna is the last admin" in capsys.readouterr().err
    assert cli.main(["user", "remove", "dirk", "--db", db]) == 0
    s = store.Store(db_path)
    assert [u["name"] for u in users.list_users(s.read())] == ["anna", "Sso"]
    assert s.read().execute("SELECT actor, action FROM audit_log WHERE action LIKE 'user.%' "
                            "AND action <> 'user.login' ORDER BY id").fetchall() == [
        ("system", "user.add"), ("system", "user.add"), ("system", "user.add"),
        ("system", "user.passwd"), ("system", "user.remove")]
    s.close()


def test_user_add_refuses_bad_input(db_path, capsys):
    assert cli.main(["user", "add", "bob", "--role", "viewer", "--password", "short", "--db", str(db_path)]) == 1
    assert capsys.readouterr().err.strip() == "error: A password has at least 10 characters."
    with pytest.raises(SystemExit):
        cli.main(["user", "add", "bob", "--role", "boss", "--password", "0123456789", "--db", str(db_path)])


def test_erase_asks_first_then_erases(db_path, monkeypatch, capsys):
    db = str(db_path)
    monkeypatch.setattr("builtins.input", lambda prompt="": "no")
    assert cli.main(["erase", "piet paal", "--db", db]) == 1
    out = capsys.readouterr().out
    assert out.startswith("P3 (Piet Paal): employees 1") and "nothing erased" in out
    monkeypatch.setattr("builtins.input", lambda prompt="": "yes")
    assert cli.main(["erase", "Piet", "--db", db]) == 0
    assert "erased: " in capsys.readouterr().out
    s = store.Store(db_path)
    assert s.read().execute("SELECT COUNT(*) FROM employees WHERE id = 'P3'").fetchone()[0] == 0
    assert s.read().execute("SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "system", "person.erase")
    s.close()
    assert cli.main(["erase", "V1", "--yes", "--db", db]) == 0
    assert cli.main(["erase", "V1", "--yes", "--db", db]) == 1
    assert capsys.readouterr().err.strip() == "error: No one found for V1."


def test_erase_refuses_an_ambiguous_person(db_path, capsys):
    s = store.Store(db_path)
    with s.write(SYSTEM) as db:
        db.execute("UPDATE employees SET display_name = 'Piet Veld' WHERE id = 'P4'")
    s.close()
    assert cli.main(["erase", "Piet", "--yes", "--db", str(db_path)]) == 1
    assert capsys.readouterr().err.strip() == "error: Piet matches 2 people: give the id."


def test_person_export_writes_json(db_path, tmp_path, capsys):
    out = tmp_path / "p3.json"
    assert cli.main(["person-export", "Piet Paal", "--out", str(out), "--db", str(db_path)]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["employee_id"] == "P3" and record["display_name"] == "Piet Paal"
    assert record["tables"]["employees"][0]["department"] == "Productie"
    assert record["tables"]["usage_daily"] == []
    assert cli.main(["person-export", "P2", "--out", str(out), "--db", str(db_path)]) == 0
    usage = json.loads(out.read_text(encoding="utf-8"))["tables"]["usage_daily"]
    assert [(u["day"], u["actions"]) for u in usage] == [("2026-10-20", 4)]
    assert f"to {out}" in capsys.readouterr().out


def test_retention_sets_and_applies(db_path, capsys):
    db = str(db_path)
    assert cli.main(["retention", "--db", db]) == 0
    assert "kept for ever" in capsys.readouterr().out
    assert cli.main(["retention", "--months", "1", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("retention: 1 months; removed 17 raw usage rows before ")
    s = store.Store(db_path)
    assert s.read().execute("SELECT COUNT(*) FROM usage_daily").fetchone()[0] == 0
    import numpy as np

    assert sum(int(np.frombuffer(b, dtype="<i4").sum()) for (b,) in s.read().execute(
        "SELECT actions FROM usage_series WHERE tool = ''")) == 68
    s.close()
    assert cli.main(["retention", "--months", "-1", "--db", db]) == 1
    assert "usage_retention_months" in capsys.readouterr().err


def test_commands_need_an_existing_store(tmp_path, capsys):
    assert cli.main(["erase", "x", "--yes", "--db", str(tmp_path / "none.db")]) == 1
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_cli_restore_keeps_users_and_is_audited(db_path, capsys):
    from core import backup

    assert cli.main(["user", "add", "anna", "--role", "admin", "--password", "long enough pw",
                     "--db", str(db_path)]) == 0
    saved = backup.backup(db_path, reason="manual")
    assert cli.main(["user", "add", "bert", "--role", "viewer", "--password", "long enough pw",
                     "--db", str(db_path)]) == 0
    assert cli.main(["restore", str(saved), "--db", str(db_path), "--yes"]) == 0
    s = store.Store(db_path)
    assert [u["name"] for u in users.list_users(s.read())] == ["anna", "bert"]
    assert s.read().execute("SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "system", "store.restore")
    s.close()


def test_domain_roles_and_access_requests_on_the_command_line(db_path, capsys):
    db = str(db_path)
    # The first admin, who signs in through the organisation, is set here.
    assert cli.main(["user", "add", "Ada", "--role", "admin", "--email", "ada@bedrijf.nl", "--db", db]) == 0
    assert cli.main(["user", "domain", "add", "@Bedrijf.NL", "--role", "viewer", "--db", db]) == 0
    assert "domain role set: @bedrijf.nl (viewer)" in capsys.readouterr().out
    assert cli.main(["user", "domain", "add", "not a domain", "--role", "viewer", "--db", db]) == 1
    assert "not a domain is not a domain name" in capsys.readouterr().err
    s = store.Store(db_path)
    sso.request_access(s, "Piet@Elders.nl", "Piet Elders", "microsoft")
    s.close()
    assert cli.main(["user", "list", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["Ada\tadmin\temail\tlast login –", "@bedrijf.nl\tviewer\tdomain"]
    assert out[2] == "1 open access request(s): python -m core user requests"
    assert cli.main(["user", "requests", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[0].split("\t")[:3] == ["piet@elders.nl", "Piet Elders", "microsoft"]
    assert cli.main(["user", "domain", "remove", "bedrijf.nl", "--db", db]) == 0
    assert cli.main(["user", "domain", "remove", "bedrijf.nl", "--db", db]) == 1
    assert "has no role" in capsys.readouterr().err
    s = store.Store(db_path)
    assert sso.list_domain_roles(s.read()) == []
    s.close()
