"""Altair builders for the Adoption page. Each takes rows from ``core.adoption`` and a language.

Colours come from the Okabe–Ito palette (``core.charts``); a segment keeps its colour on
every chart. Labels and tooltips are translated and numbers formatted for the language.

Every builder is ``charts.cached_spec``: ``build.spec(rows, lang)`` is its Vega-Lite spec
(data inline), made and validated once per rows and language. Building and converting a
chart takes Altair tens of milliseconds, which every rerun of the page would pay again.
"""
import altair as alt
import pandas as pd

from core import i18n
from core.adoption import USAGE_SEGMENTS
from core.charts import AXIS_HEIGHT, BAR_HEIGHT, OKABE_ITO, PRIMARY, TARGET_COLOUR, cached_spec
from core.kpis import SEGMENT_ORDER

SEGMENT_COLOURS = {"innovator": OKABE_ITO[3], "early_adopter": OKABE_ITO[0],
                   "early_majority": OKABE_ITO[2], "late_majority": OKABE_ITO[1],
                   "laggard": OKABE_ITO[5], "unassigned": "#999999"}
USAGE_COLOURS = {"power": OKABE_ITO[0], "habitual": OKABE_ITO[4], "novice": OKABE_ITO[2],
                 "low": OKABE_ITO[1], "non_user": "#C8C8C8"}
CHASM_COLOUR = "#F3D9A4"


def _time_axis(lang, title=None):
    """A date axis with month names in the reader's language ("mrt 2026", "Mar 2026")."""
    names = ", ".join(f"'{m}'" for m in i18n.SHORT_MONTHS[lang])
    return alt.Axis(title=title, labelExpr=f"[{names}][month(datum.value)] + ' ' + year(datum.value)",
                    tickCount="month", labelOverlap=True, grid=False)


def _scale(keys, colours, labels):
    return alt.Scale(domain=[labels[k] for k in keys], range=[colours[k] for k in keys])


def _legend(columns=3):
    return alt.Legend(orient="bottom", title=None, labelLimit=260, columns=columns)


def _target_rule(target, lang):
    data = pd.DataFrame([{"y": target, "text": i18n.t("chart.target", lang) + " " + i18n.fmt_pct(target, lang)}])
    rule = alt.Chart(data).mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4]).encode(y=alt.Y("y:Q"))
    note = alt.Chart(data).mark_text(align="left", dx=4, dy=-7, color=TARGET_COLOUR, fontSize=11).encode(
        y=alt.Y("y:Q"), text=alt.Text("text:N"), x=alt.value(0))
    return [rule, note]


@cached_spec
def adoption_lines(points, series, target, lang, labels=None, colours=None):
    """Adoption rate over time: one line per series (company, department or tool), with the target.

    :param points: dicts with ``week_end``, ``value``, ``active``, ``eligible`` and the ``series`` field.
    :param series: the field naming each line, or ``None`` for one line.
    :param labels: optional ``{series value: label}``.
    """
    rows = [{"date": p["week_end"], "when": i18n.fmt_date(p["week_end"], lang),
             "value": p["value"], "label": i18n.fmt_pct(p["value"], lang),
             "active": p["active"], "eligible": p["eligible"],
             "series": (labels or {}).get(p[series], i18n.department_label(p[series], lang)) if series
             else i18n.t("adoption.axis.company", lang)}
            for p in points if p["value"] is not None]
    data = pd.DataFrame(rows)
    tooltip = [alt.Tooltip("series:N", title=i18n.t("adoption.axis.series", lang)),
               alt.Tooltip("when:N", title=i18n.t("adoption.axis.week_end", lang)),
               alt.Tooltip("label:N", title=i18n.t("adoption.axis.adoption", lang)),
               alt.Tooltip("active:Q", title=i18n.t("chart.active", lang)),
               alt.Tooltip("eligible:Q", title=i18n.t("adoption.axis.with_access", lang))]
    colour = (alt.Color("series:N", legend=_legend(columns=2), scale=alt.Scale(
        domain=list(colours), range=list(colours.values())) if colours else alt.Undefined)
        if series else alt.value(PRIMARY))
    line = alt.Chart(data).mark_line(strokeWidth=2, point=alt.OverlayMarkDef(size=18)).encode(
        x=alt.X("date:T", axis=_time_axis(lang)),
        y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"),
                title=i18n.t("adoption.axis.adoption", lang)),
        color=colour, tooltip=tooltip)
    layers = [line]
    if target is not None:
        layers += _target_rule(target, lang)
    return alt.layer(*layers).properties(height=340 if series else 300)


