"""The store never loses a save (issue 14): only SQLite touches its files, damage is
SQLite's verdict, restore takes only a sound Draagvlak store, and a full disk leaves
everything as it was."""
import json
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from core import backup, cli, restore, store
from core.access import SYSTEM
from tests.conftest import ROOT, build_small_company

# ---------------------------------------------------------------- helpers


def _my_locks(path):
    """The POSIX locks this process holds on ``path``, from /proc/locks."""
    inode = os.stat(path).st_ino
    held = []
    with open("/proc/locks") as fh:     # /proc/locks, not the store
        for line in fh:
            parts = line.split()
            if "->" in parts:           # a waiting lock: not held
                continue
            dev_ino = next((p for p in parts if p.count(":") == 2), None)
            if dev_ino and int(dev_ino.split(":")[2]) == inode and parts[4] == str(os.getpid()):
                held.append(line)
    return held


class _OpenWatch:
    """Records every Python-level open() of the store's files (an audit hook; hooks cannot
    be removed, so it only records while ``on``)."""

    def __init__(self):
        self.on, self.paths, self.seen = False, set(), []
        sys.addaudithook(self)

    def __call__(self, event, args):
        if self.on and event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            try:
                name = os.path.realpath(os.fsdecode(args[0]))
            except (TypeError, ValueError):
                return
            if name in self.paths:
                self.seen.append(name)


_WATCH = _OpenWatch()


@pytest.fixture
def company(tmp_path):
    s = store.Store(tmp_path / "live.db")
    build_small_company(s)
    yield s
    s.close()


def _watch(path):
    p = os.path.realpath(path)
    _WATCH.paths = {p, p + "-wal", p + "-shm", p + "-journal"}
    _WATCH.seen = []
    _WATCH.on = True


def _unwatch():
    _WATCH.on = False
    return list(_WATCH.seen)


def _staff_csv(path, n=1, prefix="x"):
    """A staff-list template (English headers) of ``n`` new people."""
    path.write_text("Email,Department,Level\n" + "".join(
        f"{prefix}{i}@example.nl,Verkoop,Employee\n" for i in range(n)), encoding="utf-8")
    return path


def _count(path, table="employees"):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


# ---------------------------------------------------------------- 1. never open() the store


def _operations(s, tmp_path):
    """Every public operation that reads, checks, copies or restores the store."""
    from core import importers, kpis
    from core.filters import for_period

    def check_in_background():
        s.integrity_checked.clear()
        s.check_in_background()
        assert s.integrity_checked.wait(30)
        assert s.integrity_problem is None

    def import_staff():
        csv = _staff_csv(tmp_path / "staff.csv")
        plan = importers.plan_import(s.read(), csv, kind="staff")
        assert plan.ok
        importers.apply_import(s, plan, actor=SYSTEM)

    saved = {}
    return [
        ("quick check", lambda: backup.check(s.path, full=False)),
        ("full check", lambda: backup.check(s.path, full=True)),
        ("background check", check_in_background),
        ("second Store", lambda: store.Store(s.path).close()),
        ("backup", lambda: saved.setdefault("b", backup.backup(s.path, reason="manual"))),
        ("list backups", lambda: backup.list_backups(s.path)),
        ("inspect", lambda: backup.inspect(s.path)),
        ("restore losses", lambda: restore.restore_losses(s.path, saved["b"])),
        ("kpis", lambda: kpis.summary(s.read(), for_period("12m", kpis.data_as_of(s.read())))),
        ("import", import_staff),
        ("restore", lambda: restore.restore(s.path, saved["b"])),
        ("cli kpis", lambda: cli.main(["kpis", "--db", str(s.path), "--json"])),
        ("cli check", lambda: cli.main(["check", "--db", str(s.path)])),
        ("cli backup", lambda: cli.main(["backup", "--db", str(s.path)])),
    ]


def test_no_operation_opens_the_store_file_or_drops_the_locks(company, tmp_path, capsys):
    s = company
    s.read().execute("SELECT COUNT(*) FROM employees").fetchone()
    assert _my_locks(s.path), "an open WAL store holds a lock on its file"
    for name, operation in _operations(s, tmp_path):
        _watch(s.path)
        try:
            operation()
        finally:
            opened = _unwatch()
        assert not opened, f"{name} opened {opened} with open()"
        # The connection still works and the process still holds its lock on the file.
        s.read().execute("SELECT COUNT(*) FROM employees").fetchone()
        assert _my_locks(s.path), f"{name} dropped this process's SQLite locks"
    capsys.readouterr()


