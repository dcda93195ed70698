"""The Adoption page's figures: who uses AI, segment by segment, and when the majority follows.

Everything here is about groups: a function returns counts and shares per company,
department, tool or segment, never a named person's usage, and marks groups below the
anonymity minimum (``anonymity.minimum``) as hidden. Usage comes from the
``usage_series`` rollup (``usage.matrix``: one row per person, read once per data version),
never from the raw daily rows; the weekly figures share a person × week matrix (``_grid``)
cut from it. Shares are fractions.
"""
import dataclasses
import datetime as dt
import math

import numpy as np

from core import anonymity, kpis, usage
from core.usage import USAGE_SEGMENTS, USAGE_VERSIONS, classify_usage  # noqa: F401 — the page uses them
from core.filters import Filters
from core.kpis import _in_clause
from core.schema import SEGMENTS

# Rogers (Diffusion of Innovations): share of a population in each adoption segment.
ROGERS_SHARES = {"innovator": 0.025, "early_adopter": 0.135, "early_majority": 0.34,
                 "late_majority": 0.34, "laggard": 0.16}
# The article's activation strategy is written for these three segments.
FOCUS_SEGMENTS = ("early_adopter", "early_majority", "late_majority")
PLAYBOOK_KEYS = {seg: f"adoption.playbook.{seg}" for seg in FOCUS_SEGMENTS}

MAX_WEEKS = 156                 # at most three years of weekly points are computed
MAX_SERIES_POINTS = 80          # a multi-line chart keeps every k-th week beyond this
MIN_FIT_WEEKS = 12              # fewer weeks of data: no Bass forecast
MIN_FIT_ADOPTERS = 5
FORECAST_WEEKS = 156            # the forecast looks at most three years ahead
BAND_SAMPLES = 1000
BAND_SEED = 20260501


# ---------------------------------------------------------------- helpers

def _date(value):
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


_last_sunday = usage.last_sunday


def _monday(day):
    return day - dt.timedelta(days=day.weekday())


def _memoised(db, f, name, compute):
    """``kpis.memoised``: cached per store file, data version, filters and ``name``."""
    return kpis.memoised(db, f, name, compute)


def _thin(items, max_points=MAX_SERIES_POINTS):
    """Keep every k-th item, always ending with the latest, so a series has at most ``max_points``."""
    if len(items) <= max_points:
        return list(items)
    step = math.ceil(len(items) / max_points)
    return list(items)[::-1][::step][::-1]


def scope_guard(db, f: Filters):
    """Whether this view's usage figures may be shown: ``{"hidden", "with_access", "minimum"}``.

    ``anonymity.selection_hidden`` on the staff with access per department on the last
    usage day (``usage.as_of``): the whole company below the minimum, or a selection
    holding a department too small to show.
    """
    minimum = anonymity.minimum(db)
    u = usage.matrix(db)
    licensed = u.licensed_on(usage.as_of(db, f))
    sizes = u.by_department(licensed)
    selected = int((licensed & u.in_departments(f.departments)).sum())
    return {"hidden": anonymity.selection_hidden(sizes, f.departments, minimum),
            "with_access": selected, "minimum": minimum}


def _hidden_points(db, f, ends):
    """Per end date: whether ``anonymity.selection_hidden`` hides view ``f``'s figure on it
    (on that day's staff with access per department)."""
    u = usage.matrix(db)
    minimum = anonymity.minimum(db)
    return [anonymity.selection_hidden(u.by_department(u.licensed_on(e)), f.departments, minimum)
            for e in ends]


# ---------------------------------------------------------------- the person × week matrix

@dataclasses.dataclass
class _Grid:
    """Weekly actions of the people in scope who have access at some point of the window."""

    mondays: list               # dt.date, oldest first; the last ``shown`` are reported
    shown: int
    rows: np.ndarray            # per person: their row in ``usage.matrix``
    department: np.ndarray      # per person
    segment: np.ndarray         # per person ('unassigned' when none)
    actions: np.ndarray         # person × week, int
    access_week: np.ndarray     # person × week: has access on at least one day of the week
    access_sunday: np.ndarray   # person × week: has access on the week's Sunday


def _week_range(db, f):
    """Mondays of the whole ISO weeks to report (ending on or before as_of, Sunday ≥ start)."""
    first = usage.matrix(db).first_monday
    if first is None:
        return None, []
    last = _monday(_last_sunday(f.as_of))
    # A week belongs to the period when its Sunday does (as in kpis.adoption_trend).
    floor = max(first, _monday(f.start)) if f.start is not None else first
    weeks = []
    day = last
    while day >= floor and len(weeks) < MAX_WEEKS:
        weeks.append(day)
        day -= dt.timedelta(days=7)
    return first, weeks[::-1]


