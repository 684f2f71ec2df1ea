"""The value-chain map: the shipped data place every position and cite known sources; bad files
give located messages; the chart's spec carries the ranks, figures and sources and follows the
ranking it is given (weights and outlook)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from mcda.charts.outlooks import chain_labels, outlook_bump_chart, rank_range_chart, value_chain_chart
from mcda.errors import InputError
from mcda.formatting import format_percentage
from mcda.models import WeightSet
from mcda.outlooks import apply_outlook, base_outlook, load_outlook, rank_across_outlooks
from mcda.ranking import rank_alternatives
from mcda.value_chains import check_against_problem, load_value_chains, map_rows, parse_value_chains

CHAINS = ROOT / "data" / "value_chains.yaml"


@pytest.fixture(scope="module")
def chains():
    return load_value_chains(CHAINS)


def test_shipped_chains_place_every_position_once_with_known_sources(chains, shipped_problem):
    check_against_problem(chains, shipped_problem, str(CHAINS))
    placed = chains.placement()
    assert set(placed) == set(shipped_problem.alternative_ids)
    assert placed["P04"] == ("nickel", "refining")
    assert placed["P08"] == ("graphite", "components")
    # China's shares are the EU 2023 study's [S1], as in the domain brief
    gallium = next(c for c in chains.chains if c.id == "gallium_germanium")
    assert gallium.china_share == {"refining": 93.8} and gallium.china_source == "S1"


def test_bad_value_chain_files_are_located():
    text = (
        "stages:\n  - {id: a, name: A}\nchains:\n  - id: x\n    name: X\n    positions: {P01: nowhere}\n"
        "  - id: y\n    name: Y\n    positions: {P01: a}\n"
    )
    with pytest.raises(InputError) as info:
        parse_value_chains(text, "vc.yaml")
    codes = [i.code for i in info.value.issues]
    assert codes == ["value_chain_unknown_stage", "value_chain_position_twice"]
    assert info.value.issues[0].line == 4 and "nowhere" in info.value.message("en")
    assert "ledd" in info.value.message("nb")
    with pytest.raises(InputError) as info:
        parse_value_chains("stages:\n  - {id: a, name: A, colour: red}\nchains: []\n", "vc.yaml")
    assert info.value.issues[0].line == 2


def test_unplaced_position_is_reported(chains, shipped_problem):
    smaller = chains.model_copy(update={"chains": chains.chains[1:]})
    with pytest.raises(InputError) as info:
        check_against_problem(smaller, shipped_problem, "vc.yaml")
    assert info.value.issues[0].value == "P01"
    assert "verdikjede" in info.value.message("nb")


def test_map_rows_carry_rank_score_and_sourced_figures(chains, shipped_problem):
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    cells, positions = map_rows(chains, shipped_problem, ranking, "en")
    p17 = next(p for p in positions if p["id"] == "P17")
    assert p17["rank"] == ranking.rank_of()["P17"]
    assert p17["score"] == pytest.approx(ranking.score_of()["P17"])
    assert p17["supply_risk"] == 4.1 and "[S1]" in p17["supply_risk_source"]
    refining_mg = next(c for c in cells if c["chain_id"] == "magnesium" and c["stage_id"] == "refining")
    assert refining_mg["china_share"] == 90.6 and refining_mg["china_source"].startswith("[S1] European Commission")
    nickel = next(c for c in cells if c["chain_id"] == "nickel" and c["stage_id"] == "refining")
    assert nickel["norway"] == "operating" and "[S10]" in nickel["norway_sources"]
    # no invented figure: only stages with a sourced presence or share appear
    assert all(c["norway"] or c["china_share"] is not None for c in cells)
    assert chain_labels(chains, shipped_problem, "nb")["magnesium"] == "Magnesium · SR 4,1"
    assert chain_labels(chains, shipped_problem, "nb")["phosphate"] == "Fosfat · SR 1,0"


def _datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_chart_spec_follows_the_ranking(chains, shipped_problem, lang):
    weights = WeightSet.equal(shipped_problem.criterion_ids)
    today = rank_alternatives(shipped_problem, weights)
    outlook = load_outlook(ROOT / "outlooks" / "china-export-controls.yaml")
    problem2, weights2 = apply_outlook(shipped_problem, weights, outlook)
    china = rank_alternatives(problem2, weights2)
    specs = [value_chain_chart(chains, p, r, lang).to_dict() for p, r in ((shipped_problem, today), (problem2, china))]
    for spec, ranking in zip(specs, (today, china), strict=True):
        rows = [row for data in _datasets(spec) for row in data if "rank_text" in row]
        ranks = {row["id"]: row["rank"] for row in rows}
        assert ranks == ranking.rank_of()
        text = json.dumps(spec, ensure_ascii=False)
        assert ("Kinas andel" if lang == "nb" else "China's share") in text
        assert format_percentage(90.6, lang) in text
        assert format_percentage(90.6, "nb") == "90,6\u00a0%"
        colours = [layer["encoding"]["color"] for layer in spec["layer"] if layer["mark"]["type"] == "circle"]
        assert colours and colours[0]["field"] == "rank"
    assert specs[0] != specs[1]


def test_outlook_charts_name_every_outlook(shipped_problem):
    weights = WeightSet.equal(shipped_problem.criterion_ids)
    outlook = load_outlook(ROOT / "outlooks" / "us-tariffs.yaml")
    comparison = rank_across_outlooks(shipped_problem, weights, [base_outlook(), outlook])
    bump = json.dumps(outlook_bump_chart(comparison, "nb").to_dict(), ensure_ascii=False)
    assert '"1."' in bump and '"2."' in bump and "nummerert som i tabellen" in bump
    spec = rank_range_chart(comparison, "en").to_dict()
    rows = [row for data in _datasets(spec) for row in data if "max_regret" in row]
    assert len(rows) == 17
    assert all(row["worst"] - 1 == row["max_regret"] for row in rows)
