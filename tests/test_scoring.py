"""Scoring rounds, the pure part (mcda.workshop.scoring): cells, answer checks, statistics, agreement."""

from __future__ import annotations

import pytest

from mcda.errors import MESSAGES, InputError
from mcda.workshop import scoring

# Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
# Communication, University of Pennsylvania, example C: 4 observers, 12 units, values 1-5, missing
# values; published alphas: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
N = None
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


def test_ordinal_alpha_matches_krippendorffs_published_example() -> None:
    alpha, reason = scoring.ordinal_alpha(KRIPPENDORFF_2011, [1, 2, 3, 4, 5])
    assert reason is None
    assert alpha == pytest.approx(0.815, abs=5e-4)


def test_ordinal_alpha_matches_a_hand_computation() -> None:
    # units {1, 1} and {2, 3}; n_1 = 2, n_2 = 1, n_3 = 1, N = 4. Ordinal metric
    # delta^2(c, k) = (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2: d(1,2) = 2.25, d(2,3) = 1, d(1,3) = 6.25.
    # D_o = (o_23 + o_32) * 1 / N = 2 / 4 = 0.5; D_e = 2 (2*2.25 + 2*6.25 + 1*1) / (4*3) = 3; alpha = 1 - 0.5/3.
    alpha, reason = scoring.ordinal_alpha([[1, 2], [1, 3]], [0, 1, 2, 3, 4])
    assert reason is None
    assert alpha == pytest.approx(1 - 0.5 / 3)


def test_ordinal_alpha_is_one_for_perfect_agreement_and_undefined_when_it_says_nothing() -> None:
    assert scoring.ordinal_alpha([[0, 2, 4], [0, 2, 4], [0, 2, 4]], [0, 1, 2, 3, 4]) == (pytest.approx(1.0), None)
    assert scoring.ordinal_alpha([[3, 3], [3, 3]], [0, 1, 2, 3, 4]) == (None, "no_variation")
    assert scoring.ordinal_alpha([[1, None], [2, 3]], [0, 1, 2, 3, 4]) == (None, "too_few")  # one paired unit
    assert scoring.ordinal_alpha([[None, None]], [0, 1, 2, 3, 4]) == (None, "too_few")


def test_cell_statistics_by_hand() -> None:
    # sorted answers 1, 2, 2, 4 (one "don't know"); type-7 quartiles: h = (n-1) p
    # Q1: h = 0.75 -> 1 + 0.75 (2 - 1) = 1.75; median: h = 1.5 -> 2; Q3: h = 2.25 -> 2 + 0.25 (4 - 2) = 2.5
    stats = scoring.cell_statistics([4, None, 2, 1, 2])
    assert (stats.n, stats.dont_know) == (4, 1)
    assert (stats.median, stats.q1, stats.q3, stats.min, stats.max) == (2.0, 1.75, 2.5, 1.0, 4.0)
    assert stats.iqr == pytest.approx(0.75)
    # an even number of answers: the median is the mean of the middle two (a half step)
    assert scoring.cell_statistics([1, 2]).median == 1.5
    three = scoring.cell_statistics([2, 3, 4])
    assert (three.median, three.q1, three.q3) == (3.0, 2.5, 3.5)
    nothing = scoring.cell_statistics([None, None])
    assert (nothing.n, nothing.dont_know, nothing.median, nothing.iqr) == (0, 2, None, None)


def test_default_cells_are_the_missing_and_expert_judgment_cells_on_scored_criteria(shipped_problem) -> None:
    cells = scoring.default_cells(shipped_problem)
    assert cells
    for a, c in cells:
        cell = shipped_problem.cells[a][c]
        assert shipped_problem.criterion(c).scale is not None
        assert cell.value is None or cell.provenance.kind == "expert_judgment"
    assert ("P04", "climate_advantage") in cells  # missing in the shipped data
    assert not any(c == "power_demand" for _, c in cells)  # measured, no scale


def test_choosing_cells_refuses_unknown_unscaled_and_duplicate_cells(shipped_problem) -> None:
    chosen = scoring.choose_cells(shipped_problem, [("P08", "resource_base"), ("P04", "climate_advantage")], None)
    assert chosen == (("P08", "resource_base"), ("P04", "climate_advantage"))  # criterion order, then position
    whole = scoring.choose_cells(shipped_problem, None, ["maturity"])
    assert whole == tuple((a, "maturity") for a in shipped_problem.alternative_ids)
    with pytest.raises(InputError) as info:
        scoring.choose_cells(
            shipped_problem,
            [("PX", "maturity"), ("P01", "nope"), ("P01", "power_demand"), ("P01", "maturity"), ("P01", "maturity")],
            None,
        )
    codes = [i.code for i in info.value.issues]
    assert codes == [
        "scoring_position_unknown",
        "weight_unknown",
        "scoring_criterion_unscaled",
        "scoring_cell_duplicate",
    ]
    assert "measured criterion" in info.value.messages("en")[2]
    assert "målt kriterium" in info.value.messages("nb")[2]
    with pytest.raises(InputError, match="either cells or whole criteria"):
        scoring.choose_cells(shipped_problem, [("P01", "maturity")], ["maturity"])


