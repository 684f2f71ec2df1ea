"""Agreement between rankings, against scipy, hand computations and the published formulas."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mcda.comparison import (
    common_ranks,
    compare_rankings,
    kendall,
    kendalls_w,
    spearman,
    weighted_spearman,
    ws_similarity,
)
from mcda.models import LocalizedText, RankedAlternative, Ranking, WeightSet

IDENTITY = [1, 2, 3, 4, 5]


def _rw(x: list[int], y: list[int]) -> float:
    """Weighted Spearman rw (Pinto da Costa & Soares 2005; Sałabun & Urbaniak 2020), exactly."""
    n = len(x)
    total = sum(Fraction((a - b) ** 2 * ((n - a + 1) + (n - b + 1))) for a, b in zip(x, y))
    return float(1 - 6 * total / (n**4 + n**3 - n**2 - n))


def _ws(x: list[int], y: list[int]) -> float:
    """WS similarity (Sałabun & Urbaniak 2020): 1 - sum 2^-x_i |x_i - y_i| / max(|x_i - 1|, |x_i - n|)."""
    n = len(x)
    return float(1 - sum(Fraction(abs(a - b), 2**a * max(abs(a - 1), abs(a - n))) for a, b in zip(x, y)))


# --- Spearman and Kendall tau-b ----------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 9).flatmap(lambda n: st.tuples(*[st.lists(st.integers(1, n), min_size=n, max_size=n)] * 2)))
def test_spearman_and_kendall_tau_b_equal_scipy_with_ties(pair: tuple[list[int], list[int]]) -> None:
    x, y = (stats.rankdata(v, method="min") for v in pair)
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        assert spearman(x, y) is None and kendall(x, y) is None
        return
    assert spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)
    assert kendall(x, y) == pytest.approx(stats.kendalltau(x, y, variant="b").statistic, abs=1e-12)


def test_spearman_and_kendall_by_hand() -> None:
    # one adjacent swap in five: rho = 1 - 6 * 2 / (5 * 24) = 0.9; tau = (9 - 1) / 10 = 0.8
    assert spearman(IDENTITY, [2, 1, 3, 4, 5]) == pytest.approx(0.9)
    assert kendall(IDENTITY, [2, 1, 3, 4, 5]) == pytest.approx(0.8)
    # a tie (1, 1, 3): tau-b = (n_c - n_d) / sqrt((n0 - n1)(n0 - n2)) = 2 / sqrt(3 * 2)
    assert kendall([1, 2, 3], [1, 1, 3]) == pytest.approx(2 / np.sqrt(6))
    # identical, reversed, and two alternatives
    assert spearman(IDENTITY, IDENTITY) == pytest.approx(1.0) and kendall(IDENTITY, IDENTITY) == pytest.approx(1.0)
    assert spearman(IDENTITY, IDENTITY[::-1]) == pytest.approx(-1.0)
    assert kendall(IDENTITY, IDENTITY[::-1]) == pytest.approx(-1.0)
    assert spearman([1, 2], [2, 1]) == pytest.approx(-1.0) and kendall([1, 2], [1, 2]) == pytest.approx(1.0)
    # a ranking where everything ties has no defined correlation
    assert spearman([1, 1, 1], [1, 2, 3]) is None and kendall([1, 2, 3], [1, 1, 1]) is None


# --- weighted Spearman rw and WS (Sałabun & Urbaniak 2020) -------------------------------------


def test_rw_and_ws_weigh_a_swap_at_the_top_more_than_at_the_bottom() -> None:
    top, bottom = [2, 1, 3, 4, 5], [1, 2, 3, 5, 4]
    # rw by hand: sum (x-y)^2 ((n-x+1) + (n-y+1)) = 9 + 9 = 18 (top), 3 + 3 = 6 (bottom); n^4+n^3-n^2-n = 720
    assert weighted_spearman(IDENTITY, top) == pytest.approx(1 - 6 * 18 / 720) == pytest.approx(0.85)
    assert weighted_spearman(IDENTITY, bottom) == pytest.approx(1 - 6 * 6 / 720) == pytest.approx(0.95)
    # WS by hand: 1 - (1/2 * 1/4 + 1/4 * 1/3) (top); 1 - (1/16 * 1/3 + 1/32 * 1/4) (bottom)
    assert ws_similarity(IDENTITY, top) == pytest.approx(1 - 1 / 8 - 1 / 12)
    assert ws_similarity(IDENTITY, bottom) == pytest.approx(1 - 1 / 48 - 1 / 128)
    assert ws_similarity(IDENTITY, top) < ws_similarity(IDENTITY, bottom)


def test_rw_and_ws_of_identical_and_reversed_rankings() -> None:
    assert weighted_spearman(IDENTITY, IDENTITY) == pytest.approx(1.0)
    assert ws_similarity(IDENTITY, IDENTITY) == pytest.approx(1.0)
    assert weighted_spearman(IDENTITY, IDENTITY[::-1]) == pytest.approx(-1.0)
    # WS reversed: 1 - (1/2 * 4/4 + 1/4 * 2/3 + 0 + 1/16 * 2/3 + 1/32 * 4/4)
    assert ws_similarity(IDENTITY, IDENTITY[::-1]) == pytest.approx(1 - (1 / 2 + 1 / 6 + 1 / 24 + 1 / 32))
    # two alternatives: swapped is the worst case for both
    assert weighted_spearman([1, 2], [2, 1]) == pytest.approx(-1.0)
    assert ws_similarity([1, 2], [2, 1]) == pytest.approx(1 - 1 / 2 - 1 / 4)


def test_ws_is_asymmetric_the_first_ranking_is_the_reference() -> None:
    x, y = [1, 2, 3, 4], [3, 1, 2, 4]
    assert ws_similarity(x, y) == pytest.approx(_ws(x, y))
    assert ws_similarity(y, x) == pytest.approx(_ws(y, x))
    assert ws_similarity(x, y) != pytest.approx(ws_similarity(y, x))
    assert weighted_spearman(x, y) == pytest.approx(weighted_spearman(y, x))  # rw is symmetric


def _two_permutations(n: int) -> st.SearchStrategy:
    return st.tuples(st.permutations(range(1, n + 1)), st.permutations(range(1, n + 1)))


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 8).flatmap(_two_permutations))
def test_rw_and_ws_equal_the_published_formulas(pair: tuple[list[int], list[int]]) -> None:
    x, y = list(pair[0]), list(pair[1])
    assert weighted_spearman(x, y) == pytest.approx(_rw(x, y), abs=1e-12)
    assert ws_similarity(x, y) == pytest.approx(_ws(x, y), abs=1e-12)


# --- Kendall's W -------------------------------------------------------------------------------


def test_kendalls_w_by_hand() -> None:
    # W = 12 S / (m^2 (n^3 - n)); rank sums 4, 6, 8, 12 around 7.5: S = 35
    ranks = np.array([[1, 2, 3, 4], [2, 1, 3, 4], [1, 3, 2, 4]])
    assert kendalls_w(ranks) == pytest.approx(12 * 35 / (9 * 60))
    # without ties W = ((m - 1) mean rho + 1) / m, rho the pairwise Spearman correlations
    rhos = [stats.spearmanr(ranks[a], ranks[b]).statistic for a, b in ((0, 1), (0, 2), (1, 2))]
    assert kendalls_w(ranks) == pytest.approx((2 * np.mean(rhos) + 1) / 3)


def test_kendalls_w_with_ties_by_hand_and_through_friedman() -> None:
    # mid-ranks (1.5, 1.5); sums 2.5, 3.5, 6, 8 around 5: S = 18.5; T = 2^3 - 2 = 6
    ranks = np.array([[1, 2, 3, 4], [1, 1, 3, 4]])
    assert kendalls_w(ranks) == pytest.approx(12 * 18.5 / (4 * 60 - 2 * 6))
    # the tie-corrected Friedman statistic is m (n - 1) W
    friedman = stats.friedmanchisquare(*ranks.T).statistic
    assert kendalls_w(ranks) == pytest.approx(friedman / (2 * 3))


def test_kendalls_w_extremes() -> None:
    assert kendalls_w(np.array([[1, 2, 3], [1, 2, 3], [1, 2, 3]])) == pytest.approx(1.0)
    assert kendalls_w(np.array([[1, 2, 3], [3, 2, 1]])) == pytest.approx(0.0)
    assert kendalls_w(np.array([[1, 2], [2, 1]])) == pytest.approx(0.0)
    assert kendalls_w(np.array([[1, 2, 3]])) is None  # one rater
    assert kendalls_w(np.array([[1], [1]])) is None  # one item
    assert kendalls_w(np.array([[1, 1], [1, 1]])) is None  # every rater ties everything


# --- comparing Ranking objects -----------------------------------------------------------------


def _ranking(ranks: dict[str, int]) -> Ranking:
    entries = tuple(
        RankedAlternative(id=a, name=LocalizedText(en=a, nb=a), score=-float(r), rank=r)
        for a, r in sorted(ranks.items(), key=lambda t: t[1])
    )
    return Ranking(
        method="topsis",
        normalization="vector",
        score_direction="higher_is_better",
        score_label=LocalizedText(en="s", nb="s"),
        contribution_basis=LocalizedText(en="c", nb="c"),
        weights=WeightSet.equal(["c1"]),
        entries=entries,
    )


def test_common_ranks_rerank_within_the_shared_alternatives() -> None:
    first = _ranking({"a": 1, "b": 2, "c": 3, "d": 4})
    second = _ranking({"b": 1, "d": 2, "a": 3})  # c left out (e.g. dropped for missing values)
    ids, ranks = common_ranks({"first": first, "second": second})
    assert ids == ("a", "b", "d")
    assert ranks["first"].tolist() == [1, 2, 3] and ranks["second"].tolist() == [3, 1, 2]


def test_compare_rankings_fills_every_matrix_and_orders_the_moves() -> None:
    rankings = {
        "A": _ranking({"a": 1, "b": 2, "c": 3, "d": 4}),
        "B": _ranking({"a": 1, "b": 2, "c": 3, "d": 4}),
        "C": _ranking({"a": 4, "b": 2, "c": 3, "d": 1}),
    }
    result = compare_rankings(rankings)
    assert result.labels == ("A", "B", "C") and result.alternatives == ("a", "b", "c", "d")
    x, z = [1, 2, 3, 4], [4, 2, 3, 1]
    assert result.matrices["spearman"][0][1] == pytest.approx(1.0)
    assert result.matrices["spearman"][0][2] == pytest.approx(stats.spearmanr(x, z).statistic)
    assert result.matrices["kendall"][2][0] == pytest.approx(stats.kendalltau(z, x).statistic)
    assert result.matrices["rw"][0][2] == pytest.approx(_rw(x, z))
    assert result.matrices["ws"][0][2] == pytest.approx(_ws(x, z))
    assert result.matrices["ws"][2][0] == pytest.approx(_ws(z, x))
    assert result.largest_moves[:2] == (("a", 1, 4, 3), ("d", 1, 4, 3))
    assert result.largest_moves[2:] == (("b", 2, 2, 0), ("c", 3, 3, 0))
