"""One-at-a-time weight sweeps, their exact reversal points, and weight stability intervals.

Sweeping criterion k: its weight t runs from 0 to 1 and the other weights keep their
proportions, w_j(t) = w_j (1 - t) / (1 - w_k) (when every other weight is 0 they share
1 - t equally). The weights are then linear in t, w(t) = alpha + beta t, which makes the
crossings of two score curves computable:

- WSM: each score is linear in t, so two curves cross at most once, at a closed-form t.
- TOPSIS: D+_i(t)^2 and D-_i(t)^2 are quadratics in t, and the closeness of a exceeds that of
  b exactly when D-_a^2 D+_b^2 - D-_b^2 D+_a^2 > 0, a quartic in t. Its real roots in (0, 1)
  are the only places where the order of a and b can change; the scores are evaluated
  between consecutive roots (and on a grid) and each sign change is refined with Brent's
  method on the scores themselves to 1e-12.
- Other methods: sign changes on the grid of ``points`` weights, refined with Brent's
  method; two crossings of the same pair inside one grid cell can be missed.

A pair whose scores stay within the tie tolerance (1e-9) is tied, not reversed; a pair that
touches without crossing is not a reversal.

Sweeping a group of criteria (a node of the value tree): the group's total weight t runs from
0 to 1, its criteria scaled together (keeping their proportions) and the others keeping theirs;
the weights are again linear in t, so the same reversal search applies.

Stability interval of criterion k: the range of its weight (others rescaled as above)
over which the full ranking stays unchanged - from the nearest reversal below the current
weight (or 0) to the nearest above (or 1). The top-three interval counts only reversals
that change the first three positions, as an ordered list (same three, same order); the
top-one interval only those that change the first position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from numpy.polynomial import polynomial as npoly
from pydantic import Field
from scipy.optimize import brentq

from ..errors import InputError, Issue
from ..missing import DEFAULT_MISSING_POLICY
from ..models import DecisionProblem, Frozen, LocalizedText, ScoreDirection, WeightSet
from ..ranking import DEFAULT_SETTINGS, TIE_TOLERANCE, RankingSettings, prepare_ranking
from ..versions import library_versions
from .scoring import Scorer

Progress = Callable[[float], None]

RESCALING_RULE = (
    "the swept weight runs from 0 to 1; the other weights keep their proportions "
    "(w_j (1 - t) / (1 - w_k)); if they are all 0 they share 1 - t equally"
)


class Reversal(Frozen):
    """Two alternatives swap places at a swept weight."""

    criterion: str = Field(description="the swept criterion")
    weight: float = Field(description="the swept criterion's weight at which the two scores are equal")
    weights: dict[str, float] = Field(description="every criterion's weight at the reversal")
    ahead_before: str = Field(description="the alternative ahead just below this weight")
    ahead_after: str = Field(description="the alternative ahead just above this weight")
    position: int = Field(description="they swap positions `position` and `position + 1`")
    top_changes: bool = Field(description="the first position changes hands here")
    score: float = Field(description="their common score at the reversal (the method's own scale)")


class WeightSweep(Frozen):
    """Score lines of every alternative as one criterion's weight runs from 0 to 1."""

    criterion: str
    method: str
    normalization: str | None
    score_direction: ScoreDirection = Field(description="whether higher or lower scores are better")
    current_weight: float = Field(description="the criterion's weight in the weight set")
    members: tuple[str, ...] = Field(
        default=(), description="a group sweep: the criteria scaled together (``criterion`` is then the group's id)"
    )
    grid: tuple[float, ...] = Field(description="the swept weights at which scores are given")
    scores: dict[str, tuple[float, ...]] = Field(description="alternative id -> score at each grid weight")
    reversals: tuple[Reversal, ...] = Field(description="sorted by weight")
    exactness: str = Field(description="how the reversal points were found")


