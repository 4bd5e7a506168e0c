"""Which armed forces an event involves, named the way ACLED names them.

Only the three state forces that these reports are about are recognised; anything else is left for the
reviewer rather than guessed.
"""
from __future__ import annotations

import re

from unidecode import unidecode

RUSSIA = "Military Forces of Russia (2000-)"
UKRAINE = "Military Forces of Ukraine (2019-)"
NORTH_KOREA = "Military Forces of North Korea"

_SIDES = [
    (RUSSIA, "RU", re.compile(r"\b(?:russie|russes?|moscou|russia|russian|russians|moscow|kremlin)\b")),
    (UKRAINE, "UA", re.compile(r"\b(?:ukrainien\w*|ukrainian\w*|forces armees ukrain\w*|l'ukraine|ukraine's|"
                               r"kyiv's forces)\b")),
    (NORTH_KOREA, "KP", re.compile(r"\b(?:nord-coreen\w*|coree du nord|north korean?s?|pyongyang)\b")),
]
# Ukrainian and Russian, read on the lower-case Cyrillic. "Ворог" (the enemy) in a Ukrainian text is Russia; in a
# Russian text "противник" may be either side, so only names of a side count there.
_SLAVIC_SIDES = {
    "uk": [
        (RUSSIA, "RU", re.compile(r"\b(?:росі\w*|російськ\w*|рф\b|ворог\w*|окупант\w*|рашист\w*|москв\w*|кремл\w*)")),
        (UKRAINE, "UA", re.compile(r"\b(?:українськ\w*|зсу\b|сил\w* оборони|сили оборони)")),
        (NORTH_KOREA, "KP", re.compile(r"\b(?:кндр|північнокорейськ\w*)")),
    ],
    "ru": [
        (RUSSIA, "RU", re.compile(r"\b(?:российск\w*|россия\w*|россии|рф\b|вс рф|москв\w*|кремл\w*|"
                                  r"группировк\w* войск)")),
        (UKRAINE, "UA", re.compile(r"\b(?:украинск\w*|всу\b|вфу\b|киевск\w* режим\w*)")),
        (NORTH_KOREA, "KP", re.compile(r"\b(?:кндр|северокорейск\w*)")),
    ],
}
_SLAVIC_CIVILIANS = re.compile(r"\b(?:цивільн\w*|мирн\w*|житлов\w*|жител\w*|мешкан\w*|людей|людин\w*|дит\w*|будин\w*|"
                               r"квартир\w*|гражданск\w*|жил\w* дом\w*|человек\w*|дет\w*|ребен\w*|ребён\w*|дом\w*)")
_CIVILIANS = re.compile(r"\b(?:civil\w*|residenti\w*|habitants?|residents?|people|personnes|enfants|children|"
                        r"immeubles?|apartment|maisons?|houses?|quartier)\b")
# air-defence forces, the actor of a shoot-down ("силы ПВО сбили 25 беспилотников"), read on the lower case (the
# Latin after unidecode)
_AIR_DEFENCE = {
    "uk": re.compile(r"(?<!\w)(?:сил\w* ппо|засоб\w* ппо|ппо|протиповітрян\w* оборон\w*|зенітн\w*)(?!\w)"),
    "ru": re.compile(r"(?<!\w)(?:сил\w* пво|средств\w* пво|пво|противовоздушн\w* оборон\w*|зенитн\w*)(?!\w)"),
    "en": re.compile(r"\b(?:air[- ]defen[cs]es?(?: forces| systems| units)?|anti-aircraft)\b"),
    "fr": re.compile(r"\b(?:(?:la |les )?d[ée]fenses? (?:anti-?a[ée]riennes?|a[ée]riennes?|sol-air)|"
                     r"(?:la )?dca)\b"),
}
# the state bodies whose own air defences a shoot-down they report is (`claims._BODIES`' names)
_BODY_SIDES = {"Russian Ministry of Defence": RUSSIA, "Ukrainian Ministry of Defence": UKRAINE,
               "General Staff of the Armed Forces of Ukraine": UKRAINE, "Ukrainian Air Force": UKRAINE}
