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

    :param values: cell values: text, or ``date``/``datetime`` from an .xlsx.
    :raises DateError: with the index of the first bad value, or ``ambiguous``.
    """
    parsed, seen = [], {}
    for value in values:
        if isinstance(value, str) and value in seen:
            # Exports repeat the same few dates: parse each distinct text once.
            parsed.append(seen[value])
            continue
        if isinstance(value, dt.datetime):
            parsed.append(("date", value.date()))
        elif isinstance(value, dt.date):
            parsed.append(("date", value))
        elif value is None or str(value).strip() == "":
            parsed.append(None)
        else:
            parts = _parts(str(value))
            if parts is None:
                raise DateError("invalid", len(parsed))
            parsed.append(parts)
            seen[value] = parts
    # Decide day-first or month-first per separator style from the values that show it.
    order = {}
    for p in parsed:
        if p is None or p[0] in ("date", "ymd"):
            continue
        style, a, b, _ = p
        if a > 12 and b <= 12:
            order.setdefault(style, set()).add("dmy")
        elif b > 12 and a <= 12:
            order.setdefault(style, set()).add("mdy")
    result = []
    for index, p in enumerate(parsed):
        if p is None:
            result.append(None)
            continue
        if p[0] == "date":
            result.append(p[1])
            continue
        style, a, b, c = p
        if style == "ymd":
            y, mo, d = a, b, c
        else:
            seen = order.get(style, set())
            if len(seen) > 1:
                raise DateError("ambiguous", index)
            if seen:
                first = seen.pop()
                order[style] = {first}
            elif style == "/" and a != b:
                # Slashes are both en-GB and US: with nothing to decide, refuse.
                raise DateError("ambiguous", index)
            else:
                # Dashes and dots are day-first (Dutch, German) unless a value shows otherwise.
                first = "dmy"
            d, mo, y = (a, b, c) if first == "dmy" else (b, a, c)
        try:
            result.append(dt.date(y, mo, d))
        except ValueError:
            raise DateError("invalid", index) from None
    return result
