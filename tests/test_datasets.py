"""ui/datasets: a file is parsed once per version, by a thread of its own, whatever happens to the pages waiting."""
from __future__ import annotations

import threading

import pytest

from tests.helpers import row, write_events


class ScriptStopped(Exception):
    """What Streamlit raises in a page's script at its next element when the reader changes something."""


def test_a_page_stopped_while_its_file_is_parsed_does_not_throw_the_parse_away(tmp_path, monkeypatch,
                                                                                clear_streamlit_caches):
    from ui import datasets

    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="D1"), row(event_id_cnty="D2")])
    choice = datasets.DatasetChoice("events", "Events", path)
    parse, calls, go_on = datasets._parse, [], threading.Event()

    def slow_parse(path, identity, progress):
        calls.append(path)
        progress("reading the file", 1, 2)
        assert go_on.wait(60)
        return parse(path, identity, progress)

    def stopped(*args):
        raise ScriptStopped

    monkeypatch.setattr(datasets, "_parse", slow_parse)
    monkeypatch.setattr(datasets, "show_step", stopped)
    with pytest.raises(ScriptStopped):
        datasets.load(choice)  # the page draws the step, and is stopped there
    go_on.set()
    monkeypatch.setattr(datasets, "show_step", lambda *args: None)
    loaded = datasets.load(choice)  # the rerun waits for the same parse
    assert list(loaded.result.events["event_id_cnty"]) == ["D1", "D2"]
    assert calls == [str(path)], "parsed once"
    assert datasets.load(choice) is loaded


def test_a_page_waiting_for_a_parse_that_has_reported_no_step_shows_its_progress_at_once(
        tmp_path, monkeypatch, clear_streamlit_caches):
    """Trial 10: reading a parsed copy back reports no step until "summarising", and the page stood blank (the
    previous dataset's figures hidden) until then. The bar is drawn as soon as the page waits."""
    from ui import datasets

    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="D1")])
    parse, shown, drawn = datasets._parse, [], threading.Event()

    def quiet_parse(path, identity, progress):
        assert drawn.wait(20), "the page showed nothing while it waited"
        return parse(path, identity, lambda *step: None)

    def show(bar, *step):
        shown.append(step)
        drawn.set()

    monkeypatch.setattr(datasets, "_parse", quiet_parse)
    monkeypatch.setattr(datasets, "show_step", show)
    loaded = datasets.load(datasets.DatasetChoice("events", "Events", path))
    assert list(loaded.events["event_id_cnty"]) == ["D1"]
    assert shown == [("reading the file", 0, 0)]


def test_a_file_that_is_no_events_file_is_said_so_and_tried_again_next_time(tmp_path, clear_streamlit_caches):
    from conflictmap.store import EventsFileError
    from ui import datasets

    path = tmp_path / "events.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    choice = datasets.DatasetChoice("events", "Events", path)
    for _ in range(2):
        with pytest.raises(EventsFileError, match="missing column"):
            datasets.load(choice)


def test_the_coordinate_check_starts_when_the_rows_are_read_and_its_answer_is_the_check_of_every_row(
        tmp_path, monkeypatch, clear_streamlit_caches):
    """The check of every row's coordinates (misplaced_events) must not wait for the page to ask, after the map:
    it runs beside the rest of the first view. The page's answer is still the whole check, once per version."""
    from conflictmap.geocoding.plausibility import misplaced_events
    from ui import datasets

    path = write_events(tmp_path / "events.csv", [
        row(event_id_cnty="OK", admin1="Kharkiv", latitude="49.99", longitude="36.23"),
        row(event_id_cnty="ZERO", admin1="Kharkiv", latitude="0", longitude="0"),
    ])
    started, calls = threading.Event(), []

    def check(events):
        calls.append(len(events))
        started.set()
        return misplaced_events(events)

    monkeypatch.setattr(datasets, "misplaced_events", check)
    loaded = datasets.load(datasets.DatasetChoice("events", "Events", path))
    assert started.wait(60), "started without the page asking"
    found = datasets.misplaced(loaded)
    assert found["event_id_cnty"].tolist() == ["ZERO"] and "0, 0" in found["reason"].iat[0]
    assert datasets.misplaced(datasets.load(datasets.DatasetChoice("events", "Events", path))) is found
    assert calls == [2], "checked once"


class _Bar:
    """Records what st.progress would draw."""

    def __init__(self):
        self.values = []

    def progress(self, value, text):
        self.values.append(value)


def test_an_opened_files_progress_bar_only_moves_forward(tmp_path):
    """The check of a file opened from the sidebar reports "saving a parsed copy" last (its parse kept for the
    page); a step the bar did not know drew it back at the start, as the double fill trial 9 saw."""
    from conflictmap.dataset_files import open_file
    from ui import datasets

    data = write_events(tmp_path / "source.csv", [row(event_id_cnty=f"P{i}") for i in range(3)]).read_bytes()
    bar = _Bar()
    open_file("p.csv", data, folder=tmp_path / "datasets", progress=lambda *step: datasets.show_step(bar, *step))
    assert len(bar.values) >= 3
    assert bar.values == sorted(bar.values), bar.values


