"""Casualty figures in a sentence: deaths, injuries, and one side's claimed losses.

"at least 15" and "au moins 15 blessés" keep the lower bound, which is what the text supports; "three" and
"trois" are read as numbers. Losses ("lost 350 soldiers") are not deaths, so they are kept apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import alpha2digit

_WORDS = {
    "fr": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
           "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
           "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
           "dizaine": 10, "douzaine": 12, "vingtaine": 20, "centaine": 100},
    "en": {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
           "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
           "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24},
}
# A whole number or number word, but not an age ("63-year-old") or a building's height ("five-storey").
_NUMBER = (r"(\d{1,3}(?:[ ,.]\d{3})+(?!\d)|\d+(?!\d)|[a-zà-ÿ]+(?![\wà-ÿ]))"
           r"(?![\w-]*\d)(?!-year|-an|\s+ans\b|\s+years?\b|-storey|-story|\s+étages)")
_QUALIFIER = {
    "fr": r"(?:au moins |plus de |près de |environ |quelque |une |des )?",
    "en": r"(?:at least |more than |over |nearly |about |around |some |up to |a |an )?",
}
_PEOPLE = {
    "fr": r"(?:(?:personnes?|civils?|habitants?|enfants?|soldats?|militaires?|hommes?|femmes?|autres|passagers?|"
          r"cheminots?|secouristes?|pompiers?|policiers?|employés?|ouvriers?|agriculteurs?|adolescents?|retraités?|"
          r"journalistes?|médecins?|volontaires?)\s+)?(?:ont été |a été |sont |est )?",
    "en": r"(?:(?:people|persons?|civilians?|residents?|children|child|soldiers?|servicemen|troops|men|women|man|"
          r"woman|boy|girl|others|more|passengers?|railway workers?|rescuers?|firefighters?|police officers?|"
          r"employees?|workers?|farmers?|teenagers?|pensioners?|journalists?|medics?|volunteers?)\s+)?"
          r"(?:were |was |have been |had been )?",
}
_KILLED = {"fr": r"(?:tués?|tuées?|morts?|décédée?s?|victimes mortelles)",
           "en": r"(?:killed|dead|died|deaths?|fatalities)"}
_INJURED = {"fr": r"(?:blessée?s?|blessures)", "en": r"(?:injured|wounded|hurt|injuries)"}
_LOST = {"fr": r"(?:perdu|perte de|pertes de|pertes s'élevant à)", "en": r"(?:lost|losses of)"}
_LOSS_UNITS = {"fr": r"(?:soldats|militaires|hommes|combattants)", "en": r"(?:soldiers|troops|servicemen|personnel|fighters)"}


@dataclass(frozen=True)
class Figures:
    fatalities: int | None = None
    injuries: int | None = None
    losses: int | None = None  # personnel losses one side attributes to the other: a claim, not a death toll


def to_number(token: str, lang: str) -> int | None:
    token = token.strip().lower()
    digits = re.sub(r"[ ,.]", "", token)
    if digits.isdigit():
        return int(digits)
    return _WORDS[lang].get(token)


_NEGATED = re.compile(r"(?:\bno|\bnot|\bpas|\baucune?)\s+$", re.I)


def _first(patterns: list[str], text: str, lang: str) -> int | None:
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.I):
            if _NEGATED.search(text[max(0, match.start() - 8):match.start()]):
                continue  # "No one was hurt"
            value = to_number(match.group("n"), lang)
            if value is not None:
                return value
    return None


_PERSON = {
    "fr": r"(?:homme|femme|enfant|civil|habitant|conducteur|passant|ouvrier|employé|retraité|soldat|garçon|fille|adolescent|"
          r"cheminot|passager|pompier|secouriste|policier|agriculteur|journaliste|médecin|volontaire)",
    "en": r"(?:man|woman|child|boy|girl|civilian|person|resident|worker|driver|pensioner|soldier|teenager|passer-by|"
          r"passenger|firefighter|rescuer|police officer|farmer|journalist|medic|volunteer)",
}
_AGE = {"fr": r"(?:\s+(?:âgée?\s+)?de\s+\d+\s+ans)?", "en": r"(?:,?\s+aged\s+\d+,?)?"}
_ONE = {
    "fr": {"killed": r"(?:tuant|ont tué|a tué)\s+(?:son|sa|leur|un|une|le|la)\s+(?:\w+\s+){{0,2}}{person}"
                     r"|\b(?:un|une)\s+(?:[\w-]+\s+){{0,2}}{person}{age}\s+(?:a été|est)\s+(?:tué|tuée|mort|morte)",
           "injured": r"(?:blessant|ont blessé|a blessé)\s+(?:son|sa|leur|un|une|le|la)\s+(?:\w+\s+){{0,2}}{person}"
                      r"|\b(?:un|une)\s+(?:[\w-]+\s+){{0,2}}{person}{age}\s+(?:a été|est)\s+blessée?"
                      r"|(?:blessant|ont blessé|a blessé)\s+(?:une? autre|une autre personne)\b"},
    "en": {"killed": r"(?:killing|killed)\s+(?:a|an|one|his|her|the)\s+(?:[\w-]+\s+){{0,2}}{person}"
                     r"|\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}{person}{age}\s+(?:was|has been)\s+killed",
           "injured": r"(?:injuring|wounding|injured|wounded|hurting)\s+(?:a|an|one|his|her|the)\s+(?:[\w-]+\s+){{0,2}}{person}"
                      r"|\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}{person}{age}\s+(?:was|has been)\s+(?:injured|wounded|hurt)"
                      # "killed one person and injured another"
                      r"|(?:injuring|wounding|injured|wounded|hurting|hurt)\s+(?:another|one other)\b"},
}


def _one_person(text: str, lang: str, kind: str) -> int:
    """"killing a 63-year-old man", "blessant son conducteur": one person, said without a number; "injured a
    woman and a teenage boy": two."""
    match = re.search(_ONE[lang][kind].format(person=_PERSON[lang], age=_AGE[lang]), text, re.I)
    if not match:
        return 0
    second = rf"^\s+(?:and|et)\s+(?:a|an|one|un|une|his|her|son|sa)\s+(?:[\w-]+\s+){{0,2}}{_PERSON[lang]}"
    return 2 if re.match(second, text[match.end():], re.I) else 1


