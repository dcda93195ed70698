"""AppTest of the steering page: slide navigation, the decisions log, both languages."""
import datetime as dt

import pytest

from apptest_helpers import raw_keys, run_app
from core import i18n, steering, store

PAGE = "pages/steering.py"


def _open(monkeypatch, db_path, lang=None):
    at = run_app(monkeypatch, db_path, lang=lang)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _html(at):
    return [h.value for h in at.html]


def _title(at):
    return next(v for v in _html(at) if 'class="dv-title"' in v)


def _numbers(at):
    return next((v for v in _html(at) if 'class="dv-num"' in v), "")


@pytest.mark.parametrize("lang,expected", [
    ("nl", ["Wordt onze AI-uitrol gedragen?", "Acceptatie: staan medewerkers erachter?", "Adoptie per segment",
            "Stakeholders: bovenste rij en bewegingen", "Pilots en business case",
            "Licenties: kosten en gebruik", "Besluiten en volgende stappen"]),
    ("en", ["Is our AI rollout accepted?", "Acceptance: is staff behind it?", "Adoption by segment",
            "Stakeholders: top row and movements", "Pilots and business case",
            "Licences: cost and use", "Decisions and next steps"]),
])
def test_next_and_previous_walk_the_slides(monkeypatch, demo_db, lang, expected):
    at = _open(monkeypatch, demo_db, None if lang == "nl" else lang)
    seen = [_title(at)]
    assert at.button(key="steer_prev").disabled
    at.button(key="steer_next").click().run()
    seen.append(_title(at))
    assert ">91%<" in _numbers(at) and (">+25<" in _numbers(at))
    for n in range(3, 8):
        at.button(key="steer_next").click().run()
        assert not at.exception
        seen.append(_title(at))
        assert any(i18n.t("steering.slide_number", lang, n=n, total=7) in m.value
                   for m in at.markdown)
    assert [t.split(">")[1].split("<")[0] for t in seen] == expected
    assert at.button(key="steer_next").disabled
    at.button(key="steer_prev").click().run()
    assert expected[5] in _title(at)
    # The licence slide: cost per month of the demo's two tools (135 × €28.10 + 37 × €55).
    assert f">{i18n.fmt_money(135 * 28.10 + 37 * 55.0, lang)}<" in _numbers(at)
    at.button(key="steer_prev").click().run()
    assert expected[4] in _title(at)
    assert ">€ 47.478<" in _numbers(at) if lang == "nl" else ">€47,478<" in _numbers(at)
    assert raw_keys(at) == []


def test_the_log_adds_an_action_that_appears_on_the_last_slide(monkeypatch, demo_copy):
    at = _open(monkeypatch, demo_copy, "en")
    for _ in range(6):
        at.button(key="steer_next").click().run()
    # The demo's log: two open actions from its two meetings, one of them overdue.
    assert ">2<" in _numbers(at)
    assert "Eén-op-één gesprek met Jan Willem Dekker" in " ".join(_html(at))
    at.text_input(key="steer_text").input("Train the sales team")
    at.text_input(key="steer_owner").input("Anna de Wit")
    at.date_input(key="steer_due").set_value(dt.date.today() + dt.timedelta(days=14))
    at.button(key="steer_add").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success] == ["Recorded."]
    page = " ".join(_html(at))
    assert "Action: Train the sales team — Anna de Wit, due" in page
    assert ">3<" in _numbers(at)        # three open actions now
    s = store.Store(demo_copy)
    assert "Train the sales team" in [i["text"] for i in steering.log(s.read())]
    assert s.read().execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0] \
        == "steering.action.add"
    s.close()


def test_a_missing_owner_is_named_and_nothing_is_saved(monkeypatch, demo_copy):
    at = _open(monkeypatch, demo_copy)
    at.text_input(key="steer_text").input("Plan de training")
    at.button(key="steer_add").click().run()
    assert [e.value for e in at.error] == ["Eigenaar: vul dit in.", "Deadline: vul dit in."]
    s = store.Store(demo_copy)
    assert "Plan de training" not in [i["text"] for i in steering.log(s.read())]
    assert len(steering.log(s.read())) == 5            # the demo's log, unchanged
    s.close()


def test_the_opening_slide_gives_the_verdict_and_the_clicker_keys_walk_on(monkeypatch, demo_db):
    from core import kpis
    s = store.Store(demo_db)
    db = s.read()
    v = kpis.verdict(db, kpis_filters(db))
    s.close()
    at = _open(monkeypatch, demo_db)
    assert "Wordt onze AI-uitrol gedragen?" in _title(at)
    answer = i18n.t("steering.verdict." + v["answer"], "nl")
    assert f">{answer}<" in _numbers(at)
    page = " ".join(_html(at))
    assert html_escape(kpis.verdict_sentence(v, "nl")) in page
    # PageDown and space (a clicker, the keyboard) go on; PageUp goes back.
    at.button(key="steer_key_pagedown").click().run()
    assert "Acceptatie" in _title(at)
    at.button(key="steer_key_space").click().run()
    assert "Adoptie" in _title(at)
    at.button(key="steer_key_pageup").click().run()
    assert "Acceptatie" in _title(at)
    # The exit button (Esc) leaves for the Overview.
    at.button(key="steer_leave_button").click().run()
    assert not at.exception
    assert at.title[0].value.startswith("Overzicht")


def kpis_filters(db):
    from core import kpis
    from core.filters import for_period
    return for_period("12m", kpis.data_as_of(db))


def html_escape(text):
    import html
    return html.escape(text)
