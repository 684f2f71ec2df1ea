"""A tree round's judgments in a scenario file, so the group's weights can be recomputed from them.

A workshop round in mode ``tree`` (:mod:`mcda.workshop.tree`) has each member answer a pairwise
matrix at the nodes chosen for the round; the other weighed nodes keep local weights planned
beforehand. :class:`TreeJudgments` holds all of it: the value tree, the plan (chosen nodes, the
kept local weights and the round they came from), every member's matrices by the label the report
uses, and the aggregation (AIJ or AIP). :meth:`TreeJudgments.issues` recomputes the group's local
and global weights as the workshop does (:func:`mcda.workshop.tree.group_tree_weights`) and lists
every difference from the stored weights as a located issue.

Beside each matrix the file keeps the member's local weights at the node and the matrix's
principal eigenvalue when it was saved. They locate a changed judgment: for the eigenvector
priorities w of a matrix A, (A w)_k = lambda_max w_k in every row k, so after a change of one
judgment a_ij (and its reciprocal) only rows i and j break the equation, which names the cell.
For the row geometric mean, row k's geometric mean is w_k (prod w)^(-1/n) in every row.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from pydantic import Field, model_validator

from .ahp import (
    Aggregation,
    PairwiseMatrix,
    PriorityMethod,
    RITable,
    analyse,
    compute_priorities,
    validate_pairwise,
)
from .errors import InputError, Issue, shown
from .models import Frozen, ValueTree, WeightSet

WEIGHTS_TOLERANCE = 1e-9  # stored vs recomputed weights (eigen solvers differ in the last bits)
ROW_TOLERANCE = 1e-9  # relative: a row whose equation is off by more holds a changed judgment


class MemberNodeMatrix(Frozen):
    """One member's matrix at one node, with what it gave when saved (to locate a later change)."""

    values: tuple[tuple[float, ...], ...] = Field(description="the rows, in the order of the node's children")
    local_weights: dict[str, float] = Field(description="child -> the member's local weight at the node when saved")
    lambda_max: float = Field(description="the matrix's principal eigenvalue when saved")


class MemberTreeJudgments(Frozen):
    """One member's matrices of a tree round."""

    member: str = Field(description="the member's label as the report shows it (display name or 'Member k')")
    nodes: dict[str, MemberNodeMatrix] = Field(description="chosen node -> the member's matrix there")


