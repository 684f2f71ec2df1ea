"""Benchmark: vectorised rank acceptability against a per-sample loop over pymcdm's TOPSIS.

Problem: the shipped 17 x 9 problem (criteria/positions.yaml, data/positions.csv), made
complete with the missing-value policy "worst" (worst observed value of the criterion).
Weights: uniform on the simplex (Dirichlet(1, ..., 1)), seed 2025.

Run from the repository root:

    PYTHONPATH=src /tmp/venv/bin/python benchmarks/bench_acceptability.py

It prints the vectorised time for 100,000 samples, the loop time (measured on a subset and
extrapolated), the speed-up, the time and peak memory of a one-million-sample run, and the cost
of missing values as intervals: ``analyse_rank_acceptability`` with 100,000 samples and the
default settings (policy ``interval``: every missing value is drawn from its interval together
with the weights) beside the same call with the weights alone (policy ``worst``: the data fixed),
and the ratio, in the same process. ``--intervals-only`` runs only that comparison.
Timings are the best of a few repeats; the loop uses ``validation=False`` (the faster
call), so the speed-up is a lower bound against pymcdm's default call.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS

from mcda.loading import load_problem
from mcda.missing import apply_missing_policy
from mcda.ranking import RankingSettings, rank_scores
from mcda.sensitivity import WeightCloud, analyse_rank_acceptability, rank_acceptability

ROOT = Path(__file__).resolve().parent.parent


def loop_acceptability(
    matrix: np.ndarray, types: np.ndarray, weights: np.ndarray, validation: bool = False
) -> np.ndarray:
    """The reference: pymcdm's TOPSIS per sample, ranks with the documented tie rule."""
    m = matrix.shape[0]
    topsis = TOPSIS(normalization_function=pn.vector_normalization)
    counts = np.zeros((m, m), dtype=np.int64)
    for w in weights:
        scores = topsis(matrix, w, types, validation=validation)
        scores = np.where(np.isnan(scores), 0.5, scores)  # D+ + D- = 0: neutral, as mcda.ranking
        ranks = rank_scores(scores)
        for position, i in enumerate(sorted(range(m), key=lambda i: (ranks[i], i))):
            counts[i, position] += 1
    return counts / len(weights)


