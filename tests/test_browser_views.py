"""The standalone HTML export opened from disk in Chromium, and filters following the user across pages."""
from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conflictmap import exports
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
