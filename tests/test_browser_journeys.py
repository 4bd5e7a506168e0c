"""Journeys in Chromium with real clicks and keys only: switching datasets back and forth across the Map, Timeline
and Events table, reopening the address shown, and loading the failing cases of ../shared/cases (copied in
tests/data/cases) the way a user would. Every wait is for something to appear on the page, never a fixed time."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser import dataset_seen, wait_app_idle, watch_dataset
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CASES = ROOT / "tests" / "data" / "cases"
UCDP = "UCDP GED Ukraine 2014-2023"
WAIT_MS = 90_000  # generous: a loaded 2-core machine; every wait ends as soon as the page shows the awaited state


def sidebar(page):
    return page.locator("[data-testid=stSidebar]")


def open_page(page, name: str) -> None:
    """Click the page's name in the navigation."""
    sidebar(page).get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(re.compile({"Map": r"/(\?|$)", "Timeline": "/Timeline", "Events table": "/Events_table"}[
        name]), timeout=WAIT_MS)
    wait_app_idle(page, WAIT_MS)


def choose_dataset(page, label: str) -> None:
    sidebar(page).locator("[data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name=label).click()


def shown_count(page) -> str:
    """The page's own statement of how many events it shows."""
    path = urlsplit(page.url).path
    if path.endswith("/Timeline"):
        caption = page.locator("[data-testid=stCaptionContainer]", has_text=re.compile(r" events?, (each )?in the bar"))
        return caption.first.inner_text().split(" event")[0]
    if path.endswith("/Events_table"):
        caption = page.locator("[data-testid=stCaptionContainer]", has_text=re.compile(r" of [\d,]+ events?\."))
        return caption.first.inner_text().split(" of ")[0]
    # While a rerun replaces the page, the old metric can stand beside the new one for a moment: read it once alone.
    metric = page.locator("[data-testid=stMetric]", has_text="Events").locator("[data-testid=stMetricValue]")
    expect(metric).to_have_count(1, timeout=WAIT_MS)
    return metric.inner_text()


def expect_shown(page, count: str) -> None:
    """Wait until the page says it shows `count` events."""
    path = urlsplit(page.url).path
    if path.endswith("/Timeline"):
        target = page.locator("[data-testid=stCaptionContainer]",
                              has_text=re.compile(rf"^{re.escape(count)} events?, (each )?in the bar"))
    elif path.endswith("/Events_table"):
        target = page.locator("[data-testid=stCaptionContainer]", has_text=f"{count} of ")
    else:
        # While a rerun replaces the page, the previous run's metric stands (greyed) beside the new one until the run
        # ends: wait for the new figure, then for the old one to go. A strict locator would fail at that moment.
        metrics = page.locator("[data-testid=stMetric]", has_text="Events")
        value = metrics.locator("[data-testid=stMetricValue]").filter(has_text=re.compile(f"^{re.escape(count)}$"))
        expect(value.first).to_be_visible(timeout=WAIT_MS)
        expect(metrics).to_have_count(1, timeout=WAIT_MS)
        expect(metrics.locator("[data-testid=stMetricValue]")).to_have_text(count, timeout=WAIT_MS)
        return
    expect(target.first).to_be_visible(timeout=WAIT_MS)


def view(page) -> dict:
    """What is on screen: the page, the count it states, the dataset, the ticked types, the dates."""
    wait_app_idle(page, WAIT_MS)
    types = sidebar(page).locator("[data-testid=stMultiSelect]").first.locator("[data-tag] > span[title]")
    return {
        "page": urlsplit(page.url).path,
        "shown": shown_count(page),
        "dataset": sidebar(page).locator("[data-testid=stSelectbox]").first.get_by_role("combobox").input_value(),
        "types": sorted(types.all_inner_texts()),
        "dates": [s.get_attribute("aria-valuetext") for s in sidebar(page).get_by_role("slider").all()],
    }


def reopened(browser, url: str) -> dict:
    """A colleague opens the address shown, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = context.new_page()
        other.goto(url)
        wait_app_idle(other, WAIT_MS)
        expect(sidebar(other).get_by_role("slider").first).to_be_visible(timeout=WAIT_MS)
        # the type chips are drawn a moment after the slider on a loaded machine; this journey always has some
        expect(sidebar(other).locator("[data-testid=stMultiSelect]").first.locator("[data-tag]").first).to_be_visible(
            timeout=WAIT_MS)
        return view(other)
    finally:
        context.close()


@pytest.fixture(scope="module")
def bundled_server(streamlit_server):
    """One dashboard on the bundled events for the journeys that only read them (each test has its own page)."""
    return streamlit_server()


def no_failure(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.watch.errors == [] and page.watch.external_requests() == []


def test_switching_datasets_back_and_forth_across_pages_and_reopening_the_url(bundled_server, page, browser):
    server = bundled_server
    page.goto(server.url)
    wait_app_idle(page, WAIT_MS)
    expect_shown(page, "7")

    start = sidebar(page).get_by_role("slider").first
    start.focus()
    start.press("ArrowRight")  # one day later: 2024-11-01
    expect(page).to_have_url(re.compile(r"dates=2024-11-01&dates=2024-11-04"), timeout=WAIT_MS)
    expect_shown(page, "6")

    choose_dataset(page, UCDP)
    expect(page.get_by_text("are outside this dataset")).to_be_visible(timeout=WAIT_MS)
    expect_shown(page, "3,883")
    expect(page).to_have_url(re.compile(r"/\?dataset=UCDP\+GED\+Ukraine\+2014-2023$"), timeout=WAIT_MS)

    for name in ("Timeline", "Events table", "Map"):
        open_page(page, name)
        expect_shown(page, "3,883")
        no_failure(page)
        assert "dataset=UCDP" in page.url
        assert reopened(browser, page.url) == view(page), name

    choose_dataset(page, "Events (events.csv)")  # back: the dates UCDP could not hold are given back, and said
    expect(page.get_by_text("The dates 2024-11-01 to 2024-11-04 chosen before the switch apply again")).to_be_visible(
        timeout=WAIT_MS)
    expect_shown(page, "6")
    expect(page).to_have_url(re.compile(r"/\?dates=2024-11-01&dates=2024-11-04$"), timeout=WAIT_MS)
    assert view(page)["types"] == ["Battles", "Explosions/Remote violence", "Strategic developments"]

    sidebar(page).get_by_role("button", name="Remove Battles").click()
    expect_shown(page, "4")
    choose_dataset(page, UCDP)
    expect(page.get_by_text("No event of type Explosions/Remote violence, Strategic developments in this "
                            "dataset")).to_be_visible(timeout=WAIT_MS)
    expect_shown(page, "3,883")
    for name in ("Events table", "Timeline"):
        open_page(page, name)
        expect_shown(page, "3,883")
        assert reopened(browser, page.url) == view(page), name
    no_failure(page)


# What only one of the two bundled datasets shows: its event count (the map's metric, the Timeline's and the table's
# captions begin with it) and the first day of its date slider.
ONLY = {"Events (events.csv)": ("7", "2024-10-31"), UCDP: ("3,883", "2014-01-22")}


def figures_of_another_dataset(state: dict) -> list[str]:
    """The figures on screen (a state of tests.browser.dataset_seen) that belong to another dataset than the one
    the Dataset box names."""
    count, first_day = next(only for label, only in ONLY.items() if label != state["box"])
    return ([f for f in state["figures"] if f == count or f.startswith(f"{count} ")]
            + [d for d in state["dates"] if d.startswith(first_day)])


def test_a_switch_never_shows_one_datasets_figures_beside_anothers_name(streamlit_server, page):
    """Trial 9: while a switch loads the dataset chosen, the page showed the previous dataset's count and dates
    (Streamlit's greyed elements of the previous run) under the new dataset's name. From the click on an option to
    the new figures, on every page, the page may show no figures, never the other dataset's."""
    server = streamlit_server()  # its own: UCDP is parsed on the first switch, with the progress bar
    page.goto(server.url)
    wait_app_idle(page, WAIT_MS)
    expect_shown(page, "7")
    watch_dataset(page)
    for name in ("Map", "Timeline", "Events table"):
        if name != "Map":
            open_page(page, name)
        for label, count in ((UCDP, "3,883"), ("Events (events.csv)", "7")):
            choose_dataset(page, label)
            expect_shown(page, count)
            wait_app_idle(page, WAIT_MS)
    seen = dataset_seen(page)
    assert {s["box"] for s in seen} - {None} == set(ONLY)
    paired = [s for s in seen if s["box"] in ONLY and figures_of_another_dataset(s)]
    assert not paired, paired[:3]
    assert any(not s["figures"] and s["box"] == UCDP for s in seen), "the moments between were recorded"
    no_failure(page)


def test_a_link_with_dates_outside_the_dataset_says_what_was_changed(bundled_server, page):
    server = bundled_server
    page.goto(f"{server.url}/Timeline?dates=2030-01-01&dates=2030-02-01")
    expect(page.get_by_text("The dates 2030-01-01 to 2030-02-01 are outside this dataset")).to_be_visible(
        timeout=WAIT_MS)
    expect_shown(page, "7")
    expect(page).to_have_url(re.compile(r"/Timeline$"), timeout=WAIT_MS)
    no_failure(page)


# Every list of page links the navigation showed, from the page's first paint on, into window.cmNav (only reads).
RECORD_NAVIGATION_JS = """
window.cmNav = [];
new MutationObserver(() => {
    const links = Array.from(document.querySelectorAll('[data-testid=stSidebarNav] a')).map((a) => a.innerText);
    const last = window.cmNav[window.cmNav.length - 1];
    if (links.length && JSON.stringify(links) !== JSON.stringify(last)) { window.cmNav.push(links); }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.mark.parametrize("first", ["/", "/Timeline?dates=2024-11-01&dates=2024-11-04", "/Events_table?types=Battles"])
def test_a_fresh_servers_first_request_opens_through_the_navigation(streamlit_server, page, first):
    """The first address a server ever answers, a colleague's link or the bare address a newcomer types. Until a
    session has called st.navigation, Streamlit (1.67) reads pages/ as pages of its own: it lists dashboard.py as
    a page named "dashboard" while that file loads, and ran a linked page alone (newcomer trials 8 and 9 saw the
    first). The page opens with the link's filter (the bare address: the map), and once the navigation lists our
    pages it never lists another."""
    server = streamlit_server()
    page.add_init_script(RECORD_NAVIGATION_JS)
    page.goto(server.url + first)
    wait_app_idle(page, WAIT_MS)
    nav = sidebar(page).locator("[data-testid=stSidebarNav]")
    pages = ["Map", "Timeline", "Events table", "Add events"]
    expect(nav.get_by_role("link")).to_have_text(pages, timeout=WAIT_MS)
    expect_shown(page, {"/": "7", "/Timeline": "6", "/Events_table": "2"}[urlsplit(first).path])
    assert urlsplit(page.url).path == urlsplit(first).path
    if first == "/":
        expect(page.get_by_role("heading", name="Conflict events map")).to_be_visible()
    shown = page.evaluate("window.cmNav")
    assert shown[shown.index(pages):] == [pages], f"the navigation listed other pages after ours: {shown}"
    chip = sidebar(page).locator("[data-testid=stMultiSelect]").first.locator("[data-tag] > span[title]").first
    expect(chip).to_have_css("white-space", "normal")  # dashboard.py's styles are on the page
    no_failure(page)


def test_a_read_only_servers_first_request_for_the_add_page_gets_no_add_page(streamlit_server, page):
    server = streamlit_server(CONFLICTMAP_READONLY="1")
    page.goto(server.url + "/Add_events")
    wait_app_idle(page, WAIT_MS)
    expect(sidebar(page).locator("[data-testid=stSidebarNav]").get_by_role("link")).to_have_text(
        ["Map", "Timeline", "Events table"], timeout=WAIT_MS)
    expect(page.get_by_role("button", name="Propose events")).to_have_count(0)
    expect(page.get_by_text("Add events from a news text")).to_have_count(0)


def test_case_acled_year_0025_is_reported_by_line_and_no_page_fails(streamlit_server, page):
    """../shared/cases/acled_year_0025.csv as the events file: the 0025 row is reported, the other row is shown."""
    server = streamlit_server(CONFLICTMAP_EVENTS=str(CASES / "acled_year_0025.csv"))
    page.goto(server.url)
    expect(page.get_by_text("1 row of acled_year_0025.csv could not be shown")).to_be_visible(timeout=WAIT_MS)
    report = page.locator("[data-testid=stExpander]", has_text="Problems by line")
    expect(report).to_contain_text("line 2 [event_date]: 0025-03-14 is before 1900", timeout=WAIT_MS)
    expect(report).to_contain_text("line 2 [year]: event_date 0025-03-14 is not in the row's year '2025'")
    expect_shown(page, "1")
    for name in ("Timeline", "Events table", "Map"):
        open_page(page, name)
        expect_shown(page, "1")
        no_failure(page)


def test_case_semicolons_and_decimal_commas_named_then_imported_with_the_right_places(streamlit_server, page,
                                                                                      tmp_path):
    """../shared/cases/acled_semicolon_cp1252.csv: as an events file the page names the ';'; imported as the
    README says, its events show their dates, and the GeoJSON download holds the right coordinates."""
    case = CASES / "acled_semicolon_cp1252.csv"
    server = streamlit_server(CONFLICTMAP_EVENTS=str(case))
    page.goto(server.url)
    expect(page.get_by_text("the fields are separated by ';', not commas")).to_be_visible(timeout=WAIT_MS)

    imported = tmp_path / "events.csv"
    done = subprocess.run([sys.executable, "-m", "conflictmap", "import", "acled", str(case), "--out", str(imported)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    server = streamlit_server(CONFLICTMAP_EVENTS=str(imported))
    page.goto(f"{server.url}/Events_table")
    expect_shown(page, "2")
    table = page.locator("[data-testid=stDataFrame] table")
    expect(table).to_contain_text("2025-03-14", timeout=WAIT_MS)
    expect(table).to_contain_text("2025-03-25")
    with page.expect_download(timeout=WAIT_MS) as download:
        page.get_by_role("button", name="Download GeoJSON").click()
    features = json.loads(open(download.value.path(), encoding="utf-8").read())["features"]
    assert {f["id"]: f["geometry"]["coordinates"] for f in features} == {
        "UKR900501": [32.6169, 46.6354], "UKR900502": [34.7981, 50.9077]}
    assert features[0]["properties"]["notes"] == "Ligne de test : bombardement d'un quartier résidentiel"
    no_failure(page)


def test_case_implausible_coordinates_loads_and_no_page_fails(streamlit_server, page):
    """../shared/cases/acled_implausible_coordinates.csv: Kharkiv rows at 0,0, swapped and sign-flipped. The
    per-row warning naming the likely mistake is the geocoder's check (issue 12.6); here: every row is kept and
    no page fails on them."""
    server = streamlit_server(CONFLICTMAP_EVENTS=str(CASES / "acled_implausible_coordinates.csv"))
    page.goto(server.url)
    expect_shown(page, "3")
    for name in ("Timeline", "Events table"):
        open_page(page, name)
        expect_shown(page, "3")
        no_failure(page)


def test_the_events_table_has_no_padding_rows(bundled_server, page):
    """Seven events: the table is as tall as its header and seven rows, not a fixed 560 px of empty rows."""
    server = bundled_server
    page.goto(f"{server.url}/Events_table")
    expect_shown(page, "7")
    box = page.locator("[data-testid=stDataFrame]").bounding_box()
    assert box["height"] <= 35 * 8 + 3 + 2
