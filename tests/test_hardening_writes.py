"""Writes, with real processes: many savers at once take turns and lose nothing, a save that cannot get its turn
says so, a save killed mid-write never damages the file or its backup, and a killed writer's leftovers go at once."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conflictmap.csvio import StoreIOError, lock_for, remove_abandoned_temporaries
from conflictmap.store import CsvEventStore, load_events
from tests.conftest import ROOT
from tests.helpers import row, write_events
from tests.processes import confined, finish, held_lock, needs_confinement, python, release, sha256
from tests.review_support import events

WRITERS = 16
APPENDS_EACH = 3
KILLS = 8

APPENDER = textwrap.dedent("""
    import sys, time
    import pandas as pd
    from conflictmap.schema import validate_frame
    from conflictmap.store import CsvEventStore
    from tests.helpers import row

    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if sys.argv[4:] == ["together"]:  # start when told, with the others, so every save contends from the first
        print("ready", flush=True)
        sys.stdin.readline()
    longest = 0.0
    for k in range(count):
        event = row(event_id_cnty=f"W{writer:02d}-{k:03d}", notes=f"writer {writer} append {k}")
        typed, problems = validate_frame(pd.DataFrame([event]))
        assert not problems, problems
        started = time.monotonic()
        assert CsvEventStore(path).append(typed).added == (event["event_id_cnty"],)
        longest = max(longest, time.monotonic() - started)
    print(f"{longest:.2f}")
""")

UPDATER = textwrap.dedent("""
    import sys
    from conflictmap.store import CsvEventStore, EventsFileError, load_events

    path, tag, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()
    for k in range(rounds):
        while True:  # a merge planned on a version another process changed meanwhile is refused, then planned again
            notes = load_events(path).events.set_index("event_id_cnty").loc["SEED", "notes"]
            try:
                CsvEventStore(path).update({"SEED": {"notes": f"{notes} {tag}{k}".strip()}},
                                           expected={"SEED": {"notes": notes}})
                break
            except EventsFileError as exc:
                assert "changed in the file since it was read" in str(exc), exc
""")

SAVER = textwrap.dedent("""
    import sys
    from conflictmap.store import load_events, save_events

    path, new_notes = sys.argv[1], sys.argv[2]
    events = load_events(path).events.copy()
    events["notes"] = new_notes
    print("loaded", flush=True)
    save_events(path, events)
    print("saved", flush=True)
