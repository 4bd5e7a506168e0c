"""Dates as foreign files write them, read into ISO `YYYY-MM-DD` without guessing the day/month order.

Files mix forms (`2024-02-16`, `16 February 2024`, `1/22/2014 12:00:00 AM`, `02/06/2023 00:00`). Numeric forms with
slashes are grouped by their shape (separator and time part) per column, and each group's order is decided from the
data: a value whose first number is above 12 proves day/month, one whose second number is above 12 proves
month/day. A group with no such value takes the order proven in the same column, else elsewhere in the file, else
the source's documented convention, and every such decision is written down as a note.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..schema import RowProblem

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?:[ T]+(\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?))?$")
_DIGIT = re.compile(r"\d")
# Absolute dates only: a relative word ("yesterday", "3 days ago") in a dataset would be read against the day of the
# import and invent a date.
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY",
                        "PARSERS": ["absolute-time"]}

_MONTH_NAME_FORMS = ("%d %B %Y", "%d %b %Y")

DAY_FIRST, MONTH_FIRST = "day/month", "month/day"


@dataclass
class DateReading:
    """ISO text per column ("" where blank or unreadable), the problems by row index, and the decisions made."""

    iso: dict[str, pd.Series]
    problems: list[tuple[int, RowProblem]] = field(default_factory=list)
    bad: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class _Group:
    column: str
    shape: str
    values: dict[str, tuple[int, int, int]]  # raw value -> (first number, second number, year)
    order: str | None = None
    proof: int = 0


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _classify(column: str, uniques, groups: dict, resolved: dict, failed: dict) -> None:
    for value in uniques:
        if value == "":
            continue
        m = _ISO.match(value)
        if m:
            iso = _iso(int(m[1]), int(m[2]), int(m[3]))
            (resolved if iso else failed)[value] = iso or f"{value[:40]!r} is not a real calendar date"
            continue
        m = _NUMERIC.match(value)
        if m:
            shape = f"{m[2]}|{_DIGIT.sub('9', m[5] or '')}"
            group = groups.setdefault(shape, _Group(column, shape, {}))
            group.values[value] = (int(m[1]), int(m[3]), int(m[4]))
            continue
        iso = _month_name_date(value) if re.search(r"[A-Za-z]", value) and len(value) <= 40 else None
        if iso:
            resolved[value] = iso
        else:
            failed[value] = f"{value[:40]!r} is not a date in a known form"


def _month_name_date(value: str) -> str | None:
    """`16 February 2024` (ACLED's own form) directly; other wordings through dateparser, which is slower."""
    for form in _MONTH_NAME_FORMS:
        try:
            return dt.datetime.strptime(value, form).date().isoformat()
        except ValueError:
            pass
    import dateparser  # a third of a second to import, and most files never need it

    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed is not None else None


def _proven_order(group: _Group) -> None:
    day_first = sum(1 for a, b, _ in group.values.values() if a > 12)
    month_first = sum(1 for a, b, _ in group.values.values() if b > 12)
    if day_first and not month_first:
        group.order, group.proof = DAY_FIRST, day_first
    elif month_first and not day_first:
        group.order, group.proof = MONTH_FIRST, month_first
    elif day_first and month_first:
        group.order = "mixed"


def _example(group: _Group) -> str:
    return next(iter(group.values))


def read_dates(
    frame: pd.DataFrame,
    columns: list[str],
    lines,
    convention: str | None = None,
    convention_name: str = "",
) -> DateReading:
    """Read the date columns of `frame` (text cells) together, so that one column's proof can settle another's.

    `convention` (DAY_FIRST or MONTH_FIRST) is used only where the whole file proves nothing; without it such
    values are rejected as ambiguous, except those where day and month are the same number.
    """
    lines = np.asarray(lines)
    # Each column's distinct values are read once and the rows take their value's reading: a dataset has thousands
    # of dates for millions of rows.
    encoded = {c: pd.factorize(frame[c].fillna("").astype(str).str.strip()) for c in columns}
    groups: dict[str, dict[str, _Group]] = {}
    resolved: dict[str, dict[str, str]] = {}
    failed: dict[str, dict[str, str]] = {}
    for column in columns:
        groups[column], resolved[column], failed[column] = {}, {}, {}
        _classify(column, encoded[column][1], groups[column], resolved[column], failed[column])

    notes: list[str] = []
    all_groups = [g for column in columns for g in groups[column].values()]
    for group in all_groups:
        _proven_order(group)
        if group.order in (DAY_FIRST, MONTH_FIRST):
            notes.append(
                f"{group.column}: dates written like {_example(group)!r} read as {group.order} "
                f"({group.proof} values have a number above 12 that proves it)"
            )
        elif group.order == "mixed":
            notes.append(
                f"{group.column}: dates written like {_example(group)!r} come in both day/month and month/day "
                "order; only values whose order is certain are read"
            )
    for group in all_groups:
        if group.order is not None:
            continue
        same_column = {g.order for g in groups[group.column].values() if g.order in (DAY_FIRST, MONTH_FIRST)}
        whole_file = {g.order for g in all_groups if g.order in (DAY_FIRST, MONTH_FIRST)}
        if len(same_column) == 1:
            group.order = same_column.pop()
            why = "the order proven by the column's other forms"
        elif len(whole_file) == 1:
            group.order = whole_file.pop()
            why = "the order proven by the file's other date columns"
        elif convention is not None:
            group.order = convention
            why = f"nothing in the file proves the order; assumed {convention_name or 'the source convention'}"
        else:
            group.order = "unknown"
            continue
        notes.append(f"{group.column}: dates written like {_example(group)!r} read as {group.order}: {why}")

    for group in all_groups:
        for value, (a, b, year) in group.values.items():
            order = group.order
            if order in ("mixed", "unknown"):
                order = DAY_FIRST if a > 12 else MONTH_FIRST if b > 12 else DAY_FIRST if a == b else None
            if order is None:
                failed[group.column][value] = f"{value[:40]!r}: cannot tell the day from the month"
                continue
            day, month = (a, b) if order == DAY_FIRST else (b, a)
            iso = _iso(year, month, day)
            if iso:
                resolved[group.column][value] = iso
            else:
                failed[group.column][value] = f"{value[:40]!r} is not a real calendar date (read as {order})"

    problems: list[tuple[int, RowProblem]] = []
    bad = np.zeros(len(frame), dtype=bool)
    iso: dict[str, pd.Series] = {}
    for column in columns:
        codes, uniques = encoded[column]
        readings = pd.Series([resolved[column].get(value, "") for value in uniques], dtype="str")
        iso[column] = pd.Series(readings.take(codes).array, index=frame.index)
        if failed[column]:
            reasons = [failed[column].get(value) for value in uniques]
            is_bad = np.array([reason is not None for reason in reasons], dtype=bool)[codes]
            for idx in np.flatnonzero(is_bad):
                problems.append((int(idx), RowProblem(int(lines[idx]), column, reasons[codes[idx]])))
            bad |= is_bad
    return DateReading(iso, problems, bad, notes)
