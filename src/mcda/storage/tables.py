"""Every table of the database, declared on one ``Base``: weight sets, expert edits and workshops.

Weight sets are named per problem. Expert edits are an append-only log: the latest edit of
a cell is its current value.

Workshops: workshops, rounds, participants and submissions. Secrets are never stored: the
facilitator key and member tokens are kept as SHA-256 hex digests. Submissions are
append-only within a round: a re-submission marks the member's previous row superseded
(``superseded_at``) and adds a row with the next ``revision``, so every revision stays in
the database; at most one row per (round, member) is current (a partial unique index
enforces it on SQLite and PostgreSQL).

Scoring workshops (mode ``scores``) add two tables and change none: the cells a workshop
scores (``workshop_score_cells``) and, for an expert edit made by accepting a round's group
values, the uncertainty range that goes with it (``expert_edit_ranges``, one row per edit).
A database made before these tables existed gets them from migration 0001.

A change to these tables needs a new revision in :mod:`mcda.storage.migrations` (its docstring says how).

Tree rounds (mode ``tree``) keep the nodes the facilitator chose, and the local weights the
other nodes keep, in ``workshop_rounds.nodes`` (NULL for every other round; revision 0002).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    """The clock of every timestamp column (timezone-aware UTC)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


# --- weight sets and expert edits -------------------------------------------------------------


class WeightSetRow(Base):
    __tablename__ = "weight_sets"
    __table_args__ = (UniqueConstraint("problem_id", "name", name="uq_weight_set_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    problem_id: Mapped[str] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(200))
    weights: Mapped[dict[str, Any]] = mapped_column(JSON)
    origin: Mapped[dict[str, Any]] = mapped_column(JSON)
    notes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class ExpertEditRow(Base):
    """An append-only log: the latest edit of a cell is its current value."""

    __tablename__ = "expert_edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    problem_id: Mapped[str] = mapped_column(String(200), index=True)
    alternative_id: Mapped[str] = mapped_column(String(200))
    criterion_id: Mapped[str] = mapped_column(String(200))
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    author: Mapped[str] = mapped_column(String(200))
    rationale: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- workshops --------------------------------------------------------------------------------


class WorkshopRow(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(16))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    criteria: Mapped[list[Any]] = mapped_column(JSON)
    problem_id: Mapped[str] = mapped_column(String(200), index=True)
    problem: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)  # DecisionProblem snapshot
    problem_sha256: Mapped[str] = mapped_column(String(64))
    ranking: Mapped[dict[str, Any]] = mapped_column(JSON)
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    facilitator_key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    current_round: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class RoundRow(Base):
    __tablename__ = "workshop_rounds"
    __table_args__ = (UniqueConstraint("workshop_id", "number", name="uq_workshop_round_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revealed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # a tree round (mode "tree"): {"chosen": [node, ...], "fixed": {node: {child: local weight}},
    # "fixed_from": {node: round number or None (equal)}}; NULL: not a tree round
    nodes: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class ParticipantRow(Base):
    __tablename__ = "workshop_participants"
    __table_args__ = (
        UniqueConstraint("workshop_id", "member_no", name="uq_workshop_member_no"),
        UniqueConstraint("workshop_id", "name_key", name="uq_workshop_member_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    member_no: Mapped[int] = mapped_column(Integer)
    display_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # case- and space-folded, for uniqueness
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SubmissionRow(Base):
    __tablename__ = "workshop_submissions"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_id", "revision", name="uq_workshop_submission_revision"),
        Index(
            "uq_workshop_submission_current",
            "round_id",
            "participant_id",
            unique=True,
            sqlite_where=text("superseded_at IS NULL"),
            postgresql_where=text("superseded_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("workshop_rounds.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("workshop_participants.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    judgments: Mapped[Any] = mapped_column(JSON)  # AHP: the matrix (list of rows); direct: {criterion: raw weight}
    weights: Mapped[dict[str, Any]] = mapped_column(JSON)  # the member's normalised weights
    cr: Mapped[float | None] = mapped_column(Float, nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # consistency, hints, notes
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ScoreCellRow(Base):
    """One cell (position, criterion) a scoring workshop asks its members to score."""

    __tablename__ = "workshop_score_cells"
    __table_args__ = (UniqueConstraint("workshop_id", "alternative_id", "criterion_id", name="uq_workshop_score_cell"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # the order the form shows
    alternative_id: Mapped[str] = mapped_column(String(200))
    criterion_id: Mapped[str] = mapped_column(String(200))


class ExpertEditRangeRow(Base):
    """The uncertainty range (low, high) of one expert edit, and where it came from.

    Written with the edit when a scoring round's group values are accepted: the range is the
    members' interquartile range, ``basis`` says so, and the workshop and round are recorded.
    """

    __tablename__ = "expert_edit_ranges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edit_id: Mapped[int] = mapped_column(ForeignKey("expert_edits.id", ondelete="CASCADE"), unique=True)
    low: Mapped[float] = mapped_column(Float)
    high: Mapped[float] = mapped_column(Float)
    basis: Mapped[str] = mapped_column(String(32))  # iqr
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshops.id", ondelete="SET NULL"), nullable=True, index=True
    )
    round_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    answers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # median, min, max, don't know
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


WORKSHOP_TABLES = (WorkshopRow, RoundRow, ParticipantRow, SubmissionRow, ScoreCellRow)
