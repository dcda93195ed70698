"""The licences feature's sections, one function each, for the pages that show them: the
Data page's editor, the Admin page's idle-seat switch and list, the Overview's cards, the
Adoption page's funnel, the Pilots page's value against cost. Read the view, call
``core.licences``, render; no figure is computed here."""
import streamlit as st

from core import access, anonymity, i18n
from core.licences import charts, figures, records
from ui import cards, context


def _money(view, value):
    return i18n.fmt_money(value, view.lang) if value is not None else view.t("licences.costs.unknown")


def _count(value, lang):
    """A count as the language writes it, "–" for none (one type per table column)."""
    return i18n.fmt_number(value, lang)


# ---------------------------------------------------------------- Data page

def editor(view):
    """The licences table editor (editors and admins): save replaces every licence row."""
    import pandas as pd

    st.subheader(view.t("licences.section"))
    st.caption(view.t("licences.editor.caption"))
    notice = st.session_state.pop("licences_notice", None)
    if notice:
        st.success(notice)
    rows = figures.licence_rows(view.store.read())
    frame = pd.DataFrame({
        "tool": pd.Series([r["tool"] for r in rows], dtype="object"),
        "seats": pd.Series([r["seats"] for r in rows], dtype="Int64"),
        "price_per_month": pd.Series([r["price_per_month"] for r in rows], dtype="Float64"),
        # Dates as datetime64: an open "until" shows empty (NaT), not "None".
        "valid_from": pd.to_datetime(pd.Series([r["valid_from"] for r in rows], dtype="object")),
        "valid_until": pd.to_datetime(pd.Series([r["valid_until"] for r in rows], dtype="object")),
        "from_staff_list": pd.Series([bool(r["from_staff_list"]) for r in rows], dtype="boolean"),
    })
    col = lambda k: view.t(f"licences.col.{k}")  # noqa: E731
    date_format = "DD-MM-YYYY" if view.lang == "nl" else "D MMM YYYY"
    edited = st.data_editor(
        frame, num_rows="dynamic", hide_index=True, width="stretch", key=f"licences_editor_{view.version}",
        column_config={
            "tool": st.column_config.TextColumn(col("tool"), max_chars=records.MAX_TOOL, required=True),
            "seats": st.column_config.NumberColumn(col("seats"), min_value=1, step=1, format="%d"),
            "price_per_month": st.column_config.NumberColumn(col("price_per_month"), min_value=0.0,
                                                             step=0.01, format="%.2f"),
            "valid_from": st.column_config.DateColumn(col("valid_from"), format=date_format),
            "valid_until": st.column_config.DateColumn(col("valid_until"), format=date_format),
            "from_staff_list": st.column_config.CheckboxColumn(col("from_staff_list")),
        })
    if not edited.equals(frame):
        st.caption(view.t("licences.editor.unsaved"))
    if st.button(view.t("licences.editor.save"), key="licences_save", type="primary"):
        try:
            n = records.save_licences(view.store, view.actor, edited.to_dict("records"))
        except records.LicenceError as error:
            st.error(view.t("licences.editor.failed") + "\n\n"
                     + "\n".join(f"- {context.md_escape(m)}" for m in error.messages(view.lang)))
        else:
            st.session_state["licences_notice"] = view.t("licences.editor.saved", n=n)
            st.rerun()


# ---------------------------------------------------------------- Admin page

