"""The engine, the schema and transactions: the one place that opens the database.

SQLAlchemy with a SQLite file by default (``var/mcda.sqlite`` in the source checkout, or
the working directory) or any SQLAlchemy URL in ``MCDA_DATABASE_URL``. SQLite runs in WAL
mode with a busy timeout; write transactions start with ``BEGIN IMMEDIATE`` so a
read-then-write cannot be overtaken by another writer; a file's log is copied back into it after the
writes pause, by a thread of its own (:class:`Checkpointer`), not inside a member's commit. Opening a
database brings its schema to the newest revision of :mod:`mcda.storage.migrations` (Alembic): a new
database gets every table of :mod:`mcda.storage.tables`, an older one is upgraded in place, one from a
newer version is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, overload

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from .migrations import UpgradeResult, upgrade_to_head
from .prepared import run_on_cursor

T = TypeVar("T")
log = logging.getLogger(__name__)
ENV_URL = "MCDA_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# PostgreSQL connection pool per app process: 5 kept open, up to 10 more under load, a request waits
# at most 30 s for a free connection, and every connection is tested before use (the server may have
# closed it); a workshop of 30 members makes short transactions, so 15 connections are ample.
POSTGRES_POOL = {"pool_size": 5, "max_overflow": 10, "pool_timeout": 30, "pool_pre_ping": True}
# a SQLite file's checkpoint: once the writes have paused this long, or this long after the first write
# not yet copied if they never pause (a burst of 30 submissions lasts about 40 ms)
CHECKPOINT_QUIET_S = 0.25
CHECKPOINT_LATEST_S = 5.0


def default_url() -> str:
    """``MCDA_DATABASE_URL``, else ``var/mcda.sqlite`` in the source checkout (or the working directory)."""
    return os.environ.get(ENV_URL) or f"sqlite:///{_home() / 'var' / 'mcda.sqlite'}"


def _home() -> Path:
    checkout = Path(__file__).resolve().parents[3]  # src/mcda/storage/db.py -> the checkout
    return checkout if (checkout / "pyproject.toml").exists() and (checkout / "app.py").exists() else Path.cwd()


class Database:
    """Engine, schema and transactions for one database URL.

    The schema is brought to the head revision on opening (``upgrade``, see
    :func:`mcda.storage.migrations.upgrade_to_head`); :class:`mcda.errors.InputError` when the
    database comes from a newer version or holds tables not of this tool (nothing is written then).
    """

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.engine = make_engine(self.url, own_checkpoints=True)
        try:
            self.upgrade: UpgradeResult = upgrade_to_head(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        # SQLite has one writer at a time; writers of this process queue here instead of
        # polling the file lock (SQLite's busy handler sleeps up to 100 ms between tries)
        self._write_lock = threading.Lock() if self.is_sqlite else None
        self._queued: list[_QueuedWrite] = []  # batched_write's calls not yet run (guarded by _queue_lock)
        self._queue_lock = threading.Lock()
        self.checkpointer = Checkpointer(self.engine) if sqlite_file(self.url) else None
        if self.upgrade.changed or self.upgrade.adopted:
            self._wrote()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on any error.

        ``write=True`` for a transaction that reads and then writes: ``BEGIN IMMEDIATE`` on
        SQLite, one writer of this process at a time (PostgreSQL callers lock the rows they
        depend on instead).
        """
        if write and self._write_lock is not None:
            with self._write_lock, self._write_sessions() as session, session.begin():
                yield session
            self._wrote()
            return
        factory = self._write_sessions if write else self._sessions
        with factory() as session, session.begin():
            yield session

    @contextmanager
    def connection(self, write: bool = False) -> Iterator[Connection]:
        """A transaction on a plain connection (Core statements only), as :meth:`session` otherwise.

        For the busiest calls (a submission): the ORM session's bookkeeping costs more than
        the statements of such a transaction, and it holds the write lock meanwhile.
        """
        if write and self._write_lock is not None:
            with self._write_lock, self._write_engine.begin() as connection:
                yield connection
            self._wrote()
            return
        with (self._write_engine if write else self.engine).begin() as connection:
            yield connection

    def batched_write(self, work: Callable[[Connection], T]) -> T:
        """``work(connection)`` in a write transaction, as :meth:`connection` runs it, and its result.

        On SQLite, the calls that queue while another transaction holds the write lock run together
        in the next one, each in a savepoint of its own, in the order they came: one commit for all
        (the commit, the transaction and the connection cost more than a submission's statements, and
        SQLite commits one transaction at a time). A call whose ``work`` raises is rolled back to its
        savepoint and raises in its caller; if the transaction fails (its commit, say), every call of
        it raises and none is stored. A call alone in its transaction runs as :meth:`connection` runs
        it. ``work`` may run on another caller's thread, so it must not open a transaction itself.
        PostgreSQL: one transaction per call.
        """
        if self._write_lock is None:
            with self.connection(write=True) as connection:
                return work(connection)
        call = _QueuedWrite(work)
        with self._queue_lock:
            self._queued.append(call)
        with self._write_lock:
            if not call.done:  # not run by the transaction before: this one runs the queue
                with self._queue_lock:
                    batch, self._queued = self._queued, []
                self._run_batch(batch)
                self._wrote()
        if call.error is not None:
            raise call.error
        return call.result

    def _run_batch(self, batch: list[_QueuedWrite]) -> None:
        try:
            with self._write_engine.begin() as connection:
                if len(batch) == 1:
                    batch[0].result = batch[0].work(connection)  # an error rolls the transaction back
                else:
                    for call in batch:
                        run_on_cursor(connection, "SAVEPOINT queued_write")
                        try:
                            call.result = call.work(connection)
                        except Exception as exc:  # noqa: BLE001 - raised in its own caller
                            run_on_cursor(connection, "ROLLBACK TO queued_write")
                            call.error = exc
                        run_on_cursor(connection, "RELEASE queued_write")
        except BaseException as exc:  # nothing of the batch is stored: each call raises
            for call in batch:
                call.result = None
                if call.error is None:
                    call.error = exc
        finally:
            for call in batch:
                call.done = True

    def _wrote(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.wrote()

    def dispose(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.close()
        self.engine.dispose()


class Checkpointer:
    """Copies a SQLite file's write-ahead log back into the file once the writes pause.

    SQLite's own automatic checkpoint runs inside the commit that takes the log past 1000 pages: that
    commit waits for the copy and its fsync (about 25 ms here), and so does every submission batched
    with it. It is turned off on the database's connections (``wal_autocheckpoint=0``, :func:`make_engine`);
    instead, after each write transaction of :class:`Database` (:meth:`wrote`), a thread of this class
    runs a PASSIVE checkpoint (it never blocks a reader or a writer) once no write has come for
    ``CHECKPOINT_QUIET_S``, or ``CHECKPOINT_LATEST_S`` after the first write not yet copied (``quiet``
    and ``latest``). The thread ends once nothing written is left to copy. The log is also copied when
    the last connection closes, as always.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.quiet, self.latest = CHECKPOINT_QUIET_S, CHECKPOINT_LATEST_S
        self.checkpoints = 0  # run so far (tests and benchmarks)
        self._changed = threading.Condition()  # guards what follows; notified when closed
        self._first: float | None = None  # monotonic times of the first and last write not yet copied
        self._last = 0.0
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def pending(self) -> bool:
        """A checkpoint is due or under way."""
        with self._changed:
            return self._thread is not None

    def wrote(self) -> None:
        """A write transaction has committed: a checkpoint is due after the next pause."""
        now = time.monotonic()
        with self._changed:
            if self._closed:
                return
            self._last = now
            if self._first is None:
                self._first = now
            if self._thread is None:
                self._thread = threading.Thread(target=self._copy_while_due, name="sqlite-checkpoint", daemon=True)
                self._thread.start()

    def _copy_while_due(self) -> None:
        while self._wait_until_due():
            try:
                self.checkpoint()
            except Exception:  # noqa: BLE001 - tried again after the next write; SQLite's log is intact
                log.warning("checkpoint of the SQLite log failed", exc_info=True)

    def _wait_until_due(self) -> bool:
        """Waits for the pause (or the longest wait); False, and the thread ends, once nothing written is
        left to copy or the database is closed."""
        with self._changed:
            while not self._closed and self._first is not None:
                wait = min(self._last + self.quiet, self._first + self.latest) - time.monotonic()
                if wait <= 0:
                    self._first = None  # writes from now on wait for the next checkpoint
                    return True
                self._changed.wait(wait)
            self._thread = None
            return False

    def checkpoint(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint now: SQLite's (busy, pages in the log, pages copied)."""
        raw = self.engine.raw_connection()  # no BEGIN: a checkpoint cannot run inside a transaction
        try:
            cursor = raw.cursor()
            busy, logged, copied = cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            cursor.close()
        finally:
            raw.close()
        self.checkpoints += 1
        return busy, logged, copied

    def close(self) -> None:
        """No checkpoint after this one; waits for one under way."""
        with self._changed:
            self._closed = True
            thread = self._thread
            self._changed.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)


@dataclass
class _QueuedWrite:
    """One call of :meth:`Database.batched_write`: its work, and once run, its result or error."""

    work: Callable[[Connection], Any]
    done: bool = False
    result: Any = None
    error: BaseException | None = None


def sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL; None for another database or SQLite in memory."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[1].split("?", 1)[0] if "///" in url else ""
    return path if path and path != ":memory:" else None


def make_engine(url: str, own_checkpoints: bool = False) -> Engine:
    """The engine for ``url``; statement parameters (join codes, names) never appear in errors or logs.

    ``own_checkpoints``: a SQLite file's connections leave the log's checkpoints to the caller (a
    :class:`Checkpointer`); otherwise SQLite runs them itself in the commits."""
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            hide_parameters=True,
        )
        _configure_sqlite(engine, own_checkpoints=own_checkpoints and path is not None)
        return engine
    return create_engine(url, hide_parameters=True, **POSTGRES_POOL)


