"""What every importer shares: issues with row and column, the plan a preview shows,
column matching by name, value parsers and the keyed pseudonym."""
import dataclasses
import itertools
import re

from core import i18n, store
from core import validate
from core.dates import DateError, parse_column, read_column
from core.importers.reader import normalize
from core.pseudonyms import SECRET_KEY, new_secret, pseudonym, store_secret  # noqa: F401 — used by the importers

UNKNOWN_DEPARTMENT = i18n.UNKNOWN_DEPARTMENT
MAX_ISSUES = 200


@dataclasses.dataclass
class Issue(validate.Problem):
    """One problem in a file (a ``validate.Problem``). ``code`` picks the message
    ``data.err.<code>``; ``expected`` the text ``data.expected.<expected>``; ``row`` is the
    Excel row number (header = 1)."""

    code: str
    file: str
    row: int | None = None
    column: str | None = None
    value: object = None
    expected: str | None = None
    params: dict = dataclasses.field(default_factory=dict)

    @property
    def key(self):
        return f"data.err.{self.code}"

    def message(self, lang=i18n.DEFAULT_LANG):
        expected = i18n.t(f"data.expected.{self.expected}", lang, **self.params) if self.expected else ""
        value = "" if self.value is None else str(self.value)
        if len(value) > 60:
            value = value[:57] + "…"
        return i18n.t(f"data.err.{self.code}", lang, file=self.file, row=self.row or "",
                      column=self.column or "", value=value, expected=expected, **self.params)


class Issues(list):
    """A list of issues that stops growing at ``MAX_ISSUES`` (and says so)."""

    def __init__(self, filename):
        super().__init__()
        self.filename = filename
        self.truncated = False
        # What a preview shows beside the issues: ``date_reading`` = (column, dates.Reading)
        # of a column whose day/month order was decided; ``date_question`` = {"column",
        # "examples": {order: date}} when the file cannot decide and the user must.
        self.notes = {}
        # A mapped file: {the name a column was mapped to: the file's own name}.
        self.columns = {}

    def add(self, code, row=None, column=None, value=None, expected=None, **params):
        if len(self) >= MAX_ISSUES:
            self.truncated = True
            return
        column = self.columns.get(column, column)      # a mapped file: its own column name
        self.append(Issue(code, self.filename, row, column, value, expected, params))


@dataclasses.dataclass
class Plan:
    """What an import would do: shown in the preview, executed by ``apply_import``.

    :param kind: the detected (or chosen) format.
    :param mapped: ``[(column in the file, what it becomes)]``.
    :param unmapped: columns nothing reads (survey items not in the standard questionnaire).
    :param records: the validated content, per target (employees, usage, wave, …).
    """

    filename: str
    kind: str | None
    rows: int = 0
    mapped: list = dataclasses.field(default_factory=list)
    unmapped: list = dataclasses.field(default_factory=list)
    # How an undecided day/month column was read ({column, order, why, n, first, last}),
    # or the question to ask when the file cannot decide ({column, examples: {order: date}}).
    date_reading: dict | None = None
    date_question: dict | None = None
    # The file's headers and first rows (also of a file no importer knows: the mapping form
    # shows them), and the column mapping applied ({name, kind, fields, saved}).
    headers: list = dataclasses.field(default_factory=list)
    sample: list | None = None
    mapping: dict | None = None
    warnings: list = dataclasses.field(default_factory=list)
    errors: list = dataclasses.field(default_factory=list)
    records: dict = dataclasses.field(default_factory=dict)
    secret: str | None = None
    summary: dict = dataclasses.field(default_factory=dict)

    @property
    def ok(self):
        return self.kind is not None and not self.errors

    def messages(self, lang=i18n.DEFAULT_LANG):
        return [e.message(lang) for e in self.errors]


class Columns:
    """Find columns by name (case- and spacing-insensitive), never by position.

    :param aliases: ``{field: [names…]}``; the first header matching any alias wins.
    """

    def __init__(self, headers, aliases):
        self.headers = headers
        index = {}
        for i, h in enumerate(headers):
            index.setdefault(normalize(h), i)
        self.index = {}
        for field, names in aliases.items():
            for name in names:
                if normalize(name) in index:
                    self.index[field] = index[normalize(name)]
                    break

    def __contains__(self, field):
        return field in self.index

    def name(self, field):
        return self.headers[self.index[field]]

    def get(self, row, field, default=""):
        i = self.index.get(field)
        if i is None:
            return default
        value = row[i]
        return value.strip() if isinstance(value, str) else value

    def mapped(self, labels=None):
        return [(self.headers[i], (labels or {}).get(f, f)) for f, i in self.index.items()]


def require(cols, table, issues, fields):
    """Report each required field whose column is missing; return whether all are there."""
    ok = True
    for field, display in fields.items():
        if field not in cols:
            issues.add("missing_column", row=1, column=display, expected="column", name=display)
            ok = False
    return ok


