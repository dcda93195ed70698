"""Altair charts of the stakeholder map: the influence × attitude canvas and a person's path on it.

Points are coloured by category (Okabe–Ito, diverging from blue "for" to vermillion
"against", grey for neutral) and shaped by level. People who share a score are stacked
in their cell in a fixed order (by name), so labels never sit on top of each other and
the same data always draws the same picture. Both charts are ``charts.cached_spec`` and encode
with channel objects (see ``core.charts``).
"""
import math

import altair as alt

from core import i18n
from core.charts import cached_spec
from core import stakeholders
from core.schema import CATEGORIES, LEVELS
from core.stakeholders import HIGH_INFLUENCE_MIN

CATEGORY_COLOURS = {
    "champion": "#0072B2", "supporter": "#56B4E9", "neutral": "#999999",
    "skeptic": "#E69F00", "opponent": "#D55E00",
}
LEVEL_SHAPES = {"management": "square", "middle_management": "diamond",
                "employee": "circle", "it": "cross"}
# Light tints behind the quadrants, and the darker colour of their names.
PLACE_STYLE = {
    "key_champions": ("#E3F0F9", "#0B4F7C"),
    "critical_blockers": ("#FBE9DF", "#8A3B05"),
    "silent_supporters": ("#EEF6FB", "#2F6F95"),
    "grumblers": ("#FCF3E0", "#7A5400"),
    "undecided": ("#F2F2F2", "#555555"),
}
ARROW_COLOUR = "#666666"
TOP_LEGEND = 50       # pixels the level legend above the canvas takes (title and one row)
LABEL_PADDING = {"left": 5, "top": 5, "right": 110, "bottom": 5}   # pixels around the canvas
Y_DOMAIN = (0.2, 5.8)
X_DOMAIN = (-2.5, 2.5)
STEP = 0.17           # vertical distance between people stacked in one cell (influence units)
PER_COLUMN = 6        # people per stack before a second stack opens to the right
COLUMN_WIDTH = 0.5    # attitude units between two stacks in one cell
POINT_X = -0.36       # points sit left in their cell, so their labels have the cell's width
HEAD_GAP = 0.22       # arrowheads stop this far (in data units) before the point they reach


def _data(rows):
    # Inline values, not DataFrames: Altair's DataFrame sanitising cost ~0.1 s per layer.
    return alt.Data(values=rows)


def _slots(cells):
    """Positions for each cell's members: ``{(influence, attitude): [(x, y), …]}`` in member order."""
    out = {}
    for (influence, attitude), members in cells.items():
        spots = []
        k = len(members)
        for i in range(k):
            column, row = divmod(i, PER_COLUMN)
            in_column = min(PER_COLUMN, k - column * PER_COLUMN)
            y = influence + (in_column - 1) / 2 * STEP - row * STEP
            spots.append((attitude + POINT_X + column * COLUMN_WIDTH, y))
        out[(influence, attitude)] = spots
    return out


def layout(persons):
    """Place assessed people and their previous positions on the canvas, deterministically.

    Each cell (one influence × attitude score) stacks its current members (by name), then
    the previous positions of people who have since moved out of it (their arrow tails).
    Returns ``(points, arrows)``: points are the people with ``x``/``y``; arrows are
    ``{"employee_id", "x0", "y0", "x1", "y1"}`` for everyone whose score changed.
    """
    assessed = sorted((p for p in persons if p["quadrant"] is not None),
                      key=lambda p: (p["label"].casefold(), p["employee_id"]))
    cells = {}
    for p in assessed:
        cells.setdefault((p["influence"], p["attitude"]), []).append(("now", p))
    moved = [p for p in assessed if p["previous"] is not None
             and (p["previous"]["influence"], p["previous"]["attitude"]) != (p["influence"], p["attitude"])]
    for p in moved:
        cells.setdefault((p["previous"]["influence"], p["previous"]["attitude"]), []).append(("then", p))
    slots = _slots(cells)
    where = {}
    for cell, members in cells.items():
        for (kind, p), spot in zip(members, slots[cell]):
            where[(kind, p["employee_id"])] = spot
    points = [dict(p, x=where[("now", p["employee_id"])][0], y=where[("now", p["employee_id"])][1])
              for p in assessed]
    arrows = []
    for p in moved:
        (x0, y0), (x1, y1) = where[("then", p["employee_id"])], where[("now", p["employee_id"])]
        arrows.append({"employee_id": p["employee_id"], "x0": x0, "y0": y0, "x1": x1, "y1": y1})
    return points, arrows


