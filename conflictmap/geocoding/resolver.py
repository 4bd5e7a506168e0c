"""Offline resolution of a place phrase: overrides, curated regions and districts, then the gazetteer.

Disambiguation uses what the phrase and the caller give (country, oblast, raion), then population. A name used by
several places resolves only when one of them outweighs every other by DOMINANCE times (Zaporizhzhia the
city, not the village of 656 people); otherwise the answer is not-found with the candidates, never a guess.
Places the gazetteer lacks count too: Ukraine's settlement codifier (and any added GeoNames dump) says how many
settlements bear a name in each oblast and raion, and a village that shares its name with others there is not
answered without a raion that tells them apart.
"""
from __future__ import annotations

import math
import re
from os.path import commonprefix
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from .curated import Curated, District, Region
from .gazetteer import THEATRE_COUNTRIES, Gazetteer, Place, Raion, admin_stems, settlement_region
from .normalize import french_reading, is_cyrillic, name_key, plain, skeleton, variant_of_key
from .overrides import Override
from .phrases import Segment, admin_stem, parse_phrase
from .result import PlaceResult, geo_precision, not_found
from .vocabulary import CASE_ENDINGS, COUNTRY_WORDS, RAION_ENDINGS

DOMINANCE = 10.0  # how much heavier the chosen place must be than any rival
ALT_WEIGHT = 0.02  # an alternate-name match, when another place bears the name as its own
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
# A settlement the gazetteer lacks is taken to have at most this many people (cities500 holds every GeoNames place
# of more than 500): a town of DOMINANCE times that outweighs it, a village does not. In Ukraine the town must also
# be a city by the codifier (category M or K): GeoNames gives some settlements (селища) a town's population
# (Katerynivka of Luhansk raion 16,948, Pivnichne 11,747) though they are counted as villages are, and a front-line
# report of the name is as likely about a village of it.
UNSEEN_POPULATION = 1000
# "Pereiaslav-Khmelnytskyi" read as "Pereiaslav": only towns this large, and at this confidence at most.
HEAD_MIN_POPULATION = 10_000
QUALIFIER_CONFIDENCE = 0.6
# An other name this close to the place's own (by Levenshtein similarity of the keys) is the same name in another
# language or spelling; a farther one is an old name, and a village's old name is not trusted alone.
SAME_NAME_SIMILARITY = 0.75
# Spelling slips ("Kramatorks", "Mykolaev") are corrected only towards towns of FUZZY_MIN_POPULATION or more in the
# indexed countries, by one edit (a letter changed, added, dropped, or two swapped), with lower confidence.
FUZZY_MIN_POPULATION = 10_000
FUZZY_MIN_LENGTH = 6
FUZZY_CONFIDENCE = 0.6
# A village's old name, answered only when its place is the name's sole bearer (_sole_bearer): at this confidence,
# since villages renamed from the same name that the gazetteer lacks are counted by no source here.
OLD_NAME_CONFIDENCE = 0.8
MAX_CANDIDATES = 10
NOT_THERE = "no place of that name where the hints say"
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
_UKRAINIAN_ONLY = re.compile(r"[іїєґ]", re.I)
_RUSSIAN_ONLY = re.compile(r"[ыэъё]", re.I)
_HYPHENATED = re.compile(r"([^\W\d_]+)\s*[-\u2010\u2011]\s*(?=[^\W\d_])")


