"""LimeSurvey responses (.csv, heading type "question code", answers as codes or texts):
``id, submitdate, lastpage, startlanguage, seed, startdate, datestamp, <QCODE>,
<QCODE>[SQ001] …``. An item is matched on the question code or the sub-question code in
brackets (``PULSE[INT1]``). Responses without a submit date were not completed and are
dropped."""
from core.importers.reader import normalize
from core.importers.surveys import parse_survey

KIND = "limesurvey"
ALIASES = {
    "id": ["id", "Response ID"],
    "submitdate": ["submitdate", "Date submitted"],
    "email": ["email", "token"],
}
METADATA = {"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
            "ipaddr", "refurl", "token", "interviewtime", "response id", "date submitted",
            "last page", "start language", "date started", "date last action"}


def detect(h):
    h = set(h)
    return 13 if {"id", "submitdate", "lastpage"} <= h or {"id", "startlanguage", "seed"} <= h else 0


def parse(table, issues, secret, options):
    sub_i = next((i for i, h in enumerate(table.headers) if normalize(h) in ("submitdate", "date submitted")), None)

    def keep(row):
        return sub_i is None or str(row[sub_i]).strip() != ""

    # Lime adds timing columns per question group; they are no items.
    metadata = METADATA | {normalize(h) for h in table.headers
                           if normalize(h).endswith("time") and not normalize(h).startswith("[")}
    return parse_survey(table, issues, secret, options, id_field="id", date_field="submitdate",
                        email_field=None, aliases=ALIASES, metadata=metadata, keep=keep)
