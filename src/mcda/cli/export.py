"""``mcda export``: the report formats (csv, xlsx, docx, pptx, md) and the scenario file (json).

Bad input exits with code 2 and one line on stderr, like the other commands. The export
package (Office writers, charts) is imported only when ``mcda export`` runs, so the other
commands start fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from .. import ahp
from ..errors import InputError, Issue
from ..loading import load_pairwise, load_problem, load_weights
from ..models import DecisionProblem, WeightSet
from ..outlooks import load_outlook, rank_across_outlooks
from ..ranking import RankingSettings
from ..scenario import Judgments, load_scenario_file
from ..value_chains import check_against_problem, load_value_chains
from .options import (
    DEFAULT_METHOD,
    DEFAULT_POLICY,
    RI,
    AggregationChoice,
    Lang,
    Method,
    MethodOption,
    MissingOption,
    NormalizationOption,
    OutlookOption,
    Priority,
    ProbabilityOption,
    WeightsFile,
    fail,
    probabilities_from,
    refuse_with_scenario,
    reports_input_errors,
    settings_from,
)


class Format(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    docx = "docx"
    pptx = "pptx"
    md = "md"
    json = "json"


class Separator(StrEnum):
    semicolon = ";"
    comma = ","


def inputs_from_files(
    criteria: str | None,
    data: str | None,
    weights: str | None,
    pairwise: list[str] | None,
    priority: str,
    ri: str,
    aggregation: str,
) -> tuple[DecisionProblem, WeightSet, Judgments | None]:
    """The problem and the weight set (with the judgments when they come from pairwise files)."""
    if criteria is None or data is None:
        raise fail("give --criteria and --data (with --weights or --pairwise), or --scenario")
    problem = load_problem(criteria, data)
    if (weights is None) == (not pairwise):
        raise fail("give exactly one of --weights or --pairwise")
    if weights is not None:
        return problem, load_weights(weights, criteria=problem.criterion_ids), None
    assert pairwise
    judgments = Judgments(
        matrices=tuple(load_pairwise(path).reordered(problem.criterion_ids) for path in pairwise),
        members=tuple(pairwise),
        # typer has checked the three against the AggregationChoice, Priority and RI choices
        aggregation=cast(ahp.Aggregation, aggregation),
        priority_method=cast(ahp.PriorityMethod, priority),
        ri_table=cast(ahp.RITable, ri),
    )
    return problem, judgments.weight_set(), judgments


def with_outlooks(report: Any, outlook: list[str] | None, probability: list[str] | None, chains: str | None) -> Any:
    """The report with its outlook section (``--outlook``) and value-chain map (``--value-chains``)."""
    if probability and not outlook:
        raise fail("--probability needs --outlook")
    update: dict[str, Any] = {}
    if outlook:
        outlooks = [load_outlook(path, report.problem.sources) for path in outlook]
        update["outlooks"] = rank_across_outlooks(
            report.problem,
            report.chosen_weights,
            outlooks,
            RankingSettings.of(report.ranking),
            probabilities_from(probability),
        )
    if chains is not None:
        loaded = load_value_chains(chains)
        check_against_problem(loaded, report.problem, chains)
        update["value_chains"] = loaded
    return report.model_copy(update=update) if update else report


@reports_input_errors
def export_command(
    fmt: Annotated[Format, typer.Option("--format", help="csv, xlsx, docx, pptx, md or json (scenario)")],
    out: Annotated[str, typer.Option(help="output file; '-' writes csv, md and json to stdout")],
    criteria: Annotated[str | None, typer.Option(help="criteria YAML")] = None,
    data: Annotated[str | None, typer.Option(help="alternatives CSV (id,name,<criterion ids>)")] = None,
    weights: WeightsFile = None,
    pairwise: Annotated[
        list[str] | None, typer.Option(help="AHP pairwise CSV; repeat for a group (one file per member)")
    ] = None,
    scenario: Annotated[str | None, typer.Option(help="scenario JSON instead of the files and settings")] = None,
    method: MethodOption = DEFAULT_METHOD,
    normalization: NormalizationOption = None,
    missing: MissingOption = DEFAULT_POLICY,
    priority: Annotated[Priority, typer.Option(help="AHP priority method (with --pairwise)")] = Priority.eigenvector,
    ri: Annotated[RI, typer.Option(help="AHP random-index table (with --pairwise)")] = RI.saaty,
    aggregation: Annotated[
        AggregationChoice, typer.Option(help="group AHP: aij (judgments) or aip (priorities)")
    ] = AggregationChoice.aij,
    compare: Annotated[
        list[Method] | None, typer.Option(help="also rank with this method and compare (repeatable)")
    ] = None,
    lang: Annotated[Lang, typer.Option(help="language of the report")] = Lang.nb,
    separator: Annotated[
        Separator, typer.Option(help="csv: ';' with decimal comma (Norwegian Excel) or ',' with decimal point")
    ] = Separator.semicolon,
    embed_images: Annotated[bool, typer.Option("--embed-images", help="md: embed the charts as PNG")] = False,
    outlook: OutlookOption = None,
    probability: ProbabilityOption = None,
    value_chains: Annotated[
        str | None, typer.Option("--value-chains", help="value chains YAML (data/value_chains.yaml): adds the map")
    ] = None,
) -> None:
    """Write the ranking, weights, charts, method notes and sources as csv, xlsx, docx, pptx, md or a scenario."""
    from ..export import TEXT_FORMATS, Report, build_report, export_report  # heavy (Office, charts): only here

    compare_methods = [getattr(m, "value", m) for m in (compare or [])]
    if out == "-" and fmt.value not in TEXT_FORMATS:
        raise fail(f"{fmt.value} is a binary format; give a file name with --out")
    if scenario is not None:
        refuse_with_scenario(criteria, data, weights, pairwise, method, normalization, missing)
        saved = load_scenario_file(scenario)
        report = Report.from_scenario(saved)
        if compare_methods:
            report = build_report(
                saved.problem,
                saved.weights,
                saved.settings,
                saved.judgments,
                compare_methods,
                seeds=saved.seeds,
                tree_judgments=saved.tree_judgments,
            )
    else:
        problem, weight_set, judgments = inputs_from_files(
            criteria, data, weights, pairwise, priority.value, ri.value, aggregation.value
        )
        report = build_report(
            problem,
            weight_set,
            settings_from(method, normalization, missing),
            judgments=judgments,
            compare_methods=compare_methods,
        )
    report = with_outlooks(report, outlook, probability, value_chains)
    options: dict[str, Any] = {}
    if fmt == Format.csv:
        options["separator"] = separator.value
    if fmt == Format.md and embed_images:
        options["images"] = "embed"
    content = export_report(report, fmt.value, lang.code, **options)
    if out == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    try:
        Path(out).write_bytes(content)
    except OSError as exc:
        raise InputError(Issue("export_write_failed", file=out, details={"reason": exc.strerror or str(exc)})) from None
    typer.echo(f"wrote {out} ({fmt.value}, {len(content):,} bytes)")
