"""Files opened from the sidebar (conflictmap.dataset_files): checked as `validate` checks them, kept whole and
atomically in the datasets folder, or refused with their errors by line and nothing written."""
from __future__ import annotations

import pytest

from conflictmap.csvio import StoreIOError
from conflictmap.dataset_files import RefusedFile, file_name, open_file, opened_files
from conflictmap.store import load_events_cached
from tests.helpers import row, write_events


def events_bytes(tmp_path, rows, name="source.csv") -> bytes:
    return write_events(tmp_path / name, rows).read_bytes()


def test_a_valid_file_is_kept_whole_under_its_name_and_listed(tmp_path):
    folder = tmp_path / "datasets"
    data = events_bytes(tmp_path, [row(event_id_cnty=f"E{i}") for i in range(3)])
    opened = open_file("Kharkiv week.csv", data, folder=folder)
    assert (opened.path, opened.events) == (folder / "Kharkiv week.csv", 3)
    assert opened.path.read_bytes() == data
    assert opened_files(folder) == [opened.path]
    assert open_file("Kharkiv week.csv", data, folder=folder).path == opened.path, "the same file is not copied twice"
    other = events_bytes(tmp_path, [row(event_id_cnty="OTHER")], "other.csv")
    assert open_file("Kharkiv week.csv", other, folder=folder).path == folder / "Kharkiv week (2).csv"
    assert [p.name for p in opened_files(folder)] == ["Kharkiv week (2).csv", "Kharkiv week.csv"]


def test_a_file_with_errors_is_refused_by_line_and_nothing_is_written(tmp_path):
    folder = tmp_path / "datasets"
    data = events_bytes(tmp_path, [row(event_id_cnty="OK"), row(event_id_cnty="BAD", event_date="2024-02-30")])
    with pytest.raises(RefusedFile) as refused:
        open_file("bad.csv", data, folder=folder)
    assert "1 row of 2 has an error. Nothing was saved" in str(refused.value)
    assert [str(p) for p in refused.value.problems] == ["line 3 [event_date]: '2024-02-30' is not a date YYYY-MM-DD"]
    with pytest.raises(RefusedFile, match="notes.csv is not an events file: missing column"):
        open_file("notes.csv", b"title,text\na,b\n", folder=folder)
    with pytest.raises(RefusedFile, match="holds no event"):
        open_file("empty.csv", events_bytes(tmp_path, [], "empty.csv"), folder=folder)
    assert not folder.exists()


def test_nothing_is_written_in_read_only_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_READONLY", "1")
    with pytest.raises(StoreIOError, match="read-only"):
        open_file("e.csv", events_bytes(tmp_path, [row()]), folder=tmp_path / "datasets")
    assert not (tmp_path / "datasets").exists()


def test_a_file_is_kept_under_a_plain_name():
    assert file_name("../../etc/passwd") == "passwd.csv"
    assert file_name("Харків <script>.CSV") == "Харків _script_.CSV"
    assert file_name("...") == "events.csv"


def test_an_opened_file_is_parsed_once_its_check_is_what_the_pages_read_back(tmp_path, monkeypatch):
    """Newcomer trial 9 saw the progress bar fill twice for one upload: the check parsed the file, then the page
    parsed it again. The check's parse is kept as the kept file's cache entry, which the page reads back."""
    monkeypatch.setenv("CONFLICTMAP_CACHE", str(tmp_path / "cache"))
    rows = [row(event_id_cnty=f"E{i}") for i in range(3)] + [row(event_id_cnty="E3", source_url="ftp://x")]
    data = events_bytes(tmp_path, rows)
    steps = []
    opened = open_file("week.csv", data, folder=tmp_path / "datasets", progress=lambda *step: steps.append(step[0]))
    assert steps[-1] == "saving a parsed copy" and "checking rows" in steps
    shown = []
    result = load_events_cached(opened.path, progress=lambda *step: shown.append(step[0]))
    assert shown == [], "read back, not parsed again"
    assert list(result.events["event_id_cnty"]) == ["E0", "E1", "E2", "E3"]
    assert [str(p) for p in result.problems] == [str(p) for p in opened.warnings] != []
