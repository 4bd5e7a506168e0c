"""The sidebar's "Near a place" filter in Chromium, with real clicks and keys only: a name several villages bear
offers them in "Which place?", which opens on one click every time, and never offers a city that bears the name
only as another of its names. Every wait is for something on the page, never a fixed time.

In the newcomer trial "Which place?" needed two clicks three times out of three: it stood at the foot of the
sidebar, at the window's lower edge, so the click that opened it also scrolled the sidebar, and the list closes
on a scroll. This test failed so at the default 1400 x 1000 window, in all three rounds, before the list moved to
the top of the page."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser import wait_app_idle

pytestmark = pytest.mark.browser

WAIT_MS = 90_000  # a ceiling for a loaded 2-core machine; each wait ends when the page shows the awaited state


def sidebar(page):
    return page.locator("[data-testid=stSidebar]")


def type_near(page, text: str) -> None:
    """Replace the 'Near a place' text as a reader does: click, select all, type, Enter."""
    box = sidebar(page).get_by_label("Near a place")
    box.click()
    box.press("ControlOrMeta+a")
    box.press_sequentially(text)
    box.press("Enter")


def open_choice_with_one_click(page) -> list[str]:
    """Click "Which place?" once; the list must open from that click alone. Returns the places it offers."""
    combo = page.get_by_role("combobox", name="Which place?")
    expect(combo).to_be_visible(timeout=WAIT_MS)
    wait_app_idle(page, WAIT_MS)
    combo.click()
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible(timeout=WAIT_MS)
    return listbox.get_by_role("option").all_inner_texts()


@pytest.fixture(scope="module")
def server(streamlit_server):
    return streamlit_server()


def test_which_place_opens_on_one_click_and_the_choice_is_kept(server, page):
    page.goto(server.url)
    wait_app_idle(page, WAIT_MS)
    for round_ in range(3):  # the trial's three tries: each time the list opens on the first click
        type_near(page, "Oleksandrivka")
        expect(sidebar(page).get_by_text(re.compile(r"the 10 largest of \d+ places of that name"))).to_be_visible(
            timeout=WAIT_MS)
        offered = open_choice_with_one_click(page)
        assert len(offered) == 10 and all(o.startswith("Oleksandrivka (") for o in offered), offered
        assert not any(o.startswith("Donetsk") for o in offered)
        village = offered[round_]
        page.get_by_role("option", name=village).click()
        expect(sidebar(page).get_by_text(re.compile(r"Within \d+ km of Oleksandrivka"))).to_be_visible(
            timeout=WAIT_MS)
        near = parse_qs(urlsplit(page.url).query)["near"][0]
        assert re.fullmatch(r"Oleksandrivka #\d+", near), near
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.watch.errors == [] and page.watch.external_requests() == []


def test_a_region_after_a_comma_offers_no_place_elsewhere(server, page):
    page.goto(server.url)
    wait_app_idle(page, WAIT_MS)
    type_near(page, "Oleksandrivka, Kharkiv Oblast")
    expect(sidebar(page).get_by_text("no place of that name where the hints say")).to_be_visible(timeout=WAIT_MS)
    wait_app_idle(page, WAIT_MS)
    expect(page.get_by_role("combobox", name="Which place?")).to_have_count(0)
    assert parse_qs(urlsplit(page.url).query)["near"] == ["Oleksandrivka, Kharkiv Oblast"]
