"""Texts of the Stakeholders page (canvas, roles, focus list, history, editing)."""

TEXTS = {
    "nav.stakeholders": {"nl": "Stakeholders", "en": "Stakeholders"},
    "stakeholders.title": {"nl": "Stakeholders", "en": "Stakeholders"},
    "stakeholders.question": {
        "nl": "Wie trekt, wie remt, en wie is verschoven sinds de vorige ronde?",
        "en": "Who pulls, who holds back, and who moved since the last round?",
    },
    "stakeholders.definition": {
        "nl": "Per persoon telt de laatste beoordeling t/m {date}: invloed 3–5 is hoog (bovenste "
              "rij), houding > 0 positief, < 0 negatief, 0 twijfelt. Beoordelingen ouder dan "
              "{days} dagen zijn te laat.",
        "en": "Each person's latest assessment up to {date} counts: influence 3–5 is high (top "
              "row), attitude > 0 positive, < 0 negative, 0 undecided. Assessments older than "
              "{days} days are overdue.",
    },
    # ---------------------------------------------------------------- filters
    "stakeholders.filter.level": {"nl": "Functieniveau", "en": "Level"},
    "stakeholders.filter.category": {"nl": "Categorie", "en": "Category"},
    "stakeholders.filter.role": {"nl": "RACI-rol", "en": "RACI role"},
    "stakeholders.filter.all": {"nl": "Alle", "en": "All"},
    # ---------------------------------------------------------------- vocabulary
    "stakeholders.place.key_champions": {"nl": "Sleutelkampioenen", "en": "Key Champions"},
    "stakeholders.place.critical_blockers": {"nl": "Kritieke blokkeerders", "en": "Critical Blockers"},
    "stakeholders.place.silent_supporters": {"nl": "Stille supporters", "en": "Silent Supporters"},
    "stakeholders.place.grumblers": {"nl": "Mopperaars", "en": "Grumblers"},
    "stakeholders.place.undecided": {"nl": "Twijfelaars", "en": "Undecided"},
    "stakeholders.place.unassessed": {"nl": "Niet beoordeeld", "en": "Not assessed"},
    "stakeholders.place.key_champions.help": {
        "nl": "Hoge invloed, positief: maak ze ambassadeur.",
        "en": "High influence, positive: make them ambassadors.",
    },
    "stakeholders.place.critical_blockers.help": {
        "nl": "Hoge invloed, negatief: overtuigen of neutraliseren.",
        "en": "High influence, negative: convince or neutralise.",
    },
    "stakeholders.place.silent_supporters.help": {
        "nl": "Lage invloed, positief: zichtbaar maken.",
        "en": "Low influence, positive: make them visible.",
    },
    "stakeholders.place.grumblers.help": {
        "nl": "Lage invloed, negatief: luisteren en laten ervaren.",
        "en": "Low influence, negative: listen and let them try.",
    },
    "stakeholders.place.undecided.help": {
        "nl": "Houding 0: nog op geen van beide kanten.",
        "en": "Attitude 0: on neither side yet.",
    },
    "stakeholders.category.champion": {"nl": "Kampioen", "en": "Champion"},
    "stakeholders.category.supporter": {"nl": "Supporter", "en": "Supporter"},
    "stakeholders.category.neutral": {"nl": "Neutraal", "en": "Neutral"},
    "stakeholders.category.skeptic": {"nl": "Scepticus", "en": "Skeptic"},
    "stakeholders.category.opponent": {"nl": "Tegenstander", "en": "Opponent"},
    "stakeholders.role.r": {"nl": "Responsible (voert uit)", "en": "Responsible (runs it)"},
    "stakeholders.role.a": {"nl": "Accountable (eindverantwoordelijk)", "en": "Accountable (owns the outcome)"},
    "stakeholders.role.c": {"nl": "Consulted (inhoudelijk betrekken)", "en": "Consulted (involved on content)"},
    "stakeholders.role.i": {"nl": "Informed (op de hoogte houden)", "en": "Informed (kept up to date)"},
    "stakeholders.role.influencer": {"nl": "Influencer (informele invloed)", "en": "Influencer (informal power)"},
    "stakeholders.role_short.r": {"nl": "R", "en": "R"},
    "stakeholders.role_short.a": {"nl": "A", "en": "A"},
    "stakeholders.role_short.c": {"nl": "C", "en": "C"},
    "stakeholders.role_short.i": {"nl": "I", "en": "I"},
    "stakeholders.role_short.influencer": {"nl": "Influencer", "en": "Influencer"},
    "stakeholders.yes": {"nl": "ja", "en": "yes"},
    "stakeholders.row.top": {"nl": "Bovenste rij", "en": "Top row"},
    "stakeholders.row.bottom": {"nl": "Onderste rij", "en": "Bottom row"},
    "stakeholders.row.unassessed": {"nl": "Niet beoordeeld", "en": "Not assessed"},
    # ---------------------------------------------------------------- metrics
    "stakeholders.metric.moved": {"nl": "Verschoven + / −", "en": "Moved + / −"},
    "stakeholders.metric.moved.value": {"nl": "{up} / {down}", "en": "{up} / {down}"},
    "stakeholders.metric.moved.help": {
        "nl": "Aantal personen van wie de houding sinds hun vorige beoordeling positiever (+) of "
              "negatiever (−) is geworden.",
        "en": "People whose attitude became more positive (+) or more negative (−) since their "
              "previous assessment.",
    },
    "stakeholders.metric.overdue": {"nl": "Herbeoordeling te laat", "en": "Overdue"},
    "stakeholders.metric.overdue.help": {
        "nl": "Personen van wie de laatste beoordeling ouder is dan {days} dagen (instelling).",
        "en": "People whose latest assessment is older than {days} days (a setting).",
    },
    "stakeholders.metric.count.help": {
        "nl": "{help} Aantal personen met hun laatste beoordeling in dit kwadrant.",
        "en": "{help} People whose latest assessment places them here.",
    },
    "stakeholders.metric.assessed": {
        "nl": "{assessed} beoordeeld · {missing} niet beoordeeld",
        "en": "{assessed} assessed · {missing} not assessed",
    },
    # ---------------------------------------------------------------- warnings
    "stakeholders.warn.no_accountable": {
        "nl": "Niemand is Accountable: wijs een eindverantwoordelijke voor de AI-uitrol aan.",
        "en": "No one is Accountable: name an owner of the AI rollout's outcome.",
    },
    "stakeholders.warn.no_influencer": {
        "nl": "Er is geen Influencer benoemd. Vraag HR, ervaren collega's en teamleiders wie "
              "informeel de toon zet.",
        "en": "No Influencer is named. Ask HR, long-time staff and team leads who sets the "
              "tone informally.",
    },
    "stakeholders.warn.unassessed_high_influence": {
        "nl": "{n} personen in (midden)management zijn nooit beoordeeld; hun invloed is "
              "waarschijnlijk hoog: {names}",
        "en": "{n} people in (middle) management were never assessed; their influence is "
              "probably high: {names}",
    },
    "stakeholders.warn.influencer_low_level": {
        "nl": "Informele leiders (Influencer zonder leidinggevende functie), makkelijk over het "
              "hoofd gezien: {names}",
        "en": "Informal leaders (Influencers without a management position), easily "
              "overlooked: {names}",
    },
    # ---------------------------------------------------------------- tabs
    "stakeholders.tab.canvas": {"nl": "Invloed × houding", "en": "Influence × attitude"},
    "stakeholders.tab.focus": {"nl": "Focuslijst", "en": "Focus list"},
    "stakeholders.tab.roles": {"nl": "Rollen (RACI + Influencer)", "en": "Roles (RACI + Influencer)"},
    "stakeholders.tab.history": {"nl": "Verloop", "en": "History"},
    "stakeholders.tab.edit": {"nl": "Bijwerken", "en": "Update"},
    # ---------------------------------------------------------------- canvas
    "stakeholders.chart.influence": {"nl": "Invloed (1–5)", "en": "Influence (1–5)"},
    "stakeholders.chart.attitude": {"nl": "Houding (−2 tegen … +2 voor)", "en": "Attitude (−2 against … +2 for)"},
    "stakeholders.chart.category": {"nl": "Categorie", "en": "Category"},
    "stakeholders.chart.level": {"nl": "Functieniveau", "en": "Level"},
    "stakeholders.chart.name": {"nl": "Naam", "en": "Name"},
    "stakeholders.chart.department": {"nl": "Afdeling", "en": "Department"},
    "stakeholders.chart.quadrant": {"nl": "Kwadrant", "en": "Quadrant"},
    "stakeholders.chart.assessed_on": {"nl": "Beoordeeld op", "en": "Assessed on"},
    "stakeholders.chart.previous": {"nl": "Vorige keer", "en": "Previous"},
    "stakeholders.chart.score": {"nl": "invloed {influence}, houding {attitude}", "en": "influence {influence}, attitude {attitude}"},
    "stakeholders.chart.none": {"nl": "geen", "en": "none"},
    "stakeholders.chart.quadrant_label": {"nl": "{name} · {count}", "en": "{name} · {count}"},
    "stakeholders.canvas.caption": {
        "nl": "n = {n} beoordeelde personen. Pijl: van de vorige naar de laatste beoordeling "
              "(open rondje = vorige positie). Personen met dezelfde score staan onder elkaar "
              "in hun vak. Kleur = categorie, vorm = functieniveau. Download als PNG via het "
              "menu (…) rechtsboven de grafiek.",
        "en": "n = {n} people assessed. Arrow: from the previous to the latest assessment "
              "(open circle = previous position). People with the same score are stacked in "
              "their cell. Colour = category, shape = level. Download as PNG from the chart's "
              "menu (…) at its top right.",
    },
    "stakeholders.canvas.empty": {
        "nl": "Geen beoordeelde personen in deze selectie.",
        "en": "No assessed people in this selection.",
    },
    "stakeholders.unassessed.title": {"nl": "Nog niet beoordeeld", "en": "Not assessed yet"},
    "stakeholders.unassessed.caption": {
        "nl": "Deze personen staan niet op het canvas omdat ze geen score hebben; ze vallen "
              "niet weg.",
        "en": "These people are not on the canvas because they have no score; they are not "
              "dropped.",
    },
    "stakeholders.moves.title": {"nl": "Verschoven sinds de vorige ronde", "en": "Moved since the previous round"},
    "stakeholders.moves.none": {
        "nl": "Niemand is verschoven sinds zijn of haar vorige beoordeling.",
        "en": "No one moved since their previous assessment.",
    },
    "stakeholders.moves.caption": {
        "nl": "{up} positiever, {down} negatiever; {changed} van kwadrant gewisseld.",
        "en": "{up} more positive, {down} more negative; {changed} changed quadrant.",
    },
    "stakeholders.moved.positive": {"nl": "positiever", "en": "more positive"},
    "stakeholders.moved.negative": {"nl": "negatiever", "en": "more negative"},
    "stakeholders.moved.none": {"nl": "gelijk", "en": "same"},
    # ---------------------------------------------------------------- tables
    "stakeholders.col.row": {"nl": "Rij", "en": "Row"},
    "stakeholders.col.name": {"nl": "Naam", "en": "Name"},
    "stakeholders.col.department": {"nl": "Afdeling", "en": "Department"},
    "stakeholders.col.level": {"nl": "Functieniveau", "en": "Level"},
    "stakeholders.col.segment": {"nl": "Adoptiesegment", "en": "Adoption segment"},
    "stakeholders.col.quadrant": {"nl": "Kwadrant", "en": "Quadrant"},
    "stakeholders.col.category": {"nl": "Categorie", "en": "Category"},
    "stakeholders.col.influence": {"nl": "Invloed", "en": "Influence"},
    "stakeholders.col.attitude": {"nl": "Houding", "en": "Attitude"},
    "stakeholders.col.roles": {"nl": "Rollen", "en": "Roles"},
    "stakeholders.col.next_action": {"nl": "Volgende actie", "en": "Next action"},
    "stakeholders.col.owner": {"nl": "Eigenaar", "en": "Owner"},
    "stakeholders.col.due": {"nl": "Uiterlijk", "en": "Due"},
    "stakeholders.col.suggested": {"nl": "Voorstel uit het draaiboek", "en": "Suggested (playbook)"},
    "stakeholders.col.assessed_on": {"nl": "Beoordeeld op", "en": "Assessed on"},
    "stakeholders.col.overdue": {"nl": "Te laat", "en": "Overdue"},
    "stakeholders.col.from": {"nl": "Van", "en": "From"},
    "stakeholders.col.to": {"nl": "Naar", "en": "To"},
    "stakeholders.col.change": {"nl": "Verandering", "en": "Change"},
    "stakeholders.col.informal": {"nl": "Let op", "en": "Note"},
    "stakeholders.informal_leader": {"nl": "Informele leider", "en": "Informal leader"},
    "stakeholders.col.assessed_by": {"nl": "Beoordeeld door", "en": "Assessed by"},
    "stakeholders.col.note": {"nl": "Notitie", "en": "Note"},
    "stakeholders.focus.caption": {
        "nl": "Bovenste rij eerst (80% van de energie), dan op invloed en meest negatieve "
              "houding. Het voorstel volgt het draaiboek uit het artikel per kwadrant, "
              "functieniveau en adoptiesegment.",
        "en": "Top row first (80% of the energy), then by influence and most negative "
              "attitude. The suggestion follows the article's playbook by quadrant, level and "
              "adoption segment.",
    },
    "stakeholders.download.csv": {"nl": "Focuslijst als CSV", "en": "Focus list as CSV"},
    "stakeholders.download.xlsx": {"nl": "Focuslijst als Excel", "en": "Focus list as Excel"},
    "stakeholders.download.file": {"nl": "focuslijst-stakeholders", "en": "stakeholder-focus-list"},
    "stakeholders.roles.caption": {
        "nl": "Rollen uit ieders laatste beoordeling; iemand kan meerdere rollen hebben.",
        "en": "Roles from each person's latest assessment; a person can hold several.",
    },
    "stakeholders.roles.count": {"nl": "{role}: {n}", "en": "{role}: {n}"},
    "stakeholders.history.person": {"nl": "Persoon", "en": "Person"},
    "stakeholders.history.caption": {
        "nl": "Elke beoordeling is een eigen rij met datum; niets wordt overschreven.",
        "en": "Every assessment is a dated row of its own; nothing is overwritten.",
    },
    "stakeholders.history.empty": {
        "nl": "Deze persoon is nog niet beoordeeld.",
        "en": "This person has not been assessed yet.",
    },
    "stakeholders.history.overdue": {
        "nl": "Laatste beoordeling is {age} dagen oud: herbeoordeling is te laat (na {days} dagen).",
        "en": "The latest assessment is {age} days old: reassessment is overdue (after {days} days).",
    },
    # ---------------------------------------------------------------- playbook
    "stakeholders.playbook.blocker_middle": {
        "nl": "Een-op-een gesprek: neem de angst om overbodig te worden serieus en laat zien hoe "
              "de rol verandert (minder routine, meer kwaliteit, ontlasting van het team).",
        "en": "One-to-one talk: take the fear of becoming redundant seriously and show how the "
              "role changes (less routine, better quality, relief for the team).",
    },
    "stakeholders.playbook.blocker_management": {
        "nl": "Businesscase met harde cijfers: ROI, wat concurrenten doen, het risico van niets "
              "doen en snelle resultaten.",
        "en": "Business case with hard numbers: ROI, what competitors do, the risk of doing "
              "nothing, and quick wins.",
    },
    "stakeholders.playbook.blocker_it": {
        "nl": "Concrete use cases met budget en deadline; beveiliging, integratie en AVG samen "
              "uitwerken in plaats van 'doe maar AI'.",
        "en": "Concrete use cases with budget and deadline; work out security, integration and "
              "GDPR together instead of 'just do AI'.",
    },
    "stakeholders.playbook.blocker_opponent": {
        "nl": "Begrijpen, respecteren, betrekken: vraag naar de bezwaren en maak hem of haar "
              "kritische reviewer — lukt dat niet, isoleer de invloed.",
        "en": "Understand, respect, involve: ask about the objections and make them a critical "
              "reviewer — if that fails, isolate their influence.",
    },
    "stakeholders.playbook.blocker_employee": {
        "nl": "Persoonlijk gesprek over baanzekerheid; praktijkervaring, training en een vast "
              "aanspreekpunt.",
        "en": "Personal talk about job security; hands-on experience, training and a fixed "
              "contact person.",
    },
    "stakeholders.playbook.champion_early_adopter": {
        "nl": "Maak ambassadeur: bèta-toegang, laat collega's trainen en vraag regelmatig om "
              "feedback.",
        "en": "Make them an ambassador: beta access, let them train colleagues, ask for "
              "feedback regularly.",
    },
    "stakeholders.playbook.champion_management": {
        "nl": "Sponsor: laat cijfers en snelle resultaten zelf uitdragen in MT en "
              "personeelsbijeenkomst.",
        "en": "Sponsor: let them present the numbers and quick wins in management and staff "
              "meetings.",
    },
    "stakeholders.playbook.champion_middle": {
        "nl": "Trekker in het eigen team: procesverbetering en minder fouten laten zien, "
              "collega-afdelingshoofden coachen.",
        "en": "Lead in their own team: show process improvement and fewer errors, coach fellow "
              "department heads.",
    },
    "stakeholders.playbook.champion_it": {
        "nl": "Technisch ambassadeur: mede-eigenaar van beveiliging, integratie en beheer.",
        "en": "Technical ambassador: co-owner of security, integration and maintenance.",
    },
    "stakeholders.playbook.champion_employee": {
        "nl": "Informele ambassadeur: eigen succesverhaal laten vertellen en use cases laten "
              "meebedenken.",
        "en": "Informal ambassador: let them tell their own success story and co-create use "
              "cases.",
    },
    "stakeholders.playbook.supporter_early_adopter": {
        "nl": "Bèta-toegang en een podium: laat een AI Lunch & Learn geven en vraag om feedback.",
        "en": "Beta access and a stage: let them give an AI Lunch & Learn and ask for feedback.",
    },
    "stakeholders.playbook.supporter": {
        "nl": "Zichtbaar maken: succesverhalen, stap-voor-stap-instructies en aanbevelingen van "
              "collega's.",
        "en": "Make visible: success stories, step-by-step instructions and peer "
              "recommendations.",
    },
    "stakeholders.playbook.grumbler_late": {
        "nl": "Persoonlijke begeleiding, een duidelijk aanspreekpunt, voorzichtige duwtjes van "
              "collega's en aangetoonde waarde.",
        "en": "Personal coaching, a clear contact person, gentle nudges from peers and "
              "demonstrated value.",
    },
    "stakeholders.playbook.grumbler": {
        "nl": "Luister naar de bezwaren en laat het zelf ervaren: demonstratie op de werkplek, "
              "AI Lunch & Learn.",
        "en": "Listen to the objections and let them try it: a demo at their workplace, an AI "
              "Lunch & Learn.",
    },
    "stakeholders.playbook.undecided_management": {
        "nl": "Overtuigen met cijfers: businesscase, wat concurrenten doen, risico van niets "
              "doen.",
        "en": "Convince with numbers: business case, what competitors do, the risk of doing "
              "nothing.",
    },
    "stakeholders.playbook.undecided_middle": {
        "nl": "Laat zien of AI het werk makkelijker maakt: procesoptimalisatie, minder fouten, "
              "ontlasting en training.",
        "en": "Show whether AI makes the work easier: process optimisation, fewer errors, "
              "relief for staff and training.",
    },
    "stakeholders.playbook.undecided_employee": {
        "nl": "Praktijkervaring, interne succesverhalen, training met certificaat en use cases "
              "samen bedenken.",
        "en": "Hands-on experience, internal success stories, training with a certificate and "
              "co-created use cases.",
    },
    "stakeholders.playbook.undecided_it": {
        "nl": "Duidelijke use cases, budget en deadlines; beveiliging en AVG vooraf regelen.",
        "en": "Clear use cases, budget and deadlines; settle security and GDPR up front.",
    },
    "stakeholders.playbook.undecided_low": {
        "nl": "Interne succesverhalen en zichtbare snelle resultaten; uitnodigen voor de AI "
              "Lunch & Learn.",
        "en": "Internal success stories and visible quick wins; invite to the AI Lunch & Learn.",
    },
    "stakeholders.playbook.unassessed": {
        "nl": "Beoordeel invloed en houding — niet alleen: vraag HR, ervaren collega's en "
              "teamleiders.",
        "en": "Assess influence and attitude — not alone: ask HR, long-time staff and team "
              "leads.",
    },
    # ---------------------------------------------------------------- editing
    "stakeholders.edit.caption": {
        "nl": "Voor projectleiders. Elke wijziging komt in het auditlog; een nieuwe beoordeling "
              "wordt een nieuwe rij met datum, de vorige blijft bewaard.",
        "en": "For project leads. Every change lands in the audit log; a new assessment becomes "
              "a new dated row, the previous one is kept.",
    },
    "stakeholders.form.assess": {"nl": "Nieuwe beoordeling vastleggen", "en": "Record a new assessment"},
    "stakeholders.form.action": {"nl": "Volgende actie aanpassen", "en": "Edit the next action"},
    "stakeholders.form.person": {"nl": "Persoon toevoegen", "en": "Add a person"},
    "stakeholders.form.bulk": {"nl": "Meerdere tegelijk bijwerken", "en": "Bulk edit"},
    "stakeholders.form.bulk.caption": {
        "nl": "Wijzig invloed, houding of categorie (wordt een nieuwe beoordeling op de datum "
              "hieronder) of de volgende actie (past de laatste beoordeling aan). Alles wordt "
              "in één keer opgeslagen, of niets.",
        "en": "Change influence, attitude or category (becomes a new assessment on the date "
              "below) or the next action (edits the latest assessment). Everything is saved "
              "at once, or nothing.",
    },
    "stakeholders.form.choose": {"nl": "Kies…", "en": "Choose…"},
    "stakeholders.form.submit_assess": {"nl": "Beoordeling opslaan", "en": "Save assessment"},
    "stakeholders.form.submit_action": {"nl": "Actie opslaan", "en": "Save action"},
    "stakeholders.form.submit_person": {"nl": "Persoon toevoegen", "en": "Add person"},
    "stakeholders.form.submit_bulk": {"nl": "Wijzigingen opslaan", "en": "Save changes"},
    "stakeholders.saved.assess": {
        "nl": "Beoordeling van {name} opgeslagen.",
        "en": "Assessment of {name} saved.",
    },
    "stakeholders.saved.action": {"nl": "Volgende actie van {name} opgeslagen.", "en": "Next action of {name} saved."},
    "stakeholders.saved.person": {
        "nl": "{name} is toegevoegd; leg nu een beoordeling vast.",
        "en": "{name} was added; now record an assessment.",
    },
    "stakeholders.saved.bulk": {
        "nl": "{new} nieuwe beoordeling(en) en {updated} aangepaste actie(s) opgeslagen.",
        "en": "{new} new assessment(s) and {updated} edited action(s) saved.",
    },
    "stakeholders.saved.nothing": {"nl": "Er was niets gewijzigd.", "en": "Nothing had changed."},
    "stakeholders.not_saved": {
        "nl": "Niet opgeslagen — er is niets gewijzigd:",
        "en": "Not saved — nothing was changed:",
    },
    "stakeholders.field.display_name": {"nl": "Naam", "en": "Name"},
    "stakeholders.field.department": {"nl": "Afdeling", "en": "Department"},
    "stakeholders.field.level": {"nl": "Functieniveau", "en": "Level"},
    "stakeholders.field.segment": {"nl": "Adoptiesegment", "en": "Adoption segment"},
    "stakeholders.field.person": {"nl": "Persoon", "en": "Person"},
    "stakeholders.field.assessed_on": {"nl": "Beoordeeld op", "en": "Assessed on"},
    "stakeholders.field.influence": {"nl": "Invloed (1–5)", "en": "Influence (1–5)"},
    "stakeholders.field.attitude": {"nl": "Houding (−2…+2)", "en": "Attitude (−2…+2)"},
    "stakeholders.field.category": {"nl": "Categorie", "en": "Category"},
    "stakeholders.field.roles": {"nl": "Rollen", "en": "Roles"},
    "stakeholders.field.note": {"nl": "Notitie", "en": "Note"},
    "stakeholders.field.assessed_by": {"nl": "Beoordeeld door", "en": "Assessed by"},
    "stakeholders.field.next_action": {"nl": "Volgende actie", "en": "Next action"},
    "stakeholders.field.action_owner": {"nl": "Eigenaar actie", "en": "Action owner"},
    "stakeholders.field.action_due": {"nl": "Actie uiterlijk", "en": "Action due"},
    "stakeholders.error.required": {"nl": "{field}: vul dit in.", "en": "{field}: this is required."},
    "stakeholders.error.too_long": {
        "nl": "{field}: te lang (hoogstens {max} tekens).",
        "en": "{field}: too long (at most {max} characters).",
    },
    "stakeholders.error.control_chars": {
        "nl": "{field}: bevat onzichtbare stuurtekens; typ de tekst opnieuw of plak hem zonder opmaak.",
        "en": "{field}: contains invisible control characters; retype the text or paste it without formatting.",
    },
    "stakeholders.error.bad_date": {"nl": "{field}: geen geldige datum.", "en": "{field}: not a valid date."},
    "stakeholders.error.future": {"nl": "{field}: mag niet in de toekomst liggen.", "en": "{field}: must not be in the future."},
    "stakeholders.error.range": {
        "nl": "{field}: kies een geheel getal van {low} tot en met {high}.",
        "en": "{field}: choose a whole number from {low} to {high}.",
    },
    "stakeholders.error.choice": {"nl": "{field}: kies een van de mogelijkheden.", "en": "{field}: choose one of the options."},
    "stakeholders.error.category_attitude": {
        "nl": "{field}: past niet bij de houding (een kampioen is positief, een tegenstander "
              "negatief).",
        "en": "{field}: does not match the attitude (a champion is positive, an opponent "
              "negative).",
    },
    "stakeholders.error.name_taken": {
        "nl": "{field}: deze naam bestaat al.",
        "en": "{field}: this name already exists.",
    },
    "stakeholders.error.due_before_assessment": {
        "nl": "{field}: ligt vóór de beoordelingsdatum.",
        "en": "{field}: is before the assessment date.",
    },
    "stakeholders.error.in_row": {"nl": "Rij {row}: {message}", "en": "Row {row}: {message}"},
    "stakeholders.error.changed_meanwhile": {
        "nl": "{field}: iemand anders heeft dit intussen gewijzigd. Niets opgeslagen; bekijk de "
              "nieuwe stand en probeer het opnieuw.",
        "en": "{field}: someone else changed this in the meantime. Nothing was saved; look at "
              "the new values and try again.",
    },
}
