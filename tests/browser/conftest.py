"""A real `streamlit run serve.py` (app.py with the warm-up at start, as ./dev.sh app runs it) on a free port,
driven by Debian's Chromium through playwright."""

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
from playwright.sync_api import TimeoutError as PlaywrightTimeout

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
    port = int(os.environ.get("MCDA_BROWSER_PORT", "0")) or free_port()  # a fixed port where the machine asks for one
    env = {**os.environ, "MCDA_DATABASE_URL": server_db_url}
    log_path = ROOT / "test-output" / "streamlit-server.log"  # a file, so a chatty server never blocks
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port), "--server.headless", "true"],
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


# Streamlit's own mark of a script run on its root element: "initial" before the first run, "running",
# "rerunRequested", then "notRunning" once the run has finished and its elements are on the page.
IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""
# counts the script runs that start in this document (-1: the counter is new, this document has not been watched)
WATCH_RUNS = """() => {
    if (window.mcdaRunsStarted !== undefined) return window.mcdaRunsStarted;
    window.mcdaRunsStarted = 0;
    new MutationObserver(records => {
        for (const r of records) if (r.target.getAttribute(r.attributeName) === 'running') window.mcdaRunsStarted += 1;
    }).observe(document.documentElement,
        {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
    return -1;
}"""
RUN_START_MS = 2_000  # an action that starts a script run has started it by then (the server answers in ms)


def wait_until_idle(page, timeout_ms: int = 45_000) -> None:
    """Wait until the page's script run has finished (Streamlit's ``data-test-script-state``), no element is a
    loading skeleton, and the runs an action since the last wait may have started are over: that is, the
    first run after a ``goto``, or the run a click, a key press or a typed value started."""
    mark = getattr(page, "mcda_runs", None)
    runs = page.evaluate(WATCH_RUNS)
    if runs >= 0 and mark is not None and runs <= mark:
        try:  # the state still says "notRunning" for the moment between an action and its run's start
            page.wait_for_function(f"() => window.mcdaRunsStarted > {mark}", timeout=RUN_START_MS)
        except PlaywrightTimeout:  # the action started no run
            pass
    page.wait_for_function(IDLE, timeout=timeout_ms)
    page.mcda_runs = page.evaluate(WATCH_RUNS)


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
