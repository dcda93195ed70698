"""The KPI card: a metric with its definition as help, its status in words and colour, and a detail line."""
import streamlit as st

from core import i18n

# A card's width in a wrapping row: room for the longest label ("Kritieke blokkeerders",
# "Herbeoordeling te laat") with its help icon, so no label is cut off.
CARD_WIDTH = 260

STATUS_STYLE = {
    "on_track": ("green", ":material/check_circle:"),
    "close": ("orange", ":material/error:"),
    "behind": ("red", ":material/cancel:"),
}


def row(n, key=None):
    """``n`` fixed-width slots in a row that wraps: on a narrow screen a card moves down
    instead of cutting off its label or value, as equal columns would."""
    line = st.container(horizontal=True, gap="small", key=key)
    return [line.container(width=CARD_WIDTH) for _ in range(n)]


def change_delta(view, kpi, change, unit="pp"):
    """``st.metric`` arguments for a change since the previous wave: the text, its arrow
    from the number as shown (rounded to whole points) and its colour from whether that
    direction is good for ``kpi`` (``kpis.change_signal``: fear down is good).

    :param change: the change in display units (percentage points, or eNPS points), or
        ``None`` for no earlier wave (then no delta at all).
    :param unit: ``"pp"`` (percentage points) or ``"score"`` (eNPS points).
    """
    if change is None:
        return {"delta": None}
    from core import kpis

    shown = round(change)
    arrow, colour = kpis.change_signal(kpi, shown)
    text = i18n.fmt_points(shown + 0, view.lang)
    return {"delta": view.t("card.change" if unit == "pp" else "card.change.score", delta=text),
            "delta_arrow": arrow, "delta_color": colour,
            "delta_description": view.t("card.change.description")}


def kpi_card(view, kpi, value, *, help_values=None, detail=None, note=None, delta=None,
             delta_description=None, delta_color="normal", delta_arrow="auto", status=None,
             target=None, chart_data=None, terms=(), key=None):
    """Draw one bordered KPI card.

    :param kpi: the KPI name; label and help come from ``kpi.<name>.label`` / ``.help``.
    :param value: the formatted value, or ``None`` to say there is no data.
    :param status: ``kpis.status`` result; shown as a coloured badge with words.
    :param target: the formatted target, shown next to the status.
    :param detail: a caption under the value (n, interval, counts); ``note`` a second one.
    :param delta: a change's text; pass ``**change_delta(...)`` for its arrow and colour.
    :param terms: glossary entries (``glossary.<term>``) added under the help: what the
        card's words mean and which way is good.
    """
    with st.container(border=True, key=key):
        st.metric(
            view.t(f"kpi.{kpi}.label"),
            value if value is not None else view.t("card.no_data"),
            delta=delta, delta_color=delta_color, delta_description=delta_description,
            delta_arrow=delta_arrow,
            help="\n\n".join([view.t(f"kpi.{kpi}.help", **(help_values or {}))]
                               + [view.t(f"glossary.{term}") for term in terms]),
            chart_data=chart_data, chart_type="area" if chart_data else "line",
        )
        if status in STATUS_STYLE:
            colour, icon = STATUS_STYLE[status]
            # Side by side where there is room; the target wraps under the badge on narrow screens.
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                st.badge(view.t(f"status.{status}"), color=colour, icon=icon)
                if target is not None:
                    st.caption(view.t("card.target", target=target))
        if detail:
            st.caption(detail)
        if note:
            st.caption(note)


def adoption_card(view, adoption, targets, minimum, *, chart_data=None, key=None):
    """The adoption card of the Overview and the Adoption page (``kpis.Adoption``)."""
    from core import kpis

    lang = view.lang
    if adoption.suppressed:
        shown, detail = view.t("card.hidden"), view.t("card.too_few_staff", min=minimum)
    else:
        shown = i18n.fmt_pct(adoption.value, lang) if adoption.value is not None else None
        detail = view.t("card.adoption.detail", active=adoption.active, eligible=adoption.eligible,
                        days=adoption.window_days,
                        date=i18n.fmt_date(adoption.as_of, lang)) if adoption.eligible else None
    kpi_card(
        view, "adoption_rate", shown, help_values={"days": adoption.window_days}, detail=detail,
        status=kpis.status("adoption_rate", adoption.value, targets.get("adoption_rate")),
        target=i18n.fmt_pct(targets.get("adoption_rate"), lang), chart_data=chart_data,
        terms=("adoption",), key=key,
    )
