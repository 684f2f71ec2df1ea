"""Scores and rank positions for many weight vectors (or data samples) at once.

Every method of the registry is vectorised over samples (:mod:`.kernels`): the part of a
method that does not depend on the weights is computed once per matrix, the rest is one
weighted sum (or a few) for a whole block of samples. The scores agree with
:func:`mcda.ranking.compute_scores` to rounding and the positions are the same.

Vectorised TOPSIS (Hwang & Yoon 1981) on a normalised matrix r (m x n) with weights
w >= 0: because w_j >= 0, the ideal of the weighted column is w_j max_i r_ij (rounding is
monotone, so this holds exactly in floating point), hence

    D+_i^2 = sum_j w_j^2 (r_ij - max_i r_ij)^2,   D-_i^2 = sum_j w_j^2 (r_ij - min_i r_ij)^2,

one matrix product per sample block. Where D+ + D- = 0 (every alternative equal on every
weighted criterion) the score is 0.5, as in :func:`mcda.ranking.topsis`; pymcdm itself
returns NaN there.

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
from ..kernels import SampledPreparation, normalize_stack, prepare, scores
from ..methods import METHODS, TIE_TOLERANCE, get_method, resolve_normalization
from ..models import ScoreDirection

VECTORISED_METHODS = tuple(METHODS)  # every method of the registry

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
        raise InputError(Issue("parameter_invalid", details={"reason": "weight samples must be finite and ≥ 0"}))
    if np.any(w.sum(axis=1) <= 0):
        raise InputError(Issue("weights_all_zero", details={}))
    return w


normalize_batch = normalize_stack  # the name the rest of the package imports


class Scorer:
    """Scores of every alternative for many weight vectors on one fixed matrix.

    Every method of the registry is vectorised (:mod:`.kernels`): what does not depend on
    the weights is computed once here. ``keys`` are oriented so that higher is better
    whatever the method's score direction.
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
        self.state = prepare(self.matrix, self.types, self.method, self.normalization, self.parameters)
        arrays = self.state["parts"][0][1]  # one matrix: one part with every criterion
        if self.method == "topsis":  # the sweeps' closed forms use these
            self.a_plus, self.a_minus = arrays["a_plus"], arrays["a_minus"]
        if self.method == "wsm":
            self.nmatrix = arrays["r"]

    @property
    def score_direction(self) -> ScoreDirection:
        return self.spec.score_direction

    @property
    def shape(self) -> tuple[int, int]:
        rows, columns = self.matrix.shape
        return rows, columns

    def scores(self, weights: np.ndarray) -> np.ndarray:
        """(samples, m) scores in the method's own direction for (samples, n) weights."""
        return scores(self.state, np.atleast_2d(np.asarray(weights, dtype=float)))

    def keys(self, weights: np.ndarray) -> np.ndarray:
        """Scores oriented so that higher is better."""
        s = self.scores(weights)
        return s if self.sign > 0 else -s


def prepare_batch(
    matrices: np.ndarray,
    types: np.ndarray,
    method: str,
    normalization: str | None,
    parameters: Mapping[str, Any] | None = None,
    varying: np.ndarray | None = None,
) -> dict[str, Any]:
    """The weight-independent part of ``method`` for a stack of matrices (samples, m, n),
    to score the same stack with several weight vectors (see :func:`batch_keys`).

    ``varying`` (n booleans) may name the criteria whose values can differ between the
    matrices (the others are prepared once); by default the stack is compared with its first.
    """
    spec = get_method(method)
    params = {**spec.default_parameters, **(parameters or {})}
    return prepare(
        np.asarray(matrices, dtype=float), types, spec.key, resolve_normalization(spec, normalization), params, varying
    )


def sampled_preparation(
    base: np.ndarray,
    varying: np.ndarray,
    types: np.ndarray,
    method: str,
    normalization: str | None,
    parameters: Mapping[str, Any] | None = None,
) -> SampledPreparation:
    """:func:`prepare_batch` for sampled data, chunk by chunk: its ``prepare(cell_values=...)``
    takes the sampled cells' values (:meth:`mcda.sensitivity.clouds.ValueSampler.cell_values`;
    or ``prepare(columns)`` the columns that vary as a column stack); the full stack is never
    built."""
    spec = get_method(method)
    params = {**spec.default_parameters, **(parameters or {})}
    return SampledPreparation(base, varying, types, spec.key, resolve_normalization(spec, normalization), params)


def batch_keys(
    matrices: np.ndarray,
    types: np.ndarray,
    weights: np.ndarray,
    method: str,
    normalization: str | None,
    parameters: Mapping[str, Any] | None = None,
    prepared: Mapping[str, Any] | None = None,
    varying: np.ndarray | None = None,
) -> np.ndarray:
    """Higher-is-better keys for a stack of matrices (samples, m, n).

    ``weights`` is one vector (n,) for every matrix or one per matrix (samples, n).
    ``prepared`` may pass :func:`prepare_batch` of the same stack and settings; ``varying``
    is passed on to it.
    """
    x = np.asarray(matrices, dtype=float)
    state = prepared if prepared is not None else prepare_batch(x, types, method, normalization, parameters, varying)
    return prepared_keys(state, weights, x.shape[0])


def prepared_keys(prepared: Mapping[str, Any], weights: np.ndarray, samples: int) -> np.ndarray:
    """Higher-is-better keys of ``samples`` prepared matrices (:func:`prepare_batch`,
    :func:`sampled_preparation`) for one weight vector (n,) or one per sample (samples, n)."""
    w = np.asarray(weights, dtype=float)
    w = np.broadcast_to(w, (samples, w.shape[-1])) if w.ndim == 1 else w
    out = scores(prepared, w)
    return out if get_method(prepared["method"]).score_direction == "higher_is_better" else -out


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
    n = w.shape[1]
    # one bincount over (alternative, criterion) bins; each bin adds its samples in order, as one per criterion
    bins = (first[:, None] * n + np.arange(n)).ravel()
    return np.bincount(bins, weights=np.ascontiguousarray(w).ravel(), minlength=m * n).reshape(m, n)
