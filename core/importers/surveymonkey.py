"""SurveyMonkey "condensed" export (.csv or .xlsx): two header rows. Row 1 holds
``Respondent ID, Collector ID, Start Date, End Date, IP Address, Email Address, First
Name, Last Name, Custom Data 1`` and one cell per question; a matrix question puts its
text over its first column and leaves the next header cells empty. Row 2 holds the
sub-labels: ``Response`` or ``Open-Ended Response`` for a single question, each matrix
row's own text (the item) for a matrix. Dates are US style with AM/PM
(``11/02/2026 08:05:00 AM``): month-first unless the file shows otherwise. A respondent
who answered no item is a partial response, not a respondent.
"""
from core.importers.reader import normalize
from core.importers.surveys import parse_survey

KIND = "surveymonkey"
ALIASES = {
    "id": ["Respondent ID"],
    "start": ["Start Date"],
    "end": ["End Date"],
    "email": ["Email Address"],
}
METADATA = {normalize(n) for n in (
    "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
    "First Name", "Last Name", "Custom Data 1", "Custom Data 2")}
SINGLE = {"response", "open-ended response", "antwoord", "open antwoord"}


def detect(h):
    return 15 if {"respondent id", "collector id"} <= set(h) else 0


def parse(table, issues, secret, options):
    rows, numbers = list(table.rows), list(table.row_numbers)
    headers = list(table.headers)
    if rows and not str(rows[0][0]).strip():
        # Row 2: the sub-labels. A matrix row's label is its item; a single question keeps
        # the question text of row 1.
        labels, rows, numbers = rows[0], rows[1:], numbers[1:]
        stem = ""
        for i, label in enumerate(labels):
            head = str(headers[i]).strip() if i < len(headers) else ""
            stem = head or stem
            label = str(label or "").strip()
            if label and normalize(label) not in SINGLE:
                headers[i] = label          # a matrix row: its own text is the item
            elif not head:
                headers[i] = stem
    table = type(table)(table.filename, headers, rows, numbers, fmt=table.fmt)
    return parse_survey(table, issues, secret, dict(options, default_date_order="mdy"),
                        id_field="id", date_field="end", email_field="email", aliases=ALIASES,
                        metadata=METADATA)
