"""Altair charts of the Acceptance & surveys page. Each takes rows from ``core.surveys``.

Colours from the Okabe–Ito palette (``core.charts``); a hidden figure is drawn as a grey
cell or mark that says so in words, never as a zero. Each chart speaks its ``lang``
(``charts.localised``: decimal comma and thousands point on a Dutch axis).
"""
import textwrap

import altair as alt
import pandas as pd

from core import i18n, kpis, surveys
from core.charts import (ACCEPTANCE_REFERENCE, AXIS_HEIGHT, BAR_HEIGHT, OKABE_ITO, PRIMARY,
                         REFERENCE_COLOUR, TARGET_COLOUR, localised)
from core.schema import LEVELS

# Case-study reference: 91% of participants want to keep using the AI tools (tax advisers).
KEEP_USING_REFERENCE = 0.91
UNFAVOURABLE_COLOUR = OKABE_ITO[5]     # vermillion
NEUTRAL_COLOUR = "#BDBDBD"
FAVOURABLE_COLOUR = OKABE_ITO[0]       # blue
HIDDEN_COLOUR = "#EEEEEE"
# Characters per line of an item's label on the diverging bars: the longest item (68
# characters) takes two lines of at most 320 px at Vega's 10 px axis type.
ITEM_LINE = 44


@localised
def acceptance_waves(rows, target, lang):
    """Acceptance per wave: line with 95% interval bars, target and both case-study references.

    :param rows: ``surveys.acceptance_by_wave`` output; hidden waves are marked, not drawn.
    :param target: the acceptance target (fraction) or ``None``.
    """
    wave_title = i18n.t("chart.wave", lang)
    order = [r["wave"] for r in rows]
    shown = pd.DataFrame([
        {"wave": r["wave"], "value": r["value"], "low": r["ci_low"], "high": r["ci_high"],
         "label": i18n.fmt_pct(r["value"], lang), "n": r["n"],
         "interval": f"{i18n.fmt_pct(r['ci_low'], lang)}–{i18n.fmt_pct(r['ci_high'], lang)}",
         "change": (i18n.t("acceptance.chart.significant", lang)
                    if r["change"] and r["change"]["significant"] else "")}
        for r in rows if r["value"] is not None
    ])
    x = alt.X("wave:N", sort=order, title=wave_title, axis=alt.Axis(labelAngle=0),
              scale=alt.Scale(domain=order))
    y_scale = alt.Scale(domain=[0, 1])
    tooltip = [alt.Tooltip("wave:N", title=wave_title),
               alt.Tooltip("label:N", title=i18n.t("chart.acceptance", lang)),
               alt.Tooltip("interval:N", title=i18n.t("chart.ci", lang)),
               alt.Tooltip("n:Q", title=i18n.t("chart.n", lang))]
    base = alt.Chart(shown).encode(x=x)
    layers = [
        base.mark_rule(color=PRIMARY, strokeWidth=2, opacity=0.5).encode(
            y=alt.Y("low:Q", scale=y_scale), y2="high:Q"),
        base.mark_line(color=PRIMARY, point=alt.OverlayMarkDef(size=80, filled=True)).encode(
            y=alt.Y("value:Q", scale=y_scale, title=i18n.t("chart.acceptance", lang),
                    axis=alt.Axis(format=".0%")), tooltip=tooltip),
        base.mark_text(dy=-14, fontSize=13, color="#222222").encode(y="value:Q", text="label:N"),
        base.mark_text(dy=16, dx=22, fontSize=14, color=OKABE_ITO[2], fontWeight="bold").encode(
            y="value:Q", text="change:N"),
    ]
    hidden = [r["wave"] for r in rows if r["value"] is None]
    if hidden:
        text = i18n.t("acceptance.too_few_short", lang)
        layers.append(alt.Chart(pd.DataFrame([{"wave": w, "y": 0.05, "text": text}
                                              for w in hidden])).mark_text(
            color="#777777", fontSize=11, lineBreak="\n").encode(x=x, y="y:Q", text="text:N"))
    # References in a legend: 85%, 89% and 91% lie too close together for labels on the lines.
    refs = [(i18n.t("acceptance.ref.six_months", lang, value=i18n.fmt_pct(ACCEPTANCE_REFERENCE, lang)),
             ACCEPTANCE_REFERENCE, REFERENCE_COLOUR, [2, 3]),
            (i18n.t("acceptance.ref.keep_using", lang, value=i18n.fmt_pct(KEEP_USING_REFERENCE, lang)),
             KEEP_USING_REFERENCE, OKABE_ITO[3], [1, 2])]
    if target is not None:
        refs.insert(0, (i18n.t("chart.target", lang) + " " + i18n.fmt_pct(target, lang),
                        target, TARGET_COLOUR, [6, 4]))
    ref_data = pd.DataFrame([{"y": v, "ref": text} for text, v, _, _ in refs])
    layers.append(alt.Chart(ref_data).mark_rule(strokeWidth=1.5).encode(
        y="y:Q",
        color=alt.Color("ref:N", scale=alt.Scale(domain=[r[0] for r in refs],
                                                 range=[r[2] for r in refs]),
                        # One per line: side by side the three ran past a narrow chart.
                        legend=alt.Legend(title=None, orient="bottom", labelLimit=400, columns=1)),
        strokeDash=alt.StrokeDash("ref:N", scale=alt.Scale(domain=[r[0] for r in refs],
                                                           range=[r[3] for r in refs]),
                                  legend=None),
    ))
    return alt.layer(*layers).properties(height=350)


