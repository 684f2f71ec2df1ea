"""The robustness section of a report: how sure the ranking is, one message per part.

:func:`robustness_section` turns the results of :mod:`mcda.sensitivity` that exist (any of a
rank-acceptability run, the weight sweeps with their stability intervals, the rankings of
every method) into one :class:`~mcda.export.report.ReportSection` with a part for each:

- rank acceptability - "Raffinering av kobolt er først i 64 % av trekningene av vekter"; the heat map,
  the first-place shares, central weights and confidence factors, the cloud, samples and seed;
- stability intervals - "Rangeringen er uendret så lenge vekten på X er mellom a og b" for the
  most sensitive weight; the tornado and the intervals of every weight;
- a weight sweep of the criterion whose weight needs the smallest change to change first place,
  with the reversals among the first three;
- method robustness - "X er først med 15 av 15 kombinasjoner av metode og normalisering"; the
  ranks of every method, their spread and agreement.

Tables come from :mod:`mcda.robustness_views` (what the robustness page shows) and charts from
:mod:`mcda.charts.robustness`. Nothing is computed here beyond reading the results.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from .. import charts
from ..charts.robustness import acceptability_order, method_text, variant_display
from ..errors import Lang
from ..formatting import format_count, format_number, format_percent
from ..labels import normalization_label
from ..missing import POLICY_LABELS
from ..models import DecisionProblem, LocalizedText, Ranking, WeightSet
from ..ranking import METHODS
from ..robustness_views import (
    acceptability_matrix,
    acceptability_table,
    central_weights_table,
    method_agreement_table,
    method_rank_table,
    reversals_table,
    skipped_table,
    stability_table,
)
from ..robustness_views import col as view_col
from ..sensitivity import AcceptabilityResult, MethodRobustness, StabilityInterval, WeightSensitivity, WeightSweep
from .report import Bullets, ColumnFormat, Figure, Paragraph, Report, ReportSection, Table, Where, column_formats
from .texts import t

__all__ = ["robustness_report", "robustness_section", "sensitive_criteria"]


def robustness_section(
    problem: DecisionProblem,
    lang: Lang = "nb",
    *,
    acceptability: AcceptabilityResult | None = None,
    sensitivity: WeightSensitivity | None = None,
    methods: MethodRobustness | None = None,
    sweep_criteria: Sequence[str] = (),
) -> ReportSection | None:
    """The robustness section from whichever results exist (None when there are none).

    ``sweep_criteria`` adds the sweeps of more criteria (e.g. the one looked at on the page)
    as figures in the documents, after the most sensitive one.
    """
    parts: list[ReportSection] = []
    if acceptability is not None:
        parts.append(_acceptability_part(problem, acceptability, lang))
    if sensitivity is not None and sensitivity.intervals:
        parts.append(_stability_part(problem, sensitivity, lang))
        parts.append(_sweep_part(problem, sensitivity, sweep_criteria, lang))
    if methods is not None and methods.rankings:
        parts.append(_methods_part(problem, methods, lang))
    if not parts:
        return None
    return ReportSection(
        key="robustness",
        title=t("sec_robustness", lang),
        blocks=tuple(_basis(problem, lang, acceptability, sensitivity, methods)),
        sheet=t("sheet_robustness", lang),
        slide=False,  # each part has its own slide and message
        parts=tuple(parts),
    )


def robustness_report(
    problem: DecisionProblem,
    ranking: Ranking,
    weights: WeightSet | None = None,
    lang: Lang = "nb",
    *,
    acceptability: AcceptabilityResult | None = None,
    sensitivity: WeightSensitivity | None = None,
    methods: MethodRobustness | None = None,
    sweep_criteria: Sequence[str] = (),
    **extras: Any,
) -> Report:
    """A report of ``ranking`` with the robustness section; an acceptability run's seed is recorded
    in the scenario (``seeds["robustness"]``)."""
    section = robustness_section(
        problem,
        lang,
        acceptability=acceptability,
        sensitivity=sensitivity,
        methods=methods,
        sweep_criteria=sweep_criteria,
    )
    seeds = dict(extras.pop("seeds", {}))
    if acceptability is not None:
        seeds.setdefault("robustness", acceptability.seed)
    return Report(problem=problem, ranking=ranking, weights=weights, robustness=section, seeds=seeds, **extras)


# --- shared -----------------------------------------------------------------------------------


def _criterion(problem: DecisionProblem, criterion: str, lang: Lang) -> str:
    return problem.criterion(criterion).name.get(lang) if criterion in problem.criterion_ids else criterion


def _alternative(problem: DecisionProblem, alternative: str, lang: Lang) -> str:
    return problem.alternative(alternative).name.get(lang) if alternative in problem.alternative_ids else alternative


YES_NO = {True: LocalizedText(en="yes", nb="ja"), False: LocalizedText(en="no", nb="nei")}


def _cell(value: Any) -> Any:
    """A DataFrame cell as a plain value for the exports: NaN an empty cell, a truth value yes/no."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)


