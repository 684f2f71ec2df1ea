"""The robustness views: tables and the short texts around them, engine-side (no Streamlit).

The tables' agreement with the engine on the shipped problem is also checked in
test_charts_robustness.py; here small problems whose numbers can be read off by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mcda.models import Alternative, Cell, Criterion, DecisionProblem, LocalizedText, WeightSet
from mcda.robustness_views import (
    acceptability_leaders,
    acceptability_matrix,
    acceptability_notes,
    acceptability_table,
    central_weights_table,
    col,
    criterion_labels,
    has_value_ranges,
    interval_bounds,
    method_agreement_table,
    method_rank_table,
    reversals_table,
    stability_table,
    tied_labels,
    weights_used,
)
from mcda.sensitivity import (
    StabilityInterval,
    WeightCloud,
    analyse_rank_acceptability,
    analyse_weight_sensitivity,
    compare_methods,
)


def _problem(values: list[list[float]], low: float | None = None) -> DecisionProblem:
    crits = (
        Criterion(id="cap", name={"en": "Capacity", "nb": "Kapasitet"}, direction="benefit"),
        Criterion(id="cost", name={"en": "Cost", "nb": "Kostnad"}, direction="cost"),
    )
    alts = tuple(Alternative(id=f"p{i}", name={"en": f"Site {i}", "nb": f"Sted {i}"}) for i in range(len(values)))
    cells = {
        a.id: {c.id: Cell(value=v, low=low if (a.id, c.id) == ("p0", "cap") else None) for c, v in zip(crits, row)}
        for a, row in zip(alts, values)
    }
    return DecisionProblem(criteria=crits, alternatives=alts, cells=cells)


PROBLEM = _problem([[9.0, 6.0], [6.0, 2.0], [3.0, 3.0], [8.0, 7.0]])
WEIGHTS = WeightSet.from_raw({"cap": 3, "cost": 1})


@pytest.fixture(scope="module")
def acceptability():
    return analyse_rank_acceptability(PROBLEM, WeightCloud.uniform(["cap", "cost"]), samples=800, seed=7)


@pytest.fixture(scope="module")
def robustness():
    return compare_methods(PROBLEM, WEIGHTS)


def _with_shares(result, shares: list[list[float]]):
    return result.model_copy(update={"acceptability": tuple(tuple(row) for row in shares)})


# --- the texts the page draws around the tables -----------------------------------------------------


def test_criterion_labels_and_weights_used_in_both_languages() -> None:
    assert criterion_labels(PROBLEM, ["cost", "cap"], "nb") == {"cost": "Kostnad", "cap": "Kapasitet"}
    assert criterion_labels(PROBLEM, ("cap",), "en") == {"cap": "Capacity"}
    assert weights_used(WEIGHTS, PROBLEM, "nb") == "Kapasitet 75,0\u00a0%, Kostnad 25,0\u00a0%"
    assert weights_used(WEIGHTS, PROBLEM, "en") == "Capacity 75.0%, Cost 25.0%"


def test_interval_bounds_name_each_end_of_the_three_intervals() -> None:
    interval = StabilityInterval(
        criterion="cap", current_weight=0.75, ranking=(0.6, 0.8), top_three=(0.5, 0.9), top_one=(0.25, 1.0)
    )
    assert interval_bounds(interval, "en") == {
        "ranking_low": "60.0%",
        "ranking_high": "80.0%",
        "top_three_low": "50.0%",
        "top_three_high": "90.0%",
        "top_one_low": "25.0%",
        "top_one_high": "100.0%",
    }
    assert interval_bounds(interval, "nb")["top_one_low"] == "25,0\u00a0%"


def test_acceptability_leaders_by_first_place_share(acceptability) -> None:
    shares = [[0.3, 0.3, 0.2, 0.2], [0.45, 0.25, 0.2, 0.1], [0.0, 0.1, 0.3, 0.6], [0.25, 0.35, 0.3, 0.1]]
    leaders, no_majority = acceptability_leaders(_with_shares(acceptability, shares), PROBLEM, "en")
    assert leaders == [
        {"name": "Site 1", "first": "45.0%", "top3": "90.0%"},
        {"name": "Site 0", "first": "30.0%", "top3": "80.0%"},
        {"name": "Site 3", "first": "25.0%", "top3": "90.0%"},
    ]
    assert no_majority  # nobody is first in more than half the samples


def test_acceptability_leaders_leave_out_positions_never_first_and_see_a_majority(acceptability) -> None:
    shares = [[0.0, 0.5, 0.5, 0.0], [0.8, 0.2, 0.0, 0.0], [0.2, 0.3, 0.5, 0.0], [0.0, 0.0, 0.0, 1.0]]
    leaders, no_majority = acceptability_leaders(_with_shares(acceptability, shares), PROBLEM, "nb", k=3)
    assert [row["name"] for row in leaders] == ["Sted 1", "Sted 2"]
    assert leaders[0]["first"] == "80,0\u00a0%" and leaders[1]["top3"] == "100,0\u00a0%"
    assert not no_majority
    # a tie in first-place share keeps the problem's order
    tied = [[0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5], [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]]
    leaders, no_majority = acceptability_leaders(_with_shares(acceptability, tied), PROBLEM, "en")
    assert [row["name"] for row in leaders] == ["Site 0", "Site 2"] and no_majority


def test_acceptability_notes_leave_out_what_the_missing_value_policy_dropped(acceptability) -> None:
    notes = (
        LocalizedText(en="left out criteria: cost", nb="utelatt kriterier: cost"),
        LocalizedText(en="ties share the best position", nb="like plasser deler beste plass"),
    )
    result = acceptability.model_copy(update={"notes": notes})
    assert acceptability_notes(result, "nb") == ["Like plasser deler beste plass"]
    assert acceptability_notes(result, "en") == ["Ties share the best position"]


def test_tied_labels_name_the_rankings_that_tie_everything(robustness) -> None:
    assert tied_labels(robustness, "en") == []
    ranking = next(iter(robustness.rankings.values()))
    all_first = ranking.model_copy(update={"entries": tuple(e.model_copy(update={"rank": 1}) for e in ranking.entries)})
    rankings = {**robustness.rankings, "vikor": all_first}
    assert tied_labels(robustness.model_copy(update={"rankings": rankings}), "nb") == ["VIKOR"]


def test_has_value_ranges() -> None:
    assert not has_value_ranges(PROBLEM)
    assert has_value_ranges(_problem([[9.0, 6.0], [6.0, 2.0]], low=8.0))


# --- the tables -------------------------------------------------------------------------------------


def test_acceptability_tables_order_by_mean_rank_in_percent(acceptability) -> None:
    shares = [[0.3, 0.3, 0.2, 0.2], [0.45, 0.25, 0.2, 0.1], [0.0, 0.1, 0.3, 0.6], [0.25, 0.35, 0.3, 0.1]]
    result = _with_shares(acceptability, shares)
    summary = acceptability_table(result, PROBLEM, "en")
    # mean ranks by hand: Site 1 1.95, Site 3 2.25, Site 0 2.3, Site 2 3.5
    assert summary["Position"].tolist() == ["Site 1", "Site 3", "Site 0", "Site 2"]
    assert summary["Mean rank"].tolist() == pytest.approx([1.95, 2.25, 2.3, 3.5])
    assert summary["First place (%)"].tolist() == pytest.approx([45.0, 25.0, 30.0, 0.0])
    assert summary["Among the first three (%)"].tolist() == pytest.approx([90.0, 90.0, 80.0, 40.0])
    matrix = acceptability_matrix(result, PROBLEM, "nb")
    assert matrix.index.name == "Posisjon" and matrix.columns.tolist() == ["1", "2", "3", "4"]
    assert matrix.loc["Sted 2"].tolist() == pytest.approx([0.0, 10.0, 30.0, 60.0])


def test_central_weights_table_lists_the_winners_with_their_weights(acceptability) -> None:
    table = central_weights_table(acceptability, PROBLEM, "nb")
    winners = [a for a, w in acceptability.central_weights.items() if w is not None]
    assert len(table) == len(winners) and table.index.name == "Posisjon"
    assert table["Første plass (%)"].is_monotonic_decreasing
    assert np.allclose(table[["Kapasitet", "Kostnad"]].sum(axis=1), 100.0)
    first = next(a for a in acceptability.alternatives if PROBLEM.alternative(a).name.nb == table.index[0])
    assert table.iloc[0]["Kapasitet"] == pytest.approx(100 * acceptability.central_weights[first]["cap"])


def test_sweep_and_stability_tables_carry_the_engines_numbers() -> None:
    sensitivity = analyse_weight_sensitivity(PROBLEM, WEIGHTS)
    sweep = sensitivity.sweep("cap")
    table = reversals_table(sweep, PROBLEM, "en")
    assert table.columns.tolist() == [
        "Weight (%)",
        "Places",
        "Ahead below this weight",
        "Ahead above this weight",
        "First place changes",
    ]
    assert table["Weight (%)"].tolist() == pytest.approx([100 * r.weight for r in sweep.reversals])
    assert table["Places"].tolist() == [f"{r.position}–{r.position + 1}" for r in sweep.reversals]
    assert len(reversals_table(sweep, PROBLEM, "en", max_position=1)) == sum(r.position <= 1 for r in sweep.reversals)
    stability = stability_table(sensitivity.intervals, PROBLEM, "nb")
    assert stability["Kriterium"].tolist() == ["Kapasitet", "Kostnad"]
    assert stability["Gjeldende vekt (%)"].tolist() == pytest.approx([75.0, 25.0])
    assert stability["Rangering fra (%)"].tolist() == pytest.approx([100 * i.ranking[0] for i in sensitivity.intervals])


def test_method_tables(robustness) -> None:
    ranks = method_rank_table(robustness, PROBLEM, "en")
    assert (ranks["Spread"] == ranks["Worst rank"] - ranks["Best rank"]).all()
    assert set(ranks["Position"]) == {"Site 0", "Site 1", "Site 2", "Site 3"}
    agreement = method_agreement_table(robustness, "nb", "kendall")
    assert agreement.columns.tolist() == [col("method", "nb"), col("mean_agreement", "nb")]
    assert agreement[col("mean_agreement", "nb")].tolist() == pytest.approx(
        [np.nan if v is None else v for v in robustness.mean_agreement("kendall").values()], nan_ok=True
    )
    assert isinstance(agreement, pd.DataFrame) and len(agreement) == len(robustness.rankings)
