"""Shared by the review tests: typed events and the page's review table for one short report."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from conflictmap import review
from conflictmap.extraction import candidates_to_frame, extract_events
from conflictmap.schema import empty_events, validate_frame

PUBLISHED = dt.date(2024, 11, 5)
TEXT = ("Russian drones struck Kharkiv overnight, injuring 4 people, the regional governor said on Telegram. "
        "On Monday, a missile attack hit the railway station in Odesa, killing 2 people, according to the "
        "regional governor.")


def events(*rows: dict) -> pd.DataFrame:
    typed, problems = validate_frame(pd.DataFrame(list(rows)))
    assert not problems
    return typed


def proposals(existing: pd.DataFrame | None = None, **source) -> pd.DataFrame:
    frame = candidates_to_frame(extract_events(TEXT, PUBLISHED, **source))
    origin = review.origin_label(source.get("source_name", ""), source.get("source_url", ""), PUBLISHED)
    return review.review_table(frame, origin, empty_events() if existing is None else existing)

