"""Method robustness: the ranking under every method and normalisation of the registry.

Each method runs with each of its normalisations (or its own, when it has no choice) on the
same problem, weights and missing-value policy; combinations the data do not allow (e.g.
sum normalisation with zeros) are skipped with the reason. Agreement between the rankings
is measured by :func:`mcda.comparison.compare_rankings` (Spearman, Kendall tau-b, rw, WS).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from pydantic import Field

from ..comparison import RankComparison, compare_rankings
from ..errors import InputError
from ..missing import DEFAULT_MISSING_POLICY, MissingPolicy, apply_missing_policy
from ..models import DecisionProblem, Frozen, Ranking, WeightSet
from ..ranking import DEFAULT_SETTINGS, METHODS, RankingSettings, rank_alternatives

Progress = Callable[[float], None]


def method_variants() -> list[tuple[str, str | None]]:
    """Every (method, normalisation) of the registry; None where the method has its own."""
    return [(key, norm) for key, spec in METHODS.items() for norm in (spec.normalizations or (None,))]


def variant_label(method: str, normalization: str | None) -> str:
    return method if normalization is None else f"{method}/{normalization}"


class MethodRobustness(Frozen):
    """The rankings of every method x normalisation and how much they agree."""

    weights: WeightSet
    missing_policy: MissingPolicy = DEFAULT_MISSING_POLICY
    rankings: dict[str, Ranking] = Field(description="label 'method/normalisation' (or 'method') -> ranking")
    skipped: dict[str, str] = Field(default_factory=dict, description="label -> why it could not rank")
    comparison: RankComparison | None = Field(default=None, description="agreement matrices (None if no ranking)")

    def rank_table(self) -> dict[str, dict[str, int]]:
        """alternative id -> label -> rank."""
        table: dict[str, dict[str, int]] = {}
        for label, ranking in self.rankings.items():
            for entry in ranking.entries:
                table.setdefault(entry.id, {})[label] = entry.rank
        return table

    def all_tied(self) -> list[str]:
        """Labels whose ranking ties every alternative (e.g. WPM when every alternative has a 0
        normalised value somewhere); their correlations are undefined (None)."""
        return [label for label, r in self.rankings.items() if len({e.rank for e in r.entries}) == 1]

    def rank_spread(self) -> dict[str, tuple[int, int]]:
        """alternative id -> (best rank, worst rank) over all the rankings."""
        return {a: (min(r.values()), max(r.values())) for a, r in self.rank_table().items()}

    def mean_agreement(self, coefficient: str = "spearman") -> dict[str, float | None]:
        """label -> mean coefficient with every other ranking (None where undefined)."""
        if self.comparison is None:
            return {}
        labels = self.comparison.labels
        rows = self.comparison.matrices[coefficient]
        out: dict[str, float | None] = {}
        for i, label in enumerate(labels):
            values = [v for j, v in enumerate(rows[i]) if j != i and v is not None]
            out[label] = float(np.mean(values)) if values else None
        return out


def compare_methods(
    problem: DecisionProblem,
    weights: WeightSet,
    settings: RankingSettings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
) -> MethodRobustness:
    """Rank with every method and normalisation, with the settings' missing-value policy (and
    the settings' parameters for the settings' own method)."""
    missing_policy = settings.missing_policy
    # problems no method can get past (weights, missing values) are raised once, here
    WeightSet.from_raw(weights.weights, criteria=problem.criterion_ids)
    apply_missing_policy(problem, missing_policy)
    variants = method_variants()
    rankings: dict[str, Ranking] = {}
    skipped: dict[str, str] = {}
    for done, (method, norm) in enumerate(variants):
        label = variant_label(method, norm)
        try:
            parameters = settings.parameters if method == settings.method else {}
            variant = RankingSettings(
                method=method, normalization=norm, parameters=parameters, missing_policy=missing_policy
            )
            rankings[label] = rank_alternatives(problem, weights, variant)
        except InputError as exc:
            skipped[label] = exc.message("en", limit=3)
        if progress is not None:
            progress((done + 1) / len(variants))
    return MethodRobustness(
        weights=weights,
        missing_policy=missing_policy,
        rankings=rankings,
        skipped=skipped,
        comparison=compare_rankings(rankings) if rankings else None,
    )
