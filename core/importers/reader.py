"""Read an uploaded file into a table of text cells: CSV (UTF-8 with or without BOM, or
Windows-1252; comma, semicolon or tab) or .xlsx (openpyxl), whatever its extension says.

Rows keep the number the user sees in Excel (the header is row 1), so every message can
point at the right line.
"""
import array
import contextlib
import csv
import datetime as dt
import io
import json
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

    Large CSV files keep no rows: their cells are read again from the file, a block of rows
    at a time, when an importer asks for a column (``column(i)``), for ``rows``, or for
    column blocks as pyarrow arrays (``arrow_batches``: the usage importers check millions
    of cells without a Python object per cell, and without the whole file in memory).

    :param headers: the header cells, stripped.
    :param rows: data rows, each as long as ``headers`` (``None``: read from ``batches``).
    :param row_numbers: the Excel row number of each data row (a sequence of ints).
    :param extra_header_rows: rows between header and data (Qualtrics' question texts).
    :param batches: ``fn(indices)`` giving an iterator over the data rows in blocks, each
        block a list of pyarrow string arrays (no nulls), one per column in ``indices``,
        when ``rows`` is ``None``.
    :param strip: the columns (indices) of ``batches`` whose cells still need stripping.
    """

    def __init__(self, filename, headers, rows, row_numbers, extra_header_rows=None, fmt="csv",
                 batches=None, strip=()):
        self.filename = filename
        self.headers = headers
        self._rows = rows
        self.row_numbers = row_numbers
        self.extra_header_rows = extra_header_rows or []
        self.fmt = fmt
        self._batches = batches
        self._strip = frozenset(strip)
        self._columns = {}
        self.encoding = None        # the reader's _Encoding, for a CSV
        self.complete = True        # False: only the header was read (``accept`` said no)
        self.sample = None          # then: the first data rows, for a mapping's preview

    def __len__(self):
        return len(self.row_numbers)

    def _cells(self, i, column):
        # Each distinct text of the block once (a count column holds a few): a list then
        # costs a reference per cell, not a string per cell.
        import pyarrow.compute as pc

        coded = pc.dictionary_encode(column)
        texts = coded.dictionary.to_pylist()
        if i in self._strip:
            texts = [t.strip() for t in texts]
        return list(map(texts.__getitem__, coded.indices.to_numpy().tolist()))

    @property
    def rows(self):
        if self._rows is None:
            width = range(len(self.headers))
            rows = []
            for block in self._batches(list(width)):
                rows.extend(map(list, zip(*(self._cells(i, a) for i, a in zip(width, block)))))
            self._rows = rows
        return self._rows

    def arrow_batches(self, indices):
        """Columns ``indices`` in blocks of rows (an iterator of lists of pyarrow string
        arrays, the stripped cells), or ``None`` when the file was not read by pyarrow or a
        cell of these columns needs stripping."""
        if self._batches is None or self._strip & set(indices):
            return None
        return self._batches(list(indices))

    def load(self, indices):
        """Read the columns ``indices`` for ``column`` in one pass (a large CSV is read
        again for every pass)."""
        todo = [i for i in dict.fromkeys(indices) if i not in self._columns]
        if not todo:
            return
        if self._rows is not None:
            self._columns.update((i, [r[i] for r in self._rows]) for i in todo)
            return
        cells = {i: [] for i in todo}
        for block in self._batches(todo):
            for i, column in zip(todo, block):
                cells[i].extend(self._cells(i, column))
        self._columns.update(cells)

    def column(self, i):
        """The cells of column ``i`` (stripped text, or dates from an .xlsx), one per row."""
        self.load([i])
        return self._columns[i]


def normalize(text):
    """Lower-case a header and collapse its spacing, for name matching."""
    text = str(text).replace("\ufeff", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


JSON_DOC_BYTES = 32 * 1024 * 1024      # one JSON document is parsed whole: NDJSON streams
MAX_LINE_BYTES = 1024 * 1024           # one CSV line; a real export's longest is a few KB
MAX_FIELD_CHARS = 100_000              # one cell (Excel itself stops at 32,767 characters)
CHUNK_BYTES = 1024 * 1024
CAREFUL_BATCH = 50_000                 # rows per column batch of a large file read carefully


def _open(source):
    """``(binary stream, size, close?)`` for a path, bytes, or a seekable binary file object
    (an upload): the size comes first, nothing is read yet."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        size = path.stat().st_size
        return open(path, "rb"), size, True
    if isinstance(source, (bytes, bytearray, memoryview)):
        stream = io.BytesIO(source)      # shares a bytes object's buffer: no copy
        return stream, len(source), True
    stream = source
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return stream, size, False


def read_table(source, filename=None, fast=None, accept=None):
    """Read ``source`` (a path, bytes with ``filename``, or a binary file object such as an
    upload) into a ``Table``.

    The size is checked before anything is read; a CSV is read as a stream (its lines
    decoded one by one, never the whole file as one text), so memory stays near the size
    of the cells kept. A line over ``MAX_LINE_BYTES`` or a cell over ``MAX_FIELD_CHARS``
    is refused with its row.

    :param fast: use the pyarrow CSV reader (default: for files of ``FAST_BYTES`` or more).
    :param accept: optional ``fn(headers)``, asked once a CSV's header is read: on a false
        answer the rest is not read (a ``Table`` with no rows and ``complete`` False); on
        ``"wide"`` empty header cells at the end still make columns where the next row
        fills them (SurveyMonkey's second header row).
    :raises ReadError: empty, binary, too large, truncated or unreadable input.
    """
    if filename is None:
        filename = Path(source).name if isinstance(source, (str, Path)) else getattr(source, "name", None)
    filename = filename or "upload"
    stream, size, close = _open(source)
    try:
        if size > MAX_BYTES:
            raise ReadError("too_large", f"{size // (1024 * 1024)} MB")
        head = stream.read(65536)
        stream.seek(0)
        if size <= len(head) and not head.strip():
            raise ReadError("empty")
        if head[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
            return _read_xlsx(stream.read(), filename, accept)
        if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise ReadError("old_excel")
        start = re.sub(rb"\s+", b"", head[:256].replace(b"\xef\xbb\xbf", b""))
        # JSON by its name, or by a start no CSV has ("[INT1] …" is a CSV header, "[{" is not).
        if filename.lower().endswith((".ndjson", ".jsonl", ".json")) or start[:1] == b"{" or start[:2] == b"[{":
            return _read_json(stream, filename, accept)
        return _read_csv(stream, size, filename, size >= FAST_BYTES if fast is None else fast,
                         accept, origin=source)
    finally:
        if close:
            stream.close()


def _chunks(stream, keep=0):
    """The stream's bytes in pieces of ``CHUNK_BYTES``; each piece starts with the last
    ``keep`` bytes of the one before (so a pattern across a border is seen)."""
    stream.seek(0)
    tail = b""
    while True:
        piece = stream.read(CHUNK_BYTES)
        if not piece:
            return
        yield tail + piece
        tail = piece[-keep:] if keep else b""


class _Encoding:
    """How a CSV's bytes are text: ``name`` utf-8, utf-16 or cp1252, and for a file that is
    UTF-8 except for some lines (``mixed``) the numbers of the lines read as Windows-1252."""

    def __init__(self, name, bom=0, cp1252_lines=()):
        self.name, self.bom, self.cp1252_lines = name, bom, list(cp1252_lines)

    @property
    def mixed(self):
        return bool(self.cp1252_lines) and self.name == "utf-8"


def _encoding(stream):
    """Decide the encoding by streaming through the file once (nothing kept but line numbers).

    Valid UTF-8 throughout is UTF-8; a file where no line holding non-ASCII bytes is valid
    UTF-8 is Windows-1252 (Dutch Excel); a file where some lines are UTF-8 and others are
    not is read line by line, each line in the encoding it is valid in (the line numbers
    read as Windows-1252 are kept for a warning): never one mangled as the other.
    """
    import codecs

    stream.seek(0)
    start = stream.read(4)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _Encoding("utf-16")
    bom = 3 if start.startswith(b"\xef\xbb\xbf") else 0
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for piece in _chunks(stream):
            if b"\x00" in piece:
                raise ReadError("binary")
            decoder.decode(piece)
        decoder.decode(b"", final=True)
        return _Encoding("utf-8", bom)
    except UnicodeDecodeError:
        pass
    # Line by line: which non-ASCII lines are UTF-8 and which are not.
    stream.seek(0)
    utf8, other, junk, chars = 0, [], 0, 0
    for no, line in enumerate(_lines(stream), start=1):
        if b"\x00" in line:
            raise ReadError("binary")
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            other.append(no)
            text = line.decode("cp1252", errors="replace")
            chars += len(text)
            junk += sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\r\n\t"))
    # cp1252 leaves five bytes undefined; several of them, or many control characters,
    # mean this is no text file at all.
    if junk > max(2, chars // 200):
        raise ReadError("binary")
    if utf8:
        return _Encoding("utf-8", bom, other)
    return _Encoding("cp1252", bom)


def _lines(stream):
    """The stream's lines as bytes (line end kept), each at most ``MAX_LINE_BYTES``.

    :raises ReadError: ``line_too_long`` naming the line, before reading further.
    """
    stream.seek(0)
    no = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        no += 1
        if len(line) > MAX_LINE_BYTES:
            raise ReadError("line_too_long", no)
        yield line


def _text_lines(stream, enc):
    """The file's lines as text, each decoded by ``enc`` (per line for a mixed file)."""
    cp1252 = set(enc.cp1252_lines)
    for no, line in enumerate(_lines(stream), start=1):
        if no == 1 and enc.bom:
            line = line[enc.bom:]
        if enc.name == "cp1252" or no in cp1252:
            yield line.decode("cp1252", errors="replace")
        else:
            yield line.decode("utf-8")


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


def _read_csv(stream, size, filename, fast=False, accept=None, origin=None):
    enc = _encoding(stream)
    if enc.name == "utf-16":
        # Rare (a Unicode text export from old Excel): small enough to decode whole.
        text = stream.read().decode("utf-16")
        lines = io.StringIO(text, newline="")
    else:
        lines = None
    head_lines = []
    source = lines if lines is not None else _text_lines(stream, enc)
    for line in source:
        head_lines.append(line)
        if sum(map(len, head_lines)) >= 65536 or len(head_lines) > 200:
            break
    head = "".join(head_lines)
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in head[:4096]):
        raise ReadError("binary")
    sep = _delimiter(head)
    verdict = True
    if accept is not None:
        headers = _first_record(head, sep)
        if headers is not None:
            verdict = accept(headers)
        if not verdict:
            table = Table(filename, headers, [], [], fmt="csv")
            table.complete, table.encoding = False, enc
            table.sample = _sample(head, sep, len(headers or []))
            return table
    if fast and enc.name != "utf-16" and not enc.mixed and verdict != "wide":
        table = _read_csv_arrow(stream, enc, head, sep, filename, origin)
        if table is not None:
            table.encoding = enc
            return table
    text_lines = lines if lines is not None else _text_lines(stream, enc)
    if lines is not None:
        lines.seek(0)
    reader = csv.reader(text_lines, delimiter=sep)
    try:
        records = _records(reader, size >= FAST_BYTES)
        table = records if isinstance(records, Table) else _table(records, filename, "csv",
                                                                 wide=verdict == "wide")
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ReadError("field_too_long", reader.line_num) from None
        raise ReadError("bad_csv", str(exc)) from None
    if isinstance(records, Table):
        table.filename = filename
    table.encoding = enc
    return table


class _FieldLimit:
    """``MAX_FIELD_CHARS`` as the csv module's cell limit while one file is read (the
    module's limit is process-wide: the one before is put back)."""

    def __enter__(self):
        self.before = csv.field_size_limit(MAX_FIELD_CHARS)

    def __exit__(self, *exc):
        csv.field_size_limit(self.before)


def _first_record(head, sep):
    """The header cells as ``_table`` makes them, from the file's first lines; ``None``
    when they hold no complete header."""
    try:
        with _FieldLimit():
            for record in csv.reader(io.StringIO(head, newline=""), delimiter=sep):
                if any(record):
                    headers = [str(h).replace("\ufeff", "").strip() for h in record]
                    while headers and headers[-1] == "":
                        headers.pop()
                    return headers
    except csv.Error:
        return None
    return None


def _sample(head, sep, width, n=5):
    """The first ``n`` data rows in the file's first lines (for a mapping's live preview)."""
    rows = []
    try:
        with _FieldLimit():
            records = [r for r in csv.reader(io.StringIO(head, newline=""), delimiter=sep) if any(r)]
    except csv.Error:
        return rows
    for record in records[1:n + 1]:
        cells = [c.strip() for c in record[:width]]
        rows.append(cells + [""] * (width - len(cells)))
    return rows


def _records(reader, large):
    """The reader's records: a list for a small file; for a large one (that pyarrow could not
    read) a column-wise ``Table`` built in batches, so its cells are not a Python object each."""
    with _FieldLimit():
        if not large:
            return list(reader)
        return _columnar(reader)


def _columnar(reader):
    import pyarrow as pa

    records = iter(reader)
    numbered = []
    for record in records:
        numbered.append(record)
        if any(record):
            break
    if not numbered or not any(numbered[-1]):
        raise ReadError("empty")
    header_no = len(numbered)
    headers = [str(h).replace("\ufeff", "").strip() for h in numbered[-1]]
    while headers and headers[-1] == "":
        headers.pop()
    if not headers:
        raise ReadError("empty")
    width = len(headers)
    chunks = [[] for _ in range(width)]
    numbers, batch = [], []

    def flush():
        for i in range(width):
            chunks[i].append(pa.array([r[i] for r in batch], type=pa.string()))
        batch.clear()

    no = header_no
    for record in records:
        no += 1
        if not any(record):
            continue
        cells = [c.strip() for c in record[:width]]
        cells += [""] * (width - len(cells))
        batch.append(cells)
        numbers.append(no)
        if len(batch) >= CAREFUL_BATCH:
            flush()
    if batch:
        flush()
    columns = [pa.chunked_array(c, type=pa.string()).combine_chunks() if c else pa.array([], pa.string())
               for c in chunks]
    return Table(None, headers, None, numbers, fmt="csv",
                 batches=lambda indices: iter([[columns[i] for i in indices]]))


# What str.strip() removes, as a pattern for pyarrow: strip only the columns that need it.
_SPACES = "".join(sorted(ch for ch in map(chr, range(0x3000 + 1)) if ch.isspace()))
_EDGE_SPACE = "^[{0}]|[{0}]$".format("".join(f"\\x{{{ord(c):x}}}" for c in _SPACES))


def _search(stream, pattern, keep=4):
    """Whether ``pattern`` (bytes regex) occurs in the stream, read piece by piece."""
    return any(pattern.search(piece) for piece in _chunks(stream, keep))


ARROW_BLOCK = 256 * 1024     # bytes pyarrow parses at a time: it reads up to 32 blocks ahead


@contextlib.contextmanager
def _reopened(source):
    """The file ``source`` (as ``read_table`` takes it) open again for one more pass."""
    stream, _, close = _open(source)
    try:
        yield stream
    finally:
        if close:
            stream.close()


def _read_csv_arrow(stream, enc, head, sep, filename, origin):
    """Read a large CSV with pyarrow straight from the stream, a block at a time (no
    decoded copy, no whole file in memory); ``None`` when only the csv module reads it right.

    This pass checks the file and keeps only its row numbers and which columns need
    stripping; the ``Table`` reads its cells again from ``source``, block by block, when an
    importer asks for them (``origin``: the file as ``read_table`` was given it).
    """
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pcsv
    except ImportError:
        return None
    s = re.escape(sep).encode()
    has_quote = _search(stream, re.compile(rb'"'), 0)
    # (The pattern starts with the quote itself, so the search skips ahead fast.)
    if has_quote and _search(stream, re.compile(rb'"(?<=[^' + s + rb'\r\n"]")(?=[^' + s + rb'\r\n"])')):
        return None     # a quote inside a bare value: the csv module's leniency decides
    first = next(csv.reader(io.StringIO(head, newline=""), delimiter=sep), None)
    if not first or not any(first):
        return None     # leading blank lines: the careful path keeps the row numbers
    n = len(first)
    invalid = []

    def on_invalid(row):
        invalid.append(row)
        return "skip"

    def blocks(f):
        """``(offset, batch)`` per block of the file: ``offset`` = the block's first row
        (0 = the header)."""
        f.seek(0)
        # Read through the file object: a buffer view of an upload would copy it whole.
        data = pa.PythonFile(f, mode="r")
        try:
            reader = pcsv.open_csv(
                data,
                read_options=pcsv.ReadOptions(autogenerate_column_names=True, block_size=ARROW_BLOCK,
                                              encoding="cp1252" if enc.name == "cp1252" else "utf8"),
                parse_options=pcsv.ParseOptions(delimiter=sep, quote_char='"', double_quote=True,
                                                escape_char=False, newlines_in_values=has_quote,
                                                ignore_empty_lines=False, invalid_row_handler=on_invalid),
                convert_options=pcsv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(n)},
                                                    strings_can_be_null=False, check_utf8=False,
                                                    quoted_strings_can_be_null=False))
            offset = 0
            for batch in reader:
                if batch.num_rows:
                    yield offset, batch
                    offset += batch.num_rows
        finally:
            del data

    def kept(offset, batch):
        """The data rows of a block (not the header, not a line whose cells are all empty,
        as in the careful path), as a mask; ``None`` = all of them."""
        blank = None
        for i in range(n):
            empty = pc.equal(pc.binary_length(batch.column(i)), 0)
            blank = empty if blank is None else pc.and_(blank, empty)
        keep = ~blank.to_numpy(zero_copy_only=False)
        if offset == 0:
            keep[0] = False
        return None if keep.all() else keep

    # Plain ASCII without a space, tab or quote anywhere: no cell has anything to strip.
    spaced = (enc.name != "utf-8" or _search(stream, re.compile(rb'[\x80-\xff \t\x0b\x0c\x1c-\x1f"]'), 0))
    header, strip, blank, rows = None, set(), [], 0
    try:
        for offset, batch in blocks(stream):
            if invalid or batch.num_columns != n:
                return None     # ragged rows
            if header is None:
                header = [str(batch.column(i)[0].as_py()) for i in range(n)]
            rows = offset + batch.num_rows
            keep = kept(offset, batch)
            if keep is not None:
                blank.extend((np.flatnonzero(~keep) + offset).tolist())
                batch = batch.filter(pa.array(keep))
            if spaced:
                strip.update(i for i in range(n) if i not in strip
                             and pc.any(pc.match_substring_regex(batch.column(i), _EDGE_SPACE)).as_py())
    except (pa.ArrowException, ValueError):
        return None
    if invalid or header is None:
        return None     # ragged rows, or no rows at all
    headers = [h.replace("\ufeff", "").strip() for h in header]
    while headers and headers[-1] == "":
        headers.pop()
    if not headers:
        return None
    # Row i of the file (0 = the header) is line i + 1; without a blank line no list at all.
    blank = [b for b in blank if b]
    numbers = (range(2, rows + 1) if not blank
               else array.array("q", (np.delete(np.arange(1, rows), np.array(blank) - 1) + 1).tolist()))

    def batches(indices):
        with _reopened(origin) as f:
            for offset, batch in blocks(f):
                keep = kept(offset, batch)
                if keep is not None:
                    batch = batch.filter(pa.array(keep))
                yield [batch.column(i) for i in indices]

    return Table(filename, headers, None, numbers, fmt="csv", batches=batches, strip=strip)


