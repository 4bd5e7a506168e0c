"""Which events a view shows: one filter description shared by every page, the URL and the exports."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .geocoding.normalize import is_cyrillic, name_key, plain, spelling_key, variant_key
from .geocoding.vocabulary import PREPOSITIONS
from .schema import EVENT_TYPES

SEARCH_COLUMNS = ["notes", "location", "admin1", "admin2", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
                  "source", "claimed_by"]
PLACE_COLUMNS = ["location", "admin1", "admin2"]  # also searched by the place's spelling key (search_mask)
FREE_TEXT_COLUMNS = ["notes"]  # searched row by row; the other columns' values repeat, searched once each


@dataclass(frozen=True)
class EventFilter:
    """What the user asked to see. None or empty fields do not filter, except `event_types`: None means every
    type, an empty tuple means none (the user unticked them all)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] | None = None
    sub_event_types: tuple[str, ...] = ()
    text: str = ""
    precise_only: bool = False
    near: tuple[float, float] | None = None  # (lat, lon) of the place the distance is measured from
    within_km: float | None = None
    event_ids: tuple[str, ...] = field(default=())
    near_name: str = ""  # the place `near` was found for, as the description names it


def event_days(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last day of each event (datetime64 Series, the frame's index): `event_date`, and
    `event_date_end` when it is later, else `event_date` again (a blank end is a one-day event; an end before the
    start, which validation reports, is read as the start)."""
    start = events["event_date"]
    end = events["event_date_end"].where(events["event_date_end"] > start, start)
    return start, end


def date_bounds(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """First and last day any event of the frame covers (the earliest `event_date`, the latest `event_date_end`
    or `event_date`), or None when no row is dated: a date range within them reaches every day an event ran."""
    start, end = event_days(events)
    start, end = start.dropna(), end.dropna()
    if start.empty:
        return None
    return start.min().date(), end.max().date()


@dataclass(frozen=True)
class Facets:
    """What one dataset offers a filter: its date range and the event and sub-event types present in it.

    `event_types` is in the taxonomy's order (schema.EVENT_TYPES); `sub_event_types` holds (event type,
    sub-event type) pairs, since a sub-type belongs to one type.
    """

    date_range: tuple[dt.date, dt.date] | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: frozenset[tuple[str, str]] = frozenset()

    def sub_types_of(self, types: tuple[str, ...] | None) -> list[str]:
        """Sub-event types present under `types` (None = every type present), in the taxonomy's order."""
        chosen = self.event_types if types is None else types
        return [s for t, subs in EVENT_TYPES.items() if t in chosen for s in subs if (t, s) in self.sub_event_types]


def facets(events: pd.DataFrame) -> Facets:
    """The Facets of a validated events frame (reads event_date, event_type, sub_event_type)."""
    present = set(events["event_type"].unique())
    pairs = events[["event_type", "sub_event_type"]].drop_duplicates()
    return Facets(
        date_range=date_bounds(events),
        event_types=tuple(t for t in EVENT_TYPES if t in present),
        sub_event_types=frozenset(zip(pairs["event_type"], pairs["sub_event_type"])),
    )


@dataclass(frozen=True)
class FilterState:
    """The filter a user asked for, as the sidebar shows it and the URL carries it.

    None means "all" for `dates` (every date of the dataset) and `types` (every type present); an empty
    `types` tuple means none (the user unticked them all); an empty `sub_event_types` means all. `near` is the
    place as typed (placed by the geocoder later), `within_km` its radius in kilometres.
    """

    dates: tuple[dt.date, dt.date] | None = None
    types: tuple[str, ...] | None = None
    sub_event_types: tuple[str, ...] = ()
    text: str = ""
    precise_only: bool = False
    near: str = ""
    within_km: int = 50


KM_RANGE = (1, 1000)

# URL query parameter of each FilterState field (plus `dataset`, which the page resolves).
QUERY_KEYS = {"dates": "dates", "types": "types", "sub_event_types": "sub", "text": "q",
              "precise_only": "precise", "near": "near", "within_km": "km"}


def _span(lo: dt.date, hi: dt.date) -> str:
    return f"{lo.isoformat()} to {hi.isoformat()}"


def _url_date(text: str) -> dt.date:
    """ISO `YYYY-MM-DD`, or the microseconds since 1970 that earlier versions wrote into links."""
    text = text.strip()
    if text.lstrip("-").isdigit():
        return (dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=int(text))).date()
    return dt.date.fromisoformat(text)


