"""Bad and large input (issue 14, points 4 and 5): the size is checked before reading, CSVs
are streamed, an over-long line or cell is refused with its row, the server holds a large
upload once and lets go of it afterwards, and a file that is UTF-8 except for some lines
is read line by line, each line in its own encoding, with a warning naming those lines.

Memory is measured in a fresh process (its peak resident set, VmHWM, against its resident
set just before the read), never by timing.
"""
import json
import subprocess
import sys
import textwrap

import pytest

from bench import measure as bench
from core import importers, store
from core.importers import plan_import, read_table
from core.importers.common import store_secret
from core.importers.reader import MAX_BYTES, ReadError
from conftest import build_small_company

ROOT = bench.ROOT

# In a fresh process: import the importer, note the resident set, plan one file, report
# the plan's messages and how far the peak rose above that resident set (MB).
CHILD = textwrap.dedent("""
    import json, resource, sys
    sys.path.insert(0, {root!r})
    from core import store
    from core.importers import plan_import
    import pyarrow, pyarrow.csv, numpy, openpyxl   # loaded before the baseline
    db = store.Store({db!r}).read()
    def status(key):
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    before = status("VmRSS")
    if {limit!r}:
        resource.setrlimit(resource.RLIMIT_AS, ({limit!r}, {limit!r}))
    try:
        plan = plan_import(db, {path!r})
        messages, warnings = plan.messages("en"), [w[0] for w in plan.warnings]
    except MemoryError:
        messages, warnings = ["MemoryError"], []
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
    peak = status("VmHWM")
    print(json.dumps({{"rise": peak - before, "messages": messages, "warnings": warnings}}))
""")


def planned_in_child(db, path, limit=None):
    code = CHILD.format(root=str(ROOT), db=str(db), path=str(path), limit=limit)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture
def small_store(tmp_path):
    s = store.Store(tmp_path / "small.db")
    build_small_company(s)
    s.close()
    return tmp_path / "small.db"


def test_a_large_file_of_no_known_format_is_refused_without_being_read(small_store, tmp_path):
    path = bench.write_unknown_csv(tmp_path / "log.csv", 60)
    result = planned_in_child(small_store, path)
    assert result["messages"][0].startswith("log.csv, row 1: the columns (ts, host, severity, text) "
                                            "match no known format")
    # The whole file read as bytes alone would be 60 MB; decoded and parsed several times that.
    assert result["rise"] < 25, result


