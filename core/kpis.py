"""Every KPI of Draagvlak: one function each, its formula in its docstring.

Functions take a ``sqlite_utils.Database`` and a ``filters.Filters`` and aggregate in SQL;
only the few pilot measurements are resampled in Python. Shares are fractions (0.89).
The UI's help text for a KPI is the catalog entry ``kpi.<name>.help`` (``core/i18n.py``),
which restates the formula below in the reader's language.
"""
import dataclasses
import datetime as dt
import importlib
import math

import numpy as np

from core import anonymity, i18n, memo, questionnaire, store, usage
from core.filters import Filters
from core.schema import SEGMENTS

Z95 = 1.959963984540054
BOOTSTRAP_SAMPLES = 2000
THIN_MEASUREMENTS = 5          # fewer per phase: figure shown without interval, flagged thin
HIGH_INFLUENCE_MIN = 3         # influence 3..5 is the top row of the stakeholder canvas
LOWER_IS_BETTER = {"fear_index"}
CLOSE_MARGIN = 0.05            # within 5 points (or 5 eNPS points / 100) of target is "close"
SEGMENT_ORDER = SEGMENTS + ("unassigned",)
QUADRANTS = ("key_champions", "critical_blockers", "silent_supporters", "grumblers")

# KPIs the Overview and ``kpis --json`` report; each has ``kpi.<name>.label`` and
# ``kpi.<name>.help`` in the translation catalog.
KPI_NAMES = (
    "acceptance_rate", "adoption_rate", "segment_progress", "time_saved", "throughput_change",
    "pilot_value", "training_participation", "training_requests", "suggestions", "fear_index",
    "enps", "stakeholders",
)


# ---------------------------------------------------------------- statistics

def wilson_interval(k, n, z=Z95):
    """Return the Wilson score interval ``(low, high)`` for ``k`` successes out of ``n``.

    centre = (p + z²/2n) / (1 + z²/n); half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
    89 of 100 gives ≈ (0.812, 0.937).
    """
    if n <= 0:
        return None, None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def two_proportion_p(k1, n1, k2, n2):
    """Two-sided p-value of the pooled two-proportion z-test (``None`` if undefined)."""
    if n1 <= 0 or n2 <= 0:
        return None
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return None if k1 / n1 == k2 / n2 else 0.0
    z = (k2 / n2 - k1 / n1) / se
    return math.erfc(abs(z) / math.sqrt(2))


def bootstrap_ratio_ci(numerator, denominator, transform, seed, samples=BOOTSTRAP_SAMPLES):
    """95% percentile interval of ``transform(mean(num*), mean(den*))`` over bootstrap resamples.

    Each phase is resampled with replacement on its own (independent samples).
    """
    rng = np.random.default_rng(seed)
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    num_means = rng.choice(num, size=(samples, num.size)).mean(axis=1)
    den_means = rng.choice(den, size=(samples, den.size)).mean(axis=1)
    values = transform(num_means, den_means)
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


# ---------------------------------------------------------------- helpers

def _in_clause(column, values):
    if not values:
        return "", []
    return f" AND {column} IN ({', '.join('?' for _ in values)})", list(values)


# The dated facts of a store: (table, date column).
# The dated facts of a store: (table, date column, which rows count). A wave nobody has
# answered yet is a plan, not data: it must not move "data as of" past the last usage.
DATED = (("usage_daily", "day", ""),
         ("surveys", "held_on",
          " WHERE EXISTS (SELECT 1 FROM survey_respondents r WHERE r.survey_id = surveys.id)"),
         ("measurements", "measured_on", ""), ("trainings", "held_on", ""),
         ("stakeholder_assessments", "assessed_on", ""))


def _data_bound(db, agg):
    parts = " UNION ALL ".join(f"SELECT {agg}({col}) AS d FROM {table}{where}"
                               for table, col, where in DATED)
    row = db.execute(f"SELECT {agg}(d) FROM ({parts})").fetchone()
    return dt.date.fromisoformat(row[0][:10]) if row and row[0] else None


def data_as_of(db):
    """Return the latest date the store has data for (usage, surveys, pilots, trainings, assessments)."""
    return _data_bound(db, "MAX")


def source_dates(db, f: Filters):
    """The last day each source counts up to in view ``f``: ``{"usage": date or None,
    "surveys": date or None}`` — usage figures stop at the last usage day
    (``usage.as_of``), survey figures at the last answered wave up to ``f.as_of``."""
    has_usage = usage.last_day(db) is not None
    row = db.execute(
        "SELECT MAX(held_on) FROM surveys WHERE held_on <= ? AND EXISTS "
        "(SELECT 1 FROM survey_respondents r WHERE r.survey_id = surveys.id)", [f.as_of_iso]).fetchone()
    return {"usage": usage.as_of(db, f) if has_usage else None,
            "surveys": dt.date.fromisoformat(row[0][:10]) if row and row[0] else None}


