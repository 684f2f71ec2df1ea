"""Outlooks: each change kind, weight changes, located errors, regret and minimax regret
by hand, expected rank, acceptability over outlooks, and the shipped outlooks."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
from conftest import ROOT

from mcda.errors import InputError
from mcda.models import Alternative, Cell, Criterion, DecisionProblem, LocalizedText, Provenance, Scale, WeightSet
from mcda.outlooks import (
    apply_outlook,
    base_outlook,
    load_outlooks,
    outlook_acceptability,
    parse_outlook,
    rank_across_outlooks,
    robust_entries,
)
from mcda.ranking import RankingSettings

WSM = RankingSettings(method="wsm", normalization="max", missing_policy="refuse")


def _problem(missing: bool = False) -> DecisionProblem:
    criteria = (
        Criterion(id="score", name=LocalizedText(en="Score"), direction="benefit", scale=Scale(min=0, max=4)),
        Criterion(id="cost", name=LocalizedText(en="Cost"), direction="cost"),
    )
    values = {"A": (3.0, 10.0), "B": (2.0, 5.0), "C": (1.0, None if missing else 8.0)}
    alternatives = tuple(Alternative(id=a, name=LocalizedText(en=a)) for a in values)
    cells = {
        a: {
            "score": Cell(value=s, provenance=Provenance(kind="expert_judgment", author="x", rationale="r")),
            "cost": Cell(value=c, provenance=Provenance(kind="published", source="[S1]"))
            if c is not None
            else Cell(value=None, provenance=Provenance(kind="missing")),
        }
        for a, (s, c) in values.items()
    }
    return DecisionProblem(
        criteria=criteria, alternatives=alternatives, cells=cells, sources={"S1": "A source", "S2": "Another"}
    )


def _outlook(body: str, name: str = "test.yaml", sources=None):
    head = "id: t\nname: {nb: Prøve, en: Test}\ndescription: {nb: Et bilde, en: A picture}\n"
    return parse_outlook(head + textwrap.dedent(body), name, sources)


WEIGHTS = WeightSet.from_raw({"score": 1, "cost": 1})


def test_set_add_multiply_widen_each_change_one_cell_and_its_provenance():
    problem = _problem()
    outlook = _outlook(
        """
        changes:
          - {positions: [C], criterion: score, add: 2, basis: judgment, sources: [S2], rationale: {nb: a, en: a}}
          - {positions: [A], criterion: cost, multiply: 1.5, basis: published, sources: [S1], rationale: b}
          - {positions: [B], criterion: cost, set: 4, basis: published, sources: [S1], rationale: c}
          - {positions: [A], criterion: score, widen: 1, basis: judgment, rationale: d}
        """
    )
    new, weights = apply_outlook(problem, WEIGHTS, outlook)
    assert new.cell("C", "score").value == 3.0
    assert new.cell("C", "score").provenance.kind == "expert_judgment"
    assert new.cell("C", "score").provenance.source == "[S2]"
    assert new.cell("A", "cost").value == pytest.approx(15.0)
    assert new.cell("A", "cost").provenance.source == "[S1]"
    assert new.cell("B", "cost").value == 4.0
    widened = new.cell("A", "score")
    assert (widened.value, widened.low, widened.high) == (3.0, 2.0, 4.0)
    assert widened.provenance == problem.cell("A", "score").provenance
    # pure: the inputs are unchanged, and untouched cells are the same
    assert problem.cell("C", "score").value == 1.0
    assert new.cell("B", "score") == problem.cell("B", "score")
    assert weights is WEIGHTS


def test_widen_is_clipped_to_the_scale():
    outlook = _outlook("changes:\n  - {positions: [A], criterion: score, widen: 3, basis: judgment, rationale: x}\n")
    cell = apply_outlook(_problem(), WEIGHTS, outlook)[0].cell("A", "score")
    assert (cell.low, cell.high) == (0.0, 4.0)


def test_weight_change_doubles_and_rescales():
    outlook = _outlook("weights:\n  - {criterion: score, multiply: 2, rationale: security first}\n")
    _, weights = apply_outlook(_problem(), WEIGHTS, outlook)
    assert weights.weights == pytest.approx({"score": 2 / 3, "cost": 1 / 3})
    assert weights.origin.details["outlook"] == "t"


@pytest.mark.parametrize(
    ("body", "code", "line", "fragment"),
    [
        ("  - {positions: [X], criterion: score, add: 1, basis: judgment, rationale: r}\n", "outlook_unknown", 5, "X"),
        (
            "  - {positions: [A], criterion: nope, add: 1, basis: judgment, rationale: r}\n",
            "outlook_unknown",
            5,
            "nope",
        ),
        (
            "  - {positions: [A], criterion: score, add: 2, basis: judgment, rationale: r}\n",
            "outlook_off_scale",
            5,
            "5",
        ),
        (
            "  - {positions: [C], criterion: cost, multiply: 2, basis: published, sources: [S1], rationale: r}\n",
            "outlook_on_missing",
            5,
            "missing",
        ),
        (
            "  - {positions: [A], criterion: cost, add: 1, basis: judgment, rationale: r}\n",
            "outlook_judgment_unscaled",
            5,
            "scale",
        ),
    ],
)
def test_bad_changes_name_the_file_and_line(body, code, line, fragment):
    outlook = _outlook("changes:\n" + body, name="outlooks/bad.yaml")
    with pytest.raises(InputError) as info:
        apply_outlook(_problem(missing=True), WEIGHTS, outlook)
    issue = info.value.issues[0]
    assert issue.code == code
    assert issue.file == "outlooks/bad.yaml" and issue.line == line
    for lang in ("en", "nb"):
        message = info.value.message(lang)
        assert message.startswith("outlooks/bad.yaml, ")
        assert ("linje 5" if lang == "nb" else "line 5") in message
    assert fragment in info.value.message("en")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("  - {positions: [A], criterion: score, add: 1, set: 2, basis: judgment, rationale: r}\n", "exactly one"),
        ("  - {positions: [A], criterion: score, add: 0.5, basis: judgment, rationale: r}\n", "whole"),
        ("  - {positions: [A], criterion: cost, multiply: 2, basis: judgment, rationale: r}\n", "published source"),
        ("  - {positions: [A], criterion: cost, set: 2, basis: published, rationale: r}\n", "source key"),
        (
            "  - {positions: [A], criterion: cost, set: 2, basis: published, sources: [S1], rationale: r, note: x}\n",
            "not a known field",
        ),
    ],
)
def test_malformed_outlooks_are_refused_with_a_line(body, fragment):
    with pytest.raises(InputError) as info:
        _outlook("changes:\n" + body, name="o.yaml")
    assert info.value.issues[0].line == 5
    assert fragment in info.value.message("en")


def test_unknown_source_key_is_located():
    with pytest.raises(InputError) as info:
        _outlook(
            "changes:\n  - {positions: [A], criterion: cost, set: 2, basis: published, sources: [S9], rationale: r}\n",
            sources={"S1": "x"},
        )
    assert info.value.issues[0].code == "outlook_unknown_source"
    assert info.value.issues[0].line == 5
    assert "litteraturlisten" in info.value.message("nb")


def test_regret_minimax_and_expected_rank_by_hand():
    problem = _problem()
    # ranks in three outlooks, written by hand
    ranks = {"o1": {"A": 1, "B": 2, "C": 3}, "o2": {"A": 3, "B": 1, "C": 2}, "o3": {"A": 1, "B": 2, "C": 3}}
    entries = {e.id: e for e in robust_entries(problem, ranks, {"o1": 0.5, "o2": 0.25, "o3": 0.25})}
    # regret = rank - 1; A: 0, 2, 0 -> max 2, mean 2/3; B: 1, 0, 1 -> max 1; C: 2, 1, 2 -> max 2, mean 5/3
    assert entries["A"].regret == {"o1": 0, "o2": 2, "o3": 0}
    assert [entries[a].max_regret for a in "ABC"] == [2, 1, 2]
    assert entries["B"].robust_rank == 1
    assert entries["A"].robust_rank == 2  # ties with C on max regret, lower mean regret
    assert entries["C"].robust_rank == 3
    assert entries["A"].expected_rank == pytest.approx(0.5 * 1 + 0.25 * 3 + 0.25 * 1)
    assert (entries["C"].rank_best, entries["C"].rank_worst) == (2, 3)


def test_rank_across_outlooks_against_rankings_done_by_hand():
    problem = _problem()
    shift = _outlook("changes:\n  - {positions: [B], criterion: score, add: 2, basis: judgment, rationale: r}\n")
    result = rank_across_outlooks(problem, WEIGHTS, [base_outlook(), shift], WSM, {"today": 3, "t": 1})
    # WSM with max normalisation, equal weights:
    # today: A 0.5*3/3 + 0.5*(1-10/10)=0.5; B 0.5*2/3+0.5*(1-5/10)=0.5833; C 0.5/3+0.5*0.2=0.2667 -> B, A, C
    # t: B's score 4: A 0.5*3/4 + 0 = 0.375; B 0.5 + 0.25 = 0.75; C 0.125 + 0.1 = 0.225 -> B, A, C
    assert [e.id for e in result.rankings[0].ranking.entries] == ["B", "A", "C"]
    assert result.rankings[1].ranking.score_of()["A"] == pytest.approx(0.375)
    assert result.probabilities == {"today": 0.75, "t": 0.25}
    assert [e.id for e in result.robust] == ["B", "A", "C"]
    assert result.entry("C").max_regret == 2
    with pytest.raises(InputError, match="probability"):
        rank_across_outlooks(problem, WEIGHTS, [base_outlook(), shift], WSM, {"today": 1})


def test_acceptability_samples_over_outlooks():
    problem = _problem()
    flip = _outlook(
        "changes:\n  - {positions: [C], criterion: score, set: 4, basis: judgment, rationale: r}\n"
        "  - {positions: [C], criterion: cost, set: 1, basis: published, sources: [S1], rationale: r}\n"
    )
    # with fixed weights, B is first today and C is first in the flipped outlook:
    # the first-place shares are the outlooks' sampled shares
    result = outlook_acceptability(
        problem,
        WEIGHTS,
        [base_outlook(), flip],
        cloud="fixed",
        samples=4000,
        seed=7,
        settings=WSM,
        probabilities={"today": 0.7, "t": 0.3},
    )
    first = result.first_share()
    n = result.samples_per_outlook
    assert sum(n.values()) == 4000
    assert first["B"] == pytest.approx(n["today"] / 4000)
    assert first["C"] == pytest.approx(n["t"] / 4000)
    assert abs(first["C"] - 0.3) < 0.05
    rows = np.array(result.acceptability)
    assert np.allclose(rows.sum(axis=0), 1) and np.allclose(rows.sum(axis=1), 1)
    again = outlook_acceptability(
        problem,
        WEIGHTS,
        [base_outlook(), flip],
        cloud="fixed",
        samples=4000,
        seed=7,
        settings=WSM,
        probabilities={"today": 0.7, "t": 0.3},
    )
    assert again == result


def test_shipped_outlooks_load_apply_and_cite_known_sources(shipped_problem):
    outlooks = load_outlooks(ROOT / "outlooks", shipped_problem.sources)
    assert 4 <= len(outlooks) <= 6
    weights = WeightSet.equal(shipped_problem.criterion_ids)
    for outlook in outlooks:
        assert outlook.name.nb != outlook.name.en
        assert outlook.changes or outlook.weights
        for change in outlook.changes:
            # never an invented figure: a judgment is a whole step on a scored criterion
            if change.basis == "judgment" and change.kind != "widen":
                assert shipped_problem.criterion(change.criterion).scale is not None
                assert change.amount == int(change.amount)
            assert change.sources, f"{outlook.id}: every shipped change cites its evidence"
        new, _ = apply_outlook(shipped_problem, weights, outlook)
        changed = [
            (a, c)
            for a in new.alternative_ids
            for c in new.criterion_ids
            if new.cell(a, c) != shipped_problem.cell(a, c)
        ]
        assert len(changed) >= 1
    result = rank_across_outlooks(shipped_problem, weights, (base_outlook(), *outlooks))
    assert len(result.rankings) == len(outlooks) + 1
    for entry in result.robust:
        assert entry.rank_best <= entry.rank_worst
        assert entry.max_regret == entry.rank_worst - 1
