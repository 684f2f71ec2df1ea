"""Workshops: the service API end to end, secrets, rounds, concurrency and crash safety.

Every test that takes ``service`` runs on a fresh SQLite file and, when
``MCDA_TEST_POSTGRES_URL`` is set, on PostgreSQL (in a schema of its own that is dropped
afterwards). Under CI a missing PostgreSQL URL fails; locally it skips.
"""

from __future__ import annotations

import math
import secrets
import threading

import numpy as np
import pytest
from postgres_scratch import scratch_schema
from sqlalchemy import delete, text

from mcda import ahp, comparison
from mcda.errors import MESSAGES, InputError
from mcda.models import WeightSet
from mcda.ranking import RankingSettings, rank_alternatives
from mcda.storage import ExpertEditRow, ExpertEditStore, WeightSetStore, workshops
from mcda.storage.db import sent_statements
from mcda.workshop import AccessDenied, RoundStateError, WorkshopError, WorkshopService
from mcda.workshop import service as service_module
from tests.storage.test_batched_write import queued_at_once

CRITERIA = ["industrial_base", "eu_demand", "supply_risk", "maturity"]  # complete in the shipped data


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_url():
    with scratch_schema("mcda_workshop_test") as (url, _schema):
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workshop.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def service(database_url):
    svc = WorkshopService(database_url)
    yield svc
    svc.dispose()


@pytest.fixture
def workshop(service):
    return service.create_workshop(name="Prosess21 weighting", criteria=CRITERIA, mode="ahp")


def saaty_matrix(rng: np.random.Generator, n: int = len(CRITERIA)) -> list[list[float]]:
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = rng.choice(ahp.SAATY_VALUES)
            a[j, i] = 1.0 / a[i, j]
    return a.tolist()


def count_submissions(service: WorkshopService, workshop_id: int) -> int:
    """Submission rows of one workshop, superseded revisions included."""
    with service.db.session() as s:
        return workshops.count_submission_rows(s, workshop_id)


def unique(name: str) -> str:
    return f"{name} {secrets.token_hex(3)}"


# --- the API end to end -----------------------------------------------------------------------


