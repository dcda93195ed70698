"""Texts of the Acceptance & surveys page, its exports and its advice (from the article)."""

TEXTS = {
    "nav.acceptance": {"nl": "Acceptatie & peilingen", "en": "Acceptance & surveys"},
    "acceptance.privacy": {
        "nl": "Privacy: een cijfer verschijnt pas vanaf {min} respondenten, en geen combinatie van "
              "filters of uitsplitsingen laat een kleinere groep zien door verschil. Open antwoorden "
              "pas vanaf {open}, zonder afdeling of niveau.",
        "en": "Privacy: a figure appears only from {min} respondents, and no combination of filters "
              "or breakdowns reveals a smaller group by difference. Open answers only from {open}, "
              "without department or level.",
    },
    "acceptance.wave.choose": {"nl": "Peiling", "en": "Survey wave"},
    "acceptance.wave.choose.help": {
        "nl": "De peiling waarvan de vragen, uitsplitsingen en suggesties hieronder gaan.",
        "en": "The wave that the items, breakdowns and suggestions below are about.",
    },
    "acceptance.card.interval": {"nl": "n = {n} · 95%-interval {low}–{high}",
                                 "en": "n = {n} · 95% interval {low}–{high}"},
    "acceptance.card.n": {"nl": "n = {n}", "en": "n = {n}"},
    "acceptance.response.label": {"nl": "Respons", "en": "Response rate"},
    "acceptance.response.help": {
        "nl": "Respondenten / uitgenodigde medewerkers, zoals ingevuld bij de peiling. Zonder "
              "dat aantal geen respons: delen door iedereen op de personeelslijst telt mensen "
              "mee die nooit gevraagd zijn.",
        "en": "Respondents / staff invited, as entered for the wave. Without that number there "
              "is no response rate: dividing by everyone on the staff list counts people who "
              "were never asked.",
    },
    "acceptance.response.no_invited": {
        "nl": "Vul bij de peiling in hoeveel mensen zijn uitgenodigd.",
        "en": "Enter how many people were invited to this wave.",
    },
    "acceptance.response.detail": {"nl": "{n} respondenten", "en": "{n} respondents"},
    "acceptance.response.detail_scope": {
        "nl": "Alleen voor het hele bedrijf: het aantal uitgenodigden geldt voor iedereen",
        "en": "Whole company only: the number invited is the company's"},
    "acceptance.too_few_short": {"nl": "te weinig\nrespondenten", "en": "too few\nrespondents"},
    "acceptance.too_few_inline": {"nl": "te weinig respondenten", "en": "too few respondents"},
    "acceptance.segment.value": {"nl": "{value} (n = {n})", "en": "{value} (n = {n})"},
    # ---------------------------------------------------------------- sections
    "acceptance.section.trend": {"nl": "Acceptatie per peiling", "en": "Acceptance per wave"},
    "acceptance.section.items": {"nl": "Antwoorden per vraag · {wave}", "en": "Answers per item · {wave}"},
    "acceptance.section.breakdowns": {"nl": "Uitsplitsingen · {wave}", "en": "Breakdowns · {wave}"},
    "acceptance.tab.items": {"nl": "Antwoorden per vraag", "en": "Answers per item"},
    "acceptance.tab.breakdowns": {"nl": "Uitsplitsingen", "en": "Breakdowns"},
    "acceptance.section.advice": {"nl": "Wat nu? Suggesties", "en": "What next? Suggestions"},
    "acceptance.section.waves": {"nl": "Peilingen en vragenlijst", "en": "Survey waves and questionnaire"},
    "acceptance.no_waves": {
        "nl": "Er is geen peiling in deze periode. Maak hieronder een peiling aan en download de vragenlijst.",
        "en": "There is no survey wave in this period. Create one below and download the questionnaire.",
    },
    "acceptance.all_hidden": {
        "nl": "Niet te tonen: in deze selectie zou een groep van minder dan {min} respondenten herleidbaar zijn.",
        "en": "Not shown: this selection would expose a group of fewer than {min} respondents.",
    },
    "acceptance.trend.caption": {
        "nl": "Acceptatie = aandeel dat 4 of 5 antwoordt op 'Ik wil de AI-tools blijven gebruiken'. "
              "Verticale streepjes: 95%-interval. ★ = verschil met de vorige peiling is significant "
              "(twee-proportietoets, p < 0,05). Casussen uit het artikel: machinebouwer 89% acceptatie "
              "na 6 maanden; belastingadviseur 91% wil AI blijven gebruiken.",
        "en": "Acceptance = share answering 4 or 5 to 'I want to keep using the AI tools'. Vertical "
              "bars: 95% interval. ★ = the change since the previous wave is significant "
              "(two-proportion test, p < 0.05). Case studies from the article: machine builder 89% "
              "acceptance after 6 months; tax advisers 91% want to keep using AI.",
    },
    "acceptance.chart.significant": {"nl": "★", "en": "★"},
    "acceptance.ref.six_months": {"nl": "Casus: {value} acceptatie na 6 maanden",
                                  "en": "Case: {value} acceptance after 6 months"},
    "acceptance.ref.keep_using": {"nl": "Casus: {value} wil blijven gebruiken",
                                  "en": "Case: {value} want to keep using"},
    "acceptance.col.date": {"nl": "Datum", "en": "Date"},
    "acceptance.col.change": {"nl": "Verschil", "en": "Change"},
    "acceptance.col.significant": {"nl": "Significant", "en": "Significant"},
    "acceptance.col.construct": {"nl": "Onderdeel", "en": "Construct"},
    "acceptance.col.items": {"nl": "Vragen", "en": "Items"},
    "acceptance.col.score": {"nl": "Score (1–5)", "en": "Score (1–5)"},
    "acceptance.col.favourable": {"nl": "Eens (4–5)", "en": "Agree (4–5)"},
    "acceptance.col.alpha": {"nl": "Cronbachs alfa", "en": "Cronbach's alpha"},
    "acceptance.col.invited": {"nl": "Uitgenodigd", "en": "Invited"},
    "acceptance.col.respondents": {"nl": "Respondenten", "en": "Respondents"},
    "acceptance.yes": {"nl": "ja", "en": "yes"},
    "acceptance.no": {"nl": "nee", "en": "no"},
    # ---------------------------------------------------------------- items and constructs
    "acceptance.scale.unfavourable": {"nl": "Oneens (1–2)", "en": "Disagree (1–2)"},
    "acceptance.scale.neutral": {"nl": "Neutraal (3)", "en": "Neutral (3)"},
    "acceptance.scale.favourable": {"nl": "Eens (4–5)", "en": "Agree (4–5)"},
    "acceptance.chart.share": {"nl": "Aandeel respondenten", "en": "Share of respondents"},
    "acceptance.chart.item": {"nl": "Vraag", "en": "Item"},
    "acceptance.chart.answer": {"nl": "Antwoord", "en": "Answer"},
    "acceptance.items.caption": {
        "nl": "Gesorteerd op aandeel 'eens'; n = {n}. Bij FEAR1 betekent 'eens' dat iemand zich "
              "zorgen maakt (lager is beter).",
        "en": "Sorted by share agreeing; n = {n}. For FEAR1, agreeing means being worried "
              "(lower is better).",
    },
    "acceptance.items.hidden": {
        "nl": "Niet getoond (te weinig respondenten, minder dan {min}, of herleidbaar via een andere selectie): {items}.",
        "en": "Not shown (too few respondents, fewer than {min}, or traceable via another selection): {items}.",
    },
    "acceptance.wave.no_answers": {"nl": "Deze peiling heeft nog geen antwoorden.",
                                   "en": "This wave has no answers yet."},
    "acceptance.constructs.title": {"nl": "Onderdelen", "en": "Constructs"},
    "acceptance.constructs.caption": {
        "nl": "Score = gemiddelde van de vragen van een onderdeel (1–5). Cronbachs alfa (betrouwbaarheid, "
              "0,7 of hoger is goed) alleen bij twee of meer vragen.",
        "en": "Score = mean of a construct's items (1–5). Cronbach's alpha (reliability, 0.7 or more "
              "is good) only for two or more items.",
    },
    "acceptance.construct.usefulness": {"nl": "Nut", "en": "Usefulness"},
    "acceptance.construct.ease_of_use": {"nl": "Gebruiksgemak", "en": "Ease of use"},
    "acceptance.construct.support": {"nl": "Ondersteuning", "en": "Support"},
    "acceptance.construct.trust": {"nl": "Vertrouwen", "en": "Trust"},
    "acceptance.construct.transparency": {"nl": "Transparantie", "en": "Transparency"},
    "acceptance.construct.participation": {"nl": "Inspraak", "en": "Participation"},
    "acceptance.construct.satisfaction": {"nl": "Tevredenheid", "en": "Satisfaction"},
    "acceptance.fear_enps.title": {"nl": "Angstindex en eNPS per peiling", "en": "Fear index and eNPS per wave"},
    "acceptance.fear.caption": {
        "nl": "Aandeel dat zich zorgen maakt dat AI de eigen baan overbodig maakt (4–5); lager is "
              "beter. Stippellijn: doel.",
        "en": "Share worried that AI will make their job redundant (4–5); lower is better. Dashed "
              "line: target.",
    },
    "acceptance.enps.caption": {
        "nl": "% 9–10 min % 0–6 op 'zou je de AI-tools aanbevelen?' (−100 tot 100). Stippellijn: doel.",
        "en": "% 9–10 minus % 0–6 on 'would you recommend the AI tools?' (−100 to 100). Dashed line: target.",
    },
    # ---------------------------------------------------------------- breakdowns
    "acceptance.heatmap.department": {"nl": "Aandeel 'eens' per vraag en afdeling",
                                      "en": "Share agreeing per item and department"},
    "acceptance.heatmap.level": {"nl": "Aandeel 'eens' per vraag en functieniveau",
                                 "en": "Share agreeing per item and level"},
    "acceptance.heatmap.caption": {
        "nl": "Grijs = te weinig respondenten (minder dan {min}), of verborgen zodat een kleine "
              "afdeling niet uit de andere cijfers is af te leiden.",
        "en": "Grey = too few respondents (fewer than {min}), or hidden so that a small department "
              "cannot be worked out from the other figures.",
    },
    "acceptance.heatmap.codes": {
        "nl": "De codes verwijzen naar de vragen hierboven; wijs een vak aan voor de vraag.",
        "en": "The codes refer to the items above; point at a cell to see the item.",
    },
    "acceptance.company_wide": {
        "nl": "Altijd voor het hele bedrijf: gecombineerd met een afdelingsfilter zou deze uitsplitsing "
              "kleine groepen herleidbaar maken.",
        "en": "Always for the whole company: combined with a department filter this breakdown would "
              "make small groups traceable.",
    },
    "acceptance.group.department": {"nl": "Afdeling", "en": "Department"},
    "acceptance.group.level": {"nl": "Functieniveau", "en": "Level"},
    "acceptance.group.unknown": {"nl": "Onbekend", "en": "Unknown"},
    "acceptance.segments.title": {"nl": "Acceptatie per adoptiesegment", "en": "Acceptance per adoption segment"},
    "acceptance.segments.caption": {
        "nl": "Respondenten gekoppeld aan het personeelsbestand; segment volgens Rogers. Zwarte streep: "
              "95%-interval; stippellijn: doel.",
        "en": "Respondents linked to the staff list; segment after Rogers. Black line: 95% interval; "
              "dashed line: target.",
    },
    "acceptance.segments.none": {
        "nl": "Geen respondenten gekoppeld aan medewerkers, dus geen uitsplitsing per segment.",
        "en": "No respondents are linked to staff, so there is no breakdown by segment.",
    },
    "acceptance.open.title": {"nl": "Open antwoorden ({n})", "en": "Open answers ({n})"},
    "acceptance.open.caption": {
        "nl": "'Wat zou AI nuttiger maken voor jouw werk?' In willekeurige volgorde, zonder afdeling of niveau.",
        "en": "'What would make AI more useful for your work?' In random order, without department or level.",
    },
    "acceptance.open.hidden": {
        "nl": "Niet getoond: open antwoorden verschijnen pas vanaf {min} antwoorden per groep.",
        "en": "Not shown: open answers appear only from {min} answers per group.",
    },
    "acceptance.open.none": {"nl": "Geen open antwoorden in deze selectie.",
                             "en": "No open answers in this selection."},
    # ---------------------------------------------------------------- advice
    "acceptance.advice.caption": {
        "nl": "Suggesties uit de praktijk, op basis van de zwakste onderdelen en groepen van deze peiling. "
              "Geen oordeel: bespreek ze met de teams.",
        "en": "Suggestions from practice, based on this wave's weakest constructs and groups. Not a "
              "verdict: discuss them with the teams.",
    },
    "acceptance.advice.none": {
        "nl": "Geen onderdeel of groep valt duidelijk achter in deze peiling.",
        "en": "No construct or group clearly lags behind in this wave.",
    },
    "advice.construct.usefulness.title": {"nl": "{subject} blijft achter ({value} eens)",
                                          "en": "{subject} lags behind ({value} agree)"},
    "advice.construct.usefulness.body": {
        "nl": "Maak het nut concreet per doelgroep: deel interne succesverhalen, laat snelle winst "
              "zien en bedenk samen met de teams toepassingen voor hun eigen werk.",
        "en": "Make the benefit concrete for each audience: share internal success stories, show "
              "quick wins and co-create use cases with the teams for their own work.",
    },
    "advice.construct.ease_of_use.title": {"nl": "{subject} blijft achter ({value} eens)",
                                           "en": "{subject} lags behind ({value} agree)"},
    "advice.construct.ease_of_use.body": {
        "nl": "Geef praktijkervaring: stap-voor-stap-instructies, trainingen met certificaat en een "
              "vrijwillige wekelijkse 'AI Lunch & Learn' van 30 minuten.",
        "en": "Offer hands-on experience: step-by-step instructions, training with certificates "
              "and a voluntary weekly 30-minute 'AI Lunch & Learn'.",
    },
    "advice.construct.support.title": {"nl": "{subject} blijft achter ({value} eens)",
                                       "en": "{subject} lags behind ({value} agree)"},
    "advice.construct.support.body": {
        "nl": "Wijs duidelijke aanspreekpunten aan en maak enthousiaste collega's interne "
              "AI-ambassadeurs die anderen helpen.",
        "en": "Name clear contact persons and make enthusiastic colleagues internal AI ambassadors "
              "who help others.",
    },
    "advice.construct.trust.title": {"nl": "{subject} blijft achter ({value} eens)",
                                     "en": "{subject} lags behind ({value} agree)"},
    "advice.construct.trust.body": {
        "nl": "Leg in gewone taal uit hoe de tools tot hun resultaten komen en waar hun grenzen "
              "liggen; ga in gesprek in plaats van alleen te zenden.",
        "en": "Explain in plain language how the tools reach their results and where their limits "
              "are; hold a dialogue instead of only broadcasting.",
    },
    "advice.construct.transparency.title": {"nl": "{subject} blijft achter ({value} eens)",
                                            "en": "{subject} lags behind ({value} agree)"},
    "advice.construct.transparency.body": {
        "nl": "Leg uit waarom AI voor het bedrijf belangrijk is en geef regelmatig updates over de "
              "voortgang, via kanalen die bij elke doelgroep passen.",
        "en": "Explain why AI matters to the company and give regular progress updates, through "
              "channels that suit each audience.",
    },
    "advice.construct.participation.title": {"nl": "{subject} blijft achter ({value} eens)",
                                             "en": "{subject} lags behind ({value} agree)"},
    "advice.construct.participation.body": {
        "nl": "Betrek medewerkers bij de uitrol: laat ze meedenken over toepassingen, vraag "
              "regelmatig feedback en doe zichtbaar iets met hun verbetervoorstellen.",
        "en": "Involve staff in the rollout: let them help shape use cases, ask for feedback "
              "regularly and visibly act on their improvement suggestions.",
    },
    "advice.construct.satisfaction.title": {"nl": "{subject} blijft achter ({value} eens)",
                                            "en": "{subject} lags behind ({value} agree)"},
    "advice.construct.satisfaction.body": {
        "nl": "Vraag wat er aan de ondersteuning ontbreekt en maak hulp laagdrempelig: vaste "
              "aanspreekpunten, korte instructievideo's en training op de werkplek.",
        "en": "Ask what the support is missing and make help easy to reach: fixed contact persons, "
              "short how-to videos and training at the workplace.",
    },
    "advice.fear.general.title": {"nl": "Zorgen over banen: angstindex {value}",
                                  "en": "Worries about jobs: fear index {value}"},
    "advice.fear.general.body": {
        "nl": "Neem de angst serieus en bespreek open wat AI voor functies betekent. Laat zien dat "
              "AI werk verlicht en bied training en certificaten, zodat mensen voelen dat ze het kunnen leren.",
        "en": "Take the fear seriously and talk openly about what AI means for jobs. Show that AI "
              "relieves work and offer training and certificates, so people feel they can learn it.",
    },
    "advice.fear.late_majority.title": {"nl": "{subject}: angstindex {value}",
                                        "en": "{subject}: fear index {value}"},
    "advice.fear.late_majority.body": {
        "nl": "De late meerderheid zijn vaak ervaren mensen met terechte zorgen: bied intensieve "
              "persoonlijke begeleiding, duidelijke aanspreekpunten en laat de meerwaarde zien.",
        "en": "The late majority are often experienced people with legitimate concerns: offer "
              "intensive personal coaching, clear contact persons and demonstrate the value.",
    },
    "advice.fear.laggard.title": {"nl": "{subject}: angstindex {value}",
                                  "en": "{subject}: fear index {value}"},
    "advice.fear.laggard.body": {
        "nl": "Begrijp en respecteer de weerstand, ga het gesprek aan en geef niet te snel op; een "
              "zacht duwtje van leidinggevenden of collega's helpt vaak meer dan druk.",
        "en": "Understand and respect the resistance, keep the conversation going and do not give "
              "up too early; a gentle nudge from leaders or peers often helps more than pressure.",
    },
    "advice.segment.early_majority.title": {"nl": "{subject}: acceptatie {value}",
                                            "en": "{subject}: acceptance {value}"},
    "advice.segment.early_majority.body": {
        "nl": "Pragmatici wachten op bewijs: deel interne succesverhalen, stap-voor-stap-instructies, "
              "aanbevelingen van collega's en zichtbare snelle winst.",
        "en": "Pragmatists wait for proof: share internal success stories, step-by-step "
              "instructions, peer recommendations and visible quick wins.",
    },
    "advice.segment.late_majority.title": {"nl": "{subject}: acceptatie {value}",
                                           "en": "{subject}: acceptance {value}"},
    "advice.segment.late_majority.body": {
        "nl": "Bied persoonlijke begeleiding en duidelijke aanspreekpunten, laat de meerwaarde zien "
              "en geef een zacht duwtje via leidinggevenden of collega's.",
        "en": "Offer personal coaching and clear contact persons, demonstrate the value and give "
              "a gentle nudge through leaders or peers.",
    },
    "advice.segment.laggard.title": {"nl": "{subject}: acceptatie {value}",
                                     "en": "{subject}: acceptance {value}"},
    "advice.segment.laggard.body": {
        "nl": "Geef niet te vroeg op bij weerstand: luister naar de bezwaren, betrek critici bij "
              "het oplossen van echte problemen en laat de meerwaarde in hun eigen werk zien.",
        "en": "Do not give up too early on resistance: listen to the objections, involve critics in "
              "solving real problems and show the value in their own work.",
    },
    "advice.segment.early_adopter.title": {"nl": "{subject} zijn enthousiast ({value})",
                                           "en": "{subject} are enthusiastic ({value})"},
    "advice.segment.early_adopter.body": {
        "nl": "Maak ze interne AI-ambassadeurs: geef ze vroege toegang, laat ze collega's trainen "
              "en vraag ze regelmatig om feedback.",
        "en": "Make them internal AI ambassadors: give them early access, let them train "
              "colleagues and ask them for feedback regularly.",
    },
    "advice.department.low.title": {"nl": "{subject}: acceptatie {value}",
                                    "en": "{subject}: acceptance {value}"},
    "advice.department.low.body": {
        "nl": "Zoek de informele meningsleiders in deze afdeling (de ervaren collega zonder wie niets "
              "gebeurt) en maak een van hen kampioen; kies samen een eerste toepassing met snelle winst.",
        "en": "Find the informal opinion leaders in this department (the experienced colleague "
              "nothing happens without) and make one of them a champion; pick a first use case "
              "with a quick win together.",
    },
    # ---------------------------------------------------------------- waves and questionnaire
    "acceptance.waves.caption": {
        "nl": "Alle peilingen, ook buiten de gekozen periode. Respons = respondenten / uitgenodigd.",
        "en": "All waves, also outside the chosen period. Response rate = respondents / invited.",
    },
    "acceptance.wave.new": {"nl": "Nieuwe peiling", "en": "New survey wave"},
    "acceptance.wave.create": {"nl": "Peiling aanmaken", "en": "Create wave"},
    "acceptance.wave.created": {"nl": "Peiling '{name}' is aangemaakt.", "en": "Wave '{name}' was created."},
    "acceptance.field.name": {"nl": "Naam", "en": "Name"},
    "acceptance.field.held_on": {"nl": "Peildatum", "en": "Wave date"},
    "acceptance.field.invited": {"nl": "Aantal uitgenodigd", "en": "Number invited"},
    "acceptance.field.invited.help": {
        "nl": "Optioneel; voor de respons. Leeg = het aantal medewerkers in dienst op de peildatum.",
        "en": "Optional; for the response rate. Empty = the staff employed on the wave date.",
    },
    "acceptance.error.required": {"nl": "{field}: vul dit veld in.", "en": "{field}: please fill this in."},
    "acceptance.error.too_long": {"nl": "{field}: hoogstens {max} tekens.", "en": "{field}: at most {max} characters."},
    "acceptance.error.control_chars": {
        "nl": "{field}: bevat onzichtbare stuurtekens; typ de tekst opnieuw of plak hem zonder opmaak.",
        "en": "{field}: contains invisible control characters; retype the text or paste it without formatting.",
    },
    "acceptance.error.date": {"nl": "{field}: geen geldige datum.", "en": "{field}: not a valid date."},
    "acceptance.error.future": {"nl": "{field}: mag niet in de toekomst liggen.",
                                "en": "{field}: must not be in the future."},
    "acceptance.error.whole": {"nl": "{field}: vul een heel getal in.", "en": "{field}: enter a whole number."},
    "acceptance.error.range": {"nl": "{field}: kies een getal van {low} tot {high}.",
                               "en": "{field}: choose a number from {low} to {high}."},
    "acceptance.error.duplicate": {"nl": "{field}: er bestaat al een peiling '{name}'.",
                                   "en": "{field}: a wave called '{name}' already exists."},
    "acceptance.error.same_day": {"nl": "{field}: op deze datum is al een peiling.",
                                  "en": "{field}: there is already a wave on this date."},
    "acceptance.q.download": {"nl": "Standaardvragenlijst downloaden", "en": "Download the standard questionnaire"},
    "acceptance.q.download.help": {
        "nl": "Klaar voor Microsoft Forms: als lijst (CSV/Excel), als tekst voor 'Snel importeren', "
              "of als afdrukbare pagina. De code tussen haken laat de import de vragen herkennen.",
        "en": "Ready for Microsoft Forms: as a list (CSV/Excel), as text for 'Quick import', or as "
              "a printable page. The code in brackets lets the import recognise the items.",
    },
    "acceptance.q.language": {"nl": "Taal van de vragenlijst", "en": "Questionnaire language"},
    "acceptance.q.csv": {"nl": "CSV", "en": "CSV"},
    "acceptance.q.xlsx": {"nl": "Excel", "en": "Excel"},
    "acceptance.q.text": {"nl": "Tekst (Forms)", "en": "Text (Forms)"},
    "acceptance.q.html": {"nl": "Afdrukbare pagina", "en": "Printable page"},
    "acceptance.q.file": {"nl": "draagvlak-peiling", "en": "draagvlak-pulse-survey"},
    "acceptance.q.sheet": {"nl": "Vragen", "en": "Questions"},
    "acceptance.q.title": {"nl": "Draagvlak-peiling: AI op het werk", "en": "Draagvlak pulse survey: AI at work"},
    "acceptance.q.intro": {
        "nl": "Deze korte peiling is anoniem: uitkomsten worden alleen per groep getoond, nooit per "
              "persoon. Het invullen duurt ongeveer drie minuten.",
        "en": "This short survey is anonymous: results are only shown for groups, never for "
              "individuals. It takes about three minutes.",
    },
    "acceptance.q.department": {"nl": "Afdeling", "en": "Department"},
    "acceptance.q.level": {"nl": "Functieniveau", "en": "Level"},
    "acceptance.q.col.number": {"nl": "Nr.", "en": "No."},
    "acceptance.q.col.code": {"nl": "Code", "en": "Code"},
    "acceptance.q.col.question": {"nl": "Vraag", "en": "Question"},
    "acceptance.q.col.type": {"nl": "Type", "en": "Type"},
    "acceptance.q.col.options": {"nl": "Antwoordopties", "en": "Options"},
    "acceptance.q.col.required": {"nl": "Verplicht", "en": "Required"},
    "acceptance.q.type.likert": {"nl": "Likert", "en": "Likert"},
    "acceptance.q.type.nps": {"nl": "Net Promoter Score", "en": "Net Promoter Score"},
    "acceptance.q.type.text": {"nl": "Tekst", "en": "Text"},
    "acceptance.q.type.choice": {"nl": "Keuze", "en": "Choice"},
    "acceptance.q.yes": {"nl": "Ja", "en": "Yes"},
    "acceptance.q.no": {"nl": "Nee", "en": "No"},
    "acceptance.field.name.placeholder": {"nl": "Peiling {n}", "en": "Pulse {n}"},
}
