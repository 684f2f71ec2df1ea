"""Possible ranks (each position's best and worst rank over the value intervals) from the
vectorised kernels equal those of one pymcdm call per extreme configuration, for every
method and normalisation, on random problems with intervals (hypothesis), and a
configuration that cannot be ranked gives the same message as before."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda.errors import InputError
from mcda.missing import apply_missing_policy
from mcda.models import Alternative, Cell, Criterion, DecisionProblem, LocalizedText, WeightSet
from mcda.ranking import (
    METHODS,
    RankingSettings,
    compute_scores,
    possible_ranks,
    possible_ranks_one_by_one,
    rank_alternatives,
    rank_scores,
)

VARIANTS = [(key, norm) for key, spec in METHODS.items() for norm in (spec.normalizations or (None,))]
PROMETHEE_FUNCTIONS = [
    {"preference_function": "vshape", "p": [2.0] * 4},
    {"preference_function": "level", "p": [2.0] * 4, "q": [0.5] * 4},
]


def _problem(values: np.ndarray, low: np.ndarray, high: np.ndarray, types: np.ndarray) -> DecisionProblem:
    m, n = values.shape
    criteria = tuple(
        Criterion(
            id=f"c{j}", name=LocalizedText(en=f"c{j}", nb=f"c{j}"), direction="benefit" if types[j] == 1 else "cost"
        )
        for j in range(n)
    )
    alternatives = tuple(Alternative(id=f"a{i}", name=LocalizedText(en=f"a{i}", nb=f"a{i}")) for i in range(m))
    cells = {
        f"a{i}": {
            f"c{j}": Cell(
                value=float(values[i, j]),
                low=float(low[i, j]) if low[i, j] < values[i, j] else None,
                high=float(high[i, j]) if high[i, j] > values[i, j] else None,
            )
            for j in range(n)
        }
        for i in range(m)
    }
    return DecisionProblem(criteria=criteria, alternatives=alternatives, cells=cells)


@st.composite
def problems_with_intervals(draw: st.DrawFn) -> tuple[DecisionProblem, np.ndarray, int]:
    """3-7 alternatives, 2-4 criteria (one of each direction), values on a coarse grid (ties
    happen), a third of the cells with a range around the value; weights > 0 summing to 1."""
    m = draw(st.integers(3, 7))
    n = draw(st.integers(2, 4))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 9, (m, n)).astype(float)
    values[:, 0] = np.round(rng.uniform(1.0, 50.0, m), 1)
    ranged = rng.random((m, n)) < 0.35
    ranged[rng.integers(m), rng.integers(n)] = True
    low = np.where(ranged, values - rng.integers(0, 3, (m, n)) * 0.25, values)
    high = np.where(ranged, values + rng.integers(1, 4, (m, n)) * 0.5, values)
    types = np.where(rng.random(n) < 0.5, -1, 1)
    types[0], types[-1] = 1, -1
    weights = rng.dirichlet(np.ones(n))
    return _problem(values, low, high, types), weights, seed


def _point_ranks(problem: DecisionProblem, weights: np.ndarray, method: str, norm: str | None, params) -> np.ndarray:
    out = compute_scores(problem.matrix, weights, problem.types, method, norm, params)
    return rank_scores(out.scores, METHODS[method].score_direction)


@pytest.mark.parametrize(("method", "norm"), VARIANTS)
@settings(max_examples=40, deadline=None)
@given(case=problems_with_intervals())
def test_batch_equals_one_configuration_at_a_time(method: str, norm: str | None, case) -> None:
    problem, weights, _ = case
    params = dict(METHODS[method].default_parameters)
    point = _point_ranks(problem, weights, method, norm, params)
    with mock.patch("mcda.ranking.possible_ranks_one_by_one", side_effect=AssertionError("not the batch path")):
        best, worst = possible_ranks(problem, weights, method, norm, params, point)
    ref_best, ref_worst = possible_ranks_one_by_one(problem, weights, method, norm, params, point)
    np.testing.assert_array_equal(best, ref_best)
    np.testing.assert_array_equal(worst, ref_worst)
    assert np.all(best <= point) and np.all(point <= worst)


@pytest.mark.parametrize("params", PROMETHEE_FUNCTIONS)
@settings(max_examples=30, deadline=None)
@given(case=problems_with_intervals())
def test_promethee_thresholds_are_scaled_with_the_values(params, case) -> None:
    """p and q are in the criteria's units: the batch scales them as compute_scores does."""
    problem, weights, _ = case
    n = len(problem.criterion_ids)
    chosen = {k: (v[:n] if isinstance(v, list) else v) for k, v in params.items()}
    point = _point_ranks(problem, weights, "promethee2", None, chosen)
    fast = possible_ranks(problem, weights, "promethee2", None, chosen, point)
    slow = possible_ranks_one_by_one(problem, weights, "promethee2", None, chosen, point)
    np.testing.assert_array_equal(fast, slow)


def test_large_values_are_ranked_as_compute_scores_ranks_them() -> None:
    """Values near 1e200 overflow squares unless scaled; both paths scale each column."""
    values = np.array([[3.0e200, 2.0], [2.0e200, 1.0], [1.0e200, 3.0]])
    low, high = values.copy(), values.copy()
    low[1, 0], high[1, 0] = 0.5e200, 4.0e200
    problem = _problem(values, low, high, np.array([1, -1]))
    weights = np.array([0.7, 0.3])
    for method in METHODS:
        params = dict(METHODS[method].default_parameters)
        norm = "max" if method == "wpm" else None
        point = _point_ranks(problem, weights, method, norm, params)
        fast = possible_ranks(problem, weights, method, norm, params, point)
        slow = possible_ranks_one_by_one(problem, weights, method, norm, params, point)
        np.testing.assert_array_equal(fast, slow, err_msg=method)


def test_a_configuration_that_cannot_be_ranked_is_refused_as_before() -> None:
    """Sum normalisation needs values > 0: an interval reaching 0 fails in the configuration
    that uses its low end, with the message of the one-by-one path."""
    values = np.array([[2.0, 3.0], [1.0, 2.0], [3.0, 1.0]])
    low, high = values.copy(), values.copy()
    low[1, 0] = 0.0
    problem = _problem(values, low, high, np.array([1, -1]))
    weights = np.array([0.5, 0.5])
    point = _point_ranks(problem, weights, "wsm", "sum", {})
    with pytest.raises(InputError) as fast:
        possible_ranks(problem, weights, "wsm", "sum", {}, point)
    with pytest.raises(InputError) as slow:
        possible_ranks_one_by_one(problem, weights, "wsm", "sum", {}, point)
    assert fast.value.issues == slow.value.issues
    assert "sum" in fast.value.issues[0].details["reason"]


@pytest.mark.parametrize("method", list(METHODS))
def test_shipped_problem_possible_ranks_for_every_method(shipped_problem, method: str) -> None:
    chosen = RankingSettings(method=method, normalization="max" if method == "wpm" else None)
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids), chosen)
    used = apply_missing_policy(shipped_problem, chosen.missing_policy).problem
    ids = used.alternative_ids
    _, norm, params = chosen.resolved()
    ref_best, ref_worst = possible_ranks_one_by_one(
        used, ranking.weights.vector(used.criterion_ids), method, norm, params, ranking.ranks_in(ids)
    )
    by_id = {e.id: (e.rank_best, e.rank_worst) for e in ranking.entries}
    assert [by_id[a] for a in ids] == list(zip(ref_best.tolist(), ref_worst.tolist(), strict=True))
    assert any(best != worst for best, worst in by_id.values())
