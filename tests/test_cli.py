"""The command line: init, demo and kpis --json on real stores."""
import json
import subprocess
import sys

from conftest import DEMO_END, ROOT
from core import cli


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=120)


def test_init_creates_an_empty_store(tmp_path):
    path = tmp_path / "new.db"
    result = run_cli("init", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert path.exists()
    out = run_cli("kpis", "--db", str(path), "--json")
    data = json.loads(out.stdout)
    assert data["acceptance_rate"]["value"] is None and data["adoption_rate"]["value"] is None


def test_demo_then_kpis_json(tmp_path):
    path = tmp_path / "d.db"
    result = run_cli("demo", "--db", str(path), "--end", DEMO_END.isoformat())
    assert result.returncode == 0, result.stderr
    data = json.loads(run_cli("kpis", "--db", str(path), "--json").stdout)
    # The last day with data: 31 October 2026 is a Saturday, the last working day before it.
    assert data["as_of"] == "2026-10-30"
    acc = data["acceptance_rate"]
    assert set(acc) >= {"value", "n", "ci_low", "ci_high", "wave"}
    assert 0.86 <= acc["value"] <= 0.93 and acc["ci_low"] < acc["value"] < acc["ci_high"]
    assert set(data["adoption_rate"]) >= {"value", "active", "eligible", "window_days"}
    assert data["adoption_rate"]["window_days"] == 28
    assert set(data["segments"]) >= {"early_adopter", "early_majority", "late_majority"}
    assert all(set(v) >= {"members", "active", "value"} for v in data["segments"].values())
    quotes = next(r for r in data["time_saved"] if r["use_case"] == "Offertecalculatie")
    assert 0.58 <= quotes["value"] <= 0.62 and quotes["n_baseline"] >= 5
    throughput = next(r for r in data["throughput_change"] if r["use_case"] == "Offertecalculatie")
    assert 0.21 <= throughput["value"] <= 0.25
    for key in ("key_champions", "critical_blockers", "silent_supporters", "grumblers", "overdue"):
        assert key in data["stakeholders"]
    assert set(data["fear_index"]) >= {"value", "n", "ci_low", "ci_high", "wave"}
    assert set(data["enps"]) >= {"value", "n", "ci_low", "ci_high", "wave"}


def test_kpis_as_of_six_months_shows_89_percent(demo_db):
    # The wave nearest six months into the rollout reports 89%, as in the machine-builder case.
    data = json.loads(run_cli("kpis", "--db", str(demo_db), "--json", "--as-of", "2026-05-15").stdout)
    assert round(data["acceptance_rate"]["value"], 2) == 0.89


def test_kpis_department_filter(demo_db):
    whole = json.loads(run_cli("kpis", "--db", str(demo_db), "--json").stdout)
    sales = json.loads(run_cli("kpis", "--db", str(demo_db), "--json",
                               "--department", "Verkoop").stdout)
    assert sales["departments"] == ["Verkoop"]
    assert sales["adoption_rate"]["eligible"] < whole["adoption_rate"]["eligible"]


def test_unknown_department_is_an_error(demo_db):
    result = run_cli("kpis", "--db", str(demo_db), "--department", "Marketing")
    assert result.returncode == 1 and "unknown department" in result.stderr


def test_missing_store_is_an_error(tmp_path):
    result = run_cli("kpis", "--db", str(tmp_path / "nope.db"))
    assert result.returncode == 1 and "no store" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_demo_refuses_a_filled_store(demo_copy):
    assert cli.main(["demo", "--db", str(demo_copy)]) == 1


def test_text_output(demo_db, capsys):
    assert cli.main(["kpis", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "acceptance rate" in out and "Offertecalculatie" in out


def test_backup_check_and_restore(tmp_path):
    path = tmp_path / "b.db"
    assert cli.main(["init", "--db", str(path)]) == 0
    assert cli.main(["backup", "--db", str(path)]) == 0
    assert cli.main(["check", "--db", str(path)]) == 0
    path.write_bytes(b"not a database" * 100)
    assert cli.main(["check", "--db", str(path)]) == 1
    assert cli.main(["kpis", "--db", str(path)]) == 1
    # No one to answer the question: nothing is restored.
    assert cli.main(["restore", "--db", str(path)]) == 1
    assert path.read_bytes() == b"not a database" * 100
    assert cli.main(["restore", "--db", str(path), "--yes"]) == 0
    assert cli.main(["check", "--db", str(path)]) == 0
    assert list(tmp_path.glob("b.damaged-*.db"))
