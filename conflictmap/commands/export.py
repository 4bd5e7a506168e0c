"""`export FILE --format csv|geojson|html --out OUT`: the Events table page's downloads, from the shell."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .. import exports
from ..filters import EventFilter, describe, filter_mask
from ..schema import EVENT_TYPES
from ..wording import counted
from ..csvio import write_atomic
from .validate import load_reporting

WRITERS = {
    "csv": exports.csv_text,
    "geojson": exports.geojson_text,
    "html": exports.standalone_html,
}


def iso_date(value: str) -> dt.date:
    """An option's YYYY-MM-DD date; raises argparse.ArgumentTypeError (argparse prints it) for anything else."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="write the (filtered) events as CSV, GeoJSON or a standalone HTML map",
        description="Write the events of FILE, optionally filtered, as CSV (ACLED column order, spreadsheet-safe), "
                    "GeoJSON (RFC 7946) or one HTML file that shows them on a map without a server.",
    )
    p.add_argument("file", help="events CSV")
    p.add_argument("--format", required=True, choices=sorted(WRITERS))
    p.add_argument("--out", required=True, help="file to write (replaced atomically)")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD", help="first day kept")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD", help="last day kept")
    p.add_argument("--type", dest="types", action="append", choices=list(EVENT_TYPES), metavar="TYPE",
                   help="keep this ACLED event type (repeatable; default: all types)")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="export the valid rows even when some rows have errors (each is still reported)")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.date_from and args.date_to and args.date_to < args.date_from:
        print(f"--to {args.date_to} is before --from {args.date_from}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.exists() and out.resolve() == Path(args.file).resolve():
        print(f"--out {args.out} is the input file; refusing to overwrite it", file=sys.stderr)
        return 2
    result = load_reporting(args.file, sys.stderr)
    if result is None:
        return 2
    if result.errors and not args.skip_bad_rows:
        print(f"{args.file}: {len(result.errors)} row(s) have errors; nothing written "
              "(fix them, or pass --skip-bad-rows to export the valid rows)", file=sys.stderr)
        return 1
    spec = EventFilter(date_from=args.date_from, date_to=args.date_to,
                       event_types=tuple(args.types) if args.types else None)
    events = result.events[filter_mask(result.events, spec)]
    if args.format == "html":
        text = exports.standalone_html(events, title=f"conflictmap export of {Path(args.file).name}",
                                       description=describe(spec))
    else:
        text = WRITERS[args.format](events)
    write_atomic(out, text, backup=False)  # a failure is one sentence from conflictmap.cli
    unplaced = int(events["latitude"].isna().sum())
    note = ""
    if unplaced and args.format == "geojson":
        note = f" ({unplaced} without coordinates have a null geometry)"
    elif unplaced and args.format == "html":
        note = f" ({unplaced} without coordinates are listed in the header count but not drawn)"
    print(f"{out}: {len(events):,} of {counted(len(result.events), 'event')} written as {args.format}{note}")
    return 0
