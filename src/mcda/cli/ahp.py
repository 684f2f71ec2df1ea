"""``mcda ahp`` and ``mcda group-ahp``: weights, consistency and consensus of pairwise matrices."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import ahp
from ..errors import InputError
from ..loading import load_pairwise
from .options import RI, AggregationChoice, Priority, emit_json, reports_input_errors


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
    reordered = []
    for path, m in zip(matrices, loaded):
        try:
            reordered.append(m if m.labels == first else m.reordered(first))
        except InputError as exc:  # another set of criteria than the first file's: name the file
            raise exc.in_file(path) from None
    loaded = reordered
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
