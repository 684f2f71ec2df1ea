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
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any, Literal

from pydantic import Field, model_validator

from .ahp import AHPResult, PairwiseMatrix, PriorityMethod, RITable, analyse
from .errors import InputError, Issue, Lang
from .models import CriteriaGroup, Frozen, LocalizedText, WeightOrigin, WeightSet

ROOT = "root"
NodeMethod = Literal["ahp", "direct", "swing"]
ROOT_NAME = LocalizedText(en="All criteria", nb="Alle kriterier")


class TreeStructureError(ValueError):
    """A tree that is not a tree; ``issues`` says where (the loader adds the file and line)."""

    def __init__(self, issues: list[tuple[str, str | None, dict[str, Any]]]) -> None:
        self.issues = issues  # (code, group id or None, details)
        super().__init__("; ".join(f"{code} {group}: {details}" for code, group, details in issues))


def check_tree(groups: Sequence[CriteriaGroup], criteria: Sequence[str]) -> list[tuple[str, str | None, dict]]:
    """Every structural problem of ``groups`` over ``criteria``: (code, group id, details).

    Codes: ``tree_group_id`` (a group id that is 'root' or a criterion id, or used twice),
    ``tree_empty_group``, ``tree_unknown_child``, ``tree_child_twice`` (a node in two groups or
    twice in one), ``tree_criterion_ungrouped``, ``tree_cycle``.
    """
    found: list[tuple[str, str | None, dict]] = []
    if not groups:
        return found
    crit = set(criteria)
    ids: list[str] = []
    for g in groups:
        if g.id == ROOT or g.id in crit or g.id in ids:
            found.append(("tree_group_id", g.id, {"name": g.id}))
        ids.append(g.id)
    known = crit | set(ids)
    parent: dict[str, str] = {}
    for g in groups:
        if not g.children:
            found.append(("tree_empty_group", g.id, {}))
        for child in g.children:
            if child not in known:
                found.append(("tree_unknown_child", g.id, {"child": child}))
            elif child in parent:
                found.append(("tree_child_twice", g.id, {"child": child, "other": parent[child]}))
            else:
                parent[child] = g.id
    for c in criteria:
        if c not in parent:
            found.append(("tree_criterion_ungrouped", None, {"child": c}))
    reported: set[str] = set()
    for g in groups:  # walk up from each group; coming back to it is a cycle
        seen = [g.id]
        node = g.id
        while node in parent:
            node = parent[node]
            if node == g.id:
                if not reported & set(seen):
                    found.append(("tree_cycle", g.id, {"path": " → ".join([*seen, g.id])}))
                reported.update(seen)
                break
            if node in seen:
                break
            seen.append(node)
    return found


