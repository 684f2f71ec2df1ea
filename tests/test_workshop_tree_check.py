"""A tree round's fast check (:class:`mcda.workshop.tree_check.TreeRoundCheck`) against the reference
path (:func:`mcda.workshop.tree.analyse_tree_judgments`): the same matrices, global weights (1e-12),
CR, consistency, hints and stored details for valid judgments, the same issues for invalid ones.

Judgments are random matrices over random plans of three trees (the shipped one, a flat one, and a
deeper one with a node of nine children), some of them spoilt in one of the ways a caller can spoil
them (a cell that is not a number, zero, negative, infinite, off the diagonal's 1, not reciprocal,
a row too short, a node missing or not chosen, another shape altogether); some in shapes the fast
path hands to the reference parse (fractions as text, integers, a PairwiseMatrix in another order).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda import ahp
from mcda.errors import InputError
from mcda.models import CriteriaGroup, LocalizedText, ValueTree
from mcda.workshop import shipped_problem
from mcda.workshop.results import TreeRound
from mcda.workshop.tree import analyse_tree_judgments, check_nodes, plan_round
from mcda.workshop.tree_check import TreeRoundCheck

Analysis = TypeVar("Analysis")


def _group(gid: str, *children: str) -> CriteriaGroup:
    return CriteriaGroup(id=gid, name=LocalizedText(en=gid, nb=gid), children=children)


NINE = tuple(f"n{k}" for k in range(9))
TREES = {
    "shipped": shipped_problem().tree,
    "flat": ValueTree.flat(["a", "b", "c", "d", "e"]),
    "deep": ValueTree(
        criteria=("x1", "x2", "x3", *NINE, "y1", "z1", "z2"),
        groups=(
            _group("upper", "middle", "wide", "y1"),
            _group("middle", "x1", "x2", "x3"),
            _group("wide", *NINE),
            _group("lone", "z1"),
            _group("pair", "lone", "z2"),
        ),
    ),
}

# what a caller might send in place of one judgment (spoilt_cell)
CELL_SPOILERS = (
    "text",
    "fraction",
    "integer",
    "numpy",
    "bool",
    "none",
    "zero",
    "negative",
    "nan",
    "inf",
    "diagonal",
    "not_reciprocal",
    "far_off",
)
SPOILERS = (
    *CELL_SPOILERS,
    "short_row",
    "row_as_text",
    "missing_node",
    "extra_node",
    "pairwise_matrix",
    "pairwise_matrix_wrong_children",
    "not_a_mapping",
)


@st.composite
def rounds(draw: st.DrawFn) -> tuple[ValueTree, TreeRound]:
    """A tree and a round's plan: some nodes chosen, the others kept at random local weights or equal."""
    tree = TREES[draw(st.sampled_from(sorted(TREES)))]
    weighed = tree.weighed_nodes
    chosen = draw(st.lists(st.sampled_from(weighed), min_size=1, max_size=len(weighed), unique=True))
    kept = draw(st.lists(st.sampled_from(weighed), max_size=len(weighed), unique=True))
    weight = st.floats(0.01, 10.0)
    previous_local = {node: {kid: draw(weight) for kid in tree.children(node)} for node in kept if node not in chosen}
    return tree, plan_round(tree, check_nodes(tree, chosen), previous_round=1, previous_local=previous_local)


@st.composite
def matrices(draw: st.DrawFn, n: int) -> list[list[float]]:
    """A valid matrix: Saaty values or any judgment in 1/30..30 (now and then one far off the scale, within
    ahp.JUDGMENT_LIMIT), or a consistent matrix with at most one judgment off (hints equally wrong: errors
    equal in exact arithmetic, some of them in floats too); the lower triangle the reciprocal or within
    the tolerance of it, the diagonal 1 or within 1e-9 of it."""
    if draw(st.integers(0, 2)) == 0:
        return draw(one_judgment_off(n))
    upper = st.one_of(st.sampled_from(ahp.SAATY_VALUES), st.floats(1 / 30, 30))
    if draw(st.integers(0, 19)) == 0:
        upper = st.one_of(upper, st.sampled_from([1 / 3000, 1500.0, 9e5, 1 / 9e5]))
    a = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            a[i][j] = draw(upper)
            a[j][i] = 1.0 / a[i][j] * draw(st.sampled_from([1.0, 1.0, 1.004, 0.996]))
        a[i][i] = draw(st.sampled_from([1.0, 1.0, 1.0 + 1e-10]))
    return a


