"""Rank acceptability analysis (SMAA-2; Lahdelma & Salminen 2001, Operations Research 49(3)).

For a cloud of weight vectors (and, optionally, of performance values):

- rank acceptability b_i^r: the share of samples in which alternative i takes position r;
- central weight vector w_i^c: the mean of the weight vectors of the samples in which i is
  first (undefined - None - when i is never first);
- confidence factor p_i^c: the share of samples in which i is first when the weights are
  fixed at w_i^c. With exact data this is 1 or 0; with data uncertainty it is estimated on
  fresh data samples (the same data samples for every alternative).

Positions follow the tie rule of :mod:`mcda.sensitivity.scoring` (ties share a group as in
a single ranking, and take positions in input order inside it).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from pydantic import Field

from ..errors import InputError, Issue
from ..methods import scaled_if_extreme
from ..missing import DEFAULT_MISSING_POLICY, MissingPolicy, apply_missing_policy
from ..models import DecisionProblem, Frozen, LocalizedText, ScoreDirection, WeightSet
from ..ranking import DEFAULT_SETTINGS, RankingSettings
from ..versions import library_versions
from .clouds import DataUncertainty, Resample, ValueSampler, WeightCloud
from .scoring import (
    TIE_RULE,
    Scorer,
    check_weight_samples,
    first_weight_sums,
    position_counts,
    positions,
    prepared_keys,
    sampled_preparation,
)

Progress = Callable[[float], None]

# bytes of temporaries per chunk; keeps a million-sample run far below 1 GB
CHUNK_BYTES = 8 * 2**20
# with sampled data a chunk's arrays are several stacks of columns, the samples last: on the
# shipped problem chunks of about 1,700 samples ran a few per cent faster than of 1,100 or
# 3,400 (the arrays stay nearer a core's cache); PROMETHEE's flows, which build no columns
# and make many small calls per chunk, ran about a tenth faster in chunks of 3,400 than of
# 1,700 (bench_methods.py, the same run)
DATA_CHUNK_BYTES = 6 * 2**20


def chunk_size(m: int, n: int, with_data: bool = False, columns: bool = True) -> int:
    """Samples per chunk for an m x n problem (depends only on the shape and the method, so
    runs repeat; the results do not depend on it). ``columns``, with sampled data: whether
    the preparation builds stacks of columns (:attr:`mcda.kernels.SampledPreparation.builds_columns`);
    without them a sample holds half the bytes."""
    per_sample = (24 if columns else 12) * m * n if with_data else 8 * (6 * m + 2 * n)
    return int(max(64, min(65_536, (DATA_CHUNK_BYTES if with_data else CHUNK_BYTES) // per_sample)))


def rank_acceptability(
    matrix: np.ndarray,
    types: np.ndarray,
    weight_samples: np.ndarray,
    method: str = "topsis",
    normalization: str | None = "vector",
    parameters: Mapping[str, Any] | None = None,
    *,
    chunk: int | None = None,
    progress: Progress | None = None,
) -> np.ndarray:
    """m x m array: ``[i, r]`` is the share of weight samples in which alternative i has rank r + 1.

    ``matrix`` (m x n) must be complete; ``types`` is +1 (benefit) / -1 (cost) per criterion;
    ``weight_samples`` is (samples x n), weights >= 0 (rows need not sum to 1; pymcdm does
    not rescale them either). Ties: scores within 1e-9 (relative) are tied and tied
    alternatives take consecutive ranks in input order, so each row and each column sums
    to 1. Every method is vectorised in chunks.
    For methods with their own normalisation (VIKOR, ...) pass ``normalization=None``.
    """
    scorer = Scorer(matrix, types, method, normalization, parameters)
    m, n = scorer.shape
    w = check_weight_samples(weight_samples, n)
    counts, _ = _tally_fixed(scorer, w, chunk or chunk_size(m, n), progress)
    return counts / w.shape[0]


def _tally_fixed(
    scorer: Scorer, weights: np.ndarray, chunk: int, progress: Progress | None
) -> tuple[np.ndarray, np.ndarray]:
    m, n = scorer.shape
    counts = np.zeros((m, m), dtype=np.int64)
    sums = np.zeros((m, n))
    total = weights.shape[0]
    for start in range(0, total, chunk):
        w = weights[start : start + chunk]
        order = positions(scorer.keys(w))
        counts += position_counts(order)
        sums += first_weight_sums(order, w, m)
        if progress is not None:
            progress(min(start + chunk, total) / total)
    return counts, sums


class AcceptabilityResult(Frozen):
    """SMAA-2 results for one problem, method and cloud; reproducible from ``seed``."""

    alternatives: tuple[str, ...] = Field(description="alternative ids, in the problem's order (rows)")
    criteria: tuple[str, ...] = Field(description="criterion ids of the weight vectors")
    counts: tuple[tuple[int, ...], ...] = Field(description="[i][r]: samples with alternative i in position r+1")
    acceptability: tuple[tuple[float, ...], ...] = Field(description="[i][r]: counts / samples (b_i^r)")
    central_weights: dict[str, dict[str, float] | None] = Field(
        description="alternative -> mean weights of the samples where it is first (None if never first)"
    )
    confidence: dict[str, float | None] = Field(
        description="alternative -> share of samples where it is first with the weights at its central weights"
    )
    cloud: WeightCloud = Field(description="the weight cloud sampled (over the criteria used)")
    data_uncertainty: DataUncertainty | None = Field(default=None, description="how values were varied")
    seed: int = Field(description="seed of numpy.random.default_rng; the same seed repeats the result")
    samples: int = Field(description="number of samples for the acceptabilities")
    confidence_samples: int = Field(description="data samples per confidence factor (0: exact data)")
    method: str
    normalization: str | None
    parameters: dict[str, Any] = Field(default_factory=dict)
    score_direction: ScoreDirection
    missing_policy: MissingPolicy = DEFAULT_MISSING_POLICY
    excluded_criteria: tuple[str, ...] = ()
    excluded_alternatives: tuple[str, ...] = ()
    imputed_cells: tuple[tuple[str, str], ...] = ()
    tie_rule: str = TIE_RULE
    notes: tuple[LocalizedText, ...] = ()
    library_versions: dict[str, str] = Field(default_factory=dict)

    def matrix(self) -> np.ndarray:
        """The acceptabilities as an m x m array (rows: alternatives, columns: positions)."""
        return np.array(self.acceptability, dtype=float)

    def first(self) -> dict[str, float]:
        """b_i^1: the share of samples in which each alternative is first."""
        return {a: row[0] for a, row in zip(self.alternatives, self.acceptability, strict=True)}

    def top(self, depth: int = 3) -> dict[str, float]:
        """The share of samples in which each alternative is among the first ``depth``."""
        return {a: float(sum(row[:depth])) for a, row in zip(self.alternatives, self.acceptability, strict=True)}

    def expected_rank(self) -> dict[str, float]:
        positions_ = np.arange(1, len(self.alternatives) + 1)
        return {a: float(np.dot(row, positions_)) for a, row in zip(self.alternatives, self.acceptability, strict=True)}


def new_seed() -> int:
    """A fresh seed to record when the caller gives none."""
    return secrets.randbits(63)


def analyse_rank_acceptability(
    problem: DecisionProblem,
    cloud: WeightCloud | WeightSet,
    samples: int = 10_000,
    seed: int | None = None,
    settings: RankingSettings = DEFAULT_SETTINGS,
    data: DataUncertainty | None = None,
    confidence_samples: int | None = None,
    progress: Progress | None = None,
) -> AcceptabilityResult:
    """SMAA-2 for a weight cloud (a WeightSet means fixed weights) and optional data uncertainty.

    ``confidence_samples`` (default: ``samples``) data samples estimate each confidence
    factor when the data vary. The random numbers come from ``default_rng(seed)``: first
    the acceptability samples, then the confidence samples.
    """
    spec, norm, params = settings.resolved()
    missing_policy = settings.missing_policy
    if samples < 1:
        raise InputError(Issue("parameter_invalid", details={"reason": f"samples must be ≥ 1, got {samples}"}))
    if isinstance(cloud, WeightSet):
        cloud = WeightCloud.fixed(cloud, criteria=problem.criterion_ids)
    cloud = _in_problem_order(cloud, problem.criterion_ids)
    outcome = apply_missing_policy(problem, missing_policy)
    used = outcome.problem
    used_cloud = cloud.restricted(used.criterion_ids)
    seed = new_seed() if seed is None else int(seed)
    rng = np.random.default_rng(seed)
    m, n = used.matrix.shape
    notes = list(outcome.notes)
    if outcome.interval_cells and data is None:
        # missing values are intervals: sample them together with the weights
        data = DataUncertainty(ranges=True)
        notes.append(
            LocalizedText(
                en=f"the {len(outcome.interval_cells)} missing values were sampled uniformly within their intervals "
                "together with the weights (and so were the data's own uncertainty ranges)",
                nb=f"de {len(outcome.interval_cells)} manglende verdiene ble trukket jevnt innenfor intervallene sine "
                "sammen med vektene (det samme gjaldt dataenes egne usikkerhetsintervaller)",
            )
        )

    sampler: ValueSampler | None = None
    sampled_params = params  # the sampled values' parameters: PROMETHEE's thresholds scaled as they are
    if data is not None:
        low, high = data.bounds(used)
        low, sampled_params, exponents = scaled_if_extreme(low, params, high=high)  # 1e308 must not overflow
        sampler = ValueSampler(low, high if exponents is None else np.ldexp(high, -exponents))
        if sampler.uniforms_per_sample == 0:
            notes.append(
                LocalizedText(
                    en="no value has an uncertainty range; the data were kept fixed",
                    nb="ingen verdi har et usikkerhetsintervall; dataene ble holdt faste",
                )
            )
            sampler = None
    n_conf = 0 if sampler is None else int(samples if confidence_samples is None else confidence_samples)
    total_work = samples + n_conf
    report = _scaled(progress, 0.0, samples / total_work)

    d_w = used_cloud.uniforms_per_sample
    counts = np.zeros((m, m), dtype=np.int64)
    sums = np.zeros((m, n))
    if sampler is None:
        scorer = Scorer(used.matrix, used.types, spec.key, norm, params)
        step = chunk_size(m, n)
        for start in range(0, samples, step):
            k = min(step, samples - start)
            w = used_cloud.transform(rng.random((k, d_w)))
            order = positions(scorer.keys(w))
            counts += position_counts(order)
            sums += first_weight_sums(order, w, m)
            report((start + k) / samples)
    else:
        d_x = sampler.uniforms_per_sample
        preparation = sampled_preparation(sampler.low, sampler.varying, used.types, spec.key, norm, sampled_params)
        step = chunk_size(m, n, with_data=True, columns=preparation.builds_columns)
        for start in range(0, samples, step):
            k = min(step, samples - start)
            u = rng.random((k, d_w + d_x))
            w = used_cloud.transform(u[:, :d_w])
            prepared = preparation.prepare(cell_values=sampler.cell_values(u[:, d_w:]))
            order = positions(prepared_keys(prepared, w, k))
            counts += position_counts(order)
            sums += first_weight_sums(order, w, m)
            report((start + k) / samples)

    first_counts = counts[:, 0]
    central = np.full((m, n), np.nan)
    has_central = first_counts > 0
    central[has_central] = sums[has_central] / first_counts[has_central, None]
    central[has_central] /= central[has_central].sum(axis=1, keepdims=True)
    confidence = _confidence_factors(
        used,
        central,
        has_central,
        spec.key,
        norm,
        params if sampler is None else sampled_params,
        sampler,
        rng,
        n_conf,
        _scaled(progress, samples / total_work, 1.0),
    )

    ids = used.alternative_ids
    return AcceptabilityResult(
        alternatives=ids,
        criteria=used.criterion_ids,
        counts=tuple(tuple(int(c) for c in row) for row in counts),
        acceptability=tuple(tuple(float(c) / samples for c in row) for row in counts),
        central_weights={
            a: ({c: float(central[i, j]) for j, c in enumerate(used.criterion_ids)} if has_central[i] else None)
            for i, a in enumerate(ids)
        },
        confidence={a: (float(confidence[i]) if has_central[i] else None) for i, a in enumerate(ids)},
        cloud=used_cloud,
        data_uncertainty=data,
        seed=seed,
        samples=samples,
        confidence_samples=n_conf,
        method=spec.key,
        normalization=norm,
        parameters={k: v for k, v in params.items() if v is not None},
        score_direction=spec.score_direction,
        missing_policy=missing_policy,
        excluded_criteria=outcome.excluded_criteria,
        excluded_alternatives=outcome.excluded_alternatives,
        imputed_cells=outcome.imputed_cells,
        notes=tuple(notes),
        library_versions=library_versions(),
    )


def analyse_member_acceptability(
    problem: DecisionProblem,
    members: Sequence[WeightSet],
    samples: int = 10_000,
    seed: int | None = None,
    jitter_percent: float = 0.0,
    resample: Resample = "member",
    **options: Any,
) -> AcceptabilityResult:
    """SMAA-2 over the members' own weight sets (a workshop round); see :class:`WeightCloud`."""
    cloud = WeightCloud.from_members(
        members, jitter_percent=jitter_percent, resample=resample, criteria=problem.criterion_ids
    )
    return analyse_rank_acceptability(problem, cloud, samples=samples, seed=seed, **options)


