"""Database.batched_write: calls that queue while another transaction holds SQLite's write lock run
together in the next transaction, each in a savepoint; each caller gets its own result or error."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, event, func, insert, select
from sqlalchemy.engine import Connection

from mcda.storage import Database
from mcda.storage.db import sent_statements

NOTES = Table("batched_notes", MetaData(), Column("id", Integer, primary_key=True), Column("note", String(20)))


class Refused(Exception):
    pass


class Abort(BaseException):
    """Not an Exception: what no savepoint contains (as KeyboardInterrupt)."""


def add(note: str, then: Callable[[], None] | None = None) -> Callable[[Connection], int]:
    """A call that inserts ``note`` and returns how many notes its transaction sees, then runs ``then``."""

    def work(connection: Connection) -> int:
        connection.execute(insert(NOTES).values(note=note))
        seen = connection.execute(select(func.count()).select_from(NOTES)).scalar_one()
        if then is not None:
            then()
        return seen

    return work


def refuse() -> None:
    raise Refused("no")


def abort() -> None:
    raise Abort


def queued_together(db: Database, works: list[Callable[[Connection], int]]) -> list[object]:
    """Each work called from a thread of its own while this thread holds the write transaction; once
    all are queued it lets go, so one transaction runs them all. Each caller's result or error."""
    return queued_at_once(db, [lambda work=work: db.batched_write(work) for work in works])


def queued_at_once(db: Database, calls: list[Callable[[], object]]) -> list[object]:
    """Each call (one that writes through ``db.batched_write``) from a thread of its own, queued one by
    one while this thread holds the write transaction, then let go together. Each call's result or error."""
    outcomes: list[object] = [None] * len(calls)

    def call(k: int) -> None:
        try:
            outcomes[k] = calls[k]()
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            outcomes[k] = exc

    with db.connection(write=True):  # holds the write lock
        threads = []
        for k in range(len(calls)):  # one by one, so they queue in this order
            threads.append(threading.Thread(target=call, args=(k,)))
            threads[-1].start()
            deadline = time.monotonic() + 10
            while len(db._queued) < k + 1:
                assert time.monotonic() < deadline, "the call did not queue"
                time.sleep(0.001)
    for t in threads:
        t.join()
    return outcomes


def notes(db: Database) -> list[str]:
    with db.connection() as c:
        return list(c.execute(select(NOTES.c.note).order_by(NOTES.c.id)).scalars())


@pytest.fixture
def noted(db: Database) -> Database:
    NOTES.create(db.engine)
    return db


def test_calls_queued_meanwhile_share_one_transaction_in_the_order_they_came(noted: Database) -> None:
    with sent_statements(noted.engine) as sent:
        outcomes = queued_together(noted, [add(f"n{k}") for k in range(5)])
    assert outcomes == [1, 2, 3, 4, 5]  # each saw the ones before it in the same transaction
    assert notes(noted) == ["n0", "n1", "n2", "n3", "n4"]
    assert sent.count("BEGIN") == 2  # the test's own, which held the lock, and the batch's
    assert sum(sql.startswith("SAVEPOINT") for sql in sent) == 5


def test_a_call_that_raises_is_rolled_back_alone_and_raises_in_its_caller(noted: Database) -> None:
    outcomes = queued_together(noted, [add("a"), add("b", then=refuse), add("c")])
    assert outcomes[0] == 1 and outcomes[2] == 2
    assert isinstance(outcomes[1], Refused)
    assert notes(noted) == ["a", "c"]


def test_if_the_transaction_fails_every_call_raises_and_nothing_is_stored(noted: Database) -> None:
    def failing_commit(_connection: Connection) -> None:
        if threading.current_thread() is not threading.main_thread():  # the batch's, not the test's own
            raise OSError("disk full")

    event.listen(noted.engine, "commit", failing_commit)
    try:
        outcomes = queued_together(noted, [add("a"), add("b", then=refuse), add("c")])
    finally:
        event.remove(noted.engine, "commit", failing_commit)
    assert isinstance(outcomes[1], Refused)  # its own error
    assert [type(x) for k, x in enumerate(outcomes) if k != 1] == [OSError, OSError]
    assert notes(noted) == []


def test_an_error_no_savepoint_contains_ends_the_whole_batch(noted: Database) -> None:
    outcomes = queued_together(noted, [add("a"), add("b", then=abort), add("c")])
    assert [type(x) for x in outcomes] == [Abort, Abort, Abort]
    assert notes(noted) == []
    assert noted.batched_write(add("d")) == 1  # the database is usable again


def test_a_call_alone_runs_as_a_plain_write_transaction(noted: Database) -> None:
    with sent_statements(noted.engine) as sent:
        assert noted.batched_write(add("alone")) == 1
    assert sent[0] == "BEGIN" and not any("SAVEPOINT" in sql for sql in sent)
    with pytest.raises(Refused):
        noted.batched_write(add("refused", then=refuse))
    assert notes(noted) == ["alone"]


def test_many_threads_at_once_all_stored_in_fewer_transactions(noted: Database) -> None:
    count = 40
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def call(k: int) -> None:
        barrier.wait()
        results[k] = noted.batched_write(add(f"t{k}"))

    with sent_statements(noted.engine) as sent:
        threads = [threading.Thread(target=call, args=(k,)) for k in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(notes(noted)) == sorted(f"t{k}" for k in range(count))
    assert sorted(results) == list(range(1, count + 1))  # type: ignore[type-var]
    assert sent.count("BEGIN") < count


def test_postgres_runs_each_call_in_its_own_transaction(any_db: Database) -> None:
    NOTES.create(any_db.engine)
    try:
        with sent_statements(any_db.engine) as sent:
            assert any_db.batched_write(add("x")) == 1
            assert any_db.batched_write(add("y")) == 2
        assert sent.count("BEGIN") == 2
        assert notes(any_db) == ["x", "y"]
    finally:
        NOTES.drop(any_db.engine)
