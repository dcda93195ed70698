"""Stakeholders: who stands where on influence × attitude, who moved, and what to do next."""
import datetime as dt

import streamlit as st

from core import i18n

from core.stakeholders import charts as stakeholder_charts
from core import stakeholders as sh
from core.schema import CATEGORIES, LEVELS, SEGMENTS
from ui import cards, context

view = context.current()
lang, f = view.lang, view.filters

context.page_title(view, "stakeholders.title")

if f is None:
    st.info(view.t("empty.store"))
    st.stop()

context.scope_caption(view, period=False)

flash = st.session_state.pop("sh_flash", None)
if flash:
    st.success(flash, icon=":material/check_circle:")


def label_of(prefix):
    return lambda code: view.t(f"{prefix}.{code}")


# ---------------------------------------------------------------- page filters
cols = st.columns(3)
levels = cols[0].multiselect(view.t("stakeholders.filter.level"), options=list(LEVELS),
                             format_func=label_of("level"), key="sh_level",
                             placeholder=view.t("stakeholders.filter.all"))
categories = cols[1].multiselect(view.t("stakeholders.filter.category"), options=list(CATEGORIES),
                                 format_func=label_of("stakeholders.category"), key="sh_category",
                                 placeholder=view.t("stakeholders.filter.all"))
roles = cols[2].multiselect(view.t("stakeholders.filter.role"), options=list(sh.ROLES),
                            format_func=label_of("stakeholders.role"), key="sh_role",
                            placeholder=view.t("stakeholders.filter.all"))

data = context.figure(view, sh.stakeholder_map, tuple(levels), tuple(categories), tuple(roles))
persons, counts, reassess = data["people"], data["counts"], data["reassess_after_days"]
st.caption(view.t("stakeholders.definition", date=i18n.fmt_date(f.as_of, lang), days=reassess))

# ---------------------------------------------------------------- counts
for row in (("key_champions", "critical_blockers", "silent_supporters", "grumblers"),
            ("undecided", "moved", "overdue", "not_assessed")):
    for col, name in zip(cards.row(4), row):
        with col.container(border=True, key=f"sh_metric_{name}"):
            if name in sh.PLACES:
                st.metric(view.t(f"stakeholders.place.{name}"), counts[name],
                          help=view.t("stakeholders.metric.count.help",
                                      help=view.t(f"stakeholders.place.{name}.help")))
            elif name == "moved":
                st.metric(view.t("stakeholders.metric.moved"),
                          view.t("stakeholders.metric.moved.value", up=counts["moved_positive"],
                                 down=counts["moved_negative"]),
                          help=view.t("stakeholders.metric.moved.help"))
            elif name == "overdue":
                st.metric(view.t("stakeholders.metric.overdue"), counts["overdue"],
                          help=view.t("stakeholders.metric.overdue.help", days=reassess))
            else:
                st.metric(view.t("stakeholders.place.unassessed"), counts["not_assessed"],
                          help=view.t("stakeholders.unassessed.caption"))
st.caption(view.t("stakeholders.metric.assessed", assessed=counts["assessed"],
                  missing=counts["not_assessed"]))

# ---------------------------------------------------------------- warnings
for warning in context.figure(view, sh.warnings):
    names = ", ".join(context.md_escape(p) for p in warning["people"][:15]) + (" …" if len(warning["people"]) > 15 else "")
    text = view.t(f"stakeholders.warn.{warning['code']}", n=len(warning["people"]), names=names) \
        if warning["people"] else view.t(f"stakeholders.warn.{warning['code']}")
    if warning["code"] == "influencer_low_level":
        st.info(text, icon=":material/record_voice_over:")
    else:
        st.warning(text, icon=":material/warning:")

# Viewers (directors) read; the editing tab is for editors and admins only.
canvas_tab, focus_tab, roles_tab, history_tab, *edit_tabs = st.tabs([
    view.t("stakeholders.tab.canvas"), view.t("stakeholders.tab.focus"),
    view.t("stakeholders.tab.roles"), view.t("stakeholders.tab.history"),
    *([view.t("stakeholders.tab.edit")] if view.can_edit else [])])

