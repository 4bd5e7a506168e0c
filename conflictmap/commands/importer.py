"""`import acled|ucdp FILE [--out OUT.csv]`: convert another dataset to the schema and say what became of each row."""
from __future__ import annotations

import sys

from . import print_error
from ..importers import ImportResult, import_acled, import_ucdp, write_import
from ..store import EventsFileError

PROGRESS_ABOVE_ROWS = 100_000


class ProgressBar:
    """A `progress.Progress` drawn as tqdm bars on stderr, one per stage, for files of more than `above_rows`
    rows (smaller ones are done before a bar would help)."""

    def __init__(self, above_rows: int | None = None, file=None):
        self.above_rows = PROGRESS_ABOVE_ROWS if above_rows is None else above_rows
        self.file, self.bar = file or sys.stderr, None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total <= self.above_rows:
            return
        if self.bar is None or self.bar.desc != stage:
            from tqdm import tqdm

            self.close()
            self.bar = tqdm(total=total, desc=stage, unit=" rows", unit_scale=True, file=self.file,
                            mininterval=0.5, dynamic_ncols=True)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

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
        k.set_defaults(func=run, exit_at_once=True)  # written, synced and closed when run returns


def summary_lines(result: ImportResult, label: str) -> list[str]:
    out = [f"{label}: note: {note}" for note in result.notes]
    out += [f"{label}: {p.severity}: {p}" for p in result.problems]
    out.append(
        f"{label}: {result.rows_read} rows read ({result.encoding}), {len(result.events)} imported, "
        f"{len(result.rejected_lines)} rejected, {len(result.warnings)} warnings"
    )
    return out


def ready_place_index() -> None:
    """Build the place index now if it is missing or stale (the first import after installing, or after the geodata
    changed), saying each step on stderr: the coordinate check reads it, and building it takes about 17 s of CPU,
    during which the "checking rows" bar would stand still. When it is built this only opens it (milliseconds). A
    failure is left to the check, which reports the coordinates as not checked."""
    from ..geocoding.errors import GeodataError
    from ..geocoding.gazetteer import load_gazetteer

    def announce(step: str) -> None:
        print(f"{step} (building the place index once; later imports reuse it)", file=sys.stderr, flush=True)

    try:
        load_gazetteer(progress=announce).close()
    except (GeodataError, OSError):
        pass


def run(args) -> int:
    importer, _ = IMPORTERS[args.dataset]
    ready_place_index()
    bar = ProgressBar()
    try:
        result = importer(args.file, progress=bar)
    except EventsFileError as exc:
        return print_error(args.file, exc)
    finally:
        bar.close()
    for line in summary_lines(result, args.file):
        print(line)
    if args.out:
        try:
            bar("writing rows", 0, len(result.events))
            merged = write_import(result, args.out)
            bar("writing rows", len(result.events), len(result.events))
        except EventsFileError as exc:
            return print_error(args.out, exc)
        finally:
            bar.close()
        print(f"{args.out}: {merged.added} added, {merged.updated} updated, {merged.unchanged} unchanged, "
              f"{merged.total} events in the file")
    else:
        print("nothing written (give --out OUT.csv to write the events)")
    return 1 if result.rejected_lines else 0