@cached_spec
def weekly_active(rows, lang):
    """Weekly active users (bars) above actions per active user (line), sharing the week axis."""
    data = pd.DataFrame([
        {"date": r["week_end"], "when": i18n.fmt_date(r["week_end"], lang), "active": r["active"],
         "access": r["with_access"], "per_user": r["actions_per_active"],
         "per_user_label": i18n.fmt_score(r["actions_per_active"], lang)}
        for r in rows])
    x = alt.X("date:T", axis=_time_axis(lang))
    tooltip = [alt.Tooltip("when:N", title=i18n.t("adoption.axis.week_end", lang)),
               alt.Tooltip("active:Q", title=i18n.t("adoption.axis.active_users", lang)),
               alt.Tooltip("access:Q", title=i18n.t("adoption.axis.with_access", lang)),
               alt.Tooltip("per_user_label:N", title=i18n.t("adoption.axis.actions_per_user", lang))]
    bars = alt.Chart(data).mark_bar(color=PRIMARY, opacity=0.85).encode(
        x=x, y=alt.Y("active:Q", title=i18n.t("adoption.axis.active_users", lang)),
        tooltip=tooltip).properties(height=170)
    line = alt.Chart(data).mark_line(color=OKABE_ITO[5], strokeWidth=2).encode(
        x=x, y=alt.Y("per_user:Q", title=i18n.t("adoption.axis.actions_per_user", lang),
                     scale=alt.Scale(zero=True)),
        tooltip=tooltip).properties(height=100)
    return alt.vconcat(bars, line, spacing=6)


@cached_spec
def usage_segments_over_time(weeks, lang):
    """Stacked shares of vivainsights' usage segments per week (power users at the bottom)."""
    labels = {s: i18n.t(f"adoption.usage.{s}", lang) for s in USAGE_SEGMENTS}
    rows = []
    for w in weeks:
        if not w["total"]:
            continue
        for order, seg in enumerate(USAGE_SEGMENTS):
            rows.append({"date": w["week_end"], "when": i18n.fmt_date(w["week_end"], lang),
                         "segment": labels[seg], "order": order, "share": w[seg] / w["total"],
                         "label": i18n.fmt_pct(w[seg] / w["total"], lang), "people": w[seg],
                         "total": w["total"]})
    data = pd.DataFrame(rows)
    return alt.Chart(data).mark_area(opacity=0.95).encode(
        x=alt.X("date:T", axis=_time_axis(lang)),
        y=alt.Y("share:Q", stack="zero", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%"), title=i18n.t("adoption.axis.share", lang)),
        # One per line: side by side, five segments ran past the chart in a narrow column.
        color=alt.Color("segment:N", scale=_scale(USAGE_SEGMENTS, USAGE_COLOURS, labels),
                        legend=_legend(columns=1), sort=[labels[s] for s in USAGE_SEGMENTS]),
        order=alt.Order("order:Q", sort="descending"),
        tooltip=[alt.Tooltip("when:N", title=i18n.t("adoption.axis.week_end", lang)),
                 alt.Tooltip("segment:N", title=i18n.t("chart.segment", lang)),
                 alt.Tooltip("label:N", title=i18n.t("adoption.axis.share", lang)),
                 alt.Tooltip("people:Q", title=i18n.t("adoption.axis.people", lang))],
    ).properties(height=400)


@cached_spec
def usage_segments_by_department(rows, lang):
    """Horizontal 100% bars: each department's usage segments in the latest week."""
    labels = {s: i18n.t(f"adoption.usage.{s}", lang) for s in USAGE_SEGMENTS}
    data = pd.DataFrame([
        {"department": i18n.department_label(r["department"], lang), "segment": labels[seg], "order": order,
         "share": r[seg] / r["total"], "label": i18n.fmt_pct(r[seg] / r["total"], lang),
         "people": r[seg], "total": r["total"]}
        for r in rows for order, seg in enumerate(USAGE_SEGMENTS)])
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("department:N", title=None, axis=alt.Axis(labelLimit=200)),
        x=alt.X("share:Q", stack="normalize", axis=alt.Axis(format=".0%"),
                title=i18n.t("adoption.axis.share", lang)),
        # No legend: the over-time chart beside it has the same colours and one.
        color=alt.Color("segment:N", scale=_scale(USAGE_SEGMENTS, USAGE_COLOURS, labels),
                        legend=None, sort=[labels[s] for s in USAGE_SEGMENTS]),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("department:N", title=i18n.t("adoption.axis.department", lang)),
                 alt.Tooltip("segment:N", title=i18n.t("chart.segment", lang)),
                 alt.Tooltip("label:N", title=i18n.t("adoption.axis.share", lang)),
                 alt.Tooltip("people:Q", title=i18n.t("adoption.axis.people", lang)),
                 alt.Tooltip("total:Q", title=i18n.t("adoption.axis.with_access", lang))],
    ).properties(height=60 + 36 * len(rows))


