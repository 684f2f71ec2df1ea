"""The engine reproduces published worked examples (data in reference_cases.py).

Each case carries its citation and where it was read; tolerances follow the number of
published decimals. Cases whose published numbers are known not to follow from their
input (expect_agreement False) are checked to still disagree, so a silent change of the
engine towards a documentation error would be caught.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from reference_cases import AHP_CASES, RANKING_CASES

from mcda import ahp
from mcda.ranking import compute_scores, rank_scores


def _number(x: object) -> float:
    return float(Fraction(x)) if isinstance(x, str) else float(x)


def _tol(case: dict) -> float:
    return 0.5 * 10 ** -case["decimals"] + 5e-4 * (case["decimals"] <= 3) + 1e-9


def _matrix(case: dict) -> ahp.PairwiseMatrix:
    labels = [f"c{i}" for i in range(len(case["matrix"]))]
    return ahp.PairwiseMatrix.from_array(labels, [[_number(x) for x in row] for row in case["matrix"]])


EIGEN_CASES = [c for c in AHP_CASES if c["priority_method"] == "eigenvector"]


@pytest.mark.parametrize("case", [c for c in EIGEN_CASES if c["expect_agreement"]], ids=lambda c: c["id"])
def test_ahp_priorities_and_consistency_match_publication(case: dict) -> None:
    result = ahp.analyse(_matrix(case), "eigenvector")
    tol = _tol(case)
    if case["priorities"] is not None:
        np.testing.assert_allclose(list(result.weights.values()), case["priorities"], atol=tol)
    if case["lambda_max"] is not None:
        assert result.lambda_max == pytest.approx(case["lambda_max"], abs=tol)
    if case["ci"] is not None:
        assert result.ci == pytest.approx(case["ci"], abs=tol)
    if case["cr"] is not None and case["ri"]:
        # the source's own random index, so the comparison is of CI, not of RI tables
        assert result.ci / case["ri"] == pytest.approx(case["cr"], abs=tol)


@pytest.mark.parametrize(
    "case", [c for c in EIGEN_CASES if c["ri"] in (0.58, 1.41) and c["cr"] is not None], ids=lambda c: c["id"]
)
def test_saaty_1980_random_index_reproduces_saaty_1990_cr(case: dict) -> None:
    result = ahp.analyse(_matrix(case), "eigenvector", "saaty")
    assert result.ri == case["ri"]
    assert result.cr == pytest.approx(case["cr"], abs=_tol(case))
    assert result.consistent == (case["cr"] <= 0.1)


@pytest.mark.parametrize("case", [c for c in AHP_CASES if not c["expect_agreement"]], ids=lambda c: c["id"])
def test_known_documentation_errors_still_disagree(case: dict) -> None:
    result = ahp.analyse(_matrix(case), "eigenvector")
    assert not np.allclose(list(result.weights.values()), case["priorities"], atol=_tol(case))


def test_approximate_method_case_has_true_eigenvalue_below_its_published_approximation() -> None:
    case = next(c for c in AHP_CASES if c["priority_method"] == "approximate_column_normalisation")
    result = ahp.analyse(_matrix(case))
    # JMcDM's column-normalisation approximation overstates lambda_max (8.726 vs 8.698)
    assert result.lambda_max == pytest.approx(8.698, abs=1e-3)
    assert result.lambda_max < case["lambda_max"]


# --- ranking methods --------------------------------------------------------------------------

SUPPORTED = {
    ("topsis", "vector"),
    ("topsis", "minmax"),
    ("vikor", None),
    ("promethee2", None),
    ("wsm", "sum"),
    ("wpm", "sum"),
    ("copras", "sum"),
    ("wsm", None),
}


def _ranking_cases() -> list[dict]:
    return [c for c in RANKING_CASES if (c["method"], c["normalization"]) in SUPPORTED and c["expect_agreement"]]


def _run(case: dict) -> tuple[np.ndarray, object]:
    matrix = np.array(case["matrix"], dtype=float)
    weights = np.array([_number(w) for w in case["weights"]], dtype=float)
    if case["params"].get("weights_normalized"):
        weights = weights / weights.sum()
    types = np.array(case["types"])
    method, norm = case["method"], case["normalization"]
    if method == "copras":
        norm = None  # COPRAS fixes its own sum normalisation
    params = {k: v for k, v in case["params"].items() if k in ("v", "preference_function", "p", "q")}
    if (method, norm) == ("wsm", None):
        # the matrix already holds AHP local priorities: a plain weighted sum
        return matrix @ weights, None
    out = compute_scores(matrix, weights, types, method, norm, params)
    return out.scores, out


@pytest.mark.parametrize("case", _ranking_cases(), ids=lambda c: c["id"])
def test_ranking_methods_match_publication(case: dict) -> None:
    scores, out = _run(case)
    tol = _tol(case)
    expected = np.array(case["scores"], dtype=float)
    transform = case["params"].get("score_transform") or case["params"].get("score")
    if transform == "log10":
        scores = np.log10(scores)
    elif transform == "100 * Q / max(Q)":
        scores = 100 * scores
    if expected.size > 1:  # some cases publish only the ranking
        np.testing.assert_allclose(scores, expected, atol=tol * max(1.0, np.abs(expected).max()))
    extra = case.get("extra") or {}
    if out is not None and case["method"] == "vikor":
        for key in ("S", "R"):
            if key in extra:
                np.testing.assert_allclose(out.details[key] / _vikor_scale(case), extra[key], atol=tol)
    if out is not None and "separation_ideal_published" in extra:
        np.testing.assert_allclose(out.details["d_plus"], extra["separation_ideal_published"], atol=2e-3)
        np.testing.assert_allclose(out.details["d_minus"], extra["separation_anti_ideal_published"], atol=2e-3)
    rule = case["params"].get("ranking_rule", "sort_q")
    if case["ranking"] is not None and rule == "sort_q":
        assert rank_scores(scores, case["score_direction"]).tolist() == case["ranking"]


def _vikor_scale(case: dict) -> float:
    # papers state S and R for weights summing to 1; ours carry the raw weights' sum
    return sum(_number(w) for w in case["weights"])


def test_hwang_yoon_needs_vector_not_minmax_normalisation() -> None:
    case = next(c for c in RANKING_CASES if c["id"] == "hwang_yoon1981_fighter_aircraft_topsis")
    args = (np.array(case["matrix"], float), np.array(case["weights"]), np.array(case["types"]))
    vector = compute_scores(*args, "topsis").scores
    minmax = compute_scores(*args, "topsis", "minmax").scores
    np.testing.assert_allclose(vector, case["scores"], atol=1e-3)
    assert not np.allclose(minmax, case["scores"], atol=1e-2)


def test_copras_follows_the_standard_formula_not_pymcdm_1_4() -> None:
    from pymcdm.methods import COPRAS

    case = next(c for c in RANKING_CASES if c["id"] == "pymcdm_copras_kundakci_isik2016")
    matrix, weights, types = (np.array(case["matrix"], float), np.array(case["weights"]), np.array(case["types"]))
    ours = compute_scores(matrix, weights, types, "copras").scores
    theirs = COPRAS()(matrix, weights, types)
    np.testing.assert_allclose(ours, case["scores"], atol=1e-4)
    assert np.argmax(ours) == 0 and np.argmax(theirs) == 1  # pymcdm 1.4 picks A2, the paper A1