def _backgrounds(lang, counts=None):
    """Quadrant rectangles, the undecided band and their names (with counts when given)."""
    top, bottom, split = Y_DOMAIN[1], Y_DOMAIN[0], HIGH_INFLUENCE_MIN - 0.5
    areas = [
        ("critical_blockers", X_DOMAIN[0], -0.5, split, top, X_DOMAIN[0] + 0.05, top - 0.1, "left", "top"),
        ("key_champions", 0.5, X_DOMAIN[1], split, top, X_DOMAIN[1] - 0.05, top - 0.1, "right", "top"),
        ("grumblers", X_DOMAIN[0], -0.5, bottom, split, X_DOMAIN[0] + 0.05, bottom + 0.1, "left", "bottom"),
        ("silent_supporters", 0.5, X_DOMAIN[1], bottom, split, X_DOMAIN[1] - 0.05, bottom + 0.1, "right", "bottom"),
        ("undecided", -0.5, 0.5, bottom, top, 0.0, top - 0.1, "center", "top"),
    ]
    rows = []
    for place, x0, x1, y0, y1, tx, ty, align, baseline in areas:
        name = i18n.t(f"stakeholders.place.{place}", lang)
        if counts is not None:
            name = i18n.t("stakeholders.chart.quadrant_label", lang, name=name, count=counts.get(place, 0))
        rows.append({"place": place, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "tx": tx, "ty": ty,
                     "align": align, "baseline": baseline, "name": name,
                     "fill": PLACE_STYLE[place][0], "ink": PLACE_STYLE[place][1]})
    data = _data(rows)
    x, y = _axes(lang, "x0", "y0")
    rects = alt.Chart(data).mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, x2=alt.X2("x1:Q"), y=y, y2=alt.Y2("y1:Q"), fill=alt.Fill("fill:N", scale=None),
        tooltip=alt.TooltipValue(None))
    layers = [rects]
    # One text layer per alignment: align and baseline are mark properties, not channels.
    for align, baseline in sorted({(r["align"], r["baseline"]) for r in rows}):
        part = _data([r for r in rows if (r["align"], r["baseline"]) == (align, baseline)])
        layers.append(alt.Chart(part).mark_text(
            align=align, baseline=baseline, fontSize=13, fontWeight="bold").encode(
            x=alt.X("tx:Q"), y=alt.Y("ty:Q"), text=alt.Text("name:N"),
            color=alt.Color("ink:N", scale=None)))
    return layers


def _x_scale():
    return alt.Scale(domain=list(X_DOMAIN), nice=False, zero=False)


def _y_scale():
    return alt.Scale(domain=list(Y_DOMAIN), nice=False, zero=False)


def _axes(lang, x_field="x", y_field="y"):
    x = alt.X(f"{x_field}:Q", title=i18n.t("stakeholders.chart.attitude", lang),
              scale=_x_scale(),
              axis=alt.Axis(values=[-2, -1, 0, 1, 2], grid=False,
                            labelExpr="datum.value > 0 ? '+' + datum.value : "
                                      "datum.value < 0 ? '−' + abs(datum.value) : '0'"))
    y = alt.Y(f"{y_field}:Q", title=i18n.t("stakeholders.chart.influence", lang),
              scale=_y_scale(),
              axis=alt.Axis(values=[1, 2, 3, 4, 5], grid=False, format="d"))
    return x, y


