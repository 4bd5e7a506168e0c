"""importers/dates.py: foreign date forms read into ISO dates, the day/month order proven from the data, never
guessed, and every decision written down."""
from __future__ import annotations

import pandas as pd
import pytest

from conflictmap.importers.dates import DAY_FIRST, MONTH_FIRST, read_dates


def read(values: dict[str, list[str]], **kwargs):
    frame = pd.DataFrame(values, dtype=object)
    return read_dates(frame, list(values), lines=range(2, len(frame) + 2), **kwargs)


def test_iso_and_acleds_month_names_need_no_order():
    reading = read({"d": ["2024-02-16", "16 February 2024", "16 Feb 2024", "2024-02-16T10:30:00Z", ""]})
    assert reading.iso["d"].tolist() == ["2024-02-16"] * 4 + [""]
    assert not reading.bad.any() and reading.problems == [] and reading.notes == []


def test_a_number_above_12_proves_the_order_of_its_form():
    reading = read({"d": ["16/02/2024", "03/04/2024"]})
    assert reading.iso["d"].tolist() == ["2024-02-16", "2024-04-03"]
    assert reading.notes == ["d: dates written like '16/02/2024' read as day/month (1 values have a number above "
                             "12 that proves it)"]
    assert read({"d": ["02/16/2024", "03/04/2024"]}).iso["d"].tolist() == ["2024-02-16", "2024-03-04"]


def test_forms_are_told_apart_by_separator_and_time_part():
    """UCDP writes '1/22/2014 12:00:00 AM' and '02/06/2023 00:00' in one column: each form proves its own order."""
    reading = read({"d": ["1/22/2014 12:00:00 AM", "2/3/2014 12:00:00 AM", "13.02.2023", "02.03.2023"]})
    assert reading.iso["d"].tolist() == ["2014-01-22", "2014-02-03", "2023-02-13", "2023-03-02"]
    assert len(reading.notes) == 2


def test_an_unproven_form_takes_the_column_then_the_file_then_the_convention():
    column = read({"d": ["16/02/2024", "03/04/2024 10:00"]})
    assert column.iso["d"].tolist() == ["2024-02-16", "2024-04-03"]
    assert "the order proven by the column's other forms" in column.notes[-1]
    other = read({"start": ["16/02/2024"], "end": ["03/04/2024 10:00"]})
    assert other.iso["end"].tolist() == ["2024-04-03"]
    assert "the order proven by the file's other date columns" in other.notes[-1]
    convention = read({"d": ["03/04/2024"]}, convention=MONTH_FIRST, convention_name="the source's order")
    assert convention.iso["d"].tolist() == ["2024-03-04"]
    assert "nothing in the file proves the order; assumed the source's order" in convention.notes[-1]


def test_without_proof_or_convention_an_ambiguous_date_is_refused_by_line():
    reading = read({"d": ["03/04/2024", "05/05/2024"]})
    assert reading.iso["d"].tolist() == ["", "2024-05-05"], "the same number twice needs no order"
    assert reading.bad.tolist() == [True, False]
    assert [(i, p.line, p.column, p.reason) for i, p in reading.problems] == [
        (0, 2, "d", "'03/04/2024': cannot tell the day from the month")]


def test_mixed_orders_read_only_what_is_certain():
    reading = read({"d": ["16/02/2024", "02/17/2024", "03/04/2024"]}, convention=DAY_FIRST)
    assert reading.iso["d"].tolist() == ["2024-02-16", "2024-02-17", ""]
    assert "come in both day/month and month/day order" in reading.notes[0]


@pytest.mark.parametrize("value, reason", [
    ("2024-02-30", "'2024-02-30' is not a real calendar date"),
    ("31/02/2024", "'31/02/2024' is not a real calendar date (read as day/month)"),
    ("yesterday", "'yesterday' is not a date in a known form"),
    ("2024/02/16", "'2024/02/16' is not a date in a known form"),
])
def test_impossible_and_unknown_forms_are_reported(value, reason):
    reading = read({"d": [value, "16/02/2024"]})
    assert reading.iso["d"].tolist()[0] == "" and reading.bad.tolist() == [True, False]
    assert reading.problems[0][1].reason == reason


@pytest.mark.parametrize("value", ["yesterday", "3 days ago", "tomorrow", "last Monday"])
def test_relative_words_are_not_read_against_the_day_of_the_import(value):
    """'yesterday' was read as the day before the import: a date invented by the reader."""
    reading = read({"d": [value]})
    assert reading.iso["d"].tolist() == [""] and reading.bad.tolist() == [True]


def test_other_absolute_wordings_go_through_dateparser():
    assert read({"d": ["February 16, 2024", "Monday 16 February 2024"]}).iso["d"].tolist() == ["2024-02-16"] * 2
