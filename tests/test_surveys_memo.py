"""The survey figures' memo (``core.memo``): the figures a page reads through it equal those
computed afresh from the rows, after every write."""
import datetime as dt
import itertools
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from conftest import EDITOR, SYSTEM, add_employees, add_wave
from core import anonymity, i18n, kpis, memo, questionnaire, store, surveys
from core.surveys import charts as survey_charts
from core.filters import Filters
from core.importers import apply_import, plan_import, undo_batch

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_OF = dt.date(2026, 12, 31)


def scopes(db):
    """The whole company, every department, and every pair of departments."""
    names = kpis.departments(db)
    return [()] + [(d,) for d in names] + [tuple(sorted(p)) for p in itertools.combinations(names, 2)]


def company(departments=()):
    return Filters(as_of=AS_OF, departments=tuple(departments))


@pytest.fixture
def uneven(fresh_store):
    """Verkoop 12, Productie 9, IT 4, Directie 2 respondents and one without a department,
    in two waves (N = 5): IT and Directie are hidden."""
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [(f"x-{d}", d, "employee", None, None)
                           for d in ("Verkoop", "Productie", "IT", "Directie")])
        for wave, held_on in ((1, "2026-04-01"), (2, "2026-10-01")):
            answers = (
                [("Verkoop", {"INT1": 4 if i < 8 - wave else 2, "FEAR1": 2 + i % 4,
                              "NPS1": (i * 3 + wave) % 11}) for i in range(12)]
                + [("Productie", {"INT1": 5 if i < 3 + wave else 1, "FEAR1": 4,
                                  "NPS1": 9 if i % 2 else 5}) for i in range(9)]
                + [("IT", {"INT1": 4, "FEAR1": 1, "NPS1": 10}) for _ in range(4)]
                + [("Directie", {"INT1": 3, "FEAR1": 5, "NPS1": 7}) for _ in range(2)]
                + [(None, {"INT1": 5, "NPS1": 8})])
            add_wave(db, f"W{wave}", held_on, answers)
    return fresh_store


def unmemoised(db):
    """An in-memory copy of the store: ``core.memo`` never caches one, so its figures are
    computed afresh from the rows (whatever the file's memo holds)."""
    copy = sqlite3.connect(":memory:")
    db.conn.backup(copy)
    return sqlite_utils.Database(copy)


def assert_same_as_kpis(db):
    """acceptance_by_wave and fear_enps_trend, read through the memo on the store's file,
    give exactly the figures core.kpis computes afresh (``unmemoised``): a memo a write left
    stale fails here."""
    fresh = unmemoised(db)
    minimum = anonymity.minimum(db)
    checked = 0
    for departments in scopes(db):
        f = company(departments)
        accept = [surveys._guarded_figure(fresh, fig, questionnaire.INTENTION_ITEM, f, minimum)
                  for fig in kpis.acceptance_trend(fresh, f)]
        assert [r["figure"] for r in surveys.acceptance_by_wave(db, f)] == accept
        trend = surveys.fear_enps_trend(db, f)
        fear = [surveys._guarded_figure(fresh, fig, questionnaire.FEAR_ITEM, f, minimum)
                for fig in kpis.fear_trend(fresh, f)]
        assert [r["fear"] for r in trend] == fear
        for row, wave in zip(trend, kpis.waves(fresh, f), strict=True):
            score = kpis.wave_enps(fresh, wave, f)
            assert row["enps"] == surveys._guarded_figure(fresh, score, questionnaire.NPS_ITEM, f,
                                                          minimum)
            checked += 1
    return checked


def test_wave_figures_equal_core_kpis_with_hidden_groups(uneven):
    db = uneven.read()
    assert assert_same_as_kpis(db) == 2 * (1 + 4 + 6)
    # The known figures: whole company, wave 2: 6 + 5 + 4 + 1 = 16 of 28 agree.
    latest = surveys.acceptance_by_wave(db, company())[-1]
    assert (latest["n"], latest["figure"].k) == (28, 16)
    # IT (4) and Directie (2) are hidden; together 6 ≥ 5, so no third department joins them.
    shown = {d: surveys.acceptance_by_wave(db, company((d,)))[-1]["suppressed"]
             for d in ("Verkoop", "Productie", "IT", "Directie")}
    assert shown == {"Verkoop": False, "Productie": False, "IT": True, "Directie": True}


