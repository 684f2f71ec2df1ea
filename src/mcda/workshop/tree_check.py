"""One member's matrices of a tree round, checked and analysed the way a submission needs it.

:func:`mcda.workshop.tree.analyse_tree_judgments` composes the general parts: a pydantic
matrix and an AHP result per node, a weight set with the whole tree in its origin, on every
call. Thirty members submitting at once share one interpreter, so each submission's own CPU
time adds up to every member's wait (``benchmarks/workshop_load.py --mode tree``).
:class:`TreeRoundCheck` gives the same result in a fraction of that: what depends only on
the round (the nodes' children, sizes and random indices, the kept nodes' local weights,
each criterion's path) is worked out once per round; per submission each cell is checked
once, and each node's matrix is analysed on plain floats (:mod:`mcda.workshop.matrix_check`), so the
result is the plain data that is stored. Weights, CR and hints agree with the reference's within 1e-12, the
hints' order exactly (:mod:`tests.test_workshop_tree_check`). Judgments of another shape
(fractions as text, a :class:`~mcda.ahp.PairwiseMatrix`, anything refused) go through
:func:`~mcda.workshop.tree.parse_tree_judgments`, which gives the located messages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..models import ValueTree, local_shares, unit_sum
from ..tree import node_from_points
from .matrix_check import MatrixNode, analysed, plain_matrix
from .results import JudgmentAnalysis, NodeJudgment, TreeRound
from .tree import analyse_tree_judgments, parse_tree_judgments


@dataclass(frozen=True)
class TreeAnalysis:
    """A member's tree-round matrices analysed, as stored: the matrices, the global weights, the
    largest node CR, whether every node is consistent, and per node what
    :class:`~mcda.workshop.results.NodeJudgment` holds (its JSON form)."""

    judgments: dict[str, list[list[float]]]
    weights: dict[str, float]
    cr: float | None
    consistent: bool
    nodes: dict[str, dict[str, Any]]

    def stored_details(self) -> dict[str, Any]:
        """The submission row's details (as :meth:`JudgmentAnalysis.stored_details` gives them)."""
        return {"consistent": self.consistent, "hints": [], "notes": [], "nodes": self.nodes}

    def judgment_analysis(self) -> JudgmentAnalysis:
        return JudgmentAnalysis(
            judgments=self.judgments,
            weights=self.weights,
            cr=self.cr,
            consistent=self.consistent,
            nodes={node: NodeJudgment.model_validate(data) for node, data in self.nodes.items()},
        )


class TreeRoundCheck:
    """Checks and analyses members' matrices for one round's plan of one tree (see the module)."""

    def __init__(self, tree: ValueTree, plan: TreeRound) -> None:
        self.tree, self.plan = tree, plan
        slots: dict[str, int] = {}
        shares: list[float] = []
        for node in tree.nodes:
            slots[node] = len(shares)
            kids = tree.children(node)
            if node in plan.chosen:
                shares += [math.nan] * len(kids)  # each submission's own
            else:  # kept as planned, or a node with one child (refused: a node left unweighed)
                kept = {node: node_from_points(tree, node, plan.fixed[node]).weights} if node in plan.fixed else {}
                shares += local_shares(tree, node, kept).values()
        self._shares = shares
        self._nodes = tuple(MatrixNode.of(node, tree.children(node)) for node in plan.chosen)
        self._slots = tuple(slots[node] for node in plan.chosen)  # where each node's shares start
        self._paths = tuple(self._path(tree, criterion, slots) for criterion in tree.criteria)

    @staticmethod
    def _path(tree: ValueTree, criterion: str, slots: Mapping[str, int]) -> tuple[int, ...]:
        """The slots of the shares down the criterion's path, top down."""
        path = tree.path(criterion)
        return tuple(slots[parent] + tree.children(parent).index(child) for parent, child in zip(path, path[1:]))

    def analyse(self, judgments: object) -> TreeAnalysis:
        """The member's matrices analysed; refusals are :class:`~mcda.errors.InputError` naming node and cell."""
        rows = self._plain_rows(judgments)
        if rows is None:  # another shape, or something to refuse: the reference parse says what
            matrices = parse_tree_judgments(self.tree, self.plan, judgments)
            rows = [[list(row) for row in matrices[node.name].values] for node in self._nodes]
        analysis = self._analysed(rows)
        if analysis is None:  # degenerate priorities (a zero or overflow): the reference path as it is
            reference = analyse_tree_judgments(self.tree, self.plan, judgments)
            return TreeAnalysis(
                judgments=reference.judgments,  # type: ignore[arg-type]
                weights=reference.weights,
                cr=reference.cr,
                consistent=bool(reference.consistent),
                nodes={n: j.model_dump(mode="json") for n, j in reference.nodes.items()},
            )
        return analysis

    def _plain_rows(self, judgments: object) -> list[list[list[float]]] | None:
        """Each chosen node's rows (copies) if the judgments are exactly those nodes, each a list of
        lists of floats that validate_pairwise accepts; else None."""
        if not isinstance(judgments, Mapping) or len(judgments) != len(self._nodes):
            return None
        out: list[list[list[float]]] = []
        for node in self._nodes:
            rows = plain_matrix(node, judgments.get(node.name))
            if rows is None:
                return None
            out.append(rows)
        return out

    def _analysed(self, rows: list[list[list[float]]]) -> TreeAnalysis | None:
        """The analysis of matrices already checked (chosen nodes' order); None if a judgment lies beyond
        ahp's limit (refused by the reference path) or a weight is not a positive finite number."""
        shares = self._shares.copy()
        nodes: dict[str, dict[str, Any]] = {}
        for node, slot, matrix in zip(self._nodes, self._slots, rows, strict=True):
            found = analysed(node, matrix)
            if found is None:
                return None
            w, nodes[node.name] = found
            total = math.fsum(w)  # local_shares, as the reference composes the global weights
            shares[slot : slot + len(w)] = [x / total for x in w]
        global_weights: dict[str, float] = {}
        for criterion, path in zip(self.tree.criteria, self._paths, strict=True):
            weight = 1.0
            for slot in path:
                weight *= shares[slot]
            global_weights[criterion] = weight
        if max(global_weights.values()) <= 0:  # every product underflowed
            return None
        crs = [node["cr"] for node in nodes.values()]
        return TreeAnalysis(
            judgments={node.name: matrix for node, matrix in zip(self._nodes, rows, strict=True)},
            weights=unit_sum(global_weights, self.tree.criteria),
            cr=max(crs) if crs else None,
            consistent=all(node["consistent"] for node in nodes.values()),
            nodes=nodes,
        )
