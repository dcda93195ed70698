"""Read an uploaded file into a table of text cells: CSV (UTF-8 with or without BOM, or
Windows-1252; comma, semicolon or tab) or .xlsx (openpyxl), whatever its extension says.

Rows keep the number the user sees in Excel (the header is row 1), so every message can
point at the right line.
"""
import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024      # what an .xlsx may unpack to
# From this size on a CSV is parsed by pyarrow (Streamlit's own dependency), many times
# faster than the csv module; any file it cannot read exactly as the csv module would
# (ragged or blank lines, odd quoting) takes the careful path.
FAST_BYTES = 4 * 1024 * 1024


class ReadError(Exception):
    """The file cannot be read as a table; ``code`` names the message, ``value`` the detail."""

    def __init__(self, code, value=""):
        super().__init__(code)
        self.code = code
        self.value = value


class Table:
    """A file's header and data rows as text (dates from .xlsx stay ``datetime`` objects).

    Large CSV files keep their cells column-wise (``column(i)``) and build ``rows`` only
    when an importer asks for them: the usage importers read a few columns of a million rows.

    :param headers: the header cells, stripped.
    :param rows: data rows, each as long as ``headers`` (``None``: built from ``columns``).
    :param row_numbers: the Excel row number of each data row.
    :param extra_header_rows: rows between header and data (Qualtrics' question texts).
    :param columns: ``fn(i) -> list`` giving column ``i``'s stripped cells, when ``rows`` is ``None``.
    :param arrow: ``fn(i)`` giving column ``i`` as a pyarrow string array (no nulls) when
        none of its cells needs stripping, else ``None`` (large CSV files only).
    """

    def __init__(self, filename, headers, rows, row_numbers, extra_header_rows=None, fmt="csv",
                 columns=None, arrow=None):
        self.filename = filename
        self.headers = headers
        self._rows = rows
        self.row_numbers = row_numbers
        self.extra_header_rows = extra_header_rows or []
        self.fmt = fmt
        self._load = columns
        self._arrow = arrow
        self._columns = {}

    def __len__(self):
        return len(self.row_numbers)

    @property
    def rows(self):
        if self._rows is None:
            self._rows = [list(r) for r in zip(*(self.column(i) for i in range(len(self.headers))))]
        return self._rows

    def arrow(self, i):
        """Column ``i`` as a pyarrow string array of the stripped cells, or ``None`` (the
        file was not read by pyarrow, or a cell needs stripping): for importers that can
        check a million cells without making a Python object of each."""
        return None if self._arrow is None else self._arrow(i)

    def column(self, i):
        """The cells of column ``i`` (stripped text, or dates from an .xlsx), one per row."""
        if i not in self._columns:
            self._columns[i] = (self._load(i) if self._rows is None
                                else [r[i] for r in self._rows])
        return self._columns[i]


