"""Scenario files of tree rounds: the members' node matrices recompute the group's weights and ranking.

A workshop in mode ``tree`` on SQLite (as tests/test_workshop_tree.py), three members, the round's
report (:func:`mcda.export.workshop.workshop_report`) written as a scenario file and loaded back;
a changed judgment is named by member, node and cell; a file written before tree judgments
(``fixtures/scenario_tree_v1.json``, see ``fixtures/make_scenario_v1.py``) still loads.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import FIXTURES
from test_workshop_tree import KARI, OLA, eigen_priorities
from typer.testing import CliRunner

from mcda.ahp import PairwiseMatrix, analyse
from mcda.cli import app
from mcda.errors import MESSAGES, InputError
from mcda.export import to_json
from mcda.export.workshop import workshop_report
from mcda.scenario import UNHASHED_FIELDS, canonical_json, load_scenario, load_scenario_file
from mcda.tree_judgments import changed_rows
from mcda.workshop import WorkshopService

runner = CliRunner()
OLD_FILE = FIXTURES / "scenario_tree_v1.json"
ROOT = ("capability", "sustainability", "market", "geopolitics")
ANNE = {
    "root": [[1, 2, 1 / 2, 4], [1 / 2, 1, 1 / 3, 2], [2, 3, 1, 5], [1 / 4, 1 / 2, 1 / 5, 1]],
    "capability": [[1, 4, 3], [1 / 4, 1, 1 / 2], [1 / 3, 2, 1]],
}
MEMBERS = (("Kari", KARI), ("Ola", OLA), ("Anne", ANNE))


@pytest.fixture
def service(tmp_path):
    svc = WorkshopService(f"sqlite:///{tmp_path / 'workshop.sqlite'}")
    yield svc
    svc.dispose()


def closed_round(service: WorkshopService, members=MEMBERS) -> tuple[str, list[str]]:
    """A tree workshop (nodes root and capability) whose round 1 the members answered; closed and revealed."""
    created = service.create_workshop(name="Verditre desember", mode="tree", nodes=["root", "capability"])
    tokens = [service.join(created.join_code, name).token for name, _ in members]
    for token, (_, judgments) in zip(tokens, members, strict=True):
        service.submit(token, judgments)
    service.close_round(created.facilitator_key, reveal=True)
    return created.facilitator_key, tokens


def report_of(service: WorkshopService, key: str, aggregation: str | None = None, lang: str = "nb"):
    info, result = service.workshop_info(key), service.group_result(key)
    report = workshop_report(info, service.problem(key), result, service.round_history(key), lang, aggregation)
    return result, report


def rehashed(data: dict) -> str:
    """The file with its SHA-256 recomputed as the README defines it (as someone editing it could)."""
    inputs = {k: v for k, v in data.items() if k not in UNHASHED_FIELDS}
    data["sha256"] = hashlib.sha256(canonical_json(inputs)).hexdigest()
    return json.dumps(data)


@pytest.mark.parametrize("aggregation", ["aij", "aip"])
def test_a_tree_rounds_scenario_recomputes_the_group_weights_and_ranking(service, aggregation: str) -> None:
    key, _ = closed_round(service)
    result, report = report_of(service, key, aggregation)
    group = next(g for g in result.group_weights if g.aggregation == aggregation)
    scenario = load_scenario(to_json(report), "runde1.json")
    recorded = scenario.tree_judgments
    assert scenario.format_version == 2 and recorded is not None
    assert [m.member for m in recorded.members] == ["Kari", "Ola", "Anne"]
    assert recorded.aggregation == aggregation and recorded.chosen == ("root", "capability")
    kept = ("sustainability", "market", "geopolitics")
    assert recorded.fixed == {g: dict.fromkeys(result.tree.tree.children(g), 0.5) for g in kept}
    assert recorded.fixed_from == dict.fromkeys(kept)
    assert recorded.members[2].nodes["capability"].values == tuple(
        tuple(float(x) for x in r) for r in ANNE["capability"]
    )
    weights, local = recorded.group_weights()
    for criterion, weight in group.weights.items():
        assert abs(weights.weights[criterion] - weight) <= 1e-12
        assert abs(scenario.weights.weights[criterion] - weight) <= 1e-12
    node = result.tree.node("capability")
    assert local["capability"] == pytest.approx(node.aij if aggregation == "aij" else node.aip, abs=1e-12)
    ranking = scenario.rank()
    assert ranking == report.ranking and scenario.reproduces(ranking)
    assert [e.id for e in ranking.entries] == [e.id for e in report.ranking.entries]


def test_the_members_local_weights_in_the_file_are_their_eigenvector_priorities(service) -> None:
    key, _ = closed_round(service)
    _, report = report_of(service, key, lang="en")
    recorded = report.tree_judgments
    assert recorded is not None
    kari = recorded.members[0].nodes["root"]
    assert list(kari.local_weights.values()) == pytest.approx(list(eigen_priorities(np.array(KARI["root"]))), abs=1e-12)
    assert kari.lambda_max == pytest.approx(max(np.linalg.eigvals(np.array(KARI["root"])).real), abs=1e-9)


def test_a_later_round_keeps_the_root_weights_of_round_one_and_still_reproduces(service) -> None:
    key, tokens = closed_round(service)
    service.open_next_round(key, nodes=["capability", "market"])
    market = [[[1, 2], [1 / 2, 1]], [[1, 1 / 3], [3, 1]], [[1, 1], [1, 1]]]
    for token, (_, judgments), m in zip(tokens, MEMBERS, market, strict=True):
        service.submit(token, {"capability": judgments["capability"], "market": m})
    service.close_round(key)
    result, report = report_of(service, key)
    scenario = load_scenario(to_json(report))
    recorded = scenario.tree_judgments
    assert recorded is not None and recorded.fixed_from["root"] == 1
    assert recorded.fixed["root"] == result.tree.plan.fixed["root"]
    weights, _ = recorded.group_weights()
    assert max(abs(weights.weights[c] - w) for c, w in result.weights.items()) <= 1e-12
    assert scenario.rank() == report.ranking


def test_a_changed_judgment_is_named_by_member_node_and_cell(service) -> None:
    key, _ = closed_round(service)
    _, report = report_of(service, key)
    data = json.loads(to_json(report))
    ola = data["tree_judgments"]["members"][1]["nodes"]["root"]["values"]
    ola[0][2], ola[2][0] = 3.0, 1 / 3  # capability over market: 1 -> 3, and its reciprocal
    with pytest.raises(InputError) as caught:
        load_scenario(rehashed(data), "runde1.json")
    first = caught.value.issues[0]
    assert first.code == "scenario_tree_judgment_changed" and first.details["cell"] == "capability/market"
    assert caught.value.message("en").startswith(
        "runde1.json, member 'Ola', node 'root', cell 'capability/market': the member's matrix no longer gives "
        "the local weights recorded with it"
    )
    assert caught.value.message("nb").startswith(
        "runde1.json, deltaker 'Ola', noden 'root', cellen 'capability/market': "
    )
    codes = [i.code for i in caught.value.issues]
    assert codes == ["scenario_tree_judgment_changed", "scenario_tree_local_mismatch", "scenario_weights_mismatch"]
    assert "node 'root', child" in caught.value.issues[1].message("en")


def test_a_changed_judgment_in_a_file_not_rehashed_is_reported_as_changed_and_where(service) -> None:
    key, _ = closed_round(service)
    _, report = report_of(service, key)
    data = json.loads(to_json(report))
    anne = data["tree_judgments"]["members"][2]["nodes"]["capability"]["values"]
    anne[1][2], anne[2][1] = 2.0, 0.5  # industrial_base over maturity: 1/2 -> 2
    with pytest.raises(InputError) as caught:
        load_scenario(json.dumps(data), "runde1.json")
    first, second = caught.value.issues[:2]
    assert first.code == "scenario_hash_mismatch"
    assert second.message("en").startswith(
        "runde1.json, member 'Anne', node 'capability', cell 'industrial_base/maturity'"
    )


def test_a_judgment_without_its_reciprocal_is_named_by_member_node_and_cell(service) -> None:
    key, _ = closed_round(service)
    _, report = report_of(service, key)
    data = json.loads(to_json(report))
    data["tree_judgments"]["members"][0]["nodes"]["root"]["values"][0][1] = 4.0  # the mirror stays 1/3
    with pytest.raises(InputError) as caught:
        load_scenario(rehashed(data), "runde1.json")
    assert caught.value.issues[0].code == "pairwise_not_reciprocal"
    text = caught.value.message("en")
    assert text.startswith(
        "runde1.json, member 'Kari', node 'root', cell 'sustainability/capability': value '0.333333'"
    )
    assert "mirror cell (capability/sustainability = 4)" in text
    assert "deltaker 'Kari', noden 'root', cellen 'sustainability/capability'" in caught.value.message("nb")


def test_changed_kept_weights_are_named_by_node(service) -> None:
    key, _ = closed_round(service)
    _, report = report_of(service, key)
    data = json.loads(to_json(report))
    data["tree_judgments"]["fixed"]["market"] = {"eu_demand": 0.6, "eu_partner_role": 0.4}
    with pytest.raises(InputError) as caught:
        load_scenario(rehashed(data), "runde1.json")
    assert [i.code for i in caught.value.issues] == ["scenario_tree_local_mismatch", "scenario_weights_mismatch"]
    assert caught.value.message("en").startswith("runde1.json, node 'market', child 'eu_demand': the group's local")
    assert "weights.weights.eu_demand" in caught.value.issues[1].message("en")
    assert caught.value.message("nb").startswith("runde1.json, noden 'market', barnet 'eu_demand': gruppens lokale")


def test_a_file_whose_tree_judgments_do_not_fit_the_tree_is_refused_with_its_place(service) -> None:
    key, _ = closed_round(service)
    _, report = report_of(service, key)
    data = json.loads(to_json(report))
    del data["tree_judgments"]["members"][1]["nodes"]["capability"]
    with pytest.raises(InputError) as caught:
        load_scenario(rehashed(data), "runde1.json")
    assert caught.value.issues[0].code == "scenario_invalid"
    assert "member 2 ('Ola') must have a matrix at exactly the chosen nodes" in caught.value.message("en")
    data = json.loads(to_json(report))
    data["tree_judgments"]["fixed"]["market"] = {"eu_demand": 0.0, "eu_partner_role": 0.0}
    with pytest.raises(InputError, match="fixed weights of node 'market' must be numbers ≥ 0, not all 0"):
        load_scenario(rehashed(data), "runde1.json")
    data = json.loads(to_json(report))
    data["format_version"] = 1
    with pytest.raises(InputError, match="tree_judgments need format_version 2"):
        load_scenario(rehashed(data), "runde1.json")


def test_changed_rows_name_the_two_rows_of_a_changed_judgment() -> None:
    matrix = PairwiseMatrix.from_array(ROOT, np.array(KARI["root"]))
    for method in ("eigenvector", "geometric"):
        result = analyse(matrix, method)  # type: ignore[arg-type]
        w = list(result.weights.values())
        assert changed_rows(matrix.array, w, result.lambda_max, method) == []  # type: ignore[arg-type]
        changed = matrix.with_judgment("sustainability", "geopolitics", 3.0)  # was 2
        assert changed_rows(changed.array, w, result.lambda_max, method) == [1, 3]  # type: ignore[arg-type]


def test_a_file_written_before_tree_judgments_still_loads_and_ranks_as_recorded() -> None:
    scenario = load_scenario_file(OLD_FILE)
    assert scenario.format_version == 1 and scenario.tree_judgments is None
    assert scenario.weights.origin.details["tree"]["chosen"] == ["root", "capability"]
    assert scenario.reproduces(scenario.rank())
    text = scenario.to_json()
    assert "tree_judgments" not in text and load_scenario(text).sha256 == scenario.sha256


def test_the_new_message_codes_are_in_both_languages() -> None:
    for code in ("scenario_tree_judgment_changed", "scenario_tree_local_mismatch"):
        en, nb = MESSAGES[code]
        assert en and nb and en != nb
    assert list(MESSAGES)[-2:] == ["scenario_tree_judgment_changed", "scenario_tree_local_mismatch"]


# --- mcda rank --scenario and mcda export --scenario ----------------------------------------------


def test_rank_with_a_tree_rounds_scenario_gives_the_groups_ranking(service, tmp_path: Path) -> None:
    key, _ = closed_round(service)
    _, report = report_of(service, key)
    path = tmp_path / "runde1.json"
    path.write_bytes(to_json(report))
    out = runner.invoke(app, ["rank", "--scenario", str(path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["scenario"]["reproduces_recorded"] is True
    assert [r["id"] for r in data["ranking"]] == [e.id for e in report.ranking.entries]
    assert [r["score"] for r in data["ranking"]] == [e.score for e in report.ranking.entries]
    again = runner.invoke(app, ["export", "--scenario", str(path), "--format", "json", "--out", "-"])
    assert again.exit_code == 0, again.output
    rewritten = json.loads(again.stdout)
    assert rewritten["sha256"] == data["scenario"]["sha256"]
    assert rewritten["tree_judgments"] == json.loads(path.read_text(encoding="utf-8"))["tree_judgments"]


def test_rank_with_a_changed_tree_scenario_exits_2_naming_the_cell(service, tmp_path: Path) -> None:
    key, _ = closed_round(service)
    _, report = report_of(service, key)
    data = json.loads(to_json(report))
    kari = data["tree_judgments"]["members"][0]["nodes"]["capability"]["values"]
    kari[0][1], kari[1][0] = 5.0, 0.2  # resource_base over industrial_base: 2 -> 5
    path = tmp_path / "endret.json"
    path.write_text(rehashed(data), encoding="utf-8")
    out = runner.invoke(app, ["rank", "--scenario", str(path)])
    assert out.exit_code == 2 and "Traceback" not in out.output
    [line] = out.stderr.strip().splitlines()
    assert "member 'Kari', node 'capability', cell 'resource_base/industrial_base'" in line


def test_rank_with_a_scenario_written_before_tree_judgments() -> None:
    out = runner.invoke(app, ["rank", "--scenario", str(OLD_FILE), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    recorded = json.loads(OLD_FILE.read_text(encoding="utf-8"))["result"]
    assert data["scenario"]["reproduces_recorded"] is True
    assert [(r["id"], r["rank"], r["score"]) for r in data["ranking"]] == [
        (r["id"], r["rank"], r["score"]) for r in recorded
    ]
