"""Privacy: find a person, export everything held on them, erase them, and prune old usage.

A person is an ``employees.id`` — the keyed pseudonym of their e-mail address or UPN (or a
staff-list id) — and, where they are on the stakeholder map, a display name. The rows held
on a person are those of every table with a column referencing ``employees(id)`` (usage and
its rollups, training attendance and requests, stakeholder assessments), their survey
respondent records and answers, ``import_changes`` rows that would restore them, audit log
entries that mention them, and other people's assessment texts and meeting items that
mention their display name.

Erasure (admin only) and retention act in one write each; the audit log records that they
happened with counts, never the erased id or data.
"""
import datetime as dt
import json
import logging
import re
import secrets

from core import access, settings, store as store_mod
from core.pseudonyms import SECRET_KEY, new_secret, pseudonym, store_secret

log = logging.getLogger(__name__)

# Every free-text column that may hold a person's name (typed by a user or imported):
# listed in an access request and scrubbed on erasure, whole words only.
MENTION_COLUMNS = {
    "stakeholder_assessments": ("next_action", "action_owner", "assessed_by", "note"),
    "meeting_items": ("text", "owner"),
    "use_cases": ("name", "owner"),
    "measurements": ("note",),
    "survey_answers": ("text",),
    "suggestions": ("title",),
    "training_requests": ("topic",),
    "trainings": ("title",),
}
# How a row of a mention table is found again (survey_answers has no rowid).
ROW_KEYS = {"survey_answers": ("respondent_id", "question_code")}
ERASED = "[…]"
PRUNED_SETTING = "usage_pruned_before"


def _rows(cursor):
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, r)) for r in cursor.fetchall()]


def person_columns(db):
    """Every ``(table, column)`` whose column references ``employees(id)``, in name order."""
    out = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite_%' ORDER BY name"):
        for fk in db.execute(f'PRAGMA foreign_key_list("{table}")'):
            if fk[2] == "employees":
                out.append((table, fk[3]))
    return out


def _keys(db, query):
    """The ids a query can stand for: itself, and its pseudonym (an e-mail address or UPN)."""
    q = str(query).strip()
    keys = {q}
    secret = store_secret(db)
    if secret:
        keys.add(pseudonym(secret, q))
    return keys


def find_people(db, query):
    """People matching ``query``: by employee id (ignoring case), by pseudonym (type the
    e-mail address or UPN: its keyed pseudonym is looked up), or by display name.

    Returns dicts ``employee_id, display_name, department, level, match`` — exact matches
    (``match`` ``id``, ``pseudonym`` or ``name``) first, then display names containing the
    query (``name_part``, from 2 characters). A survey respondent whose pseudonym matches
    but who is not on the staff list is listed too, with ``department`` ``None``.
    """
    q = str(query or "").strip()
    if not q:
        return []
    keys = _keys(db, q)
    lowered = [k.lower() for k in keys]
    marks = ",".join("?" * len(lowered))
    found, seen = [], set()

    def add(row, match):
        if row[0] not in seen:
            seen.add(row[0])
            found.append({"employee_id": row[0], "display_name": row[1], "department": row[2],
                          "level": row[3], "match": match})

    cols = "SELECT id, display_name, department, level FROM employees"
    for row in db.execute(f"{cols} WHERE lower(id) IN ({marks}) ORDER BY id", lowered):
        add(row, "id" if row[0].lower() == q.lower() else "pseudonym")
    for row in db.execute(f"{cols} WHERE lower(trim(display_name)) = lower(?) ORDER BY id", [q]):
        add(row, "name")
    for (rid,) in db.execute(f"SELECT DISTINCT respondent FROM survey_respondents WHERE respondent "
                             f"IN ({','.join('?' * len(keys))}) ORDER BY respondent", list(keys)):
        add((rid, None, None, None), "id" if rid == q else "pseudonym")
    if len(q) >= 2:
        like = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for row in db.execute(f"{cols} WHERE lower(display_name) LIKE ? ESCAPE '\\' "
                              "ORDER BY display_name, id", [like]):
            add(row, "name_part")
    return found


def resolve_person(db, query):
    """The one employee id ``query`` stands for: its single exact match, else its single
    partial name match.

    :raises access.InputError: ``access.error.person_unknown`` (no match) or
        ``access.error.person_ambiguous`` (several; give the id).
    """
    found = find_people(db, query)
    exact = [p for p in found if p["match"] != "name_part"]
    pick = exact or found
    if not pick:
        raise access.InputError("access.error.person_unknown", person=str(query))
    if len(pick) > 1:
        raise access.InputError("access.error.person_ambiguous", person=str(query), n=len(pick))
    return pick[0]["employee_id"]


