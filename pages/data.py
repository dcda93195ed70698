"""Data: import the exports project leads have, see what will be read before anything is
written, undo an import, back up and restore, download tables and templates. Editors and
admins only (the audit log is on the Access & privacy page, for admins)."""
import errno
import hashlib
import itertools

import streamlit as st

from core import access, backup, i18n, importers, restore, usage
from core import store as store_mod
from core.importers import mapping as mapping_mod
from core.importers import templates
from core.importers.common import new_secret, store_secret
from core.importers.surveys import CONSTRUCTS
from ui import context, uploads
from ui import licences as licences_ui

view = context.current()
lang = view.lang
# The navigation lists this page for editors and admins only; refuse here too.
access.require(view.actor, "editor")
s = view.store
db = s.read()
MAX_SHOWN_ERRORS = 25

st.title(view.t("data.title"))
st.caption(view.t("data.intro"))

# A message from the previous run (an import or undo, followed by a rerun).
notice = st.session_state.pop("data_notice", None)
if notice:
    st.success(notice)


def kind_label(kind):
    return view.t(f"data.kind.{kind}") if kind else view.t("data.kind.auto")


def target_label(target):
    if f"data.field.{target}" in i18n.CATALOG:
        return view.t(f"data.field.{target}")
    if target in CONSTRUCTS:
        return view.t("data.construct", name=view.t(f"data.construct_name.{target}"))
    return view.t("data.question", code=target)



# ---------------------------------------------------------------- import
st.subheader(view.t("data.section.import"))
st.caption(view.t("data.privacy"))
uploads.share_upload_copies()
upload_key = f"data_upload_{st.session_state.get('data_upload_round', 0)}"
files = st.file_uploader(view.t("data.upload"), type=["csv", "txt", "xlsx", "xls", "json", "ndjson", "jsonl"],
                         accept_multiple_files=True, key=upload_key, help=view.t("data.upload.help"))
st.caption(view.t("data.upload.caption", mb=st.get_option("server.maxUploadSize")))
left, right = st.columns(2)
with left:
    # "usage" needs a column mapping: the mapping form offers it for a file no format fits.
    kind = st.selectbox(view.t("data.kind"), options=[None] + [k for k in importers.KINDS if k != "usage"],
                        format_func=kind_label, key="data_kind")
with right:
    wave = st.text_input(view.t("data.wave"), key="data_wave", help=view.t("data.wave.help"))

# One pseudonym key for every file of this session until the store has its own.
secret = store_secret(db) or st.session_state.setdefault("data_secret", new_secret())


def plan_for(upload, digest, mapping, date_order=None, columns=None, map_kind=None, map_name=None):
    key = (upload.name, digest, map_kind or kind, wave, tuple(sorted(mapping.items())), date_order,
           tuple(sorted((columns or {}).items())), map_name, view.version, secret)
    cache = st.session_state.setdefault("data_plans", {})
    if key not in cache:
        bar = st.progress(0.0, text=view.t("data.stage.read", file=context.md_escape(upload.name)))

        def report(fraction, stage):
            bar.progress(min(1.0, fraction),
                         text=view.t(f"data.stage.{stage}", file=context.md_escape(upload.name)))

        options = dict(kind=map_kind or kind, wave=wave or None, mapping=mapping, secret=secret, lang=lang,
                       date_order=date_order, columns=columns, mapping_name=map_name)
        if upload.size > importers.LARGE_UPLOAD:
            # A large file is read in a process of its own, from a temporary copy: the
            # server keeps what the preview shows, never the file's rows.
            spools = uploads.spools(st.session_state)
            if digest not in spools or not uploads.spooled(spools[digest]):
                spools[digest] = importers.spool(upload)
            try:
                cache[key] = importers.plan_in_worker(s.path, spools[digest], upload.name, progress=report,
                                                      **options)
            except importers.WorkerFailed as exc:
                bar.empty()
                used_spools.add(digest)
                errors = importers.Issues(upload.name)
                errors.append(exc.issue)
                return importers.Plan(filename=upload.name, kind=None, errors=errors)
        else:
            cache[key] = importers.plan_import(db, upload, upload.name, progress=report, **options)
        bar.empty()
    used.add(key)
    if upload.size > importers.LARGE_UPLOAD:
        used_spools.add(digest)
    return cache[key]


