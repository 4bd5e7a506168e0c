"""The map page in a real headless Chromium against `streamlit run` on 127.0.0.1, offline."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.browser import map_frame, wait_app_idle, wait_map

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(streamlit_server):
    return streamlit_server()


def test_markers_popup_and_date_filter(server, page):
    page.goto(server.url)
    wait_app_idle(page)
    state = wait_map(page, cmShown="7")
    assert int(state["cmMarkers"]) + int(state["cmClusters"]) >= 3

    frame = map_frame(page)
    kharkiv = frame.locator(".cm-marker").first
    kharkiv.click()
    popup = frame.locator(".cm-popup")
    popup.wait_for(timeout=10000)
    assert popup.locator(".cm-date td").inner_text() == "2024-11-03"
    assert "Kyiv Independent" in popup.locator(".cm-source td").inner_text()
    assert "15" == popup.locator(".cm-injuries td").inner_text()
    assert "Shevchenkivskyi" in popup.locator(".cm-place td").inner_text()
    page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))

    generation = int(state["cmGeneration"])
    slider_start = page.get_by_role("slider").first
    slider_start.focus()
    for _ in range(4):
        slider_start.press("ArrowRight")
    wait_app_idle(page)
    narrowed = wait_map(page, after_generation=generation, cmShown="3")
    assert int(narrowed["cmMarkers"]) + int(narrowed["cmClusters"]) < (
        int(state["cmMarkers"]) + int(state["cmClusters"])
    )
    assert "dates=2024-11-04" in page.url, "the filter must be in the URL so the view can be shared"

    assert page.watch.external_requests() == []
    assert page.watch.errors == []


def test_events_at_one_place_are_listed_and_each_opens(server, page):
    page.goto(server.url)
    wait_app_idle(page)
    wait_map(page, cmShown="7")
    frame = map_frame(page)
    listed = None
    for i in range(frame.locator(".cm-cluster").count()):
        frame.locator(".cm-cluster").nth(i).click()
        listed = frame.locator(".cm-list")
        try:
            listed.wait_for(timeout=3000)
        except Exception:
            continue
        if "Kyiv" in listed.inner_text():
            break
    assert listed is not None and "3 events at this place" in listed.inner_text()
    items = listed.locator(".cm-list-item")
    assert items.count() == 3
    labels = [items.nth(k).inner_text() for k in range(3)]
    assert any("2024-11-04" in label and "Air/drone strike" in label for label in labels), labels
    items.nth([k for k, label in enumerate(labels) if "Air/drone strike" in label][0]).click()
    popup = frame.locator(".cm-popup")
    popup.wait_for(timeout=5000)
    assert "Klitschko" in popup.locator(".cm-source td").inner_text()
    assert "near or part of the place" in popup.locator(".cm-place td").inner_text()
    assert page.watch.errors == []
