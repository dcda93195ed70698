"""The steering slide of the licences feature (and so a slide of the deck): licence cost per
month, idle seats and their cost, and the pilots' value against the cost, with the chart of
both amounts. Every number comes from ``core.licences.figures``, as ``kpis --json``."""
from core import anonymity, i18n, kpis
from core.filters import Filters
from core.slides import Number, Slide
from core.licences import figures


def licence_slide(db, f: Filters, lang):
    """Licence cost per month, idle seats, value against cost (observational, not causal)."""
    from core.licences import charts

    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    money = lambda v: i18n.fmt_money(v, lang) if v is not None else t("card.no_data")  # noqa: E731
    costs = figures.licence_costs(db, f)
    company = costs["company"]
    value = figures.value_against_cost(db, f)
    minimum = anonymity.minimum(db)
    if not costs["by_tool"]:
        return Slide("licences", t("steering.slide.licences"), [], None,
                     empty=t("licences.card.none"), caption=t("steering.caption.licences", min=minimum))
    count = lambda v: t("card.hidden") if v is None else i18n.fmt_number(v, lang)  # noqa: E731
    numbers = [
        Number(t("kpi.licence_cost.label"), money(company["cost_per_month"]),
               t("steering.note.licence_cost", seats=count(company["seats"]), assigned=company["assigned"],
                 active=count(company["active"]), days=costs["window_days"])),
        Number(t("steering.num.idle"), count(company["idle"]),
               t("steering.note.idle", idle=costs["idle_days"], cost=money(company["idle_cost_per_month"]))),
        Number(t("kpi.value_vs_cost.label"),
               t("licences.ratio", ratio=i18n.fmt_number(value["ratio"], lang, 1))
               if value["ratio"] is not None else t("card.no_data"),
               t("licences.value.detail", value=money(value["value_per_month"]),
                 cost=money(value["cost_per_month"])) + " " + t("pilots.observational")),
    ]
    chart = series = None
    if value["value_per_month"] is not None and value["cost_per_month"] is not None:
        chart = charts.value_against_cost(value, lang)
        # The deck's native chart: the two amounts as ``kpis --json`` rounds them
        # (``pilot_value.value_per_month`` to whole euros, ``licences.cost_per_month`` to cents).
        series = {"name": t("kpi.value_vs_cost.label"),
                  "categories": [t("kpi.pilot_value.label"), t("kpi.licence_cost.label")],
                  "values": [round(float(value["value_per_month"]), 0),
                             round(float(value["cost_per_month"]), 2)],
                  "percent": False, "money": True}
    return Slide("licences", t("steering.slide.licences"), numbers, chart,
                 empty=None if chart else t("card.no_data"),
                 caption=t("steering.caption.licences", min=minimum), series=series)
