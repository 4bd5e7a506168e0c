"""Limits and errors as a user meets them in the app (AppTest): upload and text size limits with a clear
message, hostile text in messages shown literally, and the server configured never to show a traceback."""
from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from conflictmap import review
from conflictmap.dataset_files import MAX_OPEN_MB
from tests.conftest import ROOT
from tests.helpers import row, write_events

PARAGRAPH = "On 4 November 2024 a drone struck a warehouse in Kharkiv, the governor said. "


@pytest.fixture
def events_file(tmp_path, monkeypatch, clear_streamlit_caches):
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A-1")])
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    return path


def add_page() -> AppTest:
    """The Add events page with its required publication date given, so the limits are what is checked."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/3_Add_events.py").run()
    at.date_input(key="published").set_value(dt.date(2024, 11, 5))
    return at


def test_server_configuration_hides_tracebacks_and_limits_uploads():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none", "Streamlit 1.67: full | stacktrace | type | none"
    assert config["server"]["maxUploadSize"] == MAX_OPEN_MB, "the server refuses (413) what is above it"


def test_upload_above_the_limit_is_refused_with_a_clear_message(events_file):
    at = add_page()
    size = review.MAX_TEXT_BYTES + 1
    at.get("file_uploader")[0].set_value(("big.txt", b"a" * size, "text/plain"))
    at.button[0].click().run()
    assert not at.exception
    assert at.error[0].value == (f"The file is {size:,} bytes; the limit is {review.MAX_TEXT_BYTES:,} bytes. "
                                 "Split it into several texts of one report each.")
    assert "review_table" not in at.session_state


def test_pasted_text_above_the_limit_is_refused_with_a_clear_message(events_file):
    at = add_page()
    text = PARAGRAPH * (review.MAX_TEXT_BYTES // len(PARAGRAPH) + 1)
    at.text_area(key="text").input(text)
    at.button[0].click().run()
    assert not at.exception
    assert at.error[0].value.startswith(f"The text is {len(text.encode()):,} bytes; the limit is")


def test_binary_upload_is_refused_not_guessed(events_file):
    at = add_page()
    at.get("file_uploader")[0].set_value(("photo.txt", bytes(range(256)) * 40, "text/plain"))
    at.button[0].click().run()
    assert not at.exception
    assert "not readable text" in at.error[0].value


def test_hostile_file_name_and_query_are_literal_in_messages(tmp_path, monkeypatch, clear_streamlit_caches):
    path = write_events(tmp_path / "x_[a](javascript:alert(1))_<b>.csv",
                        [row(event_id_cnty="G"), row(event_id_cnty="B", event_date="31/02/2024")])
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["event"] = "[x](javascript:alert(1))"
    at.run()
    assert not at.exception
    assert "x\\_\\[a\\]\\(javascript\\:alert\\(1\\)\\)\\_\\<b\\>\\.csv" in at.warning[0].value
    assert "No event \\[x\\]\\(javascript\\:alert\\(1\\)\\)" in at.warning[1].value
