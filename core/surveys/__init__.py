"""Survey deep dive: per-wave acceptance, item results, constructs, breakdowns, advice, waves.

Every figure here rests on the anonymity engine below. Its rules (``shared/design.md``):

- No figure for fewer than ``anonymity.minimum`` respondents (default 5, never below 3).
- Departments are the atoms a filter is made of. Per wave and item, departments below N
  are hidden, and while the hidden ones hold fewer than N together the next-smallest is
  hidden too (``anonymity.hidden_groups``, complementary suppression). A figure for a set of
  departments is shown only when none of them is hidden, exactly as ``kpis._guarded_counts``
  does, so any two shown department figures differ by whole shown departments.
  The hidden departments form one *block*; the shown ones are blocks of their own.
- Breakdowns by level and by adoption segment are always for the whole company (a
  department filter combined with a level split could be differenced); within each the
  hidden cells together hold at least N respondents, and a cell is hidden when it differs
  from a shown department figure or another shown cell by fewer than N respondents.
- Open-text answers need 10 text answers per block, and come without department or level,
  in a fixed shuffled order.
"""
import csv
import dataclasses
import datetime as dt
import hashlib
import html
import io
import math

from core import anonymity, i18n, kpis, memo, questionnaire, store, validate
from core.filters import Filters
from core.schema import LEVELS

FAVOURABLE_MIN = 4             # 4 or 5 on the 5-point scale
UNFAVOURABLE_MAX = 2           # 1 or 2
CONSTRUCTS = ("usefulness", "ease_of_use", "support", "trust", "transparency",
              "participation", "satisfaction")
WEAK_CONSTRUCT = 0.70          # a construct with fewer agreeing is a candidate for advice
MAX_ADVICE = 5
UNKNOWN = None                 # a respondent without department or level


# ---------------------------------------------------------------- statistics

def cronbach_alpha(rows):
    """Cronbach's alpha of complete answer rows (one list of item values per respondent).

    α = k/(k−1) · (1 − Σ var(itemᵢ) / var(Σ items)), sample variances. ``None`` with fewer
    than 2 items, 2 rows, or no spread in the totals. [[1,2],[2,3],[3,3]] gives 6/7.
    """
    rows = [list(r) for r in rows]
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    k, n = len(rows[0]), len(rows)
    sums = [sum(r[i] for r in rows) for i in range(k)]
    squares = [sum(r[i] ** 2 for r in rows) for i in range(k)]
    totals = [sum(r) for r in rows]
    return _alpha_from_sums(k, n, sums, squares, sum(totals), sum(t * t for t in totals))


def _alpha_from_sums(k, n, item_sums, item_squares, total_sum, total_square):
    def var(s, s2):
        return (s2 - s * s / n) / (n - 1)
    total_var = var(total_sum, total_square)
    if n < 2 or k < 2 or total_var <= 0:
        return None
    item_var = sum(var(s, s2) for s, s2 in zip(item_sums, item_squares))
    return k / (k - 1) * (1 - item_var / total_var)


# ---------------------------------------------------------------- the anonymity engine

@dataclasses.dataclass
class Partition:
    """Departments of one wave's item split into blocks that may be shown or combined.

    :param counts: ``{department: respondents}`` (``None`` = unknown department).
    :param minimum: the minimum group size.
    """

    counts: dict
    minimum: int

    def __post_init__(self):
        self.counts = {k: c for k, c in self.counts.items() if c > 0}
        self.total = sum(self.counts.values())
        pool = self.pool = frozenset(anonymity.hidden_groups(self.counts, self.minimum))
        self.blocks = [frozenset([k]) for k in self.counts if k not in pool]
        if pool:
            self.blocks.append(pool)
        self.block_of = {k: b for b in self.blocks for k in b}

    @property
    def company_shown(self):
        return self.total >= self.minimum

    def n(self, departments):
        """Respondents in ``departments`` (empty = the whole company)."""
        if not departments:
            return self.total
        return sum(self.counts.get(d, 0) for d in departments)

    def shows(self, departments):
        """May a figure for ``departments`` (empty = whole company) be shown?

        As ``kpis._guarded_counts``: only when no chosen department is hidden.
        """
        if not self.company_shown:
            return False
        if not departments:
            return True
        chosen = {d for d in departments if d in self.counts}
        return bool(chosen) and not (chosen & self.pool)

    def shows_department(self, department):
        """May the cell of one department in a breakdown be shown?"""
        return (self.company_shown and department in self.counts
                and self.block_of[department] == frozenset([department]))


