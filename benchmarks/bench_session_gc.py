"""What a full garbage collection costs the server as members' sessions accumulate.

Streamlit collects fully after every script run unless ``runner.postScriptGC`` is off (the project's
``.streamlit/config.toml`` turns it off). Such a pass walks every object the collector tracks, holding
the interpreter lock, so every other session waits for it. This runs the server's warm-up
(``ui/warmup.py``, which leaves what it loaded out of later collections), then opens ``--sessions``
sessions of the real app in-process with Streamlit's AppTest, each visiting the ranking, weights and
robustness pages, and prints after each session the objects the collector tracks and the CPU time of
one full pass: what every rerun of every member would add with ``postScriptGC`` on. The baseline in
the same process: the same pass right after the warm-up, before any session.

    PYTHONPATH=src python benchmarks/bench_session_gc.py [--sessions 10]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("app_pages/ranking.py", "app_pages/weights.py", "app_pages/robustness.py")


def full_pass_ms() -> float:
    """The CPU milliseconds of one full collection, the best of three (nothing new between them)."""
    times = []
    for _ in range(3):
        start = time.process_time()
        gc.collect(2)
        times.append((time.process_time() - start) * 1000)
    return min(times)


def line(label: str) -> str:
    return f"{label + ':':<29} {len(gc.get_objects()):>7} objects tracked, full pass {full_pass_ms():5.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    os.environ["MCDA_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    sys.path.insert(0, str(ROOT))
    from ui.warmup import warm_up

    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    print(f"warm-up {warm_up():.1f} s; {gc.get_freeze_count()} objects left out of later collections")
    print(line("baseline, after the warm-up"))
    sessions = []  # kept alive, as a server keeps its members' sessions
    for n in range(1, args.sessions + 1):
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.run()
        for page in PAGES:
            app.switch_page(page)
            app.run()
        if app.exception:
            print(f"session {n}: {app.exception[0].message}")
            return 1
        sessions.append(app)
        print(line(f"{n:>2} session(s)"))
    print(f"load average after:  {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
