"""Overview: is our AI rollout accepted? Reads the view, asks core, renders."""
import streamlit as st

from core import anonymity, charts, i18n, kpis, surveys, usage
from ui import cards, context
from ui import licences as licences_ui

view = context.current()
lang, f = view.lang, view.filters
pct = lambda v: i18n.fmt_pct(v, lang)  # noqa: E731

context.page_title(view, "overview.title")
st.page_link("pages/steering.py", label=view.t("steering.start"), icon=":material/co_present:")

if f is None:
    st.info(view.t("empty.store"))
# Until every step is done, the checklist that walks a project lead through the first start.
context.render_first_start(view, expanded=f is None)
if f is None:
    st.stop()

context.scope_caption(view)

db = view.store.read()
targets = kpis.targets(db)
minimum = anonymity.minimum(db)
window = usage.window_days(db)
reassess = kpis.reassess_after(db)

trend = context.figure(view, "acceptance_trend")
acceptance = trend[-1] if trend else None
acc_status = kpis.status("acceptance_rate", acceptance.value if acceptance else None,
                         targets.get("acceptance_rate"))

# The headline answer from all signals (``kpis.verdict_from``), in words and colour.
st.subheader(view.t("overview.question"))
verdict = context.figure(view, "verdict")
if verdict["answer"] is None:
    st.info(view.t("overview.verdict.hidden" if acceptance is not None and acceptance.suppressed
                   else "overview.verdict.none"))
else:
    {"yes": st.success, "mostly": st.warning, "no": st.error}[verdict["answer"]](
        kpis.verdict_sentence(verdict, lang))


def survey_detail(fig, key):
    if fig is None or fig.wave is None:
        return None
    if fig.suppressed:
        return view.t("card.too_few", min=minimum)
    return view.t(key, wave=fig.wave, n=fig.n, low=pct(fig.ci_low), high=pct(fig.ci_high))


def survey_value(fig, fmt):
    if fig is not None and fig.suppressed:
        return view.t("card.hidden")
    if fig is None or fig.value is None:
        return None
    return fmt(fig.value)


# Every row of cards has fixed-width cards that wrap (``cards.row``): their labels ("Licentiekosten
# per maand") and changes ("+1 procentpunt t.o.v. vorige") are never cut off at 1024 px, as a
# third of the page would cut them.
# ---------------------------------------------------------------- people
st.markdown(f"#### {view.t('overview.section.people')}")
row = cards.row(3, key="overview_people_row")
with row[0]:
    change = kpis.wave_change(trend[-2], trend[-1]) if len(trend) >= 2 else None
    note = None
    if change:
        note = view.t("card.change.significant" if change["significant"]
                      else "card.change.not_significant")
    cards.kpi_card(
        view, "acceptance_rate", survey_value(acceptance, pct), help_values={"min": minimum},
        detail=survey_detail(acceptance, "card.acceptance.detail"), note=note,
        **cards.change_delta(view, "acceptance_rate", 100 * change["delta"] if change else None),
        status=acc_status, target=pct(targets.get("acceptance_rate")),
        terms=("points", "n", "ci"), key="card_acceptance",
    )
with row[1]:
    spark = [p["value"] for p in context.figure(view, "adoption_trend") if p["value"] is not None]
    cards.adoption_card(view, context.figure(view, "adoption_rate"), targets, minimum,
                        chart_data=spark or None, key="card_adoption")
with row[2]:
    health = context.figure(view, "stakeholders")
    cards.kpi_card(
        view, "stakeholders",
        view.t("card.stakeholders.value", champions=health["key_champions"],
               blockers=health["critical_blockers"]) if health["assessed"] else None,
        help_values={"days": reassess},
        detail=view.t("card.stakeholders.detail", **health) if health["assessed"] else None,
        terms=("stakeholders",), key="card_stakeholders",
    )

# Fear and eNPS against the wave before the latest (the same waves as acceptance's change).
waves = context.figure(view, surveys.fear_enps_trend)


def wave_delta(kind, kpi, scale, unit):
    if len(waves) < 2:
        return {}
    before, now = waves[-2][kind].value, waves[-1][kind].value
    return cards.change_delta(view, kpi, None if before is None or now is None
                              else scale * (now - before), unit)


