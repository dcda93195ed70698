"""Altair chart builders. Each takes small, already aggregated rows and a language.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common
forms of colour blindness; status is never told by colour alone (the UI adds words).
"""
import altair as alt
import pandas as pd

from core import i18n
from core.kpis import SEGMENT_ORDER

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PRIMARY = OKABE_ITO[0]
TARGET_COLOUR = "#555555"
REFERENCE_COLOUR = OKABE_ITO[5]
# Case-study reference: 89% employee acceptance after 6 months (machine builder).
ACCEPTANCE_REFERENCE = 0.89


def acceptance_by_wave(trend, target, lang):
    """Acceptance per wave with 95% interval bars, a target line and the case-study reference.

    :param trend: ``kpis.SurveyFigure`` list, oldest first; suppressed or empty waves are left out.
    :param target: the acceptance target (fraction) or ``None``.
    """
    rows = [
        {
            "wave": fig.wave, "date": fig.wave_date, "value": fig.value,
            "low": fig.ci_low, "high": fig.ci_high,
            "label": i18n.fmt_pct(fig.value, lang),
            "interval": f"{i18n.fmt_pct(fig.ci_low, lang)}–{i18n.fmt_pct(fig.ci_high, lang)}",
            "n": fig.n,
        }
        for fig in trend if fig.value is not None
    ]
    data = pd.DataFrame(rows)
    wave_title = i18n.t("chart.wave", lang)
    x = alt.X("wave:N", sort=[r["wave"] for r in rows], title=wave_title,
              axis=alt.Axis(labelAngle=0))
    y_scale = alt.Scale(domain=[0, 1])
    tooltip = [alt.Tooltip("wave:N", title=wave_title),
               alt.Tooltip("label:N", title=i18n.t("chart.acceptance", lang)),
               alt.Tooltip("interval:N", title=i18n.t("chart.ci", lang)),
               alt.Tooltip("n:Q", title=i18n.t("chart.n", lang))]
    base = alt.Chart(data).encode(x=x)
    bars = base.mark_rule(color=PRIMARY, strokeWidth=2, opacity=0.5).encode(
        y=alt.Y("low:Q", scale=y_scale), y2="high:Q")
    line = base.mark_line(color=PRIMARY, point=alt.OverlayMarkDef(size=80, filled=True)).encode(
        y=alt.Y("value:Q", scale=y_scale, title=i18n.t("chart.acceptance", lang),
                axis=alt.Axis(format=".0%")),
        tooltip=tooltip)
    labels = base.mark_text(dy=-14, fontSize=13, color="#222222").encode(
        y="value:Q", text="label:N")
    layers = [bars, line, labels]
    refs = [(i18n.t("chart.reference", lang) + " " + i18n.fmt_pct(ACCEPTANCE_REFERENCE, lang),
             ACCEPTANCE_REFERENCE, REFERENCE_COLOUR, [2, 3], -7)]
    if target is not None:
        refs.insert(0, (i18n.t("chart.target", lang) + " " + i18n.fmt_pct(target, lang),
                        target, TARGET_COLOUR, [6, 4], 11))
    # The target's label sits under its line and the reference's above, so the two
    # (85% and 89% are a few pixels apart) never overlap.
    for text, value, colour, dash, dy in refs:
        rule_data = pd.DataFrame([{"y": value, "text": text}])
        rule = alt.Chart(rule_data).mark_rule(color=colour, strokeDash=dash).encode(y="y:Q")
        note = alt.Chart(rule_data).mark_text(align="left", dx=4, dy=dy, color=colour,
                                             fontSize=11).encode(
            y="y:Q", text="text:N", x=alt.value(0))
        layers += [rule, note]
    return alt.layer(*layers).properties(height=260)


def segment_progress(progress, lang):
    """Horizontal bars: share of each adoption segment that is active, in Rogers' order.

    :param progress: ``kpis.segment_progress`` output.
    """
    rows = [
        {"segment": i18n.t(f"segment.{seg}", lang), "order": SEGMENT_ORDER.index(seg),
         "value": v["value"], "label": i18n.fmt_pct(v["value"], lang),
         "members": v["members"], "active": v["active"]}
        for seg, v in progress.items() if v["value"] is not None and not v.get("hidden")
    ]
    data = pd.DataFrame(rows)
    order = [r["segment"] for r in sorted(rows, key=lambda r: r["order"])]
    y = alt.Y("segment:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(color=PRIMARY, cornerRadiusEnd=3).encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"),
                title=i18n.t("chart.share_active", lang)),
        tooltip=[alt.Tooltip("segment:N", title=i18n.t("chart.segment", lang)),
                 alt.Tooltip("label:N", title=i18n.t("chart.share_active", lang)),
                 alt.Tooltip("active:Q", title=i18n.t("chart.active", lang)),
                 alt.Tooltip("members:Q", title=i18n.t("chart.members", lang))])
    labels = base.mark_text(align="left", dx=4, fontSize=13, color="#222222").encode(
        x="value:Q", text="label:N")
    return alt.layer(bars, labels).properties(height=max(120, 36 * len(rows)))
