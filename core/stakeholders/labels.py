"""Where the stakeholder canvas puts its words: quadrant titles and one label per person.

The canvas is drawn at many widths (a page at 1024 to 1920 px, a slide at 1280×720 to
1920×1080). Placement is worked out in pixels for the smallest plot it is drawn in
(``Geometry``): each label sits at a fixed pixel offset from its anchor (a marker, or a
corner of the plot), so on a larger plot the anchors move apart while the boxes keep their
size. Two boxes placed apart along an axis on which their anchors come in the same order
stay apart on every larger plot; that is the only kind of "apart" accepted here, so what
does not overlap at the smallest size overlaps at no larger one.

A person whose name finds no free spot gets a number instead (the key under the chart
names them); a person whose number finds none either is left unlabelled on the chart and
named in the key (their marker's tooltip still names them).
"""
import dataclasses
import unicodedata

# Advance widths of Source Sans (the charts' font) in em, measured in Chromium; a
# character not listed counts as the widest common one.
_WIDTHS = {
    "normal": {0.2: " ", 0.24: "|", 0.25: "',.:;ijl·’", 0.26: "I", 0.29: "!f", 0.3: "()[]{}",
               0.31: "-", 0.34: "t", 0.35: "/\\r", 0.42: "*s", 0.43: '"?z', 0.45: "x",
               0.46: "c", 0.47: "vy", 0.48: "JY–", 0.49: "FLk",
               0.5: "0123456789#$+<=>^_aeg~−", 0.51: "VX", 0.53: "ES", 0.54: "ATZ`hou",
               0.55: "bdnpq", 0.57: "CPR", 0.58: "K", 0.59: "B", 0.61: "&D", 0.62: "G",
               0.64: "U", 0.65: "HN", 0.66: "OQ", 0.72: "w", 0.73: "M", 0.79: "W", 0.82: "%",
               0.83: "m", 0.85: "@", 0.95: "…"},
    "bold": {0.2: " ", 0.27: "|", 0.28: "ij", 0.29: "l", 0.3: "',.:;I·’", 0.33: "-",
             0.34: "!()/[\\]f{}", 0.38: "t", 0.4: "r", 0.44: "s", 0.46: "*?z", 0.47: "c",
             0.5: "_–", 0.51: "Jx", 0.52: "FLYevy", 0.53: "0123456789#$+<=>^ag~−", 0.54: '"Z',
             0.55: "E`ko", 0.56: "STV", 0.57: "AXbdhnpqu", 0.58: "C", 0.6: "BP", 0.61: "KR",
             0.63: "D", 0.64: "G", 0.66: "NU", 0.67: "&H", 0.68: "OQ", 0.76: "M", 0.78: "w",
             0.81: "W", 0.86: "%m", 0.9: "@", 0.98: "…"},
}
_EM = {weight: {c: w for w, chars in table.items() for c in chars} for weight, table in _WIDTHS.items()}
_UNKNOWN = {"normal": 0.85, "bold": 0.9}
WIDTH_MARGIN = 1.06       # text is measured 6% wider than the table says, and
LINE = 1.3                # a line as tall as 1.3 × the font size (SVG's box of a line)
GAP = 2.0                 # pixels kept free between any two boxes


def text_width(text, font, weight="normal"):
    """Pixels ``text`` takes at ``font`` px (an upper bound of what Chromium draws)."""
    table, unknown = _EM[weight], _UNKNOWN[weight]
    em = 0.0
    for ch in text:
        if ch not in table:
            ch = unicodedata.normalize("NFD", ch)[:1]      # é → e
        em += table.get(ch, unknown)
    return em * font * WIDTH_MARGIN


@dataclasses.dataclass(frozen=True)
class Geometry:
    """The smallest plot the canvas is drawn in, and its type sizes (all in px)."""

    width: float            # plot width (the quadrants) at the narrowest
    height: float           # plot height at the lowest
    right_room: float       # room right of the plot that labels may use (the chart's padding)
    font: float             # a person's label
    title_font: float       # a quadrant's title (bold)
    marker: float           # half the size of a person's marker, its outline included
    tail: float             # half the size of an arrow's open tail circle


@dataclasses.dataclass(frozen=True)
class Box:
    """A text box in px of the smallest plot (y down), with the anchor it is fixed to."""

    x0: float
    y0: float
    x1: float
    y1: float
    ax: float
    ay: float

    def apart(self, other, gap=GAP):
        """Whether the two stay apart on every larger plot (see the module's docstring)."""
        if self.x1 + gap <= other.x0 and self.ax <= other.ax:
            return True
        if other.x1 + gap <= self.x0 and other.ax <= self.ax:
            return True
        if self.y1 + gap <= other.y0 and self.ay <= other.ay:
            return True
        return other.y1 + gap <= self.y0 and other.ay <= self.ay


