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
# A user_status that frees the seat: the user no longer holds a ChatGPT licence.
RELEASED_STATUSES = {"deleted", "removed", "disabled", "deactivated", "inactive"}
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
    parsed = {f: dates(cols, table, issues, f, required=False, order=options.get("date_order"))
              for f in ("period_start", "period_end", "last_active", "last_day_active")}
    if any(v is None for v in parsed.values()):
        return None
    def column(field):
        return table.column(cols.index[field]) if field in cols else [""] * len(table)

    emails, messages_col = column("email"), column("messages")
    active_col, dept_col = column("is_active"), column("department")
    # Exports repeat the same few values: parse each distinct one once.
    counts = {}
    for value in set(messages_col):
        try:
            n = number(value) or 0
        except ValueError:
            n = None
        counts[value] = None if n is None or n < 0 or n != int(n) else n
    flags = {}
    for value in set(active_col):
        try:
            flags[value] = boolean(value)
        except ValueError:
            flags[value] = None
    departments = {value: department(value) for value in set(dept_col)}
    starts, ends = parsed["period_start"], parsed["period_end"]
    lasts, last_days = parsed["last_active"], parsed["last_day_active"]
    iso = {d: d.isoformat() for col in parsed.values() for d in set(col) if d is not None}
    seen, employees, usage, pids = {}, {}, {}, {}
    status_col = column("status")
    released = set()
    for k, (email, no) in enumerate(zip(emails, table.row_numbers)):
        if not email:
            issues.add("missing_value", row=no, column=cols.name("email"), value="", expected="email")
            continue
        messages = counts[messages_col[k]]
        if messages is None:
            issues.add("bad_value", row=no, column=cols.name("messages"),
                       value=messages_col[k], expected="count")
            continue
        active_text = active_col[k]
        active = flags[active_text] if active_text != "" else messages > 0
        if active is None:
            issues.add("bad_value", row=no, column=cols.name("is_active"), value=active_text,
                       expected="boolean")
            continue
        start, end = starts[k], ends[k]
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
        pid = pids.get(email)
        if pid is None:
            pid = pids[email] = pseudonym(secret, email)
        day = lasts[k] or last_days[k] or end
        if str(status_col[k]).strip().lower() in RELEASED_STATUSES:
            released.add(pid)
        emp = employees.get(pid)
        if emp is None:
            emp = employees[pid] = {"id": pid, "department": departments[dept_col[k]],
                                    "level": None, "licensed_from": None}
        first = start or day
        if first and (emp["licensed_from"] is None or iso[first] < emp["licensed_from"]):
            emp["licensed_from"] = iso[first]
        if not (active or messages > 0) or day is None:
            continue
        actions = max(int(messages), 1)
        d = iso[day]
        usage[(pid, d)] = max(actions, usage.get((pid, d), 0))
    mapped = cols.mapped()
    unmapped = []   # the export's many rank and per-feature counts are not needed
    records = {"employees": list(employees.values()),
               "usage": [(p, d, TOOL, n, None) for (p, d), n in usage.items()],
               # Users whose user_status is not a removed one hold a seat (core/licences/).
               "licence_holders": [{"tool": TOOL, "employee_id": p, "held_from": e["licensed_from"]}
                                   for p, e in employees.items() if p not in released]}
    summary = {"users": len(employees), "active": len({p for p, _ in usage})}
    return records, mapped, unmapped, summary
