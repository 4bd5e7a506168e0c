"""Hostile strings for the hardening tests, and events files that carry them in every text field and URL.

The strings are test data written here: script tags, attribute breakers, template-literal breakers, markdown and
LaTeX links, dangerous URL schemes. None of them may run or become a link anywhere in the app.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from conflictmap.importers import import_acled, import_ucdp, write_import
from conflictmap.importers.ucdp import OPTIONAL_COLUMNS as UCDP_OPTIONAL
from conflictmap.importers.ucdp import REQUIRED_COLUMNS as UCDP_REQUIRED
from tests.helpers import row, write_events

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'-alert(1)-'",
    "`${alert(1)}` ${alert(1)}",
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "[x](javascript:alert(1)) <a href=\"javascript:alert(1)\">y</a>",
    "![t](http://attacker.invalid/t.png) *em* **b** `code`",
    "$\\href{javascript:alert(1)}{k}$ :red[red] {{constructor.constructor('alert(1)')()}}",
    "<iframe src=\"javascript:alert(1)\"></iframe><style>*{display:none}</style>",
    "\u2028\"});alert(1);//\u2029 &lt;b&gt; &amp;",
]
# Columns of the schema holding free text a foreign file or a person controls (disorder_type, event_type and
# sub_event_type are checked against ACLED's lists, so a hostile value there rejects the row).
TEXT_FIELDS = ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2", "location",
               "source", "notes", "claimed_by", "origin", "original_precision"]
URL_FIELDS = ["source_url"]


def spot(k: int) -> tuple[str, str]:
    """Grid positions over Ukraine far enough apart to be separate markers at the fitted zoom (test data)."""
    return f"{45.6 + (k // 5) * 1.7:.2f}", f"{23.5 + (k % 5) * 3.9:.2f}"


def direct_rows() -> list[dict[str, str]]:
    rows = []
    for k, payload in enumerate(PAYLOADS):
        lat, lon = spot(k)
        rows.append(row(event_id_cnty=f"H{k:02d}{payload}", event_date=f"2024-11-{1 + k % 9:02d}",
                        latitude=lat, longitude=lon, fatalities=str(k), injuries="1",
                        source_url=f"{payload} https://example.org/h{k}?q=%22%3E",
                        **{field: payload for field in TEXT_FIELDS}))
    # Three at one place: a cluster whose click lists them, with hostile labels.
    for k, payload in enumerate(PAYLOADS[:3]):
        rows.append(row(event_id_cnty=f"S{k}{payload}", latitude="49.9", longitude="36.3", location=payload,
                        notes=payload, source=payload))
    return rows


def acled_file(path: Path) -> Path:
    """ACLED-shaped rows invented for the tests (ACLED's terms forbid redistributing its data)."""
    layout = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
              "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2", "admin3",
              "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "tags"]
    records = []
    for k, payload in enumerate(PAYLOADS):
        lat, lon = spot(k + len(PAYLOADS))
        values = {c: payload for c in layout}
        values.update(event_id_cnty=f"ACL{k}{payload}", event_date="16 February 2024", year="2024",
                      time_precision="1", disorder_type="Political violence", event_type="Battles",
                      sub_event_type="Armed clash", latitude=lat, longitude=lon, geo_precision="1", fatalities="0")
        records.append(values)
    return _write_csv(path, layout, records)


def ucdp_file(path: Path) -> Path:
    """UCDP GED-shaped rows invented for the tests (no real event)."""
    layout = UCDP_REQUIRED + UCDP_OPTIONAL
    records = []
    for k, payload in enumerate(PAYLOADS):
        lat, lon = spot(k + 2 * len(PAYLOADS))
        values = {c: payload for c in layout}
        values.update(id=str(990000 + k), year="2022", type_of_violence="1", date_start="2022-03-01",
                      date_end="2022-03-01", best="1", low="1", high="2", latitude=lat, longitude=lon,
                      date_prec="1", where_prec="1", event_clarity="1", code_status="Clear")
        records.append(values)
    return _write_csv(path, layout, records)


def _write_csv(path: Path, layout: list[str], records: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=layout, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(records)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def hostile_events_file(directory: Path) -> Path:
    """An events file with the payloads in every text field and URL, plus the same payloads imported from an
    ACLED and a UCDP file. Its own name is hostile too (it is shown in the app's messages)."""
    path = directory / "ev_<img src=x onerror=alert(1)>_[x](javascript:alert(1)).csv"
    write_events(path, direct_rows())
    for importer, writer in ((import_acled, acled_file), (import_ucdp, ucdp_file)):
        result = importer(writer(directory / f"import-{importer.__name__}.csv"))
        assert result.errors == [], [str(p) for p in result.errors]
        write_import(result, path)
    return path


def places_tried() -> dict[str, int]:
    """How many places of the app each payload was put into, by kind."""
    return {
        "events CSV text fields and URL": len(TEXT_FIELDS) + len(URL_FIELDS) + 1,  # + the event id
        "ACLED import fields": 11,
        "UCDP import fields": 11,
        "file name": 1,
        "URL query parameters (q, near, event)": 3,
        "Add page fields (text, source name, source URL)": 3,
    }


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))
