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