_TOGETHER = object()       # marks "the hidden cells of a breakdown together"


def _guard_rows(cube_rows, partition, minimum):
    """Decide which level and segment cells of one item may be shown (whole company).

    :param cube_rows: ``[(department, level, segment, n)]`` for the item.
    :returns: ``{"level": hidden keys, "segment": hidden keys}``.

    A cell is hidden when small, by complementary suppression within its breakdown, when a
    department figure contains it or lies inside it with fewer than N respondents between
    them, or when it nests in another shown cell that way. Department figures here are all
    unions of blocks, the hidden block included: it is "everyone" minus the shown ones.
    """
    dims = {"level": 1, "segment": 2}
    # Each cell as {(department, level, segment): n}: two cells nest when one's non-empty
    # microcells are all in the other.
    cells = {dim: {} for dim in dims}
    for row in cube_rows:
        if row[3] <= 0:
            continue
        for dim, i in dims.items():
            cells[dim].setdefault(row[i], {})[row[:3]] = row[3]
    size = {dim: {k: sum(m.values()) for k, m in cs.items()} for dim, cs in cells.items()}
    if not partition.company_shown:
        return {dim: set(cs) for dim, cs in cells.items()}
    block_n = [sum(partition.counts[d] for d in b) for b in partition.blocks]

    def versus_departments(micro):
        inside = [sum(n for m, n in micro.items() if m[0] in b) for b in partition.blocks]
        total = sum(micro.values())
        cover = sum(bn for bn, i in zip(block_n, inside) if i > 0)
        within = sum(bn for bn, i in zip(block_n, inside) if i == bn)
        return 0 < cover - total < minimum or (within > 0 and 0 < total - within < minimum)

    def nested_too_close(a, b):
        common = sum(n for m, n in a.items() if m in b)
        na, nb = sum(a.values()), sum(b.values())
        return (common == na and 0 < nb - na < minimum) or (common == nb and 0 < na - nb < minimum)

    hidden = {dim: {k for k, n in size[dim].items() if n < minimum} for dim in dims}
    changed = True
    while changed:
        changed = False
        for dim in dims:
            pool = set(hidden[dim])
            rest = sorted((k for k in size[dim] if k not in pool),
                          key=lambda k: (size[dim][k], str(k)))
            while pool and sum(size[dim][k] for k in pool) < minimum and rest:
                pool.add(rest.pop(0))
            if pool != hidden[dim]:
                hidden[dim], changed = pool, True
        # Figures a reader has or can derive: the shown cells, and per breakdown its hidden
        # cells together ("everyone" minus the shown ones).
        groups = [(dim, k, cells[dim][k]) for dim in dims for k in size[dim] if k not in hidden[dim]]
        for dim in dims:
            if hidden[dim]:
                together = {}
                for k in hidden[dim]:
                    together.update(cells[dim][k])
                groups.append((dim, _TOGETHER, together))
        for dim, key, micro in groups:
            bad = versus_departments(micro) or any(
                other_dim != dim and nested_too_close(micro, theirs)
                for other_dim, _, theirs in groups)
            if bad:
                # A shown cell is hidden; a hidden union that still gives something away
                # grows by the smallest shown cell of its breakdown.
                if key is _TOGETHER:
                    rest = sorted((k for k in size[dim] if k not in hidden[dim]),
                                  key=lambda k: (size[dim][k], str(k)))
                    if not rest:
                        continue        # all hidden: the union is everyone, nothing to add
                    key = rest[0]
                hidden[dim] = hidden[dim] | {key}
                changed = True
                break
    return hidden


# ---------------------------------------------------------------- one wave's answers

# Per store file and data version (``core.memo``): a page asks for the same wave's answers
# some 25 times per run (items, constructs, heatmaps, segments, advice, trends).
_memo = memo.Memo(max_entries=128)


def _cube(db, wave_id):
    """Answer counts of one wave per department, level, segment and item (aggregated in SQL).

    Rows: ``(department, level, segment, code, n, favourable, neutral, unfavourable, sum,
    promoters, detractors)``, as a tuple (memoised per store file, data version and wave).
    The wave's respondents are read first, each with its segment, so the segment is looked
    up once per respondent rather than once per answer.
    """
    return _memo.get(db, "cube", (wave_id,), lambda: tuple(db.execute(
        """
        WITH p AS MATERIALIZED (
            SELECT r.id, r.department AS department, r.level AS level,
                   COALESCE(e.segment, 'unassigned') AS segment
            FROM survey_respondents r LEFT JOIN employees e ON e.id = r.employee_id
            WHERE r.survey_id = ?)
        SELECT p.department, p.level, p.segment, a.question_code,
               COUNT(*), SUM(a.value >= 4), SUM(a.value = 3), SUM(a.value <= 2), SUM(a.value),
               SUM(a.value >= 9), SUM(a.value <= 6)
        FROM p JOIN survey_answers a ON a.respondent_id = p.id
        WHERE a.value IS NOT NULL
        GROUP BY 1, 2, 3, 4
        """,
        [wave_id],
    ).fetchall()))