class TreeJudgments(Frozen):
    """The members' node matrices of a tree round and its plan: what recomputes the group's weights."""

    tree: ValueTree = Field(description="the value tree over the weighed criteria")
    chosen: tuple[str, ...] = Field(min_length=1, description="the nodes the members weighed, top down")
    fixed: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="every other weighed node -> the local weights it kept"
    )
    fixed_from: dict[str, int | None] = Field(
        default_factory=dict, description="node in fixed -> the round whose group (AIJ) weights it kept; None: equal"
    )
    members: tuple[MemberTreeJudgments, ...] = Field(min_length=1, description="the members who submitted")
    aggregation: Aggregation = Field(description="the group's local weights: AIJ or AIP")
    priority_method: PriorityMethod = Field(default="eigenvector", description="each matrix's priorities")
    ri_table: RITable = Field(default="saaty", description="random-index table for CR")

    @model_validator(mode="after")
    def _coherent(self) -> TreeJudgments:
        weighed = self.tree.weighed_nodes
        unknown = [n for n in self.chosen if n not in weighed]
        if unknown:
            raise ValueError(f"chosen nodes {', '.join(unknown)} are not nodes with two or more children")
        others = [n for n in weighed if n not in self.chosen]
        if sorted(self.fixed) != sorted(others):
            raise ValueError(f"fixed must give local weights for exactly the nodes not chosen: {', '.join(others)}")
        for node, weights in self.fixed.items():
            if sorted(weights) != sorted(self.tree.children(node)):
                raise ValueError(f"fixed weights of node '{node}' must name its children")
            if not all(math.isfinite(v) and v >= 0 for v in weights.values()) or not sum(weights.values()) > 0:
                raise ValueError(f"fixed weights of node '{node}' must be numbers ≥ 0, not all 0")
        if not set(self.fixed_from) <= set(self.fixed):
            raise ValueError("fixed_from may name only nodes in fixed")
        for k, member in enumerate(self.members):
            if sorted(member.nodes) != sorted(self.chosen):
                raise ValueError(f"member {k + 1} ('{member.member}') must have a matrix at exactly the chosen nodes")
            for node, matrix in member.nodes.items():
                if sorted(matrix.local_weights) != sorted(self.tree.children(node)):
                    raise ValueError(f"member {k + 1}, node '{node}': local_weights must name the node's children")
        return self

    # --- building ------------------------------------------------------------------------------
    @classmethod
    def of_round(
        cls,
        tree: ValueTree,
        chosen: Sequence[str],
        fixed: Mapping[str, Mapping[str, float]],
        fixed_from: Mapping[str, int | None],
        members: Sequence[tuple[str, Mapping[str, Sequence[Sequence[float]]]]],
        aggregation: Aggregation,
    ) -> TreeJudgments:
        """From a round's plan and ``members``: (label, node -> rows in the order of the node's children)."""
        recorded: list[MemberTreeJudgments] = []
        for label, answers in members:
            nodes: dict[str, MemberNodeMatrix] = {}
            for node in chosen:
                values = tuple(tuple(float(x) for x in row) for row in answers[node])
                result = analyse(PairwiseMatrix(labels=tree.children(node), values=values))
                nodes[node] = MemberNodeMatrix(
                    values=values, local_weights=dict(result.weights), lambda_max=result.lambda_max
                )
            recorded.append(MemberTreeJudgments(member=label, nodes=nodes))
        return cls(
            tree=tree,
            chosen=tuple(chosen),
            fixed={n: dict(w) for n, w in fixed.items()},
            fixed_from=dict(fixed_from),
            members=tuple(recorded),
            aggregation=aggregation,
        )

    # --- recomputing -----------------------------------------------------------------------------
    def matrices(self) -> list[dict[str, PairwiseMatrix]]:
        """Every member's matrices, node by node; InputError with :meth:`matrix_issues` if any."""
        issues = self.matrix_issues()
        if issues:
            raise InputError(issues)
        return self._checked_matrices()

    def _checked_matrices(self) -> list[dict[str, PairwiseMatrix]]:
        return [
            {
                node: PairwiseMatrix.from_validated(self.tree.children(node), m.values)
                for node, m in member.nodes.items()
            }
            for member in self.members
        ]

    def group_weights(
        self, matrices: Sequence[Mapping[str, PairwiseMatrix]] | None = None
    ) -> tuple[WeightSet, dict[str, dict[str, float]]]:
        """The group's global weights and every weighed node's local weights, as the workshop computes them
        (``matrices``: :meth:`matrices`, if already at hand)."""
        from .workshop.tree import group_tree_weights  # the workshop's own aggregation

        given = self.matrices() if matrices is None else matrices
        submissions = {str(k): dict(answers) for k, answers in enumerate(given)}
        result = group_tree_weights(
            self.tree, submissions, self.chosen, self.fixed, self.priority_method, self.ri_table
        )
        weights = result.weights(self.aggregation)
        local = {node: dict(record["weights"]) for node, record in weights.origin.details["nodes"].items()}
        return weights, local

    # --- checking --------------------------------------------------------------------------------
    def matrix_issues(self) -> list[Issue]:
        """Each matrix's shape, positive cells, unit diagonal and reciprocals, named by member, node and cell."""
        issues: list[Issue] = []
        for k, member in enumerate(self.members):
            for node in self.chosen:
                kids = self.tree.children(node)
                for issue in validate_pairwise(kids, member.nodes[node].values, first_line=0):
                    issues.append(_located(issue, k, member.member, node, cell=_cell_of(issue, kids)))
        return issues

    def issues(self, weights: WeightSet) -> list[Issue]:
        """Every way the stored ``weights`` do not follow from these judgments (empty: they do).

        First the matrices themselves; then each member's local weights at each node (naming the
        changed cell); then the group's local weights at each node, where the weight set's origin
        records them; then the global weights.
        """
        issues = self.matrix_issues()
        if issues:
            return issues
        matrices = self._checked_matrices()
        for k, (member, answers) in enumerate(zip(self.members, matrices, strict=True)):
            issues += [i for node in self.chosen if (i := self._member_issue(k, member, node, answers[node]))]
        global_weights, local = self.group_weights(matrices)
        for node, stored in recorded_local_weights(weights).items():
            difference, child = _largest_difference(stored, local.get(node, {}))
            if not difference <= WEIGHTS_TOLERANCE:
                issues.append(
                    Issue(
                        "scenario_tree_local_mismatch",
                        column=f"weights.origin.details.tree.local.{node}",
                        place=(f"node '{shown(node)}', child '{child}'", f"noden '{shown(node)}', barnet '{child}'"),
                        details={"aggregation": self.aggregation.upper(), "difference": f"{difference:.3g}"},
                    )
                )
        difference, criterion = _largest_difference(weights.weights, global_weights.weights)
        if not difference <= WEIGHTS_TOLERANCE:
            issues.append(
                Issue(
                    "scenario_weights_mismatch",
                    column=f"weights.weights.{criterion}",
                    details={"difference": f"{difference:.3g}"},
                )
            )
        return issues

    def _member_issue(self, k: int, member: MemberTreeJudgments, node: str, matrix: PairwiseMatrix) -> Issue | None:
        """The member's local weights at ``node`` recomputed; when they differ, the changed cell (or rows)."""
        recorded = member.nodes[node]
        kids = self.tree.children(node)
        priorities = compute_priorities(matrix.array, self.priority_method)  # as analyse() computes them
        computed = {c: float(x) for c, x in zip(kids, priorities, strict=True)}
        difference, _ = _largest_difference(recorded.local_weights, computed)
        if difference <= WEIGHTS_TOLERANCE:
            return None
        w = [recorded.local_weights[c] for c in kids]
        rows = [kids[r] for r in changed_rows(matrix.array, w, recorded.lambda_max, self.priority_method)]
        issue = Issue("scenario_tree_judgment_changed", details={"difference": f"{difference:.3g}"})
        if len(rows) == 2:
            return _located(issue, k, member.member, node, cell=f"{rows[0]}/{rows[1]}")
        return _located(issue, k, member.member, node, rows=rows)


