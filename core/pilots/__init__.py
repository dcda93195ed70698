"""Pilots & productivity: measured before/after results per use case, what they are worth, and entering them.

Time saved, throughput change and hours/value per month have one definition each, in
``core.kpis`` (``time_saved``, ``throughput_change``, ``pilot_value``); this module puts
them side by side per use case and adds errors per unit, costs, ROI, payback, the
portfolio and its quick wins, the business-case calculator, and the validated writes
(every write is one ``store.write`` transaction with an audit entry; bad input raises
``InvalidInput`` before anything changes).
"""
import dataclasses
import datetime as dt
import math
import re

from core import i18n, kpis, validate
from core import dates
from core.filters import Filters
from core.schema import PHASES, USE_CASE_STATUSES  # noqa: F401 - PHASES: the form's choices

ROI_MONTHS = 12
QUICK_WIN_MIN_SAVING = 0.30      # the default time-saved target
QUICK_WIN_MAX_PAYBACK = 3.0      # months
NOTE_MAX = 500
NAME_MAX = 120
# No minutes, units, rate or cost a form takes is larger (a billion euro, minutes or units).
NUMBER_MAX = 1_000_000_000
ECHO_MAX = 40

# The case studies' published figures (shared/domain.md), drawn as reference marks:
# (key, which figure they compare with, value).
CASE_REFERENCES = (
    ("quotes", "time_saved", 0.60),          # machine builder: 60% time saved on quotes
    ("onboarding", "time_saved", 0.40),      # IT service provider: 40% shorter onboarding
    ("advice", "time_saved", 0.35),          # tax advisers: 35% more time for client advice
    ("requests", "throughput_change", 0.23),  # machine builder: 23% more requests handled
)

MEASUREMENT_FIELDS = ("measured_on", "phase", "minutes_per_unit", "units_per_month",
                      "errors_per_unit", "note")
# Spoken names for the phases in pasted tables and forms, both languages.
_PHASE_WORDS = {
    "baseline": "baseline", "nulmeting": "baseline", "voor": "baseline", "vooraf": "baseline",
    "before": "baseline", "after": "after", "na": "after", "ná": "after", "nameting": "after",
}
_USE_CASE_COLUMNS = ("id", "name", "department", "owner", "unit", "hourly_rate", "start_date",
                     "status", "licence_cost_month", "training_hours", "implementation_cost",
                     "bc_minutes_per_unit", "bc_saving", "bc_units_per_month")


# ---------------------------------------------------------------- validation

@dataclasses.dataclass
class Problem(validate.Problem):
    """One thing wrong with the input (a ``validate.Problem``): a field, what is wrong
    (``pilots.error.<code>``), and the row of a table."""

    field: str | None
    code: str
    row: int | None = None
    values: dict = dataclasses.field(default_factory=dict)

    @property
    def column(self):
        return self.field

    @property
    def key(self):
        return f"pilots.error.{self.code}"

    @property
    def params(self):
        return self.values

    def message(self, lang=i18n.DEFAULT_LANG):
        """The problem in words, naming the row and the column (field)."""
        field = i18n.t(f"pilots.field.{self.field}", lang) if self.field else ""
        values = {k: i18n.fmt_number(v, lang) if k == "limit" else v for k, v in self.values.items()}
        text = i18n.t(f"pilots.error.{self.code}", lang, field=field, **values)
        return i18n.t("pilots.error.row", lang, row=self.row, text=text) if self.row else text


class InvalidInput(validate.Invalid):
    """Input that was refused; nothing was written. ``problems`` lists what is wrong."""

    def __init__(self, problems):
        problems = list(problems)
        super().__init__(problems, "; ".join(p.message("en") for p in problems))

    def messages(self, lang=i18n.DEFAULT_LANG):
        return [p.message(lang) for p in self.problems]


def parse_number(value, lang=None):
    """A number as typed on the Pilots page: ``validate.parse_number`` (the one parser)."""
    return validate.parse_number(value, lang)


def parse_date(value):
    """A date as typed or pasted (``2026-05-01``, ``01-05-2026``, ``01/05/2026``: day first, as
    the page shows dates): ``dates.parse_date`` (the one parser)."""
    return dates.parse_date(value, order="dmy")


