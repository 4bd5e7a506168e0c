"""`validate FILE`: the same report of bad rows that the dashboard shows."""
from __future__ import annotations

import sys

from ..store import EventsFileError, load_events


def register(subparsers) -> None:
    p = subparsers.add_parser("validate", help="check an events CSV; exit 1 if any row has an error")
    p.add_argument("file")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        result = load_events(args.file)
    except EventsFileError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"{args.file}: {problem.severity}: {problem}")
    print(
        f"{args.file}: {result.rows_read} rows read, {len(result.events)} valid, "
        f"{len(result.errors)} errors, {len(result.warnings)} warnings"
    )
    return 1 if result.errors else 0
