"""Altair charts of the Pilots & productivity page: individual measurements, and the portfolio.

Colours follow ``core.charts`` (Okabe–Ito); a thin figure is told by a pale bar *and* the
word "thin" in its label, never by colour alone. The builders are ``charts.cached_spec``: their
spec is made and validated once per distinct input; they encode with channel objects (see ``core.charts``).
"""
import altair as alt
import pandas as pd

from core import i18n
from core.charts import OKABE_ITO, PRIMARY, REFERENCE_COLOUR, cached_spec
from core.kpis import THIN_MEASUREMENTS
from core.pilots import CASE_REFERENCES, fmt_change, fmt_minutes

PHASE_COLOURS = {"baseline": OKABE_ITO[1], "after": OKABE_ITO[0]}
QUOTES_REFERENCE = next(v for key, _, v in CASE_REFERENCES if key == "quotes")


@cached_spec
def before_after(points, lang):
    """Strip of the individual minutes-per-unit measurements per phase, with means and boxes.

    A phase with at least 5 measurements also gets a box (its middle half); a dotted line
    marks where 60% time saved (the quotes case study) would put the "after" measurements.

    :param points: ``pilots.measurement_points`` rows of one use case.
    """
    rows = [p for p in points if p["minutes_per_unit"] is not None]
    phases = [ph for ph in ("baseline", "after") if any(p["phase"] == ph for p in rows)]
    names = {ph: i18n.t(f"pilots.phase.{ph}", lang) for ph in phases}
    order = [names[ph] for ph in phases]
    # Spread the dots of a phase over a narrow band so equal values stay visible.
    counts = {}
    data = []
    for p in rows:
        k = counts.get(p["phase"], 0)
        counts[p["phase"]] = k + 1
        data.append({
            "phase": names[p["phase"]], "minutes": p["minutes_per_unit"],
            "jitter": ((k * 7) % 11 - 5) / 5 * 8,
            "date": i18n.fmt_date(p["measured_on"], lang),
            "label": fmt_minutes(p["minutes_per_unit"], lang),
            "units": i18n.fmt_number(p["units_per_month"], lang),
            "errors": i18n.fmt_number(p["errors_per_unit"], lang, 3),
            "note": p["note"] or "",
        })
    frame = pd.DataFrame(data)
    colour = alt.Color("phase:N", scale=alt.Scale(domain=order,
                                                   range=[PHASE_COLOURS[ph] for ph in phases]),
                       legend=None)
    y = alt.Y("phase:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13))
    x_title = i18n.t("pilots.axis.minutes", lang)
    field = lambda key: i18n.t(f"pilots.field.{key}", lang)  # noqa: E731
    dots = alt.Chart(frame).mark_circle(size=70, opacity=0.8).encode(
        x=alt.X("minutes:Q", title=x_title, scale=alt.Scale(zero=True)),
        y=y, yOffset=alt.YOffset("jitter:Q", scale=alt.Scale(domain=[-20, 20])), color=colour,
        tooltip=[alt.Tooltip("date:N", title=field("measured_on")),
                 alt.Tooltip("label:N", title=field("minutes_per_unit")),
                 alt.Tooltip("units:N", title=field("units_per_month")),
                 alt.Tooltip("errors:N", title=field("errors_per_unit")),
                 alt.Tooltip("note:N", title=field("note"))])
    layers = []
    boxed = [names[ph] for ph in phases if counts.get(ph, 0) >= THIN_MEASUREMENTS]
    if boxed:
        layers.append(alt.Chart(frame[frame["phase"].isin(boxed)]).mark_boxplot(
            extent="min-max", opacity=0.25, size=34, median=False, ticks=False,
            rule=alt.MarkConfig(opacity=0)).encode(
            x=alt.X("minutes:Q", title=x_title), y=y, color=colour))
    means = pd.DataFrame([
        {"phase": names[ph], "mean": frame[frame["phase"] == names[ph]]["minutes"].mean()}
        for ph in phases])
    means["label"] = [fmt_minutes(v, lang) for v in means["mean"]]
    layers.append(dots)
    layers.append(alt.Chart(means).mark_tick(thickness=3, size=40, color="#222222").encode(
        x=alt.X("mean:Q", title=x_title), y=y, tooltip=[alt.Tooltip("label:N", title=i18n.t("pilots.axis.mean", lang))]))
    if "baseline" in phases:
        target = means.loc[means["phase"] == names["baseline"], "mean"].iloc[0] * (1 - QUOTES_REFERENCE)
        ref = pd.DataFrame([{"x": target, "text": i18n.t("pilots.ref.line", lang)}])
        layers.append(alt.Chart(ref).mark_rule(color=REFERENCE_COLOUR, strokeDash=[2, 3]).encode(
            x=alt.X("x:Q", title=x_title)))
        layers.append(alt.Chart(ref).mark_text(align="left", dx=4, dy=-4, baseline="bottom",
                                               color=REFERENCE_COLOUR, fontSize=11).encode(
            x=alt.X("x:Q", title=x_title), y=alt.YValue(0), text=alt.Text("text:N")))
    return alt.layer(*layers).properties(height=70 * len(phases) + 40)


@cached_spec
def portfolio(rows, metric, lang):
    """Horizontal bars per use case with 95% interval whiskers and the case-study reference lines.

    :param rows: ``pilots.results`` rows; those without a value for ``metric`` are left out.
    :param metric: ``"time_saved"`` (references: quotes 60%, onboarding 40%, advice 35%) or
        ``"throughput_change"`` (reference: requests +23%).
    """
    source = "time_saved" if metric == "time_saved" else "throughput"
    data = []
    for r in rows:
        fig = r[source]
        if not fig or fig["value"] is None:
            continue
        label = (i18n.fmt_pct(fig["value"], lang) if metric == "time_saved"
                 else fmt_change(fig["value"], lang))
        if fig["thin"]:
            label += " · " + i18n.t("pilots.thin", lang)
        data.append({
            "use_case": r["name"], "value": fig["value"], "low": fig["ci_low"],
            "high": fig["ci_high"], "label": label, "opacity": 0.35 if fig["thin"] else 1.0,
            "interval": (f"{i18n.fmt_pct(fig['ci_low'], lang)} – {i18n.fmt_pct(fig['ci_high'], lang)}"
                         if fig["ci_low"] is not None else "–"),
            "n": i18n.t("pilots.n_phases", lang, baseline=fig["n_baseline"], after=fig["n_after"]),
        })
    frame = pd.DataFrame(data)
    order = [d["use_case"] for d in data]
    refs = [(i18n.t(f"pilots.ref.{key}", lang, value=i18n.fmt_pct(value, lang, signed=metric != "time_saved")),
             value) for key, kind, value in CASE_REFERENCES if kind == metric]
    lo = min([0.0] + [d["low"] if d["low"] is not None else d["value"] for d in data])
    hi = max([v for _, v in refs] + [d["high"] if d["high"] is not None else d["value"] for d in data])
    scale = alt.Scale(domain=[lo, max(hi * 1.25, hi + 0.08)], nice=False)
    title = i18n.t("pilots.axis.time_saved" if metric == "time_saved" else "pilots.axis.throughput", lang)
    y = alt.Y("use_case:N", sort=order, title=None, axis=alt.Axis(labelLimit=200, labelFontSize=12))
    base = alt.Chart(frame).encode(y=y)
    bars = base.mark_bar(color=PRIMARY, cornerRadiusEnd=3).encode(
        x=alt.X("value:Q", scale=scale, title=title, axis=alt.Axis(format=".0%")),
        opacity=alt.Opacity("opacity:Q", scale=None, legend=None),
        tooltip=[alt.Tooltip("use_case:N", title=i18n.t("pilots.axis.use_case", lang)),
                 alt.Tooltip("label:N", title=title),
                 alt.Tooltip("interval:N", title=i18n.t("pilots.col.interval", lang)),
                 alt.Tooltip("n:N", title=i18n.t("pilots.col.n", lang))])
    whiskers = base.mark_rule(color="#222222", strokeWidth=1.5).encode(x=alt.X("low:Q"), x2=alt.X2("high:Q"))
    labels = base.mark_text(align="left", dx=6, dy=-12, fontSize=12, color="#222222").encode(
        x=alt.X("value:Q"), text=alt.Text("label:N"))
    layers = [bars, whiskers, labels]
    # Reference labels sit above the plot, one row each, so 35% and 40% never collide.
    for i, (text, value) in enumerate(sorted(refs, key=lambda r: -r[1])):
        ref = pd.DataFrame([{"x": value, "text": text}])
        layers.append(alt.Chart(ref).mark_rule(color=REFERENCE_COLOUR, strokeDash=[2, 3]).encode(
            x=alt.X("x:Q", scale=scale)))
        layers.append(alt.Chart(ref).mark_text(align="center", baseline="bottom", dy=-2 - 13 * i,
                                               color=REFERENCE_COLOUR, fontSize=11).encode(
            x=alt.X("x:Q", scale=scale), y=alt.YValue(0), text=alt.Text("text:N")))
    # Streamlit fits the whole chart (axes and the labels above the plot) into ``height``.
    # No explicit padding: with a stretched width it sends Vega's autosize into a loop.
    return alt.layer(*layers).properties(height=70 + 44 * len(data) + 13 * len(refs))
