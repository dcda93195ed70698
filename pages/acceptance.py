"""Acceptance & surveys: what staff think, wave by wave, without exposing anyone. Reads the view, asks core, renders."""
import datetime as dt

import pandas as pd
import streamlit as st

from core import anonymity, i18n, kpis, surveys

from core.surveys import charts as survey_charts
from ui import cards, context

view = context.current()
lang, f = view.lang, view.filters
pct = lambda v: i18n.fmt_pct(v, lang)  # noqa: E731

st.title(view.t("nav.acceptance"))

if f is None:
    st.info(view.t("empty.store"))
    st.stop()

context.scope_caption(view)

db = view.store.read()
minimum = anonymity.minimum(db)
st.caption(view.t("acceptance.privacy", min=minimum, open=max(anonymity.OPEN_TEXT_MINIMUM, minimum)))

flash = st.session_state.pop("acc_flash", None)
if flash:
    st.success(view.t("acceptance.wave.created", name=context.md_escape(flash)))

by_wave = context.figure(view, surveys.acceptance_by_wave)
default = context.figure(view, surveys.default_wave)


def too_few():
    return view.t("card.too_few", min=minimum)


# ---------------------------------------------------------------- the chosen wave
wave_ids = [w["wave_id"] for w in by_wave]
names = {w["wave_id"]: w["wave"] for w in by_wave}
wave_id = None
if wave_ids:
    if st.session_state.get("acc_wave") not in wave_ids:
        st.session_state["acc_wave"] = default if default in wave_ids else wave_ids[-1]
    # Wave names are the same in both languages, so the chosen label never goes stale.
    wave_id = st.selectbox(view.t("acceptance.wave.choose"), options=list(reversed(wave_ids)),
                           format_func=names.get, key="acc_wave",
                           help=view.t("acceptance.wave.choose.help"), width=320)
    chosen = next(w for w in by_wave if w["wave_id"] == wave_id)
    trend = context.figure(view, surveys.fear_enps_trend)
    extra = next((r for r in trend if r["wave_id"] == wave_id), None)

    row = cards.row(4)
    with row[0], st.container(border=True, key="acc_card_acceptance"):
        fig = chosen
        change = fig["change"]
        st.metric(view.t("kpi.acceptance_rate.label"),
                  view.t("card.hidden") if fig["suppressed"] else
                  (pct(fig["value"]) if fig["value"] is not None else view.t("card.no_data")),
                  **cards.change_delta(view, "acceptance_rate",
                                       100 * change["delta"] if change else None),
                  help=view.t("kpi.acceptance_rate.help", min=minimum))
        if fig["suppressed"]:
            st.caption(too_few())
        elif fig["value"] is not None:
            st.caption(view.t("acceptance.card.interval", n=fig["n"], low=pct(fig["ci_low"]),
                              high=pct(fig["ci_high"])))
        if change:
            st.caption(view.t("card.change.significant" if change["significant"]
                              else "card.change.not_significant"))
    with row[1], st.container(border=True, key="acc_card_response"):
        st.metric(view.t("acceptance.response.label"),
                  pct(chosen["response_rate"]) if chosen["response_rate"] is not None
                  else view.t("card.no_data"),
                  help=view.t("acceptance.response.help"))
        respondents = next((w["respondents"] for w in context.figure(view, surveys.wave_list)
                            if w["id"] == wave_id), 0)
        st.caption(view.t("acceptance.response.detail_scope") if f.departments else
                   view.t("acceptance.response.detail", n=respondents)
                   if chosen["response_rate"] is not None
                   else view.t("acceptance.response.no_invited"))
    at = trend.index(extra) if extra in trend else -1
    before = trend[at - 1] if at > 0 else None
    for col, kind, kpi, fmt, scale, unit in (
            (row[2], "fear", "fear_index", pct, 100, "pp"),
            (row[3], "enps", "enps", lambda v: i18n.fmt_points(v, lang), 1, "score")):
        with col, st.container(border=True, key=f"acc_card_{kind}"):
            fig = extra[kind] if extra else None
            value = (view.t("card.hidden") if fig is not None and fig.suppressed else
                     fmt(fig.value) if fig is not None and fig.value is not None
                     else view.t("card.no_data"))
            moved = (scale * (fig.value - before[kind].value) if before and fig is not None
                     and fig.value is not None and before[kind].value is not None else None)
            st.metric(view.t(f"kpi.{kpi}.label"), value, help=view.t(f"kpi.{kpi}.help"),
                      **cards.change_delta(view, kpi, moved, unit))
            if fig is not None and fig.suppressed:
                st.caption(too_few())
            elif fig is not None and fig.value is not None:
                st.caption(view.t("acceptance.card.n", n=fig.n))

