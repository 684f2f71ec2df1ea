"""The scoring-round half of :class:`~mcda.workshop.WorkshopService` (workshops in mode ``scores``).

Same rules as the weighting rounds (secrets, rounds, Delphi reveal, revisions kept, the same
locks): a member's answers are one submission row (``judgments`` holds the scores,
``details`` the rationales), so revisions and carry-over work as for weights. The cells live
in ``workshop_score_cells``; accepting a closed round appends one expert edit per cell with
answers, with the interquartile range in ``expert_edit_ranges``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..errors import InputError, Issue
from ..models import DecisionProblem, LocalizedText
from ..storage import Database, score_rounds
from ..storage import workshops as store
from ..storage.workshops import (
    RoundData,
    StoredParticipant,
    StoredRound,
    StoredSubmission,
    StoredWorkshop,
    SubmissionSeat,
)
from . import scoring
from .errors import RoundStateError, WorkshopError
from .memo import Memo
from .results import (
    AcceptedCell,
    CriterionAgreement,
    MemberRef,
    MemberScores,
    ScoreAcceptance,
    ScoreCellResult,
    ScoreGroupResult,
    ScoreMemberView,
    ScoreRevealed,
    ScoreSheet,
    ScoreSubmissionRecord,
    WorkshopInfo,
)

RANGE_BASIS = "iqr"
_Checked = TypeVar("_Checked")


def _sheet(row: StoredSubmission) -> ScoreSheet:
    return ScoreSheet(scores=row.judgments, rationales=row.details.get("rationales", {}))


def _record(row: StoredSubmission, round_number: int) -> ScoreSubmissionRecord:
    return ScoreSubmissionRecord(
        scores=row.judgments,
        rationales=row.details.get("rationales", {}),
        round=round_number,
        revision=row.revision,
        carried_over=row.carried_over,
        submitted_at=row.submitted_at,
    )


def _answers(rows: list[StoredSubmission], a: str, c: str) -> list[float | None]:
    return [r.judgments.get(a, {}).get(c) for r in rows]


def score_statistics(
    problem: DecisionProblem, cells: tuple[tuple[str, str], ...], rows: list[StoredSubmission]
) -> tuple[tuple[ScoreCellResult, ...], tuple[CriterionAgreement, ...]]:
    """Per cell the median, quartiles, min, max and counts; per criterion Krippendorff's ordinal alpha."""
    results = []
    for a, c in cells:
        stats = scoring.cell_statistics(_answers(rows, a, c))
        cell = problem.cells[a][c]
        results.append(
            ScoreCellResult(
                **stats.model_dump(),
                alternative_id=a,
                criterion_id=c,
                current_value=cell.value,
                current_kind=cell.provenance.kind,
            )
        )
    criteria = list(dict.fromkeys(c for _, c in cells))
    answers = [r.judgments for r in rows]
    agreement = tuple(scoring.criterion_agreement(c, cells, answers, scoring.levels(problem, c)) for c in criteria)
    return tuple(results), agreement


