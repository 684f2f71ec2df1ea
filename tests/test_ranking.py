"""The ranking registry: agreement with pymcdm, invariances, ties, degenerate data."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pymcdm import methods as pm
from pymcdm import normalizations as pn

from mcda.errors import InputError
from mcda.models import Alternative, Cell, Criterion, DecisionProblem, WeightSet
from mcda.ranking import METHODS, RankingSettings, compute_scores, rank_alternatives, rank_scores


@st.composite
def problems(draw: st.DrawFn, min_m: int = 3, max_m: int = 9, max_n: int = 6) -> tuple:
    m = draw(st.integers(min_m, max_m))
    n = draw(st.integers(2, max_n))
    values = draw(
        st.lists(st.lists(st.floats(0.5, 100, allow_nan=False), min_size=n, max_size=n), min_size=m, max_size=m)
    )
    weights = np.array(draw(st.lists(st.floats(0.01, 1), min_size=n, max_size=n)))
    types = np.array(draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n)))
    return np.array(values), weights / weights.sum(), types


NORMS = {
    "vector": pn.vector_normalization,
    "minmax": pn.minmax_normalization,
    "max": pn.max_normalization,
    "sum": pn.sum_normalization,
}


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(list(NORMS)))
def test_topsis_equals_pymcdm_with_the_same_normalisation(case: tuple, norm: str) -> None:
    matrix, weights, types = case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = pm.TOPSIS(NORMS[norm])(matrix, weights, types)
    assume(np.all(np.isfinite(theirs)))
    np.testing.assert_allclose(compute_scores(matrix, weights, types, "topsis", norm).scores, theirs, atol=1e-12)


def _vikor_spreads_beyond_rounding(matrix: np.ndarray, weights: np.ndarray, types: np.ndarray) -> bool:
    """VIKOR's S and R (as pymcdm computes them) each spread by more than rounding: found by Hypothesis,
    R equal for every alternative in exact arithmetic but 1 ulp apart, where pymcdm's Q takes
    1 ulp / 1 ulp = 1 for that term and ours 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        *_, spread_s, spread_r, _q = pm.VIKOR()._method(matrix, weights, types)  # pymcdm's own S and R
    return bool(np.ptp(spread_s) > 1e-9 and np.ptp(spread_r) > 1e-9)


@settings(max_examples=40, deadline=None)
@given(problems())
def test_other_methods_equal_pymcdm_on_ordinary_data(case: tuple) -> None:
    matrix, weights, types = case
    assume(np.all(np.ptp(matrix, axis=0) > 1e-6))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = {
            "vikor": pm.VIKOR()(matrix, weights, types),
            "promethee2": pm.PROMETHEE_II("usual")(matrix, weights, types),
            "wsm": pm.WSM(pn.minmax_normalization)(matrix, weights, types),
            "wpm": pm.WPM(pn.sum_normalization)(matrix, weights, types),
            "edas": pm.EDAS()(matrix, weights, types),
            "mabac": pm.MABAC()(matrix, weights, types),
        }
    assume(all(np.all(np.isfinite(v)) for v in expected.values()))
    if not _vikor_spreads_beyond_rounding(matrix, weights, types):
        del expected["vikor"]  # S or R equal but for rounding: pymcdm divides the rounding error by itself
    for method, theirs in expected.items():
        np.testing.assert_allclose(
            compute_scores(matrix, weights, types, method).scores, theirs, atol=1e-9, err_msg=method
        )


@settings(max_examples=60, deadline=None)
@given(problems(), st.integers(0, 5), st.floats(0.001, 1000))
def test_topsis_vector_is_invariant_to_scaling_a_column(case: tuple, col: int, factor: float) -> None:
    matrix, weights, types = case
    col = col % matrix.shape[1]
    scaled = matrix.copy()
    scaled[:, col] *= factor
    a = compute_scores(matrix, weights, types, "topsis").scores
    b = compute_scores(scaled, weights, types, "topsis").scores
    np.testing.assert_allclose(a, b, atol=1e-10)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=15), st.sampled_from(["higher_is_better", "lower_is_better"]))
def test_ranks_are_competition_ranks(scores: list[int], direction: str) -> None:
    ranks = rank_scores(np.array(scores, dtype=float), direction)
    sign = -1 if direction == "higher_is_better" else 1
    for i, s in enumerate(scores):
        better = sum(1 for t in scores if sign * t < sign * s)
        assert ranks[i] == better + 1  # ties share the best rank
    assert sorted(set(ranks)) == sorted({better + 1 for better in ranks - 1})


