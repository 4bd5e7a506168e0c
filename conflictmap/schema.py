"""The event schema: ACLED's column names where ACLED has the concept, plus what news reports need.

Everything here is pure: it describes columns and checks values, and knows nothing of files.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .problems import RowProblem  # noqa: F401 (re-exported: the readers import it from here)

# ACLED's own columns, in ACLED's export order (the ones this tool keeps).
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]

# What ACLED lacks and news reports or other datasets need.
EXTRA_COLUMNS = [
    "injuries",
    "fatalities_low",
    "fatalities_high",
    "event_date_end",
    "source_url",
    "claimed_by",
    "origin",
    "original_precision",
    "recorded_by",
]

COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

COLUMN_DOCS = {
    "event_id_cnty": "Unique id of the event (ACLED's id is kept on import, e.g. UKR12345).",
    "event_date": "Date of the event, ISO YYYY-MM-DD; when only the week or month is known, a day within it (for news,"
                  " the day of the report that dates it) and time_precision says so.",
    "time_precision": "1 = the day is known, 2 = only the week, 3 = only the month. Blank = unknown.",
    "disorder_type": "ACLED's disorder type (Political violence, Demonstrations, Strategic developments).",
    "event_type": "ACLED event type (see the taxonomy below). Required.",
    "sub_event_type": "ACLED sub-event type belonging to the event type.",
    "actor1": "Main actor (e.g. Military Forces of Russia (2000-)).",
    "assoc_actor_1": "Actors associated with actor1.",
    "actor2": "Second actor (target or opponent).",
    "assoc_actor_2": "Actors associated with actor2.",
    "country": "Country where the event took place.",
    "admin1": "First-level region (oblast).",
    "admin2": "Second-level region (raion / city district).",
    "location": "Place name as coded.",
    "latitude": "WGS84 latitude, from the gazetteer or geocoder, never typed by hand. Blank = not placed.",
    "longitude": "WGS84 longitude.",
    "geo_precision": "1 = in the place itself (as ACLED codes it, the point is the place's centre, not the spot), 2 = near or part of it, 3 = only the region is known, 4 = only the "
                     "country is known (the coordinates are the dataset's, e.g. the country's centroid; never drawn "
                     "as a point).",
    "source": "Outlets and people the event rests on, separated by '; '. Required.",
    "notes": "What happened, in the coder's own words.",
    "fatalities": "Reported deaths (best estimate). Blank = unknown, which is not zero.",
    "injuries": "Reported injured. Blank = unknown.",
    "fatalities_low": "Low estimate of deaths where the source gives a range (UCDP's low).",
    "fatalities_high": "High estimate of deaths (UCDP's high).",
    "event_date_end": "Last day of the event when it spans several days (UCDP's date_end). Blank = event_date.",
    "source_url": "Zero or more http(s) links to the sources, separated by spaces.",
    "claimed_by": "Set when the event rests on one party's claim: who claims it.",
    "origin": "The document or dataset the row came from.",
    "original_precision": "Precision codes of the original dataset, kept verbatim (e.g. where_prec=4;date_prec=1).",
    "recorded_by": "Who saved the event (or merged a report into it) on the Add events page, '; '-separated.",
}

# Short readable names of the columns, for tables people read; files and downloads keep the schema's names.
COLUMN_LABELS = {
    "event_id_cnty": "Event id", "event_date": "Date", "time_precision": "Date precision",
    "disorder_type": "Disorder type", "event_type": "Event type", "sub_event_type": "Sub-event type",
    "actor1": "Actor 1", "assoc_actor_1": "Associated with actor 1", "actor2": "Actor 2",
    "assoc_actor_2": "Associated with actor 2", "country": "Country", "admin1": "Region (admin1)",
    "admin2": "District (admin2)", "location": "Place", "latitude": "Latitude", "longitude": "Longitude",
    "geo_precision": "Place precision", "source": "Source", "notes": "Notes", "fatalities": "Fatalities",
    "injuries": "Injuries", "fatalities_low": "Fatalities, low", "fatalities_high": "Fatalities, high",
    "event_date_end": "Last day", "source_url": "All source links", "claimed_by": "Claimed by",
    "origin": "Origin", "original_precision": "Original precision codes", "recorded_by": "Recorded by",
}

EVENT_TYPES: dict[str, list[str]] = {
    "Battles": [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    "Explosions/Remote violence": [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Suicide bomb",
        "Chemical weapon",
    ],
    "Violence against civilians": [
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
    "Protests": [
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ],
    "Riots": [
        "Violent demonstration",
        "Mob violence",
    ],
}

DISORDER_TYPES = [
    "Political violence",
    "Demonstrations",
    "Strategic developments",
    "Political violence; Demonstrations",
]

DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Strategic developments": "Strategic developments",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
}

INTEGER_COLUMNS = ["time_precision", "geo_precision", "fatalities", "injuries", "fatalities_low", "fatalities_high"]
FLOAT_COLUMNS = ["latitude", "longitude"]
TEXT_COLUMNS = [c for c in COLUMNS if c not in INTEGER_COLUMNS + FLOAT_COLUMNS]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL_OK = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def safe_urls(value: str) -> list[str]:
    """The http(s) links in a source_url cell; anything else (javascript:, data:, junk) is not a link."""
    return [u for u in str(value or "").split() if _URL_OK.match(u)]


def bad_urls(value: str) -> list[str]:
    return [u for u in str(value or "").split() if not _URL_OK.match(u)]


# Plausibility: what a value that parses may still not be. The date range is also what every page's widgets
# accept (Streamlit's date slider takes 1684..2255), so no date that validates can make a page fail.
PLAUSIBLE_SINCE = dt.date(1900, 1, 1)
FUTURE_GRACE = dt.timedelta(days=1)  # a report dated in a time zone ahead of the reader's
MAX_PER_EVENT = 1_000_000  # deaths or injuries in one event; more is a typo (and would not fit the exports)
# Columns outside the schema that are checked when a file has them (ACLED's `year`), never kept.
CHECKED_EXTRAS = ["year"]
# Part of the key of cached validation results (store.load_events_cached): raise it whenever RULES change.
RULES_VERSION = 3

_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"
_URLS_OK = r"https?://[^\s<>\"']+(?:\s+https?://[^\s<>\"']+)*"
_TYPE_OF_SUB = {s: t for t, subs in EVENT_TYPES.items() for s in subs}
assert len(_TYPE_OF_SUB) == sum(map(len, EVENT_TYPES.values())), "a sub-event type must belong to one type"


@dataclass(frozen=True)
class Field:
    """How one typed column's text is read: `kind` "date" (ISO YYYY-MM-DD), "int" (a whole number) or "float",
    within [low, high] for numbers."""

    kind: str
    low: float | None = None
    high: float | None = None
    required: bool = False

    def limits(self) -> str:
        return f"{self.low}..{self.high}"


FIELDS: dict[str, Field] = {
    "event_date": Field("date", required=True),
    "event_date_end": Field("date"),
    "time_precision": Field("int", 1, 3),
    "geo_precision": Field("int", 1, 4),
    **{c: Field("int", 0, MAX_PER_EVENT) for c in ("fatalities", "injuries", "fatalities_low", "fatalities_high")},
    "latitude": Field("float", -90.0, 90.0),
    "longitude": Field("float", -180.0, 180.0),
}


def _numbers(text: pd.Series) -> np.ndarray:
    """Float64 of each cell written as a plain decimal number (optionally with an exponent), NaN for anything
    else ("nan", "inf", "0x10", "12,5", other digits). Arrow parses it vectorised, about 10x pandas.to_numeric.
    A column whose every cell Arrow's cast reads as a finite number is taken as cast (5x faster than the pattern
    first): the cast fails on blanks, spaces, hex and other digits, and reads no other finite text than _NUMBER."""
    cells = pa.array(text, type=pa.large_string())
    try:
        numbers = pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        numbers = None
    if numbers is not None and np.isfinite(numbers).all():
        return numbers
    numeric = pc.match_substring_regex(cells, _NUMBER)
    numbers = pc.cast(pc.if_else(numeric, cells, pa.scalar(None, pa.large_string())), pa.float64())
    return numbers.to_numpy(zero_copy_only=False)


def _arrow(text: pd.Series) -> pa.ChunkedArray:
    """The Arrow chunks of a text column (pandas' str columns hold them: no copy)."""
    cells = pa.array(text, type=pa.large_string()) if text.dtype == object else pa.array(text)
    return cells if isinstance(cells, pa.ChunkedArray) else pa.chunked_array([cells], type=cells.type)


def _encoded(text: pd.Series) -> tuple[np.ndarray, pa.Array]:
    """(codes, distinct values) of a text column with no missing cells, by Arrow's hash encoding: the codes number
    the values in the order of their first appearance, across all chunks. The column is encoded as one array: a
    column in many chunks (Arrow's CSV reader makes hundreds) would repeat the dictionary so far in each."""
    cells = _arrow(text)
    chunks = (pa.chunked_array([cells.combine_chunks()]) if cells.num_chunks > 1 else cells).dictionary_encode().chunks
    if not chunks:
        return np.zeros(0, dtype=np.int32), pa.array([], pa.large_string())
    return (np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks]), chunks[-1].dictionary)


