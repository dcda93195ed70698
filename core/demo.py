"""The demo company: a reproducible, fictional Dutch machine builder, "Demo Machinebouw B.V.".

``build_demo(store)`` fills an empty store, in one write transaction, with a year (or any
number of months) of AI-tool usage, pulse surveys, trainings, training requests,
suggestions, stakeholder assessments and pilot measurements that tell the machine
builder's case study (``shared/domain.md``): the pragmatic sales manager starts, Verkoop
follows, the rest of the company climbs an S-curve, acceptance reaches 89% after six
months, quote calculation saves 60% of the time and handles 23% more requests.

Everything is drawn from ``numpy.random.default_rng`` streams spawned from ``seed``: the
same arguments give byte-identical tables. Big tables are generated vectorised and
written with ``executemany``; 5,000 staff over 36 months build in seconds.
"""
import contextlib
import datetime as dt
import math
import operator

import numpy as np

from core import access, questionnaire
from core.schema import SEGMENTS
from core.store import refresh_usage_weekly, set_setting

COMPANY = "Demo Machinebouw B.V."
MIN_EMPLOYEES = 50
MIN_MONTHS = 3
BULK_CACHE_KIB = -262144        # PRAGMA cache_size during the build: up to 256 MiB

# Sorted by name, so the tool index orders rows as the primary key does.
TOOLS = ("ChatGPT Enterprise", "Microsoft 365 Copilot")
CHATGPT, COPILOT = 0, 1

DEPARTMENTS = ("Directie", "Verkoop", "Engineering", "Productie", "Inkoop", "Administratie", "IT")
# Shares of the staff outside Directie (Directie is 3-4 people, at most 12).
DEPARTMENT_SHARES = {"Verkoop": 0.14, "Engineering": 0.19, "Productie": 0.41, "Inkoop": 0.08,
                     "Administratie": 0.10, "IT": 0.08}
MIDDLE_MANAGEMENT_SHARE = 0.105
# How open a department is to AI: shifts segments, acceptance, fear and suggestions.
OPENNESS = {"Directie": 0.2, "Verkoop": 0.6, "Engineering": 0.3, "Productie": -0.5,
            "Inkoop": -0.1, "Administratie": 0.0, "IT": 0.8}
ACCEPT_DEPT = {"Directie": 1.2, "Verkoop": 1.7, "Engineering": 1.0, "Productie": 0.6,
               "Inkoop": 0.9, "Administratie": 1.0, "IT": 1.3}
FEAR_DEPT = {"Directie": 0.5, "Verkoop": 0.6, "Engineering": 0.9, "Productie": 1.6,
             "Inkoop": 1.0, "Administratie": 1.3, "IT": 0.6}

# Rogers (Diffusion of Innovations): innovator, early adopter, early/late majority, laggard.
ROGERS_SHARES = (0.025, 0.135, 0.34, 0.34, 0.16)
INNOVATOR, EARLY_ADOPTER, EARLY_MAJORITY, LATE_MAJORITY, LAGGARD = range(5)
# First use, in days after the start of a 12-month demo (scaled by months / 12).
FIRST_USE_DAYS = ((0, 14), (7, 56), (60, 180), (150, 300), (270, 430))
LAGGARDS_NEVER = 0.40
DROPOUT = np.array([0.0, 0.03, 0.08, 0.20, 0.30])            # stop using after a while
WEEKLY_ACTIVE = np.array([0.92, 0.88, 0.78, 0.58, 0.40])   # chance a week has any use
EXTRA_DAYS = np.array([0.70, 0.60, 0.45, 0.30, 0.15])      # days per active week = 1 + Bin(4, q)
ACTIONS_PER_DAY = np.array([12.0, 10.0, 7.0, 5.0, 3.0])    # Poisson mean
CHATGPT_USERS = np.array([0.70, 0.50, 0.30, 0.20, 0.10])   # share also licensed for ChatGPT
RESPONSE_WEIGHT = np.array([1.3, 1.2, 1.0, 0.9, 0.75])
ACCEPT_WEIGHT = np.array([6.0, 5.0, 2.5, 1.2, 0.45])
FEAR_WEIGHT = np.array([0.3, 0.4, 1.0, 1.4, 2.0])
TRAINING_WEIGHT = np.array([2.5, 3.0, 2.0, 1.0, 0.4])

# Survey trajectories by months since the start (held flat after the last point).
WAVE_MONTHS = (0, 3, 6, 9, 12)
ACCEPTANCE = (0.42, 0.68, 0.89, 0.90, 0.91)   # share answering INT1 with 4 or 5, exactly
FEAR = (0.45, 0.33, 0.23, 0.18, 0.15)         # share answering FEAR1 with 4 or 5
PROMOTERS = (0.15, 0.22, 0.32, 0.37, 0.42)    # share answering NPS1 with 9 or 10
ENPS = (-30, -12, 8, 17, 25)                  # promoters - detractors, in points
ITEM_OFFSET = {"PU1": 0.2, "PU2": -0.1, "EOU1": 0.3, "SUP1": -0.3, "TRU1": -0.4,
               "COM1": 0.0, "PAR1": -0.3, "SAT1": 0.0}
OPEN_SHARE = 0.20

STAKEHOLDER_ROUND_MONTHS = 4    # re-assessed every 4 months (scaled down for short demos)
CATEGORY = {2: "champion", 1: "supporter", 0: "neutral", -1: "skeptic", -2: "opponent"}
ASSESSORS = ("Projectleider AI", "Projectleider AI met HR", "Stuurgroep AI")

