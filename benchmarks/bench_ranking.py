"""Benchmark: one ranking of the shipped problem with its possible ranks, for every method.

The shipped 17 x 9 problem under the default missing-value policy (interval: each missing
value is the range it could take), equal weights. For each method it prints the time of one
``rank_alternatives`` (the point ranking plus each position's best and worst rank over the
intervals, :func:`mcda.ranking.possible_ranks`, all 2m extreme configurations scored in one
vectorised call), and beside it, as the baseline in the same process, the same ranking with
the possible ranks computed one configuration at a time through pymcdm
(:func:`mcda.ranking.possible_ranks_one_by_one`, what every ranking paid before), and
whether both give the same best and worst ranks. Timings are the best of --repeats,
interleaved; the load average is printed with them.

    PYTHONPATH=src python benchmarks/bench_ranking.py [--repeats 7] [--methods topsis vikor]

Exit status 1 if some possible ranks differ.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from unittest import mock

from mcda import ranking
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.ranking import METHODS, RankingSettings, rank_alternatives

ROOT = Path(__file__).resolve().parent.parent
# the registry's default normalisation, except WPM: the shipped data have zeros, which sum
# normalisation (WPM's default) cannot take
NORMALIZATION = {"wpm": "max"}


def timed(func, *args) -> tuple[float, object]:
    start = time.perf_counter()
    out = func(*args)
    return time.perf_counter() - start, out


def _ranges(result) -> list[tuple[int | None, int | None]]:
    return [(e.rank_best, e.rank_worst) for e in result.entries]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--methods", nargs="*", default=list(METHODS))
    args = parser.parse_args()

    problem = load_problem(ROOT / "criteria/positions.yaml", ROOT / "data/positions.csv")
    weights = WeightSet.from_raw({c: 1.0 for c in problem.criterion_ids}, criteria=problem.criterion_ids)
    print(f"problem: shipped positions, {len(problem.alternative_ids)} x {len(problem.criterion_ids)}, policy interval")
    print(f"load average before the run: {os.getloadavg()[0]:.1f} (2 cores); best of {args.repeats}, interleaved")
    print(f"{'method':<11} {'batch':>9} {'one by one':>11} {'speed-up':>9}  possible ranks")
    ok = True
    for method in args.methods:
        settings = RankingSettings(method=method, normalization=NORMALIZATION.get(method))
        rank_alternatives(problem, weights, settings)  # warm up
        t_batch = t_loop = float("inf")
        for _ in range(args.repeats):
            t, fast = timed(rank_alternatives, problem, weights, settings)
            t_batch = min(t_batch, t)
            with mock.patch.object(ranking, "possible_ranks", ranking.possible_ranks_one_by_one):
                t, slow = timed(rank_alternatives, problem, weights, settings)
            t_loop = min(t_loop, t)
        same = _ranges(fast) == _ranges(slow)
        ok &= same
        print(
            f"{method:<11} {t_batch * 1e3:>7.1f}ms {t_loop * 1e3:>9.1f}ms {t_loop / t_batch:>8.1f}x  "
            f"{'identical' if same else 'DIFFERENT'}"
        )
    print(f"load average after the run: {os.getloadavg()[0]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