@dataclass(frozen=True)
class Hints:
    """What the caller and the text say about where the place is: ISO country, GeoNames admin1 codes ("UA.05"),
    the rows of capitals that count as inside those oblasts, admin2 codes ("UA.05.1402") and the admin2 text."""

    country: str | None
    admin1_codes: frozenset[str] | None
    capitals: frozenset[int] = frozenset()
    admin2_codes: frozenset[str] = frozenset()
    admin2: str = ""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points given in degrees (mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def full_key(text: str) -> str:
    """Every word's key, filler included ("Kyiv City" -> "kiv citi", "Kyiv Oblast" -> "kiv"): how a region's own
    name is told from a neighbour's that shares its main word."""
    return " ".join(k for segment in parse_phrase(text).segments for k in segment.raw_keys)


def nominative_forms(text: str) -> list[str]:
    """The nominative forms of a Ukrainian or Russian name written in another case ("Новій Каховці" -> "Нова
    Каховка", "Харкова" -> "Харків"), likeliest first, without the text itself: extraction.morphology.base_forms
    (pymorphy3's dictionaries) in the language its letters say, in both when they do not. [] for a text without
    Cyrillic letters."""
    text = text.strip()
    if not _CYRILLIC.search(text):
        return []
    from ..extraction.morphology import base_forms

    languages = [lang for lang, letters in (("uk", _UKRAINIAN_ONLY), ("ru", _RUSSIAN_ONLY)) if letters.search(text)]
    forms = [form for lang in languages or ["uk", "ru"] for form in base_forms(text, lang)]
    return [form for form in dict.fromkeys(forms) if form != text]


def _hyphenated_words(text: str) -> set[str]:
    """Plain forms of the words that a hyphen joins to the next one ("Pereiaslav-Khmelnytskyi" -> {"pereiaslav"})."""
    return {plain(m.group(1)) for m in _HYPHENATED.finditer(text)}


class OfflineResolver:
    """Resolves a phrase with the offline data only: `lookup(query, country, admin1, admin2) -> PlaceResult`."""

    def __init__(self, gazetteer: Gazetteer, curated: Curated, overrides: dict[str, list[Override]],
                 admin1_names: dict[str, str]):
        self.g = gazetteer
        self.curated = curated
        self.overrides = overrides
        self.admin1_names = admin1_names
        self.admin1_by_key: dict[str, str] = {}
        self.admin1_exact: dict[str, frozenset[str]] = {}
        for code, name in admin1_names.items():
            self.admin1_by_key.setdefault(" ".join(k for s in parse_phrase(name).segments for k in s.keys), code)
            self.admin1_exact.setdefault(full_key(name), frozenset([code]))
        self.capital_of: dict[str, int] = {}
        for region in curated.regions:
            if len(region.admin1_codes) == 1:
                self.capital_of.setdefault(region.admin1_codes[0], region.capital_row)
                for variant in region.names:
                    self.admin1_exact.setdefault(full_key(variant), frozenset(region.admin1_codes))
        self.country_by_key = {name_key(name): iso for iso, name in gazetteer.country_names.items()}
        self._fuzzy_choices: dict[int, list[str]] | None = None

    # ---- public -------------------------------------------------------------------------------------------
    def lookup(self, query: str, country: str | None = None, admin1: str | None = None,
               fuzzy: bool = True, admin2: str | None = None) -> PlaceResult:
        """The place a phrase names; `fuzzy` allows correcting a spelling slip when nothing matches exactly.

        `country` (ISO code or name), `admin1` (oblast) and `admin2` (raion) narrow the answer: an answer is
        never outside them. Never raises for unknown or ambiguous names: they give a not-found PlaceResult.
        """
        result = self._lookup(query, country, admin1, admin2)
        if result.unknown_name:
            result = self._inflected(result, country, admin1, admin2) or result
        elif self._not_as_written(result):
            nominative = self._inflected(result, country, admin1, admin2)
            if nominative is not None and nominative.geonameid != result.geonameid:
                result = nominative
        if fuzzy and result.unknown_name:
            return self._fuzzy(result, country, admin1, admin2)
        return result

    def _not_as_written(self, result: PlaceResult) -> bool:
        """Whether a Cyrillic name was answered with a place that bears no name spelt as the text writes it: reached
        through a case ending cut off by rule ("Затоці" read "Затоц-", a prefix) or through another script's name
        ("Покровська", a genitive of Pokrovsk, is a Latin name of Pokrovsk in Sakha): neither its own name nor one of
        its Cyrillic names. Such a text may be a case form of another place's name, which its nominative (_inflected)
        reads first. False for regions, raions, districts and overrides, which are answered by their own names."""
        if not result.found or result.source != "gazetteer" or result.admin2 or result.district \
                or result.geonameid is None or result.geo_precision == geo_precision("region"):
            return False
        segments = parse_phrase(result.query.partition(",")[0]).segments
        if not segments or not segments[0].cyrillic:
            return False
        written, key = " ".join(segments[0].words), segments[0].key
        row = self.g.row(result.geonameid)
        own = name_key(self.g.place(row).name) if row is not None else ""
        if row is None or own in (key, segments[0].raw_key) or variant_of_key(own) == variant_of_key(key) != "":
            return False  # its own name, transliterated or spelt as the other language does ("Великая Новоселка")
        return all(plain(name) != written for name in self.g.names(row) if is_cyrillic(name))

    def _inflected(self, missed: PlaceResult, country: str | None, admin1: str | None,
                   admin2: str | None) -> PlaceResult | None:
        """A Ukrainian or Russian name in another case than the nominative ("у Новій Каховці", "в Новой Каховке",
        "біля Великої Новосілки"), read through its nominative forms (extraction.morphology.base_forms: pymorphy3's
        dictionaries), likeliest first, in the language its letters say (both when they do not); the first form
        that names a place, or that several places share, answers. None when the text has no Cyrillic letters or
        no form names a place. The words before the first comma are read; the rest is kept as context."""
        head, comma, rest = missed.query.partition(",")
        for form in nominative_forms(head):
            result = self._lookup(form + comma + rest, country, admin1, admin2)
            if result.found or result.candidates:
                return replace(result, query=missed.query)
        return None

    def by_geonameid(self, geonameid: int) -> PlaceResult:
        """The gazetteer's place with this GeoNames id (a candidate a person chose among places of one name);
        a not-found PlaceResult when the index has no such id. Never raises for an id."""
        row = self.g.row(geonameid)
        if row is None:
            return not_found(f"#{geonameid}", f"no place with GeoNames id {geonameid} in the gazetteer")
        return self._found(f"#{geonameid}", row, precision=geo_precision("place"), confidence=1.0)

    def _lookup(self, query: str, country: str | None, admin1: str | None, admin2: str | None = None) -> PlaceResult:
        query = str(query or "").strip()
        if not name_key(query):
            return not_found(query, "empty query")
        override = self._override(query, country, admin1)
        if override is not None:
            return override
        phrase = parse_phrase(query)
        if admin2 and str(admin2).strip():
            district = parse_phrase(str(admin2)).segments
            if district and self._district_word(district[0]) is not None:
                # admin2 names a city district (ACLED's "Kyiv" with admin2 "Desnianskyi"): read both together
                phrase = parse_phrase(f"{admin2}, {query}")
                admin2 = None
        hints, problem = self._hints(country, admin1, admin2)
        if problem:
            return not_found(query, problem)
        text_countries = set(phrase.countries)
        if len(text_countries) == 1 and hints.country is None:
            hints = replace(hints, country=text_countries.pop())
        if not phrase.segments:
            return not_found(query, "nothing in the text names a place")
        for index, segment in enumerate(phrase.segments):
            found = self._district_word(segment)
            if found is not None and not self._whole_name_is_a_place(segment) \
                    and self._district_city_may_be_inside(found[1], hints):
                others = [s for i, s in enumerate(phrase.segments) if i != index]
                return self._district(query, segment, found, others, hints)
        main, context = phrase.segments[0], phrase.segments[1:]
        hints, problem = self._context_hints(context, hints)
        if problem:
            return not_found(query, problem)
        if main.district and not main.region:
            raion = self._raion(query, main, hints)
            if raion is not None:
                return raion
        if main.region:
            region = self.curated.region(main.keys)
            if region is not None:
                return self._region_result(query, region, hints)
            return self._place(query, main, hints, precision=geo_precision("near"))
        region = self.curated.bare_region(main.keys) or self._bare_region_inflected(main)
        if region is not None:
            return self._region_result(query, region, hints)
        precision = geo_precision("near") if (main.near or main.district) else geo_precision("place")
        result = self._place(query, main, hints, precision=precision)
        if not result.found and not result.candidates:
            region = self.curated.regions_by_key.get(main.key)
            if region is not None:
                return self._region_result(query, region, hints)
            return self._without_qualifier(query, main, hints, precision) or result
        return result

    def admin1_name(self, place: Place) -> str:
        return self.admin1_names.get(place.region, "")

    # ---- hints --------------------------------------------------------------------------------------------
    def _hints(self, country: str | None, admin1: str | None, admin2: str | None = None) -> tuple[Hints, str]:
        iso = None
        if country and str(country).strip():
            iso = self.country_code(str(country))
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
        hints = Hints(iso, codes, self._capitals(codes))
        if admin2 and str(admin2).strip() and codes:
            hints = replace(hints, admin2_codes=self.g.admin2_codes(codes, str(admin2)), admin2=str(admin2).strip())
        return hints, ""

    def _capitals(self, codes: frozenset[str] | None) -> frozenset[int]:
        """Capitals that sit outside their own oblast (Kyiv, seat of Kyiv Oblast, is in Kyiv City)."""
        if not codes:
            return frozenset()
        return frozenset(row for code in codes if (row := self.capital_of.get(code)) is not None
                         and self.g.place(row).region not in codes)

    def country_code(self, text: str) -> str | None:
        """The ISO code of a country named by code or name in any of the four languages, or None."""
        text = text.strip()
        if len(text) == 2 and text.isalpha():
            iso = text.upper()
            return iso if iso in self.g.country_names else None
        key = name_key(text)
        return COUNTRY_WORDS.get(key) or self.country_by_key.get(key)

    def admin1_codes(self, text: str) -> frozenset[str] | None:
        """GeoNames admin1 codes an oblast phrase names ("Kharkivska oblast" -> {"UA.07"}), or None.

        A first-level region's own name means exactly that region: "Kyiv Oblast" is not Kyiv City, "Crimea" (the
        Autonomous Republic) is not Sevastopol; only names of wider areas (Donbas) give several codes.
        """
        exact = self.admin1_exact.get(full_key(text))
        if exact is not None:
            return exact
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
        if codes == hints.admin1_codes:
            return hints, ""
        return replace(hints, admin1_codes=codes, capitals=self._capitals(codes)), ""

    @staticmethod
    def _inside(place: Place, hints: Hints) -> bool:
        if hints.country is not None and place.country != hints.country:
            return False
        return hints.admin1_codes is None or place.region in hints.admin1_codes or place.row in hints.capitals

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
        return self._found(query, row, precision=geo_precision("region"), confidence=0.9, name=region.name,
                           admin1=self.admin1_names.get(region.admin1_codes[0], self.admin1_name(self.g.place(row))))

    def _raion(self, query: str, segment: Segment, hints: Hints) -> PlaceResult | None:
        """A raion (second-level region: "Сумський район", "Sumskyi raion", "Kupiansk district"), answered at its
        centre town with the raion's geo_precision (result.geo_precision: 2, a part of its oblast) and admin2 set;
        None when the words name no raion (a district word after a town's own name: "Saltivka district").

        A name in a raion's adjective form is a second-level region, never a town: when Ukraine's codifier lists
        no such raion (Russia's raions, which no offline source here lists), it is not found, never read as a
        town that bears the adjective (Сумськ, an old name of Shumsk; Shumskiy in Irkutsk Oblast)."""
        stem = admin_stem(segment.key)
        raions = self.g.raions(stem) if stem else []
        if not raions:
            if not segment.keys[-1].endswith(RAION_ENDINGS):
                return None
            return not_found(query, f"{' '.join(segment.words)!r} names a raion (a second-level region) that no "
                                    "offline source here lists (Ukraine's codifier lists Ukraine's raions only)",
                             unknown_name=True)
        inside = [r for r in raions if (hints.country is None or r.region.startswith(hints.country + "."))
                  and (hints.admin1_codes is None or r.region in hints.admin1_codes)]
        placed = [r for r in inside if r.centre_row is not None]
        if not inside or len(inside) > 1 or not placed:
            where = ", ".join(f"{r.name} raion ({self.admin1_names.get(r.region, r.region)})" for r in raions)
            reason = ("no raion of that name where the hints say: there is " + where if not inside
                      else "several raions have this name: " + where + "; give the oblast" if len(inside) > 1
                      else f"the centre of {where} is not in the gazetteer")
            return self._unplaced(query, reason, [r.centre_row for r in raions if r.centre_row is not None])
        return self._raion_result(query, placed[0])

    def _raion_result(self, query: str, raion: Raion) -> PlaceResult:
        answer = self._found(query, raion.centre_row, precision=geo_precision("raion"), confidence=0.9,
                             name=f"{raion.name} raion", admin1=self.admin1_names.get(raion.region, ""))
        return replace(answer, admin2=raion.name)

    def _district_word(self, segment: Segment) -> tuple[range, str] | None:
        """(positions, district key) of the first words that name a curated city district, the longest name first
        (Dnipro's "Amur-Nyzhnodniprovskyi" is two words)."""
        districts = self.curated.districts_by_key
        for start in range(len(segment.words)):
            for end in range(min(len(segment.words), start + self.curated.longest_district), start, -1):
                key = " ".join(segment.keys[start:end])
                if key in districts:
                    return range(start, end), key
                french = " ".join(skeleton(french_reading(w) or w) for w in segment.words[start:end])
                if french in districts:
                    return range(start, end), french
        return None

    def _district_city_may_be_inside(self, key: str, hints: Hints) -> bool:
        """False when the hints rule out every city having a district of that name: "Tsentralnyi" with the hint
        Luhansk Oblast is the village, not a district of Dnipro, Mykolaiv or Kherson."""
        return any(self._inside(self.g.place(d.city_row), hints) for d in self.curated.districts_by_key[key])

    def _whole_name_is_a_place(self, segment: Segment) -> bool:
        """A name of several words that the gazetteer knows whole ("Kamianets-Podilskyi") is a town, even when
        one of its words is also a district's name (Podilskyi); the whole name is looked up before any split."""
        return len(segment.keys) > 1 and not segment.district and any(
            self.g.entries(key) for key in {segment.raw_key, segment.key})

    def _district(self, query: str, segment: Segment, found: tuple[range, str], others: list[Segment],
                  hints: Hints) -> PlaceResult:
        """A city district, once its city is known from the context: its own GeoNames place when the curated row
        names one, else the city; geo_precision 2 either way (a part of the city)."""
        positions, key = found
        districts: list[District] = self.curated.districts_by_key[key]
        words = [w for i, w in enumerate(segment.words) if i not in positions]
        rest = [k for i, k in enumerate(segment.keys) if i not in positions]
        context = ([Segment(words=words, keys=rest, raw_keys=rest, cyrillic=segment.cyrillic)] if rest else []) + others
        cities = {d.city_row for d in districts}
        named_city = None
        for part in context:
            region = self.curated.region(part.keys)
            if region is not None and not part.region and region.capital_row in cities:
                named_city = region.capital_row
                break
            result = self._place(query, part, Hints(hints.country, None), precision=geo_precision("place"))
            if result.found:
                named_city = self.g.row(result.geonameid)
                break
            if region is not None:
                hints = replace(hints, admin1_codes=frozenset(region.admin1_codes), capitals=frozenset())
        choices = [
            row for row in sorted(cities)
            if (named_city is None or row == named_city) and self._inside(self.g.place(row), hints)
        ]
        district_name = districts[0].name
        if len(choices) == 1:
            # a district named alone is its city's only when no place bears that name as its own
            sure = named_city is not None or hints.admin1_codes is not None or (
                len(cities) == 1 and not any(main for _, main in self.g.entries(key)))
            if sure:
                confidence = 0.9 if named_city is not None or hints.admin1_codes is not None else 0.7
                district = next(d for d in districts if d.city_row == choices[0])
                city = self.g.place(choices[0])
                precision = geo_precision("district")
                if district.place_row is None:
                    found_city = self._found(query, choices[0], precision=precision, confidence=confidence)
                    return replace(found_city, district=district.name, within=city.geonameid)
                answer = self._found(query, district.place_row, precision=precision, confidence=confidence,
                                     name=f"{district.name}, {city.name}")
                return replace(answer, district=district.name, within=city.geonameid)
        candidates = [self._candidate(row) for row in sorted(cities)]
        if named_city is not None and not choices:
            return not_found(query, f"no district {district_name} known in {self.g.place(named_city).name}",
                             candidates)
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
        return self._own_keys(segment)[:2] + self._french_keys(segment) + self._own_keys(segment)[2:]

    def _own_keys(self, segment: Segment) -> list[str]:
        """The keys of the name as written: whole, folded, and for a Cyrillic name its case stems."""
        keys = [segment.raw_key, segment.key]
        if segment.cyrillic:
            head = " ".join(segment.keys[:-1])
            keys.extend(f"{head} {stem}".strip() for stem in self._case_stems(segment.keys[-1]))
        return keys

    @staticmethod
    def _french_keys(segment: Segment) -> list[str]:
        """The key of the name read with French spelling rules ("Tchernihiv"), if that reading differs."""
        french = [french_reading(w) for w in segment.words]
        return [" ".join(skeleton(f or w) for f, w in zip(french, segment.words))] if any(french) else []

    def _place(self, query: str, segment: Segment, hints: Hints, precision: int) -> PlaceResult:
        keys = self._keys_to_try(segment)
        elsewhere = None
        for key in keys:
            entries = self.g.entries(key) if key else []
            if entries:
                result = self._decide(query, key, entries, hints, precision)
                if result.found or result.reason != NOT_THERE:
                    return result
                elsewhere = result  # Veseloe in Crimea, but the hint says Donetsk Oblast: try its other spellings
                break
        # another romanisation of the name (Andreevka for Andriivka, Veseloe for Vesele): only where every
        # settlement is counted, and counted under the same variant key; of the name as written, never of a
        # French reading of it, whose loosening would add to the variant key's ("Dachna" read "Dashna" is no Desna);
        # and of a place's own name only: its other names (historic, foreign: Sheptytskyi's Polish "Krisnipolie")
        # are too loose once their vowels are dropped ("Краснопільо" is no Sheptytskyi), unless the place is the
        # name's sole bearer (below)
        variants = {v: self.g.variant_entries(v) for k in self._own_keys(segment) if k and (v := variant_of_key(k))}
        for variant, found in variants.items():
            entries = [(row, main) for row, main in found if main
                       and self.g.place(row).country in self.g.counted_countries]
            if entries:
                result = self._decide(query, variant, entries, hints, precision, variant=True)
                if result.found or result.reason != NOT_THERE:
                    return result
                elsewhere = elsewhere or result
        # another place's other name in another romanisation (Mandrykino for GeoNames' Mandrykyne, a name of
        # Avdotyine): only when that place is the name's sole bearer (_sole_bearer)
        for variant, found in variants.items():
            rows = [row for row, main in found if not main
                    and self._inside(self.g.place(row), hints) and row not in self.curated.district_places]
            if rows:
                top = self.g.place(max(rows, key=lambda r: (self.g.place(r).population, -r)))
                if self._sole_bearer(variant, True, top, hints):
                    return self._found(query, top.row, precision=precision, confidence=OLD_NAME_CONFIDENCE)
        if elsewhere is not None:
            return elsewhere
        return not_found(query, f"{' '.join(segment.words)!r} is not in the gazetteer", unknown_name=True)

    def _without_qualifier(self, query: str, segment: Segment, hints: Hints, precision: int) -> PlaceResult | None:
        """A hyphenated town name the gazetteer lacks, read as its first part ("Pereiaslav-Khmelnytskyi" is
        Pereiaslav since 2019): only a Ukrainian town of HEAD_MIN_POPULATION or more, and never with confidence."""
        if len(segment.keys) != 2 or segment.words[0] not in _hyphenated_words(query) \
                or segment.keys[0] in self.curated.regions_by_key:  # "Donetsk-Luhansk": two regions, not a town
            return None
        head = Segment(words=segment.words[:1], keys=segment.keys[:1], raw_keys=segment.keys[:1],
                       cyrillic=segment.cyrillic)
        result = self._place(query, head, hints, precision)
        if not result.found or result.country != "UA":
            return None
        if self.g.place(self.g.row(result.geonameid)).population < HEAD_MIN_POPULATION:
            return None
        return replace(result, confidence=min(result.confidence, QUALIFIER_CONFIDENCE),
                       reason=f"read as {result.name!r} (the name without its second part)")

    def _decide(self, query: str, key: str, entries: list[tuple[int, bool]], hints: Hints,
                precision: int, variant: bool = False) -> PlaceResult:
        """Choose among the places a key leads to, or not-found with the candidates. `variant`: `key` is a
        romanisation-variant key (normalize.variant_key) and is counted as one."""
        g = self.g
        main: dict[int, bool] = {}
        for row, is_main in entries:
            main[row] = main.get(row, False) or is_main
        place = {row: g.place(row) for row in main}
        # a city district's place answers to its own name, not to an old name it shares with villages (Petrovskoye)
        # nor to another spelling; and a name that many settlements bear as their own is not answered by a place
        # that bears it only as another of its names (Donetsk and its Oleksandrivskyi district, for Oleksandrivka:
        # a former village inside the city): such a place is neither the answer nor a candidate, under any hint
        eligible = [row for row in main
                    if ((main[row] and not variant) or row not in self.curated.district_places)
                    and (main[row] or self._own_name_spelt(key, variant, place[row])
                         or self._bearers(key, variant, main, place, place[row].country) < GENERIC_NAME_PLACES)]
        rows = [row for row in eligible if self._inside(place[row], hints)]
        if not rows:
            everywhere = sorted(eligible, key=lambda r: -place[r].population)
            return self._unplaced(query, NOT_THERE, everywhere)
        narrowed = len(rows) < len(main)
        if hints.admin2_codes:
            inside = [r for r in rows if f"{place[r].region}.{place[r].admin2}" in hints.admin2_codes]
            if inside:
                narrowed, rows = True, inside
        main_countries = {place[r].country for r in rows if main[r]}

        def renamed_here(row: int) -> bool:
            """An old or other name of a Ukrainian town that no Ukrainian place bears as its own (Dzerzhynsk,
            Toretsk since 2016): it must not lose to a place far away that bears the name as its own."""
            return not main[row] and place[row].country == "UA" and "UA" not in main_countries

        # a name that many settlements of Ukraine bear in some spelling (Aleksandrovka) is no old name of one place
        widely_borne = self.g.variant_settlements(key if variant else variant_of_key(key), "UA") >= GENERIC_NAME_PLACES

        def bore_it(row: int) -> bool:
            """A village's old name (Frunze for Sentianivka; not a city's name of centuries ago: Slaviansk for
            Nikopol): reports from the occupied areas still use it, so it weighs as much as a place bearing it now."""
            return not widely_borne and self._village_old_name(key, variant, place[row], main[row])

        if sum(not main[r] for r in rows) >= GENERIC_NAME_PLACES:
            # an alternate spelling of many places (Aleksandrovka) says nothing: only places bearing the name, now
            # or before, may win
            keep = [r for r in rows if main[r] or renamed_here(r) or bore_it(r)]
            if not keep:
                ranked = sorted(rows, key=lambda r: -place[r].population)
                return self._unplaced(query, "a name shared by many places; give the oblast", ranked)
            rows = keep

        def weight(row: int, rival: bool = False) -> float:
            """How heavy a place is for the answer; `rival`: for contesting it, where a village's old name weighs
            as a place that bears the name now (it contests, but does not win over, a place bearing it: Zatoka,
            not Karolino-Buhaz, which GeoNames also calls so, 5 km away)."""
            base = max(place[row].population, 100) * self._prior(place[row])
            full = main[row] or renamed_here(row) or (rival and bore_it(row)) or not main_countries
            return base if full else base * ALT_WEIGHT

        ranked = sorted(rows, key=lambda r: (-weight(r), place[r].geonameid))
        top = place[ranked[0]]
        # a town's own name is not contested by another country's place that merely has it as an alternate
        # (Bilhorod-Dnistrovskyi, not Belgorod)
        rivals = [
            r for r in ranked[1:]
            if weight(r, rival=True) * DOMINANCE > weight(top.row)
            and distance_km(top.lat, top.lon, place[r].lat, place[r].lon) > SAME_PLACE_KM
            and not (main[top.row] and not main[r] and not renamed_here(r) and not bore_it(r)
                     and place[r].country != top.country)
        ]
        if rivals:
            return self._unplaced(query, "several places have this name; give " + (
                "the raion (admin2)" if hints.admin1_codes else "the country or oblast"), ranked)
        known, counted, scope, area = self._homonyms(key, top, main, place, hints, variant)
        spelt_like = variant  # the count is of every name spelt like this one (its variant key)
        counted_key = key
        own_key = name_key(top.name)
        if variant or own_key != key:
            # matched through another of its names or spellings ("Kalinovka" for a Kalynivka): the villages bearing
            # its own name count too, and so do all those whose names this spelling may stand for (its variant key)
            for other_key, other_variant in ((own_key, False), (key if variant else variant_of_key(key), True)):
                if not other_key or (other_key, other_variant) == (key, variant):
                    continue
                found = self.g.variant_entries(other_key) if other_variant else self.g.entries(other_key)
                other = {row: is_main for row, is_main in found}
                other_known, other_counted, _, _ = self._homonyms(
                    other_key, top, other, {r: self.g.place(r) for r in other}, hints, other_variant)
                if other_counted - other_known > counted - known:
                    known, counted, spelt_like, counted_key = other_known, other_counted, other_variant, other_key
        if self._village_old_name(key, variant, top, main[top.row]):
            # a village known by this name only as an old name (Leninske for Pivdenne, not Великая Новоселка for
            # Velyka Novosilka): such names were given to many villages and renamed differently, so it is answered
            # only where it is the name's sole bearer (Telmanove, Donetsk Oblast: Boikivske; not Frunze)
            if self._sole_bearer(key, variant, top, hints):
                return self._found(query, top.row, precision=precision, confidence=OLD_NAME_CONFIDENCE)
            return self._unplaced(query, f"{top.name!r} ({self.admin1_name(top)}) bears this name only as another "
                                         "of its names, which villages the gazetteer lacks may bear too: give its "
                                         "name as it is now, or its raion", ranked)
        a_city = top.country != "UA" or self.g.cities(own_key, area) > 0 or (
            not spelt_like and self.g.cities(counted_key, area) > 0)
        raion = self._codifier_raion(hints, top) if a_city and top.country == "UA" else None
        if raion is not None:
            # a raion hint that the dumps' admin2 codes cannot place the town by: the codifier says whether the
            # raion holds a city of the name (then it is this town) and how many settlements of the name it holds
            raion_area = settlement_region(top.region, admin_stems(raion.name)[0])
            if not self.g.cities(own_key, raion_area) and not self.g.cities(counted_key, raion_area):
                held = self.g.settlements(counted_key, raion_area)
                return not_found(query, f"{top.name!r} ({self.admin1_name(top)}) is not in {raion.name} raion, where "
                                        + (f"Ukraine's codifier counts {held} place(s) of the name that the "
                                           "gazetteer lacks" if held else "Ukraine's codifier counts no place of "
                                                                          "the name"))
            known, counted, scope = 1, self.g.settlements(counted_key, raion_area), f"{raion.name} raion"
            narrowed = True
        if counted > known and (not a_city or weight(top.row) < DOMINANCE * UNSEEN_POPULATION * self._prior(top)):
            named = f"named {top.name!r}" if not spelt_like else f"named {top.name!r} or a name spelt like it"
            return self._unplaced(
                query, f"{counted} places are {named} in {scope} by Ukraine's settlement codifier or an "
                       f"added GeoNames dump, {known} of them in the gazetteer: " + (
                           "give the raion (admin2)" if raion is None else "the raion does not tell them apart"),
                ranked)
        alone = max(known, counted) <= 1 and all(
            distance_km(top.lat, top.lon, place[r].lat, place[r].lon) <= SAME_PLACE_KM for r in ranked[1:])
        confidence = 0.95 if alone and not narrowed else 0.9 if alone else 0.8
        return self._found(query, top.row, precision=precision, confidence=confidence)

    def _codifier_raion(self, hints: Hints, top: Place) -> Raion | None:
        """The codifier's raion of `top`'s oblast that the admin2 hint names, when no added dump's admin2 code
        placed `top` (cities500 gives no admin2); None when there is no such hint or it names no raion there."""
        if not hints.admin2 or (hints.admin2_codes and f"{top.region}.{top.admin2}" in hints.admin2_codes):
            return None
        return next((r for stem in admin_stems(hints.admin2) for r in self.g.raions(stem) if r.region == top.region),
                    None)

    def _sole_bearer(self, key: str, variant: bool, top: Place, hints: Hints) -> bool:
        """Whether a name `top` bears only as another (old) name is certain to mean it: the hints name its oblast
        (in Ukraine); Ukraine's codifier (with any added dump) counts no settlement of the country named so or spelt
        like it (its variant key; `variant`: `key` is one), so nothing bears the name now; and every place of the
        gazetteer in Ukraine bearing it, in any of its names and spellings, is `top` (another record within
        SAME_PLACE_KM is the same place). A name that several places bore (Frunze, Leninske, Pershotravneve) was
        given to villages too small for the gazetteer as well, which were renamed otherwise: it is not certain."""
        spelt = key if variant else variant_of_key(key)
        if top.country != "UA" or hints.admin1_codes != frozenset([top.region]) or not spelt \
                or self.g.variant_settlements(spelt, "UA") or (not variant and self.g.settlements(key, "UA")):
            return False
        rows = {row for row, _ in self.g.variant_entries(spelt)}
        if not variant:
            rows.update(row for row, _ in self.g.entries(key))
        return all(distance_km(top.lat, top.lon, p.lat, p.lon) <= SAME_PLACE_KM
                   for p in map(self.g.place, rows) if p.country == "UA")

    def _village_old_name(self, key: str, variant: bool, p: Place, is_main: bool) -> bool:
        """Whether `key` is an old name of a Ukrainian village (under DOMINANCE * UNSEEN_POPULATION people), not
        its own name in some spelling: such names (Leninske, Frunze) were given to many villages and renamed
        differently."""
        return not is_main and p.country == "UA" and p.population < DOMINANCE * UNSEEN_POPULATION \
            and not self._own_name_spelt(key, variant, p)

    @staticmethod
    def _own_name_spelt(key: str, variant: bool, p: Place) -> bool:
        """True when `key` (a variant key if `variant`) is the place's own name in some spelling (Velykaia
        Novoselka for Velyka Novosilka), not another name of it (Leninske for Pivdenne, Oleksandrivka for Donetsk)."""
        own = name_key(p.name)
        return variant_of_key(own) == (key if variant else variant_of_key(key)) or (
            not variant and Levenshtein.normalized_similarity(key, own) >= SAME_NAME_SIMILARITY)

    def _bearers(self, key: str, variant: bool, main: dict[int, bool], place: dict[int, Place], country: str) -> int:
        """How many places of `country` bear the name as their own: the gazetteer's, or the codifier's (and an
        added dump's) count of settlements, whichever is larger."""
        counter = self.g.variant_settlements if variant else self.g.settlements
        return max(sum(1 for r, is_main in main.items() if is_main and place[r].country == country),
                   counter(key, country))

    def _homonyms(self, key: str, top: Place, main: dict[int, bool], place: dict[int, Place],
                  hints: Hints, variant: bool = False) -> tuple[int, int, str, str]:
        """(places of that name the gazetteer knows, places of that name there are, the area counted as named in a
        message, its key in the counts) around the chosen place: its raion when an admin2 hint placed it, its
        oblast when an admin1 hint did, else its country.
        `variant`: `key` is a variant key, and the names counted are those of that variant key."""
        if hints.admin2_codes and f"{top.region}.{top.admin2}" in hints.admin2_codes:
            area, label = settlement_region(top.region, admin_stems(hints.admin2)[-1]), hints.admin2
            inside = [r for r in main if f"{place[r].region}.{place[r].admin2}" in hints.admin2_codes]
        elif hints.admin1_codes is not None:
            area, label = top.region, self.admin1_names.get(top.region, top.region)
            inside = [r for r in main if place[r].region == top.region]
        else:
            area, label = top.country, self.g.country_names.get(top.country, top.country)
            inside = [r for r in main if place[r].country == top.country]
        # known: the places bearing the name as their own, in the spelling asked or in another romanisation of it
        # (GeoNames' Tryokhizbenka is the codifier's Trokhizbenka)
        spelling = key if variant else variant_of_key(key)
        same = [r for r in inside if main[r] or (not variant and variant_of_key(name_key(place[r].name)) == spelling)]
        counter = self.g.variant_settlements if variant else self.g.settlements
        return len(same), counter(key, area), label, area

    def _prior(self, place: Place) -> float:
        if place.country in THEATRE_CORE or place.region in THEATRE_CORE_ADMIN1:
            return CORE_WEIGHT
        return 1.0 if place.country in THEATRE_COUNTRIES else OUTSIDE_WEIGHT

    # ---- spelling slips -------------------------------------------------------------------------------------
    def _fuzzy_keys(self, length: int) -> list[str]:
        """Keys of the towns a slip may be corrected to, of `length` letters give or take one (one edit away)."""
        if self._fuzzy_choices is None:
            by_length: dict[int, list[str]] = {}
            for key in self.g.keys_of_places_over(FUZZY_MIN_POPULATION, tuple(sorted(FUZZY_COUNTRIES)),
                                                  FUZZY_MIN_LENGTH - 1):
                by_length.setdefault(len(key), []).append(key)
            self._fuzzy_choices = by_length
        return [k for n in (length - 1, length, length + 1) for k in self._fuzzy_choices.get(n, [])]

    def _fuzzy(self, missed: PlaceResult, country: str | None, admin1: str | None,
               admin2: str | None = None) -> PlaceResult:
        phrase = parse_phrase(missed.query)
        if len(phrase.segments) == 0:
            return missed
        main = phrase.segments[0]
        key = main.key
        if len(key) < FUZZY_MIN_LENGTH or main.district:
            return missed
        matches = process.extract(key, self._fuzzy_keys(len(key)), scorer=OSA.distance, score_cutoff=1, limit=20)
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
        result = self._lookup(f"{corrected}, {rest}" if rest and len(closest) == 1 else corrected, country, admin1,
                              admin2) if len(closest) == 1 else None
        if result is None or not result.found:
            entries = sorted({e for choice in closest for e in self.g.entries(choice)})
            hints, _ = self._hints(country, admin1, admin2)
            result = self._decide(missed.query, closest[0], entries, hints, precision=geo_precision("place"))
        if not result.found or result.country not in FUZZY_COUNTRIES:
            return not_found(missed.query, f"{missed.reason}; near spellings: {corrected}", result.candidates,
                             candidates_total=result.candidates_total)
        return replace(result, query=missed.query, confidence=min(result.confidence, FUZZY_CONFIDENCE),
                       reason=f"spelling read as {corrected!r}")

    # ---- building results ---------------------------------------------------------------------------------
    def _found(self, query: str, row: int, precision: int, confidence: float, name: str | None = None,
               admin1: str | None = None) -> PlaceResult:
        p = self.g.place(row)
        return PlaceResult(
            query=query, found=True, name=name or p.name, lat=p.lat, lon=p.lon, country=p.country,
            country_name=self.g.country_names.get(p.country, ""),
            admin1=self.admin1_name(p) if admin1 is None else admin1,
            geo_precision=precision, source="gazetteer", confidence=confidence, geonameid=p.geonameid,
        )

    def _candidate(self, row: int) -> dict:
        p = self.g.place(row)
        return {"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country, "admin1": self.admin1_name(p),
                "population": p.population, "geonameid": p.geonameid}

    def _candidates(self, rows: list[int]) -> list[dict]:
        return [self._candidate(r) for r in rows[:MAX_CANDIDATES]]

    def _unplaced(self, query: str, reason: str, rows: list[int]) -> PlaceResult:
        """Not found, with the first MAX_CANDIDATES of `rows` as candidates and how many there are in all."""
        return not_found(query, reason, self._candidates(rows), candidates_total=len(rows))