@localised
def diverging_items(items, lang):
    """Diverging stacked bars per item: 1–2 left, 3 centred on zero, 4–5 right.

    :param items: ``surveys.item_results`` output (sorted by favourable share); hidden items
        are left out (the page lists them).
    """
    labels = {
        "unfavourable": i18n.t("acceptance.scale.unfavourable", lang),
        "neutral": i18n.t("acceptance.scale.neutral", lang),
        "favourable": i18n.t("acceptance.scale.favourable", lang),
    }
    rows, order = [], []
    for item in items:
        if item["favourable"] is None:
            continue
        question = f"{item['code']} · {item['text_' + lang]}"
        # On two lines where it is long: whole, never shortened with "…" (``ITEM_LINE``).
        name = "\n".join(textwrap.wrap(question, ITEM_LINE, break_on_hyphens=False))
        order.append(name)
        half = item["neutral"] / 2
        spans = {"unfavourable": (-half - item["unfavourable"], -half),
                 "neutral": (-half, half),
                 "favourable": (half, half + item["favourable"])}
        for part, (start, end) in spans.items():
            share = item[part]
            rows.append({"item": name, "question": question, "part": labels[part], "start": start, "end": end,
                         "share": share, "label": i18n.fmt_pct(share, lang) if share >= 0.06 else "",
                         "text": i18n.fmt_pct(share, lang), "n": item["n"],
                         "mid": (start + end) / 2})
    data = pd.DataFrame(rows)
    colour = alt.Color("part:N", title=None,
                       scale=alt.Scale(domain=list(labels.values()),
                                       range=[UNFAVOURABLE_COLOUR, NEUTRAL_COLOUR, FAVOURABLE_COLOUR]),
                       # One column: a bottom legend starts where the bars start, right of
                       # the long item labels, and three entries side by side ran past a
                       # narrow chart's edge.
                       legend=alt.Legend(orient="bottom", columns=1))
    y = alt.Y("item:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=320, labelExpr="split(datum.label, '\\n')"))
    bars = alt.Chart(data).mark_bar().encode(
        y=y,
        x=alt.X("start:Q", scale=alt.Scale(domain=[-1, 1]),
                axis=alt.Axis(format="~%", labelExpr="format(abs(datum.value), '.0%')"),
                title=i18n.t("acceptance.chart.share", lang)),
        x2="end:Q", color=colour,
        tooltip=[alt.Tooltip("question:N", title=i18n.t("acceptance.chart.item", lang)),
                 alt.Tooltip("part:N", title=i18n.t("acceptance.chart.answer", lang)),
                 alt.Tooltip("text:N", title=i18n.t("acceptance.chart.share", lang)),
                 alt.Tooltip("n:Q", title=i18n.t("chart.n", lang))])
    text = alt.Chart(data).mark_text(fontSize=11).encode(
        y=y, x="mid:Q", text="label:N",
        color=alt.condition(alt.datum.part == labels["neutral"], alt.value("#111111"),
                            alt.value("white")))
    zero = alt.Chart(pd.DataFrame([{"x": 0}])).mark_rule(color="#444444").encode(x="x:Q")
    # The legend's three lines take about 60 px more than the axis; an item of two lines 36.
    return alt.layer(bars, text, zero).properties(height=AXIS_HEIGHT + 60 + 36 * len(order))


@localised
def heatmap(cells, items, groups, lang, group_title):
    """Favourable share per item × group; hidden cells grey with "too few respondents".

    :param cells: ``surveys.heatmap`` output.
    :param items: ``{code: item text}`` in display order; the axis shows the codes, the
        tooltip the text.
    :param groups: ``{group key: label}`` in display order.
    """
    too_few = i18n.t("acceptance.too_few_short", lang)
    rows = [{"item": c["code"], "group": groups[c["group"]], "question": items[c["code"]],
             "value": c["value"], "n": c["n"],
             "text": too_few if c["hidden"] else i18n.fmt_pct(c["value"], lang),
             "dark": (c["value"] or 0) >= 0.6}
            for c in cells if c["code"] in items and c["group"] in groups]
    data = pd.DataFrame(rows)
    x = alt.X("group:N", sort=list(groups.values()), title=group_title,
              axis=alt.Axis(labelAngle=-30, labelAlign="left", orient="top", labelLimit=160,
                            labelOverlap=False))
    y = alt.Y("item:N", sort=list(items), title=None)
    tooltip = [alt.Tooltip("item:N", title=i18n.t("acceptance.chart.item", lang)),
               alt.Tooltip("question:N", title=" "),
               alt.Tooltip("group:N", title=group_title),
               alt.Tooltip("text:N", title=i18n.t("acceptance.scale.favourable", lang)),
               alt.Tooltip("n:Q", title=i18n.t("chart.n", lang))]
    shown = alt.Chart(data).transform_filter("datum.value != null").mark_rect().encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("value:Q", scale=alt.Scale(scheme="blues", domain=[0, 1]),
                        legend=alt.Legend(format=".0%", title=i18n.t("acceptance.scale.favourable",
                                                                     lang))))
    hidden = alt.Chart(data).transform_filter("datum.value == null").mark_rect(
        color=HIDDEN_COLOUR).encode(x=x, y=y, tooltip=tooltip)
    text = alt.Chart(data).mark_text(fontSize=10, lineBreak="\n").encode(
        x=x, y=y, text="text:N",
        color=alt.condition("datum.dark", alt.value("white"), alt.value("#333333")))
    return alt.layer(shown, hidden, text).properties(height=max(160, 40 * len(items)))


