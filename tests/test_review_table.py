"""review.table: the table the Add page edits, built from the extractor's candidates."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from conflictmap import review, timeline
from conflictmap.schema import COLUMNS
from tests.review_support import proposals


def test_review_table_flags_events_already_saved_and_records_the_origin():
    first = proposals(source_name="Test Wire", source_url="https://example.org/a")
    assert list(first[review.KEEP]) == [True, True]
    assert first[review.DECISION].isna().all(), "only rows that may repeat a saved event ask for a decision"
    assert set(first["origin"]) == {"Test Wire https://example.org/a"}
    assert (first[review.DUPLICATE_OF] == "").all()
    assert first["event_id_cnty"].str.fullmatch(r"CM-2024-11-04-[0-9a-f]{8}").all()

    saved = first[COLUMNS].iloc[[0]]
    again = proposals(saved)
    kharkiv = first["event_id_cnty"].iat[0]
    assert again[review.DUPLICATE_OF].iat[0].startswith(f"{kharkiv} 2024-11-04 Kharkiv")
    assert again[review.DUPLICATE_OF].iat[1] == ""
    assert list(again[review.DECISION].fillna("")) == [review.SKIP, ""]
    assert review.decision_options(again) == [review.SKIP, review.SAVE_NEW, review.MERGE_INTO + kharkiv]


def test_text_without_a_named_source_is_its_own_source():
    table = proposals()
    assert set(table["origin"]) == {"pasted text, 2024-11-05"}
    assert all(source for source in table["source"])


# --- saving -------------------------------------------------------------------------------------------------------


def test_each_candidate_reads_whole_beside_the_table():
    table = proposals(source_name="Test Wire")
    table.loc[1, "fatalities"] = None
    table.loc[1, "location"] = "Mykolaiv"
    table.loc[0, review.KEEP] = False
    first, second = review.describe_candidates(table)
    assert (first.number, first.kept, second.number) == (1, False, 2)
    assert first.when == "2024-11-04 to 2024-11-05" and first.what.startswith("Explosions/Remote violence")  # "overnight"
    assert first.place == "Kharkiv, Ukraine (in this place, drawn at its centre)", "each name once, as the popup"
    assert first.lat is not None and first.evidence.startswith("Russian drones struck Kharkiv")
    assert first.figures == "killed: unknown, 4 injured", "unknown stays unknown, never 0"
    assert second.place == "Mykolaiv: looked up in the gazetteer when you save" and second.lat is None, (
        "an edited place is not drawn where the old one was")
    assert second.figures == "killed: unknown, injured: unknown"


def test_a_candidate_over_two_days_shows_both():
    """'В ночь на 27 ноября' is saved as 26-27 November: the card showed only the 26th, and a reviewer 'fixed' it."""
    table = proposals()
    table.loc[0, "event_date"] = pd.Timestamp("2024-11-26")
    table.loc[0, "event_date_end"] = pd.Timestamp("2024-11-27")
    assert review.describe_candidates(table)[0].when == "2024-11-26 to 2024-11-27"


def test_markup_in_a_candidate_stays_plain_text_for_the_page_to_escape():
    table = proposals()
    table.loc[0, "actor1"] = "<img src=x onerror=alert(1)>"
    assert review.describe_candidates(table)[0].actors.startswith("<img src=x onerror=alert(1)>")



def test_only_rows_saved_as_new_are_drawn_where_they_will_land():
    """A row held back (skip) or merged into a saved event adds no event there: the map of where new events land
    left it out only when it was unticked, so a skipped repeat looked as if it would be saved."""
    first = proposals()
    again = proposals(first[COLUMNS].iloc[[0]])
    kharkiv = first["event_id_cnty"].iat[0]
    landing = [[c.saved_as_new for c in review.describe_candidates(again.assign(**{review.DECISION: [d, None]}))]
               for d in (review.SKIP, review.MERGE_INTO + kharkiv, None, review.SAVE_NEW)]
    assert landing == [[False, True], [False, True], [False, True], [True, True]]
    again.loc[1, review.KEEP] = False
    assert [c.saved_as_new for c in review.describe_candidates(again)] == [False, False]


def test_every_view_says_a_week_precision_date_by_its_day_never_a_span_past_it():
    """A date known only to the week was said as the Monday-to-Sunday week holding it (newcomer trial 6); but
    time_precision 2 also marks a day that only dates a statement (our extractor's "the past 24 hours" in a report
    of 2024-11-05 records 2024-11-04; CM-SEED-004 is only known by 2024-11-04), and that week ran six days past
    the report (newcomer trial 7). Every view says "around DAY (known to the week)". The map script's dateText
    is tested on the same cases (tests/js/when.json), so popups, lists, cards and the Events table say one date
    alike; the Timeline still bins the event into its Monday week."""
    cases = json.loads((Path(__file__).parent / "js" / "when.json").read_text())
    events = pd.DataFrame(cases)
    assert list(review.when_text(events)) == [c["text"] for c in cases]
    assert list(review.when_text(events, brief=True)) == [c["brief"] for c in cases]
    assert review.when_text(pd.DataFrame({"event_date": [""], "time_precision": ["2"]})).tolist() == ["no date"]

    table = proposals()
    table.loc[0, "event_date"] = pd.Timestamp("2024-11-07")
    table.loc[0, ["event_date_end", "time_precision"]] = [pd.NaT, 2]
    assert review.describe_candidates(table)[0].when == "around 2024-11-07 (known to the week)"
    statement = pd.DataFrame({"event_date": [pd.Timestamp("2024-11-04")], "time_precision": [2]})
    assert "2024-11-10" not in review.when_text(statement).iat[0], "no day after the report it rests on"
    week = timeline.counts_by_period(pd.DataFrame({"event_date": [pd.Timestamp("2024-11-07")],
                                                   "event_date_end": [pd.NaT], "time_precision": [2],
                                                   "event_type": ["Battles"], "geo_precision": [1]}), "week")
    assert str(week["period_start"].iat[0])[:10] == "2024-11-04", "the Timeline's bar is that week"
