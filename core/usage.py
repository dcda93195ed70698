"""The usage model: who had access and who was active when. The one place that says so.

Every usage figure — the headline adoption rate, its trend, adoption by department, by
tool and by Rogers segment, Microsoft's usage segments, the Bass forecast, "trained but
not active", time to first use — is computed from this module's person × week matrix and
its one definition of "active":

    active(person, day) = the person has access on ``day`` (``licensed_from`` ≤ day ≤
    ``licensed_to``) and took at least one AI action on one of the ``window_days(db)``
    days up to and including ``day`` (setting ``adoption_window_days``, default 28).

Usage figures run to the last day with usage data, not to "data as of" (``view``): a
survey imported after the usage export must not make everyone look inactive for lack of
usage rows that were never imported (see ``design.md``: each source has its own "as of").

**Current sources only.** "Has access" on a day needs a source that says so then. A
person the staff list (a staff import, the demo, an entry) gives AI access has it between
``licensed_from`` and ``licensed_to``. A person only a usage export knows of (the export
made them, no staff list named them since) has access only while that export covers:
up to the last day of the latest usage import listing them (``source_end``; a Viva row
stands for its whole week). So a 2024 Viva export does not count its 300 people as "with
access" in 2026 beside the current Copilot report; ``stale_sources`` lists such exports
for the Data page ("not in the current picture").

The matrix comes from the ``usage_series`` rollup (``store.refresh_usage_weekly``): one
row per person, read once per data version.
"""
import dataclasses
import datetime as dt
import functools

import numpy as np

from core import memo, settings
from core.filters import Filters, ending_on

# Microsoft's usage segments (vivainsights' identify_usage_segments), most engaged first.
USAGE_SEGMENTS = ("power", "habitual", "novice", "low", "non_user")
# (weeks in the window, weeks with ≥ 1 action for a habit).
USAGE_VERSIONS = {"12w": (12, 9), "4w": (4, 4)}
POWER_ACTIONS = 15              # average weekly actions of a power user (vivainsights' power_thres)
NO_DATE = 10 ** 7           # a day ordinal later than any date: an open licence end

_memo = memo.Memo(max_entries=16)


def window_days(db):
    """Days a person counts as active after an AI action (setting ``adoption_window_days``,
    default 28, from 1 to 365: ``settings.value``)."""
    return settings.value(db, "adoption_window_days")


def last_day(db):
    """The last day with usage data (any tool), or ``None`` when the store has none."""
    row = db.execute("SELECT MAX(day) FROM usage_daily").fetchone()
    return dt.date.fromisoformat(row[0][:10]) if row and row[0] else None


def as_of(db, f: Filters):
    """The day usage figures are measured on: ``f.as_of``, but never after ``last_day``."""
    last = last_day(db)
    return min(f.as_of, last) if last else f.as_of


def view(db, f: Filters):
    """``f`` ending on ``as_of(db, f)``: the view every usage figure is computed on. A named
    period keeps its length (the last 12 months of usage data), a given one its start
    (``filters.ending_on``)."""
    return ending_on(f, as_of(db, f))


