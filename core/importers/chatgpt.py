"""ChatGPT Enterprise / Team user engagement export (weekly or monthly CSV), one row per
user per period.

Into the daily grain: a user active in a period (``is_active`` true or messages > 0)
gets one ``usage_daily`` row, tool "ChatGPT Enterprise", on the last day active in the
period (else ``last_day_active``, else the period end), with actions = messages in the
period. Re-importing the same or an overlapping export upserts: a (person, day, tool)
row keeps the larger count (a monthly row that lands on the same day as a weekly one
replaces it rather than adding to it), so the same file twice changes nothing.
The ``department`` (text, or a JSON array in a string: its first element) fills in the
department of people not yet on a staff list.
"""
import json

from core.importers.common import Columns, boolean, dates, number, pseudonym, require

KIND = "chatgpt"
TOOL = "ChatGPT Enterprise"

ALIASES = {
    "period_start": ["period_start"],
    "period_end": ["period_end"],
    "email": ["email"],
    "name": ["name"],
    "department": ["department"],
    "is_active": ["is_active"],
    "first_active": ["first_day_active_in_period"],
    "last_active": ["last_day_active_in_period"],
    "last_day_active": ["last_day_active"],
    "messages": ["messages"],
    "status": ["user_status"],
    "cadence": ["cadence"],
}


def detect(h):
    h = set(h)
    if not {"email", "messages"} <= h:
        return 0
    return 5 + len(h & {"cadence", "period_start", "period_end", "account_id", "public_id",
                        "user_status", "last_day_active_in_period", "gpt_messages"})


def department(value):
    """The first department of a plain name or a JSON array in a string (``["Sales"]``)."""
    text = str(value or "").strip()
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = [p.strip(" \"'") for p in text.strip("[]").split(",")]
        items = [str(i).strip() for i in items if str(i).strip()]
        return items[0] if items else None
    return text or None


def parse(table, issues, secret, options):
    cols = Columns(table.headers, ALIASES)
    if not require(cols, table, issues, {"email": "email", "messages": "messages"}):
        return None
    if "period_end" not in cols and "last_active" not in cols and "last_day_active" not in cols:
        issues.add("missing_column", row=1, column="period_end", expected="column", name="period_end")
        return None
    parsed = {f: dates(cols, table, issues, f, required=False)
              for f in ("period_start", "period_end", "last_active", "last_day_active")}
    if any(v is None for v in parsed.values()):
        return None
    seen, employees, usage = {}, {}, {}
    for k, (r, no) in enumerate(zip(table.rows, table.row_numbers)):
        email = cols.get(r, "email")
        if not email:
            issues.add("missing_value", row=no, column=cols.name("email"), value="", expected="email")
            continue
        try:
            messages = number(cols.get(r, "messages")) or 0
        except ValueError:
            issues.add("bad_value", row=no, column=cols.name("messages"),
                       value=cols.get(r, "messages"), expected="count")
            continue
        if messages < 0 or messages != int(messages):
            issues.add("bad_value", row=no, column=cols.name("messages"),
                       value=cols.get(r, "messages"), expected="count")
            continue
        active_text = cols.get(r, "is_active")
        try:
            active = boolean(active_text) if active_text != "" else messages > 0
        except ValueError:
            issues.add("bad_value", row=no, column=cols.name("is_active"), value=active_text,
                       expected="boolean")
            continue
        start, end = parsed["period_start"][k], parsed["period_end"][k]
        if start and end and start > end:
            issues.add("bad_value", row=no, column=cols.name("period_end"), value=end.isoformat(),
                       expected="not_before", date=start.isoformat())
            continue
        key = (str(email).lower(), start, end)
        if key in seen:
            issues.add("duplicate_row", row=no, column=cols.name("email"), value=email,
                       expected="unique", first=seen[key])
            continue
        seen[key] = no
        pid = pseudonym(secret, email)
        day = parsed["last_active"][k] or parsed["last_day_active"][k] or end
        emp = employees.setdefault(pid, {"id": pid, "department": department(cols.get(r, "department")),
                                         "level": None, "licensed_from": None})
        first = start or day
        if first and (emp["licensed_from"] is None or first.isoformat() < emp["licensed_from"]):
            emp["licensed_from"] = first.isoformat()
        if not (active or messages > 0) or day is None:
            continue
        actions = max(int(messages), 1)
        usage[(pid, day.isoformat())] = max(actions, usage.get((pid, day.isoformat()), 0))
    mapped = cols.mapped()
    unmapped = []   # the export's many rank and per-feature counts are not needed
    records = {"employees": list(employees.values()),
               "usage": [(p, d, TOOL, n, None) for (p, d), n in usage.items()]}
    summary = {"users": len(employees), "active": len({p for p, _ in usage})}
    return records, mapped, unmapped, summary
