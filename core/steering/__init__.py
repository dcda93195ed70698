"""Steering-meeting mode: the slides of one view and the decisions log.

A slide is one topic with a title, at most three key numbers and one chart from the existing
chart builders. Every number comes from the KPI function that ``kpis --json`` uses, so the
presentation, the deck and the JSON agree.
"""
import datetime as dt

from core import anonymity, i18n, kpis, pilots, stakeholders, surveys, usage
from core.filters import Filters
from core.slides import Number, Slide  # noqa: F401 — the slide model, shared with features' slides

# The chart modules (Altair) are imported by the slides that draw them: ``kpis --json``
# reads ``summary_json`` here and must not pay for Altair.

SLIDES = ("verdict", "acceptance", "adoption", "stakeholders", "pilots", "licences", "decisions")
KINDS = ("decision", "action")
STATUSES = ("open", "done", "dropped")
MAX_TEXT = 300
MAX_OWNER = 80


def _t(lang):
    return lambda key, **v: i18n.t(key, lang, **v)


def _series(name, pairs, percent):
    """A native chart's data: the shown points with their values rounded as ``kpis --json``
    rounds them (4 decimals); hidden points (``None``) are left out."""
    pairs = [(str(c), v) for c, v in pairs if v is not None]
    return {"name": name, "categories": [c for c, _ in pairs],
            "values": [round(float(v), 4) for _, v in pairs], "percent": percent}


def _survey_number(fig, key, fmt, t, minimum):
    """A survey figure as a Number: hidden below the anonymity minimum, 'no data' without a wave."""
    label = t(f"kpi.{key}.label")
    if fig.suppressed:
        return Number(label, t("card.hidden"), t("card.too_few", min=minimum))
    if fig.value is None:
        return Number(label, t("card.no_data"), t("steering.note.no_wave"))
    return Number(label, fmt(fig.value),
                  t("steering.note.survey", wave=fig.wave, n=fig.n, definition=t(f"kpi.{key}.help", min=minimum, days=28)))


def verdict_slide(db, f: Filters, lang):
    """The opening slide: the Overview's question and its answer from all signals
    (``kpis.verdict``), with each signal's status as a line."""
    t = _t(lang)
    v = kpis.verdict(db, f)
    sentence = kpis.verdict_sentence(v, lang)
    numbers = [Number(t("steering.verdict.answer"),
                      t(f"steering.verdict.{v['answer'] or 'none'}"),
                      sentence or t("overview.verdict.none"))]
    lines = [("verdict", sentence)] if sentence else []
    lines += [(kpi, t("steering.verdict.line", signal=t(f"kpi.{kpi}.label"),
                      status=t(f"status.{v['signals'][kpi]['status']}")))
              for kpi in kpis.VERDICT_SIGNALS if v["signals"][kpi]["status"] is not None]
    return Slide("verdict", t("steering.slide.verdict"), numbers, None,
                 empty=None if lines else t("overview.verdict.none"), lines=lines,
                 caption=sentence or "")


def acceptance_slide(db, f: Filters, lang):
    """Acceptance, fear index and eNPS of the latest wave, with acceptance per wave."""
    from core.surveys import charts as survey_charts

    t, minimum = _t(lang), anonymity.minimum(db)
    trend = kpis.acceptance_trend(db, f)
    accept = trend[-1] if trend else kpis._empty_figure()
    numbers = [
        _survey_number(accept, "acceptance_rate", lambda v: i18n.fmt_pct(v, lang), t, minimum),
        _survey_number(kpis.fear_index(db, f), "fear_index", lambda v: i18n.fmt_pct(v, lang), t, minimum),
        _survey_number(kpis.enps(db, f), "enps", lambda v: i18n.fmt_points(v, lang), t, minimum),
    ]
    rows = surveys.acceptance_by_wave(db, f)
    chart = series = None
    if any(r["value"] is not None for r in rows):
        chart = survey_charts.acceptance_waves(rows, kpis.targets(db).get("acceptance_rate"), lang)
        series = _series(t("chart.acceptance"), [(r["wave"], r["value"]) for r in rows], True)
    return Slide("acceptance", t("steering.slide.acceptance"), numbers, chart,
                 empty=None if chart else t("card.no_data"),
                 caption=t("steering.caption.acceptance", min=minimum), series=series)


