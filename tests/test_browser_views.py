"""The standalone HTML export opened from disk in Chromium, and filters following the user across pages."""
from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conflictmap import exports
from conflictmap.schema import EVENT_TYPES
from conflictmap.store import load_events
from tests.browser import wait_app_idle
from tests.helpers import row, write_events

pytestmark = pytest.mark.browser


@pytest.fixture
def events_path(tmp_path):
    return write_events(tmp_path / "events.csv", [
        row(event_id_cnty="H1", event_date="2024-11-01", notes="first </script> note", source="Wire A",
            source_url="https://example.org/h1"),
        row(event_id_cnty="H2", event_date="2024-11-02", latitude="48.0", longitude="37.0", source="Wire B"),
        row(event_id_cnty="H3", event_date="2024-11-04", event_type="Battles", sub_event_type="Armed clash",
            latitude="46.0", longitude="33.0", source="Wire C"),
    ])


def test_exported_html_opens_from_disk_with_markers_and_popup(events_path, tmp_path, page):
    html_file = tmp_path / "export.html"
    html_file.write_text(exports.standalone_html(load_events(events_path).events), encoding="utf-8")
    # No internet here: answer tile requests with nothing, and record every request that leaves the file.
    page.route("http*://**", lambda route: route.abort())
    page.goto(html_file.as_uri())
    markers = page.locator(".cm-marker")
    expect(markers).to_have_count(3)
    page.locator(".cm-marker[title='Explosions/Remote violence']").first.click()
    popup = page.locator(".cm-popup")
    popup.wait_for(timeout=5000)
    assert popup.locator(".cm-source td").inner_text() in ("Wire A", "Wire B")
    assert page.locator(".cm-legend").count() == 1
    hosts = {urlsplit(u).hostname for u in page.watch.external_requests()}
    assert hosts <= {"tile.openstreetmap.org"}
    assert page.watch.errors == []
    assert page.watch.dialogs == []


def test_filters_follow_the_user_to_the_other_pages(streamlit_server, events_path, page):
    server = streamlit_server(CONFLICTMAP_EVENTS=str(events_path))
    page.goto(server.url)
    wait_app_idle(page)
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    wait_app_idle(page)
    for name, expected in (("Events table", "2 of 3 events"), ("Timeline", "2 events,")):
        page.get_by_role("link", name=name).click()
        deadline = time.monotonic() + 20
        text = ""
        while time.monotonic() < deadline and expected not in text:
            wait_app_idle(page)
            text = " ".join(c.inner_text() for c in page.locator("[data-testid=stCaptionContainer]").all())
            time.sleep(0.2)
        assert expected in text, text
    assert page.watch.external_requests() == []
    assert page.watch.errors == []


def test_every_event_type_chip_shows_whole_in_the_sidebar_at_1024_px(streamlit_server, browser, tmp_path):
    """Our chips wrap their labels to two lines, and Streamlit's box holds 4.5 rows of chips and scrolls the rest:
    at 1,024 x 768 the last chips of six event types were cut (newcomer trial 7). The box grows to hold them."""
    path = write_events(tmp_path / "events.csv", [
        row(event_id_cnty=f"T{i}", event_type=kind, sub_event_type=subs[0]) for i, (kind, subs) in
        enumerate(EVENT_TYPES.items())])
    server = streamlit_server(CONFLICTMAP_EVENTS=str(path))
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    try:
        page.goto(server.url + "/Events_table")
        chips = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelectTagsContainer] [data-tag]")
        expect(chips).to_have_count(len(EVENT_TYPES), timeout=120000)
        wait_app_idle(page)
        box = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelectTagsContainer]").first
        outer = box.locator("xpath=..")
        page.screenshot(path=str(tmp_path / "chips-1024.png"))
        frame = outer.bounding_box()
        for chip in chips.all():
            inside = chip.bounding_box()
            assert frame["y"] <= inside["y"] and inside["y"] + inside["height"] <= frame["y"] + frame["height"], (
                chip.inner_text())
    finally:
        context.close()
