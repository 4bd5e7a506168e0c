"""The review table the Add page edits: built from the extractor's candidates, read back as the schema's text cells."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from ..schema import COLUMNS, DISORDER_BY_EVENT_TYPE, INTEGER_COLUMNS, to_text_frame
from .duplicates import describe_duplicates, duplicate_positions
from .inputs import attributed

KEEP = "keep"
DECISION = "decision"  # for a row that may repeat a saved event: SKIP, SAVE_NEW or MERGE_INTO + the saved id
SKIP = "skip"
SAVE_NEW = "save as new"
MERGE_INTO = "merge into "
DUPLICATE_OF = "duplicate_of"
LOCATED_AS = "located_as"  # the location the row's coordinates were looked up for; a different one is re-placed
EVIDENCE = ["evidence", "confidence"]
TABLE_COLUMNS = [KEEP, DUPLICATE_OF, DECISION] + COLUMNS + EVIDENCE + [LOCATED_AS]


def admin1_in_dataset_form(name, admin1_form: Callable[[str], str] | None):
    """An admin1 name (the geocoder's GeoNames form: "Kiev", "Kharkiv") as `admin1_form(name) -> name` (the
    geocoder's `dataset_admin1`) gives it: the form the dataset's rows use ("Kyiv Oblast"). A blank or missing
    name, or no form given, leaves it as it is."""
    return admin1_form(name) if admin1_form is not None and isinstance(name, str) and name else name


def in_dataset_form(admin1: pd.Series, admin1_form: Callable[[str], str] | None) -> pd.Series:
    """Each name of `admin1` in the dataset's form (admin1_in_dataset_form)."""
    if admin1_form is None:
        return admin1
    return admin1.map(lambda name: admin1_in_dataset_form(name, admin1_form))


def review_table(candidates: pd.DataFrame, origin: str, existing: pd.DataFrame,
                 admin1_form: Callable[[str], str] | None = None) -> pd.DataFrame:
    """The extractor's candidates (`candidates_to_frame`) as the table the page edits: every row kept, each
    one's possible duplicates among `existing` named, `origin` recorded (and used as the source when the text
    named none). With `admin1_form`, the region is named as the saved row and the map will name it (the cards
    said "Bila Tserkva, Kiev, Ukraine" where the saved row said "Kyiv Oblast")."""
    table = candidates.copy()
    for col in COLUMNS + EVIDENCE:
        if col not in table:
            table[col] = ""
    table["admin1"] = in_dataset_form(table["admin1"], admin1_form)
    table["origin"] = origin
    table["source"] = [attributed(source, origin) for source in table["source"]]
    table[KEEP] = True
    table[DUPLICATE_OF] = [describe_duplicates(p, existing) for p in duplicate_positions(table, existing)]
    table[DECISION] = [SKIP if described else None for described in table[DUPLICATE_OF]]
    table[LOCATED_AS] = table["location"].fillna("").astype(str)
    return table[TABLE_COLUMNS].reset_index(drop=True)


def decisions(table: pd.DataFrame) -> pd.Series:
    """Each row's decision as text ("" when none: the row was not flagged as a possible repeat)."""
    if DECISION not in table:
        return pd.Series("", index=table.index, dtype=object)
    return table[DECISION].map(lambda c: c if isinstance(c, str) else "")


def _number_text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_to_text(rows: pd.DataFrame) -> pd.DataFrame:
    """Edited table rows as the schema's text cells, ready for `validate_frame` (disorder type follows the
    event type; a number the editor left fractional stays visible to validation instead of being rounded)."""
    rows = rows.copy()
    rows["disorder_type"] = rows["event_type"].map(lambda t: DISORDER_BY_EVENT_TYPE.get(t, "") if isinstance(
        t, str) else "")
    text = to_text_frame(rows.drop(columns=INTEGER_COLUMNS))
    for col in INTEGER_COLUMNS:
        text[col] = rows[col].map(_number_text) if col in rows else ""
    return text[COLUMNS]


# How the app says a place's precision (ACLED's geo_precision) and a date's (time_precision), and which names of
# a place it says, finest first, each once ("Kharkiv, Kharkiv, Ukraine" says Kharkiv twice). The one home of
# these words: the Add page's cards read them here, the map's popups and lists (static/conflictmap/details.js)
# read them from the layer's payload (`precision_words`), in the app and in an exported file alike.
PLACE_PRECISION = {1: "in this place, drawn at its centre", 2: "near or part of the place",
                   3: "only the region is known", 4: "only the country is known"}
# A date known only to the week is said by the day recorded, never as a span: time_precision 2 also marks a day
# that only dates the statement ("the past 24 hours" in a report of 2024-11-05 records 2024-11-04; CM-SEED-004 is
# only known to have happened by 2024-11-04), and a Monday-to-Sunday week would run days past the report.
# Each precision: (words before the date, the note after it in parentheses).
TIME_PRECISION = {2: ("around", "known to the week"), 3: ("month of", "exact day unknown")}
# A span of days at time_precision 2 or 3 is the range the day is known within, not an event that ran the whole
# span: UCDP's date_start and date_end are the earliest and latest possible days (GED codebook; its date_prec 2-5
# become 2 or 3 on import), our extractor's "the past 24 hours" the day before the statement and its day. Said as
# that range ("between 2022-09-11 and 2022-09-12 (exact day unknown)"), never by the precision's word, which
# suggests less ("known to the week" beside two days) or more ("month of" beside a range over two months).
# (words before the first day, between the days, the note after them.)
TIME_RANGE = ("between", "and", "exact day unknown")
PLACE_NAMES = ["location", "admin2", "admin1", "country"]


def precision_words() -> dict:
    """The precision words and the place names to say, as the map script reads them from its payload:
    {"place": {geo_precision: words}, "time": {time_precision: words}, "range": TIME_RANGE, "placeNames":
    [column, ...]} (JSON turns the integer keys into strings; the script looks them up by the number)."""
    return {"place": PLACE_PRECISION, "time": TIME_PRECISION, "range": TIME_RANGE, "placeNames": PLACE_NAMES}


def when_text(events: pd.DataFrame, brief: bool = False) -> pd.Series:
    """When each event happened, as the map's popups say it (static/conflictmap/details.js dateText): a span
    of days "2022-02-24 to 2022-09-23"; a span whose exact day is unknown (time_precision 2 or 3, see TIME_RANGE)
    "between 2022-09-11 and 2022-09-12 (exact day unknown)"; a date known only to the week "around 2024-11-04
    (known to the week)", the day recorded and no span past it (ACLED's time_precision 2 records a day within the
    source's week, and our extractor the day a report dates, which may end that week: a week would claim days
    after the report); known only to the month "month of 2024-11 (exact day unknown)"; else the day. `brief`
    (list lines) leaves out the note in parentheses. Reads event_date (datetime64), event_date_end and
    time_precision; returns text (same index), "no date" where event_date is blank. The Timeline's weeks are its
    bins, not these words."""
    start = pd.to_datetime(events["event_date"], errors="coerce")
    end = pd.to_datetime(events.get("event_date_end", pd.Series(pd.NaT, index=events.index)), errors="coerce")
    precision = pd.to_numeric(events["time_precision"], errors="coerce")
    day, last = start.dt.strftime("%Y-%m-%d"), end.dt.strftime("%Y-%m-%d")
    spans = end.notna() & (end > start)
    text = day.where(~spans, day + " to " + last)
    for level, (before, note) in TIME_PRECISION.items():
        at = precision.eq(level)
        said = day if level == 2 else start.dt.strftime("%Y-%m")
        text = text.where(~at | spans, before + " " + said)
        if not brief:
            text = text.where(~at | spans, text + " (" + note + ")")
    within = spans & precision.isin(list(TIME_PRECISION))
    first, between, note = TIME_RANGE
    text = text.where(~within, f"{first} " + day + f" {between} " + last + ("" if brief else f" ({note})"))
    return text.where(start.notna(), "no date")


def place_names(row) -> list[str]:
    """The names of `row`'s place (a mapping of column to cell) in PLACE_NAMES order, blanks left out, each once."""
    return list(dict.fromkeys(name for name in (_text(row.get(col)) for col in PLACE_NAMES) if name))


@dataclass(frozen=True)
class CandidateCard:
    """One row of the review table as the reviewer reads it beside the table (plain text, never markup).

    `number` is the table row (1-based); `saved_as_new`: saving adds it as an event (kept, and not skipped or
    merged into a saved event, which keeps its own place); `lat`/`lon` (degrees WGS84) are where the event will
    land, None when it is not placed or its location was edited and is looked up again when saving.
    """

    number: int
    kept: bool
    saved_as_new: bool
    when: str
    what: str
    place: str
    figures: str
    actors: str
    source: str
    claim: str
    evidence: str
    repeats: str = ""
    lat: float | None = None
    lon: float | None = None


def _text(value) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else str(
        value).strip()


def _count(value, what: str) -> str:
    text = _number_text(value)
    return f"{text} {what}" if text else f"{what}: unknown"


def describe_candidates(table: pd.DataFrame) -> list[CandidateCard]:
    """Each row of the (edited) review table as a card: date with its precision, type, place with its precision
    and whether it is placed, figures (unknown stays unknown, never 0), actors, source, claim, evidence, and the
    saved events it may repeat with the decision taken."""
    cards = []
    whens = when_text(table) if len(table) else pd.Series(dtype=object)  # "в ночь на 27 ноября": two days
    for number, row in enumerate(table.to_dict("records"), start=1):
        when = whens.iat[number - 1]
        location, located_as = _text(row["location"]), _text(row.get(LOCATED_AS))
        lat, lon = pd.to_numeric(row["latitude"], errors="coerce"), pd.to_numeric(row["longitude"], errors="coerce")
        placed = location == located_as and not (pd.isna(lat) or pd.isna(lon))
        if location != located_as:
            place = f"{location or 'no place'}: looked up in the gazetteer when you save"
        elif placed:
            precision = PLACE_PRECISION.get(int(row["geo_precision"]), "") if _number_text(row["geo_precision"]) else ""
            where = ", ".join(place_names(row))
            place = f"{where} ({precision})" if precision else where
        else:
            place = f"{location}: not placed (no coordinates)" if location else "no place named"
        actors = " / ".join(a for a in (_text(row["actor1"]), _text(row["actor2"])) if a)
        repeats, decision = _text(row.get(DUPLICATE_OF)), _text(row.get(DECISION))
        if repeats:
            repeats = f"May repeat {repeats}; decision: {decision or 'none yet'}"
        kept = bool(row.get(KEEP, True))
        saved_as_new = kept and (decision == SAVE_NEW if repeats else not (decision == SKIP or decision.startswith(
            MERGE_INTO)))
        cards.append(CandidateCard(
            number=number, kept=kept, saved_as_new=saved_as_new, when=when,
            what=", ".join(p for p in (_text(row["event_type"]), _text(row["sub_event_type"])) if p) or "no type",
            place=place, figures=f"{_count(row['fatalities'], 'killed')}, {_count(row['injuries'], 'injured')}",
            actors=actors or "no actor named", source=_text(row["source"]) or "no source",
            claim=f"claim by {_text(row['claimed_by'])}" if _text(row["claimed_by"]) else "",
            evidence=_text(row.get("evidence")), repeats=repeats, lat=float(lat) if placed else None,
            lon=float(lon) if placed else None,
        ))
    return cards