def frame_table(
    frame: pd.DataFrame,
    key: str,
    caption: str,
    formats: Sequence[ColumnFormat],
    *,
    index: bool = False,
    where: Where = "all",
    small: bool = False,
    widths: Sequence[float] = (),
) -> Table:
    """A table of one of :mod:`mcda.robustness_views`' frames, its numbers unchanged (``index``: the
    frame's index is the first column)."""
    if index:
        frame = frame.reset_index()
    return Table(
        key=key,
        caption=caption,
        columns=tuple(str(c) for c in frame.columns),
        rows=tuple(tuple(_cell(v) for v in row) for row in frame.itertuples(index=False, name=None)),
        formats=tuple(formats),
        where=where,
        small=small,
        widths=tuple(widths),
    )


def _basis(
    problem: DecisionProblem,
    lang: Lang,
    acceptability: AcceptabilityResult | None,
    sensitivity: WeightSensitivity | None,
    methods: MethodRobustness | None,
) -> list[Any]:
    """What was analysed: method, weights, missing-value policy and what it left out."""
    source: Any = sensitivity or acceptability or methods
    weights_name = ""
    if sensitivity is not None:
        weights_name = sensitivity.weights.name
    elif methods is not None:
        weights_name = methods.weights.name
    weights = (
        t("robustness_weights_named", lang, name=weights_name)
        if weights_name
        else t("robustness_weights_current", lang)
    )
    policy = POLICY_LABELS.get(source.missing_policy)
    policy_text = policy.get(lang) if policy else source.missing_policy
    if isinstance(source, MethodRobustness):
        text = t("robustness_basis_methods", lang, weights=weights, policy=policy_text)
    else:
        spec = METHODS.get(source.method)
        text = t(
            "robustness_basis",
            lang,
            method=spec.label.get(lang) if spec else source.method,
            weights=weights,
            normalization=normalization_label(source.normalization, lang),
            policy=policy_text,
        )
    blocks: list[Any] = [Paragraph(text=text)]
    excluded = getattr(source, "excluded_criteria", ())
    if excluded:
        items = ", ".join(_criterion(problem, c, lang) for c in excluded)
        blocks.append(Paragraph(text=t("robustness_left_out", lang, items=items), tone="note"))
    return blocks


# --- rank acceptability -------------------------------------------------------------------------


def _acceptability_part(problem: DecisionProblem, result: AcceptabilityResult, lang: Lang) -> ReportSection:
    leader = acceptability_order(result, "first")[0]
    share = result.first()[leader]
    varied_weights = result.cloud.kind != "fixed"
    key = (
        "msg_first_share_both"
        if varied_weights and result.data_uncertainty is not None
        else "msg_first_share_weights"
        if varied_weights
        else "msg_first_share_values"
    )
    message = t(key, lang, name=_alternative(problem, leader, lang), p=format_percent(share, lang, 0))
    values = (
        result.data_uncertainty.describe().get(lang) if result.data_uncertainty is not None else t("values_fixed", lang)
    )
    run = t(
        "acceptability_run",
        lang,
        samples=format_count(result.samples, lang),
        seed=result.seed,
        method=method_text(result.method, result.normalization, lang),
        cloud=result.cloud.describe().get(lang),
        values=values,
    )
    if result.confidence_samples:
        run += " " + t("confidence_estimated", lang, n=format_count(result.confidence_samples, lang))
    blocks: list[Any] = [
        Paragraph(text=t("acceptability_explained", lang)),
        Paragraph(text=f"{run} {t('acceptability_repeat', lang)}"),
        Figure(
            key="acceptability",
            caption=t("acceptability_heatmap_caption", lang),
            chart=lambda lg: charts.acceptability_heatmap(result, problem, lg),
        ),
        Figure(
            key="first_shares",
            caption=t("first_share_caption", lang),
            chart=lambda lg: charts.first_rank_chart(result, problem, lg),
            where="document",
        ),
        frame_table(
            acceptability_table(result, problem, lang),
            "acceptability",
            t("acceptability_summary_table", lang),
            ("text", "points", "points", "decimal"),
            widths=(3, 1.2, 1.4, 1.4),
        ),
    ]
    central = central_weights_table(result, problem, lang)
    if not central.empty:
        blocks.append(Paragraph(text=t("central_explained", lang)))
        blocks.append(
            frame_table(
                central,
                "central_weights",
                t("central_table", lang),
                column_formats("text", "points", len(central.columns)),
                index=True,
                small=len(central.columns) > 6,
            )
        )
    blocks.append(
        frame_table(
            acceptability_matrix(result, problem, lang),
            "acceptability_matrix",
            t("acceptability_matrix_table", lang),
            column_formats("text", "points", len(result.alternatives)),
            index=True,
            where="sheet",
        )
    )
    return ReportSection(
        key="robustness_acceptability", title=t("part_acceptability", lang), message=message, blocks=tuple(blocks)
    )


