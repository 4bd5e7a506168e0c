"""The opt-in Nominatim fallback, with geopy's real client against an HTTP server of our own on 127.0.0.1."""
from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from conflictmap.geocoding import build_geocoder
from conflictmap.geocoding.online import CachedNominatim, make_nominatim

from tests.geocoding_support import copy_geodata

USER_AGENT = "conflictmap-tests/1 (tests of the online fallback)"


def place(name: str, lat: float, lon: float, kind: str = "village", state: str = "Donetsk Oblast") -> dict:
    return {"place_id": 1, "lat": str(lat), "lon": str(lon), "name": name, "display_name": f"{name}, {state}, Ukraine",
            "class": "place", "type": kind, "addresstype": kind, "importance": 0.3,
            "address": {kind: name, "state": state, "country": "Ukraine", "country_code": "ua"}}


# Invented answers of a test server: the names and coordinates below are fixtures, not facts about places.
ANSWERS = {
    "Testivka": [place("Testivka", 48.1, 37.1)],
    "Twinivka": [place("Twinivka", 48.0, 37.0), place("Twinivka", 50.0, 31.0, state="Kyiv Oblast")],
    "Nowhere": [],
}


class Server:
    """A stand-in Nominatim: canned answers, plus 'busy' (429), 'down' (503), 'broken' (500) and 'slow'."""

    def __init__(self):
        self.requests: list[dict] = []
        self.times: list[float] = []
        self.closing = threading.Event()
        self.slow_seconds: float | None = None  # how long 'slow' takes; None: until the test is over
        self.fail_next = ""
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                url = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                outer.requests.append({"path": url.path, "params": params, "agent": self.headers.get("User-Agent")})
                outer.times.append(time.monotonic())
                query = params.get("q", "")
                status = {"busy": 429, "down": 503, "broken": 500}.get(query) or {
                    "busy": 429, "down": 503}.get(outer.fail_next)
                outer.fail_next = ""
                if query == "slow":  # by default answers only when the test is over: slower than any timeout
                    outer.closing.wait(60 if outer.slow_seconds is None else outer.slow_seconds)
                if status:  # no Retry-After header: urllib3 would retry such answers by itself
                    self.send_response(status)
                    self.end_headers()
                    return
                body = json.dumps(ANSWERS.get(query, [])).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except BrokenPipeError:  # the client gave up on a slow answer
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def server(monkeypatch):
    srv = Server()
    monkeypatch.setenv("CONFLICTMAP_NOMINATIM_URL", srv.url)
    monkeypatch.setenv("CONFLICTMAP_USER_AGENT", USER_AGENT)
    yield srv
    srv.close()


# A client's timeout: long enough for an answer from a loaded machine; the 'slow' query never answers in time.
TIMEOUT_SECONDS = 10.0


def client(tmp_path, network=True, delay=0.0, timeout=TIMEOUT_SECONDS):
    return CachedNominatim(tmp_path / "nominatim.json", network=network, min_delay_seconds=delay, max_retries=0,
                           error_wait_seconds=delay, factory=lambda: make_nominatim(timeout=timeout))


def test_answer_is_asked_once_then_served_from_the_disk_cache(server, tmp_path):
    first = client(tmp_path).lookup("Testivka")
    assert first.found and first.source == "nominatim" and (first.lat, first.lon) == (48.1, 37.1)
    assert first.country == "UA" and first.admin1 == "Donetsk Oblast" and first.geo_precision == 1
    request = server.requests[0]
    assert request["path"] == "/search" and request["agent"] == USER_AGENT
    assert request["params"]["countrycodes"] == "ua,ru,by,md" and request["params"]["format"] == "json"
    again = client(tmp_path).lookup("testivka")  # a new process: the cache file answers, no request
    assert again.source == "cache" and (again.lat, again.lon) == (48.1, 37.1)
    assert len(server.requests) == 1
    assert "testivka|" in json.loads((tmp_path / "nominatim.json").read_text(encoding="utf-8"))


def test_no_result_is_cached_too(server, tmp_path):
    assert not client(tmp_path).lookup("Nowhere").found
    assert not client(tmp_path).lookup("Nowhere").found
    assert len(server.requests) == 1


