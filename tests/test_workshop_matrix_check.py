"""An AHP workshop member's matrix analysed on plain floats (:mod:`mcda.workshop.matrix_check`)
against the reference (:func:`mcda.workshop.group.reference_ahp_analysis`: ``parse_matrix`` and ``ahp.consistency``):
the same matrix, weights (1e-12), CR, consistency, hints in the same order and stored details for
valid matrices; the same issues for invalid ones, which the lean path hands to the reference.

Matrices as the tree check's test draws them (Saaty values, any judgment in 1/30..30, now and then
one far off the scale; consistent ones with one judgment off, whose hints are equally wrong), of 2
to 12 criteria, some spoilt in one of the ways a caller can spoil them.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda import ahp
from mcda.errors import InputError
from mcda.workshop import WorkshopService, shipped_problem
from mcda.workshop.group import analyse_judgments, reference_ahp_analysis
from mcda.workshop.matrix_check import lean_analysis
from mcda.workshop.results import JudgmentAnalysis
from tests.test_workshop_tree_check import CELL_SPOILERS, assert_same, matrices, reordered_matrix, with_spoilt_cell

SPOILERS = (*CELL_SPOILERS, "numpy_array", "short_row", "tuple_rows", "pairwise_matrix")


@st.composite
def member_matrices(draw: st.DrawFn) -> tuple[tuple[str, ...], object]:
    n = draw(st.integers(2, 12))
    criteria = tuple(f"c{k}" for k in range(n))
    rows: object = draw(matrices(n))
    if draw(st.integers(0, 2)) == 0:
        rows = _spoil(draw, criteria, rows, draw(st.sampled_from(SPOILERS)))
    return criteria, rows


def _spoil(draw: st.DrawFn, criteria: tuple[str, ...], rows: list[list[float]], spoiler: str) -> object:
    if spoiler == "numpy_array":
        return np.array(rows)
    if spoiler == "tuple_rows":
        return tuple(tuple(row) for row in rows)
    if spoiler == "short_row":
        return [row[:-1] if k == 0 else row for k, row in enumerate(rows)]
    if spoiler == "pairwise_matrix":
        return reordered_matrix(draw, criteria, rows)
    changed = with_spoilt_cell(draw, rows, spoiler, only_plain=False)
    assert changed is not None
    return changed


def _outcome(analyse, judgments: object) -> tuple[object, list | None]:
    try:
        return analyse(judgments), None
    except InputError as exc:
        return None, exc.issues


@settings(max_examples=400, deadline=None)
@given(member_matrices())
def test_an_ahp_members_matrix_is_analysed_as_the_reference_does(case: tuple[tuple[str, ...], object]) -> None:
    criteria, judgments = case
    expected, expected_issues = _outcome(lambda j: reference_ahp_analysis(criteria, j), judgments)
    got, got_issues = _outcome(lambda j: analyse_judgments("ahp", criteria, j), judgments)
    assert got_issues == expected_issues
    lean = lean_analysis(criteria, judgments)
    if expected is None:
        assert lean is None
        return
    assert isinstance(got, JudgmentAnalysis) and isinstance(expected, JudgmentAnalysis)
    assert_same(got.model_dump(), expected.model_dump())
    assert got.hints == tuple(got.hints) and all(isinstance(h, ahp.InconsistencyHint) for h in got.hints)
    if lean is not None:  # plain floats within the lean path's range
        assert_same(lean.judgments, expected.judgments)
        assert_same(lean.weights, expected.weights)
        assert math.fsum(lean.weights.values()) == pytest.approx(1.0, abs=1e-15)
        assert_same(lean.cr, expected.cr)
        assert lean.consistent is expected.consistent
        assert_same(lean.stored_details(), expected.stored_details())


def test_plain_matrices_take_the_lean_path_and_others_the_reference() -> None:
    criteria = ("a", "b", "c", "d")
    rows = [[1.0, 3.0, 2.0, 5.0], [1 / 3, 1.0, 0.5, 2.0], [0.5, 2.0, 1.0, 3.0], [0.2, 0.5, 1 / 3, 1.0]]
    lean = lean_analysis(criteria, rows)
    assert lean is not None and [h["row"] for h in lean.hints] == [
        h.row for h in reference_ahp_analysis(criteria, rows).hints
    ]
    rows[0][1] = 9.0  # the analysis keeps no reference to the caller's lists
    assert lean.judgments[0][1] == 3.0
    as_text = [["1", "3", "2", "5"], ["1/3", "1", "1/2", "2"], ["1/2", "2", "1", "3"], ["1/5", "1/2", "1/3", "1"]]
    far_off = [[1.0, 1e7, 1.0, 1.0], [1e-7, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]]
    for other in (as_text, far_off, np.ones((4, 4)), [[1.0] * 4] * 3):
        assert lean_analysis(criteria, other) is None


def test_a_submission_stores_what_the_reference_analysis_stores(tmp_path) -> None:
    service = WorkshopService(f"sqlite:///{tmp_path / 'lean.sqlite'}")
    criteria = list(shipped_problem().criterion_ids)
    created = service.create_workshop(name="Lean", criteria=criteria)
    token = service.join(created.join_code, display_name="Member").token
    rng = np.random.default_rng(7)
    n = len(criteria)
    rows = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            rows[i][j] = float(rng.choice(ahp.SAATY_VALUES))
            rows[j][i] = 1.0 / rows[i][j]
    record = service.submit(token, rows)
    expected = reference_ahp_analysis(criteria, rows)
    assert len(expected.hints) == ahp.HINTS_SHOWN  # random judgments: inconsistent
    stored = JudgmentAnalysis(
        judgments=record.judgments,
        weights=record.weights,
        cr=record.cr,
        consistent=record.consistent,
        hints=record.hints,
    )
    assert_same(stored.model_dump(), expected.model_dump())
    assert_same(
        service.member_view(token).submission.model_dump(include={"weights", "cr", "hints"}),
        record.model_dump(include={"weights", "cr", "hints"}),
    )
