"""Pilots & productivity: what the pilots measured, what it is worth, and entering results.

Reads the view, asks core, renders. Writes run in widget callbacks (before the rerun that
draws the page), so the figures drawn afterwards already include them.
"""
import datetime as dt

import streamlit as st

from core import access, i18n, kpis, pilots

from core.pilots import charts as pilot_charts
from core.schema import USE_CASE_STATUSES
from ui import auth, cards, context
from ui import licences as licences_ui

view = context.current()
lang, f = view.lang, view.filters
pct = lambda v: i18n.fmt_pct(v, lang)  # noqa: E731
DATE_FORMAT = "DD-MM-YYYY" if lang == "nl" else "YYYY-MM-DD"
MINIMUM = kpis.THIN_MEASUREMENTS

context.page_title(view, "pilots.title")
if st.session_state.pop("pilots_denied", False):
    st.error(view.t("access.denied.now"), icon=":material/block:")


# ---------------------------------------------------------------- writes (callbacks)

def _flash(area, kind, text):
    st.session_state[f"pilots_msg_{area}"] = (kind, text)


def _show_flash(area):
    """Show the outcome of the last write in ``area``: a success line, or the refused input's problems."""
    msg = st.session_state.pop(f"pilots_msg_{area}", None)
    if msg is None:
        return
    kind, payload = msg
    if kind == "error":
        st.error(view.t("pilots.enter.refused") + "\n\n"
                 + "\n".join(f"- {context.md_escape(p.message(lang))}" for p in payload))
    else:
        st.success(payload)


def _attempt(area, write, success):
    # Callbacks run before the app checks the session again: ask who is acting now, so a
    # user whose session expired, or who was removed or demoted, cannot write through a
    # form left open (core refuses anyone without the editor role).
    actor = auth.current_actor(view.store, lang)
    try:
        result = write(actor)
    except access.PermissionDenied:
        st.session_state["pilots_denied"] = True      # shown at the top: the form may be gone
        return None
    except pilots.InvalidInput as refused:
        _flash(area, "error", refused.problems)
        return None
    _flash(area, "success", success(result))
    return result


def _record_form(s, case):
    state = st.session_state
    row = {"measured_on": state.get("m_date"), "phase": state.get("m_phase"),
           "minutes_per_unit": state.get("m_minutes"), "units_per_month": state.get("m_units"),
           "errors_per_unit": state.get("m_errors"), "note": state.get("m_note")}
    done = _attempt("form", lambda actor: pilots.record_measurements(s, case["id"], [row], actor=actor, lang=lang),
                    lambda _: view.t("pilots.enter.saved", name=context.md_escape(case["name"])))
    if done:
        for key in ("m_minutes", "m_units", "m_errors", "m_note"):
            state.pop(key, None)


def _import_paste(s, case):
    text = st.session_state.get("paste_text") or ""
    done = _attempt("paste", lambda actor: pilots.import_pasted(s, case["id"], text, actor=actor, lang=lang),
                    lambda ids: view.t("pilots.enter.imported", n=len(ids), name=context.md_escape(case["name"])))
    if done:
        st.session_state["paste_text"] = ""


def _correct(s, mid):
    state = st.session_state
    row = {"measured_on": state.get(f"e_date_{mid}"), "phase": state.get(f"e_phase_{mid}"),
           "minutes_per_unit": state.get(f"e_minutes_{mid}"),
           "units_per_month": state.get(f"e_units_{mid}"),
           "errors_per_unit": state.get(f"e_errors_{mid}"), "note": state.get(f"e_note_{mid}")}
    _attempt("correct", lambda actor: pilots.update_measurement(s, mid, row, actor=actor, lang=lang),
             lambda changed: view.t("pilots.enter.corrected" if changed else "pilots.unchanged"))


