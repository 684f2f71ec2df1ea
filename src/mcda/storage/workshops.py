"""Every query of the workshop service, as plain functions on an open session.

The service (:mod:`mcda.workshop.service`) keeps the rules and opens the transactions, with
``Database.session(write=True)`` (``BEGIN IMMEDIATE`` on SQLite) wherever it reads and
then writes; these functions only read and write rows. They hand back small frozen
dataclasses detached from the session, with timezone-aware timestamps, never ORM rows.

``lock`` asks PostgreSQL to lock the rows read until the transaction ends (SQLite has no
row locks; ``BEGIN IMMEDIATE`` already serialises its writers):

- ``"update"``: ``FOR NO KEY UPDATE``, for a row the transaction will change or whose
  state it must keep (the workshop, a member, the current round when closing it).
  ``NO KEY`` so foreign-key checks of other inserts never wait on it.

A submission's own statement (:func:`submission_seat`) locks the open round it goes into
``FOR SHARE``, so closing the round waits for the submissions in flight.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from sqlalchemy import Select, Table, bindparam, case, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from .db import as_utc
from .prepared import Prepared
from .tables import ParticipantRow, RoundRow, SubmissionRow, WorkshopRow, utcnow

RowLock = Literal["update"] | None


# --- what the service gets back ---------------------------------------------------------------


@dataclass(frozen=True)
class StoredWorkshop:
    """A workshop row without its problem snapshot (read that with :func:`problem_snapshot`)."""

    id: int
    name: str
    mode: str
    anonymous: bool
    criteria: list[str]
    problem_id: str
    problem_sha256: str
    ranking: dict[str, Any]
    join_code: str
    facilitator_key_hash: str
    current_round: int
    created_at: dt.datetime


@dataclass(frozen=True)
class StoredRound:
    id: int
    workshop_id: int
    number: int
    status: str  # open | closed
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    revealed_at: dt.datetime | None
    nodes: dict[str, Any] | None = None  # tree rounds: chosen nodes, fixed local weights and their rounds


@dataclass(frozen=True)
class StoredParticipant:
    id: int
    workshop_id: int
    member_no: int
    display_name: str
    name_key: str
    token_hash: str


@dataclass(frozen=True)
class StoredSubmission:
    id: int
    round_id: int
    participant_id: int
    revision: int
    judgments: Any
    weights: dict[str, Any]
    cr: float | None
    details: dict[str, Any]  # consistent, hints, notes
    carried_over: bool
    submitted_at: dt.datetime


@dataclass(frozen=True)
class MemberSeat:
    """A member with their workshop and its current round, read in one statement."""

    participant: StoredParticipant
    workshop: StoredWorkshop
    round: StoredRound


@dataclass(frozen=True)
class SubmissionSeat:
    """What a submission's write transaction reads: the member, which workshop, its current round."""

    participant_id: int
    token_hash: str
    workshop_id: int
    join_code: str
    mode: str
    problem_sha256: str
    round_id: int
    round_number: int
    round_status: str
    round_nodes: dict[str, Any] | None = None  # read for tree rounds only


@dataclass(frozen=True)
class RoundData:
    """One round as read from the database, detached from the session."""

    workshop: StoredWorkshop
    round: StoredRound
    participants: tuple[StoredParticipant, ...]
    submissions: dict[int, StoredSubmission]  # participant id -> current submission


def _workshop(row: WorkshopRow) -> StoredWorkshop:
    return StoredWorkshop(
        id=row.id,
        name=row.name,
        mode=row.mode,
        anonymous=row.anonymous,
        criteria=row.criteria,
        problem_id=row.problem_id,
        problem_sha256=row.problem_sha256,
        ranking=row.ranking,
        join_code=row.join_code,
        facilitator_key_hash=row.facilitator_key_hash,
        current_round=row.current_round,
        created_at=as_utc(row.created_at),
    )


def _round(row: RoundRow) -> StoredRound:
    return StoredRound(
        id=row.id,
        workshop_id=row.workshop_id,
        number=row.number,
        status=row.status,
        opened_at=as_utc(row.opened_at),
        closed_at=as_utc(row.closed_at),
        revealed_at=as_utc(row.revealed_at),
        nodes=row.nodes,
    )


