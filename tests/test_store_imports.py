"""core.store imports sqlite_utils as it is (no hidden pandas, no patched column types:
issue 15), and sqlite_utils stores pandas Timestamps as TEXT; the CLI's cold start of
``kpis --json`` loads no SciPy (the forecast's fit is its own)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
import core.store
import sqlite_utils
import sqlite_utils.db
assert type(sqlite_utils.db.COLUMN_TYPE_MAPPING) is dict, "column types patched"
import pandas as pd
db = sqlite_utils.Database(memory=True)
db["t"].insert({"when": pd.Timestamp("2026-01-02 03:04:05"), "n": 1})
print(db["t"].columns_dict["when"].__name__, db.execute("select when_ from (select [when] as when_ from t)").fetchone()[0])
"""


def _run(code):
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_store_uses_sqlite_utils_as_it_is_and_keeps_timestamp_columns():
    assert _run(CHECK) == "str 2026-01-02T03:04:05"


def test_no_module_of_core_writes_sys_modules():
    # The old start-up trick (sys.modules["pandas"] = None) is gone for good.
    found = [str(p) for p in (ROOT / "core").rglob("*.py") if "sys.modules[" in p.read_text()]
    assert found == []


def test_kpis_json_does_not_load_scipy_for_the_forecast():
    code = ("import sys; from core import kpis, adoption, store; "
            "print(sorted(m for m in ('scipy',) if m in sys.modules))")
    assert _run(code) == "[]"