def _delete(s, mid):
    if _attempt("correct", lambda actor: pilots.delete_measurement(s, mid, actor=actor) or True,
                lambda _: view.t("pilots.enter.deleted")):
        st.session_state.pop("confirm_delete", None)
        st.session_state.pop("edit_measurement", None)


def _save_use_case(s, uid, suffix):
    state = st.session_state
    raw = {field: state.get(f"uc_{field}_{suffix}") for field in pilots.USE_CASE_FIELDS}
    added = uid is None
    result = _attempt(
        "use_case", lambda actor: pilots.save_use_case(s, raw, use_case_id=uid, actor=actor, lang=lang),
        lambda _: view.t("pilots.uc.added" if added else "pilots.uc.saved", name=context.md_escape((raw["name"] or "").strip())))
    if result and added:
        for field in pilots.USE_CASE_FIELDS:
            state.pop(f"uc_{field}_new", None)
        state["uc_pick"] = result


def _save_business_case(s, case):
    state = st.session_state
    uid = case["id"]
    saving = state.get(f"bc_saving_{uid}")
    raw = {"bc_minutes_per_unit": state.get(f"bc_minutes_{uid}"),
           "bc_saving": None if saving is None else saving / 100,
           "bc_units_per_month": state.get(f"bc_units_{uid}"),
           "hourly_rate": state.get(f"bc_rate_{uid}"),
           "licence_cost_month": state.get(f"bc_licence_{uid}"),
           "training_hours": state.get(f"bc_training_{uid}"),
           "implementation_cost": state.get(f"bc_impl_{uid}")}
    _attempt("business_case", lambda actor: pilots.save_business_case(s, uid, raw, actor=actor, lang=lang),
             lambda changed: view.t("pilots.bc.saved" if changed else "pilots.unchanged",
                                    name=context.md_escape(case["name"])))


# ---------------------------------------------------------------- sections

def portfolio_tab(result):
    rows = result["use_cases"]
    thin = sum(1 for r in rows if r["time_saved"] and r["time_saved"]["thin"]
               and r["value_per_month"] is not None)
    cols = cards.row(4)
    with cols[0]:
        cards.kpi_card(
            view, "pilot_value",
            i18n.fmt_money(result["value_per_month"], lang) if result["value_per_month"] is not None else None,
            detail=view.t("card.value.detail", hours=i18n.fmt_number(result["hours_per_month"], lang))
            if result["hours_per_month"] is not None else None, key="pilots_card_value")
    with cols[1]:
        cards.kpi_card(
            view, "pilots_measured",
            view.t("pilots.measured.value", n=result["measured"], total=len(rows)),
            detail=view.t("pilots.measured.detail", thin=thin, min=MINIMUM), key="pilots_card_measured")
    with cols[2]:
        best = max((r for r in rows if r["time_saved"] and r["time_saved"]["value"] is not None),
                   key=lambda r: r["time_saved"]["value"], default=None)
        targets = kpis.targets(view.store.read())
        cards.kpi_card(
            view, "time_saved", pct(best["time_saved"]["value"]) if best else None,
            detail=view.t("card.time_saved.detail", use_case=context.md_escape(best["name"]), n=result["measured"])
            if best else None,
            status=kpis.status("time_saved", best["time_saved"]["value"] if best else None,
                               targets.get("time_saved")),
            target=pct(targets.get("time_saved")), key="pilots_card_saved")
    with cols[3]:
        cards.kpi_card(
            view, "quick_wins", i18n.fmt_count(len(result["quick_wins"]), lang),
            help_values={"saving": pct(pilots.QUICK_WIN_MIN_SAVING), "min": MINIMUM,
                         "months": i18n.fmt_number(pilots.QUICK_WIN_MAX_PAYBACK, lang)},
            detail=", ".join(result["quick_wins"]) or None, key="pilots_card_quick")

    measured = [r for r in rows if r["time_saved"] and r["time_saved"]["value"] is not None]
    left, right = st.columns(2)
    with left:
        st.markdown(f"##### {view.t('pilots.chart.time_saved')}")
        if measured:
            st.vega_lite_chart(pilot_charts.portfolio.spec(rows, "time_saved", lang), width="stretch")
        else:
            st.caption(view.t("pilots.chart.none"))
    with right:
        st.markdown(f"##### {view.t('pilots.chart.throughput')}")
        if any(r["throughput"] and r["throughput"]["value"] is not None for r in rows):
            st.vega_lite_chart(pilot_charts.portfolio.spec(rows, "throughput_change", lang), width="stretch")
        else:
            st.caption(view.t("pilots.chart.none"))
    st.caption(view.t("pilots.chart.caption", min=MINIMUM))
    st.caption(view.t("pilots.chart.references"))
    st.caption(view.t("pilots.observational"))
    licences_ui.value_section(view)

    st.markdown(f"##### {view.t('pilots.quick_wins.title')}")
    lines = pilots.quick_win_lines(result, lang, escape=context.md_escape)
    st.markdown("\n".join(f"- {line}" for line in lines) if lines else view.t("pilots.quick_wins.none"))
    st.caption(view.t("kpi.quick_wins.help", saving=pct(pilots.QUICK_WIN_MIN_SAVING), min=MINIMUM,
                      months=i18n.fmt_number(pilots.QUICK_WIN_MAX_PAYBACK, lang)))

    st.markdown(f"##### {view.t('pilots.table.title')}")
    st.dataframe(pilots.portfolio_table(rows, lang), hide_index=True, width="stretch",
                 key="pilots_table")
    st.caption(view.t("pilots.table.caption"))