def _participant(row: ParticipantRow) -> StoredParticipant:
    return StoredParticipant(
        id=row.id,
        workshop_id=row.workshop_id,
        member_no=row.member_no,
        display_name=row.display_name,
        name_key=row.name_key,
        token_hash=row.token_hash,
    )


def _submission(row: SubmissionRow) -> StoredSubmission:
    return StoredSubmission(
        id=row.id,
        round_id=row.round_id,
        participant_id=row.participant_id,
        revision=row.revision,
        judgments=row.judgments,
        weights=row.weights,
        cr=row.cr,
        details=row.details or {},
        carried_over=row.carried_over,
        submitted_at=as_utc(row.submitted_at),
    )


def _locked(query: Select[Any], lock: RowLock) -> Select[Any]:
    return query.with_for_update(key_share=True) if lock == "update" else query


# --- the statements of the busiest calls, built once --------------------------------------------
# (a submission, a member's view): SQLAlchemy spends more time building and keying a statement
# than SQLite spends running it, so these are Core statements with bound parameters, made once;
# a submission's three are run as prepared statements (see prepared.py).

_P, _W, _R, _S = (cast(Table, row.__table__) for row in (ParticipantRow, WorkshopRow, RoundRow, SubmissionRow))
_Stored = TypeVar("_Stored")


def _columns(table: Table, stored: type[Any]) -> list[Any]:
    """The table's columns named like the fields of ``stored``, in their order."""
    return [table.c[f.name] for f in dataclasses.fields(stored)]


def _stored(stored: Callable[..., _Stored], values: Sequence[Any]) -> _Stored:
    """A stored dataclass from the values of its :func:`_columns` (timestamps timezone-aware)."""
    return stored(*(as_utc(v) if isinstance(v, dt.datetime) else v for v in values))


def _stored_submission(values: Sequence[Any]) -> StoredSubmission:
    row = _stored(StoredSubmission, values)
    return row if row.details is not None else dataclasses.replace(row, details={})


_WORKSHOP_COLUMNS, _ROUND_COLUMNS = _columns(_W, StoredWorkshop), _columns(_R, StoredRound)
_SUBMISSION_COLUMNS = _columns(_S, StoredSubmission)
_WORKSHOP_BY_KEY = {
    lock: _locked(select(*_WORKSHOP_COLUMNS).where(_W.c.facilitator_key_hash == bindparam("p_digest")), lock)
    for lock in (None, "update")
}
_ROUND_BY_NUMBER = {
    lock: _locked(
        select(*_ROUND_COLUMNS).where(
            _R.c.workshop_id == bindparam("p_workshop"), _R.c.number == bindparam("p_number")
        ),
        lock,
    )
    for lock in (None, "update")
}
_LAST_REVEALED = select(func.max(_R.c.number)).where(
    _R.c.workshop_id == bindparam("p_workshop"), _R.c.revealed_at.is_not(None)
)
_PARTICIPANTS = (
    select(*_columns(_P, StoredParticipant)).where(_P.c.workshop_id == bindparam("p_workshop")).order_by(_P.c.member_no)
)
_PARTICIPANT_COUNT = select(func.count(_P.c.id)).where(_P.c.workshop_id == bindparam("p_workshop"))
_CURRENT_SUBMISSIONS = select(*_SUBMISSION_COLUMNS).where(
    _S.c.round_id == bindparam("p_round"), _S.c.superseded_at.is_(None)
)
_MEMBER_CURRENT = (
    select(*_SUBMISSION_COLUMNS, _R.c.number)
    .join(_R, _S.c.round_id == _R.c.id)
    .where(_S.c.participant_id == bindparam("p_member"), _S.c.superseded_at.is_(None))
    .order_by(_R.c.number)
)
_SEAT_SPLIT = (len(dataclasses.fields(StoredParticipant)), -len(dataclasses.fields(StoredRound)))
_SEAT = (
    select(*_columns(_P, StoredParticipant), *_columns(_W, StoredWorkshop), *_columns(_R, StoredRound))
    .select_from(
        _P.join(_W, _W.c.id == _P.c.workshop_id).join(
            _R, (_R.c.workshop_id == _W.c.id) & (_R.c.number == _W.c.current_round)
        )
    )
    .where(_P.c.token_hash == bindparam("p_digest"))
)
_SUBMISSION_SEAT_COLUMNS = (
    _P.c.id,
    _P.c.token_hash,
    _W.c.id,
    _W.c.join_code,
    _W.c.mode,
    _W.c.problem_sha256,
    _R.c.id,
    _R.c.number,
    _R.c.status,
)


