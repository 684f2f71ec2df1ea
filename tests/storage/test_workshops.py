"""The workshop queries on their own: rows in, detached dataclasses out, on SQLite and PostgreSQL."""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy.exc import IntegrityError

from mcda.storage import workshops as store


def new_workshop(s, **changes) -> store.StoredWorkshop:
    fields = {
        "name": "Storage test",
        "mode": "direct",
        "anonymous": False,
        "criteria": ["a", "b"],
        "problem_id": "storage-test",
        "problem": {"info": {"id": "storage-test"}},
        "problem_sha256": "0" * 64,
        "ranking": {"method": "topsis"},
        "join_code": secrets.token_hex(4).upper(),
        "facilitator_key_hash": secrets.token_hex(32),
    }
    ws = store.add_workshop(s, **(fields | changes))
    store.add_round(s, ws.id, 1)
    return ws


def join(s, workshop_id: int, member_no: int, name: str) -> store.StoredParticipant:
    return store.add_participant(
        s,
        workshop_id=workshop_id,
        member_no=member_no,
        display_name=name,
        name_key=name.casefold(),
        token_hash=secrets.token_hex(32),
    )


def submit(s, round_id: int, participant_id: int, weight: float, carried_over: bool = False) -> store.StoredSubmission:
    return store.store_submission(
        s,
        round_id,
        participant_id,
        judgments={"a": weight, "b": 1.0},
        weights={"a": weight / (weight + 1), "b": 1 / (weight + 1)},
        cr=None,
        details={"notes": []},
        carried_over=carried_over,
    )


def test_workshops_are_found_by_key_digest_join_code_and_id(any_db) -> None:
    with any_db.session(write=True) as s:
        ws = new_workshop(s)
    with any_db.session() as s:
        assert store.workshop_by_key_digest(s, ws.facilitator_key_hash) == ws
        assert store.workshop_by_join_code(s, ws.join_code, lock="update") == ws
        assert store.workshop_by_id(s, ws.id) == ws
        assert store.join_code_taken(s, ws.join_code)
        assert store.workshop_by_key_digest(s, secrets.token_hex(32)) is None
        assert store.workshop_by_join_code(s, "NOSUCHCODE") is None
        assert store.problem_snapshot(s, ws.id) == {"info": {"id": "storage-test"}}
    assert ws.created_at.tzinfo is not None and ws.current_round == 1


def test_members_get_the_next_number_and_names_are_unique_per_workshop(any_db) -> None:
    with any_db.session(write=True) as s:
        ws = new_workshop(s)
        assert store.last_member_no(s, ws.id, "kari") == (0, False) and store.participants(s, ws.id) == ()
        join(s, ws.id, 1, "Kari")
        join(s, ws.id, 2, "Ola")
    with any_db.session() as s:
        members = store.participants(s, ws.id)
        assert [(m.member_no, m.display_name) for m in members] == [(1, "Kari"), (2, "Ola")]
        assert store.participant_by_token_digest(s, members[1].token_hash) == members[1]
        assert store.last_member_no(s, ws.id, "kari") == (2, True) and store.participant_count(s, ws.id) == 2
        assert store.last_member_no(s, ws.id, "nora") == (2, False)
    with pytest.raises(IntegrityError), any_db.session(write=True) as s:  # a concurrent join with the same name
        join(s, ws.id, 3, "KARI")
    with any_db.session() as s:
        assert store.participant_count(s, ws.id) == 2


def test_a_resubmission_supersedes_the_current_one_and_every_revision_is_kept(any_db) -> None:
    with any_db.session(write=True) as s:
        ws = new_workshop(s)
        member = join(s, ws.id, 1, "Kari")
        round1 = store.round_by_number(s, ws.id, 1, lock="update")
        first = submit(s, round1.id, member.id, 1.0)
    with any_db.session(write=True) as s:
        second = submit(s, round1.id, member.id, 3.0)
    assert (first.revision, second.revision) == (1, 2) and second.submitted_at.tzinfo is not None
    with any_db.session() as s:
        assert store.current_submissions(s, round1.id) == {member.id: second}
        assert store.member_current_submissions(s, member.id) == {1: second}
        assert store.count_submission_rows(s, ws.id) == 2


def test_rounds_close_reveal_and_carry_the_latest_submissions(any_db) -> None:
    with any_db.session(write=True) as s:
        ws = new_workshop(s)
        kari, ola = join(s, ws.id, 1, "Kari"), join(s, ws.id, 2, "Ola")
        round1 = store.round_by_number(s, ws.id, 1)
        submit(s, round1.id, kari.id, 1.0)
        submit(s, round1.id, ola.id, 2.0)
        assert store.last_revealed_round(s, ws.id) is None
    with any_db.session(write=True) as s:
        store.mark_round_closed(s, round1.id, reveal=True)
    with any_db.session(write=True) as s:
        closed = store.round_by_number(s, ws.id, 1, lock="update")
        assert closed.status == "closed" and closed.closed_at == closed.revealed_at is not None
        store.mark_round_revealed(s, round1.id)  # a second reveal keeps the first time
        assert store.round_by_number(s, ws.id, 1).revealed_at == closed.revealed_at
        round2 = store.add_round(s, ws.id, 2)
        store.set_current_round(s, ws.id, 2)
        submit(s, round2.id, ola.id, 5.0)
    with any_db.session() as s:
        assert store.workshop_by_id(s, ws.id).current_round == 2 and round2.status == "open"
        assert store.last_revealed_round(s, ws.id) == 1
        latest = store.latest_current_submissions(s, ws.id)
        assert latest[kari.id].round_id == round1.id and latest[ola.id].round_id == round2.id
        assert sorted(store.member_current_submissions(s, ola.id)) == [1, 2]
        assert store.round_by_number(s, ws.id, 3) is None
