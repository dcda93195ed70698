"""Dates as exports write them: ISO, Dutch (27-11-2026), en-GB (27/11/2026 15:04:05),
German (27.11.2026), Google's 2026/11/27, and US (11/27/2026) where the column shows it.

A column is read as a whole: day-first or month-first is decided by the values that can
only be one of them; when none can, by the file as a person would read it: one wave's or
one export's dates come within weeks and never in the future, so a reading that puts them
months apart or after today loses to one that keeps them together (``read_column`` says
which reading it took and why). A column that even so fits both is ambiguous: the caller
asks (``order`` = ``dmy``, ``mdy`` or ``ymd`` then decides), never guesses.
"""
import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                  r"(?:Z|[+-]\d{2}:?\d{2})?$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                        r"(?:\s*([AaPp][Mm]))?)?(?:\s+[A-Za-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$")
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                  r"(?:\s*([AaPp][Mm]))?)?(?:\s+[A-Za-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$")


ORDERS = ("dmy", "mdy", "ymd")
# One reading keeps the dates within SPREAD_DAYS while the other spreads them over at
# least MONTHS_APART days and twice as wide: the first is how a person reads the file.
SPREAD_DAYS = 42
MONTHS_APART = 28


class DateError(ValueError):
    """``kind`` is ``invalid`` (not a date or impossible) or ``ambiguous`` (day/month
    undecidable); for ``ambiguous``, ``examples`` = ``{order: date}`` of the first value read
    both ways."""

    def __init__(self, kind, index=None, examples=None):
        super().__init__(kind)
        self.kind = kind
        self.index = index
        self.examples = examples or {}


class Reading:
    """How a column's day/month order was decided: ``order`` (dmy/mdy), ``why`` (``given``:
    the caller said so; ``values``: a day above 12 shows it; ``future`` or ``spread``: the
    other reading puts dates after today or months apart), the dates' ``first`` and
    ``last`` and their number ``n``."""

    def __init__(self, order, why, dates):
        days = [d for d in dates if d is not None]
        self.order, self.why, self.n = order, why, len(days)
        self.first, self.last = (min(days), max(days)) if days else (None, None)


def parse_date(value, order=None):
    """One date typed or pasted (no column to decide from): ``None`` for blank.

    :param order: how to read ``01/02/2026`` (``dmy``/``mdy``); without it such a value is
        ambiguous. Dashes and dots are day-first.
    :raises DateError: ``invalid`` or ``ambiguous``.
    """
    return read_column([value], order=order, infer=False)[0][0]


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


def parse_column(values, order=None):
    """Parse a column of date cells; return a list of ``datetime.date`` (``None`` for blanks).

    :raises DateError: with the index of the first bad value, or ``ambiguous``.
    """
    return read_column(values, order)[0]


def read_column(values, order=None, today=None, infer=True):
    """Parse a column of date cells; return ``(dates, reading)``: a ``datetime.date`` per
    cell (``None`` for blanks) and the ``Reading`` of a column whose day/month order had to
    be decided (else ``None``).

    Each distinct value is parsed once: exports repeat the same few dates a million times.

    :param values: cell values: text, or ``date``/``datetime`` from an .xlsx.
    :param order: ``dmy``, ``mdy`` or ``ymd``: how to read values that fit both; wins over
        what the values would decide (``ymd`` admits only year-first dates).
    :param infer: decide an undecided column by the spread and the future (see the module).
    :raises DateError: with the index of the first bad value, or ``ambiguous``.
    """
    given = order
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
    styles = set()
    for p in parts.values():
        if p is None or p[0] in ("date", "ymd"):
            continue
        style, a, b, _ = p
        styles.add(style)
        if a > 12 and b <= 12:
            order.setdefault(style, set()).add("dmy")
        elif b > 12 and a <= 12:
            order.setdefault(style, set()).add("mdy")
    reading = None
    if given == "ymd" and styles:
        first = min((v for v, p in parts.items() if p and p[0] not in ("date", "ymd")),
                    key=lambda v: _first(values, v))
        raise DateError("invalid", _first(values, first))
    if given in ("dmy", "mdy"):
        order = {style: {given} for style in styles}
        reading = Reading(given, "given", []) if styles else None
    elif any(order.get(style) for style in styles):
        decided = next(iter(order[next(s for s in styles if order.get(s))]))
        reading = Reading(decided, "values", [])
    undecided = [s for s in styles if not order.get(s) and s == "/"
                 and any(p and p[0] == s and p[1] != p[2] for p in parts.values())]
    if undecided and infer:
        order, reading = _infer(parts, order, undecided, today or dt.date.today(), values)
    result, failed = {}, {}
    for value, p in parts.items():
        try:
            result[value] = _resolve(p, order)
        except DateError as exc:
            failed[value] = exc.kind
    if failed:
        first = min(failed, key=lambda v: _first(values, v))
        examples = {}
        if failed[first] == "ambiguous":
            for o in ("dmy", "mdy"):
                try:
                    examples[o] = _resolve(parts[first], {parts[first][0]: {o}})
                except DateError:
                    pass
        raise DateError(failed[first], _first(values, first), examples)
    dates = list(map(result.__getitem__, values))
    if reading is not None:
        reading = Reading(reading.order, reading.why, dates)
    return dates, reading


def _infer(parts, order, undecided, today, values):
    """Decide the undecided styles by reading the whole column both ways (see the module)."""
    readings = {}
    for o in ("dmy", "mdy"):
        trial = dict(order, **{s: {o} for s in undecided})
        try:
            readings[o] = [d for d in (_resolve(p, trial) for p in parts.values()) if d is not None]
        except DateError:
            continue
    if len(readings) == 1:
        o = next(iter(readings))
        return dict(order, **{s: {o} for s in undecided}), Reading(o, "values", [])

    future = {o: any(d > today for d in days) for o, days in readings.items()}
    span = {o: (max(days) - min(days)).days if days else 0 for o, days in readings.items()}
    chosen, why = None, None
    if future["dmy"] != future["mdy"]:
        chosen, why = ("mdy" if future["dmy"] else "dmy"), "future"
    else:
        narrow, wide = sorted(readings, key=span.get)
        if (span[narrow] <= SPREAD_DAYS and span[wide] >= MONTHS_APART
                and span[wide] >= 2 * span[narrow] and not future[narrow]):
            chosen, why = narrow, "spread"
    if chosen is None:
        return order, None
    return dict(order, **{s: {chosen} for s in undecided}), Reading(chosen, why, [])


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