@cached_spec
def segment_sizes(sizes, lang):
    """Bars: the company's share per Rogers segment; black ticks: Rogers' shares."""
    labels = {s: i18n.t(f"segment.{s}", lang) for s in SEGMENT_ORDER}
    keys = [s for s in SEGMENT_ORDER if s in sizes["segments"]]
    data = pd.DataFrame([
        {"segment": labels[s], "share": v["share"], "rogers": v["rogers"],
         "label": i18n.fmt_pct(v["share"], lang, 1), "rogers_label": i18n.fmt_pct(v["rogers"], lang, 1),
         "members": v["members"]}
        for s, v in sizes["segments"].items()])
    y = alt.Y("segment:N", sort=[labels[s] for s in keys], title=None, axis=alt.Axis(labelLimit=200))
    tooltip = [alt.Tooltip("segment:N", title=i18n.t("chart.segment", lang)),
               alt.Tooltip("label:N", title=i18n.t("adoption.axis.company", lang)),
               alt.Tooltip("rogers_label:N", title=i18n.t("adoption.axis.rogers", lang)),
               alt.Tooltip("members:Q", title=i18n.t("adoption.axis.people", lang))]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("share:Q", axis=alt.Axis(format=".0%"), title=i18n.t("adoption.axis.share", lang),
                scale=alt.Scale(domain=[0, max(0.45, max(data["share"].fillna(0)) + 0.08)])),
        color=alt.Color("segment:N", scale=_scale(keys, SEGMENT_COLOURS, labels), legend=None))
    ticks = base.mark_tick(color="#222222", thickness=3, size=26).encode(x=alt.X("rogers:Q"))
    text = base.mark_text(align="left", dx=6, fontSize=12, color="#222222").encode(
        x=alt.X("share:Q"), text=alt.Text("label:N"))
    return alt.layer(bars, ticks, text).properties(height=AXIS_HEIGHT + BAR_HEIGHT * len(keys))


@cached_spec
def segment_progress(points, chasm, lang):
    """Lines: share of each Rogers segment active over time; shaded: the early adopter–majority chasm."""
    labels = {s: i18n.t(f"segment.{s}", lang) for s in SEGMENT_ORDER}
    keys = [s for s in SEGMENT_ORDER if any(p["segment"] == s for p in points)]
    data = pd.DataFrame([
        {"date": p["week_end"], "when": i18n.fmt_date(p["week_end"], lang),
         "segment": labels[p["segment"]], "value": p["value"], "label": i18n.fmt_pct(p["value"], lang),
         "active": p["active"], "members": p["members"]}
        for p in points])
    x = alt.X("date:T", axis=_time_axis(lang))
    y_scale = alt.Scale(domain=[0, 1])
    layers = []
    ea = {p["week_end"]: p["value"] for p in points if p["segment"] == "early_adopter"}
    em = {p["week_end"]: p["value"] for p in points if p["segment"] == "early_majority"}
    if chasm is not None and ea and em:
        band = pd.DataFrame([{"date": d, "ea": ea[d], "em": em[d]} for d in sorted(ea) if d in em])
        layers.append(alt.Chart(band).mark_area(color=CHASM_COLOUR, opacity=0.7).encode(
            x=x, y=alt.Y("ea:Q", scale=y_scale), y2=alt.Y2("em:Q")))
    layers.append(alt.Chart(data).mark_line(strokeWidth=2).encode(
        x=x,
        y=alt.Y("value:Q", scale=y_scale, axis=alt.Axis(format=".0%"),
                title=i18n.t("chart.share_active", lang)),
        color=alt.Color("segment:N", scale=_scale(keys, SEGMENT_COLOURS, labels), legend=_legend(columns=2),
                        sort=[labels[k] for k in keys]),
        tooltip=[alt.Tooltip("segment:N", title=i18n.t("chart.segment", lang)),
                 alt.Tooltip("when:N", title=i18n.t("adoption.axis.week_end", lang)),
                 alt.Tooltip("label:N", title=i18n.t("chart.share_active", lang)),
                 alt.Tooltip("active:Q", title=i18n.t("chart.active", lang)),
                 alt.Tooltip("members:Q", title=i18n.t("chart.members", lang))]))
    return alt.layer(*layers).properties(height=340)