def _echo(raw):
    """What was typed, cut short, for naming it in a message (a pasted megabyte stays out of it)."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(raw).strip()[:ECHO_MAX])
    return text + ("…" if len(str(raw).strip()) > ECHO_MAX else "")


def _number(problems, raw, field, row, *, required=False, positive=False, lang=None):
    try:
        value = parse_number(raw, lang)
    except validate.NumberProblem as exc:
        problems.append(Problem(field, "ambiguous_number" if exc.code == "ambiguous" else "not_number",
                                row, {"value": _echo(raw)}))
        return None
    if value is None:
        if required:
            problems.append(Problem(field, "required", row))
        return None
    if not math.isfinite(value) or abs(value) > NUMBER_MAX:
        # "nan", "inf" or 1e308 would poison every sum and ratio downstream.
        problems.append(Problem(field, "too_large", row, {"limit": NUMBER_MAX}))
        return None
    if positive and value <= 0:
        problems.append(Problem(field, "not_positive", row))
    elif value < 0:
        problems.append(Problem(field, "negative", row))
    return value


def _date(problems, raw, field, row, today, *, required=True, past=True):
    try:
        value = parse_date(raw)
    except ValueError:
        problems.append(Problem(field, "bad_date", row, {"value": _echo(raw)}))
        return None
    if value is None:
        if required:
            problems.append(Problem(field, "required", row))
        return None
    if past and value > today:
        problems.append(Problem(field, "future", row, {"value": value.isoformat()}))
    return value


def _text(problems, raw, field, row, *, required=False, maximum=NOTE_MAX):
    # One rule for all free text (core.validate): trimmed, no control characters, not too long.
    try:
        text = validate.clean_text(None if raw is None or raw != raw else raw, max_len=maximum)
    except validate.TextProblem as problem:
        problems.append(Problem(field, problem.code, row,
                                {"max": maximum} if problem.code == "too_long" else {}))
        return None
    if not text:
        if required:
            problems.append(Problem(field, "required", row))
        return None
    return text


def _phase(problems, raw, row):
    text = "" if raw is None else str(raw).strip().lower()
    if not text:
        problems.append(Problem("phase", "required", row))
        return None
    if text not in _PHASE_WORDS:
        problems.append(Problem("phase", "bad_phase", row, {"value": _echo(raw)}))
        return None
    return _PHASE_WORDS[text]


def clean_measurement(raw, row=None, today=None, lang=None):
    """Check one measurement's fields; return ``(clean dict, problems)``.

    Rules: a date (not in the future), a phase (baseline/after), minutes per unit > 0
    (required: a duration cannot be zero or negative), units per month and errors per unit
    ≥ 0 when given, a note of at most 500 characters.

    :param raw: ``{field: value}`` as typed (text or numbers).
    :param row: the row number to name in messages (pasted tables), else ``None``.
    """
    today = today or dt.date.today()
    problems = []
    clean = {
        "measured_on": _date(problems, raw.get("measured_on"), "measured_on", row, today),
        "phase": _phase(problems, raw.get("phase"), row),
        "minutes_per_unit": _number(problems, raw.get("minutes_per_unit"), "minutes_per_unit",
                                    row, required=True, positive=True, lang=lang),
        "units_per_month": _number(problems, raw.get("units_per_month"), "units_per_month", row, lang=lang),
        "errors_per_unit": _number(problems, raw.get("errors_per_unit"), "errors_per_unit", row, lang=lang),
        "note": _text(problems, raw.get("note"), "note", row),
    }
    if clean["measured_on"] is not None:
        clean["measured_on"] = clean["measured_on"].isoformat()
    return clean, problems


# ---------------------------------------------------------------- reading

def use_cases(db, departments=()):
    """All use cases (planned ones too) in the departments (all when empty), by name, as dicts."""
    clause, params = kpis._in_clause("department", departments)
    rows = db.execute(
        f"SELECT {', '.join(_USE_CASE_COLUMNS)} FROM use_cases WHERE 1 = 1{clause} ORDER BY name",
        params).fetchall()
    return [dict(zip(_USE_CASE_COLUMNS, r)) for r in rows]


def use_case(db, use_case_id):
    """One use case as a dict, or ``None``."""
    row = db.execute(f"SELECT {', '.join(_USE_CASE_COLUMNS)} FROM use_cases WHERE id = ?",
                     [use_case_id]).fetchone()
    return None if row is None else dict(zip(_USE_CASE_COLUMNS, row))


_MEASUREMENT_COLUMNS = ("id", "use_case_id", "phase", "measured_on", "minutes_per_unit",
                        "units_per_month", "errors_per_unit", "note")


def measurements(db, use_case_id, as_of=None):
    """A use case's individual measurements (up to ``as_of`` when given), baseline first, oldest first."""
    where, params = "use_case_id = ?", [use_case_id]
    if as_of is not None:
        where += " AND measured_on <= ?"
        params.append(str(as_of))
    rows = db.execute(
        f"SELECT {', '.join(_MEASUREMENT_COLUMNS)} FROM measurements WHERE {where} "
        "ORDER BY phase = 'after', measured_on, id", params).fetchall()
    return [dict(zip(_MEASUREMENT_COLUMNS, r)) for r in rows]


def measurement_points(db, f: Filters, use_case_id):
    """Individual measurements of one use case up to the view's as_of, for the before/after chart."""
    return measurements(db, use_case_id, f.as_of_iso)


