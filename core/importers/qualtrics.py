"""Qualtrics results (.csv): three header rows — export tags (``StartDate, EndDate,
Status, …, ResponseId, …, Q1, Q2_1``), the question texts, and ``{"ImportId":"QID1"}``
cells — then one row per response. Items are matched on the export tag, else on the
question text of the second row. Rows whose ``Status`` is ``Survey Preview`` (or 1 in a
numeric export) are test answers and are dropped; the preview counts them."""
from core.importers.reader import normalize
from core.importers.surveys import DEPARTMENT_HEADERS, LEVEL_HEADERS, match_item, parse_survey

KIND = "qualtrics"
ALIASES = {
    "response_id": ["ResponseId", "ResponseID", "Response ID"],
    "start": ["StartDate", "Start Date"],
    "end": ["EndDate", "End Date"],
    "recorded": ["RecordedDate", "Recorded Date"],
    "status": ["Status", "Response Type"],
    "email": ["RecipientEmail", "Recipient Email"],
}
METADATA = {normalize(n) for n in (
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
    "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel",
    "UserLanguage", "Q_RecaptchaScore", "Q_RelevantIDDuplicate", "Q_RelevantIDDuplicateScore",
    "Q_RelevantIDFraudScore", "Q_RelevantIDLastStartDate")}


def detect(h):
    h = set(h)
    return 14 if h & {"responseid", "response id"} and h & {"startdate", "start date"} else 0


def _is_header_row(row):
    return any(isinstance(c, str) and c.startswith('{"ImportId"') for c in row)


def parse(table, issues, secret, options):
    texts = None
    # Peel the question-text and ImportId rows off the top (older exports have only one).
    rows, numbers = list(table.rows), list(table.row_numbers)
    if len(rows) >= 2 and _is_header_row(rows[1]):
        texts, rows, numbers = rows[0], rows[2:], numbers[2:]
    elif rows and _is_header_row(rows[0]):
        rows, numbers = rows[1:], numbers[1:]
    elif rows and not any(str(c).strip()[:1].isdigit() for c in rows[0][:2]):
        texts, rows, numbers = rows[0], rows[1:], numbers[1:]
    headers = list(table.headers)
    if texts:
        # A background question (department, level) is known by its text, not its tag.
        known = {normalize(n) for n in DEPARTMENT_HEADERS + LEVEL_HEADERS}
        for i, text in enumerate(texts):
            if i < len(headers) and normalize(text) in known and not match_item(headers[i]):
                headers[i] = str(text)
    table = type(table)(table.filename, headers, rows, numbers, fmt=table.fmt)
    status_i = next((i for i, h in enumerate(table.headers)
                     if normalize(h) in ("status", "response type")), None)

    def keep(row):
        return status_i is None or normalize(row[status_i]) not in ("survey preview", "1", "spam")

    return parse_survey(table, issues, secret, options, id_field="response_id",
                        date_field="recorded" if any(normalize(h) == "recordeddate" for h in table.headers)
                        else "end", email_field="email", aliases=ALIASES, metadata=METADATA,
                        keep=keep, item_headers=texts)
