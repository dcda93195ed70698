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
from core import store
from core.importers import plan_import, read_table
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
