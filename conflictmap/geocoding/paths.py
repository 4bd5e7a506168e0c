"""Where the geocoding data lives: `geodata/` beside the package, or the directory named by CONFLICTMAP_GEODATA."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs


BUNDLED = Path(__file__).resolve().parents[2] / "geodata"  # the checkout's own geodata/


def geodata_dir() -> Path:
    """The geodata directory: CONFLICTMAP_GEODATA when set, else geodata/ beside the package."""
    configured = os.environ.get("CONFLICTMAP_GEODATA")
    return Path(configured) if configured else BUNDLED


def cache_dir(directory: Path | None = None) -> Path:
    """Where the built index and the Nominatim cache of a geodata directory (default: the configured one) live;
    rebuildable. For the checkout's own geodata/ that is the user's cache directory (platformdirs), one folder per
    checkout, so that nothing is written into the source tree; for any other directory, its cache/ folder."""
    directory = Path(directory if directory is not None else geodata_dir()).resolve()
    if directory != BUNDLED.resolve():
        return directory / "cache"
    tag = hashlib.sha256(str(directory).encode()).hexdigest()[:12]
    return Path(platformdirs.user_cache_dir("conflictmap")) / f"geodata-{tag}"


def added_dir(directory: Path | None = None) -> Path:
    """Where `gazetteer add` keeps the GeoNames country dumps a user added (the gazetteer's own data, not a cache)."""
    return Path(directory if directory is not None else geodata_dir()) / "gazetteer"
