"""What the outlook page shows, decided by the engine (:func:`mcda.outlook_views.outlook_view`): the
notes for what does not apply, the ranking across the picked outlooks and its table, each picked
outlook's changes, and the edge cases (nothing picked, one picked, probabilities that do not sum
to 1, an uploaded problem that the shipped outlooks were not written for)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT

from mcda.errors import InputError
from mcda.export.outlooks import outlook_section
from mcda.loading import load_problem
from mcda.models import WeightSet
from mcda.outlook_views import (
    OutlookNote,
    change_rows,
    first_place_table,
    outlook_view,
    sort_by_fit,
)
from mcda.outlooks import (
    BASE_ID,
    fits_problem,
    load_outlooks,
    outlook_acceptability,
    parse_outlook,
    rank_across_outlooks,
)
from mcda.ranking import RankingSettings

BECAUSE = "Begrunnelse"
OWN = parse_outlook(
    """id: dearer
name: {nb: Dyrere Alfa, en: Dearer Alpha}
description: {nb: Alfa blir dyrere., en: Alpha gets dearer.}
author: Testgruppen
changes:
  - {positions: [A], criterion: price, add: 50, basis: published, sources: [S1], rationale: {nb: Dyrere., en: Dearer.}}
weights:
  - criterion: price
    multiply: 3
    rationale: {nb: Prisen teller mer., en: Price counts more.}
