"""`python -m conflictmap <command>`: the one command-line entry.

Each command lives in a module that exposes `register(subparsers)`; the parser it adds carries `func(args) -> int`.
"""
from __future__ import annotations

import argparse
import importlib
import sys

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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv else None).parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
