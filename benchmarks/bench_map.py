"""Map at scale: server rerun, bytes to the browser, Chromium time to first clusters and to a filter change,
peak memory of the server and the page. Synthetic events (benchmarks/synthetic.py), never shipped.

    .venv/bin/python -m benchmarks.bench_map [N ...]      (default: 10000 200000 1000000)
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from benchmarks.synthetic import synthetic_file
from conflictmap.mapdata import CACHE_DIR, POINTS, dataset_key
from conflictmap.store import file_identity, load_events_cached
from tests.browser import map_state, wait_app_idle, wait_map
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, StreamlitServer


def vm_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def server_side(path: Path) -> dict[str, float]:
    """Rerun cost inside Streamlit's AppTest: a cold run (parse, publish) then warm reruns (cache hit)."""
    from streamlit.testing.v1 import AppTest

    os.environ["CONFLICTMAP_EVENTS"] = str(path)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    t = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t
    warm = []
    for types in (["Battles"], ["Battles", "Riots", "Protests"], None):
        if types is not None:
            at.multiselect(key="types").set_value(types)
        t = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t)
    args = at.get("component_instance")[0].proto.json_args
    return {"cold_s": cold, "rerun_s": sum(warm) / len(warm), "rerun_max_s": max(warm),
            "rerun_message_bytes": len(args.encode())}


def published_bytes(path: Path, n: int) -> float:
    """Bytes per event sent once (compressed points + meta); details are fetched per 1,000-event chunk on click."""
    published = CACHE_DIR / dataset_key(file_identity(path))
    return ((published / POINTS).stat().st_size + (published / "meta.json").stat().st_size) / n


def timed_change(page, act, expected: int) -> float:
    """Seconds from a filter change in the page to the map's first drawing of the `expected` events."""
    before = int(map_state(page).get("cmGeneration", 0))
    started = page.evaluate("performance.timeOrigin + performance.now()")
    act()
    state = wait_map(page, after_generation=before, timeout=600, cmShown=str(expected))
    return (float(state["cmFirstAt"]) - started) / 1000


def browser_side(path: Path, n: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    server = StreamlitServer({"CONFLICTMAP_EVENTS": str(path)})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(server.url)
            wait_app_idle(warm, timeout_ms=600_000)
            wait_map(warm, timeout=600)
            warm.close()
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(server.url)
            state = wait_map(page, timeout=600, cmShown=str(n))
            navigation_start = page.evaluate("performance.timeOrigin")
            first = (float(state["cmFirstAt"]) - navigation_start) / 1000
            indexed = (float(state["cmRenderedAt"]) - navigation_start) / 1000
            wait_app_idle(page)
            events = load_events_cached(path).events
            last_day = int((events["event_date"] == events["event_date"].max()).sum())
            precise = int((events["geo_precision"] == 1).sum())
            slider = page.get_by_role("slider").first
            slider.focus()
            narrow = timed_change(page, lambda: slider.press("End"), last_day)
            slider.focus()
            timed_change(page, lambda: slider.press("Home"), n)
            half = timed_change(page, lambda: page.get_by_text("Precise locations only").click(), precise)
            heap = max(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == "JSHeapTotalSize")
            frame_heap = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator("html").evaluate(
                "() => performance.memory ? performance.memory.usedJSHeapSize : 0")
            browser.close()
        return {"first_clusters_s": first, "all_clusters_s": indexed,
                "change_to_last_day_s": narrow, "last_day_events": last_day,
                "change_to_precise_s": half, "precise_events": precise,
                "page_heap_mb": heap / 2**20, "map_frame_heap_mb": frame_heap / 2**20,
                "server_peak_mb": vm_peak_mb(server.proc.pid)}
    finally:
        server.stop()


def main(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        path = synthetic_file(n)
        server = server_side(path)
        row = {"events": n, **server, "bytes_per_event_once": published_bytes(path, n), **browser_side(path, n)}
        rows.append(row)
        print(json.dumps(row), flush=True)
    keys = ["events", "cold_s", "rerun_s", "rerun_max_s", "rerun_message_bytes", "bytes_per_event_once",
            "first_clusters_s", "all_clusters_s", "change_to_last_day_s", "change_to_precise_s", "precise_events",
            "server_peak_mb", "map_frame_heap_mb"]
    print("\n| " + " | ".join(keys) + " |\n|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(f"{row[k]:,.2f}" if isinstance(row[k], float) else f"{row[k]:,}" for k in keys) + " |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 200_000, 1_000_000])
