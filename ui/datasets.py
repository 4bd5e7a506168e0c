"""Which events file a page shows, loaded once per file version and shared by every page and session."""
from __future__ import annotations

import datetime as dt
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from conflictmap.dataset_files import opened_files
from conflictmap.filters import EventFilter, Facets, facets, filter_columns
from conflictmap.geocoding.errors import GeodataError
from conflictmap.geocoding.plausibility import check_version, misplaced_events
from conflictmap.mapdata import DETAIL_COLUMNS, PublishedDataset, publish
from conflictmap.mapview import data_bounds
from conflictmap.progress import Progress
from conflictmap.store import EventsFileError, LoadResult, dataset_identity, load_events_cached
from conflictmap.store.cache import CachedResult, derived, event_count, keep_derived

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DatasetChoice:
    key: str
    label: str
    path: Path
    attribution: str = ""


def choices() -> list[DatasetChoice]:
    """The bundled datasets that exist, then the files opened from the sidebar (conflictmap.dataset_files), each
    named by its file name; CONFLICTMAP_EVENTS, when set, replaces the default events.csv."""
    events = Path(os.environ.get("CONFLICTMAP_EVENTS") or ROOT / "events.csv")
    options = [DatasetChoice("events", f"Events ({events.name})", events)]
    ucdp = ROOT / "data" / "ucdp_ukraine.csv"
    if ucdp.is_file():
        options.append(DatasetChoice(
            "ucdp", "UCDP GED Ukraine 2014-2023", ucdp,
            "UCDP Georeferenced Event Dataset (CC BY 4.0); Sundberg & Melander 2013, Journal of Peace Research "
            "50(4); Davies, Pettersson & Öberg 2023, Journal of Peace Research 60(4).",
        ))
    options.extend(DatasetChoice(opened_key(path), path.name, path) for path in opened_files())
    return options


def opened_key(path: Path) -> str:
    """The dataset key of a file opened from the sidebar."""
    return f"file:{path.name}"


# The columns the map page's first view reads: dates and types (the filter's choices, the points), coordinates and
# geo_precision (the map's box, the points, the events not drawn), the headline figures, and the id (a linked
# event's). The other columns, the text of notes, actors and sources that is most of a dataset's bytes, are read
# from the Parquet copy when a page asks for them (store.cache.CachedResult).
FIRST_VIEW_COLUMNS = [
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude", "longitude", "geo_precision",
    "fatalities", "injuries", "event_date_end",
]
# What the coordinate check reads (geocoding.plausibility.misplaced_events: the region and the coordinates, the id
# and location it names), read for it alone when its answer was not kept.
CHECK_COLUMNS = ["event_id_cnty", "location", "admin1", "country", "latitude", "longitude"]


@dataclass
class LoadedDataset:
    """A parsed dataset with what every rerun would otherwise recompute over all its rows.

    `first_view` holds the rows' FIRST_VIEW_COLUMNS (what the map page reads); `events` every column, read when
    first asked for once a file's Parquet copy is found (a warm start), so that the map of a large file does not
    wait for, nor hold, text it does not show. On a warm start whose summary (`facets`, `map_bounds`) was kept
    beside the Parquet copy, `first_view` is read by a thread of its own (`first_view_read`) while the page sends
    the map, which needs none of it: the browser loads the map's frame and points meanwhile. `misplaced_check` is
    the coordinate check of every row (see `misplaced`), started in a worker thread as soon as the rows are read
    (or its answer kept beside the Parquet copy read back): it then runs beside the rest of the first view's work
    (summarising, publishing the map's files, the page's script) instead of after the map, beside the browser's
    work to draw it.
    """

    result: LoadResult
    identity: str
    n: int
    first_view_read: Future
    facets: Facets
    map_bounds: list | None
    misplaced_check: Future

    @property
    def first_view(self) -> pd.DataFrame:
        """FIRST_VIEW_COLUMNS of every row (waits for their read). Raises EventsFileError as CachedResult.frame."""
        return self.first_view_read.result()

    @property
    def events(self) -> pd.DataFrame:
        """Every column of every row (read from the Parquet copy when first asked for)."""
        return self.result.events

    def events_for(self, spec: EventFilter) -> pd.DataFrame:
        """A frame that selects the rows of `spec` as `events` would (filters.filter_mask): `first_view` when the
        filter reads only its columns, else `events`."""
        return self.first_view if filter_columns(spec) <= set(FIRST_VIEW_COLUMNS) else self.events

    @property
    def event_types(self) -> tuple[str, ...]:
        return self.facets.event_types

    @property
    def date_range(self) -> tuple | None:
        return self.facets.date_range