def test_an_ahp_workshop_end_to_end(service, workshop, shipped_problem) -> None:
    key = workshop.facilitator_key
    assert len(workshop.join_code) == 8 and workshop.join_link == f"?join={workshop.join_code}"
    rng = np.random.default_rng(7)
    members = [service.join(workshop.join_code, display_name=name) for name in ("Kari", "Ola", "Nora")]
    assert [m.member_no for m in members] == [1, 2, 3]
    matrices = [saaty_matrix(rng) for _ in members]
    assert service.group_result(key).submissions == 0
    for member, matrix in zip(members, matrices):
        receipt = service.submit(member.token, matrix)
        assert receipt.round == 1 and receipt.revision == 1
        assert receipt.weights == pytest.approx(ahp.analyse(ahp.PairwiseMatrix.from_array(CRITERIA, matrix)).weights)

    result = service.group_result(key)
    pairwise = [ahp.PairwiseMatrix.from_array(CRITERIA, m) for m in matrices]
    aij, aip = ahp.analyse_group(pairwise, "aij"), ahp.analyse_group(pairwise, "aip")
    assert result.submissions == 3 and result.participants == 3 and result.pending == ()
    assert result.aggregation == "aij" and result.weights == pytest.approx(aij.weights)
    assert [g.aggregation for g in result.group_weights] == ["aij", "aip"]
    assert result.group_weights[1].weights == pytest.approx(aip.weights)
    assert result.group_cr == pytest.approx(aij.cr)
    assert result.consensus.s_star == pytest.approx(aij.consensus.s_star)
    assert result.consensus.band == aij.consensus.band

    # rankings: the problem restricted to the weighed criteria, TOPSIS/vector, drop_criteria
    sub = shipped_problem.subset(criteria=CRITERIA)
    group_ranking = rank_alternatives(
        sub,
        WeightSet.from_raw(aij.weights),
        settings=RankingSettings(method="topsis", normalization="vector", missing_policy="drop_criteria"),
    )
    assert result.group_ranking.rank_of() == group_ranking.rank_of()
    member_ranks = [m.ranking.ranks_in(sub.alternative_ids) for m in result.members]
    assert result.kendalls_w == pytest.approx(comparison.kendalls_w(np.array(member_ranks)))
    for m in result.members:
        assert m.submitted and m.label.en == m.display_name
        assert m.rw == pytest.approx(
            comparison.weighted_spearman(
                m.ranking.ranks_in(sub.alternative_ids), group_ranking.ranks_in(sub.alternative_ids)
            )
        )
        assert m.weight_distance == pytest.approx(0.5 * sum(abs(m.weights[c] - aij.weights[c]) for c in CRITERIA))
    assert result.furthest[0].weight_distance == max(m.weight_distance for m in result.members)

    # members see nothing of the group before the reveal, then the group and each other
    assert service.member_view(members[0].token).revealed is None
    closed = service.close_round(key, reveal=True)
    assert closed.status == "closed" and closed.revealed_at is not None
    assert closed.s_star == pytest.approx(aij.consensus.s_star)
    view = service.member_view(members[0].token)
    assert view.submission.weights == result.members[0].weights
    assert view.revealed.round == 1 and view.revealed.weights == pytest.approx(aij.weights)
    assert view.revealed.own_rw == pytest.approx(result.members[0].rw)
    assert [o.label.en for o in view.revealed.others] == ["Ola", "Nora"]
    assert view.revealed.others[0].ranks == result.members[1].ranking.rank_of()

    # the closed round's group weights become a named weight set usable on the whole problem
    name = unique("Workshop round 1")
    saved = service.save_group_weights(key, 1, name)
    assert saved.origin.kind == "workshop"
    details = saved.origin.details
    assert details["round"] == 1 and details["aggregation"] == "aij" and details["members"] == 3
    assert "details" not in details["ranking"]  # the group ranking in the (hashed) origin as before
    assert details["consensus"]["s_star"] == pytest.approx(aij.consensus.s_star)
    assert set(saved.weights) == set(shipped_problem.criterion_ids)
    assert all(saved.weights[c] == 0 for c in shipped_problem.criterion_ids if c not in CRITERIA)
    assert WeightSetStore(service.db).get(shipped_problem.info.id, name) == saved
    full = rank_alternatives(
        shipped_problem,
        saved,
        settings=RankingSettings(method="topsis", normalization="vector", missing_policy="drop_criteria"),
    )
    assert full.rank_of() == group_ranking.rank_of()  # weight 0 elsewhere ranks as the workshop did
    aip_set = service.save_group_weights(key, 1, unique("AIP"), aggregation="aip")
    assert aip_set.weights["eu_demand"] == pytest.approx(aip.weights["eu_demand"])
    with pytest.raises(WorkshopError, match="expected one of aij, aip"):
        service.save_group_weights(key, 1, unique("x"), aggregation="mean")