def test_the_size_is_checked_before_anything_is_read(small_store, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:        # a sparse 2 GB file: takes no disk, 2 GB if read
        f.write(b"Email,Name\n")
        f.truncate(2 * 1024 ** 3)
    # With 1 GB of address space a whole-file read cannot even start.
    result = planned_in_child(small_store, path, limit=1024 ** 3 + 512 * 1024 ** 2)
    assert result["messages"] == ["huge.csv: the file is too large (2048 MB)."]
    assert result["rise"] < 25, result


def test_one_huge_line_is_refused_with_its_row_without_holding_it(small_store, tmp_path):
    path = tmp_path / "staff.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write("Email,Name,Department,Level\n")
        f.write("a@example.nl,Ann,Sales,Employee\n")
        f.write("b@example.nl," + "B" * (40 * 1024 * 1024) + ",Sales,Employee\n")
    result = planned_in_child(small_store, path)
    assert result["messages"] == [
        "staff.csv, row 3: this line is longer than 1 MB; no line of a real export is that long. Not read."]
    assert result["rise"] < 25, result


def test_an_over_long_cell_is_refused_with_its_row(small_db):
    data = ("Email,Name,Department,Level\na@example.nl,Ann,Sales,Employee\n"
            'b@example.nl,"' + "B" * 150_000 + '",Sales,Employee\n').encode()
    plan = plan_import(store.Store(small_db).read(), data, "staff.csv")
    assert plan.messages("en") == [
        "staff.csv, row 3: a cell is longer than 100,000 characters; no cell of a real export is "
        "that long. Not read."]


def test_an_upload_object_is_read_in_place_and_an_oversized_one_refused():
    import io

    table = read_table(io.BytesIO("Email;Name\na@example.nl;Zoë\n".encode("utf-8")), "x.csv")
    assert table.headers == ["Email", "Name"] and table.rows == [["a@example.nl", "Zoë"]]

    class Huge(io.BytesIO):
        def seek(self, pos, whence=0):
            return MAX_BYTES + 1 if whence == io.SEEK_END else super().seek(pos, whence)

        def tell(self):
            return MAX_BYTES + 1

    with pytest.raises(ReadError) as exc:
        read_table(Huge(b"a,b\n1,2\n"), "big.csv")
    assert exc.value.code == "too_large"


# ---------------------------------------------------------------- mixed encodings

STAFF_HEAD = "E-mailadres;Naam;Afdeling;Functieniveau\n"


def test_a_utf8_file_with_one_windows_1252_line_reads_every_line_right(small_db):
    data = (STAFF_HEAD.encode("utf-8")
            + "jose@example.nl;José Müller;Verkoop;Medewerker\n".encode("utf-8")
            + "zoe@example.nl;Zoë Ångström;Financiën;Medewerker\n".encode("cp1252")
            + "anna@example.nl;Anna Œdipe;Verkoop;Medewerker\n".encode("utf-8"))
    plan = plan_import(store.Store(small_db).read(), data, "staff.csv")
    assert plan.ok, plan.messages("en")
    names = {s["display_name"]: s["department"] for s in plan.records["staff"]}
    assert names == {"José Müller": "Verkoop", "Zoë Ångström": "Financiën", "Anna Œdipe": "Verkoop"}
    assert ("mixed_encoding", {"rows": "3", "n": 1}) in plan.warnings
    message = dict(plan.warnings)["mixed_encoding"]
    from core import i18n
    assert i18n.t("data.warn.mixed_encoding", "en", **message) == (
        "The file is UTF-8 except for 1 line(s) in Windows-1252 (line 3); each line was read in "
        "its own encoding. Check the names on those lines.")


def test_a_large_mixed_file_is_read_line_by_line_too(small_db):
    lines = [STAFF_HEAD.encode("utf-8")]
    for i in range(80_000):
        line = f"p{i}@example.nl;José Müller {i};Verkoop;Medewerker\n"
        lines.append(line.encode("cp1252" if i == 41_000 else "utf-8"))
    data = b"".join(lines)
    assert len(data) > 4 * 1024 * 1024        # past FAST_BYTES: the large-file path
    plan = plan_import(store.Store(small_db).read(), data, "staff.csv")
    assert plan.ok, plan.messages("en")[:3]
    names = [s["display_name"] for s in plan.records["staff"]]
    assert names[41_000] == "José Müller 41000" and names[79_999] == "José Müller 79999"
    assert not any("Ã" in n for n in names)
    assert ("mixed_encoding", {"rows": "41002", "n": 1}) in plan.warnings


def test_a_whole_windows_1252_file_is_still_read_without_a_warning(small_db):
    data = (STAFF_HEAD + "zoe@example.nl;Zoë;Financiën;Medewerker\n").encode("cp1252")
    plan = plan_import(store.Store(small_db).read(), data, "staff.csv")
    assert plan.ok and plan.records["staff"][0]["display_name"] == "Zoë"
    assert not [w for w in plan.warnings if w[0] == "mixed_encoding"]


# ---------------------------------------------------------------- the server

def test_the_server_holds_a_large_upload_once_and_lets_go_of_it(small_store, tmp_path):
    size_mb = 60
    path = bench.write_unknown_csv(tmp_path / "log.csv", size_mb)
    result = bench.upload_memory(small_store, path)
    assert result["error"] is None
    assert result["preview"][0].startswith("Geen importeur kent dit bestand")     # the mapping form
    # Streamlit keeps the uploaded bytes (60 MB); nothing of the app's adds a second copy.
    assert result["peak"] - result["baseline"] < size_mb * 1.3, result
    # Once the file is removed the server is back near where it was.
    assert result["after"] - result["baseline"] < 20, result


def test_the_server_stays_near_its_baseline_through_a_large_valid_usage_upload(small_store, tmp_path):
    # Above LARGE_UPLOAD the preview runs in a worker process: the server holds Streamlit's
    # copy of the bytes and the preview's summary, never the rows (in the server they took
    # about seven times the file: 190 MB of Viva rows raised it by 1,000 MB).
    size_mb = 40
    assert size_mb * 1024 * 1024 > importers.LARGE_UPLOAD
    path = bench.write_viva_of_size(small_store, tmp_path / "viva.csv", size_mb)
    result = bench.upload_memory(small_store, path)
    assert result["error"] is None
    ready = [t for t in result["preview"] if t.startswith("Klaar om te importeren:")]
    assert ready and "gebruiksregels" in ready[0], result["preview"]
    assert result["peak"] - result["baseline"] < size_mb * 1.3, result
    assert result["after"] - result["baseline"] < 20, result


# ---------------------------------------------------------------- the worker process

VIVA_HEAD = "PersonId,MetricDate,Copilot_actions_taken_in_Teams,Copilot_actions_taken_in_Word,Organization\n"


def _viva(tmp_path, rows):
    path = tmp_path / "viva.csv"
    path.write_text(VIVA_HEAD + "".join(rows), encoding="utf-8")
    return path


def test_a_worker_preview_is_the_in_process_preview_without_the_rows(small_store, tmp_path):
    good = [f"V{i},2026-10-04,{i},2,Verkoop\n" for i in range(10)]
    db = store.Store(small_store).read()
    bad = _viva(tmp_path, good + ["P1,2026-13-04,1,1,Productie\n", "P2,04-10-2026x,1,1,Productie\n"])
    here = plan_import(db, str(bad), "viva.csv", secret="k" * 32)
    there = importers.plan_in_worker(small_store, bad, "viva.csv", secret="k" * 32, lang="en")
    assert isinstance(there, importers.Preview) and not there.ok
    assert there.messages("en") == here.messages("en") and len(here.errors) == 2
    assert [(e.row, e.column) for e in there.errors] == [(12, "MetricDate"), (13, "MetricDate")]

    path = _viva(tmp_path, good)
    here = plan_import(db, str(path), "viva.csv", secret="k" * 32)
    there = importers.plan_in_worker(small_store, path, "viva.csv", secret="k" * 32, lang="en")
    assert there.ok and here.ok
    assert (there.kind, there.rows, there.summary, there.warnings, there.mapped) == (
        here.kind, here.rows, here.summary, here.warnings, here.mapped)
    assert importers.record_count(there, "usage") == importers.record_count(here, "usage") == len(
        here.records["usage"]) > importers.PREVIEW_RECORDS
    assert len(there.records["usage"]) == importers.PREVIEW_RECORDS
    assert there.records["usage"] == list(here.records["usage"])[:importers.PREVIEW_RECORDS]


def test_a_worker_import_backs_up_writes_once_and_undoes(small_store, tmp_path):
    from core import access, backup

    path = _viva(tmp_path, [f"V{i},2026-10-04,{i + 1},2,Verkoop\n" for i in range(10)])
    s = store.Store(small_store)
    before = s.read().execute("SELECT COUNT(*) FROM usage_daily").fetchone()[0]
    version = s.data_version()
    preview = importers.plan_in_worker(small_store, path, "viva.csv", secret=store_secret(s.read()))
    assert preview.ok and s.read().execute("SELECT COUNT(*) FROM import_batches").fetchone()[0] == 0
    stages = []
    lead = access.Actor("Lea Lead", "editor")
    [batch] = importers.import_in_worker(small_store, [preview], lead,
                                         progress=lambda f, stage: stages.append(stage))
    assert stages[0] == "read" and "backup" in stages and stages[-1] == "write"
    db = s.read()
    assert db.execute("SELECT imported_by, rows, kind FROM import_batches WHERE id = ?",
                      [batch]).fetchone() == ("Lea Lead", 10, "viva")
    added = db.execute("SELECT COUNT(*) FROM usage_daily WHERE batch_id = ?", [batch]).fetchone()[0]
    assert added == importers.record_count(preview, "usage") > 0
    assert s.data_version() == version + 1            # one transaction: the app's caches follow
    assert [b["reason"] for b in backup.list_backups(s.path)] == ["import"]
    importers.undo_batch(s, batch, actor=lead)
    assert db.execute("SELECT COUNT(*) FROM usage_daily").fetchone()[0] == before
    s.close()


def test_a_worker_import_reads_the_file_again_and_refuses_what_no_longer_passes(small_store, tmp_path):
    from pathlib import Path

    from core import access

    path = Path(__file__).resolve().parent / "fixtures" / "google_forms.csv"
    preview = importers.plan_in_worker(small_store, path, "google_forms.csv", wave="Golf X", lang="en")
    assert preview.ok, preview.messages("en")
    first = importers.import_in_worker(small_store, [preview], access.Actor("Lea", "editor"))
    s = store.Store(small_store)
    batches = s.read().execute("SELECT COUNT(*) FROM import_batches").fetchone()[0]
    with pytest.raises(importers.ImportError_) as exc:      # the same wave again: taken now
        importers.import_in_worker(small_store, [preview], access.Actor("Lea", "editor"))
    assert exc.value.issue.code == "wave_exists" and first
    assert s.read().execute("SELECT COUNT(*) FROM import_batches").fetchone()[0] == batches
    s.close()


def test_a_worker_that_ends_without_an_answer_is_a_translated_message(tmp_path):
    with pytest.raises(importers.WorkerFailed) as exc:
        importers.plan_in_worker(tmp_path / "no" / "such" / "folder" / "x.db", tmp_path / "x.csv", "x.csv")
    assert exc.value.issue.message("en") == (
        "x.csv: reading was interrupted; nothing was changed. Try again; the cause is in the "
        "app's log.")
    assert exc.value.issue.message("nl").startswith("x.csv: het inlezen is onderbroken; er is niets veranderd.")


def test_a_spooled_upload_is_an_exact_copy_in_the_temporary_folder(tmp_path):
    import io
    import tempfile
    from pathlib import Path

    data = b"Email,Name\n" + b"a@example.nl,Ann\n" * 200_000
    upload = io.BytesIO(data)
    upload.name = "staff.csv"
    path = Path(importers.spool(upload))
    try:
        assert path.parent == Path(tempfile.gettempdir()) and path.suffix == ".csv"
        assert path.read_bytes() == data and upload.tell() == 0
    finally:
        path.unlink()


# The Data page's own tests, every file taken as a large one: the same previews, messages,
# import, backup, mapping and undo, with nothing read or written in the server's process.
import test_app_data as data_page    # noqa: E402

WORKER_PAGE_TESTS = [data_page.test_preview_import_undo_moves_the_overview,
                     data_page.test_invalid_file_shows_row_and_column_and_cannot_be_imported,
                     data_page.test_survey_preview_offers_to_map_a_non_standard_item,
                     data_page.test_back_up_now_then_restore_brings_the_figures_back,
                     data_page.test_an_unknown_usage_file_is_mapped_imported_and_its_mapping_reused,
                     data_page.test_an_undecidable_date_column_is_asked_on_the_page,
                     data_page.test_the_preview_shows_format_wave_items_and_how_dates_were_read]


@pytest.mark.parametrize("page_test", WORKER_PAGE_TESTS, ids=[t.__name__[5:] for t in WORKER_PAGE_TESTS])
def test_the_data_page_does_the_same_with_large_files_in_a_worker(page_test, monkeypatch, small_db):
    import glob
    import tempfile

    monkeypatch.setattr(importers, "LARGE_UPLOAD", -1)

    def in_the_server(*args, **kwargs):
        raise AssertionError("a large file was read or written in the server's process")

    monkeypatch.setattr(importers, "plan_import", in_the_server)
    monkeypatch.setattr(importers, "apply_import", in_the_server)
    ops = []
    run_worker = importers._run_worker
    monkeypatch.setattr(importers, "_run_worker", lambda request, progress, *peak: ops.append(request["op"])
                        or run_worker(request, progress, *peak))
    spools = set(glob.glob(f"{tempfile.gettempdir()}/draagvlak-upload-*"))
    page_test(monkeypatch, small_db)
    assert "plan" in ops
    if "import" in ops:     # an import leaves no temporary copy behind
        assert set(glob.glob(f"{tempfile.gettempdir()}/draagvlak-upload-*")) <= spools


def test_a_worker_that_dies_leaves_a_translated_message_on_the_page(monkeypatch, small_db):
    at = data_page.open_data_page(monkeypatch, small_db, lang="en")
    monkeypatch.setattr(importers, "LARGE_UPLOAD", -1)
    monkeypatch.setattr(sys, "executable", "/bin/false")      # the worker ends at once, no answer
    data_page.upload(at, "chatgpt_weekly.csv")
    assert at.error[0].value.startswith(
        "1 error(s): nothing will be imported.\n\n- chatgpt\\_weekly.csv: reading was interrupted; "
        "nothing was changed. Try again"), at.error[0].value
    assert "exit 1" not in at.error[0].value
    assert at.button(key="data_import").disabled


def test_the_worker_leaves_the_servers_sqlite_locks_and_wal_alone(small_store, tmp_path):
    from pathlib import Path

    from core import access
    from test_store_safety import _my_locks

    s = store.Store(small_store)          # the server's store, open and read
    s.read().execute("SELECT COUNT(*) FROM employees").fetchone()
    assert _my_locks(s.path)
    path = _viva(tmp_path, [f"V{i},2026-10-04,{i + 1},2,Verkoop\n" for i in range(10)])
    preview = importers.plan_in_worker(s.path, path, "viva.csv", secret=store_secret(s.read()))
    importers.import_in_worker(s.path, [preview], access.Actor("Lea", "editor"))
    assert _my_locks(s.path), "the worker dropped the server's SQLite locks"
    assert Path(f"{s.path}-wal").exists()
    assert s.read().execute("SELECT COUNT(*) FROM import_batches").fetchone()[0] == 1
    s.close()


def test_a_sessions_temporary_copies_go_with_it(tmp_path):
    import gc
    import io
    from pathlib import Path

    from ui import uploads

    state = {}
    made = []
    for name in ("a.csv", "b.csv"):
        upload = io.BytesIO(b"Email,Name\na@example.nl,Ann\n")
        upload.name = name
        made.append(importers.spool(upload, directory=tmp_path))
        uploads.spools(state)[name] = made[-1]
    uploads.drop_spools(uploads.spools(state), keep={"b.csv"})      # a.csv left the uploader
    assert [Path(p).exists() for p in made] == [False, True]
    state.clear()            # the session ends: its state is dropped
    gc.collect()
    assert not any(Path(p).exists() for p in made)


def test_a_large_file_taken_out_of_the_uploader_takes_its_temporary_copy_with_it(monkeypatch, small_db):
    from pathlib import Path

    monkeypatch.setattr(importers, "LARGE_UPLOAD", -1)
    at = data_page.open_data_page(monkeypatch, small_db)
    data_page.upload(at, "chatgpt_weekly.csv")
    assert at.info[0].value == "Klaar om te importeren: 4 personen, 3 gebruiksregels."
    [copy] = at.session_state["data_spools"].values()
    assert Path(copy).read_bytes() == (data_page.FIXTURES / "chatgpt_weekly.csv").read_bytes()
    at.file_uploader[0].set_value([]).run()
    assert not at.exception and not Path(copy).exists()
    assert not dict(at.session_state["data_spools"])


# ---------------------------------------------------------------- bounded memory in the worker

def _weekly_viva(path, people, weeks):
    """A Viva person query of ``people`` people over ``weeks`` weeks, six Copilot apps (one
    row per person and week, some rows without actions); return how many rows have actions."""
    import datetime as dt

    apps = ("Teams", "Word", "Excel", "Outlook", "Powerpoint", "Copilot_chat_(work)")
    used = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(["PersonId", "MetricDate", *(f"Copilot_actions_taken_in_{a}" for a in apps),
                          "Organization"]) + "\n")
        for w in range(weeks):
            day = (dt.date(2024, 1, 7) + dt.timedelta(weeks=w)).isoformat()
            for p in range(people):
                counts = [(p + w) % 7, (p * w) % 3, 0, p % 2, 0, w % 4]
                used += sum(counts) > 0
                f.write(f"W{p:05d},{day},{','.join(map(str, counts))},{'Verkoop' if p % 2 else 'IT'}\n")
    return used


