#!/usr/bin/env bash
# Set up conflictmap on a fresh machine: Python packages (PyPI), map assets (npm registry), gazetteer index.
# Idempotent: safe to run again; it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "${1:-requirements.txt}"
npm ci --no-audit --no-fund --loglevel=error
# Copies the map libraries into static/vendor/ and bundles the map script's modules into static/build/.
.venv/bin/python -m conflictmap assets
# Builds the offline gazetteer's index now (once per change of geodata/), not at a user's first place lookup.
.venv/bin/python -m conflictmap gazetteer info
