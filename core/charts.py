"""Altair chart builders. Each takes small, already aggregated rows and a language.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common
forms of colour blindness; status is never told by colour alone (the UI adds words).

Every builder of the app's pages is ``cached_spec``: ``build.spec(*args)`` is the chart's
Vega-Lite spec (``chart.to_dict()``, data inline), made once per arguments (and checked
against the schema when ``VALIDATE`` is on, as in the tests), which the pages render with
``st.vega_lite_chart``. Building and converting a chart takes Altair tens of milliseconds,
which every rerun of every session would pay again.

Encodings are channel objects (``alt.X("value:Q")``, ``alt.XValue(0)``), never shorthand
strings or dicts: Altair turns those into objects by hashing every class of its schema,
tens of milliseconds for each one.
"""
import functools
import hashlib
import inspect
import pickle
import threading
from collections import OrderedDict

import altair as alt
import pandas as pd

from core import i18n
from core.kpis import SEGMENT_ORDER

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Streamlit fits a whole chart, axes included, into its height. A horizontal bar chart
# therefore adds this much for its x axis and title to ``BAR_HEIGHT`` per bar; with less,
# the bars come out thin and Vega hides the labels of those that crowd each other.
AXIS_HEIGHT = 70
BAR_HEIGHT = 36
PRIMARY = OKABE_ITO[0]
TARGET_COLOUR = "#555555"
REFERENCE_COLOUR = OKABE_ITO[5]
# Case-study reference: 89% employee acceptance after 6 months (machine builder).
ACCEPTANCE_REFERENCE = 0.89

SPEC_CACHE_SIZE = 128       # chart specs kept process-wide (least recently used out)
_spec_memo = OrderedDict()
_spec_lock = threading.Lock()

# A chart's data goes inline into its spec, however many rows (Altair's own switch; by
# default it refuses more than 5,000, which a by-department series at 20,000 staff can reach).
alt.data_transformers.disable_max_rows()

# Whether a spec is checked against the Vega-Lite schema when it is made. The check costs
# 0.2–0.4 s on a page's first run and finds only builder bugs, not data problems: the test
# suite turns it on for every test (tests/conftest.py), the app leaves it off.
VALIDATE = False

# What Altair's default theme adds to every spec; ``st.altair_chart`` renders with theme
# "none", without it, so a cached spec leaves it out too.
_DEFAULT_VIEW = (("continuousWidth", 300), ("continuousHeight", 300))


# The language's number and date style inside Vega (``config.locale``): axes, legends,
# tooltips and ``format()`` in label expressions write "0,1", "3.846" and "−5" on a Dutch
# chart, "0.1", "3,846" and "−5" on an English one, as ``core.i18n.fmt_number`` does. The
# default number format groups thousands and trims trailing zeros (",~f": an axis reads
# 0 · 0,5 · 1 · 1,5, a tooltip's count 3.846); a chart that wants a percentage or a fixed
# number of decimals says so per axis (".0%").
NUMBER_FORMAT = ",~f"
# A date's own formats per language (``i18n.fmt_date``'s 27-11-2026 and 27 Nov 2026).
_VEGA_DATE = {"nl": "%d-%m-%Y", "en": "%-d %b %Y"}


@functools.lru_cache(maxsize=None)
def _vega_time(lang):
    """Vega's time locale: babel's (CLDR) day and month names, ``i18n.SHORT_MONTHS``."""
    from babel import dates

    days = dates.get_day_names("wide", locale=lang)           # Monday is 0; Vega starts on Sunday
    short_days = dates.get_day_names("abbreviated", locale=lang)
    return {"dateTime": "%A %e %B %Y %X", "date": _VEGA_DATE[lang], "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days[(i + 6) % 7] for i in range(7)],
            "shortDays": [short_days[(i + 6) % 7] for i in range(7)],
            "months": [dates.get_month_names("wide", locale=lang)[m] for m in range(1, 13)],
            "shortMonths": list(i18n.SHORT_MONTHS[lang])}


