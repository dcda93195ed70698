"""One check for every piece of free text a form takes: trimmed, not too long, no control characters.

HTML, script and markdown are NOT stripped: "<b>Bob</b>" is a name someone may really
type and is stored as typed. Pages always show user text as text (dataframes,
``st.text``, Altair labels) or escaped (``ui.context.md_escape``) wherever it meets
markdown, so stored text can never become markup.
"""
import unicodedata

class TextProblem(ValueError):
    """Text a form cannot take; ``code`` is ``too_long`` or ``control_chars``, ``max`` the limit."""

    def __init__(self, code, max_len=None):
        super().__init__(code)
        self.code = code
        self.max = max_len


def has_control_chars(text, multiline=False):
    """Whether ``text`` holds a control character (Unicode category Cc).

    :param multiline: newlines and tabs are then allowed (a note); ``\\r\\n`` counts as a newline.
    """
    allowed = {"\n", "\t"} if multiline else set()
    if multiline:
        text = text.replace("\r\n", "\n")
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


def clean_text(value, *, max_len, multiline=False):
    """Return ``value`` as text without surrounding space; ``""`` for ``None``.

    :param max_len: the most characters allowed after trimming.
    :param multiline: allow newlines and tabs (notes); otherwise they are refused too.
    :raises TextProblem: ``control_chars`` for a control character (NUL, ESC, BEL, a
        newline in a one-line field, …), ``too_long`` when longer than ``max_len``.
    """
    if value is None:
        return ""
    # Only ordinary space is trimmed before the check: str.strip() alone would silently
    # drop control characters such as \x1f at the ends instead of refusing them.
    text = str(value).strip(" \t\n\r")
    if multiline:
        text = text.replace("\r\n", "\n")
    if has_control_chars(text, multiline):
        raise TextProblem("control_chars", max_len)
    text = text.strip()
    if len(text) > max_len:
        raise TextProblem("too_long", max_len)
    return text


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# "=HYPERLINK(…)", "+cmd|…", "-2+3", "@SUM(…)"; a leading tab or carriage return hides one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Return ``value`` safe for a CSV or Excel cell: text starting with ``= + - @``, a tab or
    a carriage return gets a leading ``'``, so a spreadsheet shows it as text and never runs
    it as a formula (OWASP, CSV injection). Numbers, dates and ``None`` stay as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    """``safe_cell`` applied to every value of a row (a list comes back)."""
    return [safe_cell(v) for v in values]


def safe_frame(frame):
    """A copy of a pandas DataFrame with every text cell and column name passed through ``safe_cell``."""
    out = frame.copy()
    out.columns = [safe_cell(c) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = out[column].map(safe_cell)
    return out
