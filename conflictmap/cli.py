"""`python -m conflictmap <command>`: the one command-line entry.

Each command lives in a module that exposes `register(subparsers)`; the parser it adds carries `func(args) -> int`.
"""
from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = [
    "conflictmap.commands.validate",
    "conflictmap.commands.assets",
    "conflictmap.commands.geocode",
    "conflictmap.commands.gazetteer",
    "conflictmap.commands.place",
    "conflictmap.commands.importer",
    "conflictmap.commands.extract",
    "conflictmap.commands.export",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m conflictmap", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
