"""Reviewing proposed events before they join the events file.

The "Add events" page shows the extractor's candidates as a table a person edits; this module builds that
table, re-places edited locations through the geocoder, validates the rows with the schema, and holds back
likely duplicates of events already saved. Everything here is pure: the page reads widgets and files and
calls these functions, so the rules can be tested without Streamlit.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from .filters import near_mask
from .schema import (
    COLUMNS, DISORDER_BY_EVENT_TYPE, INTEGER_COLUMNS, RowProblem, bad_urls, safe_urls, to_text_frame, validate_frame,
)
from .csvio import EventsFileError, decode

MAX_TEXT_BYTES = 1_000_000
DUPLICATE_DAYS = 1
DUPLICATE_KM = 5.0

KEEP = "keep"
DECISION = "decision"  # for a row that may repeat a saved event: SKIP, SAVE_NEW or MERGE_INTO + the saved id
SKIP = "skip"
SAVE_NEW = "save as new"
MERGE_INTO = "merge into "
DUPLICATE_OF = "duplicate_of"
LOCATED_AS = "located_as"  # the location the row's coordinates were looked up for; a different one is re-placed
EVIDENCE = ["evidence", "confidence"]
TABLE_COLUMNS = [KEEP, DUPLICATE_OF, DECISION] + COLUMNS + EVIDENCE + [LOCATED_AS]
PLACE_COLUMNS = ["country", "admin1", "admin2", "latitude", "longitude", "geo_precision"]


class InputRejected(ValueError):
    """Input the page refuses. `value` is the offending user text, to be shown as plain text beside the message."""

    def __init__(self, message: str, value: str = ""):
        super().__init__(message)
        self.message = message
        self.value = value


def check_text(text: str, limit: int = MAX_TEXT_BYTES) -> str:
    """The text to extract from, refused when empty or larger than `limit` bytes of UTF-8."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > limit:
        raise InputRejected(f"The text is {size:,} bytes; the limit is {limit:,} bytes. "
                            "Split it into several texts of one report each.")
    if not text.strip():
        raise InputRejected("Paste a news text or upload a .txt file first.")
    return text


def decode_upload(data: bytes, limit: int = MAX_TEXT_BYTES) -> tuple[str, str]:
    """(text, encoding) of an uploaded .txt file, decoded by the project's one policy (`csvio.decode`); the page
    names a non-UTF-8 encoding so that a wrong guess is seen rather than silently saved.

    Raises InputRejected when the file is over `limit` bytes, empty, or holds bytes that are not text (naming
    their lines).
    """
    if len(data) > limit:
        raise InputRejected(f"The file is {len(data):,} bytes; the limit is {limit:,} bytes. "
                            "Split it into several texts of one report each.")
    try:
        decoded = decode(data)
    except EventsFileError as exc:
        raise InputRejected(f"The file is not readable text: {exc}.") from None
    if decoded.bad_lines or "\x00" in decoded.text:
        where = decoded.describe_bad_lines() or "it holds NUL bytes"
        raise InputRejected(f"The file is not readable text: {where}. Save it as UTF-8 and upload it again.")
    return check_text(decoded.text, limit), decoded.encoding


def check_source_url(url: str) -> str:
    """The source URL field: blank, or one or more http(s) links separated by spaces."""
    url = url.strip()
    rejected = bad_urls(url)
    if rejected:
        raise InputRejected("The source URL must be an http:// or https:// link (several may be separated by "
                            "spaces). Not accepted:", rejected[0][:200])
    return url


def origin_label(source_name: str, source_url: str, published: dt.date, filename: str = "") -> str:
    """What the saved events came from: the source named by the user, else the pasted or uploaded text."""
    named = " ".join(part for part in (source_name.strip(), source_url.strip()) if part)
    if named:
        return named
    what = f"uploaded file {filename}" if filename else "pasted text"
    return f"{what}, {published.isoformat()}"


