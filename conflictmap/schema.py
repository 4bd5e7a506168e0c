"""The event schema: ACLED's column names where ACLED has the concept, plus what news reports need.

Everything here is pure: it describes columns and checks values, and knows nothing of files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

# ACLED's own columns, in ACLED's export order (the ones this tool keeps).
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]

# What ACLED lacks and news reports or other datasets need.
EXTRA_COLUMNS = [
    "injuries",
    "fatalities_low",
    "fatalities_high",
    "event_date_end",
    "source_url",
    "claimed_by",
    "origin",
    "original_precision",
]

COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

COLUMN_DOCS = {
    "event_id_cnty": "Unique id of the event (ACLED's id is kept on import, e.g. UKR12345).",
    "event_date": "Date of the event, ISO YYYY-MM-DD; when only the week or month is known, a day within it (for news,"
                  " the day of the report that dates it) and time_precision says so.",
    "time_precision": "1 = the day is known, 2 = only the week, 3 = only the month. Blank = unknown.",
    "disorder_type": "ACLED's disorder type (Political violence, Demonstrations, Strategic developments).",
    "event_type": "ACLED event type (see the taxonomy below). Required.",
    "sub_event_type": "ACLED sub-event type belonging to the event type.",
    "actor1": "Main actor (e.g. Military Forces of Russia (2000-)).",
    "assoc_actor_1": "Actors associated with actor1.",
    "actor2": "Second actor (target or opponent).",
    "assoc_actor_2": "Actors associated with actor2.",
    "country": "Country where the event took place.",
    "admin1": "First-level region (oblast).",
    "admin2": "Second-level region (raion / city district).",
    "location": "Place name as coded.",
    "latitude": "WGS84 latitude, from the gazetteer or geocoder, never typed by hand. Blank = not placed.",
    "longitude": "WGS84 longitude.",
    "geo_precision": "1 = the place itself, 2 = near or part of it, 3 = only the region is known.",
    "source": "Outlets and people the event rests on, separated by '; '. Required.",
    "notes": "What happened, in the coder's own words.",
    "fatalities": "Reported deaths (best estimate). Blank = unknown, which is not zero.",
    "injuries": "Reported injured. Blank = unknown.",
    "fatalities_low": "Low estimate of deaths where the source gives a range (UCDP's low).",
    "fatalities_high": "High estimate of deaths (UCDP's high).",
    "event_date_end": "Last day of the event when it spans several days (UCDP's date_end). Blank = event_date.",
    "source_url": "Zero or more http(s) links to the sources, separated by spaces.",
    "claimed_by": "Set when the event rests on one party's claim: who claims it.",
    "origin": "The document or dataset the row came from.",
    "original_precision": "Precision codes of the original dataset, kept verbatim (e.g. where_prec=4;date_prec=1).",
}

EVENT_TYPES: dict[str, list[str]] = {
    "Battles": [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    "Explosions/Remote violence": [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Suicide bomb",
        "Chemical weapon",
    ],
    "Violence against civilians": [
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
    "Protests": [
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ],
    "Riots": [
        "Violent demonstration",
        "Mob violence",
    ],
}

DISORDER_TYPES = [
    "Political violence",
    "Demonstrations",
    "Strategic developments",
    "Political violence; Demonstrations",
]

DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Strategic developments": "Strategic developments",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
}

INTEGER_COLUMNS = ["time_precision", "geo_precision", "fatalities", "injuries", "fatalities_low", "fatalities_high"]
FLOAT_COLUMNS = ["latitude", "longitude"]
TEXT_COLUMNS = [c for c in COLUMNS if c not in INTEGER_COLUMNS + FLOAT_COLUMNS]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL_OK = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with one input row; `line` is the physical line in the file (1 = header)."""

    line: int
    column: str
    reason: str
    severity: str = "error"  # "error": the row is left out; "warning": the row is kept, the value cleared

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        col = f" [{self.column}]" if self.column else ""
        return f"{where}{col}: {self.reason}"


def safe_urls(value: str) -> list[str]:
    """The http(s) links in a source_url cell; anything else (javascript:, data:, junk) is not a link."""
    return [u for u in str(value or "").split() if _URL_OK.match(u)]


def bad_urls(value: str) -> list[str]:
    return [u for u in str(value or "").split() if not _URL_OK.match(u)]


