"""Robustness engine: sweeps and reversal points, stability intervals, rank acceptability
(SMAA-2), weight clouds, data uncertainty and method robustness."""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS

from mcda import sensitivity as se
from mcda.errors import InputError
from mcda.loading import load_problem
from mcda.missing import apply_missing_policy
from mcda.models import Alternative, Cell, Criterion, DecisionProblem, WeightSet
from mcda.ranking import RankingSettings, compute_scores, rank_alternatives, rank_scores

ROOT = Path(__file__).resolve().parent.parent
NORMALIZATIONS = {
    "vector": pn.vector_normalization,
    "minmax": pn.minmax_normalization,
    "max": pn.max_normalization,
    "sum": pn.sum_normalization,
}
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make_problem(matrix, types, low=None, high=None) -> DecisionProblem:
    x = np.asarray(matrix, dtype=float)
    m, n = x.shape
    crits = tuple(
        Criterion(id=f"c{j}", name=f"c{j}", direction="benefit" if types[j] == 1 else "cost") for j in range(n)
    )
    alts = tuple(Alternative(id=f"a{i}", name=f"a{i}") for i in range(m))
    cells = {
        f"a{i}": {
            f"c{j}": Cell(
                value=float(x[i, j]),
                low=None if low is None or low[i][j] is None else float(low[i][j]),
                high=None if high is None or high[i][j] is None else float(high[i][j]),
            )
            for j in range(n)
        }
        for i in range(m)
    }
    return DecisionProblem(criteria=crits, alternatives=alts, cells=cells)


def weight_set(values, name="w") -> WeightSet:
    return WeightSet.from_raw({f"c{j}": float(v) for j, v in enumerate(values)}, name=name)


def entries_order(scores: np.ndarray, direction: str = "higher_is_better") -> list[int]:
    """The documented tie rule: rank_scores' competition ranks, ties in input order."""
    ranks = rank_scores(scores, direction)
    return sorted(range(len(scores)), key=lambda i: (ranks[i], i))


