"""What the workshop service returns: frozen pydantic models, no database rows."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from ..ahp import Consensus, InconsistencyHint
from ..models import Alternative, Criterion, DecisionProblem, Frozen, LocalizedText, Ranking, ValueTree
from ..ranking import RankingSettings

WorkshopMode = Literal["ahp", "direct", "swing", "tree", "scores"]
RoundStatus = Literal["open", "closed"]
AggregationKey = Literal["aij", "aip", "mean", "geomean", "median"]
# AHP: the matrix (rows); direct: {criterion: points}; swing: {"order": [...], "points": {...}};
# tree: {node: matrix rows in the order of the node's children}
Judgments = list[list[float]] | dict[str, Any]


class TreeRound(Frozen):
    """A tree round's plan: the nodes the group weighs, and the local weights every other node keeps."""

    chosen: tuple[str, ...] = Field(description="the nodes the members weigh this round, top down")
    fixed: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="each weighed node not chosen -> the local weights it keeps"
    )
    fixed_from: dict[str, int | None] = Field(
        default_factory=dict,
        description="each node in fixed -> the round whose group result (AIJ) it keeps, None for equal weights",
    )


class WorkshopCreated(Frozen):
    """Returned once, to the facilitator: the key is not stored and cannot be shown again."""

    id: int
    name: str
    join_code: str = Field(description="8 characters people can type (no 0/O, 1/I/L)")
    join_link: str = Field(
        description="the member page's link: MCDA_PUBLIC_URL/workshop?join=ABCD2345, or only '?join=ABCD2345'"
    )
    facilitator_key: str = Field(description="secret that opens the facilitator functions")


class WorkshopDescription(Frozen):
    """What a workshop is, without its secrets or live state: what observers and the secretariat read."""

    id: int
    name: str
    mode: WorkshopMode
    anonymous: bool
    criteria: tuple[Criterion, ...] = Field(description="the weighed criteria, in the workshop's (matrix) order")
    problem_id: str
    problem_name: LocalizedText
    problem_sha256: str = Field(description="SHA-256 of the problem snapshot (canonical JSON)")
    ranking: RankingSettings
    created_at: dt.datetime
    cells: tuple[tuple[str, str], ...] = Field(
        default=(), description="scoring workshops: the cells (position id, criterion id) the members score"
    )
    tree: ValueTree | None = Field(default=None, description="tree workshops: the value tree over the weighed criteria")

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)


class WorkshopInfo(WorkshopDescription):
    """The facilitator's and the members' view of a workshop: the description, the join code and the live round."""

    join_code: str
    join_link: str
    current_round: int
    round_status: RoundStatus
    participants: int
    tree_round: TreeRound | None = Field(default=None, description="tree workshops: the current round's nodes")


class MemberRef(Frozen):
    workshop_id: int
    member_no: int = Field(description="1, 2, ... in join order")
    label: LocalizedText = Field(description="what others see: the display name, or 'Member k' when anonymous")
    display_name: str = Field(description="as the member typed it (stripped); show it as plain text")


class Membership(MemberRef):
    """Returned once, to the member who joined: the token is not stored and cannot be shown again."""

    token: str = Field(description="secret that lets this member submit and revise their own judgments")


class NodeJudgment(Frozen):
    """One node of a member's tree judgments: the local weights of its children, CR and hints."""

    node: str
    weights: dict[str, float] = Field(description="child -> local weight (eigenvector priorities)")
    cr: float | None = None
    consistent: bool | None = None
    hints: tuple[InconsistencyHint, ...] = Field(default=(), description="the node's most inconsistent judgments")


