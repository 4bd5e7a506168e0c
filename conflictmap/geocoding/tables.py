"""Reading the small CSV tables under geodata/: every bad line is an error that names it, none is skipped."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..store import decode_text
from .errors import GeodataError


def read_table(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as (line number, {column: stripped text}); a missing column or ragged row raises."""
    try:
        text, bad_lines = decode_text(path.read_bytes())
    except OSError as exc:
        raise GeodataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if bad_lines:
        raise GeodataError(f"{path}: line {bad_lines[0]}: not valid UTF-8 text")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise GeodataError(f"{path}: the file is empty (it needs at least its header line)") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise GeodataError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise GeodataError(f"{path}: line {line}: unreadable CSV: {exc}") from None
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise GeodataError(f"{path}: line {line}: {len(cells)} fields where the header has {len(header)}")
        rows.append((line, {h: c.strip() for h, c in zip(header, cells)}))
    return rows


def parse_int(path: Path, line: int, column: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise GeodataError(f"{path}: line {line}: {column} {value[:40]!r} is not a whole number") from None


def read_admin1_names(path: Path) -> dict[str, str]:
    """GeoNames' admin1CodesASCII table: {"UA.07": "Kharkiv", ...} (the ASCII name column)."""
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
