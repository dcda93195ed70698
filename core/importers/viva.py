"""Viva Insights person query with Copilot metrics (Copilot Dashboard export, or the
``pq_data`` sample of Microsoft's ``vivainsights`` package): one row per person per week.

Into the daily grain: each person-week with Copilot actions gets one ``usage_daily`` row,
tool "Microsoft 365 Copilot", on the week's ``MetricDate``, with actions = the sum of the
``Copilot_actions_taken_in_*`` columns. ``PersonId`` is already a pseudonym; it is hashed
with the store's key like any other id. ``Organization`` fills in the department of
people not yet on a staff list. Re-imports upsert, keeping the larger count per
(person, day, tool), so the same file twice changes nothing.
"""
from core.importers.common import Columns, dates, number, pseudonym, require

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
    when = dates(cols, table, issues, "date")
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
    mapped = cols.mapped() + [(table.headers[i], "usage") for i in action_cols]
    records = {"employees": list(employees.values()),
               "usage": [(p, d, TOOL, n, None) for (p, d), n in usage.items()]}
    return records, mapped, [], {"users": len(employees), "weeks": len({d for _, d in usage})}


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
