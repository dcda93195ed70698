"""The licence figures: what the AI tools cost, which seats lie idle, and the adoption funnel.

Everything here reads today's single places: people, licences of the staff list and usage
from ``usage.matrix`` / ``usage.tool_series`` (the rollup, once per data version), "active" from
``usage.window_days`` (the ``adoption_window_days`` setting) on ``usage.as_of``
(the last day with usage data), Microsoft's usage segments from
``adoption.classify_usage``, and the anonymity rule from ``anonymity.minimum`` and
``anonymity.hidden_groups``. Figures are counts per group, never a named person; the one list by
person (idle seats) lives in ``core.licences.records`` and is for admins only.

A **seat holder** of a tool on a day: a ``licence_holders`` row (an export that lists
licensed users, or the demo) whose from/until span the day, or — for a tool whose licence
is marked ``from_staff_list`` — anyone with AI access on the staff list that day
(``employees.licensed_from``/``licensed_to``). An explicit row wins over the staff list.
"""
import dataclasses
import datetime as dt

import numpy as np

from core import anonymity, kpis, settings, usage
from core.usage import USAGE_SEGMENTS, classify_usage
from core.filters import Filters
from core.schema import SEGMENTS

FUNNEL_STEPS = ("licensed", "tried", "active", "habitual", "power")
NEVER_STARTED_DAYS = (30, 60, 90)
OVERLAP_CELLS = ("1", "2", "3")       # "3" = three tools or more
TREND_POINTS = 26
SEGMENT_WEEKS = 12                    # classify_usage's 12-week version
_POWER, _HABITUAL = USAGE_SEGMENTS.index("power"), USAGE_SEGMENTS.index("habitual")
_NO_DATE = usage.NO_DATE


def idle_after(db):
    """Days without an action after which a held seat counts as idle (setting ``idle_seat_days``, default 60)."""
    return settings.value(db, "idle_seat_days")


def _ordinal(text, missing):
    return dt.date.fromisoformat(str(text)[:10]).toordinal() if text else missing


# ---------------------------------------------------------------- licences and holders

def licence_rows(db):
    """Every licence row, by tool and start: ``{id, tool, seats, price_per_month, valid_from,
    valid_until, from_staff_list, batch_id}`` (``price_per_month`` ``None`` = unknown)."""
    cols = ("id", "tool", "seats", "price_per_month", "valid_from", "valid_until",
            "from_staff_list", "batch_id")
    return [dict(zip(cols, r)) for r in db.execute(
        f"SELECT {', '.join(cols)} FROM licences ORDER BY tool, valid_from, id")]


def seats_on(db, day):
    """Seats bought per tool on ``day``: ``{tool: {"seats", "cost_per_month", "price_per_month"}}``.

    seats = Σ seats of the tool's licences valid on the day (valid_from ≤ day ≤ valid_until,
    an empty until is open); cost per month = Σ seats × price per seat per month, ``None``
    when any of those licences has no price (unknown is never 0); price per seat = cost /
    seats.
    """
    out = {}
    iso = day.isoformat()
    for tool, seats, price in db.execute(
            "SELECT tool, seats, price_per_month FROM licences WHERE valid_from <= ? "
            "AND (valid_until IS NULL OR valid_until >= ?) ORDER BY tool, id", [iso, iso]):
        entry = out.setdefault(tool, {"seats": 0, "cost_per_month": 0.0})
        entry["seats"] += seats
        entry["cost_per_month"] = (None if price is None or entry["cost_per_month"] is None
                                   else entry["cost_per_month"] + seats * price)
    for entry in out.values():
        cost = entry["cost_per_month"]
        entry["price_per_month"] = None if cost is None else cost / entry["seats"]
    return out


@dataclasses.dataclass
class Holders:
    """Per tool, per person of ``usage.matrix``: the first and last day holding a seat (ordinals;
    ``start`` is ``_NO_DATE`` for never, ``end`` ``_NO_DATE`` for open)."""

    tools: list
    start: dict
    end: dict

    def on(self, tool, day):
        """Per person: holds a seat of ``tool`` on ``day``."""
        d = day.toordinal()
        return (self.start[tool] <= d) & (self.end[tool] >= d)

    def weeks(self, tool, mondays):
        """Person × week: holds a seat of ``tool`` on at least one day of each week."""
        mon = np.array([m.toordinal() for m in mondays], dtype=np.int64)
        return (self.start[tool][:, None] <= mon[None, :] + 6) & (self.end[tool][:, None] >= mon[None, :])


