"""Absurdly large or small values (an upload with 1e308 or 1e-300 in a column) rank, sweep and
sample as the same values at an ordinary scale: every method is invariant to rescaling a
criterion, so multiplying a column by a power of two must not change any result."""

from __future__ import annotations

import math
import warnings

import pytest
from conftest import FIXTURES

from mcda.errors import InputError
from mcda.gaps import analyse_gaps
from mcda.loading import parse_problem
from mcda.models import WeightSet
from mcda.ranking import METHODS, RankingSettings, rank_alternatives
from mcda.sensitivity.acceptability import analyse_rank_acceptability
from mcda.sensitivity.clouds import DataUncertainty, WeightCloud
from mcda.sensitivity.sweeps import analyse_weight_sensitivity

CRITERIA = (FIXTURES / "small_criteria.yaml").read_text()
PRICES = {"A": 250.0, "B": 200.0, "C": 300.0, "D": None}  # D's price missing: an interval
OTHERS = {"A": (16, 12), "B": (16, 8), "C": (32, 16), "D": (32, 8)}


def _problem(exponent: int):
    """The small problem with every price multiplied by 2**exponent (exactly)."""
    rows = ["id,name,name_en,price,quality,speed"]
    for alt, price in PRICES.items():
        shown = "" if price is None else repr(math.ldexp(price, exponent))
        rows.append(f"{alt},{alt},{alt},{shown},{OTHERS[alt][0]},{OTHERS[alt][1]}")
    return parse_problem(CRITERIA, "\n".join(rows) + "\n")


@pytest.mark.parametrize("exponent", [1015, -1000], ids=["1e308", "1e-300"])
def test_sweeps_and_stability_intervals_do_not_overflow(exponent: int) -> None:
    plain, extreme = _problem(0), _problem(exponent)
    weights = WeightSet.equal(plain.criterion_ids)
    for method in ("topsis", "wsm", "vikor", "edas"):
        settings = RankingSettings(method=method)
        expected = analyse_weight_sensitivity(plain, weights, settings)
        found = analyse_weight_sensitivity(extreme, weights, settings)
        assert [i.model_dump() for i in found.intervals] == [i.model_dump() for i in expected.intervals], method
        assert [s.scores for s in found.sweeps] == [s.scores for s in expected.sweeps], method


@pytest.mark.parametrize("exponent", [1015, -1000], ids=["1e308", "1e-300"])
def test_acceptability_does_not_overflow(exponent: int) -> None:
    plain, extreme = _problem(0), _problem(exponent)
    cloud = WeightCloud.uniform(plain.criterion_ids)
    for policy in ("interval", "drop_alternatives"):  # sampled values, then fixed ones
        settings = RankingSettings(missing_policy=policy)
        expected = analyse_rank_acceptability(plain, cloud, samples=400, seed=3, settings=settings)
        found = analyse_rank_acceptability(extreme, cloud, samples=400, seed=3, settings=settings)
        assert len({row.index(max(row)) for row in expected.acceptability}) > 1  # not one fixed order
        assert found.acceptability == expected.acceptability, policy
        assert found.central_weights == expected.central_weights, policy
        assert found.confidence == expected.confidence, policy


@pytest.mark.parametrize("exponent", [1015, -1000], ids=["1e308", "1e-300"])
def test_rankings_and_gaps_do_not_overflow(exponent: int) -> None:
    plain, extreme = _problem(0), _problem(exponent)
    weights = WeightSet.equal(plain.criterion_ids)
    for method in METHODS:
        settings = RankingSettings(method=method)
        try:
            expected = rank_alternatives(plain, weights, settings)
        except Exception:  # a method that cannot rank the plain problem either
            continue
        found = rank_alternatives(extreme, weights, settings)
        assert [(e.id, e.score, e.rank_best, e.rank_worst) for e in found.entries] == [
            (e.id, e.score, e.rank_best, e.rank_worst) for e in expected.entries
        ], method
    expected_gaps = analyse_gaps(plain, weights, samples=200)
    found_gaps = analyse_gaps(extreme, weights, samples=200)
    assert [(g.rank_best, g.rank_worst, g.share) for g in found_gaps.gaps] == [
        (g.rank_best, g.rank_worst, g.share) for g in expected_gaps.gaps
    ]


def test_a_percent_spread_on_absurd_values_samples_as_at_an_ordinary_scale() -> None:
    """Before: |value| * percent overflowed before the division by 100 (RuntimeWarning, then 'undefined
    normalised values' naming nothing), even where the spread itself stays below 1.8e308."""
    plain, extreme = _problem(0), _problem(1015)  # C's price about 1.05e308
    cloud = WeightCloud.uniform(plain.criterion_ids)
    settings = RankingSettings(missing_policy="drop_alternatives")
    data = DataUncertainty(ranges=True, percent=50)
    expected = analyse_rank_acceptability(plain, cloud, samples=400, seed=3, settings=settings, data=data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow on the way
        found = analyse_rank_acceptability(extreme, cloud, samples=400, seed=3, settings=settings, data=data)
    assert found.acceptability == expected.acceptability


def test_a_spread_beyond_the_largest_number_is_named_by_criterion_and_position() -> None:
    extreme = _problem(1015)
    cloud = WeightCloud.uniform(extreme.criterion_ids)
    settings = RankingSettings(missing_policy="drop_alternatives")
    with pytest.raises(InputError) as caught:
        analyse_rank_acceptability(
            extreme, cloud, samples=50, seed=3, settings=settings, data=DataUncertainty(percent=100)
        )
    (issue,) = caught.value.issues  # only C's price: 1.05e308 * 2 > 1.8e308, A's and B's stay below
    assert issue.code == "data_range_unbounded"
    nb = issue.message("nb")
    assert nb.startswith("Pris for C er 1,05334 × 10³⁰⁸;") and "±100\xa0%" in nb and "1,8 × 10³⁰⁸" in nb
    assert issue.message("en").startswith("Price of C is 1.05334 × 10³⁰⁸;")
