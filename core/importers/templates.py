"""Draagvlak's own templates, for what no tool exports: the staff list, trainings with
attendance, training requests, improvement suggestions, pilot measurements and
stakeholder assessments. Each has Dutch and English headers (both read back) and is
downloadable as CSV or .xlsx with one example row.

The staff list is keyed by e-mail address, stored only as its pseudonym: importing it
links pseudonyms seen in usage and survey files to department, level and segment.
People named in other templates but not yet on a staff list are added to the department
"Onbekend / Unknown" until a staff list places them.
"""
import csv
import datetime as dt
import io

from core import validate
from core.importers.common import Columns, dates, is_email_like, number, pseudonym, require
from core.importers.reader import normalize
from core.importers.surveys import LEVEL_WORDS

SEGMENT_WORDS = {
    "innovator": "innovator", "innovators": "innovator", "innovatoren": "innovator",
    "early_adopter": "early_adopter", "early adopter": "early_adopter", "early adopters": "early_adopter",
    "vroege adopter": "early_adopter", "vroege adopters": "early_adopter",
    "early_majority": "early_majority", "early majority": "early_majority",
    "vroege meerderheid": "early_majority",
    "late_majority": "late_majority", "late majority": "late_majority", "late meerderheid": "late_majority",
    "laggard": "laggard", "laggards": "laggard", "achterblijver": "laggard", "achterblijvers": "laggard",
}
CATEGORY_WORDS = {
    "champion": "champion", "kampioen": "champion", "supporter": "supporter", "voorstander": "supporter",
    "neutral": "neutral", "neutraal": "neutral", "skeptic": "skeptic", "sceptic": "skeptic",
    "scepticus": "skeptic", "criticus": "skeptic", "opponent": "opponent", "tegenstander": "opponent",
}
PHASE_WORDS = {"baseline": "baseline", "vooraf": "baseline", "voor": "baseline", "nulmeting": "baseline",
               "after": "after", "na": "after", "achteraf": "after"}
REQUEST_STATUS = {"open": "open", "planned": "planned", "gepland": "planned", "done": "done",
                  "gedaan": "done", "afgerond": "done", "declined": "declined", "afgewezen": "declined"}
SUGGESTION_STATUS = {"new": "new", "nieuw": "new", "under_review": "under_review",
                     "under review": "under_review", "in behandeling": "under_review",
                     "adopted": "adopted", "overgenomen": "adopted", "rejected": "rejected",
                     "afgewezen": "rejected"}

YESNO = {"ja": 1, "j": 1, "yes": 1, "y": 1, "1": 1, "waar": 1, "true": 1, "x": 1,
         "nee": 0, "n": 0, "no": 0, "0": 0, "onwaar": 0, "false": 0}