def first_data_day(db):
    """Return the earliest date the store has data for, or ``None`` for an empty store."""
    return _data_bound(db, "MIN")


def departments(db):
    """Return the company's departments, sorted."""
    return [r[0] for r in db.execute("SELECT name FROM departments ORDER BY name")]


def _int_setting(db, key, default, floor):
    """A whole-number setting, at least ``floor``; ``default`` when unset or not a number."""
    try:
        return max(floor, int(store.get_setting(db, key, str(default))))
    except ValueError:
        return default


def targets(db):
    """Return ``{kpi: target}`` from the targets table."""
    return {row[0]: row[1] for row in db.execute("SELECT kpi, target FROM targets")}


def status(kpi, value, target):
    """Judge a value against its target: ``on_track``, ``close`` or ``behind`` (``None`` without data).

    Higher is better except for the fear index; "close" is within 5 points of the target
    (5 points on eNPS's −100..100 scale).
    """
    if value is None or target is None:
        return None
    margin = CLOSE_MARGIN * (100 if kpi == "enps" else 1)
    gap = (target - value) if kpi in LOWER_IS_BETTER else (value - target)
    if gap >= 0:
        return "on_track"
    return "close" if gap >= -margin else "behind"


# ---------------------------------------------------------------- changes and the verdict

def change_signal(kpi, shown_change):
    """How a card shows a change: ``(arrow, colour)`` for ``st.metric``'s ``delta_arrow``
    and ``delta_color``.

    The arrow follows the number as shown (``shown_change``, already rounded to the digits
    the card prints): ``"up"`` for a rise, ``"down"`` for a fall, ``"off"`` for none. The
    colour says whether that direction is good for the KPI: a rise is good except for the
    fear index (``LOWER_IS_BETTER``), where a fall is. No change is grey.
    """
    if shown_change is None or shown_change == 0:
        return "off", "gray"
    rising = shown_change > 0
    good = rising != (kpi in LOWER_IS_BETTER)
    return ("up" if rising else "down"), ("green" if good else "red")


# The signals the headline answer weighs, in the order its sentence names them.
VERDICT_SIGNALS = ("acceptance_rate", "adoption_rate", "fear_index", "enps", "stakeholders")


def stakeholder_status(health):
    """Stakeholder health against its standing target: at least as many key champions as
    critical blockers is ``on_track``, fewer is ``behind``; ``None`` when nobody is assessed."""
    if not health or not health.get("assessed"):
        return None
    return "on_track" if health["key_champions"] >= health["critical_blockers"] else "behind"


def verdict_from(values, targets_, health):
    """The headline answer from all signals (the one rule; ``verdict`` reads the store).

    :param values: ``{kpi: value or None}`` for acceptance, adoption, fear and eNPS (``None``
        when there is no figure or it is hidden).
    :param targets_: ``{kpi: target}`` (``targets``).
    :param health: ``stakeholders(...)``.

    Each signal is judged by ``status`` against its target (stakeholders by
    ``stakeholder_status``); a signal without a figure or target is left out. ``behind``
    lists the signals not on track (``close`` included: they are below target), ``on_track``
    the others, both in ``VERDICT_SIGNALS`` order. The answer:

    - ``None``: no acceptance figure (no survey wave in the period, or hidden): the
      question cannot be answered without it;
    - ``"yes"``: every signal with data is on track;
    - ``"no"``: acceptance is ``behind`` (more than 5 points under target), or more than
      half of the signals with data are behind;
    - ``"mostly"``: otherwise (some signals behind, acceptance at most close to target).
    """
    signals = {}
    for kpi in VERDICT_SIGNALS:
        if kpi == "stakeholders":
            judged = stakeholder_status(health)
            entry = {"status": judged, "key_champions": (health or {}).get("key_champions"),
                     "critical_blockers": (health or {}).get("critical_blockers")}
        else:
            value, target = values.get(kpi), targets_.get(kpi)
            entry = {"status": status(kpi, value, target), "value": value, "target": target}
        signals[kpi] = entry
    judged = [k for k in VERDICT_SIGNALS if signals[k]["status"] is not None]
    behind = [k for k in judged if signals[k]["status"] != "on_track"]
    on_track = [k for k in judged if signals[k]["status"] == "on_track"]
    if signals["acceptance_rate"]["status"] is None:
        answer = None
    elif not behind:
        answer = "yes"
    elif signals["acceptance_rate"]["status"] == "behind" or len(behind) * 2 > len(judged):
        answer = "no"
    else:
        answer = "mostly"
    return {"answer": answer, "behind": behind, "on_track": on_track, "signals": signals}