class ScoringRounds:
    """Methods of :class:`WorkshopService` for scoring workshops; see the module docstring.

    The service's own lookups are declared here and defined by the service that inherits this."""

    db: Database
    _cells: Memo[tuple[int, str], tuple[tuple[str, str], ...]]
    _score_results: Memo[tuple[int, str, int, str, bool, int, tuple[int, ...], bool], ScoreGroupResult]

    def _workshop(self, s: Session, facilitator_key: object, lock: bool = False) -> StoredWorkshop:
        raise NotImplementedError

    def _round(self, s: Session, ws: StoredWorkshop, number: int, lock: bool = False) -> StoredRound:
        raise NotImplementedError

    def _round_data(self, s: Session, ws: StoredWorkshop, number: int) -> RoundData:
        raise NotImplementedError

    def _info(self, s: Session, ws: StoredWorkshop, current: StoredRound | None = None) -> WorkshopInfo:
        raise NotImplementedError

    def _members_workshop(self, token: object) -> StoredWorkshop:
        raise NotImplementedError

    def _open_seat(
        self, s: Session | Connection, token: str, checked_against: StoredWorkshop, with_nodes: bool = False
    ) -> SubmissionSeat:
        raise NotImplementedError

    def _checked(self, token: str, check: Callable[[StoredWorkshop], _Checked]) -> tuple[StoredWorkshop, _Checked]:
        raise NotImplementedError

    def _with_fresh_workshop(self, call: Callable[[], _Checked]) -> _Checked:
        raise NotImplementedError

    def _problem(self, ws: StoredWorkshop, s: Session | None = None) -> tuple[DecisionProblem, DecisionProblem]:
        raise NotImplementedError

    def _label(self, p: StoredParticipant, names_visible: bool) -> LocalizedText:
        raise NotImplementedError

    def _member_ref(self, ws: StoredWorkshop, p: StoredParticipant) -> MemberRef:
        raise NotImplementedError

    def _score_cells(self, s: Session | None, ws: StoredWorkshop) -> tuple[tuple[str, str], ...]:
        """A scoring workshop's cells (they never change: cached per workshop), () for the others."""
        if ws.mode != "scores":
            return ()

        def load() -> tuple[tuple[str, str], ...]:
            if s is not None:
                return score_rounds.score_cells(s, ws.id)
            with self.db.session() as own:
                return score_rounds.score_cells(own, ws.id)

        return self._cells.get((ws.id, ws.join_code), load)

    def check_scores(self, token: str, scores: object, rationales: object = None) -> ScoreSheet:
        """Validate a member's answers without storing them."""
        return self._with_fresh_workshop(
            lambda: self._checked(token, lambda ws: self._check_sheet(ws, scores, rationales))[1]
        )

    def _check_sheet(self, ws: StoredWorkshop, scores: object, rationales: object) -> ScoreSheet:
        if ws.mode != "scores":
            raise _error(Issue("scoring_not_a_scoring_workshop", column="mode", value=ws.mode))
        cells = self._score_cells(None, ws)
        problem, _ = self._problem(ws)
        try:
            return scoring.check_scores(problem, cells, scores, rationales)
        except InputError as exc:
            raise _error(exc.issues) from None

    def _submit_scores(self, token: str, scores: object, rationales: object) -> ScoreSubmissionRecord:
        """Check the answers before the write transaction (see ``submit``), then store them."""
        ws, sheet = self._checked(token, lambda ws: self._check_sheet(ws, scores, rationales))

        def stored(c: Connection) -> tuple[StoredSubmission, int]:
            seat = self._open_seat(c, token, ws)
            row = store.store_submission(
                c,
                seat.round_id,
                seat.participant_id,
                judgments=sheet.scores,
                weights={},
                cr=None,
                details={"rationales": sheet.rationales},
            )
            return row, seat.round_number

        return _record(*self.db.batched_write(stored))  # members submitting at once share one commit

    def _carry_scores_over(self, s: Session, ws: StoredWorkshop, round_id: int) -> None:
        for participant_id, row in store.latest_current_submissions(s, ws.id).items():
            store.store_submission(
                s,
                round_id,
                participant_id,
                judgments=row.judgments,
                weights={},
                cr=None,
                details=row.details,
                carried_over=True,
            )

    def _score_group_result(
        self, data: RoundData, cells: tuple[tuple[str, str], ...], names_visible: bool | None = None
    ) -> ScoreGroupResult:
        """``names_visible``: members by their display names (default: unless the workshop is anonymous).

        Cached: the same round with the same submissions (rows never change), members and naming
        gives the same result (30 members opening their view after the reveal compute it once)."""
        if names_visible is None:
            names_visible = not data.workshop.anonymous
        ws, rnd = data.workshop, data.round
        key = (
            ws.id,
            ws.join_code,
            rnd.id,
            rnd.status,
            rnd.revealed_at is not None,
            len(data.participants),
            tuple(sorted(row.id for row in data.submissions.values())),
            names_visible,
        )
        return self._score_results.get(key, lambda: self._compute_score_group_result(data, cells, names_visible))

    def _compute_score_group_result(
        self, data: RoundData, cells: tuple[tuple[str, str], ...], names_visible: bool
    ) -> ScoreGroupResult:
        ws = data.workshop
        problem, _ = self._problem(ws)
        submitted = [p for p in data.participants if p.id in data.submissions]
        rows = [data.submissions[p.id] for p in submitted]
        cell_results, agreement = score_statistics(problem, cells, rows)
        members = []
        for p in data.participants:
            row = data.submissions.get(p.id)
            members.append(
                MemberScores(
                    member_no=p.member_no,
                    label=self._label(p, names_visible),
                    display_name=p.display_name if names_visible else None,
                    submitted=row is not None,
                    revision=None if row is None else row.revision,
                    carried_over=False if row is None else row.carried_over,
                    submitted_at=None if row is None else row.submitted_at,
                    scores=None if row is None else row.judgments,
                    rationales={} if row is None else row.details.get("rationales", {}),
                )
            )
        return ScoreGroupResult(
            workshop_id=ws.id,
            round=data.round.number,
            round_status=data.round.status,  # type: ignore[arg-type]
            revealed=data.round.revealed_at is not None,
            participants=len(data.participants),
            submissions=len(rows),
            cells=cell_results,
            agreement=agreement,
            members=tuple(members),
        )

    def _score_member_view(
        self, s: Session, ws: StoredWorkshop, participant: StoredParticipant, current: StoredRound | None = None
    ) -> ScoreMemberView:
        info = self._info(s, ws, current)
        own = store.member_current_submissions(s, participant.id)
        revealed_no = store.last_revealed_round(s, ws.id)
        revealed = None
        if revealed_no:
            data = self._round_data(s, ws, revealed_no)
            result = self._score_group_result(data, info.cells)
            mine = data.submissions.get(participant.id)
            revealed = ScoreRevealed(
                round=result.round,
                submissions=result.submissions,
                cells=result.cells,
                agreement=result.agreement,
                own=None if mine is None else mine.judgments,
            )
        in_current = own.get(ws.current_round)
        latest = own[max(own)] if own else None
        problem, _ = self._problem(ws, s)
        asked = {a for a, _ in info.cells}
        return ScoreMemberView(
            workshop=info,
            member=self._member_ref(ws, participant),
            round=info.current_round,
            round_status=info.round_status,
            submission=None if in_current is None else _record(in_current, ws.current_round),
            draft=None if latest is None else _sheet(latest),
            revealed=revealed,
            positions=tuple(alt for alt in problem.alternatives if alt.id in asked),
        )

    def accept_scores(self, facilitator_key: str, round: int | None = None) -> ScoreAcceptance:
        """Write a closed round's group values into the problem as expert judgments.

        One expert edit per cell with at least one answer on the scale: value = the median,
        author = "Arbeidsmøte «name», runde n", rationale = the members' rationales joined
        (names, or "Deltaker k" when anonymous); its uncertainty range = the interquartile
        range [Q1, Q3] (range basis ``iqr``). Appended to the expert-edit log under the
        workshop's problem id: a later round or edit supersedes it, nothing is deleted.
        Cells with no answer but "don't know" are skipped and listed.
        """

        with self.db.session(write=True) as s:
            ws = self._workshop(s, facilitator_key, lock=True)
            if ws.mode != "scores":
                raise _error(Issue("scoring_not_a_scoring_workshop", column="mode", value=ws.mode))
            number = ws.current_round if round is None else round
            data = self._round_data(s, ws, number)
            if data.round.status == "open":
                raise RoundStateError(Issue("workshop_round_open", details={"round": data.round.number}))
            if not data.submissions:
                raise _error(Issue("workshop_no_submissions", details={"round": data.round.number}))
            cells = score_rounds.score_cells(s, ws.id)
            result = self._score_group_result(data, cells)
            author = f"Arbeidsmøte «{ws.name}», runde {number}"
            accepted, skipped = [], []
            labels = {m.member_no: m.label.nb for m in result.members}
            by_no = {p.id: p.member_no for p in data.participants}
            for cell in result.cells:
                a, c = cell.alternative_id, cell.criterion_id
                if cell.median is None:
                    skipped.append((a, c))
                    continue
                texts = [
                    f"{labels[by_no[pid]]}: {row.details.get('rationales', {}).get(a, {}).get(c)}"
                    for pid, row in sorted(data.submissions.items(), key=lambda item: by_no[item[0]])
                    if row.details.get("rationales", {}).get(a, {}).get(c)
                ]
                rationale = _rationale(cell, texts)
                assert cell.q1 is not None and cell.q3 is not None
                score_rounds.add_accepted_edit(
                    s,
                    problem_id=ws.problem_id,
                    alternative_id=a,
                    criterion_id=c,
                    value=cell.median,
                    author=author,
                    rationale=rationale,
                    low=cell.q1,
                    high=cell.q3,
                    basis=RANGE_BASIS,
                    workshop_id=ws.id,
                    round_number=number,
                    answers=cell.n,
                    details={"min": cell.min, "max": cell.max, "dont_know": cell.dont_know},
                )
                accepted.append(
                    AcceptedCell(
                        alternative_id=a,
                        criterion_id=c,
                        value=cell.median,
                        low=cell.q1,
                        high=cell.q3,
                        answers=cell.n,
                        author=author,
                        rationale=rationale,
                    )
                )
        return ScoreAcceptance(round=number, accepted=tuple(accepted), skipped=tuple(skipped))

    def accepted_scores(self, facilitator_key: str) -> tuple[score_rounds.AcceptedEdit, ...]:
        """Every edit this workshop's accepted rounds wrote, oldest first."""
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            return score_rounds.accepted_edits(s, ws.id)


def _rationale(cell: ScoreCellResult, texts: list[str]) -> str:
    spread = f"{_g(cell.q1)}–{_g(cell.q3)}"
    head = f"Median av {cell.n} svar (kvartilbredde {spread}, spennvidde {_g(cell.min)}–{_g(cell.max)})"
    if cell.dont_know:
        head += f"; {cell.dont_know} svarte «vet ikke»"
    return f"{head}. Begrunnelser: {' | '.join(texts)}" if texts else f"{head}. Ingen begrunnelser oppgitt."


def _g(value: float | None) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")


def _error(issues: list[Issue] | Issue) -> InputError:

    return WorkshopError(issues)