def field_label(kind_, field):
    if kind_ == "survey" and field in mapping_mod.ITEM_CODES:
        return view.t("data.question", code=field)
    if kind_ in templates.KINDS:
        return next((en if lang == "en" else nl) for f, nl, en, *_ in templates.SPECS[kind_] if f == field)
    return target_label(field)


def mapping_form(slug, headers, sample):
    """The column mapping of a file no importer knows: ``(kind, {field: column}, name)``, or
    ``None`` while a required field has no column yet."""
    st.info(view.t("data.mapping.offer"))
    if sample:
        st.caption(view.t("data.mapping.sample"))
        st.dataframe([dict(zip(headers, r)) for r in sample], hide_index=True, width="stretch",
                     key=f"colsample_{slug}")
    kinds = list(mapping_mod.kinds())
    map_kind = st.selectbox(view.t("data.mapping.kind"), options=kinds, format_func=kind_label,
                            key=f"colkind_{slug}")
    columns = {}
    grid = st.columns(2)
    for i, (field, required) in enumerate(mapping_mod.fields(map_kind)):
        label = view.t("data.mapping.required" if required else "data.mapping.field",
                       field=field_label(map_kind, field))
        picked = grid[i % 2].selectbox(label, options=[None] + list(headers), index=None,
                                       format_func=lambda c: view.t("data.mapping.none") if c is None else c,
                                       key=f"colmap_{slug}_{map_kind}_{field}")
        if picked:
            columns[field] = picked
    name = st.text_input(view.t("data.mapping.name"), key=f"colname_{slug}", max_chars=mapping_mod.NAME_MAX)
    needed = [f for f, req in mapping_mod.fields(map_kind) if req]
    if not columns or any(f not in columns for f in needed):
        return None
    return map_kind, columns, name.strip() or None


def stored_rows(plan):
    """The first rows of a mapped plan as they would be stored (usage: pseudonym, day, tool,
    actions; otherwise the first records)."""
    usage = plan.records.get("usage")
    if usage:
        rows = list(itertools.islice(iter(usage), 5))
        return [{view.t("data.field.person"): p, view.t("data.field.day"): d,
                 view.t("data.field.tool"): t, view.t("data.field.actions"): a} for p, d, t, a, _ in rows]
    for key_ in ("staff", "trainings", "training_requests", "suggestions", "measurements",
                 "stakeholder_assessments"):
        if plan.records.get(key_):
            return [{k: v for k, v in r.items() if k not in ("attendees",)}
                    for r in plan.records[key_][:5]]
    wave_ = plan.records.get("wave")
    if wave_:
        return [{"respondent": r["respondent"], **{c: v if t is None else t for c, v, t in r["answers"]}}
                for r in wave_["respondents"][:5]]
    return []


