"""What the browser gets: compact typed columns once per dataset, event details on demand, a filter per view.

The dataset is written once (keyed by its file's identity) under static/cache/<key>/, which Streamlit serves:
- meta.json: row count, event-type names, byte offsets, detail column names and chunk size;
- points.bin.gz: float32 latitude, float32 longitude, uint8 type code, uint8 geo_precision, int32 day number (of
  event_date), uint16 span (days from event_date to event_date_end: 0 for a one-day event), compressed once
  here: Streamlit serves a .gz file as it is (application/gzip) and the browser inflates it
  (DecompressionStream), where any other file of static/ is compressed again on every request (level 9);
- details/<k>.bin: the text of rows k*CHUNK .. (k+1)*CHUNK-1, fetched only when a marker is clicked
  (`detail_chunks` gives the layout); details/complete once every chunk is there.
meta.json and points.bin.gz are all a first view needs, so `publish` returns once they are in place and writes the
detail chunks in a thread of its own (each chunk renamed into place whole); the browser asks again for a chunk
that is not there yet (data.js, loadDetails), showing "Loading..." in the popup meanwhile.
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
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .assets import STATIC, STATIC_URL
from .csvio import EventsFileError, StoreIOError
from .filters import CRITERIA, EventFilter, drawn_as_point, event_days
from .schema import to_text_frame
from .style import TYPE_ORDER

FORMAT_VERSION = "4"
CHUNK = 1000
POINTS = "points.bin.gz"
DETAILS = "details"
DETAILS_COMPLETE = "complete"  # in details/, written after the last chunk
DETAIL_BATCH = 100 * CHUNK  # rows turned into text at a time: bounds the memory of the text copy
# rows(start, stop): rows start to stop - 1 of a dataset (a frame with DETAIL_COLUMNS, its index from 0 or not)
Rows = Callable[[int, int], pd.DataFrame]
POINTS_GZIP_LEVEL = 1  # 14 bytes a row; level 6 took 3x the time for a file about 10% smaller
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


def type_code_column(event_type: pd.Series) -> np.ndarray:
    """uint8 code of each event type (its index in style.TYPE_ORDER; 255 for a blank or unknown type), by the
    distinct values (pandas.factorize): a lookup per row (Series.map) took 0.9 of publishing's 1.3 s at 1M."""
    codes, names = pd.factorize(event_type)  # -1 for a blank, which takes the table's last entry
    table = np.array([TYPE_ORDER.index(n) if n in TYPE_ORDER else 255 for n in names] + [255], dtype=np.uint8)
    return table[codes]


def point_columns(events: pd.DataFrame) -> dict[str, np.ndarray]:
    start, end = event_days(events)
    days = start.to_numpy(dtype="datetime64[D]").astype(np.int64)
    span = end.to_numpy(dtype="datetime64[D]").astype(np.int64) - days
    point = drawn_as_point(events)  # the others have no point to draw: the page lists them
    return {
        "lat": np.where(point, events["latitude"].to_numpy(dtype=np.float32), np.float32("nan")),
        "lon": np.where(point, events["longitude"].to_numpy(dtype=np.float32), np.float32("nan")),
        "type": type_code_column(events["event_type"]),
        "precision": events["geo_precision"].fillna(0).to_numpy(dtype=np.uint8),
        "day": days.astype(np.int32),
        "span": np.clip(span, 0, MAX_SPAN).astype("<u2"),
    }


