"""What saving the reviewed table does: edited locations placed again, rows validated, repeats held back, merges
planned; and, once the store has applied it, the report the page shows."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from ..schema import RowProblem, validate_frame
from ..store import Changes, SaveResult
from ..wording import agreeing, counted, plural_of
from .duplicates import describe_duplicates, duplicate_positions
from .merge import Merge, plan_merges
from .table import (DUPLICATE_OF, KEEP, LOCATED_AS, MERGE_INTO, SAVE_NEW, SKIP, admin1_in_dataset_form, decisions,
                    in_dataset_form, table_to_text)

PLACE_COLUMNS = ["country", "admin1", "admin2", "latitude", "longitude", "geo_precision"]


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


def _place(row: pd.Series, number: int, lookup: Callable,
           admin1_form: Callable[[str], str] | None) -> tuple[pd.Series, Placement]:
    query = "" if pd.isna(row["location"]) else str(row["location"]).strip()
    row = row.copy()
    row["location"] = query
    row[LOCATED_AS] = query
    result = lookup(query) if query else None
    if result is not None and result.found:
        admin1 = admin1_in_dataset_form(result.admin1, admin1_form)
        row["location"], row["country"], row["admin1"], row["admin2"] = (
            result.name, result.country_name, admin1, "")
        row["latitude"], row["longitude"], row["geo_precision"] = result.lat, result.lon, result.geo_precision or 1
        row[LOCATED_AS] = result.name
        return row, Placement(number, query, True, result.name, admin1, result.country_name,
                              result.lat, result.lon)
    for col in PLACE_COLUMNS:
        row[col] = np.nan if col in ("latitude", "longitude") else pd.NA if col == "geo_precision" else ""
    options = result.candidates[:5] if result is not None else []
    candidates = tuple(", ".join(str(c[k]) for k in ("name", "admin1") if c.get(k)) for c in options)
    return row, Placement(number, query, False, reason=result.reason if result else "", candidates=candidates)


def replace_edited_locations(table: pd.DataFrame, lookup: Callable, admin1_form: Callable[[str], str] | None = None
                             ) -> tuple[pd.DataFrame, list[Placement]]:
    """Coordinates are never typed: a row whose location differs from the one it was placed for is looked up
    again with `lookup` (the project geocoder's `lookup(query) -> PlaceResult`); `admin1_form` (the geocoder's
    `dataset_admin1`) names its region, in the row and in the placement's sentence, as the dataset does."""
    out = table.copy()
    placements = []
    edited = out["location"].fillna("").astype(str).str.strip() != out[LOCATED_AS].fillna("").astype(str).str.strip()
    for position in np.flatnonzero(edited.to_numpy()):
        placed, placement = _place(out.iloc[position], position + 1, lookup, admin1_form)
        out.iloc[position] = placed[out.columns]
        placements.append(placement)
    return out, placements


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
        """The cells to rewrite: {saved event id: {column: text cell}}."""
        return {m.target: m.after for m in self.merges if m.after}

    @property
    def expected(self) -> dict[str, dict[str, str]]:
        """The cells as they were when the merges were planned (the store refuses the save if they changed)."""
        return {m.target: m.before for m in self.merges if m.after}

    @property
    def changes(self) -> Changes:
        """The plan as the store applies it, in one transaction (`EventStore.apply`)."""
        return Changes(to_add=self.to_add, updates=self.updates, expected=self.expected)


def plan_save(table: pd.DataFrame, existing: pd.DataFrame, lookup: Callable,
              admin1_form: Callable[[str], str] | None = None) -> SavePlan:
    """Decide what saving the reviewed `table` does to a file whose valid events are `existing`.

    `admin1_form(name) -> name` (the geocoder's `dataset_admin1`) writes each row's admin1 as the dataset's rows
    name it: the geocoder says GeoNames' "Kharkiv" where the bundled rows and UCDP say "Kharkiv Oblast", and a
    saved event would not group or filter with them.
    Rows not kept are dropped; edited locations are placed again; kept rows are validated with the schema
    (problems name the table row); a row that looks like a saved event is held back unless its decision is
    "save as new" or "merge into <id>"; a row whose id is already in the file is not saved again.
    """
    table, placements = replace_edited_locations(table.reset_index(drop=True), lookup, admin1_form)
    table["admin1"] = in_dataset_form(table["admin1"], admin1_form)
    kept = table[KEEP].fillna(False).astype(bool).to_numpy()
    numbers = np.flatnonzero(kept) + 1
    rows = table[kept]
    typed, problems = validate_frame(table_to_text(rows), lines=numbers)
    merges, merge_problems = ([], []) if problems else plan_merges(table, existing)
    if problems or merge_problems:
        return SavePlan(to_add=typed.iloc[0:0], problems=problems + merge_problems, placements=placements,
                        table_after=table)
    matches = duplicate_positions(typed, existing)
    choices = decisions(rows).to_numpy()
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


@dataclass(frozen=True)
class SaveReport:
    """What the page shows after a save attempt: `kind` is "success", "warning" or "error" (the Streamlit
    element), `headline` one sentence, `details` one line each (placements, merges, rows held back);
    `saved` says whether anything was written."""

    kind: str
    headline: str
    details: tuple[str, ...] = ()
    saved: bool = False


def report_save(plan: SavePlan, result: SaveResult | None = None, failure: str = "") -> SaveReport:
    """The report of a save: refused for the plan's problems, failed with the store's `failure` sentence (nothing
    written), or done with the store's `result`."""
    placed = tuple(str(p) for p in plan.placements)
    if plan.problems:
        return SaveReport("error", "Nothing was saved: fix these rows (or untick keep) and save again.",
                          placed + tuple(f"row {p.line} [{p.column}]: {p.reason}" for p in plan.problems))
    if result is None:
        return SaveReport("error", f"Nothing was saved: {failure}",
                          placed + ("Every row is still in the table below: save again to try once more.",))
    lines = list(placed) + [f"merged {plural_of(len(m.rows), 'row')} {', '.join(map(str, m.rows))} into {m.target}"
                            for m in plan.merges]
    lines += [f"held back, row {row} ({event_id}) may repeat {matches}" for row, event_id, matches in plan.held]
    lines += [f"not saved again, row {row}: {event_id} is already in the file" for row, event_id in plan.already_saved]
    if result.already_stored:
        stored = len(result.already_stored)
        lines.append(f"{counted(stored, 'row')} {agreeing(stored, 'was')} saved by someone else meanwhile")
    added, merged = len(result.added), len(result.updated)
    headline = (f"Added {counted(added, 'event')}, merged into {counted(merged, 'saved event')}. Skipped: "
                f"{counted(len(plan.held), 'possible duplicate')}, {len(plan.already_saved)} already saved, "
                f"{plan.dropped} unticked or skipped.")
    return SaveReport("success" if added or merged else "warning", headline, tuple(lines), bool(added or merged))

