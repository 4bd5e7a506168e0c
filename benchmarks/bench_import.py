"""Import speed: the real UCDP Ukraine file, and SYNTHETIC files in ACLED's layout.

The synthetic rows are generated at run time into a temporary folder and deleted afterwards; they describe no real
event (ids SYNTH..., actors and places named "Synthetic ..."). Run from the repository root:

    .venv/bin/python benchmarks/bench_import.py [N]
        the importer's steps in this process (import_ucdp, import_acled, write_import new and again)
    .venv/bin/python benchmarks/bench_import.py --command N [N ...] [--reps 3] [--against DIR]
        the whole `python -m conflictmap import acled FILE --out NEW` as a user runs it: wall time, rows/s, CPU time
        (user + system, every thread) and peak memory of the command alone, with the load average before and
        after each run. `--against DIR` runs the same command in another checkout (e.g. `git worktree add
        /tmp/before main`) in turn with this one, repetitions interleaved, and prints each side's medians. Each
        checkout's place index is made ready first and the time that took is printed: it is what the first import
        after installing (or after the geodata changed) pays on top.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
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


# Runs the command from a small process (Linux counts the image a child is forked from in its peak memory, so this
# process's own size would be reported) and prints its exit code, peak resident KB and CPU seconds (user + system).
_LAUNCH = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL); _, status, use = os.wait4(child.pid, 0); "
           "print(os.waitstatus_to_exitcode(status), use.ru_maxrss, use.ru_utime + use.ru_stime)")


def run_command(checkout: Path, args: list[str]) -> dict:
    """`python -m conflictmap ARGS` run in `checkout`: exit code, wall s, CPU s, peak MB, load before and after."""
    load = load_average()
    started = time.perf_counter()
    launched = subprocess.run([sys.executable, "-S", "-c", _LAUNCH, sys.executable, "-m", "conflictmap", *args],
                              cwd=checkout, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    code, peak_kb, cpu = launched.stdout.split()
    return dict(code=int(code), wall=wall, cpu=float(cpu), peak=int(peak_kb) / 1024,
                load=f"{load} -> {load_average()}")


def ready_index(checkout: Path) -> None:
    """Open (and build, when missing or stale) the place index of `checkout`, which the import's coordinate check
    reads, and say how long that took."""
    started, load = time.perf_counter(), load_average()
    subprocess.run([sys.executable, "-c", "from conflictmap.geocoding.chain import get_geocoder; get_geocoder()"],
                   cwd=checkout, check=True)
    print(f"{checkout}: place index ready in {time.perf_counter() - started:.1f} s (load average {load} -> "
          f"{load_average()})", flush=True)


def commands(sizes: list[int], reps: int, against: Path | None) -> None:
    checkouts = [ROOT] + ([against.resolve()] if against else [])
    for checkout in checkouts:
        ready_index(checkout)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        for n in sizes:
            source = Path(tmp) / f"synthetic_acled_{n}.csv"
            synthetic_acled(n).to_csv(source, index=False)
            print(f"# import acled, {n:,} synthetic rows ({source.stat().st_size / 1e6:.0f} MB)", flush=True)
            runs: dict[Path, list[dict]] = {c: [] for c in checkouts}
            for rep in range(reps):
                for checkout in checkouts if rep % 2 == 0 else checkouts[::-1]:
                    out = Path(tmp) / "events.csv"
                    run = run_command(checkout, ["import", "acled", str(source), "--out", str(out)])
                    out.unlink(missing_ok=True)
                    runs[checkout].append(run)
                    print(f"  {checkout.name:<12} exit {run['code']} {run['wall']:6.2f} s "
                          f"{n / run['wall']:>9,.0f} rows/s CPU {run['cpu']:5.2f} s peak {run['peak']:5,.0f} MB "
                          f"(load average {run['load']})", flush=True)
            for checkout, done in runs.items():
                wall = statistics.median(r["wall"] for r in done)
                print(f"  median {checkout.name:<12} {wall:6.2f} s {n / wall:>9,.0f} rows/s "
                      f"CPU {statistics.median(r['cpu'] for r in done):5.2f} s "
                      f"peak {statistics.median(r['peak'] for r in done):5,.0f} MB", flush=True)
            source.unlink()


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=200_000, help="synthetic rows imported in this process")
    parser.add_argument("--command", nargs="+", type=int, metavar="N",
                        help="time the whole command on files of N synthetic rows instead")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout whose command runs in turn with this one's")
    options = parser.parse_args()
    if options.command:
        commands(options.command, options.reps, options.against)
    else:
        main(options.n)
