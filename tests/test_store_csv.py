"""The CSV backend of the events store: one transaction per save, every record it does not change kept byte for byte."""
from __future__ import annotations

import threading

import pandas as pd
import pytest

from conflictmap.schema import COLUMNS
from conflictmap.store import Changes, CsvEventStore, EventsFileError, SaveResult, load_events
from tests.helpers import csv_text, row, write_events
from tests.review_support import events


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
    done = CsvEventStore(messy_file).update({"T1": {"notes": "After, with a comma.",
                                                    "source": "Test Wire; Other Wire"}})
    assert done.updated == ("T1",) and done.added == ()
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
    CsvEventStore(messy_file).update({"MULTI": {"fatalities": "2"}, "LAST": {"injuries": "1"}, "CRLF": {"notes": "x"}})
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
        CsvEventStore(messy_file).update({"T1": {"notes": "ok"}, "NOPE": {"notes": "x"}})
    with pytest.raises(EventsFileError, match="no readable event with id 'SHORT'"):
        CsvEventStore(messy_file).update({"SHORT": {"notes": "x"}})
    with pytest.raises(EventsFileError, match=r"'T1' would become invalid: line 9 \[source\]: no source"):
        CsvEventStore(messy_file).update({"LAST": {"notes": "ok"}, "T1": {"source": " "}})
    with pytest.raises(EventsFileError, match="'BAD' would become invalid: line 6 \\[event_date\\]"):
        CsvEventStore(messy_file).update({"BAD": {"notes": "still a bad date"}})
    with pytest.raises(EventsFileError, match="no column 'colour'"):
        CsvEventStore(messy_file).update({"T1": {"colour": "red"}})
    with pytest.raises(EventsFileError, match="id cannot be changed"):
        CsvEventStore(messy_file).update({"T1": {"event_id_cnty": "T2"}})
    assert messy_file.read_bytes() == before
    assert CsvEventStore(messy_file).update({"BAD": {"event_date": "2024-11-03"}}).updated == ("BAD",), (
        "an update may repair a row")
    assert "BAD" in set(load_events(messy_file).events["event_id_cnty"])


def test_a_change_made_since_the_caller_read_the_row_is_refused(messy_file):
    CsvEventStore(messy_file).update({"T1": {"notes": "Someone else's merge."}})
    with pytest.raises(EventsFileError, match="changed in the file since it was read"):
        CsvEventStore(messy_file).update({"T1": {"notes": "Before. Mine."}}, expected={"T1": {"notes": "Before."}})
    assert load_events(messy_file).events.set_index("event_id_cnty").loc["T1", "notes"] == "Someone else's merge."
    CsvEventStore(messy_file).update({"T1": {"notes": "Mine."}}, expected={"T1": {"notes": "Someone else's merge."}})
    assert load_events(messy_file).events.set_index("event_id_cnty").loc["T1", "notes"] == "Mine."


def test_file_with_bytes_that_are_not_utf8_is_not_rewritten(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes((header_line() + record(event_id_cnty="T1")).encode() + record(
        event_id_cnty="LATIN", notes="caf\xe9").encode("latin-1"))
    before = path.read_bytes()
    with pytest.raises(EventsFileError, match="not valid UTF-8 on line"):
        CsvEventStore(path).update({"T1": {"notes": "x"}})
    assert path.read_bytes() == before


def test_byte_order_mark_is_kept(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (header_line() + record(event_id_cnty="T1")).encode())
    CsvEventStore(path).update({"T1": {"notes": "x"}})
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + header_line().encode())


