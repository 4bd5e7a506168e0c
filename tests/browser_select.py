"""What the map's browser code selects for a layer payload, computed by that very code in Node
(tests/js/select_rows.mjs), for tests that check the browser and the server agree on every filter."""
from __future__ import annotations

import json
import shutil
import subprocess

import pandas as pd

from conflictmap.mapdata import inline_dataset
from tests.conftest import ROOT

NODE = shutil.which("node") or "node"
SCRIPT = ROOT / "tests" / "js" / "select_rows.mjs"


def browser_rows(events: pd.DataFrame, payloads: list[dict]) -> list[list[int]]:
    """For each payload ({filter, mask, focus}, as mapview.EventsLayer writes them), the rows of `events` the
    browser selects, drawn or not on the map, in file order."""
    data = inline_dataset(events)
    request = {"meta": data["meta"], "points": data["points"],
               "payloads": [{k: p.get(k) for k in ("filter", "mask", "focus")} for p in payloads]}
    done = subprocess.run([NODE, str(SCRIPT)], input=json.dumps(request), capture_output=True, text=True,
                          check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"node failed: {done.stderr.strip()}")
    return [sorted(found["drawn"] + found["offMap"]) for found in json.loads(done.stdout)]