def dates(cols, table, issues, field, required=True, order=None, default_order=None):
    """Parse one column of dates; report the first bad or an ambiguous column.

    :param order: ``dmy``/``mdy``/``ymd`` when the user said how to read the file.
    :param default_order: how the format writes dates (SurveyMonkey: ``mdy``), for a
        column that cannot decide by itself.
    """
    if field not in cols:
        return [None] * len(table)
    values = table.column(cols.index[field])
    try:
        try:
            parsed, reading = read_column(values, order)
        except DateError as exc:
            if exc.kind != "ambiguous" or order or not default_order:
                raise
            parsed, reading = read_column(values, default_order)
        if reading is not None and reading.why != "values":
            column = cols.name(field)
            issues.notes.setdefault("date_reading", (issues.columns.get(column, column), reading))
    except DateError as exc:
        # Report every invalid cell we can find, not just the first.
        if exc.kind == "ambiguous":
            issues.add("ambiguous_date", row=table.row_numbers[exc.index], column=cols.name(field),
                       value=values[exc.index], expected="date_order")
            column = cols.name(field)
            issues.notes["date_question"] = {"column": issues.columns.get(column, column),
                                             "examples": exc.examples}
            return None
        bad = {}
        for i, v in enumerate(values):
            if v not in bad:
                try:
                    parse_column([v])
                    bad[v] = False
                except DateError as one:
                    bad[v] = one.kind == "invalid"
            if bad[v]:
                issues.add("bad_date", row=table.row_numbers[i], column=cols.name(field),
                           value=v, expected="date")
            if issues.truncated:
                break
        return None
    if required and None in parsed:
        for i, d in enumerate(parsed):
            if d is None:
                issues.add("missing_value", row=table.row_numbers[i], column=cols.name(field),
                           value="", expected="date")
    return parsed


def number(value, lang=None):
    """A number cell: ``validate.parse_number`` (the one number parser; ``ValueError`` when
    it is none, or ambiguous without ``lang``)."""
    return validate.parse_number(value, lang)


TRUE_WORDS = {"ja", "yes", "true", "waar", "1", "y", "j", "x", "wahr"}
FALSE_WORDS = {"nee", "no", "false", "onwaar", "0", "n", "", "falsch"}


def boolean(value):
    """Parse ja/nee, yes/no, true/false, 1/0; raise ``ValueError`` otherwise."""
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(value)


def is_email_like(value):
    return bool(re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", str(value).strip()))


class UsageRows:
    """A plan's daily usage rows, column-wise: ``(employee_id, day, tool, actions, minutes)``
    per row, without a million tuples.

    ``people``, ``days`` (ISO text) and ``tools`` hold each distinct value once, sorted; the
    rows hold codes into them (numpy ``int32`` arrays ``person``, ``day``, ``tool``: a
    190 MB file holds millions of rows), their ``actions`` (``int64``) and ``minutes`` (a
    list, or ``None`` when every row has none).
    Iterating yields the rows as tuples; ``len`` is their number. Keys ``(person, day, tool)``
    are unique (the parsers keep one row per key).
    """

    def __init__(self, people, person, days, day, tools, tool, actions, minutes=None):
        import numpy as np

        def ranked(values, codes):
            values = list(values)
            order = sorted(range(len(values)), key=values.__getitem__)
            if order == list(range(len(values))):
                return values, np.asarray(codes, dtype=np.int32)
            rank = np.empty(len(values), dtype=np.int32)
            rank[order] = np.arange(len(values))
            return [values[i] for i in order], rank[np.asarray(codes)]

        self.people, self.person = ranked(people, person)
        self.days, self.day = ranked(days, day)
        self.tools, self.tool = ranked(tools, tool)
        self.actions = np.asarray(actions, dtype=np.int64)
        self.minutes = None if minutes is None or all(m is None for m in minutes) else list(minutes)

    @classmethod
    def from_tuples(cls, rows):
        """From ``(employee_id, day, tool, actions, minutes)`` tuples."""
        people, days, tools = {}, {}, {}
        codes = [(people.setdefault(p, len(people)), days.setdefault(d, len(days)),
                  tools.setdefault(t, len(tools))) for p, d, t, *_ in rows]
        person, day, tool = zip(*codes) if codes else ((), (), ())
        return cls(people, person, days, day, tools, tool, [r[3] for r in rows], [r[4] for r in rows])

    def __len__(self):
        return len(self.actions)

    def __iter__(self):
        # A block of rows at a time: lists of every code of millions of rows would take more
        # than the arrays (a preview takes only the first rows).
        for start in range(0, len(self), 50_000):
            part = slice(start, start + 50_000)
            minutes = self.minutes[part] if self.minutes is not None else itertools.repeat(None)
            yield from zip(map(self.people.__getitem__, self.person[part].tolist()),
                           map(self.days.__getitem__, self.day[part].tolist()),
                           map(self.tools.__getitem__, self.tool[part].tolist()),
                           self.actions[part].tolist(), minutes)
