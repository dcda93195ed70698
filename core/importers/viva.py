"""Viva Insights person query with Copilot metrics (Copilot Dashboard export, or the
``pq_data`` sample of Microsoft's ``vivainsights`` package): one row per person per week.

Into the daily grain: each person-week with Copilot actions gets one ``usage_daily`` row,
tool "Microsoft 365 Copilot", on the week's ``MetricDate``, with actions = the sum of the
``Copilot_actions_taken_in_*`` columns. ``PersonId`` is already a pseudonym; it is hashed
with the store's key like any other id. ``Organization`` fills in the department of
people not yet on a staff list. Re-imports upsert, keeping the larger count per
(person, day, tool), so the same file twice changes nothing.
"""
from core.importers.common import Columns, UsageRows, dates, number, pseudonym, require
from core.dates import DateError, parse_column

KIND = "viva"
TOOL = "Microsoft 365 Copilot"
ALIASES = {"person": ["PersonId"], "date": ["MetricDate"], "organization": ["Organization"],
           "enabled": ["Total_Copilot_enabled_days"]}


def detect(h):
    h = set(h)
    if not {"personid", "metricdate"} <= h:
        return 0
    return 10 + sum(1 for x in h if x.startswith("copilot_actions_taken_in"))


def parse(table, issues, secret, options):
    cols = Columns(table.headers, ALIASES)
    if not require(cols, table, issues, {"person": "PersonId", "date": "MetricDate"}):
        return None
    action_cols = [i for i, h in enumerate(table.headers)
                   if h.lower().startswith("copilot_actions_taken_in")]
    if not action_cols:
        issues.add("missing_column", row=1, column="Copilot_actions_taken_in_…", expected="column",
                   name="Copilot_actions_taken_in_…")
        return None
    mapped = cols.mapped() + [(table.headers[i], "usage") for i in action_cols]
    fast = _arrow_sound(table, cols, action_cols, secret)
    if fast is not None:
        employees, usage = fast
        weeks = len(set(usage.day.tolist()))
        return {"employees": employees, "usage": usage}, mapped, [], {"users": len(employees),
                                                                     "weeks": weeks}
    when = dates(cols, table, issues, "date", order=options.get("date_order"))
    if when is None:
        return None
    persons = table.column(cols.index["person"])
    orgs = table.column(cols.index["organization"]) if "organization" in cols else None
    counts = [counts_of(table.column(i)) for i in action_cols]
    # Usually every count is sound: sum the columns at once, check row by row only if not.
    totals = list(map(sum, zip(*counts))) if all(None not in c for c in counts) else None
    iso = {d: d.isoformat() for d in set(when) if d is not None}
    if totals is not None and "" not in persons and None not in when \
            and len(set(zip(persons, when))) == len(persons):
        employees, usage = _sound(persons, when, orgs, totals, iso, secret)
    else:
        employees, usage = _checked(table, cols, issues, secret, persons, when, orgs, counts,
                                    totals, iso, action_cols)
    records = {"employees": list(employees.values()),
               "usage": [(p, d, TOOL, n, None) for (p, d), n in usage.items()]}
    return records, mapped, [], {"users": len(employees), "weeks": len({d for _, d in usage})}


_COUNT = r"^[0-9]{0,15}$"      # a whole count, or blank (0)


