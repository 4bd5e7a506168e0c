"""`place FILE`: give coordinates to the events of a file that have none, through the geocoder."""
from __future__ import annotations

from . import print_error
from ..store import EventsFileError, open_store


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

    outcomes = []

    def placed(events):
        new, found = place_events(events, get_geocoder(online=args.online), overwrite=args.overwrite)
        outcomes.extend(found)
        return None if args.dry_run or not found else new

    try:
        open_store(args.file).rewrite(placed)
    except EventsFileError as exc:
        return print_error(args.file, exc)
    for o in outcomes:
        print(f"{o.event_id}: {o.query!r} {'->' if o.found else 'NOT PLACED:'} {o.detail}")
    missing = sum(not o.found for o in outcomes)
    print(f"{len(outcomes) - missing} placed, {missing} not placed")
    return 1 if missing else 0
