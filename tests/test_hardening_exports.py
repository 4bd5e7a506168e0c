"""Spreadsheet formula injection: CSV exports neutralise cells a spreadsheet would run, and only those."""
from __future__ import annotations

import csv
import io
import subprocess
import sys

import pandas as pd
import pytest

from conflictmap import exports
from conflictmap.schema import validate_frame, COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, TEXT_COLUMNS
from conflictmap.store import load_events
from tests.conftest import ROOT
from tests.helpers import row, write_events

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
            '=HYPERLINK("http://127.0.0.1/?leak="&A1,"click")', "=cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"]
# Columns whose text a user or a foreign file controls (the date columns only ever hold ISO dates).
FREE_TEXT = [c for c in TEXT_COLUMNS
             if c not in ("event_date", "event_date_end", "disorder_type", "event_type", "sub_event_type")]


def hostile_events(tmp_path) -> pd.DataFrame:
    rows = []
    for k, formula in enumerate(FORMULAS):
        values = {c: formula for c in FREE_TEXT if c not in ("event_id_cnty", "source_url")}
        rows.append(row(event_id_cnty=f"{formula}#{k}", latitude="-33.5", longitude="-70.25", fatalities="0",
                        **values))
    events, problems = validate_frame(pd.DataFrame(rows))
    assert problems == [] and len(events) == len(FORMULAS)
    return events


def parsed(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_text_cell_that_starts_a_formula_is_neutralised(tmp_path):
    events = hostile_events(tmp_path)
    out = parsed(exports.csv_text(events))
    tried = 0
    for record, formula in zip(out, FORMULAS):
        for column in FREE_TEXT:
            if column == "source_url":
                continue
            cell = record[column]
            # the loader strips cells, so a leading tab or CR is gone and the '=' behind it is what must be caught
            expected = formula.strip() if column != "event_id_cnty" else f"{formula.strip()}#{FORMULAS.index(formula)}"
            assert cell == "'" + expected, (column, cell)
            tried += 1
    print(f"\nformula cells neutralised: {tried}")


def test_numbers_are_never_prefixed(tmp_path):
    events = hostile_events(tmp_path)
    for record in parsed(exports.csv_text(events)):
        assert record["latitude"] == "-33.5" and record["longitude"] == "-70.25"
        assert record["fatalities"] == "0"
        for column in INTEGER_COLUMNS + FLOAT_COLUMNS:
            assert not record[column].startswith("'"), column
        assert record["event_date"] == "2024-11-03"


def test_ordinary_text_is_not_changed(tmp_path):
    events = load_events(write_events(tmp_path / "plain.csv", [
        row(event_id_cnty="P-1", notes="Strike on a depot; 3 injured (-2 on last week).", actor1="Military A",
            source="Wire = Test", source_url="https://example.org/a?b=-1")])).events
    record = parsed(exports.csv_text(events))[0]
    assert record["notes"] == "Strike on a depot; 3 injured (-2 on last week)."
    assert record["source"] == "Wire = Test" and record["source_url"] == "https://example.org/a?b=-1"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_neutralise_formula_rule(value):
    assert exports.neutralise_formula(value) == "'" + value
    assert exports.neutralise_formula("a" + value) == "a" + value


def test_cli_export_is_neutralised_too(tmp_path):
    source = write_events(tmp_path / "in.csv", [row(event_id_cnty="C-1", notes="=1+1", longitude="-70.5")])
    out = tmp_path / "out.csv"
    done = subprocess.run([sys.executable, "-m", "conflictmap", "export", str(source), "--format", "csv",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    record = parsed(out.read_text(encoding="utf-8"))[0]
    assert record["notes"] == "'=1+1" and record["longitude"] == "-70.5"
    assert list(record) == COLUMNS
