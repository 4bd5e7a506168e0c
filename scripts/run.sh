#!/usr/bin/env bash
# Set up (if needed) and open the dashboard on the bundled events.csv at http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m streamlit run dashboard.py --server.address "${HOST:-localhost}" --server.port "${PORT:-8501}" "$@"
