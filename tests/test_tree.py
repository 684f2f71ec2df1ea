"""Value trees: loading with located errors, node-by-node weights, hierarchical AHP, swings, group sweeps."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from mcda.ahp import PairwiseMatrix
from mcda.errors import InputError
from mcda.loading import load_problem, parse_criteria, parse_problem
from mcda.models import ROOT, CriteriaGroup, ValueTree, WeightSet
from mcda.ranking import RankingSettings, rank_alternatives
from mcda.scenario import Scenario, load_scenario
from mcda.sensitivity import sweep_group_weight, sweep_weight
from mcda.swing import criterion_swing, node_swing_text, swing_text, swing_weight_set, swing_weights
from mcda.tree import (
    local_weights_of,
    node_from_points,
    tree_ahp,
    tree_of,
    tree_weight_set,
)
from tests.reference_cases import HIERARCHY_CASES

ROOT_DIR = Path(__file__).resolve().parents[1]

CRITERIA = """\
criteria:
  - id: a
    name: A
    direction: benefit
  - id: b
    name: B
    direction: benefit
  - id: c
    name: C
    direction: cost
    unit: MWh/t
"""

DATA = """\
id,name,a,b,c
X,Ex,1,5,15
Y,Why,3,2,1.5
Z,Zed,2,4,7
"""


def _matrix(spec: dict) -> PairwiseMatrix:
    return PairwiseMatrix(
        labels=tuple(spec["labels"]),
        values=tuple(tuple(float(Fraction(str(x))) for x in row) for row in spec["matrix"]),
    )


# --- a published hierarchical AHP example ------------------------------------------------------


@pytest.mark.parametrize("case", HIERARCHY_CASES, ids=[c["id"] for c in HIERARCHY_CASES])
def test_hierarchical_ahp_reproduces_published_global_weights(case: dict) -> None:
    # in the file format every criterion sits in a group: a criterion directly under the top
    # node (Safety, Style) becomes a group of one, whose single child has local weight 1
    spec = {g: list(kids) for g, kids in case["groups"].items()}
    alone = [c for c in spec[ROOT] if c not in spec]
    for c in alone:
        spec[c] = [f"{c}_criterion"]
    groups = tuple(CriteriaGroup(id=g, name=g, children=tuple(kids)) for g, kids in spec.items() if g != ROOT)
    leaves = [c for g, kids in spec.items() for c in kids if c not in spec]
    tree = ValueTree(criteria=tuple(leaves), groups=groups)
    assert set(tree.children(ROOT)) == set(case["groups"][ROOT])
    weights, results = tree_ahp(tree, {node: _matrix(m) for node, m in case["matrices"].items()})
    for criterion, published in case["global_weights"].items():
        criterion = f"{criterion}_criterion" if criterion in alone else criterion
        decimals = len(str(published).split(".")[1])
        assert weights.weights[criterion] == pytest.approx(published, abs=0.6 * 10**-decimals + 5e-4), criterion
    assert sum(weights.weights.values()) == pytest.approx(1.0)
    assert set(results) == set(case["matrices"])
    assert results["Capacity"].cr == 0.0  # a 2x2 matrix is always consistent
    # the origin records the tree and every node's local weights, method and CR
    assert weights.origin.kind == "tree"
    local = local_weights_of(weights)
    assert local["Cost"]["Price"] == pytest.approx(0.488, abs=1e-3)
    assert weights.origin.details["nodes"]["root"]["method"] == "ahp"
    assert tree_of(weights) == tree


# --- structure and weights ---------------------------------------------------------------------


def test_without_groups_the_tree_is_one_node_holding_every_criterion() -> None:
    p = parse_problem(CRITERIA, DATA)
    assert p.groups == ()
    assert p.tree.nodes == (ROOT,)
    assert p.tree.children(ROOT) == ("a", "b", "c")
    ws = tree_weight_set(p.tree, [node_from_points(p.tree, ROOT, {"a": 50, "b": 30, "c": 20})])
    assert ws.weights == pytest.approx({"a": 0.5, "b": 0.3, "c": 0.2})
    # serialised as before: no 'groups' key, so saved scenario hashes stay valid
    assert "groups" not in p.model_dump(mode="json")


TREE = (
    CRITERIA
    + """\
groups:
  - id: g1
    name: {en: Group one, nb: Gruppe en}
    children: [a, b]
  - id: g2
    name: Group two
    children: [c]
