"""Microsoft 365 Copilot usage report (admin center export or Graph
``getMicrosoft365CopilotUsageUserDetail``): one row per licensed user.

Into the daily grain: each user gets one ``usage_daily`` row per day on which one of the
per-app last-activity dates (Teams, Word, Excel, …, Copilot Chat) falls, with tool
"Microsoft 365 Copilot" and actions = the number of apps last used that day (the report
gives no counts, so each app counts as 1 action). The overall "Last Activity Date" adds a
day only when no per-app date covers it. Every user also gets a 0-action row on the
Report Refresh Date (the report's "as of": it tells the store that the user was observed,
inactive, up to that day) and is marked licensed from the start of the report period (or
the earliest activity, if earlier), never later than the refresh date.

So a user is active on the refresh date exactly when a last-activity date falls within
the 28 days up to it, as the report defines it. Re-importing the same or an overlapping
report upserts: a (person, day, tool) row keeps the larger action count, so nothing is
counted twice.
"""
from core.importers.common import Columns, dates, pseudonym, require

KIND = "m365_copilot"
TOOL = "Microsoft 365 Copilot"

ALIASES = {
    "refresh": ["Report Refresh Date"],
    "period": ["Report Period"],
    "upn": ["User Principal Name", "UserPrincipalName", "User principal name"],
    "name": ["Display Name", "DisplayName"],
    "last": ["Last Activity Date", "Last activity date (UTC)", "LastActivityDate"],
}
SIGNATURE = {"report refresh date", "user principal name"}


def detect(normalized_headers):
    """Score how well headers fit this format (0 = not at all)."""
    h = set(normalized_headers)
    if not SIGNATURE <= h:
        return 0
    return 10 + sum(1 for x in h if "copilot last activity date" in x)


def _app_columns(headers):
    return [i for i, h in enumerate(headers)
            if "last activity date" in h.lower() and "copilot" in h.lower()]


def parse(table, issues, secret, options):
    """Validate the rows and return ``(records, mapped, unmapped, summary)``."""
    cols = Columns(table.headers, ALIASES)
    if not require(cols, table, issues, {"refresh": "Report Refresh Date",
                                         "upn": "User Principal Name"}):
        return None
    refresh = dates(cols, table, issues, "refresh", order=options.get("date_order"))
    apps = _app_columns(table.headers)
    app_dates = {}
    for i in apps + ([cols.index["last"]] if "last" in cols else []):
        app_cols = Columns(table.headers, {"c": [table.headers[i]]})
        app_dates[i] = dates(app_cols, table, issues, "c", required=False, order=options.get("date_order"))
    if refresh is None or any(v is None for v in app_dates.values()):
        return None
    periods = []
    for r, no in zip(table.rows, table.row_numbers):
        text = str(cols.get(r, "period") or "").strip()
        try:
            periods.append(int(text) if text else None)
        except ValueError:
            issues.add("bad_value", row=no, column=cols.name("period"), value=text,
                       expected="period_days")
            periods.append(None)
    seen, employees, usage = {}, [], {}
    refresh_day = None
    for k, (r, no) in enumerate(zip(table.rows, table.row_numbers)):
        upn = cols.get(r, "upn")
        if not upn:
            issues.add("missing_value", row=no, column=cols.name("upn"), value="", expected="upn")
            continue
        key = str(upn).lower()
        if key in seen:
            issues.add("duplicate_row", row=no, column=cols.name("upn"), value=upn,
                       expected="unique", first=seen[key])
            continue
        seen[key] = no
        day = refresh[k]
        if day is None:
            continue            # reported by dates() as a missing value
        if refresh_day is None:
            refresh_day = day
        elif day != refresh_day:
            issues.add("bad_value", row=no, column=cols.name("refresh"), value=day.isoformat(),
                       expected="same_refresh", date=refresh_day.isoformat())
        pid = pseudonym(secret, upn)
        per_day = {}
        for i in apps:
            d = app_dates[i][k]
            if d is not None:
                if d > day:
                    issues.add("future_date", row=no, column=table.headers[i], value=d.isoformat(),
                               expected="not_after", date=day.isoformat())
                per_day[d] = per_day.get(d, 0) + 1
        if "last" in cols:
            d = app_dates[cols.index["last"]][k]
            if d is not None and d not in per_day:
                if d > day:
                    issues.add("future_date", row=no, column=cols.name("last"), value=d.isoformat(),
                               expected="not_after", date=day.isoformat())
                per_day[d] = 1
        for d, n in per_day.items():
            usage[(pid, d.isoformat())] = n
        usage.setdefault((pid, day.isoformat()), 0)
        start = day.toordinal() - (periods[k] or 1) + 1
        first = min([start] + [d.toordinal() for d in per_day])
        from datetime import date
        employees.append({"id": pid, "licensed_from": date.fromordinal(first).isoformat(),
                          "department": None, "level": None})
    mapped = cols.mapped() + [(table.headers[i], "usage") for i in apps]
    known = set(cols.index.values()) | set(apps)
    # Newer exports add counts (prompts, active days) the daily grain cannot hold honestly.
    unmapped = [h for i, h in enumerate(table.headers) if i not in known]
    records = {
        "employees": employees,
        "usage": [(pid, d, TOOL, n, None) for (pid, d), n in usage.items()],
        # The report lists every licensed user: each holds a Copilot seat (core/licences/).
        "licence_holders": [{"tool": TOOL, "employee_id": e["id"], "held_from": e["licensed_from"]}
                            for e in employees],
    }
    summary = {"users": len(employees), "active_28d": _active(usage, refresh_day),
               "as_of": refresh_day.isoformat() if refresh_day else None}
    return records, mapped, unmapped, summary


def _active(usage, refresh_day):
    if refresh_day is None:
        return 0
    first = refresh_day.toordinal() - 27
    from datetime import date
    return len({pid for (pid, d), n in usage.items()
                if n > 0 and first <= date.fromisoformat(d).toordinal() <= refresh_day.toordinal()})
