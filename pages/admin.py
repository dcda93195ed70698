"""Admin: users and roles, the audit log, erasure and access requests, settings. Admins only."""
import datetime as dt
import json

import pandas as pd
import streamlit as st

from core import access, i18n, privacy, settings, sso, users
from core.importers import audit_log
from core.validate import safe_frame
from ui import auth, context
from ui import licences as licences_ui

view = context.current()
lang = view.lang
# The navigation lists this page for admins only; refuse here too, should a link get through.
access.require(view.actor, "admin")

st.title(view.t("admin.title"))
st.caption(view.t("admin.caption"))
st.caption(view.t("sidebar.store", path=view.store.path))     # admins only, not the sidebar

flash = st.session_state.pop("admin_flash", None)
if flash:
    st.success(flash, icon=":material/check_circle:")


def role_label(role):
    return view.t(f"access.role.{role}")


def problem_text(error):
    """A core error (``users.UserError``, ``settings.SettingsError``) as translated text."""
    if isinstance(error, settings.SettingsError):
        return "\n".join(f"- {view.t(f'settings.{key}')}: {view.t(code, **params)}"
                         for key, code, params in error.problems)
    return context.md_escape(error.message(lang))


def saved(message, prefix):
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
    st.session_state["admin_flash"] = message
    st.rerun()


users_tab, audit_tab, people_tab, settings_tab = st.tabs([
    view.t("admin.tab.users"), view.t("admin.tab.audit"), view.t("admin.tab.people"),
    view.t("admin.tab.settings")])

