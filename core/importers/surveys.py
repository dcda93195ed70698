"""What the four survey formats share: recognising the standard items, reading answers,
and turning responses into one wave (``surveys`` row) with pseudonymous respondents.

An item is recognised by its code (``INT1``), by ``[INT1] any text``, or by its Dutch or
English text with case, spacing, quotes and trailing punctuation ignored (a matrix column
``Stem - Statement`` or ``Stem [Statement]`` is matched on the statement). Answers are
numbers or the scale labels in Dutch, English or German. One import is one wave, named by
the ``wave`` option or ``Pulse YYYY-MM`` from the latest response date, held on that date.
"""
import re
import unicodedata

from core import questionnaire
from core.importers.common import Columns, dates, number, pseudonym
from core.importers.reader import normalize

LEVEL_WORDS = {
    "management": "management", "directie": "management", "directie / management": "management",
    "directie/management": "management", "c-level": "management", "executive": "management",
    "middle_management": "middle_management", "middenmanagement": "middle_management",
    "middle management": "middle_management", "middenkader": "middle_management",
    "leidinggevende": "middle_management", "manager": "middle_management",
    "employee": "employee", "medewerker": "employee", "staff": "employee",
    "it": "it",
}
DEPARTMENT_HEADERS = ["Afdeling", "Department", "Afdeling / Department", "Abteilung", "Organization", "Team",
                      "Which department do you work in?", "In welke afdeling werk je?"]
LEVEL_HEADERS = ["Functieniveau", "Level", "Functieniveau / Level", "Niveau", "Job level"]
CONSTRUCTS = sorted({q["construct"] for q in questionnaire.QUESTIONS})
SCALES = {q["code"]: q["scale"] for q in questionnaire.QUESTIONS}


def _clean(text):
    text = unicodedata.normalize("NFKC", str(text)).replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return re.sub(r"[\s.?!:;…]+$", "", normalize(text)).strip(" \"'")


_BY_TEXT = {}
for _q in questionnaire.QUESTIONS:
    _BY_TEXT[_clean(_q["text_nl"])] = _q["code"]
    _BY_TEXT[_clean(_q["text_en"])] = _q["code"]
_CODES = {q["code"].lower(): q["code"] for q in questionnaire.QUESTIONS}
_LABELS = {}
for _value, _names in questionnaire.AGREE_LABELS.items():
    for _name in _names.values():
        _LABELS[_clean(_name)] = _value


def match_item(header):
    """Return the standard item code a column header stands for, or ``None``."""
    raw = str(header or "").strip()
    if not raw:
        return None
    m = re.match(r"^\s*\[\s*([A-Za-z]+\d+)\s*\]", raw)
    if m and m[1].lower() in _CODES:
        return _CODES[m[1].lower()]
    key = _clean(raw)
    if key in _CODES:
        return _CODES[key]
    # LimeSurvey: QCODE[SQCODE]; Google matrix: Stem [Statement].
    m = re.match(r"^(.*)\[([^\]]+)\]\s*$", raw)
    if m:
        inner = _clean(m[2])
        if inner in _CODES:
            return _CODES[inner]
        if inner in _BY_TEXT:
            return _BY_TEXT[inner]
        if _clean(m[1]) in _CODES:
            return _CODES[_clean(m[1])]
    if key in _BY_TEXT:
        return _BY_TEXT[key]
    if " - " in raw:
        return _BY_TEXT.get(_clean(raw.rsplit(" - ", 1)[1]))
    return None


def answer(value, scale):
    """Parse an answer on ``scale`` (agree5, nps11, text); ``None`` for blank.

    :raises ValueError: not on the scale.
    """
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if scale == "text":
        return str(value).strip()
    text = str(value).strip()
    m = re.match(r"^(\d+)\s*[-=:.)]\s*\D.*$", text)     # "4 - Eens", "10 = Extremely likely"
    if m:
        text = m[1]
    try:
        n = number(text)
    except ValueError:
        n = None
    if n is None and scale == "agree5":
        n = _LABELS.get(_clean(text))
    if n is None or n != int(n):
        raise ValueError(value)
    low, high = (1, 5) if scale == "agree5" else (0, 10)
    if not low <= n <= high:
        raise ValueError(value)
    return float(n)


def level(value):
    """Map a level label (Dutch or English) to its code; ``None`` for blank; raise when unknown."""
    text = normalize(value or "")
    if not text:
        return None
    if text in LEVEL_WORDS:
        return LEVEL_WORDS[text]
    raise ValueError(value)