def _partition(cube, code, minimum):
    counts = {}
    for row in cube:
        if row[3] == code:
            counts[row[0]] = counts.get(row[0], 0) + row[4]
    return Partition(counts, minimum)


def _sum_rows(rows):
    """Add cube rows up to ``{n, favourable, neutral, unfavourable, sum, promoters, detractors}``."""
    keys = ("n", "favourable", "neutral", "unfavourable", "sum", "promoters", "detractors")
    out = dict.fromkeys(keys, 0)
    for row in rows:
        for key, value in zip(keys, row[4:]):
            out[key] += value or 0
    return out


def _in_scope(row, departments):
    return not departments or row[0] in departments


def _wave(db, wave_id):
    row = db.execute("SELECT id, name, held_on, invited FROM surveys WHERE id = ?",
                     [wave_id]).fetchone()
    return None if row is None else dict(zip(("id", "name", "held_on", "invited"), row))


def _questions(db):
    return [dict(zip(("code", "construct", "scale", "reversed", "text_nl", "text_en"), r))
            for r in db.execute("SELECT code, construct, scale, reversed, text_nl, text_en "
                                "FROM survey_questions ORDER BY position")]


# ---------------------------------------------------------------- waves

def wave_list(db, f: Filters):
    """Every survey wave (not only the period's), newest first, with respondent counts.

    Response rate = respondents / invited (or staff on the wave date), via
    ``kpis.response_rate`` for the whole company.
    """
    rows = db.execute(
        """
        SELECT s.id, s.name, s.held_on, s.invited, COUNT(r.id)
        FROM surveys s LEFT JOIN survey_respondents r ON r.survey_id = s.id
        GROUP BY s.id ORDER BY s.held_on DESC, s.id DESC
        """
    ).fetchall()
    company = Filters(as_of=f.as_of if f else dt.date.today())
    return [{"id": i, "name": name, "held_on": held_on, "invited": invited, "respondents": n,
             "response_rate": kpis.response_rate(db, i, company)}
            for i, name, held_on, invited, n in rows]


def default_wave(db, f: Filters):
    """The latest wave of the period that has respondents (``None`` when there is none)."""
    waves = kpis.waves(db, f)
    with_answers = {r[0] for r in db.execute(
        "SELECT DISTINCT survey_id FROM survey_respondents")}
    for wave in reversed(waves):
        if wave["id"] in with_answers:
            return wave["id"]
    return None


def _guarded_figure(db, fig, code, f, minimum):
    """Hide a ``kpis.SurveyFigure`` whose scope splits a block of departments."""
    if fig.value is None or fig.suppressed:
        return fig
    part = Partition(kpis.department_counts(db, fig.wave_id, code), minimum)
    if part.shows(f.departments):
        return fig
    return dataclasses.replace(fig, value=None, n=None, k=None, ci_low=None, ci_high=None,
                               suppressed=True)


def acceptance_by_wave(db, f: Filters):
    """Acceptance per wave of the period, oldest first, with interval, n, response rate and change.

    acceptance = INT1 answered 4 or 5 / INT1 answered (``kpis.acceptance_trend``), 95%
    Wilson interval; response rate = respondents in scope / invited (or staff in scope);
    change against the previous shown wave, significant when the two-proportion z-test
    gives p < 0.05 (``kpis.wave_change``). Hidden for groups below the minimum or scopes
    that split a block of departments.
    """
    minimum = anonymity.minimum(db)
    out, previous = [], None
    for wave in kpis.waves(db, f):
        # = kpis.acceptance_trend, one wave each
        fig = kpis.share_agreeing(db, wave, questionnaire.INTENTION_ITEM, f)
        fig = _guarded_figure(db, fig, questionnaire.INTENTION_ITEM, f, minimum)
        change = kpis.wave_change(previous, fig) if previous is not None else None
        out.append({"figure": fig, "wave": fig.wave, "wave_id": fig.wave_id,
                    "wave_date": fig.wave_date, "value": fig.value, "n": fig.n,
                    "ci_low": fig.ci_low, "ci_high": fig.ci_high, "suppressed": fig.suppressed,
                    # A hidden group's response rate would tell how many of its few answered.
                    "response_rate": None if fig.suppressed
                    else kpis.response_rate(db, fig.wave_id, f), "change": change})
        if fig.value is not None:
            previous = fig
    return out