def test_concurrent_updates_and_appends_all_land(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(header_line() + record(event_id_cnty="T1", notes=""), encoding="utf-8")
    rounds = 12

    def updater():
        for k in range(rounds):
            notes = load_events(path).events.set_index("event_id_cnty").loc["T1", "notes"]
            CsvEventStore(path).update({"T1": {"notes": f"{notes} u{k}".strip()}}, expected={"T1": {"notes": notes}})

    def appender():
        for k in range(rounds):
            CsvEventStore(path).append(events(row(event_id_cnty=f"A{k}")))

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


def test_append_adds_new_ids_once_and_keeps_a_backup(tmp_path):
    path = write_events(tmp_path / "e.csv", [row(event_id_cnty="A")])
    before = path.read_bytes()
    new = events(row(event_id_cnty="A"), row(event_id_cnty="B"))
    assert CsvEventStore(path).append(new) == SaveResult(added=("B",), already_stored=("A",))
    assert CsvEventStore(path).append(new) == SaveResult(already_stored=("A", "B"))
    assert list(load_events(path).events["event_id_cnty"]) == ["A", "B"]
    assert (tmp_path / "e.csv.bak").read_bytes() == before
    assert path.read_bytes().startswith(before), "appending must not rewrite the rows already there"


def test_a_save_merges_and_adds_in_one_write(messy_file):
    """The Add page's save: merged cells and new events land together, in one rename (the backup is the file as
    it was before the save, not a half-way state)."""
    before = messy_file.read_bytes()
    changes = Changes(to_add=events(row(event_id_cnty="NEW1"), row(event_id_cnty="NEW2")),
                      updates={"T1": {"notes": "Before. Also reported by B."}}, expected={"T1": {"notes": "Before."}})
    done = CsvEventStore(messy_file).apply(changes)
    assert done == SaveResult(added=("NEW1", "NEW2"), updated=("T1",))
    assert messy_file.with_name("events.csv.bak").read_bytes() == before
    saved = load_events(messy_file).events.set_index("event_id_cnty")
    assert saved.loc["T1", "notes"] == "Before. Also reported by B." and {"NEW1", "NEW2"} <= set(saved.index)
    after = messy_file.read_bytes()
    last = record(event_id_cnty="LAST").rstrip("\n").encode()
    assert after.index(last) < after.index(b"NEW1"), "new events go after every record already there"


@pytest.mark.parametrize("changes, message", [
    (Changes(to_add=events(row(event_id_cnty="NEW")), updates={"T1": {"notes": "x"}},
             expected={"T1": {"notes": "Someone else's."}}), "changed in the file since it was read"),
    (Changes(to_add=events(row(event_id_cnty="NEW")), updates={"GONE": {"notes": "x"}}), "no readable event"),
    (Changes(to_add=events(row(event_id_cnty="NEW")).assign(source=""), updates={"T1": {"notes": "x"}}),
     "'NEW' is not valid"),
])
def test_a_save_is_all_or_nothing(messy_file, changes, message):
    before = messy_file.read_bytes()
    with pytest.raises(EventsFileError, match=message):
        CsvEventStore(messy_file).apply(changes)
    assert messy_file.read_bytes() == before and not messy_file.with_name("events.csv.bak").exists()


def test_a_save_creates_a_missing_file_but_cannot_merge_into_it(tmp_path):
    path = tmp_path / "new" / "events.csv"
    with pytest.raises(EventsFileError, match="does not exist"):
        CsvEventStore(path).apply(Changes(to_add=events(row(event_id_cnty="N")), updates={"X": {"notes": "y"}}))
    assert not path.exists()
    assert CsvEventStore(path).append(events(row(event_id_cnty="N"))).added == ("N",)
    assert list(load_events(path).events["event_id_cnty"]) == ["N"]


def test_appending_to_a_file_with_fewer_columns_adds_them_blank_for_the_old_records(tmp_path):
    """Files written before a column joined the schema: the header gains it at the end and each old record an
    empty cell, every record otherwise unchanged."""
    older = [c for c in COLUMNS if c not in ("claimed_by", "origin")]
    old_rows = [row(event_id_cnty="A", notes="two\nlines"), row(event_id_cnty="BAD", event_date="03/11/2024"),
                row(event_id_cnty="C")]
    path = write_events(tmp_path / "older.csv", old_rows, older)
    before = load_events(path)
    assert CsvEventStore(path).append(events(row(event_id_cnty="NEW", claimed_by="Someone"))).added == ("NEW",)
    header, *records = path.read_text(encoding="utf-8").split("\n")
    assert header == ",".join(older + ["claimed_by", "origin"])
    assert "\n".join(records).startswith(csv_text(old_rows, older).split("\n", 1)[1].replace("\n", ",,\n")
                                         .replace("two,,\n", "two\n"))
    after = load_events(path)
    assert [str(p) for p in after.errors] == [str(p) for p in before.errors] == [
        "line 4 [event_date]: '03/11/2024' is not a date YYYY-MM-DD"]
    assert after.events.set_index("event_id_cnty").loc["NEW", "claimed_by"] == "Someone"
    pd.testing.assert_frame_equal(after.events.iloc[:-1], before.events)


def test_rewrite_refuses_a_file_with_row_errors_and_none_changes_nothing(messy_file, tmp_path):
    before = messy_file.read_bytes()
    with pytest.raises(EventsFileError, match="row error"):
        CsvEventStore(messy_file).rewrite(lambda current: current)
    clean = write_events(tmp_path / "clean.csv", [row(event_id_cnty="A")])
    assert CsvEventStore(clean).rewrite(lambda current: None) is False
    assert CsvEventStore(clean).rewrite(lambda current: current.assign(notes="n")) is True
    assert list(load_events(clean).events["notes"]) == ["n"] and messy_file.read_bytes() == before



@pytest.mark.parametrize("changes", [
    Changes(updates={"T1": {"notes": "After, with a comma."}}),
    Changes(updates={"MULTI": {"fatalities": "2"}, "LAST": {"injuries": "1"}, "CRLF": {"notes": "x\ry"}}),
    Changes(to_add=events(row(event_id_cnty="NEW1"), row(event_id_cnty="T1")),
            updates={"LAST": {"notes": "merged"}}, expected={"LAST": {"notes": "A test event."}}),
], ids=["one merge", "merges across odd records", "merge and add"])
@pytest.mark.parametrize("variant", ["as is", "byte order mark", "CRLF", "damaged bytes"])
def test_the_quick_save_writes_exactly_what_the_exact_reader_path_writes(messy_file, tmp_path, monkeypatch,
                                                                           changes, variant):
    """Saves find merged records by their id instead of parsing the whole file; the result must be byte for byte
    the one of the exact reader's path."""
    from conflictmap.store import csv_store

    data = messy_file.read_bytes()
    data = {"as is": data, "byte order mark": b"\xef\xbb\xbf" + data, "CRLF": data.replace(b"\n", b"\r\n"),
            "damaged bytes": data.replace(b"SHORT,", "Київ,".encode() + b"\xff,")}[variant]
    quick, exact = tmp_path / "quick.csv", tmp_path / "exact.csv"
    quick.write_bytes(data)
    exact.write_bytes(data)
    took, real = [], csv_store._quick_save
    monkeypatch.setattr(csv_store, "_quick_save", lambda *args: took.append(real(*args)) or took[-1])
    done = CsvEventStore(quick).apply(changes)
    assert took and took[0] is not None, "this file is one the quick save handles"
    monkeypatch.setattr(csv_store, "_quick_save", lambda *args: None)
    assert CsvEventStore(exact).apply(changes) == done
    assert quick.read_bytes() == exact.read_bytes() != data