def test_a_direct_weights_workshop_aggregates_by_mean_and_geometric_mean(service) -> None:
    ws = service.create_workshop(name="Direct", criteria=CRITERIA, mode="direct")
    raw = [
        {"industrial_base": 4, "eu_demand": 3, "supply_risk": 2, "maturity": 1},
        {"industrial_base": 0.25, "eu_demand": 0.25, "supply_risk": 0.25, "maturity": 0.25},
        {"industrial_base": 1, "eu_demand": 0, "supply_risk": 1, "maturity": 2},
    ]
    tokens = [service.join(ws.join_code, f"m{i}").token for i in range(3)]
    receipts = [service.submit(t, w) for t, w in zip(tokens, raw)]
    assert receipts[0].weights["industrial_base"] == pytest.approx(0.4) and receipts[0].notes  # rescaled
    assert receipts[0].cr is None and receipts[0].judgments == {k: float(v) for k, v in raw[0].items()}
    result = service.group_result(ws.facilitator_key)
    w = np.array([[r.weights[c] for c in CRITERIA] for r in receipts])
    assert result.aggregation == "mean" and result.group_cr is None
    assert [result.weights[c] for c in CRITERIA] == pytest.approx(w.mean(axis=0))
    geo = result.group_weights[1]
    assert geo.aggregation == "geomean" and geo.weights["eu_demand"] == 0  # a zero from one member
    g = np.exp(np.log(w[:, [0, 2, 3]]).mean(axis=0))
    assert [geo.weights[c] for c in ("industrial_base", "supply_risk", "maturity")] == pytest.approx(g / g.sum())
    # consensus: Goepel's relative homogeneity without the 1-9 scale correction
    plain = ahp.ahp_consensus(w)
    assert result.consensus.s_star == pytest.approx(plain.homogeneity)
    assert result.consensus.band == ahp.consensus_band(plain.homogeneity)
    assert math.isinf(result.consensus.scale_max) and "without the scale correction" in result.consensus_note
    service.close_round(ws.facilitator_key)
    saved = service.save_group_weights(ws.facilitator_key, 1, unique("direct"))
    assert saved.origin.details["aggregation"] == "mean"
    assert saved.origin.details["consensus"]["s_star"] == pytest.approx(plain.homogeneity)


def test_direct_weights_geometric_mean_is_left_out_when_every_criterion_has_a_zero(service) -> None:
    ws = service.create_workshop(name="Zeros", criteria=CRITERIA[:2], mode="direct")
    for i, w in enumerate(({"industrial_base": 1, "eu_demand": 0}, {"industrial_base": 0, "eu_demand": 1})):
        service.submit(service.join(ws.join_code, f"m{i}").token, w)
    result = service.group_result(ws.facilitator_key)
    assert [g.aggregation for g in result.group_weights] == ["mean"]
    assert result.weights == {"industrial_base": 0.5, "eu_demand": 0.5}
    assert result.consensus.s_star == pytest.approx(0.0)  # opposite extremes: no agreement at all


def test_identical_members_agree_completely(service, workshop) -> None:
    matrix = saaty_matrix(np.random.default_rng(3))
    for i in range(4):
        service.submit(service.join(workshop.join_code, f"twin {i}").token, matrix)
    result = service.group_result(workshop.facilitator_key)
    assert result.kendalls_w == pytest.approx(1.0)
    assert result.consensus.s_star == pytest.approx(1.0)
    assert all(m.rw == pytest.approx(1.0) and m.weight_distance == pytest.approx(0.0) for m in result.members)


def test_one_submission_has_weights_but_no_consensus_and_no_kendalls_w(service, workshop) -> None:
    service.join(workshop.join_code, "Idle")
    service.submit(service.join(workshop.join_code, "Solo").token, saaty_matrix(np.random.default_rng(1)))
    result = service.group_result(workshop.facilitator_key)
    assert result.submissions == 1 and result.consensus is None and result.kendalls_w is None
    assert [m.label.en for m in result.pending] == ["Idle"] and result.furthest == ()
    assert result.group_ranking is not None


# --- secrets ------------------------------------------------------------------------------------


def test_forged_or_wrong_keys_and_tokens_are_refused(service, workshop) -> None:
    member = service.join(workshop.join_code, "Kari")
    matrix = saaty_matrix(np.random.default_rng(2))
    forged = [
        "",
        None,
        "x" * 10_000,
        workshop.facilitator_key[:-1] + ("A" if workshop.facilitator_key[-1] != "A" else "B"),
        member.token,  # a member token is not a facilitator key
        secrets.token_urlsafe(32),
    ]
    for key in forged:
        for call in (
            lambda k: service.group_result(k),
            lambda k: service.close_round(k),
            lambda k: service.workshop_info(k),
            lambda k: service.save_group_weights(k, 1, "x"),
        ):
            with pytest.raises(AccessDenied) as caught:
                call(key)
            assert isinstance(caught.value, InputError)
            assert "facilitator key" in caught.value.message("en")
            assert "møtelederens nøkkel" in caught.value.message("nb")
    for token in ["", None, workshop.facilitator_key, member.token.upper(), secrets.token_urlsafe(32)]:
        with pytest.raises(AccessDenied, match="member token"):
            service.submit(token, matrix)
        with pytest.raises(AccessDenied, match="member token"):
            service.member_view(token)
    for code in ["", "ZZZZZZZZ", None, workshop.facilitator_key]:
        with pytest.raises(AccessDenied, match="join code"):
            service.join(code, "Mallory")
    # a typed code is forgiving: lower case, spaces, a dash, or the whole link
    code = workshop.join_code
    assert service.join(f" {code[:4].lower()}-{code[4:]} ", "Ola").member_no == 2
    assert service.join(f"https://example.org/workshop{workshop.join_link}&lang=nb", "Nora").member_no == 3
    assert service.group_result(workshop.facilitator_key).submissions == 0


