"""The stakeholder map: who stands where on influence × attitude, how they moved, what to do next.

Every assessment is a dated row of ``stakeholder_assessments`` and is never overwritten;
a person's *latest* assessment on or before ``as_of`` places them, their *previous* one
tells how they moved. The rules are those of ``kpis.stakeholders`` so the Overview and
the Stakeholders page agree:

- influence ≥ ``kpis.HIGH_INFLUENCE_MIN`` (3) is the top row ("high"), 1–2 the bottom row;
- attitude > 0 is positive, < 0 negative, 0 undecided (on no side of the canvas);
- Key Champions = high & positive, Critical Blockers = high & negative,
  Silent Supporters = low & positive, Grumblers = low & negative;
- overdue = latest assessment older than ``kpis.reassess_after`` days (default 183) before as_of;
- moved positive / negative = attitude higher / lower than in the previous assessment.

People with missing scores are not dropped: an employee with a display name but no
assessment, and everyone at ``management`` or ``middle_management`` level without one, is
listed as *not assessed*. The latter are the "high-influence person never assessed"
warning: their formal level makes them likely high influence, but nobody has judged it.

Writes (add a person, record an assessment, edit the next action, bulk edits) validate
everything first and raise ``ValidationError`` listing every problem, so bad input
changes nothing; good input lands as one ``store.write`` transaction with an audit entry.
"""
import dataclasses
import datetime as dt
import io
import math
import re

from core import i18n, kpis, store, validate
from core.filters import Filters
from core.schema import CATEGORIES, LEVELS, SEGMENTS


def _pd():
    """pandas, imported on first use: ``kpis --json`` reads this module but needs no tables."""
    import pandas
    return pandas


HIGH_INFLUENCE_MIN = kpis.HIGH_INFLUENCE_MIN
ROLES = ("r", "a", "c", "i", "influencer")
PLACES = kpis.QUADRANTS + ("undecided",)
# Formal levels whose unassessed members count as "high influence, never assessed".
HIGH_LEVELS = ("management", "middle_management")
# The lowest formal level: an Influencer here is the informal leader the article says is overlooked.
LOW_FORMAL_LEVELS = ("employee",)
EARLY_SEGMENTS = ("innovator", "early_adopter")
LATE_SEGMENTS = ("late_majority", "laggard")
# Attitudes a category may have: a Champion cannot be against, an Opponent cannot be for.
CATEGORY_ATTITUDES = {
    "champion": (1, 2), "supporter": (0, 2), "neutral": (-1, 1),
    "skeptic": (-2, 0), "opponent": (-2, -1),
}
MAX_NAME = 80
MAX_TEXT = 500
AUDIT_ENTITY = "stakeholder_assessments"


# ---------------------------------------------------------------- placement

def quadrant(influence, attitude):
    """Place a score on the canvas: one of ``PLACES`` (``None`` without a score).

    high = influence ≥ 3; positive = attitude > 0, negative = attitude < 0, 0 = ``undecided``.
    """
    if influence is None or attitude is None:
        return None
    if attitude == 0:
        return "undecided"
    high = influence >= HIGH_INFLUENCE_MIN
    if attitude > 0:
        return "key_champions" if high else "silent_supporters"
    return "critical_blockers" if high else "grumblers"


def movement(previous_attitude, attitude):
    """``"positive"`` / ``"negative"`` when attitude rose / fell since the previous assessment, else ``None``."""
    if previous_attitude is None or attitude is None or previous_attitude == attitude:
        return None
    return "positive" if attitude > previous_attitude else "negative"


def is_overdue(assessed_on, as_of, reassess_after_days):
    """True when an assessment dated ``assessed_on`` is older than ``reassess_after_days`` on ``as_of``.

    overdue ⇔ assessed_on < as_of − reassess_after_days (as ``kpis.stakeholders`` counts it).
    """
    if assessed_on is None:
        return False
    day = dt.date.fromisoformat(str(assessed_on)[:10])
    return day < as_of - dt.timedelta(days=int(reassess_after_days))


def playbook(place, category, level, segment):
    """Pick the article's playbook action for a person: a catalog key ``stakeholders.playbook.<name>``.

    First matching rule wins:
    critical blocker → by level (middle management: one-to-one talk about the fear of becoming
    redundant; management: business case; IT: use cases, security, budget); an employee
    who is an Opponent → understand, respect, involve or isolate; else → personal talk.
    key champion → early adopter or innovator: ambassador, beta access, trains colleagues;
    else by level. silent supporter → early adopter: beta access and a stage; else make
    visible. grumbler → late majority or laggard: personal coaching; else listen and
    demonstrate. undecided → high influence: what convinces their level; low: success
    stories. Not assessed → assess with HR, long-time staff and team leads.
    """
    if place is None:
        return "stakeholders.playbook.unassessed"
    early = segment in EARLY_SEGMENTS
    if place == "critical_blockers":
        if level == "middle_management":
            return "stakeholders.playbook.blocker_middle"
        if level == "management":
            return "stakeholders.playbook.blocker_management"
        if level == "it":
            return "stakeholders.playbook.blocker_it"
        if category == "opponent":
            return "stakeholders.playbook.blocker_opponent"
        return "stakeholders.playbook.blocker_employee"
    if place == "key_champions":
        if early:
            return "stakeholders.playbook.champion_early_adopter"
        return f"stakeholders.playbook.champion_{_level_suffix(level)}"
    if place == "silent_supporters":
        return ("stakeholders.playbook.supporter_early_adopter" if early
                else "stakeholders.playbook.supporter")
    if place == "grumblers":
        return ("stakeholders.playbook.grumbler_late" if segment in LATE_SEGMENTS
                else "stakeholders.playbook.grumbler")
    return "stakeholders.playbook.undecided_low"


