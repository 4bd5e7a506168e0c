"""`gazetteer add FILE...` / `gazetteer info`: GeoNames country dumps into the offline index, and what it holds."""
from __future__ import annotations

import sys
from pathlib import Path

from ..csvio import write_atomic


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "gazetteer",
        help="add GeoNames country dumps (UA.zip, RU.zip, ...) to the offline gazetteer; show what it holds",
        description="Country dumps come from https://download.geonames.org/export/dump/ (CC BY 4.0): download "
                    "UA.zip (or RU.zip, BY.zip, ...) once and add it; the geoname table format (19 tab-separated "
                    "columns, .txt or the .zip GeoNames publishes) is read.",
    )
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="read GeoNames dumps into the index (populated places, ADM2 regions)")
    add.add_argument("files", nargs="+", metavar="FILE", help="UA.zip, RU.zip, or a plain geoname-table .txt")
    actions.add_parser("info", help="the index's size and the dumps added")
    p.set_defaults(func=run)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args) -> int:
    """Exit 0 when every file was added whole, 1 when some lines were not, 2 when a file or the index is unusable."""
    from ..geocoding import GeodataError, clear_geocoders
    from ..geocoding.dumps import read_dump, table_name, to_table
    from ..geocoding.gazetteer import load_gazetteer
    from ..geocoding.paths import added_dir

    if args.action == "info":
        try:
            index = load_gazetteer(progress=_say)
        except GeodataError as exc:
            print(f"gazetteer: {exc}", file=sys.stderr)
            return 2
        added = ", ".join(index.added) or "none"
        print(f"{len(index):,} places in {index.path}; GeoNames dumps added: {added}")
        return 0
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            rows, report = read_dump(path, progress=_say)
        except GeodataError as exc:
            print(f"gazetteer: {exc}", file=sys.stderr)
            return 2
        for line, reason in report.problems:
            print(f"{path}: line {line}: {reason} (line not added)", file=sys.stderr)
        if not rows:
            print(f"{path}: no populated place (feature class P) in {report.lines:,} lines: nothing added",
                  file=sys.stderr)
            return 2
        target = added_dir() / table_name(path, report)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, to_table(rows), backup=False)
        _say(f"{path}: {report.lines:,} lines read, {report.places:,} populated places and {report.admin2:,} "
             f"second-level regions kept ({', '.join(sorted(report.countries))}), {len(report.problems)} bad "
             f"line(s) -> {target}")
        status = max(status, 1 if report.problems else 0)
    try:
        index = load_gazetteer(progress=_say)
    except GeodataError as exc:
        print(f"gazetteer: {exc}", file=sys.stderr)
        return 2
    clear_geocoders()
    print(f"gazetteer: {len(index):,} places in the index ({', '.join(index.added)} added)")
    return status