""",
    "dearer.yaml",
)


@pytest.fixture(scope="module")
def shipped(shipped_problem):
    return shipped_problem, WeightSet.equal(shipped_problem.criterion_ids), load_outlooks(ROOT / "outlooks")


@pytest.fixture(scope="module")
def small():
    problem = load_problem(FIXTURES / "small_criteria.yaml", FIXTURES / "small_data.csv")
    return problem.model_copy_validated(sources={"S1": "A price list"})


def test_every_shipped_outlook_picked_gives_the_engines_ranking_table_and_changes(shipped) -> None:
    problem, weights, offered = shipped
    picked = [BASE_ID, *(o.id for o in offered)]
    view = outlook_view(problem, weights, offered, picked)
    assert view.notes == ()
    assert [o.id for o in view.options] == picked and [o.id for o in view.picked] == picked
    expected = rank_across_outlooks(problem, weights, view.picked)
    assert view.comparison == expected
    assert view.best == expected.robust[0]
    table = view.table
    assert table is not None
    assert list(table.columns[:2]) == ["Robust plass", "Posisjon"]
    assert list(table.columns[2 : 2 + len(picked)]) == [f"{k}. {o.name.nb}" for k, o in enumerate(view.picked, 1)]
    assert list(table.columns[-3:]) == ["Beste plass", "Dårligste plass", "Tapte plasser i verste fall"]
    assert table["Posisjon"].tolist() == [e.name.nb for e in expected.robust]
    assert table["Dårligste plass"].tolist() == [e.rank_worst for e in expected.robust]
    assert table["2. " + offered[0].name.nb].tolist() == [e.ranks[offered[0].id] for e in expected.robust]
    # one table per picked outlook but today, a row per change, each with its basis
    assert [c.outlook.id for c in view.changes] == picked[1:]
    for changes in view.changes:
        o = changes.outlook
        assert list(changes.table.columns) == ["Posisjoner", "Kriterium", "Endring", "Grunnlag", "Kilder", BECAUSE]
        assert len(changes.table) == len(o.changes) + len(o.weights)
        assert set(changes.table["Grunnlag"]) <= {"Publisert tall", "Ekspertvurdering"}
    china = next(c for c in view.changes if c.outlook.id == "china-export-controls")
    assert "(vekt)" in china.table["Posisjoner"].tolist()  # the supply-risk weight doubled
    assert "vekten ganges med 2" in china.table["Endring"].tolist()


def test_the_view_in_english(shipped) -> None:
    problem, weights, offered = shipped
    view = outlook_view(problem, weights, offered, [BASE_ID, offered[1].id], lang="en")
    assert view.table is not None and list(view.table.columns) == [
        "Robust rank",
        "Position",
        "1. Today",
        f"2. {offered[1].name.en}",
        "Best rank",
        "Worst rank",
        "Places lost at worst",
    ]
    assert list(view.changes[0].table.columns) == ["Positions", "Criterion", "Change", "Basis", "Sources", "Rationale"]
    assert set(view.changes[0].table["Basis"]) <= {"Published figure", "Expert judgment"}


@pytest.mark.parametrize("picked", [[], [BASE_ID], ["china-export-controls"], ["nowhere", BASE_ID, BASE_ID]])
def test_fewer_than_two_picked_gives_a_note_and_nothing_to_draw(shipped, picked: list[str]) -> None:
    problem, weights, offered = shipped
    view = outlook_view(problem, weights, offered, picked, probabilities={BASE_ID: 1.0})
    assert view.notes == (OutlookNote("need_two"),)
    assert (view.comparison, view.table, view.changes, view.best) == (None, None, (), None)
    assert [o.id for o in view.picked] == [i for i in dict.fromkeys(picked) if i != "nowhere"]
    assert len(view.options) == 1 + len(offered)  # the picker still offers every outlook


def test_probabilities_that_do_not_sum_to_one_are_rescaled_into_an_expected_rank(shipped) -> None:
    problem, weights, offered = shipped
    picked = [BASE_ID, offered[2].id]
    view = outlook_view(problem, weights, offered, picked, probabilities={BASE_ID: 75, offered[2].id: 25, "gone": 5})
    assert view.comparison is not None and view.table is not None
    assert view.comparison.probabilities == {BASE_ID: 0.75, offered[2].id: 0.25}  # an unpicked one left out
    expected = rank_across_outlooks(problem, weights, view.picked, probabilities={BASE_ID: 3, offered[2].id: 1})
    assert view.table["Forventet plass"].tolist() == pytest.approx([e.expected_rank for e in expected.robust])
    assert "Forventet plass" not in outlook_view(problem, weights, offered, picked).table.columns  # type: ignore[union-attr]
    with pytest.raises(InputError) as caught:
        outlook_view(problem, weights, offered, picked, probabilities={BASE_ID: -1, offered[2].id: 1})
    assert caught.value.issues[0].code == "outlook_probability_negative"
    with pytest.raises(InputError) as caught:
        outlook_view(problem, weights, offered, picked, probabilities={BASE_ID: 0, offered[2].id: 0})
    assert caught.value.issues[0].code == "outlook_probability_zero"


def test_an_uploaded_problem_names_the_shipped_outlooks_that_do_not_apply(shipped, small) -> None:
    _, _, offered = shipped
    weights = WeightSet.equal(small.criterion_ids)
    view = outlook_view(small, weights, offered, [BASE_ID, *(o.id for o in offered)])
    assert view.notes == (OutlookNote("left_out", tuple(o.name.nb for o in offered)), OutlookNote("need_two"))
    assert [o.id for o in view.options] == [BASE_ID] and view.comparison is None
    english = outlook_view(small, weights, offered, [], lang="en").notes[0]
    assert english == OutlookNote("left_out", tuple(o.name.en for o in offered))
    # an outlook of one's own for this problem applies beside them
    view = outlook_view(small, weights, (*offered, OWN), [BASE_ID, "dearer"])
    assert view.notes[0].key == "left_out" and len(view.notes) == 1
    assert [o.id for o in view.options] == [BASE_ID, "dearer"]
    assert view.table is not None and sorted(view.table["Posisjon"]) == ["Alfa", "Beta", "Delta", "Gamma"]
    assert view.comparison == rank_across_outlooks(small, weights, view.picked)
    [changes] = view.changes
    assert changes.table.values.tolist() == [
        ["A", "Pris", "endres med 50", "Publisert tall", "[S1]", "Dyrere."],
        ["(vekt)", "Pris", "vekten ganges med 3", "Ekspertvurdering", "", "Prisen teller mer."],
    ]


def test_an_outlook_fits_only_a_problem_with_its_positions_criteria_and_sources(shipped, small) -> None:
    shipped_problem, _, offered = shipped
    assert all(fits_problem(o, shipped_problem) for o in offered)
    assert not any(fits_problem(o, small) for o in offered)
    assert fits_problem(OWN, small)
    assert not fits_problem(OWN, small.model_copy_validated(sources={}))  # [S1] is not in its bibliography
    options, left_out = sort_by_fit(small.model_copy_validated(sources={}), (OWN,))
    assert ([o.id for o in options], left_out) == ([BASE_ID], (OWN,))


def test_the_report_lists_the_same_ranks_and_changes_as_the_page(shipped) -> None:
    problem, weights, offered = shipped
    picked = [o.id for o in offered]
    view = outlook_view(problem, weights, offered, picked, probabilities=dict.fromkeys(picked, 1.0))
    assert view.comparison is not None and view.table is not None
    section = outlook_section(view.comparison, problem, "nb")
    ranks = next(b for b in section.parts[0].blocks if getattr(b, "key", "") == "outlook_ranks")
    assert [c for c in ranks.columns if c != "id"] == list(view.table.columns)  # the report adds the id
    assert [tuple(r[:1] + r[2:]) for r in ranks.rows] == list(view.table.itertuples(index=False, name=None))
    for outlook in offered:
        part = next(p for p in section.parts if p.key == f"outlook_{outlook.id}")
        table = next(b for b in part.blocks if getattr(b, "key", "") == f"outlook_changes_{outlook.id}")
        assert table.rows == tuple(change_rows(outlook, problem, "nb"))
        assert table.columns[0] == "Posisjoner"


def test_the_first_place_shares_largest_first(small) -> None:
    weights = WeightSet.equal(small.criterion_ids)
    result = outlook_acceptability(small, weights, [OWN], samples=400, seed=7, settings=RankingSettings())
    table = first_place_table(result, small, "nb")
    assert list(table.columns) == ["Posisjon", "Andel på førsteplass"]
    shares = result.first_share()
    names = {a.id: a.name.nb for a in small.alternatives}
    assert table["Posisjon"].tolist() == [names[a] for a in sorted(shares, key=lambda a: -shares[a])]
    assert table["Andel på førsteplass"].tolist()[0].endswith("%")