_NEXT_TO = re.compile(r"\s*(?:\b(?:of|de|du|des|la|the)\s+|l')*\s*")  # what may stand between a side and its air defence
_AGENT = re.compile(r"\b(?:par|by)\s+(?:les?\s+|la\s+|the\s+)?(?:forces|troupes|troops|soldats|soldiers|armee|army)?\s*$")


def _mentions(plain: str, lang: str = "en") -> list[tuple[int, str, str]]:
    found = []
    for actor, country, pattern in _SLAVIC_SIDES.get(lang, _SIDES):
        match = pattern.search(plain)
        if match:
            found.append((match.start(), actor, country))
    return sorted(found)


def find_actors(text: str, event_type: str, place_country: str = "", place_country_name: str = "",
                lang: str = "en", claimed_by: str = "") -> tuple[str, str]:
    """(actor1, actor2) for an event of `event_type` placed in `place_country` (ISO2), from `text` in `lang`;
    blank when not said. A shoot-down (Strategic developments) by air defences is theirs when the text says whose
    (`_air_defence`; `claimed_by` is the body that claims it, as `claims` names it), and the other side's weapons."""
    slavic = lang in _SLAVIC_SIDES
    plain = text.lower().replace("ё", "е") if slavic else unidecode(text).lower()
    civilians = (_SLAVIC_CIVILIANS if slavic else _CIVILIANS).search(plain)
    sides = _mentions(plain, lang)
    if event_type == "Explosions/Remote violence":
        attackers = [actor for _, actor, country in sides if country != place_country]
        actor1 = attackers[0] if attackers else ""
        actor2 = f"Civilians ({place_country_name})" if place_country_name and civilians else ""
        return actor1, actor2
    if event_type == "Battles":
        agents = [actor for start, actor, _ in sides
                  if _AGENT.search(plain[max(0, start - 40):start])]
        ordered = agents + [actor for _, actor, _ in sides if actor not in agents]
        return (ordered[0] if ordered else ""), (ordered[1] if len(ordered) > 1 else "")
    if event_type == "Violence against civilians":
        attackers = [actor for _, actor, country in sides if country != place_country] or [a for _, a, _ in sides]
        return (attackers[0] if attackers else ""), (f"Civilians ({place_country_name})" if place_country_name else "")
    if event_type == "Strategic developments":
        defence = _air_defence(plain, lang, sides, claimed_by)
        if defence is not None:
            # the side of the weapons shot down, when the text names one other than the defence's; air defences
            # the text does not say whose are no one's ("силы ПВО сбили 25 украинских беспилотников": not Ukraine's)
            others = [actor for _, actor, _ in sides if actor != defence]
            return defence, (others[0] if others else "")
    return (sides[0][1] if sides and event_type == "Strategic developments" and len(sides) == 1 else ""), ""


def _air_defence(plain: str, lang: str, sides: list[tuple[int, str, str]], claimed_by: str) -> str | None:
    """The side whose air defences the text says shot something down: named in the air-defence phrase itself
    ("российские силы ПВО", "Ukraine's air defences", "la défense antiaérienne russe", "ППО України", "air
    defences of Ukraine": a side's word next to it), else the side of the state body that reports the shoot-down (the Russian Ministry
    of Defence's "силы ПВО" are Russia's). Blank when the text does not say whose; None when it names no air
    defences."""
    match = _AIR_DEFENCE[lang if lang in _AIR_DEFENCE else "en"].search(plain)
    if match is None:
        return None
    for start, actor, _ in sides:
        word_end = start + len(plain[start:].split(maxsplit=1)[0])
        if (start < match.start() and _NEXT_TO.fullmatch(plain[word_end:match.start()])) or \
                (start >= match.end() and _NEXT_TO.fullmatch(plain[match.end():start])):
            return actor
    return _BODY_SIDES.get(claimed_by, "")
