"""Where a cold first paint of /ranking spends its time: one fresh server, one new browser page, a timeline.

Starts the server as ``bench_browser.py`` does (``serve.py``, a fresh SQLite file, bytecode cached; the
browser already running), opens /ranking right after the health answer (or ``--late`` seconds after it)
and prints, in milliseconds from the page's request:

- the browser's own start: the HTML's first byte, the DOM ready (Streamlit's main bundle loaded), the
  websocket opened (the frontend asks for the script run);
- every message the server sent, decoded (``new_session``, each element or block as it was drawn,
  ``script_finished``): the gap between the websocket's opening and the first element is the server's
  wait (imports, the warm-up still running), the span of the elements is the script run;
- the script files the browser fetched for the elements (Streamlit's frontend loads the code of an
  element type when the first one arrives): how many, how many bytes, when the last one arrived;
- when the page was painted (title, drawn score chart, last expander: ``bench_browser``'s test), and the
  CPU seconds the server and Chromium spent meanwhile.

    PYTHONPATH=src python benchmarks/trace_first_paint.py [--port 8679] [--late 0] [--entry serve.py]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench_browser import (
    CHROMIUM,
    RANKING_DRAWN,
    ROOT,
    chromium_pids,
    cpu_seconds,
    new_page,
    start_server,
    wait_health,
)
from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RESOURCES = """() => performance.getEntriesByType('resource')
    .map(e => [e.name, e.startTime, e.responseEnd, e.encodedBodySize])"""
NAVIGATION = """() => { const n = performance.getEntriesByType('navigation')[0];
    return [n.responseStart, n.domContentLoadedEventEnd]; }"""


def describe(payload: bytes) -> str:
    """A ForwardMsg in a few words: its kind and, for a delta, the element or block it draws."""
    msg = ForwardMsg()
    msg.ParseFromString(payload)
    kind = msg.WhichOneof("type") or "?"
    if kind != "delta":
        return kind
    delta = msg.delta.WhichOneof("type")
    if delta == "new_element":
        return f"element {msg.delta.new_element.WhichOneof('type')}"
    if delta == "add_block":
        return f"block {msg.delta.add_block.WhichOneof('type')}"
    return f"delta {delta}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8679)
    parser.add_argument("--late", type=float, default=0.0, help="open the page this many seconds after the answer")
    parser.add_argument("--entry", default="serve.py")
    parser.add_argument("--pycache", type=Path, default=ROOT / "var" / "bench-pycache")
    args = parser.parse_args()
    url = f"http://127.0.0.1:{args.port}"
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores); entry {args.entry}; page opened {args.late:.0f} s late")
    events: list[tuple[float, str]] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        server = start_server(args.port, f"sqlite:///{tmp}/trace.sqlite", args.entry, args.pycache)
        try:
            print(f"server answered its health check {wait_health(url):.2f} s after its start")
            time.sleep(args.late)
            page = new_page(browser)

            def on_websocket(ws) -> None:
                ws.on("framesent", lambda _payload: events.append((time.perf_counter(), "websocket: rerun asked")))
                ws.on(
                    "framereceived",
                    lambda payload: events.append(
                        (time.perf_counter(), describe(payload) if isinstance(payload, bytes) else "text")
                    ),
                )

            page.on("websocket", on_websocket)
            chromium = chromium_pids()
            cpu_before = cpu_seconds([server.pid]), cpu_seconds(chromium)
            start = time.perf_counter()
            page.goto(f"{url}/ranking")
            page.wait_for_function(RANKING_DRAWN, arg="Rangering", timeout=180_000)
            painted = time.perf_counter() - start
            server_cpu = cpu_seconds([server.pid]) - cpu_before[0]
            chromium_cpu = cpu_seconds(sorted(set(chromium) | set(chromium_pids()))) - cpu_before[1]
            first_byte, dom_ready = page.evaluate(NAVIGATION)
            resources = page.evaluate(RESOURCES)
        finally:
            browser.close()
            server.terminate()
            server.wait(timeout=30)

    def ms(at: float) -> str:
        return f"{1000 * (at - start):7.0f} ms"

    print(f"{first_byte:7.0f} ms  the page's HTML, first byte")
    print(f"{dom_ready:7.0f} ms  DOM ready (Streamlit's main bundle loaded)")
    for at, what in events:
        print(f"{ms(at)}  {what}")
    elements = [at for at, what in events if what.startswith(("element", "block"))]
    if elements:
        after = [r for r in resources if r[1] >= 1000 * (elements[0] - start) and r[0].endswith(".js")]
        if after:
            print(
                f"{max(r[2] for r in after):7.0f} ms  the last of {len(after)} script files fetched for the elements "
                f"({sum(r[3] for r in after) / 1e6:.1f} MB)"
            )
    print(f"{1000 * painted:7.0f} ms  painted (title, drawn score chart, last expander)")
    print(f"CPU seconds meanwhile: server {server_cpu:.2f}, Chromium {chromium_cpu:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
