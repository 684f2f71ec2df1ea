"""The workshop service: facilitators create workshops and run rounds; members join and submit.

Every call opens its own transaction through :class:`mcda.storage.Database`. Writes that read
first (join, submit, close, reveal, open the next round) run in ``db.session(write=True)``:
``BEGIN IMMEDIATE`` on SQLite, and on PostgreSQL the rows they depend on are locked
(``SELECT ... FOR NO KEY UPDATE`` on the workshop or the member, ``FOR SHARE`` on the open
round by a submission, so closing a round waits for submissions in flight and a submission
never lands in a round that has just closed; ``NO KEY`` so foreign-key checks of other
inserts never wait on these locks, which rules out lock cycles). Judgments are validated and
analysed before the write transaction, so the database is locked only for the few
statements that store them.

Secrets: the facilitator key and member tokens come from :func:`secrets.token_urlsafe`
(256 bits); only their SHA-256 digests are stored, compared with :func:`hmac.compare_digest`.
The join code (8 characters from an unambiguous alphabet, ~40 bits) only lets people join.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..ahp import InconsistencyHint
from ..errors import InputError, Issue
from ..loading import load_problem
from ..missing import MISSING_POLICIES
from ..models import DecisionProblem, LocalizedText, WeightSet
from ..ranking import get_method, rank_alternatives, resolve_normalization
from ..storage import Database, ExpertEditStore, WeightSetStore, utcnow
from ..text_input import bad_character
from . import group, resilience, validation
from .results import (
    GroupResult,
    JudgmentAnalysis,
    MemberDetail,
    MemberRef,
    Membership,
    MemberView,
    PeerRanking,
    RankingSettings,
    RevealedRound,
    RoundSummary,
    SubmissionRecord,
    WorkshopCreated,
    WorkshopInfo,
    WorkshopMode,
)
from .tables import ParticipantRow, RoundRow, SubmissionRow, WorkshopRow

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
JOIN_CODE_LENGTH = 8
TOKEN_BYTES = 32
DISPLAY_NAME_MAX = 60
WORKSHOP_NAME_MAX = 200
MODES: tuple[str, ...] = ("ahp", "direct")
_SECRET_MAX = 200  # longer strings cannot be one of our keys; refuse before hashing


class WorkshopError(InputError):
    """A workshop operation was refused (bad input or the wrong state); the message says why."""


class AccessDenied(WorkshopError):
    """A facilitator key, member token or join code that matches nothing."""


class RoundStateError(WorkshopError):
    """The round is in the wrong state: closed for submissions, still open for reveal/save, or unknown."""


class DatabaseBusy(WorkshopError):
    """The database stayed locked or out of connections through every retry; try again shortly."""


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
    return f"?join={code}"


def check_display_name(name: object) -> tuple[str, str]:
    """The name as shown (stripped, verbatim otherwise) and its key for uniqueness (case/space-folded)."""
    if not isinstance(name, str) or not name.strip():
        raise WorkshopError(Issue("workshop_name_empty", column="display_name"))
    shown = name.strip()
    if len(shown) > DISPLAY_NAME_MAX:
        raise WorkshopError(
            Issue(
                "workshop_name_too_long",
                column="display_name",
                value=shown[:20] + "…",
                details={"length": len(shown), "max": DISPLAY_NAME_MAX},
            )
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in shown) or bad_character(shown):
        raise WorkshopError(
            Issue("workshop_name_control", column="display_name", value=shown.encode("unicode_escape").decode("ascii"))
        )
    return shown, validation.name_key(shown)


def anonymous_label(member_no: int) -> LocalizedText:
    return LocalizedText(en=f"Member {member_no}", nb=f"Deltaker {member_no}")


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; they were written in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


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
                Issue("weight_unknown", column="criteria", value=c, details={"expected": list(problem.criterion_ids)})
            )
        elif c in chosen[:k]:
            issues.append(Issue("workshop_criteria_duplicate", column="criteria", value=c))
    if issues:
        raise WorkshopError(issues)
    if len(chosen) < 2:
        raise WorkshopError(Issue("workshop_criteria_too_few", column="criteria", details={"found": len(chosen)}))
    return tuple(chosen)


def _check_ranking(
    problem: DecisionProblem, method: str, normalization: str | None, missing_policy: str
) -> RankingSettings:
    """Resolve the ranking settings and make sure they can rank this problem at all (fail at creation)."""
    spec = get_method(method)
    norm = resolve_normalization(spec, normalization)
    if missing_policy not in MISSING_POLICIES:
        raise InputError(
            Issue(
                "parameter_invalid",
                value=str(missing_policy),
                details={"reason": f"unknown missing-value policy; expected one of {', '.join(MISSING_POLICIES)}"},
            )
        )
    settings = RankingSettings(method=spec.key, normalization=norm, missing_policy=missing_policy)
    rank_alternatives(
        problem,
        WeightSet.equal(problem.criterion_ids),
        method=settings.method,
        normalization=settings.normalization,
        missing_policy=missing_policy,  # type: ignore[arg-type]
    )
    return settings


def _store_submission(
    s: Session, round_id: int, participant_id: int, analysis: JudgmentAnalysis, carried_over: bool = False
) -> SubmissionRow:
    """Supersede the member's current submission in the round and add the new one (one transaction)."""
    now = utcnow()
    where = (SubmissionRow.round_id == round_id, SubmissionRow.participant_id == participant_id)
    previous = s.scalar(select(SubmissionRow).where(*where, SubmissionRow.superseded_at.is_(None)))
    if previous is not None:
        previous.superseded_at = now
        s.flush()  # before the insert: one current row per (round, member) is a unique index
    revision = (s.scalar(select(func.max(SubmissionRow.revision)).where(*where)) or 0) + 1
    row = SubmissionRow(
        round_id=round_id,
        participant_id=participant_id,
        revision=revision,
        judgments=analysis.judgments,
        weights=dict(analysis.weights),
        cr=analysis.cr,
        details={
            "consistent": analysis.consistent,
            "hints": [h.model_dump() for h in analysis.hints],
            "notes": list(analysis.notes),
        },
        carried_over=carried_over,
        submitted_at=now,
    )
    s.add(row)
    s.flush()
    return row


