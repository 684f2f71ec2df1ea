"""The engine: the default URL, and SQLite in WAL mode with a busy timeout, also when opened at once."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from mcda.storage import default_url
from mcda.storage.db import make_engine, use_wal


def test_default_url_is_a_sqlite_file_unless_the_environment_says_otherwise(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("MCDA_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)  # the checkout's var/ is used whatever the working directory
    root = Path(__file__).resolve().parents[2]
    assert default_url() == f"sqlite:///{root / 'var' / 'mcda.sqlite'}"
    monkeypatch.setenv("MCDA_DATABASE_URL", "sqlite:///elsewhere.db")
    assert default_url() == "sqlite:///elsewhere.db"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_connections_switching_a_new_file_to_wal_at_once_all_succeed(tmp_path) -> None:
    # Switching a new file to WAL takes its exclusive lock, and SQLite answers "database is
    # locked" at once to the others trying at the same moment: with a single try, about one trial
    # in ten of six connections failed here (and one of four processes in CI's migration test).
    for trial in range(150):
        path = tmp_path / f"new-{trial}.sqlite"
        connections = [sqlite3.connect(path, timeout=30, check_same_thread=False) for _ in range(6)]
        barrier = threading.Barrier(len(connections))
        errors: list[Exception] = []

        def switch(connection: sqlite3.Connection, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                use_wal(connection.cursor())
            except Exception as exc:  # noqa: BLE001 - asserted below, with the trial
                errors.append(exc)  # noqa: B023 - joined before the next trial

        threads = [threading.Thread(target=switch, args=(c,)) for c in connections]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [c.execute("PRAGMA journal_mode").fetchone()[0] for c in connections] == ["wal"] * 6
        for c in connections:
            c.close()
        assert not errors, (trial, errors)


def test_every_new_sqlite_connection_is_switched_by_use_wal(monkeypatch, tmp_path) -> None:
    switched: list[object] = []
    monkeypatch.setattr("mcda.storage.db.use_wal", switched.append)
    engine = make_engine(f"sqlite:///{tmp_path / 'wired.sqlite'}")
    with engine.connect(), engine.connect():
        pass
    engine.dispose()
    assert len(switched) == 2


def test_use_wal_gives_up_after_its_timeout_and_raises_other_errors_at_once(tmp_path) -> None:
    path = tmp_path / "held.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t(x)")
    holder.execute("BEGIN EXCLUSIVE")  # nobody else may switch the journal mode meanwhile
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    start = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        use_wal(other.cursor(), timeout_s=0.2)
    assert 0.2 <= time.monotonic() - start < 2.0
    holder.execute("ROLLBACK")
    use_wal(other.cursor(), timeout_s=0.2)
    assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    other.close()
    holder.close()
    closed = sqlite3.connect(":memory:")
    cursor = closed.cursor()
    closed.close()
    with pytest.raises(sqlite3.ProgrammingError):
        use_wal(cursor, timeout_s=5.0)