def test_the_guard_sees_an_open_of_the_store(company):
    # The guard itself can fail: a plain open() and close() of the store is caught both ways.
    s = company
    s.read().execute("SELECT 1").fetchone()
    _watch(s.path)
    with open(s.path, "rb") as fh:
        fh.read(16)
    assert _unwatch()
    assert not _my_locks(s.path)


_APP = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from core import store
    from core.access import SYSTEM
    s = store.Store({path!r})
    s.check_in_background()          # what the app does on start
    s.integrity_checked.wait(60)
    s.read().execute("SELECT COUNT(*) FROM employees").fetchone()
    print("ready", flush=True)
    for line in sys.stdin:
        n = int(line)
        with s.write(SYSTEM) as db:
            db.execute("INSERT INTO departments (name) VALUES (?)", [f"saved-{{n}}"])
        s.read().execute("SELECT COUNT(*) FROM departments").fetchone()
        print("saved", n, flush=True)
""")


def test_the_app_beside_the_cli_keeps_its_wal_and_every_save(company, tmp_path):
    """The app (a process with the store open, its background check done) and the CLI run
    20 times beside it: the WAL survives every CLI exit, and every save the app reported
    is on disk after the app is killed without a clean shutdown."""
    path = company.path
    company.close()
    app = subprocess.Popen([sys.executable, "-c", _APP.format(root=str(ROOT), path=str(path))],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert app.stdout.readline().strip() == "ready"
        for n in range(20):
            done = subprocess.run([sys.executable, "-m", "core", "kpis", "--db", str(path), "--json"],
                                  cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            assert path.with_name(path.name + "-wal").exists(), f"run {n}: the CLI deleted the WAL"
            app.stdin.write(f"{n}\n")
            app.stdin.flush()
            assert app.stdout.readline().split() == ["saved", str(n)]
    finally:
        app.kill()
        app.wait()
    conn = sqlite3.connect(path)
    saved = [r[0] for r in conn.execute("SELECT name FROM departments WHERE name LIKE 'saved-%'")]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert sorted(saved) == sorted(f"saved-{n}" for n in range(20))


# ---------------------------------------------------------------- 2. damage only when SQLite says so


def _grow_in_wal(path, rows=3000):
    """Commit a large change that stays in the WAL (no checkpoint), then leave the file as a
    process killed at that moment would: the WAL and its frames on disk."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO departments (name) VALUES (?)",
                     [(f"dept-{i}-" + "x" * 400,) for i in range(rows)])
    conn.execute("COMMIT")
    return conn


def _last_page_one(wal_path, page_size):
    data = wal_path.read_bytes()
    frame = 24 + page_size
    last = None
    for offset in range(32, len(data) - frame + 1, frame):
        if int.from_bytes(data[offset:offset + 4], "big") == 1:
            last = data[offset + 24:offset + frame]
    return last


