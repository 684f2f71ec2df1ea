"""Named weight sets per problem: save (optionally overwriting), list, get and delete."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..errors import InputError, Issue
from ..models import WeightOrigin, WeightSet
from .db import Database
from .tables import WeightSetRow


class WeightSetStore:
    def __init__(self, db: Database):
        self.db = db

    def save(self, problem_id: str, weight_set: WeightSet, overwrite: bool = False) -> None:
        if not weight_set.name.strip():
            raise InputError(
                Issue(
                    "parameter_invalid",
                    details={
                        "reason": "a saved weight set needs a name",
                        "reason_nb": "et lagret vektsett trenger et navn",
                    },
                )
            )
        with self.db.session(write=True) as s:
            row = s.scalar(
                select(WeightSetRow).where(WeightSetRow.problem_id == problem_id, WeightSetRow.name == weight_set.name)
            )
            if row is not None and not overwrite:
                raise _name_taken(weight_set.name)
            data = {
                "weights": dict(weight_set.weights),
                "origin": weight_set.origin.model_dump(mode="json"),
                "notes": list(weight_set.notes),
            }
            if row is None:
                s.add(WeightSetRow(problem_id=problem_id, name=weight_set.name, **data))
                try:
                    s.flush()
                except IntegrityError:  # another writer took the name meanwhile (PostgreSQL)
                    raise _name_taken(weight_set.name) from None
            else:
                for key, value in data.items():
                    setattr(row, key, value)

    def list(self, problem_id: str) -> list[WeightSet]:
        with self.db.session() as s:
            rows = s.scalars(
                select(WeightSetRow)
                .where(WeightSetRow.problem_id == problem_id)
                .order_by(WeightSetRow.created_at, WeightSetRow.id)
            ).all()
            return [_weight_set(r) for r in rows]

    def get(self, problem_id: str, name: str) -> WeightSet | None:
        with self.db.session() as s:
            row = s.scalar(select(WeightSetRow).where(WeightSetRow.problem_id == problem_id, WeightSetRow.name == name))
            return None if row is None else _weight_set(row)

    def delete(self, problem_id: str, name: str) -> bool:
        with self.db.session(write=True) as s:
            row = s.scalar(select(WeightSetRow).where(WeightSetRow.problem_id == problem_id, WeightSetRow.name == name))
            if row is None:
                return False
            s.delete(row)
            return True


def _name_taken(name: str) -> InputError:
    reason = "a weight set with this name exists; choose another name or overwrite it"
    reason_nb = "det finnes allerede et vektsett med dette navnet; velg et annet navn eller erstatt det"
    return InputError(Issue("parameter_invalid", value=name, details={"reason": reason, "reason_nb": reason_nb}))


def _weight_set(row: WeightSetRow) -> WeightSet:
    return WeightSet(
        name=row.name,
        weights=dict(row.weights),
        origin=WeightOrigin(**row.origin),
        notes=tuple(row.notes or ()),
    )
