"""Property: random or mangled CSV/xlsx input is either imported whole or refused cleanly —
never a traceback, never a partial write (a dump of every table is compared)."""
import io
import os
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import store
from core.importers import ImportError_, apply_import, plan_import, undo_batch
from conftest import EDITOR

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CSV_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.csv"))
XLSX_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.xlsx"))
# Bookkeeping that an import that lands and is undone leaves behind by design.
LEDGER = {"import_batches", "audit_log", "settings", "import_changes"}
# DRAAGVLAK_PROPERTY_EXAMPLES=500 for a deeper run than the suite's.
SETTINGS = settings(max_examples=int(os.environ.get("DRAAGVLAK_PROPERTY_EXAMPLES", 25)), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def dump(db):
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: sorted(map(repr, db.execute(f"SELECT * FROM [{t}]").fetchall())) for t in tables}


@pytest.fixture
def staffed_store(tmp_path):
    s = store.Store(tmp_path / "prop.db")
    plan = plan_import(s.read(), FIXTURES / "staff_nl.csv")
    apply_import(s, plan, actor=EDITOR)
    yield s
    s.close()


def all_or_nothing(s, data, filename):
    """Plan and apply ``data``; assert it landed whole (then undo it) or changed nothing."""
    db = s.read()
    before = dump(db)
    plan = plan_import(db, data, filename)          # must never raise
    for lang in ("nl", "en"):
        assert all(isinstance(m, str) and m for m in plan.messages(lang))
    if not plan.ok:
        assert plan.errors
        assert dump(db) == before
        return "refused"
    try:
        batch = apply_import(s, plan, actor=EDITOR)
    except ImportError_:
        assert dump(db) == before
        return "refused"
    after = dump(db)
    assert after["import_batches"] != before["import_batches"]
    try:
        undo_batch(s, batch, actor=EDITOR)
    except ImportError_:
        return "kept"
    restored = dump(db)
    assert {t: v for t, v in restored.items() if t not in LEDGER} == \
        {t: v for t, v in before.items() if t not in LEDGER}
    return "imported"


@st.composite
def mangled_csv(draw):
    name = draw(st.sampled_from(CSV_FIXTURES))
    data = bytearray((FIXTURES / name).read_bytes())
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "drop_line", "dup_line"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "cut":
            data = data[:i]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
                [b";", b",", b'"', b"\r\n", b"31-02-2026", b"99", b"Misschien", b"\xe9"]))
        else:
            lines = bytes(data).split(b"\n")
            j = draw(st.integers(0, len(lines) - 1))
            if op == "drop_line":
                del lines[j]
            else:
                lines.insert(j, lines[j])
            data = bytearray(b"\n".join(lines))
    return name, bytes(data)


@given(mangled_csv())
@SETTINGS
def test_mangled_csv_is_imported_whole_or_refused_cleanly(staffed_store, case):
    name, data = case
    all_or_nothing(staffed_store, data, name)


CELL = st.one_of(st.none(), st.integers(-5, 20),
                 st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12),
                 st.sampled_from(["Eens", "Helemaal eens", "2026-11-27", "27/11/2026", "31-02-2026",
                                  "anonymous", "x@example.nl", "Verkoop", "Medewerker"]))
HEADERS = st.lists(st.sampled_from(
    ["ID", "Start time", "Completion time", "Email", "Name", "Timestamp", "Afdeling", "Functieniveau",
     "E-mailadres", "INT1", "FEAR1", "NPS1", "Ik wil de AI-tools blijven gebruiken.", "Report Refresh Date",
     "User Principal Name", "Word Copilot Last Activity Date", "email", "messages", "period_end",
     "Datum", "Voorstel", "Onderwerp", "Kleur"]), min_size=1, max_size=8, unique=True)


@st.composite
def random_xlsx(draw):
    headers = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELL, min_size=len(headers), max_size=len(headers)), max_size=6))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    if draw(st.booleans()):
        # A truncated download (a fraction: the zip's length varies with its timestamps).
        data = data[: int(len(data) * draw(st.floats(0, 1)))]
    return data


@given(random_xlsx())
@SETTINGS
def test_random_xlsx_is_imported_whole_or_refused_cleanly(staffed_store, data):
    all_or_nothing(staffed_store, data, "random.xlsx")


@given(HEADERS, st.lists(st.lists(CELL, min_size=8, max_size=8), max_size=6), st.sampled_from([",", ";"]))
@SETTINGS
def test_random_csv_is_imported_whole_or_refused_cleanly(staffed_store, headers, rows, sep):
    lines = [sep.join(headers)] + [sep.join("" if c is None else str(c) for c in r[:len(headers)])
                                   for r in rows]
    all_or_nothing(staffed_store, "\n".join(lines).encode("utf-8"), "random.csv")


def test_the_mangling_does_reach_both_outcomes(staffed_store):
    # The property above means something only if both outcomes occur: check both directly.
    good = (FIXTURES / "chatgpt_weekly.csv").read_bytes()
    assert all_or_nothing(staffed_store, good, "chatgpt_weekly.csv") == "imported"
    assert all_or_nothing(staffed_store, good.replace(b"2026-11-22", b"2026-13-22"), "c.csv") == "refused"