def _level_suffix(level):
    return {"management": "management", "middle_management": "middle", "it": "it"}.get(level, "employee")


def _undecided_key(influence, level):
    if influence is not None and influence >= HIGH_INFLUENCE_MIN:
        return f"stakeholders.playbook.undecided_{_level_suffix(level)}"
    return "stakeholders.playbook.undecided_low"


def suggested_action(place, category, level, segment, influence=None):
    """``playbook`` with the undecided split by influence: a catalog key."""
    if place == "undecided":
        return _undecided_key(influence, level)
    return playbook(place, category, level, segment)


# ---------------------------------------------------------------- reading

def _in_clause(column, values):
    if not values:
        return "", []
    return f" AND {column} IN ({', '.join('?' for _ in values)})", list(values)


_PERSON_SQL = """
WITH ranked AS (
    SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.employee_id
                                   ORDER BY s.assessed_on DESC, s.id DESC) AS rn
    FROM stakeholder_assessments s
    WHERE s.assessed_on <= :as_of
)
SELECT e.id, e.display_name, e.department, e.level, e.segment,
       cur.id, cur.assessed_on, cur.influence, cur.attitude, cur.category,
       cur.role_r, cur.role_a, cur.role_c, cur.role_i, cur.role_influencer,
       cur.next_action, cur.action_owner, cur.action_due, cur.assessed_by, cur.note,
       prev.assessed_on, prev.influence, prev.attitude, prev.category
FROM employees e
LEFT JOIN ranked cur ON cur.employee_id = e.id AND cur.rn = 1
LEFT JOIN ranked prev ON prev.employee_id = e.id AND prev.rn = 2
WHERE (cur.id IS NOT NULL
       OR ((e.display_name IS NOT NULL AND trim(e.display_name) <> '')
           OR e.level IN ('management', 'middle_management'))
          AND (e.start_date IS NULL OR e.start_date <= :as_of))
"""


def people(db, f: Filters, levels=(), categories=(), roles=()):
    """Every stakeholder in view with their latest and previous assessment, placed and judged.

    A stakeholder is anyone assessed on or before as_of, plus (not assessed) anyone with a
    display name or at management / middle management level. Sorted by display name.

    :param levels: keep only these formal levels (empty: all).
    :param categories: keep only people whose latest category is one of these (empty: all;
        not-assessed people have no category and are dropped by this filter).
    :param roles: keep only people holding at least one of these RACI + Influencer roles
        (``r``, ``a``, ``c``, ``i``, ``influencer``) in their latest assessment.
    :returns: a list of dicts, see the keys below.
    """
    reassess = kpis.reassess_after(db)
    clause, params = _in_clause("e.department", f.departments)
    level_clause, level_params = _in_clause("e.level", levels)
    rows = db.execute(
        _PERSON_SQL.replace(":as_of", "?") + clause + level_clause + " ORDER BY e.id",
        [f.as_of_iso, f.as_of_iso] + params + level_params,
    ).fetchall()
    out = []
    for row in rows:
        (eid, name, dept, level, segment, aid, on, influence, attitude, category,
         r, a, c, i, x, action, owner, due, by, note, p_on, p_inf, p_att, p_cat) = row
        held = [role for role, flag in zip(ROLES, (r, a, c, i, x)) if flag]
        if categories and category not in categories:
            continue
        if roles and not set(held) & set(roles):
            continue
        place = quadrant(influence, attitude)
        previous = None
        if p_on is not None:
            previous = {"assessed_on": p_on, "influence": p_inf, "attitude": p_att,
                        "category": p_cat, "quadrant": quadrant(p_inf, p_att)}
        out.append({
            "employee_id": eid,
            "name": name.strip() if name and name.strip() else None,
            "label": name.strip() if name and name.strip() else eid,
            "department": dept, "level": level, "segment": segment,
            "assessment_id": aid, "assessed_on": on, "influence": influence,
            "attitude": attitude, "category": category, "roles": held,
            "next_action": action, "action_owner": owner, "action_due": due,
            "assessed_by": by, "note": note,
            "quadrant": place,
            "high_influence": influence is not None and influence >= HIGH_INFLUENCE_MIN,
            "previous": previous,
            "moved": movement(p_att, attitude),
            "quadrant_changed": previous is not None and previous["quadrant"] != place,
            "overdue": is_overdue(on, f.as_of, reassess),
            "age_days": None if on is None else (f.as_of - dt.date.fromisoformat(on[:10])).days,
            "playbook": suggested_action(place, category, level, segment, influence),
        })
    out.sort(key=lambda p: (p["label"].casefold(), p["employee_id"]))
    return out