def test_near_equal_scores_tie_and_distinct_ones_do_not() -> None:
    assert rank_scores(np.array([0.5, 0.5 + 1e-13, 0.4])).tolist() == [1, 1, 3]
    assert rank_scores(np.array([0.5, 0.5 + 1e-6, 0.4])).tolist() == [2, 1, 3]


def test_wsm_contributions_sum_to_the_score_and_promethee_to_the_net_flow() -> None:
    rng = np.random.default_rng(2)
    matrix, weights, types = rng.uniform(1, 9, (6, 4)), np.array([0.1, 0.2, 0.3, 0.4]), np.array([1, -1, 1, -1])
    for method in ("wsm", "promethee2"):
        out = compute_scores(matrix, weights, types, method)
        np.testing.assert_allclose(out.contributions.sum(axis=1), out.scores, atol=1e-12)


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("value", [0.0, 3.0])
def test_a_constant_criterion_never_produces_nan(method: str, value: float) -> None:
    matrix = np.array([[2.0, value, 7.0], [4.0, value, 1.0], [3.0, value, 5.0], [1.0, value, 2.0]])
    weights, types = np.array([0.4, 0.3, 0.3]), np.array([1, -1, 1])
    try:
        out = compute_scores(matrix, weights, types, method)
    except InputError as exc:  # a clear refusal is acceptable (e.g. WPM's sum needs > 0), NaN is not
        assert "cannot rank" in exc.message()
        return
    assert np.all(np.isfinite(out.scores))
    assert any("same value" in w.en for w in out.warnings)  # PROMETHEE II too


@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee2"])
def test_a_constant_criterion_ranks_as_if_it_were_absent(method: str) -> None:
    matrix = np.array([[2.0, 5.0, 7.0], [4.0, 5.0, 1.0], [3.0, 5.0, 5.0], [1.0, 5.0, 2.0]])
    types = np.array([1, -1, 1])
    full = compute_scores(matrix, np.array([0.4, 0.2, 0.4]), types, method).scores
    dropped = compute_scores(matrix[:, [0, 2]], np.array([0.5, 0.5]), types[[0, 2]], method).scores
    direction = METHODS[method].score_direction
    assert rank_scores(full, direction).tolist() == rank_scores(dropped, direction).tolist()


@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee2", "wsm"])
def test_identical_alternatives_all_share_rank_one(method: str) -> None:
    matrix = np.tile([[3.0, 4.0, 5.0]], (4, 1))
    out = compute_scores(matrix, np.array([0.2, 0.3, 0.5]), np.array([1, -1, 1]), method)
    assert rank_scores(out.scores, METHODS[method].score_direction).tolist() == [1, 1, 1, 1]


def test_vikor_with_a_symmetric_problem_ties_instead_of_nan() -> None:
    matrix = np.array([[1.0, 2.0, 3.0], [2.0, 3.0, 1.0], [3.0, 1.0, 2.0]])
    out = compute_scores(matrix, np.ones(3) / 3, np.ones(3, dtype=int), "vikor")
    assert np.all(np.isfinite(out.scores))


def test_copras_without_cost_criteria_uses_s_plus() -> None:
    matrix = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]])
    out = compute_scores(matrix, np.array([0.5, 0.5]), np.array([1, 1]), "copras")
    s_plus = (0.5 * matrix / matrix.sum(axis=0)).sum(axis=1)
    np.testing.assert_allclose(out.scores, s_plus / s_plus.max())


def test_unknown_method_and_normalisation_are_clear_errors() -> None:
    args = (np.ones((3, 2)), np.array([0.5, 0.5]), np.array([1, 1]))
    with pytest.raises(InputError, match="not a ranking method"):
        compute_scores(*args, "electre")
    with pytest.raises(InputError, match="not a normalisation for VIKOR"):
        compute_scores(*args, "vikor", "vector")


def test_wpm_with_sum_normalisation_refuses_zeros_naming_them() -> None:
    with pytest.raises(InputError, match="sum normalisation needs every value > 0"):
        compute_scores(np.array([[0.0, 1], [1, 2], [2, 3]]), np.array([0.5, 0.5]), np.array([1, 1]), "wpm")


# --- on a DecisionProblem ----------------------------------------------------------------------


def _problem(values: list[list[float | None]], directions: tuple[str, ...] = ("benefit", "cost")) -> DecisionProblem:
    crits = tuple(Criterion(id=f"c{j}", name=f"C{j}", direction=d) for j, d in enumerate(directions))
    alts = tuple(Alternative(id=f"A{i}", name={"en": f"Alt {i}", "nb": f"Alt {i} nb"}) for i in range(len(values)))
    cells = {a.id: {c.id: Cell(value=v) for c, v in zip(crits, row)} for a, row in zip(alts, values)}
    return DecisionProblem(criteria=crits, alternatives=alts, cells=cells)