def state_from_query(params: Mapping[str, list[str]]) -> tuple[FilterState, list[str]]:
    """Read a FilterState from URL query parameters ({name: [values]}, as `st.query_params.get_all` gives).

    A value that cannot be read is left at its default and named in the returned notes (plain sentences);
    nothing raises. Whether the values fit a dataset is `reconcile`'s job.
    """
    notes: list[str] = []
    values: dict = {}
    dates = params.get("dates") or []
    if dates:
        try:
            if len(dates) > 2:
                raise ValueError
            days = sorted(_url_date(v) for v in dates)
            values["dates"] = (days[0], days[-1])  # one date: that one day
        except (ValueError, OverflowError):
            notes.append(f"The link's dates ({', '.join(dates)[:80]}) are not one or two dates YYYY-MM-DD: showing "
                         "all dates.")
    if "types" in params:
        known = [t for t in params["types"] if t in EVENT_TYPES]
        unknown = [t for t in params["types"] if t and t not in EVENT_TYPES]
        if unknown:
            notes.append(f"Not an event type, ignored: {', '.join(unknown)[:200]}.")
        values["types"] = tuple(dict.fromkeys(known)) if known or not unknown else None
    if params.get("sub"):
        values["sub_event_types"] = tuple(dict.fromkeys(s for s in params["sub"] if s))
    if params.get("q"):
        values["text"] = params["q"][-1]
    if params.get("precise"):
        flag = params["precise"][-1].strip().lower()
        if flag in ("true", "false"):
            values["precise_only"] = flag == "true"
        else:
            notes.append(f"'precise' must be true or false, not {flag[:20]!r}: all locations shown.")
    if params.get("near"):
        values["near"] = params["near"][-1]
    if params.get("km"):
        try:
            km = float(params["km"][-1])
            if not (KM_RANGE[0] <= km <= KM_RANGE[1]) or km != int(km):
                raise ValueError
            values["within_km"] = int(km)
        except ValueError:
            notes.append(f"The link's distance {params['km'][-1][:20]!r} is not a whole number of km in "
                         f"{KM_RANGE[0]}..{KM_RANGE[1]}: using {FilterState.within_km} km.")
    return FilterState(**values), notes


def state_to_query(state: FilterState) -> dict[str, list[str]]:
    """The URL query parameters of `state` ({name: [values]}): only what differs from the defaults, dates as
    ISO `YYYY-MM-DD`, so that a link cited in a report stays readable and reopens exactly this filter."""
    out: dict[str, list[str]] = {}
    if state.dates is not None:
        out["dates"] = [d.isoformat() for d in state.dates]
    if state.types is not None:
        out["types"] = list(state.types) or [""]
    if state.sub_event_types:
        out["sub"] = list(state.sub_event_types)
    if state.text:
        out["q"] = [state.text]
    if state.precise_only:
        out["precise"] = ["true"]
    if state.near:
        out["near"] = [state.near]
    if state.within_km != FilterState.within_km:
        out["km"] = [str(state.within_km)]
    return out