def test_a_warm_start_reads_the_maps_columns_only_and_every_page_still_shows_every_column(
        tmp_path, monkeypatch, clear_streamlit_caches):
    """After a restart the map's first view reads only datasets.FIRST_VIEW_COLUMNS of the file's Parquet copy (at
    3,000,000 events the rest is most of the bytes); a search, the table and `events` then read the other columns,
    and every one is the file's own value."""
    import pandas as pd
    from streamlit.testing.v1 import AppTest

    from conflictmap.mapdata import publish
    from conflictmap.schema import COLUMNS
    from conflictmap.store import dataset_identity, load_events, load_events_cached
    from conflictmap.store.cache import CachedResult
    from tests.conftest import ROOT
    from ui import datasets

    path = write_events(tmp_path / "events.csv", [
        row(event_id_cnty="W1", notes="shelling near the bridge", actor1="Actor one", source="Local paper"),
        row(event_id_cnty="W2", notes="a drone over the river", source_url="https://example.org/w2", fatalities="3"),
        row(event_id_cnty="W3", event_date="2024-10-01", notes="a quiet day", claimed_by="Side A"),
    ])
    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(path))
    # what an earlier server left: the Parquet copy and the browser files, popup texts and all
    publish(load_events_cached(path).events, dataset_identity(path), background=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    loaded = datasets.load(datasets.DatasetChoice("events", "Events", path))
    assert isinstance(loaded.result, CachedResult)
    # the map's columns, and those of the coordinate check (its answer was not kept by this earlier server)
    read = {*datasets.FIRST_VIEW_COLUMNS, *datasets.CHECK_COLUMNS}
    assert loaded.result.read_columns() == [c for c in COLUMNS if c in read]
    assert at.metric[0].value == "3" and at.metric[1].value == "3"

    at.text_input(key="q").input("river").run()  # a search reads the notes
    assert not at.exception and at.metric[0].value == "1"
    at.switch_page("pages/2_Events_table.py").run()
    table = at.dataframe[0].value
    assert table["event_id_cnty"].tolist() == ["W2"] and table["notes"].tolist() == ["a drone over the river"]
    at.text_input(key="q").set_value("").run()
    table = at.dataframe[0].value.set_index("event_id_cnty")
    assert table.loc["W1", "actor1"] == "Actor one" and table.loc["W1", "source"] == "Local paper"
    assert table.loc["W3", "claimed_by"] == "Side A"
    pd.testing.assert_frame_equal(loaded.events, load_events(path).events)


def test_a_warm_start_reads_its_summary_and_check_kept_beside_the_parquet_copy_and_sends_the_map_before_the_rows(
        tmp_path, monkeypatch):
    """After a restart the first view's summary (the filter's facets, the map's box) and the coordinate check's
    answer are read from beside the file's Parquet copy, not computed again over every row, and the dataset (and
    its published map files) is there before its rows are read: the map is sent meanwhile. Each holds for its own
    version only: an edited file, or another version of the check, is computed again."""
    import pandas as pd

    from conflictmap.schema import COLUMNS
    from conflictmap.store import dataset_identity
    from conflictmap.store.cache import CachedResult, wait_for_saves
    from ui import datasets

    path = write_events(tmp_path / "events.csv", [
        row(event_id_cnty="K1", admin1="Kharkiv", latitude="49.99", longitude="36.23"),
        row(event_id_cnty="K2", event_type="Battles", sub_event_type="Armed clash", event_date="2024-03-02"),
        row(event_id_cnty="ZERO", admin1="Kharkiv", latitude="0", longitude="0", event_date_end="2024-12-30"),
    ])
    quiet = lambda *step: None  # noqa: E731
    cold = datasets._parse(str(path), dataset_identity(path), quiet)
    cold_published, cold_check = datasets.published(cold), datasets.misplaced(cold)
    assert cold_check["event_id_cnty"].tolist() == ["ZERO"]
    wait_for_saves(60)

    def recomputed(*args):
        raise AssertionError("computed again over every row")

    for name in ("facets", "data_bounds", "misplaced_events"):
        monkeypatch.setattr(datasets, name, recomputed)
    release, frame = threading.Event(), CachedResult.frame

    def held(self, columns):
        assert release.wait(60)
        return frame(self, columns)

    monkeypatch.setattr(CachedResult, "frame", held)
    try:
        warm = datasets._parse(str(path), dataset_identity(path), quiet)  # returns while the rows are held
        assert isinstance(warm.result, CachedResult) and warm.result.read_columns() == []
        assert (warm.facets, warm.map_bounds, warm.n) == (cold.facets, cold.map_bounds, 3)
        assert datasets.published(warm) == cold_published
        assert not warm.first_view_read.done()
    finally:
        release.set()
    pd.testing.assert_frame_equal(warm.first_view, cold.first_view)
    pd.testing.assert_frame_equal(datasets.misplaced(warm), cold_check)
    assert warm.result.read_columns() == [c for c in COLUMNS if c in datasets.FIRST_VIEW_COLUMNS]

    monkeypatch.setattr(datasets, "check_version", lambda: "another gazetteer")
    checked = []
    monkeypatch.setattr(datasets, "misplaced_events", lambda events: checked.append(len(events)) or cold_check)
    datasets.misplaced(datasets._parse(str(path), dataset_identity(path), quiet))
    assert checked == [3], "a check kept for another version of the gazetteer is made again"

    monkeypatch.undo()
    write_events(path, [row(event_id_cnty="E1", event_type="Riots", sub_event_type="Mob violence",
                            event_date="2023-05-06")])
    edited = datasets._parse(str(path), dataset_identity(path), quiet)
    assert edited.facets.event_types == ("Riots",) and edited.facets.date_range[0].isoformat() == "2023-05-06"
    assert datasets.misplaced(edited).empty and edited.first_view["event_id_cnty"].tolist() == ["E1"]