def changed_rows(
    a: np.ndarray, weights: Sequence[float], lambda_max: float, priority_method: PriorityMethod = "eigenvector"
) -> list[int]:
    """The rows of ``a`` whose judgments no longer give the recorded priorities ``weights``.

    Eigenvector: (A w)_k / w_k must be ``lambda_max``; geometric mean: the row's geometric mean over
    w_k must be (prod w)^(-1/n). A changed judgment a_ij (with its reciprocal) breaks rows i and j.
    """
    w = np.asarray(weights, dtype=float)
    if priority_method == "eigenvector":
        implied, expected = (a @ w) / w, lambda_max
    else:
        implied, expected = np.exp(np.log(a).mean(axis=1)) / w, float(np.exp(-np.log(w).mean()))
    return [k for k in range(len(w)) if not abs(implied[k] / expected - 1.0) <= ROW_TOLERANCE]


def recorded_local_weights(weights: WeightSet) -> dict[str, dict[str, float]]:
    """node -> child -> local weight as the weight set records them: a workshop tree round's
    ``tree.local``, a tree weight set's ``nodes``; empty when it records none."""
    details = weights.origin.details
    if weights.origin.kind == "workshop" and isinstance(details.get("tree"), Mapping):
        local = details["tree"].get("local")
        return {str(n): dict(w) for n, w in local.items()} if isinstance(local, Mapping) else {}
    if weights.origin.kind == "tree" and isinstance(details.get("nodes"), Mapping):
        return {str(n): dict(r.get("weights", {})) for n, r in details["nodes"].items() if isinstance(r, Mapping)}
    return {}


def _largest_difference(stored: Mapping[str, float], computed: Mapping[str, float]) -> tuple[float, str]:
    """The largest |stored - computed| and its key; a key only in ``computed``, or a non-zero one only in
    ``stored``, differs by inf (a weight of 0 stands for a criterion left out), and so does NaN."""
    worst, where = 0.0, ""
    for key in sorted(set(stored) | set(computed), key=str):
        if key not in computed:
            difference = 0.0 if stored[key] == 0 else math.inf
        else:
            difference = abs(float(stored[key]) - computed[key]) if key in stored else math.inf
        if math.isnan(difference):
            difference = math.inf
        if difference > worst:
            worst, where = difference, str(key)
    return worst, where


def _cell_of(issue: Issue, kids: Sequence[str]) -> str | None:
    """'row/column' of an issue of :func:`validate_pairwise` (called with ``first_line=0``: line = row)."""
    if issue.line is None or issue.column is None or not 0 <= issue.line < len(kids):
        return None
    return f"{kids[issue.line]}/{issue.column}"


def _located(issue: Issue, k: int, member: str, node: str, cell: str | None = None, rows: Sequence[str] = ()) -> Issue:
    """``issue`` at member ``k`` (labelled ``member``), ``node`` and the cell (or the rows), in both languages."""
    en, nb = [f"member '{shown(member)}'", f"node '{node}'"], [f"deltaker '{shown(member)}'", f"noden '{node}'"]
    if cell is not None:
        en.append(f"cell '{cell}'")
        nb.append(f"cellen '{cell}'")
    elif rows:
        quoted = ", ".join(f"'{r}'" for r in rows)
        en.append(f"rows {quoted}")
        nb.append(f"radene {quoted}")
    return Issue(
        issue.code,
        column=f"tree_judgments.members.{k}.nodes.{node}.values",
        value=issue.value,
        details={**issue.details, "member": member, "node": node, **({"cell": cell} if cell else {})},
        place=(", ".join(en), ", ".join(nb)),
    )
