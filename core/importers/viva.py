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
        import numpy as np

        employees, usage = fast
        weeks = len(np.unique(usage.day))
        return {"employees": employees, "usage": usage}, mapped, [], {"users": len(employees),
                                                                     "weeks": weeks}
    table.load([cols.index[f] for f in ("person", "date", "organization") if f in cols] + action_cols)
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
    """A large CSV file without a single problem, in pyarrow and numpy, a block of rows at a
    time: the same records as ``_sound`` (usage as ``UsageRows``), with no Python object per
    cell and no more of the file in memory than a block (per row only its person, week and
    total are kept, as numbers).

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
    indices = [cols.index["person"], cols.index["date"], *action_cols]
    if "organization" in cols:
        indices.append(cols.index["organization"])
    blocks = table.arrow_batches(indices)
    if blocks is None:
        return None

    def codes(col, known):
        """Each cell's code in ``known`` ({value: code}, new values added in the order they
        first occur, so codes follow the file's order)."""
        values = pc.unique(col)
        local = pc.index_in(col, value_set=values).to_numpy().astype(np.int64)
        first = np.full(len(values), len(local), dtype=np.int64)
        np.minimum.at(first, local, np.arange(len(local)))
        texts = values.to_pylist()
        for k in np.argsort(first, kind="stable").tolist():
            known.setdefault(texts[k], len(known))
        return np.array([known[t] for t in texts], dtype=np.int32)[local], first

    # Per row only its person, date and total, as numbers (16 bytes), filled block by block.
    n = len(table)
    person, day, totals = (np.empty(n, dtype=np.int32), np.empty(n, dtype=np.int32),
                           np.zeros(n, dtype=np.int64))
    person_of, day_of, department = {}, {}, []
    at = 0
    for block in blocks:
        person_col, date_col, *counts = block
        org_col = counts.pop() if "organization" in cols else None
        if not len(person_col):
            continue                    # a block of blank lines only: nothing to check
        if not all(pc.all(pc.match_substring_regex(c, _COUNT)).as_py() for c in counts):
            return None
        end = at + len(person_col)
        seen = len(person_of)
        person[at:end], first = codes(person_col, person_of)
        if len(person_of) > seen:       # people new in this block: their department, from their first row
            rows = first[np.argsort(person[at:end][first], kind="stable")][-(len(person_of) - seen):]
            department += (org_col.take(pa.array(rows)).to_pylist() if org_col is not None
                           else [""] * len(rows))
        day[at:end], _ = codes(date_col, day_of)
        for c in counts:
            totals[at:end] += pc.cast(pc.if_else(pc.equal(c, ""), "0", c), pa.int64()).to_numpy()
        at = end
    persons = list(person_of)
    if "" in person_of:
        return None
    pids = [pseudonym(secret, p) for p in persons]
    if len(set(pids)) != len(pids):
        return None
    try:
        parsed = parse_column(list(day_of))
    except DateError:
        return None
    if None in parsed:
        return None
    days = sorted({d.isoformat() for d in parsed})
    day = np.array([days.index(d.isoformat()) for d in parsed], dtype=np.int32)[day]
    pair = person.astype(np.int64) * len(days) + day
    if len(persons) * len(days) <= 4 * n:
        repeated = np.bincount(pair).max() > 1
    else:
        pair.sort()
        repeated = bool((pair[1:] == pair[:-1]).any())
    del pair
    if repeated:
        return None
    # Each person's first week (their licence); people come in the order of their first row.
    since = np.full(len(persons), len(days), dtype=np.int64)
    np.minimum.at(since, person, day)
    employees = [{"id": pids[p], "department": department[p] or None, "level": None,
                  "licensed_from": days[since[p]]} for p in range(len(persons))]
    used = totals > 0
    if not used.all():
        person, day, totals = person[used], day[used], totals[used]
    # (np.zeros takes no memory until written: the one tool's codes are never written.)
    usage = UsageRows(pids, person, days, day, [TOOL], np.zeros(len(totals), dtype=np.int32), totals)
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