# Only the plans of the files now in the uploader stay cached: a removed file's preview
# (a million rows) is dropped at the next run, not kept for the session.
used = set()
used_spools = set()
plans = []
to_save = []
for n, upload in enumerate(files or []):
    slug = hashlib.sha1(upload.name.encode()).hexdigest()[:8]
    mapping = {k[len(f"map_{slug}_"):]: v for k, v in st.session_state.items()
               if isinstance(k, str) and k.startswith(f"map_{slug}_") and v}
    # The upload is read where Streamlit holds it, piece by piece (no copy of a 190 MB file).
    digest = importers.fingerprint(upload)
    date_order = st.session_state.get(f"date_order_{slug}")
    plan = plan_for(upload, digest, mapping, date_order)
    mapped = None
    if plan.kind is None and plan.headers and not kind:
        with st.container(border=True, key=f"mapping_{n}"):
            st.markdown(f"**{context.md_escape(plan.filename)}**")
            mapped = mapping_form(slug, plan.headers, plan.sample)
        if mapped:
            plan = plan_for(upload, digest, mapping, date_order, columns=mapped[1], map_kind=mapped[0],
                            map_name=mapped[2])
            if mapped[2]:
                to_save.append((plan, mapped))
    plans.append(plan)
    if plan.kind is None and plan.headers and not kind and not mapped:
        continue        # the mapping form above is the way forward; nothing to preview yet
    with st.container(border=True, key=f"preview_{n}"):
        st.markdown(f"**{context.md_escape(plan.filename)}**")
        if plan.kind:
            st.caption(view.t("data.preview.detected", kind=kind_label(plan.kind),
                              rows=i18n.fmt_number(plan.rows, lang)))
        else:
            st.caption(view.t("data.preview.unknown"))
        if plan.mapping and plan.mapping["saved"]:
            st.caption(view.t("data.mapping.applied", name=context.md_escape(plan.mapping["name"])))
        choices = importers.date_choices(plan, lang)
        if choices or st.session_state.get(f"date_order_{slug}"):
            # The file cannot tell day-month from month-day: the user says which it is.
            labels = dict(choices) or {o: view.t(f"data.date_order.{o}") for o in ("dmy", "mdy")}
            st.radio(view.t("data.date_question", column=(plan.date_question or plan.date_reading or {})
                            .get("column", "")),
                     options=list(labels), format_func=labels.get, index=None,
                     key=f"date_order_{slug}", horizontal=True)
        reading = importers.describe_date_reading(plan, lang)
        if reading:
            st.caption(context.md_escape(reading))
        if plan.errors and not (choices and len(plan.errors) == 1):
            shown = plan.messages(lang)[:MAX_SHOWN_ERRORS]
            st.error(view.t("data.preview.errors", n=len(plan.errors)) + "\n\n"
                     + "\n".join(f"- {context.md_escape(m)}" for m in shown))
            if len(plan.errors) > MAX_SHOWN_ERRORS or plan.errors.truncated:
                st.caption(view.t("data.preview.more_errors", n=MAX_SHOWN_ERRORS))
        for key, params in plan.warnings:
            shown = dict(params, **({"department": i18n.department_label(params["department"], lang)}
                                    if "department" in params else {}))
            st.warning(view.t(f"data.warn.{key}", **{k: context.md_escape(v) if isinstance(v, str) else v
                                                     for k, v in shown.items()}))
        if plan.ok:
            summary = plan.summary
            if "wave" in summary:
                what = view.t("data.preview.wave", wave=summary["wave"],
                              date=i18n.fmt_date(summary["held_on"], lang), n=summary["respondents"])
                st.caption(view.t("data.preview.items", n=len(summary.get("items", [])),
                                  items=", ".join(summary.get("items", []))))
            elif "users" in summary:
                what = view.t("data.preview.usage", users=i18n.fmt_number(summary["users"], lang),
                              rows=i18n.fmt_number(importers.record_count(plan, "usage"), lang))
            else:
                what = view.t("data.preview.rows", n=i18n.fmt_number(summary.get("rows", plan.rows), lang))
            st.info(view.t("data.preview.ok", what=what))
            if mapped:
                st.caption(view.t("data.mapping.stored"))
                st.dataframe(stored_rows(plan), hide_index=True, width="stretch", key=f"colstored_{n}")
        if plan.mapped:
            with st.expander(view.t("data.preview.mapped") + f" ({i18n.fmt_count(len(plan.mapped), lang)})"):
                st.dataframe(
                    {view.t("data.preview.column"): [c for c, _ in plan.mapped],
                     view.t("data.preview.target"): [target_label(t) for _, t in plan.mapped]},
                    hide_index=True, width="stretch", key=f"mapped_{n}")
        if plan.kind in importers.SURVEY_KINDS:
            for column in plan.unmapped + [c for c in mapping if c not in plan.unmapped]:
                st.selectbox(view.t("data.preview.map_label", column=column),
                             options=[None] + CONSTRUCTS, key=f"map_{slug}_{column}",
                             format_func=lambda c: view.t("data.preview.leave_out") if c is None
                             else view.t(f"data.construct_name.{c}"))

# The page's globals outlive the run (its widgets' format functions refer to them): hold no
# upload there, or a removed 190 MB file stays in the server's memory (plans: see below).
files = upload = None
stale = set(st.session_state.get("data_plans", {})) - used
for key in stale:
    del st.session_state["data_plans"][key]
