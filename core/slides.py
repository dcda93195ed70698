"""The slide model: what a steering slide holds, shared by the steering mode (``core.steering``)
and every feature that adds a slide of its own (``core.licences.slide``). Below both: it
imports nothing of Draagvlak."""
import dataclasses


@dataclasses.dataclass
class Number:
    """One key number: its label, the formatted value and the n/definition for the notes."""

    label: str
    value: str
    note: str


@dataclasses.dataclass
class Slide:
    """One topic: title, up to three key numbers, a chart (Altair) or ``None``, and text lines."""

    key: str
    title: str
    numbers: list
    chart: object = None
    empty: str | None = None     # why there is no chart
    lines: list = dataclasses.field(default_factory=list)
    caption: str = ""
    # The chart's numbers for the deck's native PowerPoint chart: ``{"name", "categories",
    # "values", "percent"}`` with the values ``kpis --json`` reports (rounded as there).
    series: dict | None = None

    @property
    def notes(self):
        """The speaker notes: every number's definition and n, then the caption."""
        parts = [f"{n.label}: {n.value}. {n.note}" for n in self.numbers]
        if self.caption:
            parts.append(self.caption)
        return "\n".join(parts)
