"""Method notes: zero weights, VIKOR's compromise solution set, AHP judgments off Saaty's scale."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import FIXTURES
from reference_cases import RANKING_CASES
from typer.testing import CliRunner

from mcda.cli import app
from mcda.models import Alternative, Cell, Criterion, DecisionProblem, WeightSet
from mcda.ranking import METHODS, RankingSettings, compute_scores, rank_alternatives, vikor_compromise

PAIRWISE = str(FIXTURES / "small_pairwise.csv")


def _problem(values: list[list[float]], directions: tuple[str, ...] = ("benefit", "cost")) -> DecisionProblem:
    crits = tuple(Criterion(id=f"c{j}", name=f"C{j}", direction=d) for j, d in enumerate(directions))
    alts = tuple(Alternative(id=f"A{i}", name=f"Alt {i}") for i in range(len(values)))
    cells = {a.id: {c.id: Cell(value=v) for c, v in zip(crits, row)} for a, row in zip(alts, values)}
    return DecisionProblem(criteria=crits, alternatives=alts, cells=cells)


@pytest.mark.parametrize("method", list(METHODS))
def test_a_zero_weight_is_not_warned_about(method: str) -> None:
    problem = _problem([[5, 3], [7, 4], [6, 1]])
    ranking = rank_alternatives(problem, WeightSet.from_raw({"c0": 1, "c1": 0}), RankingSettings(method=method))
    assert not any("positive" in w.en for w in ranking.warnings), ranking.warnings


def test_vikor_keeps_opricovic_and_tzengs_compromise_set() -> None:
    # Opricovic & Tzeng (2004): A2 alone (C1 and C2 hold); see tests/reference_cases.py
    problem = _problem([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]], ("cost", "benefit"))
    ranking = rank_alternatives(problem, WeightSet.from_raw({"c0": 1, "c1": 1}), RankingSettings(method="vikor"))
    assert ranking.compromise_set == ("A1",)
    assert rank_alternatives(problem, WeightSet.from_raw({"c0": 1, "c1": 1})).compromise_set is None


def test_vikor_compromise_set_when_a_condition_fails() -> None:

    # C1 fails: every alternative within DQ = 1/3 of the best Q
    found = vikor_compromise([0.75, 0.25, 0.0, 1.0], [0.6, 0.3, 0.15, 0.65], [0.3, 0.2, 0.15, 0.4])
    assert not found.acceptable_advantage and found.members == (2, 1)
    # only C2 fails: a1 is best by neither S nor R -> {a1, a2}
    found = vikor_compromise([0.0, 0.6, 1.0], [0.5, 0.4, 0.6], [0.3, 0.2, 0.4])
    assert found.acceptable_advantage and not found.acceptable_stability and found.members == (0, 1)


COMPROMISE_CASES = [
    c
    for c in RANKING_CASES
    if c["method"] == "vikor" and c["expect_agreement"] and "compromise_set" in (c.get("extra") or {})
]


@pytest.mark.parametrize("case", COMPROMISE_CASES, ids=lambda c: c["id"])
def test_vikor_compromise_set_matches_publication(case: dict) -> None:
    weights = np.array(case["weights"], dtype=float)
    params = {"v": case["params"].get("v", 0.5)}
    out = compute_scores(np.array(case["matrix"], dtype=float), weights, np.array(case["types"]), "vikor", None, params)
    found = vikor_compromise(out.details["Q"], out.details["S"], out.details["R"])
    extra = case["extra"]
    assert found.acceptable_advantage == extra["acceptable_advantage"]
    assert found.acceptable_stability == extra["acceptable_stability"]
    assert sorted(found.members) == extra["compromise_set"]


def test_ahp_json_warns_about_judgments_off_the_scale(tmp_path: Path) -> None:
    runner = CliRunner()
    assert json.loads(runner.invoke(app, ["ahp", PAIRWISE, "--json"]).stdout)["warnings"] == []
    path = tmp_path / "p.csv"
    path.write_text(",a,b,c\na,1,12,1\nb,1/12,1,1\nc,1,1,1\n", encoding="utf-8")
    data = json.loads(runner.invoke(app, ["ahp", str(path), "--json"]).stdout)
    assert len(data["warnings"]) == 1 and "outside Saaty's 1/9..9 scale" in data["warnings"][0]
