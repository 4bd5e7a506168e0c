"""The map page in a real headless Chromium against `streamlit run` on 127.0.0.1, offline."""
from __future__ import annotations

import datetime as dt
import os
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conflictmap import exports
from conflictmap.store import load_events
from tests.conftest import ROOT
from tests.helpers import row, write_events
from tests.browser import (
    APP_TIMEOUT_MS, MAP_STATE_JS, close_popup, map_frame, map_state, open_map, wait_app_idle, wait_in_map, wait_map,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(streamlit_server):
    return streamlit_server()


def test_markers_popup_and_date_filter(server, page, tmp_path):
    page.goto(server.url)
    wait_app_idle(page)
    state = wait_map(page, cmShown="7")
    assert int(state["cmMarkers"]) + int(state["cmClusters"]) >= 3

    frame = map_frame(page)
    kharkiv = frame.locator(".cm-marker[title='Explosions/Remote violence']")
    kharkiv.click()
    popup = frame.locator(".leaflet-popup .cm-popup")
    expect(popup.locator(".cm-date td")).to_have_text("2024-11-03")
    assert "Kyiv Independent" in popup.locator(".cm-source td").inner_text()
    assert "15" == popup.locator(".cm-injuries td").inner_text()
    assert "Shevchenkivskyi" in popup.locator(".cm-place td").inner_text()
    # The README's picture is refreshed on purpose only (CONFLICTMAP_REFRESH_SCREENSHOT=1): tests leave the tree clean.
    shot = ROOT / "docs" / "screenshot.png" if os.environ.get("CONFLICTMAP_REFRESH_SCREENSHOT") == "1" else (
        tmp_path / "map.png")
    page.screenshot(path=str(shot))

    generation = int(state["cmGeneration"])
    slider_start = page.get_by_role("slider").first
    for day in ("01", "02", "03", "04"):  # a day at a time, each step seen in the URL before the next key
        slider_start.press("ArrowRight")
        expect(page).to_have_url(re.compile(rf"dates=2024-11-{day}&"), timeout=APP_TIMEOUT_MS)
    # 2024-11-04 alone: its three events and CM-SEED-005, which ran 2024-11-03..2024-11-04.
    narrowed = wait_map(page, after_generation=generation, cmShown="4")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("4")
    assert int(narrowed["cmMarkers"]) + int(narrowed["cmClusters"]) < (
        int(state["cmMarkers"]) + int(state["cmClusters"])
    )
    assert "dates=2024-11-04" in page.url, "the filter must be in the URL so the view can be shared"

    assert page.watch.external_requests() == []
    assert page.watch.errors == []


@pytest.fixture(scope="module")
def bundled():
    """The bundled events as a reader must find them in their popups: id -> (date, place)."""
    events = load_events(ROOT / "events.csv").events
    return {r.event_id_cnty: (r.event_date.strftime("%Y-%m-%d"), r.location) for r in events.itertuples()}


def read_popup(scope, expected) -> str:
    """The open popup's event: its id, date and place must be those of the events file."""
    popup = scope.locator(".leaflet-popup .cm-popup")
    expect(popup).to_have_count(1)
    # Fully shown and staying so: a popup that closes fades out (opacity 0) before it leaves the document.
    expect(scope.locator(".leaflet-popup")).to_have_css("opacity", "1")
    event_id = popup.get_attribute("data-event-id")
    date, place = expected[event_id]
    assert popup.locator(".cm-id td").inner_text() == event_id
    assert date in popup.locator(".cm-date td").inner_text()
    assert popup.locator(".cm-place td").inner_text().startswith(place)
    return event_id


def read_list(scope, expected, title: str) -> list[str]:
    """Open every entry of the list popup in turn (each replaces the list with its details), and go back."""
    listed = scope.locator(".leaflet-popup .cm-list")
    expect(listed.locator(".cm-list-title")).to_have_text(title)
    count = listed.locator(".cm-list-item").count()
    read = []
    for k in range(count):
        listed.locator(".cm-list-item").nth(k).click()
        read.append(read_popup(scope, expected))
        scope.locator(".leaflet-popup .cm-back").click()
        expect(listed.locator(".cm-list-item")).to_have_count(count)
    return read


def open_view(page, url: str, path: list[int], shown: str):
    """The map fresh at `url`, then zoomed in by clicking the place at each index of `path` in turn."""
    frame = open_map(page, url, cmShown=shown)
    for k in path:
        generation = int(map_state(page)["cmGeneration"])
        frame.locator(".cm-marker, .cm-cluster").nth(k).click()
        wait_map(page, after_generation=generation)
    return frame


def read_view(page, url: str, path: list[int], expected, shown: str) -> list[str]:
    """Read every event of the view at `path` by clicking: each marker's popup, each list's entries, and (in a
    new view) the places of each cluster that zooms in. Each place starts from the same view, since a popup
    pans the map."""
    read: list[str] = []
    frame = open_view(page, url, path, shown)
    places = frame.locator(".cm-marker, .cm-cluster")
    for k in range(places.count()):
        if k:
            frame = open_view(page, url, path, shown)
        target = places.nth(k)
        if "cm-cluster" not in target.get_attribute("class"):
            target.click()
            read.append(read_popup(frame, expected))
            close_popup(frame)
            continue
        size, generation = int(target.inner_text()), int(map_state(page)["cmGeneration"])
        target.click()
        listed = wait_in_map(page, """g => document.querySelector('.leaflet-popup .cm-list') ? 'list'
            : Number(""" + MAP_STATE_JS + """.cmGeneration) > g ? 'zoomed' : null""", generation)
        if listed == "list":
            ids = read_list(frame, expected, f"{size} events at this place")
            close_popup(frame)
        else:
            ids = read_view(page, url, path + [k], expected, shown)
        assert len(ids) == size, (path, k, ids)
        read.extend(ids)
    return read


def test_every_bundled_event_is_read_by_clicking(server, page, bundled):
    """Real clicks only: every marker, every cluster (zooming in or listing) and every entry of every list opens
    the right event, and each event is reached exactly once."""
    read = read_view(page, server.url, [], bundled, shown="7")
    assert sorted(read) == sorted(bundled), "each event read exactly once"
    assert page.watch.errors == []


def test_more_events_at_one_place_than_a_list_page_are_all_reachable(streamlit_server, page, tmp_path):
    """130 events at one point: the list (in date order) says how many are not shown, its next page has them."""
    first = dt.date(2024, 6, 1)
    rows = [row(event_id_cnty=f"P{k:03d}", event_date=(first + dt.timedelta(days=k)).isoformat(),
                location=f"Place {k:03d}") for k in reversed(range(130))]
    server = streamlit_server(CONFLICTMAP_EVENTS=str(write_events(tmp_path / "one_place.csv", rows)))
    frame = open_map(page, server.url, cmShown="130")
    frame.locator(".cm-cluster").click()
    listed = frame.locator(".leaflet-popup .cm-list")
    expect(listed.locator(".cm-list-title")).to_have_text("130 events at this place: 1-100 shown, 30 not shown")
    expect(listed.locator(".cm-list-item")).to_have_count(100)
    expect(listed.locator(".cm-page-prev")).to_be_disabled()
    listed.locator(".cm-page-next").click()
    expect(listed.locator(".cm-list-title")).to_have_text("130 events at this place: 101-130 shown, 100 not shown")
    expect(listed.locator(".cm-list-item")).to_have_count(30)
    expect(listed.locator(".cm-page-next")).to_be_disabled()
    last = listed.locator(".cm-list-item").last
    expect(last).to_contain_text("Place 129")
    last.click()
    popup = frame.locator(".leaflet-popup .cm-popup")
    expect(popup).to_have_attribute("data-event-id", "P129")
    frame.locator(".leaflet-popup .cm-back").click()
    expect(listed.locator(".cm-list-title")).to_have_text("130 events at this place: 101-130 shown, 100 not shown")
    assert page.watch.errors == []


def test_navigation_names_every_page_and_the_chrome_is_for_readers(server, page):
    page.goto(server.url)
    wait_app_idle(page)
    nav = page.locator("[data-testid=stSidebarNav] a")
    expect(nav).to_have_text(["Map", "Timeline", "Events table", "Add events"])
    paths = [urlsplit(href).path for href in nav.evaluate_all("els => els.map(a => a.href)")]
    assert paths == ["/", "/Timeline", "/Events_table", "/Add_events"], "page addresses are cited: keep them"
    expect(page.get_by_text("Deploy", exact=True)).to_have_count(0)
    chips = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelectTagsContainer] [data-tag] > span[title]")
    expect(chips).to_have_count(3)
    for k in range(chips.count()):
        chip = chips.nth(k)
        assert chip.evaluate("e => e.scrollWidth <= e.clientWidth"), f"chip cut: {chip.get_attribute('title')}"
    nav.nth(1).click()
    expect(page).to_have_title(re.compile("timeline", re.I))