def _int_column(values: pd.Series, name: str, lines: np.ndarray, problems: list, low: int, high: int | None):
    text = values.str.strip()
    blank = text == ""
    numbers = pd.to_numeric(text.where(~blank), errors="coerce")
    whole = numbers.notna() & (numbers == np.floor(numbers.fillna(0)))
    in_range = whole & (numbers >= low) & ((numbers <= high) if high is not None else True)
    bad = ~blank & ~in_range
    for idx in np.flatnonzero(bad.to_numpy()):
        limit = f"{low}..{high}" if high is not None else f">= {low}"
        problems.append(
            (idx, RowProblem(int(lines[idx]), name, f"{text.iat[idx][:40]!r} is not a whole number in {limit}"))
        )
    return numbers.where(in_range).astype("Int64"), bad.to_numpy()


def _float_column(values: pd.Series, name: str, lines, problems, low: float, high: float):
    text = values.str.strip()
    blank = text == ""
    numbers = pd.to_numeric(text.where(~blank), errors="coerce")
    ok = numbers.notna() & (numbers >= low) & (numbers <= high)
    bad = ~blank & ~ok
    for idx in np.flatnonzero(bad.to_numpy()):
        problems.append(
            (idx, RowProblem(int(lines[idx]), name, f"{text.iat[idx][:40]!r} is not a number in {low}..{high}"))
        )
    return numbers.where(ok).astype("float64"), bad.to_numpy()


def _dates(values: pd.Series, name: str, lines, problems, required: bool):
    text = values.str.strip()
    blank = text == ""
    shaped = text.str.match(_ISO_DATE)
    parsed = pd.to_datetime(text.where(shaped), format="%Y-%m-%d", errors="coerce")
    ok = parsed.notna()
    bad = (~ok & ~blank) | (blank & required)
    for idx in np.flatnonzero(bad.to_numpy()):
        value = text.iat[idx]
        reason = "missing date" if value == "" else f"{value[:40]!r} is not a date YYYY-MM-DD"
        problems.append((idx, RowProblem(int(lines[idx]), name, reason)))
    return parsed, bad.to_numpy()


