"""A SQLite file's write-ahead log is copied back into the file by Database's Checkpointer once the
writes pause, never inside a commit (SQLite's automatic checkpoint would make that commit, and every
submission batched with it, wait for the copy and its fsync)."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, LargeBinary, MetaData, Table, insert, text

from mcda.storage import Database
from mcda.storage import db as db_module
from mcda.storage.db import sqlite_file

BLOBS = Table("checkpoint_blobs", MetaData(), Column("id", Integer, primary_key=True), Column("data", LargeBinary))


def rows_in_file(path: Path) -> int:
    """The blobs the database file itself holds, its log left unread: what has been copied back."""
    connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM checkpoint_blobs").fetchone()[0]
    finally:
        connection.close()


def wait_for(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


@pytest.fixture
def open_blobs(tmp_path, monkeypatch):
    """Opens a database file whose checkpoints wait ``quiet`` and ``latest`` seconds, with the blob table
    already copied into the file and no checkpoint due (a long wait: one still due, never reached)."""
    opened: list[Database] = []

    def open_database(quiet: float, latest: float = 3600.0) -> tuple[Database, Path, db_module.Checkpointer]:
        monkeypatch.setattr(db_module, "CHECKPOINT_QUIET_S", quiet)
        monkeypatch.setattr(db_module, "CHECKPOINT_LATEST_S", latest)
        path = tmp_path / f"blobs{len(opened)}.sqlite"
        database = Database(f"sqlite:///{path}")
        opened.append(database)
        with database.connection(write=True) as connection:
            BLOBS.create(connection)
        checkpointer = database.checkpointer
        assert checkpointer is not None and (checkpointer.quiet, checkpointer.latest) == (quiet, latest)
        if min(quiet, latest) < 60:
            assert wait_for(lambda: not checkpointer.pending)
        else:
            checkpointer.checkpoint()
        assert rows_in_file(path) == 0
        return database, path, checkpointer

    yield open_database
    for database in opened:
        database.dispose()


def write_blob(database: Database, size: int = 1000) -> None:
    database.batched_write(lambda connection: connection.execute(insert(BLOBS).values(data=b"x" * size)))


def test_the_database_s_connections_leave_checkpoints_to_it(open_blobs) -> None:
    database, path, checkpointer = open_blobs(3600.0)
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA wal_autocheckpoint")).scalar_one() == 0
    # 6 MB of log: SQLite on its own would copy it back inside the commit past 1000 pages (4 MB)
    for _ in range(24):
        write_blob(database, 250_000)
    assert rows_in_file(path) == 0
    busy, logged, copied = checkpointer.checkpoint()
    assert (busy, copied) == (0, logged) and logged > 1000
    assert rows_in_file(path) == 24


def test_the_log_is_copied_once_the_writes_pause(open_blobs) -> None:
    database, path, checkpointer = open_blobs(0.5)
    before = checkpointer.checkpoints
    for _ in range(20):  # 20 writes about 10 ms apart: no pause of 0.5 s
        write_blob(database)
        time.sleep(0.01)
    assert checkpointer.checkpoints == before and checkpointer.pending
    assert wait_for(lambda: not checkpointer.pending)
    assert checkpointer.checkpoints == before + 1
    assert rows_in_file(path) == 20
    time.sleep(0.7)  # nothing written since: nothing more to copy
    assert checkpointer.checkpoints == before + 1


def test_writes_that_never_pause_are_copied_after_the_longest_wait(open_blobs) -> None:
    database, path, checkpointer = open_blobs(3600.0, 0.3)
    before = checkpointer.checkpoints
    written = 0
    deadline = time.monotonic() + 20.0
    while checkpointer.checkpoints == before and time.monotonic() < deadline:
        write_blob(database)
        written += 1
        time.sleep(0.01)
    assert checkpointer.checkpoints == before + 1
    assert 0 < rows_in_file(path) <= written


def test_each_kind_of_write_transaction_makes_a_checkpoint_due(open_blobs) -> None:
    database, path, checkpointer = open_blobs(0.05)
    before = checkpointer.checkpoints
    with database.connection(write=True) as connection:
        connection.execute(insert(BLOBS).values(data=b"c"))
    assert checkpointer.pending
    assert wait_for(lambda: checkpointer.checkpoints == before + 1)
    with database.session(write=True) as session:
        session.execute(insert(BLOBS).values(data=b"s"))
    assert wait_for(lambda: checkpointer.checkpoints == before + 2)
    write_blob(database)
    assert wait_for(lambda: checkpointer.checkpoints == before + 3)
    assert rows_in_file(path) == 3


def test_a_read_makes_no_checkpoint_due(open_blobs) -> None:
    database, _path, checkpointer = open_blobs(0.05)
    with database.session() as session:
        session.execute(text("SELECT 1"))
    with database.connection() as connection:
        connection.execute(text("SELECT 1"))
    assert not checkpointer.pending


def test_dispose_ends_a_waiting_checkpoint_at_once_and_none_comes_after(open_blobs) -> None:
    database, path, checkpointer = open_blobs(3600.0)
    write_blob(database)
    assert checkpointer.pending
    start = time.monotonic()
    database.dispose()
    assert time.monotonic() - start < 5.0
    assert not checkpointer.pending
    assert not any(t.name == "sqlite-checkpoint" for t in threading.enumerate())
    checkpointer.wrote()
    assert not checkpointer.pending
    assert checkpointer.checkpoints == 1  # open_blobs's own
    assert rows_in_file(path) == 1  # closing the last connection copied the log back (SQLite does that)


def test_a_failed_checkpoint_is_logged_and_tried_again_after_the_next_write(open_blobs, monkeypatch, caplog) -> None:
    database, path, checkpointer = open_blobs(0.05)
    real = checkpointer.checkpoint
    calls: list[int] = []

    def failing_once() -> tuple[int, int, int]:
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("disk I/O error")
        return real()

    monkeypatch.setattr(checkpointer, "checkpoint", failing_once)
    with caplog.at_level(logging.WARNING, logger="mcda.storage.db"):
        write_blob(database)
        assert wait_for(lambda: not checkpointer.pending)
    assert calls == [1]
    assert "checkpoint of the SQLite log failed" in caplog.text
    assert rows_in_file(path) == 0
    write_blob(database)
    assert wait_for(lambda: not checkpointer.pending)
    assert len(calls) == 2
    assert rows_in_file(path) == 2


def test_only_a_sqlite_file_has_a_checkpointer(tmp_path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path / 'a.sqlite'}") == str(tmp_path / "a.sqlite")
    assert sqlite_file(f"sqlite:///{tmp_path / 'a.sqlite'}?timeout=5") == str(tmp_path / "a.sqlite")
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None
    database = Database("sqlite://")
    try:
        assert database.checkpointer is None
        with database.connection(write=True) as connection:
            connection.execute(text("SELECT 1"))
    finally:
        database.dispose()