def test_wave_figures_equal_core_kpis_on_the_demo(demo_db):
    s = store.Store(demo_db)
    try:
        assert assert_same_as_kpis(s.read()) > 0
    finally:
        s.close()


def test_a_repeated_figure_is_read_once_per_data_version(uneven):
    db = uneven.read()
    wave = surveys.default_wave(db, company())
    surveys._memo.clear()
    first = surveys.item_results(db, company(), wave)
    misses = surveys._memo.misses
    assert misses >= 1 and surveys._memo.hits == 0
    assert surveys.item_results(db, company(), wave) == first
    surveys.heatmap(db, company(), wave, "level")
    surveys.by_segment(db, company(), wave)
    assert surveys._memo.misses == misses        # the cube was read once, then reused
    assert surveys._memo.hits == 3


def test_a_write_refreshes_every_cached_figure(uneven):
    db = uneven.read()
    wave = surveys.default_wave(db, company())
    before = surveys.item_results(db, company(), wave)
    int1 = next(i for i in before if i["code"] == "INT1")
    assert (int1["n"], int1["favourable"]) == (28, pytest.approx(16 / 28))
    accept = surveys.acceptance_by_wave(db, company())[-1]["value"]
    with uneven.write(SYSTEM) as w:
        rid = w["survey_respondents"].insert({"survey_id": wave, "respondent": "late",
                                              "department": "Verkoop"}).last_pk
        w["survey_answers"].insert({"respondent_id": rid, "question_code": "INT1", "value": 5})
    int1 = next(i for i in surveys.item_results(db, company(), wave) if i["code"] == "INT1")
    assert (int1["n"], int1["favourable"]) == (29, pytest.approx(17 / 29))
    assert surveys.acceptance_by_wave(db, company())[-1]["value"] == pytest.approx(17 / 29)
    assert accept == pytest.approx(16 / 28)
    # And the cached figures equal a recomputation from nothing.
    cached = (surveys.item_results(db, company(), wave), surveys.construct_scores(db, company(), wave),
              surveys.heatmap(db, company(), wave, "department"), surveys.by_segment(db, company(), wave))
    surveys._memo.clear()
    assert cached == (surveys.item_results(db, company(), wave),
                      surveys.construct_scores(db, company(), wave),
                      surveys.heatmap(db, company(), wave, "department"),
                      surveys.by_segment(db, company(), wave))


def test_import_and_undo_refresh_the_cached_figures(fresh_store):
    db = fresh_store.read()
    plan = plan_import(db, FIXTURES / "forms_pulse.xlsx", wave="Najaar 2026")
    batch = apply_import(fresh_store, plan, actor=EDITOR, backup=False)
    (wave,) = [w["wave_id"] for w in surveys.acceptance_by_wave(db, company())]
    int1 = next(i for i in surveys.item_results(db, company(), wave) if i["code"] == "INT1")
    assert int1["n"] == 6 and int1["favourable"] == pytest.approx(4 / 6)
    assert surveys.summary_json(db, company())["acceptance_by_wave"][0]["n"] == 6
    undo_batch(fresh_store, batch, EDITOR)
    assert surveys.acceptance_by_wave(db, company()) == []
    assert surveys.summary_json(db, company()) == {"acceptance_by_wave": []}
    int1 = next(i for i in surveys.item_results(db, company(), wave) if i["code"] == "INT1")
    assert int1["n"] == 0 and int1["favourable"] is None


def test_nothing_is_cached_inside_a_write(uneven):
    wave = surveys.default_wave(uneven.read(), company())
    n_before = sum(r[4] for r in surveys._cube(uneven.read(), wave) if r[3] == "INT1")
    assert n_before == 28

    class Abort(Exception):
        pass

    with pytest.raises(Abort):
        with uneven.write(SYSTEM) as w:
            rid = w["survey_respondents"].insert({"survey_id": wave, "respondent": "gone",
                                                  "department": "IT"}).last_pk
            w["survey_answers"].insert({"respondent_id": rid, "question_code": "INT1", "value": 1})
            # The write sees its own row, under the old data version ...
            assert sum(r[4] for r in surveys._cube(w, wave) if r[3] == "INT1") == 29
            raise Abort
    # ... which was rolled back: no cached value remembers it.
    assert sum(r[4] for r in surveys._cube(uneven.read(), wave) if r[3] == "INT1") == 28


