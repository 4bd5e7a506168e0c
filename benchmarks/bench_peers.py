"""Side by side: conflictmap's map page against minimal Streamlit map apps, on the same synthetic events.

    .venv/bin/python -m benchmarks.bench_peers [N ...] [--reps 3] [--peers NAME,NAME] [--timeout S] [--json FILE]

Peers (benchmarks/peers/, each a small app of our own with the same two sidebar filters): `st.map`,
`st.pydeck_chart` with a ScatterplotLayer, and folium's `FastMarkerCluster` through `st_folium`. conflictmap is
the real `dashboard.py` with `CONFLICTMAP_EVENTS`. Every app is started the same way (`streamlit run` on
127.0.0.1, the repository's `.streamlit/config.toml`), warmed with one page load (the data is parsed then), and
measured in one run: repetitions interleaved, the peers' order rotated each repetition, a fresh headless
Chromium (`/usr/bin/chromium` through Playwright's `executable_path`) for every page. Nothing leaves 127.0.0.1:
conflictmap runs with `CONFLICTMAP_OFFLINE=1`, folium without tiles and with its scripts served from local
copies, and the deck.gl peers' base-map style request (Carto) fails in the browser, which knows no host but
127.0.0.1, as it would offline; every such request is counted and printed. The browser's HTTP cache works as in any
browser (a fresh profile per page, so nothing is cached before the page's own requests).

Measures, per page:
- first points: from navigation start to the first drawing of the events. Leaflet maps: a MutationObserver sees
  the first marker or cluster icon inserted (conflictmap reports its own draw, see `conflictmap_map_state`);
  deck.gl maps: the first instanced WebGL draw call of all N points (ScatterplotLayer draws one instance per row).
- filter changes (real keys and clicks): dates narrowed to the last day (End on the slider's first thumb),
  widened back (Home), then one event type removed (the tag's remove button), each timed from the key or click
  to the drawing of the expected number of events; and the rerun as the browser sees it (script-state
  attribute back to notRunning).
- bytes received over the websocket for the first view and for each rerun.
- page JS heap (used, after a forced garbage collection; same-origin iframes share the page's heap) and the
  browser's peak resident memory (renderer and GPU processes, which hold typed arrays and WebGL buffers).
- server peak resident memory (VmHWM of the `streamlit run` process, warm-up included).
The load average (1 minute) is sampled before every page and printed with the medians.
Synthetic events (benchmarks/synthetic.py) are generated at run time into benchmarks/.data/, never shipped.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
from folium.plugins import MarkerCluster

from benchmarks.synthetic import OUT_DIR, synthetic_file
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, StreamlitServer

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PEERS_DIR = ROOT / "benchmarks" / "peers"
# The same flags for every browser; SwiftShader gives the deck.gl peers WebGL without a GPU, and precise memory
# figures make performance.memory comparable. Every host but 127.0.0.1 is unknown to the browser, so nothing leaves
# the machine (Playwright's request routing would do it too, but it switches the browser's HTTP cache off and passes
# every request through the driver: a page would not load as it does in a browser).
OFFLINE_ARG = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
BROWSER_ARGS = CHROMIUM_ARGS + ["--enable-unsafe-swiftshader", "--enable-precise-memory-info", OFFLINE_ARG]

# Installed in every frame before any page script: records when event graphics are handed to the renderer.
PROBE_JS = r"""
(() => {
  if (window.__bench) { return; }
  const now = () => performance.timeOrigin + performance.now();
  const b = window.__bench = {iconFirst: null, iconLast: null, draws: [], states: [], ws: [], finished: []};
  const ICON = ".leaflet-marker-icon:not(.cm-ref)";
  // Prototype hooks rather than observers: a frame's initial about:blank window is kept for the document that
  // replaces it, and an observer on the first document would see nothing.
  const wrap = (proto, name, after) => {
    const original = proto && proto[name];
    if (!original) { return; }
    proto[name] = function () {
      const value = original.apply(this, arguments);
      after(arguments);
      return value;
    };
  };
  const inserted = (args) => {
    const node = args[0];
    if (node && node.nodeType === 1 && node.isConnected &&
        (node.matches(ICON) || (node.firstElementChild && node.querySelector(ICON)))) {
      const t = now();
      if (b.iconFirst === null) { b.iconFirst = t; }
      b.iconLast = t;
    }
  };
  wrap(Node.prototype, "appendChild", inserted);
  wrap(Node.prototype, "insertBefore", inserted);
  const drawn = (countArg) => (args) => {
    b.draws.push([now(), args[countArg]]);
    if (b.draws.length > 4000) { b.draws.splice(0, 2000); }
  };
  if (window.WebGL2RenderingContext) {
    wrap(WebGL2RenderingContext.prototype, "drawArraysInstanced", drawn(3));
    wrap(WebGL2RenderingContext.prototype, "drawElementsInstanced", drawn(4));
  }
  const watchState = () => new MutationObserver((records) => {
    const t = now();
    for (const r of records) { b.states.push([t, r.target.getAttribute("data-test-script-state")]); }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-test-script-state"]});
  if (window === window.top) {
    watchState();
    // Whether a message is Streamlit's script_finished: a ForwardMsg (protobuf) whose top-level field 6 (a varint)
    // is present. The script-state attribute is no witness of a quick rerun: its two changes can fall in one render.
    const finished = (data) => {
      if (!(data instanceof ArrayBuffer)) { return false; }
      const bytes = new Uint8Array(data);
      let i = 0;
      const varint = () => {
        let value = 0, shift = 0, byte;
        do { byte = bytes[i++]; value += (byte & 127) * 2 ** shift; shift += 7; } while (byte & 128 && i < bytes.length);
        return value;
      };
      while (i < bytes.length) {
        const key = varint(), field = Math.floor(key / 8), wire = key % 8;
        if (field === 6 && wire === 0) { return true; }
        if (wire === 0) { varint(); } else if (wire === 2) { i += varint(); } else if (wire === 1) { i += 8; }
        else if (wire === 5) { i += 4; } else { return false; }
      }
      return false;
    };
    // When each websocket message arrives, and its size: the server's part of a rerun as the page sees it.
    const NativeSocket = window.WebSocket;
    window.WebSocket = class extends NativeSocket {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (e) => {
          b.ws.push([now(), e.data.byteLength !== undefined ? e.data.byteLength : (e.data.size || e.data.length)]);
          if (b.ws.length > 4000) { b.ws.splice(0, 2000); }
          if (finished(e.data)) { b.finished.push(now()); }
        });
      }
    };
  }
})();
"""

# How many markers the Leaflet.markercluster group on st_folium's map holds (its top cluster's count). The
# group builds and inserts its icons in the same task as it is added to the map, so once this count is right
# and an icon was inserted after the change, the drawing is complete.
CLUSTER_COUNT_JS = r"""
() => {
  const map = window.map;
  if (!map) { return -1; }
  for (const layer of Object.values(map._layers)) {
    if (layer._topClusterLevel) { return layer._topClusterLevel._childCount; }
  }
  return -1;
}
"""


@dataclass(frozen=True)
class Peer:
    name: str
    script: str
    kind: str  # "conflictmap", "deck" or "leaflet": how its drawing is seen


PEERS = [
    Peer("conflictmap", "dashboard.py", "conflictmap"),
    Peer("st.map", "benchmarks/peers/st_map.py", "deck"),
    Peer("st.pydeck_chart", "benchmarks/peers/pydeck_scatter.py", "deck"),
    Peer("folium FastMarkerCluster", "benchmarks/peers/folium_fastcluster.py", "leaflet"),
]


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def vm_peak_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process, in MB; nan when it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def stage_folium_assets() -> None:
    """Local copies of Leaflet and of the Leaflet.markercluster version folium names, for the folium peer.

    Leaflet comes from the project's node_modules; markercluster is fetched once with `npm pack` into
    benchmarks/.data/npm/ (the npm registry, as at set-up). Written to benchmarks/peers/static/ (git-ignored).
    """
    vendor = PEERS_DIR / "static" / "vendor"
    if (vendor / "leaflet.markercluster.js").is_file():
        return
    vendor.mkdir(parents=True, exist_ok=True)
    leaflet = ROOT / "node_modules" / "leaflet" / "dist"
    shutil.copy(leaflet / "leaflet.js", vendor)
    shutil.copy(leaflet / "leaflet.css", vendor)
    shutil.copytree(leaflet / "images", vendor / "images", dirs_exist_ok=True)
    url = dict(MarkerCluster.default_js)["markerclusterjs"]
    version = url.split("/leaflet.markercluster/")[1].split("/")[0]
    npm_dir = OUT_DIR / "npm"
    npm_dir.mkdir(parents=True, exist_ok=True)
    tgz = npm_dir / f"leaflet.markercluster-{version}.tgz"
    if not tgz.is_file():
        subprocess.run(["npm", "pack", f"leaflet.markercluster@{version}", "--pack-destination", str(npm_dir)],
                       check=True, capture_output=True)
    with tarfile.open(tgz) as tar:
        for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"):
            member = tar.extractfile(f"package/dist/{name}")
            (vendor / name).write_bytes(member.read())


@dataclass
class Expected:
    """How many events each step must show, computed from the file the apps read."""

    all: int
    last_day: int
    without_type: int
    removed_type: str = "Battles"

    @classmethod
    def of(cls, path: Path) -> Expected:
        frame = pd.read_csv(path, usecols=["event_date", "event_type", "latitude", "longitude"])
        frame = frame.dropna(subset=["latitude", "longitude"])
        return cls(all=len(frame), last_day=int((frame["event_date"] == frame["event_date"].max()).sum()),
                   without_type=int((frame["event_type"] != "Battles").sum()))


def conflictmap_map_state(frame, after_generation: int, expected: int, timeout_ms: float) -> dict:
    """conflictmap's own report of what its map drew (the cm* values on the map frame's <html> dataset).

    The only place the harness reads them: returns the first drawing newer than `after_generation` showing
    `expected` events ("rendered_at", epoch ms), from the map's list of its last drawings (cmDrawings), since
    a drawing the map makes from the date slider is soon followed by the rerun's; "generation" is the newest
    drawing's. Its clusters are complete in one drawing.
    """
    frame.wait_for_function(
        """([g, n]) => { const d = document.documentElement ? document.documentElement.dataset : {};
             if (d.cmError) { return true; }
             return (d.cmDrawings || "").split(" ").some((e) => {
               const [gen, shown] = e.split(":"); return +gen > g && shown === String(n); }); }""",
        arg=[after_generation, expected], timeout=timeout_ms, polling=50)
    state = frame.evaluate("() => Object.assign({}, document.documentElement.dataset)")
    if "cmError" in state:
        raise RuntimeError(f"conflictmap map script failed: {state['cmError']}")
    drawings = [entry.split(":") for entry in state["cmDrawings"].split()]
    first = next(float(at) for gen, shown, at in drawings if int(gen) > after_generation and shown == str(expected))
    return {"generation": int(state["cmGeneration"]), "rendered_at": first}


class PageRun:
    """One fresh browser and page on one app: navigation, three filter changes, memory."""

    def __init__(self, playwright, peer: Peer, url: str, timeout_s: float):
        self.peer, self.url, self.timeout_ms = peer, url, timeout_s * 1000
        self.profile = tempfile.mkdtemp(prefix="bench-peers-chromium-")
        self.context = playwright.chromium.launch_persistent_context(
            self.profile, executable_path=CHROMIUM, args=BROWSER_ARGS, headless=True,
            viewport={"width": 1400, "height": 1000})
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.page.add_init_script(PROBE_JS)
        self.refused: list[str] = []
        self.context.on("requestfailed", self._failed)
        self.ws_received = 0
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self.generation = 0

    def _failed(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.refused.append(request.url)

    def _frame(self, payload):
        self.ws_received += len(payload)

    def now(self) -> float:
        return self.page.evaluate("performance.timeOrigin + performance.now()")

    def map_frame(self):
        return self.page.wait_for_selector(MAP_FRAME, timeout=self.timeout_ms).content_frame()

    def wait_drawn(self, expected: int, since: float) -> dict[str, float]:
        """Wait for the map to draw `expected` events after `since` (epoch ms); returns when, and when complete."""
        kind = self.peer.kind
        if kind == "conflictmap":
            state = conflictmap_map_state(self.map_frame(), self.generation, expected, self.timeout_ms)
            self.generation = state["generation"]
            return {"first": state["rendered_at"], "complete": state["rendered_at"]}
        if kind == "deck":
            self.page.wait_for_function(
                "([n, t0]) => window.__bench.draws.some(d => d[1] === n && d[0] > t0)",
                arg=[expected, since], timeout=self.timeout_ms, polling=50)
            t = self.page.evaluate("([n, t0]) => Math.min(...window.__bench.draws.filter(d => d[1] === n && d[0] > t0)"
                                   ".map(d => d[0]))", [expected, since])
            return {"first": t, "complete": t}
        deadline = time.monotonic() + self.timeout_ms / 1000
        while True:  # the iframe may be replaced when the whole map is sent again
            try:
                frame = self.map_frame()
                frame.wait_for_function(
                    f"([n, t0]) => window.__bench && window.__bench.iconLast > t0 && ({CLUSTER_COUNT_JS})() === n",
                    arg=[expected, since], timeout=max(1000, (deadline - time.monotonic()) * 1000), polling=50)
                t = frame.evaluate("() => window.__bench.iconLast")
                return {"first": t, "complete": t}
            except Exception:
                if time.monotonic() > deadline:
                    raise

    def wait_idle(self, since: float | None = None) -> float:
        """Wait until the app's script has finished; returns when it did (epoch ms) as the page saw it. With
        `since` (epoch ms), the run that finished after it, by its script_finished message or the script-state
        attribute, whichever the page saw first: the map may have drawn a change before its rerun began, a quick
        rerun may leave no trace in the attribute, and the message is not recognised in every app."""
        if since is not None:  # whichever the page shows first: the message, or the attribute's change
            ends = """(t0) => window.__bench.finished.filter((t) => t > t0).concat(
                window.__bench.states.filter(([t, s]) => t > t0 && s === "notRunning").map(([t]) => t))"""
            self.page.wait_for_function(f"(t0) => ({ends})(t0).length > 0", arg=since, timeout=self.timeout_ms,
                                        polling=50)
            return self.page.evaluate(f"(t0) => Math.min(...({ends})(t0))", since)
        self.page.wait_for_selector("[data-test-script-state=notRunning]", state="attached", timeout=self.timeout_ms)
        states = self.page.evaluate("() => window.__bench.states")
        done = [t for t, s in states if s == "notRunning"]
        return done[-1] if done else float("nan")

    def open(self, expected: int) -> dict[str, float]:
        self.page.goto(self.url, wait_until="commit")
        origin = self.page.evaluate("performance.timeOrigin")
        drawn = self.wait_drawn(expected, origin)
        self.wait_idle()
        return {"first_points_s": (drawn["first"] - origin) / 1000,
                "complete_s": (drawn["complete"] - origin) / 1000,
                "first_view_ws_kb": self.ws_received / 1024}

    def change(self, name: str, act, expected: int) -> dict[str, float]:
        self.wait_idle()
        self.ws_received = 0
        started = self.now()
        act()
        drawn = self.wait_drawn(expected, started)
        idle = self.wait_idle(since=started)
        return {f"{name}_s": (drawn["first"] - started) / 1000,
                f"{name}_complete_s": (drawn["complete"] - started) / 1000,
                f"{name}_rerun_s": (idle - started) / 1000,
                f"{name}_ws_kb": self.ws_received / 1024}

    def remove_type(self, name: str) -> None:
        """Click the remove button of one event type's tag in the sidebar multiselect."""
        self.page.get_by_test_id("stSidebar").get_by_role("button", name=f"Remove {name}", exact=True).click()

    def memory(self) -> dict[str, float]:
        self.cdp.send("HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        return {"page_heap_mb": metrics["JSHeapUsedSize"] / 2**20, "browser_peak_mb": self.browser_peak_mb()}

    def browser_peak_mb(self) -> float:
        """Peak RSS of this browser's renderer and GPU processes, found by its own profile directory.

        Chromium's child processes rewrite their command line into one string, so it is searched as bytes.
        """
        mark, total = f"--user-data-dir={self.profile}".encode(), 0.0
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                cmd = cmdline.read_bytes()
            except OSError:
                continue
            if mark in cmd and (b"--type=renderer" in cmd or b"--type=gpu-process" in cmd):
                total += vm_peak_mb(int(cmdline.parent.name))
        return total

    def close(self) -> None:
        self.context.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def measure_page(playwright, peer: Peer, url: str, expected: Expected, timeout_s: float) -> dict:
    run = PageRun(playwright, peer, url, timeout_s)
    result: dict = {"load": load_average()}
    try:
        result.update(run.open(expected.all))
        slider = run.page.get_by_role("slider").first
        slider.focus()
        result.update(run.change("dates_to_last_day", lambda: slider.press("End"), expected.last_day))
        slider.focus()
        result.update(run.change("dates_back_to_all", lambda: slider.press("Home"), expected.all))
        result.update(run.change("types_minus_one", lambda: run.remove_type(expected.removed_type),
                                 expected.without_type))
        result.update(run.memory())
    except Exception as exc:  # a peer that times out or fails is reported, and the run goes on
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
        try:
            result.update(run.memory())
        except Exception:
            pass
    finally:
        result["refused_requests"] = len(run.refused)
        run.close()
    return result


def warm(playwright, server: StreamlitServer, peer: Peer, expected: Expected, timeout_s: float) -> float:
    """One page load so the server parses the file before the measured pages; returns its seconds."""
    started = time.perf_counter()
    run = PageRun(playwright, peer, server.url, timeout_s)
    try:
        run.open(expected.all)
    finally:
        run.close()
    return time.perf_counter() - started


MEASURES = ["first_points_s", "complete_s", "dates_to_last_day_s", "dates_back_to_all_s", "dates_back_to_all_complete_s",
            "types_minus_one_s", "types_minus_one_complete_s", "dates_to_last_day_rerun_s", "types_minus_one_rerun_s",
            "page_heap_mb", "browser_peak_mb", "first_view_ws_kb", "dates_to_last_day_ws_kb",
            "dates_back_to_all_ws_kb", "types_minus_one_ws_kb"]


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None and v == v]
    return statistics.median(values) if values else None