def counts(persons):
    """Count a ``people`` list: per place, assessed, not assessed, overdue and movements.

    ``moved_positive`` / ``moved_negative`` = people whose attitude rose / fell since their
    previous assessment (``kpis.stakeholders``' improved / declined);
    ``unassessed_high_influence`` = people at management or middle management level
    without any assessment.
    """
    result = {place: 0 for place in PLACES}
    result.update(assessed=0, not_assessed=0, overdue=0, moved_positive=0, moved_negative=0,
                  quadrant_changed=0, unassessed_high_influence=0)
    for p in persons:
        if p["quadrant"] is None:
            result["not_assessed"] += 1
            result["unassessed_high_influence"] += p["level"] in HIGH_LEVELS
            continue
        result[p["quadrant"]] += 1
        result["assessed"] += 1
        result["overdue"] += p["overdue"]
        result["quadrant_changed"] += p["quadrant_changed"]
        if p["moved"]:
            result[f"moved_{p['moved']}"] += 1
    return result


def stakeholder_map(db, f: Filters, levels=(), categories=(), roles=()):
    """The page's data in one cacheable call: ``{"people", "counts", "reassess_after_days"}``.

    Parameters as for ``people``; pass tuples (they are cache keys).
    """
    persons = people(db, f, levels, categories, roles)
    return {"people": persons, "counts": counts(persons),
            "reassess_after_days": kpis.reassess_after(db)}


def warnings(db, f: Filters):
    """What the article warns about, as a list of ``{"code", "people"}`` (labels of the people concerned).

    - ``no_accountable``: no one's latest assessment holds role A — judged company-wide,
      because a project has one owner whatever department is in view;
    - ``no_influencer``: no Influencer named, company-wide for the same reason;
    - ``unassessed_high_influence``: people at management or middle management level in
      view without any assessment;
    - ``influencer_low_level``: Influencers at the lowest formal level (employee): the
      informal leaders who are easily overlooked — a highlight, not a fault.
    The last two follow the department filter.
    """
    company = people(db, dataclasses.replace(f, departments=()))
    in_view = people(db, f) if f.departments else company
    found = []
    if company and not any("a" in p["roles"] for p in company):
        found.append({"code": "no_accountable", "people": []})
    if company and not any("influencer" in p["roles"] for p in company):
        found.append({"code": "no_influencer", "people": []})
    missing = [p["label"] for p in in_view if p["quadrant"] is None and p["level"] in HIGH_LEVELS]
    if missing:
        found.append({"code": "unassessed_high_influence", "people": missing})
    informal = [p["label"] for p in in_view if is_informal_leader(p)]
    if informal:
        found.append({"code": "influencer_low_level", "people": informal})
    return found


def focus_list(persons):
    """The people to work on, top row (high influence) first, then by influence, most negative first.

    Order: assessed high influence, assessed low influence, then the not assessed (high
    formal level first); within a group by influence (high to low), attitude (low to high)
    and name.
    """
    def key(p):
        if p["quadrant"] is None:
            return (2, p["level"] not in HIGH_LEVELS, 0, 0, p["label"].casefold())
        return (0 if p["high_influence"] else 1, 0, -p["influence"], p["attitude"],
                p["label"].casefold())
    return sorted(persons, key=key)


def timeline(db, employee_id, as_of=None):
    """Every assessment of one person, oldest first, each placed on the canvas.

    :param as_of: leave out assessments after this date (``None``: all).
    """
    rows = db.execute(
        "SELECT id, assessed_on, influence, attitude, category, role_r, role_a, role_c, role_i, "
        "role_influencer, next_action, action_owner, action_due, assessed_by, note "
        "FROM stakeholder_assessments WHERE employee_id = ? AND assessed_on <= ? "
        "ORDER BY assessed_on, id",
        [employee_id, (as_of or dt.date.max).isoformat()],
    ).fetchall()
    out = []
    previous = None
    for (aid, on, influence, attitude, category, r, a, c, i, x, action, owner, due, by,
         note) in rows:
        out.append({
            "assessment_id": aid, "assessed_on": on, "influence": influence,
            "attitude": attitude, "category": category,
            "roles": [role for role, flag in zip(ROLES, (r, a, c, i, x)) if flag],
            "quadrant": quadrant(influence, attitude),
            "moved": movement(previous, attitude),
            "first": not out,
            "next_action": action, "action_owner": owner, "action_due": due,
            "assessed_by": by, "note": note,
        })
        previous = attitude
    return out


def person_timeline(db, f: Filters, employee_id):
    """``timeline`` up to the view's as_of, in the ``context.figure`` calling shape."""
    return timeline(db, employee_id, f.as_of)


def department_names(db, f: Filters):
    """The company's departments (all of them, whatever the filter), for the add-a-person form."""
    return kpis.departments(db)


def summary_json(db, f: Filters):
    """The stakeholder detail for ``kpis --json``: ``{"stakeholder_detail": {...}}``.

    Quadrant counts (``key_champions``, ``critical_blockers``, ``silent_supporters``,
    ``grumblers``, ``undecided``), ``assessed``, ``moved_positive``, ``moved_negative``,
    ``overdue`` and ``unassessed_high_influence`` (see ``counts``) for the view's departments.
    """
    c = counts(people(db, f))
    keys = PLACES + ("assessed", "moved_positive", "moved_negative", "overdue",
                     "unassessed_high_influence")
    return {"stakeholder_detail": {k: int(c[k]) for k in keys}}


# ---------------------------------------------------------------- export