def fear_enps_trend(db, f: Filters):
    """Fear index and eNPS per wave of the period, oldest first (``kpis.fear_trend`` and
    ``kpis.enps``), with the same anonymity rules as ``acceptance_by_wave``.

    fear index = FEAR1 answered 4 or 5 / FEAR1 answered; eNPS = 100 × (share 9–10 − share 0–6).
    """
    minimum = anonymity.minimum(db)
    out = []
    for wave in kpis.waves(db, f):
        # = kpis.fear_trend and kpis.enps (``wave_enps``), one wave each.
        fear = kpis.share_agreeing(db, wave, questionnaire.FEAR_ITEM, f)
        score = kpis.wave_enps(db, wave, f)
        fear = _guarded_figure(db, fear, questionnaire.FEAR_ITEM, f, minimum)
        score = _guarded_figure(db, score, questionnaire.NPS_ITEM, f, minimum)
        out.append({"wave": fear.wave, "wave_id": fear.wave_id, "wave_date": fear.wave_date,
                    "fear": fear, "enps": score})
    return out


# ---------------------------------------------------------------- one wave in depth

def item_results(db, f: Filters, wave_id):
    """Distribution of every 5-point item of a wave in scope, sorted by favourable share.

    unfavourable = share answering 1–2, neutral = 3, favourable = 4–5 (for FEAR1 agreeing
    means worrying). Hidden items (too few, or a scope splitting a block) come last with
    ``hidden`` set and no shares.
    """
    minimum = anonymity.minimum(db)
    cube = _cube(db, wave_id)
    out = []
    for q in _questions(db):
        if q["scale"] != "agree5":
            continue
        rows = [r for r in cube if r[3] == q["code"] and _in_scope(r, f.departments)]
        s = _sum_rows(rows)
        hidden = s["n"] > 0 and not _partition(cube, q["code"], minimum).shows(f.departments)
        item = {"code": q["code"], "construct": q["construct"], "reversed": bool(q["reversed"]),
                "text_nl": q["text_nl"], "text_en": q["text_en"], "hidden": hidden,
                "n": None if hidden else s["n"], "favourable": None, "neutral": None,
                "unfavourable": None, "mean": None}
        if s["n"] and not hidden:
            item.update(favourable=s["favourable"] / s["n"], neutral=s["neutral"] / s["n"],
                        unfavourable=s["unfavourable"] / s["n"], mean=s["sum"] / s["n"])
        out.append(item)
    out.sort(key=lambda i: (i["favourable"] is None, -(i["favourable"] or 0), i["code"]))
    return out


def construct_scores(db, f: Filters, wave_id):
    """Score per construct of a wave in scope, with Cronbach's alpha for multi-item constructs.

    score = mean of its items' means (1–5); favourable = share of its answers that are 4–5;
    alpha over respondents who answered all its items (shown from N of them). Hidden when
    any of its items is hidden.
    """
    items = {i["code"]: i for i in item_results(db, f, wave_id)}
    by_construct = {}
    for q in _questions(db):
        if q["construct"] in CONSTRUCTS:
            by_construct.setdefault(q["construct"], []).append(q["code"])
    minimum = anonymity.minimum(db)
    out = []
    for construct in CONSTRUCTS:
        codes = by_construct.get(construct, [])
        parts = [items[c] for c in codes if c in items]
        if not parts or all(p["n"] is None and not p["hidden"] for p in parts):
            out.append({"construct": construct, "items": codes, "score": None, "favourable": None,
                        "n": 0, "alpha": None, "alpha_n": None, "hidden": False})
            continue
        hidden = any(p["hidden"] for p in parts) or any(not p["n"] for p in parts)
        row = {"construct": construct, "items": codes, "score": None, "favourable": None,
               "n": None, "alpha": None, "alpha_n": None, "hidden": hidden}
        if not hidden:
            answers = sum(p["n"] for p in parts)
            row.update(score=sum(p["mean"] for p in parts) / len(parts),
                       favourable=sum(p["favourable"] * p["n"] for p in parts) / answers,
                       n=min(p["n"] for p in parts))
            if len(codes) >= 2:
                alpha, alpha_n = _alpha_sql(db, wave_id, codes, f.departments)
                if alpha_n >= minimum:
                    row.update(alpha=alpha, alpha_n=alpha_n)
        out.append(row)
    return out


