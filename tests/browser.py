"""Helpers for driving the dashboard in Chromium: wait for Streamlit to settle and for the map to draw.

Every wait here is event-driven (a selector, or a condition that the browser itself checks every 100 ms until it
holds), never a fixed sleep in the test, so the browser tests pass on a loaded machine as on a quiet one. The
map layer reports what it has drawn on its frame's <html> element (`data-cm-*`) when the page was built with
the debug switch CONFLICTMAP_DEBUG=1, which the test servers (tests/conftest.py) and benchmarks turn on.
"""
from __future__ import annotations

import json

from playwright.sync_api import expect

# Assertions on the page wait for what they expect up to this long (Playwright's default, 5 s, is too short on
# a loaded 2-core machine); they return as soon as it holds.
expect.set_options(timeout=30_000)

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# The map's report in JavaScript: empty while its frame's document is between two loads, when it has no <html>
# yet (a wait that read `document.documentElement.dataset` then threw instead of waiting on; CI, stop 19).
MAP_STATE_JS = "(document.documentElement ? document.documentElement.dataset : {})"

# True once the map has drawn `generation` times or more and shows every `expected` value; true at once when
# the layer reported an error, so the caller can say so instead of waiting out the timeout.
_READY = """([after, expected]) => {
    const state = """ + MAP_STATE_JS + """;
    if (state.cmError !== undefined) { return true; }
    if (Number(state.cmGeneration || 0) <= after) { return false; }
    return Object.entries(expected).every(([k, v]) => state[k] === v);
}"""


# Ceilings only: a wait returns as soon as its state holds. A dashboard's first page load (parsing the events,
# the gazetteer's town labels) took over 60 s on a 2-core machine loaded 10 times over.
APP_TIMEOUT_MS = 180_000
MAP_TIMEOUT_S = 180.0


def wait_app_idle(page, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout_ms)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout_ms, state="attached")


def wait_still(locator, frames: int = 20) -> None:
    """Wait until the element has kept its place and size for `frames` animation frames in a row."""
    locator.evaluate("""(e, frames) => new Promise((done) => {
        let last = "", still = 0;
        const tick = () => {
            const r = e.getBoundingClientRect(), now = [r.x, r.y, r.width, r.height].join();
            still = now === last ? still + 1 : 0;
            last = now;
            if (still >= frames) { done(); } else { requestAnimationFrame(tick); }
        };
        tick();
    })""", frames)


def close_popup(scope) -> None:
    """Click the open popup's close button once the popup stands still: a popup pans itself clear of the controls
    after its details arrive, and a click aimed during that pan can land on what was under the button (under
    load, once, an entry of the list in view, which opened another popup)."""
    wait_still(scope.locator(".leaflet-popup"), frames=10)
    scope.locator(".leaflet-popup-close-button").click()
    expect(scope.locator(".leaflet-popup")).to_have_count(0)


def map_frame(page):
    return page.frame_locator(MAP_FRAME)


def _frame(page, timeout_ms: float):
    handle = page.wait_for_selector(MAP_FRAME, timeout=timeout_ms, state="attached")
    frame = handle.content_frame()
    if frame is None:
        raise AssertionError("the map's iframe has no document")
    return frame


def map_state(page) -> dict[str, str]:
    """The layer's own report (markers, clusters, shown count, render generation) on the iframe's <html>."""
    return json.loads(map_frame(page).locator("html").evaluate("e => JSON.stringify(e.dataset)"))


def _map_document(page, timeout_ms: float):
    """The frame holding the map: the dashboard's iframe, or the page itself when it is the map (an export)."""
    if page.query_selector(MAP_FRAME) is None and page.query_selector(".leaflet-container"):
        return page
    return _frame(page, timeout_ms)


