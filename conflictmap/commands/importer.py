"""`import acled|ucdp FILE [--out OUT.csv]`: convert another dataset to the schema and say what became of each row."""
from __future__ import annotations

from . import print_error
from ..importers import ImportResult, import_acled, import_ucdp, write_import
from ..store import EventsFileError

IMPORTERS = {
    "acled": (import_acled, "an ACLED export: CSV (current or older layout) or the API's JSON"),
    "ucdp": (import_ucdp, "a UCDP GED CSV (the plain layout or HDX's, with a row of HXL tags)"),
}


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="convert an ACLED or UCDP file to an events CSV")
    kinds = p.add_subparsers(dest="dataset", required=True, metavar="DATASET")
    for name, (_, about) in IMPORTERS.items():
        k = kinds.add_parser(name, help=f"import {about}")
        k.add_argument("file")
        k.add_argument("--out", help="events CSV to write; if it exists, rows are merged by event id "
                                     "(a re-import updates, never duplicates). Without it nothing is written.")
        k.set_defaults(func=run)


def summary_lines(result: ImportResult, label: str) -> list[str]:
    out = [f"{label}: note: {note}" for note in result.notes]
    out += [f"{label}: {p.severity}: {p}" for p in result.problems]
    out.append(
        f"{label}: {result.rows_read} rows read ({result.encoding}), {len(result.events)} imported, "
        f"{len(result.rejected_lines)} rejected, {len(result.warnings)} warnings"
    )
    return out


def run(args) -> int:
    importer, _ = IMPORTERS[args.dataset]
    try:
        result = importer(args.file)
    except EventsFileError as exc:
        return print_error(args.file, exc)
    for line in summary_lines(result, args.file):
        print(line)
    if args.out:
        try:
            merged = write_import(result, args.out)
        except EventsFileError as exc:
            return print_error(args.out, exc)
        print(f"{args.out}: {merged.added} added, {merged.updated} updated, {merged.unchanged} unchanged, "
              f"{merged.total} events in the file")
    else:
        print("nothing written (give --out OUT.csv to write the events)")
    return 1 if result.rejected_lines else 0