def _metric(label, value, help_key=None, detail=None):
    with st.container(border=True):
        st.metric(view.t(label), value if value is not None else view.t("card.no_data"),
                  help=view.t(help_key) if help_key else None)
        if detail:
            st.caption(detail)


def case_tab(rows):
    by_id = {r["id"]: r for r in rows}
    uid = st.selectbox(view.t("pilots.case.pick"), list(by_id),
                       format_func=lambda i: by_id[i]["name"], key="pilot_case")
    row = by_id[uid]
    d = pilots.describe(row, lang)
    st.caption(view.t("pilots.case.header", status=d["status"],
                      department=context.md_escape(row["department"]) or view.t("pilots.uc.no_department"),
                      owner=context.md_escape(row["owner"]) or "–", unit=context.md_escape(row["unit"]),
                      start=i18n.fmt_date(row["start_date"], lang)))
    if not d["measured"]:
        st.info(view.t("pilots.case.none"))
    else:
        if not d["has_after"]:
            st.info(view.t("pilots.case.only_baseline"))
        elif d["thin"]:
            st.warning(view.t("pilots.case.thin", min=MINIMUM, baseline=row["time_saved"]["n_baseline"],
                              after=row["time_saved"]["n_after"]))
        cols = cards.row(4)
        with cols[0]:
            _metric("pilots.m.minutes", d["minutes"], "pilots.m.minutes.help")
        with cols[1]:
            _metric("pilots.m.time_saved", d["time_saved"], "pilots.m.time_saved.help",
                    d["time_saved_detail"])
        with cols[2]:
            _metric("pilots.m.units", d["units"], "pilots.m.units.help", d["units_detail"])
        with cols[3]:
            _metric("pilots.m.errors", d["errors"], "pilots.m.errors.help")
        cols = cards.row(4)
        with cols[0]:
            _metric("pilots.m.hours", d["hours"], "pilots.m.hours.help")
        with cols[1]:
            _metric("pilots.m.value", d["value"], "pilots.m.value.help", d["rate"])
        with cols[2]:
            _metric("pilots.m.roi", d["roi"], "pilots.m.roi.help", d["roi_detail"])
        with cols[3]:
            _metric("pilots.m.payback", d["payback"] if d["payback"] != "–" else None,
                    "pilots.m.payback.help")
        st.caption(d["costs"])
        st.caption(view.t("pilots.observational"))
        st.markdown(f"##### {view.t('pilots.chart.measurements')}")
        points = context.figure(view, pilots.measurement_points, uid)
        st.vega_lite_chart(pilot_charts.before_after.spec(points, lang), width="stretch")
        st.caption(view.t("pilots.chart.measurements.caption", min=MINIMUM))
    business_case(row)


