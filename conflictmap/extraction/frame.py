"""Candidates as a table: the schema's columns plus `evidence` and `confidence`, ready for review or saving."""
from __future__ import annotations

import pandas as pd

from ..schema import COLUMNS, validate_frame
from .candidate import CandidateEvent

EXTRA = ["evidence", "confidence"]


def candidates_to_rows(candidates: list[CandidateEvent]) -> list[dict]:
    """One dict per candidate: the schema's columns plus `evidence` and `confidence` (see CandidateEvent.to_row)."""
    return [c.to_row() for c in candidates]


def candidates_to_frame(candidates: list[CandidateEvent]) -> pd.DataFrame:
    """Typed like a loaded events file (the schema's own validation does the typing), plus the two extras.

    Raises ValueError when a candidate breaks the schema (an extractor defect, never the text's fault)."""
    rows = candidates_to_rows(candidates)
    raw = pd.DataFrame(rows, columns=COLUMNS + EXTRA)
    text = raw[COLUMNS].astype(object).where(raw[COLUMNS].notna(), "").astype(str)
    typed, problems = validate_frame(text)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValueError(f"the extractor produced an invalid candidate: {errors[0]}")
    typed["evidence"] = raw["evidence"].astype(str).to_numpy()
    typed["confidence"] = raw["confidence"].astype(float).to_numpy()
    return typed
