"""The standard Draagvlak pulse survey (``shared/questionnaire.md``): items, constructs, scale.

Seeded into ``survey_questions`` by the first migration; importers recognise items by code
or by text, and answers by number or by the scale labels below.
"""

# 5-point agreement scale, value -> label per language (German is only read, never shown).
AGREE_LABELS = {
    1: {"nl": "Helemaal oneens", "en": "Strongly disagree", "de": "Stimme überhaupt nicht zu"},
    2: {"nl": "Oneens", "en": "Disagree", "de": "Stimme nicht zu"},
    3: {"nl": "Neutraal", "en": "Neutral", "de": "Neutral"},
    4: {"nl": "Eens", "en": "Agree", "de": "Stimme zu"},
    5: {"nl": "Helemaal eens", "en": "Strongly agree", "de": "Stimme voll und ganz zu"},
}

# The item of each derived figure.
INTENTION_ITEM = "INT1"
FEAR_ITEM = "FEAR1"
NPS_ITEM = "NPS1"

QUESTIONS = [
    {"code": "INT1", "construct": "intention", "scale": "agree5", "reversed": 0,
     "text_nl": "Ik wil de AI-tools blijven gebruiken.",
     "text_en": "I want to keep using the AI tools."},
    {"code": "PU1", "construct": "usefulness", "scale": "agree5", "reversed": 0,
     "text_nl": "Met de AI-tools werk ik sneller.",
     "text_en": "The AI tools help me complete tasks faster."},
    {"code": "PU2", "construct": "usefulness", "scale": "agree5", "reversed": 0,
     "text_nl": "De AI-tools verbeteren de kwaliteit van mijn werk.",
     "text_en": "The AI tools improve the quality of my work."},
    {"code": "EOU1", "construct": "ease_of_use", "scale": "agree5", "reversed": 0,
     "text_nl": "De AI-tools zijn makkelijk te leren.",
     "text_en": "Learning to use the AI tools is easy for me."},
    {"code": "SUP1", "construct": "support", "scale": "agree5", "reversed": 0,
     "text_nl": "Ik weet bij wie ik terechtkan met vragen over AI.",
     "text_en": "I know whom to ask when I have questions about AI."},
    {"code": "FEAR1", "construct": "fear", "scale": "agree5", "reversed": 1,
     "text_nl": "Ik maak me zorgen dat AI mijn baan overbodig maakt.",
     "text_en": "I worry that AI will make my job redundant."},
    {"code": "TRU1", "construct": "trust", "scale": "agree5", "reversed": 0,
     "text_nl": "Ik begrijp hoe de AI-tools tot hun resultaten komen.",
     "text_en": "I understand how the AI tools arrive at their results."},
    {"code": "COM1", "construct": "transparency", "scale": "agree5", "reversed": 0,
     "text_nl": "Ik word goed geïnformeerd over de AI-plannen van ons bedrijf.",
     "text_en": "I am well informed about our company's AI plans."},
    {"code": "PAR1", "construct": "participation", "scale": "agree5", "reversed": 0,
     "text_nl": "Ik kan meedenken over hoe AI bij ons wordt ingezet.",
     "text_en": "I can help shape how AI is used in our company."},
    {"code": "SAT1", "construct": "satisfaction", "scale": "agree5", "reversed": 0,
     "text_nl": "Ik ben tevreden over de ondersteuning bij het gebruik van AI.",
     "text_en": "I am satisfied with the support I get for using AI."},
    {"code": "NPS1", "construct": "recommendation", "scale": "nps11", "reversed": 0,
     "text_nl": "Hoe waarschijnlijk is het dat je de AI-tools aanbeveelt aan een collega?",
     "text_en": "How likely are you to recommend the AI tools to a colleague?"},
    {"code": "OPEN1", "construct": "open", "scale": "text", "reversed": 0,
     "text_nl": "Wat zou AI nuttiger maken voor jouw werk?",
     "text_en": "What would make AI more useful for your work?"},
]
for _position, _question in enumerate(QUESTIONS, start=1):
    _question["position"] = _position

AGREE_ITEMS = [q["code"] for q in QUESTIONS if q["scale"] == "agree5"]