class JudgmentAnalysis(Frozen):
    """One member's judgments checked and turned into weights (live feedback; stored on submit)."""

    judgments: Judgments = Field(description="AHP: the matrix as given; direct: the raw weights as given")
    weights: dict[str, float] = Field(description="normalised weights (AHP: eigenvector priorities)")
    cr: float | None = Field(default=None, description="consistency ratio (AHP only)")
    consistent: bool | None = Field(default=None, description="CR <= 0.10 (AHP only)")
    hints: tuple[InconsistencyHint, ...] = Field(default=(), description="most inconsistent judgments (AHP)")
    notes: tuple[str, ...] = Field(default=(), description="e.g. that direct weights were rescaled")
    nodes: dict[str, NodeJudgment] = Field(
        default_factory=dict,
        description="tree rounds: each chosen node's local weights, CR and hints (weights and cr above: the "
        "global weights and the largest node CR)",
    )

    def stored_details(self) -> dict[str, Any]:
        """What a submission row keeps beside the judgments, weights and CR (JSON data)."""
        return {
            "consistent": self.consistent,
            "hints": [h.model_dump() for h in self.hints],
            "notes": list(self.notes),
            **({"nodes": {n: j.model_dump(mode="json") for n, j in self.nodes.items()}} if self.nodes else {}),
        }


class SubmissionRecord(JudgmentAnalysis):
    round: int
    revision: int = Field(description="1 for the first submission in the round, +1 for each revision")
    carried_over: bool = Field(default=False, description="copied from an earlier round when the round opened")
    submitted_at: dt.datetime


class GroupWeights(Frozen):
    """One aggregation of the members' weights."""

    aggregation: AggregationKey
    label: LocalizedText
    weights: dict[str, float]
    note: str
    cr: float | None = Field(default=None, description="CR of the geometric-mean group matrix (AIJ only)")


class MemberDetail(Frozen):
    """One member in one round: progress, weights, ranking and distance from the group."""

    member_no: int
    label: LocalizedText = Field(description="display name, or 'Member k' / 'Deltaker k' when anonymous")
    display_name: str | None = Field(description="None in anonymous workshops")
    submitted: bool
    carried_over: bool = False
    revision: int | None = None
    submitted_at: dt.datetime | None = None
    judgments: Judgments | None = None
    weights: dict[str, float] | None = None
    cr: float | None = None
    consistent: bool | None = None
    ranking: Ranking | None = None
    rw: float | None = Field(default=None, description="weighted Spearman rw of the member's vs the group ranking")
    weight_distance: float | None = Field(
        default=None, description="0.5 * sum |w_member - w_group|: the share of weight that would have to move"
    )
    nodes: dict[str, NodeJudgment] = Field(default_factory=dict, description="tree rounds: the member's nodes")


class NodeGroupResult(Frozen):
    """The group's result at one node of a tree round."""

    node: str
    children: tuple[str, ...]
    aij: dict[str, float] = Field(description="local weights from the geometric mean of the judgments")
    aip: dict[str, float] = Field(description="local weights from the geometric mean of the members' priorities")
    group_cr: float | None = Field(description="CR of the node's geometric-mean group matrix")
    consensus: Consensus | None = Field(description="S* at the node; None with fewer than two submissions")


class TreeRoundResult(Frozen):
    """A tree round's group result node by node; the global weights are in GroupResult.group_weights."""

    tree: ValueTree
    plan: TreeRound
    nodes: tuple[NodeGroupResult, ...] = Field(description="the chosen nodes, top down (empty without submissions)")
    weakest: str | None = Field(default=None, description="the node with the lowest S* (the round's headline S*)")

    def node(self, node: str) -> NodeGroupResult | None:
        return next((n for n in self.nodes if n.node == node), None)

    def local(self, aggregation: str = "aij") -> dict[str, dict[str, float]]:
        """Every weighed node's local weights: the group's (AIJ or AIP) where chosen, the kept ones elsewhere."""
        out = {n: dict(w) for n, w in self.plan.fixed.items()}
        for n in self.nodes:
            out[n.node] = dict(n.aij if aggregation != "aip" else n.aip)
        return out