row = cards.row(3, key="overview_survey_row")
with row[0]:
    fear = context.figure(view, "fear_index")
    cards.kpi_card(
        view, "fear_index", survey_value(fear, pct), detail=survey_detail(fear, "card.fear.detail"),
        **wave_delta("fear", "fear_index", 100, "pp"),
        status=kpis.status("fear_index", fear.value, targets.get("fear_index")),
        target=pct(targets.get("fear_index")), terms=("fear", "points", "n", "ci"), key="card_fear",
    )
with row[1]:
    score = context.figure(view, "enps")
    cards.kpi_card(
        view, "enps", survey_value(score, lambda v: i18n.fmt_points(v, lang)),
        detail=survey_detail(score, "card.enps.detail"), **wave_delta("enps", "enps", 1, "score"),
        status=kpis.status("enps", score.value, targets.get("enps")),
        target=i18n.fmt_points(targets.get("enps"), lang), terms=("enps", "n"), key="card_enps",
    )
with row[2]:
    training = context.figure(view, "training_participation")
    cards.kpi_card(
        view, "training_participation",
        pct(training["value"]) if training["value"] is not None else None,
        detail=view.t("card.training.detail", **training) if training["sessions"] else None,
        key="card_training",
    )

# ---------------------------------------------------------------- results
st.markdown(f"#### {view.t('overview.section.results')}")
st.caption(view.t("pilots.scope_note", date=i18n.fmt_date(f.as_of, lang)))
row = cards.row(3, key="overview_results_row")
saved = [r for r in context.figure(view, "time_saved") if r["value"] is not None]
value = context.figure(view, "pilot_value")
with row[0]:
    best = max(saved, key=lambda r: r["value"]) if saved else None
    cards.kpi_card(
        view, "time_saved", pct(best["value"]) if best else None,
        detail=view.t("card.time_saved.detail", use_case=best["use_case"], n=len(saved))
        if best else None,
        status=kpis.status("time_saved", best["value"] if best else None, targets.get("time_saved")),
        target=pct(targets.get("time_saved")), key="card_time_saved",
    )
with row[1]:
    cards.kpi_card(
        view, "pilot_value",
        i18n.fmt_money(value["value_per_month"], lang) if value["value_per_month"] is not None else None,
        detail=view.t("card.value.detail", hours=i18n.fmt_number(value["hours_per_month"], lang))
        if value["hours_per_month"] is not None else None,
        key="card_value",
    )
with row[2]:
    requests = context.figure(view, "training_requests")
    ideas = context.figure(view, "suggestions")
    has_any = requests["value"] is not None or ideas["value"] is not None
    cards.kpi_card(
        view, "engagement",
        view.t("card.engagement.value", requests=i18n.fmt_score(requests["value"], lang),
               suggestions=i18n.fmt_score(ideas["value"], lang)) if has_any else None,
        detail=view.t("card.engagement.detail"), terms=("engagement",), key="card_engagement",
        help_values={},
    )
row = cards.row(2, key="overview_licence_row")
with row[0]:
    licences_ui.cost_card(view)
with row[1]:
    licences_ui.value_card(view)

# ---------------------------------------------------------------- charts
left, right = st.columns(2)
with left:
    st.markdown(f"##### {view.t('overview.chart.acceptance')}")
    if any(fig.value is not None for fig in trend):
        st.vega_lite_chart(charts.acceptance_by_wave.spec(trend, targets.get("acceptance_rate"), lang),
                        width="stretch")
        st.caption(view.t("overview.acceptance.caption", target=pct(targets.get("acceptance_rate")),
                          ref=pct(charts.ACCEPTANCE_REFERENCE)))
    else:
        st.caption(view.t("card.no_data"))
with right:
    st.markdown(f"##### {view.t('overview.chart.segments')}")
    progress = context.figure(view, "segment_progress")
    if any(v["value"] is not None and not v["hidden"] for v in progress.values()):
        st.vega_lite_chart(charts.segment_progress.spec(progress, lang), width="stretch")
        st.caption(view.t("overview.segments.caption", days=window))
        hidden = [view.t(f"segment.{seg}") for seg, v in progress.items() if v["hidden"]]
        if hidden:
            st.caption(view.t("overview.segments.hidden", names=", ".join(context.md_escape(n) for n in hidden), min=minimum))
    else:
        st.caption(view.t("card.no_data"))

# ---------------------------------------------------------------- the words on this page
with st.expander(view.t("glossary.title"), icon=":material/help:"):
    for term in ("points", "n", "ci", "adoption", "fear", "enps", "stakeholders", "engagement"):
        st.markdown(view.t(f"glossary.{term}"))
