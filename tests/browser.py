"""Helpers for driving the dashboard in Chromium: wait for Streamlit to settle and for the map to draw."""
from __future__ import annotations

import json
import time

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def wait_app_idle(page, timeout_ms: int = 30000) -> None:
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout_ms)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout_ms, state="attached")


def map_frame(page):
    return page.frame_locator(MAP_FRAME)


def map_state(page) -> dict[str, str]:
    """The layer's own report (markers, clusters, shown count, render generation) on the iframe's <html>."""
    return json.loads(map_frame(page).locator("html").evaluate("e => JSON.stringify(e.dataset)"))


def wait_map(page, after_generation: int | None = None, timeout: float = 30.0, **expected: str) -> dict[str, str]:
    """Wait until the map has drawn (a new generation, if given) and shows what `expected` says."""
    deadline = time.monotonic() + timeout
    state: dict[str, str] = {}
    while time.monotonic() < deadline:
        try:
            state = map_state(page)
        except Exception:
            state = {}
        generation = int(state.get("cmGeneration", 0))
        ready = generation > (after_generation or 0)
        if ready and all(state.get(k) == v for k, v in expected.items()):
            return state
        if "cmError" in state:
            raise AssertionError(f"map script failed: {state['cmError']}")
        time.sleep(0.2)
    raise AssertionError(f"map did not reach {expected} (last state {state})")
