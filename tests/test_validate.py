"""The shared text check of every form (core.validate.clean_text) and the markdown escape of the pages."""
import pytest

from core import validate
from core.validate import TextProblem, clean_text, has_control_chars
from ui.context import md_escape


@pytest.mark.parametrize("value, expected", [
    ("  Bob  ", "Bob"),
    (None, ""),
    ("", ""),
    ("\tBob\n", "Bob"),                              # ordinary space around is trimmed
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),   # stored as typed, shown as text
    ("**Bob** [x](http://e.nl)", "**Bob** [x](http://e.nl)"),
    ("Zoë Çelik-Ünal 王", "Zoë Çelik-Ünal 王"),
    (42, "42"),
])
def test_clean_text_keeps_what_it_can_take(value, expected):
    assert clean_text(value, max_len=40) == expected


@pytest.mark.parametrize("value", ["a\x00b", "a\x1bb", "Bob\x07", "a\nb", "a\tb", "a\rb",
                                   "\x1fBob", "Bob\x7f", "a\x85b"])
def test_control_characters_are_refused_in_one_line_fields(value):
    with pytest.raises(TextProblem) as caught:
        clean_text(value, max_len=40)
    assert caught.value.code == "control_chars"


def test_a_note_may_hold_newlines_and_tabs_but_no_other_control_character():
    assert clean_text(" line 1\r\nline\t2 ", max_len=40, multiline=True) == "line 1\nline\t2"
    with pytest.raises(TextProblem) as caught:
        clean_text("line 1\n\x00", max_len=40, multiline=True)
    assert caught.value.code == "control_chars"


def test_the_length_limit_counts_after_trimming():
    assert clean_text("  " + "x" * 10 + "  ", max_len=10) == "x" * 10
    with pytest.raises(TextProblem) as caught:
        clean_text("x" * 11, max_len=10)
    assert (caught.value.code, caught.value.max) == ("too_long", 10)


def test_has_control_chars():
    assert has_control_chars("a\nb") and not has_control_chars("a\nb", multiline=True)
    assert not has_control_chars("gewoon tekst, met – streepje")


@pytest.mark.parametrize("text, escaped", [
    ("**Bob** <script>x</script>", r"\*\*Bob\*\* \<script\>x\</script\>"),
    # No link; a zero-width space after the scheme stops GFM's autolinking, which escapes
    # cannot (test_browser_access.py shows it in Chromium).
    ("[klik](http://e.nl)", "\\[klik\\](http\u200b\\://e.nl)"),
    ("www.e.nl en a@b.nl", "www\u200b.e.nl en a@\u200bb.nl"),
    ("$x$ ~~weg~~ `code` _i_", r"\$x\$ \~\~weg\~\~ \`code\` \_i\_"),
    (":red[rood] :smile:", r"\:red\[rood\] \:smile:"),
    ("# kop", r"\# kop"),
    ("- lijst", r"\- lijst"),
    ("1. lijst", r"\1. lijst"),
    ("Demo B.V. (Rij 3: fout)", "Demo B.V. (Rij 3: fout)"),     # plain text is left alone
    ("a\\b &amp;", r"a\\b \&amp;"),
    (None, ""),
])
def test_md_escape(text, escaped):
    assert md_escape(text) == escaped


# ---------------------------------------------------------------- spreadsheet formulas in exports

@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+31 6 1234", "'+31 6 1234"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Bob = Alice", "Bob = Alice"),
    ("", ""),
    (-5, -5),
    (None, None),
])
def test_safe_cell(value, expected):
    from core.validate import safe_cell
    assert safe_cell(value) == expected


def test_exports_neutralise_formulas():
    import io

    import openpyxl
    import pandas as pd

    from core import stakeholders as sh

    frame = pd.DataFrame({"Naam": ["=cmd|' /C calc'!A0", "Bob"], "Score": [-1, 2]})
    text = sh.to_csv(frame, "en").decode("utf-8-sig")
    assert text.splitlines() == ["Naam,Score", "'=cmd|' /C calc'!A0,-1", "Bob,2"]
    ws = openpyxl.load_workbook(io.BytesIO(sh.to_excel(frame))).active
    assert [c.value for c in ws["A"]] == ["Naam", "'=cmd|' /C calc'!A0", "Bob"]
    assert ws["A2"].data_type == "s" and ws["B2"].value == -1


def test_table_download_and_questionnaire_neutralise_formulas(fresh_store):
    from conftest import SYSTEM
    from core import importers, surveys

    import io

    import openpyxl

    with fresh_store.write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('=1+1')")
    db = fresh_store.read()
    assert "'=1+1" in importers.table_csv(db, "departments").decode("utf-8-sig").splitlines()
    # The department question offers the departments as its options.
    assert ",Choice,'=1+1,No" in surveys.questionnaire_csv(db, "en").decode("utf-8-sig")
    ws = openpyxl.load_workbook(io.BytesIO(surveys.questionnaire_xlsx(db, "en"))).active
    assert ws["E2"].value == "'=1+1" and ws["E2"].data_type == "s"


def test_one_validation_error_type_for_every_path_that_reads_user_text(tmp_path):
    """Imports, the Pilots page and stakeholder edits refuse input with the same type: a
    row, a column and a catalog key, said in words that name them."""
    from core import i18n, pilots, stakeholders
    from core.importers import plan_import
    from core import store

    s = store.Store(tmp_path / "v.db")
    plan = plan_import(s.read(), b"E-mailadres;Naam;Afdeling;Functieniveau\nx@example.nl;X;IT;Baas\n", "staff.csv")
    found = [plan.errors[0]]
    rows, _ = pilots.parse_pasted("2026-03-02\tvooraf\ttwee\n")
    found.append(pilots.clean_measurement(rows[0], rows[0]["row"], lang="nl")[1][0])
    found.append(stakeholders.Problem("influence", "range", 4, (("low", 1), ("high", 5))))
    for p in found:
        assert isinstance(p, validate.Problem)
        assert p.key in i18n.CATALOG and p.row and p.column
    assert [(p.row, p.column, p.key) for p in found] == [
        (2, "Functieniveau", "data.err.bad_value"),
        (1, "minutes_per_unit", "pilots.error.not_number"),
        (4, "influence", "stakeholders.error.range")]
    assert found[0].message("en") == (
        "staff.csv, row 2, column 'Functieniveau': 'Baas' is not valid. Expected: Management, "
        "Middle management, Employee or IT.")
    assert issubclass(pilots.InvalidInput, validate.Invalid)
    assert issubclass(stakeholders.ValidationError, validate.Invalid)