def _errors(db, f):
    """``{use_case_id: {phase: (mean errors per unit, n)}}`` up to as_of."""
    found = {}
    for uid, phase, mean, n in db.execute(
            "SELECT use_case_id, phase, AVG(errors_per_unit), COUNT(errors_per_unit) "
            "FROM measurements WHERE measured_on <= ? GROUP BY 1, 2", [f.as_of_iso]):
        found.setdefault(uid, {})[phase] = (mean, n)
    return found


# ---------------------------------------------------------------- money

def costs(case):
    """A use case's costs: licence per month, training cost and one-off implementation.

    training cost = training hours × the use case's hourly rate; one-off = training cost +
    implementation. ``known`` is False when none of licence, training hours and
    implementation is filled in (costs unknown, not zero); among filled-in ones a blank
    counts as 0.

    :param case: a dict with ``licence_cost_month``, ``training_hours``,
        ``implementation_cost`` and ``hourly_rate``.
    """
    fields = (case.get("licence_cost_month"), case.get("training_hours"),
              case.get("implementation_cost"))
    licence = fields[0] or 0.0
    training = (fields[1] or 0.0) * (case.get("hourly_rate") or 0.0)
    implementation = fields[2] or 0.0
    return {"licence_month": licence, "training": training, "implementation": implementation,
            "one_off": training + implementation,
            "known": any(v is not None for v in fields)}


def roi(value_per_month, c, months=ROI_MONTHS):
    """Return on investment over ``months`` (default 12), as a fraction.

    ROI = (months × value per month − cost) / cost, where
    cost = months × licence per month + training cost + implementation.
    Value €1,000/month, licence €100, training 10 h × €50, implementation €2,500:
    cost = 1,200 + 500 + 2,500 = 4,200 and ROI = (12,000 − 4,200) / 4,200 ≈ 1.857.
    ``None`` without a value, with unknown costs, or when the cost is 0 (undefined).

    :param c: ``costs()`` of the use case.
    """
    if value_per_month is None or not c["known"]:
        return None
    cost = months * c["licence_month"] + c["one_off"]
    if cost <= 0:
        return None
    return (months * value_per_month - cost) / cost


def payback_months(value_per_month, c):
    """Months until the one-off costs are earned back.

    payback = (training cost + implementation) / (value per month − licence per month).
    The example of ``roi``: 3,000 / (1,000 − 100) ≈ 3.33 months. 0 without one-off costs;
    ``None`` when it never pays back (value ≤ licence), without a value, or with unknown costs.
    """
    if value_per_month is None or not c["known"]:
        return None
    net = value_per_month - c["licence_month"]
    if net <= 0:
        return None
    return c["one_off"] / net


def business_case(minutes_per_unit, saving, units_per_month, hourly_rate, licence_month=None,
                  training_hours=None, implementation=None):
    """Expected value, ROI and payback of a (planned) use case from the calculator's inputs.

    hours per month = current minutes per unit × expected saving / 60 × units per month;
    value per month = hours × hourly rate; ROI and payback as in ``roi`` and
    ``payback_months`` (training cost = training hours × hourly rate). 480 min, 75% saved,
    30 units, €85: 180 h and €15,300 a month.

    :param saving: expected time saved, a fraction (0.6 for 60%).
    :returns: ``{"hours_per_month", "value_per_month", "costs", "roi", "payback_months"}``;
        parts that need a missing input are ``None``.
    """
    hours = value = None
    if None not in (minutes_per_unit, saving, units_per_month):
        hours = minutes_per_unit * saving / 60 * units_per_month
        value = None if hourly_rate is None else hours * hourly_rate
    c = costs({"licence_cost_month": licence_month, "training_hours": training_hours,
               "implementation_cost": implementation, "hourly_rate": hourly_rate})
    return {"hours_per_month": hours, "value_per_month": value, "costs": c,
            "roi": roi(value, c), "payback_months": payback_months(value, c)}


def is_quick_win(row):
    """The quick-win rule: high saving at small cost, on solid evidence.

    A quick win has time saved ≥ 30% (point estimate), at least 5 measurements in each phase
    (not thin), costs filled in, a payback of at most 3 months, and is not stopped.
    """
    saved = row["time_saved"]
    return bool(saved and saved["value"] is not None and saved["value"] >= QUICK_WIN_MIN_SAVING
                and not saved["thin"] and row["costs"]["known"]
                and row["payback_months"] is not None
                and row["payback_months"] <= QUICK_WIN_MAX_PAYBACK
                and row["status"] != "stopped")


# ---------------------------------------------------------------- per use case and portfolio

