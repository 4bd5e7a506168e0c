"""What the browser gets: compact typed columns once per dataset, event details on demand, a filter per view.

The dataset is written once (keyed by its file's identity) under static/cache/<key>/, which Streamlit serves:
- meta.json: row count, event-type names, byte offsets, detail column names and chunk size;
- points.bin.gz: float32 latitude, float32 longitude, uint8 type code, uint8 geo_precision, int32 day number (of
  event_date), uint16 span (days from event_date to event_date_end: 0 for a one-day event), compressed once
  here: Streamlit serves a .gz file as it is (application/gzip) and the browser inflates it
  (DecompressionStream), where any other file of static/ is compressed again on every request (level 9);
- details/<k>.json: the text of rows k*CHUNK .. (k+1)*CHUNK-1, fetched only when a marker is clicked.
A filter change then sends only the filter's description (`browser_filter`): the browser evaluates dates (an event
is in a date range when any day of its span is), types and precision on the points' columns itself, and gets a
bit mask (n/8 bytes) only for what it cannot evaluate (`needs_mask`: text search, near a place, sub-event types).
The events are never sent again.
"""
from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .assets import STATIC, STATIC_URL
from .csvio import StoreIOError
from .filters import CRITERIA, EventFilter, drawn_as_point, event_days
from .schema import to_text_frame
from .style import TYPE_ORDER

FORMAT_VERSION = "3"
CHUNK = 1000
POINTS = "points.bin.gz"
CACHE_DIR = STATIC / "cache"
KEEP_DATASETS = 6
PRUNE_AFTER_S = 24 * 3600
DETAIL_COLUMNS = [
    "event_id_cnty", "event_date", "event_date_end", "time_precision", "event_type", "sub_event_type",
    "location", "admin2", "admin1", "country", "geo_precision", "latitude", "longitude", "notes",
    "fatalities", "fatalities_low", "fatalities_high", "injuries", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "source", "source_url", "claimed_by", "origin",
]


@dataclass(frozen=True)
class PublishedDataset:
    key: str
    url: str
    n: int


def dataset_key(identity: str) -> str:
    return hashlib.sha256(f"{FORMAT_VERSION}|{identity}".encode()).hexdigest()[:20]


MAX_SPAN = 2 ** 16 - 1  # days (179 years): validated dates (1900 to today) never come near it


def point_columns(events: pd.DataFrame) -> dict[str, np.ndarray]:
    type_codes = {name: i for i, name in enumerate(TYPE_ORDER)}
    start, end = event_days(events)
    days = start.to_numpy(dtype="datetime64[D]").astype(np.int64)
    span = end.to_numpy(dtype="datetime64[D]").astype(np.int64) - days
    point = drawn_as_point(events)  # the others have no point to draw: the page lists them
    return {
        "lat": np.where(point, events["latitude"].to_numpy(dtype=np.float32), np.float32("nan")),
        "lon": np.where(point, events["longitude"].to_numpy(dtype=np.float32), np.float32("nan")),
        "type": events["event_type"].map(type_codes).fillna(255).to_numpy(dtype=np.uint8),
        "precision": events["geo_precision"].fillna(0).to_numpy(dtype=np.uint8),
        "day": days.astype(np.int32),
        "span": np.clip(span, 0, MAX_SPAN).astype("<u2"),
    }


