"""Cost of the "Add events" checks against a large events file: duplicate search and a whole save plan
(re-placing one edited location, validation, duplicates). Synthetic events (benchmarks/synthetic.py), never shipped.

    .venv/bin/python -m benchmarks.bench_review [N ...]      (default: 10000 200000 1000000)
"""
from __future__ import annotations

import sys
import time

from benchmarks.synthetic import synthetic_events
from conflictmap import review
from conflictmap.geocoding import get_geocoder
from conflictmap.schema import to_text_frame, validate_frame

NEW_ROWS = 30


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    lookup = get_geocoder().lookup
    lookup("Kharkiv")
    print(f"{'existing':>10} {'duplicates_of (s)':>18} {'plan_save (s)':>14} {'held':>5}")
    for n in sizes:
        existing, _ = validate_frame(to_text_frame(synthetic_events(n)))
        new = existing.sample(NEW_ROWS, random_state=1).copy()
        new["event_id_cnty"] = [f"NEW{i}" for i in range(NEW_ROWS)]
        table = new.assign(**{review.KEEP: True, review.DECISION: None, review.DUPLICATE_OF: "",
                              "evidence": "", "confidence": 0.0, review.LOCATED_AS: new["location"]})
        table = table[review.TABLE_COLUMNS].reset_index(drop=True)
        table.loc[0, "location"] = "Kharkiv"
        duplicates = best_of(3, lambda: review.duplicates_of(new, existing))
        plan = None

        def save_plan():
            nonlocal plan
            plan = review.plan_save(table, existing, lookup)

        planning = best_of(3, save_plan)
        print(f"{n:>10,} {duplicates:>18.3f} {planning:>14.3f} {len(plan.held):>5}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 200_000, 1_000_000])
