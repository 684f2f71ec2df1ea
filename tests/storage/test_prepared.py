"""Prepared statements (the submission's three): the rows they store and read are those of
``Connection.execute``, byte for byte, and their errors are SQLAlchemy's; SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import IntegrityError

from mcda.storage import workshops as store
from mcda.storage.db import sent_statements

from .test_workshops import join, new_workshop

JUDGMENTS = [[1.0, 1 / 3, 7.000000000000001], [3.0, 1.0, 0.2], [1 / 7, 5.0, 1.0]]
DETAILS = {
    "consistent": False,
    "hints": [{"row": "Kraft å ø", "error": 2.5e-17}],
    "notes": ["«sitat» \u2013 \U0001f600"],
}
STORED = "judgments, weights, details, cr, carried_over, submitted_at, revision, superseded_at"


def stored_text(any_db, submission_id: int) -> tuple:
    """The row as the database holds it: JSON and timestamps as the database's own text."""
    columns = ", ".join(f"CAST({c} AS TEXT)" for c in STORED.split(", "))
    with any_db.session() as s:
        return tuple(
            s.execute(text(f"SELECT {columns} FROM workshop_submissions WHERE id = :i"), {"i": submission_id}).one()
        )


@pytest.mark.parametrize("carried_over", [False, True])
def test_a_prepared_insert_stores_what_execute_stores(any_db, carried_over) -> None:
    with any_db.session(write=True) as s:
        ws = new_workshop(s)
        rnd = store.round_by_number(s, ws.id, 1)
        kari, ola = join(s, ws.id, 1, "Kari"), join(s, ws.id, 2, "Ola")
    now = dt.datetime(2026, 12, 2, 14, 30, 5, 123456, tzinfo=dt.UTC)
    params = {
        "p_round": rnd.id,
        "p_judgments": JUDGMENTS,
        "p_weights": {"a": 0.1 + 0.2, "ø": 1e-300},
        "p_cr": 0.0812345678901234,
        "p_details": DETAILS,
        "p_carried_over": carried_over,
        "p_now": now,
    }
    ids = []
    for member, prepared in ((kari, False), (ola, True)):
        with any_db.connection(write=True) as c:
            values = {**params, "p_member": member.id}
            if prepared:
                ids.append(store._INSERT_SUBMISSION.first(c, values)[0])
            else:
                ids.append(c.execute(store._INSERT_SUBMISSION.statement, values).one()[0])
    assert stored_text(any_db, ids[0]) == stored_text(any_db, ids[1])
    with any_db.connection(write=True) as c:  # the supersede, both ways, on each member's row
        store._SUPERSEDE.first(c, {"p_round": rnd.id, "p_member": ola.id, "p_now": now})
        c.execute(store._SUPERSEDE.statement, {"p_round": rnd.id, "p_member": kari.id, "p_now": now})
    assert stored_text(any_db, ids[0]) == stored_text(any_db, ids[1])
    assert stored_text(any_db, ids[0])[-1] is not None
    with any_db.session() as s:
        assert store.current_submissions(s, rnd.id) == {}  # both superseded
        assert store.count_submission_rows(s, ws.id) == 2


def test_a_prepared_select_reads_what_execute_reads(any_db) -> None:
    with any_db.session(write=True) as s:
        ws = new_workshop(s, mode="tree")
        store.add_round(s, ws.id, 2, nodes={"chosen": ["root"], "fixed": {"g": {"x": 0.25, "y": 0.75}}})
        store.set_current_round(s, ws.id, 2)
        member = join(s, ws.id, 1, "Kari")
    for with_nodes in (False, True):
        prepared = store._SUBMISSION_SEATS[with_nodes, any_db.is_sqlite]
        with any_db.connection(write=True) as c:
            mine = prepared.first(c, {"p_digest": member.token_hash})
            theirs = tuple(c.execute(prepared.statement, {"p_digest": member.token_hash}).one())
            assert prepared.first(c, {"p_digest": "no such digest"}) is None
        assert mine == theirs
        seat = store.SubmissionSeat(*mine)
        assert (seat.participant_id, seat.round_number, seat.round_status) == (member.id, 2, "open")
        assert seat.round_nodes == (
            {"chosen": ["root"], "fixed": {"g": {"x": 0.25, "y": 0.75}}} if with_nodes else None
        )


def test_a_prepared_statement_is_counted_and_its_errors_are_sqlalchemys(any_db) -> None:
    with any_db.session(write=True) as s:
        ws = new_workshop(s)
        member = join(s, ws.id, 1, "Kari")
    values = {
        "p_round": 10**6,  # no such round: the foreign key refuses the row
        "p_member": member.id,
        "p_judgments": {},
        "p_weights": {},
        "p_cr": None,
        "p_details": {},
        "p_carried_over": False,
        "p_now": dt.datetime.now(dt.UTC),
    }
    with sent_statements(any_db.engine) as sent, pytest.raises(IntegrityError):
        with any_db.connection(write=True) as c:
            store._INSERT_SUBMISSION.first(c, values)
    assert sent[0] == "BEGIN" and sent[1].lstrip().upper().startswith("INSERT INTO WORKSHOP_SUBMISSIONS")
    with any_db.session() as s:
        assert store.count_submission_rows(s, ws.id) == 0


def test_callers_that_find_a_statement_not_yet_compiled_at_once_compile_it_once(monkeypatch) -> None:
    """Before: every caller that found no compiled form compiled the statement itself, one after
    another under the lock (PostgreSQL submissions run outside SQLite's one write lock)."""
    from sqlalchemy.dialects import postgresql

    from mcda.storage import prepared as prepared_module
    from mcda.storage.tables import WorkshopRow

    real, compiled = prepared_module._compile, []

    def slow(statement, dialect):
        compiled.append(1)
        time.sleep(0.05)  # long enough for every caller to miss it while the first compiles
        return real(statement, dialect)

    monkeypatch.setattr(prepared_module, "_compile", slow)
    table = WorkshopRow.__table__
    statement = prepared_module.Prepared(select(table.c.id).where(table.c.join_code == bindparam("p_code")))
    dialect = postgresql.psycopg.dialect()
    barrier = threading.Barrier(6)

    def compile_once() -> str:
        barrier.wait()
        return statement._for(dialect).sql

    with ThreadPoolExecutor(6) as pool:
        sqls = list(pool.map(lambda _: compile_once(), range(6)))
    assert len(compiled) == 1
    assert len(set(sqls)) == 1 and "%(p_code)s" in sqls[0]