@localised
def segment_acceptance(rows, target, lang):
    """Acceptance per adoption segment, bars with 95% interval; hidden segments say so.

    :param rows: ``surveys.by_segment`` output.
    """
    data = pd.DataFrame([
        {"segment": i18n.t(f"segment.{r['segment']}", lang), "value": r["value"],
         "low": r["ci_low"], "high": r["ci_high"], "n": r["n"],
         "text": (i18n.t("acceptance.too_few_inline", lang) if r["hidden"]
                  else i18n.t("acceptance.segment.value", lang, value=i18n.fmt_pct(r["value"], lang),
                              n=r["n"])),
         "x_text": 0 if r["hidden"] else max(r["value"], r["ci_high"])}
        for r in rows
    ])
    order = list(data["segment"])
    y = alt.Y("segment:N", sort=order, title=None, axis=alt.Axis(labelLimit=200))
    x_scale = alt.Scale(domain=[0, 1.25])
    bars = alt.Chart(data).transform_filter("datum.value != null").mark_bar(
        color=PRIMARY, opacity=0.85).encode(
        y=y, x=alt.X("value:Q", scale=x_scale, axis=alt.Axis(format=".0%", values=[0, .25, .5, .75, 1]),
                     title=i18n.t("chart.acceptance", lang)),
        tooltip=[alt.Tooltip("segment:N", title=i18n.t("chart.segment", lang)),
                 alt.Tooltip("text:N", title=i18n.t("chart.acceptance", lang))])
    ci = alt.Chart(data).transform_filter("datum.value != null").mark_rule(
        color="#222222").encode(y=y, x="low:Q", x2="high:Q")
    text = alt.Chart(data).mark_text(align="left", dx=6, fontSize=12, color="#222222").encode(
        y=y, x=alt.X("x_text:Q", scale=x_scale), text="text:N")
    layers = [bars, ci, text]
    if target is not None:
        layers.append(alt.Chart(pd.DataFrame([{"x": target}])).mark_rule(
            color=TARGET_COLOUR, strokeDash=[6, 4]).encode(x="x:Q"))
    return alt.layer(*layers).properties(height=AXIS_HEIGHT + BAR_HEIGHT * len(rows))