def verdict(db, f: Filters):
    """``verdict_from`` on the store's figures for view ``f``."""
    return verdict_from(
        {"acceptance_rate": acceptance_rate(db, f).value, "adoption_rate": adoption_rate(db, f).value,
         "fear_index": fear_index(db, f).value, "enps": enps(db, f).value},
        targets(db), stakeholders(db, f))


def _signal_figure(kpi, number, lang):
    return (i18n.fmt_points(number, lang) if kpi == "enps" else i18n.fmt_pct(number, lang))


def verdict_sentence(v, lang):
    """The verdict in words: the answer, what is on track, and what is behind with its
    figure and target ("Grotendeels: de acceptatie is op koers, maar de angst is hoog (43%,
    doel 20%) en het gebruik blijft achter (10%, doel 75%)."). ``None`` without an answer."""
    if v["answer"] is None:
        return None

    def phrase(kpi, state):
        s = v["signals"][kpi]
        if kpi == "stakeholders":
            return i18n.t(f"verdict.{state}.stakeholders", lang, champions=s["key_champions"],
                          blockers=s["critical_blockers"])
        return i18n.t(f"verdict.{state}.{kpi}", lang, value=_signal_figure(kpi, s["value"], lang),
                      target=_signal_figure(kpi, s["target"], lang))

    good = i18n.join_words([phrase(k, "on_track") for k in v["on_track"]], lang)
    bad = i18n.join_words([phrase(k, "behind") for k in v["behind"]], lang)
    return i18n.t(f"verdict.{v['answer']}", lang, good=good, bad=bad) + (
        i18n.t("verdict.also_on_track", lang, good=good)
        if v["answer"] == "no" and v["on_track"] else "")


# ---------------------------------------------------------------- first start

# The first start's checklist, in the order a project lead walks it: (step, its page, the
# SQL that is true once it is done).
FIRST_STEPS = (
    ("staff", "data", "SELECT 1 FROM employees e WHERE e.batch_id IS NULL OR e.batch_id IN "
                      "(SELECT id FROM import_batches WHERE kind = 'staff') LIMIT 1"),
    ("usage", "data", "SELECT 1 FROM usage_daily LIMIT 1"),
    ("survey", "acceptance", "SELECT 1 FROM survey_respondents LIMIT 1"),
    ("pilots", "pilots", "SELECT 1 FROM measurements LIMIT 1"),
    ("stakeholders", "stakeholders", "SELECT 1 FROM stakeholder_assessments LIMIT 1"),
)


def first_steps(db):
    """The first start's checklist: ``[{step, page, done}]`` in ``FIRST_STEPS`` order. A
    step is done once the store holds its data: a staff list (people not made by a usage
    export), a usage export, a survey wave with answers, a pilot measurement, a stakeholder
    assessment."""
    return [{"step": step, "page": page, "done": db.execute(sql).fetchone() is not None}
            for step, page, sql in FIRST_STEPS]


# ---------------------------------------------------------------- surveys

@dataclasses.dataclass
class SurveyFigure:
    """A survey figure for one wave: a share (or eNPS score) with n and a 95% interval."""

    value: float | None
    n: int | None
    k: int | None
    ci_low: float | None
    ci_high: float | None
    wave: str | None
    wave_id: int | None = None
    wave_date: str | None = None
    suppressed: bool = False

    def as_json(self):
        return {"value": self.value, "n": self.n, "ci_low": self.ci_low, "ci_high": self.ci_high,
                "wave": self.wave, "wave_date": self.wave_date, "suppressed": self.suppressed}


def waves(db, f: Filters):
    """Survey waves held within the period that have respondents, oldest first, as dicts
    (id, name, held_on, invited). A wave created but not yet answered is left out."""
    return [
        dict(zip(("id", "name", "held_on", "invited"), row))
        for row in db.execute(
            "SELECT id, name, held_on, invited FROM surveys WHERE held_on BETWEEN ? AND ? "
            "AND EXISTS (SELECT 1 FROM survey_respondents r WHERE r.survey_id = surveys.id) "
            "ORDER BY held_on, id",
            [f.start_iso, f.as_of_iso],
        )
    ]


# Per store file and data version: a page asks for the same wave's answers to an item many
# times (a card, its trend, the verdict, the Acceptance page's figures).
_answers = memo.Memo(max_entries=128)