class _Slot:
    """One version of a file's parsed dataset, filled once by a thread of its own, whichever session asks first.

    The parse does not run in a page's script: Streamlit stops a script at its next element when the reader
    changes something, which would throw the work away (and, under load, again at every change).
    """

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.value: LoadedDataset | None = None
        self.error: Exception | None = None
        self.worker: threading.Thread | None = None
        self.step: tuple[str, int, int] | None = None

    def fill(self, path: str, identity: str) -> None:
        try:
            value = _parse(path, identity, self.report)
        except Exception as exc:  # handed to the page that waits, as load() would raise it
            with self.changed:
                self.error, self.worker = exc, None
                self.changed.notify_all()
        else:
            with self.changed:
                self.value, self.worker = value, None
                self.changed.notify_all()

    def report(self, stage: str, done: int, total: int) -> None:
        with self.changed:
            self.step = (stage, done, total)
            self.changed.notify_all()


_CHECKS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="coordinate check")
_READS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="first view")

# What is kept beside a dataset's Parquet copy (store.cache.keep_derived): the first view's summary (the filter's
# facets and the map's box), named with a version to change when facets() or data_bounds() change what they give;
# the coordinate check's answer, named with its own version (plausibility.check_version).
SUMMARY = "first view summary 1"
CHECK = "coordinate check {}"


@st.cache_resource(max_entries=4, show_spinner=False)
def _slot(path: str, identity: str) -> _Slot:
    return _Slot()


def _parse(path: str, identity: str, progress: Progress) -> LoadedDataset:
    result = load_events_cached(path, progress=progress, background=True)
    summary = derived(result, SUMMARY)  # only a Parquet copy found (a warm start) can have one
    if summary is not None:
        read = _READS.submit(result.frame, FIRST_VIEW_COLUMNS)
        check = _CHECKS.submit(_check, result)
        progress("summarising", 0, event_count(result))
        found, bounds = _facets_from(summary["facets"]), summary["map_bounds"]
    else:
        events = result.frame(FIRST_VIEW_COLUMNS)
        read = Future()
        read.set_result(events)
        check = _CHECKS.submit(_check, result)
        progress("summarising", 0, len(events))
        found, bounds = facets(events), data_bounds(events)
        keep_derived(result, SUMMARY, {"facets": _facets_json(found), "map_bounds": bounds})
    return LoadedDataset(result=result, identity=identity, n=event_count(result), first_view_read=read,
                         facets=found, map_bounds=bounds, misplaced_check=check)


def _facets_json(found: Facets) -> dict:
    dates = found.date_range
    return {"date_range": dates and [dates[0].isoformat(), dates[1].isoformat()],
            "event_types": list(found.event_types), "sub_event_types": sorted(found.sub_event_types)}


def _facets_from(kept: dict) -> Facets:
    dates = kept["date_range"]
    return Facets(date_range=dates and (dt.date.fromisoformat(dates[0]), dt.date.fromisoformat(dates[1])),
                  event_types=tuple(kept["event_types"]),
                  sub_event_types=frozenset((t, s) for t, s in kept["sub_event_types"]))


def _check(result: LoadResult) -> pd.DataFrame:
    """misplaced_events of every row, or the answer kept for this version of the file and of the check; the answer
    is kept for the next start."""
    try:
        name = CHECK.format(check_version())
    except (GeodataError, OSError):  # misplaced_events says nothing then: the page must still draw
        return misplaced_events(result.frame(CHECK_COLUMNS))
    kept = derived(result, name)
    if kept is not None:
        return pd.DataFrame(kept)
    found = misplaced_events(result.frame(CHECK_COLUMNS))
    keep_derived(result, name, found.to_dict(orient="list"))
    return found