def test_secrets_are_stored_only_as_digests(service, workshop) -> None:
    member = service.join(workshop.join_code, "Kari")
    with service.db.engine.connect() as conn:
        dumped = " ".join(
            str(row)
            for table in ("workshops", "workshop_participants")
            for row in conn.execute(text(f"SELECT * FROM {table}")).all()
        )
    assert workshop.facilitator_key not in dumped and member.token not in dumped
    assert service_module.digest(member.token) in dumped


def test_a_member_can_only_change_their_own_submission(service, workshop) -> None:
    rng = np.random.default_rng(5)
    kari, ola = (service.join(workshop.join_code, n) for n in ("Kari", "Ola"))
    first_kari, first_ola = saaty_matrix(rng), saaty_matrix(rng)
    service.submit(kari.token, first_kari)
    service.submit(ola.token, first_ola)
    revised = saaty_matrix(rng)
    receipt = service.submit(kari.token, revised)
    assert receipt.revision == 2
    result = service.group_result(workshop.facilitator_key)
    assert np.allclose(result.member(1).judgments, revised) and result.member(1).revision == 2
    assert np.allclose(result.member(2).judgments, first_ola) and result.member(2).revision == 1
    # a token is bound to its own workshop
    other = service.create_workshop(name="Other", criteria=CRITERIA, mode="ahp")
    service.submit(kari.token, saaty_matrix(rng))
    assert service.group_result(other.facilitator_key).submissions == 0


# --- rounds -----------------------------------------------------------------------------------


def test_closed_rounds_refuse_submissions_and_state_errors_are_clear(service, workshop) -> None:
    key = workshop.facilitator_key
    member = service.join(workshop.join_code, "Kari")
    matrix = saaty_matrix(np.random.default_rng(4))
    with pytest.raises(RoundStateError, match="round 1 is still open"):
        service.save_group_weights(key, 1, "too early")
    with pytest.raises(RoundStateError, match="still open"):
        service.open_next_round(key)
    with pytest.raises(RoundStateError, match="still open"):
        service.reveal(key)
    service.close_round(key)
    with pytest.raises(RoundStateError) as caught:
        service.submit(member.token, matrix)
    assert caught.value.message("en") == "round 1 is closed; submissions are no longer accepted"
    assert caught.value.message("nb") == "runde 1 er lukket; svar tas ikke lenger imot"
    with pytest.raises(RoundStateError, match="closed"):
        service.close_round(key)
    with pytest.raises(WorkshopError, match="no submissions"):
        service.save_group_weights(key, 1, "empty")
    with pytest.raises(RoundStateError, match="no round 7; it has rounds 1 to 1"):
        service.group_result(key, round=7)
    assert service.member_view(member.token).submission is None
    assert service.reveal(key).revealed_at is not None
    assert service.group_result(key).revealed


