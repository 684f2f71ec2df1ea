"""The weights page's value-tree and swing modes through AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import no_errors, open_page


def test_tree_mode_walks_node_by_node_and_gives_global_weights(app: AppTest) -> None:
    open_page(app, "weights")
    app.radio(key="weights.mode.nb").set_value("tree").run()
    no_errors(app)
    assert app.radio(key="tree.node.nb").options[0].startswith("Alle kriterier")
    # the top node by direct points: capability 60, the three others 40/3 each
    app.slider(key="tree.points.root.capability").set_value(60.0).run()
    for group in ("sustainability", "market", "geopolitics"):
        app.slider(key=f"tree.points.root.{group}").set_value(40 / 3).run()
    # the capability group by AHP: resource base 3 times as important as maturity, industrial base equal to it
    app.radio(key="tree.node.nb").set_value("capability").run()
    app.radio(key="tree.method.capability.nb").set_value("ahp").run()
    app.select_slider(key="tree.pair.capability.resource_base|maturity.nb").set_value(3).run()
    app.select_slider(key="tree.pair.capability.industrial_base|maturity.nb").set_value(3).run()
    no_errors(app)
    assert any("CR =\u00a00,000" in s.value for s in app.success)
    table = next(d.value for d in app.dataframe if "Global vekt, %" in d.value.columns)  # local and global weights
    globals_ = dict(zip(table.iloc[:, 0].str.strip(" \u2003"), table["Global vekt, %"], strict=True))
    assert globals_["Forutsetninger"] == pytest.approx(60.0, abs=0.1)
    assert globals_["Ressursgrunnlag"] == pytest.approx(60 * 3 / 7, abs=0.1)
    assert globals_["Modenhet"] == pytest.approx(60 / 7, abs=0.1)
    # the choices stay when switching language
    app.session_state["lang"] = "en"
    app.run()
    no_errors(app)
    assert app.session_state["w.tree"]["capability"]["method"] == "ahp"


def test_swing_mode_ranks_swings_and_gives_points(app: AppTest) -> None:
    open_page(app, "weights")
    app.radio(key="weights.mode.nb").set_value("swing").run()
    no_errors(app)
    swings = app.dataframe[0].value
    ranges = dict(zip(swings.iloc[:, 0], swings.iloc[:, 1], strict=True))
    assert ranges["Behov for ren kraft"] == "fra 15,4 MWh/t til 1,5 MWh/t"
    assert any("Sprangene går fra den dårligste til den beste verdien" in i.value for i in app.info)
    ids = list(app.session_state["w.criteria"])
    order = ["power_demand", *[c for c in ids if c != "power_demand"]]
    app.multiselect(key="swing.order.criteria.nb").set_value(order).run()
    for c in order[1:]:
        app.slider(key=f"swing.points.criteria.{c}").set_value(25).run()
    no_errors(app)
    state = app.session_state["w.swing"]
    assert state["order"] == order and state["points"]["power_demand"] == 100
    # 100 + 8 x 25 = 300 points: power demand weighs 1/3
    table = app.dataframe[-1].value
    assert table.iloc[:, 0].max() == pytest.approx(100 / 3, abs=0.05)


def test_swing_points_above_a_higher_ranked_swing_are_named(app: AppTest) -> None:
    open_page(app, "weights")
    app.radio(key="weights.mode.nb").set_value("swing").run()
    ids = list(app.session_state["w.criteria"])
    app.multiselect(key="swing.order.criteria.nb").set_value(ids).run()
    app.slider(key=f"swing.points.criteria.{ids[1]}").set_value(20).run()
    app.slider(key=f"swing.points.criteria.{ids[2]}").set_value(60).run()
    assert any("har flere poeng enn et sprang som er rangert over det" in w.value for w in app.warning)
    assert not app.exception


def test_robustness_page_sweeps_a_whole_group(app: AppTest) -> None:
    from mcda.loading import load_problem
    from mcda.models import WeightSet
    from mcda.ranking import RankingSettings
    from mcda.sensitivity import sweep_group_weight
    from tests.app.test_robustness_page import SHIPPED

    open_page(app, "robustness")
    app.selectbox(key="tree.sweep.nb").set_value("market").run()
    no_errors(app)
    problem = load_problem(*SHIPPED)
    expected = sweep_group_weight(
        problem,
        WeightSet.from_raw(app.session_state["w.points"]),
        problem.tree.leaves("market"),
        RankingSettings(),
        group="market",
    )
    summary = next(m.value for m in app.markdown if m.value.startswith("Gruppen «Marked»"))
    assert "(Etterspørsel i EU, Rolle som leverandør til EU) har nå vekten 22,2\u00a0%" in summary
    tables = [d.value for d in app.dataframe if "Foran under denne vekten" in d.value.columns]
    top_three = [r for r in expected.reversals if r.position <= 3]
    assert len(tables[-1]) == len(top_three) > 0
    assert tables[-1]["Vekt (%)"].to_numpy() == pytest.approx([100 * r.weight for r in top_three], abs=1e-9)


@pytest.mark.parametrize("node", ["root", "capability", "sustainability", "market", "geopolitics"])
def test_swing_weighting_on_any_node_gives_its_local_weights(app: AppTest, node: str) -> None:
    """Swings chosen on a node: no error on the page (before, during and after ranking them), and the node's local
    weights are the swing points the member gave, not the direct points nor equal weights."""
    open_page(app, "weights")
    app.radio(key="weights.mode.nb").set_value("tree").run()
    app.radio(key="tree.node.nb").set_value(node).run()
    app.radio(key=f"tree.method.{node}.nb").set_value("swing").run()
    no_errors(app)
    kids = list(app.session_state["w.tree"][node]["points"])  # the node's children, in the tree's order
    order = list(reversed(kids))
    app.multiselect(key=f"swing.order.node.{node}.nb").set_value(order).run()
    no_errors(app)
    points = dict(zip(order, [100, 60, 30, 10], strict=False))  # the first swing has 100
    for kid in order[1:]:
        app.slider(key=f"swing.points.node.{node}.{kid}").set_value(points[kid]).run()
    no_errors(app)
    local = next(d.value for d in app.dataframe if "Lokal vekt, %" in d.value.columns)
    total = sum(points.values())
    assert local["Lokal vekt, %"].tolist() == pytest.approx([100 * points[k] / total for k in kids], abs=0.05)
    open_page(app, "ranking")  # the tree's weights reach the ranking
    no_errors(app)
