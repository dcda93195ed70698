"""Licences and the adoption funnel, in one place: what the AI tools cost, which seats lie
idle, and where people drop out between "licensed" and "power user".

- ``figures``: every figure, one function each with its formula in its docstring (cost,
  idle and unassigned seats, the funnel and its trend, tool overlap, time to first use,
  value against cost);
- ``records``: writing licences (the Data page's editor) and the admin-only idle-seat list;
- ``charts``: the Altair charts; ``slide``: the steering slide (and so the deck);
- ``texts``: the catalog entries in Dutch and English (merged by ``core.i18n``).

Shared ground is called, never copied: the store, ``usage.matrix`` and the adoption window,
``adoption.classify_usage`` for Microsoft's segments, ``anonymity.hidden_groups`` for the anonymity rule.
"""
from core.filters import Filters


def _round(value, digits=2):
    return None if value is None else round(float(value), digits)


def _rounded(d, digits=2):
    return {k: _round(v, digits) if isinstance(v, float) else v for k, v in d.items()}


def summary_json(db, f: Filters):
    """The licence keys of ``python -m core kpis --json``.

    ``licences``: ``{by_tool: {tool: {seats, assigned, price_per_month, cost_per_month,
    active, idle, idle_cost_per_month}}, cost_per_month, cost_per_active_user}`` (euros;
    ``null`` where unknown or hidden); ``funnel``: ``{licensed, tried, active, habitual,
    power}`` across tools plus ``by_tool``; ``tool_overlap``: ``{1, 2, 3}`` people active in
    that many tools; ``time_to_first_use``: ``{median_days, q1_days, q3_days, started,
    members, never_started: {30, 60, 90}}`` from access (``null`` when hidden or no data).
    """
    from core.licences import figures

    costs = figures.licence_costs(db, f)
    keep = ("seats", "assigned", "price_per_month", "cost_per_month", "active", "idle",
            "idle_cost_per_month")
    licences = None
    if costs["by_tool"]:
        licences = {
            "by_tool": {t: _rounded({k: v[k] for k in keep}) for t, v in costs["by_tool"].items()},
            "cost_per_month": _round(costs["company"]["cost_per_month"]),
            "cost_per_active_user": _round(costs["company"]["cost_per_active_user"]),
        }
    fun = figures.funnel(db, f)

    def steps(entry):
        return {k: entry[k] for k in figures.FUNNEL_STEPS}

    funnel = dict(steps(fun["company"]), by_tool={t: steps(e) for t, e in fun["by_tool"].items()})
    overlap = figures.tool_overlap(db, f)
    ttfu = figures.time_to_first_use(db, f)["company"]
    time_to_first = None
    if not ttfu["hidden"] and ttfu["members"]:
        time_to_first = {k: ttfu[k] for k in ("median_days", "q1_days", "q3_days", "started", "members")}
        time_to_first["never_started"] = {k: _round(v, 4) for k, v in ttfu["never_started"].items()}
    return {"licences": licences, "funnel": funnel,
            "tool_overlap": None if overlap["suppressed"] or overlap["active"] is None
            else overlap["counts"],
            "time_to_first_use": time_to_first}