def _same_incident(event, candidates: pd.DataFrame, max_km: float) -> np.ndarray:
    """Which `candidates` (same type, close dates) are at the new event's place: within `max_km` when both
    have coordinates, else under the same location name."""
    lats = candidates["latitude"].to_numpy(dtype=float)
    lons = candidates["longitude"].to_numpy(dtype=float)
    pointed = ~(np.isnan(lats) | np.isnan(lons))
    placed = not (pd.isna(event.latitude) or pd.isna(event.longitude))
    same = np.zeros(len(candidates), dtype=bool)
    if placed and pointed.any():
        same[pointed] = near_mask(candidates[pointed], event.latitude, event.longitude, max_km)
    name = "" if pd.isna(event.location) else str(event.location).strip().casefold()
    if name:
        names = candidates["location"].fillna("").astype(str).str.strip().str.casefold().to_numpy()
        same |= (~pointed if placed else True) & (names == name)
    return same


def duplicate_positions(new: pd.DataFrame, existing: pd.DataFrame, max_days: int = DUPLICATE_DAYS,
                        max_km: float = DUPLICATE_KM) -> list[np.ndarray]:
    """For each new event, the positions in `existing` of saved events that look like the same incident: same
    event type, dates at most `max_days` apart, and places at most `max_km` apart by geopy's geodesic distance
    (or, when either of the two has no coordinates, the same location name).

    The saved events are sorted by date once, so each new event only looks at its few days of them.
    """
    none = np.array([], dtype=np.int64)
    if existing.empty:
        return [none for _ in range(len(new))]
    days = pd.to_datetime(existing["event_date"]).to_numpy("datetime64[D]").astype(np.int64)
    order = np.argsort(days, kind="stable")
    days = days[order]
    out = []
    for event in new.itertuples(index=False):
        when = pd.Timestamp(event.event_date)
        if pd.isna(when):
            out.append(none)
            continue
        day = np.datetime64(when.date(), "D").astype(np.int64)
        window = np.sort(order[np.searchsorted(days, day - max_days, "left"):
                               np.searchsorted(days, day + max_days, "right")])
        nearby = existing.iloc[window]
        same_type = (nearby["event_type"] == event.event_type).to_numpy(dtype=bool)
        found = window[same_type][_same_incident(event, nearby[same_type], max_km)]
        out.append(found.astype(np.int64))
    return out


def duplicates_of(new: pd.DataFrame, existing: pd.DataFrame, max_days: int = DUPLICATE_DAYS,
                  max_km: float = DUPLICATE_KM) -> list[list[str]]:
    """The ids of the saved events each new event may repeat (see `duplicate_positions`)."""
    ids = existing["event_id_cnty"].to_numpy()
    return [[str(ids[i]) for i in found] for found in duplicate_positions(new, existing, max_days, max_km)]


def describe_duplicates(positions: np.ndarray, existing: pd.DataFrame) -> str:
    """The table cell naming the saved events a row may repeat: id, date and place of each."""
    rows = existing.iloc[positions]
    return "; ".join(f"{r.event_id_cnty} {pd.Timestamp(r.event_date).date().isoformat()} {r.location}".strip()
                     for r in rows.itertuples(index=False))


