"""Adoption: who uses AI, segment by segment, and when the majority follows. Reads the view, asks core, renders."""
import streamlit as st

from core import adoption, anonymity, i18n, kpis, usage
from core.adoption import charts as charts
from ui import cards, context
from ui import licences as licences_ui

view = context.current()
lang, f = view.lang, view.filters
pct = lambda v: i18n.fmt_pct(v, lang)  # noqa: E731
date = lambda d: i18n.fmt_date(d, lang)  # noqa: E731

context.page_title(view, "adoption.title")

if f is None:
    st.info(view.t("empty.store"))
    st.stop()

context.scope_caption(view)

db = view.store.read()
targets = kpis.targets(db)
minimum = anonymity.minimum(db)
window = usage.window_days(db)
st.subheader(view.t("adoption.question"))
st.caption(view.t("adoption.privacy", min=minimum))

guard = context.figure(view, adoption.scope_guard)
if guard["hidden"]:
    st.info(view.t("adoption.hidden", min=minimum))
    st.stop()


def hidden_note(names):
    if names:
        st.caption(view.t("adoption.caption.hidden_groups", min=minimum, names=", ".join(context.md_escape(n) for n in names)))


def section(key):
    st.markdown(f"#### {view.t(key)}")


weekly = context.figure(view, adoption.weekly_usage)
has_usage = any(w["active"] for w in weekly)
segments12 = context.figure(view, adoption.usage_segments, "12w") if has_usage else None
forecast = context.figure(view, adoption.bass_forecast)

# ---------------------------------------------------------------- headline cards
# Three cards a row, as on the Overview; the forecast's date is told in its section.
row = st.columns(3)
with row[0]:
    cards.adoption_card(view, context.figure(view, "adoption_rate"), targets,
                        anonymity.minimum(view.store.read()), key="adoption_card_rate")
with row[1]:
    last = weekly[-1] if has_usage else None
    cards.kpi_card(
        view, "adoption.wau", i18n.fmt_number(last["active"], lang) if last else None,
        detail=view.t("adoption.card.wau.detail", active=last["active"], access=last["with_access"],
                      date=date(last["week_end"]),
                      actions=i18n.fmt_score(last["actions_per_active"], lang)) if last else None,
        chart_data=[w["active"] for w in weekly] if last else None, key="adoption_card_wau",
    )
with row[2]:
    latest = segments12["latest"] if segments12 else None
    cards.kpi_card(
        view, "adoption.habit", pct(latest["habit_share"]) if latest else None,
        detail=view.t("adoption.card.habit.detail", power=latest["power"], habitual=latest["habitual"],
                      total=latest["total"], date=date(latest["week_end"])) if latest else None,
        key="adoption_card_habit",
    )
if not has_usage:
    st.info(view.t("adoption.no_usage"))

# ---------------------------------------------------------------- the detail, in tabs
# The first screen answers the page's question (the headline cards above); each part of
# the detail is one tab away.
tabs = dict(zip(('use', 'usage', 'rogers', 'forecast', 'engagement', 'playbook', 'funnel'), st.tabs([
    view.t(f"adoption.tab.{name}") for name in ('use', 'usage', 'rogers', 'forecast', 'engagement', 'playbook', 'funnel')])))

# ---------------------------------------------------------------- 1. active use
with tabs['use']:
    if has_usage:
        section("adoption.section.use")
        modes = ("company", "department", "tool")
        mode = st.segmented_control(
            view.t("adoption.breakdown"), options=list(modes), default="company", required=True,
            format_func=lambda m: view.t(f"adoption.breakdown.{m}"), key="adoption_breakdown",
        ) or "company"
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"##### {view.t('adoption.chart.adoption', days=window)}")
            target = targets.get("adoption_rate")
            trend = context.figure(view, "adoption_trend")
            latest_point = next((p for p in reversed(trend) if p["value"] is not None), None)
            if mode == "department":
                by_dept = context.figure(view, adoption.adoption_by_department)
                if by_dept["points"]:
                    st.vega_lite_chart(charts.adoption_lines.spec(by_dept["points"], "department", target, lang),
                                    width="stretch")
                else:
                    st.caption(view.t("card.no_data"))
                hidden_note(by_dept["hidden"])
            elif mode == "tool":
                by_tool = context.figure(view, adoption.adoption_by_tool)
                if by_tool:
                    st.vega_lite_chart(charts.adoption_lines.spec(by_tool, "tool", target, lang), width="stretch")
                    st.caption(view.t("adoption.caption.tool", days=window, eligible=by_tool[-1]["eligible"],
                                      date=date(by_tool[-1]["week_end"])))
                else:
                    st.caption(view.t("card.no_data"))
            elif latest_point:
                st.vega_lite_chart(charts.adoption_lines.spec(trend, None, target, lang), width="stretch")
            if latest_point and mode != "tool":
                st.caption(view.t("adoption.caption.adoption", days=window, target=pct(target),
                                  active=latest_point["active"], eligible=latest_point["eligible"],
                                  date=date(latest_point["week_end"])))
        with right:
            st.markdown(f"##### {view.t('adoption.chart.weekly')}")
            st.vega_lite_chart(charts.weekly_active.spec(weekly, lang), width="stretch")
            st.caption(view.t("adoption.caption.weekly"))

