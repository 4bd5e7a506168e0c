"""`python -m conflictmap <command>`: the one command-line entry.

Each command lives in a module that exposes `register(subparsers)`; the parser it adds carries `func(args) -> int`.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import threading

# command name -> the module that registers it
COMMANDS = {
    "validate": "conflictmap.commands.validate",
    "assets": "conflictmap.commands.assets",
    "geocode": "conflictmap.commands.geocode",
    "gazetteer": "conflictmap.commands.gazetteer",
    "place": "conflictmap.commands.place",
    "import": "conflictmap.commands.importer",
    "extract": "conflictmap.commands.extract",
    "export": "conflictmap.commands.export",
}
COMMAND_MODULES = list(COMMANDS.values())


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `command` alone (a run then imports only what that command needs)."""
    parser = argparse.ArgumentParser(prog="python -m conflictmap", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None, entry: bool = False) -> int:
    """Run the command `argv` (default: the process's arguments) and return its exit status. `entry`: called as
    the process's entry point (__main__), so that a command whose parser sets `exit_at_once` may end the process
    as soon as it is done (see `exit_at_once`)."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    status = _run(args)
    if entry and getattr(args, "exit_at_once", False):
        exit_at_once(status)
    return status


def _run(args) -> int:
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a file that cannot be read, written or locked: one sentence, no traceback
        from .csvio import StoreIOError  # here, so that a command imports only what it needs

        if not isinstance(exc, StoreIOError):
            raise
        print(exc, file=sys.stderr)
        return 2


def exit_at_once(status: int) -> None:
    """End the process with `status` now, its output flushed, without the interpreter's tear-down: freeing every
    module and object one by one costs about 0.15 s of CPU once pandas and pyarrow are loaded (8% of an import of
    200,000 rows). Only for a command that leaves nothing to finish (its files written, synced and closed; no exit
    handler of its own); while a thread other than daemons runs on, the process ends the usual way instead."""
    if any(not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said on it
            pass
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
