"""Altair charts of the stakeholder map: the influence × attitude canvas and a person's path on it.

Points are coloured by category (Okabe–Ito, diverging from blue "for" to vermillion
"against", grey for neutral) and shaped by level. People who share a score are stacked
in their cell in a fixed order (by name), so labels never sit on top of each other and
the same data always draws the same picture. Both charts are ``charts.cached_spec`` and encode
with channel objects (see ``core.charts``).
"""
import altair as alt

from core import i18n
from core.charts import cached_spec
from core import stakeholders
from core.schema import CATEGORIES, LEVELS
from core.stakeholders import HIGH_INFLUENCE_MIN, labels

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
Y_DOMAIN = (0.2, 5.8)
X_DOMAIN = (-2.5, 2.5)
STEP = 0.17           # least vertical distance between people stacked in one cell (influence units)
PER_COLUMN = 6        # people per stack before a second stack opens to the right
COLUMN_WIDTH = 0.5    # attitude units between two stacks in one cell
POINT_X = -0.36       # points sit left in their cell, so their labels have the cell's width
POINT_SIZE = 110      # a person's marker (Vega's symbol area, px²)
TAIL_SIZE = 45        # an arrow's open circle at the previous position
# The arrowhead is drawn at the person's marker, its tip just outside the marker on the side
# the arrow comes from: a custom symbol (Vega scales its unit square to sqrt(size) / 2 px)
# rotated along the arrow. Its tip lies 1.15 units (HEAD_SIZE 196: 8 px) from the marker's
# centre, past the marker's edge (POINT_SIZE 110: 6–7 px with its outline).
HEAD_SIZE = 196
HEAD_PATH = "M 0 1.15 L 0.8 2.9 L -0.8 2.9 Z"

# The smallest plots the canvas is drawn in (see core.stakeholders.labels). Names beside
# the +2 column may reach ``right_room`` past the plot, into the chart's right padding of
# that width. Vega's "fit" also counts them in the chart's bounds when it sizes the plot
# (on a first drawing; after a resize it keeps the old count), so the plot is at least the
# chart's width less its axis, 10 px and twice ``right_room``: on the page at a 1024 px
# window 580 − 57 − 10 − 120 = 393 px (drawn: 400–470), 455 px high; on a slide at
# 1280×720 (no scrollbar in presentation mode) 810 − 60 − 10 − 160 = 580 px, 400 high.
# tests/test_browser_stakeholders.py and tests/test_browser_steering.py check that the plot
# is never smaller.
PAGE = labels.Geometry(width=390, height=455, right_room=60, font=11, title_font=13,
                       marker=7, tail=4)
SLIDE = labels.Geometry(width=580, height=400, right_room=80, font=18, title_font=18,
                        marker=7, tail=4)
PADDING = {"left": 5, "top": 5, "bottom": 5}    # the right padding is the geometry's room


def _data(rows):
    # Inline values, not DataFrames: Altair's DataFrame sanitising cost ~0.1 s per layer.
    return alt.Data(values=rows)


def _step(geometry):
    """Vertical distance between stacked people: enough that their markers never touch."""
    per_unit = geometry.height / (Y_DOMAIN[1] - Y_DOMAIN[0])
    return max(STEP, (2 * geometry.marker + 1) / per_unit)


def _slots(cells, step=STEP):
    """Positions for each cell's members: ``{(influence, attitude): [(x, y), …]}`` in member order."""
    out = {}
    for (influence, attitude), members in cells.items():
        spots = []
        k = len(members)
        for i in range(k):
            column, row = divmod(i, PER_COLUMN)
            in_column = min(PER_COLUMN, k - column * PER_COLUMN)
            y = influence + (in_column - 1) / 2 * step - row * step
            spots.append((attitude + POINT_X + column * COLUMN_WIDTH, y))
        out[(influence, attitude)] = spots
    return out


