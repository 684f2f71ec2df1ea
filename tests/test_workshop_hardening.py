"""The workshop service refuses hostile input with its own errors before the database sees it."""

from __future__ import annotations

import pytest

from mcda.errors import InputError
from mcda.workshop import AccessDenied, WorkshopError, WorkshopService
from mcda.workshop.validation import name_key

CRITERIA = ["eu_demand", "supply_risk", "power_demand"]


@pytest.fixture
def service(tmp_path):
    svc = WorkshopService(f"sqlite:///{tmp_path / 'ws.db'}")
    yield svc
    svc.dispose()


@pytest.fixture
def workshop(service):
    return service.create_workshop(name="Hardening", criteria=CRITERIA, mode="ahp")


@pytest.mark.parametrize("ch", ["\x00", "\x01", "\n", "\u2028", "\ud800"])
def test_a_control_character_in_a_workshop_name_is_refused(service, ch) -> None:
    with pytest.raises(WorkshopError) as caught:
        service.create_workshop(name=f"Runde{ch} 1", criteria=CRITERIA)
    assert caught.value.issues[0].code == "control_character"
    assert caught.value.issues[0].column == "name"


@pytest.mark.parametrize("ch", ["\x00", "\ud800", "\ufffe"])
def test_a_display_name_with_a_control_character_or_surrogate_is_refused(service, workshop, ch) -> None:
    with pytest.raises(WorkshopError) as caught:
        service.join(workshop.join_code, f"Kari{ch}")
    assert caught.value.issues[0].code == "workshop_name_control"


def test_a_lone_surrogate_in_a_key_or_token_is_access_denied(service, workshop) -> None:
    """Before: UnicodeEncodeError while hashing the secret."""
    with pytest.raises(AccessDenied):
        service.workshop_info("key\ud800")
    with pytest.raises(AccessDenied):
        service.member_view("token\udfff")
    with pytest.raises(AccessDenied):
        service.submit("token\ud800", [[1, 1, 1], [1, 1, 1], [1, 1, 1]])


def test_a_huge_integer_in_a_submitted_matrix_is_a_located_refusal(service, workshop) -> None:
    """Before: OverflowError from float(10**400)."""
    member = service.join(workshop.join_code, "Kari")
    with pytest.raises(InputError) as caught:
        service.submit(member.token, [[1, 10**400, 1], [1, 1, 1], [1, 1, 1]])
    assert caught.value.issues[0].code == "pairwise_not_number"
    assert caught.value.issues[0].column == "eu_demand/supply_risk"


def test_huge_direct_weights_are_refused(service) -> None:
    ws = service.create_workshop(name="Direct", criteria=CRITERIA, mode="direct")
    member = service.join(ws.join_code, "Kari")
    for huge in (10**400, 10**5000):
        with pytest.raises(InputError) as caught:
            service.submit(member.token, {"eu_demand": huge, "supply_risk": 1, "power_demand": 1})
        assert caught.value.issues[0].column == "eu_demand"


def test_a_problem_id_over_200_characters_is_refused_before_the_database(service, shipped_problem) -> None:
    from mcda.models import ProblemInfo

    # the loaders and models refuse such an id; a problem assembled without validation still must not reach the database
    long_id = shipped_problem.model_copy_validated(
        info=ProblemInfo.model_construct(id="p" * 201, name=shipped_problem.info.name)
    )
    with pytest.raises(WorkshopError) as caught:
        service.create_workshop(name="Long", criteria=CRITERIA, problem=long_id)
    assert caught.value.issues[0].code == "problem_id_invalid"