# ---------------------------------------------------------------- users
with users_tab:
    db = view.store.read()
    everyone = users.list_users(db)
    if view.actor is access.LOCAL:
        st.info(view.t("admin.users.local"), icon=":material/computer:")
    if everyone:
        st.dataframe(pd.DataFrame([{
            view.t("admin.users.name"): u["name"],
            view.t("admin.users.role"): role_label(u["role"]),
            view.t("admin.users.notes"): bool(u["see_notes"]) or u["role"] != "viewer",
            view.t("admin.users.sso"): u["has_email"],
            view.t("admin.users.last_login"): i18n.fmt_datetime(u["last_login"], lang) if u.get("last_login") else "–",
            view.t("admin.users.slowed"): i18n.fmt_datetime(u["slowed_until"], lang)
            if u["slowed_until"] else "",
        } for u in everyone]), hide_index=True, width="stretch", key="admin_users_table")
    else:
        st.caption(view.t("admin.users.none"))

    st.markdown(f"##### {view.t('admin.users.add')}")
    first = not everyone
    with st.form("admin_add_user", enter_to_submit=False):
        c = st.columns(3)
        name = c[0].text_input(view.t("admin.users.name"), key="admin_add_name", max_chars=60)
        # The first user must be an admin: someone has to be able to manage the others.
        role = c[1].selectbox(view.t("admin.users.role"), options=["admin"] if first else list(access.ROLES),
                              format_func=role_label, key="admin_add_role",
                              index=0 if first else 1)
        email = c[2].text_input(view.t("admin.users.email"), key="admin_add_email",
                                help=view.t("admin.users.email.help"))
        c = st.columns(3)
        password = c[0].text_input(view.t("admin.users.password"), type="password", key="admin_add_pw",
                                   autocomplete="new-password", help=view.t("admin.users.password.help"))
        again = c[1].text_input(view.t("admin.users.password_again"), type="password", key="admin_add_pw2",
                                autocomplete="new-password")
        # A row of its own: in a third of a 1024-px page its label would be cut off.
        see_notes = st.checkbox(view.t("admin.users.see_notes"), key="admin_add_notes",
                                help=view.t("admin.users.see_notes.help"))
        if first:
            st.caption(view.t("admin.users.first"))
        if st.form_submit_button(view.t("admin.users.add.submit"), type="primary", key="admin_add_submit"):
            if password != again:
                st.error(view.t("admin.users.mismatch"))
            else:
                try:
                    users.add_user(view.store, view.actor, name.strip(), role, password=password or None,
                                   email=email.strip() or None, see_notes=see_notes)
                except users.UserError as error:
                    st.error(problem_text(error))
                else:
                    saved(view.t("admin.users.added", name=context.md_escape(name.strip())), "admin_add_")

    if everyone:
        st.markdown(f"##### {view.t('admin.users.change')}")
        by_name = {u["name"]: u for u in everyone}
        who = st.selectbox(view.t("admin.users.pick"), options=list(by_name), key="admin_pick")
        user = by_name[who]
        left, middle, right = st.columns(3, border=True)
        with left:
            new_role = st.selectbox(view.t("admin.users.role"), options=list(access.ROLES),
                                    index=list(access.ROLES).index(user["role"]), format_func=role_label,
                                    key=f"admin_role_{who}")
            notes = st.checkbox(view.t("admin.users.see_notes"), value=bool(user["see_notes"]),
                                key=f"admin_notes_{who}", disabled=new_role != "viewer",
                                help=view.t("admin.users.see_notes.help"))
            if st.button(view.t("admin.users.role.save"), key="admin_role_save"):
                try:
                    users.set_role(view.store, view.actor, who, new_role, see_notes=notes)
                except users.UserError as error:
                    st.error(problem_text(error))
                else:
                    saved(view.t("admin.users.role.saved", name=context.md_escape(who),
                                 role=role_label(new_role)), "admin_role_")
        with middle:
            pw = st.text_input(view.t("admin.users.password.new"), type="password",
                               key=f"admin_pw_{who}", autocomplete="new-password",
                               help=view.t("admin.users.password.help"))
            if st.button(view.t("admin.users.password.save"), key="admin_pw_save", disabled=not pw):
                try:
                    users.set_password(view.store, view.actor, who, pw)
                except users.UserError as error:
                    st.error(problem_text(error))
                else:
                    saved(view.t("admin.users.password.saved", name=context.md_escape(who)), "admin_pw_")
        with right:
            sure = st.checkbox(view.t("admin.users.remove.confirm", name=context.md_escape(who)),
                               key=f"admin_rm_ok_{who}")
            if st.button(view.t("admin.users.remove"), key="admin_rm", disabled=not sure,
                         icon=":material/person_remove:"):
                try:
                    users.remove_user(view.store, view.actor, who)
                except users.UserError as error:
                    st.error(problem_text(error))
                else:
                    saved(view.t("admin.users.removed", name=context.md_escape(who)), "admin_rm_")

    # ------------------------------------------------------------ sign-in through the organisation
    st.markdown(f"##### {view.t('admin.requests.title')}")
    if not auth.oidc_configured():
        st.caption(view.t("admin.sso.off"))
    requests = sso.list_requests(db)
    if not requests:
        st.caption(view.t("admin.requests.none"))
    for req in requests:
        rid = req["id"]
        with st.container(border=True, key=f"admin_req_{rid}"):
            st.markdown(view.t("admin.requests.who", email=context.md_escape(req["email"]),
                               name=context.md_escape(req["name"] or "–"),
                               provider=auth.provider_label(req["provider"] if req["provider"] != "default" else None)
                               or view.t("login.org"),
                               at=i18n.fmt_datetime(req["requested_at"], lang)))
            c = st.columns([2, 1, 1], vertical_alignment="bottom")
            req_role = c[0].selectbox(view.t("admin.users.role"), options=list(access.ROLES), index=0,
                                      format_func=role_label, key=f"admin_req_role_{rid}")
            if c[1].button(view.t("admin.requests.grant"), type="primary", key=f"admin_req_grant_{rid}"):
                try:
                    added = sso.grant_request(view.store, view.actor, rid, req_role)
                except users.UserError as error:
                    st.error(problem_text(error))
                else:
                    saved(view.t("admin.requests.granted", name=context.md_escape(added.name),
                                 role=role_label(added.role)), "admin_req_")
            if c[2].button(view.t("admin.requests.dismiss"), key=f"admin_req_dismiss_{rid}"):
                try:
                    sso.dismiss_request(view.store, view.actor, rid)
                except users.UserError as error:
                    st.error(problem_text(error))
                else:
                    saved(view.t("admin.requests.dismissed", email=context.md_escape(req["email"])), "admin_req_")

    st.markdown(f"##### {view.t('admin.domains.title')}")
    st.caption(view.t("admin.domains.caption"))
    domains = sso.list_domain_roles(db)
    if domains:
        st.dataframe(pd.DataFrame([{
            view.t("admin.domains.domain"): "@" + d["domain"],
            view.t("admin.users.role"): role_label(d["role"]),
            view.t("admin.users.notes"): d["see_notes"] or d["role"] != "viewer",
        } for d in domains]), hide_index=True, width="stretch", key="admin_domains_table")
    with st.form("admin_domain_form", enter_to_submit=False):
        c = st.columns(2)
        new_domain = c[0].text_input(view.t("admin.domains.domain"), key="admin_domain_name",
                                     placeholder="bedrijf.nl", max_chars=253)
        domain_role = c[1].selectbox(view.t("admin.users.role"), options=list(access.ROLES),
                                     format_func=role_label, key="admin_domain_role")
        domain_notes = st.checkbox(view.t("admin.users.see_notes"), key="admin_domain_notes",
                                   help=view.t("admin.users.see_notes.help"))
        if st.form_submit_button(view.t("admin.domains.save"), key="admin_domain_save"):
            try:
                clean = sso.set_domain_role(view.store, view.actor, new_domain, domain_role,
                                            see_notes=domain_notes)
            except users.UserError as error:
                st.error(problem_text(error))
            else:
                saved(view.t("admin.domains.saved", domain=clean, role=role_label(domain_role)),
                      "admin_domain_")
    if domains:
        c = st.columns([2, 1], vertical_alignment="bottom")
        gone = c[0].selectbox(view.t("admin.domains.pick"), options=[d["domain"] for d in domains],
                              format_func=lambda d: "@" + d, key="admin_domain_pick")
        if c[1].button(view.t("admin.domains.remove"), key="admin_domain_remove", icon=":material/remove_circle:"):
            try:
                sso.remove_domain_role(view.store, view.actor, gone)
            except users.UserError as error:
                st.error(problem_text(error))
            else:
                saved(view.t("admin.domains.removed", domain=gone), "admin_domain_")