if stale:
    importers.release_memory()
# The temporary copies of large uploads no longer in the uploader go too.
uploads.drop_spools(uploads.spools(st.session_state), keep=used_spools)

if plans:
    ready = all(p.ok for p in plans)
    if not ready:
        st.caption(view.t("data.import.none_valid"))
    if st.button(view.t("data.import"), type="primary", disabled=not ready, key="data_import"):
        bar = st.progress(0.0, text=view.t("data.stage.backup", file=context.md_escape(plans[0].filename)))
        try:
            if any(isinstance(p, importers.Preview) for p in plans):
                # A large file's rows are read again, and written, in a process of its own:
                # the same backup first and one transaction, through Store.write.
                def report(fraction, stage):
                    bar.progress(min(1.0, fraction),
                                 text=view.t(f"data.stage.{stage}", file=context.md_escape(plans[0].filename)))
                importers.import_in_worker(s.path, plans, view.actor, progress=report,
                                           saves=[(map_name, map_kind, columns, plan.headers)
                                                  for plan, (map_kind, columns, map_name) in to_save])
            else:
                # One backup of the state before, then every file joins one transaction: all
                # land, or none.
                importers.backup_before_import(s)
                with s.write(view.actor):
                    # A named mapping is kept with the import, for the next file of these columns.
                    for plan, (map_kind, columns, map_name) in to_save:
                        mapping_mod.save(s, map_name, map_kind, columns, plan.headers, actor=view.actor)
                    for i, plan in enumerate(plans):
                        def report(fraction, stage, i=i, plan=plan):
                            bar.progress(min(1.0, (i + fraction) / len(plans)),
                                         text=view.t(f"data.stage.{stage}", file=context.md_escape(plan.filename)))
                        importers.apply_import(s, plan, actor=view.actor, progress=report, backup=False)
        except (importers.ImportError_, importers.WorkerFailed) as exc:
            bar.empty()
            st.error(view.t("data.import.failed", message=context.md_escape(exc.issue.message(lang))))
        except mapping_mod.MappingProblem as exc:
            bar.empty()
            st.error(view.t(f"data.map_error.{exc.code}", column=context.md_escape(str(exc.column or ""))))
        else:
            st.session_state["data_notice"] = view.t(
                "data.import.done", files=", ".join(context.md_escape(p.filename) for p in plans))
            st.session_state["data_upload_round"] = st.session_state.get("data_upload_round", 0) + 1
            st.session_state.pop("data_plans", None)
            uploads.drop_spools(uploads.spools(st.session_state))
            st.rerun()

# As for the uploads above: no plan (a million rows) stays behind in the page's globals.
plan = plans = to_save = mapped = None

# ---------------------------------------------------------------- saved mappings
saved_maps = mapping_mod.saved(db)
if saved_maps:
    with st.expander(view.t("data.mapping.section") + f" ({i18n.fmt_count(len(saved_maps), lang)})", key="data_mappings"):
        st.dataframe(
            {view.t("data.mapping.pick"): [m["name"] for m in saved_maps],
             view.t("data.mapping.kind"): [
                 view.t("data.mapping.kind_of", kind=kind_label(m["kind"]),
                        columns=", ".join(f"{k}={v}" for k, v in m["fields"].items())) for m in saved_maps]},
            hide_index=True, width="stretch", key="data_mappings_table")
        by_map = {m["id"]: m for m in saved_maps}
        pick_map = st.selectbox(view.t("data.mapping.pick"), options=list(by_map),
                                format_func=lambda i: by_map[i]["name"], key="data_mapping_pick")
        new_name = st.text_input(view.t("data.mapping.new_name"), key="data_mapping_name",
                                 max_chars=mapping_mod.NAME_MAX)
        left, right = st.columns(2)
        try:
            if left.button(view.t("data.mapping.rename"), key="data_mapping_rename", disabled=not new_name.strip()):
                mapping_mod.rename(s, pick_map, new_name, actor=view.actor)
                st.session_state["data_notice"] = view.t("data.mapping.renamed", name=new_name.strip())
                st.session_state.pop("data_mapping_name", None)
                st.rerun()
            if right.button(view.t("data.mapping.delete"), key="data_mapping_delete"):
                mapping_mod.delete(s, pick_map, actor=view.actor)
                st.session_state["data_notice"] = view.t("data.mapping.deleted", name=by_map[pick_map]["name"])
                st.rerun()
        except mapping_mod.MappingProblem as exc:
            st.error(view.t(f"data.map_error.{exc.code}", column=context.md_escape(str(exc.column or ""))))