def best_of(repeats: int, func, *args, **kwargs) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = func(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def interval_cost(problem, cloud: WeightCloud, samples: int, seed: int, repeats: int = 3) -> float:
    """Rank acceptability with the intervals sampled (default settings) against the weights alone
    (policy worst), same samples and seed, best of ``repeats``; also the interval run without the
    sampled confidence factors (``confidence_samples=1``), to show where the time goes. Prints the
    three and the ratios; returns the ratio of the default calls."""
    runs = {
        "intervals": (RankingSettings(), None),
        "intervals, acceptability only": (RankingSettings(), 1),
        "weights only": (RankingSettings(missing_policy="worst"), None),
    }
    times = {}
    for label, (chosen, confidence) in runs.items():
        analyse_rank_acceptability(problem, cloud, samples=1_000, seed=seed, settings=chosen)  # warm up
        times[label], result = best_of(
            repeats,
            analyse_rank_acceptability,
            problem,
            cloud,
            samples=samples,
            seed=seed,
            settings=chosen,
            confidence_samples=confidence,
        )
        if result.data_uncertainty is None:
            what = "the weights only, the data fixed; exact confidence factors"
        elif confidence == 1:
            what = "the weights and every interval cell; confidence factors from 1 data sample (not used)"
        else:
            what = (
                "the weights and every interval cell; confidence factors over "
                f"{result.confidence_samples:,} data samples"
            )
        print(f"{samples:,} samples, missing policy {chosen.missing_policy}, sampling {what}: {times[label]:.3f} s")
    ratio = times["intervals"] / times["weights only"]
    print(
        f"cost of the intervals: {ratio:.1f}x the weights-only run with the default call; "
        f"{times['intervals, acceptability only'] / times['weights only']:.1f}x for the acceptabilities alone"
    )
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--intervals-only", action="store_true", help="only the interval cost comparison")
    parser.add_argument("--loop-samples", type=int, default=2_000)
    parser.add_argument("--million", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    problem = load_problem(ROOT / "criteria/positions.yaml", ROOT / "data/positions.csv")
    if args.intervals_only:
        print(f"problem: shipped positions; TOPSIS, vector normalisation; uniform weights, seed {args.seed}")
        interval_cost(problem, WeightCloud.uniform(problem.criterion_ids), args.samples, args.seed)
        return 0
    used = apply_missing_policy(problem, "worst").problem
    matrix, types = np.array(used.matrix), np.array(used.types)
    m, n = matrix.shape
    cloud = WeightCloud.uniform(used.criterion_ids)
    weights = cloud.draw(args.samples, args.seed)
    print(
        f"problem: shipped positions, {m} x {n}, missing values -> worst observed; "
        f"TOPSIS, vector normalisation; uniform weights, seed {args.seed}"
    )

    rank_acceptability(matrix, types, weights[:1000])  # warm up
    t_vec, acc = best_of(5, rank_acceptability, matrix, types, weights)
    print(f"vectorised: {args.samples:,} samples in {t_vec:.3f} s")

    subset = weights[: args.loop_samples]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_loop, ref = best_of(1, loop_acceptability, matrix, types, subset)
        t_loop_val, _ = best_of(1, loop_acceptability, matrix, types, subset[:500], True)
        start = time.perf_counter()
        topsis = TOPSIS(normalization_function=pn.vector_normalization)
        for w in subset:
            topsis(matrix, w, types, validation=False)
        t_call = (time.perf_counter() - start) / len(subset)
    same = np.array_equal(ref, rank_acceptability(matrix, types, subset))
    per_sample = t_loop / len(subset)
    extrapolated = per_sample * args.samples
    print(
        f"pymcdm loop (validation=False): {len(subset):,} samples in {t_loop:.3f} s = "
        f"{per_sample * 1e6:.0f} us/sample -> {extrapolated:.1f} s for {args.samples:,} "
        "(extrapolated)"
    )
    print(
        f"pymcdm loop (default call, validation on): {t_loop_val / 500 * 1e6:.0f} us/sample -> "
        f"{t_loop_val / 500 * args.samples:.1f} s for {args.samples:,} (extrapolated from 500)"
    )
    print(
        f"pymcdm TOPSIS call alone (validation=False, no ranking): {t_call * 1e6:.0f} us/sample -> "
        f"{t_call * args.samples:.1f} s for {args.samples:,}; speed-up against it: "
        f"{t_call * args.samples / t_vec:.0f}x"
    )
    print(f"agreement on the {len(subset):,} common samples: {'identical' if same else 'DIFFERENT'}")
    print(
        f"speed-up: {extrapolated / t_vec:.0f}x (against the default call: "
        f"{t_loop_val / 500 * args.samples / t_vec:.0f}x)"
    )
    print(f"rows sum to 1: {np.allclose(acc.sum(axis=1), 1)}, columns sum to 1: {np.allclose(acc.sum(axis=0), 1)}")
    interval_cost(problem, WeightCloud.uniform(problem.criterion_ids), args.samples, args.seed)

    del weights, acc
    rss_before = peak_rss_mb()
    t_smaa, _ = best_of(
        1,
        analyse_rank_acceptability,
        problem,
        cloud,
        samples=args.million,
        seed=args.seed,
        settings=RankingSettings(missing_policy="worst"),
    )
    tracemalloc.start()  # a second run, traced: what the call allocates
    analyse_rank_acceptability(
        problem, cloud, samples=args.million, seed=args.seed, settings=RankingSettings(missing_policy="worst")
    )
    _, traced_smaa = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"1M samples, analyse_rank_acceptability (weights drawn chunk by chunk, central weights, "
        f"confidence factors): {t_smaa:.3f} s; peak allocations {traced_smaa / 2**20:.0f} MiB "
        f"(tracemalloc); process peak RSS so far {peak_rss_mb():.0f} MiB "
        f"(before: {rss_before:.0f} MiB)"
    )

    big = cloud.draw(args.million, args.seed)
    t_big, _ = best_of(1, rank_acceptability, matrix, types, big)
    tracemalloc.start()
    rank_acceptability(matrix, types, big)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"1M samples, rank_acceptability on a given (1M x {n}) weight array "
        f"({big.nbytes / 2**20:.0f} MiB): {t_big:.3f} s; peak allocations during the call "
        f"{traced_peak / 2**20:.0f} MiB (tracemalloc); process peak RSS {peak_rss_mb():.0f} MiB "
        "(includes drawing the array)"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
