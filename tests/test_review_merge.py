"""review.merge: merging a report into a saved event, planned and shown before anything is written."""
from __future__ import annotations

import pandas as pd
import pytest

from conflictmap import review
from conflictmap.extraction import candidates_to_frame, extract_events
from conflictmap.geocoding import get_geocoder
from conflictmap.schema import empty_events
from tests.review_support import PUBLISHED, proposals


@pytest.fixture(scope="module")
def lookup():
    return get_geocoder().lookup


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
             "injuries": "4", "notes": "Drone strike. Also reported by Other Wire (Other Wire https://example.org/b).",
             "recorded_by": "Ann; Bob"}
    report = {"source": "other wire", "source_url": "https://example.org/a javascript:alert(1)",
              "origin": "Other Wire https://example.org/b", "fatalities": "", "injuries": "4", "recorded_by": "bob"}
    after = review.merge_report(saved, report)
    assert after["source"] == "Test Wire; Other Wire" and after["source_url"] == "https://example.org/a"
    assert after["notes"].endswith("Also reported by other wire (Other Wire https://example.org/b).")
    assert after["recorded_by"] == "Ann; Bob", "whoever merges joins recorded_by once"
    assert review.merge_report(saved, {**report, "recorded_by": "Cleo"})["recorded_by"] == "Ann; Bob; Cleo"
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