# kind -> [(field, Dutch header, English header, type, required, example)]
SPECS = {
    "staff": [
        ("email", "E-mailadres", "Email", "email", True, "j.jansen@example.nl"),
        ("name", "Naam", "Name", "text", False, "Jan Jansen"),
        ("department", "Afdeling", "Department", "text", True, "Verkoop"),
        ("level", "Functieniveau", "Level", "level", True, "Medewerker"),
        ("segment", "Adoptiesegment", "Adoption segment", "segment", False, "Vroege meerderheid"),
        ("licensed_from", "AI-toegang vanaf", "AI access from", "date", False, "2026-01-15"),
        ("licensed_to", "AI-toegang tot", "AI access until", "date", False, ""),
        ("start_date", "In dienst sinds", "Start date", "date", False, "2019-03-01"),
    ],
    "trainings": [
        ("title", "Titel", "Title", "text", True, "AI Lunch & Learn: prompts schrijven"),
        ("held_on", "Datum", "Date", "date", True, "2026-11-12"),
        ("kind", "Soort", "Kind", "text", False, "lunch_learn"),
        ("duration_minutes", "Duur (minuten)", "Duration (minutes)", "count", False, "30"),
        ("email", "Deelnemer (e-mail)", "Attendee (email)", "email_opt", False, "j.jansen@example.nl"),
    ],
    "training_requests": [
        ("requested_on", "Datum", "Date", "date", True, "2026-11-03"),
        ("topic", "Onderwerp", "Topic", "text", True, "Copilot in Excel"),
        ("department", "Afdeling", "Department", "text", False, "Inkoop"),
        ("email", "Aanvrager (e-mail)", "Requester (email)", "email_opt", False, ""),
        ("status", "Status", "Status", "request_status", False, "open"),
    ],
    "suggestions": [
        ("submitted_on", "Datum", "Date", "date", True, "2026-11-05"),
        ("title", "Voorstel", "Suggestion", "text", True, "Offerteteksten laten voorstellen door AI"),
        ("department", "Afdeling", "Department", "text", False, "Verkoop"),
        ("status", "Status", "Status", "suggestion_status", False, "nieuw"),
    ],
    "measurements": [
        ("use_case", "Toepassing", "Use case", "text", True, "Offertecalculatie"),
        ("unit", "Eenheid", "Unit", "text", False, "offerte"),
        ("phase", "Fase", "Phase", "phase", True, "vooraf"),
        ("measured_on", "Datum", "Date", "date", True, "2026-05-04"),
        ("minutes_per_unit", "Minuten per eenheid", "Minutes per unit", "positive", False, "480"),
        ("units_per_month", "Eenheden per maand", "Units per month", "nonneg", False, "30"),
        ("errors_per_unit", "Fouten per eenheid", "Errors per unit", "nonneg", False, "0,2"),
        ("note", "Opmerking", "Note", "text", False, ""),
    ],
    "stakeholder_assessments": [
        ("email", "E-mailadres", "Email", "email", True, "m.devries@example.nl"),
        ("name", "Naam", "Name", "text", False, "Marieke de Vries"),
        ("assessed_on", "Datum", "Date", "date", True, "2026-10-01"),
        ("influence", "Invloed (1-5)", "Influence (1-5)", "influence", True, "4"),
        ("attitude", "Houding (-2 tot 2)", "Attitude (-2 to 2)", "attitude", True, "1"),
        ("category", "Categorie", "Category", "category", True, "Voorstander"),
        ("roles", "Rollen (R, A, C, I, Influencer)", "Roles (R, A, C, I, Influencer)", "roles", False, "C, Influencer"),
        ("next_action", "Volgende actie", "Next action", "text", False, "Vragen als AI-ambassadeur"),
        ("action_owner", "Eigenaar actie", "Action owner", "text", False, "Projectleider"),
        ("action_due", "Actie uiterlijk", "Action due", "date", False, "2026-11-15"),
        ("assessed_by", "Beoordeeld door", "Assessed by", "text", False, "HR"),
        ("note", "Opmerking", "Note", "text", False, ""),
    ],
    # Licences per AI tool (core/licences/): an empty price is unknown, never 0.
    "licences": [
        ("tool", "AI-tool", "AI tool", "text", True, "Microsoft 365 Copilot"),
        ("seats", "Aantal licenties", "Seats", "count", True, "120"),
        ("price_per_month", "Prijs per licentie per maand", "Price per seat per month", "nonneg", False, "28,10"),
        ("valid_from", "Geldig vanaf", "Valid from", "date", True, "2026-01-01"),
        ("valid_until", "Geldig tot", "Valid until", "date", False, ""),
        ("from_staff_list", "Toegewezen via personeelslijst", "Assigned from the staff list", "yesno", False, "ja"),
    ],
}
KINDS = tuple(SPECS)
# Columns that tell one template from another (beyond the shared Datum/Date).
_SIGNATURE = {kind: {normalize(h) for f, nl, en, *_ in spec if f not in ("held_on", "requested_on",
              "submitted_on", "measured_on", "assessed_on", "department", "status", "note", "name",
              "email")
              for h in (nl, en)} for kind, spec in SPECS.items()}


def aliases(kind):
    return {f: [nl, en, f] for f, nl, en, *_ in SPECS[kind]}


def detect(kind, h):
    h = set(h)
    spec = SPECS[kind]
    required = [f for f, *_, req, _ in spec if req]
    al = aliases(kind)
    if not all(any(normalize(a) in h for a in al[f]) for f in required):
        return 0
    return 6 + len(h & _SIGNATURE[kind])


def template_rows(kind, lang):
    """Header and example row of a template, in ``lang`` (nl or en)."""
    spec = SPECS[kind]
    headers = [nl if lang == "nl" else en for f, nl, en, *_ in spec]
    return headers, [ex for *_, ex in spec]