def validate_frame(raw: pd.DataFrame, lines: np.ndarray | None = None) -> tuple[pd.DataFrame, list[RowProblem]]:
    """Check raw text cells against the schema.

    `raw` holds strings (one column per schema column, missing ones blank); `lines` gives each row's line in
    its file. Returns the typed rows that passed and every problem found, errors and warnings, in line order.
    Rows with an error are left out; warnings clear the offending value and keep the row.
    """
    n = len(raw)
    if lines is None:
        lines = np.arange(2, n + 2)
    lines = np.asarray(lines)
    raw = raw.reindex(columns=COLUMNS, fill_value="").fillna("").astype(str)
    problems: list[tuple[int, RowProblem]] = []
    errors = np.zeros(n, dtype=bool)
    out = pd.DataFrame(index=raw.index)

    for col in TEXT_COLUMNS:
        out[col] = raw[col].str.strip()

    ids = out["event_id_cnty"]
    missing_id = (ids == "").to_numpy()
    duplicated = (ids.duplicated(keep="first") & (ids != "")).to_numpy()
    for idx in np.flatnonzero(missing_id):
        problems.append((idx, RowProblem(int(lines[idx]), "event_id_cnty", "missing event id")))
    for idx in np.flatnonzero(duplicated):
        problems.append(
            (idx, RowProblem(int(lines[idx]), "event_id_cnty", f"duplicate event id {ids.iat[idx][:40]!r}"))
        )
    errors |= missing_id | duplicated

    out["event_date"], bad = _dates(raw["event_date"], "event_date", lines, problems, required=True)
    errors |= bad
    out["event_date_end"], bad = _dates(raw["event_date_end"], "event_date_end", lines, problems, required=False)
    errors |= bad
    ends_before = (out["event_date_end"].notna() & (out["event_date_end"] < out["event_date"])).to_numpy()
    for idx in np.flatnonzero(ends_before):
        problems.append((idx, RowProblem(int(lines[idx]), "event_date_end", "ends before it starts")))
    errors |= ends_before

    types = out["event_type"]
    known_type = types.isin(list(EVENT_TYPES)).to_numpy()
    for idx in np.flatnonzero(~known_type):
        reason = "missing event type" if types.iat[idx] == "" else f"unknown event type {types.iat[idx][:60]!r}"
        problems.append((idx, RowProblem(int(lines[idx]), "event_type", reason)))
    errors |= ~known_type
    pairs = set((t, s) for t, subs in EVENT_TYPES.items() for s in subs)
    sub = out["sub_event_type"]
    sub_ok = np.fromiter(
        ((t, s) in pairs or s == "" for t, s in zip(types.to_numpy(), sub.to_numpy())), dtype=bool, count=n
    )
    for idx in np.flatnonzero(~sub_ok & known_type):
        problems.append(
            (idx, RowProblem(int(lines[idx]), "sub_event_type",
                             f"{sub.iat[idx][:60]!r} is not a sub-event type of {types.iat[idx]!r}"))
        )
    errors |= ~sub_ok

    disorder = out["disorder_type"]
    bad_disorder = (~disorder.isin(DISORDER_TYPES) & (disorder != "")).to_numpy()
    for idx in np.flatnonzero(bad_disorder):
        problems.append((idx, RowProblem(int(lines[idx]), "disorder_type",
                                         f"unknown disorder type {disorder.iat[idx][:60]!r}")))
    errors |= bad_disorder

    no_source = (out["source"] == "").to_numpy()
    for idx in np.flatnonzero(no_source):
        problems.append((idx, RowProblem(int(lines[idx]), "source", "no source: every event must name one")))
    errors |= no_source

    out["time_precision"], bad = _int_column(raw["time_precision"], "time_precision", lines, problems, 1, 3)
    errors |= bad
    out["geo_precision"], bad = _int_column(raw["geo_precision"], "geo_precision", lines, problems, 1, 3)
    errors |= bad
    for col in ("fatalities", "injuries", "fatalities_low", "fatalities_high"):
        out[col], bad = _int_column(raw[col], col, lines, problems, 0, None)
        errors |= bad
    out["latitude"], bad = _float_column(raw["latitude"], "latitude", lines, problems, -90.0, 90.0)
    errors |= bad
    out["longitude"], bad = _float_column(raw["longitude"], "longitude", lines, problems, -180.0, 180.0)
    errors |= bad
    half_placed = (out["latitude"].isna() != out["longitude"].isna()).to_numpy() & ~errors
    for idx in np.flatnonzero(half_placed):
        problems.append((idx, RowProblem(int(lines[idx]), "latitude", "latitude and longitude must both be given")))
    errors |= half_placed

    urls = out["source_url"]
    has_url = (urls != "").to_numpy()
    for idx in np.flatnonzero(has_url):
        rejected = bad_urls(urls.iat[idx])
        if rejected:
            problems.append(
                (idx, RowProblem(int(lines[idx]), "source_url",
                                 f"not an http(s) link, dropped: {rejected[0][:60]!r}", "warning"))
            )
            urls.iat[idx] = " ".join(safe_urls(urls.iat[idx]))
    out["source_url"] = urls

    problems.sort(key=lambda p: (p[1].line, p[0]))
    good = normalise_types(out.loc[~errors, COLUMNS].reset_index(drop=True))
    return good, [p for _, p in problems]


def normalise_types(events: pd.DataFrame) -> pd.DataFrame:
    """One dtype per column whatever the frame came from (parsing, Parquet, an importer)."""
    for col in ("event_date", "event_date_end"):
        events[col] = events[col].astype("datetime64[s]")
    return events


def empty_events() -> pd.DataFrame:
    good, _ = validate_frame(pd.DataFrame(columns=COLUMNS))
    return good


def to_text_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Typed events back to the strings written in a CSV: ISO dates, integers without '.0', blank for unknown."""
    out = pd.DataFrame(index=events.index)
    for col in COLUMNS:
        if col not in events:
            out[col] = ""
            continue
        values = events[col]
        if col in ("event_date", "event_date_end"):
            out[col] = pd.to_datetime(values, errors="coerce").dt.strftime("%Y-%m-%d").fillna("")
        elif col in INTEGER_COLUMNS:
            out[col] = pd.to_numeric(values, errors="coerce").astype("Int64").astype("string").fillna("")
        elif col in FLOAT_COLUMNS:
            numbers = pd.to_numeric(values, errors="coerce")
            out[col] = numbers.map(lambda v: "" if pd.isna(v) else f"{v:.5f}".rstrip("0").rstrip("."))
        else:
            out[col] = values.fillna("").astype(str)
    return out