@dataclasses.dataclass
class Usage:
    """Every employee's weekly usage from the ``usage_series`` rollup, one row per person.

    People are every employee, ordered by id; weeks are the ISO weeks from the first stored
    one (``first_monday``) to the last. ``actions`` is person × week (int), ``days`` person
    × week bytes whose bit i means an action on Monday + i (see
    ``store.refresh_usage_weekly``). Licences are day ordinals; a person without
    ``licensed_from`` never has access.
    """

    ids: np.ndarray
    department: np.ndarray
    segment: np.ndarray         # 'unassigned' when none
    lic_from: np.ndarray        # day ordinal; NO_DATE when never licensed
    lic_to: np.ndarray          # day ordinal; NO_DATE when open
    first_monday: dt.date | None
    actions: np.ndarray
    days: np.ndarray

    @property
    def n_weeks(self):
        return self.days.shape[1]

    def week_of(self, day):
        """Column of the ISO week holding ``day`` (may lie outside the matrix)."""
        return (day - self.first_monday).days // 7

    def columns(self, matrix, first_col, n):
        """``n`` week columns of ``matrix`` from ``first_col``, zero outside the stored weeks."""
        out = np.zeros((matrix.shape[0], n), dtype=matrix.dtype)
        lo, hi = max(first_col, 0), min(first_col + n, matrix.shape[1])
        if lo < hi:
            out[:, lo - first_col:hi - first_col] = matrix[:, lo:hi]
        return out

    def licensed_on(self, day):
        """Per person: has access on ``day`` (licensed_from ≤ day ≤ licensed_to)."""
        d = day.toordinal()
        return (self.lic_from <= d) & (self.lic_to >= d)

    def ever_licensed(self):
        return self.lic_from < NO_DATE

    @functools.cached_property
    def _codes(self):
        """Departments and segments as small integers: ``(names, codes)`` for each, the
        names sorted, so counting a group is one ``bincount`` instead of a sort of strings."""
        depts, dept_codes = np.unique(self.department.astype(str), return_inverse=True)
        segs, seg_codes = np.unique(self.segment.astype(str), return_inverse=True)
        return depts.tolist(), dept_codes, segs.tolist(), seg_codes

    def by_department(self, mask):
        """``{department: people}`` of the people in ``mask`` (a partition of the company,
        departments in sorted order; a department with nobody in ``mask`` is left out)."""
        depts, codes, _, _ = self._codes
        counts = np.bincount(codes[mask], minlength=len(depts)).tolist()
        return {d: c for d, c in zip(depts, counts) if c}

    def by_department_and_segment(self, mask):
        """``{(department, segment): people}`` of the people in ``mask`` (pairs with nobody
        left out)."""
        depts, dept_codes, segs, seg_codes = self._codes
        pairs = dept_codes[mask] * len(segs) + seg_codes[mask]
        counts = np.bincount(pairs, minlength=len(depts) * len(segs)).tolist()
        return {(depts[k // len(segs)], segs[k % len(segs)]): c
                for k, c in enumerate(counts) if c}

    def in_departments(self, departments):
        return np.isin(self.department, list(departments)) if departments else \
            np.ones(self.ids.size, dtype=bool)

    def acted_between(self, first, last, days=None):
        """Per person: at least one action on a day from ``first`` to ``last`` (dates)."""
        days = self.days if days is None else days
        if self.first_monday is None or last < first:
            return np.zeros(days.shape[0], dtype=bool)
        j0, j1 = self.week_of(first), self.week_of(last)
        block = self.columns(days, j0, j1 - j0 + 1)
        allowed = np.full(j1 - j0 + 1, 0x7F, dtype=np.uint8)
        allowed[0] &= (0x7F << first.weekday()) & 0x7F
        allowed[-1] &= (1 << (last.weekday() + 1)) - 1
        return ((block & allowed) != 0).any(axis=1)

    def active(self, day, window, days=None):
        """Per person: active on ``day`` (the module's definition) with a ``window``-day window.

        :param days: a tool's day bits (``tool_days``) instead of all tools'.
        """
        acted = self.acted_between(day - dt.timedelta(days=window - 1), day, days)
        return acted & self.licensed_on(day)

    def active_at(self, ends, window, days=None):
        """Person × end date: ``active`` on each of ``ends`` (dates, oldest first)."""
        if not len(ends):
            return np.zeros((self.ids.size, 0), dtype=bool)
        days = self.days if days is None else days
        if window % 7 == 0 and all(e.weekday() == 6 for e in ends) and self.first_monday:
            # Whole ISO weeks: one cumulative sum over the week columns.
            cols = np.array([self.week_of(e) for e in ends], dtype=np.int64)
            width = window // 7
            first = int(cols.min()) - width + 1
            block = self.columns(days, first, int(cols.max()) - first + 1) != 0
            used = np.zeros((block.shape[0], block.shape[1] + 1), dtype=np.int32)
            np.cumsum(block, axis=1, dtype=np.int32, out=used[:, 1:])
            hi = cols - first + 1
            acted = (used[:, hi] - used[:, hi - width]) > 0
        else:
            acted = np.stack([self.acted_between(e - dt.timedelta(days=window - 1), e, days)
                              for e in ends], axis=1)
        licensed = np.stack([self.licensed_on(e) for e in ends], axis=1)
        return acted & licensed

    def first_active_day(self):
        """Per person: the ordinal of the first day with an action, or −1 for none."""
        out = np.full(self.ids.size, -1, dtype=np.int64)
        if self.first_monday is None:
            return out
        any_week = self.days != 0
        has = any_week.any(axis=1)
        col = any_week.argmax(axis=1)
        byte = self.days[np.arange(self.ids.size), col].astype(np.int64)
        low_bit = np.log2(byte & -byte, where=byte > 0, out=np.zeros(byte.size)).astype(np.int64)
        first = self.first_monday.toordinal() + 7 * col + low_bit
        out[has] = first[has]
        return out


def _ordinal(text):
    return dt.date.fromisoformat(text[:10]).toordinal() if text else NO_DATE


class _week_columns(dict):
    """``{first_week text: column}`` from ``first`` (Monday), each date parsed once: most
    series of a store start in the same few weeks."""

    def __init__(self, first):
        super().__init__()
        self.first = first

    def __missing__(self, week):
        self[week] = j = (dt.date.fromisoformat(week) - self.first).days // 7
        return j


def load_series(db, people, tool):
    """``(first_monday, actions, days)`` matrices of ``usage_series`` rows of ``tool``
    ('' = all tools), rows in the order of ``people``; ``first_monday`` is the first week
    of any stored series (so every tool's matrix shares the all-tools axis)."""
    bounds = db.execute(
        "SELECT MIN(first_week), MAX(date(first_week, '+' || (7 * (weeks - 1)) || ' days')) "
        "FROM usage_series").fetchone()
    if bounds[0] is None:
        return None, np.zeros((len(people), 0), np.int64), np.zeros((len(people), 0), np.uint8)
    first = dt.date.fromisoformat(bounds[0])
    n_weeks = (dt.date.fromisoformat(bounds[1]) - first).days // 7 + 1
    actions = np.zeros((len(people), n_weeks), dtype=np.int64)
    days = np.zeros((len(people), n_weeks), dtype=np.uint8)
    row_of = {p: i for i, p in enumerate(people)}
    col = _week_columns(first)
    for emp, week, acts, bits in db.execute(
            "SELECT employee_id, first_week, actions, days FROM usage_series WHERE tool = ?", [tool]):
        i = row_of.get(emp)
        if i is None:
            continue
        j = col[week]
        a = np.frombuffer(acts, dtype="<i4")
        actions[i, j:j + a.size] = a
        days[i, j:j + a.size] = np.frombuffer(bits, dtype=np.uint8)
    return first, actions, days


# Import kinds that are usage exports, and the days after its last row an export still
# speaks for (a Viva row is dated on its week's first day and stands for the whole week).
USAGE_SOURCES = ("m365_copilot", "chatgpt", "viva")
SOURCE_TAIL_DAYS = {"viva": 6}
STAFF_SOURCES = ("staff",)


def _source_periods(db):
    """``{batch_id: (kind, filename, first day, last covered day)}`` of the usage imports."""
    kinds = ", ".join("?" * len(USAGE_SOURCES))
    out = {}
    # Most stores (the demo, a staff list with hand-entered usage) have no usage import: then
    # usage_daily (no index on batch_id) is not read at all.
    if not db.execute(f"SELECT 1 FROM import_batches WHERE kind IN ({kinds}) AND status = 'done' "
                      f"LIMIT 1", list(USAGE_SOURCES)).fetchone():
        return out
    for batch, kind, name, first, last in db.execute(
            f"SELECT b.id, b.kind, b.filename, MIN(u.day), MAX(u.day) FROM import_batches b "
            f"JOIN usage_daily u ON u.batch_id = b.id WHERE b.kind IN ({kinds}) "
            f"AND b.status = 'done' GROUP BY b.id", list(USAGE_SOURCES)):
        end = dt.date.fromisoformat(last[:10]) + dt.timedelta(days=SOURCE_TAIL_DAYS.get(kind, 0))
        out[batch] = (kind, name, dt.date.fromisoformat(first[:10]), end)
    return out


def source_end(db):
    """``{person: last day a usage export covers them}`` for the people only usage exports
    vouch for (made by one, never named by a staff list since); everyone else is absent
    (their licence dates stand)."""
    periods = _source_periods(db)
    if not periods:
        return {}
    staff = ", ".join("?" * len(STAFF_SOURCES))
    named = {r[0] for r in db.execute(
        f"SELECT json_extract(c.key, '$[0]') FROM import_changes c JOIN import_batches b "
        f"ON b.id = c.batch_id WHERE c.tbl = 'employees' AND b.kind IN ({staff})",
        list(STAFF_SOURCES))}
    made = dict(db.execute(
        "SELECT e.id, b.kind FROM employees e JOIN import_batches b ON b.id = e.batch_id"))
    out = {}
    for person, batch in db.execute(
            "SELECT DISTINCT employee_id, batch_id FROM usage_daily WHERE batch_id IS NOT NULL"):
        if batch not in periods or person in named or made.get(person) not in USAGE_SOURCES:
            continue
        end = periods[batch][3]
        if person not in out or end > out[person]:
            out[person] = end
    return out


def stale_sources(db):
    """Usage imports older than the current picture: every person they list has a later
    source, or their covered period ended before the last usage day (``last_day``). As
    ``[{batch_id, kind, filename, first, last, people}]``, oldest first."""
    periods = _source_periods(db)
    last = last_day(db)
    if not periods or last is None:
        return []
    out = []
    for batch, (kind, name, first, end) in sorted(periods.items(), key=lambda p: p[1][3]):
        if end >= last:
            continue
        people = db.execute("SELECT COUNT(DISTINCT employee_id) FROM usage_daily WHERE batch_id = ?",
                            [batch]).fetchone()[0]
        out.append({"batch_id": batch, "kind": kind, "filename": name, "first": first,
                    "last": end, "people": people})
    return out


def matrix(db):
    """The store's ``Usage`` (one read of the rollup and the staff list per data version);
    licence ends are cut to ``source_end`` for people only a usage export vouches for."""
    def compute():
        people = db.execute(
            "SELECT id, department, COALESCE(segment, 'unassigned'), licensed_from, licensed_to "
            "FROM employees ORDER BY id").fetchall()
        ids = [p[0] for p in people]
        first, actions, days = load_series(db, ids, "")
        ends = source_end(db)
        lic_to = [_ordinal(p[4]) if p[3] else NO_DATE for p in people]
        lic_to = [min(to, ends[p[0]].toordinal()) if p[0] in ends else to
                  for to, p in zip(lic_to, people)]
        return Usage(
            ids=np.array(ids, dtype=object),
            department=np.array([p[1] for p in people], dtype=object),
            segment=np.array([p[2] for p in people], dtype=object),
            lic_from=np.array([_ordinal(p[3]) for p in people], dtype=np.int64),
            lic_to=np.array(lic_to, dtype=np.int64),
            first_monday=first, actions=actions, days=days)
    return _memo.get(db, "matrix", (), compute)


def tool_series(db):
    """``{tool: (actions, days)}``: each tool's person × week actions and day bits, aligned
    with ``matrix(db)`` (same people and weeks), read in one pass over the rollup."""
    def compute():
        u = matrix(db)
        row_of = {p: i for i, p in enumerate(u.ids)}
        col = _week_columns(u.first_monday)
        out = {}
        for tool, emp, week, acts, bits in db.execute(
                "SELECT tool, employee_id, first_week, actions, days FROM usage_series "
                "WHERE tool != '' ORDER BY tool"):
            i = row_of.get(emp)
            if i is None:
                continue
            if tool not in out:
                out[tool] = (np.zeros(u.actions.shape, dtype=np.int64),
                             np.zeros(u.days.shape, dtype=np.uint8))
            j = col[week]
            a = np.frombuffer(acts, dtype="<i4")
            out[tool][0][i, j:j + a.size] = a
            b = np.frombuffer(bits, dtype=np.uint8)
            out[tool][1][i, j:j + b.size] = b
        return out
    return _memo.get(db, "tool_series", (), compute)


def tool_days(db):
    """``{tool: person × week day bits}`` aligned with ``matrix(db)`` (``tool_series``)."""
    return {tool: days for tool, (_, days) in tool_series(db).items()}


def last_sunday(day):
    """The Sunday on or before ``day``: the end of the last whole ISO week."""
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def sundays(db, f: Filters, max_points=60):
    """The Sundays a weekly usage series of view ``f`` reports (``f`` already a ``view``):
    from the first stored week (or the period's start) to the last whole week, at most
    ``max_points`` of the latest, oldest first."""
    u = matrix(db)
    if u.first_monday is None:
        return []
    floor = max(u.first_monday + dt.timedelta(days=6), f.start or dt.date.min)
    ends, day = [], last_sunday(f.as_of)
    while len(ends) < max_points and day >= floor:
        ends.append(day)
        day -= dt.timedelta(weeks=1)
    return ends[::-1]


def _rolling(matrix, width):
    """Sum over the last ``width`` columns (fewer at the start), per row."""
    c = np.cumsum(matrix, axis=1, dtype=np.int64)
    out = c.copy()
    out[:, width:] -= c[:, :-width]
    return out


def classify_usage(actions, access, version="12w"):
    """Classify every person-week into vivainsights' usage segments.

    For each week a person has access, the window is that week and the preceding ones up
    to ``12`` (or ``4``) weeks back in which they had access (fewer at the start of their
    access, as vivainsights' rolling windows over a person's rows): mean = actions in the
    window / weeks in the window; habit = at least 9 of 12 (4 of 4) window weeks with ≥ 1
    action. Power user = habit and mean ≥ 15; habitual user = habit; novice = mean ≥ 1;
    low user = mean > 0; non-user = mean = 0.

    :param actions: person × week array of weekly action counts.
    :param access: person × week boolean array; weeks without access are no person-weeks.
    :returns: person × week array of indexes into ``USAGE_SEGMENTS``, −1 without access.
    """
    width, need = USAGE_VERSIONS[version]
    actions = np.asarray(actions, dtype=np.int64)
    access = np.asarray(access, dtype=bool)
    weeks = _rolling(access.astype(np.int64), width)
    total = _rolling(np.where(access, actions, 0), width)
    active = _rolling((access & (actions >= 1)).astype(np.int64), width)
    mean = np.divide(total, weeks, out=np.zeros(total.shape), where=weeks > 0)
    habit = active >= need
    seg = np.select(
        [habit & (mean >= POWER_ACTIONS), habit, mean >= 1, mean > 0],
        [0, 1, 2, 3], default=4)
    return np.where(access, seg, -1)