def reconcile(state: FilterState, offer: Facets) -> tuple[FilterState, list[str]]:
    """Fit a FilterState to one dataset, saying in plain sentences what had to change.

    A state chosen for another dataset, or read from a link, may name dates outside this dataset's range or
    types it does not hold; such parts are clipped or dropped, never left to hide events silently. "All"
    is kept as None (a selection of everything becomes None, without a note), so it stays "all" in the next
    dataset. Reconciling a reconciled state changes nothing and says nothing.
    """
    notes: list[str] = []
    dates = state.dates
    if dates is not None:
        lo, hi = dates
        if offer.date_range is None:
            dates = None
        else:
            first, last = offer.date_range
            if hi < first or lo > last:
                notes.append(f"The dates {_span(lo, hi)} are outside this dataset ({_span(first, last)}): "
                             "showing all its dates.")
                dates = None
            else:
                clipped = (max(lo, first), min(hi, last))
                if clipped != (lo, hi):
                    notes.append(f"The dates {_span(lo, hi)} reach beyond this dataset ({_span(first, last)}): "
                                 f"narrowed to {_span(*clipped)}.")
                dates = None if clipped == (first, last) else clipped
    types = state.types
    if types is not None:
        kept = tuple(t for t in offer.event_types if t in types)
        missing = [t for t in types if t not in offer.event_types]
        if missing and types and not kept:
            notes.append(f"No event of type {', '.join(missing)} in this dataset: showing every type.")
            types = None
        else:
            if missing:
                notes.append(f"No event of type {', '.join(missing)} in this dataset: that filter was dropped.")
            types = None if kept and set(kept) == set(offer.event_types) else kept
    available = offer.sub_types_of(types)
    subs = tuple(s for s in state.sub_event_types if s in available)
    dropped = [s for s in state.sub_event_types if s not in available]
    if dropped:
        notes.append(f"Sub-event type {', '.join(dropped)} is not among the selected types in this dataset: "
                     "that filter was dropped.")
    km = min(max(state.within_km, KM_RANGE[0]), KM_RANGE[1])
    return replace(state, dates=dates, types=types, sub_event_types=subs, within_km=km), notes


def types_held_back(state: FilterState, offer: Facets) -> tuple[str, ...]:
    """The event types `state` selects that the dataset `offer` describes does not hold (reconcile drops them).

    Kept aside by the sidebar, they are selected again on a switch back to a dataset that holds them, so that a
    round trip through a dataset without them does not narrow the reader's choice silently.
    """
    return () if state.types is None else tuple(t for t in state.types if t not in offer.event_types)


def restore_held_types(state: FilterState, held: tuple[str, ...]) -> FilterState:
    """`state` with the `held` types selected again, for a dataset switch.

    Types are None ("all") with types held only when reconcile found none of the reader's types in the dataset
    and showed every type: the reader's own choice is then the held types alone.
    """
    if not held:
        return state
    kept = state.types or ()
    return replace(state, types=kept + tuple(t for t in dict.fromkeys(held) if t not in kept))


def event_filter(state: FilterState, near: tuple[float, float] | None = None, near_name: str = "") -> EventFilter:
    """The EventFilter that selects what `state` asks for; `near` (lat, lon) is the geocoded place of `state.near`,
    `near_name` its name as the geocoder gives it."""
    lo, hi = state.dates if state.dates is not None else (None, None)
    return EventFilter(
        date_from=lo, date_to=hi, event_types=state.types, sub_event_types=state.sub_event_types,
        text=state.text, precise_only=state.precise_only, near=near,
        within_km=float(state.within_km) if near is not None else None, near_name=near_name if near else "",
    )


def _lowered(column: pd.Series) -> pa.Array:
    """A text column as an Arrow string array in lower case (Unicode's case mapping; nulls stay null)."""
    if not isinstance(column.dtype, pd.StringDtype):
        column = column.astype(pd.StringDtype("pyarrow"))
    return pc.utf8_lower(pa.array(column.array))


class _Searched:
    """One searchable column in lower case, as Arrow strings: for a column of names (places, actors, sources),
    which repeat over many rows, its distinct values once (factorize) with each row's code, so that a word costs a
    pass over the distinct values, not over the rows; for free text (FREE_TEXT_COLUMNS), its rows."""

    def __init__(self, column: pd.Series, distinct: bool):
        if distinct:
            self.codes, uniques = pd.factorize(column)
            self.values = _lowered(pd.Series(uniques, dtype=pd.StringDtype("pyarrow")))
        else:
            self.codes, self.values = None, _lowered(column)
        self._keys: pa.Array | None = None

    def rows(self, found: pa.Array) -> np.ndarray:
        """The rows (bool array) whose value `found` (Arrow booleans, one per value) marks."""
        hit = pc.fill_null(found, False).to_numpy(zero_copy_only=False)
        return hit if self.codes is None else np.append(hit, False)[self.codes]  # code -1 (blank) reads False

    def with_keys(self, wanted: tuple[str, ...]) -> np.ndarray:
        """For a column of place names: the rows whose place has one of the spelling keys `wanted` as whole
        words of its own spelling key (geocoding.normalize.spelling_key, cached per name)."""
        wanted = tuple(k for k in wanted if k)
        if not wanted or self.codes is None:
            return np.zeros(len(self.values) if self.codes is None else len(self.codes), dtype=bool)
        if self._keys is None:  # spaces around: whole words of the key match
            self._keys = pa.array([f" {spelling_key(v)} " for v in self.values.to_pylist() if v is not None],
                                  pa.string())
        pattern = "|".join(f" {key} " for key in wanted)  # keys are lower-case ASCII letters, digits and spaces
        return self.rows(pc.match_substring_regex(self._keys, pattern))