def business_case(row):
    uid = row["id"]
    planned = row["status"] == "planned" or not pilots.describe(row, lang)["measured"]
    with st.expander(view.t("pilots.bc.title"), expanded=planned, icon=":material/calculate:"):
        st.caption(view.t("pilots.bc.intro"))
        field = lambda key: view.t(f"pilots.field.{key}")  # noqa: E731
        saving = None if row["bc_saving"] is None else row["bc_saving"] * 100
        cols = st.columns(4)
        minutes = cols[0].number_input(field("bc_minutes_per_unit"), value=row["bc_minutes_per_unit"],
                                       min_value=0.0, step=5.0, key=f"bc_minutes_{uid}")
        saving = cols[1].number_input(field("bc_saving"), value=saving, min_value=0.0,
                                      max_value=100.0, step=5.0, key=f"bc_saving_{uid}")
        units = cols[2].number_input(field("bc_units_per_month"), value=row["bc_units_per_month"],
                                     min_value=0.0, step=1.0, key=f"bc_units_{uid}")
        rate = cols[3].number_input(field("hourly_rate"), value=row["hourly_rate"], min_value=0.0,
                                    step=5.0, key=f"bc_rate_{uid}")
        cols = st.columns(4)
        licence = cols[0].number_input(field("licence_cost_month"), value=row["licence_cost_month"],
                                       min_value=0.0, step=50.0, key=f"bc_licence_{uid}")
        training = cols[1].number_input(field("training_hours"), value=row["training_hours"],
                                        min_value=0.0, step=1.0, key=f"bc_training_{uid}")
        implementation = cols[2].number_input(field("implementation_cost"),
                                              value=row["implementation_cost"], min_value=0.0,
                                              step=500.0, key=f"bc_impl_{uid}")
        case = pilots.business_case(minutes, None if saving is None else saving / 100, units, rate,
                                    licence, training, implementation)
        shown = {"value_per_month": case["value_per_month"], "payback_months": case["payback_months"],
                 "costs": case["costs"]}
        cols = cards.row(4)
        with cols[0]:
            _metric("pilots.bc.hours", None if case["hours_per_month"] is None
                    else i18n.fmt_number(case["hours_per_month"], lang))
        with cols[1]:
            _metric("pilots.bc.value", None if case["value_per_month"] is None
                    else i18n.fmt_money(case["value_per_month"], lang))
        with cols[2]:
            _metric("pilots.bc.roi", None if case["roi"] is None else pct(case["roi"]),
                    "pilots.m.roi.help", pilots.roi_multiple(case["roi"], lang))
        with cols[3]:
            payback = pilots.fmt_payback(shown, lang)
            _metric("pilots.bc.payback", payback if payback != "–" else None, "pilots.m.payback.help")
        st.caption(view.t("pilots.bc.formula"))
        st.button(view.t("pilots.bc.save"), key=f"bc_save_{uid}", type="primary",
                  on_click=_save_business_case, args=(view.store, row))
        _show_flash("business_case")


