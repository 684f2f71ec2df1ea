"""Robustness charts: each builds from the engine's results, carries the engine's numbers, and
renders offline to PNG (what the exports will embed)."""

from __future__ import annotations

import numpy as np
import pytest

from mcda.charts import (
    acceptability_heatmap,
    first_rank_chart,
    method_agreement_chart,
    method_rank_chart,
    robustness,
    stability_chart,
    sweep_chart,
    to_png,
)
from mcda.charts.common import fit_to_width
from mcda.charts.robustness import acceptability_order, variant_display
from mcda.models import WeightSet
from mcda.ranking import RankingSettings
from mcda.robustness_views import (
    acceptability_matrix,
    acceptability_table,
    central_weights_table,
    method_rank_table,
    reversals_table,
    skipped_table,
    stability_table,
)
from mcda.sensitivity import WeightCloud, analyse_rank_acceptability, analyse_weight_sensitivity, compare_methods

PNG = b"\x89PNG\r\n\x1a\n"
POLICY = "drop_criteria"


@pytest.fixture(scope="module")
def weights(shipped_problem) -> WeightSet:
    raw = {c: 3.0 if c == "eu_demand" else 1.0 for c in shipped_problem.criterion_ids}
    return WeightSet.from_raw(raw, name="EU demand x3")


@pytest.fixture(scope="module")
def sensitivity(shipped_problem, weights):
    return analyse_weight_sensitivity(shipped_problem, weights, settings=RankingSettings(missing_policy=POLICY))


@pytest.fixture(scope="module")
def acceptability(shipped_problem):
    cloud = WeightCloud.uniform(shipped_problem.criterion_ids)
    return analyse_rank_acceptability(
        shipped_problem, cloud, samples=2000, seed=2025, settings=RankingSettings(missing_policy=POLICY)
    )


@pytest.fixture(scope="module")
def methods(shipped_problem, weights):
    return compare_methods(shipped_problem, weights, RankingSettings(missing_policy=POLICY))


def records(chart) -> list[list[dict]]:
    """The inline datasets of a chart (one list of rows per dataset)."""
    return list(chart.to_dict()["datasets"].values())


def rows_with(chart, *fields: str) -> list[dict]:
    for data in records(chart):
        if data and set(fields) <= set(data[0]):
            return data
    raise AssertionError(f"no dataset with {fields}")


def test_acceptability_heatmap_carries_every_share_and_renders(shipped_problem, acceptability) -> None:
    chart = acceptability_heatmap(acceptability, shipped_problem, "nb")
    cells = rows_with(chart, "id", "place", "share")
    m = len(acceptability.alternatives)
    assert len(cells) == m * m
    matrix = acceptability.matrix()
    index = {a: i for i, a in enumerate(acceptability.alternatives)}
    for cell in cells:
        assert cell["share"] == matrix[index[cell["id"]], cell["place"] - 1]
    top = max(cells, key=lambda c: c["share"])
    assert top["text"] == f"{round(100 * top['share'])}\u00a0%"  # bokmål: a (no-break) space before %
    assert to_png(chart).startswith(PNG)


def test_heatmap_rows_follow_the_chosen_order(shipped_problem, acceptability) -> None:
    names = {a.id: a.name.en for a in shipped_problem.alternatives}
    for order in ("expected", "first"):
        spec = acceptability_heatmap(acceptability, shipped_problem, "en", order).to_dict()
        y_sort = spec["layer"][0]["encoding"]["y"]["sort"]
        assert y_sort == [names[a] for a in acceptability_order(acceptability, order)]
    expected = acceptability.expected_rank()
    by_mean = acceptability_order(acceptability, "expected")
    assert [expected[a] for a in by_mean] == sorted(expected.values())
    first = acceptability.first()
    assert [first[a] for a in acceptability_order(acceptability, "first")] == sorted(first.values(), reverse=True)


