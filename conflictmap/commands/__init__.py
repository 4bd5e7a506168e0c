"""Command-line commands, one module each (see conflictmap.cli)."""
from __future__ import annotations

import os
import sys

from ..csvio import StoreIOError


def print_error(path: str | os.PathLike, exc: Exception) -> int:
    """Print why `path` could not be used, as one line on standard error; returns exit status 2.

    An I/O failure (`csvio.StoreIOError`) is already one sentence naming the file and what to do; any other
    error (a file that is no events file, ...) is prefixed with the file.
    """
    print(str(exc) if isinstance(exc, StoreIOError) else f"{path}: {exc}", file=sys.stderr)
    return 2
