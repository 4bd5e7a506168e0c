"""Reading the small CSV tables under geodata/: every bad line is an error that names it, none is skipped."""
from __future__ import annotations

from pathlib import Path

from ..csvio import EventsFileError, decode, read_csv_rows
from .errors import GeodataError


def read_table(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as (line number, {column: stripped text}); a missing column or ragged row raises."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GeodataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        decoded = decode(data)
        header, records, lines, problems, _ = read_csv_rows(decoded.text, decoded.encoding)
    except EventsFileError as exc:
        raise GeodataError(f"{path}: {exc}") from None
    if problems:
        raise GeodataError(f"{path}: line {problems[0].line}: {problems[0].reason}")
    missing = [c for c in required if c not in header]
    if missing:
        raise GeodataError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    return [(line, {h: c.strip() for h, c in zip(header, cells)})
            for line, cells in zip(lines, records) if any(c.strip() for c in cells)]


def parse_int(path: Path, line: int, column: str, value: str) -> int:
    """`value` as an int; raises GeodataError naming the file, line and column when it is not a whole number."""
    try:
        return int(value)
    except ValueError:
        raise GeodataError(f"{path}: line {line}: {column} {value[:40]!r} is not a whole number") from None


def read_admin1_names(path: Path) -> dict[str, str]:
    """GeoNames' admin1CodesASCII table: {"UA.07": "Kharkiv", ...} (the ASCII name column).

    Raises GeodataError when the file cannot be read or a line is not CODE, NAME, ASCII NAME, GEONAMEID."""
    names = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GeodataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 3 or "." not in fields[0]:
            raise GeodataError(f"{path}: line {number}: expected CODE<TAB>NAME<TAB>ASCII NAME<TAB>GEONAMEID")
        names[fields[0]] = fields[2]
    return names