def results(db, f: Filters):
    """Every use case in scope (planned ones too) with its measured results, costs, ROI and payback.

    Per use case: ``time_saved`` and ``throughput`` (rows of ``kpis.time_saved`` /
    ``kpis.throughput_change``: value, 95% interval, n per phase, thin, means), ``errors``
    (mean errors per unit per phase and n), ``hours_per_month`` and ``value_per_month``
    (``kpis.pilot_value``), ``costs``, ``roi`` and ``payback_months`` (``roi``,
    ``payback_months``), ``business_case`` (from the saved calculator inputs, or ``None``)
    and ``quick_win`` (``is_quick_win``). Measurements count up to as_of.
    """
    saved = {r["use_case_id"]: r for r in kpis.time_saved(db, f)}
    through = {r["use_case_id"]: r for r in kpis.throughput_change(db, f)}
    value = {r["use_case"]: r for r in kpis.pilot_value(db, f)["use_cases"]}
    errors = _errors(db, f)
    rows = []
    for case in use_cases(db, f.departments):
        uid = case["id"]
        err = errors.get(uid, {})
        worth = value.get(case["name"], {})
        c = costs(case)
        per_month = worth.get("value_per_month")
        row = dict(case)
        row.update(
            time_saved=saved.get(uid), throughput=through.get(uid),
            errors={"baseline": err.get("baseline", (None, 0))[0],
                    "after": err.get("after", (None, 0))[0],
                    "n_baseline": err.get("baseline", (None, 0))[1],
                    "n_after": err.get("after", (None, 0))[1]},
            hours_per_month=worth.get("hours_per_month"), value_per_month=per_month,
            costs=c, roi=roi(per_month, c), payback_months=payback_months(per_month, c),
            business_case=None,
        )
        if case["bc_minutes_per_unit"] is not None:
            row["business_case"] = business_case(
                case["bc_minutes_per_unit"], case["bc_saving"], case["bc_units_per_month"],
                case["hourly_rate"], case["licence_cost_month"], case["training_hours"],
                case["implementation_cost"])
        row["quick_win"] = is_quick_win(row)
        rows.append(row)
    return rows


def portfolio(db, f: Filters):
    """All use cases side by side, the totals and the quick wins.

    Returns ``{"use_cases", "value_per_month", "hours_per_month", "measured", "quick_wins"}``:
    ``use_cases`` are ``results()`` rows, most valuable first; the totals are
    ``kpis.pilot_value``'s (use cases with both phases measured; ``None`` when none is),
    ``measured`` counts those, and ``quick_wins`` names the quick wins (``is_quick_win``),
    shortest payback first.
    """
    # Most valuable first; unmeasured (planned) ones last, by name.
    rows = sorted(results(db, f), key=lambda r: (r["value_per_month"] is None,
                                                  -(r["value_per_month"] or 0), r["name"]))
    total = kpis.pilot_value(db, f)
    wins = sorted((r for r in rows if r["quick_win"]), key=lambda r: r["payback_months"])
    return {"use_cases": rows, "value_per_month": total["value_per_month"],
            "hours_per_month": total["hours_per_month"], "measured": len(total["use_cases"]),
            "quick_wins": [r["name"] for r in wins]}


def summary_json(db, f: Filters):
    """The pilot keys of ``kpis --json``: value per month (total and per use case) and ROI per use case.

    ``value_per_month = {"total", "by_use_case": {name: euros a month}}`` (``kpis.pilot_value``);
    ``roi = {name: {"value", "payback_months"}}`` (``roi`` over 12 months as a fraction,
    ``payback_months``). Every use case in scope is listed; ``None`` where it is not measured,
    has no hourly rate or no costs.
    """
    rows = results(db, f)
    total = kpis.pilot_value(db, f)["value_per_month"]

    def rounded(v, digits):
        return None if v is None else round(v, digits)

    return {
        "value_per_month": {"total": rounded(total, 0),
                            "by_use_case": {r["name"]: rounded(r["value_per_month"], 0)
                                            for r in rows}},
        "roi": {r["name"]: {"value": rounded(r["roi"], 4),
                            "payback_months": rounded(r["payback_months"], 2)} for r in rows},
    }


# ---------------------------------------------------------------- writing

def _orphaned_afters(db, use_case_id):
    """After-measurements of a use case with no baseline on or before their date."""
    return db.execute(
        "SELECT COUNT(*) FROM measurements a WHERE a.use_case_id = ? AND a.phase = 'after' "
        "AND NOT EXISTS (SELECT 1 FROM measurements b WHERE b.use_case_id = a.use_case_id "
        "AND b.phase = 'baseline' AND b.measured_on <= a.measured_on)",
        [use_case_id]).fetchone()[0]


def _require_use_case(db, use_case_id):
    if use_case_id is None or use_case(db, use_case_id) is None:
        raise InvalidInput([Problem("use_case", "unknown_use_case")])


