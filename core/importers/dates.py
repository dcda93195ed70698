"""Dates as exports write them: ISO, Dutch (27-11-2026), en-GB (27/11/2026 15:04:05),
German (27.11.2026), Google's 2026/11/27, and US (11/27/2026) where the column shows it.

A column is read as a whole: day-first or month-first is decided by the values that can
only be one of them. A slash column where every value fits both (04/05/2026) and none
decides is ambiguous, and refused rather than guessed.
"""
import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                        r"(?:\s*([AaPp][Mm]))?)?(?:\s+[A-Za-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$")
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                  r"(?:\s*([AaPp][Mm]))?)?(?:\s+[A-Za-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$")


class DateError(ValueError):
    """``kind`` is ``invalid`` (not a date or impossible) or ``ambiguous`` (day/month undecidable)."""

    def __init__(self, kind, index=None):
        super().__init__(kind)
        self.kind = kind
        self.index = index


def _parts(value):
    """Return ``(style, a, b, year)`` or ``(iso, y, m, d)`` for a text value, else ``None``."""
    text = value.strip()
    m = _ISO.match(text)
    if m:
        return ("ymd", int(m[1]), int(m[2]), int(m[3]))
    m = _YMD_SLASH.match(text)
    if m:
        return ("ymd", int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.match(text)
    if m:
        return (m[2], int(m[1]), int(m[3]), int(m[4]))
    return None


def parse_column(values):
    """Parse a column of date cells; return a list of ``datetime.date`` (``None`` for blanks).

    Each distinct value is parsed once: exports repeat the same few dates a million times.

    :param values: cell values: text, or ``date``/``datetime`` from an .xlsx.
    :raises DateError: with the index of the first bad value, or ``ambiguous``.
    """
    parts = {}
    for value in dict.fromkeys(values):
        if isinstance(value, dt.datetime):
            parts[value] = ("date", value.date())
        elif isinstance(value, dt.date):
            parts[value] = ("date", value)
        elif value is None or str(value).strip() == "":
            parts[value] = None
        else:
            parts[value] = _parts(str(value)) or False
    unreadable = [v for v, p in parts.items() if p is False]
    if unreadable:
        raise DateError("invalid", min(_first(values, v) for v in unreadable))
    # Decide day-first or month-first per separator style from the values that show it.
    order = {}
    for p in parts.values():
        if p is None or p[0] in ("date", "ymd"):
            continue
        style, a, b, _ = p
        if a > 12 and b <= 12:
            order.setdefault(style, set()).add("dmy")
        elif b > 12 and a <= 12:
            order.setdefault(style, set()).add("mdy")
    result, failed = {}, {}
    for value, p in parts.items():
        try:
            result[value] = _resolve(p, order)
        except DateError as exc:
            failed[value] = exc.kind
    if failed:
        first = min(failed, key=lambda v: _first(values, v))
        raise DateError(failed[first], _first(values, first))
    return list(map(result.__getitem__, values))


def _first(values, value):
    for i, v in enumerate(values):
        if v == value and type(v) is type(value):
            return i
    return len(values)


def _resolve(p, order):
    """The date of parsed parts ``p`` under the column's day/month ``order``."""
    if p is None:
        return None
    if p[0] == "date":
        return p[1]
    style, a, b, c = p
    if style == "ymd":
        y, mo, d = a, b, c
    else:
        seen = order.get(style, set())
        if len(seen) > 1:
            raise DateError("ambiguous")
        if seen:
            first = next(iter(seen))
        elif style == "/" and a != b:
            # Slashes are both en-GB and US: with nothing to decide, refuse.
            raise DateError("ambiguous")
        else:
            # Dashes and dots are day-first (Dutch, German) unless a value shows otherwise.
            first = "dmy"
        d, mo, y = (a, b, c) if first == "dmy" else (b, a, c)
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise DateError("invalid") from None