def loop_counts(matrix, types, weights, normalization) -> np.ndarray:
    """Reference: pymcdm's TOPSIS sample by sample."""
    m = matrix.shape[0]
    topsis = TOPSIS(normalization_function=NORMALIZATIONS[normalization])
    counts = np.zeros((m, m), dtype=np.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for w in weights:
            scores = topsis(matrix, w, types)
            scores = np.where(np.isnan(scores), 0.5, scores)  # D+ + D- = 0 -> neutral
            for position, i in enumerate(entries_order(scores)):
                counts[i, position] += 1
    return counts


# --- hand-checked sweeps (WSM, max normalisation keeps these columns: each has max 1) ------------

# scores along the sweep of c0 from base (0.5, 0.5): s(t) = t x + (1 - t) y
#   a0: 0.2 + 0.8 t   a1: 1 - 0.5 t   a2: 0.4   a3: 0.6 - 0.5 t   a4: 0.05 + 0.45 t
FIVE = [[1.0, 0.2], [0.5, 1.0], [0.4, 0.4], [0.1, 0.6], [0.5, 0.05]]
FIVE_REVERSALS = [  # (t, ahead before, ahead after, position)
    (Fraction(1, 4), "a2", "a0", 3),
    (Fraction(4, 13), "a3", "a0", 2),
    (Fraction(2, 5), "a3", "a2", 3),
    (Fraction(11, 19), "a3", "a4", 4),
    (Fraction(8, 13), "a1", "a0", 1),
    (Fraction(7, 9), "a2", "a4", 3),
]


def test_wsm_two_alternatives_cross_where_solved_by_hand():
    # a0: 0.2 + 0.8 t, a1: 1 - 0.5 t -> equal at t = 8/13; a1 leads below it
    problem = make_problem([[1.0, 0.2], [0.5, 1.0]], [1, 1])
    sweep = se.sweep_weight(
        problem,
        weight_set([0.5, 0.5]),
        "c0",
        settings=RankingSettings(method="wsm", normalization="max"),
    )
    assert len(sweep.reversals) == 1
    assert (sweep.method, sweep.normalization, sweep.score_direction) == (
        "wsm",
        "max",
        "higher_is_better",
    )
    rev = sweep.reversals[0]
    assert rev.weight == pytest.approx(8 / 13, abs=1e-12)
    assert (rev.ahead_before, rev.ahead_after, rev.position, rev.top_changes) == (
        "a1",
        "a0",
        1,
        True,
    )
    assert rev.weights == pytest.approx({"c0": 8 / 13, "c1": 5 / 13})
    assert rev.score == pytest.approx(0.2 + 0.8 * 8 / 13)
    # the same reversal seen from the other criterion: w1 = 5/13
    other = se.sweep_weight(
        problem,
        weight_set([0.5, 0.5]),
        "c1",
        settings=RankingSettings(method="wsm", normalization="max"),
    )
    assert [r.weight for r in other.reversals] == pytest.approx([5 / 13])
    interval = se.stability_interval(other)
    assert interval.ranking == pytest.approx((5 / 13, 1.0))


def test_wsm_five_alternatives_reversals_positions_and_intervals():
    problem = make_problem(FIVE, [1, 1])
    result = se.analyse_weight_sensitivity(
        problem,
        weight_set([0.5, 0.5]),
        settings=RankingSettings(method="wsm", normalization="max"),
    )
    sweep = result.sweep("c0")
    got = [(r.weight, r.ahead_before, r.ahead_after, r.position) for r in sweep.reversals]
    assert len(got) == len(FIVE_REVERSALS)
    for (t, before, after, pos), (t_exp, b_exp, a_exp, p_exp) in zip(got, FIVE_REVERSALS, strict=True):
        assert t == pytest.approx(float(t_exp), abs=1e-12)
        assert (before, after, pos) == (b_exp, a_exp, p_exp)
    assert [r.top_changes for r in sweep.reversals] == [p == 1 for *_, p in FIVE_REVERSALS]
    interval = result.interval("c0")
    assert interval.current_weight == 0.5
    assert interval.ranking == pytest.approx((2 / 5, 11 / 19))
    assert interval.top_three == pytest.approx((2 / 5, 8 / 13))
    assert interval.top_one == pytest.approx((0.0, 8 / 13))
    # the score lines are the hand-written ones
    t = np.array(sweep.grid)
    assert np.allclose(sweep.scores["a0"], 0.2 + 0.8 * t)
    assert np.allclose(sweep.scores["a2"], 0.4)


def brute_force_reversals(scorer, base, k, points=400_001):
    t = np.linspace(0.0, 1.0, points)
    keys = scorer.keys(se.swept_weights(base, k, t))
    found = []
    m = keys.shape[1]
    for a in range(m):
        for b in range(a + 1, m):
            d = keys[:, a] - keys[:, b]
            sign = np.where(np.abs(d) > 1e-9, np.sign(d), 0.0)
            nz = np.flatnonzero(sign)
            for f in np.flatnonzero(sign[nz[:-1]] != sign[nz[1:]]):
                found.append((t[nz[f]], t[nz[f + 1]], a, b))
    return sorted(found)


@pytest.mark.parametrize("normalization", ["vector", "minmax", "max", "sum"])
def test_topsis_reversals_match_a_brute_force_fine_grid(normalization):
    rng = np.random.default_rng(11)
    matrix = rng.uniform(1, 10, size=(6, 3))
    types = np.array([1, -1, 1])
    base = np.array([0.5, 0.3, 0.2])
    scorer = se.Scorer(matrix, types, "topsis", normalization)
    for k in range(3):
        exact = se.find_reversals(scorer, base, k)
        brute = brute_force_reversals(scorer, base, k)
        assert len(exact) == len(brute)
        for (t, before, after), (lo, hi, a, b) in zip(exact, sorted(brute), strict=True):
            assert lo <= t <= hi and {before, after} == {a, b}
            keys = scorer.keys(se.swept_weights(base, k, t))[0]
            assert abs(keys[before] - keys[after]) < 1e-10


def test_topsis_sweep_on_the_shipped_problem_has_exact_crossings():
    problem = load_problem(ROOT / "criteria/positions.yaml", ROOT / "data/positions.csv")
    weights = WeightSet.equal(problem.criterion_ids)
    result = se.analyse_weight_sensitivity(
        problem, weights, settings=RankingSettings(missing_policy="worst"), points=51
    )
    assert [s.criterion for s in result.sweeps] == list(problem.criterion_ids)
    for sweep in result.sweeps:
        for rev in sweep.reversals[::4]:
            ranking = rank_alternatives(
                problem, WeightSet.from_raw(rev.weights), settings=RankingSettings(missing_policy="worst")
            )
            scores = ranking.score_of()
            assert scores[rev.ahead_before] == pytest.approx(scores[rev.ahead_after], abs=1e-9)


# --- stability intervals ------------------------------------------------------------------------

problems = st.integers(2, 6).flatmap(
    lambda m: st.integers(2, 4).flatmap(
        lambda n: st.tuples(
            st.lists(
                st.lists(st.floats(0.5, 20, allow_nan=False), min_size=n, max_size=n),
                min_size=m,
                max_size=m,
            ),
            st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n),
            st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n),
        )
    )
)


