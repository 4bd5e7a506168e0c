"""The "Add events" page in headless Chromium: pasted markup and template syntax stay text; a text becomes an
event on the map through the page's own controls."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import APP_TIMEOUT_MS, map_frame, wait_app_idle, wait_map
from tests.helpers import row, write_events

pytestmark = pytest.mark.browser

HOSTILE = ("Russian drones struck Kharkiv overnight <img src=x onerror=alert(1)> injuring 3 people ${alert(2)}, "
           "the governor said. <script>alert(3)</script>")


@pytest.fixture(scope="module")
def server(streamlit_server, tmp_path_factory):
    path = write_events(tmp_path_factory.mktemp("add") / "events.csv", [row(event_id_cnty="OLD1")])
    return streamlit_server(CONFLICTMAP_EVENTS=str(path))


def test_pasted_markup_is_shown_as_text_and_runs_nothing(server, page):
    page.goto(f"{server.url}/Add_events")
    wait_app_idle(page)
    page.get_by_role("textbox", name="News text").fill(HOSTILE)
    page.get_by_role("button", name="Propose events").click()
    page.get_by_text("1 proposed event(s)").wait_for(timeout=30000)
    wait_app_idle(page)
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=10000)
    assert page.locator("img[src=x]").count() == 0
    assert page.watch.dialogs == []
    assert page.watch.errors == []
    assert page.watch.external_requests() == []


def test_a_text_proposed_reviewed_and_saved_is_read_on_the_map(streamlit_server, page, tmp_path):
    """The whole journey with clicks and keys: paste, propose, name yourself, save, follow "Open the map", open
    the new event from the list of events in view. The link to the map once pointed at a page that no longer
    existed, so every save ended on the generic error box."""
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="OLD1")])
    server = streamlit_server(CONFLICTMAP_EVENTS=str(path))
    page.goto(server.url)
    wait_map(page, cmShown="1")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Add events").click()
    page.get_by_role("textbox", name="News text").fill(
        "On 4 November 2024 a Russian drone struck a warehouse in Kharkiv, injuring two people, the regional "
        "governor said.")
    page.get_by_role("textbox", name="Source name").fill("Test Wire")
    page.get_by_role("textbox", name="Source URL").fill("https://example.org/kharkiv")
    page.get_by_role("button", name="Propose events").click()
    page.get_by_text("1 proposed event(s)").wait_for(timeout=APP_TIMEOUT_MS)
    page.get_by_role("textbox", name="Your name").fill("A. Analyst")
    page.keyboard.press("Enter")
    wait_app_idle(page)
    page.get_by_role("button", name="Save kept events").click()
    page.get_by_text("Added 1 event(s)").wait_for(timeout=APP_TIMEOUT_MS)
    page.get_by_role("link", name="Open the map").click()
    wait_map(page, cmShown="2")
    assert page.get_by_text("This app has encountered an error").count() == 0
    frame = map_frame(page)
    frame.get_by_role("button", name="List events in view").click()
    frame.locator(".cm-listview-panel .cm-list-item", has_text="Kharkiv").click()
    popup = frame.locator(".leaflet-popup .cm-popup")
    expect(popup.locator(".cm-place td")).to_contain_text("Kharkiv", timeout=30000)
    expect(popup.locator(".cm-injuries td")).to_have_text("2")
    assert popup.locator(".cm-urls a").get_attribute("href") == "https://example.org/kharkiv"
    assert page.watch.errors == []