def test_legend_folds_with_the_keyboard_and_remembers_it(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    frame = open_map(page, server.url, cmShown="7")
    toggle = frame.get_by_role("button", name="Event types")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(frame.locator(".cm-legend-body")).to_be_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(frame.locator(".cm-legend-body")).to_be_hidden()
    frame = open_map(page, server.url, cmShown="7")
    expect(frame.get_by_role("button", name="Event types")).to_have_attribute("aria-expanded", "false")
    frame.get_by_role("button", name="Event types").focus()
    page.keyboard.press("Space")
    expect(frame.locator(".cm-legend-body")).to_be_visible()
    context.close()

    small = browser.new_context(viewport={"width": 600, "height": 900})
    page = small.new_page()
    frame = open_map(page, server.url, cmShown="7")
    expect(frame.get_by_role("button", name="Event types")).to_have_attribute("aria-expanded", "false")
    small.close()


def test_exported_map_opens_the_event_its_link_names(page, tmp_path, bundled):
    """An exported file opened from disk: `#event=ID` opens that event, and so does the link in a popup."""
    target = tmp_path / "export.html"
    target.write_text(exports.standalone_html(load_events(ROOT / "events.csv").events), encoding="utf-8")
    page.route("http*://**", lambda route: route.abort())  # no tiles here; nothing else may be asked for
    page.goto(target.as_uri())
    page.get_by_role("button", name="List events in view").click()
    page.locator(".cm-listview-panel .cm-list-item", has_text="Armed clash").first.click()
    link = page.locator(".leaflet-popup .cm-id a")
    event_id = link.inner_text()
    assert link.get_attribute("href") == target.as_uri() + "#event=" + event_id
    assert link.get_attribute("target") is None, "the file opens on the event in the same tab"
    close_popup(page)
    page.locator(".cm-listview-panel .cm-list-item", has_text="Armed clash").first.click()
    link.click()
    expect(page).to_have_url(target.as_uri() + "#event=" + event_id)
    expect(page.locator(".leaflet-popup")).to_have_count(1)  # the popup it was clicked in has faded out
    assert read_popup(page, bundled) == event_id
    page.goto(target.as_uri() + "#event=CM-SEED-003")  # another event named in the address: it opens
    expect(page.locator(".leaflet-popup .cm-popup[data-event-id='CM-SEED-003']")).to_have_count(1)
    expect(page.locator(".leaflet-popup")).to_have_count(1)
    assert read_popup(page, bundled) == "CM-SEED-003"
    page.reload()  # a file opened on an event from the start
    expect(page.locator(".leaflet-popup .cm-popup[data-event-id='CM-SEED-003']")).to_have_count(1)
    assert page.watch.errors == []


def test_events_placed_only_to_a_country_are_listed_beside_the_map_and_readable(server, page):
    """UCDP's events coded to the whole country are not drawn at Ukraine's centroid: the map lists them, and
    each opens its details there (real clicks), and the page lists them under the map."""
    frame = open_map(page, server.url + "/?dataset=UCDP+GED+Ukraine+2014-2023", cmOffMap="38")
    toggle = frame.get_by_role("button", name="38 events not on the map")
    toggle.click()
    panel = frame.locator(".cm-offmap-panel")
    expect(panel.locator(".cm-list-title")).to_have_text("38 events not on the map: 38 placed only to a country")
    entries = panel.locator(".cm-list-item")
    expect(entries).to_have_count(38)
    expect(entries.first).not_to_have_text(re.compile(r"\.\.\.$"))
    first = entries.first.inner_text()
    entries.first.click()
    details = panel.locator(".cm-popup")
    expect(details.locator(".cm-place td")).to_have_text(re.compile(r"\(only the country is known\)$"))
    assert first.startswith(details.locator(".cm-date td").inner_text()[:10])
    panel.locator(".cm-back").click()
    expect(entries).to_have_count(38)
    main = page.locator("[data-testid=stMain]")
    expect(main.get_by_text("38 events in this selection are placed only to a country")).to_be_visible()
    assert page.watch.errors == []


def test_near_a_place_filter_from_the_url(server, page):
    page.goto(server.url + "/?near=Koursk&km=20")
    wait_app_idle(page)
    state = wait_map(page, cmShown="3")
    assert state["cmShown"] == "3"
    assert "Within 20 km of Kursk" in page.locator("[data-testid=stSidebar]").inner_text()
    page.goto(server.url + "/?near=Kharkiv&km=30")
    wait_app_idle(page)
    wait_map(page, cmShown="1")
    assert page.watch.external_requests() == []


def test_link_to_one_event_opens_its_details(server, page, bundled):
    frame = open_map(page, server.url + "/?event=CM-SEED-003")
    expect(frame.locator(".leaflet-popup .cm-popup")).to_have_attribute("data-event-id", "CM-SEED-003")
    assert read_popup(frame, bundled) == "CM-SEED-003"
    href = frame.locator(".leaflet-popup a.cm-event-link").get_attribute("href")
    assert href.startswith(server.url + "/?") and "event=CM-SEED-003" in href
    expect(page.locator("[data-testid=stMain]")).to_contain_text("Showing the linked event CM-SEED-003")


def test_the_link_in_a_popup_opens_the_map_on_that_event(server, page, bundled):
    """A reader cites an event: its popup's own link (a real click, in a new tab) opens the map on it."""
    frame = open_map(page, server.url, cmShown="7")
    frame.locator(".cm-marker").first.click()
    event_id = read_popup(frame, bundled)
    with page.context.expect_page() as opened:
        frame.locator(".leaflet-popup a.cm-event-link").click()
    cited = opened.value
    cited.watch = page.watch
    cited.wait_for_load_state()
    assert urlsplit(cited.url).path == "/" and f"event={event_id}" in cited.url
    wait_app_idle(cited)
    linked = map_frame(cited)
    expect(linked.locator(".leaflet-popup .cm-popup")).to_have_attribute("data-event-id", event_id)
    assert read_popup(linked, bundled) == event_id
    expect(cited.locator("[data-testid=stMain]")).to_contain_text(f"Showing the linked event {event_id}")
    cited.close()


def tab_to(page, target, limit: int = 40) -> None:
    """Press Tab until `target` has the keyboard focus, as a keyboard user does."""
    for _ in range(limit):
        if target.evaluate("e => e === e.ownerDocument.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} not reached with {limit} Tab presses")


def test_list_of_events_in_view_with_the_keyboard(server, page, bundled):
    """Keys only: Tab to "List events in view", Enter opens it, Tab and Enter open each entry's event; the focus
    stays on the entry just used when the popup pans the map, so the next Tab goes on down the list."""
    frame = open_map(page, server.url, cmShown="7")
    page.get_by_role("heading", name="Conflict events map").click()  # where a reader's Tab starts from
    toggle = frame.get_by_role("button", name="List events in view")
    tab_to(page, toggle)
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    entries = frame.locator(".cm-listview-panel .cm-list-item")
    expect(entries).to_have_count(7)
    expect(entries.last).not_to_have_text("...")
    read = []
    for k in range(7):
        page.keyboard.press("Tab")
        entry = entries.nth(k)
        expect(entry).to_be_focused()
        label = entry.inner_text()
        page.keyboard.press("Enter")
        popup = frame.locator(".leaflet-popup .cm-popup")
        expect(popup).to_have_count(1)
        expect(popup.locator(".cm-date td")).to_contain_text(label[:10])
        event_id = read_popup(frame, bundled)
        assert label.endswith(", " + bundled[event_id][1]), (label, event_id)
        read.append(event_id)
        expect(entry).to_be_focused()
    assert sorted(read) == sorted(bundled), "every event reached from the keyboard, once"
    assert page.watch.errors == []


def test_playback_steps_day_by_day(server, page):
    page.goto(server.url + "/?play=true")
    wait_app_idle(page)
    frame = map_frame(page)
    state = wait_map(page, cmPlaybackDay="2024-10-31")
    assert state["cmShown"] == "1"
    assert frame.locator(".cm-play-label").inner_text() == "2024-10-31: 1 of 7 events"
    generation = int(state["cmGeneration"])
    for _ in range(3):
        frame.locator(".cm-play-next").click()
    state = wait_map(page, after_generation=generation, cmPlaybackDay="2024-11-03")
    assert state["cmShown"] == "3"
    frame.locator(".cm-play-back").click()
    state = wait_map(page, cmPlaybackDay="2024-11-02")
    assert state["cmShown"] == "0"
    frame.locator(".cm-play-toggle").click()
    expect(frame.locator(".cm-play-toggle")).to_have_text(re.compile("Pause$"))
    state = wait_map(page, cmPlaybackDay="2024-11-04")
    assert state["cmShown"] == "4", "CM-SEED-005 (2024-11-03..2024-11-04) on its second day too"
    expect(frame.locator(".cm-play-label")).to_have_text("2024-11-04: 4 of 7 events")
    expect(frame.locator(".cm-play-toggle")).to_have_text(re.compile("Play$"))  # it stops at the last day


def test_playback_says_the_days_share_of_the_figures_and_plays_at_the_speed_chosen(server, page):
    """Trial 10: the bar said "3 events" beside the Events figure 7, and play went a day a second, no faster or
    slower. With real clicks: the toggle, the speed (kept in the URL), play; then, on UCDP's nine years, a speed
    change while it plays carries on from the day shown."""
    page.goto(server.url)
    wait_app_idle(page)
    wait_map(page, cmShown="7")
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("Play back day by day").click()
    wait_map(page, cmPlaybackDay="2024-10-31", cmPlaybackSpeed="1")
    frame = map_frame(page)
    expect(frame.locator(".cm-play-label")).to_have_text("2024-10-31: 1 of 7 events")
    expect(page.locator("[data-testid=stMetric]").filter(has_text="Events")).to_contain_text("7")
    expect(page.get_by_text("Playing back: the figures count all 7 events of the selected dates")).to_be_visible()
    speeds = sidebar.get_by_role("radiogroup", name="Playback speed")
    expect(speeds.get_by_role("radio", name="1x", exact=True)).to_be_checked()
    speeds.get_by_role("radio", name="4x", exact=True).click()
    expect(page).to_have_url(re.compile(r"speed=4x"))
    wait_map(page, cmPlaybackDay="2024-10-31", cmPlaybackSpeed="4")
    frame.locator(".cm-play-toggle").click()
    wait_map(page, cmPlaybackDay="2024-11-04", cmShown="4", cmPlaying="false")
    expect(frame.locator(".cm-play-label")).to_have_text("2024-11-04: 4 of 7 events")
    expect(frame.locator(".cm-play-toggle")).to_have_text(re.compile("Play$"))

    page.goto(server.url + "/?dataset=UCDP+GED+Ukraine+2014-2023&play=true&speed=0.5x")  # a link keeps it
    wait_app_idle(page)
    wait_map(page, cmPlaybackSpeed="0.5")
    expect(speeds.get_by_role("radio", name="0.5x", exact=True)).to_be_checked()
    figure = page.locator("[data-testid=stMetric]").filter(has_text="Events").locator("[data-testid=stMetricValue]")
    expect(frame.locator(".cm-play-label")).to_have_text(re.compile(r"^\d{4}-\d\d-\d\d: [\d,]+ of " +
                                                                    re.escape(figure.inner_text()) + " events$"))
    frame.locator(".cm-play-toggle").click()
    wait_map(page, cmPlaying="true")
    shown = map_state(page)["cmPlaybackDay"]
    speeds.get_by_role("radio", name="2x", exact=True).click()
    expect(page).to_have_url(re.compile(r"speed=2x"))
    wait_map(page, cmPlaybackSpeed="2", cmPlaying="true")
    assert map_state(page)["cmPlaybackDay"] >= shown, "carried on from the day shown, still playing"
    frame.locator(".cm-play-toggle").click()
    wait_map(page, cmPlaying="false")
    assert page.watch.errors == []


def test_the_heat_follows_the_day_played_back(server, page):
    """With the heat on, playback showed one day's events over the heat of every day."""
    page.goto(server.url + "/?play=true&heat=true")
    wait_app_idle(page)
    frame = map_frame(page)
    state = wait_map(page, cmPlaybackDay="2024-10-31", cmHeatPoints="1")
    generation = int(state["cmGeneration"])
    for _ in range(3):
        frame.locator(".cm-play-next").click()
    wait_map(page, after_generation=generation, cmPlaybackDay="2024-11-03", cmShown="3", cmHeatPoints="3")
    frame.locator(".cm-play-back").click()
    wait_map(page, cmPlaybackDay="2024-11-02", cmShown="0", cmHeatPoints="0")
    assert frame.locator("canvas.leaflet-heatmap-layer").count() == 1
    assert page.watch.errors == []


def test_text_list_of_events_in_view(server, page):
    frame = open_map(page, server.url, cmShown="7")
    frame.locator(".cm-listview-toggle").click()
    panel = frame.locator(".cm-listview-panel")
    expect(panel.locator(".cm-list-title")).to_have_text("7 events in view")
    expect(panel.locator(".cm-list-item")).to_have_count(7)
    frame.locator(".cm-listview-panel .cm-list-item", has_text="Air/drone strike").click()
    expect(frame.locator(".leaflet-popup .cm-popup .cm-date td")).to_have_text("2024-11-04")


def test_heat_layer_loads_its_script_only_when_asked(server, page):
    page.goto(server.url)
    wait_app_idle(page)
    wait_map(page, cmShown="7")
    assert not any("leaflet-heat" in url for url in page.watch.requests)
    page.goto(server.url + "/?heat=true")
    wait_app_idle(page)
    wait_map(page, cmHeatPoints="7")
    assert any("leaflet-heat" in url for url in page.watch.requests)
    frame = map_frame(page)
    assert frame.locator("canvas.leaflet-heatmap-layer").count() == 1
    # Over the heat, clusters are hollow rings: the heat beneath them stays readable.
    expect(frame.locator(".leaflet-container")).to_have_class(re.compile("cm-heat-on"))
    fill = frame.locator(".cm-cluster-inner").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert float(fill.rstrip(")").split(",")[-1]) < 0.3, fill
    assert page.watch.errors == []


def test_map_keeps_its_view_when_filters_change(server, page):
    frame = open_map(page, server.url, cmShown="7")
    initial_zoom = frame.locator("html").evaluate("() => window.map.getZoom()")
    for step in (1, 2):
        frame.locator(".leaflet-control-zoom-in").click()
        wait_in_map(page, "z => !!window.map && window.map.getZoom() === z && !window.map._animatingZoom", initial_zoom + step)
    view = frame.locator("html").evaluate("() => [window.map.getZoom(), window.map.getCenter().lat]")
    generation = int(map_state(page)["cmGeneration"])
    slider_start = page.get_by_role("slider").first
    slider_start.focus()
    slider_start.press("ArrowRight")
    wait_app_idle(page)
    wait_map(page, after_generation=generation, cmShown="6")
    after = frame.locator("html").evaluate("() => [window.map.getZoom(), window.map.getCenter().lat]")
    assert after == view, "a filter change must not reset the user's pan and zoom"
    assert view[0] == initial_zoom + 2


def test_large_dataset_is_clustered_in_a_worker_and_filtered_in_the_browser(streamlit_server, page, tmp_path):
    """25,000 events: the index and its clusters come from the map's Web Worker; removing a type (a real click in
    the sidebar) redraws the very count the server's headline gives, from the index built at the first view."""
    from benchmarks.synthetic import synthetic_events
    from conflictmap.store import save_events

    path = tmp_path / "synthetic.csv"
    save_events(path, synthetic_events(25_000))
    server = streamlit_server(CONFLICTMAP_EVENTS=str(path))
    page.goto(server.url)
    wait_app_idle(page, timeout_ms=120_000)
    state = wait_map(page, timeout=120, cmShown="25000", cmEngine="worker")
    frame = map_frame(page)
    assert frame.locator(".cm-cluster").count() == int(state["cmClusters"]) > 0
    page.get_by_test_id("stSidebar").get_by_role("button", name="Remove Battles", exact=True).click()
    metric = page.get_by_test_id("stMetricValue").first
    expect(metric).not_to_have_text("25,000", timeout=APP_TIMEOUT_MS)  # the rerun's own figure, not the old one
    headline = int(metric.inner_text().replace(",", ""))
    assert 0 < headline < 25_000
    wait_map(page, after_generation=int(state["cmGeneration"]), timeout=120, cmShown=str(headline))
    assert page.watch.errors == []



def test_the_map_draws_the_date_slider_before_the_rerun(server, page):
    """A key on the date slider redraws the map from the browser's own index while every message of the
    server is held back: the map does not wait for Streamlit's rerun. Once they arrive, the rerun's layer
    (the server's filter) shows the same events, and the headline and the URL say the same."""
    held, routes, holding = [], [], False

    def route(ws):
        routes.append(ws)
        ws.connect_to_server().on_message(lambda message: held.append(message) if holding else ws.send(message))

    page.route_web_socket(re.compile(r"/_stcore/stream"), route)
    open_map(page, server.url, cmShown="7")
    generation = int(map_state(page)["cmGeneration"])
    slider_start = page.get_by_role("slider").first
    slider_start.focus()
    holding = True
    slider_start.press("End")
    drawn = wait_map(page, after_generation=generation, cmShown="4", cmFollowed="1")  # CM-SEED-005 ran on to 11-04
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("7")  # the server has not answered yet
    assert "dates=" not in page.url
    while held:  # in order; a message arriving meanwhile joins the queue
        routes[-1].send(held.pop(0))
    holding = False
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("4", timeout=APP_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"dates=2024-11-04&"), timeout=APP_TIMEOUT_MS)
    rerun = wait_map(page, after_generation=int(drawn["cmGeneration"]), cmShown="4", cmFollowed="0")
    assert rerun["cmMarkers"] == drawn["cmMarkers"] and rerun["cmClusters"] == drawn["cmClusters"]
    assert page.watch.errors == []
