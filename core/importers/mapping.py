"""Column mappings: how a file no importer recognises becomes usage, a survey or a
template, column by column, and is remembered for the next file of the same shape.

A mapping is ``{field: column}`` for one kind: usage (``person``, ``day``, ``tool``,
``actions``; without ``tool`` every row is the mapping's name), survey (``date``,
``department``, ``level`` and an item code such as ``INT1`` per item column), or a
template kind (its fields). ``apply`` renames the mapped columns to the names that kind's
importer reads, so a mapped file passes the same row/column validation as every other
import. Saved mappings are kept in ``column_mappings`` under the file's header
signature (``signature``): ``plan_import`` applies the one that matches and the preview
says so. Saving, renaming and deleting are audited writes for editors.
"""
import datetime as dt
import hashlib
import json

from core import questionnaire, validate
from core.importers import survey_any, templates, usage_any
from core.importers.reader import normalize

NAME_MAX = 60
SURVEY_FIELDS = ("date", "department", "level")
ITEM_CODES = tuple(q["code"] for q in questionnaire.QUESTIONS)


class MappingProblem(ValueError):
    """A mapping that cannot be used or saved; ``code`` picks ``data.map_error.<code>``,
    ``column`` names the field or column concerned."""

    def __init__(self, code, column=None):
        super().__init__(code)
        self.code = code
        self.column = column


def kinds():
    """The kinds a file can be mapped to: usage, survey and every template kind."""
    return ("usage", "survey") + templates.KINDS


def fields(kind):
    """``[(field, required)]`` of a kind, in the order the mapping form shows them."""
    if kind == "usage":
        return [(f, f in usage_any.REQUIRED) for f in usage_any.FIELDS]
    if kind == "survey":
        return [(f, f == "date") for f in SURVEY_FIELDS] + [(c, False) for c in ITEM_CODES]
    if kind in templates.KINDS:
        return [(f, req) for f, _nl, _en, _typ, req, _ex in templates.SPECS[kind]]
    raise MappingProblem("kind", kind)


def _target(kind, field):
    """The header the kind's importer reads for ``field``."""
    if kind == "usage":
        return field
    if kind == "survey":
        return {"date": "Datum", "department": "Afdeling", "level": "Functieniveau"}.get(field, field)
    return next(en for f, _nl, en, *_ in templates.SPECS[kind] if f == field)


def signature(headers):
    """A file's header signature: its column names, case and spacing ignored, in order."""
    text = "\x1f".join(normalize(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def check(kind, columns, headers):
    """Refuse a mapping that names an unknown kind, field or column, or maps one column twice.

    :raises MappingProblem: ``kind``, ``field``, ``column``, ``twice`` or ``required``.
    """
    known = dict(fields(kind))
    present = {normalize(h) for h in headers}
    used = {}
    for field, column in columns.items():
        if field not in known:
            raise MappingProblem("field", field)
        if normalize(column) not in present:
            raise MappingProblem("column", column)
        if normalize(column) in used:
            raise MappingProblem("twice", column)
        used[normalize(column)] = field
    missing = [f for f, req in known.items() if req and f not in columns]
    if kind == "survey" and not any(f in ITEM_CODES for f in columns):
        missing.append("INT1")
    if missing:
        raise MappingProblem("required", missing[0])


def apply(kind, columns, headers):
    """The headers with each mapped column renamed to what ``kind``'s importer reads; the
    other columns keep their names unless one of them would be read instead (then it is
    blanked, so only the mapped column counts)."""
    rename = {normalize(c): _target(kind, f) for f, c in columns.items()}
    targets = {normalize(t) for t in rename.values()}
    out = []
    for h in headers:
        if normalize(h) in rename:
            out.append(rename[normalize(h)])
        elif normalize(h) in targets or (kind == "survey" and survey_any.match_item(h)):
            out.append("")          # a column of the same name the user did not pick
        else:
            out.append(h)
    return out


MAPPING_COLUMNS = ("id", "name", "signature", "kind", "fields", "headers", "created_at", "created_by")


def _row(r):
    d = dict(zip(MAPPING_COLUMNS, r))
    d["fields"], d["headers"] = json.loads(d["fields"]), json.loads(d["headers"])
    return d


def saved(db):
    """Every saved mapping, by name."""
    return [_row(r) for r in db.execute(
        f"SELECT {', '.join(MAPPING_COLUMNS)} FROM column_mappings ORDER BY name")]


def for_headers(db, headers):
    """The saved mapping for a file with these headers, or ``None``."""
    r = db.execute(f"SELECT {', '.join(MAPPING_COLUMNS)} FROM column_mappings WHERE signature = ?",
                   [signature(headers)]).fetchone()
    return None if r is None else _row(r)


def _name(db, name, mapping_id=None):
    try:
        text = validate.clean_text(name, max_len=NAME_MAX)
    except validate.TextProblem as exc:
        raise MappingProblem(exc.code) from None
    if not text:
        raise MappingProblem("name_required")
    other = db.execute("SELECT id FROM column_mappings WHERE name = ? AND id IS NOT ?",
                       [text, mapping_id]).fetchone()
    if other:
        raise MappingProblem("name_taken", text)
    return text


def save(store, name, kind, columns, headers, *, actor):
    """Save (or replace) the mapping for files with these headers; return its id.

    :raises MappingProblem: a bad name or mapping; nothing is written.
    """
    check(kind, columns, headers)
    sig = signature(headers)
    with store.write(actor, "mapping.save", "column_mappings", None, {"name": name, "kind": kind}) as db:
        old = db.execute("SELECT id FROM column_mappings WHERE signature = ?", [sig]).fetchone()
        text = _name(db, name, old[0] if old else None)
        values = [text, sig, kind, json.dumps(columns, ensure_ascii=False),
                  json.dumps(list(headers), ensure_ascii=False),
                  dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), actor.name]
        if old:
            db.execute("UPDATE column_mappings SET name = ?, signature = ?, kind = ?, fields = ?, "
                       "headers = ?, created_at = ?, created_by = ? WHERE id = ?", values + [old[0]])
            return old[0]
        return db.execute("INSERT INTO column_mappings (name, signature, kind, fields, headers, "
                          "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)", values).lastrowid


def rename(store, mapping_id, name, *, actor):
    """Give a saved mapping a new name.

    :raises MappingProblem: ``unknown``, or a bad or taken name.
    """
    with store.write(actor, "mapping.rename", "column_mappings", mapping_id, {"name": name}) as db:
        if not db.execute("SELECT 1 FROM column_mappings WHERE id = ?", [mapping_id]).fetchone():
            raise MappingProblem("unknown", mapping_id)
        db.execute("UPDATE column_mappings SET name = ? WHERE id = ?", [_name(db, name, mapping_id), mapping_id])


def delete(store, mapping_id, *, actor):
    """Delete a saved mapping (files imported with it stay as they are)."""
    with store.write(actor, "mapping.delete", "column_mappings", mapping_id) as db:
        if not db.execute("DELETE FROM column_mappings WHERE id = ?", [mapping_id]).rowcount:
            raise MappingProblem("unknown", mapping_id)


def parse_cli(pairs):
    """``["person=E-mail", "INT1=Vraag 1"]`` → ``{field: column}``.

    :raises MappingProblem: ``syntax`` for an item without ``=``.
    """
    out = {}
    for pair in pairs or []:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise MappingProblem("syntax", pair)
        out[field.strip()] = column.strip()
    return out
