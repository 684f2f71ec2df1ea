"""Loading a tree round's scenario file: what recomputing the group's weights from the members' node
matrices adds, against the same file without them (baseline) in the same process.

    PYTHONPATH=src python benchmarks/bench_scenario_tree.py [--members 30]

The shipped problem and its value tree; every weighed node (root and the four groups) chosen; each
member a random matrix on Saaty's scale per node (seed 0). Prints the load average, the best of
five for each file and the ratio.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from mcda.ahp import SAATY_VALUES
from mcda.scenario import Scenario, load_scenario
from mcda.tree_judgments import TreeJudgments
from mcda.workshop.service import shipped_problem


def saaty_rows(rng: np.random.Generator, n: int) -> list[list[float]]:
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = rng.choice(SAATY_VALUES)
            a[j, i] = 1.0 / a[i, j]
    return a.tolist()


def best_of(run, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=30)
    members = parser.parse_args().members
    problem = shipped_problem()
    tree = problem.tree
    assert tree is not None
    rng = np.random.default_rng(0)
    answers = [
        (f"Deltaker {k + 1}", {node: saaty_rows(rng, len(tree.children(node))) for node in tree.weighed_nodes})
        for k in range(members)
    ]
    judgments = TreeJudgments.of_round(tree, tree.weighed_nodes, {}, {}, answers, "aij")
    weights, _ = judgments.group_weights()
    with_judgments = Scenario.create(problem, weights, tree_judgments=judgments).to_json()
    without = Scenario.create(problem, weights).to_json()
    load_scenario(with_judgments)  # imports and first calls outside the timing
    baseline = best_of(lambda: load_scenario(without))
    tree_file = best_of(lambda: load_scenario(with_judgments))
    matrices = members * len(tree.weighed_nodes)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"baseline, the file without tree judgments ({len(without):,} bytes):  {baseline * 1000:7.1f} ms")
    print(
        f"with {members} members' node matrices ({matrices} matrices, {len(with_judgments):,} bytes): "
        f"{tree_file * 1000:7.1f} ms   ratio {tree_file / baseline:5.2f}x"
    )


if __name__ == "__main__":
    main()