# --- stability intervals and sweeps --------------------------------------------------------------


def _change_needed(bounds: tuple[float, float], current: float) -> float:
    """How far the weight must move from ``current`` to reach a reversal (inf: none on either side;
    a bound at 0 or 1 is the end of the range, not a reversal)."""
    low, high = bounds
    below = current - low if low > 0 else math.inf
    above = high - current if high < 1 else math.inf
    return min(below, above)


def sensitive_criteria(sensitivity: WeightSensitivity) -> tuple[StabilityInterval | None, StabilityInterval | None]:
    """(the weight whose smallest change changes the ranking, the one whose smallest change changes
    first place); None where no single weight change does."""

    def most(kind: str) -> StabilityInterval | None:
        scored = [
            (_change_needed(getattr(i, kind), i.current_weight), k, i) for k, i in enumerate(sensitivity.intervals)
        ]
        change, _, interval = min(scored, key=lambda x: (x[0], x[1]))
        return interval if math.isfinite(change) else None

    return most("ranking"), most("top_one")


def _current_first(sensitivity: WeightSensitivity, sweep: WeightSweep) -> str:
    """The alternative first at the current weights, read from the reversals around them (or, when
    first place never changes in any sweep, from the sweep's scores)."""
    t0 = sweep.current_weight
    for s in sensitivity.sweeps:
        for r in s.reversals:
            if r.position == 1:
                if r.weight >= s.current_weight:
                    above = [x for x in s.reversals if x.position == 1 and x.weight >= s.current_weight]
                    return min(above, key=lambda x: x.weight).ahead_before
                below = [x for x in s.reversals if x.position == 1 and x.weight <= s.current_weight]
                return max(below, key=lambda x: x.weight).ahead_after
    grid = np.asarray(sweep.grid)
    sign = 1.0 if sweep.score_direction == "higher_is_better" else -1.0
    at = {a: float(np.interp(t0, grid, s)) for a, s in sweep.scores.items()}
    return max(at, key=lambda a: sign * at[a])


def _stability_part(problem: DecisionProblem, sensitivity: WeightSensitivity, lang: Lang) -> ReportSection:
    most, _ = sensitive_criteria(sensitivity)
    blocks: list[Any] = [Paragraph(text=t("stability_explained", lang))]
    if most is None:
        message = t("msg_stable_always", lang)
    else:
        name = _criterion(problem, most.criterion, lang)
        low, high = (format_percent(w, lang) for w in most.ranking)
        message = t("msg_stable_ranking", lang, criterion=name, low=low, high=high)
        change = _change_needed(most.ranking, most.current_weight)
        blocks.append(
            Paragraph(
                text=t(
                    "stability_most",
                    lang,
                    criterion=name,
                    current=format_percent(most.current_weight, lang),
                    change=format_number(100 * change, lang, 1),
                )
            )
        )
    blocks += [
        Figure(
            key="stability",
            caption=t("stability_chart_caption", lang),
            chart=lambda lg: charts.stability_chart(sensitivity.intervals, problem, lg),
        ),
        frame_table(
            stability_table(sensitivity.intervals, problem, lang),
            "stability",
            t("stability_table", lang),
            ("text",) + ("points",) * 7,
            widths=(1.8, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2),
        ),
    ]
    return ReportSection(
        key="robustness_stability", title=t("part_stability", lang), message=message, blocks=tuple(blocks)
    )