def wait_in_map(page, expression: str, arg=None, timeout: float = MAP_TIMEOUT_S):
    """Wait until the JavaScript function `expression` (called with `arg`) returns a truthy value in the map's
    document, checked by the browser every 100 ms; its value. Waits on a new iframe, twice at most, if the map's
    was replaced meanwhile (a remount) or had no document yet."""
    timeout_ms = timeout * 1000
    for attempt in range(3):
        try:
            target = _map_document(page, timeout_ms)
            return target.wait_for_function(expression, arg=arg, timeout=timeout_ms, polling=100).json_value()
        except Exception as exc:
            # the map's iframe replaced meanwhile, or found in the instant before its document exists (CI, stop 20)
            gone = any(word in str(exc).lower() for word in ("detached", "destroyed", "has no document"))
            if attempt == 2 or not gone:
                raise


def wait_map(page, after_generation: int | None = None, timeout: float = MAP_TIMEOUT_S,
             **expected: str) -> dict[str, str]:
    """Wait until the map has drawn (a new generation, if given) and shows what `expected` says.

    `page` is a Playwright page holding the dashboard (the map is in its iframe) or a page that is itself the
    map (an exported HTML file). Raises AssertionError with the last state when the map script reported an
    error or the state is not reached within `timeout` seconds.
    """
    try:
        wait_in_map(page, _READY, [after_generation or 0, expected], timeout)
    except Exception as exc:
        raise AssertionError(f"map did not reach {expected} (last state {_state_of(page)})") from exc
    state = _state_of(page)
    if "cmError" in state:
        raise AssertionError(f"map script failed: {state['cmError']}")
    return state


def open_map(page, url: str, timeout: float = MAP_TIMEOUT_S, **expected: str):
    """Open the dashboard at `url`, wait until its map shows what `expected` says; the map's frame locator."""
    page.goto(url)
    wait_app_idle(page, timeout_ms=timeout * 1000)
    wait_map(page, timeout=timeout, **expected)
    return map_frame(page)


def _state_of(page) -> dict[str, str]:
    try:
        return json.loads(_map_document(page, 5000).evaluate(f"() => JSON.stringify({MAP_STATE_JS})"))
    except Exception:
        return {}


def type_date(page, label: str, day: str) -> None:
    """Type `day` (YYYY-MM-DD) into the date field labelled `label` with the keyboard, as a person does: focus its
    year, type the digits (the field moves on to month and day by itself), close the calendar."""
    field = page.get_by_role("group", name=label)
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(day.replace("-", ""))
    page.keyboard.press("Escape")


# Records what a reader sees of the dataset and its figures, at every change of the page and every animation frame,
# into window.cmSeen (one entry per change): the Dataset box's text, the visible event figures (metric values, the
# main area's captions), the date slider's visible values, the visible progress bars and opened files' names. Only
# reads the page; it stays through the app's own page changes (no reload).
WATCH_DATASET_JS = """() => {
    const seen = [];
    let last = "";
    const visible = (e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true});
    const texts = (selector, read) => Array.from(document.querySelectorAll(selector)).filter(visible).map(read);
    const record = () => {
        const box = document.querySelector('[data-testid=stSidebar] input[aria-label=Dataset]');
        const now = {
            box: box ? box.value : null,
            figures: texts('[data-testid=stMetricValue], [data-testid=stMain] [data-testid=stCaptionContainer]',
                           (e) => e.innerText.slice(0, 60)),
            dates: texts('[data-testid=stSidebar] [data-testid=stSliderThumbValue]', (e) => e.innerText),
            bars: texts('[data-testid=stProgress]', (e) => e.innerText),
            files: texts('[data-testid=stFileUploaderFileName]', (e) => e.innerText),
        };
        const key = JSON.stringify(now);
        if (key !== last) { last = key; seen.push(now); }
    };
    new MutationObserver(record).observe(document, {subtree: true, childList: true, attributes: true,
                                                    characterData: true});
    const frame = () => { record(); requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    window.cmSeen = seen;
}"""


def watch_dataset(page) -> None:
    """Start recording what the page shows of its dataset (WATCH_DATASET_JS); read it with `dataset_seen`."""
    page.evaluate(WATCH_DATASET_JS)


def dataset_seen(page) -> list[dict]:
    """Every distinct state recorded since `watch_dataset`, in order."""
    return page.evaluate("window.cmSeen")
