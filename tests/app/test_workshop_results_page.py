"""The workshop results page through AppTest: an observer on a served instance reads closed rounds (weights,
consensus, ranking) and nothing of an open round, with no write control and no secret; a member cannot reach
it; on the laptop default it is open as the other pages are."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from test_workshop import saaty_matrix

from mcda import ahp
from mcda.workshop import WorkshopService

from .conftest import no_errors, open_page
from .test_access_pages import served, session  # noqa: F401 - the served instance's fixture

CRITERIA = ["industrial_base", "eu_demand", "supply_risk", "maturity"]
NAMES = ("Kari Nordmann", "Ola Fjellstad")
OPEN_ROUND_NAME = "Per Open-Runde"


def saaty(seed: int) -> list[list[float]]:
    return saaty_matrix(np.random.default_rng(seed), len(CRITERIA))


@pytest.fixture
def workshops(served) -> dict[str, object]:  # noqa: F811 - the fixture imported above
    """One AHP workshop: round 1 closed (not revealed), round 2 open with a submission; the secrets kept."""
    service = WorkshopService(served)
    created = service.create_workshop(name="Vekting februar", criteria=CRITERIA, mode="ahp")
    members = [service.join(created.join_code, name) for name in NAMES]
    for k, member in enumerate(members):
        service.submit(member.token, saaty(k))
    service.close_round(created.facilitator_key)
    service.open_next_round(created.facilitator_key)
    late = service.join(created.join_code, OPEN_ROUND_NAME)
    service.submit(late.token, saaty(9))
    service.dispose()
    secrets = [created.join_code, created.facilitator_key, *(m.token for m in [*members, late])]
    pairwise = [ahp.PairwiseMatrix.from_array(CRITERIA, saaty(k)) for k in range(len(members))]
    return {"secrets": secrets, "weights": ahp.analyse_group(pairwise, "aij").weights}


def everything_shown(at: AppTest) -> str:
    """Every text, table cell and choice on the page, to search for what must not be there."""
    parts = [str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.warning, *at.text, *at.title]]
    parts += [e.value.to_string() for e in at.dataframe]
    parts += [str(o) for box in at.selectbox for o in box.options]
    return " ".join(parts)


def test_an_observer_reads_a_closed_round_and_nothing_of_the_open_one(workshops) -> None:
    at = open_page(session(), "workshop_results")
    no_errors(at)
    assert at.title[0].value == "Resultater fra arbeidsmøter"
    (option,) = at.selectbox(key="ws.res.workshop").options
    assert option.startswith("Vekting februar · Parvise sammenligninger (AHP) · ")
    rounds = next(box for box in at.selectbox if box.key != "ws.res.workshop")
    assert rounds.options == ["Runde 1"]  # the open round 2 cannot be chosen
    shown = everything_shown(at)
    assert "Deltaker 1" in shown and "Deltaker 2" in shown  # not revealed: members by number
    assert not any(name in shown for name in (*NAMES, OPEN_ROUND_NAME))
    assert not any(secret in shown for secret in workshops["secrets"])
    assert "fortsatt åpen" in shown  # says that a round is open, without its answers
    weights_table = next(d.value for d in at.dataframe if "AIJ" in " ".join(map(str, d.value.columns)))
    assert len(weights_table) == len(CRITERIA)
    assert list(weights_table.iloc[:, 0]) == pytest.approx([100 * workshops["weights"][c] for c in CRITERIA])
    # round 1's two submissions of the three who have joined; the late member's open-round answer not counted
    assert [m.value for m in at.metric][0] == "2 / 3"
    # no write controls: no buttons, text inputs or checkboxes in the page (download buttons are not buttons)
    assert not at.main.button and not at.main.text_input and not at.main.checkbox and not at.main.radio


def test_the_secretariat_on_the_laptop_reaches_the_page_too(workshops, monkeypatch) -> None:
    monkeypatch.delenv("MCDA_SECRETARIAT_HASH")  # the laptop default: every session is the secretariat
    at = open_page(session(), "workshop_results")
    no_errors(at)
    assert at.selectbox(key="ws.res.workshop")


def test_a_member_cannot_reach_the_page(workshops) -> None:
    at = session(join="ABCD2345")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/workshop_results.py")


def test_an_observer_with_no_closed_round_is_told_so(served) -> None:  # noqa: F811
    service = WorkshopService(served)
    created = service.create_workshop(name="Ny vekting", criteria=CRITERIA, mode="direct")
    member = service.join(created.join_code, NAMES[0])
    service.submit(member.token, dict.fromkeys(CRITERIA, 25))
    service.dispose()
    at = open_page(session(), "workshop_results")
    no_errors(at)
    assert any("Ingen runder i dette arbeidsmøtet er lukket" in str(i.value) for i in at.info)
    assert not at.metric and not any(name in everything_shown(at) for name in NAMES)


def test_an_observer_reads_a_closed_tree_round_by_node_and_a_scoring_round_by_cell(served) -> None:  # noqa: F811
    service = WorkshopService(served)
    tree = service.create_workshop(name="Verditre februar", mode="tree", nodes=["capability"])
    member = service.join(tree.join_code, NAMES[0])
    service.submit(member.token, {"capability": [[1, 2, 4], [1 / 2, 1, 3], [1 / 4, 1 / 3, 1]]})
    service.close_round(tree.facilitator_key, reveal=True)
    scores = service.create_workshop(name="Skåring februar", mode="scores", cells=[("P04", "climate_advantage")])
    scorer = service.join(scores.join_code, NAMES[1])
    service.submit(scorer.token, {"P04": {"climate_advantage": 3}})
    service.close_round(scores.facilitator_key)
    service.dispose()
    at = open_page(session(), "workshop_results")  # newest first: the scoring workshop
    no_errors(at)
    cells = next(d.value for d in at.dataframe if "Median" in d.value.columns)
    assert list(cells["Median"]) == ["3"]
    assert at.selectbox(key="ws.res.workshop").options[0].startswith("Skåring februar")
    at.selectbox(key="ws.res.workshop").set_value(tree.id).run()
    no_errors(at)
    node_table = next(d.value for d in at.dataframe if "Node" in " ".join(map(str, d.value.columns)))
    assert len(node_table) == 1 and "Forutsetninger" in str(node_table.iloc[0, 0])
    assert NAMES[0] in everything_shown(at)  # a named workshop's revealed round shows the names