def load(choice: DatasetChoice, on_wait=None) -> LoadedDataset:
    """Parsed once per version of the file (its size and modification time are part of the cache key), shared by
    every session; while a file is parsed the page shows a progress bar naming the step (from the moment it waits,
    before the parse reports one: reading a parsed copy back reports none until "summarising"), and `on_wait` (no
    arguments), when given, is called once before the page waits.

    The frame is shared between reruns and sessions: callers must not modify it. Raises EventsFileError when the
    file cannot be read or is no events file.
    """
    try:
        identity = dataset_identity(choice.path)
    except OSError as exc:
        raise EventsFileError(f"cannot read {choice.path}: {exc.strerror or exc}") from None
    slot = _slot(str(choice.path), identity)
    # There on every run, so that the elements after it keep their places (the map is not mounted again).
    bar = st.empty()
    with slot.changed:
        if slot.value is None and slot.worker is None:
            slot.error, slot.step = None, None
            slot.worker = threading.Thread(target=slot.fill, args=(str(choice.path), identity),
                                           name=f"parse {choice.path.name}", daemon=True)
            slot.worker.start()
        shown, drawn = None, False
        if on_wait is not None and slot.value is None and slot.error is None:
            with _released(slot.changed):
                on_wait()
        while slot.value is None and slot.error is None:
            if slot.step != shown or not drawn:
                shown, drawn = slot.step, True
                with _released(slot.changed):  # drawing may stop this script: never while holding the lock
                    show_step(bar, *(shown or (STEPS[0], 0, 0)))
            else:
                slot.changed.wait()
        error = slot.error
    bar.empty()
    if error is not None:
        raise error
    return slot.value


class _released:
    """Lets go of a held lock for the body of a `with` and takes it again after."""

    def __init__(self, lock) -> None:
        self.lock = lock

    def __enter__(self) -> None:
        self.lock.release()

    def __exit__(self, *exc) -> None:
        self.lock.acquire()


# In the order the parse reports them (store.load_events, store.cache, dataset_files.open_file, _parse), so that a
# bar only moves forward whichever of them a load reports; then, on the first run of the map page that shows the
# dataset, the map's files published and its first view built (ui.sidebar.filtered_view's `on_loaded`).
DRAWING = "drawing the page"
STEPS = ["reading the file", "reading rows", "checking rows", "saving a parsed copy", "summarising", DRAWING]


def show_step(placeholder, stage: str, done: int, total: int) -> None:
    """The step and its count in `placeholder` (st.progress)."""
    step = STEPS.index(stage) if stage in STEPS else 0
    within = min(done / total, 1.0) if total else 0.0
    text = f"Loading events: {stage}" + (f" ({done:,} of {total:,})" if done else "") + "..."
    placeholder.progress((step + within) / len(STEPS), text=text)


def misplaced(loaded: LoadedDataset):
    """Events whose coordinates contradict their own region (geocoding.plausibility.misplaced_events), checked
    once per file version in the background since the rows were read; waits for the check to finish."""
    return loaded.misplaced_check.result()


def published(loaded: LoadedDataset) -> PublishedDataset:
    """The browser files of the dataset, written again if something removed them since the last rerun: the points
    from `first_view` (not waited for when the files are there), the popups' texts of chunks still to be written
    from their rows only (CachedResult.rows: a restart that finds them half written reads no other row)."""
    result = loaded.result
    if isinstance(result, CachedResult):
        def rows(start: int, stop: int) -> pd.DataFrame:
            return result.rows(start, stop, DETAIL_COLUMNS)
    else:
        def rows(start: int, stop: int) -> pd.DataFrame:
            return result.events.iloc[start:stop]
    return publish(lambda: loaded.first_view, loaded.identity, rows=rows, n=loaded.n)
