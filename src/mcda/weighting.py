"""Ways to obtain weights besides AHP: direct values with locks, equal, and objective weights.

Objective weights read the spread of the data, not anyone's priorities; they are shown for
contrast. References: Zeleny (1982) / Shannon entropy weights; Diakoulaki, Mavrotas &
Papayannakis (1995), CRITIC, Computers & Operations Research 22(7), 763-770.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from .cell_messages import cell_message_fields
from .errors import InputError, Issue
from .methods import scale_columns
from .models import DecisionProblem, WeightOrigin, WeightSet

OBJECTIVE_METHODS = ("entropy", "critic")


def entropy_weights(matrix: np.ndarray) -> np.ndarray:
    """Shannon entropy weights on p_ij = x_ij / sum_i x_ij, with 0 ln 0 = 0.

    pymcdm sets a column's entropy to 0 as soon as it holds a single 0, which makes any
    criterion with a zero the most 'informative'; here 0 ln 0 = 0 as in the literature.
    Constant and all-zero columns carry no information (weight 0).
    """
    x = np.asarray(matrix, dtype=float)
    if np.any(x < 0):
        raise InputError(
            Issue(
                "parameter_invalid",
                details={
                    "reason": "entropy weights need values of 0 or more",
                    "reason_nb": "entropivekter krever verdier på 0 eller mer",
                },
            )
        )
    m = x.shape[0]
    sums = x.sum(axis=0)
    p = np.divide(x, sums, out=np.full_like(x, 1.0 / m), where=sums > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    e = -plogp.sum(axis=0) / np.log(m)
    d = np.clip(1.0 - e, 0.0, None)
    return _normalised(d, "entropy")


def critic_weights(matrix: np.ndarray, types: np.ndarray) -> np.ndarray:
    """CRITIC: C_j = sigma_j * sum_k (1 - r_jk) on direction-aware min-max values.

    Constant criteria get weight 0 and are left out of the others' conflict sums.
    """
    x = np.asarray(matrix, dtype=float)
    lo, hi = x.min(axis=0), x.max(axis=0)
    varying = hi > lo
    c = np.zeros(x.shape[1])
    if varying.sum() >= 1:
        z = (x[:, varying] - lo[varying]) / (hi[varying] - lo[varying])
        z = np.where(np.asarray(types)[varying] == -1, 1.0 - z, z)
        sigma = z.std(axis=0, ddof=1) if x.shape[0] > 1 else np.zeros(z.shape[1])
        r = np.corrcoef(z, rowvar=False) if z.shape[1] > 1 else np.ones((1, 1))
        c[varying] = sigma * (1.0 - np.atleast_2d(r)).sum(axis=0)
        if varying.sum() == 1:
            c[varying] = sigma
    return _normalised(c, "CRITIC")


def _normalised(d: np.ndarray, label: str) -> np.ndarray:
    total = d.sum()
    if not np.isfinite(total) or total <= 0:
        raise InputError(
            Issue(
                "parameter_invalid",
                details={
                    "reason": f"{label} weights are undefined: no criterion varies across the alternatives",
                    "reason_nb": f"{label}-vektene er udefinerte: ingen kriterier varierer mellom alternativene",
                },
            )
        )
    return d / total


def _refuse_negative_values(problem: DecisionProblem) -> None:
    """Entropy weights read each value as a share of its criterion's total: a negative value is
    named by criterion and position."""
    rows, columns = np.nonzero(problem.matrix < 0)
    issues = [
        Issue("entropy_negative", details=cell_message_fields(problem, int(i), int(j), float(problem.matrix[i, j])))
        for i, j in zip(rows, columns)
    ]
    if issues:
        raise InputError(issues)


def objective_weight_set(problem: DecisionProblem, method: str = "entropy") -> WeightSet:
    """Objective weights of a complete problem (apply a missing-value policy first)."""
    if problem.missing_cells():
        raise InputError(
            Issue(
                "missing_values",
                details={
                    "count": len(problem.missing_cells()),
                    "cells": "objective weights need a complete matrix",
                    "cells_nb": "objektive vekter krever at alle verdiene er fylt ut",
                },
            )
        )
    # both are invariant to rescaling a criterion: powers of two keep 1e308 from overflowing
    matrix = scale_columns(np.asarray(problem.matrix, dtype=float), {})[0]
    if method == "entropy":
        _refuse_negative_values(problem)
        w = entropy_weights(matrix)
        note = "Shannon entropy of p_ij = x_ij / sum x_ij (0 ln 0 = 0)"
    elif method == "critic":
        w = critic_weights(matrix, problem.types)
        note = "CRITIC on direction-aware min-max values (Diakoulaki et al. 1995)"
    else:
        raise InputError(
            Issue(
                "parameter_invalid",
                value=method,
                details={"reason": f"unknown objective method; expected {', '.join(OBJECTIVE_METHODS)}"},
            )
        )
    return WeightSet.from_raw(
        dict(zip(problem.criterion_ids, w.tolist())),
        name=method.upper() if method == "critic" else method.capitalize(),
        origin=WeightOrigin(kind="objective", details={"method": method, "convention": note}),
    )


def rebalance(weights: Mapping[str, float], changed: str, value: float, locked: Iterable[str] = ()) -> dict[str, float]:
    """Set one weight and rescale the unlocked others in proportion so all sum to 1.

    Locked weights keep their value; the changed weight is capped at what the locks leave.
    With every other weight unlocked but zero, the remainder is shared equally.
    """
    w = {k: float(v) for k, v in weights.items()}
    total = sum(w.values())
    if total > 0:
        w = {k: v / total for k, v in w.items()}
    locked_set = {k for k in locked if k != changed and k in w}
    free = [k for k in w if k != changed and k not in locked_set]
    room = max(0.0, 1.0 - sum(w[k] for k in locked_set))
    new = min(max(0.0, float(value)), room)
    if not free:
        new = room
    w[changed] = new
    rest = room - new
    free_total = sum(w[k] for k in free)
    for k in free:
        w[k] = rest * (w[k] / free_total if free_total > 0 else 1.0 / len(free))
    return w
