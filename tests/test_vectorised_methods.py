"""Every method of the registry, vectorised over samples, agrees with the single ranking.

For random weights and random problems (with tied alternatives, tied values and constant
criteria) the vectorised scores equal :func:`mcda.ranking.compute_scores` within 1e-12
(relative to the largest score) and the ranks are identical, on a fixed matrix (Scorer) and
on a stack of matrices sampled per weight vector (batch_keys)."""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from mcda import sensitivity as se
from mcda.errors import InputError
from mcda.kernels import _usual_flows
from mcda.ranking import METHODS, compute_scores, rank_scores

VARIANTS = [(key, norm) for key, spec in METHODS.items() for norm in (spec.normalizations or (None,))]
PROMETHEE_FUNCTIONS = [
    {"preference_function": "usual"},
    {"preference_function": "ushape", "q": [0.5] * 5},
    {"preference_function": "vshape", "p": [2.0] * 5},
    {"preference_function": "level", "p": [2.0] * 5, "q": [0.5] * 5},
    {"preference_function": "vshape_2", "p": [3.0] * 5, "q": [0.5] * 5},
]
RTOL = 1e-12


def random_problem(rng: np.random.Generator, m: int = 7, n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Integer-ish values (tied values in a column), two identical alternatives, a constant criterion."""
    x = rng.integers(1, 6, (m, n)).astype(float)
    x[:, 1] = rng.uniform(0.5, 20.0, m)  # one continuous criterion
    x[3] = x[1]  # two alternatives with the same values: tied in every method
    x[:, rng.integers(n)] = 4.0  # a criterion that separates nothing
    types = np.where(rng.random(n) < 0.4, -1, 1)
    types[0], types[2] = 1, -1  # at least one of each
    return x, types


def random_weights(rng: np.random.Generator, samples: int, n: int) -> np.ndarray:
    w = rng.dirichlet(np.ones(n), samples)
    w[: samples // 4, rng.integers(n)] = 0.0  # some weights exactly 0
    w[samples // 4 : samples // 2] *= 3.0  # weights that do not sum to 1 (not rescaled, as pymcdm)
    return w


def reference(x: np.ndarray, w: np.ndarray, types: np.ndarray, method: str, norm, params=None) -> np.ndarray:
    return np.array([compute_scores(x, row, types, method, norm, params).scores for row in w])


def assert_same(got: np.ndarray, expected: np.ndarray, direction: str, label) -> None:
    scale = np.maximum(1e-300, np.abs(expected).max(axis=1, keepdims=True))
    assert np.all(np.abs(got - expected) <= RTOL * scale), (label, np.abs(got - expected).max())
    for g, e in zip(got, expected, strict=True):
        assert np.array_equal(rank_scores(g, direction), rank_scores(e, direction)), label


@pytest.mark.parametrize(("method", "norm"), VARIANTS)
def test_fixed_matrix_scores_and_ranks_equal_the_single_ranking(method: str, norm: str | None) -> None:
    rng = np.random.default_rng(zlib.crc32(f"{method}/{norm}".encode()))
    direction = METHODS[method].score_direction
    for trial in range(6):
        x, types = random_problem(rng)
        w = random_weights(rng, 40, x.shape[1])
        scorer = se.Scorer(x, types, method, norm)
        assert_same(scorer.scores(w), reference(x, w, types, method, norm), direction, (method, norm, trial))
        # positions (acceptability's tie rule) follow the single ranking's entries
        keys = scorer.keys(w)
        for row, order in zip(reference(x, w, types, method, norm), se.positions(keys), strict=True):
            ranks = rank_scores(row, direction)
            assert list(order) == sorted(range(len(row)), key=lambda i: (ranks[i], i))


@pytest.mark.parametrize(("method", "norm"), VARIANTS)
def test_stacks_of_matrices_score_as_the_single_ranking(method: str, norm: str | None) -> None:
    rng = np.random.default_rng(zlib.crc32(f"{method}/{norm}/stack".encode()))
    direction = METHODS[method].score_direction
    sign = 1.0 if direction == "higher_is_better" else -1.0
    x, types = random_problem(rng)
    samples = 30
    stack = np.broadcast_to(x, (samples, *x.shape)).copy()
    stack[:, 0, 0] = rng.integers(1, 6, samples)  # sampled cells, some equal to other values
    stack[:, 4, 1] = rng.uniform(0.5, 20.0, samples)
    w = random_weights(rng, samples, x.shape[1])
    expected = np.array([compute_scores(s, row, types, method, norm).scores for s, row in zip(stack, w, strict=True)])
    assert_same(sign * se.batch_keys(stack, types, w, method, norm), expected, direction, (method, norm))
    # criteria prepared per sample (every one) or only those named as varying: the same scores
    every = np.ones(x.shape[1], dtype=bool)
    assert_same(sign * se.batch_keys(stack, types, w, method, norm, varying=every), expected, direction, method)
    named = np.isin(np.arange(x.shape[1]), [0, 1])
    assert_same(sign * se.batch_keys(stack, types, w, method, norm, varying=named), expected, direction, method)
    one = w[0]  # one weight vector for the whole stack (confidence factors)
    expected_one = np.array([compute_scores(s, one, types, method, norm).scores for s in stack])
    assert_same(sign * se.batch_keys(stack, types, one, method, norm), expected_one, direction, (method, norm))


@pytest.mark.parametrize(("method", "norm"), VARIANTS)
def test_sampled_cells_at_a_column_extreme_or_tied_score_as_the_single_ranking(method: str, norm: str | None) -> None:
    """The path that knows which cells vary (a column's aggregates from its fixed part and its
    varying cells): a varying cell below the fixed minimum, above the maximum, equal to either
    or to another value; a whole column varying with ties; varying cells that make a column
    constant."""
    rng = np.random.default_rng(zlib.crc32(f"{method}/{norm}/cells".encode()))
    direction = METHODS[method].score_direction
    sign = 1.0 if direction == "higher_is_better" else -1.0
    x, types = random_problem(rng)
    x[:, 3] = [2.0, 3.0, 5.0, 3.0, 2.0, 4.0, 1.0]
    samples = 48
    stack = np.broadcast_to(x, (samples, *x.shape)).copy()
    varying = np.zeros(x.shape, dtype=bool)
    fixed0 = np.delete(x[:, 0], 2)
    picks = [fixed0.min() / 2, fixed0.max() * 2, fixed0.min(), fixed0.max(), fixed0[0], 2.5]
    stack[:, 2, 0] = np.resize(picks, samples)  # benefit: one cell, new min or max, ties
    varying[2, 0] = True
    stack[:, :, 2] = rng.integers(1, 4, (samples, x.shape[0]))  # cost: the whole column, ties
    stack[:6, :, 2] = 2.0  # ... and constant in some samples
    varying[:, 2] = True
    stack[:, [0, 3, 6], 3] = rng.integers(1, 6, (samples, 3))  # three cells of a column
    stack[:6, [0, 3, 6], 3] = 3.0  # ... that make it constant (the others are 2..5: not all)
    stack[6:12, :, 3] = 3.0  # constant: every value of the column 3
    varying[:, 3] = True  # the whole column in those samples: marked as varying
    w = random_weights(rng, samples, x.shape[1])
    expected = np.array([compute_scores(s, row, types, method, norm).scores for s, row in zip(stack, w, strict=True)])
    got = sign * se.batch_keys(stack, types, w, method, norm, varying=varying)
    assert_same(got, expected, direction, (method, norm))
    for row, order in zip(expected, se.positions(sign * got), strict=True):
        ranks = rank_scores(row, direction)
        assert list(order) == sorted(range(len(row)), key=lambda i: (ranks[i], i))


@pytest.mark.parametrize("params", PROMETHEE_FUNCTIONS, ids=lambda p: p["preference_function"])
def test_promethee_preference_functions_are_vectorised_too(params: dict) -> None:
    rng = np.random.default_rng(11)
    x, types = random_problem(rng)
    w = random_weights(rng, 30, x.shape[1])
    expected = reference(x, w, types, "promethee2", None, params)
    assert_same(se.Scorer(x, types, "promethee2", None, params).scores(w), expected, "higher_is_better", params)
    stack = np.broadcast_to(x, (30, *x.shape)).copy()
    stack[:, 2, 3] = rng.integers(1, 6, 30)
    expected = np.array(
        [compute_scores(s, row, types, "promethee2", None, params).scores for s, row in zip(stack, w, strict=True)]
    )
    got = se.batch_keys(stack, types, w, "promethee2", None, params)
    assert_same(got, expected, "higher_is_better", params)


def pairwise_flows(col: np.ndarray) -> np.ndarray:
    """The 'usual' net flows by the definition, one pair at a time (independent of the kernel)."""
    s, m = col.shape
    out = np.zeros((s, m))
    for k in range(s):
        for a in range(m):
            worse = sum(1 for b in range(m) if col[k, a] > col[k, b])
            better = sum(1 for b in range(m) if col[k, a] < col[k, b])
            out[k, a] = (worse - better) / (m - 1)
    return out


def moving_of(col: np.ndarray) -> np.ndarray:
    return np.any(col != col[:1], axis=0)


def usual_flows(col: np.ndarray, moving: np.ndarray) -> np.ndarray:
    """The kernel's flows of (samples, m) values (it takes a criterion of a column stack, (m, samples))."""
    return _usual_flows(np.ascontiguousarray(col.T), moving).T


def test_usual_flows_count_strictly_worse_minus_strictly_better() -> None:
    col = np.array([[3.0, 1.0, 3.0, 2.0], [5.0, 5.0, 5.0, 5.0]])
    # 3 beats 1 and 2 (two worse, none better); 1 is beaten by three; 2 beats one, two beat it
    np.testing.assert_array_equal(usual_flows(col, moving_of(col)) * 3, [[2, -3, 2, -1], [0, 0, 0, 0]])


@pytest.mark.parametrize("moving_count", [0, 1, 3, 6, 11, 12])
def test_usual_flows_of_moving_alternatives_equal_the_pairwise_count(moving_count: int) -> None:
    """Ties among the moving values, with the fixed values (repeated ones too), a whole column moving."""
    rng = np.random.default_rng(8 + moving_count)
    col = np.broadcast_to(rng.integers(0, 5, 12).astype(float), (50, 12)).copy()
    moving = np.zeros(12, dtype=bool)
    moving[rng.choice(12, moving_count, replace=False)] = True
    col[:, moving] = rng.integers(0, 5, (50, moving_count))  # ties with the fixed values too
    np.testing.assert_array_equal(usual_flows(col, moving), pairwise_flows(col))


def test_usual_flows_when_a_moving_value_becomes_the_best_or_the_worst() -> None:
    base = np.array([2.0, 4.0, 4.0, 1.0, 3.0])
    col = np.broadcast_to(base, (4, 5)).copy()
    col[:, 2] = [9.0, -9.0, 4.0, 1.0]  # above all, below all, tied with a fixed 4, tied with the fixed minimum
    moving = np.array([False, False, True, False, False])
    flows = usual_flows(col, moving)
    np.testing.assert_array_equal(flows, pairwise_flows(col))
    assert flows[0, 2] == 1.0 and flows[1, 2] == -1.0


def test_usual_flows_of_moving_values_closer_than_float32_tells_apart() -> None:
    """The moving values are compared in float32 first: values one float64 step apart (equal
    in float32), exact ties, a moving value next to a fixed one, negative values: still the
    count by the definition."""
    rng = np.random.default_rng(12)
    col = np.broadcast_to(rng.uniform(-5.0, 5.0, 9), (40, 9)).copy()
    moving = np.zeros(9, dtype=bool)
    moving[:6] = True
    col[:, :6] = rng.uniform(-5.0, 5.0, (40, 6))
    col[:10, 1] = np.nextafter(col[:10, 0], np.inf)  # one float64 step apart
    col[10:20, 2] = col[10:20, 3]  # exactly tied
    col[20:30, 4] = np.nextafter(col[20:30, 7], -np.inf)  # just below a fixed value
    flows = usual_flows(col, moving)
    np.testing.assert_array_equal(flows, pairwise_flows(col))
    assert np.all(flows[:10, 1] - flows[:10, 0] == 2 / 8)  # 1 beats 0: one more win, one less loss


def test_usual_flows_beyond_the_small_integer_range() -> None:
    """With more than 127 alternatives the counts need more than int8: the same flows still."""
    rng = np.random.default_rng(5)
    col = np.broadcast_to(rng.integers(0, 3, 150).astype(float), (6, 150)).copy()
    moving = np.zeros(150, dtype=bool)
    moving[:40] = True
    col[:, moving] = rng.integers(0, 3, (6, 40))
    col[:, 0] = 99.0  # one alternative better than all: a flow of exactly 1 (149 comparisons)
    flows = usual_flows(col, moving)
    np.testing.assert_array_equal(flows, pairwise_flows(col))
    assert np.all(flows[:, 0] == 1.0)
    every = rng.integers(0, 3, (6, 150)).astype(float)
    np.testing.assert_array_equal(usual_flows(every, moving_of(every)), pairwise_flows(every))


def test_vikor_parameter_reaches_the_vectorised_scores() -> None:
    rng = np.random.default_rng(2)
    x, types = random_problem(rng)
    w = random_weights(rng, 20, x.shape[1])
    for v in (0.0, 0.3, 1.0):
        expected = reference(x, w, types, "vikor", None, {"v": v})
        assert_same(se.Scorer(x, types, "vikor", None, {"v": v}).scores(w), expected, "lower_is_better", v)
    with pytest.raises(InputError, match="VIKOR v"):
        se.Scorer(x, types, "vikor", None, {"v": 2.0})


def test_failures_are_the_errors_of_the_single_ranking() -> None:
    types = np.array([1, -1])
    w = np.array([[0.5, 0.5]])
    zero_cost = np.array([[1.0, 0.0], [2.0, 1.0], [3.0, 2.0]])  # a0 has 0 on the only cost criterion
    with pytest.raises(InputError) as single:
        compute_scores(zero_cost, w[0], types, "copras")
    with pytest.raises(InputError) as batch:
        se.Scorer(zero_cost, types, "copras").scores(w)
    assert batch.value.issues[0].details == single.value.issues[0].details
    # with no weight on the cost criterion COPRAS ranks on S+ alone, in both paths
    only_benefit = np.array([[1.0, 0.0]])
    expected = compute_scores(zero_cost, only_benefit[0], types, "copras").scores
    np.testing.assert_allclose(se.Scorer(zero_cost, types, "copras").scores(only_benefit)[0], expected, rtol=RTOL)
    for method, norm in (("topsis", "sum"), ("wpm", "sum"), ("wsm", "sum")):
        with pytest.raises(InputError, match="sum"):
            se.Scorer(zero_cost, types, method, norm)
        with pytest.raises(InputError, match="sum"):
            se.batch_keys(zero_cost[None], types, w, method, norm)
    with pytest.raises(InputError, match="max"):
        se.batch_keys(-zero_cost[None] - 1, types, w, "topsis", "max")
    # EDAS: every alternative at the average on the weighted criteria -> undefined, in both paths
    flat = np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
    with pytest.raises(InputError, match="undefined"):
        compute_scores(flat, np.array([1.0, 0.0]), types, "edas")
    with pytest.raises(InputError, match="undefined"):
        se.Scorer(flat, types, "edas").scores(np.array([[1.0, 0.0]]))


@pytest.mark.parametrize(("method", "norm"), [(k, n) for k, n in VARIANTS if n != "sum"])
def test_an_all_zero_criterion_is_scored_as_in_the_single_ranking(method: str, norm: str | None) -> None:
    rng = np.random.default_rng(zlib.crc32(f"{method}/{norm}/zero".encode()))
    x, types = random_problem(rng)
    x[:, 4] = 0.0
    w = random_weights(rng, 20, x.shape[1])
    direction = METHODS[method].score_direction
    sign = 1.0 if direction == "higher_is_better" else -1.0
    if method == "copras" and types[4] == -1:
        types[4] = 1  # COPRAS needs a positive S- on the cost side
    assert_same(se.Scorer(x, types, method, norm).scores(w), reference(x, w, types, method, norm), direction, method)
    stack = np.broadcast_to(x, (20, *x.shape)).copy()
    stack[:, 0, 0] = rng.integers(1, 6, 20)
    expected = np.array([compute_scores(s, row, types, method, norm).scores for s, row in zip(stack, w, strict=True)])
    every = np.ones(x.shape[1], dtype=bool)
    assert_same(sign * se.batch_keys(stack, types, w, method, norm, varying=every), expected, direction, method)


@pytest.mark.parametrize("norm", ["vector", "minmax", "max", "sum"])
def test_a_stack_with_undefined_normalised_values_is_refused(norm: str) -> None:
    """A sampled column whose normalised values are not finite (an infinite value, a sum that
    overflows) is refused with that reason, whether the stack is known to vary in one cell or
    compared sample by sample; a norm or a range that would overflow is rescaled first (powers
    of two) and gives finite values."""
    types = np.array([-1, 1])
    column = {
        "vector": [np.inf, 2.0, 3.0],
        "minmax": [-np.inf, 0.0, 1.0],
        "max": [1.0, 2.0, np.inf],
        "sum": [1e-310, 2.0, 3.0],  # a cost: 1 / x overflows
    }[norm]
    stack = np.broadcast_to(np.array([column, [1.0, 2.0, 3.0]]).T, (4, 3, 2)).copy()
    stack[:, 1, 0] += np.arange(4)  # one cell varies
    one_cell = np.zeros((3, 2), dtype=bool)
    one_cell[1, 0] = True
    w = np.full((4, 2), 0.5)
    method = "topsis" if norm == "vector" else "wsm"
    for varying in (one_cell, None):
        with pytest.raises(InputError, match="undefined normalised values"), np.errstate(all="ignore"):
            se.batch_keys(stack, types, w, method, norm, varying=varying)
    stack[:, :, 0] = [1e200, 2e200, 3e200]  # the squares would overflow: rescaled, finite
    stack[:, 1, 0] += np.arange(4) * 1e200
    with np.errstate(all="ignore"):
        assert np.all(np.isfinite(se.batch_keys(stack, types, w, "topsis", "vector", varying=one_cell)))
    stack[:, :, 0] = [np.ldexp(-1.0, 1023), 0.0, np.ldexp(1.0, 1023)]  # the range overflows unscaled
    ordinary = stack.copy()
    ordinary[:, :, 0] = np.ldexp(stack[:, :, 0], -1000)
    assert np.array_equal(
        se.batch_keys(stack, types, w, "wsm", "minmax", varying=one_cell),
        se.batch_keys(ordinary, types, w, "wsm", "minmax", varying=one_cell),
    )
