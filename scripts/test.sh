#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite, browser tests included (needs /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
