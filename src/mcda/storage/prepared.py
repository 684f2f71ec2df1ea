"""The statements of the busiest call, compiled once per dialect and run on the DBAPI cursor.

``Connection.execute`` builds an execution context for every call (parameters, events, result
metadata); on SQLite that takes about twice as long as running the statement, and a workshop
submission holds the write lock meanwhile. :class:`Prepared` keeps what that context computes
and what never changes between calls: the SQL, the order of its parameters, and how each
parameter and result column is processed, by SQLAlchemy's own processors of the column types
(so the values sent and read are those ``execute`` sends and reads). It runs the statement on
the DBAPI cursor of the caller's connection, inside the caller's transaction.

What ``execute`` gives callers is kept: ``before_cursor_execute`` listeners see the statement
(:func:`mcda.storage.db.sent_statements` counts it), and a DBAPI error is raised as
SQLAlchemy's exception of its kind (``DBAPIError.instance``), so a busy database is retried as
after any other statement; a lost connection is invalidated.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.selectable import Select

Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class _Compiled:
    """A statement as one dialect runs it."""

    sql: str
    order: tuple[str, ...] | None  # the parameters' names in the order of a positional paramstyle
    constants: dict[str, Any]  # values the statement carries itself (e.g. a revision's 0 and + 1)
    processors: dict[str, Processor]  # parameter name -> its type's bind processor
    columns: tuple[Processor | None, ...]  # each result column's result processor


class Prepared:
    """A Core statement (a SELECT, or an INSERT/UPDATE/DELETE with or without RETURNING) whose
    parameters are all plain bound values (no expanding IN) and whose result columns are
    processed the same whatever type code the DBAPI reports (ints, text, JSON)."""

    def __init__(self, statement: Select[Any] | UpdateBase) -> None:
        self.statement = statement
        self._returns_rows = bool(statement.exported_columns)  # a SELECT, or RETURNING
        self._compiled: dict[tuple[Any, ...], _Compiled] = {}
        self._lock = threading.Lock()

    def first(self, connection: Connection | Session, params: Mapping[str, Any]) -> Sequence[Any] | None:
        """The first row of the statement run with ``params`` in the transaction of ``connection``
        (in an ORM session's, through ``Session.execute``: it may have objects to flush first)."""
        if isinstance(connection, Session):
            result = connection.execute(self.statement, params)
            return result.first() if self._returns_rows else None
        return self._run(connection, params)

    def _run(self, connection: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        dialect = connection.dialect
        compiled = self._for(dialect)
        values = {**compiled.constants, **params}
        for name, process in compiled.processors.items():
            values[name] = process(values[name])
        parameters: Any = values if compiled.order is None else tuple(values[name] for name in compiled.order)
        row = run_on_cursor(connection, compiled.sql, parameters)
        if row is None:
            return None
        return tuple(value if process is None else process(value) for value, process in zip(row, compiled.columns))

    def _for(self, dialect: Dialect) -> _Compiled:
        key = (dialect.name, dialect.driver, dialect.paramstyle, dialect.server_version_info)
        found = self._compiled.get(key)
        if found is None:
            with self._lock:  # one compilation: callers that missed it meanwhile take the first one's
                found = self._compiled.get(key)
                if found is None:
                    found = self._compiled[key] = _compile(self.statement, dialect)
        return found


def _compile(statement: Select[Any] | UpdateBase, dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    if "POSTCOMPILE" in compiled.string or compiled.escaped_bind_names:
        raise ValueError("a prepared statement takes plain parameters with plain names")
    binds = compiled.binds
    processors: dict[str, Processor] = {}
    for name, bind in binds.items():
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors[name] = process
    return _Compiled(
        sql=compiled.string,
        order=tuple(compiled.positiontup or ()) if compiled.positional else None,
        constants={name: bind.effective_value for name, bind in binds.items() if not bind.required},
        processors=processors,
        columns=tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in statement.exported_columns
        ),
    )


def run_on_cursor(connection: Connection, sql: str, parameters: Any = ()) -> Sequence[Any] | None:
    """``sql`` run on the DBAPI cursor of ``connection``: its first row, if it returns rows.

    ``before_cursor_execute`` listeners are told; a DBAPI error is raised as SQLAlchemy's
    exception of its kind, and a lost connection is invalidated, as ``execute`` does."""
    dialect = connection.dialect
    dbapi_connection = connection.connection.dbapi_connection
    assert dbapi_connection is not None  # an open connection
    cursor = dbapi_connection.cursor()
    try:
        connection.dispatch.before_cursor_execute(connection, cursor, sql, parameters, None, False)
        cursor.execute(sql, parameters)
        return cursor.fetchone() if cursor.description else None
    except dialect.loaded_dbapi.Error as exc:
        lost = dialect.is_disconnect(exc, dbapi_connection, cursor)
        if lost:
            connection.invalidate(exc)
        raise DBAPIError.instance(
            sql,
            parameters,
            exc,
            dialect.loaded_dbapi.Error,
            hide_parameters=True,  # as every engine of make_engine
            connection_invalidated=lost,
            dialect=dialect,
        ) from exc
    finally:
        cursor.close()
