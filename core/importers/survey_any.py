"""Any other survey file (a sheet someone typed, Typeform, a CSV saved by Dutch Excel,
SurveyMonkey without its header rows): whenever at least two columns are items of the
standard questionnaire, by code (``[INT1] …``, ``INT1``) or by their Dutch or English
text, the file is a survey. Date, department, level and respondent columns are found by
their common Dutch and English names; a row that answered no item is no respondent.
"""
from core.importers.reader import normalize
from core.importers.surveys import match_item, parse_survey

KIND = "survey"
ALIASES = {
    "id": ["ID", "Id", "Respondent", "Respondent ID", "Response ID", "Respondentnummer", "Nr", "Nummer"],
    "date": ["Datum", "Ingevuld op", "Date", "Timestamp", "Submitted at", "Submitted", "Tijdstempel",
             "Ingediend op", "Datum ingevuld", "Submit date", "Completed", "Voltooid op", "Response date"],
    "email": ["E-mail", "Email", "E-mailadres", "Email address", "E-mail address"],
    "department": ["Afdeling", "Team", "Department", "Afdeling / Department", "Abteilung", "Organization",
                   "Organisatieonderdeel"],
    "level": ["Functieniveau", "Niveau", "Level", "Functieniveau / Level", "Job level", "Functie niveau"],
}
METADATA = {normalize(n) for names in ALIASES.values() for n in names}
MIN_ITEMS = 2


def detect(h):
    # Below every named format (10+) and template (6+): only when nothing else fits.
    return 4 if sum(1 for x in h if match_item(x)) >= MIN_ITEMS else 0


def parse(table, issues, secret, options):
    return parse_survey(table, issues, secret, options, id_field="id", date_field="date",
                        email_field="email", aliases=ALIASES, metadata=METADATA)