def holders(db):
    """The seat holders of every tool with a licence or a holder row (see the module docstring)."""
    def compute():
        u = usage.matrix(db)
        row_of = {p: i for i, p in enumerate(u.ids)}
        staff_tools = {r[0] for r in db.execute("SELECT DISTINCT tool FROM licences WHERE from_staff_list = 1")}
        tools = sorted(staff_tools | {r[0] for r in db.execute(
            "SELECT tool FROM licences UNION SELECT tool FROM licence_holders")})
        start, end = {}, {}
        for tool in tools:
            if tool in staff_tools:
                start[tool], end[tool] = u.lic_from.copy(), u.lic_to.copy()
            else:
                start[tool] = np.full(u.ids.size, _NO_DATE, dtype=np.int64)
                end[tool] = np.full(u.ids.size, _NO_DATE, dtype=np.int64)
        for tool, emp, held_from, held_until in db.execute(
                "SELECT tool, employee_id, held_from, held_until FROM licence_holders"):
            i = row_of.get(emp)
            if i is not None:
                start[tool][i] = _ordinal(held_from, 0)
                end[tool][i] = _ordinal(held_until, _NO_DATE)
        return Holders(tools, start, end)
    return kpis.memoised(db, None, "licence_holders", compute)


def _tool_usage(db, tool):
    """``(days, actions)`` person × week of ``tool`` ('' = all tools), zeros when never used."""
    u = usage.matrix(db)
    if tool == "":
        return u.days, u.actions
    series = usage.tool_series(db).get(tool)
    if series is None:
        return np.zeros(u.days.shape, np.uint8), np.zeros(u.actions.shape, np.int64)
    actions, days = series
    return days, actions


def _last_active_day(u, days):
    """Per person: the ordinal of the last day with an action in ``days``, −1 for none."""
    out = np.full(u.ids.size, -1, dtype=np.int64)
    if u.first_monday is None or days.shape[1] == 0:
        return out
    used = days != 0
    has = used.any(axis=1)
    col = days.shape[1] - 1 - used[:, ::-1].argmax(axis=1)
    byte = days[np.arange(u.ids.size), col].astype(np.int64)
    high = np.zeros(u.ids.size, dtype=np.int64)
    for bit in range(7):
        high = np.where(byte & (1 << bit), bit, high)
    last = u.first_monday.toordinal() + 7 * col + high
    out[has] = last[has]
    return out


# ---------------------------------------------------------------- who is where, on one day

@dataclasses.dataclass
class _Day:
    day: dt.date
    window: int
    idle_days: int
    scope: np.ndarray           # per person: in the chosen departments
    held: dict                  # tool -> per person: holds a seat on the day ('' = any tool or staff-list access)
    tried: dict                 # tool -> per person: an action in it on or before the day
    active: dict                # tool -> per person: an action in it in the window up to the day
    idle: dict                  # tool -> per person: held ≥ idle_days, no action in them
    segments: object            # tool -> per person: usage segment index in the last whole
    #                             week, −1 none; or a function making that (see ``segment``)

    @property
    def segment(self):
        """The usage segments, classified on first use: most figures (idle seats, costs)
        never ask for them, and the classification is the costliest part of a day."""
        if callable(self.segments):
            self.segments = self.segments()
        return self.segments


