"""Every string a user reads, in Dutch (default) and English, and number/date formatting.

``t(key, lang, **values)`` looks a key up and fills ``{placeholders}``. The shell's and the
Overview's texts are below; each feature keeps its own in ``core/<feature>/texts.py`` (the
shell's other pages in ``core/texts/<page>.py``), merged into the one ``CATALOG`` here. A key missing in either language is a bug:
``tests/test_i18n.py`` checks the catalog is complete.

Numbers. Every figure a user reads goes through one of the formatters below, one per figure type,
each with its one decimal rule (charts use the same style through ``core.charts.vega_locale``)::

  figure type                                   formatter          nl            en
  count (people, rows, answers, seats, n)       fmt_count          3.846         3,846
  share / percentage (acceptance, adoption,     fmt_pct            89%           89%
    fear, time saved, response rate): whole
    percent; Rogers' segment sizes beside
    the company's (2,5%, 13,5%) take
    ``digits=1``
  relative change (throughput, units a month):  fmt_change         +23%, +2,5%   +23%, +2.5%
    whole percent, one decimal below 10%
  change of a share, in percentage points       fmt_points         +5, −9        +5, −9
  score on a point scale (eNPS −100…100)        fmt_points         +25, −15      +25, −15
  mean on a scale, per-month rate, ratio        fmt_score          3,4 · 4,9     3.4 · 4.9
    (Likert 1–5, construct score, requests or
    suggestions a month, actions per user,
    value / cost): one decimal
  statistic (Cronbach's alpha, a p-value)       fmt_stat           0,82          0.82
    two decimals
  money, whole euros                            fmt_money          € 12.345      €12,345
  minutes per unit: whole from 10 up, one       fmt_minutes        45 · 7,5      45 · 7.5
    decimal below
  any other amount with its own precision       fmt_number(v, lang, digits)
    (errors per unit: 3; MB: 1; a model's
    parameters: 4)

Thousands are grouped in every figure (a point in Dutch, a comma in English), a negative
figure takes the typographic minus (−, ``MINUS``), never the hyphen-minus, and a figure
that is not there is "–". Whole numbers filled into a text (``t``) are counts.
"""
import datetime as dt
import importlib
import numbers
import pkgutil
import runpy
from pathlib import Path

from core import texts

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"
LANG_NAMES = {"nl": "Nederlands", "en": "English"}

