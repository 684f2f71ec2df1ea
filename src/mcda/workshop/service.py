"""The workshop service: facilitators create workshops and run rounds; members join and submit.

Every call opens its own transaction through :class:`mcda.storage.Database` and reads and
writes through :mod:`mcda.storage.workshops`; this module keeps the rules. Writes that read
first (join, submit, close, reveal, open the next round) run in ``db.session(write=True)``:
``BEGIN IMMEDIATE`` on SQLite, and on PostgreSQL the rows they depend on are locked
(``SELECT ... FOR NO KEY UPDATE`` on the workshop or the member, ``FOR SHARE`` on the open
round by a submission, so closing a round waits for submissions in flight and a submission
never lands in a round that has just closed; ``NO KEY`` so foreign-key checks of other
inserts never wait on these locks, which rules out lock cycles). Judgments are validated and
analysed before the write transaction, so the database is locked only for the few
statements that store them; a submission writes on a plain connection
(``db.connection(write=True)``, no ORM session) with prepared statements
(:mod:`mcda.storage.prepared`).

Secrets: the facilitator key and member tokens come from :func:`secrets.token_urlsafe`
(256 bits); only their SHA-256 digests are stored, compared with :func:`hmac.compare_digest`.
The join code (8 characters from an unambiguous alphabet, ~40 bits) only lets people join.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..ahp import InconsistencyHint
from ..errors import FIELD_PLACES, InputError, Issue
from ..hosting.config import public_url
from ..loading import load_problem
from ..models import DecisionProblem, LocalizedText, Ranking, ValueTree, WeightSet
from ..ranking import DEFAULT_SETTINGS, RankingSettings, rank_alternatives
from ..storage import Database, ExpertEditStore, WeightSetStore, score_rounds
from ..storage import workshops as store
from ..storage.workshops import (
    MemberSeat,
    RoundData,
    StoredParticipant,
    StoredRound,
    StoredSubmission,
    StoredWorkshop,
    SubmissionSeat,
)
from ..text_input import bad_character
from . import resilience, validation
from .closed_results import ClosedResults
from .errors import SECRET_MAX, AccessDenied, DatabaseBusy, RoundStateError, WorkshopError
from .group import (
    AHP_CONSENSUS_NOTE,
    DIRECT_CONSENSUS_NOTE,
    SWING_CONSENSUS_NOTE,
    Aggregate,
    aggregate,
    analyse_judgments,
    error_text,
    group_weight_set,
    rank_all,
    rank_with,
    weight_distance,
)
from .matrix_check import MatrixAnalysis, lean_analysis
from .memo import Memo
from .results import (
    GroupResult,
    JudgmentAnalysis,
    MemberDetail,
    MemberRef,
    Membership,
    MemberView,
    NodeJudgment,
    PeerRanking,
    RevealedRound,
    RoundSummary,
    ScoreGroupResult,
    ScoreMemberView,
    ScoreSubmissionRecord,
    SubmissionRecord,
    TreeRound,
    TreeRoundResult,
    WorkshopCreated,
    WorkshopInfo,
    WorkshopMode,
)
from .scoring import choose_cells
from .tree import TREE_CONSENSUS_NOTE, aggregate_tree, check_nodes, plan_round
from .tree_check import TreeAnalysis, TreeRoundCheck

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
JOIN_CODE_LENGTH = 8
TOKEN_BYTES = 32
DISPLAY_NAME_MAX = 60
MODES: tuple[str, ...] = ("ahp", "direct", "swing", "tree", "scores")
CONSENSUS_NOTES = {
    "ahp": AHP_CONSENSUS_NOTE,
    "direct": DIRECT_CONSENSUS_NOTE,
    "swing": SWING_CONSENSUS_NOTE,
    "tree": TREE_CONSENSUS_NOTE,
}
_Found = TypeVar("_Found")
_Checked = TypeVar("_Checked")


# --- helpers ----------------------------------------------------------------------------------


@cache
def shipped_problem() -> DecisionProblem:
    """The problem shipped with the tool (criteria/positions.yaml + data/positions.csv).

    Found at the repository root (beside ``src/``) whatever the working directory; falls back
    to the working directory for a non-editable install run from a checkout.
    """
    candidates = (Path(__file__).resolve().parents[3], Path.cwd())
    for root in candidates:
        criteria, data = root / "criteria" / "positions.yaml", root / "data" / "positions.csv"
        if criteria.is_file() and data.is_file():
            return load_problem(criteria, data)
    raise InputError(Issue("file_not_found", file="criteria/positions.yaml"))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()  # a lone surrogate matches nothing


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: object) -> str:
    """Accept 'abcd-2345', ' ABCD 2345 ' or a whole link ending in '?join=ABCD2345'."""
    if not isinstance(code, str) or len(code) > 2000:
        raise AccessDenied(Issue("workshop_join_code_invalid"))
    if "join=" in code:
        code = code.split("join=", 1)[1].split("&", 1)[0]
    return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())


def join_link(code: str) -> str:
    """The member's link: ``MCDA_PUBLIC_URL/workshop?join=CODE`` on a served instance, else only the query."""
    base = public_url()
    return f"{base}/workshop?join={code}" if base else f"?join={code}"


def check_display_name(name: object) -> tuple[str, str]:
    """The name as shown (stripped, verbatim otherwise) and its key for uniqueness (case/space-folded)."""
    if not isinstance(name, str) or not name.strip():
        raise WorkshopError(Issue("workshop_name_empty", column="display_name", place=FIELD_PLACES["display_name"]))
    shown = name.strip()
    if len(shown) > DISPLAY_NAME_MAX:
        raise WorkshopError(
            Issue(
                "workshop_name_too_long",
                column="display_name",
                place=FIELD_PLACES["display_name"],
                value=shown[:20] + "…",
                details={"length": len(shown), "max": DISPLAY_NAME_MAX},
            )
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in shown) or bad_character(shown):
        raise WorkshopError(
            Issue(
                "workshop_name_control",
                column="display_name",
                place=FIELD_PLACES["display_name"],
                value=shown.encode("unicode_escape").decode("ascii"),
            )
        )
    return shown, validation.name_key(shown)


def anonymous_label(member_no: int) -> LocalizedText:
    return LocalizedText(en=f"Member {member_no}", nb=f"Deltaker {member_no}")


