"""What an import yields, and how it lands in an events file: merged by event id, written atomically."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..progress import Progress
from ..schema import COLUMNS, RowProblem, to_text_frame, validate_frame
from ..store import LoadResult, open_store


@dataclass
class ImportResult(LoadResult):
    """The events converted from one file, every problem by line, and the decisions taken while reading it."""

    source: str = ""
    notes: list[str] = field(default_factory=list)


def finish_import(
    raw: pd.DataFrame,
    lines,
    rejected: np.ndarray,
    problems: list[tuple[int, RowProblem]],
    rows_read: int,
    structural: list[RowProblem],
    progress: Progress | None = None,
    **about,
) -> ImportResult:
    """Validate the converted text cells (rows already rejected by the importer are left out of validation),
    reporting the step to `progress`."""
    say = progress or (lambda stage, done, total: None)
    say("checking rows", 0, len(raw))
    lines = np.asarray(lines, dtype=np.int64)
    keep = ~rejected
    from ..geocoding.plausibility import coordinate_problems

    kept = raw.reset_index(drop=True) if keep.all() else raw.loc[keep].reset_index(drop=True)
    kept_lines = lines[keep]
    events, row_problems = validate_frame(kept, kept_lines)
    places = _places(kept, kept_lines, events, row_problems)
    everything = structural + [p for _, p in problems] + row_problems + coordinate_problems(places, kept_lines)
    everything.sort(key=lambda p: (p.line, p.severity != "error"))
    say("checking rows", len(raw), len(raw))
    return ImportResult(events=events, rows_read=rows_read, problems=everything, **about)


def _places(kept: pd.DataFrame, lines: np.ndarray, events: pd.DataFrame, row_problems: list[RowProblem],
            ) -> pd.DataFrame:
    """country, admin1 (text) and latitude, longitude (float64, NaN when blank or unreadable) of every row of
    `kept`, for the coordinate check: the rows that validated (`events`, in order) give the coordinates validation
    read, so a million cells are not parsed a second time; rows in error are parsed from their text as written."""
    in_error = np.isin(lines, [p.line for p in row_problems if p.severity == "error"])
    places = pd.DataFrame({c: kept[c] for c in ("country", "admin1")})
    aligned = int((~in_error).sum()) == len(events)  # not so when records share a line (JSON): all read from text
    if not aligned:
        in_error[:] = True
    for column in ("latitude", "longitude"):
        numbers = np.full(len(kept), np.nan)
        if aligned:
            numbers[~in_error] = events[column].to_numpy(dtype=np.float64, na_value=np.nan)
        numbers[in_error] = pd.to_numeric(kept.loc[in_error, column], errors="coerce").to_numpy(
            dtype=np.float64, na_value=np.nan)
        places[column] = numbers
    return places


@dataclass(frozen=True)
class MergeSummary:
    added: int
    updated: int
    unchanged: int
    total: int


def merge_events(current: pd.DataFrame, incoming: pd.DataFrame) -> tuple[pd.DataFrame, MergeSummary]:
    """Incoming rows replace the current rows with the same id (in place); new ids go to the end."""
    if current.empty:  # a new file: every row is added as it is (validation has refused repeated ids)
        return incoming[COLUMNS], MergeSummary(len(incoming), 0, 0, len(incoming))
    where = pc.fill_null(pc.index_in(_ids(incoming), value_set=_ids(current)), -1).to_numpy(zero_copy_only=False)
    known = where >= 0  # ids are unique on both sides (validation refuses repeated ones)
    replaced = where[known]
    before = to_text_frame(current.iloc[replaced].reset_index(drop=True))
    after = to_text_frame(incoming.loc[known].reset_index(drop=True))
    unchanged = int((before[COLUMNS] == after[COLUMNS]).all(axis=1).sum())
    kept = np.ones(len(current), dtype=bool)
    kept[replaced] = False
    at_end = len(current) + np.arange(len(incoming))
    order = np.concatenate([np.flatnonzero(kept), np.where(known, where, at_end)])
    merged = pd.concat([current.loc[kept], incoming], ignore_index=True)
    merged = merged.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)
    summary = MergeSummary(int((~known).sum()), int(known.sum()) - unchanged, unchanged, len(merged))
    return merged[COLUMNS], summary


def _ids(events: pd.DataFrame) -> pa.Array:
    """The event_id_cnty column as one Arrow array, for Arrow's hash lookup (pandas' isin on Arrow strings makes a
    Python object of every id)."""
    ids = pa.array(events["event_id_cnty"], type=pa.large_string())
    return ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids


def write_import(result: ImportResult, out_path: str | os.PathLike) -> MergeSummary:
    """Merge the imported events into `out_path` by event id (a re-import updates, never duplicates), in one
    store transaction.

    Raises EventsFileError (nothing written) when the existing file has rows in error: rewriting it would
    silently lose them.
    """
    summaries: list[MergeSummary] = []

    def merged(current: pd.DataFrame) -> pd.DataFrame:
        events, summary = merge_events(current, result.events)
        summaries.append(summary)
        return events

    open_store(out_path).rewrite(merged)
    return summaries[0]
