"""csvio: the one decoding policy, CSV records with line numbers, the header check, atomic writes."""
from __future__ import annotations

import csv
import io
import os
import threading

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictmap import csvio, review
from conflictmap.csvio import (
    MAX_FIELD_CHARS, UTF8_BOM, Decoded, EventsFileError, csv_bytes, decode, read_csv_arrow, read_csv_rows,
    unique_header, write_atomic,
)
from conflictmap.importers import import_acled
from conflictmap.store import load_events
from tests.helpers import csv_text, row

FRENCH = "Frappe de drone sur Kharkiv : cinq blessés, dit le préfet; dégâts à l'école."
UKRAINIAN = "Обстріл околиць Харкова: п'ятеро поранених, пошкоджено будинки, повідомив голова ОВА."


@pytest.mark.parametrize("data, text, bom", [
    (FRENCH.encode("utf-8"), FRENCH, False),
    (b"\xef\xbb\xbf" + UKRAINIAN.encode("utf-8"), UKRAINIAN, True),
    (b"plain ASCII", "plain ASCII", False),
])
def test_utf8_with_or_without_bom_is_utf8(data, text, bom):
    assert decode(data) == Decoded(text, "utf-8", bom)
    assert decode(data).bad_lines == []


@pytest.mark.parametrize("text, encoding", [(FRENCH, "cp1252"), (UKRAINIAN, "cp1251")])
def test_legacy_encodings_are_detected_and_named(text, encoding):
    decoded = decode(text.encode(encoding))
    assert (decoded.text, decoded.encoding, decoded.bad_lines) == (text, encoding, [])


def test_windows_1252_is_preferred_among_equally_clean_candidates():
    # "é" alone fits many code pages with no "chaos"; the detector's first pick is not Windows-1252.
    decoded = decode("a,b\n1,Frappe à Kharkiv, blessés\n".encode("cp1252"))
    assert decoded.encoding == "cp1252" and decoded.text.endswith("blessés\n")


def test_damaged_bytes_in_utf8_are_reported_by_line_never_as_replacement_characters():
    data = "Київ\nЛьвів\n".encode() + b"Har\xffkiv\n" + "Одеса\n".encode() + b"\xc3\n"
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.bad_lines == [3, 5]
    assert "\ufffd" not in decoded.text
    assert decoded.describe_bad_lines() == "not valid UTF-8 text on line(s) 3, 5"
    assert decoded.text.encode("utf-8", errors="surrogateescape") == data, "the bytes are kept, not guessed"
    with pytest.raises(UnicodeEncodeError):
        decoded.text.encode("utf-8")  # such text cannot be saved by accident


def test_a_byte_order_mark_declares_utf8_even_when_bytes_are_damaged():
    decoded = decode(b"\xef\xbb\xbfcaf\xe9\n")
    assert decoded.encoding == "utf-8" and decoded.bom and decoded.bad_lines == [1]


def test_bytes_that_no_encoding_fits_are_refused_whole():
    with pytest.raises(EventsFileError, match="cannot tell the text encoding"):
        decode(bytes(range(256)) * 4)


def test_one_policy_for_the_loader_the_importer_the_add_page_and_extract(tmp_path):
    """The same legacy bytes read the same wherever they enter (they used to give three different answers)."""
    notes = "Frappe sur Kharkiv, cinq blessés près de l'école"
    events = tmp_path / "events.csv"
    events.write_bytes(csv_text([row(notes=notes)]).encode("cp1252"))
    acled = tmp_path / "acled.csv"
    layout = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "country", "location",
              "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"]
    acled.write_bytes(csv_text([row(year="2024", notes=notes, fatalities="0")], layout).encode("cp1252"))
    loaded, imported = load_events(events), import_acled(acled)
    uploaded = review.decode_upload(notes.encode("cp1252"))
    assert loaded.encoding == imported.encoding == uploaded[1] == "cp1252"
    assert loaded.events["notes"].iat[0] == imported.events["notes"].iat[0] == uploaded[0] == notes


def test_upload_with_bytes_that_are_not_text_names_their_lines():
    data = "Première ligne à Kyiv.\n".encode() + b"Deuxi\xe8me ligne.\n"
    with pytest.raises(review.InputRejected, match=r"not valid UTF-8 text on line\(s\) 2"):
        review.decode_upload(data)


def test_read_csv_rows_reports_records_not_lines():
    text = 'a,b\n1,"two\nlines"\n\n3\n4,"\x00"\n5,ok\n'
    header, rows, lines, problems, records = read_csv_rows(text)
    assert header == ["a", "b"] and rows == [["1", "two\nlines"], ["5", "ok"]] and lines == [2, 7]
    assert [str(p) for p in problems] == ["line 5: 1 fields where the header has 2", "line 6: contains a NUL byte"]
    assert records == 4