def _build_grid(db, f):
    first_data, shown = _week_range(db, f)
    if not shown:
        return None
    start = max(first_data, shown[0] - dt.timedelta(weeks=11))
    n_weeks = (shown[-1] - start).days // 7 + 1
    mondays = [start + dt.timedelta(weeks=j) for j in range(n_weeks)]
    last_sunday = shown[-1] + dt.timedelta(days=6)
    u = usage.matrix(db)
    # People in scope with access at some point of the window, in id order.
    keep = ((u.lic_from <= last_sunday.toordinal()) & (u.lic_to >= start.toordinal())
            & u.in_departments(f.departments))
    actions = u.columns(u.actions[keep], u.week_of(start), n_weeks)
    monday_ord = np.array([m.toordinal() for m in mondays])
    sunday_ord = monday_ord + 6
    lic_from, lic_to = u.lic_from[keep][:, None], u.lic_to[keep][:, None]
    return _Grid(
        mondays=mondays, shown=len(shown), rows=np.flatnonzero(keep),
        department=u.department[keep], segment=u.segment[keep],
        actions=actions,
        access_week=(lic_from <= sunday_ord[None, :]) & (lic_to >= monday_ord[None, :]),
        access_sunday=(lic_from <= sunday_ord[None, :]) & (lic_to >= sunday_ord[None, :]),
    )


def _grid(db, f):
    """The person × week matrix of view ``f`` up to the last usage day (``usage.view``)."""
    f = usage.view(db, f)
    return _memoised(db, f, "grid", lambda: _build_grid(db, f))


def _sundays(grid):
    return [m + dt.timedelta(days=6) for m in grid.mondays[len(grid.mondays) - grid.shown:]]


def _active(db, grid):
    """Person × shown week: active on the week's Sunday (``usage``'s definition and window)."""
    return usage.matrix(db).active_at(_sundays(grid), usage.window_days(db))[grid.rows]


def _week_rows(grid):
    return [(grid.mondays[j], grid.mondays[j] + dt.timedelta(days=6))
            for j in range(len(grid.mondays) - grid.shown, len(grid.mondays))]


# ---------------------------------------------------------------- active use

def weekly_usage(db, f: Filters):
    """Weekly active users and actions per active user for each whole ISO week in the period.

    active users(week) = people with access that week and ≥ 1 AI action in it;
    actions per active user = their actions / active users. Returns a list of
    ``{"week", "week_end", "active", "with_access", "actions", "actions_per_active"}``; a
    week ``anonymity.selection_hidden`` hides has ``None`` for the figures and
    ``"suppressed": True``.
    """
    grid = _grid(db, f)
    if grid is None:
        return []
    sl = slice(len(grid.mondays) - grid.shown, None)
    used = (grid.actions[:, sl] > 0) & grid.access_week[:, sl]
    active = used.sum(axis=0)
    actions = np.where(used, grid.actions[:, sl], 0).sum(axis=0)
    access = grid.access_week[:, sl].sum(axis=0)
    hidden = _hidden_points(db, f, _sundays(grid))
    return [
        {"week": mon.isoformat(), "week_end": sun.isoformat(),
         "active": None if h else int(a), "with_access": int(n),
         "actions": None if h else int(x),
         "actions_per_active": float(x / a) if a and not h else None, "suppressed": h}
        for (mon, sun), a, n, x, h in zip(_week_rows(grid), active, access, actions, hidden)
    ]

def adoption_by_department(db, f: Filters):
    """Weekly adoption rate per department: ``kpis.adoption_trend`` for each department.

    adoption(department, Sunday) = its staff with access on that Sunday who are active on
    it (``usage``) / its staff with access on that Sunday, computed for all departments
    from one read of the rollup. Suppression is decided per point
    (``anonymity.hidden_groups`` on every department's staff with access on that Sunday):
    a department licensed later is hidden while it is small, and at no point can the
    company's figure minus the shown departments reveal a small one. Returns ``{"points":
    [{"department", "week_end", "active", "eligible", "value"}], "hidden": [names hidden on
    the last Sunday]}``.
    """
    grid = _grid(db, f)
    if grid is None:
        return {"points": [], "hidden": []}
    active = _active(db, grid)
    sl = slice(len(grid.mondays) - grid.shown, None)
    rows = _week_rows(grid)
    keep = set(j for j, _ in _thin(list(enumerate(rows))))
    minimum = anonymity.minimum(db)
    u = usage.matrix(db)
    hidden_at = anonymity.hidden_at(
        [u.by_department(u.licensed_on(sun)) for _, sun in rows], minimum)
    series = {}
    for dept in sorted(set(grid.department)):
        mask = grid.department == dept
        series[dept] = (grid.access_sunday[mask][:, sl].sum(axis=0), active[mask].sum(axis=0))
    points = []
    for dept, (members, actives) in series.items():
        for j, ((_, sun), n, a) in enumerate(zip(rows, members, actives)):
            if j in keep and n and dept not in hidden_at[j]:
                points.append({"department": dept, "week_end": sun.isoformat(),
                               "active": int(a), "eligible": int(n), "value": a / n})
    return {"points": points,
            "hidden": sorted(d for d in hidden_at[-1] if d in series and series[d][0][-1] > 0)}

