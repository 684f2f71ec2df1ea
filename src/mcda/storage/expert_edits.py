"""Expert edits of decision-matrix cells: an append-only log whose latest edit per cell applies.

An edit may carry an uncertainty range (``expert_edit_ranges``: written when a scoring
workshop's group values are accepted, the members' interquartile range). The latest edit of a
cell applies with its own range; an edit without one keeps the data's range if the new value
lies inside it.
"""

from __future__ import annotations

from sqlalchemy import select

from ..errors import InputError, Issue
from ..models import Cell, DecisionProblem, Provenance
from .db import Database
from .tables import ExpertEditRangeRow, ExpertEditRow


class ExpertEdit(Provenance):
    """An edit as read back: the value and who changed it, when and why."""

    alternative_id: str
    criterion_id: str
    value: float | None
    low: float | None = None
    high: float | None = None
    range_basis: str | None = None


class ExpertEditStore:
    def __init__(self, db: Database):
        self.db = db

    def add(
        self,
        problem: DecisionProblem,
        alternative_id: str,
        criterion_id: str,
        value: float | None,
        author: str,
        rationale: str,
    ) -> None:
        """Record a new expert-judgment value (validated against the criterion's scale)."""
        issues = []
        if alternative_id not in problem.alternative_ids:
            issues.append(
                Issue("source_unknown_pair", column="id", details={"what": "alternative", "name": alternative_id})
            )
        if criterion_id not in problem.criterion_ids:
            issues.append(
                Issue("source_unknown_pair", column="criterion", details={"what": "criterion", "name": criterion_id})
            )
        if not author.strip():
            issues.append(
                Issue("source_required", column="author", details={"kind": "expert_judgment", "field": "author"})
            )
        if not rationale.strip():
            issues.append(
                Issue("source_required", column="rationale", details={"kind": "expert_judgment", "field": "rationale"})
            )
        if issues:
            raise InputError(issues)
        scale = problem.criterion(criterion_id).scale
        if value is not None and scale is not None and not scale.contains(value):
            raise InputError(
                Issue(
                    "outside_scale",
                    column=criterion_id,
                    value=f"{value:g}",
                    details={"min": f"{scale.min:g}", "max": f"{scale.max:g}"},
                )
            )
        with self.db.session(write=True) as s:
            s.add(
                ExpertEditRow(
                    problem_id=problem.info.id,
                    alternative_id=alternative_id,
                    criterion_id=criterion_id,
                    value=value,
                    author=author.strip(),
                    rationale=rationale.strip(),
                )
            )

    def history(self, problem_id: str) -> list[ExpertEdit]:
        with self.db.session() as s:
            rows = s.execute(
                select(ExpertEditRow, ExpertEditRangeRow)
                .outerjoin(ExpertEditRangeRow, ExpertEditRangeRow.edit_id == ExpertEditRow.id)
                .where(ExpertEditRow.problem_id == problem_id)
                .order_by(ExpertEditRow.created_at, ExpertEditRow.id)
            ).all()
            return [
                ExpertEdit(
                    kind="expert_judgment",
                    source="edited in the app" if rng is None else "workshop scoring round",
                    author=r.author,
                    date=r.created_at.date(),
                    rationale=r.rationale,
                    alternative_id=r.alternative_id,
                    criterion_id=r.criterion_id,
                    value=r.value,
                    low=None if rng is None else rng.low,
                    high=None if rng is None else rng.high,
                    range_basis=None if rng is None else rng.basis,
                )
                for r, rng in rows
            ]

    def apply(self, problem: DecisionProblem) -> DecisionProblem:
        """The problem with the latest edit of each cell applied (unknown cells ignored)."""
        latest: dict[tuple[str, str], ExpertEdit] = {}
        for edit in self.history(problem.info.id):
            latest[(edit.alternative_id, edit.criterion_id)] = edit
        cells = {a: dict(row) for a, row in problem.cells.items()}
        changed = False
        for (alt, crit), edit in latest.items():
            if alt in cells and crit in cells[alt]:
                old = cells[alt][crit]
                if edit.range_basis is not None and _inside(edit.value, edit.low, edit.high):
                    low, high = edit.low, edit.high
                elif _inside(edit.value, old.low, old.high):
                    low, high = old.low, old.high
                else:
                    low, high = None, None
                cells[alt][crit] = Cell(
                    value=edit.value,
                    provenance=Provenance(
                        kind="expert_judgment" if edit.value is not None else "missing",
                        source=edit.source,
                        author=edit.author,
                        date=edit.date,
                        rationale=edit.rationale,
                    ),
                    low=low,
                    high=high,
                )
                changed = True
        return problem.model_copy_validated(cells=cells) if changed else problem


def _inside(value: float | None, low: float | None, high: float | None) -> bool:
    return value is not None and (low is None or low <= value) and (high is None or value <= high)
