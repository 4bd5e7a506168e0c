"""Downloads of a set of events: CSV for spreadsheets, GeoJSON for GIS tools, and an HTML map that stands alone.

Every export holds exactly the rows it is given (the caller filters); nothing is left out silently.
"""
from __future__ import annotations

import datetime as dt
import io
import json

import numpy as np
import pandas as pd

from .mapview import off_map, standalone_map
from .schema import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, to_text_frame
from .wording import counted

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMERIC_COLUMNS = set(INTEGER_COLUMNS + FLOAT_COLUMNS)
DATE_COLUMNS = {"event_date", "event_date_end"}


def neutralise_formula(value: str) -> str:
    """Prefix a quote so a spreadsheet shows the text instead of evaluating it (OWASP's CSV injection advice)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_text(events: pd.DataFrame) -> str:
    """The events in ACLED's column order then the project's extras, safe to open in a spreadsheet.

    Only text columns are neutralised: numbers (a negative longitude, say) were parsed as numbers on load and
    stay numbers, so the quote never corrupts them.
    """
    text = to_text_frame(events)
    for col in COLUMNS:
        if col not in NUMERIC_COLUMNS and col not in DATE_COLUMNS:
            text[col] = text[col].map(neutralise_formula)
    buf = io.StringIO()
    # CRLF as RFC 4180 has it; it also makes the csv module quote a cell holding a lone CR (with "\n" it would
    # not, and the file would break there).
    text.to_csv(buf, index=False, columns=COLUMNS, lineterminator="\r\n")
    return buf.getvalue()


def csv_bytes(events: pd.DataFrame) -> bytes:
    return csv_text(events).encode("utf-8")


def _json_value(col: str, value):
    """A cell as GeoJSON holds it: blank text and missing values are null (unknown), never "" or 0."""
    if pd.isna(value) or value == "":
        return None
    if col in DATE_COLUMNS:
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if col in INTEGER_COLUMNS:
        return int(value)
    if col in FLOAT_COLUMNS:
        return float(value)
    return str(value)


def geojson_dict(events: pd.DataFrame) -> dict:
    """An RFC 7946 FeatureCollection, one Feature per event, `id` = event_id_cnty.

    Events without coordinates are kept with `"geometry": null` (RFC 7946 section 3.2 allows unlocated
    features), so the file holds exactly the exported set and a GIS tool can still list them. Unknown values
    are null, never 0 or "".
    """
    properties_columns = [c for c in COLUMNS if c not in ("latitude", "longitude")]
    features = []
    for record in events[COLUMNS].itertuples(index=False, name=None):
        values = dict(zip(COLUMNS, record))
        lat, lon = values["latitude"], values["longitude"]
        geometry = None
        if not (pd.isna(lat) or pd.isna(lon)):
            # RFC 7946 section 3.1.1: longitude first; 6 decimals (~0.1 m) is more than any source gives.
            geometry = {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
        features.append({
            "type": "Feature",
            "id": values["event_id_cnty"],
            "geometry": geometry,
            "properties": {c: _json_value(c, values[c]) for c in properties_columns},
        })
    return {"type": "FeatureCollection", "features": features}


def geojson_text(events: pd.DataFrame) -> str:
    return json.dumps(geojson_dict(events), ensure_ascii=False, allow_nan=False)


def geojson_bytes(events: pd.DataFrame) -> bytes:
    return geojson_text(events).encode("utf-8")


def standalone_html(events: pd.DataFrame, title: str = "conflictmap export", attribution: str = "",
                    description: str = "", tiles: bool = True) -> str:
    """One HTML file that shows `events` on the dashboard's map with no server (mapview.standalone_map): the
    same layer, clusters, popups, lists and legend, with libraries, script, style and data inline.

    The only thing it loads from the network is OpenStreetMap tiles (none with `tiles=False`); without a
    connection the markers, clusters and popups still work on a blank background. The header says what the
    file holds: `description` (the filter), counts, the export date and the data's `attribution`.
    """
    missing = {kind: int(rows.sum()) for kind, rows in off_map(events, np.ones(len(events), dtype=bool)).items()}
    facts = [f"{counted(len(events), 'event')}, {len(events) - sum(missing.values()):,} on the map"]
    if missing["country"]:
        facts.append(f"{missing['country']:,} placed only to a country")
    if missing["unplaced"]:
        facts.append(f"{missing['unplaced']:,} without coordinates")
    if sum(missing.values()):
        facts[-1] += " (listed under \"not on the map\", not drawn)"
    facts.append(f"exported {dt.date.today().isoformat()}")
    lines = [description] if description else []
    lines.append("; ".join(facts))
    if attribution:
        lines.append("Data: " + attribution)
    return standalone_map(events, title=title, lines=lines, tiles=tiles).get_root().render()


def standalone_html_bytes(events: pd.DataFrame, **kwargs) -> bytes:
    return standalone_html(events, **kwargs).encode("utf-8")

