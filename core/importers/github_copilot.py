"""GitHub Copilot usage metrics, per user (NDJSON, one JSON object a line, from
``/orgs/{org}/copilot/metrics/reports/users-28-day/latest`` or ``users-1-day?day=``):
``day, user_id, user_login, user_initiated_interaction_count,
code_generation_activity_count, code_acceptance_activity_count, used_chat, used_agent,
used_cli`` and nested per-IDE/feature/language/model totals (not needed). Each line is one
user-day; a user-day with any interaction is active, its actions the interactions plus the
code generations. ``user_login`` is a GitHub login, not an e-mail address: it becomes a
pseudonym of its own (a staff list keyed by e-mail does not link it).
"""
from core.importers.common import Columns, boolean, dates, require
from core.importers.usage_any import count_cell, usage_records

KIND = "github_copilot"
TOOL = "GitHub Copilot"
ALIASES = {
    "day": ["day"], "login": ["user_login"], "user_id": ["user_id"],
    "interactions": ["user_initiated_interaction_count"],
    "generations": ["code_generation_activity_count"],
    "acceptances": ["code_acceptance_activity_count"],
    "chat": ["used_chat"], "agent": ["used_agent"], "cli": ["used_cli"],
}
COUNTS = ("interactions", "generations", "acceptances")
FLAGS = ("chat", "agent", "cli")


def detect(h):
    h = set(h)
    return 16 if {"day", "user_login", "user_initiated_interaction_count"} <= h else 0


def parse(table, issues, secret, options):
    cols = Columns(table.headers, ALIASES)
    if not require(cols, table, issues, {"day": "day", "login": "user_login",
                                         "interactions": "user_initiated_interaction_count"}):
        return None
    days = dates(cols, table, issues, "day", order=options.get("date_order"))
    if days is None:
        return None
    entries = []
    for k, (r, no) in enumerate(zip(table.rows, table.row_numbers)):
        login = str(cols.get(r, "login") or "").strip()
        if not login:
            issues.add("missing_value", row=no, column=cols.name("login"), value="", expected="person")
            continue
        counts = {field: count_cell(cols, r, field, no, issues) for field in COUNTS}
        bad = None in counts.values()
        used = False
        for field in FLAGS:
            raw = cols.get(r, field, "")
            try:
                used = boolean(raw) or used
            except ValueError:
                issues.add("bad_value", row=no, column=cols.name(field), value=raw, expected="boolean")
                bad = True
        if bad or days[k] is None:
            continue
        actions = counts["interactions"] + counts["generations"]
        if actions == 0 and (used or counts["acceptances"]):
            actions = 1
        entries.append(("github:" + login.lower(), days[k], TOOL, actions))
    records, summary = usage_records(secret, entries)
    return records, cols.mapped(), [], summary
