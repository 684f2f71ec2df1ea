"""Benchmark: the app in real headless Chromium - one slider input until the page has redrawn,
the ranking page with the new weights, and a cold first paint.

Starts the server as ``./dev.sh app`` does (``streamlit run serve.py``: app.py plus the warm-up
thread of ``ui/warmup.py``; ``--entry app.py`` for the bare app) on its own port with a fresh
SQLite file, then with playwright and Debian's Chromium (``/usr/bin/chromium``, never a
downloaded browser):

- bytecode: the server runs with Python's bytecode cache on (in ``--pycache``, default
  ``var/bench-pycache``), and one priming start loads the pages once before anything is timed,
  so a cold start is what every start after the first is (an install with ``--compile-bytecode``,
  as dev.sh's, has it from the first); ``--no-prime`` times the start that compiles;
- cold first paint (``--cold`` fresh server processes): a browser already running (started before
  the server, as a visitor's is) opens /ranking in a new context right after the server answers its
  health check; timed from that answer until the ranking page's title, its drawn score chart
  (``.vega-embed``) and its last element (the download expander) are on screen; printed also from
  the server process's start (the answer's seconds plus the paint's), since a server that answers
  later may paint sooner after its answer;
- the same for a first visitor who comes ``--late`` seconds (default 15) after the answer, once:
  what the warm-up of serve.py is for (a server started before the meeting);
- input to redraw (median and p90 of ``--repeats``): on the weights page one PageUp (or PageDown)
  on the first slider, i.e. one input that moves it 10 points and sends one rerun; timed from the
  key press until the other sliders show their rebalanced values and Streamlit's running
  indicator is gone;
- then the ranking page with the new weights: a click on its link in the sidebar (no page
  reload), timed until its title, its drawn score chart and its last element are there.

The baselines in the same run: a click on the weights page's link (navigation of a page that
draws no ranking), with each warm figure's ratio to it; for the cold paint, the same fresh start
of a page with only a title, two expanders and one small chart (what Streamlit's own frontend
costs a new browser). The load average is printed before and after,
and the CPU seconds the server process and Chromium spent on each step (from /proc): on a
shared machine the wall clock stretches with the load, the CPU a step costs much less.

    PYTHONPATH=src python benchmarks/bench_browser.py [--port 8678] [--repeats 10] [--cold 3]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
TARGET_CHANGE_S, TARGET_COLD_S = 0.5, 3.0

# Streamlit's own mark of the script run on its root element ("initial", "running", "notRunning", ...)
NOT_RUNNING = """(() => { const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'; })()"""
IDLE = f"() => {NOT_RUNNING}"
RANKING_DRAWN = (
    """(title) => {
    const idle = """
    + NOT_RUNNING
    + """;
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return false;
    const h1 = main.querySelector('h1');
    const chart = main.querySelector('.vega-embed svg, .vega-embed canvas');
    const expanders = main.querySelectorAll('[data-testid="stExpander"]');
    return h1 && h1.innerText.includes(title) && chart && expanders.length >= 2 && idle
        && !main.querySelector('[data-testid="stSkeleton"]');
}"""
)
SLIDER_VALUES = """() => Array.from(document.querySelectorAll('[data-testid="stSlider"] input[type=range]'))
    .map(e => parseFloat((e.getAttribute('aria-valuetext') || e.value).replace(',', '.')))"""
# the first slider moved 10 points (sign: +1 up, -1 down) and the others gave them back (the rerun rebalanced them)
REBALANCED = (
    "([before, sign]) => { const values = (" + SLIDER_VALUES + ")(); const total = values.reduce((a, b) => a + b, 0);"
    " return sign * (values[0] - before[0]) > 5 && sign * (values[1] - before[1]) < 0 && Math.abs(total - 100) < 0.5; }"
)


# the cold baseline: what any Streamlit page with a title, the two expanders and one chart costs the server
# and a fresh browser (Streamlit's own frontend); the ranking page's cold paint is compared with it
FLOOR_SCRIPT = """import streamlit as st
st.title("Rangering")
with st.expander("a"):
    st.write("a")
with st.expander("b"):
    st.write("b")
st.vega_lite_chart({"data": {"values": [{"a": 1, "b": 2}]}, "mark": "bar",
    "encoding": {"x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"}}})
"""


def start_server(port: int, db: str, entry: str, pycache: Path | None) -> subprocess.Popen:
    env = {**os.environ, "MCDA_DATABASE_URL": db}
    if pycache is not None:  # bytecode cached as on an ordinary install, wherever the venv keeps none
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", entry, "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_health(url: str, timeout: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not answer")


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of these processes so far (Linux /proc): on a shared machine the wall
    clock stretches with the load average, the CPU a step costs much less."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def chromium_pids() -> list[int]:
    """This benchmark's Chromium processes (descendants of this process)."""
    parent: dict[int, int] = {}
    name: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                head, tail = (entry / "stat").read_text().rsplit(")", 1)
            except OSError:
                continue
            parent[int(entry.name)], name[int(entry.name)] = int(tail.split()[1]), head.split("(", 1)[1]
    mine, found = {os.getpid()}, True
    while found:
        new = {pid for pid, ppid in parent.items() if ppid in mine and pid not in mine}
        mine |= new
        found = bool(new)
    return [pid for pid in mine if "chrom" in name.get(pid, "")]


class CpuMeter:
    """CPU seconds of the server and of Chromium over one timed step."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.samples: dict[str, list[tuple[float, float]]] = {}

    def __enter__(self) -> CpuMeter:
        self.chromium = chromium_pids()
        self.start = (cpu_seconds([self.server_pid]), cpu_seconds(self.chromium))
        return self

    def stop(self, step: str) -> None:
        end = (cpu_seconds([self.server_pid]), cpu_seconds(sorted(set(self.chromium) | set(chromium_pids()))))
        self.samples.setdefault(step, []).append((end[0] - self.start[0], end[1] - self.start[1]))

    def __exit__(self, *_: object) -> None:
        pass


def nav(page, label: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=label).first.click()


def new_page(browser):
    return browser.new_context(viewport={"width": 1400, "height": 2000}, locale="nb-NO").new_page()


def cold_start(
    p,
    args,
    url: str,
    tmp: str,
    n: int,
    cpu: CpuMeter,
    entry: str | None = None,
    interact: bool = False,
    late: float = 0.0,
) -> tuple[float, float, dict[str, list[float]]]:
    """One fresh server process (``entry``, default ``args.entry``): (seconds until it answered, cold first
    paint after that, the warm interactions if ``interact``); the CPU of each step goes to ``cpu``.

    The browser is running before the server starts, as a visitor's is: launched after the server's
    answer, its start-up would share the cores with the server's first seconds untimed."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    server = start_server(args.port, f"sqlite:///{tmp}/bench{n}.sqlite", entry or args.entry, args.pycache)
    try:
        t_health = wait_health(url)
        time.sleep(late)  # a first visitor who comes ``late`` seconds after the server answered
        cpu.server_pid = server.pid
        with cpu:
            start = time.perf_counter()
            page = new_page(browser)
            page.goto(f"{url}/ranking" if entry is None else url)
            page.wait_for_function(RANKING_DRAWN, arg="Rangering", timeout=180_000)
            t_cold = time.perf_counter() - start
            cpu.stop("cold")
        warm = interactions(page, url, args.repeats, cpu) if interact else {}
    finally:
        browser.close()
        server.terminate()
        server.wait(timeout=30)
    return t_health, t_cold, warm


def interactions(page, url: str, repeats: int, cpu: CpuMeter) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"reload": [], "input": [], "ranking": [], "baseline": []}
    start = time.perf_counter()
    page.goto(f"{url}/ranking")
    page.wait_for_function(RANKING_DRAWN, arg="Rangering", timeout=180_000)
    times["reload"].append(time.perf_counter() - start)
    page.goto(f"{url}/weights")
    page.wait_for_selector('[data-testid="stSlider"] input[type=range]', state="attached", timeout=180_000)
    page.wait_for_function(IDLE)
    page.wait_for_timeout(1000)
    for _ in range(repeats):
        before = page.evaluate(SLIDER_VALUES)
        sign = 1 if before[0] < 50 else -1
        page.locator('[data-testid="stSlider"] input[type=range]').first.focus()
        with cpu:
            start = time.perf_counter()
            page.keyboard.press("PageUp" if sign > 0 else "PageDown")  # one input: 10 points, one rerun
            page.wait_for_function(REBALANCED, arg=[before, sign], timeout=180_000)
            page.wait_for_function(IDLE, timeout=180_000)
            times["input"].append(time.perf_counter() - start)
            cpu.stop("input")
        with cpu:
            start = time.perf_counter()
            nav(page, "Rangering")
            page.wait_for_function(RANKING_DRAWN, arg="Rangering", timeout=180_000)
            times["ranking"].append(time.perf_counter() - start)
            cpu.stop("ranking")
        with cpu:
            start = time.perf_counter()
            nav(page, "Vekting")
            page.wait_for_selector('[data-testid="stSlider"] input[type=range]', state="attached", timeout=180_000)
            page.wait_for_function(IDLE, timeout=180_000)
            times["baseline"].append(time.perf_counter() - start)
            cpu.stop("baseline")
        page.wait_for_timeout(300)
    return times


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8678)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--cold", type=int, default=3, help="fresh server processes for the cold first paint")
    parser.add_argument("--entry", default="serve.py", help="serve.py (as dev.sh runs it) or app.py (no warm-up)")
    parser.add_argument("--pycache", type=Path, default=ROOT / "var" / "bench-pycache")
    parser.add_argument("--late", type=float, default=15.0, help="one more cold start, the browser this late")
    parser.add_argument("--no-prime", action="store_true", help="time the first start too (bytecode not yet cached)")
    args = parser.parse_args()
    url = f"http://127.0.0.1:{args.port}"
    load_before = os.getloadavg()[0]
    healths, colds, floors, floor_healths = [], [], [], []
    cpu, floor_cpu = CpuMeter(0), CpuMeter(0)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        if not args.no_prime:
            cold_start(p, args, url, tmp, 0, CpuMeter(0))
        for n in range(1, args.cold + 1):
            t_health, t_cold, warm = cold_start(p, args, url, tmp, n, cpu, interact=n == args.cold)
            healths.append(t_health)
            colds.append(t_cold)
        t_late = cold_start(p, args, url, tmp, 50, CpuMeter(0), late=args.late)[1] if args.late else None
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR_SCRIPT)
        for n in range(args.cold):
            floor_health, floor_cold, _ = cold_start(p, args, url, tmp, 100 + n, floor_cpu, str(floor_script))
            floor_healths.append(floor_health)
            floors.append(floor_cold)
    base = statistics.median(warm["baseline"])

    def line(label: str, values: list[float]) -> None:
        median = statistics.median(values)
        print(f"{label:<58} median {median:5.2f} s   p90 {p90(values):5.2f} s   x{median / base:4.1f} baseline")

    print(
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores); entry {args.entry}; "
        f"bytecode {'compiled by the first timed start' if args.no_prime else 'cached (one priming start)'}"
    )
    print(f"server answered its health check after {', '.join(f'{h:.1f}' for h in healths)} s")
    print(f"cold first paint of /ranking after the answer ({args.cold}x): {', '.join(f'{c:.2f}' for c in colds)} s")
    print(
        f"the same from the server process's start: {', '.join(f'{h + c:.2f}' for h, c in zip(healths, colds))} s "
        f"(baseline page: {', '.join(f'{h + c:.2f}' for h, c in zip(floor_healths, floors))} s)"
    )
    print(
        f"cold baseline, a page with a title, two expanders and one chart ({args.cold}x): "
        f"{', '.join(f'{c:.2f}' for c in floors)} s; ratio of the medians "
        f"x{statistics.median(colds) / statistics.median(floors):.1f}"
    )
    if t_late is not None:
        print(f"cold first paint for a first visitor {args.late:.0f} s after the answer: {t_late:.2f} s")
    line(f"baseline: to the weights page, no ranking ({args.repeats}x)", warm["baseline"])
    line("input to redraw: one slider input, weights page rebalanced", warm["input"])
    line("then the ranking page with the new weights", warm["ranking"])
    print(f"reload of /ranking in a warm server: {warm['reload'][0]:.2f} s")
    for step, label in [
        ("cold", "cold first paint"),
        ("input", "input to redraw"),
        ("ranking", "ranking page"),
    ]:
        server_cpu = statistics.median(s for s, _ in cpu.samples[step])
        chromium_cpu = statistics.median(c for _, c in cpu.samples[step])
        print(f"CPU seconds, median, {label:<30} server {server_cpu:5.2f}   Chromium {chromium_cpu:5.2f}")
    floor_server, floor_chromium = (statistics.median(x[k] for x in floor_cpu.samples["cold"]) for k in (0, 1))
    print(
        f"CPU seconds, median, {'cold baseline page':<30} server {floor_server:5.2f}   Chromium {floor_chromium:5.2f}"
    )
    base_cpu = statistics.median(s + c for s, c in cpu.samples["baseline"])
    print(f"CPU seconds, median, baseline (both)                {base_cpu:5.2f}")
    ok = statistics.median(warm["input"]) <= TARGET_CHANGE_S and statistics.median(colds) <= TARGET_COLD_S
    print(
        f"targets: input to redraw <= {TARGET_CHANGE_S} s, cold first paint <= {TARGET_COLD_S:.0f} s (medians): "
        f"{'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