# ---------------------------------------------------------------- 2. usage segments
with tabs['usage']:
    if has_usage:
        section("adoption.section.usage")
        version = st.segmented_control(
            view.t("adoption.usage.version"), options=list(adoption.USAGE_VERSIONS), default="12w",
            required=True, format_func=lambda v: view.t(f"adoption.usage.version.{v}"),
            key="adoption_usage_version",
        ) or "12w"
        shown_usage = segments12 if version == "12w" else context.figure(view, adoption.usage_segments, version)
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"##### {view.t('adoption.chart.usage_time')}")
            st.vega_lite_chart(charts.usage_segments_over_time.spec(shown_usage["weeks"], lang), width="stretch")
        with right:
            if shown_usage["latest"]:
                st.markdown(f"##### {view.t('adoption.chart.usage_department', date=date(shown_usage['latest']['week_end']))}")
                if shown_usage["by_department"]:
                    st.vega_lite_chart(charts.usage_segments_by_department.spec(shown_usage["by_department"], lang),
                                    width="stretch")
                hidden_note(shown_usage["hidden"])
                st.caption(view.t("adoption.caption.usage_latest", date=date(shown_usage["latest"]["week_end"]),
                                  total=shown_usage["latest"]["total"]) + " " + " · ".join(
                    f"{view.t(f'adoption.usage.{s}')} {i18n.fmt_count(shown_usage['latest'][s], lang)}"
                    for s in adoption.USAGE_SEGMENTS))
        st.caption(view.t(f"adoption.usage.caption.{version}"))

# ---------------------------------------------------------------- 3. Rogers segments
with tabs['rogers']:
    section("adoption.section.rogers")
    sizes = context.figure(view, adoption.segment_sizes)
    first_use = context.figure(view, adoption.time_to_first_use) if has_usage else {}
    left, right = st.columns(2)
    with left:
        st.markdown(f"##### {view.t('adoption.chart.sizes')}")
        if sizes["staff"]:
            st.vega_lite_chart(charts.segment_sizes.spec(sizes, lang), width="stretch")
            st.caption(view.t("adoption.caption.sizes", n=sizes["staff"]))
            if sizes["source"] == "derived":
                st.warning(view.t("adoption.sizes.derived", n=sizes["derived"]))
            else:
                st.caption(view.t("adoption.sizes.assessed"))
            if sizes["unassigned"]:
                st.caption(view.t("adoption.sizes.unassigned", n=sizes["unassigned"]))
        else:
            st.caption(view.t("card.no_data"))
    with right:
        st.markdown(f"##### {view.t('adoption.chart.first_use')}")
        if any(not v["hidden"] and v["median_days"] is not None for v in first_use.values()):
            st.vega_lite_chart(charts.time_to_first_use.spec(first_use, lang), width="stretch")
            st.caption(view.t("adoption.caption.first_use", date=date(f.as_of)))
        else:
            st.caption(view.t("card.no_data"))
        hidden_note([view.t(f"segment.{s}") for s, v in first_use.items() if v["hidden"]])

    if has_usage:
        progress = context.figure(view, adoption.segment_progress_trend)
        left, right = st.columns([2, 1])
        with left:
            st.markdown(f"##### {view.t('adoption.chart.progress')}")
            if progress["points"]:
                st.vega_lite_chart(charts.segment_progress.spec(progress["points"], progress["chasm"], lang),
                                width="stretch")
                st.caption(view.t("adoption.caption.progress", days=window))
            else:
                st.caption(view.t("card.no_data"))
            hidden_note([view.t(f"segment.{s}") for s in progress["hidden"]])
        with right:
            chasm = progress["chasm"]
            cards.kpi_card(
                view, "adoption.chasm",
                view.t("adoption.card.chasm.value", gap=i18n.fmt_points(100 * chasm["gap"], lang))
                if chasm else None,
                detail=view.t("adoption.card.chasm.detail", ea=pct(chasm["early_adopter"]),
                              em=pct(chasm["early_majority"])) if chasm else None,
                help_values={"days": window}, key="adoption_card_chasm",
            )
            if chasm:
                st.caption(view.t("adoption.chasm.text", gap=i18n.fmt_number(100 * chasm["gap"], lang),
                                  ea=pct(chasm["early_adopter"]), em=pct(chasm["early_majority"])))

