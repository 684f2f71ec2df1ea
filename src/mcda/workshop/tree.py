"""Group weighting in the value tree: each chosen node weighed by the group, node by node.

Each member answers a small pairwise matrix per node the facilitator chose. Per node the
group's local weights are AIJ (the geometric mean of the judgments, then the priorities) and
AIP (the geometric mean of the members' priorities), with the group matrix's CR and Goepel's
consensus S* of that node (:func:`mcda.ahp.analyse_group`). The group's global weights are the
product of the group's local weights down each path (from AIJ or from AIP). A node the
facilitator did not choose keeps local weights set for it beforehand (``fixed``) or equal ones.

The workshop service (mode ``tree``) plans each round with :func:`plan_round` (the chosen nodes;
the others keep the previous round's AIJ local weights, else equal), checks a member's matrices
with :class:`mcda.workshop.tree_check.TreeRoundCheck` (what :func:`analyse_tree_judgments`, the
reference, gives, in a fraction of its time) and aggregates a round with :func:`aggregate_tree`.
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
from ..errors import FIELD_PLACES, InputError, Issue
from ..models import Frozen, WeightSet
from ..tree import NodeWeights, ValueTree, node_from_ahp, node_from_points, tree_weight_set
from .group import LABELS, Aggregate, parse_matrix
from .results import GroupWeights, JudgmentAnalysis, NodeGroupResult, NodeJudgment, TreeRound, TreeRoundResult

TREE_CONSENSUS_NOTE = (
    "tree rounds: S* after Goepel (2018) per chosen node, from the members' priorities at the node (M = 9); "
    "the round's S* is the lowest of them (the node where the group agrees least)"
)
TREE_CR_NOTE = "tree rounds: the group CR shown for the round is the largest CR of the nodes' group matrices"


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


# --- workshop rounds ------------------------------------------------------------------------------


def check_nodes(tree: ValueTree, nodes: Sequence[str] | None) -> tuple[str, ...]:
    """The nodes chosen for a round, top down: each a node with two or more children, none twice.

    ``None`` chooses every such node. Refusals name the node and the form field.
    """
    weighed = tree.weighed_nodes
    if nodes is None:
        return weighed
    chosen = [nodes] if isinstance(nodes, str) else list(nodes)
    place = FIELD_PLACES["nodes"]
    issues: list[Issue] = []
    for k, node in enumerate(chosen):
        if not isinstance(node, str) or node not in weighed:
            issues.append(
                Issue(
                    "workshop_node_unknown", column="nodes", place=place, value=str(node), details={"expected": weighed}
                )
            )
        elif node in chosen[:k]:
            issues.append(Issue("workshop_criteria_duplicate", column="nodes", place=place, value=node))
    if not chosen:
        issues.append(Issue("workshop_nodes_empty", column="nodes", place=place, details={"expected": weighed}))
    if issues:
        raise InputError(issues)
    return tuple(n for n in weighed if n in chosen)


def plan_round(
    tree: ValueTree,
    chosen: Sequence[str],
    previous: TreeRound | None = None,
    previous_round: int | None = None,
    previous_local: Mapping[str, Mapping[str, float]] | None = None,
) -> TreeRound:
    """The plan of a tree round: ``chosen`` nodes weighed; every other node keeps the previous round's
    group (AIJ) local weights if the group weighed it there (``previous_local``), else what it kept in the
    previous round (``previous``), else equal weights."""
    fixed: dict[str, dict[str, float]] = {}
    fixed_from: dict[str, int | None] = {}
    for node in tree.weighed_nodes:
        if node in chosen:
            continue
        kids = tree.children(node)
        if previous_local and node in previous_local:
            fixed[node], fixed_from[node] = dict(previous_local[node]), previous_round
        elif previous is not None and node in previous.fixed:
            fixed[node], fixed_from[node] = dict(previous.fixed[node]), previous.fixed_from.get(node)
        else:
            fixed[node], fixed_from[node] = {k: 1.0 / len(kids) for k in kids}, None
    return TreeRound(chosen=tuple(chosen), fixed=fixed, fixed_from=fixed_from)


def _node_place(node: str, cell: str | None) -> tuple[str, str]:
    if cell is None:
        return (f"node '{node}'", f"noden '{node}'")
    return (f"node '{node}', cell '{cell}'", f"noden '{node}', cellen '{cell}'")


def _at_node(node: str, issue: Issue) -> Issue:
    """An issue of one node's matrix, located at the node (and the cell 'row/column' if any)."""
    cell = issue.column
    return Issue(
        issue.code,
        column=node if cell is None else f"{node}: {cell}",
        value=issue.value,
        details={**issue.details, "node": node},
        place=_node_place(node, cell),
    )


def parse_tree_judgments(tree: ValueTree, plan: TreeRound, judgments: object) -> dict[str, PairwiseMatrix]:
    """node -> the member's matrix over the node's children, for every chosen node and no other.

    Each matrix is a list of rows in the order of the node's children (numbers or fractions such as
    '1/3') or a PairwiseMatrix over them in any order. Every refusal names the node.
    """
    if not isinstance(judgments, Mapping):
        raise InputError(Issue("workshop_expected_tree", details={"nodes": list(plan.chosen)}))
    issues: list[Issue] = []
    for node in judgments:
        if node not in plan.chosen:
            issues.append(
                Issue(
                    "workshop_node_not_chosen",
                    column=str(node),
                    place=_node_place(str(node), None),
                    details={"expected": list(plan.chosen)},
                )
            )
    issues += [
        Issue("workshop_node_missing", column=node, place=_node_place(node, None), details={"node": node})
        for node in plan.chosen
        if node not in judgments
    ]
    matrices: dict[str, PairwiseMatrix] = {}
    for node in plan.chosen:
        if node not in judgments:
            continue
        kids = tree.children(node)
        given = judgments[node]
        if isinstance(given, PairwiseMatrix) and (set(given.labels) != set(kids) or len(given.labels) != len(kids)):
            issues.append(
                _at_node(
                    node,
                    Issue("tree_node_children", value=", ".join(given.labels), details={"expected": ", ".join(kids)}),
                )
            )
            continue
        try:
            matrices[node] = parse_matrix(kids, given)
        except InputError as exc:
            issues += [_at_node(node, issue) for issue in exc.issues]
    if issues:
        raise InputError(issues)
    return matrices


