"""Time schema.validate_frame on synthetic events (benchmarks/synthetic.py): the check every load and import runs.

    python -m benchmarks.bench_validate [N ...]      (default 1000000)

Prints the best of three runs per size (the machine is shared, so the minimum is the figure that repeats) and the
number of problems found, which is 0 for these clean rows, for the synthetic events as generated and again with an
http(s) link in two rows of three (as events from news reports have); then the same rows checked as store.load_events
checks a file, VALIDATE_ROWS at a time (schema.Validation). Nothing is written.
"""
from __future__ import annotations

import sys
import time

from benchmarks.synthetic import synthetic_events
from conflictmap.schema import Validation, to_text_frame, validate_frame
from conflictmap.store.csv_format import VALIDATE_ROWS


def main(sizes: list[int]) -> None:
    for n in sizes:
        events = synthetic_events(n)
        with_links = events.assign(source_url=[f"https://example.org/{i}" if i % 3 else "" for i in range(n)])
        for label, frame in (("synthetic", events), ("with links", with_links)):
            raw = to_text_frame(frame)
            best, problems = float("inf"), None
            for _ in range(3):
                started = time.perf_counter()
                _, problems = validate_frame(raw)
                best = min(best, time.perf_counter() - started)
            print(f"validate_frame, {n:,} rows, {label}: {best:.2f} s (best of 3), {len(problems)} problem(s)")
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                validation = Validation()
                for start in range(0, n, VALIDATE_ROWS):
                    validation.add(raw.iloc[start:start + VALIDATE_ROWS])
                _, problems = validation.result()
                best = min(best, time.perf_counter() - started)
            print(f"  {VALIDATE_ROWS:,} rows at a time (schema.Validation): {best:.2f} s (best of 3), "
                  f"{len(problems)} problem(s)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000_000])
