"""The steering deck (python-pptx) and the decisions log, on the demo store and small stores."""
import argparse
import datetime as dt
import io
import json

import pytest
from pptx import Presentation

from core import i18n, kpis, steering, store

from core.steering import deck
from core.filters import for_period
from conftest import EDITOR

TODAY = dt.date(2026, 11, 27)


def _filters(db, period="12m", departments=()):
    return for_period(period, kpis.data_as_of(db), departments)


def _texts(pptx_bytes):
    """Per slide: the text of every shape, and the speaker notes."""
    prs = Presentation(io.BytesIO(pptx_bytes))
    slides = []
    for page in prs.slides:
        text = [shape.text_frame.text for shape in page.shapes if shape.has_text_frame]
        notes = page.notes_slide.notes_text_frame.text if page.has_notes_slide else ""
        pictures = sum(shape.shape_type == 13 for shape in page.shapes)
        charts = [shape.chart for shape in page.shapes if shape.has_chart]
        title = page.shapes.title.text_frame.text if page.shapes.title is not None else None
        slides.append({"text": text, "notes": notes, "pictures": pictures, "title": title,
                       "charts": [{"categories": list(c.plots[0].categories),
                                   "values": list(c.plots[0].series[0].values)} for c in charts]})
    return slides


@pytest.fixture(scope="module")
def demo_decks(demo_db):
    s = store.Store(demo_db)
    db = s.read()
    f = _filters(db)
    yield db, f, {lang: _texts(deck.build_deck(db, f, lang, today=TODAY)) for lang in ("nl", "en")}
    s.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_deck_has_the_expected_slides(demo_decks, lang):
    _, _, decks = demo_decks
    slides = decks[lang]
    assert len(slides) == 1 + len(steering.SLIDES)
    assert slides[0]["text"][0] == i18n.t("steering.deck_title", lang)
    assert [s["text"][0] for s in slides[1:]] == [i18n.t(f"steering.slide.{k}", lang)
                                                   for k in steering.SLIDES]
    # A title placeholder on every slide, the cover's included (the outline, screen readers).
    assert [s["title"] for s in slides] == [i18n.t("steering.deck_title", lang)] + [
        i18n.t(f"steering.slide.{k}", lang) for k in steering.SLIDES]
    # Native charts on the five figure slides, no pictures; the verdict and the decisions
    # slides text.
    assert [len(s["charts"]) for s in slides[1:]] == [0, 1, 1, 1, 1, 1, 0]
    assert [s["pictures"] for s in slides[1:]] == [0, 0, 0, 0, 0, 0, 0]
    # Numbered over the whole deck, cover included; the demo mark on every slide.
    assert [s["text"][-1] for s in slides[1:]] == [f"{n} / 8" for n in range(2, 9)]
    assert all(s["text"][-2] == i18n.t("demo.badge", lang) for s in slides[1:])
    assert i18n.t("demo.badge", lang) in slides[0]["text"][-1]
    footer = slides[1]["text"][-3]
    assert footer.startswith("Demo Machinebouw B.V. · ")
    assert i18n.t("data_as_of", lang, date=i18n.fmt_date(dt.date(2026, 10, 30), lang)) in footer


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_deck_numbers_equal_kpis_json(demo_decks, lang):
    db, f, decks = demo_decks
    summary = kpis.summary(db, f)
    slides = decks[lang]
    acceptance, adoption, people, pilot = (s["text"] for s in slides[2:6])
    assert i18n.fmt_pct(summary["acceptance_rate"]["value"], lang) in acceptance
    assert i18n.fmt_pct(summary["fear_index"]["value"], lang) in acceptance
    assert i18n.fmt_points(summary["enps"]["value"], lang) in acceptance
    assert i18n.fmt_pct(summary["adoption_rate"]["value"], lang) in adoption
    assert i18n.fmt_pct(summary["training_participation"]["value"], lang) in adoption
    assert str(summary["stakeholders"]["key_champions"]) in people
    assert str(summary["stakeholders"]["critical_blockers"]) in people
    assert i18n.fmt_money(summary["pilot_value"]["value_per_month"], lang) in pilot
    assert i18n.fmt_number(summary["pilot_value"]["hours_per_month"], lang) in pilot
    licences = slides[6]["text"]
    assert i18n.fmt_money(summary["licences"]["cost_per_month"], lang) in licences
    ratio = summary["pilot_value"]["value_per_month"] / summary["licences"]["cost_per_month"]
    assert i18n.t("licences.ratio", lang, ratio=i18n.fmt_number(ratio, lang, 1)) in licences
    assert i18n.t("pilots.observational", lang) in slides[6]["notes"]
    # The worked example: the demo's last wave (and its n) in the notes, in both languages.
    assert acceptance[1] == "91%" and adoption[1] == "82%"
    assert "n = 107" in slides[2]["notes"]
    assert summary["acceptance_rate"]["n"] == 107
    # The native charts hold the numbers kpis --json reports.
    (waves,), (segments,), (quadrants,), (saved,) = (s["charts"] for s in slides[2:6])
    shown = [w for w in summary["acceptance_by_wave"] if w["value"] is not None]
    assert waves == {"categories": [w["wave"] for w in shown], "values": [w["value"] for w in shown]}
    seg = {k: v for k, v in summary["segments"].items() if v["value"] is not None}
    assert segments["values"] == [v["value"] for v in seg.values()]
    assert segments["categories"] == [i18n.t(f"segment.{k}", lang) for k in seg]
    assert quadrants["values"] == [summary["stakeholders"][q] for q in kpis.QUADRANTS]
    measured = [r for r in summary["time_saved"] if r["value"] is not None]
    assert saved == {"categories": [r["use_case"] for r in measured],
                     "values": [r["value"] for r in measured]}
    (money,) = slides[6]["charts"]
    assert money == {"categories": [i18n.t("kpi.pilot_value.label", lang), i18n.t("kpi.licence_cost.label", lang)],
                     "values": [summary["pilot_value"]["value_per_month"], summary["licences"]["cost_per_month"]]}
    # The opening slide: the verdict of kpis --json, in words.
    assert i18n.t(f"steering.verdict.{summary['verdict']['answer']}", lang) in slides[1]["text"]