def test_first_rank_chart_shows_first_and_top_three(shipped_problem, acceptability) -> None:
    chart = first_rank_chart(acceptability, shipped_problem, "en")
    rows = rows_with(chart, "measure", "share")
    names = {a.id: a.name.en for a in shipped_problem.alternatives}
    first = {r["position"]: r["share"] for r in rows if r["measure"] == "First place"}
    top = {r["position"]: r["share"] for r in rows if r["measure"] == "Among the first three"}
    assert first == {names[a]: v for a, v in acceptability.first().items()}
    assert top == pytest.approx({names[a]: v for a, v in acceptability.top(3).items()})
    assert to_png(chart).startswith(PNG)


def test_sweep_chart_marks_the_current_weight_and_every_reversal(shipped_problem, sensitivity) -> None:
    sweep = sensitivity.sweep("eu_demand")
    assert sweep.current_weight == pytest.approx(3 / 7)  # eu_demand x3 among the five complete criteria
    chart = sweep_chart(sweep, shipped_problem, "en")
    lines = rows_with(chart, "position", "weight", "score")
    assert len(lines) == len(shipped_problem.alternatives) * len(sweep.grid)
    dots = rows_with(chart, "what", "score", "top")
    assert [d["weight"] for d in dots] == [r.weight for r in sweep.reversals]
    names = {a.id: a.name.en for a in shipped_problem.alternatives}
    r = sweep.reversals[0]
    assert (
        dots[0]["what"]
        == f"{names[r.ahead_after]} passes {names[r.ahead_before]} (places {r.position}–{r.position + 1})"
    )
    current = [row for data in records(chart) for row in data if row.get("what") == "current weight"]
    assert [row["weight"] for row in current] == [sweep.current_weight]
    assert to_png(chart).startswith(PNG)


def test_sweep_chart_turns_the_axis_when_lower_scores_are_better(shipped_problem, weights) -> None:
    sweep = analyse_weight_sensitivity(
        shipped_problem,
        weights,
        settings=RankingSettings(method="copras", missing_policy=POLICY),
        criteria=["maturity"],
    ).sweep("maturity")
    assert not sweep_chart(sweep, shipped_problem).to_dict()["layer"][0]["encoding"]["y"]["scale"]["reverse"]
    vikor = sweep.model_copy(update={"score_direction": "lower_is_better", "method": "vikor"})
    assert sweep_chart(vikor, shipped_problem).to_dict()["layer"][0]["encoding"]["y"]["scale"]["reverse"]


def test_stability_chart_has_three_nested_bands_and_the_current_weight(shipped_problem, sensitivity) -> None:
    chart = stability_chart(sensitivity.intervals, shipped_problem, "nb")
    bands = [row for data in records(chart) for row in data if "band" in row]
    assert len(bands) == 3 * len(sensitivity.intervals)
    for i in sensitivity.intervals:
        name = shipped_problem.criterion(i.criterion).name.nb
        mine = {b["band"]: (b["low"], b["high"]) for b in bands if b["criterion"] == name}
        assert mine == {
            "hele rangeringen uendret": i.ranking,
            "de tre første uendret": i.top_three,
            "første plass uendret": i.top_one,
        }
        assert i.top_one[0] <= i.top_three[0] <= i.ranking[0] <= i.current_weight <= i.ranking[1]
    ticks = rows_with(chart, "criterion", "weight")
    assert sorted(t["weight"] for t in ticks) == sorted(i.current_weight for i in sensitivity.intervals)
    assert to_png(chart).startswith(PNG)


def test_method_charts_show_every_ranking_and_the_agreement(shipped_problem, methods) -> None:
    chart = method_rank_chart(methods, shipped_problem, "nb")
    cells = rows_with(chart, "position", "method", "rank")
    assert len(cells) == len(shipped_problem.alternatives) * len(methods.rankings)
    names = {a.id: a.name.nb for a in shipped_problem.alternatives}
    topsis = {c["position"]: c["rank"] for c in cells if c["method"] == "TOPSIS · vektor"}
    assert topsis == {names[e.id]: e.rank for e in methods.rankings["topsis/vector"].entries}
    assert to_png(chart).startswith(PNG)

    agreement = method_agreement_chart(methods, "kendall", "en")
    labels = {row["row"] for row in rows_with(agreement, "row", "col", "value")}
    assert labels == {variant_display(v, "en") for v in methods.rankings}
    assert to_png(agreement).startswith(PNG)