# ---------------------------------------------------------------- history and undo
st.subheader(view.t("data.section.history"))
batches = importers.history(db)
if not batches:
    st.caption(view.t("data.history.empty"))
else:
    st.dataframe(
        {
            "#": [b["id"] for b in batches],
            view.t("data.history.when"): [i18n.fmt_datetime(b["imported_at"], lang) for b in batches],
            view.t("data.history.file"): [b["filename"] for b in batches],
            view.t("data.history.kind"): [kind_label(b["kind"]) if b["kind"] in importers.KINDS
                                          else b["kind"] for b in batches],
            view.t("data.history.rows"): [b["rows"] for b in batches],
            view.t("data.history.by"): [b["imported_by"] for b in batches],
            view.t("data.history.status"): [view.t(f"data.status.{b['status']}") for b in batches],
        },
        hide_index=True, width="stretch", key="data_history",
    )
    # An editor undoes their own imports; an admin any import.
    done = [b for b in batches if b["status"] == "done"
            and (view.actor.can("admin") or b["imported_by"] == view.actor.name)]
    if not view.actor.can("admin"):
        st.caption(view.t("data.undo.own_only"))
    if done:
        by_id = {b["id"]: b for b in done}
        pick = st.selectbox(view.t("data.undo.pick"), options=list(by_id), key="data_undo_pick",
                            format_func=lambda i: view.t("data.undo.option", id=i, file=by_id[i]["filename"],
                                                         when=i18n.fmt_datetime(by_id[i]["imported_at"], lang)))
        sure = st.checkbox(view.t("data.undo.confirm"), key="data_undo_confirm")
        if st.button(view.t("data.undo"), disabled=not sure, key="data_undo"):
            try:
                importers.undo_batch(s, pick, actor=view.actor)
            except importers.ImportError_ as exc:
                st.error(context.md_escape(exc.issue.message(lang)))
            else:
                st.session_state["data_notice"] = view.t("data.undo.done", id=pick)
                st.session_state.pop("data_undo_confirm", None)
                st.rerun()

# Usage exports older than the current picture (core/usage.py: current sources only).
stale = usage.stale_sources(db)
if stale:
    st.markdown(f"##### {view.t('sources.stale.title')}")
    st.caption(view.t("sources.stale.intro", date=i18n.fmt_date(usage.last_day(db), lang)))
    st.dataframe({
        view.t("sources.stale.file"): [x["filename"] for x in stale],
        view.t("sources.stale.kind"): [kind_label(x["kind"]) for x in stale],
        view.t("sources.stale.period"): [f"{i18n.fmt_date(x['first'], lang)} – "
                                         f"{i18n.fmt_date(x['last'], lang)}" for x in stale],
        view.t("sources.stale.people"): [i18n.fmt_number(x["people"], lang) for x in stale],
    }, hide_index=True, width="stretch", key="data_stale_sources")

# ---------------------------------------------------------------- backups
st.subheader(view.t("data.section.backups"))
st.caption(view.t("data.backups.caption"))


def reason_label(reason):
    key = f"data.backup_reason.{reason or 'none'}"
    return view.t(key) if key in i18n.CATALOG else reason


def size_label(size):
    if size >= 1024 * 1024:
        return view.t("data.backups.mb", n=i18n.fmt_number(size / (1024 * 1024), lang, digits=1))
    return view.t("data.backups.kb", n=i18n.fmt_number(size / 1024, lang))


saved = backup.list_backups(s.path)
if not saved:
    st.caption(view.t("data.backups.empty"))