def test_deck_follows_the_department_filter(demo_db):
    s = store.Store(demo_db)
    db = s.read()
    f = _filters(db, departments=("IT",))
    summary = kpis.summary(db, f)
    slide = steering.adoption_slide(db, f, "en")
    assert slide.numbers[0].value == (i18n.fmt_pct(summary["adoption_rate"]["value"], "en")
                                      if summary["adoption_rate"]["value"] is not None
                                      else i18n.t("card.hidden", "en"))
    s.close()


def test_cli_run_writes_the_deck(demo_db, tmp_path):
    parser = argparse.ArgumentParser()
    deck.add_parser(parser.add_subparsers(dest="command"))
    out = tmp_path / "steering.pptx"
    args = parser.parse_args(["deck", "--db", str(demo_db), "--out", str(out), "--lang", "en"])
    assert deck.run(args) == 0
    slides = _texts(out.read_bytes())
    assert [x["title"] for x in slides[1:3]] == ["Is our AI rollout accepted?",
                                                 "Acceptance: is staff behind it?"]


def test_cli_run_on_an_empty_store_says_so(fresh_store, tmp_path):
    parser = argparse.ArgumentParser()
    deck.add_parser(parser.add_subparsers(dest="command"))
    out = tmp_path / "x.pptx"
    args = parser.parse_args(["deck", "--db", str(fresh_store.path), "--out", str(out)])
    assert deck.run(args) == 1
    assert not out.exists()


# ---------------------------------------------------------------- decisions log

def _audit(s):
    return [r[0] for r in s.read().execute("SELECT action FROM audit_log ORDER BY id").fetchall()]


@pytest.mark.parametrize("values,lang,expected", [
    ({"held_on": "2026-11-20", "kind": "action", "text": " ", "owner": "Anna",
      "due_date": "2026-12-01"}, "nl", ["Omschrijving: vul dit in."]),
    ({"held_on": "2026-11-20", "kind": "action", "text": "Plan training", "owner": "",
      "due_date": ""}, "en", ["Owner: this is required.", "Due date: this is required."]),
    ({"held_on": "2026-12-01", "kind": "decision", "text": "Go"}, "en",
     ["Meeting date: cannot be in the future."]),
    ({"held_on": "2026-11-20", "kind": "action", "text": "Plan", "owner": "Anna",
      "due_date": "2026-11-01"}, "nl", ["Deadline: ligt vóór de vergaderdatum."]),
    ({"held_on": "20-11-2026x", "kind": "memo", "text": "x"}, "en",
     ["Meeting date: not a valid date.", "Kind: pick one of the options."]),
])
def test_bad_items_are_refused_and_change_nothing(fresh_store, values, lang, expected):
    version = fresh_store.data_version()
    with pytest.raises(steering.Invalid) as refused:
        steering.add_item(fresh_store, values, lang, today=TODAY, actor=EDITOR)
    assert refused.value.problems == expected
    assert fresh_store.data_version() == version
    assert steering.log(fresh_store.read()) == [] and _audit(fresh_store) == []