def _arrow_sound(table, cols, action_cols, secret):
    """A large CSV file without a single problem, in pyarrow and numpy: the same records as
    ``_sound`` (usage as ``UsageRows``), with no Python object per cell.

    ``None`` when the file was not read by pyarrow or anything is less than plain — a blank
    person, a date that is not one, a count that is not digits, a repeated (person, week), two
    ids with one pseudonym: the row-by-row path then reads it and reports each problem.
    """
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return None
    person_col = table.arrow(cols.index["person"])
    date_col = table.arrow(cols.index["date"])
    org_col = table.arrow(cols.index["organization"]) if "organization" in cols else None
    counts = [table.arrow(i) for i in action_cols]
    if person_col is None or date_col is None or any(c is None for c in counts) or (
            "organization" in cols and org_col is None):
        return None
    if not all(pc.all(pc.match_substring_regex(c, _COUNT)).as_py() for c in counts):
        return None

    def codes(col):
        values = pc.unique(col)
        return values.to_pylist(), pc.index_in(col, value_set=values).to_numpy().astype(np.int64)

    persons, person = codes(person_col)
    if "" in persons:
        return None
    pids = [pseudonym(secret, p) for p in persons]
    if len(set(pids)) != len(pids):
        return None
    raw_days, day = codes(date_col)
    try:
        parsed = parse_column(raw_days)
    except DateError:
        return None
    if None in parsed:
        return None
    days = sorted({d.isoformat() for d in parsed})
    day = np.array([days.index(d.isoformat()) for d in parsed], dtype=np.int64)[day]
    n = len(person)
    pair = person * len(days) + day
    if len(persons) * len(days) <= 4 * n:
        repeated = np.bincount(pair).max() > 1
    else:
        pair = np.sort(pair)
        repeated = bool((pair[1:] == pair[:-1]).any())
    if repeated:
        return None
    totals = np.zeros(n, dtype=np.int64)
    for c in counts:
        totals += pc.cast(pc.if_else(pc.equal(c, ""), "0", c), pa.int64()).to_numpy()
    # Each person's first row (their department) and first week (their licence).
    first_row = np.full(len(persons), n, dtype=np.int64)
    np.minimum.at(first_row, person, np.arange(n))
    since = np.full(len(persons), len(days), dtype=np.int64)
    np.minimum.at(since, person, day)
    if org_col is not None:
        orgs, org = codes(org_col)
        department = [orgs[k] or None for k in org[first_row].tolist()]
    else:
        department = [None] * len(persons)
    employees = [{"id": pids[p], "department": department[p], "level": None,
                  "licensed_from": days[since[p]]}
                 for p in np.argsort(first_row, kind="stable").tolist()]
    used = totals > 0
    usage = UsageRows(pids, person[used], days, day[used], [TOOL],
                      np.zeros(int(used.sum()), dtype=np.int64), totals[used])
    return employees, usage


def _sound(persons, when, orgs, totals, iso, secret):
    """A file without a single problem, a column at a time (a million rows in about a second)."""
    pids = {p: pseudonym(secret, p) for p in set(persons)}
    pid = list(map(pids.__getitem__, persons))
    day = list(map(iso.__getitem__, when))
    first = dict(zip(reversed(pid), range(len(pid) - 1, -1, -1)))     # each person's first row
    since = {}
    for p, d in zip(pid, day):
        if d < since.get(p, "~"):
            since[p] = d
    employees = {p: {"id": p, "department": (orgs[first[p]] if orgs else "") or None,
                     "level": None, "licensed_from": since[p]} for p in dict.fromkeys(pid)}
    usage = {(p, d): n for p, d, n in zip(pid, day, totals) if n > 0}
    return employees, usage


def _checked(table, cols, issues, secret, persons, when, orgs, counts, totals, iso, action_cols):
    """Row by row, reporting each problem with its row and column."""
    numbers = table.row_numbers
    seen, employees, usage, pids = {}, {}, {}, {}
    for k, person in enumerate(persons):
        no = numbers[k]
        if not person:
            issues.add("missing_value", row=no, column=cols.name("person"), value="", expected="text")
            continue
        day = when[k]
        if day is None:
            continue
        key = (person, day)
        if key in seen:
            issues.add("duplicate_row", row=no, column=cols.name("person"), value=person,
                       expected="unique", first=seen[key])
            continue
        seen[key] = no
        if totals is not None:
            total = totals[k]
        else:
            total = 0
            for i, c in zip(action_cols, counts):
                if c[k] is None:
                    issues.add("bad_value", row=no, column=table.headers[i],
                               value=table.column(i)[k], expected="count")
                    total = None
                    break
                total += c[k]
            if total is None:
                continue
        pid = pids.get(person)
        if pid is None:
            pid = pids[person] = pseudonym(secret, person)
        d = iso[day]
        emp = employees.get(pid)
        if emp is None:
            employees[pid] = {"id": pid, "department": (orgs[k] if orgs else "") or None,
                              "level": None, "licensed_from": d}
        elif d < emp["licensed_from"]:
            emp["licensed_from"] = d
        if total > 0:
            usage[(pid, d)] = total
    return employees, usage


def counts_of(column):
    """Each cell as a whole count (blank = 0), or ``None`` where it is no count; parsed per distinct value."""
    known = {}
    for value in set(column):
        try:
            n = number(value) or 0
        except ValueError:
            n = -1
        known[value] = int(n) if n >= 0 and n == int(n) else None
    return list(map(known.__getitem__, column))
