"""Group results from the members' judgments: pure functions, no database.

- AHP mode: the members' pairwise matrices are aggregated by AIJ (element-wise geometric
  mean, then eigenvector priorities; the primary result) and by AIP (geometric mean of the
  members' priorities), both through :func:`mcda.ahp.analyse_group` (Forman & Peniwati
  1998). Group CR is the CR of the geometric-mean matrix. Consensus is Goepel's (2018) S*
  with the 1-9 scale correction M = 9.
- Direct mode: the primary group weights are the arithmetic mean of the members'
  normalised weights (each member counts equally, a zero stays possible); the geometric
  mean, renormalised, is shown beside it as the AIP analogue (a single zero from any member
  makes that criterion's geometric mean 0; if that happens for every criterion the
  geometric mean is left out). Consensus is Goepel's relative homogeneity without the
  scale correction: direct weights are not bounded by a 1-9 scale (a member may put all
  weight on one criterion), and S* with M -> infinity is exactly that uncorrected value.
- Swing mode: each member ranks the swings and gives points (:mod:`mcda.swing`); the group
  weights are the arithmetic mean of the members' normalised weights (primary) and their
  median, renormalised to sum to 1; consensus as for direct weights.
- Tree mode (AHP node by node in the value tree): see :mod:`mcda.workshop.tree`.
- Rankings: each member's weights, and the group's, rank the workshop's problem restricted
  to the weighed criteria, with the workshop's method, normalisation and missing-value
  policy. Kendall's W runs over the members' rankings; each member's weighted Spearman rw
  is taken against the group ranking.
- A round's group weights become a :class:`~mcda.models.WeightSet` over every criterion of
  the problem (:func:`group_weight_set`; the criteria not weighed get 0), with the workshop,
  round, aggregation, consensus and the members' labels in its origin.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .. import ahp, comparison
from ..errors import InputError, Issue
from ..labels import AGGREGATION, capitalized
from ..loading import parse_judgment
from ..models import DecisionProblem, LocalizedText, Ranking, WeightOrigin, WeightSet
from ..ranking import RankingSettings, rank_alternatives
from ..swing import swing_weights
from ..text_input import value_text
from .matrix_check import lean_analysis
from .results import (
    GroupResult,
    GroupWeights,
    JudgmentAnalysis,
    Judgments,
    NodeGroupResult,
    WorkshopDescription,
    WorkshopMode,
)

AHP_CONSENSUS_NOTE = (
    "S* after Goepel (2018): relative homogeneity of the members' eigenvector priorities (Shannon entropies), "
    "corrected for the 1-9 judgment scale (M = 9)"
)
DIRECT_CONSENSUS_NOTE = (
    "relative homogeneity after Goepel (2018) of the members' normalised direct weights, without the scale "
    "correction (direct weights have no bounded scale; S* with M -> infinity equals this value)"
)

SWING_CONSENSUS_NOTE = (
    "relative homogeneity after Goepel (2018) of the members' normalised swing weights, without the scale "
    "correction (as for direct weights)"
)

LABELS: dict[str, LocalizedText] = {k: capitalized(text) for k, text in AGGREGATION.items()}


# --- one member's judgments -------------------------------------------------------------------


def parse_matrix(criteria: Sequence[str], judgments: object) -> ahp.PairwiseMatrix:
    """A list of rows (numbers or fractions such as '1/3') in the criteria's order -> PairwiseMatrix.

    A :class:`~mcda.ahp.PairwiseMatrix` over the same criteria (in any order) is accepted too.
    Errors name the cell as 'row/column' by criterion id.
    """
    labels = tuple(criteria)
    if isinstance(judgments, ahp.PairwiseMatrix):
        return judgments.reordered(labels)
    n = len(labels)
    rows = judgments.tolist() if isinstance(judgments, np.ndarray) else judgments
    values = _plain_rows(rows, n)
    if values is None:
        values = _parsed_rows(rows, labels)
    problems = ahp.validate_pairwise(labels, values, first_line=0)
    if problems:
        raise InputError([_cell_issue(issue, labels) for issue in problems])
    return ahp.PairwiseMatrix.from_validated(labels, tuple(tuple(r) for r in values))


def _plain_rows(rows: object, n: int) -> list[list[float]] | None:
    """Copies of the rows if they are n lists of n finite floats (what the pages send), else None."""
    if type(rows) is not list or len(rows) != n:
        return None
    values: list[list[float]] = []
    for row in rows:
        if type(row) is not list or len(row) != n:
            return None
        for x in row:
            if type(x) is not float or not -math.inf < x < math.inf:
                return None
        values.append(list(row))
    return values


def _parsed_rows(rows: object, labels: tuple[str, ...]) -> list[list[float]]:
    """Any other rows: each cell a number or a fraction such as '1/3', or a located refusal."""
    n = len(labels)
    if (
        isinstance(rows, (str, bytes, Mapping))
        or not isinstance(rows, Sequence)
        or len(rows) != n
        or any(isinstance(r, (str, bytes, Mapping)) or not isinstance(r, Sequence) or len(r) != n for r in rows)
    ):
        raise InputError(Issue("workshop_expected_matrix", details={"n": n, "criteria": list(labels)}))
    issues: list[Issue] = []
    values: list[list[float]] = []
    for i, row in enumerate(rows):
        parsed: list[float] = []
        for j, cell in enumerate(row):
            x = _number(cell)
            if x is None:
                issues.append(Issue("pairwise_not_number", column=f"{labels[i]}/{labels[j]}", value=value_text(cell)))
                x = math.nan
            parsed.append(x)
        values.append(parsed)
    if issues:
        raise InputError(issues)
    return values


def _number(cell: object) -> float | None:
    if type(cell) is float:  # the usual cell, first
        return cell if math.isfinite(cell) else None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float, np.integer, np.floating)):
        try:
            x = float(cell)
        except OverflowError:  # an integer such as 10**400
            return None
        return x if math.isfinite(x) else None
    if isinstance(cell, str):
        try:
            return parse_judgment(cell)
        except (ValueError, ZeroDivisionError, OverflowError):
            return None
    return None


def _cell_issue(issue: Issue, labels: Sequence[str]) -> Issue:
    """validate_pairwise locates by line (row index here) and column id; name the cell 'row/column'."""
    if issue.line is None or issue.column is None:
        return issue
    return Issue(issue.code, None, None, f"{labels[issue.line]}/{issue.column}", issue.value, issue.details)


def analyse_judgments(mode: WorkshopMode, criteria: Sequence[str], judgments: object) -> JudgmentAnalysis:
    """Validate one member's judgments and derive their weights (and CR and hints for AHP)."""
    if mode == "ahp":
        lean = _lean_ahp(criteria, judgments)
        return reference_ahp_analysis(criteria, judgments) if lean is None else lean
    if mode == "swing":
        return _analyse_swing(criteria, judgments)
    if isinstance(judgments, WeightSet):
        judgments = judgments.weights
    if not isinstance(judgments, Mapping):
        raise InputError(Issue("workshop_expected_weights", details={"criteria": list(criteria)}))
    weight_set = WeightSet.from_raw(judgments, criteria=criteria)
    return JudgmentAnalysis(
        judgments={str(k): float(v) for k, v in judgments.items()},
        weights=weight_set.weights,
        notes=weight_set.notes,
    )