def _submission_seat(*columns: Any) -> tuple[Select[Any], Select[Any]]:
    """The member's seat with ``columns``: for SQLite, and for PostgreSQL with the member's row
    FOR NO KEY UPDATE and the round's FOR SHARE (two locking clauses)."""
    query = (
        select(*columns)
        .select_from(
            _P.join(_W, _W.c.id == _P.c.workshop_id).join(
                _R, (_R.c.workshop_id == _W.c.id) & (_R.c.number == _W.c.current_round)
            )
        )
        .where(_P.c.token_hash == bindparam("p_digest"))
    )
    return query, query.with_for_update(key_share=True, of=_P).suffix_with(
        f"FOR SHARE OF {_R.name}", dialect="postgresql"
    )


# (with_nodes, sqlite) -> the seat query; a tree round's submission also reads the round's plan
# (its chosen nodes) to compare with the one it was checked against
_SUBMISSION_SEATS = {
    (with_nodes, sqlite): Prepared(query)
    for with_nodes, columns in ((False, _SUBMISSION_SEAT_COLUMNS), (True, (*_SUBMISSION_SEAT_COLUMNS, _R.c.nodes)))
    for sqlite, query in zip((True, False), _submission_seat(*columns), strict=True)
}
_WORKSHOP_BY_CODE = {
    lock: _locked(select(*_columns(_W, StoredWorkshop)).where(_W.c.join_code == bindparam("p_code")), lock)
    for lock in (None, "update")
}
_LAST_MEMBER = select(
    func.coalesce(func.max(_P.c.member_no), 0),
    func.coalesce(func.max(case((_P.c.name_key == bindparam("p_key"), 1), else_=0)), 0),
).where(_P.c.workshop_id == bindparam("p_workshop"))
_INSERT_PARTICIPANT = (
    insert(_P)
    .values(
        workshop_id=bindparam("p_workshop_id"),
        member_no=bindparam("p_member_no"),
        display_name=bindparam("p_display_name"),
        name_key=bindparam("p_name_key"),
        token_hash=bindparam("p_token_hash"),
    )
    .returning(_P.c.id)
)
_SUBMISSION_WHERE = (_S.c.round_id == bindparam("p_round"), _S.c.participant_id == bindparam("p_member"))
_SUPERSEDE = Prepared(
    update(_S).where(*_SUBMISSION_WHERE, _S.c.superseded_at.is_(None)).values(superseded_at=bindparam("p_now"))
)
_INSERT_SUBMISSION = Prepared(
    insert(_S)
    .values(
        round_id=bindparam("p_round"),
        participant_id=bindparam("p_member"),
        revision=select(func.coalesce(func.max(_S.c.revision), 0) + 1).where(*_SUBMISSION_WHERE).scalar_subquery(),
        judgments=bindparam("p_judgments", type_=_S.c.judgments.type),
        weights=bindparam("p_weights", type_=_S.c.weights.type),
        cr=bindparam("p_cr"),
        details=bindparam("p_details", type_=_S.c.details.type),
        carried_over=bindparam("p_carried_over"),
        submitted_at=bindparam("p_now"),
    )
    .returning(_S.c.id, _S.c.revision)
)


# --- workshops --------------------------------------------------------------------------------


def join_code_taken(s: Session, code: str) -> bool:
    return s.scalar(select(WorkshopRow.id).where(WorkshopRow.join_code == code)) is not None