def focus_frame(persons, lang):
    """The focus list as a table with headers and values in ``lang``, ready for CSV or Excel."""
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    rows = []
    for p in focus_list(persons):
        rows.append({
            t("stakeholders.col.row"): t("stakeholders.row.top" if p["high_influence"] else
                                         ("stakeholders.row.unassessed" if p["quadrant"] is None
                                          else "stakeholders.row.bottom")),
            t("stakeholders.col.name"): p["label"],
            t("stakeholders.col.quadrant"): t(f"stakeholders.place.{p['quadrant'] or 'unassessed'}"),
            t("stakeholders.col.influence"): p["influence"],
            t("stakeholders.col.attitude"): p["attitude"],
            t("stakeholders.col.next_action"): p["next_action"] or "",
            t("stakeholders.col.owner"): p["action_owner"] or "",
            t("stakeholders.col.due"): i18n.fmt_date(p["action_due"], lang) if p["action_due"] else "",
            t("stakeholders.col.suggested"): t(p["playbook"]),
            t("stakeholders.col.category"): t(f"stakeholders.category.{p['category']}") if p["category"] else "",
            t("stakeholders.col.level"): t(f"level.{p['level']}"),
            t("stakeholders.col.department"): p["department"],
            t("stakeholders.col.roles"): roles_text(p["roles"], lang),
            t("stakeholders.col.assessed_on"): i18n.fmt_date(p["assessed_on"], lang) if p["assessed_on"] else "",
            t("stakeholders.col.overdue"): t("stakeholders.yes") if p["overdue"] else "",
        })
    frame = _pd().DataFrame(rows)
    for key in ("stakeholders.col.influence", "stakeholders.col.attitude"):
        if len(frame):
            frame[t(key)] = frame[t(key)].astype("Int64")   # whole numbers, blank when not assessed
    return frame


def roles_frame(persons, lang):
    """The RACI + Influencer table: one row per assessed person, a ✓ per role held, informal leaders marked."""
    rows = []
    for p in persons:
        if p["quadrant"] is None:
            continue
        row = {i18n.t("stakeholders.col.name", lang): p["label"],
               i18n.t("stakeholders.col.department", lang): p["department"],
               i18n.t("stakeholders.col.level", lang): i18n.t(f"level.{p['level']}", lang)}
        for role in ROLES:
            row[i18n.t(f"stakeholders.role_short.{role}", lang)] = "✓" if role in p["roles"] else ""
        row[i18n.t("stakeholders.col.informal", lang)] = (
            i18n.t("stakeholders.informal_leader", lang) if is_informal_leader(p) else "")
        rows.append(row)
    return _pd().DataFrame(rows)


def is_informal_leader(person):
    """An Influencer at the lowest formal level (employee): the informal leader the article says is overlooked."""
    return "influencer" in person["roles"] and person["level"] in LOW_FORMAL_LEVELS


def role_counts(persons):
    """How many assessed people hold each role: ``{role: n}`` in ``ROLES`` order."""
    return {role: sum(role in p["roles"] for p in persons if p["quadrant"] is not None)
            for role in ROLES}


def movements_frame(persons, lang):
    """People whose score changed since their previous assessment: from, to and the attitude's direction."""
    def where(place, influence, attitude):
        return (i18n.t(f"stakeholders.place.{place}", lang) + " ("
                + i18n.t("stakeholders.chart.score", lang, influence=influence,
                         attitude=i18n.fmt_points(attitude, lang)) + ")")
    rows = []
    for p in persons:
        prev = p["previous"]
        if prev is None or (prev["influence"], prev["attitude"]) == (p["influence"], p["attitude"]):
            continue
        rows.append({
            i18n.t("stakeholders.col.name", lang): p["label"],
            i18n.t("stakeholders.col.from", lang): where(prev["quadrant"], prev["influence"], prev["attitude"]),
            i18n.t("stakeholders.col.to", lang): where(p["quadrant"], p["influence"], p["attitude"]),
            i18n.t("stakeholders.col.change", lang): i18n.t(f"stakeholders.moved.{p['moved'] or 'none'}", lang),
            i18n.t("stakeholders.col.assessed_on", lang): i18n.fmt_date(p["assessed_on"], lang),
        })
    return _pd().DataFrame(rows)


def unassessed_frame(persons, lang):
    """People in view without any assessment (listed, never dropped), high formal level first."""
    rows = [{i18n.t("stakeholders.col.name", lang): p["label"],
             i18n.t("stakeholders.col.department", lang): p["department"],
             i18n.t("stakeholders.col.level", lang): i18n.t(f"level.{p['level']}", lang)}
            for p in focus_list(persons) if p["quadrant"] is None]
    return _pd().DataFrame(rows)


