"""No events file can make a page fail: generated files (hypothesis), each loaded as CONFLICTMAP_EVENTS and shown on
the map, the Timeline and the Events table in AppTest, with values at and beyond every edge the validator knows."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
import streamlit as st
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest

from conflictmap.schema import DISORDER_TYPES, EVENT_TYPES
from conflictmap.store import load_events
from tests.conftest import ROOT
from tests.helpers import row, write_events

PAGES = ("pages/0_Map.py", "pages/2_Events_table.py", "pages/1_Timeline.py")
PAIRS = [(t, s) for t, subs in EVENT_TYPES.items() for s in [""] + subs]
HOSTILE = ["<script>alert(1)</script>", "=1+1", "[x](javascript:alert(1))", "a\nb", "a\rb", "${x}", "\u202e", "*"]


TODAY = dt.date.today()
# Valid values, at and near the edges the validator allows.
good_dates = hs.one_of(hs.sampled_from([dt.date(1900, 1, 1), TODAY]), hs.dates(dt.date(1900, 1, 1), TODAY))
good_numbers = hs.one_of(hs.sampled_from(["", "0", "1000000"]), hs.integers(0, 1_000_000).map(str))
texts = hs.one_of(hs.text(max_size=30), hs.sampled_from(HOSTILE))
# What a damaged cell may hold instead: values that parse but are implausible, overflow, or are not values.
BAD_DATES = ["0025-03-14", "1899-12-31", "9999-12-31", "2024-02-31", "x", ""]
BAD_NUMBERS = ["-1", "inf", "1e400", "99999999999999999999", "1000001", "2.5", "x"]
BROKEN = {
    "event_id_cnty": ["", "Z-0"], "event_date": BAD_DATES, "event_date_end": BAD_DATES,
    "time_precision": ["0", "4", "x"], "geo_precision": ["0", "7", "x"], "disorder_type": ["Bogus"],
    "event_type": ["Bogus", ""], "sub_event_type": ["Bogus"], "latitude": ["91", "-90.5", "nan", ""],
    "longitude": ["181", "-inf", ""], "fatalities": BAD_NUMBERS, "injuries": BAD_NUMBERS,
    "fatalities_low": BAD_NUMBERS, "fatalities_high": BAD_NUMBERS, "source": [""],
    "source_url": ["javascript:alert(1)", "ftp://x"],
}


@hs.composite
def event_rows(draw, index: int) -> dict[str, str]:
    """A valid row with values at the edges, then up to two cells damaged."""
    kind, sub = draw(hs.sampled_from(PAIRS))
    start = draw(good_dates)
    end = draw(hs.one_of(hs.none(), hs.dates(start, TODAY)))
    placed = draw(hs.booleans())
    low, high = sorted([draw(good_numbers) or "0", draw(good_numbers) or "0"], key=int)
    cells = row(
        event_id_cnty=f"Z-{index}", event_date=start.isoformat(), event_date_end=end.isoformat() if end else "",
        time_precision=draw(hs.sampled_from(["", "1", "2", "3"])),
        disorder_type=draw(hs.sampled_from([""] + DISORDER_TYPES)), event_type=kind, sub_event_type=sub,
        actor1=draw(texts), actor2=draw(texts), location=draw(texts), admin1=draw(texts), notes=draw(texts),
        source="Wire " + draw(texts), claimed_by=draw(texts),
        latitude=f"{draw(hs.floats(-90, 90)):.5f}" if placed else "",
        longitude=f"{draw(hs.floats(-180, 180)):.5f}" if placed else "",
        geo_precision=draw(hs.sampled_from(["", "1", "2", "3"])),
        fatalities=draw(good_numbers), injuries=draw(good_numbers),
        fatalities_low=low if draw(hs.booleans()) else "", fatalities_high=high if draw(hs.booleans()) else "",
        source_url=draw(hs.sampled_from(["", "https://example.org/a", "http://x.org/1 https://y.org/2"])),
    )
    for column in draw(hs.lists(hs.sampled_from(sorted(BROKEN)), max_size=2)):
        cells[column] = draw(hs.sampled_from(BROKEN[column]))
    return cells


@hs.composite
def events_files(draw) -> list[dict[str, str]]:
    return [draw(event_rows(i)) for i in range(draw(hs.integers(0, 8)))]


@pytest.fixture(scope="module")
def isolated_caches():
    """Parsed files and browser files go to a temporary folder for this module."""
    with tempfile.TemporaryDirectory() as folder:
        before = os.environ.get("CONFLICTMAP_CACHE")
        os.environ["CONFLICTMAP_CACHE"] = folder
        yield Path(folder)
        if before is None:
            del os.environ["CONFLICTMAP_CACHE"]
        else:
            os.environ["CONFLICTMAP_CACHE"] = before


def pages_never_fail(path: Path, rows) -> None:
    """Open every page on the file (and each Timeline period); nothing may raise or show an error box."""
    valid = load_events(path).events
    previous = os.environ.get("CONFLICTMAP_EVENTS")
    os.environ["CONFLICTMAP_EVENTS"] = str(path)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
        for page in PAGES:
            if page != PAGES[0]:
                at.switch_page(page).run()
            assert not at.exception, (page, [e.value for e in at.exception], rows)
            assert not at.error, (page, [e.value for e in at.error], rows)
        if len(valid) and valid["event_date"].nunique() > 1:
            for period in at.radio(key="per").options:
                at.radio(key="per").set_value(period).run()
                assert not at.exception, (period, [e.value for e in at.exception], rows)
    finally:
        if previous is None:
            os.environ.pop("CONFLICTMAP_EVENTS", None)
        else:
            os.environ["CONFLICTMAP_EVENTS"] = previous


def test_every_edge_and_every_damaged_cell_in_one_file(isolated_caches, tmp_path):
    """Rows at each edge the validator allows, plus one row per damaged cell of BROKEN: whatever the validator
    lets through reaches the pages, so a rule that is too loose shows up as a page failure here."""
    edges = [row(event_id_cnty="EDGE-1", event_date="1900-01-01", latitude="90", longitude="180",
                 fatalities="1000000", injuries="0", fatalities_low="0", fatalities_high="1000000"),
             row(event_id_cnty="EDGE-2", event_date=TODAY.isoformat(), event_date_end=TODAY.isoformat(),
                 latitude="-90", longitude="-180", time_precision="3", geo_precision="3", notes=HOSTILE[0])]
    damaged = [row(**{"event_id_cnty": f"BAD-{n}", column: value})
               for n, (column, value) in enumerate((c, v) for c, values in BROKEN.items() for v in values)]
    path = write_events(tmp_path / "events.csv", edges + damaged)
    assert set(load_events(path).events["event_id_cnty"]) >= {"EDGE-1", "EDGE-2"}
    pages_never_fail(path, "every edge")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rows=events_files())
def test_no_generated_file_makes_a_page_fail(isolated_caches, rows):
    with tempfile.TemporaryDirectory() as folder:
        pages_never_fail(write_events(Path(folder) / "events.csv", rows), rows)