def adoption_slide(db, f: Filters, lang):
    """Adoption rate, training uptake and the segment furthest behind, with progress per segment."""
    from core import charts

    t = _t(lang)
    rate = kpis.adoption_rate(db, f)
    label = t("kpi.adoption_rate.label")
    if rate.suppressed:
        first = Number(label, t("card.hidden"), t("card.too_few_staff", min=anonymity.minimum(db)))
    elif rate.value is None:
        first = Number(label, t("card.no_data"), t("kpi.adoption_rate.help", min=anonymity.minimum(db), days=rate.window_days))
    else:
        first = Number(label, i18n.fmt_pct(rate.value, lang),
                       t("steering.note.adoption", active=rate.active, eligible=rate.eligible,
                         days=rate.window_days))
    training = kpis.training_participation(db, f)
    second = Number(
        t("kpi.training_participation.label"),
        i18n.fmt_pct(training["value"], lang) if training["value"] is not None else t("card.no_data"),
        t("steering.note.training", attendees=training["attendees"], staff=training["staff"],
          sessions=training["sessions"]))
    numbers = [first, second]
    progress = kpis.segment_progress(db, f)
    shown = {seg: v for seg, v in progress.items() if v["value"] is not None and not v["hidden"]}
    if shown:
        seg, low = min(shown.items(), key=lambda kv: kv[1]["value"])
        numbers.append(Number(t("steering.num.lowest_segment", segment=t(f"segment.{seg}")),
                              i18n.fmt_pct(low["value"], lang),
                              t("steering.note.segment", active=low["active"], members=low["members"])))
    chart = charts.segment_progress(progress, lang) if shown else None
    series = _series(t("chart.share_active"),
                     [(t(f"segment.{seg}"), v["value"]) for seg, v in shown.items()], True)
    return Slide("adoption", t("steering.slide.adoption"), numbers, chart,
                 empty=None if chart else t("card.no_data"),
                 caption=t("steering.caption.adoption", days=usage.window_days(db)),
                 series=series if shown else None)


def stakeholder_slide(db, f: Filters, lang):
    """The map's top row (key champions, critical blockers) and the movements since last time."""
    from core.stakeholders import charts as stakeholder_charts

    t = _t(lang)
    health = kpis.stakeholders(db, f)
    assessed = health["assessed"]
    note = t("steering.note.assessed", n=assessed)
    if assessed:
        numbers = [
            Number(t("stakeholders.place.key_champions"), i18n.fmt_number(health["key_champions"], lang), note),
            Number(t("stakeholders.place.critical_blockers"),
                   i18n.fmt_number(health["critical_blockers"], lang), note),
            Number(t("steering.num.movements"),
                   t("steering.value.movements", up=health["improved"], down=health["declined"]),
                   t("steering.note.movements", n=assessed)),
        ]
    else:
        numbers = [Number(t("steering.num.assessed"), t("card.no_data"), note)]
    chart, key = None, []
    if assessed:
        data = stakeholders.stakeholder_map(db, f)
        # As tall as the slide leaves room for; names placed for the slide's type size.
        chart = stakeholder_charts.canvas(data["people"], lang, data["counts"], height=None,
                                          level_legend=False, geometry=stakeholder_charts.SLIDE)
        key = [("key", t("steering.canvas_key", number=number, name=name) if number is not None
                else name)
               for number, name in stakeholder_charts.canvas_key(
                   data["people"], lang, data["counts"], stakeholder_charts.SLIDE)]
    series = _series(t("steering.num.assessed"),
                     [(t(f"stakeholders.place.{q}"), health[q]) for q in kpis.QUADRANTS], False)
    return Slide("stakeholders", t("steering.slide.stakeholders"), numbers, chart,
                 empty=None if chart else t("card.no_data"), lines=key,
                 caption=t("steering.caption.stakeholders", days=kpis.reassess_after(db)),
                 series=series if assessed else None)


def pilot_slide(db, f: Filters, lang):
    """Pilot value and hours per month and the best time saving, with time saved per use case."""
    from core.pilots import charts as pilot_charts

    t = _t(lang)
    value = kpis.pilot_value(db, f)
    measured = len(value["use_cases"])
    numbers = [
        Number(t("kpi.pilot_value.label"),
               i18n.fmt_money(value["value_per_month"], lang) if value["value_per_month"] is not None
               else t("card.no_data"), t("steering.note.value", n=measured)),
        Number(t("steering.num.hours"),
               i18n.fmt_number(value["hours_per_month"], lang) if value["hours_per_month"] is not None
               else t("card.no_data"), t("steering.note.hours", n=measured)),
    ]
    saved = [r for r in kpis.time_saved(db, f) if r["value"] is not None]
    if saved:
        best = max(saved, key=lambda r: r["value"])
        numbers.append(Number(t("steering.num.best_saving", use_case=best["use_case"]),
                              i18n.fmt_pct(best["value"], lang),
                              t("steering.note.saving", before=best["n_baseline"], after=best["n_after"])))
    rows = pilots.results(db, f)
    chart = (pilot_charts.portfolio(rows, "time_saved", lang)
             if any(r["time_saved"] and r["time_saved"]["value"] is not None for r in rows) else None)
    series = _series(t("kpi.time_saved.label"), [(r["use_case"], r["value"]) for r in saved], True)
    return Slide("pilots", t("steering.slide.pilots"), numbers, chart,
                 empty=None if chart else t("card.no_data"), caption=t("steering.caption.pilots"),
                 series=series if saved else None)