def add_workshop(
    s: Session,
    *,
    name: str,
    mode: str,
    anonymous: bool,
    criteria: list[str],
    problem_id: str,
    problem: dict[str, Any],
    problem_sha256: str,
    ranking: dict[str, Any],
    join_code: str,
    facilitator_key_hash: str,
) -> StoredWorkshop:
    """A new workshop at round 1 (add the round with :func:`add_round`)."""
    row = WorkshopRow(
        name=name,
        mode=mode,
        anonymous=anonymous,
        criteria=criteria,
        problem_id=problem_id,
        problem=problem,
        problem_sha256=problem_sha256,
        ranking=ranking,
        join_code=join_code,
        facilitator_key_hash=facilitator_key_hash,
        current_round=1,
    )
    s.add(row)
    s.flush()
    return _workshop(row)


def workshop_by_id(s: Session, workshop_id: int) -> StoredWorkshop | None:
    row = s.get(WorkshopRow, workshop_id)
    return None if row is None else _workshop(row)


def workshop_by_key_digest(s: Session, key_digest: str, lock: RowLock = None) -> StoredWorkshop | None:
    """The workshop whose facilitator key has this SHA-256 digest."""
    found = s.execute(_WORKSHOP_BY_KEY[lock], {"p_digest": key_digest}).one_or_none()
    return None if found is None else _stored(StoredWorkshop, found)


def workshop_by_join_code(s: Session | Connection, code: str, lock: RowLock = None) -> StoredWorkshop | None:
    found = s.execute(_WORKSHOP_BY_CODE[lock], {"p_code": code}).one_or_none()
    return None if found is None else _stored(StoredWorkshop, found)


def all_workshops(s: Session) -> tuple[StoredWorkshop, ...]:
    """Every workshop, newest first."""
    rows = s.scalars(select(WorkshopRow).order_by(WorkshopRow.created_at.desc(), WorkshopRow.id.desc())).all()
    return tuple(_workshop(r) for r in rows)


def problem_snapshot(s: Session, workshop_id: int) -> dict[str, Any] | None:
    """The JSON snapshot of the workshop's DecisionProblem (a deferred column: read only here)."""
    return s.scalar(select(WorkshopRow.problem).where(WorkshopRow.id == workshop_id))


def set_current_round(s: Session, workshop_id: int, number: int) -> None:
    s.execute(update(WorkshopRow).where(WorkshopRow.id == workshop_id).values(current_round=number))


# --- rounds -----------------------------------------------------------------------------------


def add_round(s: Session, workshop_id: int, number: int, nodes: dict[str, Any] | None = None) -> StoredRound:
    """An open round ``number`` of the workshop (``nodes``: a tree round's chosen and fixed nodes)."""
    row = RoundRow(workshop_id=workshop_id, number=number, status="open", nodes=nodes)
    s.add(row)
    s.flush()
    return _round(row)


def round_by_number(s: Session, workshop_id: int, number: int, lock: RowLock = None) -> StoredRound | None:
    found = s.execute(_ROUND_BY_NUMBER[lock], {"p_workshop": workshop_id, "p_number": number}).one_or_none()
    return None if found is None else _stored(StoredRound, found)


def rounds_of(s: Session, workshop_ids: list[int]) -> dict[int, tuple[StoredRound, ...]]:
    """Workshop id -> its rounds by number (one query for the whole list)."""
    rows = s.scalars(
        select(RoundRow).where(RoundRow.workshop_id.in_(workshop_ids)).order_by(RoundRow.workshop_id, RoundRow.number)
    ).all()
    found: dict[int, list[StoredRound]] = {w: [] for w in workshop_ids}
    for row in rows:
        found[row.workshop_id].append(_round(row))
    return {w: tuple(r) for w, r in found.items()}


def last_revealed_round(s: Session, workshop_id: int) -> int | None:
    """The number of the workshop's latest revealed round, None before the first reveal."""
    return s.scalar(_LAST_REVEALED, {"p_workshop": workshop_id})


