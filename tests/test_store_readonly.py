"""Read-only mode (issue 10.6): a dashboard served beyond this computer, or run with CONFLICTMAP_READONLY=1, hides
the Add events page and refuses every write path in the store itself, whatever a page shows."""
from __future__ import annotations

import subprocess
import sys

import pytest
import streamlit.config
from streamlit.testing.v1 import AppTest

from conflictmap.store import CsvEventStore, EventsFileError, StoreIOError, access, save_events
from conflictmap.store import readonly as access_module
from tests.conftest import ROOT
from tests.helpers import row, write_events
from tests.review_support import events
from tests.test_import_acled import CURRENT_LAYOUT, made_up_row, write_csv

ADD_PAGE = str(ROOT / "pages" / "3_Add_events.py")


@pytest.mark.parametrize("environ, served_on, writable", [
    ({}, access_module._NOT_SERVING, True),  # the command line
    ({}, "127.0.0.1", True), ({}, "localhost", True), ({}, "::1", True),
    ({}, "0.0.0.0", False), ({}, "", False), ({}, "192.0.2.10", False),  # "" = every interface
    ({"CONFLICTMAP_WRITABLE": "1"}, "0.0.0.0", True),
    ({"CONFLICTMAP_READONLY": "1"}, "127.0.0.1", False),
    ({"CONFLICTMAP_READONLY": "1"}, access_module._NOT_SERVING, False),
    ({"CONFLICTMAP_READONLY": "1", "CONFLICTMAP_WRITABLE": "1"}, "127.0.0.1", False),  # read-only wins
    ({"CONFLICTMAP_READONLY": "0"}, "127.0.0.1", True),
])
def test_who_may_write(environ, served_on, writable):
    assert access(environ, served_on).writable is writable


def test_the_reason_says_how_to_allow_writing():
    assert access({}, "0.0.0.0").why == (
        "this dashboard is served beyond this computer (server.address 0.0.0.0) and is read-only there; set "
        "CONFLICTMAP_WRITABLE=1 to let everyone who can open it save events")


@pytest.fixture
def read_only(monkeypatch, tmp_path):
    monkeypatch.setenv("CONFLICTMAP_READONLY", "1")
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A")])
    return path


@pytest.mark.parametrize("write", [
    lambda p: CsvEventStore(p).append(events(row(event_id_cnty="B"))),
    lambda p: CsvEventStore(p).update({"A": {"notes": "changed"}}),
    lambda p: CsvEventStore(p).rewrite(lambda current: current),
    lambda p: save_events(p, events(row(event_id_cnty="B"))),
    lambda p: CsvEventStore(p.with_name("new.csv")).append(events(row(event_id_cnty="B"))),
], ids=["append", "update", "rewrite", "save_events", "create"])
def test_every_store_write_is_refused_in_read_only_mode(read_only, write):
    before = read_only.read_bytes()
    with pytest.raises(StoreIOError) as refused:
        write(read_only)
    assert isinstance(refused.value, EventsFileError) and refused.value.action == "read-only"
    assert str(refused.value).endswith("this conflictmap is read-only (CONFLICTMAP_READONLY is set), so nothing "
                                       "was saved")
    assert read_only.read_bytes() == before and sorted(p.name for p in read_only.parent.iterdir()) == ["events.csv"]


@pytest.mark.parametrize("command", [["place", "{events}"], ["import", "acled", "{acled}", "--out", "{events}"]],
                         ids=["place", "import --out"])
def test_the_commands_that_write_refuse_in_read_only_mode(read_only, command):
    acled = write_csv(read_only.with_name("acled.csv"), CURRENT_LAYOUT, [made_up_row(1)])
    args = [part.format(events=read_only, acled=acled) for part in command]
    before = read_only.read_bytes()
    done = subprocess.run([sys.executable, "-m", "conflictmap", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (f"cannot save to {read_only}: this conflictmap is read-only "
                                                     "(CONFLICTMAP_READONLY is set), so nothing was saved")
    assert read_only.read_bytes() == before


@pytest.fixture
def served_on(monkeypatch, tmp_path, clear_streamlit_caches):
    """Run the app as if `streamlit run --server.address ADDRESS`; the process's record is restored afterwards."""
    monkeypatch.setattr(access_module, "_served_on", access_module._served_on)
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(write_events(tmp_path / "events.csv", [row()])))
    before = streamlit.config.get_option("server.address")

    def serve(address: str) -> AppTest:
        streamlit.config.set_option("server.address", address)
        return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()

    yield serve
    streamlit.config.set_option("server.address", before)


def test_a_dashboard_served_beyond_this_computer_has_no_add_page(served_on):
    at = served_on("0.0.0.0")
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page") as missing:
        at.switch_page(ADD_PAGE)
    assert "0_Map.py" in str(missing.value) and "2_Events_table.py" in str(missing.value)


def test_writing_can_be_allowed_explicitly(served_on, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_WRITABLE", "1")
    at = served_on("0.0.0.0").switch_page(ADD_PAGE).run()
    assert not at.exception and at.text_area(key="text")


def test_the_add_page_run_directly_in_read_only_mode_offers_nothing_to_save(served_on, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_READONLY", "1")
    served_on("127.0.0.1")
    at = AppTest.from_file(ADD_PAGE, default_timeout=60).run()
    assert not at.exception and not at.text_area and not at.button
    assert at.info[0].value.replace("\\", "") == (
        "Adding events is off here: this conflictmap is read-only (CONFLICTMAP_READONLY is set).")


def test_the_add_page_opened_first_on_a_served_dashboard_is_read_only(served_on, monkeypatch):
    """A fresh session whose first address is /Add_events runs the page before dashboard.py has said where it is
    served: the page says it itself, so a public dashboard is never writable for a moment."""
    monkeypatch.setattr(access_module, "_served_on", access_module._NOT_SERVING)
    streamlit.config.set_option("server.address", "0.0.0.0")
    at = AppTest.from_file(ADD_PAGE, default_timeout=60).run()
    assert not at.exception and not at.text_area and not at.button
    assert at.info[0].value.replace("\\", "").startswith("Adding events is off here: this dashboard is served beyond")