def timeline_frame(history, lang, notes=True):
    """A person's assessments, newest first, as a table in ``lang``.

    :param notes: whether the table holds the assessors' notes (``Actor.may_see_notes``:
        a viewer sees them only when granted).
    """
    rows = []
    for h in reversed(history):
        rows.append({
            i18n.t("stakeholders.col.assessed_on", lang): i18n.fmt_date(h["assessed_on"], lang),
            i18n.t("stakeholders.col.influence", lang): h["influence"],
            i18n.t("stakeholders.col.attitude", lang): i18n.fmt_points(h["attitude"], lang),
            i18n.t("stakeholders.col.category", lang): i18n.t(f"stakeholders.category.{h['category']}", lang),
            i18n.t("stakeholders.col.quadrant", lang): i18n.t(f"stakeholders.place.{h['quadrant']}", lang),
            i18n.t("stakeholders.col.change", lang):
                "–" if h["first"] else i18n.t(f"stakeholders.moved.{h['moved'] or 'none'}", lang),
            i18n.t("stakeholders.col.roles", lang): roles_text(h["roles"], lang),
            i18n.t("stakeholders.col.assessed_by", lang): h["assessed_by"] or "",
            i18n.t("stakeholders.col.next_action", lang): h["next_action"] or "",
        })
        if notes:
            rows[-1][i18n.t("stakeholders.col.note", lang)] = h["note"] or ""
    return _pd().DataFrame(rows)


BULK_COLUMNS = ("assessment_id", "name", "influence", "attitude", "category", "next_action",
                "action_owner", "action_due")


def bulk_frame(persons, lang):
    """The editable table of latest assessments: columns ``BULK_COLUMNS``, category in ``lang``, due as a date."""
    rows = [{"assessment_id": p["assessment_id"], "name": p["label"], "influence": p["influence"],
             "attitude": p["attitude"], "category": i18n.t(f"stakeholders.category.{p['category']}", lang),
             "next_action": p["next_action"] or "", "action_owner": p["action_owner"] or "",
             "action_due": dt.date.fromisoformat(p["action_due"][:10]) if p["action_due"] else None}
            for p in persons if p["quadrant"] is not None]
    return _pd().DataFrame(rows, columns=list(BULK_COLUMNS))


def bulk_opened(persons):
    """What the bulk table shows, as stored: ``{assessment_id: {field: value}}`` for ``bulk_update``."""
    return {p["assessment_id"]: {f: p[f] for f in BULK_FIELDS}
            for p in persons if p["quadrant"] is not None}


def bulk_rows(frame, lang):
    """Turn an edited ``bulk_frame`` back into ``bulk_update`` rows (category names to codes).

    A category name that is no category stays as typed, so validation names it.
    """
    by_name = {i18n.t(f"stakeholders.category.{c}", lang): c for c in CATEGORIES}
    rows = []
    for record in frame.to_dict("records"):
        record = {k: (None if _is_missing(v) else v) for k, v in record.items()}
        record["category"] = by_name.get(record.get("category"), record.get("category"))
        rows.append(record)
    return rows


def roles_text(held, lang):
    """Short names of held roles, e.g. ``R, C, Influencer`` (translated)."""
    return ", ".join(i18n.t(f"stakeholders.role_short.{r}", lang) for r in held)


def to_csv(frame, lang):
    """CSV bytes with a BOM (Excel reads the accents); ``;``-separated in Dutch, as Dutch Excel
    expects; text that a spreadsheet would run as a formula is neutralised (``validate.safe_cell``)."""
    return validate.safe_frame(frame).to_csv(index=False, sep=";" if lang == "nl" else ",").encode("utf-8-sig")


def to_excel(frame, sheet="Focus"):
    """An .xlsx workbook (bytes) holding ``frame`` on one sheet, columns sized to their text;
    formula-like text is neutralised (``validate.safe_cell``)."""
    frame = validate.safe_frame(frame)
    buffer = io.BytesIO()
    with _pd().ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
        ws = writer.sheets[sheet[:31]]
        for idx, column in enumerate(frame.columns, start=1):
            width = max([len(str(column))] + [len(str(v)) for v in frame[column]])
            ws.column_dimensions[ws.cell(row=1, column=idx).column_letter].width = min(60, width + 2)
    return buffer.getvalue()


# ---------------------------------------------------------------- validation and writes

@dataclasses.dataclass(frozen=True)
class Problem(validate.Problem):
    """One validation problem (a ``validate.Problem``): the field, what is wrong
    (``stakeholders.error.<code>``), and the row of a table."""

    field: str
    code: str
    row: int | None = None
    values: tuple = ()

    @property
    def column(self):
        return self.field

    @property
    def key(self):
        return f"stakeholders.error.{self.code}"

    @property
    def params(self):
        return dict(self.values)

    def message(self, lang):
        """The problem in words, naming the field (and the row, for tables)."""
        text = i18n.t(f"stakeholders.error.{self.code}", lang,
                      field=i18n.t(f"stakeholders.field.{self.field}", lang), **dict(self.values))
        if self.row is not None:
            return i18n.t("stakeholders.error.in_row", lang, row=self.row, message=text)
        return text


class ValidationError(validate.Invalid):
    """Input that would not be stored; ``problems`` lists every ``Problem`` found."""

    def __init__(self, problems):
        problems = list(problems)
        super().__init__(problems, "; ".join(f"{p.field}: {p.code}" + (f" (row {p.row})" if p.row else "")
                                             for p in problems))


def _text(value, field, problems, row=None, required=False, limit=MAX_TEXT, multiline=False):
    # One rule for all free text (core.validate): trimmed, no control characters, not too long.
    if _is_missing(value):
        value = None
    try:
        text = validate.clean_text(value, max_len=limit, multiline=multiline)
    except validate.TextProblem as problem:
        values = (("max", limit),) if problem.code == "too_long" else ()
        problems.append(Problem(field, problem.code, row, values))
        return None
    if required and not text:
        problems.append(Problem(field, "required", row))
    return text or None


