"""Script injection, in headless Chromium: hostile text in every field of the events (written directly and
imported from ACLED and UCDP files), in the URL and on the Add page. Every page and every popup is opened with a
dialog listener; no script may run, nothing may leave 127.0.0.1, and the text must be shown as text."""
from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conflictmap.schema import bad_urls
from conflictmap.store import load_events
from tests.browser import APP_TIMEOUT_MS, MAP_STATE_JS, close_popup, map_frame, map_state, type_date, wait_app_idle, wait_in_map, wait_map
from tests.hostile import PAYLOADS, csv_rows, hostile_events_file

pytestmark = pytest.mark.browser

PAGES = ["", "Timeline", "Events_table", "Add_events"]


@pytest.fixture(scope="module")
def events_file(tmp_path_factory):
    return hostile_events_file(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def expected(events_file):
    events = load_events(events_file).events
    return {r["event_id_cnty"]: r for r in events.to_dict("records")}


@pytest.fixture(scope="module")
def server(streamlit_server, events_file):
    return streamlit_server(CONFLICTMAP_EVENTS=str(events_file))


def assert_nothing_ran(page) -> None:
    assert page.watch.dialogs == [], f"a script ran: {page.watch.dialogs}"
    assert page.watch.errors == [], page.watch.errors
    assert page.watch.external_requests() == [], page.watch.external_requests()
    assert page.evaluate("() => window.cmPwned === undefined")


def text_of(locator) -> str:
    return locator.evaluate("e => e.textContent")


def check_popup(popup, expected) -> str:
    """The popup of one event shows its hostile values verbatim as text, and holds no active content."""
    event_id = popup.get_attribute("data-event-id")
    event = expected[event_id]
    assert text_of(popup.locator(".cm-source td")) == event["source"]
    if event["notes"]:
        assert text_of(popup.locator(".cm-notes")) == event["notes"]
    assert text_of(popup.locator(".cm-place td")).startswith(event["location"] or "unnamed place")
    assert text_of(popup.locator(".cm-id td")) == event_id
    assert popup.locator("script, img, iframe, style, object, embed").count() == 0
    for href in popup.locator("a:not(.cm-event-link)").evaluate_all("els => els.map(a => a.href)"):
        assert re.match(r"^https?://", href), href
    own = popup.locator("a.cm-event-link").get_attribute("href")  # the page's own address, opened on this event
    assert own.startswith(popup.page.url.split("?")[0]) and "event=" + quote(event_id, safe="!'()*") in own, own
    shown_links = popup.locator(".cm-urls a").evaluate_all("els => els.map(a => a.href)")
    assert shown_links == [u for u in event["source_url"].split()], (shown_links, event["source_url"])
    return event_id


def test_every_marker_popup_shows_text_as_text(server, page, expected):
    page.goto(server.url)
    wait_app_idle(page)
    wait_map(page, cmShown=str(len(expected)))
    frame = map_frame(page)
    seen = set()
    for k in range(60):  # a popup near the edge pans the map, which draws the markers again in another order
        markers = frame.locator(".cm-marker")
        if k >= markers.count():
            break
        markers.nth(k).dispatch_event("click", timeout=5000)
        popup = frame.locator(".cm-popup")
        popup.wait_for()
        seen.add(check_popup(popup, expected))
        close_popup(frame)
    assert len(seen) >= 10, f"only {len(seen)} markers could be opened"
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "Traceback" not in main
    assert_nothing_ran(page)


def open_list(page, count: int):
    """The map page fresh, with its "List events in view" panel open; the panel's items in a stable order."""
    page.goto(page.url)
    wait_app_idle(page)
    wait_map(page, cmShown=str(count))
    frame = map_frame(page)
    frame.locator(".cm-listview-toggle").click()
    items = frame.locator(".cm-listview-panel .cm-list-item")
    expect(items).to_have_count(count)  # the map's worker lists the events in view
    return frame, items


def test_list_of_events_in_view_opens_every_event(server, page, expected):
    page.goto(server.url)
    frame, items = open_list(page, len(expected))
    labels = [text_of(items.nth(k)) for k in range(items.count())]
    assert any("<script>alert(1)</script>" in label for label in labels), labels[:5]
    seen = set()
    for k in range(len(expected)):
        if items.count() != len(expected):  # popups pan the map; start again from the same first view
            frame, items = open_list(page, len(expected))
        items.nth(k).dispatch_event("click", timeout=5000)
        popup = frame.locator(".leaflet-popup .cm-popup")
        popup.wait_for()
        seen.add(check_popup(popup, expected))
        close_popup(frame)
    assert seen == set(expected), "every event opened from the list"
    assert_nothing_ran(page)


def test_events_at_one_place_are_listed_as_text(server, page, expected):
    page.goto(server.url)
    wait_app_idle(page)
    wait_map(page, cmShown=str(len(expected)))
    frame = map_frame(page)
    for _ in range(30):  # zoom into the three events at one place until their cluster lists them
        clusters = frame.locator(".cm-cluster")
        target = next((clusters.nth(k) for k in range(clusters.count()) if text_of(clusters.nth(k)) == "3"), None)
        if target is None:
            break
        generation = int(map_state(page)["cmGeneration"])
        target.dispatch_event("click")
        if wait_in_map(page, """g => document.querySelector('.leaflet-popup .cm-list') ? 'list'
                : Number(""" + MAP_STATE_JS + """.cmGeneration) > g ? 'zoomed' : null""", generation) == "list":
            break
    listed = frame.locator(".cm-list")
    listed.wait_for()
    labels = [text_of(i) for i in [listed.locator(".cm-list-item").nth(k) for k in range(3)]]
    for payload in PAYLOADS[:3]:
        assert any(label.endswith(", " + payload) for label in labels), (payload, labels)
    listed.locator(".cm-list-item").first.dispatch_event("click")
    check_popup(frame.locator(".leaflet-popup .cm-popup"), expected)
    assert_nothing_ran(page)


def test_linked_event_with_a_hostile_id(server, page, expected):
    for event_id in [i for i in expected if i.startswith("H")][:6]:
        page.goto(f"{server.url}/?event={quote(event_id, safe='')}")
        wait_app_idle(page)
        wait_map(page)
        popup = map_frame(page).locator(".cm-popup")
        popup.wait_for()
        assert check_popup(popup, expected) == event_id
        info = page.locator("[data-testid=stAlertContentInfo]").first
        assert text_of(info) == f"Showing the linked event {event_id}."
    assert_nothing_ran(page)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_with_hostile_query_parameters(server, page, path):
    for payload in PAYLOADS:
        page.goto(f"{server.url}/{path}?q={quote(payload, safe='')}&near={quote(payload, safe='')}"
                  f"&event={quote(payload, safe='')}")
        wait_app_idle(page)
        body = page.locator("[data-testid=stApp]")
        body.wait_for()
        text = body.inner_text()
        assert "Traceback" not in text
        for link in page.locator("a[href]").evaluate_all("els => els.map(a => a.getAttribute('href'))"):
            assert not link.lower().lstrip().startswith(("javascript:", "data:", "vbscript:")), link
        assert page.locator("[data-testid=stMain] img[src*='attacker']").count() == 0
    assert_nothing_ran(page)


def test_events_table_download_is_neutralised_and_complete(server, page, expected):
    page.goto(f"{server.url}/Events_table")
    wait_app_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    rows = csv_rows(open(info.value.path(), encoding="utf-8").read())
    assert len(rows) == len(expected)
    for record in rows:
        for column, value in record.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (column, value)
            if value.startswith("-"):
                assert column in ("latitude", "longitude"), (column, value)
    assert_nothing_ran(page)


def test_exported_html_map_runs_no_script(server, page, expected, tmp_path):
    page.goto(f"{server.url}/Events_table")
    wait_app_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download HTML map").click()
    target = tmp_path / "export.html"
    info.value.save_as(target)
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    page.goto(target.as_uri())
    page.wait_for_function(f"() => {MAP_STATE_JS}.cmGeneration !== undefined", timeout=APP_TIMEOUT_MS)
    opened = 0
    for k in range(60):  # as on the map page, a popup's pan redraws the markers
        markers = page.locator(".cm-marker")
        if k >= markers.count():
            break
        markers.nth(k).dispatch_event("click", timeout=5000)
        popup = page.locator(".cm-popup")
        popup.wait_for()
        check_popup(popup, expected)
        close_popup(page)
        opened += 1
    assert opened >= 10
    assert page.watch.dialogs == [] and page.watch.errors == []
    assert page.evaluate("() => document.querySelectorAll('script:not([src])').length") <= 6


def test_add_page_with_hostile_text_and_urls(server, page):
    page.goto(f"{server.url}/Add_events")
    wait_app_idle(page)
    main = page.locator("[data-testid=stMain]")
    type_date(page, "Publication date (required)", "2024-11-05")
    for payload in PAYLOADS:
        page.get_by_role("textbox", name="News text").fill(
            f"{payload}\n\nOn 4 November 2024 a drone struck a warehouse in Kharkiv, the governor said.\n\n{payload}")
        page.get_by_role("textbox", name="Source name").fill(payload)
        url = payload if ":" in payload else f"javascript:{payload}"
        page.get_by_role("textbox", name="Source URL").fill(url)
        page.get_by_role("button", name="Propose events").click()
        refused = bad_urls(url)[0][:200]
        code = main.locator("[data-testid=stCode] code").first
        for _ in range(100):  # until this rerun has replaced the previous message
            if code.count() and text_of(code).strip() == refused:
                break
            time.sleep(0.1)
        assert text_of(code).strip() == refused, "the refused URL is shown as plain text"
        assert "must be an http:// or https:// link" in main.inner_text()
    page.get_by_role("textbox", name="News text").fill("\n\n".join(PAYLOADS) + "\n\nOn 4 November 2024 a Russian "
                                                       "drone struck a warehouse in Kharkiv, injuring two people, "
                                                       "the regional governor said.")
    page.get_by_role("textbox", name="Source URL").fill("https://example.org/report")
    page.get_by_role("button", name="Propose events").click()
    main.get_by_text("proposed event").wait_for(timeout=APP_TIMEOUT_MS)
    assert "Traceback" not in main.inner_text()
    assert_nothing_ran(page)
