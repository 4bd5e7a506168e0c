"""Casualty figures in a sentence: deaths, injuries, and one side's claimed losses.

"at least 15" and "au moins 15 blessés" keep the lower bound, which is what the text supports; "three" and
"trois" are read as numbers. Losses ("lost 350 soldiers") are not deaths, so they are kept apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
          r"journalistes?|médecins?|volontaires?)\s+){0,2}(?:y |en )?(?:ont été |a été |sont |est )?"
          r"(?:légèrement |grièvement |gravement |sérieusement |mortellement )?",
    "en": r"(?:(?:people|persons?|civilians?|residents?|children|child|soldiers?|servicemen|troops|men|women|man|"
          r"woman|boy|girl|others|more|passengers?|railway workers?|rescuers?|firefighters?|police officers?|"
          r"employees?|workers?|farmers?|teenagers?|pensioners?|journalists?|medics?|volunteers?)\s+){0,2}"
          r"(?:were |was |have been |had been )?(?:slightly |seriously |badly |critically |lightly |severely )?",
}
_KILLED = {"fr": r"(?:tués?|tuées?|morts?|décédée?s?|victimes mortelles)",
           "en": r"(?:killed|dead|died|deaths?|fatalities)"}
_INJURED = {"fr": r"(?:blessée?s?|blessures)", "en": r"(?:injured|wounded|hurt|injuries)"}
_LOST = {"fr": r"(?:perdu|perte de|pertes de|pertes s'élevant à)", "en": r"(?:lost|losses of)"}
_LOSS_UNITS = {"fr": r"(?:soldats|militaires|hommes|combattants)", "en": r"(?:soldiers|troops|servicemen|personnel|fighters)"}


@dataclass(frozen=True)
class Figures:
    """Counts of people a sentence states (None = not stated, never 0 for "not said")."""

    fatalities: int | None = None
    injuries: int | None = None
    losses: int | None = None  # personnel losses one side attributes to the other: a claim, not a death toll


def to_number(token: str, lang: str) -> int | None:
    """The whole number a French or English token writes ("1,200", "12", "three", "douzaine"), or None.
    Raises KeyError for another language."""
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
    "fr": r"(?:homme|femme|enfant|personne|civil|habitant|conducteur|chauffeur|gardien|vigile|infirmière|infirmier|"
          r"passant|ouvrier|employé|retraité|soldat|garçon|fille|adolescent|"
          r"cheminot|passager|pompier|secouriste|policier|agriculteur|journaliste|médecin|volontaire)",
    "en": r"(?:man|woman|child|boy|girl|civilian|person|resident|worker|driver|security guard|guard|nurse|paramedic|"
          r"pensioner|soldier|teenager|passer-by|"
          r"passenger|firefighter|rescuer|police officer|farmer|journalist|medic|volunteer)",
}
_ADVERB = {"fr": r"(?:légèrement |grièvement |gravement |sérieusement |mortellement )?",
           "en": r"(?:slightly |seriously |badly |critically |lightly |severely |fatally )?"}
_AGE = {"fr": r"(?:\s+(?:âgée?\s+)?de\s+\d+\s+ans)?", "en": r"(?:,?\s+aged\s+\d+,?)?"}
_ONE = {
    # "Un docker a été tué": whoever is said to be killed or wounded is a person, whatever the noun
    "fr": {"killed": r"(?:tuant|ont tué|a tué)\s+(?:son|sa|leur|un|une|le|la)\s+(?:\w+\s+){{0,2}}{person}"
                     r"|\b(?:un|une|le|la|l')\s*(?:[\w-]+\s+){{0,2}}[\w-]+{age}\s+(?:a été|est)\s+{adverb}"
                     r"(?:tué|tuée|mort|morte)",
           "injured": r"(?:blessant|ont blessé|a blessé)\s+(?:son|sa|leur|un|une|le|la)\s+(?:\w+\s+){{0,2}}{person}"
                      r"|\b(?:un|une|le|la|l')\s*(?:[\w-]+\s+){{0,2}}[\w-]+{age}\s+(?:a été|est)\s+{adverb}blessée?"
                      r"|(?:blessant|ont blessé|a blessé)\s+(?:une? autre|une autre personne)\b"},
    "en": {"killed": r"(?:killing|killed)\s+(?:a|an|one|his|her|its|their|the)\s+(?:[\w-]+\s+){{0,2}}{person}"
                     r"|\b(?:a|an|one|the|his|her|its|their)\s+(?:[\w-]+\s+){{0,2}}[\w-]+{age}\s+(?:was|has been)\s+"
                     r"{adverb}killed",
           "injured": r"(?:injuring|wounding|injured|wounded|hurting)\s+(?:a|an|one|his|her|its|their|the)\s+"
                      r"(?:[\w-]+\s+){{0,2}}{person}"
                      # "her son was wounded": whoever is said to be wounded is a person
                      r"|\b(?:a|an|one|the|his|her|its|their)\s+(?:[\w-]+\s+){{0,2}}[\w-]+{age}\s+(?:was|has been)\s+"
                      r"{adverb}(?:injured|wounded|hurt)"
                      # "killed one person and injured another"
                      r"|(?:injuring|wounding|injured|wounded|hurting|hurt)\s+(?:another|one other)\b"},
}


_COUPLE = {"en": r"(?:injuring|wounding|injured|wounded|hurting|killing|killed)\s+(?:an?|the)\s+(?:[\w-]+\s+)?couple\b",
           "fr": r"(?:blessant|tuant|(?:a|ont)\s+(?:blessé|tué))\s+(?:un|le)\s+couple\b"}


def _one_person(text: str, lang: str, kind: str) -> int:
    """"killing a 63-year-old man", "blessant son conducteur": one person, said without a number; "injured a
    woman and a teenage boy": two; "injuring its driver and two passengers": three; "wounding an elderly couple":
    two."""
    match = re.search(_ONE[lang][kind].format(person=_PERSON[lang], age=_AGE[lang], adverb=_ADVERB[lang]), text, re.I)
    if not match:
        couple = re.search(_COUPLE[lang], text, re.I)
        killing = couple is not None and re.match(r"kill|tu", couple.group(0), re.I)
        return 2 if couple and bool(killing) == (kind == "killed") else 0
    second = rf"^\s+(?:and|et)\s+(?:a|an|one|un|une|his|her|son|sa)\s+(?:[\w-]+\s+){{0,2}}{_PERSON[lang]}"
    more = re.match(rf"^\s+(?:and|et)\s+(?P<n>\d+|[a-z]+)\s+(?:other\s+|autres?\s+)?{_PEOPLE[lang]}", text[match.end():],
                    re.I)
    other_word = _INJURED[lang] if kind == "killed" else _KILLED[lang]  # "et deux autres ont été blessés": not killed
    if more and to_number(more.group("n"), lang) and not re.match(other_word, text[match.end() + more.end():], re.I):
        return 1 + to_number(more.group("n"), lang)
    return 2 if re.match(second, text[match.end():], re.I) else 1


def elliptic_count(clause: str, lang: str) -> int | None:
    """"..., and one in the village of Ivanopillia": a bare number for a place, whose casualty word the clause
    before gave. None for any other clause or language."""
    if lang not in _WORDS:
        return None
    match = re.match(r"^\W*(?:and|et)?\s*(?P<n>\d+|[a-z]+)\s+(?:more\s+|others?\s+|autres?\s+)?(?:in|at|à|near|près)\b",
                     alpha2digit(clause, lang), re.I)
    return to_number(match.group("n"), lang) if match else None


_NOUNS = {  # people, in the singular or plural, as lists name them
    "en": r"(?:people|persons?|civilians?|residents?|children|child|soldiers?|serviceme[na]|troops|men|women|man|woman|"
          r"boys?|girls?|passengers?|drivers?|workers?|pensioners?|teenagers?|firefighters?|rescuers?|police officers?|"
          r"farmers?|journalists?|medics?|volunteers?|employees?)",
    "fr": r"(?:personnes?|civils?|habitants?|enfants?|soldats?|militaires?|hommes?|femmes?|garçons?|filles?|"
          r"passagers?|conducteurs?|ouvriers?|employés?|retraités?|adolescents?|pompiers?|secouristes?|policiers?|"
          r"agriculteurs?|journalistes?|médecins?|volontaires?|cheminots?)",
}
_AUXILIARY = re.compile(r"^\s+(?:were|was|have|has|had|ont|a|sont|est|avaient|avait)\b", re.I)


def _listed_people(text: str, lang: str) -> str:
    """"two soldiers and a civilian were killed" -> "3 soldiers were killed": people counted in two groups joined by
    "and"/"et" are one count, unless each group has its own verb ("killed two soldiers and a civilian was
    injured")."""
    count = rf"(\d+|{'|'.join(sorted(_WORDS[lang], key=len, reverse=True))})"  # "12", "two", "a", "un"
    listed = re.compile(rf"\b{count}\s+((?:[\w-]+\s+)?{_NOUNS[lang]})\s+(?:and|et)\s+{count}\s+"
                        rf"(?:(?:other|more|autres?)\s+)?(?:[\w-]+\s+)?{_NOUNS[lang]}\b", re.I)

    def merged(match: re.Match) -> str:
        first, second = to_number(match.group(1), lang), to_number(match.group(3), lang)
        verb_before = re.search(rf"(?:{_KILLED[lang]}|{_INJURED[lang]}|killing|injuring|wounding|tuant|blessant|"
                                r"a tué|ont tué|a blessé|ont blessé)\s+(?:\w+\s+){0,2}$",
                                text[max(0, match.start() - 40):match.start()], re.I)
        if first is None or second is None or (verb_before and _AUXILIARY.match(text[match.end():])):
            return match.group(0)
        return f"{first + second} {match.group(2)}"

    return listed.sub(merged, text)


# "надалі з'ясувалося, що", "позже выяснилось", "then corrected the figure to", "avant de corriger le bilan à": what
# follows corrects a count given before it
_CORRECTED = {
    "uk": r"(?:надалі|згодом|пізніше|потім)\s+(?:з['’]ясувалося|уточнили|уточнено|виправили)",
    "ru": r"(?:позже|впоследствии|затем|потом)\s+(?:выяснилось|уточнили|уточнено|исправили)",
    "en": r"\b(?:then|later|since|but)\s+(?:corrected|revised|updated|raised|lowered)\b",
    "fr": r"\b(?:avant de|puis|ensuite)\s+(?:corriger|rectifier|réviser|corrigé|rectifié|révisé)\b",
}
_CORRECTED_TO = r"\b(?:figure|toll|number|count|bilan|chiffre)\s+(?:to|à)\s+(?P<n>[\w-]+)"


def find_figures(text: str, lang: str) -> Figures:
    """Deaths, injuries and claimed losses that `text` (one sentence in `lang`) states; None where it states none. A
    count corrected later in the sentence ("Попередньо повідомлялося про одного пораненого, надалі з'ясувалося, що
    постраждали троє людей"; "had first reported two injured, then corrected the figure to one") is the corrected one.

    Compound number words ("vingt-trois", "twenty-three") are read with text2num first; Ukrainian and Russian
    sentences are read by `_slavic_figures`. Raises KeyError for a language without rules.
    """
    corrected = re.search(_CORRECTED[lang], text, re.I)
    if corrected is None:
        return _figures(text, lang)
    later = _figures(text[corrected.end():], lang)
    if later.fatalities is not None or later.injuries is not None:
        return later
    first = _figures(text[:corrected.start()], lang)
    to = re.search(_CORRECTED_TO, text[corrected.end():], re.I) if lang in _WORDS else None
    value = to_number(to.group("n"), lang) if to else None
    if value is None:
        return first
    if first.injuries is not None and first.fatalities is None:
        return Figures(first.fatalities, value, first.losses)
    if first.fatalities is not None and first.injuries is None:
        return Figures(value, first.injuries, first.losses)
    return first


def _figures(text: str, lang: str) -> Figures:
    if lang in _SLAVIC:
        return _slavic_figures(text, lang)
    text = _listed_people(alpha2digit(text, lang), lang)
    q, people = _QUALIFIER[lang], _PEOPLE[lang]
    number = _NUMBER.replace("(", "(?P<n>", 1)

    verbs = {
        "fr": {"killed": r"(?:tuant|coûtant la vie à|ont tué|a tué|avaient tué|avait tué)",
               "injured": r"(?:blessant|(?:en\s+)?(?:a|ont|avait|avaient)\s+blessé)",
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


# ---- Ukrainian and Russian ------------------------------------------------------------------------------------------
# The word order is free ("загинули двоє людей", "двоє людей загинули", "поранено трьох") and number words inflect
# ("трьох", "п'ятеро", "двоих"): a casualty word takes the nearest number of its clause, across words that only say
# who ("людей", "мирных жителей", "ще"); with none, a singular verb or person ("загинула жінка") is one person.
_NUMBER_WORDS = {
    "uk": {"один": 1, "одна": 1, "одне": 1, "два": 2, "дві": 2, "двоє": 2, "три": 3, "троє": 3, "чотири": 4,
           "четверо": 4, "п'ять": 5, "п'ятеро": 5, "шість": 6, "шестеро": 6, "сім": 7, "семеро": 7, "вісім": 8,
           "восьмеро": 8, "дев'ять": 9, "дев'ятеро": 9, "десять": 10, "десятеро": 10, "одинадцять": 11,
           "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14, "п'ятнадцять": 15, "шістнадцять": 16,
           "сімнадцять": 17, "вісімнадцять": 18, "дев'ятнадцять": 19, "двадцять": 20, "тридцять": 30, "сорок": 40,
           "п'ятдесят": 50, "шістдесят": 60, "сто": 100, "десяток": 10, "обидва": 2, "обидві": 2, "обоє": 2},
    "ru": {"один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "двое": 2, "три": 3, "трое": 3, "четыре": 4,
           "четверо": 4, "пять": 5, "пятеро": 5, "шесть": 6, "шестеро": 6, "семь": 7, "семеро": 7, "восемь": 8,
           "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
           "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
           "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "сто": 100, "десяток": 10,
           "оба": 2, "обе": 2, "обоих": 2},
}
_SLAVIC = tuple(_NUMBER_WORDS)
_TRIGGERS = {
    "uk": {"killed": re.compile(r"^(?:загин\w*|загибл\w*|вбит\w*|вбил\w*|вбив|загиблих)$"),
           "injured": re.compile(r"^(?:поранен(?:о|і|а|ий|их|им|ими|ого|ому|у)?|поранил\w*|травмован\w*|травмувал\w*|"
                                 r"постражда\w*|постраждал\w*|госпіталізован\w*)$")},
    "ru": {"killed": re.compile(r"^(?:погиб\w*|убит\w*|убил\w*|погибш\w*)$"),
           "injured": re.compile(r"^(?:ранен(?:ы|о|а|ых|ый|ая|ое|ого|ому|ым|ыми)?|ранил\w*|пострада\w*|травмирован\w*|"
                                 r"госпитализирован\w*)$")},
}
# "отримав поранення", "получили ранения": the person is the subject of the verb
_GOT = re.compile(r"^(?:отрима\w*|діста\w*|зазна\w*|получи\w*)$")
_HARM = re.compile(r"^(?:поранен(?:ня|нями|ь)|травм\w*|ранени[яей]\w*|увечь\w*)$")
_WHO = frozenset(
    "людей людини люди людина осіб особи особа чоловік чоловіки чоловіків жінок жінки дітей дитини цивільних "
    "цивільні мирних мирні жителів жителі мешканців мешканці ще також було були є щонайменше щонайменш понад "
    "близько майже до зросла зросло зріс збільшилася важко тяжко легко серйозно "
    "человек человека мирных мирные жителей жителя жители детей ребенка гражданских гражданские еще ещё также "
    "было были есть менее минимум около почти более выросло возросло увеличилось тяжело легко серьезно "
    "не как по меньшей мере".split())
_PERSON_WORDS = re.compile(
    r"^(?:людин[ау]|жінк[ау]|чоловік[а]?|дитин[ау]|хлопчик[а]?|дівчинк[ау]|підліт(?:ок|ка)|пенсіонер(?:а|ку|ка)?|"
    r"воді(?:й|я)|мешкан(?:ець|ця|ку|ка)|житель|жител[яь]|цивільн(?:ий|ого)|військов(?:ий|ого)|працівник[а]?|"
    r"рятувальник[а]?|поліцейськ(?:ий|ого)|волонтер(?:а|ку|ка)?|"
    r"женщин[ау]|мужчин[ау]|ребен(?:ок|ка)|ребён(?:ок|ка)|мальчик[а]?|девочк[ау]|подрост(?:ок|ка)|пенсионер(?:а|ку|ка)?|"
    r"водител[ья]|жительниц[ау]|мирн(?:ый|ого) жител[ья]|человек|рабоч(?:ий|его)|сотрудник[а]?|спасател[ья])$")
_AGE_WORD = re.compile(r"^(?:\d+-(?:річн|літн|летн)\w*|років|року|рік|лет|года|год)$")
_NEGATION = re.compile(r"^(?:без|немає|нема|нет|ніхто|никто|не)$")
_CLAUSE_SPLIT = re.compile(r"[,;:.!?()—–]|\s(?:і|й|та|а|и|но|але)\s")
_SLAVIC_LOSSES = re.compile(r"(?:втрат\w*|втратил\w*|потер\w*|потерял\w*|ліквідован\w*|ліквідувал\w*|уничтожен\w*|"
                            r"ликвидирован\w*)\D{0,40}?(\d[\d ]*)\s*(?:військов\w*|осіб|особового|солдат\w*|окупант\w*|"
                            r"военнослужащ\w*|человек|боевик\w*|солдат)", re.I)


@lru_cache(maxsize=2)
def _morph(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _slavic_number(words: list[str], i: int, lang: str) -> int | None:
    """The number word or numeral at words[i] (with the words after it: "двадцять три"), or None."""
    word = words[i]
    if word.isdigit():
        return None if i + 1 < len(words) and _AGE_WORD.match(words[i + 1]) else int(word)
    total = 0
    for following in words[i:i + 3]:
        value = _NUMBER_WORDS[lang].get(following) or next(
            (_NUMBER_WORDS[lang].get(p.normal_form) for p in _morph(lang).parse(following)
             if p.tag.POS in ("NUMR", "ADJF") and p.normal_form in _NUMBER_WORDS[lang]), None)
        if value is None:
            break
        total += value
    return total or None


_ANIMALS = re.compile(r"^(?:коров|корів|свин|кон[ейяи]|кін|худоб|тварин|животн|собак|кіз|коз|овец|овець|птиц|птах|кур)")


def _not_people(following: list[str], lang: str) -> bool:
    """"погибли две коровы", "пошкоджено три будинки": the number counts animals or things, not people."""
    if not following or following[0] in _WHO or _PERSON_WORDS.match(following[0]) or _AGE_WORD.match(following[0]):
        return False
    parse = _morph(lang).parse(following[0])[0]
    grammemes = set(parse.tag.grammemes)
    return parse.tag.POS == "NOUN" and ("inan" in grammemes or bool(_ANIMALS.match(following[0])))


def _singular(word: str, lang: str) -> bool:
    for parse in _morph(lang).parse(word)[:2]:
        grammemes = set(parse.tag.grammemes)
        if "plur" in grammemes or "Impe" in grammemes:
            return False
        if grammemes & {"masc", "femn", "neut", "sing"}:
            return True
    return False


def _count(words: list[str], i: int, lang: str) -> int | None:
    """The number of people the casualty word at words[i] is about, or None when the clause does not say."""
    if any(_NEGATION.match(w) for w in words[max(0, i - 2):i + 2]):
        return None
    for step in range(1, 5):  # the nearest number, skipping the words that only say who
        for j in (i - step, i + step):
            if 0 <= j < len(words) and all(w in _WHO or _AGE_WORD.match(w) or _PERSON_WORDS.match(w)
                                            or _animate(w, lang) for w in words[min(i, j) + 1:max(i, j)]):
                value = _slavic_number(words, j, lang)
                if value is not None:
                    return None if j > i and _not_people(words[j + 1:j + 2], lang) else value
    if _singular(words[i], lang):
        return 1  # "загинула жінка", "Пострадал водитель", "отримав поранення"
    if any(_PERSON_WORDS.match(w) or _one_animate(w, lang) for w in words[i + 1:i + 4]):
        return 1  # "поранено 62-річну жінку", "Травмовано охоронця"
    if any(_PERSON_WORDS.match(w) for w in words[max(0, i - 3):i]):
        return 1
    return None


def _animate(word: str, lang: str) -> bool:
    """A noun for living beings ("пасажирів", "пассажиров", "рятувальників"): it says who the number counts."""
    parse = _morph(lang).parse(word)[0]
    return parse.tag.POS == "NOUN" and "anim" in set(parse.tag.grammemes) and not _ANIMALS.match(word)


def _one_animate(word: str, lang: str) -> bool:
    """A singular animate noun in an oblique case: the one person an impersonal verb ("травмовано") is about."""
    parse = _morph(lang).parse(word)[0]
    grammemes = set(parse.tag.grammemes)
    return parse.tag.POS == "NOUN" and "anim" in grammemes and "plur" not in grammemes and \
        bool(grammemes & {"accs", "gent"}) and not ({"Name", "Surn", "Patr"} & grammemes)


# "і", "та", "и": the clauses it joins may be one list of people ("двоє військових і один цивільний")
_AND = re.compile(r"\s(?:і|й|та|и)\s")


_QUALIFIES = re.compile(r"її|його|їхн\w*|свій|своя|своє|свої|её|ее|его|их|сво[йяеи]|\d+-(?:річн|летн)\w*")


def _bare_count(clause: str, lang: str) -> int | None:
    """"один цивільний", "одного цивільного", "дитина": a clause that only counts people, with no casualty word of
    its own; the number of people it counts, or None for any other clause. Whose the person is and the age ("її
    11-річний син", "её 11-летний сын") only qualify the person."""
    words = [w for w in re.findall(r"[\w'-]+", clause) if not _QUALIFIES.fullmatch(w)]
    if not words or any(p.match(w) for w in words for p in _TRIGGERS[lang].values()):
        return None
    value = _slavic_number(words, 0, lang)
    rest = words[1:] if value is not None else words
    if value is not None and len(rest) > 0 and _slavic_number(words, 1, lang) is not None:
        return None  # "двадцять три ..." is read whole by _slavic_number; a second numeral is something else
    if not rest or not all(w in _WHO or _PERSON_WORDS.match(w) or _animate(w, lang) or _adjective(w, lang)
                           for w in rest):
        return None
    # "ранены водитель и пассажирка": one person, named by any noun for a person
    one = len(rest) == 1 and (_PERSON_WORDS.match(rest[0]) or _one_animate(rest[0], lang)
                              or (_animate(rest[0], lang) and _singular(rest[0], lang)))
    return value if value is not None else (1 if one else None)


def _adjective(word: str, lang: str) -> bool:
    """"мирный" (житель), "цивільного": a word that only qualifies the person counted."""
    return _morph(lang).parse(word)[0].tag.POS in ("ADJF", "PRTF")


def _slavic_figures(text: str, lang: str) -> Figures:
    killed = injured = None
    parts = re.split(rf"({_CLAUSE_SPLIT.pattern})", text.lower().replace("ё", "е"))
    clauses, joins = parts[::2], parts[1::2]  # joins[k] stands between clauses[k] and clauses[k + 1]
    for k, clause in enumerate(clauses):
        words = re.findall(r"[\w'-]+", clause)
        for i, word in enumerate(words):
            kind = next((k for k, pattern in _TRIGGERS[lang].items() if pattern.match(word)), None)
            if kind is None and _GOT.match(word) and any(_HARM.match(w) for w in words[i + 1:i + 5]):
                kind = "injured"
            if kind is None:
                continue
            value = _count(words, i, lang)
            if value is None:
                continue
            # "загинули двоє військових і один цивільний", "двох військових і одного цивільного поранено": the
            # people listed with "і" in the clauses next to it are counted too
            for step in (1, -1):
                j = k + step
                while 0 <= j < len(clauses) and _AND.fullmatch(joins[min(j, j - step)]) \
                        and (extra := _bare_count(clauses[j], lang)) is not None:
                    value += extra
                    j += step
            if kind == "killed" and killed is None:
                killed = value
            elif kind == "injured" and injured is None:
                injured = value
    losses = _SLAVIC_LOSSES.search(text)
    return Figures(killed, injured, int(re.sub(r"\D", "", losses.group(1))) if losses else None)