def enter_tab(all_cases):
    if not all_cases:
        st.info(view.t("pilots.enter.no_cases"))
        return
    by_id = {c["id"]: c for c in all_cases}
    uid = st.selectbox(view.t("pilots.case.pick"), list(by_id),
                       format_func=lambda i: by_id[i]["name"], key="enter_case")
    case = by_id[uid]
    field = lambda key: view.t(f"pilots.field.{key}")  # noqa: E731
    phase_name = lambda p: view.t(f"pilots.phase.{p}")  # noqa: E731

    st.markdown(f"##### {view.t('pilots.enter.form')}")
    with st.form("measurement_form", enter_to_submit=False):
        cols = st.columns(3)
        cols[0].date_input(field("measured_on"), value=dt.date.today(), format=DATE_FORMAT,
                           key="m_date")
        cols[1].segmented_control(field("phase"), options=list(pilots.PHASES), default="after",
                                  format_func=phase_name, key="m_phase")
        cols[2].number_input(field("minutes_per_unit"), value=None, step=1.0, format="%.1f",
                             key="m_minutes")
        cols = st.columns(3)
        cols[0].number_input(field("units_per_month"), value=None, step=1.0, format="%.0f",
                             key="m_units")
        cols[1].number_input(field("errors_per_unit"), value=None, step=0.01, format="%.3f",
                             key="m_errors")
        cols[2].text_input(field("note"), key="m_note", max_chars=pilots.NOTE_MAX)
        st.form_submit_button(view.t("pilots.enter.submit"), type="primary", key="m_submit",
                              on_click=_record_form, args=(view.store, case))
    _show_flash("form")

    st.markdown(f"##### {view.t('pilots.enter.paste')}")
    st.caption(view.t("pilots.enter.paste_help"))
    st.text_area(view.t("pilots.enter.paste"), key="paste_text", height=140,
                 placeholder=view.t("pilots.enter.paste_placeholder"),
                 label_visibility="collapsed")
    st.button(view.t("pilots.enter.paste_submit"), key="paste_submit",
              on_click=_import_paste, args=(view.store, case))
    _show_flash("paste")

    st.markdown(f"##### {view.t('pilots.enter.correct')}")
    _show_flash("correct")
    rows = pilots.measurements(view.store.read(), uid)
    if not rows:
        st.caption(view.t("pilots.enter.none"))
        return
    with st.expander(view.t("pilots.enter.list")):
        st.dataframe(pilots.measurement_table(rows, lang), hide_index=True, width="stretch")
    by_mid = {r["id"]: r for r in rows}
    mid = st.selectbox(
        view.t("pilots.enter.pick_measurement"), list(by_mid), key="edit_measurement",
        format_func=lambda i: view.t("pilots.enter.measurement_option",
                                     date=i18n.fmt_date(by_mid[i]["measured_on"], lang),
                                     phase=phase_name(by_mid[i]["phase"]),
                                     minutes=pilots.fmt_minutes(by_mid[i]["minutes_per_unit"], lang)))
    if mid not in by_mid:
        return
    m = by_mid[mid]
    with st.form(f"edit_form_{mid}", enter_to_submit=False):
        cols = st.columns(3)
        cols[0].date_input(field("measured_on"), value=dt.date.fromisoformat(m["measured_on"]),
                           format=DATE_FORMAT, key=f"e_date_{mid}")
        cols[1].segmented_control(field("phase"), options=list(pilots.PHASES), default=m["phase"],
                                  format_func=phase_name, key=f"e_phase_{mid}")
        cols[2].number_input(field("minutes_per_unit"), value=m["minutes_per_unit"], step=1.0,
                             format="%.1f", key=f"e_minutes_{mid}")
        cols = st.columns(3)
        cols[0].number_input(field("units_per_month"), value=m["units_per_month"], step=1.0,
                             format="%.0f", key=f"e_units_{mid}")
        cols[1].number_input(field("errors_per_unit"), value=m["errors_per_unit"], step=0.01,
                             format="%.3f", key=f"e_errors_{mid}")
        cols[2].text_input(field("note"), value=m["note"] or "", key=f"e_note_{mid}",
                           max_chars=pilots.NOTE_MAX)
        st.form_submit_button(view.t("pilots.enter.correct_submit"), key=f"e_submit_{mid}",
                              on_click=_correct, args=(view.store, mid))
    sure = st.checkbox(view.t("pilots.enter.confirm_delete"), key="confirm_delete")
    st.button(view.t("pilots.enter.delete"), key="delete_measurement", disabled=not sure,
              on_click=_delete, args=(view.store, mid))


