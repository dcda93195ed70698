"""Texts of the licences feature (figures, Data-page editor, idle-seat list, funnel, slide).

Merged into the one catalog by ``core.i18n``, which reads this file alone; imports nothing."""

_STEPS = {
    "licensed": ("Licentie", "Licensed"), "tried": ("Ooit geprobeerd", "Tried"),
    "active": ("Actief", "Active"), "habitual": ("Gewoontegebruiker", "Habitual"),
    "power": ("Power user", "Power user"),
}
_FIELDS = {
    "tool": ("AI-tool", "AI tool"), "seats": ("Aantal licenties", "Seats"),
    "price_per_month": ("Prijs per licentie per maand (€)", "Price per seat per month (€)"),
    "valid_from": ("Geldig vanaf", "Valid from"), "valid_until": ("Geldig tot", "Valid until"),
    "from_staff_list": ("Toegewezen via personeelslijst", "Assigned from the staff list"),
}

TEXTS = {
    **{f"licences.step.{k}": {"nl": nl, "en": en} for k, (nl, en) in _STEPS.items()},
    **{f"licences.col.{k}": {"nl": nl, "en": en} for k, (nl, en) in _FIELDS.items()},
    # "data.field.tool" is the importers' (core/importers/texts.py): one name for the field.
    **{f"data.field.{k}": {"nl": nl.lower(), "en": en.lower()}
       for k, (nl, en) in _FIELDS.items() if k != "tool"},
    "data.expected.yesno": {"nl": "ja of nee", "en": "yes or no"},
    "data.kind.licences": {"nl": "Licenties per AI-tool", "en": "Licences per AI tool"},
    "data.action.licences.save": {"nl": "Licenties opgeslagen", "en": "Licences saved"},
    "data.action.licences.idle_list.on": {"nl": "Lijst ongebruikte licenties aangezet",
                                          "en": "Idle-seat list switched on"},
    "data.action.licences.idle_list.off": {"nl": "Lijst ongebruikte licenties uitgezet",
                                           "en": "Idle-seat list switched off"},
    "data.action.licences.idle_list.view": {"nl": "Lijst ongebruikte licenties bekeken",
                                            "en": "Idle-seat list viewed"},
    # ---------------------------------------------------------------- KPI cards
    "kpi.licence_cost.label": {"nl": "Licenties per maand", "en": "Licences per month"},
    "kpi.licence_cost.help": {
        "nl": "Som over de AI-tools van licenties × prijs per licentie per maand, voor de licenties die "
              "gelden op {date}. Per actieve gebruiker: kosten / licentiehouders met een AI-actie in die "
              "tool in de laatste {days} dagen. Ongebruikt: houders zonder actie in de laatste {idle} dagen. "
              "Een onbekende prijs telt nooit als 0: de kosten zijn dan onbekend.",
        "en": "Sum over the AI tools of seats × price per seat per month, for the licences valid on "
              "{date}. Per active user: cost / seat holders with an AI action in that tool in the last "
              "{days} days. Idle: holders without an action in the last {idle} days. An unknown price "
              "never counts as 0: the cost is then unknown.",
    },
    "kpi.value_vs_cost.label": {"nl": "Waarde ÷ licenties", "en": "Value ÷ licences"},
    "kpi.value_vs_cost.help": {
        "nl": "Gemeten waarde per maand van de pilots (bespaarde uren × uurtarief) gedeeld door de "
              "licentiekosten per maand. Een waarneming, geen bewijs dat AI het verschil veroorzaakte.",
        "en": "The pilots' measured value per month (hours saved × hourly rate) divided by the licence "
              "cost per month. Observational, not proof that AI caused the difference.",
    },
    "licences.card.detail": {
        "nl": "{per_active} per actieve gebruiker · {idle} ongebruikt ({idle_cost}/mnd) · {unassigned} niet toegewezen",
        "en": "{per_active} per active user · {idle} idle ({idle_cost}/mo) · {unassigned} unassigned",
    },
    "licences.card.unknown_price": {
        "nl": "Prijs onbekend voor: {tools}", "en": "Price unknown for: {tools}",
    },
    "licences.card.none": {
        "nl": "Nog geen licenties ingevoerd (Gegevens → Licenties).",
        "en": "No licences entered yet (Data → Licences).",
    },
    "licences.value.detail": {
        "nl": "{value}/mnd pilotwaarde tegenover {cost}/mnd licenties",
        "en": "{value}/mo pilot value against {cost}/mo licences",
    },
    "licences.axis.week": {"nl": "Week t/m", "en": "Week ending"},
    "licences.axis.euro_month": {"nl": "€ per maand", "en": "€ per month"},
    "licences.ratio": {"nl": "{ratio}×", "en": "{ratio}×"},
    # ---------------------------------------------------------------- settings
    "settings.idle_seat_days": {"nl": "Licentie ongebruikt na (dagen)", "en": "Seat idle after (days)"},
    "settings.idle_seat_days.help": {
        "nl": "Een licentiehouder zonder AI-actie in die tool in zoveel dagen telt als ongebruikte licentie.",
        "en": "A seat holder without an AI action in that tool for this many days counts as an idle seat.",
    },
    # ---------------------------------------------------------------- Data page: the editor
    "licences.section": {"nl": "Licenties", "en": "Licences"},
    "licences.editor.caption": {
        "nl": "Per AI-tool: aantal gekochte licenties, prijs per licentie per maand, geldig vanaf/tot. "
              "Een lege prijs is 'onbekend', nooit 0. Vink 'Toegewezen via personeelslijst' aan als "
              "iedereen met AI-toegang op de personeelslijst een licentie van die tool heeft; anders "
              "komen de licentiehouders uit de exports die ze noemen (M365-rapport, ChatGPT).",
        "en": "Per AI tool: seats bought, price per seat per month, valid from/until. An empty price "
              "is 'unknown', never 0. Tick 'Assigned from the staff list' when everyone with AI access "
              "on the staff list holds a seat of that tool; otherwise seat holders come from the "
              "exports that list them (M365 report, ChatGPT).",
    },
    "licences.editor.save": {"nl": "Licenties opslaan", "en": "Save licences"},
    "licences.editor.unsaved": {"nl": "Er zijn wijzigingen die nog niet zijn opgeslagen.",
                                "en": "There are changes that are not saved yet."},
    "licences.editor.saved": {"nl": "{n} licentieregel(s) opgeslagen.", "en": "{n} licence row(s) saved."},
    "licences.editor.failed": {"nl": "Niets opgeslagen:", "en": "Nothing saved:"},
    "licences.error.required": {"nl": "Rij {row}, kolom '{column}': verplicht.",
                                "en": "Row {row}, column '{column}': required."},
    "licences.error.text": {"nl": "Rij {row}, kolom '{column}': tekst zonder stuurtekens, hoogstens {max} tekens.",
                            "en": "Row {row}, column '{column}': text without control characters, at most {max} characters."},
    "licences.error.seats": {"nl": "Rij {row}, kolom '{column}': '{value}' is geen geheel aantal van minstens 1.",
                             "en": "Row {row}, column '{column}': '{value}' is not a whole number of at least 1."},
    "licences.error.price": {"nl": "Rij {row}, kolom '{column}': '{value}' is geen bedrag van 0 of meer (leeg = onbekend).",
                             "en": "Row {row}, column '{column}': '{value}' is not an amount of 0 or more (empty = unknown)."},
    "licences.error.date": {"nl": "Rij {row}, kolom '{column}': '{value}' is geen datum.",
                            "en": "Row {row}, column '{column}': '{value}' is not a date."},
    "licences.error.before": {"nl": "Rij {row}, kolom '{column}': {value} ligt vóór 'Geldig vanaf'.",
                              "en": "Row {row}, column '{column}': {value} is before 'Valid from'."},
    "licences.error.too_many": {"nl": "Hoogstens {max} licentieregels.", "en": "At most {max} licence rows."},
    "licences.error.reason": {"nl": "Geef een reden op (bijvoorbeeld het besluit of de instemming van de OR).",
                              "en": "Give a reason (for example the decision or the works council's consent)."},
    "licences.error.reason_text": {"nl": "De reden: tekst zonder stuurtekens, hoogstens {max} tekens.",
                                   "en": "The reason: text without control characters, at most {max} characters."},
    # ---------------------------------------------------------------- Admin: the idle-seat list
    "licences.idle.title": {"nl": "Ongebruikte licenties per persoon", "en": "Idle seats by person"},
    "licences.idle.caption": {
        "nl": "Mensen noemen die een tool niet gebruiken is monitoring van medewerkers (in Nederland "
              "instemming van de OR, WOR art. 27). De lijst bestaat alleen voor beheerders, alleen als een "
              "beheerder hem met een reden aanzet, en elke weergave komt in de auditlog.",
        "en": "Naming people who do not use a tool is employee monitoring (in the Netherlands it needs "
              "the works council's consent, WOR art. 27). The list exists only for admins, only when an "
              "admin switches it on with a reason, and every view goes to the audit log.",
    },
    "licences.idle.off": {"nl": "Uit.", "en": "Off."},
    "licences.idle.on": {"nl": "Aan sinds {at} door {by}. Reden: {reason}",
                         "en": "On since {at} by {by}. Reason: {reason}"},
    "licences.idle.reason": {"nl": "Reden (verplicht)", "en": "Reason (required)"},
    "licences.idle.enable": {"nl": "Lijst aanzetten", "en": "Switch the list on"},
    "licences.idle.disable": {"nl": "Lijst uitzetten", "en": "Switch the list off"},
    "licences.idle.show": {"nl": "Lijst tonen (wordt gelogd)", "en": "Show the list (logged)"},
    "licences.idle.none": {"nl": "Geen ongebruikte licenties.", "en": "No idle seats."},
    "licences.idle.col.person": {"nl": "Persoon", "en": "Person"},
    "licences.idle.col.department": {"nl": "Afdeling", "en": "Department"},
    "licences.idle.col.tool": {"nl": "AI-tool", "en": "AI tool"},
    "licences.idle.col.held_from": {"nl": "Licentie sinds", "en": "Seat since"},
    "licences.idle.col.last_action": {"nl": "Laatste actie", "en": "Last action"},
    "licences.idle.never": {"nl": "nooit", "en": "never"},
    # ---------------------------------------------------------------- Adoption page: the funnel
    "licences.funnel.title": {"nl": "Van licentie tot power user", "en": "From licence to power user"},
    "licences.funnel.caption": {
        "nl": "Op {date}. Licentie → ooit geprobeerd → actief (actie in de laatste {days} dagen) → "
              "gewoontegebruiker (actief in ≥ 9 van 12 weken) → power user (ook ≥ 15 acties per week). "
              "Over alle tools telt ieder één keer. Groepen kleiner dan {min} zijn verborgen.",
        "en": "On {date}. Licensed → tried → active (an action in the last {days} days) → habitual "
              "(active in ≥ 9 of 12 weeks) → power user (also ≥ 15 actions a week). Across tools each "
              "person counts once. Groups smaller than {min} are hidden.",
    },
    "licences.funnel.scope": {"nl": "Tool", "en": "Tool"},
    "licences.funnel.all_tools": {"nl": "Alle tools (ieder één keer)", "en": "All tools (each person once)"},
    "licences.funnel.step": {"nl": "Stap", "en": "Step"},
    "licences.funnel.people": {"nl": "Mensen", "en": "People"},
    "licences.funnel.drop": {"nl": "Uitval", "en": "Drop"},
    "licences.funnel.hidden": {"nl": "Te weinig mensen om te tonen (minder dan {min}).",
                               "en": "Too few people to show (fewer than {min})."},
    "licences.funnel.trend": {"nl": "Trechter per week", "en": "Funnel by week"},
    "licences.funnel.by_department": {"nl": "Per afdeling (alle tools)", "en": "By department (all tools)"},
    "licences.funnel.department": {"nl": "Afdeling", "en": "Department"},
    "licences.funnel.hidden_departments": {"nl": "Verborgen (te klein): {names}.",
                                           "en": "Hidden (too small): {names}."},
    "licences.overlap.title": {"nl": "Hoeveel tools gebruikt men?", "en": "How many tools do people use?"},
    "licences.overlap.tools": {"nl": "Tools", "en": "Tools"},
    "licences.overlap.cell": {"nl": "{n} tool(s)", "en": "{n} tool(s)"},
    "licences.overlap.cell3": {"nl": "3 of meer tools", "en": "3 or more tools"},
    "licences.overlap.caption": {
        "nl": "Mensen met een actie in de laatste {days} dagen, naar het aantal tools dat ze gebruikten.",
        "en": "People with an action in the last {days} days, by the number of tools they used.",
    },
    "licences.ttfu.title": {"nl": "Tijd tot eerste gebruik", "en": "Time to first use"},
    "licences.ttfu.caption": {
        "nl": "Dagen van AI-toegang (of eerste training) tot de eerste AI-actie: mediaan en kwartielen "
              "van wie begonnen is; 'nog niet begonnen na N dagen' = aandeel van wie al N dagen toegang "
              "heeft zonder actie binnen die N dagen.",
        "en": "Days from AI access (or first training) to the first AI action: median and quartiles "
              "of those who started; 'not started after N days' = share of those with access for N "
              "days or more without an action within those N days.",
    },
    "licences.ttfu.basis": {"nl": "Gerekend vanaf", "en": "Counted from"},
    "licences.ttfu.basis.licence": {"nl": "AI-toegang", "en": "AI access"},
    "licences.ttfu.basis.training": {"nl": "Eerste training", "en": "First training"},
    "licences.ttfu.group": {"nl": "Groep", "en": "Group"},
    "licences.ttfu.members": {"nl": "Mensen", "en": "People"},
    "licences.ttfu.started": {"nl": "Begonnen", "en": "Started"},
    "licences.ttfu.median": {"nl": "Mediaan (dagen)", "en": "Median (days)"},
    "licences.ttfu.quartiles": {"nl": "Kwartielen (dagen)", "en": "Quartiles (days)"},
    "licences.ttfu.never": {"nl": "Niet begonnen na {n} d", "en": "Not started after {n} d"},
    "licences.ttfu.company": {"nl": "Hele selectie", "en": "Whole selection"},
    "licences.ttfu.by_segment": {"nl": "Per adoptiesegment", "en": "By adoption segment"},
    "licences.ttfu.by_department": {"nl": "Per afdeling", "en": "By department"},
    # ---------------------------------------------------------------- costs table
    "licences.costs.title": {"nl": "Licenties en kosten per tool", "en": "Licences and cost per tool"},
    "licences.costs.caption": {
        "nl": "Op {date}. Ongebruikt = houder zonder actie in die tool in de laatste {idle} dagen "
              "(instelling). Aantallen van groepen kleiner dan {min} zijn verborgen.",
        "en": "On {date}. Idle = holder without an action in that tool in the last {idle} days "
              "(a setting). Counts of groups smaller than {min} are hidden.",
    },
    "licences.costs.seats": {"nl": "Licenties", "en": "Seats"},
    "licences.costs.assigned": {"nl": "Toegewezen", "en": "Assigned"},
    "licences.costs.unassigned": {"nl": "Niet toegewezen", "en": "Unassigned"},
    "licences.costs.price": {"nl": "Prijs/licentie/mnd", "en": "Price/seat/mo"},
    "licences.costs.cost": {"nl": "Kosten/mnd", "en": "Cost/mo"},
    "licences.costs.active": {"nl": "Actief", "en": "Active"},
    "licences.costs.per_active": {"nl": "Per actieve gebruiker", "en": "Per active user"},
    "licences.costs.idle": {"nl": "Ongebruikt", "en": "Idle"},
    "licences.costs.idle_cost": {"nl": "Ongebruikt/mnd", "en": "Idle/mo"},
    "licences.costs.unknown": {"nl": "onbekend", "en": "unknown"},
    "licences.costs.by_department": {"nl": "Per afdeling en tool", "en": "By department and tool"},
    # ---------------------------------------------------------------- value against cost
    "licences.value.title": {"nl": "Waarde tegenover kosten", "en": "Value against cost"},
    "licences.value.caption": {
        "nl": "Gemeten pilotwaarde per maand naast de licentiekosten per maand. Voor/na is een "
              "waarneming, geen bewijs dat AI het verschil veroorzaakte.",
        "en": "The pilots' measured value per month beside the licence cost per month. Before/after "
              "is observational, not proof that AI caused the difference.",
    },
    # ---------------------------------------------------------------- steering slide
    "steering.slide.licences": {"nl": "Licenties: kosten en gebruik", "en": "Licences: cost and use"},
    "steering.note.licence_cost": {
        "nl": "{seats} licenties, {assigned} toegewezen, {active} actief in {days} dagen.",
        "en": "{seats} seats, {assigned} assigned, {active} active in {days} days.",
    },
    "steering.note.idle": {
        "nl": "Houders zonder actie in de laatste {idle} dagen: {cost} per maand.",
        "en": "Holders without an action in the last {idle} days: {cost} per month.",
    },
    "steering.num.idle": {"nl": "Ongebruikte licenties", "en": "Idle seats"},
    "steering.caption.licences": {
        "nl": "Kosten uit de licenties; gebruik uit de exports, groepen kleiner dan {min} verborgen. "
              "Pilotwaarde tegenover kosten is een waarneming, geen oorzakelijk verband.",
        "en": "Cost from the licences; use from the exports, groups smaller than {min} hidden. Pilot "
              "value against cost is observational, not causal.",
    },
}