def decisions_slide(db, f: Filters, lang, today=None):
    """Open actions, the actions settled since the last meeting, and that meeting's decisions."""
    t = _t(lang)
    today = today or dt.date.today()
    items = log(db)
    open_actions = [i for i in items if i["kind"] == "action" and i["status"] == "open"]
    overdue = [i for i in open_actions if i["due_date"] and i["due_date"] < today.isoformat()]
    last = items[0]["held_on"] if items else None
    previous = [i for i in items if i["held_on"] == last]
    # What became of earlier actions: those settled (done or dropped) since the last meeting.
    settled = [i for i in items if i["kind"] == "action" and i["status"] != "open"
               and (i["status_on"] or "") >= last]
    n_meetings = len({i["held_on"] for i in items})
    numbers = [
        Number(t("steering.num.open"), i18n.fmt_number(len(open_actions), lang),
               t("steering.note.open", meetings=n_meetings)),
        Number(t("steering.num.overdue"), i18n.fmt_number(len(overdue), lang),
               t("steering.note.overdue", date=i18n.fmt_date(today, lang))),
    ]
    lines = []
    for i in open_actions:
        lines.append(("open", t("steering.line.action", text=i["text"], owner=i["owner"],
                                 due=i18n.fmt_date(dt.date.fromisoformat(i["due_date"]), lang))))
    for i in settled:
        lines.append((i["status"], t(f"steering.line.{i['status']}", text=i["text"], owner=i["owner"])))
    for i in previous:
        if i["kind"] == "decision":
            lines.append(("decision", t("steering.line.decision", text=i["text"],
                                        date=i18n.fmt_date(dt.date.fromisoformat(i["held_on"]), lang))))
    return Slide("decisions", t("steering.slide.decisions"), numbers, None,
                 empty=None if lines else t("steering.log.empty"), lines=lines,
                 caption=t("steering.caption.decisions"))


def slides(db, f: Filters, lang, today=None):
    """All slides of the view, in meeting order."""
    from core.licences.slide import licence_slide

    return [verdict_slide(db, f, lang), acceptance_slide(db, f, lang), adoption_slide(db, f, lang),
            stakeholder_slide(db, f, lang), pilot_slide(db, f, lang),
            licence_slide(db, f, lang), decisions_slide(db, f, lang, today)]


def slide(db, f: Filters, lang, index, today=None):
    """One slide by position (0-based), for the page: building only what is shown."""
    from core.licences.slide import licence_slide

    build = (verdict_slide, acceptance_slide, adoption_slide, stakeholder_slide, pilot_slide,
             licence_slide)
    if index < len(build):
        return build[index](db, f, lang)
    return decisions_slide(db, f, lang, today)


def scope_line(f: Filters, lang, company=""):
    """The footer of every slide: company, period and "data as of"."""
    parts = [company] if company else []
    parts.append(i18n.t("period.caption", lang, start=i18n.fmt_date(f.start, lang),
                        end=i18n.fmt_date(f.as_of, lang)) if f.start
                 else i18n.t("period.caption_all", lang, end=i18n.fmt_date(f.as_of, lang)))
    parts.append(i18n.t("scope.departments", lang, names=", ".join(i18n.department_label(d, lang)
                                                               for d in f.departments))
                 if f.departments else i18n.t("scope.company", lang))
    parts.append(i18n.t("data_as_of", lang, date=i18n.fmt_date(f.as_of, lang)))
    return " · ".join(parts)


# ---------------------------------------------------------------- decisions log

