"""The "Add events" page in headless Chromium: pasted markup and template syntax stay text."""
from __future__ import annotations

import pytest

from tests.browser import wait_app_idle
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