class StabilityInterval(Frozen):
    """Range of one criterion's weight (others rescaled) with an unchanged ranking."""

    criterion: str
    current_weight: float
    ranking: tuple[float, float] = Field(description="the full ranking is unchanged")
    top_three: tuple[float, float] = Field(description="the first three positions, in order, are unchanged")
    top_one: tuple[float, float] = Field(description="the first position is unchanged")


class WeightSensitivity(Frozen):
    """Sweeps and stability intervals for every criterion of one weight set."""

    weights: WeightSet = Field(description="the weight set swept (over the criteria used)")
    alternatives: tuple[str, ...]
    method: str
    normalization: str | None
    parameters: dict[str, Any] = Field(default_factory=dict)
    score_direction: ScoreDirection
    sweeps: tuple[WeightSweep, ...]
    intervals: tuple[StabilityInterval, ...]
    missing_policy: str = DEFAULT_MISSING_POLICY
    excluded_criteria: tuple[str, ...] = ()
    excluded_alternatives: tuple[str, ...] = ()
    imputed_cells: tuple[tuple[str, str], ...] = ()
    conventions: dict[str, str] = Field(default_factory=dict)
    notes: tuple[LocalizedText, ...] = ()
    library_versions: dict[str, str] = Field(default_factory=dict)

    def sweep(self, criterion: str) -> WeightSweep:
        return next(s for s in self.sweeps if s.criterion == criterion)

    def interval(self, criterion: str) -> StabilityInterval:
        return next(i for i in self.intervals if i.criterion == criterion)


# --- arrays ------------------------------------------------------------------------------------


