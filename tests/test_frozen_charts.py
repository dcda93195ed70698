"""Frozen chart builders (``core.charts.frozen``) and a CLI that starts without the chart stack.

A frozen builder must draw exactly what the plain builder draws, return the same object for
the same input (and a new one for new input, e.g. after a write), survive pickling (the app's
figure cache) and let derived charts (``.properties()``) convert from their own data.
"""
import datetime as dt
import json
import pickle
import subprocess
import sys
from pathlib import Path

import altair as alt
import pytest

from conftest import EDITOR, SYSTEM, build_small_company
from core import charts, kpis, pilots, stakeholders, steering, store
from core.pilots import charts as pilot_charts
from core.stakeholders import charts as stakeholder_charts
from core.filters import DEFAULT_PERIOD, Filters, for_period

ROOT = Path(__file__).resolve().parent.parent
F = Filters(as_of=dt.date(2026, 10, 31))

BUILDERS = [charts.acceptance_by_wave, charts.segment_progress, charts.projector_chart,
            pilot_charts.before_after, pilot_charts.portfolio,
            stakeholder_charts.canvas, stakeholder_charts.path]


def _resolved(spec):
    """``spec`` with every named dataset put inline and Altair's default view size left out,
    so specs made with and without ``frozen`` compare equal when they draw the same."""
    spec = json.loads(json.dumps(spec))
    datasets = spec.pop("datasets", {})

    def walk(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and set(data) == {"name"} and data["name"] in datasets:
                node["data"] = {"values": datasets[data["name"]]}
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    if "config" in spec and spec["config"].get("view") == {}:
        spec["config"].pop("view")
    if spec.get("config") == {}:
        spec.pop("config")
    return spec


def _plain_spec(chart):
    with alt.theme.enable("none"):
        return chart.to_dict()


@pytest.fixture
def pilot_store(tmp_path):
    s = store.Store(tmp_path / "pilots.db")
    with s.write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('Verkoop')")
        uid = db["use_cases"].insert({"name": "Offertes", "unit": "offerte", "hourly_rate": 85.0,
                                      "department": "Verkoop", "status": "pilot"}).last_pk
        for phase, minutes, day in (("baseline", (60, 50, 55, 65, 70), "2026-03-02"),
                                    ("after", (30, 25, 20, 35, 28), "2026-09-01")):
            db["measurements"].insert_all(
                {"use_case_id": uid, "phase": phase, "measured_on": day,
                 "minutes_per_unit": m, "units_per_month": 40} for m in minutes)
    yield s, uid
    s.close()


def test_every_page_builder_is_frozen():
    for build in BUILDERS:
        assert callable(build.unfrozen) and build.unfrozen is not build, build.__qualname__


def test_frozen_chart_draws_what_the_plain_builder_draws(small_db, pilot_store):
    db = store.Store(small_db).read()
    f = Filters(as_of=kpis.data_as_of(db))
    trend = kpis.acceptance_trend(db, f)
    progress = kpis.segment_progress(db, f)
    s, uid = pilot_store
    rows = pilots.results(s.read(), F)
    points = pilots.measurement_points(s.read(), F, uid)
    people = stakeholders.people(db, f)
    cases = [(charts.acceptance_by_wave, (trend, 0.85, "nl")),
             (charts.segment_progress, (progress, "en")),
             (pilot_charts.portfolio, (rows, "time_saved", "nl")),
             (pilot_charts.portfolio, (rows, "throughput_change", "en")),
             (pilot_charts.before_after, (points, "nl")),
             (stakeholder_charts.canvas, (people, "en"))]
    assert any(p["quadrant"] for p in people) and len(trend) >= 2
    for build, args in cases:
        frozen_spec = build(*args).to_dict()
        assert _resolved(frozen_spec) == _resolved(_plain_spec(build.unfrozen(*args))), build.__qualname__
        # The data travels inline under a name, never as a DataFrame left for a transformer.
        assert frozen_spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_same_input_same_object_new_input_new_chart(pilot_store):
    s, uid = pilot_store
    before = pilots.results(s.read(), F)
    chart = pilot_charts.portfolio(before, "time_saved", "nl")
    assert pilot_charts.portfolio(pilots.results(s.read(), F), "time_saved", "nl") is chart
    assert pilot_charts.portfolio(before, "time_saved", "en") is not chart
    # A write changes the figures the page passes in, so the page gets a new chart.
    pilots.record_measurements(s, uid, [{"measured_on": "2026-09-15", "phase": "after",
                                         "minutes_per_unit": 5, "units_per_month": 40}],
                               actor=EDITOR, today=dt.date(2026, 10, 31))
    after = pilots.results(s.read(), F)
    changed = pilot_charts.portfolio(after, "time_saved", "nl")
    assert changed is not chart
    values = lambda c: sorted(round(r["value"], 6) for name, recs in c.to_dict()["datasets"].items()  # noqa: E731
                              for r in recs if "value" in r and "use_case" in r)
    assert values(chart) == [round(before[0]["time_saved"]["value"], 6)]
    assert values(changed) == [round(after[0]["time_saved"]["value"], 6)]
    assert after[0]["time_saved"]["value"] > before[0]["time_saved"]["value"]


def test_derived_chart_converts_from_its_own_data(small_db):
    db = store.Store(small_db).read()
    progress = kpis.segment_progress(db, Filters(as_of=kpis.data_as_of(db)))
    chart = charts.segment_progress(progress, "nl")
    taller = chart.properties(height=333)
    spec = _plain_spec(taller)
    assert spec["height"] == 333
    assert _resolved(spec) == _resolved(dict(_plain_spec(charts.segment_progress.unfrozen(progress, "nl")),
                                             height=333))
    # Deriving leaves the frozen chart as it was.
    shown = sum(1 for v in progress.values() if v["value"] is not None and not v["hidden"])
    assert chart.to_dict().get("height") == charts.AXIS_HEIGHT + charts.BAR_HEIGHT * shown


def test_frozen_chart_pickles_frozen(small_db):
    db = store.Store(small_db).read()
    progress = kpis.segment_progress(db, Filters(as_of=kpis.data_as_of(db)))
    chart = charts.segment_progress(progress, "en")
    again = pickle.loads(pickle.dumps(chart))
    assert type(again) is type(chart) and isinstance(again, alt.LayerChart)
    assert again.to_dict() == chart.to_dict()


def test_memo_is_bounded_least_recently_used_out(monkeypatch):
    monkeypatch.setattr(charts, "FROZEN_CHARTS", 3)
    monkeypatch.setattr(charts, "_frozen_memo", type(charts._frozen_memo)())
    progress = {"innovator": {"value": 0.5, "members": 10, "active": 5, "hidden": False}}
    first = charts.segment_progress(progress, "nl")
    for value in (0.1, 0.2, 0.3):
        charts.segment_progress({"innovator": dict(progress["innovator"], value=value)}, "nl")
    assert len(charts._frozen_memo) == 3
    assert charts.segment_progress(progress, "nl") is not first     # pushed out, made anew


def test_projector_chart_sets_height_and_type(demo_db):
    db = store.Store(demo_db).read()
    f = Filters(as_of=kpis.data_as_of(db))
    slide = steering.slide(db, f, "nl", 3)
    slide = pickle.loads(pickle.dumps(slide))           # as the page's figure cache hands it over
    spec = charts.projector_chart(slide.chart, 340).to_dict()
    assert spec["height"] == 340
    assert spec["config"]["axis"] == {"labelFontSize": 15, "titleFontSize": 16}
    assert spec["config"]["legend"] == {"labelFontSize": 14, "titleFontSize": 14}
    assert charts.projector_chart(slide.chart, 340) is charts.projector_chart(slide.chart, 340)


def test_kpis_json_loads_no_chart_or_deck_modules(demo_db):
    code = ("import io, json, sys, contextlib\n"
            "from core import cli\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    code = cli.main(['kpis', '--json', '--db', {str(demo_db)!r}])\n"
            "heavy = ('altair', 'pptx', 'core.steering.deck', 'core.bench', 'core.access_cli', 'core.importers',\n"
            "         'core.charts', 'vl_convert', 'bcrypt')\n"
            "print(json.dumps({'code': code, 'loaded': [m for m in heavy if m in sys.modules],\n"
            "                  'kpis': json.loads(out.getvalue())}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0 and result["loaded"] == []
    db = store.Store(demo_db).read()
    f = for_period(DEFAULT_PERIOD, kpis.data_as_of(db), [])
    assert result["kpis"] == json.loads(json.dumps(kpis.summary(db, f)))


def test_help_and_other_commands_still_listed():
    from core import cli

    parser = cli.build_parser([])
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) == set(cli.OWN_COMMANDS) | set(cli.MODULE_COMMANDS)
    assert set(cli.build_parser(["kpis"])._subparsers._group_actions[0].choices) == set(cli.OWN_COMMANDS)
    deck = cli.build_parser(["deck", "--out", "x.pptx"]).parse_args(["deck", "--out", "x.pptx"])
    assert deck.command == "deck" and deck.out == "x.pptx"