CATALOG = {
    # ---------------------------------------------------------------- app shell
    "app.title": {"nl": "Draagvlak", "en": "Draagvlak"},
    "app.tagline": {
        "nl": "Hoe ver is het draagvlak voor AI binnen het bedrijf?",
        "en": "How far has the company's staff accepted its AI rollout?",
    },
    "nav.section.dashboard": {"nl": "Dashboard", "en": "Dashboard"},
    "nav.section.manage": {"nl": "Beheer", "en": "Manage"},
    "nav.overview": {"nl": "Overzicht", "en": "Overview"},
    "sidebar.filters": {"nl": "Weergave", "en": "View"},
    "sidebar.period": {"nl": "Periode", "en": "Period"},
    "sidebar.period.help": {
        "nl": "Periode die eindigt op de datum 'gegevens t/m'.",
        "en": "Period ending on the 'data as of' date.",
    },
    "period.short.3m": {"nl": "3 mnd", "en": "3 mo"},
    "period.short.6m": {"nl": "6 mnd", "en": "6 mo"},
    "period.short.12m": {"nl": "12 mnd", "en": "12 mo"},
    "period.short.all": {"nl": "Alles", "en": "All"},
    "period.short.custom": {"nl": "Zelf", "en": "Custom"},
    "sidebar.custom_range": {"nl": "Van – tot", "en": "From – to"},
    "sidebar.custom_incomplete": {
        "nl": "Kies een begin- én einddatum; tot dan geldt de hele periode.",
        "en": "Pick a start and an end date; until then the whole period is shown.",
    },
    "sidebar.departments": {"nl": "Afdelingen", "en": "Departments"},
    "sidebar.departments.placeholder": {"nl": "Hele bedrijf", "en": "Whole company"},
    "sidebar.language": {"nl": "Taal", "en": "Language"},
    "sidebar.store": {"nl": "Gegevensbestand: {path}", "en": "Data store: {path}"},
    "demo.badge": {"nl": "Demogegevens", "en": "Demo data"},
    "demo.banner": {
        "nl": "Dit is een fictief voorbeeldbedrijf ({company}). Alle cijfers zijn gegenereerd.",
        "en": "This is a fictitious example company ({company}). All figures are generated.",
    },
    "demo.start_empty": {"nl": "Begin met een leeg gegevensbestand", "en": "Start with an empty store"},
    "demo.start_empty.help": {
        "nl": "Verwijdert de demogegevens en begint met een leeg bestand voor je eigen gegevens.",
        "en": "Removes the demo data and starts an empty store for your own data.",
    },
    "demo.confirm": {
        "nl": "Ja, verwijder de demogegevens",
        "en": "Yes, remove the demo data",
    },
    "demo.building": {
        "nl": "Eerste start: het demobedrijf wordt aangemaakt…",
        "en": "First start: creating the demo company…",
    },
    "demo.load": {"nl": "Laad het demobedrijf", "en": "Load the demo company"},
    "demo.emptied": {
        "nl": "Het gegevensbestand is leeg. Importeer je eigen gegevens om te beginnen.",
        "en": "The store is empty. Import your own data to begin.",
    },
    "empty.store": {
        "nl": "Er staan nog geen gegevens in dit bestand.",
        "en": "This store holds no data yet.",
    },
    # The first start's checklist (ui/context.render_first_start, kpis.first_steps).
    "start.title": {"nl": "Aan de slag: {done} van {total} stappen gedaan",
                    "en": "Getting started: {done} of {total} steps done"},
    "start.intro": {
        "nl": "Vijf stappen vullen het dashboard. Elke stap vinkt zichzelf af zodra de gegevens "
              "binnen zijn.",
        "en": "Five steps fill the dashboard. Each step ticks itself off once its data is in.",
    },
    "start.done": {"nl": "gedaan", "en": "done"},
    "start.staff": {"nl": "Personeelslijst", "en": "Staff list"},
    "start.staff.help": {
        "nl": "Wie er werkt, in welke afdeling, en wie sinds wanneer AI-toegang heeft (Gegevens → "
              "Importeren, sjabloon Personeelslijst).",
        "en": "Who works here, in which department, and who has had AI access since when "
              "(Data → Import, the Staff list template).",
    },
    "start.staff.go": {"nl": "Naar Gegevens", "en": "Go to Data"},
    "start.usage": {"nl": "Gebruiksexport", "en": "Usage export"},
    "start.usage.help": {
        "nl": "Het gebruiksrapport van Microsoft 365 Copilot, Viva Insights of ChatGPT Enterprise.",
        "en": "The usage report of Microsoft 365 Copilot, Viva Insights or ChatGPT Enterprise.",
    },
    "start.usage.go": {"nl": "Naar Gegevens", "en": "Go to Data"},
    "start.survey": {"nl": "Eerste peiling", "en": "First survey"},
    "start.survey.help": {
        "nl": "Maak een peiling aan en importeer de antwoorden (Forms, Google Forms, Qualtrics, "
              "LimeSurvey).",
        "en": "Create a survey wave and import its answers (Forms, Google Forms, Qualtrics, "
              "LimeSurvey).",
    },
    "start.survey.go": {"nl": "Naar Acceptatie", "en": "Go to Acceptance"},
    "start.pilots": {"nl": "Pilots", "en": "Pilots"},
    "start.pilots.help": {
        "nl": "Leg per pilot de tijd per eenheid vóór en na AI vast.",
        "en": "Record each pilot's time per unit before and after AI.",
    },
    "start.pilots.go": {"nl": "Naar Pilots", "en": "Go to Pilots"},
    "start.stakeholders": {"nl": "Stakeholders", "en": "Stakeholders"},
    "start.stakeholders.help": {
        "nl": "Beoordeel de invloed en houding van de sleutelpersonen.",
        "en": "Assess the influence and attitude of the key people.",
    },
    "start.stakeholders.go": {"nl": "Naar Stakeholders", "en": "Go to Stakeholders"},
    "data_as_of": {"nl": "Gegevens t/m {date}", "en": "Data as of {date}"},
    "data_as_of.usage": {"nl": "Gebruik t/m {date}", "en": "Usage up to {date}"},
    "data_as_of.surveys": {"nl": "peilingen t/m {date}", "en": "surveys up to {date}"},
    "period.caption": {"nl": "Periode: {start} – {end}", "en": "Period: {start} – {end}"},
    "period.caption_all": {"nl": "Periode: alles t/m {end}", "en": "Period: everything up to {end}"},
    "scope.company": {"nl": "Hele bedrijf", "en": "Whole company"},
    "department.unknown": {"nl": "Afdeling onbekend", "en": "Department unknown"},
    "scope.departments": {"nl": "Afdelingen: {names}", "en": "Departments: {names}"},
    # ---------------------------------------------------------------- damaged store
    "damaged.title": {"nl": "Het gegevensbestand is niet te openen", "en": "The data store cannot be opened"},
    "damaged.not_sqlite": {
        "nl": "{path} is geen Draagvlak-gegevensbestand (geen SQLite-database).",
        "en": "{path} is not a Draagvlak store (not an SQLite database).",
    },
    "damaged.damaged": {
        "nl": "{path} is beschadigd of onvolledig, bijvoorbeeld half gekopieerd.",
        "en": "{path} is damaged or incomplete, for instance copied only half-way.",
    },
    "damaged.integrity": {
        "nl": "{path} faalt de integriteitscontrole van SQLite.",
        "en": "{path} fails SQLite's integrity check.",
    },
    "damaged.kept": {
        "nl": "Het bestand blijft bewaard: Draagvlak overschrijft het niet. Hieronder kun je de "
              "nieuwste reservekopie terugzetten; het beschadigde bestand krijgt dan een andere naam.",
        "en": "The file is kept: Draagvlak does not overwrite it. Below you can restore the newest "
              "backup; the damaged file is then renamed.",
    },
    "damaged.newest": {
        "nl": "Nieuwste reservekopie: {name} ({date}).",
        "en": "Newest backup: {name} ({date}).",
    },
    "damaged.confirm": {"nl": "Ja, ik begrijp het", "en": "Yes, I understand"},
    "damaged.restore": {"nl": "Zet de nieuwste reservekopie terug", "en": "Restore the newest backup"},
    "damaged.backup_bad": {
        "nl": "Ook deze reservekopie is beschadigd. Er is niets veranderd.",
        "en": "This backup is damaged too. Nothing was changed.",
    },
    "damaged.no_backup": {
        "nl": "Er is geen reservekopie. Je kunt het bestand opzij zetten en opnieuw beginnen "
              "(met het demobedrijf, dat je daarna kunt leegmaken).",
        "en": "There is no backup. You can set the file aside and start anew (with the demo "
              "company, which you can then empty).",
    },
    "damaged.start_new": {
        "nl": "Zet het bestand opzij en begin opnieuw",
        "en": "Set the file aside and start anew",
    },
    # ---------------------------------------------------------------- overview
    "overview.title": {"nl": "Overzicht", "en": "Overview"},
    "overview.question": {
        "nl": "Wordt onze AI-uitrol gedragen?",
        "en": "Is our AI rollout accepted?",
    },
    # The verdict from all signals (``kpis.verdict_sentence``): {good} and {bad} are lists
    # of the phrases below.
    "verdict.yes": {"nl": "Ja: {good}.", "en": "Yes: {good}."},
    "verdict.mostly": {"nl": "Grotendeels: {good}, maar {bad}.",
                       "en": "Mostly: {good}, but {bad}."},
    "verdict.no": {"nl": "Nog niet: {bad}.", "en": "Not yet: {bad}."},
    "verdict.also_on_track": {"nl": " Wel op koers: {good}.", "en": " On track: {good}."},
    "verdict.on_track.acceptance_rate": {"nl": "de acceptatie is op koers",
                                         "en": "acceptance is on track"},
    "verdict.on_track.adoption_rate": {"nl": "het gebruik is op koers", "en": "use is on track"},
    "verdict.on_track.fear_index": {"nl": "de angst is laag", "en": "fear is low"},
    "verdict.on_track.enps": {"nl": "medewerkers bevelen de tools aan",
                              "en": "staff recommend the tools"},
    "verdict.on_track.stakeholders": {"nl": "de kampioenen zijn niet in de minderheid",
                                      "en": "champions are not outnumbered"},
    "verdict.behind.acceptance_rate": {"nl": "de acceptatie blijft achter ({value}, doel {target})",
                                       "en": "acceptance lags ({value}, target {target})"},
    "verdict.behind.adoption_rate": {"nl": "het gebruik blijft achter ({value}, doel {target})",
                                     "en": "use lags ({value}, target {target})"},
    "verdict.behind.fear_index": {"nl": "de angst is hoog ({value}, doel {target})",
                                  "en": "fear is high ({value}, target {target})"},
    "verdict.behind.enps": {
        "nl": "te weinig medewerkers bevelen de tools aan (eNPS {value}, doel {target})",
        "en": "too few staff recommend the tools (eNPS {value}, target {target})"},
    "verdict.behind.stakeholders": {
        "nl": "er zijn meer blokkeerders ({blockers}) dan kampioenen ({champions})",
        "en": "blockers ({blockers}) outnumber champions ({champions})"},
    "overview.verdict.none": {
        "nl": "Nog niet te zeggen: er is geen peiling in deze periode.",
        "en": "Cannot tell yet: there is no survey wave in this period.",
    },
    "overview.verdict.hidden": {
        "nl": "Niet te tonen: te weinig respondenten in deze selectie.",
        "en": "Not shown: too few respondents in this selection.",
    },
    "overview.section.people": {"nl": "Mensen", "en": "People"},
    "overview.section.results": {"nl": "Resultaten en betrokkenheid", "en": "Results and engagement"},
    "overview.chart.acceptance": {"nl": "Acceptatie per peiling", "en": "Acceptance per survey wave"},
    "overview.chart.segments": {"nl": "Actief gebruik per adoptiesegment", "en": "Active use per adoption segment"},
    "overview.segments.caption": {
        "nl": "Aandeel van elk segment (Rogers) met minstens één AI-actie in de laatste {days} dagen.",
        "en": "Share of each segment (Rogers) with at least one AI action in the last {days} days.",
    },
    "overview.segments.hidden": {
        "nl": "Niet getoond, te klein (< {min}) of anders af te leiden: {names}.",
        "en": "Not shown, too small (< {min}) or otherwise derivable: {names}.",
    },
    "overview.acceptance.caption": {
        "nl": "Lijnen: doel {target}; casus machinebouwer {ref} na 6 maanden. Balkjes: 95%-interval.",
        "en": "Lines: target {target}; machine-builder case {ref} after 6 months. Bars: 95% interval.",
    },
    # ---------------------------------------------------------------- cards
    "card.no_data": {"nl": "Geen gegevens", "en": "No data"},
    "card.hidden": {"nl": "Verborgen", "en": "Hidden"},
    "card.too_few": {"nl": "Te weinig respondenten (< {min})", "en": "Too few respondents (< {min})"},
    "card.acceptance.detail": {
        "nl": "{wave} · n = {n} · 95%-interval {low}–{high}",
        "en": "{wave} · n = {n} · 95% interval {low}–{high}",
    },
    "card.change": {"nl": "{delta} procentpunt", "en": "{delta} points"},
    "card.change.score": {"nl": "{delta} punten", "en": "{delta} points"},
    "card.change.description": {"nl": "t.o.v. vorige", "en": "vs last wave"},
    "card.change.significant": {
        "nl": "Verschil met vorige peiling is significant (p < 0,05).",
        "en": "The change since the previous wave is significant (p < 0.05).",
    },
    "card.change.not_significant": {
        "nl": "Verschil met vorige peiling is niet significant.",
        "en": "The change since the previous wave is not significant.",
    },
    "card.adoption.detail": {
        "nl": "{active} van {eligible} met toegang actief in de {days} dagen t/m {date}",
        "en": "{active} of {eligible} with access active in the {days} days to {date}",
    },
    "card.too_few_staff": {
        "nl": "Te weinig medewerkers in deze selectie om te tonen (< {min} in een afdeling)",
        "en": "Too few staff in this selection to show (< {min} in a department)",
    },
    "card.time_saved.detail": {
        "nl": "{use_case}: de beste van {n} gemeten pilot(s)",
        "en": "{use_case}: the best of {n} measured pilot(s)",
    },
    "card.value.detail": {"nl": "{hours} uur bespaard per maand", "en": "{hours} hours saved a month"},
    "card.training.detail": {
        "nl": "{attendees} van {staff} medewerkers · {sessions} sessies",
        "en": "{attendees} of {staff} staff · {sessions} sessions",
    },
    "card.engagement.value": {"nl": "{requests} / {suggestions}", "en": "{requests} / {suggestions}"},
    "card.engagement.detail": {
        "nl": "trainingsaanvragen / verbetervoorstellen per maand",
        "en": "training requests / improvement suggestions a month",
    },
    "card.fear.detail": {"nl": "{wave} · n = {n} · lager is beter", "en": "{wave} · n = {n} · lower is better"},
    "card.enps.detail": {"nl": "{wave} · n = {n} · schaal −100 tot 100", "en": "{wave} · n = {n} · scale −100 to 100"},
    "card.stakeholders.value": {"nl": "{champions} / {blockers}", "en": "{champions} / {blockers}"},
    "card.stakeholders.detail": {
        "nl": "Kampioenen / blokkeerders · {assessed} beoordeeld · {improved} positiever, {declined} negatiever dan vorige keer "
              "· {overdue} herbeoordeling te laat",
        "en": "Key champions / critical blockers · {assessed} assessed · {improved} more positive, {declined} more negative than "
              "last time · {overdue} overdue for reassessment",
    },
    "card.target": {"nl": "doel {target}", "en": "target {target}"},
    "status.on_track": {"nl": "Op koers", "en": "On track"},
    "status.close": {"nl": "Bijna op doel", "en": "Close to target"},
    "status.behind": {"nl": "Achter op doel", "en": "Behind target"},
    "status.none": {"nl": "Geen doel", "en": "No target"},
    # ---------------------------------------------------------------- KPIs
    "kpi.acceptance_rate.label": {"nl": "Acceptatie", "en": "Acceptance"},
    "kpi.acceptance_rate.help": {
        "nl": "Aandeel respondenten van de laatste peiling dat op 'Ik wil de AI-tools blijven "
              "gebruiken' 4 of 5 antwoordt (schaal 1–5), met n en 95%-Wilson-interval. Niet "
              "getoond voor groepen kleiner dan {min}.",
        "en": "Share of respondents in the latest wave answering 4 or 5 to 'I want to keep using "
              "the AI tools' (scale 1–5), with n and a 95% Wilson interval. Not shown for "
              "groups smaller than {min}.",
    },
    "kpi.adoption_rate.label": {"nl": "Adoptie", "en": "Adoption"},
    "kpi.adoption_rate.help": {
        "nl": "Actieve gebruikers / medewerkers met toegang tot de AI-tools; actief = minstens "
              "één AI-actie in de laatste {days} dagen tot de datum 'gegevens t/m'.",
        "en": "Active users / staff with access to the AI tools; active = at least one AI "
              "action in the {days} days up to the 'data as of' date.",
    },
    "kpi.segment_progress.label": {"nl": "Segmentvoortgang", "en": "Segment progress"},
    "kpi.segment_progress.help": {
        "nl": "Per adoptiesegment (Rogers): aandeel leden met toegang dat actief is "
              "(minstens één AI-actie in de laatste {days} dagen).",
        "en": "Per adoption segment (Rogers): share of its members with access who are active "
              "(at least one AI action in the last {days} days).",
    },
    "kpi.time_saved.label": {"nl": "Tijdwinst pilots", "en": "Pilot time saved"},
    "kpi.time_saved.help": {
        "nl": "Per pilot: 1 − gemiddelde minuten per eenheid na / gemiddelde minuten per "
              "eenheid vooraf, met bootstrap-95%-interval. 8 uur → 2 uur is 75%. Voor/na is "
              "een waarneming, geen bewijs van oorzaak.",
        "en": "Per pilot: 1 − mean minutes per unit after / mean minutes per unit before, with "
              "a bootstrap 95% interval. 8 h → 2 h is 75%. Before/after is observational, not "
              "proof of cause.",
    },
    "kpi.throughput_change.label": {"nl": "Meer verwerkte eenheden", "en": "Throughput change"},
    "kpi.throughput_change.help": {
        "nl": "Gemiddeld aantal eenheden per maand na / vooraf − 1 (machinebouwer: +23% aanvragen).",
        "en": "Mean units per month after / before − 1 (machine builder: +23% requests).",
    },
    "kpi.pilot_value.label": {"nl": "Waarde per maand", "en": "Value per month"},
    "kpi.pilot_value.help": {
        "nl": "Bespaarde uren per maand (minuten vooraf − na, × eenheden per maand) × uurtarief, "
              "opgeteld over de gemeten pilots.",
        "en": "Hours saved per month (minutes before − after, × units per month) × hourly "
              "rate, summed over the measured pilots.",
    },
    "kpi.training_participation.label": {"nl": "Trainingsdeelname", "en": "Training uptake"},
    "kpi.training_participation.help": {
        "nl": "Medewerkers die in de periode minstens één training of AI Lunch & Learn "
              "bijwoonden / alle medewerkers.",
        "en": "Staff who attended at least one training or AI Lunch & Learn in the period / "
              "all staff.",
    },
    "kpi.training_requests.label": {"nl": "Trainingsaanvragen", "en": "Training requests"},
    "kpi.training_requests.help": {
        "nl": "Aantal trainingsaanvragen in de periode / aantal maanden.",
        "en": "Training requests in the period / number of months.",
    },
    "kpi.suggestions.label": {"nl": "Verbetervoorstellen", "en": "Improvement suggestions"},
    "kpi.suggestions.help": {
        "nl": "Aantal verbetervoorstellen uit de teams in de periode / aantal maanden.",
        "en": "Improvement suggestions from the teams in the period / number of months.",
    },
    "kpi.engagement.label": {"nl": "Betrokkenheid", "en": "Engagement"},
    "kpi.engagement.help": {
        "nl": "Trainingsaanvragen en verbetervoorstellen uit de teams in de periode, elk "
              "gedeeld door het aantal maanden.",
        "en": "Training requests and improvement suggestions from the teams in the period, "
              "each divided by the number of months.",
    },
    "kpi.fear_index.label": {"nl": "Angstindex", "en": "Fear index"},
    "kpi.fear_index.help": {
        "nl": "Aandeel respondenten dat 4 of 5 antwoordt op 'Ik maak me zorgen dat AI mijn "
              "baan overbodig maakt'. Lager is beter.",
        "en": "Share of respondents answering 4 or 5 to 'I worry that AI will make my job "
              "redundant'. Lower is better.",
    },
    "kpi.enps.label": {"nl": "eNPS AI-tools", "en": "eNPS for the AI tools"},
    "kpi.enps.help": {
        "nl": "% dat 9–10 antwoordt op 'Hoe waarschijnlijk is het dat je de AI-tools "
              "aanbeveelt aan een collega?' min % dat 0–6 antwoordt.",
        "en": "% answering 9–10 to 'How likely are you to recommend the AI tools to a "
              "colleague?' minus % answering 0–6.",
    },
    "kpi.stakeholders.label": {"nl": "Stakeholders", "en": "Stakeholders"},
    "kpi.stakeholders.help": {
        "nl": "Per persoon de laatste beoordeling: invloed ≥ 3 en positieve houding = "
              "kampioen, invloed ≥ 3 en negatieve houding = blokkeerder. Te laat = laatste "
              "beoordeling ouder dan {days} dagen.",
        "en": "Each person's latest assessment: influence ≥ 3 and a positive attitude = key "
              "champion, influence ≥ 3 and a negative attitude = critical blocker. Overdue = "
              "latest assessment older than {days} days.",
    },
    # ---------------------------------------------------------------- the director's glossary
    # Behind each card's "?" (ui/cards.kpi_card's ``terms``) and on the Overview.
    "glossary.title": {"nl": "Begrippen", "en": "Terms"},
    "glossary.points": {
        "nl": "**Procentpunt**: het verschil tussen twee percentages (van 80% naar 71% is "
              "−9 procentpunt). Groen is beter, rood slechter.",
        "en": "**Points**: the difference between two percentages (80% to 71% is −9 points). "
              "Green is better, red worse.",
    },
    "glossary.n": {
        "nl": "**n**: het aantal mensen waarop het cijfer rust.",
        "en": "**n**: the number of people the figure rests on.",
    },
    "glossary.ci": {
        "nl": "**95%-interval**: hier ligt het echte cijfer vrijwel zeker; hoe minder "
              "antwoorden, hoe breder.",
        "en": "**95% interval**: the true figure almost certainly lies here; the fewer "
              "answers, the wider.",
    },
    "glossary.enps": {
        "nl": "**eNPS**: wie de tools aanraadt (9–10) min wie ze afraadt (0–6), van −100 tot "
              "+100. Boven 0 is goed, hoger is beter.",
        "en": "**eNPS**: those who recommend the tools (9–10) minus those who advise against "
              "(0–6), from −100 to +100. Above 0 is good, higher is better.",
    },
    "glossary.fear": {
        "nl": "**Angstindex**: aandeel dat vreest dat AI hun baan overbodig maakt. Lager is beter.",
        "en": "**Fear index**: share who worry AI will make their job redundant. Lower is better.",
    },
    "glossary.stakeholders": {
        "nl": "**Stakeholders 3 / 1**: kampioenen (veel invloed, positief) / blokkeerders (veel "
              "invloed, negatief). Meer kampioenen dan blokkeerders is goed.",
        "en": "**Stakeholders 3 / 1**: key champions (high influence, positive) / critical "
              "blockers (high influence, negative). More champions than blockers is good.",
    },
    "glossary.engagement": {
        "nl": "**Betrokkenheid 3,1 / 4,9**: trainingsverzoeken / verbetersuggesties per maand. "
              "Hoger is beter: mensen vragen erom en denken mee.",
        "en": "**Engagement 3.1 / 4.9**: training requests / improvement suggestions a month. "
              "Higher is better: people ask for it and contribute ideas.",
    },
    "glossary.adoption": {
        "nl": "**Adoptie**: aandeel van wie AI-toegang heeft dat de tools de laatste weken "
              "echt gebruikte. Hoger is beter.",
        "en": "**Adoption**: share of those with AI access who really used the tools in the "
              "last weeks. Higher is better.",
    },
    # ---------------------------------------------------------------- vocabulary
    "level.management": {"nl": "Directie / management", "en": "Management"},
    "level.middle_management": {"nl": "Middenmanagement", "en": "Middle management"},
    "level.employee": {"nl": "Medewerker", "en": "Employee"},
    "level.it": {"nl": "IT", "en": "IT"},
    "segment.innovator": {"nl": "Innovators", "en": "Innovators"},
    "segment.early_adopter": {"nl": "Vroege adopters", "en": "Early adopters"},
    "segment.early_majority": {"nl": "Vroege meerderheid", "en": "Early majority"},
    "segment.late_majority": {"nl": "Late meerderheid", "en": "Late majority"},
    "segment.laggard": {"nl": "Achterblijvers", "en": "Laggards"},
    "segment.unassigned": {"nl": "Niet ingedeeld", "en": "Unassigned"},
    "chart.share_active": {"nl": "Aandeel actief", "en": "Share active"},
    "chart.acceptance": {"nl": "Acceptatie", "en": "Acceptance"},
    "chart.wave": {"nl": "Peiling", "en": "Wave"},
    "chart.segment": {"nl": "Segment", "en": "Segment"},
    "chart.members": {"nl": "Leden met toegang", "en": "Members with access"},
    "chart.active": {"nl": "Actief", "en": "Active"},
    "chart.ci": {"nl": "95%-interval", "en": "95% interval"},
    "chart.target": {"nl": "Doel", "en": "Target"},
    "chart.reference": {"nl": "Casus", "en": "Case study"},
    "chart.n": {"nl": "n", "en": "n"},
}


