"""Server time of a full rerun of the ranking page after a weight change, on the shipped problem.

Runs the real app in-process with Streamlit's AppTest. A rerun means: the weights page
applies a slider change (rebalancing the other weights), then the ranking page reruns with
the new weights (ranking, table, charts; no cache hit because every weight set is new).
Printed against a baseline measured in the same process: a rerun of a script that only
writes a title, i.e. AppTest's own overhead.

    python benchmarks/bench_app_rerun.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="also print where one ranking rerun spends its time")
    args = parser.parse_args()
    os.environ["MCDA_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"

    baseline_app = AppTest.from_string("import streamlit as st\nst.title('baseline')", default_timeout=60)
    baseline_app.run()
    baseline = [timed(baseline_app.run) for _ in range(args.repeats)]

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/ranking.py")
    at.run()  # warm: imports, shipped files parsed and cached
    weights_page, ranking_page = [], []
    for k in range(args.repeats):
        at.switch_page("app_pages/weights.py")
        at.run()
        slider = at.slider(key="weights.slider.eu_demand")
        slider.set_value(20.0 + 3 * k)
        weights_page.append(timed(at.run))
        at.switch_page("app_pages/ranking.py")
        ranking_page.append(timed(at.run))
        assert not at.exception, [e.value for e in at.exception]
    at.switch_page("app_pages/ranking.py")
    cached = [timed(at.run) for _ in range(args.repeats)]  # same weights again: cache hits
    if args.profile:  # one more weight change, its ranking rerun under cProfile (cumulative time)
        import cProfile
        import pstats

        at.switch_page("app_pages/weights.py")
        at.run()
        at.slider(key="weights.slider.eu_demand").set_value(11.0)
        at.run()
        at.switch_page("app_pages/ranking.py")
        import sys
        import threading

        profiler = cProfile.Profile()

        def start_in_script_thread(*_: object) -> None:  # AppTest runs the page in a new thread
            sys.setprofile(None)
            profiler.enable()

        threading.setprofile(start_in_script_thread)
        at.run()
        threading.setprofile(None)
        profiler.create_stats()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"mcda|ui/|app_pages|altair|pandas|streamlit", 30)

    def line(label: str, values: list[float]) -> None:
        median = statistics.median(values)
        print(
            f"{label:<52} median {median:7.1f} ms   p90 {statistics.quantiles(values, n=10)[-1]:7.1f} ms   "
            f"x{median / statistics.median(baseline):5.1f} baseline"
        )

    print(f"shipped problem, {args.repeats} repeats, CPUs: {os.cpu_count()}")
    line("baseline: AppTest rerun of a one-line script", baseline)
    line("weights page rerun after moving a slider", weights_page)
    line("ranking page rerun with the new weights (no cache)", ranking_page)
    line("ranking page rerun, same weights (cached)", cached)
    net = statistics.median(ranking_page) - statistics.median(baseline)
    print(
        f"ranking page after a weight change, net of AppTest overhead: {net:.1f} ms "
        f"(target < {TARGET_MS:.0f} ms: {'met' if statistics.median(ranking_page) < TARGET_MS else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
