"""The review rules of the "Add events" page: input checks, the review table, re-placing edited locations,
validation before saving, and holding back likely duplicates."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from geopy.distance import geodesic

from conflictmap import review
from conflictmap.extraction import candidates_to_frame, extract_events
from conflictmap.geocoding import get_geocoder
from conflictmap.schema import COLUMNS, empty_events, validate_frame
from tests.helpers import row

PUBLISHED = dt.date(2024, 11, 5)
TEXT = ("Russian drones struck Kharkiv overnight, injuring 4 people, the regional governor said on Telegram. "
        "On Monday, a missile attack hit the railway station in Odesa, killing 2 people, according to the "
        "regional governor.")


def events(*rows: dict) -> pd.DataFrame:
    typed, problems = validate_frame(pd.DataFrame(list(rows)))
    assert not problems
    return typed


def proposals(existing: pd.DataFrame | None = None, **source) -> pd.DataFrame:
    frame = candidates_to_frame(extract_events(TEXT, PUBLISHED, **source))
    origin = review.origin_label(source.get("source_name", ""), source.get("source_url", ""), PUBLISHED)
    return review.review_table(frame, origin, empty_events() if existing is None else existing)


@pytest.fixture(scope="module")
def lookup():
    return get_geocoder().lookup


# --- input checks -------------------------------------------------------------------------------------------------

def test_text_over_the_limit_or_blank_is_refused():
    assert review.check_text("x" * 10, limit=10) == "x" * 10
    with pytest.raises(review.InputRejected, match="11 bytes; the limit is 10 bytes"):
        review.check_text("x" * 11, limit=10)
    with pytest.raises(review.InputRejected, match="limit"):
        review.check_text("é" * 6, limit=10)  # the limit is in bytes of UTF-8, not characters
    with pytest.raises(review.InputRejected, match="Paste"):
        review.check_text("  \n ")


def test_only_http_links_are_accepted_as_source_url():
    assert review.check_source_url(" https://example.org/a http://example.org/b ") == (
        "https://example.org/a http://example.org/b")
    assert review.check_source_url("") == ""
    for bad in ("javascript:alert(1)", "example.org/a", "https://example.org/a ftp://example.org/b"):
        with pytest.raises(review.InputRejected) as caught:
            review.check_source_url(bad)
        assert caught.value.value == bad.split()[-1] or caught.value.value == bad


def test_uploads_are_read_as_utf8_or_with_the_encoding_named():
    assert review.decode_upload("Frappe à Kharkiv.".encode("utf-8")) == ("Frappe à Kharkiv.", "utf-8")
    text = "Удар по Харкову вночі: постраждали четверо людей, повідомив губернатор. " * 3
    decoded, encoding = review.decode_upload(text.encode("cp1251"))
    assert decoded == text and encoding != "utf-8"
    with pytest.raises(review.InputRejected, match="limit"):
        review.decode_upload(b"x" * 11, limit=10)


def test_origin_names_the_source_or_the_pasted_text():
    assert review.origin_label("Test Wire", "https://example.org/a", PUBLISHED) == "Test Wire https://example.org/a"
    assert review.origin_label("", "", PUBLISHED) == "pasted text, 2024-11-05"
    assert review.origin_label("", "", PUBLISHED, "report.txt") == "uploaded file report.txt, 2024-11-05"


# --- duplicates ---------------------------------------------------------------------------------------------------

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


# --- merging into a saved event -----------------------------------------------------------------------------------

def saved_kharkiv(lookup, **changes) -> pd.DataFrame:
    saved = review.plan_save(proposals(source_name="Test Wire", source_url="https://example.org/a"),
                             empty_events(), lookup).to_add.iloc[[0]].reset_index(drop=True)
    for column, value in changes.items():
        saved[column] = value
    return saved


def reworded(saved: pd.DataFrame, origin: str = "Other Wire https://example.org/b") -> pd.DataFrame:
    frame = candidates_to_frame(extract_events(
        "A Russian drone hit a residential building in Kharkiv overnight, injuring five residents, the mayor said.",
        PUBLISHED, source_name="Other Wire", source_url="https://example.org/b"))
    return review.review_table(frame, origin, saved)


def test_merge_adds_the_source_link_and_a_note_and_keeps_the_saved_figures(lookup):
    saved = saved_kharkiv(lookup)
    target = saved["event_id_cnty"].iat[0]
    table = reworded(saved)
    assert table[review.DECISION].iat[0] == review.SKIP
    table.loc[0, review.DECISION] = review.MERGE_INTO + target
    plan = review.plan_save(table, saved, lookup)
    assert not plan.problems and plan.to_add.empty and not plan.held
    [merge] = plan.merges
    assert merge.target == target and merge.rows == (1,)
    assert merge.before == {"source": saved["source"].iat[0], "source_url": "https://example.org/a",
                            "notes": saved["notes"].iat[0]}
    new_source = table["source"].iat[0]
    assert merge.after["source"] == f"{saved['source'].iat[0]}; {new_source}"
    assert merge.after["source_url"] == "https://example.org/a https://example.org/b"
    assert merge.after["notes"] == (f"{saved['notes'].iat[0]} Also reported by {new_source} "
                                    f"(Other Wire https://example.org/b). {new_source} reports 5 injured.")
    assert plan.updates == {target: merge.after} and plan.expected == {target: merge.before}
    assert "injuries" not in merge.after and "event_date" not in merge.after


def test_merging_the_same_report_again_changes_nothing():
    saved = {"source": "Test Wire; Other Wire", "source_url": "https://example.org/a", "fatalities": "",
             "injuries": "4", "notes": "Drone strike. Also reported by Other Wire (Other Wire https://example.org/b)."}
    report = {"source": "other wire", "source_url": "https://example.org/a javascript:alert(1)",
              "origin": "Other Wire https://example.org/b", "fatalities": "", "injuries": "4"}
    after = review.merge_report(saved, report)
    assert after["source"] == "Test Wire; Other Wire" and after["source_url"] == "https://example.org/a"
    assert after["notes"].endswith("Also reported by other wire (Other Wire https://example.org/b).")
    assert review.merge_report(saved, {**report, "source": "Other Wire"}) == {
        c: saved[c] for c in review.MERGED_COLUMNS}


def test_merge_into_an_event_the_row_does_not_repeat_is_refused(lookup):
    saved = saved_kharkiv(lookup)
    table = reworded(saved)
    table.loc[0, review.DECISION] = review.MERGE_INTO + "UKR-ELSEWHERE"
    plan = review.plan_save(table, saved, lookup)
    assert plan.to_add.empty and not plan.merges
    assert [(p.line, p.column) for p in plan.problems] == [(1, review.DECISION)]
    assert "'UKR-ELSEWHERE' is not a saved event this row may repeat" in plan.problems[0].reason


def test_two_reports_merged_into_one_event_both_count(lookup):
    saved = saved_kharkiv(lookup)
    target = saved["event_id_cnty"].iat[0]
    table = pd.concat([reworded(saved), reworded(saved, origin="Third Wire")], ignore_index=True)
    table.loc[1, "event_id_cnty"] = "CM-OTHER"
    table.loc[1, "source"] = "Third Wire"
    table[review.DECISION] = review.MERGE_INTO + target
    [merge] = review.plan_save(table, saved, lookup).merges
    assert merge.rows == (1, 2)
    assert merge.after["source"].endswith("; Third Wire")
    assert "Also reported by Third Wire." in merge.after["notes"]
