"""Importers: the files project leads already have, checked row by row, written all or nothing.

``plan_import`` reads a file, recognises its format from the headers (``kind`` overrides),
validates every row and returns a ``Plan`` — the preview — without touching the store.
``apply_import`` writes a valid plan in ONE ``store.write`` transaction with an
``import_batches`` row and ``batch_id`` on every row it adds; ``undo_batch`` removes
exactly that batch's rows and restores the rows it changed (``import_changes``).

E-mail addresses and UPNs are never stored: they become keyed pseudonyms (HMAC-SHA256 with
a secret kept per store in the settings table, made on the first import).
"""
import contextlib
import dataclasses
import datetime as dt
import gc
import itertools
import json
import logging
import os
import sys

from core import access, validate
from core import backup as backup_mod
from core import store as store_mod
from core.importers import (chatgpt, claude, forms, github_copilot, google_forms, limesurvey,
                            m365_copilot, qualtrics, survey_any, surveymonkey, templates, usage_any,
                            viva)
from core.importers import mapping as mapping_mod
from core.importers.common import (SECRET_KEY, UNKNOWN_DEPARTMENT, Issue, Issues, Plan,
                                   UsageRows, new_secret, pseudonym, store_secret)
from core.importers.reader import ReadError, normalize, read_table

FORMATS = {m.KIND: m for m in (m365_copilot, chatgpt, viva, github_copilot, claude, forms, google_forms,
                               qualtrics, limesurvey, surveymonkey, survey_any, usage_any)}
KINDS = tuple(FORMATS) + templates.KINDS
SURVEY_KINDS = ("forms", "google_forms", "qualtrics", "limesurvey", "surveymonkey", "survey")
USAGE_KINDS = ("m365_copilot", "chatgpt", "viva", "github_copilot", "claude", "usage")
WIDE_KINDS = ("surveymonkey",)
CHUNK = 8000     # rows per statement: 4 parameters each stays below SQLite's 32,766
WRITE_CHUNK = 50_000    # usage rows per executemany, between two progress reports
IMPORT_CACHE_KB = 64 * 1024     # SQLite's page cache during an import, KiB (see _big_cache)

__all__ = ["KINDS", "Plan", "Issue", "detect", "read_table", "plan_import", "apply_import",
           "undo_batch", "backup_before_import", "holds_data", "release_memory", "fingerprint",
           "describe_date_reading", "date_choices", "pseudonym", "ImportError_",
           "templates", "LARGE_UPLOAD", "Preview", "WorkerFailed", "record_count", "spool",
           "plan_in_worker", "import_in_worker"]

_log = logging.getLogger(__name__)


class ImportError_(Exception):
    """An import or undo that cannot be done; ``issue`` holds the translated message."""

    def __init__(self, issue):
        super().__init__(issue.code)
        self.issue = issue


def detect(headers):
    """Return the format whose headers these are (a kind in ``KINDS``), or ``None``."""
    h = [normalize(x) for x in headers]
    scores = {kind: m.detect(h) for kind, m in FORMATS.items()}
    scores.update({kind: templates.detect(kind, h) for kind in templates.KINDS})
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None