# ---------------------------------------------------------------- the detail, in tabs
# The first screen answers the page's question (the wave's key figures above); each part
# of the detail is one tab away.
tab_trend, tab_items, tab_breakdowns, tab_advice, tab_waves = st.tabs([
    view.t("acceptance.section.trend"), view.t("acceptance.tab.items"),
    view.t("acceptance.tab.breakdowns"), view.t("acceptance.section.advice"),
    view.t("acceptance.section.waves")])
wave_name = context.md_escape(names[wave_id]) if wave_id is not None else None

# ---------------------------------------------------------------- 1. acceptance over time
with tab_trend:
    st.subheader(view.t("acceptance.section.trend"))
    if not by_wave:
        st.info(view.t("acceptance.no_waves"))
    elif not any(w["value"] is not None for w in by_wave):
        st.info(view.t("acceptance.all_hidden", min=minimum) if any(w["suppressed"] for w in by_wave)
                else view.t("card.no_data"))
    else:
        # Charts come as cached Vega-Lite dicts: building an Altair chart costs more than its data.
        st.vega_lite_chart(context.figure(view, survey_charts.acceptance_waves_spec, lang),
                           width="stretch")
        st.caption(view.t("acceptance.trend.caption"))
        table = pd.DataFrame([{
            view.t("chart.wave"): w["wave"],
            view.t("acceptance.col.date"): i18n.fmt_date(w["wave_date"], lang),
            view.t("chart.acceptance"): view.t("acceptance.too_few_inline") if w["suppressed"]
            else pct(w["value"]),
            view.t("chart.ci"): "–" if w["value"] is None else f"{pct(w['ci_low'])}–{pct(w['ci_high'])}",
            view.t("chart.n"): i18n.fmt_count(w["n"], lang),
            view.t("acceptance.response.label"): pct(w["response_rate"]),
            view.t("acceptance.col.change"): "–" if not w["change"] else
            view.t("card.change", delta=i18n.fmt_points(100 * w["change"]["delta"], lang)),
            view.t("acceptance.col.significant"): "–" if not w["change"] else
            view.t("acceptance.yes" if w["change"]["significant"] else "acceptance.no"),
        } for w in by_wave])
        st.dataframe(table, hide_index=True, width="stretch", key="acc_wave_table")

with tab_items:
    if wave_id is None:
        st.info(view.t("acceptance.no_waves"))
    else:
        # ------------------------------------------------------------ 2. item results
        st.subheader(view.t("acceptance.section.items", wave=wave_name))
        items = context.figure(view, surveys.item_results, wave_id)
        shown_items = [i for i in items if i["favourable"] is not None]
        if shown_items:
            st.vega_lite_chart(context.figure(view, survey_charts.diverging_items_spec, wave_id, lang),
                               width="stretch")
            st.caption(view.t("acceptance.items.caption", n=max(i["n"] for i in shown_items)))
        hidden_items = [i["code"] for i in items if i["hidden"]]
        if hidden_items:
            st.info(view.t("acceptance.items.hidden", items=", ".join(hidden_items), min=minimum))
        elif not shown_items:
            st.info(view.t("acceptance.wave.no_answers"))

        constructs = context.figure(view, surveys.construct_scores, wave_id)
        if any(c["score"] is not None or c["hidden"] for c in constructs):
            st.markdown(f"##### {view.t('acceptance.constructs.title')}")
            st.dataframe(pd.DataFrame([{
                view.t("acceptance.col.construct"): view.t(f"acceptance.construct.{c['construct']}"),
                view.t("acceptance.col.items"): ", ".join(c["items"]),
                view.t("acceptance.col.score"): view.t("acceptance.too_few_inline") if c["hidden"]
                else i18n.fmt_score(c["score"], lang),
                view.t("acceptance.col.favourable"): "–" if c["favourable"] is None else pct(c["favourable"]),
                view.t("acceptance.col.alpha"): "–" if c["alpha"] is None
                else i18n.fmt_stat(c["alpha"], lang),
                view.t("chart.n"): i18n.fmt_count(c["n"], lang),
            } for c in constructs]), hide_index=True, width="stretch", key="acc_constructs")
            st.caption(view.t("acceptance.constructs.caption"))

        st.markdown(f"##### {view.t('acceptance.fear_enps.title')}")
        left, right = st.columns(2)
        for col, kind, kpi in ((left, "fear", "fear_index"), (right, "enps", "enps")):
            with col:
                if any(r[kind].value is not None for r in trend):
                    st.vega_lite_chart(context.figure(view, survey_charts.trend_spec, kind, lang),
                                       width="stretch")
                    st.caption(view.t(f"acceptance.{kind}.caption"))
                else:
                    st.caption(view.t("card.no_data"))