@cached_spec
def time_to_first_use(first, lang):
    """Horizontal bars: median days from access to first use per segment, labelled with starters."""
    labels = {s: i18n.t(f"segment.{s}", lang) for s in SEGMENT_ORDER}
    rows = [{"segment": labels[s], "days": v["median_days"],
             "label": i18n.t("adoption.first_use.label", lang,
                             days=i18n.fmt_number(v["median_days"], lang),
                             started=v["started"], members=v["members"]),
             "started": v["started"], "members": v["members"]}
            for s, v in first.items() if not v["hidden"] and v["median_days"] is not None]
    data = pd.DataFrame(rows)
    keys = [s for s in SEGMENT_ORDER if labels[s] in {r["segment"] for r in rows}]
    y = alt.Y("segment:N", sort=[labels[k] for k in keys], title=None, axis=alt.Axis(labelLimit=200))
    top = max(r["days"] for r in rows)
    base = alt.Chart(data).encode(y=y, tooltip=[
        alt.Tooltip("segment:N", title=i18n.t("chart.segment", lang)),
        alt.Tooltip("days:Q", title=i18n.t("adoption.axis.median_days", lang)),
        alt.Tooltip("started:Q", title=i18n.t("adoption.axis.started", lang)),
        alt.Tooltip("members:Q", title=i18n.t("chart.members", lang))])
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        # Room right of the longest bar for its label ("173 d" over "1.619/1.619") in a
        # narrow column: the bars take at most 45% of the width.
        x=alt.X("days:Q", title=i18n.t("adoption.axis.median_days", lang),
                scale=alt.Scale(domain=[0, top * 2.2 + 1]), axis=alt.Axis(labelFlush=True)),
        color=alt.Color("segment:N", scale=_scale(keys, SEGMENT_COLOURS, labels), legend=None))
    # The two lines centred on the bar: Vega sets the first line's middle on it.
    text = base.mark_text(align="left", dx=5, dy=-6, fontSize=12, color="#222222", lineBreak="\n",
                          lineHeight=13).encode(x=alt.X("days:Q"), text=alt.Text("label:N"))
    return alt.layer(bars, text).properties(height=AXIS_HEIGHT + BAR_HEIGHT * len(rows))


@cached_spec
def bass_forecast(forecast, lang):
    """Measured cumulative share of adopters, the fitted Bass curve, its forecast and 95% band, the target."""
    actual_name = i18n.t("adoption.series.actual", lang)
    fitted_name = i18n.t("adoption.series.fitted", lang)
    rows = []
    for p in forecast["points"]:
        common = {"date": p["week_end"], "when": i18n.fmt_date(p["week_end"], lang),
                  "low": p["low"], "high": p["high"],
                  "band": (f"{i18n.fmt_pct(p['low'], lang)}–{i18n.fmt_pct(p['high'], lang)}"
                           if p["low"] is not None else "–")}
        rows.append(dict(common, series=fitted_name, value=p["fitted"],
                         label=i18n.fmt_pct(p["fitted"], lang)))
        if p["actual"] is not None:
            rows.append(dict(common, series=actual_name, value=p["actual"],
                             label=i18n.fmt_pct(p["actual"], lang)))
    data = pd.DataFrame(rows)
    x = alt.X("date:T", axis=_time_axis(lang))
    y_scale = alt.Scale(domain=[0, 1])
    tooltip = [alt.Tooltip("series:N", title=i18n.t("adoption.axis.series", lang)),
               alt.Tooltip("when:N", title=i18n.t("adoption.axis.week_end", lang)),
               alt.Tooltip("label:N", title=i18n.t("adoption.axis.cumulative", lang)),
               alt.Tooltip("band:N", title=i18n.t("adoption.series.band", lang))]
    band = alt.Chart(data[(data["series"] == fitted_name) & data["low"].notna()]).mark_area(
        color=PRIMARY, opacity=0.18).encode(x=x, y=alt.Y("low:Q", scale=y_scale), y2=alt.Y2("high:Q"))
    colour = alt.Color("series:N", legend=_legend(), scale=alt.Scale(
        domain=[actual_name, fitted_name], range=["#222222", PRIMARY]))
    fitted = alt.Chart(data[data["series"] == fitted_name]).mark_line(
        strokeWidth=2, strokeDash=[6, 3]).encode(
        x=x, y=alt.Y("value:Q", scale=y_scale, axis=alt.Axis(format=".0%"),
                     title=i18n.t("adoption.axis.cumulative", lang)),
        color=colour, tooltip=tooltip)
    actual = alt.Chart(data[data["series"] == actual_name]).mark_circle(size=22, opacity=0.9).encode(
        x=x, y=alt.Y("value:Q", scale=y_scale), color=colour, tooltip=tooltip)
    layers = [band, fitted, actual]
    if forecast["target"] is not None:
        layers += _target_rule(forecast["target"], lang)
    if forecast.get("last_week_end"):
        now = pd.DataFrame([{"date": forecast["last_week_end"]}])
        layers.append(alt.Chart(now).mark_rule(color="#888888", strokeDash=[2, 2]).encode(x=alt.X("date:T")))
    if forecast["expected_date"] and not forecast["reached"]:
        mark = pd.DataFrame([{"date": forecast["expected_date"],
                              "text": i18n.fmt_date(forecast["expected_date"], lang)}])
        layers.append(alt.Chart(mark).mark_rule(color=OKABE_ITO[5]).encode(x=alt.X("date:T")))
        layers.append(alt.Chart(mark).mark_text(align="left", dx=4, dy=10, color=OKABE_ITO[5],
                                                fontSize=11).encode(x=alt.X("date:T"), y=alt.value(0),
                                                                    text=alt.Text("text:N")))
    return alt.layer(*layers).properties(height=360)


