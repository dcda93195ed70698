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
        return Filters(as_of=data_as_of, start=None, departments=departments)
    if period not in _MONTHS:
        raise ValueError(f"unknown period {period!r}")
    return Filters(
        as_of=data_as_of, start=months_before(data_as_of, _MONTHS[period]), departments=departments
    )
