"""What a submission asks of the database, and what the workshop service keeps in memory.

A submission checks the judgments before its write transaction, against the member's workshop
as the process last read it, and then writes in one short transaction; results that never
change are computed once even when many members ask at the same moment. Like
tests/test_workshop.py, every test that takes ``service`` runs on a fresh SQLite file and, with
``MCDA_TEST_POSTGRES_URL``, on PostgreSQL in a schema of its own.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
import test_workshop as shared

from mcda.errors import InputError
from mcda.storage import workshops
from mcda.storage.db import sent_statements
from mcda.workshop import RoundStateError
from mcda.workshop import service as service_module
from mcda.workshop.memo import Memo

postgres_url = shared.postgres_url
database_url = shared.database_url
service = shared.service
workshop = shared.workshop
run_at_once = shared.run_at_once
saaty_matrix = shared.saaty_matrix
CRITERIA = shared.CRITERIA


# --- the submission's transaction -------------------------------------------------------------


def test_a_submission_is_one_short_transaction_that_never_reads_the_problem(service, workshop) -> None:
    member = service.join(workshop.join_code, "Kari")
    rng = np.random.default_rng(1)
    with sent_statements(service.db.engine) as sent:
        first = service.submit(member.token, saaty_matrix(rng))
        second = service.submit(member.token, saaty_matrix(rng))
    assert (first.revision, second.revision) == (1, 2)
    transactions = [i for i, sql in enumerate(sent) if sql == "BEGIN"]
    assert len(transactions) == 2  # one per submission: the judgments were checked before it
    statements = sent[transactions[1] + 1 :]
    # the member with their workshop and round; supersede; insert (with the revision) - nothing else
    assert len(statements) == 3, statements
    assert statements[0].lstrip().upper().startswith("SELECT")
    assert statements[1].lstrip().upper().startswith("UPDATE workshop_submissions".upper())
    assert statements[2].lstrip().upper().startswith("INSERT INTO workshop_submissions".upper())
    assert not any("workshops.problem," in sql or "workshops.problem " in sql for sql in sent)
    if service.db.is_sqlite:
        assert "FOR" not in statements[0].split("WHERE")[-1]
    else:  # the member's row and the round, locked by the same statement
        assert "FOR NO KEY UPDATE OF workshop_participants FOR SHARE OF workshop_rounds" in statements[0]


def test_a_submission_waiting_for_a_closing_round_is_refused_and_stores_nothing(service, workshop, monkeypatch) -> None:
    member = service.join(workshop.join_code, "Kari")
    matrix = saaty_matrix(np.random.default_rng(2))
    service.submit(member.token, matrix)  # the member's workshop is now known: no read before the write
    inside, release = threading.Event(), threading.Event()
    real = workshops.mark_round_closed

    def slow_close(*args, **kwargs):
        real(*args, **kwargs)
        inside.set()
        release.wait(10)

    monkeypatch.setattr(workshops, "mark_round_closed", slow_close)
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            service.submit(member.token, matrix)
        except RoundStateError as exc:
            errors.append(exc)

    closer = threading.Thread(target=lambda: service.close_round(workshop.facilitator_key))
    closer.start()
    assert inside.wait(10)
    submitter = threading.Thread(target=submit)
    submitter.start()
    submitter.join(0.3)
    assert submitter.is_alive()  # waits for the closing transaction
    release.set()
    closer.join(10)
    submitter.join(10)
    assert [e.issues[0].code for e in errors] == ["workshop_round_closed"]
    result = service.group_result(workshop.facilitator_key)
    assert result.member(1).revision == 1
    assert shared.count_submissions(service, workshop.id) == 1


def test_judgments_checked_against_another_workshop_are_checked_again(service, workshop) -> None:
    """The workshop kept for a member's token is a hint; the write transaction has the last word.

    Before: nothing to test (every submission read the workshop twice). Now a stale entry (a
    database replaced under a running app) must neither store judgments checked against the
    wrong criteria nor refuse right ones."""
    other = service.create_workshop(name="Other", criteria=CRITERIA[:3], mode="ahp")
    member = service.join(workshop.join_code, "Kari")
    wrong = service.workshop_info(other.facilitator_key)
    with service.db.session() as s:
        stale = workshops.workshop_by_join_code(s, wrong.join_code)
    digest = service_module.digest(member.token)
    service._seats.put(digest, stale)
    three = saaty_matrix(np.random.default_rng(3), n=3)
    with pytest.raises(InputError, match="expected a pairwise comparison matrix"):
        service.submit(member.token, three)  # checked against the member's real (4-criteria) workshop
    service._seats.put(digest, stale)
    four = saaty_matrix(np.random.default_rng(4))
    record = service.submit(member.token, four)
    assert record.revision == 1 and np.allclose(record.judgments, four)
    assert set(record.weights) == set(CRITERIA)
    assert service._seats.peek(digest).id == workshop.id


def test_an_unknown_token_is_refused_before_any_check(service, workshop) -> None:
    from mcda.workshop import AccessDenied

    with pytest.raises(AccessDenied):
        service.submit("no-such-token", "not even a matrix")
    with pytest.raises(AccessDenied):
        service.check("\ud800", [[1]])


# --- computed once ----------------------------------------------------------------------------


def test_members_opening_their_view_after_the_reveal_compute_the_group_result_once(
    service, workshop, monkeypatch
) -> None:
    """Before: 30 members opening their view right after the reveal computed the closed round's
    result (every member's ranking) 30 times at once, 34 s in the load benchmark."""
    rng = np.random.default_rng(5)
    members = [service.join(workshop.join_code, f"Member {i}") for i in range(8)]
    for m in members:
        service.submit(m.token, saaty_matrix(rng))
    service.close_round(workshop.facilitator_key, reveal=True)
    real = service._compute_group_result
    calls: list[int] = []

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "_compute_group_result", counted)
    views = run_at_once(len(members), lambda i: service.member_view(members[i].token))
    assert len(calls) == 1
    group = service.group_result(workshop.facilitator_key)
    assert len(calls) == 1  # the facilitator's result is the same cached one
    for view, member in zip(views, members, strict=True):
        assert view.revealed.weights == group.weights
        assert view.revealed.own_ranking.rank_of() == group.member(member.member_no).ranking.rank_of()


