"""Ranking charts keep whole names: no label limit on position names, room for the rank chart's side labels."""

from __future__ import annotations

import string

import pytest
from PIL import ImageFont

from mcda.charts.common import TEXT_SIZE, text_width
from mcda.charts.ranking import bump_chart, contribution_chart, score_chart
from mcda.models import WeightSet
from mcda.ranking import rank_alternatives

LIBERATION_SANS = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"


def test_rank_chart_leaves_room_for_the_longest_side_label(shipped_problem) -> None:
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    spec = bump_chart({"a": ranking, "b": ranking}).to_dict()
    longest = max(text_width(f"{e.rank}. {e.name.nb}") for e in ranking.entries)
    scale = spec["layer"][0]["encoding"]["x"]["scale"]
    side = scale["range"][0]
    # a margin in px on both sides, kept when the page stretches or narrows the chart
    assert scale["type"] == "point" and scale["padding"] == 0
    assert side >= longest + 8 and scale["range"][1] == {"expr": f"max(width - {side}, {side + 1})"}
    assert spec["width"] >= 160 + 2 * side
    text_marks = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert [m["mark"]["fontSize"] for m in text_marks] == [TEXT_SIZE, TEXT_SIZE]


def test_label_widths_match_the_charts_font() -> None:
    """The width estimate against the font itself (installed by dev.sh for the PNG charts)."""
    font = ImageFont.truetype(LIBERATION_SANS, 1000)
    for text in ("12. Utvinning av sjeldne jordartsmetaller (Fensfeltet)", "Æ Ø Å æ ø å", "WIM, «ilj» 25 %"):
        assert text_width(text, 1000) == pytest.approx(font.getlength(text), rel=0.005)
    for ch in string.ascii_letters + string.digits + string.punctuation + " ÆØÅæøåéüö–—«»·":
        assert text_width(ch, 1000) == pytest.approx(font.getlength(ch), abs=3), ch


def test_position_and_criterion_names_are_not_cut(shipped_problem) -> None:
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    score = score_chart(ranking, "nb").to_dict()
    assert score["encoding"]["y"]["axis"]["labelLimit"] == 0
    contributions = contribution_chart(ranking, shipped_problem, "nb").to_dict()
    assert contributions["encoding"]["y"]["axis"]["labelLimit"] == 0
    assert contributions["encoding"]["color"]["legend"]["labelLimit"] == 0
    assert isinstance(contributions["title"]["subtitle"], list)  # wrapped, not cut at the chart's width
