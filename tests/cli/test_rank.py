"""``mcda rank``: JSON outputs, readable tables, and exit 2 with one located line on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, SHIPPED_CRITERIA, SHIPPED_DATA
from typer.testing import CliRunner

from mcda.cli import app

runner = CliRunner()
CRIT, DATA = str(FIXTURES / "small_criteria.yaml"), str(FIXTURES / "small_data.csv")
WEIGHTS, PAIRWISE = str(FIXTURES / "small_weights.yaml"), str(FIXTURES / "small_pairwise.csv")


def run(*args: str):
    return runner.invoke(app, list(args))


def test_rank_json_is_sorted_by_rank_with_topsis_vector_by_default() -> None:
    result = run("rank", "--criteria", CRIT, "--data", DATA, "--weights", WEIGHTS, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "topsis" and data["normalization"] == "vector"
    assert [r["rank"] for r in data["ranking"]] == sorted(r["rank"] for r in data["ranking"])
    assert set(data["ranking"][0]) == {"id", "name", "score", "rank"}
    assert data["weights"] == pytest.approx({"price": 0.5, "quality": 0.25, "speed": 0.25})


def test_rank_with_pairwise_weights_and_other_methods() -> None:
    for method in ("vikor", "promethee2", "wsm", "wpm", "copras"):
        result = run("rank", "--criteria", CRIT, "--data", DATA, "--pairwise", PAIRWISE, "--method", method, "--json")
        assert result.exit_code == 0, (method, result.output)
        assert json.loads(result.stdout)["method"] == method


def test_rank_table_is_readable() -> None:
    result = run("rank", "--criteria", CRIT, "--data", DATA, "--weights", WEIGHTS, "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("TOPSIS") and "rank" in lines[1] and "Gamma" in result.stdout


def test_shipped_problem_ranks_missing_values_as_intervals_by_default_and_refuses_on_request(tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
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
    weights.write_text("\n".join(f"{i}: 1" for i in ids))
    base = ("rank", "--criteria", str(SHIPPED_CRITERIA), "--data", str(SHIPPED_DATA), "--weights", str(weights))
    refused = run(*base, "--missing", "refuse")
    assert refused.exit_code == 2 and "missing" in refused.stderr
    assert refused.stderr.startswith(f"error: {SHIPPED_DATA}: ")  # the message names the data file
    intervals = run(*base, "--json")
    assert intervals.exit_code == 0, intervals.output
    ranked = json.loads(intervals.stdout)
    assert ranked["missing_policy"] == "interval" and ranked["excluded_criteria"] == []
    assert len(ranked["interval_cells"]) > 0 and len(ranked["weights"]) == len(ids)
    assert all(e["rank_best"] <= e["rank"] <= e["rank_worst"] for e in ranked["ranking"])
    table = run(*base)
    assert table.exit_code == 0 and "possible ranks" in table.stdout
    ok = run(
        "rank",
        "--criteria",
        str(SHIPPED_CRITERIA),
        "--data",
        str(SHIPPED_DATA),
        "--weights",
        str(weights),
        "--missing",
        "drop_criteria",
        "--json",
    )
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    assert len(data["ranking"]) == 17 and "power_demand" in data["excluded_criteria"]


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _rank(crit: str = CRIT, data: str = DATA, weights: str = WEIGHTS):
    return run("rank", "--criteria", crit, "--data", data, "--weights", weights)


def test_bad_inputs_for_rank(tmp_path: Path) -> None:
    base = (FIXTURES / "small_data.csv").read_text()
    crit = (FIXTURES / "small_criteria.yaml").read_text()
    cases = {
        "missing file": (_rank(data=str(tmp_path / "nope.csv")), "nope.csv: file not found"),
        "missing criterion column": (
            _rank(
                data=_write(
                    tmp_path,
                    "d1.csv",
                    base.replace(",speed\n", "\n").replace(",12\n", "\n").replace(",8\n", "\n").replace(",16\n", "\n"),
                )
            ),
            "column 'speed': column is missing",
        ),
        "non-numeric cell": (
            _rank(data=_write(tmp_path, "d2.csv", base.replace("275", "dyr"))),
            "line 5, column 'price': value 'dyr' is not a number",
        ),
        "duplicated id": (
            _rank(data=_write(tmp_path, "d3.csv", base.replace("B,Beta", "A,Beta"))),
            "line 3, column 'id': value 'A' duplicates an id already used on line 2",
        ),
        "negative weight": (
            _rank(weights=_write(tmp_path, "w.yaml", "price: -1\nquality: 1\nspeed: 1\n")),
            "column 'price': value '-1' is negative",
        ),
        "unknown direction": (
            _rank(crit=_write(tmp_path, "c1.yaml", crit.replace("direction: cost", "direction: low"))),
            "value 'low' is not a direction; expected 'benefit' or 'cost'",
        ),
        "malformed yaml": (_rank(crit=_write(tmp_path, "c2.yaml", "criteria:\n  - id: [price\n")), "is not valid YAML"),
        "malformed weights yaml": (_rank(weights=_write(tmp_path, "w2.yaml", "price: [1\n")), "is not valid YAML"),
    }
    for label, (result, expected) in cases.items():
        assert result.exit_code == 2, label
        assert expected in result.stderr, (label, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, label
        assert "Traceback" not in result.output, label


def test_all_equal_criterion_does_not_produce_nan(tmp_path: Path) -> None:
    base = (FIXTURES / "small_data.csv").read_text()
    flat = "\n".join(
        ",".join(r.split(",")[:-1] + (["speed"] if i == 0 else ["7"])) for i, r in enumerate(base.strip().splitlines())
    )
    for method in ("topsis", "vikor", "promethee2", "wsm", "copras"):
        result = run(
            "rank",
            "--criteria",
            CRIT,
            "--data",
            _write(tmp_path, "flat.csv", flat),
            "--weights",
            WEIGHTS,
            "--method",
            method,
            "--json",
        )
        assert result.exit_code == 0, (method, result.output)
        assert "NaN" not in result.stdout and "nan" not in result.stdout.lower().replace("nan-", "")
        scores = [r["score"] for r in json.loads(result.stdout)["ranking"]]
        assert all(s == s for s in scores)