# ---------------------------------------------------------------- audit log
with audit_tab:
    st.caption(view.t("admin.audit.caption"))
    log = audit_log(view.store.read(), limit=5000)
    if not log:
        st.caption(view.t("data.audit.empty"))
    else:
        def action_label(action):
            key = f"data.action.{action}"
            return view.t(key) if key in i18n.CATALOG else action

        def detail_text(detail):
            """The JSON detail as "key: value · key: value"; plain text stays as it is."""
            if not detail:
                return ""
            try:
                parsed = json.loads(detail)
            except ValueError:
                return detail
            if isinstance(parsed, dict):
                return " · ".join(f"{k}: {v}" for k, v in parsed.items())
            return str(parsed)

        c = st.columns(2)
        actors = sorted({e["actor"] for e in log})
        picked_actors = c[0].multiselect(view.t("data.audit.actor"), options=actors, key="admin_audit_actor",
                                         placeholder=view.t("admin.audit.all"))
        actions = sorted({e["action"] for e in log})
        picked_actions = c[1].multiselect(view.t("data.audit.action"), options=actions, format_func=action_label,
                                          key="admin_audit_action", placeholder=view.t("admin.audit.all"))
        shown = [e for e in log if (not picked_actors or e["actor"] in picked_actors)
                 and (not picked_actions or e["action"] in picked_actions)]
        table = pd.DataFrame({
            view.t("data.audit.at"): [i18n.fmt_datetime(e["at"], lang) for e in shown],
            view.t("data.audit.actor"): [e["actor"] for e in shown],
            view.t("data.audit.action"): [action_label(e["action"]) for e in shown],
            view.t("data.audit.entity"): [" ".join(x for x in (e["entity"], e["entity_id"]) if x) for e in shown],
            view.t("data.audit.detail"): [detail_text(e["detail"]) for e in shown],
        })
        st.dataframe(table, hide_index=True, width="stretch", height=420, key="admin_audit")
        st.caption(view.t("admin.audit.count", n=len(shown), total=len(log)))
        st.download_button(view.t("admin.audit.download"), data=("\ufeff" + safe_frame(table).to_csv(index=False)).encode("utf-8"),
                           file_name=f"audit-{dt.date.today().isoformat()}.csv", mime="text/csv",
                           key="admin_audit_csv", icon=":material/download:", on_click="ignore")