def test_rounds_keep_their_history(service, workshop) -> None:
    key = workshop.facilitator_key
    rng = np.random.default_rng(11)
    members = [service.join(workshop.join_code, f"m{i}") for i in range(4)]
    round1 = {m.member_no: saaty_matrix(rng) for m in members}
    for m in members:
        service.submit(m.token, saaty_matrix(rng))  # first thoughts, then revised
        service.submit(m.token, round1[m.member_no])
    service.close_round(key, reveal=True)
    before = service.group_result(key, round=1)
    opened = service.open_next_round(key)
    assert opened.number == 2 and opened.status == "open" and opened.submissions == 0
    view = service.member_view(members[0].token)
    assert view.round == 2 and view.submission is None and np.allclose(view.draft, round1[1])  # pre-fill
    assert view.revealed.round == 1
    consensus_matrix = saaty_matrix(rng)
    for m in members[:3]:
        service.submit(m.token, consensus_matrix)
    assert WorkshopService(database=service.db).group_result(key, round=1) == before  # untouched (no cache)
    now = service.group_result(key)
    assert now.round == 2 and now.submissions == 3 and [p.member_no for p in now.pending] == [4]
    history = service.round_history(key)
    assert [(h.number, h.status, h.submissions) for h in history] == [(1, "closed", 4), (2, "open", 3)]
    assert history[0].s_star == pytest.approx(before.consensus.s_star)
    assert history[1].s_star == pytest.approx(1.0)  # three identical matrices
    assert count_submissions(service, workshop.id) == 4 * 2 + 3  # every revision is kept


def test_open_next_round_can_carry_submissions_over(service, workshop) -> None:
    key = workshop.facilitator_key
    rng = np.random.default_rng(12)
    kari, ola = (service.join(workshop.join_code, n) for n in ("Kari", "Ola"))
    kept = saaty_matrix(rng)
    service.submit(kari.token, kept)
    service.submit(ola.token, saaty_matrix(rng))
    service.close_round(key)
    summary = service.open_next_round(key, carry_over=True)
    assert summary.number == 2 and summary.submissions == 2
    result = service.group_result(key)
    assert all(m.carried_over for m in result.members)
    assert np.allclose(result.member(1).judgments, kept)
    service.submit(ola.token, saaty_matrix(rng))
    result = service.group_result(key)
    assert result.member(1).carried_over and not result.member(2).carried_over and result.member(2).revision == 2


def test_a_crash_in_the_middle_of_a_submission_keeps_the_previous_one(service, workshop, monkeypatch) -> None:
    member = service.join(workshop.join_code, "Kari")
    rng = np.random.default_rng(9)
    first = saaty_matrix(rng)
    service.submit(member.token, first)
    real = service_module._store_submission

    def crash_after_writing(*args, **kwargs):
        real(*args, **kwargs)  # the old row is superseded and the new one flushed ...
        raise RuntimeError("power cut")  # ... then the process dies before the commit

    monkeypatch.setattr(service_module, "_store_submission", crash_after_writing)
    with pytest.raises(RuntimeError, match="power cut"):
        service.submit(member.token, saaty_matrix(rng))
    monkeypatch.undo()
    result = service.group_result(workshop.facilitator_key)
    assert result.submissions == 1 and result.member(1).revision == 1
    assert np.allclose(result.member(1).judgments, first)
    assert count_submissions(service, workshop.id) == 1
    assert service.submit(member.token, saaty_matrix(rng)).revision == 2  # and the member can go on


def test_closing_a_round_waits_for_a_submission_in_flight(service, workshop, monkeypatch) -> None:
    member = service.join(workshop.join_code, "Kari")
    matrix = saaty_matrix(np.random.default_rng(10))
    inside, release = threading.Event(), threading.Event()
    real = service_module._store_submission

    def slow_store(*args, **kwargs):
        row = real(*args, **kwargs)
        inside.set()
        release.wait(10)
        return row

    monkeypatch.setattr(service_module, "_store_submission", slow_store)
    receipts, summaries = [], []
    submitter = threading.Thread(target=lambda: receipts.append(service.submit(member.token, matrix)))
    submitter.start()
    assert inside.wait(10)
    closer = threading.Thread(target=lambda: summaries.append(service.close_round(workshop.facilitator_key)))
    closer.start()
    closer.join(0.3)
    assert closer.is_alive()  # blocked by the submission's transaction
    release.set()
    submitter.join(10)
    closer.join(10)
    assert receipts[0].round == 1 and summaries[0].status == "closed" and summaries[0].submissions == 1


