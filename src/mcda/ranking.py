"""Ranking a decision problem: the settings, the missing-value policy and the possible ranks.

:func:`rank_alternatives` applies a method of the registry (:mod:`mcda.methods`) to a
DecisionProblem and a WeightSet and returns a :class:`~mcda.models.Ranking` with every
convention recorded. Where values are intervals, each position's best and worst rank over
them (:func:`possible_ranks`) comes from the vectorised kernels (:mod:`mcda.kernels`), all
extreme configurations in one call.

The registry's names (``METHODS``, ``compute_scores``, ``rank_scores`` ...) are imported
from here too, as before the registry had its own module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import Field

from .errors import InputError, Issue, Lang
from .kernels import prepare
from .kernels import scores as batch_scores
from .methods import (  # the registry's names, imported from here too
    DEFAULT_METHOD,
    METHODS,
    TIE_TOLERANCE,
    MethodSpec,
    compute_scores,
    conventions,
    get_method,
    keyed_details,
    method_failed,
    normalize,
    rank_scores,
    resolve_normalization,
    scale_columns,
    vikor_compromise,
)
from .missing import DEFAULT_MISSING_POLICY, MissingOutcome, MissingPolicy, apply_missing_policy
from .models import (
    DecisionProblem,
    Frozen,
    LocalizedText,
    RankedAlternative,
    Ranking,
    ScoreDirection,
    WeightSet,
)
from .versions import library_versions

__all__ = [
    "DEFAULT_SETTINGS",
    "METHODS",
    "TIE_TOLERANCE",
    "PreparedRanking",
    "Ranking",
    "RankingSettings",
    "compute_scores",
    "get_method",
    "method_failed",
    "normalize",
    "possible_ranks",
    "possible_ranks_one_by_one",
    "prepare_ranking",
    "rank_alternatives",
    "rank_scores",
    "resolve_normalization",
    "value_bounds",
    "vikor_compromise",
]


class RankingSettings(Frozen):
    """How a ranking is computed: the method, its normalisation and parameters, and the
    missing-value policy. One object with one default for the engine, the CLI, the app,
    workshops, robustness and scenarios; :meth:`resolved` checks it against the registry."""

    method: str = Field(default=DEFAULT_METHOD, description="ranking method key (METHODS)")
    normalization: str | None = Field(default=None, description="normalisation; None: the method's default")
    parameters: dict[str, Any] = Field(default_factory=dict, description="method parameters beyond the defaults")
    missing_policy: MissingPolicy = Field(default=DEFAULT_MISSING_POLICY, description="missing-value policy")

    def resolved(self) -> tuple[MethodSpec, str | None, dict[str, Any]]:
        """The method's spec, the normalisation used and the parameters with defaults, or InputError."""
        spec = get_method(self.method)
        unknown = sorted(set(self.parameters) - set(spec.default_parameters))
        if unknown:
            raise InputError(
                Issue(
                    "parameter_invalid",
                    value=", ".join(unknown),
                    details={
                        "reason": f"not a parameter of {spec.label.en}; expected "
                        + (", ".join(spec.default_parameters) or "none")
                    },
                )
            )
        return spec, resolve_normalization(spec, self.normalization), {**spec.default_parameters, **self.parameters}

    def canonical(self) -> RankingSettings:
        """The same settings with the normalisation and parameters written out."""
        spec, norm, params = self.resolved()
        return RankingSettings(
            method=spec.key,
            normalization=norm,
            parameters={k: v for k, v in params.items() if v is not None},
            missing_policy=self.missing_policy,
        )

    def with_method(self, method: str) -> RankingSettings:
        """Another method with the same missing-value policy (its own default normalisation)."""
        return RankingSettings(method=method, missing_policy=self.missing_policy)

    @classmethod
    def of(cls, result: Any) -> RankingSettings:
        """The settings a result records (a Ranking, or a robustness result with the same fields)."""
        return cls(
            method=result.method,
            normalization=result.normalization,
            parameters=dict(result.parameters),
            missing_policy=result.missing_policy,
        )


DEFAULT_SETTINGS = RankingSettings()


@dataclass(frozen=True)
class PreparedRanking:
    """What a ranking works on once the method, its settings and the missing values are resolved."""

    spec: MethodSpec
    normalization: str | None
    parameters: dict[str, Any]
    outcome: MissingOutcome
    problem: DecisionProblem  # after the missing-value policy
    weights: WeightSet  # over the criteria kept, rescaled to sum 1
    settings: RankingSettings


