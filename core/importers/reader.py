"""Read an uploaded file into a table of text cells: CSV (UTF-8 with or without BOM, or
Windows-1252; comma, semicolon or tab) or .xlsx (openpyxl), whatever its extension says.

Rows keep the number the user sees in Excel (the header is row 1), so every message can
point at the right line.
"""
import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024


class ReadError(Exception):
    """The file cannot be read as a table; ``code`` names the message, ``value`` the detail."""

    def __init__(self, code, value=""):
        super().__init__(code)
        self.code = code
        self.value = value


@dataclasses.dataclass
class Table:
    """A file's header and data rows as text (dates from .xlsx stay ``datetime`` objects).

    :param headers: the header cells, stripped.
    :param rows: data rows, each as long as ``headers``.
    :param row_numbers: the Excel row number of each data row.
    :param extra_header_rows: rows between header and data (Qualtrics' question texts).
    """

    filename: str
    headers: list
    rows: list
    row_numbers: list
    extra_header_rows: list = dataclasses.field(default_factory=list)
    fmt: str = "csv"


def normalize(text):
    """Lower-case a header and collapse its spacing, for name matching."""
    text = str(text).replace("\ufeff", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def read_table(source, filename=None):
    """Read ``source`` (a path, or bytes with ``filename``) into a ``Table``.

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
    return _read_csv(data, filename)


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


def _read_csv(data, filename):
    text = _decode(data)
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text[:4096]):
        raise ReadError("binary")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise ReadError("bad_csv", str(exc)) from None
    return _table(records, filename, "csv")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data, filename):
    import openpyxl

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
