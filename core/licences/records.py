"""Writing licences, and the one list by person: idle seats, for admins who switched it on.

Naming people who do not use a tool is employee monitoring (in the Netherlands it needs the
works council's consent, WOR art. 27). So the idle-seat list by person exists only for
admins, only after an admin switched it on with a recorded reason (``set_idle_list``), and
every view of it is written to the audit log (``idle_seat_list``). Every write goes through
``Store.write`` with the acting ``access.Actor``.
"""
import datetime as dt

import numpy as np

from core import access, kpis, usage, validate
from core import store as store_mod
from core.licences import figures

MAX_TOOL = 80
MAX_REASON = 500
MAX_ROWS = 200
MAX_SEATS = 1_000_000
ENABLED_KEY, REASON_KEY, BY_KEY, AT_KEY = ("idle_list_enabled", "idle_list_reason",
                                           "idle_list_by", "idle_list_at")
FIELDS = ("tool", "seats", "price_per_month", "valid_from", "valid_until", "from_staff_list")


class LicenceError(access.InputError):
    """Licence rows that cannot be saved; ``problems`` lists each as an ``access.InputError``
    naming row and column. Nothing is saved then."""

    def __init__(self, problems):
        super().__init__(problems[0].key, **problems[0].params)
        self.problems = problems

    def messages(self, lang):
        """Each problem in words, its column named as the editor and template name it."""
        from core import i18n

        return [i18n.t(p.key, lang, **dict(p.params, column=i18n.t(p.params["column"], lang)))
                if "column" in p.params else p.message(lang) for p in self.problems]


def _blank(value):
    if value is None:
        return True
    try:
        if value != value:          # NaN, and pandas' NaT / NA from the editor
            return True
    except (TypeError, ValueError):
        return True
    return isinstance(value, str) and not value.strip()


def _date(value):
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):      # a pandas Timestamp
        return value.date()
    return dt.date.fromisoformat(str(value).strip()[:10])


def _known_tools(db):
    return {t.lower(): t for (t,) in db.execute(
        "SELECT DISTINCT tool FROM usage_series WHERE tool != '' UNION "
        "SELECT DISTINCT tool FROM licence_holders")}


def check_rows(db, rows):
    """Validate licence rows (dicts of ``FIELDS``) as the editor or a template gives them.

    tool: required text (a tool the usage knows, ignoring case, takes its spelling);
    seats: a whole number ≥ 1; price per seat per month: a number ≥ 0, or empty = unknown
    (never read as 0); valid from: a date, required; valid until: empty (open) or a date not
    before valid from. Returns clean rows; raises ``LicenceError`` naming each bad row
    (1-based) and column.
    """
    problems, clean = [], []
    known = _known_tools(db)
    if len(rows) > MAX_ROWS:
        raise LicenceError([access.InputError("licences.error.too_many", max=MAX_ROWS)])
    for n, row in enumerate(rows, start=1):
        if all(_blank(row.get(k)) or row.get(k) is False for k in FIELDS):
            continue            # an empty line the editor left

        def bad(column, code, **params):
            problems.append(access.InputError(f"licences.error.{code}", row=n,
                                              column=f"licences.col.{column}", **params))

        try:
            tool = validate.clean_text(None if _blank(row.get("tool")) else row.get("tool"),
                                       max_len=MAX_TOOL)
        except validate.TextProblem as exc:
            bad("tool", "text", max=exc.max)
            continue
        if not tool:
            bad("tool", "required")
        tool = known.get(tool.lower(), tool)
        seats = row.get("seats")
        try:
            seats_n = float(str(seats).replace(",", ".")) if not _blank(seats) else None
        except ValueError:
            seats_n = -1
        if seats_n is None:
            bad("seats", "required")
        elif seats_n != int(seats_n) or not 1 <= seats_n <= MAX_SEATS:
            bad("seats", "seats", value=str(seats))
        price = row.get("price_per_month")
        try:
            price_n = None if _blank(price) else float(str(price).replace(",", "."))
        except ValueError:
            price_n = -1.0
        if price_n is not None and (not np.isfinite(price_n) or price_n < 0):
            bad("price_per_month", "price", value=str(price))
        try:
            start = _date(row.get("valid_from"))
        except ValueError:
            start = False
            bad("valid_from", "date", value=str(row.get("valid_from")))
        if start is None:
            bad("valid_from", "required")
        try:
            until = _date(row.get("valid_until"))
        except ValueError:
            until = False
            bad("valid_until", "date", value=str(row.get("valid_until")))
        if start and until and until < start:
            bad("valid_until", "before", value=until.isoformat())
        if problems and problems[-1].params.get("row") == n:
            continue
        clean.append({"tool": tool, "seats": int(seats_n), "price_per_month": price_n,
                      "valid_from": start.isoformat(), "valid_until": until.isoformat() if until else None,
                      "from_staff_list": 0 if _blank(row.get("from_staff_list"))
                      else int(bool(row.get("from_staff_list")))})
    if problems:
        raise LicenceError(problems)
    return clean