with tab_breakdowns:
    if wave_id is None:
        st.info(view.t("acceptance.no_waves"))
    else:
        # ------------------------------------------------------------ 3. breakdowns
        st.subheader(view.t("acceptance.section.breakdowns", wave=wave_name))
        dept_cells = context.figure(view, surveys.heatmap, wave_id, "department")
        if dept_cells:
            st.markdown(f"##### {view.t('acceptance.heatmap.department')}")
            st.vega_lite_chart(context.figure(view, survey_charts.heatmap_spec, wave_id, "department",
                                              lang), width="stretch")
            st.caption(view.t("acceptance.heatmap.caption", min=minimum) + " "
                       + view.t("acceptance.heatmap.codes"))
        level_cells = context.figure(view, surveys.heatmap, wave_id, "level")
        if level_cells:
            st.markdown(f"##### {view.t('acceptance.heatmap.level')}")
            st.vega_lite_chart(context.figure(view, survey_charts.heatmap_spec, wave_id, "level", lang),
                               width="stretch")
            st.caption(view.t("acceptance.company_wide"))
        segments = context.figure(view, surveys.by_segment, wave_id)
        st.markdown(f"##### {view.t('acceptance.segments.title')}")
        if segments:
            st.vega_lite_chart(context.figure(view, survey_charts.segment_acceptance_spec, wave_id, lang),
                               width="stretch")
            st.caption(view.t("acceptance.segments.caption") + " " + view.t("acceptance.company_wide"))
        else:
            st.caption(view.t("acceptance.segments.none"))

        opens = context.figure(view, surveys.open_answers, wave_id)
        with st.expander(view.t("acceptance.open.title", n=opens["n"] or 0), icon=":material/chat:"):
            if opens["hidden"]:
                st.caption(view.t("acceptance.open.hidden", min=max(anonymity.OPEN_TEXT_MINIMUM, minimum)))
            elif not opens["texts"]:
                st.caption(view.t("acceptance.open.none"))
            else:
                st.caption(view.t("acceptance.open.caption"))
                # Answers are the respondents' own words: shown as text, never as markdown.
                st.markdown("\n".join(f"- {context.md_escape(' '.join(text.split()))}"
                                       for text in opens["texts"]))

with tab_advice:
    if wave_id is None:
        st.info(view.t("acceptance.no_waves"))
    else:
        # ------------------------------------------------------------ 4. what to do next
        st.subheader(view.t("acceptance.section.advice"))
        tips = context.figure(view, surveys.advice, wave_id)
        if not tips:
            st.caption(view.t("acceptance.advice.none"))
        else:
            st.caption(view.t("acceptance.advice.caption"))
            for tip in tips:
                subject = tip["subject"]
                if tip["key"].startswith("construct."):
                    subject = view.t(f"acceptance.construct.{subject}")
                elif subject in kpis.SEGMENT_ORDER:
                    subject = view.t(f"segment.{subject}")
                else:
                    subject = context.md_escape(subject)     # a department's name
                with st.container(border=True):
                    st.markdown("**" + view.t(f"advice.{tip['key']}.title", subject=subject,
                                              value=pct(tip["value"])) + "**")
                    st.markdown(view.t(f"advice.{tip['key']}.body"))