def _configure_sqlite(engine: Engine, own_checkpoints: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        use_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if own_checkpoints:  # not inside a commit: a Checkpointer copies the log after the writes
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        run_on_cursor(connection, f"BEGIN {mode}")  # as exec_driver_sql, without its execution context


def use_wal(cursor: Any, timeout_s: float = SQLITE_BUSY_TIMEOUT_MS / 1000) -> None:
    """Switch the file to WAL mode, retried while another connection holds its lock.

    Switching a new file needs its exclusive lock; when several connections try at once, SQLite
    answers "database is locked" at once instead of waiting (its busy handler is not called
    where waiting could deadlock), so the wait happens here, within the busy timeout."""
    deadline, pause = time.monotonic() + timeout_s, 0.001
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(2 * pause, 0.05)


@contextmanager
def sent_statements(engine: Engine) -> Iterator[list[str]]:
    """What the engine sends inside the block: "BEGIN" for each transaction, then the SQL of each
    statement (for tests and benchmarks that count a call's round trips)."""
    sent: list[str] = []

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if not sql.startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE is sent as a statement: counted below
            sent.append(sql)

    def begin(_conn: Any) -> None:
        sent.append("BEGIN")

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "begin", begin)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "begin", begin)


@overload
def as_utc(value: dt.datetime) -> dt.datetime: ...
@overload
def as_utc(value: None) -> None: ...
def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A timestamp as read back, timezone-aware: SQLite hands back naive datetimes, written in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
