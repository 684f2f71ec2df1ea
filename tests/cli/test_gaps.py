"""``mcda gaps``: the engine's gap list as JSON and as a table, and exit 2 with one located line on
bad input; ``mcda rank --json`` gives the engine's rank ranges on the shipped data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, SHIPPED_CRITERIA, SHIPPED_DATA
from typer.testing import CliRunner

from mcda.cli import app
from mcda.gaps import analyse_gaps
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.ranking import RankingSettings, rank_alternatives

runner = CliRunner()
CRIT, DATA, WEIGHTS = (str(FIXTURES / n) for n in ("small_criteria.yaml", "small_data.csv", "small_weights.yaml"))


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def shipped_weights(tmp_path_factory) -> tuple[str, WeightSet]:
    problem = load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
    raw = {c: 1 for c in problem.criterion_ids} | {"eu_demand": 3, "supply_risk": 2}
    path = tmp_path_factory.mktemp("gaps") / "w.yaml"
    path.write_text("\n".join(f"{c}: {w}" for c, w in raw.items()), encoding="utf-8")
    return str(path), WeightSet.from_raw(raw)


def _base(weights: str) -> tuple[str, ...]:
    return ("gaps", "--criteria", str(SHIPPED_CRITERIA), "--data", str(SHIPPED_DATA), "--weights", weights)


def test_gaps_json_is_the_engines_list_most_influential_first(shipped_weights) -> None:
    path, weights = shipped_weights
    result = run(*_base(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    problem = load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
    expected = analyse_gaps(problem, weights, RankingSettings())
    assert data["total"] == len(expected.gaps) == len(data["gaps"]) == 27
    assert [(g["id"], g["criterion"]) for g in data["gaps"]] == [(g.id, g.criterion) for g in expected.gaps]
    for shown, g in zip(data["gaps"], expected.gaps):
        assert shown["interval"] == list(g.interval)
        assert (shown["rank_now"], shown["rank_best"], shown["rank_worst"]) == (g.rank_now, g.rank_best, g.rank_worst)
        assert (shown["can_change_first"], shown["can_change_top3"]) == (g.can_change_first, g.can_change_top3)
        assert shown["share"] == pytest.approx(g.share)
    assert data["gaps"][0]["can_change_first"] is True
    order = [(not g["can_change_first"], not g["can_change_top3"]) for g in data["gaps"]]
    assert order == sorted(order)  # first place, then the first three, then the rest
    assert data["method"] == "topsis" and data["normalization"] == "vector" and data["seed"] == 0


def test_gaps_follow_the_method_and_top(shipped_weights) -> None:
    path, weights = shipped_weights
    result = run(*_base(path), "--method", "vikor", "--top", "5", "--json", "--lang", "en")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    problem = load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
    expected = analyse_gaps(problem, weights, RankingSettings(method="vikor"))
    assert data["method"] == "vikor" and len(data["gaps"]) == 5 and data["total"] == len(expected.gaps)
    assert [g["id"] for g in data["gaps"]] == [g.id for g in expected.gaps[:5]]
    assert data["gaps"][0]["name"] == problem.alternative(expected.gaps[0].id).name.en


def test_gaps_table_is_readable(shipped_weights) -> None:
    path, _ = shipped_weights
    result = run(*_base(path), "--top", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("TOPSIS") and "intervals" in lines[0]
    assert lines[1].split()[:2] == ["Posisjon", "Kriterium"] and "Mulige plasser" in lines[1]
    assert len(lines) == 2 + 3 + 1 and lines[-1].startswith("… 24 more")
    assert "(skala 0–4)" in result.stdout and " ja " in result.stdout and "%" in result.stdout


def test_a_problem_without_missing_values_has_no_gaps() -> None:
    result = run("gaps", "--criteria", CRIT, "--data", DATA, "--weights", WEIGHTS, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["gaps"] == []
    table = run("gaps", "--criteria", CRIT, "--data", DATA, "--weights", WEIGHTS)
    assert table.exit_code == 0 and "no knowledge gaps" in table.stdout


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bad_inputs_for_gaps(tmp_path: Path) -> None:
    base = (FIXTURES / "small_data.csv").read_text()
    cases = {
        "missing file": (("--data", str(tmp_path / "nope.csv")), "nope.csv: file not found"),
        "non-numeric cell": (
            ("--data", _write(tmp_path, "d.csv", base.replace("275", "dyr"))),
            "line 5, column 'price': value 'dyr' is not a number",
        ),
        "negative weight": (
            ("--weights", _write(tmp_path, "w.yaml", "price: -1\nquality: 1\nspeed: 1\n")),
            "column 'price': value '-1' is negative",
        ),
        "weights and pairwise": (
            ("--pairwise", str(FIXTURES / "small_pairwise.csv")),
            "give exactly one of --weights or --pairwise",
        ),
    }
    for label, (extra, expected) in cases.items():  # each case replaces or adds one option
        args = {"--criteria": CRIT, "--data": DATA, "--weights": WEIGHTS}
        flat = ["gaps", *(x for k, v in args.items() if k not in extra for x in (k, v)), *extra]
        result = run(*flat)
        assert result.exit_code == 2, (label, result.output)
        assert expected in result.stderr, (label, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, label
        assert "Traceback" not in result.output, label


def test_rank_json_gives_the_engines_rank_ranges_on_the_shipped_data(shipped_weights) -> None:
    path, weights = shipped_weights
    result = run("rank", "--criteria", str(SHIPPED_CRITERIA), "--data", str(SHIPPED_DATA), "--weights", path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = rank_alternatives(load_problem(SHIPPED_CRITERIA, SHIPPED_DATA), weights)
    assert [(e["id"], e["rank"], e["rank_best"], e["rank_worst"]) for e in data["ranking"]] == [
        (e.id, e.rank, e.rank_best, e.rank_worst) for e in expected.entries
    ]
    assert any(e["rank_best"] < e["rank_worst"] for e in data["ranking"])
    assert len(data["interval_cells"]) == 25