def _legend_scales(lang, level_legend=True):
    cat_names = [i18n.t(f"stakeholders.category.{c}", lang) for c in CATEGORIES]
    level_names = [i18n.t(f"level.{lvl}", lang) for lvl in LEVELS]
    colour = alt.Color("category_name:N", title=i18n.t("stakeholders.chart.category", lang),
                       scale=alt.Scale(domain=cat_names, range=[CATEGORY_COLOURS[c] for c in CATEGORIES]),
                       legend=alt.Legend(orient="bottom", columns=5, symbolType="circle",
                                         symbolSize=120, symbolOpacity=1))
    # Above the chart, not beside the category legend below it: side by side the two ran
    # past the right edge of a narrow chart (1024 px). ``canvas`` adds its height.
    shape = alt.Shape("level_name:N", title=i18n.t("stakeholders.chart.level", lang),
                      scale=alt.Scale(domain=level_names, range=[LEVEL_SHAPES[lvl] for lvl in LEVELS]),
                      legend=alt.Legend(orient="top", columns=4, symbolSize=90,
                                        symbolFillColor="#555555", symbolStrokeColor="#555555")
                      if level_legend else None)
    return colour, shape


@cached_spec
def canvas(persons, lang, counts=None, height=640, level_legend=True):
    """The 2×2 influence × attitude canvas with every assessed person and their movement.

    ``height`` is what the quadrants and the category legend below them get; the level
    legend above adds ``TOP_LEGEND`` pixels, so stacked names keep their spacing.
    ``level_legend=False`` leaves that legend out (a projector slide has no room for it;
    the shapes stay, and each point's tooltip names the level).

    :param persons: ``stakeholders.people`` output; people without an assessment are left
        out (the page lists them under the chart).
    :param counts: ``stakeholders.counts`` output, to put the number in each quadrant's name.
    """
    points, arrows = layout(persons)
    x, y = _axes(lang)
    colour, shape = _legend_scales(lang, level_legend)
    layers = _backgrounds(lang, counts)

    if arrows:
        rows = []
        for a in arrows:
            length = math.hypot(a["x1"] - a["x0"], a["y1"] - a["y0"])
            t = max(0.3, 1 - HEAD_GAP / length)
            rows.append(dict(a, x=a["x0"], y=a["y0"], hx=a["x0"] + (a["x1"] - a["x0"]) * t,
                             hy=a["y0"] + (a["y1"] - a["y0"]) * t))
        lines = _data(rows)
        layers.append(alt.Chart(lines).mark_rule(color=ARROW_COLOUR, strokeWidth=1.5, opacity=0.8).encode(
            x=x, y=y, x2=alt.X2("hx:Q"), y2=alt.Y2("hy:Q")))
        layers.append(alt.Chart(lines).mark_point(
            shape="circle", size=45, filled=False, color=ARROW_COLOUR, strokeWidth=1.2).encode(x=x, y=y))
        # The head's angle is worked out in pixels by the browser (scale() of the drawn
        # chart), so it points along the line at whatever width the page gives the chart.
        angle = ("atan2(scale('x', datum.hx) - scale('x', datum.x0), "
                 "scale('y', datum.y0) - scale('y', datum.hy)) * 180 / PI")
        layers.append(alt.Chart(lines).mark_point(
            shape="triangle-up", size=70, filled=True, color=ARROW_COLOUR, opacity=0.9,
            angle=alt.ExprRef(expr=angle)).encode(
            x=alt.X("hx:Q", scale=_x_scale()), y=alt.Y("hy:Q", scale=_y_scale())))

    if points:
        rows = []
        for p in points:
            prev = p["previous"]
            rows.append({
                "x": p["x"], "y": p["y"], "label": p["label"], "department": p["department"],
                "category_name": i18n.t(f"stakeholders.category.{p['category']}", lang),
                "level_name": i18n.t(f"level.{p['level']}", lang),
                "place": i18n.t(f"stakeholders.place.{p['quadrant']}", lang),
                "score": i18n.t("stakeholders.chart.score", lang, influence=p["influence"],
                                attitude=i18n.fmt_points(p["attitude"], lang)),
                "assessed_on": i18n.fmt_date(p["assessed_on"], lang),
                "previous": (i18n.t("stakeholders.chart.score", lang, influence=prev["influence"],
                                    attitude=i18n.fmt_points(prev["attitude"], lang))
                             + f" ({i18n.fmt_date(prev['assessed_on'], lang)})") if prev
                else i18n.t("stakeholders.chart.none", lang),
            })
        data = _data(rows)
        tooltip = [
            alt.Tooltip("label:N", title=i18n.t("stakeholders.chart.name", lang)),
            alt.Tooltip("department:N", title=i18n.t("stakeholders.chart.department", lang)),
            alt.Tooltip("level_name:N", title=i18n.t("stakeholders.chart.level", lang)),
            alt.Tooltip("category_name:N", title=i18n.t("stakeholders.chart.category", lang)),
            alt.Tooltip("place:N", title=i18n.t("stakeholders.chart.quadrant", lang)),
            alt.Tooltip("score:N", title=i18n.t("stakeholders.col.influence", lang) + " / "
                        + i18n.t("stakeholders.col.attitude", lang)),
            alt.Tooltip("assessed_on:N", title=i18n.t("stakeholders.chart.assessed_on", lang)),
            alt.Tooltip("previous:N", title=i18n.t("stakeholders.chart.previous", lang)),
        ]
        base = alt.Chart(data).encode(x=x, y=y)
        layers.append(base.mark_point(filled=True, size=110, opacity=1, stroke="white",
                                      strokeWidth=0.8).encode(color=colour, shape=shape, tooltip=tooltip))
        # A white outline under each label keeps it readable over arrows and tints.
        layers.append(base.mark_text(align="left", baseline="middle", dx=8, fontSize=11,
                                     stroke="white", strokeWidth=3, strokeOpacity=0.9).encode(text=alt.Text("label:N")))
        layers.append(base.mark_text(align="left", baseline="middle", dx=8, fontSize=11,
                                     color="#222222").encode(text=alt.Text("label:N"), tooltip=tooltip))
    # Room on the right for the names beside the +2 column, which a narrow chart would cut off.
    return alt.layer(*layers).properties(height=height + (TOP_LEGEND if level_legend else 0),
                                         padding=LABEL_PADDING).configure_view(stroke=None)