@cached_spec
def training_per_month(months, lang):
    """Stacked bars: attendances per month at AI Lunch & Learns and at other trainings."""
    kinds = ("lunch_learn", "other")
    labels = {k: i18n.t(f"adoption.kind.{k}", lang) for k in kinds}
    data = pd.DataFrame([
        {"month": m["month"] + "-01", "label_month": _month_label(m["month"], lang),
         "kind": labels[k], "order": i, "count": m[k], "sessions": m["sessions"],
         "participants": m["participants"]}
        for m in months for i, k in enumerate(kinds)])
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("month:T", timeUnit="yearmonth", axis=_time_axis(lang)),
        y=alt.Y("count:Q", title=i18n.t("adoption.axis.people", lang), stack="zero"),
        color=alt.Color("kind:N", legend=_legend(columns=1), scale=alt.Scale(
            domain=[labels[k] for k in kinds], range=[OKABE_ITO[0], OKABE_ITO[4]])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("label_month:N", title=i18n.t("adoption.axis.month", lang)),
                 alt.Tooltip("kind:N", title=i18n.t("adoption.axis.series", lang)),
                 alt.Tooltip("count:Q", title=i18n.t("adoption.axis.people", lang))],
    ).properties(height=280)


@cached_spec
def requests_per_month(months, lang):
    """Lines: training requests and improvement suggestions per month."""
    series = (("requests", "kpi.training_requests.label", OKABE_ITO[5]),
              ("suggestions", "kpi.suggestions.label", OKABE_ITO[2]))
    data = pd.DataFrame([
        {"month": m["month"] + "-01", "label_month": _month_label(m["month"], lang),
         "series": i18n.t(key, lang), "count": m[field]}
        for m in months for field, key, _ in series])
    return alt.Chart(data).mark_line(strokeWidth=2, point=alt.OverlayMarkDef(size=30)).encode(
        x=alt.X("month:T", axis=_time_axis(lang)),
        y=alt.Y("count:Q", title=i18n.t("adoption.axis.count", lang)),
        color=alt.Color("series:N", legend=_legend(columns=1), scale=alt.Scale(
            domain=[i18n.t(k, lang) for _, k, _ in series], range=[c for _, _, c in series])),
        tooltip=[alt.Tooltip("label_month:N", title=i18n.t("adoption.axis.month", lang)),
                 alt.Tooltip("series:N", title=i18n.t("adoption.axis.series", lang)),
                 alt.Tooltip("count:Q", title=i18n.t("adoption.axis.count", lang))],
    ).properties(height=280)


def _month_label(month, lang):
    year, number = month.split("-")
    return f"{i18n.SHORT_MONTHS[lang][int(number) - 1]} {year}"