# The named stakeholders: (key, name, department, level, segment, roles, trajectory,
# next actions, action owner, note). A trajectory gives (influence, attitude) for the
# first round, the middle rounds and the last rounds; a one-point trajectory means the
# person was assessed only once (and is overdue at the end).
STAKEHOLDERS = (
    ("director", "Henk van der Meulen", "Directie", "management", EARLY_MAJORITY, "A",
     ((5, 1), (5, 2), (5, 2)),
     ("Businesscase offertecalculatie voorleggen aan het MT",
      "Kwartaalcijfers adoptie en tijdwinst delen in het MT",
      "Succesverhaal Verkoop laten vertellen op de personeelsbijeenkomst"),
     "Projectleider AI", "Eigenaar van de AI-uitrol; wil harde cijfers zien."),
    ("cfo", "Erik Vos", "Directie", "management", LATE_MAJORITY, "I",
     ((4, 0), (4, 1), (4, 1)),
     ("ROI-berekening en licentiekosten toelichten",
      "Terugverdientijd offertecalculatie bespreken",
      "Budget voor uitbreiding naar Inkoop voorleggen"),
     "Projectleider AI", None),
    ("sales", "Sanne de Vries", "Verkoop", "middle_management", EARLY_ADOPTER, "R",
     ((5, 2), (5, 2), (5, 2)),
     ("Offertesjabloon met Copilot stap voor stap invoeren bij Verkoop",
      "Ervaringen delen in de AI Lunch & Learn",
      "Andere afdelingshoofden coachen als AI-ambassadeur"),
     "Sanne de Vries", "Pragmatische early adopter; trekker van de offerte-pilot."),
    ("it", "Mark Jansen", "IT", "it", EARLY_ADOPTER, "RC",
     ((4, 0), (4, 1), (4, 1)),
     ("DPIA en AVG-afspraken afronden met de FG",
      "Licentiebeheer en toegangsrechten inrichten",
      "Beveiligingsrichtlijn AI publiceren op intranet"),
     "Mark Jansen", "Wil eerst beveiliging en integratie geregeld zien."),
    ("engineering", "Pieter Bakker", "Engineering", "management", EARLY_MAJORITY, "C",
     ((4, 1), (4, 1), (4, 1)),
     ("Use case kennisbank engineering uitwerken",
      "Nulmeting zoektijd in projectdossiers plannen",
      "Pilotresultaten kennisbank presenteren"),
     "Projectleider AI", None),
    ("opponent", "Jan Willem Dekker", "Engineering", "middle_management", LAGGARD, "CX",
     ((4, -2), (4, -2), (4, -2)),
     ("Persoonlijk gesprek over zorgen rond kwaliteit en aansprakelijkheid",
      "Uitnodigen als kritische reviewer van de kennisbank-pilot",
      "Bezwaren vastleggen en terugkoppelen in de stuurgroep"),
     "Pieter Bakker", "Senior engineer en teamleider; vreest fouten in AI-berekeningen."),
    ("production", "Gerrit Visser", "Productie", "middle_management", LATE_MAJORITY, "C",
     ((4, -1), (4, 0), (4, 1)),
     ("Zorgen over banen op de werkvloer bespreken met de directeur",
      "Pilot werkinstructies starten met twee ploegleiders",
      "Eigen team de resultaten laten presenteren"),
     "Henk van der Meulen", "Kritisch maar niet tegen; stelt terechte vragen."),
    ("purchasing", "Marieke Smit", "Inkoop", "middle_management", EARLY_MAJORITY, "C",
     ((3, 0), (3, 0), (3, 1)),
     ("Use case inkooporders samen uitwerken",
      "Nulmeting controle inkooporders plannen",
      "Eerste pilotresultaten inkooporders bespreken"),
     "Projectleider AI", None),
    ("admin", "Ingrid Mulder", "Administratie", "management", EARLY_MAJORITY, "C",
     ((4, 1), (4, 1), (4, 2)),
     ("Copilot voor maandafsluiting uitproberen",
      "AI-vaardigheden opnemen in het opleidingsbudget",
      "Collega's van andere afdelingen laten meekijken"),
     "Projectleider AI", None),
    ("assistant", "Annelies de Boer", "Administratie", "employee", EARLY_MAJORITY, "X",
     ((4, 0), (4, 1), (4, 2)),
     ("Betrekken bij de planning van de Lunch & Learns",
      "Vragen als informeel aanspreekpunt op kantoor",
      "Laten vertellen hoe zij Copilot gebruikt voor notulen"),
     "Projectleider AI", "Ervaren directiesecretaresse; iedereen vraagt haar om raad."),
    ("hr", "Fatima El Amrani", "Administratie", "employee", EARLY_MAJORITY, "C",
     ((3, 1), (3, 1), (3, 2)),
     ("AI-training opnemen in de ontwikkelgesprekken",
      "Certificaten voor de AI-basistraining regelen",
      "Onboarding nieuwe collega's uitbreiden met AI"),
     "Fatima El Amrani", None),
    ("works_council", "Monique Hoekstra", "Productie", "employee", LATE_MAJORITY, "C",
     ((4, 0), (4, 0), (4, 1)),
     ("Instemmingsaanvraag OR voorbereiden (WOR art. 27)",
      "Afspraak vastleggen: geen monitoring van individuen",
      "OR informeren over de uitkomsten van de pulsmeting"),
     "Henk van der Meulen", "Voorzitter ondernemingsraad."),
    ("shift_lead", "Dennis Kok", "Productie", "middle_management", LATE_MAJORITY, "I",
     ((3, 0),),
     ("Uitnodigen voor de Lunch & Learn over werkinstructies",),
     "Gerrit Visser", None),
    ("team_lead", "Joost Meijer", "Engineering", "middle_management", EARLY_ADOPTER, "I",
     ((3, 1), (3, 2), (3, 2)),
     ("Tips voor technische documentatie laten delen",
      "Laten meedoen als key user van de kennisbank",
      "Lunch & Learn laten geven voor engineers"),
     "Pieter Bakker", None),
    ("engineer", "Thijs van Dijk", "Engineering", "employee", INNOVATOR, "I",
     ((2, 2), (2, 2), (2, 2)),
     ("Vragen om prompts te delen in het Teams-kanaal",
      "Betrekken bij de kennisbank-pilot",
      "Podium geven in de Lunch & Learn"),
     "Joost Meijer", None),
    ("operator", "Kevin de Graaf", "Productie", "employee", EARLY_MAJORITY, "I",
     ((1, 1), (1, 1), (2, 1)),
     ("Laten meedenken over werkinstructies",
      "Vragen naar ervaringen op de werkvloer",
      "Laten meedoen in de pilot werkinstructies"),
     "Gerrit Visser", None),
    ("buyer", "Sophie Brouwer", "Inkoop", "employee", EARLY_ADOPTER, "I",
     ((2, 1), (2, 2), (2, 2)),
     ("Vragen mee te testen in de inkooppilot",
      "Betrekken bij de nulmeting inkooporders",
      "Resultaten laten delen met Inkoop"),
     "Marieke Smit", None),
    ("inside_sales", "Lisa Koster", "Verkoop", "employee", EARLY_MAJORITY, "I",
     ((2, 1),),
     ("Offertesjabloon laten uitproberen",),
     "Sanne de Vries", None),
    ("account_manager", "Ilse Postma", "Verkoop", "employee", EARLY_ADOPTER, "I",
     ((2, 2), (2, 2), (2, 2)),
     ("Vragen een klantcase te beschrijven",
      "Laten helpen bij de offerte-training",
      "Als buddy koppelen aan nieuwe collega's"),
     "Sanne de Vries", None),
    ("grumbler_production", "Ruud Peters", "Productie", "employee", LAGGARD, "I",
     ((2, -1), (2, -1), (2, -1)),
     ("Luisteren naar bezwaren bij de koffieautomaat",
      "Uitnodigen voor een demonstratie op de werkvloer",
      "Persoonlijk laten zien wat AI voor de ploeg oplevert"),
     "Gerrit Visser", None),
    ("grumbler_admin", "Ans Willems", "Administratie", "employee", LAGGARD, "I",
     ((1, -2), (1, -1), (1, -1)),
     ("Uitleggen waarom we AI invoeren en wat er niet verandert",
      "Rustig een-op-een laten oefenen",
      "Vragen wat haar werk makkelijker zou maken"),
     "Ingrid Mulder", None),
)