def _segment_columns(db, sundays):
    """``{tool: person × Sunday}`` usage segment (``classify_usage``, 12 weeks) of the whole
    week ending on each of ``sundays`` (ascending), '' = all tools; −1 without a seat.

    One classification per tool over the weeks from 11 before the first Sunday to the last,
    so a trend of many Sundays costs one pass, not one per Sunday."""
    u = usage.matrix(db)
    h = holders(db)
    tools = list(h.tools) + [""]
    if u.first_monday is None:
        return {t: np.full((u.ids.size, len(sundays)), -1) for t in tools}
    first = sundays[0] - dt.timedelta(days=6 + 7 * (SEGMENT_WEEKS - 1))
    n_weeks = (sundays[-1] - first).days // 7 + 1
    mondays = [first + dt.timedelta(weeks=k) for k in range(n_weeks)]
    c0 = u.week_of(first)
    cols = [(s - first).days // 7 for s in sundays]
    out = {}
    any_weeks = np.zeros((u.ids.size, n_weeks), dtype=bool)
    for tool in h.tools:
        weeks = h.weeks(tool, mondays)
        any_weeks |= weeks
        _, actions = _tool_usage(db, tool)
        out[tool] = classify_usage(u.columns(actions, c0, n_weeks), weeks, "12w")[:, cols]
    mon = np.array([m.toordinal() for m in mondays], dtype=np.int64)
    # Across tools: a seat of any tool, or AI access on the staff list.
    any_weeks |= (u.lic_from[:, None] <= mon[None, :] + 6) & (u.lic_to[:, None] >= mon[None, :])
    out[""] = classify_usage(u.columns(u.actions, c0, n_weeks), any_weeks, "12w")[:, cols]
    return out


def _first_days(db):
    """``{tool: per person the ordinal of their first action in it}`` ('' = any tool; −1 = never)."""
    def compute():
        u = usage.matrix(db)
        out = {"": u.first_active_day()}
        for tool in holders(db).tools:
            out[tool] = dataclasses.replace(u, days=_tool_usage(db, tool)[0]).first_active_day()
        return out
    return kpis.memoised(db, None, "licence_first_days", compute)


def _sunday(day):
    """The Sunday on or before ``day``: the end of the last whole ISO week."""
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _on_day(db, f: Filters, day=None, segments=None):
    """Every per-person flag the figures need, on ``day`` (default: ``usage.as_of``).

    :param segments: ``{tool: per person segment}`` of the week ending on the Sunday on or
        before ``day``, when the caller has them (a trend); else classified here.
    """
    u = usage.matrix(db)
    h = holders(db)
    day = day or usage.as_of(db, f)
    window, idle_days = usage.window_days(db), idle_after(db)
    d = day.toordinal()
    if segments is None:
        def segments():
            return {t: a[:, 0] for t, a in _segment_columns(db, [_sunday(day)]).items()}
    firsts = _first_days(db)
    held, tried, active, idle = {}, {}, {}, {}
    for tool in h.tools:
        days, _ = _tool_usage(db, tool)
        held[tool] = h.on(tool, day)
        tried[tool] = (firsts[tool] >= 0) & (firsts[tool] <= d)
        active[tool] = u.acted_between(day - dt.timedelta(days=window - 1), day, days)
        quiet = ~u.acted_between(day - dt.timedelta(days=idle_days - 1), day, days)
        idle[tool] = held[tool] & (h.start[tool] <= d - idle_days + 1) & quiet
    # Across tools: a seat of any tool, or AI access on the staff list.
    held[""] = u.licensed_on(day) | (np.any([held[t] for t in h.tools], axis=0) if h.tools else False)
    tried[""] = (firsts[""] >= 0) & (firsts[""] <= d)
    active[""] = u.acted_between(day - dt.timedelta(days=window - 1), day)
    return _Day(day, window, idle_days, u.in_departments(f.departments), held, tried, active,
                idle, segments)


# ---------------------------------------------------------------- the funnel

def _steps(x, tool, mask):
    """Nested funnel counts for ``tool`` over the people in ``mask``."""
    licensed = x.held[tool] & mask
    tried = licensed & x.tried[tool]
    active = tried & x.active[tool]
    habitual = active & ((x.segment[tool] == _POWER) | (x.segment[tool] == _HABITUAL))
    power = active & (x.segment[tool] == _POWER)
    return {k: int(v.sum()) for k, v in zip(FUNNEL_STEPS, (licensed, tried, active, habitual, power))}


def _with_drops(counts):
    """The counts with ``drop``: per step, the share of the previous step's people lost there."""
    drop = {}
    for prev, step in zip(FUNNEL_STEPS, FUNNEL_STEPS[1:]):
        drop[step] = (1 - counts[step] / counts[prev]) if counts[prev] else None
    return dict(counts, drop=drop, suppressed=False)


def _hidden_entry():
    return dict({k: None for k in FUNNEL_STEPS}, drop={k: None for k in FUNNEL_STEPS[1:]},
                suppressed=True)


def _department_sizes(u, held, depts=None):
    """``{department: people held}`` over the whole company (the anonymity rule judges company-wide)."""
    names = sorted(set(u.department)) if depts is None else depts
    return {d: int((held & (u.department == d)).sum()) for d in names}


def _scope_hidden(db, u, held, departments):
    """Whether a view's figures over ``held`` people must be hidden
    (``anonymity.selection_hidden`` on their departments)."""
    return anonymity.selection_hidden(_department_sizes(u, held), departments, anonymity.minimum(db))


def _hidden_tools(db, u, x, departments, scope_hidden):
    """The tools whose usage figures a view must hide: all when the scope is hidden; else
    those ``anonymity.hidden_groups`` hides by their seat holders in scope (with a partner, so no
    tool is the total minus the others), and — for a selection of departments — those for
    which a selected department is hidden among the tool's holders company-wide (as a
    selection holding a hidden department is hidden for every figure)."""
    tools = [t for t in x.held if t]
    if scope_hidden:
        return set(tools)
    minimum = anonymity.minimum(db)
    hidden = anonymity.hidden_groups({t: int((x.held[t] & x.scope).sum()) for t in tools}, minimum)
    if departments:
        hidden |= {t for t in tools
                   if anonymity.hidden_groups(_department_sizes(u, x.held[t]), minimum) & set(departments)}
    return hidden


def funnel(db, f: Filters):
    """The adoption funnel on the last usage day: licensed → tried → active → habitual → power user.

    Per tool: licensed = seat holders (module docstring); tried = of them, at least one
    action in the tool ever (up to the day); active = of them, an action in the tool in the
    ``adoption_window_days`` (default 28) up to the day; habitual = of them, Microsoft's
    habitual or power user in the last whole week (``adoption.classify_usage``, 12 weeks:
    active in ≥ 9 of 12); power = of them, power user (also ≥ 15 actions a week on
    average). Across tools each person counts once: licensed = holds a seat of any tool
    or has AI access on the staff list, and the steps use all tools' usage together (so
    active / licensed across tools is the adoption rate's definition). ``drop`` per step =
    1 − step / previous step. A group below the minimum size (``anonymity.hidden_groups`` on
    licensed people, company-wide, for departments and tools) is ``suppressed``.

    Returns ``{"as_of", "window_days", "company": {steps…, drop, suppressed}, "by_tool":
    {tool: …}, "by_department": {department: …}, "hidden_departments": […]}``.
    """
    return kpis.memoised(db, f, "licence_funnel", lambda: _funnel(db, f))


def _funnel(db, f):
    u = usage.matrix(db)
    x = _on_day(db, f)
    minimum = anonymity.minimum(db)
    company = (_hidden_entry() if _scope_hidden(db, u, x.held[""], f.departments)
               else _with_drops(_steps(x, "", x.scope)))
    tools = [t for t in x.held if t]
    hidden_tools = _hidden_tools(db, u, x, f.departments, company["suppressed"])
    by_tool = {t: _hidden_entry() if t in hidden_tools else _with_drops(_steps(x, t, x.scope))
               for t in tools}
    dept_sizes = _department_sizes(u, x.held[""])
    hidden_depts = anonymity.hidden_groups(dept_sizes, minimum)
    by_department = {}
    for dept, n in dept_sizes.items():
        if n == 0 or (f.departments and dept not in f.departments):
            continue
        by_department[dept] = (_hidden_entry() if dept in hidden_depts
                               else _with_drops(_steps(x, "", u.department == dept)))
    return {"as_of": x.day.isoformat(), "window_days": x.window, "company": company,
            "by_tool": by_tool, "by_department": by_department,
            "hidden_departments": sorted(d for d in hidden_depts if d in by_department)}


def funnel_trend(db, f: Filters, max_points=TREND_POINTS):
    """The funnel across tools (``tool`` '') and per tool on each Sunday of the period (at most
    ``max_points``, the latest last), as ``funnel`` defines it on that day. A point whose
    group is below the minimum is ``suppressed`` (decided per point). Returns a list of
    ``{"week_end", "tool", licensed…power, "suppressed"}``."""
    return kpis.memoised(db, f, "licence_funnel_trend", lambda: _funnel_trend(db, f, max_points))


def _funnel_trend(db, f, max_points):
    u = usage.matrix(db)
    if u.first_monday is None:
        return []
    sunday = _sunday(usage.as_of(db, f))
    floor = max(u.first_monday + dt.timedelta(days=6), f.start or dt.date.min)
    ends = []
    while len(ends) < max_points and sunday >= floor:
        ends.append(sunday)
        sunday -= dt.timedelta(weeks=1)
    if not ends:
        return []
    ends.reverse()
    segments = _segment_columns(db, ends)
    out = []
    for k, end in enumerate(ends):
        x = _on_day(db, f, end, {t: a[:, k] for t, a in segments.items()})
        scope_hidden = _scope_hidden(db, u, x.held[""], f.departments)
        hidden_tools = _hidden_tools(db, u, x, f.departments, scope_hidden)
        for tool in [""] + [t for t in x.held if t]:
            hidden = scope_hidden if tool == "" else tool in hidden_tools
            counts = {k: None for k in FUNNEL_STEPS} if hidden else _steps(x, tool, x.scope)
            out.append(dict(counts, week_end=end.isoformat(), tool=tool, suppressed=hidden))
    return out


def tool_overlap(db, f: Filters):
    """How many people were active in one, two, or three or more AI tools in the window.

    active in a tool = at least one action in it in the ``adoption_window_days`` up to the
    last usage day, for staff in scope (each person counted once, in the cell of their
    number of tools). Cells below the minimum are hidden with complementary suppression
    (``anonymity.hidden_groups``), so no cell can be read off the total. Returns ``{"active",
    "counts": {"1", "2", "3"}, "hidden": [cells], "suppressed"}``.
    """
    u = usage.matrix(db)
    x = _on_day(db, f)
    tools = usage.tool_days(db)
    if not tools:
        return {"active": None, "counts": {c: None for c in OVERLAP_CELLS}, "hidden": [],
                "suppressed": False}
    window_first = x.day - dt.timedelta(days=x.window - 1)
    n_tools = sum(u.acted_between(window_first, x.day, days).astype(np.int64)
                  for days in tools.values())
    n_tools = np.where(x.scope, n_tools, 0)
    counts = {"1": int((n_tools == 1).sum()), "2": int((n_tools == 2).sum()),
              "3": int((n_tools >= 3).sum())}
    active = sum(counts.values())
    if _scope_hidden(db, u, x.held[""], f.departments) or active < anonymity.minimum(db):
        return {"active": None, "counts": {c: None for c in OVERLAP_CELLS}, "hidden": [],
                "suppressed": True}
    hidden = anonymity.hidden_groups(counts, anonymity.minimum(db))
    return {"active": active, "counts": {c: None if c in hidden else n for c, n in counts.items()},
            "hidden": sorted(hidden), "suppressed": False}


# ---------------------------------------------------------------- cost

def _money(value):
    return None if value is None else float(value)


def licence_costs(db, f: Filters):
    """Licence cost, idle seats and unassigned seats per tool, for the company (or departments).

    On the last usage day (``usage.as_of``), per tool:
    - seats = seats bought (``seats_on``); assigned = seat holders in scope; unassigned =
      max(0, seats − holders, company-wide) — seats bought but not assigned;
    - cost per month = Σ seats × price per seat per month (``None`` when a price is unknown);
      with a department selection, the selection's share: assigned × price per seat;
    - active = holders with an action in the tool in the ``adoption_window_days`` (default 28);
    - cost per active user = cost per month / active;
    - idle = holders who held the seat at least N days and took no action in the tool in the
      last N days (setting ``idle_seat_days``, default 60); idle cost per month = idle ×
      price per seat.
    Company: the sums over tools (cost ``None`` when any tool's price is unknown); active =
    people active in at least one tool they hold (each counted once). Example: 10 seats at
    €30, 7 of 9 holders active, 2 idle for 60 days: €300 a month, €42.86 per active user,
    €60 a month idle, 1 seat unassigned. Usage counts (active, idle) of a tool or department
    below the minimum size (``anonymity.hidden_groups`` on holders) are ``None`` and ``hidden``.

    Returns ``{"as_of", "idle_days", "window_days", "by_tool": {tool: {seats, assigned,
    unassigned, price_per_month, cost_per_month, active, idle, idle_cost_per_month,
    cost_per_active_user, hidden}}, "company": {…}, "by_department": [{department, tool,
    assigned, active, idle, cost_per_month, idle_cost_per_month, cost_per_active_user}],
    "hidden_departments": […]}`` in euros.
    """
    return kpis.memoised(db, f, "licence_costs", lambda: _licence_costs(db, f))


def _per_seat(count, price):
    return None if price is None or count is None else count * price


def _ratio(a, b):
    return None if a is None or not b else a / b


def _licence_costs(db, f):
    u = usage.matrix(db)
    x = _on_day(db, f)
    minimum = anonymity.minimum(db)
    bought = seats_on(db, x.day)
    tools = sorted(set(bought) | {t for t in x.held if t and (x.held[t]).any()})
    selection = bool(f.departments)
    scope_hidden = _scope_hidden(db, u, x.held[""], f.departments)
    assigned = {t: int((x.held[t] & x.scope).sum()) for t in tools}
    hidden_tools = _hidden_tools(db, u, x, f.departments, scope_hidden)
    by_tool = {}
    for t in tools:
        seats = bought.get(t, {}).get("seats", 0)
        price = bought.get(t, {}).get("price_per_month")
        cost = bought.get(t, {}).get("cost_per_month") if t in bought else None
        if selection:
            cost = _per_seat(assigned[t], price)
        hidden = t in hidden_tools
        active = None if hidden else int((x.held[t] & x.scope & x.active[t]).sum())
        idle = None if hidden else int((x.idle[t] & x.scope).sum())
        by_tool[t] = {
            "seats": None if selection else seats, "assigned": assigned[t],
            "unassigned": None if selection else max(0, seats - int(x.held[t].sum())),
            "price_per_month": _money(price), "cost_per_month": _money(cost),
            "active": active, "idle": idle, "idle_cost_per_month": _money(_per_seat(idle, price)),
            "cost_per_active_user": _ratio(cost, active), "hidden": hidden}
    company_cost = None
    if by_tool and all(v["cost_per_month"] is not None for v in by_tool.values()):
        company_cost = sum(v["cost_per_month"] for v in by_tool.values())
    held_any = np.zeros(u.ids.size, dtype=bool)
    active_any = np.zeros(u.ids.size, dtype=bool)
    for t in tools:
        held_any |= x.held[t] & x.scope
        active_any |= x.held[t] & x.scope & x.active[t]
    usage_hidden = scope_hidden or int(held_any.sum()) < minimum
    idle_total = None if usage_hidden or any(by_tool[t]["hidden"] for t in tools) else \
        sum(by_tool[t]["idle"] for t in tools)
    idle_costs = [by_tool[t]["idle_cost_per_month"] for t in tools]
    company = {
        "seats": None if selection else sum(v["seats"] for v in by_tool.values()),
        "assigned": sum(assigned.values()),
        "unassigned": None if selection else sum(v["unassigned"] for v in by_tool.values()),
        "cost_per_month": company_cost,
        "active": None if usage_hidden else int(active_any.sum()),
        "idle": idle_total,
        "idle_cost_per_month": None if idle_total is None or any(c is None for c in idle_costs)
        else float(sum(idle_costs)),
        "hidden": usage_hidden}
    company["cost_per_active_user"] = _ratio(company_cost, company["active"])
    rows, hidden_depts = [], set()
    for t in tools:
        price = bought.get(t, {}).get("price_per_month")
        sizes = _department_sizes(u, x.held[t])
        hidden = anonymity.hidden_groups(sizes, minimum)
        for dept, n in sizes.items():
            if n == 0 or (selection and dept not in f.departments):
                continue
            if dept in hidden:
                hidden_depts.add(dept)
                continue
            mask = x.held[t] & (u.department == dept)
            active = int((mask & x.active[t]).sum())
            idle = int((x.idle[t] & (u.department == dept)).sum())
            cost = _per_seat(n, price)
            rows.append({"department": dept, "tool": t, "assigned": n, "active": active, "idle": idle,
                         "cost_per_month": _money(cost),
                         "idle_cost_per_month": _money(_per_seat(idle, price)),
                         "cost_per_active_user": _ratio(cost, active)})
    return {"as_of": x.day.isoformat(), "idle_days": x.idle_days, "window_days": x.window,
            "by_tool": by_tool, "company": company, "by_department": rows,
            "hidden_departments": sorted(hidden_depts)}


def value_against_cost(db, f: Filters):
    """The pilots' measured value per month beside the licence cost per month.

    value = ``kpis.pilot_value`` (hours saved × hourly rate, measurements up to as_of);
    cost = ``licence_costs`` company cost per month; ratio = value / cost (``None`` when
    either is unknown or the cost is 0). Observational, not causal: the pilots' before/after
    is not proof that the tools caused the difference. Returns ``{"value_per_month",
    "cost_per_month", "ratio"}``.
    """
    value = kpis.pilot_value(db, f)["value_per_month"]
    cost = licence_costs(db, f)["company"]["cost_per_month"]
    return {"value_per_month": value, "cost_per_month": cost, "ratio": _ratio(value, cost)}


# ---------------------------------------------------------------- time to first use

def _first_training(db, u):
    """Per person: the ordinal of their first training attended, ``_NO_DATE`` for none."""
    out = np.full(u.ids.size, _NO_DATE, dtype=np.int64)
    row_of = {p: i for i, p in enumerate(u.ids)}
    for emp, day in db.execute(
            "SELECT a.employee_id, MIN(t.held_on) FROM training_attendance a "
            "JOIN trainings t ON t.id = a.training_id GROUP BY a.employee_id"):
        i = row_of.get(emp)
        if i is not None:
            out[i] = _ordinal(day, _NO_DATE)
    return out


def _quartiles(values):
    if not values.size:
        return {"median_days": None, "q1_days": None, "q3_days": None}
    q1, med, q3 = np.percentile(values, [25, 50, 75])
    return {"median_days": float(med), "q1_days": float(q1), "q3_days": float(q3)}


def _ttfu_group(start, first, day):
    """Figures of one group: ``start``/``first`` ordinals of its members (−1 first = never)."""
    started = (first >= 0) & (first <= day)
    days = np.maximum(0, first[started] - start[started])
    out = {"members": int(start.size), "started": int(started.sum())}
    out.update(_quartiles(days))
    never = {}
    for n in NEVER_STARTED_DAYS:
        due = start <= day - n
        late = due & ~(started & (first - start <= n))
        never[str(n)] = float(late.sum() / due.sum()) if due.any() else None
    out["never_started"] = never
    return out


def time_to_first_use(db, f: Filters, basis="licence"):
    """Days from access (or from the first training) to the first AI action.

    For staff with AI access on the last usage day (``usage.as_of``) in scope: start =
    ``licensed_from`` (basis ``licence``) or the first training they attended (basis
    ``training``; people without one are left out); days = first action day − start (0 when
    the first recorded use came first). Per group: median and quartiles (25th, 75th
    percentile) of the days over those who started, ``started`` of ``members``, and
    ``never_started`` {30, 60, 90}: of the members whose start lies at least N days back,
    the share without an action within N days of it. Company, per Rogers segment and per
    department; segments ``anonymity.hidden_categories`` hides and departments
    ``anonymity.hidden_groups`` hides by members are ``hidden`` with no figures.
    """
    return kpis.memoised(db, f, f"ttfu_{basis}", lambda: _time_to_first_use(db, f, basis))


def _hidden_ttfu():
    return {"members": None, "started": None, "median_days": None, "q1_days": None,
            "q3_days": None, "never_started": {str(n): None for n in NEVER_STARTED_DAYS},
            "hidden": True}


def _time_to_first_use(db, f, basis):
    u = usage.matrix(db)
    day = usage.as_of(db, f)
    d = day.toordinal()
    access = u.licensed_on(day)
    start = u.lic_from if basis == "licence" else _first_training(db, u)
    people = access & (start <= d)
    first = u.first_active_day()
    minimum = anonymity.minimum(db)
    scope = people & u.in_departments(f.departments)
    company_hidden = _scope_hidden(db, u, people, f.departments)
    result = {"basis": basis, "as_of": day.isoformat(),
              "company": _hidden_ttfu() if company_hidden
              else dict(_ttfu_group(start[scope], first[scope], d), hidden=False)}
    for key, labels, order in (("by_segment", u.segment, SEGMENTS + ("unassigned",)),
                               ("by_department", u.department, None)):
        names = [g for g in (order or sorted(set(labels[scope]))) if (labels[scope] == g).any()]
        sizes = {g: int((people & (labels == g)).sum()) for g in sorted(set(labels[people]))}
        if key == "by_segment":
            sizes = {g: int((scope & (labels == g)).sum()) for g in names}
        if key == "by_segment":
            hidden = anonymity.hidden_categories(u.by_department_and_segment(people),
                                                 f.departments, minimum)
        else:
            hidden = anonymity.hidden_groups(sizes, minimum)
        result[key] = {}
        for g in names:
            mask = scope & (labels == g)
            result[key][g] = (_hidden_ttfu() if g in hidden or company_hidden
                              else dict(_ttfu_group(start[mask], first[mask], d), hidden=False))
    return result
