"""Google Forms responses (.csv): ``Timestamp, [Email Address], <one column per question>``
(Dutch: ``Tijdstempel, E-mailadres``). The timestamp follows the form owner's locale
(``2026/11/27 3:04:05 PM GMT+1``, ``27-11-2026 15:04:05``, ``11/27/2026 15:04:05``);
a slash column that never shows which part is the day is refused."""
from core.importers.reader import normalize
from core.importers.surveys import parse_survey

KIND = "google_forms"
ALIASES = {
    "timestamp": ["Timestamp", "Tijdstempel", "Zeitstempel"],
    "email": ["Email Address", "E-mailadres", "Email address", "E-Mail-Adresse"],
    "score": ["Score", "Totale score"],
}


def detect(h):
    return 10 if set(h) & {"timestamp", "tijdstempel", "zeitstempel"} else 0


def parse(table, issues, secret, options):
    return parse_survey(table, issues, secret, options, id_field="_none", date_field="timestamp",
                        email_field="email", aliases=ALIASES,
                        metadata={normalize(n) for names in ALIASES.values() for n in names})
