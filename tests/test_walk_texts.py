"""Texts a member reads beside the numbers say what the numbers are."""

from __future__ import annotations

import math
import re
from itertools import combinations

import pytest
from conftest import ROOT

from mcda.comparison import kendall
from mcda.strings import load_catalogue

UI = load_catalogue(ROOT / "ui" / "strings")


def _pairs(x: list[int], y: list[int]) -> tuple[int, int, int, int, int]:
    """Concordant, discordant, all pairs, pairs not tied in x, pairs not tied in y."""
    same = opposite = untied_x = untied_y = 0
    for i, j in combinations(range(len(x)), 2):
        dx, dy = x[i] - x[j], y[i] - y[j]
        untied_x += dx != 0
        untied_y += dy != 0
        same += dx * dy > 0
        opposite += dx * dy < 0
    return same, opposite, len(x) * (len(x) - 1) // 2, untied_x, untied_y


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([1, 2, 3, 4], [1, 2, 4, 3]),
        ([1, 2, 3, 4], [4, 3, 2, 1]),
        ([1, 2, 3, 4, 5], [2, 1, 4, 5, 3]),
        ([1, 1, 3, 4], [1, 2, 2, 4]),
    ],
)
def test_the_kendall_help_says_what_comparison_computes(x: list[int], y: list[int]) -> None:
    """τ-b as the help says: (same − opposite) / pairs, or with shared places divided by the
    geometric mean of the untied pairs in each ranking; not "the share of pairs in the same order"."""
    same, opposite, pairs, untied_x, untied_y = _pairs(x, y)
    tied = untied_x < pairs or untied_y < pairs
    expected = (same - opposite) / (math.sqrt(untied_x * untied_y) if tied else pairs)
    assert kendall(x, y) == pytest.approx(expected)
    assert kendall(x, y) != pytest.approx(same / pairs)  # the old help's "share of pairs"
    help_text = UI["coefficient.kendall.help"]
    assert "minus" in help_text["nb"] and "geometriske gjennomsnittet" in help_text["nb"]
    assert "minus" in help_text["en"] and "geometric mean" in help_text["en"]
    assert "andelen" not in help_text["nb"] and not re.search(r"\bshare\b", help_text["en"])
    assert "−1 = omvendt rekkefølge" in help_text["nb"] and "−1 = the reverse order" in help_text["en"]