def problem_sha256(problem: DecisionProblem | dict[str, Any]) -> str:
    """SHA-256 of a problem's JSON snapshot (sorted keys, compact), as recorded with a workshop."""
    snapshot = problem.model_dump(mode="json") if isinstance(problem, DecisionProblem) else problem
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_criteria(problem: DecisionProblem, criteria: Sequence[str] | None) -> tuple[str, ...]:
    if criteria is None:
        return problem.criterion_ids
    if isinstance(criteria, str):
        criteria = [criteria]
    chosen = [str(c) for c in criteria]
    issues: list[Issue] = []
    for k, c in enumerate(chosen):
        if c not in problem.criterion_ids:
            issues.append(
                Issue(
                    "weight_unknown",
                    column="criteria",
                    place=FIELD_PLACES["criteria"],
                    value=c,
                    details={"expected": list(problem.criterion_ids)},
                )
            )
        elif c in chosen[:k]:
            issues.append(
                Issue("workshop_criteria_duplicate", column="criteria", place=FIELD_PLACES["criteria"], value=c)
            )
    if issues:
        raise WorkshopError(issues)
    if len(chosen) < 2:
        raise WorkshopError(
            Issue(
                "workshop_criteria_too_few",
                column="criteria",
                place=FIELD_PLACES["criteria"],
                details={"found": len(chosen)},
            )
        )
    return tuple(chosen)


def _check_ranking(problem: DecisionProblem, settings: RankingSettings) -> RankingSettings:
    """Resolve the ranking settings and make sure they can rank this problem at all (fail at creation)."""
    written = settings.canonical()
    rank_alternatives(problem, WeightSet.equal(problem.criterion_ids), written)
    return written


def _store_submission(
    s: Session | Connection,
    round_id: int,
    participant_id: int,
    analysis: JudgmentAnalysis | TreeAnalysis | MatrixAnalysis,
    carried_over: bool = False,
) -> StoredSubmission:
    """Supersede the member's current submission in the round and add the new one (one transaction)."""
    return store.store_submission(
        s,
        round_id,
        participant_id,
        judgments=analysis.judgments,
        weights=dict(analysis.weights),
        cr=analysis.cr,
        details=analysis.stored_details(),
        carried_over=carried_over,
    )


def _analysis(row: StoredSubmission) -> JudgmentAnalysis:
    """A stored submission as the analysis it was stored from (to carry it into the next round)."""
    return JudgmentAnalysis(
        judgments=row.judgments,
        weights=row.weights,
        cr=row.cr,
        consistent=row.details.get("consistent"),
        hints=tuple(InconsistencyHint(**h) for h in row.details.get("hints", ())),
        notes=tuple(row.details.get("notes", ())),
        nodes=_nodes(row),
    )


def _nodes(row: StoredSubmission) -> dict[str, NodeJudgment]:
    """A tree round's submission: each node's local weights, CR and hints as stored."""
    return {n: NodeJudgment.model_validate(nj) for n, nj in (row.details.get("nodes") or {}).items()}


def _plan(rnd: StoredRound) -> TreeRound | None:
    return None if rnd.nodes is None else TreeRound.model_validate(rnd.nodes)


def _record(row: StoredSubmission, round_number: int) -> SubmissionRecord:
    details = row.details
    return SubmissionRecord(
        judgments=row.judgments,
        weights=dict(row.weights),
        cr=row.cr,
        consistent=details.get("consistent"),
        hints=tuple(InconsistencyHint(**h) for h in details.get("hints", ())),
        notes=tuple(details.get("notes", ())),
        nodes=_nodes(row),
        round=round_number,
        revision=row.revision,
        carried_over=row.carried_over,
        submitted_at=row.submitted_at,
    )


def _analysed(ws: StoredWorkshop, judgments: object) -> JudgmentAnalysis:
    """A weighting member's judgments checked and analysed for their workshop."""
    if ws.mode == "scores":
        raise WorkshopError(Issue("scoring_use_check_scores", column="mode"))
    return analyse_judgments(ws.mode, ws.criteria, judgments)  # type: ignore[arg-type]


def _stored_analysis(ws: StoredWorkshop, judgments: object) -> JudgmentAnalysis | MatrixAnalysis:
    """What a submission stores: an AHP matrix of plain floats analysed without the models the
    pages show (:mod:`mcda.workshop.matrix_check`), anything else as :func:`_analysed` gives it."""
    lean = lean_analysis(ws.criteria, judgments) if ws.mode == "ahp" else None
    return _analysed(ws, judgments) if lean is None else lean


class _WorkshopChanged(Exception):
    """The member's workshop is not the one their judgments were checked against: check again."""


def _closed_key(
    ws: StoredWorkshop, rnd: StoredRound, participants: int, names_visible: bool
) -> tuple[int, str, int, bool, int, bool]:
    """A closed round's result changes only with who joined since and whether it was revealed."""
    return (ws.id, ws.join_code, rnd.number, names_visible, participants, rnd.revealed_at is not None)


def _fixed_part(ws: StoredWorkshop) -> tuple[int, str, str, str]:
    """Which workshop a check relied on: its id, random join code, mode and problem snapshot;
    no call ever changes these, nor its criteria and scoring cells."""
    return (ws.id, ws.join_code, ws.mode, ws.problem_sha256)


# --- the service ------------------------------------------------------------------------------