@FAST
@given(problems, st.sampled_from(["topsis", "wsm"]))
def test_stability_intervals_contain_the_current_weights(data, method):
    matrix, types, raw = data
    problem = make_problem(matrix, types)
    weights = weight_set(raw)
    result = se.analyse_weight_sensitivity(problem, weights, settings=RankingSettings(method=method), points=21)
    current = rank_alternatives(problem, weights, settings=RankingSettings(method=method))
    for interval in result.intervals:
        t0 = interval.current_weight
        assert t0 == pytest.approx(weights.weights[interval.criterion])
        for low, high in (interval.ranking, interval.top_three, interval.top_one):
            assert 0.0 <= low <= t0 <= high <= 1.0
        # nested: the full ranking is the most demanding
        assert interval.top_one[0] <= interval.top_three[0] <= interval.ranking[0]
        assert interval.ranking[1] <= interval.top_three[1] <= interval.top_one[1]
        # inside the interval (away from its ends) the ranking is the current one
        low, high = interval.ranking
        if high - low > 1e-6 and min(np.diff(sorted(current.score_of().values()))) > 1e-6:
            k = problem.criterion_ids.index(interval.criterion)
            base = weights.vector(problem.criterion_ids)
            for t in (low + (t0 - low) / 2, t0 + (high - t0) / 2):
                w = se.swept_weights(base, k, t)[0]
                moved = rank_alternatives(
                    problem,
                    WeightSet.from_raw(dict(zip(problem.criterion_ids, w, strict=True))),
                    settings=RankingSettings(method=method),
                )
                assert [e.id for e in moved.entries] == [e.id for e in current.entries]


def test_sweep_rescales_the_other_weights_in_proportion():
    base = np.array([0.5, 0.3, 0.2])
    w = se.swept_weights(base, 0, np.array([0.0, 0.5, 1.0]))
    assert np.allclose(w, [[0, 0.6, 0.4], [0.5, 0.3, 0.2], [1, 0, 0]])
    # all the weight on the swept criterion: the others share the rest equally
    assert np.allclose(se.swept_weights(np.array([1.0, 0, 0]), 0, 0.4), [[0.4, 0.3, 0.3]])


# --- rank acceptability -------------------------------------------------------------------------

acceptability_cases = st.integers(2, 7).flatmap(
    lambda m: st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(
                st.lists(
                    st.one_of(st.integers(1, 5).map(float), st.floats(0.1, 100)),
                    min_size=n,
                    max_size=n,
                ),
                min_size=m,
                max_size=m,
            ),
            st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n),
            st.sampled_from(sorted(NORMALIZATIONS)),
            st.integers(0, 2**32 - 1),
            st.booleans(),
        )
    )
)