def reference_ahp_analysis(criteria: Sequence[str], judgments: object) -> JudgmentAnalysis:
    """One AHP matrix through :func:`parse_matrix` (every shape, located refusals) and :func:`mcda.ahp.consistency`;
    the reference that the lean path of :mod:`mcda.workshop.matrix_check` agrees with."""
    matrix = parse_matrix(criteria, judgments)
    result = ahp.consistency(matrix)  # without the matrix and notes of ahp.analyse, unused here
    return JudgmentAnalysis(
        judgments=[list(row) for row in matrix.values],
        weights=result.weights,
        cr=result.cr,
        consistent=result.consistent,
        hints=result.hints,
    )


def _lean_ahp(criteria: Sequence[str], judgments: object) -> JudgmentAnalysis | None:
    """What :func:`reference_ahp_analysis` gives, for a matrix of plain floats that it accepts (what the
    pages send), computed on plain floats (:mod:`mcda.workshop.matrix_check`); else None."""
    lean = lean_analysis(criteria, judgments.tolist() if isinstance(judgments, np.ndarray) else judgments)
    if lean is None:
        return None
    return JudgmentAnalysis.model_construct(  # checked as the reference checks it
        judgments=lean.judgments,
        weights=lean.weights,
        cr=lean.cr,
        consistent=lean.consistent,
        hints=tuple(ahp.InconsistencyHint.model_construct(**hint) for hint in lean.hints),
        notes=(),
        nodes={},
    )