""")


@pytest.mark.parametrize("updaters", [0, 2], ids=["appends only", "with concurrent updates"])
def test_sixteen_processes_saving_at_once_take_turns_and_lose_nothing(tmp_path, updaters):
    """Issue 10.5: 16 processes appending one event per call (with and without processes merging into a saved
    event meanwhile) used to give up after 60 s with filelock.Timeout and lose events. Every save now lands.

    The processes start saving at one moment, once all of them are ready (Python and pandas loaded), so the
    saves contend from the first: a few saves each prove what many each did, in far less time."""
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="SEED", notes="")])
    rounds = 3
    piped = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    procs = [python(APPENDER, str(path), str(w), str(APPENDS_EACH), "together", **piped) for w in range(WRITERS)]
    procs += [python(UPDATER, str(path), f"u{u}-", str(rounds), **piped) for u in range(updaters)]
    for proc in procs:
        assert proc.stdout.readline().strip() == b"ready", proc.communicate()
    for proc in procs:
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
    outputs = [finish(proc) for proc in procs]
    result = load_events(path)
    assert result.problems == []
    ids = list(result.events["event_id_cnty"])
    expected = {f"W{w:02d}-{k:03d}" for w in range(WRITERS) for k in range(APPENDS_EACH)}
    assert len(ids) == len(set(ids)) == WRITERS * APPENDS_EACH + 1, "every append saved exactly once"
    assert set(ids) == expected | {"SEED"}
    for w in range(WRITERS):  # each writer's events are in the order it appended them
        mine = [i for i in ids if i.startswith(f"W{w:02d}-")]
        assert mine == sorted(mine)
    notes = result.events.set_index("event_id_cnty").loc["SEED", "notes"].split()
    assert sorted(notes) == sorted(f"u{u}-{k}" for k in range(rounds) for u in range(updaters)), "no update lost"
    assert (tmp_path / "events.csv.bak").is_file(), "the previous version is kept as a backup"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name not in ("events.csv", "events.csv.bak",
                                                                           "events.csv.lock"))
    assert leftovers == [], leftovers
    longest = max(float(out.split()[-1]) for out in outputs[:WRITERS])
    print(f"\n{WRITERS} processes x {APPENDS_EACH} appends, {updaters} updaters: all saved; longest save "
          f"{longest:.1f} s")


def test_a_save_that_cannot_get_its_turn_says_so_and_changes_nothing(tmp_path):
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A")])
    before = path.read_bytes()
    holder = held_lock(path)
    waits = []
    try:
        with pytest.raises(StoreIOError) as failed:
            with lock_for(path, wait=1.2, on_wait=lambda waited, ahead: waits.append((waited, ahead))):
                pytest.fail("the lock was held by another process")
    finally:
        release(holder)
    assert str(failed.value).startswith(f"cannot save to {path}: other saves have held it for 1 s")
    assert str(failed.value).endswith("nothing was saved; save again in a moment")
    assert waits and all(ahead >= 1 for _, ahead in waits), "the wait is reported while it lasts"
    assert path.read_bytes() == before
    assert CsvEventStore(path).append(events(row(event_id_cnty="B"))).added == ("B",), "the retry saves"
    assert not (tmp_path / ".events.csv.queue").exists(), "the queue folder goes with its last waiter"


def test_a_queue_folder_removed_while_a_saver_makes_it_is_made_again(tmp_path, monkeypatch):
    """The race two savers ran into (CI, StoreIOError 17 'File exists'): a saver's mkdir finds the queue folder,
    then the last waiter leaving removes it before mkdir's own check that it is a folder, so mkdir raises
    FileExistsError. The saver makes the folder again and saves."""
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A")])
    queue = tmp_path / ".events.csv.queue"
    real_mkdir, raced = Path.mkdir, []

    def mkdir_in_the_race(self, *args, **kwargs):
        if self == queue and not raced:
            raced.append(self)
            raise FileExistsError(17, "File exists", str(self))  # what Path.mkdir raises when it loses the race
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir_in_the_race)
    assert CsvEventStore(path).append(events(row(event_id_cnty="B"))).added == ("B",)
    assert raced == [queue]
    assert not queue.exists(), "the queue folder goes with its last waiter"


def test_savers_take_the_lock_in_the_order_they_asked_for_it(tmp_path):
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A")])
    holder = held_lock(path)
    queue = tmp_path / ".events.csv.queue"
    waiters = []
    for k in range(4):
        waiters.append(python(APPENDER, str(path), str(k), "1", stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        while len([n for n in os.listdir(queue) if not n.startswith(".")]) < k + 2:  # the holder's ticket + k + 1
            assert waiters[-1].poll() is None, waiters[-1].communicate()
            time.sleep(0.01)
    release(holder)
    for waiter in waiters:
        finish(waiter)
    assert list(load_events(path).events["event_id_cnty"]) == ["A"] + [f"W{k:02d}-000" for k in range(4)]


def test_a_killed_waiter_does_not_block_the_queue(tmp_path):
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A")])
    holder = held_lock(path)
    stuck = python(APPENDER, str(path), "1", "1", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    queue = tmp_path / ".events.csv.queue"
    while len([n for n in os.listdir(queue) if not n.startswith(".")]) < 2:
        time.sleep(0.01)
    stuck.kill()
    stuck.wait()
    release(holder)
    assert CsvEventStore(path).append(events(row(event_id_cnty="B"))).added == ("B",)


def wait_for_temp_file(directory: Path, proc: subprocess.Popen, timeout: float = 120.0) -> Path | None:
    """The temporary file write_atomic creates when the write itself begins (None if the saver ended first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = [p for p in directory.glob(".events.csv.*.tmp") if not p.name.endswith(".bak.tmp")]
        if found:
            return found[0]
        time.sleep(0.001)
    return None


def test_save_killed_at_random_moments_leaves_old_or_new_file_and_a_whole_backup(tmp_path):
    """SIGKILL the saver of a 20 MB file at random moments of the write itself (from the creation of its
    temporary file to just after the rename), several times: the file is always the old or the new one, the
    backup is always a whole earlier version (it used to be left half-copied), and the killed writer's
    temporary file is removed by the next save at once (it used to stay for an hour)."""
    path = write_events(tmp_path / "events.csv", [
        row(event_id_cnty=f"K-{i}", notes="old " + "o" * 40) for i in range(40_000)])
    versions = {path.read_bytes()}
    rng = random.Random(7)
    kills, outcomes, removed, attempt = 0, {"old": 0, "new": 0, "finished first": 0}, 0, 0
    while kills < KILLS and attempt < 4 * KILLS:
        attempt += 1
        before = path.read_bytes()
        new_notes = f"new {attempt} " + "n" * 400
        proc = python(SAVER, str(path), new_notes, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"loaded"
        temp = wait_for_temp_file(tmp_path, proc)
        if temp is not None:  # on a loaded machine the saver may finish before this process looks again
            time.sleep(rng.uniform(0.0, 0.08))  # writing and syncing 20 MB takes some tens of milliseconds here
            os.kill(proc.pid, signal.SIGKILL)
        killed = proc.wait() == -signal.SIGKILL
        kills += killed
        after = path.read_bytes()
        result = load_events(path)
        assert result.problems == [] and len(result.events) == 40_000, f"attempt {attempt}: damaged file"
        if after == before:
            assert killed, f"attempt {attempt}: a save that finished left the old file"
            outcomes["old"] += 1
        else:
            assert set(result.events["notes"]) == {new_notes}, f"attempt {attempt}: a mix of old and new"
            outcomes["new" if killed else "finished first"] += 1
            versions.add(after)
        backup = tmp_path / "events.csv.bak"
        if backup.exists():
            assert backup.read_bytes() in versions, f"attempt {attempt}: the backup is not a whole earlier version"
        leftovers = list(tmp_path.glob(".events.csv.*.tmp"))
        remove_abandoned_temporaries(path)  # what the next save does first
        removed += len(leftovers)
        assert list(tmp_path.glob(".events.csv.*.tmp")) == [], "a dead writer's temporary file goes at once"
    assert kills >= KILLS // 2, f"only {kills} of {attempt} saves could be killed mid-write"
    print(f"\nkills survived: {kills} of {kills} (old file kept {outcomes['old']}, new file {outcomes['new']}; "
          f"{removed} temporary files of killed writers removed by the next save; {outcomes['finished first']} "
          "saves finished before the kill)")


def test_temporary_files_of_running_writers_stay(tmp_path):
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A")])
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    from conflictmap.csvio import HOST
    dead = tmp_path / f".events.csv.w{finished.stdout.strip()}@{HOST}~x1.tmp"
    mine = tmp_path / f".events.csv.w{os.getpid()}@{HOST}~x2.tmp"
    elsewhere = tmp_path / ".events.csv.w1@another-host~x3.tmp"
    for leftover in (dead, mine, elsewhere):
        leftover.write_text("part of a file")
    CsvEventStore(path).append(events(row(event_id_cnty="B")))
    assert not dead.exists() and mine.exists() and elsewhere.exists(), (
        "a writer still running, or on another host, keeps its file; a dead one's goes")


def test_backup_of_the_previous_file_is_kept(tmp_path):
    from conflictmap.store import save_events

    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A")])
    first = path.read_bytes()
    events_ = load_events(path).events.copy()
    events_["notes"] = "changed"
    save_events(path, events_)
    assert Path(str(path) + ".bak").read_bytes() == first
    assert load_events(path).events["notes"].tolist() == ["changed"]
    assert os.stat(path).st_ino != os.stat(Path(str(path) + ".bak")).st_ino


# ---- I/O failures: one sentence naming the file and what to do, the old file intact -------------------------------

@needs_confinement
@pytest.mark.parametrize("how, reason, todo", [
    ("read-only", "the file system is read-only", "save to a file on a writable disk"),
    ("full", "the disk is full", "free some space on the disk that holds"),
])
def test_cli_place_that_cannot_write_says_so_in_one_sentence(tmp_path, how, reason, todo):
    """`python -m conflictmap place` on a folder it cannot write used to end in a traceback."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = write_events(folder / "events.csv", [row(event_id_cnty=f"P{i}", location="Kharkiv", latitude="",
                                                    longitude="", geo_precision="", notes="n" * 200)
                                                for i in range(200)])
    done, names, digest = confined(folder, how, sys.executable, "-m", "conflictmap", "place", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.stderr.strip() == (f"cannot save to {path}: {reason}, so nothing was saved and the file is "
                                   f"unchanged; {todo}" + (f" {folder}, then save again" if how == "full" else ""))
    assert set(names) <= {"events.csv", "events.csv.lock"} and digest == sha256(path), (
        "the old file intact, nothing left beside it but the lock file every save keeps")


WRITING_COMMANDS = {
    "export": ["export", "{events}", "--format", "geojson", "--out", "{out}"],
    "import": ["import", "acled", "{events}", "--out", "{out}"],
    "geocode --batch": ["geocode", "--batch", "{queries}", "--out", "{out}"],
}


@needs_confinement
@pytest.mark.parametrize("how, reason", [("read-only", "the file system is read-only"), ("full", "the disk is full")])
@pytest.mark.parametrize("command", list(WRITING_COMMANDS))
def test_every_command_that_writes_a_file_says_in_one_sentence_that_it_cannot(tmp_path, command, how, reason):
    """Every command's write goes through csvio.write_atomic, and conflictmap.cli turns its StoreIOError into one
    sentence (exit 2, no traceback), nothing left behind."""
    events = write_events(tmp_path / "input.csv", [row(event_id_cnty=f"X{i}", location="Kharkiv", notes="n" * 400)
                                                   for i in range(120)])
    queries = tmp_path / "queries.csv"
    queries.write_text("query\n" + "Kharkiv\n" * 400, encoding="utf-8")  # results larger than the spare room
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "result.csv"
    args = [part.format(events=events, queries=queries, out=out) for part in WRITING_COMMANDS[command]]
    done, names, _ = confined(folder, how, sys.executable, "-m", "conflictmap", *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-2000:]
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"cannot save to {out}: {reason}, so nothing was saved"), done.stderr[-2000:]
    assert set(names) <= {"result.csv.lock"}, "nothing left in the folder but the lock file an events save keeps"


API_SAVE = textwrap.dedent("""
    import sys
    from conflictmap.store import CsvEventStore, StoreIOError
    from tests.helpers import row
    from tests.review_support import events

    try:
        CsvEventStore(sys.argv[1]).append(events(row(event_id_cnty="NEW")))
    except StoreIOError as exc:
        print(type(exc).__name__, exc.action, isinstance(exc, OSError), exc.errno, sep="|")
""")


@needs_confinement
@pytest.mark.parametrize("how, code", [("read-only", "EROFS"), ("full", "ENOSPC")])
def test_the_store_raises_one_error_type_and_leaves_nothing_behind(tmp_path, how, code):
    import errno

    folder = tmp_path / "data"
    folder.mkdir()
    path = write_events(folder / "events.csv", [row(event_id_cnty=f"E{i}", notes="n" * 400) for i in range(300)])
    done, names, digest = confined(folder, how, sys.executable, "-c", API_SAVE, str(path))
    assert done.stdout.strip() == f"StoreIOError|write|True|{getattr(errno, code)}", done.stderr[-2000:]
    assert set(names) <= {"events.csv", "events.csv.lock"} and digest == sha256(path), (
        "the old file intact, nothing left beside it but the lock file every save keeps")


MAP_DRIVER = """
import json
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("dashboard.py", default_timeout=120).run()
print(json.dumps({"errors": [e.value for e in at.error], "exception": [str(e.value) for e in at.exception]}))
"""


@needs_confinement
def test_the_map_page_says_in_one_sentence_that_its_browser_files_cannot_be_written(tmp_path):
    from conflictmap.mapdata import CACHE_DIR

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="FRESH", notes=str(tmp_path))])  # a new key
    done, _, _ = confined(CACHE_DIR, "read-only", "env", f"CONFLICTMAP_EVENTS={path}", f"CONFLICTMAP_CACHE={tmp_path}",
                          sys.executable, "-c", MAP_DRIVER)
    assert done.returncode == 0, done.stderr[-3000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["exception"] == []
    assert [e.replace("\\", "") for e in shown["errors"]] == [
        f"cannot save to {CACHE_DIR}: the file system is read-only, so nothing was saved and the file is unchanged; "
        "save to a file on a writable disk"]


@pytest.mark.parametrize("page", ["pages/0_Map.py", "pages/1_Timeline.py", "pages/2_Events_table.py"])
def test_an_events_file_that_cannot_be_read_is_one_sentence_on_every_page(tmp_path, monkeypatch, page,
                                                                           clear_streamlit_caches):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CONFLICTMAP_EVENTS", str(tmp_path))  # a folder where a file should be
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at = at.switch_page(page).run()
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [
        f"The events file cannot be read: cannot read {tmp_path}: it is a folder; give the path of a file"]
