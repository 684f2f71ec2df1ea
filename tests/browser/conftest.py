"""A real `streamlit run app.py` on a free port, driven by Debian's Chromium through playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium must be installed for the browser tests (./dev.sh test installs it)")
        pytest.skip("no /usr/bin/chromium")
    return CHROMIUM


@pytest.fixture(scope="session")
def server_db_url(tmp_path_factory) -> str:
    """The database of the ``server`` process (tests may open it with the engine to check what the pages stored)."""
    return f"sqlite:///{tmp_path_factory.mktemp('browser') / 'app.sqlite'}"


def wait_healthy(url: str, proc: subprocess.Popen, log_path: Path, seconds: float = 90) -> None:
    """Wait until the server at ``url`` answers its health check; fail with its log if it stops or never does."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the server stopped: {log_path.read_text()}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail(f"the server did not start: {log_path.read_text()}")


@pytest.fixture(scope="session")
def server(server_db_url: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "MCDA_DATABASE_URL": server_db_url}
    log_path = ROOT / "test-output" / "streamlit-server.log"  # a file, so a chatty server never blocks
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc, log_path)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def wait_until_idle(page, timeout_ms: int = 45_000) -> None:
    """Wait until the script run has finished, no element is a loading skeleton, and charts drew."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const status = document.querySelector('[data-testid="stStatusWidget"]');
            const running = status && /Running|Kjører/.test(status.innerText);
            const main = document.querySelector('[data-testid="stMain"]');
            return !running && main && main.querySelector('h1')
                && !document.querySelector('[data-testid="stSkeleton"]');
        }""",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(1500)


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