def _sweep_part(
    problem: DecisionProblem, sensitivity: WeightSensitivity, extra: Sequence[str], lang: Lang
) -> ReportSection:
    most_ranking, most_first = sensitive_criteria(sensitivity)
    chosen = most_first or most_ranking or sensitivity.intervals[0]
    sweep = sensitivity.sweep(chosen.criterion)
    name = _criterion(problem, chosen.criterion, lang)
    first = _alternative(problem, _current_first(sensitivity, sweep), lang)
    if most_first is None:
        message = t("msg_first_always", lang, name=first)
        explained = t("sweep_other", lang, criterion=name)
    else:
        low, high = (format_percent(w, lang) for w in most_first.top_one)
        message = t("msg_first_holds", lang, name=first, criterion=name, low=low, high=high)
        explained = t("sweep_explained", lang, criterion=name, current=format_percent(chosen.current_weight, lang))
    exact = sweep.method if sweep.method in ("topsis", "wsm") else "grid"
    blocks: list[Any] = [
        Paragraph(text=explained),
        Figure(
            key="sweep",
            caption=t("sweep_caption", lang, criterion=name),
            chart=lambda lg: charts.sweep_chart(sweep, problem, lg),
        ),
    ]
    reversals = reversals_table(sweep, problem, lang, max_position=3)
    if reversals.empty:
        blocks.append(Paragraph(text=t("reversals_none", lang, criterion=name)))
    else:
        blocks.append(
            frame_table(
                reversals,
                "reversals",
                t("reversals_table", lang, criterion=name),
                ("points", "text", "text", "text", "text"),
                widths=(1, 0.8, 2.4, 2.4, 1.2),
            )
        )
    blocks.append(Paragraph(text=t(f"sweep_exact_{exact}", lang, points=len(sweep.grid)), tone="note"))
    for criterion in dict.fromkeys(extra):
        if criterion == chosen.criterion or criterion not in {s.criterion for s in sensitivity.sweeps}:
            continue
        other = sensitivity.sweep(criterion)
        other_name = _criterion(problem, criterion, lang)
        blocks.append(Paragraph(text=t("sweep_other", lang, criterion=other_name), where="document"))
        blocks.append(
            Figure(
                key=f"sweep_{criterion}",
                caption=t("sweep_caption", lang, criterion=other_name),
                chart=partial(charts.sweep_chart, other, problem),
                where="document",
            )
        )
    return ReportSection(
        key="robustness_sweep", title=t("part_sweep", lang, criterion=name), message=message, blocks=tuple(blocks)
    )


# --- methods -----------------------------------------------------------------------------------


def _methods_part(problem: DecisionProblem, methods: MethodRobustness, lang: Lang) -> ReportSection:
    n = len(methods.rankings)
    firsts = Counter(e.id for r in methods.rankings.values() for e in r.entries if e.rank == 1)
    order = {a: i for i, a in enumerate(problem.alternative_ids)}
    leader, k = min(firsts.items(), key=lambda x: (-x[1], order.get(x[0], 0)))
    name = _alternative(problem, leader, lang)
    message = t("msg_methods_all", lang, name=name, n=n) if k == n else t("msg_methods_some", lang, name=name, k=k, n=n)
    agreement = [v for v in methods.mean_agreement().values() if v is not None]
    blocks: list[Any] = []
    if agreement:
        blocks.append(
            Paragraph(
                text=t(
                    "methods_explained",
                    lang,
                    n=n,
                    low=format_number(min(agreement), lang, 2),
                    high=format_number(max(agreement), lang, 2),
                )
            )
        )
    ranks = method_rank_table(methods, problem, lang)
    spread_columns = [view_col(c, lang) for c in ("position", "best", "worst", "spread")]
    blocks += [
        Figure(
            key="method_ranks",
            caption=t("methods_rank_caption", lang),
            chart=lambda lg: charts.method_rank_chart(methods, problem, lg),
        ),
        frame_table(
            ranks[spread_columns],
            "method_spread",
            t("methods_spread_table", lang),
            ("text", "int", "int", "int"),
            widths=(3, 1, 1, 1),
        ),
        frame_table(
            method_agreement_table(methods, lang),
            "method_agreement",
            t("methods_agreement_table", lang),
            ("text", "coefficient"),
            widths=(3, 2),
        ),
        Figure(
            key="method_agreement",
            caption=t("methods_agreement_caption", lang),
            chart=lambda lg: charts.method_agreement_chart(methods, "spearman", lg),
            where="document",
        ),
        frame_table(
            ranks,
            "method_ranks",
            t("methods_ranks_table", lang),
            column_formats("text", "int", len(ranks.columns) - 1),
            where="sheet",
        ),
    ]
    tied = methods.all_tied()
    if tied:
        labels = ", ".join(variant_display(v, lang) for v in tied)
        blocks.append(Paragraph(text=t("methods_tied", lang, labels=labels), tone="note"))
    if methods.skipped:
        skipped = skipped_table(methods, problem, methods.weights, lang)
        blocks.append(
            Bullets(
                intro=t("methods_skipped", lang),
                items=tuple(f"{label}: {reason}" for label, reason in skipped.itertuples(index=False)),
                where="document",
            )
        )
    return ReportSection(key="robustness_methods", title=t("part_methods", lang), message=message, blocks=tuple(blocks))
