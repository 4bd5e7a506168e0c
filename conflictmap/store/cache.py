"""Parsed events kept on disk as Parquet, one entry per version of a file, so that a restart does not parse again."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from pathlib import Path

import pandas as pd
import platformdirs
import pyarrow as pa
import pyarrow.parquet as pq

from ..csvio import EventsFileError, write_atomic
from ..progress import Progress
from ..schema import COLUMNS, RULES_VERSION, RowProblem, normalise_types
from .csv_format import LoadResult, load_events

CACHE_FORMAT = "2"
# Rows per Parquet row group: a range of rows (CachedResult.rows) is read by decoding only the groups that hold it,
# and the popup texts are written in batches of this many rows (mapdata.DETAIL_BATCH), so a batch is one group.
ROW_GROUP = 100_000


def file_identity(path: str | os.PathLike) -> str:
    """Changes whenever the file does: path, size and modification time (nanoseconds)."""
    st = Path(path).stat()
    return f"{Path(path).resolve()}|{st.st_size}|{st.st_mtime_ns}"


def dataset_identity(path: str | os.PathLike) -> str:
    """file_identity and the rules' version: the rules decide which rows are events, so a change of rules is a new
    version of the dataset too. Keys the app's parsed dataset and its browser files. Raises OSError as stat does."""
    return f"{file_identity(path)}|rules {RULES_VERSION}"


def default_cache_dir() -> Path:
    """`CONFLICTMAP_CACHE`, else `events/` in the user's cache directory (platformdirs: ~/.cache/conflictmap on
    Linux), never the source tree."""
    return Path(os.environ.get("CONFLICTMAP_CACHE") or Path(platformdirs.user_cache_dir("conflictmap")) / "events")


def load_events_cached(path: str | os.PathLike, cache_dir: Path | None = None, keep: int = 8,
                       progress: Progress | None = None, background: bool = False) -> LoadResult:
    """load_events, remembered on disk as Parquet per version of the file (about 25x faster to read back).

    The key is the file's identity, so an edited file is parsed again; a damaged or unreadable cache entry is
    ignored and rewritten, never trusted. An entry found is returned as a `CachedResult`, whose columns are read
    when they are asked for. `progress` hears of parsing's steps (see load_events), then "saving a parsed copy";
    with `background` the copy is saved by a thread of its own (returned to the caller at once; the entry counts
    once its .json is there). The result's `cache_entry` is its entry's Parquet file (found, or to be written),
    beside which `keep_derived` keeps what is derived from this version. Raises what load_events raises
    (EventsFileError, StoreIOError).
    """
    identity = file_identity(path)
    data_file, meta_file = _entry(identity, cache_dir)
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        source = pq.ParquetFile(pa.OSFile(str(data_file)))
        if source.schema_arrow.names != COLUMNS or source.metadata.num_rows != meta["valid"]:
            raise ValueError("cache entry does not match")
        return CachedResult(source, path, problems=[RowProblem(**p) for p in meta["problems"]],
                            rows_read=meta["rows_read"], encoding=meta["encoding"], identity=identity,
                            entry=data_file)
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        pass
    result = load_events(path, progress=progress)
    result.cache_entry = data_file
    if background:
        saver = threading.Thread(target=_save, args=(result, data_file, meta_file, keep),
                                 name=f"parquet {data_file.stem}", daemon=True)
        _SAVERS.add(saver)
        saver.start()
    else:
        if progress is not None:
            progress("saving a parsed copy", 0, len(result.events))
        _save(result, data_file, meta_file, keep)
    return result


