"""Cached chart specs (``core.charts.cached_spec``) and a CLI that starts without the chart stack.

``build.spec(*args)`` must be what the builder's chart converts to (``chart.to_dict()``, as
``st.altair_chart`` would send it), the same dict for the same input and a new one for new
input (e.g. after a write), bounded in number; pages render it with ``st.vega_lite_chart``.
No module of ``core`` reaches into ``sys.modules`` or a library object's private attributes.
"""
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import altair as alt
import pytest

from conftest import EDITOR, SYSTEM
from core import charts, i18n, kpis, pilots, stakeholders, store
from core.pilots import charts as pilot_charts
from core.stakeholders import charts as stakeholder_charts
from core.filters import DEFAULT_PERIOD, Filters, for_period
from core.licences import charts as licence_charts

ROOT = Path(__file__).resolve().parent.parent
F = Filters(as_of=dt.date(2026, 10, 31))

BUILDERS = [charts.acceptance_by_wave, charts.segment_progress,
            pilot_charts.before_after, pilot_charts.portfolio,
            stakeholder_charts.canvas, stakeholder_charts.path,
            licence_charts.funnel, licence_charts.funnel_trend, licence_charts.value_against_cost]


def _plain_spec(chart):
    """What ``st.altair_chart`` sends for ``chart``: converted under Altair's theme "none"."""
    with alt.theme.enable("none"):
        return chart.to_dict()


def _values(spec, field):
    """Every value of ``field`` in the spec's inline datasets, sorted."""
    return sorted(r[field] for recs in spec["datasets"].values() for r in recs if field in r)


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


def test_every_page_builder_has_a_cached_spec():
    for build in BUILDERS:
        assert callable(build.spec) and build.spec is not build, build.__qualname__


def test_cached_spec_is_what_the_chart_converts_to(small_db, pilot_store):
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
        spec = build.spec(*args)
        assert spec == _plain_spec(build(*args)), build.__qualname__
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        # The data travels inline and survives JSON (what Streamlit sends).
        assert '"values"' in json.dumps(spec) or spec.get("datasets"), build.__qualname__
        assert json.loads(json.dumps(spec)) == spec
    shown = [v for v in progress.values() if v["value"] is not None and not v["hidden"]]
    assert _values(charts.segment_progress.spec(progress, "en"), "active") == \
        sorted(v["active"] for v in shown)


def test_same_input_same_spec_new_input_new_spec(pilot_store):
    s, uid = pilot_store
    before = pilots.results(s.read(), F)
    spec = pilot_charts.portfolio.spec(before, "time_saved", "nl")
    assert pilot_charts.portfolio.spec(pilots.results(s.read(), F), "time_saved", "nl") is spec
    assert pilot_charts.portfolio.spec(before, "time_saved", "en") is not spec
    # A write changes the figures the page passes in, so the page gets a new spec.
    pilots.record_measurements(s, uid, [{"measured_on": "2026-09-15", "phase": "after",
                                         "minutes_per_unit": 5, "units_per_month": 40}],
                               actor=EDITOR, today=dt.date(2026, 10, 31))
    after = pilots.results(s.read(), F)
    changed = pilot_charts.portfolio.spec(after, "time_saved", "nl")
    assert changed is not spec
    values = lambda sp: sorted(round(r["value"], 6) for recs in sp["datasets"].values()  # noqa: E731
                               for r in recs if "value" in r and "use_case" in r)
    assert values(spec) == [round(before[0]["time_saved"]["value"], 6)]
    assert values(changed) == [round(after[0]["time_saved"]["value"], 6)]
    assert after[0]["time_saved"]["value"] > before[0]["time_saved"]["value"]
    # The old figures still give the old spec: nothing was changed in place.
    assert values(pilot_charts.portfolio.spec(before, "time_saved", "nl")) == values(spec)


def test_builder_still_gives_a_chart_that_derives(small_db):
    db = store.Store(small_db).read()
    progress = kpis.segment_progress(db, Filters(as_of=kpis.data_as_of(db)))
    chart = charts.segment_progress(progress, "nl")
    assert isinstance(chart, alt.LayerChart)
    taller = _plain_spec(chart.properties(height=333))
    assert taller["height"] == 333
    # Deriving leaves the cached spec as it was.
    shown = sum(1 for v in progress.values() if v["value"] is not None and not v["hidden"])
    assert charts.segment_progress.spec(progress, "nl")["height"] == \
        charts.AXIS_HEIGHT + charts.BAR_HEIGHT * shown


