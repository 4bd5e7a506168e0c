"""Limits and failures in headless Chromium: uploads at and above the limits, the app's responsiveness with the
largest accepted file, and no traceback on the page when something fails unexpectedly."""
from __future__ import annotations

import time

import pytest

from conflictmap import review
from tests.browser import APP_TIMEOUT_MS, type_date, wait_app_idle, wait_map
from tests.conftest import StreamlitServer
from tests.helpers import row, write_events

pytestmark = pytest.mark.browser

PARAGRAPH = ("On 4 November 2024 a drone struck a warehouse in Kharkiv, injuring two people, the regional governor "
             "said. Officials reported shelling near Kupiansk overnight.\n\n")
GENERIC = "This app has encountered an error"


@pytest.fixture(scope="module")
def server(streamlit_server, tmp_path_factory):
    path = write_events(tmp_path_factory.mktemp("limits") / "events.csv", [row(event_id_cnty="L-1")])
    return streamlit_server(CONFLICTMAP_EVENTS=str(path))


def upload(page, name: str, data: bytes) -> None:
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": data}])


def test_upload_above_the_limit_is_refused_by_the_browser_before_sending(server, page):
    page.goto(f"{server.url}/Add_events")
    wait_app_idle(page)
    upload(page, "huge.txt", b"a" * (21 * 1024 * 1024))
    page.get_by_text("File must be 1.0MB or smaller.").wait_for(timeout=20000)
    assert not any("/_stcore/upload_file" in url for url in page.watch.requests), "the file must not be sent"
    assert page.watch.errors == []


def test_largest_accepted_upload_is_read_and_the_app_stays_responsive(server, page, browser):
    text = (PARAGRAPH * (review.MAX_TEXT_BYTES // len(PARAGRAPH) + 1)).encode()[:review.MAX_TEXT_BYTES]
    page.goto(f"{server.url}/Add_events")
    wait_app_idle(page)
    upload(page, "largest.txt", text)
    page.get_by_text("largest.txt").wait_for(timeout=20000)
    type_date(page, "Publication date (required)", "2024-11-05")
    started = time.monotonic()
    page.get_by_role("button", name="Propose events").click()
    other = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    try:  # another user's map loads while this text is read
        other.goto(server.url)
        wait_app_idle(other, timeout_ms=120000)
        wait_map(other, timeout=120, cmShown="1")
        other_loaded = time.monotonic() - started
    finally:
        other.context.close()
    # A ceiling: 63 s on an idle CI machine; over 300 s with the machine loaded 20-39 times over.
    page.get_by_text("proposed event").wait_for(timeout=480_000)
    took = time.monotonic() - started
    assert "Traceback" not in page.locator("[data-testid=stMain]").inner_text()
    print(f"\nlargest accepted upload ({review.MAX_TEXT_BYTES:,} bytes): proposals after {took:.1f} s; "
          f"another session's map drawn {other_loaded:.1f} s after the click")


def test_upload_one_byte_above_the_page_limit_is_refused(server, page):
    page.goto(f"{server.url}/Add_events")
    wait_app_idle(page)
    upload(page, "big.txt", b"a" * (review.MAX_TEXT_BYTES + 1))
    page.get_by_text("File must be 1.0MB or smaller.").wait_for(timeout=20000, state="attached")
    page.get_by_role("button", name="Propose events").click()
    page.locator("[data-testid=stAlertContentError]").first.wait_for(timeout=60000)  # the click's own rerun
    wait_app_idle(page)
    assert "proposed event" not in page.locator("[data-testid=stMain]").inner_text()
    assert not any("/_stcore/upload_file" in url for url in page.watch.requests)


def test_unexpected_exception_shows_no_traceback(tmp_path, page):
    """A script that fails, served with the project's .streamlit/config.toml: only Streamlit's generic message."""
    script = tmp_path / "fails.py"
    script.write_text('raise RuntimeError("secret-detail in /home/someone/events.csv")\n', encoding="utf-8")
    server = StreamlitServer({}, script=str(script))
    try:
        page.goto(server.url)
        wait_app_idle(page)
        page.get_by_text(GENERIC).wait_for(timeout=APP_TIMEOUT_MS)
        shown = page.locator("[data-testid=stApp]").inner_text()
    finally:
        server.stop()
    assert "secret-detail" not in shown and "Traceback" not in shown and "RuntimeError" not in shown


def test_broken_geodata_in_the_near_filter_shows_no_traceback(tmp_path, page):
    """The near-a-place filter with its gazetteer missing: nothing of the exception reaches the page."""
    events = write_events(tmp_path / "events.csv", [row(event_id_cnty="N-1")])
    server = StreamlitServer({"CONFLICTMAP_EVENTS": str(events), "CONFLICTMAP_GEODATA": str(tmp_path / "missing")})
    try:
        page.goto(f"{server.url}/?near=Kyiv")
        wait_app_idle(page)
        shown = page.locator("[data-testid=stApp]").inner_text()
    finally:
        server.stop()
    # The events file's own path is said under the Dataset box on purpose; the missing gazetteer's path is not.
    assert "Traceback" not in shown and "GeodataError" not in shown
    assert str(tmp_path / "missing") not in shown
    assert "The gazetteer data cannot be read, so 'near' is off." in shown