def vega_locale(lang):
    """Vega's ``config.locale`` for ``lang``: the separators and minus of ``i18n.fmt_number``,
    the currency of ``i18n.fmt_money`` and the month names of ``i18n.SHORT_MONTHS``."""
    thousands, decimal = i18n.separators(lang)
    return {"number": {"decimal": decimal, "thousands": thousands, "grouping": [3],
                       "currency": [i18n.money_prefix(lang), ""], "minus": i18n.MINUS},
            "time": dict(_vega_time(lang))}


def in_language(chart, lang):
    """``chart`` drawing its numbers and dates the ``lang`` way (``vega_locale``,
    ``NUMBER_FORMAT``); the chart's own configuration (view, axes) is kept."""
    config = {} if chart.config is alt.Undefined else chart.config.to_dict(validate=False)
    config.update(locale=vega_locale(lang), numberFormat=NUMBER_FORMAT)
    out = chart.copy(deep=False)
    out.config = alt.Config(**config)
    return out


def localised(build):
    """A chart builder whose chart speaks its ``lang`` argument (``in_language``)."""
    signature = inspect.signature(build)

    @functools.wraps(build)
    def built(*args, **kwargs):
        chart = build(*args, **kwargs)
        lang = signature.bind(*args, **kwargs).arguments.get("lang")
        return chart if lang is None else in_language(chart, lang)
    return built


def chart_spec(chart):
    """``chart.to_dict()`` (validated when ``VALIDATE`` is on) as ``st.altair_chart`` would
    send it: data inline under named ``datasets``, the default theme's view size left out."""
    spec = chart.to_dict(validate=VALIDATE)
    config = spec.get("config")
    if isinstance(config, dict):
        view = config.get("view")
        if isinstance(view, dict):
            for key, value in _DEFAULT_VIEW:
                if view.get(key) == value:
                    view.pop(key)
            if not view:
                config.pop("view")
        if not config:
            spec.pop("config")
    return spec


def cached_spec(build):
    """Give a chart builder a ``spec`` twin: ``build.spec(*args)`` is ``chart_spec(build(*args))``,
    made once per arguments and kept (least recently used out, ``SPEC_CACHE_SIZE``).

    The builder's chart speaks its ``lang`` argument (``localised``: Dutch separators, the
    typographic minus). The key is a hash of the pickled arguments — the rows the chart is made of — so a write
    that changes the figures a page passes in gives a new spec, and the same figures the
    same (shared: never modify it) dict. Pages render it with ``st.vega_lite_chart``. The
    builder stays a builder of chart objects (for the deck and derived charts).
    """
    if "lang" in inspect.signature(build).parameters:
        build = localised(build)

    def spec(*args, **kwargs):
        key = (build.__module__, build.__qualname__,
               hashlib.blake2b(pickle.dumps((args, sorted(kwargs.items())))).digest())
        with _spec_lock:
            if key in _spec_memo:
                _spec_memo.move_to_end(key)
                return _spec_memo[key]
        # Checking every object as it is made repeats the check to_dict makes on the whole.
        with alt.utils.schemapi.debug_mode(False):
            made = chart_spec(build(*args, **kwargs))
        with _spec_lock:
            _spec_memo[key] = made
            while len(_spec_memo) > SPEC_CACHE_SIZE:
                _spec_memo.popitem(last=False)
        return made
    spec.__name__ = spec.__qualname__ = f"{build.__name__}.spec"
    spec.__doc__ = f"The cached Vega-Lite spec of ``{build.__name__}`` (``charts.cached_spec``)."
    build.spec = spec
    return build