def _in_problem_order(cloud: WeightCloud, criteria: Sequence[str]) -> WeightCloud:
    """The cloud over exactly the problem's criteria, its vectors in the problem's order."""
    if set(cloud.criteria) != set(criteria):
        expected = list(criteria)
        issues = [
            Issue("weight_unknown", column=c, details={"expected": expected})
            for c in cloud.criteria
            if c not in criteria
        ]
        issues += [
            Issue("weight_missing", column=c, details={"expected": expected})
            for c in criteria
            if c not in cloud.criteria
        ]
        raise InputError(issues)
    if cloud.criteria != tuple(criteria):
        return cloud.model_copy(update={"criteria": tuple(criteria)})
    return cloud


def _scaled(progress: Progress | None, low: float, high: float) -> Progress:
    if progress is None:
        return lambda fraction: None
    return lambda fraction: progress(low + (high - low) * fraction)


def _confidence_factors(
    used: DecisionProblem,
    central: np.ndarray,
    has_central: np.ndarray,
    method: str,
    norm: str | None,
    params: dict[str, Any],
    sampler: ValueSampler | None,
    rng: np.random.Generator,
    n_conf: int,
    report: Progress,
) -> np.ndarray:
    m, n = used.matrix.shape
    winners = np.flatnonzero(has_central)
    confidence = np.zeros(m)
    if winners.size == 0:
        report(1.0)
        return confidence
    if sampler is None:
        order = positions(Scorer(used.matrix, used.types, method, norm, params).keys(central[winners]))
        confidence[winners] = (order[:, 0] == winners).astype(float)
        report(1.0)
        return confidence
    hits = np.zeros(m, dtype=np.int64)
    preparation = sampled_preparation(sampler.low, sampler.varying, used.types, method, norm, params)
    step = max(1, chunk_size(m, n, with_data=True, columns=preparation.builds_columns) // max(1, winners.size))
    for start in range(0, n_conf, step):
        k = min(step, n_conf - start)
        u = rng.random((k, sampler.uniforms_per_sample))
        prepared = preparation.prepare(cell_values=sampler.cell_values(u))  # shared by every winner
        for i in winners:
            hits[i] += int(np.count_nonzero(positions(prepared_keys(prepared, central[i], k))[:, 0] == i))
        report((start + k) / n_conf)
    confidence[winners] = hits[winners] / n_conf
    return confidence
