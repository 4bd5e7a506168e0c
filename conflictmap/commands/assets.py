"""`assets`: copy the pinned browser libraries from node_modules/ into static/vendor/ and bundle the map script."""
from __future__ import annotations

import sys

from ..assets import AssetsMissing, install


def register(subparsers) -> None:
    p = subparsers.add_parser("assets", help="install the map's JavaScript/CSS from node_modules into static/vendor "
                              "and bundle the map script into static/build")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        written = install()
    except AssetsMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"installed {len(written) - 1} asset files into static/vendor/ and the map script into static/build/")
    return 0
