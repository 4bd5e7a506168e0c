"""A file never seen before, in a real headless Chromium against `streamlit run`: the page says how loading goes."""
from __future__ import annotations

import os
import threading

import pytest
from playwright.sync_api import expect

from tests.browser import APP_TIMEOUT_MS, wait_app_idle, wait_map
from tests.helpers import row, write_events

pytestmark = pytest.mark.browser


def test_a_file_never_seen_shows_how_its_loading_goes(streamlit_server, page, tmp_path):
    """The events file is a pipe: the server gets the first part of it, and the page must show a progress bar
    naming the step while the rest has not come; once it has, the bar is gone and the map shows every event."""
    n = 300
    data = write_events(tmp_path / "source.csv", [
        row(event_id_cnty=f"P{i}", event_date=f"2024-11-{1 + i % 28:02d}", notes=f"progress test event {i}")
        for i in range(n)
    ]).read_bytes()
    pipe = tmp_path / "events.csv"
    os.mkfifo(pipe)
    rest = threading.Event()

    def writer() -> None:
        with open(pipe, "wb") as fh:  # opens once the server reads the pipe
            fh.write(data[:len(data) // 2])
            fh.flush()
            rest.wait(APP_TIMEOUT_MS / 1000)
            fh.write(data[len(data) // 2:])

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        server = streamlit_server(CONFLICTMAP_EVENTS=str(pipe))
        page.goto(server.url)
        bar = page.locator("[data-testid=stProgress]")
        expect(bar).to_contain_text("reading the file", timeout=APP_TIMEOUT_MS)
        assert page.locator("iframe").count() == 0, "no map before its events have come"
    finally:
        rest.set()
        thread.join(APP_TIMEOUT_MS / 1000)
    wait_app_idle(page)
    wait_map(page, cmShown=str(n))
    expect(bar).to_have_count(0)
