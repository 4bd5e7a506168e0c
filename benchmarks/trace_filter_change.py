"""Where a filter change spends its time, on conflictmap's map page or one of the peers of bench_peers.

    .venv/bin/python -m benchmarks.trace_filter_change [N ...] [--peer NAME] [--no-py-spy] [--timeline] [--top K]

At N synthetic events (default 200000), for a date change to the last day, back to all, and one event type
removed (real keys and clicks, as in bench_peers), it prints:
- the server's work, timed in this process on the same events: the filter mask, the headline summary, the bit
  mask's encoding (conflictmap only);
- the timeline as the page saw it: the key or click; the first and last websocket message of the rerun (their
  bytes); the script finished (script-state attribute); the map's first drawing and its full clusters;
- the browser's JavaScript CPU time by script and by function during the change (CDP Profiler, sampled every
  200 microseconds; "(program)" is the browser's own work: layout, style, paint, parsing);
- with --timeline, Chrome's own timeline of the renderer's main thread (style, layout, paint, garbage collection);
- the server's samples during the change by function, own and inclusive (py-spy, when installed: it is a
  profiling tool, not a requirement of the project; `--no-py-spy` skips it).
The load average is printed with every change. Synthetic events, generated at run time, never shipped.
"""
from __future__ import annotations

import argparse
import collections
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


from benchmarks.bench_peers import PEERS, Expected, PageRun, load_average
from benchmarks.synthetic import synthetic_file
from tests.conftest import ROOT, StreamlitServer

PY_SPY = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
SCRIPT_GROUPS = [("conflictmap map script", "build/conflictmap.js"), ("conflictmap worker", "conflictmap-worker.js"),
                 ("Leaflet", "leaflet"),
                 ("map component (streamlit-folium)", "/component/"), ("Streamlit frontend", "/static/js/")]


def server_work(path: Path, expected: Expected) -> None:
    """What the dashboard computes per rerun for each filter, timed directly (median of 5)."""
    from conflictmap.filters import EventFilter, filter_mask, summary
    from conflictmap.mapdata import encode_mask
    from conflictmap.store import load_events_cached

    events = load_events_cached(path).events
    last = events["event_date"].max().date()
    first = events["event_date"].min().date()
    types = tuple(t for t in events["event_type"].unique() if t != expected.removed_type)
    for label, spec in (("dates to the last day", EventFilter(date_from=last, date_to=last)),
                        ("dates back to all", EventFilter(date_from=first, date_to=last)),
                        ("one type removed", EventFilter(date_from=first, date_to=last, event_types=types))):
        times = collections.defaultdict(list)
        for _ in range(5):
            t = time.perf_counter()
            mask = filter_mask(events, spec)
            times["filter_mask"].append(time.perf_counter() - t)
            t = time.perf_counter()
            summary(events, mask)
            times["summary"].append(time.perf_counter() - t)
            t = time.perf_counter()
            encoded = encode_mask(mask)
            times["encode_mask"].append(time.perf_counter() - t)
        cells = ", ".join(f"{k} {sorted(v)[2] * 1000:.1f} ms" for k, v in times.items())
        print(f"  server work, {label}: {cells}; mask message {len(encoded or ''):,} bytes")


