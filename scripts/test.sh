#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: the map script's unit tests in Node (seconds), then pytest,
# browser tests included (needs /usr/bin/chromium). Stops at the first runner that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
node --test --test-reporter=spec tests/js/
exec .venv/bin/python -m pytest "$@"