@cached_spec
def acceptance_by_wave(trend, target, lang):
    """Acceptance per wave with 95% interval bars, a target line and the case-study reference.

    :param trend: ``kpis.SurveyFigure`` list, oldest first; suppressed or empty waves are left out.
    :param target: the acceptance target (fraction) or ``None``.
    """
    rows = [
        {
            "wave": fig.wave, "date": fig.wave_date, "value": fig.value,
            "low": fig.ci_low, "high": fig.ci_high,
            "label": i18n.fmt_pct(fig.value, lang),
            "interval": f"{i18n.fmt_pct(fig.ci_low, lang)}–{i18n.fmt_pct(fig.ci_high, lang)}",
            "n": fig.n,
        }
        for fig in trend if fig.value is not None
    ]
    data = pd.DataFrame(rows)
    wave_title = i18n.t("chart.wave", lang)
    x = alt.X("wave:N", sort=[r["wave"] for r in rows], title=wave_title,
              axis=alt.Axis(labelAngle=0))
    y_scale = alt.Scale(domain=[0, 1])
    tooltip = [alt.Tooltip("wave:N", title=wave_title),
               alt.Tooltip("label:N", title=i18n.t("chart.acceptance", lang)),
               alt.Tooltip("interval:N", title=i18n.t("chart.ci", lang)),
               alt.Tooltip("n:Q", title=i18n.t("chart.n", lang))]
    base = alt.Chart(data).encode(x=x)
    bars = base.mark_rule(color=PRIMARY, strokeWidth=2, opacity=0.5).encode(
        y=alt.Y("low:Q", scale=y_scale), y2=alt.Y2("high:Q"))
    line = base.mark_line(color=PRIMARY, point=alt.OverlayMarkDef(size=80, filled=True)).encode(
        y=alt.Y("value:Q", scale=y_scale, title=i18n.t("chart.acceptance", lang),
                axis=alt.Axis(format=".0%")),
        tooltip=tooltip)
    labels = base.mark_text(dy=-14, fontSize=13, color="#222222").encode(
        y=alt.Y("value:Q"), text=alt.Text("label:N"))
    layers = [bars, line, labels]
    refs = [(i18n.t("chart.reference", lang) + " " + i18n.fmt_pct(ACCEPTANCE_REFERENCE, lang),
             ACCEPTANCE_REFERENCE, REFERENCE_COLOUR, [2, 3], -7)]
    if target is not None:
        refs.insert(0, (i18n.t("chart.target", lang) + " " + i18n.fmt_pct(target, lang),
                        target, TARGET_COLOUR, [6, 4], 11))
    # The target's label sits under its line and the reference's above, so the two
    # (85% and 89% are a few pixels apart) never overlap.
    for text, value, colour, dash, dy in refs:
        rule_data = pd.DataFrame([{"y": value, "text": text}])
        rule = alt.Chart(rule_data).mark_rule(color=colour, strokeDash=dash).encode(y=alt.Y("y:Q"))
        note = alt.Chart(rule_data).mark_text(align="left", dx=4, dy=dy, color=colour,
                                             fontSize=11).encode(
            y=alt.Y("y:Q"), text=alt.Text("text:N"), x=alt.XValue(0))
        layers += [rule, note]
    return alt.layer(*layers).properties(height=260)


@cached_spec
def segment_progress(progress, lang):
    """Horizontal bars: share of each adoption segment that is active, in Rogers' order.

    :param progress: ``kpis.segment_progress`` output.
    """
    rows = [
        {"segment": i18n.t(f"segment.{seg}", lang), "order": SEGMENT_ORDER.index(seg),
         "value": v["value"], "label": i18n.fmt_pct(v["value"], lang),
         "members": v["members"], "active": v["active"]}
        for seg, v in progress.items() if v["value"] is not None and not v.get("hidden")
    ]
    data = pd.DataFrame(rows)
    order = [r["segment"] for r in sorted(rows, key=lambda r: r["order"])]
    y = alt.Y("segment:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(color=PRIMARY, cornerRadiusEnd=3).encode(
        # Room right of 100% for a full bar's label; the axis stops at 100%.
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 1.2]),
                axis=alt.Axis(format=".0%", values=[0, 0.2, 0.4, 0.6, 0.8, 1]),
                title=i18n.t("chart.share_active", lang)),
        tooltip=[alt.Tooltip("segment:N", title=i18n.t("chart.segment", lang)),
                 alt.Tooltip("label:N", title=i18n.t("chart.share_active", lang)),
                 alt.Tooltip("active:Q", title=i18n.t("chart.active", lang)),
                 alt.Tooltip("members:Q", title=i18n.t("chart.members", lang))])
    labels = base.mark_text(align="left", dx=4, fontSize=13, color="#222222").encode(
        x=alt.X("value:Q"), text=alt.Text("label:N"))
    return alt.layer(bars, labels).properties(height=AXIS_HEIGHT + BAR_HEIGHT * len(rows))
