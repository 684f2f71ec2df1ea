"""``mcda robustness``: stability intervals, rank acceptability and (optionally) method agreement."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from ..errors import Lang as LangCode
from ..loading import load_problem
from ..models import DecisionProblem
from ..sensitivity import (
    AcceptabilityResult,
    DataUncertainty,
    MethodRobustness,
    WeightCloud,
    WeightSensitivity,
    analyse_rank_acceptability,
    analyse_weight_sensitivity,
    compare_methods,
)
from .options import (
    DEFAULT_METHOD,
    DEFAULT_POLICY,
    RI,
    CriteriaFile,
    DataFile,
    Lang,
    MethodOption,
    MissingOption,
    NormalizationOption,
    PairwiseFile,
    Priority,
    WeightsFile,
    emit_json,
    reports_input_errors,
    settings_from,
    weights_from,
)


class Cloud(StrEnum):
    uniform = "uniform"
    around = "around"


Opt = typer.Option


@reports_input_errors
def robustness_command(
    criteria: CriteriaFile,
    data: DataFile,
    weights: WeightsFile = None,
    pairwise: PairwiseFile = None,
    method: MethodOption = DEFAULT_METHOD,
    normalization: NormalizationOption = None,
    missing: MissingOption = DEFAULT_POLICY,
    samples: Annotated[int, Opt(min=1, help="weight samples for rank acceptability")] = 10_000,
    seed: Annotated[int | None, Opt(help="random seed (default: a fresh one, printed)")] = None,
    cloud: Annotated[Cloud, Opt(help="uniform over all weights, or around the given")] = Cloud.uniform,
    spread: Annotated[float, Opt(help="--cloud around: +-percent of each weight")] = 20.0,
    value_ranges: Annotated[bool, Opt(help="vary values within <criterion>_min/_max")] = False,
    value_percent: Annotated[float, Opt(help="vary values without a range by +-%")] = 0.0,
    methods: Annotated[bool, Opt("--methods", help="also every method x normalisation")] = False,
    priority: Annotated[Priority, Opt(help="AHP priority method (--pairwise)")] = Priority.eigenvector,
    ri: Annotated[RI, Opt(help="AHP random-index table (--pairwise)")] = RI.saaty,
    lang: Annotated[Lang, Opt(help="language of names and notes")] = Lang.nb,
    as_json: Annotated[bool, Opt("--json", help="print JSON")] = False,
) -> None:
    """How sure is the ranking: weight stability intervals and rank acceptability (SMAA-2)."""
    problem = load_problem(criteria, data)
    weight_set = weights_from(problem.criterion_ids, weights, pairwise, str(priority), str(ri))
    settings = settings_from(method, normalization, missing)
    sensitivity = analyse_weight_sensitivity(problem, weight_set, settings)
    chosen = (
        WeightCloud.uniform(problem.criterion_ids)
        if str(cloud) == "uniform"
        else WeightCloud.around(weight_set, spread, criteria=problem.criterion_ids)
    )
    uncertainty = DataUncertainty(ranges=value_ranges, percent=value_percent) if value_ranges or value_percent else None
    acceptability = analyse_rank_acceptability(problem, chosen, samples, seed, settings, data=uncertainty)
    robustness = compare_methods(problem, weight_set, settings) if methods else None
    if as_json:
        emit_json(
            {
                "weights": weight_set.weights,
                "stability_intervals": [i.model_dump(mode="json") for i in sensitivity.intervals],
                "reversals": {
                    s.criterion: [r.model_dump(mode="json", exclude={"weights"}) for r in s.reversals]
                    for s in sensitivity.sweeps
                },
                "acceptability": acceptability.model_dump(mode="json"),
                "methods": None if robustness is None else _methods_json(robustness),
            }
        )
        return
    print_intervals(sensitivity)
    print_acceptability(acceptability, problem_names(problem, lang.code))
    if robustness is not None:
        print_methods(robustness)


def problem_names(problem: DecisionProblem, lang: LangCode) -> dict[str, str]:
    return {a.id: a.name.get(lang) for a in problem.alternatives}


def print_intervals(result: WeightSensitivity) -> None:
    method = f"{result.method.upper()} ({result.normalization or 'own normalisation'})"
    typer.echo(f"Weight stability intervals, {method}:")
    typer.echo("one weight varies, the others keep their proportions")
    typer.echo(f"{'criterion':<22} {'weight':>6}  {'ranking':<15}  {'top three':<15}  {'top one':<15}")
    for i in result.intervals:
        cells = "  ".join(f"{lo:.3f} - {hi:.3f}".ljust(15) for lo, hi in (i.ranking, i.top_three, i.top_one))
        typer.echo(f"{i.criterion:<22} {i.current_weight:>6.3f}  {cells}")


def print_acceptability(result: AcceptabilityResult, names: dict[str, str]) -> None:
    typer.echo("")
    typer.echo(f"Rank acceptability: {result.samples:,} samples, seed {result.seed}")
    typer.echo(f"weights: {result.cloud.describe().en}")
    if result.data_uncertainty is not None:
        typer.echo(f"values: {result.data_uncertainty.describe().en}")
    first, top3, expected = result.first(), result.top(3), result.expected_rank()
    width = max(len(n) for n in names.values())
    header = f"{'first':>6}  {'top 3':>6}  {'mean rank':>9}  {'confidence':>10}"
    typer.echo(f"{'id':<8} {'name':<{width}}  {header}")
    for alt in sorted(result.alternatives, key=lambda a: (expected[a], a)):
        conf = result.confidence[alt]
        conf_text = "-" if conf is None else f"{conf:.2f}"
        typer.echo(
            f"{alt:<8} {names.get(alt, alt):<{width}}  {first[alt]:>6.1%}  {top3[alt]:>6.1%}  "
            f"{expected[alt]:>9.2f}  {conf_text:>10}"
        )
    for note in result.notes:
        typer.echo(f"note: {note.en}")


def print_methods(result: MethodRobustness) -> None:
    typer.echo("")
    typer.echo("Method robustness: mean Spearman correlation with the other rankings")
    tied = set(result.all_tied())
    for label, value in result.mean_agreement().items():
        note = "  (every alternative tied)" if label in tied else ""
        typer.echo(f"  {label:<16} {'-' if value is None else f'{value:.3f}'}{note}")
    for label, reason in result.skipped.items():
        typer.echo(f"  {label:<16} skipped: {reason}")


def _methods_json(result: MethodRobustness) -> dict[str, Any]:
    return {
        "ranks": result.rank_table(),
        "skipped": result.skipped,
        "agreement": None if result.comparison is None else result.comparison.model_dump(mode="json"),
    }
