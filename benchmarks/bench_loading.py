"""Loading speed: a data file of 100,000 rows and a criteria file of 800 errors, against a
1,000-row baseline in the same process.

    PYTHONPATH=src python benchmarks/bench_loading.py

Prints the best of three for each and the ratios (linear loading: 100,000 rows take about 100x
the 1,000-row baseline; the quadratic loader before December 2026 took 217 s).
"""

from __future__ import annotations

import time

from mcda.errors import InputError
from mcda.loading import parse_criteria, parse_problem

CRITERIA = """criteria:
  - {id: cost, name: Cost, direction: cost}
  - {id: gain, name: Gain, direction: benefit}
"""


def data_csv(rows: int) -> str:
    return "id,name,cost,gain\n" + "".join(f"P{i},Position {i},{i % 97 + 1},{i % 89 + 1}\n" for i in range(rows))


def best_of(run, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    small, large = data_csv(1_000), data_csv(100_000)
    baseline = best_of(lambda: parse_problem(CRITERIA, small))
    rows = best_of(lambda: parse_problem(CRITERIA, large))
    bad = "criteria:\n" + "".join(f"  - {{id: c{i}, name: C{i}, direction: sideways}}\n" for i in range(800))

    def refuse() -> None:
        try:
            parse_criteria(bad, "c.yaml")
        except InputError:
            return
        raise AssertionError("800 errors were not refused")

    errors = best_of(refuse)
    print(f"baseline, 1,000 rows:      {baseline:8.3f} s")
    print(f"100,000 rows:              {rows:8.3f} s   ratio {rows / baseline:6.1f}x (linear: about 100x)")
    print(f"criteria with 800 errors:  {errors:8.3f} s   ratio {errors / baseline:6.1f}x the baseline")


if __name__ == "__main__":
    main()