def value_counts(db, wave_id, item):
    """``((department, value, answers), ...)`` of one item of a wave: the one read of a
    wave's answers every survey figure is counted from (memoised per store file, data version,
    wave and item).

    Respondents first (index on ``survey_id``), then each one's answer through the covering
    index on ``(question_code, respondent_id, value)``: the cost follows the wave's size, not
    the number of waves stored. CROSS JOIN fixes that order; left to itself SQLite may scan
    the item's answers of every wave instead (3× slower at 13 waves, and growing).
    """
    return _answers.get(db, "value_counts", (wave_id, item), lambda: tuple(db.execute(
        """
        SELECT r.department, a.value, COUNT(*)
        FROM survey_respondents r
        CROSS JOIN survey_answers a ON a.respondent_id = r.id AND a.question_code = ?
        WHERE r.survey_id = ? AND a.value IS NOT NULL
        GROUP BY 1, 2
        """,
        [item, wave_id],
    ).fetchall()))


def department_counts(db, wave_id, item):
    """``{department: answers}`` to one item of a wave (from ``value_counts``): the
    partition the anonymity rule is applied to."""
    counts = {}
    for department, _, n in value_counts(db, wave_id, item):
        counts[department] = counts.get(department, 0) + n
    return counts


def _guarded_counts(db, wave, item, f):
    """``{value: answers}`` of the filtered group, and whether ``anonymity.selection_hidden``
    hides them (on the respondents per department who answered the item)."""
    chosen = set(f.departments)
    counts = {}
    for department, value, n in value_counts(db, wave["id"], item):
        if not chosen or department in chosen:
            counts[value] = counts.get(value, 0) + n
    sizes = department_counts(db, wave["id"], item)
    return counts, anonymity.selection_hidden(sizes, f.departments, anonymity.minimum(db))


def _wave_counts(db, wave, item, f):
    """``(counts, n, None)`` for a wave's item, or ``(…, figure)`` when there is nothing to show:
    no answers, or a group that must stay hidden."""
    counts, hidden = _guarded_counts(db, wave, item, f)
    base = dict(wave=wave["name"], wave_id=wave["id"], wave_date=wave["held_on"])
    n = sum(counts.values())
    if n == 0:
        return counts, n, SurveyFigure(None, 0, 0, None, None, **base)
    if hidden:
        return counts, n, SurveyFigure(None, None, None, None, None, suppressed=True, **base)
    return counts, n, None


def share_agreeing(db, wave, item, f):
    """Share of ``wave``'s answers to ``item`` that are 4 or 5, for view ``f``, with n and a
    95% Wilson interval; hidden for a group the anonymity rule hides."""
    counts, n, empty = _wave_counts(db, wave, item, f)
    if empty:
        return empty
    base = dict(wave=wave["name"], wave_id=wave["id"], wave_date=wave["held_on"])
    k = sum(c for v, c in counts.items() if v >= 4)
    low, high = wilson_interval(k, n)
    return SurveyFigure(k / n, n, k, low, high, **base)


def _empty_figure():
    return SurveyFigure(None, 0, 0, None, None, None)


def acceptance_trend(db, f: Filters):
    """Acceptance rate of every wave in the period, oldest first (see ``acceptance_rate``)."""
    return [share_agreeing(db, w, questionnaire.INTENTION_ITEM, f) for w in waves(db, f)]


def acceptance_rate(db, f: Filters):
    """Acceptance rate of the latest wave in the period.

    acceptance = respondents answering INT1 ("I want to keep using the AI tools") with 4 or
    5 / respondents answering INT1; with n and a 95% Wilson interval. Hidden for groups
    below the minimum size.
    """
    ws = waves(db, f)
    return share_agreeing(db, ws[-1], questionnaire.INTENTION_ITEM, f) if ws else _empty_figure()


def wave_change(previous: SurveyFigure, current: SurveyFigure):
    """Change between two waves' shares and whether it is significant at 5% (two-proportion z-test).

    Returns ``{"delta", "p_value", "significant"}`` or ``None`` when either figure is missing.
    """
    if previous is None or current is None or previous.value is None or current.value is None:
        return None
    p = two_proportion_p(previous.k, previous.n, current.k, current.n)
    return {"delta": current.value - previous.value, "p_value": p,
            "significant": p is not None and p < 0.05}


def fear_index(db, f: Filters):
    """Fear index of the latest wave: share answering FEAR1 ("AI will make my job redundant") 4 or 5.

    Lower is better; with n and a 95% Wilson interval.
    """
    ws = waves(db, f)
    return share_agreeing(db, ws[-1], questionnaire.FEAR_ITEM, f) if ws else _empty_figure()


def fear_trend(db, f: Filters):
    """Fear index of every wave in the period, oldest first."""
    return [share_agreeing(db, w, questionnaire.FEAR_ITEM, f) for w in waves(db, f)]


def enps(db, f: Filters):
    """eNPS for the AI tools in the latest wave (``wave_enps``)."""
    ws = waves(db, f)
    return wave_enps(db, ws[-1], f) if ws else _empty_figure()