def adoption_by_tool(db, f: Filters, max_points=60):
    """Weekly adoption rate per AI tool over the period (at most ``max_points`` Sundays).

    adoption(tool, Sunday) = staff with access on that Sunday who are active in that tool
    on it (``usage``'s definition on the tool's own actions) / staff with access on it, as
    ``kpis.adoption_trend`` computes it for all tools, from the per-tool usage rollup. A
    tool is listed when someone in scope with a licence used it in the weeks the chart
    covers; a point ``anonymity.selection_hidden`` hides is left out. Returns a list of
    ``{"tool", "week_end", "active", "eligible", "value"}``.
    """
    f = usage.view(db, f)
    ends = usage.sundays(db, f, max_points)
    if not ends:
        return []
    u = usage.matrix(db)
    window = usage.window_days(db)
    scope = u.in_departments(f.departments) & u.ever_licensed()
    licensed = np.stack([u.licensed_on(s) for s in ends], axis=1)[scope]
    eligible = licensed.sum(axis=0)
    hidden = _hidden_points(db, f, ends)
    first = ends[0] - dt.timedelta(days=window - 1)
    out = []
    for tool, days in usage.tool_days(db).items():
        if not u.acted_between(first, ends[-1], days[scope]).any():
            continue
        active = u.active_at(ends, window, days)[scope].sum(axis=0)
        for day, a, n, h in zip(ends, active, eligible, hidden):
            if not h:
                out.append({"tool": tool, "week_end": day.isoformat(), "active": int(a),
                            "eligible": int(n), "value": a / n if n else None})
    return out

# ---------------------------------------------------------------- usage segments

def usage_segments(db, f: Filters, version="12w"):
    """vivainsights usage segments per week, and per department in the latest whole week.

    See ``classify_usage`` for the definitions (12-week or 4-week version); every person
    with access in a week is one person-week, weeks without actions included; habit share =
    (power + habitual users) / person-weeks. Returns
    ``{"version", "weeks": [{"week_end", "total", "habit_share", <segment>: count…}], "latest": {…},
    "by_department": [{"department", "total", <segment>: count…}], "hidden": [names]}``;
    departments below the minimum size are hidden (with complementary suppression).
    """
    grid = _grid(db, f)
    empty = {"version": version, "weeks": [], "latest": None, "by_department": [], "hidden": []}
    if grid is None or grid.actions.shape[0] == 0:
        return empty
    seg = classify_usage(grid.actions, grid.access_week, version)
    sl = slice(len(grid.mondays) - grid.shown, None)
    shown = seg[:, sl]
    weeks = []
    hidden_weeks = _hidden_points(db, f, _sundays(grid))
    for (mon, sun), column, off in zip(_week_rows(grid), shown.T, hidden_weeks):
        if off:         # the view's group was below the minimum that week
            continue
        counts = np.bincount(column[column >= 0], minlength=len(USAGE_SEGMENTS))
        row = {"week": mon.isoformat(), "week_end": sun.isoformat(), "total": int(counts.sum())}
        row.update({name: int(c) for name, c in zip(USAGE_SEGMENTS, counts)})
        # Power users have a habit too: habitual use is both segments together.
        row["habit_share"] = (row["power"] + row["habitual"]) / row["total"] if row["total"] else None
        weeks.append(row)
    latest = shown[:, -1]
    depts = {}
    for dept in sorted(set(grid.department[latest >= 0])):
        column = latest[(grid.department == dept) & (latest >= 0)]
        counts = np.bincount(column, minlength=len(USAGE_SEGMENTS))
        depts[dept] = {"department": dept, "total": int(counts.sum()),
                       **{name: int(c) for name, c in zip(USAGE_SEGMENTS, counts)}}
    hidden = anonymity.hidden_groups({d: r["total"] for d, r in depts.items()}, anonymity.minimum(db))
    latest_shown = weeks and not hidden_weeks[-1] and weeks[-1]["total"]
    return {"version": version, "weeks": weeks, "latest": weeks[-1] if latest_shown else None,
            "by_department": [r for d, r in depts.items() if d not in hidden],
            "hidden": sorted(hidden)}


# ---------------------------------------------------------------- Rogers segments

def segment_sizes(db, f: Filters):
    """The company's adoption segment sizes beside Rogers' shares.

    share(segment) = staff in the segment / staff with a segment (employed on as_of);
    Rogers: innovators 2.5%, early adopters 13.5%, early majority 34%, late majority 34%,
    laggards 16%. ``source`` is ``"derived"`` when any segment was assigned from adoption
    dates rather than assessed — then the shares are Rogers' by construction.
    """
    clause, params = _in_clause("department", f.departments)
    rows = db.execute(
        f"""
        SELECT segment, segment_source, COUNT(*) FROM employees
        WHERE (start_date IS NULL OR start_date <= ?) AND segment IS NOT NULL{clause}
        GROUP BY 1, 2
        """,
        [f.as_of_iso] + params,
    ).fetchall()
    unassigned = db.execute(
        f"SELECT COUNT(*) FROM employees WHERE (start_date IS NULL OR start_date <= ?) "
        f"AND segment IS NULL{clause}", [f.as_of_iso] + params).fetchone()[0]
    members = {seg: 0 for seg in SEGMENTS}
    derived = 0
    for seg, source, count in rows:
        members[seg] += count
        derived += count if source == "derived" else 0
    total = sum(members.values())
    return {
        "segments": {seg: {"members": members[seg],
                           "share": members[seg] / total if total else None,
                           "rogers": ROGERS_SHARES[seg]} for seg in SEGMENTS},
        "staff": total, "unassigned": unassigned, "derived": derived,
        "source": None if not total else ("derived" if derived else "assessed"),
    }