@st.composite
def one_judgment_off(draw: st.DrawFn, n: int) -> list[list[float]]:
    """a_ij = v_i / v_j (small integers or any floats), one judgment above the diagonal multiplied by a
    factor (1: consistent; 1 + 1e-6: off by little)."""
    v = draw(
        st.lists(st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, 6.0]), st.floats(0.2, 5.0)), min_size=n, max_size=n)
    )
    a = [[v[i] / v[j] for j in range(n)] for i in range(n)]
    i = draw(st.integers(0, n - 2))
    j = draw(st.integers(i + 1, n - 1))
    a[i][j] *= draw(st.sampled_from([1.0, 2.0, 3.0, 0.5, 1 / 3, 9.0, 1 + 1e-6]))
    for i in range(n):
        for j in range(i + 1, n):
            a[j][i] = 1.0 / a[i][j] * draw(st.sampled_from([1.0, 1.0, 1.004]))
        a[i][i] = 1.0
    return a


@st.composite
def tree_judgments(draw: st.DrawFn) -> tuple[ValueTree, TreeRound, object]:
    tree, plan = draw(rounds())
    judgments: dict[object, object] = {node: draw(matrices(len(tree.children(node)))) for node in plan.chosen}
    for spoiler in draw(st.lists(st.sampled_from(SPOILERS), max_size=2)):
        judgments = _spoil(draw, tree, plan, judgments, spoiler)
    return tree, plan, judgments


def _spoil(draw: st.DrawFn, tree: ValueTree, plan: TreeRound, judgments: dict, spoiler: str) -> dict:
    if not isinstance(judgments, dict):
        return judgments
    if spoiler == "not_a_mapping":
        return list(judgments.values())  # type: ignore[return-value]
    if spoiler == "missing_node":
        return {k: v for k, v in judgments.items() if k != plan.chosen[0]}
    if spoiler == "extra_node":
        return {**judgments, draw(st.sampled_from(["nowhere", *tree.nodes])): [[1.0]]}
    node = draw(st.sampled_from(plan.chosen))
    rows = judgments.get(node)
    kids = tree.children(node)
    n = len(kids)
    if not isinstance(rows, list) or len(rows) != n or any(not isinstance(r, list) or len(r) != n for r in rows):
        return judgments  # spoilt already
    if spoiler == "pairwise_matrix":
        if not all(type(x) is float and 0 < x < math.inf for row in rows for x in row):
            return judgments
        return {**judgments, node: reordered_matrix(draw, kids, rows)}
    if spoiler == "pairwise_matrix_wrong_children":
        return {**judgments, node: ahp.PairwiseMatrix.identity([f"other{k}" for k in range(n)])}
    if spoiler == "short_row":
        return {**judgments, node: [row[:-1] if k == 0 else row for k, row in enumerate(rows)]}
    if spoiler == "row_as_text":
        return {**judgments, node: ["1, 2", *rows[1:]]}
    changed = with_spoilt_cell(draw, rows, spoiler)
    return judgments if changed is None else {**judgments, node: changed}


def reordered_matrix(draw: st.DrawFn, labels: tuple[str, ...], rows: list[list[float]]) -> ahp.PairwiseMatrix:
    """The matrix as a PairwiseMatrix with its labels in a drawn order."""
    n = len(labels)
    order = draw(st.permutations(range(n)))
    array = np.array(rows)[np.ix_(order, order)]
    lower = np.tril_indices(n, -1)
    array[lower] = 1.0 / array.T[lower]  # the matrix's own reciprocals (it checks them strictly)
    np.fill_diagonal(array, 1.0)
    return ahp.PairwiseMatrix.from_array([labels[k] for k in order], array)


def with_spoilt_cell(
    draw: st.DrawFn, rows: list[list[float]], spoiler: str, only_plain: bool = True
) -> list[list[object]] | None:
    """A copy of the rows with one drawn cell spoilt (spoilt_cell); None if ``only_plain`` and that cell is
    not a positive finite float (spoilt already)."""
    n = len(rows)
    i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
    if spoiler == "diagonal":
        j = i
    if spoiler == "not_reciprocal" and i == j:
        j = (i + 1) % n
    x = rows[i][j]
    if only_plain and (type(x) is not float or not 0 < x < math.inf):
        return None
    changed: list[list[object]] = [list(row) for row in rows]
    changed[i][j] = spoilt_cell(x, spoiler)
    return changed


def spoilt_cell(x: float, spoiler: str) -> object:
    """What a caller might send in place of the judgment ``x``."""
    return {
        "text": "three",
        "fraction": ahp.fraction_text(x),
        "integer": round(x) if x >= 1 and float(round(x)) == x else x,
        "numpy": np.float64(x),
        "bool": True,
        "none": None,
        "zero": 0.0,
        "negative": -x,
        "nan": math.nan,
        "inf": math.inf,
        "diagonal": 2.0,
        "not_reciprocal": x * 1.5,
        "far_off": 1e300,  # beyond ahp.JUDGMENT_LIMIT
    }[spoiler]


def _outcome(analyse: Callable[[object], Analysis], judgments: object) -> tuple[Analysis | None, list | None]:
    try:
        return analyse(judgments), None
    except InputError as exc:
        return None, exc.issues


