"""The browser libraries the map needs, served from local files so the dashboard works without internet.

They come from the npm registry at set-up (pinned in package.json) and are copied to static/vendor/, which
Streamlit serves at /app/static/. Nothing third-party is committed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
STATIC = ROOT / "static"
VENDOR = STATIC / "vendor"
STATIC_URL = "/app/static"

# npm file -> name under static/vendor/
VENDOR_FILES = {
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "leaflet/dist/images/layers.png": "leaflet/images/layers.png",
    "leaflet/dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
    "leaflet/dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
    "leaflet/dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
    "leaflet/dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
    "supercluster/dist/supercluster.min.js": "supercluster/supercluster.min.js",
    "leaflet.heat/dist/leaflet-heat.js": "leaflet.heat/leaflet-heat.js",
}

# The project's own browser code, committed under static/conflictmap/.
OWN_JS = ["conflictmap/events-layer.js"]
OWN_CSS = ["conflictmap/events-layer.css"]

JS = ["vendor/leaflet/leaflet.js", "vendor/supercluster/supercluster.min.js"]
# Loaded by the events layer only when the heat map is switched on (each script delays the map's first view).
HEAT_JS = "vendor/leaflet.heat/leaflet-heat.js"
CSS = ["vendor/leaflet/leaflet.css"]


class AssetsMissing(RuntimeError):
    pass


def install_vendor_files(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> list[Path]:
    """Copy the pinned npm files into static/vendor/ (copies, since Streamlit will not follow links out of static/)."""
    written = []
    for source, target in VENDOR_FILES.items():
        src = node_modules / source
        if not src.is_file():
            raise AssetsMissing(f"{src} is missing: run `npm ci` first")
        dst = vendor / target
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        written.append(dst)
    return written


def check_installed() -> None:
    missing = [name for name in JS + CSS + [HEAT_JS] if not (STATIC / name).is_file()]
    if missing:
        raise AssetsMissing(
            f"map assets missing ({', '.join(missing)}): run scripts/setup.sh or `python -m conflictmap assets`"
        )


def urls(names: list[str]) -> list[str]:
    return [f"{STATIC_URL}/{name}" for name in names]


def read_text(name: str) -> str:
    """An asset's contents, for pages that must stand alone (the HTML export)."""
    return (STATIC / name).read_text(encoding="utf-8")
