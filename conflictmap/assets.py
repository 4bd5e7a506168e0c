"""The browser code the map needs, served from local files so the dashboard works without internet.

Third-party libraries come from the npm registry at set-up (pinned in package.json) and are copied to
static/vendor/, which Streamlit serves at /app/static/. Nothing third-party is committed.

The project's own map script is written as ES modules in static/conflictmap/ (unit-tested with `node --test`)
and bundled at set-up by esbuild (a pinned npm dev dependency) into one classic script, static/build/
conflictmap.js: streamlit-folium loads scripts as classic <script> tags, and an exported HTML file opened from
file:// cannot load modules. The bundle names the digest of its sources, so a stale bundle is refused.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
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
    "leaflet.heat/dist/leaflet-heat.js": "leaflet.heat/leaflet-heat.js",
}

# The project's own browser code: modules and style committed under static/conflictmap/, the script bundled.
SCRIPT_DIR = STATIC / "conflictmap"
SCRIPT_ENTRY = SCRIPT_DIR / "main.js"
BUNDLE = "build/conflictmap.js"
# The map's Web Worker (the dataset's index and its queries), started by the map script, never a page script.
WORKER_ENTRY = SCRIPT_DIR / "worker.js"
WORKER = "build/conflictmap-worker.js"
OWN_JS = [BUNDLE]
OWN_CSS = ["conflictmap/events-layer.css"]
_BANNER = "/* conflictmap map script, bundled from static/conflictmap/ (sources {digest}); do not edit */"

JS = ["vendor/leaflet/leaflet.js"]
# Loaded by the events layer only when the heat map is switched on (each script delays the map's first view).
HEAT_JS = "vendor/leaflet.heat/leaflet-heat.js"
CSS = ["vendor/leaflet/leaflet.css"]


class AssetsMissing(RuntimeError):
    """A map asset is missing or out of date; the message says which and the command that installs it."""


def install_vendor_files(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> list[Path]:
    """Copy the pinned npm files into static/vendor/ (copies, since Streamlit will not follow links out of static/);
    the paths written. Raises AssetsMissing when a file is not in `node_modules` (npm ci was not run)."""
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


def sources_digest(script_dir: Path = SCRIPT_DIR) -> str:
    """16 hex digits of SHA-256 over the map script's modules (names and bytes), to tell a stale bundle."""
    digest = hashlib.sha256()
    for path in sorted(script_dir.glob("*.js")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_map_script(node_modules: Path = NODE_MODULES, static: Path = STATIC,
                     script_dir: Path = SCRIPT_DIR) -> Path:
    """Bundle the map script's modules into static/build/conflictmap.js and its worker into static/build/
    conflictmap-worker.js (IIFEs for ES2019 browsers, with the libraries they import from node_modules).

    Each is written through a temporary file and a rename, so a page never loads half a script. Raises
    AssetsMissing when esbuild is not installed (run `npm ci`) or the modules do not build (esbuild's message).
    Returns the map script's path.
    """
    esbuild = node_modules / ".bin" / "esbuild"
    if not esbuild.exists():
        raise AssetsMissing(f"{esbuild} is missing: run `npm ci` first")
    banner = _BANNER.format(digest=sources_digest(script_dir))
    for entry, name in ((SCRIPT_ENTRY.name, BUNDLE), (WORKER_ENTRY.name, WORKER)):
        target = static / name
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".conflictmap.", suffix=".js", dir=target.parent)
        os.close(fd)
        try:
            done = subprocess.run(
                [str(esbuild), str(script_dir / entry), "--bundle", "--format=iife", "--target=es2019",
                 "--log-level=warning", f"--banner:js={banner}", f"--outfile={tmp}"],
                capture_output=True, text=True, check=False,
                env={**os.environ, "NODE_PATH": str(node_modules)},  # the libraries, wherever the sources are
            )
            if done.returncode != 0:
                raise AssetsMissing(f"the map script does not build: {done.stderr.strip()}")
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return static / BUNDLE


def install(node_modules: Path = NODE_MODULES) -> list[Path]:
    """Everything `python -m conflictmap assets` installs: the vendor files, then the bundled map script."""
    return install_vendor_files(node_modules) + [build_map_script(node_modules)]


def check_installed(static: Path = STATIC, script_dir: Path = SCRIPT_DIR) -> None:
    """Raise AssetsMissing unless every map asset is installed and the bundle matches its sources."""
    missing = [name for name in JS + CSS + OWN_JS + [WORKER, HEAT_JS] if not (static / name).is_file()]
    if missing:
        raise AssetsMissing(
            f"map assets missing ({', '.join(missing)}): run scripts/setup.sh or `python -m conflictmap assets`"
        )
    for name in (BUNDLE, WORKER):
        with open(static / name, encoding="utf-8") as f:
            found = re.search(r"\(sources ([0-9a-f]+)\)", f.readline())
        if not found or found.group(1) != sources_digest(script_dir):
            raise AssetsMissing(f"static/{name} is older than its sources in static/conflictmap/: run "
                                "`python -m conflictmap assets` (or scripts/setup.sh)")


def urls(names: list[str]) -> list[str]:
    return [f"{STATIC_URL}/{name}" for name in names]


def read_text(name: str) -> str:
    """An asset's contents, for pages that must stand alone (the HTML export)."""
    return (STATIC / name).read_text(encoding="utf-8")
