"""Offline resolution of a place phrase: overrides, curated regions and districts, then the gazetteer.

Disambiguation uses what the phrase and the caller give (country, oblast), then population. A name used by
several places resolves only when one of them outweighs every other by DOMINANCE times (Zaporizhzhia the
city, not the village of 656 people); otherwise the answer is not-found with the candidates, never a guess.
"""
from __future__ import annotations

import math
from os.path import commonprefix
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .curated import Curated, District, Region
from .gazetteer import PRIMARY, THEATRE_COUNTRIES, Gazetteer
from .normalize import french_reading, name_key, skeleton
from .overrides import Override
from .phrases import Segment, parse_phrase
from .result import PlaceResult, not_found
from .vocabulary import CASE_ENDINGS, COUNTRY_WORDS

DOMINANCE = 10.0  # how much heavier the chosen place must be than any rival
ALT_WEIGHT = 0.02  # an alternate-name match, when a place of the same country bears the name as its own
# The theatre prior: places in Ukraine and in Russia's regions on the front weigh more, places outside the
# indexed countries (cities of 100,000+ only) less, so "Odessa" is not Odessa, Texas, nor "Северск" Seversk.
THEATRE_CORE = frozenset(["UA"])
# A spelling slip is only corrected towards towns of the countries the war's reports are about: a misspelt
# Ukrainian village must not become a Turkish or Polish town one letter away.
FUZZY_COUNTRIES = frozenset(["UA", "RU", "BY", "MD"])
THEATRE_CORE_ADMIN1 = frozenset(["RU.41", "RU.09", "RU.10", "RU.61", "RU.86", "RU.38"])
CORE_WEIGHT = 5.0
OUTSIDE_WEIGHT = 0.1
GENERIC_NAME_PLACES = 4  # a name only ever alternate, for this many places, decides nothing (Aleksandrovka)
SAME_PLACE_KM = 15.0  # candidates this close are one place for the answer
# Spelling slips ("Kramatorks", "Mykolaev") are corrected only towards towns of FUZZY_MIN_POPULATION or more in the
# indexed countries, by one edit (a letter changed, added, dropped, or two swapped), with lower confidence.
FUZZY_MIN_POPULATION = 10_000
FUZZY_MIN_LENGTH = 6
FUZZY_CONFIDENCE = 0.6
MAX_CANDIDATES = 10


