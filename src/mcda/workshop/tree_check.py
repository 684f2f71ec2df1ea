"""One member's matrices of a tree round, checked and analysed the way a submission needs it.

:func:`mcda.workshop.tree.analyse_tree_judgments` composes the general parts: a pydantic
matrix and an AHP result per node, a weight set with the whole tree in its origin, on every
call. Thirty members submitting at once share one interpreter, so each submission's own CPU
time adds up to every member's wait (``benchmarks/workshop_load.py --mode tree``).
:class:`TreeRoundCheck` gives the same result in a fraction of that: what depends only on
the round (the nodes' children, sizes and random indices, the kept nodes' local weights,
each criterion's path) is worked out once per round; per submission each cell is checked
once; a 2 x 2 and a 3 x 3 matrix get their principal eigenvector and CI in closed form, a larger
one from LAPACK's dgeev (the routine behind ``np.linalg.eig``, without numpy's wrapper, which
costs several times the decomposition of a 4 x 4 matrix); CR and hints are computed on plain
floats, tied hints ordered as :func:`mcda.ahp.hint_order` orders them, and the result is the
plain data that is stored. Weights, CR and hints agree with the reference's within 1e-12, the
hints' order exactly (:mod:`tests.test_workshop_tree_check`). Judgments of another shape
(fractions as text, a :class:`~mcda.ahp.PairwiseMatrix`, anything refused) go through
:func:`~mcda.workshop.tree.parse_tree_judgments`, which gives the located messages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scipy.linalg.lapack import dgeev

from ..ahp import (
    CONSISTENCY_THRESHOLD,
    CR_ZERO,
    HINT_FLOOR,
    HINTS_SHOWN,
    RECIPROCAL_TOLERANCE,
    hint_order,
    nearest_saaty_value,
    random_index,
    upper_triangle,
)
from ..models import ValueTree, local_shares, unit_sum
from ..tree import node_from_points
from .results import JudgmentAnalysis, NodeJudgment, TreeRound
from .tree import analyse_tree_judgments, parse_tree_judgments

JUDGMENT_RANGE = 1e6
_SMALLEST = 1.0 / JUDGMENT_RANGE
# Judgments within 1e-6..1e6 (the 1/9..9 scale and far beyond) take the closed forms and dgeev
# (_principal), which agree with the reference within 1e-12 far beyond that too (checked to 1e50);
# but a product of two judgments overflows from 1e154 on, and numpy's and scipy's LAPACK builds
# drift apart as the matrix's norm grows. Judgments outside take the reference path.


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


@dataclass(frozen=True)
class _Node:
    name: str
    kids: tuple[str, ...]
    pairs: tuple[tuple[int, int], ...]  # the cells above the diagonal, as mcda.ahp.upper_triangle orders them
    slot: int  # where its children's shares start in the flat list of shares
    random_index: float


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
        self._nodes = tuple(self._node(tree, node, slots[node]) for node in plan.chosen)
        self._paths = tuple(self._path(tree, criterion, slots) for criterion in tree.criteria)

    @staticmethod
    def _node(tree: ValueTree, node: str, slot: int) -> _Node:
        kids = tree.children(node)
        rows, cols = upper_triangle(len(kids))
        pairs = tuple(zip(rows.tolist(), cols.tolist(), strict=True))
        return _Node(node, kids, pairs, slot, random_index(len(kids)))

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
            given = judgments.get(node.name)
            n = len(node.kids)
            if type(given) is not list or len(given) != n:
                return None
            rows: list[list[float]] = []
            for i, row in enumerate(given):
                if type(row) is not list or len(row) != n:
                    return None
                for x in row:
                    if type(x) is not float or not 0.0 < x < math.inf:
                        return None
                if abs(row[i] - 1.0) > 1e-9:
                    return None
                rows.append(list(row))
            for i, j in node.pairs:
                if abs(rows[j][i] * rows[i][j] - 1.0) > RECIPROCAL_TOLERANCE:
                    return None
            out.append(rows)
        return out

    def _analysed(self, rows: list[list[list[float]]]) -> TreeAnalysis | None:
        """The analysis of matrices already checked (chosen nodes' order); None if a judgment lies outside
        1/JUDGMENT_RANGE..JUDGMENT_RANGE or a weight is not a positive finite number."""
        shares = self._shares.copy()
        nodes: dict[str, dict[str, Any]] = {}
        for node, matrix in zip(self._nodes, rows, strict=True):
            for i, j in node.pairs:
                if not _SMALLEST <= matrix[i][j] <= JUDGMENT_RANGE:
                    return None
            found = _principal(node, matrix)
            if found is None:
                return None
            ci, w = found
            nodes[node.name] = _node_judgment(node, matrix, w, ci)
            total = math.fsum(w)  # local_shares, as the reference composes the global weights
            shares[node.slot : node.slot + len(w)] = [x / total for x in w]
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


def _principal(node: _Node, matrix: list[list[float]]) -> tuple[float, list[float]] | None:
    """CI and the principal eigenvector (summing to 1) of the reciprocal matrix of the upper triangle;
    None if a weight is not a positive finite number.

    n = 2: w = (a, 1) / (1 + a), CI = 0. n = 3: the row geometric means are the principal eigenvector
    and lambda_max = 1 + u + 1/u with u = (a13 / (a12 a23))^(1/3), so CI = (lambda_max - 3) / 2 =
    (sqrt(u) - 1/sqrt(u))^2 / 2 (Saaty 1980; Crawford and Williams 1985). n >= 4: LAPACK's dgeev, the
    routine behind np.linalg.eig (mcda.ahp.principal_eigen), without numpy's wrapper around it.
    """
    n = len(node.kids)
    if n == 2:
        a = matrix[0][1]
        return 0.0, [a / (1.0 + a), 1.0 / (1.0 + a)]
    if n == 3:
        a12, a13, a23 = matrix[0][1], matrix[0][2], matrix[1][2]
        g = (math.cbrt(a12 * a13), math.cbrt(a23 / a12), 1.0 / math.cbrt(a13 * a23))
        total = g[0] + g[1] + g[2]
        root = math.sqrt(math.cbrt(a13 / (a12 * a23)))
        return (root - 1.0 / root) ** 2 / 2.0, [x / total for x in g]
    full = [list(row) for row in matrix]
    for i, j in node.pairs:
        full[j][i] = 1.0 / full[i][j]
    for i, row in enumerate(full):
        row[i] = 1.0
    real, _, _, vectors, info = dgeev(full, compute_vl=0)
    if info:
        return None
    k = int(real.argmax())  # as mcda.ahp.principal_eigen
    vector = [abs(x) for x in vectors[:, k].tolist()]
    total = sum(vector)
    w = [x / total for x in vector]
    if not all(0.0 < x < math.inf for x in w):
        return None
    return max(0.0, (float(real[k]) - n) / (n - 1)), w


def _node_judgment(node: _Node, matrix: list[list[float]], w: list[float], ci: float) -> dict[str, Any]:
    """A NodeJudgment's JSON form: CR and hints as mcda.ahp.analyse gives them, on plain floats."""
    cr = ci / node.random_index if node.random_index > 0 else 0.0
    if abs(cr) < CR_ZERO:
        cr = 0.0
    weights = dict(zip(node.kids, w, strict=True))
    if len(w) == 2:  # e_12 = a_12 w_2 / w_1 = 1 up to rounding: consistent whatever the judgment
        return {"node": node.name, "weights": weights, "cr": cr, "consistent": True, "hints": []}
    errors = []
    for i, j in node.pairs:
        e = matrix[i][j] * w[j] / w[i]
        errors.append(max(e, 1.0 / e))
    order = range(3) if len(w) == 3 else hint_order(errors)  # the 3 errors of a 3 x 3 are equal: tied
    hints = []
    for k in order[:HINTS_SHOWN]:
        if errors[k] <= 1.0 + HINT_FLOOR:
            break
        i, j = node.pairs[k]
        suggested = w[i] / w[j]
        hints.append(
            {
                "row": node.kids[i],
                "column": node.kids[j],
                "current": matrix[i][j],
                "error": errors[k],
                "suggested": suggested,
                "suggested_scale": nearest_saaty_value(suggested),
            }
        )
    return {
        "node": node.name,
        "weights": weights,
        "cr": cr,
        "consistent": cr <= CONSISTENCY_THRESHOLD,
        "hints": hints,
    }