# ---------------------------------------------------------------- canvas
with canvas_tab:
    if counts["assessed"]:
        spec = context.figure(view, stakeholder_charts.canvas_spec, tuple(levels), tuple(categories),
                              tuple(roles), lang)
        with st.container(key="sh_canvas_box"):
            st.vega_lite_chart(spec, width="stretch", key="sh_canvas")
        key = context.figure(view, stakeholder_charts.canvas_key_for_view, tuple(levels),
                             tuple(categories), tuple(roles), lang)
        if key:
            # The people the canvas numbers, where their names found no free spot.
            st.caption(" · ".join(view.t("steering.canvas_key", number=n, name=context.md_escape(name))
                                  if n is not None else context.md_escape(name) for n, name in key))
        st.caption(view.t("stakeholders.canvas.caption", n=counts["assessed"]))
    else:
        st.info(view.t("stakeholders.canvas.empty"))
    st.markdown(f"##### {view.t('stakeholders.moves.title')}")
    moves = sh.movements_frame(persons, lang)
    st.caption(view.t("stakeholders.moves.caption", up=counts["moved_positive"],
                      down=counts["moved_negative"], changed=counts["quadrant_changed"]))
    if len(moves):
        st.dataframe(moves, hide_index=True, width="stretch")
    else:
        st.caption(view.t("stakeholders.moves.none"))
    st.markdown(f"##### {view.t('stakeholders.unassessed.title')}")
    st.caption(view.t("stakeholders.unassessed.caption"))
    missing = sh.unassessed_frame(persons, lang)
    if len(missing):
        st.dataframe(missing, hide_index=True, width="stretch")

# ---------------------------------------------------------------- focus list
with focus_tab:
    st.caption(view.t("stakeholders.focus.caption"))
    focus = sh.focus_frame(persons, lang)
    if len(focus):
        wide = {view.t(k): st.column_config.TextColumn(width="large")
                for k in ("stakeholders.col.next_action", "stakeholders.col.suggested")}
        # Shown with the one number style (+1, −1 with the typographic minus); the
        # downloads keep whole numbers.
        shown = focus.copy()
        col = view.t("stakeholders.col.attitude")
        shown[col] = [("" if v is None or v != v else i18n.fmt_points(int(v), lang))
                      for v in focus[col].astype(object).where(focus[col].notna(), None)]
        st.dataframe(shown, hide_index=True, width="stretch", column_config=wide,
                     height=min(38 + 35 * len(focus), 740))
        name = f"{view.t('stakeholders.download.file')}-{f.as_of_iso}"
        with st.container(horizontal=True):
            # The files are made when asked for: an .xlsx of a large register takes seconds.
            st.download_button(view.t("stakeholders.download.csv"), lambda: sh.to_csv(focus, lang),
                               file_name=f"{name}.csv", mime="text/csv", key="sh_csv",
                               icon=":material/download:")
            st.download_button(view.t("stakeholders.download.xlsx"), lambda: sh.to_excel(focus),
                               file_name=f"{name}.xlsx", key="sh_xlsx", icon=":material/download:",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        st.info(view.t("stakeholders.canvas.empty"))

# ---------------------------------------------------------------- roles
with roles_tab:
    st.caption(view.t("stakeholders.roles.caption"))
    held = sh.role_counts(persons)
    st.markdown(" · ".join(view.t("stakeholders.roles.count", role=view.t(f"stakeholders.role.{r}"), n=n)
                           for r, n in held.items()))
    table = sh.roles_frame(persons, lang)
    if len(table):
        st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 740))
    else:
        st.info(view.t("stakeholders.canvas.empty"))

# ---------------------------------------------------------------- history
assessed = [p for p in persons if p["quadrant"] is not None]
by_id = {p["employee_id"]: p for p in persons}
with history_tab:
    st.caption(view.t("stakeholders.history.caption"))
    if assessed:
        chosen = st.selectbox(view.t("stakeholders.history.person"),
                              options=[p["employee_id"] for p in assessed],
                              format_func=lambda e: by_id[e]["label"], key="sh_history_person")
        person = by_id.get(chosen)
        if person is not None:
            history = context.figure(view, sh.person_timeline, chosen)
            spec = context.figure(view, stakeholder_charts.path_spec, chosen, lang)
            if person["overdue"]:
                st.warning(view.t("stakeholders.history.overdue", age=person["age_days"], days=reassess))
            st.vega_lite_chart(spec, width="stretch", key="sh_path")
            st.dataframe(sh.timeline_frame(history, lang, notes=view.actor.may_see_notes),
                         hide_index=True, width="stretch")
            if not view.actor.may_see_notes:
                st.caption(view.t("stakeholders.notes_hidden"))
    else:
        st.info(view.t("stakeholders.canvas.empty"))


# ---------------------------------------------------------------- editing
if not edit_tabs:
    st.stop()
