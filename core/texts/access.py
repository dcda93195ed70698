"""Texts of access and privacy in core/ (core/access.py, core/users.py, core/privacy.py, settings)."""

TEXTS = {
    # roles
    "access.role.viewer": {"nl": "Kijker", "en": "Viewer"},
    "access.role.editor": {"nl": "Bewerker", "en": "Editor"},
    "access.role.admin": {"nl": "Beheerder", "en": "Admin"},
    "access.role.viewer.help": {
        "nl": "Ziet alle pagina's, maar de notities bij stakeholders alleen als dat is toegestaan.",
        "en": "Sees every page, but the stakeholder notes only when granted.",
    },
    "access.role.editor.help": {
        "nl": "Kan ook importeren, bewerken, beoordelingen en metingen vastleggen.",
        "en": "Can also import, edit and record assessments and measurements.",
    },
    "access.role.admin.help": {
        "nl": "Kan ook gebruikers en instellingen beheren, personen wissen en elke import ongedaan maken.",
        "en": "Can also manage users and settings, erase people and undo any import.",
    },
    # sign-in
    "access.login.invalid": {
        "nl": "Naam of wachtwoord klopt niet.",
        "en": "Name or password is not correct.",
    },
    "access.login.wait": {
        "nl": "Te veel mislukte pogingen vanaf deze browser: probeer het na {until} opnieuw.",
        "en": "Too many failed attempts from this browser: try again after {until}.",
    },
    # user input
    "access.error.name_required": {"nl": "Geef een naam.", "en": "Give a name."},
    "access.error.name_long": {
        "nl": "Een naam heeft hoogstens {max} tekens.",
        "en": "A name has at most {max} characters.",
    },
    "access.error.name_invalid": {
        "nl": "Een naam mag geen stuurtekens of regeleinden bevatten.",
        "en": "A name cannot hold control characters or line breaks.",
    },
    "access.error.name_taken": {
        "nl": "Er is al een gebruiker {name} (hoofdletters tellen niet mee).",
        "en": "There is already a user {name} (case is ignored).",
    },
    "access.error.user_unknown": {"nl": "Er is geen gebruiker {name}.", "en": "There is no user {name}."},
    "access.error.role_unknown": {
        "nl": "Onbekende rol {role}: kies kijker (viewer), bewerker (editor) of beheerder (admin).",
        "en": "Unknown role {role}: choose viewer, editor or admin.",
    },
    "access.error.password_or_email": {
        "nl": "Geef een wachtwoord of een e-mailadres (voor inloggen via de organisatie).",
        "en": "Give a password or an e-mail address (for signing in through the organisation).",
    },
    "access.error.password_short": {
        "nl": "Een wachtwoord heeft minstens {min} tekens.",
        "en": "A password has at least {min} characters.",
    },
    "access.error.password_long": {
        "nl": "Een wachtwoord heeft hoogstens {max} bytes (ongeveer {max} letters).",
        "en": "A password has at most {max} bytes (about {max} letters).",
    },
    "access.error.email_invalid": {
        "nl": "Dat is geen e-mailadres.",
        "en": "That is not an e-mail address.",
    },
    "access.error.email_taken": {
        "nl": "Dat e-mailadres hoort al bij een andere gebruiker.",
        "en": "That e-mail address already belongs to another user.",
    },
    "access.error.last_admin": {
        "nl": "{name} is de laatste beheerder: maak eerst iemand anders beheerder.",
        "en": "{name} is the last admin: make someone else admin first.",
    },
    "access.error.domain_invalid": {
        "nl": "{domain} is geen domeinnaam (zoals bedrijf.nl).",
        "en": "{domain} is not a domain name (such as company.com).",
    },
    "access.error.domain_unknown": {
        "nl": "Het domein {domain} heeft geen rol.",
        "en": "The domain {domain} has no role.",
    },
    "access.error.request_unknown": {
        "nl": "Dit verzoek bestaat niet meer (al afgehandeld?).",
        "en": "This request no longer exists (handled already?).",
    },
    # privacy
    "access.error.person_unknown": {
        "nl": "Niemand gevonden voor {person}.",
        "en": "No one found for {person}.",
    },
    "access.error.person_ambiguous": {
        "nl": "{person} past bij {n} personen: geef het id.",
        "en": "{person} matches {n} people: give the id.",
    },
}