# --- 30 members at the same moment ------------------------------------------------------------------


def run_at_once(count: int, target) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = target(i)
        except BaseException as exc:  # pragma: no cover - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return results


def test_thirty_members_joining_and_submitting_at_once_lose_nothing(service, workshop) -> None:
    n = 30
    members = run_at_once(n, lambda i: service.join(workshop.join_code, f"Member name {i}"))
    assert sorted(m.member_no for m in members) == list(range(1, n + 1))
    rng = np.random.default_rng(30)
    matrices = [saaty_matrix(rng) for _ in range(n)]
    run_at_once(n, lambda i: service.submit(members[i].token, matrices[i]))
    result = service.group_result(workshop.facilitator_key)
    assert result.submissions == n and result.participants == n
    by_name = {m.display_name: m for m in result.members}
    for i, member in enumerate(members):
        detail = by_name[f"Member name {i}"]
        assert detail.member_no == member.member_no and detail.revision == 1
        assert np.allclose(detail.judgments, matrices[i])
    pairwise = [ahp.PairwiseMatrix.from_array(CRITERIA, by_name[f"Member name {i}"].judgments) for i in range(n)]
    assert result.weights == pytest.approx(ahp.analyse_group(pairwise).weights)


def test_members_joining_at_once_share_one_transaction_and_each_gets_their_own_answer(tmp_path) -> None:
    """Joins that queue while another write commits run in the next transaction (SQLite; on PostgreSQL
    each is a transaction of its own): each sees the ones before it (member numbers in order, a name
    taken by the one before refused), a wrong code is refused alone, and the others are stored."""
    service = WorkshopService(f"sqlite:///{tmp_path / 'joins.sqlite'}")
    try:
        workshop = service.create_workshop(name="Joins", criteria=CRITERIA, mode="ahp")
        names = ["Kari", "Ola", "kari", "Per", "Liv"]
        calls = [lambda name=name: service.join(workshop.join_code, name) for name in names]
        calls.insert(3, lambda: service.join("WRONG-CODE", "Anne"))
        with sent_statements(service.db.engine) as sent:
            outcomes = queued_at_once(service.db, calls)
        assert sent.count("BEGIN") == 2  # the transaction that held the lock meanwhile, then all six joins
        kari, ola, taken, wrong, per, liv = outcomes
        assert [m.member_no for m in (kari, ola, per, liv)] == [1, 2, 3, 4]
        assert isinstance(taken, WorkshopError) and taken.issues[0].code == "workshop_name_taken"
        assert isinstance(wrong, AccessDenied) and wrong.issues[0].code == "workshop_join_code_invalid"
        assert service.group_result(workshop.facilitator_key).participants == 4
        assert service.member_view(liv.token).member.display_name == "Liv"
    finally:
        service.dispose()


# --- input checks ---------------------------------------------------------------------------------


def test_display_names_are_kept_verbatim_unique_and_plain(service, workshop) -> None:
    tricky = "  <b>Kari</b> **Nordmann** [x](javascript:alert(1))  "
    member = service.join(workshop.join_code, tricky)
    assert member.display_name == tricky.strip() and member.label.en == tricky.strip()
    assert service.group_result(workshop.facilitator_key).members[0].display_name == tricky.strip()
    for taken in (tricky, "<B>KARI</B>   **nordmann** [x](javascript:alert(1))"):
        with pytest.raises(WorkshopError, match="already used"):
            service.join(workshop.join_code, taken)
    with pytest.raises(WorkshopError, match="display name is needed"):
        service.join(workshop.join_code, "   ")
    with pytest.raises(WorkshopError, match="61 characters; a display name may have at most 60"):
        service.join(workshop.join_code, "x" * 61)
    with pytest.raises(WorkshopError, match="control character"):
        service.join(workshop.join_code, "Kari\nOla")
    assert service.join(workshop.join_code, "Ærlige Åse Øvrebø").display_name == "Ærlige Åse Øvrebø"


