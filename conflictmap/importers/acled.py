"""ACLED exports (CSV, current and older layouts, or the API's JSON) to the project's schema.

The project's schema uses ACLED's own column names, so columns map one to one; ACLED's ids are kept, so that a
re-import of a newer export updates events instead of duplicating them (a file without event_id_cnty uses data_id
or event_id_no_cnty, and says so). Columns the schema does not hold (iso, inter1, admin3, tags, timestamp...) are
left out; extra columns are tolerated. Files saved by a spreadsheet in a locale with decimal commas (";" between
fields, "46,6354") are read as such.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..progress import Progress
from ..schema import ACLED_COLUMNS, CHECKED_EXTRAS, COLUMNS
from ..store import EventsFileError
from .dates import DAY_FIRST, read_dates
from .reading import RawTable, read_decimal_commas, read_table
from .result import ImportResult, finish_import

REQUIRED_COLUMNS = ["event_id_cnty", "event_date", "event_type"]
# Older API pulls and the column subsets many projects keep have no event_id_cnty; these identify an event too.
ID_FALLBACKS = ["data_id", "event_id_no_cnty"]
DECIMAL_COLUMNS = ["latitude", "longitude"]


def _event_ids(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """The frame with an event_id_cnty column: ACLED's own, or else the first of ID_FALLBACKS (said in `notes`)."""
    if "event_id_cnty" in frame.columns:
        return frame
    fallback = next((c for c in ID_FALLBACKS if c in frame.columns), None)
    if fallback is None:
        return frame
    notes.append(f"no event_id_cnty column: ACLED's {fallback} is used as the event id (a later export that "
                 f"has event_id_cnty will not match these ids)")
    return frame.assign(event_id_cnty=frame[fallback])


def convert_acled(table: RawTable, file_name: str, progress: Progress | None = None) -> ImportResult:
    """ACLED rows (text cells) to schema events; dates in ACLED's three written forms are read; the checks are
    reported to `progress`.

    Raises EventsFileError when a required column is missing (event_date, event_type, and an id: event_id_cnty,
    or data_id / event_id_no_cnty instead).
    """
    about = dict(source=file_name, encoding=table.encoding)
    if table.frame.empty and not len(table.frame.columns):
        return finish_import(pd.DataFrame(columns=COLUMNS), [], np.zeros(0, dtype=bool), [], table.records,
                             table.problems, notes=table.notes, **about)
    read_decimal_commas(table, DECIMAL_COLUMNS)
    notes = list(table.notes)
    frame = _event_ids(table.frame, notes)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        also = f" (nor {' or '.join(ID_FALLBACKS)})" if "event_id_cnty" in missing else ""
        raise EventsFileError(f"missing column(s): {', '.join(missing)}{also} (is this an ACLED export?)")
    raw = pd.DataFrame({c: frame[c] if c in frame.columns else "" for c in COLUMNS}, index=frame.index)
    for column in CHECKED_EXTRAS:  # checked against the date (ACLED's `year`), not kept
        if column in frame.columns:
            raw[column] = frame[column]
    dates = read_dates(frame, ["event_date"], table.lines, convention=DAY_FIRST,
                       convention_name="ACLED's day/month order")
    raw["event_date"] = dates.iso["event_date"]
    raw["origin"] = f"ACLED export {file_name}"
    unused = [c for c in table.frame.columns if c not in ACLED_COLUMNS and c not in CHECKED_EXTRAS]
    notes += dates.notes
    if unused:
        notes.append(f"columns not kept (the schema has no place for them): {', '.join(unused)}")
    return finish_import(raw, table.lines, dates.bad, dates.problems, table.records, table.problems,
                         notes=notes, progress=progress, **about)


def import_acled(path: str | os.PathLike, progress: Progress | None = None) -> ImportResult:
    """Read an ACLED CSV export or API JSON file, reporting the rows read and checked to `progress`. Raises
    EventsFileError only if the file as a whole is unusable."""
    return convert_acled(read_table(path, progress), Path(path).name, progress)