class GroupResult(Frozen):
    """A round's group result (also while the round is open: progress and a provisional result)."""

    workshop_id: int
    round: int
    round_status: RoundStatus
    revealed: bool
    mode: WorkshopMode
    criteria: tuple[str, ...]
    participants: int
    submissions: int = Field(description="members with a current submission in this round")
    members: tuple[MemberDetail, ...] = Field(description="every participant, in join order")
    weights: dict[str, float] | None = Field(description="the primary group weights (AHP: AIJ; direct: mean)")
    aggregation: AggregationKey | None
    group_weights: tuple[GroupWeights, ...] = Field(description="the primary aggregation first, then the other")
    group_cr: float | None = Field(description="CR of the geometric-mean group matrix (AHP only)")
    consensus: Consensus | None = Field(description="S* and its band; None with fewer than two submissions")
    consensus_note: str
    group_ranking: Ranking | None
    kendalls_w: float | None = Field(description="Kendall's W across the members' rankings")
    furthest: tuple[MemberDetail, ...] = Field(description="up to three members furthest from the group weights")
    ranking: RankingSettings
    ranking_error: LocalizedText | None = Field(default=None, description="why no ranking could be computed")
    tree: TreeRoundResult | None = Field(default=None, description="tree rounds: the result node by node")

    @property
    def pending(self) -> tuple[MemberDetail, ...]:
        """Members who have not submitted in this round."""
        return tuple(m for m in self.members if not m.submitted)

    def member(self, member_no: int) -> MemberDetail:
        return next(m for m in self.members if m.member_no == member_no)


class RoundSummary(Frozen):
    number: int
    status: RoundStatus
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    revealed_at: dt.datetime | None
    submissions: int
    weights: dict[str, float] | None = Field(default=None, description="primary group weights")
    s_star: float | None = None
    band: LocalizedText | None = None
    nodes: tuple[str, ...] | None = Field(default=None, description="tree rounds: the nodes chosen for the round")


class PeerRanking(Frozen):
    """Another member's ranking as members see it (named workshops only)."""

    member_no: int
    label: LocalizedText
    ranks: dict[str, int] = Field(description="alternative id -> rank")
    rw: float | None = Field(description="weighted Spearman rw against the group ranking")


class RevealedRound(Frozen):
    """The group result of a revealed round, as a member sees it."""

    round: int
    submissions: int
    weights: dict[str, float] | None
    group_weights: tuple[GroupWeights, ...]
    consensus: Consensus | None
    group_ranking: Ranking | None
    kendalls_w: float | None
    own_weights: dict[str, float] | None
    own_ranking: Ranking | None
    own_rw: float | None = Field(description="weighted Spearman rw of the member's vs the group ranking")
    others: tuple[PeerRanking, ...] = Field(description="the other members' rankings; empty when anonymous")
    ranking_error: LocalizedText | None = None
    tree: TreeRoundResult | None = None
    own_nodes: dict[str, NodeJudgment] = Field(default_factory=dict, description="tree rounds: own local weights")


class MemberView(Frozen):
    """What one member sees: their own submission and ranking, and revealed group results."""

    workshop: WorkshopInfo
    member: MemberRef
    round: int
    round_status: RoundStatus
    submission: SubmissionRecord | None = Field(description="own current submission in the current round")
    draft: Judgments | None = Field(
        description="judgments to pre-fill the form: the current submission, else the latest earlier one"
    )
    ranking: Ranking | None = Field(description="own ranking from the current submission (else the latest)")
    ranking_error: LocalizedText | None = None
    revealed: RevealedRound | None = Field(description="the latest revealed round, if any")


# --- scoring rounds (mode "scores") -------------------------------------------------------------

ScoreAnswers = dict[str, dict[str, float | None]]


class ScoreSheet(Frozen):
    """One member's checked answers: every asked cell, None for "don't know"."""

    scores: ScoreAnswers = Field(description="position id -> criterion id -> level, or None for don't know")
    rationales: dict[str, dict[str, str]] = Field(default_factory=dict, description="short texts per cell")


class ScoreSubmissionRecord(ScoreSheet):
    round: int
    revision: int
    carried_over: bool = False
    submitted_at: dt.datetime


class CellStatistics(Frozen):
    """One cell's answers in one round (None values: no answers but "don't know")."""

    n: int = Field(description="answers on the scale")
    dont_know: int = Field(description="'don't know' answers (not in the statistics)")
    median: float | None = None
    q1: float | None = Field(default=None, description="first quartile (numpy linear, Hyndman-Fan type 7)")
    q3: float | None = Field(default=None, description="third quartile")
    min: float | None = None
    max: float | None = None

    @property
    def iqr(self) -> float | None:
        return None if self.q1 is None or self.q3 is None else self.q3 - self.q1