MIN_NAME_LETTERS = 4  # a place's shorter other names ("Ko", "Kiu" for Kyiv) begin too many other words to be sought


@dataclass(frozen=True)
class PlaceReading:
    """How the search reads one word (`word`, as typed) that names a place in the gazetteer.

    `place` is the gazetteer's name of the one place the word names ("Kyiv" for "Kiev", "Киев"), `region` its
    first-level region and country; `names` are that place's names (lower case) that no other place of the
    gazetteer bears, the word included, which a text must hold at the start of a word; `keys` their spelling keys,
    which an event's place must hold as whole words. `ambiguous` when several places of the gazetteer bear the
    name: then `place` is empty and the word is matched as written only.
    """

    word: str
    place: str = ""
    region: str = ""
    names: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    ambiguous: bool = False


@lru_cache(maxsize=4096)
def read_place(word: str) -> PlaceReading | None:
    """The place a search word (or a name of several words: "Velyka Novosilka") names, or None when it names none
    (or the gazetteer cannot be read).

    The word names a place when the offline resolver (geocoding.resolver, exact names only, no spelling
    correction) answers it with a place of the gazetteer, that place is the only one of the gazetteer whose name
    or GeoNames alternate name has the word's name key, and the word is spelt as one of its names
    (normalize.plain: case, accents and transliteration aside): "Kiev", "Киев" and "Kyiv" name Kyiv; "war" does
    not name Var (another spelling); "Lyman", borne by several places, gives an ambiguous reading. A Ukrainian or
    Russian word in another case than the nominative ("Києві", "Харкова", "Новій Каховці") names the place its
    nominative names (the resolver reads it through pymorphy3's dictionaries), when that place is the only one
    bearing its own name. Of the place's names, those another place also bears (Toretsk's old name Dzerzhinsk, also
    a city in Russia) and those shorter than MIN_NAME_LETTERS letters are left out, so that a search never joins
    two places.
    """
    from .geocoding import GeodataError, get_geocoder
    from .geocoding.resolver import nominative_forms

    key = name_key(word)
    if not key:
        return None
    try:
        resolver = get_geocoder().offline
        gazetteer = resolver.g
        bearers = {row for row, _main in gazetteer.entries(key)}
        answer = resolver.lookup(word, fuzzy=False)
        row = gazetteer.row(answer.geonameid) if answer.found and answer.geonameid else None
        names = gazetteer.names(row) if row is not None else []
        spelt = {plain(n) for n in names}
        if row is not None and plain(word) not in spelt:
            own_name = gazetteer.place(row).name
            forms = [word, *nominative_forms(word)]
            if any(plain(form) in spelt for form in forms[1:]):
                # a case form of one of its names: the place must be the only bearer of its own name
                bearers, spelt = {r for r, _main in gazetteer.entries(name_key(own_name))}, set()
            elif is_cyrillic(word) and variant_key(own_name) \
                    and any(variant_key(form) == variant_key(own_name) for form in forms):
                # its own name in the other language, which GeoNames lacks ("Великая Новоселка", "Великой
                # Новоселке" for Velyka Novosilka): the place must be the only one whose own name is spelt so
                bearers = {r for r, main in gazetteer.variant_entries(variant_key(own_name)) if main}
                spelt = set()
        if not bearers:
            return None
        if row is None or bearers != {row}:
            return PlaceReading(word, ambiguous=len(bearers) > 1) if len(bearers) > 1 else None
        if spelt and plain(word) not in spelt:
            return None
        own = {word.lower()}
        for name in names:
            if len(plain(name).replace(" ", "")) >= MIN_NAME_LETTERS \
                    and {r for r, _main in gazetteer.entries(name_key(name))} == {row}:
                own.add(name.lower())
        place = gazetteer.place(row)
    except GeodataError:
        return None
    # the region as the dataset's rows name it ("Kharkiv Oblast"), not GeoNames' admin1 ("Kharkiv", "Kiev")
    admin1 = get_geocoder().dataset_admin1(resolver.admin1_name(place) or "")
    region = ", ".join(x for x in (admin1, gazetteer.country_names.get(place.country, "")) if x)
    return PlaceReading(word, place.name, region, tuple(sorted(own)),
                        tuple(sorted({spelling_key(n) for n in own} - {""})))