def test_short_labels() -> None:
    assert variant_display("topsis/vector", "nb") == "TOPSIS · vektor"
    assert variant_display("wsm/minmax", "en") == "WSM · min–max"
    assert variant_display("vikor", "en") == "VIKOR"


def test_the_robustness_charts_are_fitted_to_the_page_by_the_shared_helper(
    monkeypatch, shipped_problem, sensitivity, acceptability, methods
) -> None:
    """In a page only the width is fitted, by charts.common.fit_to_width as for the other charts (before: a
    copy of its autosize of their own); a fixed width keeps Vega-Lite's sizing."""
    fitted: list[int | str] = []

    def spy(chart, width):
        fitted.append(width)
        return fit_to_width(chart, width)

    monkeypatch.setattr(robustness, "fit_to_width", spy)
    for width in ("container", 560):
        charts = [
            acceptability_heatmap(acceptability, shipped_problem, "nb", width=width),
            first_rank_chart(acceptability, shipped_problem, "nb", width=width),
            sweep_chart(sensitivity.sweep("eu_demand"), shipped_problem, "nb", width=width),
            stability_chart(sensitivity.intervals, shipped_problem, "nb", width=width),
            method_rank_chart(methods, shipped_problem, "nb", width=width),
        ]
        specs = [chart.to_dict() for chart in charts]
        assert all(spec["width"] == width for spec in specs)
        autosize = {"type": "fit-x", "contains": "padding"} if width == "container" else None
        assert [spec.get("autosize") for spec in specs] == [autosize] * len(specs)
    assert fitted == ["container"] * 5 + [560] * 5


def test_tables_carry_the_engines_numbers(shipped_problem, weights, sensitivity, acceptability, methods) -> None:
    sweep = sensitivity.sweep("eu_demand")
    reversals = reversals_table(sweep, shipped_problem, "en")
    assert reversals["Weight (%)"].tolist() == pytest.approx([100 * r.weight for r in sweep.reversals])
    assert len(reversals_table(sweep, shipped_problem, "en", 3)) == sum(r.position <= 3 for r in sweep.reversals)

    intervals = stability_table(sensitivity.intervals, shipped_problem, "nb")
    assert intervals["Første plass til (%)"].tolist() == pytest.approx(
        [100 * i.top_one[1] for i in sensitivity.intervals]
    )

    summary = acceptability_table(acceptability, shipped_problem, "en")
    assert summary["Mean rank"].is_monotonic_increasing
    assert summary["First place (%)"].sum() == pytest.approx(100.0)
    matrix = acceptability_matrix(acceptability, shipped_problem, "en")
    assert np.allclose(matrix.sum(axis=0), 100.0) and np.allclose(matrix.sum(axis=1), 100.0)
    central = central_weights_table(acceptability, shipped_problem, "en")
    winners = [a for a, w in acceptability.central_weights.items() if w is not None]
    assert len(central) == len(winners)
    assert np.allclose(central.drop(columns=["First place (%)", "Confidence factor (%)"]).sum(axis=1), 100.0)
    assert (central["Confidence factor (%)"] == 100.0).all()  # exact data: the central weights win

    ranks = method_rank_table(methods, shipped_problem, "en")
    assert (ranks["Spread"] == ranks["Worst rank"] - ranks["Best rank"]).all()
    skipped = skipped_table(methods, shipped_problem, weights, "nb")
    assert len(skipped) == len(methods.skipped) == 3
    assert all("sum" in reason and "cannot" not in reason for reason in skipped.iloc[:, 1])
