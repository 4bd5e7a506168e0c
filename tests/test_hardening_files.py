"""Broken files: the events loader and both importers, fuzzed with hypothesis, then the CLI on the same files.

Every input gives either a clean EventsFileError or a result in which each record read is either an event or
has an error naming its line; nothing else escapes, and the file on disk is never changed by reading it.
"""
from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictmap.importers import import_acled, import_ucdp
from conflictmap.importers.ucdp import OPTIONAL_COLUMNS as UCDP_OPTIONAL
from conflictmap.importers.ucdp import REQUIRED_COLUMNS as UCDP_REQUIRED
from conflictmap.schema import COLUMNS
from conflictmap.csvio import MAX_FIELD_CHARS
from conflictmap.store import EventsFileError, events_to_csv, load_events, parse_events_text
from tests.conftest import ROOT
from tests.helpers import csv_text, row

EXAMPLES = 150
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.data_too_large])

ACLED_LAYOUT = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
                "geo_precision", "source", "notes", "fatalities"]
UCDP_LAYOUT = UCDP_REQUIRED + UCDP_OPTIONAL


def events_rows(n: int) -> list[dict[str, str]]:
    return [row(event_id_cnty=f"F-{i}", notes=f"Fuzz note {i}, café, Київ.") for i in range(n)]


def acled_rows(n: int) -> list[dict[str, str]]:
    """ACLED-shaped rows invented for the tests (no real event)."""
    return [{"event_id_cnty": f"TEST{i}", "event_date": "16 February 2024", "year": "2024", "time_precision": "1",
             "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
             "actor1": "Test actor A", "actor2": "Test actor B", "country": "Testland", "admin1": "Test Oblast",
             "location": f"Test place {i}", "latitude": "47.5", "longitude": "35.25", "geo_precision": "1",
             "source": "Test Outlet", "notes": f"Test note {i}, Київ.", "fatalities": str(i % 3)} for i in range(n)]


def ucdp_rows(n: int) -> list[dict[str, str]]:
    """UCDP GED-shaped rows invented for the tests (no real event)."""
    return [{"id": str(900000 + i), "relid": f"TEST-{i}", "year": "2022", "type_of_violence": "1",
             "date_start": "2022-03-01", "date_end": "2022-03-01", "side_a": "Test side A", "side_b": "Test side B",
             "dyad_name": "Test A - Test B", "best": "2", "low": "1", "high": "3", "latitude": "48.5",
             "longitude": "37.5", "date_prec": "1", "where_prec": "1", "source_office": "Test Office",
             "source_headline": "Test headline", "where_description": "Test place", "where_coordinates": "Test place",
             "adm_1": "Test Oblast", "adm_2": "", "country": "Ukraine", "code_status": "Clear",
             "event_clarity": "1"} for i in range(n)]


