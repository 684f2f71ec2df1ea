"""Command line: ``mcda ahp``, ``mcda group-ahp``, ``mcda rank`` (see ``mcda --help``).

Bad input exits with code 2 and one line on stderr naming the file, line, column and
value; no traceback is ever shown for it.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from . import ahp
from .errors import InputError
from .loading import load_pairwise, load_problem, load_weights
from .missing import MISSING_POLICIES
from .models import Ranking, WeightOrigin, WeightSet
from .ranking import METHODS, rank_alternatives

app = typer.Typer(
    name="mcda",
    help="Rank candidate positions with AHP weights and TOPSIS and the other methods of pymcdm.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=True,
)

EXIT_BAD_INPUT = 2
F = TypeVar("F", bound=Callable[..., Any])


class Priority(StrEnum):
    eigenvector = "eigenvector"
    geometric = "geometric"


class RI(StrEnum):
    saaty = "saaty"
    alonso_lamata = "alonso-lamata"


class AggregationChoice(StrEnum):
    aij = "aij"
    aip = "aip"


Method = StrEnum("Method", {k: k for k in METHODS})  # type: ignore[misc]
Policy = StrEnum("Policy", {k: k for k in MISSING_POLICIES})  # type: ignore[misc]


class Normalization(StrEnum):
    vector = "vector"
    minmax = "minmax"
    max = "max"
    sum = "sum"


class Lang(StrEnum):
    nb = "nb"
    en = "en"


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def reports_input_errors(func: F) -> F:
    """Turn InputError (and any other failure) into one line on stderr, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            raise fail(exc.message("en")) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # an engine bug: still one line, distinct exit code
            typer.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def emit_json(data: dict[str, Any]) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command("ahp")