class CachedResult(LoadResult):
    """The LoadResult of a Parquet entry, its events read from the entry as they are asked for: `frame(columns)`
    reads only those columns (a map's first view needs 13 of the 29, not the free text, which is most of the
    bytes: 0.6 s of CPU and 480 MB at 3,000,000 events instead of 2.8 s and 1.4 GB), `events` every column once,
    when first asked (columns already read are reused, not read again). Thread-safe.

    The entry's file is held open from the start, so a later read gets this version even if the entry is
    replaced or pruned meanwhile. Should a later read fail (a damaged entry), the file is parsed again; if it has
    changed since, `events` raises EventsFileError rather than mix two versions.
    """

    def __init__(self, source: pq.ParquetFile, path: str | os.PathLike, problems: list[RowProblem],
                 rows_read: int, encoding: str, identity: str, entry: Path) -> None:
        self.problems, self.rows_read, self.encoding = problems, rows_read, encoding
        self._source, self._path, self._identity, self.cache_entry = source, path, identity, entry
        self._columns: dict[str, pd.Series] = {}
        self._whole: pd.DataFrame | None = None
        self._lock = threading.Lock()

    @property
    def events(self) -> pd.DataFrame:
        with self._lock:
            if self._whole is None:
                self._read([c for c in COLUMNS if c not in self._columns])
                self._whole = pd.DataFrame({c: self._columns[c] for c in COLUMNS}, copy=False)
                self._columns = {}
            return self._whole

    def frame(self, columns: list[str]) -> pd.DataFrame:
        with self._lock:
            if self._whole is not None:
                return self._whole[list(columns)]
            self._read([c for c in columns if c not in self._columns])
            return pd.DataFrame({c: self._columns[c] for c in columns}, copy=False)

    def rows(self, start: int, stop: int, columns: list[str]) -> pd.DataFrame:
        """Rows `start` to `stop - 1` of `columns` (index from 0 in the range), decoding only the row groups that
        hold them (ROW_GROUP rows each in entries written since; a third of the file in older ones), never every
        row: what is not kept, so a restart that finds the popup texts half written reads only the rows of the
        texts missing instead of every column of every row (1.9 GB at 3,000,000 events)."""
        with self._lock:
            if self._whole is not None:
                return self._whole.iloc[start:stop][list(columns)].reset_index(drop=True)
            try:
                pieces, meta, at = [], self._source.metadata, 0
                for group in range(meta.num_row_groups):
                    size = meta.row_group(group).num_rows
                    if at < stop and at + size > start:
                        # batch by batch, keeping only the range's rows: a group of an older entry holds a third
                        # of the file, which whole took 1.8 GB at 3,000,000 events
                        for batch in self._source.iter_batches(ROW_GROUP, row_groups=[group], columns=columns):
                            lo, hi = max(start - at, 0), min(stop - at, batch.num_rows)
                            if hi > lo:
                                pieces.append(batch.slice(lo, hi - lo))
                            at += batch.num_rows
                            if at >= stop:
                                break
                    else:
                        at += size
                    if at >= stop:
                        break
                table = pa.Table.from_batches(pieces)
                frame = normalise_types(table.to_pandas())
                del table, pieces
                pa.default_memory_pool().release_unused()
                return frame
            except (OSError, ValueError, pa.ArrowException):
                self._whole, self._columns = self._parsed(), {}
                return self._whole.iloc[start:stop][list(columns)].reset_index(drop=True)

    def read_columns(self) -> list[str]:
        """The columns read so far, in the schema's order."""
        return list(COLUMNS) if self._whole is not None else [c for c in COLUMNS if c in self._columns]

    def _read(self, columns: list[str]) -> None:
        """Column by column, giving Arrow's pool back its freed buffers after each: all at once, the decoding
        buffers of every column add up (a peak of 1,994 MB against 1,756 MB for all 29 columns of 3,000,000
        synthetic events in one process)."""
        try:
            for column in columns:
                self._columns[column] = normalise_types(self._source.read(columns=[column]).to_pandas())[column]
                pa.default_memory_pool().release_unused()
        except (OSError, ValueError, pa.ArrowException):
            parsed = self._parsed()
            for column in columns:
                self._columns[column] = parsed[column]

    def _parsed(self) -> pd.DataFrame:
        """The file parsed again, when its entry cannot be read: the same version or an error."""
        try:
            same = file_identity(self._path) == self._identity
        except OSError:
            same = False
        events = load_events(self._path).events if same else None
        if events is None or len(events) != self._source.metadata.num_rows:
            raise EventsFileError(f"{self._path} changed while the app was reading it: reload the page")
        return events