def wave_enps(db, wave, f: Filters):
    """eNPS for the AI tools in ``wave``, in points from −100 to 100.

    eNPS = 100 × (share answering NPS1 with 9–10 − share answering 0–6); 95% interval from
    the multinomial variance (p + d − (p − d)²) / n.
    """
    counts, n, empty = _wave_counts(db, wave, questionnaire.NPS_ITEM, f)
    if empty:
        return empty
    base = dict(wave=wave["name"], wave_id=wave["id"], wave_date=wave["held_on"])
    promoters = sum(c for v, c in counts.items() if v >= 9) / n
    detractors = sum(c for v, c in counts.items() if v <= 6) / n
    score = promoters - detractors
    half = Z95 * math.sqrt(max(0.0, promoters + detractors - score * score) / n)
    return SurveyFigure(100 * score, n, None, 100 * max(-1.0, score - half),
                        100 * min(1.0, score + half), **base)


def response_rate(db, wave_id, f: Filters):
    """Respondents / staff invited, from the wave's entered invited count only.

    ``None`` when nobody entered how many were invited (dividing by everyone on the staff
    list would mix in people who were never asked), and for a department selection (the
    invited count is the company's).
    """
    invited = db.execute("SELECT invited FROM surveys WHERE id = ?", [wave_id]).fetchone()
    if not invited or not invited[0] or f.departments:
        return None
    respondents = db.execute(
        "SELECT COUNT(*) FROM survey_respondents WHERE survey_id = ?", [wave_id]).fetchone()[0]
    return respondents / invited[0]


# ---------------------------------------------------------------- the usage rollup, read once

# At most 8 values are kept (the figures one page reads at once), least recently used out.
_memo = memo.Memo(max_entries=8)


def memoised(db, f, name, compute):
    """Return ``compute()`` cached per store file, data version, filters and ``name``
    (``memo.Memo``: never for an in-memory store or inside an open transaction).

    Several figures share one read (the usage rollup, the person × week matrix); every
    write bumps ``data_version``, so a cached value is never stale.
    """
    return _memo.get(db, name, (f,), compute)


# ---------------------------------------------------------------- adoption

def _eligible_where(alias="e"):
    """SQL condition (two ``?`` for the date) for staff with access to the AI tools on a date."""
    return (f"{alias}.licensed_from IS NOT NULL AND {alias}.licensed_from <= ? "
            f"AND ({alias}.licensed_to IS NULL OR {alias}.licensed_to >= ?)")


def _staff_count(db, day, depts):
    clause, params = _in_clause("department", depts)
    return db.execute(
        f"SELECT COUNT(*) FROM employees WHERE (start_date IS NULL OR start_date <= ?){clause}",
        [str(day)] + params,
    ).fetchone()[0]


def segment_progress(db, f: Filters, window_days=None):
    """Per adoption segment: members with access, how many are active, and the share.

    progress(segment) = members active (``usage``: an AI action in the ``window_days``,
    default the setting, up to and on the day) on the last usage day (``usage.as_of``) /
    members with access on that day. Staff without a segment count as ``unassigned``.
    Returns ``{segment: {"members", "active", "value", "hidden"}}`` in Rogers' order;
    ``hidden`` marks the segments ``anonymity.hidden_categories`` hides (too small, or able
    to single out a small group by difference): whoever displays the figures must leave
    those out.
    """
    window = window_days or usage.window_days(db)
    day = usage.as_of(db, f)
    u = usage.matrix(db)
    licensed = u.licensed_on(day)
    members = licensed & u.in_departments(f.departments)
    active = members & u.active(day, window)
    found = {seg: (int(np.sum(members & (u.segment == seg))), int(np.sum(active & (u.segment == seg))))
             for seg in sorted(set(u.segment[members]))}
    hidden = anonymity.hidden_categories(u.by_department_and_segment(licensed),
                                         f.departments, anonymity.minimum(db))
    return {
        seg: {"members": found[seg][0], "active": found[seg][1],
              "value": found[seg][1] / found[seg][0] if found[seg][0] else None,
              "hidden": seg in hidden}
        for seg in SEGMENT_ORDER if seg in found
    }


@dataclasses.dataclass
class Adoption:
    value: float | None
    active: int | None
    eligible: int
    window_days: int
    as_of: str | None = None
    suppressed: bool = False

    def as_json(self):
        return dataclasses.asdict(self)