# ---------------------------------------------------------------- 5. survey waves
with tab_waves:
    st.subheader(view.t("acceptance.section.waves"))
    all_waves = context.figure(view, surveys.wave_list)
    if all_waves:
        st.dataframe(pd.DataFrame([{
            view.t("chart.wave"): w["name"],
            view.t("acceptance.col.date"): i18n.fmt_date(w["held_on"], lang),
            view.t("acceptance.col.invited"): i18n.fmt_count(w["invited"], lang),
            view.t("acceptance.col.respondents"): i18n.fmt_count(w["respondents"], lang),
            view.t("acceptance.response.label"): pct(w["response_rate"]) if w["respondents"] else "–",
        } for w in all_waves]), hide_index=True, width="stretch", key="acc_all_waves")
        st.caption(view.t("acceptance.waves.caption"))

    # Creating a wave is for editors; everyone may download the questionnaire.
    left, right = st.columns(2)
    with left:
        if view.can_edit:
            with st.form("acc_new_wave", border=True):
                st.markdown(f"**{view.t('acceptance.wave.new')}**")
                name = st.text_input(view.t("acceptance.field.name"), key="acc_wave_name",
                                     max_chars=surveys.MAX_NAME,
                                     placeholder=view.t("acceptance.field.name.placeholder", n=len(all_waves) + 1))
                held_on = st.date_input(view.t("acceptance.field.held_on"), value=dt.date.today(),
                                        format="DD-MM-YYYY" if lang == "nl" else "YYYY-MM-DD",
                                        key="acc_wave_date")
                invited = st.number_input(view.t("acceptance.field.invited"), value=None, step=1,
                                          key="acc_wave_invited", help=view.t("acceptance.field.invited.help"))
                if st.form_submit_button(view.t("acceptance.wave.create"), type="primary",
                                         key="acc_wave_submit"):
                    try:
                        surveys.create_wave(view.store, name, held_on, invited, actor=view.actor)
                    except surveys.SurveyInputError as err:
                        st.error(context.md_escape(err.message(lang)))
                    else:
                        st.session_state["acc_flash"] = name.strip()
                        st.rerun()
    with right:
        with st.container(border=True):
            st.markdown(f"**{view.t('acceptance.q.download')}**")
            st.caption(view.t("acceptance.q.download.help"))
            q_lang = st.segmented_control(view.t("acceptance.q.language"), options=list(i18n.LANGS),
                                          format_func=i18n.LANG_NAMES.get, key="acc_q_lang",
                                          default=lang, required=True) or lang
            stem = i18n.t("acceptance.q.file", q_lang)

            def made(fn, q_lang=q_lang):
                # Built when clicked, on a thread of its own (its own read connection), not on
                # every rerun: the workbook alone takes some 50–100 ms.
                return lambda: fn(view.store.read(), q_lang)

            with st.container(horizontal=True, gap="small"):
                st.download_button(view.t("acceptance.q.csv"), made(surveys.questionnaire_csv),
                                   file_name=f"{stem}.csv", mime="text/csv", key="acc_q_csv",
                                   on_click="ignore", icon=":material/table:")
                st.download_button(view.t("acceptance.q.xlsx"), made(surveys.questionnaire_xlsx),
                                   file_name=f"{stem}.xlsx", key="acc_q_xlsx", on_click="ignore",
                                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                   icon=":material/grid_on:")
                st.download_button(view.t("acceptance.q.text"), made(surveys.questionnaire_text),
                                   file_name=f"{stem}.txt", mime="text/plain", key="acc_q_text",
                                   on_click="ignore", icon=":material/description:")
                st.download_button(view.t("acceptance.q.html"), made(surveys.questionnaire_html),
                                   file_name=f"{stem}.html", mime="text/html", key="acc_q_html",
                                   on_click="ignore", icon=":material/print:")