edit_tab = edit_tabs[0]


def show_problems(error):
    st.error("\n".join([view.t("stakeholders.not_saved")]
                       + [f"- {context.md_escape(m)}" for m in error.messages(lang)]), icon=":material/error:")


def done(message, prefix):
    # Fresh, empty widgets after a save: drop the form's state, keep the page's filters.
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
    # Any save here changes what the bulk table shows: it reopens on the stored rows.
    st.session_state.pop("sh_bulk_opened", None)
    st.session_state["sh_flash"] = message
    st.rerun()


fld = lambda name: view.t(f"stakeholders.field.{name}")  # noqa: E731
date_format = "DD-MM-YYYY" if lang == "nl" else "YYYY-MM-DD"
choose = view.t("stakeholders.form.choose")

with edit_tab:
    st.caption(view.t("stakeholders.edit.caption"))
    everyone = {p["employee_id"]: p for p in context.figure(view, sh.stakeholder_map)["people"]}

    st.markdown(f"##### {view.t('stakeholders.form.assess')}")
    who = st.selectbox(fld("person"), options=list(everyone), index=None, placeholder=choose,
                       format_func=lambda e: everyone[e]["label"], key="sh_assess_person")
    latest_roles = everyone[who]["roles"] if who in everyone else []
    with st.form("sh_assess_form"):
        c = st.columns(4)
        on = c[0].date_input(fld("assessed_on"), value=dt.date.today(), format=date_format,
                             key="sh_assess_on")
        influence = c[1].selectbox(fld("influence"), options=[1, 2, 3, 4, 5], index=None,
                                   placeholder=choose, key="sh_assess_influence")
        attitude = c[2].selectbox(fld("attitude"), options=[-2, -1, 0, 1, 2], index=None,
                                  placeholder=choose, format_func=lambda v: i18n.fmt_points(v, lang),
                                  key="sh_assess_attitude")
        category = c[3].selectbox(fld("category"), options=list(CATEGORIES), index=None,
                                  placeholder=choose, format_func=label_of("stakeholders.category"),
                                  key="sh_assess_category")
        c = st.columns([3, 1])
        held_roles = c[0].multiselect(fld("roles"), options=list(sh.ROLES), default=latest_roles,
                                      format_func=label_of("stakeholders.role"), placeholder=choose,
                                      key=f"sh_assess_roles_{who}")
        by = c[1].text_input(fld("assessed_by"), key="sh_assess_by")
        note = st.text_area(fld("note"), key="sh_assess_note", height=68)
        c = st.columns([3, 1, 1])
        action = c[0].text_input(fld("next_action"), key="sh_assess_action")
        owner = c[1].text_input(fld("action_owner"), key="sh_assess_owner")
        due = c[2].date_input(fld("action_due"), value=None, format=date_format, key="sh_assess_due")
        if st.form_submit_button(view.t("stakeholders.form.submit_assess"), type="primary",
                                 key="sh_assess_submit"):
            try:
                sh.record_assessment(
                    view.store, actor=view.actor, employee_id=who, assessed_on=on, influence=influence,
                    attitude=attitude, category=category, roles=held_roles, note=note,
                    assessed_by=by, next_action=action, action_owner=owner, action_due=due)
            except sh.ValidationError as error:
                show_problems(error)
            else:
                done(view.t("stakeholders.saved.assess", name=context.md_escape(everyone[who]["label"])), "sh_assess_")

    st.markdown(f"##### {view.t('stakeholders.form.action')}")
    with_assessment = {e: p for e, p in everyone.items() if p["assessment_id"] is not None}
    target = st.selectbox(fld("person"), options=list(with_assessment), index=None,
                          placeholder=choose, format_func=lambda e: with_assessment[e]["label"],
                          key="sh_action_person")
    if target in with_assessment:
        current = with_assessment[target]
        suffix = current["assessment_id"]
        # What the editor saw when the form opened: a save checks it is still what is stored.
        opened = st.session_state.setdefault(
            f"sh_action_opened_{suffix}",
            (current["next_action"], current["action_owner"], current["action_due"]))
        with st.form("sh_action_form"):
            c = st.columns([3, 1, 1])
            action = c[0].text_input(fld("next_action"), value=current["next_action"] or "",
                                     key=f"sh_action_text_{suffix}")
            owner = c[1].text_input(fld("action_owner"), value=current["action_owner"] or "",
                                    key=f"sh_action_owner_{suffix}")
            due = c[2].date_input(fld("action_due"), format=date_format, key=f"sh_action_due_{suffix}",
                                  value=dt.date.fromisoformat(current["action_due"][:10])
                                  if current["action_due"] else None)
            st.caption(view.t(current["playbook"]))
            if st.form_submit_button(view.t("stakeholders.form.submit_action"), key="sh_action_submit"):
                try:
                    sh.update_action(view.store, actor=view.actor, assessment_id=current["assessment_id"],
                                     next_action=action, action_owner=owner, action_due=due,
                                     expected=opened)
                except sh.ValidationError as error:
                    show_problems(error)
                    # Next time the form opens on what is stored now.
                    st.session_state.pop(f"sh_action_opened_{suffix}", None)
                else:
                    done(view.t("stakeholders.saved.action", name=context.md_escape(current["label"])), "sh_action_")

    st.markdown(f"##### {view.t('stakeholders.form.bulk')}")
    st.caption(view.t("stakeholders.form.bulk.caption"))
    grid = sh.bulk_frame(persons, lang)
    # The table as this editor first saw it; a save checks nobody changed those rows since.
    opened = st.session_state.setdefault("sh_bulk_opened", sh.bulk_opened(persons))
    if len(grid):
        with st.form("sh_bulk_form"):
            edited = st.data_editor(
                grid, hide_index=True, width="stretch", num_rows="fixed", key=f"sh_bulk_grid_{view.version}",
                disabled=["assessment_id", "name"],
                column_config={
                    "assessment_id": None,
                    "name": st.column_config.TextColumn(view.t("stakeholders.col.name")),
                    "influence": st.column_config.NumberColumn(fld("influence"), min_value=1, max_value=5,
                                                               step=1, format="%d"),
                    "attitude": st.column_config.NumberColumn(fld("attitude"), min_value=-2, max_value=2,
                                                              step=1, format="%d"),
                    "category": st.column_config.SelectboxColumn(
                        fld("category"), options=[view.t(f"stakeholders.category.{c}") for c in CATEGORIES]),
                    "next_action": st.column_config.TextColumn(fld("next_action"), width="medium"),
                    "action_owner": st.column_config.TextColumn(fld("action_owner")),
                    "action_due": st.column_config.DateColumn(fld("action_due"), format="localized"),
                })
            c = st.columns(3)
            bulk_on = c[0].date_input(fld("assessed_on"), value=dt.date.today(), format=date_format,
                                      key="sh_bulk_on")
            bulk_by = c[1].text_input(fld("assessed_by"), key="sh_bulk_by")
            if st.form_submit_button(view.t("stakeholders.form.submit_bulk"), key="sh_bulk_submit"):
                try:
                    result = sh.bulk_update(view.store, actor=view.actor, rows=sh.bulk_rows(edited, lang),
                                            opened=opened,
                                            assessed_on=bulk_on, assessed_by=bulk_by)
                except sh.ValidationError as error:
                    show_problems(error)
                    if any(p.code == "changed_meanwhile" for p in error.problems):
                        st.session_state.pop("sh_bulk_opened", None)    # reopen on what is stored
                else:
                    if result["new_assessments"] or result["actions_updated"]:
                        done(view.t("stakeholders.saved.bulk", new=result["new_assessments"],
                                    updated=result["actions_updated"]), "sh_bulk_")
                    else:
                        st.info(view.t("stakeholders.saved.nothing"))

    st.markdown(f"##### {view.t('stakeholders.form.person')}")
    with st.form("sh_person_form"):
        c = st.columns(4)
        name = c[0].text_input(fld("display_name"), key="sh_person_name")
        department = c[1].selectbox(fld("department"), options=context.figure(view, sh.department_names),
                                    index=None, placeholder=choose, key="sh_person_department")
        level = c[2].selectbox(fld("level"), options=list(LEVELS), index=None, placeholder=choose,
                               format_func=label_of("level"), key="sh_person_level")
        segment = c[3].selectbox(fld("segment"), options=list(SEGMENTS), index=None, placeholder=choose,
                                 format_func=label_of("segment"), key="sh_person_segment")
        if st.form_submit_button(view.t("stakeholders.form.submit_person"), key="sh_person_submit"):
            try:
                sh.add_person(view.store, actor=view.actor, display_name=name, department=department,
                              level=level, segment=segment)
            except sh.ValidationError as error:
                show_problems(error)
            else:
                done(view.t("stakeholders.saved.person", name=context.md_escape(name.strip())), "sh_person_")