def idle_list_admin(view):
    """The idle-seat list by person: its switch (with a reason) and, when on, the list (audited)."""
    st.markdown(f"##### {view.t('licences.idle.title')}")
    st.caption(view.t("licences.idle.caption"))
    setting = records.idle_list_setting(view.store.read())
    if not setting["enabled"]:
        st.caption(view.t("licences.idle.off"))
        reason = st.text_area(view.t("licences.idle.reason"), key="licences_idle_reason",
                              max_chars=records.MAX_REASON)
        if st.button(view.t("licences.idle.enable"), key="licences_idle_enable"):
            try:
                records.set_idle_list(view.store, view.actor, True, reason)
            except access.InputError as error:
                st.error(error.message(view.lang))
            else:
                st.rerun()
        return
    st.caption(view.t("licences.idle.on", at=i18n.fmt_datetime(setting["at"], view.lang),
                      by=context.md_escape(setting["by"] or ""),
                      reason=context.md_escape(setting["reason"] or "")))
    c = st.columns(2)
    if c[1].button(view.t("licences.idle.disable"), key="licences_idle_disable"):
        records.set_idle_list(view.store, view.actor, False)
        st.session_state.pop("licences_idle_rows", None)
        st.rerun()
    if c[0].button(view.t("licences.idle.show"), key="licences_idle_show", icon=":material/visibility:"):
        st.session_state["licences_idle_rows"] = records.idle_seat_list(view.store, view.actor, view.filters)
    rows = st.session_state.get("licences_idle_rows")
    if rows is None:
        return
    if not rows:
        st.caption(view.t("licences.idle.none"))
        return
    st.dataframe({
        view.t("licences.idle.col.person"): [r["display_name"] or r["employee_id"] for r in rows],
        view.t("licences.idle.col.department"): [i18n.department_label(r["department"], view.lang)
                                                  for r in rows],
        view.t("licences.idle.col.tool"): [r["tool"] for r in rows],
        view.t("licences.idle.col.held_from"): [i18n.fmt_date(r["held_from"], view.lang) for r in rows],
        view.t("licences.idle.col.last_action"): [i18n.fmt_date(r["last_action"], view.lang)
                                                  if r["last_action"] else view.t("licences.idle.never")
                                                  for r in rows],
    }, hide_index=True, width="stretch", key="licences_idle_table")


# ---------------------------------------------------------------- Overview and Pilots cards

def cost_card(view, key="card_licence_cost"):
    """The licence cost card: cost per month, per active user, idle and unassigned seats."""
    costs = context.figure(view, figures.licence_costs)
    company = costs["company"]
    help_values = {"date": i18n.fmt_date(costs["as_of"], view.lang), "days": costs["window_days"],
                   "idle": costs["idle_days"]}
    if not costs["by_tool"]:
        cards.kpi_card(view, "licence_cost", None, help_values=help_values,
                       detail=view.t("licences.card.none"), key=key)
        return
    unknown = [t for t, v in costs["by_tool"].items() if v["cost_per_month"] is None]
    detail = view.t("licences.card.detail",
                    per_active=_money(view, company["cost_per_active_user"]),
                    idle=_count(company["idle"], view.lang), idle_cost=_money(view, company["idle_cost_per_month"]),
                    unassigned=_count(company["unassigned"], view.lang))
    cards.kpi_card(view, "licence_cost",
                   i18n.fmt_money(company["cost_per_month"], view.lang)
                   if company["cost_per_month"] is not None else None,
                   help_values=help_values, detail=detail,
                   note=view.t("licences.card.unknown_price", tools=", ".join(context.md_escape(t) for t in unknown))
                   if unknown else None, key=key)


def value_card(view, key="card_value_vs_cost", note=True):
    """Pilot value against licence cost: the ratio, with both amounts, and (``note``) the
    pilots' "observational, not causal" note."""
    value = context.figure(view, figures.value_against_cost)
    ratio = value["ratio"]
    cards.kpi_card(
        view, "value_vs_cost",
        view.t("licences.ratio", ratio=i18n.fmt_score(ratio, view.lang)) if ratio is not None else None,
        detail=view.t("licences.value.detail", value=_money(view, value["value_per_month"]),
                      cost=_money(view, value["cost_per_month"])),
        note=view.t("pilots.observational") if note else None, key=key)


def value_section(view):
    """The Pilots page's value against cost: the two amounts as bars, the ratio, the note."""
    st.markdown(f"##### {view.t('licences.value.title')}")
    value = context.figure(view, figures.value_against_cost)
    row = cards.row(2, key="licences_value_row")
    with row[0]:
        value_card(view, key="pilots_card_value_vs_cost", note=False)     # the caption below says it
    with row[1]:
        cost_card(view, key="pilots_card_licence_cost")
    if value["value_per_month"] is not None and value["cost_per_month"] is not None:
        st.vega_lite_chart(charts.value_against_cost.spec(value, view.lang), width="stretch")
    st.caption(view.t("licences.value.caption"))