class CriterionAgreement(Frozen):
    """Krippendorff's alpha (ordinal) over one criterion's cells in one round."""

    criterion_id: str
    cells: int
    values: int = Field(description="answers on the scale that went into alpha")
    alpha: float | None
    undefined: Literal["too_few", "no_variation"] | None = Field(
        default=None, description="why alpha is None: too few paired values, or every answer the same level"
    )


class ScoreCellResult(CellStatistics):
    alternative_id: str
    criterion_id: str
    current_value: float | None = Field(description="the value in the workshop's problem snapshot")
    current_kind: str = Field(description="its provenance kind (missing, expert_judgment, ...)")


class MemberScores(Frozen):
    member_no: int
    label: LocalizedText
    display_name: str | None = Field(description="None in anonymous workshops")
    submitted: bool
    revision: int | None = None
    carried_over: bool = False
    submitted_at: dt.datetime | None = None
    scores: ScoreAnswers | None = None
    rationales: dict[str, dict[str, str]] = Field(default_factory=dict)


class ScoreGroupResult(Frozen):
    """A scoring round's group values per cell and agreement per criterion."""

    workshop_id: int
    round: int
    round_status: RoundStatus
    revealed: bool
    participants: int
    submissions: int
    cells: tuple[ScoreCellResult, ...]
    agreement: tuple[CriterionAgreement, ...]
    members: tuple[MemberScores, ...]

    def cell(self, alternative_id: str, criterion_id: str) -> ScoreCellResult:
        return next(c for c in self.cells if (c.alternative_id, c.criterion_id) == (alternative_id, criterion_id))

    @property
    def pending(self) -> tuple[MemberScores, ...]:
        return tuple(m for m in self.members if not m.submitted)


class ScoreRevealed(Frozen):
    """A revealed scoring round as a member sees it: the group's values beside the member's own."""

    round: int
    submissions: int
    cells: tuple[ScoreCellResult, ...]
    agreement: tuple[CriterionAgreement, ...]
    own: ScoreAnswers | None


class ScoreMemberView(Frozen):
    workshop: WorkshopInfo
    member: MemberRef
    round: int
    round_status: RoundStatus
    submission: ScoreSubmissionRecord | None = Field(description="own current answers in the current round")
    draft: ScoreSheet | None = Field(description="answers to pre-fill the form: current, else the latest earlier")
    revealed: ScoreRevealed | None
    positions: tuple[Alternative, ...] = Field(default=(), description="the positions of the cells, for their names")


class AcceptedCell(Frozen):
    alternative_id: str
    criterion_id: str
    value: float
    low: float
    high: float
    answers: int
    author: str
    rationale: str


class ScoreAcceptance(Frozen):
    """What accepting a round wrote: one expert edit with its range per cell that had answers."""

    round: int
    accepted: tuple[AcceptedCell, ...]
    skipped: tuple[tuple[str, str], ...] = Field(description="cells with no answer but 'don't know' (not written)")


# --- closed rounds for readers (observers and the secretariat, no facilitator key) ---------------


class RoundState(Frozen):
    """One round as readers see it: its state and times; the number of submissions only once it is closed."""

    number: int
    status: RoundStatus
    revealed: bool
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    submissions: int | None = Field(description="members with a submission; None while the round is open")


class WorkshopListing(Frozen):
    """A workshop in the readers' list: its description, how many joined, and every round's state."""

    workshop: WorkshopDescription
    participants: int
    rounds: tuple[RoundState, ...] = Field(description="round 1 first")

    @property
    def closed_rounds(self) -> tuple[int, ...]:
        """The numbers of the closed rounds, latest first."""
        return tuple(r.number for r in reversed(self.rounds) if r.status == "closed")


class ClosedRound(Frozen):
    """A closed round's group result as readers see it: never an open round, never a secret; members by name
    only when the workshop is named and the round revealed (else 'Deltaker k')."""

    workshop: WorkshopDescription
    problem: DecisionProblem = Field(description="the workshop's problem snapshot (every criterion)")
    result: GroupResult | ScoreGroupResult
    history: tuple[RoundSummary, ...] = Field(description="rounds 1 .. this one (all closed)")
    names_shown: bool = Field(description="members appear by their display names")