def test_a_cached_ranking_is_the_ranking_and_carries_the_callers_name(service, workshop) -> None:
    from mcda.models import WeightOrigin, WeightSet
    from mcda.ranking import rank_alternatives

    member = service.join(workshop.join_code, "Kari Nordmann")
    service.submit(member.token, saaty_matrix(np.random.default_rng(6)))
    group = service.group_result(workshop.facilitator_key)  # ranks the member's weights as "member 1"
    view = service.member_view(member.token)  # the same weights: from the cache, under the member's name
    assert group.member(1).ranking.weights.name == "member 1"
    assert view.ranking.weights.name == "Kari Nordmann"
    problem = service.problem(workshop.facilitator_key).subset(criteria=CRITERIA)
    direct = rank_alternatives(
        problem,
        WeightSet.from_raw(view.submission.weights, name="Kari Nordmann", origin=WeightOrigin(kind="workshop")),
        service.workshop_info(workshop.facilitator_key).ranking,
    )
    assert view.ranking.model_dump(exclude={"library_versions"}) == direct.model_dump(exclude={"library_versions"})


def test_memo_computes_a_missing_key_once_for_many_callers() -> None:
    memo: Memo[str, int] = Memo(size=2)
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        started.set()
        release.wait(10)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(memo.get("k", slow))) for _ in range(6)]
    for t in threads:
        t.start()
    assert started.wait(10)
    release.set()
    for t in threads:
        t.join(10)
    assert results == [42] * 6 and len(calls) == 1


def test_memo_waiters_compute_themselves_when_the_first_fails_and_old_keys_go() -> None:
    memo: Memo[str, int] = Memo(size=2)
    started, release = threading.Event(), threading.Event()

    def failing() -> int:
        started.set()
        release.wait(10)
        raise ValueError("first one fails")

    errors: list[BaseException] = []

    def first() -> None:
        try:
            memo.get("k", failing)
        except ValueError as exc:
            errors.append(exc)

    failer = threading.Thread(target=first)
    failer.start()
    assert started.wait(10)
    waited: list[int] = []
    waiter = threading.Thread(target=lambda: waited.append(memo.get("k", lambda: 7)))
    waiter.start()
    release.set()
    failer.join(10)
    waiter.join(10)
    assert len(errors) == 1 and waited == [7]
    assert memo.get("k", lambda: 8) == 7  # the waiter's value stayed
    memo.put("a", 1)
    memo.put("b", 2)  # size 2: "k" was the least recently used
    assert memo.peek("k") is None and memo.peek("a") == 1 and len(memo) == 2