# ---------------------------------------------------------------- Adoption page

def _funnel_rows(view, entry):
    return {
        view.t("licences.funnel.step"): [view.t(f"licences.step.{s}") for s in figures.FUNNEL_STEPS],
        view.t("licences.funnel.people"): [_count(entry[s], view.lang) for s in figures.FUNNEL_STEPS],
        view.t("licences.funnel.drop"): ["" if s == "licensed" else i18n.fmt_pct(entry["drop"][s], view.lang)
                                         for s in figures.FUNNEL_STEPS],
    }


def funnel_section(view):
    """The funnel per tool and across tools, its trend, by department, tool overlap,
    time to first use, and licences and cost per tool."""
    lang = view.lang
    minimum = anonymity.minimum(view.store.read())
    fun = context.figure(view, figures.funnel)
    st.subheader(view.t("licences.funnel.title"))
    st.caption(view.t("licences.funnel.caption", date=i18n.fmt_date(fun["as_of"], lang),
                      days=fun["window_days"], min=minimum))
    options = [""] + list(fun["by_tool"])
    tool = st.selectbox(view.t("licences.funnel.scope"), options=options, key="licences_funnel_tool",
                        format_func=lambda t: view.t("licences.funnel.all_tools") if t == "" else t)
    entry = fun["company"] if tool == "" else fun["by_tool"][tool]
    # The funnel gets the whole width: its step names and counts need it at 1024 px.
    if entry["suppressed"]:
        st.info(view.t("licences.funnel.hidden", min=minimum))
    elif entry["licensed"]:
        st.vega_lite_chart(charts.funnel.spec(entry, lang), width="stretch")
    else:
        st.caption(view.t("card.no_data"))
    left, right = st.columns(2)
    with left:
        if not entry["suppressed"] and entry["licensed"]:
            st.dataframe(_funnel_rows(view, entry), hide_index=True, width="stretch",
                         key="licences_funnel_table")
    with right:
        st.markdown(f"##### {view.t('licences.funnel.trend')}")
        points = [p for p in context.figure(view, figures.funnel_trend) if p["tool"] == tool]
        if any(not p["suppressed"] for p in points):
            st.vega_lite_chart(charts.funnel_trend.spec(points, lang), width="stretch")
        else:
            st.caption(view.t("card.no_data"))
    if fun["by_department"]:
        st.markdown(f"##### {view.t('licences.funnel.by_department')}")
        shown = {d: e for d, e in fun["by_department"].items() if not e["suppressed"]}
        table = {view.t("licences.funnel.department"): [i18n.department_label(d, view.lang)
                                                          for d in shown]}
        for s in figures.FUNNEL_STEPS:
            table[view.t(f"licences.step.{s}")] = [e[s] for e in shown.values()]
        st.dataframe(table, hide_index=True, width="stretch", key="licences_funnel_departments")
        if fun["hidden_departments"]:
            st.caption(view.t("licences.funnel.hidden_departments",
                              names=", ".join(context.md_escape(d) for d in fun["hidden_departments"])))
    left, right = st.columns(2)
    with left:
        st.markdown(f"##### {view.t('licences.overlap.title')}")
        overlap = context.figure(view, figures.tool_overlap)
        if overlap["suppressed"]:
            st.info(view.t("licences.funnel.hidden", min=minimum))
        elif overlap["active"] is None:
            st.caption(view.t("card.no_data"))
        else:
            st.dataframe({
                view.t("licences.overlap.tools"): [view.t("licences.overlap.cell", n=1),
                                                 view.t("licences.overlap.cell", n=2),
                                                 view.t("licences.overlap.cell3")],
                view.t("licences.funnel.people"): [_count(overlap["counts"][c], view.lang) for c in figures.OVERLAP_CELLS],
            }, hide_index=True, width="stretch", key="licences_overlap")
            st.caption(view.t("licences.overlap.caption", days=fun["window_days"]))
    with right:
        _ttfu(view)
    _costs_table(view, minimum)