@contextlib.contextmanager
def _bulk():
    """Hold off the cyclic garbage collector while a file's millions of cells are made.

    None of them form cycles, yet each full collection walks them all again: with the
    collector on, reading a million rows takes several times as long.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        # pyarrow's allocator keeps what a big CSV read freed, for later reads; give it back,
        # so one preview of a million rows does not hold ~70 MB for the life of the server.
        arrow = sys.modules.get("pyarrow")
        if arrow is not None:
            arrow.default_memory_pool().release_unused()


def fingerprint(stream):
    """SHA-256 of a binary file object's content, read in pieces (an upload is never copied
    whole: a buffer view of it would be)."""
    import hashlib

    digest = hashlib.sha256()
    stream.seek(0)
    while piece := stream.read(1 << 20):
        digest.update(piece)
    stream.seek(0)
    return digest.hexdigest()


def release_memory():
    """Hand memory freed by a large preview back to the system (pyarrow's pool, glibc's
    heap), so a server returns near its baseline once the file is gone."""
    arrow = sys.modules.get("pyarrow")
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _step(progress, fraction, stage):
    if progress:
        progress(fraction, stage)


def plan_import(db, source, filename=None, kind=None, wave=None, mapping=None, secret=None,
                lang="nl", progress=None, date_order=None, columns=None, mapping_name=None):
    """Read and validate one file; return the ``Plan`` a preview shows. Writes nothing.

    :param db: a (read) connection to the store, to check names against it.
    :param source: a path, or the file's bytes (then give ``filename``).
    :param kind: force a format instead of detecting it.
    :param wave: name of the survey wave (default: ``Pulse YYYY-MM`` from the responses).
    :param mapping: ``{column: construct or None}`` for non-standard survey columns.
    :param secret: the pseudonym key; default the store's, or a new one (kept by apply).
    :param progress: optional ``fn(fraction, stage)``, stage ``read`` or ``check``.
    :param date_order: ``dmy``, ``mdy`` or ``ymd``: how to read dates that fit both day/month
        orders (the user's answer to ``plan.date_question``); wins over what the file suggests.
    :param columns: a column mapping ``{field: column}`` for ``kind`` (``mapping`` module),
        for a file no importer recognises; without it a saved mapping whose header
        signature matches the file's is applied (``plan.mapping`` says which).
    :param mapping_name: the mapping's name (a usage file without a tool column: the tool).
    """
    with _bulk():
        plan = _plan(db, source, filename, kind, wave, mapping, secret, lang, progress, date_order,
                     columns, mapping_name)
    _step(progress, 1.0, "check")
    return plan


def _accept(kind):
    """``read_table``'s question: read on (``"wide"`` for a format with a second header row
    whose columns run past the first's), or stop at the header of an unknown format."""
    if kind is None:
        return False
    return "wide" if kind in WIDE_KINDS else True


def _saved_mapping(db, headers):
    try:
        return mapping_mod.for_headers(db, headers)
    except Exception as exc:        # a store from before migration 0011 (read-only, old)
        if "no such table" in str(exc):
            return None
        raise


def _plan(db, source, filename, kind, wave, mapping, secret, lang, progress, date_order=None,
          columns=None, mapping_name=None):
    filename = filename or (getattr(source, "name", None) or str(source))[-200:]
    if not isinstance(source, (bytes, bytearray)):
        filename = str(filename).replace("\\", "/").rsplit("/", 1)[-1]
    plan = Plan(filename=filename, kind=None)
    issues = Issues(filename)
    plan.errors = issues
    plan.secret = secret or store_secret(db) or new_secret()
    _step(progress, 0.0, "read")
    try:
        # A file whose header is no known format (and no saved mapping) is not read further.
        found_mapping = {}

        def accept(h):
            if columns or kind:
                return _accept(kind or "usage")
            if detect(h):
                return _accept(detect(h))
            saved = _saved_mapping(db, h)
            if saved:
                found_mapping.update(saved)
            return _accept(saved and saved["kind"])

        table = read_table(source, filename, accept=accept)
    except ReadError as exc:
        if exc.code in ("line_too_long", "field_too_long", "bad_json"):
            issues.add(f"file_{exc.code}", row=exc.value)
        else:
            issues.add(f"file_{exc.code}", value=exc.value)
        return plan
    plan.rows = len(table)
    if table.encoding is not None and table.encoding.mixed:
        lines = table.encoding.cp1252_lines
        plan.warnings.append(("mixed_encoding", {"rows": ", ".join(map(str, lines[:10]))
                                                 + (" …" if len(lines) > 10 else ""), "n": len(lines)}))
    plan.headers, plan.sample = list(table.headers), table.sample
    if columns is None and found_mapping and not kind:
        kind, columns = found_mapping["kind"], found_mapping["fields"]
        mapping_name = found_mapping["name"]
    if columns:
        kind = kind or "usage"
        try:
            mapping_mod.check(kind, columns, table.headers)
        except mapping_mod.MappingProblem as exc:
            plan.kind = kind
            issues.add(f"map_{exc.code}", row=1, column=str(exc.column or ""), value=exc.column)
            return plan
        plan.mapping = {"name": mapping_name, "kind": kind, "fields": dict(columns),
                        "saved": bool(found_mapping)}
        original = list(table.headers)
        table.headers = mapping_mod.apply(kind, columns, table.headers)
        # Messages and the preview name the file's own columns, not the names they were mapped to.
        issues.columns = {new: old for new, old in zip(table.headers, original) if new and new != old}
    found = kind or detect(table.headers)
    if found not in KINDS:
        issues.add("unknown_format", row=1, value=", ".join(table.headers[:6]), expected="formats")
        return plan
    plan.kind = found
    if not len(table):
        issues.add("file_no_rows", row=2)
        return plan
    _step(progress, 0.4, "check")
    options = {"wave": wave, "mapping": mapping or {}, "lang": lang, "date_order": date_order,
               "tool": mapping_name}
    try:
        if found in templates.KINDS:
            result = templates.parse(found, table, issues, plan.secret, options)
        else:
            result = FORMATS[found].parse(table, issues, plan.secret, options)
    except (ValueError, TypeError, IndexError, KeyError, OverflowError) as exc:
        # A layout no rule foresaw: refuse it with a message, never a traceback.
        issues.add("unreadable", value=type(exc).__name__)
        return plan
    finally:
        plan.date_question = issues.notes.get("date_question")
        if "date_reading" in issues.notes:
            column, reading = issues.notes["date_reading"]
            plan.date_reading = {"column": column, "order": reading.order, "why": reading.why,
                                 "n": reading.n, "first": reading.first, "last": reading.last}
    if result is None:
        if not issues:
            issues.add("unreadable", value="")
        return plan
    plan.records, plan.mapped, plan.unmapped, plan.summary = result
    if issues.columns:
        plan.mapped = [(issues.columns.get(c, c), t) for c, t in plan.mapped]
    _check_against_store(db, plan, issues)
    _warnings(db, plan)
    plan.rows = plan.summary.get("rows_read", plan.rows)
    return plan


def describe_date_reading(plan, lang):
    """The preview's sentence on how an undecided day/month column was read, or ``None``."""
    from core import i18n

    r = plan.date_reading
    if not r or r["why"] not in ("spread", "future", "given") or r["first"] is None:
        return None
    other = {"dmy": "mdy", "mdy": "dmy"}.get(r["order"], "dmy")
    return i18n.t(f"data.date_reading.{r['why']}", lang, column=r["column"], n=i18n.fmt_number(r["n"], lang),
                  order=i18n.t(f"data.date_order.{r['order']}", lang),
                  other=i18n.t(f"data.date_order.{other}", lang),
                  first=i18n.fmt_date(r["first"], lang), last=i18n.fmt_date(r["last"], lang))


def date_choices(plan, lang):
    """``[(order, label)]`` for a plan whose dates the user must decide (else ``[]``):
    each reading with the file's first undecided value read that way."""
    from core import i18n

    q = plan.date_question
    if not q:
        return []
    value = next((e.value for e in plan.errors if e.code == "ambiguous_date"), "")
    return [(order, i18n.t("data.date_question.option", lang, order=i18n.t(f"data.date_order.{order}", lang),
                           value=value, example=i18n.fmt_date(day, lang)))
            for order, day in q["examples"].items()]


def _check_against_store(db, plan, issues):
    wave = plan.records.get("wave")
    if wave:
        if not wave["respondents"]:
            issues.add("no_responses", expected="items")
        elif db.execute("SELECT 1 FROM surveys WHERE name = ?", [wave["name"]]).fetchone():
            issues.add("wave_exists", value=wave["name"], expected="new_wave_name")
    for m in plan.records.get("measurements", []):
        if not m["unit"] and not db.execute("SELECT 1 FROM use_cases WHERE name = ?",
                                            [m["use_case"]]).fetchone():
            issues.add("unknown_use_case", value=m["use_case"], expected="unit_for_new")
            break


def _warnings(db, plan):
    warn = plan.warnings
    if plan.unmapped:
        key = "unmapped_items" if plan.kind in SURVEY_KINDS else "unmapped_columns"
        warn.append((key, {"columns": ", ".join(f"'{c}'" for c in plan.unmapped[:12]),
                           "n": len(plan.unmapped)}))
    if plan.summary.get("dropped"):
        warn.append(("dropped_rows", {"n": plan.summary["dropped"]}))
    people = plan.records.get("employees") or []
    if people:
        ids = [p["id"] for p in people]
        known = set()
        for i in range(0, len(ids), 900):
            part = ids[i:i + 900]
            known |= {r[0] for r in db.execute(
                f"SELECT id FROM employees WHERE id IN ({','.join('?' * len(part))})", part)}
        new = [p for p in people if p["id"] not in known and not p.get("department")]
        if new:
            warn.append(("new_people", {"n": len(new), "department": UNKNOWN_DEPARTMENT}))


# ---------------------------------------------------------------- writing

def _now():
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _track(db, batch_id, table, key, before):
    db.execute("INSERT INTO import_changes (batch_id, tbl, key, before) VALUES (?, ?, ?, ?)",
               [batch_id, table, json.dumps(key, ensure_ascii=False),
                None if before is None else json.dumps(before, ensure_ascii=False)])


def _ensure_department(db, batch_id, name):
    if not db.execute("SELECT 1 FROM departments WHERE name = ?", [name]).fetchone():
        db.execute("INSERT INTO departments (name) VALUES (?)", [name])
        _track(db, batch_id, "departments", [name], None)


EMPLOYEE_COLUMNS = ("display_name", "department", "level", "segment", "segment_source",
                    "start_date", "licensed_from", "licensed_to", "batch_id")


def _employee(db, pid):
    row = db.execute(f"SELECT {', '.join(EMPLOYEE_COLUMNS)} FROM employees WHERE id = ?",
                     [pid]).fetchone()
    return None if row is None else dict(zip(EMPLOYEE_COLUMNS, row))


def _upsert_people(db, batch_id, people):
    """``_upsert_person`` for each of ``people`` in turn, with one query for who the store
    knows and one insert for the people new to it (a usage file names thousands)."""
    known = {}
    ids = list(dict.fromkeys(p["id"] for p in people))
    for i in range(0, len(ids), 100_000):
        known.update((r[0], dict(zip(EMPLOYEE_COLUMNS, r[1:]))) for r in db.execute(
            f"SELECT id, {', '.join(EMPLOYEE_COLUMNS)} FROM employees "
            "WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids[i:i + 100_000])]))
    departments = {r[0] for r in db.execute("SELECT name FROM departments")}
    pending = []

    def flush():
        db.conn.executemany(
            "INSERT INTO employees (id, display_name, department, level, licensed_from, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?)", pending)
        pending.clear()

    for p in people:
        if p["id"] in known:
            if pending:
                flush()
            _upsert_person(db, batch_id, p, known[p["id"]])
            known[p["id"]] = _employee(db, p["id"])
            continue
        dept = p.get("department") or UNKNOWN_DEPARTMENT
        if dept not in departments:
            _ensure_department(db, batch_id, dept)
            departments.add(dept)
        row = (p["id"], p.get("display_name"), dept, p.get("level") or "employee",
               p.get("licensed_from"), batch_id)
        pending.append(row)
        known[p["id"]] = dict(dict.fromkeys(EMPLOYEE_COLUMNS), display_name=row[1], department=dept,
                              level=row[3], licensed_from=row[4], batch_id=batch_id)
    if pending:
        flush()


def _upsert_person(db, batch_id, p, old=False):
    """A person seen in a usage file or template: add them, or fill in what the store lacks.

    :param old: their ``employees`` row as ``_employee`` gives it, when the caller has it.
    """
    if old is False:
        old = _employee(db, p["id"])
    if old is None:
        dept = p.get("department") or UNKNOWN_DEPARTMENT
        _ensure_department(db, batch_id, dept)
        db.execute(
            "INSERT INTO employees (id, display_name, department, level, licensed_from, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [p["id"], p.get("display_name"), dept, p.get("level") or "employee",
             p.get("licensed_from"), batch_id])
        return
    new = {}
    if p.get("licensed_from") and (old["licensed_from"] is None or p["licensed_from"] < old["licensed_from"]):
        if old["licensed_to"] is None or old["licensed_to"] >= p["licensed_from"]:
            new["licensed_from"] = p["licensed_from"]
    if p.get("department") and old["department"] == UNKNOWN_DEPARTMENT:
        _ensure_department(db, batch_id, p["department"])
        new["department"] = p["department"]
    if p.get("display_name") and not old["display_name"]:
        new["display_name"] = p["display_name"]
    if new:
        _track(db, batch_id, "employees", [p["id"]], old)
        db.execute(f"UPDATE employees SET {', '.join(f'{k} = ?' for k in new)} WHERE id = ?",
                   list(new.values()) + [p["id"]])


def _upsert_staff(db, batch_id, s):
    """A staff-list row: the list is the authority on department, level and segment."""
    _ensure_department(db, batch_id, s["department"])
    old = _employee(db, s["id"])
    values = {k: s[k] for k in ("department", "level", "segment", "licensed_from", "licensed_to",
                                "start_date")}
    values["segment_source"] = "assessed" if s["segment"] else None
    if s.get("display_name"):
        values["display_name"] = s["display_name"]
    if old is None:
        values.update(id=s["id"], batch_id=batch_id)
        db.execute(f"INSERT INTO employees ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                   list(values.values()))
        return
    if old["segment"] and not s["segment"]:
        values.pop("segment"), values.pop("segment_source")
    if old["licensed_from"] and not s["licensed_from"]:
        values.pop("licensed_from")
    if all(old.get(k) == v for k, v in values.items()):
        return
    _track(db, batch_id, "employees", [s["id"]], old)
    db.execute(f"UPDATE employees SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
               list(values.values()) + [s["id"]])


UPSERT_USAGE = """
    INSERT INTO usage_daily (employee_id, day, tool, actions, minutes, batch_id)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (employee_id, day, tool) DO UPDATE SET
        actions = excluded.actions, minutes = excluded.minutes, batch_id = excluded.batch_id
    WHERE excluded.actions > usage_daily.actions
"""


GROUP_ROWS = 250_000    # usage rows written and rolled up at a time (whole people per group)


def _write_usage(db, batch_id, rows, progress):
    """Upsert daily usage: a (person, day, tool) row keeps the larger action count.

    The batch's rows are taken in key order, a group of whole people at a time (about
    ``GROUP_ROWS`` rows, so memory does not grow with the file), all in the caller's one
    transaction. Per group, first the store's rows of those people in the ISO weeks the
    batch touches are read (one index range per person: none for people new to the store).
    A row the batch raises is remembered in ``import_changes`` (its earlier actions, minutes
    and batch) so an undo can put it back; a row it would not raise stays the earlier
    batch's and is not written; a key the store lacks is added with this ``batch_id`` (an
    undo deletes it). The usage rollups of those people and weeks are then rebuilt from the
    rows read and the group's rows (``store.refresh_usage_weekly`` with ``rows``): the written
    rows are not read back.

    :param rows: a ``UsageRows``, or ``(employee_id, day, tool, actions, minutes)`` tuples
        with unique keys.
    """
    import numpy as np

    u = rows if isinstance(rows, UsageRows) else UsageRows.from_tuples(rows)
    if not len(u):
        return
    n_days, n_tools = len(u.days), len(u.tools)
    # The codes follow the sorted texts, so this order is the table's key order; people
    # first, so each group of people is one stretch of it.
    key = u.person.astype(np.int64)
    key *= n_days
    key += u.day
    key *= n_tools
    key += u.tool
    order = np.argsort(key, kind="stable")
    del key
    first, last = dt.date.fromisoformat(u.days[0]), dt.date.fromisoformat(u.days[-1])
    monday = first - dt.timedelta(days=first.weekday())
    sunday = last + dt.timedelta(days=6 - last.weekday())
    epoch = store_mod._EPOCH.toordinal()
    day_no = np.array([dt.date.fromisoformat(d).toordinal() - epoch for d in u.days], dtype=np.int64)
    index = ({p: i for i, p in enumerate(u.people)}, {d: i for i, d in enumerate(u.days)},
             {t: i for i, t in enumerate(u.tools)})
    # Rows before each person (codes in order): the groups' borders.
    before = np.concatenate([[0], np.cumsum(np.bincount(u.person, minlength=len(u.people)))])
    total, done, p0 = len(u), 0, 0
    while p0 < len(u.people):
        p1 = max(p0 + 1, int(np.searchsorted(before, before[p0] + GROUP_ROWS, side="right")) - 1)
        p1 = min(p1, len(u.people))
        idx = order[before[p0]:before[p1]]
        _write_usage_group(db, batch_id, u, idx, u.people[p0:p1], (monday, sunday), day_no, index)
        done += len(idx)
        _step(progress, 0.1 + 0.85 * done / total, "write")
        p0 = p1


def _write_usage_group(db, batch_id, u, idx, people, span, day_no, index):
    """``_write_usage`` for one group: ``idx`` = the rows of ``people`` (all the batch has
    of them), in key order; ``span`` = (Monday, Sunday) of the batch's weeks; ``day_no`` =
    each of ``u.days`` as days from the rollups' epoch; ``index`` = the codes of ``u``'s
    people, days and tools ({text: code} each)."""
    import numpy as np

    n_days, n_tools = len(u.days), len(u.tools)
    key = (u.person[idx].astype(np.int64) * n_days + u.day[idx]) * n_tools + u.tool[idx]
    monday, sunday = span
    old = db.execute(
        "SELECT employee_id, day, tool, actions, minutes, batch_id FROM usage_daily "
        "WHERE employee_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ?",
        [json.dumps(people), monday.isoformat(), sunday.isoformat()]).fetchall()

    person_ix, day_ix, tool_ix = index
    actions = u.actions[idx]
    skip = np.zeros(len(key), dtype=bool)          # batch rows (key order) the store keeps
    old_person = np.array([person_ix[r[0]] for r in old], dtype=np.int64)
    old_actions = np.array([r[3] for r in old], dtype=np.int64)
    if old:
        old_key = np.array([(person_ix[e] * n_days + day_ix[d]) * n_tools + tool_ix[t]
                            if d in day_ix and t in tool_ix else -1 for e, d, t, *_ in old],
                           dtype=np.int64)
        at = np.minimum(np.searchsorted(key, old_key), len(key) - 1)
        hit = (old_key >= 0) & (key[at] == old_key)
        raised = hit & (actions[at] > old_actions)
        skip[at[hit & ~raised]] = True
        db.conn.executemany(
            "INSERT INTO import_changes (batch_id, tbl, key, before) VALUES (?, 'usage_daily', ?, ?)",
            [(batch_id, _json([e, d, t]), _json({"actions": a, "minutes": m, "batch_id": b}))
             for (e, d, t, a, m, b), r in zip(old, raised.tolist()) if r])
        # What the store holds after the write: raised rows take the batch's count.
        old_actions = np.where(raised, actions[at], old_actions)
        new = np.ones(len(key), dtype=bool)
        new[at[hit]] = False
    else:
        new = ~skip
    del key

    write = idx[~skip]
    for start in range(0, len(write), WRITE_CHUNK):
        part = write[start:start + WRITE_CHUNK]
        minutes = (itertools.repeat(None) if u.minutes is None
                   else map(u.minutes.__getitem__, part.tolist()))
        db.conn.executemany(UPSERT_USAGE, zip(
            map(u.people.__getitem__, u.person[part].tolist()),
            map(u.days.__getitem__, u.day[part].tolist()),
            map(u.tools.__getitem__, u.tool[part].tolist()),
            u.actions[part].tolist(), minutes, itertools.repeat(batch_id)))
    del write

    # The rollups' input: every raw row of these people in these weeks, as codes.
    tools = [""] + sorted(set(u.tools) | {r[2] for r in old})
    tool_code = np.array([tools.index(t) for t in u.tools], dtype=np.int64)
    old_day = {}
    for r in old:
        if r[1] not in old_day:
            old_day[r[1]] = dt.date.fromisoformat(r[1][:10]).toordinal() - store_mod._EPOCH.toordinal()
    added = idx[new]
    store_mod.refresh_usage_weekly(
        db, monday, sunday, employees=people,
        rows=(u.people, tools,
              np.concatenate([u.person[added], old_person]),
              np.concatenate([tool_code[u.tool[added]],
                              np.array([tools.index(r[2]) for r in old], dtype=np.int64)]),
              np.concatenate([day_no[u.day[added]],
                              np.array([old_day[r[1]] for r in old], dtype=np.int64)]),
              np.concatenate([u.actions[added], old_actions])))


def _json(value):
    # As SQLite's json_array/json_object write it.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_wave(db, batch_id, wave, questions, departments):
    if db.execute("SELECT 1 FROM surveys WHERE name = ?", [wave["name"]]).fetchone():
        raise ImportError_(Issue("wave_exists", "", value=wave["name"], expected="new_wave_name"))
    for name in departments:
        _ensure_department(db, batch_id, name)
    position = db.execute("SELECT COALESCE(MAX(position), 0) FROM survey_questions").fetchone()[0]
    for q in questions:
        if not db.execute("SELECT 1 FROM survey_questions WHERE code = ?", [q["code"]]).fetchone():
            position += 1
            db["survey_questions"].insert(dict(q, position=position))
            _track(db, batch_id, "survey_questions", [q["code"]], None)
    survey_id = db.execute(
        "INSERT INTO surveys (name, held_on, batch_id) VALUES (?, ?, ?)",
        [wave["name"], wave["held_on"], batch_id]).lastrowid
    known = {r[0] for r in db.execute("SELECT id FROM employees")}
    for r in wave["respondents"]:
        rid = db.execute(
            "INSERT INTO survey_respondents (survey_id, respondent, department, level, employee_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [survey_id, r["respondent"], r["department"], r["level"],
             r["employee_id"] if r["employee_id"] in known else None]).lastrowid
        db.conn.executemany(
            "INSERT INTO survey_answers (respondent_id, question_code, value, text) VALUES (?, ?, ?, ?)",
            [(rid, code, value, text) for code, value, text in r["answers"]])
    return len(wave["respondents"])


def _write_rows(db, batch_id, table, rows):
    for r in rows:
        db[table].insert(dict(r, batch_id=batch_id))


def _write_measurements(db, batch_id, rows):
    for m in rows:
        found = db.execute("SELECT id FROM use_cases WHERE name = ?", [m["use_case"]]).fetchone()
        if found:
            uid = found[0]
        else:
            uid = db.execute("INSERT INTO use_cases (name, unit, status) VALUES (?, ?, 'pilot')",
                             [m["use_case"], m["unit"]]).lastrowid
            _track(db, batch_id, "use_cases", [uid], None)
        row = {k: m[k] for k in ("phase", "measured_on", "minutes_per_unit", "units_per_month",
                                 "errors_per_unit", "note")}
        db["measurements"].insert(dict(row, use_case_id=uid, batch_id=batch_id))


@contextlib.contextmanager
def _big_cache(db):
    """A large page cache (``IMPORT_CACHE_KB``) for the length of one import.

    With SQLite's default 2 MB, a million-row upsert spills pages to the WAL over and over
    and the weekly rollup sorts on disk. A write of millions of rows fills any cache, and
    the import process is held to 500 MB: at 256 MB the 190 MB upload's import peaked at
    596 MB, at 64 MB 398 MB.
    """
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    temp = db.execute("PRAGMA temp_store").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
    db.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")
        db.execute(f"PRAGMA temp_store = {int(temp)}")


def holds_data(db):
    """Whether the store holds any company data (a backup before an import is then worth it)."""
    return any(db.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in store_mod.DATA_TABLES)


def backup_before_import(store):
    """Back up a store that holds data (reason ``import``); return the backup's path, or ``None``.

    Callers that write several plans in one outer transaction call this once first and
    pass ``backup=False`` to ``apply_import``.
    """
    db = store.read()
    if not holds_data(db):
        return None
    return backup_mod.backup(store.path, reason="import", keep=store_mod.keep_backups(db))


def apply_import(store, plan, actor, filename=None, progress=None, backup=True):
    """Write a valid plan in one transaction for ``actor`` (an editor or admin); return the new batch id.

    A refused plan takes no backup and writes nothing.

    :param progress: optional ``fn(fraction, stage)``, stage ``backup`` or ``write``.
    :param backup: first back up a store that already holds data (``backup_before_import``).
    :raises ImportError_: the plan has errors, or the store changed since the preview.
    :raises access.PermissionDenied: ``actor`` is not an editor (checked before any backup).
    """
    access.require(actor, "editor")
    if not plan.ok:
        raise ImportError_(plan.errors[0] if plan.errors else Issue("unreadable", plan.filename))
    filename = filename or plan.filename
    rec = plan.records
    if backup:
        _step(progress, 0.0, "backup")
        backup_before_import(store)
    _step(progress, 0.05, "write")
    with _bulk(), store.write(actor=actor) as db, _big_cache(db):
        current = store_secret(db)
        if current is None:
            store_mod.set_setting(db, SECRET_KEY, plan.secret)
        elif current != plan.secret:
            raise ImportError_(Issue("stale_preview", filename))
        db.execute("DELETE FROM import_changes WHERE batch_id NOT IN (SELECT id FROM import_batches)")
        batch_id = db.execute(
            "INSERT INTO import_batches (kind, filename, imported_at, imported_by, rows) "
            "VALUES (?, ?, ?, ?, ?)", [plan.kind, filename, _now(), actor.name, plan.rows]).lastrowid
        for name in rec.get("departments", []) if "wave" not in rec else []:
            _ensure_department(db, batch_id, name)
        for s in rec.get("staff", []):
            _upsert_staff(db, batch_id, s)
        _upsert_people(db, batch_id, rec.get("employees", []))
        usage = rec.get("usage", [])
        if usage:
            _write_usage(db, batch_id, usage, progress)
        db.conn.executemany(
            "INSERT INTO licence_holders (tool, employee_id, held_from, source, batch_id) "
            "VALUES (?, ?, ?, 'export', ?) ON CONFLICT (tool, employee_id) DO NOTHING",
            [(h["tool"], h["employee_id"], h["held_from"], batch_id)
             for h in rec.get("licence_holders", [])])
        if "wave" in rec:
            _write_wave(db, batch_id, rec["wave"], rec.get("questions", []), rec.get("departments", []))
        for t in rec.get("trainings", []):
            tid = db.execute(
                "INSERT INTO trainings (title, kind, held_on, duration_minutes, batch_id) "
                "VALUES (?, ?, ?, ?, ?)",
                [t["title"], t["kind"], t["held_on"], t["duration_minutes"], batch_id]).lastrowid
            db.conn.executemany(
                "INSERT OR IGNORE INTO training_attendance (training_id, employee_id) VALUES (?, ?)",
                [(tid, e) for e in t["attendees"]])
        for table in ("training_requests", "suggestions", "stakeholder_assessments", "licences"):
            _write_rows(db, batch_id, table, rec.get(table, []))
        _write_measurements(db, batch_id, rec.get("measurements", []))
        store_mod.audit(db, actor, "import", "import_batches", batch_id,
                        {"file": filename, "kind": plan.kind, "rows": plan.rows})
        if usage:
            _retention(db)
    _step(progress, 1.0, "write")
    return batch_id


def _retention(db):
    # The retention setting holds for raw usage rows however they arrive: an import that
    # brings usage also drops rows past it (the rollups keep their figures).
    from core import privacy, settings

    months = settings.value(db, "usage_retention_months")
    pruned = privacy.apply_retention(db, months) if months else 0
    if pruned:
        store_mod.audit(db, access.SYSTEM, "usage.prune", "usage_daily", None,
                        {"months": months, "rows": pruned})


BATCH_TABLES = ("surveys", "trainings", "training_requests", "suggestions", "measurements",
                "stakeholder_assessments", "licences", "licence_holders")


def undo_batch(store, batch_id, actor):
    """Remove exactly the rows batch ``batch_id`` added and restore the rows it changed.

    An editor may undo the batches they imported themselves (``import_batches.imported_by``
    is their name); anyone else's needs an admin.

    :raises ImportError_: unknown or already undone batch, or a later import still uses
        people this batch added (undo that one first).
    :raises access.PermissionDenied: not an editor, or another person's batch and not an admin.
    """
    import sqlite3

    with store.write(actor=actor) as db:
        row = db.execute("SELECT status, filename, imported_by FROM import_batches WHERE id = ?",
                         [batch_id]).fetchone()
        if row is None or row[0] != "done":
            raise ImportError_(Issue("undo_unknown", str(batch_id), value=batch_id))
        if row[2] != actor.name:
            access.require(actor, "admin")
        changes = db.execute("SELECT tbl, key, before FROM import_changes WHERE batch_id = ? "
                             "ORDER BY id DESC", [batch_id]).fetchall()
        span = db.execute("SELECT MIN(day), MAX(day) FROM usage_daily WHERE batch_id = ?",
                          [batch_id]).fetchone()
        days = [d for d in span if d]
        db.execute("DELETE FROM usage_daily WHERE batch_id = ?", [batch_id])
        for table in BATCH_TABLES:
            db.execute(f"DELETE FROM {table} WHERE batch_id = ?", [batch_id])
        for tbl, key, before in changes:
            key = json.loads(key)
            if tbl == "usage_daily" and before:
                b = json.loads(before)
                db.execute("INSERT OR REPLACE INTO usage_daily (employee_id, day, tool, actions, minutes, "
                           "batch_id) VALUES (?, ?, ?, ?, ?, ?)",
                           key + [b["actions"], b["minutes"], b["batch_id"]])
                days.append(key[1])
            elif tbl == "employees" and before:
                b = json.loads(before)
                db.execute(f"UPDATE employees SET {', '.join(f'{k} = ?' for k in b)} WHERE id = ?",
                           list(b.values()) + key)
        # The weekly rollup references people: rebuild it before removing any.
        if days:
            store_mod.refresh_usage_weekly(db, min(days), max(days))
        try:
            db.execute("DELETE FROM employees WHERE batch_id = ?", [batch_id])
        except sqlite3.IntegrityError:
            raise ImportError_(Issue("undo_in_use", row[1] or "", value=batch_id)) from None
        for tbl, key, before in changes:
            key = json.loads(key)
            if before is not None:
                continue
            if tbl == "departments":
                db.execute(
                    "DELETE FROM departments WHERE name = ? AND NOT EXISTS (SELECT 1 FROM employees "
                    "WHERE department = departments.name) AND NOT EXISTS (SELECT 1 FROM training_requests "
                    "WHERE department = departments.name) AND NOT EXISTS (SELECT 1 FROM suggestions "
                    "WHERE department = departments.name) AND NOT EXISTS (SELECT 1 FROM use_cases "
                    "WHERE department = departments.name)", key)
            elif tbl == "use_cases":
                db.execute("DELETE FROM use_cases WHERE id = ? AND NOT EXISTS "
                           "(SELECT 1 FROM measurements WHERE use_case_id = use_cases.id)", key)
            elif tbl == "survey_questions":
                db.execute("DELETE FROM survey_questions WHERE code = ? AND NOT EXISTS "
                           "(SELECT 1 FROM survey_answers WHERE question_code = survey_questions.code)", key)
        db.execute("UPDATE import_batches SET status = 'undone' WHERE id = ?", [batch_id])
        db.execute("DELETE FROM import_changes WHERE batch_id = ?", [batch_id])
        store_mod.audit(db, actor, "import.undo", "import_batches", batch_id, {"file": row[1]})


def history(db):
    """Import batches, newest first: id, when, file, kind, rows, by whom, status."""
    cols = ("id", "imported_at", "filename", "kind", "rows", "imported_by", "status")
    return [dict(zip(cols, r)) for r in db.execute(
        f"SELECT {', '.join(cols)} FROM import_batches ORDER BY id DESC")]


def audit_log(db, limit=500):
    """The latest audit log entries, newest first."""
    cols = ("at", "actor", "action", "entity", "entity_id", "detail")
    return [dict(zip(cols, r)) for r in db.execute(
        f"SELECT {', '.join(cols)} FROM audit_log ORDER BY id DESC LIMIT ?", [limit])]


# Tables a user may download; survey answers are per pseudonym, never per name.
# Tables a user may download whole. Per-person usage, training attendance and individual
# survey answers are left out: joined to the staff list they name a person's AI use or
# answers (design.md, privacy), which the pages only ever show as large enough groups.
EXPORT_TABLES = ("employees", "departments", "trainings", "training_requests", "suggestions",
                 "surveys", "survey_questions", "stakeholder_assessments", "use_cases",
                 "measurements", "targets", "import_batches")     # the audit log: admins, Access page
PRIVATE_TABLES = ("usage_daily", "usage_series", "training_attendance", "survey_respondents",
                  "survey_answers")


def table_csv(db, table):
    """A table as UTF-8 CSV (with BOM, for Excel), formula-like cells neutralised."""
    import csv
    import io

    if table not in EXPORT_TABLES:
        raise KeyError(table)
    cur = db.execute(f"SELECT * FROM {table}")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([c[0] for c in cur.description])
    for r in cur:
        w.writerow(validate.safe_row(r))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ---------------------------------------------------------------- in a process of its own
#
# A plan holds every record of its file (a 190 MB usage export: millions of rows, some
# 250 MB as numbers, more while they are checked and written). For a large upload the app
# leaves that to a separate Python process, which reads
# the file from a temporary copy, opens the store with its own SQLite connections and
# returns only what the preview shows (``Preview``); on the click it reads the file again
# and writes it through ``Store.write`` as the app would. The server keeps no rows.

LARGE_UPLOAD = 20 * 1024 * 1024     # bytes: an upload above this is read in a worker process
PREVIEW_RECORDS = 5                 # records per target a ``Preview`` keeps (the first ones)


class WorkerFailed(Exception):
    """The worker process ended without an answer (killed, out of memory); ``issue`` is the
    translated message (``data.err.worker_failed``)."""

    def __init__(self, issue):
        super().__init__(issue.code)
        self.issue = issue


@dataclasses.dataclass
class Preview(Plan):
    """A ``Plan`` made in a worker process: everything a preview shows, with only the first
    ``PREVIEW_RECORDS`` records of each target; ``counts`` holds how many there are, and
    ``source`` / ``options`` how to read the file again for the import."""

    counts: dict = dataclasses.field(default_factory=dict)
    source: str | None = None
    options: dict = dataclasses.field(default_factory=dict)


def record_count(plan, target):
    """How many records of ``target`` (``usage``, ``staff``, …) a plan or preview holds."""
    if isinstance(plan, Preview):
        return plan.counts.get(target, 0)
    return len(plan.records.get(target, []))


def _light(plan, source, options):
    heads, counts = {}, {}
    for target, value in plan.records.items():
        if isinstance(value, UsageRows):
            heads[target] = list(itertools.islice(iter(value), PREVIEW_RECORDS))
            counts[target] = len(value)
        elif target == "wave":
            heads[target] = dict(value, respondents=value["respondents"][:PREVIEW_RECORDS])
            counts[target] = len(value["respondents"])
        elif isinstance(value, list):
            heads[target], counts[target] = value[:PREVIEW_RECORDS], len(value)
        else:
            heads[target] = value
    fields = {f.name: getattr(plan, f.name) for f in dataclasses.fields(Plan)}
    return Preview(**dict(fields, records=heads), counts=counts, source=str(source), options=options)


def spool(upload, directory=None):
    """Copy an upload (a binary file object) to a new temporary file, piece by piece; return
    its path. The file keeps the upload's extension (the reader goes by it for Excel)."""
    import tempfile

    suffix = "".join(c for c in ("." + str(getattr(upload, "name", "")).rsplit(".", 1)[-1])[:8]
                     if c.isalnum() or c == ".")
    fd, path = tempfile.mkstemp(prefix="draagvlak-upload-", suffix=suffix, dir=directory)
    upload.seek(0)
    with os.fdopen(fd, "wb") as f:
        while piece := upload.read(1 << 20):
            f.write(piece)
    upload.seek(0)
    return path


def _run_worker(request, progress, peak=None):
    """Run ``_worker_main`` in a fresh interpreter with ``request``; relay its progress
    reports (and its peak memory to ``peak``, when given); return its answer, or raise what
    it raised (``ImportError_``, ``MappingProblem``, ``access.PermissionDenied``) or
    ``WorkerFailed``."""
    import base64
    import pickle
    import subprocess
    import tempfile
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    code = f"import sys; sys.path.insert(0, {root!r}); from core.importers import _worker_main; _worker_main()"
    with tempfile.TemporaryFile() as err:
        # close_fds: the worker must not hold (and on exit close) the app's descriptors of
        # the store, which would drop the app's SQLite locks (issue 14, point 1).
        proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=err, cwd=root, close_fds=True)
        try:
            proc.stdin.write(base64.b64encode(pickle.dumps(request)) + b"\n")
            proc.stdin.close()
        except BrokenPipeError:     # it ended before reading: no answer, said below
            pass
        answer = None
        for line in proc.stdout:
            word, _, rest = line.decode("ascii", "replace").strip().partition(" ")
            if word == "progress":
                fraction, _, stage = rest.partition(" ")
                _step(progress, float(fraction), stage)
            elif word == "peak" and peak is not None:
                peak(float(rest))
            elif word == "answer":
                answer = pickle.loads(base64.b64decode(rest))
        proc.stdout.close()
        rc = proc.wait()
        if answer is None:
            err.seek(0)
            tail = err.read()[-2000:].decode("utf-8", "replace").strip().splitlines()
            # The worker's own last words are Python's, in English: for the log, not the page.
            _log.warning("import worker for %s ended without an answer (exit %s): %s",
                         request.get("filename", ""), rc, tail[-1] if tail else "no output")
            raise WorkerFailed(Issue("worker_failed", request.get("filename", "")))
    outcome, value = answer
    if outcome == "ok":
        return value
    if outcome == "import":
        raise ImportError_(value)
    if outcome == "mapping":
        raise mapping_mod.MappingProblem(*value)
    raise access.PermissionDenied(*value)


def _worker_main():
    """The worker process: read one pickled request on stdin, answer on stdout (a line
    ``progress <fraction> <stage>`` per report, then ``peak <MB>``, its peak resident set,
    and ``answer <pickle>``)."""
    import base64
    import pickle

    request = pickle.loads(base64.b64decode(sys.stdin.buffer.readline()))
    out = sys.stdout

    def report(fraction, stage):
        out.write(f"progress {fraction:.4f} {stage}\n")
        out.flush()

    s = store_mod.Store(request["store"])
    try:
        try:
            if request["op"] == "plan":
                answer = ("ok", _light(plan_import(s.read(), request["source"], request["filename"],
                                                   progress=report, **request["options"]),
                                       request["source"], request["options"]))
            else:
                answer = ("ok", _import_all(s, request, report))
        except ImportError_ as exc:
            answer = ("import", exc.issue)
        except mapping_mod.MappingProblem as exc:
            answer = ("mapping", (exc.code, exc.column))
        except access.PermissionDenied as exc:
            answer = ("denied", exc.args)
    finally:
        s.close()
    mb = _peak_mb()
    if mb is not None:
        out.write(f"peak {mb:.1f}\n")
    out.write("answer " + base64.b64encode(pickle.dumps(answer)).decode("ascii") + "\n")
    out.flush()


def _peak_mb():
    """This process's peak resident set (``VmHWM``) in MB, or ``None`` without ``/proc``.
    (Not ``ru_maxrss``: Linux carries it over from the process that started this one.)"""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _import_all(store, request, progress):
    """The import of a worker: every plan (a ``Preview`` read again from its file, with the
    same validation) in one transaction after one backup; return the batch ids."""
    actor, plans = request["actor"], request["plans"]
    access.require(actor, "editor")
    full = []
    for i, plan in enumerate(plans):
        if isinstance(plan, Preview):
            def report(fraction, stage, i=i):
                _step(progress, 0.5 * (i + fraction) / len(plans), stage)
            again = plan_import(store.read(), plan.source, plan.filename, progress=report, **plan.options)
            if not again.ok:       # the store changed since the preview (a wave now taken, …)
                raise ImportError_(again.errors[0] if again.errors else Issue("stale_preview", plan.filename))
            plan = again
        full.append(plan)
    _step(progress, 0.5, "backup")
    backup_before_import(store)
    ids = []
    with store.write(actor):
        for name, kind, columns, headers in request.get("saves", []):
            mapping_mod.save(store, name, kind, columns, headers, actor=actor)
        for i, plan in enumerate(full):
            def report(fraction, stage, i=i):
                _step(progress, 0.5 + 0.5 * (i + fraction) / len(full), stage)
            ids.append(apply_import(store, plan, actor=actor, progress=report, backup=False))
    return ids


def plan_in_worker(store_path, source, filename, progress=None, peak=None, **options):
    """``plan_import`` of the file ``source`` (a path) in a worker process on the store at
    ``store_path``; return its ``Preview``. ``options`` as ``plan_import``'s (kind, wave,
    mapping, secret, lang, date_order, columns, mapping_name).

    :param peak: optional ``fn(MB)``, told the worker's peak resident set (the bench's measure).
    """
    return _run_worker({"op": "plan", "store": str(store_path), "source": str(source),
                        "filename": filename, "options": options}, progress, peak)


def import_in_worker(store_path, plans, actor, saves=(), progress=None, peak=None):
    """Import ``plans`` (``Preview``s and ordinary plans) in a worker process, as the Data
    page does in the app: one backup first, then one transaction (``saves``: column mappings
    ``(name, kind, columns, headers)`` saved with it). Return the batch ids.

    :param peak: as ``plan_in_worker``'s.
    :raises ImportError_: a file no longer passes (read again against today's store).
    """
    return _run_worker({"op": "import", "store": str(store_path), "plans": list(plans),
                        "actor": actor, "saves": list(saves),
                        "filename": plans[0].filename if plans else ""}, progress, peak)
