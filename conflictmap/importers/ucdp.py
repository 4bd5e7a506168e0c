"""UCDP Georeferenced Event Dataset (GED) CSV files, plain or in HDX's HXL-tagged variant, to the project's schema.

UCDP codes organised armed violence with at least one death; the mapping onto ACLED's taxonomy is deliberately
coarse, because GED does not record the means (shelling, air strike...) that ACLED's finer types rest on:
- type_of_violence 1 (state-based) and 2 (non-state): two organised armed sides fought -> Battles / Armed clash;
- type_of_violence 3 (one-sided): an organised actor killed civilians -> Violence against civilians / Attack.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..progress import Progress
from ..schema import COLUMNS, DISORDER_BY_EVENT_TYPE, RowProblem
from ..store import EventsFileError
from .dates import read_dates
from .reading import RawTable, read_decimal_commas, read_table
from .result import ImportResult, finish_import

ID_PREFIX = "UCDP-"
REQUIRED_COLUMNS = ["id", "type_of_violence", "date_start", "side_a", "side_b", "best", "latitude", "longitude",
                    "date_prec", "where_prec", "source_office"]
OPTIONAL_COLUMNS = ["relid", "year", "dyad_name", "date_end", "low", "high", "source_headline", "where_description",
                    "where_coordinates", "adm_1", "adm_2", "country", "code_status", "event_clarity"]

EVENT_TYPE_BY_VIOLENCE = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}
# date_prec: 1 exact day, 2 within 2-6 days, 3 within the week, 4 within the month, 5 longer than a month; above 1,
# date_start and date_end are the earliest and latest possible days, said as that span (review.table.TIME_RANGE).
TIME_PRECISION_BY_DATE_PREC = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3"}
# where_prec: 1 exact place, 2 within ~25 km, 3 second-order region, 4 first-order region, 5 a line between
# places or a larger area, 6 only the country, 7 international waters or airspace.
# An event coded to the whole country (6) or to waters or airspace (7) gets geo_precision 4, "only the country is
# known": its coordinates (the country's centroid) are kept as UCDP gives them, and the map never draws it as a point.
GEO_PRECISION_BY_WHERE_PREC = {"1": "1", "2": "2", "3": "3", "4": "3", "5": "3", "6": "4", "7": "4"}


def origin_label(file_name: str) -> str:
    return f"UCDP GED (CC BY 4.0): {file_name}"


def outlets(source_office: str) -> str:
    """UCDP's `a;b;a` list of outlets, each named once, in the schema's `a; b` form."""
    names = [name.strip() for name in source_office.split(";")]
    return "; ".join(dict.fromkeys(name for name in names if name))


def note_text(row: dict) -> str:
    """The importer's fixed template around UCDP's own words; nothing here is written by hand."""
    parts = [f"UCDP GED event {row['relid'] or row['id']}" + (f" ({row['dyad_name']})" if row["dyad_name"] else "")]
    if row["where_description"]:
        parts.append(f"Place as UCDP describes it: {row['where_description']}")
    if row["source_headline"]:
        parts.append(f"Source headlines: {row['source_headline']}")
    if row["code_status"] and row["code_status"] != "Clear":
        parts.append(f"UCDP coding status: {row['code_status']}")
    if row["event_clarity"] == "2":
        parts.append("UCDP rates the event's description as unclear (event_clarity=2)")
    return ". ".join(parts) + "."


def _whole(values: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(values.str.strip().where(values.str.strip() != ""), errors="coerce")
    return numbers.where(numbers == np.floor(numbers))


def convert_ucdp(table: RawTable, file_name: str, progress: Progress | None = None) -> ImportResult:
    """UCDP GED rows (text cells) to schema events, mapped as the module docstring and README table say; the
    checks are reported to `progress`.

    Raises EventsFileError when one of REQUIRED_COLUMNS is missing.
    """
    read_decimal_commas(table, ["latitude", "longitude"])
    frame = table.frame
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise EventsFileError(f"missing column(s): {', '.join(missing)} (is this a UCDP GED file?)")
    text = {c: frame[c].fillna("").astype(str).str.strip() if c in frame.columns else
            pd.Series("", index=frame.index, dtype=object) for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
    lines = np.asarray(table.lines, dtype=np.int64)
    problems: list[tuple[int, RowProblem]] = []
    rejected = np.zeros(len(frame), dtype=bool)

    def reject(mask: np.ndarray, column: str, reason) -> None:
        for idx in np.flatnonzero(mask & ~rejected):
            problems.append((int(idx), RowProblem(int(lines[idx]), column, reason(idx))))
        rejected[:] |= mask

    date_columns = [c for c in ("date_start", "date_end") if c in frame.columns]
    dates = read_dates(frame, date_columns, lines)
    problems.extend(dates.problems)
    rejected |= dates.bad
    start = dates.iso["date_start"]
    end = dates.iso["date_end"] if "date_end" in dates.iso else pd.Series("", index=frame.index)

    year = text["year"]
    wrong_year = ((year != "") & (start != "") & (start.str[:4] != year)).to_numpy()
    reject(wrong_year, "date_start", lambda i: f"{start.iat[i]} is not in the row's year {year.iat[i]!r}")

    violence = text["type_of_violence"]
    reject(~violence.isin(list(EVENT_TYPE_BY_VIOLENCE)).to_numpy(), "type_of_violence",
           lambda i: f"{violence.iat[i][:20]!r} is not 1, 2 or 3")
    date_prec, where_prec = text["date_prec"], text["where_prec"]
    reject(~date_prec.isin(list(TIME_PRECISION_BY_DATE_PREC)).to_numpy(), "date_prec",
           lambda i: f"{date_prec.iat[i][:20]!r} is not a UCDP date precision 1..5")
    reject(~where_prec.isin(list(GEO_PRECISION_BY_WHERE_PREC)).to_numpy(), "where_prec",
           lambda i: f"{where_prec.iat[i][:20]!r} is not a UCDP place precision 1..7")

    raw = pd.DataFrame(index=frame.index, columns=COLUMNS, data="")
    raw["event_id_cnty"] = np.where(text["id"] != "", ID_PREFIX + text["id"], "")
    raw["event_date"] = start
    raw["event_date_end"] = end.where(end != start, "")
    raw["time_precision"] = date_prec.map(TIME_PRECISION_BY_DATE_PREC).fillna("")
    raw["geo_precision"] = where_prec.map(GEO_PRECISION_BY_WHERE_PREC).fillna("")
    raw["original_precision"] = "date_prec=" + date_prec + ";where_prec=" + where_prec
    kinds = violence.map(EVENT_TYPE_BY_VIOLENCE)
    raw["event_type"] = kinds.map(lambda k: k[0] if isinstance(k, tuple) else "")
    raw["sub_event_type"] = kinds.map(lambda k: k[1] if isinstance(k, tuple) else "")
    raw["disorder_type"] = raw["event_type"].map(DISORDER_BY_EVENT_TYPE).fillna("")
    raw["actor1"], raw["actor2"] = text["side_a"], text["side_b"]
    raw["country"], raw["admin1"], raw["admin2"] = text["country"], text["adm_1"], text["adm_2"]
    raw["location"] = text["where_coordinates"]
    raw["latitude"], raw["longitude"] = text["latitude"], text["longitude"]
    raw["fatalities"] = text["best"]
    raw["fatalities_low"], raw["fatalities_high"] = text["low"], text["high"]
    raw["source"] = text["source_office"].map(outlets)
    raw["origin"] = origin_label(file_name)
    records = pd.DataFrame({c: text[c] for c in ("id", "relid", "dyad_name", "where_description",
                                                  "source_headline", "code_status", "event_clarity")})
    raw["notes"] = [note_text(row) for row in records.to_dict("records")]

    best, low, high = _whole(text["best"]), _whole(text["low"]), _whole(text["high"])
    out_of_range = (best.notna() & low.notna() & high.notna() & ~((low <= best) & (best <= high))).to_numpy()
    for idx in np.flatnonzero(out_of_range & ~rejected):
        problems.append((int(idx), RowProblem(
            int(lines[idx]), "fatalities_low",
            f"UCDP's range low={text['low'].iat[idx]}, high={text['high'].iat[idx]} does not hold "
            f"best={text['best'].iat[idx]}; best kept, range left blank", "warning")))
    raw.loc[out_of_range, ["fatalities_low", "fatalities_high"]] = ""

    return finish_import(raw, lines, rejected, problems, table.records, table.problems,
                         source=file_name, encoding=table.encoding, notes=table.notes + dates.notes, progress=progress)


def import_ucdp(path: str | os.PathLike, progress: Progress | None = None) -> ImportResult:
    """Read a UCDP GED CSV (any encoding, mixed date forms, optional HXL row), reporting the rows read and checked
    to `progress`. Raises EventsFileError if unusable."""
    return convert_ucdp(read_table(path, progress), Path(path).name, progress)