def _alpha_sql(db, wave_id, codes, departments):
    """Cronbach's alpha from sums computed in SQL over respondents who answered every item.

    Returns ``(alpha, respondents)``, memoised per store file, data version, wave, items
    and departments.
    """
    return _memo.get(db, "alpha", (wave_id, tuple(codes), tuple(departments or ())),
                     lambda: _alpha_query(db, wave_id, codes, departments))


def _alpha_query(db, wave_id, codes, departments):
    marks = ", ".join("?" for _ in codes)
    clause, params = kpis._in_clause("r.department", departments)
    complete = f"""
        SELECT a.respondent_id AS rid, SUM(a.value) AS total
        FROM survey_answers a JOIN survey_respondents r ON r.id = a.respondent_id
        WHERE r.survey_id = ? AND a.question_code IN ({marks}) AND a.value IS NOT NULL{clause}
        GROUP BY a.respondent_id HAVING COUNT(*) = {len(codes)}
    """
    base = [wave_id] + list(codes) + params
    n, total_sum, total_square = db.execute(
        f"SELECT COUNT(*), SUM(total), SUM(total * total) FROM ({complete})", base).fetchone()
    if not n:
        return None, 0
    sums = dict((c, (s, s2)) for c, s, s2 in db.execute(
        f"""SELECT question_code, SUM(value), SUM(value * value) FROM survey_answers
            WHERE question_code IN ({marks}) AND respondent_id IN (SELECT rid FROM ({complete}))
            GROUP BY question_code""", list(codes) + base))
    alpha = _alpha_from_sums(len(codes), n, [sums[c][0] for c in codes],
                             [sums[c][1] for c in codes], total_sum, total_square)
    return alpha, n


def heatmap(db, f: Filters, wave_id, by="department"):
    """Favourable share (4–5) of every 5-point item per department or per level.

    Departments: those in scope (all without a filter), each shown only when it is a block
    of its own. Levels: always the whole company (see the module docstring). Cells:
    ``{code, group, value, n, hidden}``; ``group`` is ``None`` for an unknown department/level.
    """
    minimum = anonymity.minimum(db)
    cube = _cube(db, wave_id)
    out = []
    for q in _questions(db):
        if q["scale"] != "agree5":
            continue
        rows = [r for r in cube if r[3] == q["code"]]
        part = _partition(cube, q["code"], minimum)
        if by == "department":
            groups = {}
            for r in rows:
                if _in_scope(r, f.departments):
                    groups.setdefault(r[0], []).append(r)
            hidden = {g for g in groups if not part.shows_department(g)}
        else:
            groups = {}
            for r in rows:
                groups.setdefault(r[1], []).append(r)
            hidden = _guard_rows([r[:3] + (r[4],) for r in rows], part, minimum)["level"]
        for group, members in groups.items():
            s = _sum_rows(members)
            if not s["n"]:
                continue
            shown = group not in hidden
            out.append({"code": q["code"], "group": group, "hidden": not shown,
                        "n": s["n"] if shown else None,
                        "value": s["favourable"] / s["n"] if shown else None})
    return out


def by_segment(db, f: Filters, wave_id, code=questionnaire.INTENTION_ITEM):
    """Share answering 4–5 to ``code`` per adoption segment (whole company), with Wilson interval.

    Respondents are linked to segments through ``survey_respondents.employee_id`` →
    ``employees.segment``; unlinked ones count as ``unassigned``. Returns rows in Rogers'
    order: ``{segment, value, n, ci_low, ci_high, hidden}``; ``[]`` when no respondent is linked.
    """
    minimum = anonymity.minimum(db)
    cube = _cube(db, wave_id)
    rows = [r for r in cube if r[3] == code]
    if not rows or all(r[2] == "unassigned" for r in rows):
        return []
    hidden = _guard_rows([r[:3] + (r[4],) for r in rows], _partition(cube, code, minimum),
                         minimum)["segment"]
    out = []
    for segment in kpis.SEGMENT_ORDER:
        s = _sum_rows(r for r in rows if r[2] == segment)
        if not s["n"]:
            continue
        if segment in hidden:
            out.append({"segment": segment, "value": None, "n": None, "ci_low": None,
                        "ci_high": None, "hidden": True})
            continue
        low, high = kpis.wilson_interval(s["favourable"], s["n"])
        out.append({"segment": segment, "value": s["favourable"] / s["n"], "n": s["n"],
                    "ci_low": low, "ci_high": high, "hidden": False})
    return out