def assert_same(fast: object, reference: object, where: str = "") -> None:
    """Equal, floats within 1e-12 (relative or absolute); mappings also in the same order."""
    if isinstance(reference, float) and isinstance(fast, float):
        assert math.isclose(fast, reference, rel_tol=1e-12, abs_tol=1e-12), where
    elif isinstance(reference, dict):
        assert isinstance(fast, dict) and list(fast) == list(reference), where
        for key in reference:
            assert_same(fast[key], reference[key], f"{where}/{key}")
    elif isinstance(reference, (list, tuple)):
        assert isinstance(fast, (list, tuple)) and len(fast) == len(reference), where
        for k, (x, y) in enumerate(zip(fast, reference, strict=True)):
            assert_same(x, y, f"{where}/{k}")
    else:
        assert fast == reference and type(fast) is type(reference), where


@settings(max_examples=400, deadline=None)
@given(tree_judgments())
def test_the_fast_check_gives_what_the_reference_gives(case: tuple[ValueTree, TreeRound, object]) -> None:
    tree, plan, judgments = case
    reference, reference_issues = _outcome(lambda j: analyse_tree_judgments(tree, plan, j), judgments)
    fast, fast_issues = _outcome(TreeRoundCheck(tree, plan).analyse, judgments)
    assert fast_issues == reference_issues
    if reference is None:
        return
    assert fast is not None
    assert_same(fast.judgments, reference.judgments)
    assert_same(fast.weights, reference.weights)
    assert math.fsum(fast.weights.values()) == pytest.approx(1.0, abs=1e-15)
    assert_same(fast.cr, reference.cr)
    assert fast.consistent is reference.consistent
    assert_same(fast.stored_details(), reference.stored_details())
    as_model = fast.judgment_analysis()
    assert_same(as_model.model_dump(), reference.model_dump())


def test_the_fast_check_keeps_no_reference_to_the_callers_lists() -> None:
    tree = TREES["shipped"]
    plan = plan_round(tree, ("root",))
    given = {"root": [[1.0, 3.0, 2.0, 5.0], [1 / 3, 1.0, 0.5, 2.0], [0.5, 2.0, 1.0, 3.0], [0.2, 0.5, 1 / 3, 1.0]]}
    analysis = TreeRoundCheck(tree, plan).analyse(given)
    given["root"][0][1] = 9.0
    assert analysis.judgments["root"][0][1] == 3.0


def test_judgments_far_off_the_scale_are_refused_by_both_paths_alike() -> None:
    """Judgments of 1e300 gave priorities of exactly 0 and a CR of 0 (the eigenvector underflows); beyond
    ahp.JUDGMENT_LIMIT both paths refuse them, the fast check by handing them to the reference path."""
    tree = TREES["shipped"]
    plan = plan_round(tree, ("root",))
    kids = tree.children("root")
    for big in (1e300, 2e6):
        root = [[1.0, big, big, big], [1 / big, 1.0, big, big], [1 / big, 1 / big, 1.0, big], [1 / big] * 3 + [1.0]]
        outcomes = []
        for analyse in (lambda j: analyse_tree_judgments(tree, plan, j), TreeRoundCheck(tree, plan).analyse):
            with pytest.raises(InputError) as refused:
                analyse({"root": root})
            outcomes.append(refused.value.issues)
        assert outcomes[0] == outcomes[1]
        assert {issue.code for issue in outcomes[0]} == {"pairwise_out_of_range"}
        cells = {f"root: {kids[i]}/{kids[j]}" for i in range(4) for j in range(4) if i != j}
        assert {issue.column for issue in outcomes[0]} == cells
    edge = 1e6  # the limit itself is a judgment
    root = [[1.0, edge, 1.0, 1.0], [1 / edge, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]]
    assert TreeRoundCheck(tree, plan).analyse({"root": root}).judgment_analysis() == analyse_tree_judgments(
        tree, plan, {"root": root}
    )


def test_a_three_by_three_nodes_hints_come_in_the_cells_order() -> None:
    """Its three errors are equal in exact arithmetic (the row geometric means are its eigenvector):
    the fast check (closed form) and the reference (LAPACK) both give them in the cells' order."""
    tree = TREES["shipped"]
    plan = plan_round(tree, ("capability",))
    kids = tree.children("capability")
    judgments = {"capability": [[1.0, 2.0, 2.0], [0.5, 1.0, 2.0], [0.5, 0.5, 1.0]]}
    for analysis in (TreeRoundCheck(tree, plan).analyse(judgments), analyse_tree_judgments(tree, plan, judgments)):
        hints = analysis.stored_details()["nodes"]["capability"]["hints"]
        assert [(h["row"], h["column"]) for h in hints] == [(kids[0], kids[1]), (kids[0], kids[2]), (kids[1], kids[2])]
        assert [h["error"] for h in hints] == pytest.approx([2 ** (1 / 3)] * 3, rel=1e-12)
