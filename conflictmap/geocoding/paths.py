"""Where the geocoding data lives: `geodata/` beside the package, or the directory named by CONFLICTMAP_GEODATA."""
from __future__ import annotations

import os
from pathlib import Path


def geodata_dir() -> Path:
    configured = os.environ.get("CONFLICTMAP_GEODATA")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "geodata"


def cache_dir() -> Path:
    return geodata_dir() / "cache"
