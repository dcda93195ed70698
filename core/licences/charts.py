"""Altair charts of the licences feature: the funnel, its trend, and cost beside value.

Builders are ``charts.cached_spec`` (their spec made and validated once per rows and language), take rows
from ``core.licences.figures`` and translate every label; colours from Okabe–Ito.
"""
import altair as alt
import pandas as pd

from core import i18n
from core.adoption.charts import _legend, _time_axis
from core.charts import AXIS_HEIGHT, BAR_HEIGHT, OKABE_ITO, PRIMARY, cached_spec
from core.licences.figures import FUNNEL_STEPS

STEP_COLOURS = dict(zip(FUNNEL_STEPS, (OKABE_ITO[4], OKABE_ITO[2], OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[5])))


@cached_spec
def funnel(entry, lang):
    """Horizontal bars, one per funnel step, labelled with the count and the drop at the step.

    :param entry: one funnel entry of ``figures.funnel`` (not suppressed).
    """
    top = max(entry["licensed"] or 0, 1)
    rows = []
    for i, step in enumerate(FUNNEL_STEPS):
        drop = entry["drop"].get(step)
        label = i18n.fmt_number(entry[step], lang)
        if drop is not None:
            label += f"  (−{i18n.fmt_pct(drop, lang)})"
        rows.append({"step": i18n.t(f"licences.step.{step}", lang), "order": i, "people": entry[step],
                     "label": label, "colour": STEP_COLOURS[step]})
    data = pd.DataFrame(rows)
    y = alt.Y("step:N", sort=[r["step"] for r in rows], title=None, axis=alt.Axis(labelLimit=200))
    base = alt.Chart(data).encode(y=y, tooltip=[
        alt.Tooltip("step:N", title=i18n.t("licences.funnel.step", lang)),
        alt.Tooltip("people:Q", title=i18n.t("licences.funnel.people", lang))])
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("people:Q", title=i18n.t("licences.funnel.people", lang),
                scale=alt.Scale(domain=[0, top * 1.45])),
        color=alt.Color("colour:N", scale=None, legend=None))
    text = base.mark_text(align="left", dx=5, fontSize=13, color="#222222").encode(
        x=alt.X("people:Q"), text=alt.Text("label:N"))
    return alt.layer(bars, text).properties(height=AXIS_HEIGHT + BAR_HEIGHT * len(rows))


@cached_spec
def funnel_trend(points, lang):
    """Lines per funnel step over the weeks (the points of one tool from ``figures.funnel_trend``)."""
    labels = {s: i18n.t(f"licences.step.{s}", lang) for s in FUNNEL_STEPS}
    rows = [{"week_end": p["week_end"], "step": labels[s], "people": p[s]}
            for p in points if not p["suppressed"] for s in FUNNEL_STEPS]
    data = pd.DataFrame(rows)
    return alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=30)).encode(
        x=alt.X("week_end:T", axis=_time_axis(lang)),
        y=alt.Y("people:Q", title=i18n.t("licences.funnel.people", lang)),
        color=alt.Color("step:N", sort=[labels[s] for s in FUNNEL_STEPS], legend=_legend(1),
                        scale=alt.Scale(domain=[labels[s] for s in FUNNEL_STEPS],
                                        range=[STEP_COLOURS[s] for s in FUNNEL_STEPS])),
        tooltip=[alt.Tooltip("week_end:T", title=i18n.t("licences.axis.week", lang), format="%d-%m-%Y"),
                 alt.Tooltip("step:N", title=i18n.t("licences.funnel.step", lang)),
                 alt.Tooltip("people:Q", title=i18n.t("licences.funnel.people", lang))],
    ).properties(height=280)


@cached_spec
def value_against_cost(value, lang):
    """Two bars: the pilots' value per month beside the licence cost per month (euros).

    :param value: ``figures.value_against_cost`` with both amounts known.
    """
    rows = [{"what": i18n.t("kpi.pilot_value.label", lang), "euro": value["value_per_month"],
             "label": i18n.fmt_money(value["value_per_month"], lang), "colour": OKABE_ITO[2]},
            {"what": i18n.t("kpi.licence_cost.label", lang), "euro": value["cost_per_month"],
             "label": i18n.fmt_money(value["cost_per_month"], lang), "colour": PRIMARY}]
    data = pd.DataFrame(rows)
    top = max(r["euro"] for r in rows) or 1
    base = alt.Chart(data).encode(y=alt.Y("what:N", sort=[r["what"] for r in rows], title=None,
                                          axis=alt.Axis(labelLimit=240)))
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("euro:Q", title=i18n.t("licences.axis.euro_month", lang),
                scale=alt.Scale(domain=[0, top * 1.35]),
                # Whole euros, thousands grouped the language's way (``charts.vega_locale``).
                axis=alt.Axis(format=",.0f")),
        color=alt.Color("colour:N", scale=None, legend=None),
        tooltip=[alt.Tooltip("label:N", title=i18n.t("licences.axis.euro_month", lang))])
    text = base.mark_text(align="left", dx=5, fontSize=13, color="#222222").encode(
        x=alt.X("euro:Q"), text=alt.Text("label:N"))
    return alt.layer(bars, text).properties(height=AXIS_HEIGHT + BAR_HEIGHT * 2)
