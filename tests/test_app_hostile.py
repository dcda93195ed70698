"""AppTest: hostile names show as text (not markdown or HTML) and over-long or control-laden input is refused.

AppTest hands back the markdown source of an element; a name rendered literally is one
whose markdown specials arrive backslash-escaped, so ``**Bob**`` cannot turn bold and
``<script>`` cannot become a tag.
"""
import datetime as dt


from apptest_helpers import raw_keys, run_app
from core import store

HOSTILE = "**Bob** <script>x</script>"
SHOWN = r"\*\*Bob\*\* \<script\>x\</script\>"


def count(db_path, sql):
    s = store.Store(db_path)
    try:
        return s.read().execute(sql).fetchone()[0]
    finally:
        s.close()


def open_page(monkeypatch, db_path, page, lang=None):
    at = run_app(monkeypatch, db_path, lang=lang)
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at, kind):
    return [e.value for e in getattr(at, kind)]


def test_stakeholders_hostile_name_and_long_note(monkeypatch, small_db):
    at = open_page(monkeypatch, small_db, "stakeholders")
    at.text_input(key="sh_person_name").input(HOSTILE)
    at.selectbox(key="sh_person_department").set_value("IT")
    at.selectbox(key="sh_person_level").set_value("management")
    at.button(key="sh_person_submit").click().run()
    assert not at.exception
    assert texts(at, "success") == [f"{SHOWN} is toegevoegd; leg nu een beoordeling vast."]
    # Stored as typed, shown escaped in the "never assessed" warning.
    assert count(small_db, "SELECT count(*) FROM employees WHERE display_name = '**Bob** <script>x</script>'") == 1
    assert any(SHOWN in w for w in texts(at, "warning"))
    assert not any(HOSTILE in w for w in texts(at, "warning") + texts(at, "success"))

    before = count(small_db, "SELECT count(*) FROM stakeholder_assessments")
    bob = count(small_db, "SELECT id FROM employees WHERE display_name LIKE '**Bob**%'")
    at.selectbox(key="sh_assess_person").set_value(bob).run()
    for key, value in {"on": dt.date(2026, 10, 30), "influence": 3, "attitude": 1,
                       "category": "supporter", "by": "Projectleider", "note": "x" * 501}.items():
        at.get_by_key(f"sh_assess_{key}").set_value(value)
    at.button(key="sh_assess_submit").click().run()
    assert at.error[0].value.splitlines()[1:] == ["- Notitie: te lang (hoogstens 500 tekens)."]
    assert count(small_db, "SELECT count(*) FROM stakeholder_assessments") == before
    assert raw_keys(at) == []


def test_pilots_hostile_use_case_and_long_note(monkeypatch, small_db):
    at = open_page(monkeypatch, small_db, "pilots", lang="en")
    at.text_input(key="uc_name_new").input(HOSTILE)
    at.text_input(key="uc_owner_new").input("[Eve](http://evil.example)")
    at.text_input(key="uc_unit_new").input("_quote_")
    at.button(key="uc_submit_new").click().run()
    assert not at.exception
    assert f"Use case {SHOWN} added." in texts(at, "success")
    uid = count(small_db, "SELECT max(id) FROM use_cases")
    at.selectbox(key="pilot_case").set_value(uid).run()
    header = [c for c in texts(at, "caption") if r"\[Eve\]" in c]
    assert len(header) == 1 and r"\_quote\_" in header[0] and "[Eve](" not in header[0]

    before = count(small_db, "SELECT count(*) FROM measurements")
    at.text_area(key="paste_text").input("2026-09-02\tafter\t100\t30\t0\t" + "x" * 501 + "\n")
    at.button(key="paste_submit").click().run()
    assert texts(at, "error") == [
        "Nothing was saved:\n\n- Row 1: Note is too long (at most 500 characters)."]
    at.text_area(key="paste_text").input("2026-09-02\tafter\t2000000000\t30\n")
    at.button(key="paste_submit").click().run()
    assert texts(at, "error") == [
        "Nothing was saved:\n\n- Row 1: Minutes per unit is out of range (at most 1,000,000,000)."]
    at.text_area(key="paste_text").input("2026-09-02\tafter\tinf\t30\n")
    at.button(key="paste_submit").click().run()
    assert texts(at, "error") == ["Nothing was saved:\n\n- Row 1: Minutes per unit: 'inf' is not a number."]
    assert count(small_db, "SELECT count(*) FROM measurements") == before
    assert raw_keys(at) == []


def test_acceptance_hostile_wave_name_and_control_characters(monkeypatch, small_db):
    at = open_page(monkeypatch, small_db, "acceptance")
    at.text_input(key="acc_wave_name").input(HOSTILE)
    at.date_input(key="acc_wave_date").set_value(dt.date(2026, 10, 30))
    at.button(key="acc_wave_submit").click().run()
    assert texts(at, "success") == [f"Peiling '{SHOWN}' is aangemaakt."]
    # The same name again: refused, and the echoed name is escaped too.
    at.text_input(key="acc_wave_name").input(" " + HOSTILE)
    at.date_input(key="acc_wave_date").set_value(dt.date(2026, 10, 29))
    at.button(key="acc_wave_submit").click().run()
    assert texts(at, "error") == [f"Naam: er bestaat al een peiling '{SHOWN}'."]
    at.text_input(key="acc_wave_name").input("Pulse\x1b[31m")
    at.button(key="acc_wave_submit").click().run()
    assert texts(at, "error") == [
        "Naam: bevat onzichtbare stuurtekens; typ de tekst opnieuw of plak hem zonder opmaak."]
    assert count(small_db, "SELECT count(*) FROM surveys") == 3
    assert raw_keys(at) == []
