"""The shared filter: each criterion selects what it says, and unknown figures never count as zero."""
from __future__ import annotations

import datetime as dt

import numpy as np
from geopy.distance import geodesic

from conflictmap.filters import EventFilter, filter_mask, linked_event, summary
from conflictmap.store import load_events
from tests.helpers import row, write_events


def events(tmp_path):
    rows = [
        row(event_id_cnty="A", event_date="2024-11-01", event_type="Battles", sub_event_type="Armed clash",
            notes="Clash NEAR the river", fatalities="2", latitude="50.0", longitude="30.0"),
        row(event_id_cnty="B", event_date="2024-11-02", injuries="15", latitude="50.0", longitude="30.7",
            geo_precision="2", actor1="Military Forces of Russia (2000-)"),
        row(event_id_cnty="C", event_date="2024-11-03", event_type="Strategic developments", sub_event_type="Other",
            latitude="", longitude="", geo_precision=""),
    ]
    return load_events(write_events(tmp_path / "e.csv", rows)).events


def ids(ev, spec):
    return list(ev["event_id_cnty"][filter_mask(ev, spec)])


def test_dates_types_and_subtypes(tmp_path):
    ev = events(tmp_path)
    assert ids(ev, EventFilter()) == ["A", "B", "C"]
    assert ids(ev, EventFilter(date_from=dt.date(2024, 11, 2))) == ["B", "C"]
    assert ids(ev, EventFilter(date_to=dt.date(2024, 11, 2))) == ["A", "B"]
    assert ids(ev, EventFilter(event_types=("Battles",))) == ["A"]
    assert ids(ev, EventFilter(event_types=())) == [], "no type ticked means nothing, not everything"
    assert ids(ev, EventFilter(sub_event_types=("Air/drone strike",))) == ["B"]


def test_text_search_is_plain_and_needs_every_word(tmp_path):
    ev = events(tmp_path)
    assert ids(ev, EventFilter(text="near river")) == ["A"]
    assert ids(ev, EventFilter(text="river russia")) == []
    assert ids(ev, EventFilter(text="russia")) == ["B"]
    assert ids(ev, EventFilter(text="(2000-)")) == ["B"], "search text is not a regular expression"


def test_precise_only_and_near(tmp_path):
    ev = events(tmp_path)
    assert ids(ev, EventFilter(precise_only=True)) == ["A"]
    d = geodesic((50.0, 30.0), (50.0, 30.7)).km
    assert ids(ev, EventFilter(near=(50.0, 30.0), within_km=d + 0.01)) == ["A", "B"]
    assert ids(ev, EventFilter(near=(50.0, 30.0), within_km=d - 0.01)) == ["A"], "the boundary is geopy's distance"


def test_summary_keeps_unknown_apart_from_zero(tmp_path):
    ev = events(tmp_path)
    counts = summary(ev, np.array([False, False, True]))
    assert counts["fatalities"] == "unknown" and counts["injuries"] == "unknown" and counts["unplaced"] == 1
    counts = summary(ev, np.ones(3, dtype=bool))
    assert (counts["fatalities"], counts["fatalities_known"], counts["injuries"]) == ("2", 1, "15")


def test_linked_event_position(tmp_path):
    ev = events(tmp_path)
    assert linked_event(ev, "C") == 2
    assert linked_event(ev, "missing") is None and linked_event(ev, None) is None