def analyse_tree_judgments(tree: ValueTree, plan: TreeRound, judgments: object) -> JudgmentAnalysis:
    """One member's matrices of a tree round: each node's local weights, CR and hints, and the member's
    global weights (the product of the local weights down each path, the nodes not chosen as planned).

    ``cr`` is the largest node CR and ``consistent`` holds when every node's CR is at most 0.10.
    Composed of the general parts (a matrix model, :func:`mcda.tree.node_from_ahp`,
    :func:`mcda.tree.tree_weight_set` per call): the reference that
    :class:`~mcda.workshop.tree_check.TreeRoundCheck` is tested against.
    """
    matrices = parse_tree_judgments(tree, plan, judgments)
    local: list[NodeWeights] = []
    nodes: dict[str, NodeJudgment] = {}
    for node, matrix in matrices.items():
        weights, result = node_from_ahp(tree, node, matrix)
        local.append(weights)
        nodes[node] = NodeJudgment(
            node=node, weights=dict(result.weights), cr=result.cr, consistent=result.consistent, hints=result.hints
        )
    local += [node_from_points(tree, node, points) for node, points in plan.fixed.items()]
    global_weights = tree_weight_set(tree, local).weights
    crs = [n.cr for n in nodes.values() if n.cr is not None]
    return JudgmentAnalysis(
        judgments={node: [list(row) for row in m.values] for node, m in matrices.items()},
        weights=dict(global_weights),
        cr=max(crs) if crs else None,
        consistent=all(n.consistent is not False for n in nodes.values()),
        nodes=nodes,
    )


def aggregate_tree(tree: ValueTree, plan: TreeRound, judgments: Sequence[Mapping[str, object]]) -> Aggregate:
    """A tree round's group result from the members' stored matrices (at least one member).

    Per chosen node AIJ and AIP, the group CR and S*; the global AIJ and AIP weights
    (:func:`group_tree_weights`, the other nodes as planned); the round's group CR is the largest node
    CR, its S* the lowest node S*.
    """
    submissions = {
        str(k): {
            node: PairwiseMatrix(labels=tree.children(node), values=tuple(tuple(row) for row in j[node]))  # type: ignore[attr-defined]
            for node in plan.chosen
        }
        for k, j in enumerate(judgments)
    }
    result = group_tree_weights(tree, submissions, nodes=plan.chosen, fixed=plan.fixed)
    nodes = tuple(
        NodeGroupResult(
            node=node,
            children=tree.children(node),
            aij=dict(r.weights),
            aip=_aip(r),
            group_cr=r.cr,
            consensus=r.consensus,
        )
        for node, r in result.nodes.items()
    )
    with_s = [n for n in nodes if n.consensus is not None]
    weakest = min(with_s, key=lambda n: n.consensus.s_star) if with_s else None  # type: ignore[union-attr]
    note = "{}: per chosen node, then global weights as the product of the local weights down each path"
    return Aggregate(
        group_weights=(
            GroupWeights(
                aggregation="aij",
                label=LABELS["aij"],
                weights=dict(result.weights_aij.weights),
                note=note.format("AIJ (geometric mean of the judgments, then eigenvector priorities)"),
                cr=max(n.group_cr for n in nodes if n.group_cr is not None) if nodes else None,
            ),
            GroupWeights(
                aggregation="aip",
                label=LABELS["aip"],
                weights=dict(result.weights_aip.weights),
                note=note.format("AIP (geometric mean of the members' priorities)"),
            ),
        ),
        group_cr=max((n.group_cr for n in nodes if n.group_cr is not None), default=None),
        consensus=None if weakest is None else weakest.consensus,
        consensus_note=TREE_CONSENSUS_NOTE,
        tree_nodes=nodes,
        weakest=None if weakest is None else weakest.node,
    )


def group_tree_weight_set(result: TreeRoundResult, aggregation: Aggregation = "aij", name: str = "") -> WeightSet:
    """A tree round's group weights as a tree weight set (for the tree chart and table): the chosen nodes
    with the group's local weights (method ``group_aij`` or ``group_aip``, the group CR and S*), the
    others with the weights they kept (``kept``, with the round) or equal ones (``equal``)."""
    tree, plan = result.tree, result.plan
    local = result.local(aggregation)
    weighed = {n.node: n for n in result.nodes}
    nodes = [node_from_points(tree, node, weights) for node, weights in local.items()]
    weight_set = tree_weight_set(tree, nodes, name=name or f"Group ({aggregation.upper()})")
    recorded = dict(weight_set.origin.details["nodes"])
    for node, record in recorded.items():
        if node in weighed:
            n = weighed[node]
            s_star = None if n.consensus is None else n.consensus.s_star
            recorded[node] = {**record, "method": f"group_{aggregation}", "cr": n.group_cr, "s_star": s_star}
        elif node in plan.fixed:
            kept = plan.fixed_from.get(node)
            recorded[node] = {**record, "method": "equal" if kept is None else "kept", "round": kept}
    origin = weight_set.origin.model_copy(update={"details": {**weight_set.origin.details, "nodes": recorded}})
    return weight_set.model_copy(update={"origin": origin})