def _analyse_swing(criteria: Sequence[str], judgments: object) -> JudgmentAnalysis:
    """A swing ranking ``{"order": [criterion, ...], "points": {criterion: 0..100}}``: the first has 100."""
    expected = {"criteria": list(criteria)}
    if not isinstance(judgments, Mapping) or set(judgments) != {"order", "points"}:
        raise InputError(Issue("workshop_expected_swing", details=expected))
    order, points = judgments["order"], judgments["points"]
    if (
        isinstance(order, (str, bytes, Mapping))
        or not isinstance(order, Sequence)
        or not isinstance(points, Mapping)
        or sorted(map(str, order)) != sorted(criteria)
        or sorted(map(str, points)) != sorted(criteria)
    ):
        raise InputError(Issue("swing_incomplete", column="order", details={"expected": ", ".join(criteria)}))
    order = [str(c) for c in order]
    given = {str(c): points[c] for c in points}
    if any(isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)) for v in given.values()):
        bad = next(c for c, v in given.items() if isinstance(v, bool) or not isinstance(v, (int, float)))
        raise InputError(Issue("not_number", column=bad, value=value_text(given[bad])))
    weights = swing_weights(order, given)
    return JudgmentAnalysis(
        judgments={"order": order, "points": {c: float(given[c]) for c in order}},
        weights={c: weights[c] for c in criteria},
    )


# --- aggregation and consensus ----------------------------------------------------------------


@dataclass(frozen=True)
class Aggregate:
    group_weights: tuple[GroupWeights, ...]
    group_cr: float | None
    consensus: ahp.Consensus | None
    consensus_note: str
    tree_nodes: tuple[NodeGroupResult, ...] = ()  # tree rounds: the group's result at each chosen node
    weakest: str | None = None  # tree rounds: the node with the lowest S*

    @property
    def primary(self) -> GroupWeights:
        return self.group_weights[0]


def aggregate(
    mode: WorkshopMode, criteria: Sequence[str], judgments: Sequence[Judgments], weights: Sequence[Mapping[str, float]]
) -> Aggregate:
    """Group weights (primary first), group CR and consensus of one round's submissions (at least one)."""
    labels = tuple(criteria)
    if mode == "ahp":
        matrices = [ahp.PairwiseMatrix(labels=labels, values=tuple(tuple(row) for row in j)) for j in judgments]
        aij = ahp.analyse_group(matrices, "aij")
        aip = ahp.analyse_group(matrices, "aip")
        return Aggregate(
            group_weights=(
                GroupWeights(
                    aggregation="aij", label=LABELS["aij"], weights=aij.weights, note=aij.method_note, cr=aij.cr
                ),
                GroupWeights(aggregation="aip", label=LABELS["aip"], weights=aip.weights, note=aip.method_note),
            ),
            group_cr=aij.cr,
            consensus=aij.consensus,
            consensus_note=AHP_CONSENSUS_NOTE,
        )
    w = np.array([[float(m[c]) for c in labels] for m in weights])
    w = w / w.sum(axis=1, keepdims=True)
    mean = w.mean(axis=0)
    if mode == "swing":
        median = np.median(w, axis=0)
        return Aggregate(
            group_weights=(
                GroupWeights(
                    aggregation="mean",
                    label=LABELS["mean"],
                    weights=_as_dict(labels, mean / mean.sum()),
                    note="arithmetic mean of the members' normalised swing weights",
                ),
                GroupWeights(
                    aggregation="median",
                    label=LABELS["median"],
                    weights=_as_dict(labels, median / median.sum()),
                    note="median of the members' normalised swing weights, renormalised to sum to 1",
                ),
            ),
            group_cr=None,
            consensus=direct_consensus(w),
            consensus_note=SWING_CONSENSUS_NOTE,
        )
    out = [
        GroupWeights(
            aggregation="mean",
            label=LABELS["mean"],
            weights=_as_dict(labels, mean / mean.sum()),
            note="arithmetic mean of the members' normalised weights",
        )
    ]
    with np.errstate(divide="ignore"):
        geo = np.exp(np.log(w).mean(axis=0))
    if geo.sum() > 0:
        out.append(
            GroupWeights(
                aggregation="geomean",
                label=LABELS["geomean"],
                weights=_as_dict(labels, geo / geo.sum()),
                note="geometric mean of the members' normalised weights, renormalised (a zero from any member gives 0)",
            )
        )
    return Aggregate(
        group_weights=tuple(out), group_cr=None, consensus=direct_consensus(w), consensus_note=DIRECT_CONSENSUS_NOTE
    )


def direct_consensus(weights: np.ndarray) -> ahp.Consensus | None:
    """Goepel's relative homogeneity of direct weights, reported as S* (no scale correction)."""
    base = ahp.ahp_consensus(weights)
    if base is None:
        return None
    return base.model_copy(
        update={"s_star": base.homogeneity, "band": ahp.consensus_band(base.homogeneity), "scale_max": math.inf}
    )


def _as_dict(labels: Sequence[str], values: np.ndarray) -> dict[str, float]:
    out = {c: float(x) for c, x in zip(labels, values)}
    residue = 1.0 - math.fsum(out.values())  # keep the sum exactly 1 so a WeightSet accepts it
    if residue:
        top = max(out, key=out.__getitem__)
        out[top] += residue
    return out


