"""The events store interface: what any backend (the CSV file today, a database next) offers the rest of the code.

A save is one transaction: `apply(changes)` adds the new events and rewrites the merged cells of saved events
all together or not at all, under one lock. The store raises exceptions that say what went wrong; it never
formats messages for a page.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Callable, Mapping

WaitReport = Callable[[float, int], None]  # (seconds waited so far, saves ahead in the queue)

import pandas as pd

from ..schema import empty_events
from .csv_format import LoadResult


@dataclass(frozen=True)
class Changes:
    """What one save does to the stored events.

    `to_add`: new events (`schema.COLUMNS`, typed as `validate_frame` returns them); an id already stored is not
    added again. `updates`: {event id: {column: new text cell}} for saved events. `expected`: {event id: {column:
    text cell as the caller last saw it}}; the whole save is refused when one of them changed meanwhile.
    """

    to_add: pd.DataFrame = field(default_factory=empty_events)
    updates: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    expected: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.to_add.empty and not any(self.updates.values())


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the ids added, the ids whose cells were rewritten, and the ids of `to_add` not added
    because the store already held them (saved by someone else meanwhile, or twice in one save)."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    already_stored: tuple[str, ...] = ()


class EventStore(ABC):
    """A place where events are kept. Implementations: `CsvEventStore` (the embedded default)."""

    location: str  # what the store is, for people: a file path, a database name

    @abstractmethod
    def exists(self) -> bool:
        """True when the store holds a dataset (a missing CSV file is an empty store that a save creates)."""

    @abstractmethod
    def load(self) -> LoadResult:
        """Every valid event, and every invalid record reported with its line and reason.

        Raises EventsFileError when the store as a whole cannot be read.
        """

    @abstractmethod
    def apply(self, changes: Changes, on_wait: WaitReport | None = None) -> SaveResult:
        """Add `changes.to_add` and rewrite `changes.updates`, all or nothing, in one transaction.

        A save waits its turn behind the saves already running, calling `on_wait` about twice a second meanwhile,
        for at most `csvio.save_wait_s()` seconds. Raises EventsFileError (nothing written) when an updated event
        is not in the store, a column is unknown, an updated event would become invalid or changed since it was
        read (`changes.expected`), or the store's current form cannot take the change; StoreIOError (a subclass)
        when the store cannot be read, written or its turn does not come, or events may not be saved here
        (read-only mode, `store.readonly`).
        """

    @abstractmethod
    def rewrite(self, transform: Callable[[pd.DataFrame], pd.DataFrame | None],
                on_wait: WaitReport | None = None) -> bool:
        """Replace every event by `transform(current events)` in one transaction; None leaves the store as it is.
        Returns True when the store was written.

        Raises EventsFileError (nothing written) when the store holds invalid records, which a rewrite would lose;
        StoreIOError as `apply` does.
        """

    def append(self, events: pd.DataFrame, on_wait: WaitReport | None = None) -> SaveResult:
        """Add events (ids already stored are skipped); see `apply`."""
        return self.apply(Changes(to_add=events), on_wait)

    def update(self, updates: Mapping[str, Mapping[str, str]], expected: Mapping[str, Mapping[str, str]] | None = None,
               on_wait: WaitReport | None = None) -> SaveResult:
        """Rewrite cells of saved events; see `apply`."""
        return self.apply(Changes(updates=updates, expected=expected or {}), on_wait)