def test_anonymous_workshops_show_member_numbers(service) -> None:
    ws = service.create_workshop(name="Anon", criteria=CRITERIA, mode="ahp", anonymous=True)
    rng = np.random.default_rng(8)
    kari, ola = (service.join(ws.join_code, n) for n in ("Kari", "Ola"))
    assert kari.label.en == "Member 1" and kari.label.nb == "Deltaker 1" and kari.display_name == "Kari"
    for m in (kari, ola):
        service.submit(m.token, saaty_matrix(rng))
    result = service.group_result(ws.facilitator_key)
    assert [(m.label.en, m.display_name) for m in result.members] == [("Member 1", None), ("Member 2", None)]
    service.close_round(ws.facilitator_key, reveal=True)
    view = service.member_view(ola.token)
    assert view.member.label.nb == "Deltaker 2" and view.revealed.others == ()
    assert view.revealed.own_ranking is not None and view.revealed.group_ranking is not None
    saved = service.save_group_weights(ws.facilitator_key, 1, unique("anon"))
    assert saved.origin.details["member_labels"] == ["Member 1", "Member 2"]


def test_judgments_are_validated_with_the_cell_named(service, workshop) -> None:
    token = service.join(workshop.join_code, "Kari").token
    good = saaty_matrix(np.random.default_rng(6))
    bad = [row[:] for row in good]
    bad[1][0] = 5.0  # eu_demand/industrial_base no longer the reciprocal of industrial_base/eu_demand
    with pytest.raises(InputError, match="column 'eu_demand/industrial_base'.*not the reciprocal"):
        service.submit(token, bad)
    with pytest.raises(InputError, match="expected a pairwise comparison matrix"):
        service.submit(token, {"industrial_base": 1})
    with pytest.raises(InputError, match="expected a pairwise comparison matrix"):
        service.submit(token, good[:3])
    words = [row[:] for row in good]
    words[0][1] = "lots"
    with pytest.raises(InputError, match="'industrial_base/eu_demand'.*not a number"):
        service.submit(token, words)
    fractions = [[1, "3", "1/5", 1], ["1/3", 1, 1, 1], [5, 1, 1, 1], [1, 1, 1, 1]]
    check = service.check(token, fractions)
    assert check.cr > 0 and check.hints and check.hints[0].row in CRITERIA
    assert service.group_result(workshop.facilitator_key).submissions == 0  # check stores nothing
    assert service.submit(token, ahp.PairwiseMatrix.from_array(CRITERIA, good).reordered(CRITERIA[::-1])).weights == (
        pytest.approx(service.check(token, good).weights)
    )
    direct = service.create_workshop(name="Direct", criteria=CRITERIA, mode="direct")
    dtoken = service.join(direct.join_code, "Ola").token
    with pytest.raises(InputError, match="expected a weight for each criterion"):
        service.submit(dtoken, good)
    with pytest.raises(InputError, match="has no weight"):
        service.submit(dtoken, {"industrial_base": 1})
    with pytest.raises(InputError, match="negative"):
        service.submit(dtoken, {c: -1 for c in CRITERIA})


