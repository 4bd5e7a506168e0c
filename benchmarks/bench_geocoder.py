"""Accuracy, wrong-answer share and speed of the offline geocoder on tests/data/geocode_labelled.csv.

    .venv/bin/python benchmarks/bench_geocoder.py [--show-failures]

Prints: first-call load time (index from the cache under geodata/cache/, and a cold rebuild), accuracy
(share within 15 km of the true place for towns, 150 km for regions; not-found right for ambiguous names),
the share of wrong answers among answers given, lookups per second (uncached), and the time of a 1,000-row
`geocode --batch` run. The hold-out line scores the phrasings that were written before the geocoder was tuned
on them (their first run scored 88.7% right, 0 wrong; see the report).
"""
from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from conflictmap.geocoding import build_geocoder  # noqa: E402
from conflictmap.geocoding.evaluation import read_labels, score  # noqa: E402
from conflictmap.geocoding.normalize import name_key  # noqa: E402

LOAD_SNIPPET = (
    "import time; t = time.perf_counter(); from conflictmap.geocoding import get_geocoder; "
    "get_geocoder().lookup('Kyiv'); print(time.perf_counter() - t)"
)


def first_call_seconds() -> float:
    """A fresh interpreter's import + index load + first lookup, with the index cache present."""
    out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def batch_seconds(labels, directory: Path) -> float:
    """`python -m conflictmap geocode --batch` on 1,000 labelled phrasings, whole process included."""
    rows = [[label.query, label.country, label.admin1] for label in labels][:1000]
    source, target = directory / "batch_in.csv", directory / "batch_out.csv"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["query", "country", "admin1"])
        writer.writerows(rows)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "conflictmap", "geocode", "--batch", str(source), "--out", str(target)],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    labels = read_labels(ROOT / "tests" / "data" / "geocode_labelled.csv")
    started = time.perf_counter()
    geocoder = build_geocoder(online=False)
    built = time.perf_counter() - started
    first = first_call_seconds()
    with tempfile.TemporaryDirectory() as scratch:
        batch = batch_seconds(labels, Path(scratch))

    tally = score(labels, lambda q, c, a: geocoder.lookup(q, country=c, admin1=a))
    holdout = score([label for label in labels if label.note == "holdout"],
                    lambda q, c, a: geocoder.lookup(q, country=c, admin1=a))
    queries = [(label.query, label.country or None, label.admin1 or None) for label in labels]
    rounds = 3
    name_key.cache_clear()
    started = time.perf_counter()
    for _ in range(rounds):
        name_key.cache_clear()  # no memo between rounds: every lookup folds its text again
        for query, country, admin1 in queries:
            geocoder.lookup(query, country=country, admin1=admin1)
    elapsed = time.perf_counter() - started
    per_second = rounds * len(queries) / elapsed

    kinds = {}
    for label in labels:
        kinds[label.expect] = kinds.get(label.expect, 0) + 1
    print(f"labelled phrasings: {tally.total} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    print(f"index load in this process: {built:.2f} s; fresh process import+load+first lookup: {first:.2f} s")
    print(f"accuracy: {tally.accuracy:.1%} ({tally.right}/{tally.total} right)")
    print(f"wrong answers among answers given: {tally.wrong_share:.2%} ({tally.wrong}/{tally.answered})")
    print(f"not found where a place was expected: {tally.missed}")
    print(f"hold-out part ({holdout.total} phrasings written before tuning): accuracy {holdout.accuracy:.1%}, "
          f"wrong among answers {holdout.wrong_share:.2%} ({holdout.wrong}/{holdout.answered})")
    print(f"lookups per second (offline, no memo): {per_second:,.0f}")
    print(f"batch of 1,000 phrasings through the command line (process start included): {batch:.2f} s")
    if "--show-failures" in sys.argv:
        for label, result, verdict in tally.failures:
            got = f"{result.name} ({result.lat}, {result.lon})" if result.found else f"not found: {result.reason}"
            print(f"  {verdict:6} line {label.line}: {label.query!r} [{label.country}|{label.admin1}] -> {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
