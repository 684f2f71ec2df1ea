"""``mcda robustness``: JSON and text output, seeds, and located errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mcda.cli import app

ROOT = Path(__file__).resolve().parents[2]
CRIT, DATA = str(ROOT / "criteria/positions.yaml"), str(ROOT / "data/positions.csv")
runner = CliRunner()


@pytest.fixture()
def weights(tmp_path: Path) -> str:
    path = tmp_path / "weights.yaml"
    ids = [
        "resource_base",
        "industrial_base",
        "power_demand",
        "climate_advantage",
        "eu_demand",
        "supply_risk",
        "eu_partner_role",
        "market_access_risk",
        "maturity",
    ]
    path.write_text("".join(f"{c}: {2 if c == 'eu_demand' else 1}\n" for c in ids), encoding="utf-8")
    return str(path)


def run(*args: str):
    return runner.invoke(app, ["robustness", "--criteria", CRIT, "--data", DATA, *args])


def test_json_has_intervals_acceptability_and_its_seed(weights):
    result = run("--weights", weights, "--missing", "worst", "--samples", "300", "--seed", "5", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["stability_intervals"]) == 9
    for interval in data["stability_intervals"]:
        low, high = interval["ranking"]
        assert low <= interval["current_weight"] <= high
    acc = data["acceptability"]
    assert acc["seed"] == 5 and acc["samples"] == 300 and acc["cloud"]["kind"] == "uniform"
    assert all(sum(row) == 300 for row in acc["counts"])
    again = json.loads(
        run("--weights", weights, "--missing", "worst", "--samples", "300", "--seed", "5", "--json").stdout
    )
    assert again["acceptability"]["counts"] == acc["counts"]


def test_text_with_methods_and_a_cloud_around_the_weights(weights):
    result = run(
        "--weights",
        weights,
        "--missing",
        "worst",
        "--samples",
        "200",
        "--seed",
        "1",
        "--cloud",
        "around",
        "--spread",
        "30",
        "--methods",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    assert "Weight stability intervals" in result.stdout and "seed 1" in result.stdout
    assert "U(1 − 30%, 1 + 30%)" in result.stdout
    assert "topsis/sum" in result.stdout and "skipped" in result.stdout


def test_missing_values_refused_on_request_exit_2_with_one_line(weights):
    result = run("--weights", weights, "--missing", "refuse")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:") and "Traceback" not in result.output


def test_runs_as_python_module(weights):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mcda.cli",
            "robustness",
            "--criteria",
            CRIT,
            "--data",
            DATA,
            "--weights",
            weights,
            "--missing",
            "worst",
            "--samples",
            "50",
            "--seed",
            "2",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["acceptability"]["seed"] == 2
