"""The one place that opens the database: weight sets, expert edits (and workshop tables).

SQLAlchemy with a SQLite file by default (``var/mcda.sqlite`` under the working
directory) or any SQLAlchemy URL in ``MCDA_DATABASE_URL``. SQLite runs in WAL mode with a
busy timeout; write transactions start with ``BEGIN IMMEDIATE`` so a read-then-write
cannot be overtaken by another writer. The schema is created on first use.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from .errors import InputError, Issue
from .models import Cell, DecisionProblem, Provenance, WeightOrigin, WeightSet

ENV_URL = "MCDA_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    """``MCDA_DATABASE_URL``, else ``var/mcda.sqlite`` in the source checkout (or the working directory)."""
    return os.environ.get(ENV_URL) or f"sqlite:///{_home() / 'var' / 'mcda.sqlite'}"


def _home() -> Path:
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "pyproject.toml").exists() and (checkout / "app.py").exists() else Path.cwd()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


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

    def to_model(self) -> WeightSet:
        return WeightSet(
            name=self.name,
            weights=dict(self.weights),
            origin=WeightOrigin(**self.origin),
            notes=tuple(self.notes or ()),
        )


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


class Database:
    """Engine, schema and transactions for one database URL."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.engine = make_engine(self.url)
        from .workshop import tables as _workshop_tables  # noqa: F401  (registers the workshop tables on Base)

        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on any error."""
        factory = self._write_sessions if write else self._sessions
        with factory() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


# --- weight sets ------------------------------------------------------------------------------


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
            return [r.to_model() for r in rows]

    def get(self, problem_id: str, name: str) -> WeightSet | None:
        with self.db.session() as s:
            row = s.scalar(select(WeightSetRow).where(WeightSetRow.problem_id == problem_id, WeightSetRow.name == name))
            return None if row is None else row.to_model()

    def delete(self, problem_id: str, name: str) -> bool:
        with self.db.session(write=True) as s:
            row = s.scalar(select(WeightSetRow).where(WeightSetRow.problem_id == problem_id, WeightSetRow.name == name))
            if row is None:
                return False
            s.delete(row)
            return True


def _name_taken(name: str) -> InputError:
    reason = "a weight set with this name exists; choose another name or overwrite it"
    reason_nb = "det finnes alt et vektsett med dette navnet; velg et annet navn eller erstatt det"
    return InputError(Issue("parameter_invalid", value=name, details={"reason": reason, "reason_nb": reason_nb}))


# --- expert edits -------------------------------------------------------------------------------


class ExpertEdit(Provenance):
    """An edit as read back: the value and who changed it, when and why."""

    alternative_id: str
    criterion_id: str
    value: float | None


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
            rows = s.scalars(
                select(ExpertEditRow)
                .where(ExpertEditRow.problem_id == problem_id)
                .order_by(ExpertEditRow.created_at, ExpertEditRow.id)
            ).all()
            return [
                ExpertEdit(
                    kind="expert_judgment",
                    source="edited in the app",
                    author=r.author,
                    date=r.created_at.date(),
                    rationale=r.rationale,
                    alternative_id=r.alternative_id,
                    criterion_id=r.criterion_id,
                    value=r.value,
                )
                for r in rows
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
                cells[alt][crit] = Cell(
                    value=edit.value,
                    provenance=Provenance(
                        kind="expert_judgment" if edit.value is not None else "missing",
                        source=edit.source,
                        author=edit.author,
                        date=edit.date,
                        rationale=edit.rationale,
                    ),
                    low=old.low if _inside(edit.value, old.low, old.high) else None,
                    high=old.high if _inside(edit.value, old.low, old.high) else None,
                )
                changed = True
        return problem.model_copy_validated(cells=cells) if changed else problem


def _inside(value: float | None, low: float | None, high: float | None) -> bool:
    return value is not None and (low is None or low <= value) and (high is None or value <= high)
