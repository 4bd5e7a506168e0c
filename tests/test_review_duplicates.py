"""review.duplicates: which saved events a proposed event may repeat."""
from __future__ import annotations

from geopy.distance import geodesic

from conflictmap import review
from conflictmap.schema import empty_events
from tests.helpers import row
from tests.review_support import events


def test_duplicates_need_same_type_close_dates_and_close_places():
    saved = events(
        row(event_id_cnty="NEAR", event_date="2024-11-03", latitude="50.0", longitude="30.0"),
        row(event_id_cnty="FAR", event_date="2024-11-03", latitude="50.1", longitude="30.0"),
        row(event_id_cnty="LATE", event_date="2024-11-06", latitude="50.0", longitude="30.0"),
        row(event_id_cnty="BATTLE", event_date="2024-11-04", event_type="Battles", sub_event_type="Armed clash"),
        row(event_id_cnty="UNPLACED", event_date="2024-11-04", latitude="", longitude="", geo_precision="",
            location="Hill 203"),
    )
    assert geodesic((50.03, 30.0), (50.0, 30.0)).km < review.DUPLICATE_KM < geodesic((50.03, 30.0), (50.1, 30.0)).km
    new = events(
        row(event_id_cnty="N1", event_date="2024-11-04", latitude="50.03", longitude="30.0"),
        row(event_id_cnty="N2", event_date="2024-11-04", latitude="", longitude="", geo_precision="",
            location="hill 203 "),
        row(event_id_cnty="N3", event_date="2024-11-04", latitude="", longitude="", geo_precision="",
            location="Hill 204"),
        row(event_id_cnty="N4", event_date="2024-11-09", latitude="50.0", longitude="30.0"),
    )
    assert review.duplicates_of(new, saved) == [["NEAR"], ["UNPLACED"], [], []]
    assert review.duplicates_of(new, empty_events()) == [[], [], [], []]