@FAST
@given(acceptability_cases)
def test_rank_acceptability_equals_a_loop_over_pymcdm_topsis(case):
    matrix, types, normalization, seed, zero_some = case
    x, t = np.array(matrix), np.array(types)
    weights = se.WeightCloud.uniform([f"c{j}" for j in range(x.shape[1])]).draw(60, seed)
    if zero_some and x.shape[1] > 1:  # weights of 0 on some criteria (a preset may have them)
        weights[::2, 0] = 0.0
    expected = loop_counts(x, t, weights, normalization)
    got = se.rank_acceptability(x, t, weights, normalization=normalization, chunk=7)
    assert np.array_equal(got, expected / len(weights))
    assert np.allclose(got.sum(axis=0), 1.0) and np.allclose(got.sum(axis=1), 1.0)


def test_ties_take_positions_in_input_order():
    # a0 and a2 are identical; a1 is best on c0 only
    x = np.array([[1.0, 2.0], [3.0, 1.0], [1.0, 2.0]])
    acc = se.rank_acceptability(x, np.array([1, 1]), np.array([[1.0, 0.0], [0.0, 1.0]]))
    # c0 only: a1 first, a0/a2 tie -> a0 then a2; c1 only: a0/a2 tie first -> a0, a2, a1
    assert np.array_equal(acc * 2, [[1, 1, 0], [1, 0, 1], [0, 1, 1]])


def test_rank_acceptability_other_methods_follow_compute_scores():
    rng = np.random.default_rng(5)
    x = rng.uniform(1, 10, (5, 3))
    t = np.array([1, -1, 1])
    w = se.WeightCloud.uniform(["a", "b", "c"]).draw(25, 9)
    for method, norm in (("vikor", None), ("wsm", "minmax"), ("promethee2", None)):
        expected = np.zeros((5, 5))
        direction = "lower_is_better" if method == "vikor" else "higher_is_better"
        for row in w:
            scores = compute_scores(x, row, t, method, norm).scores
            for position, i in enumerate(entries_order(scores, direction)):
                expected[i, position] += 1
        got = se.rank_acceptability(x, t, w, method=method, normalization=norm)
        assert np.array_equal(got, expected / 25), method


def test_rank_acceptability_rejects_bad_weights():
    x = np.ones((3, 2)) + np.eye(3, 2)
    with pytest.raises(InputError):
        se.rank_acceptability(x, np.array([1, 1]), np.array([[0.5, -0.1]]))
    with pytest.raises(InputError):
        se.rank_acceptability(x, np.array([1, 1]), np.ones((4, 3)))


# --- SMAA-2 on problems ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> DecisionProblem:
    return load_problem(ROOT / "criteria/positions.yaml", ROOT / "data/positions.csv")


def test_smaa_is_reproducible_from_its_seed_and_records_it(shipped):
    cloud = se.WeightCloud.uniform(shipped.criterion_ids)
    a = se.analyse_rank_acceptability(
        shipped, cloud, samples=3000, seed=7, settings=RankingSettings(missing_policy="worst")
    )
    b = se.analyse_rank_acceptability(
        shipped, cloud, samples=3000, seed=7, settings=RankingSettings(missing_policy="worst")
    )
    c = se.analyse_rank_acceptability(
        shipped, cloud, samples=3000, seed=8, settings=RankingSettings(missing_policy="worst")
    )
    assert a == b and a.counts != c.counts
    assert (a.seed, a.samples, a.method, a.normalization, a.cloud.kind) == (
        7,
        3000,
        "topsis",
        "vector",
        "uniform",
    )
    assert a.missing_policy == "worst" and a.imputed_cells
    acc = a.matrix()
    assert np.allclose(acc.sum(axis=0), 1) and np.allclose(acc.sum(axis=1), 1)
    # no seed given: one is drawn and recorded, and it repeats the run
    d = se.analyse_rank_acceptability(shipped, cloud, samples=500, settings=RankingSettings(missing_policy="worst"))
    e = se.analyse_rank_acceptability(shipped, cloud, 500, d.seed, settings=RankingSettings(missing_policy="worst"))
    assert d.counts == e.counts
    assert se.AcceptabilityResult.model_validate_json(a.model_dump_json()) == a