def event_count(result: LoadResult) -> int:
    """The number of events of a result; a Parquet entry's from its metadata, without reading a column."""
    return result._source.metadata.num_rows if isinstance(result, CachedResult) else len(result.events)


def derived(result: LoadResult, name: str):
    """The value `keep_derived` kept as `name` beside the Parquet entry of `result` (a `load_events_cached`
    result), or None when there is none (or no entry, or it is unreadable, or it was kept for another count of
    events). Values derived from a version of the events (a page's summary of them, a check of every row) are kept
    so, under the entry's key, the file's version: a restart reads them instead of computing them again over every
    row, and an edited file, a new key, has none."""
    entry = getattr(result, "cache_entry", None)
    if entry is None:
        return None
    try:
        kept = json.loads(_derived(entry, name).read_text(encoding="utf-8"))
        return kept["value"] if kept["events"] == event_count(result) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def keep_derived(result: LoadResult, name: str, value) -> None:
    """Keep `value` (JSON: numbers, text, lists, dicts, None) as `name` beside the Parquet entry of `result`, the
    file written whole (csvio.write_atomic); removed with the entry. `name` says what the value is and the version
    of what computed it. A folder that cannot be written keeps nothing."""
    entry = getattr(result, "cache_entry", None)
    if entry is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_derived(entry, name), json.dumps({"events": event_count(result), "value": value}), backup=False)
    except OSError:
        pass


def _derived(entry: Path, name: str) -> Path:
    """The file of a value kept as `name` beside the Parquet `entry` (its key, then the name)."""
    return entry.with_name(f"{entry.stem}.{hashlib.sha256(name.encode()).hexdigest()[:16]}.kept.json")


def remember(result: LoadResult, path: str | os.PathLike, cache_dir: Path | None = None, keep: int = 8) -> None:
    """Keep `result`, the parse of the file at `path` as it is now (or of a copy of the same bytes), as that
    version's entry, so that the next `load_events_cached` of it reads the Parquet copy back instead of parsing the
    file again: a file checked when it is opened in the app (dataset_files.open_file) is parsed once. Written
    before returning; a folder that cannot be written leaves no entry. Raises OSError as stat does."""
    _save(result, *_entry(file_identity(path), cache_dir), keep)


def _entry(identity: str, cache_dir: Path | None) -> tuple[Path, Path]:
    """The Parquet copy and the .json of the entry of a version of a file (its `file_identity`)."""
    cache_dir = cache_dir or default_cache_dir()
    key = hashlib.sha256(f"{CACHE_FORMAT}|{RULES_VERSION}|{identity}".encode()).hexdigest()[:24]
    return cache_dir / f"{key}.parquet", cache_dir / f"{key}.json"


_SAVERS: set[threading.Thread] = set()


def wait_for_saves(timeout: float | None = None) -> None:
    """Wait for the Parquet copies this process is saving in the background (`load_events_cached`)."""
    for saver in list(_SAVERS):
        saver.join(timeout)


def _save(result: LoadResult, data_file: Path, meta_file: Path, keep: int) -> None:
    """The Parquet copy, then its .json (which makes it an entry), then the oldest entries beyond `keep` removed;
    a folder that cannot be written leaves no entry."""
    cache_dir = data_file.parent
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = data_file.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        result.events.to_parquet(tmp, index=False, row_group_size=ROW_GROUP)
        os.replace(tmp, data_file)
        write_atomic(meta_file, json.dumps({
            "valid": len(result.events), "rows_read": result.rows_read, "encoding": result.encoding,
            "problems": [dataclasses.asdict(p) for p in result.problems],
        }), backup=False)
        entries = sorted(cache_dir.glob("*.parquet"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)
            for kept in cache_dir.glob(f"{old.stem}.*.kept.json"):
                kept.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        _SAVERS.discard(threading.current_thread())