def prepare_ranking(
    problem: DecisionProblem, weights: WeightSet, settings: RankingSettings = DEFAULT_SETTINGS
) -> PreparedRanking:
    """Resolve the method and its settings, check the weights cover the criteria, apply the policy."""
    spec, norm, params = settings.resolved()
    WeightSet.from_raw(weights.weights, criteria=problem.criterion_ids)  # exact cover, or InputError
    outcome = apply_missing_policy(problem, settings.missing_policy)
    used = outcome.problem
    return PreparedRanking(
        spec, norm, params, outcome, used, weights.restricted(used.criterion_ids), settings.canonical()
    )


def rank_alternatives(
    problem: DecisionProblem, weights: WeightSet, settings: RankingSettings = DEFAULT_SETTINGS
) -> Ranking:
    """Rank the problem's alternatives; every convention used is recorded in the result."""
    prepared = prepare_ranking(problem, weights, settings)
    spec, norm, params, outcome = prepared.spec, prepared.normalization, prepared.parameters, prepared.outcome
    method, missing_policy = spec.key, settings.missing_policy
    used, used_weights = prepared.problem, prepared.weights
    try:
        out = compute_scores(used.matrix, used_weights.vector(used.criterion_ids), used.types, method, norm, params)
    except InputError as exc:
        raise InputError([_name_issue(issue, used) for issue in exc.issues]) from None
    ranks = rank_scores(out.scores, spec.score_direction)
    order = sorted(range(len(ranks)), key=lambda i: (ranks[i], i))
    ranges = None
    if outcome.interval_cells or (missing_policy == "interval" and _has_ranges(used)):
        ranges = possible_ranks(used, used_weights.vector(used.criterion_ids), method, norm, params, ranks)
    entries = tuple(
        RankedAlternative(
            id=used.alternative_ids[i],
            name=used.alternatives[i].name,
            score=float(out.scores[i]),
            rank=int(ranks[i]),
            contributions={}
            if out.contributions is None
            else {c: float(out.contributions[i, j]) for j, c in enumerate(used.criterion_ids)},
            rank_best=None if ranges is None else int(ranges[0][i]),
            rank_worst=None if ranges is None else int(ranges[1][i]),
        )
        for i in order
    )
    named_warnings = [_name_cells(w, used) for w in out.warnings]
    compromise = None
    if spec.key == "vikor":
        found = vikor_compromise(out.details["Q"], out.details["S"], out.details["R"])
        compromise = tuple(used.alternative_ids[i] for i in found.members)
    return Ranking(
        method=spec.key,
        normalization=norm,
        parameters={k: v for k, v in params.items() if v is not None},
        score_direction=spec.score_direction,
        score_label=spec.score_label,
        contribution_basis=spec.contribution_basis,
        weights=used_weights,
        entries=entries,
        warnings=tuple(named_warnings),
        compromise_set=compromise,
        missing_note=outcome.notes[0] if outcome.notes else None,
        missing_policy=missing_policy,
        excluded_criteria=outcome.excluded_criteria,
        excluded_alternatives=outcome.excluded_alternatives,
        imputed_cells=outcome.imputed_cells,
        interval_cells=outcome.interval_cells,
        conventions=conventions(spec, norm, params),
        library_versions=library_versions(),
        details=keyed_details(spec, out.details, used),
    )


def _has_ranges(problem: DecisionProblem) -> bool:
    """Whether any cell has an uncertainty range wider than its value (e.g. an accepted workshop score)."""
    return any(
        (cell.low is not None and cell.low < cell.value) or (cell.high is not None and cell.high > cell.value)
        for row in problem.cells.values()
        for cell in row.values()
        if cell.value is not None
    )


def value_bounds(problem: DecisionProblem) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) per cell: a cell's uncertainty range where it has one, else its value."""
    low = np.array(problem.matrix, dtype=float)
    high = low.copy()
    for i, alt in enumerate(problem.alternative_ids):
        for j, crit in enumerate(problem.criterion_ids):
            cell = problem.cells[alt][crit]
            if cell.low is not None:
                low[i, j] = cell.low
            if cell.high is not None:
                high[i, j] = cell.high
    return low, high