def to_csv(header: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow([r.get(c, "") for c in header])
    return buf.getvalue()


BAD_DATES = ["31/02/2024", "2024-02-31", "2024-13-01", "0000-00-00", "yesterday", "9999999999-01-01", "29/02/2023"]
BAD_COORDS = ["91", "-90.5", "181", "-180.01", "1e400", "nan", "inf", "-inf", "12,5", "0x10", "٣٤"]


@st.composite
def mutated(draw, kind: str):
    """A valid file of `kind`, then one or more damages of the kinds the issue lists."""
    n = draw(st.integers(1, 6))
    header, rows = {
        "events": (COLUMNS, events_rows(n)),
        "acled": (ACLED_LAYOUT, acled_rows(n)),
        "ucdp": (UCDP_LAYOUT, ucdp_rows(n)),
    }[kind]
    header = list(header)
    date_col, lat_col, text_col = {"events": ("event_date", "latitude", "notes"),
                                   "acled": ("event_date", "latitude", "notes"),
                                   "ucdp": ("date_start", "latitude", "source_headline")}[kind]
    damages = draw(st.lists(st.sampled_from(
        ["date", "coord", "huge_header", "drop_column", "duplicate_column", "huge", "nul", "extra_field", "quote", "blank_lines",
         "none"]), min_size=1, max_size=3))
    for damage in damages:
        k = draw(st.integers(0, n - 1))
        if damage == "date":
            rows[k][date_col] = draw(st.sampled_from(BAD_DATES))
        elif damage == "coord":
            rows[k][draw(st.sampled_from([lat_col, "longitude"]))] = draw(st.sampled_from(BAD_COORDS))
        elif damage == "drop_column":
            header.remove(draw(st.sampled_from(header)))
        elif damage == "huge_header":
            header.append("h" * draw(st.sampled_from([MAX_FIELD_CHARS + 1, 200_000])))
        elif damage == "duplicate_column":
            header.insert(draw(st.integers(0, len(header))), draw(st.sampled_from(header)))
        elif damage == "huge":
            rows[k][text_col] = "x" * draw(st.sampled_from([MAX_FIELD_CHARS + 1, 200_000, 1_500_000]))
        elif damage == "nul":
            rows[k][text_col] = "before\x00after"
        elif damage == "extra_field":
            rows[k][header[-1]] = rows[k].get(header[-1], "") + '",extra,"'
        elif damage == "quote":
            rows[k][text_col] = 'a "quoted" word, and a comma\nand a newline'
    text = to_csv(header, rows)
    if "blank_lines" in damages:
        text = text.replace("\n", "\n\n", 2)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    if cut is not None:
        data = data[:cut]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=40)) + data[at:]
    return data


def any_bytes():
    return st.one_of(st.binary(max_size=3000), st.text(max_size=2000).map(lambda t: t.encode("utf-8")))


