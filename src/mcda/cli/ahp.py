"""``mcda ahp`` and ``mcda group-ahp``: weights, consistency and consensus of pairwise matrices."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import ahp
from ..errors import InputError
from ..loading import load_criteria, load_pairwise
from ..models import ValueTree
from .options import (
    RI,
    AggregationChoice,
    Priority,
    emit_json,
    fail,
    reports_input_errors,
    tree_json,
    tree_weights,
)


@reports_input_errors
def ahp_command(
    pairwise: Annotated[
        list[str],
        typer.Argument(
            help="pairwise CSV: header ',id1,id2,...', cells like 3 or 1/3; with --tree one per node, "
            "named after the node (root.csv, capability.csv, ...)"
        ),
    ],
    tree: Annotated[
        str | None, typer.Option(help="criteria YAML with a value tree (groups:): one pairwise file per node")
    ] = None,
    priority: Annotated[Priority, typer.Option(help="priority method")] = Priority.eigenvector,
    ri: Annotated[RI, typer.Option(help="random-index table for CR")] = RI.saaty,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Weights, lambda_max, CI, CR and the three most inconsistent judgments of one matrix
    (with --tree: of one matrix per node, and the criteria's global weights)."""
    if tree is not None:
        return tree_ahp_command(tree, pairwise, priority.value, ri.value, as_json)
    if len(pairwise) != 1:
        raise fail("give one pairwise file, or --tree CRITERIA.yaml with one file per node")
    result = ahp.analyse(load_pairwise(pairwise[0]), priority.value, ri.value)
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


def tree_ahp_command(criteria: str, pairwise: list[str], priority: str, ri: str, as_json: bool) -> None:
    """``mcda ahp --tree``: hierarchical AHP, global weight = product of the local weights down the path."""
    spec = load_criteria(criteria)
    tree = ValueTree(criteria=tuple(c.id for c in spec.criteria), groups=spec.groups)
    weights, results = tree_weights(tree, pairwise, priority, ri)
    data = tree_json(weights, results)
    if as_json:
        emit_json(data)
        return
    for node in tree.nodes:
        record = data["nodes"][node]
        cr = "" if record.get("cr") is None else f"  CR = {record['cr']:.4f}"
        typer.echo(f"{'  ' * tree.depth(node)}{node} ({record['method']}){cr}")
        for child, w in record["weights"].items():
            typer.echo(f"{'  ' * (tree.depth(node) + 1)}{child:<24} local {w:.4f}")
    typer.echo(f"{'criterion':<24} global weight")
    for label, w in weights.weights.items():
        typer.echo(f"{label:<24} {w:.4f}")


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
    for member in result.members:
        typer.echo(f"  {member.source}: CR = {member.cr:.4f}")