"""
)


def test_global_weight_is_the_product_of_local_weights_down_the_path() -> None:
    p = parse_problem(TREE, DATA)
    tree = p.tree
    assert tree.children(ROOT) == ("g1", "g2")
    assert tree.path("b") == (ROOT, "g1", "b")
    assert tree.weighed_nodes == (ROOT, "g1")  # g2 has one child: nothing to weigh
    ws = tree_weight_set(
        tree,
        [node_from_points(tree, ROOT, {"g1": 60, "g2": 40}), node_from_points(tree, "g1", {"a": 1, "b": 3})],
    )
    assert ws.weights == pytest.approx({"a": 0.15, "b": 0.45, "c": 0.40})
    assert tree.local_from_global(ws.weights)["g1"] == pytest.approx({"a": 0.25, "b": 0.75})
    assert tree.node_weight("g1", local_weights_of(ws)) == pytest.approx(0.6)
    # the weight set ranks as any other
    assert rank_alternatives(p, ws, RankingSettings(method="wsm")).entries


def test_a_node_without_weights_is_named() -> None:
    tree = parse_problem(TREE, DATA).tree
    with pytest.raises(InputError) as info:
        tree_weight_set(tree, [node_from_points(tree, ROOT, {"g1": 1, "g2": 1})])
    assert "g1" in info.value.message("en") and "g1" in info.value.message("nb")


def test_leaving_out_criteria_prunes_the_tree() -> None:
    p = parse_problem(TREE, DATA)
    sub = p.subset(criteria=["a", "b"])
    assert [g.id for g in sub.groups] == ["g1"]
    assert sub.tree.children(ROOT) == ("g1",)


def test_a_problem_with_a_tree_round_trips_through_a_scenario() -> None:
    p = parse_problem(TREE, DATA)
    ws = WeightSet.equal(p.criterion_ids)
    scenario = Scenario.create(p, ws)
    loaded = load_scenario(scenario.to_json())
    assert loaded.problem.groups == p.groups


def test_the_shipped_problem_has_a_four_group_tree_over_all_nine_criteria() -> None:
    p = load_problem(ROOT_DIR / "criteria/positions.yaml", ROOT_DIR / "data/positions.csv")
    tree = p.tree
    assert tree.children(ROOT) == ("capability", "sustainability", "market", "geopolitics")
    assert sorted(c for g in tree.children(ROOT) for c in tree.leaves(g)) == sorted(p.criterion_ids)
    # four small matrices (6 + 3 + 1 + 1 + 1 = 12 judgments) instead of one with 36
    pairs = sum(len(tree.children(n)) * (len(tree.children(n)) - 1) // 2 for n in tree.weighed_nodes)
    assert pairs == 12
    assert tree.name("sustainability", "nb") == "Bærekraft"


# --- bad trees: a located message naming the group ---------------------------------------------


@pytest.mark.parametrize(
    ("groups", "line", "en", "nb"),
    [
        (
            "  - id: g1\n    name: G1\n    children: [a, b]\n  - id: g2\n    name: G2\n    children: [b, c]\n",
            18,
            "group 'g2' names 'b', which is already under group 'g1'",
            "gruppen 'g2' nevner 'b', som allerede står under gruppen 'g1'",
        ),
        (
            "  - id: g1\n    name: G1\n    children: [a, b]\n",
            8,
            "criterion 'c' is in no group",
            "kriteriet 'c' er ikke i noen gruppe",
        ),
        (
            "  - id: g1\n    name: G1\n    children: [a, b, c, g2]\n  - id: g2\n    name: G2\n    children: [g1]\n",
            13,
            "group 'g1' is inside itself (g1 → g2 → g1)",
            "gruppen 'g1' ligger inni seg selv",
        ),
        (
            "  - id: g1\n    name: G1\n    children: [a, b, c]\n  - id: g2\n    name: G2\n    children: []\n",
            18,
            "group 'g2' has no children",
            "gruppen 'g2' har ingen barn",
        ),
        (
            "  - id: g1\n    name: G1\n    children: [a, b, c, d]\n",
            15,
            "group 'g1' names 'd', which is neither a criterion nor a group",
            "gruppen 'g1' nevner 'd', som verken er et kriterium eller en gruppe",
        ),
        (
            "  - id: root\n    name: R\n    children: [a, b, c]\n",
            13,
            "group 'root': the id is 'root'",
            "gruppen 'root': id-en er 'root'",
        ),
    ],
    ids=["two_groups", "no_group", "cycle", "empty_group", "unknown_child", "root_id"],
)
def test_a_bad_tree_is_reported_with_file_line_and_group(groups: str, line: int, en: str, nb: str) -> None:
    text = CRITERIA + "groups:\n" + groups
    with pytest.raises(InputError) as info:
        parse_criteria(text, "tree.yaml")
    issue = info.value.issues[0]
    assert issue.file == "tree.yaml"
    assert issue.line == line
    assert en in issue.message("en")
    assert nb in issue.message("nb")
    assert f"line {line}" in info.value.message("en") and f"linje {line}" in info.value.message("nb")


def test_an_unknown_field_in_a_group_is_refused_with_its_line() -> None:
    text = CRITERIA + "groups:\n  - id: g1\n    name: G1\n    childs: [a, b, c]\n"
    with pytest.raises(InputError) as info:
        parse_criteria(text, "tree.yaml")
    messages = " ".join(info.value.messages("en"))
    assert "childs" in messages and "not a known field" in messages


# --- swings ------------------------------------------------------------------------------------


def test_swings_come_from_the_data_in_words_and_units() -> None:
    p = parse_problem(CRITERIA, DATA)
    swing = criterion_swing(p, "c")  # cost: the worst is the highest value
    assert (swing.worst, swing.best) == (15.0, 1.5)
    assert swing_text(swing, "nb") == "fra 15 MWh/t til 1,5 MWh/t"
    assert swing_text(swing, "en") == "from 15 MWh/t to 1.5 MWh/t"
    assert swing_text(criterion_swing(p, "a"), "nb") == "fra 1 til 3"
    # a change of the data changes the swing
    changed = p.with_cell("Y", "c", p.cell("Y", "c").model_copy(update={"value": 3.0}))
    assert criterion_swing(changed, "c").best == 3.0


def test_the_swing_of_a_group_is_all_its_criteria_together() -> None:
    p = parse_problem(TREE, DATA)
    text = node_swing_text(p, "g1", "nb")
    assert text == "alle på en gang: A fra 1 til 3; B fra 2 til 5"


def test_swing_weights_are_the_normalised_points() -> None:
    weights = swing_weights(["c", "a", "b"], {"c": 100, "a": 60, "b": 40})
    assert weights == pytest.approx({"c": 0.5, "a": 0.3, "b": 0.2})
    p = parse_problem(CRITERIA, DATA)
    ws = swing_weight_set(p, ["c", "a", "b"], {"c": 100, "a": 60, "b": 40})
    assert ws.origin.kind == "swing"
    assert ws.origin.details["swings"]["c"] == {"worst": 15.0, "best": 1.5, "unit": "MWh/t"}


def test_a_swing_node_records_its_order_and_points() -> None:
    p = parse_problem(CRITERIA, DATA)
    points = {"c": 100, "a": 60, "b": 40}
    node = node_from_points(
        p.tree, ROOT, swing_weights(["c", "a", "b"], points), "swing", order=["c", "a", "b"], points=points
    )
    assert node.method == "swing" and node.weights == pytest.approx({"a": 0.3, "b": 0.2, "c": 0.5})
    assert node.details == {"order": ["c", "a", "b"], "points": points}


@pytest.mark.parametrize(
    ("order", "points", "code"),
    [
        (["a", "b"], {"a": 90, "b": 40}, "swing_first_not_100"),
        (["a", "b"], {"a": 100, "b": 140}, "swing_points_range"),
        (["a", "b", "c"], {"a": 100, "b": 20, "c": 50}, "swing_order"),
        (["a", "a"], {"a": 100, "b": 20}, "swing_incomplete"),
    ],
)
def test_bad_swing_points_are_named(order: list[str], points: dict, code: str) -> None:
    with pytest.raises(InputError) as info:
        swing_weights(order, points)
    assert info.value.issues[0].code == code
    assert info.value.message("nb") != info.value.message("en")


# --- group sweeps ------------------------------------------------------------------------------


def test_a_group_of_one_criterion_sweeps_as_the_criterion() -> None:
    p = load_problem(ROOT_DIR / "criteria/positions.yaml", ROOT_DIR / "data/positions.csv")
    ws = WeightSet.equal(p.criterion_ids)
    settings = RankingSettings(method="wsm", normalization="minmax", missing_policy="worst")
    leaf = sweep_weight(p, ws, "eu_demand", settings)
    group = sweep_group_weight(p, ws, ["eu_demand"], settings, group="one")
    assert group.criterion == "one" and group.members == ("eu_demand",)
    assert [r.weight for r in group.reversals] == pytest.approx([r.weight for r in leaf.reversals])


def test_a_group_sweep_scales_the_groups_criteria_together_and_finds_exact_reversals() -> None:
    p = load_problem(ROOT_DIR / "criteria/positions.yaml", ROOT_DIR / "data/positions.csv")
    tree = p.tree
    nodes = [node_from_points(tree, n, {c: 1 for c in tree.children(n)}) for n in tree.weighed_nodes]
    ws = tree_weight_set(tree, nodes)
    settings = RankingSettings(method="topsis", missing_policy="worst")
    members = tree.leaves("capability")
    sweep = sweep_group_weight(p, ws, members, settings, group="capability")
    assert sweep.current_weight == pytest.approx(0.25)
    assert sweep.reversals
    for r in sweep.reversals:
        inside = [r.weights[c] for c in members]
        outside = [r.weights[c] for c in p.criterion_ids if c not in members]
        assert sum(inside) == pytest.approx(r.weight)
        # the group's criteria keep their proportions (equal here), and so do the others
        assert np.allclose(inside, inside[0]) and np.allclose(outside, outside[0])
        # at a reversal the two positions have the same score
        ranked = rank_alternatives(p, WeightSet.from_raw(r.weights), settings).score_of()
        assert ranked[r.ahead_before] == pytest.approx(ranked[r.ahead_after], abs=1e-9)


def test_a_group_holding_every_criterion_cannot_be_swept() -> None:
    p = parse_problem(CRITERIA, DATA)
    with pytest.raises(InputError):
        sweep_group_weight(p, WeightSet.equal(p.criterion_ids), ["a", "b", "c"], RankingSettings(method="wsm"))


# --- exports -----------------------------------------------------------------------------------


def _shipped_tree_report():
    from mcda.export import Report

    p = load_problem(ROOT_DIR / "criteria/positions.yaml", ROOT_DIR / "data/positions.csv")
    tree = p.tree
    nodes = [node_from_points(tree, ROOT, {"capability": 40, "sustainability": 20, "market": 25, "geopolitics": 15})]
    nodes += [node_from_points(tree, n, {c: 1 for c in tree.children(n)}) for n in tree.weighed_nodes[1:]]
    ws = tree_weight_set(tree, nodes, name="Treet")
    return Report(problem=p, ranking=rank_alternatives(p, ws), weights=ws)


def test_exports_show_the_tree_with_local_and_global_weights() -> None:
    import io

    import openpyxl

    from mcda.export import export_report
    from mcda.export.content import build_sections

    report = _shipped_tree_report()
    section = next(s for s in build_sections(report, "nb") if s.key == "tree")
    assert section.message == "Gruppen «Forutsetninger» veier tyngst (40,0\u00a0% av den samlede vekten)"
    assert [b.kind for b in section.blocks] == ["paragraph", "table", "figure"]
    md = export_report(report, "md", "nb").decode("utf-8")
    assert "| Modenhet | Forutsetninger | 33,3\u00a0% | 13,3\u00a0% | direkte poeng |" in md
    sheet = openpyxl.load_workbook(io.BytesIO(export_report(report, "xlsx", "en")))["Value tree"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0]]
    header = next(i for i, r in enumerate(rows) if r[0] == "Criterion or group")
    first = rows[header + 1]
    assert first[0] == "Capability" and first[2] == pytest.approx(0.4) and first[3] == pytest.approx(0.4)
    # a weight set not set in the tree gets no tree section
    plain = report.model_copy(update={"weights": WeightSet.equal(report.problem.criterion_ids)})
    assert "tree" not in [s.key for s in build_sections(plain, "nb")]


# --- group weighting per node (workshop engine) --------------------------------------------------


def test_group_weighting_per_node_aggregates_each_node_and_multiplies_down_the_tree() -> None:
    from mcda.ahp import analyse_group
    from mcda.workshop.tree import group_tree_weights

    tree = parse_problem(TREE, DATA).tree

    def m(labels, a_over_b):
        return PairwiseMatrix.from_judgments(labels, {(labels[0], labels[1]): a_over_b})

    submissions = {
        "Kari": {"root": m(("g1", "g2"), 3.0), "g1": m(("a", "b"), 1 / 2)},
        "Ola": {"root": m(("g1", "g2"), 1 / 3), "g1": m(("a", "b"), 2.0)},
        "Siri": {"root": m(("g1", "g2"), 3.0), "g1": m(("a", "b"), 4.0)},
    }
    result = group_tree_weights(tree, submissions)
    root = analyse_group([s["root"] for s in submissions.values()], "aij")
    g1 = analyse_group([s["g1"] for s in submissions.values()], "aij")
    assert result.nodes["root"].weights == pytest.approx(root.weights)
    assert result.nodes["root"].consensus is not None  # S* per node
    w = result.weights("aij").weights
    assert w["a"] == pytest.approx(root.weights["g1"] * g1.weights["a"])
    assert w["c"] == pytest.approx(root.weights["g2"])  # g2 has one child
    # 2x2 matrices: AIJ and AIP agree (the geometric mean of ratios is the ratio of geometric means)
    assert result.weights("aip").weights == pytest.approx(w)
    # the facilitator weighs only the root; g1 keeps weights set beforehand
    only_root = group_tree_weights(
        tree, {k: {"root": v["root"]} for k, v in submissions.items()}, nodes=["root"], fixed={"g1": {"a": 1, "b": 3}}
    )
    assert only_root.weights("aij").weights["b"] == pytest.approx(root.weights["g1"] * 0.75)
    with pytest.raises(InputError) as info:
        group_tree_weights(tree, {"Kari": {"root": submissions["Kari"]["root"]}})
    assert "Kari: g1" in info.value.message("en")