# ---------------------------------------------------------------- 4. forecast
with tabs['forecast']:
    section("adoption.section.forecast")
    target = forecast["target"]
    if not forecast["ok"]:
        st.info(view.t(f"adoption.forecast.refused.{forecast['reason']}", weeks=forecast["weeks"],
                       min_weeks=adoption.MIN_FIT_WEEKS))
    else:
        if target is None:
            st.info(view.t("adoption.forecast.no_target"))
        elif forecast["reached"]:
            st.success(view.t("adoption.forecast.reached", date=date(forecast["expected_date"]),
                              target=pct(target), adopters=forecast["adopters"], m=forecast["m"]))
        elif forecast["expected_date"] is None:
            st.warning(view.t("adoption.forecast.never", target=pct(target)))
        elif forecast["expected_high"] is None:
            st.info(view.t("adoption.forecast.expected_open", target=pct(target),
                           date=date(forecast["expected_date"]),
                           horizon=date(forecast["points"][-1]["week_end"])))
        else:
            st.info(view.t("adoption.forecast.expected", target=pct(target),
                           date=date(forecast["expected_date"]), low=date(forecast["expected_low"]),
                           high=date(forecast["expected_high"])))
        st.vega_lite_chart(charts.bass_forecast.spec(forecast, lang), width="stretch")
        st.caption(view.t("adoption.forecast.caption", days=window, m=forecast["m"], weeks=forecast["weeks"],
                          p=i18n.fmt_number(forecast["p"], lang, 4),
                          q=i18n.fmt_number(forecast["q"], lang, 4)))

# ---------------------------------------------------------------- 5. engagement
with tabs['engagement']:
    section("adoption.section.engagement")
    engagement = context.figure(view, adoption.engagement)
    left, right = st.columns(2)
    with left:
        st.markdown(f"##### {view.t('adoption.chart.training')}")
        if engagement["has_training"] and engagement["months"]:
            st.vega_lite_chart(charts.training_per_month.spec(engagement["months"], lang), width="stretch")
            st.caption(view.t("adoption.caption.training"))
        else:
            st.caption(view.t("card.no_data"))
    with right:
        st.markdown(f"##### {view.t('adoption.chart.requests')}")
        if (engagement["has_requests"] or engagement["has_suggestions"]) and engagement["months"]:
            st.vega_lite_chart(charts.requests_per_month.spec(engagement["months"], lang), width="stretch")
            st.caption(view.t("adoption.caption.requests"))
        else:
            st.caption(view.t("card.no_data"))

    st.markdown(f"##### {view.t('adoption.followup.title')}")
    follow = context.figure(view, adoption.trained_inactive)
    if not follow["trained"]:
        st.caption(view.t("adoption.followup.none"))
    else:
        st.caption(view.t("adoption.followup.caption", days=window, date=date(f.as_of), min=minimum))
        st.markdown(view.t("adoption.followup.total", inactive=follow["inactive"], trained=follow["trained"],
                           hidden=follow["hidden_cells"]))
        if follow["rows"]:
            st.dataframe(
                [{view.t("adoption.col.department"): i18n.department_label(r["department"], lang),
                  view.t("adoption.col.segment"): view.t(f"segment.{r['segment']}"),
                  view.t("adoption.col.trained"): r["trained"],
                  view.t("adoption.col.inactive"): r["inactive"],
                  view.t("adoption.col.share_inactive"): pct(r["share"])} for r in follow["rows"]],
                hide_index=True, width="stretch", key="adoption_followup",
            )

# ---------------------------------------------------------------- 6. playbook
with tabs['playbook']:
    section("adoption.section.playbook")
    columns = st.columns(len(adoption.FOCUS_SEGMENTS))
    for column, item in zip(columns, context.figure(view, adoption.playbook)):
        with column, st.container(border=True, key=f"adoption_playbook_{item['segment']}"):
            st.markdown(f"**{view.t('segment.' + item['segment'])}**")
            st.caption(view.t(f"adoption.playbook.who.{item['segment']}"))
            if item["hidden"]:
                st.caption(view.t("adoption.playbook.hidden", min=minimum))
            elif not item["members"]:
                st.caption(view.t("adoption.playbook.empty"))
            else:
                with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                    if item["status"] in cards.STATUS_STYLE:
                        colour, icon = cards.STATUS_STYLE[item["status"]]
                        st.badge(view.t(f"status.{item['status']}"), color=colour, icon=icon)
                    st.caption(view.t("adoption.playbook.status", active=item["active"],
                                      members=item["members"], value=pct(item["value"])))
                if item["median_days"] is not None:
                    st.caption(view.t("adoption.playbook.days",
                                      days=i18n.fmt_number(item["median_days"], lang)))
            st.markdown(view.t(item["text"]))

# ---------------------------------------------------------------- licences and the funnel
with tabs['funnel']:
    licences_ui.funnel_section(view)