@reports_input_errors
def ahp_command(
    pairwise: Annotated[str, typer.Argument(help="pairwise CSV: header ',id1,id2,...', cells like 3 or 1/3")],
    priority: Annotated[Priority, typer.Option(help="priority method")] = Priority.eigenvector,
    ri: Annotated[RI, typer.Option(help="random-index table for CR")] = RI.saaty,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Weights, lambda_max, CI, CR and the three most inconsistent judgments of one matrix."""
    result = ahp.analyse(load_pairwise(pairwise), priority.value, ri.value)
    if as_json:
        emit_json(result.to_json_dict())
        return
    typer.echo(f"{'criterion':<24} weight")
    for label, w in result.weights.items():
        typer.echo(f"{label:<24} {w:.4f}")
    verdict = "acceptable" if result.consistent else "above 0.10: revise the judgments below"
    typer.echo(f"lambda_max = {result.lambda_max:.4f}  CI = {result.ci:.4f}  CR = {result.cr:.4f} ({verdict})")
    typer.echo(f"priorities: {result.priority_method}; RI: {result.ri_table_note}")
    for h in result.hints:
        typer.echo(
            f"  {h.row} vs {h.column}: now {ahp.fraction_text(h.current)}, consistent value "
            f"{h.suggested:.3g} (scale {h.suggested_text})"
        )


@app.command("group-ahp")
@reports_input_errors
def group_ahp_command(
    matrices: Annotated[list[str], typer.Argument(help="one pairwise CSV per member")],
    aggregation: Annotated[
        AggregationChoice, typer.Option(help="aij: judgments; aip: priorities")
    ] = AggregationChoice.aij,
    priority: Annotated[Priority, typer.Option(help="priority method")] = Priority.eigenvector,
    ri: Annotated[RI, typer.Option(help="random-index table for CR")] = RI.saaty,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Group weights (AIJ or AIP), the group matrix's CR and Goepel's consensus S*."""
    loaded = [load_pairwise(path) for path in matrices]
    first = loaded[0].labels
    loaded = [m if m.labels == first else m.reordered(first) for m in loaded]
    result = ahp.analyse_group(
        loaded, aggregation.value, sources=matrices, priority_method=priority.value, ri_table=ri.value
    )
    data = result.to_json_dict()
    if as_json:
        emit_json(data)
        return
    typer.echo(f"{result.method_note}")
    for label, w in result.weights.items():
        typer.echo(f"{label:<24} {w:.4f}")
    typer.echo(f"group CR = {result.cr:.4f}")
    if result.consensus:
        typer.echo(f"consensus S* = {result.consensus.s_star:.1%} ({result.consensus.band.en})")
    for m in result.members:
        typer.echo(f"  {m.source}: CR = {m.cr:.4f}")


def ranking_json(ranking: Ranking, lang: str) -> dict[str, Any]:
    return {
        "method": ranking.method,
        "normalization": ranking.normalization,
        "parameters": ranking.parameters,
        "score_direction": ranking.score_direction,
        "weights": ranking.weights.weights,
        "weights_origin": ranking.weights.origin.model_dump(mode="json"),
        "ranking": [{"id": e.id, "name": e.name.get(lang), "score": e.score, "rank": e.rank} for e in ranking.entries],
        "missing_policy": ranking.missing_policy,
        "excluded_criteria": list(ranking.excluded_criteria),
        "excluded_alternatives": list(ranking.excluded_alternatives),
        "imputed_cells": [list(c) for c in ranking.imputed_cells],
        "missing_note": ranking.missing_note.get(lang) if ranking.missing_note else None,
        "warnings": [w.get(lang) for w in ranking.warnings],
        "conventions": ranking.conventions,
        "library_versions": ranking.library_versions,
    }


def weights_from(
    problem_criteria: tuple[str, ...], weights: str | None, pairwise: str | None, priority: str, ri: str
) -> WeightSet:
    if (weights is None) == (pairwise is None):
        raise fail("give exactly one of --weights or --pairwise")
    if weights is not None:
        return load_weights(weights, criteria=problem_criteria)
    matrix = load_pairwise(pairwise).reordered(problem_criteria)
    result = ahp.analyse(matrix, priority, ri)
    return WeightSet.from_raw(
        result.weights,
        name=f"AHP ({pairwise})",
        origin=WeightOrigin(
            kind="ahp", details={"file": pairwise, "cr": result.cr, "priority_method": priority, "ri_table": ri}
        ),
    )


@app.command("rank")
@reports_input_errors
def rank_command(
    criteria: Annotated[str | None, typer.Option(help="criteria YAML")] = None,
    data: Annotated[str | None, typer.Option(help="alternatives CSV (id,name,<criterion ids>)")] = None,
    weights: Annotated[str | None, typer.Option(help="weights YAML/JSON: criterion -> weight")] = None,
    pairwise: Annotated[str | None, typer.Option(help="AHP pairwise CSV over the criteria")] = None,
    method: Annotated[Method, typer.Option(help="ranking method")] = "topsis",  # type: ignore[assignment]
    normalization: Annotated[Normalization | None, typer.Option(help="default: the method's own")] = None,
    missing: Annotated[Policy, typer.Option(help="missing-value policy")] = "refuse",  # type: ignore[assignment]
    priority: Annotated[Priority, typer.Option(help="AHP priority method (with --pairwise)")] = Priority.eigenvector,
    ri: Annotated[RI, typer.Option(help="AHP random-index table (with --pairwise)")] = RI.saaty,
    lang: Annotated[Lang, typer.Option(help="language of names and notes")] = Lang.nb,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    scenario: Annotated[str | None, typer.Option(help="scenario JSON (mcda export --format json)")] = None,
) -> None:
    """Rank the alternatives (default: TOPSIS with vector normalisation)."""
    if scenario is not None or criteria is None or data is None:  # the scenario holds every input (cli_export)
        return cli_export.rank_scenario(
            scenario, criteria, data, weights, pairwise, method, normalization, missing, lang, as_json
        )
    problem = load_problem(criteria, data)
    weight_set = weights_from(problem.criterion_ids, weights, pairwise, priority.value, ri.value)
    ranking = rank_alternatives(
        problem,
        weight_set,
        method=getattr(method, "value", method),
        normalization=None if normalization is None else normalization.value,
        missing_policy=getattr(missing, "value", missing),
    )
    if as_json:
        emit_json(ranking_json(ranking, lang.value))
        return
    print_ranking(ranking, lang.value)


def print_ranking(ranking: Ranking, lang: str) -> None:
    width = max(len(e.name.get(lang)) for e in ranking.entries)
    arrow = "higher is better" if ranking.score_direction == "higher_is_better" else "lower is better"
    typer.echo(f"{ranking.method.upper()}  normalisation: {ranking.normalization or 'method’s own'}  score: {arrow}")
    typer.echo(f"{'rank':>4}  {'id':<8} {'name':<{width}}  score")
    for e in ranking.entries:
        typer.echo(f"{e.rank:>4}  {e.id:<8} {e.name.get(lang):<{width}}  {e.score:.4f}")
    for w in ((ranking.missing_note,) if ranking.missing_note else ()) + ranking.warnings:
        typer.echo(f"note: {w.get(lang)}")


# the other commands live in their own modules and add themselves to `app`
from . import cli_export, cli_robustness  # noqa: E402

cli_robustness.register(sys.modules[__name__])


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(cli_export.app())  # under -m this file is __main__; the full app is mcda.cli.app