def _display_name(db, employee_id):
    row = db.execute("SELECT display_name FROM employees WHERE id = ?", [employee_id]).fetchone()
    name = (row[0] or "").strip() if row else ""
    return name or None


def name_pattern(name):
    """A regex matching ``name`` as whole words, ignoring case (Unicode-aware): "Jan" matches
    "jan." and "Jan de Wit" but not "Januari" or "Marjan"."""
    return re.compile(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", re.IGNORECASE)


def _preselect(column):
    # SQLite's lower() folds ASCII only: a name with other letters is matched in Python on
    # every non-empty cell; an ASCII one is preselected with instr (whole words decided after).
    return f"({column} IS NOT NULL AND {column} != '')"


def _mentions(db, name):
    """``{table: [row dicts]}`` of rows whose free text (``MENTION_COLUMNS``) names ``name``
    as whole words, ignoring case."""
    pattern = name_pattern(name)
    ascii_name = name.isascii()
    out = {}
    for table, columns in MENTION_COLUMNS.items():
        keys = ROW_KEYS.get(table, ("id",))
        if ascii_name:
            where = " OR ".join(f"instr(lower({c}), lower(?)) > 0" for c in columns)
            params = [name.strip()] * len(columns)
        else:
            where, params = " OR ".join(_preselect(c) for c in columns), []
        rows = [r for r in _rows(db.execute(
                    f"SELECT * FROM {table} WHERE {where} ORDER BY {', '.join(keys)}", params))
                if any(isinstance(r[c], str) and pattern.search(r[c]) for c in columns)]
        if rows:
            out[table] = rows
    return out


def _audit_rows(db, employee_id, name):
    """Audit log rows about the person: ``entity_id`` is their id, ``detail`` holds their id
    as a JSON string, or ``detail`` names them (whole words, ignoring case)."""
    where = "(entity = 'employees' AND entity_id = ?) OR instr(detail, json_quote(?)) > 0"
    params = [employee_id, employee_id]
    rows = _rows(db.execute(f"SELECT * FROM audit_log WHERE {where} ORDER BY id", params))
    if name:
        pattern, have = name_pattern(name), {r["id"] for r in rows}
        pre = "instr(lower(detail), lower(?)) > 0" if name.isascii() else "detail IS NOT NULL"
        rows += [r for r in _rows(db.execute(
                     f"SELECT * FROM audit_log WHERE {pre} ORDER BY id", [name] if name.isascii() else []))
                 if r["id"] not in have and pattern.search(r["detail"] or "")]
        rows.sort(key=lambda r: r["id"])
    return rows


def _changes_where(employee_id, name):
    where = "instr(key, json_quote(?)) > 0 OR instr(before, json_quote(?)) > 0"
    params = [employee_id, employee_id]
    if name:
        where += " OR instr(before, json_quote(?)) > 0"
        params.append(name)
    return where, params


def person_record(db, employee_id):
    """Everything the store holds on one person (an access request), JSON-serialisable.

    Returns ``{"employee_id", "display_name", "generated_at", "tables": {table: [row, …]}}``
    with a list for every table that references people (empty when nothing is held),
    ``survey_respondents`` and ``survey_answers`` (their answers, anonymous to everyone
    else), ``import_changes`` and ``audit_log`` rows that mention them, and every row whose
    free text (``MENTION_COLUMNS``: assessments, meeting items, use cases, measurements,
    open survey answers, suggestions, training requests and titles) names them as whole words.
    """
    name = _display_name(db, employee_id)
    tables = {"employees": _rows(db.execute("SELECT * FROM employees WHERE id = ?", [employee_id]))}
    for table, column in person_columns(db):
        rows = _rows(db.execute(f'SELECT * FROM "{table}" WHERE "{column}" = ?', [employee_id]))
        tables.setdefault(table, []).extend(rows)
    respondents = _rows(db.execute(
        "SELECT * FROM survey_respondents WHERE employee_id = ? OR respondent = ? ORDER BY id",
        [employee_id, employee_id]))
    tables["survey_respondents"] = respondents
    ids = [r["id"] for r in respondents]
    tables["survey_answers"] = _rows(db.execute(
        f"SELECT * FROM survey_answers WHERE respondent_id IN ({','.join('?' * len(ids))}) "
        "ORDER BY respondent_id, question_code", ids)) if ids else []
    if tables.get("training_attendance"):
        tids = sorted({r["training_id"] for r in tables["training_attendance"]})
        tables["trainings"] = _rows(db.execute(
            f"SELECT * FROM trainings WHERE id IN ({','.join('?' * len(tids))}) ORDER BY id", tids))
    if name:
        for table, rows in _mentions(db, name).items():
            keys = ROW_KEYS.get(table, ("id",))
            have = {tuple(r[k] for k in keys) for r in tables.get(table, [])}
            tables.setdefault(table, []).extend(
                r for r in rows if tuple(r[k] for k in keys) not in have)
    where, params = _changes_where(employee_id, name)
    tables["import_changes"] = _rows(db.execute(
        f"SELECT * FROM import_changes WHERE {where} ORDER BY id", params))
    tables["audit_log"] = _audit_rows(db, employee_id, name)
    return {
        "employee_id": employee_id,
        "display_name": name,
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "tables": tables,
    }


def _scrub(text, pattern):
    return text if not isinstance(text, str) else pattern.sub(ERASED, text)


def erasure_key(secret, employee_id):
    """What table ``erasures`` keeps of an erased person: HMAC-SHA256 (the store's pseudonym
    secret) of ``"erased:" + id`` — never the id, yet a restored backup's people can be
    checked against it."""
    return pseudonym(secret, "erased:" + str(employee_id))


def _secret(db):
    secret = store_secret(db)
    if secret is None:
        secret = new_secret()
        store_mod.set_setting(db, SECRET_KEY, secret)
    return secret


def erase_rows(db, employee_id):
    """Erase one person inside the caller's write (``secure_delete`` on); return
    ``{table: rows}`` affected, ``{}`` when nothing is held on that id. No audit entry, no
    ``erasures`` row: see ``erase_person``; ``reapply_erasures`` uses it after a restore."""
    db.execute("PRAGMA secure_delete = ON")
    name = _display_name(db, employee_id)
    counts = {}

    def count(table, n):
        if n:
            counts[table] = counts.get(table, 0) + n

    known = db.execute("SELECT 1 FROM employees WHERE id = ?", [employee_id]).fetchone()
    respondents = [r[0] for r in db.execute(
        "SELECT id FROM survey_respondents WHERE employee_id = ? OR respondent = ?",
        [employee_id, employee_id])]
    if not known and not respondents:
        return counts
    span = db.execute("SELECT MIN(day), MAX(day) FROM usage_daily WHERE employee_id = ?",
                      [employee_id]).fetchone()
    count("usage_daily", db.execute("DELETE FROM usage_daily WHERE employee_id = ?",
                                    [employee_id]).rowcount)
    if span[0]:
        store_mod.refresh_usage_weekly(db, span[0], span[1])
    for rid in respondents:
        db.execute("UPDATE survey_respondents SET employee_id = NULL, respondent = ? WHERE id = ?",
                   ["r-" + secrets.token_hex(12), rid])
    count("survey_respondents", len(respondents))
    for table, column in person_columns(db):
        if table == "employees":
            continue
        count(table, db.execute(f'DELETE FROM "{table}" WHERE "{column}" = ?',
                                [employee_id]).rowcount)
    where, params = _changes_where(employee_id, name)
    count("import_changes", db.execute(f"DELETE FROM import_changes WHERE {where}", params).rowcount)
    if name:
        pattern = name_pattern(name)
        for table, rows in _mentions(db, name).items():
            columns, keys = MENTION_COLUMNS[table], ROW_KEYS.get(table, ("id",))
            for row in rows:
                db.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} "
                           f"WHERE {' AND '.join(f'{k} = ?' for k in keys)}",
                           [_scrub(row[c], pattern) for c in columns] + [row[k] for k in keys])
            count(table, len(rows))
    ids = [r["id"] for r in _audit_rows(db, employee_id, name)]
    db.conn.executemany(
        "UPDATE audit_log SET detail = NULL, entity_id = CASE WHEN entity = 'employees' "
        "AND entity_id = ? THEN NULL ELSE entity_id END WHERE id = ?",
        [(employee_id, i) for i in ids])
    count("audit_log", len(ids))
    count("employees", db.execute("DELETE FROM employees WHERE id = ?", [employee_id]).rowcount)
    return counts


