"""``mcda rank``: rank the alternatives from files, or recompute a saved scenario (``--scenario``)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..errors import InputError
from ..loading import load_problem
from ..outlooks import load_outlook, rank_across_outlooks
from ..ranking import rank_alternatives
from ..scenario import Scenario, load_scenario_file
from .options import (
    DEFAULT_METHOD,
    DEFAULT_POLICY,
    RI,
    Lang,
    MethodOption,
    MissingOption,
    NormalizationOption,
    OutlookOption,
    Priority,
    ProbabilityOption,
    WeightsFile,
    emit_json,
    fail,
    outlooks_json,
    print_outlooks,
    print_ranking,
    probabilities_from,
    ranking_json,
    refuse_with_scenario,
    reports_input_errors,
    settings_from,
    weights_from,
)


@reports_input_errors
def rank_command(
    criteria: Annotated[str | None, typer.Option(help="criteria YAML")] = None,
    data: Annotated[str | None, typer.Option(help="alternatives CSV (id,name,<criterion ids>)")] = None,
    weights: WeightsFile = None,
    pairwise: Annotated[
        list[str] | None,
        typer.Option(
            help="AHP pairwise CSV over the criteria; or, with a value tree in the criteria YAML, one per node "
            "named after it (repeat: --pairwise root.csv --pairwise capability.csv ...)"
        ),
    ] = None,
    method: MethodOption = DEFAULT_METHOD,
    normalization: NormalizationOption = None,
    missing: MissingOption = DEFAULT_POLICY,
    priority: Annotated[Priority, typer.Option(help="AHP priority method (with --pairwise)")] = Priority.eigenvector,
    ri: Annotated[RI, typer.Option(help="AHP random-index table (with --pairwise)")] = RI.saaty,
    lang: Annotated[Lang, typer.Option(help="language of names and notes")] = Lang.nb,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    scenario: Annotated[str | None, typer.Option(help="scenario JSON (mcda export --format json)")] = None,
    outlook: OutlookOption = None,
    probability: ProbabilityOption = None,
) -> None:
    """Rank the alternatives (default: TOPSIS with vector normalisation)."""
    if scenario is not None or criteria is None or data is None:  # the scenario holds every input
        return rank_scenario(scenario, criteria, data, weights, pairwise, method, normalization, missing, lang, as_json)
    problem = load_problem(criteria, data)
    weight_set = weights_from(problem.criterion_ids, weights, pairwise, priority.value, ri.value, problem.tree)
    settings = settings_from(method, normalization, missing)
    if outlook:
        outlooks = [load_outlook(path, problem.sources) for path in outlook]
        comparison = rank_across_outlooks(problem, weight_set, outlooks, settings, probabilities_from(probability))
        if as_json:
            emit_json(outlooks_json(comparison, lang.code))
        else:
            print_outlooks(comparison, lang.code)
        return
    if probability:
        raise fail("--probability needs --outlook")
    try:
        ranking = rank_alternatives(problem, weight_set, settings)
    except InputError as exc:  # missing values under --missing refuse: they are in the data file
        if any(issue.code == "missing_values" for issue in exc.issues):
            raise exc.in_file(data) from None
        raise
    if as_json:
        emit_json(ranking_json(ranking, lang.code))
        return
    print_ranking(ranking, lang.code)


def rank_scenario(
    scenario: str | None,
    criteria: str | None,
    data: str | None,
    weights: str | None,
    pairwise: list[str] | None,
    method: Any,
    normalization: Any,
    missing: Any,
    lang: Lang,
    as_json: bool,
) -> None:
    """``mcda rank --scenario FILE``: the saved ranking recomputed, printed as ``mcda rank`` prints."""
    if scenario is None:
        raise fail("give --criteria and --data (with --weights or --pairwise), or --scenario")
    refuse_with_scenario(criteria, data, weights, pairwise, method, normalization, missing)
    saved = load_scenario_file(scenario)
    ranking = saved.rank()
    reproduced = saved.reproduces(ranking)
    language = lang.code
    if as_json:
        data_out = ranking_json(ranking, language)
        data_out["scenario"] = {"file": scenario, "sha256": saved.sha256, "reproduces_recorded": reproduced}
        emit_json(data_out)
    else:
        print_ranking(ranking, language)
        typer.echo(f"scenario: {scenario} (SHA-256 {saved.sha256[:12]}…)")
    if not reproduced:
        _warn_not_reproduced(saved)


def _warn_not_reproduced(saved: Scenario) -> None:
    then = ", ".join(f"{k} {v}" for k, v in sorted(saved.library_versions.items()))
    typer.echo(f"note: the ranking differs from the one recorded in the scenario (saved with {then})", err=True)