def test_a_field_over_the_limit_is_reported_by_line_not_fatal():
    huge = "x" * (MAX_FIELD_CHARS * 5)  # over csv's own default limit of 128 KiB
    header, rows, lines, problems, _ = read_csv_rows(f"a,b\n1,{huge}\n2,ok\n")
    assert rows == [["2", "ok"]] and [str(p) for p in problems] == [
        f"line 2 [b]: field longer than {MAX_FIELD_CHARS:,} characters"]


def test_records_holding_non_text_are_reported_with_the_encoding():
    decoded = decode(("a,b\n" + "1,é\n" * 3).encode() + b"2,\xff\n")
    _, rows, _, problems, _ = read_csv_rows(decoded.text, decoded.encoding)
    assert len(rows) == 3 and [str(p) for p in problems] == ["line 5: not valid UTF-8 text"]


@pytest.mark.parametrize("header, message", [
    ("a,b,a", "column 'a' appears more than once"),
    (" a ,\ufeffa", "column 'a' appears more than once"),  # the check sees names as the readers use them
])
def test_repeated_header_names_are_refused(header, message):
    with pytest.raises(EventsFileError, match=message):
        read_csv_rows(header + "\n1,2,3\n")


def test_empty_text_is_refused():
    with pytest.raises(EventsFileError, match="empty"):
        read_csv_rows("")


def test_write_atomic_writes_text_as_utf8_or_bytes_as_given_and_keeps_a_backup(tmp_path):
    path = tmp_path / "f.csv"
    write_atomic(path, "première\n")
    write_atomic(path, b"\xef\xbb\xbfseconde\n")
    assert path.read_bytes() == b"\xef\xbb\xbfseconde\n"
    assert (tmp_path / "f.csv.bak").read_text(encoding="utf-8") == "première\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv", "f.csv.bak"]
    write_atomic(path, iter([b"a,b\n", memoryview(b"xx1,2\n")[2:], b""]))  # pieces, as csv_pieces yields them
    assert path.read_bytes() == b"a,b\n1,2\n"


def test_pieces_that_fail_half_way_leave_the_old_file_whole_and_no_temporary(tmp_path):
    path = tmp_path / "f.csv"
    write_atomic(path, b"old\n")

    def pieces():
        yield b"half of the new "
        raise MemoryError("made while writing")

    with pytest.raises(MemoryError):
        write_atomic(path, pieces())
    assert path.read_bytes() == b"old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["f.csv"]


def test_may_hold_reads_only_the_bytes_of_the_rows_it_is_given():
    """A batch of rows is a slice sharing its column's buffer: what other rows hold must not count (it made each
    batch of a CSV write scan, and copy, the whole column)."""
    column = pa.array(["a,b", "plain", "text", 'q"'], pa.large_string())
    assert csvio.may_hold(column, b",") and csvio.may_hold(column, b'"')
    assert not csvio.may_hold(column.slice(1, 2), b",", b'"')
    assert csvio.may_hold(pa.chunked_array([column.slice(1, 2), column.slice(3, 1)]), b'"')
    assert not csvio.may_hold(pa.array(["x", "y"]).slice(1), b"x") and csvio.may_hold(pa.array(["x", "y"]), b"x")



# The Arrow reader: the same cells and lines as the exact reader whenever it accepts a file, None otherwise.

CELL_CHARS = st.one_of(st.sampled_from("abé К#1"), st.sampled_from(list(' ,;"\r\n\t') + ["\r\n", '""', "\ufeff"]))
CELLS = st.lists(CELL_CHARS, max_size=4).map("".join)