def possible_ranks(
    problem: DecisionProblem,
    weights: np.ndarray,
    method: str,
    normalization: str | None,
    parameters: Mapping[str, Any],
    point_ranks: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Best and worst rank of each alternative over the value intervals, at fixed weights.

    For alternative i the best case puts i's uncertain values at their better ends and
    every other alternative's at their worse ends; the worst case the reverse (the extreme
    configurations for methods whose score rises with an alternative's own values). The
    point rank is included, so best <= rank <= worst always holds.

    The 2m configurations are scored in one call of the vectorised kernels, on the columns
    scaled by powers of two as :func:`compute_scores` scales them; the ranks are those of
    :func:`possible_ranks_one_by_one`, which also gives the message when a configuration
    cannot be ranked.
    """
    spec = get_method(method)
    low, high = value_bounds(problem)
    configurations = _extreme_configurations(low, high, problem.types)
    if configurations is None:
        return _extreme_ranks([], spec.score_direction, point_ranks)
    m = low.shape[0]
    _, scaled_params, exponents = scale_columns(np.fmax(np.abs(low), np.abs(high)), dict(parameters))
    stack = configurations if exponents is None else np.ldexp(configurations, -exponents)
    try:
        with np.errstate(all="ignore"):  # as compute_scores: a non-finite score is refused, not warned about
            state = prepare(stack, np.asarray(problem.types), spec.key, normalization, scaled_params)
            scores = batch_scores(state, np.broadcast_to(np.asarray(weights, dtype=float), (2 * m, stack.shape[2])))
    except InputError:
        return possible_ranks_one_by_one(problem, weights, method, normalization, parameters, point_ranks)
    return _extreme_ranks(scores, spec.score_direction, point_ranks)


def possible_ranks_one_by_one(
    problem: DecisionProblem,
    weights: np.ndarray,
    method: str,
    normalization: str | None,
    parameters: Mapping[str, Any],
    point_ranks: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`possible_ranks` with one :func:`compute_scores` (pymcdm) per configuration: the
    reference it is tested against, and the path that names a configuration that fails."""
    spec = get_method(method)
    configurations = _extreme_configurations(*value_bounds(problem), problem.types)
    scores = (
        compute_scores(x, weights, problem.types, spec.key, normalization, parameters).scores
        for x in ([] if configurations is None else configurations)
    )
    return _extreme_ranks(scores, spec.score_direction, point_ranks)


def _extreme_ranks(
    scores: Iterable[np.ndarray], direction: ScoreDirection, point_ranks: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Best and worst ranks from the scores of the 2m configurations of
    :func:`_extreme_configurations`, in their order, and the point ranks."""
    best = np.array(point_ranks, dtype=int)
    worst = best.copy()
    m = best.size
    for c, row in enumerate(scores):
        i = c % m
        rank = rank_scores(row, direction)[i]
        if c < m:
            best[i] = min(best[i], rank)
        else:
            worst[i] = max(worst[i], rank)
    return best, worst


def _extreme_configurations(low: np.ndarray, high: np.ndarray, types: Iterable[int]) -> np.ndarray | None:
    """(2m, m, n): configuration i puts alternative i's values at their better ends and every
    other alternative's at their worse ends; configuration m + i the reverse. None when no
    value has a range."""
    if not np.any(high > low):
        return None
    benefit = np.asarray(types) == 1
    good = np.where(benefit, high, low)
    bad = np.where(benefit, low, high)
    own = np.eye(low.shape[0], dtype=bool)[:, :, None]
    return np.concatenate([np.where(own, good, bad), np.where(own, bad, good)])


def _with_names(text: str, problem: DecisionProblem, lang: Lang) -> str:
    """Replace placeholders with the names a member knows, in ``lang``: '#i/#j' a cell ("Alfa –
    Pris"), '#j' a criterion, '@i' an alternative."""

    def alternative(i: str) -> str:
        return problem.alternatives[int(i) - 1].name.get(lang)

    def criterion(j: str) -> str:
        return problem.criteria[int(j) - 1].name.get(lang)

    text = re.sub(r"#(\d+)/#(\d+)", lambda m: f"{alternative(m[1])} – {criterion(m[2])}", text)
    text = re.sub(r"@(\d+)", lambda m: alternative(m[1]), text)
    return re.sub(r"#(\d+)", lambda m: criterion(m[1]), text)


def _name_cells(text: LocalizedText, problem: DecisionProblem) -> LocalizedText:
    return LocalizedText(en=_with_names(text.en, problem, "en"), nb=_with_names(text.nb, problem, "nb"))


def _name_issue(issue: Issue, problem: DecisionProblem) -> Issue:
    details = {
        k: _with_names(v, problem, "nb" if k.endswith("_nb") else "en") if isinstance(v, str) else v
        for k, v in issue.details.items()
    }
    return Issue(issue.code, issue.file, issue.line, issue.column, issue.value, details)
