"""The translation catalog is complete and numbers and dates follow the language."""
import datetime as dt
import re
import string

from core import i18n


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_placeholders():
    for key, entry in i18n.CATALOG.items():
        assert set(entry) >= set(i18n.LANGS), f"{key} misses a language"
        assert all(entry[lang].strip() for lang in i18n.LANGS), f"{key} has an empty text"
        assert _fields(entry["nl"]) == _fields(entry["en"]), f"{key}: placeholders differ"


def test_every_kpi_has_a_label_and_a_help_text():
    from core import kpis
    for name in kpis.KPI_NAMES:
        assert f"kpi.{name}.label" in i18n.CATALOG and f"kpi.{name}.help" in i18n.CATALOG


def test_numbers_per_language():
    assert i18n.fmt_number(1234.5, "nl", 1) == "1.234,5"
    assert i18n.fmt_number(1234.5, "en", 1) == "1,234.5"
    assert i18n.fmt_number(-1234567, "nl") == "−1.234.567"
    assert i18n.fmt_pct(0.89, "nl") == "89%"
    assert i18n.fmt_pct(0.123, "nl", 1) == "12,3%"
    assert i18n.fmt_pct(0.05, "en", signed=True) == "+5%"
    assert i18n.fmt_points(-12.4, "en") == "−12"
    assert i18n.fmt_money(12345.6, "nl") == "€ 12.346"
    assert i18n.fmt_money(12345.6, "en") == "€12,346"
    assert i18n.fmt_pct(None) == "–"


def test_dates_per_language():
    day = dt.date(2026, 11, 27)
    assert i18n.fmt_date(day, "nl") == "27-11-2026"
    assert i18n.fmt_date("2026-11-27", "en") == "27 Nov 2026"


def test_placeholders_are_filled():
    assert i18n.t("data_as_of", "en", date="27 Nov 2026") == "Data as of 27 Nov 2026"


def test_every_whole_number_in_a_text_takes_the_one_number_style():
    from core import i18n
    detail = dict(active=3738, eligible=4593, days=28, date="20-10-2026")
    assert i18n.t("card.adoption.detail", "nl", **detail).startswith("3.738 van 4.593 met toegang")
    assert i18n.t("card.adoption.detail", "en", **detail).startswith("3,738 of 4,593")
    assert i18n.t("card.change", "nl", delta=-9) == "−9 procentpunt"      # typographic minus
    # Identifiers are not counts: a batch id stays as it is.
    assert i18n.t("data.undo.done", "nl", id=1234) == "Import #1234 is ongedaan gemaakt."


def test_the_glossary_says_which_way_is_good_in_both_languages():
    from core import i18n
    for term in ("points", "n", "ci", "adoption", "fear", "enps", "stakeholders"):
        for lang in i18n.LANGS:
            assert i18n.t(f"glossary.{term}", lang).startswith("**")
    assert "Lager is beter" in i18n.t("glossary.fear", "nl")
    assert "higher is better" in i18n.t("glossary.enps", "en")


def test_one_formatter_per_figure_type_with_its_decimal_rule():
    assert i18n.fmt_count(3846, "nl") == "3.846" and i18n.fmt_count(3846, "en") == "3,846"
    assert i18n.fmt_count(1234567.4, "nl") == "1.234.567"
    assert i18n.fmt_score(3.14159, "nl") == "3,1" and i18n.fmt_score(4.95, "en") == "5.0"
    assert i18n.fmt_score(-0.26, "nl") == "−0,3"
    assert i18n.fmt_stat(0.8234, "nl") == "0,82" and i18n.fmt_stat(0.8234, "en") == "0.82"
    assert i18n.fmt_change(0.231, "nl") == "+23%" and i18n.fmt_change(0.025, "nl") == "+2,5%"
    assert i18n.fmt_change(-0.025, "en") == "−2.5%"
    assert i18n.fmt_minutes(47.6, "nl") == "48" and i18n.fmt_minutes(7.46, "nl") == "7,5"
    assert i18n.fmt_money(12345.6, "nl") == "€ 12.346"
    # Every negative figure takes the typographic minus, never the hyphen-minus.
    for text in (i18n.fmt_number(-5, "en"), i18n.fmt_pct(-0.09, "nl"), i18n.fmt_points(-15, "nl"),
                 i18n.fmt_score(-1.5, "en"), i18n.fmt_stat(-0.1, "nl"), i18n.fmt_change(-0.3, "en")):
        assert text.startswith(i18n.MINUS) and "-" not in text, text
    # What rounds to zero carries no sign.
    assert i18n.fmt_number(-0.004, "nl", 2) == "0,00"
    assert i18n.fmt_points(-0.4, "nl") == "0"


def test_an_unknown_department_is_named_in_the_readers_language():
    assert i18n.department_label(i18n.UNKNOWN_DEPARTMENT, "nl") == "Afdeling onbekend"
    assert i18n.department_label(i18n.UNKNOWN_DEPARTMENT, "en") == "Department unknown"
    assert i18n.department_label("Verkoop", "en") == "Verkoop"
    from core.importers.common import UNKNOWN_DEPARTMENT
    assert UNKNOWN_DEPARTMENT is i18n.UNKNOWN_DEPARTMENT            # one stored name


def test_no_message_names_an_exception_class():
    # "(BadZipFile)", "(ValueError)": Python's words are English and tell a project lead nothing.
    bad = [f"{key} ({lang})" for key in ("data.err.file_bad_xlsx", "data.err.file_bad_csv",
                                         "data.err.unreadable", "data.err.worker_failed")
           for lang in i18n.LANGS
           if "{value}" in i18n.CATALOG[key][lang]]
    assert bad == []
    text = i18n.t("data.err.file_bad_xlsx", "nl", file="x.xlsx", value="BadZipFile")
    assert "BadZipFile" not in text and text.startswith("x.xlsx: het Excel-bestand")


def test_the_kpis_text_output_takes_the_one_number_style(capsys):
    from core import cli
    result = {"as_of": "2026-11-30",
              "acceptance_rate": {"value": 0.912, "n": 3473, "wave": "Pulse 5"},
              "adoption_rate": {"value": 0.81, "active": 3734, "eligible": 4593, "window_days": 28},
              "fear_index": {"value": None}, "enps": {"value": -15.2}, "time_saved": [],
              "stakeholders": {"key_champions": 2, "critical_blockers": 1, "overdue": 0}}
    cli._print_text(result)
    out = capsys.readouterr().out
    assert "91% (n=3,473, wave Pulse 5)" in out and "(3,734/4,593, 28 days)" in out
    assert "fear index        –" in out and "eNPS              −15" in out
    assert not re.search(r"(?<![\w\-/.:])-\d", out)       # no hyphen-minus before a figure