def _pad4(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def points_blob(events: pd.DataFrame) -> tuple[dict[str, int], bytes]:
    """points.bin (uncompressed) and the byte offset of each column in it."""
    columns = point_columns(events)
    offsets, parts, size = {}, [], 0
    for name in ("lat", "lon", "type", "precision", "day", "span"):
        offsets[name] = size
        parts.append(_pad4(columns[name].tobytes()))
        size += len(parts[-1])
    return offsets, b"".join(parts)


def dataset_meta(events: pd.DataFrame, offsets: dict[str, int]) -> dict:
    return {"n": len(events), "types": TYPE_ORDER, "offsets": offsets, "columns": DETAIL_COLUMNS, "chunk": CHUNK}


def _text_columns(events: pd.DataFrame) -> list[pa.LargeStringArray]:
    """The CSV text of each of DETAIL_COLUMNS (schema.to_text_frame: blank for unknown), as Arrow arrays."""
    text = to_text_frame(events)
    columns = [pc.fill_null(pa.array(text[c], type=pa.large_string()), "") for c in DETAIL_COLUMNS]
    return [a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in columns]


def detail_chunks(events: pd.DataFrame) -> Iterator[tuple[int, bytes]]:
    """(k, bytes of details/<k>.bin) for each chunk of CHUNK rows: rows k*CHUNK .. k*CHUNK + m - 1 (m = CHUNK but
    for the last chunk), c = len(DETAIL_COLUMNS) columns.

    Layout: little-endian uint32 offsets[c*m + 1], then the UTF-8 text of every cell, column by column; the cell
    of row j, column i is the bytes offsets[i*m + j] .. offsets[i*m + j + 1] after the offsets. The text is what
    schema.to_text_frame writes in a CSV (blank for unknown). Built from Arrow's string buffers, so no per-row
    Python work; DETAIL_BATCH rows are turned into text at a time.
    """
    for batch in range(0, len(events), DETAIL_BATCH):
        columns = _text_columns(events.iloc[batch:batch + DETAIL_BATCH])
        offsets = [np.frombuffer(a.buffers()[1], dtype="<i8")[a.offset:a.offset + len(a) + 1] for a in columns]
        data = [a.buffers()[2] for a in columns]
        rows = len(columns[0])
        for start in range(0, rows, CHUNK):
            stop = min(start + CHUNK, rows)
            lengths = np.concatenate([o[start + 1:stop + 1] - o[start:stop] for o in offsets])
            cells = np.zeros(len(lengths) + 1, dtype="<u4")
            np.cumsum(lengths, out=cells[1:])
            text = b"".join(memoryview(d)[o[start]:o[stop]] for d, o in zip(data, offsets) if o[stop] > o[start])
            yield (batch + start) // CHUNK, cells.tobytes() + text


def inline_dataset(events: pd.DataFrame) -> dict:
    """The events in the format `publish` writes, to carry inside a page instead of fetching it:
    {"meta": meta.json's object, "points": base64 of points.bin, "details": [rows of each detail chunk, each row
    the texts of DETAIL_COLUMNS]}."""
    offsets, blob = points_blob(events)
    text = to_text_frame(events)[DETAIL_COLUMNS].to_numpy(dtype=object).tolist()
    return {"meta": dataset_meta(events, offsets), "points": base64.b64encode(blob).decode("ascii"),
            "details": [text[start:start + CHUNK] for start in range(0, len(text), CHUNK)]}


def _write_whole(path: Path, data: bytes) -> None:
    """`data` under a temporary name beside `path`, renamed over it: a reader sees no file or the whole file. No
    fsync: these are a cache that `publish` rewrites when it is incomplete."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_details(rows: Rows, n: int, target: Path) -> None:
    """details/<k>.bin for every chunk not there yet, then details/complete. `rows(start, stop)` gives rows start
    to stop - 1 of the `n` events with DETAIL_COLUMNS; it is asked only for the batches (DETAIL_BATCH rows) with a
    chunk missing, so chunks a stopped process left unwritten cost only their own rows. Raises OSError."""
    folder = target / DETAILS
    folder.mkdir(exist_ok=True)
    there = {p.name for p in folder.iterdir()}
    for batch in range(0, n, DETAIL_BATCH):
        stop = min(batch + DETAIL_BATCH, n)
        missing = [k for k in range(batch // CHUNK, -(-stop // CHUNK)) if f"{k}.bin" not in there]
        if not missing:
            continue
        for k, data in detail_chunks(rows(batch, stop)):
            if batch // CHUNK + k in missing:
                _write_whole(folder / f"{batch // CHUNK + k}.bin", data)
    _write_whole(folder / DETAILS_COMPLETE, b"")


_WRITERS: dict[Path, threading.Thread] = {}
_WRITERS_LOCK = threading.Lock()


def _details_in_background(rows: Rows, n: int, target: Path) -> threading.Thread:
    """The thread writing `target`'s detail chunks (write_details): started unless this process already runs one
    for it."""
    def write() -> None:
        try:
            write_details(rows, n, target)
        except (OSError, EventsFileError):
            pass  # a full disk, a pruned folder, a file changed since: the popups say their details could not be loaded
        finally:
            with _WRITERS_LOCK:
                _WRITERS.pop(target, None)

    with _WRITERS_LOCK:
        thread = _WRITERS.get(target)
        if thread is None:
            thread = _WRITERS[target] = threading.Thread(target=write, name=f"details {target.name}", daemon=True)
            thread.start()
    return thread


def details_complete(published: PublishedDataset, cache_dir: Path = CACHE_DIR) -> bool:
    return (cache_dir / published.key / DETAILS / DETAILS_COMPLETE).is_file()


def wait_for_details(published: PublishedDataset, cache_dir: Path = CACHE_DIR, timeout: float | None = None) -> bool:
    """Wait for this process's writer of the dataset's detail chunks; True when they are all written."""
    with _WRITERS_LOCK:
        thread = _WRITERS.get(cache_dir / published.key)
    if thread is not None:
        thread.join(timeout)
    return details_complete(published, cache_dir)


def publish(events: pd.DataFrame | Callable[[], pd.DataFrame], identity: str, cache_dir: Path = CACHE_DIR,
            background: bool = True, rows: Rows | None = None, n: int | None = None) -> PublishedDataset:
    """Write the browser files for `events` unless they exist; a reader never sees a half-written file.

    meta.json and points.bin.gz appear together (a folder renamed into place); the detail chunks follow in a
    thread (`background`, see `wait_for_details`) or before returning. Detail chunks that a stopped process left
    unwritten are written by the next call. `events` needs the columns of the points (point_columns) when they
    are written; it may be a function giving the frame, called only then (`n` is then the number of events), so
    that a restart that finds the files need not have read the rows. The detail chunks are made from `rows(start,
    stop)` (those rows with every one of DETAIL_COLUMNS), asked only for the rows of missing chunks; default slices
    of `events`. Raises csvio.StoreIOError when the cache folder cannot be written (read-only or full disk).
    """
    frame = events if callable(events) else (lambda: events)
    n = len(frame()) if n is None else n
    rows = rows or (lambda start, stop: frame().iloc[start:stop])
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
            points = frame()
            offsets, blob = points_blob(points)
            data = staging / "data"
            (data / DETAILS).mkdir(parents=True)
            (data / POINTS).write_bytes(gzip.compress(blob, compresslevel=POINTS_GZIP_LEVEL, mtime=0))
            (data / "meta.json").write_text(json.dumps(dataset_meta(points, offsets)), encoding="utf-8")
            del points
            try:
                os.rename(data, target)
            except OSError:
                if not (target / "meta.json").is_file():
                    raise
        except OSError as exc:
            raise StoreIOError(target, "write", exc) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        prune(cache_dir, keep=key)
    if not (target / DETAILS / DETAILS_COMPLETE).is_file():
        if background:
            _details_in_background(rows, n, target)
        else:
            try:
                write_details(rows, n, target)
            except OSError as exc:
                raise StoreIOError(target, "write", exc) from None
    return PublishedDataset(key=key, url=f"{STATIC_URL}/cache/{key}", n=n)


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