@cached_spec
def path(history, lang, height=300):
    """One person's assessments as a path over the canvas, each point labelled with its date.

    :param history: ``stakeholders.timeline`` output, oldest first.
    """
    x, y = _axes(lang)
    layers = _backgrounds(lang)
    if history:
        rows = []
        seen = {}
        for order, h in enumerate(history):
            cell = (h["influence"], h["attitude"])
            # Repeat visits to a score stack downwards so their dates stay readable.
            offset = seen.get(cell, 0)
            seen[cell] = offset + 1
            rows.append({"x": h["attitude"] + POINT_X, "y": h["influence"] - offset * 0.22,
                         "order": order, "date": i18n.fmt_date(h["assessed_on"], lang),
                         "category_name": i18n.t(f"stakeholders.category.{h['category']}", lang)})
        data = _data(rows)
        colour, _ = _legend_scales(lang)
        base = alt.Chart(data).encode(x=x, y=y)
        layers.append(base.mark_line(color=ARROW_COLOUR, strokeWidth=1.5, point=False).encode(order=alt.Order("order:Q")))
        layers.append(base.mark_point(filled=True, size=90, stroke="white").encode(
            color=colour, tooltip=[alt.Tooltip("date:N"), alt.Tooltip("category_name:N")]))
        # Above the point: the path between assessments runs mostly sideways.
        layers.append(base.mark_text(align="center", baseline="bottom", dy=-8, fontSize=11,
                                     stroke="white", strokeWidth=3).encode(text=alt.Text("date:N")))
        layers.append(base.mark_text(align="center", baseline="bottom", dy=-8, fontSize=11,
                                     color="#222222").encode(text=alt.Text("date:N")))
    return alt.layer(*layers).properties(height=height).configure_view(stroke=None)


def canvas_spec(db, f, levels, categories, roles, lang):
    """The canvas as a Vega-Lite dict for the view, in the ``context.figure`` calling shape.

    Building and validating the layered chart takes about a second on this hardware, so the
    page caches this dict per data version and filters instead of rebuilding it each rerun.
    """
    data = stakeholders.stakeholder_map(db, f, levels, categories, roles)
    return canvas.spec(data["people"], lang, data["counts"])


def path_spec(db, f, employee_id, lang):
    """One person's path (see ``path``) as a Vega-Lite dict, cacheable like ``canvas_spec``."""
    return path.spec(stakeholders.timeline(db, employee_id, f.as_of), lang)