else:
    st.dataframe(
        {
            view.t("data.backups.when"): [i18n.fmt_datetime(b["taken_at"], lang) for b in saved],
            view.t("data.backups.reason"): [reason_label(b["reason"]) for b in saved],
            view.t("data.backups.size"): [size_label(b["size"]) for b in saved],
        },
        hide_index=True, width="stretch", key="data_backups",
    )
if st.button(view.t("data.backups.now"), key="data_backup_now", icon=":material/backup:"):
    try:
        made = backup.backup(s.path, reason="manual", keep=store_mod.keep_backups(db))
    except backup.StoreProblem as problem:
        st.error(view.t(f"damaged.{problem.code}", path=s.path.name))
    else:
        st.session_state["data_notice"] = view.t("data.backups.made", name=made.name)
        st.rerun()
# Restoring replaces the whole store: admins only.
if saved and view.actor.can("admin"):
    by_stamp = {b["stamp"]: b for b in saved}
    chosen = st.selectbox(
        view.t("data.restore.pick"), options=list(by_stamp), key="data_restore_pick",
        format_func=lambda k: view.t("data.restore.option", when=i18n.fmt_datetime(by_stamp[k]["taken_at"], lang),
                                     reason=reason_label(by_stamp[k]["reason"])))
    try:
        losses = restore.describe_losses(restore.restore_losses(s.path, by_stamp[chosen]["path"]), lang)
    except backup.StoreProblem as problem:
        st.error(view.t(f"damaged.{problem.code}", path=by_stamp[chosen]["path"].name))
        losses = None
    if losses:
        st.text("\n".join(losses))
    sure = st.checkbox(view.t("data.restore.confirm"), key="data_restore_confirm",
                       disabled=losses is None)
    if st.button(view.t("data.restore"), disabled=not sure, key="data_restore"):
        picked = by_stamp[chosen]
        try:
            kept = restore.restore(s.path, picked["path"], actor=view.actor)
        except backup.StoreProblem as problem:
            st.error(view.t("data.restore.failed",
                            detail=view.t(f"damaged.{problem.code}", path=picked["path"].name)))
        except access.PermissionDenied:
            st.error(view.t("data.restore.failed", detail=view.t("data.restore.denied")))
        except OSError as exc:
            full = exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
            st.error(view.t("data.restore.failed", detail=view.t("data.restore.disk_full") if full
                            else view.t("data.restore.file_error")))
        else:
            st.cache_data.clear()
            st.session_state.pop("data_plans", None)
            st.session_state.pop("data_restore_confirm", None)
            when = i18n.fmt_datetime(picked["taken_at"], lang)
            st.session_state["data_notice"] = (
                view.t("data.restore.done", when=when, kept=kept.name) if kept
                else view.t("data.restore.done_nothing_kept", when=when))
            st.rerun()

# ---------------------------------------------------------------- downloads
left, right = st.columns(2)
with left:
    st.subheader(view.t("data.section.download"))
    table = st.selectbox(view.t("data.download.table"), options=list(importers.EXPORT_TABLES),
                         format_func=lambda t: view.t(f"data.table.{t}"), key="data_table")
    st.download_button(view.t("data.download.button"), data=lambda: importers.table_csv(db, table),
                       file_name=f"{table}.csv", mime="text/csv", key="data_download",
                       icon=":material/download:", on_click="ignore")
    st.caption(view.t("data.download.caption"))
with right:
    st.subheader(view.t("data.section.templates"))
    template = st.selectbox(view.t("data.templates.pick"), options=list(templates.KINDS),
                            format_func=kind_label, key="data_template")
    cols = st.columns(2)
    with cols[0]:
        st.download_button(view.t("data.templates.csv"), data=templates.template_csv(template, lang),
                           file_name=f"{template}_{lang}.csv", mime="text/csv", key="data_template_csv",
                           icon=":material/download:", on_click="ignore")
    with cols[1]:
        st.download_button(
            view.t("data.templates.xlsx"), data=templates.template_xlsx(template, lang),
            file_name=f"{template}_{lang}.xlsx", key="data_template_xlsx", icon=":material/download:",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
    st.caption(view.t("data.templates.caption"))

# ---------------------------------------------------------------- licences (core/licences/)
licences_ui.editor(view)
