"""AppTest: the licences editor on the Data page saves, the Overview's licence card follows;
the funnel on the Adoption page; the idle-seat list on the Admin page only once switched on."""
from streamlit.testing.v1 import AppTest

import apptest_helpers
from apptest_helpers import metrics, raw_keys
from core import store
from core.licences import figures

APP = apptest_helpers.APP


def _open(monkeypatch, db_path, page=None, lang=None):
    monkeypatch.setenv("DRAAGVLAK_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if lang:
        at.segmented_control(key="lang").set_value(lang).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _editor_key(at):
    key = at.data_editor[0].key
    assert key.startswith("licences_editor_")
    return key


def test_the_editor_saves_and_the_overview_card_changes(monkeypatch, small_db):
    at = _open(monkeypatch, small_db, lang="en")
    assert metrics(at)["Licences per month"][0] == "No data"
    at.switch_page("pages/data.py").run()
    assert [d.editing_mode for d in at.data_editor] == ["dynamic"]
    # What a project lead types into the empty table: 30 Copilot seats at €20, assigned from
    # the staff list (the small company's 26 people with access).
    at.session_state[_editor_key(at)] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"tool": "copilot", "seats": 30, "price_per_month": 20.0, "valid_from": "2026-01-01",
         "from_staff_list": True}]}
    at.button(key="licences_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success] == ["1 licence row(s) saved."]
    s = store.Store(small_db)
    assert [(r["tool"], r["seats"], r["price_per_month"]) for r in
                    figures.licence_rows(s.read())] == [("Copilot", 30, 20.0)]
    s.close()
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["Licences per month"][0] == "€600"
    # 17 of the 26 holders were active in the 28 days: €600 / 17 = €35.29 → €35.
    assert any("€35 per active user" in c and "4 unassigned" in c for c in apptest_helpers.captions(at))
    assert raw_keys(at) == []


def test_a_bad_cell_is_named_and_nothing_is_saved(monkeypatch, small_db):
    at = _open(monkeypatch, small_db, page="pages/data.py")
    at.session_state[_editor_key(at)] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"tool": "Copilot", "seats": 30, "price_per_month": 20.0}]}
    at.button(key="licences_save").click().run()
    assert at.error[0].value.startswith("Niets opgeslagen:")
    assert "Rij 1, kolom 'Geldig vanaf': verplicht." in at.error[0].value
    s = store.Store(small_db)
    assert s.read().execute("SELECT COUNT(*) FROM licences").fetchone()[0] == 0
    s.close()


def test_adoption_page_shows_the_funnel_in_both_languages(monkeypatch, demo_db):
    for lang, title, step in (("nl", "Van licentie tot power user", "Gewoontegebruiker"),
                              ("en", "From licence to power user", "Habitual")):
        at = _open(monkeypatch, demo_db, page="pages/adoption.py", lang=lang)
        assert title in [h.value for h in at.subheader]
        table = next(d for d in at.dataframe if d.value.shape[0] == 5).value
        assert list(table.iloc[:, 0]) [3] == step
        assert list(table.iloc[:, 1]) == ["129", "117", "106", "64", "50"]     # one text type a column
        assert raw_keys(at) == []


def test_idle_list_only_after_the_switch(monkeypatch, demo_copy):
    at = _open(monkeypatch, demo_copy, page="pages/admin.py", lang="en")
    assert "licences_idle_show" not in [b.key for b in at.button]      # off: no list to show
    at.text_area(key="licences_idle_reason").input("Works council consent of 12 November")
    at.button(key="licences_idle_enable").click().run()
    assert not at.exception, [e.message for e in at.exception]
    at.button(key="licences_idle_show").click().run()
    assert not at.exception, [e.message for e in at.exception]
    table = next(d.value for d in at.dataframe if "Last action" in d.value.columns)
    s = store.Store(demo_copy)
    views = s.read().execute(
        "SELECT detail FROM audit_log WHERE action = 'licences.idle_list.view'").fetchall()
    s.close()
    assert len(views) == 1 and f'"rows": {len(table)}' in views[0][0]
    assert len(table) == 25            # the demo's idle seats: 21 Copilot, 4 ChatGPT


def test_value_against_cost_on_the_overview_and_the_pilots_page(monkeypatch, demo_db):
    # The demo: €47,478 a month of pilot value against €5,828.50 of licences.
    for lang, ratio, cost, note in (("nl", "8,1×", "€ 5.828", "Voor/na is een waarneming"),
                                    ("en", "8.1×", "€5,828", "Before/after is observational")):
        at = _open(monkeypatch, demo_db, lang=lang)
        shown = metrics(at)
        label = "Waarde ÷ licenties" if lang == "nl" else "Value ÷ licences"
        assert shown[label][0] == ratio
        assert shown["Licenties per maand" if lang == "nl" else "Licences per month"][0] == cost
        assert any(c.startswith(note) for c in apptest_helpers.captions(at))
        at.switch_page("pages/pilots.py").run()
        assert not at.exception, [e.message for e in at.exception]
        assert metrics(at)[label][0] == ratio
        assert raw_keys(at) == []
