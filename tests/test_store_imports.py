"""core.store imports sqlite_utils without pandas in a fresh CLI process (``kpis --json``'s
cold start), and sqlite_utils still stores pandas Timestamps as TEXT once pandas is loaded."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
import core.store
assert "pandas" not in sys.modules, "core.store loaded pandas"
import sqlite_utils
assert sqlite_utils.db.pd is None
import pandas as pd
db = sqlite_utils.Database(memory=True)
db["t"].insert({"when": pd.Timestamp("2026-01-02 03:04:05"), "n": 1})
print(db["t"].columns_dict["when"].__name__, db.execute("select when_ from (select [when] as when_ from t)").fetchone()[0])
"""

THREAD = """
import sys, threading
out = {}
def load():
    import core.store
    out["pandas"] = "pandas" in sys.modules
t = threading.Thread(target=load); t.start(); t.join()
print(out["pandas"])
"""


def _run(code):
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_store_import_skips_pandas_and_keeps_timestamp_columns():
    assert _run(CHECK) == "str 2026-01-02T03:04:05"


def test_store_imported_off_the_main_thread_imports_sqlite_utils_as_is():
    # Streamlit's script threads: no hiding of pandas there, so sqlite_utils loads it.
    assert _run(THREAD) == "True"


def test_kpis_json_does_not_load_pandas_or_scipy_for_the_store_and_forecast():
    code = ("import sys; from core import kpis, adoption, store; "
            "print(sorted(m for m in ('pandas', 'scipy') if m in sys.modules))")
    assert _run(code) == "[]"
