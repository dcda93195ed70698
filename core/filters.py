"""The view every page and the CLI share: a period ending on a date, and departments."""
import dataclasses
import datetime as dt

PERIODS = ("3m", "6m", "12m", "all", "custom")
DEFAULT_PERIOD = "12m"
_MONTHS = {"3m": 3, "6m": 6, "12m": 12}


@dataclasses.dataclass(frozen=True)
class Filters:
    """What to look at.

    :param as_of: the last day that counts (the "data as of" date).
    :param start: the first day of the period, or ``None`` for all history.
    :param departments: departments to include; empty means the whole company.
    """

    as_of: dt.date
    start: dt.date | None = None
    departments: tuple[str, ...] = ()
    # The named period the start was derived from ("3m", "6m", "12m", "all"), so a view of
    # another source's last day (``usage.view``) can derive its own; ``None``: as given.
    period: str | None = None

    def __post_init__(self):
        if self.start is not None and self.start > self.as_of:
            raise ValueError("start must not be after as_of")

    @property
    def start_iso(self):
        return self.start.isoformat() if self.start else "0000-01-01"

    @property
    def as_of_iso(self):
        return self.as_of.isoformat()

    def months(self, first_data_day=None):
        """Length of the period in months (at least one), for per-month rates."""
        start = self.start or first_data_day or self.as_of
        return max(1.0, ((self.as_of - start).days + 1) / (365.25 / 12))


def months_before(day, months):
    """Return the day after the same calendar day ``months`` earlier (a period of whole months)."""
    year, month = day.year, day.month - months
    while month < 1:
        month += 12
        year -= 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last)) + dt.timedelta(days=1)


def for_period(period, data_as_of, departments=(), custom=None):
    """Build the filters for a named period ending at the data's last date.

    :param period: one of ``PERIODS``.
    :param data_as_of: the latest date the store has data for.
    :param custom: ``(start, end)`` dates when ``period == "custom"``.
    """
    departments = tuple(sorted(departments))
    if period == "custom":
        if not custom or custom[0] is None or custom[1] is None:
            raise ValueError("a custom period needs a start and an end date")
        start, end = custom
        return Filters(as_of=end, start=start, departments=departments)
    if period == "all":
        return Filters(as_of=data_as_of, start=None, departments=departments, period=period)
    if period not in _MONTHS:
        raise ValueError(f"unknown period {period!r}")
    return Filters(as_of=data_as_of, start=months_before(data_as_of, _MONTHS[period]),
                   departments=departments, period=period)


def ending_on(f, day):
    """``f`` moved to end on ``day`` (not after ``f.as_of``): a named period keeps its length
    (the 12 months up to ``day``), a given one its start (or ``day``, if it began later)."""
    if day >= f.as_of:
        return f
    if f.period in _MONTHS:
        return dataclasses.replace(f, as_of=day, start=months_before(day, _MONTHS[f.period]))
    start = f.start if f.start is None or f.start <= day else day
    return dataclasses.replace(f, as_of=day, start=start)