@dataclasses.dataclass(frozen=True)
class Label:
    """Where one text goes: its text, alignment and pixel offset from its anchor."""

    text: str
    align: str              # "left", "right" or "center" (Vega's align)
    dx: float
    dy: float               # to the middle of the line (baseline "middle")
    box: Box


def _box(text, font, weight, ax, ay, align, dx, dy):
    w, h = text_width(text, font, weight), font * LINE
    left = {"left": ax + dx, "right": ax + dx - w, "center": ax + dx - w / 2}[align]
    return Box(left, ay + dy - h / 2, left + w, ay + dy + h / 2, ax, ay)


def _inside(box, geometry):
    return (box.x0 >= 0 and box.y0 >= 0 and box.y1 <= geometry.height
            and box.x1 <= geometry.width + geometry.right_room)


def _free(box, taken, geometry):
    return _inside(box, geometry) and all(box.apart(other) for other in taken)


def to_px(x, y, domain_x, domain_y, geometry):
    """A data point's pixel position on the smallest plot (y down)."""
    return ((x - domain_x[0]) / (domain_x[1] - domain_x[0]) * geometry.width,
            (domain_y[1] - y) / (domain_y[1] - domain_y[0]) * geometry.height)


def marker_box(px, py, half):
    return Box(px - half, py - half, px + half, py + half, px, py)


def place_titles(titles, geometry):
    """Quadrant titles: ``[(key, text, ax, ay, align, edge)]`` with ``edge`` "top" or
    "bottom" (the side of the plot the title hangs from). Each takes the first row from its
    edge where it is clear of the titles placed before it; returns ``{key: Label}``."""
    placed, taken = {}, []
    h = geometry.title_font * LINE
    for key, text, ax, ay, align, edge in titles:
        dx = {"left": 4, "right": -4, "center": 0}[align]
        for row in range(6):
            dy = (h / 2 + 3 + row * (h + GAP + 1)) * (1 if edge == "top" else -1)
            box = _box(text, geometry.title_font, "bold", ax, ay, align, dx, dy)
            if _free(box, taken, geometry):
                break
        else:
            # Six rows taken: the plot is too small for its titles. Keep the last try, so
            # the failure shows (a test of that geometry fails) rather than hides.
            pass
        placed[key] = Label(text, align, dx, dy, box)
        taken.append(box)
    return placed


def _candidates(geometry, half, far):
    """Offsets to try around a marker, nearest first: beside it (right, then left) on its
    line, half a line up or down, above and below it; with ``far`` (for a number, whose
    shortness keeps it plainly beside its marker) also a line or more up or down."""
    g = half + 3
    h = geometry.font * LINE
    out = []
    for shift in (0, -0.5, 0.5):
        out.append(("left", g, shift * h))
        out.append(("right", -g, shift * h))
    out.append(("center", 0, -(g + h / 2)))
    out.append(("center", 0, g + h / 2))
    for shift in ((-1, 1, -1.5, 1.5) if far else ()):
        out.append(("left", g, shift * h))
        out.append(("right", -g, shift * h))
    return out


def place_labels(people, obstacles, geometry):
    """Labels for ``people``: ``[(key, name, px, py)]`` (marker centres on the smallest plot),
    avoiding ``obstacles`` (boxes of markers and titles) and each other.

    People in crowded spots choose first; the rest in the given order. Returns
    ``(labels, numbered)``: ``labels`` maps key to ``Label`` (a name, or a number for whom
    no name fits), ``numbered`` lists ``(number, key)`` in number order, a person
    labelled by nothing with number ``None``.
    """
    taken = list(obstacles)

    def crowd(person):
        _, _, px, py = person
        return -sum(1 for _, _, qx, qy in people
                    if abs(qx - px) < 4 * geometry.font and abs(qy - py) < 3 * geometry.font)

    order = sorted(range(len(people)), key=lambda i: (crowd(people[i]), i))
    labels, failed = {}, []

    def try_place(text, px, py, far=False):
        for align, dx, dy in _candidates(geometry, geometry.marker, far):
            box = _box(text, geometry.font, "normal", px, py, align, dx, dy)
            if _free(box, taken, geometry):
                taken.append(box)
                return Label(text, align, dx, dy, box)
        return None

    for i in order:
        key, name, px, py = people[i]
        label = try_place(name, px, py)
        if label is None:
            failed.append(i)
        else:
            labels[key] = label
    numbered = []
    for number, i in enumerate(sorted(failed), start=1):
        key, _, px, py = people[i]
        label = try_place(str(number), px, py, far=True)
        if label is None:
            numbered.append((None, key))
        else:
            labels[key] = label
            numbered.append((number, key))
    return labels, numbered