@resilience.guard  # a locked or overloaded database: retried, then DatabaseBusy
class WorkshopService(ClosedResults):
    """Weighting and scoring workshops over one database (``MCDA_DATABASE_URL`` or ``var/mcda.sqlite`` by default)."""

    SNAPSHOT_CACHE_SIZE = 32
    CLOSED_RESULT_CACHE_SIZE = 16
    RANKING_CACHE_SIZE = 4096
    SEAT_CACHE_SIZE = 4096
    CELLS_CACHE_SIZE = 64
    TREE_PLAN_CACHE_SIZE = 64

    def __init__(self, database_url: str | None = None, *, database: Database | None = None) -> None:
        self._owns_db = database is None
        self.db = database if database is not None else Database(database_url)
        # what never changes once written, kept in this process (see memo.py):
        # the problem snapshot and its weighed part, by the snapshot's SHA-256 and the criteria
        self._problems: Memo[tuple[str, tuple[str, ...]], tuple[DecisionProblem, DecisionProblem]] = Memo(
            self.SNAPSHOT_CACHE_SIZE
        )
        # a ranking, by everything it is computed from (problem, criteria, settings, weights)
        self._rankings: Memo[tuple[str, tuple[str, ...], str, tuple[tuple[str, float], ...]], Ranking] = Memo(
            self.RANKING_CACHE_SIZE
        )
        # a closed round's result per (workshop, join code, round, names shown, participants, revealed)
        self._closed_results: Memo[tuple[int, str, int, bool, int, bool], GroupResult] = Memo(
            self.CLOSED_RESULT_CACHE_SIZE
        )
        # an open round's result per (workshop, join code, round, names shown, participants, the
        # ids of the current submissions)
        self._open_results: Memo[tuple[int, str, int, bool, int, tuple[int, ...]], GroupResult] = Memo(
            self.CLOSED_RESULT_CACHE_SIZE
        )
        # a round's group weights and consensus, per (workshop, join code, round, submission ids)
        self._aggregates: Memo[tuple[int, str, int, tuple[int, ...]], Aggregate] = Memo(self.CLOSED_RESULT_CACHE_SIZE)
        # a member's workshop by the digest of their token, to check judgments before the write
        # transaction (which reads the workshop again and compares what the check relied on)
        self._seats: Memo[str, StoredWorkshop] = Memo(self.SEAT_CACHE_SIZE)
        # a tree workshop's current round as last read, per (workshop, join code): its plan as
        # stored (compared inside each submission's write transaction) and the check of the
        # members' matrices against it (with the plan as read)
        self._tree_plans: Memo[tuple[int, str], tuple[dict[str, Any], TreeRoundCheck]] = Memo(self.TREE_PLAN_CACHE_SIZE)
        # a scoring workshop's cells, per (workshop, join code)
        self._cells: Memo[tuple[int, str], tuple[tuple[str, str], ...]] = Memo(self.CELLS_CACHE_SIZE)
        # a scoring round's result per (workshop, join code, round, status, revealed, participants,
        # the ids of the current submissions)
        self._score_results: Memo[tuple[int, str, int, str, bool, int, tuple[int, ...], bool], ScoreGroupResult] = Memo(
            self.CLOSED_RESULT_CACHE_SIZE
        )

    def dispose(self) -> None:
        """Close the database connections (only those of a database this service opened)."""
        if self._owns_db:
            self.db.dispose()

    # --- facilitator ---------------------------------------------------------------------------

    def create_workshop(
        self,
        name: str,
        criteria: Sequence[str] | None = None,
        mode: WorkshopMode = "ahp",
        problem: DecisionProblem | None = None,
        anonymous: bool = False,
        *,
        settings: RankingSettings = DEFAULT_SETTINGS,
        cells: Sequence[Sequence[str]] | None = None,
        nodes: Sequence[str] | None = None,
    ) -> WorkshopCreated:
        """Create a workshop with round 1 open; the facilitator key is returned only here.

        ``problem`` defaults to the shipped one with the expert edits saved in this database
        applied; the workshop keeps a snapshot of it, so later edits do not change its results.
        ``criteria`` (default: all of the problem's)
        are the criteria to weigh, at least 2, in the order the AHP matrices use. The
        members' rankings use the problem restricted to these criteria with ``settings``.

        ``mode="scores"``: the members score cells instead; ``cells`` lists (position id,
        criterion id) pairs, or ``criteria`` whole criteria; by default every missing or
        expert-judgment cell on a criterion with an ordinal scale. Only such criteria can be
        scored (see :mod:`mcda.workshop.scoring`).

        ``mode="swing"``: each member ranks the criteria's swings and gives points.
        ``mode="tree"``: the members weigh the problem's value tree (over ``criteria``) node by
        node, one pairwise matrix per node; ``nodes`` are the nodes of round 1 (default: every
        node with two or more children); the others keep equal local weights.
        """
        title = validation.check_title(name)
        validation.check_problem(problem)
        if mode not in MODES:
            raise WorkshopError(
                Issue("workshop_mode_unknown", column="mode", place=FIELD_PLACES["mode"], value=str(mode))
            )
        if problem is None:
            problem = ExpertEditStore(self.db).apply(shipped_problem())
        score_cells: tuple[tuple[str, str], ...] = ()
        if mode == "scores":
            try:
                score_cells = choose_cells(problem, cells, criteria)
            except InputError as exc:
                raise WorkshopError(exc.issues) from None
            chosen = tuple(dict.fromkeys(c for _, c in score_cells))
            settings = _check_ranking(problem, settings)
        else:
            if cells is not None:
                raise WorkshopError(Issue("scoring_cells_need_scores_mode", column="cells", value=str(mode)))
            chosen = _check_criteria(problem, criteria)
            settings = _check_ranking(problem.subset(criteria=chosen), settings)
        plan = self._first_plan(problem, chosen, mode, nodes)
        snapshot = problem.model_dump(mode="json")
        key = secrets.token_urlsafe(TOKEN_BYTES)
        for _attempt in range(10):
            code = new_join_code()
            try:
                with self.db.session(write=True) as s:
                    if store.join_code_taken(s, code):
                        continue
                    created = store.add_workshop(
                        s,
                        name=title,
                        mode=mode,
                        anonymous=bool(anonymous),
                        criteria=list(chosen),
                        problem_id=problem.info.id,
                        problem=snapshot,
                        problem_sha256=problem_sha256(snapshot),
                        ranking=settings.model_dump(mode="json"),
                        join_code=code,
                        facilitator_key_hash=digest(key),
                    )
                    store.add_round(s, created.id, 1, nodes=None if plan is None else plan.model_dump(mode="json"))
                    if score_cells:
                        score_rounds.add_score_cells(s, created.id, list(score_cells))
                    workshop_id = created.id
            except IntegrityError:  # a join code taken by a concurrent creation: draw again
                continue
            return WorkshopCreated(
                id=workshop_id, name=title, join_code=code, join_link=join_link(code), facilitator_key=key
            )
        raise RuntimeError("could not draw an unused join code")  # pragma: no cover - 31^8 codes

    @staticmethod
    def _first_plan(
        problem: DecisionProblem, criteria: Sequence[str], mode: str, nodes: Sequence[str] | None
    ) -> TreeRound | None:
        """Round 1 of a tree workshop: the chosen nodes, every other node equal (None for other modes)."""
        if mode != "tree":
            if nodes is not None:
                raise WorkshopError(Issue("workshop_nodes_need_tree", column="nodes", place=FIELD_PLACES["nodes"]))
            return None
        tree = problem.subset(criteria=criteria).tree
        if tree.is_flat:
            raise WorkshopError(Issue("workshop_tree_flat", column="mode", place=FIELD_PLACES["mode"]))
        try:
            return plan_round(tree, check_nodes(tree, nodes))
        except InputError as exc:
            raise WorkshopError(exc.issues) from None

    def workshop_info(self, facilitator_key: str) -> WorkshopInfo:
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            return self._info(s, ws)

    def problem(self, facilitator_key: str) -> DecisionProblem:
        """The workshop's problem snapshot (all criteria; names of alternatives for the pages)."""
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            return self._problem(ws, s)[0]

    def close_round(self, facilitator_key: str, reveal: bool = False) -> RoundSummary:
        """Close the current round (no more submissions); ``reveal=True`` also shows members the result."""
        with self.db.session(write=True) as s:
            ws = self._workshop(s, facilitator_key, lock=True)
            rnd = self._round(s, ws, ws.current_round, lock=True)
            if rnd.status != "open":
                raise RoundStateError(Issue("workshop_round_closed", details={"round": rnd.number}))
            store.mark_round_closed(s, rnd.id, reveal=reveal)
            number = rnd.number
        return self._summary(facilitator_key, number)

    def reveal(self, facilitator_key: str, round: int | None = None) -> RoundSummary:
        """Let members see a closed round's group result (default: the current round)."""
        with self.db.session(write=True) as s:
            ws = self._workshop(s, facilitator_key, lock=True)
            rnd = self._round(s, ws, ws.current_round if round is None else round, lock=True)
            if rnd.status == "open":
                raise RoundStateError(Issue("workshop_round_open", details={"round": rnd.number}))
            if rnd.revealed_at is None:
                store.mark_round_revealed(s, rnd.id)
            number = rnd.number
        return self._summary(facilitator_key, number)

    def open_next_round(
        self, facilitator_key: str, carry_over: bool = False, nodes: Sequence[str] | None = None
    ) -> RoundSummary:
        """Open round n+1 after round n closed. Earlier rounds and their submissions are kept.

        With ``carry_over`` every member's latest submission is copied into the new round
        (flagged ``carried_over``) so a member who changes nothing still counts; a member's
        own submission replaces the copy. Without it, members start empty and the page can
        pre-fill the form from :attr:`MemberView.draft`.

        Tree workshops: ``nodes`` are the nodes of the new round (default: those of round n);
        every other node keeps round n's group (AIJ) local weights if the group weighed it
        there, else what it kept in round n. A carried-over submission keeps the member's
        matrices of the new round's nodes, if the member answered them all.
        """
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
        if ws.mode != "tree" and nodes is not None:
            raise WorkshopError(Issue("workshop_nodes_need_tree", column="nodes", place=FIELD_PLACES["nodes"]))
        tree = self._problem(ws)[1].tree if ws.mode == "tree" else None
        chosen = None
        if tree is not None and nodes is not None:
            try:
                chosen = check_nodes(tree, nodes)
            except InputError as exc:
                raise WorkshopError(exc.issues) from None
        with self.db.session(write=True) as s:
            ws = self._workshop(s, facilitator_key, lock=True)
            current = self._round(s, ws, ws.current_round, lock=True)
            if current.status == "open":
                raise RoundStateError(Issue("workshop_round_open", details={"round": current.number}))
            plan = None if tree is None else self._next_plan(s, ws, tree, current, chosen)
            new = store.add_round(
                s, ws.id, current.number + 1, nodes=None if plan is None else plan.model_dump(mode="json")
            )
            store.set_current_round(s, ws.id, new.number)
            if carry_over and ws.mode == "scores":
                self._carry_scores_over(s, ws, new.id)
            elif carry_over and tree is not None and plan is not None:
                self._carry_tree_over(s, ws, tree, plan, new.id)
            elif carry_over:
                for participant_id, row in store.latest_current_submissions(s, ws.id).items():
                    _store_submission(s, new.id, participant_id, _analysis(row), carried_over=True)
            number = new.number
        return self._summary(facilitator_key, number)

    def _next_plan(
        self, s: Session, ws: StoredWorkshop, tree: ValueTree, current: StoredRound, chosen: Sequence[str] | None
    ) -> TreeRound:
        """The next tree round's plan: the chosen nodes (default: the current round's); the others keep the
        current round's group (AIJ) local weights where the group weighed them, else what they kept."""
        previous = _plan(current)
        data = RoundData(ws, current, store.participants(s, ws.id), store.current_submissions(s, current.id))
        agg = self._aggregate(data)
        local = {n.node: n.aij for n in agg.tree_nodes} if agg is not None else None
        nodes = chosen if chosen is not None else (previous.chosen if previous is not None else tree.weighed_nodes)
        return plan_round(tree, nodes, previous, current.number, local)

    def _carry_tree_over(self, s: Session, ws: StoredWorkshop, tree: ValueTree, plan: TreeRound, round_id: int) -> None:
        """Copy each member's latest matrices of the new round's nodes into it (members who answered them all)."""
        check = TreeRoundCheck(tree, plan)
        for participant_id, row in store.latest_current_submissions(s, ws.id).items():
            given = row.judgments if isinstance(row.judgments, dict) else {}
            if not all(n in given for n in plan.chosen):
                continue
            analysis = check.analyse({n: given[n] for n in plan.chosen})
            _store_submission(s, round_id, participant_id, analysis, carried_over=True)

    def group_result(self, facilitator_key: str, round: int | None = None) -> GroupResult | ScoreGroupResult:
        """Progress and the group result of a round (default: the current one, open or closed).

        Scoring workshops give a :class:`ScoreGroupResult`: per cell the median, quartiles,
        min, max and number of answers, per criterion Krippendorff's ordinal alpha.
        """
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            data = self._round_data(s, ws, ws.current_round if round is None else round)
            cells = self._score_cells(s, ws)
        if ws.mode == "scores":
            return self._score_group_result(data, cells)
        return self._group_result(data, names_visible=not data.workshop.anonymous)

    def round_history(self, facilitator_key: str) -> tuple[RoundSummary, ...]:
        """Every round with its submission count, primary group weights and S* (how consensus moved)."""
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            data = [self._round_data(s, ws, n) for n in range(1, ws.current_round + 1)]
        return tuple(self._round_summary(d) for d in data)

    def save_group_weights(
        self,
        facilitator_key: str,
        round: int,
        name: str,
        aggregation: str | None = None,
        overwrite: bool = False,
    ) -> WeightSet:
        """Save a closed round's group weights as a named WeightSet under the workshop's problem id.

        ``aggregation``: aij (default) or aip for AHP; mean (default) or geomean for direct.
        The set covers every criterion of the problem so the ranking pages can use it:
        criteria not weighed in the workshop get weight 0 (a note says so).
        """
        name = validation.check_weight_set_name(name)
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            data = self._round_data(s, ws, round)
            info = self._info(s, ws)
        if ws.mode == "scores":
            raise WorkshopError(Issue("scoring_no_weights", column="mode"))
        if data.round.status == "open":
            raise RoundStateError(Issue("workshop_round_open", details={"round": data.round.number}))
        if not data.submissions:
            raise WorkshopError(Issue("workshop_no_submissions", details={"round": data.round.number}))
        result = self._group_result(data, names_visible=not ws.anonymous)
        keys = [g.aggregation for g in result.group_weights]
        chosen = next((g for g in result.group_weights if g.aggregation == (aggregation or keys[0])), None)
        if chosen is None:
            raise WorkshopError(
                Issue(
                    "workshop_aggregation_unknown",
                    column="aggregation",
                    place=FIELD_PLACES["aggregation"],
                    value=str(aggregation),
                    details={"expected": keys},
                )
            )
        problem, _ = self._problem(ws)
        weight_set = group_weight_set(info, result, chosen, problem.criterion_ids, name, closed_at=data.round.closed_at)
        WeightSetStore(self.db).save(problem.info.id, weight_set, overwrite=overwrite)
        return weight_set

    # --- members -------------------------------------------------------------------------------

    def join(self, join_code: str, display_name: str) -> Membership:
        """Join with the code (or link) and a display name unique within the workshop; returns the token."""
        code = normalise_join_code(join_code)
        shown, key = check_display_name(display_name)
        token = secrets.token_urlsafe(TOKEN_BYTES)
        for attempt in range(3):
            try:
                member = self._add_participant(code, shown, key, token)
                break
            except IntegrityError:  # a concurrent join won a unique constraint: look again
                if attempt == 2:
                    raise
        return Membership(**member.model_dump(), token=token)

    def _add_participant(self, code: str, shown: str, key: str, token: str) -> MemberRef:
        def added(connection: Connection) -> tuple[StoredWorkshop, store.StoredParticipant]:
            ws = store.workshop_by_join_code(connection, code, lock="update")
            if ws is None or not hmac.compare_digest(ws.join_code, code):
                raise AccessDenied(Issue("workshop_join_code_invalid"))
            last, taken = store.last_member_no(connection, ws.id, key)
            if taken:
                raise WorkshopError(
                    Issue("workshop_name_taken", column="display_name", place=FIELD_PLACES["display_name"], value=shown)
                )
            row = store.add_participant(
                connection,
                workshop_id=ws.id,
                member_no=last + 1,
                display_name=shown,
                name_key=key,
                token_hash=digest(token),
            )
            return ws, row

        ws, row = self.db.batched_write(added)  # members joining at once share one commit
        self._seats.put(row.token_hash, ws)
        return self._member_ref(ws, row)

    def member_problem(self, token: str) -> DecisionProblem:
        """The workshop's problem over the weighed criteria, for the member's page (names, tree, swings)."""
        with self.db.session() as s:
            participant = self._participant(s, token)
            ws = store.workshop_by_id(s, participant.workshop_id)
            assert ws is not None
            return self._problem(ws, s)[1]

    def check(self, token: str, judgments: object) -> JudgmentAnalysis:
        """Validate and analyse judgments without storing them (live CR and hints while typing)."""
        return self._with_fresh_workshop(lambda: self._check(token, judgments))

    def _check(self, token: str, judgments: object) -> JudgmentAnalysis:
        ws = self._members_workshop(token)
        if ws.mode == "tree":  # against the open round's nodes as the database has them now
            _, check = self._tree_plan(token, ws, fresh=True)
            return self._check_tree(ws, check, judgments).judgment_analysis()
        return self._checked(token, lambda ws: _analysed(ws, judgments))[1]

    def _check_tree(self, ws: StoredWorkshop, check: TreeRoundCheck, judgments: object) -> TreeAnalysis:
        tree = self._problem(ws)[1].tree
        if check.tree is not tree and check.tree != tree:  # kept for a workshop since replaced by another
            check = TreeRoundCheck(tree, check.plan)
        return check.analyse(judgments)

    def _tree_plan(self, token: str, ws: StoredWorkshop, fresh: bool = False) -> tuple[dict[str, Any], TreeRoundCheck]:
        """The plan of the tree workshop's current round, as stored, and the check against it: as this
        process last read it, or (``fresh``, or never read) as the database has it now.

        Never read: the first caller reads it and the others of the same workshop wait for its value
        (30 members submitting the round's first burst read and build it once, not 30 times)."""
        key = (ws.id, ws.join_code)
        if not fresh:
            return self._tree_plans.get(key, lambda: self._read_tree_plan(token, ws, None))
        planned = self._read_tree_plan(token, ws, self._tree_plans.peek(key))
        self._tree_plans.put(key, planned)
        return planned

    def _read_tree_plan(
        self, token: str, ws: StoredWorkshop, known: tuple[dict[str, Any], TreeRoundCheck] | None
    ) -> tuple[dict[str, Any], TreeRoundCheck]:
        """The current round's plan as the database has it (``known`` again if its plan is unchanged)."""
        with self.db.session() as s:
            seat = self._seat(s, token)
        if _fixed_part(seat.workshop) != _fixed_part(ws):
            raise _WorkshopChanged
        if known is not None and known[0] == seat.round.nodes:
            return known
        plan = _plan(seat.round)
        assert seat.round.nodes is not None and plan is not None  # a tree workshop's rounds have their plan
        return seat.round.nodes, TreeRoundCheck(self._problem(ws)[1].tree, plan)

    def _checked_in_round(self, token: str, judgments: object) -> tuple[StoredWorkshop, dict[str, Any], TreeAnalysis]:
        """A tree round's judgments checked against the current round's plan as last read: the
        workshop, the plan as stored (the write transaction compares it with the round's) and the
        analysis. A refusal is confirmed against the database first, like :meth:`_checked`'s."""
        ws = self._members_workshop(token)
        nodes, check = self._tree_plan(token, ws)
        try:
            return ws, nodes, self._check_tree(ws, check, judgments)
        except InputError:
            if self._tree_plan(token, ws, fresh=True)[0] != nodes:
                raise _WorkshopChanged from None
            raise

    def submit(
        self, token: str, judgments: object, rationales: object = None
    ) -> SubmissionRecord | ScoreSubmissionRecord:
        """Store the member's judgments in the open round, replacing their own earlier submission.

        ``judgments``: for AHP a matrix (list of rows in the workshop's criteria order, numbers
        or fractions such as '1/3') or a PairwiseMatrix; for direct weights a mapping
        ``{criterion_id: weight}`` (rescaled to sum 1). The replaced submission is kept as a
        superseded revision; a failure at any point leaves it current.

        Scoring workshops: ``judgments`` is ``{position_id: {criterion_id: level or None}}``
        (None = don't know) and ``rationales`` the same shape with short texts.

        Tree workshops: ``judgments`` is ``{node: matrix over the node's children}`` for every
        node the open round weighs.

        The judgments are checked and analysed before the write transaction, against the
        member's workshop (and a tree round's plan) as this process last read it; the
        transaction reads the member, the workshop and its current round (with a tree round's
        plan) in one statement, and if the workshop or plan is not the one the check relied on
        (a round opened since with other nodes, a database replaced under a running app) the
        call starts over: nothing is stored that was not checked against its own round.
        """
        return self._with_fresh_workshop(lambda: self._submit(token, judgments, rationales))

    def _submit(self, token: str, judgments: object, rationales: object) -> SubmissionRecord | ScoreSubmissionRecord:
        mode = self._members_workshop(token).mode
        if mode == "scores":
            return self._submit_scores(token, judgments, rationales)
        if rationales is not None:
            raise WorkshopError(Issue("scoring_rationales_only_scores", column="rationales"))
        analysis: JudgmentAnalysis | TreeAnalysis | MatrixAnalysis
        if mode == "tree":  # checked against the round's plan, which the write transaction confirms
            ws, nodes, analysis = self._checked_in_round(token, judgments)
        else:
            ws, analysis = self._checked(token, lambda ws: _stored_analysis(ws, judgments))

        def stored(c: Connection) -> tuple[StoredSubmission, int]:
            seat = self._open_seat(c, token, ws, with_nodes=mode == "tree")
            if mode == "tree" and seat.round_nodes != nodes:  # a round opened since with another plan
                self._tree_plans.forget((ws.id, ws.join_code))
                raise _WorkshopChanged
            return _store_submission(c, seat.round_id, seat.participant_id, analysis), seat.round_number

        return _record(*self.db.batched_write(stored))  # members submitting at once share one commit

    def member_view(self, token: str) -> MemberView | ScoreMemberView:
        """The member's own submission and ranking; after a reveal, the group's and (named workshops) others'.

        Scoring workshops give a :class:`ScoreMemberView`: own answers, and after a reveal the
        group's median and spread per cell beside them.
        """
        with self.db.session() as s:
            seat = self._seat(s, token)
            ws, participant = seat.workshop, seat.participant
            if ws.mode == "scores":
                return self._score_member_view(s, ws, participant, seat.round)
            info = self._info(s, ws, seat.round)
            own = store.member_current_submissions(s, participant.id)
            revealed_no = store.last_revealed_round(s, ws.id)
            revealed = None
            if revealed_no:
                result = self._round_result(s, ws, self._round(s, ws, revealed_no), info.participants)
                revealed = self._revealed(result, participant.member_no, names_visible=not ws.anonymous)
        submission = _record(own[ws.current_round], ws.current_round) if ws.current_round in own else None
        latest = own[max(own)] if own else None
        ranking, ranking_error = None, None
        if latest is not None:
            try:
                ranking = self._rank(ws, latest.weights, participant.display_name)
            except InputError as exc:
                ranking_error = error_text(exc)
        return MemberView(
            workshop=info,
            member=self._member_ref(ws, participant),
            round=info.current_round,
            round_status=info.round_status,
            submission=submission,
            draft=None if latest is None else latest.judgments,
            ranking=ranking,
            ranking_error=ranking_error,
            revealed=revealed,
        )

    # --- lookups (inside a session) ------------------------------------------------------------

    def _workshop(self, s: Session, facilitator_key: object, lock: bool = False) -> StoredWorkshop:
        return _by_secret(
            facilitator_key,
            "workshop_key_invalid",
            lambda hashed: store.workshop_by_key_digest(s, hashed, lock="update" if lock else None),
            lambda ws: ws.facilitator_key_hash,
        )

    def _seat(self, s: Session, token: object) -> MemberSeat:
        """The member, their workshop and its current round (one statement)."""
        seat = _by_secret(
            token,
            "workshop_token_invalid",
            lambda hashed: store.member_seat(s, hashed),
            lambda found: found.participant.token_hash,
        )
        self._seats.put(seat.participant.token_hash, seat.workshop)
        return seat

    def _members_workshop(self, token: object) -> StoredWorkshop:
        """The member's workshop as last read in this process (the database is asked the first time).

        Only for what never changes in a workshop (mode, criteria, problem, cells): its round
        and status are read again inside each transaction.
        """
        validation.check_secret(token, "workshop_token_invalid")
        known = self._seats.peek(digest(token))  # type: ignore[arg-type]
        if known is not None:
            return known
        with self.db.session() as s:
            return self._seat(s, token).workshop

    def _checked(self, token: str, check: Callable[[StoredWorkshop], _Checked]) -> tuple[StoredWorkshop, _Checked]:
        """``check`` of the member's input against their workshop as last read, and that workshop.

        A refusal is confirmed against the database first: if the workshop kept in memory was
        stale, :class:`_WorkshopChanged` (the caller starts over with the workshop as it is)."""
        ws = self._members_workshop(token)
        try:
            return ws, check(ws)
        except InputError:
            self._seats.forget(digest(token))
            if _fixed_part(self._members_workshop(token)) != _fixed_part(ws):
                raise _WorkshopChanged from None
            raise

    def _with_fresh_workshop(self, call: Callable[[], _Checked]) -> _Checked:
        """``call()``, started over when it relied on a stale workshop (a database replaced under
        a running app); if the workshop changes on every try, the database is busy being replaced."""
        for _attempt in range(3):
            try:
                return call()
            except _WorkshopChanged:
                continue
        raise DatabaseBusy(Issue("database_busy"))

    def _open_seat(
        self, s: Session | Connection, token: str, checked_against: StoredWorkshop, with_nodes: bool = False
    ) -> SubmissionSeat:
        """In a write transaction: the member's seat, locked for a submission, its round open, and the
        workshop the judgments were checked against (else :class:`_WorkshopChanged`); ``with_nodes``:
        with the round's plan (tree rounds)."""
        seat = _by_secret(
            token,
            "workshop_token_invalid",
            lambda hashed: store.submission_seat(s, hashed, with_nodes=with_nodes),
            lambda found: found.token_hash,
        )
        if (seat.workshop_id, seat.join_code, seat.mode, seat.problem_sha256) != _fixed_part(checked_against):
            self._seats.forget(seat.token_hash)
            raise _WorkshopChanged
        if seat.round_status != "open":
            raise RoundStateError(Issue("workshop_round_closed", details={"round": seat.round_number}))
        return seat

    def _participant(self, s: Session, token: object) -> StoredParticipant:
        return _by_secret(
            token,
            "workshop_token_invalid",
            lambda hashed: store.participant_by_token_digest(s, hashed),
            lambda p: p.token_hash,
        )

    def _round(self, s: Session, ws: StoredWorkshop, number: int, lock: bool = False) -> StoredRound:
        rnd = None
        if isinstance(number, int) and not isinstance(number, bool):
            rnd = store.round_by_number(s, ws.id, number, lock="update" if lock else None)
        if rnd is None:
            raise RoundStateError(Issue("workshop_round_unknown", details={"round": number, "last": ws.current_round}))
        return rnd

    def _round_data(self, s: Session, ws: StoredWorkshop, number: int) -> RoundData:
        rnd = self._round(s, ws, number)
        return RoundData(ws, rnd, store.participants(s, ws.id), store.current_submissions(s, rnd.id))

    def _info(self, s: Session, ws: StoredWorkshop, current: StoredRound | None = None) -> WorkshopInfo:
        """The workshop for the pages (``current``: its current round, if already read)."""
        rnd = current if current is not None else self._round(s, ws, ws.current_round)
        return WorkshopInfo(
            **dict(self._description(s, ws)),
            join_code=ws.join_code,
            join_link=join_link(ws.join_code),
            current_round=ws.current_round,
            round_status=rnd.status,  # type: ignore[arg-type]
            participants=store.participant_count(s, ws.id),
            tree_round=_plan(rnd),
        )

    def _problem(self, ws: StoredWorkshop, s: Session | None = None) -> tuple[DecisionProblem, DecisionProblem]:
        """The workshop's problem snapshot and the same restricted to the weighed criteria (cached
        by the snapshot's SHA-256 and the criteria).

        Pass the open session when there is one, so a call never holds two connections.
        """

        def load() -> tuple[DecisionProblem, DecisionProblem]:
            if s is not None:
                snapshot = store.problem_snapshot(s, ws.id)
            else:
                with self.db.session() as own:
                    snapshot = store.problem_snapshot(own, ws.id)
            problem = DecisionProblem.model_validate(snapshot)
            return problem, problem.subset(criteria=ws.criteria)

        return self._problems.get((ws.problem_sha256, tuple(ws.criteria)), load)

    def _rank(self, ws: StoredWorkshop, weights: Mapping[str, float], name: str) -> Ranking:
        """One set of weights ranking the workshop's problem (weighed criteria) with its settings
        (cached by all of these; the weight set carries ``name``)."""
        key = (
            ws.problem_sha256,
            tuple(ws.criteria),
            json.dumps(ws.ranking, sort_keys=True),
            tuple(sorted((str(c), float(w)) for c, w in weights.items())),
        )
        ranking = self._rankings.get(
            key, lambda: rank_with(self._problem(ws)[1], RankingSettings(**ws.ranking), weights, name)
        )
        if ranking.weights.name == name:
            return ranking
        return ranking.model_copy(update={"weights": ranking.weights.model_copy(update={"name": name})})

    def _label(self, p: StoredParticipant, names_visible: bool) -> LocalizedText:
        if names_visible:
            return LocalizedText(en=p.display_name, nb=p.display_name)
        return anonymous_label(p.member_no)

    def _member_ref(self, ws: StoredWorkshop, p: StoredParticipant) -> MemberRef:
        return MemberRef(
            workshop_id=ws.id,
            member_no=p.member_no,
            label=self._label(p, names_visible=not ws.anonymous),
            display_name=p.display_name,
        )

    # --- results (outside any session) ---------------------------------------------------------

    def _aggregate(self, data: RoundData) -> Aggregate | None:
        """The round's group weights and consensus (cached by the submissions: rows never change)."""
        rows = [data.submissions[p.id] for p in data.participants if p.id in data.submissions]
        if not rows or data.workshop.mode == "scores":
            return None
        ws, plan = data.workshop, _plan(data.round)
        key = (ws.id, ws.join_code, data.round.id, tuple(sorted(r.id for r in rows)))
        if ws.mode == "tree" and plan is not None:
            tree = self._problem(ws)[1].tree
            assert tree is not None  # a tree workshop's problem has its tree
            return self._aggregates.get(key, lambda: aggregate_tree(tree, plan, [r.judgments for r in rows]))
        return self._aggregates.get(
            key,
            lambda: aggregate(
                ws.mode,  # type: ignore[arg-type]
                ws.criteria,
                [r.judgments for r in rows],
                [r.weights for r in rows],
            ),
        )

    def _summary(self, facilitator_key: str, number: int) -> RoundSummary:
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            data = self._round_data(s, ws, number)
        return self._round_summary(data)

    def _round_summary(self, data: RoundData) -> RoundSummary:
        agg = self._aggregate(data)
        consensus = None if agg is None else agg.consensus
        return RoundSummary(
            number=data.round.number,
            status=data.round.status,  # type: ignore[arg-type]
            opened_at=data.round.opened_at,
            closed_at=data.round.closed_at,
            revealed_at=data.round.revealed_at,
            submissions=len(data.submissions),
            weights=None if agg is None else agg.primary.weights,
            s_star=None if consensus is None else consensus.s_star,
            band=None if consensus is None else consensus.band,
            nodes=None if data.round.nodes is None else tuple(data.round.nodes.get("chosen", ())),
        )

    def _group_result(self, data: RoundData, names_visible: bool) -> GroupResult:
        compute = partial(self._compute_group_result, data, names_visible)
        ws, rnd = data.workshop, data.round
        if rnd.status != "closed":  # the same submissions (rows never change) give the same result
            submitted = tuple(sorted(row.id for row in data.submissions.values()))
            open_key = (ws.id, ws.join_code, rnd.id, names_visible, len(data.participants), submitted)
            return self._open_results.get(open_key, compute)
        return self._closed_results.get(_closed_key(ws, rnd, len(data.participants), names_visible), compute)

    def _round_result(self, s: Session, ws: StoredWorkshop, rnd: StoredRound, participants: int) -> GroupResult:
        """A round's group result as the workshop shows it; a closed round's from the cache when
        there, without reading its submissions again (``participants``: the workshop's count)."""
        names_visible = not ws.anonymous
        if rnd.status != "closed":
            return self._compute_group_result(self._round_data(s, ws, rnd.number), names_visible)
        return self._closed_results.get(
            _closed_key(ws, rnd, participants, names_visible),
            lambda: self._compute_group_result(self._round_data(s, ws, rnd.number), names_visible),
        )

    def _compute_group_result(self, data: RoundData, names_visible: bool) -> GroupResult:
        ws = data.workshop
        settings = RankingSettings(**ws.ranking)
        agg = self._aggregate(data)
        submitted = [p for p in data.participants if p.id in data.submissions]
        outcome = rank_all(
            {p.member_no: data.submissions[p.id].weights for p in submitted},
            None if agg is None else agg.primary.weights,
            lambda weights, name: self._rank(ws, weights, name),
        )
        members = []
        for p in data.participants:
            label = self._label(p, names_visible)
            row = data.submissions.get(p.id)
            if row is None:
                members.append(
                    MemberDetail(
                        member_no=p.member_no,
                        label=label,
                        display_name=p.display_name if names_visible else None,
                        submitted=False,
                    )
                )
                continue
            members.append(
                MemberDetail(
                    member_no=p.member_no,
                    label=label,
                    display_name=p.display_name if names_visible else None,
                    submitted=True,
                    carried_over=row.carried_over,
                    revision=row.revision,
                    submitted_at=row.submitted_at,
                    judgments=row.judgments,
                    weights=dict(row.weights),
                    cr=row.cr,
                    consistent=row.details.get("consistent"),
                    ranking=outcome.members.get(p.member_no),
                    rw=outcome.rw.get(p.member_no),
                    weight_distance=None if agg is None else weight_distance(row.weights, agg.primary.weights),
                    nodes=_nodes(row),
                )
            )
        ranked = [m for m in members if m.submitted]
        furthest: tuple[MemberDetail, ...] = ()
        if len(ranked) >= 2:
            ordered = sorted(
                ranked,
                key=lambda m: (-(m.weight_distance or 0.0), m.rw if m.rw is not None else 1.0, m.member_no),
            )
            furthest = tuple(ordered[:3])
        return GroupResult(
            workshop_id=ws.id,
            round=data.round.number,
            round_status=data.round.status,  # type: ignore[arg-type]
            revealed=data.round.revealed_at is not None,
            mode=ws.mode,  # type: ignore[arg-type]
            criteria=tuple(ws.criteria),
            participants=len(data.participants),
            submissions=len(submitted),
            members=tuple(members),
            weights=None if agg is None else agg.primary.weights,
            aggregation=None if agg is None else agg.primary.aggregation,
            group_weights=() if agg is None else agg.group_weights,
            group_cr=None if agg is None else agg.group_cr,
            consensus=None if agg is None else agg.consensus,
            consensus_note=agg.consensus_note if agg is not None else CONSENSUS_NOTES.get(ws.mode, AHP_CONSENSUS_NOTE),
            group_ranking=outcome.group,
            kendalls_w=outcome.kendalls_w,
            furthest=furthest,
            ranking=settings,
            ranking_error=outcome.error,
            tree=self._tree_result(data, agg),
        )

    def _tree_result(self, data: RoundData, agg: Aggregate | None) -> TreeRoundResult | None:
        plan = _plan(data.round)
        if data.workshop.mode != "tree" or plan is None:
            return None
        return TreeRoundResult(
            tree=self._problem(data.workshop)[1].tree,
            plan=plan,
            nodes=() if agg is None else agg.tree_nodes,
            weakest=None if agg is None else agg.weakest,
        )

    def _revealed(self, result: GroupResult, member_no: int, names_visible: bool) -> RevealedRound:
        me = next((m for m in result.members if m.member_no == member_no), None)
        others = (
            tuple(
                PeerRanking(member_no=m.member_no, label=m.label, ranks=m.ranking.rank_of(), rw=m.rw)
                for m in result.members
                if m.member_no != member_no and m.ranking is not None
            )
            if names_visible
            else ()
        )
        return RevealedRound(
            round=result.round,
            submissions=result.submissions,
            weights=result.weights,
            group_weights=result.group_weights,
            consensus=result.consensus,
            group_ranking=result.group_ranking,
            kendalls_w=result.kendalls_w,
            own_weights=None if me is None else me.weights,
            own_ranking=None if me is None else me.ranking,
            own_rw=None if me is None else me.rw,
            others=others,
            ranking_error=result.ranking_error,
            tree=result.tree,
            own_nodes={} if me is None else me.nodes,
        )


def _by_secret(
    secret: object, code: str, lookup: Callable[[str], _Found | None], stored_digest: Callable[[_Found], str]
) -> _Found:
    """What ``lookup`` finds by the digest of ``secret`` (compared in constant time), or AccessDenied."""
    if not isinstance(secret, str) or not 0 < len(secret) <= SECRET_MAX:
        raise AccessDenied(Issue(code))
    hashed = digest(secret)
    found = lookup(hashed)
    if found is None or not hmac.compare_digest(stored_digest(found), hashed):
        raise AccessDenied(Issue(code))
    return found
