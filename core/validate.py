"""One check for every piece of free text a form takes: trimmed, not too long, no control characters.

HTML, script and markdown are NOT stripped: "<b>Bob</b>" is a name someone may really
type and is stored as typed. Pages always show user text as text (dataframes,
``st.text``, Altair labels) or escaped (``ui.context.md_escape``) wherever it meets
markdown, so stored text can never become markup.
"""
import unicodedata


class Problem:
    """THE validation error: one thing wrong with user input, whichever path read it (an
    import, the Pilots page's paste and forms, a stakeholder edit): where it is — ``row``
    (the row as the user numbers it; ``None`` for a single form) and ``column`` (the
    file's column or the form's field) — and what is wrong: ``key``, a catalog key, with
    its ``params``. ``message(lang)`` says it in words, naming row and column.

    Subclasses (``importers.common.Issue``, ``pilots.Problem``, ``stakeholders.Problem``)
    keep their own fields and message layout and expose these four.
    """

    row: int | None = None
    column: str | None = None
    key: str | None = None
    params: dict | None = None

    def message(self, lang):
        raise NotImplementedError


class Invalid(ValueError):
    """Input that was refused and changed nothing; ``problems`` lists every ``Problem``."""

    def __init__(self, problems, text=None):
        self.problems = list(problems)
        super().__init__(text if text is not None else "; ".join(p.key for p in self.problems))

    def messages(self, lang):
        return [p.message(lang) for p in self.problems]


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


# ---------------------------------------------------------------- numbers

class NumberProblem(ValueError):
    """Text that is no number (``code`` ``not_number``) or that is one number in Dutch and
    another in English with nothing to decide between them (``ambiguous``: ``1.234``)."""

    def __init__(self, code, value):
        super().__init__(f"{code}: {value!r}")
        self.code = code
        self.value = value


_NUMBER_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
_CURRENCY = ("€", "EUR", "$", "USD", "£", "GBP")


def parse_number(value, lang=None):
    """THE number parser for text a person typed, pasted or exported: ``None`` for blank.

    Read by babel's ``parse_decimal`` (strict: digits grouped by threes) in Dutch and in
    English. In Dutch ``2.500`` is 2500 and ``2,5`` is 2.5; in English ``2,500`` is 2500.
    A currency sign, spaces (also non-breaking) and a Unicode minus are ignored:
    ``€ 2.500`` is 2500.

    :param lang: the language of the page or file (``nl``/``en``): its reading wins when
        the text reads in both. Without it, text that reads as two different numbers
        (``1.234``: 1234 in Dutch, 1.234 in English) is ambiguous and refused.
    :raises NumberProblem: ``not_number`` or ``ambiguous``.
    """
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise NumberProblem("not_number", value)
    if isinstance(value, (int, float)):
        return None if value != value else float(value)     # NaN: an empty editor cell
    text = str(value).strip()
    if text.isdigit():          # the common case (usage counts), fast
        return float(text)
    for sign in _CURRENCY:
        text = text.replace(sign, "")
    text = (text.replace("\u2212", "-").replace("\u00a0", "").replace("\u202f", "")
            .replace(" ", "").replace("'", ""))
    if not text:
        return None
    from babel.numbers import NumberFormatError, parse_decimal

    readings = {}
    for code in (lang, "nl", "en"):
        if code in _NUMBER_LOCALES and code not in readings:
            try:
                readings[code] = float(parse_decimal(text, locale=_NUMBER_LOCALES[code], strict=True))
            except (NumberFormatError, ValueError, ArithmeticError):
                pass
    readings = {k: v for k, v in readings.items() if v == v and abs(v) != float("inf")}
    if not readings:
        raise NumberProblem("not_number", value)
    if lang in readings:
        return readings[lang]
    if len(set(readings.values())) > 1:
        raise NumberProblem("ambiguous", value)
    return next(iter(readings.values()))
