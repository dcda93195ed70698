"""Backups, restore, and damaged stores: nothing saved is lost, a damaged file is kept."""
import sqlite3

import pytest

from core import backup, store
from core.schema import migrations


def _count(path, table="departments"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def filled(tmp_path):
    path = tmp_path / "s.db"
    s = store.Store(path)
    with s.write() as db:
        db.execute("INSERT INTO departments VALUES ('IT'), ('Verkoop')")
    s.close()
    return path


def test_backup_while_open_and_list_newest_first(filled):
    s = store.Store(filled)                     # the app holds it open
    first = backup.backup(filled, reason="manual")
    with s.write() as db:
        db.execute("INSERT INTO departments VALUES ('Inkoop')")
    second = backup.backup(filled)
    s.close()
    assert _count(first) == 2 and _count(second) == 3
    listed = backup.list_backups(filled)
    assert [b["path"] for b in listed] == [second, first]
    assert listed[1]["reason"] == "manual"


def test_backup_refuses_to_overwrite(filled, tmp_path):
    target = tmp_path / "copy.db"
    backup.backup(filled, to=target)
    with pytest.raises(FileExistsError):
        backup.backup(filled, to=target)


def test_prune_keeps_the_newest(filled):
    made = [backup.backup(filled) for _ in range(4)]
    backup.prune(filled, keep=2)
    assert [b["path"] for b in backup.list_backups(filled)] == made[:1:-1]


def test_restore_into_a_running_store(filled):
    s = store.Store(filled)
    saved = backup.backup(filled)
    version = s.data_version()
    with s.write() as db:
        db.execute("DELETE FROM departments")
    kept = backup.restore(filled, saved)
    # The open store sees the restored rows at once, under a new data version.
    assert s.read().execute("SELECT COUNT(*) FROM departments").fetchone()[0] == 2
    assert s.data_version() > version + 1
    assert _count(kept) == 0                    # the replaced state is kept as a backup
    s.close()


def test_restore_refuses_a_damaged_backup(filled, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is no database at all" * 10)
    with pytest.raises(backup.StoreProblem):
        backup.restore(filled, bad)
    assert _count(filled) == 2


@pytest.mark.parametrize("damage,code", [
    (lambda p: p.write_bytes(b"PK\x03\x04 a zip, not a store" * 50), "not_sqlite"),
    (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "damaged"),
])
def test_damaged_store_is_refused_and_kept(filled, damage, code):
    # Checkpoint so the whole store is in the main file, then break the file.
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    damage(filled)
    before = filled.read_bytes()
    with pytest.raises(backup.StoreProblem) as err:
        store.Store(filled)
    assert err.value.code == code
    assert filled.read_bytes() == before


def test_restore_replaces_a_damaged_store_and_keeps_it(filled):
    saved = backup.backup(filled)
    filled.write_bytes(b"garbage" * 100)
    kept = backup.restore(filled, saved)
    assert kept.read_bytes() == b"garbage" * 100 and ".damaged-" in kept.name
    s = store.Store(filled)
    assert s.read().execute("SELECT COUNT(*) FROM departments").fetchone()[0] == 2
    s.close()


def test_integrity_check_finds_a_corrupt_page(filled):
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'departments'").fetchone()[0]
    conn.close()
    data = bytearray(filled.read_bytes())
    start = (root - 1) * page_size
    data[start:start + 64] = b"\xff" * 64       # scribble over the table's b-tree page header
    filled.write_bytes(bytes(data))
    with pytest.raises(backup.StoreProblem) as err:
        backup.check(filled)
    assert err.value.code in ("integrity", "damaged")


def test_backup_before_a_migration(filled, monkeypatch):
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations(name="9999_test_column")
    def add_column(db):
        db.execute("ALTER TABLE departments ADD COLUMN note TEXT")

    s = store.Store(filled)
    s.close()
    (taken,) = backup.list_backups(filled)
    assert taken["reason"] == "migration"
    conn = sqlite3.connect(taken["path"])
    assert "note" not in [r[1] for r in conn.execute("PRAGMA table_info(departments)")]
    conn.close()