def test_smaa_equals_rank_acceptability_on_the_drawn_weights(shipped):
    cloud = se.WeightCloud.uniform(shipped.criterion_ids)
    result = se.analyse_rank_acceptability(
        shipped, cloud, samples=2000, seed=3, settings=RankingSettings(missing_policy="worst")
    )
    used = rank_alternatives(
        shipped, WeightSet.equal(shipped.criterion_ids), settings=RankingSettings(missing_policy="worst")
    )
    assert used.imputed_cells == result.imputed_cells
    p = apply_missing_policy(shipped, "worst").problem
    w = cloud.draw(2000, 3)
    assert np.array_equal(result.matrix(), se.rank_acceptability(p.matrix, p.types, w))
    # central weights: mean of the samples where the alternative is first
    first = se.positions(se.Scorer(p.matrix, p.types).keys(w))[:, 0]
    for i, alt in enumerate(p.alternative_ids):
        if np.any(first == i):
            mean = w[first == i].mean(axis=0)
            assert list(result.central_weights[alt].values()) == pytest.approx(mean / mean.sum())
            assert result.confidence[alt] in (0.0, 1.0)
        else:
            assert result.central_weights[alt] is None and result.confidence[alt] is None


def test_samples_do_not_depend_on_chunking():
    ids = ["c0", "c1", "c2"]
    members = [weight_set(v, f"m{i}") for i, v in enumerate([[1, 2, 3], [3, 1, 1], [1, 1, 5]])]
    clouds = [
        se.WeightCloud.uniform(ids),
        se.WeightCloud.around(weight_set([1, 2, 3]), 20),
        se.WeightCloud.from_members(members, jitter_percent=10),
        se.WeightCloud.from_members(members, resample="group_mean"),
    ]
    for cloud in clouds:
        whole = cloud.draw(1000, 42)
        rng = np.random.default_rng(42)
        d = cloud.uniforms_per_sample
        parts = [cloud.transform(rng.random((k, d))) for k in (1, 333, 666)]
        assert np.array_equal(whole, np.concatenate(parts)), cloud.kind
        assert np.allclose(whole.sum(axis=1), 1) and np.all(whole >= 0)


def test_result_does_not_depend_on_chunk_size():
    rng = np.random.default_rng(0)
    x = rng.uniform(1, 5, (6, 3))
    w = se.WeightCloud.uniform(["a", "b", "c"]).draw(1000, 1)
    t = np.array([1, 1, -1])
    assert np.array_equal(se.rank_acceptability(x, t, w, chunk=64), se.rank_acceptability(x, t, w))


def test_around_cloud_stays_within_its_spread():
    base = weight_set([0.5, 0.3, 0.2, 0.0])
    w = se.WeightCloud.around(base, 20).draw(5000, 1)
    ratio = w[:, :3] / base.vector(["c0", "c1", "c2"])
    assert ratio.min() >= 0.8 / 1.2 - 1e-12 and ratio.max() <= 1.2 / 0.8 + 1e-12
    assert np.all(w[:, 3] == 0)  # a zero weight stays zero
    assert np.allclose(w.mean(axis=0), [0.5, 0.3, 0.2, 0], atol=0.01)


def test_uniform_cloud_is_flat_dirichlet():
    w = se.WeightCloud.uniform(["a", "b", "c"]).draw(40_000, 5)
    assert np.allclose(w.mean(axis=0), 1 / 3, atol=0.01)
    # Dirichlet(1,1,1): each weight is Beta(1, 2), P(w_j < 1/2) = 3/4
    assert np.allclose((w < 0.5).mean(axis=0), 0.75, atol=0.01)


