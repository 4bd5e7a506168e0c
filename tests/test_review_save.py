"""review.save: what saving the reviewed table does (placing, validation, repeats held back), and its report."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conflictmap import review
from conflictmap.extraction import candidates_to_frame, extract_events
from conflictmap.geocoding import get_geocoder
from conflictmap.schema import empty_events
from conflictmap.store import SaveResult
from tests.review_support import PUBLISHED, TEXT, proposals


@pytest.fixture(scope="module")
def lookup():
    return get_geocoder().lookup


def test_plan_keeps_edits_drops_unticked_and_places_edited_locations(lookup):
    table = proposals(source_name="Test Wire")
    table.loc[0, "fatalities"] = 1
    table.loc[1, review.KEEP] = False
    plan = review.plan_save(table, empty_events(), lookup)
    assert not plan.problems and plan.dropped == 1
    assert list(plan.to_add["event_id_cnty"]) == [table["event_id_cnty"].iat[0]]
    assert plan.to_add["fatalities"].iat[0] == 1 and plan.to_add["injuries"].iat[0] == 4
    assert plan.placements == [] and plan.table_after.empty

    table = proposals(source_name="Test Wire")
    table.loc[1, "location"] = "Mykolaiv"
    table.loc[0, "location"] = "Nowhere-upon-Testing"
    plan = review.plan_save(table, empty_events(), lookup)
    expected = lookup("Mykolaiv")
    odesa_row = plan.to_add.iloc[1]
    assert (odesa_row["location"], odesa_row["latitude"], odesa_row["longitude"]) == (
        expected.name, expected.lat, expected.lon)
    assert odesa_row["admin1"] == expected.admin1
    unplaced = plan.to_add.iloc[0]
    assert unplaced["location"] == "Nowhere-upon-Testing" and pd.isna(unplaced["latitude"])
    assert unplaced["admin1"] == "" and pd.isna(unplaced["geo_precision"])
    found = {p.row: p for p in plan.placements}
    assert found[2].found and "Mykolaiv" in str(found[2])
    assert not found[1].found and "no coordinates" in str(found[1])


def test_ambiguous_place_names_its_candidates(lookup):
    table = proposals()
    table.loc[0, "location"] = "Mykolaivka"
    placement = review.plan_save(table, empty_events(), lookup).placements[0]
    assert not placement.found and len(placement.candidates) > 1
    assert "place, oblast" in str(placement)


def test_invalid_rows_block_the_save_with_their_row_numbers(lookup):
    table = proposals()
    table.loc[1, "sub_event_type"] = "Armed clash"
    table["fatalities"] = table["fatalities"].astype("Float64")  # as an editor returning decimals would
    table.loc[0, "fatalities"] = 2.5
    table.loc[0, "event_date"] = pd.NaT
    plan = review.plan_save(table, empty_events(), lookup)
    assert plan.to_add.empty
    reported = {(p.line, p.column) for p in plan.problems}
    assert reported == {(1, "event_date"), (1, "fatalities"), (2, "sub_event_type")}
    assert len(plan.table_after) == 2, "every row stays for the reviewer to fix"


def test_edited_event_type_sets_the_disorder_type(lookup):
    table = proposals()
    table.loc[0, "event_type"], table.loc[0, "sub_event_type"] = "Battles", "Armed clash"
    plan = review.plan_save(table, empty_events(), lookup)
    assert plan.to_add["disorder_type"].iat[0] == "Political violence"
    table.loc[0, "event_type"], table.loc[0, "sub_event_type"] = "Strategic developments", "Other"
    plan = review.plan_save(table, empty_events(), lookup)
    assert plan.to_add["disorder_type"].iat[0] == "Strategic developments"


def test_duplicates_are_held_back_unless_saved_as_new(lookup):
    first = review.plan_save(proposals(), empty_events(), lookup).to_add
    reworded = candidates_to_frame(extract_events(
        "A Russian drone hit a residential building in Kharkiv overnight, injuring four residents, the mayor said.",
        PUBLISHED))
    table = review.review_table(reworded, "pasted text, 2024-11-05", first)
    assert table[review.DUPLICATE_OF].iat[0].startswith(first["event_id_cnty"].iat[0])

    plan = review.plan_save(table, first, lookup)
    assert plan.to_add.empty and [h[1] for h in plan.held] == [table["event_id_cnty"].iat[0]]
    assert plan.held[0][0] == 1 and first["event_id_cnty"].iat[0] in plan.held[0][2]
    assert len(plan.table_after) == 1 and plan.table_after[review.DUPLICATE_OF].iat[0]

    retry = plan.table_after.copy()
    retry.loc[0, review.DECISION] = review.SAVE_NEW
    plan = review.plan_save(retry, first, lookup)
    assert list(plan.to_add["event_id_cnty"]) == [table["event_id_cnty"].iat[0]] and not plan.held


def test_events_with_an_id_already_saved_are_not_saved_again(lookup):
    first = review.plan_save(proposals(), empty_events(), lookup).to_add
    table = proposals(first)
    table[review.DECISION] = review.SAVE_NEW
    plan = review.plan_save(table, first, lookup)
    assert plan.to_add.empty
    assert plan.already_saved == [(1, first["event_id_cnty"].iat[0]), (2, first["event_id_cnty"].iat[1])]


def test_cleared_location_leaves_the_event_unplaced(lookup):
    table = proposals()
    table.loc[0, "location"] = None
    plan = review.plan_save(table, empty_events(), lookup)
    assert plan.to_add["location"].iat[0] == "" and pd.isna(plan.to_add["latitude"].iat[0])
    assert str(plan.placements[0]) == "row 1: location cleared; the event has no coordinates"


def test_the_plan_is_what_the_store_applies(lookup):
    plan = review.plan_save(proposals(), empty_events(), lookup)
    changes = plan.changes
    assert changes.to_add is plan.to_add and changes.updates == {} and not changes.empty


def test_the_report_says_what_the_store_did(lookup):
    plan = review.plan_save(proposals(), empty_events(), lookup)
    ids = tuple(plan.to_add["event_id_cnty"])
    done = review.report_save(plan, SaveResult(added=ids[:1], already_stored=ids[1:]))
    assert (done.kind, done.saved) == ("success", True)
    assert done.headline == ("Added 1 event, merged into 0 saved events. Skipped: 0 possible duplicates, "
                             "0 already saved, 0 unticked or skipped.")
    assert done.details == ("1 row was saved by someone else meanwhile",)
    nothing = review.report_save(plan, SaveResult(already_stored=ids))
    assert (nothing.kind, nothing.saved) == ("warning", False)


def test_the_report_of_a_refused_or_failed_save_says_nothing_was_saved(lookup):
    table = proposals()
    table.loc[1, "sub_event_type"] = "Armed clash"
    refused = review.report_save(review.plan_save(table, empty_events(), lookup))
    assert (refused.kind, refused.saved) == ("error", False)
    assert refused.headline.startswith("Nothing was saved: fix these rows")
    assert any(line.startswith("row 2 [sub_event_type]") for line in refused.details)
    failed = review.report_save(review.plan_save(proposals(), empty_events(), lookup), failure="the disk is full.")
    assert (failed.kind, failed.headline, failed.saved) == ("error", "Nothing was saved: the disk is full.", False)
    assert failed.details[-1] == "Every row is still in the table below: save again to try once more."


def test_a_saved_row_names_its_oblast_as_the_datasets_rows_do(lookup):
    """The geocoder names an oblast by GeoNames' admin1 table ("Kharkiv", "Odessa"), the bundled rows and UCDP
    "Kharkiv Oblast": a saved event read "Kharkiv" beside them (newcomer trial 7). Saving writes the dataset's
    form (geodata/regions.csv), for the extraction's rows and re-placed ones alike."""
    geocoder = get_geocoder()
    names = ("Kharkiv", "Kiev", "Odessa", "Kyiv City", "Kursk Oblast", "Kharkivska oblast", "", "Donbas", "Nowhere")
    assert [geocoder.dataset_admin1(n) for n in names] == [
        "Kharkiv Oblast", "Kyiv Oblast", "Odesa Oblast", "Kyiv City", "Kursk Oblast", "Kharkiv Oblast", "", "Donbas",
        "Nowhere"]
    table = proposals(source_name="Test Wire")
    table.loc[1, "location"] = "Mykolaiv"
    plan = review.plan_save(table, empty_events(), lookup, admin1_form=geocoder.dataset_admin1)
    assert lookup("Mykolaiv").admin1 == "Mykolaiv", "the geocoder's own form"
    assert list(plan.to_add["admin1"]) == ["Kharkiv Oblast", "Mykolaiv Oblast"]
    bundled = pd.read_csv(Path(__file__).parents[1] / "events.csv", dtype=str)
    assert "Kharkiv Oblast" in set(bundled["admin1"])
    (placed,) = plan.placements
    assert str(placed).startswith(f"row 2: 'Mykolaiv' placed at {lookup('Mykolaiv').name}, Mykolaiv Oblast, Ukraine ("), (
        "the save message names the region as the saved row does (newcomer trial 10: 'Fastiv, Kiev, Ukraine')")
    frame = candidates_to_frame(extract_events(TEXT, PUBLISHED))
    table = review.review_table(frame, "", empty_events(), admin1_form=geocoder.dataset_admin1)
    assert list(table["admin1"]) == ["Kharkiv Oblast", "Odesa Oblast"], "the cards read the table's region"
    assert [c.place.split(" (")[0] for c in review.describe_candidates(table)] == [
        "Kharkiv, Kharkiv Oblast, Ukraine", "Odesa, Odesa Oblast, Ukraine"]
