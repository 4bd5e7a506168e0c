"""`assets`: copy the pinned browser libraries from node_modules/ into static/vendor/."""
from __future__ import annotations

import sys

from ..assets import AssetsMissing, install_vendor_files


def register(subparsers) -> None:
    p = subparsers.add_parser("assets", help="install the map's JavaScript/CSS from node_modules into static/vendor")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        written = install_vendor_files()
    except AssetsMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"installed {len(written)} asset files into static/vendor/")
    return 0