def _flatten(record, prefix=""):
    """A JSON object as ``{dotted.key: text}``: nested objects are joined by dots, lists and
    other values kept as JSON text (``true``/``false`` for booleans)."""
    out = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        elif value is None:
            out[name] = ""
        elif isinstance(value, str):
            out[name] = value.strip()
        else:
            out[name] = json.dumps(value, ensure_ascii=False)
    return out


def _read_json(stream, filename, accept=None):
    """NDJSON (one JSON object a line: GitHub's Copilot reports) or one JSON document (a
    list of records, or an API answer holding one under ``data``/``records``/``users``)
    as a table: one row per record, one column per (dotted) key, rows numbered by line
    for NDJSON and by record for a document."""
    import codecs

    stream.seek(0)
    first = b""
    for line in _lines(stream):
        if line.strip():
            first = line.strip()
            break
    numbered = []
    try:
        if first.startswith(codecs.BOM_UTF8):
            first = first[3:]
        one_line = first.startswith(b"{") and first.endswith(b"}")
        if one_line:
            try:
                json.loads(first)
            except ValueError:
                one_line = False
        if one_line:        # NDJSON
            for no, line in enumerate(_lines(stream), start=1):
                text = line.decode("utf-8-sig").strip()
                if not text:
                    continue
                try:
                    value = json.loads(text)
                except ValueError:
                    raise ReadError("bad_json", no) from None
                if not isinstance(value, dict):
                    raise ReadError("bad_json", no)
                numbered.append((no, value))
        else:
            size = stream.seek(0, io.SEEK_END)
            if size > JSON_DOC_BYTES:
                raise ReadError("json_too_large", f"{size // (1024 * 1024)} MB")
            stream.seek(0)
            doc = json.loads(stream.read().decode("utf-8-sig"))
            if isinstance(doc, dict):
                doc = next((doc[k] for k in ("data", "records", "users", "results") if isinstance(doc.get(k), list)),
                           [doc])
            if not isinstance(doc, list):
                raise ReadError("bad_json", 1)
            numbered = [(i + 1, r) for i, r in enumerate(doc) if isinstance(r, dict)]
    except UnicodeDecodeError:
        raise ReadError("binary") from None
    except ValueError as exc:
        if isinstance(exc, ReadError):
            raise
        raise ReadError("bad_json", 1) from None
    flat = [(no, _flatten(r)) for no, r in numbered]
    headers = list(dict.fromkeys(k for _, r in flat for k in r))
    if not headers:
        raise ReadError("empty")
    if accept is not None and not accept(headers):
        table = Table(filename, headers, [], [], fmt="json")
        table.complete = False
        table.sample = [[r.get(h, "") for h in headers] for _, r in flat[:5]]
        return table
    rows = [[r.get(h, "") for h in headers] for _, r in flat]
    return Table(filename, headers, rows, [no for no, _ in flat], fmt="json")


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


def _read_xlsx(data, filename, accept=None):
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
    first = next((r for r in records if not _blank(r)), None)
    verdict = accept([str(h).strip() for h in first]) if accept and first else True
    return _table(records, filename, "xlsx", wide=verdict == "wide")


def _blank(record):
    # Cells are text, dates or None: only "" and None are falsy.
    return not any(record)


def _table(records, filename, fmt, wide=False):
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
    # wide: empty header cells at the end still make columns when the next row fills them
    # (a SurveyMonkey matrix leaves the cells over its rows' labels empty).
    if wide and len(numbered) > 1 and len(header) > len(headers):
        second = list(numbered[1][1])
        while second and not second[-1]:
            second.pop()
        headers += [""] * (min(len(header), len(second)) - len(headers))
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
