"""Texts of the Adoption page (``pages/adoption.py``, ``core/adoption/``)."""

TEXTS = {
    "nav.adoption": {"nl": "Adoptie", "en": "Adoption"},
    "adoption.title": {"nl": "Adoptie", "en": "Adoption"},
    "adoption.question": {
        "nl": "Wie gebruikt AI, segment voor segment, en wanneer volgt de meerderheid?",
        "en": "Who uses AI, segment by segment, and when will the majority follow?",
    },
    "adoption.privacy": {
        "nl": "Gebruik van AI is een persoonsgegeven: deze pagina toont alleen groepen, en geen "
              "groep kleiner dan {min} personen.",
        "en": "AI usage is personal data: this page shows groups only, and no group smaller "
              "than {min} people.",
    },
    "adoption.hidden": {
        "nl": "Niet te tonen: minder dan {min} medewerkers met toegang in deze selectie of in de "
              "rest van het bedrijf. Kies meer afdelingen.",
        "en": "Not shown: fewer than {min} staff with access in this selection or in the rest "
              "of the company. Choose more departments.",
    },
    "adoption.no_usage": {
        "nl": "Er zijn nog geen gebruiksgegevens van de AI-tools in deze periode.",
        "en": "There is no AI-tool usage data in this period yet.",
    },
    # ---------------------------------------------------------------- cards
    "kpi.adoption.wau.label": {"nl": "Wekelijks actief", "en": "Weekly active"},
    "kpi.adoption.wau.help": {
        "nl": "Medewerkers met toegang die in de laatste volledige week (maandag–zondag) "
              "minstens één AI-actie hadden. Acties per actieve gebruiker = hun acties / hun aantal.",
        "en": "Staff with access who took at least one AI action in the last whole week "
              "(Monday–Sunday). Actions per active user = their actions / their number.",
    },
    "adoption.card.wau.detail": {
        "nl": "{active} van {access} met toegang · week t/m {date} · {actions} acties per actieve gebruiker",
        "en": "{active} of {access} with access · week to {date} · {actions} actions per active user",
    },
    "kpi.adoption.habit.label": {"nl": "Gewoontegebruik", "en": "Habitual use"},
    "kpi.adoption.habit.help": {
        "nl": "Aandeel medewerkers met toegang dat intensieve gebruiker of gewoontegebruiker is: in "
              "minstens 9 van de laatste 12 weken een AI-actie (Microsofts definitie).",
        "en": "Share of staff with access who are power or habitual users: an AI action in at "
              "least 9 of the last 12 weeks (Microsoft's definition).",
    },
    "adoption.card.habit.detail": {
        "nl": "{power} intensieve gebruikers en {habitual} gewoontegebruikers van {total} · week t/m {date}",
        "en": "{power} power users and {habitual} habitual users of {total} · week to {date}",
    },
    "kpi.adoption.chasm.label": {"nl": "Kloof", "en": "Chasm"},
    "kpi.adoption.chasm.help": {
        "nl": "Aandeel actieve vroege adopters min aandeel actieve vroege meerderheid (actief = "
              "minstens één AI-actie in {days} dagen), in procentpunten. Hoe kleiner, hoe beter de "
              "meerderheid volgt.",
        "en": "Share of early adopters active minus share of the early majority active (active "
              "= at least one AI action in {days} days), in percentage points. The smaller, the "
              "better the majority follows.",
    },
    "adoption.card.chasm.value": {"nl": "{gap} pp", "en": "{gap} pp"},
    "adoption.card.chasm.detail": {
        "nl": "Vroege adopters {ea} · vroege meerderheid {em} actief",
        "en": "Early adopters {ea} · early majority {em} active",
    },
    # ---------------------------------------------------------------- active use
    "adoption.section.use": {"nl": "Actief gebruik", "en": "Active use"},
    "adoption.breakdown": {"nl": "Uitsplitsing", "en": "Breakdown"},
    "adoption.breakdown.company": {"nl": "Hele selectie", "en": "Whole selection"},
    "adoption.breakdown.department": {"nl": "Per afdeling", "en": "By department"},
    "adoption.breakdown.tool": {"nl": "Per tool", "en": "By tool"},
    "adoption.chart.adoption": {"nl": "Adoptie: actief in {days} dagen", "en": "Adoption: active in {days} days"},
    "adoption.caption.adoption": {
        "nl": "Adoptie = medewerkers met toegang met minstens één AI-actie in de {days} dagen t/m "
              "elke zondag / medewerkers met toegang. Stippellijn: doel {target}. Laatste punt: "
              "{active} van {eligible} op {date}.",
        "en": "Adoption = staff with access with at least one AI action in the {days} days up to "
              "each Sunday / staff with access. Dashed line: target {target}. Latest point: "
              "{active} of {eligible} on {date}.",
    },
    "adoption.caption.tool": {
        "nl": "Per tool, per week: medewerkers met toegang met minstens één actie in die "
              "tool in de {days} dagen t/m die zondag / alle medewerkers met toegang ({eligible} op "
              "{date}). Wie beide tools gebruikt, telt bij beide.",
        "en": "Per tool, every week: staff with access with at least one action in that "
              "tool in the {days} days up to that Sunday / all staff with access ({eligible} on "
              "{date}). Whoever uses both tools counts for both.",
    },
    "adoption.caption.hidden_groups": {
        "nl": "Niet getoond (minder dan {min} personen, of af te leiden uit het totaal): {names}.",
        "en": "Not shown (fewer than {min} people, or derivable from the total): {names}.",
    },
    "adoption.chart.weekly": {"nl": "Wekelijks actieve gebruikers", "en": "Weekly active users"},
    "adoption.caption.weekly": {
        "nl": "Boven: medewerkers met toegang met minstens één AI-actie in de week (maandag–"
              "zondag). Onder: hun acties per actieve gebruiker.",
        "en": "Top: staff with access with at least one AI action in the week (Monday–Sunday). "
              "Bottom: their actions per active user.",
    },
    "adoption.axis.week_end": {"nl": "Week t/m", "en": "Week to"},
    "adoption.axis.active_users": {"nl": "Actieve gebruikers", "en": "Active users"},
    "adoption.axis.actions_per_user": {"nl": "Acties per gebruiker", "en": "Actions per user"},
    "adoption.axis.with_access": {"nl": "Met toegang", "en": "With access"},
    "adoption.axis.adoption": {"nl": "Adoptie", "en": "Adoption"},
    "adoption.axis.share": {"nl": "Aandeel", "en": "Share"},
    "adoption.axis.people": {"nl": "Personen", "en": "People"},
    "adoption.axis.department": {"nl": "Afdeling", "en": "Department"},
    "adoption.axis.tool": {"nl": "Tool", "en": "Tool"},
    "adoption.axis.month": {"nl": "Maand", "en": "Month"},
    "adoption.axis.count": {"nl": "Aantal", "en": "Count"},
    "adoption.axis.series": {"nl": "Reeks", "en": "Series"},
    "adoption.axis.company": {"nl": "Selectie", "en": "Selection"},
    # ---------------------------------------------------------------- usage segments
    "adoption.section.usage": {
        "nl": "Gebruikssegmenten (definitie van Microsoft)",
        "en": "Usage segments (Microsoft's definition)",
    },
    "adoption.usage.version": {"nl": "Venster", "en": "Window"},
    "adoption.usage.version.12w": {"nl": "12 weken", "en": "12 weeks"},
    "adoption.usage.version.4w": {"nl": "4 weken", "en": "4 weeks"},
    "adoption.usage.power": {"nl": "Intensieve gebruikers", "en": "Power users"},
    "adoption.usage.habitual": {"nl": "Gewoontegebruikers", "en": "Habitual users"},
    "adoption.usage.novice": {"nl": "Beginners", "en": "Novice users"},
    "adoption.usage.low": {"nl": "Weinig-gebruikers", "en": "Low users"},
    "adoption.usage.non_user": {"nl": "Niet-gebruikers", "en": "Non-users"},
    "adoption.usage.caption.12w": {
        "nl": "Zoals identify_usage_segments van Microsofts vivainsights, zodat de cijfers te "
              "vergelijken zijn met Copilot-analyses. Per persoon en week over de laatste 12 "
              "weken met toegang, weken zonder acties inbegrepen: power user = in minstens 9 "
              "van de 12 weken een actie én gemiddeld ≥ 15 acties per week; gewoontegebruiker "
              "= in minstens 9 van de 12 weken een actie; beginner = gemiddeld ≥ 1 actie per "
              "week; weinig-gebruiker = gemiddeld meer dan 0; niet-gebruiker = geen actie.",
        "en": "As identify_usage_segments in Microsoft's vivainsights, so the figures compare "
              "with Copilot analytics. Per person and week over the last 12 weeks with access, "
              "weeks without actions included: power user = an action in at least 9 of the 12 "
              "weeks and on average ≥ 15 actions a week; habitual user = an action in at least "
              "9 of the 12 weeks; novice = on average ≥ 1 action a week; low user = on average "
              "more than 0; non-user = no action.",
    },
    "adoption.usage.caption.4w": {
        "nl": "Zoals identify_usage_segments van Microsofts vivainsights (4-wekenvariant). Per "
              "persoon en week over de laatste 4 weken met toegang, weken zonder acties "
              "inbegrepen: power user = in alle 4 weken een actie én gemiddeld ≥ 15 acties per "
              "week; gewoontegebruiker = in alle 4 weken een actie; beginner = gemiddeld ≥ 1 "
              "actie per week; weinig-gebruiker = gemiddeld meer dan 0; niet-gebruiker = geen actie.",
        "en": "As identify_usage_segments in Microsoft's vivainsights (4-week variant). Per "
              "person and week over the last 4 weeks with access, weeks without actions "
              "included: power user = an action in all 4 weeks and on average ≥ 15 actions a "
              "week; habitual user = an action in all 4 weeks; novice = on average ≥ 1 action "
              "a week; low user = on average more than 0; non-user = no action.",
    },
    "adoption.chart.usage_time": {"nl": "Over tijd (aandeel per week)", "en": "Over time (share per week)"},
    "adoption.chart.usage_department": {
        "nl": "Per afdeling, week t/m {date}", "en": "By department, week to {date}",
    },
    "adoption.caption.usage_latest": {
        "nl": "Week t/m {date}: {total} medewerkers met toegang.",
        "en": "Week to {date}: {total} staff with access.",
    },
    # ---------------------------------------------------------------- Rogers
    "adoption.section.rogers": {"nl": "Adoptiesegmenten (Rogers)", "en": "Adoption segments (Rogers)"},
    "adoption.chart.sizes": {"nl": "Segmentgrootte naast Rogers", "en": "Segment sizes beside Rogers"},
    "adoption.caption.sizes": {
        "nl": "Balken: aandeel van de {n} medewerkers met een segment. Streepjes: Rogers' "
              "verdeling (2,5 / 13,5 / 34 / 34 / 16%).",
        "en": "Bars: share of the {n} staff with a segment. Ticks: Rogers' shares (2.5 / 13.5 "
              "/ 34 / 34 / 16%).",
    },
    "adoption.sizes.assessed": {
        "nl": "De segmenten zijn per persoon beoordeeld, dus de verdeling zegt iets over dit bedrijf.",
        "en": "The segments were assessed person by person, so the shares say something about "
              "this company.",
    },
    "adoption.sizes.derived": {
        "nl": "Let op: {n} van de segmenten zijn afgeleid uit de datum van eerste gebruik in "
              "plaats van beoordeeld. Dan zijn de aandelen per constructie die van Rogers en "
              "zeggen ze niets over dit bedrijf.",
        "en": "Note: {n} of the segments were assigned from adoption dates rather than "
              "assessed. The shares are then Rogers' by construction and say nothing about "
              "this company.",
    },
    "adoption.sizes.unassigned": {
        "nl": "{n} medewerkers hebben (nog) geen segment.",
        "en": "{n} staff have no segment (yet).",
    },
    "adoption.chart.progress": {"nl": "Segmentvoortgang: aandeel actief", "en": "Segment progress: share active"},
    "adoption.caption.progress": {
        "nl": "Per segment: leden met toegang met minstens één AI-actie in de {days} dagen t/m elke "
              "zondag / leden met toegang. Gekleurd vlak: de kloof tussen vroege adopters en "
              "vroege meerderheid.",
        "en": "Per segment: members with access with at least one AI action in the {days} days up "
              "to each Sunday / members with access. Shaded area: the chasm between early "
              "adopters and the early majority.",
    },
    "adoption.chasm.text": {
        "nl": "De kloof tussen vroege adopters en vroege meerderheid is nu {gap} procentpunt: "
              "{ea} tegen {em} actief.",
        "en": "The chasm between early adopters and the early majority is now {gap} percentage "
              "points: {ea} against {em} active.",
    },
    "adoption.chart.first_use": {
        "nl": "Dagen van toegang tot eerste gebruik (mediaan)",
        "en": "Days from access to first use (median)",
    },
    "adoption.caption.first_use": {
        "nl": "Dagen van de start van de toegang tot de eerste AI-actie; mediaan over wie al "
              "begonnen is, over de hele historie t/m {date}. Label: begonnen van leden met toegang.",
        "en": "Days from the start of access to the first AI action; median over those who "
              "have started, over all history up to {date}. Label: started of members with access.",
    },
    # Two lines beside the bar, so that "1.619/1.619" fits a narrow column.
    "adoption.first_use.label": {"nl": "{days} d\n{started}/{members}", "en": "{days} d\n{started}/{members}"},
    "adoption.axis.median_days": {"nl": "Mediaan dagen", "en": "Median days"},
    "adoption.axis.started": {"nl": "Begonnen", "en": "Started"},
    "adoption.axis.rogers": {"nl": "Rogers", "en": "Rogers"},
    # ---------------------------------------------------------------- forecast
    "adoption.section.forecast": {
        "nl": "Prognose: wanneer volgt de meerderheid?",
        "en": "Forecast: when will the majority follow?",
    },
    "adoption.forecast.caption": {
        "nl": "Bass-diffusiemodel op het cumulatieve aantal gebruikers (ooit minstens één "
              "AI-actie) per week, marktomvang vast op de {m} medewerkers met toegang; "
              "geschat op {weeks} weken: p (innovatie) = {p}, q (imitatie) = {q}. Band: 95%, "
              "uit 1.000 trekkingen van p en q volgens de onzekerheid van de schatting. Het "
              "adoptiecijfer (actief in {days} dagen) ligt lager omdat sommigen weer stoppen: de "
              "datum is de vroegst mogelijke.",
        "en": "Bass diffusion model fitted to weekly cumulative users (ever at least one AI "
              "action), market size fixed at the {m} staff with access; fitted on {weeks} "
              "weeks: p (innovation) = {p}, q (imitation) = {q}. Band: 95%, from 1,000 draws "
              "of p and q by the fit's uncertainty. The adoption rate (active in {days} days) runs "
              "lower because some people stop again: the date is the earliest possible.",
    },
    "adoption.forecast.expected": {
        "nl": "Bij het huidige tempo heeft {target} van de medewerkers met toegang AI gebruikt "
              "rond {date} (95%-band {low} – {high}).",
        "en": "At the present pace, {target} of the staff with access will have used AI around "
              "{date} (95% band {low} – {high}).",
    },
    "adoption.forecast.expected_open": {
        "nl": "Bij het huidige tempo heeft {target} van de medewerkers met toegang AI gebruikt "
              "rond {date}; de onzekerheid reikt tot voorbij {horizon}.",
        "en": "At the present pace, {target} of the staff with access will have used AI around "
              "{date}; the uncertainty reaches beyond {horizon}.",
    },
    "adoption.forecast.reached": {
        "nl": "Het doel is gehaald: op {date} had {target} van de medewerkers met toegang AI "
              "gebruikt ({adopters} van {m} nu).",
        "en": "The target is met: by {date}, {target} of the staff with access had used AI "
              "({adopters} of {m} now).",
    },
    "adoption.forecast.never": {
        "nl": "Bij het huidige tempo haalt het model het doel van {target} niet binnen drie jaar.",
        "en": "At the present pace the model does not reach the {target} target within three years.",
    },
    "adoption.forecast.no_target": {
        "nl": "Er is geen adoptiedoel ingesteld; de curve toont alleen het verwachte verloop.",
        "en": "No adoption target is set; the curve only shows the expected course.",
    },
    "adoption.forecast.refused.too_few_weeks": {
        "nl": "Nog geen prognose: er zijn pas {weeks} volledige weken gebruiksgegevens en het "
              "model heeft er minstens {min_weeks} nodig. Een lijn door zo weinig punten zou "
              "schijnzekerheid geven.",
        "en": "No forecast yet: there are only {weeks} whole weeks of usage data and the model "
              "needs at least {min_weeks}. A line through so few points would be false certainty.",
    },
    "adoption.forecast.refused.too_few_adopters": {
        "nl": "Nog geen prognose: te weinig medewerkers zijn met AI begonnen om een groeicurve "
              "te schatten.",
        "en": "No forecast yet: too few staff have started using AI to estimate a growth curve.",
    },
    "adoption.forecast.refused.no_convergence": {
        "nl": "Geen prognose: het Bass-model past niet op deze gegevens (de schatting "
              "convergeert niet), dus we tekenen geen lijn.",
        "en": "No forecast: the Bass model does not fit these data (the fit does not "
              "converge), so no line is drawn.",
    },
    "adoption.series.actual": {"nl": "Gemeten", "en": "Measured"},
    "adoption.series.fitted": {"nl": "Model (Bass)", "en": "Model (Bass)"},
    "adoption.series.forecast": {"nl": "Prognose", "en": "Forecast"},
    "adoption.series.band": {"nl": "95%-band", "en": "95% band"},
    "adoption.axis.cumulative": {"nl": "Ooit gebruikt (aandeel)", "en": "Ever used (share)"},
    # ---------------------------------------------------------------- engagement
    "adoption.section.engagement": {"nl": "Betrokkenheid", "en": "Engagement"},
    "adoption.chart.training": {"nl": "Trainingsdeelname per maand", "en": "Training attendance per month"},
    "adoption.caption.training": {
        "nl": "Aanwezigen per maand bij AI Lunch & Learns en andere trainingen (een persoon telt "
              "per bijgewoonde sessie).",
        "en": "Attendees per month at AI Lunch & Learns and other trainings (a person counts "
              "once per session attended).",
    },
    "adoption.kind.lunch_learn": {"nl": "AI Lunch & Learn", "en": "AI Lunch & Learn"},
    "adoption.kind.other": {"nl": "Andere trainingen", "en": "Other trainings"},
    "adoption.chart.requests": {
        "nl": "Trainingsaanvragen en verbetervoorstellen per maand",
        "en": "Training requests and improvement suggestions per month",
    },
    "adoption.caption.requests": {
        "nl": "Twee KPI's uit het artikel: hoeveel medewerkers om training vragen en hoeveel "
              "verbetervoorstellen de teams indienen.",
        "en": "Two of the article's KPIs: how many staff ask for training and how many "
              "improvement suggestions the teams submit.",
    },
    "adoption.followup.title": {
        "nl": "Getraind maar niet actief: opvolglijst",
        "en": "Trained but inactive: follow-up list",
    },
    "adoption.followup.caption": {
        "nl": "Medewerkers met toegang die in de periode een training volgden maar in de {days} "
              "dagen t/m {date} geen AI-actie hadden, per afdeling en segment: training is nog "
              "geen adoptie. Groepen met minder dan {min} getrainden en groepen waarin "
              "iedereen actief is, staan er niet in.",
        "en": "Staff with access who attended a training in the period but took no AI action "
              "in the {days} days up to {date}, per department and segment: training is not "
              "adoption. Groups with fewer than {min} trained people, and groups where "
              "everyone is active, are left out.",
    },
    "adoption.followup.total": {
        "nl": "{inactive} van de {trained} getrainden zijn niet actief; {hidden} kleine groep(en) niet getoond.",
        "en": "{inactive} of the {trained} trained staff are inactive; {hidden} small group(s) not shown.",
    },
    "adoption.followup.none": {
        "nl": "Niemand met toegang heeft in deze periode een training gevolgd.",
        "en": "Nobody with access attended a training in this period.",
    },
    "adoption.col.department": {"nl": "Afdeling", "en": "Department"},
    "adoption.col.segment": {"nl": "Segment", "en": "Segment"},
    "adoption.col.trained": {"nl": "Getraind", "en": "Trained"},
    "adoption.col.inactive": {"nl": "Niet actief", "en": "Inactive"},
    "adoption.col.share_inactive": {"nl": "Aandeel niet actief", "en": "Share inactive"},
    # ---------------------------------------------------------------- playbook
    "adoption.section.playbook": {"nl": "Aanpak per segment", "en": "Playbook per segment"},
    "adoption.playbook.status": {
        "nl": "{active} van {members} met toegang actief ({value})",
        "en": "{active} of {members} with access active ({value})",
    },
    "adoption.playbook.days": {
        "nl": "Mediaan {days} dagen van toegang tot eerste gebruik",
        "en": "Median {days} days from access to first use",
    },
    "adoption.playbook.hidden": {
        "nl": "Te weinig leden om te tonen (minder dan {min}).",
        "en": "Too few members to show (fewer than {min}).",
    },
    "adoption.playbook.empty": {"nl": "Niemand met toegang in dit segment.", "en": "Nobody with access in this segment."},
    "adoption.playbook.who.early_adopter": {
        "nl": "Natuurlijke kampioenen die AI vaak al privé gebruiken.",
        "en": "Natural champions who often use AI privately already.",
    },
    "adoption.playbook.who.early_majority": {
        "nl": "Pragmatische volgers die op bewijs wachten en kijken wat collega's doen.",
        "en": "Pragmatic followers who wait for proof and follow what colleagues do.",
    },
    "adoption.playbook.who.late_majority": {
        "nl": "Voorzichtige sceptici, vaak ervaren medewerkers met terechte zorgen.",
        "en": "Cautious sceptics, often experienced staff with legitimate concerns.",
    },
    "adoption.playbook.early_adopter": {
        "nl": "- Geef ze als eersten (bèta)toegang tot nieuwe tools\n"
              "- Maak ze interne AI-ambassadeurs\n"
              "- Laat ze collega's trainen\n"
              "- Vraag regelmatig om hun feedback",
        "en": "- Give them beta access to new tools first\n"
              "- Make them internal AI ambassadors\n"
              "- Let them train colleagues\n"
              "- Ask for their feedback regularly",
    },
    "adoption.playbook.early_majority": {
        "nl": "- Deel interne succesverhalen\n"
              "- Geef stap-voor-stapinstructies\n"
              "- Laat collega's het aanbevelen\n"
              "- Maak snelle successen zichtbaar",
        "en": "- Share internal success stories\n"
              "- Provide step-by-step guides\n"
              "- Let peers recommend it\n"
              "- Make quick wins visible",
    },
    "adoption.playbook.late_majority": {
        "nl": "- Bied intensieve persoonlijke coaching\n"
              "- Wijs duidelijke aanspreekpunten aan\n"
              "- Geef zachte duwtjes via leidinggevenden of collega's\n"
              "- Laat aantoonbaar zien wat het oplevert",
        "en": "- Offer intensive personal coaching\n"
              "- Name clear contact persons\n"
              "- Give gentle nudges from leaders or peers\n"
              "- Demonstrate the value",
    },
    # The page's tabs (pages/adoption.py), short enough to sit side by side at 1024 px.
    "adoption.tab.use": {"nl": "Gebruik", "en": "Use"},
    "adoption.tab.usage": {"nl": "Gebruikssegmenten", "en": "Usage segments"},
    "adoption.tab.rogers": {"nl": "Rogers-segmenten", "en": "Rogers segments"},
    "adoption.tab.forecast": {"nl": "Prognose", "en": "Forecast"},
    "adoption.tab.engagement": {"nl": "Betrokkenheid", "en": "Engagement"},
    "adoption.tab.playbook": {"nl": "Aanpak", "en": "Playbook"},
    "adoption.tab.funnel": {"nl": "Licenties en trechter", "en": "Licences and funnel"},
}