# ---------------------------------------------------------------- people: access requests, erasure
with people_tab:
    st.caption(view.t("admin.people.caption"))
    query = st.text_input(view.t("admin.people.search"), key="admin_people_q",
                          help=view.t("admin.people.search.help"))
    found = privacy.find_people(view.store.read(), query) if query.strip() else []
    if query.strip() and not found:
        st.info(view.t("admin.people.none"))
    if found:
        by_id = {p["employee_id"]: p for p in found}
        eid = st.selectbox(view.t("admin.people.pick"), options=list(by_id), key="admin_people_pick",
                           format_func=lambda e: " · ".join(
                               str(x) for x in (e, by_id[e].get("display_name"), by_id[e].get("department")) if x))
        record = privacy.person_record(view.store.read(), eid)
        counts = {table: len(rows) for table, rows in record["tables"].items() if rows}
        def table_label(table):
            key = f"data.table.{table}"
            return view.t(key) if key in i18n.CATALOG else table

        st.dataframe(pd.DataFrame({view.t("admin.people.table"): [table_label(t) for t in counts],
                                   view.t("admin.people.rows"): list(counts.values())}),
                     hide_index=True, key="admin_people_counts")
        st.download_button(view.t("admin.people.export"),
                           data=privacy.person_json(record),
                           file_name=f"person-{eid}.json", mime="application/json", key="admin_people_export",
                           icon=":material/download:", on_click="ignore")
        st.markdown(f"##### {view.t('admin.people.erase.title')}")
        st.caption(view.t("admin.people.erase.caption"))
        sure = st.checkbox(view.t("admin.people.erase.confirm", id=context.md_escape(eid)), key=f"admin_erase_ok_{eid}")
        if st.button(view.t("admin.people.erase"), type="primary", disabled=not sure, key="admin_erase",
                     icon=":material/delete_forever:"):
            removed = privacy.erase_person(view.store, view.actor, eid)
            st.session_state.pop("admin_people_q", None)
            saved(view.t("admin.people.erased", n=sum(removed.values())), f"admin_erase_ok_{eid}")

# ---------------------------------------------------------------- settings
with settings_tab:
    current = settings.values(view.store.read())
    with st.form("admin_settings", enter_to_submit=False):
        chosen = {}
        for spec in settings.SETTINGS:
            chosen[spec.key] = st.number_input(
                view.t(f"settings.{spec.key}"), min_value=spec.minimum, max_value=spec.maximum,
                value=current[spec.key], step=1, key=f"admin_set_{spec.key}",
                help=view.t(f"settings.{spec.key}.help"))
        if st.form_submit_button(view.t("admin.settings.save"), type="primary", key="admin_settings_save"):
            try:
                changed = settings.save(view.store, view.actor, chosen)
            except settings.SettingsError as error:
                st.error(problem_text(error))
            else:
                saved(view.t("admin.settings.saved", n=len(changed)), "admin_set_")
    months = current["usage_retention_months"]
    st.markdown(f"##### {view.t('admin.retention.title')}")
    st.caption(view.t("admin.retention.caption", months=months) if months
               else view.t("admin.retention.off"))
    if months and st.button(view.t("admin.retention.apply"), key="admin_retention_apply",
                            icon=":material/auto_delete:"):
        gone = privacy.prune_usage(view.store, view.actor)
        saved(view.t("admin.retention.done", n=i18n.fmt_number(gone, lang)), "admin_retention_")
    licences_ui.idle_list_admin(view)
