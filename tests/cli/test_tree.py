"""``mcda ahp --tree`` and ``mcda rank`` with one pairwise file per node of the value tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mcda.cli import app

ROOT_DIR = Path(__file__).resolve().parents[2]
CRITERIA = str(ROOT_DIR / "criteria/positions.yaml")
DATA = str(ROOT_DIR / "data/positions.csv")
runner = CliRunner()

NODES = {
    "root": ",capability,sustainability,market,geopolitics\n"
    "capability,1,2,2,4\nsustainability,1/2,1,1,2\nmarket,1/2,1,1,2\ngeopolitics,1/4,1/2,1/2,1\n",
    "capability": ",resource_base,industrial_base,maturity\n"
    "resource_base,1,1,3\nindustrial_base,1,1,3\nmaturity,1/3,1/3,1\n",
    "sustainability": ",power_demand,climate_advantage\npower_demand,1,3\nclimate_advantage,1/3,1\n",
    "market": ",eu_demand,eu_partner_role\neu_demand,1,1\neu_partner_role,1,1\n",
    "geopolitics": ",supply_risk,market_access_risk\nsupply_risk,1,4\nmarket_access_risk,1/4,1\n",
}


@pytest.fixture
def node_files(tmp_path: Path) -> list[str]:
    paths = []
    for node, text in NODES.items():
        path = tmp_path / f"{node}.csv"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_ahp_tree_json_gives_global_and_local_weights(node_files: list[str]) -> None:
    result = runner.invoke(app, ["ahp", "--tree", CRITERIA, *node_files, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"weights", "nodes"}
    # consistent matrices: root 4/8, 2/8, 2/8, 1/8; capability 3/7, 3/7, 1/7
    assert data["nodes"]["root"]["weights"]["capability"] == pytest.approx(4 / 9)
    assert data["nodes"]["root"]["cr"] == pytest.approx(0, abs=1e-9)
    assert data["weights"]["resource_base"] == pytest.approx(4 / 9 * 3 / 7)
    assert data["weights"]["power_demand"] == pytest.approx(2 / 9 * 3 / 4)
    assert data["weights"]["supply_risk"] == pytest.approx(1 / 9 * 4 / 5)
    assert sum(data["weights"].values()) == pytest.approx(1)


def test_ahp_tree_text_shows_each_node(node_files: list[str]) -> None:
    result = runner.invoke(app, ["ahp", "--tree", CRITERIA, *node_files])
    assert result.exit_code == 0, result.output
    assert "capability (ahp)" in result.stdout and "global weight" in result.stdout


def test_rank_takes_one_pairwise_file_per_node(node_files: list[str]) -> None:
    args = ["rank", "--criteria", CRITERIA, "--data", DATA, "--json"]
    for path in node_files:
        args += ["--pairwise", path]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["weights_origin"]["kind"] == "tree"
    assert data["weights"]["resource_base"] == pytest.approx(4 / 9 * 3 / 7)


def test_a_missing_node_file_and_a_wrong_matrix_exit_2_with_one_line(node_files: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, ["ahp", "--tree", CRITERIA, *node_files[:-1]])
    assert result.exit_code == 2
    assert "node 'geopolitics' has no weights" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    wrong = tmp_path / "market.csv"
    wrong.write_text(",eu_demand,maturity\neu_demand,1,2\nmaturity,1/2,1\n", encoding="utf-8")
    result = runner.invoke(app, ["ahp", "--tree", CRITERIA, *node_files])
    assert result.exit_code == 2
    assert "market.csv" in result.stderr and "eu_demand, eu_partner_role" in result.stderr
    wrong.write_text(NODES["market"], encoding="utf-8")
    stray = tmp_path / "energy.csv"
    stray.write_text(NODES["sustainability"], encoding="utf-8")
    result = runner.invoke(app, ["ahp", "--tree", CRITERIA, *node_files, str(stray)])
    assert result.exit_code == 2 and "energy" in result.stderr and "not a node of the value tree" in result.stderr


def test_several_matrices_without_tree_are_refused(node_files: list[str]) -> None:
    result = runner.invoke(app, ["ahp", *node_files[:2]])
    assert result.exit_code == 2 and "--tree" in result.stderr
