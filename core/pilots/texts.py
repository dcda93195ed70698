"""Texts of the Pilots & productivity page (``pages/pilots.py``, ``core/pilots/``)."""

TEXTS = {
    "nav.pilots": {"nl": "Pilots & productiviteit", "en": "Pilots & productivity"},
    "pilots.title": {"nl": "Pilots & productiviteit", "en": "Pilots & productivity"},
    "pilots.question": {
        "nl": "Wat leveren de pilots op, en hoe zeker is dat?",
        "en": "What do the pilots deliver, and how sure are we?",
    },
    "pilots.tab.portfolio": {"nl": "Portfolio", "en": "Portfolio"},
    "pilots.tab.case": {"nl": "Per use case", "en": "Per use case"},
    "pilots.tab.enter": {"nl": "Resultaten invoeren", "en": "Enter results"},
    "pilots.tab.manage": {"nl": "Use cases beheren", "en": "Manage use cases"},
    "pilots.observational": {
        "nl": "Voor/na is een waarneming, geen bewijs dat AI het verschil veroorzaakte: ook andere "
              "veranderingen in dezelfde periode tellen mee.",
        "en": "Before/after is observational, not proof that AI caused the difference: other "
              "changes in the same period count too.",
    },
    "pilots.scope_note": {
        "nl": "Metingen tellen mee tot en met {date}, ongeacht de gekozen periode.",
        "en": "Measurements count up to {date}, whatever the chosen period.",
    },
    "pilots.no_use_cases": {
        "nl": "Er zijn nog geen use cases in deze selectie.",
        "en": "There are no use cases in this selection yet.",
    },
    # ---------------------------------------------------------------- vocabulary
    "pilots.status.planned": {"nl": "Gepland", "en": "Planned"},
    "pilots.status.pilot": {"nl": "Pilot", "en": "Pilot"},
    "pilots.status.rolled_out": {"nl": "Uitgerold", "en": "Rolled out"},
    "pilots.status.stopped": {"nl": "Gestopt", "en": "Stopped"},
    "pilots.phase.baseline": {"nl": "Nulmeting", "en": "Baseline"},
    "pilots.phase.after": {"nl": "Na", "en": "After"},
    "pilots.thin": {"nl": "dun", "en": "thin"},
    "pilots.no_costs": {"nl": "kosten niet ingevuld", "en": "costs not entered"},
    "pilots.never": {"nl": "nooit", "en": "never"},
    "pilots.months": {"nl": "{n} mnd", "en": "{n} mo"},
    "pilots.per_month": {"nl": "{value} per maand", "en": "{value} a month"},
    "pilots.arrow": {"nl": "{before} → {after}", "en": "{before} → {after}"},
    "pilots.n_phases": {"nl": "{baseline} / {after}", "en": "{baseline} / {after}"},
    # ---------------------------------------------------------------- portfolio
    "kpi.pilots_measured.label": {"nl": "Gemeten pilots", "en": "Measured pilots"},
    "kpi.pilots_measured.help": {
        "nl": "Use cases met metingen vooraf én na (minuten per eenheid en aantallen); alleen die "
              "tellen mee in de waarde per maand.",
        "en": "Use cases measured both before and after (minutes per unit and counts); only "
              "these count towards the value per month.",
    },
    "pilots.measured.value": {"nl": "{n} van {total}", "en": "{n} of {total}"},
    "pilots.measured.detail": {
        "nl": "{thin} met een dunne meting (< {min} per fase)",
        "en": "{thin} with a thin measurement (< {min} per phase)",
    },
    "kpi.quick_wins.label": {"nl": "Snelle winst", "en": "Quick wins"},
    "kpi.quick_wins.help": {
        "nl": "Use cases met minstens {saving} tijdwinst (minstens {min} metingen per fase), "
              "ingevulde kosten, een terugverdientijd van hoogstens {months} maanden, en niet gestopt.",
        "en": "Use cases with at least {saving} time saved (at least {min} measurements per "
              "phase), costs filled in, a payback of at most {months} months, and not stopped.",
    },
    "pilots.chart.time_saved": {"nl": "Tijdwinst per use case", "en": "Time saved per use case"},
    "pilots.chart.throughput": {
        "nl": "Verandering in eenheden per maand",
        "en": "Change in units handled per month",
    },
    "pilots.chart.caption": {
        "nl": "Balk: gemeten waarde; streep: 95%-interval; lichte balk: dun (minder dan {min} "
              "metingen in een fase, geen interval). Stippellijnen: casussen uit het artikel.",
        "en": "Bar: measured value; whisker: 95% interval; pale bar: thin (fewer than {min} "
              "measurements in a phase, no interval). Dotted lines: the article's case studies.",
    },
    "pilots.chart.references": {
        "nl": "Casussen: machinebouwer 60% tijdwinst op offertes en 23% meer aanvragen; "
              "IT-dienstverlener 40% kortere onboarding; belastingadviseur 35% meer tijd voor klantadvies.",
        "en": "Case studies: machine builder 60% time saved on quotes and 23% more requests; "
              "IT service provider 40% shorter onboarding; tax advisers 35% more time for client advice.",
    },
    "pilots.chart.none": {
        "nl": "Nog geen use case met metingen vooraf én na.",
        "en": "No use case measured both before and after yet.",
    },
    "pilots.ref.quotes": {"nl": "Offertes {value}", "en": "Quotes {value}"},
    "pilots.ref.onboarding": {"nl": "Onboarding {value}", "en": "Onboarding {value}"},
    "pilots.ref.advice": {"nl": "Advies {value}", "en": "Advice {value}"},
    "pilots.ref.requests": {"nl": "Aanvragen {value}", "en": "Requests {value}"},
    "pilots.table.title": {"nl": "Alle use cases", "en": "All use cases"},
    "pilots.col.use_case": {"nl": "Use case", "en": "Use case"},
    "pilots.col.status": {"nl": "Status", "en": "Status"},
    "pilots.col.time_saved": {"nl": "Tijdwinst", "en": "Time saved"},
    "pilots.col.interval": {"nl": "95%-interval", "en": "95% interval"},
    "pilots.col.throughput": {"nl": "Eenheden/maand", "en": "Units/month"},
    "pilots.col.value": {"nl": "Waarde/maand", "en": "Value/month"},
    "pilots.col.roi": {"nl": "ROI 12 mnd", "en": "ROI 12 mo"},
    "pilots.col.payback": {"nl": "Terugverdientijd", "en": "Payback"},
    "pilots.col.n": {"nl": "n voor / na", "en": "n before / after"},
    "pilots.col.expected": {"nl": "Businesscase/maand", "en": "Business case/month"},
    "pilots.table.caption": {
        "nl": "ROI over 12 maanden = (12 × waarde per maand − kosten) / kosten, met kosten = 12 × "
              "licentie + training (uren × uurtarief) + implementatie. Terugverdientijd = eenmalige "
              "kosten / (waarde per maand − licentie per maand). Businesscase: verwachte waarde uit "
              "de calculator.",
        "en": "ROI over 12 months = (12 × value per month − cost) / cost, where cost = 12 × licence "
              "+ training (hours × hourly rate) + implementation. Payback = one-off costs / (value "
              "per month − licence per month). Business case: expected value from the calculator.",
    },
    "pilots.quick_wins.title": {"nl": "Snelle winst", "en": "Quick wins"},
    "pilots.quick_wins.item": {
        "nl": "**{name}**: {saved} tijdwinst, {value} per maand, terugverdiend in {payback}",
        "en": "**{name}**: {saved} time saved, {value} a month, paid back in {payback}",
    },
    "pilots.quick_wins.none": {
        "nl": "Nog geen use case voldoet aan de regel voor snelle winst.",
        "en": "No use case meets the quick-win rule yet.",
    },
    # ---------------------------------------------------------------- per use case
    "pilots.case.pick": {"nl": "Use case", "en": "Use case"},
    "pilots.case.header": {
        "nl": "{status} · {department} · eigenaar: {owner} · eenheid: {unit} · start: {start}",
        "en": "{status} · {department} · owner: {owner} · unit: {unit} · start: {start}",
    },
    "pilots.case.none": {
        "nl": "Nog geen metingen voor deze use case. De businesscase hieronder laat zien wat hij "
              "kan opleveren.",
        "en": "No measurements for this use case yet. The business case below shows what it could "
              "deliver.",
    },
    "pilots.case.only_baseline": {
        "nl": "Alleen een nulmeting: de tijdwinst volgt na de eerste meting 'na'.",
        "en": "Only a baseline so far: time saved follows the first 'after' measurement.",
    },
    "pilots.case.thin": {
        "nl": "Dunne meting: minder dan {min} metingen in een fase ({baseline} vooraf, {after} na). "
              "De cijfers staan er zonder interval; meet door voor een betrouwbaar beeld.",
        "en": "Thin measurement: fewer than {min} measurements in a phase ({baseline} before, "
              "{after} after). The figures are shown without an interval; keep measuring for a "
              "reliable picture.",
    },
    "pilots.m.minutes": {"nl": "Minuten per eenheid", "en": "Minutes per unit"},
    "pilots.m.minutes.help": {
        "nl": "Gemiddelde van de losse metingen, vooraf → na.",
        "en": "Mean of the individual measurements, before → after.",
    },
    "pilots.m.time_saved": {"nl": "Tijdwinst", "en": "Time saved"},
    "pilots.m.time_saved.help": {
        "nl": "1 − gemiddelde minuten per eenheid na / vooraf, met bootstrap-95%-interval "
              "(2.000 trekkingen per fase). 8 uur → 2 uur is 75%.",
        "en": "1 − mean minutes per unit after / before, with a bootstrap 95% interval (2,000 "
              "resamples per phase). 8 h → 2 h is 75%.",
    },
    "pilots.m.units": {"nl": "Eenheden per maand", "en": "Units per month"},
    "pilots.m.units.help": {
        "nl": "Gemiddeld aantal eenheden per maand, vooraf → na; de verandering is na / vooraf − 1 "
              "(machinebouwer: +23% aanvragen).",
        "en": "Mean units per month, before → after; the change is after / before − 1 (machine "
              "builder: +23% requests).",
    },
    "pilots.m.errors": {"nl": "Fouten per eenheid", "en": "Errors per unit"},
    "pilots.m.errors.help": {
        "nl": "Gemiddeld aantal fouten per eenheid, vooraf → na.",
        "en": "Mean errors per unit, before → after.",
    },
    "pilots.m.hours": {"nl": "Bespaarde uren/maand", "en": "Hours saved/month"},
    "pilots.m.hours.help": {
        "nl": "(gemiddelde minuten vooraf − na) / 60 × gemiddeld aantal eenheden per maand na.",
        "en": "(mean minutes before − after) / 60 × mean units per month after.",
    },
    "pilots.m.value": {"nl": "Waarde/maand", "en": "Value/month"},
    "pilots.m.value.help": {
        "nl": "Bespaarde uren per maand × uurtarief.",
        "en": "Hours saved per month × hourly rate.",
    },
    "pilots.m.roi": {"nl": "ROI (12 mnd)", "en": "ROI (12 mo)"},
    "pilots.m.roi.help": {
        "nl": "(12 × waarde per maand − kosten) / kosten, met kosten = 12 × licentie per maand + "
              "training (uren × uurtarief) + eenmalige implementatie.",
        "en": "(12 × value per month − cost) / cost, where cost = 12 × licence per month + training "
              "(hours × hourly rate) + one-off implementation.",
    },
    # Under an ROI: what a large percentage means ("1.769%" is hard to read out).
    "pilots.roi.multiple": {"nl": "De opbrengst is {times}× de kosten.",
                            "en": "It returns {times}× its cost."},
    "pilots.m.payback": {"nl": "Terugverdientijd", "en": "Payback"},
    "pilots.m.payback.help": {
        "nl": "Eenmalige kosten (training + implementatie) / (waarde per maand − licentie per "
              "maand). 'Nooit' als de licentie meer kost dan het oplevert.",
        "en": "One-off costs (training + implementation) / (value per month − licence per month). "
              "'Never' when the licence costs more than it saves.",
    },
    "pilots.detail.interval": {
        "nl": "95%-interval {low} – {high} · n = {baseline} vooraf, {after} na",
        "en": "95% interval {low} – {high} · n = {baseline} before, {after} after",
    },
    "pilots.detail.thin": {
        "nl": "dun: n = {baseline} vooraf, {after} na · geen interval",
        "en": "thin: n = {baseline} before, {after} after · no interval",
    },
    "pilots.detail.change": {"nl": "verandering {change}", "en": "change {change}"},
    "pilots.detail.rate": {"nl": "uurtarief {rate}", "en": "hourly rate {rate}"},
    "pilots.costs": {
        "nl": "Kosten: licentie {licence} per maand · training {hours} uur × {rate} = {training} · "
              "implementatie {implementation}",
        "en": "Costs: licence {licence} a month · training {hours} h × {rate} = {training} · "
              "implementation {implementation}",
    },
    "pilots.costs.none": {
        "nl": "Kosten niet ingevuld: vul ze in onder 'Use cases beheren' voor ROI en terugverdientijd.",
        "en": "Costs not entered: fill them in under 'Manage use cases' for ROI and payback.",
    },
    "pilots.chart.measurements": {
        "nl": "Losse metingen: minuten per eenheid, vooraf en na",
        "en": "Individual measurements: minutes per unit, before and after",
    },
    "pilots.chart.measurements.caption": {
        "nl": "Elke stip is een meting; streepje: gemiddelde; doos: middelste helft (bij minstens "
              "{min} metingen). Stippellijn: waar 60% tijdwinst (casus offertes) zou liggen.",
        "en": "Each dot is one measurement; tick: mean; box: middle half (with at least {min} "
              "measurements). Dotted line: where 60% time saved (quotes case) would be.",
    },
    "pilots.axis.minutes": {"nl": "Minuten per eenheid", "en": "Minutes per unit"},
    "pilots.axis.phase": {"nl": "Fase", "en": "Phase"},
    "pilots.axis.use_case": {"nl": "Use case", "en": "Use case"},
    "pilots.axis.time_saved": {"nl": "Tijdwinst", "en": "Time saved"},
    # Short: the chart's heading names the units; a long title ran past a narrow chart.
    "pilots.axis.throughput": {"nl": "Verandering", "en": "Change"},
    "pilots.axis.mean": {"nl": "Gemiddelde", "en": "Mean"},
    "pilots.ref.line": {"nl": "Casus −60%", "en": "Case −60%"},
    # ---------------------------------------------------------------- business case
    "pilots.bc.title": {"nl": "Businesscase-calculator", "en": "Business-case calculator"},
    "pilots.bc.intro": {
        "nl": "Wat levert deze use case op als de verwachting uitkomt? De invoer wordt bij de use "
              "case bewaard.",
        "en": "What does this use case deliver if the expectation comes true? The inputs are saved "
              "with the use case.",
    },
    "pilots.bc.hours": {"nl": "Verwachte uren/maand", "en": "Expected hours/month"},
    "pilots.bc.value": {"nl": "Verwachte waarde/maand", "en": "Expected value/month"},
    "pilots.bc.roi": {"nl": "Verwachte ROI (12 mnd)", "en": "Expected ROI (12 mo)"},
    "pilots.bc.payback": {"nl": "Verwachte terugverdientijd", "en": "Expected payback"},
    "pilots.bc.formula": {
        "nl": "Uren per maand = huidige minuten per eenheid × verwachte tijdwinst / 60 × eenheden "
              "per maand; waarde = uren × uurtarief; ROI en terugverdientijd zoals bij gemeten use cases.",
        "en": "Hours per month = current minutes per unit × expected saving / 60 × units per month; "
              "value = hours × hourly rate; ROI and payback as for measured use cases.",
    },
    "pilots.bc.save": {"nl": "Opslaan bij de use case", "en": "Save with the use case"},
    "pilots.bc.saved": {"nl": "Businesscase opgeslagen bij {name}.", "en": "Business case saved with {name}."},
    "pilots.unchanged": {"nl": "Niets gewijzigd.", "en": "Nothing changed."},
    # ---------------------------------------------------------------- entering results
    "pilots.enter.form": {"nl": "Meting invoeren", "en": "Record a measurement"},
    "pilots.enter.submit": {"nl": "Meting opslaan", "en": "Save measurement"},
    "pilots.enter.saved": {"nl": "Meting opgeslagen voor {name}.", "en": "Measurement saved for {name}."},
    "pilots.enter.paste": {"nl": "Tabel plakken", "en": "Paste a table"},
    "pilots.enter.paste_help": {
        "nl": "Kolommen: datum; fase (nulmeting of na); minuten per eenheid; eenheden per maand; "
              "fouten per eenheid; notitie. Eén meting per regel, gescheiden door tabs (uit Excel), "
              "puntkomma's of komma's; een kopregel mag. Alles of niets: bij één fout wordt niets opgeslagen.",
        "en": "Columns: date; phase (baseline or after); minutes per unit; units per month; errors "
              "per unit; note. One measurement per line, separated by tabs (from Excel), semicolons "
              "or commas; a header line is fine. All or nothing: one error and nothing is saved.",
    },
    "pilots.enter.paste_submit": {"nl": "Importeren", "en": "Import"},
    "pilots.enter.imported": {
        "nl": "{n} metingen geïmporteerd voor {name}.",
        "en": "{n} measurements imported for {name}.",
    },
    "pilots.enter.refused": {"nl": "Niets opgeslagen:", "en": "Nothing was saved:"},
    "pilots.enter.correct": {"nl": "Meting corrigeren of verwijderen", "en": "Correct or delete a measurement"},
    "pilots.enter.list": {"nl": "Alle metingen van deze use case", "en": "All measurements of this use case"},
    "pilots.enter.pick_measurement": {"nl": "Meting", "en": "Measurement"},
    "pilots.enter.measurement_option": {
        "nl": "{date} · {phase} · {minutes} min",
        "en": "{date} · {phase} · {minutes} min",
    },
    "pilots.enter.correct_submit": {"nl": "Correctie opslaan", "en": "Save correction"},
    "pilots.enter.corrected": {
        "nl": "Meting gecorrigeerd; de oude waarden staan in het auditlog.",
        "en": "Measurement corrected; the old values are kept in the audit log.",
    },
    "pilots.enter.confirm_delete": {"nl": "Ja, verwijder deze meting", "en": "Yes, delete this measurement"},
    "pilots.enter.delete": {"nl": "Meting verwijderen", "en": "Delete measurement"},
    "pilots.enter.deleted": {
        "nl": "Meting verwijderd; het auditlog bewaart wat er stond.",
        "en": "Measurement deleted; the audit log keeps what was there.",
    },
    "pilots.enter.none": {"nl": "Deze use case heeft nog geen metingen.", "en": "This use case has no measurements yet."},
    "pilots.enter.no_cases": {
        "nl": "Voeg eerst een use case toe (tab 'Use cases beheren').",
        "en": "Add a use case first (tab 'Manage use cases').",
    },
    # ---------------------------------------------------------------- managing use cases
    "pilots.uc.new": {"nl": "Nieuwe use case", "en": "New use case"},
    "pilots.uc.submit": {"nl": "Use case opslaan", "en": "Save use case"},
    "pilots.uc.added": {"nl": "Use case {name} toegevoegd.", "en": "Use case {name} added."},
    "pilots.uc.saved": {"nl": "Use case {name} opgeslagen.", "en": "Use case {name} saved."},
    "pilots.uc.no_department": {"nl": "Geen afdeling", "en": "No department"},
    # ---------------------------------------------------------------- fields (labels and messages)
    "pilots.field.use_case": {"nl": "Use case", "en": "Use case"},
    "pilots.field.measured_on": {"nl": "Datum", "en": "Date"},
    "pilots.field.phase": {"nl": "Fase", "en": "Phase"},
    "pilots.field.minutes_per_unit": {"nl": "Minuten per eenheid", "en": "Minutes per unit"},
    "pilots.field.units_per_month": {"nl": "Eenheden per maand", "en": "Units per month"},
    "pilots.field.errors_per_unit": {"nl": "Fouten per eenheid", "en": "Errors per unit"},
    "pilots.field.note": {"nl": "Notitie", "en": "Note"},
    "pilots.field.name": {"nl": "Naam", "en": "Name"},
    "pilots.field.department": {"nl": "Afdeling", "en": "Department"},
    "pilots.field.owner": {"nl": "Eigenaar", "en": "Owner"},
    "pilots.field.unit": {"nl": "Eenheid van werk", "en": "Unit of work"},
    "pilots.field.hourly_rate": {"nl": "Uurtarief (€)", "en": "Hourly rate (€)"},
    "pilots.field.start_date": {"nl": "Startdatum", "en": "Start date"},
    "pilots.field.status": {"nl": "Status", "en": "Status"},
    "pilots.field.licence_cost_month": {"nl": "Licentie per maand (€)", "en": "Licence per month (€)"},
    "pilots.field.training_hours": {"nl": "Trainingsuren", "en": "Training hours"},
    "pilots.field.implementation_cost": {"nl": "Eenmalige implementatie (€)", "en": "One-off implementation (€)"},
    "pilots.field.bc_minutes_per_unit": {"nl": "Huidige minuten per eenheid", "en": "Current minutes per unit"},
    "pilots.field.bc_saving": {"nl": "Verwachte tijdwinst (%)", "en": "Expected time saved (%)"},
    "pilots.field.bc_units_per_month": {"nl": "Eenheden per maand", "en": "Units per month"},
    # ---------------------------------------------------------------- validation messages
    "pilots.error.row": {"nl": "Rij {row}: {text}", "en": "Row {row}: {text}"},
    "pilots.error.required": {"nl": "{field} is verplicht.", "en": "{field} is required."},
    "pilots.error.ambiguous_number": {
        "nl": "{field}: '{value}' kan twee getallen zijn (met punt of komma als decimaalteken). "
              "Typ het zonder scheidingsteken voor duizendtallen, bijvoorbeeld 1234 of 1,5.",
        "en": "{field}: '{value}' may be two different numbers (point or comma as the decimal mark). "
              "Type it without a thousands separator, for example 1234 or 1.5.",
    },
    "pilots.error.not_number": {
        "nl": "{field}: '{value}' is geen getal.",
        "en": "{field}: '{value}' is not a number.",
    },
    "pilots.error.not_positive": {
        "nl": "{field} moet groter zijn dan 0.",
        "en": "{field} must be more than 0.",
    },
    "pilots.error.negative": {"nl": "{field} mag niet negatief zijn.", "en": "{field} cannot be negative."},
    "pilots.error.bad_date": {
        "nl": "{field}: '{value}' is geen datum (JJJJ-MM-DD of DD-MM-JJJJ).",
        "en": "{field}: '{value}' is not a date (YYYY-MM-DD or DD-MM-YYYY).",
    },
    "pilots.error.future": {
        "nl": "{field} ligt in de toekomst ({value}).",
        "en": "{field} is in the future ({value}).",
    },
    "pilots.error.bad_phase": {
        "nl": "{field}: '{value}' is geen fase; gebruik 'nulmeting' of 'na'.",
        "en": "{field}: '{value}' is not a phase; use 'baseline' or 'after'.",
    },
    "pilots.error.no_baseline": {
        "nl": "{field}: een meting 'na' ({date}) heeft een nulmeting van dezelfde use case nodig, "
              "op of vóór die datum.",
        "en": "{field}: an 'after' measurement ({date}) needs a baseline of the same use case on "
              "or before that date.",
    },
    "pilots.error.orphans": {
        "nl": "{field}: dan blijven metingen 'na' over zonder nulmeting op of vóór hun datum.",
        "en": "{field}: this would leave 'after' measurements without a baseline on or before "
              "their date.",
    },
    "pilots.error.control_chars": {
        "nl": "{field} bevat onzichtbare stuurtekens; typ de tekst opnieuw of plak hem zonder opmaak.",
        "en": "{field} contains invisible control characters; retype the text or paste it without formatting.",
    },
    "pilots.error.too_large": {
        "nl": "{field} is buiten bereik (hoogstens {limit}).",
        "en": "{field} is out of range (at most {limit}).",
    },
    "pilots.error.too_long": {
        "nl": "{field} is te lang (hoogstens {max} tekens).",
        "en": "{field} is too long (at most {max} characters).",
    },
    "pilots.error.bad_status": {
        "nl": "{field}: '{value}' is geen geldige status.",
        "en": "{field}: '{value}' is not a valid status.",
    },
    "pilots.error.unknown_department": {
        "nl": "{field}: afdeling '{value}' bestaat niet.",
        "en": "{field}: there is no department '{value}'.",
    },
    "pilots.error.duplicate_name": {
        "nl": "{field}: er is al een use case '{value}'.",
        "en": "{field}: there already is a use case '{value}'.",
    },
    "pilots.error.saving_range": {
        "nl": "{field} moet tussen 0% en 100% liggen.",
        "en": "{field} must lie between 0% and 100%.",
    },
    "pilots.error.unknown_use_case": {
        "nl": "{field}: kies een bestaande use case.",
        "en": "{field}: pick an existing use case.",
    },
    "pilots.error.unknown_measurement": {
        "nl": "Die meting bestaat niet (meer).",
        "en": "That measurement does not exist (any more).",
    },
    "pilots.error.nothing": {
        "nl": "Er is niets om op te slaan: de tabel is leeg.",
        "en": "There is nothing to save: the table is empty.",
    },
    "pilots.error.columns": {
        "nl": "verwacht 3 tot {expected} kolommen, gevonden {found}.",
        "en": "expected 3 to {expected} columns, found {found}.",
    },
    "pilots.enter.paste_placeholder": {
        "nl": "2026-05-04;nulmeting;300;130;0,08\n2026-09-01;na;120;160;0,03",
        "en": "2026-05-04;baseline;300;130;0.08\n2026-09-01;after;120;160;0.03",
    },
}