NAME_WORDS = 3  # the longest place name of several words that the search reads whole ("Velyka Novosilka")


def search_terms(text: str) -> list[str]:
    """The terms of a search text, in order, each once: its words (split on whitespace), except that two or three
    words in a row that name one place (read_place, not ambiguous: "Velyka Novosilka", "Нова Каховка", "Новій
    Каховці") are one term, the longest first; and that prepositions and articles right before a place's name
    (geocoding.vocabulary.PREPOSITIONS: "у Києві", "в Харькове", "à Kharkiv", "près de Koursk", "near Kupiansk")
    are no terms: they say where the place is, and an event about it need not hold them."""
    words = text.split()
    terms, before, start = [], [], 0
    while start < len(words):
        size = next((n for n in range(min(NAME_WORDS, len(words) - start), 1, -1)
                     if (r := read_place(" ".join(words[start:start + n]))) is not None and not r.ambiguous), 1)
        term = " ".join(words[start:start + size])
        start += size
        if size == 1 and name_key(term) in PREPOSITIONS:
            before.append(term)  # a term after all unless a place's name follows
            continue
        if not (before and (size > 1 or read_place(term) is not None)):
            terms.extend(before)
        terms.append(term)
        before = []
    terms.extend(before)
    return list(dict.fromkeys(terms))


def search_readings(text: str) -> list[PlaceReading]:
    """The place readings of the terms of a search text (search_terms, read_place), in the text's order, each term
    once: what the page says the search read them as ("Kiev: read as Kyiv")."""
    readings = (read_place(term) for term in search_terms(text))
    return [r for r in readings if r is not None]


def _word_start_pattern(names: tuple[str, ...]) -> str:
    """An RE2 pattern (Arrow's) of any of `names` at the start of a word: so "київ" finds "Київ" and "Київської",
    "харьков" finds "Харькова", and "kiev" does not find "Mykievka"."""
    def escaped(name: str) -> str:
        return "".join("\\" + ch if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in name)

    return r"(?:^|[^\pL\pN])(?:" + "|".join(escaped(n) for n in names) + ")"


def search_mask(events: pd.DataFrame, text: str) -> np.ndarray:
    """Rows where every term of `text` (search_terms: its words, a place's name of several words as one) is found.
    Returns a bool array, one per row of `events`.

    A word that names one place (read_place: "Kiev", "Киев", "Kharkov") matches an event whose place (PLACE_COLUMNS:
    location, admin1, admin2) is that place under any of its names, by the geocoder's spelling key
    (geocoding.normalize.spelling_key, whole words), or whose searchable text (SEARCH_COLUMNS) holds any of its
    names at the start of a word, case-insensitively: so every name of a town finds the same events. Any other word
    is found as plain text (not a regex), case-insensitively, anywhere in a searchable column, or as a word of the
    event's place under its spelling key, so that "Izium", "Ізюм" and "Изюм" find "Izyum" even where the gazetteer
    is not read. Not through the looser romanisation-variant key, which joins different towns (Vasylivka,
    Veselivka). Vectorised on Arrow: a word costs a pass of Arrow's string kernels over each column.
    """
    words = search_terms(text)
    mask = np.ones(len(events), dtype=bool)
    if not words:
        return mask
    columns = {c: _Searched(events[c], distinct=c not in FREE_TEXT_COLUMNS) for c in SEARCH_COLUMNS}
    for word in words:
        reading = read_place(word)
        named = reading is not None and not reading.ambiguous
        keys = reading.keys if named else (spelling_key(word),)
        pattern = _word_start_pattern(reading.names) if named else ""
        hit = np.zeros(len(events), dtype=bool)
        for name, column in columns.items():
            if name in PLACE_COLUMNS:
                hit |= column.with_keys(keys)
            hit |= column.rows(pc.match_substring_regex(column.values, pattern) if named
                               else pc.match_substring(column.values, word.lower()))
        mask &= hit
    return mask