def _date(value, field, problems, row=None, required=False, not_after=None):
    if value is None or (isinstance(value, str) and not value.strip()) or _is_missing(value):
        if required:
            problems.append(Problem(field, "required", row))
        return None
    try:
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif hasattr(value, "date") and callable(value.date):    # pandas Timestamp
            day = value.date()
        else:
            day = dt.date.fromisoformat(str(value).strip()[:10])
    except (TypeError, ValueError):
        problems.append(Problem(field, "bad_date", row))
        return None
    if not_after is not None and day > not_after:
        problems.append(Problem(field, "future", row))
        return None
    return day


def _is_missing(value):
    try:
        return bool(_pd().isna(value))
    except (TypeError, ValueError):
        return False


def _integer(value, field, low, high, problems, row=None):
    if value is None or _is_missing(value) or (isinstance(value, str) and not value.strip()):
        problems.append(Problem(field, "required", row))
        return None
    try:
        number = validate.parse_number(str(value).replace("+", "") if isinstance(value, str) else value)
    except (TypeError, ValueError):
        problems.append(Problem(field, "range", row, (("low", low), ("high", high))))
        return None
    # NaN and infinity ("nan", "inf" typed or pasted) are out of every range.
    if not math.isfinite(number) or number != int(number) or not low <= number <= high:
        problems.append(Problem(field, "range", row, (("low", low), ("high", high))))
        return None
    return int(number)


def _choice(value, field, allowed, problems, row=None, required=True):
    if value is None or value == "" or _is_missing(value):
        if required:
            problems.append(Problem(field, "required", row))
        return None
    if value not in allowed:
        problems.append(Problem(field, "choice", row))
        return None
    return value


def _check_category(category, attitude, problems, row=None):
    if category is None or attitude is None:
        return
    low, high = CATEGORY_ATTITUDES[category]
    if not low <= attitude <= high:
        problems.append(Problem("category", "category_attitude", row))


def _employee_exists(db, employee_id):
    return employee_id is not None and db.execute(
        "SELECT 1 FROM employees WHERE id = ?", [employee_id]).fetchone() is not None


def _new_employee_id(db):
    """The next free pseudonym of the ``E0001`` form."""
    numbers = [int(m.group(1)) for (eid,) in db.execute("SELECT id FROM employees")
               if (m := re.fullmatch(r"E(\d+)", eid))]
    n = max(numbers, default=0) + 1
    while db.execute("SELECT 1 FROM employees WHERE id = ?", [f"E{n:04d}"]).fetchone():
        n += 1
    return f"E{n:04d}"


def add_person(s, *, actor, display_name, department, level, segment=None):
    """Add a named person (an employee row) to the stakeholder map; return the new pseudonym.

    :param s: the ``store.Store``.
    :param display_name: required, at most 80 characters, not already in use (ignoring case).
    :param department: an existing department; :param level: one of ``LEVELS``;
    :param segment: optional Rogers segment.
    :raises ValidationError: on bad input; then nothing is written.
    """
    problems = []
    name = _text(display_name, "display_name", problems, required=True, limit=MAX_NAME)
    db = s.read()
    depts = set(kpis.departments(db))
    _choice(department, "department", depts, problems)
    _choice(level, "level", LEVELS, problems)
    _choice(segment, "segment", SEGMENTS, problems, required=False)
    if name and db.execute("SELECT 1 FROM employees WHERE lower(trim(display_name)) = lower(?)",
                           [name]).fetchone():
        problems.append(Problem("display_name", "name_taken"))
    if problems:
        raise ValidationError(problems)
    with s.write(actor=actor) as db:
        eid = _new_employee_id(db)
        db["employees"].insert({"id": eid, "display_name": name, "department": department,
                                "level": level, "segment": segment})
        _audit(db, actor, "stakeholder.person_add", "employees", eid,
               {"display_name": name, "department": department, "level": level})
    return eid


def _validate_assessment(db, values, problems, row=None, today=None):
    today = today or dt.date.today()
    clean = {}
    clean["employee_id"] = values.get("employee_id")
    if row is None and not _employee_exists(db, clean["employee_id"]):
        problems.append(Problem("person", "required" if not clean["employee_id"] else "choice", row))
    clean["assessed_on"] = _date(values.get("assessed_on"), "assessed_on", problems, row,
                                 required=True, not_after=today)
    clean["influence"] = _integer(values.get("influence"), "influence", 1, 5, problems, row)
    clean["attitude"] = _integer(values.get("attitude"), "attitude", -2, 2, problems, row)
    clean["category"] = _choice(values.get("category"), "category", CATEGORIES, problems, row)
    _check_category(clean["category"], clean["attitude"], problems, row)
    held = list(values.get("roles") or ())
    if any(r not in ROLES for r in held):
        problems.append(Problem("roles", "choice", row))
    clean["roles"] = [r for r in ROLES if r in held]
    clean["note"] = _text(values.get("note"), "note", problems, row, multiline=True)
    clean["assessed_by"] = _text(values.get("assessed_by"), "assessed_by", problems, row,
                                 required=True, limit=MAX_NAME)
    clean["next_action"] = _text(values.get("next_action"), "next_action", problems, row)
    clean["action_owner"] = _text(values.get("action_owner"), "action_owner", problems, row,
                                  limit=MAX_NAME)
    clean["action_due"] = _date(values.get("action_due"), "action_due", problems, row)
    if clean["action_due"] and clean["assessed_on"] and clean["action_due"] < clean["assessed_on"]:
        problems.append(Problem("action_due", "due_before_assessment", row))
    return clean