def mark_round_closed(s: Session, round_id: int, reveal: bool = False) -> None:
    """Closed now (and revealed at the same moment with ``reveal``)."""
    now = utcnow()
    values: dict[str, Any] = {"status": "closed", "closed_at": now}
    if reveal:
        values["revealed_at"] = now
    s.execute(update(RoundRow).where(RoundRow.id == round_id).values(**values))


def mark_round_revealed(s: Session, round_id: int) -> None:
    """Revealed now, unless it already was (the first reveal's time is kept)."""
    s.execute(
        update(RoundRow).where(RoundRow.id == round_id, RoundRow.revealed_at.is_(None)).values(revealed_at=utcnow())
    )


# --- participants -----------------------------------------------------------------------------


def participant_by_token_digest(s: Session, token_digest: str, lock: RowLock = None) -> StoredParticipant | None:
    """The member whose token has this SHA-256 digest."""
    row = s.scalar(_locked(select(ParticipantRow).where(ParticipantRow.token_hash == token_digest), lock))
    return None if row is None else _participant(row)


def member_seat(s: Session, token_digest: str) -> MemberSeat | None:
    """The member whose token has this SHA-256 digest, their workshop and its current round (one statement)."""
    found = s.execute(_SEAT, {"p_digest": token_digest}).one_or_none()
    if found is None:
        return None
    first, last = _SEAT_SPLIT
    participant = _stored(StoredParticipant, found[:first])
    workshop = _stored(StoredWorkshop, found[first:last])
    current = _stored(StoredRound, found[last:])
    return MemberSeat(participant, workshop, current)


def submission_seat(s: Session | Connection, token_digest: str, with_nodes: bool = False) -> SubmissionSeat | None:
    """In a submission's write transaction: the member with this token digest, which workshop
    and its current round; one statement with no JSON and no timestamps to decode
    (``with_nodes``: and the round's plan, the JSON of a tree round's nodes).

    On PostgreSQL it locks the member's row (``FOR NO KEY UPDATE``: one submission per member
    at a time) and the round (``FOR SHARE``: closing it waits for the submission; a
    submission that waited for a closing reads the round as the closing left it). On SQLite
    the caller's ``BEGIN IMMEDIATE`` already keeps other writers out.
    """
    found = _SUBMISSION_SEATS[with_nodes, _dialect_name(s) == "sqlite"].first(s, {"p_digest": token_digest})
    return None if found is None else SubmissionSeat(*found)


def _dialect_name(s: Session | Connection) -> str:
    return s.dialect.name if isinstance(s, Connection) else s.get_bind().dialect.name


def participants(s: Session, workshop_id: int) -> tuple[StoredParticipant, ...]:
    """The workshop's members by member number."""
    rows = s.execute(_PARTICIPANTS, {"p_workshop": workshop_id})
    return tuple(_stored(StoredParticipant, r) for r in rows)


def participant_count(s: Session, workshop_id: int) -> int:
    return s.scalar(_PARTICIPANT_COUNT, {"p_workshop": workshop_id}) or 0


def participant_counts(s: Session, workshop_ids: list[int]) -> dict[int, int]:
    """Workshop id -> how many members joined (one query for the whole list)."""
    rows = s.execute(
        select(ParticipantRow.workshop_id, func.count(ParticipantRow.id))
        .where(ParticipantRow.workshop_id.in_(workshop_ids))
        .group_by(ParticipantRow.workshop_id)
    ).all()
    counts = {w: 0 for w in workshop_ids}
    counts.update({w: n for w, n in rows})
    return counts


def last_member_no(s: Session | Connection, workshop_id: int, name_key: str = "") -> tuple[int, bool]:
    """The highest member number in the workshop (0 before the first join), and whether a
    member already has the name key ``name_key``; one statement."""
    last, taken = s.execute(_LAST_MEMBER, {"p_workshop": workshop_id, "p_key": name_key}).one()
    return last, bool(taken)