def _rough_km(events: pd.DataFrame, lat: float, lon: float) -> np.ndarray:
    lat1, lon1 = np.radians(lat), np.radians(lon)
    lat2 = np.radians(events["latitude"].to_numpy(dtype=float))
    lon2 = np.radians(events["longitude"].to_numpy(dtype=float))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def near_mask(events: pd.DataFrame, lat: float, lon: float, km: float) -> np.ndarray:
    """Events within `km` of (lat, lon) by geopy's geodesic distance.

    The spherical estimate differs from the geodesic by under 0.6 %, so only events inside 1.01 x km of it
    are measured with geopy (which computes one pair at a time).
    """
    from geopy.distance import geodesic

    rough = _rough_km(events, lat, lon)
    mask = np.zeros(len(events), dtype=bool)
    lats = events["latitude"].to_numpy(dtype=float)
    lons = events["longitude"].to_numpy(dtype=float)
    for i in np.flatnonzero(rough <= km * 1.01):
        mask[i] = geodesic((lat, lon), (lats[i], lons[i])).km <= km
    return mask


@dataclass(frozen=True)
class Criterion:
    """One criterion of an EventFilter, with what it means twice over: the rows it keeps and the clause that says
    so in words (as datasette's filters carry their own human description), so a selection and its description
    cannot drift apart.

    `applies(spec)`: whether the filter asks for it. `keep(events, spec)`: bool array, one per row of `events`.
    `says(spec)`: the clause, e.g. "types: Battles". With `on_candidates` the criterion is costly (per-row work),
    so it is given only the rows every cheaper criterion kept. `columns`: the columns `keep` reads.
    """

    name: str
    applies: Callable[[EventFilter], bool]
    keep: Callable[[pd.DataFrame, EventFilter], np.ndarray]
    says: Callable[[EventFilter], str]
    columns: tuple[str, ...]
    on_candidates: bool = False


def _in_dates(events: pd.DataFrame, spec: EventFilter) -> np.ndarray:
    """Events whose days overlap the range: [event_date, event_date_end or event_date] meets [date_from, date_to]
    (whole days, both ends included), so an event that spans several days is in every range it touches. A range
    that ends before it begins holds no day."""
    start, end = event_days(events)
    keep = np.ones(len(events), dtype=bool)
    if spec.date_from is not None and spec.date_to is not None and spec.date_from > spec.date_to:
        return ~keep
    if spec.date_from is not None:
        keep &= (end >= pd.Timestamp(spec.date_from)).to_numpy()
    if spec.date_to is not None:
        keep &= (start <= pd.Timestamp(spec.date_to)).to_numpy()
    return keep


def _dates_clause(spec: EventFilter) -> str:
    return f"dates {spec.date_from or '...'} to {spec.date_to or '...'} (events on any of these days)"


def _near_clause(spec: EventFilter) -> str:
    where = f"{spec.near[0]:.4f}, {spec.near[1]:.4f}"
    return f"within {spec.within_km:g} km of " + (f"{spec.near_name} ({where})" if spec.near_name else where)


