"""AppTest: the Data page previews a file, imports it, undoes it — and the Overview follows."""
import hashlib
from pathlib import Path

from streamlit.testing.v1 import AppTest

import apptest_helpers
from apptest_helpers import metrics, raw_keys
from core import store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
APP = apptest_helpers.APP


def open_data_page(monkeypatch, db_path, lang=None):
    monkeypatch.setenv("DRAAGVLAK_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if lang:
        at.segmented_control(key="lang").set_value(lang).run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload(at, *names):
    files = [(n, (FIXTURES / n).read_bytes(), "text/csv") for n in names]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_preview_import_undo_moves_the_overview(monkeypatch, small_db):
    at = open_data_page(monkeypatch, small_db)
    assert at.title[0].value == "Gegevens"
    upload(at, "chatgpt_weekly.csv")
    captions = [c.value for c in at.caption]
    assert "Herkend als: ChatGPT Enterprise-gebruikersexport · 4 rijen" in captions
    assert at.info[0].value == "Klaar om te importeren: 4 personen, 3 gebruiksregels."
    # Carla's department is an empty JSON array: the preview says where she goes.
    assert at.warning[0].value.startswith(
        "1 persoon/personen staan nog niet op een personeelslijst; ze komen onder "
        "'Afdeling onbekend'")
    s = store.Store(small_db)
    assert s.read().execute("SELECT COUNT(*) FROM import_batches").fetchone()[0] == 0   # preview writes nothing
    at.button(key="data_import").click().run()
    assert not at.exception
    # AppTest reads the markdown source: the file name is escaped, so it shows as typed.
    assert at.success[0].value == r"Geïmporteerd: chatgpt\_weekly.csv."
    db = s.read()
    assert db.execute("SELECT COUNT(*) FROM usage_daily WHERE batch_id = 1").fetchone()[0] == 3
    history = [d.value for d in at.dataframe if "Bestand" in d.value.columns][0]
    assert history.iloc[0]["Bestand"] == "chatgpt_weekly.csv"
    assert history.iloc[0]["Soort"] == "ChatGPT Enterprise-gebruikersexport"
    assert history.iloc[0]["Rijen"] == 4

    # Overview, now as of 21-11-2026: the old usage (20-10) fell out of the 28-day window;
    # 3 of the 4 newcomers (licensed from 16-11) are active.
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["Adoptie"][0] == "10%"          # 3 active / 30 with access

    at.switch_page("pages/data.py").run()
    at.checkbox(key="data_undo_confirm").check().run()
    at.button(key="data_undo").click().run()
    assert not at.error, at.error[0].value
    assert at.success[0].value == "Import #1 is ongedaan gemaakt."
    assert db.execute("SELECT COUNT(*) FROM usage_daily WHERE batch_id = 1").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM employees").fetchone()[0] == 26
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["Adoptie"][0] == "65%"          # back to 17 of 26
    s.close()


def test_invalid_file_shows_row_and_column_and_cannot_be_imported(monkeypatch, small_db):
    at = open_data_page(monkeypatch, small_db, lang="en")
    bad = (FIXTURES / "staff_nl.csv").read_bytes().replace(b"01-03-2026;01-02-2018", b"31-02-2026;01-02-2018")
    at.file_uploader[0].set_value(("staff.csv", bad, "text/csv")).run()
    assert at.error[0].value.startswith("1 error(s): nothing will be imported.")
    assert ("staff.csv, row 2, column 'AI-toegang vanaf': '31-02-2026' is not a valid date."
            in at.error[0].value)
    assert at.button(key="data_import").disabled
    assert raw_keys(at) == []


def test_survey_preview_offers_to_map_a_non_standard_item(monkeypatch, small_db):
    at = open_data_page(monkeypatch, small_db, lang="en")
    at.file_uploader[0].set_value(
        ("forms_pulse.xlsx", (FIXTURES / "forms_pulse.xlsx").read_bytes(),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    assert "Recognised as: Microsoft Forms results · 6 rows" in [c.value for c in at.caption]
    assert at.info[0].value == "Ready to import: wave 'Pulse 2026-11' of 15 Nov 2026, 6 respondents."
    box = [sb for sb in at.selectbox if sb.label == "Map 'Ik gebruik AI ook thuis.' to"]
    assert box and box[0].value is None
    box[0].set_value("usefulness").run()
    at.button(key="data_import").click().run()
    s = store.Store(small_db)
    codes = {r[0] for r in s.read().execute(
        "SELECT DISTINCT question_code FROM survey_answers a JOIN survey_respondents r "
        "ON r.id = a.respondent_id JOIN surveys w ON w.id = r.survey_id WHERE w.name = 'Pulse 2026-11'")}
    s.close()
    assert codes >= {"INT1", "FEAR1", "NPS1", "OPEN1"} and any(c.startswith("X") for c in codes)
    assert raw_keys(at) == []


def test_empty_store_page_and_templates(monkeypatch, tmp_path):
    path = tmp_path / "empty.db"
    store.Store(path).close()
    at = open_data_page(monkeypatch, path)
    assert "Nog geen imports." in [c.value for c in at.caption]
    assert at.selectbox(key="data_template").value == "staff"
    assert raw_keys(at) == []


def backups_table(at):
    return [d.value for d in at.dataframe if {"Aanleiding", "Reason"} & set(d.value.columns)][0]


def test_back_up_now_then_restore_brings_the_figures_back(monkeypatch, small_db):
    at = open_data_page(monkeypatch, small_db)
    assert "Nog geen back-ups." in [c.value for c in at.caption]
    at.button(key="data_backup_now").click().run()
    assert at.success[0].value.startswith("Back-up gemaakt: small-") and at.success[0].value.endswith("-manual.db.")
    listed = backups_table(at)
    assert list(listed["Aanleiding"]) == ["met de hand"]
    assert listed.iloc[0]["Grootte"].endswith(" kB")

    # An import: the page backs up the state before it, and the Overview moves.
    upload(at, "chatgpt_weekly.csv")
    at.button(key="data_import").click().run()
    # AppTest reads the markdown source: the file name is escaped, so it shows as typed.
    assert at.success[0].value == r"Geïmporteerd: chatgpt\_weekly.csv."
    assert list(backups_table(at)["Aanleiding"]) == ["vóór een import", "met de hand"]
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["Adoptie"][0] == "10%"

    # Restore the hand-made backup: only after the confirmation.
    at.switch_page("pages/data.py").run()
    picks = at.selectbox(key="data_restore_pick")
    picks.set_value(list(picks.options)[-1]).run()
    assert at.button(key="data_restore").disabled
    at.checkbox(key="data_restore_confirm").check().run()
    at.button(key="data_restore").click().run()
    assert not at.exception and not at.error
    done = at.success[0].value
    assert done.startswith("De back-up van ") and " is teruggezet. De stand van vlak daarvoor is bewaard als back-up small-" in done
    assert done.endswith("-before_restore.db.")
    assert list(backups_table(at)["Aanleiding"]) == [
        "vóór terugzetten", "vóór een import", "met de hand"]
    assert "Nog geen imports." in [c.value for c in at.caption]       # the import is gone with it
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["Adoptie"][0] == "65%"                          # back to 17 of 26
    assert raw_keys(at) == []


def test_backups_section_in_english(monkeypatch, small_db):
    at = open_data_page(monkeypatch, small_db, lang="en")
    assert "No backups yet." in [c.value for c in at.caption]
    at.button(key="data_backup_now").click().run()
    assert at.success[0].value.startswith("Backup made: small-")
    assert list(backups_table(at)["Reason"]) == ["by hand"]
    assert at.checkbox(key="data_restore_confirm").label == "I understand that all data then returns to that state"
    assert raw_keys(at) == []


# ---------------------------------------------------------------- column mapping (issue 16)

GEMINI = {"person": "User email", "day": "Date", "actions": "Prompts"}


def map_gemini(at, filename, name="Gemini"):
    slug = hashlib.sha1(filename.encode()).hexdigest()[:8]      # as the page keys a file's widgets
    at.selectbox(key=f"colkind_{slug}").set_value("usage").run()
    for field, column in GEMINI.items():
        at.selectbox(key=f"colmap_{slug}_usage_{field}").set_value(column).run()
    at.text_input(key=f"colname_{slug}").input(name).run()
    assert not at.exception, [e.message for e in at.exception]


def test_an_unknown_usage_file_is_mapped_imported_and_its_mapping_reused(monkeypatch, small_db):
    at = open_data_page(monkeypatch, small_db, lang="en")
    upload(at, "gemini_usage_nov.csv")
    assert at.info[0].value.startswith("No importer knows this file. Map its columns yourself")
    assert not at.error                              # no dead end: the form is the way forward
    assert at.button(key="data_import").disabled
    map_gemini(at, "gemini_usage_nov.csv")
    assert "Ready to import: 3 people, 3 usage rows." in [i.value for i in at.info]
    stored = [d.value for d in at.dataframe if "number of actions" in d.value.columns][0]
    assert list(stored["tool"]) == ["Gemini"] * 3 and list(stored["number of actions"]) == [4, 3, 2]
    assert list(stored["day"]) == ["2026-11-16", "2026-11-17", "2026-11-18"]
    assert raw_keys(at) == []
    s = store.Store(small_db)
    assert s.read().execute("SELECT COUNT(*) FROM column_mappings").fetchone()[0] == 0   # preview writes nothing
    at.button(key="data_import").click().run()
    assert not at.exception, [e.message for e in at.exception]
    db = s.read()
    assert db.execute("SELECT name, kind FROM column_mappings").fetchall() == [("Gemini", "usage")]
    assert db.execute("SELECT COUNT(*), SUM(actions) FROM usage_daily WHERE tool = 'Gemini'").fetchone() == (3, 9)

    # Next month's file of the same columns: recognised by the saved mapping, one click.
    upload(at, "gemini_usage_dec.csv")
    assert "Mapping 'Gemini' applied." in [c.value for c in at.caption]
    assert "Ready to import: 2 people, 2 usage rows." in [i.value for i in at.info]
    at.button(key="data_import").click().run()
    assert not at.exception
    assert s.read().execute("SELECT COUNT(*) FROM usage_daily WHERE tool = 'Gemini'").fetchone()[0] == 5

    # Renamed, then deleted.
    at.text_input(key="data_mapping_name").input("Gemini for Workspace").run()
    at.button(key="data_mapping_rename").click().run()
    assert s.read().execute("SELECT name FROM column_mappings").fetchall() == [("Gemini for Workspace",)]
    assert at.success[0].value == "Mapping renamed to 'Gemini for Workspace'."
    at.button(key="data_mapping_delete").click().run()
    assert s.read().execute("SELECT COUNT(*) FROM column_mappings").fetchone()[0] == 0


def test_an_undecidable_date_column_is_asked_on_the_page(monkeypatch, small_db):
    at = open_data_page(monkeypatch, small_db, lang="en")
    data = ("Timestamp,Department,I want to keep using the AI tools.,I worry that AI will make my job redundant.\n"
            "04/05/2026 09:00:00,Sales,Agree,Disagree\n05/04/2026 10:00:00,Sales,Strongly agree,Agree\n"
            "05/04/2026 11:00:00,IT,Disagree,Agree\n").encode()
    at.file_uploader[0].set_value([("pulse.csv", data, "text/csv")]).run()
    radio = at.radio[0]
    assert radio.label == "The file does not show how the dates in column 'Timestamp' are meant. How should they be read?"
    assert radio.options == ["day-month (04/05/2026 09:00:00 = 4 May 2026)",
                             "month-day (04/05/2026 09:00:00 = 5 Apr 2026)"]
    assert at.button(key="data_import").disabled
    radio.set_value("mdy").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Dates in column 'Timestamp' read as month-day, as chosen: 5 Apr 2026 – 4 May 2026." in [
        c.value for c in at.caption]
    at.button(key="data_import").click().run()
    assert store.Store(small_db).read().execute(
        "SELECT held_on FROM surveys WHERE name = 'Pulse 2026-05'").fetchall() == [("2026-05-04",)]


def test_the_preview_shows_format_wave_items_and_how_dates_were_read(monkeypatch, small_db):
    at = open_data_page(monkeypatch, small_db)
    upload(at, "excel_nl_survey.csv", "google_forms_en_gb_december.csv")
    captions = [c.value for c in at.caption]
    assert "Herkend als: Peiling (vragen herkend aan code of tekst) · 7 rijen" in captions
    assert "Vragen gevonden (5): COM1, FEAR1, INT1, OPEN1, PU1" in captions
    assert "Herkend als: Google Forms-antwoorden · 6 rijen" in captions
    assert ("Datums in kolom 'Timestamp' gelezen als dag-maand: de 6 rijen vallen op 01-12-2026 – "
            "03-12-2026. Als maand-dag zouden ze maanden uit elkaar liggen.") in captions
    infos = [i.value for i in at.info]
    assert "Klaar om te importeren: peiling 'Pulse 2026-11' van 27-11-2026, 7 respondenten." in infos
    assert raw_keys(at) == []


def test_the_uploader_speaks_the_pages_language(monkeypatch, small_db):
    # Streamlit's drop-zone texts ("Upload", "200MB per file") are English whatever the page:
    # its label, help and a caption under it say what to drop, and the limit, in the page's.
    for lang, label, caption in (
            ("nl", "Bestanden (CSV of Excel)", "CSV, Excel (.xlsx) of JSON, tot 200 MB per bestand."),
            ("en", "Files (CSV or Excel)", "CSV, Excel (.xlsx) or JSON, up to 200 MB per file.")):
        at = open_data_page(monkeypatch, small_db, lang=lang if lang == "en" else None)
        assert at.file_uploader[0].label == label
        assert at.file_uploader[0].help.startswith("CSV (")
        assert any(c.value.endswith(caption) for c in at.caption), [c.value for c in at.caption]