def js_profile(profile: dict, top: int) -> None:
    """Self time by script group and by function from a CDP Profiler profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    self_us: collections.Counter = collections.Counter()
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"]):
        self_us[node_id] += delta
    by_group: collections.Counter = collections.Counter()
    by_function: collections.Counter = collections.Counter()
    for node_id, us in self_us.items():
        frame = nodes[node_id]["callFrame"]
        url, name = frame.get("url", ""), frame.get("functionName") or "(anonymous)"
        group = next((g for g, part in SCRIPT_GROUPS if part in url), None)
        if group is None:
            group = name if name.startswith("(") else "other scripts"
        if group == "(idle)":
            continue
        by_group[group] += us
        by_function[f"{name} [{Path(url).name or name}:{frame.get('lineNumber', 0) + 1}]"] += us
    total = sum(by_group.values())
    print(f"    browser CPU (not idle): {total / 1e6:.2f} s; by script: " +
          ", ".join(f"{g} {us / 1e6:.2f} s" for g, us in by_group.most_common()))
    for label, us in by_function.most_common(top):
        print(f"      {us / 1e6:6.3f} s  {label}")


RESOURCES_JS = """() => performance.getEntriesByType("resource").map(e => [e.name, performance.timeOrigin + e.startTime,
    performance.timeOrigin + e.responseEnd, e.transferSize || e.encodedBodySize])"""


def first_view_timeline(run) -> None:
    """When the page's and the map frame's resources were fetched, and the server's messages arrived, from
    navigation start (the slowest steps of a first view)."""
    origin = run.page.evaluate("performance.timeOrigin")
    probe = run.page.evaluate("() => ({ws: window.__bench.ws, states: window.__bench.states})")
    entries = run.page.evaluate(RESOURCES_JS)
    try:
        entries += run.map_frame().evaluate(RESOURCES_JS)
    except Exception:
        pass
    done = [t for t, s in probe["states"] if s == "notRunning"]
    print(f"    websocket: first message {(probe['ws'][0][0] - origin) / 1000:.2f} s, "
          f"{len(probe['ws'])} messages, {sum(s for _, s in probe['ws']) / 1024:,.0f} KB, last "
          f"{(probe['ws'][-1][0] - origin) / 1000:.2f} s; script done {(done[0] - origin) / 1000 if done else 0:.2f} s")
    for name, start, end, size in sorted(entries, key=lambda e: e[1]):
        short = name.split("?")[0].replace(run.url, "")
        if any(part in short for part in ("/component/", "/app/static/", "/static/js/index", "_stcore/host-config",
                                           "cache/")) and not short.endswith((".png", ".woff2")):
            print(f"    {(start - origin) / 1000:6.2f} s -> {(end - origin) / 1000:6.2f} s  {size / 1024:9,.0f} KB  {short}")


RENDERER_EVENTS = ("UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "ParseHTML",
                   "ParseAuthorStyleSheet", "HitTest", "MinorGC", "MajorGC", "V8.GC_SCAVENGER", "V8.GC_MARK_COMPACTOR")


class Timeline:
    """Chrome's own timeline (CDP Tracing, devtools.timeline): what the renderer's "(program)" time is."""

    def __init__(self, cdp):
        self.cdp, self.events, self.done = cdp, [], False
        cdp.on("Tracing.dataCollected", lambda params: self.events.extend(params["value"]))
        cdp.on("Tracing.tracingComplete", lambda params: setattr(self, "done", True))

    def start(self) -> None:
        self.events, self.done = [], False
        self.cdp.send("Tracing.start", {"categories": "devtools.timeline,v8", "transferMode": "ReportEvents"})

    def stop(self, page) -> None:
        self.cdp.send("Tracing.end")
        deadline = time.monotonic() + 60
        while not self.done and time.monotonic() < deadline:
            page.wait_for_timeout(100)  # lets Playwright deliver the protocol's events
        threads = {(e["pid"], e["tid"]) for e in self.events
                   if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
        totals: collections.Counter = collections.Counter()
        for e in self.events:
            if e.get("ph") == "X" and (e["pid"], e["tid"]) in threads and e.get("name") in RENDERER_EVENTS:
                totals[e["name"]] += e.get("dur", 0)
        print("    renderer main thread (Chrome timeline): " +
              ", ".join(f"{name} {us / 1e6:.2f} s" for name, us in totals.most_common()))


def py_spy_start(pid: int, out: Path):
    if not Path(PY_SPY).exists():
        return None
    return subprocess.Popen([PY_SPY, "record", "--pid", str(pid), "--rate", "200", "--format", "raw",
                             "--output", str(out), "--nonblocking"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def py_spy_report(proc, out: Path, top: int) -> None:
    """Own and inclusive samples per function of the server during the change (200 samples a second)."""
    if proc is None:
        return
    proc.send_signal(signal.SIGINT)
    proc.wait(60)
    if not out.is_file():
        print("    (py-spy wrote no samples)")
        return
    own: collections.Counter = collections.Counter()
    inclusive: collections.Counter = collections.Counter()
    total = 0
    for line in out.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [f for f in stack.split(";") if "(" in f and not f.startswith(("process ", "thread "))]
        labels = [f.split(":")[0] + ")" if ":" in f else f for f in frames]  # drop line numbers
        if not labels:
            continue
        total += int(count)
        own[labels[-1]] += int(count)
        for label in set(labels):
            if any(part in label for part in ("conflictmap/", "dashboard.py", "ui/", "streamlit_folium", "folium/",
                                              "script_runner", "peers/")):
                inclusive[label] += int(count)
    print(f"    server samples while busy: {total} ({total / 200:.2f} s of CPU at 200 samples/s); most own time:")
    for label, count in own.most_common(top):
        print(f"      {count / 200:6.2f} s  {label}")
    print("    inclusive, project, Streamlit script runner and folium frames:")
    for label, count in inclusive.most_common(top):
        print(f"      {count / 200:6.2f} s  {label}")


def trace(n: int, peer_name: str, use_py_spy: bool, top: int, with_timeline: bool) -> None:
    from playwright.sync_api import sync_playwright

    path = synthetic_file(n)
    expected = Expected.of(path)
    peer = next(p for p in PEERS if p.name == peer_name)
    print(f"# {peer.name}, {n:,} events (load average {load_average():.1f})", flush=True)
    if peer.kind == "conflictmap":
        server_work(path, expected)
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    server = StreamlitServer({"CONFLICTMAP_EVENTS": str(path)}, script=peer.script)
    scratch = Path(tempfile.mkdtemp(prefix="bench-trace-"))
    try:
        with sync_playwright() as playwright:
            warm = PageRun(playwright, peer, server.url, 600)
            try:
                warm.open(expected.all)
            finally:
                warm.close()
            run = PageRun(playwright, peer, server.url, 600)
            try:
                run.cdp.send("Profiler.enable")
                run.cdp.send("Profiler.setSamplingInterval", {"interval": 200})
                spy = py_spy_start(server.proc.pid, scratch / "spy-first.txt") if use_py_spy else None
                time.sleep(0.5 if spy else 0)  # py-spy attaches before the navigation
                run.cdp.send("Profiler.start")
                view = run.open(expected.all)
                profile = run.cdp.send("Profiler.stop")["profile"]
                print(f"  first view (load average {load_average():.1f}): first points {view['first_points_s']:.2f} s, "
                      f"complete {view['complete_s']:.2f} s")
                first_view_timeline(run)
                js_profile(profile, top)
                if spy:
                    py_spy_report(spy, scratch / "spy-first.txt", top)
                slider = run.page.get_by_role("slider").first
                steps = [("dates to the last day", lambda: slider.press("End"), expected.last_day, slider.focus),
                         ("dates back to all", lambda: slider.press("Home"), expected.all, slider.focus),
                         ("one type removed", lambda: run.remove_type(expected.removed_type), expected.without_type,
                          None)]
                timeline = Timeline(run.cdp) if with_timeline else None
                for k, (label, act, count, prepare) in enumerate(steps):
                    run.wait_idle()
                    if prepare:
                        prepare()
                    spy = py_spy_start(server.proc.pid, scratch / f"spy{k}.txt") if use_py_spy else None
                    time.sleep(0.5 if spy else 0)  # py-spy attaches before the change
                    load = load_average()
                    run.cdp.send("Profiler.start")
                    if timeline:
                        timeline.start()
                    started = run.now()
                    act()
                    drawn = run.wait_drawn(count, started)
                    run.wait_idle(since=started)
                    profile = run.cdp.send("Profiler.stop")["profile"]
                    probe = run.page.evaluate("() => ({ws: window.__bench.ws, states: window.__bench.states})")
                    messages = [(t, size) for t, size in probe["ws"] if t > started]
                    running = [t for t, s in probe["states"] if t > started and s == "running"]
                    done = [t for t, s in probe["states"] if t > started and s == "notRunning"]

                    def at(t):
                        return f"{(t - started) / 1000:.3f} s" if t else "-"

                    print(f"  {label} -> {count:,} events (load average {load:.1f}):")
                    print(f"    script running at {at(running[0] if running else None)}; first message "
                          f"{at(messages[0][0] if messages else None)}, last {at(messages[-1][0] if messages else None)}"
                          f" ({len(messages)} messages, {sum(s for _, s in messages) / 1024:,.1f} KB); script done "
                          f"{at(done[-1] if done else None)}; map first drawn {at(drawn['first'])}, complete "
                          f"{at(drawn['complete'])}", flush=True)
                    js_profile(profile, top)
                    if timeline:
                        timeline.stop(run.page)
                    if spy:
                        py_spy_report(spy, scratch / f"spy{k}.txt", top)
            finally:
                run.close()
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200_000])
    parser.add_argument("--peer", default="conflictmap", help="one of: " + ", ".join(p.name for p in PEERS))
    parser.add_argument("--no-py-spy", action="store_true")
    parser.add_argument("--timeline", action="store_true", help="also Chrome's timeline (layout, style, paint, GC)")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    for n in args.sizes:
        trace(n, args.peer, not args.no_py_spy, args.top, args.timeline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
