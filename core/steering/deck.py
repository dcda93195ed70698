"""The steering deck: the presentation's slides as a PowerPoint file (python-pptx).

Every slide's title sits in the layout's title placeholder (PowerPoint's outline and
screen readers see it); key numbers are editable text; charts are native PowerPoint charts
holding the slide's numbers (``Slide.series``: the values ``kpis --json`` reports; every
chart slide of the deck has them), a chart without such numbers a PNG rendered offline by
vl-convert; the speaker notes carry each
number's definition and n; slides are numbered "n / total" over the whole deck, cover
included; a demo store's deck says so on every slide.
"""
import io
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.util import Emu, Inches, Pt

from core import i18n, kpis, steering, store
from core.filters import DEFAULT_PERIOD, for_period

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)      # 16:9
INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x55, 0x55, 0x55)
ACCENT = RGBColor(0x00, 0x72, 0xB2)               # Okabe–Ito blue, as the charts
CHART_WIDTH_PX = 900
TITLE_ONLY, TITLE_SLIDE = 5, 0                    # the default template's layouts


def chart_png(chart, width=CHART_WIDTH_PX):
    """Render an Altair chart to PNG bytes offline (vl-convert), at a fixed width."""
    buf = io.BytesIO()
    try:
        chart = chart.properties(width=width)
    except Exception:
        # A configured top-level chart may refuse new properties; it keeps its own width.
        pass
    chart.save(buf, format="png", scale_factor=2)
    return buf.getvalue()


def _text(slide, left, top, width, height, text, size, color=INK, bold=False):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    run.font.color.rgb = color
    return box


def _title(page, text, size=34):
    """Fill the layout's title placeholder: the slide's title for the outline and screen readers."""
    shape = page.shapes.title
    shape.left, shape.top, shape.width, shape.height = (Inches(0.5), Inches(0.3), Inches(12.3),
                                                        Inches(0.9))
    shape.text_frame.text = text
    para = shape.text_frame.paragraphs[0]
    para.font.size, para.font.bold = Pt(size), True
    para.font.color.rgb = INK
    return shape


def _native_chart(page, series, left, top, width, height):
    """A clustered bar chart of ``series`` (``Slide.series``) with its values as labels."""
    fmt = "0%" if series["percent"] else '"€" #,##0' if series.get("money") else "0"
    data = CategoryChartData(number_format=fmt)
    data.categories = series["categories"]
    data.add_series(series["name"], series["values"])
    frame = page.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data)
    chart = frame.chart
    chart.has_legend = False
    chart.font.size = Pt(16)
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = fmt
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.series[0].format.fill.solid()
    plot.series[0].format.fill.fore_color.rgb = ACCENT
    chart.category_axis.reverse_order = True           # the first category on top
    if series["percent"]:
        chart.value_axis.maximum_scale, chart.value_axis.minimum_scale = 1.0, 0.0
        chart.value_axis.tick_labels.number_format = "0%"
        chart.value_axis.tick_labels.number_format_is_linked = False
    return frame


def _add_slide(prs, s, footer, number, total, demo_mark=None):
    page = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(page, s.title)
    # Key numbers down the left, large; the chart fills the right.
    top = Inches(1.4)
    for n in s.numbers:
        _text(page, Inches(0.5), top, Inches(4.2), Inches(0.8), n.value, 40, ACCENT, bold=True)
        _text(page, Inches(0.5), top + Inches(0.8), Inches(4.2), Inches(0.6), n.label, 18, MUTED)
        top += Inches(1.7)
    if s.series is not None and s.series["values"]:
        _native_chart(page, s.series, Inches(4.9), Inches(1.4), Inches(8.0), Inches(5.3))
    elif s.chart is not None:
        png = chart_png(s.chart)
        from PIL import Image
        w, h = Image.open(io.BytesIO(png)).size
        box_w, box_h = Inches(8.0), Inches(5.3)
        scale = min(box_w / w, box_h / h)
        page.shapes.add_picture(io.BytesIO(png), Inches(4.9), Inches(1.4),
                                Emu(int(w * scale)), Emu(int(h * scale)))
    elif s.lines:
        box = page.shapes.add_textbox(Inches(4.9), Inches(1.4), Inches(8.0), Inches(5.3))
        frame = box.text_frame
        frame.word_wrap = True
        for i, (_, line) in enumerate(s.lines[:12]):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.text = line
            para.font.size = Pt(18)
    elif s.empty:
        _text(page, Inches(4.9), Inches(3.5), Inches(8.0), Inches(1), s.empty, 24, MUTED)
    _text(page, Inches(0.5), Inches(6.85), Inches(9.0), Inches(0.5), footer, 12, MUTED)
    if demo_mark:
        _text(page, Inches(9.5), Inches(6.85), Inches(1.8), Inches(0.5), demo_mark, 12, ACCENT,
              bold=True)
    _text(page, Inches(11.3), Inches(6.85), Inches(1.6), Inches(0.5), f"{number} / {total}", 12, MUTED)
    page.notes_slide.notes_text_frame.text = s.notes
    return page


def build_deck(db, filters, lang, company=None, today=None):
    """Write the steering deck for one view (filters and language); return the .pptx bytes."""
    if company is None:
        company = store.get_setting(db, "company_name", "") or ""
    demo_mark = i18n.t("demo.badge", lang) if store.get_setting(db, "demo", "0") == "1" else None
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    footer = steering.scope_line(filters, lang, company)
    cover = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    title = _title(cover, i18n.t("steering.deck_title", lang), 44)
    title.top = Inches(2.4)
    subtitle = cover.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        Inches(0.8), Inches(3.8), Inches(11.7), Inches(1.4))
    subtitle.text_frame.text = footer + (f"\n{demo_mark}" if demo_mark else "")
    for para in subtitle.text_frame.paragraphs:
        para.font.size = Pt(20)
        para.font.color.rgb = MUTED
    items = steering.slides(db, filters, lang, today)
    total = 1 + len(items)
    for i, s in enumerate(items, start=2):
        _add_slide(prs, s, footer, i, total, demo_mark)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- CLI

def add_parser(subparsers):
    """Register ``deck``: ``python -m core deck --db PATH --out FILE.pptx [--lang nl|en]``."""
    p = subparsers.add_parser("deck", help="write the steering deck (.pptx)")
    p.add_argument("--db", help="store path (default: $DRAAGVLAK_DB or data/draagvlak.db)")
    p.add_argument("--out", required=True, help="the .pptx file to write")
    p.add_argument("--lang", choices=i18n.LANGS, default=i18n.DEFAULT_LANG)
    p.add_argument("--period", choices=("3m", "6m", "12m", "all"), default=DEFAULT_PERIOD)
    p.add_argument("--department", action="append", default=[], help="a department (repeatable)")
    return p


def run(args):
    """Write the deck for the store's latest data; return the exit code (1 when the store is empty)."""
    s = store.Store(store.resolve_path(args.db))
    db = s.read()
    as_of = kpis.data_as_of(db)
    if as_of is None:
        print(i18n.t("empty.store", args.lang))
        return 1
    f = for_period(args.period, as_of, getattr(args, "department", []) or [])
    Path(args.out).write_bytes(build_deck(db, f, args.lang))
    print(args.out)
    return 0