def test_actions_are_logged_audited_and_followed_up(fresh_store):
    s = fresh_store
    first = steering.add_item(s, {"held_on": dt.date(2026, 10, 2), "kind": "action",
                                  "text": "Train the sales team", "owner": "Anna",
                                  "due_date": dt.date(2026, 11, 1)}, "en", today=TODAY, actor=EDITOR)
    steering.add_item(s, {"held_on": "2026-10-02", "kind": "decision",
                          "text": "Roll out Copilot to Sales"}, "en", today=TODAY, actor=EDITOR)
    steering.add_item(s, {"held_on": "2026-11-20", "kind": "action", "text": "Measure pilot 2",
                          "owner": "Bram", "due_date": "2026-12-15"}, "en", today=TODAY, actor=EDITOR)
    db = s.read()
    assert db.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 2
    assert _audit(s) == ["steering.action.add", "steering.decision.add", "steering.action.add"]
    f = for_period("all", TODAY)
    slide = steering.decisions_slide(db, f, "en", today=TODAY)
    assert [n.value for n in slide.numbers] == ["2", "1"]      # open; past due (1 Nov)
    assert ("open", "Action: Train the sales team — Anna, due 1 Nov 2026") in slide.lines

    steering.set_status(s, first, "done", "en", today=TODAY, actor=EDITOR)
    assert _audit(s)[-1] == "steering.action.status"
    assert steering.summary_json(s.read(), f) == {"actions": {"open": 1, "done": 1, "dropped": 0}}
    assert json.dumps(steering.summary_json(s.read(), f))
    # The next meeting's deck shows what became of it: done since the last meeting (20 Nov).
    slide = steering.decisions_slide(s.read(), f, "nl", today=TODAY)
    assert [n.value for n in slide.numbers] == ["1", "0"]
    assert slide.lines == [("open", "Actie: Measure pilot 2 — Bram, uiterlijk 15-12-2026"),
                           ("done", "Gedaan: Train the sales team — Anna")]
    # Settled before the last meeting: no longer news.
    steering.add_item(s, {"held_on": "2026-11-27", "kind": "decision", "text": "Next"}, "nl",
                      today=TODAY, actor=EDITOR)
    steering.set_status(s, first, "done", "en", today=dt.date(2026, 11, 26), actor=EDITOR)
    lines = steering.decisions_slide(s.read(), f, "nl", today=TODAY).lines
    assert [kind for kind, _ in lines] == ["open", "decision"]


def test_the_last_meeting_outcomes_show_on_the_slide(fresh_store):
    s = fresh_store
    item = steering.add_item(s, {"held_on": "2026-11-20", "kind": "action", "text": "Survey IT",
                                 "owner": "Cas", "due_date": "2026-12-01"}, "nl", today=TODAY, actor=EDITOR)
    steering.set_status(s, item, "dropped", "nl", today=TODAY, actor=EDITOR)
    slide = steering.decisions_slide(s.read(), for_period("all", TODAY), "nl", today=TODAY)
    assert slide.lines == [("dropped", "Vervallen: Survey IT — Cas")]


def test_status_of_a_decision_or_unknown_item_is_refused(fresh_store):
    item = steering.add_item(fresh_store, {"held_on": "2026-11-20", "kind": "decision",
                                           "text": "Go"}, "en", today=TODAY, actor=EDITOR)
    for target, status in ((item, "done"), (999, "done"), (item, "finished")):
        with pytest.raises(steering.Invalid):
            steering.set_status(fresh_store, target, status, "en", actor=EDITOR)
    assert _audit(fresh_store) == ["steering.decision.add"]


def test_every_chart_slide_carries_its_numbers_for_the_deck(demo_db):
    """A slide with a chart has the series the deck draws natively: no slide falls back
    to a picture, which nobody could edit."""
    db = store.Store(demo_db).read()
    for lang in ("nl", "en"):
        for s in steering.slides(db, _filters(db), lang, TODAY):
            assert (s.chart is None) == (s.series is None), s.key
            if s.series is not None:
                assert len(s.series["categories"]) == len(s.series["values"]) > 0


def _text_marks(node):
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            yield mark
        for key, value in node.items():
            if key not in ("datasets", "data"):
                yield from _text_marks(value)
    elif isinstance(node, list):
        for item in node:
            yield from _text_marks(item)


def test_slide_charts_take_the_slides_height_and_large_type(demo_db):
    import pickle

    from core.steering import charts as slide_charts

    db = store.Store(demo_db).read()
    f = _filters(db)
    for index in range(len(steering.SLIDES)):
        slide = pickle.loads(pickle.dumps(steering.slide(db, f, "nl", index, TODAY)))
        if slide.chart is None:
            continue
        plain = slide_charts._as_drawn.spec(slide.chart)
        before = json.dumps(plain, sort_keys=True)
        spec = slide_charts.slide_spec(slide.chart)
        assert "height" not in spec                      # the page's container decides it
        assert spec["config"]["axis"]["labelFontSize"] >= slide_charts.MIN_FONT
        assert spec["config"]["legend"]["labelFontSize"] >= slide_charts.MIN_FONT
        assert spec["config"]["text"]["fontSize"] >= slide_charts.MIN_FONT
        marks = list(_text_marks(spec))
        assert marks and all(m.get("fontSize", slide_charts.MIN_FONT) >= slide_charts.MIN_FONT
                             for m in marks), slide.key
        assert json.dumps(plain, sort_keys=True) == before    # the cached spec is left alone
    # A label set for 11 px type keeps its distance at 18 px: its offset grows with it.
    acceptance = slide_charts.slide_spec(steering.slide(db, f, "nl", 1, TODAY).chart)
    dys = sorted(m["dy"] for m in _text_marks(acceptance) if "dy" in m)
    small = sorted(m["dy"] for m in _text_marks(slide_charts._as_drawn.spec(
        steering.slide(db, f, "nl", 1, TODAY).chart)) if "dy" in m)
    assert dys and all(abs(b) > abs(a) for a, b in zip(small, dys) if a)
