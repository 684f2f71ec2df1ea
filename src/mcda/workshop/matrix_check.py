"""One AHP judgment matrix checked and analysed on plain floats, the way a submission needs it.

The reference, :func:`mcda.ahp.consistency` of a :class:`~mcda.ahp.PairwiseMatrix`, builds numpy
arrays and pydantic models for every matrix. Thirty members submitting at once share one
interpreter, so each submission's CPU time adds up to every member's wait
(``benchmarks/workshop_load.py``). Here each cell is checked once; a 2 x 2 and a 3 x 3 matrix get
their principal eigenvector and CI in closed form, a larger one from LAPACK's dgeev (the routine
behind ``np.linalg.eig``, without numpy's wrapper, which costs about as much as the decomposition
of a 9 x 9 matrix); CR and hints are computed on plain floats, tied hints ordered as
:func:`mcda.ahp.hint_order` orders them. Weights, CR and hints agree with the reference's within
1e-12, the hints' order exactly (tests/test_workshop_matrix_check.py). An AHP workshop's matrix
(:func:`mcda.workshop.group.analyse_judgments`) and each node of a tree round
(:mod:`mcda.workshop.tree_check`) are analysed here; anything else takes the reference path.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from scipy.linalg.lapack import dgeev

from ..ahp import (
    CONSISTENCY_THRESHOLD,
    CR_ZERO,
    HINT_FLOOR,
    HINTS_SHOWN,
    LARGEST_JUDGMENT,
    RECIPROCAL_TOLERANCE,
    SMALLEST_JUDGMENT,
    hint_order,
    nearest_saaty_value,
    random_index,
    upper_triangle,
)

# Judgments within ahp's limit, 1e-6..1e6 (the 1/9..9 scale and far beyond), take the closed forms and
# dgeev (principal), which agree with the reference within 1e-12 far beyond that too (checked to 1e50);
# judgments outside are refused, by the reference path with its located issues.


@dataclass(frozen=True)
class MatrixAnalysis:
    """A member's AHP matrix analysed, as stored: the matrix, its priorities, CR, whether it is
    consistent and the hints (each an :class:`~mcda.ahp.InconsistencyHint`'s fields)."""

    judgments: list[list[float]]
    weights: dict[str, float]
    cr: float
    consistent: bool
    hints: list[dict[str, Any]]

    def stored_details(self) -> dict[str, Any]:
        """The submission row's details, as ``JudgmentAnalysis.stored_details`` gives them."""
        return {"consistent": self.consistent, "hints": self.hints, "notes": []}


def lean_analysis(criteria: Sequence[str], judgments: object) -> MatrixAnalysis | None:
    """An AHP workshop member's matrix over ``criteria`` analysed, if it is plain floats that the
    reference accepts (what the pages send) and within the range of the lean path; else None."""
    node = MatrixNode.of("", tuple(criteria))
    rows = plain_matrix(node, judgments)
    found = None if rows is None else analysed(node, rows)
    if rows is None or found is None:
        return None
    result = found[1]
    return MatrixAnalysis(rows, result["weights"], result["cr"], result["consistent"], result["hints"])


@dataclass(frozen=True)
class MatrixNode:
    """What a matrix's analysis needs beside its judgments: the node's name, its children (the
    rows), the cells above the diagonal and the random index."""

    name: str
    kids: tuple[str, ...]
    pairs: tuple[tuple[int, int], ...]  # the cells above the diagonal, as mcda.ahp.upper_triangle orders them
    random_index: float

    @staticmethod
    @cache
    def of(name: str, kids: tuple[str, ...]) -> MatrixNode:
        rows, cols = upper_triangle(len(kids))
        return MatrixNode(name, kids, tuple(zip(rows.tolist(), cols.tolist(), strict=True)), random_index(len(kids)))


def plain_matrix(node: MatrixNode, given: object) -> list[list[float]] | None:
    """A copy of ``given`` if it is the node's n lists of n floats that :func:`mcda.ahp.validate_pairwise`
    accepts (what the pages send); else None (the reference parse says what is wrong)."""
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
    return rows


def analysed(node: MatrixNode, matrix: list[list[float]]) -> tuple[list[float], dict[str, Any]] | None:
    """The principal eigenvector (summing to 1) and a NodeJudgment's JSON form of a matrix that
    :func:`plain_matrix` gave; None if a judgment lies beyond ahp's limit (the reference path then refuses
    it) or a weight is not a positive finite number (the reference path)."""
    low, high = SMALLEST_JUDGMENT, LARGEST_JUDGMENT
    for i, j in node.pairs:
        if not (low <= matrix[i][j] <= high and low <= matrix[j][i] <= high):
            return None
    found = principal(node, matrix)
    if found is None:
        return None
    ci, w = found
    return w, node_judgment(node, matrix, w, ci)


def principal(node: MatrixNode, matrix: list[list[float]]) -> tuple[float, list[float]] | None:
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


def node_judgment(node: MatrixNode, matrix: list[list[float]], w: list[float], ci: float) -> dict[str, Any]:
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