def _record(row: SubmissionRow, round_number: int) -> SubmissionRecord:
    details = row.details or {}
    return SubmissionRecord(
        judgments=row.judgments,
        weights=dict(row.weights),
        cr=row.cr,
        consistent=details.get("consistent"),
        hints=tuple(InconsistencyHint(**h) for h in details.get("hints", ())),
        notes=tuple(details.get("notes", ())),
        round=round_number,
        revision=row.revision,
        carried_over=row.carried_over,
        submitted_at=_aware(row.submitted_at),
    )


@dataclass(frozen=True)
class _RoundData:
    """One round as read from the database, detached from the session."""

    workshop: WorkshopRow
    round: RoundRow
    participants: tuple[ParticipantRow, ...]
    submissions: dict[int, SubmissionRow]  # participant id -> current submission


# --- the service ------------------------------------------------------------------------------


@resilience.guard  # a locked or overloaded database: retried, then DatabaseBusy
class WorkshopService:
    """Weighting workshops over one database (``MCDA_DATABASE_URL`` or ``var/mcda.sqlite`` by default)."""

    SNAPSHOT_CACHE_SIZE = 32
    CLOSED_RESULT_CACHE_SIZE = 16

    def __init__(self, database_url: str | None = None, *, database: Database | None = None) -> None:
        self._owns_db = database is None
        self.db = database if database is not None else Database(database_url)
        self._snapshots: OrderedDict[int, tuple[DecisionProblem, DecisionProblem]] = OrderedDict()
        self._snapshot_lock = threading.Lock()
        # a closed round's submissions never change: its result (with every member's ranking) is
        # kept per (workshop, round, names shown, participants, revealed) so members' views are cheap
        self._closed_results: OrderedDict[tuple[int, int, bool, int, bool], GroupResult] = OrderedDict()

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
        method: str = "topsis",
        normalization: str | None = None,
        missing_policy: str = "drop_criteria",
    ) -> WorkshopCreated:
        """Create a workshop with round 1 open; the facilitator key is returned only here.

        ``problem`` defaults to the shipped one with the expert edits saved in this database
        applied; the workshop keeps a snapshot of it, so later edits do not change its results.
        ``criteria`` (default: all of the problem's)
        are the criteria to weigh, at least 2, in the order the AHP matrices use. The
        members' rankings use the problem restricted to these criteria with ``method``,
        ``normalization`` (None: the method's default, vector for TOPSIS) and ``missing_policy``.
        """
        title = validation.check_title(name)
        validation.check_problem(problem)
        if mode not in MODES:
            raise WorkshopError(Issue("workshop_mode_unknown", column="mode", value=str(mode)))
        if problem is None:
            problem = ExpertEditStore(self.db).apply(shipped_problem())
        chosen = _check_criteria(problem, criteria)
        settings = _check_ranking(problem.subset(criteria=chosen), method, normalization, missing_policy)
        snapshot = problem.model_dump(mode="json")
        key = secrets.token_urlsafe(TOKEN_BYTES)
        for _attempt in range(10):
            code = new_join_code()
            try:
                with self.db.session(write=True) as s:
                    if s.scalar(select(WorkshopRow.id).where(WorkshopRow.join_code == code)) is not None:
                        continue
                    row = WorkshopRow(
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
                        current_round=1,
                    )
                    s.add(row)
                    s.flush()
                    s.add(RoundRow(workshop_id=row.id, number=1, status="open"))
                    workshop_id = row.id
            except IntegrityError:  # a join code taken by a concurrent creation: draw again
                continue
            return WorkshopCreated(
                id=workshop_id, name=title, join_code=code, join_link=join_link(code), facilitator_key=key
            )
        raise RuntimeError("could not draw an unused join code")  # pragma: no cover - 31^8 codes

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
            now = utcnow()
            rnd.status, rnd.closed_at = "closed", now
            if reveal:
                rnd.revealed_at = now
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
                rnd.revealed_at = utcnow()
            number = rnd.number
        return self._summary(facilitator_key, number)

    def open_next_round(self, facilitator_key: str, carry_over: bool = False) -> RoundSummary:
        """Open round n+1 after round n closed. Earlier rounds and their submissions are kept.

        With ``carry_over`` every member's latest submission is copied into the new round
        (flagged ``carried_over``) so a member who changes nothing still counts; a member's
        own submission replaces the copy. Without it, members start empty and the page can
        pre-fill the form from :attr:`MemberView.draft`.
        """
        with self.db.session(write=True) as s:
            ws = self._workshop(s, facilitator_key, lock=True)
            current = self._round(s, ws, ws.current_round, lock=True)
            if current.status == "open":
                raise RoundStateError(Issue("workshop_round_open", details={"round": current.number}))
            new = RoundRow(workshop_id=ws.id, number=current.number + 1, status="open")
            s.add(new)
            ws.current_round = new.number
            s.flush()
            if carry_over:
                for participant_id, row in self._latest_submissions(s, ws.id).items():
                    analysis = JudgmentAnalysis(
                        judgments=row.judgments,
                        weights=row.weights,
                        cr=row.cr,
                        consistent=(row.details or {}).get("consistent"),
                        hints=tuple(InconsistencyHint(**h) for h in (row.details or {}).get("hints", ())),
                        notes=tuple((row.details or {}).get("notes", ())),
                    )
                    _store_submission(s, new.id, participant_id, analysis, carried_over=True)
            number = new.number
        return self._summary(facilitator_key, number)

    def group_result(self, facilitator_key: str, round: int | None = None) -> GroupResult:
        """Progress and the group result of a round (default: the current one, open or closed)."""
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            data = self._round_data(s, ws, ws.current_round if round is None else round)
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
                    value=str(aggregation),
                    details={"expected": keys},
                )
            )
        problem, _ = self._problem(ws)
        weight_set = group.group_weight_set(
            info, result, chosen, problem.criterion_ids, name, closed_at=_aware(data.round.closed_at)
        )
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
        with self.db.session(write=True) as s:
            ws = s.scalar(select(WorkshopRow).where(WorkshopRow.join_code == code).with_for_update(key_share=True))
            if ws is None or not hmac.compare_digest(ws.join_code, code):
                raise AccessDenied(Issue("workshop_join_code_invalid"))
            taken = s.scalar(
                select(ParticipantRow.id).where(ParticipantRow.workshop_id == ws.id, ParticipantRow.name_key == key)
            )
            if taken is not None:
                raise WorkshopError(Issue("workshop_name_taken", column="display_name", value=shown))
            last = s.scalar(select(func.max(ParticipantRow.member_no)).where(ParticipantRow.workshop_id == ws.id))
            row = ParticipantRow(
                workshop_id=ws.id, member_no=(last or 0) + 1, display_name=shown, name_key=key, token_hash=digest(token)
            )
            s.add(row)
            s.flush()
            return self._member_ref(ws, row)

    def check(self, token: str, judgments: object) -> JudgmentAnalysis:
        """Validate and analyse judgments without storing them (live CR and hints while typing)."""
        with self.db.session() as s:
            participant = self._participant(s, token)
            ws = s.get(WorkshopRow, participant.workshop_id)
        return group.analyse_judgments(ws.mode, ws.criteria, judgments)  # type: ignore[arg-type, union-attr]

    def submit(self, token: str, judgments: object) -> SubmissionRecord:
        """Store the member's judgments in the open round, replacing their own earlier submission.

        ``judgments``: for AHP a matrix (list of rows in the workshop's criteria order, numbers
        or fractions such as '1/3') or a PairwiseMatrix; for direct weights a mapping
        ``{criterion_id: weight}`` (rescaled to sum 1). The replaced submission is kept as a
        superseded revision; a failure at any point leaves it current.
        """
        analysis = self.check(token, judgments)
        with self.db.session(write=True) as s:
            participant = self._participant(s, token, lock=True)
            ws = s.get(WorkshopRow, participant.workshop_id)
            assert ws is not None
            rnd = self._round(s, ws, ws.current_round, lock=True, shared=True)
            if rnd.status != "open":
                raise RoundStateError(Issue("workshop_round_closed", details={"round": rnd.number}))
            row = _store_submission(s, rnd.id, participant.id, analysis)
            record = _record(row, rnd.number)
        return record

    def member_view(self, token: str) -> MemberView:
        """The member's own submission and ranking; after a reveal, the group's and (named workshops) others'."""
        with self.db.session() as s:
            participant = self._participant(s, token)
            ws = s.get(WorkshopRow, participant.workshop_id)
            assert ws is not None
            info = self._info(s, ws)
            rows = s.execute(
                select(SubmissionRow, RoundRow.number)
                .join(RoundRow, SubmissionRow.round_id == RoundRow.id)
                .where(SubmissionRow.participant_id == participant.id, SubmissionRow.superseded_at.is_(None))
                .order_by(RoundRow.number)
            ).all()
            revealed_no = s.scalar(
                select(func.max(RoundRow.number)).where(
                    RoundRow.workshop_id == ws.id, RoundRow.revealed_at.is_not(None)
                )
            )
            revealed_data = self._round_data(s, ws, revealed_no) if revealed_no else None
        own = {number: row for row, number in rows}
        submission = _record(own[ws.current_round], ws.current_round) if ws.current_round in own else None
        latest = own[max(own)] if own else None
        ranking, ranking_error = None, None
        if latest is not None:
            _, ranked_problem = self._problem(ws)
            try:
                ranking = group.rank_with(ranked_problem, info.ranking, latest.weights, participant.display_name)
            except InputError as exc:
                ranking_error = group.error_text(exc)
        return MemberView(
            workshop=info,
            member=self._member_ref(ws, participant),
            round=info.current_round,
            round_status=info.round_status,
            submission=submission,
            draft=None if latest is None else latest.judgments,
            ranking=ranking,
            ranking_error=ranking_error,
            revealed=None if revealed_data is None else self._revealed(revealed_data, participant.member_no),
        )

    # --- lookups (inside a session) ------------------------------------------------------------

    def _workshop(self, s: Session, facilitator_key: object, lock: bool = False) -> WorkshopRow:
        return _by_secret(s, WorkshopRow.facilitator_key_hash, facilitator_key, "workshop_key_invalid", lock)

    def _participant(self, s: Session, token: object, lock: bool = False) -> ParticipantRow:
        return _by_secret(s, ParticipantRow.token_hash, token, "workshop_token_invalid", lock)

    def _round(self, s: Session, ws: WorkshopRow, number: int, lock: bool = False, shared: bool = False) -> RoundRow:
        rnd = None
        if isinstance(number, int) and not isinstance(number, bool):
            query = select(RoundRow).where(RoundRow.workshop_id == ws.id, RoundRow.number == number)
            rnd = s.scalar(query.with_for_update(read=shared, key_share=not shared) if lock else query)
        if rnd is None:
            raise RoundStateError(Issue("workshop_round_unknown", details={"round": number, "last": ws.current_round}))
        return rnd

    def _round_data(self, s: Session, ws: WorkshopRow, number: int) -> _RoundData:
        rnd = self._round(s, ws, number)
        participants = tuple(
            s.scalars(
                select(ParticipantRow).where(ParticipantRow.workshop_id == ws.id).order_by(ParticipantRow.member_no)
            ).all()
        )
        rows = s.scalars(
            select(SubmissionRow).where(SubmissionRow.round_id == rnd.id, SubmissionRow.superseded_at.is_(None))
        ).all()
        return _RoundData(ws, rnd, participants, {row.participant_id: row for row in rows})

    def _latest_submissions(self, s: Session, workshop_id: int) -> dict[int, SubmissionRow]:
        """Each member's current submission in the latest round they submitted in."""
        rows = s.execute(
            select(SubmissionRow)
            .join(RoundRow, SubmissionRow.round_id == RoundRow.id)
            .where(RoundRow.workshop_id == workshop_id, SubmissionRow.superseded_at.is_(None))
            .order_by(RoundRow.number.desc())
        ).scalars()
        latest: dict[int, SubmissionRow] = {}
        for row in rows:
            latest.setdefault(row.participant_id, row)
        return latest

    def _info(self, s: Session, ws: WorkshopRow) -> WorkshopInfo:
        rnd = self._round(s, ws, ws.current_round)
        count = s.scalar(select(func.count(ParticipantRow.id)).where(ParticipantRow.workshop_id == ws.id)) or 0
        problem, _ = self._problem(ws, s)
        return WorkshopInfo(
            id=ws.id,
            name=ws.name,
            mode=ws.mode,  # type: ignore[arg-type]
            anonymous=ws.anonymous,
            criteria=tuple(problem.criterion(c) for c in ws.criteria),
            problem_id=ws.problem_id,
            problem_name=problem.info.name,
            problem_sha256=ws.problem_sha256,
            ranking=RankingSettings(**ws.ranking),
            join_code=ws.join_code,
            join_link=join_link(ws.join_code),
            current_round=ws.current_round,
            round_status=rnd.status,  # type: ignore[arg-type]
            participants=count,
            created_at=_aware(ws.created_at),
        )

    def _problem(self, ws: WorkshopRow, s: Session | None = None) -> tuple[DecisionProblem, DecisionProblem]:
        """The workshop's problem snapshot and the same restricted to the weighed criteria (cached).

        Pass the open session when there is one, so a call never holds two connections.
        """
        with self._snapshot_lock:
            if ws.id in self._snapshots:
                self._snapshots.move_to_end(ws.id)
                return self._snapshots[ws.id]
        query = select(WorkshopRow.problem).where(WorkshopRow.id == ws.id)
        if s is not None:
            snapshot = s.scalar(query)
        else:
            with self.db.session() as own:
                snapshot = own.scalar(query)
        problem = DecisionProblem.model_validate(snapshot)
        pair = (problem, problem.subset(criteria=ws.criteria))
        with self._snapshot_lock:
            self._snapshots[ws.id] = pair
            while len(self._snapshots) > self.SNAPSHOT_CACHE_SIZE:
                self._snapshots.popitem(last=False)
        return pair

    def _label(self, p: ParticipantRow, names_visible: bool) -> LocalizedText:
        if names_visible:
            return LocalizedText(en=p.display_name, nb=p.display_name)
        return anonymous_label(p.member_no)

    def _member_ref(self, ws: WorkshopRow, p: ParticipantRow) -> MemberRef:
        return MemberRef(
            workshop_id=ws.id,
            member_no=p.member_no,
            label=self._label(p, names_visible=not ws.anonymous),
            display_name=p.display_name,
        )

    # --- results (outside any session) ---------------------------------------------------------

    def _aggregate(self, data: _RoundData) -> group.Aggregate | None:
        rows = [data.submissions[p.id] for p in data.participants if p.id in data.submissions]
        if not rows:
            return None
        return group.aggregate(
            data.workshop.mode,  # type: ignore[arg-type]
            data.workshop.criteria,
            [r.judgments for r in rows],
            [r.weights for r in rows],
        )

    def _summary(self, facilitator_key: str, number: int) -> RoundSummary:
        with self.db.session() as s:
            ws = self._workshop(s, facilitator_key)
            data = self._round_data(s, ws, number)
        return self._round_summary(data)

    def _round_summary(self, data: _RoundData) -> RoundSummary:
        agg = self._aggregate(data)
        consensus = None if agg is None else agg.consensus
        return RoundSummary(
            number=data.round.number,
            status=data.round.status,  # type: ignore[arg-type]
            opened_at=_aware(data.round.opened_at),
            closed_at=_aware(data.round.closed_at),
            revealed_at=_aware(data.round.revealed_at),
            submissions=len(data.submissions),
            weights=None if agg is None else agg.primary.weights,
            s_star=None if consensus is None else consensus.s_star,
            band=None if consensus is None else consensus.band,
        )

    def _group_result(self, data: _RoundData, names_visible: bool) -> GroupResult:
        if data.round.status != "closed":
            return self._compute_group_result(data, names_visible)
        key = (
            data.workshop.id,
            data.round.number,
            names_visible,
            len(data.participants),
            data.round.revealed_at is not None,
        )
        with self._snapshot_lock:
            if key in self._closed_results:
                self._closed_results.move_to_end(key)
                return self._closed_results[key]
        result = self._compute_group_result(data, names_visible)
        with self._snapshot_lock:
            self._closed_results[key] = result
            while len(self._closed_results) > self.CLOSED_RESULT_CACHE_SIZE:
                self._closed_results.popitem(last=False)
        return result

    def _compute_group_result(self, data: _RoundData, names_visible: bool) -> GroupResult:
        ws = data.workshop
        settings = RankingSettings(**ws.ranking)
        agg = self._aggregate(data)
        _, ranked_problem = self._problem(ws)
        submitted = [p for p in data.participants if p.id in data.submissions]
        outcome = group.rank_all(
            ranked_problem,
            settings,
            {p.member_no: data.submissions[p.id].weights for p in submitted},
            None if agg is None else agg.primary.weights,
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
                    submitted_at=_aware(row.submitted_at),
                    judgments=row.judgments,
                    weights=dict(row.weights),
                    cr=row.cr,
                    consistent=(row.details or {}).get("consistent"),
                    ranking=outcome.members.get(p.member_no),
                    rw=outcome.rw.get(p.member_no),
                    weight_distance=None if agg is None else group.weight_distance(row.weights, agg.primary.weights),
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
            consensus_note=group.AHP_CONSENSUS_NOTE if ws.mode == "ahp" else group.DIRECT_CONSENSUS_NOTE,
            group_ranking=outcome.group,
            kendalls_w=outcome.kendalls_w,
            furthest=furthest,
            ranking=settings,
            ranking_error=outcome.error,
        )

    def _revealed(self, data: _RoundData, member_no: int) -> RevealedRound:
        names_visible = not data.workshop.anonymous
        result = self._group_result(data, names_visible=names_visible)
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
        )


def _by_secret(s: Session, hash_column: Any, secret: object, code: str, lock: bool) -> Any:
    """The row whose stored digest matches ``secret`` (row-locked if asked), or AccessDenied."""
    if not isinstance(secret, str) or not 0 < len(secret) <= _SECRET_MAX:
        raise AccessDenied(Issue(code))
    hashed = digest(secret)
    query = select(hash_column.class_).where(hash_column == hashed)
    row = s.scalar(query.with_for_update(key_share=True) if lock else query)
    if row is None or not hmac.compare_digest(getattr(row, hash_column.key), hashed):
        raise AccessDenied(Issue(code))
    return row
