"""Queries of scoring workshops: the cells a workshop scores and the accepted group values.

Plain functions on an open session, like :mod:`.workshops`; the service opens the
transactions. Accepting a round appends expert edits (the append-only log of
:mod:`.expert_edits`) with a range row each; nothing is updated or deleted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import as_utc
from .tables import ExpertEditRangeRow, ExpertEditRow, ScoreCellRow, utcnow


@dataclass(frozen=True)
class AcceptedEdit:
    """An expert edit written by accepting a scoring round, with its range."""

    edit_id: int
    alternative_id: str
    criterion_id: str
    value: float
    low: float
    high: float
    basis: str
    round_number: int | None
    answers: int | None
    author: str
    rationale: str
    created_at: dt.datetime


def add_score_cells(s: Session, workshop_id: int, cells: list[tuple[str, str]]) -> None:
    for position, (alternative_id, criterion_id) in enumerate(cells):
        s.add(
            ScoreCellRow(
                workshop_id=workshop_id, position=position, alternative_id=alternative_id, criterion_id=criterion_id
            )
        )
    s.flush()


def score_cells(s: Session, workshop_id: int) -> tuple[tuple[str, str], ...]:
    """The workshop's cells (position id, criterion id) in the order the form shows them."""
    rows = s.execute(
        select(ScoreCellRow.alternative_id, ScoreCellRow.criterion_id)
        .where(ScoreCellRow.workshop_id == workshop_id)
        .order_by(ScoreCellRow.position)
    ).all()
    return tuple((a, c) for a, c in rows)


def add_accepted_edit(
    s: Session,
    *,
    problem_id: str,
    alternative_id: str,
    criterion_id: str,
    value: float,
    author: str,
    rationale: str,
    low: float,
    high: float,
    basis: str,
    workshop_id: int,
    round_number: int,
    answers: int,
    details: dict[str, Any],
) -> int:
    """Append an expert edit and its range (one transaction with the caller's); returns the edit id."""
    now = utcnow()
    edit = ExpertEditRow(
        problem_id=problem_id,
        alternative_id=alternative_id,
        criterion_id=criterion_id,
        value=value,
        author=author,
        rationale=rationale,
        created_at=now,
    )
    s.add(edit)
    s.flush()
    s.add(
        ExpertEditRangeRow(
            edit_id=edit.id,
            low=low,
            high=high,
            basis=basis,
            workshop_id=workshop_id,
            round_number=round_number,
            answers=answers,
            details=details,
            created_at=now,
        )
    )
    s.flush()
    return edit.id


def accepted_edits(s: Session, workshop_id: int) -> tuple[AcceptedEdit, ...]:
    """Every edit written by accepting this workshop's rounds, oldest first."""
    rows = s.execute(
        select(ExpertEditRow, ExpertEditRangeRow)
        .join(ExpertEditRangeRow, ExpertEditRangeRow.edit_id == ExpertEditRow.id)
        .where(ExpertEditRangeRow.workshop_id == workshop_id)
        .order_by(ExpertEditRow.created_at, ExpertEditRow.id)
    ).all()
    return tuple(
        AcceptedEdit(
            edit_id=e.id,
            alternative_id=e.alternative_id,
            criterion_id=e.criterion_id,
            value=float(cast(float, e.value)),  # accepted edits always hold a value
            low=r.low,
            high=r.high,
            basis=r.basis,
            round_number=r.round_number,
            answers=r.answers,
            author=e.author,
            rationale=e.rationale,
            created_at=as_utc(e.created_at),
        )
        for e, r in rows
    )