def layout(persons, step=STEP):
    """Place assessed people and their previous positions on the canvas, deterministically.

    Each cell (one influence × attitude score) stacks its current members (by name), then
    the previous positions of people who have since moved out of it (their arrow tails).
    Returns ``(points, arrows)``: points are the people with ``x``/``y``; arrows are
    ``{"employee_id", "x0", "y0", "x1", "y1"}`` for everyone whose score changed, from the
    previous position to the person's marker.
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
    slots = _slots(cells, step)
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


# Where each quadrant's name hangs: (place, anchor x, edge, align), in the order they choose
# a row (the first row at their edge that is clear of the names placed before).
TITLE_SPOTS = (
    ("key_champions", X_DOMAIN[1], "top", "right"),
    ("critical_blockers", X_DOMAIN[0], "top", "left"),
    ("silent_supporters", X_DOMAIN[1], "bottom", "right"),
    ("grumblers", X_DOMAIN[0], "bottom", "left"),
    ("undecided", 0.0, "top", "center"),
)


def quadrant_names(lang, counts=None):
    """``{place: name}``, with the count when ``counts`` is given."""
    out = {}
    for place, *_ in TITLE_SPOTS:
        name = i18n.t(f"stakeholders.place.{place}", lang)
        if counts is not None:
            name = i18n.t("stakeholders.chart.quadrant_label", lang, name=name, count=counts.get(place, 0))
        out[place] = name
    return out


def place_words(persons, lang, counts=None, geometry=PAGE):
    """Everything the canvas writes, placed for ``geometry`` (``labels``): returns
    ``(points, arrows, titles, names, key)``; ``titles`` maps a place to its ``Label``,
    ``names`` an employee id to theirs, ``key`` is ``[(number or None, label)]`` for the
    people the chart numbers (or cannot label) instead of naming."""
    points, arrows = layout(persons, _step(geometry))
    titles = _titles(lang, counts, geometry)
    obstacles = [t.box for t in titles.values()]
    centre = {}
    for p in points:
        centre[p["employee_id"]] = labels.to_px(p["x"], p["y"], X_DOMAIN, Y_DOMAIN, geometry)
        obstacles.append(labels.marker_box(*centre[p["employee_id"]], geometry.marker))
    for a in arrows:
        obstacles.append(labels.marker_box(*labels.to_px(a["x0"], a["y0"], X_DOMAIN, Y_DOMAIN, geometry),
                                           geometry.tail))
    placed, numbered = labels.place_labels(
        [(p["employee_id"], p["label"], *centre[p["employee_id"]]) for p in points], obstacles, geometry)
    label_of = {p["employee_id"]: p["label"] for p in points}
    key = [(number, label_of[eid]) for number, eid in numbered]
    return points, arrows, titles, placed, key


def _titles(lang, counts, geometry):
    """The quadrant names placed for ``geometry``: ``{place: labels.Label}``."""
    names = quadrant_names(lang, counts)
    return labels.place_titles(
        [(place, names[place], *labels.to_px(x, Y_DOMAIN[1] if edge == "top" else Y_DOMAIN[0],
                                              X_DOMAIN, Y_DOMAIN, geometry), align, edge)
         for place, x, edge, align in TITLE_SPOTS], geometry)


def canvas_key(persons, lang, counts=None, geometry=PAGE):
    """The key under the chart drawn with the same arguments: ``[(number or None, name)]``
    for the people it numbers instead of naming (empty when every name fits)."""
    return place_words(persons, lang, counts, geometry)[4]


def _backgrounds(lang, counts=None, geometry=PAGE):
    """Quadrant rectangles, the undecided band and their names (with counts when given),
    placed for ``geometry`` so that no two touch (``labels.place_titles``)."""
    top, bottom, split = Y_DOMAIN[1], Y_DOMAIN[0], HIGH_INFLUENCE_MIN - 0.5
    areas = {"critical_blockers": (X_DOMAIN[0], -0.5, split, top),
             "key_champions": (0.5, X_DOMAIN[1], split, top),
             "grumblers": (X_DOMAIN[0], -0.5, bottom, split),
             "silent_supporters": (0.5, X_DOMAIN[1], bottom, split),
             "undecided": (-0.5, 0.5, bottom, top)}
    names, titles = quadrant_names(lang, counts), _titles(lang, counts, geometry)
    rows = []
    for place, x, edge, _ in TITLE_SPOTS:
        x0, x1, y0, y1 = areas[place]
        row = {"place": place, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "tx": x,
               "ty": top if edge == "top" else bottom, "name": names[place],
               "fill": PLACE_STYLE[place][0], "ink": PLACE_STYLE[place][1],
               "align": titles[place].align, "dx": titles[place].dx, "dy": titles[place].dy}
        rows.append(row)
    data = _data(rows)
    x, y = _axes(lang, "x0", "y0")
    rects = alt.Chart(data).mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, x2=alt.X2("x1:Q"), y=y, y2=alt.Y2("y1:Q"), fill=alt.Fill("fill:N", scale=None),
        tooltip=alt.TooltipValue(None))
    names_layer = alt.Chart(data).mark_text(
        align=alt.ExprRef(expr="datum.align"), baseline="middle",
        dx=alt.ExprRef(expr="datum.dx"), dy=alt.ExprRef(expr="datum.dy"),
        fontSize=geometry.title_font, fontWeight="bold").encode(
        x=alt.X("tx:Q"), y=alt.Y("ty:Q"), text=alt.Text("name:N"),
        color=alt.Color("ink:N", scale=None))
    return [rects, names_layer]


def _x_scale():
    return alt.Scale(domain=list(X_DOMAIN), nice=False, zero=False)


def _y_scale():
    return alt.Scale(domain=list(Y_DOMAIN), nice=False, zero=False)


def _axes(lang, x_field="x", y_field="y", geometry=None):
    sizes = {} if geometry is None or geometry is PAGE else {
        "labelFontSize": geometry.font, "titleFontSize": geometry.font}
    x = alt.X(f"{x_field}:Q", title=i18n.t("stakeholders.chart.attitude", lang),
              scale=_x_scale(),
              axis=alt.Axis(values=[-2, -1, 0, 1, 2], grid=False, **sizes,
                            labelExpr="datum.value > 0 ? '+' + datum.value : "
                                      "datum.value < 0 ? '−' + abs(datum.value) : '0'"))
    y = alt.Y(f"{y_field}:Q", title=i18n.t("stakeholders.chart.influence", lang),
              scale=_y_scale(),
              axis=alt.Axis(values=[1, 2, 3, 4, 5], grid=False, format="d", **sizes))
    return x, y


def _legend_scales(lang, level_legend=True, geometry=PAGE):
    sizes = {} if geometry is PAGE else {"labelFontSize": geometry.font, "titleFontSize": geometry.font}
    cat_names = [i18n.t(f"stakeholders.category.{c}", lang) for c in CATEGORIES]
    level_names = [i18n.t(f"level.{lvl}", lang) for lvl in LEVELS]
    colour = alt.Color("category_name:N", title=i18n.t("stakeholders.chart.category", lang),
                       scale=alt.Scale(domain=cat_names, range=[CATEGORY_COLOURS[c] for c in CATEGORIES]),
                       legend=alt.Legend(orient="bottom", columns=5, symbolType="circle",
                                         symbolSize=120, symbolOpacity=1, **sizes))
    # Above the chart, not beside the category legend below it: side by side the two ran
    # past the right edge of a narrow chart (1024 px). ``canvas`` adds its height.
    shape = alt.Shape("level_name:N", title=i18n.t("stakeholders.chart.level", lang),
                      scale=alt.Scale(domain=level_names, range=[LEVEL_SHAPES[lvl] for lvl in LEVELS]),
                      legend=alt.Legend(orient="top", columns=4, symbolSize=90,
                                        symbolFillColor="#555555", symbolStrokeColor="#555555")
                      if level_legend else None)
    return colour, shape


@cached_spec
def canvas(persons, lang, counts=None, height=640, level_legend=True, geometry=PAGE):
    """The 2×2 influence × attitude canvas with every assessed person and their movement.

    ``height`` is what the quadrants and the category legend below them get (``None``:
    as tall as the page's container makes it, for a slide); the level legend above adds
    ``TOP_LEGEND`` pixels, so stacked names keep their spacing. ``level_legend=False``
    leaves that legend out (a projector slide has no room for it; the shapes stay, and each
    point's tooltip names the level). Names, numbers and quadrant titles are placed for
    ``geometry`` (``PAGE`` or ``SLIDE``: the smallest plot it is drawn in) so that none
    touches another (``core.stakeholders.labels``).

    :param persons: ``stakeholders.people`` output; people without an assessment are left
        out (the page lists them under the chart).
    :param counts: ``stakeholders.counts`` output, to put the number in each quadrant's name.
    """
    points, arrows, titles, placed, _ = place_words(persons, lang, counts, geometry)
    x, y = _axes(lang, geometry=geometry)
    colour, shape = _legend_scales(lang, level_legend, geometry)
    layers = _backgrounds(lang, counts, geometry)
    label_of = {p["employee_id"]: p["label"] for p in points}

    if arrows:
        rows = [dict(a, x=a["x0"], y=a["y0"], name=label_of[a["employee_id"]]) for a in arrows]
        lines = _data(rows)
        # From the previous position to the centre of the person's marker, which is drawn
        # over the line's end.
        layers.append(alt.Chart(lines).mark_rule(color=ARROW_COLOUR, strokeWidth=1.5, opacity=0.8).encode(
            x=x, y=y, x2=alt.X2("x1:Q"), y2=alt.Y2("y1:Q")))
        layers.append(alt.Chart(lines).mark_point(
            shape="circle", size=TAIL_SIZE, filled=False, color=ARROW_COLOUR, strokeWidth=1.2).encode(x=x, y=y))
        # The head sits on the person's marker, turned along the line: its angle is worked
        # out in pixels by the browser (scale() of the drawn chart), so it points along the
        # line at whatever width the page gives the chart.
        angle = ("atan2(scale('x', datum.x1) - scale('x', datum.x0), "
                 "scale('y', datum.y0) - scale('y', datum.y1)) * 180 / PI")
        layers.append(alt.Chart(lines).mark_point(
            shape=HEAD_PATH, size=HEAD_SIZE, filled=True, color=ARROW_COLOUR, opacity=0.95,
            angle=alt.ExprRef(expr=angle)).encode(
            x=alt.X("x1:Q", scale=_x_scale()), y=alt.Y("y1:Q", scale=_y_scale()),
            description=alt.Description("name:N")))

    if points:
        rows = []
        for p in points:
            prev = p["previous"]
            label = placed.get(p["employee_id"])
            rows.append({
                "x": p["x"], "y": p["y"], "label": p["label"], "department": p["department"],
                "text": label.text if label else "", "align": label.align if label else "left",
                "dx": label.dx if label else 0, "dy": label.dy if label else 0,
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
        layers.append(base.mark_point(filled=True, size=POINT_SIZE, opacity=1, stroke="white",
                                      strokeWidth=0.8).encode(
            color=colour, shape=shape, tooltip=tooltip, description=alt.Description("label:N")))
        # Each text where ``labels.place_labels`` put it; a white outline under it keeps it
        # readable over arrows and tints.
        where = dict(align=alt.ExprRef(expr="datum.align"), baseline="middle",
                     dx=alt.ExprRef(expr="datum.dx"), dy=alt.ExprRef(expr="datum.dy"),
                     fontSize=geometry.font)
        layers.append(base.mark_text(stroke="white", strokeWidth=3, strokeOpacity=0.9, **where).encode(
            text=alt.Text("text:N")))
        layers.append(base.mark_text(color="#222222", **where).encode(
            text=alt.Text("text:N"), tooltip=tooltip))
    size = {} if height is None else {"height": height + (TOP_LEGEND if level_legend else 0)}
    # Room on the right for the names beside the +2 column (up to ``geometry.right_room``
    # past the plot), which the chart would otherwise cut off.
    return alt.layer(*layers).properties(
        padding=dict(PADDING, right=geometry.right_room), **size).configure_view(stroke=None)


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


def canvas_key_for_view(db, f, levels, categories, roles, lang):
    """``canvas_key`` of the chart ``canvas_spec`` draws, in the same calling shape."""
    data = stakeholders.stakeholder_map(db, f, levels, categories, roles)
    return canvas_key(data["people"], lang, data["counts"])


def path_spec(db, f, employee_id, lang):
    """One person's path (see ``path``) as a Vega-Lite dict, cacheable like ``canvas_spec``."""
    return path.spec(stakeholders.timeline(db, employee_id, f.as_of), lang)