def _assessment_row(clean):
    row = {k: clean[k] for k in ("employee_id", "influence", "attitude", "category", "note",
                                 "assessed_by", "next_action", "action_owner")}
    row["assessed_on"] = clean["assessed_on"].isoformat()
    row["action_due"] = clean["action_due"].isoformat() if clean["action_due"] else None
    for role in ROLES:
        row[f"role_{role}"] = int(role in clean["roles"])
    return row


def record_assessment(s, *, actor, today=None, **values):
    """Record a new assessment of one person as a new dated row (never overwriting); return its id.

    :param values: ``employee_id``, ``assessed_on`` (not in the future), ``influence``
        (1–5), ``attitude`` (−2…+2), ``category`` (one of ``CATEGORIES``, agreeing with
        the attitude: see ``CATEGORY_ATTITUDES``), ``roles`` (subset of ``ROLES``),
        ``note``, ``assessed_by`` (required), ``next_action``, ``action_owner``,
        ``action_due`` (not before ``assessed_on``).
    :param today: the date "future" is judged against (default: today).
    :raises ValidationError: on bad input; then nothing is written.
    """
    problems = []
    clean = _validate_assessment(s.read(), values, problems, today=today)
    if problems:
        raise ValidationError(problems)
    row = _assessment_row(clean)
    with s.write(actor=actor) as db:
        new_id = db["stakeholder_assessments"].insert(row).last_pk
        _audit(db, actor, "stakeholder.assess", AUDIT_ENTITY, new_id,
               {k: row[k] for k in ("employee_id", "assessed_on", "influence", "attitude", "category")})
    return new_id


def _audit(db, actor, action, entity, entity_id, detail):
    # Written inside the caller's transaction: store.write() can only log an id known
    # before the block, and a new row's id is not.
    store.audit(db, actor, action, entity, entity_id, detail)


def _validate_action(values, problems, row=None, assessed_on=None):
    clean = {
        "next_action": _text(values.get("next_action"), "next_action", problems, row),
        "action_owner": _text(values.get("action_owner"), "action_owner", problems, row,
                              limit=MAX_NAME),
        "action_due": _date(values.get("action_due"), "action_due", problems, row),
    }
    if clean["action_due"] and assessed_on and clean["action_due"] < dt.date.fromisoformat(assessed_on[:10]):
        problems.append(Problem("action_due", "due_before_assessment", row))
    return clean


def _refuse_changed_meanwhile(db, opened, rows, inserts, updates):
    # Inside the write transaction (BEGIN IMMEDIATE), so nobody can save in between.
    touched = {ins["row"] for ins in inserts}
    touched |= {n for n, v in enumerate(rows, start=1) if v["assessment_id"] in {u[0] for u in updates}}
    problems = []
    for number in sorted(touched):
        aid = rows[number - 1]["assessment_id"]
        stored = db.execute(
            f"SELECT {', '.join(BULK_FIELDS)}, (SELECT COUNT(*) FROM stakeholder_assessments n "
            "WHERE n.employee_id = s.employee_id AND (n.assessed_on > s.assessed_on OR "
            "(n.assessed_on = s.assessed_on AND n.id > s.id))) FROM stakeholder_assessments s "
            "WHERE id = ?", [aid]).fetchone()
        seen = opened.get(aid)
        if seen is None or stored[-1] or tuple(stored[:-1]) != tuple(seen[f] for f in BULK_FIELDS):
            problems.append(Problem("next_action", "changed_meanwhile", number))
    if problems:
        raise ValidationError(problems)


def update_action(s, *, actor, assessment_id, next_action=None, action_owner=None, action_due=None,
                  expected=None):
    """Change the next action, its owner and due date on an assessment (the scores stay as they were).

    :param expected: ``(next_action, action_owner, action_due)`` as the editor saw them when
        the form opened; when the stored ones differ by then, someone else saved in between
        and nothing is written (no lost update).
    :raises ValidationError: on bad input, an unknown assessment, or a change made by
        someone else since ``expected`` was read; then nothing is written.
    """
    problems = []
    found = s.read().execute("SELECT assessed_on FROM stakeholder_assessments WHERE id = ?",
                             [assessment_id]).fetchone()
    if found is None:
        problems.append(Problem("person", "choice"))
    clean = _validate_action({"next_action": next_action, "action_owner": action_owner,
                              "action_due": action_due}, problems,
                             assessed_on=found[0] if found else None)
    if problems:
        raise ValidationError(problems)
    due = clean["action_due"].isoformat() if clean["action_due"] else None
    with s.write(actor=actor, action="stakeholder.action_update", entity=AUDIT_ENTITY,
                 entity_id=assessment_id,
                 detail={"next_action": clean["next_action"], "action_owner": clean["action_owner"],
                         "action_due": due}) as db:
        if expected is not None:
            # Read inside the write transaction (BEGIN IMMEDIATE): nobody can save in between.
            stored = db.execute("SELECT next_action, action_owner, action_due FROM "
                                "stakeholder_assessments WHERE id = ?", [assessment_id]).fetchone()
            if tuple(stored) != tuple(expected):
                raise ValidationError([Problem("next_action", "changed_meanwhile")])
        db.execute("UPDATE stakeholder_assessments SET next_action = ?, action_owner = ?, "
                   "action_due = ? WHERE id = ?",
                   [clean["next_action"], clean["action_owner"], due, assessment_id])


