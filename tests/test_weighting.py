"""Objective weights and rebalancing, against published examples and hand computations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mcda.errors import InputError
from mcda.models import Alternative, Cell, Criterion, DecisionProblem, LocalizedText
from mcda.weighting import critic_weights, entropy_weights, objective_weight_set, rebalance

# --- entropy ---------------------------------------------------------------------------------


def test_entropy_weights_match_xu_2004() -> None:
    """Xu, X. (2004). A note on the subjective and objective integrated approach to determine
    attribute weights. EJOR 156(2), 530-532 (values as read in the pyrepo-mcda test suite)."""
    matrix = np.array([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]])
    np.testing.assert_allclose(entropy_weights(matrix), [0.4630, 0.3992, 0.1378, 0.0000], atol=5e-5)


def test_entropy_weights_match_zavadskas_podvezko_2016() -> None:
    """Zavadskas, E.K., Podvezko, V. (2016). Integrated determination of objective criteria weights
    in MCDM. IJITDM 15(2), 267-283: entropy of the raw values (as read in pyrepo-mcda's tests)."""
    matrix = np.array([[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]])
    np.testing.assert_allclose(entropy_weights(matrix), [0.1146, 0.1981, 0.4185, 0.2689], atol=5e-5)


def test_entropy_counts_zero_log_zero_as_zero() -> None:
    # column 0: p = (0, 1/2, 1/2); column 1: p = (1/4, 1/4, 1/2); e_j = -sum p ln p / ln 3
    matrix = np.array([[0.0, 1.0], [1.0, 1.0], [1.0, 2.0]])
    e0 = -(2 * 0.5 * math.log(0.5)) / math.log(3)
    e1 = -(2 * 0.25 * math.log(0.25) + 0.5 * math.log(0.5)) / math.log(3)
    d = np.array([1 - e0, 1 - e1])
    np.testing.assert_allclose(entropy_weights(matrix), d / d.sum(), rtol=1e-12)
    # pymcdm 1.4 would set column 0's entropy to 0 (weight near 1); here it is 0.873
    assert entropy_weights(matrix)[0] == pytest.approx(0.8732, abs=1e-4)


def test_entropy_gives_constant_and_all_zero_criteria_no_weight() -> None:
    matrix = np.array([[0.0, 4.0, 1.0], [0.0, 4.0, 3.0], [0.0, 4.0, 6.0]])
    weights = entropy_weights(matrix)
    # an all-zero column reads as p = 1/m (entropy 1, up to rounding): no information
    np.testing.assert_allclose(weights, [0.0, 0.0, 1.0], atol=1e-12)


def test_entropy_refuses_negative_values_and_data_without_spread() -> None:
    with pytest.raises(InputError, match="values of 0 or more"):
        entropy_weights(np.array([[1.0, -1.0], [2.0, 3.0]]))
    with pytest.raises(InputError, match="no criterion varies"):
        entropy_weights(np.array([[1.0, 2.0], [1.0, 2.0]]))


# --- CRITIC ----------------------------------------------------------------------------------

# Three alternatives; after direction-aware min-max the columns are z0 = (0, 1/2, 1),
# z1 = (1, 0, 1/2) (a cost criterion: 1, 3, 2) and z2 = (0, 1, 0).
CRITIC_MATRIX = np.array([[10.0, 1.0, 5.0], [15.0, 3.0, 7.0], [20.0, 2.0, 5.0]])
CRITIC_TYPES = np.array([1, -1, 1])


def test_critic_matches_a_hand_computation() -> None:
    """Diakoulaki, Mavrotas & Papayannakis (1995): C_j = sigma_j sum_k (1 - r_jk), w = C / sum C."""
    sigma = [0.5, 0.5, math.sqrt(1 / 3)]  # sample standard deviations of z0, z1, z2
    r01, r02, r12 = -0.5, 0.0, -0.5 / math.sqrt(1 / 3)  # Pearson correlations, by hand
    c = np.array(
        [
            sigma[0] * ((1 - r01) + (1 - r02)),
            sigma[1] * ((1 - r01) + (1 - r12)),
            sigma[2] * ((1 - r02) + (1 - r12)),
        ]
    )
    np.testing.assert_allclose(critic_weights(CRITIC_MATRIX, CRITIC_TYPES), c / c.sum(), rtol=1e-12)
    np.testing.assert_allclose(critic_weights(CRITIC_MATRIX, CRITIC_TYPES), [0.27247, 0.36685, 0.36068], atol=1e-5)


def test_critic_reproduces_tus_adali_2019_with_every_criterion_as_benefit() -> None:
    """Tuş, A., Aytaç Adalı, E. (2019). Opsearch 56(2), 528-538 (as read in pyrepo-mcda's tests).

    The published weights follow from min-max values without reversing the price column C1;
    with C1 as a cost criterion (direction-aware, as here by default) they differ.
    """
    matrix = np.array(
        [[5000, 3, 3, 4, 3, 2], [680, 5, 3, 2, 2, 1], [2000, 3, 2, 3, 4, 3], [600, 4, 3, 1, 2, 2], [800, 2, 4, 3, 3, 4]]
    )
    published = [0.157, 0.249, 0.168, 0.121, 0.154, 0.151]
    np.testing.assert_allclose(critic_weights(matrix, np.ones(6)), published, atol=5e-4)
    assert not np.allclose(critic_weights(matrix, np.array([-1, 1, 1, 1, 1, 1])), published, atol=5e-3)


def test_critic_leaves_constant_criteria_out() -> None:
    with_constant = np.column_stack([CRITIC_MATRIX, np.full(3, 4.0)])
    weights = critic_weights(with_constant, np.append(CRITIC_TYPES, 1))
    assert weights[3] == 0.0
    np.testing.assert_allclose(weights[:3], critic_weights(CRITIC_MATRIX, CRITIC_TYPES), rtol=1e-12)


def test_critic_with_one_varying_criterion_gives_it_all_the_weight() -> None:
    weights = critic_weights(np.array([[1.0, 5.0], [2.0, 5.0], [4.0, 5.0]]), np.array([1, 1]))
    assert weights.tolist() == [1.0, 0.0]


# --- weight sets -----------------------------------------------------------------------------


def _problem(values: list[list[float | None]]) -> DecisionProblem:
    crits = (
        Criterion(id="speed", name="Speed", direction="benefit"),
        Criterion(id="cost", name="Cost", direction="cost"),
        Criterion(id="mass", name="Mass", direction="benefit"),
    )
    alts = tuple(Alternative(id=f"A{i}", name=f"A{i}") for i in range(len(values)))
    cells = {a.id: {c.id: Cell(value=v) for c, v in zip(crits, row)} for a, row in zip(alts, values)}
    return DecisionProblem(criteria=crits, alternatives=alts, cells=cells)


def test_objective_weight_set_records_its_method() -> None:
    problem = _problem(CRITIC_MATRIX.tolist())
    critic = objective_weight_set(problem, "critic")
    assert critic.name == "CRITIC" and critic.origin.kind == "objective"
    assert critic.origin.details["method"] == "critic"
    np.testing.assert_allclose(critic.vector(problem.criterion_ids), [0.27247, 0.36685, 0.36068], atol=1e-5)
    entropy = objective_weight_set(problem)
    assert entropy.name == "Entropy" and sum(entropy.weights.values()) == pytest.approx(1.0, abs=1e-15)
    np.testing.assert_allclose(entropy.vector(problem.criterion_ids), entropy_weights(CRITIC_MATRIX), rtol=1e-12)


def test_objective_weight_set_refuses_missing_values_and_unknown_methods() -> None:
    with pytest.raises(InputError):
        objective_weight_set(_problem([[1, 2, 3], [2, None, 1], [3, 1, 2]]))
    with pytest.raises(InputError, match="unknown objective method"):
        objective_weight_set(_problem(CRITIC_MATRIX.tolist()), "merec")


def test_entropy_names_each_negative_value_by_criterion_and_position_in_both_languages() -> None:
    problem = _problem([[1, 2, 3], [2, -0.5, 1], [3, 1, -2]])
    problem = problem.model_copy(
        update={
            "criteria": tuple(
                c.model_copy(update={"name": LocalizedText(en=c.name.en, nb=nb)})
                for c, nb in zip(problem.criteria, ("Fart", "Kostnad", "Masse"))
            )
        }
    )
    with pytest.raises(InputError) as raised:
        objective_weight_set(problem, "entropy")
    nb = [issue.message("nb") for issue in raised.value.issues]
    en = [issue.message("en") for issue in raised.value.issues]
    assert nb == [
        "entropivekter krever verdier på 0 eller mer (hver verdi er en andel av kriteriets sum); "
        "Kostnad for A1 er \u22120,5",
        "entropivekter krever verdier på 0 eller mer (hver verdi er en andel av kriteriets sum); "
        "Masse for A2 er \u22122",
    ]
    assert en[0].endswith("Cost of A1 is \u22120.5")


def test_objective_weights_of_absurd_values_are_those_at_an_ordinary_scale() -> None:
    signed = CRITIC_MATRIX - [[25.0, 0.0, 0.0], [15.0, 0.0, 0.0], [5.0, 0.0, 0.0]]  # -15, 0, 15: CRITIC's span
    for method, ordinary, exponent in (("entropy", CRITIC_MATRIX, 1019), ("critic", signed, 1020)):
        huge = np.ldexp(ordinary, exponent)  # finite, but a column's sum (entropy) or span (CRITIC) overflows
        assert np.all(np.isfinite(huge))
        expected = objective_weight_set(_problem(ordinary.tolist()), method)
        found = objective_weight_set(_problem(huge.tolist()), method)
        assert found.weights == expected.weights, method


# --- rebalancing -----------------------------------------------------------------------------


def test_rebalance_rescales_the_free_weights_in_proportion() -> None:
    out = rebalance({"a": 0.4, "b": 0.3, "c": 0.2, "d": 0.1}, "a", 0.6)
    # the other three share 0.4 in the ratio 3:2:1
    assert out == pytest.approx({"a": 0.6, "b": 0.2, "c": 0.4 / 3, "d": 0.2 / 3}, abs=1e-15)
    assert math.fsum(out.values()) == pytest.approx(1.0, abs=1e-15)


def test_rebalance_keeps_locked_weights_and_the_sum() -> None:
    out = rebalance({"a": 0.4, "b": 0.3, "c": 0.2, "d": 0.1}, "a", 0.5, locked=["b"])
    assert out["b"] == pytest.approx(0.3, abs=1e-15) and out["a"] == 0.5  # b: 0.3 / (0.4 + 0.3 + 0.2 + 0.1)
    assert out["c"] == pytest.approx(0.2 * 2 / 3) and out["d"] == pytest.approx(0.2 / 3)
    assert math.fsum(out.values()) == pytest.approx(1.0, abs=1e-15)


def test_rebalance_caps_the_changed_weight_at_what_the_locks_leave() -> None:
    out = rebalance({"a": 0.4, "b": 0.3, "c": 0.2, "d": 0.1}, "a", 0.9, locked=["b", "c"])
    assert out == pytest.approx({"a": 0.5, "b": 0.3, "c": 0.2, "d": 0.0}, abs=1e-15)
    # with every other weight locked the changed one takes exactly the remainder
    assert rebalance({"a": 0.5, "b": 0.5}, "a", 0.2, locked=["b"]) == {"a": 0.5, "b": 0.5}


def test_rebalance_shares_equally_when_the_free_weights_are_zero_and_clips_negatives() -> None:
    assert rebalance({"a": 1.0, "b": 0.0, "c": 0.0}, "a", 0.4) == pytest.approx({"a": 0.4, "b": 0.3, "c": 0.3})
    assert rebalance({"a": 0.5, "b": 0.5}, "a", -0.2) == {"a": 0.0, "b": 1.0}


def test_rebalance_reads_unnormalised_input_as_shares_and_ignores_locking_the_changed_one() -> None:
    out = rebalance({"a": 2.0, "b": 1.0, "c": 1.0}, "a", 0.5, locked=["a", "c"])
    assert out == pytest.approx({"a": 0.5, "b": 0.25, "c": 0.25}, abs=1e-15)


def test_rebalance_with_percentages_keeps_100() -> None:
    out = rebalance({"a": 40, "b": 35, "c": 25}, "b", 0.5, locked=["c"])
    assert {k: 100 * v for k, v in out.items()} == pytest.approx({"a": 25.0, "b": 50.0, "c": 25.0})
    assert 100 * math.fsum(out.values()) == pytest.approx(100.0)
