"""Usage from any tool without an importer of its own (Gemini for Workspace, an internal
tool, a BI extract), through a column mapping: one row per person and day with the
person (e-mail address, login or id), the day, the tool and the number of actions.

The mapping renames the file's columns to the fields below (``mapping.apply``); without a
mapped tool column every row is the mapping's tool (its name). A person the file names
counts as having access from their first day in it, as the vendor exports do, so a file
with no staff list still gives an adoption rate.
"""
from core.importers.common import Columns, dates, is_email_like, number, pseudonym, require

KIND = "usage"
FIELDS = ("person", "day", "tool", "actions")
REQUIRED = ("person", "day", "actions")
ALIASES = {f: [f] for f in FIELDS}


def detect(h):
    return 0        # only by a mapping (or --kind usage with --map)


def count_cell(cols, row, field, no, issues, lang=None):
    """A whole number ≥ 0 from ``field`` of a row (blank or missing: 0); ``None`` after
    reporting a bad value with its row and column."""
    raw = cols.get(row, field, "0")
    try:
        n = number(raw, lang) or 0
    except ValueError:
        n = -1
    if n < 0 or n != int(n):
        issues.add("bad_value", row=no, column=cols.name(field), value=raw, expected="count")
        return None
    return int(n)


def usage_records(secret, entries):
    """``(records, summary)`` from ``(person, day, tool, actions)`` tuples (``day`` a date,
    ``actions`` an int ≥ 0); rows of one person, day and tool are added up."""
    employees, usage = {}, {}
    for person, day, tool, actions in entries:
        pid = pseudonym(secret, person)
        iso = day.isoformat()
        emp = employees.get(pid)
        if emp is None:
            emp = employees[pid] = {"id": pid, "department": None, "level": None, "licensed_from": iso}
        elif iso < emp["licensed_from"]:
            emp["licensed_from"] = iso
        if actions > 0:
            usage[(pid, iso, tool)] = usage.get((pid, iso, tool), 0) + actions
    records = {"employees": list(employees.values()),
               "usage": [(p, d, t, n, None) for (p, d, t), n in usage.items()]}
    return records, {"users": len(employees), "active": len({p for p, _, _ in usage})}


def parse(table, issues, secret, options):
    cols = Columns(table.headers, ALIASES)
    if not require(cols, table, issues, {f: f for f in REQUIRED}):
        return None
    days = dates(cols, table, issues, "day", order=options.get("date_order"))
    if days is None:
        return None
    default_tool = (options.get("tool") or "").strip()
    if "tool" not in cols and not default_tool:
        issues.add("missing_column", row=1, column="tool", expected="column", name="tool")
        return None
    entries = []
    for k, (r, no) in enumerate(zip(table.rows, table.row_numbers)):
        person = str(cols.get(r, "person") or "").strip()
        if not person:
            issues.add("missing_value", row=no, column=cols.name("person"), value="", expected="person")
            continue
        tool = str(cols.get(r, "tool") or "").strip() if "tool" in cols else default_tool
        if not tool:
            issues.add("missing_value", row=no, column=cols.name("tool"), value="", expected="tool")
            continue
        n = count_cell(cols, r, "actions", no, issues, options.get("lang"))
        if n is None or days[k] is None:
            continue
        entries.append((person.lower() if is_email_like(person) else person, days[k], tool[:80], n))
        if issues.truncated:
            break
    records, summary = usage_records(secret, entries)
    return records, cols.mapped(), [], summary