def test_two_far_apart_places_of_one_name_are_not_guessed(server, tmp_path):
    r = client(tmp_path).lookup("Twinivka")
    assert not r.found and len(r.candidates) == 2


def test_admin1_hint_picks_among_answers(server, tmp_path):
    geo_client = client(tmp_path)
    r = geo_client.lookup("Twinivka", admin1="Kyiv Oblast", admin1_matches=lambda hint, state: hint == state)
    assert r.found and (r.lat, r.lon) == (50.0, 31.0)


def test_country_hint_narrows_the_search(server, tmp_path):
    client(tmp_path).lookup("Testivka", country="ru")
    assert server.requests[0]["params"]["countrycodes"] == "ru"


@pytest.mark.parametrize("query, words", [("busy", "429"), ("down", "timed out"), ("broken", "error"),
                                          ("slow", "timed out")])
def test_errors_and_slow_answers_are_reported_and_not_cached(server, tmp_path, query, words):
    geo_client = client(tmp_path, timeout=0.5 if query == "slow" else TIMEOUT_SECONDS)
    r = geo_client.lookup(query)
    assert not r.found and words in r.reason
    assert not (tmp_path / "nominatim.json").exists()


def test_a_failed_name_is_asked_again_later(server, tmp_path):
    server.fail_next = "busy"
    assert not client(tmp_path).lookup("Testivka").found
    assert client(tmp_path).lookup("Testivka").found
    assert len(server.requests) == 2


def test_refused_connection_is_unavailable(tmp_path, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("CONFLICTMAP_NOMINATIM_URL", f"http://127.0.0.1:{port}")
    r = client(tmp_path).lookup("Testivka")
    assert not r.found and "unavailable" in r.reason


class FakeTime:
    """A clock that moves only when the limiter sleeps: the test checks the waits asked for, never waits."""

    def __init__(self):
        self.now, self.slept = 100.0, []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_requests_are_spaced_by_the_rate_limiter(server, tmp_path):
    fake = FakeTime()
    geo_client = CachedNominatim(tmp_path / "nominatim.json", network=True, min_delay_seconds=1.0, max_retries=0,
                                 error_wait_seconds=1.0, factory=lambda: make_nominatim(timeout=TIMEOUT_SECONDS),
                                 clock=fake.clock, sleep=fake.sleep)
    geo_client.lookup("Testivka")
    fake.now += 0.25  # a quarter of a second of other work
    geo_client.lookup("Nowhere")
    geo_client.lookup("Testivka")  # cached: no request, no wait
    assert len(server.times) == 2 and fake.slept == [pytest.approx(0.75)]


def test_offline_asks_nobody_but_still_reads_the_cache(server, tmp_path):
    client(tmp_path).lookup("Testivka")
    offline = client(tmp_path, network=False)
    assert offline.lookup("Testivka").source == "cache"
    unknown = offline.lookup("Otherivka")
    assert not unknown.found and "online lookup is off" in unknown.reason
    assert len(server.requests) == 1


def test_chain_asks_nominatim_only_for_names_the_gazetteer_lacks(server, tmp_path):
    data = copy_geodata(tmp_path / "geodata")
    geo = build_geocoder(online=True, directory=data)
    geo.online = CachedNominatim(data / "cache" / "nominatim.json", network=True, min_delay_seconds=0.0,
                                 max_retries=0, error_wait_seconds=0.0, factory=lambda: make_nominatim(timeout=TIMEOUT_SECONDS))
    assert geo.lookup("Kyiv").source == "gazetteer"
    assert geo.lookup("Lyman").candidates and not geo.lookup("Lyman").found  # ambiguous: not sent online
    assert server.requests == []
    assert geo.lookup("Testivka").source == "nominatim"
    assert len(server.requests) == 1
    offline = build_geocoder(online=False, directory=data)
    assert offline.lookup("Testivka").source == "cache"
    assert len(server.requests) == 1


def test_bad_server_url_is_refused(monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_NOMINATIM_URL", "ftp://example")
    with pytest.raises(ValueError, match="http"):
        make_nominatim()