def open_answers(db, f: Filters, wave_id):
    """Open answers (OPEN1) of a wave in scope, without department or level, in a fixed shuffled order.

    Shown only when the scope is a whole union of blocks of at least 10 text answers (or
    the setting's minimum, when higher). Returns ``{"texts", "n", "hidden"}``.
    """
    minimum = max(anonymity.OPEN_TEXT_MINIMUM, anonymity.minimum(db))
    rows = db.execute(
        """
        SELECT r.id, r.department, a.text FROM survey_answers a
        JOIN survey_respondents r ON r.id = a.respondent_id
        WHERE r.survey_id = ? AND a.question_code = 'OPEN1' AND TRIM(COALESCE(a.text, '')) <> ''
        """,
        [wave_id],
    ).fetchall()
    counts = {}
    for _, dept, _ in rows:
        counts[dept] = counts.get(dept, 0) + 1
    part = Partition(counts, minimum)
    mine = [(rid, text.strip()) for rid, dept, text in rows
            if not f.departments or dept in f.departments]
    if not mine:
        return {"texts": [], "n": 0, "hidden": False}
    if not part.shows(f.departments):
        return {"texts": [], "n": None, "hidden": True}
    # A hash order: the same every rerun, unrelated to department, level or entry order.
    mine.sort(key=lambda p: hashlib.sha256(f"{wave_id}:{p[0]}".encode()).hexdigest())
    return {"texts": [text for _, text in mine], "n": len(mine), "hidden": False}


# ---------------------------------------------------------------- what to do next

# Advice keys (``advice.<key>`` in core/surveys/texts.py) per weak construct.
CONSTRUCT_ADVICE = {c: f"construct.{c}" for c in CONSTRUCTS}


def advice(db, f: Filters, wave_id):
    """Suggestions from the article for the weakest constructs and groups of a wave.

    Rules: the two constructs with the fewest agreeing answers, if below 70%; a fear index
    above its target overall, and in the late majority or laggards; the early majority, late
    majority or laggards below the acceptance target; early adopters at or above it
    (ambassadors); the department with the lowest acceptance, if 10 points under target.
    Only shown (not hidden) figures feed the rules, so advice never names a hidden group.
    Returns ``[{key, subject, value}]`` (``subject``: construct, segment or department).
    """
    goals = kpis.targets(db)
    accept_goal = goals.get("acceptance_rate", 0.85)
    fear_goal = goals.get("fear_index", 0.20)
    out = []
    constructs = [c for c in construct_scores(db, f, wave_id) if c["favourable"] is not None]
    for c in sorted(constructs, key=lambda c: c["favourable"])[:2]:
        if c["favourable"] < WEAK_CONSTRUCT:
            out.append({"key": CONSTRUCT_ADVICE[c["construct"]], "subject": c["construct"],
                        "value": c["favourable"]})
    fear = next((i for i in item_results(db, f, wave_id) if i["code"] == questionnaire.FEAR_ITEM),
                None)
    if fear and fear["favourable"] is not None and fear["favourable"] > fear_goal:
        out.append({"key": "fear.general", "subject": None, "value": fear["favourable"]})
    fear_segments = {r["segment"]: r for r in by_segment(db, f, wave_id, questionnaire.FEAR_ITEM)}
    for seg in ("late_majority", "laggard"):
        row = fear_segments.get(seg)
        if row and not row["hidden"] and row["value"] > fear_goal:
            out.append({"key": f"fear.{seg}", "subject": seg, "value": row["value"]})
    for row in by_segment(db, f, wave_id):
        if row["hidden"]:
            continue
        if row["segment"] in ("early_majority", "late_majority", "laggard") \
                and row["value"] < accept_goal:
            out.append({"key": f"segment.{row['segment']}", "subject": row["segment"],
                        "value": row["value"]})
        elif row["segment"] == "early_adopter" and row["value"] >= accept_goal:
            out.append({"key": "segment.early_adopter", "subject": row["segment"],
                        "value": row["value"]})
    cells = [c for c in heatmap(db, f, wave_id, "department")
             if c["code"] == questionnaire.INTENTION_ITEM and not c["hidden"]
             and c["group"] is not None]
    if len(cells) >= 2:
        worst = min(cells, key=lambda c: (c["value"], c["group"]))
        if worst["value"] < accept_goal - 0.10:
            out.append({"key": "department.low", "subject": worst["group"], "value": worst["value"]})
    return out[:MAX_ADVICE]