class ValueTree(Frozen):
    """Criteria under groups under ``root``; one node holding every criterion when there are no groups."""

    criteria: tuple[str, ...] = Field(description="the criterion ids, in the problem's order")
    groups: tuple[CriteriaGroup, ...] = Field(default=(), description="the groups, as in the criteria file")

    @model_validator(mode="after")
    def _is_a_tree(self) -> ValueTree:
        problems = check_tree(self.groups, self.criteria)
        if problems:
            raise TreeStructureError(problems)
        return self

    @classmethod
    def flat(cls, criteria: Iterable[str]) -> ValueTree:
        return cls(criteria=tuple(criteria))

    # --- structure ---------------------------------------------------------------------------
    @property
    def is_flat(self) -> bool:
        return not self.groups

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        named = {c for g in self.groups for c in g.children}
        top = tuple(g.id for g in self.groups if g.id not in named) if self.groups else self.criteria
        return {ROOT: top, **{g.id: g.children for g in self.groups}}

    def children(self, node: str) -> tuple[str, ...]:
        return self._children.get(node, ())

    @property
    def nodes(self) -> tuple[str, ...]:
        """The inner nodes, top down (``root`` first, then depth first in file order)."""
        out: list[str] = []

        def walk(node: str) -> None:
            if node in self._children:
                out.append(node)
                for child in self._children[node]:
                    walk(child)

        walk(ROOT)
        return tuple(out)

    @property
    def weighed_nodes(self) -> tuple[str, ...]:
        """The nodes with two or more children: the only ones that need weighing."""
        return tuple(n for n in self.nodes if len(self.children(n)) >= 2)

    def is_group(self, node: str) -> bool:
        return node in self._children

    def group(self, node: str) -> CriteriaGroup | None:
        return next((g for g in self.groups if g.id == node), None)

    def parent(self, node: str) -> str | None:
        return next((p for p, kids in self._children.items() if node in kids), None)

    def path(self, node: str) -> tuple[str, ...]:
        """``root`` … ``node``."""
        out = [node]
        while (p := self.parent(out[-1])) is not None:
            out.append(p)
        return tuple(reversed(out))

    def depth(self, node: str) -> int:
        return len(self.path(node)) - 1

    def leaves(self, node: str) -> tuple[str, ...]:
        """The criteria under ``node`` (the node itself for a criterion), in the problem's order."""
        if node not in self._children:
            return (node,)
        under = {c for child in self._children[node] for c in self.leaves(child)}
        return tuple(c for c in self.criteria if c in under)

    def name(self, node: str, lang: Lang, criterion_names: Mapping[str, LocalizedText] | None = None) -> str:
        if node == ROOT:
            return ROOT_NAME.get(lang)
        group = self.group(node)
        if group is not None:
            return group.name.get(lang)
        if criterion_names and node in criterion_names:
            return criterion_names[node].get(lang)
        return node

    def restricted(self, criteria: Iterable[str]) -> ValueTree:
        """The tree over some criteria only: groups left empty are dropped (for criteria left out)."""
        wanted = set(criteria)
        keep = tuple(c for c in self.criteria if c in wanted)
        if keep == self.criteria:
            return self
        groups = list(self.groups)
        while True:
            alive = set(keep) | {g.id for g in groups}
            pruned = [g.model_copy(update={"children": tuple(c for c in g.children if c in alive)}) for g in groups]
            kept = [g for g in pruned if g.children]
            if len(kept) == len(groups) and all(a.children == b.children for a, b in zip(kept, groups, strict=True)):
                break
            groups = kept
        return ValueTree(criteria=keep, groups=tuple(groups))

    # --- weights -----------------------------------------------------------------------------
    def global_weights(self, local: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
        """Each criterion's weight: the product of the local weights down its path.

        ``local``: node -> child -> local weight; a node with one child needs no entry (its
        child has local weight 1). Local weights of a node are rescaled to sum to 1.
        """
        out: dict[str, float] = {}

        def walk(node: str, w: float) -> None:
            kids = self.children(node)
            if not kids:
                out[node] = w
                return
            shares = _local_shares(self, node, local)
            for child in kids:
                walk(child, w * shares[child])

        walk(ROOT, 1.0)
        return {c: out[c] for c in self.criteria}

    def node_weight(self, node: str, local: Mapping[str, Mapping[str, float]]) -> float:
        """A node's global weight (the sum of its criteria's global weights)."""
        weights = self.global_weights(local)
        return math.fsum(weights[c] for c in self.leaves(node))

    def local_from_global(self, weights: Mapping[str, float]) -> dict[str, dict[str, float]]:
        """Local weights that give ``weights`` (a group without weight shares equally)."""
        out: dict[str, dict[str, float]] = {}
        for node in self.nodes:
            kids = self.children(node)
            totals = {k: math.fsum(weights.get(c, 0.0) for c in self.leaves(k)) for k in kids}
            total = math.fsum(totals.values())
            out[node] = {k: totals[k] / total if total > 0 else 1 / len(kids) for k in kids}
        return out

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "root": list(self.children(ROOT)),
            "groups": [g.model_dump(mode="json", exclude_none=True) for g in self.groups],
        }


def _local_shares(tree: ValueTree, node: str, local: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    kids = tree.children(node)
    if len(kids) == 1:
        return {kids[0]: 1.0}
    given = local.get(node)
    if given is None:
        raise InputError(Issue("tree_node_unweighed", column=node, details={"node": node}))
    if set(given) != set(kids):
        raise InputError(
            Issue(
                "tree_node_children",
                column=node,
                value=", ".join(given),
                details={"node": node, "expected": ", ".join(kids)},
            )
        )
    total = math.fsum(float(given[k]) for k in kids)
    if any(float(given[k]) < 0 for k in kids) or total <= 0:
        raise InputError(Issue("weights_all_zero", column=node))
    return {k: float(given[k]) / total for k in kids}


# --- one node's weights --------------------------------------------------------------------------


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
    result = analyse(matrix.reordered(kids), priority_method, ri_table)
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
    tree: ValueTree, node: str, points: Mapping[str, float], method: NodeMethod = "direct", **details: Any
) -> NodeWeights:
    """A node weighed by direct points (or swing points) over its children, rescaled to sum to 1."""
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
            "weights": {k: v for k, v in _local_shares(tree, node, local).items()},
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