def check_file_unchanged_and_call(func, data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.csv"
        path.write_bytes(data)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        try:
            outcome = func(path)
        except EventsFileError as exc:
            assert str(exc).strip(), "an EventsFileError must say what is wrong"
            assert "Traceback" not in str(exc)
            outcome = None
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "reading must not change the file"
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["input.csv"], "reading must not write files"
    return outcome


def physical_lines(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") + 2


def check_accounting(result, data: bytes, rejected_lines: list[int]):
    """Each record read became an event or has an error naming a real line: nothing silently dropped."""
    for problem in result.problems:
        assert problem.reason.strip()
        file_level = problem.line == 0 and problem.severity == "warning"  # e.g. the encoding it was read as
        assert file_level or 1 <= problem.line <= physical_lines(data), problem
    assert len(result.events) + len(rejected_lines) == result.rows_read, (
        len(result.events), rejected_lines, result.rows_read, [str(p) for p in result.problems])
    if "\ufffd".encode() not in data:  # undecodable bytes are reported, never kept as replacement characters
        assert "\ufffd" not in events_to_csv(result.events)
    saved = parse_events_text(events_to_csv(result.events))  # what was accepted saves and loads back unchanged
    assert saved.problems == [] and events_to_csv(saved.events) == events_to_csv(result.events)


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@FUZZ
@given(st.one_of(mutated("events"), any_bytes()))
def test_fuzzed_events_files(data):
    result = check_file_unchanged_and_call(load_events, data)
    if result is not None:
        check_accounting(result, data, sorted({p.line for p in result.errors}))


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@FUZZ
@given(st.one_of(mutated("acled"), any_bytes()))
def test_fuzzed_acled_files(data):
    result = check_file_unchanged_and_call(import_acled, data)
    if result is not None:
        check_accounting(result, data, result.rejected_lines)


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@FUZZ
@given(st.one_of(mutated("ucdp"), any_bytes()))
def test_fuzzed_ucdp_files(data):
    result = check_file_unchanged_and_call(import_ucdp, data)
    if result is not None:
        check_accounting(result, data, result.rejected_lines)


# ---- Specific damages: the message names the line and the problem, the good rows still load -----------------

def write(tmp_path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("value, words", [("31/02/2024", "is not a date YYYY-MM-DD"),
                                          ("2024-02-31", "is not a date YYYY-MM-DD")])
def test_impossible_dates_name_their_line_and_the_rest_loads(tmp_path, value, words):
    rows = events_rows(4)
    rows[2]["event_date"] = value
    result = load_events(write(tmp_path, "e.csv", csv_text(rows).encode()))
    assert [str(p) for p in result.problems] == [f"line 4 [event_date]: {value!r} {words}"]
    assert list(result.events["event_id_cnty"]) == ["F-0", "F-1", "F-3"]


@pytest.mark.parametrize("importer, rows_of, layout, column", [
    (import_acled, acled_rows, ACLED_LAYOUT, "event_date"), (import_ucdp, ucdp_rows, UCDP_LAYOUT, "date_start")])
@pytest.mark.parametrize("value", ["31/02/2024", "2024-02-31"])
def test_importers_reject_impossible_dates_by_line(tmp_path, importer, rows_of, layout, column, value):
    rows = rows_of(3)
    rows[1][column] = value
    result = importer(write(tmp_path, "in.csv", to_csv(layout, rows).encode()))
    assert result.rejected_lines == [3]
    assert "not a real calendar date" in str(result.errors[0]) and f"line 3 [{column}]" in str(result.errors[0])
    assert len(result.events) == 2


@pytest.mark.parametrize("value", ["91", "-180.5", "nan", "inf"])
def test_coordinates_out_of_range_name_the_line(tmp_path, value):
    rows = events_rows(3)
    rows[0]["longitude" if value == "-180.5" else "latitude"] = value
    result = load_events(write(tmp_path, "e.csv", csv_text(rows).encode()))
    assert len(result.errors) == 1 and result.errors[0].line == 2 and "is not a number in" in result.errors[0].reason
    assert list(result.events["event_id_cnty"]) == ["F-1", "F-2"]


def test_nul_byte_and_huge_field_name_their_lines(tmp_path):
    rows = events_rows(4)
    rows[1]["notes"] = "a\x00b"
    rows[2]["notes"] = "y" * (MAX_FIELD_CHARS + 1)
    result = load_events(write(tmp_path, "e.csv", csv_text(rows).encode()))
    assert [str(p) for p in result.errors] == [
        "line 3: contains a NUL byte", f"line 4 [notes]: field longer than {MAX_FIELD_CHARS:,} characters"]
    assert list(result.events["event_id_cnty"]) == ["F-0", "F-3"]


def test_cp1251_events_file_is_decoded_and_its_encoding_named(tmp_path):
    rows = [row(event_id_cnty=f"F-{i}", notes="Обстріл околиць Харкова, пошкоджено будинки") for i in range(3)]
    result = load_events(write(tmp_path, "e.csv", csv_text(rows).encode("cp1251")))
    assert result.errors == [] and result.encoding == "cp1251"
    assert list(result.events["notes"]) == [rows[0]["notes"]] * 3
    assert [str(p) for p in result.warnings] == [
        "file: not UTF-8: read as cp1251; adding or merging events into it is refused until it is converted to "
        "UTF-8"]


def test_a_foreign_line_in_a_utf8_file_is_reported_not_redecoded(tmp_path):
    rows = [row(event_id_cnty=f"F-{i}", notes="Обстріл околиць Харкова") for i in range(3)]
    lines = csv_text(rows).encode().split(b"\n")
    lines[2] = lines[2].decode().encode("cp1251")  # a row pasted in from a file in another encoding
    result = load_events(write(tmp_path, "e.csv", b"\n".join(lines)))
    assert [str(p) for p in result.errors] == ["line 3: not valid UTF-8 text"]
    assert list(result.events["event_id_cnty"]) == ["F-0", "F-2"] and result.encoding == "utf-8"


def test_bad_bytes_inside_a_multi_line_cell_name_the_record(tmp_path):
    data = (b'event_id_cnty,event_date,event_type,source,notes\nA,2024-01-01,Battles,W,"first line\n'
            b'second \xcf\xf0 line"\nB,2024-01-01,Battles,W,' + "Київ".encode() + b'\n')
    result = load_events(write(tmp_path, "e.csv", data))
    assert [str(p) for p in result.errors] == ["line 2: not valid UTF-8 text"]
    assert list(result.events["event_id_cnty"]) == ["B"], "no U+FFFD may slip into a saved value"


def test_cp1251_import_is_decoded_not_mangled(tmp_path):
    rows = acled_rows(2)
    rows[1]["notes"] = "Обстріл околиць"
    result = import_acled(write(tmp_path, "in.csv", to_csv(ACLED_LAYOUT, rows).encode("cp1251")))
    assert result.errors == [] and result.events["notes"].iat[1] == "Обстріл околиць"


@pytest.mark.parametrize("loader, rows, layout", [
    (load_events, events_rows(2), COLUMNS), (import_acled, acled_rows(2), ACLED_LAYOUT),
    (import_ucdp, ucdp_rows(2), UCDP_LAYOUT)])
def test_utf16_file_is_refused_or_read_never_garbled(tmp_path, loader, rows, layout):
    data = to_csv(layout, rows).encode("utf-16")
    try:
        result = loader(write(tmp_path, "in.csv", data))
    except EventsFileError as exc:
        assert "column" in str(exc) or "encoding" in str(exc)
    else:
        assert len(result.events) == 2 and "\x00" not in "".join(result.events["notes"])


@pytest.mark.parametrize("damage, message", [
    (lambda h: h + ["notes"], "column 'notes' appears more than once in the header"),
    (lambda h: [c for c in h if c != "event_type"], "missing column(s): event_type"),
])
def test_header_problems_are_one_clear_error(tmp_path, damage, message):
    text = to_csv(damage(list(COLUMNS)), events_rows(2))
    with pytest.raises(EventsFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_events(write(tmp_path, "e.csv", text.encode()))


def test_truncated_file_keeps_every_whole_row(tmp_path):
    data = csv_text(events_rows(5)).encode()
    cut = data.rindex(b"F-4") + 2  # the last row stops in the middle of its id
    result = load_events(write(tmp_path, "e.csv", data[:cut]))
    assert list(result.events["event_id_cnty"]) == ["F-0", "F-1", "F-2", "F-3"]
    assert len(result.errors) == 1 and result.errors[0].line == 6


# ---- The command line on broken files: exit codes and no traceback ----------------------------------------

BROKEN = {
    "random bytes": bytes(range(256)) * 4,
    "utf-16": to_csv(COLUMNS, events_rows(2)).encode("utf-16"),
    "empty": b"",
    "header only, duplicated": (",".join(COLUMNS + ["notes"]) + "\n").encode(),
    "bad rows": csv_text([row(event_id_cnty="G"), row(event_id_cnty="B", event_date="31/02/2024"),
                          row(event_id_cnty="N", notes="x\x00y")]).encode(),
    "huge header": (",".join(COLUMNS) + "," + "h" * 300_000 + "\n").encode(),
    "cp1251 bytes in a row of the wrong width": b"event_date,event_type\n2024-01-01,Battles\n\xcf\xf0,x,y\n",
    "unclosed quote": (",".join(COLUMNS) + '\n"T-1,2024-01-01' + "x" * 50).encode(),
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "conflictmap", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("name", list(BROKEN))
def test_cli_validate_and_import_on_broken_files(tmp_path, name):
    source = write(tmp_path, "broken.csv", BROKEN[name])
    before = hashlib.sha256(BROKEN[name]).hexdigest()
    outcomes = {}
    for args in (["validate", str(source)], ["import", "acled", str(source)], ["import", "ucdp", str(source)],
                 ["import", "acled", str(source), "--out", str(tmp_path / "out.csv")]):
        done = run_cli(*args)
        assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, (args, done.stderr[-2000:])
        assert done.returncode in (0, 1, 2), (args, done.returncode)
        if done.returncode == 2:
            assert done.stderr.strip(), f"{args}: exit 2 must say why"
        outcomes[args[0] + args[1] if args[0] == "import" else args[0]] = done.returncode
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    if name == "bad rows":
        done = run_cli("validate", str(source))
        assert done.returncode == 1
        assert "line 3 [event_date]" in done.stdout and "line 4: contains a NUL byte" in done.stdout
