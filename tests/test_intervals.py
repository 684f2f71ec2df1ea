"""Missing values as intervals: the policy, rank ranges, acceptability and knowledge gaps."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mcda.errors import InputError
from mcda.gaps import analyse_gaps
from mcda.missing import DEFAULT_MISSING_POLICY, apply_missing_policy, missing_interval
from mcda.models import Alternative, Cell, Criterion, DecisionProblem, LocalizedText, Scale, WeightSet
from mcda.ranking import RankingSettings, compute_scores, rank_alternatives, rank_scores
from mcda.sensitivity import analyse_rank_acceptability


def _problem(values: dict[str, list[float | None]], ranges: dict[tuple[str, str], tuple[float, float]] | None = None):
    """Three criteria: 'score' on a 0..4 scale (benefit), 'cost' measured (cost), 'demand' measured (benefit)."""
    criteria = (
        Criterion(
            id="score",
            name=LocalizedText(en="Score", nb="Skår"),
            direction="benefit",
            scale=Scale(min=0, max=4),
        ),
        Criterion(id="cost", name=LocalizedText(en="Cost", nb="Kostnad"), direction="cost"),
        Criterion(id="demand", name=LocalizedText(en="Demand", nb="Etterspørsel"), direction="benefit"),
    )
    ranges = ranges or {}
    alts = tuple(Alternative(id=a, name=LocalizedText(en=a, nb=a)) for a in values)
    cells = {
        a: {
            c.id: Cell(
                value=v,
                low=ranges.get((a, c.id), (None, None))[0],
                high=ranges.get((a, c.id), (None, None))[1],
            )
            for c, v in zip(criteria, row)
        }
        for a, row in values.items()
    }
    return DecisionProblem(criteria=criteria, alternatives=alts, cells=cells)


PROBLEM = _problem(
    {
        "A": [3.0, 10.0, 5.0],
        "B": [None, 12.0, 6.0],
        "C": [2.0, None, 4.0],
        "D": [1.0, 20.0, 2.0],
    }
)
EQUAL = WeightSet.equal(["score", "cost", "demand"])


def test_interval_is_the_default_policy():
    assert DEFAULT_MISSING_POLICY == "interval"
    ranking = rank_alternatives(PROBLEM, EQUAL)
    assert ranking.missing_policy == "interval"
    assert ranking.excluded_criteria == ()
    assert set(ranking.weights.weights) == {"score", "cost", "demand"}


def test_intervals_come_from_scale_observed_range_and_data():
    assert missing_interval(PROBLEM, "B", "score") == (0.0, 4.0, "scale")
    assert missing_interval(PROBLEM, "C", "cost") == (10.0, 20.0, "observed")
    own = _problem({"A": [1.0, 10.0, 5.0], "B": [2.0, None, 6.0]}, ranges={("B", "cost"): (11.0, 13.0)})
    assert missing_interval(own, "B", "cost") == (11.0, 13.0, "data")


def test_point_value_is_the_midpoint_and_cells_are_listed():
    outcome = apply_missing_policy(PROBLEM, "interval")
    b = outcome.problem.cell("B", "score")
    c = outcome.problem.cell("C", "cost")
    assert (b.value, b.low, b.high) == (2.0, 0.0, 4.0)
    assert (c.value, c.low, c.high) == (15.0, 10.0, 20.0)
    assert b.provenance.kind == "missing"
    assert outcome.interval_cells == (("B", "score"), ("C", "cost"))
    assert "2" in outcome.notes[0].nb and "intervaller" in outcome.notes[0].nb


def test_a_criterion_without_values_or_scale_is_refused_by_name():
    empty = _problem({"A": [1.0, None, 5.0], "B": [2.0, None, 6.0]})
    with pytest.raises(InputError) as err:
        apply_missing_policy(empty, "interval")
    assert "cost" in err.value.message("en")


def _brute_force_ranks(problem: DecisionProblem, weights: WeightSet, method: str, points: int = 9):
    """Every combination of `points` values per interval cell: the min and max rank of each position."""
    outcome = apply_missing_policy(problem, "interval")
    used = outcome.problem
    cells = [
        (used.alternative_ids.index(a), used.criterion_ids.index(c), used.cell(a, c).low, used.cell(a, c).high)
        for a, c in outcome.interval_cells
    ]
    m = len(used.alternative_ids)
    best, worst = np.full(m, m), np.ones(m, dtype=int)
    w = weights.vector(used.criterion_ids)
    for combo in itertools.product(*[np.linspace(lo, hi, points) for *_, lo, hi in cells]):
        x = np.array(used.matrix, dtype=float)
        for (i, j, *_), v in zip(cells, combo):
            x[i, j] = v
        ranks = rank_scores(compute_scores(x, w, used.types, method).scores)
        best, worst = np.minimum(best, ranks), np.maximum(worst, ranks)
    return dict(zip(used.alternative_ids, best)), dict(zip(used.alternative_ids, worst))


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_rank_ranges_match_a_brute_force_search(method):
    ranking = rank_alternatives(PROBLEM, EQUAL, settings=RankingSettings(method=method))
    best, worst = _brute_force_ranks(PROBLEM, EQUAL, method)
    for e in ranking.entries:
        assert e.rank_best <= e.rank <= e.rank_worst
        assert (e.rank_best, e.rank_worst) == (best[e.id], worst[e.id]), e.id


def test_other_policies_have_no_rank_ranges_and_keep_working():
    dropped = rank_alternatives(PROBLEM, EQUAL, settings=RankingSettings(missing_policy="drop_criteria"))
    assert dropped.excluded_criteria == ("score", "cost")
    assert all(e.rank_best is None and e.rank_worst is None for e in dropped.entries)
    with pytest.raises(InputError):
        rank_alternatives(PROBLEM, EQUAL, settings=RankingSettings(missing_policy="refuse"))


def test_acceptability_samples_the_intervals_with_fixed_weights():
    result = analyse_rank_acceptability(PROBLEM, EQUAL, samples=4000, seed=1, settings=RankingSettings(method="wsm"))
    first = result.first()
    assert result.data_uncertainty is not None
    # B's unknown score decides between A and B: both are first in some samples
    assert 0.05 < first["A"] < 0.95 and 0.05 < first["B"] < 0.95
    assert any("intervall" in n.nb for n in result.notes)


def test_acceptability_with_another_policy_keeps_data_fixed():
    result = analyse_rank_acceptability(
        PROBLEM,
        EQUAL,
        samples=500,
        seed=1,
        settings=RankingSettings(method="wsm", missing_policy="drop_criteria"),
    )
    assert result.data_uncertainty is None
    assert sorted(result.first().values()) == [0.0, 0.0, 0.0, 1.0]


def test_gaps_find_the_cell_that_decides_first_place():
    analysis = analyse_gaps(PROBLEM, EQUAL, settings=RankingSettings(method="wsm"), samples=2000, seed=3)
    by_cell = {(g.id, g.criterion): g for g in analysis.gaps}
    b, c = by_cell[("B", "score")], by_cell[("C", "cost")]
    assert b.can_change_first and b.kind == "missing" and b.interval == (0.0, 4.0)
    assert analysis.gaps[0] == b  # most influential first
    assert b.share > c.share
    # one cell at a time over its interval, the other at its midpoint: brute force on a fine grid
    used = apply_missing_policy(PROBLEM, "interval").problem
    w = EQUAL.vector(used.criterion_ids)
    for gap, (i, j) in ((b, (1, 0)), (c, (2, 1))):
        ranks = []
        for v in np.linspace(*gap.interval, 201):
            x = np.array(used.matrix, dtype=float)
            x[i, j] = v
            ranks.append(rank_scores(compute_scores(x, w, used.types, "wsm").scores)[i])
        assert (gap.rank_best, gap.rank_worst) == (min(ranks), max(ranks))
    assert 0.0 <= sum(g.share for g in analysis.gaps) <= 1.0 + 1e-9


def test_gaps_include_values_with_their_own_range():
    problem = _problem(
        {"A": [3.0, 10.0, 5.0], "B": [3.0, 12.0, 6.0], "C": [2.0, 11.0, 4.0]},
        ranges={("A", "demand"): (4.0, 8.0)},
    )
    analysis = analyse_gaps(problem, EQUAL, settings=RankingSettings(method="wsm"), samples=200)
    assert [(g.id, g.criterion, g.kind) for g in analysis.gaps] == [("A", "demand", "uncertain")]
    assert analysis.gaps[0].value_now == 5.0


def test_shipped_problem_uses_every_criterion_by_default(shipped_problem):
    ranking = rank_alternatives(shipped_problem, WeightSet.equal(shipped_problem.criterion_ids))
    assert ranking.excluded_criteria == ()
    assert len(ranking.weights.weights) == len(shipped_problem.criterion_ids)
    assert len(ranking.interval_cells) == len(shipped_problem.missing_cells())
    assert all(e.rank_best <= e.rank <= e.rank_worst for e in ranking.entries)
