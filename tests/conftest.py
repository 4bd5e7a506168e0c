"""Shared fixtures: a real `streamlit run` on 127.0.0.1, headless Debian Chromium, and a clean AppTest cache."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CONFLICTMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    def __init__(self, env: dict[str, str], script: str = "dashboard.py", attempts: int = 3):
        full_env = {**os.environ, "CONFLICTMAP_OFFLINE": "1", "CONFLICTMAP_DEBUG": "1", **env}
        for attempt in range(attempts):
            # free_port releases the port before streamlit binds it, so another process (a second test worker,
            # another checkout's suite) can take it meanwhile: a server that exits before it is healthy is
            # started again on another port (what it printed is in .pytest_cache/streamlit-PORT.log if that exists).
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            self.log = open(ROOT / ".pytest_cache" / f"streamlit-{self.port}.log", "w") if (
                ROOT / ".pytest_cache").is_dir() else subprocess.DEVNULL
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
                 "--server.port", str(self.port), "--server.headless", "true", "--server.fileWatcherType", "none"],
                cwd=ROOT, env=full_env, stdout=self.log, stderr=subprocess.STDOUT,
            )
            if self._wait() or attempt == attempts - 1:
                break
            self.stop()
        if self.proc.poll() is not None:
            self.stop()
            raise RuntimeError(f"streamlit exited with status {self.proc.returncode} on {attempts} ports")

    def _wait(self, timeout: float = 180.0) -> bool:
        """True once the server answers its health check; False if it exited first. Raises after `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return True
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if hasattr(self.log, "close"):
            self.log.close()


# Hypothesis draws the same examples on every run (derandomize: seeded by each test), so a failure in CI is one
# anyone can reproduce, and it keeps no example database in the working tree.
settings.register_profile("conflictmap", derandomize=True, database=None)
settings.load_profile("conflictmap")


@pytest.fixture(scope="session", autouse=True)
def private_events_cache(tmp_path_factory):
    """Parsed events files are cached in this session's own folder (each test worker has its own), never in the
    user's cache that other runs and other checkouts share; the servers started here inherit it."""
    if "CONFLICTMAP_CACHE" in os.environ:
        yield
        return
    os.environ["CONFLICTMAP_CACHE"] = str(tmp_path_factory.mktemp("events-cache"))
    yield
    os.environ.pop("CONFLICTMAP_CACHE", None)


@pytest.fixture(scope="session", autouse=True)
def map_assets():
    """The map's browser files, built from the sources of this checkout if they are missing or stale (after a
    rebase that changed static/conflictmap/, say), so that no test runs an old map script. When they cannot
    be built (no `npm ci` yet), the tests that need them fail with that message; the others still run."""
    import warnings

    from conflictmap import assets

    try:
        assets.check_installed()
    except assets.AssetsMissing:
        try:
            assets.install()
        except assets.AssetsMissing as exc:
            warnings.warn(f"map assets cannot be built: {exc}", stacklevel=1)


@pytest.fixture(scope="module")
def streamlit_server():
    """Factory: start a dashboard with extra environment variables; every server is stopped at module end."""
    servers: list[StreamlitServer] = []

    def start(**env: str) -> StreamlitServer:
        server = StreamlitServer(env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """Records every request and page error of a page, so a test can say none left 127.0.0.1."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def external_requests(self) -> list[str]:
        from urllib.parse import urlsplit

        return [u for u in self.requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                and urlsplit(u).hostname not in ("127.0.0.1",)]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    yield pg
    context.close()


@pytest.fixture
def clear_streamlit_caches():
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
