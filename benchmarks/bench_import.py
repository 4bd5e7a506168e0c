"""Import speed: the real UCDP Ukraine file, and a SYNTHETIC 200k-row file in ACLED's layout.

The synthetic rows are generated at run time into a temporary folder and deleted afterwards; they describe no real
event (ids SYNTH..., actors and places named "Synthetic ..."). Run: .venv/bin/python benchmarks/bench_import.py [N]
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from conflictmap.importers import import_acled, import_ucdp, write_import  # noqa: E402
from conflictmap.schema import EVENT_TYPES  # noqa: E402

ACLED_LAYOUT = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def synthetic_acled(n: int, seed: int = 0) -> pd.DataFrame:
    """Clearly synthetic rows in ACLED's current layout, with its three date forms mixed."""
    rng = np.random.default_rng(seed)
    pairs = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]
    kinds = rng.integers(0, len(pairs), n)
    days = pd.Timestamp("2022-02-24") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D")
    form = rng.integers(0, 3, n)
    dates = np.where(form == 0, days.strftime("%Y-%m-%d"),
                     np.where(form == 1, days.strftime("%d %B %Y"), days.strftime("%d/%m/%Y 00:00:00")))
    place = rng.integers(0, 5000, n)
    return pd.DataFrame({
        "event_id_cnty": [f"SYNTH{i}" for i in range(n)],
        "event_date": dates,
        "year": days.year.astype(str),
        "time_precision": rng.integers(1, 4, n).astype(str),
        "disorder_type": "Political violence",
        "event_type": [pairs[k][0] for k in kinds],
        "sub_event_type": [pairs[k][1] for k in kinds],
        "actor1": "Synthetic actor A", "assoc_actor_1": "", "inter1": "8",
        "actor2": "Synthetic actor B", "assoc_actor_2": "", "inter2": "1", "interaction": "18",
        "civilian_targeting": "", "iso": "0", "region": "Synthetic", "country": "Synthetic country",
        "admin1": [f"Synthetic region {p % 25}" for p in place], "admin2": "", "admin3": "",
        "location": [f"Synthetic place {p}" for p in place],
        "latitude": np.round(rng.uniform(44.5, 52.3, n), 4).astype(str),
        "longitude": np.round(rng.uniform(22.2, 40.2, n), 4).astype(str),
        "geo_precision": rng.integers(1, 4, n).astype(str),
        "source": "Synthetic outlet", "source_scale": "National",
        "notes": [f"Synthetic benchmark row {i}; not a real event." for i in range(n)],
        "fatalities": rng.integers(0, 5, n).astype(str), "tags": "", "timestamp": "0",
    }, columns=ACLED_LAYOUT)


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def timed(label: str, rows: int, func):
    load, start, cpu = load_average(), time.perf_counter(), time.process_time()
    value = func()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<48} {rows:>9,} rows {seconds:8.2f} s {rows / seconds:>12,.0f} rows/s ({cpu:.2f} s of CPU; "
          f"load average {load} -> {load_average()})")
    return value


def main(n: int = 200_000) -> None:
    ged = ROOT / "data" / "ucdp" / "ged_ukraine_2014-2023.csv"
    result = timed("import_ucdp (real GED Ukraine file)", 3883, lambda: import_ucdp(ged))
    assert len(result.events) == 3883
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic_acled.csv"
        frame = synthetic_acled(n)
        frame.to_csv(path, index=False)
        print(f"(synthetic ACLED-layout file: {path.stat().st_size / 1e6:.1f} MB, generated now, deleted after)")
        result = timed("import_acled (synthetic, 3 date forms mixed)", n, lambda: import_acled(path))
        assert len(result.events) == n, result.problems[:3]
        out = Path(tmp) / "events.csv"
        timed("write_import into a new file", n, lambda: write_import(result, out))
        timed("write_import again (merge, all unchanged)", n, lambda: write_import(result, out))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
