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

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CONFLICTMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    def __init__(self, env: dict[str, str], script: str = "dashboard.py"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "CONFLICTMAP_OFFLINE": "1", "CONFLICTMAP_DEBUG": "1", **env}
        self.log = open(ROOT / ".pytest_cache" / f"streamlit-{self.port}.log", "w") if (
            ROOT / ".pytest_cache").is_dir() else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
             "--server.port", str(self.port), "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=full_env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with status {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if hasattr(self.log, "close"):
            self.log.close()


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