def summarise(n: int, pages: dict[str, list[dict]], servers: dict[str, dict]) -> dict:
    table = {}
    for name, runs in pages.items():
        row = {m: median([r.get(m) for r in runs]) for m in MEASURES}
        row["server_peak_mb"] = servers[name]["peak_mb"]
        row["warm_up_s"] = servers[name]["warm_up_s"]
        row["errors"] = sorted({r["error"] for r in runs if "error" in r})
        row["refused_requests"] = max((r["refused_requests"] for r in runs), default=0)
        row["pages"] = len(runs)
        table[name] = row
    loads = [r["load"] for runs in pages.values() for r in runs]
    return {"events": n, "table": table, "load_min": min(loads), "load_median": statistics.median(loads),
            "load_max": max(loads)}


def print_table(summary: dict) -> None:
    table = summary["table"]
    names = list(table)
    base = table.get("conflictmap", {})
    print(f"\n## {summary['events']:,} events - load average during the run: min {summary['load_min']:.1f}, "
          f"median {summary['load_median']:.1f}, max {summary['load_max']:.1f} (2 cores)\n")
    print("| measure (median) | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for measure in MEASURES + ["server_peak_mb", "warm_up_s"]:
        cells = []
        for name in names:
            value = table[name].get(measure)
            if value is None:
                cells.append("failed")
                continue
            text = f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
            ref = base.get(measure)
            if name != "conflictmap" and ref:
                text += f" ({value / ref:.2f}x)"
            cells.append(text)
        print(f"| {measure} | " + " | ".join(cells) + " |")
    print("\n(x) = the peer's figure divided by conflictmap's: above 1 the peer is slower or larger.")
    for name in names:
        row = table[name]
        notes = []
        if row["errors"]:
            notes.append("errors: " + "; ".join(row["errors"]))
        if row["refused_requests"]:
            notes.append(f"{row['refused_requests']} request(s) to other hosts refused per page")
        if notes:
            print(f"- {name}: " + "; ".join(notes))


def run_size(playwright, n: int, peers: list[Peer], reps: int, timeout_s: float) -> dict:
    path = synthetic_file(n)
    expected = Expected.of(path)
    print(f"# {n:,} events ({path.stat().st_size / 1e6:.0f} MB CSV): last day {expected.last_day:,}, "
          f"without {expected.removed_type} {expected.without_type:,}", flush=True)
    servers: dict[str, StreamlitServer] = {}
    info: dict[str, dict] = {}
    pages: dict[str, list[dict]] = {p.name: [] for p in peers}
    try:
        for peer in peers:
            servers[peer.name] = StreamlitServer({"CONFLICTMAP_EVENTS": str(path)}, script=peer.script)
            try:
                info[peer.name] = {"warm_up_s": warm(playwright, servers[peer.name], peer, expected, timeout_s)}
            except Exception as exc:
                info[peer.name] = {"warm_up_s": None, "warm_error": f"{type(exc).__name__}: {str(exc)[:200]}"}
            print(f"  warmed {peer.name}: {info[peer.name]}", flush=True)
        for rep in range(reps):
            order = peers[rep % len(peers):] + peers[:rep % len(peers)]
            for peer in order:
                result = measure_page(playwright, peer, servers[peer.name].url, expected, timeout_s)
                pages[peer.name].append(result)
                print(f"  rep {rep + 1} {peer.name}: " + json.dumps(
                    {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}), flush=True)
        for peer in peers:
            info[peer.name]["peak_mb"] = vm_peak_mb(servers[peer.name].proc.pid)
    finally:
        for server in servers.values():
            server.stop()
    summary = summarise(n, pages, info)
    summary["pages"] = pages
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200_000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--peers", default=",".join(p.name for p in PEERS),
                        help="comma-separated names among: " + ", ".join(p.name for p in PEERS))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a page may take for one step")
    parser.add_argument("--json", type=Path, help="also write every page's figures to this file")
    args = parser.parse_args(argv)
    wanted = [name.strip() for name in args.peers.split(",")]
    peers = [p for p in PEERS if p.name in wanted]
    if "folium FastMarkerCluster" in wanted:
        stage_folium_assets()
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    from playwright.sync_api import sync_playwright

    summaries = []
    with sync_playwright() as playwright:
        for n in args.sizes:
            summary = run_size(playwright, n, peers, args.reps, args.timeout)
            summaries.append(summary)
            print_table(summary)
            if args.json:
                args.json.write_text(json.dumps(summaries, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
