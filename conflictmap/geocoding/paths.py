"""Where the geocoding data lives: `geodata/` beside the package, or the directory named by CONFLICTMAP_GEODATA."""
from __future__ import annotations

import os
from pathlib import Path


def geodata_dir() -> Path:
    """The geodata directory: CONFLICTMAP_GEODATA when set, else geodata/ beside the package."""
    configured = os.environ.get("CONFLICTMAP_GEODATA")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "geodata"


def cache_dir() -> Path:
    """Where the built index and the Nominatim cache live (rebuildable, git-ignored)."""
    return geodata_dir() / "cache"


def added_dir(directory: Path | None = None) -> Path:
    """Where `gazetteer add` keeps the GeoNames country dumps a user added (the gazetteer's own data, not a cache)."""
    return Path(directory if directory is not None else geodata_dir()) / "gazetteer"
