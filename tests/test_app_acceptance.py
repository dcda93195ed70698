"""AppTest: the Acceptance & surveys page shows the known figures in both languages."""
import datetime as dt

from apptest_helpers import captions, metrics, raw_keys, run_app

PAGE = "pages/acceptance.py"


def open_page(monkeypatch, db_path, lang=None, **widgets):
    at = run_app(monkeypatch, db_path, lang=lang, **widgets)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_dutch_page_shows_the_latest_wave(monkeypatch, small_db):
    at = open_page(monkeypatch, small_db)
    assert at.title[0].value == "Acceptatie & peilingen"
    shown = metrics(at)
    assert shown["Acceptatie"] == ("88%", "+68 procentpunt")              # 22 of 25; wave 1: 5 of 25
    assert shown["Respons"][0] == "Geen gegevens"                # no invited count entered
    assert "Vul bij de peiling in hoeveel mensen zijn uitgenodigd." in captions(at)
    assert shown["Angstindex"][0] == "20%"                       # 5 of 25
    assert shown["eNPS AI-tools"][0] == "+12"                    # (14 − 11) / 25
    assert "n = 25 · 95%-interval 70%–96%" in captions(at)
    assert "Verschil met vorige peiling is significant (p < 0,05)." in captions(at)
    waves = at.dataframe[0].value
    assert list(waves["Acceptatie"]) == ["20%", "88%"]
    assert list(waves["Significant"]) == ["–", "ja"]
    assert at.selectbox(key="acc_wave").value == 2
    assert raw_keys(at) == []


def test_english_page(monkeypatch, small_db):
    at = open_page(monkeypatch, small_db, lang="en")
    shown = metrics(at)
    assert at.title[0].value == "Acceptance & surveys"
    assert shown["Acceptance"] == ("88%", "+68 points")
    assert shown["Response rate"][0] == "No data"
    assert shown["eNPS for the AI tools"][0] == "+12"
    assert "n = 25 · 95% interval 70%–96%" in captions(at)
    assert list(at.dataframe[0].value["Significant"]) == ["–", "yes"]
    assert raw_keys(at) == []


def test_choosing_a_wave(monkeypatch, small_db):
    at = open_page(monkeypatch, small_db)
    at.selectbox(key="acc_wave").set_value(1).run()
    shown = metrics(at)
    assert shown["Acceptatie"][0] == "20%"                       # 5 of 25
    assert not shown["Acceptatie"][1]                            # no earlier wave to compare
    assert shown["Angstindex"][0] == "Geen gegevens"             # wave 1 did not ask FEAR1
    assert any(s.value == "Antwoorden per vraag · Pulse 1" for s in at.subheader)


def test_a_small_department_is_hidden(monkeypatch, small_db):
    # IT has 4 respondents: hidden, and so is a selection including it.
    at = open_page(monkeypatch, small_db, dept=["IT", "Productie"])
    shown = metrics(at)
    assert shown["Acceptatie"][0] == "Verborgen"
    assert "Te weinig respondenten (< 5)" in captions(at)
    assert any("INT1" in i.value and "Niet getoond" in i.value for i in at.info)
    at = open_page(monkeypatch, small_db, dept=["Productie"])
    assert metrics(at)["Acceptatie"][0] == "91%"                 # 10 of 11


def test_creating_a_wave(monkeypatch, small_db):
    at = open_page(monkeypatch, small_db)
    at.text_input(key="acc_wave_name").input("Pulse 3")
    at.date_input(key="acc_wave_date").set_value(dt.date.today() + dt.timedelta(days=3))
    at.button(key="acc_wave_submit").click().run()
    assert [e.value for e in at.error] == ["Peildatum: mag niet in de toekomst liggen."]
    at.date_input(key="acc_wave_date").set_value(dt.date(2026, 10, 30))
    at.number_input(key="acc_wave_invited").set_value(26)
    at.button(key="acc_wave_submit").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Peiling 'Pulse 3' is aangemaakt."]
    waves = at.dataframe[-1].value
    assert list(waves["Peiling"]) == ["Pulse 3", "Pulse 2", "Pulse 1"]
    assert list(waves["Respondenten"]) == ["0", "25", "25"]
    # The chosen wave stays the one with answers.
    assert metrics(at)["Acceptatie"][0] == "88%"


def test_the_page_opens_with_the_key_figures_and_keeps_the_detail_in_tabs(monkeypatch, small_db):
    at = open_page(monkeypatch, small_db)
    labels = [t.label for t in at.tabs]
    assert labels == ["Acceptatie per peiling", "Antwoorden per vraag", "Uitsplitsingen",
                      "Wat nu? Suggesties", "Peilingen en vragenlijst"]
    # The four key figures come before any tab.
    assert [m.label for m in at.metric][:4] == ["Acceptatie", "Respons", "Angstindex", "eNPS AI-tools"]
