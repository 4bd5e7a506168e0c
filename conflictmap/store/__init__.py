"""The events store: where events are loaded from and saved to.

`open_store(location)` gives the store for a location; today every location is a CSV file (`CsvEventStore`,
the embedded default), and the interface (`EventStore`: load, append, update, apply a save plan in one
transaction, rewrite) is what a database backend implements next. Reading CSV and decoding text live in
`conflictmap.csvio`; the Parquet cache of parsed files in `store.cache`.
"""
from __future__ import annotations

import os

from ..csvio import EventsFileError, StoreIOError
from .readonly import Access, access, serve_on
from .base import Changes, EventStore, SaveResult
from .cache import dataset_identity, default_cache_dir, file_identity, load_events_cached
from .csv_format import LoadResult, events_to_csv, load_events, parse_events_text
from .csv_store import CsvEventStore, save_events

__all__ = [
    "Access", "access", "Changes", "CsvEventStore", "dataset_identity", "default_cache_dir", "events_to_csv",
    "EventsFileError", "EventStore", "file_identity", "load_events", "load_events_cached", "LoadResult", "open_store",
    "parse_events_text", "save_events", "SaveResult", "serve_on", "StoreIOError",
]


def open_store(location: str | os.PathLike) -> EventStore:
    """The events store at `location` (a path of a CSV file; it need not exist yet: a save creates it)."""
    return CsvEventStore(location)
