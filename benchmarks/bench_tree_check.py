"""Benchmark: one member's matrices checked and analysed (tree round, AHP workshop), lean path against reference.

The shipped value tree with every node chosen (root 4 x 4, capability 3 x 3, three 2 x 2), and
random Saaty matrices as a member's page sends them (lists of floats). It prints the CPU time of
this thread per member's judgments for :class:`mcda.workshop.tree_check.TreeRoundCheck` (what a
submission runs) and, as the baseline in the same process, for
:func:`mcda.workshop.tree.analyse_tree_judgments` (what a submission ran before, still the
reference), and checks that both give the same weights, CR and hints. Timings are the best of
--repeats, interleaved; the load average is printed with them. ``--profile N`` prints the N
functions of the fast check that took the most time.

Then the same for an AHP workshop's member (one matrix over the shipped problem's nine criteria):
:func:`mcda.workshop.matrix_check.lean_analysis` (what a submission stores),
:func:`mcda.workshop.group.analyse_judgments` (the same with the pages' models) and, as the baseline,
:func:`mcda.workshop.group.reference_ahp_analysis` (``parse_matrix`` and ``ahp.consistency``).

    PYTHONPATH=src python benchmarks/bench_tree_check.py [--repeats 7] [--calls 2000]

Exit status 1 if some result differs.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import os
import pstats
import sys
import time
from collections.abc import Callable

import numpy as np

from mcda import ahp
from mcda.workshop import shipped_problem
from mcda.workshop.group import analyse_judgments, reference_ahp_analysis
from mcda.workshop.matrix_check import lean_analysis
from mcda.workshop.tree import analyse_tree_judgments, check_nodes, plan_round
from mcda.workshop.tree_check import TreeRoundCheck


def saaty_matrix(rng: np.random.Generator, n: int) -> list[list[float]]:
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = rng.choice(ahp.SAATY_VALUES)
            a[j, i] = 1.0 / a[i, j]
    return a.tolist()


def cpu_per_call(work: Callable[[int], object], calls: int) -> float:
    """CPU seconds of this thread per call of ``work(0..calls-1)``."""
    start = time.thread_time()
    for k in range(calls):
        work(k)
    return (time.thread_time() - start) / calls


def same(fast: object, reference: object) -> bool:
    """Floats within 1e-12, mappings with the same keys in the same order, everything else equal."""
    if isinstance(reference, float) and isinstance(fast, float):
        return math.isclose(fast, reference, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(reference, dict) and isinstance(fast, dict):
        return list(fast) == list(reference) and all(same(fast[k], reference[k]) for k in reference)
    if isinstance(reference, (list, tuple)) and isinstance(fast, (list, tuple)):
        return len(fast) == len(reference) and all(same(x, y) for x, y in zip(fast, reference, strict=True))
    return fast == reference


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--calls", type=int, default=2000, help="members' judgments per timing")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--profile", type=int, metavar="N", help="print the fast check's top N functions")
    args = parser.parse_args()

    tree = shipped_problem().tree
    plan = plan_round(tree, check_nodes(tree, None))
    check = TreeRoundCheck(tree, plan)
    rng = np.random.default_rng(args.seed)
    members = [{node: saaty_matrix(rng, len(tree.children(node))) for node in plan.chosen} for _ in range(100)]
    sizes = ", ".join(f"{node} {len(tree.children(node))}" for node in plan.chosen)
    print(f"shipped value tree, every node chosen ({sizes}); {len(members)} members' random Saaty matrices")

    differing = sum(
        not same(
            check.analyse(judgments).judgment_analysis().model_dump(),
            analyse_tree_judgments(tree, plan, judgments).model_dump(),
        )
        for judgments in members
    )
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    fast, reference = [], []
    for _ in range(args.repeats):
        fast.append(cpu_per_call(lambda k: check.analyse(members[k % len(members)]), args.calls))
        reference.append(
            cpu_per_call(lambda k: analyse_tree_judgments(tree, plan, members[k % len(members)]), args.calls)
        )
    print(f"load average after:  {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    best_fast, best_reference = min(fast) * 1e6, min(reference) * 1e6
    print(
        f"CPU per member's judgments, best of {args.repeats} x {args.calls}, interleaved: "
        f"TreeRoundCheck {best_fast:.0f} us, analyse_tree_judgments {best_reference:.0f} us "
        f"({best_reference / best_fast:.1f}x); building the check once per round "
        f"{cpu_per_call(lambda k: TreeRoundCheck(tree, plan), 200) * 1e6:.0f} us"
    )
    if args.profile:
        profiler = cProfile.Profile(time.thread_time)
        profiler.runcall(lambda: [check.analyse(members[k % len(members)]) for k in range(args.calls)])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
    if differing:
        print(f"DIFFERENT: {differing} of {len(members)} members' results")
        return 1
    print(f"the same weights (1e-12), CR and hints for all {len(members)} members")
    return ahp_workshop(args, rng)


def ahp_workshop(args: argparse.Namespace, rng: np.random.Generator) -> int:
    """An AHP workshop member's matrix over the shipped problem's criteria: lean, with models, reference."""
    criteria = shipped_problem().criterion_ids
    matrices = [saaty_matrix(rng, len(criteria)) for _ in range(100)]
    differing = 0
    for matrix in matrices:
        reference = reference_ahp_analysis(criteria, matrix)
        lean = lean_analysis(criteria, matrix)
        differing += lean is None or not same(lean.stored_details(), reference.stored_details())
        differing += not same(analyse_judgments("ahp", criteria, matrix).model_dump(), reference.model_dump())
    print(f"\nAHP workshop, {len(criteria)} criteria; {len(matrices)} members' random Saaty matrices")
    timed: dict[str, list[float]] = {"lean_analysis": [], "analyse_judgments": [], "reference_ahp_analysis": []}
    for _ in range(args.repeats):
        timed["lean_analysis"].append(cpu_per_call(lambda k: lean_analysis(criteria, matrices[k % 100]), args.calls))
        timed["analyse_judgments"].append(
            cpu_per_call(lambda k: analyse_judgments("ahp", criteria, matrices[k % 100]), args.calls)
        )
        timed["reference_ahp_analysis"].append(
            cpu_per_call(lambda k: reference_ahp_analysis(criteria, matrices[k % 100]), args.calls)
        )
    best = {name: min(times) * 1e6 for name, times in timed.items()}
    baseline = best["reference_ahp_analysis"]
    print(
        f"CPU per member's matrix, best of {args.repeats} x {args.calls}, interleaved: "
        + ", ".join(f"{name} {us:.0f} us ({baseline / us:.1f}x)" for name, us in best.items())
    )
    if differing:
        print(f"DIFFERENT: {differing} results of {len(matrices)} members")
        return 1
    print(f"the same weights (1e-12), CR and hints for all {len(matrices)} members")
    return 0


if __name__ == "__main__":
    sys.exit(main())
