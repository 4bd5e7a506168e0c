"""Precision and recall of the extractor over the labelled texts and the seed report, and its speed.

    .venv/bin/python benchmarks/bench_extraction.py

The seed report is read from ../shared/seed/ (it is not in the repository); it is skipped with a note when absent.
"built-on" = the seed and the texts the rules were written against; "heldout-1" = texts labelled before the first
run and then used to fix general weaknesses; "heldout-N" (N >= 2) = later batches, each labelled before any run of
the extractor on it; the newest batch that has not been tuned on is the fairest estimate. Each batch is also given
per language ("heldout-4-fr"). Set CONFLICTMAP_SHARED to the team's shared/ folder when it is not ../shared.

    .venv/bin/python benchmarks/bench_extraction.py --batch 12

reads only held-out batch 12 (its first run is the honest figure: run it once, before any rule is fixed on it).
Each group also prints "places right": events placed right (the labelled place, in the labelled oblast) among
the events found, and "false events": candidates no label matches.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from conflictmap.extraction import extract_events  # noqa: E402
from conflictmap.extraction.evaluation import FIELDS, Score, score_text  # noqa: E402

LABELS = ROOT / "tests" / "data" / "extraction" / "labels.json"
SHARED = Path(os.environ.get("CONFLICTMAP_SHARED", ROOT.parent / "shared"))  # the team's shared/ folder


def text_path(entry: dict) -> Path:
    if entry.get("relative_to") == "repo_parent":
        return SHARED / Path(entry["file"]).relative_to("../shared")
    return LABELS.parent / entry["file"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision and recall of the extractor on the labelled texts.")
    parser.add_argument("--batch", type=int, help="only this held-out batch (e.g. 12)")
    args = parser.parse_args(argv)
    entries = json.loads(LABELS.read_text(encoding="utf-8"))["texts"]
    if args.batch is not None:
        entries = [e for e in entries if e.get("heldout") and e.get("batch", 1) == args.batch]
    totals: dict[str, Score] = {}
    seconds, characters, texts = 0.0, 0, 0
    extract_events("warm-up: the geocoder loads once.", dt.date(2024, 1, 1))
    for entry in entries:
        path = text_path(entry)
        if not path.exists():
            print(f"skipped (not found): {path}")
            continue
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        candidates = extract_events(text, dt.date.fromisoformat(entry["published"]), lang=entry["lang"])
        seconds += time.perf_counter() - start
        characters += len(text)
        texts += 1
        score = score_text(candidates, entry["events"], path.name)
        group = "seed" if entry.get("relative_to") else f"{'heldout' if entry.get('heldout') else 'labelled'}-{entry['lang']}"
        batch = f"heldout-{entry.get('batch', 1)}" if entry.get("heldout") else "built-on"
        for name in (group, batch, f"{batch}-{entry['lang']}", "all"):
            totals.setdefault(name, Score()).add(score)
    print(f"{texts} texts, {characters:,} characters, {seconds * 1000:.0f} ms in all "
          f"({characters / seconds:,.0f} characters/s)")
    header = f"{'set':<14}{'what':<10}{'precision':>10}{'recall':>8}   (predicted / expected / matched)"
    print(header)
    batches = sorted((name for name in totals if name.startswith("heldout-") and name.split("-")[1].isdigit()),
                     key=lambda n: (int(n.split("-")[1]), n))
    languages = sorted({name.split("-")[1] for name in totals if name.startswith("labelled-") or
                        (name.startswith("heldout-") and not name.split("-")[1].isdigit())})
    groups = [f"{kind}-{lang}" for kind in ("labelled", "heldout") for lang in languages]
    built_on = sorted(name for name in totals if name.startswith("built-on-"))
    for name in ("seed", *groups, "built-on", *built_on, *batches, "all"):
        score = totals.get(name)
        if score is None:
            continue
        for what in ("event",) + FIELDS:
            label = f"{score.predicted} / {score.expected} / {score.matched}" if what == "event" else ""
            if what == "place":
                label = f"places right {score.correct['place']}/{score.matched} among found"
            print(f"{name:<14}{what:<10}{score.precision(what):>10.0%}{score.recall(what):>8.0%}   {label}")
        print(f"{name:<14}false events: {len(score.false_positives)}")
    overall = totals.get("all", Score())
    for title, items in (("missed", overall.misses), ("false positives", overall.false_positives),
                         ("wrong fields", overall.wrong)):
        if items:
            print(f"{title}:")
            for item in items:
                print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
