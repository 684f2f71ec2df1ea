"""``mcda rank --outlook``: the JSON across outlooks agrees with the engine; bad outlooks exit 2
with one line naming the outlook file and line."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, SHIPPED_CRITERIA, SHIPPED_DATA
from typer.testing import CliRunner

from mcda.cli import app
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.outlooks import load_outlook, rank_across_outlooks

runner = CliRunner()
OUTLOOKS = sorted((ROOT / "outlooks").glob("*.yaml"))


@pytest.fixture()
def weights_file(tmp_path):
    path = tmp_path / "w.yaml"
    problem = load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
    path.write_text("weights: {" + ", ".join(f"{c}: 1" for c in problem.criterion_ids) + "}\n", encoding="utf-8")
    return str(path)


def _rank(weights_file: str, *extra: str):
    base = ["rank", "--criteria", str(SHIPPED_CRITERIA), "--data", str(SHIPPED_DATA), "--weights", weights_file]
    return runner.invoke(app, base + list(extra))


def test_rank_outlooks_json_matches_the_engine(weights_file):
    args = [a for path in OUTLOOKS[:3] for a in ("--outlook", str(path))]
    result = _rank(weights_file, *args, "--json", "--lang", "en")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    problem = load_problem(SHIPPED_CRITERIA, SHIPPED_DATA)
    outlooks = [load_outlook(p, problem.sources) for p in OUTLOOKS[:3]]
    expected = rank_across_outlooks(problem, WeightSet.equal(problem.criterion_ids), outlooks)
    assert [o["name"] for o in data["outlooks"]] == [o.name.en for o in outlooks]
    for got, want in zip(data["outlooks"], expected.rankings, strict=True):
        assert set(got["ranking"][0]) == {"id", "name", "score", "rank"}
        assert [(e["id"], e["rank"]) for e in got["ranking"]] == [(e.id, e.rank) for e in want.ranking.entries]
        assert got["ranking"][0]["score"] == pytest.approx(want.ranking.entries[0].score)
    assert len(data["robust"]) == 17
    for entry in data["robust"]:
        ranks = [next(e["rank"] for e in o["ranking"] if e["id"] == entry["id"]) for o in data["outlooks"]]
        assert (entry["rank_best"], entry["rank_worst"]) == (min(ranks), max(ranks))
        assert entry["max_regret"] == max(ranks) - 1
    assert [e["max_regret"] for e in data["robust"]] == sorted(e["max_regret"] for e in data["robust"])
    assert data["probabilities"] is None


def test_probabilities_give_expected_rank(weights_file):
    a, b = OUTLOOKS[0], OUTLOOKS[1]
    ida, idb = (load_outlook(a).id, load_outlook(b).id)
    result = _rank(
        weights_file,
        "--outlook",
        str(a),
        "--outlook",
        str(b),
        "--probability",
        f"{ida}=3",
        "--probability",
        f"{idb}=1",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["probabilities"] == {ida: 0.75, idb: 0.25}
    for entry in data["robust"]:
        ra, rb = (next(e["rank"] for e in o["ranking"] if e["id"] == entry["id"]) for o in data["outlooks"])
        assert entry["expected_rank"] == pytest.approx(0.75 * ra + 0.25 * rb)


def test_text_output_lists_outlooks_and_robust_order(weights_file):
    result = _rank(weights_file, "--outlook", str(OUTLOOKS[0]), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "max regret" in result.stdout and load_outlook(OUTLOOKS[0]).name.en in result.stdout


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ("{positions: [P99], criterion: maturity, add: 1, basis: judgment, rationale: r}", "P99"),
        (
            "{positions: [P01], criterion: maturity, add: 1, basis: judgment, rationale: r}",
            "outside the criterion's scale",
        ),
        (
            "{positions: [P05], criterion: power_demand, multiply: 2, basis: published, sources: [S9], rationale: r}",
            "missing value",
        ),
        ("{positions: [P01], criterion: maturity, add: -1, basis: judgment, sources: [S99], rationale: r}", "S99"),
    ],
)
def test_bad_outlook_exits_2_naming_file_and_line(tmp_path, weights_file, change, fragment):
    path = tmp_path / "bad.yaml"
    path.write_text(f"id: bad\nname: Bad\ndescription: Bad\nchanges:\n  - {change}\n", encoding="utf-8")
    result = _rank(weights_file, "--outlook", str(path), "--json")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    assert f"{path}, line 5" in line and fragment in line


def test_probability_without_outlook_or_malformed(weights_file):
    result = _rank(weights_file, "--probability", "x=1")
    assert result.exit_code == 2 and "--outlook" in result.stderr
    result = _rank(weights_file, "--outlook", str(OUTLOOKS[0]), "--probability", "nonsense")
    assert result.exit_code == 2 and "OUTLOOK_ID=P" in result.stderr