def check_measurements(db, use_case_id, rows, today=None, lang=None):
    """Check measurements for one use case before any is written; return ``(clean rows, problems)``.

    Each row by ``clean_measurement``; an "after" also needs a baseline of the same use
    case on or before its date, already stored or among ``rows``. A row's ``"row"`` key,
    when present, is the row number named in messages.
    """
    if use_case_id is None or use_case(db, use_case_id) is None:
        return [], [Problem("use_case", "unknown_use_case")]
    if not rows:
        return [], [Problem(None, "nothing")]
    problems, clean = [], []
    for raw in rows:
        row, found = clean_measurement(raw, raw.get("row"), today, lang)
        problems += found
        clean.append((raw.get("row"), row))
    baselines = [r[0] for r in db.execute(
        "SELECT measured_on FROM measurements WHERE use_case_id = ? AND phase = 'baseline'",
        [use_case_id])]
    baselines += [row["measured_on"] for _, row in clean
                  if row["phase"] == "baseline" and row["measured_on"]]
    first = min(baselines) if baselines else None
    for label, row in clean:
        if row["phase"] == "after" and row["measured_on"] and (first is None or first > row["measured_on"]):
            problems.append(Problem("phase", "no_baseline", label, {"date": row["measured_on"]}))
    return [row for _, row in clean], problems