# In the order they are applied: cheap vectorised criteria first, then the costly ones on what is left.
CRITERIA: list[Criterion] = [
    Criterion("dates", lambda f: f.date_from is not None or f.date_to is not None, _in_dates,
              _dates_clause, ("event_date", "event_date_end")),
    Criterion("types", lambda f: f.event_types is not None,
              lambda ev, f: ev["event_type"].isin(f.event_types).to_numpy(),
              lambda f: "types: " + (", ".join(f.event_types) or "none"), ("event_type",)),
    Criterion("sub-event types", lambda f: bool(f.sub_event_types),
              lambda ev, f: ev["sub_event_type"].isin(f.sub_event_types).to_numpy(),
              lambda f: "sub-event types: " + ", ".join(f.sub_event_types), ("sub_event_type",)),
    Criterion("precise", lambda f: f.precise_only,
              lambda ev, f: (ev["geo_precision"] == 1).fillna(False).to_numpy(dtype=bool),
              lambda f: "precise locations only", ("geo_precision",)),
    Criterion("events", lambda f: bool(f.event_ids),
              lambda ev, f: ev["event_id_cnty"].isin(f.event_ids).to_numpy(),
              lambda f: "events: " + ", ".join(f.event_ids), ("event_id_cnty",)),
    Criterion("near", lambda f: f.near is not None and f.within_km is not None,
              lambda ev, f: near_mask(ev, f.near[0], f.near[1], f.within_km), _near_clause,
              ("latitude", "longitude"), on_candidates=True),
    Criterion("search", lambda f: bool(f.text.strip()), lambda ev, f: search_mask(ev, f.text),
              lambda f: f"search: {f.text.strip()}", tuple(SEARCH_COLUMNS), on_candidates=True),
]


def filter_columns(spec: EventFilter) -> set[str]:
    """The columns `filter_mask(events, spec)` reads: a frame of only these selects the same rows."""
    return {column for criterion in CRITERIA if criterion.applies(spec) for column in criterion.columns}


def filter_mask(events: pd.DataFrame, spec: EventFilter) -> np.ndarray:
    """Boolean mask (one per row, in the frame's order) of the events `spec` selects: every applying criterion of
    CRITERIA holds."""
    mask = np.ones(len(events), dtype=bool)
    for criterion in CRITERIA:
        if not criterion.applies(spec):
            continue
        if criterion.on_candidates:
            candidates = np.flatnonzero(mask)
            mask[candidates] = criterion.keep(events.iloc[candidates], spec)
        else:
            mask &= criterion.keep(events, spec)
    return mask


def describe(spec: EventFilter) -> str:
    """The filter in words, from the same CRITERIA as the mask: "Filters: a; b", or "All events of the dataset".
    For the header of an export and the caption of a table, so a shared selection says what it is."""
    clauses = [criterion.says(spec) for criterion in CRITERIA if criterion.applies(spec)]
    return "Filters: " + "; ".join(clauses) if clauses else "All events of the dataset"


def linked_event(events: pd.DataFrame, event_id: str | None) -> int | None:
    """Row position of the event a shared link names, if it is in this dataset."""
    if not event_id:
        return None
    hits = np.flatnonzero((events["event_id_cnty"] == event_id).to_numpy())
    return int(hits[0]) if hits.size else None


def known_total(values: pd.Series) -> str:
    """A headline total that does not turn unknown into zero: 'unknown' when no row has a figure."""
    known = values.dropna()
    return f"{int(known.sum()):,}" if len(known) else "unknown"


COUNTRY_ONLY = 4  # geo_precision: only the country is known; the coordinates are the dataset's (a centroid)


def drawn_as_point(events: pd.DataFrame) -> np.ndarray:
    """Which events the map may draw as a point: placed, and known more precisely than the country.

    An event with `geo_precision` 4 keeps its dataset's coordinates (e.g. UCDP's centroid of Ukraine) but a point
    there would claim a place, so it is listed beside the map like an event without coordinates.
    """
    placed = events["latitude"].notna().to_numpy() & events["longitude"].notna().to_numpy()
    return placed & (events["geo_precision"] != COUNTRY_ONLY).fillna(True).to_numpy(dtype=bool)


def summary(events: pd.DataFrame, mask: np.ndarray) -> dict[str, int | str]:
    """Headline figures of the selected rows, reading only the columns they need (no copy of the selection).

    Unknown fatalities or injuries are not zero, so the totals say 'unknown' when no row has a figure, and the
    counts of rows with a known figure come along. `unplaced` counts the selected events not drawn as a point
    (no coordinates, or only the country known).
    """
    fatalities = events["fatalities"][mask]
    injuries = events["injuries"][mask]
    return {
        "events": int(mask.sum()),
        "fatalities": known_total(fatalities),
        "fatalities_known": int(fatalities.notna().sum()),
        "injuries": known_total(injuries),
        "injuries_known": int(injuries.notna().sum()),
        "unplaced": int((~drawn_as_point(events) & mask).sum()),
    }