class Invalid(ValueError):
    """Bad input for the decisions log; ``problems`` are translated messages naming the field."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def log(db):
    """Every decision and action, newest meeting first.

    Rows are ``{id, held_on, kind, text, owner, due_date, status, status_on}``.
    """
    rows = db.execute(
        "SELECT i.id, m.held_on, i.kind, i.text, i.owner, i.due_date, i.status, i.status_on "
        "FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id "
        "ORDER BY m.held_on DESC, i.kind DESC, i.id").fetchall()
    keys = ("id", "held_on", "kind", "text", "owner", "due_date", "status", "status_on")
    return [dict(zip(keys, r)) for r in rows]


def log_for_view(db, f: Filters):
    """``log`` in the ``context.figure`` calling shape (the log is company-wide, whatever the filter)."""
    return log(db)


def _as_date(value):
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def check_item(values, lang, today=None):
    """Validate one log item; return the clean row or raise ``Invalid`` with every problem.

    :param values: ``held_on``, ``kind`` (decision/action), ``text``; for an action also
        ``owner`` and ``due_date`` (not before the meeting).
    """
    t, today = _t(lang), today or dt.date.today()
    problems = []

    def field(name):
        return t(f"steering.field.{name}")

    held = _as_date(values.get("held_on")) if values.get("held_on") else None
    if values.get("held_on") in (None, ""):
        problems.append(t("steering.error.missing", field=field("held_on")))
    elif held is None:
        problems.append(t("steering.error.date", field=field("held_on")))
    elif held > today:
        problems.append(t("steering.error.future", field=field("held_on")))
    kind = values.get("kind")
    if kind not in KINDS:
        problems.append(t("steering.error.choice", field=field("kind")))
    text = (values.get("text") or "").strip()
    if not text:
        problems.append(t("steering.error.missing", field=field("text")))
    elif len(text) > MAX_TEXT:
        problems.append(t("steering.error.long", field=field("text"), max=MAX_TEXT))
    owner = (values.get("owner") or "").strip() or None
    due = None
    if kind == "action":
        if not owner:
            problems.append(t("steering.error.missing", field=field("owner")))
        elif len(owner) > MAX_OWNER:
            problems.append(t("steering.error.long", field=field("owner"), max=MAX_OWNER))
        raw_due = values.get("due_date")
        if raw_due in (None, ""):
            problems.append(t("steering.error.missing", field=field("due_date")))
        else:
            due = _as_date(raw_due)
            if due is None:
                problems.append(t("steering.error.date", field=field("due_date")))
            elif held is not None and due < held:
                problems.append(t("steering.error.due_before", field=field("due_date")))
    if problems:
        raise Invalid(problems)
    return {"held_on": held.isoformat(), "kind": kind, "text": text,
            "owner": owner if kind == "action" else None,
            "due_date": due.isoformat() if due else None}


def add_item(s, values, lang, actor, today=None):
    """Record a decision or action for a meeting date (creating the meeting); return its id."""
    clean = check_item(values, lang, today)
    with s.write(actor=actor, action=f"steering.{clean['kind']}.add", entity="meeting_items",
                 detail=clean) as db:
        row = db.execute("SELECT id FROM meetings WHERE held_on = ?", [clean["held_on"]]).fetchone()
        meeting_id = row[0] if row else db["meetings"].insert({"held_on": clean["held_on"]}).last_pk
        item_id = db["meeting_items"].insert({
            "meeting_id": meeting_id, "kind": clean["kind"], "text": clean["text"],
            "owner": clean["owner"], "due_date": clean["due_date"], "status": "open"}).last_pk
    return item_id


def set_status(s, item_id, status, lang, actor, today=None):
    """Mark an action open, done or dropped (dated today)."""
    t = _t(lang)
    if status not in STATUSES:
        raise Invalid([t("steering.error.choice", field=t("steering.field.status"))])
    row = s.read().execute("SELECT kind FROM meeting_items WHERE id = ?", [item_id]).fetchone()
    if row is None or row[0] != "action":
        raise Invalid([t("steering.error.unknown_action")])
    on = (today or dt.date.today()).isoformat()
    with s.write(actor=actor, action="steering.action.status", entity="meeting_items",
                 entity_id=item_id, detail={"status": status}) as db:
        db.execute("UPDATE meeting_items SET status = ?, status_on = ? WHERE id = ?",
                   [status, on, item_id])


def summary_json(db, f: Filters):
    """``{"actions": {"open", "done", "dropped"}}``: action items of the decisions log by status."""
    counts = dict(db.execute(
        "SELECT status, COUNT(*) FROM meeting_items WHERE kind = 'action' GROUP BY status").fetchall())
    return {"actions": {s: counts.get(s, 0) for s in STATUSES}}