# --- rankings ---------------------------------------------------------------------------------


@dataclass
class RankingOutcome:
    group: Ranking | None = None
    members: dict[int, Ranking] = field(default_factory=dict)
    rw: dict[int, float] = field(default_factory=dict)
    kendalls_w: float | None = None
    error: LocalizedText | None = None


def rank_with(problem: DecisionProblem, settings: RankingSettings, weights: Mapping[str, float], name: str) -> Ranking:
    weight_set = WeightSet.from_raw(weights, name=name, origin=WeightOrigin(kind="workshop"))
    return rank_alternatives(problem, weight_set, settings)


def rank_all(
    member_weights: Mapping[int, Mapping[str, float]],
    group_weights: Mapping[str, float] | None,
    rank: Callable[[Mapping[str, float], str], Ranking],
) -> RankingOutcome:
    """Every member's ranking, the group's, Kendall's W and each member's rw against the group.

    ``rank(weights, name)`` ranks the workshop's problem (e.g. :func:`rank_with` with the
    problem and settings bound, or a cache in front of it).
    """
    out = RankingOutcome()
    try:
        if group_weights is not None:
            out.group = rank(group_weights, "group")
        for no, weights in member_weights.items():
            out.members[no] = rank(weights, f"member {no}")
    except InputError as exc:
        return RankingOutcome(error=error_text(exc))
    if out.group is not None and out.members:
        table: dict[str, Ranking] = {"group": out.group, **{str(no): r for no, r in out.members.items()}}
        _, ranks = comparison.common_ranks(table)
        out.rw = {no: comparison.weighted_spearman(ranks[str(no)], ranks["group"]) for no in out.members}
        if len(out.members) >= 2:
            out.kendalls_w = comparison.kendalls_w(np.array([ranks[str(no)] for no in out.members]))
    return out


def error_text(exc: InputError) -> LocalizedText:
    return LocalizedText(en=exc.message("en", limit=3), nb=exc.message("nb", limit=3))


def weight_distance(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Half the L1 distance: the share of total weight that would have to move (0..1)."""
    return 0.5 * math.fsum(abs(a[c] - b[c]) for c in b)


# --- the group's weight set ------------------------------------------------------------------


def _tree_record(result: GroupResult, chosen: GroupWeights) -> dict[str, object]:
    """A tree round in a saved weight set: the tree, the chosen nodes, every node's local weights and
    where the others' came from, each chosen node's group CR and S*."""
    tree = result.tree
    assert tree is not None
    return {
        "groups": tree.tree.to_json_dict().get("groups", []),
        "chosen": list(tree.plan.chosen),
        "local": tree.local(chosen.aggregation),
        "fixed_from": dict(tree.plan.fixed_from),
        "nodes": {
            n.node: {"group_cr": n.group_cr, "s_star": None if n.consensus is None else n.consensus.s_star}
            for n in tree.nodes
        },
    }


def group_weight_set(
    info: WorkshopDescription,
    result: GroupResult,
    chosen: GroupWeights,
    criteria: Sequence[str],
    name: str,
    closed_at: dt.datetime | None = None,
) -> WeightSet:
    """A round's group weights (``chosen``, one of ``result.group_weights``) as a WeightSet over
    ``criteria`` (every criterion of the problem; those not weighed in the workshop get 0, and a
    note says so). Members appear by their label (``result`` decides what is visible)."""
    unweighed = [c for c in criteria if c not in chosen.weights]
    full = {c: chosen.weights.get(c, 0.0) for c in criteria}
    consensus = result.consensus
    origin = WeightOrigin(
        kind="workshop",
        details={
            "workshop": result.workshop_id,
            "workshop_name": info.name,
            "round": result.round,
            "mode": result.mode,
            "aggregation": chosen.aggregation,
            "aggregation_note": chosen.note,
            "group_cr": result.group_cr,
            "consensus": None
            if consensus is None
            else {
                "s_star": consensus.s_star,
                "band": consensus.band.en,
                "homogeneity": consensus.homogeneity,
                "note": result.consensus_note,
            },
            "members": result.submissions,
            "member_labels": [m.label.en for m in result.members if m.submitted],
            "weighed_criteria": list(result.criteria),
            "ranking": result.ranking.model_dump(mode="json", exclude={"details"}),  # as before: hashed input
            "problem_sha256": info.problem_sha256,
            "closed_at": closed_at.isoformat() if closed_at else None,
            **({"tree": _tree_record(result, chosen)} if result.tree is not None else {}),
        },
    )
    notes: tuple[str, ...] = ()
    if unweighed:
        notes = (f"criteria not weighed in the workshop have weight 0: {', '.join(unweighed)}",)
    return WeightSet(name=str(name).strip(), weights=full, origin=origin, notes=notes)
