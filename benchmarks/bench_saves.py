"""Saves under contention: P processes each append K events, one per save, to a copy of a synthetic events file of
N rows, optionally with U processes merging into one saved event meanwhile (issue 10.5's scenario). Prints, per
size, the time of one save alone, and for the contended run: events saved of those asked, the longest and median
wait-plus-save of a call, and the total time. Synthetic events (benchmarks/synthetic.py), never shipped.

    .venv/bin/python -m benchmarks.bench_saves [N ...]      (default: 10000 200000; P=16, K=4, U=0 and 2)
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from benchmarks.synthetic import synthetic_file
from conflictmap.store import load_events

ROOT = Path(__file__).resolve().parent.parent
PROCESSES, EACH, UPDATERS = 16, 4, 2

APPENDER = textwrap.dedent("""
    import sys, time
    import pandas as pd
    from conflictmap.schema import validate_frame
    from conflictmap.store import CsvEventStore
    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = CsvEventStore(path)
    for k in range(count):
        event = {"event_id_cnty": f"BENCH{writer:02d}-{k}", "event_date": "2024-11-03", "event_type": "Battles",
                 "source": "SYNTHETIC benchmark", "notes": "synthetic save, not a real event"}
        typed, _ = validate_frame(pd.DataFrame([event]))
        started = time.monotonic()
        store.append(typed)
        print(f"{time.monotonic() - started:.3f}", flush=True)
""")

UPDATER = textwrap.dedent("""
    import sys
    from conflictmap.store import CsvEventStore, EventsFileError
    path, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for k in range(count):
        CsvEventStore(path).update({target: {"notes": f"synthetic merge {sys.argv[4]}-{k}, not a real event"}})
""")


def contended(source: Path, updaters: int) -> tuple[int, list[float], float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.csv"
        shutil.copy(source, path)
        target = load_events(path).events["event_id_cnty"].iat[0]
        started = time.monotonic()
        procs = [subprocess.Popen([sys.executable, "-c", APPENDER, str(path), str(w), str(EACH)], cwd=ROOT,
                                  stdout=subprocess.PIPE, text=True) for w in range(PROCESSES)]
        procs += [subprocess.Popen([sys.executable, "-c", UPDATER, str(path), target, str(EACH), str(u)], cwd=ROOT,
                                   stdout=subprocess.PIPE, text=True) for u in range(updaters)]
        times = [float(line) for proc in procs for line in proc.communicate()[0].split()]
        total = time.monotonic() - started
        saved = int(load_events(path).events["event_id_cnty"].str.startswith("BENCH").sum())
    return saved, times, total


def alone(source: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.csv"
        shutil.copy(source, path)
        done = subprocess.run([sys.executable, "-c", APPENDER, str(path), "0", "3"], cwd=ROOT, capture_output=True,
                              text=True, check=True)
        return min(float(t) for t in done.stdout.split())


def main(sizes: list[int]) -> None:
    print(f"{PROCESSES} processes x {EACH} appends each, one event per save")
    for n in sizes:
        source = synthetic_file(n)
        print(f"\n{n:,} events ({source.stat().st_size / 1e6:.1f} MB): one save alone {alone(source):.2f} s")
        for updaters in (0, UPDATERS):
            saved, times, total = contended(source, updaters)
            print(f"  with {updaters} merging processes: {saved} of {PROCESSES * EACH} saved; a call took at most "
                  f"{max(times):.1f} s (median {statistics.median(times):.1f} s); all done in {total:.1f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 200_000])
