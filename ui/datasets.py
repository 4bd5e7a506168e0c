"""Which events file a page shows, loaded once per file version and shared by every page and session."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from conflictmap.filters import Facets, facets
from conflictmap.geocoding.plausibility import misplaced_events
from conflictmap.mapdata import PublishedDataset, publish
from conflictmap.mapview import data_bounds
from conflictmap.progress import Progress
from conflictmap.schema import RULES_VERSION
from conflictmap.store import EventsFileError, LoadResult, file_identity, load_events_cached

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DatasetChoice:
    key: str
    label: str
    path: Path
    attribution: str = ""


def choices() -> list[DatasetChoice]:
    """The bundled datasets that exist; CONFLICTMAP_EVENTS, when set, replaces the default events.csv."""
    events = os.environ.get("CONFLICTMAP_EVENTS")
    options = [DatasetChoice("events", "Events (events.csv)" if not events else f"Events ({events})",
                             Path(events) if events else ROOT / "events.csv")]
    ucdp = ROOT / "data" / "ucdp_ukraine.csv"
    if ucdp.is_file():
        options.append(DatasetChoice(
            "ucdp", "UCDP GED Ukraine 2014-2023", ucdp,
            "UCDP Georeferenced Event Dataset (CC BY 4.0); Sundberg & Melander 2013, Journal of Peace Research "
            "50(4); Davies, Pettersson & Öberg 2023, Journal of Peace Research 60(4).",
        ))
    return options


@dataclass
class LoadedDataset:
    """A parsed dataset with what every rerun would otherwise recompute over all its rows."""

    result: LoadResult
    identity: str
    facets: Facets
    map_bounds: list | None

    @property
    def event_types(self) -> tuple[str, ...]:
        return self.facets.event_types

    @property
    def date_range(self) -> tuple | None:
        return self.facets.date_range


class _Slot:
    """Where one version of a file's parsed dataset is kept, filled once by whichever session asks first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value: LoadedDataset | None = None


@st.cache_resource(max_entries=4, show_spinner=False)
def _slot(path: str, identity: str) -> _Slot:
    return _Slot()


def _parse(path: str, identity: str, progress: Progress) -> LoadedDataset:
    result = load_events_cached(path, progress=progress, background=True)
    events = result.events
    progress("summarising", 0, len(events))
    return LoadedDataset(
        result=result,
        identity=identity,
        facets=facets(events),
        map_bounds=data_bounds(events),
    )


def load(choice: DatasetChoice) -> LoadedDataset:
    """Parsed once per version of the file (its size and modification time are part of the cache key), shared by
    every session; a file not parsed yet shows a progress bar naming the step while it is.

    The frame is shared between reruns and sessions: callers must not modify it.
    """
    try:
        # The rules decide which rows are events, so a change of rules is a new version of the dataset too.
        identity = f"{file_identity(choice.path)}|rules {RULES_VERSION}"
    except OSError as exc:
        raise EventsFileError(f"cannot read {choice.path}: {exc.strerror or exc}") from None
    slot = _slot(str(choice.path), identity)
    # Drawn by this script, not inside a cached function (whose elements Streamlit replays on every hit); there on
    # every run, so that the elements after it keep their places (the map is not mounted again).
    bar = st.empty()
    if slot.value is None:
        try:
            with slot.lock:  # another session parsing the same file: wait for it
                if slot.value is None:
                    slot.value = _parse(str(choice.path), identity, _progress_bar(bar))
        finally:
            bar.empty()
    return slot.value


STEPS = ["reading the file", "reading rows", "checking rows", "summarising"]


def _progress_bar(placeholder) -> Progress:
    """A Progress callback showing the step and its count in `placeholder` (st.progress)."""
    def show(stage: str, done: int, total: int) -> None:
        step = STEPS.index(stage) if stage in STEPS else 0
        within = min(done / total, 1.0) if total else 0.0
        text = f"Loading events: {stage}" + (f" ({done:,} of {total:,})" if done else "") + "..."
        placeholder.progress((step + within) / len(STEPS), text=text)
    return show


@st.cache_resource(max_entries=4, show_spinner=False)
def _misplaced(identity: str, _events):
    return misplaced_events(_events)


def misplaced(loaded: LoadedDataset):
    """Events whose coordinates contradict their own region (geocoding.plausibility), once per file version."""
    return _misplaced(loaded.identity, loaded.result.events)


def published(loaded: LoadedDataset) -> PublishedDataset:
    """The browser files of the dataset, written again if something removed them since the last rerun."""
    return publish(loaded.result.events, loaded.identity)