def _segment_hidden_at(db, f, grid, rows, series, minimum):
    """Per point: the segments ``anonymity.hidden_categories`` hides on that Sunday's staff
    with access."""
    u = usage.matrix(db)
    out = []
    for _, sun in rows:
        licensed = u.licensed_on(sun)
        out.append(anonymity.hidden_categories(
            u.by_department_and_segment(licensed), f.departments, minimum))
    return out


def segment_progress_trend(db, f: Filters):
    """Per Rogers segment and week: ``kpis.segment_progress`` on each Sunday.

    progress(segment, Sunday) = members with access on that Sunday who are active on it
    (``usage``) / members with access on that Sunday. Suppression is decided per point
    (``_segment_hidden_at``); ``hidden`` lists the segments hidden on the last Sunday. The
    chasm is early adopters' progress minus the early majority's on the last Sunday.
    Returns ``{"points": [{"segment", "week_end", "members", "active", "value"}],
    "hidden": [segments], "chasm": {…} or None}``.
    """
    grid = _grid(db, f)
    if grid is None:
        return {"points": [], "hidden": [], "chasm": None}
    f = usage.view(db, f)
    minimum = anonymity.minimum(db)
    active = _active(db, grid)
    sl = slice(len(grid.mondays) - grid.shown, None)
    rows = _week_rows(grid)
    keep = set(j for j, _ in _thin(list(enumerate(rows))))
    series = {}
    for seg in SEGMENTS + ("unassigned",):
        mask = grid.segment == seg
        if mask.any():
            series[seg] = (grid.access_sunday[mask][:, sl].sum(axis=0), active[mask].sum(axis=0))
    hidden_at = _segment_hidden_at(db, f, grid, rows, series, minimum)
    hidden = [seg for seg in series if seg in hidden_at[-1] and series[seg][0][-1] > 0]
    points, latest = [], {}
    for seg, (members, actives) in series.items():
        if seg not in hidden_at[-1] and members[-1]:
            latest[seg] = (int(members[-1]), int(actives[-1]))
        for j, ((_, sun), n, a) in enumerate(zip(rows, members, actives)):
            if j in keep and n and seg not in hidden_at[j]:
                points.append({"segment": seg, "week_end": sun.isoformat(), "members": int(n),
                               "active": int(a), "value": a / n})
    chasm = None
    if "early_adopter" in latest and "early_majority" in latest:
        ea = latest["early_adopter"][1] / latest["early_adopter"][0]
        em = latest["early_majority"][1] / latest["early_majority"][0]
        chasm = {"early_adopter": ea, "early_majority": em, "gap": ea - em,
                 "week_end": rows[-1][1].isoformat()}
    return {"points": points, "hidden": hidden, "chasm": chasm}

def _first_uses(db, f):
    """(segment, licensed_from, first action day up to the usage day or None) for the
    staff with access on the last usage day (``usage.view``), from the usage rollup."""
    f = usage.view(db, f)

    def compute():
        u = usage.matrix(db)
        scope = u.licensed_on(f.as_of) & u.in_departments(f.departments)
        first = u.first_active_day()
        return [(seg, dt.date.fromordinal(int(lic)).isoformat(),
                 dt.date.fromordinal(int(day)).isoformat() if 0 <= day <= f.as_of.toordinal() else None)
                for seg, lic, day in zip(u.segment[scope], u.lic_from[scope], first[scope])]
    return _memoised(db, f, "first_uses", compute)

def time_to_first_use(db, f: Filters):
    """Median days from access to first AI action, per Rogers segment.

    The figures of ``core.licences.figures.time_to_first_use`` (basis: access): days = first
    action day − licensed_from (0 when the first recorded use came first), over members with
    access on the last usage day who have used AI by then; ``started`` of ``members`` have.
    All history counts, whatever the period. Segments ``anonymity.hidden_groups`` hides by their
    members are ``hidden: True``, with no figures (the started counts would otherwise reveal a
    small segment by difference). Returns ``{segment: {members, started, median_days, hidden}}``.
    """
    from core.licences import figures     # noqa: PLC0415 (it builds on this module)

    keep = ("members", "started", "median_days", "hidden")
    return {seg: {k: v[k] for k in keep}
            for seg, v in figures.time_to_first_use(db, f)["by_segment"].items()}


# ---------------------------------------------------------------- Bass forecast

