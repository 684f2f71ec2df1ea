"""Scores and rank positions for many weight vectors (or data samples) at once.

TOPSIS and WSM are vectorised; every other method of the registry is run sample by sample
through :func:`mcda.ranking.compute_scores` (slower, same results as a single ranking).

Vectorised TOPSIS (Hwang & Yoon 1981) on a normalised matrix r (m x n) with weights
w >= 0: because w_j >= 0, the ideal of the weighted column is w_j max_i r_ij (rounding is
monotone, so this holds exactly in floating point), hence

    D+_i^2 = sum_j w_j^2 (r_ij - max_i r_ij)^2,   D-_i^2 = sum_j w_j^2 (r_ij - min_i r_ij)^2,

one matrix product per sample block. The normalised matrix does not depend on the weights
and is computed once by :func:`mcda.ranking.normalize` (pymcdm's conventions). Where
D+ + D- = 0 (every alternative equal on every weighted criterion) the score is 0.5, as in
:func:`mcda.ranking.topsis`; pymcdm itself returns NaN there.

Tie rule for positions (used by rank acceptability): scores are grouped exactly as
:func:`mcda.ranking.rank_scores` groups them (sorted, a gap of at most 1e-9 relative joins
the previous group); within a group, alternatives take positions in input order. This is
the order of ``Ranking.entries`` (sorted by rank, then input order), so "position r" of a
sample is the r-th entry of the ranking :func:`mcda.ranking.rank_alternatives` would print.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import InputError, Issue
from ..models import ScoreDirection
from ..ranking import TIE_TOLERANCE, compute_scores, get_method, method_failed, normalize, resolve_normalization

VECTORISED_METHODS = ("topsis", "wsm")

TIE_RULE = (
    "scores within 1e-9 (relative) are tied, as in a single ranking; tied alternatives take "
    "positions in input order (the order of Ranking.entries)"
)


def check_weight_samples(weight_samples: np.ndarray, n_criteria: int) -> np.ndarray:
    """A (samples x criteria) float array of finite weights >= 0, each row with a positive sum."""
    w = np.asarray(weight_samples, dtype=float)
    if w.ndim == 1:
        w = w[None, :]
    if w.ndim != 2 or w.shape[1] != n_criteria:
        raise InputError(
            Issue(
                "parameter_invalid",
                details={
                    "reason": f"weight samples must have shape (samples, {n_criteria}); got {np.shape(weight_samples)}"
                },
            )
        )
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise InputError(Issue("parameter_invalid", details={"reason": "weight samples must be finite and >= 0"}))
    if np.any(w.sum(axis=1) <= 0):
        raise InputError(Issue("weights_all_zero", details={}))
    return w


def normalize_batch(matrices: np.ndarray, types: np.ndarray, normalization: str, method_label: str) -> np.ndarray:
    """:func:`mcda.ranking.normalize` applied to each matrix of a (samples, m, n) stack.

    Same formulas (pymcdm's) and the same guards: an all-zero column is scored as a constant,
    min-max of a constant column is 1, sum normalisation needs every value > 0.
    """
    x = np.asarray(matrices, dtype=float)
    cost = np.asarray(types) == -1
    if normalization == "sum" and np.any(x <= 0):
        raise method_failed(method_label, "sum_positive")
    all_zero = np.all(x == 0, axis=1, keepdims=True)
    if all_zero.any():
        x = np.where(all_zero, 1.0, x)
    with np.errstate(divide="ignore", invalid="ignore"):
        if normalization == "vector":
            r = x / np.sqrt(np.sum(x**2, axis=1, keepdims=True))
            r = np.where(cost, 1.0 - r, r)
        elif normalization == "minmax":
            lo = x.min(axis=1, keepdims=True)
            hi = x.max(axis=1, keepdims=True)
            span = hi - lo
            r = np.where(cost, hi - x, x - lo) / span
            r = np.where(span == 0, 1.0, r)
        elif normalization == "max":
            r = x / x.max(axis=1, keepdims=True)
            r = np.where(cost, 1.0 - r, r)
        elif normalization == "sum":
            r = np.where(
                cost,
                (1.0 / x) / np.sum(1.0 / x, axis=1, keepdims=True),
                x / np.sum(x, axis=1, keepdims=True),
            )
        else:
            raise InputError(
                Issue(
                    "normalization_unknown",
                    value=normalization,
                    details={
                        "method": method_label,
                        "expected": ["vector", "minmax", "max", "sum"],
                    },
                )
            )
    if not np.all(np.isfinite(r)):
        raise method_failed(method_label, "undefined_normalised")
    return r


def _topsis_from_squares(dp2: np.ndarray, dm2: np.ndarray) -> np.ndarray:
    dp = np.sqrt(dp2)
    dm = np.sqrt(dm2)
    total = dm + dp
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, dm / np.where(total > 0, total, 1.0), 0.5)


class Scorer:
    """Scores of every alternative for many weight vectors on one fixed matrix.

    ``keys`` are oriented so that higher is better whatever the method's score direction.
    """

    def __init__(
        self,
        matrix: np.ndarray,
        types: np.ndarray,
        method: str = "topsis",
        normalization: str | None = None,
        parameters: Mapping[str, Any] | None = None,
    ):
        self.spec = get_method(method)
        self.method = self.spec.key
        self.normalization = resolve_normalization(self.spec, normalization)
        self.parameters = {**self.spec.default_parameters, **(parameters or {})}
        self.matrix = np.asarray(matrix, dtype=float)
        self.types = np.asarray(types, dtype=int)
        if self.matrix.ndim != 2 or self.types.shape != (self.matrix.shape[1],):
            raise InputError(
                Issue(
                    "parameter_invalid",
                    details={
                        "reason": "matrix must be (alternatives, criteria) and types one per "
                        "criterion; got "
                        f"{self.matrix.shape} and {self.types.shape}"
                    },
                )
            )
        if not np.all(np.isfinite(self.matrix)):
            raise InputError(
                Issue(
                    "missing_values",
                    details={
                        "count": int((~np.isfinite(self.matrix)).sum()),
                        "cells": "non-finite values in the matrix",
                    },
                )
            )
        self.sign = 1.0 if self.spec.score_direction == "higher_is_better" else -1.0
        self.vectorised = self.method in VECTORISED_METHODS
        if self.vectorised:
            assert self.normalization is not None, "every vectorised method normalises"
            self.nmatrix = normalize(self.matrix, self.types, self.normalization, self.spec.label.en)
            if not np.all(np.isfinite(self.nmatrix)):
                raise method_failed(self.spec.label.en, "undefined_normalised")
            if self.method == "topsis":
                self.a_plus = (self.nmatrix - self.nmatrix.max(axis=0)) ** 2
                self.a_minus = (self.nmatrix - self.nmatrix.min(axis=0)) ** 2
                self._a_both = np.concatenate([self.a_plus, self.a_minus]).T.copy()  # (n, 2m)

    @property
    def score_direction(self) -> ScoreDirection:
        return self.spec.score_direction

    @property
    def shape(self) -> tuple[int, int]:
        rows, columns = self.matrix.shape
        return rows, columns

    def scores(self, weights: np.ndarray) -> np.ndarray:
        """(samples, m) scores in the method's own direction for (samples, n) weights."""
        w = np.atleast_2d(np.asarray(weights, dtype=float))
        # einsum, not matmul: a multithreaded BLAS is several times slower on these thin
        # products (thread start-up on every chunk), and einsum's own loop is not
        if self.method == "topsis":
            m = self.matrix.shape[0]
            both = np.einsum("sn,nk->sk", w * w, self._a_both)
            return _topsis_from_squares(both[:, :m], both[:, m:])
        if self.method == "wsm":
            return np.einsum("sn,mn->sm", w, self.nmatrix)
        out = np.empty((w.shape[0], self.matrix.shape[0]))
        for s, row in enumerate(w):
            out[s] = compute_scores(
                self.matrix, row, self.types, self.method, self.normalization, self.parameters
            ).scores
        return out

    def keys(self, weights: np.ndarray) -> np.ndarray:
        """Scores oriented so that higher is better."""
        s = self.scores(weights)
        return s if self.sign > 0 else -s


def batch_keys(
    matrices: np.ndarray,
    types: np.ndarray,
    weights: np.ndarray,
    method: str,
    normalization: str | None,
    parameters: Mapping[str, Any] | None = None,
    normalized: np.ndarray | None = None,
) -> np.ndarray:
    """Higher-is-better keys for a stack of matrices (samples, m, n).

    ``weights`` is one vector (n,) for every matrix or one per matrix (samples, n).
    ``normalized`` may pass the already normalised stack (vectorised methods only).
    """
    spec = get_method(method)
    norm = resolve_normalization(spec, normalization)
    x = np.asarray(matrices, dtype=float)
    w = np.asarray(weights, dtype=float)
    w = np.broadcast_to(w, (x.shape[0], x.shape[2])) if w.ndim == 1 else w
    if spec.key in VECTORISED_METHODS:
        assert norm is not None, "every vectorised method normalises"
        r = normalized if normalized is not None else normalize_batch(x, types, norm, spec.label.en)
        if spec.key == "wsm":
            return np.einsum("smn,sn->sm", r, w)
        w2 = w * w
        dp2 = np.einsum("smn,sn->sm", (r - r.max(axis=1, keepdims=True)) ** 2, w2)
        dm2 = np.einsum("smn,sn->sm", (r - r.min(axis=1, keepdims=True)) ** 2, w2)
        return _topsis_from_squares(dp2, dm2)
    params = {**spec.default_parameters, **(parameters or {})}
    sign = 1.0 if spec.score_direction == "higher_is_better" else -1.0
    out = np.empty(x.shape[:2])
    for s in range(x.shape[0]):
        out[s] = sign * compute_scores(x[s], w[s], types, spec.key, norm, params).scores
    return out


def positions(keys: np.ndarray) -> np.ndarray:
    """Order of the alternatives in each sample: ``[s, r]`` is the alternative in position r + 1.

    ``keys`` (samples, m) are higher-is-better scores. Ties: see the module docstring.
    """
    k = np.atleast_2d(np.asarray(keys, dtype=float))
    samples, m = k.shape
    order = np.argsort(-k, axis=1, kind="stable")
    if m < 2:
        return order
    ordered = np.take_along_axis(k, order, axis=1)
    gap = ordered[:, :-1] - ordered[:, 1:]
    # the same test as rank_scores: key = -score, scale = max(1, |key|) of the later entry
    tied = ~(gap > TIE_TOLERANCE * np.maximum(1.0, np.abs(ordered[:, 1:])))
    rows = np.flatnonzero(tied.any(axis=1))
    if rows.size:
        group = np.zeros((rows.size, m), dtype=np.int64)
        np.cumsum(~tied[rows], axis=1, out=group[:, 1:])
        sub = order[rows]
        resort = np.argsort(group * m + sub, axis=1, kind="stable")
        order[rows] = np.take_along_axis(sub, resort, axis=1)
    return order


def position_counts(order: np.ndarray) -> np.ndarray:
    """(m, m) counts: ``[i, r]`` = number of samples in which alternative i is in position r + 1."""
    samples, m = order.shape
    flat = (order * m + np.arange(m)).ravel()
    return np.bincount(flat, minlength=m * m).reshape(m, m)


def first_weight_sums(order: np.ndarray, weights: np.ndarray, m: int) -> np.ndarray:
    """(m, n) sums of the weight vectors of the samples in which each alternative is first."""
    first = order[:, 0]
    w = np.broadcast_to(weights, (order.shape[0], weights.shape[-1])) if weights.ndim == 1 else weights
    return np.stack([np.bincount(first, weights=w[:, j], minlength=m) for j in range(w.shape[1])], axis=1)