def erase_person(store, actor, employee_id):
    """Erase one person from every table (admin only); return ``{table: rows}`` affected.

    In one write: their usage rows are deleted and the usage rollups rebuilt for those days
    (``store.refresh_usage_weekly``); their training attendance, training requests and
    stakeholder assessments are deleted, and any other row referencing them; ``import_changes``
    rows holding them are deleted (an undo can no longer bring them back); their display
    name, as whole words, in every free-text column (``MENTION_COLUMNS``) becomes ``[…]``;
    audit log entries about them lose ``detail`` (and ``entity_id``); then the ``employees``
    row goes. Table ``erasures`` keeps ``erasure_key`` of the id and the date, so restoring
    a backup erases them again (``reapply_erasures``).

    Survey answers are anonymous by design and are kept, so group figures do not change:
    the erasure removes the link — ``employee_id`` becomes NULL and the respondent
    pseudonym (derived from the e-mail address) is replaced by a random one, so the answers
    can no longer be tied to the person, even by re-importing their address.

    One audit entry ``person.erase`` records the counts only, never the id or the data.
    Deleted content is overwritten in the file (``secure_delete``) and the WAL checkpointed
    (``Store.checkpoint``; a warning is logged when readers kept it busy). Backups made
    before the erasure still hold the person until they are rotated out.

    :raises access.PermissionDenied: ``actor`` is not an admin.
    :raises access.InputError: ``access.error.person_unknown``: nothing is held on that id.
    """
    access.require(actor, "admin")
    employee_id = str(employee_id)
    with store.write(actor, role="admin") as db:
        counts = erase_rows(db, employee_id)
        if not counts:
            raise access.InputError("access.error.person_unknown", person=employee_id)
        db.execute("INSERT OR IGNORE INTO erasures (key, erased_on) VALUES (?, ?)",
                   [erasure_key(_secret(db), employee_id), dt.date.today().isoformat()])
        store_mod.audit(db, actor, "person.erase", "employees", None, counts)
    if not store.checkpoint():
        log.warning("erase_person: the WAL could not be truncated (readers busy); it still "
                    "holds erased rows until the next checkpoint")
    return counts


