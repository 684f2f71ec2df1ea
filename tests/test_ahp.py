"""AHP: priorities, consistency, hints, group aggregation and the S* consensus."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda import ahp
from mcda.errors import InputError
from tests.test_workshop_tree_check import assert_same

saaty_values = st.sampled_from(ahp.SAATY_VALUES)


@st.composite
def judgment_matrices(draw: st.DrawFn, min_n: int = 2, max_n: int = 12) -> ahp.PairwiseMatrix:
    n = draw(st.integers(min_n, max_n))
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = draw(saaty_values)
            a[j, i] = 1 / a[i, j]
    return ahp.PairwiseMatrix.from_array([f"k{i}" for i in range(n)], a)


@st.composite
def consistent_matrices(draw: st.DrawFn) -> tuple[ahp.PairwiseMatrix, np.ndarray]:
    n = draw(st.integers(2, 20))
    w = np.array(draw(st.lists(st.floats(0.05, 20), min_size=n, max_size=n)))
    w = w / w.sum()
    return ahp.PairwiseMatrix.from_array([f"k{i}" for i in range(n)], np.outer(w, 1 / w)), w


@settings(max_examples=80, deadline=None)
@given(judgment_matrices(), st.sampled_from(["eigenvector", "geometric"]))
def test_weights_are_positive_and_sum_to_one(matrix: ahp.PairwiseMatrix, method: str) -> None:
    result = ahp.analyse(matrix, method)
    w = np.array(list(result.weights.values()))
    assert np.all(w > 0)
    assert w.sum() == pytest.approx(1.0, abs=1e-12)
    assert result.lambda_max >= matrix.n - 1e-9  # Perron root of a positive reciprocal matrix
    assert result.cr >= 0


@settings(max_examples=60, deadline=None)
@given(
    consistent_matrices(), st.sampled_from(["eigenvector", "geometric"]), st.sampled_from(["saaty", "alonso-lamata"])
)
def test_a_consistent_matrix_has_cr_zero_and_recovers_its_weights(
    case: tuple[ahp.PairwiseMatrix, np.ndarray], method: str, ri: str
) -> None:
    matrix, w = case
    result = ahp.analyse(matrix, method, ri)
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(list(result.weights.values()), w, atol=1e-9)
    assert result.hints == ()


def test_cr_is_zero_for_two_items_whatever_the_judgment() -> None:
    result = ahp.analyse(ahp.PairwiseMatrix.from_array(["a", "b"], [[1, 9], [1 / 9, 1]]))
    assert result.cr == 0 and result.ci == 0
    assert result.weights == pytest.approx({"a": 0.9, "b": 0.1})


def test_works_for_twenty_criteria_where_pymcdm_stops_at_fifteen() -> None:
    rng = np.random.default_rng(7)
    n = 20
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = rng.choice(ahp.SAATY_VALUES)
            a[j, i] = 1 / a[i, j]
    result = ahp.analyse(ahp.PairwiseMatrix.from_array([f"c{i}" for i in range(n)], a))
    assert result.ri == pytest.approx(ahp.alonso_lamata_ri(20))
    assert result.cr == pytest.approx(result.ci / ((1.7699 * 20 - 4.3513) / 19))
    assert len(result.hints) == 3


def test_random_index_tables() -> None:
    assert [ahp.random_index(n) for n in range(3, 11)] == [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
    assert ahp.random_index(2) == 0
    # Alonso-Lamata: CR = (lambda - n) / (2.7699 n - 4.3513 - n)
    for n in (3, 7, 15, 25):
        assert ahp.random_index(n, "alonso-lamata") * (n - 1) == pytest.approx(2.7699 * n - 4.3513 - n)
    assert ahp.random_index(12, "saaty") == pytest.approx(ahp.alonso_lamata_ri(12))


def test_geometric_mean_priorities_are_the_normalised_row_geometric_means() -> None:
    a = np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
    result = ahp.analyse(ahp.PairwiseMatrix.from_array("abc", a), "geometric")
    g = np.array([15 ** (1 / 3), (2 / 3) ** (1 / 3), (1 / 10) ** (1 / 3)])
    np.testing.assert_allclose(list(result.weights.values()), g / g.sum())
    assert result.priority_method == "geometric"


def test_hints_name_the_planted_inconsistency_and_suggest_the_consistent_value() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    a = np.outer(w, 1 / w)
    a[0, 3], a[3, 0] = 1 / 4, 4  # should be 4: reversed on purpose
    result = ahp.analyse(ahp.PairwiseMatrix.from_array(["a", "b", "c", "d"], a))
    first = result.hints[0]
    assert (first.row, first.column) == ("a", "d")
    assert first.current == pytest.approx(0.25)
    ww = result.weights
    assert first.suggested == pytest.approx(ww["a"] / ww["d"])
    assert first.error == pytest.approx(max(a[0, 3] * ww["d"] / ww["a"], ww["a"] / (a[0, 3] * ww["d"])))
    assert first.suggested_scale in ahp.SAATY_VALUES
    assert not result.consistent


def test_hints_equally_wrong_come_in_the_cells_order() -> None:
    """The three errors of a 3 x 3 matrix are equal in exact arithmetic; the eigen solver's rounding
    makes them differ in the last bits, and once decided their order (here b/c, a/c, a/b)."""
    result = ahp.analyse(ahp.PairwiseMatrix.from_array("abc", [[1, 2, 2], [1 / 2, 1, 2], [1 / 2, 1 / 2, 1]]))
    assert [(h.row, h.column) for h in result.hints] == [("a", "b"), ("a", "c"), ("b", "c")]
    errors = [h.error for h in result.hints]
    assert errors == pytest.approx([2 ** (1 / 3)] * 3, rel=1e-12) and len(set(errors)) > 1


def test_one_judgment_off_puts_it_first_and_the_equally_wrong_ones_in_the_cells_order() -> None:
    """A consistent matrix with a/d doubled: b and c stay interchangeable, so a/b and a/c are equally
    wrong (as are b/d and c/d)."""
    a = np.ones((4, 4))
    a[0, 3], a[3, 0] = 2.0, 0.5
    for found in (
        ahp.analyse(ahp.PairwiseMatrix.from_array("abcd", a)),
        ahp.consistency(ahp.PairwiseMatrix.from_array("abcd", a)),
    ):
        assert [(h.row, h.column) for h in found.hints] == [("a", "d"), ("a", "b"), ("a", "c")]
        assert found.hints[1].error == pytest.approx(found.hints[2].error, rel=1e-12)
        assert found.hints[0].error > found.hints[1].error * (1 + 1e-6)


def test_hint_order_ties_errors_within_the_tolerance_in_the_cells_order() -> None:
    tie = 1 + ahp.HINT_TIE_TOLERANCE / 2
    assert ahp.hint_order([2.0, 3.0, 3.0 * tie, 1.0]) == [1, 2, 0, 3]
    assert ahp.hint_order([3.0, 3.0 * (1 + 1e-8)]) == [1, 0]  # farther apart: the larger first
    assert ahp.hint_order([3.0 * tie * tie, 3.0 * tie, 3.0]) == [0, 1, 2]  # a chain of ties is one tie
    assert ahp.hint_order([3.0, 3.0 * tie * tie, 3.0 * tie]) == [0, 1, 2]
    assert ahp.hint_order([math.nan, 2.0, math.inf, math.nan, math.inf]) == [2, 4, 1, 0, 3]  # NaN last
    assert ahp.hint_order([]) == []


def test_nearest_saaty_value_uses_a_log_scale() -> None:
    assert ahp.nearest_saaty_value(2.4) == 2
    assert ahp.nearest_saaty_value(2.5) == 3  # log-midpoint of 2 and 3 is 2.449
    assert ahp.nearest_saaty_value(0.34) == pytest.approx(1 / 3)
    assert ahp.nearest_saaty_value(40) == 9


_MIDPOINTS = [math.sqrt(a * b) for a, b in zip(ahp.SAATY_VALUES, ahp.SAATY_VALUES[1:])]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.floats(min_value=0, exclude_min=True, allow_infinity=True),
        st.floats(1 / 20, 20),
        st.sampled_from([*ahp.SAATY_VALUES, *_MIDPOINTS, math.inf, math.nan]),
        st.sampled_from(_MIDPOINTS).map(lambda m: math.nextafter(m, 0)),
        st.sampled_from(_MIDPOINTS).map(lambda m: math.nextafter(m, math.inf)),
    )
)
def test_nearest_saaty_value_is_the_first_closest_on_the_log_scale(x: float) -> None:
    """Two neighbours compared instead of all 17: the value the search over all of them gives."""
    distances = np.abs(np.log(np.array(ahp.SAATY_VALUES)) - math.log(x))
    assert ahp.nearest_saaty_value(x) == float(ahp.SAATY_VALUES[int(np.argmin(distances))])


@pytest.mark.parametrize(
    "values, code",
    [
        ([[1, 2], [2, 1]], "pairwise_not_reciprocal"),
        ([[1, -2], [-0.5, 1]], "pairwise_not_positive"),
        ([[2, 2], [0.5, 1]], "pairwise_diagonal"),
        ([[1, 2, 3], [0.5, 1]], "pairwise_not_square"),
        ([[1, math.nan], [1, 1]], "pairwise_not_number"),
        (
            [
                [1, 1e300],
                [1e-300, 1],
            ],
            "pairwise_out_of_range",
        ),
        ([[1, 2e6], [5e-7, 1]], "pairwise_out_of_range"),
    ],
)
def test_invalid_matrices_raise_with_the_cell(values: list, code: str) -> None:
    with pytest.raises(InputError) as err:
        ahp.PairwiseMatrix(
            labels=("a", "b") if len(values) == 2 and len(values[0]) == 2 else ("a", "b"),
            values=tuple(tuple(r) for r in values),
        )
    assert err.value.issues[0].code == code


def test_judgments_at_the_limit_and_their_group_mean_are_accepted() -> None:
    """1/1,000,000..1,000,000 itself, and a group's geometric mean of such judgments (which may round a
    hair beyond it); a hair more than rounding is refused."""
    labels = ("a", "b", "c")
    edge = ahp.JUDGMENT_LIMIT
    rows = [[[1, edge, x], [1 / edge, 1, 2], [1 / x, 0.5, 1]] for x in (3.0, 1 / edge)]
    members = [ahp.PairwiseMatrix.from_array(labels, r) for r in rows]
    group = ahp.aggregate_judgments(members)
    assert group.judgment("a", "b") == pytest.approx(edge, rel=1e-12)
    assert group.judgment("b", "a") == pytest.approx(1 / edge, rel=1e-12)
    for beyond in (edge * (1 + 1e-8), 1 / (edge * (1 + 1e-8))):
        issues = ahp.validate_pairwise(labels, [[1, beyond, 1], [1 / beyond, 1, 1], [1, 1, 1]])
        assert [(i.code, i.line, i.column) for i in issues] == [
            ("pairwise_out_of_range", 2, "b"),
            ("pairwise_out_of_range", 3, "a"),
        ]


def test_fraction_text() -> None:
    assert ahp.fraction_text(3.0) == "3"
    assert ahp.fraction_text(1 / 3) == "1/3"
    assert ahp.fraction_text(2.5) == "2.5"


# --- groups --------------------------------------------------------------------------------


def _m(labels: str, upper: list[float]) -> ahp.PairwiseMatrix:
    n = len(labels)
    a = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j], a[j, i] = upper[k], 1 / upper[k]
            k += 1
    return ahp.PairwiseMatrix.from_array(list(labels), a)


def test_aij_is_the_elementwise_geometric_mean_then_the_eigenvector() -> None:
    m1, m2 = _m("abc", [3, 5, 2]), _m("abc", [1 / 3, 1, 4])
    group = ahp.analyse_group([m1, m2], "aij")
    expected = ahp.analyse(ahp.PairwiseMatrix.from_array("abc", np.sqrt(m1.array * m2.array)))
    assert group.weights == pytest.approx(expected.weights)
    assert group.cr == pytest.approx(expected.cr)
    assert group.group_matrix[0][1] == pytest.approx(1.0)  # sqrt(3 * 1/3)


def test_group_matrix_need_not_be_on_the_saaty_scale() -> None:
    group = ahp.analyse_group([_m("abc", [2, 3, 4]), _m("abc", [3, 5, 7])])
    assert group.group_matrix[0][1] == pytest.approx(math.sqrt(6))


def test_aip_is_the_geometric_mean_of_member_priorities() -> None:
    m1, m2 = _m("abc", [3, 5, 2]), _m("abc", [1 / 3, 1, 4])
    w1 = np.array(list(ahp.analyse(m1).weights.values()))
    w2 = np.array(list(ahp.analyse(m2).weights.values()))
    g = np.sqrt(w1 * w2)
    group = ahp.analyse_group([m1, m2], "aip")
    np.testing.assert_allclose(list(group.weights.values()), g / g.sum())


def test_member_weights_pull_the_group_towards_the_heavier_member() -> None:
    m1, m2 = _m("abc", [9, 9, 1]), _m("abc", [1 / 9, 1 / 9, 1])
    even = ahp.analyse_group([m1, m2])
    heavy = ahp.analyse_group([m1, m2], member_weights=[3, 1])
    assert heavy.weights["a"] > even.weights["a"]
    assert heavy.member_weights == pytest.approx((0.75, 0.25))


def test_identical_members_have_full_consensus() -> None:
    m = _m("abcd", [3, 5, 7, 2, 3, 2])
    group = ahp.analyse_group([m, m, m])
    assert group.consensus is not None
    assert group.consensus.s_star == pytest.approx(1.0)
    assert group.consensus.band.en == "very high"


def test_consensus_matches_goepel_formula_by_hand() -> None:
    p = np.array([[0.6, 0.3, 0.1], [0.2, 0.3, 0.5]])
    h = lambda v: -np.sum(v * np.log(v))  # noqa: E731
    h_alpha = (h(p[0]) + h(p[1])) / 2
    h_gamma = h(p.mean(axis=0))
    m, n = 9, 3
    top, rest = m / (n + m - 1), 1 / (n + m - 1)
    h_alpha_min = -top * math.log(top) - (n - 1) * rest * math.log(rest)
    c = math.exp(math.log(n) - h_alpha_min)
    expected = (1 / math.exp(h_gamma - h_alpha) - 1 / c) / (1 - 1 / c)
    result = ahp.ahp_consensus(p)
    assert result is not None
    assert result.s_star == pytest.approx(expected)
    assert result.h_beta == pytest.approx(h_gamma - h_alpha)


def test_opposed_members_have_low_consensus_and_one_member_has_none() -> None:
    extreme = ahp.analyse(_m("abc", [9, 9, 1])).weights
    opposite = ahp.analyse(_m("abc", [1 / 9, 1, 9])).weights
    p = np.array([list(extreme.values()), list(opposite.values())])
    result = ahp.ahp_consensus(p)
    assert result is not None and result.s_star < 0.5 and result.band.en == "very low"
    assert ahp.ahp_consensus(p[:1]) is None


@pytest.mark.parametrize(
    "s, band", [(0.49, "very low"), (0.5, "low"), (0.7, "moderate"), (0.8, "high"), (0.9, "very high")]
)
def test_consensus_bands(s: float, band: str) -> None:
    assert ahp.consensus_band(s).en == band


def test_members_must_compare_the_same_criteria() -> None:
    with pytest.raises(InputError) as err:
        ahp.analyse_group([_m("abc", [1, 1, 1]), _m("abd", [1, 1, 1])])
    assert err.value.issues[0].code == "pairwise_criteria_mismatch"


def test_reordering_a_matrix_keeps_its_judgments() -> None:
    m = _m("abc", [3, 5, 2])
    r = m.reordered(["c", "a", "b"])
    assert r.judgment("a", "b") == pytest.approx(3)
    assert ahp.analyse(r).weights == pytest.approx(ahp.analyse(m).weights)


def test_a_consistent_five_by_five_matrix_has_cr_exactly_zero() -> None:
    w = np.array([0.4, 0.25, 0.15, 0.12, 0.08])
    result = ahp.analyse(ahp.PairwiseMatrix.from_array(list("abcde"), np.outer(w, 1 / w)))
    assert result.cr == 0.0 and result.ci == 0.0


def test_judgments_off_saatys_scale_are_warned_about() -> None:
    on_scale = ahp.PairwiseMatrix.from_judgments(["a", "b", "c"], {("a", "b"): 9.0, ("b", "c"): 1 / 9})
    assert ahp.analyse(on_scale).warnings == ()
    off = ahp.PairwiseMatrix.from_judgments(["a", "b", "c"], {("a", "b"): 12.0, ("b", "c"): 1 / 20})
    warnings = ahp.analyse(off).warnings
    assert len(warnings) == 2
    assert "a vs b = 12" in warnings[0].en and "1/9..9" in warnings[0].en
    assert "b mot c = 1/20" in warnings[1].nb
    group = ahp.analyse_group([on_scale, off], sources=["m1", "m2"])
    assert [w.en.split(":")[0] for w in group.warnings] == ["m2", "m2"]
    assert group.to_json_dict()["warnings"][0].startswith("m2: a vs b")


@settings(max_examples=40, deadline=None)
@given(judgment_matrices())
def test_a_workshop_matrix_parsed_once_is_the_matrix_validated_by_the_model(pairwise: ahp.PairwiseMatrix) -> None:
    """parse_matrix checks the cells itself and builds the model without checking them again; the
    result must be the model pydantic's validation gives, with the same analysis."""
    from mcda.workshop.group import parse_matrix

    rows = [[ahp.fraction_text(x) if i != j else 1 for j, x in enumerate(row)] for i, row in enumerate(pairwise.values)]
    parsed = parse_matrix(pairwise.labels, rows)
    validated = ahp.PairwiseMatrix(labels=pairwise.labels, values=parsed.values)
    assert parsed == validated
    assert all(type(x) is float for row in parsed.values for x in row)
    assert ahp.analyse(parsed) == ahp.analyse(validated)
    rows_, cols = ahp.upper_triangle(pairwise.n)
    assert np.array_equal(rows_, np.triu_indices(pairwise.n, 1)[0]) and np.array_equal(
        cols, np.triu_indices(pairwise.n, 1)[1]
    )
    assert not rows_.flags.writeable and not cols.flags.writeable