def _dates(text: pd.Series) -> pd.Series:
    """datetime64 of each ISO `YYYY-MM-DD` cell that is a real calendar date, NaT otherwise. Parsed once per
    distinct value (a dataset has thousands of days for millions of rows)."""
    codes, uniques = _encoded(text)
    uniques = pd.Series(uniques.to_pylist(), dtype=object)
    shaped = uniques.str.match(_ISO_DATE).fillna(False).astype(bool)
    parsed = pd.to_datetime(uniques.where(shaped), format="%Y-%m-%d", errors="coerce")
    return pd.Series(parsed.to_numpy()[codes], index=text.index)


def _repeated(text: pd.Series) -> np.ndarray:
    """Rows whose text an earlier row has (Series.duplicated(keep="first")). Only the rows whose hash (`_hashes`)
    another row shares are compared by their text, with `_encoded`: a code repeats an earlier row's exactly when
    it is not above every code before it. Arrow's hash encoding of a whole column of distinct ids held about 100
    bytes per row at once (300 MB at 3,000,000 rows); the hashes hold 8, sorted once."""
    cells = _arrow(text)
    hashes = _hashes(cells)
    if hashes is None:
        candidates = np.arange(len(text))
    else:
        ordered = np.sort(hashes)
        shared = ordered[1:][ordered[1:] == ordered[:-1]]
        del ordered
        candidates = np.flatnonzero(np.isin(hashes, shared)) if len(shared) else np.zeros(0, dtype=np.int64)
    repeated = np.zeros(len(text), dtype=bool)
    if len(candidates) > 1:
        codes, _ = _encoded(pd.Series(cells.take(candidates)) if hashes is not None else text)
        repeated[candidates[1:]] = codes[1:] <= np.maximum.accumulate(codes)[:-1]
    return repeated


