"""Closed rounds for readers (observers, the secretariat) without the facilitator key: the listing, a
closed round's result, nothing of an open round, no secret anywhere, names only after a reveal.

The same databases as the other workshop tests (SQLite, and PostgreSQL when configured).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import test_workshop as shared
import test_workshop_tree as tree

from mcda import ahp
from mcda.errors import InputError
from mcda.export.workshop import workshop_report
from mcda.workshop import RoundStateError, WorkshopError
from mcda.workshop.results import ClosedRound, GroupResult, ScoreGroupResult, WorkshopListing

postgres_url = shared.postgres_url
database_url = shared.database_url
service = shared.service

CRITERIA = shared.CRITERIA
NAMES = ("Kari Nordmann", "Ola Fjellstad", "Nora Berg")


def secrets_of(created, memberships) -> list[str]:
    return [created.join_code, created.facilitator_key, *(m.token for m in memberships)]


def assert_no_secret(found: ClosedRound | tuple[WorkshopListing, ...], secrets: list[str]) -> None:
    """Serialise the reader's object whole and search it for every secret (and the secrets' link)."""
    items = found if isinstance(found, tuple) else (found,)
    text = json.dumps([item.model_dump(mode="json") for item in items], ensure_ascii=False)
    for secret in secrets:
        assert secret not in text
    assert "join=" not in text and "join_code" not in text and "token" not in text


def ahp_workshop(service, anonymous: bool = False):
    created = service.create_workshop(name="Vekting januar", criteria=CRITERIA, mode="ahp", anonymous=anonymous)
    members = [service.join(created.join_code, name) for name in NAMES]
    rng = np.random.default_rng(11)
    matrices = [shared.saaty_matrix(rng) for _ in members]
    for member, matrix in zip(members, matrices, strict=True):
        service.submit(member.token, matrix)
    return created, members, matrices


def test_a_closed_round_gives_the_facilitators_group_result_without_secrets(service) -> None:
    created, members, matrices = ahp_workshop(service)
    key = created.facilitator_key
    service.close_round(key)
    service.open_next_round(key)  # round 2 open: its state only
    service.submit(members[0].token, matrices[1])

    listing = service.workshops()
    assert [w.workshop.name for w in listing] == ["Vekting januar"]
    entry = listing[0]
    assert entry.participants == 3 and entry.closed_rounds == (1,)
    one, two = entry.rounds
    assert (one.status, one.submissions, one.revealed) == ("closed", 3, False)
    assert (two.status, two.submissions) == ("open", None)  # an open round's submissions are never counted
    assert_no_secret(listing, secrets_of(created, members))

    closed = service.closed_round(created.id, 1)
    facilitator = service.group_result(key, 1)
    assert isinstance(closed.result, GroupResult)
    assert closed.result.weights == pytest.approx(facilitator.weights)
    pairwise = [ahp.PairwiseMatrix.from_array(CRITERIA, m) for m in matrices]  # independent of the service
    assert closed.result.weights == pytest.approx(ahp.analyse_group(pairwise, "aij").weights)
    assert closed.result.consensus.s_star == pytest.approx(facilitator.consensus.s_star)
    assert closed.result.group_ranking.rank_of() == facilitator.group_ranking.rank_of()
    assert [r.number for r in closed.history] == [1]
    assert closed.problem.info.id == "prosess21-crm-positions"
    assert_no_secret(closed, secrets_of(created, members))


def test_an_open_round_is_refused_and_an_unknown_workshop_or_round_is_located(service) -> None:
    created, _, _ = ahp_workshop(service)
    with pytest.raises(RoundStateError) as refused:
        service.closed_round(created.id, 1)
    assert "runde 1 er fortsatt åpen" in refused.value.message("nb")
    with pytest.raises(WorkshopError) as unknown:
        service.closed_round(created.id + 99, 1)
    assert f"nummer {created.id + 99}" in unknown.value.message("nb")
    service.close_round(created.facilitator_key)
    with pytest.raises(RoundStateError, match="no round 5"):
        service.closed_round(created.id, 5)
    for bad in ("1", True, None):
        with pytest.raises(InputError):
            service.closed_round(bad, 1)  # type: ignore[arg-type]


def test_names_appear_only_after_a_reveal_of_a_named_workshop(service) -> None:
    created, members, _ = ahp_workshop(service)
    service.close_round(created.facilitator_key)
    hidden = service.closed_round(created.id, 1)
    assert not hidden.names_shown
    assert [m.label.nb for m in hidden.result.members] == ["Deltaker 1", "Deltaker 2", "Deltaker 3"]
    assert all(m.display_name is None for m in hidden.result.members)
    text = json.dumps(hidden.model_dump(mode="json"), ensure_ascii=False)
    assert not any(name in text for name in NAMES)

    service.reveal(created.facilitator_key)
    shown = service.closed_round(created.id, 1)
    assert shown.names_shown and [m.label.nb for m in shown.result.members] == list(NAMES)
    assert_no_secret(shown, secrets_of(created, members))


def test_an_anonymous_workshop_never_shows_names_even_revealed(service) -> None:
    created, members, _ = ahp_workshop(service, anonymous=True)
    service.close_round(created.facilitator_key, reveal=True)
    closed = service.closed_round(created.id, 1)
    assert not closed.names_shown
    text = json.dumps(closed.model_dump(mode="json"), ensure_ascii=False)
    assert not any(name in text for name in NAMES)
    assert_no_secret(closed, secrets_of(created, members))


def test_a_closed_scoring_round_gives_the_cells_and_hides_names_until_revealed(service) -> None:
    cells = [("P04", "climate_advantage"), ("P05", "climate_advantage")]
    created = service.create_workshop(name="Skåring januar", mode="scores", cells=cells)
    kari, ola = (service.join(created.join_code, n) for n in NAMES[:2])
    service.submit(kari.token, {"P04": {"climate_advantage": 3}, "P05": {"climate_advantage": 1}})
    service.submit(ola.token, {"P04": {"climate_advantage": 2}, "P05": {"climate_advantage": None}})
    service.close_round(created.facilitator_key)
    closed = service.closed_round(created.id, 1)
    assert isinstance(closed.result, ScoreGroupResult)
    assert closed.workshop.cells == tuple(cells)
    p04 = closed.result.cell("P04", "climate_advantage")
    assert (p04.median, p04.n) == (2.5, 2)
    assert [m.label.nb for m in closed.result.members] == ["Deltaker 1", "Deltaker 2"]
    assert_no_secret(closed, secrets_of(created, [kari, ola]))
    service.reveal(created.facilitator_key)
    assert [m.label.nb for m in service.closed_round(created.id, 1).result.members] == list(NAMES[:2])


def test_a_closed_tree_round_gives_the_nodes_and_the_report_builds_without_secrets(service) -> None:
    created = service.create_workshop(name="Verditre januar", mode="tree", nodes=["root", "capability"])
    kari = service.join(created.join_code, NAMES[0])
    ola = service.join(created.join_code, NAMES[1])
    service.submit(kari.token, tree.KARI)
    service.submit(ola.token, tree.OLA)
    service.close_round(created.facilitator_key)
    closed = service.closed_round(created.id, 1)
    assert closed.workshop.tree is not None
    assert closed.result.tree is not None and [n.node for n in closed.result.tree.nodes] == ["root", "capability"]
    facilitator = service.group_result(created.facilitator_key, 1)
    assert closed.result.weights == pytest.approx(facilitator.weights)
    report = workshop_report(closed.workshop, closed.problem, closed.result, closed.history, "nb")
    assert report.weights.origin.details["workshop_name"] == "Verditre januar"
    dumped = json.dumps(report.weights.model_dump(mode="json"), ensure_ascii=False)
    assert created.join_code not in dumped and not any(name in dumped for name in NAMES)