# ---------------------------------------------------------------- creating a wave

class SurveyInputError(ValueError):
    """Bad input for a wave; ``key`` is the catalog key of the message, ``field`` the field."""

    def __init__(self, field, key, **values):
        super().__init__(f"{field}: {key}")
        self.field, self.key, self.values = field, key, values

    def message(self, lang):
        field = i18n.t(f"acceptance.field.{self.field}", lang)
        return i18n.t(self.key, lang, field=field, **self.values)


MAX_NAME = 80
MAX_INVITED = 1_000_000


def create_wave(s, name, held_on, invited=None, *, actor, today=None):
    """Create a survey wave in one audited write; return its id.

    :param name: the wave's name, unique (case and surrounding spaces ignored), ≤ 80 characters.
    :param held_on: its reference date (a date or ISO text), not in the future and not the
        date of another wave.
    :param invited: staff invited (optional), a whole number from 1.
    :raises SurveyInputError: naming the field; nothing is written then.
    """
    today = today or dt.date.today()
    try:
        name = validate.clean_text(name, max_len=MAX_NAME)
    except validate.TextProblem as problem:
        raise SurveyInputError("name", f"acceptance.error.{problem.code}", max=MAX_NAME) from None
    if not name:
        raise SurveyInputError("name", "acceptance.error.required")
    if held_on in (None, ""):
        raise SurveyInputError("held_on", "acceptance.error.required")
    try:
        day = held_on if isinstance(held_on, dt.date) else dt.date.fromisoformat(str(held_on))
    except ValueError:
        raise SurveyInputError("held_on", "acceptance.error.date") from None
    if isinstance(day, dt.datetime):
        day = day.date()
    if day > today:
        raise SurveyInputError("held_on", "acceptance.error.future")
    if invited in ("", None):
        invited = None
    else:
        try:
            number = float(invited)
        except (TypeError, ValueError, OverflowError):
            raise SurveyInputError("invited", "acceptance.error.whole") from None
        if not math.isfinite(number) or number != int(number):
            raise SurveyInputError("invited", "acceptance.error.whole")
        invited = int(number)
        if not 1 <= invited <= MAX_INVITED:
            raise SurveyInputError("invited", "acceptance.error.range", low=1,
                                   high=i18n.fmt_number(MAX_INVITED, "en"))
    with s.write(actor) as db:
        existing = db.execute("SELECT name, held_on FROM surveys").fetchall()
        if any(n.strip().casefold() == name.casefold() for n, _ in existing):
            raise SurveyInputError("name", "acceptance.error.duplicate", name=name)
        if any(str(d)[:10] == day.isoformat() for _, d in existing):
            raise SurveyInputError("held_on", "acceptance.error.same_day")
        wave_id = db["surveys"].insert(
            {"name": name, "held_on": day.isoformat(), "invited": invited}).last_pk
        store.audit(db, actor, "survey.create", "surveys", wave_id,
                    {"name": name, "held_on": day.isoformat(), "invited": invited})
    return wave_id


# ---------------------------------------------------------------- the questionnaire



def questionnaire_rows(db, lang):
    """The standard questionnaire as Microsoft Forms-ready rows, in ``lang``.

    Each row: ``{number, code, question, type, options, required}``. Background questions
    (department, level) come first and are optional; each item's text starts with its code
    in brackets, which the importers recognise.
    """
    scale = "; ".join(questionnaire.AGREE_LABELS[v][lang] for v in range(1, 6))
    kinds = {"agree5": "likert", "nps11": "nps", "text": "text"}
    depts = [r[0] for r in db.execute("SELECT name FROM departments ORDER BY name")]
    rows = [
        {"code": "DEPT", "question": i18n.t("acceptance.q.department", lang), "type": "choice",
         "options": "; ".join(depts), "required": False},
        {"code": "LEVEL", "question": i18n.t("acceptance.q.level", lang), "type": "choice",
         "options": "; ".join(i18n.t(f"level.{lvl}", lang) for lvl in LEVELS), "required": False},
    ]
    for q in _questions(db):
        kind = kinds[q["scale"]]
        rows.append({"code": q["code"], "question": f"[{q['code']}] {q['text_' + lang]}",
                     "type": kind, "options": {"likert": scale, "nps": "0–10", "text": ""}[kind],
                     "required": kind != "text"})
    for number, row in enumerate(rows, start=1):
        row["number"] = number
        row["type_label"] = i18n.t(f"acceptance.q.type.{row['type']}", lang)
    return rows


