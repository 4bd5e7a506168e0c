"""Reviewing proposed events before they join the events store.

The "Add events" page shows the extractor's candidates as a table a person edits. By concern:
`inputs` (the text, its decoding, the source URL, the origin label), `duplicates` (which saved events a row may
repeat), `table` (building the table and reading it back), `merge` (merging a report into a saved event) and
`save` (the save plan that the store applies in one transaction, and the report of its outcome). Everything here
is pure: the page reads widgets and calls these functions, so the rules are tested without Streamlit.
"""
from __future__ import annotations

from .duplicates import DUPLICATE_DAYS, DUPLICATE_KM, describe_duplicates, duplicate_positions, duplicates_of
from .inputs import (
    MAX_NAME_CHARS, MAX_TEXT_BYTES, UNNAMED_SOURCE, InputRejected, attributed, check_published, check_recorder,
    check_source_url, check_text, decode_upload, origin_label,
)
from .merge import MERGED_COLUMNS, Merge, decision_options, merge_report, merge_table, plan_merges
from .save import PLACE_COLUMNS, Placement, SavePlan, SaveReport, plan_save, replace_edited_locations, report_save
from .table import (
    DECISION, DUPLICATE_OF, EVIDENCE, KEEP, LOCATED_AS, MERGE_INTO, SAVE_NEW, SKIP, TABLE_COLUMNS, CandidateCard,
    decisions, describe_candidates, review_table, table_to_text, when_text,
)

__all__ = [
    "attributed", "CandidateCard", "check_published", "check_recorder", "check_source_url", "check_text",
    "DECISION", "decision_options", "decisions", "decode_upload", "describe_candidates", "describe_duplicates",
    "DUPLICATE_DAYS", "DUPLICATE_KM", "DUPLICATE_OF", "duplicate_positions", "duplicates_of", "EVIDENCE",
    "InputRejected", "KEEP", "LOCATED_AS", "MAX_NAME_CHARS", "MAX_TEXT_BYTES", "Merge", "MERGE_INTO",
    "merge_report", "merge_table", "MERGED_COLUMNS", "origin_label", "PLACE_COLUMNS", "Placement", "plan_merges",
    "plan_save", "replace_edited_locations", "report_save", "review_table", "SAVE_NEW", "SavePlan", "SaveReport",
    "SKIP", "TABLE_COLUMNS", "table_to_text", "UNNAMED_SOURCE",
]
