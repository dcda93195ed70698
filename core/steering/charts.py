"""A steering slide's chart as the projector shows it: as tall as the slide leaves room for,
every word in it at least ``MIN_FONT`` px.

The page draws the spec with ``st.vega_lite_chart(..., height="stretch")`` in a container
the slide's CSS makes as tall as the viewport leaves (pages/steering.py), so the chart's
own height is dropped here. Type is raised in the spec, not by scaling the picture: axis,
legend and title type by configuration, and every text mark that asks for less than
``MIN_FONT`` gets ``MIN_FONT``, its pixel offsets (``dx``, ``dy``) grown a little more so
labels keep their distance from what they label. The stakeholder canvas is built for the
slide already (``core.stakeholders.charts.SLIDE``: its names are placed for that type size)
and passes through unchanged.
"""
import copy

from core.charts import cached_spec

MIN_FONT = 18           # px: chart text on a slide, read from the back of a meeting room
TITLE_FONT = 20
OFFSET_EXTRA = 1.15
# Larger type needs more room between a legend's rows and columns; an axis whose labels
# would still touch drops every other one (Vega's "greedy" overlap rule) rather than
# overprinting them.
LARGE_TYPE = {
    "axis": {"labelFontSize": MIN_FONT, "titleFontSize": TITLE_FONT, "labelOverlap": "greedy",
             "labelSeparation": 4},
    "legend": {"labelFontSize": MIN_FONT, "titleFontSize": MIN_FONT, "rowPadding": 8,
               "columnPadding": 18, "symbolSize": 160},
    "title": {"fontSize": TITLE_FONT + 2, "subtitleFontSize": MIN_FONT},
    "text": {"fontSize": MIN_FONT},
    "header": {"labelFontSize": MIN_FONT, "titleFontSize": TITLE_FONT},
    # About six numbers along a value axis: at this type size Vega's default (one per 40 px)
    # crowds a wide slide's axis with labels.
    "axisQuantitative": {"tickCount": 6},
}


@cached_spec
def _as_drawn(chart):
    return chart


def _raise_type(node):
    """Walk a spec: every text mark's ``fontSize`` at least ``MIN_FONT`` (with its offsets),
    and the axis and legend type sizes set in the encodings themselves likewise."""
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            size = mark.get("fontSize")
            if isinstance(size, (int, float)) and size < MIN_FONT:
                # Offsets grow a little more than the type: rows of labels spaced for small
                # type (about 1.2 lines) would let the larger type's text boxes (1.26 em
                # tall) touch.
                grow = MIN_FONT / size * OFFSET_EXTRA
                mark["fontSize"] = MIN_FONT
                for offset in ("dx", "dy"):
                    if isinstance(mark.get(offset), (int, float)):
                        mark[offset] = round(mark[offset] * grow, 1)
        for key in ("axis", "legend"):
            part = node.get(key)
            if isinstance(part, dict):
                for size in ("labelFontSize", "titleFontSize"):
                    if isinstance(part.get(size), (int, float)) and part[size] < MIN_FONT:
                        part[size] = MIN_FONT
        for key, value in node.items():
            if key not in ("datasets", "data"):
                _raise_type(value)
    elif isinstance(node, list):
        for item in node:
            _raise_type(item)


def slide_spec(chart):
    """The Vega-Lite spec of ``chart`` for a slide (see the module's docstring): a new dict,
    the cached spec of the chart left as it is."""
    spec = copy.deepcopy(_as_drawn.spec(chart))
    spec.pop("height", None)
    config = spec.setdefault("config", {})
    for part, sizes in LARGE_TYPE.items():
        section = config.setdefault(part, {})
        for key, value in sizes.items():
            # Sizes only grow (a chart's own larger type stays); other settings are set.
            section[key] = max(section.get(key, 0), value) if "Font" in key or "Padding" in key else value
    _raise_type(spec)
    return spec
