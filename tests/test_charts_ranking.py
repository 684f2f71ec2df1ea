"""Ranking charts keep whole names: no label limit on position names, room for the rank chart's side labels."""

from __future__ import annotations

from mcda.charts.ranking import bump_chart, contribution_chart, score_chart
from mcda.models import WeightSet
from mcda.ranking import rank_alternatives


def test_rank_chart_leaves_room_for_the_longest_side_label(shipped_problem) -> None:
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    spec = bump_chart({"a": ranking, "b": ranking}).to_dict()
    longest = max(len(f"{e.rank}. {e.name.nb}") for e in ranking.entries)
    scale = spec["layer"][0]["encoding"]["x"]["scale"]
    step = 160
    assert scale["type"] == "point" and scale["padding"] * step >= 7 * longest  # about 6 px a character
    assert spec["width"] >= step + 2 * 7 * longest


def test_position_and_criterion_names_are_not_cut(shipped_problem) -> None:
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    score = score_chart(ranking, "nb").to_dict()
    assert score["encoding"]["y"]["axis"]["labelLimit"] == 0
    contributions = contribution_chart(ranking, shipped_problem, "nb").to_dict()
    assert contributions["encoding"]["y"]["axis"]["labelLimit"] == 0
    assert contributions["encoding"]["color"]["legend"]["labelLimit"] == 0
    assert isinstance(contributions["title"]["subtitle"], list)  # wrapped, not cut at the chart's width
