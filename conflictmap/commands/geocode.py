"""`geocode QUERY` / `geocode --batch IN.csv --out OUT.csv`: place names to coordinates, offline by default."""
from __future__ import annotations

import csv
import io
import json
import sys

from . import print_error
from ..geocoding import JSON_KEYS, GeodataError, get_geocoder
from ..csvio import EventsFileError, decode, read_bytes, read_csv_rows, write_atomic

BATCH_INPUT = ["query", "country", "admin1", "admin2"]
# Result keys that would repeat an input column's name are written as geo_country / geo_admin1.
BATCH_RESULT = [(k, f"geo_{k}" if k in BATCH_INPUT else k) for k in JSON_KEYS if k != "query"]


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "geocode",
        help="place a name (English, French, Ukrainian, Russian); exit 1 if not found",
        description="Offline GeoNames gazetteer first; --online also asks Nominatim (1 request/s, cached in "
                    "geodata/cache/). Ambiguous names are not found, with their candidates listed.",
    )
    p.add_argument("query", nargs="?", help="place phrase, e.g. 'province de Koursk'")
    p.add_argument("--country", help="ISO code or name of the country the place is in")
    p.add_argument("--admin1", help="oblast/region the place is in (e.g. 'Donetsk Oblast')")
    p.add_argument("--admin2", help="raion (or city district) the place is in (e.g. 'Bakhmutskyi')")
    p.add_argument("--online", action="store_true", help="ask Nominatim for names the gazetteer lacks")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--batch", metavar="IN.csv", help="CSV with column query (and optional country, admin1)")
    p.add_argument("--out", metavar="OUT.csv", help="where --batch writes its results")
    p.set_defaults(func=run)


def run(args) -> int:
    """Exit 0 when placed (every batch row read), 1 when a single query is not found, 2 on unusable input."""
    if bool(args.batch) == bool(args.query):
        print("geocode: give either a QUERY or --batch IN.csv --out OUT.csv", file=sys.stderr)
        return 2
    if args.batch and not args.out:
        print("geocode: --batch needs --out OUT.csv", file=sys.stderr)
        return 2
    try:
        geocoder = get_geocoder(online=args.online)
    except (GeodataError, ValueError) as exc:
        print(f"geocode: {exc}", file=sys.stderr)
        return 2
    if args.batch:
        return _batch(geocoder, args.batch, args.out)
    result = geocoder.lookup(args.query, country=args.country, admin1=args.admin1, admin2=args.admin2)
    if args.json:
        print(json.dumps(result.to_json_dict(), ensure_ascii=False))
    else:
        print(describe(result))
    return 0 if result.found else 1


def describe(result) -> str:
    """One result as the lines the command prints."""
    if result.found:
        return (f"{result.name} ({result.admin1 + ', ' if result.admin1 else ''}{result.country}) "
                f"{result.lat:.5f}, {result.lon:.5f}  geo_precision {result.geo_precision}, "
                f"source {result.source}, confidence {result.confidence:.2f}")
    lines = [f"not found: {result.query!r}: {result.reason}"]
    for c in result.candidates:
        lines.append(f"  candidate: {c['name']} ({c['admin1'] + ', ' if c['admin1'] else ''}{c['country']}) "
                     f"{c['lat']:.5f}, {c['lon']:.5f} population {c.get('population')}")
    if result.candidates_total > len(result.candidates):
        lines.append(f"  (the {len(result.candidates)} largest of {result.candidates_total} candidates)")
    return "\n".join(lines)


def _batch(geocoder, source: str, target: str) -> int:
    try:
        decoded = decode(read_bytes(source))
        header, rows, lines, problems, _ = read_csv_rows(decoded.text, decoded.encoding)
    except EventsFileError as exc:
        return print_error(source, exc)
    if decoded.encoding != "utf-8":
        print(f"{source}: not UTF-8: read as {decoded.encoding}", file=sys.stderr)
    if "query" not in header:
        print(f"{source}: line 1: no column 'query'", file=sys.stderr)
        return 2
    errors = [f"{source}: line {p.line}: {p.reason}" for p in problems]
    if errors:  # one output row per input row: a row that cannot be read stops the batch, nothing is dropped
        print("\n".join(errors), file=sys.stderr)
        return 2
    where = {name: header.index(name) for name in BATCH_INPUT if name in header}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(BATCH_INPUT + [column for _, column in BATCH_RESULT])
    placed = 0
    for line, row in zip(lines, rows):
        given = {name: row[i].strip() for name, i in where.items()}
        result = geocoder.lookup(given.get("query", ""), country=given.get("country"), admin1=given.get("admin1"),
                                 admin2=given.get("admin2"))
        placed += result.found
        if not result.found:
            print(f"{source}: line {line}: {result.query!r} not placed: {result.reason}", file=sys.stderr)
        data = result.to_json_dict()
        data["candidates"] = json.dumps(data["candidates"], ensure_ascii=False) if data["candidates"] else ""
        writer.writerow([given.get(name, "") for name in BATCH_INPUT]
                        + ["" if data[k] is None else data[k] for k, _ in BATCH_RESULT])
    write_atomic(target, out.getvalue(), backup=False)
    print(f"{source}: {len(rows)} rows, {placed} placed, {len(rows) - placed} not found -> {target}", file=sys.stderr)
    return 0