LUNCH_TOPICS = (
    "prompts voor offertes", "Copilot in Outlook", "Excel-analyses met Copilot",
    "veilig omgaan met bedrijfsgegevens (AVG)", "notuleren met Teams en Copilot",
    "technische documentatie samenvatten", "ChatGPT voor leveranciersmails",
    "werkinstructies schrijven voor de werkvloer", "onderhoudsrapporten analyseren",
    "tips en trucs van collega's", "fouten en hallucinaties herkennen",
    "vertalen voor buitenlandse klanten", "storingsanalyse met AI",
    "normen en datasheets doorzoeken", "presentaties maken met Copilot",
    "vraag het de AI-ambassadeurs",
)
WORKSHOP_TOPICS = (
    "Workshop: prompten voor beginners", "Workshop: Copilot in Word en Excel",
    "Workshop: AI en de AVG in de praktijk", "Workshop: kennisbank engineering",
    "Workshop: offertes maken met AI", "Workshop: AI-ambassadeurs",
    "Workshop: werkinstructies met AI", "Workshop: inkoopanalyses met AI",
)
REQUEST_TOPICS = (
    "Copilot in Excel", "Prompten voor beginners", "Verdiepingscursus prompten",
    "Copilot in Teams-vergaderingen", "AVG en AI: wat mag wel en niet",
    "ChatGPT voor leveranciersmails", "AI voor productieplanning", "Offertes maken met AI",
    "Lange documenten samenvatten", "AI en ons ERP-systeem", "Vertalen naar Duits en Engels",
    "AI voor technische documentatie", "Werkinstructies maken met AI",
)
SUGGESTIONS = {
    "Directie": ("Maandrapportage automatisch laten opstellen", "Concurrentieanalyse met AI",
                 "Kwartaalbericht aan personeel met Copilot voorbereiden",
                 "Aanbestedingsteksten laten samenvatten"),
    "Verkoop": ("Standaardteksten offertes laten genereren",
                "Samenvatting klantgesprekken in het CRM",
                "Offertes automatisch naar het Duits vertalen",
                "AI-controle op offertes voor verzending", "Prijshistorie per klant samenvatten",
                "Beursverslagen met Copilot uitwerken", "Antwoorden op klantvragen voorbereiden",
                "Offerte-opvolging met AI plannen"),
    "Engineering": ("Oude projectdossiers doorzoekbaar maken", "AI-controle op stuklijsten",
                    "Normen samenvatten voor nieuwe collega's",
                    "Testrapporten automatisch opstellen",
                    "Wijzigingsverzoeken sneller beoordelen",
                    "Handleidingen voor klanten laten genereren",
                    "Risicoanalyse (CE-markering) voorbereiden met AI",
                    "Berekeningen laten narekenen door een tweede model"),
    "Productie": ("Werkinstructies met foto's laten maken", "Storingsmeldingen analyseren",
                  "Overdracht tussen ploegen samenvatten", "Onderhoudslogboek doorzoekbaar maken",
                  "Veiligheidsinstructies in meerdere talen",
                  "Instelwaarden per machine laten opzoeken",
                  "Afkeurredenen per week laten samenvatten",
                  "Opleidingsmateriaal voor nieuwe operators"),
    "Inkoop": ("Leveranciersmails automatisch sorteren", "Offertes van leveranciers vergelijken",
               "Inkooporders op afwijkingen controleren", "Levertijden voorspellen",
               "Contractvoorwaarden laten samenvatten", "Alternatieve leveranciers zoeken"),
    "Administratie": ("Facturen automatisch coderen", "Notulen MT-overleg met Copilot",
                      "Vacatureteksten met AI opstellen", "Chatbot voor vragen over verlof",
                      "Herinneringsbrieven debiteuren opstellen",
                      "Inwerkprogramma nieuwe collega's uitwerken"),
    "IT": ("Helpdesk-FAQ met AI-assistent", "Wachtwoordvragen automatisch afhandelen",
           "Licentieoverzicht met Copilot bijhouden", "Scripts laten controleren op fouten",
           "Wijzigingslog automatisch samenvatten"),
}
OPEN_POSITIVE = (
    "Meer voorbeelden uit ons eigen werk.", "Een sjabloon voor offertes en mails.",
    "Koppeling met ons ERP-systeem.", "Meer tijd om te oefenen.",
    "Een vast aanspreekpunt per afdeling.", "Korte filmpjes met tips.",
    "Toegang tot de technische documentatie.", "Betere vertalingen naar het Duits.",
    "Een prompt-bibliotheek van collega's.", "Vaker een Lunch & Learn op locatie.",
)
OPEN_CONCERN = (
    "Duidelijkheid over wat er met mijn baan gebeurt.", "Eerst uitleg over privacy.",
    "Ik weet niet waar ik moet beginnen.", "Minder fouten in de antwoorden.",
    "Training in het Nederlands, niet alleen in het Engels.",
    "Meer hulp op de werkvloer, niet alleen op kantoor.",
    "Ik zie het nut voor mijn werk nog niet.", "Tijd krijgen om het te leren.",
)


# ---------------------------------------------------------------- small helpers

def _default_end(today=None):
    today = today or dt.date.today()
    return today.replace(day=1) - dt.timedelta(days=1)


