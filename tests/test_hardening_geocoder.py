"""Geocoder outages: the batch geocoder with --online keeps going when Nominatim is down, slow or answering 429,
says what it could not place and why, and never asks more than once a second."""
from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys

import pytest

from tests.geocoding_support import ROOT, copy_geodata
from tests.test_geocoding_online import USER_AGENT, Server

# "busy" answers 429, "down" 503, "broken" 500, "slow" takes 1.5 s (see the Server of test_geocoding_online);
# Testivka is one of its invented places. Kyiv is answered by the offline gazetteer and never asked online;
# "busy" is a GeoNames name (in Turkey): asked for in UA it is refused offline, as known elsewhere, and never
# sent online, so the 429 is exercised by Testivka's first request (the server's `fail_next`).
QUERIES = ["Kyiv", "Testivka", "busy", "down", "slow", "broken", "Nowhere"]
COUNTRY = {"busy": "UA"}


@pytest.fixture()
def geodata(tmp_path):
    return copy_geodata(tmp_path / "geodata")


def batch(tmp_path, geodata, server_url: str, queries: list[str]) -> tuple[subprocess.CompletedProcess, dict]:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["query", "country"]] + [[q, COUNTRY.get(q, "")] for q in queries])
    env = {**os.environ, "CONFLICTMAP_GEODATA": str(geodata), "CONFLICTMAP_NOMINATIM_URL": server_url,
           "CONFLICTMAP_USER_AGENT": USER_AGENT}
    done = subprocess.run([sys.executable, "-m", "conflictmap", "geocode", "--batch", str(source), "--out",
                           str(target), "--online"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    rows = list(csv.DictReader(open(target, encoding="utf-8", newline=""))) if target.exists() else []
    return done, {r["query"]: r for r in rows}


def test_batch_survives_a_misbehaving_server_and_keeps_the_rate(tmp_path, geodata):
    server = Server()
    server.fail_next = "busy"  # Testivka's first request is refused with 429, its retry is answered
    try:
        done, out = batch(tmp_path, geodata, server.url, QUERIES)
    finally:
        server.close()
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert list(out) == QUERIES, "one output row per input row, in order"
    assert out["Kyiv"]["found"] == "True" and out["Kyiv"]["source"] == "gazetteer"
    assert out["Testivka"]["found"] == "True" and out["Testivka"]["source"] == "nominatim", "retried after 429"
    assert [r["params"]["q"] for r in server.requests][:2] == ["Testivka", "Testivka"]
    for failed in ("busy", "down", "slow", "broken", "Nowhere"):
        assert out[failed]["found"] == "False" and out[failed]["lat"] == ""
    assert "7 rows, 2 placed, 5 not found" in done.stderr
    for query, words in (("down", "503"), ("broken", "500"), ("Nowhere", "no answer")):
        line = next((ln for ln in done.stderr.splitlines() if f"'{query}'" in ln), "")
        assert words in line, f"the reason {query!r} was not placed must be reported: {done.stderr}"
    # The client spaces the starts of its requests by 1 s; their arrival here also carries connection set-up
    # time, so single gaps may look some milliseconds shorter. Without the limiter they would be ~0.01 s.
    gaps = [b - a for a, b in zip(server.times, server.times[1:])]
    assert gaps and min(gaps) >= 0.9, f"requests must be about 1 s apart: {gaps}"
    assert (server.times[-1] - server.times[0]) / len(gaps) >= 1.0, "on average at most one request a second"
    print(f"\nonline batch: {len(server.requests)} requests, smallest gap {min(gaps):.2f} s")


def test_batch_with_the_server_down_still_places_what_the_gazetteer_knows(tmp_path, geodata):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    done, out = batch(tmp_path, geodata, closed, ["Kharkiv", "Testivka", "Kyiv"])
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert [out[q]["found"] for q in ("Kharkiv", "Testivka", "Kyiv")] == ["True", "False", "True"]
    assert "unavailable" in done.stderr and "'Testivka'" in done.stderr
    assert not (geodata / "cache" / "nominatim.json").exists(), "a failure is never cached as 'no such place'"