def parse_survey(table, issues, secret, options, *, id_field, date_field, email_field=None,
                 metadata=(), aliases=None, keep=None, item_headers=None):
    """Turn a table of survey responses into one wave.

    :param id_field: the response-id field in ``aliases`` (used for anonymous pseudonyms).
    :param date_field: the field of the response date (latest = the wave's date).
    :param metadata: normalised headers that are known non-question columns.
    :param keep: optional ``fn(row) -> bool`` dropping rows that are no answers (previews).
    :param item_headers: texts to match items on instead of the headers (Qualtrics row 2).
    """
    aliases = dict(aliases or {})
    aliases.setdefault("department", DEPARTMENT_HEADERS)
    aliases.setdefault("level", LEVEL_HEADERS)
    cols = Columns(table.headers, aliases)
    mapping = options.get("mapping") or {}
    items, mapped, unmapped, custom = {}, [], [], {}
    meta_cols = set(cols.index.values())
    for i, h in enumerate(table.headers):
        if i in meta_cols:
            continue
        code = match_item(h) or (match_item(item_headers[i]) if item_headers else None)
        if code:
            if code in items.values():
                issues.add("duplicate_column", row=1, column=h, value=h, expected="one_column", code=code)
                continue
            items[i] = code
            mapped.append((h, code))
        elif normalize(h) in metadata or not h.strip():
            continue
        elif mapping.get(h) in CONSTRUCTS:
            custom[i] = mapping[h]
            mapped.append((h, mapping[h]))
        else:
            unmapped.append(h)
    mapped = cols.mapped() + mapped
    if not items and not custom:
        issues.add("no_items", row=1, expected="items")
        return None
    keep_rows = [k for k, r in enumerate(table.rows) if keep is None or keep(r)]
    dropped = len(table.rows) - len(keep_rows)
    rows = [table.rows[k] for k in keep_rows]
    numbers = [table.row_numbers[k] for k in keep_rows]
    sub = type(table)(table.filename, table.headers, rows, numbers)
    when = dates(cols, sub, issues, date_field, required=False, order=options.get("date_order"),
                 default_order=options.get("default_date_order"))
    # Bad dates are reported; the answers are still checked so every problem shows at once.
    dates_ok = when is not None
    when = when or [None] * len(rows)
    # A custom column is an agreement item if every answer reads as one, else free text.
    custom_scale = {}
    for i in custom:
        try:
            for r in rows:
                answer(r[i], "agree5")
            custom_scale[i] = "agree5"
        except ValueError:
            custom_scale[i] = "text"
    respondents, seen = [], {}
    for k, (r, no) in enumerate(zip(rows, numbers)):
        rid = str(cols.get(r, id_field) or "").strip() or f"row{no}"
        if rid in seen:
            issues.add("duplicate_row", row=no, column=cols.name(id_field) if id_field in cols else "",
                       value=rid, expected="unique", first=seen[rid])
            continue
        seen[rid] = no
        email = str(cols.get(r, email_field) or "").strip() if email_field else ""
        linked = "@" in email
        if linked and email.lower() in seen:
            issues.add("duplicate_row", row=no, column=cols.name(email_field), value=email,
                       expected="unique", first=seen[email.lower()])
            continue
        if linked:
            seen[email.lower()] = no
        try:
            lvl = level(cols.get(r, "level"))
        except ValueError:
            issues.add("bad_value", row=no, column=cols.name("level"), value=cols.get(r, "level"),
                       expected="level")
            continue
        answers = []
        for i, code in items.items():
            try:
                v = answer(r[i], SCALES[code])
            except ValueError:
                issues.add("off_scale", row=no, column=table.headers[i], value=r[i],
                           expected=f"scale_{SCALES[code]}")
                continue
            if v is not None:
                answers.append((code, None if SCALES[code] == "text" else v,
                                v if SCALES[code] == "text" else None))
        for i, construct in custom.items():
            v = answer(r[i], custom_scale[i])
            if v is not None:
                code = custom_code(table.headers[i])
                answers.append((code, v if custom_scale[i] == "agree5" else None,
                                v if custom_scale[i] == "text" else None))
        if not answers:
            continue
        dept = str(cols.get(r, "department") or "").strip() or None
        respondents.append({
            "respondent": pseudonym(secret, email) if linked else pseudonym(secret, f"{table.filename}:{rid}"),
            "employee_id": pseudonym(secret, email) if linked else None,
            "department": dept, "level": lvl,
            "answers": answers,
            "date": when[k].isoformat() if when[k] else None,
        })
    if not dates_ok:
        return None
    days = [r["date"] for r in respondents if r["date"]]
    held_on = options.get("held_on") or (max(days) if days else None)
    if held_on is None:
        issues.add("no_wave_date", row=None, expected="wave_date")
        return None
    name = (options.get("wave") or "").strip() or f"Pulse {held_on[:7]}"
    questions = [{"code": custom_code(table.headers[i]), "construct": c, "scale": custom_scale[i],
                  "reversed": 0, "text_nl": table.headers[i][:200], "text_en": table.headers[i][:200]}
                 for i, c in custom.items()]
    records = {"wave": {"name": name, "held_on": held_on, "respondents": respondents},
               "questions": questions,
               "departments": sorted({r["department"] for r in respondents if r["department"]})}
    summary = {"rows_read": len(table.rows), "wave": name, "held_on": held_on, "respondents": len(respondents),
               "dropped": dropped, "items": sorted(set(items.values()))}
    return records, mapped, unmapped, summary


def custom_code(header):
    """A stable code for a non-standard item mapped to a construct."""
    import hashlib
    return "X" + hashlib.sha1(_clean(header).encode()).hexdigest()[:7].upper()