def add_months(day, months):
    """Return ``day`` moved ``months`` calendar months (day clamped to the month's length)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _apportion(total, shares):
    """Split ``total`` into whole counts proportional to ``shares`` (largest remainder)."""
    shares = np.asarray(shares, dtype=float)
    raw = total * shares / shares.sum()
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return [int(c) for c in counts]


def _pick(rng, weights, k):
    """``k`` distinct indices drawn with probability proportional to ``weights`` (Efraimidis-Spirakis)."""
    weights = np.asarray(weights, dtype=float)
    k = int(min(k, weights.size))
    if k <= 0:
        return np.empty(0, dtype=int)
    keys = np.log(rng.random(weights.size)) / np.maximum(weights, 1e-12)
    return np.argsort(-keys, kind="stable")[:k]


def _interp(month, points, values):
    return float(np.interp(month, points, values))


class _Calendar:
    """Day offsets (0 = the first day) to dates and back."""

    def __init__(self, start, end):
        self.start, self.end = start, end
        self.days = (end - start).days + 1
        self.iso = np.array([(start + dt.timedelta(days=i)).isoformat() for i in range(self.days)],
                            dtype=object)

    def date(self, offset):
        return self.start + dt.timedelta(days=int(offset))

    def text(self, offset):
        offset = int(offset)
        return self.iso[offset] if 0 <= offset < self.days else self.date(offset).isoformat()

    def month(self, months):
        """Offset of the day ``months`` (may be fractional) calendar months after the start."""
        whole = math.floor(months)
        a = (add_months(self.start, whole) - self.start).days
        if months == whole:
            return a
        b = (add_months(self.start, whole + 1) - self.start).days
        return int(round(a + (months - whole) * (b - a)))

    def weekday_on_or_after(self, offset, weekday=None):
        """First working day (or the given weekday) on or after ``offset``."""
        day = self.date(offset)
        while (day.weekday() > 4) if weekday is None else (day.weekday() != weekday):
            day += dt.timedelta(days=1)
        return (day - self.start).days

    def weekday_on_or_before(self, offset, weekday=None):
        day = self.date(offset)
        while (day.weekday() > 4) if weekday is None else (day.weekday() != weekday):
            day -= dt.timedelta(days=1)
        return (day - self.start).days


def _is_holiday(day):
    """Christmas break and the three-week summer shutdown ("bouwvak")."""
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2):
        return True
    return 30 <= day.isocalendar()[1] <= 32


# ---------------------------------------------------------------- the build

def build_demo(store, *, employees=140, months=12, seed=42, end=None, actor=access.SYSTEM):
    """Fill an empty store with the demo company and return counts of what was written.

    :param store: a ``core.store.Store`` (migrated, holding no data yet).
    :param employees: staff size (at least 50).
    :param months: length of the demo period in calendar months (at least 3).
    :param seed: seed of every random draw; the same arguments give identical tables.
    :param end: last day of data (default: the last day of the previous month).
    :param actor: who builds it (an admin; default ``access.SYSTEM``: the first start and
        the command line).
    :raises ValueError: on bad arguments, or when the store already holds data.
    :raises access.PermissionDenied: ``actor`` is not an admin.
    """
    if end is None:
        end = _default_end()
    elif isinstance(end, dt.datetime):
        end = end.date()
    elif isinstance(end, str):
        end = dt.date.fromisoformat(end)
    employees, months, seed = _whole(employees, "employees"), _whole(months, "months"), _whole(seed, "seed")
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"the demo needs at least {MIN_EMPLOYEES} employees (got {employees})")
    if months < MIN_MONTHS:
        raise ValueError(f"the demo needs at least {MIN_MONTHS} months (got {months})")
    if seed < 0:
        raise ValueError(f"the seed must not be negative (got {seed})")
    start = add_months(end, -months) + dt.timedelta(days=1)
    cal = _Calendar(start, end)
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(8)]

    detail = {"employees": employees, "months": months, "seed": seed,
              "start": start.isoformat(), "end": end.isoformat()}
    with store.write(actor, action="demo.build", detail=detail, role="admin") as db, _big_cache(db):
        _require_empty(db)
        staff = _employees(rngs[0], employees, months, cal)
        counts = {"employees": employees, "departments": len(DEPARTMENTS)}
        _write_employees(db, staff, cal)
        counts["usage_rows"] = _usage(db, rngs[1], staff, cal)
        counts.update(_licences(db, staff, cal))
        counts.update(_surveys(db, rngs[2], staff, months, cal))
        counts.update(_trainings(db, rngs[3], staff, months, cal))
        counts.update(_requests_and_suggestions(db, rngs[4], staff, cal))
        counts["stakeholder_assessments"] = _stakeholders(db, staff, months, cal)
        counts.update(_pilots(db, rngs[5], months, cal))
        counts["meeting_items"] = _steering(db, cal.end)
        set_setting(db, "company_name", COMPANY)
        set_setting(db, "demo", "1")
        refresh_usage_weekly(db)
        counts["usage_series_rows"] = db.execute("SELECT COUNT(*) FROM usage_series").fetchone()[0]
    counts["start"], counts["end"] = start.isoformat(), end.isoformat()
    return counts


# Two steering meetings before the end: (days before end, [(kind, text, owner, days to due,
# status, days to status change)]). One action is done, one is overdue, one still open.
STEERING = (
    (70, [("decision", "Offertecalculatie met AI uitrollen naar het hele verkoopteam", None, None, "open", None),
          ("action", "AI Lunch & Learn speciaal voor Productie plannen", "Projectleider AI", 30, "done", 25),
          ("action", "Eén-op-één gesprek met Jan Willem Dekker over zijn bezwaren", "Directeur", 21,
           "open", None)]),
    (14, [("decision", "Kennisbank-pilot verlengen tot het eind van het kwartaal", None, None, "open", None),
          ("action", "Businesscase voor notulen stuurgroep uitwerken", "Projectleider AI", 28, "open", None)]),
)


def _steering(db, end):
    """The decisions log of two steering meetings; returns the number of items."""
    n = 0
    for before, items in STEERING:
        held = end - dt.timedelta(days=before)
        meeting = db["meetings"].insert({"held_on": held.isoformat()}).last_pk
        for kind, text, owner, due, status, changed in items:
            db["meeting_items"].insert({
                "meeting_id": meeting, "kind": kind, "text": text, "owner": owner,
                "due_date": (held + dt.timedelta(days=due)).isoformat() if due else None,
                "status": status,
                "status_on": (held + dt.timedelta(days=changed)).isoformat() if changed else None})
            n += 1
    return n


def _whole(value, what):
    try:
        return operator.index(value)
    except TypeError:
        raise ValueError(f"{what} must be a whole number (got {value!r})") from None


@contextlib.contextmanager
def _big_cache(db):
    """A larger page cache while the bulk rows go in (random index inserts thrash the default 2 MB)."""
    previous = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(previous)}")


def _require_empty(db):
    tables = ("employees", "usage_daily", "surveys", "trainings", "training_requests",
              "suggestions", "stakeholder_assessments", "use_cases", "meetings")
    held = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    held = {t: n for t, n in held.items() if n}
    if held:
        found = ", ".join(f"{t}: {n}" for t, n in held.items())
        raise ValueError(f"the demo can only fill an empty store; this one already holds data ({found})")


# ---------------------------------------------------------------- employees

class _Staff:
    """Column arrays, one entry per employee (index = position in id order)."""


def _employees(rng, n, months, cal):
    D = cal.days
    n_dir = min(12, max(3, round(n / 35)))
    others = list(DEPARTMENT_SHARES)
    sizes = dict(zip(others, _apportion(n - n_dir, [DEPARTMENT_SHARES[d] for d in others])))
    sizes["Directie"] = n_dir

    dept = [d for d in DEPARTMENTS for _ in range(sizes[d])]
    name = [None] * n
    key = [None] * n
    level = [None] * n
    segment = np.full(n, -1)
    seg_left = _apportion(n, ROGERS_SHARES)

    # The named stakeholders first: fixed department, level and segment.
    free = {d: [i for i in range(n) if dept[i] == d] for d in DEPARTMENTS}
    for spec in STAKEHOLDERS:
        k, person, d, lvl, seg = spec[:5]
        i = free[d].pop(0)
        name[i], key[i], level[i] = person, k, lvl
        if seg_left[seg] == 0:   # tiny companies: the nearest segment with room
            seg = min((abs(s - seg), s) for s in range(5) if seg_left[s] > 0)[1]
        segment[i] = seg
        seg_left[seg] -= 1

    # Levels: Directie is management, IT is it, ~10% middle management elsewhere.
    for d in DEPARTMENTS:
        members = [i for i in range(n) if dept[i] == d]
        named_mm = sum(level[i] == "middle_management" for i in members)
        lvl_quota = ["middle_management"] * max(
            0, round(len(members) * MIDDLE_MANAGEMENT_SHARE) - named_mm)
        for i in members:
            if level[i] is not None:
                continue
            if d == "Directie":
                level[i] = "management"
            elif d == "IT":
                level[i] = "it"
            elif lvl_quota:
                level[i] = lvl_quota.pop()
            else:
                level[i] = "employee"

    # Segments for everyone else: exact Rogers counts, open departments more innovative.
    rest = np.flatnonzero(segment < 0)
    score = np.array([OPENNESS[dept[i]] for i in rest]) + rng.normal(0, 1, rest.size)
    order = rest[np.argsort(-score, kind="stable")]
    segment[order] = np.repeat(np.arange(5), seg_left)

    # Pseudonymous ids in random order, so an id says nothing about a department.
    perm = rng.permutation(n)
    dept = [dept[i] for i in perm]
    name = [name[i] for i in perm]
    key = [key[i] for i in perm]
    level = [level[i] for i in perm]
    segment = segment[perm]
    named = np.array([k is not None for k in key])
    dept_arr = np.array(dept, dtype=object)

    # Start dates: mostly years before the demo; a few hires during it.
    years = np.clip(0.4 + rng.gamma(2.0, 4.5, n), 0.4, 40.0)
    start_off = -np.round(years * 365.25).astype(int)
    candidates = np.flatnonzero(~named & (dept_arr != "Directie"))
    hires = candidates[_pick(rng, np.ones(candidates.size), max(2, round(n * 0.03)))]
    start_off[hires] = rng.integers(int(0.1 * D), int(0.8 * D), hires.size)

    # Licences: Verkoop and all innovators / early adopters at the start, the other
    # departments between month 1 and 2, Productie in three batches up to month 3 and
    # ~15% of Productie never.
    rollout = {"Verkoop": 0, "Engineering": cal.month(1), "IT": cal.month(1),
               "Directie": cal.month(1.25), "Administratie": cal.month(1.5),
               "Inkoop": cal.month(2)}
    lic_from = np.zeros(n, dtype=int)
    for i in range(n):
        lic_from[i] = rollout.get(dept[i], 0)
    production = np.flatnonzero(dept_arr == "Productie")
    batches = np.array([cal.month(1.5), cal.month(2.2), cal.month(2.85)])
    lic_from[production] = batches[rng.integers(0, 3, production.size)]
    lic_from[segment <= EARLY_ADOPTER] = 0
    unlicensed = np.zeros(n, dtype=bool)
    pool = production[(segment[production] >= EARLY_MAJORITY) & ~named[production]]
    never_w = np.array([0, 0, 1.0, 2.0, 4.0])[segment[pool]]
    unlicensed[pool[_pick(rng, never_w, round(0.15 * production.size))]] = True
    lic_from = np.maximum(lic_from, start_off)
    # Licences start on a working day.
    lic_from = np.array([cal.weekday_on_or_after(o) if o > 0 else o for o in lic_from])

    # Leavers (~2%): licence (and job) ends during the demo.
    lic_to = np.full(n, -1)
    pool = np.flatnonzero(~named & ~unlicensed & (start_off <= 0) & (lic_from <= 0.5 * D))
    leavers = pool[_pick(rng, np.ones(pool.size), max(1, round(n * 0.02)))]
    for i in leavers:
        lo = max(int(lic_from[i]) + 14, int(0.3 * D))
        hi = max(lo + 1, D - 7)
        lic_to[i] = cal.weekday_on_or_before(int(rng.integers(lo, hi)))

    # First use by segment, scaled to the demo's length; 40% of laggards never start.
    scale = months / 12
    bounds = np.array(FIRST_USE_DAYS, dtype=float) * scale
    first_use = np.round(rng.uniform(bounds[segment, 0], bounds[segment, 1])).astype(int)
    never = (segment == LAGGARD) & (rng.random(n) < LAGGARDS_NEVER)
    begin = np.maximum(first_use, lic_from)
    stop = np.where(lic_to >= 0, lic_to, D - 1)
    # Some try the tools and stop again (more often the later segments).
    dropout = rng.random(n) < DROPOUT[segment]
    dropped_on = begin + np.round(rng.uniform(28, 200, n) * scale).astype(int)
    stop = np.where(dropout, np.minimum(stop, dropped_on), stop)
    uses = ~unlicensed & ~never & (begin <= stop)
    begin = np.where(uses, begin, D + 10_000)

    s = _Staff()
    s.n = n
    width = max(4, len(str(n)))
    s.ids = np.array([f"E{i + 1:0{width}d}" for i in range(n)], dtype=object)
    s.dept, s.dept_arr, s.name, s.key, s.level = dept, dept_arr, name, key, level
    s.segment, s.named = segment, named
    s.start_off = start_off
    s.lic_from = np.where(unlicensed, -1, lic_from)       # -1: never licensed
    s.licensed = ~unlicensed
    s.lic_to = lic_to                                      # -1: still licensed
    s.begin, s.stop, s.uses = begin, stop, uses
    s.chatgpt = rng.random(n) < CHATGPT_USERS[segment]
    s.by_key = {k: i for i, k in enumerate(key) if k is not None}
    return s


def _employed(s, offset):
    return (s.start_off <= offset) & ((s.lic_to < 0) | (s.lic_to >= offset))


def _licensed_on(s, offset):
    return s.licensed & (s.lic_from <= offset) & ((s.lic_to < 0) | (s.lic_to >= offset))


def _write_employees(db, s, cal):
    db.conn.executemany("INSERT INTO departments (name) VALUES (?)",
                        [(d,) for d in sorted(DEPARTMENTS)])
    rows = []
    for i in range(s.n):
        rows.append((
            s.ids[i], s.name[i], s.dept[i], s.level[i], SEGMENTS[s.segment[i]], "assessed",
            cal.text(s.start_off[i]),
            cal.text(s.lic_from[i]) if s.licensed[i] else None,
            cal.text(s.lic_to[i]) if s.lic_to[i] >= 0 else None,
        ))
    db.conn.executemany(
        "INSERT INTO employees (id, display_name, department, level, segment, segment_source, "
        "start_date, licensed_from, licensed_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


# ---------------------------------------------------------------- licences

# Two tools with seats to spare: (seats bought beyond the holders at the end, € per seat per month).
COPILOT_LICENCE = (6, 28.10)
CHATGPT_LICENCE = (4, 55.00)


def _licences(db, s, cal):
    """Licences for both tools (no random draws: the other tables stay as they were).

    Copilot is assigned to everyone with AI access on the staff list (``from_staff_list``);
    ChatGPT seats are held by the people licensed for it (``licence_holders``, as the
    ChatGPT export's user_status lists them). Both have a few seats bought but not assigned,
    and holders who stopped or never started give idle seats.
    """
    end = cal.days - 1
    copilot_holders = int(_licensed_on(s, end).sum())
    gpt = np.flatnonzero(s.licensed & s.chatgpt)
    gpt_now = int((_licensed_on(s, end) & s.chatgpt).sum())
    db.conn.executemany(
        "INSERT INTO licences (tool, seats, price_per_month, valid_from, valid_until, from_staff_list) "
        "VALUES (?, ?, ?, ?, NULL, ?)",
        [(TOOLS[COPILOT], copilot_holders + COPILOT_LICENCE[0], COPILOT_LICENCE[1], cal.text(0), 1),
         (TOOLS[CHATGPT], gpt_now + CHATGPT_LICENCE[0], CHATGPT_LICENCE[1], cal.text(0), 0)])
    db.conn.executemany(
        "INSERT INTO licence_holders (tool, employee_id, held_from, held_until, source) "
        "VALUES (?, ?, ?, ?, 'demo')",
        [(TOOLS[CHATGPT], s.ids[i], cal.text(max(0, s.lic_from[i])),
          cal.text(s.lic_to[i]) if s.lic_to[i] >= 0 else None) for i in gpt])
    return {"licences": 2, "licence_holders": int(gpt.size)}


# ---------------------------------------------------------------- usage

def _usage(db, rng, s, cal):
    D = cal.days
    lead = cal.start.weekday()                  # days from the first Monday to the start
    n_weeks = (lead + D + 6) // 7
    mondays = [cal.start + dt.timedelta(days=7 * w - lead) for w in range(n_weeks)]
    holiday = np.ones(n_weeks)
    for w, monday in enumerate(mondays):
        if 30 <= monday.isocalendar()[1] <= 32:
            holiday[w] = 0.6              # summer shutdown: the office still works a little
        elif any(_is_holiday(monday + dt.timedelta(days=d)) for d in range(5)):
            holiday[w] = 0.25             # Christmas break

    # Weekly activity: a personal propensity around the segment's, rising a little with
    # experience, lower in holidays; the week of first use is always active.
    mean = WEEKLY_ACTIVE[s.segment]
    propensity = rng.beta(mean * 6, (1 - mean) * 6)
    first_week = (s.begin + lead) // 7
    last_week = (s.stop + lead) // 7
    weeks = np.arange(n_weeks)
    since = weeks[None, :] - first_week[:, None]
    p = np.minimum(0.98, propensity[:, None] * (1 + 0.2 * np.clip(since, 0, 104) / 52))
    p = p * holiday[None, :]
    active = rng.random((s.n, n_weeks)) < p
    active |= since == 0
    active &= (since >= 0) & (weeks[None, :] <= last_week[:, None]) & s.uses[:, None]
    emp, week = np.nonzero(active)

    # Working days in an active week: 1 + Binomial(4, q) distinct weekdays.
    n_days = 1 + rng.binomial(4, EXTRA_DAYS[s.segment[emp]])
    ranks = rng.random((emp.size, 5)).argsort(axis=1).argsort(axis=1)
    chosen = ranks < n_days[:, None]
    r, weekday = np.nonzero(chosen)
    emp, week = emp[r], week[r]
    day = week * 7 + weekday - lead
    keep = (day >= s.begin[emp]) & (day <= s.stop[emp]) & (day >= 0) & (day < D)
    emp, week, day = emp[keep], week[keep], day[keep]

    # Actions per day ~ Poisson by segment, rising with experience; minutes 2-4 per action.
    growth = 1 + 0.2 * np.clip((week - first_week[emp]) / 52, 0, 1)
    lam = ACTIONS_PER_DAY[s.segment[emp]] * growth
    both = s.chatgpt[emp] & (rng.random(emp.size) < 0.45)
    cp_actions = 1 + rng.poisson(lam - 1)
    gpt_actions = 1 + rng.poisson(np.maximum(lam * 0.5 - 1, 0.2))
    emp_all = np.concatenate([emp, emp[both]])
    day_all = np.concatenate([day, day[both]])
    tool_all = np.concatenate([np.full(emp.size, COPILOT), np.full(int(both.sum()), CHATGPT)])
    actions = np.concatenate([cp_actions, gpt_actions[both]])
    minutes = np.round(actions * rng.uniform(2.0, 4.0, actions.size), 1)
    # Key order within 4-week chunks: both the primary key and the day index then fill
    # in sweeps instead of at random (about 15% faster than plain key order).
    order = np.lexsort((tool_all, day_all, emp_all, day_all // 28))
    emp_all, day_all, tool_all = emp_all[order], day_all[order], tool_all[order]
    actions, minutes = actions[order], minutes[order]

    tool_names = np.array(TOOLS, dtype=object)
    db.conn.executemany(
        "INSERT INTO usage_daily (employee_id, day, tool, actions, minutes) VALUES (?, ?, ?, ?, ?)",
        zip(s.ids[emp_all].tolist(), cal.iso[day_all].tolist(), tool_names[tool_all].tolist(),
            actions.tolist(), minutes.tolist()),
    )
    return int(emp_all.size)


# ---------------------------------------------------------------- surveys

def _wave_dates(months, cal):
    """(wave number, nominal month, day offset) every 3 months; the last on or before the end."""
    result = []
    for k, m in enumerate(range(0, months + 1, 3)):
        offset = cal.weekday_on_or_after(cal.month(m) + 3, weekday=1)   # a Tuesday
        if offset >= cal.days:
            offset = cal.weekday_on_or_before(cal.days - 1, weekday=1)
        if result and offset <= result[-1][2]:
            continue
        result.append((k + 1, m, offset))
    return result


def _surveys(db, rng, s, months, cal):
    codes = [q["code"] for q in questionnaire.QUESTIONS]
    agree_items = [c for c in questionnaire.AGREE_ITEMS
                   if c not in (questionnaire.INTENTION_ITEM, questionnaire.FEAR_ITEM)]
    next_survey = (db.execute("SELECT MAX(id) FROM surveys").fetchone()[0] or 0) + 1
    next_resp = (db.execute("SELECT MAX(id) FROM survey_respondents").fetchone()[0] or 0) + 1
    accept_dept = np.array([ACCEPT_DEPT[d] for d in s.dept])
    fear_dept = np.array([FEAR_DEPT[d] for d in s.dept])
    openness = np.array([OPENNESS[d] for d in s.dept])
    surveys, respondents, answers = [], [], []
    for number, month, offset in _wave_dates(months, cal):
        survey_id = next_survey
        next_survey += 1
        staff = np.flatnonzero(_employed(s, offset))
        surveys.append((survey_id, f"Pulse {number}", cal.text(offset), int(staff.size)))
        n = int(round(rng.uniform(0.70, 0.80) * staff.size))
        who = staff[_pick(rng, RESPONSE_WEIGHT[s.segment[staff]], n)]
        progress = min(1.0, month / 12)
        seg = s.segment[who]
        using = s.begin[who] <= offset
        licensed = _licensed_on(s, offset)[who]

        # Acceptance: exactly round(p x n) agree; who agrees leans on segment and department.
        k = int(round(_interp(month, WAVE_MONTHS, ACCEPTANCE) * n))
        w = ACCEPT_WEIGHT[seg] * accept_dept[who] * np.where(using, 2.0, 1.0) * np.where(licensed, 1.0, 0.4)
        acc = np.zeros(n, dtype=bool)
        acc[_pick(rng, w, k)] = True
        int1 = np.where(acc, np.where(rng.random(n) < 0.35 + 0.2 * progress, 5, 4),
                        rng.choice([1, 2, 3], size=n, p=[0.15, 0.30, 0.55]))

        # Fear: exactly round(p x n) worried, mostly among those who do not accept yet.
        k = int(round(_interp(month, WAVE_MONTHS, FEAR) * n))
        w = np.where(acc, 1.0, 4.0) * fear_dept[who] * FEAR_WEIGHT[seg]
        afraid = np.zeros(n, dtype=bool)
        afraid[_pick(rng, w, k)] = True
        fear1 = np.where(afraid, np.where(rng.random(n) < 0.65, 4, 5),
                         rng.choice([1, 2, 3], size=n, p=[0.20, 0.45, 0.35]))

        # eNPS: promoters and detractors in set numbers, drawn from acceptors / the rest.
        share_p = _interp(month, WAVE_MONTHS, PROMOTERS)
        share_d = share_p - _interp(month, WAVE_MONTHS, ENPS) / 100
        k_p = int(round(share_p * n))
        k_d = min(n - k_p, int(round(share_d * n)))
        group = np.ones(n, dtype=int)                  # 0 detractor, 1 passive, 2 promoter
        promoters = _pick(rng, np.where(acc, 8.0, 0.3), k_p)
        group[promoters] = 2
        rest = np.flatnonzero(group == 1)
        group[rest[_pick(rng, np.where(acc[rest], 0.5, 8.0), k_d)]] = 0
        nps = np.where(group == 2, rng.choice([9, 10], size=n, p=[0.55, 0.45]),
                       np.where(group == 1, rng.choice([7, 8], size=n, p=[0.5, 0.5]),
                                rng.choice(np.arange(7), size=n,
                                           p=[0.03, 0.03, 0.05, 0.09, 0.15, 0.25, 0.40])))

        # The other items follow acceptance, time and department, with a personal tone.
        tone = rng.normal(0, 0.4, n)
        values = {questionnaire.INTENTION_ITEM: int1, questionnaire.FEAR_ITEM: fear1,
                  questionnaire.NPS_ITEM: nps}
        for item in agree_items:
            slope = 0.9 if item == "SUP1" else 0.5
            latent = (2.6 + ITEM_OFFSET.get(item, 0.0) + 1.0 * acc + slope * progress
                      + 0.4 * openness[who] + tone + rng.normal(0, 0.7, n))
            values[item] = np.clip(np.round(latent), 1, 5).astype(int)
        open_mask = rng.random(n) < OPEN_SHARE
        open_pos = rng.integers(0, len(OPEN_POSITIVE), n)
        open_con = rng.integers(0, len(OPEN_CONCERN), n)

        width = max(3, len(str(n)))
        value_lists = {c: v.tolist() for c, v in values.items()}
        for j in range(n):
            i = int(who[j])
            rid = next_resp
            next_resp += 1
            respondents.append((rid, survey_id, f"R{number}-{j + 1:0{width}d}", s.dept[i],
                                s.level[i], s.ids[i]))
            for code in codes:
                if code in value_lists:
                    answers.append((rid, code, float(value_lists[code][j]), None))
                elif code == "OPEN1" and open_mask[j]:
                    text = OPEN_POSITIVE[open_pos[j]] if acc[j] else OPEN_CONCERN[open_con[j]]
                    answers.append((rid, code, None, text))
    db.conn.executemany("INSERT INTO surveys (id, name, held_on, invited) VALUES (?, ?, ?, ?)",
                        surveys)
    db.conn.executemany(
        "INSERT INTO survey_respondents (id, survey_id, respondent, department, level, employee_id) "
        "VALUES (?, ?, ?, ?, ?, ?)", respondents)
    db.conn.executemany(
        "INSERT INTO survey_answers (respondent_id, question_code, value, text) VALUES (?, ?, ?, ?)",
        answers)
    return {"surveys": len(surveys), "respondents": len(respondents), "survey_answers": len(answers)}


# ---------------------------------------------------------------- trainings

def _trainings(db, rng, s, months, cal):
    D = cal.days
    sessions = []    # (offset, title, kind, minutes)
    offset = cal.weekday_on_or_after(0, weekday=3)            # Thursdays
    number = 0
    while offset < D:
        if not _is_holiday(cal.date(offset)):
            topic = LUNCH_TOPICS[number % len(LUNCH_TOPICS)]
            sessions.append((offset, f"AI Lunch & Learn: {topic}", "lunch_learn", 30))
            number += 1
        offset += 7
    n_workshops = max(2, round(months * 5 / 12))
    for j in range(n_workshops):
        target = int((j + 0.4) / n_workshops * D)
        day = cal.weekday_on_or_after(target, weekday=1)         # Tuesdays
        while _is_holiday(cal.date(day)) and day + 7 < D:
            day += 7
        if day < D:
            sessions.append((day, WORKSHOP_TOPICS[j % len(WORKSHOP_TOPICS)], "workshop", 120))
    sessions.sort(key=lambda x: (x[0], x[2]))

    next_id = (db.execute("SELECT MAX(id) FROM trainings").fetchone()[0] or 0) + 1
    trainings, attendance = [], []
    decay = 120 * months / 12
    for offset, title, kind, minutes in sessions:
        tid = next_id
        next_id += 1
        trainings.append((tid, title, kind, cal.text(offset), minutes))
        pool = np.flatnonzero(_licensed_on(s, offset) & (s.start_off <= offset))
        if pool.size == 0:
            continue
        if kind == "lunch_learn":
            rate = 0.05 + 0.10 * math.exp(-offset / decay)
            k = max(2, int(round(rate * pool.size * rng.uniform(0.8, 1.2))))
        else:
            k = min(30, max(6, int(round(0.1 * pool.size * rng.uniform(0.8, 1.2)))))
        chosen = np.sort(pool[_pick(rng, TRAINING_WEIGHT[s.segment[pool]], k)])
        attendance.extend((tid, s.ids[i]) for i in chosen)
    db.conn.executemany(
        "INSERT INTO trainings (id, title, kind, held_on, duration_minutes) VALUES (?, ?, ?, ?, ?)",
        trainings)
    db.conn.executemany("INSERT INTO training_attendance (training_id, employee_id) VALUES (?, ?)",
                        attendance)
    return {"trainings": len(trainings), "training_attendance": len(attendance)}


# ---------------------------------------------------------------- requests and suggestions

def _status(rng, age, recent, middle, old):
    statuses, probs = (recent if age < 30 else middle if age < 90 else old)
    return statuses[int(rng.choice(len(statuses), p=probs))]


def _requests_and_suggestions(db, rng, s, cal):
    D = cal.days
    requests, suggestions = [], []
    openness = np.array([OPENNESS[d] for d in s.dept])
    # Each department works through its own shuffled list of ideas before repeating one.
    title_order = {d: rng.permutation(len(SUGGESTIONS[d])).tolist() for d in DEPARTMENTS}
    title_count = {d: 0 for d in DEPARTMENTS}
    m = 0
    while cal.month(m) < D:
        lo, hi = cal.month(m), min(cal.month(m + 1), D)
        m += 1
        mid = (lo + hi) // 2
        staff = np.flatnonzero(_employed(s, mid))
        licensed = _licensed_on(s, mid)
        adopted = (s.begin <= mid)[licensed].mean() if licensed.any() else 0.0
        covered = (hi - lo) / 30.4
        using = (s.begin[staff] <= mid)

        k = rng.poisson(staff.size / 100 * (0.8 + 1.7 * adopted) * covered)
        w = np.where(using, 2.0, 1.0) * TRAINING_WEIGHT[s.segment[staff]]
        for i in staff[rng.choice(staff.size, size=k, p=w / w.sum())]:
            day = cal.weekday_on_or_before(int(rng.integers(lo, hi)))
            day = day if day >= 0 else cal.weekday_on_or_after(0)
            status = _status(rng, D - 1 - day,
                             (("open", "planned"), (0.7, 0.3)),
                             (("open", "planned", "done", "declined"), (0.25, 0.4, 0.3, 0.05)),
                             (("open", "planned", "done", "declined"), (0.05, 0.1, 0.7, 0.15)))
            requests.append((day, s.dept[i], s.ids[i],
                             REQUEST_TOPICS[int(rng.integers(len(REQUEST_TOPICS)))], status))

        k = rng.poisson(staff.size / 100 * (1.8 + 2.8 * adopted) * covered)
        w = np.where(using, 2.0, 0.7) * np.exp(openness[staff])
        for i in staff[rng.choice(staff.size, size=k, p=w / w.sum())]:
            day = cal.weekday_on_or_before(int(rng.integers(lo, hi)))
            day = day if day >= 0 else cal.weekday_on_or_after(0)
            d = s.dept[i]
            title = SUGGESTIONS[d][title_order[d][title_count[d] % len(title_order[d])]]
            title_count[d] += 1
            status = _status(rng, D - 1 - day,
                             (("new", "under_review"), (0.8, 0.2)),
                             (("new", "under_review", "adopted", "rejected"), (0.2, 0.5, 0.2, 0.1)),
                             (("under_review", "adopted", "rejected"), (0.15, 0.55, 0.3)))
            suggestions.append((day, d, title, status))
    requests.sort(key=lambda r: (r[0], r[2]))
    suggestions.sort(key=lambda r: (r[0], r[1], r[2]))
    db.conn.executemany(
        "INSERT INTO training_requests (requested_on, department, employee_id, topic, status) "
        "VALUES (?, ?, ?, ?, ?)", [(cal.text(r[0]),) + r[1:] for r in requests])
    db.conn.executemany(
        "INSERT INTO suggestions (submitted_on, department, title, status) VALUES (?, ?, ?, ?)",
        [(cal.text(r[0]),) + r[1:] for r in suggestions])
    return {"training_requests": len(requests), "suggestions": len(suggestions)}


# ---------------------------------------------------------------- stakeholders

def _assessment_rounds(months, cal):
    """Day offsets of the assessment rounds: a week after the start, then every 4 months."""
    step = STAKEHOLDER_ROUND_MONTHS * min(months, 12) / 12
    rounds, j = [], 0
    while True:
        offset = cal.weekday_on_or_after(cal.month(j * step) + 7)
        if offset >= cal.days - 7:
            break
        rounds.append(offset)
        j += 1
    return rounds


def _stakeholders(db, s, months, cal):
    rounds = _assessment_rounds(months, cal)
    n_rounds = len(rounds)
    rows = []
    for j, offset in enumerate(rounds):
        phase = 0 if j == 0 else (1 if j <= (n_rounds - 1) // 2 else 2)
        assessor = ASSESSORS[min(j, len(ASSESSORS) - 1)]
        for k, _name, _dept, _lvl, _seg, roles, trajectory, actions, owner, note in STAKEHOLDERS:
            if phase >= len(trajectory):
                continue      # assessed once, never again: overdue by the end
            influence, attitude = trajectory[phase]
            due = cal.date(offset) + dt.timedelta(days=30)
            rows.append((s.ids[s.by_key[k]], cal.text(offset), influence, attitude, CATEGORY[attitude],
                         int("R" in roles), int("A" in roles), int("C" in roles), int("I" in roles),
                         int("X" in roles), actions[phase], owner, due.isoformat(), assessor,
                         note if j == 0 else None))
    db.conn.executemany(
        "INSERT INTO stakeholder_assessments (employee_id, assessed_on, influence, attitude, "
        "category, role_r, role_a, role_c, role_i, role_influencer, next_action, action_owner, "
        "action_due, assessed_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)
    return len(rows)


# ---------------------------------------------------------------- pilots

def _samples(rng, count, mean, spread, digits):
    """``count`` values around ``mean`` (±spread, uniform) whose mean is exactly ``mean``."""
    values = mean * (1 + rng.uniform(-spread, spread, count))
    values = np.round(values * mean / values.mean(), digits)
    values[-1] = round(mean * count - values[:-1].sum(), digits)
    return [float(v) for v in values]


def _spread_days(cal, first, last, count):
    """``count`` working days spread evenly over offsets ``first``..``last``."""
    if count == 1:
        return [cal.weekday_on_or_before(last)]
    return [min(cal.days - 1, cal.weekday_on_or_after(int(round(first + (last - first) * i / (count - 1)))))
            for i in range(count)]


def _pilots(db, rng, months, cal):
    D = cal.days
    scale = min(months, 12) / 12
    sales = next(sp[1] for sp in STAKEHOLDERS if sp[0] == "sales")
    engineering = next(sp[1] for sp in STAKEHOLDERS if sp[0] == "engineering")
    purchasing = next(sp[1] for sp in STAKEHOLDERS if sp[0] == "purchasing")
    director = next(sp[1] for sp in STAKEHOLDERS if sp[0] == "director")

    def from_start(days):
        return int(round(days * scale))

    def from_end(days):
        return D - 1 - int(round(days * scale))

    # (name, department, owner, unit, rate, status, licence, training h, implementation,
    #  start offset, baseline (count, first, last, minutes, units, errors),
    #  after (count, first, last, minutes, units, errors))
    cases = [
        ("Offertecalculatie", "Verkoop", sales, "offerte", 85.0, "rolled_out", 900.0, 40.0, 12000.0,
         from_start(84),
         (12, from_start(3), from_start(80), 300.0, 130, 0.08),
         (12, from_start(112), from_start(300), 120.0, 160, 0.03)),
        ("Kennisbank engineering", "Engineering", engineering, "zoekvraag", 75.0, "pilot",
         None, None, None, from_end(205),
         (10, from_end(250), from_end(210), 18.0, 400, 0.05),
         (10, from_end(175), from_end(20), 7.0, 410, 0.03)),
        ("Inkooporders controleren", "Inkoop", purchasing, "order", 60.0, "pilot",
         None, None, None, from_end(100),
         (6, from_end(140), from_end(105), 12.0, 250, 0.04),
         (3, from_end(60), from_end(10), 8.0, 260, 0.03)),
        ("Notulen stuurgroep", "Directie", director, "vergadering", 95.0, "planned",
         None, None, None, None, None, None),
    ]
    next_case = (db.execute("SELECT MAX(id) FROM use_cases").fetchone()[0] or 0) + 1
    use_cases, measurements = [], []
    for (name, dept, owner, unit, rate, status, licence, hours, impl, start_off,
         baseline, after) in cases:
        cid = next_case
        next_case += 1
        use_cases.append((cid, name, dept, owner, unit, rate,
                          None if start_off is None else cal.text(cal.weekday_on_or_after(start_off)),
                          status, licence, hours, impl))
        for phase, spec in (("baseline", baseline), ("after", after)):
            if spec is None:
                continue
            count, first, last, minutes, units, errors = spec
            days = _spread_days(cal, first, last, count)
            mins = _samples(rng, count, minutes, 0.15, 1)
            unit_counts = _samples(rng, count, units, 0.08, 0)
            errs = np.round(errors * (1 + rng.uniform(-0.4, 0.4, count)), 3)
            note = "Nulmeting" if phase == "baseline" else "Met AI-ondersteuning"
            for d, mi, un, er in zip(days, mins, unit_counts, errs.tolist()):
                measurements.append((cid, phase, cal.text(d), mi, un, er, note))
    db.conn.executemany(
        "INSERT INTO use_cases (id, name, department, owner, unit, hourly_rate, start_date, status, "
        "licence_cost_month, training_hours, implementation_cost) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", use_cases)
    db.conn.executemany(
        "INSERT INTO measurements (use_case_id, phase, measured_on, minutes_per_unit, "
        "units_per_month, errors_per_unit, note) VALUES (?, ?, ?, ?, ?, ?, ?)", measurements)
    return {"use_cases": len(use_cases), "measurements": len(measurements)}
