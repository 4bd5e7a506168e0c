"""Cost of the sidebar's text search (conflictmap.filters.search_mask) on synthetic events (benchmarks/synthetic.py,
never shipped): a word read as a place by the gazetteer ("Kharkov", "Kiev": every name of the town), a word that
names no place, and two words. Prints the median wall and CPU time (every thread of the process) of each over
the repetitions, with the load average: on a shared machine the CPU time compares better.

    .venv/bin/python -m benchmarks.bench_search [N ...] [--reps 5]      (default: 1000000)

To measure another checkout's search on the same data: `PYTHONPATH=/that/checkout .venv/bin/python
benchmarks/bench_search.py` from this one (the script imports conflictmap from the path first).
"""
from __future__ import annotations

import argparse
import os
import statistics
import time

from benchmarks.synthetic import synthetic_events
from conflictmap.filters import search_mask
from conflictmap.schema import to_text_frame, validate_frame

WORDS = ["Kharkov", "Kiev", "shelling", "Kharkiv synthetic"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000_000])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    search_mask(validate_frame(to_text_frame(synthetic_events(10)))[0], "Kharkov")  # the geocoder's first load
    for n in args.sizes:
        events, _ = validate_frame(to_text_frame(synthetic_events(n)))
        print(f"{n:,} events (load average {os.getloadavg()[0]:.1f}); median of {args.reps}:")
        for text in WORDS:
            times, cpu, found = [], [], 0
            for _ in range(args.reps):
                start, start_cpu = time.perf_counter(), time.process_time()
                found = int(search_mask(events, text).sum())
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            print(f"  {text!r:22} {statistics.median(times):6.2f} s wall, {statistics.median(cpu):5.2f} s CPU "
                  f"({found:,} events; wall min {min(times):.2f}, max {max(times):.2f})")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