def _ttfu(view):
    st.markdown(f"##### {view.t('licences.ttfu.title')}")
    basis = st.radio(view.t("licences.ttfu.basis"), options=["licence", "training"], horizontal=True,
                     key="licences_ttfu_basis", format_func=lambda b: view.t(f"licences.ttfu.basis.{b}"))
    ttfu = context.figure(view, figures.time_to_first_use, basis)
    groups = [(view.t("licences.ttfu.company"), ttfu["company"])]
    groups += [(view.t(f"segment.{g}"), e) for g, e in ttfu["by_segment"].items()]
    groups += [(i18n.department_label(g, view.lang), e) for g, e in ttfu["by_department"].items()]
    shown = [(g, e) for g, e in groups if not e["hidden"] and e["members"]]
    if not shown:
        st.caption(view.t("card.no_data"))
        return
    num = lambda v: "–" if v is None else i18n.fmt_number(v, view.lang)  # noqa: E731
    table = {
        view.t("licences.ttfu.group"): [g for g, _ in shown],
        view.t("licences.ttfu.members"): [_count(e["members"], view.lang) for _, e in shown],
        view.t("licences.ttfu.started"): [e["started"] for _, e in shown],
        view.t("licences.ttfu.median"): [num(e["median_days"]) for _, e in shown],
        view.t("licences.ttfu.quartiles"): [f"{num(e['q1_days'])}–{num(e['q3_days'])}" for _, e in shown],
    }
    for n in figures.NEVER_STARTED_DAYS:
        table[view.t("licences.ttfu.never", n=n)] = [i18n.fmt_pct(e["never_started"][str(n)], view.lang)
                                                     for _, e in shown]
    st.dataframe(table, hide_index=True, width="stretch", key="licences_ttfu")
    st.caption(view.t("licences.ttfu.caption"))


def _costs_table(view, minimum):
    costs = context.figure(view, figures.licence_costs)
    if not costs["by_tool"]:
        return
    st.markdown(f"##### {view.t('licences.costs.title')}")
    money = lambda v: _money(view, v)  # noqa: E731
    tools = costs["by_tool"]
    c = lambda k: view.t(f"licences.costs.{k}")  # noqa: E731
    st.dataframe({
        view.t("licences.col.tool"): list(tools),
        c("seats"): [_count(v["seats"], view.lang) for v in tools.values()],
        c("assigned"): [v["assigned"] for v in tools.values()],
        c("unassigned"): [_count(v["unassigned"], view.lang) for v in tools.values()],
        c("price"): [money(v["price_per_month"]) for v in tools.values()],
        c("cost"): [money(v["cost_per_month"]) for v in tools.values()],
        c("active"): [_count(v["active"], view.lang) for v in tools.values()],
        c("per_active"): [money(v["cost_per_active_user"]) if not v["hidden"] else "–" for v in tools.values()],
        c("idle"): [_count(v["idle"], view.lang) for v in tools.values()],
        c("idle_cost"): [money(v["idle_cost_per_month"]) if not v["hidden"] else "–" for v in tools.values()],
    }, hide_index=True, width="stretch", key="licences_costs")
    if costs["by_department"]:
        rows = costs["by_department"]
        st.dataframe({
            view.t("licences.funnel.department"): [i18n.department_label(r["department"], view.lang)
                                                   for r in rows],
            view.t("licences.col.tool"): [r["tool"] for r in rows],
            c("assigned"): [r["assigned"] for r in rows],
            c("active"): [r["active"] for r in rows],
            c("idle"): [r["idle"] for r in rows],
            c("cost"): [money(r["cost_per_month"]) for r in rows],
            c("idle_cost"): [money(r["idle_cost_per_month"]) for r in rows],
        }, hide_index=True, width="stretch", key="licences_costs_departments")
    st.caption(view.t("licences.costs.caption", date=i18n.fmt_date(costs["as_of"], view.lang),
                      idle=costs["idle_days"], min=minimum))
