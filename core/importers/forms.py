"""Microsoft Forms results (.xlsx): ``ID, Start time, Completion time, Email, Name, [Last
modified time], <one column per question>`` (Dutch Forms: ``Id, Begintijd, Tijd van
voltooien, E-mail, Naam``). Answers are the label texts; anonymous forms write
``anonymous`` in Email and Name, which then get a pseudonym per response."""
from core.importers.reader import normalize
from core.importers.surveys import parse_survey

KIND = "forms"
ALIASES = {
    "id": ["ID", "Id"],
    "start": ["Start time", "Begintijd", "Starttijd"],
    "completed": ["Completion time", "Tijd van voltooien", "Voltooiingstijd", "Completion Time"],
    "email": ["Email", "E-mail", "E-mailadres"],
    "name": ["Name", "Naam"],
    "modified": ["Last modified time", "Tijd laatst gewijzigd", "Laatst gewijzigd"],
}


def detect(h):
    h = set(h)
    has_id = "id" in h
    has_time = bool(h & {"start time", "begintijd", "starttijd"}) and bool(
        h & {"completion time", "tijd van voltooien", "voltooiingstijd"})
    return 12 if has_id and has_time else 0


def parse(table, issues, secret, options):
    return parse_survey(table, issues, secret, options, id_field="id", date_field="completed",
                        email_field="email", aliases=ALIASES,
                        metadata={normalize(n) for names in ALIASES.values() for n in names})
