"""The "Add events" page in headless Chromium, with real clicks and keys: what a reviewer sees at 1,400 px, a save
that waits its turn in view, pasted markup that stays text, and a text that becomes an event on the map."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conflictmap.store import load_events
from tests.browser import APP_TIMEOUT_MS, map_frame, type_date, wait_app_idle, wait_map, wait_still
from tests.helpers import row, write_events
from tests.processes import held_lock, release

pytestmark = pytest.mark.browser

TEXT = ("Russian drones struck Kharkiv overnight, injuring 4 people, the regional governor said on Telegram. "
        "On Monday, a missile attack hit the railway station in Odesa, killing 2 people, according to the "
        "regional governor.")
HOSTILE = ("Russian drones struck Kharkiv overnight <img src=x onerror=alert(1)> injuring 3 people ${alert(2)}, "
           "the governor said. <script>alert(3)</script>")
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
LANDING_FRAME = "[data-testid=stIFrame]"


@pytest.fixture
def server(streamlit_server, tmp_path):
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="OLD1", event_date="2024-10-01")])
    served = streamlit_server(CONFLICTMAP_EVENTS=str(path))
    served.events = path
    return served


def open_add_page(page, server) -> None:
    page.goto(server.url)
    wait_app_idle(page)
    page.get_by_role("link", name="Add events").click()
    page.get_by_text("Add events from a news text").wait_for(timeout=APP_TIMEOUT_MS)
    wait_app_idle(page)


def propose(page, text: str, expected: str) -> None:
    page.get_by_role("textbox", name="News text").fill(text)
    type_date(page, "Publication date (required)", "2024-11-05")
    page.get_by_role("button", name="Propose events").click()
    page.get_by_text(expected).wait_for(timeout=60000)
    wait_app_idle(page)


def edit_cell(page, grid, row: int, column: str, keys: str) -> None:
    """Click a cell of `row` in the review grid, walk to `column` with the arrow keys and type `keys`, then Enter.

    The grid is drawn on a canvas, so a click lands by position; where it landed and where each column is are read
    from the grid's accessible table (its selected cell, its column headers), which the arrow keys then correct:
    no column width is assumed, so a different font or a stretched column cannot send the edit to another cell.
    """
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 52 + 30, box["y"] + 35 + 35 * row + 17)  # the 2nd column: the 1st is a checkbox
    table = page.locator("[data-testid=stDataFrame]").first  # the review grid: the first table of the page
    selected = table.locator("td[aria-selected=true]")
    expect(selected).to_have_count(1)
    target = table.locator("th").filter(has_text=re.compile(f"^{re.escape(column)}$"))
    steps = int(target.get_attribute("aria-colindex")) - int(selected.get_attribute("aria-colindex"))
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
    expect(selected).to_have_attribute("aria-colindex", target.get_attribute("aria-colindex"))
    expect(selected).to_have_attribute("id", re.compile(f"-{row}$"))
    page.keyboard.type(keys)  # a key typed on a selected cell opens its editor with that key
    expect(page.locator("input.gdg-input")).to_have_value(keys)  # the editor has taken the keys before Enter
    page.keyboard.press("Enter")


def test_a_reviewer_sees_each_candidate_whole_at_1400_px_edits_saves_and_finds_it_on_the_map(server, page,
                                                                                               tmp_path):
    """Issue 10.4: at 1,400 px the review grid showed the evidence but hid place, figures and source off to the
    right. Now the table fits, and each candidate reads whole beside a map of where it lands."""
    open_add_page(page, server)
    propose(page, TEXT, "2 proposed events")
    grid = page.locator("[data-testid=stDataFrame] .dvn-scroller").first
    scroll_width, client_width = grid.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll_width <= client_width, "the review table must not scroll sideways at 1,400 px"
    main = page.locator("[data-testid=stMain]")
    for text in ("Russian drones struck Kharkiv overnight", "missile attack hit the railway station in Odesa",
                 "Kharkiv, Kharkiv Oblast, Ukraine (in this place, drawn at its centre)", "killed: unknown, 4 injured",
                 "Source: Regional governor; Telegram", "Where the new events will land: 2 of 2 placed"):
        assert main.get_by_text(text).first.is_visible(), text
    frame = page.frame_locator(LANDING_FRAME)
    frame.locator(".cm-review-pin").nth(1).wait_for(timeout=APP_TIMEOUT_MS)
    assert frame.locator(".cm-review-pin").all_inner_texts() == ["1", "2"]

    grid.scroll_into_view_if_needed()
    wait_app_idle(page)  # edit once no run is drawing the page
    wait_still(grid)  # and once nothing loading below (the cards' map) moves the grid: a click aims at it
    edit_cell(page, grid, row=0, column="killed", keys="1")
    main.get_by_text("1 killed, 4 injured").wait_for(timeout=60000)
    main.get_by_text("1 killed, 4 injured").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "add-page-cards.png"))

    page.get_by_role("textbox", name="Your name").fill("Olena Test")
    page.get_by_role("button", name="Save kept events").click()
    main.get_by_text("Added 2 events").wait_for(timeout=60000)
    page.screenshot(path=str(tmp_path / "add-page-saved.png"))
    saved = load_events(server.events).events.set_index("event_id_cnty")
    assert sorted(saved["fatalities"].dropna().tolist()) == [1, 2]
    assert set(saved["recorded_by"]) == {"", "Olena Test"}

    page.get_by_role("button", name="Open the map").click()
    page.locator(MAP_FRAME).wait_for(timeout=60000)
    wait_app_idle(page)
    assert page.locator("[data-testid=stMetricValue]").first.inner_text() == "3"
    assert page.watch.errors == [] and page.watch.external_requests() == []


def test_a_row_that_may_repeat_a_saved_event_still_fits_at_1400_px_with_its_decision(streamlit_server, page,
                                                                                      tmp_path):
    """With the decision column the review table still fits a 1,400 px window, and the card names the saved
    event the row may repeat and the decision taken (skip by default)."""
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="KH1", event_date="2024-11-04",
                                                      location="Kharkiv", latitude="49.98081", longitude="36.25272")])
    open_add_page(page, streamlit_server(CONFLICTMAP_EVENTS=str(path)))
    propose(page, TEXT, "2 proposed events")
    main = page.locator("[data-testid=stMain]")
    main.get_by_text("May repeat KH1 2024-11-04 Kharkiv; decision: skip").wait_for(timeout=APP_TIMEOUT_MS)
    grid = page.locator("[data-testid=stDataFrame] .dvn-scroller").first
    scroll_width, client_width = grid.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll_width <= client_width, "the review table with its decision column must not scroll sideways"
    main.get_by_text("Where the new events will land: 1 of 2 placed").wait_for(timeout=APP_TIMEOUT_MS)
    pins = page.frame_locator(LANDING_FRAME).locator(".cm-review-pin")
    pins.first.wait_for(timeout=APP_TIMEOUT_MS)
    assert pins.all_inner_texts() == ["2"], "the skipped repeat (row 1) adds no event, so it lands nowhere"
    main.get_by_text("May repeat KH1 2024-11-04 Kharkiv; decision: skip").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "add-page-may-repeat.png"))
    assert page.watch.errors == [] and page.watch.external_requests() == []


def test_a_save_behind_another_shows_its_wait_then_saves(server, page):
    """Issue 10.5: a save that has to wait says so while it waits, instead of hanging or failing after 60 s."""
    open_add_page(page, server)
    propose(page, TEXT, "2 proposed events")
    page.get_by_role("textbox", name="Your name").fill("Olena Test")
    holder = held_lock(server.events)
    try:
        page.get_by_role("button", name="Save kept events").click()
        page.get_by_text("Waiting for 1 other save to finish first").wait_for(timeout=60000)
        assert len(load_events(server.events).events) == 1
    finally:
        release(holder)
    page.get_by_text("Added 2 events").wait_for(timeout=60000)
    assert len(load_events(server.events).events) == 3


def test_pasted_markup_is_shown_as_text_and_runs_nothing(server, page):
    open_add_page(page, server)
    propose(page, HOSTILE, "1 proposed event")
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=10000)
    page.get_by_text("<img src=x onerror=alert(1)>", exact=False).first.wait_for(timeout=10000)
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
    type_date(page, "Publication date (required)", "2024-11-05")
    page.get_by_role("button", name="Propose events").click()
    page.get_by_text("1 proposed event").wait_for(timeout=APP_TIMEOUT_MS)
    page.get_by_role("textbox", name="Your name").fill("A. Analyst")
    page.keyboard.press("Enter")
    wait_app_idle(page)
    page.get_by_role("button", name="Save kept events").click()
    page.get_by_text("Added 1 event,").wait_for(timeout=APP_TIMEOUT_MS)
    page.get_by_role("button", name="Open the map").click()
    wait_map(page, cmShown="2")
    assert page.get_by_text("This app has encountered an error").count() == 0
    frame = map_frame(page)
    frame.get_by_role("button", name="List events in view").click()
    frame.locator(".cm-listview-panel .cm-list-item", has_text="Kharkiv").click()
    popup = frame.locator(".leaflet-popup .cm-popup")
    expect(popup.locator(".cm-place td")).to_contain_text("Kharkiv", timeout=APP_TIMEOUT_MS)
    expect(popup.locator(".cm-injuries td")).to_have_text("2")
    assert popup.locator(".cm-urls a").get_attribute("href") == "https://example.org/kharkiv"
    assert page.watch.errors == []