def template_csv(kind, lang):
    """The template as UTF-8 CSV with BOM (Excel opens it with the right accents), ``;``-separated for nl."""
    headers, example = template_rows(kind, lang)
    out = io.StringIO()
    w = csv.writer(out, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    w.writerow(validate.safe_row(headers))
    w.writerow(validate.safe_row(example))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(kind, lang):
    """The template as an .xlsx workbook with a bold header and the example row."""
    import openpyxl
    from openpyxl.styles import Font

    headers, example = template_rows(kind, lang)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = kind[:31]
    ws.append(validate.safe_row(headers))
    ws.append(validate.safe_row(example))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(14, len(h) + 2)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def file_language(kind, headers, default):
    """The language a template file was filled in: that of most of its headers (Dutch
    ``Minuten per eenheid`` or English ``Minutes per unit``), else ``default``."""
    h = {normalize(x) for x in headers}
    nl = sum(normalize(n) in h and normalize(n) != normalize(e) for _, n, e, *_ in SPECS[kind])
    en = sum(normalize(e) in h and normalize(n) != normalize(e) for _, n, e, *_ in SPECS[kind])
    return "nl" if nl > en else "en" if en > nl else default


def _value(kind_of_value, raw, lang=None):
    """Parse one cell by type; return the value or raise ``ValueError``.

    :param lang: the file's language, for numbers (``2.500`` is 2500 in Dutch).
    """
    text = str(raw).strip() if not isinstance(raw, (dt.date, dt.datetime)) else raw
    if kind_of_value in ("text",):
        return text or None
    if kind_of_value in ("email", "email_opt"):
        if not text:
            return None
        if not is_email_like(text):
            raise ValueError(raw)
        return text.lower()
    words = {"level": LEVEL_WORDS, "segment": SEGMENT_WORDS, "category": CATEGORY_WORDS,
             "phase": PHASE_WORDS, "request_status": REQUEST_STATUS,
             "suggestion_status": SUGGESTION_STATUS, "yesno": YESNO}.get(kind_of_value)
    if words is not None:
        if not text:
            return None
        key = normalize(text)
        if key not in words:
            raise ValueError(raw)
        return words[key]
    if kind_of_value == "roles":
        roles = set()
        for part in str(text).replace(";", ",").replace("/", ",").split(","):
            p = normalize(part)
            if not p:
                continue
            if p in ("r", "a", "c", "i"):
                roles.add(p)
            elif p in ("influencer", "beïnvloeder", "beinvloeder"):
                roles.add("influencer")
            else:
                raise ValueError(raw)
        return roles
    n = number(raw, lang)
    if n is None:
        return None
    if kind_of_value == "count" and (n <= 0 or n != int(n)):
        raise ValueError(raw)
    if kind_of_value == "positive" and n <= 0:
        raise ValueError(raw)
    if kind_of_value == "nonneg" and n < 0:
        raise ValueError(raw)
    if kind_of_value == "influence" and (n != int(n) or not 1 <= n <= 5):
        raise ValueError(raw)
    if kind_of_value == "attitude" and (n != int(n) or not -2 <= n <= 2):
        raise ValueError(raw)
    return int(n) if kind_of_value in ("count", "influence", "attitude") else n


def parse(kind, table, issues, secret, options):
    """Validate a template file; return ``(records, mapped, unmapped, summary)``."""
    spec = SPECS[kind]
    cols = Columns(table.headers, aliases(kind))
    required = {f: (nl if options.get("lang", "nl") == "nl" else en)
                for f, nl, en, typ, req, _ in spec if req}
    if not require(cols, table, issues, required):
        return None
    parsed_dates, dates_ok = {}, True
    for f, nl, en, typ, req, _ in spec:
        if typ == "date":
            col = dates(cols, table, issues, f, required=req, order=options.get("date_order"))
            # A bad date column is reported; the other cells are still checked.
            dates_ok = dates_ok and col is not None
            parsed_dates[f] = col or [None] * len(table.rows)
    today = dt.date.today()
    lang = file_language(kind, table.headers, options.get("lang", "nl"))
    rows, seen = [], {}
    for k, (r, no) in enumerate(zip(table.rows, table.row_numbers)):
        rec, bad = {}, False
        for f, nl, en, typ, req, _ in spec:
            if f not in cols:
                rec[f] = None
                continue
            if typ == "date":
                rec[f] = parsed_dates[f][k]
                if rec[f] is not None and rec[f] > today and f not in ("action_due", "licensed_to", "valid_from", "valid_until"):
                    issues.add("future_date", row=no, column=cols.name(f), value=rec[f].isoformat(),
                               expected="not_after", date=today.isoformat())
                    bad = True
                continue
            raw = cols.get(r, f)
            try:
                rec[f] = _value(typ, raw, lang)
            except ValueError as exc:
                ambiguous = getattr(exc, "code", None) == "ambiguous"
                issues.add("bad_value", row=no, column=cols.name(f), value=raw,
                           expected="number_unambiguous" if ambiguous else typ)
                bad = True
                continue
            if req and rec[f] in (None, ""):
                issues.add("missing_value", row=no, column=cols.name(f), value="", expected=typ)
                bad = True
        if bad or not dates_ok:
            continue
        key = tuple(str(rec[f]) for f, *_ in spec) if kind != "staff" else (rec["email"],)
        if kind == "trainings":
            key = (rec["title"], rec["held_on"], rec["email"])
        if key in seen:
            issues.add("duplicate_row", row=no, column=cols.name(spec[0][0]),
                       value=rec[spec[0][0]], expected="unique", first=seen[key])
            continue
        seen[key] = no
        if kind == "staff" and rec["licensed_to"] and rec["licensed_from"] and rec["licensed_to"] < rec["licensed_from"]:
            issues.add("bad_value", row=no, column=cols.name("licensed_to"), value=rec["licensed_to"],
                       expected="not_before", date=rec["licensed_from"].isoformat())
            continue
        if kind == "licences" and rec["valid_until"] and rec["valid_until"] < rec["valid_from"]:
            issues.add("bad_value", row=no, column=cols.name("valid_until"), value=rec["valid_until"],
                       expected="not_before", date=rec["valid_from"].isoformat())
            continue
        rows.append(rec)
    if not dates_ok:
        return None
    records = _records(kind, rows, secret)
    mapped = cols.mapped()
    unmapped = [h for i, h in enumerate(table.headers) if i not in set(cols.index.values())]
    return records, mapped, unmapped, {"rows": len(rows)}


def _iso(d):
    return d.isoformat() if d else None


def _person(secret, rec):
    return {"id": pseudonym(secret, rec["email"]), "department": None, "level": None,
            "licensed_from": None, "display_name": rec.get("name")}


def _records(kind, rows, secret):
    depts = sorted({r["department"] for r in rows if r.get("department")})
    if kind == "staff":
        return {"departments": depts, "staff": [
            {"id": pseudonym(secret, r["email"]), "display_name": r["name"], "department": r["department"],
             "level": r["level"], "segment": r["segment"], "licensed_from": _iso(r["licensed_from"]),
             "licensed_to": _iso(r["licensed_to"]), "start_date": _iso(r["start_date"])} for r in rows]}
    if kind == "trainings":
        sessions = {}
        for r in rows:
            s = sessions.setdefault((r["title"], r["held_on"]), {
                "title": r["title"], "held_on": _iso(r["held_on"]), "kind": r["kind"] or "lunch_learn",
                "duration_minutes": r["duration_minutes"], "attendees": []})
            if r["email"]:
                s["attendees"].append(pseudonym(secret, r["email"]))
        people = [_person(secret, r) for r in rows if r["email"]]
        return {"trainings": list(sessions.values()), "employees": people}
    if kind == "training_requests":
        return {"departments": depts, "employees": [_person(secret, r) for r in rows if r["email"]],
                "training_requests": [
                    {"requested_on": _iso(r["requested_on"]), "topic": r["topic"], "department": r["department"],
                     "employee_id": pseudonym(secret, r["email"]) if r["email"] else None,
                     "status": r["status"] or "open"} for r in rows]}
    if kind == "suggestions":
        return {"departments": depts, "suggestions": [
            {"submitted_on": _iso(r["submitted_on"]), "title": r["title"], "department": r["department"],
             "status": r["status"] or "new"} for r in rows]}
    if kind == "measurements":
        return {"measurements": [
            {"use_case": r["use_case"], "unit": r["unit"], "phase": r["phase"],
             "measured_on": _iso(r["measured_on"]), "minutes_per_unit": r["minutes_per_unit"],
             "units_per_month": r["units_per_month"], "errors_per_unit": r["errors_per_unit"],
             "note": r["note"]} for r in rows]}
    if kind == "stakeholder_assessments":
        out = []
        for r in rows:
            roles = r["roles"] or set()
            out.append({"employee_id": pseudonym(secret, r["email"]), "assessed_on": _iso(r["assessed_on"]),
                        "influence": r["influence"], "attitude": r["attitude"], "category": r["category"],
                        "role_r": int("r" in roles), "role_a": int("a" in roles), "role_c": int("c" in roles),
                        "role_i": int("i" in roles), "role_influencer": int("influencer" in roles),
                        "next_action": r["next_action"], "action_owner": r["action_owner"],
                        "action_due": _iso(r["action_due"]), "assessed_by": r["assessed_by"], "note": r["note"]})
        return {"employees": [_person(secret, r) for r in rows], "stakeholder_assessments": out}
    if kind == "licences":
        return {"licences": [
            {"tool": r["tool"], "seats": r["seats"], "price_per_month": r["price_per_month"],
             "valid_from": _iso(r["valid_from"]), "valid_until": _iso(r["valid_until"]),
             "from_staff_list": int(bool(r["from_staff_list"]))} for r in rows]}
    raise KeyError(kind)