def test_a_checkpoint_cut_short_is_not_called_damaged(tmp_path):
    """The state a kill -9 inside a checkpoint leaves (page 1, with the new page count,
    already in the main file; the later pages only in the WAL) is sound: SQLite reads it
    whole. The old size heuristic called it damaged."""
    path = tmp_path / "cut.db"
    s = store.Store(path)
    build_small_company(s)
    s.checkpoint()
    s.close()
    conn = _grow_in_wal(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    declared = conn.execute("PRAGMA page_count").fetchone()[0]
    # Keep the WAL as a crash would: copy it aside before the connection's clean close.
    wal = path.with_name(path.name + "-wal")
    wal_bytes = wal.read_bytes()
    conn.close()            # checkpoints and deletes the WAL: put the crash state back
    main = bytearray(path.read_bytes())
    del main[len(main) // 2:]           # the later pages not yet written
    wal.write_bytes(wal_bytes)
    main[:page_size] = _last_page_one(wal, page_size)
    path.write_bytes(bytes(main))
    assert path.stat().st_size < declared * page_size
    backup.check(path, full=False)      # the verdict: sound
    backup.check(path, full=True)
    s = store.Store(path)
    assert s.read().execute("SELECT COUNT(*) FROM departments WHERE name LIKE 'dept-%'").fetchone()[0] == 3000
    s.close()


_KILLED = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect({path!r}, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO departments (name) VALUES (?)",
                     [("run-" + str(i) + "-" + "y" * 300,) for i in range(20000)])
    print("start", flush=True)
    conn.execute("COMMIT")
    print("committed", flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print("checkpointed", flush=True)
    sys.stdin.read()
""")


def test_kill_9_around_the_checkpoint_never_yields_damaged(tmp_path):
    """20 kills around an import's commit and checkpoint: before the commit, inside the
    checkpoint (once the main file starts to grow: the window the old size heuristic
    called "damaged"), and after it. SQLite's verdict and the quick check agree every
    time: sound, and a reported commit is all there."""
    base = tmp_path / "base.db"
    s = store.Store(base)
    s.close()
    outcomes = []
    for run in range(20):
        path = tmp_path / f"k{run}.db"
        backup.copy_store(base, path)
        start_size = path.stat().st_size
        child = subprocess.Popen([sys.executable, "-c", _KILLED.format(path=str(path))],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        said = [child.stdout.readline().strip()]
        phase = run % 3
        if phase >= 1:
            said.append(child.stdout.readline().strip())        # committed
        if phase == 1:
            # Inside the checkpoint: it writes page 1 (the new page count) first, then the
            # pages that make the file grow. Only stat: this process has no connection.
            while path.stat().st_size <= start_size and child.poll() is None:
                pass
        if phase == 2:
            said.append(child.stdout.readline().strip())        # checkpointed
        child.kill()
        child.wait()
        child.stdin.close()
        child.stdout.close()
        in_checkpoint = phase == 1 and path.with_name(path.name + "-wal").exists() and \
            path.with_name(path.name + "-wal").stat().st_size > 0
        # The quick check first, on the file exactly as the kill left it (a connection that
        # closes cleanly would checkpoint the WAL into place and hide the state).
        backup.check(path, full=False)
        conn = sqlite3.connect(path)
        sound = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT COUNT(*) FROM departments WHERE name LIKE 'run-%'").fetchone()[0]
        conn.close()
        assert sound
        backup.check(path, full=True)
        assert rows in (0, 20000)
        if "committed" in said:
            assert rows == 20000
        outcomes.append("in_checkpoint" if in_checkpoint else said[-1])
    assert {"start", "checkpointed"} <= set(outcomes)
    assert "in_checkpoint" in outcomes, outcomes


def test_a_read_error_the_full_check_does_not_confirm_offers_no_restore(monkeypatch, demo_copy):
    from tests.apptest_helpers import run_app

    monkeypatch.setattr(store.Store, "check_in_background", lambda self: None)

    def fails(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    from core import kpis
    monkeypatch.setattr(kpis, "targets", fails)
    at = run_app(monkeypatch, demo_copy, lang="en")
    assert not at.exception
    assert any("SQLite finds the store sound" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "restore_newest"]


def test_the_damaged_page_says_what_the_backup_lacks(monkeypatch, tmp_path):
    from core import importers
    from tests.apptest_helpers import run_app
    from tests.test_app_demo import _scribble_over

    path = tmp_path / "lacks.db"
    s = store.Store(path)
    build_small_company(s)
    backup.backup(path, reason="manual")
    csv = _staff_csv(tmp_path / "staff.csv")
    importers.apply_import(s, importers.plan_import(s.read(), csv, kind="staff"), actor=SYSTEM,
                           backup=False)
    s.close()
    store.close_all(path)
    _scribble_over(path, "survey_answers_question")
    at = run_app(monkeypatch, path, lang="en")
    assert "lacks.db" in at.error[0].value and at.title[-1].value == "The data store cannot be opened"
    text = "\n".join(t.value for t in at.text)
    assert "holds 1 import(s) this backup lacks" in text or "1 import(s) were made after this backup" in text
    assert "staff.csv" in text


# ---------------------------------------------------------------- 3. restore checks what it restores


def _foreign(path, users=False):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO things (name) VALUES ('not ours')")
    if users:
        conn.execute("CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT, password TEXT)")
        conn.execute("INSERT INTO users VALUES ('mallory', 'admin', 'x')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make,code", [
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: _foreign(p), "not_store"),
    (lambda p: _foreign(p, users=True), "not_store"),
])
def test_restore_refuses_what_is_not_a_sound_draagvlak_store(company, make, code, capsys):
    folder = backup.backup_dir(company.path)
    folder.mkdir(exist_ok=True)
    bad = folder / f"{company.path.stem}-20991231T000000000000Z-manual.db"
    make(bad)
    before = _count(company.path)
    with pytest.raises(backup.StoreProblem) as err:
        restore.restore(company.path, bad)
    assert err.value.code == code
    assert _count(company.path) == before == 26
    # The command line says so in words, and restores nothing.
    assert cli.main(["restore", str(bad), "--db", str(company.path), "--yes"]) == 1
    message = capsys.readouterr().err
    assert "Traceback" not in message and str(bad.name) in message
    assert _count(company.path) == 26


def test_a_plain_restore_passes_over_unusable_backups(company, capsys):
    good = backup.backup(company.path, reason="manual")
    folder = backup.backup_dir(company.path)
    (folder / f"{company.path.stem}-20991231T000000000000Z-manual.db").write_bytes(b"")
    _foreign(folder / f"{company.path.stem}-20991230T000000000000Z-import.db")
    assert [b["path"] for b in backup.list_backups(company.path)][-1] == good
    assert cli.main(["restore", "--db", str(company.path), "--yes"]) == 0
    out = capsys.readouterr()
    assert good.name in out.out and "20991230" in out.err


def test_restore_says_which_imports_it_loses(company, tmp_path, capsys):
    from core import importers

    saved = backup.backup(company.path, reason="manual")
    csv = _staff_csv(tmp_path / "later-staff.csv", prefix="later")
    importers.apply_import(company, importers.plan_import(company.read(), csv, kind="staff"),
                           actor=SYSTEM)
    losses = restore.restore_losses(company.path, saved)
    assert losses["against"] == "store"
    assert [b["filename"] for b in losses["batches"]] == ["later-staff.csv"]
    # Asked without a terminal to answer: nothing restored, the loss was named.
    assert cli.main(["restore", str(saved), "--db", str(company.path)]) == 1
    assert "later-staff.csv" in capsys.readouterr().out
    assert _count(company.path) == 27


def test_a_backup_of_a_newer_draagvlak_is_refused(company):
    saved = backup.backup(company.path, reason="manual")
    conn = sqlite3.connect(saved)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('draagvlak', '9999_future', '2099-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(backup.StoreProblem) as err:
        restore.restore(company.path, saved)
    assert err.value.code == "newer"


# ---------------------------------------------------------------- disk full


_LIMITED = textwrap.dedent("""
    import resource, sys
    sys.path.insert(0, {root!r})
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from core.cli import main
    sys.exit(main(sys.argv[2:]))
""")


def _limited_cli(limit, *args):
    env = dict(os.environ, DRAAGVLAK_LANG="en")
    return subprocess.run([sys.executable, "-c", _LIMITED.format(root=str(ROOT)), str(limit), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_disk_full_during_a_backup_leaves_no_file_and_a_message(company):
    company.checkpoint()
    path = company.path
    size = path.stat().st_size
    company.close()
    done = _limited_cli(size // 2, "backup", "--db", str(path))
    assert done.returncode == 1
    assert "disk is full" in done.stderr and "Traceback" not in done.stderr
    assert _leftovers(backup.backup_dir(path)) == []
    assert _count(path) == 26


def test_disk_full_during_an_import_leaves_the_store_as_it_was(company, tmp_path):
    company.checkpoint()
    path = company.path
    size = path.stat().st_size
    company.close()
    # A staff list big enough that the import's WAL outgrows the limit.
    csv = _staff_csv(tmp_path / "many.csv", n=20000, prefix="many")
    before = _count(path)
    done = _limited_cli(size * 2, "import", str(csv), "--kind", "staff", "--db", str(path))
    assert done.returncode == 1, done.stdout
    assert "disk is full" in done.stderr and "Traceback" not in done.stderr
    assert _count(path) == before
    for name in _leftovers(backup.backup_dir(path)):
        backup.inspect(backup.backup_dir(path) / name)      # only whole, sound backups
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_cli_store_problems_are_translated_messages(tmp_path, monkeypatch, capsys):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is no database" * 100)
    monkeypatch.setenv("DRAAGVLAK_LANG", "nl")
    for command in (["kpis"], ["check"], ["backup"], ["deck", "--out", str(tmp_path / "d.pptx")],
                    ["import", str(tmp_path / "missing.csv")]):
        code = cli.main(command + ["--db", str(path)])
        err = capsys.readouterr().err
        assert code != 0 and "Traceback" not in err
    assert cli.main(["kpis", "--db", str(path)]) == 1
    assert "geen SQLite-database" in capsys.readouterr().err
    assert path.read_bytes() == b"this is no database" * 100


def test_json_kpis_still_work_beside_a_sound_store(company, capsys):
    assert cli.main(["kpis", "--db", str(company.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["adoption_rate"]["active"] == 17
