"""Merging a report into an event already saved: the cells it changes, planned before anything is written."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..schema import RowProblem, safe_urls, to_text_frame, validate_frame
from .duplicates import duplicate_positions
from .table import DECISION, DUPLICATE_OF, KEEP, MERGE_INTO, SAVE_NEW, SKIP, decisions, table_to_text

MERGED_COLUMNS = ["source", "source_url", "notes", "recorded_by"]


def _sources(cell: str) -> list[str]:
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def _joined(saved: str, added: str) -> str:
    """`saved` and `added` as one "; "-separated list, each part once (compared without case)."""
    parts = _sources(saved)
    known = {p.casefold() for p in parts}
    return "; ".join(parts + [p for p in dict.fromkeys(_sources(added)) if p.casefold() not in known])


def merge_report(saved: dict[str, str], report: dict[str, str]) -> dict[str, str]:
    """The saved event's source, source_url, notes and recorded_by cells after one more report of it is merged in.

    The saved event keeps its id, date, place, type and figures: the report's sources and http(s) links are added
    when new, the notes gain "Also reported by <source> (<origin>)." naming any figure that differs, and whoever
    merges it joins `recorded_by`. Merging the same report twice changes nothing. All values are the schema's text
    cells (see `to_text_frame`).
    """
    urls = safe_urls(saved["source_url"])
    urls += [u for u in dict.fromkeys(safe_urls(report["source_url"])) if u not in urls]
    origin = report["origin"].strip()
    who = "; ".join(_sources(report["source"])) or origin or "another report"
    line = f"Also reported by {who} ({origin})." if origin and origin != who else f"Also reported by {who}."
    for column, outcome in (("fatalities", "killed"), ("injuries", "injured")):
        if report[column] and report[column] != saved[column]:
            line += f" {who} reports {report[column]} {outcome}."
    notes = saved["notes"].strip()
    if line not in notes:
        notes = f"{notes} {line}".strip()
    return {"source": _joined(saved["source"], report["source"]), "source_url": " ".join(urls), "notes": notes,
            "recorded_by": _joined(saved.get("recorded_by", ""), report.get("recorded_by", ""))}


@dataclass(frozen=True)
class Merge:
    """The change merging reviewed rows makes to one saved event: its cells before and after (changed ones only)."""

    target: str
    rows: tuple[int, ...]
    before: dict[str, str]
    after: dict[str, str]


def decision_options(table: pd.DataFrame) -> list[str]:
    """The choices offered for flagged rows: skip, save as new, or merge into one of the saved events named in
    "may repeat" (the reviewer may pick a target of another row; `plan_merges` refuses it)."""
    targets = [described.split(" ", 1)[0] for cell in table[DUPLICATE_OF].fillna("") for described in
               str(cell).split("; ") if described]
    return [SKIP, SAVE_NEW] + [MERGE_INTO + t for t in dict.fromkeys(targets)]


def plan_merges(table: pd.DataFrame, existing: pd.DataFrame) -> tuple[list[Merge], list[RowProblem]]:
    """The merges chosen in the reviewed `table` (kept rows whose decision is "merge into <id>"), each saved event
    with every report merged into it in table order. A row that is invalid, or whose target is not a saved event
    it may repeat, is a problem naming its table row, and then nothing is merged."""
    table = table.reset_index(drop=True)
    kept = table[KEEP].fillna(False).astype(bool).to_numpy()
    choices = decisions(table)
    chosen = np.flatnonzero(kept & choices.str.startswith(MERGE_INTO).to_numpy())
    if not len(chosen):
        return [], []
    typed, problems = validate_frame(table_to_text(table.iloc[chosen]), lines=chosen + 1)
    if problems:
        return [], problems
    ids = existing["event_id_cnty"].to_numpy()
    saved = to_text_frame(existing)
    merged: dict[str, dict[str, str]] = {}
    rows: dict[str, list[int]] = {}
    reports = to_text_frame(typed)
    for k, (position, matches) in enumerate(zip(chosen, duplicate_positions(typed, existing))):
        target = choices.iat[position][len(MERGE_INTO):]
        found = [i for i in matches if ids[i] == target]
        if not found:
            problems.append(RowProblem(int(position) + 1, DECISION,
                                       f"{target!r} is not a saved event this row may repeat"))
            continue
        current = merged.get(target) or saved.iloc[found[0]][MERGED_COLUMNS + ["fatalities", "injuries"]].to_dict()
        merged[target] = {**current, **merge_report(current, reports.iloc[k].to_dict())}
        rows.setdefault(target, []).append(int(position) + 1)
    if problems:
        return [], problems
    out = []
    for target, after in merged.items():
        before = saved.iloc[int(np.flatnonzero(ids == target)[0])]
        changed = [c for c in MERGED_COLUMNS if after[c] != before[c]]
        out.append(Merge(target, tuple(rows[target]), {c: before[c] for c in changed}, {c: after[c] for c in changed}))
    return out, []


def merge_table(merge: Merge) -> pd.DataFrame:
    """A merge as the page shows it before it is confirmed: one line per changed cell, before and after."""
    return pd.DataFrame({"before": merge.before, "after": merge.after}, index=list(merge.after))