def bass_cdf(t, p, q):
    """Bass diffusion's share of eventual adopters by time t: F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t})."""
    t = np.asarray(t, dtype=float)
    e = np.exp(-(p + q) * t)
    return (1 - e) / (1 + (q / p) * e)


class BassFitError(ValueError):
    """The Bass model could not be fitted; ``reason`` says why (a catalog key suffix)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _bass_new(t, p, q, m):
    """Weekly new adopters of the Bass model: n(t) = m·(F(t) − F(t−1)), F as in ``bass_cdf``."""
    return m * (bass_cdf(t, p, q) - bass_cdf(t - 1, p, q))


def _bass_jacobian(t, p, q, m):
    """∂n(t)/∂p and ∂n(t)/∂q of ``_bass_new`` as the columns of a (T, 2) matrix.

    With s = p + q, e = e^{−s·t} and r = q/p, F = (1 − e)/(1 + r·e), so
    ∂F/∂e = −(1 + r)/(1 + r·e)², ∂F/∂r = −e·(1 − e)/(1 + r·e)², ∂e/∂p = ∂e/∂q = −t·e,
    ∂r/∂p = −q/p², ∂r/∂q = 1/p; and ∂n/∂x = m·(∂F(t)/∂x − ∂F(t−1)/∂x).
    """
    def grad(tt):
        e = np.exp(-(p + q) * tt)
        r = q / p
        d = (1 + r * e) ** 2
        via_e = -(1 + r) / d * (-tt * e)
        df_dr = -(1 - e) * e / d
        return via_e + df_dr * (-q / p ** 2), via_e + df_dr / p

    dp1, dq1 = grad(t)
    dp0, dq0 = grad(t - 1)
    return m * np.column_stack([dp1 - dp0, dq1 - dq0])


def _levenberg_marquardt(t, new, m, start, lower, upper, max_iter=1000):
    """Minimise Σ(n(t) − new)² over (p, q) in the box [lower, upper] from ``start``.

    Levenberg–Marquardt with Marquardt's diagonal scaling: the step δ solves
    (JᵀJ + λ·diag(JᵀJ))·δ = −Jᵀr over the free parameters (one on a bound that −Jᵀr pushes
    outward is held there), is clipped to the box, and is taken only if the sum of squares
    does not grow (then λ ÷ 3, else λ × 4 and solve again). Stops when a step moves neither
    parameter by more than 1e-13 of itself, or no parameter is free. Returns ``(x, sse)``, or ``None`` when
    no finite step could be found.
    """
    x = np.array(start, dtype=float)
    res = _bass_new(t, x[0], x[1], m) - new
    sse = float(res @ res)
    if not np.isfinite(sse):
        return None
    lam = 1e-3
    for _ in range(max_iter):
        jac = _bass_jacobian(t, x[0], x[1], m)
        g = jac.T @ res
        # A parameter on a bound that the descent direction −g pushes outward stays there.
        free = ~(((x <= lower) & (g > 0)) | ((x >= upper) & (g < 0)))
        if not free.any():
            break
        a = jac[:, free].T @ jac[:, free]
        while True:
            step = np.zeros_like(x)
            try:
                step[free] = np.linalg.solve(a + lam * np.diag(np.diag(a)), -g[free])
            except np.linalg.LinAlgError:
                step = None
            if step is not None and np.all(np.isfinite(step)):
                x_new = np.clip(x + step, lower, upper)
                res_new = _bass_new(t, x_new[0], x_new[1], m) - new
                sse_new = float(res_new @ res_new)
                if np.isfinite(sse_new) and sse_new <= sse:
                    break
            lam *= 4
            if lam > 1e16:
                return x, sse
        done = np.all(np.abs(x_new - x) <= 1e-13 * (np.abs(x) + 1e-13))
        x, res, sse = x_new, res_new, sse_new
        lam = max(lam / 3, 1e-12)
        if done:
            break
    return x, sse


def fit_bass(cumulative, m):
    """Fit Bass's p and q to weekly cumulative adopters with the market size fixed at ``m``.

    N(t) = m·F(t) with F as in ``bass_cdf`` and t in weeks (t = 1 is the end of the first
    week). The fit is non-linear least squares on the weekly new adopters
    n(t) = N(t) − N(t−1) = m·(F(t) − F(t−1)) (Srinivasan & Mason, 1986): their errors are
    closer to independent than the cumulative curve's, so the fit's covariance is a sounder
    basis for the uncertainty band. Levenberg–Marquardt in NumPy (``_levenberg_marquardt``,
    analytic Jacobian) from several starting points in the box p ∈ [1e-7, 1], q ∈ [0, 3];
    the best fit wins. The covariance is SciPy ``curve_fit``'s (``absolute_sigma=False``):
    (JᵀJ)⁻¹ by the SVD of J at the fit (singular values below eps·T·s_max dropped), times
    SSE / (T − 2).

    :param cumulative: cumulative adopters at the end of weeks 1..T.
    :param m: the market size (staff with access).
    :returns: ``(p, q, covariance)``.
    :raises BassFitError: ``too_few_weeks`` (fewer than 12), ``too_few_adopters``, or
        ``no_convergence`` (no fit converged, or only at a bound or without a finite covariance).
    """
    cumulative = np.asarray(cumulative, dtype=float)
    if cumulative.size < MIN_FIT_WEEKS:
        raise BassFitError("too_few_weeks")
    if m <= 0 or cumulative[-1] < MIN_FIT_ADOPTERS:
        raise BassFitError("too_few_adopters")
    t = np.arange(1, cumulative.size + 1, dtype=float)
    new = np.diff(np.concatenate([[0.0], cumulative]))

    best = None
    lower, upper = np.array([1e-7, 0.0]), np.array([1.0, 3.0])
    with np.errstate(all="ignore"):
        for p0 in (0.002, 0.01, 0.05):
            for q0 in (0.02, 0.1, 0.4):
                fit = _levenberg_marquardt(t, new, m, (p0, q0), lower, upper)
                if fit is not None and (best is None or fit[1] < best[1]):
                    best = fit
    if best is None:
        raise BassFitError("no_convergence")
    (p, q), sse = best
    at_bound = p >= upper[0] * 0.999 or q >= upper[1] * 0.999 or p <= lower[0] * 1.001
    if at_bound:
        raise BassFitError("no_convergence")
    with np.errstate(all="ignore"):
        jac = _bass_jacobian(t, p, q, m)
        _, s, vt = np.linalg.svd(jac, full_matrices=False)
        keep = s > np.finfo(float).eps * max(jac.shape) * s[0]
        s, vt = s[keep], vt[:s[keep].size]
        cov = (vt.T / s ** 2) @ vt
        cov = cov * (sse / (t.size - 2)) if t.size > 2 else np.full((2, 2), np.inf)
    if cov.shape != (2, 2) or not np.all(np.isfinite(cov)):
        raise BassFitError("no_convergence")
    return float(p), float(q), cov


def _first_reach(share, target):
    hits = np.flatnonzero(share >= target)
    return int(hits[0]) if hits.size else None


def bass_forecast(db, f: Filters):
    """Bass diffusion forecast of cumulative adopters and the date the adoption target is reached.

    Adopters = staff with access on as_of (the market m, fixed) who took a first AI action;
    weeks count from the store's first week of usage. p and q are fitted with ``fit_bass``.
    The 95% band is from parameter sampling: 1,000 draws of (p, q) from a normal
    distribution with the fit's estimate and covariance, the 2.5th and 97.5th percentile of
    F(t) per week. The expected date is the first Sunday on which the fitted share of
    adopters reaches the adoption target (the date it was reached, if the data already
    did), with the same percentiles of the sampled dates. Cumulative adopters never fall,
    while the 28-day adoption rate drops when people stop: the date is the earliest the
    target can be met. With too few weeks or adopters, or a fit that does not converge,
    returns ``{"ok": False, "reason": …}`` and no curve.
    """
    target = kpis.targets(db).get("adoption_rate")
    base = {"ok": False, "reason": None, "target": target, "p": None, "q": None, "m": None,
            "expected_date": None, "expected_low": None, "expected_high": None,
            "reached": False, "points": [], "weeks": 0}
    f = usage.view(db, f)
    first = usage.matrix(db).first_monday
    last_sunday = _last_sunday(f.as_of)
    if first is None or first + dt.timedelta(days=6) > last_sunday:
        return dict(base, reason="too_few_weeks")
    start = first
    n_weeks = (last_sunday - start).days // 7 + 1
    people = _first_uses(db, f)
    m = len(people)
    counts = np.zeros(n_weeks, dtype=np.int64)
    for _, _, day in people:
        # A first use in the unfinished week after the last Sunday waits for that week.
        if day and _date(day) <= last_sunday:
            counts[(_date(day) - start).days // 7] += 1
    cumulative = np.cumsum(counts)
    base.update(m=m, weeks=n_weeks)
    try:
        p, q, cov = fit_bass(cumulative, m)
    except BassFitError as err:
        return dict(base, reason=err.reason)

    horizon = n_weeks + FORECAST_WEEKS
    t = np.arange(1, horizon + 1, dtype=float)
    fitted = bass_cdf(t, p, q)
    rng = np.random.default_rng(BAND_SEED)
    draws = rng.multivariate_normal([p, q], cov, size=BAND_SAMPLES, check_valid="ignore")
    draws = draws[(draws[:, 0] > 0) & (draws[:, 1] >= 0)]
    curves = bass_cdf(t[None, :], draws[:, :1], draws[:, 1:])
    low, high = np.percentile(curves, [2.5, 97.5], axis=0)
    sundays = [start + dt.timedelta(days=6 + 7 * j) for j in range(horizon)]
    actual = cumulative / m

    expected = low_date = high_date = None
    reached = False
    if target is not None:
        hit = _first_reach(actual, target)
        if hit is not None:
            reached, expected = True, sundays[hit]
        else:
            hit = _first_reach(fitted, target)
            expected = sundays[hit] if hit is not None else None
            reach = [_first_reach(c, target) for c in curves]
            # Draws that never reach the target within the horizon count as "later":
            # their date is past the horizon, so the high percentile may be unknown.
            idx = np.array([r if r is not None else horizon for r in reach])
            lo_i, hi_i = np.percentile(idx, [2.5, 97.5], method="nearest")
            low_date = sundays[int(lo_i)] if lo_i < horizon else None
            high_date = sundays[int(hi_i)] if hi_i < horizon else None

    # Chart points: the data weeks, then the forecast up to a while past the target date.
    end = n_weeks + 26
    if expected is not None and not reached:
        end = max(end, (expected - start).days // 7 + 9)
    end = min(horizon, end)
    points = [
        {"week_end": sundays[j].isoformat(), "actual": float(actual[j]) if j < n_weeks else None,
         "fitted": float(fitted[j]),
         "low": float(low[j]) if j >= n_weeks - 1 else None,
         "high": float(high[j]) if j >= n_weeks - 1 else None}
        for j in range(end)
    ]
    return dict(base, ok=True, p=p, q=q, reached=reached,
                expected_date=expected.isoformat() if expected else None,
                expected_low=low_date.isoformat() if low_date else None,
                expected_high=high_date.isoformat() if high_date else None,
                points=_thin(points, 160), adopters=int(cumulative[-1]),
                last_week_end=sundays[n_weeks - 1].isoformat())


# ---------------------------------------------------------------- engagement

def _months(f, first_day):
    # A period that starts before the data does not begin with empty months.
    start = max(d for d in (f.start, first_day) if d) if (f.start or first_day) else f.as_of
    months, year, month = [], start.year, start.month
    while (year, month) <= (f.as_of.year, f.as_of.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def engagement(db, f: Filters):
    """Training attendance, training requests and improvement suggestions per month.

    attendance(month, kind) = attendances of staff in scope at sessions of that kind
    (``lunch_learn`` or other) held that month; participants = distinct staff attending any
    session that month. Requests and suggestions are ``kpis.training_requests`` /
    ``kpis.suggestions``' monthly series, with months without any as 0 once anything was
    ever recorded. Returns ``{"months": [{"month", "lunch_learn", "other", "sessions",
    "participants", "requests", "suggestions"}], "has_training", "has_requests",
    "has_suggestions"}``.
    """
    clause, params = _in_clause("e.department", f.departments)
    months = _months(f, kpis.first_data_day(db))
    rows = {m: {"month": m, "lunch_learn": 0, "other": 0, "sessions": 0, "participants": 0,
                "requests": 0, "suggestions": 0} for m in months}
    for month, kind, sessions in db.execute(
            "SELECT substr(held_on, 1, 7), kind = 'lunch_learn', COUNT(*) FROM trainings "
            "WHERE held_on BETWEEN ? AND ? GROUP BY 1, 2", [f.start_iso, f.as_of_iso]):
        if month in rows:
            rows[month]["sessions"] += sessions
    for month, lunch, count in db.execute(
            f"""
            SELECT substr(t.held_on, 1, 7), t.kind = 'lunch_learn', COUNT(*)
            FROM training_attendance a JOIN trainings t ON t.id = a.training_id
            JOIN employees e ON e.id = a.employee_id
            WHERE t.held_on BETWEEN ? AND ?{clause} GROUP BY 1, 2
            """, [f.start_iso, f.as_of_iso] + params):
        if month in rows:
            rows[month]["lunch_learn" if lunch else "other"] += count
    for month, people in db.execute(
            f"""
            SELECT substr(t.held_on, 1, 7), COUNT(DISTINCT a.employee_id)
            FROM training_attendance a JOIN trainings t ON t.id = a.training_id
            JOIN employees e ON e.id = a.employee_id
            WHERE t.held_on BETWEEN ? AND ?{clause} GROUP BY 1
            """, [f.start_iso, f.as_of_iso] + params):
        if month in rows:
            rows[month]["participants"] = people
    requests = kpis.training_requests(db, f)
    ideas = kpis.suggestions(db, f)
    for key, figure in (("requests", requests), ("suggestions", ideas)):
        for point in figure["series"]:
            if point["month"] in rows:
                rows[point["month"]][key] = point["count"]
    return {"months": list(rows.values()),
            "has_training": db.execute("SELECT 1 FROM trainings LIMIT 1").fetchone() is not None,
            "has_requests": requests["value"] is not None,
            "has_suggestions": ideas["value"] is not None}


def trained_inactive(db, f: Filters):
    """Trained-but-inactive staff per department and Rogers segment: a follow-up list.

    trained = staff with access on the last usage day who attended at least one training
    in the period up to it (``usage.view``); inactive = of them, not active on that day (``usage``: no AI action in
    the window up to it; training is not adoption).
    A department × segment cell with fewer than the minimum trained people is hidden (with
    complementary suppression over the whole company, whatever the department filter);
    cells where nobody is inactive are left out. Returns ``{"rows": [{"department", "segment", "trained", "inactive",
    "share"}] (most inactive first), "hidden_cells", "trained", "inactive"}``.
    """
    # The cells are always judged company-wide, so that a department's own view and the
    # company's view hide the same cells and cannot be subtracted from each other.
    f = usage.view(db, f)
    trained = {r[0] for r in db.execute(
        """
        SELECT DISTINCT a.employee_id FROM training_attendance a
        JOIN trainings t ON t.id = a.training_id WHERE t.held_on BETWEEN ? AND ?
        """, [f.start_iso, f.as_of_iso])}
    u = usage.matrix(db)
    day = f.as_of
    people = u.licensed_on(day) & np.fromiter((i in trained for i in u.ids), bool, u.ids.size)
    idle = people & ~u.active(day, usage.window_days(db))
    tally = {}
    for dept, seg, inactive in zip(u.department[people], u.segment[people], idle[people]):
        cell = tally.setdefault((dept, seg), [0, 0])
        cell[0] += 1
        cell[1] += int(inactive)
    cells = [(d, s, n, k) for (d, s), (n, k) in sorted(tally.items())]
    hidden = anonymity.hidden_groups({(d, s): n for d, s, n, _ in cells}, anonymity.minimum(db))
    in_scope = [c for c in cells if not f.departments or c[0] in f.departments]
    # Within a selection, totals cover the shown cells only: the company-wide hidden cells
    # add up to the minimum, a selection's share of them need not.
    counted = [c for c in in_scope if (c[0], c[1]) not in hidden] if f.departments else in_scope
    # Groups where every trained person is active need no follow-up.
    rows = [{"department": d, "segment": s, "trained": n, "inactive": k, "share": k / n}
            for d, s, n, k in in_scope if (d, s) not in hidden and k]
    order = {seg: i for i, seg in enumerate(SEGMENTS + ("unassigned",))}
    rows.sort(key=lambda r: (-r["inactive"], r["department"], order[r["segment"]]))
    return {"rows": rows, "hidden_cells": sum((c[0], c[1]) in hidden for c in in_scope),
            "trained": sum(c[2] for c in counted), "inactive": sum(c[3] for c in counted)}


# ---------------------------------------------------------------- playbook

def playbook(db, f: Filters):
    """Status of the article's three focus segments, with their activation strategy's catalog key.

    status = ``kpis.status`` of the segment's progress (``kpis.segment_progress``) against the
    adoption target; a segment ``anonymity.hidden_groups`` hides has no figures. Returns a list of ``{"segment", "members", "active", "value", "status",
    "median_days", "hidden", "text"}`` (``text`` is a catalog key).
    """
    progress = kpis.segment_progress(db, f)      # the adoption window setting, as the cards
    first = time_to_first_use(db, f)
    target = kpis.targets(db).get("adoption_rate")
    hidden_set = anonymity.hidden_groups({seg: v["members"] for seg, v in progress.items()},
                                    anonymity.minimum(db))
    out = []
    for seg in FOCUS_SEGMENTS:
        fig = progress.get(seg, {"members": 0, "active": 0, "value": None})
        hidden = seg in hidden_set
        value = None if hidden else fig["value"]
        out.append({"segment": seg, "members": None if hidden else fig["members"],
                    "active": None if hidden else fig["active"], "value": value,
                    "status": kpis.status("adoption_rate", value, target), "hidden": hidden,
                    "median_days": first.get(seg, {}).get("median_days"),
                    "text": PLAYBOOK_KEYS[seg]})
    return out


# ---------------------------------------------------------------- kpis --json

def summary_json(db, f: Filters):
    """The Adoption page's figures for ``python -m core kpis --json``.

    ``adoption_trend``: weekly ``{week, active, eligible, value}`` (``week`` = the Sunday that
    ends it, ``kpis.adoption_trend``); ``usage_segments``: latest whole week, 12-week
    definition, ``{power, habitual, novice, low, non_user}`` counts (``null`` without data or
    for a group below the minimum); ``forecast``: ``{p, q, target, expected_date, reason}``
    with ``reason`` null, or the p/q/date null and ``reason`` saying why not.
    """
    trend = [{"week": p["week_end"], "active": p["active"], "eligible": p["eligible"],
              "value": None if p["value"] is None else round(p["value"], 4)}
             for p in kpis.adoption_trend(db, f)]
    guard = scope_guard(db, f)
    segments = None
    if not guard["hidden"]:
        latest = usage_segments(db, f, "12w")["latest"]
        if latest:
            segments = {name: latest[name] for name in USAGE_SEGMENTS}
    if guard["hidden"]:
        forecast = {"p": None, "q": None, "target": kpis.targets(db).get("adoption_rate"),
                    "expected_date": None, "reason": "hidden"}
    else:
        fc = bass_forecast(db, f)
        forecast = {"p": None if fc["p"] is None else round(fc["p"], 5),
                    "q": None if fc["q"] is None else round(fc["q"], 5),
                    "target": fc["target"], "expected_date": fc["expected_date"],
                    "reason": fc["reason"]}
    return {"adoption_trend": trend, "usage_segments": segments, "forecast": forecast}
