"""Current sources only (``core/usage.py``): the Data page's list of usage exports older than
the current picture."""

TEXTS = {
    "sources.stale.title": {"nl": "Niet in het huidige beeld", "en": "Not in the current picture"},
    "sources.stale.intro": {
        "nl": "Deze gebruiksexports eindigen vóór de laatste gebruiksdag ({date}). Wie alleen "
              "in zo'n export staat, telt tot het einde ervan als 'met toegang', niet vandaag. "
              "Zet iemand op de personeelslijst met AI-toegang om hem mee te tellen.",
        "en": "These usage exports end before the last usage day ({date}). Someone listed only "
              "in such an export counts as 'with access' up to its end, not today. Put them on "
              "the staff list with AI access to count them.",
    },
    "sources.stale.file": {"nl": "Bestand", "en": "File"},
    "sources.stale.kind": {"nl": "Soort", "en": "Kind"},
    "sources.stale.period": {"nl": "Periode", "en": "Period"},
    "sources.stale.people": {"nl": "Personen", "en": "People"},
}