def adoption_rate(db, f: Filters, window_days=None):
    """Adoption rate on the last usage day up to as_of (``usage.as_of``).

    adoption = staff with access who are active (``usage``: at least one AI action in the
    last ``window_days``, default the setting ``adoption_window_days`` = 28) / staff with
    access on that day. A figure ``anonymity.selection_hidden`` hides (the whole company
    below the minimum, or a selection holding a department too small to show) is
    ``suppressed``: value and active are then ``None``.
    """
    window = window_days or usage.window_days(db)
    day = usage.as_of(db, f)
    u = usage.matrix(db)
    licensed = u.licensed_on(day)
    chosen = licensed & u.in_departments(f.departments)
    eligible = int(chosen.sum())
    active = int((chosen & u.active(day, window)).sum())
    if eligible and anonymity.selection_hidden(u.by_department(licensed), f.departments,
                                               anonymity.minimum(db)):
        return Adoption(None, None, eligible, window, day.isoformat(), suppressed=True)
    return Adoption(active / eligible if eligible else None, active, eligible, window,
                    day.isoformat())


def adoption_trend(db, f: Filters, max_points=60):
    """Weekly adoption rate over the period: ``adoption_rate`` on each Sunday.

    Returns a list of ``{"week_end", "active", "eligible", "value", "suppressed"}``, oldest
    first, for at most the ``max_points`` most recent Sundays up to the last usage day:
    active(Sunday) = staff with access on that Sunday who are active on it (``usage``, the
    window setting); eligible = staff with access on it. A point ``anonymity.
    selection_hidden`` hides on that Sunday's staff with access (per point: a department
    licensed later is small at first) is ``suppressed``.
    """
    f = usage.view(db, f)
    ends = usage.sundays(db, f, max_points)
    if not ends:
        return []
    u = usage.matrix(db)
    window = usage.window_days(db)
    active = u.active_at(ends, window)
    chosen = u.in_departments(f.departments)
    minimum = anonymity.minimum(db)
    points = []
    for i, day in enumerate(ends):
        licensed = u.licensed_on(day)
        n = int((licensed & chosen).sum())
        hidden = bool(n) and anonymity.selection_hidden(u.by_department(licensed), f.departments, minimum)
        a = None if hidden else int((active[:, i] & chosen).sum())
        points.append({"week_end": day.isoformat(), "active": a, "eligible": n,
                       "value": a / n if n and a is not None else None,
                       "suppressed": bool(hidden)})
    return points


# ---------------------------------------------------------------- pilots

def _measurements(db, f: Filters):
    clause, params = _in_clause("u.department", f.departments)
    rows = db.execute(
        f"""
        SELECT u.id, u.name, u.unit, u.status, u.department, u.hourly_rate,
               m.phase, m.minutes_per_unit, m.units_per_month
        FROM use_cases u JOIN measurements m ON m.use_case_id = u.id
        WHERE m.measured_on <= ?{clause}
        ORDER BY u.name, m.id
        """,
        [f.as_of_iso] + params,
    ).fetchall()
    cases = {}
    for uid, name, unit, status_, dept, rate, phase, minutes, units in rows:
        case = cases.setdefault(uid, {
            "use_case_id": uid, "use_case": name, "unit": unit, "status": status_,
            "department": dept, "hourly_rate": rate,
            "minutes": {"baseline": [], "after": []}, "units": {"baseline": [], "after": []},
        })
        if minutes is not None:
            case["minutes"][phase].append(minutes)
        if units is not None:
            case["units"][phase].append(units)
    return list(cases.values())


def _before_after(case, key, transform, seed):
    base, after = case[key]["baseline"], case[key]["after"]
    result = {"use_case": case["use_case"], "use_case_id": case["use_case_id"],
              "unit": case["unit"], "status": case["status"],
              "value": None, "ci_low": None, "ci_high": None,
              "n_baseline": len(base), "n_after": len(after),
              "baseline_mean": float(np.mean(base)) if base else None,
              "after_mean": float(np.mean(after)) if after else None,
              "thin": min(len(base), len(after)) < THIN_MEASUREMENTS}
    if not base or not after or result["baseline_mean"] == 0:
        return result
    result["value"] = float(transform(np.mean(after), np.mean(base)))
    if not result["thin"]:
        result["ci_low"], result["ci_high"] = bootstrap_ratio_ci(after, base, transform, seed)
    return result


def time_saved(db, f: Filters):
    """Time saved per use case, from measurements up to as_of.

    time saved = 1 − mean(after minutes per unit) / mean(baseline minutes per unit), with a
    bootstrap 95% interval (each phase resampled on its own, 2,000 samples). 8 h → 2 h is
    0.75. With fewer than 5 measurements in a phase the figure has no interval and is
    flagged ``thin``.
    """
    return [_before_after(c, "minutes", lambda a, b: 1 - a / b, seed=c["use_case_id"])
            for c in _measurements(db, f)]


def throughput_change(db, f: Filters):
    """Throughput change per use case: mean(after units per month) / mean(baseline units per month) − 1.

    The machine builder's +23% requests handled is 0.23; bootstrap 95% interval as for
    ``time_saved``.
    """
    return [_before_after(c, "units", lambda a, b: a / b - 1, seed=c["use_case_id"] + 7919)
            for c in _measurements(db, f)]