def normalize(text):
    """Lower-case a header and collapse its spacing, for name matching."""
    text = str(text).replace("\ufeff", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def read_table(source, filename=None, fast=None):
    """Read ``source`` (a path, or bytes with ``filename``) into a ``Table``.

    :param fast: use the pyarrow CSV reader (default: for files of ``FAST_BYTES`` or more).
    :raises ReadError: empty, binary, truncated or unreadable input.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or path.name
        data = path.read_bytes()
    else:
        data = bytes(source)
    filename = filename or "upload"
    if len(data) > MAX_BYTES:
        raise ReadError("too_large", f"{len(data) // (1024 * 1024)} MB")
    if not data.strip():
        raise ReadError("empty")
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, filename)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError("old_excel")
    return _read_csv(data, filename, len(data) >= FAST_BYTES if fast is None else fast)


def _decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise ReadError("binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    # cp1252 leaves five bytes undefined; several of them, or many control characters,
    # mean this is no text file at all.
    junk = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\r\n\t"))
    if junk > max(2, len(text) // 200):
        raise ReadError("binary")
    return text


def _delimiter(text):
    # The first non-blank line; a prefix is enough unless that line runs past it.
    lines = text[:65536].splitlines()
    first = next((line for line in lines[:-1] if line.strip()), None)
    if first is None:
        first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {}
    for sep in (";", ",", "\t"):
        inside, n = False, 0
        for ch in first:
            if ch == '"':
                inside = not inside
            elif ch == sep and not inside:
                n += 1
        counts[sep] = n
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data, filename, fast=False):
    text = _decode(data)
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text[:4096]):
        raise ReadError("binary")
    sep = _delimiter(text)
    if fast:
        table = _read_csv_arrow(text, sep, filename)
        if table is not None:
            return table
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        raise ReadError("bad_csv", str(exc)) from None
    return _table(records, filename, "csv")


# What str.strip() removes, as a pattern for pyarrow: strip only the columns that need it.
_SPACES = "".join(sorted(ch for ch in map(chr, range(0x3000 + 1)) if ch.isspace()))
_EDGE_SPACE = "^[{0}]|[{0}]$".format("".join(f"\\x{{{ord(c):x}}}" for c in _SPACES))


def _read_csv_arrow(text, sep, filename):
    """Read a large CSV column-wise with pyarrow; ``None`` when only the csv module reads it right."""
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pcsv
    except ImportError:
        return None
    # (The pattern starts with the quote itself, so the search skips ahead fast.)
    if '"' in text and re.search(rf'"(?<=[^{re.escape(sep)}\r\n"]")(?=[^{re.escape(sep)}\r\n"])', text):
        return None     # a quote inside a bare value: the csv module's leniency decides
    first = next(csv.reader(io.StringIO(text[:65536], newline=""), delimiter=sep), None)
    if not first or not any(first):
        return None     # leading blank lines: the careful path keeps the row numbers
    n = len(first)
    invalid = []

    def on_invalid(row):
        invalid.append(row)
        return "skip"

    try:
        arrow = pcsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pcsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pcsv.ParseOptions(delimiter=sep, quote_char='"', double_quote=True,
                                            escape_char=False, newlines_in_values='"' in text,
                                            ignore_empty_lines=False, invalid_row_handler=on_invalid),
            convert_options=pcsv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(n)},
                                                strings_can_be_null=False, check_utf8=False,
                                                quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError):
        return None
    if invalid or arrow.num_columns != n or arrow.num_rows == 0:
        return None     # ragged rows or blank lines
    headers = [str(arrow.column(i)[0].as_py()).replace("\ufeff", "").strip() for i in range(n)]
    while headers and headers[-1] == "":
        headers.pop()
    if not headers:
        return None
    # A line whose cells are all empty is skipped, as in the careful path; numbers stay the file's.
    blank = None
    for i in range(n):
        empty = pc.equal(pc.binary_length(arrow.column(i)), 0)
        blank = empty if blank is None else pc.and_(blank, empty)
    keep = ~blank.to_numpy()
    keep[0] = False
    index = np.flatnonzero(keep)
    numbers = (index + 1).tolist()
    take = None if len(index) == arrow.num_rows - 1 else pa.array(index)

    # Plain ASCII without a space, tab or quote anywhere: no cell has anything to strip.
    spaced = not text.isascii() or any(ch in text for ch in ' \t\x0b\x0c\x1c\x1d\x1e\x1f"')

    def cells(i):
        col = arrow.column(i)
        return col.slice(1) if take is None else col.take(take)

    def needs_strip(col):
        return spaced and pc.any(pc.match_substring_regex(col, _EDGE_SPACE)).as_py()

    def column(i):
        col = cells(i)
        return list(map(str.strip, col.to_pylist())) if needs_strip(col) else col.to_pylist()

    def arrow_column(i):
        col = cells(i)
        return None if needs_strip(col) else col

    return Table(filename, headers, None, numbers, fmt="csv", columns=column, arrow=arrow_column)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _check_unpacked_size(data):
    """Refuse an .xlsx that would unpack to far more than any real export (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError("bad_xlsx", type(exc).__name__) from None
    # The declared sizes are what openpyxl would inflate; a real sheet compresses about 10×.
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > 50 * 1024 * 1024 and unpacked > 200 * len(data)):
        raise ReadError("zip_bomb", f"{unpacked // (1024 * 1024)} MB")


def _read_xlsx(data, filename):
    import openpyxl

    _check_unpacked_size(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError) as exc:
        raise ReadError("bad_xlsx", type(exc).__name__) from None
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise ReadError("bad_xlsx", type(exc).__name__) from None
    try:
        ws = wb.worksheets[0]
        records = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    except Exception as exc:  # a truncated sheet part fails only while reading rows
        raise ReadError("bad_xlsx", type(exc).__name__) from None
    finally:
        wb.close()
    return _table(records, filename, "xlsx")


def _blank(record):
    # Cells are text, dates or None: only "" and None are falsy.
    return not any(record)


def _table(records, filename, fmt):
    numbered = [(i + 1, r) for i, r in enumerate(records)]
    # Leading blank lines are skipped, but row numbers stay those of the file.
    while numbered and _blank(numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        raise ReadError("empty")
    header_no, header = numbered[0]
    headers = [str(h).replace("\ufeff", "").strip() for h in header]
    while headers and headers[-1] == "":
        headers.pop()
    if not headers:
        raise ReadError("empty")
    width = len(headers)
    rows, numbers = [], []
    for no, record in numbered[1:]:
        if _blank(record):
            continue
        cells = [c.strip() if isinstance(c, str) else c for c in record[:width]]
        cells += [""] * (width - len(cells))
        rows.append(cells)
        numbers.append(no)
    return Table(filename, headers, rows, numbers, fmt=fmt)
