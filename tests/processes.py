"""Real processes for the tests of saves: a process holding an events file's lock, and commands run where a
folder is read-only or its disk full (a private mount namespace, so the failures are the kernel's own)."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

HOLDER = textwrap.dedent("""
    import sys
    from conflictmap.csvio import lock_for

    with lock_for(sys.argv[1]):
        print("held", flush=True)
        sys.stdin.readline()
""")


def python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, **kwargs)


def finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()[-1500:]
    return out.decode()


def held_lock(path: Path) -> subprocess.Popen:
    holder = python(HOLDER, str(path), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"held"
    return holder


def release(holder: subprocess.Popen) -> None:
    holder.stdin.write(b"\n")
    holder.stdin.flush()
    finish(holder)


def can_confine() -> bool:
    return subprocess.run(["unshare", "-r", "-m", "true"], capture_output=True).returncode == 0


needs_confinement = pytest.mark.skipif(not can_confine(), reason="needs user and mount namespaces (unshare -r -m)")


def confined(folder: Path, how: str, *command: str) -> tuple[subprocess.CompletedProcess, list[str], str]:
    """Run `command` in a private mount namespace where `folder` is read-only ("read-only") or a tmpfs just large
    enough for the files already in it ("full"), so the failures are the kernel's own. Returns the run, and the
    names in `folder` and the SHA-256 of its events.csv ("-" if none) as seen inside the namespace afterwards."""
    if how == "read-only":
        setup = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}"'
    else:
        used_kb = sum(p.stat().st_size for p in folder.iterdir()) // 1024 + 16
        setup = (f'cp -a "{folder}" "{folder}.seed" && mount -t tmpfs -o size={used_kb}k tmpfs "{folder}" && '
                 f'cp -a "{folder}.seed/." "{folder}/"')
    events = f'"{folder}/events.csv"'
    after = f'; status=$?; echo @after; ls -A "{folder}"; [ -f {events} ] && sha256sum {events} || echo -; exit $status'
    done = subprocess.run(["unshare", "-r", "-m", "sh", "-c", setup + ' && "$@"' + after, "sh", *command],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    output, _, inside = done.stdout.rpartition("@after\n")
    *names, digest = inside.strip().split("\n")
    return subprocess.CompletedProcess(done.args, done.returncode, output, done.stderr), names, digest.split()[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