def test_the_workers_memory_does_not_grow_with_the_file(small_store, tmp_path):
    # The same 4,000 people over 30 and over 120 weeks: 120,000 and 480,000 rows (4.6 and
    # 18 MB, both read column-wise). Each file is previewed and imported by the worker the
    # Data page uses, on its own copy of the store. Before the reader streamed, the preview
    # held the whole file as pyarrow columns and the import every row several times over
    # (the bench's 190 MB file: 1,070 MB to preview, 1,118 MB to import); from the small
    # file to the large one the preview's peak then grew by 60-90 MB, the import's by
    # 110-150. Now a block of the file and 16 bytes a row: the preview grows by about 15 MB,
    # the import by about 75, most of it SQLite's page cache filling to its 64 MB cap.
    import shutil

    from core import access
    from core.importers import reader

    peaks = {}
    for weeks in (30, 120):
        path = tmp_path / f"viva-{weeks}.csv"
        used = _weekly_viva(path, 4000, weeks)
        assert path.stat().st_size > reader.FAST_BYTES
        db = tmp_path / f"store-{weeks}.db"
        shutil.copyfile(small_store, db)
        seen = {}
        preview = importers.plan_in_worker(db, path, path.name,
                                           peak=lambda mb: seen.__setitem__("preview", mb))
        assert preview.ok, preview.messages("en")[:3]
        assert (preview.rows, importers.record_count(preview, "usage"), preview.summary) == (
            4000 * weeks, used, {"users": 4000, "weeks": weeks})
        [batch] = importers.import_in_worker(db, [preview], access.Actor("Lea", "editor"),
                                             peak=lambda mb: seen.__setitem__("import", mb))
        s = store.Store(db)
        assert s.read().execute("SELECT COUNT(*), SUM(actions) FROM usage_daily WHERE batch_id = ?",
                                [batch]).fetchone()[0] == used
        s.close()
        peaks[weeks] = seen
    grown = {k: peaks[120][k] - peaks[30][k] for k in ("preview", "import")}
    # The import may grow by SQLite's page cache (IMPORT_CACHE_KB, filled by the larger
    # write) and 30 MB more.
    assert grown["preview"] < 35, (grown, peaks)
    assert grown["import"] < importers.IMPORT_CACHE_KB / 1024 + 30, (grown, peaks)