def record_measurements(s, use_case_id, rows, *, actor, today=None, source="form", lang=None):
    """Record measurements for one use case in one transaction: all of them, or (on any problem) none.

    Checked by ``check_measurements``. Audited as ``measurement.add`` (form) or
    ``measurement.import`` (a pasted table, which also becomes an import batch), with the
    new ids in the detail.

    :param s: the ``Store``.
    :param rows: ``{field: value}`` dicts as typed (see ``clean_measurement``).
    :param source: ``"form"`` or ``"paste"``.
    :returns: the new measurement ids.
    :raises InvalidInput: listing every problem; nothing is written.
    """
    clean, problems = check_measurements(s.read(), use_case_id, rows, today, lang)
    if problems:
        raise InvalidInput(problems)
    detail = {"source": source, "rows": len(clean), "ids": []}
    action = "measurement.import" if source == "paste" else "measurement.add"
    with s.write(actor=actor, action=action, entity="use_cases", entity_id=use_case_id,
                 detail=detail) as w:
        batch = None
        if source == "paste":
            batch = w["import_batches"].insert({
                "kind": "measurements", "imported_by": actor.name, "rows": len(clean),
                "imported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            }).last_pk
        for row in clean:
            # The audit entry is written when the block ends, so it sees the ids added here.
            detail["ids"].append(w["measurements"].insert(
                dict(row, use_case_id=use_case_id, batch_id=batch)).last_pk)
    return detail["ids"]


PASTE_COLUMNS = ("measured_on", "phase", "minutes_per_unit", "units_per_month",
                 "errors_per_unit", "note")


def parse_pasted(text):
    """Split a pasted table into measurement rows, numbered by line as pasted.

    Columns, in this order: date, phase, minutes per unit, units per month, errors per
    unit, note (the last three may be left out). Cells are separated by tabs (a
    spreadsheet's copy), else semicolons, else commas. A first line whose first cell is
    not a date is a header and skipped. A line with too many or too few cells is a
    problem of its own.

    :returns: ``(rows, problems)``; each row is a dict with ``"row"`` (its line number).
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        return [], [Problem(None, "nothing")]
    sample = "\n".join(line for _, line in lines)
    sep = "\t" if "\t" in sample else ";" if ";" in sample else ","
    rows, problems = [], []
    for i, (n, line) in enumerate(lines):
        cells = [c.strip() for c in line.split(sep)]
        while cells and cells[-1] == "" and len(cells) > len(PASTE_COLUMNS):
            cells.pop()
        if i == 0 and cells and re.search(r"[^\W\d_]", cells[0]):
            try:
                parse_date(cells[0])
            except ValueError:
                continue        # a header line
        if not 3 <= len(cells) <= len(PASTE_COLUMNS):
            problems.append(Problem(None, "columns", n, {"found": len(cells),
                                                        "expected": len(PASTE_COLUMNS)}))
            continue
        row = dict(zip(PASTE_COLUMNS, cells))
        row["row"] = n
        rows.append(row)
    return rows, problems


def import_pasted(s, use_case_id, text, *, actor, today=None, lang=None):
    """Record a pasted table of measurements for one use case: every row valid, or nothing lands.

    :returns: the new measurement ids.
    :raises InvalidInput: naming each problem's row (line) and column.
    """
    rows, problems = parse_pasted(text)
    if problems:
        # The cells' problems too, so one paste shows everything there is to fix.
        if rows:
            problems += check_measurements(s.read(), use_case_id, rows, today, lang)[1]
        raise InvalidInput(sorted(problems, key=lambda p: p.row or 0))
    return record_measurements(s, use_case_id, rows, actor=actor, today=today, source="paste",
                               lang=lang)


def update_measurement(s, measurement_id, raw, *, actor, today=None, lang=None):
    """Correct one measurement; the audit log keeps the old values (``detail.before``).

    Refused when the change would leave an "after" without a baseline on or before it.
    :raises InvalidInput: nothing is written.
    """
    db = s.read()
    before = db.execute(f"SELECT {', '.join(_MEASUREMENT_COLUMNS)} FROM measurements WHERE id = ?",
                        [measurement_id]).fetchone()
    if before is None:
        raise InvalidInput([Problem(None, "unknown_measurement")])
    before = dict(zip(_MEASUREMENT_COLUMNS, before))
    row, problems = clean_measurement(raw, None, today, lang)
    if problems:
        raise InvalidInput(problems)
    changed = {k: v for k, v in row.items() if before[k] != v}
    if not changed:
        return False
    with s.write(actor=actor, action="measurement.edit", entity="measurements",
                 entity_id=measurement_id,
                 detail={"before": {k: before[k] for k in changed}, "after": changed}) as w:
        w["measurements"].update(measurement_id, changed)
        if _orphaned_afters(w, before["use_case_id"]):
            raise InvalidInput([Problem("phase", "orphans")])
    return True


def delete_measurement(s, measurement_id, *, actor):
    """Delete one measurement; the audit log keeps what was there (``detail.before``).

    Refused when it would leave an "after" without a baseline on or before it.
    :raises InvalidInput: nothing is written.
    """
    before = s.read().execute(f"SELECT {', '.join(_MEASUREMENT_COLUMNS)} FROM measurements "
                              "WHERE id = ?", [measurement_id]).fetchone()
    if before is None:
        raise InvalidInput([Problem(None, "unknown_measurement")])
    before = dict(zip(_MEASUREMENT_COLUMNS, before))
    with s.write(actor=actor, action="measurement.delete", entity="measurements",
                 entity_id=measurement_id, detail={"before": before}) as w:
        w.execute("DELETE FROM measurements WHERE id = ?", [measurement_id])
        if _orphaned_afters(w, before["use_case_id"]):
            raise InvalidInput([Problem("phase", "orphans")])


USE_CASE_FIELDS = ("name", "department", "owner", "unit", "hourly_rate", "start_date", "status",
                   "licence_cost_month", "training_hours", "implementation_cost")


def clean_use_case(db, raw, use_case_id=None, lang=None):
    """Check a use case's fields; return ``(clean dict, problems)``.

    Rules: a name (unique, at most 120 characters) and a unit of work are required; the
    department, when given, must exist; status is one of planned, pilot, rolled_out,
    stopped; the start date may lie ahead (a planned start); hourly rate and costs ≥ 0.
    """
    problems = []
    clean = {
        "name": _text(problems, raw.get("name"), "name", None, required=True, maximum=NAME_MAX),
        "department": _text(problems, raw.get("department"), "department", None),
        "owner": _text(problems, raw.get("owner"), "owner", None, maximum=NAME_MAX),
        "unit": _text(problems, raw.get("unit"), "unit", None, required=True, maximum=NAME_MAX),
        "hourly_rate": _number(problems, raw.get("hourly_rate"), "hourly_rate", None, lang=lang),
        "start_date": _date(problems, raw.get("start_date"), "start_date", None, None,
                            required=False, past=False),
        "status": raw.get("status") or "pilot",
        "licence_cost_month": _number(problems, raw.get("licence_cost_month"),
                                      "licence_cost_month", None, lang=lang),
        "training_hours": _number(problems, raw.get("training_hours"), "training_hours", None, lang=lang),
        "implementation_cost": _number(problems, raw.get("implementation_cost"),
                                       "implementation_cost", None, lang=lang),
    }
    if clean["start_date"] is not None:
        clean["start_date"] = clean["start_date"].isoformat()
    if clean["status"] not in USE_CASE_STATUSES:
        problems.append(Problem("status", "bad_status", None, {"value": _echo(clean["status"])}))
    if clean["department"] and clean["department"] not in kpis.departments(db):
        problems.append(Problem("department", "unknown_department", None,
                                {"value": clean["department"]}))
    if clean["name"]:
        twin = db.execute("SELECT id FROM use_cases WHERE lower(name) = lower(?) AND id IS NOT ?",
                          [clean["name"], use_case_id]).fetchone()
        if twin:
            problems.append(Problem("name", "duplicate_name", None, {"value": clean["name"]}))
    return clean, problems


def save_use_case(s, raw, *, use_case_id=None, actor, lang=None):
    """Add a use case (``use_case_id`` None) or edit one; audited as ``use_case.add`` / ``use_case.edit``.

    An edit's audit entry keeps the old values of what changed (``detail.before``).
    :returns: the use case id.
    :raises InvalidInput: nothing is written.
    """
    db = s.read()
    if use_case_id is not None:
        _require_use_case(db, use_case_id)
    clean, problems = clean_use_case(db, raw, use_case_id, lang)
    if problems:
        raise InvalidInput(problems)
    if use_case_id is None:
        with s.write(actor=actor, action="use_case.add", entity="use_cases", detail=clean) as w:
            return w["use_cases"].insert(clean).last_pk
    before = use_case(db, use_case_id)
    changed = {k: v for k, v in clean.items() if before[k] != v}
    if changed:
        with s.write(actor=actor, action="use_case.edit", entity="use_cases",
                     entity_id=use_case_id,
                     detail={"before": {k: before[k] for k in changed}, "after": changed}) as w:
            w["use_cases"].update(use_case_id, changed)
    return use_case_id


def save_business_case(s, use_case_id, raw, *, actor, lang=None):
    """Save the calculator's inputs with the use case (audit ``use_case.business_case``, old values kept).

    Inputs: ``bc_minutes_per_unit`` (current minutes per unit, > 0), ``bc_saving``
    (expected saving, a fraction 0..1), ``bc_units_per_month``, ``hourly_rate``,
    ``licence_cost_month``, ``training_hours``, ``implementation_cost`` (all ≥ 0).
    :raises InvalidInput: nothing is written.
    """
    db = s.read()
    _require_use_case(db, use_case_id)
    problems = []
    clean = {
        "bc_minutes_per_unit": _number(problems, raw.get("bc_minutes_per_unit"),
                                       "bc_minutes_per_unit", None, required=True, positive=True, lang=lang),
        "bc_saving": _number(problems, raw.get("bc_saving"), "bc_saving", None, required=True, lang=lang),
        "bc_units_per_month": _number(problems, raw.get("bc_units_per_month"),
                                      "bc_units_per_month", None, required=True, lang=lang),
    }
    for field in ("hourly_rate", "licence_cost_month", "training_hours", "implementation_cost"):
        clean[field] = _number(problems, raw.get(field), field, None, lang=lang)
    if clean["bc_saving"] is not None and not 0 <= clean["bc_saving"] <= 1:
        problems.append(Problem("bc_saving", "saving_range"))
    if problems:
        raise InvalidInput(problems)
    before = use_case(db, use_case_id)
    changed = {k: v for k, v in clean.items() if before[k] != v}
    if changed:
        with s.write(actor=actor, action="use_case.business_case", entity="use_cases",
                     entity_id=use_case_id,
                     detail={"before": {k: before[k] for k in changed}, "after": changed}) as w:
            w["use_cases"].update(use_case_id, changed)
    return bool(changed)


# ---------------------------------------------------------------- display strings

# Minutes and relative changes follow the one number style (``core.i18n``).
fmt_minutes, fmt_change = i18n.fmt_minutes, i18n.fmt_change


def fmt_payback(row, lang):
    """Payback in months (one decimal), "never" when the licence eats the saving, "–" when unknown."""
    months = row["payback_months"]
    if months is not None:
        return i18n.t("pilots.months", lang, n=i18n.fmt_number(months, lang, 1))
    if row["value_per_month"] is not None and row["costs"]["known"]:
        return i18n.t("pilots.never", lang)
    return "–"


def _arrow(before, after, fmt, lang):
    if before is None and after is None:
        return None
    return i18n.t("pilots.arrow", lang, before=fmt(before), after=fmt(after))



def roi_multiple(value, lang):
    """What an ROI of 100% or more says in plain words: the return as a multiple of the cost
    (ROI + 1, one decimal: "De opbrengst is 18,7× de kosten."), or ``None`` below 100%."""
    if value is None or value < 1:
        return None
    return i18n.t("pilots.roi.multiple", lang, times=i18n.fmt_score(value + 1, lang))


def describe(row, lang):
    """Display strings for one use case of ``results``, in ``lang`` (``None`` where there is no figure)."""
    saved, through = row["time_saved"], row["throughput"]
    pct = lambda v: i18n.fmt_pct(v, lang)  # noqa: E731
    out = {"status": i18n.t(f"pilots.status.{row['status']}", lang), "thin": False,
           "measured": bool(saved and saved["n_baseline"]),
           "has_after": bool(saved and saved["n_after"])}
    out["minutes"] = None
    if saved:
        # Both sides with the same precision: "12 → 8", "7,5 → 3,0".
        shown = [v for v in (saved["baseline_mean"], saved["after_mean"]) if v is not None]
        digits = 0 if not shown or min(shown) >= 10 else 1
        out["minutes"] = _arrow(saved["baseline_mean"], saved["after_mean"],
                                lambda v: fmt_minutes(v, lang, digits), lang)
    out["time_saved"] = out["time_saved_detail"] = None
    if saved and saved["value"] is not None:
        out["thin"] = saved["thin"]
        out["time_saved"] = pct(saved["value"])
        n = {"baseline": saved["n_baseline"], "after": saved["n_after"]}
        out["time_saved_detail"] = (
            i18n.t("pilots.detail.thin", lang, **n) if saved["thin"] else
            i18n.t("pilots.detail.interval", lang, low=pct(saved["ci_low"]),
                   high=pct(saved["ci_high"]), **n))
    out["units"] = through and _arrow(through["baseline_mean"], through["after_mean"],
                                      lambda v: i18n.fmt_number(v, lang), lang)
    out["units_detail"] = None
    if through and through["value"] is not None:
        change = fmt_change(through["value"], lang)
        if through["ci_low"] is not None:
            change += f" ({pct(through['ci_low'])} – {pct(through['ci_high'])})"
        out["units_detail"] = i18n.t("pilots.detail.change", lang, change=change)
    err = row["errors"]
    out["errors"] = _arrow(err["baseline"], err["after"],
                           lambda v: i18n.fmt_number(v, lang, 3), lang) if err["n_baseline"] else None
    out["hours"] = None if row["hours_per_month"] is None else i18n.fmt_number(row["hours_per_month"], lang)
    out["value"] = None if row["value_per_month"] is None else i18n.fmt_money(row["value_per_month"], lang)
    out["rate"] = i18n.t("pilots.detail.rate", lang, rate=i18n.fmt_money(row["hourly_rate"], lang)) \
        if row["hourly_rate"] is not None else None
    out["roi"] = None if row["roi"] is None else i18n.fmt_pct(row["roi"], lang)
    out["roi_detail"] = roi_multiple(row["roi"], lang)
    out["payback"] = fmt_payback(row, lang)
    c = row["costs"]
    out["costs"] = i18n.t(
        "pilots.costs", lang, licence=i18n.fmt_money(c["licence_month"], lang),
        hours=i18n.fmt_number(row["training_hours"] or 0, lang),
        rate=i18n.fmt_money(row["hourly_rate"] or 0, lang), training=i18n.fmt_money(c["training"], lang),
        implementation=i18n.fmt_money(c["implementation"], lang),
    ) if c["known"] else i18n.t("pilots.costs.none", lang)
    return out


def portfolio_table(rows, lang):
    """The portfolio as table rows with translated column names and formatted values."""
    col = lambda key: i18n.t(f"pilots.col.{key}", lang)  # noqa: E731
    table = []
    for row in rows:
        d = describe(row, lang)
        saved, through = row["time_saved"], row["throughput"]
        interval = "–"
        if saved and saved["ci_low"] is not None:
            interval = f"{i18n.fmt_pct(saved['ci_low'], lang)} – {i18n.fmt_pct(saved['ci_high'], lang)}"
        elif d["thin"]:
            interval = i18n.t("pilots.thin", lang)
        bc = row["business_case"]
        table.append({
            col("use_case"): row["name"], col("status"): d["status"],
            col("time_saved"): d["time_saved"] or "–", col("interval"): interval,
            col("throughput"): fmt_change(through and through["value"], lang),
            col("value"): d["value"] or "–",
            col("roi"): d["roi"] or ("–" if row["costs"]["known"] else i18n.t("pilots.no_costs", lang)),
            col("payback"): d["payback"],
            col("n"): i18n.t("pilots.n_phases", lang, baseline=saved["n_baseline"],
                             after=saved["n_after"]) if saved else i18n.t("pilots.n_phases", lang,
                                                                           baseline=0, after=0),
            col("expected"): i18n.fmt_money(bc["value_per_month"], lang)
            if bc and bc["value_per_month"] is not None else "–",
        })
    return table


def quick_win_lines(portfolio_result, lang, escape=str):
    """One markdown line per quick win, shortest payback first.

    :param escape: applied to each use case's name, which is user text inside markdown
        (the page passes ``ui.context.md_escape``).
    """
    by_name = {r["name"]: r for r in portfolio_result["use_cases"]}
    lines = []
    for name in portfolio_result["quick_wins"]:
        row = by_name[name]
        lines.append(i18n.t("pilots.quick_wins.item", lang, name=escape(name),
                            saved=i18n.fmt_pct(row["time_saved"]["value"], lang),
                            value=i18n.fmt_money(row["value_per_month"], lang),
                            payback=fmt_payback(row, lang)))
    return lines


def measurement_table(rows, lang):
    """A use case's measurements as table rows with translated column names and formatted values."""
    field = lambda key: i18n.t(f"pilots.field.{key}", lang)  # noqa: E731
    return [{
        field("measured_on"): i18n.fmt_date(r["measured_on"], lang),
        field("phase"): i18n.t(f"pilots.phase.{r['phase']}", lang),
        field("minutes_per_unit"): fmt_minutes(r["minutes_per_unit"], lang),
        field("units_per_month"): i18n.fmt_number(r["units_per_month"], lang),
        field("errors_per_unit"): i18n.fmt_number(r["errors_per_unit"], lang, 3),
        field("note"): r["note"] or "",
    } for r in rows]