def pilot_value(db, f: Filters):
    """Hours and money saved per month by the pilots.

    hours per month = (mean baseline − mean after minutes per unit) / 60 × mean after units
    per month (baseline units when no after count exists); value per month = hours × the
    use case's hourly rate. Returns ``{"hours_per_month", "value_per_month", "use_cases"}``
    with totals over use cases that have both phases measured (``None`` when none has).
    """
    per_case = []
    for case in _measurements(db, f):
        base, after = case["minutes"]["baseline"], case["minutes"]["after"]
        units = case["units"]["after"] or case["units"]["baseline"]
        if not base or not after or not units:
            continue
        hours = (np.mean(base) - np.mean(after)) / 60 * np.mean(units)
        value = hours * case["hourly_rate"] if case["hourly_rate"] is not None else None
        per_case.append({"use_case": case["use_case"], "hours_per_month": float(hours),
                         "value_per_month": None if value is None else float(value)})
    if not per_case:
        return {"hours_per_month": None, "value_per_month": None, "use_cases": []}
    values = [c["value_per_month"] for c in per_case if c["value_per_month"] is not None]
    return {"hours_per_month": sum(c["hours_per_month"] for c in per_case),
            "value_per_month": sum(values) if values else None, "use_cases": per_case}


# ---------------------------------------------------------------- training and engagement

def _monthly_counts(db, table, date_column, f, dept_column="department"):
    clause, params = _in_clause(dept_column, f.departments)
    return [
        {"month": month, "count": count}
        for month, count in db.execute(
            f"SELECT substr({date_column}, 1, 7) AS month, COUNT(*) FROM {table} "
            f"WHERE {date_column} BETWEEN ? AND ?{clause} GROUP BY month ORDER BY month",
            [f.start_iso, f.as_of_iso] + params,
        )
    ]


def _per_month(db, table, date_column, f):
    series = _monthly_counts(db, table, date_column, f)
    total = sum(m["count"] for m in series)
    months = f.months(first_data_day(db))
    # Nothing ever recorded is "no data"; none in this period is a real zero.
    recorded = total or db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
    return {"value": total / months if recorded else None, "total": total,
            "months": round(months, 1), "series": series}


def training_requests(db, f: Filters):
    """Training requests per month: requests dated in the period / months in the period."""
    return _per_month(db, "training_requests", "requested_on", f)


def suggestions(db, f: Filters):
    """Improvement suggestions per month: suggestions dated in the period / months in the period."""
    return _per_month(db, "suggestions", "submitted_on", f)


def training_participation(db, f: Filters):
    """Training participation: staff who attended at least one training in the period / staff on as_of.

    Returns ``{"value", "attendees", "staff", "sessions"}``; ``value`` is ``None`` when no
    training was held in the period.
    """
    clause, params = _in_clause("e.department", f.departments)
    sessions = db.execute(
        "SELECT COUNT(*) FROM trainings WHERE held_on BETWEEN ? AND ?",
        [f.start_iso, f.as_of_iso],
    ).fetchone()[0]
    attendees = db.execute(
        f"""
        SELECT COUNT(DISTINCT a.employee_id) FROM training_attendance a
        JOIN trainings t ON t.id = a.training_id JOIN employees e ON e.id = a.employee_id
        WHERE t.held_on BETWEEN ? AND ?{clause}
        """,
        [f.start_iso, f.as_of_iso] + params,
    ).fetchone()[0]
    staff = _staff_count(db, f.as_of_iso, f.departments)
    value = attendees / staff if sessions and staff else None
    return {"value": value, "attendees": attendees, "staff": staff, "sessions": sessions}


# ---------------------------------------------------------------- stakeholders

def reassess_after(db):
    """Days after which a stakeholder assessment is overdue (setting, default 183 ≈ 6 months)."""
    return _int_setting(db, "reassess_after_days", 183, 1)


def _quadrant_sql(alias):
    return f"""CASE
        WHEN {alias}.attitude > 0 AND {alias}.influence >= {HIGH_INFLUENCE_MIN} THEN 'key_champions'
        WHEN {alias}.attitude < 0 AND {alias}.influence >= {HIGH_INFLUENCE_MIN} THEN 'critical_blockers'
        WHEN {alias}.attitude > 0 THEN 'silent_supporters'
        WHEN {alias}.attitude < 0 THEN 'grumblers'
        ELSE 'undecided' END"""