def test_member_weights_cloud_central_weights_are_the_members():
    # each member's weights make a different alternative first
    problem = make_problem([[9, 1, 1], [1, 9, 1], [1, 1, 9], [4, 4, 4]], [1, 1, 1])
    members = [
        weight_set([0.8, 0.1, 0.1], "ada"),
        weight_set([0.1, 0.8, 0.1], "bo"),
        weight_set([0.1, 0.1, 0.8], "cy"),
    ]
    result = se.analyse_member_acceptability(problem, members, samples=3000, seed=1)
    assert result.cloud.kind == "members" and [m.name for m in result.cloud.members] == [
        "ada",
        "bo",
        "cy",
    ]
    first = result.first()
    assert sum(first.values()) == pytest.approx(1)
    assert first["a3"] == 0 and all(abs(first[a] - 1 / 3) < 0.04 for a in ("a0", "a1", "a2"))
    for alt, member in zip(("a0", "a1", "a2"), members, strict=True):
        assert result.central_weights[alt] == pytest.approx(member.weights)
        assert result.confidence[alt] == 1.0
    # bootstrap means of the three: every sample is in their convex hull, sums to 1
    mean_cloud = se.WeightCloud.from_members(members, resample="group_mean")
    w = mean_cloud.draw(500, 2)
    assert np.allclose(w.sum(axis=1), 1) and w.min() >= 0.1 - 1e-12
    with pytest.raises(InputError):
        se.WeightCloud.from_members([weight_set([1, 1])], criteria=["c0", "c1", "c2"])


def test_fixed_weights_give_the_deterministic_ranking(shipped):
    weights = WeightSet.equal(shipped.criterion_ids)
    ranking = rank_alternatives(shipped, weights, settings=RankingSettings(missing_policy="worst"))
    result = se.analyse_rank_acceptability(
        shipped, weights, samples=10, seed=0, settings=RankingSettings(missing_policy="worst")
    )
    order = [e.id for e in ranking.entries]
    acc = result.matrix()
    for i, alt in enumerate(result.alternatives):
        assert acc[i, order.index(alt)] == 1.0


# --- data uncertainty -----------------------------------------------------------------------------


def test_zero_width_ranges_give_the_deterministic_ranking():
    rng = np.random.default_rng(4)
    x = rng.uniform(1, 10, (6, 3))
    problem = make_problem(x, [1, -1, 1], low=x, high=x)
    weights = weight_set([0.2, 0.5, 0.3])
    ranking = rank_alternatives(problem, weights)
    result = se.analyse_rank_acceptability(problem, weights, samples=50, seed=1, data=se.DataUncertainty())
    order = [e.id for e in ranking.entries]
    assert all(result.acceptability[i][order.index(a)] == 1.0 for i, a in enumerate(result.alternatives))
    assert result.notes  # says the data were kept fixed
    # the batch (data-sampling) path agrees with the fixed-matrix path on identical copies
    w = se.WeightCloud.uniform(problem.criterion_ids).draw(200, 3)
    stack = np.broadcast_to(x, (200, *x.shape))
    for method, norms in (("topsis", NORMALIZATIONS), ("wsm", NORMALIZATIONS)):
        for norm in norms:
            fixed = se.positions(se.Scorer(x, problem.types, method, norm).keys(w))
            batch = se.positions(se.batch_keys(stack, problem.types, w, method, norm))
            assert np.array_equal(fixed, batch), (method, norm)


def test_value_ranges_are_sampled_uniformly_and_give_confidence_factors():
    # a1's value on c0 is uniform in [0, 2]; a0 has 1: each is first about half the time
    x = [[1.0, 1.0], [1.0, 1.0]]
    problem = make_problem(x, [1, 1], low=[[1, 1], [0, 1]], high=[[1, 1], [2, 1]])
    result = se.analyse_rank_acceptability(
        problem, weight_set([0.5, 0.5]), samples=20_000, seed=3, data=se.DataUncertainty()
    )
    assert result.first()["a1"] == pytest.approx(0.5, abs=0.02)
    assert result.confidence["a1"] == pytest.approx(0.5, abs=0.02)
    assert result.confidence_samples == 20_000 and result.data_uncertainty == se.DataUncertainty()
    again = se.analyse_rank_acceptability(
        problem, weight_set([0.5, 0.5]), samples=20_000, seed=3, data=se.DataUncertainty()
    )
    assert again == result