BULK_FIELDS = ("influence", "attitude", "category", "next_action", "action_owner", "action_due")


def bulk_update(s, *, actor, rows, assessed_on=None, assessed_by=None, today=None, opened=None):
    """Apply an edited table of latest assessments in one transaction: all rows land, or none.

    Each row is a dict with ``assessment_id`` and the edited ``influence``, ``attitude``,
    ``category``, ``next_action``, ``action_owner``, ``action_due``. A row whose scores
    (influence, attitude or category) changed becomes a *new* assessment dated
    ``assessed_on`` by ``assessed_by`` (both then required), keeping the roles and taking
    the row's action fields; a row where only the action fields changed updates them on
    its assessment. Unchanged rows are left alone. Rows are numbered from 1 in messages.

    :param opened: ``{assessment_id: {field: value}}`` of ``BULK_FIELDS`` as the table showed
        them when it opened. A row changed in the table whose stored values no longer match
        (or whose person has been assessed again since) was changed by someone else
        meanwhile: then nothing is written (no lost update).
    :returns: ``{"new_assessments": n, "actions_updated": m}``.
    :raises ValidationError: listing every problem with its row; then nothing is written.
    """
    db = s.read()
    problems, inserts, updates = [], [], []
    score_keys = ("influence", "attitude", "category")
    for number, values in enumerate(rows, start=1):
        current = db.execute(
            "SELECT employee_id, assessed_on, influence, attitude, category, role_r, role_a, "
            "role_c, role_i, role_influencer, next_action, action_owner, action_due, note "
            "FROM stakeholder_assessments WHERE id = ?", [values.get("assessment_id")]).fetchone()
        if current is None:
            problems.append(Problem("person", "choice", number))
            continue
        (eid, on, influence, attitude, category, r, a, c, i, x, action, owner, due, _note) = current
        old = {"influence": influence, "attitude": attitude, "category": category,
               "next_action": action, "action_owner": owner, "action_due": due}
        if opened is not None and values["assessment_id"] in opened:
            # Changes are what the editor made to what they saw, not to what is stored now.
            old = dict(opened[values["assessment_id"]])
            influence, attitude, category = old["influence"], old["attitude"], old["category"]
            action, owner, due = old["next_action"], old["action_owner"], old["action_due"]
        row_problems = []
        clean_scores = {
            "influence": _integer(values.get("influence"), "influence", 1, 5, row_problems, number),
            "attitude": _integer(values.get("attitude"), "attitude", -2, 2, row_problems, number),
            "category": _choice(values.get("category"), "category", CATEGORIES, row_problems, number),
        }
        _check_category(clean_scores["category"], clean_scores["attitude"], row_problems, number)
        scores_changed = any(clean_scores[k] != old[k] for k in score_keys)
        clean_action = _validate_action(values, row_problems, number,
                                        assessed_on=None if scores_changed else on)
        due_text = clean_action["action_due"].isoformat() if clean_action["action_due"] else None
        actions_changed = (clean_action["next_action"] != (action or None)
                           or clean_action["action_owner"] != (owner or None)
                           or due_text != (due or None))
        problems += row_problems
        if row_problems:
            continue
        if scores_changed:
            inserts.append({"row": number, "employee_id": eid, **clean_scores, **clean_action,
                            "roles": [role for role, flag in zip(ROLES, (r, a, c, i, x)) if flag],
                            "note": None})
        elif actions_changed:
            updates.append((values["assessment_id"], clean_action["next_action"],
                            clean_action["action_owner"], due_text))
    if inserts:
        day = _date(assessed_on, "assessed_on", problems, required=True,
                    not_after=today or dt.date.today())
        by = _text(assessed_by, "assessed_by", problems, required=True, limit=MAX_NAME)
        for ins in inserts:
            if day and ins["action_due"] and ins["action_due"] < day:
                problems.append(Problem("action_due", "due_before_assessment", ins["row"]))
    if problems:
        raise ValidationError(problems)
    if not inserts and not updates:
        return {"new_assessments": 0, "actions_updated": 0}
    with s.write(actor=actor) as wdb:
        if opened is not None:
            _refuse_changed_meanwhile(wdb, opened, rows, inserts, updates)
        new_ids = []
        for ins in inserts:
            row = _assessment_row({**ins, "assessed_on": day, "assessed_by": by})
            new_ids.append(wdb["stakeholder_assessments"].insert(row).last_pk)
        for aid, action, owner, due in updates:
            wdb.execute("UPDATE stakeholder_assessments SET next_action = ?, action_owner = ?, "
                        "action_due = ? WHERE id = ?", [action, owner, due, aid])
        _audit(wdb, actor, "stakeholder.bulk_update", AUDIT_ENTITY, None,
               {"new_assessments": new_ids, "actions_updated": [u[0] for u in updates]})
    return {"new_assessments": len(inserts), "actions_updated": len(updates)}