def review_table(candidates: pd.DataFrame, origin: str, existing: pd.DataFrame) -> pd.DataFrame:
    """The extractor's candidates (`candidates_to_frame`) as the table the page edits: every row kept, each
    one's possible duplicates among `existing` named, `origin` recorded (and used as the source when the text
    named none)."""
    table = candidates.copy()
    for col in COLUMNS + EVIDENCE:
        if col not in table:
            table[col] = ""
    table["origin"] = origin
    unnamed = table["source"].fillna("").isin(["", "pasted text"])
    table.loc[unnamed, "source"] = origin
    table[KEEP] = True
    table[DUPLICATE_OF] = [describe_duplicates(p, existing) for p in duplicate_positions(table, existing)]
    table[DECISION] = [SKIP if described else None for described in table[DUPLICATE_OF]]
    table[LOCATED_AS] = table["location"].fillna("").astype(str)
    return table[TABLE_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class Placement:
    """The geocoder's answer for a location the reviewer changed."""

    row: int
    query: str
    found: bool
    name: str = ""
    admin1: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    reason: str = ""
    candidates: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.found:
            where = ", ".join(p for p in (self.name, self.admin1, self.country) if p)
            return f"row {self.row}: {self.query!r} placed at {where} ({self.lat:.4f}, {self.lon:.4f})"
        if not self.query:
            return f"row {self.row}: location cleared; the event has no coordinates"
        others = (f"; could be {' or '.join(self.candidates)}: write it as 'place, oblast'" if self.candidates
                  else "")
        return (f"row {self.row}: {self.query!r} not found ({self.reason or 'unknown place'}{others}); "
                "the event has no coordinates unless you name the place differently")


def _place(row: pd.Series, number: int, lookup: Callable) -> tuple[pd.Series, Placement]:
    query = "" if pd.isna(row["location"]) else str(row["location"]).strip()
    row = row.copy()
    row["location"] = query
    row[LOCATED_AS] = query
    result = lookup(query) if query else None
    if result is not None and result.found:
        row["location"], row["country"], row["admin1"], row["admin2"] = (
            result.name, result.country_name, result.admin1, "")
        row["latitude"], row["longitude"], row["geo_precision"] = result.lat, result.lon, result.geo_precision or 1
        row[LOCATED_AS] = result.name
        return row, Placement(number, query, True, result.name, result.admin1, result.country_name,
                              result.lat, result.lon)
    for col in PLACE_COLUMNS:
        row[col] = np.nan if col in ("latitude", "longitude") else pd.NA if col == "geo_precision" else ""
    options = result.candidates[:5] if result is not None else []
    candidates = tuple(", ".join(str(c[k]) for k in ("name", "admin1") if c.get(k)) for c in options)
    return row, Placement(number, query, False, reason=result.reason if result else "", candidates=candidates)


def replace_edited_locations(table: pd.DataFrame, lookup: Callable) -> tuple[pd.DataFrame, list[Placement]]:
    """Coordinates are never typed: a row whose location differs from the one it was placed for is looked up
    again with `lookup` (the project geocoder's `lookup(query) -> PlaceResult`)."""
    out = table.copy()
    placements = []
    edited = out["location"].fillna("").astype(str).str.strip() != out[LOCATED_AS].fillna("").astype(str).str.strip()
    for position in np.flatnonzero(edited.to_numpy()):
        placed, placement = _place(out.iloc[position], position + 1, lookup)
        out.iloc[position] = placed[out.columns]
        placements.append(placement)
    return out, placements


def _number_text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_to_text(rows: pd.DataFrame) -> pd.DataFrame:
    """Edited table rows as the schema's text cells, ready for `validate_frame` (disorder type follows the
    event type; a number the editor left fractional stays visible to validation instead of being rounded)."""
    rows = rows.copy()
    rows["disorder_type"] = rows["event_type"].map(lambda t: DISORDER_BY_EVENT_TYPE.get(t, "") if isinstance(
        t, str) else "")
    text = to_text_frame(rows.drop(columns=INTEGER_COLUMNS))
    for col in INTEGER_COLUMNS:
        text[col] = rows[col].map(_number_text) if col in rows else ""
    return text[COLUMNS]


MERGED_COLUMNS = ["source", "source_url", "notes"]


def _sources(cell: str) -> list[str]:
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def merge_report(saved: dict[str, str], report: dict[str, str]) -> dict[str, str]:
    """The saved event's source, source_url and notes cells after one more report of it is merged in.

    The saved event keeps its id, date, place, type and figures: the report's sources and http(s) links are added
    when new, and the notes gain "Also reported by <source> (<origin>)." naming any figure that differs. Merging
    the same report twice changes nothing. All values are the schema's text cells (see `to_text_frame`).
    """
    sources = _sources(saved["source"])
    known = {s.casefold() for s in sources}
    sources += [s for s in _sources(report["source"]) if s.casefold() not in known]
    urls = safe_urls(saved["source_url"])
    urls += [u for u in dict.fromkeys(safe_urls(report["source_url"])) if u not in urls]
    origin = report["origin"].strip()
    who = "; ".join(_sources(report["source"])) or origin or "another report"
    line = f"Also reported by {who} ({origin})." if origin and origin != who else f"Also reported by {who}."
    for column, outcome in (("fatalities", "killed"), ("injuries", "injured")):
        if report[column] and report[column] != saved[column]:
            line += f" {who} reports {report[column]} {outcome}."
    notes = saved["notes"].strip()
    if line not in notes:
        notes = f"{notes} {line}".strip()
    return {"source": "; ".join(sources), "source_url": " ".join(urls), "notes": notes}


@dataclass(frozen=True)
class Merge:
    """The change merging reviewed rows makes to one saved event: its cells before and after (changed ones only)."""

    target: str
    rows: tuple[int, ...]
    before: dict[str, str]
    after: dict[str, str]


def _choices(table: pd.DataFrame) -> pd.Series:
    if DECISION not in table:
        return pd.Series("", index=table.index, dtype=object)
    return table[DECISION].map(lambda c: c if isinstance(c, str) else "")


def decision_options(table: pd.DataFrame) -> list[str]:
    """The choices offered for flagged rows: skip, save as new, or merge into one of the saved events named in
    "may repeat" (the reviewer may pick a target of another row; `plan_merges` refuses it)."""
    targets = [described.split(" ", 1)[0] for cell in table[DUPLICATE_OF].fillna("") for described in
               str(cell).split("; ") if described]
    return [SKIP, SAVE_NEW] + [MERGE_INTO + t for t in dict.fromkeys(targets)]


def plan_merges(table: pd.DataFrame, existing: pd.DataFrame) -> tuple[list[Merge], list[RowProblem]]:
    """The merges chosen in the reviewed `table` (kept rows whose decision is "merge into <id>"), each saved event
    with every report merged into it in table order. A row that is invalid, or whose target is not a saved event
    it may repeat, is a problem naming its table row, and then nothing is merged."""
    table = table.reset_index(drop=True)
    kept = table[KEEP].fillna(False).astype(bool).to_numpy()
    choices = _choices(table)
    chosen = np.flatnonzero(kept & choices.str.startswith(MERGE_INTO).to_numpy())
    if not len(chosen):
        return [], []
    typed, problems = validate_frame(table_to_text(table.iloc[chosen]), lines=chosen + 1)
    if problems:
        return [], problems
    ids = existing["event_id_cnty"].to_numpy()
    saved = to_text_frame(existing)
    merged: dict[str, dict[str, str]] = {}
    rows: dict[str, list[int]] = {}
    reports = to_text_frame(typed)
    for k, (position, matches) in enumerate(zip(chosen, duplicate_positions(typed, existing))):
        target = choices.iat[position][len(MERGE_INTO):]
        found = [i for i in matches if ids[i] == target]
        if not found:
            problems.append(RowProblem(int(position) + 1, DECISION,
                                       f"{target!r} is not a saved event this row may repeat"))
            continue
        current = merged.get(target) or saved.iloc[found[0]][MERGED_COLUMNS + ["fatalities", "injuries"]].to_dict()
        merged[target] = {**current, **merge_report(current, reports.iloc[k].to_dict())}
        rows.setdefault(target, []).append(int(position) + 1)
    if problems:
        return [], problems
    out = []
    for target, after in merged.items():
        before = saved.iloc[int(np.flatnonzero(ids == target)[0])]
        changed = [c for c in MERGED_COLUMNS if after[c] != before[c]]
        out.append(Merge(target, tuple(rows[target]), {c: before[c] for c in changed}, {c: after[c] for c in changed}))
    return out, []


def merge_table(merge: Merge) -> pd.DataFrame:
    """A merge as the page shows it before it is confirmed: one line per changed cell, before and after."""
    return pd.DataFrame({"before": merge.before, "after": merge.after}, index=list(merge.after))


@dataclass
class SavePlan:
    """What a save will do. `to_add` holds validated events and `merges` the changes to saved events; nothing is
    saved while `problems` is not empty.

    `table_after` is what the review table shows next: every row when nothing can be saved, otherwise the rows
    held back as possible duplicates (with their matches named) for the reviewer to decide on.
    """

    to_add: pd.DataFrame
    problems: list[RowProblem] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    held: list[tuple[int, str, str]] = field(default_factory=list)  # (row, id, the saved events it may repeat)
    already_saved: list[tuple[int, str]] = field(default_factory=list)  # (row, id) present in the file
    merges: list[Merge] = field(default_factory=list)
    dropped: int = 0
    table_after: pd.DataFrame | None = None

    @property
    def updates(self) -> dict[str, dict[str, str]]:
        """The cells to rewrite, for `store.update_events`."""
        return {m.target: m.after for m in self.merges if m.after}

    @property
    def expected(self) -> dict[str, dict[str, str]]:
        """The cells as they were when the merges were planned (`update_events` refuses if they changed)."""
        return {m.target: m.before for m in self.merges if m.after}


def plan_save(table: pd.DataFrame, existing: pd.DataFrame, lookup: Callable) -> SavePlan:
    """Decide what saving the reviewed `table` does to a file whose valid events are `existing`.

    Rows not kept are dropped; edited locations are placed again; kept rows are validated with the schema
    (problems name the table row); a row that looks like a saved event is held back unless its decision is
    "save as new" or "merge into <id>"; a row whose id is already in the file is not saved again.
    """
    table, placements = replace_edited_locations(table.reset_index(drop=True), lookup)
    kept = table[KEEP].fillna(False).astype(bool).to_numpy()
    numbers = np.flatnonzero(kept) + 1
    rows = table[kept]
    typed, problems = validate_frame(table_to_text(rows), lines=numbers)
    merges, merge_problems = ([], []) if problems else plan_merges(table, existing)
    if problems or merge_problems:
        return SavePlan(to_add=typed.iloc[0:0], problems=problems + merge_problems, placements=placements,
                        table_after=table)
    matches = duplicate_positions(typed, existing)
    choices = _choices(rows).to_numpy()
    flagged = np.array([len(m) > 0 for m in matches], dtype=bool)
    merging = np.array([c.startswith(MERGE_INTO) for c in choices], dtype=bool)
    skipped = (choices == SKIP) & ~flagged
    saved_ids = existing["event_id_cnty"]
    in_file = typed["event_id_cnty"].isin(set(saved_ids[saved_ids.isin(typed["event_id_cnty"])])).to_numpy()
    held = flagged & ~np.isin(choices, [SAVE_NEW]) & ~merging & ~in_file
    ids = typed["event_id_cnty"]
    held_rows = [(int(numbers[i]), ids.iat[i], describe_duplicates(matches[i], existing)) for i in np.flatnonzero(held)]
    after = rows[held].copy()
    after[DUPLICATE_OF] = [described for _, _, described in held_rows]
    return SavePlan(
        to_add=typed[~held & ~in_file & ~merging & ~skipped].reset_index(drop=True),
        placements=placements,
        held=held_rows,
        already_saved=[(int(numbers[i]), ids.iat[i]) for i in np.flatnonzero(in_file)],
        merges=merges,
        dropped=int((~kept).sum() + skipped.sum()),
        table_after=after.reset_index(drop=True),
    )
