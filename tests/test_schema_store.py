"""Loading and validating events files: bad rows are reported by line and reason, good rows survive."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from conflictmap.schema import COLUMNS, safe_urls
from conflictmap.store import EventsFileError, load_events, save_events
from tests.helpers import row, write_events


def test_valid_rows_load_typed(tmp_path):
    path = write_events(tmp_path / "e.csv", [row(), row(event_id_cnty="T-2", fatalities="3", injuries="")])
    result = load_events(path)
    assert result.problems == []
    ev = result.events
    assert list(ev.columns) == COLUMNS
    assert ev["event_date"].iloc[0] == pd.Timestamp("2024-11-03")
    assert ev["fatalities"].iloc[1] == 3
    assert pd.isna(ev["fatalities"].iloc[0]), "blank fatalities must stay unknown, not become 0"
    assert pd.isna(ev["injuries"].iloc[1])
    assert ev["latitude"].iloc[0] == 50.0


@pytest.mark.parametrize(
    "changes, column, reason",
    [
        ({"event_date": "2024-02-31"}, "event_date", "not a date"),
        ({"event_date": "03/11/2024"}, "event_date", "not a date"),
        ({"event_date": ""}, "event_date", "missing date"),
        ({"latitude": "95"}, "latitude", "not a number in -90.0..90.0"),
        ({"longitude": "east"}, "longitude", "not a number"),
        ({"event_type": "Skirmish"}, "event_type", "unknown event type"),
        ({"sub_event_type": "Armed clash"}, "sub_event_type", "is not a sub-event type"),
        ({"fatalities": "-2"}, "fatalities", "whole number"),
        ({"fatalities": "2.5"}, "fatalities", "whole number"),
        ({"geo_precision": "5"}, "geo_precision", "whole number in 1..4"),
        ({"source": ""}, "source", "no source"),
        ({"latitude": ""}, "latitude", "both be given"),
        ({"event_id_cnty": ""}, "event_id_cnty", "missing event id"),
        ({"disorder_type": "Skirmishes"}, "disorder_type", "unknown disorder type"),
    ],
)
def test_bad_row_reported_with_line_and_reason_others_kept(tmp_path, changes, column, reason):
    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A"), row(**{"event_id_cnty": "B", **changes}),
                                             row(event_id_cnty="C")])
    result = load_events(path)
    assert list(result.events["event_id_cnty"]) == ["A", "C"]
    assert len(result.errors) == 1
    problem = result.errors[0]
    assert problem.line == 3 and problem.column == column
    assert reason in problem.reason


def test_line_numbers_count_physical_lines_with_multiline_notes(tmp_path):
    rows = [row(event_id_cnty="A", notes="first line\nsecond line\nthird"), row(event_id_cnty="B", latitude="x")]
    result = load_events(write_events(tmp_path / "e.csv", rows))
    assert [p.line for p in result.errors] == [5]


def test_duplicate_ids_and_wrong_field_counts(tmp_path):
    path = tmp_path / "e.csv"
    text = write_events(path, [row(event_id_cnty="A"), row(event_id_cnty="A")]).read_text()
    path.write_text(text + "only,three,fields\n")
    result = load_events(path)
    assert len(result.events) == 1
    reasons = {p.line: p.reason for p in result.errors}
    assert "duplicate event id" in reasons[3]
    assert "3 fields where the header has" in reasons[4]
    assert result.rows_read == 3


def test_non_http_links_are_dropped_with_a_warning_and_row_kept(tmp_path):
    urls = "https://example.org/a javascript:alert(1) data:text/html,x http://example.org/b"
    result = load_events(write_events(tmp_path / "e.csv", [row(source_url=urls)]))
    assert len(result.events) == 1
    assert result.events["source_url"].iloc[0] == "https://example.org/a http://example.org/b"
    assert [p.severity for p in result.problems] == ["warning"]
    assert safe_urls("javascript:alert(1)") == []


def test_whole_file_problems_raise_clear_errors(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(EventsFileError, match="empty"):
        load_events(empty)
    other = tmp_path / "other.csv"
    other.write_text("name,value\na,1\n")
    with pytest.raises(EventsFileError, match="missing column"):
        load_events(other)
    with pytest.raises(EventsFileError, match="cannot read"):
        load_events(tmp_path / "absent.csv")


def test_invalid_utf8_row_reported_others_load(tmp_path):
    """A UTF-8 file (its other rows hold UTF-8 text) with a damaged byte: that row is reported, not re-decoded."""
    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A", notes="Удар по Києву"),
                                             row(event_id_cnty="B", notes="Kyiv")])
    data = path.read_bytes().replace(b"Kyiv", b"K\xffyiv")
    path.write_bytes(data)
    result = load_events(path)
    assert list(result.events["event_id_cnty"]) == ["A"]
    assert result.errors[0].line == 3 and "UTF-8" in result.errors[0].reason


def test_round_trip_keeps_values(tmp_path):
    rows = [row(event_id_cnty="A", fatalities="0", injuries="15", notes='quote " and, comma'),
            row(event_id_cnty="B", latitude="", longitude="", geo_precision="")]
    first = load_events(write_events(tmp_path / "e.csv", rows)).events
    save_events(tmp_path / "f.csv", first)
    second = load_events(tmp_path / "f.csv").events
    pd.testing.assert_frame_equal(first, second)
    assert second["fatalities"].iloc[0] == 0


def test_bundled_events_file_is_valid_and_sourced():
    result = load_events("events.csv")
    assert result.problems == []
    ev = result.events
    assert len(ev) >= 7
    assert (ev["source"] != "").all() and (ev["origin"] != "").all()
    kursk_claim = ev[ev["claimed_by"].str.contains("Ministry of Defence of Russia")]
    assert len(kursk_claim) == 1


def test_validate_command_exit_status(tmp_path):
    good = write_events(tmp_path / "good.csv", [row()])
    bad = write_events(tmp_path / "bad.csv", [row(), row(event_id_cnty="X", event_date="yesterday")])
    ok = subprocess.run([sys.executable, "-m", "conflictmap", "validate", str(good)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    failed = subprocess.run([sys.executable, "-m", "conflictmap", "validate", str(bad)], capture_output=True,
                            text=True)
    assert failed.returncode == 1
    assert "line 3 [event_date]" in failed.stdout and "'yesterday' is not a date" in failed.stdout


def test_parquet_cache_returns_the_same_result_and_follows_edits(tmp_path):
    from conflictmap.store import load_events_cached

    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A", fatalities="0"),
                                             row(event_id_cnty="B", event_date="2024-02-31")])
    cache = tmp_path / "cache"
    first = load_events_cached(path, cache)
    assert len(list(cache.glob("*.parquet"))) == 1
    again = load_events_cached(path, cache)
    pd.testing.assert_frame_equal(first.events, again.events)
    assert again.problems == first.problems and again.rows_read == 2
    assert again.events["fatalities"].iloc[0] == 0
    write_events(path, [row(event_id_cnty="C")])
    assert list(load_events_cached(path, cache).events["event_id_cnty"]) == ["C"], "an edited file is re-read"


def test_a_parquet_copy_saved_in_the_background_is_read_back_the_same(tmp_path):
    """The first view does not wait for the Parquet copy: it is saved by a thread, and counts only once whole."""
    from conflictmap.store import cache as parquet_cache

    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A", fatalities="3"),
                                             row(event_id_cnty="A", event_date="2024-02-31")])
    cache = tmp_path / "cache"
    first = parquet_cache.load_events_cached(path, cache, background=True)
    assert list(first.events["event_id_cnty"]) == ["A"] and len(first.problems) == 2
    parquet_cache.wait_for_saves(60)
    assert len(list(cache.glob("*.parquet"))) == 1 and len(list(cache.glob("*.json"))) == 1
    assert not list(cache.glob("*.tmp"))
    again = parquet_cache.load_events_cached(path, cache)
    pd.testing.assert_frame_equal(first.events, again.events)
    assert again.problems == first.problems and again.rows_read == 2


def test_damaged_cache_entry_is_ignored(tmp_path):
    from conflictmap.store import load_events_cached

    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A")])
    cache = tmp_path / "cache"
    load_events_cached(path, cache)
    for entry in cache.glob("*.parquet"):
        entry.write_bytes(b"not parquet")
    assert list(load_events_cached(path, cache).events["event_id_cnty"]) == ["A"]


def test_carriage_return_inside_a_cell_survives_a_save(tmp_path):
    first = load_events(write_events(tmp_path / "e.csv", [row(event_id_cnty="A"), row(event_id_cnty="B")])).events
    first.loc[0, "notes"] = "one\rtwo"
    save_events(tmp_path / "f.csv", first)
    again = load_events(tmp_path / "f.csv")
    assert again.problems == []
    assert list(again.events["notes"]) == ["one\rtwo", "A test event."]


def test_abandoned_temporary_files_are_removed_by_the_next_save(tmp_path):
    import os
    import time

    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A")])
    old = tmp_path / ".e.csv.killed.tmp"
    old.write_text("half a file")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    fresh = tmp_path / ".e.csv.inflight.tmp"
    fresh.write_text("another writer's file")
    save_events(path, load_events(path).events)
    assert not old.exists() and fresh.exists(), "only abandoned temporaries go; a running save's file stays"


def test_a_parquet_copy_is_read_column_by_column_as_asked_and_whole_the_same(tmp_path):
    """A warm start reads the columns a page asks for (CachedResult.frame), every column when `events` is asked:
    the same values, types and order as the parse, whichever was read first."""
    from conflictmap.store import load_events_cached
    from conflictmap.store.cache import CachedResult

    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A", fatalities="0", notes="first"),
                                             row(event_id_cnty="B", event_date_end="2024-11-03", notes="second"),
                                             row(event_id_cnty="C", event_date="2024-02-31")])
    cache = tmp_path / "cache"
    parsed = load_events_cached(path, cache)
    again = load_events_cached(path, cache)
    assert isinstance(again, CachedResult) and again.problems == parsed.problems and again.rows_read == 3
    some = again.frame(["latitude", "event_date_end", "event_id_cnty"])
    pd.testing.assert_frame_equal(some, parsed.events[["latitude", "event_date_end", "event_id_cnty"]])
    assert again.read_columns() == ["event_id_cnty", "latitude", "event_date_end"], "only those read"
    pd.testing.assert_frame_equal(again.events, parsed.events)
    pd.testing.assert_frame_equal(again.frame(["notes"]), parsed.events[["notes"]])


def test_a_parquet_copy_removed_or_damaged_after_it_was_found_gives_the_same_version_or_an_error(tmp_path):
    """The columns a page asks for later come from the version the first ones came from: the entry's file is held
    open (another process may prune or replace it), a damaged one is parsed again from the file, and a file edited
    meanwhile is an error, never a mix of two versions."""
    from conflictmap.store import load_events_cached

    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A", notes="kept"), row(event_id_cnty="B")])
    cache = tmp_path / "cache"
    parsed = load_events_cached(path, cache)
    entry = next(cache.glob("*.parquet"))

    removed = load_events_cached(path, cache)
    removed.frame(["event_id_cnty"])
    entry.rename(tmp_path / "elsewhere.parquet")
    pd.testing.assert_frame_equal(removed.events, parsed.events)
    (tmp_path / "elsewhere.parquet").rename(entry)

    damaged = load_events_cached(path, cache)
    damaged.frame(["event_id_cnty"])
    data = bytearray(entry.read_bytes())
    with entry.open("r+b") as f:  # the same file, overwritten where the pages of the columns are
        f.write(bytes(len(data) // 2))
    pd.testing.assert_frame_equal(damaged.events, parsed.events)

    entry.unlink()
    load_events_cached(path, cache)  # a whole entry again
    edited = load_events_cached(path, cache)
    edited.frame(["event_id_cnty"])
    with next(cache.glob("*.parquet")).open("r+b") as f:
        f.write(bytes(len(data) // 2))
    write_events(path, [row(event_id_cnty="A", notes="changed"), row(event_id_cnty="B")])
    with pytest.raises(EventsFileError, match="changed"):
        edited.events


def test_a_range_of_rows_of_a_parquet_copy_is_read_alone_and_is_the_parse(tmp_path, monkeypatch):
    """CachedResult.rows: the popup texts a restart finds missing are written from their rows only (not every
    column of every row); across row groups or within one, the rows are the parse's, whatever was read before."""
    from conflictmap.store import cache as parquet_cache

    monkeypatch.setattr(parquet_cache, "ROW_GROUP", 2)
    path = write_events(tmp_path / "e.csv", [row(event_id_cnty=f"R{i}", notes=f"note {i}", fatalities=str(i))
                                             for i in range(7)])
    cache = tmp_path / "cache"
    parsed = parquet_cache.load_events_cached(path, cache).events
    again = parquet_cache.load_events_cached(path, cache)
    assert again._source.metadata.num_row_groups == 4 and parquet_cache.event_count(again) == 7
    columns = ["notes", "event_id_cnty", "fatalities"]
    for start, stop in ((0, 2), (1, 6), (5, 7), (6, 7)):
        pd.testing.assert_frame_equal(again.rows(start, stop, columns),
                                      parsed.iloc[start:stop][columns].reset_index(drop=True))
    assert again.read_columns() == [], "no whole column read"
    again.events
    pd.testing.assert_frame_equal(again.rows(1, 6, columns), parsed.iloc[1:6][columns].reset_index(drop=True))