def _text_sources():
    """``(name, TEXTS)`` of each feature folder's ``texts.py`` (``core/<feature>/``), then of
    the shell's pages in ``core/texts/``. A feature's texts are read from their file alone
    (``runpy``): reading the catalog must not load the features' figures."""
    root = Path(__file__).resolve().parent
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and (folder / "texts.py").exists():
            yield f"core/{folder.name}/texts.py", runpy.run_path(str(folder / "texts.py"))["TEXTS"]
    for module in pkgutil.iter_modules(texts.__path__):
        yield (f"core/texts/{module.name}.py",
               importlib.import_module(f"{texts.__name__}.{module.name}").TEXTS)


def _merge_page_texts():
    for name, page_texts in _text_sources():
        twice = sorted(set(page_texts) & set(CATALOG))
        if twice:
            raise KeyError(f"{name} redefines {', '.join(twice)}")
        CATALOG.update(page_texts)


_merge_page_texts()


def env_lang(environ=None):
    """The command line's language: ``$DRAAGVLAK_LANG``, else the locale's (``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``) when it is Dutch, else English."""
    import os

    environ = os.environ if environ is None else environ
    chosen = environ.get("DRAAGVLAK_LANG", "").strip().lower()[:2]
    if chosen in LANGS:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "nl" if environ[name].lower().startswith("nl") else "en"
    return "en"


