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
    seen, employees, usage = {}, {}, {}
    for k, (r, no) in enumerate(zip(table.rows, table.row_numbers)):
        person = cols.get(r, "person")
        if not person:
            issues.add("missing_value", row=no, column=cols.name("person"), value="", expected="text")
            continue
        if when[k] is None:
            continue
        key = (person, when[k])
        if key in seen:
            issues.add("duplicate_row", row=no, column=cols.name("person"), value=person,
                       expected="unique", first=seen[key])
            continue
        seen[key] = no
        total, bad = 0, False
        for i in action_cols:
            try:
                n = number(r[i]) or 0
            except ValueError:
                n = -1
            if n < 0 or n != int(n):
                issues.add("bad_value", row=no, column=table.headers[i], value=r[i], expected="count")
                bad = True
                break
            total += int(n)
        if bad:
            continue
        pid = pseudonym(secret, person)
        emp = employees.setdefault(pid, {"id": pid, "department": cols.get(r, "organization") or None,
                                         "level": None, "licensed_from": when[k].isoformat()})
        emp["licensed_from"] = min(emp["licensed_from"], when[k].isoformat())
        if total > 0:
            usage[(pid, when[k].isoformat())] = total
    mapped = cols.mapped() + [(table.headers[i], "usage") for i in action_cols]
    records = {"employees": list(employees.values()),
               "usage": [(p, d, TOOL, n, None) for (p, d), n in usage.items()]}
    return records, mapped, [], {"users": len(employees), "weeks": len({d for _, d in usage})}