def _pad4(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def encode_dataset(events: pd.DataFrame) -> tuple[dict, bytes, list[str]]:
    """The browser's view of a dataset in memory: meta, the points blob, and the JSON text of each detail chunk."""
    columns = point_columns(events)
    offsets, blob = {}, b""
    for name in ("lat", "lon", "type", "precision", "day", "span"):
        offsets[name] = len(blob)
        blob += _pad4(columns[name].tobytes())
    text = to_text_frame(events)[DETAIL_COLUMNS]
    chunks = [text.iloc[start:start + CHUNK].to_json(orient="values", force_ascii=False)
              for start in range(0, len(text), CHUNK)]
    meta = {"n": len(events), "types": TYPE_ORDER, "offsets": offsets, "columns": DETAIL_COLUMNS, "chunk": CHUNK}
    return meta, blob, chunks


def inline_dataset(events: pd.DataFrame) -> dict:
    """The events in the very format `publish` writes, to carry inside a page instead of fetching it:
    {"meta": meta.json's object, "points": base64 of points.bin, "details": [rows of each detail chunk]}."""
    meta, blob, chunks = encode_dataset(events)
    return {"meta": meta, "points": base64.b64encode(blob).decode("ascii"),
            "details": [json.loads(chunk) for chunk in chunks]}


def write_dataset(events: pd.DataFrame, target: Path) -> None:
    meta, blob, chunks = encode_dataset(events)
    (target / "details").mkdir(parents=True)
    for k, chunk in enumerate(chunks):
        (target / "details" / f"{k}.json").write_text(chunk, encoding="utf-8")
    (target / POINTS).write_bytes(gzip.compress(blob, compresslevel=6, mtime=0))
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def publish(events: pd.DataFrame, identity: str, cache_dir: Path = CACHE_DIR) -> PublishedDataset:
    """Write the browser files for `events` unless they exist; a reader never sees a half-written directory.

    Raises csvio.StoreIOError when the cache folder cannot be written (read-only or full disk).
    """
    key = dataset_key(identity)
    target = cache_dir / key
    if (target / "meta.json").is_file():
        os.utime(target)
    else:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=cache_dir))
        except OSError as exc:
            raise StoreIOError(cache_dir, "write", exc) from None
        try:
            write_dataset(events, staging / "data")
            try:
                os.rename(staging / "data", target)
            except OSError:
                if not (target / "meta.json").is_file():
                    raise
        except OSError as exc:
            raise StoreIOError(target, "write", exc) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        prune(cache_dir, keep=key)
    return PublishedDataset(key=key, url=f"{STATIC_URL}/cache/{key}", n=len(events))


def prune(cache_dir: Path, keep: str, limit: int = KEEP_DATASETS, older_than_s: float = PRUNE_AFTER_S) -> None:
    """Remove published datasets beyond the newest `limit` that nobody has used for a day.

    A running dashboard touches its dataset on every rerun, so another process never removes it.
    """
    dirs = sorted((d for d in cache_dir.iterdir() if d.is_dir() and not d.name.startswith(".")),
                  key=lambda d: d.stat().st_mtime, reverse=True)
    cutoff = time.time() - older_than_s
    for old in dirs[limit:]:
        if old.name != keep and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)


# The criteria of filters.CRITERIA that the browser evaluates on points.bin's columns (static/conflictmap/query.js,
# DatasetIndex.select); any other criterion that applies makes the server send its mask as well.
BROWSER_CRITERIA = frozenset({"dates", "types", "precise"})
EPOCH = dt.date(1970, 1, 1)
DAY_MIN, DAY_MAX = -(2 ** 31), 2 ** 31 - 1  # an open end of a date range, as an int32 day number


def day_number(day: dt.date) -> int:
    """points.bin's day number of `day`: days since 1970-01-01 (negative before)."""
    return (day - EPOCH).days


def browser_filter(spec: EventFilter) -> dict:
    """The part of `spec` the browser evaluates on points.bin: {"days": [first, last] or None, "types": [codes] or
    None, "precise": bool}. Days are day numbers (days since 1970-01-01, both ends included, an open end as the
    int32 extreme); types are codes of style.TYPE_ORDER (points.bin's type column); None selects every row."""
    days = None
    if spec.date_from is not None or spec.date_to is not None:
        days = [day_number(spec.date_from) if spec.date_from is not None else DAY_MIN,
                day_number(spec.date_to) if spec.date_to is not None else DAY_MAX]
    types = None
    if spec.event_types is not None:
        types = [TYPE_ORDER.index(t) for t in spec.event_types if t in TYPE_ORDER]
    return {"days": days, "types": types, "precise": bool(spec.precise_only)}


def needs_mask(spec: EventFilter) -> bool:
    """Whether `spec` asks for something the browser cannot evaluate itself (see BROWSER_CRITERIA), so that the
    layer must carry the filter's bit mask too."""
    if spec.event_types is not None and any(t not in TYPE_ORDER for t in spec.event_types):
        return True
    return any(c.applies(spec) for c in CRITERIA if c.name not in BROWSER_CRITERIA)


def encode_mask(mask: np.ndarray) -> str | None:
    """Base64 of the mask's bits (bit i of byte i//8, least significant first); None when every event is in."""
    if mask.all():
        return None
    return base64.b64encode(np.packbits(mask, bitorder="little").tobytes()).decode("ascii")


def decode_mask(encoded: str | None, n: int) -> np.ndarray:
    if encoded is None:
        return np.ones(n, dtype=bool)
    bits = np.unpackbits(np.frombuffer(base64.b64decode(encoded), dtype=np.uint8), bitorder="little")
    return bits[:n].astype(bool)