def sweep_line(base: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(alpha, beta), w(t) = alpha + beta t: criterion k has weight t, the rest keep proportions."""
    w = np.asarray(base, dtype=float)
    n = w.size
    if n < 2:
        raise InputError(
            Issue(
                "parameter_invalid",
                details={"reason": "a weight sweep needs at least two criteria"},
            )
        )
    others = np.arange(n) != k
    rest = w[others].sum()
    alpha = np.zeros(n)
    alpha[others] = w[others] / rest if rest > 0 else 1.0 / (n - 1)
    beta = -alpha
    beta[k] = 1.0
    return alpha, beta


def group_sweep_line(base: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(alpha, beta) for a group of criteria (boolean mask) whose total weight is t.

    The group's criteria are scaled together, keeping their proportions, w_k(t) = w_k t / g (equal
    shares of t when the group's weight g is 0); the others keep theirs, w_j (1 - t) / (1 - g).
    """
    w = np.asarray(base, dtype=float)
    inside = np.asarray(members, dtype=bool)
    others = ~inside
    if not inside.any() or not others.any():
        raise InputError(
            Issue(
                "parameter_invalid",
                details={"reason": "a group sweep needs some criteria inside the group and some outside it"},
            )
        )
    g, rest = w[inside].sum(), w[others].sum()
    alpha = np.zeros(w.size)
    alpha[others] = w[others] / rest if rest > 0 else 1.0 / others.sum()
    beta = -alpha
    beta[inside] = w[inside] / g if g > 0 else 1.0 / inside.sum()
    return alpha, beta


def swept_weights(
    base: np.ndarray, k: int, t: np.ndarray | float, line: tuple[np.ndarray, np.ndarray] | None = None
) -> np.ndarray:
    """Weight vectors (len(t), n) with criterion k at each t and the others rescaled (or along ``line``)."""
    alpha, beta = sweep_line(base, k) if line is None else line
    return np.clip(alpha + np.outer(np.atleast_1d(np.asarray(t, dtype=float)), beta), 0.0, None)


def _candidate_roots(scorer: Scorer, alpha: np.ndarray, beta: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
    """TOPSIS: real roots in (0, 1) of each pair's quartic (see the module docstring)."""
    coef = np.stack([alpha**2, 2 * alpha * beta, beta**2])  # increasing powers of t
    qp = scorer.a_plus @ coef.T  # (m, 3)
    qm = scorer.a_minus @ coef.T
    m = qp.shape[0]
    out: dict[tuple[int, int], np.ndarray] = {}
    for a in range(m):
        for b in range(a + 1, m):
            p = npoly.polysub(npoly.polymul(qm[a], qp[b]), npoly.polymul(qm[b], qp[a]))
            scale = max(np.abs(npoly.polymul(qm[a], qp[b])).max(), np.abs(npoly.polymul(qm[b], qp[a])).max())
            p = np.where(np.abs(p) <= 1e-13 * scale, 0.0, p)
            p = npoly.polytrim(p)
            if p.size < 2 or not np.any(p):
                continue
            roots = npoly.polyroots(p)
            real = roots.real[np.abs(roots.imag) <= 1e-6 * np.maximum(1.0, np.abs(roots.real))]
            real = real[(real > 0) & (real < 1)]
            if real.size:
                out[(a, b)] = np.sort(real)
    return out


def _tol(ka: np.ndarray, kb: np.ndarray) -> np.ndarray:
    return TIE_TOLERANCE * np.maximum(1.0, np.maximum(np.abs(ka), np.abs(kb)))


def find_reversals(
    scorer: Scorer,
    base: np.ndarray,
    k: int,
    points: int = 101,
    line: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[tuple[float, int, int]]:
    """Every (t, ahead_before, ahead_after) at which two alternatives swap places.

    t is criterion k's weight (0..1), the other weights rescaled as in :func:`sweep_line`; or
    the position along another ``line`` (e.g. a group's total weight, :func:`group_sweep_line`).
    """
    alpha, beta = sweep_line(base, k) if line is None else line
    m = scorer.shape[0]

    def keys_at(t: np.ndarray) -> np.ndarray:
        return scorer.keys(np.clip(alpha + np.outer(t, beta), 0.0, None))

    grid = np.linspace(0.0, 1.0, max(2, points))
    if scorer.method == "topsis":
        roots = _candidate_roots(scorer, alpha, beta)
        extra = []
        for r in roots.values():
            edges = np.concatenate([[0.0], r, [1.0]])
            extra.append((edges[:-1] + edges[1:]) / 2)
        evals = np.unique(np.concatenate([grid, *extra])) if extra else grid
    else:
        evals = grid
    keys = keys_at(evals)
    found: list[tuple[float, int, int]] = []
    if scorer.method == "wsm":
        lin_a = scorer.nmatrix @ alpha  # key_i(t) = lin_a[i] + lin_b[i] t
        lin_b = scorer.nmatrix @ beta
    for a in range(m):
        for b in range(a + 1, m):
            d = keys[:, a] - keys[:, b]
            sign = np.where(np.abs(d) > _tol(keys[:, a], keys[:, b]), np.sign(d), 0.0)
            nz = np.flatnonzero(sign)
            if nz.size < 2:
                continue
            flips = np.flatnonzero(sign[nz[:-1]] != sign[nz[1:]])
            for f in flips:
                lo, hi = evals[nz[f]], evals[nz[f + 1]]
                t_star = None
                if scorer.method == "wsm" and lin_b[a] != lin_b[b]:
                    t_lin = (lin_a[b] - lin_a[a]) / (lin_b[a] - lin_b[b])
                    if lo <= t_lin <= hi:
                        t_star = float(t_lin)
                if t_star is None:
                    t_star = float(
                        brentq(
                            lambda t, a=a, b=b: _pair_gap(keys_at, t, a, b),
                            lo,
                            hi,
                            xtol=1e-12,
                            rtol=4 * np.finfo(float).eps,
                        )
                    )
                before, after = (a, b) if sign[nz[f]] > 0 else (b, a)
                found.append((t_star, before, after))
    found.sort()
    return found


def _pair_gap(keys_at: Callable[[np.ndarray], np.ndarray], t: float, a: int, b: int) -> float:
    k = keys_at(np.array([t]))[0]
    return float(k[a] - k[b])


def _positions_at(keys: np.ndarray, a: int, b: int) -> int:
    mid = (keys[a] + keys[b]) / 2
    others = np.delete(keys, [a, b])
    return 1 + int(np.count_nonzero(others > mid + _tol(others, np.full_like(others, mid))))


# --- problems ----------------------------------------------------------------------------------


def _prepare(problem: DecisionProblem, weights: WeightSet, settings: RankingSettings):
    p = prepare_ranking(problem, weights, settings)
    scorer = Scorer(p.problem.matrix, p.problem.types, p.spec.key, p.normalization, p.parameters)
    return p.spec, p.normalization, p.parameters, p.outcome, p.problem, p.weights, scorer


def _sweep(
    scorer: Scorer,
    used: DecisionProblem,
    base: np.ndarray,
    k: int,
    points: int,
    line: tuple[np.ndarray, np.ndarray] | None = None,
    label: str | None = None,
    current: float | None = None,
    members: tuple[str, ...] = (),
) -> WeightSweep:
    crit = used.criterion_ids[k] if label is None else label
    grid = np.linspace(0.0, 1.0, max(2, points))
    scores = scorer.scores(swept_weights(base, k, grid, line))
    found = find_reversals(scorer, base, k, points, line)
    reversals = []
    if found:
        at = swept_weights(base, k, np.array([t for t, _, _ in found]), line)
        keys = scorer.keys(at)
        for (t, before, after), w, key in zip(found, at, keys, strict=True):
            position = _positions_at(key, before, after)
            reversals.append(
                Reversal(
                    criterion=crit,
                    weight=t,
                    weights={c: float(x) for c, x in zip(used.criterion_ids, w, strict=True)},
                    ahead_before=used.alternative_ids[before],
                    ahead_after=used.alternative_ids[after],
                    position=position,
                    top_changes=position == 1,
                    score=float(scorer.sign * (key[before] + key[after]) / 2),
                )
            )
    exactness = {
        "wsm": "closed form (scores are linear in the weight)",
        "topsis": "roots of the quartic D-_a^2 D+_b^2 - D-_b^2 D+_a^2, refined by Brent's method to 1e-12",
    }.get(
        scorer.method,
        f"sign changes on a grid of {len(grid)} weights, refined by Brent's method to 1e-12",
    )
    return WeightSweep(
        criterion=crit,
        method=scorer.method,
        normalization=scorer.normalization,
        score_direction=scorer.score_direction,
        current_weight=float(base[k]) if current is None else current,
        members=members,
        grid=tuple(float(t) for t in grid),
        scores={a: tuple(float(s) for s in scores[:, i]) for i, a in enumerate(used.alternative_ids)},
        reversals=tuple(reversals),
        exactness=exactness,
    )


def stability_interval(sweep: WeightSweep) -> StabilityInterval:
    """The weight ranges around the current weight with no reversal (see the module docstring)."""
    t0 = sweep.current_weight

    def bounds(keep: Callable[[Reversal], bool]) -> tuple[float, float]:
        ts = [r.weight for r in sweep.reversals if keep(r)]
        return (
            max((t for t in ts if t <= t0), default=0.0),
            min((t for t in ts if t >= t0), default=1.0),
        )

    return StabilityInterval(
        criterion=sweep.criterion,
        current_weight=t0,
        ranking=bounds(lambda r: True),
        top_three=bounds(lambda r: r.position <= 3),
        top_one=bounds(lambda r: r.position == 1),
    )


def sweep_weight(
    problem: DecisionProblem,
    weights: WeightSet,
    criterion: str,
    settings: RankingSettings = DEFAULT_SETTINGS,
    points: int = 101,
) -> WeightSweep:
    """Score lines and reversal points as ``criterion``'s weight runs from 0 to 1."""
    _, _, _, _, used, used_weights, scorer = _prepare(problem, weights, settings)
    if criterion not in used.criterion_ids:
        raise InputError(
            Issue(
                "parameter_invalid",
                value=criterion,
                details={
                    "reason": "not a criterion of the ranked problem; expected one of " + ", ".join(used.criterion_ids)
                },
            )
        )
    base = used_weights.vector(used.criterion_ids)
    return _sweep(scorer, used, base, used.criterion_ids.index(criterion), points)


def sweep_group_weight(
    problem: DecisionProblem,
    weights: WeightSet,
    criteria: Iterable[str],
    settings: RankingSettings = DEFAULT_SETTINGS,
    points: int = 101,
    group: str = "group",
) -> WeightSweep:
    """Score lines and reversal points as a group's total weight runs from 0 to 1.

    The group's criteria are scaled together, keeping their proportions, and the other criteria
    keep theirs (:func:`group_sweep_line`); ``WeightSweep.criterion`` is ``group``, ``members`` the
    criteria of the group that take part in the ranking (the missing-value policy may leave some out).
    """
    _, _, _, _, used, used_weights, scorer = _prepare(problem, weights, settings)
    wanted = list(criteria)
    unknown = [c for c in wanted if c not in problem.criterion_ids]
    if unknown:
        raise InputError(
            Issue(
                "parameter_invalid",
                value=", ".join(unknown),
                details={
                    "reason": "not a criterion of the problem; expected some of " + ", ".join(problem.criterion_ids)
                },
            )
        )
    mask = np.array([c in wanted for c in used.criterion_ids])
    base = used_weights.vector(used.criterion_ids)
    line = group_sweep_line(base, mask)
    k = int(np.flatnonzero(mask)[0])
    members = tuple(c for c in used.criterion_ids if c in wanted)
    return _sweep(scorer, used, base, k, points, line, group, float(base[mask].sum()), members)


def analyse_weight_sensitivity(
    problem: DecisionProblem,
    weights: WeightSet,
    settings: RankingSettings = DEFAULT_SETTINGS,
    criteria: Iterable[str] | None = None,
    points: int = 101,
    progress: Progress | None = None,
) -> WeightSensitivity:
    """Sweeps and stability intervals for every criterion (or the given ones)."""
    spec, norm, params, outcome, used, used_weights, scorer = _prepare(problem, weights, settings)
    base = used_weights.vector(used.criterion_ids)
    wanted = list(used.criterion_ids if criteria is None else criteria)
    unknown = [c for c in wanted if c not in used.criterion_ids]
    if unknown:
        raise InputError(
            Issue(
                "parameter_invalid",
                value=", ".join(unknown),
                details={
                    "reason": "not a criterion of the ranked problem; expected one of " + ", ".join(used.criterion_ids)
                },
            )
        )
    sweeps = []
    for done, crit in enumerate(wanted):
        sweeps.append(_sweep(scorer, used, base, used.criterion_ids.index(crit), points))
        if progress is not None:
            progress((done + 1) / len(wanted))
    return WeightSensitivity(
        weights=used_weights,
        alternatives=used.alternative_ids,
        method=spec.key,
        normalization=norm,
        parameters={k: v for k, v in params.items() if v is not None},
        score_direction=spec.score_direction,
        sweeps=tuple(sweeps),
        intervals=tuple(stability_interval(s) for s in sweeps),
        missing_policy=settings.missing_policy,
        excluded_criteria=outcome.excluded_criteria,
        excluded_alternatives=outcome.excluded_alternatives,
        imputed_cells=outcome.imputed_cells,
        conventions={
            "rescaling": RESCALING_RULE,
            "ties": f"scores within {TIE_TOLERANCE:g} (relative) are tied; touching without crossing is no reversal",
            "top_three": "unchanged means the same three alternatives in the same order",
        },
        notes=tuple(outcome.notes),
        library_versions=library_versions(),
    )