def find_figures(text: str, lang: str) -> Figures:
    """Deaths, injuries and claimed losses that `text` (one sentence in `lang`) states; None where it states none.

    Compound number words ("vingt-trois", "twenty-three") are read with text2num first.
    """
    text = alpha2digit(text, lang)
    q, people = _QUALIFIER[lang], _PEOPLE[lang]
    number = _NUMBER.replace("(", "(?P<n>", 1)

    verbs = {
        "fr": {"killed": r"(?:tuant|coûtant la vie à|ont tué|a tué|avaient tué|avait tué)", "injured": r"(?:blessant)",
               "both": r"(?:faisant|a fait|ont fait)"},
        "en": {"killed": r"(?:killing|killed)", "injured": r"(?:injuring|wounding|injured|wounded)", "both": r"(?:leaving)"},
    }[lang]

    def patterns(word: str, kind: str) -> list[str]:
        # "15 blessés", "15 people were injured", "killing three", "faisant au moins 15 blessés"
        return [
            rf"\b{q}{number}\s+{people}{word}\b",
            rf"\b{verbs[kind]}\s+{q}{number}(?!\s+{people}{_INJURED[lang] if kind == 'killed' else _KILLED[lang]})",
        ]

    killed = _first(patterns(_KILLED[lang], "killed"), text, lang)
    injured = _first(patterns(_INJURED[lang], "injured"), text, lang)
    if killed is None:
        killed = _one_person(text, lang, "killed") or None
    if injured is None:
        injured = _one_person(text, lang, "injured") or None
    losses = _first([rf"\b{_LOST[lang]}\s+{q}{number}\s+{_LOSS_UNITS[lang]}"], text, lang)
    return Figures(killed, injured, losses)
