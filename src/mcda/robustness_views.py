"""Tables (pandas) of the robustness results, in bokmål or English, for the page and the exports.

Like :mod:`mcda.views`: the page only displays these. Shares and weights are given in percent
(0-100, the column name says so) so that a table reads the same in the app and in a report.
The short texts the page puts around them (criterion labels, interval bounds, the leaders of a
rank-acceptability run) are built here too, in the language asked for.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .charts.robustness import acceptability_order, method_rank_order, variant_display
from .errors import InputError, Lang
from .formatting import format_percent
from .labels import capitalized
from .models import DecisionProblem, WeightSet
from .ranking import RankingSettings, rank_alternatives
from .sensitivity import AcceptabilityResult, MethodRobustness, StabilityInterval, WeightSweep

COLUMNS: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "position": ("Position", "Posisjon"),
    "criterion": ("Criterion", "Kriterium"),
    "weight_pct": ("Weight (%)", "Vekt (%)"),
    "current_pct": ("Current weight (%)", "Gjeldende vekt (%)"),
    "places": ("Places", "Plasser"),
    "ahead_before": ("Ahead below this weight", "Foran under denne vekten"),
    "ahead_after": ("Ahead above this weight", "Foran over denne vekten"),
    "first_changes": ("First place changes", "Ny på første plass"),
    "ranking_from": ("Ranking from (%)", "Rangering fra (%)"),
    "ranking_to": ("Ranking to (%)", "Rangering til (%)"),
    "top_three_from": ("First three from (%)", "Tre første fra (%)"),
    "top_three_to": ("First three to (%)", "Tre første til (%)"),
    "top_one_from": ("First place from (%)", "Første plass fra (%)"),
    "top_one_to": ("First place to (%)", "Første plass til (%)"),
    "first_pct": ("First place (%)", "Første plass (%)"),
    "top3_pct": ("Among the first three (%)", "Blant de tre første (%)"),
    "expected": ("Mean rank", "Gjennomsnittlig plass"),
    "confidence_pct": ("Confidence factor (%)", "Konfidensfaktor (%)"),
    "best": ("Best rank", "Beste plass"),
    "worst": ("Worst rank", "Dårligste plass"),
    "spread": ("Spread", "Spenn"),
    "method": ("Method", "Metode"),
    "mean_agreement": ("Mean agreement with the others", "Gjennomsnittlig samsvar med de andre"),
    "reason": ("Why it could not rank", "Hvorfor den ikke kunne rangere"),
}


def col(key: str, lang: Lang) -> str:
    en, nb = COLUMNS[key]
    return nb if lang == "nb" else en


def _names(problem: DecisionProblem, lang: Lang) -> dict[str, str]:
    return {a.id: a.name.get(lang) for a in problem.alternatives}


def _criterion(problem: DecisionProblem, criterion: str, lang: Lang) -> str:
    return problem.criterion(criterion).name.get(lang) if criterion in problem.criterion_ids else criterion


def reversals_table(
    sweep: WeightSweep, problem: DecisionProblem, lang: Lang, max_position: int | None = None
) -> pd.DataFrame:
    """One row per reversal of a sweep, by weight: who swaps which places, and whether first place
    changes hands. ``max_position`` keeps only the swaps among the first places."""
    names = _names(problem, lang)
    rows = [
        {
            col("weight_pct", lang): 100 * r.weight,
            col("places", lang): f"{r.position}–{r.position + 1}",
            col("ahead_before", lang): names.get(r.ahead_before, r.ahead_before),
            col("ahead_after", lang): names.get(r.ahead_after, r.ahead_after),
            col("first_changes", lang): r.top_changes,
        }
        for r in sweep.reversals
        if max_position is None or r.position <= max_position
    ]
    return pd.DataFrame(
        rows, columns=[col(k, lang) for k in ("weight_pct", "places", "ahead_before", "ahead_after", "first_changes")]
    )


def stability_table(
    intervals: list[StabilityInterval] | tuple[StabilityInterval, ...], problem: DecisionProblem, lang: Lang
) -> pd.DataFrame:
    """Per criterion: the current weight and the three stability intervals (percent): the whole
    ranking unchanged, the first three unchanged (same three, same order), first place unchanged."""
    rows = []
    for i in intervals:
        rows.append(
            {
                col("criterion", lang): _criterion(problem, i.criterion, lang),
                col("current_pct", lang): 100 * i.current_weight,
                col("ranking_from", lang): 100 * i.ranking[0],
                col("ranking_to", lang): 100 * i.ranking[1],
                col("top_three_from", lang): 100 * i.top_three[0],
                col("top_three_to", lang): 100 * i.top_three[1],
                col("top_one_from", lang): 100 * i.top_one[0],
                col("top_one_to", lang): 100 * i.top_one[1],
            }
        )
    return pd.DataFrame(rows)


def acceptability_table(result: AcceptabilityResult, problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    """Per position, by mean rank: first-place share, first-three share and mean rank."""
    names = _names(problem, lang)
    first, top, expected = result.first(), result.top(3), result.expected_rank()
    return pd.DataFrame(
        [
            {
                col("position", lang): names.get(a, a),
                col("first_pct", lang): 100 * first[a],
                col("top3_pct", lang): 100 * top[a],
                col("expected", lang): expected[a],
            }
            for a in acceptability_order(result, "expected")
        ]
    )


def acceptability_matrix(result: AcceptabilityResult, problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    """Positions (by mean rank) x places 1..m: the share of samples, in percent."""
    names = _names(problem, lang)
    shares = dict(zip(result.alternatives, result.acceptability, strict=True))
    ordered = acceptability_order(result, "expected")
    m = len(result.alternatives)
    return pd.DataFrame(
        [[100 * s for s in shares[a]] for a in ordered],
        index=pd.Index([names.get(a, a) for a in ordered], name=col("position", lang)),
        columns=[str(r) for r in range(1, m + 1)],
    )


def central_weights_table(result: AcceptabilityResult, problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    """Every position that is ever first, by first-place share: its share, its confidence factor and
    its central weights (percent)."""
    names = _names(problem, lang)
    first = result.first()
    ordered = [a for a in acceptability_order(result, "first") if result.central_weights[a] is not None]
    data = {
        col("first_pct", lang): [100 * first[a] for a in ordered],
        col("confidence_pct", lang): [100 * (result.confidence[a] or 0.0) for a in ordered],
        **{
            _criterion(problem, c, lang): [100 * (result.central_weights[a] or {})[c] for a in ordered]
            for c in result.criteria
        },
    }
    return pd.DataFrame(data, index=pd.Index([names.get(a, a) for a in ordered], name=col("position", lang)))


def method_rank_table(robustness: MethodRobustness, problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    """Positions (by best, then worst rank) x (method, normalisation): ranks, with best, worst and spread."""
    names = _names(problem, lang)
    table = robustness.rank_table()
    spread = robustness.rank_spread()
    labels = list(robustness.rankings)
    rows = []
    for a in method_rank_order(robustness):
        best, worst = spread[a]
        row: dict[str, object] = {col("position", lang): names.get(a, a)}
        row |= {variant_display(v, lang): table[a].get(v) for v in labels}
        row |= {col("best", lang): best, col("worst", lang): worst, col("spread", lang): worst - best}
        rows.append(row)
    return pd.DataFrame(rows)


def method_agreement_table(robustness: MethodRobustness, lang: Lang, coefficient: str = "spearman") -> pd.DataFrame:
    """Per (method, normalisation): its mean rank correlation with every other ranking (NaN where
    undefined: a ranking that ties every position, see ``MethodRobustness.all_tied``)."""
    return pd.DataFrame(
        [
            {
                col("method", lang): variant_display(v, lang),
                col("mean_agreement", lang): np.nan if value is None else value,
            }
            for v, value in robustness.mean_agreement(coefficient).items()
        ],
        columns=[col("method", lang), col("mean_agreement", lang)],
    )


def skipped_table(
    robustness: MethodRobustness, problem: DecisionProblem, weights: WeightSet, lang: Lang
) -> pd.DataFrame:
    """The combinations that could not rank, with the reason in the language.

    ``MethodRobustness.skipped`` keeps the reason in English only; the (few, fast) skipped
    combinations are ranked again here to read the reason in bokmål from the same error."""
    rows = []
    for variant, reason in robustness.skipped.items():
        if lang != "en":
            method, _, norm = variant.partition("/")
            try:
                rank_alternatives(
                    problem,
                    weights,
                    RankingSettings(
                        method=method, normalization=norm or None, missing_policy=robustness.missing_policy
                    ),
                )
            except InputError as error:
                reason = error.message(lang, limit=3)
        rows.append({col("method", lang): variant_display(variant, lang), col("reason", lang): reason})
    return pd.DataFrame(rows, columns=[col("method", lang), col("reason", lang)])


def has_value_ranges(problem: DecisionProblem) -> bool:
    """Whether any value has an uncertainty range (``<criterion>_min``/``_max`` in the data)."""
    return any(cell.low is not None or cell.high is not None for row in problem.cells.values() for cell in row.values())


# --- short texts around the tables ----------------------------------------------------------------


def criterion_labels(problem: DecisionProblem, criteria: list[str] | tuple[str, ...], lang: Lang) -> dict[str, str]:
    """Criterion id -> its name in the language (for a choice of criterion)."""
    return {c: _criterion(problem, c, lang) for c in criteria}


def weights_used(weights: WeightSet, problem: DecisionProblem, lang: Lang) -> str:
    """The weights a ranking used, as "name share, name share, ..." in the language."""
    return ", ".join(f"{_criterion(problem, c, lang)} {format_percent(w, lang)}" for c, w in weights.weights.items())


def interval_bounds(interval: StabilityInterval, lang: Lang) -> dict[str, str]:
    """The ends of a criterion's three stability intervals as percentages, keyed
    ``ranking_low``, ``ranking_high``, ``top_three_low`` ... ``top_one_high``."""
    return {
        f"{name}_{end}": format_percent(getattr(interval, name)[i], lang)
        for name in ("ranking", "top_three", "top_one")
        for i, end in enumerate(("low", "high"))
    }


def acceptability_leaders(
    result: AcceptabilityResult, problem: DecisionProblem, lang: Lang, k: int = 3
) -> tuple[list[dict[str, str]], bool]:
    """The (at most ``k``) positions most often first, by first-place share, each with its name,
    first-place share and first-three share as percentages; and whether no position is first in
    more than half the samples."""
    names = _names(problem, lang)
    first, top3 = result.first(), result.top(3)
    leaders = [a for a in sorted(first, key=lambda a: -first[a]) if first[a] > 0][:k]
    rows = [
        {"name": names.get(a, a), "first": format_percent(first[a], lang), "top3": format_percent(top3[a], lang)}
        for a in leaders
    ]
    return rows, bool(leaders) and first[leaders[0]] <= 0.5


def acceptability_notes(result: AcceptabilityResult, lang: Lang) -> list[str]:
    """The run's notes in the language, each a line of its own (so with a capital), without what the
    missing-value policy left out (the page says that once, above its tabs)."""
    return [capitalized(note).get(lang) for note in result.notes if not note.en.startswith("left out")]


def tied_labels(robustness: MethodRobustness, lang: Lang) -> list[str]:
    """The (method, normalisation) combinations that tie every position, as displayed."""
    return [variant_display(v, lang) for v in robustness.all_tied()]
