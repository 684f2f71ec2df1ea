"""Workshops that weigh the value tree node by node (mode ``tree``) and swing-weighting workshops.

The same databases as the other workshop tests (SQLite, and PostgreSQL when configured). The
hand-checked example recomputes AIJ per node with numpy (element-wise geometric mean, principal
eigenvector) and the global weights as products down each path, independently of the engine.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
import test_workshop as shared

from mcda.errors import InputError
from mcda.models import DecisionProblem, ValueTree
from mcda.storage import WeightSetStore
from mcda.storage.db import sent_statements
from mcda.workshop import RoundStateError, WorkshopError, WorkshopService, shipped_problem
from mcda.workshop import service as service_module
from mcda.workshop.tree import analyse_tree_judgments
from mcda.workshop.tree_check import TreeRoundCheck

postgres_url = shared.postgres_url
database_url = shared.database_url
service = shared.service

# the shipped tree: root -> capability (3), sustainability (2), market (2), geopolitics (2)
ROOT = ("capability", "sustainability", "market", "geopolitics")
CAPABILITY = ("resource_base", "industrial_base", "maturity")
PATHS = {
    "resource_base": ("capability",),
    "industrial_base": ("capability",),
    "maturity": ("capability",),
    "power_demand": ("sustainability",),
    "climate_advantage": ("sustainability",),
    "eu_demand": ("market",),
    "eu_partner_role": ("market",),
    "supply_risk": ("geopolitics",),
    "market_access_risk": ("geopolitics",),
}
GROUPS = {
    "capability": CAPABILITY,
    "sustainability": ("power_demand", "climate_advantage"),
    "market": ("eu_demand", "eu_partner_role"),
    "geopolitics": ("supply_risk", "market_access_risk"),
}

# two members' matrices (rows in the order of the node's children)
KARI = {
    "root": [[1, 3, 2, 5], [1 / 3, 1, 1 / 2, 2], [1 / 2, 2, 1, 3], [1 / 5, 1 / 2, 1 / 3, 1]],
    "capability": [[1, 2, 4], [1 / 2, 1, 3], [1 / 4, 1 / 3, 1]],
}
OLA = {
    "root": [[1, 1 / 2, 1, 3], [2, 1, 2, 4], [1, 1 / 2, 1, 2], [1 / 3, 1 / 4, 1 / 2, 1]],
    "capability": [[1, 1 / 3, 2], [3, 1, 5], [1 / 2, 1 / 5, 1]],
}


def eigen_priorities(a: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eig(a)
    v = np.abs(np.real(vectors[:, np.argmax(np.real(values))]))
    return v / v.sum()


def aij_by_hand(*matrices: list[list[float]]) -> np.ndarray:
    stack = np.array(matrices, dtype=float)
    return eigen_priorities(np.exp(np.log(stack).mean(axis=0)))


@pytest.fixture
def tree_workshop(service):
    return service.create_workshop(name="Verditre desember", mode="tree", nodes=["root", "capability"])


def test_a_tree_round_gives_the_products_of_the_aij_local_weights(service, tree_workshop) -> None:
    key = tree_workshop.facilitator_key
    info = service.workshop_info(key)
    assert info.mode == "tree"
    assert info.tree is not None and info.tree.children("root") == ROOT
    assert info.tree_round.chosen == ("root", "capability")
    assert info.tree_round.fixed == {
        g: {c: 0.5 for c in GROUPS[g]} for g in ("sustainability", "market", "geopolitics")
    }
    assert set(info.tree_round.fixed_from.values()) == {None}
    kari = service.join(tree_workshop.join_code, "Kari")
    ola = service.join(tree_workshop.join_code, "Ola")

    record = service.submit(kari.token, KARI)
    own_root, own_cap = eigen_priorities(np.array(KARI["root"])), eigen_priorities(np.array(KARI["capability"]))
    assert record.nodes["root"].weights == pytest.approx(dict(zip(ROOT, own_root)), abs=1e-9)
    assert record.weights["maturity"] == pytest.approx(own_root[0] * own_cap[2], abs=1e-9)
    assert record.weights["eu_demand"] == pytest.approx(own_root[2] * 0.5, abs=1e-9)
    assert record.cr == max(record.nodes["root"].cr, record.nodes["capability"].cr)
    service.submit(ola.token, OLA)

    result = service.group_result(key)
    root = aij_by_hand(KARI["root"], OLA["root"])
    cap = aij_by_hand(KARI["capability"], OLA["capability"])
    local = {"root": dict(zip(ROOT, root)), "capability": dict(zip(CAPABILITY, cap))}
    for group in ("sustainability", "market", "geopolitics"):
        local[group] = {c: 0.5 for c in GROUPS[group]}
    expected = {c: local["root"][path[0]] * local[path[0]][c] for c, path in PATHS.items()}
    assert result.aggregation == "aij"
    assert result.weights == pytest.approx(expected, abs=1e-9)
    assert math.fsum(result.weights.values()) == pytest.approx(1.0)
    node = result.tree.node("capability")
    assert node.aij == pytest.approx(local["capability"], abs=1e-9)
    # AIP: the geometric mean of the members' priorities at the node, renormalised
    aip = np.sqrt(eigen_priorities(np.array(KARI["capability"])) * eigen_priorities(np.array(OLA["capability"])))
    assert node.aip == pytest.approx(dict(zip(CAPABILITY, aip / aip.sum())), abs=1e-9)
    # the headline S* and CR: the lowest node S* and the largest node CR
    weakest = min(result.tree.nodes, key=lambda n: n.consensus.s_star)
    assert result.tree.weakest == weakest.node
    assert result.consensus.s_star == weakest.consensus.s_star
    assert result.group_cr == max(n.group_cr for n in result.tree.nodes)
    assert result.member(1).nodes["capability"].weights == pytest.approx(dict(zip(CAPABILITY, own_cap)), abs=1e-9)
    assert result.group_ranking is not None and len(result.members) == 2


def test_the_next_round_keeps_the_group_weights_of_nodes_not_chosen_and_says_so(service, tree_workshop) -> None:
    key = tree_workshop.facilitator_key
    kari = service.join(tree_workshop.join_code, "Kari")
    ola = service.join(tree_workshop.join_code, "Ola")
    service.submit(kari.token, KARI)
    service.submit(ola.token, OLA)
    round1 = service.group_result(key)
    with pytest.raises(RoundStateError):
        service.open_next_round(key, nodes=["market"])
    service.close_round(key, reveal=True)
    with pytest.raises(WorkshopError, match="noden|node"):
        service.open_next_round(key, nodes=["resource_base"])  # a criterion, not a node
    service.open_next_round(key, carry_over=True, nodes=["capability", "market"])
    info = service.workshop_info(key)
    plan = info.tree_round
    assert plan.chosen == ("capability", "market")
    assert plan.fixed["root"] == pytest.approx(round1.tree.node("root").aij)
    assert plan.fixed_from == {"root": 1, "sustainability": None, "geopolitics": None}
    # no one answered 'market' in round 1: nothing is carried over
    assert service.group_result(key).submissions == 0
    with pytest.raises(InputError) as refused:
        service.submit(kari.token, KARI)
    text = refused.value.message("en", limit=5)
    assert "node 'root'" in text and "not weighed in this round" in text
    assert "node 'market'" in text and "has no matrix" in text
    market = [[1, 2], [1 / 2, 1]]
    service.submit(kari.token, {"capability": KARI["capability"], "market": market})
    result = service.group_result(key)
    root = round1.tree.node("root").aij
    assert result.weights["eu_demand"] == pytest.approx(root["market"] * 2 / 3, abs=1e-12)
    assert result.weights["maturity"] == pytest.approx(
        root["capability"] * eigen_priorities(np.array(KARI["capability"]))[2], abs=1e-9
    )
    history = service.round_history(key)
    assert [h.nodes for h in history] == [("root", "capability"), ("capability", "market")]
    # carried over: the next round with the same nodes copies Kari's matrices
    service.close_round(key)
    service.open_next_round(key, carry_over=True)
    assert service.workshop_info(key).tree_round.chosen == ("capability", "market")
    carried = service.group_result(key)
    assert carried.submissions == 1 and carried.member(1).carried_over
    assert service.workshop_info(key).tree_round.fixed["root"] == pytest.approx(root)
    assert service.workshop_info(key).tree_round.fixed_from["root"] == 1


def test_bad_tree_judgments_name_the_node(service, tree_workshop) -> None:
    kari = service.join(tree_workshop.join_code, "Kari")
    cases = {
        "a reciprocal error": (
            {"root": KARI["root"], "capability": [[1, 2, 4], [0.4, 1, 3], [1 / 4, 1 / 3, 1]]},
            ["node 'capability', cell 'industrial_base/resource_base'", "reciprocal"],
        ),
        "a missing node": ({"root": KARI["root"]}, ["node 'capability'", "has no matrix"]),
        "a node not chosen": (
            {**KARI, "market": [[1, 2], [1 / 2, 1]]},
            ["node 'market'", "not weighed in this round"],
        ),
        "a wrong size": ({"root": KARI["capability"], "capability": KARI["capability"]}, ["node 'root'", "4 rows"]),
        "not a mapping": ([[1]], ["one pairwise comparison matrix per chosen node"]),
    }
    for name, (judgments, phrases) in cases.items():
        for call in (service.check, service.submit):  # the submission checks them as the live check does
            with pytest.raises(InputError) as refused:
                call(kari.token, judgments)
            text = refused.value.message("en", limit=5)
            assert all(p in text for p in phrases), (name, call.__name__, text)
            assert "noden" in refused.value.message("nb", limit=5) or name == "not a mapping"
    from mcda.ahp import PairwiseMatrix

    wrong = PairwiseMatrix(labels=("a", "b"), values=((1, 2), (0.5, 1)))
    with pytest.raises(InputError, match="node 'root'.*children of node 'root'"):
        service.check(kari.token, {"root": wrong, "capability": KARI["capability"]})
    assert service.group_result(tree_workshop.facilitator_key).submissions == 0


# --- a tree round's submission: one write transaction, safe against a round changed meanwhile ----


def test_a_tree_submission_is_one_write_transaction_that_confirms_the_rounds_plan(service, tree_workshop) -> None:
    """Before: a tree submission read the member, workshop and round in a transaction of its own,
    then read them again, locked, in the write transaction (two transactions, five statements)."""
    kari = service.join(tree_workshop.join_code, "Kari")
    service.submit(kari.token, KARI)  # the round's plan is now known to this process
    with sent_statements(service.db.engine) as sent:
        record = service.submit(kari.token, OLA)
    assert record.revision == 2
    assert sent[0] == "BEGIN" and sent.count("BEGIN") == 1
    seat, supersede, insert = sent[1:]  # the member with their workshop, round and its plan; supersede; insert
    assert seat.lstrip().upper().startswith("SELECT") and "workshop_rounds.nodes" in seat
    assert supersede.lstrip().upper().startswith("UPDATE WORKSHOP_SUBMISSIONS")
    assert insert.lstrip().upper().startswith("INSERT INTO WORKSHOP_SUBMISSIONS")
    if not service.db.is_sqlite:
        assert "FOR NO KEY UPDATE OF workshop_participants FOR SHARE OF workshop_rounds" in seat


def test_members_submitting_a_rounds_first_burst_at_once_read_its_plan_once(
    service, tree_workshop, monkeypatch
) -> None:
    """Before: each of the members who submitted before the process knew the round's plan read it and
    built its check (30 reads and builds in the load benchmark's first burst of a round)."""
    members = [service.join(tree_workshop.join_code, f"Member {i}") for i in range(6)]
    built: list[int] = []

    class CountedCheck(TreeRoundCheck):
        def __init__(self, *args, **kwargs) -> None:
            built.append(1)
            time.sleep(0.05)  # long enough for every member to arrive while the first one reads
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(service_module, "TreeRoundCheck", CountedCheck)
    records = shared.run_at_once(len(members), lambda i: service.submit(members[i].token, KARI if i % 2 else OLA))
    assert len(built) == 1
    assert [r.revision for r in records] == [1] * len(members)
    group = service.group_result(tree_workshop.facilitator_key)
    assert group.submissions == len(members)


def test_a_rounds_check_kept_for_another_tree_is_not_used(service, tree_workshop) -> None:
    """The check kept per (workshop, join code) is rebuilt when the workshop's tree is another one
    (a database replaced under a running app): here capability's children in the reverse order."""
    kari = service.join(tree_workshop.join_code, "Kari")
    service.submit(kari.token, KARI)  # the round's plan and its check are now kept
    key = (tree_workshop.id, tree_workshop.join_code)
    nodes, check = service._tree_plans.peek(key)
    real = check.tree
    groups = tuple(
        g.model_copy(update={"children": tuple(reversed(g.children))}) if g.id == "capability" else g
        for g in real.groups
    )
    service._tree_plans.put(key, (nodes, TreeRoundCheck(ValueTree(criteria=real.criteria, groups=groups), check.plan)))
    record = service.submit(kari.token, OLA)
    expected = analyse_tree_judgments(real, check.plan, OLA).weights
    assert list(record.weights) == list(expected)
    assert list(record.weights.values()) == pytest.approx(list(expected.values()), abs=1e-12)


def _between_check_and_write(service, monkeypatch, change) -> list[int]:
    """Run ``change()`` once, right after the first check of a submission (before its write); the
    number of checks made is counted in the list returned."""
    real, checks = service._check_tree, []

    def check_then_change(*args, **kwargs):
        analysis = real(*args, **kwargs)
        checks.append(1)
        if len(checks) == 1:
            change()
        return analysis

    monkeypatch.setattr(service, "_check_tree", check_then_change)
    return checks


def test_a_tree_submission_into_a_round_closed_after_its_check_is_refused(service, tree_workshop, monkeypatch) -> None:
    kari = service.join(tree_workshop.join_code, "Kari")
    _between_check_and_write(service, monkeypatch, lambda: service.close_round(tree_workshop.facilitator_key))
    with pytest.raises(RoundStateError, match="closed"):
        service.submit(kari.token, KARI)
    assert service.group_result(tree_workshop.facilitator_key).submissions == 0
    assert shared.count_submissions(service, tree_workshop.id) == 0


def test_a_tree_submission_is_checked_again_when_the_round_changed_after_its_check(
    service, tree_workshop, monkeypatch
) -> None:
    """Round 1 weighs root and capability, market keeps equal weights. While Ola's matrices are being
    checked against it, round 1 closes, round 2 weighs market (Kari: 2 to 1) and closes, and round 3
    weighs root and capability again with market kept at round 2's group weights. Ola's matrices fit
    round 3's nodes: stored there with round 3's market weights, not with the equal ones checked first."""
    key = tree_workshop.facilitator_key
    kari, ola = (service.join(tree_workshop.join_code, name) for name in ("Kari", "Ola"))
    market = [[1, 2], [1 / 2, 1]]

    def rounds_2_and_3() -> None:
        service.close_round(key)
        service.open_next_round(key, nodes=["market"])
        service.submit(kari.token, {"market": market})
        service.close_round(key)
        service.open_next_round(key, nodes=["root", "capability"])

    service.submit(ola.token, OLA)  # round 1's plan is what this process knows
    checks = _between_check_and_write(service, monkeypatch, rounds_2_and_3)
    record = service.submit(ola.token, OLA)
    assert record.round == 3 and record.revision == 1
    assert len(checks) == 3  # Ola against round 1, Kari in round 2, Ola again against round 3
    root = eigen_priorities(np.array(OLA["root"]))
    assert record.weights["eu_demand"] == pytest.approx(root[2] * 2 / 3, abs=1e-9)
    result = service.group_result(key)
    assert result.round == 3 and result.submissions == 1 and result.member(2).revision == 1
    assert service.group_result(key, round=1).member(2).revision == 1  # Ola's first, not the second
    assert shared.count_submissions(service, tree_workshop.id) == 3


def test_a_tree_submission_checked_against_a_round_whose_nodes_changed_is_refused_by_the_new_nodes(
    service, tree_workshop, monkeypatch
) -> None:
    key = tree_workshop.facilitator_key
    kari = service.join(tree_workshop.join_code, "Kari")

    def next_round_other_nodes() -> None:
        service.close_round(key)
        service.open_next_round(key, nodes=["capability", "market"])

    _between_check_and_write(service, monkeypatch, next_round_other_nodes)
    with pytest.raises(InputError) as refused:
        service.submit(kari.token, KARI)
    text = refused.value.message("en", limit=5)
    assert "node 'root'" in text and "not weighed in this round" in text
    assert "node 'market'" in text and "has no matrix" in text
    assert shared.count_submissions(service, tree_workshop.id) == 0


def test_judgments_for_a_new_rounds_nodes_are_taken_though_the_process_knew_the_previous_round(
    service, tree_workshop
) -> None:
    """The plan kept in memory is a hint: a refusal against it is confirmed against the database."""
    key = tree_workshop.facilitator_key
    kari = service.join(tree_workshop.join_code, "Kari")
    service.submit(kari.token, KARI)
    other_process = WorkshopService(database=service.db)  # the facilitator's app, on the same database
    other_process.close_round(key)
    other_process.open_next_round(key, nodes=["capability", "market"])
    record = service.submit(kari.token, {"capability": KARI["capability"], "market": [[1, 3], [1 / 3, 1]]})
    assert record.round == 2 and set(record.nodes) == {"capability", "market"}


def test_creating_a_tree_workshop_checks_the_nodes(service) -> None:
    with pytest.raises(WorkshopError, match="not a node of the value tree"):
        service.create_workshop(name="T", mode="tree", nodes=["root", "nowhere"])
    with pytest.raises(WorkshopError, match="no node chosen"):
        service.create_workshop(name="T", mode="tree", nodes=[])
    with pytest.raises(WorkshopError, match="only in a workshop that weighs the value tree"):
        service.create_workshop(name="T", mode="ahp", nodes=["root"])
    flat = DecisionProblem.model_validate({**shipped_problem().model_dump(mode="json"), "groups": []})
    with pytest.raises(WorkshopError, match="no value tree over the chosen criteria"):
        service.create_workshop(name="T", mode="tree", problem=flat)
    one_group = service.create_workshop(name="T", mode="tree", criteria=["eu_demand", "eu_partner_role"])
    assert service.workshop_info(one_group.facilitator_key).tree_round.chosen == ("market",)
    every = service.create_workshop(name="T", mode="tree")
    assert service.workshop_info(every.facilitator_key).tree_round.chosen == (
        "root",
        "capability",
        "sustainability",
        "market",
        "geopolitics",
    )
    # over some criteria only: the tree restricted to them
    some = service.create_workshop(name="T", mode="tree", criteria=["resource_base", "maturity", "eu_demand"])
    info = service.workshop_info(some.facilitator_key)
    assert info.tree.children("root") == ("capability", "market")
    assert info.tree_round.chosen == ("root", "capability")


def test_saving_a_tree_rounds_group_weights_records_the_nodes(service, tree_workshop) -> None:
    key = tree_workshop.facilitator_key
    for name, judgments in (("Kari", KARI), ("Ola", OLA)):
        service.submit(service.join(tree_workshop.join_code, name).token, judgments)
    service.close_round(key)
    saved = service.save_group_weights(key, 1, "Verditre runde 1", aggregation="aip")
    result = service.group_result(key)
    assert saved.weights == pytest.approx(result.group_weights[1].weights)
    tree = saved.origin.details["tree"]
    assert tree["chosen"] == ["root", "capability"]
    assert tree["local"]["capability"] == pytest.approx(result.tree.node("capability").aip)
    assert tree["local"]["market"] == {"eu_demand": 0.5, "eu_partner_role": 0.5}
    assert tree["fixed_from"]["market"] is None
    stored = WeightSetStore(service.db).get(service.workshop_info(key).problem_id, "Verditre runde 1")
    assert stored.weights == pytest.approx(saved.weights)


# --- swing weighting ----------------------------------------------------------------------------

SWING_CRITERIA = ["industrial_base", "eu_demand", "supply_risk", "maturity"]


def test_a_swing_round_gives_mean_and_median_with_consensus(service) -> None:
    created = service.create_workshop(name="Sving", criteria=SWING_CRITERIA, mode="swing")
    answers = [
        {"order": ["eu_demand", "supply_risk", "maturity", "industrial_base"], "points": [100, 80, 40, 20]},
        {"order": ["supply_risk", "eu_demand", "industrial_base", "maturity"], "points": [100, 50, 50, 10]},
        {"order": ["eu_demand", "industrial_base", "supply_risk", "maturity"], "points": [100, 90, 60, 30]},
    ]
    normalised = []
    for k, a in enumerate(answers):
        member = service.join(created.join_code, f"Deltaker {k}")
        judgments = {"order": a["order"], "points": dict(zip(a["order"], a["points"]))}
        record = service.submit(member.token, judgments)
        total = sum(a["points"])
        expected = {c: p / total for c, p in zip(a["order"], a["points"])}
        assert record.weights == pytest.approx(expected)
        normalised.append([expected[c] for c in SWING_CRITERIA])
    result = service.group_result(created.facilitator_key)
    w = np.array(normalised)
    mean, median = w.mean(axis=0), np.median(w, axis=0)
    assert [g.aggregation for g in result.group_weights] == ["mean", "median"]
    assert result.weights == pytest.approx(dict(zip(SWING_CRITERIA, mean)))
    assert result.group_weights[1].weights == pytest.approx(dict(zip(SWING_CRITERIA, median / median.sum())))
    # consensus as for direct weights: Goepel's homogeneity without the scale correction
    from mcda.workshop.group import direct_consensus

    assert result.consensus.s_star == pytest.approx(direct_consensus(w).s_star)
    assert "swing" in result.consensus_note


def test_bad_swing_answers_are_located(service) -> None:
    created = service.create_workshop(name="Sving", criteria=SWING_CRITERIA, mode="swing")
    member = service.join(created.join_code, "Kari")
    order = ["eu_demand", "supply_risk", "maturity", "industrial_base"]
    with pytest.raises(InputError, match="swing ranking"):
        service.check(member.token, {c: 1 for c in SWING_CRITERIA})
    with pytest.raises(InputError, match="must name each of"):
        service.check(member.token, {"order": order[:3], "points": dict.fromkeys(order[:3], 50)})
    with pytest.raises(InputError, match="must have 100 points"):
        service.check(member.token, {"order": order, "points": {c: 50 for c in order}})
    with pytest.raises(InputError, match="column 'maturity'.*more points than a swing ranked above"):
        service.check(
            member.token,
            {"order": order, "points": {**{c: 50 for c in order}, order[0]: 100, order[1]: 60, order[2]: 70}},
        )


# --- exports ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_tree_rounds_report_shows_the_nodes_and_global_weights_in_every_format(service, tree_workshop, lang) -> None:
    import io
    import json

    import docx
    import openpyxl
    import pptx

    from mcda.export import to_csv, to_docx, to_json, to_markdown, to_pptx, to_xlsx
    from mcda.export.workshop import workshop_report

    key = tree_workshop.facilitator_key
    for name, judgments in (("Kari", KARI), ("Ola", OLA)):
        service.submit(service.join(tree_workshop.join_code, name).token, judgments)
    service.close_round(key)
    info, result = service.workshop_info(key), service.group_result(key)
    report = workshop_report(info, service.problem(key), result, service.round_history(key), lang)
    assert report.weights.weights == pytest.approx(result.weights)
    [tree_part] = [p for p in report.workshop.parts if p.key == "workshop_tree"]
    weakest = {"nb": "Gruppen er minst enig i noden", "en": "The group agrees least at the node"}[lang]
    assert tree_part.message.startswith(weakest)
    capability = {"nb": "Forutsetninger", "en": "Capability"}[lang]
    aij = result.tree.node("capability").aij["maturity"]

    md = to_markdown(report, lang).decode("utf-8")
    assert tree_part.message.split(" (S*")[0] in md and capability in md  # Markdown escapes the '*'
    assert ("Bærekraft" if lang == "nb" else "Sustainability") in md  # a kept node, with where its weights come from
    assert {"nb": "like vekter (ikke vektet ennå)", "en": "equal weights (not weighed yet)"}[lang] in md

    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report, lang)))
    cells = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row]
    assert any(isinstance(v, float) and abs(v - aij) < 1e-12 for v in cells)  # the node's AIJ local weight
    assert any(isinstance(v, float) and abs(v - result.weights["maturity"]) < 1e-12 for v in cells)  # global

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx(report, lang))).paragraphs)
    assert tree_part.message in text
    slides = pptx.Presentation(io.BytesIO(to_pptx(report, lang))).slides
    assert any(s.shapes.title is not None and s.shapes.title.text == tree_part.message for s in slides)
    assert to_csv(report, lang)
    scenario = json.loads(to_json(report))
    assert scenario["weights"]["weights"]["maturity"] == pytest.approx(result.weights["maturity"])
    assert scenario["weights"]["origin"]["details"]["tree"]["chosen"] == ["root", "capability"]