CELLS = (("P04", "climate_advantage"), ("P08", "resource_base"))


def test_answers_are_checked_and_left_out_cells_mean_dont_know(shipped_problem) -> None:
    sheet = scoring.check_scores(
        shipped_problem, CELLS, {"P04": {"climate_advantage": 3}}, {"P04": {"climate_advantage": "  mye\nvannkraft "}}
    )
    assert sheet.scores == {"P04": {"climate_advantage": 3.0}, "P08": {"resource_base": None}}
    assert sheet.rationales == {"P04": {"climate_advantage": "mye vannkraft"}}
    assert scoring.check_scores(shipped_problem, CELLS, {"P04": {"climate_advantage": "2"}}).scores["P04"] == {
        "climate_advantage": 2.0
    }


@pytest.mark.parametrize(
    ("scores", "code", "en", "nb"),
    [
        ({"P04": {"climate_advantage": 2.5}}, "scoring_fraction", "not a whole level", "ikke et helt nivå"),
        ({"P04": {"climate_advantage": 5}}, "scoring_off_scale", "off the criterion's scale", "utenfor kriteriets"),
        ({"P04": {"climate_advantage": -1}}, "scoring_off_scale", "levels 0, 1, 2, 3, 4", "nivåene 0, 1, 2, 3, 4"),
        ({"P04": {"climate_advantage": "høy"}}, "scoring_not_a_level", "is not a score", "er ikke en skår"),
        ({"P04": {"climate_advantage": True}}, "scoring_not_a_level", "is not a score", "er ikke en skår"),
        ({"PX": {"climate_advantage": 1}}, "scoring_position_unknown", "not a position", "ikke en posisjon"),
        ({"P04": {"nope": 1}}, "weight_unknown", "not a criterion", "ikke et kriterium"),
        ({"P01": {"maturity": 1}}, "scoring_cell_not_asked", "not one of the cells", "ikke en av cellene"),
        ({"P04": {"climate_advantage": None}}, "scoring_nothing", "don't know", "vet ikke"),
        ({}, "scoring_nothing", "score at least one cell", "skår minst én celle"),
        ([3, 2], "scoring_expected_mapping", "expected scores as a mapping", "forventet skårer"),
    ],
)
def test_bad_answers_get_a_located_message_in_both_languages(shipped_problem, scores, code, en, nb) -> None:
    with pytest.raises(InputError) as info:
        scoring.check_scores(shipped_problem, CELLS, scores)
    issue = info.value.issues[0]
    assert issue.code == code
    assert en in issue.message("en") and nb in issue.message("nb")
    if code in ("scoring_fraction", "scoring_off_scale"):
        assert "P04/climate_advantage" in issue.message("nb")


def test_rationales_are_short_plain_text(shipped_problem) -> None:
    with pytest.raises(InputError, match="at most 500"):
        scoring.check_scores(
            shipped_problem, CELLS, {"P04": {"climate_advantage": 1}}, {"P04": {"climate_advantage": "x" * 501}}
        )
    with pytest.raises(InputError, match="not one of the cells"):
        scoring.check_scores(shipped_problem, CELLS, {"P04": {"climate_advantage": 1}}, {"P01": {"maturity": "hm"}})


def test_criterion_agreement_counts_its_cells_and_values() -> None:
    cells = (("A", "c"), ("B", "c"), ("C", "d"))
    members = [{"A": {"c": 1}, "B": {"c": 3}, "C": {"d": 2}}, {"A": {"c": 1}, "B": {"c": 2}}, {"A": {"c": None}}]
    agreement = scoring.criterion_agreement("c", cells, members, [0, 1, 2, 3, 4])
    assert (agreement.cells, agreement.values) == (2, 4)
    assert agreement.alpha == pytest.approx(scoring.ordinal_alpha([[1, 3], [1, 2], [None, None]], [0, 1, 2, 3, 4])[0])
    assert scoring.criterion_agreement("d", cells, members, [0, 1, 2, 3, 4]).undefined == "too_few"


def test_every_scoring_message_exists_in_both_languages() -> None:
    codes = [c for c in MESSAGES if c.startswith("scoring_")]
    assert len(codes) >= 15
    assert all(MESSAGES[c][0] and MESSAGES[c][1] and MESSAGES[c][0] != MESSAGES[c][1] for c in codes)
