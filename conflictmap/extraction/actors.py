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
_CIVILIANS = re.compile(r"\b(?:civil\w*|residenti\w*|habitants?|residents?|people|personnes|enfants|children|"
                        r"immeubles?|apartment|maisons?|houses?|quartier)\b")
_AGENT = re.compile(r"\b(?:par|by)\s+(?:les?\s+|la\s+|the\s+)?(?:forces|troupes|troops|soldats|soldiers|armee|army)?\s*$")


def _mentions(plain: str) -> list[tuple[int, str, str]]:
    found = []
    for actor, country, pattern in _SIDES:
        match = pattern.search(plain)
        if match:
            found.append((match.start(), actor, country))
    return sorted(found)


def find_actors(text: str, event_type: str, place_country: str = "", place_country_name: str = "") -> tuple[str, str]:
    """(actor1, actor2) for an event of `event_type` placed in `place_country` (ISO2); blank when not said."""
    plain = unidecode(text).lower()
    sides = _mentions(plain)
    if event_type == "Explosions/Remote violence":
        attackers = [actor for _, actor, country in sides if country != place_country]
        actor1 = attackers[0] if attackers else ""
        actor2 = f"Civilians ({place_country_name})" if place_country_name and _CIVILIANS.search(plain) else ""
        return actor1, actor2
    if event_type == "Battles":
        agents = [actor for start, actor, _ in sides
                  if _AGENT.search(plain[max(0, start - 40):start])]
        ordered = agents + [actor for _, actor, _ in sides if actor not in agents]
        return (ordered[0] if ordered else ""), (ordered[1] if len(ordered) > 1 else "")
    if event_type == "Violence against civilians":
        attackers = [actor for _, actor, country in sides if country != place_country] or [a for _, a, _ in sides]
        return (attackers[0] if attackers else ""), (f"Civilians ({place_country_name})" if place_country_name else "")
    return (sides[0][1] if sides and event_type == "Strategic developments" and len(sides) == 1 else ""), ""