@settings(max_examples=40, deadline=None)
@given(
    judgment_matrices(),
    st.sampled_from(["eigenvector", "geometric"]),
    st.sampled_from(["saaty", "alonso-lamata"]),
)
def test_consistency_is_analyse_without_the_matrix_and_notes(
    pairwise: ahp.PairwiseMatrix, method: ahp.PriorityMethod, table: ahp.RITable
) -> None:
    """A workshop submission keeps ahp.consistency; it must be what ahp.analyse gives, to the bit."""
    full, lean = ahp.analyse(pairwise, method, table), ahp.consistency(pairwise, method, table)
    assert lean.weights == full.weights and list(lean.weights) == list(full.weights)
    assert (lean.lambda_max, lean.ci, lean.ri, lean.cr, lean.consistent) == (
        full.lambda_max,
        full.ci,
        full.ri,
        full.cr,
        full.consistent,
    )
    assert lean.hints == full.hints


@pytest.mark.parametrize("cell", [(-1, 0), (0, 0), (0, -1)], ids=["below", "diagonal", "above"])
@pytest.mark.parametrize("odd", [math.nan, math.inf, -math.inf, 0.0, -2.0, 2.0, 1.0 + 1e-8, True, 3, "1/3"])
@settings(max_examples=10, deadline=None)
@given(pairwise=judgment_matrices())
def test_a_matrix_of_plain_floats_is_checked_as_any_other_matrix(
    pairwise: ahp.PairwiseMatrix, odd: object, cell: tuple[int, int]
) -> None:
    """parse_matrix takes lists of finite floats by a shorter way; the same matrix as tuples goes the
    long way, cell by cell: both give the same matrix, or the same located refusals (and analyse_judgments
    the same analysis: lists of floats go the lean way of mcda.workshop.matrix_check, within 1e-12)."""
    from mcda.workshop.group import analyse_judgments, parse_matrix

    rows = [list(row) for row in pairwise.values]
    assert parse_matrix(pairwise.labels, rows) == parse_matrix(pairwise.labels, tuple(map(tuple, rows)))
    rows[cell[0]][cell[1]] = odd  # off the diagonal this breaks reciprocity unless it happens to fit
    outcomes = []
    for given_rows in (rows, tuple(map(tuple, rows))):
        try:
            outcomes.append(analyse_judgments("ahp", pairwise.labels, given_rows))
        except InputError as exc:
            outcomes.append(tuple(exc.issues))
    if isinstance(outcomes[1], tuple):
        assert outcomes[0] == outcomes[1]
    else:
        assert_same(outcomes[0].model_dump(), outcomes[1].model_dump())
