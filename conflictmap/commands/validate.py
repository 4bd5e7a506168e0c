"""`validate FILE`: the same report of bad rows that the dashboard shows."""
from __future__ import annotations

import sys

from . import print_error
from ..store import EventsFileError, LoadResult, load_events


def register(subparsers) -> None:
    p = subparsers.add_parser("validate", help="check an events CSV; exit 1 if any row has an error")
    p.add_argument("file")
    p.set_defaults(func=run)


def load_reporting(path: str, stream=None, check_coordinates: bool = False) -> LoadResult | None:
    """Load an events file for a command, printing every problem by line to `stream` (default: the standard
    output at call time); None when it cannot be read."""
    stream = stream or sys.stdout
    try:
        result = load_events(path, check_coordinates=check_coordinates)
    except EventsFileError as exc:
        print_error(path, exc)
        return None
    for problem in result.problems:
        print(f"{path}: {problem.severity}: {problem}", file=stream)
    return result


def run(args) -> int:
    result = load_reporting(args.file, check_coordinates=True)
    if result is None:
        return 2
    print(
        f"{args.file}: {result.rows_read} rows read, {len(result.events)} valid, "
        f"{len(result.errors)} errors, {len(result.warnings)} warnings"
    )
    return 1 if result.errors else 0