@dataclass(frozen=True)
class Hints:
    country: str | None
    admin1_codes: frozenset[str] | None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class OfflineResolver:
    def __init__(self, gazetteer: Gazetteer, curated: Curated, overrides: dict[str, list[Override]],
                 admin1_names: dict[str, str]):
        self.g = gazetteer
        self.curated = curated
        self.overrides = overrides
        self.admin1_names = admin1_names
        self.admin1_by_key = {}
        for code, name in admin1_names.items():
            core = " ".join(k for s in parse_phrase(name).segments for k in s.keys)
            self.admin1_by_key.setdefault(core, code)
        self.country_by_key = {name_key(name): iso for iso, name in gazetteer.country_names.items()}
        self._fuzzy_choices: list[str] | None = None

    # ---- public -------------------------------------------------------------------------------------------
    def lookup(self, query: str, country: str | None = None, admin1: str | None = None,
               fuzzy: bool = True) -> PlaceResult:
        """The place a phrase names; `fuzzy` allows correcting a spelling slip when nothing matches exactly."""
        result = self._lookup(query, country, admin1)
        if fuzzy and result.unknown_name:
            return self._fuzzy(result, country, admin1)
        return result

    def _lookup(self, query: str, country: str | None, admin1: str | None) -> PlaceResult:
        query = str(query or "").strip()
        if not name_key(query):
            return not_found(query, "empty query")
        override = self._override(query, country, admin1)
        if override is not None:
            return override
        phrase = parse_phrase(query)
        hints, problem = self._hints(country, admin1)
        if problem:
            return not_found(query, problem)
        text_countries = set(phrase.countries)
        if len(text_countries) == 1 and hints.country is None:
            hints = Hints(text_countries.pop(), hints.admin1_codes)
        if not phrase.segments:
            return not_found(query, "nothing in the text names a place")
        for index, segment in enumerate(phrase.segments):
            found = self._district_word(segment)
            if found is not None:
                others = [s for i, s in enumerate(phrase.segments) if i != index]
                return self._district(query, segment, found, others, hints)
        main, context = phrase.segments[0], phrase.segments[1:]
        hints, problem = self._context_hints(context, hints)
        if problem:
            return not_found(query, problem)
        if main.region:
            region = self.curated.region(main.keys)
            if region is not None:
                return self._region_result(query, region, hints)
            return self._place(query, main, hints, precision=2)
        region = self.curated.bare_region(main.keys) or self._bare_region_inflected(main)
        if region is not None:
            return self._region_result(query, region, hints)
        result = self._place(query, main, hints, precision=2 if (main.near or main.district) else 1)
        if not result.found and not result.candidates:
            region = self.curated.regions_by_key.get(main.key)
            if region is not None:
                return self._region_result(query, region, hints)
        return result

    def admin1_name(self, row: int) -> str:
        return self.admin1_names.get(f"{self.g.country[row]}.{self.g.admin1code[row]}", "")

    # ---- hints --------------------------------------------------------------------------------------------
    def _hints(self, country: str | None, admin1: str | None) -> tuple[Hints, str]:
        iso = None
        if country and str(country).strip():
            iso = self._country(str(country))
            if iso is None:
                return Hints(None, None), f"unknown country {str(country)[:40]!r}"
        codes = None
        if admin1 and str(admin1).strip():
            codes = self.admin1_codes(str(admin1))
            if codes is None:
                if iso in (None, "UA", "RU"):
                    return Hints(iso, None), f"unknown admin1 {str(admin1)[:40]!r} (expected an oblast of UA or RU)"
            elif iso is not None and not any(c.startswith(iso + ".") for c in codes):
                return Hints(iso, None), f"admin1 {str(admin1)[:40]!r} is not in country {iso}"
        return Hints(iso, codes), ""

    def _country(self, text: str) -> str | None:
        text = text.strip()
        if len(text) == 2 and text.isalpha():
            iso = text.upper()
            return iso if iso in self.g.country_names else None
        key = name_key(text)
        return COUNTRY_WORDS.get(key) or self.country_by_key.get(key)

    def admin1_codes(self, text: str) -> frozenset[str] | None:
        """GeoNames admin1 codes an oblast phrase names ("Kharkivska oblast" -> {"UA.07"}), or None."""
        keys = [k for s in parse_phrase(text).segments for k in s.keys]
        region = self.curated.region(keys)
        if region is not None:
            return frozenset(region.admin1_codes)
        code = self.admin1_by_key.get(" ".join(keys))
        return frozenset([code]) if code else None

    def _context_hints(self, context: list[Segment], hints: Hints) -> tuple[Hints, str]:
        """Commas and prepositions add context: "Pokrovsk, Donetsk Oblast", "Lyman (Donetsk)"."""
        codes = hints.admin1_codes
        for segment in context:
            region = self.curated.region(segment.keys)
            if region is None:
                code = self.admin1_by_key.get(segment.key)
                found = frozenset([code]) if code else None
            else:
                found = frozenset(region.admin1_codes)
            if found is None:
                continue
            codes = found if codes is None else codes & found
            if not codes:
                return hints, "the oblasts named in the text and in the hint disagree"
        return Hints(hints.country, codes), ""

    # ---- overrides, regions, districts ----------------------------------------------------------------------
    def _override(self, query: str, country: str | None, admin1: str | None) -> PlaceResult | None:
        for entry in self.overrides.get(name_key(query), []):
            if entry.country and (country or "").strip().upper() not in ("", entry.country):
                continue
            if entry.admin1_key and admin1 and name_key(admin1) != entry.admin1_key:
                continue
            return PlaceResult(
                query=query, found=True, name=entry.name, lat=entry.lat, lon=entry.lon, country=entry.country_code,
                country_name=self.g.country_names.get(entry.country_code, ""), admin1=entry.admin1,
                geo_precision=entry.geo_precision, source="override", confidence=1.0, geonameid=entry.geonameid,
            )
        return None

    def _region_result(self, query: str, region: Region, hints: Hints) -> PlaceResult:
        row = region.capital_row
        if hints.country and not any(c.startswith(hints.country + ".") for c in region.admin1_codes):
            return not_found(query, f"{region.name} is not in {hints.country}", [self._candidate(row)])
        if hints.admin1_codes and not hints.admin1_codes & set(region.admin1_codes):
            return not_found(query, f"{region.name} is not in the given admin1", [self._candidate(row)])
        return self._found(query, row, precision=3, confidence=0.9, name=region.name,
                           admin1=self.admin1_names.get(region.admin1_codes[0], self.admin1_name(row)))

    def _district_word(self, segment: Segment) -> tuple[int, str] | None:
        """(position, district key) of the first word that names a curated city district."""
        for index, (word, key) in enumerate(zip(segment.words, segment.keys)):
            if key in self.curated.districts_by_key:
                return index, key
            french = french_reading(word)
            if french and skeleton(french) in self.curated.districts_by_key:
                return index, skeleton(french)
        return None

    def _district(self, query: str, segment: Segment, found: tuple[int, str], others: list[Segment],
                  hints: Hints) -> PlaceResult:
        """A city district resolves to its city (geo_precision 2) once the city is known from the context."""
        position, key = found
        districts: list[District] = self.curated.districts_by_key[key]
        words = [w for i, w in enumerate(segment.words) if i != position]
        rest = [k for i, k in enumerate(segment.keys) if i != position]
        context = ([Segment(words=words, keys=rest, raw_keys=rest, cyrillic=segment.cyrillic)] if rest else []) + others
        cities = {d.city_row for d in districts}
        named_city = None
        for part in context:
            region = self.curated.region(part.keys)
            if region is not None and not part.region and region.capital_row in cities:
                named_city = region.capital_row
                break
            result = self._place(query, part, Hints(hints.country, None), precision=1)
            if result.found:
                named_city = self.g.row(result.geonameid)
                break
            if region is not None:
                hints = Hints(hints.country, frozenset(region.admin1_codes))
        choices = [
            row for row in sorted(cities)
            if (named_city is None or row == named_city)
            and (hints.country is None or self.g.country[row] == hints.country)
            and (hints.admin1_codes is None or f"{self.g.country[row]}.{self.g.admin1code[row]}" in hints.admin1_codes)
        ]
        district_name = districts[0].name
        if len(choices) == 1:
            sure = named_city is not None or hints.admin1_codes is not None or len(cities) == 1
            if sure:
                confidence = 0.9 if named_city is not None or hints.admin1_codes is not None else 0.7
                standard = next(d.name for d in districts if d.city_row == choices[0])
                return replace(self._found(query, choices[0], precision=2, confidence=confidence), district=standard)
        candidates = [self._candidate(row) for row in sorted(cities)]
        if named_city is not None and not choices:
            return not_found(query, f"no district {district_name} known in {self.g.name[named_city]}", candidates)
        return not_found(query, f"several cities have a district {district_name}: name the city", candidates)

    # ---- places -----------------------------------------------------------------------------------------------
    def _bare_region_inflected(self, segment: Segment) -> Region | None:
        """"в Крыму", "на Донбасі": a Cyrillic case ending on a region that needs no region word."""
        if not segment.cyrillic or len(segment.keys) != 1:
            return None
        return next((r for stem in self._case_stems(segment.keys[0])
                     if (r := self.curated.bare_region([stem])) is not None), None)

    @staticmethod
    def _case_stems(word: str) -> list[str]:
        stems = []
        for ending in CASE_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[: -len(ending)]
                stems.extend((stem, stem + "a"))
        return stems

    def _keys_to_try(self, segment: Segment) -> list[str]:
        keys = [segment.raw_key, segment.key]
        french = [french_reading(w) for w in segment.words]
        if any(french):
            keys.append(" ".join(skeleton(f or w) for f, w in zip(french, segment.words)))
        if segment.cyrillic:
            head = " ".join(segment.keys[:-1])
            keys.extend(f"{head} {stem}".strip() for stem in self._case_stems(segment.keys[-1]))
        return keys

    def _place(self, query: str, segment: Segment, hints: Hints, precision: int) -> PlaceResult:
        for key in self._keys_to_try(segment):
            entries = self.g.entries(key)
            if entries:
                return self._decide(query, entries, hints, precision)
        return not_found(query, f"{' '.join(segment.words)!r} is not in the gazetteer", unknown_name=True)

    def _decide(self, query: str, entries: list[int], hints: Hints, precision: int) -> PlaceResult:
        g = self.g
        primary: dict[int, bool] = {}
        for entry in entries:
            row = entry >> 1
            primary[row] = primary.get(row, False) or bool(entry & PRIMARY)
        rows = [
            row for row in primary
            if (hints.country is None or g.country[row] == hints.country)
            and (hints.admin1_codes is None or f"{g.country[row]}.{g.admin1code[row]}" in hints.admin1_codes)
        ]
        if not rows:
            everywhere = sorted(primary, key=lambda r: -g.population[r])
            return not_found(query, "no place of that name where the hints say", self._candidates(everywhere))
        narrowed = len(rows) < len(primary)
        own_name_countries = {g.country[r] for r in rows if primary[r]}
        if sum(not primary[r] for r in rows) >= GENERIC_NAME_PLACES:
            # an alternate name of many places (Aleksandrovka) says nothing: only places bearing it may win
            if not own_name_countries:
                ranked = sorted(rows, key=lambda r: -g.population[r])
                return not_found(query, "a name shared by many places; give the oblast", self._candidates(ranked))
            rows = [r for r in rows if primary[r]]

        def weight(row: int) -> float:
            base = max(g.population[row], 100) * self._prior(row)
            return base if primary[row] or g.country[row] not in own_name_countries else base * ALT_WEIGHT

        ranked = sorted(rows, key=lambda r: (-weight(r), g.geonameid[r]))
        top = ranked[0]
        rivals = [
            r for r in ranked[1:]
            if weight(r) * DOMINANCE > weight(top)
            and distance_km(g.lat[top], g.lon[top], g.lat[r], g.lon[r]) > SAME_PLACE_KM
        ]
        if rivals:
            return not_found(query, "several places have this name; give the country or oblast",
                             self._candidates(ranked))
        alone = all(distance_km(g.lat[top], g.lon[top], g.lat[r], g.lon[r]) <= SAME_PLACE_KM for r in ranked[1:])
        confidence = 0.95 if alone and not narrowed else 0.9 if alone else 0.8
        return self._found(query, top, precision=precision, confidence=confidence)

    def _prior(self, row: int) -> float:
        country = self.g.country[row]
        if country in THEATRE_CORE or f"{country}.{self.g.admin1code[row]}" in THEATRE_CORE_ADMIN1:
            return CORE_WEIGHT
        return 1.0 if country in THEATRE_COUNTRIES else OUTSIDE_WEIGHT

    # ---- spelling slips -------------------------------------------------------------------------------------
    def _fuzzy_keys(self) -> list[str]:
        if self._fuzzy_choices is None:
            g = self.g
            self._fuzzy_choices = [
                key for key, entries in g.keys.items()
                if len(key) >= FUZZY_MIN_LENGTH - 1 and any(
                    g.population[e >> 1] >= FUZZY_MIN_POPULATION and g.country[e >> 1] in FUZZY_COUNTRIES
                    for e in entries)
            ]
        return self._fuzzy_choices

    def _fuzzy(self, missed: PlaceResult, country: str | None, admin1: str | None) -> PlaceResult:
        phrase = parse_phrase(missed.query)
        if len(phrase.segments) == 0:
            return missed
        main = phrase.segments[0]
        key = main.key
        if len(key) < FUZZY_MIN_LENGTH or main.district:
            return missed
        matches = process.extract(key, self._fuzzy_keys(), scorer=OSA.distance, score_cutoff=1, limit=20)
        if not matches:
            return missed
        # "Toretske", "Kramatorske": a town's name with another ending is another place (a village named after
        # it), not a slip; only changes before the last letter count as slips.
        matches = [m for m in matches if len(commonprefix([key, m[0]])) < min(len(key), len(m[0])) - 1]
        if not matches:
            return missed
        best = min(distance for _, distance, _ in matches)
        closest = [choice for choice, distance, _ in matches if distance == best]
        corrected = ", ".join(closest)
        rest = ", ".join(s.raw_key for s in phrase.segments[1:])
        result = self._lookup(f"{corrected}, {rest}" if rest and len(closest) == 1 else corrected, country, admin1) \
            if len(closest) == 1 else None
        if result is None or not result.found:
            entries = sorted({e for choice in closest for e in self.g.entries(choice)})
            hints, _ = self._hints(country, admin1)
            result = self._decide(missed.query, entries, hints, precision=1)
        if not result.found or result.country not in FUZZY_COUNTRIES:
            return not_found(missed.query, f"{missed.reason}; near spellings: {corrected}", result.candidates)
        return replace(result, query=missed.query, confidence=min(result.confidence, FUZZY_CONFIDENCE),
                       reason=f"spelling read as {corrected!r}")

    # ---- building results ---------------------------------------------------------------------------------
    def _found(self, query: str, row: int, precision: int, confidence: float, name: str | None = None,
               admin1: str | None = None) -> PlaceResult:
        g = self.g
        return PlaceResult(
            query=query, found=True, name=name or g.name[row], lat=g.lat[row], lon=g.lon[row], country=g.country[row],
            country_name=g.country_names.get(g.country[row], ""),
            admin1=self.admin1_name(row) if admin1 is None else admin1,
            geo_precision=precision, source="gazetteer", confidence=confidence, geonameid=g.geonameid[row],
        )

    def _candidate(self, row: int) -> dict:
        g = self.g
        return {"name": g.name[row], "lat": g.lat[row], "lon": g.lon[row], "country": g.country[row],
                "admin1": self.admin1_name(row), "population": g.population[row], "geonameid": g.geonameid[row]}

    def _candidates(self, rows: list[int]) -> list[dict]:
        return [self._candidate(r) for r in rows[:MAX_CANDIDATES]]