@localised
def trend(rows, kind, target, lang):
    """Fear index (share) or eNPS (points) per wave, with the target as a dashed line.

    :param rows: ``surveys.fear_enps_trend`` output.
    :param kind: ``"fear"`` or ``"enps"``.
    """
    is_share = kind == "fear"
    fmt = (lambda v: i18n.fmt_pct(v, lang)) if is_share else (lambda v: i18n.fmt_points(v, lang))
    order = [r["wave"] for r in rows]
    data = pd.DataFrame([
        {"wave": r["wave"], "value": r[kind].value, "label": fmt(r[kind].value), "n": r[kind].n}
        for r in rows if r[kind].value is not None
    ])
    title = i18n.t("kpi.fear_index.label" if is_share else "kpi.enps.label", lang)
    scale = alt.Scale(domain=[0, 1] if is_share else [-100, 100])
    x = alt.X("wave:N", sort=order, scale=alt.Scale(domain=order), title=i18n.t("chart.wave", lang),
              axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data).encode(x=x)
    colour = OKABE_ITO[5] if is_share else OKABE_ITO[2]
    layers = [
        base.mark_line(color=colour, point=alt.OverlayMarkDef(size=70, filled=True, color=colour)).encode(
            y=alt.Y("value:Q", scale=scale, title=title,
                    axis=alt.Axis(format=".0%") if is_share else alt.Axis()),
            tooltip=[alt.Tooltip("wave:N", title=i18n.t("chart.wave", lang)),
                     alt.Tooltip("label:N", title=title),
                     alt.Tooltip("n:Q", title=i18n.t("chart.n", lang))]),
        base.mark_text(dy=-12, fontSize=12, color="#222222").encode(y="value:Q", text="label:N"),
    ]
    if target is not None:
        layers.append(alt.Chart(pd.DataFrame([{"y": target}])).mark_rule(
            color=TARGET_COLOUR, strokeDash=[6, 4]).encode(y="y:Q"))
    return alt.layer(*layers).properties(height=220)


# ---------------------------------------------------------------- cached specs for the page
# Building and validating an Altair chart takes 50–300 ms; these return the finished
# Vega-Lite dict in the ``context.figure`` calling shape ``(db, filters, *args)``, so the page
# caches it per data version, filters and language instead of rebuilding it each rerun.
# Not validated against the Vega-Lite schema here (that alone takes 100–300 ms per chart):
# these are the same charts the other callers validate, and tests validate these specs.

def acceptance_waves_spec(db, f, lang):
    """``acceptance_waves`` of ``surveys.acceptance_by_wave`` with the acceptance target, as a dict."""
    return acceptance_waves(surveys.acceptance_by_wave(db, f),
                            kpis.targets(db).get("acceptance_rate"), lang).to_dict(validate=False)


def diverging_items_spec(db, f, wave_id, lang):
    """``diverging_items`` of ``surveys.item_results`` for one wave, as a dict."""
    return diverging_items(surveys.item_results(db, f, wave_id), lang).to_dict(validate=False)


def trend_spec(db, f, kind, lang):
    """``trend`` of ``surveys.fear_enps_trend`` for ``kind`` ("fear" or "enps") with its target."""
    kpi = "fear_index" if kind == "fear" else "enps"
    return trend(surveys.fear_enps_trend(db, f), kind, kpis.targets(db).get(kpi),
                 lang).to_dict(validate=False)


def heatmap_groups(cells, by, lang):
    """``{group key: label}`` of heatmap cells in display order.

    Departments alphabetically, levels in their order (``core.schema.LEVELS``); the unknown
    department or level (``None``) last, labelled "unknown".
    """
    unknown = i18n.t("acceptance.group.unknown", lang)
    present = {c["group"] for c in cells}
    if by == "department":
        return {g: (unknown if g is None else i18n.department_label(g, lang))
                for g in sorted(present, key=lambda g: (g is None, g or ""))}
    return {g: i18n.t(f"level.{g}", lang) if g else unknown
            for g in (*LEVELS, None) if g in present}


def heatmap_spec(db, f, wave_id, by, lang):
    """``heatmap`` of ``surveys.heatmap`` for one wave by ``"department"`` or ``"level"``, as a dict."""
    cells = surveys.heatmap(db, f, wave_id, by)
    items = {i["code"]: i["text_" + lang] for i in surveys.item_results(db, f, wave_id)}
    return heatmap(cells, items, heatmap_groups(cells, by, lang), lang,
                   i18n.t(f"acceptance.group.{by}", lang)).to_dict(validate=False)


def segment_acceptance_spec(db, f, wave_id, lang):
    """``segment_acceptance`` of ``surveys.by_segment`` for one wave, as a dict."""
    return segment_acceptance(surveys.by_segment(db, f, wave_id),
                              kpis.targets(db).get("acceptance_rate"), lang).to_dict(validate=False)