# The department under which an import files people no staff list has placed yet (stored
# under this one name, ``core.importers``); ``department_label`` shows it in the reader's language.
UNKNOWN_DEPARTMENT = "Onbekend / Unknown"


def department_label(name, lang=DEFAULT_LANG):
    """A department's name as a page shows it: the stored name, or for ``UNKNOWN_DEPARTMENT``
    the words of ``lang`` ("Afdeling onbekend", "Department unknown")."""
    return t("department.unknown", lang) if name == UNKNOWN_DEPARTMENT else name


# Placeholders that name a thing rather than count one: written as digits, never grouped.
NOT_COUNTS = frozenset({"id", "year", "row", "line", "version", "port", "code", "batch"})


def t(key, lang=DEFAULT_LANG, **values):
    """Return the catalog text for ``key`` in ``lang``, with ``{placeholders}`` filled in.

    A whole number goes through ``fmt_number`` (the one number style: "n = 3.846" in Dutch,
    "3,846" in English, "−15" with the typographic minus), except identifiers
    (``NOT_COUNTS``: a batch id, a year, a row number).
    """
    entry = CATALOG[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    if not values:
        return text
    values = {k: fmt_number(int(v), lang)
              if isinstance(v, numbers.Integral) and not isinstance(v, bool) and k not in NOT_COUNTS
              else v
              for k, v in values.items()}
    return text.format(**values)


# ---------------------------------------------------------------- the one number style
# The rule per figure type is in the module's docstring ("Numbers").
MINUS = "\u2212"


def separators(lang=DEFAULT_LANG):
    """``(thousands, decimal)``: ``(".", ",")`` in Dutch, ``(",", ".")`` in English."""
    return (".", ",") if lang == "nl" else (",", ".")


def money_prefix(lang=DEFAULT_LANG):
    """What goes before an amount of euros: "€ " in Dutch, "€" in English."""
    return "€ " if lang == "nl" else "€"


def _group(digits, sep):
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def join_words(items, lang=DEFAULT_LANG):
    """Join phrases as the language lists them: "a, b en c" (nl), "a, b and c" (en)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" en " if lang == "nl" else " and ") + items[-1]


def fmt_number(value, lang=DEFAULT_LANG, digits=0):
    """Format a number the way the language writes it: 1.234,5 (nl) or 1,234.5 (en); '–' for None."""
    if value is None:
        return "–"
    text = f"{abs(value):.{digits}f}"
    whole, _, frac = text.partition(".")
    thousands, decimal = separators(lang)
    sign = MINUS if value < 0 and float(text) != 0 else ""
    return sign + _group(whole, thousands) + (decimal + frac if frac else "")


def fmt_count(value, lang=DEFAULT_LANG):
    """A count, whole and grouped: 3.846 (nl), 3,846 (en)."""
    return fmt_number(value, lang, 0)


def fmt_score(value, lang=DEFAULT_LANG):
    """A mean on a scale, a rate per month or a ratio, to one decimal: 3,4 (nl), 3.4 (en)."""
    return fmt_number(value, lang, 1)


def fmt_stat(value, lang=DEFAULT_LANG):
    """A statistic such as Cronbach's alpha or a p-value, to two decimals: 0,82 (nl)."""
    return fmt_number(value, lang, 2)


def fmt_pct(value, lang=DEFAULT_LANG, digits=0, signed=False):
    """Format a fraction as a percentage: 0.89 → '89%'; signed adds '+' to gains (for changes)."""
    if value is None:
        return "–"
    text = fmt_number(value * 100, lang, digits) + "%"
    return ("+" + text) if signed and round(value * 100, digits) > 0 else text


def fmt_change(value, lang=DEFAULT_LANG, signed=True):
    """A relative change: one decimal below 10% (+2,5%), whole percents above (+23%)."""
    if value is None:
        return "–"
    return fmt_pct(value, lang, 1 if abs(value) < 0.1 else 0, signed=signed)


def fmt_minutes(value, lang=DEFAULT_LANG, digits=None):
    """Minutes as people read them: whole minutes from 10 up, one decimal below (or ``digits``)."""
    if value is None:
        return "–"
    return fmt_number(value, lang, (0 if abs(value) >= 10 else 1) if digits is None else digits)


def fmt_points(value, lang=DEFAULT_LANG, digits=0, signed=True):
    """Format a score or a change in points, whole and signed: +25, −12."""
    if value is None:
        return "–"
    text = fmt_number(value, lang, digits)
    return ("+" + text) if signed and round(value, digits) > 0 else text


def fmt_money(value, lang=DEFAULT_LANG):
    """Format euros without cents: € 12.345 (nl), €12,345 (en)."""
    if value is None:
        return "–"
    return money_prefix(lang) + fmt_number(value, lang, 0)


def fmt_datetime(value, lang=DEFAULT_LANG):
    """Format a timestamp to the minute: 27-11-2026 15:04 (nl), 27 Nov 2026 15:04 (en)."""
    if not value:
        return "–"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone()      # stored in UTC, read in the machine's local time
    return f"{fmt_date(value.date(), lang)} {value:%H:%M}"


def fmt_date(value, lang=DEFAULT_LANG):
    """Format a date: 27-11-2026 (nl), 27 Nov 2026 (en)."""
    if value is None:
        return "–"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if lang == "nl":
        return value.strftime("%d-%m-%Y")
    return f"{value.day} {SHORT_MONTHS['en'][value.month - 1]} {value.year}"


# Spelled out here: strftime's month names follow the machine's locale, not the user's language.
SHORT_MONTHS = {"nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
                "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")}