def stakeholders(db, f: Filters, reassess_after_days=None):
    """Stakeholder health on as_of, from each person's latest assessment.

    Quadrants (influence ≥ 3 is high; attitude > 0 positive, < 0 negative, 0 undecided):
    Key Champions, Critical Blockers, Silent Supporters, Grumblers, plus ``undecided``.
    ``overdue`` = people whose latest assessment is older than ``reassess_after_days``
    (setting, default 183 ≈ 6 months); ``improved`` / ``declined`` = attitude moved up /
    down since their previous assessment.
    """
    if reassess_after_days is None:
        reassess_after_days = reassess_after(db)
    clause, params = _in_clause("e.department", f.departments)
    rows = db.execute(
        f"""
        WITH ranked AS (
            SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.employee_id
                                           ORDER BY s.assessed_on DESC, s.id DESC) AS rn
            FROM stakeholder_assessments s JOIN employees e ON e.id = s.employee_id
            WHERE s.assessed_on <= ?{clause}
        )
        SELECT {_quadrant_sql("cur")} AS quadrant,
               COUNT(*),
               SUM(cur.assessed_on < date(?, ?)),
               SUM(prev.attitude IS NOT NULL AND cur.attitude > prev.attitude),
               SUM(prev.attitude IS NOT NULL AND cur.attitude < prev.attitude)
        FROM ranked cur LEFT JOIN ranked prev
          ON prev.employee_id = cur.employee_id AND prev.rn = 2
        WHERE cur.rn = 1
        GROUP BY quadrant
        """,
        [f.as_of_iso] + params + [f.as_of_iso, f"-{int(reassess_after_days)} days"],
    ).fetchall()
    result = {q: 0 for q in QUADRANTS + ("undecided",)}
    result.update(assessed=0, overdue=0, improved=0, declined=0)
    for quadrant, count, overdue, improved, declined in rows:
        result[quadrant] = count
        result["assessed"] += count
        result["overdue"] += overdue or 0
        result["improved"] += improved or 0
        result["declined"] += declined or 0
    return result


# ---------------------------------------------------------------- everything at once

def _round(value, digits=4):
    return None if value is None else round(value, digits)


def _rounded(d):
    return {k: _round(v) if isinstance(v, float) else v for k, v in d.items()}


# Modules whose ``summary_json(db, filters)`` adds their page's keys to the summary; a
# module that is not there yet is skipped. Later keys never replace earlier ones.
SUMMARY_EXTENSIONS = ("core.surveys", "core.adoption", "core.stakeholders", "core.pilots",
                      "core.steering", "core.licences")


def summary(db, f: Filters):
    """Every KPI for one view, as the JSON-ready dict that ``python -m core kpis --json`` prints."""
    result = _core_summary(db, f)
    for name in SUMMARY_EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        extra = module.summary_json(db, f)
        clash = sorted(set(extra) & set(result))
        if clash:
            raise KeyError(f"{name}.summary_json redefines {', '.join(clash)}")
        result.update(extra)
    return result


def _core_summary(db, f: Filters):
    trend = acceptance_trend(db, f)
    accept = trend[-1] if trend else _empty_figure()
    change = wave_change(trend[-2], trend[-1]) if len(trend) >= 2 else None
    pilots = pilot_value(db, f)
    keep = ("use_case", "value", "ci_low", "ci_high", "n_baseline", "n_after", "thin")
    fear, score, adoption = fear_index(db, f), enps(db, f), adoption_rate(db, f)
    health, goals = stakeholders(db, f), targets(db)
    return {
        "as_of": f.as_of_iso,
        "period_start": f.start.isoformat() if f.start else None,
        "departments": list(f.departments),
        "acceptance_rate": _rounded(accept.as_json()),
        "acceptance_change": None if change is None else _rounded(change),
        "fear_index": _rounded(fear.as_json()),
        "enps": _rounded(score.as_json()),
        "adoption_rate": _rounded(adoption.as_json()),
        "segments": {k: _rounded(v if not v["hidden"] else dict(v, active=None, value=None))
                     for k, v in segment_progress(db, f).items()},
        "time_saved": [_rounded({k: r[k] for k in keep}) for r in time_saved(db, f)],
        "throughput_change": [_rounded({k: r[k] for k in keep}) for r in throughput_change(db, f)],
        "pilot_value": {"hours_per_month": _round(pilots["hours_per_month"], 1),
                        "value_per_month": _round(pilots["value_per_month"], 0)},
        "training_participation": _rounded(training_participation(db, f)),
        "training_requests_per_month": _round(training_requests(db, f)["value"], 2),
        "suggestions_per_month": _round(suggestions(db, f)["value"], 2),
        "stakeholders": health,
        "targets": goals,
        "verdict": verdict_from(
            {"acceptance_rate": accept.value, "adoption_rate": adoption.value,
             "fear_index": fear.value, "enps": score.value}, goals, health),
    }
