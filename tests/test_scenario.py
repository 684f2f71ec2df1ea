"""Scenario files: every input in JSON, a SHA-256 that catches changes, exact reproduction."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, SHIPPED_CRITERIA, SHIPPED_DATA
from typer.testing import CliRunner

from mcda.cli import app
from mcda.errors import MESSAGES, InputError
from mcda.loading import load_pairwise, load_problem, load_weights
from mcda.models import DecisionProblem, WeightSet
from mcda.ranking import RankingSettings, rank_alternatives
from mcda.scenario import UNHASHED_FIELDS, Judgments, Scenario, load_scenario, load_scenario_file

runner = CliRunner()
SMALL_CRITERIA, SMALL_DATA = FIXTURES / "small_criteria.yaml", FIXTURES / "small_data.csv"
PAIRWISE, MEMBER_B = FIXTURES / "small_pairwise.csv", FIXTURES / "member_b.csv"


@pytest.fixture(scope="module")
def equal_weights(shipped_problem: DecisionProblem) -> WeightSet:
    return WeightSet.equal(shipped_problem.criterion_ids, name="Like vekter")


def _scores(ranking) -> list[tuple[str, int, float]]:
    return [(e.id, e.rank, e.score) for e in ranking.entries]


@pytest.mark.parametrize(
    ("method", "policy"),
    [("topsis", "drop_criteria"), ("promethee2", "worst"), ("vikor", "drop_criteria"), ("copras", "worst")],
)
def test_round_trip_reproduces_the_ranking_exactly(shipped_problem, equal_weights, method: str, policy: str) -> None:
    original = rank_alternatives(
        shipped_problem, equal_weights, settings=RankingSettings(method=method, missing_policy=policy)
    )
    text = Scenario.from_ranking(shipped_problem, equal_weights, original).to_json()
    loaded = load_scenario(text)
    again = loaded.rank()
    assert _scores(again) == _scores(original)  # float equality, not approx
    assert again == original
    assert loaded.reproduces(again)
    assert loaded.problem.model_dump(mode="json") == shipped_problem.model_dump(mode="json")


def test_the_problem_round_trips_through_model_validate(shipped_problem) -> None:
    data = json.loads(json.dumps(shipped_problem.model_dump(mode="json")))
    again = DecisionProblem.model_validate(data)
    assert again.model_dump(mode="json") == shipped_problem.model_dump(mode="json")
    assert again.cell("P01", "resource_base").provenance == shipped_problem.cell("P01", "resource_base").provenance


def test_norwegian_letters_are_written_as_themselves(shipped_problem, equal_weights) -> None:
    ranking = rank_alternatives(
        shipped_problem, equal_weights, settings=RankingSettings(missing_policy="drop_criteria")
    )
    text = Scenario.from_ranking(shipped_problem, equal_weights, ranking).to_json()
    assert "Primæraluminium" in text and "råmaterialer" in text and "\\u00e6" not in text


def test_the_hash_is_the_documented_canonical_json(shipped_problem, equal_weights) -> None:
    scenario = Scenario.create(shipped_problem, equal_weights, settings=RankingSettings(missing_policy="drop_criteria"))
    data = json.loads(scenario.to_json())
    for name in UNHASHED_FIELDS:
        data.pop(name)
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert hashlib.sha256(canonical).hexdigest() == scenario.sha256
    assert scenario.normalization == "vector" and scenario.parameters == {}


def test_layout_timestamp_and_versions_do_not_change_the_hash(shipped_problem, equal_weights) -> None:
    scenario = Scenario.create(shipped_problem, equal_weights, settings=RankingSettings(missing_policy="drop_criteria"))
    data = json.loads(scenario.to_json())
    data["created_at"] = "1999-01-01T00:00:00Z"
    data["library_versions"] = {"numpy": "0.0"}
    reordered = dict(reversed(list(data.items())))
    assert load_scenario(json.dumps(reordered)).sha256 == scenario.sha256


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["problem"]["cells"]["P01"]["industrial_base"].update(value=3.0),
        lambda d: d["weights"]["weights"].update(resource_base=0.2, industrial_base=0.0222222222222222),
        lambda d: d.update(method="vikor"),
        lambda d: d.update(missing_policy="worst"),
        lambda d: d["problem"]["cells"]["P02"]["eu_demand"]["provenance"].update(source="[S99]"),
        lambda d: d["problem"]["alternatives"][0]["name"].update(nb="Noe annet"),
    ],
)
def test_any_change_to_the_inputs_is_caught_by_the_hash(shipped_problem, equal_weights, tamper) -> None:
    data = json.loads(
        Scenario.create(
            shipped_problem, equal_weights, settings=RankingSettings(missing_policy="drop_criteria")
        ).to_json()
    )
    tamper(data)
    with pytest.raises(InputError) as caught:
        load_scenario(json.dumps(data), "s.json")
    assert caught.value.issues[0].code == "scenario_hash_mismatch"
    assert caught.value.message("en").startswith("s.json, column 'sha256': the inputs do not match their SHA-256")
    assert "endret etter at den ble lagret" in caught.value.message("nb")


def test_ahp_judgments_are_recorded_and_recomputed() -> None:
    problem = load_problem(SMALL_CRITERIA, SMALL_DATA)
    judgments = Judgments(matrices=(load_pairwise(PAIRWISE).reordered(problem.criterion_ids),), members=("P.csv",))
    weights = judgments.weight_set()
    assert weights.origin.kind == "ahp" and weights.origin.details["cr"] == judgments.analyse().cr
    ranking = rank_alternatives(problem, weights)
    scenario = load_scenario(Scenario.from_ranking(problem, weights, ranking, judgments=judgments).to_json())
    assert scenario.judgments == judgments and scenario.weights_difference() <= 1e-12
    assert scenario.rank() == ranking


def test_weights_that_do_not_follow_from_the_judgments_are_refused() -> None:
    problem = load_problem(SMALL_CRITERIA, SMALL_DATA)
    judgments = Judgments(matrices=(load_pairwise(PAIRWISE),))
    other = load_weights(FIXTURES / "small_weights.yaml", criteria=problem.criterion_ids)
    text = Scenario.create(problem, other, judgments=judgments).to_json()  # a consistent hash, wrong weights
    with pytest.raises(InputError) as caught:
        load_scenario(text)
    assert caught.value.issues[0].code == "scenario_weights_mismatch"


def test_group_judgments_give_group_weights_and_consensus() -> None:
    problem = load_problem(SMALL_CRITERIA, SMALL_DATA)
    matrices = tuple(load_pairwise(p).reordered(problem.criterion_ids) for p in (PAIRWISE, MEMBER_B))
    judgments = Judgments(matrices=matrices, members=("A", "B"), aggregation="aip")
    group = judgments.analyse_group()
    assert group is not None and group.consensus is not None and group.aggregation == "aip"
    weights = judgments.weight_set()
    assert weights.weights == pytest.approx(group.weights)
    assert weights.origin.details["s_star"] == group.consensus.s_star
    scenario = load_scenario(Scenario.create(problem, weights, judgments=judgments).to_json())
    assert scenario.judgments is not None and scenario.judgments.is_group


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_file"),
        ("{not json", "json_syntax"),
        ('{"format": "something else"}', "scenario_format"),
        ('["prosess21-mcda-scenario"]', "scenario_format"),
        ('{"format": "prosess21-mcda-scenario", "format_version": 7}', "scenario_version"),
        ('{"format": "prosess21-mcda-scenario", "format_version": 1, "method": "topsis"}', "scenario_invalid"),
    ],
)
def test_bad_scenario_files_are_input_errors(text: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        load_scenario(text, "s.json")
    assert caught.value.issues[0].code == code
    assert caught.value.message("en").startswith("s.json")


def test_a_missing_field_is_named(shipped_problem, equal_weights) -> None:
    data = json.loads(Scenario.create(shipped_problem, equal_weights).to_json())
    del data["weights"]
    with pytest.raises(InputError) as caught:
        load_scenario(json.dumps(data), "s.json")
    assert "column 'weights'" in caught.value.message("en")


def test_new_message_codes_are_at_the_end_in_both_languages() -> None:
    codes = list(MESSAGES)
    scenario = [
        "scenario_format",
        "scenario_version",
        "scenario_invalid",
        "scenario_hash_mismatch",
        "scenario_weights_mismatch",
        "export_write_failed",
    ]
    start = codes.index(scenario[0])
    assert codes[start : start + len(scenario)] == scenario
    newer = [c for c in codes if c.startswith(("outlook_", "value_chain_"))]  # appended after them, in order
    first = codes.index(newer[0])
    assert codes[first : first + len(newer)] == newer and len(newer) == 15
    new = scenario + newer
    assert all(all(MESSAGES[c]) for c in new)


# --- mcda rank --scenario -----------------------------------------------------------------


def _write_scenario(tmp_path: Path, problem, weights, **settings) -> Path:
    ranking = rank_alternatives(problem, weights, RankingSettings(**settings))
    path = tmp_path / "s.json"
    path.write_text(Scenario.from_ranking(problem, weights, ranking).to_json(), encoding="utf-8")
    return path


def test_rank_with_scenario_equals_rank_with_files(tmp_path: Path, shipped_problem) -> None:
    weights_file = tmp_path / "w.yaml"
    weights_file.write_text("\n".join(f"{c}: {k + 1}" for k, c in enumerate(shipped_problem.criterion_ids)))
    args = ["--criteria", str(SHIPPED_CRITERIA), "--data", str(SHIPPED_DATA), "--weights", str(weights_file)]
    direct = runner.invoke(app, ["rank", *args, "--missing", "worst", "--method", "promethee2", "--json"])
    assert direct.exit_code == 0, direct.output
    problem = load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
    weights = load_weights(weights_file, criteria=problem.criterion_ids)
    path = _write_scenario(tmp_path, problem, weights, method="promethee2", missing_policy="worst")
    again = runner.invoke(app, ["rank", "--scenario", str(path), "--json"])
    assert again.exit_code == 0, again.output
    first, second = json.loads(direct.stdout), json.loads(again.stdout)
    assert second.pop("scenario") == {
        "file": str(path),
        "sha256": load_scenario_file(path).sha256,
        "reproduces_recorded": True,
    }
    assert second == first
    assert any(r["score"] < 0 for r in second["ranking"])  # net flows: negative scores survive


def test_rank_with_scenario_prints_the_table(tmp_path: Path, shipped_problem, equal_weights) -> None:
    path = _write_scenario(tmp_path, shipped_problem, equal_weights, missing_policy="drop_criteria")
    result = runner.invoke(app, ["rank", "--scenario", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("TOPSIS") and "Raffinering av kobolt" in result.stdout
    assert "scenario:" in result.stdout


def test_rank_with_scenario_errors_exit_2_with_one_line(tmp_path: Path, shipped_problem, equal_weights) -> None:
    path = _write_scenario(tmp_path, shipped_problem, equal_weights, missing_policy="drop_criteria")
    tampered = tmp_path / "t.json"
    tampered.write_text(path.read_text(encoding="utf-8").replace('"value": 5.3', '"value": 0.53'), encoding="utf-8")
    cases = {
        "tampered": (["rank", "--scenario", str(tampered)], "do not match their SHA-256"),
        "not found": (["rank", "--scenario", str(tmp_path / "nope.json")], "file not found"),
        "with files": (["rank", "--scenario", str(path), "--criteria", str(SHIPPED_CRITERIA)], "leave out --criteria"),
        "with method": (["rank", "--scenario", str(path), "--method", "vikor"], "leave out --method"),
        "nothing": (["rank"], "or --scenario"),
    }
    for label, (args, expected) in cases.items():
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (label, result.output)
        assert expected in result.stderr, (label, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output, label
