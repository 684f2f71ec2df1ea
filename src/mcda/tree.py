"""Value trees: criteria grouped under named nodes, weighed node by node.

A tree has a top node ``root``; every group lists its children (criteria or other groups);
the groups that no group names are the children of ``root``. Without groups the tree is one
node, ``root``, holding every criterion, and everything works as with a flat list.

Weights are local at each node (they sum to 1 over the node's children); a criterion's
global weight is the product of the local weights down its path from ``root`` (Saaty 1980,
the hierarchic composition). Each node may be weighed its own way — AHP (its own small
matrix, CR and hints), direct points or swings — and the result is an ordinary
:class:`~mcda.models.WeightSet` over the criteria whose origin (kind ``tree``) records the
tree, every node's local weights and how each node was weighed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import Field

from .ahp import AHPResult, PairwiseMatrix, PriorityMethod, RITable, analyse
from .errors import InputError, Issue
from .models import (  # the tree's structure lives with the problem it belongs to
    CriteriaGroup,
    Frozen,
    ValueTree,
    WeightOrigin,
    WeightSet,
    local_shares,
)

NodeMethod = Literal["ahp", "direct", "swing"]


class NodeWeights(Frozen):
    """The local weights of one node's children and how they were obtained."""

    node: str = Field(description="the node ('root' or a group id)")
    method: NodeMethod = Field(description="ahp, direct or swing")
    weights: dict[str, float] = Field(description="child -> local weight (sums to 1)")
    cr: float | None = Field(default=None, description="AHP: the consistency ratio of the node's matrix")
    details: dict[str, Any] = Field(default_factory=dict, description="AHP matrix, swing order and points, ...")


def node_from_ahp(
    tree: ValueTree,
    node: str,
    matrix: PairwiseMatrix,
    priority_method: PriorityMethod = "eigenvector",
    ri_table: RITable = "saaty",
    file: str | None = None,
) -> tuple[NodeWeights, AHPResult]:
    """A node weighed by its own pairwise matrix over its children (any order)."""
    kids = tree.children(node)
    if not kids:
        raise InputError(Issue("tree_unknown_node", file=file, value=node, details={"expected": ", ".join(tree.nodes)}))
    if set(matrix.labels) != set(kids) or len(matrix.labels) != len(kids):
        raise InputError(
            Issue(
                "tree_node_children",
                file=file,
                column=node,
                value=", ".join(matrix.labels),
                details={"node": node, "expected": ", ".join(kids)},
            )
        )
    in_order = matrix if matrix.labels == kids else matrix.reordered(kids)  # a copy with the same upper triangle
    result = analyse(in_order, priority_method, ri_table)
    return (
        NodeWeights(
            node=node,
            method="ahp",
            weights=dict(result.weights),
            cr=result.cr,
            details={
                "matrix": [list(r) for r in result.matrix],
                "labels": list(result.labels),
                "priority_method": priority_method,
                "ri_table": ri_table,
                **({"file": file} if file else {}),
            },
        ),
        result,
    )


def node_from_points(
    tree: ValueTree, node: str, points: Mapping[str, float], /, method: NodeMethod = "direct", **details: Any
) -> NodeWeights:
    """A node weighed by direct points (or swing points) over its children, rescaled to sum to 1.

    ``details`` are recorded as given (a swing node records its ``order`` and ``points``, as
    :func:`mcda.swing.swing_weight_set` does), hence the positional-only arguments."""
    kids = tree.children(node)
    raw = {k: float(points.get(k, 0.0)) for k in kids}
    if set(points) - set(kids):
        raise InputError(
            Issue(
                "tree_node_children",
                column=node,
                value=", ".join(points),
                details={"node": node, "expected": ", ".join(kids)},
            )
        )
    if any(v < 0 or not math.isfinite(v) for v in raw.values()):
        raise InputError(Issue("negative_weight", column=node))
    total = math.fsum(raw.values())
    if total <= 0:
        raise InputError(Issue("weights_all_zero", column=node))
    return NodeWeights(node=node, method=method, weights={k: v / total for k, v in raw.items()}, details=dict(details))


def tree_weight_set(
    tree: ValueTree, nodes: Mapping[str, NodeWeights] | Iterable[NodeWeights], name: str = ""
) -> WeightSet:
    """The weight set over the criteria: global = product of local weights down each path.

    The origin (kind ``tree``) records the tree, every node's local weights, method and CR.
    """
    by_node = dict(nodes) if isinstance(nodes, Mapping) else {n.node: n for n in nodes}
    unknown = [n for n in by_node if n not in tree.nodes]
    if unknown:
        raise InputError(
            Issue("tree_unknown_node", value=", ".join(unknown), details={"expected": ", ".join(tree.nodes)})
        )
    local = {n: nw.weights for n, nw in by_node.items()}
    weights = tree.global_weights(local)
    recorded = {
        node: {
            "method": by_node[node].method if node in by_node else "single",
            "weights": {k: v for k, v in local_shares(tree, node, local).items()},
            **({"cr": by_node[node].cr} if node in by_node and by_node[node].cr is not None else {}),
            **({"details": by_node[node].details} if node in by_node and by_node[node].details else {}),
        }
        for node in tree.nodes
    }
    return WeightSet.from_raw(
        weights,
        name=name or "Value tree",
        criteria=tree.criteria,
        origin=WeightOrigin(kind="tree", details={"tree": tree.to_json_dict(), "nodes": recorded}),
    )


def tree_ahp(
    tree: ValueTree,
    matrices: Mapping[str, PairwiseMatrix],
    priority_method: PriorityMethod = "eigenvector",
    ri_table: RITable = "saaty",
    files: Mapping[str, str] | None = None,
) -> tuple[WeightSet, dict[str, AHPResult]]:
    """Hierarchical AHP: one matrix per node with two or more children -> weight set and each node's result."""
    files = files or {}
    missing = [n for n in tree.weighed_nodes if n not in matrices]
    if missing:
        raise InputError([Issue("tree_node_unweighed", column=n, details={"node": n}) for n in missing])
    nodes: dict[str, NodeWeights] = {}
    results: dict[str, AHPResult] = {}
    for node, matrix in matrices.items():
        if node not in tree.nodes:
            raise InputError(
                Issue(
                    "tree_unknown_node",
                    file=files.get(node),
                    value=node,
                    details={"expected": ", ".join(tree.nodes)},
                )
            )
        nodes[node], results[node] = node_from_ahp(tree, node, matrix, priority_method, ri_table, files.get(node))
    weight_set = tree_weight_set(tree, nodes, name="AHP (" + ", ".join(files.get(n, n) for n in nodes) + ")")
    return weight_set, results


def tree_of(weights: WeightSet) -> ValueTree | None:
    """The tree recorded in a weight set's origin (kind ``tree``), if any."""
    if weights.origin.kind != "tree":
        return None
    data = weights.origin.details.get("tree") or {}
    return ValueTree(
        criteria=tuple(weights.weights), groups=tuple(CriteriaGroup.model_validate(g) for g in data.get("groups", ()))
    )


def local_weights_of(weights: WeightSet) -> dict[str, dict[str, float]]:
    """node -> child -> local weight, as recorded in a tree weight set (empty otherwise)."""
    if weights.origin.kind != "tree":
        return {}
    return {n: dict(rec.get("weights", {})) for n, rec in (weights.origin.details.get("nodes") or {}).items()}
