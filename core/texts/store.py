"""Texts about the store itself: what SQLite found wrong with it, backups and restoring one.
The app's damaged-store page, the Data page's restore and the command line all use them."""

TEXTS = {
    "damaged.busy": {
        "nl": "{path} wordt op dit moment nog geschreven (door een import of een andere "
              "Draagvlak). Probeer het over een ogenblik opnieuw.",
        "en": "{path} is being written at this moment (by an import or another Draagvlak). "
              "Please try again in a moment.",
    },
    "damaged.disk_full": {
        "nl": "Er kon niets worden opgeslagen: de schijf is vol (of het bestand mag niet groter "
              "worden). Er is niets half geschreven; maak ruimte vrij en probeer het opnieuw.",
        "en": "Nothing could be saved: the disk is full (or the file may not grow). Nothing "
              "was half-written; free some space and try again.",
    },
    "damaged.empty": {
        "nl": "{path} is leeg (0 bytes of geen tabellen): geen bruikbare reservekopie.",
        "en": "{path} is empty (0 bytes or no tables): not a usable backup.",
    },
    "damaged.not_store": {
        "nl": "{path} is een SQLite-database, maar geen Draagvlak-gegevensbestand.",
        "en": "{path} is an SQLite database, but not a Draagvlak store.",
    },
    "damaged.newer": {
        "nl": "{path} is gemaakt door een nieuwere versie van Draagvlak; werk Draagvlak eerst bij.",
        "en": "{path} was made by a newer version of Draagvlak; update Draagvlak first.",
    },
    "damaged.missing": {"nl": "{path} bestaat niet.", "en": "{path} does not exist."},
    "damaged.read_failed": {
        "nl": "Het lezen van de gegevens mislukte ({detail}), maar SQLite vindt het bestand in "
              "orde: er is niets verloren. Laad de pagina opnieuw.",
        "en": "Reading the data failed ({detail}), but SQLite finds the store sound: nothing "
              "is lost. Please reload the page.",
    },
    "damaged.retry": {"nl": "Opnieuw proberen", "en": "Try again"},
    "damaged.checking": {
        "nl": "SQLite controleert het hele bestand…",
        "en": "SQLite is checking the whole store…",
    },
    # ---------------------------------------------------------------- what a restore loses
    "restore.loses.nothing": {
        "nl": "Deze reservekopie bevat alle imports die nu gelden; er gaat geen import verloren.",
        "en": "This backup holds every import now in force; no import is lost.",
    },
    "restore.loses.batches": {
        "nl": "Na deze reservekopie zijn {n} import(s) gedaan die na het terugzetten weg zijn:",
        "en": "{n} import(s) were made after this backup and will be gone after restoring:",
    },
    "restore.loses.batches_newest": {
        "nl": "Het huidige bestand is niet te lezen. De nieuwste leesbare reservekopie bevat "
              "{n} import(s) die deze reservekopie mist:",
        "en": "The current store cannot be read. The newest readable backup holds {n} "
              "import(s) this backup lacks:",
    },
    "restore.loses.batch": {
        "nl": "{file} ({kind}, {rows} rijen, {when})",
        "en": "{file} ({kind}, {rows} rows, {when})",
    },
    "restore.loses.changes": {
        "nl": "Ook {n} andere wijziging(en) van na de reservekopie (bewerkingen, beoordelingen, "
              "metingen, besluiten) gaan verloren. Gebruikers, het auditlog en verwijderingen "
              "van personen blijven wel bewaard.",
        "en": "{n} other change(s) made after the backup (edits, assessments, measurements, "
              "decisions) will be lost too. Users, the audit log and erasures of people are kept.",
    },
    "restore.loses.unknown": {
        "nl": "Er is geen leesbare vergelijking: wat na deze reservekopie is gedaan, is niet na te gaan.",
        "en": "Nothing readable to compare with: what was done after this backup cannot be told.",
    },
    # ---------------------------------------------------------------- command line
    "cli.restore.ask": {
        "nl": "Terugzetten? Typ 'ja' om door te gaan: ",
        "en": "Restore? Type 'yes' to go on: ",
    },
    "cli.restore.answer": {"nl": "ja", "en": "yes"},
    "cli.restore.cancelled": {
        "nl": "Niet teruggezet; er is niets veranderd. (Zonder vragen: --yes.)",
        "en": "Not restored; nothing was changed. (Without asking: --yes.)",
    },
    "cli.restore.from": {"nl": "Reservekopie: {path} ({when})", "en": "Backup: {path} ({when})"},
    "cli.restore.done": {"nl": "{backup} is teruggezet in {path}.", "en": "Restored {backup} to {path}."},
    "cli.restore.kept": {
        "nl": "De vervangen toestand is bewaard in {kept}.",
        "en": "The replaced state is kept in {kept}.",
    },
    "cli.restore.none": {
        "nl": "Er is geen bruikbare reservekopie van {path}.",
        "en": "There is no usable backup of {path}.",
    },
    "cli.restore.skipped": {
        "nl": "Overgeslagen (geen bruikbare reservekopie): {path}",
        "en": "Skipped (not a usable backup): {path}",
    },
    "cli.error": {"nl": "fout: {message}", "en": "error: {message}"},
    "cli.hint.restore": {
        "nl": "Zie 'python -m core restore' om een reservekopie terug te zetten.",
        "en": "See 'python -m core restore' to put a backup back.",
    },
    "cli.no_store": {
        "nl": "Er is geen gegevensbestand op {path} (maak er een met 'python -m core init' of 'demo').",
        "en": "There is no store at {path} (create one with 'python -m core init' or 'demo').",
    },
    "cli.backup.done": {"nl": "Reservekopie geschreven: {path}", "en": "Backup written: {path}"},
    "cli.backup.exists": {"nl": "{path} bestaat al.", "en": "{path} already exists."},
    "cli.check.ok": {"nl": "In orde: {path}", "en": "OK: {path}"},
}
