"""The review table the Add page edits: built from the extractor's candidates, read back as the schema's text cells."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import COLUMNS, DISORDER_BY_EVENT_TYPE, INTEGER_COLUMNS, to_text_frame
from .duplicates import describe_duplicates, duplicate_positions

KEEP = "keep"
DECISION = "decision"  # for a row that may repeat a saved event: SKIP, SAVE_NEW or MERGE_INTO + the saved id
SKIP = "skip"
SAVE_NEW = "save as new"
MERGE_INTO = "merge into "
DUPLICATE_OF = "duplicate_of"
LOCATED_AS = "located_as"  # the location the row's coordinates were looked up for; a different one is re-placed
EVIDENCE = ["evidence", "confidence"]
TABLE_COLUMNS = [KEEP, DUPLICATE_OF, DECISION] + COLUMNS + EVIDENCE + [LOCATED_AS]


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


def decisions(table: pd.DataFrame) -> pd.Series:
    """Each row's decision as text ("" when none: the row was not flagged as a possible repeat)."""
    if DECISION not in table:
        return pd.Series("", index=table.index, dtype=object)
    return table[DECISION].map(lambda c: c if isinstance(c, str) else "")


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
