"""Cold start: the first view of an events CSV never seen before, the warm start after a restart, and importing.

    .venv/bin/python -m benchmarks.bench_coldstart [N ...] [--acled N ...] [--no-browser] [--app-only]
    [--import-only] [--data-dir DIR] [--top K] [--timeline]

For each size N (default 1000000) a synthetic events file (benchmarks/synthetic.py) is copied to a new name, so
no cache knows it, and measured three ways:
- in this process, under cProfile (stdlib): parse + validate (`store.load_events`), the Parquet cache write
  (`store.load_events_cached`), publishing the browser files (`mapdata.publish`), then the warm path (Parquet read
  back, published files found); rows/s of parsing + publishing, and where each second goes (named stages, then
  the functions with the most time of their own);
- through the real app: `streamlit run dashboard.py` on the unseen file, from navigation to the map's first points
  and to its full clusters, and the server's peak memory; then a restart on the same file (warm start); with
  `--timeline`, when each view's websocket messages, script end, and the page's and map frame's files (the
  points among them) arrived, from navigation (benchmarks/trace_filter_change.first_view_timeline);
- `python -m conflictmap import acled FILE --out OUT` on a synthetic ACLED-layout CSV of each `--acled` size
  (default 200000 1000000; rows from benchmarks/bench_import.py), whole process, with its peak memory, and the
  same import profiled in this process (up to `--profile-import-max` rows).
Every figure is printed with the load average (2 cores shared). Generated files are deleted afterwards.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_import import synthetic_acled
from benchmarks.bench_peers import PEERS, Expected, PageRun, load_average, vm_peak_mb
from benchmarks.synthetic import OUT_DIR, synthetic_events, synthetic_file
from conflictmap.importers import import_acled, write_import
from conflictmap.mapdata import DETAILS, DETAILS_COMPLETE, dataset_key, publish, wait_for_details
from conflictmap.store import dataset_identity, file_identity, load_events, load_events_cached, save_events
from tests.conftest import ROOT, StreamlitServer

# Named stages: a label and a test on (file, function name) of cProfile's entries; cumulative seconds are shown.
STAGES = [
    ("read the file", lambda f, n: n == "read_bytes"),
    ("read, parse and check a slice at a time (csvio.read_csv_file)", lambda f, n: n == "read_csv_file"),
    ("UTF-8 check (csvio.is_utf8)", lambda f, n: n == "is_utf8"),
    ("Arrow CSV parse (pyarrow.csv.read_csv)", lambda f, n: n == "read_csv" and "pyarrow" in f),
    ("exact reader (store.parse_events_text)", lambda f, n: n == "parse_events_text"),
    ("Arrow table to pandas", lambda f, n: n == "to_pandas" or n == "table_to_dataframe"),
    ("validation (schema.validate_frame)", lambda f, n: n == "validate_frame"),
    ("  rows checked a slice at a time (schema.Validation.add)", lambda f, n: n == "add" and "schema" in f),
    ("  duplicate ids, columns joined (schema.Validation.result)", lambda f, n: n == "result" and "schema" in f),
    ("  dates (schema._dates)", lambda f, n: n == "_dates"),
    ("  integer columns (schema._int_column)", lambda f, n: n == "_int_column"),
    ("  float columns (schema._float_column)", lambda f, n: n == "_float_column"),
    ("Parquet write (DataFrame.to_parquet)", lambda f, n: n == "to_parquet"),
    ("Parquet read (pandas.read_parquet)", lambda f, n: n == "read_parquet"),
    ("normalise types (schema.normalise_types)", lambda f, n: n == "normalise_types"),
    ("publish: typed columns (mapdata.point_columns)", lambda f, n: n == "point_columns"),
    ("publish: text frame (schema.to_text_frame)", lambda f, n: n == "to_text_frame"),
    ("publish: points blob (mapdata.points_blob)", lambda f, n: n == "points_blob"),
    ("publish: gzip of the points (gzip.compress)", lambda f, n: n == "compress" and "gzip" in f),
    ("publish: detail chunks (mapdata.write_details)", lambda f, n: n == "write_details"),
    ("import: decode (csvio.decode)", lambda f, n: n == "decode" and f.endswith("csvio.py")),
    ("import: CSV rows (importers.reading.read_csv_table)", lambda f, n: n == "read_csv_table"),
    ("import: ACLED columns (importers.acled.convert_acled)", lambda f, n: n == "convert_acled"),
    ("  dates (importers.dates.read_dates)", lambda f, n: n == "read_dates"),
    ("  checks (importers.result.finish_import)", lambda f, n: n == "finish_import"),
    ("import: merge into --out (importers.result.merge_events)", lambda f, n: n == "merge_events"),
    ("import: write (importers.result.write_import)", lambda f, n: n == "write_import"),
    ("CSV text out (store.events_csv_pieces)", lambda f, n: n == "events_csv_pieces"),
]


def profiled(func):
    """Run `func` under cProfile; returns its value, wall seconds and the statistics.

    The CPU seconds of this process (all threads) are printed too: on a machine shared by others they change
    far less with the load than wall time does.
    """
    profile = cProfile.Profile()
    started, cpu = time.perf_counter(), time.process_time()
    value = profile.runcall(func)
    seconds = time.perf_counter() - started
    profiled.cpu = time.process_time() - cpu
    print(f"    [{seconds:.2f} s wall, {profiled.cpu:.2f} s CPU, load average {load_average():.1f}]")
    return value, seconds, pstats.Stats(profile)


def where_time_goes(stats: pstats.Stats, total: float, top: int) -> None:
    """Named stages (cumulative), then the functions with the most time of their own."""
    entries = stats.stats  # {(file, line, name): (calls, ncalls, tottime, cumtime, callers)}
    for label, test in STAGES:
        cumulative = [v[3] for (f, _, n), v in entries.items() if test(f, n)]
        if cumulative:
            seconds = max(cumulative)  # recursive or nested entries: the outermost holds the whole
            print(f"    {label:<52} {seconds:7.2f} s  {seconds / total:5.0%}")
    own = sorted(entries.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    print(f"    functions with the most time of their own (cProfile; {total:.2f} s measured):")
    for (f, line, name), v in own:
        where = f"{Path(f).parent.name}/{Path(f).name}:{line}" if f != "~" else "built-in"
        print(f"      {v[2]:7.2f} s  {name:<40} {where}")


def in_process(path: Path, n: int, top: int) -> None:
    cache = Path(tempfile.mkdtemp(prefix="bench-cold-parquet-"))
    published = Path(tempfile.mkdtemp(prefix="bench-cold-static-"))
    try:
        print(f"  load average {load_average():.1f}")
        result, parse_s, stats = profiled(lambda: load_events(path))
        parse_cpu = profiled.cpu
        assert len(result.events) == n, result.problems[:3]
        print(f"  parse + validate (store.load_events): {parse_s:.2f} s, {n / parse_s:,.0f} rows/s")
        where_time_goes(stats, parse_s, top)
        _, cached_s, stats = profiled(lambda: load_events_cached(path, cache_dir=cache))
        print(f"  parse + validate + Parquet cache write (store.load_events_cached, cold): {cached_s:.2f} s")
        where_time_goes(stats, cached_s, top)
        identity = file_identity(path)
        done, publish_s, stats = profiled(lambda: publish(result.events, identity, cache_dir=published,
                                                          background=False))
        publish_cpu = profiled.cpu
        print(f"  publish the browser files (mapdata.publish, cold, detail chunks included): {publish_s:.2f} s")
        where_time_goes(stats, publish_s, top)
        shutil.rmtree(published / done.key)
        first, first_s, _ = profiled(lambda: publish(result.events, identity, cache_dir=published))
        print(f"  publish what a first view needs (mapdata.publish, detail chunks in the background): {first_s:.2f} s")
        started = time.perf_counter()
        wait_for_details(first, cache_dir=published)
        print(f"    the detail chunks were all written {time.perf_counter() - started:.2f} s later")
        print(f"  => parsing + validating + publishing: {parse_s + publish_s:.2f} s, "
              f"{n / (parse_s + publish_s):,.0f} rows/s (with the Parquet write: {cached_s + publish_s:.2f} s, "
              f"{n / (cached_s + publish_s):,.0f} rows/s); by CPU time (less bent by the load): "
              f"{parse_cpu + publish_cpu:.2f} s, {n / (parse_cpu + publish_cpu):,.0f} rows/s")
        warm, warm_s, stats = profiled(lambda: load_events_cached(path, cache_dir=cache))
        _, found_s, _ = profiled(lambda: publish(warm.events, identity, cache_dir=published))
        print(f"  warm path: Parquet read back {warm_s:.2f} s, published files found {found_s:.3f} s "
              f"(load average {load_average():.1f})")
        where_time_goes(stats, warm_s, top)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(published, ignore_errors=True)


def wait_until_written(path: Path, cache: Path, timeout_s: float) -> float:
    """Seconds waited for what the cold server writes after its first view (the Parquet copy's entry in `cache`,
    the popup texts' details/complete), so that the restart finds them all, as a warm start means."""
    details = ROOT / "static" / "cache" / dataset_key(dataset_identity(path)) / DETAILS / DETAILS_COMPLETE
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s and not (details.is_file() and any(cache.glob("*.json"))):
        time.sleep(0.5)
    return time.perf_counter() - started


def through_app(path: Path, timeout_s: float, cache: Path, timeline: bool = False) -> None:
    """First view on the unseen file by a fresh server, then the same after a restart (warm caches: the cold
    server is stopped once its Parquet copy and popup texts are written)."""
    from playwright.sync_api import sync_playwright

    expected = Expected.of(path)
    conflictmap = next(p for p in PEERS if p.name == "conflictmap")
    with sync_playwright() as playwright:
        for label in ("cold (never seen)", "warm (after a restart)"):
            load = load_average()
            started = time.perf_counter()
            server = StreamlitServer({"CONFLICTMAP_EVENTS": str(path)})
            ready = time.perf_counter() - started
            run = PageRun(playwright, conflictmap, server.url, timeout_s)
            try:
                view = run.open(expected.all)
                print(f"  {label}: server start {ready:.1f} s; navigation to first points {view['first_points_s']:.2f} s, "
                      f"to full clusters {view['complete_s']:.2f} s; server peak {vm_peak_mb(server.proc.pid):,.0f} MB "
                      f"(load average {load:.1f} -> {load_average():.1f})", flush=True)
                if timeline:
                    from benchmarks.trace_filter_change import first_view_timeline

                    first_view_timeline(run)
            except Exception as exc:
                print(f"  {label}: failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            finally:
                run.close()
                if label.startswith("cold"):
                    waited = wait_until_written(path, cache, timeout_s)
                    print(f"    (its Parquet copy and popup texts written {waited:.1f} s after; then restarted)",
                          flush=True)
                server.stop()


# Starts the command from a small process and prints its exit code and peak resident memory (KB). Linux counts the
# image a child was forked from in its ru_maxrss, even after exec: started straight from this process (hundreds of
# MB, GB after a cold start) the command's "peak" was this process's size.
_LAUNCHER = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); _, status, usage = os.wait4(child.pid, 0); "
             "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)")


