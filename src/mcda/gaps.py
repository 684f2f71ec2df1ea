"""Knowledge gaps: which missing or uncertain value matters most for the ranking.

For every cell whose value is an interval (a missing value under the ``interval`` policy, or
a value with its own ``<criterion>_min``/``_max`` range), with every other value at its point
value (the midpoint of a missing value's interval) and the weights fixed:

- how far knowing it can move its position's rank: the position's best and worst rank as
  the cell runs over its interval (``grid`` evenly spaced values, both ends included);
- whether some value in the interval changes who is first, or who is in the top three;
- its share of the rank uncertainty: all interval cells are drawn together (uniformly,
  ``samples`` draws from ``default_rng(seed)``; with a weight cloud, the weights too, as in
  rank acceptability), and the share is the cell's first-order variance share
  ``sum_i Var(E[rank_i | x_c]) / sum_i Var(rank_i)`` over all positions i (Sobol's main
  effect, estimated by 10 quantile bins with the bias of the bin means removed).

Gaps are sorted by influence: those that can change first place, then the top three, then
the width of the rank range, then the share.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
from pydantic import Field

from .missing import apply_missing_policy
from .models import DecisionProblem, Frozen, LocalizedText, WeightSet
from .ranking import DEFAULT_SETTINGS, RankingSettings, compute_scores, rank_scores, value_bounds
from .sensitivity.clouds import WeightCloud
from .sensitivity.scoring import batch_keys
from .versions import library_versions

GapKind = Literal["missing", "uncertain"]
BINS = 10


class KnowledgeGap(Frozen):
    id: str = Field(description="position (alternative) id")
    criterion: str = Field(description="criterion id")
    kind: GapKind = Field(description="missing: no value, an interval; uncertain: a value with a range")
    interval: tuple[float, float] = Field(description="the range the value could take")
    value_now: float = Field(description="the value used in the point ranking")
    rank_now: int
    rank_best: int = Field(description="the position's best rank as this value runs over its interval")
    rank_worst: int = Field(description="the position's worst rank as this value runs over its interval")
    can_change_first: bool
    can_change_top3: bool
    share: float = Field(description="first-order share of the rank variance when every interval is sampled")

    @property
    def rank_span(self) -> int:
        return self.rank_worst - self.rank_best


class GapAnalysis(Frozen):
    gaps: tuple[KnowledgeGap, ...] = Field(description="most influential first")
    method: str
    normalization: str | None
    parameters: dict[str, Any] = Field(default_factory=dict)
    weights: WeightSet
    grid: int
    samples: int
    seed: int
    weights_sampled: bool
    notes: tuple[LocalizedText, ...] = ()
    library_versions: dict[str, str] = Field(default_factory=dict)

    def fill_first(self, count: int = 5) -> tuple[KnowledgeGap, ...]:
        return self.gaps[:count]


def analyse_gaps(
    problem: DecisionProblem,
    weights: WeightSet,
    settings: RankingSettings = DEFAULT_SETTINGS,
    grid: int = 11,
    samples: int = 2_000,
    seed: int = 0,
    cloud: WeightCloud | None = None,
) -> GapAnalysis:
    """The knowledge-gap list of a problem (missing values are intervals whatever the settings'
    missing-value policy; see the module doc)."""
    spec, norm, params = settings.resolved()
    WeightSet.from_raw(weights.weights, criteria=problem.criterion_ids)
    outcome = apply_missing_policy(problem, "interval")
    used = outcome.problem
    w = weights.vector(used.criterion_ids)
    base = np.array(used.matrix, dtype=float)
    low, high = value_bounds(used)
    rows, cols = np.nonzero(high > low)
    missing = set(outcome.interval_cells)

    point = compute_scores(base, w, used.types, spec.key, norm, params)
    point_ranks = rank_scores(point.scores, spec.score_direction)
    first_now = _first(point_ranks)
    top3_now = _top3(point_ranks)

    gaps_raw = []
    grid = max(2, int(grid))
    for i, j in zip(rows, cols):
        values = np.linspace(low[i, j], high[i, j], grid)
        stack = np.broadcast_to(base, (grid, *base.shape)).copy()
        stack[:, i, j] = values
        keys = batch_keys(stack, used.types, w, spec.key, norm, params)
        ranks = np.array([rank_scores(k, "higher_is_better") for k in keys])
        gaps_raw.append(
            (
                int(i),
                int(j),
                int(min(ranks[:, i].min(), point_ranks[i])),
                int(max(ranks[:, i].max(), point_ranks[i])),
                any(_first(r) != first_now for r in ranks),
                any(_top3(r) != top3_now for r in ranks),
            )
        )

    shares = _variance_shares(used, w, low, high, rows, cols, spec.key, norm, params, samples, seed, cloud)
    gaps = [
        KnowledgeGap(
            id=used.alternative_ids[i],
            criterion=used.criterion_ids[j],
            kind="missing" if (used.alternative_ids[i], used.criterion_ids[j]) in missing else "uncertain",
            interval=(float(low[i, j]), float(high[i, j])),
            value_now=float(base[i, j]),
            rank_now=int(point_ranks[i]),
            rank_best=best,
            rank_worst=worst,
            can_change_first=first,
            can_change_top3=top3,
            share=float(shares[k]),
        )
        for k, (i, j, best, worst, first, top3) in enumerate(gaps_raw)
    ]
    gaps.sort(key=lambda g: (not g.can_change_first, not g.can_change_top3, -g.rank_span, -g.share, g.id))
    return GapAnalysis(
        gaps=tuple(gaps),
        method=spec.key,
        normalization=norm,
        parameters={k: v for k, v in params.items() if v is not None},
        weights=weights,
        grid=grid,
        samples=int(samples),
        seed=int(seed),
        weights_sampled=cloud is not None,
        notes=tuple(outcome.notes),
        library_versions=library_versions(),
    )


def _first(ranks: np.ndarray) -> frozenset[int]:
    return frozenset(np.flatnonzero(ranks == 1).tolist())


def _top3(ranks: np.ndarray) -> frozenset[int]:
    return frozenset(np.flatnonzero(ranks <= 3).tolist())


def _variance_shares(
    problem: DecisionProblem,
    w: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    method: str,
    norm: str | None,
    params: Mapping[str, Any],
    samples: int,
    seed: int,
    cloud: WeightCloud | None,
) -> np.ndarray:
    """First-order share of the summed rank variance for each interval cell (binned estimator)."""
    c = len(rows)
    if c == 0 or samples < 2 * BINS:
        return np.zeros(c)
    rng = np.random.default_rng(seed)
    u = rng.random((samples, c))
    x = np.broadcast_to(np.array(problem.matrix, dtype=float), (samples, *low.shape)).copy()
    x[:, rows, cols] = low[rows, cols] + u * (high[rows, cols] - low[rows, cols])
    if cloud is not None:
        used_cloud = cloud.restricted(problem.criterion_ids)
        weights = used_cloud.transform(rng.random((samples, used_cloud.uniforms_per_sample)))
    else:
        weights = w
    keys = batch_keys(x, problem.types, weights, method, norm, params)
    ranks = np.array([rank_scores(k, "higher_is_better") for k in keys], dtype=float)  # (samples, m)
    total = ranks.var(axis=0).sum()
    if total <= 0:
        return np.zeros(c)
    edges = np.linspace(0.0, 1.0, BINS + 1)[1:-1]
    shares = np.empty(c)
    for k in range(c):
        bins = np.searchsorted(edges, u[:, k], side="right")  # u is uniform: equal-count bins
        between = 0.0
        within = 0.0
        for b in range(BINS):
            sel = ranks[bins == b]
            if len(sel) == 0:
                continue
            weight = len(sel) / samples
            between += weight * ((sel.mean(axis=0) - ranks.mean(axis=0)) ** 2).sum()
            within += weight * sel.var(axis=0).sum()
        # each bin mean carries sampling noise of about within / (samples / BINS)
        corrected = between - (BINS - 1) / samples * within
        shares[k] = max(0.0, corrected) / total
    return shares
