"""store.update_events: rewriting chosen cells of saved events without touching any other record."""
from __future__ import annotations

import threading

import pytest

from conflictmap.schema import COLUMNS
from conflictmap.store import EventsFileError, append_events, load_events, update_events
from tests.helpers import csv_text, row
from tests.test_review import events


def header_line() -> str:
    return ",".join(COLUMNS) + "\n"


def record(**changes) -> str:
    return csv_text([row(**changes)]).split("\n", 1)[1]


@pytest.fixture
def messy_file(tmp_path):
    """A file with a multi-line quoted cell, a CRLF record, an invalid row, a short row and no final newline."""
    path = tmp_path / "events.csv"
    multiline = record(event_id_cnty="MULTI", notes="first line\nsecond line, \"quoted\"\r\nthird")
    crlf = record(event_id_cnty="CRLF").replace("\n", "\r\n")
    invalid = record(event_id_cnty="BAD", event_date="03/11/2024")
    short = "SHORT,2024-11-03,1\n"
    target = record(event_id_cnty="T1", notes="Before.")
    last = record(event_id_cnty="LAST").rstrip("\n")
    path.write_bytes((header_line() + multiline + crlf + invalid + "\n" + short + target + last).encode("utf-8"))
    return path


def test_only_the_named_cells_of_the_named_rows_change(messy_file):
    before = messy_file.read_bytes()
    assert update_events(messy_file, {"T1": {"notes": "After, with a comma.", "source": "Test Wire; Other Wire"}}) == 1
    after = messy_file.read_bytes()
    old_target = record(event_id_cnty="T1", notes="Before.").encode()
    new_target = record(event_id_cnty="T1", notes="After, with a comma.", source="Test Wire; Other Wire").encode()
    assert after == before.replace(old_target, new_target) and after != before
    assert (messy_file.with_name("events.csv.bak")).read_bytes() == before

    loaded = load_events(messy_file)
    saved = loaded.events.set_index("event_id_cnty")
    assert saved.loc["T1", "notes"] == "After, with a comma." and saved.loc["T1", "source"] == "Test Wire; Other Wire"
    assert {(p.line, p.column) for p in loaded.errors} == {(6, "event_date"), (8, "")}


def test_rows_spanning_lines_and_the_last_row_keep_their_line_ends(messy_file):
    before = messy_file.read_bytes().decode("utf-8")
    update_events(messy_file, {"MULTI": {"fatalities": "2"}, "LAST": {"injuries": "1"}, "CRLF": {"notes": "x"}})
    after = messy_file.read_bytes().decode("utf-8")
    assert after.endswith(record(event_id_cnty="LAST", injuries="1").rstrip("\n"))
    assert record(event_id_cnty="CRLF", notes="x").replace("\n", "\r\n") in after
    assert '"first line\nsecond line, ""quoted""\r\nthird","2"' in after, "a cell with CR is written all quoted"
    untouched = [record(event_id_cnty="BAD", event_date="03/11/2024") + "\n", "SHORT,2024-11-03,1\n",
                 record(event_id_cnty="T1", notes="Before.")]
    assert all(piece in before and piece in after for piece in untouched)
    saved = load_events(messy_file).events.set_index("event_id_cnty")
    assert saved.loc["MULTI", "notes"] == "first line\nsecond line, \"quoted\"\r\nthird"
    assert saved.loc["MULTI", "fatalities"] == 2 and saved.loc["LAST", "injuries"] == 1


def test_unknown_or_invalid_updates_are_refused_whole(messy_file):
    before = messy_file.read_bytes()
    with pytest.raises(EventsFileError, match="no readable event with id 'NOPE'"):
        update_events(messy_file, {"T1": {"notes": "ok"}, "NOPE": {"notes": "x"}})
    with pytest.raises(EventsFileError, match="no readable event with id 'SHORT'"):
        update_events(messy_file, {"SHORT": {"notes": "x"}})
    with pytest.raises(EventsFileError, match=r"'T1' would become invalid: line 9 \[source\]: no source"):
        update_events(messy_file, {"LAST": {"notes": "ok"}, "T1": {"source": " "}})
    with pytest.raises(EventsFileError, match="'BAD' would become invalid: line 6 \\[event_date\\]"):
        update_events(messy_file, {"BAD": {"notes": "still a bad date"}})
    with pytest.raises(EventsFileError, match="no column 'colour'"):
        update_events(messy_file, {"T1": {"colour": "red"}})
    with pytest.raises(EventsFileError, match="id cannot be changed"):
        update_events(messy_file, {"T1": {"event_id_cnty": "T2"}})
    assert messy_file.read_bytes() == before
    assert update_events(messy_file, {"BAD": {"event_date": "2024-11-03"}}) == 1, "an update may repair a row"
    assert "BAD" in set(load_events(messy_file).events["event_id_cnty"])


def test_a_change_made_since_the_caller_read_the_row_is_refused(messy_file):
    update_events(messy_file, {"T1": {"notes": "Someone else's merge."}})
    with pytest.raises(EventsFileError, match="changed in the file since it was read"):
        update_events(messy_file, {"T1": {"notes": "Before. Mine."}}, expected={"T1": {"notes": "Before."}})
    assert load_events(messy_file).events.set_index("event_id_cnty").loc["T1", "notes"] == "Someone else's merge."
    update_events(messy_file, {"T1": {"notes": "Mine."}}, expected={"T1": {"notes": "Someone else's merge."}})
    assert load_events(messy_file).events.set_index("event_id_cnty").loc["T1", "notes"] == "Mine."


def test_file_with_bytes_that_are_not_utf8_is_not_rewritten(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes((header_line() + record(event_id_cnty="T1")).encode() + record(
        event_id_cnty="LATIN", notes="caf\xe9").encode("latin-1"))
    before = path.read_bytes()
    with pytest.raises(EventsFileError, match="not valid UTF-8 on line"):
        update_events(path, {"T1": {"notes": "x"}})
    assert path.read_bytes() == before


def test_byte_order_mark_is_kept(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (header_line() + record(event_id_cnty="T1")).encode())
    update_events(path, {"T1": {"notes": "x"}})
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + header_line().encode())


def test_concurrent_updates_and_appends_all_land(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(header_line() + record(event_id_cnty="T1", notes=""), encoding="utf-8")
    rounds = 12

    def updater():
        for k in range(rounds):
            notes = load_events(path).events.set_index("event_id_cnty").loc["T1", "notes"]
            update_events(path, {"T1": {"notes": f"{notes} u{k}".strip()}}, expected={"T1": {"notes": notes}})

    def appender():
        for k in range(rounds):
            append_events(path, events(row(event_id_cnty=f"A{k}")))

    failures = []

    def run(job):
        try:
            job()
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in (updater, appender)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    saved = load_events(path)
    assert not saved.problems
    assert set(saved.events["event_id_cnty"]) == {"T1"} | {f"A{k}" for k in range(rounds)}
    notes = saved.events.set_index("event_id_cnty").loc["T1", "notes"]
    assert notes == " ".join(f"u{k}" for k in range(rounds))