def test_creating_a_workshop_checks_its_settings(service, shipped_problem) -> None:
    with pytest.raises(WorkshopError, match="at least 2"):
        service.create_workshop(name="One", criteria=["eu_demand"])
    with pytest.raises(WorkshopError, match="not a criterion of this problem"):
        service.create_workshop(name="Typo", criteria=["eu_demand", "eu_demnad"])
    with pytest.raises(WorkshopError, match="more than once"):
        service.create_workshop(name="Twice", criteria=["eu_demand", "eu_demand"])
    with pytest.raises(WorkshopError, match="not a workshop mode"):
        service.create_workshop(name="Mode", criteria=CRITERIA, mode="swings")
    with pytest.raises(WorkshopError, match="needs a name"):
        service.create_workshop(name="  ", criteria=CRITERIA)
    with pytest.raises(InputError, match="not a ranking method"):
        service.create_workshop(name="Method", criteria=CRITERIA, settings=RankingSettings(method="electre"))
    # weighing only criteria that the missing-value policy drops could never rank anything
    with pytest.raises(InputError, match="defines no criteria"):
        service.create_workshop(
            name="Gaps",
            criteria=["power_demand", "climate_advantage"],
            settings=RankingSettings(missing_policy="drop_criteria"),
        )
    by_default = service.create_workshop(name="Gaps as intervals", criteria=["power_demand", "climate_advantage"])
    assert service.workshop_info(by_default.facilitator_key).ranking.missing_policy == "interval"
    ws = service.create_workshop(
        name="Gaps, filled",
        criteria=["power_demand", "climate_advantage"],
        settings=RankingSettings(missing_policy="worst"),
    )
    info = service.workshop_info(ws.facilitator_key)
    assert info.ranking.missing_policy == "worst" and info.ranking.normalization == "vector"
    assert info.criterion_ids == ("power_demand", "climate_advantage") and info.problem_id == shipped_problem.info.id
    default = service.workshop_info(service.create_workshop(name="All").facilitator_key)
    assert default.criterion_ids == shipped_problem.criterion_ids and default.mode == "ahp"


def test_the_workshop_keeps_a_snapshot_of_its_problem(service, shipped_problem) -> None:
    custom = shipped_problem.subset(criteria=CRITERIA, alternatives=shipped_problem.alternative_ids[:5])
    ws = service.create_workshop(name="Snapshot", criteria=CRITERIA[:3], mode="direct", problem=custom)
    fresh = WorkshopService(service.db.url)  # a new process: nothing cached
    try:
        token = fresh.join(ws.join_code, "Kari").token
        fresh.submit(token, {c: 1 for c in CRITERIA[:3]})
        result = fresh.group_result(ws.facilitator_key)
        assert {e.id for e in result.group_ranking.entries} == set(custom.alternative_ids)
        snapshot = fresh.problem(ws.facilitator_key)
        assert snapshot.model_dump(mode="json") == custom.model_dump(mode="json")
        assert fresh.workshop_info(ws.facilitator_key).problem_sha256 == service_module.problem_sha256(custom)
    finally:
        fresh.dispose()


def test_the_default_problem_carries_the_expert_edits_of_its_database(service, shipped_problem) -> None:
    store = ExpertEditStore(service.db)
    before = store.apply(shipped_problem).cell("P01", "maturity").value
    try:
        store.add(shipped_problem, "P01", "maturity", 0, "Kari Nordmann", "Workshop test: project on hold")
        ws = service.create_workshop(name="Edited", criteria=CRITERIA)
        store.add(shipped_problem, "P01", "maturity", 4, "Ola Nordmann", "Workshop test: a later edit")
        snapshot = service.problem(ws.facilitator_key)
        assert snapshot.cell("P01", "maturity").value == 0 != before
        assert snapshot.cell("P01", "maturity").provenance.author == "Kari Nordmann"
    finally:  # the PostgreSQL schema is shared by the session's tests
        with service.db.session(write=True) as s:
            s.execute(delete(ExpertEditRow).where(ExpertEditRow.rationale.like("Workshop test:%")))


def test_all_workshop_messages_exist_in_both_languages() -> None:
    codes = [c for c in MESSAGES if c.startswith("workshop_")]
    assert len(codes) >= 15
    assert all(MESSAGES[c][0] and MESSAGES[c][1] and MESSAGES[c][0] != MESSAGES[c][1] for c in codes)


# --- the database -------------------------------------------------------------------------------------


def test_the_default_database_and_the_shipped_problem_do_not_depend_on_the_cwd(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MCDA_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    service_module.shipped_problem.cache_clear()
    svc = WorkshopService()
    try:
        assert svc.db.url.endswith("env.sqlite")
        ws = svc.create_workshop(name="From anywhere", criteria=CRITERIA)
        assert svc.workshop_info(ws.facilitator_key).problem_id == "prosess21-crm-positions"
    finally:
        svc.dispose()