_FNV_OFFSET, _FNV_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)
_HASHED_BYTES = 64


def _hashes(cells: pa.ChunkedArray) -> np.ndarray | None:
    """The 64-bit FNV-1a hash of each value's UTF-8 bytes (equal values, equal hashes), computed one byte position
    at a time over every value of a chunk; None when a value is longer than _HASHED_BYTES (a pass per byte)."""
    out = []
    for chunk in cells.chunks:
        offsets, data = _offsets_and_data(chunk)
        starts, lengths = offsets[:-1], np.diff(offsets)
        if len(chunk) and lengths.max() > _HASHED_BYTES:
            return None
        hashes = np.full(len(chunk), _FNV_OFFSET, dtype=np.uint64)
        for k in range(int(lengths.max(initial=0))):
            rows = np.flatnonzero(lengths > k)
            hashes[rows] = (hashes[rows] ^ data[starts[rows] + k]) * _FNV_PRIME
        out.append(hashes)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.uint64)


def _offsets_and_data(cells: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The value offsets (len + 1, into `data`) and data bytes of a string array, without copies."""
    width = np.int64 if pa.types.is_large_string(cells.type) else np.int32
    offsets = np.frombuffer(cells.buffers()[1], dtype=width)[cells.offset:cells.offset + len(cells) + 1] \
        if len(cells) else np.zeros(1, dtype=width)
    data = cells.buffers()[2]
    return offsets, (np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8))


def _stripped(text: pd.Series) -> pd.Series:
    """`text.str.strip()`, without its copy of a column none of whose cells starts or ends with a byte that may be
    part of whitespace (ASCII control or space, or any non-ASCII byte): most columns of most files."""
    for cells in _arrow(text).chunks:
        if cells.buffers()[2] is None or len(cells) == 0:
            continue
        offsets, data = _offsets_and_data(cells)
        starts, ends = offsets[:-1], offsets[1:]
        filled = ends > starts
        edges = np.concatenate([data[starts[filled]], data[ends[filled] - 1]])
        if ((edges <= 0x20) | (edges >= 0x7F)).any():
            return text.str.strip()
    return text


def _read(text: pd.Series, field: Field) -> tuple[pd.Series, np.ndarray]:
    """The typed column and a mask of cells whose text is not blank but is not a readable value in range."""
    blank = (text == "").to_numpy()
    if field.kind == "date":
        values = _dates(text)
        return values, ~blank & values.isna().to_numpy()
    numbers = np.full(len(text), np.nan) if blank.all() else _numbers(text)  # a column the file leaves blank
    with np.errstate(invalid="ignore"):
        ok = (numbers >= field.low) & (numbers <= field.high)
        if field.kind == "int":
            ok &= numbers == np.floor(numbers)
    if field.kind == "int":
        typed = pd.array(np.where(ok, numbers, 0).astype(np.int64), dtype="Int64")
        typed[~ok] = pd.NA
        return pd.Series(typed, index=text.index), ~blank & ~ok
    return pd.Series(np.where(ok, numbers, np.nan), index=text.index, dtype="float64"), ~blank & ~ok


@dataclass
class Checked:
    """What every rule reads: the stripped text of each column (schema columns, plus CHECKED_EXTRAS present),
    the typed values of the schema's columns, which typed cells could not be read, and today's date."""

    text: dict[str, pd.Series]
    values: pd.DataFrame
    unreadable: dict[str, np.ndarray]
    today: dt.date

    def blank(self, column: str) -> np.ndarray:
        return (self.text[column] == "").to_numpy()

    def cell(self, column: str, i: int, width: int = 40) -> str:
        return repr(self.text[column].iat[i][:width])

    def date(self, column: str, i: int) -> str:
        return self.values[column].iat[i].date().isoformat()


@dataclass(frozen=True)
class Rule:
    """One check of the schema: `check` gives the rows (bool array, one per row) that break it, `reason` says why
    for row i. An "error" leaves the row out; a "warning" keeps it, after `repair` (if any) has mended the values of
    the rows it names (e.g. clearing what cannot be kept)."""

    column: str
    check: Callable[[Checked], np.ndarray]
    reason: Callable[[Checked, int], str]
    severity: str = "error"
    repair: Callable[[Checked, np.ndarray], None] | None = None
    # Judged once over every row of the file (e.g. duplicate ids), from the `text` of its column only.
    across_rows: bool = False


def _unreadable(column: str, field: Field) -> Rule:
    if field.kind == "date":
        def reason(c: Checked, i: int) -> str:
            return "missing date" if c.text[column].iat[i] == "" else f"{c.cell(column, i)} is not a date YYYY-MM-DD"
        if field.required:
            return Rule(column, lambda c: c.unreadable[column] | c.blank(column), reason)
        return Rule(column, lambda c: c.unreadable[column], reason)
    what = "a whole number" if field.kind == "int" else "a number"
    return Rule(column, lambda c: c.unreadable[column],
                lambda c, i: f"{c.cell(column, i)} is not {what} in {field.limits()}")


def _before_1900(column: str) -> Rule:
    return Rule(column, lambda c: (c.values[column] < pd.Timestamp(PLAUSIBLE_SINCE)).to_numpy(),
                lambda c, i: f"{c.date(column, i)} is before {PLAUSIBLE_SINCE.year}: not a plausible date "
                             "(a typo in the year?)")


def _in_future(column: str) -> Rule:
    return Rule(column, lambda c: (c.values[column] > pd.Timestamp(c.today + FUTURE_GRACE)).to_numpy(),
                lambda c, i: f"{c.date(column, i)} is after today ({c.today.isoformat()}): an event cannot be "
                             "dated in the future")


def _year_disagrees(c: Checked) -> np.ndarray:
    if "year" not in c.text:
        return np.zeros(len(c.values), dtype=bool)
    year = _numbers(c.text["year"])
    dates = c.values["event_date"]
    with np.errstate(invalid="ignore"):
        return ~c.blank("year") & dates.notna().to_numpy() & (year != dates.dt.year.to_numpy(dtype=float))


def _bad_links(c: Checked) -> np.ndarray:
    given = np.flatnonzero(~c.blank("source_url"))
    bad = np.zeros(len(c.values), dtype=bool)
    links = c.text["source_url"].iloc[given]
    bad[given] = ~links.str.fullmatch(_URLS_OK, case=False).fillna(False).to_numpy(dtype=bool)
    return bad


def _keep_links(c: Checked, rows: np.ndarray) -> None:
    column = c.values.columns.get_loc("source_url")
    for i in np.flatnonzero(rows):
        c.values.iat[i, column] = " ".join(safe_urls(c.text["source_url"].iat[i]))


_TYPE_NAMES = list(EVENT_TYPES)
_SUB_NAMES = list(_TYPE_OF_SUB)
_TYPE_OF_SUB_CODE = np.array([_TYPE_NAMES.index(_TYPE_OF_SUB[s]) for s in _SUB_NAMES] + [-1])  # -1: not a sub-type


def _codes(text: pd.Series, names: list[str]) -> np.ndarray:
    """The index of each cell's text in `names`, -1 for text not in it (Arrow's hash lookup)."""
    return pc.fill_null(pc.index_in(_arrow(text), value_set=pa.array(names)), -1).to_numpy(zero_copy_only=False)


def _sub_type_mismatch(c: Checked) -> np.ndarray:
    type_code = _codes(c.text["event_type"], _TYPE_NAMES)
    expected = _TYPE_OF_SUB_CODE[_codes(c.text["sub_event_type"], _SUB_NAMES)]
    return (type_code >= 0) & ~c.blank("sub_event_type") & (expected != type_code)


def _above(first: str, second: str) -> Callable[[Checked], np.ndarray]:
    """Rows where the value of `first` exceeds that of `second` (both known)."""
    return lambda c: (c.values[first] > c.values[second]).fillna(False).to_numpy(dtype=bool)


RULES: list[Rule] = [
    Rule("event_id_cnty", lambda c: c.blank("event_id_cnty"), lambda c, i: "missing event id"),
    Rule("event_id_cnty",
         lambda c: _repeated(c.text["event_id_cnty"]) & ~c.blank("event_id_cnty"),
         lambda c, i: f"duplicate event id {c.cell('event_id_cnty', i)}", across_rows=True),
    _unreadable("event_date", FIELDS["event_date"]),
    _before_1900("event_date"),
    _in_future("event_date"),
    Rule("year", _year_disagrees,
         lambda c, i: f"event_date {c.date('event_date', i)} is not in the row's year {c.cell('year', i)}"),
    _unreadable("event_date_end", FIELDS["event_date_end"]),
    _before_1900("event_date_end"),
    _in_future("event_date_end"),
    Rule("event_date_end", _above("event_date", "event_date_end"), lambda c, i: "ends before it starts"),
    Rule("event_type", lambda c: ~c.text["event_type"].isin(list(EVENT_TYPES)).to_numpy(),
         lambda c, i: "missing event type" if c.text["event_type"].iat[i] == ""
         else f"unknown event type {c.cell('event_type', i, 60)}"),
    Rule("sub_event_type", _sub_type_mismatch,
         lambda c, i: f"{c.cell('sub_event_type', i, 60)} is not a sub-event type of {c.cell('event_type', i, 60)}"),
    Rule("disorder_type", lambda c: ~c.blank("disorder_type") & ~c.text["disorder_type"].isin(DISORDER_TYPES).to_numpy(),
         lambda c, i: f"unknown disorder type {c.cell('disorder_type', i, 60)}"),
    Rule("source", lambda c: c.blank("source"), lambda c, i: "no source: every event must name one"),
    *(_unreadable(column, field) for column, field in FIELDS.items() if field.kind != "date"),
    Rule("fatalities_low", _above("fatalities_low", "fatalities_high"),
         lambda c, i: f"fatalities_low {c.values['fatalities_low'].iat[i]} is above fatalities_high "
                      f"{c.values['fatalities_high'].iat[i]}"),
    Rule("latitude", lambda c: c.blank("latitude") != c.blank("longitude"),
         lambda c, i: "latitude and longitude must both be given"),
    Rule("source_url", _bad_links,
         lambda c, i: f"not an http(s) link, dropped: {bad_urls(c.text['source_url'].iat[i])[0][:60]!r}",
         severity="warning", repair=_keep_links),
]


def validate_frame(raw: pd.DataFrame, lines: np.ndarray | None = None,
                   rules: list[Rule] | None = None, today: dt.date | None = None,
                   ) -> tuple[pd.DataFrame, list[RowProblem]]:
    """Check raw text cells against the schema's rules (RULES, in order).

    `raw`: one row per record, text cells (str or None), one column per schema column (missing ones count as
    blank; CHECKED_EXTRAS such as ACLED's `year` are checked when present, other columns ignored). `lines`: each
    row's physical line in its file (default 2, 3, ... under a header line). `today` (default: the local date)
    bounds plausible dates. Returns the typed rows without an error, in COLUMNS order (Int64 integers, float64
    coordinates, datetime64[s] dates, str text), and every problem, errors and warnings, in line order. Never
    raises for bad values: each is a RowProblem. A file's rows can be checked a slice at a time: `Validation`.
    """
    validation = Validation(rules, today)
    validation.add(raw, lines)
    return validation.result()


class Validation:
    """validate_frame of a file's rows given a slice at a time, in file order (`add`), then `result()`: the same
    rows and problems as validate_frame of them all. Each slice's typed values and kept text are held, not the
    text its typed columns were read from nor its other temporaries, so checking a large file holds one slice's
    (at 3,000,000 synthetic events the text of the typed columns alone is 330 MB). Rules `across_rows` (duplicate
    ids) are judged once over every row, at `result()`."""

    def __init__(self, rules: list[Rule] | None = None, today: dt.date | None = None) -> None:
        self.rules = RULES if rules is None else rules
        self.today = today or dt.date.today()
        self._found: list[tuple[int, int, RowProblem]] = []
        self._kept: list[dict[str, pd.Series]] = []
        self._errors: list[np.ndarray] = []
        self._lines: list[np.ndarray] = []
        self._across: dict[str, list[pd.Series]] = {r.column: [] for r in self.rules if r.across_rows}
        assert all(r.repair is None for r in self.rules if r.across_rows), "a rule across rows cannot mend values"

    @property
    def rows(self) -> int:
        """Rows added so far."""
        return sum(len(lines) for lines in self._lines)

    def add(self, raw: pd.DataFrame, lines: np.ndarray | None = None) -> None:
        """Check the next rows (`raw` and `lines` as in validate_frame; default lines continue those before)."""
        n, done = len(raw), self.rows
        lines = np.arange(done + 2, done + n + 2) if lines is None else np.asarray(lines)
        present = [c for c in CHECKED_EXTRAS if c in raw.columns]
        raw = raw.reindex(columns=COLUMNS + present, fill_value="").fillna("").astype(str)
        text = {col: _stripped(raw[col]) for col in raw.columns}
        del raw
        values = pd.DataFrame({col: text[col] for col in TEXT_COLUMNS}, copy=False)
        unreadable = {}
        for col, field in FIELDS.items():
            values[col], unreadable[col] = _read(text[col], field)
        checked = Checked(text, values, unreadable, self.today)
        errors = np.zeros(n, dtype=bool)
        for order, rule in enumerate(self.rules):
            if not rule.across_rows:
                self._judge(order, rule, checked, lines, errors)
        for column, parts in self._across.items():
            parts.append(text[column])
        kept = values if not errors.any() else values.loc[~errors]
        large = len(kept) >= _LARGE_SLICE
        self._kept.append({col: _blank_column(len(kept)) if large and col in _FREE_TEXT and _all_blank(kept[col])
                           else kept[col] for col in COLUMNS})
        self._errors.append(errors)
        self._lines.append(lines)

    def result(self) -> tuple[pd.DataFrame, list[RowProblem]]:
        """The rows without an error and every problem in line order, as validate_frame gives them."""
        if not self._lines:
            self.add(pd.DataFrame(columns=COLUMNS))
        lines, errors = np.concatenate(self._lines), np.concatenate(self._errors)
        text = {column: _joined(parts) for column, parts in self._across.items()}
        late = np.zeros(len(lines), dtype=bool)
        checked = Checked(text, pd.DataFrame(index=pd.RangeIndex(len(lines))), {}, self.today)
        for order, rule in enumerate(self.rules):
            if rule.across_rows:
                self._judge(order, rule, checked, lines, late)
        columns = {}
        for col in COLUMNS:  # column by column, each column's slices given back before the next is joined
            columns[col] = _joined([kept.pop(col) for kept in self._kept])
            if len(lines) >= _LARGE_SLICE:
                give_back_freed_memory()
        good = pd.DataFrame(columns, copy=False)
        drop = late[~errors]
        if drop.any():
            good = good.loc[~drop].reset_index(drop=True)
        self._found.sort(key=lambda item: item[:2])
        return normalise_types(good), [problem for _, _, problem in self._found]

    def _judge(self, order: int, rule: Rule, checked: Checked, lines: np.ndarray, errors: np.ndarray) -> None:
        broken = np.asarray(rule.check(checked), dtype=bool)
        for i in np.flatnonzero(broken):
            self._found.append((int(lines[i]), order, RowProblem(int(lines[i]), rule.column, rule.reason(checked, i),
                                                                 rule.severity)))
        if rule.severity == "error":
            errors |= broken
        elif rule.repair is not None and broken.any():
            rule.repair(checked, broken)


_BLANKS = pa.array([""] * (1 << 16), pa.large_string())
# Rows from which a slice's blank columns are shared (_blank_column) and freed pages given back: below, neither is
# worth its cost (a check of a few rows, as a save makes, stays as quick as before).
_LARGE_SLICE = 1 << 16
_FREE_TEXT = [c for c in TEXT_COLUMNS if c not in FIELDS]  # the columns kept as text (not dates)


def _all_blank(text: pd.Series) -> bool:
    """Every cell "" (no byte of text in any chunk): read from the offsets, without a comparison per cell."""
    for cells in _arrow(text).chunks:
        offsets, _ = _offsets_and_data(cells)
        if offsets[-1] != offsets[0]:
            return False
    return True


def _blank_column(n: int) -> pd.Series:
    """n blank text cells as slices of one small array (_BLANKS): a column a file leaves empty (ACLED's files lack
    most of EXTRA_COLUMNS) then holds no 8-byte offset per row, 24 MB per column at 3,000,000 rows."""
    chunks = [_BLANKS.slice(0, min(len(_BLANKS), n - start)) for start in range(0, n, len(_BLANKS))]
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, pa.large_string()))).astype(str)


def give_back_freed_memory() -> None:
    """Return the pages of freed memory to the system: glibc's malloc keeps freed blocks of its heap for reuse
    (numpy's arrays of a few MB are there), Arrow's pool its own. Joining a file's slices of typed columns
    (258 MB at 3,000,000 synthetic events) otherwise kept every slice's pages besides the joined columns: a
    peak 230 MB higher. A no-op where the C library has no malloc_trim."""
    pa.default_memory_pool().release_unused()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _malloc_trim()


def _joined(parts: list[pd.Series]) -> pd.Series:
    """The parts one after another, numbered from 0 (text columns keep their Arrow chunks: no copy)."""
    return parts[0].reset_index(drop=True) if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def normalise_types(events: pd.DataFrame) -> pd.DataFrame:
    """One dtype per column whatever the frame came from (parsing, Parquet, an importer); a frame of some of the
    columns has those normalised."""
    for col in ("event_date", "event_date_end"):
        if col in events:
            events[col] = events[col].astype("datetime64[s]")
    return events


def empty_events() -> pd.DataFrame:
    good, _ = validate_frame(pd.DataFrame(columns=COLUMNS))
    return good


def _coordinate_text(values: pd.Series) -> pa.Array:
    """Each value with at most 5 decimals and no trailing zeros ("47.5", "35.12346", "50"), "" when unknown: what
    Python's f"{v:.5f}" trimmed gives, computed by Arrow (round, then the shortest text of the rounded double).
    Where v * 1e5 lies within a millionth of a half, that product may have rounded across it, so those few
    values are formatted by Python, which rounds the exact binary value."""
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    text = pc.fill_null(pc.cast(pc.round(pa.array(numbers, from_pandas=True), 5), pa.string()), "")
    with np.errstate(invalid="ignore"):
        scaled = numbers * 1e5
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    if near_half.any():
        exact = [f"{v:.5f}".rstrip("0").rstrip(".") for v in numbers[near_half]]
        text = pc.replace_with_mask(text, pa.array(near_half), pa.array(exact, pa.string()))
    return text


def to_text_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Typed events back to the strings written in a CSV: ISO dates, integers without '.0', coordinates with at most
    5 decimals, blank for unknown. Vectorised (Arrow compute): about 1 s per million events for all columns."""
    out = {}
    for col in COLUMNS:
        if col not in events:
            out[col] = pd.Series("", index=events.index, dtype="str")
            continue
        values = events[col]
        if col in ("event_date", "event_date_end"):
            days = pd.to_datetime(values, errors="coerce").to_numpy(dtype="datetime64[s]")
            text = pc.fill_null(pc.cast(pc.cast(pa.array(days, from_pandas=True), pa.date32()), pa.string()), "")
        elif col in INTEGER_COLUMNS:
            whole = pd.to_numeric(values, errors="coerce").astype("Int64")
            text = pc.fill_null(pc.cast(pa.array(whole, type=pa.int64()), pa.string()), "")
        elif col in FLOAT_COLUMNS:
            text = _coordinate_text(values)
        else:
            out[col] = values.fillna("").astype(str)
            continue
        out[col] = text.to_pandas().set_axis(events.index)
    return pd.DataFrame(out, index=events.index)