def test_rank_alternatives_records_its_conventions() -> None:
    problem = _problem([[5, 3], [7, 4], [6, 1]])
    ranking = rank_alternatives(problem, WeightSet.from_raw({"c0": 1, "c1": 1}))
    assert ranking.method == "topsis" and ranking.normalization == "vector"
    assert "vector" in ranking.conventions["normalization"]
    assert ranking.library_versions["pymcdm"] == "1.4.0"
    assert [e.rank for e in ranking.entries] == sorted(e.rank for e in ranking.entries)
    assert set(ranking.entries[0].contributions) == {"c0", "c1"}


def test_missing_values_are_refused_on_request_with_every_cell_listed() -> None:
    problem = _problem([[5, None], [None, 4], [6, 1]])
    with pytest.raises(InputError) as err:
        rank_alternatives(problem, WeightSet.equal(["c0", "c1"]), settings=RankingSettings(missing_policy="refuse"))
    message = err.value.message()
    assert "2 values are missing" in message and "Alt 0 – C1" in message and "Alt 1 – C0" in message
    message_nb = err.value.message("nb")  # by the names a member knows, in the page's language
    assert "2 verdier mangler" in message_nb and "Alt 0 nb – C1" in message_nb and "A0/" not in message_nb


def test_missing_policies_drop_or_fill_visibly() -> None:
    problem = _problem([[5, None], [4, 4], [6, 1], [3, 2]])
    weights = WeightSet.from_raw({"c0": 1, "c1": 3})
    dropped_c = rank_alternatives(problem, weights, settings=RankingSettings(missing_policy="drop_criteria"))
    assert dropped_c.excluded_criteria == ("c1",) and dropped_c.weights.weights == {"c0": 1.0}
    dropped_a = rank_alternatives(problem, weights, settings=RankingSettings(missing_policy="drop_alternatives"))
    assert dropped_a.excluded_alternatives == ("A0",) and len(dropped_a.entries) == 3
    worst = rank_alternatives(problem, weights, settings=RankingSettings(missing_policy="worst"))
    assert worst.imputed_cells == (("A0", "c1"),)
    assert worst.missing_note is not None and "worst observed" in worst.missing_note.en


def test_weights_must_name_exactly_the_criteria() -> None:
    problem = _problem([[5, 3], [7, 4], [6, 1]])
    with pytest.raises(InputError, match="has no weight"):
        rank_alternatives(problem, WeightSet.from_raw({"c0": 1}))


def test_pymcdm_warnings_are_returned_not_printed(
    capsys: pytest.CaptureFixture, recwarn: pytest.WarningsRecorder
) -> None:
    problem = _problem([[9, 1], [1, 9], [5, 5]])  # A0 dominates: best on both
    ranking = rank_alternatives(problem, WeightSet.equal(["c0", "c1"]))
    # named as a member knows the position, in each language
    assert any(w.en.startswith("Alt 0 is") and "dominant" in w.en for w in ranking.warnings)
    assert any(w.nb.startswith("Alt 0 nb er") for w in ranking.warnings)
    assert capsys.readouterr().err == "" and len(recwarn) == 0


def test_max_normalisation_refuses_negative_values_instead_of_reversing_them() -> None:
    matrix = np.array([[-4.0, 1.0], [-2.0, 2.0], [-3.0, 3.0]])
    with pytest.raises(InputError, match="max normalisation needs values ≥ 0"):
        compute_scores(matrix, np.array([0.5, 0.5]), np.array([1, 1]), "topsis", "max")
    vector = compute_scores(matrix, np.array([1.0, 0.0]), np.array([1, 1]), "topsis", "vector").scores
    assert rank_scores(vector).tolist()[1] == 1  # -2 is the best benefit value


def test_problems_compare_by_their_fields_even_after_arrays_were_cached() -> None:
    a, b = _problem([[5, 3], [7, 4]]), _problem([[5, 3], [7, 4]])
    assert a.matrix.shape == b.matrix.shape and a.types.tolist() == b.types.tolist()
    assert a == b
    assert a != _problem([[5, 3], [7, 5]])


# --- intermediate values ---------------------------------------------------------------------