def test_a_group_weight_set_name_over_200_characters_is_refused(service, workshop) -> None:
    member = service.join(workshop.join_code, "Kari")
    service.submit(member.token, [[1, 1, 1], [1, 1, 1], [1, 1, 1]])
    service.close_round(workshop.facilitator_key)
    with pytest.raises(WorkshopError) as caught:
        service.save_group_weights(workshop.facilitator_key, 1, "n" * 201)
    assert caught.value.issues[0].code == "weight_set_name_invalid"
    with pytest.raises(WorkshopError):
        service.save_group_weights(workshop.facilitator_key, 1, "bad\x00name")
    assert service.save_group_weights(workshop.facilitator_key, 1, "n" * 200).name == "n" * 200


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kari", "K\u0430ri"),  # Cyrillic a
        ("K\u00e5re", "Ka\u030are"),  # å composed and decomposed
        ("Ola", "\u039fla"),  # Greek capital omicron
        ("Per", "\uff30er"),  # full-width P
    ],
)
def test_look_alike_display_names_are_the_same_member(service, workshop, first, second) -> None:
    assert name_key(first) == name_key(second)
    service.join(workshop.join_code, first)
    with pytest.raises(WorkshopError) as caught:
        service.join(workshop.join_code, second)
    assert caught.value.issues[0].code == "workshop_name_taken"


def test_different_names_stay_different() -> None:
    assert name_key("Kari") != name_key("Kåri")
    assert name_key("Ole") != name_key("Olé")


def _busy(message: str):
    from sqlalchemy.exc import OperationalError

    return OperationalError("BEGIN IMMEDIATE", {}, Exception(message))


@pytest.mark.parametrize("message", ["database is locked", "FATAL: sorry, too many clients already"])
def test_a_busy_database_is_retried_then_a_clear_message(service, workshop, monkeypatch, message) -> None:
    """Before: a lock held past the busy timeout, or no free connection, gave a raw OperationalError."""
    from mcda.workshop import DatabaseBusy, resilience

    monkeypatch.setattr(resilience, "BACKOFF_S", (0.0,))
    real = service.db.session
    failures = {"left": 2}

    def flaky(*args, **kwargs):
        if failures["left"] > 0:
            failures["left"] -= 1
            raise _busy(message)
        return real(*args, **kwargs)

    monkeypatch.setattr(service.db, "session", flaky)
    assert service.workshop_info(workshop.facilitator_key).name == "Hardening"  # retried, then fine

    failures["left"] = 100
    with pytest.raises(DatabaseBusy) as caught:
        service.workshop_info(workshop.facilitator_key)
    assert caught.value.issues[0].code == "database_busy"
    assert "prøv igjen" in caught.value.message("nb")


def test_a_submission_waiting_for_another_processs_lock_past_the_busy_timeout_gets_the_clear_message(
    tmp_path, monkeypatch
) -> None:
    """The real lock, not a simulated error: another process holds SQLite's write lock, so the
    submission's BEGIN IMMEDIATE (run on the driver's cursor) times out; retried, then DatabaseBusy,
    and the submission goes through once the lock is released."""
    import sqlite3

    import numpy as np

    from mcda.storage import db
    from mcda.workshop import DatabaseBusy, resilience

    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(resilience, "BACKOFF_S", (0.0,))
    path = tmp_path / "locked.db"
    service = WorkshopService(f"sqlite:///{path}")
    created = service.create_workshop(name="Hardening", criteria=CRITERIA, mode="ahp")
    member = service.join(created.join_code, "Kari")
    matrix = np.ones((3, 3)).tolist()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy):
            service.submit(member.token, matrix)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert service.submit(member.token, matrix).revision == 1
    service.dispose()


def test_other_database_errors_are_not_hidden(service, workshop, monkeypatch) -> None:
    from sqlalchemy.exc import OperationalError

    def broken(*args, **kwargs):
        raise _busy("no such table: workshops")

    monkeypatch.setattr(service.db, "session", broken)
    with pytest.raises(OperationalError):
        service.workshop_info(workshop.facilitator_key)


def test_a_taken_name_is_named_in_the_pages_words(service, workshop) -> None:
    service.join(workshop.join_code, "Kari")
    with pytest.raises(WorkshopError) as caught:
        service.join(workshop.join_code, "Kari")
    nb, en = caught.value.message("nb"), caught.value.message("en")
    assert (
        nb == "visningsnavnet: verdi 'Kari' er allerede brukt av en annen deltaker i dette arbeidsmøtet; "
        "velg et annet navn"
    )
    assert en.startswith("the display name: value 'Kari' is already used by another member")
    for word in ("display_name", "kolonne", "workshop"):
        assert word not in nb