def _export_header(lang):
    return [i18n.t(f"acceptance.q.col.{c}", lang)
            for c in ("number", "code", "question", "type", "options", "required")]


def _export_values(row, lang):
    yes_no = i18n.t("acceptance.q.yes" if row["required"] else "acceptance.q.no", lang)
    return [row["number"], row["code"], row["question"], row["type_label"], row["options"], yes_no]


def questionnaire_csv(db, lang):
    """The questionnaire as CSV bytes (UTF-8 with BOM, so Excel reads the accents)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "nl" else ",")
    writer.writerow(validate.safe_row(_export_header(lang)))
    for row in questionnaire_rows(db, lang):
        writer.writerow(validate.safe_row(_export_values(row, lang)))
    return buf.getvalue().encode("utf-8-sig")


def questionnaire_xlsx(db, lang):
    """The questionnaire as an .xlsx workbook (bytes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t("acceptance.q.sheet", lang)
    ws.append(validate.safe_row(_export_header(lang)))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in questionnaire_rows(db, lang):
        ws.append(validate.safe_row(_export_values(row, lang)))
    for column, width in zip("ABCDEF", (6, 8, 70, 16, 60, 10)):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def questionnaire_text(db, lang):
    """The questionnaire as numbered plain text, the layout Forms' Quick Import reads."""
    lines = [i18n.t("acceptance.q.title", lang), "", i18n.t("acceptance.q.intro", lang), ""]
    for row in questionnaire_rows(db, lang):
        lines.append(f"{row['number']}. {row['question']}")
        if row["type"] in ("likert", "choice"):
            lines += [f"   {option}" for option in row["options"].split("; ") if option]
        elif row["type"] == "nps":
            lines.append("   " + " ".join(str(v) for v in range(11)))
        lines.append("")
    return "\n".join(lines)


def questionnaire_html(db, lang):
    """A printable HTML page of the questionnaire (answer boxes to tick, space to write)."""
    esc = html.escape
    parts = [
        "<!doctype html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{esc(i18n.t('acceptance.q.title', lang))}</title>",
        "<style>body{font-family:Arial,Helvetica,sans-serif;max-width:46em;margin:2em auto;"
        "color:#222;line-height:1.4}h1{font-size:1.5em}.q{break-inside:avoid;margin:1.2em 0;"
        "padding-bottom:.6em;border-bottom:1px solid #ddd}.opts{display:flex;flex-wrap:wrap;"
        "gap:.4em 1.4em;margin-top:.4em}.opt::before{content:'\\25CB';margin-right:.35em}"
        ".write{border:1px solid #999;height:6em;margin-top:.4em}.code{color:#777;font-size:.85em}"
        "@media print{body{margin:0}}</style></head><body>",
        f"<h1>{esc(i18n.t('acceptance.q.title', lang))}</h1>",
        f"<p>{esc(i18n.t('acceptance.q.intro', lang))}</p>",
    ]
    for row in questionnaire_rows(db, lang):
        text = row["question"]
        if text.startswith(f"[{row['code']}] "):
            text = text[len(row["code"]) + 3:]
        parts.append(f'<div class="q"><div><strong>{row["number"]}.</strong> {esc(text)} '
                     f'<span class="code">{esc(row["code"])}</span></div>')
        if row["type"] in ("likert", "choice"):
            options = [o for o in row["options"].split("; ") if o]
        elif row["type"] == "nps":
            options = [str(v) for v in range(11)]
        else:
            options = []
        if options:
            parts.append('<div class="opts">' + "".join(
                f'<span class="opt">{esc(o)}</span>' for o in options) + "</div>")
        else:
            parts.append('<div class="write"></div>')
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


# ---------------------------------------------------------------- kpis --json

def summary_json(db, f: Filters):
    """``{"acceptance_by_wave": [{wave, value, n, ci_low, ci_high, suppressed}]}`` for ``kpis --json``.

    Same figures and anonymity rules as the page; a hidden wave has ``null`` figures.
    """
    def r(v):
        return None if v is None else round(v, 4)
    return {"acceptance_by_wave": [
        {"wave": w["wave"], "value": r(w["value"]), "n": w["n"], "ci_low": r(w["ci_low"]),
         "ci_high": r(w["ci_high"]), "suppressed": w["suppressed"]}
        for w in acceptance_by_wave(db, f)
    ]}
