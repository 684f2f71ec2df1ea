"""Absurdly large or small values (an upload with 1e308 or 1e-300 in a column) rank, sweep and
sample as the same values at an ordinary scale: every method is invariant to rescaling a
criterion, so multiplying a column by a power of two must not change any result."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from conftest import FIXTURES

from mcda.errors import InputError
from mcda.gaps import analyse_gaps
from mcda.loading import parse_problem
from mcda.methods import column_exponents, scale_columns, scaled_if_extreme
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


def test_column_exponents_bring_1e308_and_1e_308_to_an_ordinary_scale_exactly() -> None:
    """The one helper behind the kernels' rescaling (``scaled_if_extreme``) and the objective
    weights' (``scale_columns``): each criterion's largest magnitude lands in [0.5, 1), and
    multiplying back gives every value again to the last bit."""
    x = np.array(
        [
            [1.7e308, 1e-308, 0.0, 3.0, math.inf, math.nan],
            [-1e308, -2.2e-308, 0.0, 0.75, 1.0, 4.0],
            [5e307, 5e-324, 0.0, -1.0, 2.0, -8.0],
        ]
    )
    exponents = column_exponents(x)
    assert exponents.tolist() == [1024, -1022, 0, 2, 0, 4]  # zero and infinite columns stay; NaN passed over
    scaled = np.ldexp(x, -exponents)
    largest = np.nanmax(np.abs(scaled[:, [0, 1, 3, 5]]), axis=0)
    assert np.all((largest >= 0.5) & (largest < 1.0)), largest
    assert np.all(np.isfinite(scaled[:, :4]))
    np.testing.assert_array_equal(np.ldexp(scaled, exponents), x)  # exact, NaN where NaN was
    # a stack of samples and the bounds the values can reach count too
    stack = np.stack([x[:, :2], x[:, :2] / 4])
    assert column_exponents(stack, high=np.array([[1e-300, 4e-308]])).tolist() == [1024, -1021]
    # the kernels rescale only beyond 2**±64; both paths use the same exponents
    kernel_scaled, _, kernel_exponents = scaled_if_extreme(x[:, :2], {})
    assert kernel_exponents is not None and kernel_exponents.tolist() == exponents[:2].tolist()
    np.testing.assert_array_equal(kernel_scaled, scale_columns(x[:, :2], {})[0])
    assert scaled_if_extreme(x[:, 3:4], {})[2] is None


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
