"""GeoNames country dumps (`UA.zip`, `RU.zip`, ... from download.geonames.org/export/dump/, CC BY 4.0).

A dump is the `geoname` table: one place a line, 19 tab-separated columns (geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
admin3 code, admin4 code, population, elevation, dem, timezone, modification date), as a plain `.txt` or inside
the `.zip` GeoNames publishes. `add_dump` keeps what the geocoder uses (populated places, class P, and the
second-level regions, ADM2, whose names let an `admin2` hint such as a raion be read) in a compact table under
the gazetteer's data directory; the index is then rebuilt from cities500 and every added table.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .errors import GeodataError
from .normalize import keep_alternate_name

COLUMNS = 19
# The compact table written under the data directory: the columns of the dump the index needs.
KEPT = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
        "feature_code", "country", "admin1", "admin2", "population"]
PROGRESS_EVERY = 50_000
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class DumpPlace:
    """One kept row of a dump. `alternatenames` holds only Latin and Cyrillic names (see keep_alternate_name)."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    admin2: str
    population: int

    @property
    def is_admin2(self) -> bool:
        return self.feature_class == "A" and self.feature_code == "ADM2"


@dataclass
class DumpReport:
    """What reading a dump gave: lines read, rows kept (places, admin2 regions), and each bad line with its reason."""

    lines: int = 0
    places: int = 0
    admin2: int = 0
    countries: set[str] = field(default_factory=set)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _lines(path: Path) -> Iterator[str]:
    """The text lines of a dump: the one `.txt` table inside a GeoNames zip (its readme aside), or the file itself."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                tables = [n for n in archive.namelist() if n.lower().endswith(".txt") and "readme" not in n.lower()]
                if len(tables) != 1:
                    raise GeodataError(f"{path}: expected one .txt table in the zip, found {len(tables)}")
                with archive.open(tables[0]) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8", newline="")
        else:
            with open(path, encoding="utf-8", newline="") as fh:
                yield from fh
    except UnicodeDecodeError as exc:
        raise GeodataError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise GeodataError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def parse_row(fields: list[str]) -> DumpPlace | str:
    """One row of the `geoname` table as a DumpPlace, or the reason it cannot be used."""
    if len(fields) != COLUMNS:
        return f"expected {COLUMNS} tab-separated columns, found {len(fields)}"
    try:
        geonameid = int(fields[0])
    except ValueError:
        return f"geonameid {fields[0][:20]!r} is not a whole number"
    admin2_region = fields[6] == "A" and fields[7] == "ADM2"
    try:
        # a second-level region is read for its names and code only, so its point may be missing
        lat, lon = (float("nan"), float("nan")) if admin2_region and not (fields[4] or fields[5]) else (
            float(fields[4]), float(fields[5]))
    except ValueError:
        return "latitude or longitude is not a number"
    if not admin2_region and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return f"coordinates {lat}, {lon} are out of range"
    try:
        population = int(fields[14] or 0)
    except ValueError:
        return f"population {fields[14][:20]!r} is not a whole number"
    if not fields[1].strip():
        return "name is empty"
    if len(fields[8]) != 2:
        return f"country code {fields[8][:10]!r} is not two letters"
    alternates = tuple(a for a in fields[3].split(",") if a and keep_alternate_name(a))
    return DumpPlace(geonameid, fields[1].strip(), fields[2].strip(), alternates, lat, lon, fields[6], fields[7],
                     fields[8].upper(), fields[10], fields[11], max(population, 0))


def read_dump(path: Path, progress: Callable[[str], None] | None = None) -> tuple[list[DumpPlace], DumpReport]:
    """The populated places and admin2 regions of a dump, with a report; `progress` receives a line now and then.

    A line that cannot be read is reported with its number and reason, never skipped silently. Raises
    GeodataError when the file itself cannot be read (missing, not UTF-8, a zip without one table).
    """
    report = DumpReport()
    kept: list[DumpPlace] = []
    for number, line in enumerate(_lines(Path(path)), start=1):
        report.lines = number
        if progress and number % PROGRESS_EVERY == 0:
            progress(f"{path}: {number:,} lines read, {len(kept):,} places kept")
        line = line.rstrip("\r\n")
        if not line:
            continue
        row = parse_row(line.split("\t"))
        if isinstance(row, str):
            report.problems.append((number, row))
            continue
        if row.feature_class == "P" or row.is_admin2:
            kept.append(row)
            report.places += row.feature_class == "P"
            report.admin2 += row.is_admin2
            report.countries.add(row.country)
    return kept, report


def table_name(path: Path, report: DumpReport) -> str:
    """The file name the kept rows are stored under: the dump's country (UA.tsv), else the file's own name."""
    if len(report.countries) == 1:
        return f"{next(iter(report.countries))}.tsv"
    return _SAFE_NAME.sub("_", Path(path).name.split(".")[0]) + ".tsv"


def to_table(rows: list[DumpPlace]) -> str:
    """The compact table's text (tab-separated, header first), as read back by `read_table`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(KEPT)
    for r in rows:
        writer.writerow([r.geonameid, r.name, r.asciiname, ",".join(r.alternatenames), r.lat, r.lon,
                         r.feature_class, r.feature_code, r.country, r.admin1, r.admin2, r.population])
    return out.getvalue()


def read_table(path: Path) -> list[DumpPlace]:
    """Rows of a compact table written by `to_table`; raises GeodataError naming the line of a damaged one."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t")
            header = next(reader, None)
            if header != KEPT:
                raise GeodataError(f"{path}: line 1: not a gazetteer table (run `gazetteer add` again)")
            rows = []
            for number, cells in enumerate(reader, start=2):
                if len(cells) != len(KEPT):
                    raise GeodataError(f"{path}: line {number}: expected {len(KEPT)} columns, found {len(cells)}")
                try:
                    rows.append(DumpPlace(int(cells[0]), cells[1], cells[2], tuple(a for a in cells[3].split(",") if a),
                                          float(cells[4]), float(cells[5]), cells[6], cells[7], cells[8], cells[9],
                                          cells[10], int(cells[11])))
                except ValueError:
                    raise GeodataError(f"{path}: line {number}: damaged row (run `gazetteer add` again)") from None
            return rows
    except (OSError, UnicodeDecodeError) as exc:
        raise GeodataError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