def test_percent_uncertainty_and_bounds():
    # a range only for a0/c0; +-10 % of |value| elsewhere (a negative value too)
    problem = make_problem(
        [[10.0, -4.0], [5.0, 2.0]],
        [1, 1],
        low=[[8, None], [None, None]],
        high=[[10, None], [None, None]],
    )
    low, high = se.DataUncertainty(percent=10).bounds(problem)
    assert np.allclose(low, [[8, -4.4], [4.5, 1.8]]) and np.allclose(high, [[10, -3.6], [5.5, 2.2]])
    low, high = se.DataUncertainty(ranges=False, percent=10).bounds(problem)
    assert np.allclose(low, [[9, -4.4], [4.5, 1.8]]) and np.allclose(high, [[11, -3.6], [5.5, 2.2]])
    low, high = se.DataUncertainty().bounds(problem)  # ranges only: the rest stays fixed
    assert np.allclose(low, [[8, -4], [5, 2]]) and np.allclose(high, [[10, -4], [5, 2]])
    sampler = se.ValueSampler(low, high)
    assert sampler.uniforms_per_sample == 1
    draws = sampler.transform(np.random.default_rng(0).random((1000, 1)))
    assert np.all((draws >= low) & (draws <= high)) and np.all(draws[:, 1:, :] == [[5, 2]])


# --- method robustness ----------------------------------------------------------------------------


def test_every_method_and_normalisation_or_the_reason_it_could_not_rank():
    problem = make_problem([[0.0, 3, 2], [2, 1, 5], [4, 2, 1], [3, 3, 3]], [1, -1, 1])
    weights = weight_set([0.5, 0.3, 0.2])
    report = se.compare_methods(problem, weights)
    labels = set(report.rankings) | set(report.skipped)
    assert labels == {se.variant_label(m, n) for m, n in se.method_variants()}
    assert "sum normalisation needs every value > 0" in report.skipped["topsis/sum"]
    assert report.rankings["topsis/vector"] == rank_alternatives(problem, weights)
    assert set(report.comparison.labels) == set(report.rankings)
    assert report.comparison.matrices["spearman"][0][0] == pytest.approx(1.0)
    assert report.all_tied() == [label for label, r in report.rankings.items() if all(e.rank == 1 for e in r.entries)]
    best, worst = report.rank_spread()["a1"]
    assert 1 <= best <= worst <= 4
    with pytest.raises(InputError):  # weights that do not fit stop everything, once
        se.compare_methods(problem, weight_set([0.5, 0.5]))


def test_progress_is_reported_up_to_one(shipped):
    seen: list[float] = []
    se.analyse_rank_acceptability(
        shipped,
        WeightSet.equal(shipped.criterion_ids),
        samples=2000,
        seed=1,
        settings=RankingSettings(missing_policy="worst"),
        data=se.DataUncertainty(percent=5),
        confidence_samples=500,
        progress=seen.append,
    )
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    sweeps: list[float] = []
    se.analyse_weight_sensitivity(
        shipped,
        WeightSet.equal(shipped.criterion_ids),
        settings=RankingSettings(missing_policy="worst"),
        points=11,
        progress=sweeps.append,
    )
    assert sweeps[-1] == 1.0 and len(sweeps) == len(shipped.criterion_ids)


def test_dropped_criteria_restrict_the_cloud(shipped):
    result = se.analyse_rank_acceptability(
        shipped,
        se.WeightCloud.around(WeightSet.equal(shipped.criterion_ids), 10),
        samples=200,
        seed=1,
        settings=RankingSettings(missing_policy="drop_criteria"),
    )
    assert result.excluded_criteria and set(result.criteria).isdisjoint(result.excluded_criteria)
    assert result.cloud.criteria == result.criteria
    assert sum(result.cloud.base.weights.values()) == pytest.approx(1)


def test_a_cloud_listing_the_criteria_in_another_order_is_put_in_the_problem_order():
    problem = make_problem([[1, 5, 3], [4, 2, 2], [3, 3, 1]], [1, 1, -1])
    weights = weight_set([0.2, 0.5, 0.3])
    in_order = se.WeightCloud.around(weights, 30)
    shuffled = se.WeightCloud.around(weights, 30, criteria=["c2", "c0", "c1"])
    a = se.analyse_rank_acceptability(problem, in_order, samples=500, seed=2)
    b = se.analyse_rank_acceptability(problem, shuffled, samples=500, seed=2)
    assert a == b
    with pytest.raises(InputError):
        se.analyse_rank_acceptability(problem, se.WeightCloud.uniform(["c0", "c1"]), samples=5)
