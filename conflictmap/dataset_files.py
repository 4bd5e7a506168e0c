"""Events files a user opened in the dashboard: checked as `validate` checks them, then kept in a datasets folder.

A file is opened only whole and valid: it is read and checked as `python -m conflictmap validate` does
(`store.load_events`), from a copy outside the folder, and refused with every error by line when any row has one,
so that nothing is left out unseen and nothing is written. A valid file is written into the folder atomically
(`csvio.write_atomic`), under the folder's lock, and every page lists it from then on; its parse is kept as the
file's Parquet entry (`store.cache.remember`), so that showing it does not parse it a second time. The check of
coordinates against their region, which only warns, is left to the pages, which run it on every dataset they show.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .csvio import EventsFileError, StoreIOError, lock_for, write_atomic
from .progress import Progress
from .schema import RowProblem
from .store import load_events
from .store.cache import remember
from .store.readonly import require_writable
from .wording import counted

ROOT = Path(__file__).resolve().parent.parent
MAX_OPEN_MB = 200  # the sidebar's "Open a CSV" takes files up to this many megabytes (Streamlit holds them in memory)
_UNSAFE = re.compile(r"[^\w.\- ()]+")


def datasets_dir() -> Path:
    """The folder of opened files: CONFLICTMAP_DATASETS when set, else `datasets/` in the checkout (git-ignored)."""
    configured = os.environ.get("CONFLICTMAP_DATASETS")
    return Path(configured) if configured else ROOT / "datasets"


def opened_files(folder: Path | None = None) -> list[Path]:
    """The events files opened so far (`*.csv` in the folder), in name order; [] when there is no folder yet."""
    folder = datasets_dir() if folder is None else folder
    try:
        return sorted(p for p in folder.glob("*.csv") if p.is_file() and not p.name.startswith("."))
    except OSError:
        return []


class RefusedFile(Exception):
    """A file that was not opened: why (one sentence), and its rows' errors by line when it was read."""

    def __init__(self, reason: str, problems: list[RowProblem] | None = None):
        super().__init__(reason)
        self.problems = list(problems or [])


@dataclass(frozen=True)
class OpenedFile:
    """A file written into the datasets folder: where, how many events it holds, and its warnings by line (values
    mended by a rule, such as a link that is not http(s) dropped), as `validate` prints them."""

    path: Path
    events: int
    warnings: list[RowProblem] = field(default_factory=list)


def file_name(name: str) -> str:
    """The name a file is kept under: the uploaded name's last part, other characters than letters, digits,
    spaces and `.-()_` made `_`, ending in `.csv`."""
    stem = _UNSAFE.sub("_", Path(name).name).strip(" .") or "events"
    return stem if stem.lower().endswith(".csv") else f"{stem}.csv"


def open_file(name: str, data: bytes, folder: Path | None = None, progress: Progress | None = None) -> OpenedFile:
    """Check the bytes of an events file called `name` and keep them in the datasets folder.

    `progress` hears of the check's steps as `store.load_events` reports them, then "saving a parsed copy" (the
    parse kept as the kept file's cache entry, so that showing it reads that back). Returns the file kept: a new name in
    the folder ("name (2).csv" when another file has the name), or the file already there when it holds the same
    bytes. Raises RefusedFile when the file is no events file, holds no event, or a row has an error (its
    `problems` are those errors by line), and StoreIOError when the folder may not or cannot be written (read-only
    mode, permissions, a full disk); in every case nothing is written.
    """
    folder = datasets_dir() if folder is None else folder
    require_writable(folder)
    kept = file_name(name)
    with tempfile.TemporaryDirectory(prefix="conflictmap-open-") as scratch:
        copy = Path(scratch) / kept
        try:
            copy.write_bytes(data)
        except OSError as exc:
            raise StoreIOError(copy, "write", exc) from None
        try:
            result = load_events(copy, progress=progress)
        except EventsFileError as exc:
            raise RefusedFile(f"{name} is not an events file: {str(exc).replace(str(copy), name)}") from None
    if result.errors:
        rows = len(result.rejected_lines)
        raise RefusedFile(f"{name} was not opened: {counted(rows, 'row')} of {result.rows_read:,} "
                          f"{'has an error' if rows == 1 else 'have errors'}. Nothing was saved; mend the file "
                          f"and open it again (`python -m conflictmap validate FILE` lists the same).",
                          result.errors)
    if result.events.empty:
        raise RefusedFile(f"{name} was not opened: it holds no event.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreIOError(folder, "write", exc) from None
    with lock_for(folder / ".datasets"):
        target = _free_name(folder, kept, data)
        if not target.exists():
            write_atomic(target, data, backup=False)
    if progress is not None:
        progress("saving a parsed copy", 0, len(result.events))
    try:
        remember(result, target)
    except OSError:  # the file is kept; the page will parse it
        pass
    return OpenedFile(target, len(result.events), result.warnings)


def _free_name(folder: Path, name: str, data: bytes) -> Path:
    """`name` in the folder, or "stem (2).csv", "stem (3).csv"...: the first that is free or holds `data`."""
    stem = name[:-4]
    for n in range(1, 10_000):
        target = folder / (name if n == 1 else f"{stem} ({n}).csv")
        if not target.exists() or (target.stat().st_size == len(data) and target.read_bytes() == data):
            return target
    raise RefusedFile(f"{name} was not opened: the datasets folder {folder} holds too many files of that name.")
