"""Writes: many processes appending at once lose nothing, and a save killed mid-write never damages the file."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conflictmap.store import load_events
from tests.conftest import ROOT
from tests.helpers import row, write_events

WRITERS = 20
APPENDS_EACH = 50
KILLS = 8

APPENDER = textwrap.dedent("""
    import sys
    import pandas as pd
    from conflictmap.schema import validate_frame
    from conflictmap.store import append_events
    from tests.helpers import row

    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for k in range(count):
        event = row(event_id_cnty=f"W{writer:02d}-{k:03d}", notes=f"writer {writer} append {k}")
        typed, problems = validate_frame(pd.DataFrame([event]))
        assert not problems, problems
        assert append_events(path, typed) == 1
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


def python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, **kwargs)


def test_twenty_processes_appending_fifty_events_each_lose_nothing(tmp_path):
    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="SEED")])
    procs = [python(APPENDER, str(path), str(w), str(APPENDS_EACH), stderr=subprocess.PIPE)
             for w in range(WRITERS)]
    failures = []
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        if proc.returncode:
            failures.append(err.decode()[-1500:])
    assert not failures, failures[0]
    result = load_events(path)
    assert result.problems == []
    ids = list(result.events["event_id_cnty"])
    expected = {f"W{w:02d}-{k:03d}" for w in range(WRITERS) for k in range(APPENDS_EACH)}
    assert len(ids) == len(set(ids)) == WRITERS * APPENDS_EACH + 1, "every append saved exactly once"
    assert set(ids) == expected | {"SEED"}
    for w in range(WRITERS):  # each writer's events are in the order it appended them
        mine = [i for i in ids if i.startswith(f"W{w:02d}-")]
        assert mine == sorted(mine)
    assert (tmp_path / "events.csv.bak").is_file(), "the previous version is kept as a backup"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], leftovers
    print(f"\nconcurrent appends: {WRITERS} processes x {APPENDS_EACH} = {len(ids) - 1} saved exactly once")


def wait_for_temp_file(directory: Path, proc: subprocess.Popen, timeout: float = 30.0) -> Path | None:
    """The temporary file write_atomic creates when the write itself begins (None if the saver ended first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = list(directory.glob(".events.csv.*.tmp"))
        if found:
            return found[0]
        time.sleep(0.001)
    return None


def test_save_killed_at_random_moments_leaves_old_or_new_file(tmp_path):
    """SIGKILL the saver of a 20 MB file at random moments of the write itself (from the creation of its
    temporary file to just after the rename), several times: the file is always the old or the new one."""
    path = write_events(tmp_path / "events.csv", [
        row(event_id_cnty=f"K-{i}", notes="old " + "o" * 40) for i in range(40_000)])
    rng = random.Random(7)
    survived, outcomes, partial_temp = 0, {"old": 0, "new": 0}, 0
    for attempt in range(KILLS):
        before = path.read_bytes()
        new_notes = f"new {attempt} " + "n" * 400
        proc = python(SAVER, str(path), new_notes, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"loaded"
        temp = wait_for_temp_file(tmp_path, proc)
        assert temp is not None, "the saver must write through a temporary file"
        time.sleep(rng.uniform(0.0, 0.08))  # writing and syncing 20 MB takes some tens of milliseconds here
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        after = path.read_bytes()
        result = load_events(path)
        assert result.problems == [] and len(result.events) == 40_000, f"attempt {attempt}: damaged file"
        if after == before:
            outcomes["old"] += 1
        else:
            assert set(result.events["notes"]) == {new_notes}, f"attempt {attempt}: a mix of old and new"
            outcomes["new"] += 1
            assert (tmp_path / "events.csv.bak").read_bytes() == before, "the backup holds the previous file"
        survived += 1
        for tmp in tmp_path.glob(".events.csv.*.tmp"):  # what a killed writer leaves; never read as events
            partial_temp += 1
            tmp.unlink()
    assert survived == KILLS
    print(f"\nkills survived: {survived} of {KILLS} (old file kept {outcomes['old']}, new file {outcomes['new']}, "
          f"{partial_temp} half-written temporary files left beside it)")


def test_backup_of_the_previous_file_is_kept(tmp_path):
    from conflictmap.store import save_events

    path = write_events(tmp_path / "events.csv", [row(event_id_cnty="A")])
    first = path.read_bytes()
    events = load_events(path).events.copy()
    events["notes"] = "changed"
    save_events(path, events)
    assert Path(str(path) + ".bak").read_bytes() == first
    assert load_events(path).events["notes"].tolist() == ["changed"]
