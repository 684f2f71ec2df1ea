"""Benchmark: what one element type costs a new browser on its first paint (Streamlit's frontend fetches
and runs an element type's code when the first element of that type arrives).

One server (``streamlit run`` of a small page that draws a title and, chosen by ``?e=``, one element
of a type the ranking page sends; the server stays warm, so what is timed is the browser's), and
Debian's Chromium (``/usr/bin/chromium``) already running. Each sample opens the page in a new browser
context (nothing cached) and times from the request until the element is on screen and the script run
is over; the baseline is the page with the title alone (``none``), sampled in the same rounds, the
kinds in a new random order each round. Printed per kind: the median paint and its difference to the
baseline's, the CPU seconds Chromium spent (median, and the difference), and the script files fetched
beyond the baseline's (how many, how many kB decoded). The load average is printed before and after.

    PYTHONPATH=src python benchmarks/bench_element_types.py [--port 8722] [--repeats 5] [--kinds a,b]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_browser import CHROMIUM, IDLE, ROOT, chromium_pids, cpu_seconds, new_page, start_server, wait_health
from playwright.sync_api import sync_playwright

# kind -> (the element's code, a selector that is there once it is drawn)
KINDS: dict[str, tuple[str, str]] = {
    "none": ("", "h1"),
    "markdown": ('st.markdown("**Metode:** TOPSIS, vektornormalisering.")', '[data-testid="stMarkdown"] strong'),
    "alert": ('st.info("Manglende verdier regnes som intervaller.")', '[data-testid="stAlert"]'),
    "columns": ('a, b = st.columns(2)\na.write("a")\nb.write("b")', '[data-testid="stColumn"]'),
    "selectbox": ('st.selectbox("Metode", ["TOPSIS", "VIKOR", "WSM"])', '[data-testid="stSelectbox"] input'),
    "toggle": ('st.toggle("English")', '[data-testid="stCheckbox"] input'),
    "html": ('st.html("<style>.x{color:red}</style><span id=mark>x</span>")', "#mark"),
    "html_script": (
        'st.html("<script>window.mark = 1</script><span id=mark>x</span>", unsafe_allow_javascript=True)',
        "#mark",
    ),
    "tabs": ('a, b = st.tabs(["Skår", "Bidrag"])\na.write("a")', '[role="tablist"]'),
    "expander": ('with st.expander("Metode"):\n    st.write("a")', '[data-testid="stExpander"]'),
    "dataframe": ("st.dataframe(FRAME, hide_index=True)", '[data-testid="stDataFrame"] canvas'),
    "table": ("st.table(FRAME)", '[data-testid="stTable"] table'),
    "html_table": ("st.html(FRAME.to_html(index=False, table_id='mark'))", "#mark"),
    "vega_lite_chart": (
        'st.vega_lite_chart({"data": {"values": [{"a": 1, "b": 2}]}, "mark": "bar", "encoding": {'
        '"x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"}}})',
        ".vega-embed svg, .vega-embed canvas",
    ),
    "navigation": (
        'st.navigation([st.Page(lambda: None, title="Problemet", url_path="a"), '
        'st.Page(lambda: None, title="Rangering", url_path="b")]).run()',
        '[data-testid="stSidebarNav"] a',
    ),
}

PAGE = """import pandas as pd
import streamlit as st

FRAME = pd.DataFrame({{
    "Rang": range(1, 18),
    "Posisjon": [f"Posisjon nummer {{i}} i verdikjeden" for i in range(17)],
    "Mulige rangeringer": [f"{{i}}–{{i + 3}}" for i in range(17)],
    "Skår": [0.9 - i / 40 for i in range(17)],
    "Endring": ["↑1"] * 17,
}})
st.title("Rangering")
kind = st.query_params.get("e", "none")
{branches}
"""

RESOURCES = """() => performance.getEntriesByType('resource')
    .filter(e => e.name.endsWith('.js')).map(e => [e.name, e.decodedBodySize])"""


def page_script() -> str:
    branches = []
    for kind, (code, _) in KINDS.items():
        if code:
            body = "\n".join("    " + line for line in code.splitlines())
            branches.append(f'if kind == "{kind}":\n{body}')
    return PAGE.format(branches="\n".join(branches))


def paint(browser, url: str, kind: str) -> tuple[float, float, dict[str, int]]:
    """One new browser context opens the page: (seconds until drawn, Chromium's CPU seconds, script files)."""
    chromium = chromium_pids()
    before = cpu_seconds(chromium)
    start = time.perf_counter()
    page = new_page(browser)
    page.goto(f"{url}/?e={kind}")
    page.wait_for_selector(KINDS[kind][1], state="attached", timeout=120_000)
    page.wait_for_function(IDLE, timeout=120_000)
    took = time.perf_counter() - start
    cpu = cpu_seconds(sorted(set(chromium) | set(chromium_pids()))) - before
    scripts = {name.rsplit("/", 1)[-1]: size for name, size in page.evaluate(RESOURCES)}
    page.context.close()
    return took, cpu, scripts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8722)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated, from: " + ", ".join(KINDS))
    parser.add_argument("--pycache", type=Path, default=ROOT / "var" / "bench-pycache")
    args = parser.parse_args()
    kinds = ["none", *(k for k in args.kinds.split(",") if k != "none")]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)}")
    url = f"http://127.0.0.1:{args.port}"
    load_before = os.getloadavg()[0]
    times: dict[str, list[float]] = {k: [] for k in kinds}
    cpus: dict[str, list[float]] = {k: [] for k in kinds}
    scripts: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        script = Path(tmp) / "elements.py"
        script.write_text(page_script())
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        server = start_server(args.port, f"sqlite:///{tmp}/elements.sqlite", str(script), args.pycache)
        try:
            wait_health(url)
            for kind in kinds:  # once each untimed: the server's first run of every branch
                paint(browser, url, kind)
            rng = random.Random(15)
            for _ in range(args.repeats):
                order = kinds[:]
                rng.shuffle(order)
                for kind in order:
                    took, cpu, fetched = paint(browser, url, kind)
                    times[kind].append(took)
                    cpus[kind].append(cpu)
                    scripts[kind] = fetched
        finally:
            browser.close()
            server.terminate()
            server.wait(timeout=30)
    print(
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores); "
        f"{args.repeats} new browser contexts per kind, interleaved; medians"
    )
    base_time, base_cpu = statistics.median(times["none"]), statistics.median(cpus["none"])
    print(f"{'kind':<16} {'paint':>7} {'+ none':>7} {'Chromium CPU':>13} {'+ none':>7}   script files beyond none's")
    for kind in kinds:
        took, cpu = statistics.median(times[kind]), statistics.median(cpus[kind])
        extra = {name: size for name, size in scripts[kind].items() if name not in scripts["none"]}
        print(
            f"{kind:<16} {took:6.2f}s {took - base_time:+6.2f}s {cpu:12.2f}s {cpu - base_cpu:+6.2f}s   "
            f"{len(extra):3d} files, {sum(extra.values()) / 1000:7.1f} kB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