def add_participant(
    s: Session | Connection, *, workshop_id: int, member_no: int, display_name: str, name_key: str, token_hash: str
) -> StoredParticipant:
    """A new member (a concurrent join that took the number or name raises IntegrityError here)."""
    row_id = s.execute(
        _INSERT_PARTICIPANT,
        {
            "p_workshop_id": workshop_id,
            "p_member_no": member_no,
            "p_display_name": display_name,
            "p_name_key": name_key,
            "p_token_hash": token_hash,
        },
    ).scalar_one()
    return StoredParticipant(row_id, workshop_id, member_no, display_name, name_key, token_hash)


# --- submissions ------------------------------------------------------------------------------


def store_submission(
    s: Session | Connection,
    round_id: int,
    participant_id: int,
    *,
    judgments: Any,
    weights: dict[str, Any],
    cr: float | None,
    details: dict[str, Any],
    carried_over: bool = False,
) -> StoredSubmission:
    """Supersede the member's current submission in the round and add the next revision.

    Two statements: the UPDATE that supersedes, and the INSERT whose revision is computed by
    the database (one more than the member's highest in the round). Run inside the caller's
    write transaction: a failure before its commit leaves the previous submission current.
    """
    now = utcnow()
    where = {"p_round": round_id, "p_member": participant_id}
    # before the insert: one current row per (round, member) is a unique index
    _SUPERSEDE.first(s, {**where, "p_now": now})
    inserted = _INSERT_SUBMISSION.first(
        s,
        {
            **where,
            "p_judgments": judgments,
            "p_weights": weights,
            "p_cr": cr,
            "p_details": details,
            "p_carried_over": carried_over,
            "p_now": now,
        },
    )
    assert inserted is not None  # INSERT ... RETURNING gives the row
    row_id, revision = inserted
    return StoredSubmission(
        id=row_id,
        round_id=round_id,
        participant_id=participant_id,
        revision=revision,
        judgments=judgments,
        weights=weights,
        cr=cr,
        details=details,
        carried_over=carried_over,
        submitted_at=now,
    )


def current_submissions(s: Session, round_id: int) -> dict[int, StoredSubmission]:
    """Participant id -> their current submission in the round."""
    found = (_stored_submission(r) for r in s.execute(_CURRENT_SUBMISSIONS, {"p_round": round_id}))
    return {row.participant_id: row for row in found}


def latest_current_submissions(s: Session, workshop_id: int) -> dict[int, StoredSubmission]:
    """Participant id -> their current submission in the latest round they submitted in."""
    rows = s.scalars(
        select(SubmissionRow)
        .join(RoundRow, SubmissionRow.round_id == RoundRow.id)
        .where(RoundRow.workshop_id == workshop_id, SubmissionRow.superseded_at.is_(None))
        .order_by(RoundRow.number.desc())
    )
    latest: dict[int, StoredSubmission] = {}
    for row in rows:
        if row.participant_id not in latest:
            latest[row.participant_id] = _submission(row)
    return latest


def member_current_submissions(s: Session, participant_id: int) -> dict[int, StoredSubmission]:
    """Round number -> the member's current submission in that round, by round number."""
    rows = s.execute(_MEMBER_CURRENT, {"p_member": participant_id})
    return {r[-1]: _stored_submission(r[:-1]) for r in rows}


def count_submission_rows(s: Session, workshop_id: int) -> int:
    """Submission rows of one workshop, superseded revisions included (nothing is ever deleted)."""
    return (
        s.scalar(
            select(func.count(SubmissionRow.id))
            .join(RoundRow, SubmissionRow.round_id == RoundRow.id)
            .where(RoundRow.workshop_id == workshop_id)
        )
        or 0
    )


def submission_counts(s: Session, round_ids: list[int]) -> dict[int, int]:
    """Round id -> members with a current submission in it (one query for the whole list)."""
    rows = s.execute(
        select(SubmissionRow.round_id, func.count(SubmissionRow.id))
        .where(SubmissionRow.round_id.in_(round_ids), SubmissionRow.superseded_at.is_(None))
        .group_by(SubmissionRow.round_id)
    ).all()
    counts = {r: 0 for r in round_ids}
    counts.update({r: n for r, n in rows})
    return counts