def test_memo_is_bounded_and_keyed_by_store_and_version(fresh_store, tmp_path):
    m = memo.Memo(max_entries=2)
    calls = []

    def value(name):
        return m.get(fresh_store.read(), name, (), lambda: calls.append(name) or name)

    assert [value("a"), value("b"), value("a")] == ["a", "b", "a"]
    assert calls == ["a", "b"]
    value("c")                                   # evicts "b", the least recently used
    assert len(m) == 2
    value("b")
    assert calls == ["a", "b", "c", "b"]
    with fresh_store.write(SYSTEM):
        pass                                     # bumps the data version
    value("b")
    assert calls == ["a", "b", "c", "b", "b"]
    other = store.Store(tmp_path / "other.db")
    try:
        m.get(other.read(), "b", (), lambda: calls.append("other"))
    finally:
        other.close()
    assert calls[-1] == "other"
    # A store without a file is never cached.
    mem = sqlite_utils.Database(memory=True)
    mem.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
    assert memo.version_key(mem) is None
    m.get(mem, "x", (), lambda: calls.append("mem"))
    m.get(mem, "x", (), lambda: calls.append("mem"))
    assert calls[-2:] == ["mem", "mem"]


def test_cached_chart_specs_are_the_validated_charts(demo_db):
    """The page's chart dicts (built without schema validation) equal the validated charts."""
    s = store.Store(demo_db)
    try:
        db = s.read()
        f = Filters(as_of=dt.date(2026, 10, 31))
        wave = surveys.default_wave(db, f)
        target = kpis.targets(db).get("acceptance_rate")
        for lang in ("nl", "en"):
            items = surveys.item_results(db, f, wave)
            assert surveys.by_segment(db, f, wave) and surveys.heatmap(db, f, wave, "level")
            assert survey_charts.acceptance_waves_spec(db, f, lang) == survey_charts.acceptance_waves(
                surveys.acceptance_by_wave(db, f), target, lang).to_dict()
            assert survey_charts.diverging_items_spec(db, f, wave, lang) == \
                survey_charts.diverging_items(items, lang).to_dict()
            for kind, kpi in (("fear", "fear_index"), ("enps", "enps")):
                assert survey_charts.trend_spec(db, f, kind, lang) == survey_charts.trend(
                    surveys.fear_enps_trend(db, f), kind, kpis.targets(db).get(kpi), lang).to_dict()
            assert survey_charts.segment_acceptance_spec(db, f, wave, lang) == \
                survey_charts.segment_acceptance(surveys.by_segment(db, f, wave), target,
                                                 lang).to_dict()
            labels = {i["code"]: i["text_" + lang] for i in items}
            for by in ("department", "level"):
                cells = surveys.heatmap(db, f, wave, by)
                groups = survey_charts.heatmap_groups(cells, by, lang)
                assert survey_charts.heatmap_spec(db, f, wave, by, lang) == survey_charts.heatmap(
                    cells, labels, groups, lang,
                    i18n.t(f"acceptance.group.{by}", lang)).to_dict()
        # Groups in display order, the unknown one last and translated.
        cells = [{"group": g} for g in ("it", None, "management")]
        assert survey_charts.heatmap_groups(cells, "level", "en") == {
            "management": "Management", "it": "IT", None: i18n.t("acceptance.group.unknown", "en")}
        cells = [{"group": g} for g in ("Verkoop", None, "IT")]
        assert list(survey_charts.heatmap_groups(cells, "department", "nl")) == ["IT", "Verkoop", None]
    finally:
        s.close()


def test_two_waves_on_one_day_each_have_their_own_enps(fresh_store):
    # A pulse and a full survey held on the same day: each wave's eNPS is its own answers',
    # not the later wave's (nor missing for the earlier one).
    with fresh_store.write(SYSTEM) as db:
        add_employees(db, [("x-v", "Verkoop", "employee", None, None)])
        add_wave(db, "Pulse", "2026-10-01", [("Verkoop", {"INT1": 4, "NPS1": 10})] * 6)
        add_wave(db, "Full", "2026-10-01", [("Verkoop", {"INT1": 2, "NPS1": 3})] * 6)
    trend = surveys.fear_enps_trend(fresh_store.read(), company())
    assert [(r["wave"], r["enps"].value) for r in trend] == [("Pulse", 100.0), ("Full", -100.0)]