def manage_tab(all_cases, departments):
    by_id = {c["id"]: c for c in all_cases}
    uid = st.selectbox(view.t("pilots.case.pick"), [None] + list(by_id), key="uc_pick",
                       format_func=lambda i: view.t("pilots.uc.new") if i is None else by_id[i]["name"])
    case = by_id.get(uid, {})
    suffix = "new" if uid is None else uid
    field = lambda key: view.t(f"pilots.field.{key}")  # noqa: E731
    with st.form(f"use_case_form_{suffix}", enter_to_submit=False):
        cols = st.columns(3)
        cols[0].text_input(field("name"), value=case.get("name", ""), key=f"uc_name_{suffix}",
                           max_chars=pilots.NAME_MAX)
        options = [None] + departments
        cols[1].selectbox(field("department"), options,
                          index=options.index(case.get("department")) if case.get("department") in options else 0,
                          format_func=lambda d: view.t("pilots.uc.no_department") if d is None else d,
                          key=f"uc_department_{suffix}")
        cols[2].text_input(field("owner"), value=case.get("owner") or "", key=f"uc_owner_{suffix}")
        cols = st.columns(3)
        cols[0].text_input(field("unit"), value=case.get("unit", ""), key=f"uc_unit_{suffix}")
        cols[1].selectbox(field("status"), list(USE_CASE_STATUSES),
                          index=list(USE_CASE_STATUSES).index(case.get("status", "planned")),
                          format_func=lambda v: view.t(f"pilots.status.{v}"), key=f"uc_status_{suffix}")
        start = case.get("start_date")
        cols[2].date_input(field("start_date"), value=dt.date.fromisoformat(start) if start else None,
                           format=DATE_FORMAT, key=f"uc_start_date_{suffix}")
        cols = st.columns(4)
        for col, name, step in zip(cols, ("hourly_rate", "licence_cost_month", "training_hours",
                                          "implementation_cost"), (5.0, 50.0, 1.0, 500.0)):
            col.number_input(field(name), value=case.get(name), step=step, key=f"uc_{name}_{suffix}")
        st.form_submit_button(view.t("pilots.uc.submit"), type="primary", key=f"uc_submit_{suffix}",
                              on_click=_save_use_case, args=(view.store, uid, suffix))
    _show_flash("use_case")


# ---------------------------------------------------------------- page

db = view.store.read()
all_cases = pilots.use_cases(db)
if f is None:
    st.info(view.t("empty.store"))
    if view.can_edit:
        tabs = st.tabs([view.t("pilots.tab.enter"), view.t("pilots.tab.manage")])
        with tabs[0]:
            enter_tab(all_cases)
        with tabs[1]:
            manage_tab(all_cases, kpis.departments(db))
    st.stop()

context.scope_caption(view, note=view.t("pilots.scope_note", date=i18n.fmt_date(f.as_of, lang)))
st.subheader(view.t("pilots.question"))

result = context.figure(view, pilots.portfolio)
# Viewers (directors) read; entering results and managing use cases is for editors.
tabs = st.tabs([view.t("pilots.tab.portfolio"), view.t("pilots.tab.case"),
                *([view.t("pilots.tab.enter"), view.t("pilots.tab.manage")] if view.can_edit else [])],
               key="pilots_tab")
with tabs[0]:
    if result["use_cases"]:
        portfolio_tab(result)
    else:
        st.info(view.t("pilots.no_use_cases"))
with tabs[1]:
    if result["use_cases"]:
        case_tab(result["use_cases"])
    else:
        st.info(view.t("pilots.no_use_cases"))
if view.can_edit:
    with tabs[2]:
        enter_tab(all_cases)
    with tabs[3]:
        manage_tab(all_cases, kpis.departments(db))