def save_licences(s, actor, rows):
    """Replace every licence by ``rows`` (an editor or admin) in one write; return how many.

    Checked first with ``check_rows``: one bad cell and nothing is saved. One audit entry
    ``licences.save`` with the number of rows and tools.
    """
    access.require(actor, "editor")
    clean = check_rows(s.read(), rows)
    detail = {"rows": len(clean), "tools": sorted({r["tool"] for r in clean})}
    with s.write(actor, "licences.save", entity="licences", detail=detail) as db:
        db.execute("DELETE FROM licences")
        for r in clean:
            db["licences"].insert(r)
    return len(clean)


# ---------------------------------------------------------------- the idle-seat list by person

def idle_list_setting(db):
    """Whether the idle-seat list by person is switched on: ``{enabled, reason, by, at}``."""
    get = lambda k: store_mod.get_setting(db, k)  # noqa: E731
    return {"enabled": get(ENABLED_KEY) == "1", "reason": get(REASON_KEY), "by": get(BY_KEY),
            "at": get(AT_KEY)}


def set_idle_list(s, actor, enabled, reason=""):
    """Switch the idle-seat list by person on (with a reason, required) or off (admins only).

    One audit entry ``licences.idle_list.on`` (with the reason) or ``licences.idle_list.off``.

    :raises access.PermissionDenied: not an admin.
    :raises access.InputError: ``licences.error.reason`` when switching on without a reason.
    """
    access.require(actor, "admin")
    try:
        reason = validate.clean_text(reason, max_len=MAX_REASON, multiline=True)
    except validate.TextProblem as exc:
        raise access.InputError("licences.error.reason_text", max=exc.max) from None
    if enabled and not reason:
        raise access.InputError("licences.error.reason")
    action = "licences.idle_list.on" if enabled else "licences.idle_list.off"
    with s.write(actor, action, entity="settings", detail={"reason": reason} if enabled else None,
                 role="admin") as db:
        store_mod.set_setting(db, ENABLED_KEY, "1" if enabled else "0")
        store_mod.set_setting(db, REASON_KEY, reason if enabled else None)
        store_mod.set_setting(db, BY_KEY, actor.name if enabled else None)
        store_mod.set_setting(db, AT_KEY, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
                              if enabled else None)


def idle_seat_list(s, actor, f):
    """The idle seats by person (admins only, when switched on); every call is audited.

    An idle seat as ``figures.licence_costs`` counts it (held at least N days, no action in
    the tool in the last N days, N = setting ``idle_seat_days``), on the last usage day, for
    the departments of ``f``. One audit entry ``licences.idle_list.view`` per call with the
    number of rows shown (never the people). Returns a list of ``{employee_id, display_name,
    department, tool, held_from, last_action}`` (``last_action`` ``None`` = never).

    :raises access.PermissionDenied: not an admin, or the list is not switched on.
    """
    access.require(actor, "admin")
    db = s.read()
    if not idle_list_setting(db)["enabled"]:
        raise access.PermissionDenied(actor, "admin")
    u = usage.matrix(db)
    x = figures._on_day(db, f)
    h = figures.holders(db)
    names = dict(db.execute("SELECT id, display_name FROM employees").fetchall())
    rows = []
    for tool in h.tools:
        days, _ = figures._tool_usage(db, tool)
        last = figures._last_active_day(u, days)
        for i in np.flatnonzero(x.idle[tool] & x.scope):
            rows.append({"employee_id": u.ids[i], "display_name": names.get(u.ids[i]),
                         "department": u.department[i], "tool": tool,
                         "held_from": dt.date.fromordinal(int(h.start[tool][i])).isoformat()
                         if 0 < h.start[tool][i] < usage.NO_DATE else None,
                         "last_action": dt.date.fromordinal(int(last[i])).isoformat()
                         if 0 <= last[i] <= x.day.toordinal() else None})
    rows.sort(key=lambda r: (r["tool"], r["department"], r["display_name"] or "", r["employee_id"]))
    with s.write(actor, "licences.idle_list.view", entity="licence_holders",
                 detail={"rows": len(rows), "as_of": x.day.isoformat(),
                         "departments": list(f.departments)}, role="admin", bump_version=False):
        pass
    return rows
