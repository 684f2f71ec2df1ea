"""Tree and swing workshops through AppTest: the facilitator chooses the nodes, a member walks node by node
with each node's CR and hints and submits all nodes at once; the dashboard shows the result per node."""

from __future__ import annotations

import pytest
import test_workshop_tree as tree_round
from streamlit.testing.v1 import AppTest

from mcda.workshop import WorkshopService

from .conftest import no_errors, open_page
from .test_workshop_pages import frame_cells, markdown_texts, member_app, open_as_facilitator


@pytest.fixture
def service(db_url):
    svc = WorkshopService(db_url)
    yield svc
    svc.dispose()


def test_the_facilitator_creates_a_tree_workshop_with_chosen_nodes(app: AppTest, service) -> None:
    open_page(app, "workshop_facilitator")
    app.text_input(key="ws.create.name").input("Verditre desember")
    app.radio(key="ws.create.mode").set_value("tree").run()
    no_errors(app)
    [nodes] = [m for m in app.multiselect if m.key.startswith("ws.create.nodes")]
    assert nodes.value == ["root", "capability", "sustainability", "market", "geopolitics"]  # the default
    assert "Alle kriterier › Forutsetninger" in nodes.options
    nodes.set_value(["root", "market"]).run()
    app.button(key="ws.create.button").click().run()
    no_errors(app)
    key = app.session_state["ws.fac.key"]
    info = service.workshop_info(key)
    assert info.mode == "tree" and info.tree_round.chosen == ("root", "market")


def test_a_member_walks_node_by_node_and_submits_every_node_at_once(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Verditre", mode="tree", nodes=["root", "capability"])
    member = member_app(join=ws.join_code)
    member.text_input(key="ws.join.name").input("Kari")
    member.button(key="ws.join.button").click().run()
    no_errors(member)
    token = member.query_params["member"]
    assert "Noder i denne runden: Alle kriterier, Forutsetninger" in markdown_texts(member)
    # the first node: root, over its four groups
    member.select_slider(key="ws.tree.pair.nb.root.capability|sustainability").set_value(3).run()
    member.radio(key="ws.tree.node.nb").set_value("capability").run()
    no_errors(member)
    member.select_slider(key="ws.tree.pair.nb.capability.resource_base|industrial_base").set_value(9).run()
    member.select_slider(key="ws.tree.pair.nb.capability.industrial_base|maturity").set_value(9).run()
    member.select_slider(key="ws.tree.pair.nb.capability.resource_base|maturity").set_value(-9).run()
    no_errors(member)
    alerts = [w.value for w in member.warning] + [s.value for s in member.success]
    assert any(a.startswith("Forutsetninger: CR") for a in alerts)
    assert any(a.startswith("Alle kriterier: CR ") for a in alerts)
    assert [m.value for m in member.markdown if m.value.startswith("Inkonsistent vurdering")]  # the node's hints
    member.checkbox(key="ws.submit.confirm_inconsistent").check().run()
    member.button(key="ws.submit").click().run()
    no_errors(member)
    record = service.member_view(token).submission
    assert set(record.judgments) == {"root", "capability"}
    assert record.judgments["root"][0][1] == 3 and record.judgments["capability"][0][1] == 9
    assert record.nodes["capability"].consistent is False and record.nodes["root"].cr < 0.1
    back = member_app(member=token)  # the sliders come back from the submission
    no_errors(back)
    assert back.session_state["ws.tree"]["capability"]["resource_base|industrial_base"] == 9


def test_the_dashboard_shows_the_nodes_and_the_next_round_takes_new_nodes(app: AppTest, service) -> None:
    ws = service.create_workshop(name="Verditre", mode="tree", nodes=["root", "capability"])
    for name, judgments in (("Kari", tree_round.KARI), ("Ola", tree_round.OLA)):
        service.submit(service.join(ws.join_code, name).token, judgments)
    open_as_facilitator(app, ws.facilitator_key)
    no_errors(app)
    result = service.group_result(ws.facilitator_key)
    texts = markdown_texts(app)
    assert "Node for node" in texts
    weakest = result.tree.node(result.tree.weakest)
    assert any(t.startswith("Gruppen er minst enig i noden") for t in texts)
    assert any("Bærekraft: like vekter" in t for t in texts)
    cells = frame_cells(app)
    assert "Alle kriterier › Forutsetninger" in cells and "Gruppens CR" in cells
    assert str(weakest.group_cr) in cells  # the node table (its shown format is the styler's)
    assert [m.label for m in app.metric][:2] == ["Svar", "CR for gruppematrisen"]
    assert "Diagrammet viser gruppens lokale og globale vekter (AIJ) i verditreet." in texts  # under the tree chart

    app.button(key="ws.round.close_reveal").click().run()
    [nodes] = [m for m in app.multiselect if m.key.startswith("ws.round.nodes")]
    assert nodes.value == ["root", "capability"]
    nodes.set_value(["market"]).run()
    app.button(key="ws.round.next").click().run()
    no_errors(app)
    plan = service.workshop_info(ws.facilitator_key).tree_round
    assert plan.chosen == ("market",) and plan.fixed_from["root"] == 1 and plan.fixed_from["capability"] == 1
    assert plan.fixed["capability"] == pytest.approx(result.tree.node("capability").aij)


def test_a_swing_member_ranks_the_swings_and_the_dashboard_shows_the_median(app: AppTest, service) -> None:
    criteria = ["industrial_base", "eu_demand", "supply_risk", "maturity"]
    ws = service.create_workshop(name="Sving", criteria=criteria, mode="swing")
    member = member_app(join=ws.join_code)
    member.text_input(key="ws.join.name").input("Kari")
    member.button(key="ws.join.button").click().run()
    no_errors(member)
    assert not [b for b in member.button if b.key == "ws.submit"]  # the swings are not ranked yet
    member.multiselect(key="swing.order.ws.nb").set_value(["eu_demand", "supply_risk", "maturity", "industrial_base"])
    member.run()
    member.slider(key="swing.points.ws.supply_risk").set_value(80).run()
    member.slider(key="swing.points.ws.maturity").set_value(40).run()
    member.slider(key="swing.points.ws.industrial_base").set_value(20).run()
    member.button(key="ws.submit").click().run()
    no_errors(member)
    record = service.member_view(member.query_params["member"]).submission
    assert record.weights == pytest.approx(
        {"eu_demand": 100 / 240, "supply_risk": 80 / 240, "maturity": 40 / 240, "industrial_base": 20 / 240}
    )
    open_as_facilitator(app, ws.facilitator_key)
    no_errors(app)
    group = next(f.value for f in app.dataframe if "Median" in f.value.columns)
    assert group["Median"].tolist() == pytest.approx([100 * record.weights[c] for c in criteria])