@st.composite
def csv_files(draw) -> tuple[bytes, str]:
    """CSV bytes written every way files come: quoted or not (so sometimes unreadable), CRLF or LF, a final line
    end or not, a BOM, blank lines, rows of the wrong width."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    width = draw(st.integers(1, 4))
    ragged = draw(st.booleans())
    rows = draw(st.lists(st.lists(CELLS, min_size=1 if ragged else width, max_size=width + ragged), min_size=1,
                         max_size=6))
    rows[0] = [f"c{i}" for i in range(width)]
    quoting = draw(st.sampled_from(["csv", "all", "raw"]))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    for cells in rows:
        if quoting == "raw":
            lines.append(delimiter.join(cells))
        else:
            out = io.StringIO()
            csv.writer(out, delimiter=delimiter, lineterminator="",
                       quoting=csv.QUOTE_ALL if quoting == "all" else csv.QUOTE_MINIMAL).writerow(cells)
            lines.append(out.getvalue())
    if draw(st.integers(0, 3)) == 0:
        lines.insert(draw(st.integers(1, len(lines))), "")
    text = end.join(lines) + (end if draw(st.booleans()) else "")
    return (UTF8_BOM if draw(st.booleans()) else b"") + text.encode("utf-8"), delimiter


@settings(max_examples=400, deadline=None)
@given(csv_files(), st.sampled_from([1, 7, 1 << 20]))
def test_arrow_reader_gives_the_exact_readers_cells_or_declines(file, slice_bytes):
    data, delimiter = file
    fast = read_csv_arrow(data, delimiter, slice_bytes=slice_bytes)
    streamed = read_csv_arrow(io.BytesIO(data), delimiter, slice_bytes=slice_bytes)
    assert (streamed is None) == (fast is None), "a file read a slice at a time is read as its bytes are"
    if fast is None:
        return
    assert streamed[0] == fast[0] and streamed[1].equals(fast[1])
    try:
        header, rows, lines, problems, records = read_csv_rows(decode(data).text, delimiter=delimiter)
    except EventsFileError:
        with pytest.raises(EventsFileError):
            unique_header(fast[0])
        return
    fast_header, table = fast
    assert unique_header(fast_header) == header
    assert [list(r.values()) for r in table.to_pylist()] == rows
    assert (lines, problems, records) == (list(range(2, len(rows) + 2)), [], len(rows))


@pytest.mark.parametrize("data", [
    b'a,b\n1,"two\nlines"\n3,4\n',        # a record over two lines
    b"a,b\n1,2\n\n3,4\n",                  # a blank line
    b"a,b\n1,2\r3,4\n",                    # a lone carriage return
    b"a,b\n1,2,3\n",                       # a row wider than the header
    b"a,b\n1,\x002\n",                     # a NUL byte
    b"a,b\n1,caf\xe9\n",                   # not UTF-8
    b'a,"b\nc",d\n1,2\n',                  # a header over two lines
    b"a\n1\n",                             # one column: a blank cell and a blank line look alike
    b"a,b\n1," + b"x" * (MAX_FIELD_CHARS + 1) + b"\n",
])
def test_arrow_reader_declines_what_only_the_exact_reader_can_report(data):
    assert read_csv_arrow(data) is None


def test_arrow_reader_declines_a_record_cut_at_a_slice_boundary():
    data = b'a,b\n1,"x\ny",w\n' + b"2,z\n" * 3
    for slice_bytes in range(1, len(data)):
        assert read_csv_arrow(data, slice_bytes=slice_bytes) is None


def test_a_file_is_read_by_arrow_a_slice_at_a_time_or_given_whole_to_the_exact_reader(tmp_path):
    clean = b"a,b\n" + b"".join(b"%d,x\n" % i for i in range(1000))
    path = tmp_path / "clean.csv"
    path.write_bytes(clean)
    seen = []
    read, data = csvio.read_csv_file(path, lambda stage, done, total: seen.append((stage, done, total)),
                                     slice_bytes=1000)
    assert data is None and read[0] == ["a", "b"] and read[1].column("0").to_pylist() == [str(i) for i in range(1000)]
    assert len(seen) > 3 and seen[-1] == ("reading the file", len(clean), len(clean))
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
    # A blank line on the last slice: the exact reader gets every byte of the file, read from the same open file.
    irregular = clean + b"\n1000,y\n"
    path.write_bytes(irregular)
    assert csvio.read_csv_file(path) == (None, irregular)
    assert csvio.read_csv_file(path, lambda *step: None) == (None, irregular)


def test_a_pipe_is_read_once_and_given_whole_to_the_exact_reader(tmp_path):
    pipe = tmp_path / "events.pipe"
    os.mkfifo(pipe)
    data = b"a,b\n1,x\n"
    writer = threading.Thread(target=lambda: pipe.write_bytes(data))
    writer.start()
    try:
        assert csvio.read_csv_file(pipe) == (None, data)
    finally:
        writer.join(10)


def test_arrow_reader_reports_rows_read_of_the_whole():
    data = b"a,b\n" + b"".join(b"%d,x\n" % i for i in range(1000))
    seen = []
    header, table = read_csv_arrow(data, progress=lambda stage, done, total: seen.append((stage, done, total)),
                                   slice_bytes=1000)
    assert header == ["a", "b"] and table.num_rows == 1000
    assert len(seen) > 3 and seen[-1] == ("reading rows", 1000, 1000)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)


TEXT = st.lists(st.sampled_from(list('ab ,;"\r\n\t#=é') + ["Київ", '""', "\r\n"]), max_size=5).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda width: st.lists(st.lists(TEXT, min_size=width, max_size=width),
                                                        max_size=8)), st.booleans(), st.integers(1, 3))
def test_csv_bytes_are_what_the_csv_module_writes(rows, quote_all, batch_rows):
    width = len(rows[0]) if rows else 2
    header = [f"h{i}" for i in range(width)]
    frame = pd.DataFrame(rows, columns=header, dtype="str") if rows else pd.DataFrame(columns=header, dtype="str")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    csvio.CSV_WRITE_BATCH_ROWS, saved = batch_rows, csvio.CSV_WRITE_BATCH_ROWS
    try:
        assert csv_bytes(header, frame, quote_all) == out.getvalue().encode("utf-8")
    finally:
        csvio.CSV_WRITE_BATCH_ROWS = saved
