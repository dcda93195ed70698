"""Claude Team / Enterprise usage: the Analytics API's per-user daily records (JSON, a
list or an answer holding one under ``data``; or NDJSON) with ``user`` (the e-mail
address), the record's ``date`` (else ``last_activity_date``), ``chat_metrics.message_count``,
``distinct_conversation_count``, ``distinct_projects_used_count`` and
``claude_code_metrics.core_metrics`` (``commit_count``, ``pull_request_count``,
``distinct_session_count``, ``lines_of_code``). Records without a user (the ``summaries``
with daily and weekly active user counts and seats) are left out. A user-day with a
message or a Claude Code session is active; its actions are the messages plus the sessions.
"""
from core.importers.common import Columns, dates, is_email_like, require
from core.importers.usage_any import count_cell, usage_records

KIND = "claude"
TOOL = "Claude"
ALIASES = {
    "user": ["user", "user.email", "user.email_address", "email"],
    "date": ["date", "day"],
    "last": ["last_activity_date"],
    "messages": ["chat_metrics.message_count"],
    "sessions": ["claude_code_metrics.core_metrics.distinct_session_count"],
}


def detect(h):
    h = set(h)
    has_user = bool(h & {"user", "user.email", "user.email_address"})
    has_metric = any(x.startswith(("chat_metrics.", "claude_code_metrics.")) for x in h)
    return 16 if has_user and has_metric else 0


def parse(table, issues, secret, options):
    cols = Columns(table.headers, ALIASES)
    if not require(cols, table, issues, {"user": "user"}):
        return None
    if "date" not in cols and "last" not in cols:
        issues.add("missing_column", row=1, column="date", expected="column", name="date")
        return None
    order = options.get("date_order")
    day_col = (dates(cols, table, issues, "date", required=False, order=order) if "date" in cols
               else [None] * len(table))
    last_col = (dates(cols, table, issues, "last", required=False, order=order) if "last" in cols
                else [None] * len(table))
    if day_col is None or last_col is None:
        return None
    entries = []
    for k, (r, no) in enumerate(zip(table.rows, table.row_numbers)):
        user = str(cols.get(r, "user") or "").strip()
        if not user:
            continue            # an organisation summary, no person
        if not is_email_like(user):
            issues.add("bad_value", row=no, column=cols.name("user"), value=user, expected="email")
            continue
        day = day_col[k] or last_col[k]
        if day is None:
            issues.add("missing_value", row=no, column=cols.name("date" if "date" in cols else "last"),
                       value="", expected="date")
            continue
        counts = [count_cell(cols, r, field, no, issues) for field in ("messages", "sessions")]
        if None not in counts:
            entries.append((user.lower(), day, TOOL, sum(counts)))
    records, summary = usage_records(secret, entries)
    return records, cols.mapped(), [], summary
