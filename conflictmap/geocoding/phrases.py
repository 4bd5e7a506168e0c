"""Split a place phrase into its parts: the name asked for, and the context around it.

"district de Shevchenkivskyi à Kharkiv" -> [district segment: shevchenkivskyi] [kharkiv];
"Pokrovsk, Donetsk Oblast" -> [pokrovsk] [region segment: donetsk]; "près de Kupiansk" -> [near: kupiansk].
Pure functions of the text: no data is consulted here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import is_cyrillic, plain, skeleton
from .vocabulary import (
    ADJECTIVE_ENDINGS, COUNTRY_WORDS, DISTRICT_WORDS, NEAR_WORDS, PREPOSITIONS, REGION_WORDS, SPLIT_WORDS, STOP_WORDS,
)

_PARTS = re.compile(r"[,;()\[\]/|:]+|\s[-–—]+\s")
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")
# French elision before a vowel or h ("l'oblast", "d'Odessa"), not a transliteration's soft sign ("L'gov").
_ELISION = re.compile(r"\b([ldjnsmtcLDJNSMTC]|qu|Qu|QU)['’](?=[aeiouyhàâéèêëîïôûAEIOUYHÀÂÉÈÊËÎÏÔÛ])")

# "р-н", "р-ні", "р-ну": the written short form of район.
_RAION_ABBREVIATION = re.compile(r"(?<!\w)р-(?:н|ні|ну|на|не)(?!\w)", re.IGNORECASE)


@dataclass
class Segment:
    words: list[str] = field(default_factory=list)  # plain words of the names, filler removed
    keys: list[str] = field(default_factory=list)  # their name keys
    raw_keys: list[str] = field(default_factory=list)  # every word's key, filler kept ("rostov on don")
    region: bool = False
    district: bool = False
    near: bool = False
    cyrillic: bool = False

    @property
    def key(self) -> str:
        return " ".join(self.keys)

    @property
    def raw_key(self) -> str:
        """The words from the first name to the last, filler inside kept."""
        names = set(self.keys)
        inside = [i for i, k in enumerate(self.raw_keys) if k in names]
        return " ".join(self.raw_keys[inside[0]: inside[-1] + 1]) if inside else ""


@dataclass
class Phrase:
    segments: list[Segment]  # only segments that carry a name
    countries: list[str]  # countries named in the text ("province russe" -> RU)


def parse_phrase(text: str) -> Phrase:
    """The named parts of a place phrase and the countries it names; pure, never raises."""
    segments: list[Segment] = []
    countries: list[str] = []
    current = Segment()
    for part in _PARTS.split(_ELISION.sub(r"\1 ", _POSSESSIVE.sub("", _RAION_ABBREVIATION.sub("район", str(text))))):
        # flags met before any name ("outskirts of", "region of") stay on the segment that gets the name
        current = Segment(region=current.region, district=current.district, near=current.near) if not current.keys \
            else Segment()
        current.cyrillic = is_cyrillic(part)
        for word in plain(part).split():
            key = skeleton(word)
            if key in SPLIT_WORDS and current.keys:
                segments.append(current)
                current = Segment(cyrillic=current.cyrillic)
            if key in COUNTRY_WORDS:
                countries.append(COUNTRY_WORDS[key])
                current.raw_keys.append(key)
            elif key in REGION_WORDS:
                current.region = True
            elif key in DISTRICT_WORDS:
                current.district = True
            elif key in NEAR_WORDS:
                current.near = True
            elif key in STOP_WORDS or key in SPLIT_WORDS or key in PREPOSITIONS:
                current.raw_keys.append(key)
            else:
                current.words.append(word)
                current.keys.append(key)
                current.raw_keys.append(key)
        if current.keys:
            segments.append(current)
    return Phrase(segments, countries)


def admin_stem(text: str) -> str:
    """The stem of a region's name, so that the forms of one raion or oblast meet: "Bakhmutskyi", "Bakhmut Raion",
    "Бахмутський район" and "Bakhmutskyi raion" all give "bahmut"; "" when nothing names a place."""
    key = " ".join(k for segment in parse_phrase(text).segments for k in segment.keys)
    for ending in ADJECTIVE_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: -len(ending)]
    return key