@pytest.mark.parametrize("method", list(METHODS))
def test_every_method_keeps_the_details_its_registry_entry_documents(method: str) -> None:
    problem = _problem([[5, 3, 2], [7, 4, 9], [6, 1, 4], [2, 2, 6]], ("benefit", "cost", "benefit"))
    ranking = rank_alternatives(
        problem, WeightSet.from_raw({"c0": 2, "c1": 1, "c2": 1}), RankingSettings(method=method)
    )
    spec = METHODS[method]
    assert spec.details and set(ranking.details.names()) == set(spec.details)
    for name, doc in spec.details.items():
        assert doc.description
        if doc.kind == "alternative":
            assert set(ranking.details.alternatives[name]) == {"A0", "A1", "A2", "A3"}
        elif doc.kind == "criterion":
            assert set(ranking.details.criteria[name]) == {"c0", "c1", "c2"}
        else:
            rows = ranking.details.matrices[name]
            assert set(rows) == {"A0", "A1", "A2", "A3"} and all(set(r) == {"c0", "c1", "c2"} for r in rows.values())
    # serialisable: JSON and back gives the same ranking
    assert type(ranking).model_validate_json(ranking.model_dump_json()) == ranking


def test_details_are_keyed_by_id_and_agree_with_the_scores() -> None:
    problem = _problem([[5, 3], [7, 4], [6, 1]])
    weights = WeightSet.from_raw({"c0": 1, "c1": 1})
    topsis = rank_alternatives(problem, weights, RankingSettings(method="topsis"))
    d = topsis.details.alternatives
    for e in topsis.entries:
        assert e.score == pytest.approx(d["d_minus"][e.id] / (d["d_minus"][e.id] + d["d_plus"][e.id]))
    # vector normalisation by hand: c0 = x/||x||, c1 (cost) = 1 - x/||x||
    norm0, norm1 = np.sqrt(25 + 49 + 36), np.sqrt(9 + 16 + 1)
    assert topsis.details.matrices["normalized"]["A1"]["c0"] == pytest.approx(7 / norm0)
    assert topsis.details.matrices["normalized"]["A2"]["c1"] == pytest.approx(1 - 1 / norm1)
    assert topsis.details.criteria["ideal"]["c0"] == pytest.approx(0.5 * 7 / norm0)

    vikor = rank_alternatives(problem, weights, RankingSettings(method="vikor"))
    assert vikor.details.criteria["f_best"] == {"c0": 7.0, "c1": 1.0}
    assert vikor.details.criteria["f_worst"] == {"c0": 5.0, "c1": 4.0}
    # S and R by hand: regret of A0 = 0.5 * (7-5)/2 + 0.5 * (3-1)/3
    assert vikor.details.alternatives["S"]["A0"] == pytest.approx(0.5 + 1 / 3)
    assert vikor.details.alternatives["R"]["A0"] == pytest.approx(0.5)
    assert vikor.details.alternatives["Q"] == vikor.score_of()

    promethee = rank_alternatives(problem, weights, RankingSettings(method="promethee2"))
    a = promethee.details.alternatives
    for e in promethee.entries:
        assert a["phi_plus"][e.id] - a["phi_minus"][e.id] == pytest.approx(e.score)

    copras = rank_alternatives(problem, weights, RankingSettings(method="copras"))
    # d_ij = w_j x_ij / sum_i x_ij; c0 benefit -> S+, c1 cost -> S-
    assert copras.details.alternatives["S_plus"]["A0"] == pytest.approx(0.5 * 5 / 18)
    assert copras.details.alternatives["S_minus"]["A2"] == pytest.approx(0.5 * 1 / 8)


def test_edas_details_follow_the_average_solution_by_hand() -> None:
    # Keshavarz Ghorabaee et al. (2015): AV_j = mean, PDA/NDA relative to AV, SP = sum w PDA
    problem = _problem([[4, 2], [6, 4], [8, 3]])
    ranking = rank_alternatives(problem, WeightSet.from_raw({"c0": 1, "c1": 1}), RankingSettings(method="edas"))
    det = ranking.details
    assert det.criteria["AV"] == {"c0": 6.0, "c1": 3.0}
    assert det.matrices["PDA"]["A2"] == {"c0": pytest.approx(2 / 6), "c1": 0.0}
    assert det.matrices["NDA"]["A1"] == {"c0": 0.0, "c1": pytest.approx(1 / 3)}  # cost above average
    assert det.alternatives["SP"]["A0"] == pytest.approx(0.5 * 1 / 3)  # c1 = 2 is below the cost average
    assert det.alternatives["SN"]["A0"] == pytest.approx(0.5 * 2 / 6)