def test_cache_is_bounded_least_recently_used_out(monkeypatch):
    monkeypatch.setattr(charts, "SPEC_CACHE_SIZE", 3)
    monkeypatch.setattr(charts, "_spec_memo", type(charts._spec_memo)())
    progress = {"innovator": {"value": 0.5, "members": 10, "active": 5, "hidden": False}}
    first = charts.segment_progress.spec(progress, "nl")
    for value in (0.1, 0.2, 0.3):
        charts.segment_progress.spec({"innovator": dict(progress["innovator"], value=value)}, "nl")
    assert len(charts._spec_memo) == 3
    again = charts.segment_progress.spec(progress, "nl")
    assert again is not first and again == first                   # pushed out, made anew


def test_no_module_patches_a_library():
    patterns = [re.compile(r"sys\.modules\["), re.compile(r"\._kwds\b"),
                re.compile(r"__class__\s*[=\"']|[\"']__class__[\"']")]
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in sorted((ROOT / "core").rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if any(p.search(line) for p in patterns)]
    assert found == []


def test_kpis_json_loads_no_chart_or_deck_modules(demo_db):
    code = ("import io, json, sys, contextlib\n"
            "from core import cli\n"
            "out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    code = cli.main(['kpis', '--json', '--db', {str(demo_db)!r}])\n"
            "heavy = ('altair', 'pptx', 'core.steering.deck', 'bench.measure', 'core.access_cli', 'core.importers',\n"
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


def _drawn_text(spec):
    """The text Vega draws for ``spec`` (axis labels, titles, marks), rendered by vl-convert."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    return re.findall(r">([^<>]+)</(?:text|tspan)>", svg)


def test_axes_and_tooltips_write_numbers_the_page_language_way():
    from core.adoption import charts as adoption_charts

    weeks = [{"week_end": f"2026-0{m}-0{d}", "active": 3000 + 400 * m, "with_access": 4593,
              "actions_per_active": 0.4 + 0.3 * m} for m in range(1, 6) for d in (1, 8)]
    money = {"value_per_month": 12345.0, "cost_per_month": 4000.0}
    for lang, decimal, thousands in (("nl", ",", "."), ("en", ".", ",")):
        spec = adoption_charts.weekly_active.spec(weeks, lang)
        assert spec["config"]["locale"]["number"] == {
            "decimal": decimal, "thousands": thousands, "grouping": [3],
            "currency": [i18n.money_prefix(lang), ""], "minus": "−"}
        drawn = _drawn_text(spec)
        # The actions-per-user axis (0.5 … 2) has decimals, the active users' axis thousands.
        assert f"0{decimal}5" in drawn and f"1{decimal}5" in drawn, drawn
        assert f"4{thousands}000" in drawn, drawn
        assert not any(re.fullmatch(r"\d+[.,]\d", t) and decimal not in t for t in drawn), drawn
        # Month names on the time axis in the page's language.
        assert ("mrt 2026" if lang == "nl" else "Mar 2026") in drawn, drawn
        # A tooltip's count is grouped too (Vega's default number format, NUMBER_FORMAT).
        assert spec["config"]["numberFormat"] == charts.NUMBER_FORMAT
        euros = _drawn_text(licence_charts.value_against_cost.spec(money, lang))
        assert f"10{thousands}000" in euros and i18n.fmt_money(12345, lang) in euros, euros


def test_a_negative_figure_on_an_axis_takes_the_typographic_minus():
    from core.surveys import charts as survey_charts

    rows = [{"wave": w, "fear": kpis.SurveyFigure(0.2, 30, 6, None, None, w),
             "enps": kpis.SurveyFigure(v, 30, None, None, None, w)}
            for w, v in (("W1", -15.0), ("W2", 5.0))]
    for lang in ("nl", "en"):
        drawn = _drawn_text(survey_charts.trend(rows, "enps", -10, lang).to_dict())
        assert "−50" in drawn and "−100" in drawn and "−15" in drawn and "+5" in drawn, drawn
        assert not [t for t in drawn if re.search(r"(?<![\w])-\d", t)], drawn