def reapply_erasures(db):
    """Erase again, inside the caller's write, everyone listed in ``erasures`` who is back
    (a restored backup); return how many people. No audit entry of its own."""
    secret = store_secret(db)
    listed = {k for (k,) in db.execute("SELECT key FROM erasures")}
    if not secret or not listed:
        return 0
    ids = {i for (i,) in db.execute("SELECT id FROM employees UNION SELECT respondent FROM "
                                    "survey_respondents UNION SELECT employee_id FROM "
                                    "survey_respondents WHERE employee_id IS NOT NULL")}
    again = sorted(i for i in ids if erasure_key(secret, i) in listed)
    return sum(1 for i in again if erase_rows(db, i))


def retention_cutoff(months, today=None):
    """The first day whose raw usage rows are kept: the Monday on or before ``today`` minus
    ``months`` calendar months (whole weeks go, so a week's rollup never mixes kept and
    pruned days). ``None`` when ``months`` is 0 (keep everything)."""
    if not months:
        return None
    today = today or dt.date.today()
    month = today.month - 1 - months
    year, month = today.year + month // 12, month % 12 + 1
    day = min(today.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
                          31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
    back = dt.date(year, month, day)
    return back - dt.timedelta(days=back.weekday())


def apply_retention(db, months, today=None):
    """Delete raw ``usage_daily`` rows (and the ``import_changes`` copies of them) older
    than ``retention_cutoff``, inside the caller's write; return the usage rows removed.

    The rollups are not touched, so figures over old periods survive. The cutoff is kept
    in setting ``usage_pruned_before`` (the earliest raw day still complete).
    """
    cutoff = retention_cutoff(months, today)
    if cutoff is None:
        return 0
    cutoff = cutoff.isoformat()
    removed = db.execute("DELETE FROM usage_daily WHERE day < ?", [cutoff]).rowcount
    db.execute("DELETE FROM import_changes WHERE tbl = 'usage_daily' AND json_extract(key, '$[1]') < ?",
               [cutoff])
    before = store_mod.get_setting(db, PRUNED_SETTING)
    if removed and (before is None or before < cutoff):
        store_mod.set_setting(db, PRUNED_SETTING, cutoff)
    return removed


def prune_usage(store, actor, today=None):
    """Apply the ``usage_retention_months`` setting now (admin only); return the rows removed.

    0 months (the default) keeps everything and writes nothing. See ``apply_retention``.

    :raises access.PermissionDenied: ``actor`` is not an admin.
    """
    access.require(actor, "admin")
    months = settings.value(store.read(), "usage_retention_months")
    if not months:
        return 0
    with store.write(actor, role="admin") as db:
        removed = apply_retention(db, months, today)
        store_mod.audit(db, actor, "usage.prune", "usage_daily", None,
                        {"months": months, "before": retention_cutoff(months, today).isoformat(),
                         "rows": removed})
    return removed


def person_json(record):
    """A ``person_record`` as indented UTF-8 JSON bytes (the export file)."""
    return json.dumps(record, ensure_ascii=False, indent=2, default=str).encode("utf-8")
