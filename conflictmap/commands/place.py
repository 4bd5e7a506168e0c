"""`place FILE`: give coordinates to the events of a file that have none, through the geocoder."""
from __future__ import annotations

import sys

from ..store import EventsFileError, load_events, lock_for, write_atomic, events_to_csv


def register(subparsers) -> None:
    p = subparsers.add_parser("place", help="geocode the events of FILE that have no coordinates, in place")
    p.add_argument("file")
    p.add_argument("--online", action="store_true", help="ask Nominatim for names the gazetteer lacks")
    p.add_argument("--overwrite", action="store_true", help="geocode every row again, not only unplaced ones")
    p.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..geocoding import get_geocoder
    from ..placing import place_events

    with lock_for(args.file):
        try:
            result = load_events(args.file)
        except EventsFileError as exc:
            print(f"{args.file}: {exc}", file=sys.stderr)
            return 2
        if result.errors:
            print(f"{args.file}: has {len(result.errors)} invalid row(s); run `validate` and fix them first "
                  "(placing would drop them)", file=sys.stderr)
            return 2
        placed, outcomes = place_events(result.events, get_geocoder(online=args.online), overwrite=args.overwrite)
        for o in outcomes:
            print(f"{o.event_id}: {o.query!r} -> {o.detail}" if o.found else f"{o.event_id}: {o.query!r} NOT PLACED: {o.detail}")
        if not args.dry_run and outcomes:
            write_atomic(args.file, events_to_csv(placed))
    missing = sum(not o.found for o in outcomes)
    print(f"{len(outcomes) - missing} placed, {missing} not placed")
    return 1 if missing else 0
