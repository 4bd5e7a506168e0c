"""Small builders for test events files (test data, written by the tests themselves)."""
from __future__ import annotations

import csv
import io

from conflictmap.schema import COLUMNS

BASE_ROW = {
    "event_id_cnty": "T-1",
    "event_date": "2024-11-03",
    "time_precision": "1",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Air/drone strike",
    "country": "Ukraine",
    "location": "Testville",
    "latitude": "50.0",
    "longitude": "30.0",
    "geo_precision": "1",
    "source": "Test Wire",
    "notes": "A test event.",
}


def row(**changes) -> dict[str, str]:
    out = dict(BASE_ROW)
    out.update(changes)
    return out


def csv_text(rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c, "") for c in columns})
    return buf.getvalue()


def write_events(path, rows: list[dict[str, str]], columns: list[str] = COLUMNS):
    path.write_text(csv_text(rows, columns), encoding="utf-8")
    return path