def run_measured(command: list[str]) -> tuple[int, float]:
    """(exit code, peak resident memory in MB) of `command` run from ROOT, its output discarded."""
    launcher = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *command], cwd=ROOT, capture_output=True,
                              text=True, check=True)
    code, peak_kb = launcher.stdout.split()
    return int(code), int(peak_kb) / 1024


def import_figures(n: int, top: int, profile: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-cold-acled-") as tmp:
        source = Path(tmp) / "synthetic_acled.csv"
        synthetic_acled(n).to_csv(source, index=False)
        out = Path(tmp) / "events.csv"
        load = load_average()
        started = time.perf_counter()
        returncode, peak_mb = run_measured([sys.executable, "-m", "conflictmap", "import", "acled", str(source),
                                            "--out", str(out)])
        seconds = time.perf_counter() - started
        print(f"  import acled, {n:,} rows ({source.stat().st_size / 1e6:.0f} MB): exit {returncode}, "
              f"{seconds:.1f} s, {n / seconds:,.0f} rows/s, peak {peak_mb:,.0f} MB "
              f"(load average {load:.1f} -> {load_average():.1f})", flush=True)
        out.unlink(missing_ok=True)
        if not profile:
            return
        result, import_s, stats = profiled(lambda: import_acled(source))
        _, write_s, write_stats = profiled(lambda: write_import(result, out))
        print(f"  in this process: import_acled {import_s:.1f} s, write_import {write_s:.1f} s")
        stats.add(write_stats)
        where_time_goes(stats, import_s + write_s, top)


def fresh_copy(n: int, data_dir: Path = OUT_DIR) -> Path:
    """The synthetic file under a new name and time: a version no cache has seen. In `data_dir` (the source
    synthetic_N.csv is generated there once, then reused)."""
    source = synthetic_file(n) if data_dir == OUT_DIR else data_dir / f"synthetic_{n}.csv"
    if not source.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        save_events(source, synthetic_events(n))
    target = data_dir / f"cold_{n}_{os.getpid()}_{time.time_ns()}.csv"
    shutil.copyfile(source, target)
    return target


def remove_published(path: Path) -> None:
    """The app's browser files of `path` (keyed by its dataset_identity, as ui/datasets.load keys them)."""
    shutil.rmtree(ROOT / "static" / "cache" / dataset_key(dataset_identity(path)), ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000_000])
    parser.add_argument("--acled", nargs="*", type=int, default=[200_000, 1_000_000])
    parser.add_argument("--no-browser", action="store_true", help="skip the real app's first view")
    parser.add_argument("--app-only", action="store_true",
                        help="only the real app's first views (no profile in this process): quicker to repeat")
    parser.add_argument("--import-only", action="store_true", help="only the `import acled` figures")
    parser.add_argument("--data-dir", type=Path, default=OUT_DIR,
                        help=f"where the synthetic files are kept and copied (default {OUT_DIR}); e.g. /tmp/...")
    parser.add_argument("--timeline", action="store_true",
                        help="print when each view's messages and files arrived, from navigation")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--top", type=int, default=12, help="functions listed by time of their own")
    parser.add_argument("--profile-import-max", type=int, default=200_000,
                        help="profile the import in this process only up to this many rows (it is slow)")
    args = parser.parse_args(argv)
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    for n in [] if args.import_only else args.sizes:
        print(f"# {n:,} events, never seen before", flush=True)
        path = fresh_copy(n, args.data_dir)
        try:
            if not args.app_only:
                in_process(path, n, args.top)
            if not args.no_browser:
                cache = Path(tempfile.mkdtemp(prefix="bench-cold-app-"))
                os.environ["CONFLICTMAP_CACHE"] = str(cache)
                try:
                    through_app(path, args.timeout, cache, args.timeline)
                finally:
                    del os.environ["CONFLICTMAP_CACHE"]
                    shutil.rmtree(cache, ignore_errors=True)
                    remove_published(path)
        finally:
            path.unlink(missing_ok=True)
    for n in args.acled:
        print(f"# import acled, {n:,} synthetic rows", flush=True)
        import_figures(n, args.top, n <= args.profile_import_max)
    return 0


if __name__ == "__main__":
    sys.exit(main())
