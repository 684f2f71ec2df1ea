"""Group weighting in the value tree: each chosen node weighed by the group, node by node.

Each member answers a small pairwise matrix per node the facilitator chose. Per node the
group's local weights are AIJ (the geometric mean of the judgments, then the priorities) and
AIP (the geometric mean of the members' priorities), with the group matrix's CR and Goepel's
consensus S* of that node (:func:`mcda.ahp.analyse_group`). The group's global weights are the
product of the group's local weights down each path (from AIJ or from AIP). A node the
facilitator did not choose keeps local weights set for it beforehand (``fixed``) or equal ones.

This is the engine only; the workshop service and pages do not use it yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from pydantic import Field

from ..ahp import (
    Aggregation,
    GroupAHPResult,
    PairwiseMatrix,
    PriorityMethod,
    RITable,
    aggregate_priorities,
    analyse_group,
)
from ..errors import InputError, Issue
from ..models import Frozen, WeightSet
from ..tree import NodeWeights, ValueTree, node_from_points, tree_weight_set


class TreeGroupResult(Frozen):
    """The group's result node by node and the global weights that follow."""

    nodes: dict[str, GroupAHPResult] = Field(description="node -> the group's AIJ/AIP result, CR and S* at the node")
    fixed: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="nodes not weighed by the group -> the local weights used"
    )
    weights_aij: WeightSet = Field(description="global weights from the AIJ local weights")
    weights_aip: WeightSet = Field(description="global weights from the AIP local weights")

    def weights(self, aggregation: Aggregation = "aij") -> WeightSet:
        return self.weights_aij if aggregation == "aij" else self.weights_aip


def group_tree_weights(
    tree: ValueTree,
    submissions: Mapping[str, Mapping[str, PairwiseMatrix]],
    nodes: Sequence[str] | None = None,
    fixed: Mapping[str, Mapping[str, float]] | None = None,
    priority_method: PriorityMethod = "eigenvector",
    ri_table: RITable = "saaty",
    name: str = "",
) -> TreeGroupResult:
    """``submissions``: member -> node -> pairwise matrix over the node's children.

    ``nodes``: the nodes the group weighs (default: every node with two or more children); each
    member must answer every one of them. ``fixed``: local weights of the other nodes (default equal).
    """
    chosen = list(tree.weighed_nodes if nodes is None else nodes)
    unknown = [n for n in chosen if n not in tree.weighed_nodes]
    if unknown:
        raise InputError(
            Issue("tree_unknown_node", value=", ".join(unknown), details={"expected": ", ".join(tree.weighed_nodes)})
        )
    if not submissions:
        raise InputError(Issue("workshop_no_submissions"))
    issues = [
        Issue("tree_node_unweighed", column=f"{member}: {node}", details={"node": node})
        for member, answers in submissions.items()
        for node in chosen
        if node not in answers
    ]
    if issues:
        raise InputError(issues)
    members = list(submissions)
    results: dict[str, GroupAHPResult] = {}
    for node in chosen:
        kids = tree.children(node)
        matrices = []
        for member in members:
            matrix = submissions[member][node]
            if set(matrix.labels) != set(kids) or len(matrix.labels) != len(kids):
                raise InputError(
                    Issue(
                        "tree_node_children",
                        column=f"{member}: {node}",
                        value=", ".join(matrix.labels),
                        details={"node": node, "expected": ", ".join(kids)},
                    )
                )
            matrices.append(matrix.reordered(kids))
        results[node] = analyse_group(
            matrices, "aij", sources=members, priority_method=priority_method, ri_table=ri_table
        )
    others = {
        node: dict((fixed or {}).get(node) or {k: 1.0 for k in tree.children(node)})
        for node in tree.weighed_nodes
        if node not in results
    }

    def weight_set(aggregation: Aggregation) -> WeightSet:
        local: list[NodeWeights] = []
        for node, result in results.items():
            weights = result.weights if aggregation == "aij" else _aip(result)
            local.append(
                NodeWeights(
                    node=node,
                    method="ahp",
                    weights=weights,
                    cr=result.cr,
                    details={
                        "group": aggregation,
                        "members": len(members),
                        "s_star": None if result.consensus is None else result.consensus.s_star,
                    },
                )
            )
        local += [node_from_points(tree, node, points) for node, points in others.items()]
        return tree_weight_set(tree, local, name=name or f"Group ({aggregation.upper()})")

    return TreeGroupResult(
        nodes=results,
        fixed={n: {k: v / sum(p.values()) for k, v in p.items()} for n, p in others.items()},
        weights_aij=weight_set("aij"),
        weights_aip=weight_set("aip"),
    )


def _aip(result: GroupAHPResult) -> dict[str, float]:
    """AIP local weights: the weighted geometric mean of the members' priorities, renormalised."""
    priorities = np.array([[m.weights[label] for label in result.labels] for m in result.members])
    aip = aggregate_priorities(priorities, result.member_weights)
    return {label: float(x) for label, x in zip(result.labels, aip, strict=True)}
